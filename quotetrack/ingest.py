"""The ingest service: read -> detect/attribute -> store -> statements, one transaction per
article, with one loop whatever does the parsing.

:func:`ingest_articles` skips articles already stored with the same text, hands the rest to
an :class:`Extractor` (in this process, in a pool of processes, or on Dask workers, see
:mod:`quotetrack.distributed`) and saves each result as it arrives. Bad input never stops the
run: every unreadable file, malformed line, or article that fails later is reported as one
line naming its source and the reason, and counted in the summary.

:func:`open_store` opens the database with statement grouping wired in, using the grouping
parameters stored in the database (:func:`grouping_params`), so ingest and ``regroup``
always group alike.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import gc
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy.orm import Session

from . import corrections
from .errors import InputError
from .read import apply_overrides, iter_articles
from .records import IngestReport
from .statements import db as statements_db
from .statements.grouping import GroupingParams
from .statements.index import Filter
from .store import Store
from .store import open_store as open_plain_store
from .types import Article, Quote, ReadFailure, SkippedRecords

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
    skipped: int = 0  # records of web archives that hold no article (not failures)
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
            "skipped_records": self.skipped,
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

    def skip(self, records: SkippedRecords) -> None:
        """Count the records of an input that hold no article."""
        self.skipped += records.count

    def record(self, outcome: Outcome, on_failure: Callable[[str], None] | None = None) -> None:
        """Count one article's :class:`Outcome` (a failure's message goes to ``on_failure``)."""
        if outcome.status == "failed":
            self.fail(outcome.error or f"{outcome.article.source}: failed", on_failure)
        else:
            self.count(outcome.status, outcome.n_quotes, outcome.new_speakers)

    def report(self) -> IngestReport:
        """The counts as a frozen record (``quotetrack.report.ingest_line`` prints it)."""
        return IngestReport(**self.as_dict(), failures=tuple(self.failures))


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
        if isinstance(item, SkippedRecords):
            if summary is not None:
                summary.skip(item)
            continue
        if isinstance(item, ReadFailure):
            if summary is not None:
                summary.fail(str(item), on_failure)
            elif on_failure:
                on_failure(str(item))
            continue
        articles.append(apply_overrides(item, outlet=outlet, published=published))
    return articles


# -- grouping settings -------------------------------------------------------------------------

GROUPING_KEY = "grouping"


def params_to_json(params: GroupingParams) -> str:
    """The parameters that differ from the defaults, as JSON (``{}`` for the defaults)."""
    default = dataclasses.asdict(GroupingParams())
    given = dataclasses.asdict(params)
    return json.dumps({k: v for k, v in given.items() if v != default[k]}, sort_keys=True)


def params_from_json(value: str | None) -> GroupingParams:
    """:class:`GroupingParams` from :func:`params_to_json` text (``None``: the defaults)."""
    return params_with(GroupingParams(), json.loads(value) if value else {})


def params_with(params: GroupingParams, changes: dict[str, Any]) -> GroupingParams:
    """``params`` with ``changes`` (field name -> value; ``candidate_filter`` as a dict of
    :class:`~quotetrack.statements.index.Filter` fields). Values are converted to the field's
    type; an unknown name or a value of the wrong kind is an
    :class:`~quotetrack.errors.InputError`."""
    fields = {f.name: f for f in dataclasses.fields(GroupingParams)}
    out: dict[str, Any] = {}
    for name, value in changes.items():
        if name not in fields:
            raise InputError(
                f"unknown grouping setting {name!r}; known: {', '.join(sorted(fields))}"
            )
        current = getattr(params, name)
        try:
            if isinstance(current, Filter):
                out[name] = dataclasses.replace(current, **dict(value))
            elif isinstance(current, bool):
                out[name] = str(value).lower() in ("1", "true", "yes")
            else:
                out[name] = type(current)(value)
        except (TypeError, ValueError) as exc:
            raise InputError(f"grouping setting {name}={value!r}: {exc}") from None
    return dataclasses.replace(params, **out)


def grouping_params(store: Store) -> GroupingParams:
    """The grouping parameters stored in the database (the defaults if none are)."""
    return params_from_json(store.setting(GROUPING_KEY))


def set_grouping_params(store: Store, params: GroupingParams) -> None:
    """Store ``params`` for every later ingest and regroup of this database."""
    store.set_setting(GROUPING_KEY, params_to_json(params))


@dataclass
class StatementGrouping:
    """The store's :class:`~quotetrack.store.store.Grouping`: quotetrack's statements
    grouper with one database's parameters."""

    params: GroupingParams = field(default_factory=GroupingParams)

    def assign(self, session: Session, quote_ids: list[int]) -> None:
        # Researchers' fixes hold for an article's quotes: those of speakers and quotes
        # before they are grouped, those of statements after.
        corrections.before_grouping(session, quote_ids, self.params)
        statements_db.assign(session, quote_ids, self.params)
        corrections.after_grouping(session, quote_ids, self.params)

    def forget(self, session: Session, statement_ids: list[int]) -> None:
        statements_db.forget(session, statement_ids, self.params)


def open_store(db: str | Path | None = None, *, readonly: bool = False) -> Store:
    """The database ``db`` (see :func:`quotetrack.store.open_store`) with statement grouping
    run in every save, with the grouping parameters stored in it."""
    store = open_plain_store(db, readonly=readonly)
    store.grouping = StatementGrouping(grouping_params(store))
    return store


def regroup(store: Store, params: GroupingParams | None = None) -> dict[str, Any]:
    """Rebuild every statement; with ``params``, store them first, so that later ingests
    group the same way. Out: the counts of :func:`quotetrack.statements.db.regroup`."""
    if params is not None:
        set_grouping_params(store, params)
        store.grouping = StatementGrouping(params)
    params = params or grouping_params(store)
    with store.session(write=True) as session:
        counts = statements_db.regroup(session, params)
        corrections.after_regroup(session, params)  # the statement fixes hold again
        return counts


# -- the ingest loop ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """What happened to one article: ``status`` is new, updated, unchanged or failed (then
    ``error`` says why, naming the article's source)."""

    article: Article
    status: str
    n_quotes: int = 0
    new_speakers: int = 0
    error: str | None = None


# What an extractor yields for one article: its quotes, the exception detection raised, or
# (for an extractor that saves by itself, such as Dask workers) the outcome of saving it.
Extracted = list[Quote] | BaseException | Outcome


class Extractor(Protocol):
    """Runs detection and attribution over articles; plugged into :func:`ingest_articles`.

    ``saves`` is true for an extractor that stores articles itself (then the loop only
    reports its outcomes and does not skip unchanged articles first: the extractor does).
    """

    @property
    def saves(self) -> bool:
        """Whether the extractor stores the articles itself."""
        ...

    def extract(self, articles: Sequence[Article]) -> Iterator[tuple[Article, Extracted]]:
        """``(article, result)`` for every article, in any order."""
        ...


@dataclass
class LocalExtractor:
    """Detection in this process (``jobs=1``) or in a pool of ``jobs`` processes (see
    :func:`quotetrack.extract.extract`), results in input order. An article whose detection
    raises is yielded with the exception and the run goes on with the next one."""

    model: str | None = None
    jobs: int = 1
    batch_size: int | None = None
    saves: bool = False

    def extract(self, articles: Sequence[Article]) -> Iterator[tuple[Article, Extracted]]:
        from .extract import DEFAULT_BATCH_SIZE, extract_results

        pending = list(articles)
        size = self.batch_size or DEFAULT_BATCH_SIZE
        # extract_results isolates failures per text (a failed batch is parsed again text by
        # text), so one bad article costs only itself, not the good ones batched with it.
        results = extract_results(
            (a.text for a in pending), model=self.model, jobs=self.jobs, batch_size=size
        )
        yield from zip(pending, results)


def outcomes(articles: Iterable[Article], store: Store, extractor: Extractor) -> Iterator[Outcome]:
    """The one ingest loop: skip unchanged articles before any parsing (so a re-run after a
    crash or Ctrl-C only does the work that is left), extract the rest, save each result in
    its own transaction, and yield one :class:`Outcome` per article."""
    from .extract import DetectionFailed
    from .store.engine import describe_error

    pending: list[Article] = []
    for art in articles:
        try:
            unchanged = not extractor.saves and store.is_unchanged(art)
        except (KeyboardInterrupt, SystemExit):
            raise
        except Exception as exc:  # e.g. text no database can store: this article only
            yield Outcome(
                art, "failed", error=f"{art.source}: cannot be stored: {describe_error(exc)}"
            )
            continue
        if unchanged:
            yield Outcome(art, "unchanged")
        else:
            pending.append(art)
    if not pending:
        return
    for art, result in extractor.extract(pending):
        if isinstance(result, Outcome):
            yield result
            continue
        if isinstance(result, DetectionFailed):  # its message starts "detection failed: "
            yield Outcome(art, "failed", error=f"{art.source}: {result}")
            continue
        if isinstance(result, BaseException):
            yield Outcome(art, "failed", error=f"{art.source}: detection failed: {result}")
            continue
        try:
            res = store.save_article(art, result)
        except (KeyboardInterrupt, SystemExit):
            raise
        except Exception as exc:  # one bad article must not stop the run
            # The error's own words, not the INSERT and its parameters (the article text).
            message = f"{art.source}: could not be stored: {describe_error(exc)}"
            yield Outcome(art, "failed", error=message)
            continue
        yield Outcome(art, res.status, res.n_quotes, res.new_speakers)


def ingest_articles(
    articles: Iterable[Article],
    store: Store,
    *,
    model: str | None = None,
    jobs: int = 1,
    extractor: Extractor | None = None,
    summary: IngestSummary | None = None,
    on_failure: Callable[[str], None] | None = None,
    on_done: Callable[[Article, str], None] | None = None,
) -> IngestSummary:
    """Ingest ``articles`` into ``store`` (see :func:`outcomes`) and count what happened.

    ``extractor`` defaults to a :class:`LocalExtractor` with ``model`` and ``jobs``.
    ``on_failure(message)`` is called for each failed article, ``on_done(article, status)``
    for each stored or unchanged one.
    """
    summary = summary if summary is not None else IngestSummary()
    for outcome in outcomes(articles, store, extractor or LocalExtractor(model, jobs)):
        summary.record(outcome, on_failure)
        if on_done and outcome.status != "failed":
            on_done(outcome.article, outcome.status)
    return summary
