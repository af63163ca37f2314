"""The course's Python package: data loaders, pure models and thin ipywidgets/plotly views.

Data flows one way: ``data/`` -> :mod:`widgets.data` (validated) -> models -> views -> notebooks.
Models never import ipywidgets or plotly, so they are tested without a browser.

Importing any module changes nothing outside it; a lesson opts into the course's notebook display
with :func:`setup_lesson` in its first code cell.
"""

from widgets.data import DataError

__all__ = ["DataError", "setup_lesson"]


def setup_lesson() -> None:
    """Prepare the running notebook for a lesson: tables shown accessibly, data errors plainly,
    and no widget message dropped on a busy machine (:func:`widgets._iopub.keep_every_message`).

    The one home of the course's global display state (see :func:`widgets._notebook.install`).
    It is a call, not an import side effect, so a script, a test or another project that imports
    a model keeps pandas' and IPython's own display; running it twice does no harm.
    """
    from widgets import _iopub, _notebook

    _notebook.install()
    _iopub.keep_every_message()
