"""Every question the course asks, built from the data: ``questions.csv`` (course-wide, with
lesson 07's quiz) and each case's ``questions.csv``, one row per answer choice.

``ask(question_id)`` gives the :class:`Question` or :class:`NumericQuestion` a lesson shows.
Where a row names an ``answer`` rule (:mod:`widgets.classroom.answer_rules`), the right answer is
computed from the data or an engine and the rule's values fill the texts' ``{placeholders}``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd

from widgets.classroom.answer_rules import LEARNER_SETTINGS, RULES, Context, parse_params
from widgets.classroom.questions import Choice, NumericQuestion, Question
from widgets.data import CASES, DataError, Problem, file_of, load

AnyQuestion = Question | NumericQuestion


def _file(row: Mapping[str, Any]) -> str:
    case_id = row.get("case_id")
    return file_of(
        f"{CASES}/{case_id}/questions.csv" if isinstance(case_id, str) else "questions.csv"
    )


def table() -> pd.DataFrame:
    """All question rows, course-wide first, then each case's; ``case_id`` is empty for the
    course-wide ones, and ``file_row`` is the row's number in its own file (the header is 1)."""
    course = load("questions").assign(case_id=None)
    course["file_row"] = range(2, len(course) + 2)
    cases = load("case_questions")
    cases["file_row"] = cases.groupby("case_id").cumcount() + 2
    return pd.concat([course, cases], ignore_index=True)


def _rows(question_id: str) -> pd.DataFrame:
    rows = table()
    found = rows[rows["question_id"] == question_id].sort_values("choice_index")
    if found.empty:
        raise ValueError(
            f"There is no question {question_id!r} in data/questions.csv or in a case's "
            "questions.csv."
        )
    return found


def _text(cell: Any) -> str:
    return cell if isinstance(cell, str) else ""


def ask(question_id: str, answer: Callable[[], float] | None = None) -> AnyQuestion:
    """The question ``question_id`` as a lesson shows it. ``answer`` gives the live answer of a
    question whose rule is ``learner-settings`` (it depends on the learner's own sliders); any
    other question ignores it."""
    rows = _rows(question_id)
    first = {str(key): value for key, value in rows.iloc[0].items()}
    rule = _text(first["answer"])
    try:
        return _build(rows, first, rule, answer)
    except DataError:
        raise
    except (ValueError, KeyError, IndexError) as error:
        detail = f"question {question_id!r}: {error}"
        problem = Problem(_file(first), int(first["file_row"]), "answer", "an answer rule", detail)
        raise DataError([problem]) from None  # shown plainly in a lesson, not as a traceback


def _build(
    rows: pd.DataFrame, first: dict[str, Any], rule: str, live: Callable[[], float] | None
) -> AnyQuestion:
    computed: object = None
    values: dict[str, Any] = {}
    cited: tuple[str, ...] = ()
    if rule == LEARNER_SETTINGS:
        if live is None:
            raise ValueError("its answer depends on the learner's settings: pass answer=...")
    elif rule:
        result = RULES[rule](
            Context(
                first["case_id"] if isinstance(first["case_id"], str) else None,
                parse_params(first["params"]),
                tuple(_text(v) for v in rows["value"]),
            )
        )
        computed, values, cited = result.answer, result.values, result.source_ids

    def fill(cell: Any) -> str:
        text = _text(cell)
        if not rule or rule == LEARNER_SETTINGS:
            return text
        try:
            return text.format_map(values)
        except KeyError as missing:
            raise ValueError(
                f"the rule {rule!r} gives no value for {{{missing.args[0]}}}"
            ) from None

    qid, lesson, prompt = str(first["question_id"]), str(first["lesson"]), fill(first["prompt"])
    if len(rows) == 1 and not _text(first["choice"]):
        # Only a learner-settings question takes its answer from the lesson; a rule's stands.
        number: float | Callable[[], float] = (
            live if rule == LEARNER_SETTINGS and live is not None else float(str(computed))
        )
        tolerance = first["tolerance"]
        return NumericQuestion(
            qid=qid,
            lesson=lesson,
            prompt=prompt,
            answer=number,
            tolerance=float(tolerance) if pd.notna(tolerance) else 0.0,
            explanation=fill(first["explanation"]),
        )
    feedback = [fill(f) for f in rows["feedback"]]
    correct: int | None = None
    closest: int | None = None
    if first["role"] == "poll":
        closest = _closest(rows, computed, fill)
    elif rule:
        matches = [i for i, v in enumerate(rows["value"]) if fill(v) == str(computed)]
        if len(matches) != 1:
            raise ValueError(
                f"the rule {rule!r} gives {computed!s}, which matches {len(matches)} "
                "choices' values; exactly one must match"
            )
        correct = matches[0]
        if _text(first["right_feedback"]):
            feedback[correct] = fill(first["right_feedback"])
    else:
        correct = [bool(c) is True for c in rows["correct"].fillna(False)].index(True)
    return Question(
        qid=qid,
        lesson=lesson,
        prompt=prompt,
        choices=tuple(Choice(fill(c), f) for c, f in zip(rows["choice"], feedback, strict=True)),
        correct=correct,
        explanation=fill(first["explanation"]),
        finding=fill(first["finding"]),
        closest=closest,
        sources=tuple(dict.fromkeys((*_listed(first["source_id"]), *cited))),
    )


def _listed(cell: Any) -> tuple[str, ...]:
    return tuple(str(item) for item in cell) if isinstance(cell, tuple) else ()


def _closest(rows: pd.DataFrame, computed: object, fill: Callable[[Any], str]) -> int | None:
    """A poll's choice closest to what the course finds: the one whose value matches the rule's
    answer, else the one marked ``closest``, else none (the lesson leaves it open)."""
    if computed is not None:
        matches = [i for i, v in enumerate(rows["value"]) if _text(v) and fill(v) == str(computed)]
        if len(matches) == 1:
            return matches[0]
    marked = [i for i, flag in enumerate(rows["closest"].fillna(False)) if bool(flag) is True]
    return marked[0] if len(marked) == 1 else None


def question_ids(
    lesson: str | None = None,
    roles: tuple[str, ...] = ("poll", "check"),
    case_id: str | None = None,
) -> list[str]:
    """The ids of the questions with one of ``roles`` (of ``lesson``, if given; of the course
    and ``case_id`` alone, if given), in lesson order and, within a lesson, the case's questions
    before the course-wide ones, each file in its own order."""
    rows = table()
    rows = rows[rows["role"].isin(roles)]
    if lesson is not None:
        rows = rows[rows["lesson"] == lesson]
    if case_id is not None:
        rows = rows[rows["case_id"].isna() | (rows["case_id"] == case_id)]
    firsts = rows.drop_duplicates("question_id").reset_index(drop=True)
    firsts["file_rank"] = firsts["case_id"].isna().astype(int)
    firsts["row"] = range(len(firsts))
    return list(firsts.sort_values(["lesson", "file_rank", "row"])["question_id"])


def ask_choice(question_id: str) -> Question:
    """:func:`ask` for a question the caller needs as multiple choice (a poll, say)."""
    question = ask(question_id)
    if not isinstance(question, Question):
        raise ValueError(f"question {question_id!r} is answered with a number, not a choice")
    return question


def ask_number(question_id: str) -> NumericQuestion:
    """:func:`ask` for a question the caller needs answered with a number."""
    question = ask(question_id)
    if not isinstance(question, NumericQuestion):
        raise ValueError(f"question {question_id!r} is multiple choice, not a number")
    return question
