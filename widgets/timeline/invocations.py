"""NATO's history of Articles 4 and 5, as a pure model over the ``invocations`` table."""

from __future__ import annotations

import pandas as pd

from widgets.data import load


def invocation_history(article: int | None = None) -> pd.DataFrame:
    """Invocations in date order (numbered from 1), optionally of one article (4 or 5).

    A table to read, not to compute with: ``states`` is shown as text (``"BGR, CZE"``), not as
    the tuple ``load("invocations")`` holds.
    """
    if article not in (None, 4, 5):
        raise ValueError(f"NATO's treaty is invoked under Article 4 or 5, not {article!r}")
    history = load("invocations").sort_values(["date", "article"])
    if article is not None:
        history = history[history["article"] == article]
    history = history[["article", "date", "states", "date_kind", "trigger"]].reset_index(drop=True)
    history["states"] = history["states"].map(", ".join)
    history.index += 1
    return history
