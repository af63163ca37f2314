"""Slider explorers for the formal models: thin views over widgets.escalation.models.

Each explorer keeps a text summary in sync with its chart (the text alternative), and reports a
plain-words message instead of a traceback when a combination of sliders is impossible. Every rule
and every formula comes from widgets.escalation.models: a view asks the model, and renders.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from widgets import look
from widgets.data import load
from widgets.escalation.explorer import SliderExplorer, slider
from widgets.escalation.models import (
    GRID,
    AllianceDilemma,
    AmbiguityWindow,
    BrinkmanshipWindow,
    Estimate,
    ExtendedDeterrence,
    alliance_dilemma,
    ambiguity_formula,
    ambiguity_window,
    attack_value,
    brinkmanship_formula,
    brinkmanship_window,
    deterrence_formula,
    dilemma_formula,
    dilemma_presets,
    extended_deterrence,
    fighting_chances,
)
from widgets.markup import escape
from widgets.sources import sources_html

__all__ = ["dilemma_presets"]  # re-exported: the presets are the model's, shown here
NOT_STATED = "not stated"


def reliability_priors() -> pd.DataFrame:
    """Published figures read in the studies themselves, as a learner reads them: who, when, what
    the figure measures, the figure, and whether it is the chance that an ally fights."""
    table = load("reliability")
    table = table[table["verified"]]
    return pd.DataFrame(
        {
            "Study": table["citation"],
            "Period": table["period"].fillna(NOT_STATED),
            "What the figure measures": table["measures"],
            "Figure": [f"{value:g}%" for value in table["figure_percent"]],
            "Chance an ally fights?": ["yes" if v else "no" for v in table["chance_ally_fights"]],
        }
    ).reset_index(drop=True)


class FiguresTable:
    """The published figures as a table (no index, nothing missing) and the sources they come
    from; plain text too, so a lesson can check the table's output."""

    def __init__(self) -> None:
        table = load("reliability")
        self.frame = reliability_priors()
        self.source_ids = tuple(
            dict.fromkeys(i for ids in table[table["verified"]]["source_id"] for i in ids)
        )

    def _repr_html_(self) -> str:
        return look.table_html(self.frame) + "<p><b>Sources</b></p>" + sources_html(self.source_ids)

    def __repr__(self) -> str:
        return str(self.frame.to_string(index=False))


def reliability_table() -> FiguresTable:
    """The figures a learner reads, with their sources (see :class:`FiguresTable`)."""
    return FiguresTable()


def estimate_label(estimate: Estimate) -> str:
    """A figure in words: study, period, figure and what it measures (shown once picked)."""
    period = estimate.period or f"period {NOT_STATED}"
    return f"{estimate.citation}, {period}: {estimate.percent:g}%, {estimate.measures}"


def estimate_option(estimate: Estimate, limit: int = 44) -> str:
    """A picker option short enough to read in the box: the figure, the study and what it
    measures in a few words; the period and the whole description follow once it is picked."""
    measures = estimate.measures.split(":")[0].strip()
    if len(measures) > limit:
        measures = measures[:limit].rsplit(" ", 1)[0].rstrip(" ,;") + "…"
    option = f"{estimate.percent:g}% · {estimate.citation}"
    return option if len(option) + len(measures) > 85 else f"{option} · {measures}"


def deterrence_summary(result: ExtendedDeterrence, w0: float, w1: float) -> str:
    """The verdict of the extended-deterrence model in one or two sentences."""
    if result.regime == "deterred by the status quo":
        return f"Attacking is worth {w0:g} even if the defender stays out: no threat is needed."
    if result.regime == "undeterrable":
        return f"Attacking is worth {w1:g} even against a defender sure to fight: no threat deters."
    assert result.q_star is not None
    expected = result.value
    verdict = "deterred" if result.deterred else "NOT deterred"
    return (
        f"The attacker needs a belief of at least q* = {result.q_star:.2f} that the defender "
        f"will fight. With q = {result.q:.2f}, attacking is worth {expected:.2f}: {verdict}."
    )


def deterrence_figure(w0: float, w1: float, q: float) -> Any:
    """The attacker's expected value of attacking as its belief q varies, with q* and q marked."""
    import plotly.graph_objects as go

    look.apply()
    result = extended_deterrence(w0, w1, q)
    grid = list(GRID)
    figure = go.Figure(
        go.Scatter(
            x=grid,
            y=[attack_value(w0, w1, p) for p in grid],
            name="value of attacking",
            line={"width": 3},
        )
    )
    figure.add_hline(y=0, line_dash="dot", annotation_text="status quo (0)")
    if result.q_star is not None:
        figure.add_vline(
            x=result.q_star, line_dash="dash", annotation_text=f"q* = {result.q_star:.2f}"
        )
    figure.add_trace(
        go.Scatter(
            x=[q],
            y=[result.value],
            mode="markers",
            marker={"size": 14, "symbol": "diamond", "color": look.PALETTE["vermillion"]},
            name="your q",
        )
    )
    figure.update_layout(
        title="Is the attacker deterred? (text version below the chart)",
        xaxis_title="q: attacker's belief that the defender will fight",
        yaxis_title="attacker's expected value",
        height=380,
        legend={"orientation": "h", "y": -0.25},
    )
    return figure


def deterrence_explorer(w0: float = 3.0, w1: float = -2.0, q: float = 0.5) -> SliderExplorer:
    """Sliders for w0, w1 and q; a dropdown sets q from a published figure that is the chance an
    ally fights (models.fighting_chances), and names its source."""
    import ipywidgets as w

    controls = {
        "w0": slider("w0: attack, defender stays out", w0, -5, 10, 0.5),
        "w1": slider("w1: attack, defender fights", w1, -10, 5, 0.5),
        "q": slider("q: belief the defender fights", q, 0, 1, 0.01),
    }
    estimates = fighting_chances()
    options: list[tuple[str, int | None]] = [("(choose a published figure)", None)]
    options += [(estimate_option(e), i) for i, e in enumerate(estimates)]
    prior = w.Dropdown(
        options=options,
        description="Set q from",
        style={"description_width": "initial"},
        layout=w.Layout(width="100%", max_width="60em"),
    )
    cited = w.HTML()

    def use_prior(change: dict[str, Any]) -> None:
        if change["new"] is None:
            cited.value = ""
            return
        estimate = estimates[change["new"]]
        cited.value = (
            f"<p>q = {estimate.q:.2f}: {escape(estimate_label(estimate))}.<br>Source: "
            + sources_html(estimate.source_ids, inline=True)
            + "</p>"
        )
        controls["q"].value = estimate.q

    prior.observe(use_prior, names="value")

    def render(w0: float, w1: float, q: float) -> tuple[str, Any]:
        result = extended_deterrence(w0, w1, q)
        return deterrence_summary(result, w0, w1), deterrence_figure(w0, w1, q)

    return SliderExplorer(controls, render, extra=(prior, cited), formula=deterrence_formula)


def ambiguity_summary(q_star: float, window: AmbiguityWindow) -> str:
    best = window.best_commitment
    if best == 0:
        lead = "With these costs the least-loss choice is no commitment at all"
    elif abs(best - q_star) < 1e-9:
        lead = f"The least-loss commitment is exactly q* = {q_star:.2f}: just enough to deter"
    else:
        lead = f"The least-loss commitment is {best:.2f}"
    full = window.full_loss
    return (
        f"{lead} (expected loss {window.best_loss:.2f}; a full commitment would cost {full:.2f})."
    )


def ambiguity_figure(window: AmbiguityWindow) -> Any:
    import plotly.graph_objects as go

    look.apply()
    xs, ys = zip(*window.losses, strict=True)
    figure = go.Figure(go.Scatter(x=xs, y=ys, name="expected loss", line={"width": 3}))
    figure.add_vline(x=window.q_star, line_dash="dash", annotation_text=f"q* = {window.q_star:.2f}")
    figure.add_trace(
        go.Scatter(
            x=[window.best_commitment],
            y=[window.best_loss],
            mode="markers",
            marker={"size": 14, "symbol": "diamond", "color": look.PALETTE["vermillion"]},
            name="least loss",
        )
    )
    figure.update_layout(
        title="The ambiguity window: a course construct (text version below the chart)",
        xaxis_title="commitment: probability the defender would come to help",
        yaxis_title="defender's expected loss",
        height=380,
        legend={"orientation": "h", "y": -0.25},
    )
    return figure


def ambiguity_explorer() -> SliderExplorer:
    """Sliders for the course's ambiguity construct (see models.ambiguity_window)."""
    controls = {
        "q_star": slider("q*: commitment that deters", 0.6, 0, 1, 0.05),
        "attack_loss": slider("loss if the ally is attacked", 10, 0, 20, 0.5),
        "provocation_base": slider("ally's risk-taking, unprotected", 0.1, 0, 2, 0.05),
        "moral_hazard": slider("extra risk-taking when protected", 1, 0, 5, 0.1),
        "entrapment_cost": slider("cost of being dragged in", 5, 0, 20, 0.5),
    }

    def render(**values: float) -> tuple[str, Any]:
        window = ambiguity_window(
            values["q_star"],
            values["attack_loss"],
            values["provocation_base"],
            values["moral_hazard"],
            values["entrapment_cost"],
        )
        return ambiguity_summary(values["q_star"], window), ambiguity_figure(window)

    more = ("attack_loss", "provocation_base", "entrapment_cost")
    return SliderExplorer(controls, render, more=more, formula=ambiguity_formula)


def brinkmanship_summary(window: BrinkmanshipWindow) -> str:
    if window.exists:
        return (
            f"A threat with a risk of disaster between {window.q_min:.2f} and {window.q_max:.2f} "
            "both deters a soft opponent and is worth making: the brinkmanship window is open."
        )
    return (
        f"To deter, the risk must be at least {window.q_min:.2f}, but it is only worth running "
        f"up to {window.q_max:.2f}: the window is closed, so brinkmanship cannot work here."
    )


def brinkmanship_figure(window: BrinkmanshipWindow) -> Any:
    import plotly.graph_objects as go

    look.apply()
    figure = go.Figure()
    if window.exists:
        figure.add_vrect(
            x0=window.q_min,
            x1=window.q_max,
            fillcolor=look.PALETTE["green"],
            opacity=0.25,
            line_width=0,
            annotation_text="window",
        )
    for x, name, colour in [
        (window.q_min, "effective from (q_min)", look.PALETTE["blue"]),
        (window.q_max, "acceptable up to (q_max)", look.PALETTE["orange"]),
    ]:
        figure.add_trace(
            go.Scatter(
                x=[x, x], y=[0, 1], mode="lines", name=name, line={"color": colour, "width": 4}
            )
        )
    figure.update_layout(
        title="Brinkmanship: the range of risk that is effective and acceptable",
        xaxis={"title": "q: risk of disaster the threat creates", "range": [0, 1]},
        yaxis={"visible": False, "range": [0, 1]},
        height=400,  # a plotting area a room can read (at least 300 x 200 px)
        legend={"orientation": "h", "y": -0.3},
    )
    return figure


def brinkmanship_explorer() -> SliderExplorer:
    """Sliders for Schelling's brinkmanship, Dixit-Skeath form (see models.brinkmanship_window)."""
    controls = {
        "p_hard": slider("p: opponent is hard-line", 0.3, 0, 1, 0.01),
        "them_withdraw": slider("opponent: withdraw", -4, -10, 10, 0.5),
        "them_prevail": slider("opponent: prevail", 2, -10, 10, 0.5),
        "them_war": slider("opponent: disaster", -8, -20, 0, 0.5),
        "us_comply": slider("us: opponent complies", 1, -10, 10, 0.5),
        "us_acquiesce": slider("us: we give in", -2, -10, 10, 0.5),
        "us_war": slider("us: disaster", -10, -20, 0, 0.5),
    }

    def render(**values: float) -> tuple[str, Any]:
        window = brinkmanship_window(**values)
        return brinkmanship_summary(window), brinkmanship_figure(window)

    more = [name for name in controls if name != "p_hard"]
    return SliderExplorer(controls, render, more=more, formula=brinkmanship_formula)


def dilemma_summary(result: AllianceDilemma) -> str:
    s = result.best_commitment
    lean = (
        "leans towards firm commitment: abandonment is the bigger fear"
        if s > 0.55
        else "leans towards holding back: entrapment is the bigger fear"
        if s < 0.45
        else "sits in the middle: both fears weigh about equally"
    )
    return f"Least total risk at commitment {s:.2f}; this ally {lean}."


def dilemma_figure(result: AllianceDilemma) -> Any:
    import plotly.graph_objects as go

    look.apply()
    grid = list(result.commitments)
    figure = go.Figure()
    for values, name, dash in [
        (result.abandonment, "risk of abandonment", "dot"),
        (result.entrapment, "risk of entrapment", "dash"),
        (result.total, "total", "solid"),
    ]:
        figure.add_trace(go.Scatter(x=grid, y=values, name=name, line={"dash": dash, "width": 3}))
    figure.add_vline(x=result.best_commitment, annotation_text=f"s* = {result.best_commitment:.2f}")
    figure.update_layout(
        title="Snyder's alliance dilemma: a course construct (text version below the chart)",
        xaxis_title="strength of commitment to the partner",
        yaxis_title="risk (illustrative units)",
        height=380,
        legend={"orientation": "h", "y": -0.25},
    )
    return figure


def dilemma_explorer() -> SliderExplorer:
    """Sliders for dependence and the partner's risk-taking, with illustrative presets."""
    import ipywidgets as w

    controls = {
        "dependence": slider("how much this ally needs the partner", 5, 0, 10, 0.5),
        "ally_risk_taking": slider("how much risk the partner takes", 5, 0, 10, 0.5),
    }
    presets = dilemma_presets()
    preset = w.Dropdown(
        options=list(presets), description="Illustrative", layout=w.Layout(width="52em")
    )

    def use_preset(change: dict[str, Any]) -> None:
        dependence, risk = presets[change["new"]]
        controls["dependence"].value, controls["ally_risk_taking"].value = dependence, risk

    preset.observe(use_preset, names="value")

    def render(dependence: float, ally_risk_taking: float) -> tuple[str, Any]:
        result = alliance_dilemma(dependence, ally_risk_taking)
        return dilemma_summary(result), dilemma_figure(result)

    return SliderExplorer(controls, render, extra=(preset,), formula=dilemma_formula)
