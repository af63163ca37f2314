"""Lesson 01's pieces beyond its questions: the claims the learner tags and rates, and the
debrief shown after the self-check (the questions are rows of the case's ``questions.csv``)."""

from __future__ import annotations

import pandas as pd

from widgets.classroom.claims import claims
from widgets.markup import escape

LESSON = "01"


def claims_to_check() -> pd.DataFrame:
    """The article's claims in its own words and who makes each: what the learner will tag and
    rate (no kind, status or evidence: those are the answers)."""
    table = claims()
    return pd.DataFrame(
        {"#": table["order"], "In the article": table["quote"], "Said by": table["speaker"]}
    )


DEBRIEF = (
    (
        "Article 6",
        "The question was whether Article 5 would apply to an Iranian strike on US targets. The "
        "article never says that the treaty itself draws an area, and that US forces in Iraq "
        "stand outside it (lesson 02).",
    ),
    (
        "How NATO decides",
        "Invoking Article 5 needs a decision by consensus of all the allies, not a push by "
        '"hawks" in one capital.',
    ),
    (
        "Exact words",
        "Two of its quotations of Stoltenberg do not match the wording of the transcript or of "
        "the press reports; a quotation can be accurate in substance and still be misquoted.",
    ),
    (
        "What held up",
        "Its central fact, Stoltenberg's refusal to speculate about Article 5, is confirmed by "
        'several reports. Its own remarks about US "hawks" and about "flimsy" evidence are '
        "speculation and opinion that the sources do not settle.",
    ),
)
DISCUSS = (
    "Discuss, without caricature: what does an outlet gain by relaying another's report with its "
    "own commentary, and what should a reader check before relying on it?"
)


def debrief() -> str:
    """What the article leaves out, and what held up: shown after the self-check is answered."""
    items = "".join(f"<li><b>{escape(head)}.</b> {escape(text)}</li>" for head, text in DEBRIEF)
    return f"<ul>{items}</ul><p>{escape(DISCUSS)}</p>"
