"""Look at the whole course in a minute: one PNG per lesson and per widget, as learners see it.

    make screenshots            # every lesson
    make screenshots NB=02      # lessons whose file name starts with 02

Writes into ``test-artifacts/screenshots/`` (git-ignored):

- ``lab/NN_name/NN-<widget>.png``: JupyterLab at 1280x800 after "Run All", scrolled to each course
  widget in turn (the window a learner sees);
- ``voila/NN_name-1280x800.png``: the whole lesson as Voila renders it on a laptop screen;
- ``voila/NN_name-projector.png``: the same page as a classroom projector shows it (1024x768 at
  150% zoom, the size the legibility checks use);
- ``index.html``: every picture on one page, lesson by lesson.

Offline (the browser may not leave 127.0.0.1), with the browser tests' own servers and helpers.
"""

from __future__ import annotations

import argparse
import html
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "browser"))

import harness  # noqa: E402  (the browser tests' server and page helpers)
from interactions import LESSONS  # noqa: E402

OUT = ROOT / "test-artifacts" / "screenshots"
LAPTOP: dict[str, Any] = {"viewport": {"width": 1280, "height": 800}}
PROJECTOR: dict[str, Any] = {"viewport": {"width": 1024, "height": 768}, "device_scale_factor": 1.5}


def lab_shots(browser: Any, base: str, name: str) -> list[Path]:
    """Each ``course-*`` widget of a lesson, run in JupyterLab, one picture each."""
    folder = OUT / "lab" / Path(name).stem
    folder.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(**LAPTOP)
    page = context.new_page()
    shots: list[Path] = []
    try:
        harness.open_lab_notebook(page, base, name)
        harness.run_all_cells(page)
        lesson = LESSONS[name]
        harness.wait_rendered(page, lesson.hooks, lesson.plots)
        number = 0
        for hook in lesson.hooks:
            widgets = page.locator(f".{hook}")
            for index in range(widgets.count()):
                number += 1
                path = folder / f"{number:02d}-{hook.removeprefix('course-')}-{index + 1}.png"
                # What a learner sees on a laptop with the widget at the top of the window (a
                # picture of the element alone breaks inside JupyterLab's scrolling notebook).
                widgets.nth(index).evaluate("e => e.scrollIntoView({block: 'start'})")
                page.wait_for_timeout(300)
                page.screenshot(path=str(path))
                shots.append(path)
    finally:
        context.close()
        harness.shutdown_kernels(base)
    return shots


def voila_shots(browser: Any, base: str, name: str) -> list[Path]:
    """The whole Voila page, on a laptop and on a projector."""
    folder = OUT / "voila"
    folder.mkdir(parents=True, exist_ok=True)
    shots: list[Path] = []
    for label, size in (("1280x800", LAPTOP), ("projector", PROJECTOR)):
        context = browser.new_context(**size)
        page = context.new_page()
        try:
            harness.open_voila(page, base, name)
            lesson = LESSONS[name]
            harness.wait_rendered(page, lesson.hooks, lesson.plots)
            path = folder / f"{Path(name).stem}-{label}.png"
            # Voila's page scrolls inside its own container, so a "full page" picture would stop
            # at the window: make the window as tall as the lesson instead.
            height = page.evaluate(
                "() => Math.max(...[document.documentElement, document.body,"
                " ...document.querySelectorAll('#rendered_cells, .jp-LabShell, main')]"
                ".map(e => e.scrollHeight))"
            )
            page.set_viewport_size(
                {"width": size["viewport"]["width"], "height": min(height, 16000)}
            )
            page.wait_for_timeout(500)  # charts resize to the new window
            page.screenshot(path=str(path), full_page=True)
            shots.append(path)
        finally:
            context.close()
    return shots


def index(shots: dict[str, list[Path]]) -> Path:
    """One page with every picture, so a reviewer scrolls the course instead of opening files."""
    parts = ["<!doctype html><meta charset='utf-8'><title>Course screenshots</title>"]
    for name, paths in shots.items():
        parts.append(f"<h2>{html.escape(name)}</h2>")
        for path in paths:
            relative = path.relative_to(OUT).as_posix()
            parts.append(
                f"<figure><img src='{html.escape(relative)}' style='max-width:100%' "
                f"alt='{html.escape(path.stem)}'><figcaption>{html.escape(relative)}"
                "</figcaption></figure>"
            )
    page = OUT / "index.html"
    page.write_text("\n".join(parts), encoding="utf-8")
    return page


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lessons", default="", help="only lessons whose name starts with this")
    args = parser.parse_args()
    if harness.CHROMIUM is None:
        print("make screenshots needs Chromium: apt-get install -y chromium", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    names = sorted(n for n in LESSONS if n.startswith(args.lessons))
    if not names:
        print(f"no lesson starts with {args.lessons!r}", file=sys.stderr)
        return 1
    shots: dict[str, list[Path]] = {}
    lab_port, voila_port = harness.free_port(), harness.free_port()
    lab_command, lab_env = harness.lab_command(lab_port, Path(tempfile.mkdtemp(prefix="shots-")))
    voila_command, voila_env = harness.voila_command(voila_port)
    lab = f"http://127.0.0.1:{lab_port}/"
    voila = f"http://127.0.0.1:{voila_port}/"
    with (
        harness.server(
            "screenshots-lab", lab_command, f"{lab}api/status?token={harness.TOKEN}", lab_env
        ),
        harness.server("screenshots-voila", voila_command, voila, voila_env),
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(
            executable_path=harness.CHROMIUM, headless=True, args=harness.CHROMIUM_ARGS
        )
        for name in names:
            shots[name] = lab_shots(browser, lab, name) + voila_shots(browser, voila, name)
            print(f"{name}: {len(shots[name])} pictures", flush=True)
        browser.close()
    print(f"open {index(shots)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
