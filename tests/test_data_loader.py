"""The data layer: typed tables from the real package, and one clear error per malformed file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from widgets import data

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture()
def package(tmp_path: Path):
    """Build a data package in tmp_path: the real descriptor, small base tables, then overrides."""

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


def test_base_fixture_is_valid(package) -> None:
    root = package()
    assert data.tables(root) == data.tables()
    assert set(data.load("members", root)["iso3"]) == {"FRA", "TUR", "USA", "DEU"}


# case -> (table file, row, column, words that must appear in the message)
MALFORMED = {
    "missing_column": ("members.csv", 1, "joined", "required but missing"),
    "wrong_type": ("invocations.csv", 2, "article", "'four' is not a valid whole number"),
    "impossible_date": ("members.csv", 4, "joined", "'1952-02-30' is not a valid date"),
    "duplicate_key": ("members.csv", 6, None, "duplicate key"),
    "unknown_source": ("members.csv", 4, "source_id", "'nato-nowhere' not found in sources.csv"),
    "empty_file": ("members.csv", 1, None, "the file is empty"),
    "wrong_delimiter": ("members.csv", 1, None, "not comma-separated"),
    "non_utf8": ("members.csv", 4, "name", "byte 0xfc cannot be read as UTF-8"),
    "whitespace_in_key": ("members.csv", 4, "iso3", "'TUR ' breaks the constraint \"pattern\""),
    "whitespace_in_source_id": ("members.csv", 4, "source_id", "'cvce-nat-signature ' not found"),
    "extra_column": ("members.csv", 1, "colour", "not described in datapackage.json"),
    "blank_required": ("members.csv", 4, "name", 'constraint "required"'),
    "before_treaty": ("members.csv", 4, "joined", 'constraint "minimum"'),
    "article_not_4_or_5": ("invocations.csv", 2, "article", 'constraint "enum"'),
    "unknown_state": ("invocations.csv", 2, "states", "'XYZ' not found in members.csv"),
    "bad_boolean": ("treaty_text.csv", 2, "in_force", "'yes' is not a valid true/false value"),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_malformed_file_is_rejected_with_file_row_column(package, case: str) -> None:
    filename, row, column, words = MALFORMED[case]
    root = package(case)
    with pytest.raises(data.DataError) as caught:
        data.load("members", root)
    error = caught.value
    first_line = str(error).splitlines()[0]
    assert first_line.startswith(str(root / filename))
    assert f", row {row}" in first_line
    if column:
        assert f'column "{column}"' in first_line
    assert words in first_line
    assert "(rule: " in first_line
    assert (error.row, error.column) == (row, column or error.column)


def test_invalid_descriptor_names_file_and_line(package) -> None:
    root = package("invalid_descriptor")
    with pytest.raises(data.DataError, match=r"datapackage\.json, row 2: .*valid JSON"):
        data.tables(root)


@pytest.mark.parametrize(
    ("case", "filename", "words"),
    [
        ("missing_file", "ghost.csv", "file not found, but datapackage.json lists it"),
        ("bad_descriptor_type", "datapackage.json", 'field type "calendar-date" is not supported'),
    ],
)
def test_broken_package_names_the_file(package, case: str, filename: str, words: str) -> None:
    root = package(case)
    with pytest.raises(data.DataError) as caught:
        data.load("members", root)
    first_line = str(caught.value).splitlines()[0]
    assert first_line.startswith(str(root / filename))
    assert words in first_line


def test_unknown_table_lists_the_known_ones() -> None:
    with pytest.raises(
        KeyError,
        match="Known tables: events, invocations, kahn_ladder, ladder, members, mid_codes, ",
    ):
        data.load("memberz")


def test_tables_are_typed() -> None:
    members = data.load("members")
    assert pd.api.types.is_datetime64_any_dtype(members["joined"])
    invocations = data.load("invocations")
    assert str(invocations["article"].dtype) == "Int64"
    assert pd.api.types.is_datetime64_any_dtype(invocations["date"])
    treaty = data.load("treaty_text")
    assert str(treaty["in_force"].dtype) == "boolean"


def test_load_returns_a_copy_so_lessons_cannot_corrupt_the_cache() -> None:
    first = data.load("members")
    first.loc[0, "name"] = "Changed"
    assert data.load("members").loc[0, "name"] != "Changed"


def test_every_csv_in_data_is_described() -> None:
    on_disk = {p.stem for p in data.DATA_DIR.glob("*.csv")}
    assert on_disk == set(data.tables())


def test_every_field_is_described() -> None:
    for name in data.tables():
        for field in data.schema(name)["fields"]:
            assert field.get("description"), f"{name}.{field['name']} has no description"


def test_notebook_shows_data_errors_as_a_message_not_a_traceback() -> None:
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    broken = FIXTURES / "malformed" / "impossible_date"
    source = f"from widgets import data\ndata.tables({str(broken)!r})\n"
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)])
    with pytest.raises(CellExecutionError):
        NotebookClient(notebook, timeout=60, kernel_name="python3").execute()
    outputs = notebook.cells[0].outputs
    shown = [o["data"]["text/markdown"] for o in outputs if o.output_type == "display_data"]
    assert shown and "datapackage.json" in shown[0] and "file not found" in shown[0]
    assert not [o for o in outputs if o.output_type == "error"], "no traceback output"


def test_ladder_maps_every_rung_to_kahn_and_mid() -> None:
    ladder = data.load("ladder")
    assert list(ladder["rung"]) == list(range(1, 10))
    assert ladder["mid_hostility"].is_monotonic_increasing
    kahn = set(data.load("kahn_ladder")["rung"])
    mapped = [int(r) for cell in ladder["kahn_rungs"] for r in cell.split(";")]
    assert set(mapped) <= kahn and mapped == sorted(mapped)
    thresholds = set(data.load("kahn_ladder")["threshold_after"].dropna())
    assert set(ladder["threshold_after"].dropna()) <= thresholds


def test_a_ladder_rung_pointing_to_no_kahn_rung_is_rejected(package) -> None:
    root = package()
    text = (root / "ladder.csv").read_text(encoding="utf-8")
    (root / "ladder.csv").write_text(text.replace(",14,5,", ",99,5,"), encoding="utf-8")
    with pytest.raises(
        data.DataError, match=r'ladder\.csv, row 10, column "kahn_rungs": \'99\' not found'
    ):
        data.load("ladder", root)


def test_events_cover_the_crisis_and_keep_changing_figures_as_dated_reports() -> None:
    import re

    events = data.load("events").set_index("event_id")
    assert len(events) >= 30
    assert events.loc["2020-01-03-soleimani-strike", "date"] == pd.Timestamp("2020-01-03")
    assert events.loc["2020-01-08-ain-al-asad-strike", "rung"] == 7
    injuries = events[events.index.str.contains("tbi|no-us-casualties")].sort_values("reported_on")
    counts = [int(re.match(r"\d+", text).group()) for text in injuries["casualties"]]
    assert counts[0] == 0 and counts[-1] == 110
    assert counts == sorted(counts), "the reported brain-injury count only rose"
    assert set(events["lane"]) == {
        "Iran and partners",
        "United States",
        "Iraq",
        "NATO and allies",
        "Others and unattributed",
    }
