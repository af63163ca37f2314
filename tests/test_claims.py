"""Lesson 01's claim rater: the article's own words, tag and rate first, then the check.

The rater must not put any part of the check (kind, support, evidence, sources) on the page before
the learner has tagged and rated the claim and the attempt is saved; the table of every verdict
stays locked until every claim has an attempt; and the page holds only learner-facing words.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from widgets.classroom.claims import (
    KINDS,
    LESSON,
    STATUSES,
    Attempt,
    agreement,
    attempt,
    claims,
    judge,
    normalise,
    quote_in,
    saved_attempts,
)
from widgets.classroom.progress import ProgressStore
from widgets.classroom.question_bank import ask_choice
from widgets.data import load, schema

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = Path(
    os.environ.get("ALLIANCE_COURSE_ARTICLE", ROOT.parent / "shared/case-study-article.txt")
)
MAX_QUOTE_WORDS = 30  # the article may be quoted only in short, attributed quotations
WINDOW = 48  # as tests/browser/leaks.py: a stretch of a curator value that identifies it


def _rater(store: ProgressStore):  # type: ignore[no-untyped-def]
    from widgets.classroom.claims_view import ClaimRater

    return ClaimRater(store)


def _commit(rater, claim_id: str, kind: str, status: str) -> None:  # type: ignore[no-untyped-def]
    rater.pick.value = claim_id
    rater.kind.value = kind
    rater.rating.value = status
    rater.check_button.click()


# --- The data: the article's words, verbatim and short ------------------------------------------


@pytest.mark.skipif(not ARTICLE.is_file(), reason=f"the case article is not at {ARTICLE}")
def test_every_quote_is_verbatim_from_the_article() -> None:
    article = ARTICLE.read_text(encoding="utf-8")
    wrong = [
        r["claim_id"] for r in claims().to_dict("records") if not quote_in(r["quote"], article)
    ]
    assert wrong == []


def test_quotes_are_short_and_every_claim_has_one() -> None:
    for row in claims().to_dict("records"):
        words = len(str(row["quote"]).split())
        assert 0 < words <= MAX_QUOTE_WORDS, row["claim_id"]


def test_quote_check_allows_only_whitespace_and_quote_marks() -> None:
    article = "He said “We have recently seen an escalation by Iran.”\n\nThen   more words."
    assert quote_in('"We have recently seen an escalation by Iran."', article)
    assert quote_in("He said … Then more words.", article)
    assert not quote_in("We have seen an escalation by Iran.", article)  # a word dropped
    assert not quote_in("Then more words. … He said", article)  # fragments out of order
    assert not quote_in("He said … ", article)  # an empty fragment
    assert normalise("a\u2019b  \n c") == "a'b c"


def test_kinds_and_statuses_are_the_schema_s() -> None:
    fields = {f["name"]: f for f in schema("claims")["fields"]}
    assert tuple(fields["kind"]["constraints"]["enum"]) == KINDS
    assert tuple(fields["status"]["constraints"]["enum"]) == STATUSES


def test_source_audit_corrections() -> None:
    table = claims().set_index("claim_id")
    pullout = table.loc["us-mulling-iraq-pullout"]
    assert "Poorly worded, implies withdrawal. That's not what's happening." in pullout["evidence"]
    assert "reuters-2020-01-06-milley-letter" in pullout["source_id"]
    severe = table.loc["severe-retaliation-not-yet"]
    said = f"{severe['evidence']} {severe['leaves_out']}"
    assert "appear in none" not in said and "'severe retaliation'" in severe["evidence"]
    assert "jantakareporter-2020-01-03-severe-retaliation" in severe["source_id"]
    sources = load("sources").set_index("source_id")
    assert "severe retaliation" in sources.loc[severe["source_id"][2], "title"]


# --- The model ---------------------------------------------------------------------------------


def test_an_attempt_needs_a_tag_and_a_rating() -> None:
    with pytest.raises(ValueError, match="Tag the claim and rate it first"):
        attempt(None, None)
    with pytest.raises(ValueError, match="Tag the claim first"):
        attempt(None, "confirmed")
    with pytest.raises(ValueError, match="Rate the claim first"):
        attempt("fact", None)
    with pytest.raises(ValueError, match="Rate a claim as one of"):
        attempt("fact", "true")
    with pytest.raises(ValueError, match="Tag a claim as one of"):
        attempt("rumour", "confirmed")
    with pytest.raises(ValueError, match="There is no claim"):
        judge("no-such-claim", Attempt("fact", "confirmed"))


def test_judge_compares_kind_and_support_separately() -> None:
    verdict = judge("us-mulling-iraq-pullout", Attempt("fact", "contested"))
    assert not verdict.kind_agrees and verdict.status_agrees
    assert verdict.kind_words().startswith(
        "Kind: you tagged it fact; the check tags it speculation"
    )
    assert verdict.status_words() == "Support: you rated it contested, as the check does."
    assert verdict.source_ids[0] == "politico-2020-01-06-seely-letter"


def test_saved_attempts_ignore_old_ratings_without_a_tag(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    store.save(LESSON, "article5-invoked-after-9-11", "confirmed")  # the old rater's format
    store.save(LESSON, "us-mulling-iraq-pullout", {"kind": "speculation", "status": "contested"})
    store.save(LESSON, "predict-reliability", 1)  # a poll of the same lesson, not a claim
    attempts = saved_attempts(store)
    assert attempts == {"us-mulling-iraq-pullout": Attempt("speculation", "contested")}
    assert agreement(attempts) == (1, 1, 1)


# --- The rater: nothing of the check before the attempt ------------------------------------------


def test_no_part_of_the_check_before_tag_and_rating(
    tmp_path: Path, widget_text: Callable[[Any], str]
) -> None:
    store = ProgressStore(tmp_path)
    rater = _rater(store)
    claim_id = "hawks-will-push-article5"
    row = claims().set_index("claim_id").loc[claim_id]
    rater.pick.value = claim_id
    page = widget_text(rater.box)
    assert str(row["quote"]) in page and str(row["speaker"]) in page
    assert "ZeroHedge" in page  # the quotation is attributed to where it was published
    assert str(row["evidence"])[:60] not in page and "The course's check" not in page
    assert f"kind: {row['kind']}" not in page.lower()  # the rater no longer states the kind
    rater.check_button.click()
    assert "Tag the claim and rate it first" in rater.result.value
    rater.rating.value = "unverifiable"
    rater.check_button.click()
    assert "Tag the claim first" in rater.result.value
    assert store.answer(LESSON, claim_id) is None
    assert str(row["evidence"])[:60] not in widget_text(rater.box)
    rater.kind.value = "speculation"
    rater.check_button.click()
    assert store.answer(LESSON, claim_id) == {"kind": "speculation", "status": "unverifiable"}
    shown = widget_text(rater.box)
    assert str(row["evidence"])[:60] in shown and "The course's check" in shown
    assert "NATO: " in shown and "Sources" in shown  # publisher: title, not an id
    assert "&#10004; Kind: you tagged it speculation, as the check does." in rater.result.value
    assert "You have tagged and rated 1 of 14 claims" in rater.tally.value


def test_a_committed_claim_stays_committed(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    rater = _rater(store)
    _commit(rater, "article5-applies-us-targets-iraq", "fact", "confirmed")
    assert "the check rates it misleading" in rater.result.value
    assert rater.kind.disabled and rater.rating.disabled and rater.check_button.disabled
    rater.rating.value = "misleading"  # a change after seeing the check is not a new attempt
    rater.check_button.click()
    assert store.answer(LESSON, "article5-applies-us-targets-iraq")["status"] == "confirmed"
    rater.pick.value = "article5-invoked-after-9-11"
    assert not rater.kind.disabled and rater.kind.value is None and rater.result.value == ""
    again = _rater(ProgressStore(tmp_path))  # a new session
    again.pick.value = "article5-applies-us-targets-iraq"
    assert again.kind.value == "fact" and again.kind.disabled
    assert "the check rates it misleading" in again.result.value


def test_the_table_of_verdicts_waits_for_every_claim(
    tmp_path: Path, widget_text: Callable[[Any], str]
) -> None:
    store = ProgressStore(tmp_path)
    rater = _rater(store)
    ids = list(claims()["claim_id"])
    for claim_id in ids[:-1]:
        _commit(rater, claim_id, "fact", "confirmed")
    assert rater.verdicts.button.disabled and "1 of 14 still to do" in rater.verdicts.hint.value
    rater.verdicts._on_click()
    last = claims().set_index("claim_id").loc[ids[-1]]
    assert not rater.verdicts.revealed and "Support (check)" not in widget_text(rater.box)
    assert "Support (check)" not in widget_text(rater.verdicts.box)
    _commit(rater, ids[-1], "opinion", "contested")
    assert not rater.verdicts.button.disabled and not rater.verdicts.revealed
    rater.verdicts._on_click()
    table = widget_text(rater.verdicts.box)
    assert "Support (check)" in table and "8 confirmed, 2 contested" in table
    kinds, statuses, _tried = agreement(saved_attempts(store))
    assert f"You agreed on the kind of {kinds} and on the support of {statuses} of the 14" in table
    assert str(last["speaker"]) in table and "NaN" not in table
    assert _rater(ProgressStore(tmp_path)).verdicts.unlocked  # next session: open at once


def test_says_plainly_when_an_attempt_was_not_saved(tmp_path: Path) -> None:
    from widgets.classroom.progress import ProgressError

    class Full(ProgressStore):
        def save(self, lesson: str, question: str, answer: object) -> None:
            raise ProgressError("the progress folder cannot be written (disk full)")

    rater = _rater(Full(tmp_path))
    _commit(rater, "article5-applies-us-targets-iraq", "fact", "confirmed")
    assert "was NOT saved: the progress folder cannot be written" in rater.result.value
    assert "The course&#x27;s check" in rater.result.value or "course's check" in rater.result.value
    assert "None" not in rater.result.value and rater.rating.value == "confirmed"


def test_options_are_one_column_with_full_labels(tmp_path: Path) -> None:
    rater = _rater(ProgressStore(tmp_path))
    for control in (rater.kind, rater.rating):
        assert control.layout.width == "max-content" and not control.description
        assert all(":" in label and len(label) > 15 for label in control._options_labels)
    assert rater.check_button.layout.width == "max-content"
    assert rater.check_button.description == "Save my answers and show the check"


# --- Only learner-facing words ----------------------------------------------------------------


def _curator_stretches() -> dict[str, str]:
    found: dict[str, str] = {}
    for name in ("claims", "sources"):
        fields = [f["name"] for f in schema(name)["fields"] if f.get("audience") == "curator"]
        for column in fields:
            for value in load(name)[column].dropna():
                text = " ".join(str(value).split())
                for i in range(0, max(len(text) - WINDOW + 1, 0), WINDOW // 2):
                    found[text[i : i + WINDOW]] = f"{name}.{column}"
    return found


def test_the_whole_lesson_widget_shows_no_curator_words_or_ids(
    tmp_path: Path, widget_text: Callable[[Any], str]
) -> None:

    rater = _rater(ProgressStore(tmp_path))
    pages = []
    for claim_id in claims()["claim_id"]:
        rater.pick.value = claim_id
        pages.append(widget_text(rater.box))
        _commit(rater, claim_id, "fact", "confirmed")
        pages.append(widget_text(rater.box))
    rater.verdicts.reveal()
    pages.append(widget_text(rater.verdicts.box))
    pages.append(ask_choice("misleading-by-omission").as_text())
    page = " ".join(" ".join(pages).replace("\xa0", " ").split())
    assert "UNVERIFIED" not in page
    ids = set(load("sources")["source_id"]) | set(claims()["claim_id"])
    leaked = [i for i in ids if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", page)]
    assert leaked == []
    assert [where for stretch, where in _curator_stretches().items() if stretch in page] == []


def test_self_check_choices_are_the_article_s_words_and_feedback_reads_once() -> None:

    question = ask_choice("misleading-by-omission")
    quotes = set(claims()["quote"])
    assert all(choice.label.strip("“”") in quotes for choice in question.choices)
    for picked in range(len(question.choices)):
        _right, message = question.feedback(picked)
        lead = message.split(".")[0]
        assert message.count(lead + ".") == 1 and "Yes:" not in message


def test_the_list_of_claims_holds_no_answers() -> None:
    from widgets.lessons import case

    listed = case.claims_to_check()
    assert list(listed.columns) == ["#", "In the article", "Said by"]
    assert list(listed["In the article"]) == list(claims()["quote"])
    assert not listed.isna().any().any()
