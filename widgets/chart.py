"""A chart that a widget redraws, changed in place rather than drawn anew.

Showing a new figure in an ``Output`` widget on every change makes the browser throw the old chart
away and build a new one (JupyterLab's renderer then also redraws, resizes and snapshots it), and
it made Voila wait for a cell timeout. A :class:`LiveChart` is one small widget that stays on the
page: its state is the figure, and each change of state makes plotly.js ``react``, which changes
only what differs in the chart it already has.

Why not plotly's own ``FigureWidget``: it sends each change as a message that it resets at once
(``_py2js_update`` set, then None). Under load its browser side sometimes saw only the reset and
kept the old chart (seen in Voila with the suite running; plotly.py issue 4998 reports
FigureWidget views that miss their data under anywidget), and changes sent before its module had
loaded were lost as well. A figure kept as state
cannot be lost: whenever the browser draws, it draws the latest figure. It also never sized itself
to its box under anywidget; this chart follows its box (a ResizeObserver).

anywidget (0.11) gives a widget's module 2 s to load and, when a busy page takes longer, drops
every message the kernel sends to that widget from then on ("[anywidget] Failed to initialize
model"); charts that never drew under load (about one hostile-data run in eight) were that. So the
chart's module takes its messages from its comm itself (the page finds its model by ``ref``, the
model id the widget is made with), and a chart whose figure has not come asks the kernel again.

Views build their figures as plain dicts (cheap, no validation) or plotly figure objects and hand
them to :meth:`LiveChart.draw`.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from widgets import look

Figure = Mapping[str, Any]  # {"data": [trace dicts], "layout": {...}}, as plotly's JSON

# The browser side. plotly.js (the copy plotly.py ships) travels once per kernel, in one hidden
# PlotlyLibrary widget, and is evaluated once per page; each chart's own module is a few lines.
# anywidget gives a chart's module 2 s to load: a module carrying plotly.js (5 MB) missed that on
# a busy machine (see the module docstring for what anywidget then does).
_LIBRARY_WRAPPER = """const module = {exports: {}};
(function (module, exports, define) {
%s
}).call(globalThis, module, module.exports, undefined);
export default module.exports;
"""

_VIEW = """
function plotly(model) {
  if (!globalThis.__coursePlotly) {
    globalThis.__coursePlotly = (async () => {
      const library = await model.widget_manager.get_model(model.get("library"));
      const url = URL.createObjectURL(
        new Blob([library.get("source")], {type: "text/javascript"}));
      try {
        return (await import(url)).default;
      } finally {
        URL.revokeObjectURL(url);
      }
    })().catch(error => { globalThis.__coursePlotly = null; throw error; });
  }
  return globalThis.__coursePlotly;
}

const CONFIG = {displaylogo: false, responsive: false};

export default {
  async render({model, el}) {
    el.dataset.courseChart = "loading";  // for a test that finds a chart that never drew
    // anywidget drops every message to a model whose module took over 2 s to load (a busy page),
    // and such a chart never heard from the kernel again: take its messages directly, before
    // plotly.js (megabytes) loads.
    const raw = await model.widget_manager.get_model(model.get("ref"));
    const base = Object.getPrototypeOf(Object.getPrototypeOf(raw))._handle_comm_msg;
    if (base) raw.comm?.on_msg(message => base.call(raw, message));
    const probe = {content: {data: {method: "custom"}}};  // for a test: did anywidget fail?
    Promise.resolve(Object.getPrototypeOf(raw)._handle_comm_msg.call(raw, probe))
      .catch(() => { el.dataset.courseAnywidget = "failed"; });
    const Plotly = await plotly(model);
    el.dataset.courseChart = "rendered";
    let retries = 0;
    let asks = 0;
    const redraw = () => {
      const figure = model.get("figure") || {};
      if (!figure.layout) {
        // No figure yet (every drawing has a layout): draw no empty frame. If the kernel drew
        // one, its message was lost on a busy page: ask again, every 2 s, while on the page.
        if (asks < 10 && el.offsetParent !== null) {
          asks += 1;
          el.dataset.courseAsks = String(asks);
          model.send({event: "resend"});
          setTimeout(() => { if (!(model.get("figure") || {}).layout) redraw(); }, 2000);
        } else if (asks >= 10 && !el.querySelector(".course-chart-lost")) {
          const note = document.createElement("p");  // never a silent blank
          note.className = "course-chart-lost";
          note.textContent = "This chart did not reach the page: run the cell again to draw it.";
          el.appendChild(note);
        }
        return;
      }
      el.querySelector(".course-chart-lost")?.remove();
      const layout = {...(figure.layout || {}), template: model.get("template")};
      Promise.resolve()
        .then(() => Plotly.react(el, figure.data || [], layout, CONFIG))
        .then(() => null, error => error)
        .then(error => {
          // What the chart was asked to draw, for a test that finds it without data.
          el.dataset.courseTraces = String((figure.data || []).length);
          el.dataset.courseError = error ? String(error).slice(0, 200) : "";
          // A drawing that failed (a page too busy or not laid out yet) leaves a chart without
          // its data: try again shortly, a few times, rather than leave the learner a blank.
          const missing = (figure.data || []).length && !(el.data || []).length;
          if (!error && !missing) retries = 0;
          if ((error || missing) && retries < 10) {
            retries += 1;
            setTimeout(redraw, 1000);
          } else if (error) {
            throw error;  // still failing: the page reports it
          }
        });
    };
    redraw();
    model.on("change:figure", redraw);
    // A click on a map tells the kernel the place: the projection turns pixels into lon, lat.
    const clicked = event => {
      const geo = el._fullLayout && el._fullLayout.geo;
      const svg = el.querySelector(".main-svg");
      if (!model.get("clickable") || !geo || !geo._subplot || !svg) return;
      const size = el._fullLayout._size;
      const box = svg.getBoundingClientRect();
      const x = event.clientX - box.left - (size.l + size.w * geo.domain.x[0]);
      const y = event.clientY - box.top - (size.t + size.h * (1 - geo.domain.y[1]));
      const across = size.w * (geo.domain.x[1] - geo.domain.x[0]);
      const down = size.h * (geo.domain.y[1] - geo.domain.y[0]);
      if (x < 0 || y < 0 || x > across || y > down) return;  // the legend, the title: no place
      const place = geo._subplot.projection.invert([x, y]);
      if (place && place.every(Number.isFinite)) {
        model.send({event: "click", lon: place[0], lat: place[1]});
      }
    };
    el.addEventListener("click", clicked);
    // Drawn off the page, a chart keeps plotly's 700 px: measure again when its box resizes.
    let width = 0;
    const watch = new ResizeObserver(() => {
      const now = el.clientWidth;
      if (now > 0 && now !== width && el.offsetParent !== null) {
        width = now;
        Plotly.Plots.resize(el).catch(() => {});
      }
    });
    watch.observe(el);
    // A chart whose drawings all failed while it was off screen, or whose figure never came,
    // tries again when the learner scrolls to it.
    const seen = new IntersectionObserver(entries => {
      const figure = model.get("figure") || {};
      const lost = !figure.layout || ((figure.data || []).length && !(el.data || []).length);
      if (entries.some(e => e.isIntersecting) && lost) {
        retries = 0;
        redraw();
      }
    });
    seen.observe(el);
    return () => {
      el.removeEventListener("click", clicked);
      watch.disconnect();
      seen.disconnect();
      model.off("change:figure", redraw);
      Plotly.purge(el);
    };
  },
};
"""


@cache
def library_source() -> str:
    """plotly.js from the installed plotly, as an ES module whose default export is Plotly."""
    import plotly

    source = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    return _LIBRARY_WRAPPER % source.read_text(encoding="utf-8")


def _without_comments(source: str) -> str:
    """``source`` without its ``//`` comments (they are for readers here, not for each page)."""
    kept = (line for line in source.splitlines() if not line.lstrip().startswith("//"))
    return "\n".join(re.sub(r"\s+// .*$", "", line) for line in kept)


def chart_module() -> str:
    """The chart's own ES module (plotly.js comes from the kernel's PlotlyLibrary)."""
    return _without_comments(_VIEW)


@cache
def _library() -> Any:
    """The kernel's one PlotlyLibrary widget: never displayed, kept for the kernel's life."""
    import ipywidgets as w
    import traitlets

    class PlotlyLibrary(w.Widget):  # type: ignore[misc]
        """plotly.js for every chart of this kernel (a plain widget model: state only)."""

        source = traitlets.Unicode().tag(sync=True)

    return PlotlyLibrary(source=library_source())


@cache
def _widget_class() -> type[Any]:
    import anywidget
    import traitlets

    class PlotlyChart(anywidget.AnyWidget):
        """A plotly chart whose figure is widget state (see the module docstring)."""

        _esm = chart_module()
        figure = traitlets.Dict().tag(sync=True)
        template = traitlets.Dict().tag(sync=True)
        library = traitlets.Unicode().tag(sync=True)  # the PlotlyLibrary's model id
        ref = traitlets.Unicode().tag(sync=True)  # this chart's own model id (see _VIEW)
        clickable = traitlets.Bool(False).tag(sync=True)  # a map sends the places clicked

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
    try:  # already plain JSON (a view that builds its figure from lists and strings): a copy
        text = json.dumps(plain, allow_nan=False)
    except (TypeError, ValueError):  # numpy, pandas dates, NaN: plotly's own encoder
        text = pio.to_json(plain, validate=False)
    parsed: dict[str, Any] = json.loads(text)
    return parsed


class LiveChart:
    """One plotly chart kept on the page; :meth:`draw` changes it in place, :meth:`hide` hides it.

    ``revision`` counts drawings and is written to the figure's ``layout.meta.revision``, so a
    browser test can tell a redrawn chart from the one before without relying on timing.
    """

    def __init__(self) -> None:
        import ipywidgets as w

        look.apply()
        ref = uuid.uuid4().hex  # its model id, known to the page from its first message
        self.widget = _widget_class()(
            model_id=ref, ref=ref, template=look.template_json(), library=_library().model_id
        )
        self.box = w.Box([self.widget], layout=w.Layout(display="none"))
        self.box.add_class("course-chart")
        self.revision = 0
        self.widget.on_msg(self._resend)

    def _resend(self, _: Any, content: Any, buffers: Any) -> None:
        """The page asks for the figure again (it drew none): send the one drawn last."""
        if isinstance(content, dict) and content.get("event") == "resend" and self.widget.figure:
            self.widget.send_state("figure")

    @property
    def figure(self) -> dict[str, Any]:
        """The figure now on the page (plotly JSON)."""
        shown: dict[str, Any] = self.widget.figure
        return shown

    def draw(self, figure: Figure | Any) -> None:
        """Show ``figure`` (a dict, or a plotly figure object) in place of the one before."""
        new = as_json(figure)
        self.revision += 1
        new["layout"]["meta"] = {"revision": self.revision}
        self.widget.figure = new
        self.box.layout.display = "block"  # a block, not a flex row: the chart takes the full width

    def on_click(self, callback: Callable[[float, float], None]) -> None:
        """Call ``callback(lat, lon)`` when the learner clicks a place on this chart (a map)."""

        def message(_: Any, content: Any, buffers: Any) -> None:
            if not isinstance(content, dict) or content.get("event") != "click":
                return
            lat, lon = content.get("lat"), content.get("lon")
            if isinstance(lat, int | float) and isinstance(lon, int | float):
                callback(float(lat), float(lon))

        self.widget.clickable = True
        self.widget.on_msg(message)

    def hide(self) -> None:
        """Take the chart off the page (an impossible input has nothing to draw)."""
        self.box.layout.display = "none"

    @property
    def shown(self) -> bool:
        return bool(self.box.layout.display != "none")
