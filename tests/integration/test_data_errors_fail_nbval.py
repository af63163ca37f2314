"""A data error fails the notebook run and names the file, row and column (issue 16, item 9),
while the learner sees a short, escaped message rather than a traceback."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
from notebooks import CellError, nbval, run  # noqa: E402


def test_nbval_fails_a_lesson_run_on_broken_data(tmp_path: Path) -> None:
    """Lesson 00 against a copy of the data where Germany joined on 9999-12-31: the data error
    comes from an untagged cell, yet nbval fails and names the file, row and column."""
    broken = tmp_path / "data"
    shutil.copytree(ROOT / "data", broken)
    members = broken / "members.csv"
    text = members.read_text(encoding="utf-8")
    members.write_text(text.replace("DEU,Germany,1955-05-06", "DEU,Germany,9999-12-31"), "utf-8")
    env = {"ALLIANCE_COURSE_DATA": str(broken), "ALLIANCE_COURSE_HOME": str(tmp_path / "home")}
    result = nbval(ROOT / "notebooks" / "00_start_here.ipynb", env)
    assert result.returncode == 1, result.stdout[-3000:]
    assert f'{members}, row 16, column "joined"' in result.stdout, result.stdout[-3000:]
    assert "'9999-12-31' lies in the future" in result.stdout


def test_the_message_is_escaped_and_the_error_output_is_one_line(tmp_path: Path) -> None:
    source = (
        "from widgets import setup_lesson\n"
        "from widgets.data import DataError, Problem\n"
        "setup_lesson()\n"
        "raise DataError([Problem('data/x.csv', 3, 'name', 'rule', 'bad `</code>**<b>x</b>`')])\n"
    )
    path = tmp_path / "backticks.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)]), path)
    outputs: list = []  # type: ignore[type-arg]
    with pytest.raises(CellError, match="DataError"):
        run(path, timeout=60, on_cell=lambda cell: outputs.extend(cell.outputs))
    shown = [o["data"]["text/html"] for o in outputs if o.output_type == "display_data"]
    assert len(shown) == 1
    assert "&lt;/code&gt;**&lt;b&gt;x&lt;/b&gt;" in shown[0] and "<b>x</b>" not in shown[0]
    errors = [o for o in outputs if o.output_type == "error"]
    assert len(errors) == 1 and errors[0]["ename"] == "DataError"
    assert errors[0]["traceback"] == [
        'DataError: data/x.csv, row 3, column "name": bad `</code>**<b>x</b>` (rule: rule)'
    ]
