"""Questions of lesson 01: a poll on the article's reliability; a self-check read from claims."""

from __future__ import annotations

import pandas as pd

from widgets.classroom.claims import claims
from widgets.classroom.questions import Choice, Question
from widgets.markup import escape

LESSON = "01"
OMITS_ARTICLE6 = "article5-applies-us-targets-iraq"

PREDICT_RELIABILITY = Question(
    qid="predict-reliability",
    lesson=LESSON,
    prompt=(
        "Predict first: after reading the article once, how much of it do you expect to hold up?"
    ),
    choices=(
        Choice("Nearly all of it."),
        Choice("Most facts, but some quotations or hints will not hold up."),
        Choice("Little of it."),
    ),
    explanation="Saved. Tag and rate each claim below, then compare with the sources.",
)


def claims_to_check() -> pd.DataFrame:
    """The article's claims in its own words and who makes each: what the learner will tag and
    rate (no kind, status or evidence: those are the answers)."""
    table = claims()
    return pd.DataFrame(
        {"#": table["order"], "In the article": table["quote"], "Said by": table["speaker"]}
    )


def misleading_by_omission() -> Question:
    """Which claim misleads because it leaves Article 6 out? Choices are the article's own words
    (the ones the learner tagged and rated); the answer and feedback are read from ``claims``."""
    table = claims().set_index("claim_id")
    options = [OMITS_ARTICLE6, "article5-invoked-after-9-11", "stoltenberg-wont-speculate-article5"]
    feedback = {
        OMITS_ARTICLE6: str(table.loc[OMITS_ARTICLE6, "evidence"]),
        "article5-invoked-after-9-11": (
            "That one is confirmed: NATO invoked Article 5 in September 2001, after an attack on "
            "US territory, which lies inside the treaty area."
        ),
        "stoltenberg-wont-speculate-article5": (
            "That one is confirmed by several reports of the press conference; it reports a "
            "refusal to speculate and claims nothing about where Article 5 applies."
        ),
    }
    return Question(
        qid="misleading-by-omission",
        lesson=LESSON,
        prompt=(
            "Self-check: which of these, in the article's words, misleads because it leaves out "
            "Article 6?"
        ),
        choices=tuple(Choice(f"“{table.loc[c, 'quote']!s}”", feedback[c]) for c in options),
        correct=0,
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
