"""Lesson 08, the transfer lesson: a case met cold (the missile that fell on Przewodów, Poland, on
15 November 2022), checked with the tools of lessons 01-06.

The questions are rows of the case's ``questions.csv``; their rules compute the answers from the
case's data and the course's engines (the Article 6 verdict for the village, what had been
reported before the ambassadors met). The poll has no right answer on the page; :data:`OUTCOME`
is the choice that matches what the Council and its Secretary General said (the case's debrief
events), shown only after the learner has saved their own line.
"""

from __future__ import annotations

LESSON = "08"
CASE = "przewodow-2022"  # the case this lesson is about: its folder in data/cases/
PREDICT_LINE = "predict-przewodow-line"  # the poll, a row of the case's questions.csv
OUTCOME = 2  # the choice of the poll that matches the debrief events of the case
