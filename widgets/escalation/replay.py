"""Seeded random play of a crisis scenario, and many plays at once ("replay 100 crises").

Pure model (no widgets). Every random move is drawn from the probabilities the model states: the
solver's choice probabilities at a decision (0 or 1 for fully rational players, logit
probabilities under misperception, see :mod:`widgets.escalation.game`) and the branch
probabilities at a chance node. A draw depends only on the seed and on the node (its path), so
the same seed gives the same crisis, move for move, whatever was drawn elsewhere.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from widgets.escalation.game import Solution, solve
from widgets.escalation.tree import ROOT, SEPARATOR

PLAYS = 100


def draw(options: Mapping[str, float], key: str) -> str:
    """One choice from ``options`` (choice -> probability), the same for the same ``key``.

    ``key`` names the seed and the place (e.g. ``"17|root > Leave it open"``); Python's
    ``random`` seeds a text key through SHA-512, so the draw is the same on every machine and in
    every run.
    """
    if not options:
        raise ValueError("nothing to draw: this point of the game has no choices")
    u = random.Random(key).random()
    total = 0.0
    last = ""
    for choice, p in options.items():
        if p <= 0:
            continue
        total += p
        last = choice
        if u < total:
            return choice
    return last  # rounding: the probabilities summed to a hair under 1


def options_at(node: Mapping[str, Any], path: str, solution: Solution) -> dict[str, float]:
    """Choice -> probability at ``node``: the solver's for a decision, the file's for chance."""
    if "chance" in node:
        return {str(b["label"]): float(b["p"]) for b in node["chance"]}
    if "choices" in node:
        return dict(solution.probabilities[path])
    return {}


def child(node: Mapping[str, Any], step: str) -> dict[str, Any]:
    """The node one ``step`` (a choice or a chance branch label) below ``node``."""
    if "choices" in node:
        found: dict[str, Any] = node["choices"][step]
        return found
    return next(b["node"] for b in node["chance"] if b["label"] == step)


@dataclass(frozen=True)
class Ending:
    """How one play ended: the choices made, the outcome and its rung on the course ladder."""

    path: tuple[str, ...]
    outcome: str
    rung: int | None


def play_out(tree: Mapping[str, Any], solution: Solution, key: str) -> Ending:
    """Every player moved by the model (and chance by its odds), drawn with ``key``."""
    node, path, rung = tree, [ROOT], tree.get("rung")
    while "outcome" not in node:
        where = SEPARATOR.join(path)
        step = draw(options_at(node, where, solution), f"{key}|{where}")
        node = child(node, step)
        path.append(step)
        rung = node.get("rung", rung)
    return Ending(tuple(path[1:]), str(node["outcome"]), None if rung is None else int(rung))


@dataclass(frozen=True)
class Replay:
    """``plays`` crises under one setting: how many ended in each outcome, and how likely each
    outcome is under the model (``probability``; the counts scatter around ``plays`` times it)."""

    plays: int
    seed: int
    rationality: float | None
    endings: tuple[Ending, ...]
    probabilities: dict[tuple[int | None, str], float]

    def counts(self) -> list[tuple[int | None, str, int, float]]:
        """(rung, outcome, count, model probability) for every outcome the scenario has, those
        never reached included (count 0), lowest rung first."""
        tally = Counter((e.rung, e.outcome) for e in self.endings)
        rows = [
            (rung, outcome, tally.get((rung, outcome), 0), p)
            for (rung, outcome), p in self.probabilities.items()
        ]
        return sorted(rows, key=lambda r: (-1 if r[0] is None else r[0], r[1]))

    def by_rung(self) -> dict[int | None, int]:
        """Final rung -> number of crises that ended there (every rung of an outcome, even 0)."""
        result: dict[int | None, int] = {}
        for rung, _, count, _ in self.counts():
            result[rung] = result.get(rung, 0) + count
        return result


def outcome_probabilities(
    tree: Mapping[str, Any], solution: Solution
) -> dict[tuple[int | None, str], float]:
    """(rung, outcome) -> the probability that a play ends there, under ``solution``."""
    result: dict[tuple[int | None, str], float] = {}
    pending: list[tuple[Mapping[str, Any], list[str], float, Any]] = [
        (tree, [ROOT], 1.0, tree.get("rung"))
    ]
    while pending:
        node, path, p, rung = pending.pop()
        if "outcome" in node:
            key = (None if rung is None else int(rung), str(node["outcome"]))
            result[key] = result.get(key, 0.0) + p
            continue
        for step, q in options_at(node, SEPARATOR.join(path), solution).items():
            below = child(node, step)
            pending.append((below, [*path, step], p * q, below.get("rung", rung)))
    return result


def replay(
    tree: Mapping[str, Any],
    *,
    rationality: float | None = None,
    plays: int = PLAYS,
    seed: int = 0,
) -> Replay:
    """Play the crisis ``plays`` times, every player moved by the model; play ``i`` draws with
    the key ``"<seed>/<i>"``. ``tree`` is a scenario with its sliders already applied."""
    if isinstance(plays, bool) or not isinstance(plays, int) or not 1 <= plays <= 100_000:
        raise ValueError(f"the number of plays must be a whole number, 1 to 100000, not {plays!r}")
    solution = solve(tree, rationality=rationality)
    endings = tuple(play_out(tree, solution, f"{seed}/{i}") for i in range(plays))
    return Replay(plays, seed, rationality, endings, outcome_probabilities(tree, solution))
