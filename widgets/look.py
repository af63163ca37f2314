"""One look for every chart: a colour-blind-safe palette and a plotly template, applied once."""

from __future__ import annotations

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
        pio.templates[TEMPLATE] = pio.templates.merge_templates(pio.templates["plotly_white"], ours)
    pio.templates.default = TEMPLATE
