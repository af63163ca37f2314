"""nbval really compares the checked cells (moved from tests/test_notebooks.py: it runs nbval,
and so a kernel, in a subprocess)."""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
from notebooks import nbval  # noqa: E402


def test_a_wrong_reference_output_fails_nbval(tmp_path: Path) -> None:
    """The checked cells are really compared: tamper with one stored output and nbval must fail."""
    notebook = nbformat.read(ROOT / "notebooks" / "00_start_here.ipynb", as_version=4)
    cell = next(c for c in notebook.cells if "tables()" in c.source and c.outputs)
    assert "'members'" in cell.outputs[0]["data"]["text/plain"]
    cell.outputs[0]["data"]["text/plain"] = cell.outputs[0]["data"]["text/plain"].replace(
        "'members'", "'allies'"
    )
    tampered = tmp_path / "tampered.ipynb"
    nbformat.write(notebook, tampered)
    run = nbval(tampered)
    assert run.returncode == 1, run.stdout[-2000:]
    assert "1 failed" in run.stdout
