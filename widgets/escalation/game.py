"""Solve game trees by backward induction (subgame-perfect equilibrium) or with logit noise.

Backward induction: at each decision, the player picks the choice whose continuation gives them the
highest (expected) payoff, working from the ends of the tree to the root; chance nodes average
over their branches. Where a player is exactly indifferent the equilibrium is not unique: the
first listed choice is taken and the tie is reported in ``Solution.ties``, never hidden.

Logit noise ("misperception"): with rationality ``lam``, a player picks choice *a* with probability
exp(lam * U(a)) / sum_b exp(lam * U(b)), where U are the expected payoffs of the continuations
under everyone's noisy play (the agent quantal response of McKelvey and Palfrey 1998, used for
crisis games by Signorino 1999). lam = 0 is a coin toss; as lam grows it approaches the
subgame-perfect answer.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from widgets.escalation.tree import (
    TOLERANCE,
    Chance,
    Decision,
    Node,
    Terminal,
    parse_tree,
    players_of,
)


@dataclass(frozen=True)
class Tie:
    """A decision where the player is indifferent between ``choices`` (payoff ``value``)."""

    path: str
    player: str
    choices: tuple[str, ...]
    value: float
    on_path: bool


@dataclass(frozen=True)
class Solution:
    """What the solver found.

    - ``path``: choice labels from the root along the equilibrium, stopping at the first chance node
      (under noise: the most likely choice at each step).
    - ``payoffs``: each player's expected payoff at the root.
    - ``ties``: every decision where a player is indifferent (subgame-perfect solving only).
    - ``strategy``: node path -> the choice taken there (the most likely one under noise).
    - ``probabilities``: node path -> {choice: probability}; 0/1 for subgame-perfect play.
    - ``outcome``: the terminal reached by ``path``, or None if a chance node comes first.
    """

    path: tuple[str, ...]
    payoffs: dict[str, float]
    ties: tuple[Tie, ...]
    strategy: dict[str, str]
    probabilities: dict[str, dict[str, float]]
    outcome: str | None
    rationality: float | None


def solve(tree: Any, *, rationality: float | None = None) -> Solution:
    """Solve a tree (JSON-like dict or parsed node); ``rationality=None`` means subgame-perfect."""
    if rationality is not None and (not math.isfinite(rationality) or rationality < 0):
        raise ValueError(f"rationality must be a number of 0 or more, not {rationality!r}")
    root = tree if isinstance(tree, Terminal | Decision | Chance) else parse_tree(tree)
    players = players_of(root)
    probabilities: dict[str, dict[str, float]] = {}
    ties: list[Tie] = []
    values = _value(root, players, rationality, probabilities, ties)
    strategy = {path: max(probs, key=lambda c: probs[c]) for path, probs in probabilities.items()}
    path, outcome = _follow(root, strategy)
    on_path_nodes = _nodes_on(root, path)
    ties = [Tie(t.path, t.player, t.choices, t.value, t.path in on_path_nodes) for t in ties]
    return Solution(tuple(path), values, tuple(ties), strategy, probabilities, outcome, rationality)


def _value(
    node: Node,
    players: list[str],
    lam: float | None,
    probabilities: dict[str, dict[str, float]],
    ties: list[Tie],
) -> dict[str, float]:
    if isinstance(node, Terminal):
        return {p: node.payoffs[p] for p in players}
    if isinstance(node, Chance):
        branch_values = [
            (b.p, _value(b.node, players, lam, probabilities, ties)) for b in node.branches
        ]
        return {p: sum(w * v[p] for w, v in branch_values) for p in players}
    continuations = {
        name: _value(child, players, lam, probabilities, ties) for name, child in node.choices
    }
    mine = {name: value[node.player] for name, value in continuations.items()}
    if lam is None:
        best = max(mine.values())
        winners = [name for name, u in mine.items() if abs(u - best) <= TOLERANCE]
        if len(winners) > 1:
            ties.append(Tie(node.path, node.player, tuple(winners), best, False))
        probs = {name: 1.0 if name == winners[0] else 0.0 for name in mine}
    else:
        # Subtract the maximum so exp() cannot overflow. With lam = 0 every choice weighs 1: a
        # gap too wide for a float (-inf) times 0 would otherwise be nan.
        top = max(mine.values())
        weights = {name: math.exp(lam * (u - top)) if lam else 1.0 for name, u in mine.items()}
        total = sum(weights.values())
        probs = {name: w / total for name, w in weights.items()}
    probabilities[node.path] = probs
    return {p: sum(probs[name] * continuations[name][p] for name in mine) for p in players}


def _follow(root: Node, strategy: dict[str, str]) -> tuple[list[str], str | None]:
    path: list[str] = []
    node = root
    while isinstance(node, Decision):
        choice = strategy[node.path]
        path.append(choice)
        node = dict(node.choices)[choice]
    return path, node.outcome if isinstance(node, Terminal) else None


def _nodes_on(root: Node, path: list[str]) -> set[str]:
    seen, node = {root.path}, root
    for choice in path:
        assert isinstance(node, Decision)
        node = dict(node.choices)[choice]
        seen.add(node.path)
    return seen
