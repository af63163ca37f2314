"""Game files (``data/games/*.json``) read and checked as games: the escalation loader entry point.

:mod:`widgets.data` reads the JSON; what makes it a game (a valid tree, sliders that point at real
nodes, a ``history`` that cites real events) is checked here, where those rules live, so the data
layer depends on no model. Every problem is a :class:`~widgets.data.DataError` naming the file and
the place in it (a node's path, a slider, a history step), like a broken table names its row.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from widgets.data import DataError, Problem, display_path, game_file, load, read_game
from widgets.escalation.scenario import sliders_of
from widgets.escalation.tree import parse_tree


def load_game(name: str, root: Path | str | None = None) -> dict[str, Any]:
    """Read ``data/games/<name>.json`` and check it as a game (see :mod:`widgets.escalation.tree`).

    Raises :class:`DataError` naming the file and the line of broken JSON, the path of a node
    that breaks the format, the slider that points nowhere, or the history step that cites an
    event missing from ``events``.
    """
    game = read_game(name, root)
    shown = display_path(game_file(name, root))
    checks = (
        ("game tree", lambda: parse_tree(game)),
        ("game sliders", lambda: sliders_of(game)),
    )
    for rule, check in checks:
        try:
            check()
        except ValueError as err:
            raise DataError([Problem(shown, None, None, rule, str(err))]) from None
    problems = history_problems(game, shown, root)
    if problems:
        raise DataError(problems)
    result: dict[str, Any] = game
    return result


def history_problems(game: dict[str, Any], shown: str, root: Path | str | None) -> list[Problem]:
    """What is wrong with the game's optional ``history`` (what really happened at each step)."""
    history = game.get("history", [])
    if not history:
        return []
    if not isinstance(history, list):
        return [Problem(shown, None, None, "game history", "history: must be a list of steps")]
    known = set(load("events", root)["event_id"])
    problems = []
    for number, step in enumerate(history, start=1):
        where = f"history > step {number}"
        complete = isinstance(step, dict) and {"who", "choice", "event_ids"} <= step.keys()
        event_ids = step["event_ids"] if complete else None
        if not isinstance(event_ids, list) or not all(isinstance(e, str) for e in event_ids):
            detail = f"{where}: needs 'who', 'choice' and 'event_ids' (a list of event ids)"
            problems.append(Problem(shown, None, None, "game history", detail))
            continue
        problems += [
            Problem(
                shown,
                None,
                None,
                "known event",
                f"{where} > event_ids: {event_id!r} is not an event_id in events.csv",
            )
            for event_id in event_ids
            if event_id not in known
        ]
    return problems
