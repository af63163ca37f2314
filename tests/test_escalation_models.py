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


def hyphens(*lines: str) -> tuple[str, ...]:
    """Formulas print a true minus sign; the tests spell it as a hyphen."""
    return tuple(line.replace("\N{MINUS SIGN}", "-") for line in lines)


def test_formulas_put_the_learners_numbers_into_the_models_rule() -> None:
    from widgets.escalation.models import deterrence_formula

    formula = deterrence_formula(3, -2, 0.5)
    assert "\N{MINUS SIGN}" in formula.general[1] and "\N{MINUS SIGN}" in formula.worked[1]
    assert "q* = w₀ / (w₀ - w₁)" in hyphens(formula.general[1])[0]
    assert hyphens(*formula.worked) == (
        "value of attacking = 0.50 · (-2) + 0.50 · 3 = 0.50",
        "q* = 3 / (3 - (-2)) = 0.60",
    )
    assert "no threshold" in deterrence_formula(-1, -3, 0.5).worked[1]
    assert "no threshold" in deterrence_formula(2, 1, 0.5).worked[1]


@pytest.mark.parametrize(("w0", "w1"), [(3, -2), (1, -9), (7.5, -0.5), (0.5, -0.5)])
def test_the_worked_threshold_is_the_models_threshold(w0: float, w1: float) -> None:
    from widgets.escalation.models import deterrence_formula

    q_star = extended_deterrence(w0, w1, 0.5).q_star
    assert q_star is not None
    assert deterrence_formula(w0, w1, 0.5).worked[1].endswith(f"= {q_star:.2f}")


def test_worked_formulas_agree_with_the_other_models() -> None:
    from widgets.escalation.models import (
        ambiguity_formula,
        brinkmanship_formula,
        dilemma_formula,
    )

    losses = dict(ambiguity_window(0.6, 10, 0.1, 1, 5).losses)
    worked = ambiguity_formula(0.6, 10, 0.1, 1, 5).worked
    assert [line.rsplit("= ", 1)[1] for line in worked] == [
        f"{losses[pi]:.2f}" for pi in (0.0, 0.6, 1.0)
    ]
    q_min, q_max = brinkmanship_formula(0.3, -4, 2, -8, 1, -2, -10).worked
    assert hyphens(q_min) == ("q_min = (2 - (-4)) / (2 - (-8)) = 0.60",)
    assert q_max.endswith(f"= {0.7 * 3 / (0.3 * 8):.2f}")
    assert "cannot exceed 1" in brinkmanship_formula(0.1, -4, 2, -8, 1, -2, -10).worked[1]
    assert dilemma_formula(6, 9).worked == ("s* = 6 / (6 + 9) = 0.40",)


def test_only_chances_that_an_ally_fights_can_stand_for_q() -> None:
    from widgets.escalation.models import fighting_chances
    from widgets.sources import resolve_sources

    chances = fighting_chances()
    assert sorted(e.percent for e in chances) == [25, 41, 74]
    assert all(0 < e.q < 1 and e.measures and e.citation for e in chances)
    assert not any("neutrality" in e.measures or "non-aggression" in e.measures for e in chances)
    assert all(resolve_sources(e.source_ids) for e in chances)


def test_reliability_rows_say_what_they_measure() -> None:
    from widgets.data import load

    table = load("reliability").set_index("estimate_id")
    fights = table["chance_ally_fights"]
    assert fights["berkemeier-fuhrmann-2018-defense-pacts"]
    assert not fights["berkemeier-fuhrmann-2018-neutrality-agreements"]
    assert not fights["berkemeier-fuhrmann-2018-nonaggression-pacts"]
    assert not fights["leeds-2003-violated"]  # a share violated is not a chance to fight
    assert table["measures"].str.len().min() > 20


def test_every_source_a_reliability_note_names_exists() -> None:
    import re

    from widgets.data import load

    known = set(load("sources")["source_id"])
    named = {
        match
        for note in load("reliability")["note"].dropna()
        for match in re.findall(r"\b[a-z][a-z0-9]*(?:-[a-z0-9]+)*-(?:19|20)\d\d\b", note)
    }
    assert "netwar-2007" in named
    assert named <= known, f"notes cite sources that do not exist: {named - known}"


def test_the_dilemma_presets_weigh_the_european_fears_issue_by_issue() -> None:
    from widgets.escalation.models import dilemma_presets

    europe = {
        name: alliance_dilemma(*v) for name, v in dilemma_presets().items() if "Europe" in name
    }
    own = next(r for n, r in europe.items() if "own defence" in n)
    crisis = next(r for n, r in europe.items() if "US-Iran crisis" in n)
    assert own.best_commitment > 0.55 > 0.45 > crisis.best_commitment
