"""Views of the treaty lesson: the clause explorer and the Article 6 map. Thin over the models."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import numpy as np

from widgets import look
from widgets.cases import case
from widgets.chart import LiveChart
from widgets.data import load
from widgets.dates import as_date
from widgets.geo import outline_lines
from widgets.markup import escape, plot_text
from widgets.sources import sources_html
from widgets.treaty.article6 import (
    Covered,
    Target,
    article6_verdict,
    article6_verdicts,
    change_days,
)
from widgets.treaty.clauses import (
    SORTS,
    articles,
    clause_text,
    comparison,
    marked_html,
    phrases_for,
    treaties,
)

VERDICT_COLOURS = {
    "yes": look.PALETTE["blue"],
    "no": "#bbbbbb",
    "contested": look.PALETTE["orange"],
}
VERDICT_SYMBOLS = {"yes": "square", "no": "x-thin", "contested": "diamond"}


class ClauseExplorer:
    """Pick a treaty and an article: the verbatim text, its key phrases, and a comparison."""

    def __init__(self, treaty_id: str = "north-atlantic-treaty", article: str = "5") -> None:
        import ipywidgets as w

        self.treaty = w.Dropdown(
            options=treaties(), value=treaty_id, description="Treaty", layout=w.Layout(width="46em")
        )
        self.article = w.Dropdown(description="Article", layout=w.Layout(width="30em"))
        self.phrase = w.Dropdown(description="Key phrase", layout=w.Layout(width="46em"))
        self.text = w.HTML()
        self.explain = w.HTML()
        self.treaty.observe(self._on_treaty, names="value")
        self.article.observe(self._on_article, names="value")
        self.phrase.observe(self.render, names="value")
        self.box = w.VBox([self.treaty, self.article, self.text, self.phrase, self.explain])
        self.box.add_class("course-clause-explorer")  # a stable hook for CSS and browser tests
        self._on_treaty()
        for _label, value in self.article.options:
            if value[0] == article:
                self.article.value = value
                break

    def _on_treaty(self, _: object = None) -> None:
        self.article.options = articles(self.treaty.value)

    def _on_article(self, _: object = None) -> None:
        if self.article.value is None:
            return
        found = phrases_for(self.treaty.value, *self.article.value)
        self.phrase.options = [("(choose a phrase to explain)", None)] + [
            (f"“{p}”", p) for p in found["phrase"]
        ]
        self.phrase.index = 0  # shows "(choose a phrase to explain)", not a blank box
        self.render()

    def render(self, _: object = None) -> None:
        if self.article.value is None:
            return
        article, version = self.article.value
        row = clause_text(self.treaty.value, article, version)
        found = phrases_for(self.treaty.value, article, version)
        body = marked_html(str(row["text"]), list(found["phrase"]), self.phrase.value)
        flags = []
        if not row["verified"]:
            flags.append(
                "This wording has <b>not yet been checked word for word</b> against an official "
                "printing."
            )
        if not row["in_force"]:
            flags.append("This text is <b>not in force</b> today.")
        sources = sources_html(row["source_id"], inline=True)
        self.text.value = (
            translated_html(row, body)
            + "".join(f"<p>{f}</p>" for f in flags)
            + f"<p><small>Sources: {sources}</small></p>"
        )
        if self.phrase.value is None:
            self.explain.value = (
                "<p>Highlighted words are key phrases: choose one above to see what it means.</p>"
            )
            return
        chosen = found[found["phrase"] == self.phrase.value].iloc[0]
        self.explain.value = (
            f"<p role='status'><b>What it means:</b> {escape(str(chosen['explanation']))}</p>"
            f"<p><b>Misconception it answers:</b> {escape(str(chosen['misconception']))}</p>"
        )

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        bundle = self.box._repr_mimebundle_(**kwargs)
        if isinstance(bundle, dict):
            bundle["text/plain"] = f"Clause explorer: {self.treaty.label}, {self.article.label}"
        return bundle


def article_label(article: str) -> str:
    """ "Art. 5", or "Sec. 3(c)" for a statute's section (the Taiwan Relations Act)."""
    return f"Sec. {article[3:]}" if article.startswith("Sec") else f"Art. {article}"


def comparison_figure(sort: str = "strength (strongest first)") -> dict[str, Any]:
    """Each clause as a bar of its strength (0-4) under its short name ("NATO, Art. 5"), what it
    obliges printed beside the bar, the full name on hover; the table is its text version.

    Sized to read at 1024 px: short labels leave the plot most of the width, and the x range
    leaves room for the longest obligation beside the strongest bar."""
    table = comparison(sort)
    labels = [
        plot_text(f"{s}, {article_label(a)}")
        for s, a in zip(table["short name"], table["article"], strict=True)
    ]
    colours = [VERDICT_COLOURS["yes"] if s == "in force" else "#999999" for s in table["status"]]
    return {
        "data": [
            {
                "type": "bar",
                "orientation": "h",
                "x": list(table["strength"]),
                "y": labels,
                "marker": {"color": colours},
                "text": [plot_text(t) for t in table["what it obliges"]],
                "textposition": "outside",
                "cliponaxis": False,
                "customdata": [
                    [plot_text(t), plot_text(s)]
                    for t, s in zip(table["treaty"], table["status"], strict=True)
                ],
                "hovertemplate": (
                    "%{customdata[0]}, %{y}<br>%{text} (%{customdata[1]})<extra></extra>"
                ),
            }
        ],
        "layout": {
            "title": {
                "text": "What each clause obliges (blue: in force; grey: ended). Table below."
            },
            "xaxis": {
                "range": [0, 10.5],  # room for the longest obligation beside its bar
                "tickvals": [0, 1, 2, 3, 4],
                "tickangle": 0,
                "title": {"text": "Strength of the promise: 0 none, 1 consult ... 4 all the means"},
            },
            "yaxis": {"autorange": "reversed", "automargin": True},
            "height": 140 + 30 * len(labels),
            "margin": {"l": 10, "r": 10},
        },
    }


class ComparisonExplorer:
    """The comparison as a chart and a sortable table, kept in step by one control."""

    def __init__(self) -> None:
        import ipywidgets as w

        self.sort = w.Dropdown(
            options=list(SORTS), description="Sort by", layout=w.Layout(width="30em")
        )
        self.chart = LiveChart()
        self.table = w.HTML()
        self.sort.observe(self.render, names="value")
        self.box = w.VBox([self.sort, self.chart.box, self.table])
        self.box.add_class("course-comparison")  # a stable hook for CSS and browser tests
        self.render()

    def render(self, _: object = None) -> None:
        self.chart.draw(comparison_figure(self.sort.value))
        self.table.value = look.table_html(comparison(self.sort.value))

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        bundle = self.box._repr_mimebundle_(**kwargs)
        if isinstance(bundle, dict):
            bundle["text/plain"] = comparison(self.sort.value).to_string()
        return bundle


EUROPE = (-12.0, 42.0, 34.0, 72.0)  # lon min, lon max, lat min, lat max: the finer grid


@lru_cache(maxsize=64)  # every stop of the date slider (18) for both targets, and typed dates
def treaty_area(target: Target, on: str, step: float = 2.0) -> tuple[tuple[float, ...], ...]:
    """Verdicts on a grid over the North Atlantic and Europe (cached per target and date).

    Europe gets a grid twice as fine, so that a small state that joins (Montenegro in 2017,
    North Macedonia in 2020) changes the shading when the date slider passes its day."""
    # Alaska and the western United States included: all of North America is treaty territory.
    lons, lats = (
        g.ravel() for g in np.meshgrid(np.arange(-170, 60.1, step), np.arange(0, 84.1, step))
    )
    x0, x1, y0, y1 = EUROPE
    outside = ~((lons >= x0) & (lons <= x1) & (lats >= y0) & (lats <= y1))
    fine = step / 2
    fine_lons, fine_lats = np.meshgrid(
        np.arange(x0, x1 + fine / 2, fine), np.arange(y0, y1 + fine / 2, fine)
    )
    lons = np.concatenate([lons[outside], fine_lons.ravel()])
    lats = np.concatenate([lats[outside], fine_lats.ravel()])
    verdicts = article6_verdicts(lats, lons, target=target, on=on)
    codes = {"yes": 2.0, "contested": 1.0, "no": 0.0}
    return (tuple(lons.ravel()), tuple(lats.ravel()), tuple(codes[v.covered] for v in verdicts))


def article6_figure(
    lat: float, lon: float, label: str, covered: Covered, target: Target, on: str
) -> dict[str, Any]:
    """The treaty area shaded (blue inside, orange contested), outlines, and the chosen place.

    The frame shows North America and Europe, widened to take in a place outside them (Hawaii,
    the Caribbean); a place far away (Guam) gets a frame of its own around it."""
    frame = map_frame(lat, lon)
    lons, lats = outline_lines(frame)
    grid_lon, grid_lat, codes = treaty_area(target, on)
    data: list[dict[str, Any]] = []
    for name, code, key in (
        ("inside the treaty area", 2.0, "yes"),
        ("contested", 1.0, "contested"),
    ):
        pick = [i for i, c in enumerate(codes) if c == code]
        data.append(
            {
                "type": "scattergeo",
                "lon": [grid_lon[i] for i in pick],
                "lat": [grid_lat[i] for i in pick],
                "mode": "markers",
                "name": f"{name} ({target})",
                "hoverinfo": "skip",
                "marker": {
                    "size": 5,
                    "color": VERDICT_COLOURS[key],
                    "symbol": VERDICT_SYMBOLS[key],
                    "opacity": 0.45,
                },
            }
        )
    data.append(
        {
            "type": "scattergeo",
            "lon": list(lons),
            "lat": list(lats),
            "mode": "lines",
            "line": {"width": 1, "color": "#555"},
            "hoverinfo": "skip",
            "showlegend": False,
        }
    )
    data.append(
        {
            "type": "scattergeo",
            "lon": [lon],
            "lat": [lat],
            # Named in the legend, not beside the marker: a long name written on the map ran off
            # its edge and over the shading (NATO Headquarters, Boulevard Léopold III, ...).
            "mode": "markers",
            "name": f"{plot_text(label)}: {covered}",
            "hovertemplate": f"{plot_text(label)}<extra></extra>",
            "marker": {"size": 14, "symbol": "star", "color": look.PALETTE["vermillion"]},
        }
    )
    return {
        "data": data,
        "layout": {
            "geo": {
                "showland": False,
                "showcoastlines": False,
                "showcountries": False,
                "showocean": False,
                "showlakes": False,
                "showrivers": False,
                "showframe": True,
                "projection": {"type": "mercator"},
                "lonaxis": {"range": [frame[0], frame[1]]},
                "lataxis": {"range": [frame[2], frame[3]]},
            },
            "height": 460,
            "margin": {"l": 0, "r": 0, "t": 40, "b": 0},
            "title": {
                "text": f"Article 6 on {plot_text(on)}: where an attack on {target} counts "
                "(text below)"
            },
            "legend": {"orientation": "h", "y": -0.05},
        },
    }


TREATY_FRAME = (-130.0, 60.0, 10.0, 78.0)  # lon min, lon max, lat min, lat max


def map_frame(lat: float, lon: float, pad: float = 8.0) -> tuple[float, float, float, float]:
    """The part of the world the Article 6 map shows for a chosen place (with some room
    around it)."""
    x0, x1, y0, y1 = TREATY_FRAME
    x0, x1 = min(x0, lon - 2.5 * pad), max(x1, lon + 2.5 * pad)
    y0, y1 = min(y0, lat - pad), max(y1, lat + pad)
    if x1 - x0 > 250:  # the place is far from both shores (Guam): show it on its own
        return (lon - 30, lon + 30, max(-80.0, lat - 20), min(84.0, lat + 20))
    return (max(-180.0, x0), min(180.0, x1), max(-80.0, y0), min(84.0, y1))


class Article6Map:
    """Pick a place or type coordinates, a target, a date and a kind of attack: see the verdict."""

    def __init__(
        self, place: str | None = None, target: Target = "forces", on: str | None = None
    ) -> None:
        """``place`` defaults to the first of ``places``, ``on`` to the case's day."""
        import ipywidgets as w

        self.places = load("places").set_index("place_id")
        place = self.places.index[0] if place is None else place
        on = f"{case().day:%Y-%m-%d}" if on is None else on
        self.place = w.Dropdown(
            # "" (not None, which a dropdown shows as a blank box): coordinates typed or clicked
            options=[("(type coordinates below)", "")]
            + [(f"{r['name']} ({r['country']})", pid) for pid, r in self.places.iterrows()],
            value=place,
            description="Place",
            layout=w.Layout(width="46em"),
        )
        self.lat = w.FloatText(description="Latitude", step=0.1)
        self.lon = w.FloatText(description="Longitude", step=0.1)
        self.target = w.ToggleButtons(
            options=[
                ("the place itself", "territory"),
                ("forces, ships or aircraft there", "forces"),
            ],
            value=target,
            description="Attack on",
            style={"button_width": "auto"},  # full labels, not "forces, ships or ai…"
        )
        self.on = w.Text(
            value=on, description="Date", placeholder="YYYY-MM-DD", continuous_update=False
        )
        # the days on which the covered area changed, 1949 to today: each stop redraws the map
        self.when = w.SelectionSlider(
            options=[(f"{day:%d %b %Y}", f"{day:%Y-%m-%d}") for day in change_days()],
            description="Last change",
            tooltip="Drag to step through the days the treaty area changed, 1949 to today",
            continuous_update=False,
            layout=w.Layout(width="46em"),
        )
        self._following = False
        self.attack = w.Dropdown(
            options=[("armed attack", "armed"), ("cyber operation", "cyber")], description="Kind"
        )
        self.verdict = w.HTML()
        self.map = LiveChart()
        self._moving = False
        self.map.on_click(self.pick_point)
        self.place.observe(self._on_place, names="value")
        self.when.observe(self._on_when, names="value")
        for control in (self.lat, self.lon, self.target, self.on, self.attack):
            control.observe(self.update, names="value")
        self.box = w.VBox(
            [
                self.place,
                w.HBox([self.lat, self.lon]),
                self.target,
                self.on,
                self.when,
                self.attack,
                self.verdict,
                self.map.box,
            ]
        )
        self.box.add_class("course-article6-map")  # a stable hook for CSS and browser tests
        self.result: Any = None
        self._on_place()

    def _on_place(self, _: object = None) -> None:
        if not self.place.value:
            return
        row = self.places.loc[self.place.value]
        self._moving = True
        self.lat.value, self.lon.value = float(row["lat"]), float(row["lon"])
        self._moving = False
        self.update()

    def pick_point(self, lat: float, lon: float) -> None:
        """A place clicked on the map: its coordinates replace the picked place (one redraw)."""
        self._moving = True
        self.place.value = ""  # "(type coordinates below)"
        self.lat.value, self.lon.value = round(lat, 2), round(lon, 2)
        self._moving = False
        self.update()

    def _on_when(self, _: object = None) -> None:
        if not self._following:
            self.on.value = self.when.value

    def _follow(self, on: str) -> None:
        """Put the slider on the last change at or before a typed date (without moving it)."""
        day = f"{as_date(on):%Y-%m-%d}"
        stops = [value for _, value in self.when.options]
        self._following = True
        self.when.value = max((s for s in stops if s <= day), default=stops[0])
        self._following = False

    def label(self) -> str:
        if self.place.value:
            row = self.places.loc[self.place.value]
            if abs(row["lat"] - self.lat.value) < 1e-9 and abs(row["lon"] - self.lon.value) < 1e-9:
                return str(row["name"])
        return f"{self.lat.value:.2f}, {self.lon.value:.2f}"

    def update(self, _: object = None) -> None:
        if self._moving:
            return
        try:
            self.result = article6_verdict(
                self.lat.value,
                self.lon.value,
                target=self.target.value,
                on=self.on.value,
                attack=self.attack.value,
            )
        except ValueError as err:
            self.result = None
            self.verdict.value = (
                f"<p role='status'><b>Cannot judge this: {escape(str(err))}.</b></p>"
            )
            self.map.hide()
            return
        self._follow(self.on.value)
        v = self.result
        words = {
            "yes": "Yes: inside the treaty area",
            "no": "No: outside the treaty area",
            "contested": "Contested: the text does not settle it",
        }[v.covered]
        clause = "" if v.clause is None else f"<blockquote>{escape(v.clause)}</blockquote>"
        self.verdict.value = (
            f"<p role='status'><b>{words}.</b> {escape(v.reason)}</p>"
            f"<p><small>Text of Article 6 applied: {v.version} version.</small></p>{clause}"
        )
        self.map.draw(
            article6_figure(
                self.lat.value,
                self.lon.value,
                self.label(),
                v.covered,
                self.target.value,
                self.on.value,
            )
        )

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        bundle = self.box._repr_mimebundle_(**kwargs)
        if isinstance(bundle, dict) and self.result is not None:
            bundle["text/plain"] = f"Article 6: {self.result.covered}. {self.result.reason}"
        return bundle


def translated_html(row: Any, body: str) -> str:
    """A clause as a learner reads it: English first; a text in another language comes with its
    English translation (saying whose) and the original beside it, marked with its language so
    a screen reader pronounces it right. ``body`` is the original, already marked up."""
    english = row.get("text_en")
    if not isinstance(english, str) or not english.strip():
        return f"<blockquote lang='en'>{body}</blockquote>"
    # The one non-English treaty text is Russian (the CSTO's); Cyrillic says so without a column.
    russian = re.search("[\u0400-\u04ff]", str(row.get("text", ""))) is not None
    language, named = ("ru", " (Russian)") if russian else ("und", "")
    by = row.get("translated_by")
    whose = f"English translation: {escape(str(by))}" if isinstance(by, str) and by else ""
    return (
        "<blockquote lang='en'>"
        + "".join(f"<p>{escape(line)}</p>" for line in english.splitlines() if line.strip())
        + "</blockquote>"
        + (f"<p><small>{whose}</small></p>" if whose else "")
        + f"<details><summary>The original text{named}</summary>"
        + f"<blockquote lang='{escape(language)}'>{body}</blockquote></details>"
    )
