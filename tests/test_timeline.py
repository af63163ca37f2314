"""The timeline: filters, "known by", NATO's history, details with sources, and the view."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from widgets.data import load
from widgets.geo import place_map
from widgets.sources import Source
from widgets.timeline.model import (
    SEARCHED,
    TimelineQuery,
    crisis_events,
    crisis_level,
    details,
    filter_events,
    history_events,
    lanes,
)

EVENTS = crisis_events()
KINDS = tuple(EVENTS["kind"].unique())


def query(**changes: object) -> TimelineQuery:
    base = {"lanes": lanes(), "kinds": KINDS, "start": "2019-06-01", "end": "2020-03-31"}
    return TimelineQuery(**{**base, **changes})  # type: ignore[arg-type]


def tiny() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "event_id": ["a", "b", "c"],
            "date": pd.to_datetime(["2020-01-01", "2020-01-05", "2020-01-10"]),
            "known_on": pd.to_datetime(["2020-01-01", "2020-01-20", "2020-01-10"]),
            "lane": ["United States", "Iraq", "United States"],
            "kind": ["strike", "statement", "casualty report"],
            "action": ["US strike", "Baghdad protests", "Count of injured"],
            "actor": ["US", "Iraq", "DoD"],
            "rung": [6, None, None],
        }
    )


def test_filters_on_a_small_frame() -> None:
    frame = tiny()
    kinds = ("strike", "statement", "casualty report")
    assert list(filter_events(frame, query(kinds=kinds))["event_id"]) == ["a", "b", "c"]
    assert list(filter_events(frame, query(kinds=kinds, lanes=("Iraq",)))["event_id"]) == ["b"]
    assert list(filter_events(frame, query(kinds=("strike",)))["event_id"]) == ["a"]
    assert list(filter_events(frame, query(kinds=kinds, search="INJURED"))["event_id"]) == ["c"]
    window = query(kinds=kinds, start="2020-01-02", end="2020-01-09")
    assert list(filter_events(frame, window)["event_id"]) == ["b"]
    # b happened on the 5th but was only reported on the 20th
    assert list(filter_events(frame, query(kinds=kinds, known_by="2020-01-12"))["event_id"]) == [
        "a",
        "c",
    ]


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"lanes": ()}, "No side is selected"),
        ({"kinds": ()}, "No kind of event is selected"),
        ({"start": "2020-02-01", "end": "2020-01-01"}, "ends (01 Jan 2020) before it starts"),
        ({"start": "soon"}, "not a date"),
    ],
)
def test_impossible_filters_say_why(changes: dict[str, object], words: str) -> None:
    with pytest.raises(ValueError, match=words.replace("(", r"\(").replace(")", r"\)")):
        filter_events(EVENTS, query(**changes))


def test_what_was_known_when_stoltenberg_spoke() -> None:
    known = filter_events(EVENTS, query(known_by="2020-01-06"))
    assert "2020-01-03-soleimani-strike" in set(known["event_id"])
    assert "2020-01-08-ain-al-asad-strike" not in set(known["event_id"])
    assert known["known_on"].max() <= pd.Timestamp("2020-01-06")


def test_the_injury_count_as_known_on_20_january() -> None:
    reports = filter_events(EVENTS, query(kinds=("casualty report",), known_by="2020-01-20"))
    figures = [text.split()[0] for text in reports["casualties"] if "US" in text]
    assert figures == ["0", "11"]


def test_every_event_is_valid() -> None:
    sources = set(load("sources")["source_id"])
    assert EVENTS["date"].between("2019-06-01", "2020-02-29").all()
    located = EVENTS.dropna(subset=["lat", "lon"])
    assert located["lat"].between(-90, 90).all() and located["lon"].between(-180, 180).all()
    from widgets.data import schema

    kinds = next(f for f in schema("events")["fields"] if f["name"] == "kind")
    assert set(EVENTS["kind"]) <= set(kinds["constraints"]["enum"])
    for cell in EVENTS["source_id"]:
        assert set(cell) <= sources


def test_history_mode_lists_invocations_and_enlargement() -> None:
    history = history_events()
    invocations = load("invocations")
    # one event per invocation and per enlargement round, whatever the tables hold today
    assert (
        (history["kind"] == "Article 4 consultations").sum()
        == (invocations["article"] == 4).sum()
        > 0
    )
    assert (
        (history["kind"] == "Article 5 decision").sum() == (invocations["article"] == 5).sum() > 0
    )
    assert (history["kind"] == "enlargement").sum() == load("members")["joined"].nunique()
    assert len(history) == len(invocations) + load("members")["joined"].nunique()
    assert history["date"].is_monotonic_increasing
    assert "Germany became a Party" in " ".join(history["action"])


def test_crisis_level_rises_and_falls() -> None:
    level = crisis_level(EVENTS, "2019-12-20", "2020-02-29").set_index("date")["level"]
    assert level["2020-01-03"] == 7
    assert level["2019-12-29"] == 6
    assert level["2020-02-29"] < 7  # two weeks after the last strike, the band comes down


def test_details_resolve_every_source() -> None:
    event = EVENTS.set_index("event_id").loc["2020-01-03-soleimani-strike"]
    assert isinstance(event, pd.Series)
    sources = details(event)["sources"]
    assert isinstance(sources, tuple) and all(isinstance(s, Source) for s in sources)
    assert [s.source_id for s in sources] == list(event["source_id"])
    assert all(s.publisher and s.title for s in sources)


def test_offline_map_uses_no_plotly_base_layers() -> None:
    figure = place_map(33.26, 44.23, "Baghdad airport")
    geo = figure.layout.geo
    assert not any([geo.showland, geo.showcoastlines, geo.showcountries, geo.showocean])
    assert len(figure.data[0].lon) > 1000  # the outlines travel inside the figure
    with pytest.raises(ValueError, match="not a place on Earth"):
        place_map(95, 44, "nowhere")


def test_view_keeps_chart_list_and_table_in_sync(capsys: pytest.CaptureFixture[str]) -> None:
    from widgets.timeline.view import HISTORY, TimelineView

    view = TimelineView()
    assert f"{len(EVENTS)} of {len(EVENTS)} events" in view.message.value
    view.search.value = "brain"
    text = EVENTS[[c for c in SEARCHED if c in EVENTS]].astype("string").fillna("")
    hits = int(
        text.apply(lambda column: column.str.contains("brain", case=False)).any(axis=1).sum()
    )
    assert 0 < hits < len(EVENTS)
    assert f"{hits} of {len(EVENTS)}" in view.message.value
    assert view.table.value.count("<tr>") == hits + 1  # header + one row per event
    assert len(view.pick.options) == hits + 1 and view.pick.options[0][1] is None
    assert view.pick.label.startswith("(choose an event"), "the list says what to choose"
    assert view.detail.value == ""
    view.pick.value = view.pick.options[1][1]
    assert "Sources" in view.detail.value and "<a href=" in view.detail.value
    view.search.value = ""
    for box in view.lanes.values():
        box.value = False
    assert "No side is selected" in view.message.value and view.table.value == ""
    for box in view.lanes.values():
        box.value = True
    view.known.value = pd.Timestamp("2020-01-06")
    assert "as known by 06 Jan 2020" in view.message.value
    view.mode.value = HISTORY
    everything = len(history_events())
    assert f"{everything} of {everything} events" in view.message.value
    capsys.readouterr()


def test_timeline_figure_has_a_band_and_one_trace_per_kind() -> None:
    from widgets.timeline.view import timeline_figure

    shown = filter_events(EVENTS, query())
    level = crisis_level(EVENTS, "2019-06-01", "2020-02-29")
    figure = timeline_figure(shown, level, sorted(KINDS))
    *kinds, band = figure["data"]
    assert band["yaxis"] == "y3" and max(band["y"]) == 7  # its own panel, under the lanes
    assert figure["layout"]["yaxis3"]["domain"][1] < figure["layout"]["yaxis"]["domain"][0]
    assert sorted(trace["name"] for trace in kinds) == sorted(shown["kind"].unique())
    assert sum(len(trace["x"]) for trace in kinds) == len(shown)
    symbols = {trace["marker"]["symbol"] for trace in kinds}
    assert len(symbols) == len(kinds), "each kind has its own marker shape, not only a colour"


def test_known_by_is_a_few_presses_away() -> None:
    """Typing a day, or stepping from one news day to the next, sets "Known by"."""
    from widgets.timeline.view import TimelineView

    view = TimelineView()
    view.known_day.value = "2020-01-06"
    assert view.known.value == pd.Timestamp("2020-01-06")
    assert "as known by 06 Jan 2020" in view.message.value
    view.step_known(+1)
    after = view.known.value
    assert after > pd.Timestamp("2020-01-06") and after in view.news_days()
    view.step_known(-1)
    assert view.known.value == pd.Timestamp("2020-01-06") or view.known.value < after
    view.known_day.value = "6 January"
    assert "YYYY-MM-DD" in view.message.value  # a plain message, the setting kept
    view.known_day.value = "2031-01-01"
    assert "outside the timeline" in view.message.value


def test_the_crowded_days_get_a_close_up_and_each_panel_one_value_axis() -> None:
    from widgets.timeline.view import TimelineView

    figure = TimelineView().chart.figure
    layout = figure["layout"]
    assert "xaxis2" in layout and "Close-up" in layout["annotations"][0]["text"]
    assert not any(axis.get("overlaying") for key, axis in layout.items() if key[:5] == "yaxis")
    close_up = [t for t in figure["data"] if t.get("xaxis") == "x2" and t["mode"] == "markers"]
    assert sum(len(t["x"]) for t in close_up) >= 10, "the crisis days are drawn again, close up"
    search_only_2019 = TimelineView()
    search_only_2019.search.value = "tanker"
    empty = search_only_2019.chart.figure
    assert not any(t.get("xaxis") == "x2" and t["x"] for t in empty["data"])
    assert "none of the events shown" in empty["layout"]["annotations"][0]["text"]


def test_filtering_changes_the_points_not_the_shape_of_the_chart() -> None:
    """The browser then moves points instead of laying the chart out again (and the date axis
    does not jump while the learner searches)."""
    from widgets.timeline.view import TimelineView

    def shape(figure: dict[str, Any]) -> tuple[object, ...]:
        layout = figure["layout"]
        axes = {k: v.get("range") for k, v in layout.items() if k[1:5] == "axis"}
        return tuple((t["xaxis"], t["yaxis"], t["name"]) for t in figure["data"]), str(axes)

    view = TimelineView()
    everything = view.chart.figure
    for search in ("brain", "tanker", "zzz-no-such-event"):
        view.search.value = search
        assert shape(view.chart.figure) == shape(everything), search
    start, end = view.range.value
    low, high = (pd.Timestamp(day) for day in everything["layout"]["xaxis"]["range"])
    assert low < start and high > end  # the learner's dates, a little padded
    assert not any(
        "matches" in axis for axis in everything["layout"].values() if isinstance(axis, dict)
    )


def test_the_key_under_the_chart_gives_each_kind_its_shape() -> None:
    from widgets.timeline.view import GLYPHS, SYMBOLS, TimelineView

    view = TimelineView()
    assert view.chart.figure["layout"]["showlegend"] is False
    for i, kind in enumerate(view.kinds.options):
        assert f"{GLYPHS[SYMBOLS[i % len(SYMBOLS)]]}</span> {kind}</li>" in view.key.value
        trace = next(t for t in view.chart.figure["data"] if t["name"] == kind)
        assert trace["marker"]["symbol"] == SYMBOLS[i % len(SYMBOLS)]
