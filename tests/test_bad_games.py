"""Game files that once broke a lesson (issue 16, item 6): each is refused by ``load_game`` with
the file and the place in it, in plain words."""

from __future__ import annotations

import copy
import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from widgets import data
from widgets.escalation import load_game

REAL = json.loads((data.DATA_DIR / "games" / "january_2020.json").read_text(encoding="utf-8"))


@pytest.fixture()
def write_game(tmp_path: Path) -> Iterator[Callable[[Any], Path]]:
    """A copy of the real data package with one more game, ``broken.json``."""
    root = tmp_path / "data"
    root.mkdir()
    shutil.copy(data.DATA_DIR / data.DESCRIPTOR, root)
    for csv in data.DATA_DIR.glob("*.csv"):
        shutil.copy(csv, root)
    shutil.copytree(data.DATA_DIR / data.CASES, root / data.CASES)  # the history cites its events
    (root / "games").mkdir()

    def write(game: Any) -> Path:
        text = game if isinstance(game, str) else json.dumps(game)
        (root / "games" / "broken.json").write_text(text, encoding="utf-8")
        return root

    yield write
    data.clear_cache()


def _renamed(game: Any, old: str, new: str) -> Any:
    return json.loads(json.dumps(game).replace(f'"{old}"', f'"{new}"'))


def _changed(change: Callable[[dict[str, Any]], Any]) -> dict[str, Any]:
    game: dict[str, Any] = copy.deepcopy(REAL)
    change(game)
    return game


def _deep(levels: int) -> str:
    """A tree ``levels`` decisions deep, as JSON text (json.dumps itself cannot nest 3000 deep)."""
    stop = '"Stop": {"outcome": "S", "payoffs": {"A": 1, "B": 1}}'
    head = '{"player": "A", "choices": {' + stop + ', "On": '
    end = '{"outcome": "End", "payoffs": {"A": 0, "B": 0}}'
    return head * levels + end + "}}" * levels


def _slider(**change: Any) -> Callable[[dict[str, Any]], Any]:
    return lambda game: game["sliders"][0].update(change)


BROKEN: dict[str, tuple[Any, str]] = {
    "rung 42": (_changed(lambda g: g.update(rung=42)), "root > rung: 42 is not a rung"),
    "rung as text": (
        _changed(lambda g: next(iter(g["choices"].values())).update(rung="high")),
        "'high' is not a rung of the course ladder",
    ),
    "history names a renamed player": (
        _renamed(REAL, "Iran", "Tehran") | {"history": REAL["history"]},
        "history > step 2 > who: 'Iran' is not a player",
    ),
    "slider min above max": (_changed(_slider(min=5, max=-5)), "min 5 must be below max -5"),
    "slider step zero": (_changed(_slider(step=0)), "step 0 must be above 0"),
    "slider value not a number": (_changed(_slider(value="x")), "value is 'x', not a number"),
    "slider infinite": (_changed(_slider(min=-1e999)), "min is -inf, not a number"),
    "slider targets a string": (_changed(_slider(targets="root")), "targets must be a non-empty"),
    "slider target not an object": (_changed(_slider(targets=["root"])), "target 'root' needs"),
    "probability slider beyond 1": (
        _changed(lambda g: g["sliders"][3].update(max=5)),
        "min and max must lie in 0..1",
    ),
    "unknown event": (
        _changed(lambda g: g["history"][0]["event_ids"].append("2020-01-99-nothing")),
        "'2020-01-99-nothing' is not an event_id in events.csv",
    ),
    "3000 levels deep": (_deep(3000), "nested far too deeply"),
    "150 levels deep": (_deep(150), "more than 100 levels deep"),
    "not an object": ([1, 2], "a game must be a JSON object"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_game_is_refused_in_plain_words(
    write_game: Callable[[Any], Path], case: str
) -> None:
    game, words = BROKEN[case]
    root = write_game(game)
    with pytest.raises(data.DataError) as caught:
        load_game("broken", root)
    message = str(caught.value)
    assert message.startswith(str(root / "games" / "broken.json"))
    assert words in message
    assert "Traceback" not in message


def test_a_lesson_role_must_be_a_player(write_game: Callable[[Any], Path]) -> None:
    root = write_game(_renamed(REAL, "Iran", "Tehran") | {"history": []})
    assert load_game("broken", root, roles=["Tehran"])
    with pytest.raises(data.DataError, match="plays this game as 'Iran', but its players are"):
        load_game("broken", root, roles=["Iran"])


def test_the_real_games_pass() -> None:
    for name in data.games():
        assert load_game(name)
