"""Every lesson in a real JupyterLab: run all cells, everything renders, every widget answers."""

from __future__ import annotations

from typing import Any

import pytest
from harness import ROOT, open_lab_notebook, run_all_cells, shutdown_kernels
from interactions import LESSONS, exercise


def test_every_lesson_has_a_browser_spec() -> None:
    lessons = {p.name for p in (ROOT / "notebooks").glob("*.ipynb")}
    assert set(LESSONS) == lessons, "add the new lesson's widgets to tests/browser/interactions.py"


@pytest.mark.parametrize("name", sorted(LESSONS))
def test_lesson_in_jupyterlab(lab: str, page: Any, name: str) -> None:
    open_lab_notebook(page, lab, name)
    try:
        run_all_cells(page)
        exercise(page, name, "lab")
    finally:
        shutdown_kernels(lab)
