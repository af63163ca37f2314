"""Multiple-choice questions as plain data: polls (no right answer yet) and self-checks."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Choice:
    label: str
    feedback: str = ""  # shown when this choice is checked: why it is right or wrong


@dataclass(frozen=True)
class Question:
    """A question with choices. ``correct`` is None for a "predict first" poll."""

    qid: str
    lesson: str
    prompt: str
    choices: tuple[Choice, ...]
    correct: int | None = None
    explanation: str = ""  # shown after a poll is saved, or with the right answer
    tags: tuple[str, ...] = field(default=())
    # For a poll: what the course finds and the choice closest to it (lesson 07 shows them beside
    # the learner's prediction, never before), and the sources they rest on.
    finding: str = ""
    closest: int | None = None
    sources: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if len(self.choices) < 2:
            raise ValueError(f"question {self.qid!r} needs at least two choices")
        for name, index in (("correct", self.correct), ("closest", self.closest)):
            if index is not None and not 0 <= index < len(self.choices):
                raise ValueError(f"question {self.qid!r}: {name} choice {index} does not exist")

    def feedback(self, picked: int | None) -> tuple[bool | None, str]:
        """(right?, message) for a pick; right is None for polls. Impossible picks say so."""
        if picked is None:
            return None, "Pick one of the answers first."
        if not 0 <= picked < len(self.choices):
            return None, f"There is no answer number {picked + 1}; pick one of the listed answers."
        choice = self.choices[picked]
        if self.correct is None:
            return None, choice.feedback or self.explanation
        right = picked == self.correct
        lead = "Right." if right else "Not quite."
        if choice.feedback.lower().startswith(lead[:-1].lower()):
            return right, choice.feedback  # it says so itself: no "Not quite. Not quite: ..."
        return right, f"{lead} {choice.feedback}".strip()

    def as_text(self) -> str:
        """The question as plain text, for notebooks rendered without widgets."""
        lines = [self.prompt] + [f"  {chr(65 + i)}. {c.label}" for i, c in enumerate(self.choices)]
        return "\n".join(lines)


@dataclass(frozen=True)
class NumericQuestion:
    """A question answered with a number; the answer may depend on the learner's own settings.

    ``answer`` is a number or a function called at check time (e.g. reading slider values), so the
    feedback always fits what the learner has on screen.
    """

    qid: str
    lesson: str
    prompt: str
    answer: float | Callable[[], float]
    tolerance: float = 0.01
    explanation: str = ""

    def expected(self) -> float:
        return float(self.answer() if callable(self.answer) else self.answer)

    def feedback(self, given: float | None) -> tuple[bool | None, str]:
        """(right?, message); a missing or non-numeric value gets plain words, not an error."""
        if given is None or isinstance(given, bool) or not isinstance(given, int | float):
            return None, "Type a number first."
        if not math.isfinite(given):
            return None, "That is not a number we can check; type a value such as 0.6."
        expected = self.expected()
        if not math.isfinite(expected):
            return None, f"With your current settings there is no single answer. {self.explanation}"
        if abs(given - expected) <= self.tolerance:
            shown = f"{expected:.0f}" if float(expected).is_integer() else f"{expected:.2f}"
            return True, f"Right: {shown}. {self.explanation}".strip()
        direction = "high" if given > expected else "low"
        return False, f"Too {direction}. {self.explanation}".strip()
