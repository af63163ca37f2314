"""Questions of lesson 02: the five-attacks poll, and self-checks the Article 6 engine answers."""

from __future__ import annotations

import pandas as pd

from widgets.classroom.progress import ProgressStore
from widgets.classroom.questions import Choice, Question
from widgets.data import load
from widgets.markup import escape
from widgets.treaty import article6_verdict
from widgets.treaty.article6 import Target

LESSON = "02"

ATTACKS: tuple[tuple[str, Target, str, str], ...] = (  # (place_id, target, date, description)
    (
        "ain-al-asad-air-base",
        "forces",
        "2020-01-08",
        "Iranian missiles hit US troops at Ain al-Asad, Iraq",
    ),
    (
        "incirlik-air-base",
        "territory",
        "2020-01-08",
        "Iranian missiles hit Incirlik Air Base in Turkey",
    ),
    ("pearl-harbor", "territory", "2020-01-06", "a missile strikes Pearl Harbor, Hawaii"),
    ("ceuta", "territory", "2020-01-06", "an armed attack on Ceuta, Spain's city in North Africa"),
    (
        "las-palmas",
        "territory",
        "2020-01-06",
        "an armed attack on Las Palmas in the Canary Islands",
    ),
)

# The attacks lesson 02 asks about one by one (Ain al-Asad, Incirlik, Ceuta); the learner tries
# the other two on the map before the count is revealed.
ATTACKS_ASKED = (0, 1, 3)

PREDICT_FIVE = Question(
    qid="predict-five-attacks",
    lesson=LESSON,
    prompt=(
        "Predict first: of these five attacks, how many would clearly fall under Article 5? "
        + "; ".join(f"({i}) {a[3]}" for i, a in enumerate(ATTACKS, start=1))
        + "."
    ),
    choices=tuple(Choice(str(n)) for n in range(6)),
    explanation="Saved. Test each place on the Article 6 map below, then check yourself.",
)


def _place(place_id: str) -> tuple[float, float, str]:
    places = load("places")
    row = places[places["place_id"] == place_id].iloc[0].to_dict()
    return float(row["lat"]), float(row["lon"]), str(row["name"])


def attack_question(index: int) -> Question:
    """Would attack number ``index`` (0-4) fall under Article 5? The engine gives the answer."""
    if not 0 <= index < len(ATTACKS):
        raise ValueError(
            f"There are {len(ATTACKS)} attacks; choose a number from 1 to {len(ATTACKS)}."
        )
    place_id, target, on, description = ATTACKS[index]
    lat, lon, _ = _place(place_id)
    verdict = article6_verdict(lat, lon, target=target, on=on)
    options = ["yes", "no", "contested"]
    labels = {
        "yes": "Yes: inside the treaty area",
        "no": "No: outside it",
        "contested": "Contested: the text does not settle it",
    }
    return Question(
        qid=f"attack-{index + 1}",
        lesson=LESSON,
        prompt=f"Self-check: {description} ({on}). Inside Article 6's area?",
        choices=tuple(
            Choice(
                labels[o],
                verdict.reason
                if o == verdict.covered
                else "Try the place on the map and read the reason.",
            )
            for o in options
        ),
        correct=options.index(verdict.covered),
    )


def clearly_covered_count() -> int:
    """How many of the five attacks the engine finds clearly inside the treaty area."""
    count = 0
    for place_id, target, on, _ in ATTACKS:
        lat, lon, _name = _place(place_id)
        count += article6_verdict(lat, lon, target=target, on=on).covered == "yes"
    return count


def covered_count_html() -> str:
    """The engine's count for the "predict first" poll, with the learner's prediction beside it
    (shown only after they predicted: :func:`widgets.classroom.reveal.after_prediction`)."""
    count = clearly_covered_count()
    predicted = ProgressStore().answer(LESSON, PREDICT_FIVE.qid)
    yours = (
        f" You predicted {PREDICT_FIVE.choices[predicted].label}."
        if isinstance(predicted, int) and 0 <= predicted < len(PREDICT_FIVE.choices)
        else ""
    )
    return (
        f"<p role='status'>Of the {len(ATTACKS)} attacks, the engine finds <b>{count}</b> "
        f"clearly inside the treaty area.{escape(yours)} The others are outside it or "
        "contested: test them on the map to see why.</p>"
    )


def misconceptions() -> pd.DataFrame:
    """Misconceptions about the North Atlantic Treaty, each answered by the treaty's own words."""
    phrases = load("phrases")
    found = phrases[phrases["treaty_id"] == "north-atlantic-treaty"]
    return pd.DataFrame(
        {
            "Article": found["article"].astype(str),
            "A common misconception": found["misconception"],
            "The treaty's words": "“" + found["phrase"] + "”",
            "What they mean": found["explanation"],
        }
    ).reset_index(drop=True)


ARTICLE5_MEANS = Question(
    qid="article5-means",
    lesson=LESSON,
    prompt="Self-check: if Article 5 applies, what must each ally do?",
    choices=(
        Choice("Go to war against the attacker.", "No: armed force is one option, not a duty."),
        Choice(
            "Take 'such action as it deems necessary', which may or may not include armed force.",
            "Yes: each ally decides what help to give.",
        ),
        Choice(
            "Wait for a majority vote of the Council.", "No: NATO decides by consensus, not votes."
        ),
        Choice("Nothing: Article 5 is only symbolic.", "No: it is a commitment to assist."),
    ),
    correct=1,
)
