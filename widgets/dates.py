"""Dates as learners and lessons write them (``YYYY-MM-DD``), read one way everywhere.

A module of its own because every model that takes a day (membership, the timeline, Article 6)
must refuse a bad date with the same plain sentence; none of them should borrow it from another.
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd

ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
DateLike = str | pd.Timestamp  # what models accept for a day: "2024-03-01" or a Timestamp


def as_date(on: DateLike) -> pd.Timestamp:
    """Parse a date given as ``YYYY-MM-DD`` (or a Timestamp); refuse anything else plainly.

    Only the ISO order is read: ``03.05.2023`` is 3 May in much of Europe and 5 March in the US,
    so guessing would silently answer for the wrong day.
    """
    if isinstance(on, str):
        text = on.strip()
        if not ISO_DAY.fullmatch(text):
            shown = repr(on) if text else "an empty date"
            raise ValueError(
                f"{shown} is not a date the course can read: write it as YYYY-MM-DD "
                "(year-month-day, e.g. 2020-01-06 for 6 January 2020)"
            )
        on = text
    elif on is not None and not isinstance(on, dt.date | pd.Timestamp | np.datetime64):
        raise ValueError(f"{on!r} is not a date; write it as YYYY-MM-DD, e.g. 2020-01-06")
    try:
        stamp = pd.Timestamp(on)
    except (ValueError, TypeError):
        raise ValueError(f"{on!r} is not a date; write it as YYYY-MM-DD, e.g. 2020-01-06") from None
    if pd.isna(stamp):
        raise ValueError("a date is needed; write it as YYYY-MM-DD, e.g. 2020-01-06")
    return stamp.normalize()
