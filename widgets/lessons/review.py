"""Lesson 07: every prediction beside what the course found, the quiz, a score in words, and the
line Stoltenberg could have said.

Plain values only (no widgets): the view is :mod:`widgets.classroom.review_view`. The course's
answers are computed from the data and the engines (the Article 6 engine, the timeline, the claim
checks, the deterrence model), so a change in the data changes the answer key with it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from html.parser import HTMLParser
from typing import Any

import pandas as pd

from widgets.cases import case
from widgets.classroom.progress import ProgressStore
from widgets.classroom.question_bank import ask_choice, ask_number, question_ids
from widgets.classroom.questions import Question
from widgets.data import load

LESSON = "07"
LINE_QID = "stoltenberg-line"  # where the learner's own line is saved
DETERRENCE_START = (3.0, -2.0)  # lesson 05's starting w0, w1 (illustrative, not estimates)
LEAD_INS = ("Predict first:", "Predict:")  # the lessons' cue, not part of the question
DAYS_CHECK = "days-to-retaliation"  # lesson 03's count of days, which the review explains


# --- The quiz -------------------------------------------------------------------------------------


def bank_questions() -> list[Question]:
    """Every quiz question (rows of ``questions`` with role ``quiz``), in the order of the lessons
    they check, with feedback on each choice; asked as lesson 07's, where answers are saved."""
    quiz = sorted(
        (ask_choice(qid) for qid in question_ids(roles=("quiz",))),
        key=lambda q: (q.lesson, q.qid),
    )
    return [replace(q, lesson=LESSON, prompt=f"(Lesson {q.lesson}) {q.prompt}") for q in quiz]


def questions_per_lesson() -> dict[str, int]:
    """How many quiz questions check each lesson, e.g. ``{"01": 2, ...}``."""
    counts: dict[str, int] = {}
    for qid in question_ids(roles=("quiz",)):
        lesson = ask_choice(qid).lesson
        counts[lesson] = counts.get(lesson, 0) + 1
    return counts


def quiz_coverage() -> pd.DataFrame:
    """The quiz's questions per lesson, as a small table for the lesson page."""
    rows = [{"lesson": k, "questions": n} for k, n in sorted(questions_per_lesson().items())]
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class Score:
    right: int
    wrong: int
    unanswered: int

    @property
    def total(self) -> int:
        return self.right + self.wrong + self.unanswered

    def words(self) -> str:
        """The score as a learner reads it: "3 of 14 right, 10 not answered yet"."""
        text = f"{self.right} of {self.total} right"
        if self.unanswered:
            return f"{text}, {self.unanswered} not answered yet."
        return f"{text}: you have answered every question."


def tally(answers: Mapping[str, Any], questions: Iterable[Question]) -> Score:
    """Count ``answers`` (question id -> the committed choice) against ``questions``; an answer
    that is missing or not one of a question's choices counts as not answered."""
    right = wrong = unanswered = 0
    for question in questions:
        picked = answers.get(question.qid)
        if choice_label(question, picked) is None:
            unanswered += 1
        elif picked == question.correct:
            right += 1
        else:
            wrong += 1
    return Score(right, wrong, unanswered)


def score(store: ProgressStore | None = None) -> tuple[int, int, int]:
    """(right, answered, total) from the quiz answers saved on this computer, for an instructor
    or a script; the lesson itself shows :func:`tally` in words, as the learner answers."""
    saved = (store or ProgressStore()).read().get(LESSON, {})
    result = tally(saved, bank_questions())
    return result.right, result.right + result.wrong, result.total


# --- Predictions: the polls of the lessons before this one ------------------------------------


def discover_predictions() -> list[Question]:
    """Every "predict first" poll (role ``poll`` in the questions' data) of a lesson before the
    review, in lesson order. Lesson 08 comes after the review and closes its own prediction."""
    return [
        question
        for qid in question_ids(roles=("poll",))
        for question in [ask_choice(qid)]
        if question.lesson < LESSON
    ]


def prompt_text(question: Question) -> str:
    """The whole question, without the "Predict first:" cue the lessons put before it."""
    text = question.prompt
    for cue in LEAD_INS:
        text = text.removeprefix(cue)
    text = text.strip()
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class CourseAnswer:
    """What a lesson found, in plain words; ``choice`` is the closest of the poll's choices
    (None when the lesson leaves it open), ``source_ids`` the rows of ``sources`` it rests on."""

    finding: str
    choice: int | None = None
    source_ids: tuple[str, ...] = ()


def _event(event_id: str) -> dict[str, Any]:
    events = load("events").set_index("event_id")
    if event_id not in events.index:
        raise ValueError(f"The review needs the event {event_id!r} in the case's events.csv.")
    return {str(key): value for key, value in events.loc[event_id].to_dict().items()}


def _treaty_source(article: str) -> tuple[str, ...]:
    """The source of the treaty's text, as the key phrases of ``article`` cite it first."""
    phrases = load("phrases")
    rows = phrases[
        (phrases["treaty_id"] == "north-atlantic-treaty") & (phrases["article"] == article)
    ]
    return tuple(rows["source_id"].iloc[0][:1]) if len(rows) else ()


def _date(value: Any) -> str:
    return f"{value.day} {value:%B %Y}"


def _article5_in_iraq(question: Question) -> CourseAnswer:
    from widgets.treaty import article6_verdict

    places = load("places").set_index("place_id")
    base = places.loc["ain-al-asad-air-base"].to_dict()
    verdict = article6_verdict(
        float(base["lat"]), float(base["lon"]), target="forces", on="2020-01-08"
    )
    deems = str(load("phrases").set_index("phrase_id").loc["art5-deems-necessary", "phrase"])
    reason = verdict.reason[:1].lower() + verdict.reason[1:]
    return CourseAnswer(
        finding=(
            f"Not necessarily, and not in Iraq. Article 5 leaves each ally to take "
            f"\u201c{deems}\u201d: armed force is an option, not a duty. And Article 6 leaves "
            f"US forces at Ain al-Asad outside the treaty area: {reason}"
        ),
        choice=2 if verdict.covered != "yes" else 0,
        source_ids=tuple(dict.fromkeys((*_treaty_source("5"), *_treaty_source("6")))),
    )


def _reliability(question: Question) -> CourseAnswer:
    from widgets.classroom.claims import claims

    table = claims()
    counts = table["status"].value_counts()
    total, confirmed = len(table), int(counts.get("confirmed", 0))
    others = ", ".join(
        f"{int(n)} {status}" for status, n in counts.items() if status != "confirmed"
    )
    share = confirmed / total if total else 0.0
    choice = 0 if share >= 0.9 else 1 if share >= 0.5 else 2

    def held(kinds: set[str]) -> str:
        rows = table[table["kind"].isin(kinds)]
        return f"{int((rows['status'] == 'confirmed').sum())} of {len(rows)}"

    return CourseAnswer(
        finding=(
            f"Lesson 01 checked {total} of the article's claims against the sources: {confirmed} "
            f"were confirmed ({others}). Of its facts, {held({'fact'})} held up; of its "
            f"quotations, {held({'quotation'})}; of its own speculation and opinions, "
            f"{held({'speculation', 'opinion'})}."
        ),
        choice=choice,
    )


def _five_attacks(question: Question) -> CourseAnswer:
    from widgets.classroom.answer_rules import attack_verdict, attacks

    groups: dict[str, list[str]] = {"yes": [], "no": [], "contested": []}
    places = load("places").set_index("place_id")
    table = attacks(case().case_id)
    for _, row in table.iterrows():
        name = str(places.loc[row["place_id"], "name"])
        groups.setdefault(str(attack_verdict(row).covered), []).append(name)
    count = len(groups["yes"])
    parts = [
        f"clearly inside: {', '.join(groups['yes']) or 'none'}",
        f"outside: {', '.join(groups['no']) or 'none'}",
    ]
    if groups["contested"]:
        parts.append(f"contested: {', '.join(groups['contested'])}")
    return CourseAnswer(
        finding=f"{count} of the five, on the Article 6 engine: " + "; ".join(parts) + ".",
        choice=count if 0 <= count < len(question.choices) else None,
        source_ids=_treaty_source("6"),
    )


def _days(question: Question) -> CourseAnswer:
    from widgets.classroom.answer_rules import parse_params
    from widgets.classroom.question_bank import table

    rows = table()
    params = parse_params(rows.loc[rows["question_id"] == DAYS_CHECK, "params"].iloc[0])
    days = round(ask_number(DAYS_CHECK).expected())
    strike, retaliation = _event(params["from"]), _event(params["to"])
    choice = 0 if days == 0 else 1 if days <= 7 else 2 if days <= 45 else 3
    return CourseAnswer(
        finding=(
            f"{days} days: the US strike killed Soleimani on {_date(strike['date'])}, and Iran's "
            f"missiles hit Ain al-Asad on {_date(retaliation['date'])} (local dates)."
        ),
        choice=choice,
        source_ids=tuple(dict.fromkeys((*strike["source_id"][:1], *retaliation["source_id"][:1]))),
    )


def _iran_response(question: Question) -> CourseAnswer:
    strike = _event("2020-01-08-ain-al-asad-strike")
    message = _event("2020-01-08-iraq-warned-by-iran")
    return CourseAnswer(
        finding=(
            f"A limited strike on US forces, with word sent to Iraq. {strike['action']} "
            f"{message['action']}"
        ),
        choice=1,
        source_ids=tuple(dict.fromkeys((*strike["source_id"][:1], *message["source_id"][:1]))),
    )


def _clarity(question: Question) -> CourseAnswer:
    from widgets.escalation.models import extended_deterrence

    w0, w1 = DETERRENCE_START
    q_star = extended_deterrence(w0, w1, 0.0).q_star or 0.0
    return CourseAnswer(
        finding=(
            "It depends, and lesson 05 gives no single answer. With its starting sliders an "
            f"attacker is deterred once it believes the defender fights with probability "
            f"{q_star:.2f} or more: if Iran already believed that, a clear statement added little. "
            "Clarity also raises the risk of entrapment, and some uncertainty can itself deter."
        ),
        choice=2,
    )


def _dilemma(question: Question) -> CourseAnswer:
    from widgets.escalation.models import alliance_dilemma, dilemma_preset

    _, dependence, risk = dilemma_preset("europe-in-the-crisis")
    best = alliance_dilemma(dependence, risk).best_commitment
    fear = 1 if risk > dependence else 0 if dependence > risk else 2
    return CourseAnswer(
        finding=(
            f"{question.choices[fear].label.split(':')[0]}, on the course's illustrative reading "
            f"(not data): with lesson 05's setting for the European allies in the US-Iran crisis "
            f"(need {dependence:g}, partner's risk-taking {risk:g}) the least-risk commitment is "
            f"only {best:.2f}. For their own defence the same allies need the US far more: the "
            "dilemma is weighed issue by issue."
        ),
        choice=fear,
    )


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "li":
            self.parts.append(" ")


def _plain(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    parser.close()
    return " ".join("".join(parser.parts).split())


def _silence(question: Question) -> CourseAnswer:
    from widgets.lessons import ambiguity

    reading = getattr(ambiguity, "READING", "")
    return CourseAnswer(
        finding="The course gives no verdict here, only its reading. " + _plain(str(reading)),
    )


def _council(question: Question) -> CourseAnswer:
    council = importlib.import_module("widgets.lessons.council")
    return CourseAnswer(
        finding=str(council.what_happened()),
        choice=int(council.OUTCOME),
        source_ids=tuple(  # the first report of each event the lesson cites
            dict.fromkeys(s for e in council.real_lines() for s in _event(e)["source_id"][:1])
        ),
    )


def _transfer(question: Question) -> CourseAnswer:
    """Lesson 08's poll (after the review; the answer key uses it): what the Council and its
    Secretary General said the morning after Przewodów, from the case's debrief events."""
    from widgets.classroom.council import real_lines

    transfer = importlib.import_module("widgets.lessons.transfer")
    lines = real_lines(transfer.CASE)
    return CourseAnswer(
        finding=" ".join(str(_event(e)["action"]) for e in lines),
        choice=int(transfer.OUTCOME),
        source_ids=tuple(dict.fromkeys(s for e in lines for s in _event(e)["source_id"][:1])),
    )


ANSWERS: dict[str, Callable[[Question], CourseAnswer]] = {
    "predict-article5-iraq": _article5_in_iraq,
    "predict-reliability": _reliability,
    "predict-five-attacks": _five_attacks,
    "predict-days-to-retaliation": _days,
    "predict-iran-response": _iran_response,
    "predict-clarity": _clarity,
    "predict-dilemma": _dilemma,
    "judge-silence": _silence,
    "predict-council-line": _council,
    "predict-przewodow-line": _transfer,
}


def course_answer(question: Question) -> CourseAnswer:
    """What the course found for a prediction; a poll the review does not know yet is sent back
    to its lesson in plain words rather than given an answer nobody wrote."""
    build = ANSWERS.get(question.qid)
    if build is None:
        return CourseAnswer(
            finding=(
                f"Lesson {question.lesson} answers this in its own words: look back at it and "
                "compare with your prediction."
            )
        )
    return build(question)


def choice_label(question: Question, picked: Any) -> str | None:
    """The label of a saved pick, or None when there is no valid pick."""
    if isinstance(picked, bool) or not isinstance(picked, int):
        return None
    return question.choices[picked].label if 0 <= picked < len(question.choices) else None


# --- The line Stoltenberg could have said --------------------------------------------------------


@dataclass(frozen=True)
class Quotation:
    speaker: str
    said: str  # the exact words, as the source prints them
    when: str
    context: str  # what happened, in the course's words
    source_ids: tuple[str, ...]


def what_stoltenberg_said() -> Quotation:
    """His answer on 6 January 2020, from ``events`` (exact words and the report that prints
    them first)."""
    event_id = case().statement_event_id
    row = _event(event_id)
    said = row.get("quotation")
    if not isinstance(said, str) or not said.strip():
        raise ValueError(f"The event {event_id!r} has no quotation in the case's events.csv.")
    return Quotation(
        speaker="Jens Stoltenberg, NATO Secretary General",
        said=said.strip(),
        when=_date(row["date"]),
        context=str(row["action"]),
        source_ids=tuple(row["source_id"][:1]),
    )


def check_line(text: object) -> str:
    """The learner's line, trimmed; a plain ``ValueError`` when there is nothing to save."""
    line = str(text or "").strip()
    if not line:
        raise ValueError("Write your line first: one or two sentences are enough.")
    if len(line) > 2000:
        raise ValueError("That is longer than a press answer: keep it under 2000 characters.")
    return line
