"""Predict, commit, reveal: an answer stays off the page until the learner has tried.

A :class:`Reveal` holds a *builder*, not the answer: the verdict, table, equilibrium or debrief is
made only when it is shown, so before that it is in neither the page, the saved notebook nor the
widget state (nothing to find by scrolling, printing or viewing the source). Three ways to open it:

- **after an attempt** (``Reveal.after(question, build)`` or ``reveal.unlock()`` from any widget
  that has saved the learner's attempt): the button stays disabled, with a plain hint, until then;
- **after an attempt saved elsewhere** (``requires=``, asked when the button is pressed: a
  prediction made higher up the lesson, read from the progress store);
- **by the instructor** (``instructor=True``): the button is live from the start but asks for a
  second press, so a stray click on a projected page does not give the room the answer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from widgets.markup import escape

Content = Any  # an ipywidgets widget, or an HTML string (already escaped by its builder)


class Reveal:
    """A locked box with a button; ``build()`` runs once, when the box is opened."""

    def __init__(
        self,
        build: Callable[[], Content],
        *,
        what: str = "the answer",
        wait_for: str = "Answer the question above first; then you can check it here.",
        instructor: bool = False,
        unlocked: bool = False,
        requires: Callable[[], bool] | None = None,
    ) -> None:
        import ipywidgets as w

        self._build = build
        self._requires = requires
        self._wait_for = wait_for
        self.what = what
        self.instructor = instructor
        self.revealed = False
        self._armed = False  # instructor mode: the first press asks, the second reveals
        self.button = w.Button(
            description=("Instructor: show " if instructor else "Show ") + what,
            button_style="info" if instructor else "primary",
            disabled=not (unlocked or instructor or requires is not None),
            layout=w.Layout(width="max-content"),
            tooltip="Shows it to everyone looking at this page" if instructor else "",
        )
        self.hint = w.HTML()
        self.body = w.VBox()
        self.button.on_click(self._on_click)
        self.box = w.VBox([self.button, self.hint, self.body])
        self.box.add_class("course-reveal")  # a stable hook for CSS and browser tests
        self.box.add_class("course-reveal-locked")
        if not (unlocked or instructor or requires is not None):
            self.hint.value = f"<p><i>{escape(wait_for)}</i></p>"

    @classmethod
    def after(cls, question: Any, build: Callable[[], Content], **options: Any) -> Reveal:
        """A reveal that opens once ``question`` (a question widget with ``on_saved``) has an
        answer: at once if the learner answered it in an earlier session."""
        reveal = cls(build, unlocked=question.answered, **options)
        question.on_saved(reveal.unlock)
        return reveal

    @property
    def unlocked(self) -> bool:
        return not self.button.disabled

    def unlock(self, *_: object) -> None:
        """The learner has committed an attempt: the button comes alive."""
        if not self.revealed:
            self.button.disabled = False
            self.hint.value = ""

    def reveal(self) -> None:
        """Build and show the content (once); also for tests and the instructor."""
        if self.revealed:
            return
        content = self._build()
        if isinstance(content, str):
            import ipywidgets as w

            content = w.HTML(content)
        self.body.children = (content,)
        self.revealed = True
        self.button.disabled = True
        self.button.description = f"Shown below: {self.what}"
        self.hint.value = ""
        self.box.remove_class("course-reveal-locked")
        self.box.add_class("course-reveal-open")

    def _on_click(self, _: object = None) -> None:
        if self.button.disabled:
            return
        if self._requires is not None and not self._requires():
            # The attempt lives elsewhere (a prediction higher up the lesson, saved on disk):
            # asked at the press, so an answer given after this cell ran still counts.
            self.hint.value = f"<p role='status'><i>{escape(self._wait_for)}</i></p>"
            return
        if self.instructor and not self._armed:
            self._armed = True
            self.button.description = f"Press again to show {self.what} to the room"
            self.button.button_style = "warning"
            return
        self.reveal()

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        bundle = self.box._repr_mimebundle_(**kwargs)
        if isinstance(bundle, dict):
            bundle["text/plain"] = f"[{self.what}: shown after you try]"
        return bundle


def after_prediction(question: Any, build: Callable[[], Content], what: str) -> Reveal:
    """A reveal for a result that answers a "predict first" poll asked higher up the lesson: it
    opens once the learner's prediction is saved (asked at the press, so it counts even when
    made after this cell ran)."""
    from widgets.classroom.progress import ProgressStore

    store = ProgressStore()
    return Reveal(
        build,
        what=what,
        requires=lambda: store.answer(question.lesson, question.qid) is not None,
        wait_for="Save your prediction at the top of this lesson first; then press again.",
    )
