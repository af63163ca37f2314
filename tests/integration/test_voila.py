"""Every lesson renders in Voila (the projected, code-free view): HTTP 200 and no error output.

Voila runs with no cell timeout, as `make present` does. Charts that widgets redraw used to be
shown inside Output widgets, and nbclient then missed a cell's reply until a cell timeout expired
(10 s, seen deterministically for the Article 6 map); they are widgets whose state is the figure
now (widgets.chart.LiveChart), and a stall would hang this test until its 180 s limit. The render
times are printed (`pytest -s`); `make bench` reports them as figures.
"""

from __future__ import annotations

import html
import json
import re
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

# The server helpers the browser tests use (tests/browser/harness.py, put on the path by
# tests/integration/conftest.py; no browser needed here).
from harness import TOKEN, free_port, server, voila_command
from leaks import leaks_in

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))


@pytest.fixture(scope="module")
def voila() -> Iterator[str]:
    port = free_port()
    command, env = voila_command(port)  # as `make present` runs it
    with server("voila-http", command, f"http://127.0.0.1:{port}/", env):
        yield f"http://127.0.0.1:{port}"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_lesson_renders_in_voila(voila: str, name: str) -> None:
    start = time.perf_counter()
    url = f"{voila}/voila/render/{name}?token={TOKEN}"
    with urllib.request.urlopen(url, timeout=180) as response:
        status, page = response.status, response.read().decode("utf-8")
    seconds = time.perf_counter() - start
    print(f"Voila render {name}: {seconds:.1f} s")
    assert status == 200
    assert "application/vnd.jupyter.stderr" not in page and "Traceback" not in page
    assert "There was an error when executing cell" not in page
    assert "application/vnd.jupyter.widget-view+json" in page, "the lesson's widgets are rendered"
    assert "cdn.jsdelivr.net" not in page, "the course template loads nothing from a CDN"
    assert 'id="rendered_cells" role="main"' in page, "the lesson is the page's main landmark"
    leaks = leaks_in(page_words(page))
    assert not leaks, f"curators' words or raw ids in the page or its widget state: {leaks}"


def page_words(page: str) -> str:
    """The rendered page as words: HTML entities and the JSON escapes of the widget state it
    embeds undone, so a note hidden in a widget's state is found as readily as one on screen."""
    text = html.unescape(page)
    return re.sub(r'"(?:[^"\\]|\\.)*"', _json_string, text)


def _json_string(match: re.Match[str]) -> str:
    try:
        value = json.loads(match.group(0))
    except ValueError:
        return match.group(0)
    return value if isinstance(value, str) else match.group(0)
