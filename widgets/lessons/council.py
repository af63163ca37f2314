"""Lesson 06: the "predict first" poll before the Council role-play.

The poll has no right answer on the page: learners commit a guess before they play the Council,
and only the instructor's debrief shows the real day. The course's own answer, for lesson 07 to
show beside the learner's guess, is the poll's finding in the case's ``questions.csv``: the
choice closest to what the Council said, and the case's debrief events in the words of
``events`` (each row sourced there).
"""

from __future__ import annotations

LESSON = "06"
PREDICT_COUNCIL = "predict-council-line"  # the poll, a row of the case's questions.csv
