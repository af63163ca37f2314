"""The small formal models against values computed by hand."""

from __future__ import annotations

from typing import Any

import pytest

from widgets.escalation.models import (
    GRID,
    BrinkmanshipWindow,
    alliance_dilemma,
    ambiguity_window,
    attack_value,
    brinkmanship_window,
    extended_deterrence,
)


def test_extended_deterrence_threshold() -> None:
    # q* = w0 / (w0 - w1) = 2 / 5
    assert extended_deterrence(2, -3, 0.4).q_star == pytest.approx(0.4)
    assert extended_deterrence(2, -3, 0.4).deterred
    assert not extended_deterrence(2, -3, 0.39).deterred


def test_the_value_of_attacking_is_the_belief_weighted_average() -> None:
    # q*w1 + (1-q)*w0 = 0.4 * -3 + 0.6 * 2 = 0: exactly at q* the attacker is indifferent
    assert attack_value(2, -3, 0.4) == pytest.approx(0)
    assert extended_deterrence(2, -3, 0.5).value == pytest.approx(-0.5)


def test_curves_share_one_grid_and_the_full_commitment_is_on_it() -> None:
    assert GRID[0] == 0 and GRID[-1] == 1 and len(GRID) == 101
    assert alliance_dilemma(1, 1).commitments == GRID
    window = ambiguity_window(0.6, 10, 0.1, 1, 5)
    assert window.full_loss == pytest.approx((0.1 + 1) * 1 * 5)


def test_extended_deterrence_regimes() -> None:
    assert extended_deterrence(-1, -3, 0).regime == "deterred by the status quo"
    assert extended_deterrence(-1, -3, 0).deterred
    undeterrable = extended_deterrence(2, 1, 1)
    assert undeterrable.regime == "undeterrable" and not undeterrable.deterred


@pytest.mark.parametrize(
    ("args", "words"),
    [
        ((2, -3, 1.2), "between 0 and 1"),
        ((2, 3, 0.5), "must be below w0"),
        ((2, "x", 0.5), "number"),
    ],
)
def test_extended_deterrence_refuses_impossible_values(args: tuple[Any, ...], words: str) -> None:
    with pytest.raises(ValueError, match=words):
        extended_deterrence(*args)


def test_ambiguity_window_commits_just_enough() -> None:
    # L(0) = 10; L(0.6) = (0.1 + 0.6) * 0.6 * 5 = 2.1; L(1) = 1.1 * 5 = 5.5
    window = ambiguity_window(
        0.6, attack_loss=10, provocation_base=0.1, moral_hazard=1, entrapment_cost=5
    )
    assert window.best_commitment == pytest.approx(0.6)
    assert window.best_loss == pytest.approx(2.1)


def test_ambiguity_window_prefers_no_commitment_when_attacks_are_cheap() -> None:
    window = ambiguity_window(
        0.6, attack_loss=1, provocation_base=0.1, moral_hazard=1, entrapment_cost=5
    )
    assert window.best_commitment == 0
    assert window.best_loss == pytest.approx(1)


def test_ambiguity_window_refuses_negative_costs() -> None:
    with pytest.raises(ValueError, match="cannot be negative"):
        ambiguity_window(0.5, attack_loss=-1, provocation_base=0, moral_hazard=0, entrapment_cost=0)


def brink(p: float) -> BrinkmanshipWindow:
    # them: withdraw -4, prevail 2, war -8; us: comply 1, acquiesce -2, war -10
    return brinkmanship_window(p, -4, 2, -8, 1, -2, -10)


def test_brinkmanship_window_bounds() -> None:
    window = brink(0.3)
    assert window.q_min == pytest.approx(0.6)  # (2 + 4) / (2 + 8)
    assert window.q_max == pytest.approx(0.7 * 3 / (0.3 * 8))
    assert window.exists


def test_brinkmanship_window_closes_when_the_opponent_is_likely_hard() -> None:
    # q_max = 0.375 (1 - p) / p >= 0.6  <=>  p <= 0.375 / 0.975 = 0.3846...
    assert brink(0.38).exists
    assert not brink(0.40).exists


def test_brinkmanship_refuses_inconsistent_preferences() -> None:
    with pytest.raises(ValueError, match="prevailing above withdrawing"):
        brinkmanship_window(0.3, 2, -4, -8, 1, -2, -10)


def test_alliance_dilemma_balances_abandonment_and_entrapment() -> None:
    from widgets.escalation.models import alliance_dilemma

    result = alliance_dilemma(6, 9)  # s* = 6 / 15
    assert result.best_commitment == pytest.approx(0.4)
    assert result.total[40] == pytest.approx(6 * 0.6**2 + 9 * 0.4**2)  # 3.6
    assert min(result.total) == pytest.approx(result.total[40])
    assert result.abandonment[0] == 6 and result.entrapment[100] == 9


@pytest.mark.parametrize(("a", "e", "words"), [(-1, 2, "cannot be negative"), (0, 0, "no dilemma")])
def test_alliance_dilemma_refuses_impossible_values(a: float, e: float, words: str) -> None:
    from widgets.escalation.models import alliance_dilemma

    with pytest.raises(ValueError, match=words):
        alliance_dilemma(a, e)
