"""Escalation choices: game trees as data, the solver, and small formal models."""

from widgets.escalation.game import Solution, Tie, solve
from widgets.escalation.games import load_game
from widgets.escalation.tree import parse_tree

__all__ = ["Solution", "Tie", "load_game", "parse_tree", "solve"]
