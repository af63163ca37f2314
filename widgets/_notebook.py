"""Show course errors in a notebook as a short message, not a Python traceback.

A learner who meets a malformed data file should read which file, row and column is wrong, not
forty lines of library internals. The cell still counts as failed (so nbval and "Run All" stop).
"""

from __future__ import annotations

from typing import Any

from widgets.data import DataError
from widgets.look import table_html


def _show_plainly(
    shell: Any, etype: type, value: BaseException, tb: Any, tb_offset: Any = None
) -> None:
    from IPython.display import Markdown, display

    lines = str(value).splitlines()
    listed = "\n".join(f"- `{line.strip(' -')}`" for line in lines[1:])
    message = f"**The course data has a problem:**\n\n`{lines[0]}`\n\n{listed}"
    display(Markdown(message))
    print(f"{etype.__name__}: {value}")


def frame_html(frame: Any) -> str:
    """A DataFrame as a lesson shows it: ``look.table_html``, with list cells (the tuples
    ``load`` returns, e.g. ``(1, 2)``) read as plain text, ``1, 2``."""
    shown = frame
    for position in range(frame.shape[1]):
        column = frame.iloc[:, position]
        if column.dtype == object and column.map(lambda v: isinstance(v, tuple)).any():
            if shown is frame:
                shown = frame.copy()
            shown.isetitem(position, column.map(_readable))
    return table_html(shown)


def _readable(value: Any) -> Any:
    return ", ".join(str(item) for item in value) if isinstance(value, tuple) else value


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
