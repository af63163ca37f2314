"""Rate each claim of the case article first, then see the evidence: model and view.

The learner commits to a judgement (confirmed, contested, unverifiable or misleading) before the
course's check is shown, so the comparison teaches something; ratings are saved like poll answers.
"""

from __future__ import annotations

from html import escape
from typing import Any, Literal

import pandas as pd

from widgets.classroom.progress import ProgressStore
from widgets.data import load
from widgets.sources import sources_html

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


class ClaimRater:
    """Pick a claim, rate it, then reveal the evidence and the sources (keyboard usable)."""

    def __init__(self, store: ProgressStore | None = None) -> None:
        import ipywidgets as w

        self.store = store or ProgressStore()
        table = claims()
        self.pick = w.Dropdown(
            options=[
                (f"{r['order']}. {r['claim'][:90]}", r["claim_id"])
                for r in table.to_dict("records")
            ],
            description="Claim",
            layout=w.Layout(width="52em"),
        )
        self.card = w.HTML()
        self.rating = w.RadioButtons(
            options=[(f"{s}: {MEANINGS[s]}", s) for s in STATUSES],
            value=None,
            description="Your rating",
            style={"description_width": "initial"},
        )
        self.reveal = w.Button(description="Reveal the evidence", button_style="primary")
        self.result = w.HTML()
        self.tally = w.HTML()
        self.pick.observe(self.show, names="value")
        self.reveal.on_click(self.check)
        self.box = w.VBox([self.pick, self.card, self.rating, self.reveal, self.result, self.tally])
        self.box.add_class("course-claim-rater")  # a stable hook for CSS and browser tests
        self.show()

    def show(self, _: object = None) -> None:
        row = claims().set_index("claim_id").loc[self.pick.value]
        self.card.value = (
            f"<p><b>{escape(str(row['claim']))}</b><br>Who says it: {escape(str(row['speaker']))}; "
            f"kind: {escape(str(row['kind']))}.</p>"
        )
        saved = self.store.answer(LESSON, self.pick.value)
        self.rating.value = saved if saved in STATUSES else None
        self.result.value = ""
        self._tally()

    def check(self, _: object = None) -> None:
        if self.rating.value is None:
            self.result.value = (
                "<p role='status'>Rate the claim first, then reveal the evidence.</p>"
            )
            return
        agrees, text = judge(self.pick.value, self.rating.value)
        try:
            self.store.save(LESSON, self.pick.value, self.rating.value)
        except OSError as err:
            text += f" (Your rating could not be saved: {err.strerror}.)"
        row = claims().set_index("claim_id").loc[self.pick.value]
        mark = "&#10004; " if agrees else "&#10008; "
        self.result.value = (
            f"<p role='status'>{mark}{escape(text)}</p><p><b>Sources</b></p>"
            + sources_html(row["source_id"])
        )
        self._tally()

    def _tally(self) -> None:
        agreed, rated = agreement(self.store)
        self.tally.value = (
            f"<p><i>You have rated {rated} of {len(claims())} claims; "
            f"you agreed with the check on {agreed}.</i></p>"
        )

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        bundle = self.box._repr_mimebundle_(**kwargs)
        if isinstance(bundle, dict):
            bundle["text/plain"] = "\n".join(
                f"{r['order']}. {r['claim']}" for r in claims().to_dict("records")
            )
        return bundle
