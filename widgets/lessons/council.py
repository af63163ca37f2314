"""Lesson 06: the "predict first" poll before the Council role-play, and what really happened.

The poll has no right answer on the page (``correct=None``): learners commit a guess before they
play the Council, and only the instructor's debrief shows the real day. The course's own answer,
for lesson 07 to show beside the learner's guess, is :data:`OUTCOME`, and :func:`what_happened`
says why, in the words of the ``events`` table (each row sourced there):

- ``2020-01-06-nac-extraordinary-meeting``: the ambassadors heard a US briefing, confirmed the pause
  in training in Iraq and urged restraint and de-escalation;
- ``2020-01-06-stoltenberg-article5-question``: asked whether an Iranian attack on US targets would
  bring in Article 5, Stoltenberg would not speculate.

So: restraint and a training pause, yes; full support for the strike, no; Article 5, not a word.
"""

from __future__ import annotations

from widgets.classroom.council import real_lines
from widgets.data import load

LESSON = "06"

PREDICT_COUNCIL = "predict-council-line"  # the poll, a row of the case's questions.csv
OUTCOME = 1  # the poll's choice that matches the real day (see the module docstring)


def what_happened() -> str:
    """The real day in plain words, from the ``events`` rows the course cites for it."""
    actions = load("events").set_index("event_id")["action"]
    return " ".join(str(actions.loc[event]) for event in real_lines())


def outcome_sources() -> tuple[str, ...]:
    """The source ids behind :func:`what_happened` (for a view to show with ``sources_html``)."""
    events = load("events").set_index("event_id")
    cited: list[str] = []
    for event in real_lines():
        ids = events.loc[event, "source_id"]
        named: list[str] = [str(s) for s in ids] if isinstance(ids, tuple) else []
        cited += [source_id for source_id in named if source_id not in cited]
    return tuple(cited)
