"""Replay 100 crises, shown: where the crises ended as a histogram (final rung on the course
ladder) and, as its text version, a table of every outcome with its count and the model's chance.

Thin view over :func:`widgets.escalation.replay.replay`.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from widgets import look
from widgets.data import load
from widgets.escalation.replay import Replay
from widgets.markup import plot_text


def rung_name(rung: int | None) -> str:
    if rung is None:
        return ""
    names = load("ladder").set_index("rung")["name"]
    return f"rung {rung}, {names.loc[rung]}" if rung in names.index else f"rung {rung}"


def chance_text(p: float) -> str:
    """A model probability for learners: whole percent, "under 1%" rather than a false 0%."""
    if p <= 0:
        return "0%"
    if p < 0.005:
        return "under 1%"
    if p > 0.995 and p < 1:
        return "over 99%"
    return f"{p:.0%}"


def replay_table(result: Replay) -> pd.DataFrame:
    """The replay as a table: each outcome, its rung, how many crises ended there, the model's
    chance of it."""
    return pd.DataFrame(
        [
            {
                "Final rung": rung_name(rung) or "not on the ladder",
                "Outcome": outcome,
                f"Crises (of {result.plays})": count,
                "Model's chance": chance_text(p),
            }
            for rung, outcome, count, p in result.counts()
        ]
    )


def replay_figure(result: Replay, rational_rung: int | None = None) -> dict[str, Any]:
    """A histogram of the final rungs (bars for every rung an outcome of the scenario has)."""
    by_rung = result.by_rung()
    rungs = [r for r in by_rung if r is not None]
    labels = [plot_text(rung_name(r)).replace(", ", "<br>", 1) for r in rungs]
    counts = [by_rung[r] for r in rungs]
    colours = [look.PALETTE["blue"] if r == rational_rung else look.PALETTE["sky"] for r in rungs]
    annotations = []
    if rational_rung in rungs:
        annotations.append(
            {
                "x": labels[rungs.index(rational_rung)],
                "y": by_rung[rational_rung],
                "text": "the rational path ends here",
                "showarrow": True,
                "arrowhead": 2,
                "ay": -26,
                "yshift": 24,
            }
        )
    return {
        "data": [
            {
                "type": "bar",
                "x": labels,
                "y": counts,
                "text": [str(c) for c in counts],
                "textposition": "outside",
                "marker": {"color": colours, "line": {"color": "#222222", "width": 1}},
                "hovertemplate": "%{x}: %{y} crises<extra></extra>",
                "name": "crises",
            }
        ],
        "layout": {
            "title": {"text": f"Where {result.plays} crises ended", "x": 0.01},
            "height": 380,
            "xaxis": {"title": {"text": "Final crisis level (course ladder)"}, "type": "category"},
            "yaxis": {
                "title": {"text": f"Crises (of {result.plays})"},
                "range": [0, result.plays * 1.3],
            },
            "annotations": annotations,
            "showlegend": False,
            "margin": {"t": 60, "b": 90},
        },
    }
