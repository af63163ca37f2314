"""Questions of lesson 00: a "predict first" poll and self-checks answered from the data."""

from __future__ import annotations

import pandas as pd

from widgets.cases import case
from widgets.classroom.questions import Choice, Question
from widgets.data import load
from widgets.timeline.enlargement import members_on

LESSON = "00"

PREDICT_ARTICLE5 = Question(
    qid="predict-article5-iraq",
    lesson=LESSON,
    prompt=(
        "Predict first: if Iran struck US troops in Iraq, would Article 5 of the North Atlantic "
        "Treaty oblige the other allies to fight alongside the United States?"
    ),
    choices=(
        Choice("Yes: an attack on one ally is an attack on all, so all must fight."),
        Choice("Yes, but only if the North Atlantic Council votes for it."),
        Choice("No, or not necessarily: the treaty's wording leaves room."),
        Choice("I am not sure yet."),
    ),
    explanation=(
        "Saved. There is no mark yet: lessons 02 and 05 give you the treaty's own words, "
        "and the review lesson shows your prediction again beside the answer."
    ),
)


def allies_on_case_day() -> Question:
    """How many allies met on the case's day? The right answer is counted from ``members``."""
    day = case().day
    count = len(members_on(day))
    newest_after = load("members").query("joined > @day").sort_values("joined").iloc[0]
    options = [count - 1, count, count + 1, len(load("members"))]
    feedback = {
        count - 1: f"That was the number before {members_on(day).iloc[-1]['name']} joined.",
        count: "The treaty had this many Parties that day; all of them sit on the Council.",
        count + 1: (
            f"Close: {newest_after['name']} became the next ally only on "
            f"{newest_after['joined']:%d %B %Y}."
        ),
        len(load("members")): "That is today's number, after later enlargements.",
    }
    return Question(
        qid="allies-on-case-day",
        lesson=LESSON,
        prompt=(
            "Self-check: how many allies could speak at the North Atlantic Council "
            f"on {day:%-d %B %Y}?"
        ),
        choices=tuple(Choice(str(n), feedback[n]) for n in options),
        correct=options.index(count),
    )


def most_invoked_article() -> Question:
    """Which article have allies invoked more often? Counted from ``invocations``."""
    invocations = load("invocations")
    article4 = int((invocations["article"] == 4).sum())
    article5_days = invocations.loc[invocations["article"] == 5, "date"]
    first5: pd.Timestamp = article5_days.min()
    return Question(
        qid="most-invoked-article",
        lesson=LESSON,
        prompt="Self-check: which article of the treaty have allies invoked more often?",
        choices=(
            Choice(
                "Article 4 (consultation)",
                f"Allies have asked for Article 4 consultations {article4} times; Article 5 "
                f"was invoked once, after the attacks on the United States (decisions from "
                f"{first5:%d %B %Y}).",
            ),
            Choice(
                "Article 5 (collective defence)",
                "Article 5 has been invoked only once, in 2001. Look at the table above again.",
            ),
            Choice("Both equally often", "Count the rows of each article in the table above."),
        ),
        correct=0,
    )
