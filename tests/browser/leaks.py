"""Only learner-facing words on a lesson page: no curators' notes, no "UNVERIFIED", no raw ids.

The data keeps what curators need (a ``note`` on what a source states, ``verified`` flags, ids that
tie rows together); a learner sees plain English and sources as publisher + title. What must never
reach a rendered lesson is read from the data itself, so a new note or id is covered the day it is
added:

- every value of a column the schema marks ``"audience": "curator"`` (long values by any
  48-character stretch of them, so a note cut short on screen is still caught);
- the word ``UNVERIFIED``;
- every source id, and every slug-like id (``us-mulling-iraq-pullout``) of a table's key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

WINDOW = 48  # characters of a curator value that identify it on a page
MARKERS = ("UNVERIFIED", "[title from URL]", "[title not shown")  # curators' marks
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+){2,}$")  # three words or more joined by hyphens

# Everything a lesson's outputs show as text: the outputs' text (options of a dropdown included)
# and the words in attributes a screen reader or a tooltip reads. Code cells are not outputs.
PAGE_TEXT = """() => {
  const outputs = [...document.querySelectorAll('.jp-OutputArea-output')];
  const words = [];
  for (const out of outputs) {
    // Text node by text node (textContent would glue "<option>a-b</option><b>Go</b>" into one
    // word), hidden ones included: an answer in the page but not shown is still in the page.
    const walker = document.createTreeWalker(out, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) words.push(walker.currentNode.nodeValue);
    for (const el of out.querySelectorAll('[title], [aria-label], [placeholder], [alt], input')) {
      for (const name of ['title', 'aria-label', 'placeholder', 'alt']) {
        const value = el.getAttribute(name);
        if (value) words.push(value);
      }
      if (el.tagName === 'INPUT' && el.value) words.push(el.value);
    }
  }
  return words.join('\\n');
}"""


@dataclass(frozen=True)
class Needles:
    """What must not appear: curator text stretches (with where they come from), and ids."""

    curator: dict[str, str]  # stretch -> "table.column"
    ids: frozenset[str]

    @property
    def id_pattern(self) -> re.Pattern[str]:
        alternatives = "|".join(re.escape(i) for i in sorted(self.ids, key=len, reverse=True))
        return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


def _plain(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split())


def _stretches(value: str) -> list[str]:
    """A long value as overlapping stretches: its start, then every WINDOW // 2 characters."""
    text = _plain(value)
    if len(text) < WINDOW:
        return []
    return [text[i : i + WINDOW] for i in range(0, len(text) - WINDOW + 1, WINDOW // 2)]


@cache
def needles() -> Needles:
    """Read from the course data (the data folder ``ALLIANCE_COURSE_DATA`` selects, if set)."""
    from widgets.data import curator_fields, load, schema, tables

    curator: dict[str, str] = {}
    learner: list[str] = []  # words learners may see: a note quoting the treaty is not a leak
    ids: set[str] = set(load("sources")["source_id"])
    for name in tables():
        frame = load(name)
        private = curator_fields(name)
        for column in frame.columns:
            for value in frame[column].dropna():
                if not isinstance(value, str):
                    continue
                if column not in private:
                    learner.append(value)
                    continue
                for stretch in _stretches(value):
                    curator.setdefault(stretch, f"{name}.{column}")
        key = schema(name).get("primaryKey", [])
        for column in [key] if isinstance(key, str) else key:
            ids.update(v for v in frame[column].dropna() if isinstance(v, str) and SLUG.match(v))
    shared = _plain("\n".join(learner))
    curator = {stretch: where for stretch, where in curator.items() if stretch not in shared}
    return Needles(curator, frozenset(ids))


def leaks_in(text: str, found: Needles | None = None) -> list[str]:
    """What a learner should not see in ``text``, in words (empty when the page is clean)."""
    found = found or needles()
    plain = _plain(text)
    problems = [f"the word {m!r}" for m in MARKERS if m in plain]
    seen: set[str] = set()
    for stretch, where in found.curator.items():
        if where not in seen and stretch in plain:
            seen.add(where)
            problems.append(f"a curator's {where} value: {stretch!r}")
    raw = sorted(set(found.id_pattern.findall(plain)))
    problems += [f"the raw id {i!r}" for i in raw[:10]]
    return problems


def page_leaks(page: Any) -> list[str]:
    """:func:`leaks_in` over the outputs of a lesson open in JupyterLab, Voila or on the hub."""
    return leaks_in(page.evaluate(PAGE_TEXT))
