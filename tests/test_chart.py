"""LiveChart: the figure is widget state, changed in place; the browser module draws it."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from widgets.chart import LiveChart, as_json, chart_module


def bars(ys: list[float], title: str = "t") -> dict[str, Any]:
    return {"data": [{"type": "bar", "x": ["a", "b", "c"], "y": ys}], "layout": {"title": title}}


def sent_states(chart: LiveChart) -> list[dict[str, Any]]:
    """Record each figure the widget would send to the browser."""
    sent: list[dict[str, Any]] = []
    chart.widget.observe(lambda change: sent.append(change["new"]), names="figure")
    return sent


def test_nothing_is_on_the_page_before_the_first_drawing() -> None:
    chart = LiveChart()
    assert not chart.shown and chart.figure == {}


def test_a_redraw_changes_the_state_of_the_same_widget() -> None:
    chart = LiveChart()
    chart.draw(bars([1, 2, 3]))
    widget = chart.widget
    sent = sent_states(chart)
    chart.draw(bars([4, 5, 6]))
    assert chart.widget is widget and chart.box.children == (widget,), "the chart stays on the page"
    assert chart.figure["data"][0]["y"] == [4, 5, 6]
    assert chart.figure["layout"]["meta"] == {"revision": 2}
    assert len(sent) == 1, "one state change per drawing"


def test_a_dropped_property_is_gone_from_the_chart() -> None:
    chart = LiveChart()
    chart.draw({"data": [{"type": "bar", "y": [1], "marker": {"color": "#0072B2"}}]})
    chart.draw({"data": [{"type": "bar", "y": [1]}]})
    assert "marker" not in chart.figure["data"][0], "the state is the whole figure, not a patch"


def test_figures_become_plain_json_for_the_browser() -> None:
    figure = go.Figure(go.Heatmap(z=np.arange(6.0).reshape(2, 3)))
    figure.add_scatter(x=pd.to_datetime(["2020-01-03", "2020-01-08"]), y=np.array([1, 2]))
    plain = as_json(figure)
    assert json.loads(json.dumps(plain)) == plain, "only JSON types"
    assert [x[:10] for x in plain["data"][1]["x"]] == ["2020-01-03", "2020-01-08"]
    assert plain["data"][0]["z"]["shape"] == "2, 3", "arrays keep their shape (plotly.js reads it)"
    assert "template" not in plain["layout"], "the template is sent once, apart"


def test_hide_takes_the_chart_off_the_page_until_the_next_drawing() -> None:
    chart = LiveChart()
    chart.draw(bars([1, 2, 3]))
    chart.hide()
    assert not chart.shown
    chart.draw(bars([1, 2, 3]))
    assert chart.shown


def test_the_course_template_is_state_of_its_own() -> None:
    chart = LiveChart()
    colours = chart.widget.template["layout"]["colorway"]
    assert colours[0] == "#0072B2", "the colour-blind-safe palette reaches the browser"


def test_plotly_js_travels_once_per_kernel_not_once_per_chart() -> None:
    from widgets.chart import library_source

    first, second = LiveChart(), LiveChart()
    assert first.widget.library == second.widget.library != "", "both name one library widget"
    assert len(chart_module()) < 5_000, "a chart's own module is small (anywidget allows it 2 s)"
    source = library_source()
    assert "plotly.js v" in source[:500], "plotly.js comes from the installed plotly: no CDN"
    assert source.rstrip().endswith("export default module.exports;")


def test_the_browser_module_draws_the_state_and_follows_its_box() -> None:
    module = chart_module()
    assert 'model.on("change:figure", redraw)' in module and "Plotly.react(" in module
    assert 'model.widget_manager.get_model(model.get("library"))' in module
    assert "new ResizeObserver(" in module


def test_the_page_finds_the_chart_s_model_to_take_its_messages_itself() -> None:
    chart = LiveChart()
    assert chart.widget.ref == chart.widget.model_id != ""  # known from the first message
    module = chart_module()
    assert 'model.widget_manager.get_model(model.get("ref"))' in module
    assert "raw.comm?.on_msg(" in module  # past anywidget's handler (tests/browser/test_chart.py)
    assert "//" not in module, "comments stay in the Python source"


def test_a_page_that_drew_no_figure_is_sent_the_figure_again() -> None:
    chart = LiveChart()
    sent: list[object] = []
    chart.widget.send_state = lambda key=None: sent.append(key)
    chart.widget._handle_custom_msg({"event": "resend"}, [])
    assert sent == []  # nothing drawn yet: nothing to send
    chart.draw(bars([1, 2, 3]))
    sent.clear()  # the drawing's own message
    chart.widget._handle_custom_msg({"event": "resend"}, [])
    chart.widget._handle_custom_msg({"event": "click", "lat": 1, "lon": 2}, [])
    assert sent == ["figure"]  # once, for the page's one request
    module = chart_module()
    assert 'model.send({event: "resend"})' in module
    assert "new IntersectionObserver(" in module  # a chart off screen draws again when seen
    assert "run the cell again to draw it" in module  # asked in vain: the learner is told
