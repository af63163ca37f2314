"""The rules that compute a question's right answer from the data or the course's engines.

A row of ``questions`` (or of a case's ``questions.csv``) names its rule in ``answer`` and its
settings in ``params``. The rule returns the right answer, which the question builder
(:mod:`widgets.classroom.question_bank`) matches against each choice's ``value``, and the values
that fill the question's ``{placeholders}``: the words stay in the data, the facts are computed,
so a change in the data changes the answer with it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from widgets.cases import case
from widgets.data import load


@dataclass(frozen=True)
class Context:
    """What a rule is given: the question's case (None for a course-wide question), its
    ``params`` and the raw ``value`` of each of its choices."""

    case_id: str | None
    params: Mapping[str, str]
    choice_values: tuple[str, ...] = ()

    def param(self, name: str) -> str:
        if not self.params.get(name):
            raise ValueError(f"the rule needs the setting {name}=... in params")
        return self.params[name]

    def the_case(self) -> str:
        if self.case_id is None:
            raise ValueError("the rule reads a case: put the question in a case's questions.csv")
        return self.case_id


@dataclass(frozen=True)
class Computed:
    answer: object  # matched against the choices' values (str), or the number itself
    values: dict[str, Any] = field(default_factory=dict)  # fill the texts' {placeholders}
    source_ids: tuple[str, ...] = ()  # the rows of ``sources`` the answer rests on


Rule = Callable[[Context], Computed]
RULES: dict[str, Rule] = {}
LEARNER_SETTINGS = "learner-settings"  # not computed here: the lesson passes the answer in


def rule(name: str) -> Callable[[Rule], Rule]:
    def register(function: Rule) -> Rule:
        RULES[name] = function
        return function

    return register


def parse_params(text: object) -> dict[str, str]:
    """``"from=a; to=b"`` as ``{"from": "a", "to": "b"}``; a piece without ``=`` says so."""
    if not isinstance(text, str) or not text.strip():
        return {}
    found = {}
    for piece in text.split(";"):
        key, sep, value = piece.partition("=")
        if not sep or not key.strip():
            raise ValueError(f"params piece {piece.strip()!r} is not key=value")
        found[key.strip()] = value.strip()
    return found


def _long_date(day: pd.Timestamp) -> str:
    return f"{day.day} {day:%B %Y}"


def _only(chosen: list[str], what: str) -> str:
    if len(chosen) != 1:
        found = ", ".join(chosen) or "none"
        raise ValueError(f"exactly one choice must be {what}; found {found}")
    return chosen[0]


@rule("allies-on-day")
def allies_on_day(context: Context) -> Computed:
    """How many allies the treaty had on the case's day, and who joined just before and after."""
    from widgets.timeline.enlargement import members_on

    day = case(context.the_case()).day
    members, present = load("members"), members_on(day)
    after = members[members["joined"] > day].sort_values("joined")
    count = len(present)
    return Computed(
        count,
        {
            "day": _long_date(day),
            "count": count,
            "fewer": count - 1,
            "more": count + 1,
            "today": len(members),
            "last_name": present.iloc[-1]["name"],
            "next_name": after.iloc[0]["name"] if len(after) else "no other country",
            "next_joined": f"{after.iloc[0]['joined']:%d %B %Y}" if len(after) else "",
        },
    )


@rule("most-invoked-article")
def most_invoked_article(context: Context) -> Computed:
    """Which of Articles 4 and 5 the ``invocations`` table holds more often."""
    invocations = load("invocations")
    article4 = int((invocations["article"] == 4).sum())
    article5 = invocations.loc[invocations["article"] == 5, "date"]
    first5 = f"{article5.min():%d %B %Y}" if len(article5) else "never"
    answer = "4" if article4 > len(article5) else "5" if article4 < len(article5) else "equal"
    return Computed(answer, {"article4": article4, "first5": first5})


@rule("claim-status")
def claim_status(context: Context) -> Computed:
    """The choice (a claim id) whose checked status is ``status``; the claims' words fill
    ``{quote[claim-id]}`` and ``{evidence[claim-id]}``."""
    from widgets.classroom.claims import claims

    table = claims(context.the_case()).set_index("claim_id")
    missing = [c for c in context.choice_values if c not in table.index]
    if missing:
        raise ValueError(f"the claims {', '.join(missing)} are not in the case's claims.csv")
    status = context.param("status")
    chosen = [c for c in context.choice_values if table.loc[c, "status"] == status]
    quotes = {str(k): str(v) for k, v in table["quote"].items()}
    evidence = {str(k): str(v) for k, v in table["evidence"].items()}
    return Computed(
        _only(chosen, f"a claim rated {status}"), {"quote": quotes, "evidence": evidence}
    )


def attacks(case_id: str) -> pd.DataFrame:
    """The case's attacks to test against Article 6 (``attacks.csv``), in the lesson's order."""
    table = load("attacks")
    return table[table["case_id"] == case_id].sort_values("position").reset_index(drop=True)


def attack_verdict(row: pd.Series) -> Any:
    """The Article 6 engine's verdict on one row of :func:`attacks`."""
    from widgets.treaty.article6 import article6_verdict

    place = load("places").set_index("place_id").loc[row["place_id"]]
    return article6_verdict(
        float(place["lat"]), float(place["lon"]), target=row["target"], on=row["on"]
    )


@rule("attacks-inside")
def attacks_inside(context: Context) -> Computed:
    """How many of the case's attacks the engine finds clearly inside the treaty area."""
    table = attacks(context.the_case())
    places = load("places").set_index("place_id")["name"]
    groups: dict[str, list[str]] = {"yes": [], "no": [], "contested": []}
    for _, row in table.iterrows():
        groups[str(attack_verdict(row).covered)].append(str(places[row["place_id"]]))
    count = len(groups["yes"])
    listed = "; ".join(f"({i}) {d}" for i, d in enumerate(table["description"], start=1))
    contested = ", ".join(groups["contested"])
    return Computed(
        count,
        {
            "attacks": listed,
            "count": count,
            "total": len(table),
            "inside": ", ".join(groups["yes"]) or "none",
            "outside": ", ".join(groups["no"]) or "none",
            "contested": f"; contested: {contested}" if contested else "",
        },
    )


@rule("article6-attack")
def article6_attack(context: Context) -> Computed:
    """Whether one attack of the case falls inside Article 6's area: yes, no or contested."""
    table = attacks(context.the_case()).set_index("attack_id")
    attack_id = context.param("attack")
    if attack_id not in table.index:
        raise ValueError(f"the attack {attack_id!r} is not in the case's attacks.csv")
    row = table.loc[str(attack_id)]
    if not isinstance(row, pd.Series):
        raise ValueError(f"the attack {attack_id!r} is in the case's attacks.csv twice")
    verdict = attack_verdict(row)
    reason = str(verdict.reason)
    return Computed(
        verdict.covered,
        {
            "description": row["description"],
            "on": f"{row['on']:%Y-%m-%d}",
            "reason": reason,
            "reason_lower": reason[:1].lower() + reason[1:],
        },
    )


def _events(case_id: str) -> pd.DataFrame:
    from widgets.timeline.model import crisis_events

    return crisis_events(case_id).set_index("event_id")


def _event_day(events: pd.DataFrame, event_id: str) -> pd.Timestamp:
    if event_id not in events.index:
        raise ValueError(f"the event {event_id!r} is not in the case's events.csv")
    return _day(events.loc[event_id, "date"])


def _day(value: Any) -> pd.Timestamp:
    return pd.Timestamp(value)


@rule("days-between")
def days_between(context: Context) -> Computed:
    """Days between two events' (local) dates."""
    events = _events(context.the_case())
    first = _event_day(events, context.param("from"))
    last = _event_day(events, context.param("to"))
    return Computed(float((last - first).days))


@rule("days-band")
def days_band(context: Context) -> Computed:
    """How long between two events, in words a poll offers: ``same-day``, ``within-a-week``,
    ``within-weeks`` (up to 45 days) or ``longer``; their dates fill ``{from_date}`` and
    ``{to_date}``."""
    events = _events(context.the_case())
    first_id, last_id = context.param("from"), context.param("to")
    first, last = _event_day(events, first_id), _event_day(events, last_id)
    days = (last - first).days
    if days == 0:
        band = "same-day"
    elif days <= 7:
        band = "within-a-week"
    else:
        band = "within-weeks" if days <= 45 else "longer"
    values = {"days": days, "from_date": _long_date(first), "to_date": _long_date(last)}
    return Computed(band, values, _first_sources(events, (first_id, last_id)))


def _first_sources(events: pd.DataFrame, event_ids: tuple[str, ...]) -> tuple[str, ...]:
    """The first report of each event (its first source), in order, once each."""
    cited: list[str] = []
    for event_id in event_ids:
        sources: Any = events.loc[event_id, "source_id"]  # a tuple: the loader splits lists
        cited += [str(source) for source in tuple(sources)[:1]]
    return tuple(dict.fromkeys(cited))


@rule("events")
def events_said(context: Context) -> Computed:
    """What some events of the case did, in the events table's words (``{action[event-id]}``),
    with their first reports as sources; no answer (a poll marks its closest choice)."""
    events = _events(context.the_case())
    chosen = tuple(e.strip() for e in context.param("events").split(",") if e.strip())
    for event_id in chosen:
        _event_day(events, event_id)
    actions = {e: str(events.loc[e, "action"]) for e in chosen}
    return Computed(None, {"action": actions}, _first_sources(events, chosen))


@rule("debrief")
def debrief(context: Context) -> Computed:
    """What the alliance really said (the case's debrief events), as ``{said}``."""
    events = _events(context.the_case())
    chosen = case(context.the_case()).debrief_events
    said = " ".join(str(events.loc[e, "action"]) for e in chosen)
    return Computed(None, {"said": said}, _first_sources(events, chosen))


@rule("reading")
def reading(context: Context) -> Computed:
    """One of the case's readings (``readings.csv``) as plain text, as ``{reading}``."""
    from widgets.classroom.readings import reading_text

    return Computed(None, {"reading": reading_text(context.param("reading"), context.the_case())})


@rule("claim-counts")
def claim_counts(context: Context) -> Computed:
    """How much of the case's article held up against the sources: ``nearly-all`` (90% or more
    of its claims confirmed), ``most`` (half or more) or ``little``, with the counts by kind."""
    from widgets.classroom.claims import claims

    table = claims(context.the_case())
    counts = table["status"].value_counts()
    total, confirmed = len(table), int(counts.get("confirmed", 0))
    share = confirmed / total if total else 0.0

    def held(kinds: set[str]) -> str:
        rows = table[table["kind"].isin(kinds)]
        return f"{int((rows['status'] == 'confirmed').sum())} of {len(rows)}"

    others = ", ".join(f"{int(n)} {k}" for k, n in counts.items() if k != "confirmed")
    return Computed(
        "nearly-all" if share >= 0.9 else "most" if share >= 0.5 else "little",
        {
            "total": total,
            "confirmed": confirmed,
            "others": others,
            "facts": held({"fact"}),
            "quotations": held({"quotation"}),
            "opinions": held({"speculation", "opinion"}),
        },
    )


@rule("deterrence-threshold")
def deterrence_threshold(context: Context) -> Computed:
    """q*, the belief that just deters, for the payoffs ``w0`` and ``w1``, as ``{q_star}``."""
    from widgets.escalation.models import extended_deterrence

    result = extended_deterrence(float(context.param("w0")), float(context.param("w1")), 0.0)
    return Computed(None, {"q_star": f"{result.q_star or 0.0:.2f}"})


@rule("dilemma-fear")
def dilemma_fear(context: Context) -> Computed:
    """Which fear weighs more at one of the case's dilemma presets: ``entrapment`` (the
    partner's risk-taking exceeds the need), ``abandonment``, or ``both`` when equal."""
    from widgets.escalation.models import alliance_dilemma, dilemma_preset

    _, dependence, risk = dilemma_preset(context.param("preset"), context.the_case())
    fear = "entrapment" if risk > dependence else "abandonment" if dependence > risk else "both"
    best = alliance_dilemma(dependence, risk).best_commitment
    return Computed(
        fear,
        {
            "fear": fear.capitalize(),
            "dependence": f"{dependence:g}",
            "risk": f"{risk:g}",
            "best": f"{best:.2f}",
        },
    )


@rule("days-to-first-report")
def days_to_first_report(context: Context) -> Computed:
    """Days from an event to the first report of a ``kind`` after it that counts casualties."""
    events = _events(context.the_case())
    start = _event_day(events, context.param("after"))
    reports = events[(events["kind"] == context.param("kind")) & (events["date"] >= start)]
    counted = reports[~reports["casualties"].fillna("0 ").str.startswith("0 ")]
    if counted.empty:
        raise ValueError(f"no {context.param('kind')!r} after the event reports casualties")
    return Computed(float((counted["known_on"].min() - start).days))


def _reported(context: Context, known: Callable[[pd.Timestamp], bool], what: str) -> Computed:
    events = _events(context.the_case())
    for event_id in context.choice_values:
        _event_day(events, event_id)
    chosen = [e for e in context.choice_values if known(_day(events.loc[e, "known_on"]))]
    answer = _only(chosen, what)
    return Computed(answer, {"happened": f"{_event_day(events, answer):%d %B %Y}"})


@rule("reported-by-case-day")
def reported_by_case_day(context: Context) -> Computed:
    """The one choice (an event id) known by the end of the case's day."""
    day = case(context.the_case()).day
    return _reported(context, lambda known: known <= day, "known by the case's day")


@rule("reported-before-meeting")
def reported_before_meeting(context: Context) -> Computed:
    """The one choice (an event id) reported before the day the alliance met."""
    day = case(context.the_case()).meeting_day
    return _reported(context, lambda known: known < day, "reported before the meeting's day")


@rule("peak-rung")
def peak_rung(context: Context) -> Computed:
    """The highest rung of the escalation ladder the case's events reach, and its name."""
    rungs = _events(context.the_case())["rung"].dropna()
    if rungs.empty:
        raise ValueError("no event of the case has a ladder rung")
    peak = int(rungs.max())
    name = str(load("ladder").set_index("rung").loc[peak, "name"])
    return Computed(peak, {"peak": peak, "name": name})


@rule("game-outcome")
def game_outcome(context: Context) -> Computed:
    """How a game file ends with its default payoffs, from the solver."""
    from widgets.escalation import solve
    from widgets.escalation.games import load_game
    from widgets.escalation.scenario import apply_sliders

    return Computed(str(solve(apply_sliders(load_game(context.param("game")), {})).outcome))


@rule("war-probability")
def war_probability(context: Context) -> Computed:
    """How often a game ends on ``rung`` when every side misperceives (logit ``rationality``):
    the answer is a band: ``never``, ``rarely`` (under 5%), ``sometimes`` (under 40%) or
    ``often``."""
    from widgets.escalation import solve
    from widgets.escalation.games import load_game
    from widgets.escalation.replay import outcome_probabilities
    from widgets.escalation.scenario import apply_sliders

    tree = apply_sliders(load_game(context.param("game")), {})
    solution = solve(tree, rationality=float(context.param("rationality")))
    rung = int(context.param("rung"))
    p = sum(q for (r, _), q in outcome_probabilities(tree, solution).items() if r == rung)
    band = "never" if p == 0 else "rarely" if p < 0.05 else "sometimes" if p < 0.4 else "often"
    return Computed(band, {"p": f"{p:.0%}"})
