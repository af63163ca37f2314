"""Lesson 03's pieces beyond its questions: what each casualty report said, the answer to the
injury self-check, shown only after it is answered (the questions are rows of the case's
``questions.csv``; their rules count the days from ``events``)."""

from __future__ import annotations

import pandas as pd

from widgets.cases import DEFAULT_CASE
from widgets.classroom.answer_rules import parse_params
from widgets.classroom.question_bank import table
from widgets.look import table_html
from widgets.timeline.model import crisis_events

LESSON = "03"
INJURY_CHECK = "days-to-first-injury-report"  # its params name the strike and the report kind


def casualty_reports(case_id: str = DEFAULT_CASE) -> pd.DataFrame:
    """What each report after the strike the injury self-check counts from said about
    casualties, and when it was published."""
    rows = table()
    first = rows[rows["question_id"] == INJURY_CHECK].iloc[0]
    params = parse_params(first["params"])
    events = crisis_events(case_id)
    start = events.loc[events["event_id"] == params["after"], "date"].iloc[0]
    reports = events[(events["kind"] == params["kind"]) & (events["date"] >= start)]
    reports = reports.sort_values(["reported_on", "date"])
    return pd.DataFrame(
        {
            "Reported on": reports["reported_on"],
            "What was reported": reports["casualties"],
            "Who reported it": reports["actor"],
        }
    ).reset_index(drop=True)


def casualty_reports_html() -> str:
    return table_html(casualty_reports())
