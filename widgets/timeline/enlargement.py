"""NATO's membership over time, as a pure model over the ``members`` table."""

from __future__ import annotations

import pandas as pd

from widgets.data import load
from widgets.dates import DateLike, as_date

FIRST_DAY = pd.Timestamp("1949-08-24")  # the North Atlantic Treaty entered into force


def members_on(on: DateLike) -> pd.DataFrame:
    """The Parties to the treaty on a given day (a state counts from the day it joined)."""
    day = as_date(on)
    members = load("members")
    current = members[members["joined"] <= day]
    return (
        current[["iso3", "name", "joined"]].sort_values(["joined", "name"]).reset_index(drop=True)
    )


def enlargement_rounds() -> pd.DataFrame:
    """One row per date on which states joined: who joined and how many Parties there were then."""
    members = load("members").sort_values(["joined", "name"])
    rounds = (
        members.groupby("joined", sort=True)
        .agg(joined_count=("iso3", "size"), states=("name", ", ".join))
        .reset_index()
    )
    rounds["total"] = rounds["joined_count"].cumsum()
    return rounds[["joined", "joined_count", "total", "states"]]
