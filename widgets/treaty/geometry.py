"""Point-in-polygon for many points at once (numpy ray casting), for the Article 6 engine.

Polygons are rings of lon/lat vertices. Each ring keeps its bounding box, so a point is tested only
against the rings whose box contains it; the test itself is vectorised over points and edges.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

Floats = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Ring:
    key: str
    xs: Floats
    ys: Floats
    box: tuple[float, float, float, float]  # lon min, lon max, lat min, lat max


def parse_ring(key: str, points: str) -> Ring:
    """A ring from "lon,lat lon,lat ..." text."""
    pairs = np.array([p.split(",") for p in points.split()], dtype=float)
    xs, ys = pairs[:, 0], pairs[:, 1]
    return Ring(key, xs, ys, (float(xs.min()), float(xs.max()), float(ys.min()), float(ys.max())))


def box_ring(key: str, lon0: float, lon1: float, lat0: float, lat1: float) -> Ring:
    xs = np.array([lon0, lon1, lon1, lon0], dtype=float)
    ys = np.array([lat0, lat0, lat1, lat1], dtype=float)
    return Ring(key, xs, ys, (lon0, lon1, lat0, lat1))


def inside(ring: Ring, lons: Floats, lats: Floats) -> npt.NDArray[np.bool_]:
    """Which points lie inside the ring (even-odd rule)."""
    lon0, lon1, lat0, lat1 = ring.box
    result = np.zeros(lons.shape, dtype=bool)
    candidates = np.flatnonzero((lons >= lon0) & (lons <= lon1) & (lats >= lat0) & (lats <= lat1))
    if candidates.size == 0:
        return result
    px, py = lons[candidates][:, None], lats[candidates][:, None]
    x1, y1 = ring.xs[None, :], ring.ys[None, :]
    x2, y2 = np.roll(ring.xs, -1)[None, :], np.roll(ring.ys, -1)[None, :]
    straddles = (y1 > py) != (y2 > py)
    with np.errstate(divide="ignore", invalid="ignore"):
        crossing_x = x1 + (py - y1) * (x2 - x1) / (y2 - y1)
    crossings = np.count_nonzero(straddles & (px < crossing_x), axis=1)
    result[candidates] = crossings % 2 == 1
    return result


def first_containing(rings: list[Ring], lons: Floats, lats: Floats) -> list[str | None]:
    """For each point, the key of the first ring (in list order) that contains it, else None."""
    found: list[str | None] = [None] * lons.size
    open_points = np.ones(lons.shape, dtype=bool)
    for ring in rings:
        if not open_points.any():
            break
        hits = np.zeros(lons.shape, dtype=bool)
        hits[open_points] = inside(ring, lons[open_points], lats[open_points])
        for index in np.flatnonzero(hits):
            found[index] = ring.key
        open_points &= ~hits
    return found


def nearest_within_many(
    rings: list[Ring], lons: Floats, lats: Floats, degrees: float
) -> list[str | None]:
    """For each point, the key of the ring whose outline passes closest to it, if within
    ``degrees`` (on equal distances the later ring wins), else None.

    Used for coastal places that a coarse coastline leaves just offshore. Each point's answer is
    computed with the same arithmetic however many points are asked about at once.
    """
    found: list[str | None] = [None] * lons.size
    if not rings or lons.size == 0:
        return found
    best = np.full(lons.shape, float(degrees))
    # rings by points: which points lie in each ring's box widened by ``degrees`` (one array
    # operation rather than one per ring, which dominated the time for a single place)
    boxes = np.array([ring.box for ring in rings])
    in_box = (
        (lons[None, :] >= boxes[:, 0:1] - degrees)
        & (lons[None, :] <= boxes[:, 1:2] + degrees)
        & (lats[None, :] >= boxes[:, 2:3] - degrees)
        & (lats[None, :] <= boxes[:, 3:4] + degrees)
    )
    for r in np.flatnonzero(in_box.any(axis=1)):
        ring, near = rings[int(r)], np.flatnonzero(in_box[r])
        x1, y1 = ring.xs[None, :], ring.ys[None, :]
        dx, dy = np.roll(ring.xs, -1)[None, :] - x1, np.roll(ring.ys, -1)[None, :] - y1
        length = dx * dx + dy * dy
        rows = max(1, 200_000 // ring.xs.size)  # bound the points-by-edges arrays
        for start in range(0, near.size, rows):
            chunk = near[start : start + rows]
            px, py = lons[chunk][:, None], lats[chunk][:, None]
            with np.errstate(divide="ignore", invalid="ignore"):
                t = np.clip(
                    np.where(length > 0, ((px - x1) * dx + (py - y1) * dy) / length, 0), 0, 1
                )
            distance = np.min(np.hypot(x1 + t * dx - px, y1 + t * dy - py), axis=1)
            closer = distance <= best[chunk]
            best[chunk[closer]] = distance[closer]
            for point in chunk[closer]:
                found[int(point)] = ring.key
    return found
