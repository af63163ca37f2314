"""Questions of lesson 05: a poll, and self-checks answered from the learner's own sliders."""

from __future__ import annotations

import math

from widgets.classroom.questions import Choice, NumericQuestion, Question
from widgets.escalation.explorer import SliderExplorer
from widgets.escalation.models import brinkmanship_window, extended_deterrence

LESSON = "05"

PREDICT_CLARITY = Question(
    qid="predict-clarity",
    lesson=LESSON,
    prompt=(
        "Predict first: on 6 January 2020, would a clear NATO statement that Article 5 covers "
        "an Iranian strike on US forces have made a wider war less likely?"
    ),
    choices=(
        Choice("Yes: clear commitments always deter better."),
        Choice(
            "No: it could have encouraged risk-taking and bound allies to a fight "
            "they did not choose."
        ),
        Choice("It depends on what Iran already believed about the allies."),
        Choice("I am not sure yet."),
    ),
    explanation="Saved. The three models below give you tools to argue either way.",
)


def q_star_question(explorer: SliderExplorer) -> NumericQuestion:
    """q* for the learner's current w0 and w1 (NaN when the model has no threshold)."""

    def answer() -> float:
        values = explorer.values()
        result = extended_deterrence(values["w0"], values["w1"], values["q"])
        return math.nan if result.q_star is None else result.q_star

    return NumericQuestion(
        qid="q-star-own-settings",
        lesson=LESSON,
        prompt=(
            "Self-check: with your current sliders, at what belief q is the attacker just deterred?"
        ),
        answer=answer,
        tolerance=0.01,
        explanation="q* = w0 / (w0 - w1): the gain from attacking unopposed, over the whole swing.",
    )


def q_min_question(explorer: SliderExplorer) -> NumericQuestion:
    """The smallest effective risk for the learner's current brinkmanship sliders."""

    def answer() -> float:
        try:
            return brinkmanship_window(**explorer.values()).q_min
        except ValueError:
            return math.nan

    return NumericQuestion(
        qid="q-min-own-settings",
        lesson=LESSON,
        prompt=(
            "Self-check: with your sliders, what is the smallest risk that deters a soft opponent?"
        ),
        answer=answer,
        tolerance=0.01,
        explanation=(
            "q_min = (prevail - withdraw) / (prevail - disaster), from the opponent's payoffs."
        ),
    )


JUST_ENOUGH = Question(
    qid="why-just-enough",
    lesson=LESSON,
    prompt=(
        "Self-check: in the ambiguity construct, why is the least-loss commitment often exactly q*?"
    ),
    choices=(
        Choice(
            "Below q* the attacker is not deterred; above it, more commitment buys no more "
            "deterrence but makes the ally take more risks and drags the defender in more often.",
            "Yes: deterrence is a threshold, while entrapment costs keep rising with commitment.",
        ),
        Choice(
            "Because q* is where the ally's risk-taking is zero.",
            "Risk-taking is lowest at no commitment, not at q*: look at the slope of the curve.",
        ),
        Choice(
            "Because a defender can never commit more than q*.",
            "It can: the slider goes to 1. Committing fully is possible, just costlier here.",
        ),
    ),
    correct=0,
)
