"""Lesson 02's pieces beyond its questions: the engine's count for the five-attacks poll, and the
misconceptions the treaty's own words answer. The questions are rows of the data
(``data/questions.csv`` and the case's ``questions.csv``), asked with
:func:`widgets.classroom.question_bank.ask`."""

from __future__ import annotations

import pandas as pd

from widgets.cases import DEFAULT_CASE
from widgets.classroom.answer_rules import Context, attacks_inside
from widgets.classroom.progress import ProgressStore
from widgets.classroom.question_bank import ask_choice
from widgets.data import load
from widgets.markup import escape

LESSON = "02"
PREDICT_FIVE = "predict-five-attacks"  # the poll: how many of the case's attacks are covered


def covered_count_html(case_id: str = DEFAULT_CASE) -> str:
    """The engine's count for the "predict first" poll, with the learner's prediction beside it
    (shown only after they predicted: :func:`widgets.classroom.reveal.after_prediction`)."""
    found = attacks_inside(Context(case_id, {}))
    count, total = found.values["count"], found.values["total"]
    poll = ask_choice(PREDICT_FIVE)
    predicted = ProgressStore().answer(LESSON, PREDICT_FIVE)
    yours = (
        f" You predicted {poll.choices[predicted].label}."
        if isinstance(predicted, int) and 0 <= predicted < len(poll.choices)
        else ""
    )
    return (
        f"<p role='status'>Of the {total} attacks, the engine finds <b>{count}</b> "
        f"clearly inside the treaty area.{escape(yours)} The others are outside it or "
        "contested: test them on the map to see why.</p>"
    )


def misconceptions() -> pd.DataFrame:
    """Misconceptions about the North Atlantic Treaty, each answered by the treaty's own words."""
    phrases = load("phrases")
    found = phrases[phrases["treaty_id"] == "north-atlantic-treaty"]
    return pd.DataFrame(
        {
            "Article": found["article"].astype(str),
            "A common misconception": found["misconception"],
            "The treaty's words": "“" + found["phrase"] + "”",
            "What they mean": found["explanation"],
        }
    ).reset_index(drop=True)
