"""The crisis on the course's escalation ladder: a chart of events by rung, and its table."""

from __future__ import annotations

from typing import Any

import pandas as pd

from widgets import look
from widgets.data import load
from widgets.markup import plot_text

LANE_COLOURS = {
    "Iran and partners": look.PALETTE["vermillion"],
    "United States": look.PALETTE["blue"],
    "Iraq": look.PALETTE["green"],
    "NATO and allies": look.PALETTE["orange"],
    "Others and unattributed": look.PALETTE["black"],
}
LANE_SYMBOLS = {
    "Iran and partners": "circle",
    "United States": "square",
    "Iraq": "diamond",
    "NATO and allies": "triangle-up",
    "Others and unattributed": "x",
}


def events_on_ladder(start: str = "2019-06-01", end: str = "2020-02-29") -> pd.DataFrame:
    """Events that moved the crisis (those with a rung), with the rung's name, in date order."""
    events = load("events")
    ladder = load("ladder")[["rung", "name"]].rename(columns={"name": "rung_name"})
    window = events[(events["date"] >= pd.Timestamp(start)) & (events["date"] <= pd.Timestamp(end))]
    moved = window.dropna(subset=["rung"]).merge(ladder, on="rung", how="left")
    return moved.sort_values(["date", "event_id"]).reset_index(drop=True)


def rungs_table() -> pd.DataFrame:
    """The nine rungs for learners: plain headers, no index, blanks instead of missing values."""
    look.apply_tables()
    ladder = load("ladder")
    kahn = ladder["kahn_rungs"].map(lambda rungs: ", ".join(str(r) for r in rungs))
    threshold = ladder["threshold_after"].astype(object).where(ladder["threshold_after"].notna())
    return pd.DataFrame(
        {
            "Rung": ladder["rung"].astype(int),
            "Name": ladder["name"],
            "What it means": ladder["description"],
            "Kahn's rungs (1965)": kahn,
            "MID hostility level (1-5)": ladder["mid_hostility"].astype(int),
            "Kahn's threshold just above it": threshold.fillna(""),
        }
    )


def ladder_table(start: str = "2019-06-01", end: str = "2020-02-29") -> pd.DataFrame:
    """The chart as a table: date, side, rung and what happened (no index column)."""
    look.apply_tables()
    moved = events_on_ladder(start, end)
    table = pd.DataFrame(
        {
            "Date": moved["date"].dt.strftime("%d %b %Y"),
            "Side": moved["lane"],
            "Rung": moved["rung"].astype(int).astype(str) + " " + moved["rung_name"],
            "What happened": moved["action"],
        }
    )
    return table


def ladder_figure(start: str = "2019-06-01", end: str = "2020-02-29") -> Any:
    """Each event that moved the crisis, placed by date and rung; colour and shape show the side."""
    import plotly.graph_objects as go

    look.apply()
    moved = events_on_ladder(start, end)
    ladder = load("ladder")
    figure = go.Figure()
    for lane, rows in moved.groupby("lane", sort=False):
        figure.add_trace(
            go.Scatter(
                x=rows["date"],
                y=rows["rung"].astype(int),
                mode="markers",
                name=plot_text(lane),
                marker={
                    "size": 12,
                    "color": LANE_COLOURS[str(lane)],
                    "symbol": LANE_SYMBOLS[str(lane)],
                    "line": {"width": 1, "color": "white"},
                },
                customdata=rows[["action"]].map(plot_text),
                hovertemplate="%{x|%d %b %Y}<br>%{customdata[0]}<extra>"
                + plot_text(lane)
                + "</extra>",
            )
        )
    figure.update_layout(
        title="The crisis on the escalation ladder (text version: ladder_table())",
        yaxis={
            "tickmode": "array",
            "tickvals": list(ladder["rung"].astype(int)),
            "ticktext": [
                f"{int(r)} {plot_text(n)}"
                for r, n in zip(ladder["rung"], ladder["name"], strict=True)
            ],
            "range": [0.5, 9.5],
        },
        xaxis_title="date",
        height=480,
        legend={"orientation": "h", "y": -0.2},
    )
    return figure
