"""The North Atlantic Council as a pure model: consensus, blockers and the silence procedure.

NATO decides by consensus: there is no vote, and a text is agreed when no delegation objects
(``sources``: nato-consensus-49178). A draft can also be put under the *silence procedure*: it is
adopted at the deadline unless a delegation "breaks silence". The role-play uses both.
"""

from __future__ import annotations

from dataclasses import dataclass, field

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

    def start_silence(self, draft_id: str) -> None:
        """Put a draft under the silence procedure: adopted at the deadline unless broken."""
        self._draft(draft_id)
        self.silence[draft_id] = None

    def break_silence(self, delegation: str, draft_id: str) -> None:
        if draft_id not in self.silence:
            raise ValueError("That draft is not under the silence procedure.")
        if delegation not in self.delegations:
            raise ValueError(f"{delegation!r} has no seat at this table.")
        if self.silence[draft_id] is None:
            self.silence[draft_id] = delegation

    def silence_result(self, draft_id: str) -> str:
        if draft_id not in self.silence:
            raise ValueError("That draft is not under the silence procedure.")
        breaker = self.silence[draft_id]
        if breaker is None:
            return "Adopted under the silence procedure: no delegation broke silence."
        return f"Silence broken by {breaker}: the draft goes back to discussion."
