"""Polls and self-checks: feedback for every choice, answers computed from the data."""

from __future__ import annotations

import pytest

from widgets.classroom.progress import ProgressStore
from widgets.classroom.questions import Choice, Question
from widgets.lessons import start_here


def test_poll_has_no_right_answer_and_explains_itself() -> None:
    poll = start_here.PREDICT_ARTICLE5
    right, message = poll.feedback(0)
    assert right is None
    assert "review lesson" in message


def test_allies_question_is_answered_from_the_members_table() -> None:
    question = start_here.allies_on_case_day()
    assert question.choices[question.correct].label == "29"
    for index, choice in enumerate(question.choices):
        right, message = question.feedback(index)
        assert right is (index == question.correct)
        assert choice.feedback in message and choice.feedback
    wrong_30 = next(i for i, c in enumerate(question.choices) if c.label == "30")
    assert "North Macedonia" in question.feedback(wrong_30)[1]


def test_article4_question_counts_invocations() -> None:
    question = start_here.most_invoked_article()
    right, message = question.feedback(0)
    assert right is True
    assert "9 times" in message and "11 September 2001" not in message
    assert "12 September 2001" in message


@pytest.mark.parametrize("picked", [None, -1, 7])
def test_impossible_picks_get_plain_words(picked: int | None) -> None:
    right, message = start_here.allies_on_case_day().feedback(picked)
    assert right is None
    assert "pick" in message.lower()


def test_questions_refuse_impossible_definitions() -> None:
    with pytest.raises(ValueError, match="at least two"):
        Question("q", "00", "?", (Choice("only"),))
    with pytest.raises(ValueError, match="does not exist"):
        Question("q", "00", "?", (Choice("a"), Choice("b")), correct=2)


def test_widget_saves_the_answer_and_restores_it(tmp_path) -> None:
    from widgets.classroom.question_view import QuestionWidget

    store = ProgressStore(tmp_path)
    widget = QuestionWidget(start_here.PREDICT_ARTICLE5, store)
    widget.choices.value = 2
    widget.button.click()
    assert "review lesson" in widget.feedback.value
    assert store.answer("00", "predict-article5-iraq") == 2
    again = QuestionWidget(start_here.PREDICT_ARTICLE5, ProgressStore(tmp_path))
    assert again.choices.value == 2


def test_widget_without_a_pick_asks_for_one(tmp_path) -> None:
    from widgets.classroom.question_view import QuestionWidget

    widget = QuestionWidget(start_here.allies_on_case_day(), ProgressStore(tmp_path))
    widget.button.click()
    assert "Pick one" in widget.feedback.value
    assert ProgressStore(tmp_path).read() == {}


def test_text_fallback_lists_the_choices() -> None:
    text = start_here.allies_on_case_day().as_text()
    assert "A. 28" in text and "B. 29" in text
