"""Performance figures for the course (a benchmark that prints numbers, not a test).

For each lesson and for a "floor" notebook (import pandas, plotly.express and ipywidgets and show
one small figure: the least any lesson can cost), measured the same way in the same run:
wall time from kernel start to the last cell (median of N runs, fresh kernel each run), its ratio
to the floor, the kernel's peak resident memory, and the committed file size. For each widget, 50
changes: the callback time in the kernel, and in Chromium the time from the learner's input to
the redrawn chart (tools/bench_browser.py). Each lesson's Voila render (as `make present` serves
it). Then the wall time of `make test`. Targets: ratio <= 2.0, kernel RSS <= 250 MB, file <= 150
KB, callback p95 <= 50 ms, browser p95 <= 100 ms, Voila render < 5 s.

    .venv/bin/python tools/bench.py [--runs 5] [--skip-suite]
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import nbformat
import psutil
from bench_browser import browser_latency, p50_p95  # tools/: the browser half of the figures

from notebooks import run

ROOT = Path(__file__).resolve().parent.parent
FLOOR_SOURCE = """import pandas as pd
import plotly.express as px
import ipywidgets

px.bar(pd.DataFrame({"x": ["a", "b"], "y": [1, 2]}), x="x", y="y").show()"""
TARGETS = {
    "ratio": 2.0,
    "rss_mb": 250.0,
    "size_kb": 150.0,
    "suite_s": 150.0,
    "browser_ms": 100.0,
    "voila_s": 5.0,
}


def peak_rss_mb(pid: int) -> float:
    """The kernel's peak resident set (Linux VmHWM); elsewhere, the current RSS."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float(psutil.Process(pid).memory_info().rss) / 2**20


def run_once(path: Path) -> tuple[float, float]:
    """Execute a notebook in a fresh kernel: (seconds, peak kernel RSS in MB)."""
    peak = [0.0]
    kernel: list[Any] = []
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            if kernel:
                with contextlib.suppress(psutil.Error, OSError, AttributeError):
                    peak[0] = max(peak[0], peak_rss_mb(kernel[0].provisioner.process.pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    start = time.perf_counter()
    run(path, on_kernel=kernel.append)
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    return seconds, peak[0]


def measure(path: Path, runs: int) -> tuple[float, float]:
    results = [run_once(path) for _ in range(runs)]
    return statistics.median(s for s, _ in results), max(r for _, r in results)


def callback_times(changes: int = 50) -> list[tuple[str, float, float]]:
    """p50/p95 milliseconds of each widget's callback over ``changes`` slider/button changes.

    Runs the same callbacks the kernel runs (outside a kernel plotly prints its figure, so stdout
    is swallowed); target 50 ms.
    """
    import io

    from widgets.escalation.crisis_view import CrisisGameView
    from widgets.escalation.game_view import GameExplorer
    from widgets.escalation.models_view import (
        ambiguity_explorer,
        brinkmanship_explorer,
        deterrence_explorer,
        dilemma_explorer,
    )
    from widgets.timeline.enlargement_view import members_slider
    from widgets.timeline.view import TimelineView

    def sweep(control: Any, values: list[Any]) -> list[float]:
        times = []
        for i in range(changes):
            start = time.perf_counter()
            control.value = values[i % len(values)]
            times.append((time.perf_counter() - start) * 1000)
        return times

    results = []
    with contextlib.redirect_stdout(io.StringIO()):
        noisy = GameExplorer()
        noisy.rational.value = False
        cases: list[tuple[str, Any, list[Any]]] = [
            ("deterrence explorer (q)", deterrence_explorer().controls["q"], [0.2, 0.5, 0.8]),
            ("ambiguity explorer", ambiguity_explorer().controls["moral_hazard"], [0.5, 1, 2]),
            ("brinkmanship explorer", brinkmanship_explorer().controls["p_hard"], [0.2, 0.4]),
            ("alliance dilemma", dilemma_explorer().controls["dependence"], [2, 5, 8]),
            ("game explorer (logit noise)", noisy.rationality, [1.0, 2.0, 4.0]),
            ("crisis game (slider)", CrisisGameView().sliders["iran_no_response"], [-3, -1, 1]),
            ("members slider (lesson 00)", members_slider().children[0], [1990, 2005, 2020]),
        ]
        from widgets.treaty.view import Article6Map, ComparisonExplorer

        cases.append(
            ("comparison: sort", ComparisonExplorer().sort, ["year signed", "treaty name"])
        )
        article6 = Article6Map()
        cases.append(
            (
                "article 6 map: pick a place",
                article6.place,
                ["incirlik-air-base", "ceuta", "pearl-harbor", "ain-al-asad-air-base"],
            )
        )
        timeline = TimelineView()
        cases += [
            ("timeline: search", timeline.search, ["brain", "", "nato", ""]),
            ("timeline: known by", timeline.known, [v for _, v in timeline.known.options[::40]]),
            ("timeline: one side", timeline.lanes["Iraq"], [False, True]),
            (
                "timeline: pick an event",
                timeline.pick,
                [v for _, v in timeline.pick.options][21:27],  # 0: what to choose
            ),
        ]
        for name, control, values in cases:
            before = control.value
            times = sweep(control, values)
            control.value = before  # leave the widget as found
            results.append((name, *p50_p95(times)))
    return results


def article6_points_per_second() -> float:
    """Throughput of the vectorised Article 6 engine on a 10,000-point grid (best of 3)."""
    import numpy as np

    from widgets.treaty import article6_verdicts

    lons, lats = np.meshgrid(np.linspace(-100, 60, 125), np.linspace(0, 85, 80))
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        article6_verdicts(lats.ravel(), lons.ravel(), target="territory", on="2020-01-06")
        best = min(best, time.perf_counter() - start)
    return lons.size / best


def voila_render_times() -> list[tuple[str, float]]:
    """Seconds from request to the whole page for each lesson, served as `make present` does."""
    import urllib.request

    # the same module bench_browser imports (it put tests/browser on sys.path), not a second copy
    from harness import TOKEN, free_port, server, voila_command

    port = free_port()
    command, env = voila_command(port)
    times = []
    with server("bench-voila", command, f"http://127.0.0.1:{port}/", env):
        for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
            start = time.perf_counter()
            url = f"http://127.0.0.1:{port}/voila/render/{path.name}?token={TOKEN}"
            with urllib.request.urlopen(url, timeout=300) as response:
                response.read()
            times.append((path.name, time.perf_counter() - start))
    return times


def browser_table() -> dict[str, tuple[float, float]]:
    """Input-to-redraw p50/p95 in Chromium (tools/bench_browser.py), or nothing without one."""
    try:
        return {name: (p50, p95) for name, p50, p95 in browser_latency()}
    except RuntimeError as err:
        print(f"browser latency not measured: {err}")
        return {}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--skip-suite", action="store_true", help="do not time `make test`")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        floor_path = Path(scratch) / "floor.ipynb"
        nbformat.write(
            nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(FLOOR_SOURCE)]), floor_path
        )
        floor_s, floor_rss = measure(floor_path, args.runs)
    print(f"machine: {psutil.cpu_count()} cores, Python {sys.version.split()[0]}; runs={args.runs}")
    print(f"{'notebook':<28}{'median s':>10}{'ratio':>8}{'peak RSS MB':>13}{'file KB':>9}  verdict")
    print(f"{'floor (pandas+px+widgets)':<28}{floor_s:>10.2f}{1.0:>8.2f}{floor_rss:>13.0f}{'-':>9}")
    ok = True
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        seconds, rss = measure(path, args.runs)
        ratio, size_kb = seconds / floor_s, path.stat().st_size / 1024
        good = (
            ratio <= TARGETS["ratio"] and rss <= TARGETS["rss_mb"] and size_kb <= TARGETS["size_kb"]
        )
        ok &= good
        verdict = "ok" if good else "OVER TARGET"
        print(f"{path.name:<28}{seconds:>10.2f}{ratio:>8.2f}{rss:>13.0f}{size_kb:>9.1f}  {verdict}")
    print(
        f"targets: ratio <= {TARGETS['ratio']}, RSS <= {TARGETS['rss_mb']:.0f} MB, "
        f"file <= {TARGETS['size_kb']:.0f} KB"
    )
    kernel = {name: (p50, p95) for name, p50, p95 in callback_times()}
    browser = browser_table()
    print(
        f"\n{'widget (50 changes each)':<30}{'kernel p50':>11}{'p95':>7}"
        f"{'browser p50':>13}{'p95':>7}"
        "  (targets: kernel p95 <= 50 ms, "
        f"input to redrawn chart p95 <= {TARGETS['browser_ms']:.0f} ms)"
    )
    for name in sorted(set(kernel) | set(browser), key=lambda n: (n not in browser, n)):
        k50, k95 = kernel.get(name, (float("nan"), float("nan")))
        b50, b95 = browser.get(name, (float("nan"), float("nan")))
        good = not k95 > 50 and not b95 > TARGETS["browser_ms"]  # a missing figure is not a failure
        ok &= good
        print(
            f"{name:<30}{k50:>11.1f}{k95:>7.1f}{b50:>13.1f}{b95:>7.1f}  "
            f"{'ok' if good else 'OVER TARGET'}"
        )
    print(
        f"article 6 engine: {article6_points_per_second():,.0f} points per second (target 50,000)"
    )
    print(f"\n{'Voila render (make present)':<30}{'seconds':>8}")
    for name, seconds in voila_render_times():
        good = seconds < TARGETS["voila_s"]
        ok &= good
        print(f"{name:<30}{seconds:>8.1f}  {'ok' if good else 'OVER TARGET'}")
    if not args.skip_suite:
        start = time.perf_counter()
        suite = subprocess.run(["make", "test"], cwd=ROOT, capture_output=True, text=True)
        wall = time.perf_counter() - start
        status = "passed" if suite.returncode == 0 else f"FAILED (exit {suite.returncode})"
        fast = wall < TARGETS["suite_s"]
        verdict = "ok" if fast and suite.returncode == 0 else "NOT OK"
        print(
            f"make test: {wall:.0f} s wall, {status}; target < {TARGETS['suite_s']:.0f} s:", verdict
        )
    print("all within targets" if ok else "some figures are over target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
