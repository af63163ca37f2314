"""Properties of the Article 6 engine for any place and day (hypothesis, derandomized).

Each verdict costs a few milliseconds, so the example counts are small: the whole file runs in a
few seconds.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from random import Random

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets.data import load
from widgets.treaty import article6_verdict, article6_verdicts
from widgets.treaty.article6 import (
    AMENDED,
    ATTACKS,
    COAST_SNAP_DEGREES,
    COVERED,
    TARGETS,
    AttackKind,
    Target,
    _world,
)
from widgets.treaty.geometry import (
    Ring,
    first_containing,
    first_containing_index,
    nearest_within_index,
)

FAST = settings(max_examples=20, derandomize=True, deadline=None, database=None)

LATS = st.floats(-90, 90)
LONS = st.floats(-180, 180)
# Any day, and often a day on which the treaty changed (or the day before).
TURNING_POINTS = [
    "1949-08-23",
    "1949-08-24",
    "1952-02-17",
    "1952-02-18",
    "1962-07-02",
    "1962-07-03",
]
DAYS = st.sampled_from(TURNING_POINTS) | st.dates(date(1940, 1, 1), date(2035, 12, 31)).map(
    date.isoformat
)
ANY_TARGET = st.sampled_from(TARGETS)
ANY_ATTACK = st.sampled_from(ATTACKS)
# Points the engine must judge beside the drawn ones: more than fifty, as on the map.
GRID_LONS, GRID_LATS = (
    a.ravel() for a in np.meshgrid(np.linspace(-100, 60, 8), np.arange(0, 80, 10))
)


@FAST
@given(LATS, LONS, DAYS, ANY_TARGET, ANY_ATTACK)
def test_every_verdict_is_allowed_and_the_same_when_asked_again(
    lat: float, lon: float, on: str, target: Target, attack: AttackKind
) -> None:
    verdict = article6_verdict(lat, lon, target=target, on=on, attack=attack)
    assert verdict.covered in COVERED
    assert verdict.reason
    assert verdict.rule_id in {rule["rule_id"] for rule in _world()["rules"]}
    assert verdict.version == ("1951" if pd.Timestamp(on) >= AMENDED else "1949")
    assert article6_verdict(lat, lon, target=target, on=on, attack=attack) == verdict


@cache
def coast_vertices() -> tuple[tuple[float, float], ...]:
    """(lat, lon) of every vertex of the Parties' land outlines."""
    return tuple(
        (float(lat), float(lon))
        for ring in _world()["land"]
        for lat, lon in zip(ring.ys, ring.xs, strict=True)
    )


@st.composite
def near_a_coast(draw: st.DrawFn) -> tuple[float, float]:
    """A point up to 0.2 degrees from a Party's coast: on land, or offshore where it may snap."""
    lat, lon = draw(st.sampled_from(coast_vertices()))
    offset = st.floats(-0.2, 0.2)
    return max(-90.0, min(90.0, lat + draw(offset))), max(-180.0, min(180.0, lon + draw(offset)))


@settings(FAST, max_examples=15)
@given(
    st.lists(st.tuples(LATS, LONS) | near_a_coast(), min_size=1, max_size=5),
    st.randoms(use_true_random=False),
    DAYS,
    ANY_TARGET,
)
def test_a_verdict_does_not_depend_on_the_other_points_in_the_batch(
    points: list[tuple[float, float]], shuffler: Random, on: str, target: Target
) -> None:
    lats = np.array([p[0] for p in points])
    lons = np.array([p[1] for p in points])
    alone = [article6_verdict(a, b, target=target, on=on) for a, b in points]
    assert article6_verdicts(lats, lons, target=target, on=on) == alone
    order = list(range(len(points)))
    shuffler.shuffle(order)
    shuffled = article6_verdicts(lats[order], lons[order], target=target, on=on)
    assert shuffled == [alone[i] for i in order]
    many = article6_verdicts(
        np.concatenate([GRID_LATS, lats]), np.concatenate([GRID_LONS, lons]), target=target, on=on
    )
    assert len(many) > 50 and many[-len(points) :] == alone


@cache
def inland_points() -> tuple[tuple[str, float, float], ...]:
    """(member, lat, lon) for points inside a member's own land: a 5 x 5 grid over each outline's
    box, kept where the engine's own lookup finds that member's land."""
    world = _world()
    land, owners = world["land"], world["owners"]["sovereign"]
    rings = [ring for ring in land if isinstance(owners.get(ring.key), str)]
    grids = [
        np.meshgrid(np.linspace(r.box[0], r.box[1], 5), np.linspace(r.box[2], r.box[3], 5))
        for r in rings
    ]
    lons = np.concatenate([g[0].ravel() for g in grids])
    lats = np.concatenate([g[1].ravel() for g in grids])
    meant = np.repeat([owners[r.key] for r in rings], 25)
    codes = first_containing(land, lons, lats)
    return tuple(
        (str(owner), float(lat), float(lon))
        for owner, code, lat, lon in zip(meant, codes, lats, lons, strict=True)
        if code is not None and owners.get(code) == owner
    )


@st.composite
def before_accession(draw: st.DrawFn) -> tuple[str, float, float, str]:
    points = inland_points()
    member = draw(st.sampled_from(sorted({m for m, _, _ in points})))
    _, lat, lon = draw(st.sampled_from([p for p in points if p[0] == member]))
    members = load("members")
    joined = pd.Timestamp(members.loc[members["iso3"] == member, "joined"].iloc[0])
    day = draw(st.dates(date(1900, 1, 1), (joined - pd.Timedelta(days=1)).date()))
    return member, lat, lon, day.isoformat()


@settings(FAST, max_examples=30)
@given(before_accession(), ANY_ATTACK)
def test_a_partys_territory_is_not_covered_before_it_joins(
    case: tuple[str, float, float, str], attack: AttackKind
) -> None:
    member, lat, lon, on = case
    verdict = article6_verdict(lat, lon, target="territory", on=on, attack=attack)
    assert verdict.covered == "no", f"{member} on {on}: {verdict.reason}"


def every_edge_first_containing(rings: list[Ring], lon: float, lat: float) -> int:
    """The plain even-odd test over every edge of every ring, one point at a time: what the
    engine's banded, batched lookup must agree with."""
    for index, ring in enumerate(rings):
        lon0, lon1, lat0, lat1 = ring.box
        if not (lon0 <= lon <= lon1 and lat0 <= lat <= lat1):
            continue
        x1, y1, x2, y2 = ring.xs, ring.ys, np.roll(ring.xs, -1), np.roll(ring.ys, -1)
        with np.errstate(divide="ignore", invalid="ignore"):
            crossing_x = x1 + (lat - y1) * (x2 - x1) / (y2 - y1)
        if np.count_nonzero(((y1 > lat) != (y2 > lat)) & (lon < crossing_x)) % 2 == 1:
            return index
    return -1


def every_edge_nearest(rings: list[Ring], lon: float, lat: float, degrees: float) -> int:
    """The distance to every edge of each ring whose box, widened by ``degrees``, holds the point,
    one point at a time (ties: the later ring)."""
    found, best = -1, degrees
    for index, ring in enumerate(rings):
        lon0, lon1, lat0, lat1 = ring.box
        if not (
            lon0 - degrees <= lon <= lon1 + degrees and lat0 - degrees <= lat <= lat1 + degrees
        ):
            continue
        x1, y1 = ring.xs, ring.ys
        dx, dy = np.roll(ring.xs, -1) - x1, np.roll(ring.ys, -1) - y1
        length = dx * dx + dy * dy
        with np.errstate(divide="ignore", invalid="ignore"):
            t = np.clip(np.where(length > 0, ((lon - x1) * dx + (lat - y1) * dy) / length, 0), 0, 1)
        distance = float(np.min(np.hypot(x1 + t * dx - lon, y1 + t * dy - lat)))
        if distance <= best:
            found, best = index, distance
    return found


@st.composite
def on_a_vertex(draw: st.DrawFn) -> tuple[float, float]:
    """Exactly a vertex of a Party's outline, where two edges meet and the ray test is delicate."""
    return draw(st.sampled_from(coast_vertices()))


ANYWHERE = st.tuples(LATS, LONS) | near_a_coast() | on_a_vertex()


@settings(FAST, max_examples=10)
@given(st.lists(ANYWHERE, min_size=30, max_size=30))
def test_the_banded_lookup_finds_what_testing_every_edge_finds(
    points: list[tuple[float, float]],
) -> None:
    lats = np.array([p[0] for p in points])
    lons = np.array([p[1] for p in points])
    world = _world()
    for rings in (world["land"], world["world_land"]):
        expected = [every_edge_first_containing(rings, lon, lat) for lat, lon in points]
        assert first_containing_index(rings, lons, lats).tolist() == expected
    snap = world["snap_land"]
    expected = [every_edge_nearest(snap, lon, lat, COAST_SNAP_DEGREES) for lat, lon in points]
    assert nearest_within_index(snap, lons, lats, COAST_SNAP_DEGREES).tolist() == expected


@settings(FAST, max_examples=10)
@given(st.lists(ANYWHERE, min_size=30, max_size=30), DAYS, ANY_TARGET, ANY_ATTACK)
def test_a_batch_gets_the_verdicts_each_point_gets_alone(
    points: list[tuple[float, float]], on: str, target: Target, attack: AttackKind
) -> None:
    lats = np.array([p[0] for p in points])
    lons = np.array([p[1] for p in points])
    batch = article6_verdicts(lats, lons, target=target, on=on, attack=attack)
    alone = [article6_verdict(a, b, target=target, on=on, attack=attack) for a, b in points]
    assert batch == alone


def circle(key: str, vertices: int) -> Ring:
    """A ring of radius 1 degree round (0, 0): many vertices, so many bands of latitude."""
    angles = np.linspace(0, 2 * np.pi, vertices, endpoint=False)
    return Ring(key, np.cos(angles), np.sin(angles), (-1.0, 1.0, -1.0, 1.0))


@FAST
@given(st.lists(st.tuples(st.floats(0, 2 * np.pi), st.floats(0.85, 1.15)), min_size=1, max_size=50))
def test_the_bands_miss_no_edge_within_reach(polar: list[tuple[float, float]]) -> None:
    # points inside and outside a ring of 400 edges, up to 0.15 degrees off it in any direction:
    # an edge within the snap distance may lie several bands north or south of the point
    rings = [circle("INNER", 400), circle("OUTER", 397)]
    lons = np.array([r * np.cos(a) for a, r in polar])
    lats = np.array([r * np.sin(a) for a, r in polar])
    expected = [every_edge_first_containing(rings, x, y) for x, y in zip(lons, lats, strict=True)]
    assert first_containing_index(rings, lons, lats).tolist() == expected
    expected = [every_edge_nearest(rings, x, y, 0.12) for x, y in zip(lons, lats, strict=True)]
    assert nearest_within_index(rings, lons, lats, 0.12).tolist() == expected
