"""NATO's membership over time, counted from the members table."""

from __future__ import annotations

import pandas as pd
import pytest

from widgets.data import load
from widgets.dates import as_date
from widgets.timeline.enlargement import enlargement_rounds, members_on


def test_founders_on_entry_into_force() -> None:
    assert len(members_on("1949-08-24")) == 12
    assert len(members_on("1949-08-23")) == 0


def test_29_allies_on_the_day_of_the_article() -> None:
    allies = members_on("2020-01-06")
    assert len(allies) == 29
    assert "MKD" not in set(allies["iso3"])  # North Macedonia joined on 27 March 2020
    assert len(members_on("2020-03-27")) == 30


def test_finland_counts_from_the_day_it_joined() -> None:
    assert "FIN" not in set(members_on("2023-04-03")["iso3"])
    assert "FIN" in set(members_on("2023-04-04")["iso3"])


def test_rounds_add_up_to_all_members() -> None:
    rounds = enlargement_rounds()
    assert rounds["total"].iloc[-1] == len(load("members")) == rounds["joined_count"].sum()
    assert rounds["joined"].is_monotonic_increasing
    assert rounds.loc[rounds["joined"] == pd.Timestamp("2004-03-29"), "joined_count"].item() == 7


@pytest.mark.parametrize("bad", ["yesterday", "2020-02-30", None, ""])
def test_impossible_dates_are_refused_in_plain_words(bad: object) -> None:
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        as_date(bad)  # type: ignore[arg-type]


def test_invocation_history_is_in_date_order_and_filters_by_article() -> None:
    from widgets.timeline.invocations import invocation_history

    history = invocation_history()
    assert history["date"].is_monotonic_increasing
    assert list(history.index[:2]) == [1, 2]
    assert set(invocation_history(5)["states"]) == {"USA"}
    assert len(invocation_history(4)) + len(invocation_history(5)) == len(history)
    with pytest.raises(ValueError, match="Article 4 or 5"):
        invocation_history(6)


def test_article5_in_2001_is_one_invocation_of_three_decisions() -> None:
    from widgets.timeline.invocations import invocation_history, invocations

    table = invocations()
    article5 = table[table["Article"] == 5]
    assert len(article5) == 1, "the three Council decisions of 2001 are one invocation"
    assert article5.iloc[0]["Council decisions"] == len(invocation_history(5))
    assert article5.iloc[0]["Invoked by"] == "United States"
    turkey_2012 = table[(table["Date"].dt.year == 2012)]
    assert len(turkey_2012) == 2, "June and October 2012 were two Turkish requests"
    assert table["Council decisions"].sum() == len(invocation_history())
    assert "TUR" not in " ".join(table["Invoked by"])


def test_the_slider_names_who_joined_last_not_the_last_founder_alphabetically() -> None:
    from widgets.timeline.enlargement_view import latest_joiners

    assert "United States" not in latest_joiners(members_on("1950-01-01"))
    assert latest_joiners(members_on("1950-01-01")).startswith("All 12 are founding Parties")
    assert latest_joiners(members_on("1953-01-01")) == (
        "Most recent to join: Greece and Türkiye (18 February 1952)."
    )
