"""A notebook shows a data error as a message, not a traceback (moved from
tests/test_data_loader.py: it runs a notebook in a kernel)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
sys.path.insert(0, str(ROOT / "tools"))
from notebooks import CellError, run  # noqa: E402


def test_notebook_shows_data_errors_as_a_message_not_a_traceback(tmp_path: Path) -> None:
    broken = FIXTURES / "malformed" / "impossible_date"
    source = (
        f"from widgets import data, setup_lesson\nsetup_lesson()\ndata.tables({str(broken)!r})\n"
    )
    path = tmp_path / "broken.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)]), path)
    outputs: list[Any] = []
    with pytest.raises(CellError, match="DataError"):
        run(path, timeout=60, on_cell=lambda cell: outputs.extend(cell.outputs))
    shown = [o["data"]["text/html"] for o in outputs if o.output_type == "display_data"]
    assert shown and "datapackage.json" in shown[0] and "file not found" in shown[0]
    errors = [o for o in outputs if o.output_type == "error"]  # one line, so nbval fails the cell
    assert len(errors) == 1 and len(errors[0]["traceback"]) == 1, "no traceback frames"
    assert "datapackage.json" in errors[0]["traceback"][0]
