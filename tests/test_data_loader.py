"""The data layer: typed tables from the real package, and one clear error per malformed file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from widgets import data

Package = Callable[..., Path]  # build(case=None): the base package, or one broken by ``case``


def test_base_fixture_is_valid(package: Package) -> None:
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
def test_malformed_file_is_rejected_with_file_row_column(package: Package, case: str) -> None:
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


def test_invalid_descriptor_names_file_and_line(package: Package) -> None:
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
def test_broken_package_names_the_file(
    package: Package, case: str, filename: str, words: str
) -> None:
    root = package(case)
    with pytest.raises(data.DataError) as caught:
        data.load("members", root)
    first_line = str(caught.value).splitlines()[0]
    assert first_line.startswith(str(root / filename))
    assert words in first_line


def test_unknown_table_lists_the_known_ones() -> None:
    with pytest.raises(
        KeyError,
        match="Known tables: article6_holders, article6_land, article6_past_land, ",
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
    """Each file under data/, shared or in a case folder, is a table of the descriptor."""
    on_disk = {p.relative_to(data.DATA_DIR).as_posix() for p in data.DATA_DIR.rglob("*.csv")}
    assert on_disk == {r["path"] for r in data.resources()}
    assert "cases/jan-2020/events.csv" in on_disk


def test_every_field_is_described() -> None:
    for name in data.tables():
        for field in data.schema(name)["fields"]:
            assert field.get("description"), f"{name}.{field['name']} has no description"


def test_a_validated_package_is_not_validated_again_until_it_changes(
    package: Package, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    root = package()
    monkeypatch.setenv("ALLIANCE_COURSE_CACHE", str(tmp_path / "cache"))
    calls: list[Path] = []
    real = data._validate

    def counting(where: Path, descriptor: dict[str, Any]) -> list[data.Problem]:
        calls.append(where)
        return real(where, descriptor)

    monkeypatch.setattr(data, "_validate", counting)
    data.load("members", root)
    data.clear_cache()
    data.load("members", root)
    assert len(calls) == 1, "the second kernel trusts the remembered validation"
    data.clear_cache()
    (root / "members.csv").write_text(
        (root / "members.csv").read_text(encoding="utf-8").replace("1949-08-24", "1949-02-30", 1),
        encoding="utf-8",
    )
    with pytest.raises(data.DataError, match="not a valid date"):
        data.load("members", root)
    assert len(calls) == 2


def test_clause_texts_are_sourced_and_codes_come_from_the_documented_sets() -> None:
    treaty = data.load("treaty_text")
    assert treaty["source_id"].str.len().gt(0).all()
    texts = {(r.treaty_id, r.article): r for r in treaty.itertuples()}
    clauses = data.load("clauses")
    for row in clauses.itertuples():
        assert (row.treaty_id, row.article) in texts, f"{row.treaty_id} {row.article} has no text"
    article5 = clauses.set_index(["treaty_id", "article"]).loc[("north-atlantic-treaty", "5")]
    assert isinstance(article5, pd.Series)
    assert article5["strength_label"] == "the action each deems necessary"
    assert len(set(clauses["treaty_id"])) >= 10


def test_every_key_phrase_is_quoted_verbatim() -> None:
    treaty = data.load("treaty_text")
    texts = dict(
        zip(
            zip(treaty["treaty_id"], treaty["article"], treaty["version"], strict=True),
            treaty["text"],
            strict=True,
        )
    )
    for row in data.load("phrases").itertuples():
        assert row.phrase in texts[(row.treaty_id, row.article, row.version)]
        assert row.explanation and row.misconception


def test_list_fields_arrive_as_tuples_of_their_item_type() -> None:
    """``list`` fields are split by the loader once, by the schema's delimiter: no model splits."""
    for name in data.tables():
        for field in data.schema(name)["fields"]:
            if field.get("type") == "list":
                column = data.load(name)[field["name"]]
                required = field.get("constraints", {}).get("required", False)
                assert all(isinstance(cell, tuple) for cell in column), (name, field)
                assert all(cell or not required for cell in column), (name, field)  # () if empty
    ladder = data.load("ladder").set_index("rung")
    assert ladder.loc[1, "kahn_rungs"] == (1, 2)
    invocations = data.load("invocations").set_index("date")
    states = invocations.loc["2022-02-24", "states"]
    assert isinstance(states, tuple) and states[:2] == ("BGR", "CZE")
    members = data.load("members")
    assert members["source_id"].value_counts().sum() == len(members), "tuples are hashable"
