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
"""

from __future__ import annotations

import copy
import json
import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DESCRIPTOR = "datapackage.json"
GAMES = "games"  # game trees: JSON, not tables, so outside the tabular data package
_MAX_LISTED = 5


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


def schema(name: str, root: Path | str | None = None) -> dict[str, Any]:
    """The Table Schema of ``name`` (field names, types, descriptions, keys), as a dict."""
    for resource in _descriptor(_root(root))["resources"]:
        if resource["name"] == name:
            return copy.deepcopy(resource["schema"])
    raise KeyError(f"There is no table called {name!r}.")


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
    _descriptor.cache_clear()


def _root(root: Path | str | None) -> Path:
    return Path(root or DATA_DIR).resolve()


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
    return descriptor


@cache
def _load_all(root: Path) -> dict[str, pd.DataFrame]:
    descriptor = _descriptor(root)
    stamp = _validated_stamp(root, descriptor)
    if stamp is None or not stamp.exists():
        problems = _validate(root, descriptor)
        if problems:
            raise DataError(problems)
        _remember(stamp)
    return {r["name"]: _read_typed(root, r) for r in descriptor["resources"]}


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
            true_values = set(field.get("trueValues", ["true", "True", "TRUE", "1"]))
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
