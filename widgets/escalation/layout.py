"""Where to draw each node of a game tree: a pure layout, so a view only has to paint it.

The tree grows from left to right: a decision or chance node sits in the column of its depth
(the root in column 0), and every end (outcome) sits in the last column, so the outcomes and their
payoffs line up and read as a list. Ends take one row each, top to bottom in the order the file
lists the choices; a node above them sits halfway between its first and last child, so no two
lines cross.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from widgets.escalation.replay import child
from widgets.escalation.tree import ROOT, SEPARATOR, parse_tree

Kind = Literal["decision", "chance", "end"]


@dataclass(frozen=True)
class PlacedNode:
    """One node and its place: ``x`` the column, ``y`` the row (0 at the top)."""

    path: str
    kind: Kind
    x: float
    y: float
    who: str  # the deciding player, "Chance", or the outcome
    label: str  # the decision's question; the outcome for an end
    payoffs: Mapping[str, float] = field(default_factory=dict)
    rung: int | None = None


@dataclass(frozen=True)
class PlacedEdge:
    """A move from ``parent`` to ``child`` (node paths); ``probability`` for chance branches."""

    parent: str
    child: str
    label: str
    probability: float | None = None


@dataclass(frozen=True)
class TreeLayout:
    nodes: tuple[PlacedNode, ...]
    edges: tuple[PlacedEdge, ...]
    columns: int  # the ends' column is columns - 1
    rows: int  # one per end
    players: tuple[str, ...]

    def node(self, path: str) -> PlacedNode:
        for placed in self.nodes:
            if placed.path == path:
                return placed
        raise KeyError(f"no node {path!r} in this tree")


def path_nodes(steps: list[str] | tuple[str, ...]) -> list[str]:
    """The node paths a play passes through: ``root``, ``root > A``, ``root > A > B``, ..."""
    paths = [ROOT]
    for step in steps:
        paths.append(f"{paths[-1]}{SEPARATOR}{step}")
    return paths


def layout_tree(tree: Mapping[str, Any]) -> TreeLayout:
    """Place every node of ``tree`` (a scenario, sliders applied). Raises ValueError (naming the
    node) for a tree that is not a game."""
    parse_tree(tree)
    players = tuple(dict.fromkeys(_deciders(tree)))  # in the order they first decide
    columns = _depth(tree) + 1
    nodes: list[PlacedNode] = []
    edges: list[PlacedEdge] = []
    next_row = [0]

    def place(node: Mapping[str, Any], path: str, depth: int, rung: Any) -> float:
        rung = node.get("rung", rung)
        level = None if rung is None else int(rung)
        if "outcome" in node:
            y = float(next_row[0])
            next_row[0] += 1
            payoffs = {p: float(v) for p, v in node["payoffs"].items()}
            outcome = str(node["outcome"])
            nodes.append(PlacedNode(path, "end", columns - 1, y, outcome, outcome, payoffs, level))
            return y
        if "choices" in node:
            steps: list[tuple[str, float | None]] = [(str(name), None) for name in node["choices"]]
            kind: Kind = "decision"
            who, label = str(node["player"]), str(node.get("label", ""))
        else:
            steps = [(str(b["label"]), float(b["p"])) for b in node["chance"]]
            kind, who, label = "chance", "Chance", ""
        ys = []
        for step, p in steps:
            below = f"{path}{SEPARATOR}{step}"
            ys.append(place(child(node, step), below, depth + 1, rung))
            edges.append(PlacedEdge(path, below, step, p))
        y = (min(ys) + max(ys)) / 2
        nodes.append(PlacedNode(path, kind, depth, y, who, label, {}, level))
        return y

    place(tree, ROOT, 0, None)
    return TreeLayout(tuple(nodes), tuple(edges), columns, next_row[0], players)


def _depth(node: Mapping[str, Any]) -> int:
    if "outcome" in node:
        return 0
    below = node["choices"].values() if "choices" in node else [b["node"] for b in node["chance"]]
    return 1 + max(_depth(n) for n in below)


def _deciders(node: Mapping[str, Any]) -> list[str]:
    if "outcome" in node:
        return []
    found = [str(node["player"])] if "choices" in node else []
    below = node["choices"].values() if "choices" in node else [b["node"] for b in node["chance"]]
    for n in below:
        found += _deciders(n)
    return found
