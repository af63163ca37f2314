"""The Council role-play: role cards from data, a consensus table, injects, a timer, a debrief."""

from __future__ import annotations

from typing import Any, Literal

import pandas as pd

from widgets.cases import DEFAULT_CASE, case
from widgets.classroom.council import (
    POSITIONS,
    Council,
    Quotation,
    allies,
    drafts,
    groups,
    real_lines,
    role_card_facts,
    seating_sentence,
)
from widgets.data import load
from widgets.markup import escape
from widgets.sources import sources_html

__all__ = [
    "CouncilRoom",
    "allies",
    "debrief",
    "role_card",
    "role_cards",
    "seating",
    "timer",
]


def _quotation_html(quote: Quotation) -> str:
    """English first; an original in another language beside it, named and tagged with its
    language; who translated it. Never a curator's note."""
    english = f"<p style='margin:0'>“{escape(quote.english)}”</p>"
    if quote.original is None:
        credit = (
            f"English as published by {escape(quote.translated_by)}." if quote.translated_by else ""
        )
        return (
            f"<p><b>In their words:</b> {escape(quote.speaker)}</p>"
            f"<blockquote lang='en'>{english}"
            + (f"<p style='margin:0'><small>{credit}</small></p>" if credit else "")
            + "</blockquote>"
        )
    tag = f" lang='{quote.language_tag}'" if quote.language_tag else ""
    by = quote.translated_by or "Course translation"
    credit = "course translation" if by == "Course translation" else f"translated by {escape(by)}"
    return (
        f"<p><b>In their words:</b> {escape(quote.speaker)}</p>"
        "<div style='display:flex;flex-wrap:wrap;gap:1em'>"
        "<blockquote lang='en' style='flex:1 1 18em;margin:0'>"
        f"{english}<p style='margin:0'><small>English: {credit}.</small></p></blockquote>"
        "<blockquote style='flex:1 1 18em;margin:0'>"
        f"<p style='margin:0'><small>Original ({escape(quote.language)}):</small></p>"
        f"<p{tag} style='margin:0'>“{escape(quote.original)}”</p></blockquote>"
        "</div>"
    )


def role_card(iso3: str, case_id: str = DEFAULT_CASE) -> str:
    """An ally's card as HTML: facts with sources; empty fields say nothing was found."""
    card = role_card_facts(iso3, case_id)
    lines = [f"<h3>{escape(card.name)}</h3>"]
    for label, text in card.facts:
        shown = escape(text) if text else "<i>nothing found in the sources</i>"
        lines.append(f"<p><b>{escape(label)}:</b> {shown}</p>")
    if card.quotation is None:
        lines.append(
            "<p><b>In their words:</b> <i>no public statement found in the sources</i></p>"
        )
    else:
        lines.append(_quotation_html(card.quotation))
    lines.append(f"<p><small>Sources: {sources_html(card.source_ids, inline=True)}</small></p>")
    return "".join(lines)


class Prose:
    """A sentence for the page: HTML where it renders, the same plain words as text (no repr)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def _repr_html_(self) -> str:
        return f"<p>{escape(self.text)}</p>"

    def __repr__(self) -> str:
        return self.text


def seating(case_id: str = DEFAULT_CASE) -> Prose:
    """How many allies sit at the table, and in how many groups (counted from the data)."""
    return Prose(seating_sentence(case_id))


def _inject_label(events: pd.DataFrame, event_id: str) -> str:
    """ "8 Jan: the first words of the event…": a date and whole words."""
    when = pd.Timestamp(str(events.loc[event_id, "date"]))
    return f"{when:%-d %b}: {_short(str(events.loc[event_id, 'action']))}"


# The value of a list's first entry ("(not yet)", "(release an inject)"): an empty string, not
# None, because ipywidgets reads a None value as "nothing selected" and JupyterLab then shows a
# blank list instead of the entry.
NONE = ""


def _short(text: str, limit: int = 72) -> str:
    """A dropdown label: the text cut at a word before ``limit`` characters, with an ellipsis."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def events_html(event_ids: tuple[str, ...]) -> str:
    events = load("events").set_index("event_id")
    items = []
    for event_id in event_ids:
        e = events.loc[event_id]
        quote = (
            f" “{escape(str(e['quotation']))}”"
            if isinstance(e["quotation"], str) and e["quotation"]
            else ""
        )
        items.append(
            f"<li><b>{e['date']:%d %B %Y}</b>: {escape(str(e['action']))}{quote} "
            f"<small>(sources: {sources_html(e['source_id'], inline=True)})</small></li>"
        )
    return "<ul>" + "".join(items) + "</ul>"


# How each position shows on the board: colour (Okabe & Ito), a symbol and a word, so it reads
# in black and white and for colour-blind eyes too.
POSITION_LOOK: dict[str, tuple[str, str, str]] = {  # position -> (background, text, symbol)
    "support": ("#0072B2", "#ffffff", "✔"),
    "can live with it": ("#E69F00", "#000000", "≈"),
    "object": ("#D55E00", "#ffffff", "✘"),
    NONE: ("#e6e6e6", "#000000", "…"),
}
SILENCE_MINUTES = 2  # the deadline a class can watch run out


def board_html(council: Council, draft_id: str) -> str:
    """The consensus board a room reads from the back: one large tile per seat (colour, symbol
    and word), and the verdict in large type."""
    status = council.status(draft_id)
    tiles = []
    for seat in council.delegations:
        position = council.positions.get((seat, draft_id), NONE)
        background, colour, symbol = POSITION_LOOK[position]
        word = position or "not yet"
        tiles.append(
            f"<div style='background:{background};color:{colour};padding:8px 10px;"
            f"border-radius:6px;font-size:1.15em;line-height:1.3'><b>{symbol} "
            f"{escape(seat)}</b><br>{escape(word)}</div>"
        )
    verdict = "#0072B2" if status.agreed else ("#D55E00" if status.blockers else "#555555")
    return (
        "<div class='course-council-board' style='display:grid;"
        "grid-template-columns:repeat(auto-fill,minmax(13em,1fr));gap:6px;margin:6px 0'>"
        + "".join(tiles)
        + "</div>"
        f"<p role='status' style='font-size:1.6em;line-height:1.3;color:{verdict};margin:8px 0'>"
        f"<b>{escape(status.summary)}</b></p>"
    )


class CouncilRoom:
    """One screen for the whole class (or one per team): delegations, a draft, consensus."""

    def __init__(
        self, mode: Literal["groups", "allies"] = "groups", case_id: str = DEFAULT_CASE
    ) -> None:
        import ipywidgets as w

        if mode not in ("groups", "allies"):
            raise ValueError("mode is 'groups' (for a small class) or 'allies' (one seat each)")
        seats = tuple(groups(case_id)) if mode == "groups" else tuple(allies(case_id)["name"])
        self.council = Council(seats, drafts(case_id))
        self.draft = w.Dropdown(
            options=[(d.text, d.draft_id) for d in self.council.drafts],
            description="Draft",
            layout=w.Layout(width="52em"),
        )
        self.seats = {
            seat: w.Dropdown(
                options=[("(not yet)", NONE)] + [(p, p) for p in POSITIONS],
                description=seat,
                style={"description_width": "14em"},
                layout=w.Layout(width="30em"),
            )
            for seat in seats
        }
        self.status = w.HTML()
        self.silence = w.Button(
            description=f"Put under silence procedure ({SILENCE_MINUTES} minutes)",
            layout=w.Layout(width="max-content"),
        )
        # The silence deadline ticks in the browser (a Play kept out of sight, as the timer's).
        self.silence_clock = w.Play(
            value=0,
            min=0,
            max=SILENCE_MINUTES * 60,
            step=1,
            interval=1000,
            layout=w.Layout(display="none"),
        )
        self.breaker = w.Dropdown(
            options=[("(choose who breaks silence)", NONE)] + [(s, s) for s in seats],
            description="Break silence",
            style={"description_width": "initial"},
            layout=w.Layout(width="26em"),
        )
        self.silence_status = w.HTML()
        events = load("events").set_index("event_id")
        inject_options: list[tuple[str, str]] = [("(release an inject)", NONE)]
        inject_options += [(_inject_label(events, e), e) for e in case(case_id).injects]
        self.inject = w.Dropdown(
            options=inject_options, description="Inject", layout=w.Layout(width="52em")
        )
        self.release = w.Button(
            description="Release to the room",
            tooltip="Show the chosen inject to everyone",
            layout=w.Layout(width="max-content"),
        )
        self.injects = w.HTML()
        self.released: list[str] = []
        self.draft.observe(self._load_positions, names="value")
        for seat, control in self.seats.items():
            control.observe(lambda change, s=seat: self._set(s, change["new"]), names="value")
        self.silence.on_click(self._start_silence)
        self.silence_clock.observe(self._tick, names="value")
        self.breaker.observe(self._break, names="value")
        self.release.on_click(self._release)
        self.box = w.VBox(
            [
                self.draft,
                w.GridBox(
                    list(self.seats.values()),
                    layout=w.Layout(grid_template_columns="repeat(2, 32em)"),
                ),
                self.status,
                w.HBox([self.silence, self.breaker, self.silence_clock]),
                self.silence_status,
                w.HBox([self.inject, self.release]),
                self.injects,
            ]
        )
        self.box.add_class("course-council-room")  # a stable hook for CSS and browser tests
        self._load_positions()

    def _set(self, seat: str, position: str) -> None:
        self.council.set_position(seat, self.draft.value, position or None)
        self.status.value = board_html(self.council, self.draft.value)

    def _load_positions(self, _: object = None) -> None:
        for seat, control in self.seats.items():
            control.value = self.council.positions.get((seat, self.draft.value), NONE)
        self.status.value = board_html(self.council, self.draft.value)
        self.silence_clock.playing = False
        self.silence_status.value = (
            self._silence_html(self.silence_clock.max)
            if self.draft.value in self.council.silence
            else ""
        )

    def _silence_html(self, elapsed: float) -> str:
        text = self.council.silence_result(self.draft.value, elapsed)
        return f"<p role='status' style='font-size:1.3em'><b>{escape(text)}</b></p>"

    def _start_silence(self, _: object = None) -> None:
        self.council.start_silence(self.draft.value, SILENCE_MINUTES)
        self.silence_clock.playing = False
        self.silence_clock.value = 0
        self.silence_status.value = self._silence_html(0)
        self.silence_clock.playing = True

    def _tick(self, change: dict[str, Any]) -> None:
        if self.draft.value not in self.council.silence:
            return
        self.silence_status.value = self._silence_html(float(change["new"]))
        if self.council.seconds_left(self.draft.value, float(change["new"])) <= 0:
            self.silence_clock.playing = False

    def _break(self, change: dict[str, Any]) -> None:
        if change["new"] == NONE:
            return
        if self.draft.value not in self.council.silence:
            self.silence_status.value = (
                "<p role='status'>Put the draft under silence procedure first.</p>"
            )
            return
        elapsed = float(self.silence_clock.value)
        self.council.break_silence(change["new"], self.draft.value, elapsed)
        self.silence_clock.playing = False
        self.silence_status.value = self._silence_html(elapsed)

    def _release(self, _: object = None) -> None:
        chosen = self.inject.value
        if chosen != NONE and chosen not in self.released:
            self.released.append(chosen)
        self.injects.value = (
            "<p><b>Injects released</b></p>" + events_html(tuple(self.released))
            if self.released
            else ""
        )

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        bundle = self.box._repr_mimebundle_(**kwargs)
        if isinstance(bundle, dict):
            bundle["text/plain"] = "Council: " + self.council.status(self.draft.value).summary
        return bundle


def role_cards(case_id: str = DEFAULT_CASE) -> Any:
    """Pick an ally to read its card (keyboard: Tab to the list, arrows to move)."""
    import ipywidgets as w

    seated = allies(case_id)
    picker = w.Dropdown(
        options=list(zip(seated["name"], seated["iso3"], strict=True)),
        description="Ally",
        layout=w.Layout(width="30em"),
    )
    card = w.HTML(role_card(picker.value, case_id))
    picker.observe(
        lambda change: setattr(card, "value", role_card(change["new"], case_id)), names="value"
    )
    return w.VBox([picker, card], _dom_classes=("course-role-cards",))


def timer(minutes: int = 10) -> Any:
    """A countdown for the room, ticking in the browser so the kernel stays free.

    Start, Pause and Reset are ordinary labelled buttons, usable by keyboard and announced by
    screen readers; the ticking comes from an ipywidgets Play kept out of sight, whose own icon
    buttons have no accessible names (axe: button-name).
    """
    import ipywidgets as w

    if not 1 <= minutes <= 120:
        raise ValueError("Set the timer between 1 and 120 minutes.")
    clock = w.Play(
        value=0, min=0, max=minutes * 60, step=1, interval=1000, layout=w.Layout(display="none")
    )
    start = w.Button(description="Start", tooltip="Start the countdown")
    pause = w.Button(description="Pause", tooltip="Pause the countdown")
    reset = w.Button(description="Reset", tooltip=f"Back to {minutes}:00")
    left = w.HTML()

    def show(change: dict[str, Any] | None = None) -> None:
        remaining = minutes * 60 - clock.value
        left.value = (
            "<p role='timer' style='font-size:2.4em;line-height:1.1;margin:0 0 0 12px'>"
            f"<b>{remaining // 60:02d}:{remaining % 60:02d}</b> left</p>"
        )

    def restart(_: object = None) -> None:
        clock.playing = False
        clock.value = 0

    start.on_click(lambda _: setattr(clock, "playing", True))
    pause.on_click(lambda _: setattr(clock, "playing", False))
    reset.on_click(restart)
    clock.observe(show, names="value")
    show()
    return w.HBox([clock, start, pause, reset, left], _dom_classes=("course-timer",))


def debrief(case_id: str = DEFAULT_CASE) -> str:
    """What the Council and the Secretary General actually said, with sources, and prompts.

    Built only when the instructor opens it (``Reveal(debrief, instructor=True)`` in lesson 06),
    so none of it is on the page, in the saved notebook or in the widget state before.
    """
    return (
        "<div class='course-debrief'>"
        f"<p><b>What happened on {case(case_id).meeting_day:%-d %B %Y}</b></p>"
        + events_html(real_lines(case_id))
        + "<p><b>Debrief</b></p><ul>"
        "<li>Look back at your prediction at the top of the lesson: which answer matches what the "
        "ambassadors said?</li>"
        "<li>Which of your drafts would the real Council have agreed? Which would someone have "
        "blocked, and why?</li>"
        "<li>Did any delegation use the silence procedure to stop a text? What did that cost "
        "it?</li>"
        f"<li>Compare your line on Article 5 with what {escape(case(case_id).speaker)} said.</li>"
        "</ul></div>"
    )
