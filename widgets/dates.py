"""Dates as learners and lessons write them (``YYYY-MM-DD``), read one way everywhere.

A module of its own because every model that takes a day (membership, the timeline, Article 6)
must refuse a bad date with the same plain sentence; none of them should borrow it from another.
"""

from __future__ import annotations

import pandas as pd

DateLike = str | pd.Timestamp  # what models accept for a day: "2020-01-06" or a Timestamp


def as_date(on: DateLike) -> pd.Timestamp:
    """Parse a date given as ``YYYY-MM-DD`` (or a Timestamp); refuse anything else plainly."""
    try:
        stamp = pd.Timestamp(on)
    except (ValueError, TypeError):
        raise ValueError(f"{on!r} is not a date; write it as YYYY-MM-DD, e.g. 2020-01-06") from None
    if pd.isna(stamp):
        raise ValueError("a date is needed; write it as YYYY-MM-DD, e.g. 2020-01-06")
    return stamp.normalize()
