"""The crisis game: every path plays through, sliders change the forecast, history is sourced."""

from __future__ import annotations

import copy
from collections.abc import Callable
from itertools import product
from typing import Any

import pytest

from widgets import data
from widgets.escalation import load_game, solve
from widgets.escalation.crisis import CrisisGame
from widgets.escalation.scenario import apply_sliders, node_at, sliders_of

SCENARIO = load_game("january_2020")


def all_paths(node: dict[str, Any], path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    if "outcome" in node:
        return [path]
    if "choices" in node:
        return [
            p for name, child in node["choices"].items() for p in all_paths(child, (*path, name))
        ]
    return [p for b in node["chance"] for p in all_paths(b["node"], (*path, b["label"]))]


def test_the_equilibrium_is_what_happened() -> None:
    solution = solve(apply_sliders(SCENARIO, {}))
    assert solution.path == tuple(step["choice"] for step in SCENARIO["history"])
    assert solution.ties == ()


@pytest.mark.parametrize("path", all_paths(SCENARIO), ids=" / ".join)
def test_every_path_plays_through(path: tuple[str, ...]) -> None:
    for role in ("Iran", "US", "Allies"):
        game = CrisisGame(copy.deepcopy(SCENARIO), role)
        for step in path:
            assert not game.finished
            assert step in game.options()
            game.choose(step)
        assert game.finished and game.outcome()
        assert game.rung() in set(data.load("ladder")["rung"])
        assert set(game.payoffs()) == {"Iran", "US", "Allies"}


def test_the_model_moves_until_the_learner_decides() -> None:
    game = CrisisGame(SCENARIO, "US")
    moves = game.advance()
    assert [who for who, _, _ in moves] == ["Allies", "Iran"]
    assert game.learners_turn and set(game.options()) == {"Stand down", "Strike Iran"}
    game.choose("Strike Iran")
    assert game.finished and game.rung() == node_at(SCENARIO, game.node_path)["rung"]
    rung = game.rung()
    assert rung is not None
    assert data.load("ladder").set_index("rung").loc[rung, "name"] == "Open war"


def test_noise_gives_probabilities_not_certainties() -> None:
    game = CrisisGame(SCENARIO, "Allies", rationality=0.5)
    probabilities = game.options()
    assert sum(probabilities.values()) == pytest.approx(1)
    assert all(0 < p < 1 for p in probabilities.values())


def test_sliders_change_the_forecast() -> None:
    assert solve(apply_sliders(SCENARIO, {"iran_no_response": 2})).path[1] == "No military response"
    bold = solve(apply_sliders(SCENARIO, {"us_strike_after_warned": 1}))
    assert bold.path[1] == "No military response"  # Iran foresees a US counter-strike


def test_entrapment_slider_sets_both_branches() -> None:
    tree = apply_sliders(SCENARIO, {"p_entrapment": 0.8})
    branches = node_at(tree, "root > Commit: Article 5 would apply > No military response")[
        "chance"
    ]
    assert [b["p"] for b in branches] == pytest.approx([0.8, 0.2])


@pytest.mark.parametrize(
    ("edit", "words"),
    [
        (lambda s: s["sliders"][0].update(value=99), "lies outside"),
        (
            lambda s: s["sliders"][0]["targets"].append({"path": "root > Nowhere", "player": "US"}),
            "no node 'Nowhere'",
        ),
        (
            lambda s: s["sliders"][0]["targets"].append({"path": "root", "player": "US"}),
            "has no payoff",
        ),
        (lambda s: s["sliders"][0].pop("label"), "needs name, label"),
    ],
)
def test_broken_sliders_are_named(edit: Callable[[dict[str, Any]], object], words: str) -> None:
    scenario = copy.deepcopy(SCENARIO)
    edit(scenario)
    with pytest.raises(ValueError, match=words):
        sliders_of(scenario)


def test_impossible_moves_are_refused_in_plain_words() -> None:
    game = CrisisGame(SCENARIO, "Iran")
    with pytest.raises(ValueError, match="not a choice here"):
        game.choose("Invade")
    with pytest.raises(ValueError, match="not a player here"):
        CrisisGame(SCENARIO, "China")


def test_history_points_at_real_events_and_real_choices() -> None:
    events = set(data.load("events")["event_id"])
    path = "root"
    for step in SCENARIO["history"]:
        assert set(step["event_ids"]) <= events
        node = node_at(SCENARIO, path)
        assert node["player"] == step["who"] and step["choice"] in node["choices"]
        path += " > " + step["choice"]


def test_view_plays_a_round_and_shows_history(capsys: pytest.CaptureFixture[str]) -> None:
    from widgets.escalation.crisis_view import CrisisGameView

    view = CrisisGameView(role="US")
    assert "Leave it open" in view.forecast.value
    labels = [b.description for b in view.choices.children]
    assert labels == ["Stand down", "Strike Iran"]
    view.choices.children[1].click()
    assert "Outcome:" in view.story.value and "What really happened" in view.story.value
    assert "rung 9 of 9" in view.ladder.value
    view.sliders["iran_no_response"].value = 2  # restarts with a new forecast
    assert "No military response" in view.forecast.value
    assert "Outcome" in view.story.value  # as US, nothing is left to decide once Iran holds back
    capsys.readouterr()


def test_every_slider_combination_at_the_ends_solves() -> None:
    specs = sliders_of(SCENARIO)
    for corner in product(*[(s.low, s.high) for s in specs]):
        solve(apply_sliders(SCENARIO, dict(zip([s.name for s in specs], corner, strict=True))))
