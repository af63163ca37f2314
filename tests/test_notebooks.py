"""Committed notebooks: normalised, small, built on the lesson template, and really checked."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
sys.path.insert(0, str(ROOT / "tools"))
from notebooks import CHECK, check  # noqa: E402


def test_there_is_a_start_here_notebook() -> None:
    assert ROOT / "notebooks" / "00_start_here.ipynb" in NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_notebook_is_normalised(path: Path) -> None:
    assert check(path), (
        f"run: .venv/bin/python tools/notebooks.py --execute {path.relative_to(ROOT)}"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_small_and_holds_no_widget_state(path: Path) -> None:
    assert path.stat().st_size <= 150_000
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert "widgets" not in raw["metadata"]
    assert "application/vnd.jupyter.widget-state+json" not in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_follows_the_lesson_template(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    markdown = "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    for heading in ("## Overview", "## Prerequisites", "## Summary", "## What's next?"):
        assert heading in markdown, f"{path.name} lacks {heading!r}"
    assert "Time to learn" in markdown
    checked = [c for c in notebook.cells if CHECK in c.metadata.get("tags", [])]
    assert checked, "a lesson checks at least one deterministic output"
    assert all(c.outputs for c in checked), "checked cells must store their reference output"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_lesson_sets_itself_up_before_anything_else(path: Path) -> None:
    """Importing the course changes no display; each lesson opts in, in its first code cell."""
    notebook = nbformat.read(path, as_version=4)
    first = next(c for c in notebook.cells if c.cell_type == "code")
    assert "setup_lesson()" in first.source


def stated_minutes(path: Path) -> int:
    """The minutes a lesson states at its top ("**Time to learn:** 45 minutes ...")."""
    text = "".join("".join(c["source"]) for c in json.loads(path.read_text())["cells"][:2])
    found = re.search(r"\*\*Time to learn:\*\*\s*(\d+) minutes", text)
    assert found, f"{path.name} states no 'Time to learn: N minutes'"
    return int(found.group(1))


def test_the_course_map_gives_each_lesson_its_own_stated_minutes() -> None:
    """Lesson 00's course map and each lesson's top agree (they drifted apart once)."""
    start = json.loads((ROOT / "notebooks" / "00_start_here.ipynb").read_text())
    text = "\n".join("".join(c["source"]) for c in start["cells"] if c["cell_type"] == "markdown")
    mapped = {
        number: int(minutes)
        for number, minutes in re.findall(
            r"^\| (?:\*\*)?(\d\d) [^|]*\|[^|]*\| (\d+) \|$", text, re.M
        )
    }
    lessons = {p.name[:2]: stated_minutes(p) for p in NOTEBOOKS}
    assert mapped == lessons
