"""LiveChart: a redraw changes the same FigureWidget in place and sends only what changed."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
import pytest

from widgets.chart import LiveChart, changes, same_shape


def bars(ys: list[float], title: str = "t", colour: str | None = None) -> dict[str, Any]:
    trace: dict[str, Any] = {"type": "bar", "x": ["a", "b", "c"], "y": ys}
    if colour is not None:
        trace["marker"] = {"color": colour}
    return {"data": [trace], "layout": {"title": {"text": title}}}


def browser_answers(chart: LiveChart) -> None:
    """What the browser sends once it has drawn the chart: plotly's layout defaults."""
    figure = chart.figure
    figure._js2py_layoutDelta = {"layout_delta": {}, "layout_edit_id": figure._last_layout_edit_id}


def sent_messages(chart: LiveChart) -> list[dict[str, Any]]:
    """Record what the FigureWidget would send to the browser (its py2js update messages)."""
    sent: list[dict[str, Any]] = []
    chart.figure.observe(
        lambda change: sent.append(change["new"]) if change["new"] else None,
        names=["_py2js_update", "_py2js_restyle", "_py2js_relayout", "_py2js_addTraces"],
    )
    return sent


def test_until_the_browser_has_drawn_each_drawing_is_a_whole_new_chart() -> None:
    chart = LiveChart()
    assert not chart.shown and chart.figure is None, "nothing is on the page before a drawing"
    chart.draw(bars([1, 2, 3]))
    first = chart.figure
    assert chart.shown and chart.box.children == (first,) and first.data[0].y == (1, 2, 3)
    chart.draw(bars([4, 5, 6]))
    assert chart.figure is not first and chart.box.children == (chart.figure,)
    assert first.comm is None, "the replaced chart is closed"
    assert chart.figure.data[0].y == (4, 5, 6) and chart.figure.layout.meta == {"revision": 2}


def test_a_redraw_changes_the_same_figure_in_place() -> None:
    chart = LiveChart()
    chart.draw(bars([1, 2, 3]))
    browser_answers(chart)
    figure = chart.figure
    sent = sent_messages(chart)
    chart.draw(bars([4, 5, 6]))
    assert chart.figure is figure and len(figure.data) == 1
    assert figure.data[0].y == (4, 5, 6) and figure.layout.meta == {"revision": 2}
    assert len(sent) == 1, f"one update message per redraw, got {sent}"
    restyle = sent[0]["style_data"]
    assert set(restyle) == {"y"}, "only the property that changed is sent"


def test_unchanged_properties_are_not_sent_again() -> None:
    chart = LiveChart()
    chart.draw(bars([1, 2, 3], title="same"))
    browser_answers(chart)
    sent = sent_messages(chart)
    chart.draw(bars([1, 2, 3], title="same"))
    layout = sent[0]["layout_data"]
    assert set(layout) == {"meta"} and not sent[0]["style_data"]


def test_a_dropped_property_is_reset() -> None:
    chart = LiveChart()
    chart.draw(bars([1, 2, 3], colour="#0072B2"))
    browser_answers(chart)
    assert chart.figure.data[0].marker.color == "#0072B2"
    chart.draw(bars([1, 2, 3]))
    assert chart.figure.data[0].marker.color is None


def test_a_different_set_of_traces_is_rebuilt() -> None:
    chart = LiveChart()
    chart.draw(bars([1, 2, 3]))
    browser_answers(chart)
    figure = chart.figure
    line = {"type": "scatter", "x": [0, 1], "y": [1, 0]}
    chart.draw({"data": [line, line], "layout": {}})
    assert [t.type for t in chart.figure.data] == ["scatter", "scatter"]
    assert chart.figure is figure, "changed in place"
    assert chart.figure.layout.title.text is None, "the old title does not linger"


def test_plotly_figure_objects_are_accepted_with_array_data() -> None:
    import numpy as np

    chart = LiveChart()
    chart.draw(go.Figure(go.Scatter(x=np.arange(3), y=np.array([1.0, 2.0, 3.0]))))
    browser_answers(chart)
    chart.draw(go.Figure(go.Scatter(x=np.arange(3), y=np.array([1.0, 2.0, 4.0]))))
    assert tuple(chart.figure.data[0].y) == (1.0, 2.0, 4.0)


def test_hide_takes_the_chart_off_the_page_until_the_next_drawing() -> None:
    chart = LiveChart()
    chart.draw(bars([1, 2, 3]))
    chart.hide()
    assert not chart.shown
    chart.draw(bars([1, 2, 3]))
    assert chart.shown


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ({"a": 1}, {"a": 1}, {}),
        ({"a": 1}, {"a": 2}, {"a": 2}),
        ({"a": 1, "b": 2}, {"a": 1}, {"b": None}),
        ({}, {"c": [1, 2]}, {"c": [1, 2]}),
    ],
)
def test_changes(old: dict[str, Any], new: dict[str, Any], expected: dict[str, Any]) -> None:
    assert changes(old, new) == expected


def test_same_shape_compares_trace_types_in_order() -> None:
    assert same_shape(bars([1]), bars([2]))
    assert not same_shape(bars([1]), {"data": [{"type": "scatter"}]})
    assert not same_shape(bars([1]), {"data": []})


def test_two_dimensional_arrays_keep_their_shape() -> None:
    import numpy as np

    chart = LiveChart()
    chart.draw(go.Figure(go.Heatmap(z=np.arange(6.0).reshape(2, 3))))
    assert np.asarray(chart.figure.data[0].z).shape == (2, 3)


def test_a_failed_drawing_is_rebuilt_whole_at_the_next_one() -> None:
    chart = LiveChart()
    chart.draw(bars([1, 2, 3]))
    browser_answers(chart)
    broken = bars([1, 2, 3])
    broken["data"][0]["no_such_property"] = 1
    with pytest.raises(ValueError):
        chart.draw(broken)
    assert not chart.answered, "after a failed update the next drawing starts a new chart"
    chart.draw(bars([7, 8, 9]))
    assert len(chart.figure.data) == 1 and chart.figure.data[0].y == (7, 8, 9)


def test_the_pinned_plotly_gets_charts_that_resize_to_their_box() -> None:
    from widgets.chart import _RESIZING_RENDER

    chart = LiveChart()
    chart.draw(bars([1]))
    assert isinstance(chart.figure, go.FigureWidget)
    assert type(chart.figure).__name__ == "CourseFigureWidget", "plotly's bundle was patched"
    assert _RESIZING_RENDER in str(chart.figure._esm), "the view observes its size"
