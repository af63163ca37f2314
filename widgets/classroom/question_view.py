"""One widget for every poll and self-check: radio buttons, a button, immediate feedback."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from widgets.classroom.progress import ProgressError, ProgressStore
from widgets.classroom.questions import NumericQuestion, Question
from widgets.markup import escape


def not_saved(err: OSError, what: str = "answer") -> str:
    """A failed save in plain words; the widget keeps the learner's pick, so nothing is lost."""
    why = str(err) if isinstance(err, ProgressError) else (err.strerror or str(err))
    return (
        f"Your {what} was NOT saved: {why.rstrip('.')}. It stays on screen while this page is "
        "open; ask your instructor to fix the progress folder."
    )


class QuestionWidget:
    """Keyboard usable (Tab to the choices, arrow keys, Enter on the button); answers are saved."""

    def __init__(self, question: Question, store: ProgressStore | None = None) -> None:
        import ipywidgets as w

        self.question = question
        self.store = store or ProgressStore()
        poll = question.correct is None
        self.choices = w.RadioButtons(
            options=[(c.label, i) for i, c in enumerate(question.choices)],
            value=None,
            layout=w.Layout(width="max-content"),
        )
        self.button = w.Button(
            description="Save my prediction" if poll else "Check my answer",
            button_style="primary",
            tooltip="Saves your answer on this computer",
        )
        self.feedback = w.HTML()
        self._listeners: list[Callable[[], None]] = []
        self.button.on_click(self._on_click)
        saved = self.store.answer(question.lesson, question.qid)
        self.answered = saved is not None and saved in range(len(question.choices))
        if self.store.notice:
            self.feedback.value = f"<p>{escape(self.store.notice)}</p>"
        elif saved is not None and saved in range(len(question.choices)):
            self.choices.value = saved
            self.feedback.value = "<p><i>Your earlier answer is selected.</i></p>"
        self.box = w.VBox(
            [w.HTML(f"<b>{escape(question.prompt)}</b>"), self.choices, self.button, self.feedback]
        )
        self.box.add_class("course-question")  # a stable hook for CSS and browser tests

    def _on_click(self, _: object = None) -> None:
        picked = self.choices.value
        right, message = self.question.feedback(picked)
        if picked is not None and 0 <= picked < len(self.question.choices):
            try:
                self.store.save(self.question.lesson, self.question.qid, picked)
            except OSError as err:
                rest = message.removeprefix("Saved.").strip() if right is None else message
                message = f"{rest} {not_saved(err)}".strip()
            else:
                if right is None and not message:
                    message = "Saved. We come back to it in the review lesson."
        mark = {True: "&#10004; ", False: "&#10008; ", None: ""}[right]
        self.feedback.value = f"<p role='status'>{mark}{escape(message)}</p>"
        if picked is not None:
            self._committed()

    def on_saved(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` once the learner has committed an answer (saved, or kept on screen
        when saving failed): what a :class:`~widgets.classroom.reveal.Reveal` waits for."""
        self._listeners.append(callback)

    def _committed(self) -> None:
        self.answered = True
        for callback in self._listeners:
            callback()

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        bundle = self.box._repr_mimebundle_(**kwargs)
        if isinstance(bundle, dict):
            bundle["text/plain"] = self.question.as_text()
        return bundle


class NumericQuestionWidget:
    """A number box and a button; feedback says whether the answer is right, too high or too low."""

    def __init__(self, question: NumericQuestion, store: ProgressStore | None = None) -> None:
        import ipywidgets as w

        self.question = question
        self.store = store or ProgressStore()
        self.number = w.FloatText(value=None, description="Your answer", step=0.01)
        self.button = w.Button(description="Check my answer", button_style="primary")
        self.feedback = w.HTML()
        self._listeners: list[Callable[[], None]] = []
        self.answered = self.store.answer(question.lesson, question.qid) is not None
        self.button.on_click(self._on_click)
        self.box = w.VBox(
            [w.HTML(f"<b>{escape(question.prompt)}</b>"), self.number, self.button, self.feedback]
        )
        self.box.add_class("course-numeric-question")  # a stable hook for CSS and browser tests

    def _on_click(self, _: object = None) -> None:
        right, message = self.question.feedback(self.number.value)
        if right is not None:
            try:
                self.store.save(self.question.lesson, self.question.qid, bool(right))
            except OSError as err:
                message = f"{message} {not_saved(err, 'result')}"
        mark = {True: "&#10004; ", False: "&#10008; ", None: ""}[right]
        self.feedback.value = f"<p role='status'>{mark}{escape(message)}</p>"
        if right is not None:
            self.answered = True
            for callback in self._listeners:
                callback()

    def on_saved(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` once the learner has given an answer the question can judge."""
        self._listeners.append(callback)

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        bundle = self.box._repr_mimebundle_(**kwargs)
        if isinstance(bundle, dict):
            bundle["text/plain"] = self.question.prompt
        return bundle


class QuizWidget:
    """Several questions one under the other, each with its own button and feedback."""

    def __init__(self, questions: list[Question], store: ProgressStore | None = None) -> None:
        import ipywidgets as w

        self.items = [QuestionWidget(q, store) for q in questions]
        self.box = w.VBox([item.box for item in self.items])
        self.box.add_class("course-quiz")  # a stable hook for CSS and browser tests

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        bundle = self.box._repr_mimebundle_(**kwargs)
        if isinstance(bundle, dict):
            bundle["text/plain"] = "\n\n".join(item.question.as_text() for item in self.items)
        return bundle
