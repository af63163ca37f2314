"""Play a crisis scenario step by step: the learner decides for one role, the model for the rest.

Pure model (no widgets): which decision is next, what the model expects each player to do (with
probabilities under logit noise), the crisis level on the course ladder, and the path so far.
The model's moves are drawn at random from those probabilities (and chance from its odds) with
the game's ``seed`` (:func:`widgets.escalation.replay.draw`): the same seed and the same choices
give the same crisis; fully rational players always take their equilibrium choice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from widgets.escalation.game import Solution, solve
from widgets.escalation.replay import child, draw
from widgets.escalation.scenario import apply_sliders
from widgets.escalation.tree import ROOT, SEPARATOR, parse_tree, players_of


@dataclass(frozen=True)
class Move:
    """One step of a play: who moved (a player, or "chance"), what, and how likely the model
    made it; ``forecast`` is what the learner expected another side to do (None if not asked)."""

    who: str
    choice: str
    probability: float
    label: str = ""
    forecast: str | None = None
    learner: bool = False


@dataclass
class CrisisGame:
    """One play-through. ``role`` is the player the learner decides for."""

    scenario: dict[str, Any]
    role: str
    slider_values: dict[str, float] = field(default_factory=dict)
    rationality: float | None = None
    path: list[str] = field(default_factory=list)
    seed: int = 0
    moves: list[Move] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.tree = apply_sliders(self.scenario, self.slider_values)
        players = players_of(parse_tree(self.tree))
        if self.role not in players:
            raise ValueError(
                f"{self.role!r} is not a player here; choose one of {', '.join(players)}"
            )
        self.solution: Solution = solve(self.tree, rationality=self.rationality)
        self.equilibrium: Solution = solve(self.tree)

    # -- where we are -------------------------------------------------------------------------
    @property
    def node_path(self) -> str:
        return SEPARATOR.join([ROOT, *self.path])

    @property
    def node(self) -> dict[str, Any]:
        node = self.tree
        for step in self.path:
            node = child(node, step)
        return node

    @property
    def finished(self) -> bool:
        return "outcome" in self.node

    @property
    def mover(self) -> str | None:
        """Whose decision it is ("chance" for a chance node, None at the end)."""
        node = self.node
        if "outcome" in node:
            return None
        return str(node["player"]) if "player" in node else "chance"

    @property
    def learners_turn(self) -> bool:
        return self.mover == self.role

    def rung(self) -> int | None:
        """The crisis level (course ladder) at this point: the deepest node on the path with one."""
        level, node = self.tree.get("rung"), self.tree
        for step in self.path:
            node = child(node, step)
            level = node.get("rung", level)
        return None if level is None else int(level)

    # -- what the model expects ---------------------------------------------------------------
    def options(self) -> dict[str, float]:
        """Choice -> probability the model gives it here (chance: the branch probabilities)."""
        node = self.node
        if "chance" in node:
            return {b["label"]: float(b["p"]) for b in node["chance"]}
        if "choices" in node:
            return dict(self.solution.probabilities[self.node_path])
        return {}

    def model_choice(self) -> str:
        """The choice the model expects (the most likely one; the likeliest branch at chance)."""
        options = self.options()
        if not options:
            raise ValueError("the crisis is over: there is nothing left to choose")
        return max(options, key=lambda c: options[c])

    def drawn_choice(self) -> str:
        """The model's move here, drawn from :meth:`options` with this game's seed."""
        options = self.options()
        if not options:
            raise ValueError("the crisis is over: there is nothing left to choose")
        return draw(options, f"{self.seed}|{self.node_path}")

    def decisions_ahead(self) -> int:
        """The most decisions (not chance moves) left from here, on any path."""

        def deepest(node: dict[str, Any]) -> int:
            if "outcome" in node:
                return 0
            below = (
                node["choices"].values()
                if "choices" in node
                else [b["node"] for b in node["chance"]]
            )
            return ("choices" in node) + max(deepest(n) for n in below)

        return deepest(self.node)

    # -- moves --------------------------------------------------------------------------------
    def choose(self, choice: str) -> None:
        """The learner's move (or any move named by the caller), recorded in ``moves``."""
        options = self.options()
        if not options:
            raise ValueError("the crisis is over: start again to play another path")
        if choice not in options:
            raise ValueError(
                f"{choice!r} is not a choice here; the choices are: {', '.join(options)}"
            )
        label = str(self.node.get("label", ""))
        self.moves.append(
            Move(self.mover or "", choice, options[choice], label, learner=self.learners_turn)
        )
        self.path.append(choice)

    def respond(self, forecast: str | None = None) -> Move:
        """The other side (or chance) makes the move here, drawn with the seed.

        ``forecast``, if given, is the learner's guess of that move; it must be one of the
        choices and is kept with the move.
        """
        if self.finished:
            raise ValueError("the crisis is over: start again to play another path")
        if self.learners_turn:
            raise ValueError(f"it is your move as {self.role}: choose one of the choices")
        options = self.options()
        if forecast is not None and forecast not in options:
            raise ValueError(
                f"{forecast!r} is not a choice here; the choices are: {', '.join(options)}"
            )
        who, label, choice = self.mover or "", str(self.node.get("label", "")), self.drawn_choice()
        self.path.append(choice)
        move = Move(who, choice, options[choice], label, forecast)
        self.moves.append(move)
        return move

    def advance(self) -> list[tuple[str, str, float]]:
        """Let the model move until it is the learner's turn or the crisis ends.

        Returns (who, what, probability) for each move made, for the view to narrate.
        """
        moves = []
        while not self.finished and not self.learners_turn:
            move = self.respond()
            moves.append((move.who, move.choice, move.probability))
        return moves

    def outcome(self) -> str | None:
        node = self.node
        return str(node["outcome"]) if "outcome" in node else None

    def payoffs(self) -> dict[str, float]:
        node = self.node
        return dict(node["payoffs"]) if "payoffs" in node else {}
