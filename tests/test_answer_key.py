"""The instructor guide's answer key is generated from the lessons' questions (issue 14)."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import nbformat
import pytest

from widgets.classroom import answer_key
from widgets.classroom.question_bank import ask, ask_number

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "notebooks" / "instructor_guide.md"
WIDGETS = {"QuestionWidget", "NumericQuestionWidget"}
ASKS = {"ask", "ask_choice", "ask_number", "_numeric"}  # a lesson module asking by id


def shown_by_notebooks() -> set[str]:
    """The questions lessons 00-06 and 08 show: each ``QuestionWidget(...)`` in their code cells,
    evaluated, and each question a lesson module asks by id (lesson 05 shows its own)."""
    modules = {
        path.stem: importlib.import_module(f"widgets.lessons.{path.stem}")
        for path in (ROOT / "widgets" / "lessons").glob("*.py")
        if path.stem != "__init__"
    }
    names: dict[str, object] = {"ask": ask, **modules}
    found: set[str] = set()
    for path in sorted((ROOT / "notebooks").glob("0[0-68]_*.ipynb")):  # 07's quiz: the bank
        for cell in nbformat.read(path, 4).cells:
            if cell.cell_type != "code":
                continue
            for node in ast.walk(ast.parse(cell.source)):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Name)
                    and node.func.id in WIDGETS
                ):
                    question = eval(ast.unparse(node.args[0]), {}, names)
                    found.add(f"{question.lesson}/{question.qid}")
    for path in (ROOT / "widgets" / "lessons").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ASKS
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                question = ask(str(node.args[0].value), answer=lambda: 0.0)
                found.add(f"{question.lesson}/{question.qid}")
    return found


def test_the_guides_answer_key_is_the_generated_one() -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    assert answer_key.updated(guide) == guide, "run `make answer-key` and commit the guide"


def test_the_key_lists_every_question_the_lessons_show() -> None:
    keyed = [f"{q.lesson}/{q.qid}" for q in answer_key.lesson_questions()]
    assert len(keyed) == len(set(keyed)), "a question is in the key twice"
    assert set(keyed) == shown_by_notebooks()


def test_a_drifted_key_is_found_and_rewritten() -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    days = round(ask_number("days-to-retaliation").expected())
    row = f"Iran's missile strike? | {days} |"
    assert row in guide  # the number comes from the events' dates
    drifted = guide.replace(row, f"Iran's missile strike? | {days + 1} |")
    assert answer_key.updated(drifted) == guide


def test_a_guide_without_its_markers_gets_a_clear_message() -> None:
    guide = GUIDE.read_text(encoding="utf-8").replace(answer_key.END, "")
    with pytest.raises(ValueError, match=r"instructor_guide\.md must hold the answer key's two"):
        answer_key.updated(guide)


@pytest.mark.parametrize(
    ("value", "printed"),
    [
        (5.0, "5"),
        (0.6, "0.60"),
        (float("nan"), "no single value (depends on the learner's settings)"),
    ],
)
def test_numbers_print_as_a_teacher_reads_them(value: float, printed: str) -> None:
    assert answer_key.number(value) == printed


def test_a_table_cell_keeps_a_pipe_as_text() -> None:
    assert answer_key.cell("a | b\nc") == "a \\| b c"
