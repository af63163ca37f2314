"""One look for every chart: a colour-blind-safe palette and a plotly template, applied once."""

from __future__ import annotations

from typing import Any

# Okabe & Ito (2008), "Color Universal Design": distinguishable with the common colour-vision
# deficiencies. Order chosen so the first colours contrast well on white.
PALETTE: dict[str, str] = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
}
COLOURS: list[str] = list(PALETTE.values())
TEMPLATE = "course"


def apply_tables() -> None:
    """Show table cells in full: a table that stands in for a chart must not cut its text."""
    import pandas as pd

    pd.set_option("display.max_colwidth", None)


def table_html(frame: Any) -> str:
    """A DataFrame as an HTML table in which every header cell has text.

    pandas leaves the corner above the index blank, and screen readers then announce an empty
    column header (axe: empty-table-header). A plain 0..n-1 index says nothing and is left out;
    any other index becomes an ordinary first column under its own name.
    """
    import pandas as pd

    plain = frame.index.name is None and frame.index.equals(pd.RangeIndex(len(frame)))
    shown = frame if plain else frame.reset_index()
    dates = [c for c in shown.columns if pd.api.types.is_datetime64_any_dtype(shown[c])]
    if dates:  # "6 Jan 2020", as a reader writes a date (and no "00:00:00")
        shown = shown.copy()
        for column in dates:
            shown[column] = shown[column].map(readable_date)
    html: str = shown.to_html(
        index=False,
        border=0,
        na_rep="",  # an empty cell, not "NaN" or "<NA>"
        max_rows=pd.get_option("display.max_rows"),
        max_cols=pd.get_option("display.max_columns"),
    )
    return html


def readable_date(value: Any) -> str:
    """``6 Jan 2020`` (a time is kept when the value has one); empty for a missing date.
    Built by hand because ``%-d`` is not portable (Windows laptops)."""
    import pandas as pd

    if value is None or pd.isna(value):
        return ""
    stamp = pd.Timestamp(value)
    day = f"{stamp.day} {stamp:%b %Y}"
    return day if stamp == stamp.normalize() else f"{day} {stamp:%H:%M}"


def apply() -> None:
    """Register the course template and make it plotly's default (idempotent)."""
    import plotly.graph_objects as go
    import plotly.io as pio

    apply_tables()
    if TEMPLATE not in pio.templates:
        # Merge once, here: a default like "plotly_white+course" is re-merged for every new
        # figure, which cost ~30 ms per redraw in the widgets' callbacks.
        ours = go.layout.Template(
            layout={
                "colorway": COLOURS,
                "font": {"family": "Arial, Helvetica, sans-serif", "size": 15, "color": "#222"},
                "paper_bgcolor": "white",
                "plot_bgcolor": "white",
                "xaxis": {"showgrid": True, "gridcolor": "#e5e5e5", "linecolor": "#444"},
                "yaxis": {"showgrid": True, "gridcolor": "#e5e5e5", "linecolor": "#444"},
                "margin": {"l": 60, "r": 30, "t": 60, "b": 50},
                "hoverlabel": {"font_size": 14},
            }
        )
        merged = pio.templates.merge_templates(pio.templates["plotly_white"], ours)
        # Keep only the layout: every new figure deep-copies its template, and plotly_white's
        # per-trace-type defaults made that copy most of a redraw's cost.
        pio.templates[TEMPLATE] = go.layout.Template(layout=merged.layout)
    if pio.templates.default != TEMPLATE:  # setting it re-validates the template: ~10-35 ms
        pio.templates.default = TEMPLATE


def template_json() -> dict[str, Any]:
    """The course template as plotly JSON (what plotly.js reads as ``layout.template``)."""
    import plotly.io as pio

    apply()
    template: dict[str, Any] = pio.templates[TEMPLATE].to_plotly_json()
    return template
