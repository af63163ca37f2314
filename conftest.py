"""Guards for every pytest run (unit tests and notebooks alike).

- Learner progress and the validation cache go to throw-away directories, not the tester's home.
- Nothing may write into data/ or notebooks/ (a JupyterLab in a browser test autosaves, for one):
  their files are fingerprinted before the run and checked after.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parent
GUARDED = (ROOT / "data", ROOT / "notebooks")
_state: dict[str, dict[str, str]] = {}


def _fingerprint() -> dict[str, str]:
    return {
        str(p.relative_to(ROOT)): hashlib.sha256(p.read_bytes()).hexdigest()
        for folder in GUARDED
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".ipynb_checkpoints" not in p.parts
    }


def pytest_configure(config: pytest.Config) -> None:
    os.environ["ALLIANCE_COURSE_HOME"] = tempfile.mkdtemp(prefix="course-progress-")
    os.environ["ALLIANCE_COURSE_CACHE"] = tempfile.mkdtemp(prefix="course-cache-")
    _state["before"] = _fingerprint()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    changed = sorted(set(_state["before"].items()) ^ set(_fingerprint().items()))
    if changed:
        names = sorted({name for name, _ in changed})
        print(f"\nFAILED: the run wrote into the repository: {', '.join(names)}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
