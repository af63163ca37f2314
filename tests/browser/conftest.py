"""Fixtures for the browser tests: one Chromium for the run, a fresh guarded page per test, and
a screenshot of the page in test-artifacts/browser/ whenever a test fails.

Without Chromium the tests are skipped with the command that installs it, unless
COURSE_REQUIRE_BROWSER=1 (set by `make test-browser` and CI), where that is a failure.
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

if CHROMIUM is None:
    message = "Chromium is not installed (Debian: apt-get install -y chromium)"
    if os.environ.get("COURSE_REQUIRE_BROWSER") == "1":
        raise pytest.UsageError(message)
    pytest.skip(message, allow_module_level=True)


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
    """A new browser context whose requests may not leave 127.0.0.1; checked after the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
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
def lab() -> Iterator[str]:
    """A real JupyterLab on 127.0.0.1 with a token, serving a copy of the lessons; yield its URL."""
    port = free_port()
    command, env = lab_command(port, Path(tempfile.mkdtemp(prefix="course-lab-")))
    base = f"http://127.0.0.1:{port}/"
    with server("jupyterlab", command, f"{base}api/status?token={TOKEN}", env):
        yield base
