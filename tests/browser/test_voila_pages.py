"""The classroom lessons as the code-free Voila page a projector shows (`make present`): they
render offline, pass axe-core, and every widget answers a learner's input.

The classroom lessons are the role-play (06) and the treaty lesson with its Article 6 map (02),
the two an instructor puts on a shared screen. tests/integration/test_voila.py renders every
lesson over HTTP.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from harness import free_port, open_voila, server, voila_command
from interactions import exercise


@pytest.fixture(scope="module")
def voila() -> Iterator[str]:
    port = free_port()
    command, env = voila_command(port)
    base = f"http://127.0.0.1:{port}/"
    with server("voila", command, base, env):
        yield base


CLASSROOM = ("02_treaty.ipynb", "06_council.ipynb")


@pytest.mark.projector  # the size a classroom projector shows (legibility is checked there)
@pytest.mark.parametrize("name", CLASSROOM)
def test_lesson_in_voila(voila: str, page: Any, name: str) -> None:
    open_voila(page, voila, name)
    exercise(page, name, "voila")
