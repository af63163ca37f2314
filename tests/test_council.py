"""Consensus at the North Atlantic Council: unanimity, a blocker, the silence procedure."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from widgets.classroom.council import Council, Draft

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
    c.start_silence("restraint")
    assert c.silence_result("restraint").startswith("Adopted")
    c.break_silence("Türkiye", "restraint")
    c.break_silence("Canada", "restraint")  # the first breaker is the one recorded
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
    from widgets.classroom.council_view import GROUPS, MEETING_DAY, allies, role_card
    from widgets.timeline.enlargement import members_on

    seated = allies()
    # one seat per ally of that day (29 on 6 January 2020: pinned in test_enlargement)
    assert sorted(seated["iso3"]) == sorted(members_on(MEETING_DAY)["iso3"])
    assert sorted(i for group in GROUPS.values() for i in group) == sorted(seated["iso3"])
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
    assert "Adopted under the silence procedure" in room.silence_status.value
    room.breaker.value = "France"
    assert "Silence broken by France" in room.silence_status.value
    room.inject.value = "2020-01-08-ain-al-asad-strike"
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
