"""The model explorers' logic, driven without a browser: sliders in, summary and chart out; each
explorer behind a prediction, each formula behind a first slider move."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from widgets.classroom.progress import ProgressStore
from widgets.classroom.readings import reading_text
from widgets.data import curator_fields, load
from widgets.escalation.models_view import (
    ambiguity_explorer,
    brinkmanship_explorer,
    deterrence_explorer,
    deterrence_figure,
    dilemma_explorer,
    dilemma_presets,
    reliability_priors,
    reliability_table,
)
from widgets.lessons import ambiguity


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


def test_the_explorer_and_its_verdict_wait_for_a_prediction(
    tmp_path: Path, widget_text: Callable[[Any], str]
) -> None:
    section = ambiguity.deterrence_section(ProgressStore(tmp_path))
    assert section.explorer is None and section.values() == {}
    assert "q* =" not in widget_text(section.box) and "deterred" not in widget_text(section.box)
    section.question.choices.value = 0  # a wrong prediction opens the explorer too
    section.question._on_click()
    assert ProgressStore(tmp_path).answer("05", "predict-threshold") == 0  # saved first
    assert section.explorer is not None
    assert "q* = 0.60" in widget_text(section.box) and section.values()["w0"] == 3


def test_an_earlier_prediction_leaves_the_explorer_one_press_away(tmp_path: Path) -> None:
    ProgressStore(tmp_path).save("05", "predict-window", 1)
    section = ambiguity.brinkmanship_section(ProgressStore(tmp_path))
    assert section.explorer is None and not section.reveal.button.disabled
    section.reveal._on_click()
    assert section.explorer is not None and "window" in section.explorer.summary


def test_the_formula_opens_after_the_first_slider_move_and_follows_the_sliders(
    widget_text: Callable[[Any], str],
) -> None:
    explorer = deterrence_explorer(w0=3, w1=-2, q=0.5)
    explorer.formula_reveal._on_click()  # pressed too early: nothing
    assert "w₀ / (w₀" not in widget_text(explorer.box) and explorer.formula_reveal.button.disabled
    explorer.controls["w0"].value = 4  # q* = 4 / 6
    assert not explorer.formula_reveal.button.disabled and not explorer.formula_reveal.revealed
    explorer.formula_reveal._on_click()
    shown = explorer.formula_text.value.replace("\N{MINUS SIGN}", "-")
    assert "q* = w₀ / (w₀ - w₁)" in shown and "q* = 4 / (4 - (-2)) = 0.67" in shown
    explorer.controls["w1"].value = -4
    assert "q* = 4 / (4 - (-4)) = 0.50" in explorer.formula_text.value.replace(
        "\N{MINUS SIGN}", "-"
    )


def test_a_published_figure_sets_q_and_names_its_source() -> None:
    explorer = deterrence_explorer()
    prior = explorer.box.children[3]
    defence = next(value for label, value in prior.options if "defence pacts" in label)
    prior.value = defence
    assert explorer.controls["q"].value == pytest.approx(0.41)
    assert "q = 0.41" in explorer.summary and "NOT deterred" in explorer.summary
    assert "Directory of Open Access Journals" in explorer.box.children[4].value


def test_the_picker_offers_only_chances_that_an_ally_fights_in_words() -> None:
    options = deterrence_explorer().box.children[3].options
    labels = [label for label, value in options if value is not None]
    assert len(labels) == 3
    assert not any("neutrality" in x or "non-aggression" in x for x in labels)
    assert sum("Berkemeier & Fuhrmann (2018)" in x for x in labels) == 2
    assert max(len(x) for x in labels) <= 90, "an option must fit its box"
    explorer = deterrence_explorer()
    picker, cited = explorer.box.children[3], explorer.box.children[4]
    picker.value = next(v for label, v in picker.options if "defence pacts" in label)
    assert "1816-2003" in cited.value  # the period and the whole description, once picked
    picker.value = next(v for label, v in picker.options if "Earlier studies" in label)
    assert "period not stated" in cited.value
    ids = set(load("reliability")["estimate_id"]) | set(load("sources")["source_id"])
    assert not any(i in label for i in ids for label in labels), "a raw id in the picker"


def test_the_reliability_table_shows_learner_words_only() -> None:
    table = reliability_priors()
    assert not table.isna().any().any()
    assert table.columns[0] == "Study" and "estimate_id" not in table.columns
    assert "not stated" in set(table["Period"])
    shown = reliability_table()._repr_html_()
    notes = load("reliability")[list(curator_fields("reliability"))].astype(str)
    assert "UNVERIFIED" not in shown and "Sabrosky" not in shown  # unverified rows stay out
    assert not any(note[:48] in shown for note in notes["note"] if note != "nan")
    assert "<th>Study</th>" in shown and "Berkemeier" in shown
    assert "Cambridge University Press" in shown  # sources by publisher and title
    assert "Berkemeier & Fuhrmann (2018)" in repr(reliability_table())  # text for nbval


def test_impossible_sliders_give_plain_words_and_clear_the_chart() -> None:
    explorer = deterrence_explorer(w0=1, w1=-2, q=0.5)
    explorer.controls["w1"].value = 4
    assert explorer.summary.startswith("Impossible combination: w1")
    assert not explorer.chart.shown
    assert "<b>" in explorer.text.value
    explorer.formula_reveal._on_click()
    assert "No numbers to put in" in explorer.formula_text.value


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


def test_secondary_sliders_start_folded_away() -> None:
    import ipywidgets as w

    for make, shown in [(ambiguity_explorer, 2), (brinkmanship_explorer, 1)]:
        explorer = make()
        top = [c for c in explorer.box.children if isinstance(c, w.FloatSlider)]
        folded = [c for c in explorer.box.children if isinstance(c, w.Accordion)]
        assert len(top) == shown and len(folded) == 1 and folded[0].selected_index is None


def test_brinkmanship_window_opens_and_closes_with_p() -> None:
    explorer = brinkmanship_explorer()
    explorer.controls["p_hard"].value = 0.38
    assert "window is open" in explorer.summary
    explorer.controls["p_hard"].value = 0.40
    assert "window is closed" in explorer.summary
    explorer.controls["them_prevail"].value = -6  # prevailing now worse than withdrawing
    assert explorer.summary.startswith("Impossible combination")


def test_dilemma_presets_move_the_sliders_and_the_verdict() -> None:
    explorer = dilemma_explorer()
    preset = explorer.box.children[2]
    iraq = next(name for name in dilemma_presets() if name.startswith("Iraq"))
    preset.value = iraq
    assert explorer.controls["dependence"].value == dilemma_presets()[iraq][0]
    assert "entrapment is the bigger fear" in explorer.summary
    explorer.controls["dependence"].value = 0
    explorer.controls["ally_risk_taking"].value = 0
    assert explorer.summary.startswith("Impossible combination")


def test_the_european_presets_say_what_the_lesson_argues() -> None:
    """The lesson's reading: for their own defence the European allies fear abandonment; in the
    US-Iran crisis, entrapment. The presets must give those verdicts, not the opposite."""
    explorer = dilemma_explorer()
    preset = explorer.box.children[2]
    for words, fear in [("own defence", "abandonment"), ("US-Iran crisis", "entrapment")]:
        preset.value = next(n for n in dilemma_presets() if n.startswith("European") and words in n)
        assert f"{fear} is the bigger fear" in explorer.summary
    reading = reading_text(ambiguity.READING)
    assert "abandonment for their own defence and entrapment" in reading


def test_the_courses_reading_waits_for_the_learners_judgement(
    tmp_path: Path, widget_text: Callable[[Any], str]
) -> None:
    box = ambiguity.judgement(ProgressStore(tmp_path))
    question, reveal = box.children
    assert "lenses, not verdicts" not in widget_text(box)
    reveal.children[0].click()  # disabled: nothing
    assert "lenses, not verdicts" not in widget_text(box)
    question.children[1].value = 3
    question.children[2].click()
    reveal.children[0].click()
    assert "lenses, not verdicts" in widget_text(box)
