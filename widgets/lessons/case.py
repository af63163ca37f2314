"""Lesson 01's pieces beyond its questions: the claims the learner tags and rates, and the
debrief shown after the self-check (the questions are rows of the case's ``questions.csv``, the
debrief a reading in its ``readings.csv``)."""

from __future__ import annotations

import pandas as pd

from widgets.classroom.claims import claims
from widgets.classroom.readings import reading_html

LESSON = "01"


def claims_to_check() -> pd.DataFrame:
    """The article's claims in its own words and who makes each: what the learner will tag and
    rate (no kind, status or evidence: those are the answers)."""
    table = claims()
    return pd.DataFrame(
        {"#": table["order"], "In the article": table["quote"], "Said by": table["speaker"]}
    )


DEBRIEF = "article-debrief"  # the reading shown after the self-check (the case's readings.csv)


def debrief() -> str:
    """What the article leaves out, and what held up: shown after the self-check is answered."""
    return reading_html(DEBRIEF)
