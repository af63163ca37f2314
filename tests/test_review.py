"""Lesson 07: every prediction found and answered from the data, answers only after an attempt,
a live score in words, and the learner's own line beside what Stoltenberg said."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from widgets.classroom.progress import ProgressError, ProgressStore
from widgets.classroom.question_bank import ask_choice, ask_number
from widgets.classroom.questions import Choice, Question
from widgets.data import load
from widgets.lessons import review
from widgets.markup import escape

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT.parent / "shared" / "case-study-article.txt"


@pytest.fixture()
def text_of(widget_text: Callable[[Any], str]) -> Callable[[Any], str]:
    """Every string a course view (or a widget) sends to the browser (conftest's widget_text)."""
    return lambda thing: widget_text(getattr(thing, "box", thing))


class Full(ProgressStore):
    """A store whose disk is full: nothing can be saved."""

    def save(self, lesson: str, question: str, answer: object) -> None:
        raise ProgressError("the progress folder cannot be written (disk full)")


# --- The predictions ----------------------------------------------------------------------------


def _polls_by_hand() -> set[tuple[str, str]]:
    """Every poll before the review, found independently: the question files read as plain CSV."""
    found = set()
    for path in [
        ROOT / "data" / "questions.csv",
        *sorted((ROOT / "data" / "cases").glob("*/questions.csv")),
    ]:
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                if row["role"] == "poll" and row["lesson"] < "07":  # 08 comes after the review
                    found.add((row["lesson"], row["question_id"]))
    return found


def test_every_prediction_of_every_lesson_is_found() -> None:
    found = review.discover_predictions()
    assert {(q.lesson, q.qid) for q in found} == _polls_by_hand()
    lessons = [q.lesson for q in found]
    assert lessons == sorted(lessons)
    assert {"00", "01", "02", "03", "04", "05"} <= set(lessons)  # lesson 01's poll included
    assert "predict-reliability" in {q.qid for q in found}


def test_every_prediction_has_the_courses_answer() -> None:
    for question in review.discover_predictions():
        assert question.finding, (
            f"lesson {question.lesson}'s poll {question.qid!r} has no course answer: give it a "
            "finding in its questions.csv (computed from the data by a rule where it can be)"
        )
        answer = review.course_answer(question)
        assert answer.finding and "look back" not in answer.finding
        assert answer.choice is None or 0 <= answer.choice < len(question.choices)
        review_sources = load("sources")["source_id"]
        assert set(answer.source_ids) <= set(review_sources)


def test_an_unknown_poll_is_sent_back_to_its_lesson() -> None:
    poll = Question(
        "predict-new", "06", "Predict first: will they agree?", (Choice("a"), Choice("b"))
    )
    answer = review.course_answer(poll)
    assert answer.choice is None and "Lesson 06" in answer.finding


def test_answers_are_computed_from_the_engines() -> None:
    from widgets.classroom.answer_rules import Context, attacks_inside

    five = review.course_answer(ask_choice("predict-five-attacks"))
    count = attacks_inside(Context("jan-2020", {})).answer
    assert five.choice == count and five.finding.startswith(f"{count} of the five")
    assert "Incirlik" in five.finding.split("outside")[0]
    days = round(ask_number("days-to-retaliation").expected())
    answer = review.course_answer(ask_choice("predict-days-to-retaliation"))
    assert answer.finding.startswith(f"{days} days")
    assert (
        ask_choice("predict-days-to-retaliation").choices[answer.choice or 0].label
        == "Within a week"
    )
    iraq = review.course_answer(ask_choice("predict-article5-iraq"))
    assert iraq.choice is not None
    assert ask_choice("predict-article5-iraq").choices[iraq.choice].label.startswith("No")
    assert "such action as it deems necessary" in iraq.finding
    from widgets.classroom.claims import claims

    table = claims()
    reliability = review.course_answer(ask_choice("predict-reliability"))
    confirmed = int((table["status"] == "confirmed").sum())
    assert f"checked {len(table)} of the article's claims" in reliability.finding
    assert f"{confirmed} were confirmed" in reliability.finding


def test_the_courses_answer_stays_hidden_until_the_prediction_is_made(
    tmp_path: Path, text_of: Callable[[Any], str]
) -> None:
    from widgets.classroom.review_view import PredictionsReview

    store = ProgressStore(tmp_path)
    page = PredictionsReview(store)
    card = next(c for c in page.cards if c.question.qid == ask_choice("predict-reliability").qid)
    finding = review.course_answer(ask_choice("predict-reliability")).finding
    assert card.poll is not None and card.reveal.button.disabled
    assert finding not in text_of(page) and "Closest choice" not in text_of(page)
    assert "<b>After reading the article once, how much of it" in text_of(card)
    card.reveal._on_click()  # a press on the locked button shows nothing
    assert finding not in text_of(page)
    card.poll.choices.value = 0
    card.poll.button.click()
    assert store.answer("01", "predict-reliability") == 0  # saved where lesson 01 keeps it
    assert "open the course's answer" in card.poll.feedback.value.replace("&#x27;", "'")
    assert finding not in text_of(page)  # unlocked, not shown
    card.reveal.button.click()
    shown = text_of(card)
    assert "Your prediction" in shown and "Nearly all of it." in shown
    assert "What the course found" in shown and escape(finding) in shown


def test_a_prediction_made_in_its_lesson_is_shown_and_its_answer_opens(
    tmp_path: Path, text_of: Callable[[Any], str]
) -> None:
    from widgets.classroom.review_view import PredictionsReview

    store = ProgressStore(tmp_path)
    store.save("02", ask_choice("predict-five-attacks").qid, 4)
    card = next(
        c
        for c in PredictionsReview(store).cards
        if c.question.qid == ask_choice("predict-five-attacks").qid
    )
    assert card.poll is None and "Your prediction: 4" in text_of(card)
    assert not card.reveal.button.disabled and "of the five" not in text_of(card)
    card.reveal.button.click()
    assert "2 of the five" in text_of(card) and "Closest choice: <i>2</i>" in text_of(card)


def test_a_failed_save_keeps_the_pick_and_still_compares(
    tmp_path: Path, text_of: Callable[[Any], str]
) -> None:
    from widgets.classroom.review_view import PredictionsReview

    card = PredictionsReview(Full(tmp_path)).cards[0]
    assert card.poll is not None
    card.poll.choices.value = 1
    card.poll.button.click()
    assert "NOT saved" in card.poll.feedback.value
    card.reveal.button.click()
    assert card.question.choices[1].label in text_of(card)


def test_nothing_rendered_shows_an_id(tmp_path: Path, text_of: Callable[[Any], str]) -> None:
    from widgets.classroom.review_view import PredictionsReview, ReviewQuiz, StatementLine

    store = ProgressStore(tmp_path)
    page, quiz, line = PredictionsReview(store), ReviewQuiz(store), StatementLine(store)
    for card in page.cards:
        assert card.poll is not None
        card.poll.choices.value = 0
        card.poll.button.click()
        card.reveal.button.click()
    for item in quiz.quiz.items:
        item.choices.value = 0
        item.button.click()
    line.text.value = "We will not speculate."
    line.button.click()
    line.reveal.button.click()
    shown = "\n".join(text_of(x) for x in (page, quiz, line))
    ids = set(load("sources")["source_id"]) | {q.qid for q in review.discover_predictions()}
    ids |= {q.qid for q in review.bank_questions()}
    words = set(re.findall(r"[A-Za-z0-9][A-Za-z0-9-]+", shown))
    assert ids & words == set()
    assert "UNVERIFIED" not in shown and "nan" not in words


# --- The quiz and its score ---------------------------------------------------------------------


def test_every_lesson_has_at_least_two_quiz_questions() -> None:
    counts = review.questions_per_lesson()
    for lesson in ("01", "02", "03", "04", "05", "06"):
        assert counts.get(lesson, 0) >= 2, f"lesson {lesson} has {counts.get(lesson, 0)}"


def test_score_in_words() -> None:
    questions = review.bank_questions()[:3]
    first, second, third = questions
    assert first.correct is not None and second.correct is not None
    wrong = (second.correct + 1) % len(second.choices)
    score = review.tally({first.qid: first.correct, second.qid: wrong}, questions)
    assert (score.right, score.wrong, score.unanswered) == (1, 1, 1)
    assert score.words() == "1 of 3 right, 1 not answered yet."
    odd = review.tally({first.qid: 99, second.qid: True, third.qid: "a"}, questions)
    assert odd.unanswered == 3
    every = {q.qid: q.correct for q in questions}
    assert (
        review.tally(every, questions).words() == "3 of 3 right: you have answered every question."
    )


def test_the_score_follows_each_answer_without_a_rerun(tmp_path: Path) -> None:
    from widgets.classroom.review_view import ReviewQuiz

    store = ProgressStore(tmp_path)
    quiz = ReviewQuiz(store)
    total = len(quiz.questions)
    assert f"0 of {total} right, {total} not answered yet." in quiz.score.value
    first, second = quiz.quiz.items[:2]
    first.choices.value = first.question.correct
    first.button.click()
    assert f"1 of {total} right, {total - 1} not answered yet." in quiz.score.value
    assert second.question.correct is not None
    second.choices.value = (second.question.correct + 1) % len(second.question.choices)
    second.button.click()
    assert f"1 of {total} right, {total - 2} not answered yet." in quiz.score.value
    second.choices.value = 0 if second.question.correct else 1  # moved, not checked: no change
    assert f"1 of {total} right, {total - 2}" in quiz.score.value
    again = ReviewQuiz(ProgressStore(tmp_path))  # the next session starts from the saved answers
    assert f"1 of {total} right, {total - 2} not answered yet." in again.score.value


def test_the_score_counts_an_answer_that_could_not_be_saved(tmp_path: Path) -> None:
    from widgets.classroom.review_view import ReviewQuiz

    quiz = ReviewQuiz(Full(tmp_path))
    item = quiz.quiz.items[0]
    item.choices.value = item.question.correct
    item.button.click()
    assert "NOT saved" in item.feedback.value and "<b>Your score:</b> 1 of" in quiz.score.value


# --- The line Stoltenberg could have said ---------------------------------------------------------


def test_his_words_are_the_articles_words_with_their_source() -> None:
    said = review.what_was_said()
    assert said.said == "not help to de-escalate" and said.when == "6 January 2020"
    assert said.source_ids == ("bloomberg-2020-01-06-nato-mum",)
    if ARTICLE.exists():
        assert f"\u201c{said.said}\u201d" in ARTICLE.read_text(encoding="utf-8")


@pytest.mark.parametrize("typed", ["", "   \n "])
def test_an_empty_line_is_asked_for_plainly(tmp_path: Path, typed: str) -> None:
    from widgets.classroom.review_view import StatementLine

    line = StatementLine(ProgressStore(tmp_path))
    line.text.value = typed
    line.button.click()
    assert "Write your line first" in line.status.value
    assert line.reveal.button.disabled and ProgressStore(tmp_path).read() == {}


def test_his_words_are_nowhere_on_the_page_before_the_learner_tries(
    tmp_path: Path, text_of: Callable[[Any], str]
) -> None:
    """Not in a quiz choice, not on a prediction card: only in a feedback or a reveal, after an
    attempt."""
    from widgets.classroom.review_view import PredictionsReview, ReviewQuiz, StatementLine

    said = review.what_was_said().said
    store = ProgressStore(tmp_path)
    page = "\n".join(text_of(x) for x in (PredictionsReview(store), ReviewQuiz(store)))
    assert said not in page and said not in text_of(StatementLine(store))


def test_the_line_is_saved_then_compared_with_his(
    tmp_path: Path, text_of: Callable[[Any], str]
) -> None:
    from widgets.classroom.review_view import StatementLine

    store = ProgressStore(tmp_path)
    store.save("00", ask_choice("predict-article5-iraq").qid, 1)
    line = StatementLine(store)
    assert "Yes, but only if the North Atlantic Council votes for it." in line.prediction.value
    assert line.reveal.button.disabled and "de-escalate" not in text_of(line)
    line.text.value = "  Allies <stand> together; Article 5 is for allies to decide.  "
    line.button.click()
    assert store.answer("07", review.LINE_QID).startswith("Allies <stand>")
    assert "de-escalate" not in text_of(line)
    line.reveal.button.click()
    shown = text_of(line)
    assert "\u201cnot help to de-escalate\u201d" in shown and "Jens Stoltenberg" in shown
    body = text_of(line.reveal.body)
    assert "Allies &lt;stand&gt; together" in body and "<stand>" not in body
    assert "Bloomberg (via BloombergQuint)" in shown and "NATO Chief Is Mum" in shown
    again = StatementLine(ProgressStore(tmp_path))
    assert again.text.value.startswith("Allies") and not again.reveal.button.disabled


def test_a_line_that_cannot_be_saved_stays_on_screen(
    tmp_path: Path, text_of: Callable[[Any], str]
) -> None:
    from widgets.classroom.review_view import StatementLine

    line = StatementLine(Full(tmp_path))
    assert "you have not made it yet" in line.prediction.value
    line.text.value = "We consult, then we decide together."
    line.button.click()
    assert "Your line was NOT saved: the progress folder cannot be written" in line.status.value
    assert line.text.value == "We consult, then we decide together."
    assert not line.reveal.button.disabled
    line.reveal.button.click()
    assert "We consult, then we decide together." in text_of(line)


def test_the_saved_score_for_an_instructor(tmp_path: Path) -> None:
    questions = review.bank_questions()
    first, second = questions[0], questions[1]
    assert first.correct is not None and second.correct is not None
    store = ProgressStore(tmp_path)
    store.save("07", first.qid, first.correct)
    store.save("07", second.qid, (second.correct + 1) % len(second.choices))
    assert review.score(store) == (1, 2, len(questions))


def test_the_lesson_shows_how_many_questions_check_each_lesson() -> None:
    table = review.quiz_coverage()
    assert list(table.columns) == ["lesson", "questions"]
    assert table["questions"].sum() == len(review.bank_questions())
    assert list(table["lesson"]) == sorted(table["lesson"])


def test_the_clarity_answer_uses_lesson_05s_starting_sliders() -> None:
    import inspect

    from widgets.classroom.answer_rules import parse_params
    from widgets.classroom.question_bank import table
    from widgets.escalation.models_view import deterrence_explorer

    defaults = inspect.signature(deterrence_explorer).parameters
    rows = table()
    params = parse_params(rows.loc[rows["question_id"] == "predict-clarity", "params"].iloc[0])
    assert (float(params["w0"]), float(params["w1"])) == (
        defaults["w0"].default,
        defaults["w1"].default,
    )
