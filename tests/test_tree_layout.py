"""The game tree drawn: a pure layout, a figure that keeps the equilibrium off until asked."""

from __future__ import annotations

from typing import Any

import pytest

from widgets.escalation import load_game, solve
from widgets.escalation.layout import layout_tree, path_nodes
from widgets.escalation.scenario import apply_sliders
from widgets.escalation.tree_view import RATIONAL, YOURS, tree_figure, tree_outline_html

TREE = apply_sliders(load_game("january_2020"), {})
LAYOUT = layout_tree(TREE)
EQUILIBRIUM = list(solve(TREE).path)


def test_every_node_and_move_is_placed() -> None:
    ends = [n for n in LAYOUT.nodes if n.kind == "end"]
    assert LAYOUT.rows == len(ends) == 16
    assert len(LAYOUT.edges) == len(LAYOUT.nodes) - 1
    assert LAYOUT.players == ("Allies", "Iran", "US")  # in the order they first decide
    assert {n.y for n in ends} == set(range(16))  # one row each, none shared
    assert {n.x for n in ends} == {LAYOUT.columns - 1}  # the ends line up in the last column
    assert LAYOUT.node("root").x == 0 and LAYOUT.node("root").who == "Allies"


def test_a_parent_sits_between_its_children_and_left_of_them() -> None:
    for node in LAYOUT.nodes:
        below = [LAYOUT.node(e.child) for e in LAYOUT.edges if e.parent == node.path]
        if below:
            assert min(c.y for c in below) <= node.y <= max(c.y for c in below)
            assert all(c.x > node.x for c in below)


def test_chance_branches_carry_their_probability() -> None:
    chance = [e for e in LAYOUT.edges if e.probability is not None]
    assert sorted(e.probability or 0.0 for e in chance) == pytest.approx([0.3, 0.7])


def test_a_broken_tree_is_refused_in_plain_words() -> None:
    with pytest.raises(ValueError, match="has only one choice"):
        layout_tree({"player": "A", "choices": {"x": {"outcome": "o", "payoffs": {"A": 1}}}})


def _line(figure: dict[str, Any], name: str) -> dict[str, Any] | None:
    traces: list[dict[str, Any]] = figure["data"]
    return next((t for t in traces if t.get("name") == name), None)


def test_the_figure_shows_the_path_played_and_no_equilibrium_until_asked() -> None:
    played = ["Rule it out", "Deadly strike on US forces", "Strike Iran"]
    before = tree_figure(LAYOUT, played)
    yours = _line(before, "Your path")
    assert yours is not None and yours["line"]["color"] == YOURS
    xs = [x for x in yours["x"] if x is not None]
    assert len(xs) == 2 * len(played)
    assert _line(before, "Rational path") is None
    assert "rational" not in str(before).lower()
    after = tree_figure(LAYOUT, played, EQUILIBRIUM)
    rational = _line(after, "Rational path")
    assert rational is not None and rational["line"]["color"] == RATIONAL


def test_the_figure_names_every_move_player_and_payoff() -> None:
    figure = str(tree_figure(LAYOUT))
    for label in ("Commit: Article 5", "Leave it open", "Stand down", "Calm holds (70%)"):
        assert label in figure
    for player in ("Allies", "Iran", "US", "Chance"):
        assert f"<b>{player}</b>" in figure
    assert "Allies 1, Iran 1, US 0" in figure  # payoffs at an end, in the order players decide
    assert tree_figure(LAYOUT)["layout"]["height"] >= 16 * 40  # a row per end, readable


def test_the_text_version_marks_the_paths() -> None:
    played = ["Leave it open", "No military response"]
    text = tree_outline_html(LAYOUT, played)
    assert text.count("(your path)") == 2
    assert "rational path" not in text
    both = tree_outline_html(LAYOUT, played, EQUILIBRIUM)
    assert "(your path and rational path)" in both  # the first move is shared
    assert both.count("rational path") == 3
    assert "No Iranian military response</b>, rung 7" in both


def test_path_nodes() -> None:
    assert path_nodes(["A", "B"]) == ["root", "root > A", "root > A > B"]
