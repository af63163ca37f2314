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


# Council decisions on the same article for the same state(s) this close together are one
# invocation: Article 5 in 2001 took three (12 September, 2 October, 4 October).
SAME_INVOCATION = pd.Timedelta(days=60)


def invocations(article: int | None = None) -> pd.DataFrame:
    """One row per time allies invoked an article, for learners to read: the first decision's
    date, who asked (state names), why, and how many Council decisions it took."""
    history = invocation_history(article)
    members = load("members")
    names = dict(zip(members["iso3"], members["name"], strict=True))
    rows: list[dict[str, object]] = []
    for record in history.to_dict("records"):
        last = rows[-1] if rows else None
        if (
            last is not None
            and last["Article"] == record["article"]
            and last["_states"] == record["states"]
            and record["date"] - last["_last"] <= SAME_INVOCATION
        ):
            last["Council decisions"] = int(str(last["Council decisions"])) + 1
            last["_last"] = record["date"]
            continue
        rows.append(
            {
                "Article": record["article"],
                "Date": record["date"],
                "Invoked by": ", ".join(names.get(s, s) for s in record["states"].split(", ")),
                "What happened": record["trigger"],
                "Council decisions": 1,
                "_states": record["states"],
                "_last": record["date"],
            }
        )
    return pd.DataFrame(rows).drop(columns=["_states", "_last"])
