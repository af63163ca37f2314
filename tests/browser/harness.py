"""What the browser tests share: servers on 127.0.0.1, a Chromium that may not leave it, and
helpers that drive the course's widgets the way a learner does (keyboard, clicks, menus).

Every wait here is on a condition in the page or on a server answering, never a fixed sleep.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = Path(__file__).resolve().parent / "node_modules"
ARTIFACTS = ROOT / "test-artifacts" / "browser"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# The flags a root user on a machine with no outside network needs (see the developers' guide).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
TOKEN = "course-browser-test"
SLOW = 120_000  # ms: the longest any condition may take (a whole lesson running on 2 cores)

# Page errors that are not ours and change nothing a learner sees (stack-notes §7): the plotly 7.1.0
# lab extension calls an API that Voila's older JupyterLab front end lacks; figures still draw.
# anywidget's own error when a busy page took over 2 s to load a chart's module: the chart then
# takes its messages itself and still draws (tests/browser/test_chart.py); one that does not is
# reported by health() as a chart that never drew.
KNOWN_PAGE_ERRORS = ("r.setData is not a function", "[anywidget] Failed to initialize model.")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def server(
    name: str, command: list[str], ready: str, env: dict[str, str] | None = None, cwd: Path = ROOT
) -> Iterator[Path]:
    """Run a server until `ready` answers HTTP (any status below 500); yield its log file."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log = ARTIFACTS / f"{name}.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            command,
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, **(env or {})},
            cwd=cwd,
        )
        try:
            deadline = time.monotonic() + 90
            while not _answers(ready):
                if process.poll() is not None:
                    raise RuntimeError(f"{name} exited with {process.returncode}; see {log}")
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{name} did not answer {ready} within 90 s; see {log}")
                time.sleep(0.2)
            yield log
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5):
            return True
    except urllib.error.HTTPError as err:
        return err.code < 500
    except OSError:
        return False


def lab_command(port: int, scratch: Path) -> tuple[list[str], dict[str, str]]:
    """A JupyterLab on 127.0.0.1 with the test token, serving a copy of the lessons from
    `scratch`, with the test settings and its own progress folder: (command, environment)."""
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        f"--ServerApp.token={TOKEN}",
        f"--ServerApp.root_dir={course_copy(scratch / 'course')}",
        "--ServerApp.allow_root=True",
        f"--LabApp.workspaces_dir={scratch / 'workspaces'}",
    ]
    env = {
        "JUPYTERLAB_SETTINGS_DIR": str(lab_settings(scratch / "settings")),
        "ALLIANCE_COURSE_HOME": str(scratch / "progress"),
    }
    return command, env


def voila_command(port: int, max_kernels: int = 12) -> tuple[list[str], dict[str, str]]:
    """Voila as `make present` runs it (tools/present.py), serving every lesson, with the test
    token: the course template and server settings (culling, a kernel cap, local names only)."""
    sys.path.insert(0, str(ROOT / "tools"))
    from present import voila_command as present_command

    return present_command(port, token=TOKEN, max_kernels=max_kernels)


def lab_settings(directory: Path) -> Path:
    """JupyterLab user settings for the tests: no "Jupyter news?" toast over the widgets, and no
    autosave (the tests serve a copy of the lessons anyway: see `course_copy`)."""
    extension = directory / "@jupyterlab" / "apputils-extension"
    notification = extension / "notification.jupyterlab-settings"
    notification.parent.mkdir(parents=True, exist_ok=True)
    notification.write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    docmanager = directory / "@jupyterlab" / "docmanager-extension" / "plugin.jupyterlab-settings"
    docmanager.parent.mkdir(parents=True, exist_ok=True)
    docmanager.write_text(json.dumps({"autosave": False}))
    return directory


def course_copy(directory: Path) -> Path:
    """A throw-away copy of the lessons to serve: a browser that runs a notebook may save it, and
    the repository's notebooks must stay in their committed, output-free form."""
    shutil.copytree(ROOT / "notebooks", directory / "notebooks")
    return directory


class Guard:
    """Fails whatever leaves 127.0.0.1 (the request is aborted and recorded) and collects page
    errors, so a test can assert that the course runs offline and without script errors."""

    def __init__(self, context: Any) -> None:
        self.external: list[str] = []
        self.page_errors: list[str] = []
        context.route("**/*", self._route)

    def _route(self, route: Any) -> None:
        url = route.request.url
        if urlsplit(url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            self.external.append(url)
            route.abort("internetdisconnected")

    def watch(self, page: Any) -> Any:
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        return page

    def problems(self) -> list[str]:
        found = [f"request left 127.0.0.1: {url}" for url in self.external]
        found += [
            f"page error: {error}"
            for error in self.page_errors
            if not any(known in error for known in KNOWN_PAGE_ERRORS)
        ]
        return found


# --- Pages -----------------------------------------------------------------------------------


def open_lab_notebook(page: Any, base: str, name: str, token: str | None = TOKEN) -> None:
    """Open a lesson in JupyterLab with a fresh workspace and wait for an idle kernel."""
    query = "?reset" + (f"&token={token}" if token else "")
    page.goto(f"{base}lab/tree/notebooks/{name}{query}")
    page.wait_for_selector('.jp-StatusBar-TextItem:has-text("| Idle")', timeout=SLOW)


def run_all_cells(page: Any) -> None:
    """Run > Run All Cells, then wait until every code cell has an execution count."""
    page.click('.lm-MenuBar-itemLabel:text-is("Run")')
    page.click('.lm-Menu-itemLabel:text-is("Run All Cells")')
    page.wait_for_function(
        """() => {
          const prompts = [
            ...document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputPrompt')
          ];
          return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
        }""",
        timeout=SLOW,
    )


def open_voila(page: Any, base: str, name: str) -> None:
    """Open a lesson in Voila and wait until its kernel has run every cell."""
    page.goto(f"{base}voila/render/{name}?token={TOKEN}")
    # Voila shows its spinner until the last cell has run and the widgets are attached.
    page.wait_for_selector("#rendered_cells", timeout=SLOW)
    page.wait_for_function(
        "() => !document.querySelector('#loading') || "
        "getComputedStyle(document.querySelector('#loading')).display === 'none'",
        timeout=SLOW,
    )


def wait_rendered(page: Any, hooks: dict[str, int], plots: int) -> None:
    """Wait until each course widget (by its `course-*` class) and every chart is on the page."""
    for hook, count in hooks.items():
        page.wait_for_function(
            f"() => document.querySelectorAll('.{hook}').length >= {count}", timeout=SLOW
        )
    page.wait_for_function(
        f"""() => {{
          // Charts on the page; a chart a widget keeps hidden until it has something to draw
          // (an event's map before an event is picked) is not counted.
          const plots = [...document.querySelectorAll('.js-plotly-plot')]
            .filter(p => p.offsetParent !== null);
          return plots.length >= {plots} && plots.every(p => p.querySelector('.main-svg'));
        }}""",
        timeout=SLOW,
    )
    page.wait_for_function(
        "() => ![...document.querySelectorAll('.jupyter-widgets, .jp-OutputArea-output')]"
        ".some(e => e.textContent.includes('Loading widget'))",
        timeout=SLOW,
    )
    # A chart built empty and filled in place has its SVG a moment before its data: on a loaded
    # machine (the browser tests run side by side) that moment can be seconds. Give it time, but
    # do not fail here: health() reports a chart that stays empty.
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(
            """() => [...document.querySelectorAll('.js-plotly-plot')]
              .filter(p => p.offsetParent !== null && p.querySelector('.main-svg'))
              .every(p => (p.data || []).length)""",
            timeout=30_000,
        )


def health(page: Any, hooks: dict[str, int], plots: int) -> list[str]:
    """What is wrong with a rendered lesson, in words (empty when all is well)."""
    report: dict[str, Any] = page.evaluate(
        """(hooks) => {
          const text = document.body.textContent;
          const raw = [...document.querySelectorAll('.jp-RenderedText, pre')]
            .map(e => e.textContent.trim())
            .filter(t => /^(VBox|HBox|GridBox|Output|\\w+Slider|Dropdown)\\(|^<widgets\\./.test(t));
          const shown = [...document.querySelectorAll('.js-plotly-plot')]
            .filter(p => p.offsetParent !== null);
          const blank = shown.filter(p => {
            const box = p.getBoundingClientRect();
            return !p.querySelector('.main-svg') || box.width < 50 || box.height < 50;
          }).length;
          // A drawn chart with no data: plotly's own property on the chart's element.
          // Named by the course widget that holds it, so a failure says which chart.
          const empty = shown.filter(p => p.querySelector('.main-svg') && !(p.data || []).length)
            .map(p => {
              const names = [];
              for (let e = p; e; e = e.parentElement) {
                names.push(...[...e.classList].filter(c => c.startsWith('course-')));
              }
              const box = p.getBoundingClientRect();
              const asked = p.dataset.courseTraces === undefined ? ''
                : `, asked for ${p.dataset.courseTraces} traces`;
              const failed = p.dataset.courseError ? `, ${p.dataset.courseError}` : '';
              return `${names.join(' < ') || 'a chart outside any widget'}`
                + ` (${Math.round(box.width)}x${Math.round(box.height)}${asked}${failed})`;
            });
          // A chart box on the page whose chart never drew (its figure never reached the page).
          const undrawn = [...document.querySelectorAll('.course-chart')]
            .filter(b => b.offsetParent !== null && !b.querySelector('.js-plotly-plot'))
            .map(b => {
              const owner = b.closest('[class*="course-"]:not(.course-chart)') || b;
              const names = [b, owner].map(e => [...e.classList]
                .filter(c => c.startsWith('course-')).join(' ')).join(' < ');
              const view = b.querySelector('[data-course-chart]');
              const state = view
                ? ` (${view.dataset.courseChart}, asked ${view.dataset.courseAsks || 0} times`
                  + `${view.dataset.courseAnywidget ? ', anywidget failed' : ''})`
                : ' (no chart view)';
              return names + state;
            });
          // Keyboard reachability: every visible control in a course widget takes Tab focus.
          const controls = '[class*="course-"] :is(button, select, input, textarea, [role=slider])';
          const unreachable = [...document.querySelectorAll(controls)]
            .filter(e => e.offsetParent !== null && !e.disabled && e.tabIndex < 0)
            .map(e => e.outerHTML.slice(0, 80));
          return {
            unreachable,
            errors: document.querySelectorAll(
              '[data-mime-type="application/vnd.jupyter.stderr"],' +
              '.jp-RenderedText[data-mime-type*="error"]'
            ).length,
            widgetErrors: (text.match(/Error displaying widget/g) || []).length,
            raw,
            plots: shown.length,
            blank,
            empty,
            undrawn,
            hooks: Object.fromEntries(
              Object.keys(hooks).map(h => [h, document.querySelectorAll('.' + h).length])
            ),
          };
        }""",
        hooks,
    )
    problems = []
    if report["errors"]:
        problems.append(f"{report['errors']} error or stderr outputs")
    if report["widgetErrors"]:
        problems.append(f"'Error displaying widget' shown {report['widgetErrors']} times")
    if report["raw"]:
        problems.append(f"raw widget reprs instead of widgets: {report['raw'][:3]}")
    if report["plots"] < plots:
        problems.append(f"{report['plots']} charts drawn, expected {plots}")
    if report["unreachable"]:
        problems.append(f"controls Tab cannot reach: {report['unreachable'][:3]}")
    if report["blank"]:
        problems.append(f"{report['blank']} charts are blank or collapsed")
    if report["undrawn"]:
        problems.append(f"{len(report['undrawn'])} charts never drew: {report['undrawn']}")
    if report["empty"]:
        problems.append(f"{len(report['empty'])} charts are drawn with no data: {report['empty']}")
    for hook, expected in hooks.items():
        if report["hooks"][hook] < expected:
            problems.append(f"{report['hooks'][hook]} .{hook} widgets, expected {expected}")
    return problems


def screenshot(page: Any, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def shutdown_kernels(base: str, token: str | None = TOKEN) -> None:
    """Stop every kernel a test started, so the next lesson has both cores to itself."""
    auth = {"Authorization": f"token {token}"} if token else {}
    with urllib.request.urlopen(urllib.request.Request(f"{base}api/sessions", headers=auth)) as r:
        sessions = json.load(r)
    for session in sessions:
        request = urllib.request.Request(
            f"{base}api/sessions/{session['id']}", method="DELETE", headers=auth
        )
        urllib.request.urlopen(request).close()


# --- Accessibility (axe-core from npm, injected into the page: no request leaves the machine) ---

AXE = NODE_MODULES / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
# What the course wrote: lesson prose and every cell's output (widgets, charts, tables).
OURS = ".jp-MarkdownOutput, .jp-OutputArea-output, #rendered_cells .jp-Cell"
# Violations inside a library's own markup that the course cannot reach from Python, by rule:
# the ipywidgets slider handle (noUiSlider) has role="slider" but no accessible name.
UPSTREAM = {"aria-input-field-name": ".noUi-target"}


def axe(page: Any) -> dict[str, list[str]]:
    """Run axe-core on the page. Violations are sorted by whose markup they are in: "course"
    (lesson content), "ipywidgets" (UPSTREAM) or "host" (JupyterLab's or Voila's own page);
    one line per rule with its node count and the first offending element."""
    if not AXE.exists():
        raise RuntimeError(f"{AXE} is missing: run `make browser-tools` (npm ci in tests/browser)")
    page.add_script_tag(path=str(AXE))
    found: list[dict[str, Any]] = page.evaluate(
        """async ([tags, ours, upstream]) => {
          const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
          return result.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(n => {
              const el = document.querySelector(n.target[0]);
              const owner = !el || !el.closest(ours) ? 'host'
                : upstream[v.id] && el.closest(upstream[v.id]) ? 'ipywidgets' : 'course';
              return {target: n.target.join(' '), owner};
            }),
          }));
        }""",
        [AXE_TAGS, OURS, UPSTREAM],
    )
    owners: dict[str, list[str]] = {"course": [], "ipywidgets": [], "host": []}
    for violation in found:
        for owner, lines in owners.items():
            nodes = [n["target"] for n in violation["nodes"] if n["owner"] == owner]
            if nodes:
                lines.append(
                    f"{violation['id']} ({violation['impact']}, {len(nodes)} nodes): "
                    f"{violation['help']}; e.g. {nodes[0]}"
                )
    return owners


def check_accessibility(page: Any, where: str, name: str) -> None:
    """axe-core on a rendered lesson: nothing in the course's own content may fail. What belongs
    to ipywidgets or to the host page is written to test-artifacts/browser/axe-*.json."""
    owners = axe(page)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"axe-{where}-{name.removesuffix('.ipynb')}.json").write_text(
        json.dumps(owners, indent=1, ensure_ascii=False)
    )
    assert owners["course"] == [], f"accessibility violations in the lesson: {owners['course']}"
