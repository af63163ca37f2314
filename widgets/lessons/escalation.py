"""Questions of lesson 04: a poll, and self-checks whose answers come from the data and solver."""

from __future__ import annotations

from widgets.classroom.questions import Choice, Question
from widgets.data import load
from widgets.escalation import solve
from widgets.escalation.games import load_game
from widgets.escalation.replay import outcome_probabilities
from widgets.escalation.scenario import apply_sliders

LESSON = "04"

PREDICT_IRAN = Question(
    qid="predict-iran-response",
    lesson=LESSON,
    prompt=(
        "Predict first: after the killing of Soleimani, what would a careful Iranian leadership "
        "do, if it wanted revenge but not a war with the United States?"
    ),
    choices=(
        Choice("Nothing military: wait and rely on words."),
        Choice("A limited strike on US forces, signalled in advance."),
        Choice("A strike meant to kill as many US troops as possible."),
        Choice("Only attacks by partner militias, never its own forces."),
    ),
    explanation="Saved. Play the game below, then compare with what happened.",
)


def peak_rung() -> Question:
    """The highest rung the crisis reached, counted from the events table."""
    events = load("events")
    peak = int(events["rung"].max())
    name = str(load("ladder").set_index("rung").loc[peak, "name"])
    options = [5, 6, 7, 9]
    feedback = {
        5: "Proxy violence was there (rockets on bases), but the crisis went higher.",
        6: "The US strikes on Kata'ib Hezbollah were rung 6; the crisis went higher still.",
        7: f"Yes: rung {peak}, {name}: the killing of Soleimani and Iran's missile strike.",
        9: "Open war between the states never came: look for rung 9 on the chart.",
    }
    return Question(
        qid="peak-rung",
        lesson=LESSON,
        prompt="Self-check: which rung of the ladder did the crisis reach at its peak?",
        choices=tuple(Choice(str(n), feedback[n]) for n in options),
        correct=options.index(peak),
    )


def deterrence_default() -> Question:
    """What the classic deterrence game predicts with its default payoffs (from the solver)."""
    game = load_game("classic_deterrence")
    outcome = solve(apply_sliders(game, {})).outcome
    outcomes = ["Status quo", "Defender concedes", "Challenger backs down", "War"]
    feedback = {
        "Status quo": "Right: the challenger foresees resistance and its own retreat.",
        "Defender concedes": "Only if the defender prefers conceding to war; here it does not.",
        "Challenger backs down": "That needs a challenge first, and the challenger foresees it.",
        "War": "War needs both to prefer fighting to giving in; here neither does.",
    }
    return Question(
        qid="deterrence-default",
        lesson=LESSON,
        prompt="Self-check: with the default payoffs, how does the classic deterrence game end?",
        choices=tuple(Choice(o, feedback[o]) for o in outcomes),
        correct=outcomes.index(str(outcome)),
    )


MUCH_MISPERCEPTION = 0.5  # the crisis game's "Much" setting (logit rationality)


def misperception_war() -> Question:
    """How often the crisis ends in open war when every side misperceives a lot (from the model:
    the exact probability of ending on rung 9 with the default payoffs)."""
    tree = apply_sliders(load_game("january_2020"), {})
    solution = solve(tree, rationality=MUCH_MISPERCEPTION)
    p = sum(q for (rung, _), q in outcome_probabilities(tree, solution).items() if rung == 9)
    options = ["Never", "About 1 in 100", "About 1 in 5", "More than half"]
    correct = 0 if p == 0 else 1 if p < 0.05 else 2 if p < 0.4 else 3
    feedback = {
        "Never": "Nobody prefers war here, yet with misperception every path has a chance.",
        "About 1 in 100": "That is closer to the 'some misperception' setting; much is more.",
        "About 1 in 5": f"Yes: the model gives open war about {p:.0%} of the time.",
        "More than half": "Less than that: the rational path still comes up most often.",
    }
    return Question(
        qid="misperception-war",
        lesson=LESSON,
        prompt=(
            "Predict: with much misperception on every side and the default payoffs, how often "
            "does the crisis end in open war (rung 9)? Play, then replay 100 crises to check."
        ),
        choices=tuple(Choice(o, feedback[o]) for o in options),
        correct=correct,
    )
