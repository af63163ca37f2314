"""Point-in-polygon and distance to an outline for many points at once (numpy), for the Article 6
engine.

Polygons are rings of lon/lat vertices. A point is tested only against the rings whose bounding box
contains it, and within a ring only against the edges that reach its band of latitude: each ring
cuts its latitude range into bands and lists the edges in each (built once per ring and kept).
Testing every edge made the cost points x edges; the bands make it points x a few edges. The
arithmetic for each point and edge is the plain test's, so the answers are the same to the last
bit: the bands only skip edges that cannot count.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import numpy.typing as npt

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.intp]
Bools = npt.NDArray[np.bool_]

EDGES_PER_BAND = 4  # a ring of n edges gets n / 4 bands of latitude
# Edges farther than the snap distance plus this are left out of the distance test: far more than
# the rounding of coordinates below 1,000 degrees, so no edge left out could have come within it.
SLACK = 1e-6


def _runs(first: Ints, counts: Ints, values: Ints) -> tuple[Ints, Ints]:
    """For each i, the pairs (i, values[first[i] + j]) for j < counts[i], in order of i."""
    owner = np.repeat(np.arange(first.size, dtype=np.intp), counts)
    offsets = np.cumsum(counts) - counts
    position = np.repeat(first - offsets, counts) + np.arange(owner.size, dtype=np.intp)
    return owner, values[position]


@dataclass(frozen=True)
class Bands:
    """Band k (of ``count`` equal bands of latitude from ``low``) lists the edges
    ``edges[starts[k]:starts[k + 1]]``: each edge whose latitudes, widened by the margin the bands
    were built for, reach into the band."""

    low: float
    height: float
    count: int
    starts: Ints
    edges: Ints

    def of(self, lats: Floats) -> Ints:
        """The band of each latitude, clipped to the first and last. Monotonic in latitude, so an
        edge listed from the band of its lowest to that of its highest latitude is always found."""
        if self.height <= 0:
            return np.zeros(lats.shape, dtype=np.intp)
        raw = np.floor((lats - self.low) / self.height)
        return np.clip(raw, 0, self.count - 1).astype(np.intp)

    def pairs(self, lats: Floats) -> tuple[Ints, Ints]:
        """(point, edge) for each point and each edge listed in its band, grouped by point."""
        band = self.of(lats)
        first = self.starts[band]
        return _runs(first, self.starts[band + 1] - first, self.edges)


@dataclass(frozen=True)
class Ring:
    key: str
    xs: Floats
    ys: Floats
    box: tuple[float, float, float, float]  # lon min, lon max, lat min, lat max
    _bands: dict[float, Bands] = field(default_factory=dict, compare=False, repr=False)

    @cached_property
    def dx(self) -> Floats:
        """Each edge's run in longitude (edge i runs from vertex i to the next, or to vertex 0)."""
        return np.roll(self.xs, -1) - self.xs

    @cached_property
    def next_ys(self) -> Floats:
        """The latitude each edge goes to."""
        return np.roll(self.ys, -1)

    @cached_property
    def dy(self) -> Floats:
        return self.next_ys - self.ys

    def bands(self, margin: float) -> Bands:
        """The ring's bands of latitude for points up to ``margin`` degrees away (built once)."""
        if margin not in self._bands:
            y1, y2 = self.ys, self.next_ys
            count = max(1, self.xs.size // EDGES_PER_BAND)
            low = self.box[2] - margin
            empty = np.zeros(0, dtype=np.intp)
            grid = Bands(low, (self.box[3] + margin - low) / count, count, empty, empty)
            first = grid.of(np.minimum(y1, y2) - margin)
            spans = grid.of(np.maximum(y1, y2) + margin) - first + 1
            edge, band = _runs(first, spans, np.arange(count, dtype=np.intp))
            order = np.argsort(band, kind="stable")
            starts = np.searchsorted(band[order], np.arange(count + 1)).astype(np.intp)
            self._bands[margin] = Bands(low, grid.height, count, starts, edge[order])
        return self._bands[margin]


def parse_ring(key: str, points: str) -> Ring:
    """A ring from "lon,lat lon,lat ..." text."""
    pairs = np.array([p.split(",") for p in points.split()], dtype=float)
    xs, ys = pairs[:, 0], pairs[:, 1]
    return Ring(key, xs, ys, (float(xs.min()), float(xs.max()), float(ys.min()), float(ys.max())))


def box_ring(key: str, lon0: float, lon1: float, lat0: float, lat1: float) -> Ring:
    xs = np.array([lon0, lon1, lon1, lon0], dtype=float)
    ys = np.array([lat0, lat0, lat1, lat1], dtype=float)
    return Ring(key, xs, ys, (lon0, lon1, lat0, lat1))


def _inside_box(ring: Ring, lons: Floats, lats: Floats) -> Bools:
    """Which points, all inside the ring's box, lie inside the ring (even-odd rule): a ray east from
    each point crosses the ring's edges an odd number of times."""
    point, edge = ring.bands(0.0).pairs(lats)
    y, y1 = lats[point], ring.ys[edge]
    straddles = (y1 > y) != (ring.next_ys[edge] > y)
    point, edge, y, y1 = point[straddles], edge[straddles], y[straddles], y1[straddles]
    with np.errstate(divide="ignore", invalid="ignore"):
        crossing_x = ring.xs[edge] + (y - y1) * ring.dx[edge] / ring.dy[edge]
    crossings = np.bincount(point[lons[point] < crossing_x], minlength=lons.size)
    return np.asarray(crossings % 2 == 1)


def inside(ring: Ring, lons: Floats, lats: Floats) -> Bools:
    """Which points lie inside the ring (even-odd rule)."""
    lon0, lon1, lat0, lat1 = ring.box
    result = np.zeros(lons.shape, dtype=bool)
    candidates = np.flatnonzero((lons >= lon0) & (lons <= lon1) & (lats >= lat0) & (lats <= lat1))
    if candidates.size:
        result[candidates] = _inside_box(ring, lons[candidates], lats[candidates])
    return result


def _in_lon_range(lons: Floats, west: Floats, east: Floats) -> list[Ints]:
    """For each range, the points with west <= lon <= east (one sort, then a slice per range)."""
    order = np.argsort(lons, kind="stable")
    ordered = lons[order]
    starts = np.searchsorted(ordered, west, side="left")
    ends = np.searchsorted(ordered, east, side="right")
    return [order[s:e] for s, e in zip(starts.tolist(), ends.tolist(), strict=True)]


def first_containing_index(rings: list[Ring], lons: Floats, lats: Floats) -> Ints:
    """For each point, the index of the first ring (in list order) that contains it, else -1."""
    found = np.full(lons.shape, -1, dtype=np.intp)
    if not rings or lons.size == 0:
        return found
    boxes = np.array([ring.box for ring in rings])
    for index, near in enumerate(_in_lon_range(lons, boxes[:, 0], boxes[:, 1])):
        if near.size == 0:
            continue
        _, _, lat0, lat1 = rings[index].box
        near = near[(found[near] < 0) & (lats[near] >= lat0) & (lats[near] <= lat1)]
        if near.size:
            found[near[_inside_box(rings[index], lons[near], lats[near])]] = index
    return found


def first_containing(rings: list[Ring], lons: Floats, lats: Floats) -> list[str | None]:
    """For each point, the key of the first ring (in list order) that contains it, else None."""
    keys = [ring.key for ring in rings]
    return [keys[i] if i >= 0 else None for i in first_containing_index(rings, lons, lats).tolist()]


def nearest_within_index(rings: list[Ring], lons: Floats, lats: Floats, degrees: float) -> Ints:
    """For each point, the index of the ring whose outline passes closest to it, if within
    ``degrees`` (on equal distances the later ring wins), else -1.

    Used for coastal places that a coarse coastline leaves just offshore. Each point's answer is
    computed with the same arithmetic however many points are asked about at once.
    """
    found = np.full(lons.shape, -1, dtype=np.intp)
    if not rings or lons.size == 0:
        return found
    best = np.full(lons.shape, float(degrees))
    boxes = np.array([ring.box for ring in rings])
    west, east = boxes[:, 0] - degrees, boxes[:, 1] + degrees
    for index, near in enumerate(_in_lon_range(lons, west, east)):
        ring = rings[index]
        near = near[
            (lats[near] >= boxes[index, 2] - degrees) & (lats[near] <= boxes[index, 3] + degrees)
        ]
        if near.size == 0:
            continue
        point, edge = ring.bands(degrees + SLACK).pairs(lats[near])
        if point.size == 0:
            continue
        px, py = lons[near][point], lats[near][point]
        x1, y1, dx, dy = ring.xs[edge], ring.ys[edge], ring.dx[edge], ring.dy[edge]
        length = dx * dx + dy * dy
        with np.errstate(divide="ignore", invalid="ignore"):
            t = np.clip(np.where(length > 0, ((px - x1) * dx + (py - y1) * dy) / length, 0), 0, 1)
        distances = np.hypot(x1 + t * dx - px, y1 + t * dy - py)
        starts = np.flatnonzero(np.r_[True, point[1:] != point[:-1]])
        near = near[point[starts]]  # the points with at least one edge in their band
        distance = np.minimum.reduceat(distances, starts)
        closer = distance <= best[near]
        best[near[closer]] = distance[closer]
        found[near[closer]] = index
    return found


def nearest_within_many(
    rings: list[Ring], lons: Floats, lats: Floats, degrees: float
) -> list[str | None]:
    """For each point, the key of the nearest ring within ``degrees`` (see nearest_within_index)."""
    keys = [ring.key for ring in rings]
    found = nearest_within_index(rings, lons, lats, degrees)
    return [keys[i] if i >= 0 else None for i in found.tolist()]
