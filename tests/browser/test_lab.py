"""Every lesson in a real JupyterLab: run all cells, everything renders, every widget answers."""

from __future__ import annotations

from typing import Any

import pytest
from harness import (
    ROOT,
    check_accessibility,
    health,
    open_lab_notebook,
    run_all_cells,
    shutdown_kernels,
    wait_rendered,
)
from interactions import LESSONS


def test_every_lesson_has_a_browser_spec() -> None:
    lessons = {p.name for p in (ROOT / "notebooks").glob("*.ipynb")}
    assert set(LESSONS) == lessons, "add the new lesson's widgets to tests/browser/interactions.py"


@pytest.mark.parametrize("name", sorted(LESSONS))
def test_lesson_in_jupyterlab(lab: str, page: Any, name: str) -> None:
    lesson = LESSONS[name]
    open_lab_notebook(page, lab, name)
    try:
        run_all_cells(page)
        wait_rendered(page, lesson.hooks, lesson.plots)
        assert health(page, lesson.hooks, lesson.plots) == []
        check_accessibility(page, "lab", name)
        for check in lesson.checks:
            check(page)
        assert health(page, lesson.hooks, lesson.plots) == [], "after the interactions"
    finally:
        shutdown_kernels(lab)
