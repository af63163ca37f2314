"""Consensus at the North Atlantic Council: unanimity, a blocker, the silence procedure."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from widgets.classroom.council import Council, Draft
from widgets.classroom.question_bank import ask_choice

DRAFTS = (Draft("restraint", "Allies call for restraint."), Draft("article5", "Article 5 applies."))


def council() -> Council:
    return Council(("Canada", "France", "Türkiye"), DRAFTS)


def test_consensus_needs_every_voice_and_no_objection() -> None:
    c = council()
    c.set_position("Canada", "restraint", "support")
    c.set_position("France", "restraint", "support")
    status = c.status("restraint")
    assert not status.agreed and status.waiting == ("Türkiye",)
    c.set_position("Türkiye", "restraint", "can live with it")
    status = c.status("restraint")
    assert status.agreed and "1 can only live with it" in status.summary


def test_one_objection_blocks() -> None:
    c = council()
    for delegation in c.delegations:
        c.set_position(delegation, "article5", "support")
    c.set_position("France", "article5", "object")
    status = c.status("article5")
    assert not status.agreed and status.blockers == ("France",)
    assert status.summary == "No consensus: France objects."
    c.set_position("France", "article5", None)
    assert c.status("article5").waiting == ("France",)


def test_silence_procedure_adopts_unless_broken() -> None:
    c = council()
    c.start_silence("restraint", minutes=1)
    assert c.silence_result("restraint").startswith("Adopted")  # at the deadline, unbroken
    c.break_silence("Türkiye", "restraint", elapsed=10)
    c.break_silence("Canada", "restraint", elapsed=20)  # the first breaker is the one recorded
    assert (
        c.silence_result("restraint")
        == "Silence broken by Türkiye: the draft goes back to discussion."
    )


@pytest.mark.parametrize(
    ("action", "words"),
    [
        (lambda c: c.set_position("Narnia", "restraint", "support"), "no seat"),
        (lambda c: c.set_position("Canada", "nuclear", "support"), "no draft 'nuclear'"),
        (lambda c: c.set_position("Canada", "restraint", "veto"), "A position is one of"),
        (lambda c: c.break_silence("Canada", "article5"), "not under the silence procedure"),
    ],
)
def test_impossible_moves_are_refused_plainly(
    action: Callable[[Council], object], words: str
) -> None:
    with pytest.raises(ValueError, match=words):
        action(council())


def test_a_council_needs_seats_and_drafts() -> None:
    with pytest.raises(ValueError, match="at least one delegation"):
        Council((), DRAFTS)
    with pytest.raises(ValueError, match="only once"):
        Council(("Canada", "Canada"), DRAFTS)


def test_role_cards_come_from_the_data_and_cover_the_29_allies() -> None:
    from widgets.cases import case
    from widgets.classroom.council import groups
    from widgets.classroom.council_view import allies, role_card
    from widgets.timeline.enlargement import members_on

    seated = allies()
    # one seat per ally of that day (29 on 6 January 2020: pinned in test_enlargement)
    assert sorted(seated["iso3"]) == sorted(members_on(case().meeting_day)["iso3"])
    assert sorted(i for group in groups().values() for i in group) == sorted(seated["iso3"])
    card = role_card("DEU")
    assert "Germany" in card and "Sources:" in card
    assert "nothing found in the sources" in role_card("MNE")
    with pytest.raises(ValueError, match="did not sit at the Council"):
        role_card("MKD")  # North Macedonia joined in March 2020


def test_council_room_shows_consensus_and_silence(capsys: pytest.CaptureFixture[str]) -> None:
    from widgets.classroom.council_view import CouncilRoom, allies, debrief

    room = CouncilRoom("groups")
    room.draft.value = "restraint"
    for control in room.seats.values():
        control.value = "support"
    assert "Consensus" in room.status.value
    room.seats["Türkiye"].value = "object"
    assert "No consensus: Türkiye objects" in room.status.value
    room.silence.click()
    # not adopted at once: a deadline the room watches run out, which any seat can break
    assert "adopted in 2:00 unless a delegation breaks silence" in room.silence_status.value
    assert room.silence_clock.playing
    room.silence_clock.value = 30
    assert "adopted in 1:30" in room.silence_status.value
    room.breaker.value = "France"
    assert "Silence broken by France" in room.silence_status.value
    assert not room.silence_clock.playing
    room.draft.value = "article5"  # another draft, silence run to its end
    room.silence.click()
    room.silence_clock.value = room.silence_clock.max
    assert "Adopted under the silence procedure" in room.silence_status.value
    room.breaker.value = "Germany"  # too late: the text is adopted
    assert "Adopted under the silence procedure" in room.silence_status.value
    room.inject.value = "2020-01-08-ain-al-asad-strike"
    assert room.injects.value == ""  # chosen, not yet released
    room.release.click()
    assert "08 January 2020" in room.injects.value and "sources:" in room.injects.value
    assert "What happened on 6 January 2020" in debrief()
    assert len(CouncilRoom("allies").seats) == len(allies())
    with pytest.raises(ValueError, match="mode is"):
        CouncilRoom("class")  # type: ignore[arg-type]  # the wrong mode is the point
    capsys.readouterr()


def test_timer_buttons_are_labelled_and_drive_the_hidden_clock() -> None:
    from widgets.classroom.council_view import timer

    box = timer(minutes=2)
    clock, start, pause, reset, left = box.children
    assert [b.description for b in (start, pause, reset)] == ["Start", "Pause", "Reset"]
    assert clock.layout.display == "none" and "02:00" in left.value
    start.click()
    assert clock.playing
    clock.value = 75  # what the browser's ticking does, one second at a time
    assert "<b>00:45</b> left" in left.value
    pause.click()
    assert not clock.playing and clock.value == 75
    reset.click()
    assert clock.value == 0 and "02:00" in left.value
    with pytest.raises(ValueError, match="between 1 and 120"):
        timer(minutes=0)


# --- Only learner-facing words: translations, no notes, no ids, no NaN -------------------------


def _walk_text(widget: object) -> str:
    """Every string a widget tree holds (values, labels, options): what its state would carry."""
    texts: list[str] = []
    for name in ("value", "description", "tooltip", "placeholder"):
        value = getattr(widget, name, None)
        if isinstance(value, str):
            texts.append(value)
    texts += [str(label) for label in getattr(widget, "_options_labels", ())]
    for child in getattr(widget, "children", ()):
        texts.append(_walk_text(child))
    return "\n".join(texts)


def _curator_stretches(value: str, width: int = 48) -> set[str]:
    words = " ".join(value.split())
    if len(words) <= width:
        return {words}
    return {words[i : i + width] for i in range(0, len(words) - width + 1, 12)}


def test_every_quotation_in_another_language_has_its_english_and_translator() -> None:
    """In every case: a quotation names its language; one in another language has its English and
    who made it; one in English has nothing to translate, and English a publisher printed as a
    translation is credited to that publisher, never to the course."""
    from widgets.data import load

    roles = load("roles")
    quoted = roles[roles["quotation"].notna()]
    assert set(quoted["case_id"]) == set(roles["case_id"])  # each case has quotations
    assert quoted["quotation_language"].notna().all()
    foreign = quoted[quoted["quotation_language"] != "English"]
    assert foreign["quotation_en"].notna().all() and foreign["translated_by"].notna().all()
    english = quoted[quoted["quotation_language"] == "English"]
    assert english["quotation_en"].isna().all()  # nothing to translate
    assert "Course translation" not in set(english["translated_by"].dropna())
    assert {"Ora News", "ERR", "BNN"} <= set(english["translated_by"].dropna())
    # the originals stay as printed
    row = roles[roles["case_id"] == "jan-2020"].set_index("iso3").loc["BEL"]
    assert row["quotation"] == (
        "J\u2019appelle tous les acteurs à la prudence et à éviter toute nouvelle escalade."
    )


def test_a_card_shows_the_english_first_and_the_original_beside_it_named() -> None:
    from widgets.classroom.council_view import role_card

    card = role_card("BEL")
    english = card.index("I call on all actors to be cautious")
    original = card.index("J\u2019appelle tous les acteurs")
    assert english < original
    assert "Original (French)" in card and "lang='fr'" in card
    assert "English: course translation." in card
    estonia = role_card("EST")
    assert "English as published by ERR." in estonia and "Original (" not in estonia


def test_cards_carry_no_curator_words_ids_or_empty_cells() -> None:
    from widgets.classroom.council_view import allies, role_card, role_cards
    from widgets.data import load

    roles = load("roles").set_index("iso3")
    source_ids = set(load("sources")["source_id"])
    for iso3 in allies()["iso3"]:
        card = role_card(iso3)
        assert "UNVERIFIED" not in card and "nan" not in card.split() and "NaN" not in card
        note = roles.loc[iso3, "note"]
        for stretch in _curator_stretches(str(note)):
            assert stretch not in " ".join(card.split()), (iso3, stretch)
        leaked = [s for s in source_ids if f">{s}<" in card or f" {s} " in card]
        assert not leaked, (iso3, leaked)
    montenegro = role_card("MNE")
    assert "no public statement found in the sources" in montenegro
    assert "Montenegro" in _walk_text(role_cards())


def test_the_seating_is_a_sentence_counted_from_the_data(monkeypatch: pytest.MonkeyPatch) -> None:
    from widgets.classroom import council
    from widgets.classroom.council_view import seating

    shown = seating()
    assert repr(shown) == (
        f"{len(council.allies())} allies sit at the table on 6 January 2020; "
        f"for a small class they sit in {len(council.groups())} groups."
    )
    assert repr(shown).startswith("29 allies") and "(29, 11)" not in repr(shown)
    assert shown._repr_html_().startswith("<p>29 allies")
    short = council.groups()
    short.pop("Benelux")
    monkeypatch.setattr(council, "groups", lambda case_id="jan-2020": short)
    with pytest.raises(ValueError, match="groups seat 26 allies, but 29 sat"):
        council.seating_sentence()


def test_inject_labels_are_whole_words_with_a_date() -> None:
    from widgets.classroom.council_view import CouncilRoom

    labels = [label for label, value in CouncilRoom().inject.options if value]
    assert labels and all(label.startswith("8 Jan: ") for label in labels)
    for label in labels:
        assert len(label) <= 80 and "2020-01" not in label
        if label.endswith("…"):
            assert label[-2] != " " and not label[:-1].endswith(("Iran", "Irani"))


# --- The debrief: built only when the instructor shows it ---------------------------------------


def test_the_debrief_is_absent_until_the_instructor_presses_twice() -> None:
    import html

    from widgets.classroom.council_view import debrief
    from widgets.classroom.reveal import Reveal
    from widgets.data import load

    actions = load("events").set_index("event_id")["action"]
    real = str(actions.loc["2020-01-06-stoltenberg-article5-question"])
    built: list[int] = []

    def build() -> str:
        built.append(1)
        return debrief()

    reveal = Reveal(build, what="the debrief", instructor=True)
    assert real not in html.unescape(_walk_text(reveal.box)) and not built
    reveal.button.click()
    assert real not in html.unescape(_walk_text(reveal.box)) and not built
    assert "Press again" in reveal.button.description
    reveal.button.click()
    shown = html.unescape(_walk_text(reveal.box))
    assert real in shown and "What happened on 6 January 2020" in shown and built == [1]


def test_lesson_06_reveals_the_debrief_and_saves_none_of_it() -> None:
    import json
    from pathlib import Path

    from widgets.data import load

    notebook = json.loads(
        (Path(__file__).resolve().parents[1] / "notebooks" / "06_council.ipynb").read_text()
    )
    sources = ["".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code"]
    assert any('Reveal(debrief, what="the debrief", instructor=True)' in s for s in sources)
    assert not any("debrief()" in s for s in sources)  # never called on load
    saved = json.dumps(notebook, ensure_ascii=False)
    for event_id in (
        "2020-01-06-nac-extraordinary-meeting",
        "2020-01-06-stoltenberg-article5-question",
    ):
        event = load("events").set_index("event_id").loc[event_id]
        assert str(event["action"])[:60] not in saved
        assert str(event["quotation"]) not in saved
    assert "(29, 11)" not in saved


# --- Lesson 06's poll: a prediction now, an answer the course can give later -------------------


def test_the_poll_predicts_and_its_answer_comes_from_sourced_events() -> None:
    from widgets.lessons import review
    from widgets.sources import resolve_sources

    poll = ask_choice("predict-council-line")
    assert poll.correct is None and poll.lesson == "06"
    found = review.course_answer(poll)
    assert found.choice is not None
    answer = poll.choices[found.choice].label
    assert "restraint" in answer and "no word on Article 5" in answer
    assert "urged restraint and de-escalation" in found.finding
    assert "would not speculate" in found.finding
    assert len(resolve_sources(found.source_ids)) >= 2


def test_the_csto_clause_has_a_labelled_english_translation() -> None:
    from widgets.data import load

    texts = load("treaty_text")
    csto = texts[texts["treaty_id"] == "csto"].iloc[0]
    assert str(csto["text"]).startswith("Если одно из государств - участников")  # untouched
    english = str(csto["text_en"])
    assert english.startswith("If one of the States Parties is subjected to aggression")
    assert english.count("\n") == str(csto["text"]).count("\n")  # paragraph for paragraph
    assert csto["translated_by"] == "Course translation"
    others = texts[texts["treaty_id"] != "csto"]
    assert others["text_en"].isna().all() and others["translated_by"].isna().all()


def test_every_list_of_a_fresh_board_shows_its_first_entry() -> None:
    """A None value is "nothing selected" to ipywidgets: JupyterLab drew those lists blank."""
    from widgets.classroom.council_view import CouncilRoom

    room = CouncilRoom()
    lists = [*room.seats.values(), room.breaker, room.inject]
    assert all(control.index == 0 for control in lists)
    assert {control.label for control in room.seats.values()} == {"(not yet)"}
    room.draft.value = "article5"
    room.seats["France"].value = "object"
    room.draft.value = "restraint"  # back to a draft France has not spoken on
    assert room.seats["France"].index == 0
    assert "11 of 11 delegations have not spoken" in room.status.value


def test_the_board_reads_from_the_back_of_the_room() -> None:
    """Each seat a tile with colour, symbol and word (not colour alone); the verdict large."""
    from widgets.classroom.council_view import POSITION_LOOK, CouncilRoom

    room = CouncilRoom("groups")
    room.seats["France"].value = "object"
    room.seats["Germany"].value = "can live with it"
    board = room.status.value
    assert board.count("border-radius") == len(room.seats)
    assert "✘ France</b><br>object" in board and "≈ Germany</b><br>can live with it" in board
    assert "… Türkiye</b><br>not yet" in board
    assert "font-size:1.6em" in board and "No consensus: France objects" in board
    symbols = {look[2] for look in POSITION_LOOK.values()}
    assert len(symbols) == len(POSITION_LOOK), "each position has its own symbol"


def test_silence_has_a_deadline_in_the_model() -> None:
    c = Council(("Canada", "France"), DRAFTS)
    c.start_silence("restraint", minutes=2)
    assert c.silence_result("restraint", elapsed=0).startswith("Under silence procedure")
    assert c.seconds_left("restraint", 119.5) == 0.5
    c.break_silence("France", "restraint", elapsed=121)  # after the deadline: too late
    assert c.silence_result("restraint", elapsed=121).startswith("Adopted")
    with pytest.raises(ValueError, match="0 or more"):
        c.start_silence("restraint", minutes=-1)
