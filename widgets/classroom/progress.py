"""The learner's progress (poll answers, self-check results), kept outside the repository.

Stored as one JSON file in the user's data directory (or ``$ALLIANCE_COURSE_HOME``), written
atomically (temporary file + rename) so a crashed kernel never leaves half a file. A *damaged* file
(not JSON, or not the expected shape) is moved aside with a plain message, never a crash: the
learner starts afresh and the old file stays on disk for an instructor to inspect. A file that is
fine but *cannot be read* (permission denied, the folder is a file) is left alone: reading gives
nothing and says why, and saving refuses with :class:`ProgressError` rather than overwrite it.
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


class ProgressError(OSError):
    """An answer could not be saved; ``str()`` says why in plain words."""


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
    notice: str | None = None  # set when the file was damaged or cannot be read
    blocked: str | None = None  # why saving would lose answers (unreadable file), or None

    @property
    def path(self) -> Path:
        return self.home / "progress.json"

    def read(self) -> dict[str, dict[str, Any]]:
        """The saved answers; never raises. ``notice`` says what went wrong, if anything."""
        self.blocked = None
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return {}
        except OSError as err:  # not damaged: a permission, a folder that is a file, a disk
            self.blocked = f"your progress file {self.path} cannot be read ({_reason(err)})"
            self.notice = (
                f"Your saved answers cannot be read: {self.path} ({_reason(err)}). Nothing was "
                "changed; answers you give now cannot be saved until that is fixed (ask your "
                "instructor)."
            )
            return {}
        except ValueError:  # not UTF-8
            self._set_aside()
            return {}
        try:
            content = json.loads(text)
        except ValueError:
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
        moment (two open lessons) are both kept. Raises :class:`ProgressError` (an ``OSError``)
        with a plain sentence when the answer could not be saved; the file is then unchanged.
        """
        try:
            self.home.mkdir(parents=True, exist_ok=True)
            with self._locked():
                progress = self.read()
                if self.blocked:
                    raise ProgressError(self.blocked)
                progress.setdefault(lesson, {})[question] = answer
                self._write(progress)
        except ProgressError:
            raise
        except OSError as err:
            where = err.filename or self.home
            raise ProgressError(f"{where} cannot be written ({_reason(err)})") from err

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
        """Move a damaged file aside (a unique name per kernel, so two kernels meeting the same
        damaged file never overwrite each other's copy); if it cannot be moved, say so and keep
        it: saving is then refused rather than overwrite it."""
        stamp = time.strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"progress.damaged-{stamp}-{os.getpid()}.json")
        try:
            os.replace(self.path, aside)
        except FileNotFoundError:  # another kernel moved it aside a moment ago
            self.notice = (
                "Your saved progress file was damaged; another open lesson has just moved it "
                "aside and a new one was started. Your instructor can look at the old file."
            )
            return
        except OSError as err:
            self.blocked = f"your progress file {self.path} is damaged and cannot be moved aside"
            self.notice = (
                f"Your saved progress file {self.path} is damaged and could not be moved aside "
                f"({_reason(err)}). Nothing was changed; answers you give now cannot be saved "
                "until it is removed or repaired (ask your instructor)."
            )
            self.blocked += f" ({_reason(err)})"
            return
        self.notice = (
            f"Your saved progress file could not be read, so it was moved to {aside} "
            "and a new one was started. Your instructor can look at the old file."
        )


def _reason(err: OSError) -> str:
    """An OSError in plain words: "permission denied", "it is a file, not a folder", ..."""
    if isinstance(err, NotADirectoryError | FileExistsError):
        return "a file stands where the progress folder should be"
    if isinstance(err, PermissionError):
        return "permission denied"
    if isinstance(err, IsADirectoryError):
        return "a folder stands where the progress file should be"
    return (err.strerror or str(err) or type(err).__name__).rstrip(".").lower()
