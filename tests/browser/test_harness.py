"""The page checks themselves can fail: each problem they look for, planted in a static page,
is reported (so a green browser run means the lessons are clean, not that nothing was checked)."""

from __future__ import annotations

from typing import Any

import pytest
from harness import axe, check_accessibility, health

BROKEN = """
<div class="jp-OutputArea-output" data-mime-type="application/vnd.jupyter.stderr">Traceback</div>
<div>Error displaying widget: model not found</div>
<pre class="jp-RenderedText">VBox(children=(IntSlider(value=3),))</pre>
<div class="course-question"><button tabindex="-1">Check my answer</button></div>
<div class="js-plotly-plot" style="width: 10px; height: 10px"></div>
<div class="course-map"><div class="js-plotly-plot" id="empty" style="width: 300px; height: 200px">
  <svg class="main-svg"></svg>
</div></div>
<script>document.getElementById("empty").data = [];</script>
<div class="course-ladder"><div class="course-chart" style="height: 40px"></div></div>
"""


def test_health_reports_each_planted_problem(page: Any) -> None:
    page.set_content(BROKEN)
    problems = health(page, {"course-question": 1, "course-timeline": 1}, plots=3)
    text = "\n".join(problems)
    for expected in (
        "1 error or stderr outputs",
        "'Error displaying widget' shown 1 times",
        "raw widget reprs",
        "controls Tab cannot reach",
        "2 charts drawn, expected 3",
        "1 charts are blank or collapsed",
        "1 charts are drawn with no data: ['course-map (300x200)']",  # named by its widget
        "0 .course-timeline widgets, expected 1",
        "1 charts never drew: ['course-chart < course-ladder (no chart view)']",
    ):
        assert expected in text, f"{expected!r} not reported in {problems}"
    assert "course-question" not in text, "a widget that is there is not reported"


def test_a_clean_page_has_no_problems(page: Any) -> None:
    page.set_content('<div class="course-question"><button>Check my answer</button></div>')
    assert health(page, {"course-question": 1}, plots=0) == []


def test_the_guard_stops_a_request_that_leaves_the_machine(guard_and_page: Any) -> None:
    guard, page = guard_and_page
    with page.expect_event("requestfailed"):
        page.set_content('<img alt="" src="https://cdn.example.org/tile.png">')
    assert guard.problems() == ["request left 127.0.0.1: https://cdn.example.org/tile.png"]
    guard.external.clear()  # planted on purpose: the fixture's own check must not fail


def test_axe_blames_the_course_for_its_own_markup(page: Any) -> None:
    page.set_content(
        "<main><div class='jp-OutputArea-output'><button></button></div>"
        "<div class='host'><button></button></div></main>"
    )
    with pytest.raises(AssertionError, match="button-name"):
        check_accessibility(page, "self-test", "planted")
    owners = axe(page)
    assert any(line.startswith("button-name") for line in owners["host"])


def test_the_leak_check_reports_curator_words_and_raw_ids(page: Any) -> None:
    from leaks import needles, page_leaks

    note = next(s for s, where in needles().curator.items() if where == "roles.note")
    page.set_content(
        "<p>Not an output: UNVERIFIED</p><div class='jp-OutputArea-output'>"
        f"<p>UNVERIFIED English</p><p>{note.replace(' ', chr(10) + '  ', 1)} and more</p>"
        "<select><option>nato-enlargement-article10</option></select>"
        "<button title='us-mulling-iraq-pullout'>Go</button>"
        "<p>Sources: NATO, Enlargement and Article 10; nato-enlargement-article10s</p></div>"
    )
    problems = "\n".join(page_leaks(page))
    for expected in (
        "the word 'UNVERIFIED'",
        "a curator's roles.note value",
        "the raw id 'nato-enlargement-article10'",
        "the raw id 'us-mulling-iraq-pullout'",
    ):
        assert expected in problems, f"{expected!r} not reported in {problems}"
    assert "article10s" not in problems  # an id inside a longer word is not that id


def test_a_page_of_learner_words_has_no_leaks(page: Any) -> None:
    from leaks import page_leaks

    page.set_content(
        "<div class='jp-OutputArea-output'><p>NATO, Enlargement and Article 10 (2024)</p>"
        "<p>The North Atlantic Treaty, Article 5</p></div>"
    )
    assert page_leaks(page) == []


UNREADABLE = """
<div class="course-x">
  <button style="width: 60px; overflow: hidden; white-space: nowrap">
    Put under silence procedure</button>
  <button>Reveal the evide…</button>
  <div class="widget-dropdown"><label>Seat</label><select><option value=""></option></select></div>
  <div class="widget-dropdown"><label>Draft</label>
    <select style="width: 80px"><option>Allies call on all sides to show restraint</option></select>
  </div>
</div>
<div class="js-plotly-plot" style="width: 400px; height: 300px">
  <svg class="main-svg" width="400" height="300">
    <g class="ytick"><text x="10" y="50">Iran and partners</text></g>
    <g class="ytick"><text x="14" y="52">United States</text></g>
    <g class="xtick"><text x="380" y="200">a label far beyond the edge</text></g>
    <rect class="nsewdrag" x="100" y="20" width="120" height="90"></rect>
  </svg>
</div>
<script>document.querySelector('.js-plotly-plot').layout = {title: {text: 'Planted'}};</script>
"""


def test_legibility_reports_each_planted_problem(page: Any) -> None:
    from legibility import legibility

    page.set_content(UNREADABLE)
    problems = "\n".join(legibility(page))
    for expected in (
        'label cut short: "Put under silence procedure"',
        'label cut short: "Reveal the evide…"',
        'dropdown starts blank: "Seat"',
        'dropdown text cut short: "Allies call on all sides',
        '"Iran and partners" is printed over "United States"',
        '"a label far beyond the edge" leaves the chart',
        "plotting area only 120 x 90 px",
    ):
        assert expected in problems, f"{expected!r} not reported in {problems}"


def test_a_legible_page_has_no_problems(page: Any) -> None:
    from legibility import legibility

    page.set_content(
        "<div class='course-x'><button>Check my answer</button>"
        "<div class='widget-dropdown'><label>Seat</label><select style='width: 300px'>"
        "<option>(not yet)</option></select></div></div>"
    )
    assert legibility(page) == []
