"""The claim rater: read a claim in the article's words, tag it, rate it, then see the check.

A thin view over :mod:`widgets.classroom.claims`. For each claim the learner picks a *kind* and a
*rating* and presses one button; the attempt is saved first, and only then is the course's check
(kind, support, evidence, sources) built and shown for that claim. A committed claim stays
committed: its choices are locked, so the check compares with the first attempt. The table of all
verdicts is a :class:`~widgets.classroom.reveal.Reveal` that opens once every claim has an
attempt: each of its rows answers a question the learner could otherwise still try.
"""

from __future__ import annotations

from typing import Any

from widgets.cases import DEFAULT_CASE, case
from widgets.classroom.claims import (
    KIND_MEANINGS,
    KINDS,
    LESSON,
    MEANINGS,
    STATUSES,
    Attempt,
    Verdict,
    agreement,
    attempt,
    claims,
    judge,
    kind_counts,
    saved_attempts,
    status_counts,
    verdicts,
)
from widgets.classroom.progress import ProgressStore
from widgets.classroom.question_view import not_saved
from widgets.classroom.reveal import Reveal
from widgets.look import table_html
from widgets.markup import escape
from widgets.sources import sources_html

LABEL_CHARS = 80  # a claim's words in the picker, cut at a word


def short(text: str, limit: int = LABEL_CHARS) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with "…" if cut."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:…") + " …"


def check_html(verdict: Verdict) -> str:
    """The course's check for one claim, beside the learner's attempt (escaped)."""
    marks = {True: "&#10004; ", False: "&#10008; "}
    parts = [
        "<p><b>The course's check</b></p>",
        f"<p>{marks[verdict.kind_agrees]}{escape(verdict.kind_words())}</p>",
        f"<p>{marks[verdict.status_agrees]}{escape(verdict.status_words())}</p>",
        f"<p><b>Evidence.</b> {escape(verdict.evidence)}</p>",
    ]
    if verdict.leaves_out:
        parts.append(f"<p><b>What it leaves out.</b> {escape(verdict.leaves_out)}</p>")
    parts.append("<p><b>Sources</b></p>" + sources_html(verdict.source_ids))
    return "".join(parts)


class ClaimRater:
    """Pick a claim, tag and rate it, then see the check and its sources (keyboard usable)."""

    def __init__(
        self,
        store: ProgressStore | None = None,
        case_id: str = DEFAULT_CASE,
        lesson: str = LESSON,
    ) -> None:
        """The claims of case ``case_id``; the learner's tags are saved under ``lesson``."""
        import ipywidgets as w

        self.store = store or ProgressStore()
        self.case_id, self.lesson = case_id, lesson
        table = claims(case_id)
        self._rows = {str(r["claim_id"]): r for r in table.to_dict("records")}
        self._attempts: dict[str, Attempt] = saved_attempts(self.store, case_id, lesson)
        self.pick = w.Dropdown(
            options=[(f"{r['order']}. {short(str(r['quote']))}", k) for k, r in self._rows.items()],
            description="Claim",
            layout=w.Layout(width="100%", max_width="60em"),
        )
        self.card = w.HTML()
        self.kind = w.RadioButtons(
            options=[(f"{k}: it {KIND_MEANINGS[k]}", k) for k in KINDS],
            value=None,
            layout=w.Layout(width="max-content"),
        )
        self.rating = w.RadioButtons(
            options=[(f"{s}: {MEANINGS[s]}", s) for s in STATUSES],
            value=None,
            layout=w.Layout(width="max-content"),
        )
        self.check_button = w.Button(
            description="Save my answers and show the check",
            button_style="primary",
            layout=w.Layout(width="max-content"),
            tooltip="Saves your tag and rating on this computer, then shows the course's check",
        )
        self.result = w.HTML()
        self.tally = w.HTML()
        self.verdicts = Reveal(
            self._verdicts_html,
            what="the table of all verdicts",
            wait_for=self._waiting(),
            unlocked=self._all_tried(),
        )
        self.pick.observe(self.show, names="value")
        self.check_button.on_click(self.check)
        self.box = w.VBox(
            [
                self.pick,
                self.card,
                w.HTML("<p><b>1. Tag it: what kind of statement is this?</b></p>"),
                self.kind,
                w.HTML("<p><b>2. Rate it: how well do the sources support it?</b></p>"),
                self.rating,
                self.check_button,
                self.result,
                self.tally,
            ]
        )
        self.box.add_class("course-claim-rater")  # a stable hook for CSS and browser tests
        self.show()

    # --- what the learner sees -------------------------------------------------------------

    def show(self, _: object = None) -> None:
        """The picked claim in the article's words; its check only if already committed."""
        claim_id = str(self.pick.value)
        row = self._rows[claim_id]
        self.card.value = (
            "<p><b>In the article's words:</b></p>"
            f"<blockquote><p>{escape(row['quote'])}</p></blockquote>"
            f"<p>Said by: {escape(row['speaker'])}. In: "
            f"{sources_html([case(self.case_id).article_source_id], inline=True)}.</p>"
            f"<p><i>What it claims, in our words:</i> {escape(row['claim'])}</p>"
        )
        tried = self._attempts.get(claim_id)
        self.kind.value = tried.kind if tried else None
        self.rating.value = tried.status if tried else None
        self._lock(tried is not None)
        self.result.value = (
            self._result(check_html(judge(claim_id, tried, self.case_id))) if tried else ""
        )
        self._tally()

    def check(self, _: object = None) -> None:
        """Commit the tag and rating (saved first), then show the check for this claim."""
        claim_id = str(self.pick.value)
        if claim_id in self._attempts:
            return  # committed already: the check is on screen
        try:
            tried = attempt(self.kind.value, self.rating.value)
        except ValueError as err:
            self.result.value = self._result(f"<p>{escape(err)}</p>")
            return
        warning = ""
        try:
            self.store.save(self.lesson, claim_id, tried.as_saved())
        except OSError as err:
            warning = f"<p>{escape(not_saved(err, 'tag and rating'))}</p>"
        self._attempts[claim_id] = tried
        self._lock(True)
        self.result.value = self._result(warning + check_html(judge(claim_id, tried, self.case_id)))
        self._tally()
        if self._all_tried():
            self.verdicts.unlock()
        elif not self.verdicts.unlocked:
            self.verdicts.hint.value = f"<p><i>{escape(self._waiting())}</i></p>"

    # --- helpers ---------------------------------------------------------------------------

    @staticmethod
    def _result(inner: str) -> str:
        return f"<div role='status'>{inner}</div>"

    def _lock(self, committed: bool) -> None:
        self.kind.disabled = committed
        self.rating.disabled = committed
        self.check_button.disabled = committed
        self.check_button.description = (
            "Saved: the check is below" if committed else "Save my answers and show the check"
        )

    def _all_tried(self) -> bool:
        return all(k in self._attempts for k in self._rows)

    def _waiting(self) -> str:
        left = sum(k not in self._attempts for k in self._rows)
        return (
            f"Tag and rate every claim above first ({left} of {len(self._rows)} still to do): "
            "each row of the table answers one of them."
        )

    def _tally(self) -> None:
        kinds, statuses, tried = agreement(self._attempts, self.case_id)
        if not tried:
            self.tally.value = (
                f"<p><i>You have tagged and rated 0 of {len(self._rows)} claims.</i></p>"
            )
            return
        self.tally.value = (
            f"<p><i>You have tagged and rated {tried} of {len(self._rows)} claims. You agreed "
            f"with the check on the kind of {kinds} and on the support of {statuses}.</i></p>"
        )

    def _verdicts_html(self) -> str:
        """Built only when the learner opens the table (after every claim has an attempt)."""
        kinds = ", ".join(f"{n} {k}" for k, n in kind_counts().items())
        supports = ", ".join(f"{n} {s}" for s, n in status_counts().items())
        agreed_kind, agreed_status, tried = agreement(self._attempts, self.case_id)
        return (
            f"<p>Kinds, as the check tags them: {escape(kinds)}.<br>"
            f"Support, as the check rates it: {escape(supports)}.<br>"
            f"You agreed on the kind of {agreed_kind} and on the support of {agreed_status} "
            f"of the {tried} claims you tried.</p>"
            + table_html(verdicts(self._attempts, self.case_id))
        )

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        bundle = self.box._repr_mimebundle_(**kwargs)
        if isinstance(bundle, dict):
            bundle["text/plain"] = "\n".join(
                f"{r['order']}. {r['quote']} ({r['speaker']})" for r in self._rows.values()
            )
        return bundle
