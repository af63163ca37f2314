"""The one way a value from the data or from a learner becomes part of HTML or of a chart's text.

Views build ipywidgets ``HTML`` values, and JupyterLab puts those into the page as they are: a
member's name holding ``<img src=x onerror=...>`` would run script with the learner's Jupyter
session. So every value that is not the course's own markup goes through :func:`escape` (element
text and quoted attributes) or, for a link, :func:`link`, which accepts only http(s) addresses.

plotly draws its text (trace names, ``text``, ``customdata`` shown by a ``hovertemplate``, titles,
tick labels, annotations) through a small HTML-like renderer of its own: it never runs script,
and it drops ``javascript:`` links, but ``<a href>``, ``<b>``, ``<br>`` and the like in a data
string would still become a link or change the chart. :func:`plot_text` escapes a data string
for that renderer: plotly shows ``&lt;``, ``&gt;`` and ``&amp;`` as the characters (it does not
know ``&quot;``, so quotes are left alone, as they mean nothing outside a tag).

Plain strings only: no widgets, so models (e.g. the treaty clause highlighter) may use it.
"""

from __future__ import annotations

import html
from urllib.parse import urlsplit

SAFE_SCHEMES = ("http", "https")


def escape(value: object) -> str:
    """``value`` as text inside HTML: ``& < > " '`` escaped, safe in an element or a quoted
    attribute (single or double quotes)."""
    return html.escape(str(value), quote=True)


def plot_text(value: object) -> str:
    """``value`` as text in a plotly string (``text``, ``customdata``, names, titles, labels)."""
    return html.escape(str(value), quote=False)


def safe_url(url: object) -> str | None:
    """``url`` if it is an absolute http(s) address, else None (``javascript:``, ``data:``,
    relative or malformed addresses are not links the course makes)."""
    text = str(url).strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in SAFE_SCHEMES or not parts.netloc:
        return None
    return text


def link(url: object, label_html: str) -> str:
    """``label_html`` (already escaped or the course's own markup) as a link opening in a new tab,
    when ``url`` is a safe address (:func:`safe_url`); otherwise the label alone."""
    address = safe_url(url) if url is not None else None
    if address is None:
        return label_html
    return f"<a href='{escape(address)}' target='_blank' rel='noopener'>{label_html}</a>"
