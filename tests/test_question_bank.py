"""Questions as data (issue 14): every question is rows of a CSV; a rule computes the right answer
from the data, so an edit to the data changes the answer; a broken question says where and why."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from widgets import data
from widgets.classroom.answer_rules import RULES, parse_params
from widgets.classroom.question_bank import ask, ask_choice, ask_number, question_ids, table
from widgets.classroom.questions import NumericQuestion, Question

FIELDS = [
    "question_id",
    "lesson",
    "role",
    "prompt",
    "choice_index",
    "choice",
    "correct",
    "value",
    "feedback",
    "right_feedback",
    "explanation",
    "answer",
    "params",
    "tolerance",
    "closest",
    "finding",
    "source_id",
    "note",
]


def test_every_question_of_the_course_builds() -> None:
    ids = question_ids(roles=("poll", "check", "quiz"))
    assert len(ids) == table()["question_id"].nunique()
    for qid in ids:
        question = ask(qid, answer=lambda: 0.5)
        assert question.prompt and "{" not in question.prompt, qid
        if isinstance(question, Question):
            assert all(c.label and "{" not in c.label for c in question.choices), qid
            assert all("{" not in c.feedback for c in question.choices), qid


def test_the_schema_lists_exactly_the_registered_rules() -> None:
    for name in ("questions", "case_questions"):
        field = next(f for f in data.schema(name)["fields"] if f["name"] == "answer")
        assert set(field["constraints"]["enum"]) == {*RULES, "learner-settings"}


def test_the_instructor_guide_lists_every_rule() -> None:
    guide = (Path(__file__).resolve().parents[1] / "notebooks" / "instructor_guide.md").read_text(
        encoding="utf-8"
    )
    listed = set(re.findall(r"^\| `([a-z0-9-]+)` \|", guide, flags=re.MULTILINE))
    assert listed - {"answer"} == {*RULES, "learner-settings"}  # "answer": the header


def test_polls_have_no_right_answer_and_checks_have_one() -> None:
    for qid in question_ids(roles=("poll",)):
        assert ask_choice(qid).correct is None
    for qid in question_ids(roles=("check",)):
        question = ask(qid, answer=lambda: 0.5)
        assert isinstance(question, NumericQuestion) or question.correct is not None


def test_params_are_read_as_key_value_pairs() -> None:
    assert parse_params("from=a; to=b c") == {"from": "a", "to": "b c"}
    assert parse_params("") == {}
    with pytest.raises(ValueError, match="'oops' is not key=value"):
        parse_params("from=a; oops")


def test_an_unknown_question_is_named() -> None:
    with pytest.raises(ValueError, match="There is no question 'nope'"):
        ask("nope")


def test_a_slider_question_asks_for_its_live_answer() -> None:
    with pytest.raises(ValueError, match="depends on the learner's settings"):
        ask("q-star-own-settings")
    assert ask_number("days-to-retaliation").expected() == 5
    ruled = ask("days-to-retaliation", answer=lambda: 0.0)  # its rule's answer stands
    assert isinstance(ruled, NumericQuestion) and ruled.expected() == 5


# --- A small package whose questions the tests write -------------------------------------------


@pytest.fixture()
def mini(package: Callable[..., Path], monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The fixtures' package as the course's data, its case holding the questions written."""
    root = package()
    monkeypatch.setenv(data.DATA_ENV, str(root))
    data.clear_cache()
    yield root
    data.clear_cache()


def write_questions(root: Path, rows: list[dict[str, str]], where: str = "cases/mini") -> None:
    with (root / where / "questions.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: row.get(k, "") for k in FIELDS} for row in rows)
    data.clear_cache()


def days_question(**first: str) -> list[dict[str, str]]:
    return [
        {
            "question_id": "days",
            "lesson": "03",
            "role": "check",
            "prompt": "Self-check: how many days?",
            "choice_index": "0",
            "answer": "days-between",
            "params": "from=2020-01-03-soleimani-strike; to=2020-01-08-ain-al-asad-strike",
            "tolerance": "0",
            **first,
        }
    ]


def attack_question(attack: str = "ain-al-asad", **first: str) -> list[dict[str, str]]:
    rows = [
        {
            "question_id": "where",
            "lesson": "02",
            "role": "check",
            "prompt": "Self-check: {description} ({on}). Inside?",
            "choice_index": str(i),
            "choice": label,
            "value": value,
            "feedback": "Try the map.",
        }
        for i, (label, value) in enumerate((("Yes", "yes"), ("No", "no"), ("Open", "contested")))
    ]
    rows[0].update(
        {"answer": "article6-attack", "params": f"attack={attack}", "right_feedback": "{reason}"}
    )
    rows[0].update(first)
    return rows


def test_a_computed_answer_follows_the_data(mini: Path) -> None:
    write_questions(mini, days_question())
    assert ask_number("days").expected() == 5
    events = mini / "cases" / "mini" / "events.csv"
    text = events.read_text(encoding="utf-8")
    events.write_text(
        text.replace(
            "2020-01-08-ain-al-asad-strike,2020-01-08,", "2020-01-08-ain-al-asad-strike,2020-01-09,"
        ),
        encoding="utf-8",
    )
    data.clear_cache()
    assert ask_number("days").expected() == 6


def test_the_rule_picks_the_right_choice_and_fills_the_texts(mini: Path) -> None:
    write_questions(mini, attack_question())
    question = ask_choice("where")
    assert question.prompt.startswith("Self-check: Iranian missiles hit US troops at Ain al-Asad")
    assert "(2020-01-08)" in question.prompt
    assert question.correct == 1  # US forces in Iraq: outside the treaty area
    right, message = question.feedback(1)
    assert right is True and "territory of a Party" in message  # the engine's reason
    assert question.feedback(0) == (False, "Not quite. Try the map.")


def test_a_rule_that_cannot_answer_names_the_file_and_question(mini: Path) -> None:
    write_questions(mini, attack_question("ceuta-x"))
    with pytest.raises(data.DataError) as caught:
        ask("where")
    assert str(caught.value) == (
        f'{mini / "cases" / "mini" / "questions.csv"}, row 2, column "answer": question '
        "'where': the attack 'ceuta-x' is not in the case's attacks.csv (rule: an answer rule)"
    )


def test_a_placeholder_the_rule_does_not_fill_is_named(mini: Path) -> None:
    write_questions(mini, [dict(row, prompt="Self-check: {place}?") for row in attack_question()])
    with pytest.raises(
        ValueError, match=r"the rule 'article6-attack' gives no value for \{place\}"
    ):
        ask("where")


def test_a_rule_whose_answer_matches_no_choice_says_so(mini: Path) -> None:
    rows = attack_question()
    rows[1]["value"] = "maybe"
    write_questions(mini, rows)
    with pytest.raises(ValueError, match="gives no, which matches 0 choices' values"):
        ask("where")


Rows = list[dict[str, str]]
BROKEN: dict[str, tuple[Callable[[Rows], Rows], int, str, str]] = {
    "a poll with a right answer": (
        lambda rows: [
            dict(r, role="poll", correct="true" if r["choice_index"] == "1" else "") for r in rows
        ],
        3,
        "correct",
        "is a poll: leave correct empty",
    ),
    "a check with neither a mark nor a rule": (
        lambda rows: [dict(r, answer="", params="", right_feedback="") for r in rows],
        2,
        "correct",
        "has 0 choices marked correct; mark exactly one true, or name the rule",
    ),
    "a right answer both marked and computed": (
        lambda rows: [dict(r, correct="true" if r["choice_index"] == "1" else "") for r in rows],
        3,
        "correct",
        "marks a choice correct and names the rule 'article6-attack'",
    ),
    "a question-level cell on a later row": (
        lambda rows: [
            dict(r, explanation="Why." if r["choice_index"] == "2" else "") for r in rows
        ],
        4,
        "explanation",
        "gives explanation on a later row",
    ),
    "choices numbered with a gap": (
        lambda rows: [dict(r, choice_index="3") if r["choice_index"] == "2" else r for r in rows],
        2,
        "choice_index",
        "numbers its choices 0, 1, 3",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_question_is_refused_with_file_row_and_column(mini: Path, case: str) -> None:
    change, row, column, words = BROKEN[case]
    write_questions(mini, change(attack_question()))
    with pytest.raises(data.DataError) as caught:
        data.load("case_questions")
    first = str(caught.value).splitlines()[0]
    assert first.startswith(str(mini / "cases" / "mini" / "questions.csv"))
    assert (caught.value.row, caught.value.column) == (row, column)
    assert words in first


def test_a_number_question_needs_its_rule(mini: Path) -> None:
    write_questions(mini, days_question(answer="", params=""))
    with pytest.raises(data.DataError, match="has no choices, so it is answered with a number"):
        data.load("case_questions")


def test_a_question_id_is_unique_across_the_course_and_its_cases(mini: Path) -> None:
    write_questions(mini, attack_question(), where="cases/mini")
    with (mini / "questions.csv").open(encoding="utf-8", newline="") as handle:
        rows = [dict(r, question_id="where") for r in csv.DictReader(handle)]
    with (mini / "questions.csv").open("a", encoding="utf-8", newline="") as handle:
        csv.DictWriter(handle, FIELDS, lineterminator="\n").writerows(
            {k: r.get(k, "") for k in FIELDS} for r in rows
        )
    data.clear_cache()
    with pytest.raises(data.DataError, match=r"question 'where' is already a question in"):
        data.load("questions")
