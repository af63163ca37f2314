"""The map data tools (tools/make_*.py): TopoJSON decoding and shapely simplification, on small
synthetic topologies. The tools run at build time only and need shapely (requirements-dev.txt);
these tests skip without it. The course itself must never import shapely (Binder lacks it)."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

TOOLS = Path(__file__).resolve().parent.parent / "tools"
Points = list[tuple[float, float]]


@pytest.fixture(scope="module")
def geo() -> ModuleType:
    pytest.importorskip("shapely")
    sys.path.insert(0, str(TOOLS))
    import make_article6_geography

    return make_article6_geography


@pytest.fixture(scope="module")
def outlines(geo: ModuleType) -> ModuleType:
    import make_map_outlines

    return make_map_outlines


def _parse(points: str) -> Points:
    return [(float(x), float(y)) for x, y in (p.split(",") for p in points.split())]


def test_the_course_never_imports_shapely() -> None:
    code = (
        "import importlib, pkgutil, sys, widgets\n"
        "for m in pkgutil.walk_packages(widgets.__path__, 'widgets.'):\n"
        "    importlib.import_module(m.name)\n"
        "print(sorted(n for n in sys.modules if n.split('.')[0] == 'shapely'))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.strip() == "[]", "shapely is a build-time (dev) dependency only"


def test_decode_sums_quantised_deltas_then_scales(geo: ModuleType) -> None:
    topology = {
        "transform": {"scale": [0.5, 2.0], "translate": [10.0, -5.0]},
        "arcs": [[[0, 0], [2, 1], [-1, 3]], [[4, 4], [0, -1]]],
    }
    assert geo.decode(topology) == [
        [(10.0, -5.0), (11.0, -3.0), (10.5, 3.0)],
        [(12.0, 3.0), (12.0, 1.0)],
    ]


def test_decode_reads_unquantised_positions_as_they_are(geo: ModuleType) -> None:
    assert geo.decode({"arcs": [[[1.5, 2.5], [3, 4, 99]]]}) == [[(1.5, 2.5), (3.0, 4.0)]]


def test_ring_stitches_arcs_reversing_negative_indices(geo: ModuleType) -> None:
    arcs = [[(0.0, 0.0), (1.0, 0.0)], [(1.0, 1.0), (1.0, 0.0)], [(1.0, 1.0), (0.0, 0.0)]]
    # ~1 is arc 1 backwards; the point two arcs share appears once.
    assert geo.ring(arcs, [0, ~1, 2]) == [(0, 0), (1, 0), (1, 1), (0, 0)]


def test_simplify_arcs_keeps_ends_and_stays_within_tolerance(geo: ModuleType) -> None:
    import shapely  # type: ignore[import-untyped, unused-ignore]
    from shapely import LineString  # type: ignore[import-untyped, unused-ignore]

    wiggly = [(x / 10, 0.01 * (-1) ** x) for x in range(11)]
    bump = [(0.0, 2.0), (0.5, 2.3), (1.0, 2.0)]
    untouched = [(5.0, 5.0), (5.1, 5.01), (5.2, 5.0)]
    arcs = [wiggly, bump, untouched]
    simple = geo.simplify_arcs(arcs, 0.05, {0, 1})
    assert simple[0] == [wiggly[0], wiggly[-1]]
    assert simple[1] == bump  # the bump is higher than the tolerance
    assert simple[2] is untouched  # not asked for
    for before, after in zip(arcs, simple, strict=True):
        assert shapely.hausdorff_distance(LineString(before), LineString(after)) <= 0.05
    assert geo.simplify_arcs(arcs, 0.0, {0, 1}) is arcs


def test_simplify_arcs_measures_distance_to_the_segment_not_the_line(geo: ModuleType) -> None:
    # A spur beyond the end of the chord lies 0.01 from its line but 2 from the segment: the
    # hand-rolled Douglas-Peucker this replaced dropped such points (0.18 degrees off in the USA).
    spur = [(0.0, 0.0), (3.0, 0.01), (1.0, 0.0)]
    assert geo.simplify_arcs([spur], 0.1, {0})[0] == spur


def _two_countries() -> dict[str, Any]:
    """AAA (a unit square with a lake and a small island) and BBB east of it share a wiggly
    border; CCC is elsewhere. Unquantised, so the numbers read directly."""
    border = [[1, 0], [1.01, 0.25], [0.99, 0.5], [1.01, 0.75], [1, 1]]
    west = [[1, 1], [0.5, 1.02], [0, 1], [0, 0], [1, 0]]
    east = [[1, 0], [2, 0], [2, 1], [1, 1]]
    lake = [[0.2, 0.2], [0.3, 0.2], [0.3, 0.3], [0.2, 0.3], [0.2, 0.2]]
    island = [[5, 5.072], [4.928, 5.054], [4.892, 5], [5, 5], [5.108, 5.036], [5.144, 5.054]]
    island.append(island[0])  # Natural Earth's GBR ring 3 (in Orkney), moved
    far = [[50, 50], [51, 50], [51, 51], [50, 50]]
    return {
        "arcs": [border, west, east, lake, island, far],
        "objects": {
            "countries": {
                "geometries": [
                    # The lake is listed first: the exterior is found by area, not by position.
                    {"type": "MultiPolygon", "id": "AAA", "arcs": [[[3], [0, 1]], [[4]]]},
                    {"type": "Polygon", "id": "BBB", "arcs": [[2, ~0]]},
                    {"type": "Polygon", "id": "CCC", "arcs": [[5]]},
                ]
            }
        },
    }


def test_rows_for_simplifies_shared_borders_once(geo: ModuleType) -> None:
    from shapely import Polygon  # type: ignore[import-untyped, unused-ignore]

    topology = _two_countries()
    rows = list(geo.rows_for(topology, "countries", ["AAA", "BBB"], 0.05, "src"))
    assert [(r[0], r[1], r[3]) for r in rows] == [
        ("AAA", 1, "src"),
        ("AAA", 2, "src"),
        ("BBB", 1, "src"),
    ]
    aaa, island, bbb = (_parse(str(r[2])) for r in rows)
    assert aaa == [(1, 0), (1, 1), (0, 1), (0, 0), (1, 0)]  # wiggles and the lake are gone
    assert bbb == [(1, 0), (2, 0), (2, 1), (1, 1), (1, 0)]
    # Neighbours still meet exactly: no gap, no overlap.
    west, east = Polygon(aaa), Polygon(bbb)
    assert west.intersection(east).area == 0
    assert west.union(east).area == pytest.approx(west.area + east.area) == pytest.approx(2.0)
    # A small narrow island keeps its outline rather than becoming a triangle.
    assert len(geo.simplify_arcs(topology["arcs"], 0.05, {4})[4]) == 4  # a triangle, closed
    assert island == [(x, y) for x, y in geo.decode(topology)[4]]


def test_rows_for_without_tolerance_keeps_every_point(geo: ModuleType) -> None:
    topology = _two_countries()
    rows = list(geo.rows_for(topology, "countries", None, 0.0, "src"))
    assert [r[0] for r in rows] == ["AAA", "AAA", "BBB", "CCC"]
    assert len(_parse(str(rows[0][2]))) == 9  # the border's 5 points and the west's 5, one shared


def test_map_outlines_keeps_countries_touching_the_region(
    outlines: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    square = [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]
    topology = {
        "arcs": [
            [[x + 10, y + 45] for x, y in square],  # in Europe
            [[x - 100, y - 40] for x, y in square],  # in the South Pacific: on no course map
            [[x + 20, y + 50] for x, y in square],  # in Europe, without an ISO code
            [[-40, -10], [100, -10], [100, 80], [-40, 80], [-40, -10]],  # around the whole region
        ],
        "objects": {
            "countries": {
                "geometries": [
                    {"type": "Polygon", "id": "EUR", "arcs": [[0]]},
                    {"type": "Polygon", "id": "PAC", "arcs": [[1]]},
                    {"type": "Polygon", "arcs": [[2]]},
                    {"type": "MultiPolygon", "id": "BIG", "arcs": [[[3]]]},
                ]
            }
        },
    }
    source = tmp_path / "world.json"
    source.write_text(json.dumps(topology))
    out = tmp_path / "outlines.csv"
    monkeypatch.setattr(outlines, "OUT", out)
    outlines.main(str(source))
    with out.open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    assert [(r["country"], r["ring"]) for r in rows] == [("EUR", "1"), ("ZZ1", "1"), ("BIG", "1")]
    assert rows[0]["points"] == "10,45 11,45 11,46 10,46 10,45"
