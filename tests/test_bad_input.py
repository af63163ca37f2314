"""Bad input found by the audit of issue 16: each case once passed the loader (or crashed a
lesson) and must now be refused with the file, row and column, in plain words."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from widgets import data
from widgets.dates import as_date

Build = Callable[..., Path]


# case -> (table file, row, column, words that must appear in the first line of the message)
MALFORMED = {
    # item 4: the question bank
    "choice_index_from_1": ("questions.csv", 2, "choice_index", "numbers its choices 1, 2, 3"),
    "two_correct_choices": ("questions.csv", 3, "correct", "2 choices marked correct"),
    # item 6: data that passes the schema but breaks views
    "box_area_reversed": ("article6_rules.csv", 4, "area", "lon0 < lon1"),
    "box_area_not_numbers": ("article6_rules.csv", 4, "area", "must be four numbers"),
    "unknown_sea": ("article6_rules.csv", 23, "area", "'baltik' is not a sea_id"),
    "bad_map_point": ("map_land.csv", 3, "points", "'1.2.3,4' is not a pair lon,lat"),
    "map_point_off_the_map": ("map_land.csv", 3, "points", "latitude in -90..90"),
    # item 8: implausible values
    "future_date": ("members.csv", 5, "joined", "'9999-12-31' lies in the future"),
    "stray_quote_in_quoted_text": ("treaty_text.csv", 3, "text", "stray quote"),
    "quote_in_unquoted_cell": ("members.csv", 2, "name", "middle of an unquoted cell"),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_bad_data_is_refused_at_load_time_with_file_row_column(package: Build, case: str) -> None:
    filename, row, column, words = MALFORMED[case]
    root = package(case)
    with pytest.raises(data.DataError) as caught:
        data.load("members", root)
    first_line = str(caught.value).splitlines()[0]
    assert first_line.startswith(str(root / filename))
    assert f", row {row}, " in first_line
    assert f'column "{column}"' in first_line
    assert words in first_line
    assert (caught.value.row, caught.value.column) == (row, column)


def test_the_real_data_passes_the_new_checks() -> None:
    data.clear_cache()
    assert len(data.load("questions")) > 0


def test_historical_dates_start_in_1945_in_the_schema() -> None:
    for name in data.tables():
        for field in data.schema(name)["fields"]:
            if field.get("type") == "date":
                minimum = field.get("constraints", {}).get("minimum")
                assert minimum and minimum >= "1945-01-01", f"{name}.{field['name']}"


def _with_descriptor(root: Path, change: Callable[[dict[str, Any]], Any]) -> Path:
    path = root / data.DESCRIPTOR
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    change(descriptor)
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    return root


def _first(descriptor: dict[str, Any]) -> dict[str, Any]:
    resource: dict[str, Any] = descriptor["resources"][1]
    return resource


STRUCTURE: dict[str, tuple[Callable[[dict[str, Any]], Any], str]] = {
    "resources not a list": (lambda d: d.update(resources={"a": 1}), "resources: must be"),
    "resource without schema": (lambda d: _first(d).pop("schema"), "resources[1].schema: missing"),
    "fields not a list": (
        lambda d: _first(d)["schema"].update(fields="iso3"),
        "resources[1].schema.fields: must be a non-empty list",
    ),
    "field without a name": (
        lambda d: _first(d)["schema"]["fields"].append(3),
        "resources[1].schema.fields[5]: must be a JSON object",
    ),
    "foreign key without reference": (
        lambda d: _first(d)["schema"]["foreignKeys"][0].pop("reference"),
        "resources[1].schema.foreignKeys[0]: needs",
    ),
    "url as a path": (
        lambda d: _first(d).update(path="https://example.org/members.csv"),
        "resources[1].path: 'https://example.org/members.csv' is a remote address",
    ),
    "ftp path": (
        lambda d: _first(d).update(path="ftp://example.org/members.csv"),
        "is a remote address",
    ),
    "path leaving data": (
        lambda d: _first(d).update(path="../secrets.csv"),
        "resources[1].path: '../secrets.csv' leaves the data folder",
    ),
    "absolute path": (lambda d: _first(d).update(path="/etc/passwd"), "leaves the data folder"),
}


@pytest.mark.parametrize("case", sorted(STRUCTURE))
def test_a_broken_descriptor_is_one_data_error_with_its_json_path(
    package: Build, case: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    change, words = STRUCTURE[case]
    root = _with_descriptor(package(), change)
    import frictionless

    def no_frictionless(*args: object, **kwargs: object) -> None:
        raise AssertionError("frictionless must not see a broken or remote descriptor")

    monkeypatch.setattr(frictionless, "Package", no_frictionless)
    for call in (lambda: data.load("members", root), lambda: data.tables(root)):
        with pytest.raises(data.DataError) as caught:
            call()
        first_line = str(caught.value).splitlines()[0]
        assert first_line.startswith(str(root / data.DESCRIPTOR))
        assert words in first_line
        data.clear_cache()


def test_a_data_folder_can_be_chosen_by_environment(
    package: Build, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = package("future_date")
    monkeypatch.setenv(data.DATA_ENV, str(root))
    data.clear_cache()
    with pytest.raises(data.DataError, match="9999-12-31"):
        data.load("members")


@pytest.mark.parametrize("text", ["03.05.2023", "05/03/2023", "2023-5-3", "3 May 2023", ""])
def test_only_iso_dates_are_read(text: str) -> None:
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        as_date(text)


def test_iso_dates_and_timestamps_still_read() -> None:
    assert as_date(" 2023-05-03 ") == as_date(as_date("2023-05-03"))
    assert f"{as_date('2023-05-03'):%d %B}" == "03 May"


def test_an_event_the_council_cites_must_exist(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from widgets.classroom.council_view import CouncilRoom

    root = tmp_path / "data"
    shutil.copytree(data.DATA_DIR, root)
    events = root / "cases" / "jan-2020" / "events.csv"
    lines = events.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith("2020-01-08-trump-address,")]
    assert len(kept) == len(lines) - 1
    events.write_text("".join(kept), encoding="utf-8")
    monkeypatch.setenv(data.DATA_ENV, str(root))
    data.clear_cache()
    with pytest.raises(data.DataError) as caught:
        CouncilRoom()
    # The role-play's events are a table (council_events): the loader refuses the missing row.
    first_line = str(caught.value).splitlines()[0]
    assert first_line.startswith(f"{root / 'cases' / 'jan-2020' / 'council_events.csv'}, row 3: ")
    assert '"event_id"' in first_line and "2020-01-08-trump-address" in first_line
