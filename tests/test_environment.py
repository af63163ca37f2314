"""One pinned environment: what `make test` installs is what Binder declares."""

from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

from packaging.markers import Marker
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent


def pins(path: Path) -> dict[str, str]:
    """name -> version for the lines of a lock file whose marker applies to this interpreter."""
    found: dict[str, str] = {}
    for line in path.read_text().splitlines():
        requirement = line.split("#", 1)[0].strip()
        match = re.fullmatch(r"([A-Za-z0-9_.\-]+)==([^\s;]+)\s*(?:;\s*(.+))?", requirement)
        if match and (not match.group(3) or Marker(match.group(3)).evaluate()):
            found[canonicalize_name(match.group(1))] = match.group(2)
    return found


BINDER = pins(ROOT / "binder" / "requirements.txt")
DEV = pins(ROOT / "requirements-dev.txt")


def test_installed_versions_are_the_binder_versions() -> None:
    wrong = {
        name: (version, metadata.version(name))
        for name, version in BINDER.items()
        if metadata.version(name) != version
    }
    assert not wrong, f"installed differs from binder/requirements.txt: {wrong}"


def test_dev_lock_agrees_with_binder_lock() -> None:
    shared = set(BINDER) & set(DEV)
    assert len(shared) > 100
    assert {n: (BINDER[n], DEV[n]) for n in shared if BINDER[n] != DEV[n]} == {}


def test_widget_stack_is_pinned_together() -> None:
    assert BINDER["jupyterlab"].startswith("4.")
    assert BINDER["ipywidgets"].startswith("8.")
    assert BINDER["jupyterlab-widgets"].startswith("3.")
    assert BINDER["widgetsnbextension"].startswith("4.")


def test_slow_rfc3987_syntax_is_not_installed() -> None:
    """jsonschema < 4.24 keeps rfc3987-syntax (2 s of grammar building at import) out."""
    assert "rfc3987-syntax" not in BINDER
    assert int(BINDER["jsonschema"].split(".")[1]) < 24


def test_binder_installs_the_course_and_names_its_python() -> None:
    lines = (ROOT / "binder" / "requirements.txt").read_text().splitlines()
    assert any(line.startswith("-e .") for line in lines)
    assert re.fullmatch(r"python-3\.1[1-9]\s*", (ROOT / "binder" / "runtime.txt").read_text())


def test_ci_runs_exactly_the_readme_test_command() -> None:
    ci = [
        line
        for line in (ROOT / ".ci" / "run").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert ci[-1].strip() == "make test"
    readme = (ROOT / "README.md").read_text()
    assert "make test" in readme and "make lab" in readme


def test_pyproject_declares_what_the_locks_pin() -> None:
    """Every dependency in pyproject is in the lock at a version its range allows, and the dev
    extra names exactly the packages of requirements-dev.in (pip users get the same tools)."""
    import tomllib

    from packaging.requirements import Requirement

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    for line in project["dependencies"]:
        requirement = Requirement(line)
        name = canonicalize_name(requirement.name)
        assert name in BINDER, f"{name} is not pinned in binder/requirements.txt"
        assert requirement.specifier.contains(BINDER[name], prereleases=True), (line, BINDER[name])
    dev_in = {
        canonicalize_name(Requirement(line.split("#", 1)[0]).name)
        for line in (ROOT / "requirements-dev.in").read_text().splitlines()
        if line.strip() and not line.lstrip().startswith(("#", "-"))
    }
    extra = {
        canonicalize_name(Requirement(d).name) for d in project["optional-dependencies"]["dev"]
    }
    assert extra == dev_in
