"""No value from the data or from a learner reaches the page as markup (issue 16, HTML injection).

Every view is rendered in Python against a hostile copy of ``data/`` (tests/browser/hostile.py:
every free-text cell carries ``<img onerror>``, ``<script>``, attribute and code-span breakers and
a ``javascript:`` link; every address is a ``javascript:`` URL) and driven through its controls.
The widget tree is walked after each step: every ``HTML``/``HTMLMath`` value may hold only the
course's own tags, no event handler and no link that is not http(s); every plotly string (names,
text, customdata, titles, tick labels, annotations) only the tags plotly renders for the course;
no widget renders its description as HTML. The browser test (tests/browser/test_hostile.py) runs
the lessons on the same data in JupyterLab and checks that nothing executes.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Literal

import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "browser"))

from hostile import MARK, PAYLOAD, PLOTLY_TAGS, build, markup_problems

from widgets import data

ROOT = Path(__file__).resolve().parent.parent
WIDGETS = ROOT / "widgets"


# --- The hostile data, and putting it back ------------------------------------------------------


def _clear_caches() -> None:
    """Every cache that may hold text read from the data (so no other test sees the copy)."""
    from widgets import geo
    from widgets.treaty import article6, view

    data.clear_cache()
    geo.outline_lines.cache_clear()
    article6._world.cache_clear()
    view.treaty_area.cache_clear()


@pytest.fixture(scope="module")
def hostile_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("hostile") / "data")


@pytest.fixture
def hostile_data(
    hostile_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """The course reads the hostile copy for one test; learners' answers go to a scratch folder."""
    monkeypatch.setattr(data, "DATA_DIR", hostile_root)
    monkeypatch.setenv("ALLIANCE_COURSE_DATA", str(hostile_root))  # if the loader reads it
    monkeypatch.setenv("ALLIANCE_COURSE_CACHE", str(hostile_root.parent / "cache"))
    monkeypatch.setenv("ALLIANCE_COURSE_HOME", str(tmp_path / "progress"))
    _clear_caches()
    assert PAYLOAD in str(data.load("members")["name"].iloc[0])  # the views read the copy
    yield hostile_root
    monkeypatch.undo()
    _clear_caches()


@pytest.fixture(autouse=True)
def _quiet(capsys: pytest.CaptureFixture[str]) -> Iterator[None]:
    yield
    capsys.readouterr()


# --- Walking what a view rendered ---------------------------------------------------------------


class Findings:
    """Problems found in everything a test rendered, named by where they were seen."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.html_seen = 0
        self.payload_seen = 0  # rendered values that carried the (escaped) payload

    def check(self, where: str, thing: Any) -> None:
        import ipywidgets as w
        from plotly.basedatatypes import BaseFigure

        if thing is None:  # a chart that has not been drawn yet
            return
        if isinstance(thing, BaseFigure):
            self.figure(where, thing.to_plotly_json())
        elif isinstance(thing, dict):  # a LiveChart's figure: plotly JSON
            self.figure(where, thing)
        elif isinstance(thing, w.Widget):
            self.widget(where, thing)
        elif isinstance(thing, pd.DataFrame):
            from widgets._notebook import frame_html

            self.html(where, frame_html(thing))
        elif isinstance(thing, str):
            self.html(where, thing)
        elif hasattr(thing, "box"):  # the course's view classes keep their widgets in .box
            self.widget(where, thing.box)
        else:
            raise TypeError(f"{where}: cannot check a {type(thing).__name__}")

    def html(self, where: str, value: str) -> None:
        self.html_seen += 1
        self.payload_seen += "&lt;img src=x onerror=" in value
        self.problems += [f"{where}: {p}" for p in markup_problems(value)]

    def widget(self, where: str, widget: Any) -> None:
        import ipywidgets as w
        from plotly.basedatatypes import BaseFigure

        name = f"{where}/{type(widget).__name__}"
        if isinstance(widget, BaseFigure):
            self.figure(name, widget.to_plotly_json())
            return
        if isinstance(getattr(widget, "figure", None), dict):  # a LiveChart's widget
            self.figure(name, widget.figure)
        if getattr(widget, "description_allow_html", False):
            self.problems.append(f"{name}: description rendered as HTML")
        if isinstance(widget, w.HTML | w.HTMLMath):
            self.html(name, widget.value)
        for child in getattr(widget, "children", ()):
            self.widget(name, child)

    def figure(self, where: str, figure: Any) -> None:
        for path, text in _strings(figure, ""):
            self.payload_seen += "&lt;img src=x onerror=" in text
            self.problems += [
                f"{where} plotly {path}: {p}" for p in markup_problems(text, PLOTLY_TAGS)
            ]

    def assert_clean(self) -> None:
        # One line per kind of problem and place (the first view state it was seen in).
        kinds: dict[str, str] = {}
        for problem in self.problems:
            kinds.setdefault(re.sub(r"\([^)]*\)|\[\d+\]", "", problem), problem)
        assert self.problems == [], "\n".join(kinds.values())
        assert self.html_seen > 0


def _strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    """Every string in a plotly figure's JSON, with where it sits."""
    import numpy as np

    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key != "template":  # the course's own look: fonts and colours
                yield from _strings(item, f"{path}.{key}")
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _strings(item, f"{path}[{index}]")
    elif isinstance(value, np.ndarray) and value.dtype == object:
        yield from _strings(value.tolist(), path)


def options(control: Any) -> list[Any]:
    """The values a selection widget offers."""
    return [value for _label, value in control._options_full]


# --- Every view, driven ---------------------------------------------------------------------------


def drive_enlargement(seen: Findings) -> None:
    from widgets.timeline.enlargement_view import (
        enlargement_figure,
        enlargement_table,
        members_slider,
    )

    slider = members_slider()
    year = slider.children[0]
    for value in range(year.min, year.max + 1):
        year.value = value
        seen.check(f"members_slider({value})", slider)
    seen.check("enlargement_figure", enlargement_figure())
    seen.check("enlargement_table", enlargement_table())


def drive_ladder(seen: Findings) -> None:
    from widgets.timeline.ladder_view import ladder_figure, ladder_table

    seen.check("ladder_figure", ladder_figure())
    seen.check("ladder_table", ladder_table())


def drive_timeline(seen: Findings) -> None:
    from widgets.timeline.view import CRISIS, HISTORY, TimelineView

    for mode in (CRISIS, HISTORY):
        view = TimelineView(mode)
        for event in options(view.pick):
            view.pick.value = event
            seen.check(f"TimelineView({mode}, {event})", view)
            seen.check("TimelineView map", view.map.figure)
        seen.check("TimelineView chart", view.chart.figure)
        view.search.value = f'<img src=x onerror="{MARK}">'  # what a learner types
        seen.check("TimelineView search", view)
        view.search.value = ""
        view.range.index = (len(view.range.options) - 1, 0)  # an impossible range: a message
        seen.check("TimelineView message", view)


def drive_treaty(seen: Findings) -> None:
    from widgets.treaty.clauses import SORTS
    from widgets.treaty.view import Article6Map, ClauseExplorer, ComparisonExplorer

    clauses = ClauseExplorer()
    for treaty in options(clauses.treaty):
        clauses.treaty.value = treaty
        for article in options(clauses.article):
            clauses.article.value = article
            for phrase in options(clauses.phrase):
                clauses.phrase.value = phrase
                seen.check(f"ClauseExplorer({treaty}, {article}, {phrase})", clauses)
    comparison = ComparisonExplorer()
    for sort in SORTS:
        comparison.sort.value = sort
        seen.check(f"ComparisonExplorer({sort})", comparison)
        seen.check("ComparisonExplorer chart", comparison.chart.figure)
    place_map = Article6Map()
    for place in options(place_map.place)[1:]:
        place_map.place.value = place
        seen.check(f"Article6Map({place})", place_map)
    seen.check("Article6Map chart", place_map.map.figure)
    place_map.attack.value = "cyber"
    seen.check("Article6Map(cyber)", place_map)
    place_map.on.value = f'2020-01-08"><img src=x onerror="{MARK}">'  # typed by a learner
    seen.check("Article6Map(bad date)", place_map)


def drive_claims(seen: Findings) -> None:
    from widgets.classroom.claims_view import ClaimRater

    rater = ClaimRater()
    for claim in options(rater.pick):
        rater.pick.value = claim
        seen.check(f"ClaimRater({claim}, before)", rater)
        rater.check_button.click()  # not tagged or rated yet: a prompt
        rater.kind.value = options(rater.kind)[0]
        rater.rating.value = options(rater.rating)[0]
        rater.check_button.click()
        seen.check(f"ClaimRater({claim})", rater)
    rater.verdicts.reveal()  # every claim has an attempt: the table of verdicts
    seen.check("ClaimRater(verdicts)", rater.verdicts.box)


def lesson_questions() -> list[Any]:
    """Every question the lessons ask (the answer key's list), the explorers' own self-checks
    and the quiz, built from the data."""
    from widgets.classroom.answer_key import lesson_questions as keyed
    from widgets.escalation.models_view import brinkmanship_explorer, deterrence_explorer
    from widgets.lessons import ambiguity, review

    return [
        *keyed(),
        ambiguity.q_star_question(deterrence_explorer()),
        ambiguity.q_min_question(brinkmanship_explorer()),
        *review.bank_questions(),
    ]


def drive_questions(seen: Findings) -> None:
    from widgets.classroom.question_view import NumericQuestionWidget, QuestionWidget, QuizWidget
    from widgets.classroom.questions import NumericQuestion
    from widgets.lessons import review

    for question in lesson_questions():
        if isinstance(question, NumericQuestion):
            number = NumericQuestionWidget(question)
            number.button.click()  # nothing typed
            for typed in (question.expected(), question.expected() + 1):
                number.number.value = typed
                number.button.click()
                seen.check(f"NumericQuestionWidget({question.qid})", number)
            continue
        widget = QuestionWidget(question)
        widget.button.click()  # nothing picked
        for index in range(len(question.choices)):
            widget.choices.value = index
            widget.button.click()
            seen.check(f"QuestionWidget({question.qid}, {index})", widget)
        seen.check(f"QuestionWidget({question.qid}) again", QuestionWidget(question))
    seen.check("QuizWidget", QuizWidget(review.bank_questions()))


def drive_council(seen: Findings) -> None:
    from widgets.classroom.council import POSITIONS
    from widgets.classroom.council_view import CouncilRoom, debrief, role_cards, timer

    cards = role_cards()
    picker = cards.children[0]
    for ally in options(picker):
        picker.value = ally
        seen.check(f"role_cards({ally})", cards)
    modes: tuple[Literal["groups", "allies"], ...] = ("groups", "allies")
    for mode in modes:
        room = CouncilRoom(mode)
        for draft in options(room.draft):
            room.draft.value = draft
            for index, control in enumerate(room.seats.values()):
                control.value = POSITIONS[index % len(POSITIONS)]
            seen.check(f"CouncilRoom({mode}, {draft})", room)
            room.silence.click()
            room.breaker.value = options(room.breaker)[1]
            seen.check(f"CouncilRoom({mode}, {draft}) silence", room)
        for inject in options(room.inject)[1:]:
            room.inject.value = inject
        seen.check(f"CouncilRoom({mode}) injects", room)
    seen.check("timer", timer(5))
    seen.check("debrief", debrief())


def drive_escalation(seen: Findings) -> None:
    from widgets.data import games
    from widgets.escalation.crisis_view import CrisisGameView
    from widgets.escalation.game_view import GameExplorer
    from widgets.escalation.models_view import (
        ambiguity_explorer,
        brinkmanship_explorer,
        deterrence_explorer,
        dilemma_explorer,
        reliability_priors,
    )

    for name in games():
        explorer = GameExplorer(name)
        seen.check(f"GameExplorer({name})", explorer)
        explorer.rational.value = False
        seen.check(f"GameExplorer({name}, logit)", explorer)
    crisis = CrisisGameView()
    for role in options(crisis.role):
        crisis.role.value = role
        for first in range(3):  # play to the end, taking a different first choice each time
            crisis.start()
            step = 0
            while crisis.choices.children:
                buttons = crisis.choices.children
                buttons[(first if step == 0 else 0) % len(buttons)].click()
                step += 1
            seen.check(f"CrisisGameView({role}, {first})", crisis)
    crisis.reveal.reveal()  # the rational path, history with sources, the tree with both paths
    crisis.noise.value = options(crisis.noise)[-1]
    crisis.replay()  # the histogram and its table
    seen.check("CrisisGameView revealed, replayed", crisis)
    seen.check("CrisisGameView tree", crisis.chart.figure)
    seen.check("CrisisGameView histogram", crisis.histogram.figure)
    for make in (deterrence_explorer, ambiguity_explorer, brinkmanship_explorer, dilemma_explorer):
        model = make()
        seen.check(make.__name__, model)
        seen.check(f"{make.__name__} chart", model.chart.figure)
    prior = deterrence_explorer().box.children[3]
    for value in options(prior)[1:]:
        prior.value = value
    seen.check("reliability_priors", reliability_priors())


def drive_review(seen: Findings) -> None:
    from widgets.classroom.review_view import PredictionsReview, ReviewQuiz, StatementLine

    page, quiz, line = PredictionsReview(), ReviewQuiz(), StatementLine()
    seen.check("PredictionsReview", page)
    for card in page.cards:
        if card.poll is not None:
            card.poll.choices.value = 0
            card.poll.button.click()
        card.reveal.button.click()
        seen.check(f"PredictionsReview({card.question.lesson})", card)
    for item in quiz.quiz.items:
        item.choices.value = 0
        item.button.click()
        seen.check("ReviewQuiz", quiz)
    line.text.value = f'<img src=x onerror="{MARK}">'  # what a learner types
    line.button.click()
    line.reveal.button.click()
    seen.check("StatementLine", line)


def drive_line(seen: Findings) -> None:
    from widgets.classroom.line_view import CouncilLine

    for case_id in data.case_ids():
        line = CouncilLine("08", case_id)
        line.button.click()  # nothing written
        line.text.value = f'<img src=x onerror="{MARK}">'  # what a learner types
        line.button.click()
        line.reveal.button.click()
        seen.check(f"CouncilLine({case_id})", line)


def drive_tables(seen: Findings) -> None:
    """Every table as a lesson shows it (setup_lesson's DataFrame display)."""
    for name in data.tables():
        seen.check(f"table {name}", data.load(name))


DRIVERS: dict[str, Callable[[Findings], None]] = {
    "timeline/enlargement_view.py": drive_enlargement,
    "timeline/ladder_view.py": drive_ladder,
    "timeline/view.py": drive_timeline,
    "treaty/view.py": drive_treaty,
    "classroom/claims_view.py": drive_claims,
    "classroom/question_view.py": drive_questions,
    "classroom/review_view.py": drive_review,
    "classroom/council_view.py": drive_council,
    "classroom/line_view.py": drive_line,
    "escalation/crisis_view.py": drive_escalation,
    "escalation/game_view.py": drive_escalation,
    "escalation/models_view.py": drive_escalation,
    "escalation/explorer.py": drive_escalation,
    "escalation/tree_view.py": drive_escalation,
    "escalation/replay_view.py": drive_escalation,
    "_notebook.py": drive_tables,
    "look.py": drive_tables,
}
# Views with no text of their own: every chart and map reaches the page through the views above.
NO_TEXT_OF_THEIR_OWN = {"chart.py", "geo.py"}


def test_every_view_module_is_driven() -> None:
    """A new view (or lesson glue) must be added to DRIVERS: it shows text too."""
    views = {
        str(path.relative_to(WIDGETS))
        for path in WIDGETS.rglob("*.py")
        if path.name.endswith("_view.py")
        or path.name in {"view.py", "explorer.py", "chart.py", "look.py", "geo.py", "_notebook.py"}
    }
    lessons = {str(p.relative_to(WIDGETS)) for p in (WIDGETS / "lessons").glob("*.py")}
    assert views - set(DRIVERS) - NO_TEXT_OF_THEIR_OWN == set()
    # every lesson module's questions are built and rendered by drive_questions
    assert lessons - {"lessons/__init__.py"} == {
        f"lessons/{m}.py"
        for m in (
            "ambiguity",
            "case",
            "council",
            "review",
            "timeline",
            "transfer",
            "treaty",
        )
    }


DRIVEN = sorted(set(DRIVERS.values()), key=lambda d: d.__name__)


@pytest.mark.parametrize("driver", DRIVEN, ids=[d.__name__.removeprefix("drive_") for d in DRIVEN])
def test_views_escape_hostile_data(hostile_data: Path, driver: Callable[[Findings], None]) -> None:
    seen = Findings()
    driver(seen)
    seen.assert_clean()
    assert seen.payload_seen > 0, "no data text was rendered: the test does not test anything"


# --- The two injections of issue 16, pinned -------------------------------------------------------


def test_members_slider_escapes_a_member_name(hostile_data: Path) -> None:
    """Issue 16: an ``<img onerror>`` in members.csv ran in the learner's JupyterLab."""
    from widgets.timeline.enlargement_view import members_slider

    slider = members_slider(2024)
    answer = slider.children[1].value
    assert "<img" not in answer and "onerror=&quot;" in answer
    assert markup_problems(answer) == []
    assert "Most recent to join: " in answer


def test_source_links_are_http_only(hostile_data: Path) -> None:
    from widgets.sources import sources_html

    cited = str(data.load("sources")["source_id"].iloc[0])
    html = sources_html([cited])
    assert "href" not in html.replace("&lt;a href=", "") and "<a " not in html  # title, unlinked
    assert markup_problems(html) == []


def test_data_error_message_cannot_break_out_of_its_code_span(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Issue 16: the plain message for a broken data file showed the bad cell inside a Markdown
    code span; a cell holding backticks closed the span, and the markup after it rendered."""
    import IPython.display
    from IPython.core.interactiveshell import InteractiveShell

    from widgets import _notebook

    bad = f'`]) <img src=x onerror="{MARK}"> ``'
    error = data.DataError(
        [
            data.Problem("data/members.csv", 3, "joined", "type", f"{bad} is not a date"),
            data.Problem("data/members.csv", 4, "joined", "type", f"{bad} again"),
        ]
    )
    shown: list[Any] = []
    monkeypatch.setattr(IPython.display, "display", lambda *objs, **kw: shown.extend(objs))
    shell = InteractiveShell.instance()
    try:
        _notebook._show_plainly(shell, data.DataError, error, None)
    finally:
        InteractiveShell.clear_instance()
    assert shown, "nothing was displayed"
    for item in shown:
        if isinstance(item, dict):  # display(bundle, raw=True)
            bundle: Any = item
        else:
            bundle = item._repr_mimebundle_() if hasattr(item, "_repr_mimebundle_") else None
        if isinstance(bundle, tuple):
            bundle = bundle[0]
        rendered = _as_rendered_html(item, bundle)
        assert markup_problems(rendered) == [], rendered
        assert "is not a date" in rendered


def _as_rendered_html(item: Any, bundle: dict[str, Any] | None) -> str:
    """What JupyterLab would put in the page for a displayed object: its HTML, or its Markdown
    rendered the way JupyterLab's marked renderer does (raw HTML passes through)."""
    if bundle and "text/html" in bundle:
        return str(bundle["text/html"])
    if hasattr(item, "_repr_html_") and item._repr_html_() is not None:
        return str(item._repr_html_())
    markdown = item._repr_markdown_() if hasattr(item, "_repr_markdown_") else None
    if markdown is None and bundle and "text/markdown" in bundle:
        markdown = bundle["text/markdown"]
    assert markdown is not None, f"cannot see what {item!r} shows"
    import markdown_it

    return str(markdown_it.MarkdownIt("commonmark").render(str(markdown)))
