"""One pattern for every model explorer: labelled sliders, a chart, and its text alternative."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from widgets.chart import LiveChart
from widgets.markup import escape

Render = Callable[..., tuple[str, Any]]  # slider values -> (summary text, figure or its dict)


def slider(description: str, value: float, low: float, high: float, step: float) -> Any:
    """A keyboard-usable slider with a readable label (arrow keys move one step)."""
    import ipywidgets as w

    return w.FloatSlider(
        value=value,
        min=low,
        max=high,
        step=step,
        description=description,
        continuous_update=False,
        style={"description_width": "28em"},  # long labels stay readable, not cut
        layout=w.Layout(width="48em"),
    )


class SliderExplorer:
    """Re-renders the chart and the summary whenever a control changes.

    ``render`` receives the current values by name. A ``ValueError`` from the model (an impossible
    combination of sliders) is shown in plain words and the chart is cleared, never a traceback.
    """

    def __init__(
        self, controls: dict[str, Any], render: Render, extra: tuple[Any, ...] = ()
    ) -> None:
        import ipywidgets as w

        self.controls = controls
        self.render = render
        self.text = w.HTML()
        self.chart = LiveChart()
        for control in controls.values():
            control.observe(self.update, names="value")
        self.box = w.VBox([*controls.values(), *extra, self.chart.box, self.text])
        self.box.add_class("course-explorer")  # a stable hook for CSS and browser tests
        self.summary = ""
        self.update()

    def values(self) -> dict[str, Any]:
        return {name: control.value for name, control in self.controls.items()}

    def update(self, _: object = None) -> None:
        try:
            self.summary, figure = self.render(**self.values())
        except ValueError as err:
            self.summary = f"Impossible combination: {err}."
            self.chart.hide()
            self.text.value = f"<p role='status'><b>{escape(self.summary)}</b></p>"
            return
        self.text.value = f"<p role='status'>{escape(self.summary)}</p>"
        self.chart.draw(figure)

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        bundle = self.box._repr_mimebundle_(**kwargs)
        if isinstance(bundle, dict):
            bundle["text/plain"] = self.summary
        return bundle
