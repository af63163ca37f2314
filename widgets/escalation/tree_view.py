"""The game tree drawn: who decides where, every move, the payoffs at each end, the path played.

Paints :func:`widgets.escalation.layout.layout_tree` (positions are computed there, in the pure
model). The learner's path is a thick purple line; the rational (equilibrium) path is drawn only
when the caller passes it, i.e. after the learner has committed and asked to see it. Colour is
never the only cue: players are named beside their nodes, the two paths differ in dash as well as
colour and are named in the legend, and :func:`tree_outline_html` is the text version.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from itertools import pairwise
from typing import Any

from widgets import look
from widgets.escalation.layout import TreeLayout, path_nodes
from widgets.markup import escape, plot_text

PLAYER_COLOURS = (look.PALETTE["orange"], look.PALETTE["vermillion"], look.PALETTE["blue"])
PLAYER_SYMBOLS = ("triangle-up", "circle", "square")
YOURS = look.PALETTE["purple"]
RATIONAL = look.PALETTE["blue"]
ROW_PX = 38  # per end (outcome): two lines of 12 px text and a small gap
LABEL_WIDTH = 2.1  # columns of room right of the ends for the outcome and its payoffs


def _wrap(text: str, width: int) -> str:
    return "<br>".join(plot_text(line) for line in textwrap.wrap(text, width) or [""])


def _payoffs(payoffs: dict[str, float] | Any, players: Sequence[str]) -> str:
    return ", ".join(f"{p} {payoffs[p]:g}" for p in players if p in payoffs)


def _edge_trace(layout: TreeLayout, steps: Sequence[str], name: str, style: dict[str, Any]) -> Any:
    xs: list[float | None] = []
    ys: list[float | None] = []
    nodes = path_nodes(list(steps))
    for parent, below in pairwise(nodes):
        a, b = layout.node(parent), layout.node(below)
        xs += [a.x, b.x, None]
        ys += [a.y, b.y, None]
    return {
        "type": "scatter",
        "mode": "lines",
        "x": xs,
        "y": ys,
        "name": plot_text(name),
        "line": style,
        "hoverinfo": "skip",
        "showlegend": True,
    }


def tree_figure(
    layout: TreeLayout,
    played: Sequence[str] = (),
    rational: Sequence[str] | None = None,
    title: str = "",
) -> dict[str, Any]:
    """The tree as a plotly figure (plain dict). ``played``: the choices made so far;
    ``rational``: the equilibrium path, or None to keep it off the chart."""
    players = list(layout.players)
    all_players = players + sorted({p for n in layout.nodes for p in n.payoffs if p not in players})
    xs: list[float | None] = []
    ys: list[float | None] = []
    for edge in layout.edges:
        a, b = layout.node(edge.parent), layout.node(edge.child)
        xs += [a.x, b.x, None]
        ys += [a.y, b.y, None]
    data: list[dict[str, Any]] = [
        {
            "type": "scatter",
            "mode": "lines",
            "x": xs,
            "y": ys,
            "line": {"color": "#9a9a9a", "width": 1.5},
            "hoverinfo": "skip",
            "showlegend": False,
        }
    ]
    if played:  # a wide band, with the rational path's dashes drawn inside it where they agree
        data.append(_edge_trace(layout, played, "Your path", {"color": YOURS, "width": 9}))
        data[-1]["opacity"] = 0.75
    if rational is not None:
        data.append(
            _edge_trace(
                layout, rational, "Rational path", {"color": RATIONAL, "width": 3, "dash": "dash"}
            )
        )
    for index, player in enumerate(players):
        mine = [n for n in layout.nodes if n.kind == "decision" and n.who == player]
        data.append(
            {
                "type": "scatter",
                "mode": "markers+text",
                "x": [n.x for n in mine],
                "y": [n.y for n in mine],
                "text": [f"<b>{plot_text(player)}</b>" for _ in mine],
                "textposition": "top center",
                "customdata": [_wrap(n.label, 50) for n in mine],
                "hovertemplate": f"<b>{plot_text(player)}</b> decides:<br>%{{customdata}}"
                "<extra></extra>",
                "marker": {
                    "size": 16,
                    "color": PLAYER_COLOURS[index % len(PLAYER_COLOURS)],
                    "symbol": PLAYER_SYMBOLS[index % len(PLAYER_SYMBOLS)],
                    "line": {"color": "white", "width": 1},
                },
                "name": plot_text(player),
                "showlegend": False,
            }
        )
    chance = [n for n in layout.nodes if n.kind == "chance"]
    if chance:
        data.append(
            {
                "type": "scatter",
                "mode": "markers+text",
                "x": [n.x for n in chance],
                "y": [n.y for n in chance],
                "text": ["<b>Chance</b>" for _ in chance],
                "textposition": "top center",
                "hovertemplate": "Chance decides<extra></extra>",
                "marker": {"size": 15, "color": "#666666", "symbol": "diamond"},
                "showlegend": False,
            }
        )
    ends = [n for n in layout.nodes if n.kind == "end"]
    data.append(
        {
            "type": "scatter",
            "mode": "markers+text",
            "x": [n.x for n in ends],
            "y": [n.y for n in ends],
            "text": [
                f"{_wrap(n.who, 44)}<br><i>{plot_text(_payoffs(n.payoffs, all_players))}</i>"
                for n in ends
            ],
            "textposition": "middle right",
            "textfont": {"size": 12},
            "customdata": [f"rung {n.rung}" if n.rung is not None else "no rung" for n in ends],
            "hovertemplate": "%{text}<br>Crisis level: %{customdata}<extra></extra>",
            "marker": {"size": 9, "color": "#222222", "symbol": "square"},
            "showlegend": False,
        }
    )
    annotations = []
    for edge in layout.edges:
        a, b = layout.node(edge.parent), layout.node(edge.child)
        # Half a column before the node the move leads to: clear of the parent's name, and in the
        # middle of a one-column move.
        # A chance branch's label (long, with its odds) sits further on, clear of "Chance".
        before = 0.35 if layout.node(edge.parent).kind == "chance" else 0.5
        t = (b.x - a.x - before) / (b.x - a.x)
        label = edge.label if edge.probability is None else f"{edge.label} ({edge.probability:.0%})"
        annotations.append(
            {
                "x": a.x + t * (b.x - a.x),
                "y": a.y + t * (b.y - a.y),
                "text": _wrap(label, 22),
                "showarrow": False,
                "font": {"size": 11, "color": "#222222"},
                "bgcolor": "rgba(255,255,255,0.85)",
                "borderpad": 1,
            }
        )
    height = max(320, ROW_PX * layout.rows + 110)
    return {
        "data": data,
        "layout": {
            "title": {"text": plot_text(title), "font": {"size": 15}, "x": 0.01},
            "height": height,
            "margin": {"l": 20, "r": 10, "t": 50 if title else 20, "b": 20},
            "xaxis": {
                "visible": False,
                "range": [-0.45, layout.columns - 1 + LABEL_WIDTH],
                "fixedrange": True,
            },
            "yaxis": {
                "visible": False,
                "range": [layout.rows - 0.4, -0.9],
                "fixedrange": True,
            },
            "annotations": annotations,
            "legend": {
                "orientation": "h",
                "x": 1,
                "xanchor": "right",
                "y": 1.0,
                "yanchor": "bottom",
            },
            "hovermode": "closest",
            "showlegend": True,
        },
    }


def tree_outline_html(
    layout: TreeLayout,
    played: Sequence[str] = (),
    rational: Sequence[str] | None = None,
) -> str:
    """The tree as nested lists (the chart's text version): each decision, its moves, each end
    with its payoffs and rung; the moves played (and, once shown, the rational ones) marked."""
    players = list(layout.players)
    all_players = players + sorted({p for n in layout.nodes for p in n.payoffs if p not in players})
    yours = set(path_nodes(list(played))[1:])
    best = set(path_nodes(list(rational))[1:]) if rational is not None else set()
    children: dict[str, list[Any]] = {}
    for edge in layout.edges:
        children.setdefault(edge.parent, []).append(edge)

    def describe(path: str) -> str:
        node = layout.node(path)
        if node.kind == "end":
            rung = f", rung {node.rung}" if node.rung is not None else ""
            return (
                f"end: <b>{escape(node.who)}</b>{escape(rung)} "
                f"(payoffs: {escape(_payoffs(node.payoffs, all_players))})"
            )
        head = (
            f"<b>{escape(node.who)}</b> decides: {escape(node.label)}"
            if node.kind == "decision"
            else "<b>Chance</b>:"
        )
        items = []
        for edge in children.get(path, []):
            marks = [
                m
                for m, on in (
                    ("your path", edge.child in yours),
                    ("rational path", edge.child in best),
                )
                if on
            ]
            mark = f" <i>({escape(' and '.join(marks))})</i>" if marks else ""
            odds = f" ({edge.probability:.0%})" if edge.probability is not None else ""
            items.append(
                f"<li>{escape(edge.label)}{escape(odds)}{mark} → {describe(edge.child)}</li>"
            )
        return f"{head}<ul>{''.join(items)}</ul>"

    return f"<div class='course-tree-text'>{describe('root')}</div>"
