"""Game trees as plain data, parsed into typed nodes with errors that name the node's path.

The JSON format an instructor writes (``data/games/*.json``):

- terminal: ``{"outcome": "War", "payoffs": {"A": -5, "B": -3}}``
- decision: ``{"player": "A", "label": "...", "choices": {"Strike": <node>, "Hold": <node>}}``
- chance:   ``{"chance": [{"p": 0.3, "label": "Hard-line", "node": <node>}, ...]}``

Other keys (notes, sources, descriptions) are allowed and kept in ``extra``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

ROOT = "root"
SEPARATOR = " > "
TOLERANCE = 1e-9


@dataclass(frozen=True)
class Terminal:
    path: str
    outcome: str
    payoffs: Mapping[str, float]
    extra: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Decision:
    path: str
    player: str
    label: str
    choices: tuple[tuple[str, Node], ...]
    extra: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Branch:
    p: float
    label: str
    node: Node


@dataclass(frozen=True)
class Chance:
    path: str
    branches: tuple[Branch, ...]
    extra: Mapping[str, Any] = field(default_factory=dict)


Node = Terminal | Decision | Chance


def parse_tree(tree: Any) -> Node:
    """Validate a tree (as loaded from JSON) and return typed nodes.

    Raises ``ValueError`` naming the path of the first bad node, e.g.
    ``root > Challenge > Resist: payoff of "US" is "a lot", not a number``.
    """
    node = _parse(tree, ROOT)
    players = sorted(_players(node))
    if not players:
        raise ValueError(f"{ROOT}: the tree has no players (no payoffs and no decisions)")
    _check_payoffs_complete(node, players)
    return node


def players_of(node: Node) -> list[str]:
    """Every player in the tree, sorted: deciders and everyone with a payoff."""
    return sorted(_players(node))


def _parse(raw: Any, path: str) -> Node:
    if not isinstance(raw, Mapping):
        raise ValueError(f"{path}: a node must be a JSON object, not {type(raw).__name__}")
    kinds = [k for k in ("outcome", "player", "chance") if k in raw]
    if len(kinds) != 1:
        found = f"it has {', '.join(repr(k) for k in kinds)}" if kinds else "it has none"
        raise ValueError(
            f"{path}: unknown node: give exactly one of 'outcome' (terminal), 'player' "
            f"(decision) or 'chance' (chance node); {found}"
        )
    kind = kinds[0]
    if kind == "outcome":
        return _parse_terminal(raw, path)
    if kind == "player":
        return _parse_decision(raw, path)
    return _parse_chance(raw, path)


def _extra(raw: Mapping[str, Any], known: set[str]) -> dict[str, Any]:
    return {k: v for k, v in raw.items() if k not in known}


def _parse_terminal(raw: Mapping[str, Any], path: str) -> Terminal:
    payoffs = raw.get("payoffs")
    if not isinstance(payoffs, Mapping) or not payoffs:
        raise ValueError(f"{path}: terminal {raw['outcome']!r} needs 'payoffs' for every player")
    checked = {}
    for player, value in payoffs.items():
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            raise ValueError(f"{path}: payoff of {player!r} is {value!r}, not a number")
        checked[str(player)] = float(value)
    return Terminal(path, str(raw["outcome"]), checked, _extra(raw, {"outcome", "payoffs"}))


def _parse_decision(raw: Mapping[str, Any], path: str) -> Decision:
    choices = raw.get("choices")
    if not isinstance(choices, Mapping) or not choices:
        raise ValueError(f"{path}: decision of {raw['player']!r} has no choices")
    if len(choices) < 2:
        raise ValueError(f"{path}: decision of {raw['player']!r} has only one choice")
    parsed = tuple(
        (str(name), _parse(child, f"{path}{SEPARATOR}{name}")) for name, child in choices.items()
    )
    label = str(raw.get("label", ""))
    return Decision(
        path, str(raw["player"]), label, parsed, _extra(raw, {"player", "label", "choices"})
    )


def _parse_chance(raw: Mapping[str, Any], path: str) -> Chance:
    branches = raw["chance"]
    if not isinstance(branches, list) or len(branches) < 2:
        raise ValueError(f"{path}: a chance node needs a list of at least two branches")
    parsed = []
    for index, branch in enumerate(branches):
        if not isinstance(branch, Mapping) or "node" not in branch or "p" not in branch:
            raise ValueError(f"{path}: chance branch {index + 1} needs 'p', 'label' and 'node'")
        p, label = branch["p"], str(branch.get("label", f"branch {index + 1}"))
        if isinstance(p, bool) or not isinstance(p, int | float) or not 0 <= p <= 1:
            raise ValueError(f"{path}: probability of {label!r} is {p!r}, not a number in 0..1")
        parsed.append(Branch(float(p), label, _parse(branch["node"], f"{path}{SEPARATOR}{label}")))
    total = sum(b.p for b in parsed)
    if abs(total - 1) > TOLERANCE:
        raise ValueError(f"{path}: chance probabilities sum to {total:g}, not 1")
    return Chance(path, tuple(parsed), _extra(raw, {"chance"}))


def _players(node: Node) -> set[str]:
    if isinstance(node, Terminal):
        return set(node.payoffs)
    if isinstance(node, Decision):
        return {node.player}.union(*(_players(child) for _, child in node.choices))
    return set().union(*(_players(b.node) for b in node.branches))


def _check_payoffs_complete(node: Node, players: list[str]) -> None:
    if isinstance(node, Terminal):
        missing = [p for p in players if p not in node.payoffs]
        if missing:
            raise ValueError(
                f"{node.path}: terminal {node.outcome!r} has no payoff for {', '.join(missing)}"
            )
        return
    children = (
        [child for _, child in node.choices]
        if isinstance(node, Decision)
        else [b.node for b in node.branches]
    )
    for child in children:
        _check_payoffs_complete(child, players)
