"""The ingest job: read → detect/attribute → store, one transaction per article.

Bad input never stops the run: every unreadable file, malformed line, or article that fails
later is reported as one line naming its source and the reason, and counted in the summary.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .read import apply_overrides, iter_articles
from .types import Article, ReadFailure

# Allocations between young-generation collections during a long ingest (CPython's default
# is 700), and how many of each generation's collections trigger the next one's (10 and 10).
LONG_RUN_GC_THRESHOLDS = (50_000, 50, 100)


@contextlib.contextmanager
def long_run_collector(thresholds: tuple[int, int, int] = LONG_RUN_GC_THRESHOLDS) -> Iterator[None]:
    """Garbage-collector thresholds for a long ingest, restored on exit.

    An ingest keeps large long-lived structures (the spaCy pipeline, the cache of stored
    wordings, the statements of the current time windows) and allocates tens of thousands of
    short-lived rows for each article it groups. With CPython's defaults, full collections
    come every few articles and walk all of it: in a database of a million quotes they made
    the p95 of saving one article 2.5 times its median (benchmarks/statements.py). Objects
    are still freed by reference counting the moment they are unused; only garbage held in
    reference cycles waits longer. In: the thresholds (see :func:`gc.set_threshold`).
    """
    old = gc.get_threshold()
    gc.set_threshold(*thresholds)
    try:
        yield
    finally:
        gc.set_threshold(*old)


@dataclass
class IngestSummary:
    """What one ingest run did; ``failures`` holds one message per failed input."""

    new: int = 0
    unchanged: int = 0
    updated: int = 0
    failed: int = 0
    quotes: int = 0
    speakers: int = 0
    failures: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.failed == 0

    def as_dict(self) -> dict:
        return {
            "new": self.new,
            "unchanged": self.unchanged,
            "updated": self.updated,
            "failed": self.failed,
            "quotes": self.quotes,
            "new_speakers": self.speakers,
        }

    def count(self, status: str, n_quotes: int = 0, new_speakers: int = 0) -> None:
        """Record one article's outcome: ``new``, ``updated`` or ``unchanged``."""
        if status == "new":
            self.new += 1
        elif status == "updated":
            self.updated += 1
        else:
            self.unchanged += 1
        if status != "unchanged":
            self.quotes += n_quotes
            self.speakers += new_speakers

    def fail(self, message: str, on_failure: Callable[[str], None] | None = None) -> None:
        """Record one failed input and pass its message on."""
        self.failed += 1
        self.failures.append(message)
        if on_failure:
            on_failure(message)

    def line(self) -> str:
        return (
            f"{self.new} new, {self.unchanged} unchanged, {self.updated} updated, "
            f"{self.failed} failed articles; {self.quotes} quotes stored, "
            f"{self.speakers} new speakers"
        )


def read_all(
    paths: Sequence[str | Path],
    *,
    outlet: str | None = None,
    published: dt.date | None = None,
    on_failure: Callable[[str], None] | None = None,
    summary: IngestSummary | None = None,
    max_bytes: int = 20_000_000,
) -> list[Article]:
    """Read every article under ``paths`` (overrides applied); failures go to ``on_failure``."""
    articles: list[Article] = []
    for item in iter_articles(list(paths), max_bytes=max_bytes):
        if isinstance(item, ReadFailure):
            if summary is not None:
                summary.fail(str(item), on_failure)
            elif on_failure:
                on_failure(str(item))
            continue
        articles.append(apply_overrides(item, outlet=outlet, published=published))
    return articles


def ingest_articles(
    articles: Iterable[Article],
    store,
    *,
    model: str | None = None,
    jobs: int = 1,
    summary: IngestSummary | None = None,
    on_failure: Callable[[str], None] | None = None,
    on_done: Callable[[Article, str], None] | None = None,
) -> IngestSummary:
    """Detect quotes in ``articles`` and save each in its own transaction.

    Articles already stored with the same content are skipped before any parsing, so a
    re-run after a crash or Ctrl-C only does the work that is left.
    """
    from .extract import DetectionFailed, extract_results
    from .store.engine import describe_error

    summary = summary or IngestSummary()
    pending: list[Article] = []
    for art in articles:
        try:
            unchanged = store.is_unchanged(art)
        except (KeyboardInterrupt, SystemExit):
            raise
        except Exception as exc:  # e.g. text that cannot be encoded: this article only
            summary.fail(f"{art.source}: cannot be stored: {describe_error(exc)}", on_failure)
            continue
        if unchanged:
            summary.count("unchanged")
            if on_done:
                on_done(art, "unchanged")
        else:
            pending.append(art)
    if not pending:
        return summary

    results = extract_results((a.text for a in pending), model=model, jobs=jobs)
    for art, quotes in zip(pending, results):
        if isinstance(quotes, DetectionFailed):  # one bad article must not stop the run
            summary.fail(f"{art.source}: {quotes}", on_failure)
            continue
        try:
            res = store.save_article(art, quotes)
        except (KeyboardInterrupt, SystemExit):
            raise
        except Exception as exc:
            # The error's own words, not the INSERT and its parameters (the article text).
            summary.fail(f"{art.source}: could not be stored: {describe_error(exc)}", on_failure)
            continue
        summary.count(res.status, res.n_quotes, res.new_speakers)
        if on_done:
            on_done(art, res.status)
    return summary
