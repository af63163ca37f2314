"""Predict, commit, reveal: the answer is not built, shown or printed before the learner tries."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from widgets.classroom.progress import ProgressStore
from widgets.classroom.question_view import NumericQuestionWidget, QuestionWidget
from widgets.classroom.questions import Choice, NumericQuestion, Question
from widgets.classroom.reveal import Reveal

SECRET = "The answer is forty-two"


def _question() -> Question:
    return Question(
        lesson="99",
        qid="q",
        prompt="Pick one",
        choices=(Choice("yes"), Choice("no")),
        correct=0,
    )


def test_nothing_is_built_before_the_attempt(
    tmp_path: Path, widget_text: Callable[[Any], str]
) -> None:
    built: list[int] = []

    def build() -> str:
        built.append(1)
        return f"<p>{SECRET}</p>"

    question = QuestionWidget(_question(), ProgressStore(tmp_path))
    reveal = Reveal.after(question, build)
    assert reveal.button.disabled and not built
    reveal._on_click()  # a press on a disabled button (e.g. a stale page) shows nothing
    assert not built and SECRET not in widget_text(reveal.box)
    assert SECRET not in reveal._repr_mimebundle_()["text/plain"]
    question.choices.value = 1
    question._on_click()
    assert not reveal.button.disabled and not built  # unlocked, still not shown
    assert ProgressStore(tmp_path).answer("99", "q") == 1  # the attempt is saved first
    reveal._on_click()
    assert built == [1] and SECRET in widget_text(reveal.box)
    reveal._on_click()
    assert built == [1]


def test_no_pick_does_not_unlock(tmp_path: Path) -> None:
    question = QuestionWidget(_question(), ProgressStore(tmp_path))
    reveal = Reveal.after(question, lambda: SECRET)
    question._on_click()  # "Check my answer" with nothing picked
    assert reveal.button.disabled


def test_an_earlier_answer_unlocks_at_once(tmp_path: Path) -> None:
    ProgressStore(tmp_path).save("99", "q", 0)
    reveal = Reveal.after(QuestionWidget(_question(), ProgressStore(tmp_path)), lambda: SECRET)
    assert not reveal.button.disabled and not reveal.revealed


def test_numeric_question_unlocks_on_a_judged_answer(tmp_path: Path) -> None:
    question = NumericQuestionWidget(
        NumericQuestion(qid="n", lesson="99", prompt="How many?", answer=3.0, tolerance=0.5),
        ProgressStore(tmp_path),
    )
    reveal = Reveal.after(question, lambda: SECRET)
    assert reveal.button.disabled
    question.number.value = 7
    question._on_click()
    assert not reveal.button.disabled


def test_instructor_reveal_needs_two_presses(widget_text: Callable[[Any], str]) -> None:
    reveal = Reveal(lambda: SECRET, what="the debrief", instructor=True)
    assert not reveal.button.disabled
    reveal._on_click()
    assert not reveal.revealed and SECRET not in widget_text(reveal.box)
    reveal._on_click()
    assert reveal.revealed and SECRET in widget_text(reveal.box)


def test_requires_is_asked_at_the_press(tmp_path: Path, widget_text: Callable[[Any], str]) -> None:
    store = ProgressStore(tmp_path)
    reveal = Reveal(
        lambda: SECRET,
        requires=lambda: store.answer("99", "q") is not None,
        wait_for="Make your prediction at the top of the lesson first.",
    )
    reveal._on_click()
    assert not reveal.revealed and "prediction at the top" in reveal.hint.value
    store.save("99", "q", 0)  # the learner scrolls up and predicts; this cell is not re-run
    reveal._on_click()
    assert reveal.revealed and SECRET in widget_text(reveal.box)
