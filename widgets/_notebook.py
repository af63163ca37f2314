"""Show course errors in a notebook as a short message, not a Python traceback.

A learner who meets a malformed data file should read which file, row and column is wrong, not
forty lines of library internals. The cell still counts as failed: besides the message, the kernel
sends an ``error`` output whose "traceback" is the one line naming the file, row and column, so
"Run All" stops and nbval (which fails a cell only on an ``error`` output, tagged or not) reports
the data error where it happened.
"""

from __future__ import annotations

from html import escape
from typing import Any

from widgets.data import DataError
from widgets.look import table_html


def error_html(value: BaseException) -> str:
    """The message as HTML, every line escaped: a cell holding backticks, ``<`` or ``*`` shows as
    written (Markdown code spans could be broken out of)."""
    lines = str(value).splitlines() or [type(value).__name__]
    items = "".join(f"<li><code>{escape(line.strip(' -'))}</code></li>" for line in lines[1:])
    return (
        "<div role='alert'><p><b>The course data has a problem:</b></p>"
        f"<p><code>{escape(lines[0])}</code></p>"
        + (f"<ul>{items}</ul>" if items else "")
        + "</div>"
    )


def _show_plainly(
    shell: Any, etype: type, value: BaseException, tb: Any, tb_offset: Any = None
) -> None:
    from IPython.display import display

    text = str(value)
    bundle = {
        "text/html": error_html(value),
        "text/plain": f"The course data has a problem: {text}",
    }
    display(bundle, raw=True)
    # The error output: one line instead of the frames, so nbclient and nbval fail the cell and
    # show where the data is wrong (a learner sees that line, not a traceback).
    shell._showtraceback(
        etype, value, [f"{etype.__name__}: {text.splitlines()[0] if text else ''}"]
    )


def frame_html(frame: Any) -> str:
    """A DataFrame as a lesson shows it: ``look.table_html`` (list cells, the tuples ``load``
    returns, read as plain text there)."""
    return table_html(frame)


def install() -> None:
    """In the running IPython, if any: the plain display for :class:`DataError`, and tables
    whose every header cell has text (``frame_html``) for each DataFrame a cell shows.

    Called by :func:`widgets.setup_lesson` only: no module runs it on import."""
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is not None:
        shell.set_custom_exc((DataError,), _show_plainly)
        html = shell.display_formatter.formatters["text/html"]
        for module in ("pandas", "pandas.core.frame"):  # DataFrame.__module__: pandas 3, pandas 2
            html.for_type_by_name(module, "DataFrame", frame_html)
