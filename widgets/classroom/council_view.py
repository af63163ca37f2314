"""The Council role-play: role cards from data, a consensus table, injects, a timer, a debrief."""

from __future__ import annotations

from typing import Any, Literal

import pandas as pd

from widgets.classroom.council import POSITIONS, Council, Draft
from widgets.data import load, require_rows
from widgets.markup import escape
from widgets.sources import sources_html
from widgets.timeline.enlargement import members_on

MEETING_DAY = "2020-01-06"

# The course's grouping of the 29 allies for a small class (a teaching device, not NATO's).
GROUPS: dict[str, tuple[str, ...]] = {
    "North America": ("USA", "CAN"),
    "United Kingdom": ("GBR",),
    "France": ("FRA",),
    "Germany": ("DEU",),
    "Türkiye": ("TUR",),
    "Nordic allies": ("DNK", "NOR", "ISL"),
    "Baltic allies": ("EST", "LVA", "LTU"),
    "Central Europe": ("POL", "CZE", "SVK", "HUN"),
    "Southern Europe": ("ITA", "ESP", "PRT", "GRC"),
    "Benelux": ("BEL", "NLD", "LUX"),
    "South-East Europe": ("ROU", "BGR", "HRV", "SVN", "ALB", "MNE"),
}

# Draft lines written by the course for the exercise: not NATO's words.
DRAFTS = (
    Draft("restraint", "Allies call on all sides to show restraint and to de-escalate."),
    Draft("support-strike", "Allies express their full support for the United States' action."),
    Draft("iran-nuclear", "Allies agree that Iran must never acquire a nuclear weapon."),
    Draft(
        "article5",
        "Allies declare that an Iranian attack on US forces in Iraq would be an attack on all.",
    ),
    Draft("training", "Allies keep NATO's training in Iraq suspended while the risks remain."),
)

INJECTS = (  # event ids released by the instructor during the game
    "2020-01-08-ain-al-asad-strike",
    "2020-01-08-trump-address",
    "2020-01-08-ps752-shootdown",
)

REAL_LINES = ("2020-01-06-nac-extraordinary-meeting", "2020-01-06-stoltenberg-article5-question")


def allies() -> pd.DataFrame:
    """The 29 allies of 6 January 2020 with their role-card facts."""
    seated = members_on(MEETING_DAY)[["iso3", "name"]]
    return seated.merge(load("roles"), on="iso3", how="left")


def role_card(iso3: str) -> str:
    """An ally's card as HTML: facts with sources; empty fields say nothing was found."""
    table = allies().set_index("iso3")
    if iso3 not in table.index:
        raise ValueError(f"{iso3!r} did not sit at the Council on 6 January 2020.")
    row = table.loc[iso3]
    lines = [f"<h3>{escape(str(row['name']))}</h3>"]
    for label, key in (
        ("Forces in Iraq", "forces_in_iraq"),
        ("Early January 2020", "troop_moves_jan2020"),
        ("Reaction to the strike", "reaction"),
    ):
        value = row[key]
        text = (
            escape(str(value))
            if isinstance(value, str) and value
            else "<i>nothing found in the sources</i>"
        )
        lines.append(f"<p><b>{label}:</b> {text}</p>")
    if isinstance(row["quotation"], str) and row["quotation"]:
        lines.append(
            f"<p><b>In their words</b> ({escape(str(row['speaker']))}): "
            f"“{escape(row['quotation'])}”</p>"
        )
    cited = row["source_id"] if isinstance(row["source_id"], tuple) else ()
    lines.append(f"<p><small>Sources: {sources_html(cited, inline=True)}</small></p>")
    return "".join(lines)


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


class CouncilRoom:
    """One screen for the whole class (or one per team): delegations, a draft, consensus."""

    def __init__(self, mode: Literal["groups", "allies"] = "groups") -> None:
        import ipywidgets as w

        if mode not in ("groups", "allies"):
            raise ValueError("mode is 'groups' (for a small class) or 'allies' (all 29 seats)")
        names = dict(zip(allies()["iso3"], allies()["name"], strict=True))
        seats = tuple(GROUPS) if mode == "groups" else tuple(names[i] for i in allies()["iso3"])
        self.council = Council(seats, DRAFTS)
        self.draft = w.Dropdown(
            options=[(d.text, d.draft_id) for d in DRAFTS],
            description="Draft",
            layout=w.Layout(width="52em"),
        )
        self.seats = {
            seat: w.Dropdown(
                options=[("(not yet)", None)] + [(p, p) for p in POSITIONS],
                description=seat,
                style={"description_width": "14em"},
                layout=w.Layout(width="30em"),
            )
            for seat in seats
        }
        self.status = w.HTML()
        self.silence = w.Button(description="Put under silence procedure")
        self.breaker = w.Dropdown(
            options=[("(choose who breaks silence)", None)] + [(s, s) for s in seats],
            description="Break silence",
            style={"description_width": "initial"},
        )
        self.silence_status = w.HTML()
        require_rows("events", "event_id", INJECTS + REAL_LINES, "the Council role-play")
        actions = load("events").set_index("event_id")["action"]
        inject_options: list[tuple[str, str | None]] = [("(release an inject)", None)]
        inject_options += [(str(actions.loc[e])[:70], e) for e in INJECTS]
        self.inject = w.Dropdown(
            options=inject_options, description="Inject", layout=w.Layout(width="52em")
        )
        self.injects = w.HTML()
        self.released: list[str] = []
        self.draft.observe(self._load_positions, names="value")
        for seat, control in self.seats.items():
            control.observe(lambda change, s=seat: self._set(s, change["new"]), names="value")
        self.silence.on_click(self._start_silence)
        self.breaker.observe(self._break, names="value")
        self.inject.observe(self._release, names="value")
        self.box = w.VBox(
            [
                self.draft,
                w.GridBox(
                    list(self.seats.values()),
                    layout=w.Layout(grid_template_columns="repeat(2, 32em)"),
                ),
                self.status,
                w.HBox([self.silence, self.breaker]),
                self.silence_status,
                self.inject,
                self.injects,
            ]
        )
        self.box.add_class("course-council-room")  # a stable hook for CSS and browser tests
        self._load_positions()

    def _set(self, seat: str, position: str | None) -> None:
        self.council.set_position(seat, self.draft.value, position)
        self.status.value = (
            f"<p role='status'><b>{escape(self.council.status(self.draft.value).summary)}</b></p>"
        )

    def _load_positions(self, _: object = None) -> None:
        for seat, control in self.seats.items():
            control.value = self.council.positions.get((seat, self.draft.value))
        self.status.value = (
            f"<p role='status'><b>{escape(self.council.status(self.draft.value).summary)}</b></p>"
        )
        self.silence_status.value = ""

    def _start_silence(self, _: object = None) -> None:
        self.council.start_silence(self.draft.value)
        self.silence_status.value = (
            f"<p role='status'>{escape(self.council.silence_result(self.draft.value))}</p>"
        )

    def _break(self, change: dict[str, Any]) -> None:
        if change["new"] is None:
            return
        if self.draft.value not in self.council.silence:
            self.silence_status.value = (
                "<p role='status'>Put the draft under silence procedure first.</p>"
            )
            return
        self.council.break_silence(change["new"], self.draft.value)
        self.silence_status.value = (
            f"<p role='status'>{escape(self.council.silence_result(self.draft.value))}</p>"
        )

    def _release(self, change: dict[str, Any]) -> None:
        if change["new"] is not None and change["new"] not in self.released:
            self.released.append(change["new"])
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


def role_cards() -> Any:
    """Pick an ally to read its card (keyboard: Tab to the list, arrows to move)."""
    import ipywidgets as w

    picker = w.Dropdown(
        options=list(zip(allies()["name"], allies()["iso3"], strict=True)),
        description="Ally",
        layout=w.Layout(width="30em"),
    )
    card = w.HTML(role_card(picker.value))
    picker.observe(lambda change: setattr(card, "value", role_card(change["new"])), names="value")
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
        left.value = f"<p role='timer'><b>{remaining // 60:02d}:{remaining % 60:02d}</b> left</p>"

    def restart(_: object = None) -> None:
        clock.playing = False
        clock.value = 0

    start.on_click(lambda _: setattr(clock, "playing", True))
    pause.on_click(lambda _: setattr(clock, "playing", False))
    reset.on_click(restart)
    clock.observe(show, names="value")
    show()
    return w.HBox([clock, start, pause, reset, left], _dom_classes=("course-timer",))


def debrief() -> str:
    """What the Council and the Secretary General actually said, with sources, and prompts."""
    return (
        "<p><b>What happened on 6 January 2020</b></p>"
        + events_html(REAL_LINES)
        + "<p><b>Debrief</b></p><ul><li>Which of your drafts would the real Council have agreed? "
        "Which would someone have blocked, and why?</li><li>Did any delegation use the silence "
        "procedure to stop a text? What did that cost it?</li><li>Compare your line on Article 5 "
        "with Stoltenberg's refusal to speculate.</li></ul>"
    )
