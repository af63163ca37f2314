"""The import contract, read from the source with ``ast`` (nothing is imported or executed).

Data flows one way: ``widgets.data`` -> models -> views -> notebooks. So:

- **Models** never import ipywidgets or plotly, nor any view (through which they would): they are
  tested without a browser. A model module is every module of ``widgets/`` that is not a view and
  not lesson glue (see :func:`kind`).
- **The loader** (``widgets/data.py``) imports nothing from ``widgets``: every model depends on it,
  so it must depend on none of them (no package cycles).

Imports inside functions count too: a lazy ``import ipywidgets`` in a model is still a model that
needs a browser.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "widgets"
FORBIDDEN_IN_MODELS = ("ipywidgets", "plotly", "anywidget")
LOADER = "widgets.data"
# Views that are not named *_view.py: the shared chart look and live chart, the slider explorer
# the model views build on, the offline map figures, the notebook display glue (IPython), and the
# predict-commit-reveal box every lesson uses.
VIEWS_BY_NAME = {
    "look.py",
    "chart.py",
    "explorer.py",
    "geo.py",
    "_notebook.py",
    "view.py",
    "reveal.py",
}


def kind(path: Path) -> str:
    """ "view", "lesson" or "model", for a file of the package."""
    relative = path.relative_to(PACKAGE)
    if relative == Path("__init__.py"):
        return "lesson"  # the package's entry: setup_lesson() reaches the notebook glue lazily
    if relative.parts[0] == "lessons":
        return "lesson"  # lesson content: may use views (an explorer's current sliders)
    if path.name.endswith("_view.py") or path.name in VIEWS_BY_NAME:
        return "view"
    return "model"


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}
VIEW_MODULES = {name for name, path in MODULES.items() if kind(path) == "view"}


def imports(source: str, module: str, is_package: bool = False) -> set[str]:
    """Every module ``source`` imports, as an absolute name (relative imports resolved)."""
    package = module if is_package else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            # ``from widgets import data`` imports the module widgets.data
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def violations(module: str, source: str, is_package: bool = False) -> list[str]:
    """What ``module`` (whose code is ``source``) imports that the contract forbids."""
    found = imports(source, module, is_package)
    wrong: list[str] = []
    if module == LOADER:
        wrong += sorted(f"{module} imports {name}" for name in found if _is_ours(name))
    wrong += sorted(
        f"{module} (a model) imports {name}"
        for name in found
        if name.split(".")[0] in FORBIDDEN_IN_MODELS or name in VIEW_MODULES
    )
    return wrong


def _is_ours(name: str) -> bool:
    return name == "widgets" or name.startswith("widgets.")


MODEL_MODULES = sorted(name for name, path in MODULES.items() if kind(path) == "model")


def test_the_tree_is_classified_as_expected() -> None:
    assert LOADER in MODEL_MODULES and "widgets.escalation.models" in MODEL_MODULES
    assert "widgets.classroom.claims" in MODEL_MODULES
    assert {"widgets.treaty.view", "widgets.escalation.models_view", "widgets.look"} <= VIEW_MODULES
    for glue in ("widgets", "widgets.lessons.review"):
        assert glue not in MODEL_MODULES + sorted(VIEW_MODULES)


@pytest.mark.parametrize("module", MODEL_MODULES)
def test_models_import_no_widgets_no_plotly_and_no_view(module: str) -> None:
    path = MODULES[module]
    assert violations(module, path.read_text(encoding="utf-8"), path.name == "__init__.py") == []


# --- The checker itself must catch what it is there to catch ----------------------------------

PLANTED = {
    "a lazy ipywidgets import": ("widgets.timeline.model", "def f():\n    import ipywidgets\n"),
    "plotly from a package": ("widgets.dates", "from plotly import graph_objects as go\n"),
    "a plotly submodule": ("widgets.sources", "import plotly.io as pio\n"),
    "a view, relatively": ("widgets.escalation.models", "from .models_view import GRID\n"),
    "a view by attribute": ("widgets.treaty.article6", "from widgets.treaty import view\n"),
    "the loader importing a model": ("widgets.data", "from widgets.escalation import tree\n"),
    "the loader, lazily": ("widgets.data", "def f():\n    import widgets.escalation.tree\n"),
    "the loader, relatively": ("widgets.data", "from . import dates\n"),
}


@pytest.mark.parametrize("case", sorted(PLANTED))
def test_the_checker_catches_a_planted_violation(case: str) -> None:
    module, source = PLANTED[case]
    assert violations(module, source), f"{case} was not caught"


def test_the_checker_allows_what_models_may_import() -> None:
    source = "import pandas as pd\nfrom widgets.data import load\nfrom .tree import parse_tree\n"
    assert violations("widgets.escalation.games", source) == []
    assert imports("from . import data\n", "widgets", is_package=True) >= {"widgets.data"}
