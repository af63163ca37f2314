"""The case a course run is built on, read from its folder ``data/cases/<case_id>/``: its question,
the events at its centre, the article it reads, its window of days and its sides. Views and
lessons ask for ``case()`` rather than naming a case's dates or sides, so the same lessons can be
pointed at another crisis."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from widgets.data import load

DEFAULT_CASE = "jan-2020"


@dataclass(frozen=True)
class Side:
    """One side of the crisis: a lane of the timeline, with its colour and ladder marker."""

    name: str
    colour: str  # a name in the course's colour-blind-safe palette (widgets.look.PALETTE)
    symbol: str  # a plotly marker symbol, so sides differ without colour
    alliance: bool  # the lane that also shows the alliance's own history


@dataclass(frozen=True)
class Case:
    case_id: str
    title: str
    question: str  # put to the alliance, in the course's words
    statement_event_id: str  # where the alliance answered, or avoided, the question
    speaker: str  # who answered for the alliance, as prose names them
    meeting_event_id: str  # the Council meeting the role-play re-enacts
    article_source_id: str  # the news article at the centre
    day: pd.Timestamp  # the statement's date: the case's day
    meeting_day: pd.Timestamp
    close_up: tuple[pd.Timestamp, pd.Timestamp]  # the crowded days the timeline magnifies
    window: tuple[pd.Timestamp, pd.Timestamp]  # the first and last day the case's events have
    sides: tuple[Side, ...]  # the timeline's lanes, from the top
    search_examples: str  # the timeline search box's hint: words worth searching in this case
    game: str  # the case's escalation game, data/games/<game>.json
    game_role: str  # the player a learner plays first
    role_card_labels: tuple[str, str, str]  # headings: forces there, moves, reaction
    # The Council role-play's kit: (draft_id, text), (group name, allies' iso3), event ids.
    drafts: tuple[tuple[str, str], ...] = ()
    groups: tuple[tuple[str, tuple[str, ...]], ...] = ()
    injects: tuple[str, ...] = ()
    debrief_events: tuple[str, ...] = ()  # what the Council really said: after the role-play


def case(case_id: str = DEFAULT_CASE) -> Case:
    """The case ``case_id`` with its dates taken from its events; an unknown id says which exist."""
    cases = load("cases").set_index("case_id")
    if case_id not in cases.index:
        known = ", ".join(sorted(cases.index))
        raise KeyError(f"There is no case folder data/cases/{case_id}/. Known cases: {known}.")
    row = cases.loc[case_id].to_dict()
    dates = load("events").set_index("event_id")["date"].to_dict()
    drafts, groups = _of_case("council_drafts", case_id), _of_case("council_groups", case_id)
    events = _of_case("council_events", case_id)
    sides = _of_case("sides", case_id)
    return Case(
        case_id=case_id,
        title=str(row["title"]),
        question=str(row["question"]),
        statement_event_id=str(row["statement_event_id"]),
        speaker=str(row["speaker"]),
        meeting_event_id=str(row["meeting_event_id"]),
        article_source_id=str(row["article_source_id"]),
        day=pd.Timestamp(dates[row["statement_event_id"]]),
        meeting_day=pd.Timestamp(dates[row["meeting_event_id"]]),
        close_up=(pd.Timestamp(row["close_up_from"]), pd.Timestamp(row["close_up_to"])),
        window=(pd.Timestamp(row["window_from"]), pd.Timestamp(row["window_to"])),
        sides=tuple(
            Side(
                str(s["side"]),
                str(s["colour"]),
                str(s["symbol"]),
                bool(s["alliance"]),
            )
            for s in sides.to_dict("records")
        ),
        search_examples=str(row["search_examples"]),
        game=str(row["game"]),
        game_role=str(row["game_role"]),
        role_card_labels=(
            str(row["forces_label"]),
            str(row["moves_label"]),
            str(row["reaction_label"]),
        ),
        drafts=tuple(zip(drafts["draft_id"], drafts["text"], strict=True)),
        groups=tuple(zip(groups["group_name"], groups["iso3"], strict=True)),
        injects=tuple(events.loc[events["use"] == "inject", "event_id"]),
        debrief_events=tuple(events.loc[events["use"] == "debrief", "event_id"]),
    )


def _of_case(table: str, case_id: str) -> pd.DataFrame:
    """The rows of ``table`` that belong to ``case_id``, in their ``position`` order."""
    rows = load(table)
    return rows[rows["case_id"] == case_id].sort_values("position")
