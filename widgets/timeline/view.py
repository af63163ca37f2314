"""The timeline explorer: lanes per side, filters, "known by", details with sources and a map.

A thin view over widgets.timeline.model. Every control re-runs one ``refresh``: the model filters,
then the chart, the event list and the table alternative are redrawn from the same frame, so they
can never disagree. Impossible filters show the model's sentence instead of a chart.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from widgets.chart import LiveChart
from widgets.geo import place_map
from widgets.markup import escape, plot_text
from widgets.sources import sources_html
from widgets.timeline.ladder_view import LANE_COLOURS
from widgets.timeline.model import (
    LANES,
    TimelineQuery,
    crisis_events,
    crisis_level,
    details,
    filter_events,
    history_events,
)

CRISIS, HISTORY = "The crisis, 2019 to 2020", "NATO's history, 1949 to today"
SYMBOLS = [
    "circle",
    "square",
    "diamond",
    "triangle-up",
    "x",
    "star",
    "cross",
    "triangle-down",
    "pentagon",
    "hexagon",
    "bowtie",
    "hourglass",
    "circle-open",
    "square-open",
]


def timeline_figure(
    shown: pd.DataFrame, level: pd.DataFrame | None, kinds: list[str]
) -> dict[str, Any]:
    """Lanes by side, marker shape by kind, and the crisis level as a band on a second axis.

    Returned as a plain plotly figure dict (drawn by a ``LiveChart``): it is redrawn on
    every filter change, and validating graph objects would cost most of the time budget.
    """
    data: list[dict[str, Any]] = []
    if level is not None:
        data.append(
            {
                "type": "scatter",
                "x": list(level["date"]),
                "y": list(level["level"]),
                "yaxis": "y2",
                "mode": "lines",
                "line": {"shape": "hv", "width": 0},
                "fill": "tozeroy",
                "fillcolor": "rgba(213,94,0,0.15)",
                "name": "crisis level (right axis)",
                "hovertemplate": "%{x|%d %b %Y}: rung %{y}<extra></extra>",
            }
        )
    for kind, rows in shown.groupby("kind", sort=True):
        data.append(
            {
                "type": "scatter",
                "x": list(rows["date"]),
                "y": list(rows["lane"]),
                "mode": "markers",
                "name": plot_text(kind),
                "marker": {
                    "size": 12,
                    "symbol": SYMBOLS[kinds.index(str(kind)) % len(SYMBOLS)],
                    "color": [LANE_COLOURS.get(lane, "#000") for lane in rows["lane"]],
                    "line": {"width": 1, "color": "white"},
                },
                "customdata": [[plot_text(action)] for action in rows["action"]],
                "hovertemplate": "%{x|%d %b %Y}<br>%{customdata[0]}<extra>"
                + plot_text(kind)
                + "</extra>",
            }
        )
    layout: dict[str, Any] = {
        "title": {"text": "Events by side (text version: the table below)"},
        "yaxis": {
            "categoryorder": "array",
            "categoryarray": list(reversed(LANES)),
            "title": {"text": ""},
        },
        "height": 430,
        "legend": {"orientation": "h", "y": -0.25},
        "margin": {"l": 170},
    }
    if level is not None:
        layout["yaxis2"] = {
            "overlaying": "y",
            "side": "right",
            "range": [0, 9.5],
            "showgrid": False,
            "title": {"text": "crisis level (rung)"},
            "tickmode": "array",
            "tickvals": list(range(10)),
        }
    return {"data": data, "layout": layout}


def table_html(shown: pd.DataFrame) -> str:
    """The filtered events as an accessible HTML table (the chart's text alternative)."""
    if shown.empty:
        return "<p>No events match these filters.</p>"
    rows = "".join(
        f"<tr><td>{row['date']:%d %b %Y}</td><td>{escape(str(row['lane']))}</td>"
        f"<td>{escape(str(row['kind']))}</td>"
        f"<td>{'' if pd.isna(row['rung']) else int(row['rung'])}</td>"
        f"<td>{escape(str(row['action']))}</td></tr>"
        for row in shown.to_dict("records")
    )
    return (
        f"<table><caption>{len(shown)} events</caption><thead><tr><th scope='col'>Date</th>"
        "<th scope='col'>Side</th><th scope='col'>Kind</th><th scope='col'>Rung</th>"
        f"<th scope='col'>What happened</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def details_html(event: dict[str, Any]) -> str:
    """An event's details with its sources as links."""
    lines = [
        f"<h3>{event['date']:%d %B %Y}: {escape(str(event.get('actor') or ''))}</h3>",
        f"<p>{escape(str(event['action']))}</p>",
    ]
    for label, key in [
        ("Where", "location"),
        ("Casualties", "casualties"),
        ("Reported on", "reported_on"),
        ("In their words", "quotation"),
    ]:
        value = event.get(key)
        if value is not None and not pd.isna(value) and str(value):
            text = f"{value:%d %b %Y}" if isinstance(value, pd.Timestamp) else str(value)
            quote = key == "quotation"
            lines.append(
                f"<p><b>{label}:</b> {'“' if quote else ''}{escape(text)}{'”' if quote else ''}</p>"
            )
    lines.append(f"<p><b>Sources</b></p>{sources_html(event['source_id'])}")
    return "".join(lines)


class TimelineView:
    """Mode, filters and "known by" on the left of the learner's attention; chart, list, table."""

    def __init__(self, mode: str = CRISIS) -> None:
        import ipywidgets as w

        self.frames = {CRISIS: crisis_events(), HISTORY: history_events()}
        self.mode = w.ToggleButtons(options=[CRISIS, HISTORY], value=mode, description="Show")
        self.lanes = {
            lane: w.Checkbox(value=True, description=lane, indent=False) for lane in LANES
        }
        self.kinds = w.SelectMultiple(description="Kinds", rows=6, layout=w.Layout(width="28em"))
        self.range = w.SelectionRangeSlider(
            options=[("", 0)],
            description="Dates",
            layout=w.Layout(width="48em"),
            continuous_update=False,
        )
        self.known = w.SelectionSlider(
            options=[("", 0)],
            description="Known by",
            layout=w.Layout(width="48em"),
            continuous_update=False,
        )
        self.search = w.Text(
            description="Search", placeholder="e.g. Soleimani, brain, NATO", continuous_update=False
        )
        self.pick = w.Dropdown(description="Event", layout=w.Layout(width="48em"))
        self.message = w.HTML()
        self.chart = LiveChart()
        self.detail = w.HTML()
        self.map = LiveChart()
        self.no_map = w.HTML()
        self.table = w.HTML()
        self.shown = pd.DataFrame()
        self._updating = False
        self.mode.observe(self._on_mode, names="value")
        for control in (*self.lanes.values(), self.kinds, self.range, self.known, self.search):
            control.observe(self.refresh, names="value")
        self.pick.observe(self.show_event, names="value")
        self.box = w.VBox(
            [
                self.mode,
                w.HBox([w.VBox(list(self.lanes.values())), self.kinds]),
                self.range,
                self.known,
                self.search,
                self.message,
                self.chart.box,
                self.pick,
                w.HBox([self.detail, w.VBox([self.map.box, self.no_map])]),
                self.table,
            ]
        )
        self.box.add_class("course-timeline")  # a stable hook for CSS and browser tests
        self._on_mode()

    def _on_mode(self, _: object = None) -> None:
        """Reset the filters to everything the chosen mode has, then redraw once."""
        events = self.frames[self.mode.value]
        self._updating = True
        try:
            kinds = sorted(events["kind"].unique())
            self.kinds.options = kinds
            self.kinds.value = tuple(kinds)
            if self.mode.value == CRISIS:  # up to the last report, which may follow the event
                days = pd.date_range(events["date"].min(), events["known_on"].max(), freq="D")
            else:
                days = pd.date_range(events["date"].min(), events["date"].max(), freq="MS")
                days = days.union(pd.DatetimeIndex([events["date"].min(), events["date"].max()]))
            options = [(f"{day:%d %b %Y}", day) for day in days]
            self.range.options = options
            self.range.index = (0, len(options) - 1)
            self.known.options = options
            self.known.index = len(options) - 1
            self.known.disabled = self.mode.value == HISTORY
        finally:
            self._updating = False
        self.refresh()

    def query(self) -> TimelineQuery:
        start, end = self.range.value
        return TimelineQuery(
            lanes=tuple(lane for lane, box in self.lanes.items() if box.value),
            kinds=tuple(self.kinds.value),
            start=start,
            end=end,
            search=self.search.value,
            known_by=None if self.mode.value == HISTORY else self.known.value,
        )

    def refresh(self, _: object = None) -> None:
        if self._updating:
            return
        events = self.frames[self.mode.value]
        try:
            shown = filter_events(events, self.query())
        except ValueError as err:
            self.message.value = f"<p role='status'><b>{escape(str(err))}</b></p>"
            self.chart.hide()
            self.table.value, self.detail.value, self.pick.options = "", "", []
            return
        self.shown = shown
        query = self.query()
        known = (
            ""
            if query.known_by is None
            else f", as known by {pd.Timestamp(query.known_by):%d %b %Y}"
        )
        self.message.value = (
            f"<p role='status'>{len(shown)} of {len(events)} events shown{known}.</p>"
        )
        level = None
        if self.mode.value == CRISIS:
            visible = (
                events if query.known_by is None else events[events["known_on"] <= query.known_by]
            )
            level = crisis_level(visible, query.start, query.end)
        self.chart.draw(timeline_figure(shown, level, list(self.kinds.options)))
        self.table.value = table_html(shown)
        self.pick.options = [
            (f"{row['date']:%d %b %Y} · {str(row['action'])[:80]}", row["event_id"])
            for row in shown.to_dict("records")
        ]

    def show_event(self, _: object = None) -> None:
        if self.pick.value is None:
            self.detail.value = self.no_map.value = ""
            self.map.hide()
            return
        row = self.shown.set_index("event_id").loc[self.pick.value].rename(self.pick.value)
        event: dict[str, Any] = details(row)
        self.detail.value = details_html(event)
        lat, lon = row.get("lat"), row.get("lon")
        if lat is None or lon is None or pd.isna(lat) or pd.isna(lon):
            self.map.hide()
            self.no_map.value = "<p>No map: the sources give no place for this event.</p>"
        else:
            self.no_map.value = ""
            self.map.draw(place_map(float(lat), float(lon), str(event.get("location") or "")))

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        bundle = self.box._repr_mimebundle_(**kwargs)
        if isinstance(bundle, dict):
            bundle["text/plain"] = f"Timeline: {len(self.shown)} events shown"
        return bundle
