"""The Council's line for any case: the learner writes what the allies should say together, saves
it, and only then sees, side by side, what the Council and its Secretary General really said.

Lesson 08 uses it on a case the learner meets cold; it is the transfer of lesson 06's debrief and
lesson 07's "line the Secretary General could have said" to another crisis.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from widgets.cases import DEFAULT_CASE, case
from widgets.classroom.council import real_lines
from widgets.classroom.council_view import events_html
from widgets.classroom.progress import ProgressStore
from widgets.classroom.question_view import not_saved
from widgets.classroom.reveal import Reveal
from widgets.lessons.review import check_line
from widgets.markup import escape

LINE_QID = "council-line"


def side_by_side(left_title: str, left_html: str, right_title: str, right_html: str) -> str:
    """Two columns (they stack on a narrow screen): the learner's words and the course's."""
    cell = "flex:1 1 18em; padding:0.4em 0.8em; border-left:4px solid {};"
    return (
        "<div style='display:flex; flex-wrap:wrap; gap:0.8em'>"
        f"<div style='{cell.format('#999')}'><b>{escape(left_title)}</b><br>{left_html}</div>"
        f"<div style='{cell.format('#0072B2')}'><b>{escape(right_title)}</b><br>{right_html}</div>"
        "</div>"
    )


class SavedLine:
    """A line the learner writes and saves before anything is compared with it: a text box, a save
    button, and a :class:`Reveal` that opens only once a line is saved. Lesson 07's line for
    the Secretary General and lesson 08's line for the Council are built on it."""

    def __init__(
        self,
        build: Callable[[], str],
        *,
        lesson: str,
        qid: str,
        store: ProgressStore,
        placeholder: str,
        what: str,
        wait_for: str,
        saved: str,
        on_saved: Callable[[], None] | None = None,
    ) -> None:
        import ipywidgets as w

        self.lesson, self.qid, self.store = lesson, qid, store
        self._saved_message, self._on_saved = saved, on_saved
        kept = store.answer(lesson, qid)
        self.text = w.Textarea(
            value=kept if isinstance(kept, str) else "",
            placeholder=placeholder,
            rows=4,
            description="Your line",
            layout=w.Layout(width="100%", max_width="52em"),
        )
        self.button = w.Button(description="Save my line", button_style="primary")
        self.status = w.HTML()
        self.button.on_click(self._save)
        self.reveal = Reveal(
            build,
            what=what,
            wait_for=wait_for,
            unlocked=isinstance(kept, str) and bool(kept.strip()),
        )

    def words_html(self) -> str:
        """The learner's line as HTML, escaped, for the side-by-side comparison."""
        return escape(self.text.value.strip() or "(no line)").replace("\n", "<br>")

    def widgets(self) -> list[Any]:
        return [self.text, self.button, self.status, self.reveal.box]

    def _save(self, _: object = None) -> None:
        try:
            line = check_line(self.text.value)
        except ValueError as err:
            self.status.value = f"<p role='status'>{escape(err)}</p>"
            return
        try:
            self.store.save(self.lesson, self.qid, line)
        except OSError as err:
            message = not_saved(err, "line")
        else:
            message = self._saved_message
        self.status.value = f"<p role='status'>{escape(message)}</p>"
        if self._on_saved is not None:
            self._on_saved()
        self.reveal.unlock()


class CouncilLine:
    """Write the Council's line for a case, save it (first), then compare it with what was said."""

    def __init__(
        self, lesson: str, case_id: str = DEFAULT_CASE, store: ProgressStore | None = None
    ) -> None:
        import ipywidgets as w

        self.case = case(case_id)
        self.line = SavedLine(
            self._build,
            lesson=lesson,
            qid=LINE_QID,
            store=store or ProgressStore(),
            placeholder="The allies say together that…",
            what="what the Council said",
            wait_for="Write and save your line first; then you can compare it.",
            saved="Saved. Now you can compare it with what the Council said.",
        )
        self.text, self.button = self.line.text, self.line.button
        self.status, self.reveal = self.line.status, self.line.reveal
        self.box = w.VBox(self.line.widgets())
        self.box.add_class("course-council-line")

    def _build(self) -> str:
        return side_by_side(
            "Your line",
            f"<p>{self.line.words_html()}</p>",
            f"What happened on {self.case.meeting_day:%-d %B %Y}",
            events_html(real_lines(self.case.case_id)),
        )

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        bundle = self.box._repr_mimebundle_(**kwargs)
        if isinstance(bundle, dict):
            bundle["text/plain"] = "[Write the Council's line]"
        return bundle
