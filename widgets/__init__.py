"""The course's Python package: data loaders, pure models and thin ipywidgets/plotly views.

Data flows one way: ``data/`` -> :mod:`widgets.data` (validated) -> models -> views -> notebooks.
Models never import ipywidgets or plotly, so they are tested without a browser.
"""

from widgets import _notebook
from widgets.data import DataError

__all__ = ["DataError"]

_notebook.install()
