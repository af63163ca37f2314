"""Fixtures the unit tests share."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from widgets import data

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture()
def package(tmp_path: Path) -> Iterator[Callable[..., Path]]:
    """``build(case=None)``: a data package in tmp_path (the real descriptor and the small base
    tables), broken by the files of ``tests/fixtures/malformed/CASE`` when a case is named."""

    def build(case: str | None = None) -> Path:
        root = tmp_path / (case or "base")
        root.mkdir()
        shutil.copy(data.DATA_DIR / data.DESCRIPTOR, root)
        for csv in (FIXTURES / "base").glob("*.csv"):
            shutil.copy(csv, root)
        if case:
            for override in (FIXTURES / "malformed" / case).iterdir():
                shutil.copy(override, root)
        return root

    yield build
    data.clear_cache()
