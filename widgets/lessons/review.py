"""Lesson 07: every prediction beside what the course found, the quiz, a score in words, and the
line the alliance's speaker could have said.

Plain values only (no widgets): the view is :mod:`widgets.classroom.review_view`. The course's
answers are the polls' findings in the questions' data, computed by their rules from the data and
the engines (the Article 6 engine, the timeline, the claim checks, the deterrence model), so a
change in the data changes the answer key with it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd

from widgets.cases import case
from widgets.classroom.progress import ProgressStore
from widgets.classroom.question_bank import ask_choice, question_ids
from widgets.classroom.questions import Question
from widgets.data import load

LESSON = "07"
LINE_QID = "stoltenberg-line"  # where the learner's line is saved (an id kept, so saved lines stay)
LEAD_INS = ("Predict first:", "Predict:")  # the lessons' cue, not part of the question


# --- The quiz -------------------------------------------------------------------------------------


def bank_questions() -> list[Question]:
    """Every quiz question of the course and of its case (rows with role ``quiz``), in the order
    of the lessons they check, with feedback on each choice; asked as lesson 07's, where answers
    are saved."""
    quiz = sorted(
        (ask_choice(qid) for qid in question_ids(roles=("quiz",), case_id=case().case_id)),
        key=lambda q: (q.lesson, q.qid),
    )
    return [replace(q, lesson=LESSON, prompt=f"(Lesson {q.lesson}) {q.prompt}") for q in quiz]


def questions_per_lesson() -> dict[str, int]:
    """How many quiz questions check each lesson, e.g. ``{"01": 2, ...}``."""
    counts: dict[str, int] = {}
    for qid in question_ids(roles=("quiz",), case_id=case().case_id):
        lesson = ask_choice(qid).lesson
        counts[lesson] = counts.get(lesson, 0) + 1
    return counts


def quiz_coverage() -> pd.DataFrame:
    """The quiz's questions per lesson, as a small table for the lesson page."""
    rows = [{"lesson": k, "questions": n} for k, n in sorted(questions_per_lesson().items())]
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class Score:
    right: int
    wrong: int
    unanswered: int

    @property
    def total(self) -> int:
        return self.right + self.wrong + self.unanswered

    def words(self) -> str:
        """The score as a learner reads it: "3 of 14 right, 10 not answered yet"."""
        text = f"{self.right} of {self.total} right"
        if self.unanswered:
            return f"{text}, {self.unanswered} not answered yet."
        return f"{text}: you have answered every question."


def tally(answers: Mapping[str, Any], questions: Iterable[Question]) -> Score:
    """Count ``answers`` (question id -> the committed choice) against ``questions``; an answer
    that is missing or not one of a question's choices counts as not answered."""
    right = wrong = unanswered = 0
    for question in questions:
        picked = answers.get(question.qid)
        if choice_label(question, picked) is None:
            unanswered += 1
        elif picked == question.correct:
            right += 1
        else:
            wrong += 1
    return Score(right, wrong, unanswered)


def score(store: ProgressStore | None = None) -> tuple[int, int, int]:
    """(right, answered, total) from the quiz answers saved on this computer, for an instructor
    or a script; the lesson itself shows :func:`tally` in words, as the learner answers."""
    saved = (store or ProgressStore()).read().get(LESSON, {})
    result = tally(saved, bank_questions())
    return result.right, result.right + result.wrong, result.total


# --- Predictions: the polls of the lessons before this one ------------------------------------


def discover_predictions() -> list[Question]:
    """Every "predict first" poll (role ``poll`` in the questions' data) of the course's case in a
    lesson before the review, in lesson order. Lesson 08 comes after the review and closes its
    own prediction."""
    return [
        question
        for qid in question_ids(roles=("poll",), case_id=case().case_id)
        for question in [ask_choice(qid)]
        if question.lesson < LESSON
    ]


def prompt_text(question: Question) -> str:
    """The whole question, without the "Predict first:" cue the lessons put before it."""
    text = question.prompt
    for cue in LEAD_INS:
        text = text.removeprefix(cue)
    text = text.strip()
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class CourseAnswer:
    """What a lesson found, in plain words; ``choice`` is the closest of the poll's choices
    (None when the lesson leaves it open), ``source_ids`` the rows of ``sources`` it rests on."""

    finding: str
    choice: int | None = None
    source_ids: tuple[str, ...] = ()


def _event(event_id: str) -> dict[str, Any]:
    events = load("events").set_index("event_id")
    if event_id not in events.index:
        raise ValueError(f"The review needs the event {event_id!r} in the case's events.csv.")
    return {str(key): value for key, value in events.loc[event_id].to_dict().items()}


def _date(value: Any) -> str:
    return f"{value.day} {value:%B %Y}"


def course_answer(question: Question) -> CourseAnswer:
    """What the course found for a prediction (the poll's ``finding`` in the questions' data,
    computed by its rule where it has one); a poll without one is sent back to its lesson in
    plain words rather than given an answer nobody wrote."""
    if not question.finding:
        return CourseAnswer(
            finding=(
                f"Lesson {question.lesson} answers this in its own words: look back at it and "
                "compare with your prediction."
            )
        )
    return CourseAnswer(question.finding, question.closest, question.sources)


def choice_label(question: Question, picked: Any) -> str | None:
    """The label of a saved pick, or None when there is no valid pick."""
    if isinstance(picked, bool) or not isinstance(picked, int):
        return None
    return question.choices[picked].label if 0 <= picked < len(question.choices) else None


# --- The line the alliance's speaker could have said -------------------------------------------


@dataclass(frozen=True)
class Quotation:
    speaker: str
    said: str  # the exact words, as the source prints them
    when: str
    context: str  # what happened, in the course's words
    source_ids: tuple[str, ...]


def what_was_said() -> Quotation:
    """The speaker's answer on the case's day, from ``events`` (exact words and the report that
    prints them first)."""
    event_id = case().statement_event_id
    row = _event(event_id)
    said = row.get("quotation")
    if not isinstance(said, str) or not said.strip():
        raise ValueError(f"The event {event_id!r} has no quotation in the case's events.csv.")
    return Quotation(
        speaker=str(row["actor"]),
        said=said.strip(),
        when=_date(row["date"]),
        context=str(row["action"]),
        source_ids=tuple(row["source_id"][:1]),
    )


def check_line(text: object) -> str:
    """The learner's line, trimmed; a plain ``ValueError`` when there is nothing to save."""
    line = str(text or "").strip()
    if not line:
        raise ValueError("Write your line first: one or two sentences are enough.")
    if len(line) > 2000:
        raise ValueError("That is longer than a press answer: keep it under 2000 characters.")
    return line
