"""Game files (``data/games/*.json``) read and checked as games: the escalation loader entry point.

:mod:`widgets.data` reads the JSON; what makes it a game (a valid tree, sliders that point at real
nodes, a ``history`` that cites real events) is checked here, where those rules live, so the data
layer depends on no model. Every problem is a :class:`~widgets.data.DataError` naming the file and
the place in it (a node's path, a slider, a history step), like a broken table names its row.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from widgets.data import DataError, Problem, display_path, game_file, load, read_game
from widgets.escalation.scenario import sliders_of
from widgets.escalation.tree import ROOT, SEPARATOR, parse_tree, players_of

MAX_DEPTH = 100  # decisions in a row; a classroom game has a handful, the solver recurses per level


def load_game(
    name: str, root: Path | str | None = None, *, roles: Iterable[str] = ()
) -> dict[str, Any]:
    """Read ``data/games/<name>.json`` and check it as a game (see :mod:`widgets.escalation.tree`).

    Raises :class:`DataError` naming the file and the line of broken JSON, a tree nested deeper
    than :data:`MAX_DEPTH`, the path of a node that breaks the format or names a rung missing
    from ``ladder``, the slider that is not a usable slider or points nowhere, a ``roles`` name
    (the player a lesson lets the learner play) that is not a player of the game, or the history
    step that names an unknown player or cites an event missing from ``events``.
    """
    game = read_game(name, root)
    shown = display_path(game_file(name, root))

    def refuse(rule: str, detail: str) -> DataError:
        return DataError([Problem(shown, None, None, rule, detail)])

    if not isinstance(game, dict):
        raise refuse(
            "game tree", f"{ROOT}: a game must be a JSON object, not {type(game).__name__}"
        )
    deepest = max(depth for _, _, depth in _nodes(game, stop=MAX_DEPTH + 1))
    if deepest > MAX_DEPTH:
        detail = (
            f"the tree is more than {MAX_DEPTH} levels deep; a game for the course may have at "
            f"most {MAX_DEPTH} (is a node nested inside itself by mistake?)"
        )
        raise refuse("game tree depth", detail)
    try:
        tree = parse_tree(game)
    except ValueError as err:
        raise refuse("game tree", str(err)) from None
    problems = rung_problems(game, shown, root) + slider_problems(game, shown)
    if not problems:
        try:
            sliders_of(game)
        except ValueError as err:
            problems.append(Problem(shown, None, None, "game sliders", str(err)))
    players = players_of(tree)
    problems += [
        Problem(
            shown,
            None,
            None,
            "known player",
            f"the lesson plays this game as {role!r}, but its players are {', '.join(players)}",
        )
        for role in roles
        if role not in players
    ]
    problems += history_problems(game, shown, root, players)
    if problems:
        raise DataError(problems)
    result: dict[str, Any] = game
    return result


def _nodes(game: dict[str, Any], stop: int) -> Iterator[tuple[str, dict[str, Any], int]]:
    """(path, node, depth) for every node, without recursion; stops going deeper at ``stop``."""
    pending: list[tuple[str, Any, int]] = [(ROOT, game, 1)]
    while pending:
        path, node, depth = pending.pop()
        if not isinstance(node, dict):
            continue
        yield path, node, depth
        if depth >= stop:
            continue
        choices = node.get("choices")
        if isinstance(choices, dict):
            pending += [(f"{path}{SEPARATOR}{k}", v, depth + 1) for k, v in choices.items()]
        branches = node.get("chance")
        if isinstance(branches, list):
            pending += [
                (f"{path}{SEPARATOR}{b.get('label', '?')}", b.get("node"), depth + 1)
                for b in branches
                if isinstance(b, dict)
            ]


def rung_problems(game: dict[str, Any], shown: str, root: Path | str | None) -> list[Problem]:
    """Every node's optional ``rung`` (the crisis level) must be a rung of the course ladder."""
    marked = [
        (path, node["rung"]) for path, node, _ in _nodes(game, stop=MAX_DEPTH) if "rung" in node
    ]
    if not marked:
        return []  # no rung to check: the ladder need not even exist
    rungs = sorted(int(r) for r in load("ladder", root)["rung"])
    problems = []
    for path, value in marked:
        if isinstance(value, bool) or not isinstance(value, int) or value not in rungs:
            detail = (
                f"{path} > rung: {value!r} is not a rung of the course ladder "
                f"(ladder.csv has rungs {rungs[0]} to {rungs[-1]})"
            )
            problems.append(Problem(shown, None, None, "known rung", detail))
    return problems


def slider_problems(game: dict[str, Any], shown: str) -> list[Problem]:
    """What makes a slider unusable before its targets are even looked up."""
    sliders = game.get("sliders", [])
    if not isinstance(sliders, list):
        return [Problem(shown, None, None, "game sliders", "sliders: must be a list of sliders")]
    problems = []
    for index, raw in enumerate(sliders):
        name = raw.get("name", "?") if isinstance(raw, dict) else "?"
        where = f"slider {index + 1} ({name})"
        detail = _slider_problem(raw)
        if detail:
            problems.append(Problem(shown, None, None, "game sliders", f"{where}: {detail}"))
    return problems


def _slider_problem(raw: Any) -> str | None:
    if not isinstance(raw, dict):
        return "must be a JSON object with name, label, min, max, value and targets"
    numbers = {key: raw.get(key) for key in ("min", "max", "value", "step") if key in raw}
    for key in ("min", "max", "value"):
        if key not in numbers:
            return f"needs {key!r} (a number)"
    for key, value in numbers.items():
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            return f"{key} is {value!r}, not a number"
    low, high, value = float(raw["min"]), float(raw["max"]), float(raw["value"])
    step = float(raw.get("step", 0.5))
    if not low < high:
        return f"min {low:g} must be below max {high:g}"
    if not 0 < step <= high - low:
        return f"step {step:g} must be above 0 and at most max - min ({high - low:g})"
    if not low <= value <= high:
        return f"value {value:g} lies outside {low:g}..{high:g}"
    targets = raw.get("targets")
    if not isinstance(targets, list) or not targets:
        return "targets must be a non-empty list of {'path': ..., 'player' or 'branch': ...}"
    for target in targets:
        if (
            not isinstance(target, dict)
            or not isinstance(target.get("path"), str)
            or len({"player", "branch"} & target.keys()) != 1
            or not all(isinstance(target[k], str) for k in {"player", "branch"} & target.keys())
        ):
            return f"target {target!r} needs a 'path' and one of 'player' or 'branch' (text)"
        if "branch" in target and not 0 <= low < high <= 1:
            return f"it sets a probability, so min and max must lie in 0..1, not {low:g}..{high:g}"
    return None


def history_problems(
    game: dict[str, Any],
    shown: str,
    root: Path | str | None,
    players: list[str] | None = None,
) -> list[Problem]:
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
        if players is not None and step["who"] not in players:
            detail = (
                f"{where} > who: {step['who']!r} is not a player; the players are "
                + ", ".join(players)
            )
            problems.append(Problem(shown, None, None, "known player", detail))
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
