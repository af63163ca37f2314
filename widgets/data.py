"""The one way into ``data/``: validated, typed, cached tables.

Every table is a UTF-8 CSV described in ``data/datapackage.json`` (a Frictionless Data Package).
The descriptor is the single source of truth for types, constraints, primary keys and foreign
keys; the ``frictionless`` library checks the files against it, and this module only translates
its findings into one message a learner or instructor can act on (file, row, column, rule).

Why frictionless and not pandera: the schema must live beside the data in a standard, documented
format that non-programmers can read and other tools can reuse; frictionless validates exactly
that format (including foreign keys across tables), so nothing is described twice.

One gap is filled here: columns that hold several source ids joined by ``;`` are declared as Table
Schema ``list`` fields with an ordinary foreign key, but frictionless 5 cannot resolve foreign keys
over list fields (it crashes), so :func:`_check_list_references` resolves those item by item.

``list`` cells are split here, once, by the delimiter the schema declares (:func:`parse_list`), and
reach models as tuples: no model splits strings by hand.

A crisis is a folder: the tables the descriptor marks ``"case": true`` (events, claims, roles, the
Council's kit...) have one file in each folder of ``data/cases/``, named by the case's id. The
package is checked as if each case's files were tables of their own (``events.jan-2020``, with
foreign keys kept inside the case), so a problem names the case's file; :func:`load` returns each
case table with every case's rows and a ``case_id`` column naming the folder.
"""

from __future__ import annotations

import copy
import json
import math
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any

import pandas as pd

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DESCRIPTOR = "datapackage.json"
# Who a column is written for: learners see "learner" columns; "curator" columns (notes, what was
# or was not verified) stay in the data and never reach a lesson.
AUDIENCES = ("learner", "curator")
GAMES = "games"  # game trees: JSON, not tables, so outside the tabular data package
CASES = "cases"  # data/cases/<case_id>/: one folder per crisis, one file of each case table
CASE_ID = re.compile(r"[a-z0-9][a-z0-9-]*")  # a case folder's name: its id in URLs and tables
DATA_ENV = "ALLIANCE_COURSE_DATA"  # another data folder (a copy to test, an instructor's own)
_MAX_LISTED = 5
FUTURE_MARGIN_DAYS = 31  # a date may lie at most this far after today (a source dated ahead)


@dataclass(frozen=True)
class Problem:
    """One broken rule, located the way a person finds it in a spreadsheet or an editor."""

    path: str
    row: int | None  # row as a spreadsheet numbers it: the header is row 1
    column: str | None
    rule: str
    detail: str

    def __str__(self) -> str:
        where = self.path
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f', column "{self.column}"'
        return f"{where}: {self.detail} (rule: {self.rule})"


class DataError(ValueError):
    """A data file breaks its schema. ``problems[0]`` is the first problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        first = problems[0]
        self.path, self.row, self.column, self.rule = (
            first.path,
            first.row,
            first.column,
            first.rule,
        )
        lines = [str(first)]
        if len(problems) > 1:
            lines.append(f"{len(problems) - 1} more problem(s):")
            lines += [f"  - {p}" for p in problems[1:_MAX_LISTED]]
            if len(problems) > _MAX_LISTED:
                lines.append(f"  - ... and {len(problems) - _MAX_LISTED} more")
        super().__init__("\n".join(lines))


def tables(root: Path | str | None = None) -> list[str]:
    """Names of the tables in the data package, in the order the descriptor lists them."""
    return [r["name"] for r in _descriptor(_root(root))["resources"]]


def load(name: str, root: Path | str | None = None) -> pd.DataFrame:
    """Return table ``name`` as a typed DataFrame (dates as datetime64, integers as Int64, ``list``
    fields as tuples of their ``itemType``, e.g. ``("nato-1949", "cvce-nat")``).

    The whole package is validated on first use and kept for the life of the kernel; each call
    returns a fresh copy, so a lesson that edits its frame cannot corrupt another lesson's.
    ``list`` cells are tuples rather than lists for the same reason: ``DataFrame.copy`` does not
    copy the Python objects inside cells, so a list appended to in one lesson would change the
    cached table for all; a tuple cannot be changed, and it can be hashed, so ``value_counts``,
    ``drop_duplicates`` and ``groupby`` work on these columns.
    Raises :class:`DataError` if any file breaks the schema, ``KeyError`` for an unknown table.
    """
    frames = _load_all(_root(root))
    if name not in frames:
        known = ", ".join(sorted(frames))
        raise KeyError(f"There is no table called {name!r}. Known tables: {known}.")
    return frames[name].copy()


def case_ids(root: Path | str | None = None) -> list[str]:
    """The cases in ``data/cases/``, one folder each, by name (the case's id). Hidden folders
    (``.ipynb_checkpoints``, which JupyterLab leaves beside files it edits) are not cases."""
    folder = _root(root) / CASES
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))


def resources(root: Path | str | None = None) -> list[dict[str, Any]]:
    """Every data file's resource, case tables once per case (named ``events.jan-2020``, with
    the path ``cases/jan-2020/events.csv``): what a tool that reads, copies or rewrites each
    file walks over. Copies, in the descriptor's order."""
    return copy.deepcopy(_package(_root(root))["resources"])


def schema(name: str, root: Path | str | None = None) -> dict[str, Any]:
    """The Table Schema of ``name`` (field names, types, descriptions, keys), as a dict."""
    for resource in _descriptor(_root(root))["resources"]:
        if resource["name"] == name:
            return copy.deepcopy(resource["schema"])
    raise KeyError(f"There is no table called {name!r}.")


def curator_fields(name: str, root: Path | str | None = None) -> tuple[str, ...]:
    """The columns of ``name`` written for the course's curators (``"audience": "curator"`` in
    the schema: notes, verification flags). Lessons never show them; a browser test checks."""
    fields = schema(name, root)["fields"]
    return tuple(f["name"] for f in fields if f.get("audience") == "curator")


def games(root: Path | str | None = None) -> list[str]:
    """Names of the game trees in ``data/games/`` (instructors may add their own JSON files)."""
    return sorted(p.stem for p in (_root(root) / GAMES).glob("*.json"))


def read_game(name: str, root: Path | str | None = None) -> Any:
    """The JSON of ``data/games/<name>.json``, read but not checked as a game.

    Checking a game tree is the escalation package's business
    (:func:`widgets.escalation.games.load_game`): the loader sits below every model and imports
    none of them. Raises :class:`DataError` naming the file, and the line for broken JSON.
    """
    path = game_file(name, root)
    shown = display_path(path)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except RecursionError:
        detail = "the game tree is nested far too deeply to be a game (thousands of levels)"
        raise DataError([Problem(shown, None, None, "game tree depth", detail)]) from None
    except FileNotFoundError:
        known = ", ".join(games(root)) or "none"
        detail = f"no such game; known games: {known}"
        raise DataError([Problem(shown, None, None, "exists", detail)]) from None
    except UnicodeDecodeError as err:
        raise DataError([Problem(shown, None, None, "UTF-8", str(err))]) from None
    except json.JSONDecodeError as err:
        raise DataError([Problem(shown, err.lineno, None, "valid JSON", err.msg)]) from None


def game_file(name: str, root: Path | str | None = None) -> Path:
    """Where game ``name`` lives: ``data/games/<name>.json``."""
    return _root(root) / GAMES / f"{name}.json"


def clear_cache() -> None:
    """Forget validated tables, e.g. after editing a CSV while a kernel is running."""
    _load_all.cache_clear()
    _package.cache_clear()
    _descriptor.cache_clear()


def file_of(relative: str, root: Path | str | None = None) -> str:
    """A data file's path as messages show it (``data/cases/jan-2020/questions.csv``), in the
    data folder the course reads (``ALLIANCE_COURSE_DATA`` may point to another)."""
    return display_path(_root(root) / relative)


def _root(root: Path | str | None) -> Path:
    return Path(root or os.environ.get(DATA_ENV) or DATA_DIR).resolve()


def display_path(path: Path) -> str:
    """Path as a person would type it: relative to the repository when inside it."""
    try:
        return str(path.relative_to(DATA_DIR.parent))
    except ValueError:
        return str(path)


@cache
def _descriptor(root: Path) -> dict[str, Any]:
    path = root / DESCRIPTOR
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError(
            [Problem(display_path(path), None, None, "exists", "file not found")]
        ) from None
    try:
        descriptor: dict[str, Any] = json.loads(text)
    except json.JSONDecodeError as err:
        problem = Problem(display_path(path), err.lineno, None, "valid JSON", err.msg)
        raise DataError([problem]) from None
    problems = _descriptor_problems(descriptor, display_path(path))
    if problems:
        raise DataError(problems)
    return descriptor


def _descriptor_problems(descriptor: Any, shown: str) -> list[Problem]:
    """The structure the loader relies on, checked before anything reads it: plain words and the
    JSON path of the bad part (``resources[2].schema.fields``), never a ``KeyError`` or
    ``TypeError`` deep inside the loader or frictionless. Resource paths must name a file inside
    the data folder: a URL would make validation go to the network, ``..`` or an absolute path
    would read files elsewhere on the computer."""

    def problem(where: str, detail: str) -> Problem:
        return Problem(shown, None, None, "Data Package structure", f"{where}: {detail}")

    if not isinstance(descriptor, dict):
        return [problem("(top level)", "must be a JSON object {...}")]
    resources = descriptor.get("resources")
    if not isinstance(resources, list) or not resources:
        return [problem("resources", "must be a non-empty list of tables [...]")]
    problems: list[Problem] = []
    for index, resource in enumerate(resources):
        where = f"resources[{index}]"
        if not isinstance(resource, dict):
            problems.append(problem(where, "must be a JSON object describing one table"))
            continue
        for key in ("name", "path"):
            if not isinstance(resource.get(key), str) or not resource[key]:
                problems.append(problem(f"{where}.{key}", "must be a non-empty text"))
        if isinstance(resource.get("path"), str) and resource["path"]:
            reason = _outside_reason(resource["path"])
            if reason:
                problems.append(problem(f"{where}.path", reason))
        table_schema = resource.get("schema")
        if not isinstance(table_schema, dict):
            problems.append(problem(f"{where}.schema", "missing or not a JSON object"))
            continue
        fields = table_schema.get("fields")
        if not isinstance(fields, list) or not fields:
            problems.append(problem(f"{where}.schema.fields", "must be a non-empty list"))
            continue
        for number, spec in enumerate(fields):
            if not isinstance(spec, dict) or not isinstance(spec.get("name"), str):
                detail = 'must be a JSON object with a "name"'
                problems.append(problem(f"{where}.schema.fields[{number}]", detail))
            elif not isinstance(spec.get("constraints", {}), dict):
                detail = "must be a JSON object"
                problems.append(problem(f"{where}.schema.fields[{number}].constraints", detail))
            elif spec.get("audience", "learner") not in AUDIENCES:
                detail = f"must be one of {', '.join(AUDIENCES)}"
                problems.append(problem(f"{where}.schema.fields[{number}].audience", detail))
        key = table_schema.get("primaryKey", [])
        if not isinstance(key, str | list):
            problems.append(problem(f"{where}.schema.primaryKey", "must be a name or a list"))
        foreign = table_schema.get("foreignKeys", [])
        if not isinstance(foreign, list):
            problems.append(problem(f"{where}.schema.foreignKeys", "must be a list"))
            continue
        for number, fk in enumerate(foreign):
            fk_where = f"{where}.schema.foreignKeys[{number}]"
            reference = fk.get("reference") if isinstance(fk, dict) else None
            if (
                not isinstance(fk, dict)
                or not isinstance(fk.get("fields"), str | list)
                or not isinstance(reference, dict)
                or not isinstance(reference.get("resource"), str)
                or not isinstance(reference.get("fields"), str | list)
            ):
                detail = 'needs "fields" and a "reference" with "resource" and "fields"'
                problems.append(problem(fk_where, detail))
    if not problems:
        names = {r["name"] for r in resources}
        for index, resource in enumerate(resources):
            for number, fk in enumerate(resource["schema"].get("foreignKeys", [])):
                target = fk["reference"]["resource"]
                if target and target not in names:
                    where = f"resources[{index}].schema.foreignKeys[{number}].reference.resource"
                    problems.append(problem(where, f"there is no table called {target!r}"))
    return problems


@cache
def _package(root: Path) -> dict[str, Any]:
    """The descriptor with each case table repeated once per case folder: ``events`` becomes
    ``events.jan-2020`` read from ``cases/jan-2020/events.csv``, its foreign keys to other case
    tables pointing into the same case. Frictionless then checks every case like any table."""
    descriptor = _descriptor(root)
    per_case = {r["name"] for r in descriptor["resources"] if r.get("case")}
    resources = []
    for resource in descriptor["resources"]:
        if not resource.get("case"):
            resources.append(resource)
            continue
        for case_id in case_ids(root):
            part = copy.deepcopy(resource)
            del part["case"]
            part["name"] = f"{resource['name']}.{case_id}"
            part["path"] = f"{CASES}/{case_id}/{resource['path']}"
            for fk in part["schema"].get("foreignKeys", []):
                if fk["reference"]["resource"] in per_case:
                    fk["reference"]["resource"] += f".{case_id}"
            resources.append(part)
    return {**descriptor, "resources": resources}


def _table_and_case(name: str) -> tuple[str, str | None]:
    """``("events", "jan-2020")`` for the expanded table ``events.jan-2020``; a shared table's
    name has no dot (the descriptor's names are snake_case)."""
    table, _, case_id = name.partition(".")
    return table, case_id or None


def _outside_reason(path: str) -> str | None:
    """Why a resource path does not name a file inside the data folder, or None if it does."""
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", path) or path.lower().startswith(
        ("http:", "https:", "ftp:", "file:")
    ):
        return f"{path!r} is a remote address; the course reads only files inside data/"
    pure = PurePosixPath(path.replace("\\", "/"))
    if pure.is_absolute() or re.match(r"^[A-Za-z]:", path) or ".." in pure.parts:
        return f"{path!r} leaves the data folder; name a file inside data/, e.g. members.csv"
    return None


@cache
def _load_all(root: Path) -> dict[str, pd.DataFrame]:
    package = _package(root)
    stamp = _validated_stamp(root, package)
    if stamp is None or not stamp.exists():
        problems = _case_folder_problems(root, _descriptor(root)) or _validate(root, package)
        if problems:
            raise DataError(problems)
        _remember(stamp)
    frames: dict[str, pd.DataFrame] = {}
    for resource in _descriptor(root)["resources"]:
        name = resource["name"]
        if not resource.get("case"):
            frames[name] = _read_typed(root, resource)
            continue
        parts = [
            _read_typed(root, part).assign(case_id=case_id)
            for part in package["resources"]
            for table, case_id in [_table_and_case(part["name"])]
            if table == name
        ]
        columns = ["case_id", *(f["name"] for f in resource["schema"]["fields"])]
        frames[name] = pd.concat(parts, ignore_index=True)[columns]
    return frames


def _case_folder_problems(root: Path, descriptor: dict[str, Any]) -> list[Problem]:
    """At least one case, each in a folder whose name can serve as its id."""
    if not any(r.get("case") for r in descriptor["resources"]):
        return []
    folder = display_path(root / CASES)
    found = case_ids(root)
    if not found:
        detail = "no case folder: the lessons need one crisis, e.g. data/cases/jan-2020/"
        return [Problem(folder, None, None, "at least one case", detail)]
    return [
        Problem(
            f"{folder}/{name}",
            None,
            None,
            "case folder name",
            f"{name!r} cannot be a case's id: use lowercase letters, digits and '-' (jan-2020)",
        )
        for name in found
        if not CASE_ID.fullmatch(name)
    ]


def _validated_stamp(root: Path, descriptor: dict[str, Any]) -> Path | None:
    """Where a successful validation of exactly these bytes, by this code, is remembered.

    Validating the package costs about half a second per kernel (importing frictionless and
    checking every row). The stamp's name is a hash of the descriptor, every data file, this module
    and the frictionless version, so any change to any of them validates afresh; only successes
    are remembered. Kept in the user's cache directory (``$ALLIANCE_COURSE_CACHE`` overrides),
    never in ``data/``.
    """
    from hashlib import sha256
    from importlib.metadata import PackageNotFoundError, version

    try:
        digest = sha256(Path(__file__).read_bytes())
        digest.update(version("frictionless").encode())
        digest.update((root / DESCRIPTOR).read_bytes())
        for resource in descriptor.get("resources", []):
            digest.update(str(resource.get("path", "")).encode())  # a renamed case folder too
            digest.update((root / str(resource.get("path", ""))).read_bytes())
    except (OSError, PackageNotFoundError):
        return None  # a missing file: let validation name it
    override = os.environ.get("ALLIANCE_COURSE_CACHE")
    if override:
        folder = Path(override)
    else:
        from platformdirs import user_cache_dir

        folder = Path(user_cache_dir("alliance-politics-course", appauthor=False))
    return folder / f"validated-{digest.hexdigest()[:32]}"


def _remember(stamp: Path | None) -> None:
    if stamp is None:
        return
    try:
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.touch()
    except OSError:
        pass  # a read-only home only costs the next kernel a validation


def _validate(root: Path, descriptor: dict[str, Any]) -> list[Problem]:
    quoting = _quote_problems(root, descriptor)  # a stray quote shifts every later cell
    if quoting:
        return quoting
    from frictionless import FrictionlessException, Package  # only the first load pays for it

    checked, list_keys = _split_list_foreign_keys(descriptor)
    try:
        report = Package(checked, basepath=str(root)).validate()
    except FrictionlessException as err:  # the descriptor itself breaks the Data Package spec
        reasons = [e.message for e in err.reasons] or [err.error.message]
        shown = display_path(root / DESCRIPTOR)
        return [Problem(shown, None, None, "Data Package descriptor", r) for r in reasons]
    problems: list[Problem] = []
    for task in report.tasks:
        resource = next(r for r in descriptor["resources"] if r["name"] == task.name)
        path = root / resource["path"]
        errors = list(task.errors)
        if any(e.type in _LABEL_ERRORS for e in errors):
            # Frictionless compares the header by position; name the columns themselves instead.
            problems += _header_problems(path, resource)
            errors = [e for e in errors if e.type not in _LABEL_ERRORS]
        problems += [_problem(path, error) for error in errors]
    if not problems:
        problems = _check_list_references(root, descriptor, list_keys)
    if not problems:
        problems = _content_problems(root, descriptor)
    return problems


def _split_list_foreign_keys(
    descriptor: dict[str, Any],
) -> tuple[dict[str, Any], list[tuple[str, str, dict[str, Any]]]]:
    """Remove foreign keys over ``list`` fields (frictionless cannot check them) and return them."""
    checked = copy.deepcopy(descriptor)
    removed: list[tuple[str, str, dict[str, Any]]] = []
    for resource in checked["resources"]:
        fields = {f["name"]: f for f in resource.get("schema", {}).get("fields", [])}
        kept = []
        for fk in resource.get("schema", {}).get("foreignKeys", []):
            names = fk["fields"] if isinstance(fk["fields"], list) else [fk["fields"]]
            if len(names) == 1 and fields.get(names[0], {}).get("type") == "list":
                removed.append((resource["name"], names[0], fk["reference"]))
            else:
                kept.append(fk)
        if "schema" in resource and "foreignKeys" in resource["schema"]:
            resource["schema"]["foreignKeys"] = kept
    return checked, removed


def _check_list_references(
    root: Path, descriptor: dict[str, Any], list_keys: list[tuple[str, str, dict[str, Any]]]
) -> list[Problem]:
    resources = {r["name"]: r for r in descriptor["resources"]}
    problems = []
    for name, field, reference in list_keys:
        target = resources[reference["resource"]]
        target_field = reference["fields"]
        target_field = target_field[0] if isinstance(target_field, list) else target_field
        known = set(_read_raw(root, target)[target_field].dropna())
        spec = next(f for f in resources[name]["schema"]["fields"] if f["name"] == field)
        for index, cell in _read_raw(root, resources[name])[field].items():
            if pd.isna(cell):
                continue
            missing = [item for item in _list_items(str(cell), spec) if item not in known]
            if missing:
                detail = (
                    f"{', '.join(repr(m) for m in missing)} not found in "
                    f'{target["path"]} column "{target_field}"'
                )
                row = int(str(index)) + 2  # header is row 1
                problems.append(
                    Problem(
                        display_path(root / resources[name]["path"]),
                        row,
                        field,
                        "foreign key",
                        detail,
                    )
                )
    return problems


_LABEL_ERRORS = {
    "missing-label",
    "extra-label",
    "incorrect-label",
    "duplicate-label",
    "blank-label",
}


def _header_problems(path: Path, resource: dict[str, Any]) -> list[Problem]:
    """Compare the header with the schema by name: which columns are missing, unknown, misplaced."""
    expected = [f["name"] for f in resource["schema"]["fields"]]
    first_line = path.read_bytes().split(b"\n", 1)[0].decode("utf-8", "replace").strip()
    header = [label.strip() for label in first_line.split(",")]
    shown, hint = display_path(path), _delimiter_hint(path)
    problems = [
        Problem(shown, 1, name, "column present", "this column is required but missing" + hint)
        for name in expected
        if name not in header
    ]
    problems += [
        Problem(
            shown,
            1,
            label,
            "no unknown columns",
            "this column is not described in datapackage.json",
        )
        for label in header
        if label not in expected and not hint
    ]
    if not problems:
        order = ", ".join(expected)
        problems.append(
            Problem(shown, 1, None, "column order", f"columns must be in this order: {order}")
        )
    return problems


_RULE_NAMES = {
    "type-error": "type",
    "constraint-error": "constraint",
    "primary-key": "primary key (unique)",
    "unique-error": "unique",
    "foreign-key": "foreign key",
    "extra-cell": "no extra cells",
    "missing-cell": "no missing cells",
    "blank-row": "no blank rows",
    "encoding-error": "UTF-8",
    "source-error": "readable CSV",
    "scheme-error": "readable CSV",
    "format-error": "CSV format",
}


def _problem(path: Path, error: Any) -> Problem:
    """Translate one frictionless error into a located, plain-words :class:`Problem`."""
    kind: str = error.type
    rule = _RULE_NAMES.get(kind, kind)
    shown = display_path(path)
    row = getattr(error, "row_number", None)
    column = getattr(error, "field_name", None) or None
    cell = getattr(error, "cell", None)
    note = error.note
    if kind == "type-error":
        detail = f"{cell!r} is not a valid {_type_words(note)}"
    elif kind == "constraint-error":
        detail = f"{cell!r} breaks the {note}"
    elif kind in {"primary-key", "unique-error"}:
        detail = "duplicate key: " + note.replace("the row at position", "row")
    elif kind == "foreign-key":
        detail = note
    elif kind == "extra-cell":
        detail = "this row has more cells than the header" + _delimiter_hint(path)
        column = column or f"position {getattr(error, 'field_number', '?')}"
    elif kind == "encoding-error":
        row, column, detail = _locate_bad_bytes(path, note)
    elif kind == "scheme-error" and "No such file" in note:
        detail = "file not found, but datapackage.json lists it"
    elif kind == "source-error" and "empty" in note:
        row, detail = 1, "the file is empty; it needs at least a header row"
    else:
        detail = error.message
    return Problem(shown, row, column, rule, detail)


def _type_words(note: str) -> str:
    kind = note.removeprefix('type is "').split("/")[0]
    return {
        "date": "date; write dates as YYYY-MM-DD, e.g. 2020-01-06",
        "integer": "whole number",
        "number": "number",
        "boolean": "true/false value",
        "year": "year (four digits)",
    }.get(kind, kind)


def _delimiter_hint(path: Path) -> str:
    try:
        header = path.read_bytes().split(b"\n", 1)[0].decode("utf-8", "replace")
    except OSError:
        return ""
    if "," not in header and any(d in header for d in ";\t|"):
        return "; the header is not comma-separated: save the file as CSV with commas"
    return ""


def _locate_bad_bytes(path: Path, note: str) -> tuple[int | None, str | None, str]:
    """Turn a UTF-8 decoding error's byte offset into the row and column of the bad byte."""
    raw = path.read_bytes()
    match = re.search(r"position (\d+)", note)
    detail = "the file is not valid UTF-8 (save it as 'CSV UTF-8')"
    if not match:
        return None, None, detail
    offset = int(match.group(1))
    # frictionless decodes a sample after the header; find the first undecodable byte ourselves
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as err:
        offset = err.start
    before = raw[:offset]
    row = before.count(b"\n") + 1
    line_start = before.rfind(b"\n") + 1
    index = before[line_start:].count(b",")
    header = raw.split(b"\n", 1)[0].decode("utf-8", "replace").strip().split(",")
    column = header[index] if index < len(header) else f"position {index + 1}"
    return row, column, f"byte 0x{raw[offset]:02x} cannot be read as UTF-8; {detail}"


def _read_raw(root: Path, resource: dict[str, Any]) -> pd.DataFrame:
    return pd.read_csv(
        root / resource["path"], dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8"
    )


def _read_typed(root: Path, resource: dict[str, Any]) -> pd.DataFrame:
    frame = _read_raw(root, resource)
    for field in resource["schema"]["fields"]:
        name, kind = field["name"], field.get("type", "string")
        column = frame[name]
        if kind == "date":
            frame[name] = pd.to_datetime(column, format="%Y-%m-%d")
        elif kind in {"integer", "year"}:
            frame[name] = pd.to_numeric(column).astype("Int64")
        elif kind == "number":
            frame[name] = pd.to_numeric(column).astype("float64")
        elif kind == "list":
            frame[name] = column.map(lambda v, f=field: () if pd.isna(v) else parse_list(v, f))
        elif kind == "boolean":
            true_values = set(field.get("trueValues", TRUE))
            frame[name] = column.map(lambda v, t=true_values: pd.NA if pd.isna(v) else v in t)
            frame[name] = frame[name].astype("boolean")
    return frame


def parse_list(cell: str, field: dict[str, Any]) -> tuple[str | int | float, ...]:
    """A ``list`` cell as a tuple, split by the field's ``delimiter`` and typed by its
    ``itemType`` (``integer`` and ``number`` items become numbers; anything else stays text)."""
    kind = field.get("itemType", "string")
    convert: Any = {"integer": int, "number": float}.get(kind, str)
    return tuple(convert(item) for item in _list_items(cell, field))


def _list_items(cell: str, field: dict[str, Any]) -> list[str]:
    """The raw items of a ``list`` cell (Table Schema's default delimiter is a comma)."""
    return cell.split(field.get("delimiter", ","))


# -- checks the Table Schema cannot express ------------------------------------------------------
# Each returns located problems for data that frictionless accepts but that no lesson can use.


def _quote_problems(root: Path, descriptor: dict[str, Any]) -> list[Problem]:
    """Stray double quotes, found before any other check.

    CSV readers forgive them silently: ``"The "x" y"`` reads as ``The x" y"`` and ``ab"c`` keeps
    a quote a spreadsheet would not write. Either way the text a lesson quotes changes without a
    word, so a quote is allowed only where CSV puts it: around a whole cell, and doubled inside.
    """
    problems: list[Problem] = []
    for resource in descriptor["resources"]:
        path = root / resource["path"]
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # frictionless names a missing or undecodable file
        found = _stray_quote(text)
        if found is None:
            continue
        row, index, detail = found
        header = text.split("\n", 1)[0].strip().split(",")
        column = header[index] if index < len(header) else f"position {index + 1}"
        detail += '; inside a quoted cell write a quote twice (""), as spreadsheets do'
        problems.append(Problem(display_path(path), row, column, "CSV quoting", detail))
    return problems


def _stray_quote(text: str) -> tuple[int, int, str] | None:
    """(row, cell index, what is wrong) for the first misplaced ``"`` in CSV text, or None."""
    row, cell, start = 1, 0, True
    quoted = after_quote = False
    i = 0
    while i < len(text):
        char = text[i]
        if quoted:
            if char == '"':
                if text.startswith('"', i + 1):
                    i += 2
                    continue
                quoted, after_quote = False, True
            i += 1
            continue
        if char in ",\r\n":
            if char == "\n":
                row, cell = row + 1, 0
            elif char == ",":
                cell += 1
            start, after_quote = True, False
        elif after_quote:
            return row, cell, "text follows the closing quote of a quoted cell: a stray quote"
        elif char == '"':
            if not start:
                return row, cell, "a quote character in the middle of an unquoted cell"
            quoted = True
            start = False
        else:
            start = False
        i += 1
    if quoted:
        return row, cell, "a quoted cell is never closed: a stray quote"
    return None


def _content_problems(root: Path, descriptor: dict[str, Any]) -> list[Problem]:
    """Checks on typed values, run once frictionless has passed every table."""
    problems: list[Problem] = []
    frames: dict[str, pd.DataFrame] = {}
    for resource in descriptor["resources"]:
        frame = _read_raw(root, resource)
        frames[resource["name"]] = frame
        shown = display_path(root / resource["path"])
        for field in resource["schema"]["fields"]:
            name = field["name"]
            if name not in frame:
                continue
            if field.get("type") == "date":
                problems += _date_problems(shown, name, frame[name])
            if name == "points":
                problems += _points_problems(shown, name, frame[name])
    if "article6_rules" in frames and "article6_seas" in frames:
        rules = next(r for r in descriptor["resources"] if r["name"] == "article6_rules")
        seas = set(frames["article6_seas"]["sea_id"].dropna())
        shown = display_path(root / rules["path"])
        problems += _rule_area_problems(shown, frames["article6_rules"], seas)
    seen_questions: dict[str, str] = {}  # question id -> the file that has it first
    for resource in descriptor["resources"]:
        if _table_and_case(resource["name"])[0] in ("questions", "case_questions"):
            shown = display_path(root / resource["path"])
            problems += _question_problems(shown, frames[resource["name"]], seen_questions)
    return problems + _case_problems(root, descriptor, frames)


TRUE = ("true", "True", "TRUE", "1")  # a raw boolean cell read as true (frictionless's defaults)


def _case_problems(
    root: Path, package: dict[str, Any], frames: dict[str, pd.DataFrame]
) -> list[Problem]:
    """What each case folder must hold beyond its tables' schemas: one row in case.csv, events
    inside the case's window, one side for the alliance's history; and ids unique across cases,
    since lessons look events and claims up by id alone."""
    problems: list[Problem] = []
    paths = {r["name"]: display_path(root / r["path"]) for r in package["resources"]}
    seen: dict[tuple[str, str], str] = {}  # (table, id) -> the file that has it first
    for resource in package["resources"]:
        table, case_id = _table_and_case(resource["name"])
        frame, shown = frames[resource["name"]], paths[resource["name"]]
        if case_id is None:
            continue
        if table == "cases" and len(frame) != 1:
            detail = f"a case's case.csv has exactly one row under its header, not {len(frame)}"
            problems.append(Problem(shown, None, None, "one row", detail))
        if table == "cases" and len(frame) >= 1 and f"events.{case_id}" in frames:
            problems += _window_problems(
                paths[f"events.{case_id}"], frame.iloc[0], frames[f"events.{case_id}"]
            )
        if table == "sides" and "alliance" in frame:
            allied = frame["alliance"].isin(TRUE).sum()
            if allied != 1:
                detail = (
                    "exactly one side has alliance true (the lane that shows the alliance's "
                    f"history), not {allied}"
                )
                problems.append(Problem(shown, None, "alliance", "one alliance side", detail))
        key = resource["schema"].get("primaryKey")
        if table in ("events", "claims") and isinstance(key, list) and len(key) == 1:
            column = str(key[0])
            for row, value in _rows(frame[column]):
                first = seen.setdefault((table, str(value)), shown)
                if first != shown:
                    detail = f"{value!r} is already an id in {first}: ids are unique across cases"
                    problems.append(Problem(shown, row, column, "unique across cases", detail))
    return problems


def _window_problems(shown: str, case: pd.Series, events: pd.DataFrame) -> list[Problem]:
    """Every event's date within the case's window (``window_from`` to ``window_to``)."""
    try:
        first, last = pd.Timestamp(case["window_from"]), pd.Timestamp(case["window_to"])
    except (ValueError, TypeError):
        return []  # frictionless has judged the dates
    problems = []
    for row, cell in _rows(events["date"]):
        day = pd.Timestamp(str(cell))
        if not first <= day <= last:
            detail = (
                f"{cell} lies outside the case's window, {first:%Y-%m-%d} to {last:%Y-%m-%d} "
                "(window_from and window_to in case.csv)"
            )
            problems.append(Problem(shown, row, "date", "within the case's window", detail))
    return problems


def _rows(column: pd.Series) -> Iterable[tuple[int, Any]]:
    """(spreadsheet row, cell) for each filled cell of a raw column: the header is row 1."""
    for index, cell in column.items():
        if not pd.isna(cell):
            yield int(str(index)) + 2, cell


def _date_problems(shown: str, name: str, column: pd.Series) -> list[Problem]:
    """No date after today (plus a small margin): a typo such as 9999-12-31 passes the schema
    but would stretch every time axis and slider to the year 10000."""
    latest = pd.Timestamp.today().normalize() + pd.Timedelta(days=FUTURE_MARGIN_DAYS)
    problems = []
    for row, cell in _rows(column):
        try:
            day = pd.Timestamp(str(cell))
        except (ValueError, OverflowError):
            continue  # frictionless has already judged the format
        if day > latest:
            detail = f"{cell!r} lies in the future; the course's dates are historical (a typo?)"
            problems.append(Problem(shown, row, name, "date not in the future", detail))
    return problems


def _number(text: str) -> float | None:
    """A plain decimal number (``-5.4``, ``12``), or None for anything else (``1.2.3``, ``nan``)."""
    if not re.fullmatch(r"-?(\d+(\.\d*)?|\.\d+)", text):
        return None
    value = float(text)
    return value if math.isfinite(value) else None


def _points_problems(shown: str, name: str, column: pd.Series) -> list[Problem]:
    """Map rings: space-separated ``lon,lat`` pairs of numbers, lon in -180..180, lat in -90..90,
    at least three points (a ring with fewer encloses nothing)."""
    problems = []
    for row, cell in _rows(column):
        pairs = str(cell).split()
        detail = None
        for number, pair in enumerate(pairs, start=1):
            parts = pair.split(",")
            values = [_number(p) for p in parts]
            if len(parts) != 2 or values[0] is None or values[1] is None:
                detail = f"point {number} {pair!r} is not a pair lon,lat of numbers"
            elif not (-180 <= values[0] <= 180 and -90 <= values[1] <= 90):
                detail = (
                    f"point {number} {pair!r} is off the map: longitude must lie in -180..180 "
                    "and latitude in -90..90"
                )
            if detail:
                break
        if detail is None and len(pairs) < 3:
            detail = f"a ring needs at least three points, not {len(pairs)}"
        if detail:
            problems.append(Problem(shown, row, name, "map points", detail))
    return problems


def _rule_area_problems(shown: str, rules: pd.DataFrame, seas: set[str]) -> list[Problem]:
    """The ``area`` of an Article 6 rule, as its ``area_kind`` needs it."""
    problems = []
    for index, rule in rules.iterrows():
        row = int(str(index)) + 2
        kind = rule.get("area_kind")
        area = "" if pd.isna(rule.get("area")) else str(rule["area"])
        detail = None
        if kind in ("box", "member-box"):
            detail = _box_problem(area)
        elif kind == "sea":
            if area not in seas:
                known = ", ".join(sorted(seas))
                detail = f"{area!r} is not a sea_id in article6_seas.csv (known: {known})"
        elif kind == "code":
            codes = area.split(";")
            if not area or not all(re.fullmatch(r"[A-Z]{3}", c) for c in codes):
                detail = f"{area!r} must be three-letter codes separated by ';', e.g. GUM;ASM"
        if detail:
            problems.append(Problem(shown, row, "area", f"area of a {kind} rule", detail))
    return problems


def _box_problem(area: str) -> str | None:
    parts = area.split(",")
    values = [_number(p.strip()) for p in parts]
    wanted = "four numbers lon0,lon1,lat0,lat1 (west, east, south, north)"
    if len(parts) != 4 or any(v is None for v in values):
        return f"{area!r} must be {wanted}"
    lon0, lon1, lat0, lat1 = (float(v or 0) for v in values)
    if not (-180 <= lon0 < lon1 <= 180):
        return f"{area!r}: longitudes must lie in -180..180 with lon0 < lon1 ({wanted})"
    if not (-90 <= lat0 < lat1 <= 90):
        return f"{area!r}: latitudes must lie in -90..90 with lat0 < lat1 ({wanted})"
    return None


QUESTION_LEVEL = ("explanation", "right_feedback", "answer", "params", "tolerance", "finding")


def _question_problems(shown: str, bank: pd.DataFrame, seen: dict[str, str]) -> list[Problem]:
    """What a question needs beyond its schema: its rows agree on lesson, role and prompt; its
    choices are numbered 0, 1, 2, ... with no gap; a poll marks no choice right, a check marks
    exactly one or names the rule that computes it, a quiz question marks one and names its
    sources; one row without a choice is a question answered with a number, whose answer a rule
    gives. Ids are unique across the course's file and every case's."""
    problems = []
    rows = pd.Series(range(2, len(bank) + 2), index=bank.index)
    for question_id, group in bank.groupby("question_id", sort=False):
        first = int(rows[group.index[0]])

        def problem(
            column: str | None, rule: str, detail: str, row: int = first, qid: Any = question_id
        ) -> None:
            problems.append(Problem(shown, row, column, rule, f"question {qid!r} {detail}"))

        earlier = seen.setdefault(str(question_id), shown)
        if earlier != shown:
            problem("question_id", "unique across files", f"is already a question in {earlier}")
        for column in ("lesson", "role", "prompt"):
            if group[column].nunique(dropna=False) > 1:
                problem(column, "same on every row", f"gives different {column}s on its rows")
        indices = sorted(int(i) for i in group["choice_index"])
        if indices != list(range(len(indices))):
            found = ", ".join(str(i) for i in indices)
            problem(
                "choice_index",
                "choices numbered from 0",
                f"numbers its choices {found}; number them 0, 1, 2, ... "
                f"({len(indices)} choices: 0 to {len(indices) - 1})",
            )
        later = group.sort_values("choice_index").iloc[1:]
        for column in QUESTION_LEVEL:
            for row, cell in _rows(later[column]):  # the raw frame's index is its position
                if isinstance(cell, str) and cell.strip():
                    problem(
                        column,
                        "first row only",
                        f"gives {column} on a later row; give it "
                        "once, on the row with choice_index 0",
                        row,
                    )
        role = str(group["role"].iloc[0])
        rule = group.sort_values("choice_index")["answer"].iloc[0]
        has_rule = isinstance(rule, str) and bool(rule.strip())
        correct = group[group["correct"].isin(TRUE)]
        if len(group) == 1 and not (isinstance(group["choice"].iloc[0], str)):
            if role == "poll" or not has_rule:
                problem(
                    "answer",
                    "a rule for a number",
                    "has no choices, so it is answered "
                    "with a number: name the rule that gives it in answer (role check)",
                )
            continue
        if len(group) < 2:
            problem("choice", "two choices", "needs at least two choices, one per row")
        closest = group[group["closest"].isin(TRUE)]
        if len(closest) > 1 or (len(closest) and role != "poll"):
            problem(
                "closest",
                "one closest choice, in a poll",
                "marks closest on more than one choice, or is not a poll: mark at most one "
                "choice of a poll",
                int(rows[closest.index[-1]]),
            )
        if role == "poll" and len(correct):
            problem(
                "correct",
                "no right answer in a poll",
                "is a poll: leave correct empty "
                "on every row (the answer comes after the learner has committed)",
                int(rows[correct.index[0]]),
            )
        where = int(rows[correct.index[1]]) if len(correct) > 1 else first
        if role == "quiz" and (len(correct) != 1 or has_rule):
            problem(
                "correct",
                "one correct choice",
                f"has {len(correct)} choices marked correct; mark exactly one true (a quiz "
                "question's answer is marked, not computed)",
                where,
            )
        if role == "check" and has_rule and len(correct):
            problem(
                "correct",
                "marked or computed, not both",
                f"marks a choice correct and names the rule {rule!r}: the rule finds the right "
                "choice by its value, so leave correct empty (or drop the rule)",
                int(rows[correct.index[0]]),
            )
        if role == "check" and not has_rule and len(correct) != 1:
            problem(
                "correct",
                "one correct choice",
                f"has {len(correct)} choices marked "
                "correct; mark exactly one true, or name the rule that computes it in answer",
                where,
            )
        if role == "quiz" and group["source_id"].isna().any():
            index = group.index[group["source_id"].isna()][0]
            problem(
                "source_id",
                "sources for the quiz",
                "is a quiz question: each row names the sources its answer rests on",
                int(rows[index]),
            )
    return problems
