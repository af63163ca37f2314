"""Browser latency of every widget: from the learner's input to the redrawn chart (or text).

A real JupyterLab on 127.0.0.1 runs each lesson in headless Chromium. For each widget the page
records the input event's own timestamp (keydown, input or change) and, with a MutationObserver,
the moment the widget has redrawn: its plotly chart drawn again in place (the chart's revision
number went up and plotly.js changed its SVG), or for widgets without a chart, changed text in
its HTML parts (not a slider's own number, which moves at once). The
observer runs after the script that drew, so plotly's synchronous drawing is included. The
difference includes the kernel round trip, the callback, the message back and the drawing.
Used by `tools/bench.py` (`make bench`); a figure, not a test.
"""

from __future__ import annotations

import math
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "browser"))

import harness  # noqa: E402  (the browser tests' server and page helpers)
from interactions import answer, slider_handle, status  # noqa: E402
from playwright.sync_api import expect  # noqa: E402

ARM = """([root, kind, startKey]) => {
  // Course charts are changed in place; each drawing bumps layout.meta.revision (LiveChart).
  const revision = p => (p.layout && p.layout.meta && p.layout.meta.revision) || 0;
  const charts = () => [...root.querySelectorAll('.js-plotly-plot')];
  const seen = new WeakMap(charts().map(p => [p, revision(p)]));
  // Text the kernel writes (HTML widgets), not a slider's own readout, which changes at once.
  const said = () => [...root.querySelectorAll('.widget-html-content')].map(e => e.textContent)
    .join('|');
  const before = said();
  const drawn = () => kind === 'chart'
    ? charts().some(p => p.querySelector('.main-svg')
        && (!seen.has(p) || revision(p) > seen.get(p)))  // redrawn in place, or made anew
    : said() !== before;
  window.__latency = null;
  let start = null;
  // A box that sends its text only when the learner presses a key (Enter) starts the clock there:
  // typing before it changes nothing on the page, and the driver's own work between typing and
  // pressing the key is not the learner's wait.
  const onInput = event => {
    const commits = !startKey || (event.type === 'keydown' && event.key === startKey);
    if (start === null && commits) start = event.timeStamp;
  };
  const inputs = ['keydown', 'input', 'change', 'mousedown'];
  for (const type of inputs) root.addEventListener(type, onInput, true);
  const observer = new MutationObserver(() => {
    if (start !== null && window.__latency === null && drawn()) {
      window.__latency = performance.now() - start;
      observer.disconnect();
      for (const type of inputs) root.removeEventListener(type, onInput, true);
    }
  });
  observer.observe(root, {subtree: true, childList: true, characterData: true, attributes: true});
}"""


def p50_p95(times: list[float]) -> tuple[float, float]:
    """Median and 95th percentile by nearest rank (for 50 changes: the 25th and 48th)."""
    ordered = sorted(times)
    return ordered[len(ordered) // 2], ordered[math.ceil(0.95 * len(ordered)) - 1]


Act = Callable[[Any, int], None]  # (widget root, step number) -> one learner input


def slider(label: str) -> Act:
    def act(root: Any, step: int) -> None:
        handle = slider_handle(root, label)
        handle.focus()
        handle.press("ArrowRight" if step % 2 == 0 else "ArrowLeft")

    return act


def dropdown(label: str, indices: tuple[int, ...]) -> Act:
    def act(root: Any, step: int) -> None:
        root.get_by_label(label, exact=True).select_option(index=indices[step % len(indices)])

    return act


def search(words: tuple[str, ...]) -> Act:
    def act(root: Any, step: int) -> None:
        box = root.get_by_label("Search", exact=True)
        box.fill(words[step % len(words)])
        box.press("Enter")

    return act


def buttons(*names: str) -> Act:
    def act(root: Any, step: int) -> None:
        root.get_by_role("button", name=names[step % len(names)], exact=True).click()

    return act


def noisy_players(page: Any) -> None:
    """Game explorer: its verdict opens only after the self-check on the game is answered (any
    answer) and asked for; then, with logit noise, every step of the slider changes the
    probabilities shown (with fully rational players a small step often changes nothing)."""
    root = page.locator(".course-game-explorer").first
    question = page.locator(".course-question").filter(has_text="classic deterrence game end")
    question.first.scroll_into_view_if_needed()
    answer(question.first, "War")
    root.get_by_role("button", name="Show what game theory predicts").click()
    summary = status(root)
    expect(summary).to_contain_text("Outcome", timeout=harness.SLOW)
    before = summary.text_content() or ""
    root.get_by_label("Fully rational players").uncheck()
    expect(summary).not_to_have_text(before, timeout=harness.SLOW)


def open_explorer(section: int) -> Callable[[Any], None]:
    """Lesson 05: explorer number ``section`` opens only once the prediction above it is saved;
    save one (the first choice) and wait for the explorer and its chart."""

    def prepare(page: Any) -> None:
        box = page.locator(".course-predict-first").nth(section)
        box.scroll_into_view_if_needed()
        explorer = box.locator(".course-explorer")
        if explorer.count() == 0:
            answer(box.locator(".course-question"))
        expect(explorer).to_have_count(1, timeout=harness.SLOW)
        expect(explorer.locator(".js-plotly-plot .main-svg").first).to_be_visible(
            timeout=harness.SLOW
        )

    return prepare


def checkbox(label: str) -> Act:
    def act(root: Any, step: int) -> None:
        root.get_by_label(label, exact=True).click()

    return act


# (row name as in bench.py's kernel table, lesson, widget selector, what redraws, input)
CASES: list[tuple[str, str, str, str, Act]] = [
    ("members slider (lesson 00)", "00_start_here.ipynb", ".course-members-slider", "text",
     slider("Year")),
    ("article 6 map: pick a place", "02_treaty.ipynb", ".course-article6-map", "chart",
     dropdown("Place", (5, 1))),
    ("comparison: sort", "02_treaty.ipynb", ".course-comparison", "chart",
     dropdown("Sort by", (1, 0))),
    ("timeline: search", "03_timeline.ipynb", ".course-timeline", "chart",
     search(("brain", ""))),  # an even count of changes leaves the filter empty
    ("timeline: one side", "03_timeline.ipynb", ".course-timeline", "chart", checkbox("Iraq")),
    ("timeline: pick an event", "03_timeline.ipynb", ".course-timeline", "chart",
     dropdown("Event", (21, 23))),  # two events with a place, so each pick draws a map
    # (option 0 says what to choose; the events start at 1)
    ("game explorer (logit noise)", "04_escalation.ipynb", ".course-game-explorer", "text",
     slider("rationality (logit noise)")),
    ("crisis game: move, start again", "04_escalation.ipynb", ".course-crisis-game", "text",
     buttons("Leave it open", "Start again, same seed")),  # step 1 (forecast), back again
    ("deterrence explorer (q)", "05_ambiguity.ipynb", ".course-explorer >> nth=0", "chart",
     slider("q: belief the defender fights")),
    ("alliance dilemma", "05_ambiguity.ipynb", ".course-explorer >> nth=1", "chart",
     slider("how much this ally needs the partner")),
    ("ambiguity explorer", "05_ambiguity.ipynb", ".course-explorer >> nth=2", "chart",
     slider("extra risk-taking when protected")),
    ("brinkmanship explorer", "05_ambiguity.ipynb", ".course-explorer >> nth=3", "chart",
     slider("p: opponent is hard-line")),
]  # fmt: skip


# Run on the page before a case's widget is looked for (it may not be on the page yet).
PREPARE: dict[str, Callable[[Any], None]] = {
    "game explorer (logit noise)": noisy_players,
    "deterrence explorer (q)": open_explorer(0),
    "alliance dilemma": open_explorer(1),
    "ambiguity explorer": open_explorer(2),
    "brinkmanship explorer": open_explorer(3),
}

# What shows a lesson has rendered, where a case's own widget is not there from the start.
HOOKS: dict[str, dict[str, int]] = {"05_ambiguity.ipynb": {"course-predict-first": 4}}


# Inputs that take effect only on a key (a text box with continuous_update=False): the clock
# starts when that key goes down, as the learner's wait does.
START_KEY: dict[str, str] = {"timeline: search": "Enter"}


def measure(
    page: Any, root: Any, kind: str, act: Act, changes: int, start_key: str | None = None
) -> list[float]:
    times = []
    handle = root.element_handle()
    for step in range(changes):
        page.evaluate(ARM, [handle, kind, start_key])
        act(root, step)
        page.wait_for_function("() => window.__latency !== null", timeout=harness.SLOW)
        times.append(float(page.evaluate("() => window.__latency")))
        # Like a learner who looks at the result before the next move: wait until the page is
        # idle (the plotly extension still renders a PNG snapshot of each new chart).
        page.evaluate("() => new Promise(done => requestIdleCallback(done, {timeout: 2000}))")
    return sorted(times)


def browser_latency(changes: int = 50) -> list[tuple[str, float, float]]:
    """p50/p95 ms from input to redraw for each case, in one JupyterLab and one Chromium."""
    from playwright.sync_api import sync_playwright

    if harness.CHROMIUM is None:
        raise RuntimeError("no Chromium (apt-get install -y chromium)")
    port = harness.free_port()
    base = f"http://127.0.0.1:{port}/"
    command, env = harness.lab_command(port, Path(tempfile.mkdtemp(prefix="course-bench-lab-")))
    results = []
    with (
        harness.server("bench-jupyterlab", command, f"{base}api/status", env),
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(
            executable_path=harness.CHROMIUM, headless=True, args=harness.CHROMIUM_ARGS
        )
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        opened = None
        for name, lesson, selector, kind, act in CASES:
            if lesson != opened:
                if opened is not None:
                    harness.shutdown_kernels(base)
                harness.open_lab_notebook(page, base, lesson)
                harness.run_all_cells(page)
                hooks = HOOKS.get(lesson, {selector.split(" ")[0].lstrip("."): 1})
                harness.wait_rendered(page, hooks, 0)
                opened = lesson
            print(f"browser latency: {name}", file=sys.stderr)
            if name in PREPARE:
                PREPARE[name](page)
            root = page.locator(selector).first
            root.scroll_into_view_if_needed()
            times = measure(page, root, kind, act, changes, START_KEY.get(name))
            results.append((name, *p50_p95(times)))
        harness.shutdown_kernels(base)
        browser.close()
    return results


if __name__ == "__main__":
    for row in browser_latency(int(sys.argv[1]) if len(sys.argv) > 1 else 50):
        print(f"{row[0]:<30}{row[1]:>8.1f}{row[2]:>8.1f}")
