"""The Council's line for any case: the learner writes what the allies should say together, saves
it, and only then sees, side by side, what the Council and its Secretary General really said.

Lesson 08 uses it on a case the learner meets cold; it is the transfer of lesson 06's debrief and
lesson 07's "line Stoltenberg could have said" to another crisis.
"""

from __future__ import annotations

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


class CouncilLine:
    """Write the line, save it (first), then compare it with what was said."""

    def __init__(
        self, lesson: str, case_id: str = DEFAULT_CASE, store: ProgressStore | None = None
    ) -> None:
        import ipywidgets as w

        self.case = case(case_id)
        self.lesson, self.store = lesson, store or ProgressStore()
        saved = self.store.answer(lesson, LINE_QID)
        self.text = w.Textarea(
            value=saved if isinstance(saved, str) else "",
            placeholder="The allies say together that…",
            rows=4,
            description="Your line",
            layout=w.Layout(width="100%", max_width="52em"),
        )
        self.button = w.Button(description="Save my line", button_style="primary")
        self.status = w.HTML()
        self.button.on_click(self._on_save)
        self.reveal = Reveal(
            self._build,
            what="what the Council said",
            wait_for="Write and save your line first; then you can compare it.",
            unlocked=isinstance(saved, str) and bool(saved.strip()),
        )
        self.box = w.VBox([self.text, self.button, self.status, self.reveal.box])
        self.box.add_class("course-council-line")

    def _on_save(self, _: object = None) -> None:
        try:
            line = check_line(self.text.value)
        except ValueError as err:
            self.status.value = f"<p role='status'>{escape(err)}</p>"
            return
        try:
            self.store.save(self.lesson, LINE_QID, line)
        except OSError as err:
            message = not_saved(err, "line")
        else:
            message = "Saved. Now you can compare it with what the Council said."
        self.status.value = f"<p role='status'>{escape(message)}</p>"
        self.reveal.unlock()

    def _build(self) -> str:
        mine = escape(self.text.value.strip() or "(no line)").replace("\n", "<br>")
        cell = "flex:1 1 18em; padding:0.4em 0.8em; border-left:4px solid {};"
        return (
            "<div style='display:flex; flex-wrap:wrap; gap:0.8em'>"
            f"<div style='{cell.format('#999')}'><b>Your line</b><p>{mine}</p></div>"
            f"<div style='{cell.format('#0072B2')}'><b>What happened on "
            f"{self.case.meeting_day:%-d %B %Y}</b>"
            + events_html(real_lines(self.case.case_id))
            + "</div></div>"
        )

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        bundle = self.box._repr_mimebundle_(**kwargs)
        if isinstance(bundle, dict):
            bundle["text/plain"] = "[Write the Council's line]"
        return bundle
