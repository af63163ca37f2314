"""Lesson 05: a question before each explorer (the explorer opens once it is answered), a
self-check, and the course's reading of 6 January 2020 shown after the learner's own judgement.
The questions are rows of ``data/questions.csv`` and of the case's ``questions.csv``."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any, Protocol

from widgets.classroom.progress import ProgressStore
from widgets.classroom.question_bank import ask, ask_choice
from widgets.classroom.question_view import QuestionWidget
from widgets.classroom.questions import NumericQuestion
from widgets.classroom.readings import reading_html
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


READING = "reading-of-the-silence"  # the course's reading, in the case's readings.csv


def deterrence_section(store: ProgressStore | None = None) -> PredictFirst:
    """The threshold question, then the deterrence explorer."""
    return PredictFirst(QuestionWidget(ask_choice("predict-threshold"), store), deterrence_explorer)


def dilemma_section(store: ProgressStore | None = None) -> PredictFirst:
    """Which fear weighed more, then Snyder's dilemma explorer."""
    return PredictFirst(QuestionWidget(ask_choice("predict-dilemma"), store), dilemma_explorer)


def ambiguity_section(store: ProgressStore | None = None) -> PredictFirst:
    """Which commitment loses least, then the course's ambiguity construct."""
    return PredictFirst(QuestionWidget(ask_choice("predict-commitment"), store), ambiguity_explorer)


def brinkmanship_section(store: ProgressStore | None = None) -> PredictFirst:
    """How the window moves with p, then the brinkmanship explorer."""
    return PredictFirst(QuestionWidget(ask_choice("predict-window"), store), brinkmanship_explorer)


def judgement(store: ProgressStore | None = None) -> Any:
    """The learner's judgement of the silence first; the course's reading opens after it."""
    import ipywidgets as w

    question = QuestionWidget(ask_choice("judge-silence"), store)
    reveal = Reveal.after(
        question,
        lambda: reading_html(READING),
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

    return _numeric("q-star-own-settings", answer)


def q_min_question(explorer: HasValues) -> NumericQuestion:
    """The smallest effective risk for the learner's current brinkmanship sliders."""

    def answer() -> float:
        try:
            return brinkmanship_window(**explorer.values()).q_min
        except ValueError:
            return math.nan

    return _numeric("q-min-own-settings", answer)


def _numeric(question_id: str, answer: Callable[[], float]) -> NumericQuestion:
    question = ask(question_id, answer=answer)
    if not isinstance(question, NumericQuestion):
        raise ValueError(f"question {question_id!r} must be answered with a number")
    return question


def poll(store: ProgressStore | None = None) -> QuestionWidget:
    """The lesson's opening poll (lesson 07 comes back to it)."""
    return QuestionWidget(ask_choice("predict-clarity"), store)


def self_check(store: ProgressStore | None = None) -> QuestionWidget:
    """Why "just enough" commitment, asked after the ambiguity explorer."""
    return QuestionWidget(ask_choice("why-just-enough"), store)


def figures() -> Any:
    """The published figures on allies, with what each measures and its sources."""
    return reliability_table()
