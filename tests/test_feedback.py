"""Feedback reads as one sentence: never "Not quite. Not quite: ..." or "Right. Right: ..."."""

from __future__ import annotations


def test_feedback_never_says_not_quite_twice() -> None:
    from widgets.classroom.questions import Choice, Question

    question = Question(
        qid="q",
        lesson="99",
        prompt="?",
        choices=(Choice("a", "Not quite: look again."), Choice("b", "Because.")),
        correct=1,
    )
    assert question.feedback(0) == (False, "Not quite: look again.")
    assert question.feedback(1) == (True, "Right. Because.")
