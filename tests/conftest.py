"""Fixtures the unit tests share."""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from widgets import data

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture()
def package(tmp_path: Path) -> Iterator[Callable[..., Path]]:
    """``build(case=None)``: a data package in tmp_path (the real descriptor and the small base
    tables), broken by the files of ``tests/fixtures/malformed/CASE`` when a case is named (a
    ``datapackage.extra.json`` there adds its tables to the real descriptor)."""

    def build(case: str | None = None) -> Path:
        root = tmp_path / (case or "base")
        shutil.copytree(FIXTURES / "base", root)  # with its case folder, cases/jan-2020/
        shutil.copy(data.DATA_DIR / data.DESCRIPTOR, root)
        if case:
            for override in (FIXTURES / "malformed" / case).iterdir():
                if override.is_dir():  # a case's files: cases/<case_id>/...
                    shutil.copytree(override, root / override.name, dirs_exist_ok=True)
                elif override.name == "datapackage.extra.json":
                    # tables added to the real descriptor (which keeps up with the data)
                    descriptor = json.loads((root / data.DESCRIPTOR).read_text(encoding="utf-8"))
                    descriptor["resources"] += json.loads(override.read_text())["resources"]
                    (root / data.DESCRIPTOR).write_text(json.dumps(descriptor), encoding="utf-8")
                else:
                    shutil.copy(override, root)
        return root

    yield build
    data.clear_cache()


MINI_EVENTS = ("2020-01-03-soleimani-strike", "2020-01-08-ain-al-asad-strike", "2020-01-24-tbi-34")


def copy_mini_case(root: Path, name: str) -> Path:
    """A copy of the base package's case (``cases/mini``) as ``cases/<name>``, its event and claim
    and question ids suffixed with ``-<name>`` so they stay unique across cases."""
    folder = root / data.CASES / name
    shutil.copytree(root / data.CASES / "mini", folder)
    for table in ("events.csv", "case.csv", "council_events.csv", "attacks.csv"):
        text = (folder / table).read_text(encoding="utf-8")
        for event_id in MINI_EVENTS:
            text = text.replace(f"{event_id},", f"{event_id}-{name},")
        (folder / table).write_text(text, encoding="utf-8")
    for table, key in (("claims.csv", "claim_id"), ("questions.csv", "question_id")):
        with (folder / table).open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        for row in rows:
            row[key] += f"-{name}"
        with (folder / table).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    return folder


@pytest.fixture()
def copy_case() -> Callable[[Path, str], Path]:
    """``copy_case(root, name)``: the base package's case copied as another case (see above)."""
    return copy_mini_case


def _widget_text(widget: Any) -> str:
    """Every string in the state of ``widget`` and its children: what the browser receives
    (a dropdown's option labels are in its state; the values behind them stay in the kernel)."""
    import ipywidgets as w

    out: list[str] = []
    stack = [widget]
    while stack:
        item = stack.pop()
        if isinstance(item, w.Widget):
            for value in item.get_state().values():
                if isinstance(value, str):
                    out.append(value)
                elif isinstance(value, list | tuple):
                    out.extend(v for v in value if isinstance(v, str))
            stack.extend(getattr(item, "children", ()))
    return "\n".join(out)


@pytest.fixture()
def widget_text() -> Callable[[Any], str]:
    """``widget_text(widget)``: every string a widget tree sends to the browser, hidden state
    included (the tests that prove an answer, a curator's note or an id is absent use it)."""
    return _widget_text
