"""A hostile copy of the course data, and a check that rendered HTML holds none of its markup.

Shared by the unit test (tests/test_escaping.py: every view rendered in Python) and the browser
test (tests/browser/test_hostile.py: the lessons run in JupyterLab against the copy). Importable
without a browser.

Every free-text cell of ``data/`` (a ``string`` column with no pattern, no enumeration, not a key
and not a reference to another table) keeps its text and gains :data:`PAYLOAD`: markup that runs
script if a view puts it into the page unescaped, breaks out of quoted attributes and Markdown
code spans, and links to ``javascript:``. Address columns (``format: uri``) hold a ``javascript:``
URL. Ids, dates, numbers, enumerations and references stay valid, so the loader accepts the copy
and every lesson runs as usual. The game files' titles, descriptions, decision labels, outcomes
and slider labels get the payload too (their choice and branch names are paths, left alone).
"""

from __future__ import annotations

import csv
import json
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from widgets.data import QUESTION_LEVEL, resources

DATA = Path(__file__).resolve().parents[2] / "data"
MARK = "window.__pwned=1,alert(1)"  # a flag the browser test reads, and a dialog
PAYLOAD = (
    f'<img src=x onerror="{MARK}">'
    f'"><script>{MARK}</script>'
    f"'><svg onload='{MARK}'></svg>"
    f'` `]) <a href="javascript:{MARK}">a link</a>'
)
HOSTILE_URL = f"javascript:{MARK}//"
# Strings without a pattern in the schema that still have a grammar the loader checks: not text.
STRUCTURED = {("article6_rules", "area")} | {
    (table, column)
    for table in ("questions", "case_questions")
    for column in ("value", "params")  # matched against a computed answer; a rule's settings
}
# A question gives these once, on its first row (the loader refuses them on later rows), and a
# question answered with a number has no choice: an empty cell there stays empty.
FIRST_ROW_ONLY = (*QUESTION_LEVEL, "choice")
# Games whose outcomes a lesson names (lesson 04's self-check): their outcomes stay as they are.
KEEP_OUTCOMES = {"classic_deterrence"}


def free_text_fields(resource: dict[str, Any]) -> list[str]:
    """The columns of a table that hold free text: what a hostile copy rewrites."""
    schema = resource["schema"]
    keys = set(schema.get("primaryKey", []))
    for foreign in schema.get("foreignKeys", []):
        fields = foreign["fields"]
        keys |= {fields} if isinstance(fields, str) else set(fields)
    found = []
    for field in schema["fields"]:
        constraints = field.get("constraints", {})
        if field["type"] != "string" or field["name"] in keys:
            continue
        if "pattern" in constraints or "enum" in constraints:
            continue
        if (resource["name"].partition(".")[0], field["name"]) in STRUCTURED:
            continue
        found.append(field["name"])
    return found


def hostile(value: str) -> str:
    return f"{value} {PAYLOAD}" if value else PAYLOAD


def build(target: Path, source: Path = DATA) -> Path:
    """Write the hostile copy of ``source`` (a data package folder) to ``target``; return it."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(source / "datapackage.json", target)
    phrases: dict[tuple[str, str, str], list[str]] = {}
    tables: dict[str, tuple[list[str], list[dict[str, str]]]] = {}
    for resource in resources(source):  # each case's tables too, in data/cases/<case_id>/
        with (source / resource["path"]).open(encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            rows = list(reader)
            header = list(reader.fieldnames or [])
        fields = {f["name"]: f for f in resource["schema"]["fields"]}
        free = free_text_fields(resource)
        table = resource["name"].partition(".")[0]
        for row in rows:
            for name in free:
                if (
                    table in ("questions", "case_questions")
                    and name in FIRST_ROW_ONLY
                    and not row[name]
                    and (name == "choice" or row["choice_index"] != "0")
                ):
                    continue
                if fields[name].get("format") == "uri":
                    row[name] = HOSTILE_URL
                else:
                    row[name] = hostile(row[name])
        if resource["name"] == "phrases":
            for row in rows:
                key = (row["treaty_id"], row["article"], row["version"])
                phrases.setdefault(key, []).append(row["phrase"])
        tables[resource["path"]] = (header, rows)
    # The key phrases must occur in their treaty text to be marked up: append them to it.
    header, rows = tables["treaty_text.csv"]
    for row in rows:
        extra = phrases.get((row["treaty_id"], row["article"], row["version"]), [])
        row["text"] = " ".join([row["text"], *extra])
    for path, (header, rows) in tables.items():
        (target / path).parent.mkdir(parents=True, exist_ok=True)
        with (target / path).open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    games = target / "games"
    games.mkdir(exist_ok=True)
    for game in sorted((source / "games").glob("*.json")):
        tree = json.loads(game.read_text(encoding="utf-8"))
        outcomes = game.stem not in KEEP_OUTCOMES
        changed = _hostile_game(tree, outcomes)
        (games / game.name).write_text(json.dumps(changed, ensure_ascii=False), encoding="utf-8")
    return target


def _hostile_game(node: Any, outcomes: bool, top: bool = True) -> Any:
    if isinstance(node, list):
        return [_hostile_game(item, outcomes, False) for item in node]
    if not isinstance(node, dict):
        return node
    changed = {key: _hostile_game(value, outcomes, False) for key, value in node.items()}
    text_keys = {"outcome"} if outcomes else set()
    if top:
        text_keys |= {"title", "description"}
    if "player" in node:  # a decision's label (a chance branch's label is part of a path)
        text_keys.add("label")
    if "targets" in node:  # a slider
        text_keys.add("label")
    for key in text_keys & set(node):
        changed[key] = hostile(str(node[key]))
    return changed


# --- Checking what a view rendered ------------------------------------------------------------

# Tags the course's own markup uses in widget HTML; anything else came from data.
COURSE_TAGS = {
    "a",
    "b",
    "blockquote",
    "br",
    "caption",
    "code",
    "details",
    "div",
    "h3",
    "i",
    "li",
    "mark",
    "ol",
    "p",
    "small",
    "span",
    "style",
    "summary",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
# Tags plotly's text renderer knows, as the course uses them in hover templates and labels.
PLOTLY_TAGS = {"br", "b", "i", "extra", "sub", "sup"}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))


def markup_problems(value: str, allowed: set[str] = COURSE_TAGS) -> list[str]:
    """What in ``value`` (HTML) could run script or came from data: unknown tags, ``on*``
    attributes, links that are not http(s), and the raw payload's tell-tale strings."""
    parser = _Tags()
    parser.feed(value)
    parser.close()
    problems = []
    for tag, attrs in parser.found:
        if tag not in allowed:
            problems.append(f"<{tag}> tag")
        for name, attr in attrs:
            if name.startswith("on"):
                problems.append(f"<{tag} {name}=...> event handler")
            if name in {"href", "src", "action", "formaction"} and attr is not None:
                scheme = attr.strip().split(":", 1)[0].lower() if ":" in attr else ""
                if scheme not in {"http", "https"}:
                    problems.append(f"<{tag} {name}={attr!r}> not an http(s) link")
    for raw in ("<img", "<script", "<svg", '<a href="javascript'):
        if raw in value.lower():
            problems.append(f"raw {raw!r}")
    return problems
