"""The Article 6 engine: the issue's examples, the Tropic and membership borders, bad input,
which rule decides where several match, and the coastal snap."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest

from widgets.data import load
from widgets.treaty import article6, article6_verdict, article6_verdicts
from widgets.treaty.article6 import Covered, Target
from widgets.treaty.geometry import box_ring, first_containing, nearest_within_many

EXAMPLES: list[tuple[str, float, float, Target, str, Covered]] = [
    # place, lat, lon, target, on, covered
    ("Ain al-Asad Air Base, Iraq", 33.79, 42.44, "forces", "2020-01-08", "no"),
    ("Incirlik Air Base, Turkey", 37.00, 35.43, "territory", "2020-01-08", "yes"),
    ("Pearl Harbor, Hawaii", 21.35, -157.95, "territory", "2020-01-06", "no"),
    ("Las Palmas, Canary Islands", 28.12, -15.43, "territory", "2020-01-06", "yes"),
    ("Ceuta", 35.89, -5.32, "territory", "2020-01-06", "contested"),
    ("warship at 35 N 18 E", 35.0, 18.0, "forces", "2020-01-06", "yes"),
    ("warship at 20 N 40 W", 20.0, -40.0, "forces", "2020-01-06", "no"),
    ("Algiers 1955", 36.75, 3.06, "territory", "1955-01-01", "yes"),
    ("Algiers 1970", 36.75, 3.06, "territory", "1970-01-01", "no"),
    ("Helsinki 2022", 60.17, 24.94, "territory", "2022-06-01", "no"),
    ("Helsinki 2024", 60.17, 24.94, "territory", "2024-01-01", "yes"),
    # more cases
    ("Funchal, Madeira", 32.65, -16.92, "territory", "2020-01-06", "yes"),
    ("Hamilton, Bermuda", 32.29, -64.78, "territory", "2020-01-06", "yes"),
    ("Saint-Pierre", 46.78, -56.17, "territory", "2020-01-06", "yes"),
    ("Longyearbyen, Svalbard", 78.22, 15.65, "territory", "2020-01-06", "yes"),
    ("Lajes Field, Azores", 38.76, -27.09, "territory", "2020-01-06", "yes"),
    ("San Juan, Puerto Rico", 18.47, -66.11, "territory", "2020-01-06", "no"),
    ("Cayenne, French Guiana", 4.92, -52.33, "territory", "2020-01-06", "no"),
    ("RAF Akrotiri, Cyprus", 34.59, 32.99, "territory", "2020-01-06", "contested"),
    ("Melilla", 35.29, -2.94, "territory", "2020-01-06", "contested"),
    ("ship in the Black Sea", 43.5, 34.0, "forces", "2020-01-06", "contested"),
    ("Anchorage, Alaska", 61.22, -149.90, "territory", "2020-01-06", "yes"),
    ("Tehran", 35.69, 51.39, "territory", "2020-01-06", "no"),
    ("US forces in Vienna", 48.20, 16.37, "forces", "2020-01-06", "contested"),
    ("US forces in Vienna, 1950", 48.20, 16.37, "forces", "1950-01-01", "yes"),
    ("warship in the Mediterranean, 1950", 35.0, 18.0, "forces", "1950-06-01", "no"),
    ("warship in the Mediterranean, 1952", 35.0, 18.0, "forces", "1952-02-18", "yes"),
    ("Pituffik (Thule), Greenland", 76.53, -68.70, "territory", "2020-01-06", "yes"),
    ("ship in the Strait of Hormuz", 26.60, 56.50, "forces", "2020-01-06", "no"),
    ("Stockholm, day before joining", 59.33, 18.07, "territory", "2024-03-06", "no"),
    ("Stockholm, day of joining", 59.33, 18.07, "territory", "2024-03-07", "yes"),
    ("Incirlik before Turkey joined", 37.00, 35.43, "territory", "1952-02-17", "no"),
    ("Washington before the treaty", 38.90, -77.04, "territory", "1949-08-23", "no"),
    ("Washington on entry into force", 38.90, -77.04, "territory", "1949-08-24", "yes"),
    ("Algiers on independence day", 36.75, 3.06, "territory", "1962-07-03", "no"),
    ("Algiers the day before", 36.75, 3.06, "territory", "1962-07-02", "yes"),
]

DAY = "2020-01-06"  # the case's day: the question Stoltenberg was asked


@pytest.mark.parametrize(
    ("place", "lat", "lon", "target", "on", "covered"), EXAMPLES, ids=[e[0] for e in EXAMPLES]
)
def test_verdicts(
    place: str, lat: float, lon: float, target: Target, on: str, covered: Covered
) -> None:
    verdict = article6_verdict(lat, lon, target=target, on=on)
    assert verdict.covered == covered, verdict.reason
    assert verdict.reason


@pytest.mark.parametrize(("lat", "covered"), [(23.6, "yes"), (23.3, "no")])
def test_the_tropic_of_cancer_is_the_border_at_sea(lat: float, covered: str) -> None:
    assert article6_verdict(lat, -40.0, target="forces", on=DAY).covered == covered


def test_reasons_quote_the_deciding_words_and_give_the_clause() -> None:
    incirlik = article6_verdict(37.00, 35.43, target="territory", on="2020-01-08")
    assert "territory of Turkey" in incirlik.reason
    assert (
        incirlik.clause is not None
        and "Turkey" in incirlik.clause
        and "(ii)" not in incirlik.clause
    )
    ship = article6_verdict(35.0, 18.0, target="forces", on=DAY)
    assert ship.clause is not None and ship.clause.startswith("(ii)")
    assert "Mediterranean" in ship.clause
    iraq = article6_verdict(33.79, 42.44, target="forces", on="2020-01-08")
    assert iraq.clause is None and "not the territory of a Party" in iraq.reason
    finland = article6_verdict(60.17, 24.94, on="2022-06-01")
    assert "04 April 2023" in finland.reason


def test_a_place_outside_the_parties_is_explained_as_a_place_and_forces_as_forces() -> None:
    place = article6_verdict(33.31, 44.36, target="territory", on="2020-01-08")
    troops = article6_verdict(33.31, 44.36, target="forces", on="2020-01-08")
    assert place.covered == troops.covered == "no"
    assert "not the territory of a Party" in place.reason and "forces" not in place.reason
    assert "does not cover forces on land" in troops.reason


def test_the_1949_text_is_used_before_the_1952_amendment() -> None:
    verdict = article6_verdict(48.2, 16.37, target="forces", on="1950-01-01")
    assert verdict.version == "1949" and verdict.covered == "yes"
    assert verdict.clause is not None and "Algerian" in verdict.clause


def test_a_cyber_attack_is_contested_where_an_armed_one_is_covered() -> None:
    verdict = article6_verdict(37.00, 35.43, target="territory", on="2020-01-08", attack="cyber")
    assert verdict.covered == "contested" and "armed attack" in verdict.reason
    outside = article6_verdict(33.79, 42.44, target="forces", on="2020-01-08", attack="cyber")
    assert outside.covered == "no"


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"lat": 95, "lon": 0}, "latitude must be a number between -90 and 90"),
        ({"lat": 0, "lon": 200}, "longitude must be a number between -180 and 180"),
        ({"lat": float("nan"), "lon": 0}, "latitude"),
        ({"lat": 0, "lon": 0, "target": "navy"}, "target must be 'territory'"),
        ({"lat": 0, "lon": 0, "on": "next Tuesday"}, "not a date"),
        ({"lat": 0, "lon": 0, "attack": ""}, "attack must name"),
    ],
)
def test_impossible_input_is_refused_plainly(kwargs: dict[str, Any], words: str) -> None:
    lat, lon = kwargs.pop("lat"), kwargs.pop("lon")
    with pytest.raises(ValueError, match=words):
        article6_verdict(lat, lon, **{"on": DAY, **kwargs})


def test_many_points_at_once_match_one_at_a_time() -> None:
    lats = np.array([e[1] for e in EXAMPLES[:11]])
    lons = np.array([e[2] for e in EXAMPLES[:11]])
    together = article6_verdicts(lats, lons, target="forces", on="2020-01-06")
    alone = [
        article6_verdict(a, b, target="forces", on="2020-01-06")
        for a, b in zip(lats, lons, strict=True)
    ]
    assert [v.covered for v in together] == [v.covered for v in alone]
    with pytest.raises(ValueError, match="as many latitudes"):
        article6_verdicts([1, 2], [3], target="forces", on=DAY)


# Pearl Harbor is on US land, so two rules match it: "hawaii" (not covered) and, further down the
# list, "members-territory" (covered). The first rule by priority decides.
PEARL_HARBOR = (21.35, -157.95)


def test_the_first_matching_rule_by_priority_decides(monkeypatch: pytest.MonkeyPatch) -> None:
    verdict = article6_verdict(*PEARL_HARBOR, on=DAY)
    assert (verdict.covered, verdict.rule_id) == ("no", "hawaii")
    world = article6._world()
    rules = world["rules"]
    ids = [rule["rule_id"] for rule in rules]
    assert ids.index("hawaii") < ids.index("members-territory")
    # Put the general rule before the special one: now it is the first match, and it decides.
    general = next(rule for rule in rules if rule["rule_id"] == "members-territory")
    reordered = [general, *(rule for rule in rules if rule is not general)]
    monkeypatch.setattr(article6, "_world", lambda: {**world, "rules": reordered})
    verdict = article6_verdict(*PEARL_HARBOR, on=DAY)
    assert (verdict.covered, verdict.rule_id) == ("yes", "members-territory")


def test_rules_are_taken_in_priority_order_not_file_order(monkeypatch: pytest.MonkeyPatch) -> None:
    expected = [article6_verdict(lat, lon, target=t, on=on) for _, lat, lon, t, on, _ in EXAMPLES]
    real_load = load

    def rules_upside_down(name: str) -> pd.DataFrame:
        table = real_load(name)
        return table.iloc[::-1] if name == "article6_rules" else table

    monkeypatch.setattr(article6, "load", rules_upside_down)
    article6._world.cache_clear()
    try:
        again = [article6_verdict(lat, lon, target=t, on=on) for _, lat, lon, t, on, _ in EXAMPLES]
    finally:
        article6._world.cache_clear()
    assert again == expected


def test_where_territories_overlap_the_first_listed_one_counts() -> None:
    first, second = box_ring("FIRST", 0, 2, 0, 2), box_ring("SECOND", 1, 3, 1, 3)
    lons, lats = np.array([1.5, 0.5, 2.5, 5.0]), np.array([1.5, 0.5, 2.5, 5.0])
    assert first_containing([first, second], lons, lats) == ["FIRST", "FIRST", "SECOND", None]
    assert first_containing([second, first], lons, lats) == ["SECOND", "FIRST", "SECOND", None]


def test_a_point_offshore_snaps_to_the_nearest_coast_within_the_limit() -> None:
    west, east = box_ring("WEST", 0, 1, 0, 1), box_ring("EAST", 1.5, 2, 0, 1)
    lons = np.array([1.1, 1.4, 1.25, 0.5, -0.4])
    lats = np.array([0.5, 0.5, 0.5, 1.4, 1.4])
    # nearer WEST, nearer EAST, exactly as near to both (the later ring wins), 0.4 off WEST's
    # edge (in), 0.57 off its corner (out, though inside its box widened by the limit)
    assert nearest_within_many([west, east], lons, lats, 0.5) == [
        "WEST",
        "EAST",
        "EAST",
        "WEST",
        None,
    ]
    # asked one at a time, each point gets the same answer
    for lon, lat, expected in zip(lons, lats, ["WEST", "EAST", "EAST", "WEST", None], strict=True):
        assert nearest_within_many([west, east], np.array([lon]), np.array([lat]), 0.5) == [
            expected
        ]


# Places that the coarse coastline leaves just offshore: covered only thanks to the coastal snap.
COASTAL = [
    ("Helsinki", 60.17, 24.94, "2024-01-01", "yes"),
    ("Funchal, Madeira", 32.65, -16.92, "2020-01-06", "yes"),
    ("Longyearbyen, Svalbard", 78.22, 15.65, "2020-01-06", "yes"),
]


def test_puerto_rico_follows_the_state_departments_reading() -> None:
    # San Juan is one of the places the coarse coastline leaves just offshore: the verdict must
    # still come from the Caribbean rule (not from "no land of a Party here"), and that rule
    # follows the only official reading found (US State Department, July 2024): not covered.
    verdict = article6_verdict(18.47, -66.11, on="2020-01-06")
    assert verdict.rule_id == "caribbean-south-of-tropic"
    assert verdict.covered == "no" and "State Department" in verdict.reason


@pytest.mark.parametrize(
    ("place", "lat", "lon", "on", "covered"), COASTAL, ids=[c[0] for c in COASTAL]
)
def test_a_coastal_place_gets_the_same_verdict_alone_and_in_a_large_batch(
    place: str, lat: float, lon: float, on: str, covered: str
) -> None:
    alone = article6_verdict(lat, lon, on=on)
    assert alone.covered == covered and "coarse coastline" in alone.reason
    # the map shades thousands of points in one call; the place must not drop out of the treaty
    grid_lons, grid_lats = np.meshgrid(np.linspace(-100, 60, 12), np.linspace(0, 80, 10))
    lats = np.concatenate([grid_lats.ravel(), [lat]])
    lons = np.concatenate([grid_lons.ravel(), [lon]])
    assert lats.size > 100
    assert article6_verdicts(lats, lons, on=on)[-1] == alone
    far = article6_verdict(lat, lon + 1.0, on=on)  # a degree out to sea: no snap
    assert "coarse coastline" not in far.reason
