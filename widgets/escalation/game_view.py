"""Solve a scenario with sliders: the equilibrium path, payoffs, ties and every node's choice."""

from __future__ import annotations

from typing import Any

import pandas as pd

from widgets.escalation.explorer import slider
from widgets.escalation.game import Solution, solve
from widgets.escalation.games import load_game
from widgets.escalation.scenario import apply_sliders, sliders_of
from widgets.escalation.tree import Chance, Decision, Node, parse_tree
from widgets.markup import escape


def strategy_table(tree: dict[str, Any], solution: Solution) -> pd.DataFrame:
    """One row per decision: who decides, what they choose, and the choice probabilities."""
    rows = []

    def walk(node: Node) -> None:
        if isinstance(node, Decision):
            probs = solution.probabilities[node.path]
            rows.append(
                {
                    "decision": node.path,
                    "player": node.player,
                    "choice": solution.strategy[node.path],
                    "probabilities": ", ".join(f"{c} {p:.0%}" for c, p in probs.items()),
                }
            )
            for _, child in node.choices:
                walk(child)
        elif isinstance(node, Chance):
            for branch in node.branches:
                walk(branch.node)

    walk(parse_tree(tree))
    return pd.DataFrame(rows)


def solution_summary(solution: Solution) -> str:
    """The solver's answer in words: path, payoffs, and any ties."""
    path = " → ".join(solution.path) or "(a chance move comes first)"
    payoffs = ", ".join(f"{player} {value:.2f}" for player, value in solution.payoffs.items())
    kind = (
        "Subgame-perfect equilibrium"
        if solution.rationality is None
        else f"Most likely path with logit noise (rationality {solution.rationality:g})"
    )
    text = f"{kind}: {path}. Expected payoffs: {payoffs}."
    if solution.outcome:
        text += f" Outcome: {solution.outcome}."
    for tie in solution.ties:
        where = "on the path" if tie.on_path else "off the path"
        choices = ", ".join(tie.choices)
        text += f" Tie ({where}) at {tie.path}: {tie.player} is indifferent between {choices}."
    return text


class GameExplorer:
    """Sliders for a scenario's payoffs and for noise; the answer updates on every change."""

    def __init__(self, scenario: str = "classic_deterrence") -> None:
        import ipywidgets as w

        self.scenario = load_game(scenario)
        self.sliders = {
            spec.name: slider(spec.label, spec.value, spec.low, spec.high, spec.step)
            for spec in sliders_of(self.scenario)
        }
        self.rational = w.Checkbox(value=True, description="Fully rational players")
        self.rationality = slider("rationality (logit noise)", 2.0, 0.0, 10.0, 0.5)
        self.text = w.HTML()
        self.table = w.HTML()
        for control in (*self.sliders.values(), self.rational, self.rationality):
            control.observe(self.update, names="value")
        self.box = w.VBox(
            [*self.sliders.values(), self.rational, self.rationality, self.text, self.table]
        )
        self.box.add_class("course-game-explorer")  # a stable hook for CSS and browser tests
        self.summary = ""
        self.update()

    def update(self, _: object = None) -> None:
        try:
            tree = apply_sliders(self.scenario, {n: s.value for n, s in self.sliders.items()})
            noise = None if self.rational.value else self.rationality.value
            solution = solve(tree, rationality=noise)
        except ValueError as err:
            self.summary = f"Impossible setting: {err}."
            self.text.value = f"<p role='status'><b>{escape(self.summary)}</b></p>"
            return
        self.rationality.disabled = self.rational.value
        self.summary = solution_summary(solution)
        self.text.value = f"<p role='status'>{escape(self.summary)}</p>"
        self.table.value = strategy_table(tree, solution).to_html(index=False, border=0)

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        bundle = self.box._repr_mimebundle_(**kwargs)
        if isinstance(bundle, dict):
            bundle["text/plain"] = self.summary
        return bundle
