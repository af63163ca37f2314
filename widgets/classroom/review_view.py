"""Lesson 07's widgets: each prediction with the course's answer behind a :class:`Reveal`, the quiz
with a score that updates as the learner answers, and the line the case's speaker could have said.

Nothing that answers a question is built before the learner has committed an attempt: every
answer is made by a builder that a :class:`~widgets.classroom.reveal.Reveal` calls when opened.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from widgets.cases import case
from widgets.classroom.line_view import SavedLine, side_by_side
from widgets.classroom.progress import ProgressStore
from widgets.classroom.question_bank import ask_choice, question_ids
from widgets.classroom.question_view import QuestionWidget, QuizWidget
from widgets.classroom.questions import Choice, Question
from widgets.classroom.reveal import Reveal
from widgets.lessons import review
from widgets.markup import escape
from widgets.sources import sources_html

SAVED_PREDICTION = "Saved. Now you can open the course's answer below."


def _sources_line(source_ids: tuple[str, ...]) -> str:
    if not source_ids:
        return ""
    return f"<p><small>Sources: {sources_html(source_ids, inline=True)}</small></p>"


class PredictionCard:
    """One prediction: the learner's saved pick, or the poll itself if they have not made it yet;
    then the course's answer, shown only after a pick is committed."""

    def __init__(self, question: Question, store: ProgressStore) -> None:
        import ipywidgets as w

        self.question = question
        self.store = store
        self.poll: QuestionWidget | None = None
        header = w.HTML(f"<h3>Lesson {escape(question.lesson)}</h3>")
        picked = store.answer(question.lesson, question.qid)
        if review.choice_label(question, picked) is not None:
            mine = w.HTML(
                f"<p><b>{escape(review.prompt_text(question))}</b></p>"
                f"<p>Your prediction: {escape(review.choice_label(question, picked))}</p>"
            )
            self.reveal = Reveal(self._build, what="the course's answer", unlocked=True)
            parts: list[Any] = [header, mine, self.reveal.box]
        else:
            asked = replace(
                question,
                prompt=review.prompt_text(question),
                choices=tuple(Choice(c.label) for c in question.choices),
                explanation=SAVED_PREDICTION,
            )
            self.poll = QuestionWidget(asked, store)
            self.reveal = Reveal.after(
                self.poll,
                self._build,
                what="the course's answer",
                wait_for="Make your prediction above first; then you can compare it here.",
            )
            parts = [
                header,
                w.HTML("<p><i>You have not made this prediction yet: make it now.</i></p>"),
                self.poll.box,
                self.reveal.box,
            ]
        self.box = w.VBox(parts)
        self.box.add_class("course-prediction")

    def _picked(self) -> Any:
        saved = self.store.answer(self.question.lesson, self.question.qid)
        if review.choice_label(self.question, saved) is None and self.poll is not None:
            return self.poll.choices.value  # saving failed: the pick is still on screen
        return saved

    def _build(self) -> str:
        answer = review.course_answer(self.question)
        mine = review.choice_label(self.question, self._picked()) or "(no prediction)"
        found = f"<p>{escape(answer.finding)}</p>"
        if answer.choice is not None:
            closest = self.question.choices[answer.choice].label
            found += f"<p>Closest choice: <i>{escape(closest)}</i></p>"
        return side_by_side(
            "Your prediction", f"<p>{escape(mine)}</p>", "What the course found", found
        ) + _sources_line(answer.source_ids)

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.box._repr_mimebundle_(**kwargs)


class PredictionsReview:
    """Every prediction the lessons ask (found at run time), one card each."""

    def __init__(self, store: ProgressStore | None = None) -> None:
        import ipywidgets as w

        self.store = store or ProgressStore()
        self.cards = [PredictionCard(q, self.store) for q in review.discover_predictions()]
        notice = f"<p>{escape(self.store.notice)}</p>" if self.store.notice else ""
        self.box = w.VBox([w.HTML(notice), *(card.box for card in self.cards)])
        self.box.add_class("course-predictions")

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        bundle = self.box._repr_mimebundle_(**kwargs)
        if isinstance(bundle, dict):
            bundle["text/plain"] = f"[{len(self.cards)} predictions: the answers show after yours]"
        return bundle


class ReviewQuiz:
    """The question bank as a quiz, and a score in words that follows every answer."""

    def __init__(self, store: ProgressStore | None = None) -> None:
        import ipywidgets as w

        self.store = store or ProgressStore()
        self.questions = review.bank_questions()
        self.quiz = QuizWidget(self.questions, self.store)
        self.committed: dict[str, Any] = {}
        for item in self.quiz.items:
            if item.answered:
                self.committed[item.question.qid] = item.choices.value
            item.on_saved(self._listener(item))
        self.score = w.HTML()
        self.score.add_class("course-score")
        self._show_score()
        self.box = w.VBox([self.quiz.box, self.score])
        self.box.add_class("course-review-quiz")

    def _listener(self, item: QuestionWidget) -> Any:
        def committed() -> None:
            self.committed[item.question.qid] = item.choices.value
            self._show_score()

        return committed

    def _show_score(self) -> None:
        words = review.tally(self.committed, self.questions).words()
        self.score.value = f"<p role='status'><b>Your score:</b> {escape(words)}</p>"

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        bundle = self.box._repr_mimebundle_(**kwargs)
        if isinstance(bundle, dict):
            bundle["text/plain"] = "\n\n".join(q.as_text() for q in self.questions)
        return bundle


class StatementLine:
    """The learner writes the line the case's speaker could have said; it is saved, shown beside
    their lesson 00 prediction, and then compared with what the speaker said."""

    def __init__(self, store: ProgressStore | None = None) -> None:
        import ipywidgets as w

        self.store = store or ProgressStore()
        self.case = case()
        self.prediction = w.HTML()
        self.line = SavedLine(
            self._build,
            lesson=review.LESSON,
            qid=review.LINE_QID,
            store=self.store,
            placeholder=f"Asked “{self.case.question}”, I would say…",
            what=f"what {self.case.speaker} said",
            wait_for="Write and save your line first; then you can compare it with his.",
            saved="Saved. Now you can compare it with what he said.",
            on_saved=self._show_prediction,
        )
        self.text, self.button = self.line.text, self.line.button
        self.status, self.reveal = self.line.status, self.line.reveal
        self._show_prediction()
        self.box = w.VBox([self.prediction, *self.line.widgets()])
        self.box.add_class("course-statement-line")

    def _prediction_label(self) -> str:
        question = ask_choice(question_ids("00", roles=("poll",))[0])  # before the treaty
        label = review.choice_label(question, self.store.answer(question.lesson, question.qid))
        return label or "you have not made it yet (it is the first prediction above)"

    def _show_prediction(self) -> None:
        self.prediction.value = (
            "<p>Your prediction in lesson 00, before you had read the treaty: "
            f"<i>{escape(self._prediction_label())}</i></p>"
        )

    def _build(self) -> str:
        said = review.what_was_said()
        his = (
            f"<p>{escape(said.context)} A firm answer, he said, would "
            f"\u201c{escape(said.said)}\u201d.</p>"
            f"<p>\u2014 {escape(said.speaker)}, {escape(said.when)}</p>"
        )
        mine = f"<p>{self.line.words_html()}</p>"
        return side_by_side("Your line", mine, f"What {self.case.speaker} said", his) + (
            _sources_line(said.source_ids)
        )

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        bundle = self.box._repr_mimebundle_(**kwargs)
        if isinstance(bundle, dict):
            bundle["text/plain"] = f"[Write the line {self.case.speaker} could have said]"
        return bundle
