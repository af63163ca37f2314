"""Lesson 08, the transfer lesson: a second case met cold (its folder is :data:`CASE`), checked
with the tools of lessons 01-06.

The questions are rows of the case's ``questions.csv``; their rules compute the answers from the
case's data and the course's engines (the Article 6 verdict for the village, what had been
reported before the ambassadors met). The poll has no right answer on the page; the choice
closest to what the Council and its Secretary General said (the case's debrief events) is its
finding in the data, shown only after the learner has saved their own line.
"""

from __future__ import annotations

LESSON = "08"
CASE = "przewodow-2022"  # the case this lesson is about: its folder in data/cases/
PREDICT_LINE = "predict-przewodow-line"  # the poll, a row of the case's questions.csv
