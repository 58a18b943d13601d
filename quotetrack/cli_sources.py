"""Command-line options for web sources (``ingest URL…``, ``--urls``, ``--feed``, table
columns) and the ``watch`` command; the work is done by :mod:`quotetrack.sources`."""

from __future__ import annotations

import json
import re
import signal
import sys
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from typing import Any

import click

from .read.fetch import DEFAULT_USER_AGENT, FetchPolicy
from .report import as_row, ingest_line

_SOURCE_OPTIONS = (
    "url_files",
    "feeds",
    "refresh",
    "text_field",
    "url_field",
    "date_field",
    "concurrency",
    "per_host",
    "host_delay",
    "timeout",
    "retries",
    "user_agent",
)


def _policy_options(func: Callable) -> Callable:
    for option in reversed(
        [
            click.option(
                "--concurrency",
                type=click.IntRange(1, 256),
                default=8,
                show_default=True,
                help="Pages fetched at once, over all hosts.",
            ),
            click.option(
                "--per-host",
                type=click.IntRange(1, 64),
                default=2,
                show_default=True,
                help="Pages fetched at once from one host.",
            ),
            click.option(
                "--delay",
                "host_delay",
                type=click.FloatRange(0),
                default=1.0,
                show_default=True,
                help="Seconds between requests to one host (robots.txt Crawl-delay wins if longer).",
            ),
            click.option(
                "--timeout",
                type=click.FloatRange(0.1),
                default=20.0,
                show_default=True,
                help="Seconds a page may take.",
            ),
            click.option(
                "--retries",
                type=click.IntRange(0, 10),
                default=3,
                show_default=True,
                help="Retries after a timeout, 429 or 5xx (with backoff; Retry-After honoured).",
            ),
            click.option(
                "--user-agent",
                default=DEFAULT_USER_AGENT,
                metavar="TEXT",
                help="User-Agent sent with every request (and matched against robots.txt).",
            ),
        ]
    ):
        func = option(func)
    return func


def source_options(func: Callable) -> Callable:
    """The ``ingest`` options for web sources and tables."""
    func = _policy_options(func)
    for option in reversed(
        [
            click.option(
                "--urls",
                "url_files",
                multiple=True,
                metavar="FILE",
                help="Fetch the URLs in FILE: one a line, or a CSV/TSV with a url column.",
            ),
            click.option(
                "--feed",
                "feeds",
                multiple=True,
                metavar="URL",
                help="Fetch the pages an RSS/Atom feed lists (repeatable).",
            ),
            click.option(
                "--refresh", is_flag=True, help="Fetch URLs again even when already stored."
            ),
            click.option("--text-field", metavar="COLUMN", help="Text column of .csv/.tsv files."),
            click.option("--url-field", metavar="COLUMN", help="Url column of .csv/.tsv files."),
            click.option("--date-field", metavar="COLUMN", help="Date column of .csv/.tsv files."),
        ]
    ):
        func = option(func)
    return func


def policy_from(options: dict[str, Any]) -> FetchPolicy:
    """The fetch policy the command-line options describe."""
    return FetchPolicy(
        user_agent=options["user_agent"],
        timeout=options["timeout"],
        retries=options["retries"],
        host_delay=options["host_delay"],
        host_concurrency=options["per_host"],
        concurrency=options["concurrency"],
    )


def sources_from(arguments: Sequence[str], options: dict[str, Any]):
    """The :class:`~quotetrack.sources.Sources` of an ``ingest`` command line."""
    from .sources import Sources

    unknown = set(options) - set(_SOURCE_OPTIONS)
    assert not unknown, f"unexpected options {unknown}"
    sources = Sources.from_arguments(
        list(arguments),
        url_files=list(options["url_files"]),
        feeds=list(options["feeds"]),
        refresh=options["refresh"],
        policy=policy_from(options),
        columns=(options["text_field"], options["url_field"], options["date_field"]),
    )
    if not sources.paths and not sources.fetches:
        raise click.UsageError("name at least one PATH or URL, --urls FILE or --feed URL")
    return sources


class _Status:
    """The live status line; rich re-renders it a few times a second from the counters."""

    def __init__(self, stats, summary) -> None:
        self.stats, self.summary = stats, summary

    def __rich__(self):
        from rich.text import Text

        stats, summary = self.stats, self.summary
        return Text(
            f"fetch: {stats.fetched} fetched, {stats.failed} failed, {stats.queued} queued · "
            f"ingest: {summary.new + summary.updated} stored, {summary.unchanged} unchanged, "
            f"{summary.failed} failed"
        )


@contextmanager
def _progress(enabled: bool, stats, summary):
    """A live status line (fetched, failed, queued, stored) on a terminal; failure lines
    written to stderr meanwhile appear above it."""
    if not enabled:
        yield
        return
    from rich.console import Console
    from rich.live import Live

    with Live(
        _Status(stats, summary),
        console=Console(stderr=True),
        refresh_per_second=4,
        transient=True,
        redirect_stderr=True,
    ):
        yield


def run_web_ingest(
    sources,
    qt,
    *,
    model: str | None,
    jobs: int,
    outlet: str | None,
    published,
    max_bytes: int,
    quiet: bool,
    as_json: bool,
    report_failure: Callable[[str], None],
) -> None:
    """Run an ``ingest`` that fetches (``qt``: the open database), print its summary and
    exit (1 if anything failed)."""
    from .ingest import IngestSummary
    from .sources import FetchStats

    stats = FetchStats()
    # The status line reads the counts as they change; the report comes at the end.
    live = IngestSummary()

    def done(article, status: str) -> None:
        live.count(status)

    def failed(message: str) -> None:
        live.fail(message)
        report_failure(message)

    show = not quiet and not as_json and sys.stderr.isatty()
    try:
        with _progress(show, stats, live):
            result = qt.ingest_sources(
                sources,
                outlet=outlet,
                date=published,
                model=model,
                jobs=jobs,
                max_mb=max_bytes / 1_000_000,
                stats=stats,
                on_failure=failed,
                on_done=done,
            )
    except KeyboardInterrupt:
        report_failure("Interrupted: every finished article is stored; run it again to finish")
        click.echo(ingest_line(live.report()), err=True)
        sys.exit(130)
    if as_json:
        payload = dict(as_row(result), **stats.as_dict())
        click.echo(json.dumps(payload, indent=2))
    elif not quiet:
        click.echo(stats.line())
        click.echo(ingest_line(result))
    sys.exit(0 if result.ok else 1)


_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")


def parse_duration(text: str) -> float:
    """Seconds in ``90``, ``30s``, ``15m``, ``2h`` or ``1d``. Raises ValueError."""
    match = _DURATION.match(text)
    if not match:
        raise ValueError(f"not a duration: {text!r} (use e.g. 30s, 15m, 2h)")
    factor = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[match.group(2)]
    return float(match.group(1)) * factor


def _duration(ctx: click.Context, param: click.Parameter, value: str) -> float:
    try:
        seconds = parse_duration(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None
    if seconds <= 0:
        raise click.BadParameter("must be more than 0")
    return seconds


@contextmanager
def _stop_on_signals():
    """A stop request made by the first SIGINT or SIGTERM (a second Ctrl-C interrupts at
    once). A :class:`~quotetrack.sources.SignalStop`, not a ``threading.Event``: setting an
    event from a handler can deadlock the main thread (see there)."""
    from .sources import SignalStop

    stop = SignalStop()

    def handler(signum, frame):
        if stop.is_set() and signum == signal.SIGINT:
            raise KeyboardInterrupt
        stop.set()

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield stop
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)
        stop.close()


@click.command("watch")
@click.argument("feeds", nargs=-1)
@click.option("--feeds", "feed_file", metavar="FILE", help="Watch the feed URLs in FILE too.")
@click.option(
    "--every",
    default="15m",
    show_default=True,
    callback=_duration,
    help="Time between polls (30s, 15m, 2h).",
)
@click.option("--once", is_flag=True, help="Poll every feed once and stop.")
@_policy_options
@click.option("--jobs", "-j", type=click.IntRange(1), default=1, show_default=True)
@click.option("--quiet", "-q", is_flag=True, help="Only failures.")
@click.pass_obj
def watch(
    obj,
    feeds: tuple[str, ...],
    feed_file: str | None,
    every: float,
    once: bool,
    jobs: int,
    quiet: bool,
    **policy_options: Any,
) -> None:
    """Keep polling RSS/Atom feeds and store the pages of new entries as they appear.

    What was seen is kept in the database (each feed's ETag and Last-Modified, and its
    entries), so a restarted watch fetches only what is new. A feed that is down is reported
    and polled again next time. Ctrl-C (or SIGTERM) stops after the article being stored.

    \b
    Example:
      quotetrack watch https://example.org/news/rss.xml --every 15m
      quotetrack watch --feeds outlets.txt --once
    """
    from .read.fetch import is_web_url
    from .sources import read_url_list, watch_feeds
    from .types import ReadFailure

    urls = list(feeds)
    if feed_file:
        for value in read_url_list(feed_file):
            if isinstance(value, ReadFailure):
                raise click.ClickException(str(value))
            urls.append(value)
    bad = [u for u in urls if not is_web_url(u)]
    if bad:
        raise click.BadParameter(f"not an http(s) URL: {bad[0]}", param_hint="FEEDS")
    if not urls:
        raise click.UsageError("name at least one feed URL, or --feeds FILE")
    urls = list(dict.fromkeys(urls))
    store = obj.open(create=True).store

    feeds_down = 0

    def report(round_) -> None:
        nonlocal feeds_down
        if round_.error:
            feeds_down += 1
            click.echo(click.style("feed down: ", fg="yellow") + round_.line(), err=True)
        elif not quiet:
            click.echo(round_.line(), err=True)

    def fail(message: str) -> None:
        click.echo(click.style("Error: ", fg="red", bold=True) + message, err=True)

    if not quiet:
        click.echo(
            f"watching {len(urls)} feed(s)"
            + ("" if once else f", every {every:g} s; Ctrl-C stops"),
            err=True,
        )
    with _stop_on_signals() as stop:
        try:
            summary, stats = watch_feeds(
                urls,
                store,
                every=every,
                policy=policy_from(policy_options),
                stop=stop,
                model=obj.model,
                jobs=jobs,
                rounds=1 if once else None,
                on_round=report,
                on_failure=fail,
            )
        except KeyboardInterrupt:
            click.echo("Interrupted: every finished article is stored", err=True)
            sys.exit(130)
    if not quiet:
        click.echo(("stopped; " if stop.is_set() else "") + stats.line())
        click.echo(ingest_line(summary.report()))
    if once and (feeds_down or not summary.ok):
        sys.exit(1)
