"""The model explorers' logic, driven without a browser: sliders in, summary and chart out."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from widgets.escalation.models_view import (
    ambiguity_explorer,
    brinkmanship_explorer,
    deterrence_explorer,
    deterrence_figure,
    reliability_priors,
)


@pytest.fixture(autouse=True)
def _quiet(capsys: pytest.CaptureFixture[str]) -> Iterator[None]:
    """Outside a kernel plotly prints figures; keep test output readable."""
    yield
    capsys.readouterr()


def test_deterrence_summary_follows_the_q_slider() -> None:
    explorer = deterrence_explorer(w0=3, w1=-2, q=0.5)  # q* = 3 / 5 = 0.6
    assert "q* = 0.60" in explorer.summary and "NOT deterred" in explorer.summary
    explorer.controls["q"].value = 0.6
    assert "NOT" not in explorer.summary and "deterred" in explorer.summary


def test_a_published_estimate_sets_q() -> None:
    explorer = deterrence_explorer()
    prior = explorer.box.children[3]
    llm = next(value for label, value in prior.options if "leeds-long-mitchell-2000)" in label)
    prior.value = llm
    assert explorer.controls["q"].value == pytest.approx(0.745)
    assert "q = 0.74" in explorer.summary or "q = 0.75" in explorer.summary


def test_only_verified_estimates_are_offered() -> None:
    priors = reliability_priors()
    assert len(priors) >= 5
    assert not priors["estimate_id"].str.startswith("sabrosky").any()


def test_impossible_sliders_give_plain_words_and_clear_the_chart() -> None:
    explorer = deterrence_explorer(w0=1, w1=-2, q=0.5)
    explorer.controls["w1"].value = 4
    assert explorer.summary.startswith("Impossible combination: w1")
    assert not explorer.chart.shown
    assert "<b>" in explorer.text.value


def test_deterrence_figure_marks_the_threshold_and_the_belief() -> None:
    figure = deterrence_figure(3, -2, 0.25)
    assert figure.layout.shapes[-1].x0 == pytest.approx(0.6)
    marker = figure.data[-1]
    assert marker.x == (0.25,) and marker.y[0] == pytest.approx(0.25 * -2 + 0.75 * 3)


def test_ambiguity_explorer_finds_just_enough_commitment() -> None:
    explorer = ambiguity_explorer()
    assert "exactly q* = 0.60" in explorer.summary
    explorer.controls["attack_loss"].value = 0.5
    assert "no commitment at all" in explorer.summary


def test_brinkmanship_window_opens_and_closes_with_p() -> None:
    explorer = brinkmanship_explorer()
    explorer.controls["p_hard"].value = 0.38
    assert "window is open" in explorer.summary
    explorer.controls["p_hard"].value = 0.40
    assert "window is closed" in explorer.summary
    explorer.controls["them_prevail"].value = -6  # prevailing now worse than withdrawing
    assert explorer.summary.startswith("Impossible combination")


def test_dilemma_presets_move_the_sliders_and_the_verdict() -> None:
    from widgets.escalation.models_view import DILEMMA_PRESETS, dilemma_explorer

    explorer = dilemma_explorer()
    preset = explorer.box.children[2]
    iraq = next(name for name in DILEMMA_PRESETS if name.startswith("Iraq"))
    preset.value = iraq
    assert explorer.controls["dependence"].value == DILEMMA_PRESETS[iraq][0]
    assert "entrapment is the bigger fear" in explorer.summary
    explorer.controls["dependence"].value = 0
    explorer.controls["ally_risk_taking"].value = 0
    assert explorer.summary.startswith("Impossible combination")
