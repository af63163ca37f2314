"""The crisis on the course's escalation ladder: a chart of events by rung, and its table."""

from __future__ import annotations

from typing import Any

import pandas as pd

from widgets import look
from widgets.cases import DEFAULT_CASE, case
from widgets.data import load
from widgets.dates import DateLike, as_date
from widgets.markup import plot_text


def events_on_ladder(case_id: str = DEFAULT_CASE, since: DateLike | None = None) -> pd.DataFrame:
    """The case's events that moved the crisis (those with a rung), with the rung's name, in date
    order; from ``since`` on if given."""
    events = load("events")
    ladder = load("ladder")[["rung", "name"]].rename(columns={"name": "rung_name"})
    window = events[events["case_id"] == case_id]
    if since is not None:
        window = window[window["date"] >= as_date(since)]
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


def ladder_table(case_id: str = DEFAULT_CASE, since: DateLike | None = None) -> pd.DataFrame:
    """The chart as a table: date, side, rung and what happened (no index column); from ``since``
    on if given."""
    look.apply_tables()
    moved = events_on_ladder(case_id, since)
    table = pd.DataFrame(
        {
            "Date": moved["date"].dt.strftime("%d %b %Y"),
            "Side": moved["lane"],
            "Rung": moved["rung"].astype(int).astype(str) + " " + moved["rung_name"],
            "What happened": moved["action"],
        }
    )
    return table


def ladder_figure(case_id: str = DEFAULT_CASE) -> Any:
    """Each event that moved the crisis, placed by date and rung; colour and shape show the side."""
    import plotly.graph_objects as go

    look.apply()
    moved = events_on_ladder(case_id)
    sides = {side.name: side for side in case(case_id).sides}
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
                    "color": look.PALETTE[sides[str(lane)].colour],
                    "symbol": sides[str(lane)].symbol,
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
