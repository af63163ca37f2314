"""One real interaction per course widget, the way a learner does it, and what the page must
then show. The same functions drive JupyterLab, Voila and a JupyterHub user server: they find
widgets by their `course-*` class and controls by their visible labels, never by position in
the notebook.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from harness import check_accessibility, health, wait_rendered
from leaks import page_leaks
from legibility import legibility
from playwright.sync_api import expect

TIMEOUT = 30_000  # ms for one widget to answer (a kernel round trip plus a redraw)
FEEDBACK = re.compile(r"[✔✘]|Saved")  # every self-check answers with a mark; a poll says "Saved"


# --- Controls, by what the learner reads on the screen ----------------------------------------


def status(root: Any) -> Any:
    """The live text a widget updates (every course widget marks it role="status")."""
    return root.locator("[role=status]")


def slider_handle(root: Any, label: str) -> Any:
    slider = root.locator(".widget-slider, .widget-hslider").filter(
        has=root.page.locator(f'label.widget-label:text-is("{label}")')
    )
    return slider.locator(".noUi-handle").first


def press(root: Any, label: str, key: str, times: int = 1) -> None:
    """Move a slider by keyboard, as a learner without a mouse does."""
    handle = slider_handle(root, label)
    handle.focus()
    for _ in range(times):
        handle.press(key)


def choose(root: Any, label: str, option: str) -> None:
    """Pick a dropdown item by its visible text (ipywidgets turns spaces into no-break spaces)."""
    select = root.get_by_label(label, exact=True)
    texts = [t.replace("\xa0", " ") for t in select.locator("option").all_text_contents()]
    matches = [i for i, text in enumerate(texts) if option in text]
    assert matches, f"no option containing {option!r} in {label!r}: {texts[:5]}…"
    select.select_option(index=matches[0])


# A course chart is changed in place (widgets.chart.LiveChart), not replaced: each drawing
# writes its number to the figure's layout.meta.revision, which plotly.js keeps on the chart div.
REVISION = "plot => (plot.layout && plot.layout.meta && plot.layout.meta.revision) || 0"


def chart_marker(root: Any) -> None:
    """Note the drawing now on screen, so `expect_new_chart` can tell a redraw from it."""
    root.locator(".js-plotly-plot").first.evaluate(
        f"plot => {{ plot.dataset.seen = String(({REVISION})(plot)); }}"
    )


def expect_new_chart(root: Any) -> None:
    """The widget's chart was drawn again since `chart_marker`, with data: its revision went up
    (or the chart element is a new one, unmarked)."""
    try:
        root.page.wait_for_function(
            f"""root => {{
              const plot = root.querySelector('.js-plotly-plot');
              if (!plot || !plot.querySelector('.main-svg') || !(plot.data || []).length) {{
                return false;
              }}
              const seen = plot.dataset.seen;
              return seen === undefined || ({REVISION})(plot) > Number(seen);
            }}""",
            arg=root.element_handle(),
            timeout=TIMEOUT,
        )
    except Exception as err:
        state = root.evaluate(
            f"""root => [...root.querySelectorAll('.js-plotly-plot')].map(p =>
              `revision ${{({REVISION})(p)}}, seen ${{p.dataset.seen}}, `
              + `traces ${{(p.data || []).length}}`
            )"""
        )
        raise AssertionError(f"the chart was not drawn again: {state}") from err
    expect(root.locator(".js-plotly-plot").first).to_be_visible()


def answer(question: Any, choice: str | None = None) -> Any:
    """Pick a choice (the first unless named), press the button; return the feedback."""
    radios = question.get_by_role("radio")
    if choice is None:
        radios.first.check()
    else:
        question.get_by_role("radio", name=choice, exact=True).check()
    question.get_by_role("button").click()
    feedback = status(question)
    expect(feedback).to_have_text(FEEDBACK, timeout=TIMEOUT)
    return feedback


# --- One function per widget: act, then assert what the page shows ----------------------------


def members_slider(page: Any) -> None:
    root = page.locator(".course-members-slider").first
    expect(root).to_contain_text("1 January 2020: 29 Parties", timeout=TIMEOUT)
    press(root, "Year", "ArrowLeft", 3)
    expect(root).to_contain_text("1 January 2017: 28 Parties", timeout=TIMEOUT)


def every_question(page: Any) -> None:
    """Answer every poll and multiple-choice self-check on the page; each must give feedback."""
    questions = page.locator(".course-question")
    for i in range(questions.count()):
        questions.nth(i).scroll_into_view_if_needed()
        answer(questions.nth(i))


def allies_self_check(page: Any) -> None:
    question = page.locator(".course-question").filter(has_text="how many allies")
    expect(answer(question, "29")).to_contain_text("✔", timeout=TIMEOUT)
    # ipywidgets holds a widget's next change back until the kernel has answered its last one,
    # while a button press goes at once: on a loaded machine the press can reach the kernel
    # before the new pick, and the old answer is judged again. A learner would press again.
    for attempt in range(3):
        try:
            expect(answer(question, "32")).to_contain_text("✘", timeout=10_000)
            break
        except AssertionError:
            if attempt == 2:
                raise


def numeric_questions(page: Any, values: dict[str, tuple[str, str]]) -> None:
    """Type a number into each numeric self-check named by words in its prompt; expect the mark."""
    for words, (typed, mark) in values.items():
        question = page.locator(".course-numeric-question").filter(has_text=words)
        question.get_by_label("Your answer").fill(typed)
        question.get_by_role("button", name="Check my answer").click()
        expect(status(question)).to_contain_text(mark, timeout=TIMEOUT)


def casualty_reports_reveal(page: Any) -> None:
    """Lesson 03's table of casualty reports answers the injury self-check: not in the page, and
    its button disabled, until the learner has answered that question."""
    reveal = page.locator(".course-reveal").filter(has_text="the reports, date by date").first
    expect(reveal).not_to_contain_text("Who reported it")
    expect(reveal.get_by_role("button")).to_be_disabled()
    numeric_questions(page, {"injured US troops": ("3", "✘")})
    reveal.get_by_role("button").click()
    expect(reveal).to_contain_text("Who reported it", timeout=TIMEOUT)
    expect(reveal).to_contain_text("109 US service members", timeout=TIMEOUT)


CHECK_CLAIM = "Save my answers and show the check"


def tag_and_rate(root: Any, index: int, kind: str, rating: str) -> None:
    """Pick claim number ``index`` (0-based), tag it, rate it, press the button; wait for the
    check. The choices are enabled only once the kernel has shown the new claim."""
    root.get_by_label("Claim", exact=True).select_option(index=index)
    button = root.get_by_role("button", name=CHECK_CLAIM)
    expect(button).to_be_enabled(timeout=TIMEOUT)  # the kernel has shown the claim, choices reset
    for name in (kind, rating):
        radio = root.get_by_role("radio", name=re.compile(f"^{name}:"))
        expect(radio).not_to_be_checked()  # check() does nothing on a radio still checked
        radio.check()
    button.click()
    expect(status(root)).to_contain_text("The course's check", timeout=TIMEOUT)


def claim_rater(page: Any) -> None:
    """Lesson 01: each claim's check, and the table of all verdicts, are absent from the page until
    the learner has tagged and rated (the claim; every claim); then they are there."""
    root = page.locator(".course-claim-rater").first
    table = page.locator(".course-reveal").filter(has_text="the table of all verdicts")
    evidence = "Poorly worded, implies withdrawal"  # in claim 2's check (Milley, via Reuters)
    card = root.locator("blockquote")  # the claim in the article's words
    expect(card).to_contain_text("threat has yet to come", timeout=TIMEOUT)  # claim 1
    for absent in (evidence, "Kind: you tagged", "Support: you rated"):
        expect(page.locator("body")).not_to_contain_text(absent)
    expect(root).not_to_contain_text("The course's check")
    expect(page.locator("body")).not_to_contain_text("Support (check)")
    expect(table.get_by_role("button")).to_be_disabled()
    root.get_by_role("button", name=CHECK_CLAIM).click()
    expect(status(root)).to_contain_text("Tag the claim and rate it first", timeout=TIMEOUT)
    root.get_by_label("Claim", exact=True).select_option(index=1)
    expect(card).to_contain_text("may be mulling a troop pullout", timeout=TIMEOUT)
    expect(page.locator("body")).not_to_contain_text(evidence)
    tag_and_rate(root, 1, "speculation", "contested")
    expect(status(root)).to_contain_text("✔ Kind: you tagged it speculation")
    expect(root).to_contain_text(evidence)
    expect(root).to_contain_text("Reuters (Phil Stewart): Leaked U.S. letter to Iraq")
    expect(root).to_contain_text("You have tagged and rated 1 of 14 claims")
    expect(table.get_by_role("button")).to_be_disabled()  # 13 claims still to try
    expect(page.locator("body")).not_to_contain_text("Support (check)")
    for index in [0, *range(2, 14)]:
        tag_and_rate(root, index, "fact", "confirmed")
    expect(root).to_contain_text("You have tagged and rated 14 of 14 claims")
    table.get_by_role("button", name="Show the table of all verdicts").click()
    expect(table).to_contain_text("Support (check)", timeout=TIMEOUT)
    expect(table).to_contain_text("8 confirmed, 2 contested, 2 unverifiable, 2 misleading")


def case_debrief(page: Any) -> None:
    """Lesson 01: the debrief (what the article leaves out) waits for the self-check's answer."""
    debrief = page.locator(".course-reveal").filter(has_text="the debrief")
    words = "needs a decision by consensus of all the allies"
    expect(page.locator("body")).not_to_contain_text(words)
    expect(debrief.get_by_role("button")).to_be_disabled()
    question = page.locator(".course-question").filter(has_text="leaves out Article 6")
    expect(answer(question, None)).to_contain_text(
        "✔", timeout=TIMEOUT
    )  # the first choice is the right one
    debrief.get_by_role("button", name="Show the debrief").click()
    expect(debrief).to_contain_text(words, timeout=TIMEOUT)


def clause_explorer(page: Any) -> None:
    root = page.locator(".course-clause-explorer").first
    expect(root).to_contain_text("armed attack against one or more of them")
    choose(root, "Article", "Article 4")
    expect(root).to_contain_text("consult together", timeout=TIMEOUT)
    choose(root, "Treaty", "Rio Treaty")
    expect(root.get_by_label("Article", exact=True)).not_to_contain_text(
        "Preamble", timeout=TIMEOUT
    )


def article6_map(page: Any) -> None:
    root = page.locator(".course-article6-map").first
    verdict = status(root)
    # It opens on NATO's headquarters: none of the five attacks the lesson asks about.
    expect(verdict).to_contain_text("Yes: inside the treaty area", timeout=TIMEOUT)
    choose(root, "Place", "Ain al-Asad")
    expect(verdict).to_contain_text("No: outside the treaty area", timeout=TIMEOUT)
    chart_marker(root)
    choose(root, "Place", "Incirlik")
    expect(verdict).to_contain_text("Yes: inside the treaty area", timeout=TIMEOUT)
    expect_new_chart(root)
    # Coordinates typed by hand: Pearl Harbor, Hawaii (not in the North Atlantic area).
    root.get_by_label("Latitude").fill("21.35")
    root.get_by_label("Longitude").fill("-157.95")
    root.get_by_label("Longitude").press("Enter")
    expect(verdict).to_contain_text("No: outside the treaty area", timeout=TIMEOUT)
    # A click on the map picks the place under the pointer: Paris, found with the map's own
    # projection (a marker-free spot: the click lands on the map, not on a trace).
    plot = root.locator(".js-plotly-plot").first
    plot.scroll_into_view_if_needed()
    # The verdict's words arrive before the redrawn map: wait for the map of the typed place
    # (its legend names it), or the click is aimed with the previous map's projection.
    expect(plot.locator(".legendtext").filter(has_text="-157.95")).to_have_count(1)
    point = plot.evaluate(
        """(el, [lon, lat]) => {
          const geo = el._fullLayout.geo, size = el._fullLayout._size;
          const box = el.querySelector('.main-svg').getBoundingClientRect();
          const [x, y] = geo._subplot.projection([lon, lat]);
          return [box.left + size.l + size.w * geo.domain.x[0] + x,
                  box.top + size.t + size.h * (1 - geo.domain.y[1]) + y];
        }""",
        [2.35, 48.86],
    )
    page.mouse.click(*point)
    expect(verdict).to_contain_text("Yes: inside the treaty area", timeout=TIMEOUT)
    expect(root.get_by_label("Latitude")).to_have_value(re.compile(r"^(48\.[6-9]|49\.0)"))
    root.get_by_label("Date").fill("not a date")
    root.get_by_label("Date").press("Enter")
    expect(verdict).to_contain_text("Cannot judge this", timeout=TIMEOUT)
    expect(root.locator(".js-plotly-plot")).to_be_hidden()  # no chart for an impossible input
    root.get_by_label("Date").fill("2020-01-08")
    root.get_by_label("Date").press("Enter")
    expect(verdict).to_contain_text("Yes: inside the treaty area", timeout=TIMEOUT)  # Paris
    expect(root.locator(".js-plotly-plot .main-svg").first).to_be_visible(timeout=TIMEOUT)


def covered_count_reveal(page: Any) -> None:
    """Lesson 02's count of covered attacks answers its "predict first" poll: it is not in the
    page until the learner has saved a prediction, and then appears on request."""
    reveal = page.locator(".course-reveal").filter(has_text="the engine's count").first
    answer_text = "clearly inside the treaty area"
    expect(reveal).not_to_contain_text(answer_text)
    assert not any(
        answer_text in t for t in page.locator(".jp-OutputArea-output").all_text_contents()
    )
    reveal.get_by_role("button").click()
    expect(reveal).to_contain_text("Save your prediction", timeout=TIMEOUT)
    expect(reveal).not_to_contain_text(answer_text)
    answer(page.locator(".course-question").filter(has_text="Predict first").first)
    reveal.get_by_role("button").click()
    expect(reveal).to_contain_text(answer_text, timeout=TIMEOUT)


def comparison(page: Any) -> None:
    root = page.locator(".course-comparison").first
    first_row = root.locator("table tbody tr").first
    before = first_row.text_content()
    chart_marker(root)
    choose(root, "Sort by", "year signed")
    expect(first_row).not_to_have_text(before or "", timeout=TIMEOUT)
    expect_new_chart(root)


def timeline(page: Any) -> None:
    root = page.locator(".course-timeline").first
    counter = status(root)
    expect(counter).to_contain_text(re.compile(r"^(\d+) of \1 events shown"), timeout=TIMEOUT)
    chart_marker(root)
    search = root.get_by_label("Search")
    search.fill("Soleimani")
    search.press("Enter")
    expect(counter).to_contain_text(re.compile(r"^\d{1,2} of \d+ events shown"), timeout=TIMEOUT)
    expect_new_chart(root)
    shown = int((counter.text_content() or "").split()[0])
    # The table and the event list are built from the same filtered frame as the chart.
    expect(root.locator("table tbody tr")).to_have_count(shown)
    # ... plus the first entry of the event list, which says what to choose
    expect(root.get_by_label("Event", exact=True).locator("option")).to_have_count(shown + 1)
    choose(root, "Event", "Soleimani")
    event_map = root.locator(".js-plotly-plot").nth(1)  # the chart, then the event's map
    expect(event_map.locator(".main-svg").first).to_be_visible(timeout=TIMEOUT)
    expect(root.get_by_role("link").first).to_be_attached()
    search.fill("")
    search.press("Enter")
    everything = re.compile(r"^(\d+) of \1 events shown")
    expect(counter).to_contain_text(everything, timeout=TIMEOUT)
    # "Known by" in a few presses: type the day of the article, then step to the next news day.
    day = root.get_by_label("Go to day")
    day.fill("2020-01-06")
    day.press("Enter")
    expect(counter).to_contain_text("as known by 06 Jan 2020", timeout=TIMEOUT)
    root.get_by_role("button", name="Later news ▶").click()
    expect(counter).not_to_contain_text("as known by 06 Jan 2020", timeout=TIMEOUT)
    root.get_by_label("Iran and partners", exact=True).uncheck()
    expect(counter).not_to_contain_text(everything, timeout=TIMEOUT)
    left, total = (int(n) for n in (counter.text_content() or "").split()[:3:2])
    assert 0 < left < total, f"one side hidden should leave some events: {left} of {total}"
    root.get_by_role("button", name="NATO's history, 1949 to today").click()
    expect(counter).not_to_contain_text("as known by", timeout=TIMEOUT)


def game_explorer(page: Any) -> None:
    """The solver's answer waits for the self-check it would give away, then follows the sliders."""
    root = page.locator(".course-game-explorer").first
    expect(root).not_to_contain_text("Subgame-perfect")
    expect(root).not_to_contain_text("Outcome: Status quo")
    expect(root).not_to_contain_text("Rational path")  # not on the tree either
    question = page.locator(".course-question").filter(has_text="classic deterrence game end")
    answer(question.first, "War")
    root.get_by_role("button", name="Show what game theory predicts").click()
    summary = status(root)
    expect(summary).to_contain_text("Outcome: Status quo", timeout=TIMEOUT)
    before = summary.text_content()
    press(root, "Defender: value of war", "ArrowRight", 20)
    press(root, "Challenger: value of war", "ArrowRight", 20)
    expect(summary).not_to_have_text(before or "", timeout=TIMEOUT)


RATIONAL_PATH = "The rational path"


def crisis_game(page: Any) -> None:
    """Every decision is a step; the rational path and history are absent until the play is
    over (and saved), present after; Replay 100 crises draws a histogram of 100 endings."""
    root = page.locator(".course-crisis-game").first
    root.scroll_into_view_if_needed()
    expect(root).to_contain_text("Seed 1", timeout=TIMEOUT)
    expect(root).not_to_contain_text(RATIONAL_PATH)
    expect(root).not_to_contain_text("What really happened")
    expect(root).not_to_contain_text("Rational path")  # not on the tree either
    show = root.get_by_role("button", name="Show the rational path and what really happened")
    expect(show).to_be_disabled()
    expect(root.get_by_role("button", name="Replay 100 crises")).to_be_disabled()
    steps = (
        ("Step 1 of up to 3", "Leave it open"),  # forecast the allies
        ("Step 2 of", "Calibrated strike, warned in advance"),  # decide for Iran
        ("Step 3 of 3", "Stand down"),  # forecast the US
    )
    for step, choice in steps:
        expect(status(root).first).to_contain_text(step, timeout=TIMEOUT)
        expect(root).not_to_contain_text(RATIONAL_PATH)
        root.get_by_role("button", name=choice, exact=True).click()
    expect(root).to_contain_text("Outcome:", timeout=TIMEOUT)
    expect(root).to_contain_text("Your play is saved", timeout=TIMEOUT)
    expect(root).not_to_contain_text(RATIONAL_PATH)
    expect(show).to_be_enabled(timeout=TIMEOUT)
    show.click()
    expect(root).to_contain_text(RATIONAL_PATH, timeout=TIMEOUT)
    expect(root).to_contain_text("What really happened", timeout=TIMEOUT)
    expect(root).to_contain_text("followed the rational path all the way", timeout=TIMEOUT)
    choose(root, "Misperception", "Much")
    expect(root).to_contain_text("Step 1 of up to 3", timeout=TIMEOUT)
    root.get_by_role("button", name="Replay 100 crises").click()
    page.wait_for_function(
        """root => [...root.querySelectorAll('.js-plotly-plot')].some(p =>
          p.offsetParent !== null && p.querySelector('.main-svg') && (p.data || []).length
          && p.data[0].type === 'bar' && p.data[0].y.reduce((a, b) => a + b, 0) === 100)""",
        arg=root.element_handle(),
        timeout=TIMEOUT,
    )
    expect(root).to_contain_text("Crises (of 100)", timeout=TIMEOUT)
    expect(root).to_contain_text("100 crises with seed 1", timeout=TIMEOUT)
    root.get_by_role("button", name="New seed").click()
    expect(root).to_contain_text("100 crises with seed 2", timeout=TIMEOUT)


# Lesson 05: what each explorer's verdict says, so a check can find it absent, then present.
VERDICTS = re.compile(r"q\* = \d|Least total risk|least-loss|brinkmanship window|window is")


def predict_then_explore(page: Any) -> None:
    """Lesson 05: each explorer (and so its verdict) is off the page until the learner saves a
    prediction; then it opens at once, with its chart and its verdict."""
    sections = page.locator(".course-predict-first")
    for i in range(sections.count()):
        root = sections.nth(i)
        root.scroll_into_view_if_needed()
        expect(root.locator(".course-explorer")).to_have_count(0)
        expect(root.locator(".js-plotly-plot")).to_have_count(0)
        expect(root).not_to_contain_text(VERDICTS)
        expect(root).to_contain_text("Save your prediction above first")
        answer(root.locator(".course-question"))
        explorer = root.locator(".course-explorer")
        expect(explorer).to_have_count(1, timeout=TIMEOUT)
        expect(status(explorer)).to_contain_text(VERDICTS, timeout=TIMEOUT)
        expect(explorer.locator(".js-plotly-plot .main-svg").first).to_be_visible(timeout=TIMEOUT)


def formula_after_a_move(page: Any) -> None:
    """Lesson 05: an explorer's formula opens only after the learner has moved a slider, and
    then shows the rule with the learner's own numbers."""
    boxes = page.locator(".course-explorer")
    assert boxes.count() == 4, f"{boxes.count()} explorers open, expected 4"
    for i in range(boxes.count()):
        root = boxes.nth(i)
        root.scroll_into_view_if_needed()
        show = root.get_by_role("button", name="Show the formula")
        expect(show).to_be_disabled()
        expect(root).not_to_contain_text("The model's rule")
        expect(root.locator(".course-formula")).to_have_count(0)
        handle = root.locator(".noUi-handle").first
        handle.focus()
        handle.press("ArrowLeft")
        expect(show).to_be_enabled(timeout=TIMEOUT)
        show.click()
        formula = root.locator(".course-formula")
        expect(formula).to_contain_text("The model's rule", timeout=TIMEOUT)
        expect(formula).to_contain_text("With your sliders")


def explorers(page: Any) -> None:
    """Each model explorer: one keyboard step on its first slider redraws chart and summary."""
    boxes = page.locator(".course-explorer")
    for i in range(boxes.count()):
        root = boxes.nth(i)
        root.scroll_into_view_if_needed()
        summary = status(root)
        before = summary.text_content()
        chart_marker(root)
        handle = root.locator(".noUi-handle").first
        handle.focus()
        handle.press("ArrowRight")
        expect(summary).not_to_have_text(before or "", timeout=TIMEOUT)
        expect_new_chart(root)


def reliability_dropdown(page: Any) -> None:
    """The q picker offers published chances that an ally fights, in words (study, period, what
    it measures), and names the source of the one chosen."""
    root = page.locator(".course-explorer").first
    summary = status(root)
    before = summary.text_content()
    choose(root, "Set q from", "defence pacts")
    expect(summary).to_contain_text("q = 0.41", timeout=TIMEOUT)
    expect(summary).not_to_have_text(before or "", timeout=TIMEOUT)
    expect(root).to_contain_text("Source: DOAJ", timeout=TIMEOUT)
    options = root.get_by_label("Set q from", exact=True).locator("option")
    texts = " ".join(options.all_text_contents()).replace("\xa0", " ")
    assert "Berkemeier & Fuhrmann (2018)" in texts and "neutrality" not in texts, texts


def course_reading(page: Any) -> None:
    """Lesson 05's reading of 6 January 2020 waits for the learner's own judgement."""
    root = page.locator(".course-reveal").filter(has_text="the course's reading").first
    expect(root).not_to_contain_text("lenses, not verdicts")
    expect(root.get_by_role("button")).to_be_disabled()
    answer(page.locator(".course-question").filter(has_text="Your judgement"))
    root.get_by_role("button").click()
    expect(root).to_contain_text("lenses, not verdicts", timeout=TIMEOUT)


def role_cards(page: Any) -> None:
    root = page.locator(".course-role-cards").first
    choose(root, "Ally", "France")
    expect(root).to_contain_text("France", timeout=TIMEOUT)
    choose(root, "Ally", "Türkiye")
    expect(root).to_contain_text("Türkiye", timeout=TIMEOUT)


def council_room(page: Any) -> None:
    root = page.locator(".course-council-room").first
    summary = status(root).first
    before = summary.text_content()
    seat = root.locator(".widget-dropdown select").nth(1)  # the first delegation after the draft
    seat.select_option(index=seat.locator("option").count() - 1)
    expect(summary).not_to_have_text(before or "", timeout=TIMEOUT)
    # the board: one tile per seat, the changed seat's word on its tile
    expect(root.locator(".course-council-board > div")).to_have_count(
        root.locator(".widget-dropdown select").count() - 3  # not the draft, breaker, inject
    )
    root.get_by_role("button", name="Put under silence procedure").click()
    expect(root).to_contain_text("unless a delegation breaks silence", timeout=TIMEOUT)
    expect(root).to_contain_text(re.compile(r"adopted in 1:5\d"), timeout=TIMEOUT)  # it ticks


# Words only the Council debrief shows: its heading, and what the Secretary General really said.
DEBRIEF_WORDS = ("What happened on 6 January 2020", "would not speculate")


def council_debrief_waits(page: Any) -> None:
    """The debrief is not on the page until the instructor presses twice; then it is."""
    body = page.locator("body")
    for words in DEBRIEF_WORDS:
        expect(body).not_to_contain_text(words)
    root = page.locator(".course-reveal").filter(has_text="the debrief").first  # every state
    root.get_by_role("button", name="Instructor: show the debrief").click()
    again = root.get_by_role("button", name="Press again to show the debrief to the room")
    expect(again).to_be_visible(timeout=TIMEOUT)
    for words in DEBRIEF_WORDS:
        expect(body).not_to_contain_text(words)
    again.click()
    for words in DEBRIEF_WORDS:
        expect(root).to_contain_text(words, timeout=TIMEOUT)


def timer(page: Any) -> None:
    root = page.locator(".course-timer").first
    expect(root).to_contain_text("10:00 left")
    root.get_by_role("button", name="Start").click()
    expect(root).to_contain_text(re.compile(r"09:5\d left"), timeout=TIMEOUT)
    root.get_by_role("button", name="Pause").click()
    root.get_by_role("button", name="Reset").click()
    expect(root).to_contain_text("10:00 left", timeout=TIMEOUT)


def outputs_text(page: Any) -> str:
    return "\n".join(page.locator(".jp-OutputArea-output").all_text_contents())


def review_prediction(page: Any) -> None:
    """Lesson 07: a prediction not made yet is offered on its card; the course's answer is not
    on the page until the learner has saved one, and then opens beside it."""
    card = page.locator(".course-prediction").filter(has_text="Lesson 00").first
    card.scroll_into_view_if_needed()
    found = "Not necessarily, and not in Iraq"
    assert found not in outputs_text(page)
    show = card.get_by_role("button", name="Show the course's answer")
    expect(show).to_be_disabled()
    expect(card).to_contain_text("Make your prediction above first")
    answer(card.locator(".course-question"), "I am not sure yet.")
    show.click()
    reveal = card.locator(".course-reveal")
    expect(reveal).to_contain_text(found, timeout=TIMEOUT)
    expect(reveal).to_contain_text("Your prediction")
    expect(reveal).to_contain_text("I am not sure yet.")


def live_score(page: Any) -> None:
    """Lesson 07: the score under the quiz follows each answer, in words, without a re-run."""
    score = page.locator(".course-score").first
    expect(score).to_have_text(re.compile(r"0 of (\d+) right, \1 not answered yet"))
    first = page.locator(".course-quiz .course-question").first
    first.scroll_into_view_if_needed()
    expect(answer(first, "29")).to_contain_text("✔", timeout=TIMEOUT)
    expect(score).to_have_text(re.compile(r"1 of \d+ right, \d+ not answered yet"), timeout=TIMEOUT)


def statement_line(page: Any) -> None:
    """Lesson 07: the learner's line is saved first; only then do his words appear, sourced."""
    root = page.locator(".course-statement-line").first
    root.scroll_into_view_if_needed()
    said = "not help to de-escalate"  # also a quiz choice: look for the reveal's own words
    shown = ("A firm answer, he said", "NATO Chief Is Mum")
    assert not any(text in outputs_text(page) for text in shown)
    show = root.get_by_role("button", name="Show what Stoltenberg said")
    expect(show).to_be_disabled()
    root.get_by_role("textbox").fill("Article 5 is for all the allies to decide, together.")
    root.get_by_role("button", name="Save my line").click()
    expect(status(root).first).to_contain_text("Saved", timeout=TIMEOUT)
    expect(root).to_contain_text("Your prediction in lesson 00")
    assert not any(text in outputs_text(page) for text in shown)
    show.click()
    expect(root).to_contain_text(f"\u201c{said}\u201d", timeout=TIMEOUT)
    expect(root).to_contain_text("NATO Chief Is Mum on Reaction to Any Iranian Attack")
    expect(root).to_contain_text("Article 5 is for all the allies to decide, together.")


def transfer_claims(page: Any) -> None:
    """Lesson 08: the second case's report is rated like lesson 01's; its check waits too."""
    root = page.locator(".course-claim-rater").first
    root.scroll_into_view_if_needed()
    expect(root.locator("blockquote")).to_contain_text(
        "Russian missiles crossed into Nato member Poland", timeout=TIMEOUT
    )
    expect(root).not_to_contain_text("The course's check")
    tag_and_rate(root, 0, "quotation", "misleading")
    expect(status(root)).to_contain_text("✔ Kind: you tagged it quotation")
    expect(root).to_contain_text("You have tagged and rated 1 of 8 claims")


def council_line(page: Any) -> None:
    """Lesson 08: the learner's line for the Council is saved first; only then does what the
    Council and its Secretary General said appear, with its sources."""
    root = page.locator(".course-council-line").first
    root.scroll_into_view_if_needed()
    said = "as it continues its illegal war against Ukraine"  # the debrief quotes him
    assert said not in outputs_text(page)
    show = root.get_by_role("button", name="Show what the Council said")
    expect(show).to_be_disabled()
    root.get_by_role("textbox").fill("Allies stand with Poland and await the investigation.")
    root.get_by_role("button", name="Save my line").click()
    expect(status(root).first).to_contain_text("Saved", timeout=TIMEOUT)
    assert said not in outputs_text(page)
    show.click()
    expect(root).to_contain_text("What happened on 16 November 2022", timeout=TIMEOUT)
    expect(root).to_contain_text(said)
    expect(root).to_contain_text("Allies stand with Poland and await the investigation.")


@dataclass(frozen=True)
class Lesson:
    """What a rendered lesson must show, and the interactions that exercise its widgets."""

    plots: int
    hooks: dict[str, int]
    checks: tuple[Callable[[Any], None], ...] = field(default=())


LESSONS: dict[str, Lesson] = {
    "00_start_here.ipynb": Lesson(
        plots=1,
        hooks={"course-members-slider": 1, "course-question": 3},
        checks=(members_slider, allies_self_check, every_question),
    ),
    "01_the_case.ipynb": Lesson(
        plots=0,
        hooks={"course-question": 2, "course-claim-rater": 1, "course-reveal": 2},
        checks=(claim_rater, case_debrief, every_question),
    ),
    "02_treaty.ipynb": Lesson(
        plots=2,
        hooks={
            "course-question": 5,
            "course-clause-explorer": 1,
            "course-article6-map": 1,
            "course-comparison": 1,
        },
        checks=(clause_explorer, article6_map, covered_count_reveal, comparison, every_question),
    ),
    "03_timeline.ipynb": Lesson(
        plots=2,
        hooks={"course-timeline": 2, "course-question": 2, "course-numeric-question": 2},
        checks=(
            timeline,
            casualty_reports_reveal,
            lambda page: numeric_questions(
                page, {"Soleimani strike and": ("5", "✔"), "injured US troops": ("0", "✘")}
            ),
            every_question,
        ),
    ),
    "04_escalation.ipynb": Lesson(
        plots=3,  # the ladder and two game trees; the replay's histogram appears when asked
        hooks={"course-question": 4, "course-game-explorer": 1, "course-crisis-game": 1},
        checks=(game_explorer, crisis_game, every_question),
    ),
    "05_ambiguity.ipynb": Lesson(
        plots=0,  # each explorer's chart appears only after its prediction is saved
        hooks={"course-question": 7, "course-predict-first": 4, "course-reveal": 5},
        checks=(
            predict_then_explore,
            formula_after_a_move,
            explorers,
            reliability_dropdown,
            course_reading,
            every_question,
        ),
    ),
    "06_council.ipynb": Lesson(
        plots=0,
        hooks={
            "course-question": 1,
            "course-role-cards": 1,
            "course-council-room": 1,
            "course-timer": 1,
            "course-reveal": 1,
        },
        checks=(council_debrief_waits, every_question, role_cards, council_room, timer),
    ),
    "07_review.ipynb": Lesson(
        plots=0,
        hooks={
            "course-prediction": 7,  # at least one per lesson 00-06; found at run time
            "course-quiz": 1,
            "course-score": 1,
            "course-statement-line": 1,
        },
        checks=(review_prediction, live_score, statement_line),
    ),
    "08_transfer.ipynb": Lesson(
        plots=3,  # the Article 6 map, the timeline and the game tree
        hooks={
            "course-question": 4,
            "course-claim-rater": 1,
            "course-article6-map": 1,
            "course-timeline": 1,
            "course-crisis-game": 1,
            "course-council-line": 1,
        },
        checks=(transfer_claims, council_line, every_question),
    ),
}


def exercise(page: Any, name: str, where: str) -> None:
    """A lesson whose cells have run (in JupyterLab, Voila or on the hub), checked as a learner
    meets it: everything rendered, nothing inaccessible in the course's own content, every
    widget answering its interaction, and still healthy afterwards."""
    lesson = LESSONS[name]
    wait_rendered(page, lesson.hooks, lesson.plots)
    assert health(page, lesson.hooks, lesson.plots) == []
    leaks = page_leaks(page)
    assert not leaks, f"curators' words or raw ids on the page: {leaks}"
    unreadable = legibility(page)
    assert not unreadable, f"hard to read in {where}: {unreadable}"
    check_accessibility(page, where, name)
    for check in lesson.checks:
        check(page)
    assert health(page, lesson.hooks, lesson.plots) == [], "after the interactions"
    leaks = page_leaks(page)
    assert not leaks, f"curators' words or raw ids on the page after the interactions: {leaks}"
    unreadable = legibility(page)
    assert not unreadable, f"hard to read in {where} after the interactions: {unreadable}"
