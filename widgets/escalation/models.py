"""Small formal models of deterrence and alliance commitment, as pure functions.

Each function states its model; numbers fed to them in the lessons are illustrative, never
empirical estimates, unless a lesson cites a source for them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from widgets.cases import DEFAULT_CASE
from widgets.data import load

Regime = Literal["deterred by the status quo", "undeterrable", "threshold"]
# Beliefs and commitments (probabilities) at which the models' curves are drawn: 0, 0.01, ..., 1.
GRID: tuple[float, ...] = tuple(i / 100 for i in range(101))


def _number(name: str, value: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"{name} must be a number, not {value!r}")
    return float(value)


def _probability(name: str, value: float) -> float:
    value = _number(name, value)
    if not 0 <= value <= 1:
        raise ValueError(f"{name} is a probability: it must lie between 0 and 1, not {value:g}")
    return value


@dataclass(frozen=True)
class Formula:
    """A model's rule in readable notation (``general``) and worked with the learner's numbers
    (``worked``): plain text lines, for a view to escape and show."""

    general: tuple[str, ...]
    worked: tuple[str, ...]


M = "\N{MINUS SIGN}"  # formulas print a true minus sign, not a hyphen


def _num(value: float, spec: str = "g") -> str:
    """A number as a formula prints it, with a true minus sign."""
    return format(value, spec).replace("-", M)


def _signed(value: float) -> str:
    """A number as it reads after an operator: negative numbers in brackets."""
    return f"({_num(value)})" if value < 0 else _num(value)


@dataclass(frozen=True)
class ExtendedDeterrence:
    """Whether an attacker is deterred from attacking a protégé, given its belief ``q``."""

    q: float
    q_star: float | None  # the belief at which the attacker is just deterred; None: no threshold
    regime: Regime
    deterred: bool
    value: float  # the attacker's expected value of attacking at belief q (see attack_value)


def attack_value(w0: float, w1: float, q: float) -> float:
    """The attacker's expected value of attacking when it believes the defender fights with
    probability ``q``: q*w1 + (1-q)*w0 (the status quo is worth 0)."""
    return q * w1 + (1 - q) * w0


def extended_deterrence(w0: float, w1: float, q: float) -> ExtendedDeterrence:
    """Extended deterrence with an uncertain defender (attacker A, protégé P, defender D).

    A values the status quo at 0, attacking P at ``w0`` if D stays out and at ``w1`` if D fights
    (``w1 < w0``). A believes D intervenes with probability ``q`` and attacks iff
    q*w1 + (1-q)*w0 > 0. If w0 <= 0, attacking never pays: no commitment is needed. If w1 > 0,
    even certain intervention cannot deter. Otherwise A is deterred iff q >= q* = w0 / (w0 - w1).
    (Derived by the course from the standard expected-utility formulation of extended deterrence.)
    """
    w0, w1, q = _number("w0", w0), _number("w1", w1), _probability("q", q)
    if w1 >= w0:
        raise ValueError("w1 (the attacker's value if the defender fights) must be below w0")
    value = attack_value(w0, w1, q)
    if w0 <= 0:
        return ExtendedDeterrence(q, None, "deterred by the status quo", True, value)
    if w1 > 0:
        return ExtendedDeterrence(q, None, "undeterrable", False, value)
    q_star = w0 / (w0 - w1)
    return ExtendedDeterrence(q, q_star, "threshold", q >= q_star, value)


def deterrence_formula(w0: float, w1: float, q: float) -> Formula:
    """The rule of :func:`extended_deterrence`, and its threshold for these payoffs."""
    result = extended_deterrence(w0, w1, q)
    general = (
        f"value of attacking = q · w₁ + (1 {M} q) · w₀  (the status quo is 0)",
        f"deterred when q ≥ q* = w₀ / (w₀ {M} w₁)",
    )
    value = (
        f"{_num(q, '.2f')} · {_signed(w1)} + {_num(1 - q, '.2f')} · {_signed(w0)} "
        f"= {_num(result.value, '.2f')}"
    )
    if result.q_star is None:
        why = (
            f"w₀ = {_num(w0)} ≤ 0: attacking does not pay even unopposed, so no threshold"
            if result.regime == "deterred by the status quo"
            else f"w₁ = {_num(w1)} > 0: attacking pays even against a sure defender: no threshold"
        )
        return Formula(general, (f"value of attacking = {value}", why))
    threshold = f"q* = {_num(w0)} / ({_num(w0)} {M} {_signed(w1)}) = {_num(result.q_star, '.2f')}"
    return Formula(general, (f"value of attacking = {value}", threshold))


@dataclass(frozen=True)
class Estimate:
    """A published figure that is the chance an ally fights for its partner, ready for q."""

    citation: str  # authors (year), or who reports the figure
    period: str | None
    measures: str  # what the figure measures, in words
    percent: float
    source_ids: tuple[str, ...]

    @property
    def q(self) -> float:
        """The figure as a probability."""
        return self.percent / 100


def fighting_chances() -> tuple[Estimate, ...]:
    """The published figures that measure the chance an ally fights (``chance_ally_fights``), read
    in the study itself (``verified``): the only ones that can stand for the belief q. Shares of
    neutrality or non-aggression pacts kept, or of all treaties together, are not such a chance."""
    table = load("reliability")
    usable = table[table["chance_ally_fights"] & table["verified"]]
    return tuple(
        Estimate(
            citation=str(row["citation"]),
            period=None if pd.isna(row["period"]) else str(row["period"]),
            measures=str(row["measures"]),
            percent=float(row["figure_percent"]),
            source_ids=tuple(row["source_id"]),
        )
        for row in usable.to_dict("records")
    )


@dataclass(frozen=True)
class AmbiguityWindow:
    """The commitment probability that minimises the defender's expected loss."""

    best_commitment: float
    best_loss: float
    q_star: float
    losses: tuple[tuple[float, float], ...]  # (commitment, expected loss) on a grid

    @property
    def full_loss(self) -> float:
        """The expected loss of a full commitment (pi = 1), the natural comparison."""
        return dict(self.losses)[1.0]


def ambiguity_window(
    q_star: float,
    attack_loss: float,
    provocation_base: float,
    moral_hazard: float,
    entrapment_cost: float,
    steps: int = 101,
) -> AmbiguityWindow:
    """The course's own simple construct of "just enough" commitment (not a published model).

    The defender chooses pi, the probability it would come to the protégé's aid (pi near 1 is a
    clear commitment). The attacker is deterred iff pi >= q_star; otherwise the defender loses
    ``attack_loss``. A protected ally provokes crises at rate m(pi) = provocation_base +
    moral_hazard * pi (moral hazard), each of which drags the defender in with probability pi at
    cost ``entrapment_cost``. Expected loss L(pi) = [pi < q_star] * attack_loss +
    m(pi) * pi * entrapment_cost. With moral hazard > 0 and q_star < 1, the loss is smallest at
    pi = q_star: commit exactly as much as deterrence needs, no more.
    """
    q_star = _probability("q_star", q_star)
    attack_loss = _number("attack_loss", attack_loss)
    base = _number("provocation_base", provocation_base)
    hazard = _number("moral_hazard", moral_hazard)
    cost = _number("entrapment_cost", entrapment_cost)
    if min(attack_loss, base, hazard, cost) < 0:
        raise ValueError("losses, costs and provocation rates cannot be negative")
    if not isinstance(steps, int) or steps < 2:
        raise ValueError("steps must be a whole number of at least 2")

    def loss(pi: float) -> float:
        return (attack_loss if pi < q_star else 0.0) + (base + hazard * pi) * pi * cost

    grid = sorted({i / (steps - 1) for i in range(steps)} | {q_star})
    losses = tuple((pi, loss(pi)) for pi in grid)
    best, best_loss = min(losses, key=lambda pair: (pair[1], pair[0]))
    return AmbiguityWindow(best, best_loss, q_star, losses)


def ambiguity_formula(
    q_star: float,
    attack_loss: float,
    provocation_base: float,
    moral_hazard: float,
    entrapment_cost: float,
) -> Formula:
    """The expected loss of :func:`ambiguity_window`, worked at no, just-enough and full
    commitment."""
    window = ambiguity_window(q_star, attack_loss, provocation_base, moral_hazard, entrapment_cost)
    losses = dict(window.losses)
    general = (
        "expected loss L(π) = [π < q*] · A + (b + m · π) · π · C",
        "π: commitment; A: loss if the ally is attacked; b: ally's risk-taking unprotected; "
        "m: extra risk-taking when protected; C: cost of being dragged in; "
        "[π < q*] is 1 while the attacker is not deterred, else 0",
    )
    b, m, c = provocation_base, moral_hazard, entrapment_cost
    worked = tuple(
        f"{label}: L({_num(pi, '.2f')}) = {attack_loss if pi < q_star else 0:g} + "
        f"({_num(b)} + {_num(m)} · {_num(pi, '.2f')}) · {_num(pi, '.2f')} · {_num(c)} "
        f"= {_num(losses[pi], '.2f')}"
        for label, pi in [("no commitment", 0.0), ("just enough", q_star), ("full", 1.0)]
    )
    return Formula(general, worked)


@dataclass(frozen=True)
class BrinkmanshipWindow:
    """The range of risk q that is both effective (q >= q_min) and acceptable (q <= q_max)."""

    q_min: float
    q_max: float
    exists: bool


def _acceptable_risk(p: float, comply: float, acquiesce: float, war: float) -> float:
    """The largest risk worth running, before capping at 1 (infinite when p = 0)."""
    return math.inf if p == 0 else (1 - p) * (comply - acquiesce) / (p * (acquiesce - war))


def brinkmanship_window(
    p_hard: float,
    them_withdraw: float,
    them_prevail: float,
    them_war: float,
    us_comply: float,
    us_acquiesce: float,
    us_war: float,
) -> BrinkmanshipWindow:
    """Schelling's "threat that leaves something to chance", in the textbook form of Dixit & Skeath.

    We threaten a risk q of mutual disaster if the opponent defies. The opponent is hard (defies
    anyway) with probability ``p_hard``. A soft opponent complies iff q makes defiance worse than
    withdrawing: q >= q_min = (prevail - withdraw) / (prevail - war) (effectiveness). We can live
    with the threat iff its expected cost against a hard opponent is outweighed by what it gains
    against a soft one: q <= q_max = (1 - p)(comply - acquiesce) / (p (acquiesce - war))
    (acceptability). Brinkmanship works only where q_min <= q_max.
    """
    p = _probability("p_hard", p_hard)
    sw, sp, sx = (
        _number(n, v)
        for n, v in [
            ("them_withdraw", them_withdraw),
            ("them_prevail", them_prevail),
            ("them_war", them_war),
        ]
    )
    uc, ua, ux = (
        _number(n, v)
        for n, v in [("us_comply", us_comply), ("us_acquiesce", us_acquiesce), ("us_war", us_war)]
    )
    if not sp > sw > sx:
        raise ValueError("the opponent must rank prevailing above withdrawing above war")
    if not uc > ua > ux:
        raise ValueError("we must rank compliance above acquiescing above war")
    q_min = (sp - sw) / (sp - sx)
    q_max = min(_acceptable_risk(p, uc, ua, ux), 1.0)
    return BrinkmanshipWindow(q_min, q_max, q_min <= q_max)


def brinkmanship_formula(
    p_hard: float,
    them_withdraw: float,
    them_prevail: float,
    them_war: float,
    us_comply: float,
    us_acquiesce: float,
    us_war: float,
) -> Formula:
    """The two bounds of :func:`brinkmanship_window`, worked with these payoffs."""
    window = brinkmanship_window(
        p_hard, them_withdraw, them_prevail, them_war, us_comply, us_acquiesce, us_war
    )
    general = (
        f"effective: q ≥ q_min = (prevail {M} withdraw) / (prevail {M} disaster)"
        "  (the opponent's payoffs)",
        f"acceptable: q ≤ q_max = (1 {M} p)(comply {M} give in) / "
        f"(p · (give in {M} disaster))  (our payoffs)",
        "the threat works for any q between them: q_min ≤ q ≤ q_max",
    )
    q_min = (
        f"q_min = ({_num(them_prevail)} {M} {_signed(them_withdraw)}) / "
        f"({_num(them_prevail)} {M} {_signed(them_war)}) = {_num(window.q_min, '.2f')}"
    )
    if p_hard == 0:
        q_max = "q_max: with p = 0 the opponent is never hard-line, so any risk is acceptable (1)"
    else:
        raw = _acceptable_risk(p_hard, us_comply, us_acquiesce, us_war)
        capped = " (a risk cannot exceed 1)" if raw > 1 else ""
        q_max = (
            f"q_max = (1 {M} {_num(p_hard, '.2f')}) · "
            f"({_num(us_comply)} {M} {_signed(us_acquiesce)}) / "
            f"({_num(p_hard, '.2f')} · ({_num(us_acquiesce)} {M} {_signed(us_war)})) "
            f"= {_num(raw, '.2f')}{capped}"
        )
    return Formula(general, (q_min, q_max))


@dataclass(frozen=True)
class AllianceDilemma:
    """The commitment that balances fears of abandonment and entrapment."""

    best_commitment: float
    abandonment: tuple[float, ...]  # risk at each commitment of GRID
    entrapment: tuple[float, ...]
    total: tuple[float, ...]

    @property
    def commitments(self) -> tuple[float, ...]:
        """The commitments the risks are given for (GRID)."""
        return GRID


def alliance_dilemma(dependence: float, ally_risk_taking: float) -> AllianceDilemma:
    """A course construct of Snyder's alliance security dilemma (Snyder 1984; not his formulas).

    An ally chooses how strongly to commit, s in [0, 1]. Weak commitment risks *abandonment* (the
    partner drifts away or does not help when needed), growing with how much the ally depends on
    the partner: A(s) = dependence * (1 - s)^2. Strong commitment risks *entrapment* (being
    dragged into the partner's fights), growing with the partner's risk-taking:
    E(s) = ally_risk_taking * s^2.
    The squares make small departures from the middle cheap and extremes costly; the least total
    risk is at s* = dependence / (dependence + ally_risk_taking).
    """
    a = _number("dependence", dependence)
    e = _number("ally_risk_taking", ally_risk_taking)
    if a < 0 or e < 0:
        raise ValueError("dependence and the partner's risk-taking cannot be negative")
    if a == e == 0:
        raise ValueError("with no dependence and no risk-taking there is no dilemma to weigh")
    abandonment = tuple(a * (1 - s) ** 2 for s in GRID)
    entrapment = tuple(e * s**2 for s in GRID)
    total = tuple(x + y for x, y in zip(abandonment, entrapment, strict=True))
    return AllianceDilemma(a / (a + e), abandonment, entrapment, total)


def dilemma_formula(dependence: float, ally_risk_taking: float) -> Formula:
    """The two risks of :func:`alliance_dilemma` and their least total, for these settings."""
    result = alliance_dilemma(dependence, ally_risk_taking)
    general = (
        f"abandonment A(s) = d · (1 {M} s)²   (d: how much this ally needs the partner)",
        "entrapment E(s) = r · s²   (r: how much risk the partner takes)",
        "least total risk at s* = d / (d + r)",
    )
    worked = (
        f"s* = {_num(dependence)} / ({_num(dependence)} + {_num(ally_risk_taking)}) = "
        f"{_num(result.best_commitment, '.2f')}",
    )
    return Formula(general, worked)


OWN_SETTINGS = "(set the sliders yourself)"


def dilemma_presets(case_id: str = DEFAULT_CASE) -> dict[str, tuple[float, float]]:
    """Illustrative settings (dependence d, partner's risk-taking r) for positions in the case,
    by label, after the learner's own: the course's reading, not data, kept in the case's folder
    (``dilemma_presets.csv``)."""
    rows = load("dilemma_presets")
    rows = rows[rows["case_id"] == case_id].sort_values("position")
    return {
        OWN_SETTINGS: (5.0, 5.0),
        **{
            str(label): (float(d), float(r))
            for label, d, r in zip(
                rows["label"], rows["dependence"], rows["risk_taking"], strict=True
            )
        },
    }


def dilemma_preset(preset_id: str, case_id: str = DEFAULT_CASE) -> tuple[str, float, float]:
    """One preset of the case by id: (label, d, r)."""
    rows = load("dilemma_presets")
    row = rows[(rows["case_id"] == case_id) & (rows["preset_id"] == preset_id)].iloc[0]
    return str(row["label"]), float(row["dependence"]), float(row["risk_taking"])
