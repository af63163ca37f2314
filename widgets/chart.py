"""A chart that a widget redraws, changed in place rather than drawn anew.

Showing a new figure in an ``Output`` widget on every change makes the browser throw the old chart
away and build a new one (JupyterLab's renderer then also redraws, resizes and snapshots it), and
it made Voila wait for a cell timeout. A :class:`LiveChart` is one small widget that stays on the
page: its state is the figure, and each change of state makes plotly.js ``react``, which changes
only what differs in the chart it already has.

Why not plotly's own ``FigureWidget``: it sends each change as a message that it resets at once
(``_py2js_update`` set, then None). Under load its browser side sometimes saw only the reset and
kept the old chart (seen in Voila with the suite running; plotly.py issue 4998 reports the same
kind of loss), and until its module had loaded, changes were lost as well. A figure kept as state
cannot be lost: whenever the browser draws, it draws the latest figure. It also never sized itself
to its box under anywidget; this chart follows its box (a ResizeObserver).

Views build their figures as plain dicts (cheap, no validation) or plotly figure objects and hand
them to :meth:`LiveChart.draw`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from widgets import look

Figure = Mapping[str, Any]  # {"data": [trace dicts], "layout": {...}}, as plotly's JSON

# The browser side: plotly.js (the copy plotly.py ships, loaded as a module: its UMD wrapper fills
# a local `module`), then a view that draws the figure state and redraws it when it changes.
_VIEW = """
const Plotly = module.exports;
const CONFIG = {displaylogo: false, responsive: false};

function draw(model, el) {
  const figure = model.get("figure") || {};
  const layout = {...(figure.layout || {}), template: model.get("template")};
  return Plotly.react(el, figure.data || [], layout, CONFIG);
}

export default {
  render({model, el}) {
    const redraw = () => { draw(model, el); };
    redraw();
    model.on("change:figure", redraw);
    // Drawn before it is on the page, the chart would keep plotly's default 700 px: measure
    // again whenever the box changes size (placed on the page, window resized, zoom).
    let width = 0;
    const watch = new ResizeObserver(() => {
      const now = el.clientWidth;
      if (now > 0 && now !== width && el.offsetParent !== null) {
        width = now;
        Plotly.Plots.resize(el).catch(() => {});
      }
    });
    watch.observe(el);
    return () => {
      watch.disconnect();
      model.off("change:figure", redraw);
      Plotly.purge(el);
    };
  },
};
"""


@cache
def chart_module() -> str:
    """The chart's ES module: plotly.js from the installed plotly, and the view above."""
    import plotly

    source = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    plotly_js = source.read_text(encoding="utf-8")
    return (
        "const module = {exports: {}};\n"
        "(function (module, exports, define) {\n"
        f"{plotly_js}\n"
        "}).call(globalThis, module, module.exports, undefined);\n"
        f"{_VIEW}"
    )


@cache
def _widget_class() -> type[Any]:
    import anywidget
    import traitlets

    class PlotlyChart(anywidget.AnyWidget):
        """A plotly chart whose figure is widget state (see the module docstring)."""

        _esm = chart_module()
        figure = traitlets.Dict().tag(sync=True)
        template = traitlets.Dict().tag(sync=True)

    return PlotlyChart


def as_json(figure: Figure | Any) -> dict[str, Any]:
    """A figure (dict or plotly object) as plain JSON: numbers, strings, lists, dicts.

    plotly's own encoder turns numpy arrays, pandas dates and the like into what plotly.js reads
    (arrays as typed-array blocks), so the widget state can be sent as it is.
    """
    import plotly.io as pio

    if not isinstance(figure, Mapping):
        figure = figure.to_dict()
    layout = {k: v for k, v in figure.get("layout", {}).items() if k != "template"}
    plain = {"data": list(figure.get("data", [])), "layout": layout}
    parsed: dict[str, Any] = json.loads(pio.to_json(plain, validate=False))
    return parsed


class LiveChart:
    """One plotly chart kept on the page; :meth:`draw` changes it in place, :meth:`hide` hides it.

    ``revision`` counts drawings and is written to the figure's ``layout.meta.revision``, so a
    browser test can tell a redrawn chart from the one before without relying on timing.
    """

    def __init__(self) -> None:
        import ipywidgets as w

        look.apply()
        self.widget = _widget_class()(template=look.template_json())
        self.box = w.Box([self.widget], layout=w.Layout(display="none"))
        self.box.add_class("course-chart")
        self.revision = 0

    @property
    def figure(self) -> dict[str, Any]:
        """The figure now on the page (plotly JSON)."""
        shown: dict[str, Any] = self.widget.figure
        return shown

    def draw(self, figure: Figure | Any) -> None:
        """Show ``figure`` (a dict, or a plotly figure object) in place of the one before."""
        new = as_json(figure)
        if new != {**self.figure, "layout": _without_meta(self.figure.get("layout", {}))}:
            self.revision += 1
            new["layout"]["meta"] = {"revision": self.revision}
            self.widget.figure = new
        self.box.layout.display = "block"  # a block, not a flex row: the chart takes the full width

    def hide(self) -> None:
        """Take the chart off the page (an impossible input has nothing to draw)."""
        self.box.layout.display = "none"

    @property
    def shown(self) -> bool:
        return bool(self.box.layout.display != "none")


def _without_meta(layout: Mapping[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in layout.items() if key != "meta"}
