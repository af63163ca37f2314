"""One look for every chart: a colour-blind-safe palette and a plotly template, applied once."""

from __future__ import annotations

from html import escape
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
    """A DataFrame as a table a learner reads: headers in words ("geographic limit", not
    ``geographic_limit``), cells left-aligned and padded, dates as "6 Jan 2020", empty cells for
    missing values (no ``NaN``), lists as "a, b", and no unnamed index column.

    Built by hand rather than with ``DataFrame.to_html``: pandas right-aligns every cell (long
    text becomes hard to read), leaves the corner above the index blank (screen readers announce
    an empty header: axe empty-table-header) and prints ``NaN``. The small style sheet travels
    with the table, so it looks the same in a lesson's output, inside a widget and on a Voila
    page. A named index becomes an ordinary first column.
    """
    shown = frame.reset_index() if frame.index.name is not None else frame
    head = "".join(f"<th>{escape(_header(c), quote=False)}</th>" for c in shown.columns)
    rows = "".join(
        "<tr>" + "".join(f"<td>{escape(_cell(v), quote=False)}</td>" for v in record) + "</tr>"
        for record in shown.itertuples(index=False, name=None)
    )
    return (
        f"{TABLE_STYLE}<table class='course-table'><thead><tr>{head}</tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )


# Stronger than JupyterLab's own ".jp-RenderedHTMLCommon td" (which right-aligns every cell).
TABLE_STYLE = (
    "<style>table.course-table{border-collapse:collapse}"
    "table.course-table th,table.course-table td{padding:4px 10px;text-align:left;"
    "vertical-align:top}table.course-table th{border-bottom:1px solid #888}</style>"
)


def _header(column: Any) -> str:
    return str(column).replace("_", " ").strip()


def _cell(value: Any) -> str:
    """One value in words: a date as a date, a list as a list, no ``NaN``, no ``5.0``."""
    import pandas as pd

    if isinstance(value, tuple | list):
        return ", ".join(_cell(item) for item in value)
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return readable_date(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.0f}" if value.is_integer() else f"{value:.4g}"
    return str(value)


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
