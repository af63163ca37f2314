"""Properties of the game solver that hold for any tree, checked on generated trees (hypothesis).

Payoffs are small integers and chance probabilities are eighths, so every expected payoff is
computed exactly in floating point: a tie is a true tie and "best" needs no tolerance.
Derandomized, so CI sees the same trees on every run.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from widgets.escalation import solve
from widgets.escalation.tree import ROOT, SEPARATOR

PLAYERS = ("A", "B")
NAMES = ("Hold", "Strike", "Talk")
FAST = settings(max_examples=60, derandomize=True, deadline=None, database=None)

Tree = dict[str, Any]


SMALL = st.integers(-5, 5)


def trees(payoffs: st.SearchStrategy[float] = SMALL) -> st.SearchStrategy[Tree]:
    """Decision and chance nodes over terminals that pay both players."""
    leaves = st.tuples(payoffs, payoffs).map(
        lambda pair: {"outcome": "end", "payoffs": dict(zip(PLAYERS, pair, strict=True))}
    )

    def extend(children: st.SearchStrategy[Tree]) -> st.SearchStrategy[Tree]:
        decisions = st.tuples(
            st.sampled_from(PLAYERS), st.lists(children, min_size=2, max_size=3)
        ).map(
            lambda pair: {
                "player": pair[0],
                "choices": {name: child for name, child in zip(NAMES, pair[1], strict=False)},
            }
        )
        chances = st.tuples(st.integers(1, 7), children, children).map(
            lambda t: {
                "chance": [
                    {"p": t[0] / 8, "label": "x", "node": t[1]},
                    {"p": 1 - t[0] / 8, "label": "y", "node": t[2]},
                ]
            }
        )
        return decisions | chances

    return st.recursive(leaves, extend, max_leaves=10)


def decisions(node: Tree, path: str = ROOT) -> Iterator[tuple[str, Tree]]:
    """Every decision node with its path, as the solver names them."""
    if "choices" in node:
        yield path, node
        for name, child in node["choices"].items():
            yield from decisions(child, f"{path}{SEPARATOR}{name}")
    elif "chance" in node:
        for branch in node["chance"]:
            yield from decisions(branch["node"], f"{path}{SEPARATOR}{branch['label']}")


def play(
    node: Tree, probabilities: dict[str, dict[str, float]], path: str = ROOT
) -> dict[str, float]:
    """Expected payoffs when all play by ``probabilities`` (computed here, not by the solver)."""
    if "outcome" in node:
        return {p: float(v) for p, v in node["payoffs"].items()}
    if "chance" in node:
        parts = [
            (b["p"], play(b["node"], probabilities, f"{path}{SEPARATOR}{b['label']}"))
            for b in node["chance"]
        ]
    else:
        parts = [
            (probabilities[path][name], play(child, probabilities, f"{path}{SEPARATOR}{name}"))
            for name, child in node["choices"].items()
        ]
    return {p: sum(w * value[p] for w, value in parts if w) for p in PLAYERS}


def continuations(
    path: str, node: Tree, probabilities: dict[str, dict[str, float]]
) -> dict[str, float]:
    """The mover's expected payoff from each choice, everyone playing by ``probabilities`` after."""
    return {
        name: play(child, probabilities, f"{path}{SEPARATOR}{name}")[node["player"]]
        for name, child in node["choices"].items()
    }


def transformed(node: Tree, payoff: Callable[[str, float], float]) -> Tree:
    if "outcome" in node:
        return {**node, "payoffs": {p: payoff(p, v) for p, v in node["payoffs"].items()}}
    if "chance" in node:
        return {"chance": [{**b, "node": transformed(b["node"], payoff)} for b in node["chance"]]}
    return {
        **node,
        "choices": {name: transformed(c, payoff) for name, c in node["choices"].items()},
    }


def renamed(node: Tree, swap: dict[str, str]) -> Tree:
    if "outcome" in node:
        return {**node, "payoffs": {swap[p]: v for p, v in node["payoffs"].items()}}
    if "chance" in node:
        return {"chance": [{**b, "node": renamed(b["node"], swap)} for b in node["chance"]]}
    return {
        "player": swap[node["player"]],
        "choices": {name: renamed(c, swap) for name, c in node["choices"].items()},
    }


def reordered(node: Tree) -> Tree:
    """The same game with every decision's choices listed in reverse order."""
    if "outcome" in node:
        return node
    if "chance" in node:
        return {"chance": [{**b, "node": reordered(b["node"])} for b in node["chance"]]}
    items = list(node["choices"].items())[::-1]
    return {**node, "choices": {name: reordered(c) for name, c in items}}


# -- subgame-perfect solving ------------------------------------------------------------------


@FAST
@given(trees())
def test_every_choice_is_a_best_response_and_ties_are_reported(tree: Tree) -> None:
    solution = solve(tree)
    assert solution.payoffs == play(tree, solution.probabilities)
    tied = {tie.path: tie.choices for tie in solution.ties}
    for path, node in decisions(tree):
        values = continuations(path, node, solution.probabilities)
        best = max(values.values())
        chosen = solution.strategy[path]
        assert values[chosen] == best, f"{path}: {chosen} is not a best response in {values}"
        winners = tuple(name for name, value in values.items() if value == best)
        assert chosen == winners[0]  # indifference: the first listed choice, reported as a tie
        if len(winners) > 1:
            assert tied[path] == winners
        else:
            assert path not in tied
        assert solution.probabilities[path] == {n: float(n == chosen) for n in node["choices"]}


@FAST
@given(
    trees(),
    st.sampled_from(PLAYERS),
    st.integers(1, 5),
    st.fixed_dictionaries({p: st.integers(-10, 10) for p in PLAYERS}),
)
def test_rescaling_a_players_payoffs_changes_no_choice(
    tree: Tree, player: str, scale: int, shifts: dict[str, int]
) -> None:
    """A positive affine change of a player's payoffs is the same preferences: same equilibrium."""
    original = solve(tree)
    rescaled = solve(
        transformed(tree, lambda p, v: scale * v + shifts[p] if p == player else v + shifts[p])
    )
    assert rescaled.strategy == original.strategy
    assert rescaled.path == original.path
    assert [t.path for t in rescaled.ties] == [t.path for t in original.ties]
    assert rescaled.payoffs[player] == scale * original.payoffs[player] + shifts[player]


@FAST
@given(trees())
def test_players_names_and_the_order_of_choices_do_not_matter(tree: Tree) -> None:
    solution = solve(tree)
    swapped = solve(renamed(tree, {"A": "B", "B": "A"}))
    assert swapped.strategy == solution.strategy
    assert swapped.payoffs == {"A": solution.payoffs["B"], "B": solution.payoffs["A"]}
    if not solution.ties:  # with a tie the first listed choice is taken, so order matters then
        assert solve(reordered(tree)).strategy == solution.strategy


# -- logit noise --------------------------------------------------------------------------------

RATIONALITY = st.floats(0, 1e12) | st.sampled_from([0.0, 1e-300, 1e-6, 1.0, 709.0, 1e300])
# Payoffs up to 1e308: two of them can lie further apart than any float (their difference is inf).
HUGE = st.sampled_from([-1e308, -1.0, 0.0, 1e-300, 1e308]) | st.floats(-1e308, 1e308)


@FAST
@given(trees(HUGE), RATIONALITY)
@example(
    {
        "player": "A",
        "choices": {
            "Hold": {"outcome": "end", "payoffs": {"A": 1e308, "B": 0}},
            "Strike": {"outcome": "end", "payoffs": {"A": -1e308, "B": 0}},
        },
    },
    0.0,
)
def test_logit_probabilities_are_finite_and_sum_to_one(tree: Tree, rationality: float) -> None:
    solution = solve(tree, rationality=rationality)
    for path, probs in solution.probabilities.items():
        assert all(math.isfinite(p) and 0 <= p <= 1 for p in probs.values()), (path, probs)
        assert math.isclose(sum(probs.values()), 1, abs_tol=1e-12)
    assert all(math.isfinite(v) for v in solution.payoffs.values())


@FAST
@given(trees(), st.floats(0, 20))
def test_logit_choice_follows_the_formula_and_favours_better_choices(
    tree: Tree, rationality: float
) -> None:
    """P(a) / P(b) = exp(lam * (U(a) - U(b))), U under everyone's noisy play."""
    solution = solve(tree, rationality=rationality)
    for name, value in play(tree, solution.probabilities).items():
        assert math.isclose(solution.payoffs[name], value, rel_tol=1e-9, abs_tol=1e-9)
    for path, node in decisions(tree):
        values = continuations(path, node, solution.probabilities)
        probs = solution.probabilities[path]
        for a in values:
            for b in values:
                gap = rationality * (values[a] - values[b])
                if abs(gap) < 30:
                    assert math.isclose(probs[a] / probs[b], math.exp(gap), rel_tol=1e-9)
                if values[a] > values[b]:
                    assert probs[a] >= probs[b]


@FAST
@given(trees(), st.floats(0, 20), st.integers(1, 100), st.integers(-50, 50))
def test_logit_is_unchanged_when_payoffs_and_rationality_are_rescaled_together(
    tree: Tree, rationality: float, scale: int, shift: int
) -> None:
    original = solve(tree, rationality=rationality)
    rescaled = solve(
        transformed(tree, lambda p, v: scale * v + shift), rationality=rationality / scale
    )
    for path, probs in original.probabilities.items():
        for name, p in probs.items():
            assert math.isclose(rescaled.probabilities[path][name], p, rel_tol=1e-9, abs_tol=1e-12)


@FAST
@given(trees())
def test_a_sharp_logit_player_plays_the_subgame_perfect_strategy(tree: Tree) -> None:
    """Ten leaves nest at most nine chance nodes, so two different expected payoffs differ by at
    least 8**-9: with rationality 1e12 every worse choice has probability exp(-7450) = 0, and the
    noisy answer is exactly the subgame-perfect one (barring ties)."""
    exact = solve(tree)
    if exact.ties:
        return
    sharp = solve(tree, rationality=1e12)
    assert sharp.strategy == exact.strategy
    assert sharp.probabilities == exact.probabilities
    assert sharp.payoffs == exact.payoffs


# --- Random play and the drawn tree (lesson 04's replay and tree) --------------------------------


@FAST
@given(trees(), st.sampled_from([None, 0.0, 1.0]), st.integers(0, 10**6))
def test_replays_end_only_where_the_model_gives_a_chance(
    tree: Tree, rationality: float | None, seed: int
) -> None:
    from widgets.escalation.layout import path_nodes
    from widgets.escalation.replay import outcome_probabilities, replay

    solution = solve(tree, rationality=rationality)
    probabilities = outcome_probabilities(tree, solution)
    assert math.isclose(sum(probabilities.values()), 1, abs_tol=1e-9)
    result = replay(tree, rationality=rationality, plays=20, seed=seed)
    assert sum(count for _, _, count, _ in result.counts()) == 20
    for ending in result.endings:
        assert probabilities[(ending.rung, ending.outcome)] > 0
        node = tree
        for step, where in zip(ending.path, path_nodes(ending.path)[:-1], strict=True):
            options = (
                {b["label"]: b["p"] for b in node["chance"]}
                if "chance" in node
                else solution.probabilities[where]
            )
            assert options[step] > 0  # never a move the model gives no chance
            node = (
                node["choices"][step]
                if "choices" in node
                else next(b["node"] for b in node["chance"] if b["label"] == step)
            )
    assert replay(tree, rationality=rationality, plays=20, seed=seed).endings == result.endings


@FAST
@given(trees())
def test_the_layout_gives_each_end_a_row_and_each_parent_a_place_between_its_children(
    tree: Tree,
) -> None:
    from widgets.escalation.layout import layout_tree

    layout = layout_tree(tree)
    ends = [n for n in layout.nodes if n.kind == "end"]
    assert sorted(n.y for n in ends) == list(range(layout.rows))
    assert len(layout.edges) == len(layout.nodes) - 1
    assert len({n.path for n in layout.nodes}) == len(layout.nodes)
    for node in layout.nodes:
        below = [layout.node(e.child) for e in layout.edges if e.parent == node.path]
        if below:
            assert min(c.y for c in below) <= node.y <= max(c.y for c in below)
            assert all(c.x > node.x for c in below)
