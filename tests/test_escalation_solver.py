"""The game solver against textbook results, and its errors on malformed trees."""

from __future__ import annotations

import copy
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from widgets.escalation import load_game, parse_tree, solve


def leaf(outcome: str, **payoffs: float) -> dict[str, Any]:
    return {"outcome": outcome, "payoffs": payoffs}


def deterrence(c: dict[str, float], d: dict[str, float]) -> dict[str, Any]:
    """The classic sequential deterrence game: Challenger C, Defender D (perfect information).

    C: Not challenge -> SQ | Challenge -> D: Concede -> DC
                            | Resist -> C: Back down -> CB | Press -> War
    """

    def end(name: str) -> dict[str, Any]:
        return leaf(name, C=c[name], D=d[name])

    return {
        "player": "C",
        "label": "Challenge the status quo?",
        "choices": {
            "Not challenge": end("SQ"),
            "Challenge": {
                "player": "D",
                "choices": {
                    "Concede": end("DC"),
                    "Resist": {
                        "player": "C",
                        "choices": {"Back down": end("CB"), "Press": end("War")},
                    },
                },
            },
        },
    }


def test_deterrence_holds_when_the_challenger_would_back_down() -> None:
    # C: DC > SQ > CB > War; D: SQ > CB > DC > War
    game = deterrence(
        {"DC": 2, "SQ": 1, "CB": 0, "War": -1}, {"SQ": 2, "CB": 1, "DC": 0, "War": -1}
    )
    solution = solve(game)
    assert solution.path == ("Not challenge",)
    assert solution.outcome == "SQ"
    assert solution.payoffs == {"C": 1, "D": 2}
    assert solution.strategy["root > Challenge"] == "Resist"  # the threat is credible off the path
    assert solution.ties == ()


def test_deterrence_fails_peacefully_when_the_defender_prefers_to_concede() -> None:
    # C prefers War to backing down; D prefers conceding to war
    game = deterrence(
        {"DC": 2, "SQ": 1, "War": 0, "CB": -1}, {"SQ": 2, "CB": 1, "DC": 0, "War": -1}
    )
    solution = solve(game)
    assert solution.path == ("Challenge", "Concede")
    assert solution.outcome == "DC"


def test_war_when_both_prefer_fighting_to_giving_in() -> None:
    game = deterrence({"DC": 3, "War": 2, "SQ": 1, "CB": 0}, {"SQ": 3, "CB": 2, "War": 1, "DC": 0})
    solution = solve(game)
    assert solution.path == ("Challenge", "Resist", "Press")
    assert solution.outcome == "War"
    assert solution.payoffs == {"C": 2, "D": 1}


def centipede(stages: int) -> dict[str, Any]:
    """Rosenthal's centipede: taking now beats passing if the other takes next."""
    node: dict[str, Any] = leaf("End", A=stages + 1, B=stages)
    for stage in reversed(range(stages)):
        mover = "A" if stage % 2 == 0 else "B"
        take = (stage + 2, stage) if mover == "A" else (stage, stage + 2)
        node = {
            "player": mover,
            "choices": {"Take": leaf(f"Take at {stage + 1}", A=take[0], B=take[1]), "Pass": node},
        }
    return node


@pytest.mark.parametrize("stages", [2, 4, 6])
def test_centipede_unravels_to_taking_at_once(stages: int) -> None:
    solution = solve(centipede(stages))
    assert solution.path == ("Take",)
    assert solution.outcome == "Take at 1"
    assert all(choice == "Take" for choice in solution.strategy.values())


def uncertain_defender(p_hard: float) -> dict[str, Any]:
    """Zagare and Kilgour's rudimentary asymmetric deterrence game, with nature picking B's type.

    A: Status quo (SQ) | Demand -> nature: Hard (p) -> B denies (DD) | Soft -> B concedes (DC).
    A demands iff p < p* = (a_DC - a_SQ) / (a_DC - a_DD).
    """
    a = {"SQ": 0, "DC": 2, "DD": -3}
    b_hard = {"Deny": leaf("DD", A=a["DD"], B=1), "Concede": leaf("DC", A=a["DC"], B=0)}
    b_soft = {"Deny": leaf("DD", A=a["DD"], B=-2), "Concede": leaf("DC", A=a["DC"], B=0)}
    return {
        "player": "A",
        "choices": {
            "Status quo": leaf("SQ", A=a["SQ"], B=3),
            "Demand": {
                "chance": [
                    {"p": p_hard, "label": "Hard", "node": {"player": "B", "choices": b_hard}},
                    {"p": 1 - p_hard, "label": "Soft", "node": {"player": "B", "choices": b_soft}},
                ]
            },
        },
    }


@pytest.mark.parametrize("p_hard", [0.1, 0.3, 0.39, 0.41, 0.7])
def test_uncertain_defender_threshold(p_hard: float) -> None:
    p_star = (2 - 0) / (2 - (-3))  # 0.4
    solution = solve(uncertain_defender(p_hard))
    expected = ("Demand",) if p_hard < p_star else ("Status quo",)
    assert solution.path == expected
    assert solution.outcome == (None if p_hard < p_star else "SQ")
    demand_value = p_hard * -3 + (1 - p_hard) * 2
    assert solution.payoffs["A"] == pytest.approx(max(demand_value, 0))
    assert solution.strategy["root > Demand > Hard"] == "Deny"
    assert solution.strategy["root > Demand > Soft"] == "Concede"


def test_indifference_is_flagged_not_hidden() -> None:
    game = {"player": "A", "choices": {"Left": leaf("L", A=1, B=0), "Right": leaf("R", A=1, B=5)}}
    solution = solve(game)
    assert len(solution.ties) == 1
    tie = solution.ties[0]
    assert (tie.path, tie.player, tie.choices, tie.on_path) == (
        "root",
        "A",
        ("Left", "Right"),
        True,
    )


def test_off_path_ties_are_reported_as_off_path() -> None:
    game = deterrence({"DC": 2, "SQ": 1, "CB": 0, "War": 0}, {"SQ": 2, "CB": 1, "DC": 0, "War": -1})
    solution = solve(game)
    assert [(t.path, t.on_path) for t in solution.ties] == [("root > Challenge > Resist", False)]


def test_logit_noise_tends_to_the_subgame_perfect_answer() -> None:
    game = deterrence(
        {"DC": 2, "SQ": 1, "CB": 0, "War": -1}, {"SQ": 2, "CB": 1, "DC": 0, "War": -1}
    )
    coin = solve(game, rationality=0)
    assert all(
        math.isclose(p, 0.5) for probs in coin.probabilities.values() for p in probs.values()
    )
    sharp = solve(game, rationality=50)
    assert sharp.probabilities["root"]["Not challenge"] > 0.999
    assert sharp.path == solve(game).path
    assert sharp.payoffs["C"] == pytest.approx(1, abs=1e-3)
    for probs in solve(game, rationality=1.5).probabilities.values():
        assert sum(probs.values()) == pytest.approx(1)


def test_logit_noise_makes_war_possible_in_a_deterred_crisis() -> None:
    game = deterrence(
        {"DC": 2, "SQ": 1, "CB": 0, "War": -1}, {"SQ": 2, "CB": 1, "DC": 0, "War": -1}
    )
    noisy = solve(game, rationality=1)
    p_war = (
        noisy.probabilities["root"]["Challenge"]
        * noisy.probabilities["root > Challenge"]["Resist"]
        * noisy.probabilities["root > Challenge > Resist"]["Press"]
    )
    assert 0.01 < p_war < 0.5


@pytest.mark.parametrize("rationality", [0, 1, 1e3, 1e12])
def test_logit_noise_stays_finite_with_huge_payoffs(rationality: float) -> None:
    # rationality * payoff is far beyond what exp() can take (it overflows above ~709): the solver
    # subtracts the best payoff first, so only differences (never above 0) are exponentiated; a
    # difference too wide for a float (1e308 - -1e308) must not turn into nan when rationality is 0.
    game = {
        "player": "A",
        "choices": {
            "Win": leaf("W", A=1e6, B=-1e6),
            "Lose": leaf("L", A=-1e6, B=1e6),
            "Draw": {
                "player": "B",
                "choices": {
                    "Give": leaf("G", A=1e308, B=-1e308),
                    "Take": leaf("T", A=-1e308, B=1e308),
                },
            },
        },
    }
    solution = solve(game, rationality=rationality)
    for probs in solution.probabilities.values():
        assert all(math.isfinite(p) and 0 <= p <= 1 for p in probs.values())
        assert sum(probs.values()) == pytest.approx(1)
    assert all(math.isfinite(v) for v in solution.payoffs.values())
    if rationality == 0:
        assert solution.probabilities["root"] == pytest.approx(
            {c: 1 / 3 for c in ("Win", "Lose", "Draw")}
        )
    else:
        assert solution.path == ("Win",) and solution.probabilities["root"]["Win"] == 1


VALID = deterrence({"DC": 2, "SQ": 1, "CB": 0, "War": -1}, {"SQ": 2, "CB": 1, "DC": 0, "War": -1})


def broken(edit: Callable[[dict[str, Any]], object]) -> dict[str, Any]:
    tree = copy.deepcopy(VALID)
    edit(tree)
    return tree


MALFORMED = {
    "no choices": (
        lambda t: t["choices"]["Challenge"].update(choices={}),
        "root > Challenge: decision of 'D' has no choices",
    ),
    "payoff not a number": (
        lambda t: t["choices"]["Challenge"]["choices"]["Concede"]["payoffs"].update(D="a lot"),
        "root > Challenge > Concede: payoff of 'D' is 'a lot', not a number",
    ),
    "player missing from a payoff": (
        lambda t: t["choices"]["Not challenge"]["payoffs"].pop("D"),
        "root > Not challenge: terminal 'SQ' has no payoff for D",
    ),
    "probabilities do not sum to 1": (
        lambda t: t["choices"].update(
            {
                "Not challenge": {
                    "chance": [
                        {"p": 0.5, "label": "x", "node": leaf("SQ", C=1, D=2)},
                        {"p": 0.2, "label": "y", "node": leaf("SQ", C=1, D=2)},
                    ]
                }
            }
        ),
        "root > Not challenge: chance probabilities sum to 0.7, not 1",
    ),
    "unknown node": (
        lambda t: t["choices"]["Challenge"]["choices"].update(Resist={"who": "D"}),
        "root > Challenge > Resist: unknown node",
    ),
    "not an object": (
        lambda t: t["choices"].update({"Not challenge": 3}),
        "root > Not challenge: a node must be a JSON object, not int",
    ),
    "infinite payoff": (
        lambda t: t["choices"]["Not challenge"]["payoffs"].update(C=float("inf")),
        "root > Not challenge: payoff of 'C' is inf, not a number",
    ),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_malformed_trees_name_the_node(case: str) -> None:
    edit, message = MALFORMED[case]
    with pytest.raises(ValueError) as caught:
        parse_tree(broken(edit))
    assert str(caught.value).startswith(message)


@pytest.mark.parametrize("bad", [-1, float("nan"), float("inf")])
def test_impossible_rationality_is_refused(bad: float) -> None:
    with pytest.raises(ValueError, match="rationality must be a number of 0 or more"):
        solve(VALID, rationality=bad)


def test_every_game_in_data_loads_and_solves() -> None:
    from widgets import data

    assert data.games(), "data/games/ holds at least one scenario"
    for name in data.games():
        solution = solve(load_game(name))
        assert solution.path, name


def test_load_game_names_file_and_node(tmp_path: Path) -> None:
    import json

    from widgets import data

    (tmp_path / "games").mkdir()
    (tmp_path / "games" / "broken.json").write_text('{"player": "A",\n "choices": }')
    with pytest.raises(data.DataError, match=r"games/broken\.json, row 2: .*valid JSON"):
        load_game("broken", tmp_path)
    tree = broken(lambda t: t["choices"]["Not challenge"]["payoffs"].pop("D"))
    (tmp_path / "games" / "unpaid.json").write_text(json.dumps(tree))
    with pytest.raises(data.DataError, match=r"unpaid\.json: root > Not challenge: terminal"):
        load_game("unpaid", tmp_path)
    with pytest.raises(data.DataError, match="no such game; known games: broken, unpaid"):
        load_game("missing", tmp_path)


def test_a_game_citing_an_unknown_event_names_file_and_step(tmp_path: Path) -> None:
    """A history step that cites an event missing from ``events`` is a DataError, not KeyError."""
    import json
    import shutil

    from widgets import data

    # The course's own tables (not the loader tests' fixtures, which need not keep up with every
    # schema change): the game is the only thing wrong here.
    shutil.copy(data.DATA_DIR / data.DESCRIPTOR, tmp_path)
    for csv in data.DATA_DIR.glob("*.csv"):
        shutil.copy(csv, tmp_path)
    shutil.copytree(data.DATA_DIR / data.CASES, tmp_path / data.CASES)
    (tmp_path / "games").mkdir()
    game = {
        **VALID,
        "history": [
            {"who": "C", "choice": "Not challenge", "event_ids": ["2020-01-03-soleimani-strike"]},
            {"who": "D", "choice": "Resist", "event_ids": ["2020-01-09-no-such-event"]},
        ],
    }
    (tmp_path / "games" / "cited.json").write_text(json.dumps(game))
    try:
        with pytest.raises(data.DataError) as caught:
            load_game("cited", tmp_path)
    finally:
        data.clear_cache()
    assert caught.value.path.endswith("games/cited.json")
    assert caught.value.rule == "known event"
    assert str(caught.value).startswith(
        f"{caught.value.path}: history > step 2 > event_ids: '2020-01-09-no-such-event' "
        "is not an event_id in events.csv"
    )


def test_a_slider_pointing_nowhere_is_a_data_error(tmp_path: Path) -> None:
    import json

    from widgets import data

    (tmp_path / "games").mkdir()
    slider = {"name": "s", "label": "S", "min": 0, "max": 1, "value": 0.5}
    game = {
        **VALID,
        "sliders": [{**slider, "targets": [{"path": "root > Nowhere", "player": "C"}]}],
    }
    (tmp_path / "games" / "sliding.json").write_text(json.dumps(game))
    with pytest.raises(data.DataError, match=r"sliding\.json: slider 1 \(s\): no node 'Nowhere'"):
        load_game("sliding", tmp_path)
