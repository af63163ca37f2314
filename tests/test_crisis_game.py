"""The crisis game: every path plays through, sliders change the forecast, history is sourced."""

from __future__ import annotations

import copy
from collections.abc import Callable
from itertools import product
from typing import Any

import pytest

from widgets import data
from widgets.classroom.question_bank import ask_choice
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


def page_text(widget: object) -> str:
    """Everything the widget tree holds in its state (HTML, labels, chart figures), as a page or
    a saved notebook would hold it."""
    import json

    import ipywidgets as w

    out: list[str] = []
    stack = [widget]
    while stack:
        item = stack.pop()
        if isinstance(item, w.Widget):
            state = item.get_state()
            out.append(json.dumps({k: v for k, v in state.items() if k != "_esm"}, default=str))
            stack.extend(getattr(item, "children", ()))
    return "\n".join(out)


def play_to_the_end(view: Any, pick: int = 0) -> int:
    """Click a choice at every step until the crisis ends; return the number of clicks."""
    clicks = 0
    while view.choices.children:
        buttons = view.choices.children
        buttons[pick % len(buttons)].click()
        clicks += 1
    return clicks


@pytest.fixture
def store(tmp_path: Any) -> Any:
    from widgets.classroom.progress import ProgressStore

    return ProgressStore(tmp_path / "progress")


def test_a_play_steps_through_every_decision(store: Any, capsys: Any) -> None:
    from widgets.escalation.crisis_view import CrisisGameView

    view = CrisisGameView(role="Iran", store=store)
    assert "Step 1 of up to 3" in view.step.value and "Allies to move" in view.step.value
    assert [b.description for b in view.choices.children] == list(SCENARIO["choices"])
    view.choices.children[1].click()  # forecast: the allies leave it open
    assert "Step 2" in view.step.value and "Your decision (Iran)" in view.step.value
    assert "you expected Leave it open" in view.story.value
    view.choices.children[1].click()  # Iran: a calibrated strike
    assert "Step 3 of 3" in view.step.value and "US to move" in view.step.value
    view.choices.children[1].click()  # forecast: the US strikes Iran
    assert "Outcome:" in view.step.value and "forecasts of the others: 1 of 2" in view.step.value
    assert "rung 7 of 9" in view.ladder.value
    assert play_to_the_end(view) == 0
    capsys.readouterr()


def test_the_rational_path_is_hidden_until_the_play_is_saved(store: Any, capsys: Any) -> None:
    from widgets.escalation.crisis_view import LESSON, PLAY_ID, CrisisGameView

    view = CrisisGameView(role="Allies", store=store)
    before = page_text(view.box)
    assert "rational path" not in view.rational.value
    assert "What really happened" not in before and "Rational path" not in before
    assert "The rational path" not in before
    assert view.reveal.button.disabled and view.replay_button.disabled
    view.reveal.button.click()
    view.replay_button.click()
    assert not view.reveal.revealed and view.replay_result is None
    assert play_to_the_end(view, pick=2) == 3  # rule it out; forecast Iran; forecast the US
    saved = store.answer(LESSON, PLAY_ID)
    assert saved["role"] == "Allies" and saved["path"][0] == "Rule it out"
    assert len(saved["forecasts"]) == 2
    assert "The rational path" not in page_text(view.box)  # unlocked, not yet shown
    view.reveal.button.click()
    after = page_text(view.box)
    assert "The rational path" in after and "What really happened" in after
    assert "left the rational path at step 1" in view.rational.value
    assert "Rational path" in after  # now drawn on the tree too
    view.restart.click()
    assert "Finish this play" in view.rational.value
    view.choices.children[1].click()  # this time: leave it open, as the rational path does
    play_to_the_end(view, pick=1)
    assert "followed the rational path all the way" in view.rational.value
    names = [trace.get("name") for trace in view.chart.figure["data"]]
    assert "Rational path" in names and "Your path" in names
    capsys.readouterr()


def test_an_earlier_saved_play_unlocks_at_once(store: Any, capsys: Any) -> None:
    from widgets.escalation.crisis_view import LESSON, PLAY_ID, CrisisGameView

    store.save(LESSON, PLAY_ID, {"role": "Iran", "path": []})
    view = CrisisGameView(store=store)
    assert view.reveal.unlocked and not view.reveal.revealed
    assert not view.replay_button.disabled
    capsys.readouterr()


def test_seed_is_shown_and_replays(store: Any, capsys: Any) -> None:
    from widgets.escalation.crisis_view import MUCH, CrisisGameView

    view = CrisisGameView(role="US", store=store)
    view.noise.value = MUCH
    assert "Seed <b>1</b>" in view.seed_note.value

    def play() -> list[str]:
        play_to_the_end(view)
        return list(view.game.path)

    first = play()
    view.restart.click()
    assert play() == first
    paths = set()
    for _ in range(12):
        view.new_seed.click()
        paths.add(tuple(play()))
    assert view.seed.value == 13 and "Seed <b>13</b>" in view.seed_note.value
    assert len(paths) > 1
    capsys.readouterr()


def test_replay_draws_a_histogram_with_a_table(store: Any, capsys: Any) -> None:
    from widgets.escalation.crisis_view import MUCH, NONE, CrisisGameView

    view = CrisisGameView(role="US", store=store)
    assert not view.histogram.shown
    play_to_the_end(view)
    view.noise.value = MUCH
    view.replay_button.click()
    bars = view.histogram.figure["data"][0]
    assert bars["type"] == "bar" and sum(bars["y"]) == 100
    assert "Open war" in " ".join(bars["x"])
    assert "Crises (of 100)" in view.replay_text.value
    assert "Model's chance" in view.replay_text.value
    assert "the rational path ends here" not in str(view.histogram.figure)
    revision = view.histogram.revision
    view.noise.value = NONE  # new settings: the replay follows
    assert view.histogram.revision > revision
    assert view.histogram.figure["data"][0]["y"] == [100, 0, 0]
    view.reveal.button.click()
    assert "the rational path ends here" in str(view.histogram.figure)
    capsys.readouterr()


def test_game_explorer_keeps_its_verdict_until_the_self_check(store: Any, capsys: Any) -> None:
    from widgets.classroom.question_view import QuestionWidget
    from widgets.escalation.game_view import GameExplorer

    question = QuestionWidget(ask_choice("deterrence-default"), store)
    explorer = GameExplorer("classic_deterrence", after=question)
    before = page_text(explorer.box)
    assert "Status quo" in before  # an end of the tree, drawn with its payoffs
    assert "equilibrium" not in before and "Rational path" not in before
    assert "rational path" not in explorer.tree_text.value
    explorer.sliders[next(iter(explorer.sliders))].value += 1
    assert "Outcome:" not in page_text(explorer.box) and "Rational path" not in page_text(
        explorer.box
    )
    question.choices.value = 0
    question.button.click()
    explorer.reveal.button.click()  # type: ignore[union-attr]
    assert "Outcome: Status quo" in explorer.text.value
    assert "Who decides" in explorer.table.value and "root" not in explorer.table.value
    assert "Rational path" in str(explorer.chart.figure)
    assert "(rational path)" in explorer.tree_text.value
    capsys.readouterr()


def test_ladder_rungs_table_is_for_learners() -> None:
    from widgets._notebook import frame_html
    from widgets.timeline.ladder_view import rungs_table

    html = frame_html(rungs_table())
    assert "NaN" not in html and "<th></th>" not in html
    assert "kahn_rungs" not in html and "threshold_after" not in html
    assert "<th>Kahn's rungs (1965)</th>" in html and "<td>1, 2</td>" in html
    assert rungs_table()["Rung"].tolist() == list(range(1, 10))


def test_every_slider_combination_at_the_ends_solves() -> None:
    specs = sliders_of(SCENARIO)
    for corner in product(*[(s.low, s.high) for s in specs]):
        solve(apply_sliders(SCENARIO, dict(zip([s.name for s in specs], corner, strict=True))))


def test_a_damaged_progress_file_is_said_in_plain_words(tmp_path: Any, capsys: Any) -> None:
    from widgets.classroom.progress import ProgressStore
    from widgets.escalation.crisis_view import CrisisGameView

    home = tmp_path / "progress"
    home.mkdir()
    (home / "progress.json").write_text("{not json", encoding="utf-8")
    view = CrisisGameView(store=ProgressStore(home))
    assert "could not be read" in view.notice.value
    assert view.reveal.button.disabled  # nothing saved: still locked
    play_to_the_end(view)
    assert "Your play is saved" in view.step.value and view.reveal.unlocked
    capsys.readouterr()
