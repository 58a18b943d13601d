"""quotetrack: who said what in the news, and how each outlet worded it.

    import quotetrack
    with quotetrack.open("news.db") as qt:
        qt.ingest("articles/")
        qt.quotes(speaker="Blinken", since="2023-11-01")

See :mod:`quotetrack.api` and docs/api.md. The version comes from the installed package's
metadata (pyproject.toml is the one place it is written).
"""

from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as _version

from .api import Quotetrack, open
from .errors import (
    AmbiguousName,
    DatabaseError,
    DatabaseMissing,
    InputError,
    NotFound,
    QuotetrackError,
    StageMissing,
)
from .filters import Filters

try:
    __version__ = _version("quotetrack")
except PackageNotFoundError:  # pragma: no cover - running from a tree that is not installed
    __version__ = "0+unknown"

__all__ = [
    "open",
    "Quotetrack",
    "Filters",
    "QuotetrackError",
    "DatabaseError",
    "DatabaseMissing",
    "NotFound",
    "AmbiguousName",
    "InputError",
    "StageMissing",
    "__version__",
]
