"""The claim rater: pick a claim, rate it, then reveal the evidence and its sources.

A thin view over :mod:`widgets.classroom.claims` (the ratings, the check, the tally).
"""

from __future__ import annotations

from typing import Any

from widgets.classroom.claims import LESSON, MEANINGS, STATUSES, agreement, claims, judge
from widgets.classroom.progress import ProgressStore
from widgets.classroom.question_view import not_saved
from widgets.markup import escape
from widgets.sources import sources_html


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
            text += f" ({not_saved(err, 'rating')})"
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
