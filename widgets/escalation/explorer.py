"""One pattern for every model explorer: labelled sliders, a chart, and its text alternative.

Predict, commit, reveal, twice over: :class:`PredictFirst` keeps an explorer (and so its verdict)
off the page until the learner has committed a prediction, and inside an explorer the model's
formula opens only once the learner has moved a slider (:class:`SliderExplorer`'s ``formula``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from widgets.chart import LiveChart
from widgets.classroom.reveal import Reveal
from widgets.escalation.models import Formula
from widgets.markup import escape

Render = Callable[..., tuple[str, Any]]  # slider values -> (summary text, figure or its dict)
FormulaOf = Callable[..., Formula]  # slider values -> the model's rule, general and worked

FORMULA_WAIT = "Move a slider first: the formula behind the chart opens once you have tried it."


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


def formula_html(formula: Formula) -> str:
    """A model's formula as readable HTML: the rule, then the rule with the learner's numbers."""
    rule = "".join(f"<li>{escape(line)}</li>" for line in formula.general)
    numbers = "".join(f"<li>{escape(line)}</li>" for line in formula.worked)
    return (
        "<div class='course-formula' style='font-size:1.05em'>"
        f"<p><b>The model's rule</b></p><ul>{rule}</ul>"
        f"<p><b>With your sliders</b></p><ul>{numbers}</ul></div>"
    )


class SliderExplorer:
    """Re-renders the chart and the summary whenever a control changes.

    ``render`` receives the current values by name. A ``ValueError`` from the model (an impossible
    combination of sliders) is shown in plain words and the chart is cleared, never a traceback.
    Controls named in ``more`` sit in a closed "More settings" section, so a learner meets only
    the main sliders first. ``formula`` (values -> the model's general and worked lines) is shown
    after the learner's first slider move, and then follows the sliders.
    """

    def __init__(
        self,
        controls: dict[str, Any],
        render: Render,
        extra: tuple[Any, ...] = (),
        *,
        more: Sequence[str] = (),
        formula: FormulaOf | None = None,
    ) -> None:
        import ipywidgets as w

        self.controls = controls
        self.render = render
        self.formula = formula
        self.text = w.HTML()
        self.chart = LiveChart()
        self.formula_text = w.HTML()
        self.formula_reveal = Reveal(
            self._formula_widget, what="the formula", wait_for=FORMULA_WAIT
        )
        self.moved = False
        for control in controls.values():
            control.observe(self.update, names="value")
        main = [c for name, c in controls.items() if name not in more]
        if more:
            others = w.Accordion(children=[w.VBox([controls[name] for name in more])])
            others.set_title(0, "More settings")
            others.selected_index = None
            main.append(others)
        shown_formula = [self.formula_reveal.box] if formula is not None else []
        self.box = w.VBox([*main, *extra, self.chart.box, self.text, *shown_formula])
        self.box.add_class("course-explorer")  # a stable hook for CSS and browser tests
        self.summary = ""
        self._draw()

    def values(self) -> dict[str, Any]:
        return {name: control.value for name, control in self.controls.items()}

    def update(self, _: object = None) -> None:
        """A control changed: the learner has tried the model, so the formula may open."""
        if not self.moved:
            self.moved = True
            self.formula_reveal.unlock()
        self._draw()

    def _formula_widget(self) -> Any:
        self._draw_formula()
        return self.formula_text

    def _draw_formula(self) -> None:
        if self.formula is None:
            return
        try:
            formula = self.formula(**self.values())
        except ValueError:  # the summary says in words why this combination is impossible
            self.formula_text.value = "<p><i>No numbers to put in: see the message above.</i></p>"
            return
        self.formula_text.value = formula_html(formula)

    def _draw(self) -> None:
        try:
            self.summary, figure = self.render(**self.values())
        except ValueError as err:
            self.summary = f"Impossible combination: {err}."
            self.chart.hide()
            self.text.value = f"<p role='status'><b>{escape(self.summary)}</b></p>"
        else:
            self.text.value = f"<p role='status'>{escape(self.summary)}</p>"
            self.chart.draw(figure)
        if self.formula_reveal.revealed:
            self._draw_formula()

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        bundle = self.box._repr_mimebundle_(**kwargs)
        if isinstance(bundle, dict):
            bundle["text/plain"] = self.summary
        return bundle


class PredictFirst:
    """A prediction, then the explorer: ``make`` builds the explorer (its chart and its verdict)
    only once the learner has committed an answer to ``question``, and it opens at once then.

    A learner who answered in an earlier session finds the button live and opens it herself.
    """

    def __init__(
        self,
        question: Any,
        make: Callable[[], SliderExplorer],
        *,
        what: str = "the explorer",
    ) -> None:
        import ipywidgets as w

        self.question = question  # a QuestionWidget or NumericQuestionWidget
        self._make = make
        self.explorer: SliderExplorer | None = None
        self.reveal = Reveal.after(
            question,
            self._build,
            what=what,
            wait_for="Save your prediction above first: the explorer opens then.",
        )
        question.on_saved(self.reveal.reveal)
        self.box = w.VBox([question.box, self.reveal.box])
        self.box.add_class("course-predict-first")  # a stable hook for CSS and browser tests

    def _build(self) -> Any:
        self.explorer = self._make()
        return self.explorer.box

    def values(self) -> dict[str, Any]:
        """The explorer's current values (empty before the learner has opened it)."""
        return {} if self.explorer is None else self.explorer.values()

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        bundle = self.box._repr_mimebundle_(**kwargs)
        if isinstance(bundle, dict):
            bundle["text/plain"] = self.question.question.prompt
        return bundle
