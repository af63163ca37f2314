"""The learner's progress (poll answers, self-check results), kept outside the repository.

Stored as one JSON file in the user's data directory (or ``$ALLIANCE_COURSE_HOME``), written
atomically (temporary file + rename) so a crashed kernel never leaves half a file. A file that
cannot be read is moved aside with a plain message, never a crash: the learner starts afresh and
the old file stays on disk for an instructor to inspect.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

try:  # POSIX: an advisory lock, so two kernels saving at once do not lose each other's answers
    import fcntl
except ImportError:  # Windows: no lock; one learner rarely runs two kernels at the same instant
    fcntl = None  # type: ignore[assignment]

APP = "alliance-politics-course"


def default_home() -> Path:
    """Where progress lives: ``$ALLIANCE_COURSE_HOME`` or the platform's user data directory."""
    override = os.environ.get("ALLIANCE_COURSE_HOME")
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP, appauthor=False))


@dataclass
class ProgressStore:
    """Answers per lesson and question: ``{"00": {"predict-article5": "no"}}``."""

    home: Path = field(default_factory=default_home)
    notice: str | None = None  # set when a damaged file had to be moved aside

    @property
    def path(self) -> Path:
        return self.home / "progress.json"

    def read(self) -> dict[str, dict[str, Any]]:
        try:
            content = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError):
            self._set_aside()
            return {}
        if not isinstance(content, dict) or not all(isinstance(v, dict) for v in content.values()):
            self._set_aside()
            return {}
        return content

    def answer(self, lesson: str, question: str) -> Any:
        """The saved answer, or ``None`` if the learner has not answered yet."""
        return self.read().get(lesson, {}).get(question)

    def save(self, lesson: str, question: str, answer: Any) -> None:
        """Record one answer; the file on disk is either the old or the new version, never half.

        Read, change and write happen under a lock, so answers saved by two kernels at the same
        moment (two open lessons) are both kept.
        """
        self.home.mkdir(parents=True, exist_ok=True)
        with self._locked():
            progress = self.read()
            progress.setdefault(lesson, {})[question] = answer
            self._write(progress)

    @contextmanager
    def _locked(self) -> Iterator[None]:
        if fcntl is None:
            yield
            return
        with open(self.home / ".progress.lock", "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def _write(self, progress: dict[str, dict[str, Any]]) -> None:
        handle, temporary = tempfile.mkstemp(dir=self.home, prefix=".progress-", suffix=".json")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(progress, out, indent=2, ensure_ascii=False)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def _set_aside(self) -> None:
        aside = self.path.with_name(f"progress.damaged-{time.strftime('%Y%m%d-%H%M%S')}.json")
        os.replace(self.path, aside)
        self.notice = (
            f"Your saved progress file could not be read, so it was moved to {aside} "
            "and a new one was started. Your instructor can look at the old file."
        )
