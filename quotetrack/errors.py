"""The errors quotetrack raises on purpose, as one tree under :class:`QuotetrackError`.

Library code raises these and never prints; only the command line (``quotetrack.cli``) turns
them into messages and exit statuses. Catch :class:`QuotetrackError` to handle every failure
quotetrack foresaw, or a subclass for one kind:

* :class:`DatabaseError`: the database cannot be opened, read or written
  (:class:`DatabaseMissing`: a report asked for a database that does not exist;
  :class:`QueryTimeout`-style subclasses live beside the SQL runner);
* :class:`NotFound`: a speaker name, statement id or other key matches nothing;
* :class:`AmbiguousName`: a name matches several speakers and one was needed;
* :class:`InputError`: a value the caller gave cannot be used (a filter, a search query,
  an export format, a SQL statement that would write);
* :class:`StageMissing`: a pipeline stage or optional dependency is not installed, so a run
  would give wrong results rather than fewer.

This module imports nothing from quotetrack, so every layer may raise these.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


class QuotetrackError(Exception):
    """Base class of every error quotetrack raises deliberately."""


class DatabaseError(QuotetrackError):
    """The database cannot be opened, migrated, read or written."""


class DatabaseMissing(DatabaseError):
    """A report was asked of a database file that does not exist (nothing is created)."""

    def __init__(self, path: str) -> None:
        super().__init__(
            f"No database at {path}; run `quotetrack ingest PATH…` first "
            "(or point --db / $QUOTETRACK_DB at one)"
        )
        self.path = path


class NotFound(QuotetrackError):
    """A name or id that matches nothing in the database."""


class AmbiguousName(QuotetrackError):
    """A name that matches several speakers where one was needed.

    ``matches`` holds the candidates (``quotetrack.records.Speaker``), best first.
    """

    def __init__(self, name: str, matches: Sequence[Any]) -> None:
        super().__init__(
            f"{len(matches)} speakers match {name!r}; use a more precise name or the speaker id"
        )
        self.name = name
        self.matches = list(matches)


class InputError(QuotetrackError, ValueError):
    """A value given by the caller that quotetrack cannot use; the message says which."""


class StageMissing(QuotetrackError, RuntimeError):
    """A stage of the pipeline (or an optional dependency a requested feature needs) cannot
    be imported. Raised instead of running on without it, which would give wrong results."""
