"""Misperception really draws: seeded, reproducible, and at the rates the model states."""

from __future__ import annotations

import copy
from collections import Counter

import pytest

from widgets.escalation import load_game, solve
from widgets.escalation.crisis import CrisisGame
from widgets.escalation.replay import draw, outcome_probabilities, replay
from widgets.escalation.scenario import apply_sliders

SCENARIO = load_game("january_2020")
TREE = apply_sliders(SCENARIO, {})
MUCH = 0.5  # the lesson's "much misperception"


def first_move(seed: int, rationality: float | None = MUCH) -> str:
    game = CrisisGame(copy.deepcopy(SCENARIO), "Iran", rationality=rationality, seed=seed)
    return game.respond().choice


def test_a_draw_is_the_same_for_the_same_key_and_follows_the_odds() -> None:
    options = {"a": 0.2, "b": 0.5, "c": 0.3}
    assert draw(options, "7|root") == draw(options, "7|root")
    counts = Counter(draw(options, f"{i}|root") for i in range(6000))
    for choice, p in options.items():
        assert counts[choice] / 6000 == pytest.approx(p, abs=0.025)
    assert {draw({"x": 0.0, "y": 1.0}, str(i)) for i in range(200)} == {"y"}
    with pytest.raises(ValueError, match="no choices"):
        draw({}, "1")


def test_the_same_seed_replays_the_same_crisis() -> None:
    def play(seed: int) -> list[str]:
        game = CrisisGame(copy.deepcopy(SCENARIO), "US", rationality=MUCH, seed=seed)
        while not game.finished:
            if game.learners_turn:
                game.choose("Stand down")
            else:
                game.respond()
        return game.path

    assert play(11) == play(11)
    assert len({tuple(play(seed)) for seed in range(30)}) > 3  # different seeds, different crises


def test_misperception_draws_the_others_moves_at_the_model_s_rates() -> None:
    """The first move (the allies, played by the model) over many seeds: its frequencies are the
    logit probabilities the model states, not always the likeliest choice."""
    stated = solve(TREE, rationality=MUCH).probabilities["root"]
    counts = Counter(first_move(seed) for seed in range(3000))
    assert len(counts) == 3
    for choice, p in stated.items():
        assert counts[choice] / 3000 == pytest.approx(p, abs=0.03)


def test_without_misperception_the_others_always_play_the_equilibrium() -> None:
    assert {first_move(seed, None) for seed in range(50)} == {"Leave it open"}


def test_a_forecast_is_kept_and_checked() -> None:
    game = CrisisGame(SCENARIO, "Iran", seed=3)
    move = game.respond(forecast="Rule it out")
    assert move.forecast == "Rule it out" and move.choice == "Leave it open"
    with pytest.raises(ValueError, match="it is your move as Iran"):
        game.respond()
    game.choose("Deadly strike on US forces")
    with pytest.raises(ValueError, match="not a choice here"):
        game.respond(forecast="Invade")
    assert game.moves[1].learner and not game.moves[0].learner


def test_chance_is_drawn_too() -> None:
    committed = "Commit: Article 5 would apply"
    outcomes = set()
    for seed in range(40):
        game = CrisisGame(SCENARIO, "Iran", seed=seed, path=[committed])
        game.choose("No military response")
        assert game.mover == "chance"
        outcomes.add(game.respond().choice)
    assert outcomes == {"A proxy attack drags the allies in", "Calm holds"}


def test_decisions_ahead_counts_every_step_of_the_longest_path() -> None:
    game = CrisisGame(SCENARIO, "Iran")
    assert game.decisions_ahead() == 3
    game.respond()
    assert game.decisions_ahead() == 2


# --- Replay 100 crises -------------------------------------------------------------------------


def test_a_replay_counts_one_hundred_crises() -> None:
    result = replay(TREE, rationality=MUCH, seed=1)
    assert len(result.endings) == 100
    assert sum(count for _, _, count, _ in result.counts()) == 100
    assert sum(result.by_rung().values()) == 100
    assert set(result.by_rung()) == {7, 8, 9}  # every rung an outcome has, even if never reached


def test_a_replay_is_determined_by_its_seed() -> None:
    first = replay(TREE, rationality=MUCH, seed=5)
    assert first.counts() == replay(TREE, rationality=MUCH, seed=5).counts()
    others = {tuple(replay(TREE, rationality=MUCH, seed=s).endings) for s in range(6, 10)}
    assert first.endings not in others and len(others) > 1


def test_without_misperception_every_replay_ends_on_the_rational_path() -> None:
    equilibrium = solve(TREE)
    for seed in range(5):
        result = replay(TREE, rationality=None, seed=seed)
        assert {e.path for e in result.endings} == {equilibrium.path}
        assert result.by_rung() == {7: 100, 8: 0, 9: 0}


def test_much_misperception_sometimes_reaches_open_war() -> None:
    result = replay(TREE, rationality=MUCH, seed=1, plays=2000)
    war = result.by_rung()[9] / 2000
    expected = sum(p for (rung, _), p in result.probabilities.items() if rung == 9)
    assert 0.1 < expected < 0.4
    assert war == pytest.approx(expected, abs=0.03)


def test_outcome_probabilities_sum_to_one() -> None:
    for lam in (None, 0.0, 0.5, 2.0):
        probabilities = outcome_probabilities(TREE, solve(TREE, rationality=lam))
        assert sum(probabilities.values()) == pytest.approx(1)


@pytest.mark.parametrize("plays", [0, -3, 2.5, True, 10**6])
def test_a_bad_number_of_plays_is_refused_in_plain_words(plays: object) -> None:
    with pytest.raises(ValueError, match="number of plays must be a whole number"):
        replay(TREE, plays=plays)  # type: ignore[arg-type]
