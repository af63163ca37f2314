"""The course's readings of a case (``readings.csv`` in its folder): short texts a lesson shows
only after the learner has answered, such as lesson 01's debrief of the article."""

from __future__ import annotations

import pandas as pd

from widgets.cases import DEFAULT_CASE
from widgets.data import load
from widgets.markup import escape


def _rows(reading_id: str, case_id: str) -> pd.DataFrame:
    table = load("readings")
    rows = table[(table["case_id"] == case_id) & (table["reading_id"] == reading_id)]
    if rows.empty:
        raise ValueError(
            f"There is no reading {reading_id!r} in data/cases/{case_id}/readings.csv."
        )
    return rows.sort_values("position")


def _point(heading: object, text: str) -> str:
    if isinstance(heading, str) and heading:
        return f"<b>{escape(heading)}</b> {escape(text)}"
    return escape(text)


def reading_html(reading_id: str, case_id: str = DEFAULT_CASE) -> str:
    """The reading as HTML: its intro, its points as a list, its closing paragraph."""
    rows = _rows(reading_id, case_id)
    parts: list[str] = []
    points: list[str] = []
    for row in rows.itertuples():
        if row.kind == "point":
            points.append(f"<li>{_point(row.heading, str(row.text))}</li>")
            continue
        if points:
            parts.append(f"<ul>{''.join(points)}</ul>")
            points = []
        parts.append(f"<p>{escape(str(row.text))}</p>")
    if points:
        parts.append(f"<ul>{''.join(points)}</ul>")
    return "".join(parts)


def reading_text(reading_id: str, case_id: str = DEFAULT_CASE) -> str:
    """The reading as one plain paragraph (for the review's and the answer key's summary)."""
    rows = _rows(reading_id, case_id)
    pieces = [
        f"{row.heading} {row.text}" if isinstance(row.heading, str) and row.heading else row.text
        for row in rows.itertuples()
    ]
    return " ".join(" ".join(str(piece).split()) for piece in pieces)
