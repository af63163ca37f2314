"""NATO's membership over time, as a pure model over the ``members`` table."""

from __future__ import annotations

import pandas as pd

from widgets.data import load

FIRST_DAY = pd.Timestamp("1949-08-24")  # the North Atlantic Treaty entered into force


def as_date(on: str | pd.Timestamp) -> pd.Timestamp:
    """Parse a date given as ``YYYY-MM-DD`` (or a Timestamp); refuse anything else plainly."""
    try:
        stamp = pd.Timestamp(on)
    except (ValueError, TypeError):
        raise ValueError(f"{on!r} is not a date; write it as YYYY-MM-DD, e.g. 2020-01-06") from None
    if pd.isna(stamp):
        raise ValueError("a date is needed; write it as YYYY-MM-DD, e.g. 2020-01-06")
    return stamp.normalize()


def members_on(on: str | pd.Timestamp) -> pd.DataFrame:
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
