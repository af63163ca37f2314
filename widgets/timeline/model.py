"""The event timeline as a pure model: filters, "what was known when", and NATO's history.

Views ask this module for frames and never filter data themselves, so every rule here is tested
without a browser. Filters that cannot be satisfied raise ``ValueError`` with a plain sentence,
which the view shows instead of a chart.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from widgets.cases import DEFAULT_CASE, case
from widgets.data import load
from widgets.dates import as_date
from widgets.sources import resolve_sources
from widgets.timeline.enlargement import enlargement_rounds

Lane = str  # a side of the case (a row of its ``sides`` table): one lane of the chart
HISTORY_KINDS = ("Article 4 consultations", "Article 5 decision", "enlargement")
CRISIS_LEVEL_WINDOW_DAYS = 14
SEARCHED = ("action", "actor", "location", "quotation", "event_id", "target")


def lanes(case_id: str = DEFAULT_CASE) -> tuple[Lane, ...]:
    """The case's sides, in the order its lanes run from the top."""
    return tuple(side.name for side in case(case_id).sides)


def crisis_events(case_id: str = DEFAULT_CASE) -> pd.DataFrame:
    """The case's events plus ``known_on``: the day the fact was public (report date if any)."""
    events = load("events")
    events = events[events["case_id"] == case_id]
    events["known_on"] = events["reported_on"].fillna(events["date"])
    return events.sort_values(["date", "event_id"]).reset_index(drop=True)


def history_events(case_id: str = DEFAULT_CASE) -> pd.DataFrame:
    """NATO's history (invocations of Articles 4 and 5, enlargement) as timeline events, in the
    lane of the case's side that stands for the alliance."""
    invocations = load("invocations")
    names = dict(zip(load("members")["iso3"], load("members")["name"], strict=True))
    rows = []
    for row in invocations.to_dict("records"):
        states = ", ".join(names.get(code, code) for code in row["states"])
        kind = HISTORY_KINDS[0] if row["article"] == 4 else HISTORY_KINDS[1]
        rows.append(
            {
                "event_id": f"article{row['article']}-{row['date']:%Y-%m-%d}",
                "date": row["date"],
                "actor": states,
                "action": f"Article {row['article']} ({row['date_kind']}): {row['trigger']}",
                "kind": kind,
                "source_id": row["source_id"],
                "note": row["note"],
            }
        )
    members = load("members")
    for row in enlargement_rounds().to_dict("records"):
        first = members.loc[members["joined"] == row["joined"], "source_id"].iloc[0]
        rows.append(
            {
                "event_id": f"enlargement-{row['joined']:%Y-%m-%d}",
                "date": row["joined"],
                "actor": row["states"],
                "action": (
                    f"{row['states']} became "
                    + ("a Party" if row["joined_count"] == 1 else "Parties")
                    + f" to the treaty ({row['total']} in all)."
                ),
                "kind": HISTORY_KINDS[2],
                "source_id": first,
                "note": "",
            }
        )
    history = pd.DataFrame(rows)
    history["lane"] = next(side.name for side in case(case_id).sides if side.alliance)
    history["known_on"] = history["date"]
    for column in ("rung", "lat", "lon", "location", "quotation", "target", "casualties"):
        history[column] = pd.NA
    return history.sort_values(["date", "event_id"]).reset_index(drop=True)


@dataclass(frozen=True)
class TimelineQuery:
    """What the learner asked to see. Empty ``search`` matches everything."""

    lanes: tuple[Lane, ...]
    kinds: tuple[str, ...]
    start: str | pd.Timestamp
    end: str | pd.Timestamp
    search: str = ""
    known_by: str | pd.Timestamp | None = None


def filter_events(events: pd.DataFrame, query: TimelineQuery) -> pd.DataFrame:
    """The events that match every filter, in date order. Impossible filters say why."""
    if not query.lanes:
        raise ValueError("No side is selected: tick at least one side to see its events.")
    if not query.kinds:
        raise ValueError("No kind of event is selected: choose at least one kind.")
    start, end = as_date(query.start), as_date(query.end)
    if end < start:
        raise ValueError(
            f"The date range ends ({end:%d %b %Y}) before it starts ({start:%d %b %Y}): "
            "move the end after the start."
        )
    chosen = events[
        events["lane"].isin(query.lanes)
        & events["kind"].isin(query.kinds)
        & events["date"].between(start, end)
    ]
    if query.known_by is not None:
        chosen = chosen[chosen["known_on"] <= as_date(query.known_by)]
    words = query.search.strip().lower()
    if words:
        haystack = chosen[[c for c in SEARCHED if c in chosen]].astype("string").fillna("")
        hit = haystack.apply(lambda column: column.str.lower().str.contains(words, regex=False))
        chosen = chosen[hit.any(axis=1)]
    return chosen.sort_values(["date", "event_id"])


def crisis_level(
    events: pd.DataFrame, start: str | pd.Timestamp, end: str | pd.Timestamp
) -> pd.DataFrame:
    """Day by day, the highest rung reached in the past two weeks (the "crisis level" band)."""
    days = pd.date_range(as_date(start), as_date(end), freq="D")
    rungs = events.dropna(subset=["rung"]).groupby("date")["rung"].max().astype(float)
    daily = rungs.reindex(pd.date_range(days[0] - pd.Timedelta(days=30), days[-1]), fill_value=0)
    rolling = daily.rolling(CRISIS_LEVEL_WINDOW_DAYS, min_periods=1).max().reindex(days)
    return pd.DataFrame({"date": days, "level": rolling.fillna(0).astype(int).to_numpy()})


def details(event: pd.Series) -> dict[str, object]:
    """One event with its sources resolved (``sources``: a tuple of :class:`Source`)."""
    listed = resolve_sources(event["source_id"])
    return {**{str(key): value for key, value in event.to_dict().items()}, "sources": listed}
