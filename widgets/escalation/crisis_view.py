"""The "escalation choices" widget: play a crisis scenario in a role, against the model.

Thin view over :class:`widgets.escalation.crisis.CrisisGame`. Every decision of the scenario is a
step: at the learner's own decisions they choose; at another side's decision they first say what
they expect, then the model's move is drawn (at random under misperception, with the seed shown
and replayable). The game tree is drawn with the path played. When the crisis ends, the play is
saved; only then can the learner open the rational path (the equilibrium) and what really
happened (a :class:`~widgets.classroom.reveal.Reveal`), and replay 100 crises under the same
settings to see how often each outcome comes up.
"""

from __future__ import annotations

from typing import Any

from widgets import look
from widgets.cases import DEFAULT_CASE, case
from widgets.chart import LiveChart
from widgets.classroom.progress import ProgressStore
from widgets.classroom.question_view import not_saved
from widgets.classroom.reveal import Reveal
from widgets.data import load
from widgets.escalation.crisis import CrisisGame, Move
from widgets.escalation.explorer import slider
from widgets.escalation.games import load_game
from widgets.escalation.layout import layout_tree
from widgets.escalation.replay import PLAYS, Replay, replay
from widgets.escalation.replay_view import chance_text, replay_figure, replay_table, rung_name
from widgets.escalation.scenario import sliders_of
from widgets.escalation.tree import ROOT, SEPARATOR, parse_tree, players_of
from widgets.escalation.tree_view import tree_figure, tree_outline_html
from widgets.markup import escape
from widgets.sources import sources_html

LESSON = "04"
PLAY_ID = "crisis-play"
NONE, SOME, MUCH = (
    "None: everyone plays rationally",
    "Some (logit, rationality 2)",
    "Much (logit, rationality 0.5)",
)
NOISE = {NONE: None, SOME: 2.0, MUCH: 0.5}  # label -> the solver's rationality (None: perfect)
MAX_SEED = 99_999


def ladder_html(rung: int | None) -> str:
    """The course ladder as a row of labelled cells, the current rung marked (text, not colour)."""
    if rung is None:
        return ""
    rows = load("ladder").to_dict("records")
    cells = []
    for row in rows:
        here = int(row["rung"]) == rung
        style = "background:#D55E00;color:white;font-weight:bold" if here else "background:#eee"
        mark = " (now)" if here else ""
        cells.append(
            f"<span title='{escape(str(row['description']))}' "
            f"style='{style};padding:2px 6px;margin:1px;display:inline-block'>"
            f"{int(row['rung'])} {escape(str(row['name']))}{mark}</span>"
        )
    name = next(str(row["name"]) for row in rows if int(row["rung"]) == rung)
    return (
        f"<div role='img' aria-label='Crisis level: rung {rung} of 9, {escape(name)}'>"
        f"<b>Crisis level: rung {rung} of 9 ({escape(name)})</b><br>{''.join(cells)}</div>"
    )


class CrisisGameView:
    def __init__(
        self,
        scenario: str | None = None,
        role: str | None = None,
        *,
        seed: int = 1,
        store: ProgressStore | None = None,
        lesson: str = LESSON,
        case_id: str = DEFAULT_CASE,
    ) -> None:
        """The crisis game of ``scenario`` (default: the case's), played first as ``role``; the
        learner's plays are saved under ``lesson``."""
        import ipywidgets as w

        the_case = case(case_id)  # by default, the case's game and the role it is played from first
        scenario, role = scenario or the_case.game, role or the_case.game_role
        self.scenario = load_game(scenario, roles=(role,))  # a renamed player: a plain error
        self.store = store or ProgressStore()
        self.lesson = lesson
        played_before = self.store.answer(lesson, PLAY_ID) is not None  # read before the notice
        players = players_of(parse_tree(self.scenario))
        self.role = w.Dropdown(options=players, value=role, description="Your role")
        self.noise = w.Dropdown(
            options=list(NOISE),
            value=NONE,
            description="Misperception",
            layout=w.Layout(width="30em"),
            style={"description_width": "initial"},
        )
        self.sliders = {
            spec.name: slider(spec.label, spec.value, spec.low, spec.high, spec.step)
            for spec in sliders_of(self.scenario)
        }
        self.seed = w.BoundedIntText(
            value=seed, min=0, max=MAX_SEED, description="Seed", layout=w.Layout(width="12em")
        )
        self.restart = w.Button(
            description="Start again, same seed",
            tooltip="Play the crisis again from the start with the same random draws",
            layout=w.Layout(width="auto"),
        )
        self.new_seed = w.Button(
            description="New seed",
            tooltip="Start again with different random draws",
            layout=w.Layout(width="auto"),
        )
        self.seed_note = w.HTML()
        self.notice = w.HTML(  # a damaged or unreadable progress file, in plain words
            f"<p role='status'>{escape(self.store.notice)}</p>" if self.store.notice else ""
        )
        self.chart = LiveChart()
        self.tree_text = w.HTML()
        outline = w.Accordion(children=[self.tree_text], titles=("Text version of the tree",))
        outline.selected_index = None
        self.ladder = w.HTML()
        self.story = w.HTML()
        self.step = w.HTML()
        self.choices = w.HBox(layout=w.Layout(flex_flow="row wrap"))
        self.rational = w.HTML()
        self.reveal = Reveal(
            self._show_rational,
            what="the rational path and what really happened",
            wait_for="Play the crisis to the end first; your play is saved, then you can compare "
            "it with the rational path and with history.",
            unlocked=played_before,
        )
        self.replay_button = w.Button(
            description=f"Replay {PLAYS} crises",
            button_style="primary",
            disabled=not self.reveal.unlocked,
            tooltip="Let the model play every role 100 times with these settings",
        )
        self.replay_hint = w.HTML(
            "" if self.reveal.unlocked else "<p><i>Play one crisis to the end first.</i></p>"
        )
        self.histogram = LiveChart()
        self.replay_text = w.HTML()
        self.replay_result: Replay | None = None
        self.rational_shown = False  # set by the Reveal's builder, once the learner asks
        for control in (self.role, self.noise, self.seed, *self.sliders.values()):
            control.observe(self.start, names="value")
        self.restart.on_click(self.start)
        self.new_seed.on_click(self.next_seed)
        self.replay_button.on_click(self.replay)
        title = escape(str(self.scenario.get("title", scenario)))
        note = escape(str(self.scenario.get("description", "")))
        assumptions = w.Accordion(
            children=[
                w.VBox(
                    [
                        w.HTML("Move a slider and the crisis starts again with the new payoffs."),
                        *self.sliders.values(),
                    ]
                )
            ],
            titles=("Change the assumptions (illustrative payoffs)",),
        )
        assumptions.selected_index = None
        self.box = w.VBox(
            [
                w.HTML(f"<b>{title}</b><br><i>{note}</i>"),
                self.notice,
                self.role,
                self.noise,
                w.HBox([self.seed, self.restart, self.new_seed]),
                self.seed_note,
                assumptions,
                self.story,
                self.step,
                self.choices,
                self.ladder,
                self.chart.box,
                outline,
                self.reveal.box,
                w.HTML(f"<b>Replay {PLAYS} crises</b>: the model plays every role, same settings."),
                self.replay_button,
                self.replay_hint,
                self.histogram.box,
                self.replay_text,
            ]
        )
        self.box.add_class("course-crisis-game")  # a stable hook for CSS and browser tests
        self.layout = layout_tree(self.scenario)
        self.start()

    # -- game flow ----------------------------------------------------------------------------
    def start(self, _: object = None) -> None:
        values = {name: s.value for name, s in self.sliders.items()}
        try:
            self.game = CrisisGame(
                self.scenario,
                self.role.value,
                values,
                NOISE[self.noise.value],
                seed=self.seed.value,
            )
            self.layout = layout_tree(self.game.tree)
        except ValueError as err:
            self.step.value = f"<p role='status'><b>Impossible setting:</b> {escape(err)}</p>"
            self.choices.children = ()
            return
        self.saved_play = False
        self.save_note = ""
        noisy = NOISE[self.noise.value] is not None
        self.seed_note.value = (
            f"<p>Seed <b>{self.seed.value}</b>: "
            + (
                "the others' moves are drawn at random from the model's probabilities; the same "
                "seed and the same choices give the same crisis."
                if noisy
                else "with no misperception the others always take their best reply; only "
                "chance (if the game has any) is drawn."
            )
            + "</p>"
        )
        self._auto()
        self.render()
        if self.rational_shown:
            self._refresh_rational()
        if self.replay_result is not None:
            self.replay()

    def next_seed(self, _: object = None) -> None:
        """Start again with the next seed (seeds count up, so a class can call them out)."""
        self.seed.value = self.seed.value + 1 if self.seed.value < MAX_SEED else 0

    def pick(self, choice: str) -> None:
        """The learner's move at their own decision, or their forecast at another side's."""
        if self.game.finished:
            return
        if self.game.learners_turn:
            self.game.choose(choice)
        else:
            self.game.respond(forecast=choice)
        self._auto()
        self.render()

    def _auto(self) -> None:
        """Chance moves by itself (nobody decides there): drawn with the seed and narrated."""
        while self.game.mover == "chance":
            self.game.respond()

    # -- display ------------------------------------------------------------------------------
    def _move_html(self, move: Move) -> str:
        if move.who == "chance":
            return (
                f"<li><b>Chance</b>: {escape(move.choice)} "
                f"<i>(probability {chance_text(move.probability)})</i></li>"
            )
        if move.learner:
            return f"<li><b>You ({escape(move.who)})</b>: {escape(move.choice)}</li>"
        guess = ""
        if move.forecast is not None:
            right = move.forecast == move.choice
            guess = f"; you expected {escape(move.forecast)} {'&#10004;' if right else '&#10008;'}"
        return (
            f"<li><b>{escape(move.who)}</b>: {escape(move.choice)} "
            f"<i>(the model gave this {chance_text(move.probability)}{guess})</i></li>"
        )

    def render(self) -> None:
        import ipywidgets as w

        game = self.game
        self.ladder.value = ladder_html(game.rung())
        lines = [self._move_html(m) for m in game.moves]
        self.story.value = f"<ol>{''.join(lines)}</ol>" if lines else ""
        self._draw_tree()
        if game.finished:
            self.choices.children = ()
            self._finish()
            if self.rational_shown:  # already open: compare it with this play too
                self._refresh_rational()
            return
        done = sum(1 for m in game.moves if m.who != "chance")
        total = done + game.decisions_ahead()
        node = game.node
        where = f"Step {done + 1} of {'up to ' if total > done + 1 else ''}{total}. "
        if game.learners_turn:
            ask = f"<b>Your decision ({escape(game.role)})</b>: {escape(node.get('label', ''))}"
        else:
            who = escape(game.mover)
            ask = (
                f"<b>{who} to move</b>: {escape(node.get('label', ''))} "
                f"<b>What do you expect {who} to do?</b> Your forecast is saved with your play."
            )
        self.step.value = f"<p role='status'>{where}{ask}</p>"
        buttons = []
        for choice in game.options():
            button = w.Button(description=choice, layout=w.Layout(width="auto"), tooltip=choice)
            button.on_click(lambda _, c=choice: self.pick(c))
            buttons.append(button)
        self.choices.children = tuple(buttons)

    def _finish(self) -> None:
        game = self.game
        forecasts = [m for m in game.moves if m.forecast is not None]
        right = sum(m.forecast == m.choice for m in forecasts)
        ends = game.payoffs()
        payoffs = ", ".join(f"{p} {ends[p]:g}" for p in self.layout.players if p in ends)
        if not self.saved_play:
            self.saved_play = True
            self.save_note = self._save()
            self.reveal.unlock()
            self.replay_button.disabled = False
            self.replay_hint.value = ""
        score = (
            f" Your forecasts of the others: {right} of {len(forecasts)} right."
            if forecasts
            else ""
        )
        self.step.value = (
            f"<p role='status'><b>Outcome:</b> {escape(game.outcome())} "
            f"({escape(rung_name(game.rung()))}; illustrative payoffs: {escape(payoffs)})."
            f"{score} {escape(self.save_note)}</p>"
        )

    def _save(self) -> str:
        """Save the finished play (the learner's attempt) before anything is revealed."""
        play = {
            "role": self.game.role,
            "path": list(self.game.path),
            "forecasts": [m.forecast for m in self.game.moves if m.forecast is not None],
            "seed": self.seed.value,
            "misperception": self.noise.value,
            "outcome": self.game.outcome(),
        }
        try:
            self.store.save(self.lesson, PLAY_ID, play)
        except OSError as err:
            return not_saved(err, "play")
        return "Your play is saved: now compare it with the rational path below."

    def _draw_tree(self) -> None:
        rational = list(self.game.equilibrium.path) if self.rational_shown else None
        self.chart.draw(
            tree_figure(
                self.layout,
                self.game.path,
                rational,
                "The game tree (at each end the payoffs: higher is better)",
            )
        )
        self.tree_text.value = tree_outline_html(self.layout, self.game.path, rational)

    # -- after the learner's attempt ----------------------------------------------------------
    def _show_rational(self) -> Any:
        """The Reveal's builder: called only when the learner asks, after a saved play."""
        self.rational_shown = True
        self._refresh_rational()
        return self.rational

    def _refresh_rational(self) -> None:
        equilibrium = self.game.equilibrium
        steps, node, path = [], self.game.tree, ROOT
        for choice in equilibrium.path:
            steps.append((str(node["player"]), choice))
            node = node["choices"][choice]
            path += SEPARATOR + choice
        items = "".join(f"<li><b>{escape(who)}</b>: {escape(choice)}</li>" for who, choice in steps)
        if equilibrium.outcome is not None:
            rung = self._rung_of(list(equilibrium.path))
            end = f"Outcome: <b>{escape(equilibrium.outcome)}</b> ({escape(rung_name(rung))})."
        else:
            end = "Then chance decides (see the branches in the tree)."
        ties = equilibrium.ties
        tie_note = (
            "<p><b>Note:</b> a player is exactly indifferent at "
            + "; ".join(escape(t.path.replace(f"{ROOT}{SEPARATOR}", "")) for t in ties)
            + ": the rational path is not unique there.</p>"
            if ties
            else ""
        )
        self.rational.value = (
            "<p><b>The rational path</b> with these payoffs (every player foresees the later "
            "moves and picks its best one: backward induction):</p>"
            f"<ol>{items}</ol><p>{end}</p>{tie_note}{self._comparison(steps)}" + self.history_html()
        )
        self._draw_tree()
        if self.replay_result is not None:
            self._draw_replay()

    def _rung_of(self, path: list[str]) -> int | None:
        level, node = self.game.tree.get("rung"), self.game.tree
        for step in path:
            node = node["choices"][step]
            level = node.get("rung", level)
        return None if level is None else int(level)

    def _comparison(self, steps: list[tuple[str, str]]) -> str:
        played = self.game.path
        if not self.game.finished:
            return "<p><i>Finish this play to compare it step by step.</i></p>"
        same = 0
        for (_, choice), mine in zip(steps, played, strict=False):
            if choice != mine:
                break
            same += 1
        if same == len(steps) and self.game.outcome() == self.game.equilibrium.outcome:
            verdict = "Your last play followed the rational path all the way."
        elif same == len(steps):
            verdict = "Your last play followed the rational path up to chance."
        else:
            who, choice = steps[same]
            verdict = (
                f"Your last play left the rational path at step {same + 1}: "
                f"{who} took {played[same]} where the rational choice is {choice}."
            )
        return f"<p><b>{escape(verdict)}</b></p>"

    def history_html(self) -> str:
        """What really happened at each decision, from the scenario's ``history`` and ``events``."""
        history = self.scenario.get("history", [])
        if not history:
            return ""
        events = load("events").set_index("event_id")
        items = []
        for step in history:
            dated = []
            for event_id in step["event_ids"]:
                event = events.loc[event_id]
                dated.append(
                    f"{event['date']:%d %b %Y}: {escape(str(event['action']))} "
                    f"<i>(sources: {sources_html(event['source_id'], inline=True)})</i>"
                )
            items.append(
                f"<li><b>{escape(step['who'])}</b>: {escape(step['choice'])}.<br>"
                + "<br>".join(dated)
                + "</li>"
            )
        return "<p><b>What really happened</b></p><ul>" + "".join(items) + "</ul>"

    def replay(self, _: object = None) -> None:
        """Play the crisis :data:`PLAYS` times with the current settings and seed."""
        if self.replay_button.disabled:
            return
        try:
            self.replay_result = replay(
                self.game.tree, rationality=NOISE[self.noise.value], seed=self.seed.value
            )
        except ValueError as err:
            self.replay_text.value = f"<p role='status'><b>Cannot replay:</b> {escape(err)}</p>"
            self.histogram.hide()
            return
        self._draw_replay()

    def _draw_replay(self) -> None:
        result = self.replay_result
        if result is None:
            return
        shown = self.rational_shown and self.game.equilibrium.outcome is not None
        rational = self._rung_of(list(self.game.equilibrium.path)) if shown else None
        self.histogram.draw(replay_figure(result, rational))
        by_rung = result.by_rung()
        top = max(r for r in by_rung if r is not None) if any(by_rung) else None
        summary = ", ".join(f"{n} at rung {r}" for r, n in by_rung.items() if r is not None)
        highest = (
            f" {by_rung[top]} of {result.plays} reached rung {top}." if top is not None else ""
        )
        level = self.noise.value.split(":")[0].split(" (")[0].lower()
        self.replay_text.value = (
            f"<p role='status'>{result.plays} crises with seed {result.seed} and misperception "
            f"{escape(level)}: {escape(summary)}.{highest}</p>"
            "<p><b>Table version of the chart</b></p>"
            f"<div class='jp-RenderedHTMLCommon'>{look.table_html(replay_table(result))}</div>"
        )

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        bundle = self.box._repr_mimebundle_(**kwargs)
        if isinstance(bundle, dict):
            bundle["text/plain"] = (
                f"Crisis game: {self.scenario.get('title', '')} (play it in JupyterLab or Voila)"
            )
        return bundle
