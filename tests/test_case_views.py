"""The views a transfer lesson uses run on any case: the second real case (Przewodów, 2022) and a
minimal third case an instructor could add, built here from the test fixtures (issue 14, item 5).
Each view shows that case's own sides, claims, seats, role-card headings and debrief."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from widgets import data
from widgets.cases import case
from widgets.classroom.claims_view import ClaimRater
from widgets.classroom.council import seating_sentence
from widgets.classroom.council_view import CouncilRoom, debrief, role_card
from widgets.classroom.progress import ProgressStore
from widgets.escalation.crisis_view import CrisisGameView
from widgets.timeline.ladder_view import ladder_table
from widgets.timeline.view import TimelineView

SECOND = "przewodow-2022"
GAME = {  # a game of two moves, for the third case: the smallest an instructor could write
    "title": "A small test game",
    "illustrative": True,
    "player": "Allies",
    "label": "Say what?",
    "choices": {
        "Speak": {"outcome": "Spoken", "payoffs": {"Allies": 1, "Rival": -1}, "rung": 1},
        "Wait": {
            "player": "Rival",
            "label": "Answer?",
            "choices": {
                "Yes": {"outcome": "Answered", "payoffs": {"Allies": 0, "Rival": 1}, "rung": 2},
                "No": {"outcome": "Quiet", "payoffs": {"Allies": 0, "Rival": 0}, "rung": 1},
            },
        },
    },
}


def views(case_id: str, home: Path) -> dict[str, Any]:
    store = ProgressStore(home)
    the_case = case(case_id)
    return {
        "case": the_case,
        "timeline": TimelineView(case_id=case_id),
        "claims": ClaimRater(store, case_id=case_id, lesson="08"),
        "council": CouncilRoom(case_id=case_id),
        "game": CrisisGameView(
            the_case.game, the_case.game_role, store=store, lesson="08", case_id=case_id
        ),
        "debrief": debrief(case_id),
        "seating": seating_sentence(case_id),
    }


def test_the_views_show_the_second_case(tmp_path: Path) -> None:
    seen = views(SECOND, tmp_path)
    the_case = seen["case"]
    assert list(seen["timeline"].lanes) == [
        "Russia",
        "Ukraine",
        "Poland",
        "NATO and allies",
        "Others and unattributed",
    ]
    assert set(seen["timeline"].frames["crisis"]["case_id"]) == {SECOND}
    claims = data.load("claims")
    assert len(seen["claims"].pick.options) == (claims["case_id"] == SECOND).sum()
    assert tuple(seen["council"].seats) == tuple(name for name, _ in the_case.groups)
    assert "What happened on 16 November 2022" in seen["debrief"]
    assert "30 allies sit at the table on 16 November 2022" in seen["seating"]
    card = role_card("POL", SECOND)
    assert "Forces in Poland and on the eastern flank" in card and "Forces in Iraq" not in card
    assert seen["game"].role.value == "Poland"
    assert ladder_table(SECOND).empty  # no event of this case has a rung yet
    assert len(ladder_table()) > 0  # the default case's table is not emptied by the second


@pytest.fixture()
def third_case(
    package: Callable[..., Path],
    copy_case: Callable[[Path, str], Path],
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[tuple[str, Path]]:
    """The fixtures' mini case, copied as a third case with its own ids, sides and game."""
    root = package()
    folder = copy_case(root, "third")
    case_csv = folder / "case.csv"
    case_csv.write_text(
        case_csv.read_text(encoding="utf-8").replace(",january_2020,Iran,", ",small,Allies,"),
        encoding="utf-8",
    )
    (root / "games").mkdir()
    (root / "games" / "small.json").write_text(json.dumps(GAME), encoding="utf-8")
    monkeypatch.setenv(data.DATA_ENV, str(root))
    data.clear_cache()
    yield "third", root
    data.clear_cache()


def test_the_views_run_on_a_minimal_case_an_instructor_adds(
    third_case: tuple[str, Path], tmp_path: Path
) -> None:
    case_id, _root = third_case
    seen = views(case_id, tmp_path / "home")
    assert set(seen["timeline"].frames["crisis"]["case_id"]) == {case_id}
    assert len(seen["timeline"].frames["crisis"]) == 3
    assert len(seen["claims"].pick.options) == 3
    assert tuple(seen["council"].seats) == ("Europe", "North America")
    assert seen["game"].role.value == "Allies"
    assert "4 allies sit at the table" in seen["seating"]
