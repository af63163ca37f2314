"""Questions of lesson 08, the transfer lesson: a case met cold (the missile that fell on
Przewodów, Poland, on 15 November 2022), checked with the tools of lessons 01-06.

Answers are computed from the case's data and the course's engines: the Article 6 verdict for the
village (:func:`widgets.treaty.article6.article6_verdict`), the text of Article 4
(``treaty_text``) and what had been reported before the ambassadors met (``events``, via the
timeline model). The poll has no right answer on the page; :data:`OUTCOME` is the choice that
matches what the Council and its Secretary General said (the case's debrief events), shown only
after the learner has saved their own line.
"""

from __future__ import annotations

import pandas as pd

from widgets.cases import case
from widgets.classroom.questions import Choice, Question
from widgets.data import load
from widgets.timeline.model import crisis_events
from widgets.treaty.article6 import article6_verdict

LESSON = "08"
CASE = "przewodow-2022"  # the case this lesson is about: its folder in data/cases/
PLACE = "przewodow"  # the village, a row of ``places``

PREDICT_LINE = Question(
    qid="predict-przewodow-line",
    lesson=LESSON,
    prompt=(
        "Predict first: the day after the missile fell, what will NATO's ambassadors and its "
        "Secretary General say?"
    ),
    choices=(
        Choice("Russia has attacked an ally: Article 5 applies."),
        Choice("Poland has asked for Article 4 consultations, and the allies open them formally."),
        Choice(
            "No sign of a deliberate attack, probably a Ukrainian air-defence missile; Russia "
            "bears ultimate responsibility for the war."
        ),
        Choice("No common line: the allies are split."),
    ),
    explanation="Saved. Work through the case; at the end you write the Council's line.",
)

OUTCOME = 2  # the choice of PREDICT_LINE that matches the debrief events of the case


def article6_here() -> Question:
    """Whether Przewodów lies where Article 5 applies, from the Article 6 engine."""
    places = load("places")
    place = places[places["place_id"] == PLACE].iloc[0]
    lat, lon = float(place["lat"]), float(place["lon"])
    events = crisis_events(CASE)
    day = pd.Timestamp(events.loc[events["event_id"] == EXPLOSION, "date"].iloc[0])
    verdict = article6_verdict(lat, lon, target="territory", on=day)
    inside = verdict.covered == "yes"
    return Question(
        qid="article6-przewodow",
        lesson=LESSON,
        prompt=(
            "Self-check: had a state deliberately fired the missile, would Przewodów lie where "
            "Article 5 applies?"
        ),
        choices=(
            Choice(
                "Yes: it is the territory of an ally in Europe, which Article 6 names.",
                "Right: Article 6 counts an armed attack on the territory of any Party in Europe."
                if inside
                else "Not here: check the map above.",
            ),
            Choice(
                "No: Article 5 covers only attacks on an ally's armed forces.",
                "No: Article 6 names the Parties' territory first; forces come after.",
            ),
            Choice(
                "Only once Poland has asked for consultations under Article 4.",
                "No: Article 4 and Article 5 are separate; neither waits for the other.",
            ),
        ),
        correct=0 if inside else 1,
        explanation=(
            "Where it fell settles only whether the treaty's area is met; whether there was an "
            "armed attack at all is a separate question, and that was what the allies waited on."
        ),
    )


def article4_gives() -> Question:
    """What Article 4 would have given Poland, in the treaty's own words (``treaty_text``)."""
    text = load("treaty_text")
    row = text[
        (text["treaty_id"] == "north-atlantic-treaty")
        & (text["article"] == "4")
        & text["in_force"].astype(bool)
    ].iloc[0]
    if "consult together" not in str(row["text"]):
        raise ValueError("Article 4's text in treaty_text no longer says 'consult together'.")
    return Question(
        qid="article4-przewodow",
        lesson=LESSON,
        prompt=(
            "Self-check: Poland prepared a request under Article 4 but did not table it. What "
            "would Article 4 have given it?"
        ),
        choices=(
            Choice(
                "Consultations with the allies, because it judged its security threatened.",
                "Right: the allies 'will consult together' whenever any of them thinks its "
                "territorial integrity, political independence or security is threatened.",
            ),
            Choice(
                "A promise that each ally treats the attack as an attack on all.",
                "No: that is Article 5, for an armed attack.",
            ),
            Choice(
                "Automatic military help from the allies.",
                "No: Article 4 promises talks, not help; even Article 5 leaves each ally to "
                "decide what action it deems necessary.",
            ),
        ),
        correct=0,
    )


def reported_before_meeting() -> Question:
    """Which of four reports was public before the ambassadors met, from the case's events."""
    the_case = case(CASE)
    known = crisis_events(CASE).set_index("event_id")["known_on"]
    options = (
        ("AP's report that Russian missiles had crossed into Poland", AP_REPORT),
        ("Germany's offer of Patriot air-defence systems to Poland", PATRIOT_OFFER),
        ("AP's dismissal of a reporter over that story", AP_DISMISSAL),
        ("Polish investigators' conclusion about the missile", INVESTIGATION),
    )
    before = [
        i for i, (_, event_id) in enumerate(options) if known[event_id] < the_case.meeting_day
    ]
    if len(before) != 1:
        raise ValueError("The question needs exactly one of its reports before the meeting.")
    return Question(
        qid="reported-before-meeting",
        lesson=LESSON,
        prompt=(
            "Self-check: the ambassadors met on the morning after the explosion. Which of these "
            "had already been reported? Use the timeline's 'Known by'."
        ),
        choices=tuple(Choice(label) for label, _ in options),
        correct=before[0],
        explanation=(
            "The allies met with an early report that later proved wrong already public: "
            "the timeline's 'Known by' shows what they could have read."
        ),
    )


EXPLOSION = "2022-11-15-explosion-przewodow"
AP_REPORT = "2022-11-15-ap-us-official-russian-missiles"
PATRIOT_OFFER = "2022-11-21-germany-offers-patriot"
AP_DISMISSAL = "2022-11-21-ap-fires-reporter"
INVESTIGATION = "2023-09-26-investigators-ukrainian-missile"
