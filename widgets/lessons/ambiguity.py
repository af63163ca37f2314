"""Lesson 05: a question before each explorer (the explorer opens once it is answered), a
self-check, and the course's reading of 6 January 2020 shown after the learner's own judgement."""

from __future__ import annotations

import math
from typing import Any, Protocol

from widgets.classroom.progress import ProgressStore
from widgets.classroom.question_view import QuestionWidget
from widgets.classroom.questions import Choice, NumericQuestion, Question
from widgets.classroom.reveal import Reveal
from widgets.escalation.explorer import PredictFirst
from widgets.escalation.models import brinkmanship_window, extended_deterrence
from widgets.escalation.models_view import (
    ambiguity_explorer,
    brinkmanship_explorer,
    deterrence_explorer,
    dilemma_explorer,
    reliability_table,
)


class HasValues(Protocol):
    """An explorer, or a prediction that opens one: its sliders' current values by name."""

    def values(self) -> dict[str, Any]: ...


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
    explanation="Saved. The four models below give you tools to argue either way.",
)

PREDICT_THRESHOLD = Question(
    qid="predict-threshold",
    lesson=LESSON,
    prompt=(
        "Predict: a strike would gain the attacker 3 if the defender stays out (w0 = 3) and cost "
        "it 2 if the defender fights (w1 = -2). How sure must the attacker be that the defender "
        "will fight before a strike stops paying?"
    ),
    choices=(
        Choice(
            "Any chance above zero is enough.",
            "With a small chance of a fight, the likely gain of 3 outweighs the unlikely loss of "
            "2. Try q = 0.2 in the explorer below.",
        ),
        Choice(
            "About 40%.",
            "Close: at q = 0.4 a strike is still worth 0.4 · (-2) + 0.6 · 3 = 1, more than the "
            "status quo (0).",
        ),
        Choice(
            "About 60%.",
            "At q = 0.6 a strike is worth 0.6 · (-2) + 0.4 · 3 = 0, no better than the status quo.",
        ),
        Choice(
            "Only certainty (100%).",
            "More than needed: the loss of 2 outweighs the gain of 3 well before certainty. "
            "Find the point in the explorer below.",
        ),
    ),
    correct=2,
)

PREDICT_DILEMMA = Question(
    qid="predict-dilemma",
    lesson=LESSON,
    prompt=(
        "Predict: in the US-Iran crisis of January 2020, which fear weighed more for the European "
        "allies when they thought about their commitment to the US?"
    ),
    choices=(
        Choice("Abandonment: being left alone by the US if they held back."),
        Choice("Entrapment: being dragged into a US-Iran fight they had not chosen."),
        Choice("Both about equally."),
        Choice("I am not sure yet."),
    ),
    explanation=(
        "Saved. Load the two European settings in the explorer and compare what the model says."
    ),
)

PREDICT_COMMITMENT = Question(
    qid="predict-commitment",
    lesson=LESSON,
    prompt=(
        "Predict: in the construct below, with its starting settings, which commitment leaves "
        "the defender the smallest expected loss?"
    ),
    choices=(
        Choice(
            "A full commitment: the surest deterrent.",
            "It deters, but so does less: above q* the extra commitment buys no more deterrence "
            "and only draws the defender into more of the ally's crises. Compare the two points "
            "on the curve below.",
        ),
        Choice(
            "Exactly the commitment that deters (q*), no more.",
            "With these settings, yes. Now look for settings where it is not so.",
        ),
        Choice(
            "No commitment at all.",
            "Not with these settings: with no commitment the ally is attacked, and that loss is "
            "the largest on the curve. Make the attack cheap (More settings) and it can be.",
        ),
    ),
    correct=1,
)

PREDICT_WINDOW = Question(
    qid="predict-window",
    lesson=LESSON,
    prompt=(
        "Predict: the likelier it is that the opponent is hard-line (defies the threat whatever "
        "the risk), the ... range of risk in which brinkmanship works."
    ),
    choices=(
        Choice(
            "wider",
            "The reverse: against a likely hard-liner the threat is mostly carried out, so we "
            "can afford to run less risk. Move p in the explorer below.",
        ),
        Choice(
            "narrower",
            "The risk we can accept falls as p rises, while the risk that deters a soft "
            "opponent stays the same.",
        ),
        Choice(
            "same: the opponent's type does not matter",
            "It matters for us: a hard-liner defies anyway, so the threat's risk falls on us too. "
            "Move p in the explorer below.",
        ),
    ),
    correct=1,
)

JUDGE_SILENCE = Question(
    qid="judge-silence",
    lesson=LESSON,
    prompt=(
        "Your judgement: on 6 January 2020, was the Secretary General's refusal to say whether "
        "Article 5 applied a dodge or a choice?"
    ),
    choices=(
        Choice("A dodge: it avoided a hard question."),
        Choice("A choice: leaving it open served the allies."),
        Choice("Both: a choice that was also convenient."),
        Choice("I cannot tell without knowing what Iran believed."),
    ),
    explanation="Saved. Compare your reasons with the course's reading below.",
)

READING = (
    "<p>The models are lenses, not verdicts. Read with them, the silence looks like this:</p><ul>"
    "<li><b>Deterrence needs only enough belief.</b> If Iran already expected a strong US "
    "response, NATO's words added little to its belief q; a declaration would mostly have "
    "changed the costs in the other models.</li>"
    "<li><b>Clarity has costs for the allies.</b> On the course's two European settings, the "
    "same allies fear abandonment for their own defence and entrapment in a US-Iran fight. A "
    "clear yes would have fed the second fear; a clear no would have told the US it stood "
    "alone. Silence kept NATO's general promise firm and left this one question open. (Lesson "
    "02 adds a legal point: Article 6 draws the area where Article 5 applies, and US forces in "
    "Iraq stand outside it.)</li>"
    "<li><b>Some uncertainty can itself be the threat.</b> Leaving the answer open keeps a "
    "risk in play without committing anyone to a path, which is how Schelling's argument "
    "works.</li>"
    "<li><b>What the models cannot tell you</b> is what Iran really believed: every payoff "
    "here is an illustrative number, and the settings are the course's reading.</li></ul>"
)


def deterrence_section(store: ProgressStore | None = None) -> PredictFirst:
    """The threshold question, then the deterrence explorer."""
    return PredictFirst(QuestionWidget(PREDICT_THRESHOLD, store), deterrence_explorer)


def dilemma_section(store: ProgressStore | None = None) -> PredictFirst:
    """Which fear weighed more, then Snyder's dilemma explorer."""
    return PredictFirst(QuestionWidget(PREDICT_DILEMMA, store), dilemma_explorer)


def ambiguity_section(store: ProgressStore | None = None) -> PredictFirst:
    """Which commitment loses least, then the course's ambiguity construct."""
    return PredictFirst(QuestionWidget(PREDICT_COMMITMENT, store), ambiguity_explorer)


def brinkmanship_section(store: ProgressStore | None = None) -> PredictFirst:
    """How the window moves with p, then the brinkmanship explorer."""
    return PredictFirst(QuestionWidget(PREDICT_WINDOW, store), brinkmanship_explorer)


def judgement(store: ProgressStore | None = None) -> Any:
    """The learner's judgement of the silence first; the course's reading opens after it."""
    import ipywidgets as w

    question = QuestionWidget(JUDGE_SILENCE, store)
    reveal = Reveal.after(
        question,
        lambda: READING,
        what="the course's reading",
        wait_for="Save your judgement above first; then compare it with the course's reading.",
    )
    return w.VBox([question.box, reveal.box])


def q_star_question(explorer: HasValues) -> NumericQuestion:
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


def q_min_question(explorer: HasValues) -> NumericQuestion:
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
            "Below q* the attack comes; above q*, more commitment adds entrapment, not deterrence.",
            "Deterrence is a threshold: past it, more commitment only makes the ally take more "
            "risks and drags the defender into more of its crises.",
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


def poll(store: ProgressStore | None = None) -> QuestionWidget:
    """The lesson's opening poll (lesson 07 comes back to it)."""
    return QuestionWidget(PREDICT_CLARITY, store)


def self_check(store: ProgressStore | None = None) -> QuestionWidget:
    """Why "just enough" commitment, asked after the ambiguity explorer."""
    return QuestionWidget(JUST_ENOUGH, store)


def figures() -> Any:
    """The published figures on allies, with what each measures and its sources."""
    return reliability_table()
