"""A crisis is a folder, data/cases/<case_id>/: the loader reads every case's files as tables of
their own, adds the folder's name as ``case_id``, and names the case's file, row and column when
one breaks a rule (issue 14)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from widgets import data
from widgets.cases import case

Build = Callable[..., Path]
Copy = Callable[[Path, str], Path]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problem(root: Path) -> str:
    data.clear_cache()
    with pytest.raises(data.DataError) as caught:
        data.load("events", root)
    return str(caught.value).splitlines()[0]


def test_each_case_folder_is_read_with_its_id(package: Build, copy_case: Copy) -> None:
    root = package()
    copy_case(root, "second")
    events = data.load("events", root)
    assert list(events.columns[:2]) == ["case_id", "event_id"]
    assert events.groupby("case_id").size().to_dict() == {"mini": 3, "second": 3}
    assert set(data.load("cases", root)["case_id"]) == {"mini", "second"}
    (root / data.CASES / ".ipynb_checkpoints").mkdir()  # JupyterLab's, beside an edited file
    assert data.case_ids(root) == ["mini", "second"]
    paths = [r["path"] for r in data.resources(root) if r["name"].startswith("events.")]
    assert paths == ["cases/mini/events.csv", "cases/second/events.csv"]


def test_the_case_gives_its_window_and_sides(
    package: Build, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = package()
    monkeypatch.setenv(data.DATA_ENV, str(root))
    data.clear_cache()
    mini = case("mini")
    assert [f"{day:%Y-%m-%d}" for day in mini.window] == ["2019-06-01", "2020-02-29"]
    assert [side.name for side in mini.sides][:2] == ["Iran and partners", "United States"]
    assert [side.name for side in mini.sides if side.alliance] == ["NATO and allies"]
    assert mini.sides[0].colour == "vermillion" and mini.sides[0].symbol == "circle"


def test_an_event_outside_the_case_window_is_named(package: Build) -> None:
    root = package()
    edit(root / "cases/mini/case.csv", ",2019-06-01,2020-02-29,", ",2019-06-01,2020-01-20,")
    first = problem(root)
    assert first.startswith(f'{root / "cases/mini/events.csv"}, row 4, column "date"')
    assert "2020-01-24 lies outside the case's window, 2019-06-01 to 2020-01-20" in first


def test_an_event_on_a_side_the_case_lacks_is_named(package: Build) -> None:
    root = package()
    edit(root / "cases/mini/events.csv", ",Iran and partners,", ",Iran and friends,")
    first = problem(root)
    assert first.startswith(f"{root / 'cases/mini/events.csv'}, row 3")
    assert '"lane"' in first and "Iran and friends" in first


def test_an_id_used_by_two_cases_is_named(package: Build, copy_case: Copy) -> None:
    root = package()
    folder = copy_case(root, "second")
    edit(
        folder / "events.csv", "2020-01-03-soleimani-strike-second,", "2020-01-03-soleimani-strike,"
    )
    for csv in ("case.csv", "council_events.csv"):
        edit(folder / csv, "2020-01-03-soleimani-strike-second,", "2020-01-03-soleimani-strike,")
    first = problem(root)
    assert first.startswith(f'{root / "cases/second/events.csv"}, row 2, column "event_id"')
    assert "already an id in" in first and "cases/mini/events.csv" in first


def test_two_alliance_sides_are_refused(package: Build) -> None:
    root = package()
    edit(
        root / "cases/mini/sides.csv",
        "United States,2,blue,square,false",
        "United States,2,blue,square,true",
    )
    first = problem(root)
    assert first.startswith(f'{root / "cases/mini/sides.csv"}, column "alliance"')
    assert "not 2" in first


def test_a_case_has_one_row(package: Build) -> None:
    root = package()
    path = root / "cases/mini/case.csv"
    header, row = path.read_text(encoding="utf-8").splitlines()[:2]
    path.write_text(f"{header}\n{row}\n{row}\n", encoding="utf-8")
    assert problem(root).startswith(f"{path}: a case's case.csv has exactly one row")


def test_a_case_folder_missing_a_file_names_it(package: Build) -> None:
    root = package()
    (root / "cases/mini/sides.csv").unlink()
    first = problem(root)
    assert str(root / "cases/mini/sides.csv") in first


def test_no_case_at_all_says_what_to_add(package: Build) -> None:
    root = package()
    shutil.rmtree(root / data.CASES)
    assert "no case folder: the lessons need one crisis" in problem(root)


def test_a_folder_name_that_cannot_be_an_id_is_named(package: Build, copy_case: Copy) -> None:
    root = package()
    copy_case(root, "Second Case")
    first = problem(root)
    assert first.startswith(f"{root / 'cases'}/Second Case: 'Second Case' cannot be a case's id")
