"""The Article 6 engine: would an attack at this place, on this day, fall under Article 5?

Article 5 applies to "an armed attack"; Article 6 says where such an attack counts. This model
reads the course's ordered rules (``article6_rules``, each with its reason and sources) against the
Parties' land (``article6_land``), all land (``map_land``) and the seas Article 6 names
(``article6_seas``). The first rule that matches a point decides.

Borders and members change, so the same place can be outside the treaty on one day and inside on
another. The engine first asks whose territory a point was on the day: past borders
(``article6_past_land``: East Germany, Berlin, the Saar, Trieste, Gibraltar, former colonies) are
found before today's outlines, and ``article6_holders`` says who held each of them when (a place
without rows there belongs to its ``sovereign`` in ``article6_territories``). Only then does it
ask whether that Party was in the treaty (``members``).

Coarse coastlines put some coastal towns a little out to sea; for an attack on territory, a point
within about 13 km (0.12 degrees) of a Party's coast is treated as on that coast (the reason says
so).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

import numpy as np
import pandas as pd

from widgets.data import load
from widgets.dates import DateLike, as_date
from widgets.treaty.geometry import (
    Ring,
    first_containing_index,
    nearest_within_index,
    parse_ring,
)

Covered = Literal["yes", "no", "contested"]
Target = Literal["territory", "forces"]  # the place itself, or forces stationed there
AttackKind = Literal["armed", "cyber"]
Version = Literal["1949", "1951"]  # the wording of Article 6 in force on the day
COVERED: tuple[Covered, ...] = ("yes", "no", "contested")
TARGETS: tuple[Target, ...] = ("territory", "forces")
ATTACKS: tuple[AttackKind, ...] = ("armed", "cyber")
AMENDED = pd.Timestamp("1952-02-18")  # the 1951 wording applies from Turkey's accession
COAST_SNAP_DEGREES = 0.12
ONE_DAY = pd.Timedelta(days=1)


@dataclass(frozen=True)
class Verdict:
    covered: Covered
    reason: str
    clause: str | None  # the words of Article 6 that apply
    rule_id: str
    version: Version


@dataclass(frozen=True)
class Holding:
    """Who held a place from ``since`` to ``until`` (inclusive; None: open): article6_holders."""

    holder: str  # a Party's ISO code, or "" when no Party held it
    since: pd.Timestamp | None
    until: pd.Timestamp | None
    held_as: str  # learner-facing words: what the place was in those years


# Party names that take "the" in a sentence ("territory of the United Kingdom").
_WITH_THE = frozenset({"United Kingdom", "United States", "Netherlands"})


def _text(value: object) -> str:
    return "" if pd.isna(value) else str(value)  # type: ignore[call-overload]


@cache
def _world() -> dict[str, Any]:
    past = [parse_ring(str(r.code), str(r.points)) for r in load("article6_past_land").itertuples()]
    today = [parse_ring(str(r.code), str(r.points)) for r in load("article6_land").itertuples()]
    world_land = [parse_ring(str(r.code), str(r.points)) for r in load("map_land").itertuples()]
    seas = {
        str(r.sea_id): parse_ring(str(r.sea_id), str(r.points))
        for r in load("article6_seas").itertuples()
    }
    owners = load("article6_territories").set_index("code")
    holdings: dict[str, list[Holding]] = {}
    for row in load("article6_holders").to_dict("records"):
        holdings.setdefault(str(row["code"]), []).append(
            Holding(
                _text(row["holder"]),
                None if pd.isna(row["valid_from"]) else row["valid_from"],
                None if pd.isna(row["valid_to"]) else row["valid_to"],
                str(row["held_as"]),
            )
        )
    members = load("members").set_index("iso3")
    sovereigns = {
        str(code): "" if pd.isna(sovereign) else str(sovereign)
        for code, sovereign in owners["sovereign"].items()
    }
    rules = load("article6_rules").sort_values("priority").to_dict("records")
    treaty = load("treaty_text")
    article6 = treaty[(treaty["treaty_id"] == "north-atlantic-treaty") & (treaty["article"] == "6")]
    texts = {
        row["version"]: (str(row["text"]), bool(row["verified"]))
        for row in article6.to_dict("records")
    }
    return {
        # a past border lies inside today's outline of its Party: look at it first; for the
        # coastal snap, later rings win ties, so the past ones go last there
        "land": past + today,
        "snap_land": today + past,
        # each list's keys as an array, "" last: keys[index] with index -1 for "no ring"
        "land_keys": _keys(past + today),
        "snap_keys": _keys(today + past),
        "sovereigns": sovereigns,
        "joined": dict(members["joined"].items()),
        "holdings": holdings,
        "world_land": world_land,
        "seas": seas,
        "owners": owners,
        "names": {str(code): str(name) for code, name in owners["name"].items()},
        "members": members,
        "rules": rules,
        "texts": texts,
    }


def _keys(rings: list[Ring]) -> np.ndarray:
    return np.array([ring.key for ring in rings] + [""], dtype=object)


def _clause_text(clause: str, version: Version) -> str | None:
    texts = _world()["texts"]
    if clause == "none":
        return None
    if version == "1949" or clause == "1949":
        text, verified = texts["1949"]
        return str(text) + ("" if verified else " [1949 wording not yet verified word for word]")
    text = str(texts["1951"][0])
    parts = text.split("(ii)")
    return ("(ii)" + parts[1]).strip() if clause == "ii" else parts[0].strip()


def change_days() -> list[pd.Timestamp]:
    """Every day on which the area Article 6 covers changed: the treaty's entry into force, the
    1951 wording, each accession, each change of holder to or from a Party and each dated rule
    beginning or ending (the day after a rule's last day). These are the stops of the map's date
    slider: between two of them every verdict stays the same."""
    world = _world()
    days = {AMENDED, *world["members"]["joined"]}
    joined: dict[str, pd.Timestamp] = world["joined"]

    def party(holder: str, day: pd.Timestamp) -> bool:
        return holder in joined and joined[holder] <= day

    for holdings in world["holdings"].values():
        # A change of holder moves the map only if a Party gave the place up or took it: when
        # Estonia left the Soviet Union (1991), only the reason changed, not the treaty area.
        for h in holdings:
            if h.since is not None and (
                party(h.holder, h.since)
                or any(o.until == h.since - ONE_DAY and party(o.holder, o.until) for o in holdings)
            ):
                days.add(h.since)
            if h.until is not None and party(h.holder, h.until):
                days.add(h.until + ONE_DAY)
    for rule in world["rules"]:
        if not pd.isna(rule["valid_from"]):
            days.add(rule["valid_from"])
        if not pd.isna(rule["valid_to"]):
            days.add(rule["valid_to"] + ONE_DAY)
    return sorted(pd.Timestamp(d) for d in days if d is not None)


def _check(lat: Any, lon: Any, target: str, attack: str) -> None:
    """Refuse, in plain words, what a learner may type (the types say what code may pass)."""
    for name, value, limit in (("latitude", lat, 90), ("longitude", lon, 180)):
        values = np.atleast_1d(np.asarray(value, dtype=float))
        if not np.all(np.isfinite(values)) or np.any(np.abs(values) > limit):
            raise ValueError(f"{name} must be a number between -{limit} and {limit}")
    if target not in TARGETS:
        raise ValueError(
            f"target must be 'territory' (the place itself) or 'forces', not {target!r}"
        )
    if attack not in ATTACKS:
        raise ValueError(f"attack must name a kind of attack: 'armed' or 'cyber', not {attack!r}")


def article6_verdict(
    lat: float,
    lon: float,
    *,
    target: Target = "territory",
    on: DateLike,
    attack: AttackKind = "armed",
) -> Verdict:
    """Would an attack at (lat, lon) on day ``on`` count under Article 6? See module docstring.

    Raises ``ValueError`` with a plain message for a latitude outside -90..90, a longitude outside
    -180..180, an unknown target or a date that cannot be read.
    """
    return article6_verdicts([lat], [lon], target=target, on=on, attack=attack)[0]


def article6_verdicts(
    lats: Any,
    lons: Any,
    *,
    target: Target = "territory",
    on: DateLike,
    attack: AttackKind = "armed",
) -> list[Verdict]:
    """Vectorised: one verdict per point (used to shade the treaty area on a map).

    Each rule is applied to every still-undecided point at once, and a verdict is built once for
    each rule, place and snap that occur (a map's ten thousand points share a few hundred), so the
    cost grows with the number of rules and polygons, not with a Python loop per point.
    """
    _check(lats, lons, target, attack)
    day = as_date(on)
    lat_array = np.atleast_1d(np.asarray(lats, dtype=float))
    lon_array = np.atleast_1d(np.asarray(lons, dtype=float))
    if lat_array.shape != lon_array.shape:
        raise ValueError("give as many latitudes as longitudes")
    lat_array, lon_array = lat_array.ravel(), lon_array.ravel()
    world = _world()
    version: Version = "1951" if day >= AMENDED else "1949"
    code_array = world["land_keys"][first_containing_index(world["land"], lon_array, lat_array)]
    snapped = np.zeros(lat_array.shape, dtype=bool)
    if target == "territory":  # forgive coarse coasts, for every point however many are asked
        gaps = np.flatnonzero(code_array == "")
        near = nearest_within_index(
            world["snap_land"], lon_array[gaps], lat_array[gaps], COAST_SNAP_DEGREES
        )
        code_array[gaps[near >= 0]] = world["snap_keys"][near[near >= 0]]
        snapped[gaps[near >= 0]] = True
    places, place_of = np.unique(code_array, return_inverse=True)
    holding = {str(code): _holding(str(code), day) for code in places if code}
    owners = np.array([holding[c][0] if c else "" for c in places], dtype=object)[place_of]
    on_land = code_array != ""
    rest = np.flatnonzero(~on_land)
    on_land[rest] = (
        first_containing_index(world["world_land"], lon_array[rest], lat_array[rest]) >= 0
    )
    rules = world["rules"]
    decided = np.full(lat_array.shape, -1, dtype=np.intp)  # the rule that decides each point
    for number, rule in enumerate(rules):
        open_points = decided < 0
        if not open_points.any():
            break
        if _rule_applies(rule, target, version, day):
            decided[
                open_points & _area_mask(rule, lon_array, lat_array, code_array, owners, on_land)
            ] = number
    assert (decided >= 0).all(), "the rules end with catch-all rules; one always matches"
    cases, case_of = np.unique(
        (decided * places.size + place_of) * 2 + snapped, return_inverse=True
    )
    verdicts = []
    for case in cases.tolist():
        number, place = divmod(case // 2, places.size)
        code = str(places[place])
        owner, held_as = holding[code] if code else ("", None)
        verdict = _with_history(_rule_verdict(rules[number], version, day, owner), code, held_as)
        verdicts.append(_as_asked(verdict, attack, snapped=bool(case % 2)))
    return [verdicts[i] for i in case_of.tolist()]


def _rule_verdict(rule: dict[str, Any], version: Version, day: pd.Timestamp, owner: str) -> Verdict:
    """The rule's verdict for a place held by ``owner``: "not yet" when the Party it turns on had
    not joined on the day."""
    member = "" if pd.isna(rule["member"]) else str(rule["member"])
    party = owner if member == "member-land" else member
    since = _world()["joined"].get(party) if party else None
    if party and (since is None or day < since):
        return _not_yet(party, since, day, rule, version)
    return _verdict(rule, version, owner)


def _as_asked(verdict: Verdict, attack: AttackKind, *, snapped: bool) -> Verdict:
    """The verdict for the kind of attack asked about, saying so when the coastal snap placed it."""
    if attack != "armed":
        verdict = _not_armed(verdict, attack)
    if snapped and verdict.covered != "no":
        verdict = Verdict(
            verdict.covered,
            verdict.reason + " (The place is on the coast; the "
            "map's coarse coastline puts it just offshore.)",
            verdict.clause,
            verdict.rule_id,
            verdict.version,
        )
    return verdict


def _holding(code: str, day: pd.Timestamp) -> tuple[str, str | None]:
    """Whose territory the place ``code`` was on ``day`` ("" for none) and, when article6_holders
    has a row for that day, its words on what the place then was.

    A place with rows but none covering the day (before the first, a gap) has no holder: the
    table is asked about past borders, and a gap must not fall back on today's sovereign.
    """
    rows = _world()["holdings"].get(code)
    if rows is None:
        return _world()["sovereigns"].get(code, ""), None
    for row in rows:
        if (row.since is None or day >= row.since) and (row.until is None or day <= row.until):
            return row.holder, row.held_as
    return "", None


def _party_name(party: str) -> str:
    """The Party's name as it reads inside a sentence ("the United Kingdom", "Germany")."""
    name = _world()["names"].get(party, party)
    return f"the {name}" if name in _WITH_THE else name


def _with_history(verdict: Verdict, code: str, held_as: str | None) -> Verdict:
    """The verdict with what the place was on the day in front of its reason (for a place whose
    holder changed, the learner sees why this day's answer differs from today's)."""
    if held_as is None:
        return verdict
    name = _world()["names"][code]
    return Verdict(
        verdict.covered,
        f"{name}: {held_as}. {verdict.reason}",
        verdict.clause,
        verdict.rule_id,
        verdict.version,
    )


def _rule_applies(
    rule: dict[str, Any], target: Target, version: Version, day: pd.Timestamp
) -> bool:
    if rule["applies_to"] not in ("both", target) or rule["version"] not in ("both", version):
        return False
    if not pd.isna(rule["valid_from"]) and day < rule["valid_from"]:
        return False
    return bool(pd.isna(rule["valid_to"]) or day <= rule["valid_to"])


def _area_mask(
    rule: dict[str, Any],
    lons: np.ndarray,
    lats: np.ndarray,
    codes: np.ndarray,
    owners: np.ndarray,
    on_land: np.ndarray,
) -> np.ndarray:
    kind, area = rule["area_kind"], "" if pd.isna(rule["area"]) else str(rule["area"])
    if kind == "any":
        return np.ones(lons.shape, dtype=bool)
    if kind in ("box", "member-box"):
        lon0, lon1, lat0, lat1 = (float(v) for v in area.split(","))
        mask = (lons >= lon0) & (lons <= lon1) & (lats >= lat0) & (lats <= lat1)
        if kind == "member-box":
            member = str(rule["member"])
            mask &= (owners != "") if member == "member-land" else (owners == member)
        return np.asarray(mask)
    if kind == "code":
        return np.isin(codes, area.split(";"))
    if kind == "member-land":
        return np.asarray(owners != "")
    if kind == "land":
        return on_land.copy()
    ring = _world()["seas"][area]
    mask = ~on_land
    mask[mask] = first_containing_index([ring], lons[mask], lats[mask]) >= 0
    return mask


def _verdict(rule: dict[str, Any], version: Version, holder: str) -> Verdict:
    reason = str(rule["reason"])
    if rule["member"] == "member-land":  # the verdict turns on whose land it is: say whose
        reason = f"This is territory of {_party_name(holder)}. " + reason
    clause = _clause_text(str(rule["clause"]), version)
    return Verdict(_covered(rule["covered"]), reason, clause, str(rule["rule_id"]), version)


def _covered(value: object) -> Covered:
    """A rule's ``covered`` cell as the Literal (the schema's enum already allows only these)."""
    for option in COVERED:
        if value == option:
            return option
    raise ValueError(f"covered must be one of {', '.join(COVERED)}, not {value!r}")


def _not_yet(
    party: str,
    since: pd.Timestamp | None,
    day: pd.Timestamp,
    rule: dict[str, Any],
    version: Version,
) -> Verdict:
    name = _party_name(party)
    when = "has not joined" if since is None else f"became a Party only on {since:%d %B %Y}"
    return Verdict(
        "no",
        f"This is territory of {name}, which {when}; on {day:%d %B %Y} Article 6 did not cover it.",
        None,
        str(rule["rule_id"]),
        version,
    )


def _not_armed(verdict: Verdict, attack: AttackKind) -> Verdict:
    if verdict.covered == "no":
        return verdict
    return Verdict(
        "contested",
        f"The place is inside the area Article 6 describes ({verdict.reason}) But Article 5 speaks "
        f"of an 'armed attack'; whether a {attack} attack is one is for the North Atlantic Council "
        "to judge, case by case.",
        verdict.clause,
        verdict.rule_id,
        verdict.version,
    )
