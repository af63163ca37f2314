"""Every source id that any table mentions resolves in ``sources``, curator notes included.

The loader already checks the ``source_id`` columns (foreign keys). Notes and other text cite
sources too ("comes only from netwar-2007, so ..."), and nothing checks those, so this test
reads every string cell of every table in the data package, raw, and looks for source ids.

The rule, chosen to have no false positives on ordinary text:

1. Every item of a ``list`` field whose foreign key points at ``sources`` is a mention.
2. In any other string cell (URLs removed, ``format: uri`` columns skipped), a *token* is a run
   of lower-case letters and digits in two or more hyphen-joined parts, standing on its own: not
   inside a longer word, a path, a clock time, a file or domain name (``[a-z0-9]+(-[a-z0-9]+)+``).
3. A token is a mention when it looks coded, not like an English compound or a number:
   - it mixes letters and digits (``netwar-2007``, ``dod-2004-04-02``, ``24ur-pahor``); if its
     first part is all digits, a later part must hold digits too (``1914-alliances-v2``), so
     that ``300-kilogramme`` or ``20-year`` are words, not ids. Tokens of digits only are dates
     and numbers (``2020-01-08``, ``3166-1``, ``737-800``): an id made only of digits (there is
     one, ``444-2020-01-09``) cannot be told from them and is left to the foreign-key check;
   - or, letters only, it stands alone in parentheses, the way notes cite a source:
     ``(nl-wetten-treaty-text)``, ``(baloogan-wiki-kahn, ...)``, ``(a-b; c-d)``. So
     ``de-escalation`` or ``self-defence`` in running text are never taken for ids.
4. A token is not a mention when it is a key of another table (an event, rule, place, phrase,
   claim or treaty id: any primary-key value of a table other than ``sources``) or has the shape
   of an event id (it starts with a date, ``2020-01-08-...``).

A note that needs such a token for something else (a press-release number, "(lower-case)")
should write it another way (``P01-124E``, "(in lower case)").
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from widgets.data import DATA_DIR, DESCRIPTOR, resources

URL = re.compile(r"\S*://\S*|\bwww\.\S+")
TOKEN = re.compile(r"(?<![\w/.:\-])[a-z0-9]+(?:-[a-z0-9]+)+(?![\w/\-]|\.\w)")
EVENT_ID = re.compile(r"^\d{4}-\d{2}-\d{2}-")


def _looks_coded(token: str) -> bool:
    parts = token.split("-")
    has_letter = any(c.isalpha() for c in token)
    has_digit = any(c.isdigit() for c in token)
    if not (has_letter and has_digit):
        return False
    if parts[0].isdigit():
        return any(any(c.isdigit() for c in part) for part in parts[1:])
    return True


def _alone_in_parentheses(text: str, start: int, end: int) -> bool:
    before = text[:start].rstrip(" ")
    after = text[end:].lstrip(" ")
    return before.endswith("(") and after[:1] in {")", ",", ";"}


def mentions(text: str, ignore: frozenset[str] = frozenset()) -> set[str]:
    """The source ids ``text`` mentions, by the rule in the module docstring."""
    text = URL.sub(" ", text)
    found = set()
    for match in TOKEN.finditer(text):
        token = match.group()
        if token in ignore or EVENT_ID.match(token):
            continue
        letters_only = not any(c.isdigit() for c in token)
        if _looks_coded(token) or (
            letters_only and _alone_in_parentheses(text, match.start(), match.end())
        ):
            found.add(token)
    return found


def _descriptor(root: Path) -> dict[str, Any]:
    """The resources of every file: each case's tables once per case folder."""
    return {"resources": resources(root)}


def _rows(root: Path, resource: dict[str, Any]) -> Iterator[tuple[int, dict[str, str]]]:
    with open(root / resource["path"], encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        first_line = 2  # the line a record starts on (a quoted cell may span several)
        for row in reader:
            yield first_line, row
            first_line = reader.line_num + 1


def _source_list_fields(resource: dict[str, Any]) -> dict[str, str]:
    """List fields that hold source ids, with their delimiter."""
    schema = resource["schema"]
    to_sources = {
        fk["fields"]
        for fk in schema.get("foreignKeys", [])
        if fk["reference"]["resource"] == "sources" and isinstance(fk["fields"], str)
    }
    return {
        f["name"]: f.get("delimiter", ",")
        for f in schema["fields"]
        if f.get("type") == "list" and f["name"] in to_sources
    }


def _other_keys(root: Path, descriptor: dict[str, Any]) -> frozenset[str]:
    keys: set[str] = set()
    for resource in descriptor["resources"]:
        if resource["name"] == "sources":
            continue
        primary = resource["schema"].get("primaryKey", [])
        primary = [primary] if isinstance(primary, str) else primary
        for _, row in _rows(root, resource):
            keys.update(row[name] for name in primary if row[name])
    return frozenset(keys)


def unresolved(root: Path) -> list[str]:
    """Each mention of a source id that ``sources`` lacks, as ``table line column: id``."""
    descriptor = _descriptor(root)
    resources = {r["name"]: r for r in descriptor["resources"]}
    known = {row["source_id"] for _, row in _rows(root, resources["sources"])}
    ignore = _other_keys(root, descriptor) - known
    missing = []
    for resource in descriptor["resources"]:
        fields: dict[str, dict[str, Any]] = {f["name"]: f for f in resource["schema"]["fields"]}
        lists = _source_list_fields(resource)
        for line, row in _rows(root, resource):
            for column, value in row.items():
                field = fields.get(column, {})  # a column the schema lacks is still scanned
                if not value or field.get("format") == "uri":
                    continue
                if column in lists:
                    cited = {item.strip() for item in value.split(lists[column]) if item.strip()}
                elif field.get("type", "string") in {"string", "list"} and "enum" not in field.get(
                    "constraints", {}
                ):  # an enumerated value is one of the schema's words, not a citation
                    cited = mentions(value, ignore)
                else:
                    continue
                missing += [
                    f"{resource['name']}.csv line {line}, {column}: {source_id}"
                    for source_id in sorted(cited - known)
                ]
    return missing


def test_every_source_id_mentioned_in_any_table_resolves() -> None:
    missing = unresolved(DATA_DIR)
    assert not missing, "Source ids that are not in sources.csv:\n" + "\n".join(missing)


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("Another secondary source (netwar-2007, a blog post) says so.", {"netwar-2007"}),
        (
            "The period 1816-1965 comes only from netwar-2007, so the figure is weak.",
            {"netwar-2007"},
        ),
        ("Sometimes reported as the joining date (dod-2004-04-02).", {"dod-2004-04-02"}),
        (
            "Same words in the Dutch government text (nl-wetten-treaty-text) and",
            {"nl-wetten-treaty-text"},
        ),
        (
            "Matches tf-on-escalation-ch3 ('ostensible crisis'); (baloogan-wiki-kahn, p. 39)",
            {"tf-on-escalation-ch3", "baloogan-wiki-kahn"},
        ),
        (
            "Copies: 24ur-pahor; 2nn-bloomberg-jp-2020-01; reprint-2020-01-09a.",
            {"24ur-pahor", "2nn-bloomberg-jp-2020-01", "reprint-2020-01-09a"},
        ),
    ],
)
def test_the_rule_finds_source_ids_in_notes(text: str, ids: set[str]) -> None:
    assert mentions(text) == ids


@pytest.mark.parametrize(
    "text",
    [
        "A de-escalation in self-defence, case-by-case, by a non-state group.",
        "On 2020-01-08 (local date); 1816-1944; ISO 3166-1 codes; a Boeing 737-800.",
        "A 300-kilogramme limit, 52 sites, the 20-year term and a 10-year extension.",
        "Read at https://example.org/nato-2020-01-08/page-1 and www.some-site-2020.org.",
        "Copied from wiki-2007.example.com and data/file-2020.csv.",
        "See the note of 2020-01-08-ain-al-asad-strike and 2020-01-08-renamed-event-1.",
        "Cluj-Napoca and Türkiye-2019 are capitalised; (Non-binding) too.",
    ],
)
def test_the_rule_takes_no_ordinary_text_for_a_source_id(text: str) -> None:
    assert mentions(text) == set()


def test_keys_of_other_tables_are_not_taken_for_source_ids() -> None:
    keys = frozenset({"art5-attack-on-all", "k-1-air-base", "land-12"})
    text = "Phrase art5-attack-on-all, place k-1-air-base, land-12 and eia-2019 (a source)."
    assert mentions(text, keys) == {"eia-2019"}


def _package(root: Path, sources: list[str], note: str) -> Path:
    """A two-table package: ``sources`` and a ``reliability``-like table whose note is given."""
    descriptor = {
        "resources": [
            {
                "name": "sources",
                "path": "sources.csv",
                "schema": {
                    "fields": [
                        {"name": "source_id", "type": "string"},
                        {"name": "url", "type": "string", "format": "uri"},
                    ],
                    "primaryKey": ["source_id"],
                },
            },
            {
                "name": "reliability",
                "path": "reliability.csv",
                "schema": {
                    "fields": [
                        {"name": "estimate_id", "type": "string"},
                        {"name": "source_id", "type": "list", "delimiter": ";"},
                        {"name": "note", "type": "string", "audience": "curator"},
                    ],
                    "primaryKey": ["estimate_id"],
                    "foreignKeys": [
                        {
                            "fields": "source_id",
                            "reference": {"resource": "sources", "fields": "source_id"},
                        }
                    ],
                },
            },
        ]
    }
    (root / DESCRIPTOR).write_text(json.dumps(descriptor), encoding="utf-8")
    with open(root / "sources.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["source_id", "url"])
        writer.writerows([s, f"https://example.org/{s}"] for s in sources)
    with open(root / "reliability.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["estimate_id", "source_id", "note"])
        writer.writerow(["sabrosky-1980-fought-alongside", "aspi-lyon-2012", note])
    return root


def test_an_id_cited_only_in_a_curator_note_must_resolve(tmp_path: Path) -> None:
    note = (
        "UNVERIFIED. Another secondary source (netwar-2007, a blog post) gives 1816-1965; "
        "the period comes only from netwar-2007, as reported by aspi-lyon-2012."
    )
    assert unresolved(_package(tmp_path, ["aspi-lyon-2012"], note)) == [
        "reliability.csv line 2, note: netwar-2007"
    ]
    (tmp_path / "sources.csv").unlink()
    assert unresolved(_package(tmp_path, ["aspi-lyon-2012", "netwar-2007"], note)) == []
