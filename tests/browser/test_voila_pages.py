"""The lessons as the code-free Voila page a projector shows (`make present`): the classroom
lessons render offline, pass axe-core, and every widget answers a learner's input; every other
lesson is checked for legibility and learner-facing words at the projector's size.

The classroom lessons are the role-play (06) and the treaty lesson with its Article 6 map (02),
the two an instructor puts on a shared screen. tests/integration/test_voila.py renders every
lesson over HTTP.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from harness import free_port, open_voila, server, voila_command, wait_rendered
from interactions import LESSONS, exercise
from leaks import page_leaks
from legibility import legibility


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


@pytest.mark.projector
@pytest.mark.parametrize("name", sorted(set(LESSONS) - set(CLASSROOM)))
def test_lesson_is_legible_on_a_projector(voila: str, page: Any, name: str) -> None:
    """Every other lesson, as `make present` would project it: readable at 1024x768 and 150%
    zoom, and only learner-facing words (the widgets are exercised in JupyterLab)."""
    open_voila(page, voila, name)
    lesson = LESSONS[name]
    wait_rendered(page, lesson.hooks, lesson.plots)
    assert legibility(page) == []
    assert page_leaks(page) == []
