"""A case (the crisis a course run is built on) is data: its dates come from its events."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from widgets import data
from widgets.cases import case
from widgets.data import load

FIXTURES = Path(__file__).parent / "fixtures"


def test_the_case_takes_its_dates_from_its_events() -> None:
    jan = case("jan-2020")
    dates = load("events").set_index("event_id")["date"]
    assert jan.day == dates[jan.statement_event_id]
    assert jan.meeting_day == dates[jan.meeting_event_id]
    first, last = jan.close_up
    assert first <= jan.day <= last  # the close-up holds the case's day


def test_an_unknown_case_names_the_cases_there_are() -> None:
    known = r"no case folder data/cases/przewodow/\. Known cases: jan-2020"
    with pytest.raises(KeyError, match=known):
        case("przewodow")


def test_a_case_read_from_another_data_folder_uses_that_folders_events(
    package: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(data.DATA_ENV, str(package()))
    data.clear_cache()
    mini = case("mini")
    assert (mini.day, mini.meeting_day) == (
        load("events")["date"].iloc[1],
        load("events")["date"].iloc[0],
    )


def test_a_case_pointing_at_a_missing_event_is_refused_with_file_row_and_field(
    package: Callable[..., Path],
) -> None:
    root = package()
    broken = FIXTURES / "malformed" / "case_unknown_event" / "cases" / "mini" / "case.csv"
    shutil.copy(broken, root / "cases" / "mini")
    with pytest.raises(data.DataError) as caught:
        data.load("cases", root)
    first_line = str(caught.value).splitlines()[0]
    assert first_line.startswith(f"{root / 'cases' / 'mini' / 'case.csv'}, row 2")
    assert "statement_event_id" in first_line and "2020-01-09-no-such-event" in first_line
