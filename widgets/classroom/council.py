"""The North Atlantic Council as a pure model: consensus, blockers and the silence procedure.

NATO decides by consensus: there is no vote, and a text is agreed when no delegation objects
(``sources``: nato-consensus-49178). A draft can also be put under the *silence procedure*: it is
adopted at the deadline unless a delegation "breaks silence". The role-play uses both.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from widgets.cases import DEFAULT_CASE, case
from widgets.data import load
from widgets.timeline.enlargement import members_on

POSITIONS = ("support", "can live with it", "object")


@dataclass(frozen=True)
class Draft:
    draft_id: str
    text: str


@dataclass(frozen=True)
class Status:
    """Where a draft stands: agreed or not, who blocks, who has not spoken yet."""

    agreed: bool
    blockers: tuple[str, ...]
    waiting: tuple[str, ...]
    summary: str


@dataclass
class Council:
    """Delegations (allies, or groups of allies for a small class) and their positions on drafts."""

    delegations: tuple[str, ...]
    drafts: tuple[Draft, ...]
    positions: dict[tuple[str, str], str] = field(default_factory=dict)
    silence: dict[str, str | None] = field(default_factory=dict)  # draft -> who broke it (or None)
    deadlines: dict[str, float] = field(default_factory=dict)  # draft -> seconds of silence

    def __post_init__(self) -> None:
        if not self.delegations:
            raise ValueError("A council needs at least one delegation.")
        if len(set(self.delegations)) != len(self.delegations):
            raise ValueError("Each delegation may sit at the table only once.")
        if not self.drafts:
            raise ValueError("There is no draft statement to discuss.")

    def _draft(self, draft_id: str) -> Draft:
        for draft in self.drafts:
            if draft.draft_id == draft_id:
                return draft
        raise ValueError(
            f"There is no draft {draft_id!r}; the drafts are: "
            + ", ".join(d.draft_id for d in self.drafts)
        )

    def set_position(self, delegation: str, draft_id: str, position: str | None) -> None:
        """Record a delegation's position (None withdraws it). Unknown names are refused plainly."""
        if delegation not in self.delegations:
            raise ValueError(f"{delegation!r} has no seat at this table.")
        self._draft(draft_id)
        if position is None:
            self.positions.pop((delegation, draft_id), None)
            return
        if position not in POSITIONS:
            raise ValueError(f"A position is one of: {', '.join(POSITIONS)} (not {position!r}).")
        self.positions[(delegation, draft_id)] = position

    def status(self, draft_id: str) -> Status:
        """Consensus holds when every delegation has spoken and none objects."""
        self._draft(draft_id)
        said = {d: self.positions.get((d, draft_id)) for d in self.delegations}
        blockers = tuple(d for d, p in said.items() if p == "object")
        waiting = tuple(d for d, p in said.items() if p is None)
        if blockers:
            summary = (
                f"No consensus: {', '.join(blockers)} object{'s' if len(blockers) == 1 else ''}."
            )
        elif waiting:
            summary = (
                f"Not yet: {len(waiting)} of {len(self.delegations)} delegations have not spoken."
            )
        else:
            reluctant = sum(p == "can live with it" for p in said.values())
            summary = "Consensus: no delegation objects"
            summary += f" ({reluctant} can only live with it)." if reluctant else "."
        return Status(not blockers and not waiting, blockers, waiting, summary)

    def start_silence(self, draft_id: str, minutes: float = 0) -> None:
        """Put a draft under the silence procedure: adopted when ``minutes`` have passed unless
        a delegation breaks silence first (0: the deadline is now, as in a quick round)."""
        self._draft(draft_id)
        if minutes < 0:
            raise ValueError("A silence deadline is a number of minutes from now, 0 or more.")
        self.silence[draft_id] = None
        self.deadlines[draft_id] = minutes * 60

    def break_silence(self, delegation: str, draft_id: str, elapsed: float = 0) -> None:
        """``delegation`` breaks silence ``elapsed`` seconds after the procedure started; too
        late once the deadline has passed (the text is adopted)."""
        if draft_id not in self.silence:
            raise ValueError("That draft is not under the silence procedure.")
        if delegation not in self.delegations:
            raise ValueError(f"{delegation!r} has no seat at this table.")
        if self.silence[draft_id] is None and elapsed < self.deadlines.get(draft_id, 0):
            self.silence[draft_id] = delegation

    def seconds_left(self, draft_id: str, elapsed: float) -> float:
        """Seconds until the silence deadline (0 once it has passed)."""
        if draft_id not in self.silence:
            raise ValueError("That draft is not under the silence procedure.")
        return max(0.0, self.deadlines.get(draft_id, 0) - elapsed)

    def silence_result(self, draft_id: str, elapsed: float | None = None) -> str:
        """Where the procedure stands ``elapsed`` seconds after it started (None: at the end)."""
        if draft_id not in self.silence:
            raise ValueError("That draft is not under the silence procedure.")
        breaker = self.silence[draft_id]
        if breaker is not None:
            return f"Silence broken by {breaker}: the draft goes back to discussion."
        left = 0.0 if elapsed is None else self.seconds_left(draft_id, elapsed)
        if left > 0:
            whole = int(left + 0.999)
            return (
                f"Under silence procedure: adopted in {whole // 60}:{whole % 60:02d} unless a "
                "delegation breaks silence."
            )
        return "Adopted under the silence procedure: no delegation broke silence."


# --- Role cards: the facts of one ally, in the words a learner reads --------------------------


def groups(case_id: str = DEFAULT_CASE) -> dict[str, tuple[str, ...]]:
    """The case's seating groups for a small class (a teaching device, not the alliance's)."""
    return dict(case(case_id).groups)


def drafts(case_id: str = DEFAULT_CASE) -> tuple[Draft, ...]:
    """The case's draft lines, written by the course for the exercise: not the alliance's words."""
    return tuple(Draft(draft_id, text) for draft_id, text in case(case_id).drafts)


def real_lines(case_id: str = DEFAULT_CASE) -> tuple[str, ...]:
    """What the Council and its Secretary General really said (``events`` rows): shown only in
    the debrief, after the role-play, and behind lesson 06's poll."""
    return case(case_id).debrief_events


# BCP 47 tags for the languages of ``roles.quotation_language``, so a screen reader reads an
# original in its own language (``lang`` attribute); an unknown language simply gets no tag.
LANGUAGE_TAGS = {
    "Bulgarian": "bg",
    "Croatian": "hr",
    "Czech": "cs",
    "Danish": "da",
    "Dutch": "nl",
    "English": "en",
    "French": "fr",
    "German": "de",
    "Hungarian": "hu",
    "Italian": "it",
    "Norwegian (Nynorsk)": "nn",
    "Polish": "pl",
    "Portuguese": "pt",
    "Romanian": "ro",
    "Slovak": "sk",
    "Slovenian": "sl",
    "Spanish": "es",
}

FACTS = ("forces_in_theatre", "troop_moves", "reaction")  # headed by the case's labels


@dataclass(frozen=True)
class Quotation:
    """Words an ally's speaker said: the English a learner reads first, and the original.

    ``original`` is None when the words were said (or, for a published translation, printed) in
    English; ``translated_by`` names who made the English (a publisher, or "Course translation").
    """

    english: str
    speaker: str
    original: str | None = None
    language: str = "English"
    translated_by: str | None = None

    @property
    def language_tag(self) -> str | None:
        return LANGUAGE_TAGS.get(self.language)


@dataclass(frozen=True)
class RoleCard:
    """One ally's card: only learner-facing words (no notes, no ids, no empty cells)."""

    name: str
    facts: tuple[tuple[str, str | None], ...]  # (label, text or None when nothing was found)
    quotation: Quotation | None
    source_ids: tuple[str, ...]


def _text(value: object) -> str | None:
    """A cell as text, or None for an empty cell (pandas gives NaN, a float, for those)."""
    return value.strip() or None if isinstance(value, str) else None


def allies(case_id: str = DEFAULT_CASE) -> pd.DataFrame:
    """The allies seated on the day of the case's Council meeting, with their role-card facts."""
    seated = members_on(case(case_id).meeting_day)[["iso3", "name"]]
    roles = load("roles")
    return seated.merge(roles[roles["case_id"] == case_id], on="iso3", how="left")


def role_card_facts(iso3: str, case_id: str = DEFAULT_CASE) -> RoleCard:
    """The card of an ally seated at the case's Council meeting (any other is refused plainly)."""
    the_case = case(case_id)
    table = allies(case_id).set_index("iso3")
    if iso3 not in table.index:
        raise ValueError(
            f"{iso3!r} did not sit at the Council on {the_case.meeting_day:%-d %B %Y}."
        )
    row = table.loc[iso3]
    quotation = None
    said = _text(row["quotation"])
    if said is not None:
        english = _text(row["quotation_en"])
        quotation = Quotation(
            english=english or said,
            speaker=_text(row["speaker"]) or "a government spokesperson",
            original=said if english else None,
            language=_text(row["quotation_language"]) or "English",
            translated_by=_text(row["translated_by"]),
        )
    cited = row["source_id"] if isinstance(row["source_id"], tuple) else ()
    return RoleCard(
        name=str(row["name"]),
        facts=tuple(
            (label, _text(row[key]))
            for label, key in zip(the_case.role_card_labels, FACTS, strict=True)
        ),
        quotation=quotation,
        source_ids=tuple(str(s) for s in cited),
    )


def seating_sentence(case_id: str = DEFAULT_CASE) -> str:
    """How the table is set, counted from the data: e.g. "29 allies sit at the table: ..."."""
    seated = len(allies(case_id))
    seating = groups(case_id)
    grouped = sum(len(group) for group in seating.values())
    if grouped != seated:
        raise ValueError(
            f"The course's groups seat {grouped} allies, but {seated} sat at the Council."
        )
    return (
        f"{seated} allies sit at the table on {case(case_id).meeting_day:%-d %B %Y}; "
        f"for a small class they sit in {len(seating)} groups."
    )
