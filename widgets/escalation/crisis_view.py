"""The "escalation choices" widget: play a crisis scenario in a role, against the model.

Thin view over widgets.escalation.crisis.CrisisGame: controls to pick a role, the amount of
misperception and the scenario's payoff sliders; buttons for the learner's choices; a narration of
every move with the model's probabilities; the crisis level on the course ladder; and at the end
the learner's path beside the model's equilibrium and what really happened.
"""

from __future__ import annotations

from typing import Any

from widgets.data import load
from widgets.escalation.crisis import CrisisGame
from widgets.escalation.explorer import slider
from widgets.escalation.games import load_game
from widgets.escalation.scenario import sliders_of
from widgets.escalation.tree import parse_tree, players_of
from widgets.markup import escape
from widgets.sources import sources_html

NOISE = {
    "Fully rational (subgame-perfect)": None,
    "Some misperception (logit, rationality 2)": 2.0,
    "Much misperception (logit, rationality 0.5)": 0.5,
}


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
    def __init__(self, scenario: str = "january_2020", role: str = "Iran") -> None:
        import ipywidgets as w

        self.scenario = load_game(scenario, roles=(role,))  # a renamed player: a plain error
        players = players_of(parse_tree(self.scenario))
        self.role = w.Dropdown(options=players, value=role, description="Your role")
        self.noise = w.Dropdown(
            options=list(NOISE.items()), description="The others", layout=w.Layout(width="34em")
        )
        self.sliders = {
            spec.name: slider(spec.label, spec.value, spec.low, spec.high, spec.step)
            for spec in sliders_of(self.scenario)
        }
        self.restart = w.Button(
            description="Start again", tooltip="Start the crisis from the beginning"
        )
        self.forecast = w.HTML()
        self.ladder = w.HTML()
        self.story = w.HTML()
        self.choices = w.HBox()
        for control in (self.role, self.noise, *self.sliders.values()):
            control.observe(self.start, names="value")
        self.restart.on_click(self.start)
        title = escape(str(self.scenario.get("title", scenario)))
        note = escape(str(self.scenario.get("description", "")))
        self.box = w.VBox(
            [
                w.HTML(f"<b>{title}</b><br><i>{note}</i>"),
                self.role,
                self.noise,
                w.HTML("<b>Illustrative payoffs</b> (move them and the model's forecast updates):"),
                *self.sliders.values(),
                self.forecast,
                self.restart,
                self.ladder,
                self.story,
                self.choices,
            ]
        )
        self.box.add_class("course-crisis-game")  # a stable hook for CSS and browser tests
        self.lines: list[str] = []
        self.start()

    # -- game flow ----------------------------------------------------------------------------
    def start(self, _: object = None) -> None:
        values = {name: s.value for name, s in self.sliders.items()}
        try:
            self.game = CrisisGame(self.scenario, self.role.value, values, self.noise.value)
        except ValueError as err:
            self.story.value = f"<p role='status'><b>Impossible setting:</b> {escape(str(err))}</p>"
            self.choices.children = ()
            return
        equilibrium = " → ".join(self.game.equilibrium.path)
        ties = self.game.equilibrium.ties
        tie_note = (
            f" <b>Note:</b> {len(ties)} tie(s): a player is indifferent at "
            + "; ".join(escape(t.path) for t in ties)
            if ties
            else ""
        )
        self.forecast.value = (
            f"<p>With these payoffs, fully rational players would go: <b>{escape(equilibrium)}</b>."
            f"{tie_note}</p>"
        )
        self.lines = []
        self._narrate(self.game.advance())
        self.render()

    def pick(self, choice: str) -> None:
        """The learner's move (also what the buttons call)."""
        expected = self.game.options().get(choice, 0.0)
        self.game.choose(choice)
        self.lines.append(
            f"<li><b>You ({escape(self.game.role)})</b>: {escape(choice)} "
            f"<i>(the model gave this {expected:.0%})</i></li>"
        )
        self._narrate(self.game.advance())
        self.render()

    def _narrate(self, moves: list[tuple[str, str, float]]) -> None:
        for who, what, p in moves:
            self.lines.append(
                f"<li><b>{escape(who)}</b>: {escape(what)} <i>(probability {p:.0%})</i></li>"
            )

    # -- display ------------------------------------------------------------------------------
    def render(self) -> None:
        import ipywidgets as w

        self.ladder.value = ladder_html(self.game.rung())
        story = f"<ol>{''.join(self.lines)}</ol>" if self.lines else ""
        if self.game.finished:
            payoffs = ", ".join(f"{k} {v:g}" for k, v in self.game.payoffs().items())
            story += (
                f"<p role='status'><b>Outcome:</b> {escape(str(self.game.outcome()))} "
                f"(illustrative payoffs: {escape(payoffs)}).</p>" + self.history_html()
            )
            self.choices.children = ()
        else:
            node = self.game.node
            story += (
                f"<p role='status'><b>Your decision:</b> {escape(str(node.get('label', '')))}</p>"
            )
            buttons = []
            for choice in self.game.options():
                button = w.Button(description=choice, layout=w.Layout(width="auto"), tooltip=choice)
                button.on_click(lambda _, c=choice: self.pick(c))
                buttons.append(button)
            self.choices.children = tuple(buttons)
        self.story.value = story

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

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        bundle = self.box._repr_mimebundle_(**kwargs)
        if isinstance(bundle, dict):
            bundle["text/plain"] = "Crisis game: " + self.forecast.value
        return bundle
