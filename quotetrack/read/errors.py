"""The one exception the format readers raise; :func:`quotetrack.read.iter_articles` turns it
into a :class:`~quotetrack.types.ReadFailure` so that it never escapes a run."""

from __future__ import annotations


class ReadError(Exception):
    """A file (or one record in it) that cannot become an article.

    ``reason`` is the short, specific message a user sees; ``line`` is the 1-based line the
    problem is on, when there is one.
    """

    def __init__(self, reason: str, line: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line
