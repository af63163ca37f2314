"""Treaty clauses as a pure model: texts, key phrases marked up, and the comparison table."""

from __future__ import annotations

import re

import pandas as pd

from widgets.data import load
from widgets.markup import escape

SHORT_NAMES = {  # display labels for tables and charts
    "north-atlantic-treaty": "NATO",
    "anzus": "ANZUS",
    "rio-treaty": "Rio Treaty",
    "us-japan-1960": "US-Japan",
    "us-rok-1953": "US-South Korea",
    "us-philippines-1951": "US-Philippines",
    "modified-brussels-treaty": "Modified Brussels Treaty (WEU)",
    "teu": "Treaty on European Union",
    "csto": "CSTO",
    "warsaw-pact": "Warsaw Pact",
    "seato": "SEATO",
    "taiwan-relations-act": "Taiwan Relations Act (US law)",
}

SORTS = {
    "strength (strongest first)": (["strength", "year"], [False, True]),
    "year signed": (["year", "strength"], [True, False]),
    "treaty name": (["treaty_name", "article"], [True, True]),
}


def treaties() -> list[tuple[str, str]]:
    """(name, treaty_id) of every treaty with a text, the North Atlantic Treaty first."""
    texts = load("treaty_text")
    names = dict(zip(load("clauses")["treaty_id"], load("clauses")["treaty_name"], strict=False))
    names.setdefault("north-atlantic-treaty", "North Atlantic Treaty (NATO)")
    ids = sorted(
        set(texts["treaty_id"]), key=lambda t: (t != "north-atlantic-treaty", names.get(t, t))
    )
    return [(names.get(t, t), t) for t in ids]


def articles(treaty_id: str) -> list[tuple[str, tuple[str, str]]]:
    """(label, (article, version)) for a treaty's articles, in the order they are printed."""
    texts = load("treaty_text")
    rows = texts[texts["treaty_id"] == treaty_id]
    if rows.empty:
        raise ValueError(f"There is no treaty called {treaty_id!r} in the course's texts.")

    def order(article: str) -> tuple[int, str]:
        number = re.match(r"\d+", article)
        return (int(number.group()) if number else 0, article)

    result = []
    for row in sorted(
        rows.to_dict("records"), key=lambda r: (order(str(r["article"])), str(r["version"]))
    ):
        label = f"Article {row['article']}" if row["article"] != "preamble" else "Preamble"
        if (rows["article"] == row["article"]).sum() > 1:
            state = "in force" if row["in_force"] else "not in force"
            label += f" ({row['version']} text, {state})"
        result.append((label, (str(row["article"]), str(row["version"]))))
    return result


def clause_text(treaty_id: str, article: str, version: str) -> pd.Series:
    texts = load("treaty_text")
    match = texts[
        (texts["treaty_id"] == treaty_id)
        & (texts["article"] == article)
        & (texts["version"] == version)
    ]
    if match.empty:
        raise ValueError(f"{treaty_id} has no article {article} ({version}) in the course's texts.")
    return match.iloc[0]


def phrases_for(treaty_id: str, article: str, version: str) -> pd.DataFrame:
    phrases = load("phrases")
    return phrases[
        (phrases["treaty_id"] == treaty_id)
        & (phrases["article"] == article)
        & (phrases["version"] == version)
    ].reset_index(drop=True)


def marked_html(text: str, phrases: list[str], selected: str | None = None) -> str:
    """The verbatim text as HTML, key phrases in <mark>; the selected one also in bold.

    The text and the phrases are escaped first, and each phrase's first occurrence is marked in
    one pass over the escaped text, longest phrase first where two start at the same place: a
    phrase is only ever found in the treaty's words, never inside a ``<mark>`` tag added for
    another phrase (a phrase such as "mark" or "style" would otherwise break the markup).
    """
    html = escape(text)
    wanted = {escape(phrase): phrase for phrase in phrases if phrase}
    if not wanted:
        return "<br><br>".join(html.split("\n"))
    pattern = re.compile("|".join(re.escape(s) for s in sorted(wanted, key=len, reverse=True)))
    done: set[str] = set()

    def mark(match: re.Match[str]) -> str:
        safe = match.group()
        if safe in done:
            return safe
        done.add(safe)
        chosen = wanted[safe] == selected
        style = " style='font-weight:bold;outline:2px solid #D55E00'" if chosen else ""
        return f"<mark{style}>{safe}</mark>"

    return "<br><br>".join(pattern.sub(mark, html).split("\n"))


def comparison(sort: str = "strength (strongest first)") -> pd.DataFrame:
    """All coded clauses side by side, sorted as asked."""
    if sort not in SORTS:
        raise ValueError(f"Sort by one of: {', '.join(SORTS)}.")
    by, ascending = SORTS[sort]
    clauses = load("clauses").sort_values(by, ascending=ascending)
    table = clauses[
        [
            "treaty_name",
            "short_name",
            "article",
            "year",
            "status",
            "obligation",
            "strength",
            "strength_label",
            "trigger",
            "geographic_limit",
        ]
    ].rename(
        columns={
            "treaty_name": "treaty",
            "short_name": "short name",
            "strength_label": "what it obliges",
        }
    )
    table.index = pd.RangeIndex(1, len(table) + 1)
    return table
