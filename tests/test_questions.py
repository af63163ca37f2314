"""Polls and self-checks: feedback for every choice, answers computed from the data."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from widgets.classroom.progress import ProgressStore
from widgets.classroom.question_bank import ask_choice, ask_number
from widgets.classroom.questions import Choice, Question
from widgets.data import load


def test_poll_has_no_right_answer_and_explains_itself() -> None:
    poll = ask_choice("predict-article5-iraq")
    right, message = poll.feedback(0)
    assert right is None
    assert "review lesson" in message


def test_allies_question_is_answered_from_the_members_table() -> None:
    question = ask_choice("allies-on-case-day")
    assert question.correct is not None
    assert question.choices[question.correct].label == "29"
    for index, choice in enumerate(question.choices):
        right, message = question.feedback(index)
        assert right is (index == question.correct)
        assert choice.feedback in message and choice.feedback
    wrong_30 = next(i for i, c in enumerate(question.choices) if c.label == "30")
    assert "North Macedonia" in question.feedback(wrong_30)[1]


def test_article4_question_counts_invocations() -> None:
    question = ask_choice("most-invoked-article")
    right, message = question.feedback(0)
    assert right is True
    assert "9 times" in message and "11 September 2001" not in message
    assert "12 September 2001" in message


@pytest.mark.parametrize("picked", [None, -1, 7])
def test_impossible_picks_get_plain_words(picked: int | None) -> None:
    right, message = ask_choice("allies-on-case-day").feedback(picked)
    assert right is None
    assert "pick" in message.lower()


def test_questions_refuse_impossible_definitions() -> None:
    with pytest.raises(ValueError, match="at least two"):
        Question("q", "00", "?", (Choice("only"),))
    with pytest.raises(ValueError, match="does not exist"):
        Question("q", "00", "?", (Choice("a"), Choice("b")), correct=2)


def test_widget_saves_the_answer_and_restores_it(tmp_path: Path) -> None:
    from widgets.classroom.question_view import QuestionWidget

    store = ProgressStore(tmp_path)
    widget = QuestionWidget(ask_choice("predict-article5-iraq"), store)
    widget.choices.value = 2
    widget.button.click()
    assert "review lesson" in widget.feedback.value
    assert store.answer("00", "predict-article5-iraq") == 2
    again = QuestionWidget(ask_choice("predict-article5-iraq"), ProgressStore(tmp_path))
    assert again.choices.value == 2


def test_widget_without_a_pick_asks_for_one(tmp_path: Path) -> None:
    from widgets.classroom.question_view import QuestionWidget

    widget = QuestionWidget(ask_choice("allies-on-case-day"), ProgressStore(tmp_path))
    widget.button.click()
    assert "Pick one" in widget.feedback.value
    assert ProgressStore(tmp_path).read() == {}


def test_text_fallback_lists_the_choices() -> None:
    text = ask_choice("allies-on-case-day").as_text()
    assert "A. 28" in text and "B. 29" in text


def test_numeric_question_reads_the_learners_own_sliders(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from widgets.escalation.models_view import brinkmanship_explorer, deterrence_explorer
    from widgets.lessons import ambiguity

    explorer = deterrence_explorer(w0=3, w1=-2, q=0.5)
    question = ambiguity.q_star_question(explorer)
    assert question.feedback(0.6)[0] is True
    explorer.controls["w1"].value = -7  # q* = 3 / 10
    right, message = question.feedback(0.6)
    assert right is False and message.startswith("Too high")
    assert question.feedback(0.3)[0] is True
    explorer.controls["w0"].value = -1  # no threshold: deterred by the status quo
    assert question.feedback(0.3) == (None, question.feedback(0.3)[1])
    assert "no single answer" in question.feedback(0.3)[1]
    q_min = ambiguity.q_min_question(brinkmanship_explorer())
    assert q_min.feedback(0.6)[0] is True and q_min.feedback(0.2)[1].startswith("Too low")
    capsys.readouterr()


@pytest.mark.parametrize("given", [None, float("nan"), True])
def test_numeric_question_refuses_non_numbers_plainly(given: object) -> None:
    from widgets.classroom.questions import NumericQuestion

    right, message = NumericQuestion("q", "05", "?", answer=0.5).feedback(given)  # type: ignore[arg-type]
    assert right is None and "number" in message


def test_numeric_widget_gives_feedback_and_saves(tmp_path: Path) -> None:
    from widgets.classroom.question_view import NumericQuestionWidget
    from widgets.classroom.questions import NumericQuestion

    store = ProgressStore(tmp_path)
    widget = NumericQuestionWidget(NumericQuestion("half", "05", "Half of one?", answer=0.5), store)
    widget.number.value = 0.7
    widget.button.click()
    assert "Too high" in widget.feedback.value
    widget.number.value = 0.5
    widget.button.click()
    assert "Right" in widget.feedback.value
    assert store.answer("05", "half") is True


def test_timeline_questions_are_answered_from_the_events() -> None:

    assert ask_number("days-to-retaliation").feedback(5)[0] is True
    assert ask_number("days-to-retaliation").feedback(6)[1].startswith("Too high")
    assert ask_number("days-to-first-injury-report").expected() == 8  # 8 Jan strike, 16 Jan report
    question = ask_choice("known-when-stoltenberg-spoke")
    assert question.correct is not None
    assert "parliament" in question.choices[question.correct].label
    assert "05 January 2020" in question.feedback(question.correct)[1]
    assert "Not yet" in question.feedback(0)[1]


def test_review_bank_has_one_right_answer_and_feedback_for_each_choice() -> None:
    from widgets.lessons.review import bank_questions

    questions = bank_questions()
    assert len(questions) == _quiz()["question_id"].nunique() >= 2
    for question in questions:
        assert question.correct is not None
        assert all(choice.feedback for choice in question.choices)
        right, message = question.feedback(question.correct)
        assert right is True and message.startswith(("Right.", "Right:"))


def test_every_lesson_01_to_06_has_at_least_two_bank_questions() -> None:
    lessons = _quiz().groupby("lesson")["question_id"].nunique()
    for lesson in ("01", "02", "03", "04", "05", "06"):
        assert lessons.get(lesson, 0) >= 2, f"lesson {lesson} has too few review questions"


def test_every_bank_question_cites_sources_that_resolve() -> None:
    from widgets.sources import resolve_sources

    for row in _quiz().itertuples():
        cited: tuple[str, ...] = row.source_id  # type: ignore[assignment]
        assert cited and resolve_sources(cited)


def _quiz() -> pd.DataFrame:
    """The quiz's rows, read straight from the tables: the course's and the first case's."""
    cases = load("case_questions")
    questions = pd.concat([load("questions"), cases[cases["case_id"] == "jan-2020"]])
    return questions[questions["role"] == "quiz"]
