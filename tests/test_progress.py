"""The learner's progress store: atomic writes, damaged files set aside, never a crash."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from widgets.classroom.progress import ProgressStore


def test_answers_survive_a_new_store(tmp_path: Path) -> None:
    ProgressStore(tmp_path).save("00", "predict", 2)
    assert ProgressStore(tmp_path).answer("00", "predict") == 2
    assert ProgressStore(tmp_path).answer("00", "other") is None


def test_default_home_follows_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ALLIANCE_COURSE_HOME", str(tmp_path))
    ProgressStore().save("00", "q", 1)
    assert json.loads((tmp_path / "progress.json").read_text()) == {"00": {"q": 1}}


def test_a_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = ProgressStore(tmp_path)
    store.save("00", "q", 1)

    def crash(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("widgets.classroom.progress.os.replace", crash)
    with pytest.raises(OSError):
        store.save("00", "q", 2)
    monkeypatch.undo()
    assert ProgressStore(tmp_path).answer("00", "q") == 1
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".progress-")]
    assert leftovers == []  # no temporary file left behind


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", '{"00": 5}', "\udcff"])
def test_a_damaged_file_is_set_aside_with_a_notice(tmp_path: Path, content: str) -> None:
    (tmp_path / "progress.json").write_text(content, errors="surrogateescape")
    store = ProgressStore(tmp_path)
    assert store.read() == {}
    assert store.notice and "moved to" in store.notice
    aside = list(tmp_path.glob("progress.damaged-*.json"))
    assert len(aside) == 1
    store.save("00", "q", 0)
    assert ProgressStore(tmp_path).answer("00", "q") == 0
