"""Article 6 through time: dated cases from history, each with the sources that date it.

The engine must ask whose territory a place was on the day (``article6_holders`` and the past
outlines in ``article6_past_land``) before it asks whether that Party was in the treaty. Each case
names a place, a day, the verdict and words the reason must contain (the right holder) and must
not contain (today's holder, where it differs). Places that changed hands are tested on both sides
of the change; places that did not are tested too, so a table that moved them would fail.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any, NamedTuple

import pandas as pd
import pytest

from widgets.data import load
from widgets.treaty import article6, article6_verdict
from widgets.treaty.article6 import Covered, Target


class Case(NamedTuple):
    place: str
    lat: float
    lon: float
    on: str
    covered: Covered
    says: str  # words the reason must contain: the holder, or what the place then was
    sources: str  # source ids (joined by ;) that state the date and the holder
    not_says: str = ""  # words it must not contain (a wrong holder)
    target: Target = "territory"


GDR = "history-de-ddr-1949;wilson-center-german-unification"
UNITY = "wilson-center-german-unification"
BERLIN = "frus-1952-54-v07p2-d537;frus-1952-54-v07p2-d603;gse-quadripartite-berlin"
SAAR = "wikipedia-saar-protectorate;cvce-saar-1957"
TRIESTE = "statesmans-yearbook-1956-trieste;reportnovecento-london-memorandum-1954"
MALTA = "wikipedia-malta-independence-day"
CYPRUS = "dw-cyprus-bases-briefly;wikipedia-akrotiri-dhekelia"
BAHAMAS = "cambridge-bahamas-1973;macaudailytimes-bahamas-1973"
SPAIN = "nato-update-1982;defnat-spain-1982"
TEXT = "nl-wetten-treaty-text"
UK = "territory of the United Kingdom"
BALTIC = "wilson-center-baltic-nonrecognition;pace-resolution-189-1960"
ESTONIA = "enrs-estonia-restoration-1991"
LATVIA = "saeima-latvia-21-august-1991"
LITHUANIA = "wikipedia-lithuania-act-1990"
SLOVENIA = "sta-slovenia-statehood-day-2018"
ZONE_B = "wikili-zone-b;pokrajinski-muzej-koper-border;almanacco-triestino-memorandum-1954"
CROATIA = "sabor-croatia-25-june"
MACEDONIA = "dbpedia-macedonia-referendum-1991;dmwc-macedonia-independence-day"
MONTENEGRO = "reuters-montenegro-independence-2006;ap-montenegro-independence-2006"
SPLIT = "reuters-velvet-divorce-2023;radio-prague-velvet-divorce-30"

CASES = [
    # East Germany: never a Party's territory before 3 October 1990
    Case("Leipzig 1970", 51.34, 12.37, "1970-06-01", "no", "German Democratic Republic", GDR,
         "territory of Germany"),
    Case("Dresden 1985", 51.05, 13.74, "1985-06-01", "no", "never a Party", GDR,
         "territory of Germany"),
    Case("Rostock 1970 (on the coast)", 54.09, 12.10, "1970-06-01", "no", "East Germany", GDR),
    Case("Leipzig, eve of unity", 51.34, 12.37, "1990-10-02", "no", "East Germany", UNITY),
    Case("Leipzig, day of unity", 51.34, 12.37, "1990-10-03", "yes", "territory of Germany", UNITY),
    Case("Dresden 2000", 51.05, 13.74, "2000-01-01", "yes", "territory of Germany", UNITY),
    # West Germany did not change hands; it joined on 6 May 1955
    Case("Hamburg 1970", 53.55, 10.00, "1970-06-01", "yes", "territory of Germany",
         "nato-germany-erdmann-2015", "East Germany"),
    Case("Hanover 1952", 52.37, 9.73, "1952-06-01", "no", "became a Party only on 06 May 1955",
         "nato-germany-erdmann-2015"),
    # Berlin
    Case("West Berlin 1970", 52.503, 13.330, "1970-06-01", "contested",
         "not a constituent part", BERLIN + ";nato-berlin-declaration-1958",
         "This is territory of Germany"),
    Case("West Berlin 1950", 52.503, 13.330, "1950-06-01", "contested",
         "treat any attack against Berlin", BERLIN),
    Case("Allied troops in West Berlin 1961", 52.473, 13.403, "1961-08-13", "yes",
         "occupation forces", "frus-1952-54-v07p2-d603;time-1949-03-28-acheson", target="forces"),
    Case("East Berlin 1970", 52.522, 13.413, "1970-06-01", "no", "Soviet sector",
         GDR + ";" + BERLIN, "territory of Germany"),
    Case("West Berlin 1991", 52.503, 13.330, "1991-01-01", "yes", "territory of Germany", UNITY),
    Case("East Berlin 1991", 52.522, 13.413, "1991-01-01", "yes", "territory of Germany", UNITY),
    # The Saar: French protectorate, not French territory, until 1 January 1957
    Case("Saarbrücken 1956", 49.234, 6.997, "1956-06-01", "no", "protectorate under French control",
         SAAR, "This is territory of"),
    Case("Saarbrücken, 31 December 1956", 49.234, 6.997, "1956-12-31", "no", "Saar", SAAR),
    Case("Saarbrücken, 1 January 1957", 49.234, 6.997, "1957-01-01", "yes", "territory of Germany",
         SAAR),
    # Trieste: Zone A under British and US military government until October 1954
    Case("Trieste 1950", 45.65, 13.777, "1950-06-01", "no", "Free Territory of Trieste", TRIESTE,
         "territory of Italy"),
    Case("US/UK troops in Trieste 1953", 45.65, 13.777, "1953-06-01", "yes", "occupation forces",
         TRIESTE, "territory of Italy", "forces"),
    Case("Trieste 1960", 45.65, 13.777, "1960-06-01", "yes", "territory of Italy",
         TRIESTE + ";zxc-wiki-osimo"),
    Case("Monfalcone 1950 (Italy, outside Zone A)", 45.81, 13.53, "1950-06-01", "yes",
         "territory of Italy", "statesmans-yearbook-1956-trieste;cvce-nat-signature"),
    # Gibraltar: British since 1713, covered since 1949 whatever Spain's membership
    Case("Gibraltar 1960", 36.14, -5.353, "1960-06-01", "yes", UK, "independent-gibraltar-utrecht",
         "territory of Spain"),
    Case("Gibraltar 1980", 36.14, -5.353, "1980-06-01", "yes", UK, "independent-gibraltar-utrecht",
         "not yet"),
    Case("Algeciras 1980 (Spain, across the bay)", 36.13, -5.45, "1980-06-01", "no",
         "territory of Spain, which became a Party only on 30 May 1982", SPAIN, UK),
    # Malta: British colony until 21 September 1964
    Case("Valletta 1955", 35.90, 14.51, "1955-06-01", "yes", UK, MALTA),
    Case("Valletta, eve of independence", 35.90, 14.51, "1964-09-20", "yes", UK, MALTA),
    Case("Valletta, independence day", 35.90, 14.51, "1964-09-21", "no", "not a Party", MALTA, UK),
    # Cyprus: British colony until 16 August 1960; the UK kept two base areas
    Case("Nicosia 1955", 35.17, 33.36, "1955-06-01", "contested", "British colony", CYPRUS),
    Case("Paphos 1965", 34.77, 32.42, "1965-06-01", "no", "Republic of Cyprus", CYPRUS, UK),
    Case("RAF Akrotiri 1965", 34.59, 32.99, "1965-06-01", "contested", "Sovereign Base Area",
         CYPRUS),
    # The Bahamas: British colony until 10 July 1973, north of the Tropic of Cancer
    Case("Nassau 1960", 25.06, -77.35, "1960-06-01", "yes", UK, BAHAMAS),
    Case("Nassau, eve of independence", 25.06, -77.35, "1973-07-09", "yes", "British colony",
         BAHAMAS),
    Case("Nassau, independence day", 25.06, -77.35, "1973-07-10", "no", "not a Party", BAHAMAS,
         UK),
    # Places that did not change hands
    Case("Hamilton, Bermuda 1950", 32.29, -64.78, "1950-06-01", "yes", UK,
         "iplocate-dependent-territories;" + TEXT),
    Case("Nuuk, Greenland 1950", 64.18, -51.72, "1950-06-01", "yes", "territory of Denmark",
         "un-greenland-1953;bundestag-about-denmark"),
    Case("Tórshavn, Faroes 1950", 62.01, -6.77, "1950-06-01", "yes", "territory of Denmark",
         "bundestag-about-denmark"),
    Case("Longyearbyen, Svalbard 1950", 78.22, 15.65, "1950-06-01", "yes", "territory of Norway",
         "polarpedia-svalbard-treaty"),
    Case("Las Palmas, Canary Islands 1980", 28.12, -15.43, "1980-06-01", "no",
         "territory of Spain, which became a Party only on 30 May 1982", SPAIN),
    Case("Las Palmas, Canary Islands 1983", 28.12, -15.43, "1983-06-01", "yes",
         "territory of Spain", SPAIN),
    Case("Ponta Delgada, Azores 1950", 37.74, -25.67, "1950-06-01", "yes", "territory of Portugal",
         "cvce-nat-signature;" + TEXT),
    Case("Funchal, Madeira 1950", 32.65, -16.92, "1950-06-01", "yes", "territory of Portugal",
         "cvce-nat-signature;" + TEXT),
    Case("Saint-Pierre 1950", 46.78, -56.17, "1950-06-01", "yes", "territory of France",
         "iplocate-dependent-territories;" + TEXT),
    Case("Fort-de-France, Martinique 1960", 14.60, -61.07, "1960-06-01", "no",
         "south of the Tropic of Cancer", TEXT, "not yet"),
    Case("Oran 1960 (Algerian departments)", 35.70, -0.63, "1960-06-01", "yes",
         "Algerian Departments of France", "wikipedia-1962-algerian-referendum;" + TEXT),
    # Parties that were not yet states: the reason names what the place then was, not the Party
    Case("Tallinn 1970", 59.437, 24.745, "1970-06-01", "no", "annexed by the Soviet Union",
         BALTIC + ";" + ESTONIA, "territory of Estonia"),
    Case("Tallinn, eve of restored independence", 59.437, 24.745, "1991-08-19", "no",
         "never recognised", BALTIC + ";" + ESTONIA, "territory of Estonia"),
    Case("Tallinn, restored independence", 59.437, 24.745, "1991-08-20", "no",
         "territory of Estonia, which became a Party only on 29 March 2004", ESTONIA),
    Case("Tallinn 2005", 59.437, 24.745, "2005-06-01", "yes", "territory of Estonia", ESTONIA),
    Case("Riga 1985", 56.95, 24.10, "1985-06-01", "no", "Soviet Union", BALTIC + ";" + LATVIA,
         "territory of Latvia"),
    Case("Riga, restored independence", 56.95, 24.10, "1991-08-21", "no",
         "territory of Latvia, which became a Party only", LATVIA),
    Case("Vilnius 1989", 54.687, 25.28, "1989-06-01", "no", "Soviet Union",
         BALTIC + ";" + LITHUANIA, "territory of Lithuania"),
    Case("Vilnius 1990, after the Act of 11 March", 54.687, 25.28, "1990-06-01", "no",
         "territory of Lithuania, which became a Party only", LITHUANIA),
    Case("Ljubljana 1970", 46.05, 14.51, "1970-06-01", "no", "part of Yugoslavia", SLOVENIA,
         "territory of Slovenia"),
    Case("Ljubljana 1992", 46.05, 14.51, "1992-06-01", "no",
         "territory of Slovenia, which became a Party only", SLOVENIA),
    Case("Koper 1950 (Zone B)", 45.548, 13.73, "1950-06-01", "no", "Zone B of the Free Territory",
         ZONE_B, "territory of Slovenia"),
    Case("Koper 1980", 45.548, 13.73, "1980-06-01", "no", "part of Yugoslavia", ZONE_B,
         "territory of Slovenia"),
    Case("Koper 1992", 45.548, 13.73, "1992-06-01", "no",
         "territory of Slovenia, which became a Party only", SLOVENIA, "Zone B of the Free"),
    Case("Zagreb 1970", 45.815, 15.98, "1970-06-01", "no", "part of Yugoslavia", CROATIA,
         "territory of Croatia"),
    Case("Zagreb 1995", 45.815, 15.98, "1995-06-01", "no",
         "territory of Croatia, which became a Party only on 01 April 2009", CROATIA),
    Case("Skopje 1970", 41.998, 21.43, "1970-06-01", "no", "part of Yugoslavia", MACEDONIA,
         "territory of North Macedonia"),
    Case("Skopje 2000", 41.998, 21.43, "2000-06-01", "no",
         "territory of North Macedonia, which became a Party only", MACEDONIA),
    Case("Podgorica 2000", 42.44, 19.26, "2000-06-01", "no", "Serbia and Montenegro", MONTENEGRO,
         "territory of Montenegro"),
    Case("Podgorica 2010", 42.44, 19.26, "2010-06-01", "no",
         "territory of Montenegro, which became a Party only on 05 June 2017", MONTENEGRO),
    Case("Prague 1970", 50.08, 14.42, "1970-06-01", "no", "part of Czechoslovakia", SPLIT,
         "territory of Czechia"),
    Case("Prague 1993", 50.08, 14.42, "1993-06-01", "no",
         "territory of Czechia, which became a Party only on 12 March 1999", SPLIT),
    Case("Bratislava 1992", 48.15, 17.11, "1992-12-31", "no", "part of Czechoslovakia", SPLIT,
         "territory of Slovakia"),
    Case("Bratislava 1993", 48.15, 17.11, "1993-01-01", "no",
         "territory of Slovakia, which became a Party only", SPLIT),
]  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=[f"{c.place} [{c.sources}]" for c in CASES])
def test_the_verdict_on_the_day_names_the_holder_of_the_day(case: Case) -> None:
    verdict = article6_verdict(case.lat, case.lon, target=case.target, on=case.on)
    assert verdict.covered == case.covered, verdict.reason
    assert case.says in verdict.reason
    if case.not_says:
        assert case.not_says not in verdict.reason


def test_every_case_cites_sources_that_exist() -> None:
    known = set(load("sources")["source_id"])
    assert len(CASES) >= 30
    for case in CASES:
        ids = case.sources.split(";")
        assert ids and set(ids) <= known, (case.place, set(ids) - known)


def test_the_cases_follow_the_holders_table(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without article6_holders the engine would fall back on today's borders and get East
    Germany in 1970 wrong: the cases above test the table, not a coincidence of outlines."""
    world = article6._world()
    monkeypatch.setattr(article6, "_world", lambda: {**world, "holdings": {}})
    leipzig = article6_verdict(51.34, 12.37, on="1970-06-01")
    assert leipzig.covered == "yes" and "territory of Germany" in leipzig.reason


def _rows_by_code() -> dict[str, list[dict[str, Any]]]:
    rows: dict[str, list[dict[str, Any]]] = {}
    for row in load("article6_holders").to_dict("records"):
        rows.setdefault(str(row["code"]), []).append({str(k): v for k, v in row.items()})
    return rows


def test_holdings_of_a_place_follow_each_other_without_overlap() -> None:
    earliest, latest = pd.Timestamp.min, pd.Timestamp.max
    for code, rows in _rows_by_code().items():
        spans = sorted(
            (
                earliest if pd.isna(r["valid_from"]) else pd.Timestamp(str(r["valid_from"])),
                latest if pd.isna(r["valid_to"]) else pd.Timestamp(str(r["valid_to"])),
            )
            for r in rows
        )
        assert spans[0][0] == earliest, f"{code}: the first holding must reach back before 1949"
        assert spans[-1][1] == latest, f"{code}: the last holding must be open-ended"
        for (_, end), (start, _) in pairwise(spans):
            assert start == end + pd.Timedelta(days=1), f"{code}: a gap or an overlap at {end}"


def test_the_last_holder_is_todays_sovereign() -> None:
    sovereign = load("article6_territories").set_index("code")["sovereign"]
    for code, rows in _rows_by_code().items():
        last = next(r for r in rows if pd.isna(r["valid_to"]))
        today = "" if pd.isna(sovereign[code]) else sovereign[code]
        assert ("" if pd.isna(last["holder"]) else last["holder"]) == today, code


def test_every_past_outline_has_a_holder_history_or_a_sovereign() -> None:
    past = set(load("article6_past_land")["code"])
    territories = set(load("article6_territories")["code"])
    assert past <= territories
    assert {"DDR", "XWB", "XEB", "XSA", "XTA", "GIB", "MLT", "CYP", "BHS"} <= past
    assert past - {"GIB"} <= set(_rows_by_code())


# The map's date slider (issue 13, item 3): its stops are the days the covered area changed.
ISSUE_YEARS = {1952, 1955, 1962, 1982, 1990, 1999, 2004, 2009, 2017, 2020, 2023, 2024}


def test_the_change_days_include_every_year_the_issue_names() -> None:
    days = article6.change_days()
    assert days == sorted(set(days)) and days[0] == pd.Timestamp("1949-08-24")
    assert {day.year for day in days} >= ISSUE_YEARS
    assert pd.Timestamp("1990-10-03") in days and pd.Timestamp("1957-01-01") in days


def _only_between_non_parties(day: pd.Timestamp) -> bool:
    """True when every change of holder on ``day`` is between places no Party held or held by a
    Party not yet in the treaty (Estonia from the Soviet Union, 1991): the reason changes, the
    map does not, so change_days() must not offer such a day as a slider stop."""
    joined = load("members").set_index("iso3")["joined"]
    member_days = set(joined) | {article6.AMENDED}
    rules = load("article6_rules")
    rule_days = set(rules["valid_from"].dropna()) | {
        d + pd.Timedelta(days=1) for d in rules["valid_to"].dropna()
    }
    if day in member_days or day in rule_days:
        return False
    holders = load("article6_holders")
    touching = holders[
        (holders["valid_from"] == day) | (holders["valid_to"] + pd.Timedelta(days=1) == day)
    ]
    for holder in touching["holder"]:
        if not pd.isna(holder) and holder in joined.index and joined[holder] <= day:
            return False
    return not touching.empty


def test_the_shaded_area_changes_on_each_of_those_days() -> None:
    from widgets.treaty.view import treaty_area

    days = article6.change_days()
    assert [d for d in days if _only_between_non_parties(d)] == []  # no stop where nothing moves
    assert pd.Timestamp("1991-08-20") not in days  # Estonia: its reason changed, not the map
    for day in days:
        if day.year not in ISSUE_YEARS:
            continue
        before = treaty_area("territory", f"{day - pd.Timedelta(days=1):%Y-%m-%d}")[2]
        after = treaty_area("territory", f"{day:%Y-%m-%d}")[2]
        changed = sum(a != b for a, b in zip(before, after, strict=True))
        assert changed >= 1, f"the map looks the same on both sides of {day:%d %B %Y}"


def test_the_slider_sets_the_date_and_a_typed_date_moves_the_slider() -> None:
    from widgets.treaty.view import Article6Map

    view = Article6Map(place="washington-dc", target="territory", on="1970-06-01")
    stops = [value for _, value in view.when.options]
    assert stops == [f"{day:%Y-%m-%d}" for day in article6.change_days()]
    assert view.when.value == "1964-09-21"  # the last change before the typed day
    view.place.value = None
    view.lat.value, view.lon.value = 51.34, 12.37  # Leipzig
    assert view.result is not None and view.result.covered == "no"
    view.when.value = "1990-10-03"
    assert view.on.value == "1990-10-03"
    assert view.result.covered == "yes" and "territory of Germany" in view.result.reason
    view.on.value = "1985-05-05"
    assert view.when.value == "1982-05-30" and view.result.covered == "no"
