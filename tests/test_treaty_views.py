"""The treaty lesson's views, driven without a browser."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from widgets.data import load
from widgets.treaty.clauses import articles, comparison, marked_html
from widgets.treaty.view import (
    Article6Map,
    ClauseExplorer,
    ComparisonExplorer,
    article6_figure,
    article_label,
    comparison_figure,
)


@pytest.fixture(autouse=True)
def _quiet(capsys):  # type: ignore[no-untyped-def]
    yield
    capsys.readouterr()


def test_clause_explorer_highlights_phrases_and_explains_them() -> None:
    explorer = ClauseExplorer("north-atlantic-treaty", "5")
    assert explorer.text.value.count("<mark") >= 3
    phrase = next(
        value for _, value in explorer.phrase.options if value and "deems necessary" in value
    )
    explorer.phrase.value = phrase
    assert "Misconception" in explorer.explain.value and "go to war" in explorer.explain.value
    explorer.treaty.value = "anzus"
    assert any(label.startswith("Article IV") for label, _ in explorer.article.options)


def test_unverified_text_is_flagged() -> None:
    explorer = ClauseExplorer("north-atlantic-treaty", "6")
    explorer.article.value = ("6", "1949")
    assert "not yet been checked word for word" in explorer.text.value
    assert "not in force" in explorer.text.value
    note = load("treaty_text").query("treaty_id == 'north-atlantic-treaty' and article == '6'")
    for curator_words in note["note"].dropna():  # the curator's note stays in the data
        assert curator_words[:40] not in explorer.text.value


def test_a_translated_treaty_shows_english_first_and_the_original_beside_it() -> None:
    explorer = ClauseExplorer("csto", "4")
    text = explorer.text.value
    english = text.index("<blockquote lang='en'>")
    original = text.index("<blockquote lang='ru'>")
    assert english < original and "The original text (Russian)" in text
    assert "English translation:" in text


def test_article6_has_both_versions() -> None:
    labels = [label for label, _ in articles("north-atlantic-treaty")]
    assert (
        "Article 6 (1949 text, not in force)" in labels
        and "Article 6 (1951 text, in force)" in labels
    )
    with pytest.raises(ValueError, match="no treaty called"):
        articles("atlantis")


def test_marking_is_escaped_and_bold_for_the_selected_phrase() -> None:
    html = marked_html("a < b and c", ["b and"], "b and")
    assert "&lt;" in html and "<mark style=" in html


def test_comparison_sorts_and_keeps_chart_and_table_together() -> None:
    by_strength = comparison()
    assert by_strength["strength"].is_monotonic_decreasing
    assert comparison("year signed")["year"].is_monotonic_increasing
    with pytest.raises(ValueError, match="Sort by one of"):
        comparison("colour")
    explorer = ComparisonExplorer()
    first = table_rows(explorer.table.value)
    explorer.sort.value = "year signed"
    rows = table_rows(explorer.table.value)
    by_year = comparison("year signed")
    # The table shows every clause, in the order just chosen, and the chart's bars follow it.
    assert [(row["treaty"], row["article"]) for row in rows] == list(
        zip(by_year["treaty"], by_year["article"], strict=True)
    )
    years = [int(row["year"]) for row in rows]
    assert years == sorted(years) and rows != first
    bars = comparison_figure(explorer.sort.value)["data"][0]
    assert bars["y"] == [f"{row['short name']}, {article_label(row['article'])}" for row in rows]
    # the full name is on hover, and every short label fits beside the plot at 1024 px
    assert [c[0] for c in bars["customdata"]] == [row["treaty"] for row in rows]
    assert max(len(label) for label in bars["y"]) <= 32


def table_rows(html: str) -> list[dict[str, str]]:
    """The body rows of an HTML table, each as {header: cell text}."""

    class Cells(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.rows: list[list[str]] = []
            self.cell: list[str] | None = None

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "tr":
                self.rows.append([])
            elif tag in ("td", "th"):
                self.cell = []

        def handle_endtag(self, tag: str) -> None:
            if tag in ("td", "th") and self.cell is not None:
                self.rows[-1].append("".join(self.cell).strip())
                self.cell = None

        def handle_data(self, data: str) -> None:
            if self.cell is not None:
                self.cell.append(data)

    parser = Cells()
    parser.feed(html)
    header, *body = parser.rows
    return [dict(zip(header, row, strict=True)) for row in body]


def test_map_updates_the_verdict_when_a_place_is_picked() -> None:
    view = Article6Map(place="ain-al-asad-air-base", target="forces", on="2020-01-08")
    assert view.result.covered == "no"
    view.target.value = "territory"
    view.place.value = "incirlik-air-base"
    assert view.result.covered == "yes" and "Turkey" in view.verdict.value
    view.place.value = "ceuta"
    assert view.result.covered == "contested"
    view.on.value = "soon"
    assert "is not a date" in view.verdict.value and not view.map.shown


def test_map_draws_without_any_plotly_base_layer() -> None:
    figure = article6_figure(37.0, 35.43, "Incirlik", "yes", "territory", "2020-01-08")
    geo = figure["layout"]["geo"]
    assert not any(geo[key] for key in ("showland", "showcoastlines", "showcountries", "showocean"))
    assert not any("locationmode" in trace for trace in figure["data"])
    shaded = figure["data"][0]
    assert len(shaded["lon"]) > 50, "the treaty area is shaded"


@pytest.mark.parametrize(
    "place",
    ["pearl-harbor", "andersen-air-force-base", "san-juan-puerto-rico", "ceuta", "las-palmas"],
)
def test_every_place_asked_about_is_in_the_map_frame_with_its_coastline(place: str) -> None:
    """Hawaii, Guam and the Caribbean come into frame when picked, with outlines around them."""
    view = Article6Map(place=place, target="territory", on="2020-01-06")
    row = load("places").set_index("place_id").loc[place]
    geo = view.map.figure["layout"]["geo"]
    (x0, x1), (y0, y1) = geo["lonaxis"]["range"], geo["lataxis"]["range"]
    assert x0 < row["lon"] < x1 and y0 < row["lat"] < y1
    outlines = next(t for t in view.map.figure["data"] if t["mode"] == "lines")
    near = [
        (x, y)
        for x, y in zip(outlines["lon"], outlines["lat"], strict=True)
        if x is not None and abs(x - row["lon"]) < 6 and abs(y - row["lat"]) < 6
    ]
    assert near, f"no coastline drawn near {place}"


def test_north_america_is_drawn_and_shaded() -> None:
    view = Article6Map(place="washington-dc", target="territory", on="2020-01-06")
    figure = view.map.figure
    inside = next(t for t in figure["data"] if str(t.get("name", "")).startswith("inside"))
    assert any(
        x < -120 and 35 < y < 48 for x, y in zip(inside["lon"], inside["lat"], strict=True)
    )  # west
    assert any(
        x < -145 and y > 58 for x, y in zip(inside["lon"], inside["lat"], strict=True)
    )  # Alaska
    outlines = next(t for t in figure["data"] if t["mode"] == "lines")
    assert any(x is not None and x < -100 for x in outlines["lon"])


def test_a_click_on_the_map_judges_the_place_clicked() -> None:
    """The browser sends the clicked place's coordinates; the view judges them in one redraw."""
    from widgets.treaty.view import Article6Map

    view = Article6Map(target="territory", on="2020-01-06")
    assert view.map.widget.clickable
    drawn = view.map.revision
    view.map.widget._handle_custom_msg({"event": "click", "lat": 48.8566, "lon": 2.3522}, [])
    assert view.place.index == 0  # "(type coordinates below)", not a blank box
    assert (view.lat.value, view.lon.value) == (48.86, 2.35)
    assert view.result is not None and view.result.covered == "yes"
    assert "France" in view.result.reason
    assert view.map.revision == drawn + 1
    view.map.widget._handle_custom_msg({"event": "click", "lat": "x", "lon": None}, [])
    view.map.widget._handle_custom_msg({"event": "resize"}, [])
    assert (view.lat.value, view.lon.value) == (48.86, 2.35)  # anything else is ignored
