"""No view or model names a date, a side or a place of one particular crisis (issue 14): they ask
the case (``widgets.cases.case()``) or take it as an argument, so the same code can show another
crisis. The lessons' own modules (``widgets/lessons/``) are scanned too: their questions, scenarios
and readings are rows of the case's folder (``questions.csv``, ``attacks.csv``, ``readings.csv``);
a lesson names at most the case it is about, by its folder's id.

Strings are read from the code itself (docstrings left out, as they are documentation and may
give an example)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WIDGETS = ROOT / "widgets"
CASE_WORDS = re.compile(
    r"\b20(19|20|22)-\d\d-\d\d\b|Soleimani|\bIran|\bIraq|Tehran|Ain al-Asad|ain-al-asad|Stoltenberg"
    r"|Przewodów|Poland"
)
FORMAT_HINT = re.compile(r"e\.g\. 2020-01-06")  # how to write a date, not a fact of the case


def strings(path: Path) -> list[str]:
    """The string constants of a module, without its docstrings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docs.add(id(body[0].value))
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs
    ]


def found(path: Path) -> set[str]:
    hits: set[str] = set()
    for text in strings(path):
        for match in CASE_WORDS.finditer(FORMAT_HINT.sub("", text)):
            hits.add(match.group(0))
    return hits


def test_views_and_models_name_no_date_side_or_place_of_a_case() -> None:
    hits = {}
    for path in sorted(WIDGETS.rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        words = found(path)
        if words:
            hits[relative] = sorted(words)
    assert hits == {}, "ask the case (widgets.cases.case()) instead of naming its facts"


def test_the_scan_finds_what_it_looks_for(tmp_path: Path) -> None:
    planted = tmp_path / "view.py"
    planted.write_text(
        '"""Docstring: 2020-01-08 and Iran are fine here."""\n'
        'DAY = "2020-01-08"\n'
        'HINT = "write YYYY-MM-DD, e.g. 2020-01-06"\n'
        'LABEL = f"Iran struck on {DAY}"\n',
        encoding="utf-8",
    )
    assert found(planted) == {"2020-01-08", "Iran"}
