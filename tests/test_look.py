"""Tables the lessons show: every header cell has text (screen readers announce each one)."""

from __future__ import annotations

import re

import pandas as pd

from widgets.look import table_html


def headers(html: str) -> list[str]:
    return re.findall(r"<th(?:\s[^>]*)?>(.*?)</th>", html, flags=re.S)


def test_a_plain_index_is_left_out_and_no_header_is_blank() -> None:
    html = table_html(pd.DataFrame({"state": ["Iran", "Iraq"], "events": [3, 4]}))
    assert headers(html) == ["state", "events"]
    assert "<td>Iran</td>" in html and ">0<" not in html


def test_a_meaningful_index_becomes_a_named_column() -> None:
    frame = pd.DataFrame({"Parties": [12, 14]}, index=pd.Index(["1949", "1952"], name="Date"))
    html = table_html(frame)
    assert headers(html) == ["Date", "Parties"]
    assert "<td>1952</td>" in html
    unnamed = pd.DataFrame({"n": [1]}, index=["row"])
    assert all(h.strip() for h in headers(table_html(unnamed)))


def test_notebooks_show_every_dataframe_through_it() -> None:
    from IPython.core.interactiveshell import InteractiveShell

    import widgets

    shell = InteractiveShell.instance()
    widgets.setup_lesson()
    formatter = shell.display_formatter
    assert formatter is not None
    html, _ = formatter.format(pd.DataFrame({"a": [1]}))
    assert headers(html["text/html"]) == ["a"]
    listed, _ = formatter.format(pd.DataFrame({"rungs": [(1, 2), (3,)]}))
    assert "<td>1, 2</td>" in listed["text/html"] and "<td>3</td>" in listed["text/html"]


IMPORT_EVERYTHING = """
import importlib, pkgutil
import pandas as pd
from IPython.core.interactiveshell import InteractiveShell

shell = InteractiveShell.instance()  # first, as in a kernel: an import could then reach it
frame = pd.DataFrame({"a": [1]})
before = (shell.display_formatter.format(frame), shell.custom_exceptions, pd.get_option(
    "display.max_colwidth"))
import widgets

for module in pkgutil.walk_packages(widgets.__path__, "widgets."):
    importlib.import_module(module.name)
after = (shell.display_formatter.format(frame), shell.custom_exceptions, pd.get_option(
    "display.max_colwidth"))
assert before == after, "importing the course changed the notebook's display"
widgets.setup_lesson()
assert shell.display_formatter.format(frame) != before[0], "setup_lesson installs the display"
"""


def test_importing_any_module_leaves_the_display_alone() -> None:
    """Only ``setup_lesson()`` (a lesson's first code cell) changes how a kernel displays things."""
    import subprocess
    import sys

    run = subprocess.run(
        [sys.executable, "-c", IMPORT_EVERYTHING], capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr[-2000:]
