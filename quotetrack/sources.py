"""Ingesting from the web as well as from files: URLs, URL lists, feeds, and watching feeds.

The pieces, in the order data flows:

- :func:`read_url_list` reads a file of URLs (one a line, or a CSV/TSV with a url column);
- :func:`fetch_articles` fetches pages politely (:mod:`quotetrack.read.fetch`) and turns
  each into an article as an HTML file is read, skipping URLs already stored;
- :func:`ingest_items` stores a stream of articles as they arrive, in small chunks, so that
  parsing starts with the first pages while the rest are still being fetched;
- :func:`ingest_sources` does all of that for one ``quotetrack ingest`` run, and
  :func:`poll_feeds` / :func:`watch_feeds` for ``quotetrack watch``.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import datetime as dt
import queue
import select
import socket
import threading
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from .ingest import IngestSummary, ingest_articles
from .read import apply_overrides, iter_articles
from .read.errors import ReadError
from .read.feeds import FeedEntry, poll_feed
from .read.fetch import Fetcher, FetchError, FetchPolicy, article_from_page, fetch_pages, is_web_url
from .read.tabular import column_names
from .types import Article, ReadFailure, SkippedRecords

Item = Article | ReadFailure | SkippedRecords
Outcome = Article | FetchError | ReadError


@dataclass
class FetchStats:
    """Pages fetched and failed so far, URLs waiting, and URLs not fetched because an article
    is already stored under them."""

    fetched: int = 0
    failed: int = 0
    queued: int = 0
    already_stored: int = 0

    def line(self) -> str:
        return (
            f"{self.fetched} pages fetched, {self.failed} failed, "
            f"{self.already_stored} already stored (not fetched again)"
        )

    def as_dict(self) -> dict:
        return {
            "fetched": self.fetched,
            "fetch_failed": self.failed,
            "already_stored": self.already_stored,
        }


@dataclass
class Sources:
    """Everything one ``ingest`` run reads: files and folders, URLs named directly, files of
    URLs, feeds; and how (``refresh`` fetches stored URLs again; ``columns`` names a
    table's text, url and date columns)."""

    paths: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    url_files: list[str] = field(default_factory=list)
    feeds: list[str] = field(default_factory=list)
    refresh: bool = False
    policy: FetchPolicy = field(default_factory=FetchPolicy)
    columns: tuple[str | None, str | None, str | None] = (None, None, None)

    @classmethod
    def from_arguments(cls, arguments: Sequence[str], **options) -> Sources:
        """Split command-line arguments into URLs (``http(s)://``) and paths."""
        urls = [a for a in arguments if is_web_url(a)]
        paths = [a for a in arguments if not is_web_url(a)]
        return cls(paths=paths, urls=urls, **options)

    @property
    def fetches(self) -> bool:
        """True when the run reads anything from the web."""
        return bool(self.urls or self.url_files or self.feeds)


# --------------------------------------------------------------------------- URL lists


def read_url_list(path: str | Path) -> Iterator[str | ReadFailure]:
    """The URLs in a file: one a line (blank lines and ``#`` comments skipped), or, for a
    .csv/.tsv file or one whose first line is a header with a ``url`` (or ``link``) column,
    that column of every row. A value that is not an http(s) URL is a failure naming its
    line."""
    name = str(path)
    try:
        handle = open(path, encoding="utf-8-sig", newline="")  # noqa: SIM115 - closed below
    except OSError as error:
        yield ReadFailure(name, f"cannot read: {error.strerror or error}")
        return
    with handle:
        try:
            first = handle.readline()
            handle.seek(0)
            header = [cell.strip().lower() for cell in next(csv.reader([first]), [])]
            tab = Path(name).suffix.lower() == ".tsv" or "\t" in first
            if tab:
                header = [cell.strip().lower() for cell in first.split("\t")]
            column = next((c for c in ("url", "link") if c in header), None)
            if column is not None or Path(name).suffix.lower() in (".csv", ".tsv"):
                if column is None:
                    yield ReadFailure(name, "no url column in the header row")
                    return
                reader = csv.DictReader(handle, dialect=csv.excel_tab if tab else csv.excel)
                key = next(f for f in reader.fieldnames or [] if f.strip().lower() == column)
                for row in reader:
                    value = (row.get(key) or "").strip()
                    if value:
                        yield (
                            value
                            if is_web_url(value)
                            else ReadFailure(
                                name, f"not an http(s) URL: {value[:80]}", reader.line_num
                            )
                        )
                return
            for number, raw in enumerate(handle, start=1):
                value = raw.strip()
                if not value or value.startswith("#"):
                    continue
                yield (
                    value
                    if is_web_url(value)
                    else ReadFailure(name, f"not an http(s) URL: {value[:80]}", number)
                )
        except UnicodeDecodeError:
            yield ReadFailure(name, "not valid UTF-8")


# --------------------------------------------------------------------------- fetching


def _with_entry(article: Article, entry: FeedEntry | None) -> Article:
    """Fill the title and date a page lacks (or that were only inferred from its text) from
    its feed entry (provenance ``feed``)."""
    if entry is None:
        return article
    for name, value in (("title", entry.title), ("published", entry.published)):
        if value is not None and article.provenance.get(name) in (None, "text", "url"):
            setattr(article, name, value)
            article.provenance[name] = "feed"
    return article


def fetch_outcomes(
    urls: Iterable[str],
    fetcher: Fetcher,
    *,
    store=None,
    refresh: bool = False,
    stats: FetchStats | None = None,
    entries: dict[str, FeedEntry] | None = None,
    batch: int = 200,
) -> Iterator[tuple[str, Outcome]]:
    """Fetch each URL once and yield ``(url, article or error)`` as pages arrive.

    A URL an article is already stored under (in ``store``) is not fetched unless
    ``refresh``; it is counted in ``stats.already_stored``. ``entries`` gives the feed entry
    of a URL, whose title and date fill what the page lacks.
    """
    from .store.feeds import stored_urls

    stats = stats if stats is not None else FetchStats()
    seen: set[str] = set()

    def wanted() -> Iterator[str]:
        pending: list[str] = []

        def flush() -> Iterator[str]:
            known: set[str] = set()
            if store is not None and not refresh:
                with store.session() as session:
                    known = stored_urls(session, pending)
            for url in pending:
                if url in known:
                    stats.already_stored += 1
                    stats.queued -= 1
                else:
                    yield url

        for url in urls:
            if url in seen:
                continue
            seen.add(url)
            stats.queued += 1
            pending.append(url)
            if len(pending) >= batch:
                yield from flush()
                pending = []
        yield from flush()

    for url, result in fetch_pages(wanted(), fetcher):
        stats.queued -= 1
        if isinstance(result, FetchError):
            stats.failed += 1
            yield url, result
            continue
        try:
            article = _with_entry(article_from_page(result), (entries or {}).get(url))
        except ReadError as error:
            stats.failed += 1
            yield url, error
            continue
        stats.fetched += 1
        yield url, article


def fetch_articles(urls: Iterable[str], fetcher: Fetcher, **options) -> Iterator[Item]:
    """:func:`fetch_outcomes` as articles and read failures (``url: reason``)."""
    for url, outcome in fetch_outcomes(urls, fetcher, **options):
        if isinstance(outcome, Article):
            yield outcome
        else:
            yield ReadFailure(url, outcome.reason)


class Stop(Protocol):
    """What the long-running functions here need of a stop request: a
    :class:`threading.Event` or a :class:`SignalStop`."""

    def is_set(self) -> bool: ...

    def set(self) -> None: ...

    def wait(self, timeout: float | None = None) -> bool: ...


class SignalStop:
    """A stop request that a signal handler may make (``watch`` on Ctrl-C or SIGTERM).

    :class:`threading.Event` is not safe there: ``Event.wait`` holds the event's lock for a
    moment on its way in, and a handler that runs in that moment (in the same, main thread)
    blocks forever in ``Event.set`` on that lock. Here ``set`` takes no lock: it stores a
    flag and sends a byte on a socket pair, and ``wait`` waits for that byte with
    :func:`select.select`, so a request made just before or during a wait ends the wait.
    """

    def __init__(self) -> None:
        self._flag = False
        self._reader, self._writer = socket.socketpair()
        self._writer.setblocking(False)

    def is_set(self) -> bool:
        return self._flag

    def set(self) -> None:
        self._flag = True
        # A full socket (already woken) or a closed one: the flag is what counts.
        with contextlib.suppress(OSError):
            self._writer.send(b"\0")

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until :meth:`set` or ``timeout`` seconds; whether the stop was requested."""
        if not self._flag:
            select.select([self._reader], [], [], timeout)
        return self._flag

    def close(self) -> None:
        self._reader.close()
        self._writer.close()


def _in_background(items: Iterable, stop: Stop, size: int = 64) -> Generator:
    """Iterate ``items`` on a thread of its own, ``size`` items ahead of the consumer, so
    that fetching goes on while the consumer parses. An exception in ``items`` is raised
    in the consumer; a consumer that stops early (or ``stop``) ends the thread."""
    buffer: queue.Queue = queue.Queue(maxsize=size)
    done = object()

    def produce() -> None:
        try:
            for item in items:
                while not stop.is_set():
                    try:
                        buffer.put((None, item), timeout=0.1)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
        except BaseException as error:  # noqa: BLE001 - handed to the consumer
            buffer.put((error, None))
            return
        finally:
            # Ends the fetches still running (the generators' own clean-up).
            close = getattr(items, "close", None)
            if close is not None:
                close()
        buffer.put((None, done))

    thread = threading.Thread(target=produce, name="quotetrack-fetch", daemon=True)
    thread.start()
    try:
        while True:
            try:
                error, item = buffer.get(timeout=0.1)
            except queue.Empty:
                if stop.is_set():
                    return
                continue
            if error is not None:
                raise error
            if item is done:
                return
            yield item
    finally:
        stop.set()
        thread.join(timeout=5)


# --------------------------------------------------------------------------- storing


def ingest_items(
    items: Iterable[Item],
    store,
    *,
    summary: IngestSummary,
    outlet: str | None = None,
    published: dt.date | None = None,
    model: str | None = None,
    jobs: int = 1,
    chunk: int = 16,
    on_failure: Callable[[str], None] | None = None,
    on_done: Callable[[Article, str], None] | None = None,
    stop: Stop | None = None,
) -> IngestSummary:
    """Store articles as they arrive, ``chunk`` at a time (each article in its own
    transaction, as :func:`~quotetrack.ingest.ingest_articles` does); failures and skipped
    records are counted in ``summary``. Stops between chunks once ``stop`` is set."""
    if jobs > 1:
        # A chunk starts a pool of worker processes: fewer, larger chunks.
        chunk = max(chunk, 32 * jobs)
    pending: list[Article] = []

    def flush() -> None:
        if pending:
            ingest_articles(
                list(pending),
                store,
                model=model,
                jobs=jobs,
                summary=summary,
                on_failure=on_failure,
                on_done=on_done,
            )
            pending.clear()

    for item in items:
        if isinstance(item, ReadFailure):
            summary.fail(str(item), on_failure)
        elif isinstance(item, SkippedRecords):
            summary.skip(item)
        else:
            pending.append(apply_overrides(item, outlet=outlet, published=published))
            if len(pending) >= chunk:
                flush()
        if stop is not None and stop.is_set():
            break
    if stop is None or not stop.is_set():
        flush()
    return summary


def source_items(
    sources: Sources,
    fetcher: Fetcher,
    store,
    *,
    stats: FetchStats,
    max_bytes: int = 20_000_000,
) -> Iterator[Item]:
    """Every article (and failure) of ``sources``: files first, then URLs, URL lists and
    feed entries, fetched concurrently and yielded as they arrive."""
    with column_names(*sources.columns):
        yield from iter_articles(sources.paths, max_bytes=max_bytes) if sources.paths else ()
    entries: dict[str, FeedEntry] = {}
    failures: list[ReadFailure] = []

    def urls() -> Iterator[str]:
        yield from sources.urls
        for path in sources.url_files:
            for value in read_url_list(path):
                if isinstance(value, ReadFailure):
                    failures.append(value)
                else:
                    yield value
        for feed in sources.feeds:
            try:
                poll = poll_feed(fetcher, feed)
            except FetchError as error:
                failures.append(ReadFailure(feed, f"feed unavailable: {error.reason}"))
                continue
            for entry in poll.entries:
                entries.setdefault(entry.url, entry)
                yield entry.url

    for item in fetch_articles(
        urls(), fetcher, store=store, refresh=sources.refresh, stats=stats, entries=entries
    ):
        while failures:
            yield failures.pop(0)
        yield item
    yield from failures


def ingest_sources(
    sources: Sources,
    store,
    *,
    summary: IngestSummary | None = None,
    stats: FetchStats | None = None,
    outlet: str | None = None,
    published: dt.date | None = None,
    model: str | None = None,
    jobs: int = 1,
    max_bytes: int | None = None,
    on_failure: Callable[[str], None] | None = None,
    on_done: Callable[[Article, str], None] | None = None,
) -> tuple[IngestSummary, FetchStats]:
    """Read, fetch and store everything ``sources`` names; one line per failure goes to
    ``on_failure`` and the run goes on. ``max_bytes`` limits files, records and pages alike
    (default: the fetch policy's). Returns the ingest summary and the fetch counts."""
    summary = summary if summary is not None else IngestSummary()
    stats = stats if stats is not None else FetchStats()
    policy = sources.policy
    if max_bytes is not None:
        policy = dataclasses.replace(policy, max_bytes=max_bytes)
    stop = threading.Event()
    fetcher = Fetcher(policy)
    items = source_items(sources, fetcher, store, stats=stats, max_bytes=policy.max_bytes)
    stream = _in_background(items, stop)
    try:
        ingest_items(
            stream,
            store,
            summary=summary,
            outlet=outlet,
            published=published,
            model=model,
            jobs=jobs,
            on_failure=on_failure,
            on_done=on_done,
        )
    finally:
        # On Ctrl-C too: pending waits end, then the fetching thread.
        stop.set()
        fetcher.close()
        stream.close()
    return summary, stats


# --------------------------------------------------------------------------- watching


@dataclass
class FeedRound:
    """One poll of one feed: entries new to it, stored, failed (and to be tried again)."""

    feed: str
    new_entries: int = 0
    stored: int = 0
    failed: int = 0
    retry_later: int = 0
    not_modified: bool = False
    error: str | None = None

    def line(self) -> str:
        if self.error:
            return f"{self.feed}: feed unavailable ({self.error}); trying again next poll"
        if self.not_modified:
            return f"{self.feed}: not modified"
        retry = f", {self.retry_later} to retry" if self.retry_later else ""
        return (
            f"{self.feed}: {self.new_entries} new entries, {self.stored} stored, "
            f"{self.failed} failed{retry}"
        )


def poll_feed_once(
    feed_url: str,
    store,
    fetcher: Fetcher,
    *,
    summary: IngestSummary,
    stats: FetchStats,
    model: str | None = None,
    jobs: int = 1,
    on_failure: Callable[[str], None] | None = None,
    stop: Stop | None = None,
) -> FeedRound:
    """Poll one feed and store the pages of its new entries (state in ``feeds`` and
    ``feed_entries``). An entry is recorded as handled once its page is stored or failed for
    good (a 4xx, not HTML, no text); a page that failed for now (timeout, 429, 5xx) is tried
    again next poll, and the feed's validators are kept only when nothing is left to retry,
    so a 304 never hides an entry still to fetch."""
    from .store.feeds import feed_state, mark_entries, record_poll, seen_entries, stored_urls

    result = FeedRound(feed_url)
    with store.session(write=True) as session:
        state = feed_state(session, feed_url)
    try:
        poll = poll_feed(fetcher, feed_url, etag=state.etag, last_modified=state.last_modified)
    except FetchError as error:
        result.error = error.reason
        with store.session(write=True) as session:
            record_poll(session, state.id, error=error.reason)
        return result
    if poll.not_modified:
        result.not_modified = True
        with store.session(write=True) as session:
            record_poll(session, state.id)
        return result
    with store.session() as session:
        seen = seen_entries(session, state.id, [e.key for e in poll.entries])
        fresh = [e for e in poll.entries if e.key not in seen]
        known = set() if not fresh else stored_urls(session, [e.url for e in fresh])
    result.new_entries = len(fresh)
    by_url = {e.url: e for e in fresh}
    with store.session(write=True) as session:
        mark_entries(session, state.id, [(e.key, e.url, "known") for e in fresh if e.url in known])
    to_fetch = [e.url for e in fresh if e.url not in known]

    def stored(article: Article, status: str) -> None:
        entry = by_url.get(article.url or "")
        if entry is not None:
            result.stored += 1
            with store.session(write=True) as session:
                mark_entries(session, state.id, [(entry.key, entry.url, "stored")])

    def outcomes() -> Iterator[Item]:
        for url, outcome in fetch_outcomes(
            to_fetch, fetcher, store=store, stats=stats, entries=by_url
        ):
            if isinstance(outcome, Article):
                yield outcome
                continue
            if isinstance(outcome, FetchError) and outcome.transient:
                result.retry_later += 1
            else:
                result.failed += 1
                with store.session(write=True) as session:
                    mark_entries(session, state.id, [(by_url[url].key, url, "failed")])
            yield ReadFailure(url, outcome.reason)

    ingest_items(
        outcomes(),
        store,
        summary=summary,
        model=model,
        jobs=jobs,
        on_failure=on_failure,
        on_done=stored,
        stop=stop,
    )
    finished = (stop is None or not stop.is_set()) and not result.retry_later
    with store.session(write=True) as session:
        record_poll(
            session,
            state.id,
            etag=poll.etag,
            last_modified=poll.last_modified,
            save_validators=finished,
        )
    return result


def watch_feeds(
    feeds: Sequence[str],
    store,
    *,
    every: float = 900.0,
    policy: FetchPolicy | None = None,
    stop: Stop,
    model: str | None = None,
    jobs: int = 1,
    rounds: int | None = None,
    on_round: Callable[[FeedRound], None] | None = None,
    on_failure: Callable[[str], None] | None = None,
) -> tuple[IngestSummary, FetchStats]:
    """Poll ``feeds`` every ``every`` seconds until ``stop`` is set (or ``rounds`` polls of
    every feed are done), storing new entries as they appear. A feed that is down is reported
    and polled again next time; the others go on."""
    summary, stats = IngestSummary(), FetchStats()
    fetcher = Fetcher(policy)
    done = 0
    try:
        while not stop.is_set():
            for feed in feeds:
                if stop.is_set():
                    break
                result = poll_feed_once(
                    feed,
                    store,
                    fetcher,
                    summary=summary,
                    stats=stats,
                    model=model,
                    jobs=jobs,
                    on_failure=on_failure,
                    stop=stop,
                )
                if on_round is not None:
                    on_round(result)
            done += 1
            if rounds is not None and done >= rounds:
                break
            stop.wait(every)
    finally:
        fetcher.close()
    return summary, stats
