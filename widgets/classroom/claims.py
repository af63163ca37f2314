"""Rate each claim of the case article first, then see the evidence: the model.

The learner commits to a judgement (confirmed, contested, unverifiable or misleading) before the
course's check is shown, so the comparison teaches something; ratings are saved like poll answers.
"""

from __future__ import annotations

from typing import Literal

import pandas as pd

from widgets.classroom.progress import ProgressStore
from widgets.data import load

LESSON = "01"
Status = Literal["confirmed", "contested", "unverifiable", "misleading"]
STATUSES: tuple[Status, ...] = ("confirmed", "contested", "unverifiable", "misleading")
MEANINGS: dict[Status, str] = {
    "confirmed": "sources bear it out",
    "contested": "credible sources disagree",
    "unverifiable": "no source available to check it",
    "misleading": "true in part, but it gives a wrong impression",
}


def claims() -> pd.DataFrame:
    return load("claims").sort_values("order").reset_index(drop=True)


def judge(claim_id: str, rating: str) -> tuple[bool, str]:
    """Compare a rating with the course's check: (agrees?, the evidence in words)."""
    if rating not in STATUSES:
        raise ValueError(f"Rate a claim as one of: {', '.join(STATUSES)}.")
    table = claims().set_index("claim_id")
    if claim_id not in table.index:
        raise ValueError(f"There is no claim {claim_id!r}.")
    row = table.loc[claim_id]
    agrees = rating == row["status"]
    lead = (
        "You agree with the check." if agrees else f"The check says {row['status']}, not {rating}."
    )
    text = f"{lead} {row['evidence']}"
    if isinstance(row["leaves_out"], str) and row["leaves_out"]:
        text += f" What it leaves out: {row['leaves_out']}"
    return agrees, text


def agreement(store: ProgressStore) -> tuple[int, int]:
    """(claims where the learner agreed with the check, claims rated)."""
    saved = store.read().get(LESSON, {})
    statuses = dict(zip(claims()["claim_id"], claims()["status"], strict=True))
    rated = {k: v for k, v in saved.items() if k in statuses}
    return sum(statuses[k] == v for k, v in rated.items()), len(rated)
