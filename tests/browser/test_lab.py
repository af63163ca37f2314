"""Every lesson in a real JupyterLab: run all cells, everything renders, every widget answers."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from harness import ROOT, open_lab_notebook, run_all_cells, shutdown_kernels
from interactions import LESSONS, exercise


def test_every_lesson_has_a_browser_spec() -> None:
    lessons = {p.name for p in (ROOT / "notebooks").glob("*.ipynb")}
    assert set(LESSONS) == lessons, "add the new lesson's widgets to tests/browser/interactions.py"


@pytest.mark.parametrize("name", sorted(LESSONS))
def test_lesson_in_jupyterlab(lab: str, lab_scratch: Path, page: Any, name: str) -> None:
    # A learner new to the course: no answers saved by the lessons tested before this one (in
    # one process, lesson 00's test saved the prediction that lesson 07's test offers to make).
    shutil.rmtree(lab_scratch / "progress", ignore_errors=True)
    open_lab_notebook(page, lab, name)
    try:
        run_all_cells(page)
        exercise(page, name, "lab")
    finally:
        shutdown_kernels(lab)
