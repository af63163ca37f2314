"""Lesson 07: the question bank, and the learner's predictions beside what the course found."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from widgets.classroom.progress import ProgressStore
from widgets.classroom.questions import Choice, Question
from widgets.data import load
from widgets.lessons import ambiguity, escalation, start_here, timeline, treaty
from widgets.treaty import article6_verdict

LESSON = "07"


def bank_questions() -> list[Question]:
    """Every question of ``question_bank``, in lesson order, with feedback on each choice."""
    bank = load("question_bank").sort_values(["lesson", "question_id", "choice_index"])
    questions = []
    for question_id, rows in bank.groupby("question_id", sort=False):
        rights = [int(i) for i in rows.loc[rows["correct"], "choice_index"]]
        if len(rights) != 1:
            raise ValueError(f"question {question_id!r} must have exactly one right choice")
        questions.append(
            Question(
                qid=str(question_id),
                lesson=LESSON,
                prompt=f"(Lesson {rows['lesson'].iloc[0]}) {rows['prompt'].iloc[0]}",
                choices=tuple(
                    Choice(str(c), str(f))
                    for c, f in zip(rows["choice"], rows["feedback"], strict=True)
                ),
                correct=rights[0],
            )
        )
    return questions


def score(store: ProgressStore | None = None) -> tuple[int, int, int]:
    """(right, answered, total) for the bank questions answered in this lesson."""
    store = store or ProgressStore()
    saved = store.read().get(LESSON, {})
    questions = bank_questions()
    answered = [q for q in questions if q.qid in saved]
    right = sum(saved[q.qid] == q.correct for q in answered)
    return right, len(answered), len(questions)


@dataclass(frozen=True)
class Prediction:
    question: Question
    answer: Callable[[], str]
    why: Callable[[], str]


def _iraq_answer() -> str:
    places = load("places")
    row = places[places["place_id"] == "ain-al-asad-air-base"].iloc[0].to_dict()
    verdict = article6_verdict(
        float(row["lat"]), float(row["lon"]), target="forces", on="2020-01-08"
    )
    return verdict.reason


PREDICTIONS = (
    Prediction(
        start_here.PREDICT_ARTICLE5,
        lambda: start_here.PREDICT_ARTICLE5.choices[2].label,
        _iraq_answer,
    ),
    Prediction(
        treaty.PREDICT_FIVE,
        lambda: str(treaty.clearly_covered_count()),
        lambda: (
            "Incirlik and Las Palmas are inside; Ain al-Asad and Pearl Harbor are outside; "
            "Ceuta is contested."
        ),
    ),
    Prediction(
        timeline.PREDICT_DAYS,
        lambda: timeline.PREDICT_DAYS.choices[1].label,
        lambda: (
            f"{timeline.days_to_retaliation().expected():.0f} days: 3 to 8 January 2020 "
            "(local dates)."
        ),
    ),
    Prediction(
        escalation.PREDICT_IRAN,
        lambda: escalation.PREDICT_IRAN.choices[1].label,
        lambda: (
            "Iran fired missiles at two bases hosting US forces on 8 January and passed a message "
            "to Iraq's prime minister; no US soldier was killed."
        ),
    ),
    Prediction(
        ambiguity.PREDICT_CLARITY,
        lambda: "No single right answer",
        lambda: (
            "Lesson 05's models show that it depends on what Iran already believed, on the risk of "
            "entrapment, and on how much uncertainty itself deters."
        ),
    ),
)


def predictions(store: ProgressStore | None = None) -> pd.DataFrame:
    """The learner's saved predictions beside what the course found (text, for any renderer)."""
    store = store or ProgressStore()
    rows = []
    for item in PREDICTIONS:
        q = item.question
        picked = store.answer(q.lesson, q.qid)
        yours = (
            q.choices[picked].label
            if isinstance(picked, int) and 0 <= picked < len(q.choices)
            else "(not answered)"
        )
        rows.append(
            {
                "lesson": q.lesson,
                "question": q.prompt.split(":", 1)[-1].strip()[:90],
                "your prediction": yours,
                "what the course found": item.answer(),
                "why": item.why(),
            }
        )
    return pd.DataFrame(rows)
