"""The timeline explorer: lanes per side, filters, "known by", details with sources and a map.

A thin view over widgets.timeline.model. Every control re-runs one ``refresh``: the model filters,
then the chart, the event list and the table alternative are redrawn from the same frame, so they
can never disagree. Impossible filters show the model's sentence instead of a chart.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from widgets import look
from widgets.cases import DEFAULT_CASE, Side, case
from widgets.chart import LiveChart
from widgets.dates import as_date
from widgets.geo import place_map
from widgets.markup import escape, plot_text
from widgets.sources import sources_html
from widgets.timeline.model import (
    TimelineQuery,
    crisis_events,
    crisis_level,
    details,
    filter_events,
    history_events,
)

CRISIS, HISTORY = "crisis", "history"  # the two modes: the case's crisis, or NATO's history
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
    "triangle-right",  # not "hourglass": its text glyph is missing from common fonts
    "circle-open",
    "square-open",
]

HOUR = "%Y-%m-%d %H:%M"  # dates as plotly reads them, to the hour (axis ranges)


def timeline_figure(
    shown: pd.DataFrame,
    level: pd.DataFrame | None,
    kinds: list[str],
    close_up: tuple[pd.Timestamp, pd.Timestamp] | None = None,
    window: tuple[pd.Timestamp, pd.Timestamp] | None = None,
    sides: tuple[Side, ...] = (),
) -> dict[str, Any]:
    """Lanes by side, marker shape by kind; beside them a close-up of the crowded days
    (``close_up``), and under the lanes the crisis level in a panel of its own, so each panel has
    one value axis. The band is drawn once: a second copy under the close-up made each redraw
    slower than before the close-up existed. ``window`` fixes the date axis to the learner's
    date range. ``sides`` are the lanes, from the top, with their colours (default: the case's).

    Returned as a plain plotly figure dict (drawn by a ``LiveChart``): it is redrawn on every
    filter change, and validating graph objects would cost most of the time budget. For the same
    reason its shape does not depend on the filters (one trace per kind, shown or not; the
    panels stay; fixed axis ranges, no linked axes), so plotly.js changes points in place
    instead of laying the chart out again: that halved the browser's redraw time.
    """
    split = close_up is not None
    sides = sides or case().sides
    colour = {side.name: look.PALETTE[side.colour] for side in sides}
    lanes_y = [0.36, 1.0] if level is not None else [0.0, 1.0]
    left, right = ([0.0, 0.6], [0.65, 1.0]) if split else ([0.0, 1.0], [0.0, 0.0])
    symbol = {kind: SYMBOLS[i % len(SYMBOLS)] for i, kind in enumerate(kinds)}
    # Plain lists and ISO dates, read from the frame once: the figure is then plain JSON that
    # the chart sends as it is (no per-kind pandas filtering, no plotly encoder on each redraw).
    rows = list(
        zip(
            [f"{day:%Y-%m-%d}" for day in shown["date"]],
            shown["lane"].astype(str),
            shown["kind"].astype(str),
            shown["action"].astype(str),
            strict=True,
        )
    )

    def markers(
        part: list[tuple[str, str, str, str]], shape: str | None = None, **trace: Any
    ) -> dict[str, Any]:
        return {
            "type": "scatter",
            "mode": "markers",
            "x": [day for day, _, _, _ in part],
            "y": [lane for _, lane, _, _ in part],
            "marker": {
                "size": 12,
                "symbol": shape or [symbol.get(kind, "circle") for _, _, kind, _ in part],
                "color": [colour.get(lane, "#000") for _, lane, _, _ in part],
                "line": {"width": 1, "color": "white"},
            },
            "customdata": [[plot_text(action), plot_text(kind)] for _, _, kind, action in part],
            "hovertemplate": "%{x|%d %b %Y}<br>%{customdata[0]}<extra>%{customdata[1]}</extra>",
            **trace,
        }

    data: list[dict[str, Any]] = []
    by_kind: dict[str, list[tuple[str, str, str, str]]] = {kind: [] for kind in kinds}
    for row in rows:
        by_kind.setdefault(row[2], []).append(row)
    for kind in kinds:  # one trace per kind, empty when none is shown
        data.append(
            markers(by_kind[kind], symbol[kind], xaxis="x", yaxis="y", name=plot_text(kind))
        )
    if close_up is not None:
        first, last = f"{close_up[0]:%Y-%m-%d}", f"{close_up[1]:%Y-%m-%d}"
        near = [row for row in rows if first <= row[0] <= last]
        data.append(markers(near, xaxis="x2", yaxis="y2", name="close-up", showlegend=False))
    lanes_axis = {
        "categoryorder": "array",
        "categoryarray": [side.name for side in reversed(sides)],
        "range": [-0.6, len(sides) - 0.4],  # room above the top lane's markers
        "title": {"text": ""},
        "domain": lanes_y,
    }
    x_axis: dict[str, Any] = {"domain": left, "type": "date"}
    if window is not None:
        pad = max(pd.Timedelta(days=1), (window[1] - window[0]) * 0.02)
        x_axis["range"] = [f"{window[0] - pad:{HOUR}}", f"{window[1] + pad:{HOUR}}"]
    layout: dict[str, Any] = {
        "title": {"text": "Events by side (text version: the table below)"},
        "xaxis": {**x_axis, "anchor": "y", "showticklabels": level is None},
        "yaxis": {**lanes_axis, "anchor": "x"},
        "height": 500 if level is not None else 380,
        # The key to the shapes is HTML under the chart (kinds_key): larger text than plotly's
        # legend, read by screen readers, and not laid out again on every redraw.
        "showlegend": False,
        "margin": {"l": 170, "r": 20, "b": 40},
        "annotations": [],
    }
    if close_up is not None:
        pad = pd.Timedelta(hours=12)
        layout["xaxis2"] = {
            "type": "date",
            "domain": right,
            "range": [f"{close_up[0] - pad:{HOUR}}", f"{close_up[1] + pad:{HOUR}}"],
            "dtick": 2 * 86_400_000,  # every other day: readable at 1024 px
            "tickformat": "%d %b",
            "anchor": "y2",  # its own dates under it: the level band is drawn once, on the left
        }
        layout["yaxis2"] = {**lanes_axis, "anchor": "x2", "showticklabels": False}
        none = "" if len(near) else ": none of the events shown"
        layout["annotations"].append(
            {
                "text": f"Close-up: {close_up[0]:%d %b} to {close_up[1]:%d %b %Y}{none}",
                "xref": "paper",
                "yref": "paper",
                "x": sum(right) / 2,
                "y": lanes_y[1],
                "yanchor": "bottom",
                "showarrow": False,
            }
        )
    if level is not None:
        band = {
            "type": "scatter",
            "mode": "lines",
            "line": {"shape": "hv", "width": 1, "color": "#D55E00"},
            "fill": "tozeroy",
            "fillcolor": "rgba(213,94,0,0.25)",
            "name": "crisis level",
            "showlegend": False,
            "hovertemplate": "%{x|%d %b %Y}: rung %{y}<extra>crisis level</extra>",
            "x": [f"{day:%Y-%m-%d}" for day in level["date"]],
            "y": level["level"].astype(int).tolist(),
        }
        level_axis = {"domain": [0.0, 0.26], "range": [0, 9.5], "tickvals": [0, 3, 6, 9]}
        data.append({**band, "xaxis": "x3", "yaxis": "y3"})
        layout["xaxis3"] = {**x_axis, "anchor": "y3"}
        layout["yaxis3"] = {
            **level_axis,
            "anchor": "x3",
            "title": {"text": "crisis level<br>(rung, 0-9)"},
        }
    return {"data": data, "layout": layout}


# What each plotly marker shape looks like in text, for the key under the chart.
GLYPHS = {
    "circle": "●",
    "square": "■",
    "diamond": "◆",
    "triangle-up": "▲",
    "x": "✕",
    "star": "★",
    "cross": "✚",
    "triangle-down": "▼",
    "pentagon": "⬟",
    "hexagon": "⬢",
    "bowtie": "⧓",
    "triangle-right": "▶",
    "circle-open": "○",
    "square-open": "□",
}


def kinds_key(kinds: list[str]) -> str:
    """The chart's key, as HTML: each kind of event beside its marker shape, and what the
    colours mean (the side, as the lanes' labels say)."""
    items = "".join(
        f"<li><span aria-hidden='true' style='font-size:1.25em'>"
        f"{GLYPHS[SYMBOLS[i % len(SYMBOLS)]]}</span> {escape(kind)}</li>"
        for i, kind in enumerate(kinds)
    )
    return (
        "<div class='course-key'><b>Shape: the kind of event.</b> Colour: the side, as the "
        "lanes are labelled.<ul style='list-style:none;display:flex;flex-wrap:wrap;"
        f"gap:2px 20px;padding:0;margin:4px 0'>{items}</ul></div>"
    )


def short(text: str, limit: int = 80) -> str:
    """``text`` cut at a word before ``limit`` characters, with an ellipsis (never mid-word)."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


def table_html(shown: pd.DataFrame) -> str:
    """The filtered events as an accessible HTML table (the chart's text alternative)."""
    if shown.empty:
        return "<p>No events match these filters.</p>"
    columns = (shown[name] for name in ("date", "lane", "kind", "rung", "action"))
    rows = "".join(
        f"<tr><td>{day:%d %b %Y}</td><td>{escape(str(lane))}</td>"
        f"<td>{escape(str(kind))}</td>"
        f"<td>{'' if pd.isna(rung) else int(rung)}</td>"
        f"<td>{escape(str(action))}</td></tr>"
        for day, lane, kind, rung, action in zip(*columns, strict=True)
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

    def __init__(self, mode: str = CRISIS, case_id: str = DEFAULT_CASE) -> None:
        import ipywidgets as w

        self.case = case(case_id)
        first, last = self.case.window
        self.frames = {CRISIS: crisis_events(case_id), HISTORY: history_events(case_id)}
        self.mode = w.ToggleButtons(
            options=[
                (
                    f"The crisis, {first:%Y} to {last:%Y}"
                    if first.year != last.year
                    else f"The crisis of {first:%Y}",
                    CRISIS,
                ),
                ("NATO's history, 1949 to today", HISTORY),
            ],
            value=mode,
            description="Show",
            style={"button_width": "auto"},  # full labels, not "The crisis, 2019 t…"
        )
        self.lanes = {
            side.name: w.Checkbox(value=True, description=side.name, indent=False)
            for side in self.case.sides
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
        # "Known by" in a few presses: step from one day news came out to the next, or type a day.
        self.earlier = w.Button(
            description="◀ Earlier news", tooltip="The previous day something became known"
        )
        self.later = w.Button(
            description="Later news ▶", tooltip="The next day something became known"
        )
        self.known_day = w.Text(
            description="Go to day",
            placeholder=f"YYYY-MM-DD, e.g. {self.case.day:%Y-%m-%d}",
            continuous_update=False,
            layout=w.Layout(width="26em"),
        )
        self.earlier.on_click(lambda _: self.step_known(-1))
        self.later.on_click(lambda _: self.step_known(+1))
        self.known_day.observe(self._on_known_day, names="value")
        self.search = w.Text(
            description="Search",
            placeholder=f"e.g. {self.case.search_examples}",
            continuous_update=False,
        )
        self.pick = w.Dropdown(description="Event", layout=w.Layout(width="48em"))
        self.message = w.HTML()
        self.chart = LiveChart()
        self.key = w.HTML()
        self.detail = w.HTML()
        self.map = LiveChart()
        self.map.box.add_class("course-event-map")  # the chosen event's place, not the timeline
        self.no_map = w.HTML()
        self.table = w.HTML()
        self.shown = pd.DataFrame()
        self._updating = False
        self._levels: dict[tuple[Any, Any, Any], pd.DataFrame] = {}
        self._close_up = self.case.close_up  # the crowded days, shown again beside the chart
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
                w.HBox([self.earlier, self.later, self.known_day]),
                self.search,
                self.message,
                self.chart.box,
                self.key,
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
            with self.kinds.hold_sync():  # options and selection in one message: a page that
                self.kinds.options = kinds  # got the new options first selected a missing one
                self.kinds.value = tuple(kinds)
            self.key.value = kinds_key(kinds)
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
            history = self.mode.value == HISTORY
            for control in (self.known, self.earlier, self.later, self.known_day):
                control.disabled = history
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
        level = self._level(query) if self.mode.value == CRISIS else None
        close_up = None
        if self.mode.value == CRISIS:
            close_up = self._close_up
        window = (pd.Timestamp(query.start), pd.Timestamp(query.end))
        figure = timeline_figure(
            shown, level, list(self.kinds.options), close_up, window, self.case.sides
        )
        self.chart.draw(figure)
        self.table.value = table_html(shown)
        self.pick.options = [("(choose an event to read its details and sources)", None)] + [
            (f"{day:%d %b %Y} · {short(str(action))}", event_id)
            for day, action, event_id in zip(
                shown["date"], shown["action"], shown["event_id"], strict=True
            )
        ]
        self.pick.index = 0  # says what to choose, not a blank box

    def _level(self, query: TimelineQuery) -> pd.DataFrame:
        """The crisis level band for the dates and "known by" asked: it changes with those
        alone, not with the sides, kinds or search, so it is computed once for each."""
        key = (query.start, query.end, query.known_by)
        if key not in self._levels:
            events = self.frames[CRISIS]
            visible = (
                events if query.known_by is None else events[events["known_on"] <= query.known_by]
            )
            if len(self._levels) >= 64:
                self._levels.clear()
            self._levels[key] = crisis_level(visible, query.start, query.end)
        return self._levels[key]

    def news_days(self) -> list[pd.Timestamp]:
        """The days on which something became known (the stops of the step buttons)."""
        known_on = self.frames[CRISIS]["known_on"].dropna().dt.normalize()
        days = {value for _, value in self.known.options}
        return sorted(day for day in set(known_on) if day in days)

    def step_known(self, direction: int) -> None:
        """Move "Known by" to the previous (-1) or next (+1) day news came out."""
        now = self.known.value
        stops = [d for d in self.news_days() if (d < now if direction < 0 else d > now)]
        if stops:
            self.known.value = stops[-1] if direction < 0 else stops[0]

    def _on_known_day(self, _: object = None) -> None:
        typed = self.known_day.value.strip()
        if not typed:
            return
        try:
            day = as_date(typed)
        except ValueError as err:
            self.message.value = f"<p role='status'><b>{escape(str(err))}</b></p>"
            return
        first, last = self.known.options[0][1], self.known.options[-1][1]
        if not first <= day <= last:
            self.message.value = (
                f"<p role='status'><b>{escape(typed)} is outside the timeline: choose a day "
                f"from {first:%d %b %Y} to {last:%d %b %Y}.</b></p>"
            )
            return
        if self.known.value == day:
            self.refresh()
        self.known.value = day

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
