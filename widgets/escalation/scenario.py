"""Crisis scenarios: a game tree plus sliders that change chosen payoffs or chance probabilities.

A scenario file may carry, besides the tree, an optional ``sliders`` list. Each slider names the
payoffs (``{"path": ..., "player": ...}``) or the two-branch chance node (``{"path": ..., "branch":
...}``) it sets, so an instructor can expose the assumptions worth arguing about without writing
code. Payoffs stay plain numbers in the file; sliders only substitute values.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from widgets.escalation.tree import ROOT, SEPARATOR, parse_tree


@dataclass(frozen=True)
class SliderSpec:
    name: str
    label: str
    low: float
    high: float
    step: float
    value: float
    targets: tuple[dict[str, str], ...]


def sliders_of(scenario: dict[str, Any]) -> list[SliderSpec]:
    """The scenario's sliders, each checked to point at nodes that exist."""
    specs = []
    for index, raw in enumerate(scenario.get("sliders", [])):
        where = f"slider {index + 1} ({raw.get('name', '?')})"
        try:
            spec = SliderSpec(
                str(raw["name"]),
                str(raw["label"]),
                float(raw["min"]),
                float(raw["max"]),
                float(raw.get("step", 0.5)),
                float(raw["value"]),
                tuple(raw["targets"]),
            )
        except (KeyError, TypeError, ValueError):
            raise ValueError(
                f"{where}: needs name, label, min, max, value and targets (step optional)"
            ) from None
        if not spec.low <= spec.value <= spec.high:
            raise ValueError(
                f"{where}: value {spec.value:g} lies outside {spec.low:g}..{spec.high:g}"
            )
        for target in spec.targets:
            _locate(scenario, target, where)
        specs.append(spec)
    return specs


def apply_sliders(scenario: dict[str, Any], values: dict[str, float]) -> dict[str, Any]:
    """A copy of the scenario with each slider's value written into its targets."""
    result = copy.deepcopy(scenario)
    for spec in sliders_of(scenario):
        value = values.get(spec.name, spec.value)
        if not spec.low <= value <= spec.high:
            raise ValueError(f"{spec.label}: {value:g} lies outside {spec.low:g}..{spec.high:g}")
        for target in spec.targets:
            node = _locate(result, target, spec.name)
            if "player" in target:
                node["payoffs"][target["player"]] = value
            else:
                branches = node["chance"]
                for branch in branches:
                    branch["p"] = value if branch["label"] == target["branch"] else 1 - value
    parse_tree(result)
    return result


def node_at(scenario: dict[str, Any], path: str) -> dict[str, Any]:
    """The raw node at ``path`` (``root > Choice > Branch``); ValueError if there is none."""
    return _locate(scenario, {"path": path}, "path")


def _locate(scenario: dict[str, Any], target: dict[str, str], where: str) -> dict[str, Any]:
    path = target.get("path", "")
    steps = path.split(SEPARATOR)
    if steps[0] != ROOT:
        raise ValueError(f"{where}: path {path!r} must start at {ROOT!r}")
    node = scenario
    for step in steps[1:]:
        if "choices" in node and step in node["choices"]:
            node = node["choices"][step]
        elif "chance" in node and any(b.get("label") == step for b in node["chance"]):
            node = next(b["node"] for b in node["chance"] if b.get("label") == step)
        else:
            raise ValueError(f"{where}: no node {step!r} on the path {path!r}")
    if "player" in target and ("payoffs" not in node or target["player"] not in node["payoffs"]):
        raise ValueError(f"{where}: {path!r} has no payoff for {target['player']!r}")
    if "branch" in target and (
        "chance" not in node
        or len(node["chance"]) != 2
        or not any(b.get("label") == target["branch"] for b in node["chance"])
    ):
        raise ValueError(
            f"{where}: {path!r} is not a two-branch chance node with {target['branch']!r}"
        )
    return node
