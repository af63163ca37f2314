"""Questions of lesson 03: a poll, and self-checks whose answers are counted from ``events``."""

from __future__ import annotations

import pandas as pd

from widgets.cases import case
from widgets.classroom.questions import Choice, NumericQuestion, Question
from widgets.look import table_html
from widgets.timeline.model import TimelineQuery, crisis_events, filter_events, lanes

LESSON = "03"
STRIKE = "2020-01-03-soleimani-strike"
RETALIATION = "2020-01-08-ain-al-asad-strike"

PREDICT_DAYS = Question(
    qid="predict-days-to-retaliation",
    lesson=LESSON,
    prompt=(
        "Predict first: how long after the killing of Soleimani did Iran fire missiles at "
        "US forces in Iraq?"
    ),
    choices=(
        Choice("The same day"),
        Choice("Within a week"),
        Choice("About a month later"),
        Choice("Iran never struck back directly"),
    ),
    explanation="Saved. Find the answer in the timeline below.",
)


def _date(event_id: str) -> object:
    events = crisis_events().set_index("event_id")
    return events.loc[event_id, "date"]


def days_to_retaliation() -> NumericQuestion:
    """Days between the two strikes (local dates), from the events table."""
    days = (_date(RETALIATION) - _date(STRIKE)).days  # type: ignore[operator]
    return NumericQuestion(
        qid="days-to-retaliation",
        lesson=LESSON,
        prompt=(
            "Self-check: how many days passed between the Soleimani strike and "
            "Iran's missile strike?"
        ),
        answer=float(days),
        tolerance=0,
        explanation="Count from the local date of each strike in the timeline.",
    )


def days_to_first_injury_report() -> NumericQuestion:
    """Days from Iran's strike to the first report of injured US troops."""
    events = crisis_events()
    reports = events[(events["kind"] == "casualty report") & (events["date"] >= _date(RETALIATION))]
    injured = reports[~reports["casualties"].str.startswith("0 ")]
    first = injured.sort_values("known_on").iloc[0]["known_on"]
    days = (first - _date(RETALIATION)).days
    return NumericQuestion(
        qid="days-to-first-injury-report",
        lesson=LESSON,
        prompt=(
            "Self-check: how many days after Iran's missile strike did the first report of "
            "injured US troops come?"
        ),
        answer=float(days),
        tolerance=0,
        explanation="Search the timeline for 'brain' or filter the kind 'casualty report'.",
    )


def known_when_stoltenberg_spoke() -> Question:
    """Which of four events had happened by 6 January 2020, checked with the known-by filter."""
    the_case, events = case(), crisis_events()
    first, last = the_case.window
    query = TimelineQuery(
        lanes(), tuple(events["kind"].unique()), first, last, known_by=the_case.day
    )
    known = set(filter_events(events, query)["event_id"])
    options = [
        ("Iran's missile strike on Ain al-Asad", RETALIATION),
        (
            "The Iraqi parliament's resolution on foreign troops",
            "2020-01-05-iraq-parliament-resolution",
        ),
        ("The downing of the Ukrainian airliner PS752", "2020-01-08-ps752-shootdown"),
        (
            "NATO ministers agreeing to enhance the Iraq mission",
            "2020-02-12-nato-defmin-iraq-mission",
        ),
    ]
    happened = [label for label, event_id in options if event_id in known]
    assert len(happened) == 1, happened
    return Question(
        qid="known-when-stoltenberg-spoke",
        lesson=LESSON,
        prompt=(
            "Self-check: which of these had already happened when Stoltenberg spoke on 6 January?"
        ),
        choices=tuple(
            Choice(
                label,
                f"Yes: it happened on {_date(event_id):%d %B %Y}."
                if event_id in known
                else "Not yet: set 'Known by' to 6 January and look again.",
            )
            for label, event_id in options
        ),
        correct=[label for label, _ in options].index(happened[0]),
    )


def casualty_reports() -> pd.DataFrame:
    """What each report after Iran's strike said about US casualties, and when it was published:
    the answer to the injury self-check, so the lesson shows it only after that is answered."""
    events = crisis_events()
    reports = events[(events["kind"] == "casualty report") & (events["date"] >= _date(RETALIATION))]
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
