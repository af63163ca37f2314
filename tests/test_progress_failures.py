"""Progress that cannot be read or saved (issue 16, item 5): plain words, never a traceback, never
a lost answer. Permission errors are simulated (the tests may run as root, whom chmod does not
stop)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from widgets.classroom.progress import ProgressError, ProgressStore
from widgets.classroom.question_view import NumericQuestionWidget, QuestionWidget
from widgets.classroom.questions import Choice, NumericQuestion, Question

DAMAGED = "{not json"
VALID = '{"00": {"q": 1}}'


def _deny(monkeypatch: pytest.MonkeyPatch, action: str) -> None:
    """Make reading (``read``) or moving (``replace``) the progress file fail: permission denied."""
    if action == "read":
        real_read = Path.read_text

        def read_text(self: Path, *args: Any, **kwargs: Any) -> str:
            if self.name == "progress.json":
                raise PermissionError(13, "Permission denied", str(self))
            return real_read(self, *args, **kwargs)

        monkeypatch.setattr(Path, "read_text", read_text)
    else:

        def replace(source: object, target: object) -> None:
            raise PermissionError(13, "Permission denied", str(source))

        monkeypatch.setattr("widgets.classroom.progress.os.replace", replace)


def test_a_damaged_file_in_a_read_only_home_is_reported_not_raised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "progress.json").write_text(DAMAGED)
    _deny(monkeypatch, "replace")
    store = ProgressStore(tmp_path)
    assert store.read() == {}
    assert store.notice and "could not be moved aside" in store.notice
    with pytest.raises(ProgressError, match="damaged"):
        store.save("00", "q", 0)
    assert (tmp_path / "progress.json").read_text() == DAMAGED  # kept for the instructor


def test_a_home_that_is_a_file_is_reported_not_raised(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.write_text("not a folder")
    store = ProgressStore(home)
    assert store.read() == {}
    assert store.notice and "cannot be read" in store.notice
    with pytest.raises(ProgressError, match="a file stands where the progress folder should be"):
        store.save("00", "q", 0)
    assert home.read_text() == "not a folder"


def test_an_unreadable_valid_file_is_not_moved_aside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "progress.json").write_text(VALID)
    _deny(monkeypatch, "read")
    store = ProgressStore(tmp_path)
    assert store.read() == {}
    assert store.notice and "cannot be read" in store.notice and "permission denied" in store.notice
    assert "moved" not in store.notice
    with pytest.raises(ProgressError, match="cannot be read"):
        store.save("00", "q", 0)  # saving would overwrite the learner's answers
    monkeypatch.undo()
    assert not list(tmp_path.glob("progress.damaged-*"))
    assert ProgressStore(tmp_path).answer("00", "q") == 1


def test_two_kernels_meeting_one_damaged_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second kernel read the damaged file; the first moved it aside before the second could."""
    (tmp_path / "progress.json").write_text(DAMAGED)
    real_replace = os.replace
    first = ProgressStore(tmp_path)

    def other_kernel_first(source: Any, target: Any) -> None:
        monkeypatch.setattr("widgets.classroom.progress.os.replace", real_replace)
        first.read()  # the other kernel moves the file aside now
        real_replace(source, target)

    monkeypatch.setattr("widgets.classroom.progress.os.replace", other_kernel_first)
    second = ProgressStore(tmp_path)
    assert second.read() == {}
    assert second.notice and "moved it aside" in second.notice
    assert len(list(tmp_path.glob("progress.damaged-*.json"))) == 1
    second.save("00", "q", 2)
    assert ProgressStore(tmp_path).answer("00", "q") == 2


POLL = Question(
    "p", "00", "Predict", (Choice("Yes"), Choice("No")), explanation="Saved. Now read on."
)
GRADED = Question("g", "00", "Check", (Choice("Yes", "Because."), Choice("No")), correct=0)


@pytest.mark.parametrize("question", [POLL, GRADED], ids=["poll", "graded"])
def test_a_failed_save_says_not_saved_and_keeps_the_answer(
    tmp_path: Path, question: Question
) -> None:
    home = tmp_path / "home"
    home.write_text("not a folder")
    widget = QuestionWidget(question, ProgressStore(home))
    assert "cannot be read" in widget.feedback.value
    widget.choices.value = 0
    widget._on_click()
    shown = widget.feedback.value
    assert "NOT saved" in shown and "a file stands where the progress folder should be" in shown
    assert "Saved." not in shown
    assert widget.choices.value == 0  # the learner's pick stays on screen


def test_a_failed_numeric_save_says_not_saved(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.write_text("not a folder")
    widget = NumericQuestionWidget(
        NumericQuestion("n", "00", "How much?", 1.0), ProgressStore(home)
    )
    widget.number.value = 1.0
    widget._on_click()
    assert "NOT saved" in widget.feedback.value and widget.number.value == 1.0


def test_the_review_lesson_counts_nothing_from_an_unreadable_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from widgets.lessons import review

    (tmp_path / "progress.json").write_text('{"07": {"article5-action": 1}}')
    _deny(monkeypatch, "read")
    right, answered, total = review.score(ProgressStore(tmp_path))
    assert (right, answered) == (0, 0) and total > 0
    monkeypatch.undo()
    assert review.score(ProgressStore(tmp_path))[:2] == (1, 1)  # the file was left intact
