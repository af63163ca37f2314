"""Tag and rate each claim of the case article first, then see the course's check: the model.

For every claim the learner commits to two judgements before anything is shown: what *kind* of
statement it is (fact, quotation, speculation, opinion) and how well the sources *support* it
(confirmed, contested, unverifiable, misleading). The attempt is saved like a poll answer; only
then does the check (kind, status, evidence, sources) exist for that claim on the page. The table
of every verdict waits until all claims have an attempt, since each row answers a question the
learner could still try.

Plain data in, plain data out: the view (:mod:`widgets.classroom.claims_view`) renders it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd

from widgets.cases import DEFAULT_CASE
from widgets.classroom.progress import ProgressStore
from widgets.data import load

LESSON = "01"
Kind = Literal["fact", "quotation", "speculation", "opinion"]
Status = Literal["confirmed", "contested", "unverifiable", "misleading"]
KINDS: tuple[Kind, ...] = ("fact", "quotation", "speculation", "opinion")
STATUSES: tuple[Status, ...] = ("confirmed", "contested", "unverifiable", "misleading")
KIND_MEANINGS: dict[str, str] = {
    "fact": "states what happened or what is, which sources can confirm or refute",
    "quotation": "gives someone's own words, as they were reported",
    "speculation": "guesses what may happen or what may be going on",
    "opinion": "judges or evaluates, so reasonable people can disagree",
}
MEANINGS: dict[str, str] = {
    "confirmed": "sources bear it out",
    "contested": "credible sources disagree",
    "unverifiable": "no source available to check it",
    "misleading": "true in part, but it gives a wrong impression",
}
ELLIPSIS = "…"  # joins fragments of one quotation, taken in order from the article


@dataclass(frozen=True)
class Attempt:
    """What the learner committed for one claim, before seeing the check."""

    kind: str
    status: str

    def as_saved(self) -> dict[str, str]:
        return {"kind": self.kind, "status": self.status}


@dataclass(frozen=True)
class Verdict:
    """The learner's attempt beside the course's check for one claim."""

    attempt: Attempt
    kind: str
    status: str
    evidence: str
    leaves_out: str | None
    source_ids: tuple[str, ...]

    @property
    def kind_agrees(self) -> bool:
        return self.attempt.kind == self.kind

    @property
    def status_agrees(self) -> bool:
        return self.attempt.status == self.status

    def kind_words(self) -> str:
        if self.kind_agrees:
            return f"Kind: you tagged it {self.kind}, as the check does."
        return (
            f"Kind: you tagged it {self.attempt.kind}; the check tags it {self.kind} "
            f"(it {KIND_MEANINGS[self.kind]})."
        )

    def status_words(self) -> str:
        if self.status_agrees:
            return f"Support: you rated it {self.status}, as the check does."
        return (
            f"Support: you rated it {self.attempt.status}; the check rates it {self.status} "
            f"({MEANINGS[self.status]})."
        )


def claims(case_id: str = DEFAULT_CASE) -> pd.DataFrame:
    """The case article's claims, in the order the article makes them."""
    rows = load("claims")
    return rows[rows["case_id"] == case_id].sort_values("order").reset_index(drop=True)


def attempt(kind: object, status: object) -> Attempt:
    """An attempt from the learner's two picks; a missing or unknown pick says what to do."""
    if kind is None and status is None:
        raise ValueError("Tag the claim and rate it first, then check it.")
    if kind is None:
        raise ValueError("Tag the claim first: what kind of statement is it?")
    if status is None:
        raise ValueError("Rate the claim first: how well do the sources support it?")
    if kind not in KINDS:
        raise ValueError(f"Tag a claim as one of: {', '.join(KINDS)}.")
    if status not in STATUSES:
        raise ValueError(f"Rate a claim as one of: {', '.join(STATUSES)}.")
    return Attempt(str(kind), str(status))


def judge(claim_id: str, tried: Attempt, case_id: str = DEFAULT_CASE) -> Verdict:
    """The course's check for ``claim_id`` beside the learner's attempt."""
    table = claims(case_id).set_index("claim_id")
    if claim_id not in table.index:
        raise ValueError(f"There is no claim {claim_id!r}.")
    row = table.loc[claim_id]
    leaves_out = row["leaves_out"] if isinstance(row["leaves_out"], str) else None
    return Verdict(
        attempt=tried,
        kind=str(row["kind"]),
        status=str(row["status"]),
        evidence=str(row["evidence"]),
        leaves_out=leaves_out or None,
        source_ids=tuple(row["source_id"]),
    )


def _as_attempt(value: Any) -> Attempt | None:
    """A saved answer as an attempt; anything else (an older rating without a tag) is None."""
    if isinstance(value, dict) and value.get("kind") in KINDS and value.get("status") in STATUSES:
        return Attempt(str(value["kind"]), str(value["status"]))
    return None


def saved_attempts(
    store: ProgressStore, case_id: str = DEFAULT_CASE, lesson: str = LESSON
) -> dict[str, Attempt]:
    """The claims the learner has tagged and rated (saved), by claim id."""
    saved = store.read().get(lesson, {})
    known = set(claims(case_id)["claim_id"])
    found = {k: _as_attempt(v) for k, v in saved.items() if k in known}
    return {k: v for k, v in found.items() if v is not None}


def agreement(attempts: dict[str, Attempt], case_id: str = DEFAULT_CASE) -> tuple[int, int, int]:
    """(kinds agreed, statuses agreed, claims tried) against the check."""
    checks = {str(r["claim_id"]): r for r in claims(case_id).to_dict("records")}
    tried = {k: a for k, a in attempts.items() if k in checks}
    kinds = sum(checks[k]["kind"] == a.kind for k, a in tried.items())
    statuses = sum(checks[k]["status"] == a.status for k, a in tried.items())
    return kinds, statuses, len(tried)


def verdicts(attempts: dict[str, Attempt], case_id: str = DEFAULT_CASE) -> pd.DataFrame:
    """Every claim: the article's words, the learner's tag and rating, and the check's."""
    rows = []
    for r in claims(case_id).to_dict("records"):
        tried = attempts.get(str(r["claim_id"]))
        rows.append(
            {
                "#": r["order"],
                "In the article": r["quote"],
                "Said by": r["speaker"],
                "Your tag": tried.kind if tried else "(not tagged)",
                "Kind (check)": r["kind"],
                "Your rating": tried.status if tried else "(not rated)",
                "Support (check)": r["status"],
            }
        )
    return pd.DataFrame(rows)


def status_counts() -> dict[str, int]:
    """How many claims the check found confirmed, contested, ... (every status, zeros too)."""
    counts = claims()["status"].value_counts()
    return {s: int(counts.get(s, 0)) for s in STATUSES}


def kind_counts() -> dict[str, int]:
    counts = claims()["kind"].value_counts()
    return {k: int(counts.get(k, 0)) for k in KINDS}


def normalise(text: str) -> str:
    """Text as compared with the article: curly quotes made straight, whitespace collapsed."""
    straight = (
        text.replace("\u201c", '"')
        .replace("\u201d", '"')
        .replace("\u2018", "'")
        .replace("\u2019", "'")
    )
    return re.sub(r"\s+", " ", straight).strip()


def quote_in(quote: str, article: str) -> bool:
    """Whether ``quote`` is verbatim from ``article``: each fragment (split at ' … ') occurs in
    it, in order, up to whitespace and the style of quote marks."""
    text = normalise(article)
    position = 0
    for fragment in (normalise(f) for f in quote.split(ELLIPSIS)):
        if not fragment:
            return False
        found = text.find(fragment, position)
        if found < 0:
            return False
        position = found + len(fragment)
    return True
