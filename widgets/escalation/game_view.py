"""Solve a scenario with sliders: the equilibrium path, payoffs, ties and every node's choice."""

from __future__ import annotations

from typing import Any

import pandas as pd

from widgets import look
from widgets.chart import LiveChart
from widgets.escalation.explorer import slider
from widgets.escalation.game import Solution, solve
from widgets.escalation.games import load_game
from widgets.escalation.layout import layout_tree
from widgets.escalation.scenario import apply_sliders, sliders_of
from widgets.escalation.tree import ROOT, SEPARATOR, Chance, Decision, Node, parse_tree
from widgets.escalation.tree_view import tree_figure, tree_outline_html
from widgets.markup import escape

TREE_TITLE = "The game: each end shows the payoffs (higher is better for that player)"


def strategy_table(tree: dict[str, Any], solution: Solution) -> pd.DataFrame:
    """One row per decision: who decides, what they choose, and the choice probabilities."""
    rows = []

    def walk(node: Node) -> None:
        if isinstance(node, Decision):
            probs = solution.probabilities[node.path]
            rows.append(
                {
                    "After the moves": node.path.removeprefix(ROOT)
                    .removeprefix(SEPARATOR)
                    .replace(SEPARATOR, " → ")
                    or "(the start)",
                    "Who decides": node.player,
                    "Choice": solution.strategy[node.path],
                    "Chances": ", ".join(f"{c} {p:.0%}" for c, p in probs.items()),
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
    """Sliders for a scenario's payoffs and for noise; the answer updates on every change.

    ``after``: a question widget (``answered``, ``on_saved``) whose question the solver's answer
    would give away. The answer (summary and table) is then neither shown nor computed into the
    page until the learner has committed an answer and asks for it (a
    :class:`~widgets.classroom.reveal.Reveal`); after that it follows the sliders live.
    """

    def __init__(self, scenario: str = "classic_deterrence", *, after: Any = None) -> None:
        import ipywidgets as w

        from widgets.classroom.reveal import Reveal

        self.scenario = load_game(scenario)
        self.sliders = {
            spec.name: slider(spec.label, spec.value, spec.low, spec.high, spec.step)
            for spec in sliders_of(self.scenario)
        }
        self.rational = w.Checkbox(value=True, description="Fully rational players")
        self.rationality = slider("rationality (logit noise)", 2.0, 0.0, 10.0, 0.5)
        self.text = w.HTML()
        self.table = w.HTML()
        self.chart = LiveChart()  # the tree with its payoffs; the rational path once shown
        self.tree_text = w.HTML()
        outline = w.Accordion(children=[self.tree_text], titles=("Text version of the tree",))
        outline.selected_index = None
        for control in (*self.sliders.values(), self.rational, self.rationality):
            control.observe(self.update, names="value")
        answer = w.VBox([self.text, self.table])
        self.reveal: Reveal | None = None
        if after is not None:
            self.reveal = Reveal.after(
                after,
                lambda: self._open(answer),
                what="what game theory predicts",
                wait_for="Answer the self-check on this game first; then the solver's answer "
                "appears here and follows the sliders.",
            )
        shown = answer if self.reveal is None else self.reveal.box
        self.box = w.VBox(
            [
                self.chart.box,
                outline,
                *self.sliders.values(),
                self.rational,
                self.rationality,
                shown,
            ]
        )
        self.box.add_class("course-game-explorer")  # a stable hook for CSS and browser tests
        self.summary = ""
        self.update()

    @property
    def answer_shown(self) -> bool:
        return self.reveal is None or self._opened

    _opened = False

    def _open(self, answer: Any) -> Any:
        """The Reveal's builder: the answer is computed now, for the first time."""
        self._opened = True
        self.update()
        return answer

    def update(self, _: object = None) -> None:
        self.rationality.disabled = self.rational.value
        try:
            tree = apply_sliders(self.scenario, {n: s.value for n, s in self.sliders.items()})
            if not self.answer_shown:
                self.summary = "What game theory predicts: shown after you answer the self-check."
                self.chart.draw(tree_figure(layout_tree(tree), title=TREE_TITLE))
                self.tree_text.value = tree_outline_html(layout_tree(tree))
                return
            noise = None if self.rational.value else self.rationality.value
            solution = solve(tree, rationality=noise)
        except ValueError as err:
            self.summary = f"Impossible setting: {err}."
            self.text.value = f"<p role='status'><b>{escape(self.summary)}</b></p>"
            self.chart.hide()
            return
        rational = solve(tree).path
        layout = layout_tree(tree)
        # The answer in words first: the browser shows it before it redraws the tree.
        self.summary = solution_summary(solution)
        self.text.value = f"<p role='status'>{escape(self.summary)}</p>"
        self.chart.draw(tree_figure(layout, rational=rational, title=TREE_TITLE))
        self.tree_text.value = tree_outline_html(layout, rational=rational)
        table = look.table_html(strategy_table(tree, solution))
        self.table.value = f"<div class='jp-RenderedHTMLCommon'>{table}</div>"  # lab's table look

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        bundle = self.box._repr_mimebundle_(**kwargs)
        if isinstance(bundle, dict):
            bundle["text/plain"] = self.summary
        return bundle
