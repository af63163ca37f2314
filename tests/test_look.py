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

    import widgets._notebook

    shell = InteractiveShell.instance()
    widgets._notebook.install()
    html, _ = shell.display_formatter.format(pd.DataFrame({"a": [1]}))
    assert headers(html["text/html"]) == ["a"]
