"""Questions of lesson 01: a poll on the article's reliability, self-checks from ``claims``."""

from __future__ import annotations

from widgets.classroom.claims import claims
from widgets.classroom.questions import Choice, Question

LESSON = "01"

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
    explanation="Saved. Rate each claim below, then compare with the sources.",
)


def misleading_by_omission() -> Question:
    """Which claim misleads because it leaves Article 6 out? Answer read from ``claims``."""
    table = claims().set_index("claim_id")
    target = "article5-applies-us-targets-iraq"
    options = [target, "article5-invoked-after-9-11", "stoltenberg-wont-speculate-article5"]
    feedback = {
        target: "Yes: " + str(table.loc[target, "evidence"]),
        "article5-invoked-after-9-11": (
            "That one is confirmed: NATO invoked Article 5 in September 2001."
        ),
        "stoltenberg-wont-speculate-article5": (
            "That one is confirmed by several reports of the press conference."
        ),
    }
    return Question(
        qid="misleading-by-omission",
        lesson=LESSON,
        prompt="Self-check: which of these claims misleads because it leaves out Article 6?",
        choices=tuple(Choice(str(table.loc[c, "claim"]), feedback[c]) for c in options),
        correct=0,
    )


def status_counts() -> dict[str, int]:
    return {str(k): int(v) for k, v in claims()["status"].value_counts().sort_index().items()}
