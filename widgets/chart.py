"""A chart that a widget redraws, updated in place rather than drawn anew.

Showing a new figure in an ``Output`` widget on every change makes the browser throw the old chart
away and build a new one (JupyterLab's renderer then also redraws, resizes and snapshots it), and
resends every trace, the map's ~90 KB included. A plotly ``FigureWidget`` stays on the page: each
change sends only the properties that differ from the last drawing, and plotly.js restyles the
chart it already has.

Views build their figures as plain dicts (cheap, no validation) and hand them to
:meth:`LiveChart.draw`; only what changed is validated and sent.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from widgets import look

Figure = Mapping[str, Any]  # {"data": [trace dicts], "layout": {...}}, as plotly's JSON


def changes(old: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, Any]:
    """The top-level properties of ``new`` that differ from ``old``; dropped ones become None."""
    delta = {key: value for key, value in new.items() if not _equal(old.get(key), value)}
    delta.update({key: None for key in old if key not in new})
    return delta


def _equal(a: Any, b: Any) -> bool:
    """Equality that also holds for numpy arrays (plotly figure objects keep data as arrays)."""
    try:
        return bool(a == b)
    except ValueError:  # an array compared element-wise has no single truth value
        import numpy as np

        return bool(np.array_equal(np.asarray(a), np.asarray(b)))


# plotly 7.1's FigureWidget never resizes under anywidget: its view is built before it is on the
# page, so plotly.js draws at its default 700 px, and the code that would measure again runs only
# under ipywidgets' own (Lumino) views. The course's subclass adds a ResizeObserver to the view:
# the chart fills its box, and follows the window and a projector's zoom. The patch targets the
# pinned plotly (tests/test_chart.py fails if the bundle no longer has the expected code).
_RENDER = "render({el:ne}){let ge=new MD(Q,ne);return ge.perform_render(),()=>ge.remove()}"
_RESIZING_RENDER = (
    "render({el:ne}){let ge=new MD(Q,ne);ge.perform_render();let w=0;"
    "const ro=new ResizeObserver(()=>{const x=ne.clientWidth;"
    "if(x>0&&x!==w&&ne.offsetParent!==null){w=x;ge.autosizeFigure()}});"
    "ro.observe(ne);return()=>{ro.disconnect();ge.remove()}}"
)


@cache
def figure_widget_class() -> type[Any]:
    """plotly's FigureWidget, with a view that resizes its chart to its box (see above)."""
    from pathlib import Path

    import plotly
    import plotly.graph_objects as go

    bundle = Path(plotly.__file__).parent / "package_data" / "widgetbundle.js"
    source = bundle.read_text(encoding="utf-8")
    plain: type[Any] = go.FigureWidget
    if _RENDER not in source:
        return plain  # another plotly: charts keep plotly's own sizing

    class CourseFigureWidget(go.FigureWidget):  # type: ignore[misc]
        _esm = source.replace(_RENDER, _RESIZING_RENDER)

    return CourseFigureWidget


def same_shape(old: Figure, new: Figure) -> bool:
    """True if both figures have the same number of traces, of the same types, in order."""
    before = [trace.get("type", "scatter") for trace in old.get("data", [])]
    after = [trace.get("type", "scatter") for trace in new.get("data", [])]
    return before == after


class LiveChart:
    """One plotly chart kept on the page; :meth:`draw` changes it in place, :meth:`hide` hides it.

    A FigureWidget's browser side applies an update only once its 5 MB module has loaded and its
    view has drawn: an update sent before then is lost, and the chart would show its first state
    (a lesson cell that changes a widget right after creating it, or Voila running the lesson
    before the page is drawn). So until the browser has answered with its first drawing, each
    :meth:`draw` makes a new FigureWidget whose starting state is the whole figure; after that,
    only what changed is sent. Without a browser (tests, nbval) every drawing is such a rebuild.

    ``revision`` counts drawings and is written to the figure's ``layout.meta.revision``, so a
    browser test can tell a redrawn chart from the one before without relying on timing.
    """

    def __init__(self) -> None:
        import ipywidgets as w

        look.apply()
        self.figure: Any = None  # the FigureWidget on the page, made at the first drawing
        self.box = w.Box([], layout=w.Layout(display="none"))
        self.box.add_class("course-chart")
        self.revision = 0
        self.answered = False  # has the browser drawn the current FigureWidget?
        self._last: dict[str, Any] = {"data": [], "layout": {}}

    def draw(self, figure: Figure | Any) -> None:
        """Show ``figure`` (a dict, or a plotly figure object), sending only what changed."""
        new = _as_dict(figure)
        self.revision += 1
        layout = {**new.get("layout", {}), "meta": {"revision": self.revision}}
        new = {"data": list(new.get("data", [])), "layout": layout}
        if self.figure is None or not self.answered:
            self._replace(new)
        else:
            try:
                self._update(new)
            except Exception:
                self.answered = False  # unknown state: the next drawing starts a new chart
                raise
        self._last = new
        self.box.layout.display = "block"  # a block, not a flex row: the chart takes the full width

    def _replace(self, new: dict[str, Any]) -> None:
        figure = figure_widget_class()(
            data=new["data"], layout={"template": look.TEMPLATE, **new["layout"]}
        )
        # The browser reports its first drawing back (plotly's layout and trace defaults).
        figure.observe(self._on_answer, names=["_js2py_layoutDelta", "_js2py_traceDeltas"])
        old, self.figure, self.answered = self.figure, figure, False
        self.box.children = (figure,)
        if old is not None:
            old.close()

    def _on_answer(self, change: Mapping[str, Any]) -> None:
        if change["new"] and change["owner"] is self.figure:  # not a late word from a replaced one
            self.answered = True

    def _update(self, new: dict[str, Any]) -> None:
        fig, layout = self.figure, new["layout"]
        if not same_shape(self._last, new):
            # Layout first: a map trace added to a chart without its geo settings would make
            # plotly.js fetch its default base map from a CDN.
            fig.data = ()
            fig.layout.update(changes(self._last["layout"], layout), overwrite=True)
            fig.add_traces(new["data"])
            return
        with fig.batch_update():
            for trace, old, fresh in zip(fig.data, self._last["data"], new["data"], strict=True):
                delta = changes(old, fresh)
                if delta:
                    trace.update(delta, overwrite=True)
            delta = changes(self._last["layout"], layout)
            if delta:
                fig.layout.update(delta, overwrite=True)

    def hide(self) -> None:
        """Take the chart off the page (an impossible input has nothing to draw)."""
        self.box.layout.display = "none"

    @property
    def shown(self) -> bool:
        return bool(self.box.layout.display != "none")


def _as_dict(figure: Figure | Any) -> dict[str, Any]:
    if isinstance(figure, Mapping):
        return dict(figure)
    as_dict: dict[str, Any] = _decoded(figure.to_dict())
    layout = dict(as_dict.get("layout", {}))
    layout.pop("template", None)  # the chart keeps the course template it was made with
    return {"data": as_dict.get("data", []), "layout": layout}


def _decoded(value: Any) -> Any:
    """Turn plotly's base64 typed arrays ({"dtype", "bdata"}) back into numpy arrays."""
    if isinstance(value, dict):
        if "bdata" in value and "dtype" in value:
            import base64

            import numpy as np

            array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
            shape = value.get("shape")  # "2, 3" for a 2-D array
            if shape is None:
                return array
            return array.reshape([int(n) for n in str(shape).split(",")])
        return {key: _decoded(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_decoded(item) for item in value]
    return value
