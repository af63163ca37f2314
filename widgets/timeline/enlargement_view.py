"""Views of NATO's enlargement: a step chart, its table alternative, and a date slider."""

from __future__ import annotations

from typing import Any

import pandas as pd

from widgets import look
from widgets.cases import case
from widgets.markup import escape, plot_text
from widgets.timeline.enlargement import FIRST_DAY, enlargement_rounds, members_on


def enlargement_figure(mark: str | pd.Timestamp | None = None) -> Any:
    """Number of Parties over time, one step per accession round, with ``mark`` (the case's
    day unless given) highlighted."""
    import plotly.graph_objects as go

    look.apply()
    rounds = enlargement_rounds()
    marked = case().day if mark is None else pd.Timestamp(mark)
    count_then = len(members_on(marked))
    figure = go.Figure(
        go.Scatter(
            x=rounds["joined"],
            y=rounds["total"],
            mode="lines+markers",
            line={"shape": "hv", "width": 3},
            marker={"size": 9},
            customdata=rounds[["joined_count", "states"]].assign(
                states=rounds["states"].map(plot_text)
            ),
            hovertemplate="%{x|%d %b %Y}: %{y} Parties<br>joined: %{customdata[1]}<extra></extra>",
            name="Parties to the treaty",
        )
    )
    figure.add_vline(x=marked, line_dash="dash", line_color=look.PALETTE["vermillion"])
    figure.add_annotation(
        x=marked,
        y=count_then,
        text=f"{marked:%d %b %Y}: {count_then} allies",
        showarrow=True,
        arrowhead=2,
        ax=-90,
        ay=-40,
        font={"color": look.PALETTE["vermillion"]},
    )
    figure.update_layout(
        title="NATO's members, 1949 to today (text version: enlargement_table())",
        xaxis_title="Date a state became a Party",
        yaxis_title="Number of Parties",
        xaxis_range=[
            FIRST_DAY - pd.Timedelta(days=800),
            rounds["joined"].max() + pd.Timedelta(days=800),
        ],
        height=420,
        showlegend=False,
    )
    return figure


def enlargement_table() -> pd.DataFrame:
    """The chart as a table: every accession date, who joined, and the running total."""
    look.apply_tables()
    rounds = enlargement_rounds()
    table = rounds.rename(
        columns={"joined": "Date", "joined_count": "Joined", "total": "Parties", "states": "States"}
    )
    table["Date"] = table["Date"].dt.strftime("%d %b %Y")
    return table.set_index("Date")


def members_slider(start_year: int = 2020) -> Any:
    """A year slider (arrow keys work) that says how many Parties there were on 1 January."""
    import ipywidgets as w

    last = int(enlargement_rounds()["joined"].max().year) + 1
    slider = w.IntSlider(
        value=start_year,
        min=1950,
        max=last,
        description="Year",
        continuous_update=True,
        layout=w.Layout(width="520px"),
        style={"description_width": "initial"},
    )
    answer = w.HTML(layout=w.Layout(min_height="3.5em"))

    def show(_: object = None) -> None:
        day = pd.Timestamp(year=slider.value, month=1, day=1)
        current = members_on(day)
        answer.value = f"<b>1 January {slider.value}:</b> {len(current)} Parties. " + (
            escape(latest_joiners(current))
        )

    slider.observe(show, names="value")
    show()
    return w.VBox([slider, answer], _dom_classes=("course-members-slider",))


def latest_joiners(current: pd.DataFrame) -> str:
    """Who joined last, in words: the twelve founders are "the 12 founding Parties", not the
    last of them in alphabetical order; several who joined on one day are all named."""
    last_day = current["joined"].max()
    newest = current.loc[current["joined"] == last_day, "name"].tolist()
    when = f"{last_day.day} {last_day:%B %Y}"
    if last_day == current["joined"].min():
        return f"All {len(newest)} are founding Parties (in force {when})."
    names = newest[0] if len(newest) == 1 else ", ".join(newest[:-1]) + " and " + newest[-1]
    return f"Most recent to join: {names} ({when})."
