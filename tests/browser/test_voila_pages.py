"""The classroom lessons as the code-free Voila page a projector shows (`make present`): they
render offline, pass axe-core, and every widget answers a learner's input.

The classroom lessons are the role-play (06) and the treaty lesson with its Article 6 map (02),
the two an instructor puts on a shared screen. tests/test_voila.py renders every lesson over HTTP.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any

import pytest
from harness import ROOT, check_accessibility, free_port, health, open_voila, server, wait_rendered
from interactions import LESSONS


@pytest.fixture(scope="module")
def voila() -> Iterator[str]:
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "voila",
        "--no-browser",
        "--Voila.ip=127.0.0.1",
        f"--port={port}",
        f"--Voila.root_dir={ROOT / 'notebooks'}",
        "--VoilaExecutor.timeout=10",  # bounds an nbclient stall (tests/test_voila.py)
        "--template=course",  # Voila's lab page minus its CDN stylesheets (share/jupyter/voila)
    ]
    base = f"http://127.0.0.1:{port}/"
    with server("voila", command, base, env={"JUPYTER_PATH": str(ROOT / "share" / "jupyter")}):
        yield base


CLASSROOM = ("02_treaty.ipynb", "06_council.ipynb")


@pytest.mark.parametrize("name", CLASSROOM)
def test_lesson_in_voila(voila: str, page: Any, name: str) -> None:
    lesson = LESSONS[name]
    open_voila(page, voila, name)
    wait_rendered(page, lesson.hooks, lesson.plots)
    assert health(page, lesson.hooks, lesson.plots) == []
    check_accessibility(page, "voila", name)
    for check in lesson.checks:
        check(page)
    assert health(page, lesson.hooks, lesson.plots) == [], "after the interactions"
