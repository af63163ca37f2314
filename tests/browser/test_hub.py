"""Two learners on a real JupyterHub: each logs in through the hub's own form, gets a separate
single-user server under /user/NAME/ with a copy of the course in their home, and works through a
lesson there. Proves the course runs behind a hub prefix, offline, with each learner's server,
files and saved answers kept apart.

The hub, its proxy (configurable-http-proxy from tests/browser/node_modules) and the learners'
servers all listen on 127.0.0.1; their logs land in test-artifacts/browser/.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil
import pytest
from harness import (
    NODE_MODULES,
    SLOW,
    Guard,
    course_copy,
    free_port,
    lab_settings,
    open_lab_notebook,
    run_all_cells,
    screenshot,
    server,
    shutdown_kernels,
)
from interactions import exercise
from playwright.sync_api import expect

PROXY = NODE_MODULES / ".bin" / "configurable-http-proxy"
PASSWORD = "course-hub-password"  # the DummyAuthenticator's shared password (test only)
API_TOKEN = "course-hub-test-service"  # a hub service: reads users, starts/stops/uses servers
# The two quickest lessons that save answers: test_lab.py already works through every lesson, so
# here the lessons only have to prove the hub (prefix, separate servers, homes and answers).
LEARNERS = {"ann": "00_start_here.ipynb", "ben": "06_council.ipynb"}
PROGRESS = ".alliance-course"  # ALLIANCE_COURSE_HOME, inside each learner's home

# The hub's configuration; SETTINGS (paths and ports for this run) is written above it.
CONFIG = """
import os

c = get_config()  # noqa: F821
c.JupyterHub.bind_url = SETTINGS["bind_url"]
c.JupyterHub.hub_bind_url = SETTINGS["hub_bind_url"]
c.JupyterHub.db_url = "sqlite:///" + os.path.join(SETTINGS["scratch"], "jupyterhub.sqlite")
c.JupyterHub.cookie_secret = bytes.fromhex(SETTINGS["cookie_secret"])
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True
c.ConfigurableHTTPProxy.command = [SETTINGS["proxy"]]
c.ConfigurableHTTPProxy.api_url = SETTINGS["proxy_api_url"]
c.ConfigurableHTTPProxy.auth_token = SETTINGS["proxy_token"]
c.ConfigurableHTTPProxy.pid_file = os.path.join(SETTINGS["scratch"], "proxy.pid")

c.JupyterHub.authenticator_class = "jupyterhub.auth.DummyAuthenticator"
c.DummyAuthenticator.password = SETTINGS["password"]
c.Authenticator.allowed_users = set(SETTINGS["learners"])

c.JupyterHub.spawner_class = "jupyterhub.spawner.SimpleLocalProcessSpawner"
c.SimpleLocalProcessSpawner.home_dir_template = os.path.join(SETTINGS["homes"], "{username}")
c.Spawner.cmd = [SETTINGS["singleuser"]]
c.Spawner.args = ["--allow-root"]
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
c.Spawner.environment = {
    "ALLIANCE_COURSE_HOME": lambda spawner: os.path.join(
        SETTINGS["homes"], spawner.user.name, SETTINGS["progress"]
    ),
    "JUPYTERLAB_SETTINGS_DIR": lambda spawner: os.path.join(
        SETTINGS["homes"], spawner.user.name, ".lab-settings"
    ),
}

c.JupyterHub.services = [{"name": "course-test", "api_token": SETTINGS["api_token"]}]
c.JupyterHub.load_roles = [
    {
        "name": "course-test",
        "scopes": ["read:users", "admin:servers", "access:servers"],
        "services": ["course-test"],
    }
]
"""


@dataclass(frozen=True)
class Hub:
    url: str  # the public URL, through the proxy, ending in "/"
    homes: Path  # one home per learner: homes / NAME

    def prefix(self, name: str) -> str:
        return f"{self.url}user/{name}/"

    def progress(self, name: str) -> dict[str, Any]:
        """What the course saved for a learner (their progress.json), {} before any answer."""
        path = self.homes / name / PROGRESS / "progress.json"
        return json.loads(path.read_text()) if path.exists() else {}

    def api(self, path: str, method: str = "GET") -> Any:
        request = urllib.request.Request(
            f"{self.url}hub/api/{path}",
            method=method,
            headers={"Authorization": f"token {API_TOKEN}"},
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            body = response.read()
        return json.loads(body) if body else None

    def stop_servers(self) -> None:
        """Stop every learner's server through the hub, as an admin would, and wait until each
        has stopped (the hub escalates from SIGINT to SIGKILL on its own)."""
        for name in LEARNERS:
            self.api(f"users/{name}/server", method="DELETE")
        until(lambda: not any(self.api(f"users/{name}")["servers"] for name in LEARNERS), 60)


def give_course(home: Path) -> None:
    """What an nbgitpuller link gives a learner: their own copy of the lessons. The `widgets`
    package (and the data it reads, beside it) comes from the environment, not from the home."""
    course_copy(home)
    lab_settings(home / ".lab-settings")


def until(condition: Callable[[], bool], timeout: float, what: str = "") -> None:
    """Poll `condition` until it holds; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what or condition} still false after {timeout} s")
        time.sleep(0.2)


def answers_ok(url: str) -> bool:
    """Does `url` answer 200? (harness.server's readiness accepts any answer below 500, but the
    proxy answers 404 to everything until the hub has added its own route.)"""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def processes_in(directory: Path) -> list[psutil.Process]:
    """Processes working inside `directory` (the learners' servers and kernels, the proxy)."""
    found = []
    for process in psutil.process_iter(["name", "cmdline"]):
        try:
            if process.pid != os.getpid() and Path(process.cwd()).is_relative_to(directory):
                found.append(process)
        except (psutil.Error, OSError):
            continue
    return found


@pytest.fixture(scope="module")
def hub() -> Iterator[Hub]:
    if not PROXY.exists():
        message = f"{PROXY} is missing: run `make browser-tools`"
        if os.environ.get("COURSE_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    scratch = Path(tempfile.mkdtemp(prefix="course-hub-"))
    homes = scratch / "home"
    for name in LEARNERS:
        give_course(homes / name)
    port, hub_port, proxy_api_port = free_port(), free_port(), free_port()
    settings = {
        "bind_url": f"http://127.0.0.1:{port}",
        "hub_bind_url": f"http://127.0.0.1:{hub_port}",
        "proxy_api_url": f"http://127.0.0.1:{proxy_api_port}",
        "proxy": str(PROXY),
        "proxy_token": os.urandom(16).hex(),
        "cookie_secret": os.urandom(32).hex(),
        "scratch": str(scratch),
        "homes": str(homes),
        "progress": PROGRESS,
        "password": PASSWORD,
        "learners": sorted(LEARNERS),
        "singleuser": str(Path(sys.executable).parent / "jupyterhub-singleuser"),
        "api_token": API_TOKEN,
    }
    config = scratch / "jupyterhub_config.py"
    config.write_text(f"SETTINGS = {settings!r}\n{CONFIG}")
    command = [sys.executable, "-m", "jupyterhub", "-f", str(config)]
    url = f"http://127.0.0.1:{port}/"
    try:
        with server("jupyterhub", command, f"{url}hub/health", cwd=scratch):
            until(lambda: answers_ok(f"{url}hub/health"), 30, "the hub's route in the proxy")
            hub = Hub(url, homes)
            yield hub
            hub.stop_servers()
    finally:
        # The hub stops the learners' servers and its proxy on the way out; end whatever a hub
        # that had to be killed left behind, so no server outlives the test run.
        leftovers = processes_in(scratch)
        for process in leftovers:
            process.kill()
        psutil.wait_procs(leftovers, timeout=10)
        shutil.rmtree(scratch, ignore_errors=True)
        if leftovers:
            left = [" ".join(p.info["cmdline"] or [p.info["name"]]) for p in leftovers]
            print(f"killed processes the hub left: {left}", file=sys.stderr)


@pytest.fixture
def log_in(
    browser: Any, hub: Hub, request: pytest.FixtureRequest
) -> Iterator[Callable[[str], Any]]:
    """Log a learner in through the hub's login form, each in their own guarded browser context;
    returns their page as soon as the hub has sent it to the learner's own server.

    It does not wait for the JupyterLab there to load: the caller goes on to where it wants, so
    Lab never restores the last workspace (which would start a kernel while the test ends)."""
    opened: list[tuple[str, Guard, Any]] = []

    def as_learner(name: str) -> Any:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.set_default_timeout(30_000)
        guard = Guard(context)
        page = guard.watch(context.new_page())
        opened.append((name, guard, page))
        page.goto(f"{hub.url}hub/login")
        page.get_by_label("Username:").fill(name)
        page.get_by_label("Password:", exact=True).fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        # The hub spawns the server (spawn-pending page) and then sends the learner to it.
        page.wait_for_url(
            re.compile(rf"^{re.escape(hub.prefix(name))}lab"), wait_until="commit", timeout=SLOW
        )
        return page

    yield as_learner
    report = getattr(request.node, "report_call", None)
    for name, _, page in opened:
        if report is not None and report.failed:
            path = screenshot(page, f"{request.node.name}-{name}".replace("/", "_"))
            print(f"screenshot of {name}'s page: {path}", file=sys.stderr)
        page.context.close()
    if report is not None and report.passed:
        problems = {name: guard.problems() for name, guard, _ in opened}
        assert all(p == [] for p in problems.values()), f"outside 127.0.0.1 or errors: {problems}"


@pytest.mark.parametrize(("name", "lesson"), LEARNERS.items())
def test_learner_works_through_a_lesson_on_the_hub(
    hub: Hub, log_in: Callable[[str], Any], name: str, lesson: str
) -> None:
    page = log_in(name)
    prefix = hub.prefix(name)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    open_lab_notebook(page, prefix, lesson, token=None)  # the hub's cookie authenticates
    try:
        run_all_cells(page)
        exercise(page, lesson, f"hub-{name}")
        assert page.url.startswith(f"{prefix}lab/tree/notebooks/{lesson}")
        # Every page, script, style, map and API call came from under the learner's own prefix:
        # the course uses relative paths only.
        web = [url for url in requested if url.startswith("http")]
        assert len(web) > 50, "the request log missed JupyterLab's own files"
        assert [url for url in web if not url.startswith(prefix)] == [], f"outside {prefix}"
    finally:
        shutdown_kernels(prefix, token=API_TOKEN)
    # The answers were saved in this learner's own home, and nobody else's.
    number = lesson[:2]
    assert hub.progress(name).get(number), f"{name}'s answers to lesson {number} were not saved"
    for other in set(LEARNERS) - {name}:
        assert number not in hub.progress(other), f"{name}'s answers showed up in {other}'s home"


def test_learners_have_separate_servers(hub: Hub, log_in: Callable[[str], Any]) -> None:
    # Each learner's hub page offers their own server, running. (Leaving Lab at once keeps it
    # from restoring the last lesson and starting a kernel.)
    pages = {}
    for name in LEARNERS:
        pages[name] = log_in(name)
        pages[name].goto(f"{hub.url}hub/home")
        expect(pages[name].get_by_role("button", name="Stop My Server")).to_be_visible()
    # Two server processes, each at its own URL and working in its own learner's home.
    servers = {name: hub.api(f"users/{name}")["servers"][""] for name in LEARNERS}
    assert {name: s["url"] for name, s in servers.items()} == {n: f"/user/{n}/" for n in LEARNERS}
    pids = {name: s["state"]["pid"] for name, s in servers.items()}
    assert len(set(pids.values())) == len(LEARNERS)
    for name, pid in pids.items():
        assert Path(psutil.Process(pid).cwd()) == hub.homes / name
    # Ann cannot open Ben's lesson: the hub refuses her, and she never sees his JupyterLab.
    ann = pages["ann"]
    response = ann.goto(f"{hub.prefix('ben')}lab/tree/notebooks/{LEARNERS['ben']}")
    assert response is not None
    assert response.status == 403, f"ann got {response.status} at {ann.url}"
    assert not ann.url.startswith(hub.prefix("ben"))
    expect(ann.locator("body")).to_contain_text("You do not have permission")
    assert ann.locator(".jp-LabShell").count() == 0
