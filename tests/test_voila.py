"""Every lesson renders in Voila (the projected, code-free view): HTTP 200 and no error output.

Voila executes lessons with nbclient's asyncio client. When a cell displays a figure inside an
Output widget, nbclient sends the widget's state back on the shell channel while it waits there for
the cell's reply, and for some figures it then misses the reply until the cell timeout expires
(seen deterministically for the Article 6 map; the rendered page is complete and correct after
the wait). A 10 s cell timeout, far above any lesson cell (< 2 s), bounds that wait, as
`make present` does.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))


@pytest.fixture(scope="module")
def voila() -> Iterator[str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [
        sys.executable,
        "-m",
        "voila",
        "--no-browser",
        "--Voila.ip=127.0.0.1",
        f"--port={port}",
        f"--Voila.root_dir={ROOT / 'notebooks'}",
        "--VoilaExecutor.timeout=10",
        "--template=course",  # as `make present`: share/jupyter/voila/templates/course
    ]
    env = {**os.environ, "JUPYTER_PATH": str(ROOT / "share" / "jupyter")}
    server = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/", timeout=5)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("Voila did not start within 60 s") from None
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_lesson_renders_in_voila(voila: str, name: str) -> None:
    start = time.perf_counter()
    with urllib.request.urlopen(f"{voila}/voila/render/{name}", timeout=180) as response:
        status, page = response.status, response.read().decode("utf-8")
    seconds = time.perf_counter() - start
    print(f"Voila render {name}: {seconds:.1f} s")
    assert status == 200
    assert "application/vnd.jupyter.stderr" not in page and "Traceback" not in page
    assert "There was an error when executing cell" not in page
    assert "application/vnd.jupyter.widget-view+json" in page, "the lesson's widgets are rendered"
    assert "cdn.jsdelivr.net" not in page, "the course template loads nothing from a CDN"
    assert 'id="rendered_cells" role="main"' in page, "the lesson is the page's main landmark"
