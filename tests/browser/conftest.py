"""Fixtures for the browser tests: one Chromium for the run, a fresh guarded page per test, and
a screenshot of the page in test-artifacts/browser/ whenever a test fails.

Without Chromium the tests are skipped with the command that installs it, unless
COURSE_REQUIRE_BROWSER=1 (set by `make test-browser` and CI), where that is a failure.

COURSE_BROWSER_SHARD=I/N (set by `make test-browser`, which runs N pytest processes side by side)
keeps one part of the tests: the tests mostly wait on kernels, servers and page loads, so on 2 cores
several processes finish sooner than one. The JupyterHub module goes whole into part 1 (its
learners share one hub and check each other's homes); each other lesson test is a unit of its own,
each other module one unit (it may share a server), dealt the longest first to the least loaded
part, part 1 included.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from harness import (
    CHROMIUM,
    CHROMIUM_ARGS,
    TOKEN,
    Guard,
    free_port,
    lab_command,
    screenshot,
    server,
)
from playwright.sync_api import expect

if CHROMIUM is None:
    message = "Chromium is not installed (Debian: apt-get install -y chromium)"
    if os.environ.get("COURSE_REQUIRE_BROWSER") == "1":
        raise pytest.UsageError(message)
    pytest.skip(message, allow_module_level=True)


SHARD = os.environ.get("COURSE_BROWSER_SHARD", "")

# Every expectation waits as long as a widget may take to answer on a loaded 2-core machine (the
# browser tests run beside the other checks), not playwright's default 5 s: an expectation that
# forgot its own timeout failed once when the kernel took longer under `make test`.
expect.set_options(timeout=30_000)


def _cost(item: pytest.Item) -> int:
    """A rough weight: a test on a served lesson takes tens of seconds, a page self-test one."""
    if "test_hostile.py" in item.nodeid:
        return 90  # every lesson in one notebook, then every widget poked
    if "legible_on_a_projector" in item.nodeid:
        return 8  # a Voila page rendered and read, no interactions
    served = {"lab", "voila", "hub"} & set(getattr(item, "fixturenames", ()))
    return 30 if served else 1


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not SHARD:
        return
    index, count = (int(n) for n in SHARD.split("/"))
    units: dict[str, list[pytest.Item]] = {}
    for item in items:
        module = item.nodeid.split("::")[0]
        lesson = module.endswith("test_lab.py") and "[" in item.nodeid
        units.setdefault(item.nodeid if lesson else module, []).append(item)
    parts: list[list[pytest.Item]] = [[] for _ in range(count)]
    loads = [0] * count
    # The hub module first, in part 1; then the heaviest unit next into the lightest part.
    ordered = sorted(
        units.items(), key=lambda u: (not u[0].endswith("test_hub.py"), -sum(map(_cost, u[1])))
    )
    for key, unit in ordered:
        part = 0 if key.endswith("test_hub.py") else min(range(count), key=lambda p: loads[p])
        parts[part] += unit
        loads[part] += sum(map(_cost, unit))
    keep = set(parts[index - 1])
    config.hook.pytest_deselected(items=[i for i in items if i not in keep])
    items[:] = [i for i in items if i in keep]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def guard_and_page(browser: Any, request: pytest.FixtureRequest) -> Iterator[tuple[Guard, Any]]:
    """A new browser context whose requests may not leave 127.0.0.1; checked after the test.
    A laptop screen (1280x800), or a classroom projector (1024x768 at 150% zoom) for a test
    marked ``@pytest.mark.projector``."""
    size: dict[str, Any] = (
        {"viewport": {"width": 1024, "height": 768}, "device_scale_factor": 1.5}
        if request.node.get_closest_marker("projector")
        else {"viewport": {"width": 1280, "height": 800}}
    )
    context = browser.new_context(**size)
    context.set_default_timeout(30_000)
    guard = Guard(context)
    page = guard.watch(context.new_page())
    yield guard, page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        path = screenshot(page, request.node.name.replace("/", "_"))
        print(f"screenshot of the failing page: {path}", file=sys.stderr)
    context.close()
    if report is not None and report.passed:
        assert guard.problems() == [], "the page went outside 127.0.0.1 or raised errors"


@pytest.fixture
def page(guard_and_page: tuple[Guard, Any]) -> Any:
    return guard_and_page[1]


@pytest.fixture(scope="session")
def lab_scratch() -> Path:
    """The shared JupyterLab's own folder: its copy of the lessons, settings and the learner's
    saved answers (``progress/``)."""
    return Path(tempfile.mkdtemp(prefix="course-lab-"))


@pytest.fixture(scope="session")
def lab(lab_scratch: Path) -> Iterator[str]:
    """A real JupyterLab on 127.0.0.1 with a token, serving a copy of the lessons; yield its URL."""
    port = free_port()
    command, env = lab_command(port, lab_scratch)
    base = f"http://127.0.0.1:{port}/"
    name = "jupyterlab" + (f"-shard{SHARD.replace('/', 'of')}" if SHARD else "")
    with server(name, command, f"{base}api/status?token={TOKEN}", env):
        yield base
