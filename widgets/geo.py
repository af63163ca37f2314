"""Offline maps: country outlines drawn as plain line traces, with every plotly base layer off.

plotly's own geo layers are fetched from a CDN at display time, which fails offline and under some
server prefixes. Drawing the outlines from ``data/map_outlines.csv`` as ordinary traces needs no
download and no URL at all, so the same figure works in JupyterLab, Voila, JupyterHub and Binder.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any

from widgets import look
from widgets.data import load
from widgets.markup import plot_text

Ring = tuple[tuple[float, ...], tuple[float, ...]]


@cache
def _rings() -> tuple[Ring, ...]:
    """Every outline: the countries (Natural Earth 1:110m), and the small territories that scale
    leaves out (Guam, Bermuda, the Faroes, the Caribbean islands), from the Article 6 land table
    (Natural Earth 1:50m), so a small island is drawn when a learner picks it."""
    countries = load("map_outlines")
    small = load("article6_land")
    small = small[~small["code"].isin(set(countries["country"]))]
    rings = []
    for points in [*countries["points"], *small["points"]]:
        pairs = [pair.split(",") for pair in str(points).split()]
        rings.append((tuple(float(x) for x, _ in pairs), tuple(float(y) for _, y in pairs)))
    return tuple(rings)


@lru_cache(maxsize=64)  # one entry per frame shown: bounded, as a learner can type any place
def outline_lines(
    frame: tuple[float, float, float, float] | None = None,
) -> tuple[tuple[float | None, ...], tuple[float | None, ...]]:
    """The outlines as one pair of lon/lat sequences, rings separated by None (one trace).

    With ``frame`` (lon min, lon max, lat min, lat max), only the rings that reach into it: a
    map resends its whole figure on every change, so it carries only what it shows."""
    lons: list[float | None] = []
    lats: list[float | None] = []
    for xs, ys in _rings():
        if frame is not None:
            x0, x1, y0, y1 = frame
            if max(xs) < x0 or min(xs) > x1 or max(ys) < y0 or min(ys) > y1:
                continue
        lons += [*xs, None]
        lats += [*ys, None]
    return tuple(lons), tuple(lats)


def place_map(lat: float, lon: float, label: str, span: float = 12.0) -> Any:
    """A small map centred on a place, with a marker and its label."""
    import plotly.graph_objects as go

    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueError(
            f"({lat}, {lon}) is not a place on Earth: latitude -90..90, longitude -180..180"
        )
    look.apply()
    lons, lats = outline_lines((lon - span, lon + span, lat - span, lat + span))
    figure = go.Figure(
        [
            go.Scattergeo(
                lon=lons,
                lat=lats,
                mode="lines",
                line={"width": 1, "color": "#777"},
                hoverinfo="skip",
                showlegend=False,
            ),
            go.Scattergeo(
                lon=[lon],
                lat=[lat],
                mode="markers+text",
                text=[plot_text(label)],  # a place name from the data: no plotly markup
                textposition="top center",
                marker={"size": 12, "color": look.PALETTE["vermillion"], "symbol": "star"},
                showlegend=False,
            ),
        ]
    )
    figure.update_geos(
        showland=False,
        showcoastlines=False,
        showcountries=False,
        showocean=False,
        showlakes=False,
        showrivers=False,
        showframe=True,
        projection_type="mercator",
        lonaxis_range=[lon - span, lon + span],
        lataxis_range=[max(-85.0, lat - span * 0.7), min(85.0, lat + span * 0.7)],
    )
    figure.update_layout(height=300, width=420, margin={"l": 0, "r": 0, "t": 10, "b": 0})
    return figure
