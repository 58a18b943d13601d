"""quotetrack's command line: a thin click layer over :mod:`quotetrack.api`.

Each command parses its flags, makes one or two library calls and hands the records to
:mod:`quotetrack.report`, which prints them. Every command that prints rows takes ``--json``
or ``--csv``; every command's ``--help`` ends with an example. Errors are raised as
:mod:`quotetrack.errors` exceptions by the library and turned into messages here only.

Exit status: 0 when the command ran (an empty result included), 1 when a name or id matches
nothing or a run failed, 2 for a usage error (a bad flag or value, a malformed query, a name
that matches several speakers).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from . import __version__, report
from .api import DEFAULT_DB, Quotetrack
from .api import open as open_db
from .cli_sources import source_options, sources_from, watch
from .commands_fix import register as register_fix
from .commands_fix import speaker_listing
from .errors import AmbiguousName, DatabaseMissing, InputError, NotFound, QuotetrackError
from .filters import VARIANT_KINDS
from .records import StoredQuote
from .types import QUOTE_TYPES

F = TypeVar("F", bound=Callable[..., Any])
DATE = click.DateTime(formats=["%Y-%m-%d"])
QUOTE_TYPE = click.Choice(list(QUOTE_TYPES))


# --------------------------------------------------------------------------- helpers


def _date(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value is not None else None


def output_options(func: F) -> F:
    """Add the mutually exclusive ``--json`` / ``--csv`` flags (read with :func:`_fmt`)."""
    func = click.option("--csv", "as_csv", is_flag=True, help="Write CSV with a header row.")(func)
    func = click.option("--json", "as_json", is_flag=True, help="Write a JSON array.")(func)
    return func


def _fmt(as_json: bool, as_csv: bool, default: str = "table") -> str:
    if as_json and as_csv:
        raise click.UsageError("--json and --csv cannot be combined")
    return "json" if as_json else "csv" if as_csv else default


def _err(message: str) -> None:
    click.echo(click.style("Error: ", fg="red", bold=True) + message, err=True)


def _fail(exc: QuotetrackError, fmt: str = "table") -> NoReturn:
    """Print ``exc`` as a message and exit: 2 for usage (bad input, ambiguous name), else 1."""
    _err(str(exc))
    if isinstance(exc, AmbiguousName):
        report.emit(exc.matches, report.SPEAKER_MATCH_COLUMNS, fmt)
    sys.exit(2 if isinstance(exc, (InputError, AmbiguousName)) else 1)


class Context:
    """What the global options say; the database is opened on first use."""

    def __init__(self, db: str | None, model: str | None) -> None:
        self.db = db
        self.model = model
        self._qt: Quotetrack | None = None

    def open(self, create: bool = False, write: bool = False) -> Quotetrack:
        """The database; reports refuse to run on one that does not exist yet.

        Only ``create`` (ingest) and ``write`` (regroup) open it for writing, which migrates
        it; every reading command opens it read-only and never changes the file.
        """
        if self._qt is None:
            readonly = not (create or write)
            self._qt = open_db(self.db or DEFAULT_DB, create=create, readonly=readonly)
        return self._qt


pass_ctx = click.make_pass_decorator(Context)


def quote_filters(func: F) -> F:
    """The filters shared by ``quotes``, ``search`` and ``export``."""
    for opt in reversed(
        [
            click.option("--speaker", help="Speaker id, name or alias (case-insensitive)."),
            click.option(
                "--anonymous",
                is_flag=True,
                help='Let --speaker also match unnamed sources ("a Blinken aide").',
            ),
            click.option("--outlet", help="Outlet name (case-insensitive)."),
            click.option("--since", type=DATE, help="Published on or after YYYY-MM-DD."),
            click.option("--until", type=DATE, help="Published on or before YYYY-MM-DD."),
            click.option("--type", "qtype", type=QUOTE_TYPE, help="Quote type."),
        ]
    ):
        func = opt(func)
    return func


def _filters(**flags: Any) -> dict[str, Any]:
    """Flag values as the library's filter keywords (dates as dates, ``--type`` as type)."""
    out = dict(flags)
    if "qtype" in out:
        out["type"] = out.pop("qtype")
    for name in ("since", "until"):
        if name in out:
            out[name] = _date(out[name])
    return {k: v for k, v in out.items() if v is not None and v is not False}


# --------------------------------------------------------------------------- group


class _Group(click.Group):
    """Turns the library's errors into messages and exit statuses, in one place."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except QuotetrackError as exc:
            _fail(exc, ctx.meta.get("quotetrack.fmt", "table"))


def _remember_fmt(ctx: click.Context, as_json: bool, as_csv: bool) -> str:
    fmt = _fmt(as_json, as_csv)
    ctx.meta["quotetrack.fmt"] = fmt
    return fmt


@click.group(
    cls=_Group,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.option(
    "--db",
    envvar="QUOTETRACK_DB",
    metavar="PATH_OR_URL",
    help="SQLite file or SQLAlchemy URL (default ./quotetrack.db, or $QUOTETRACK_DB). "
    "Created and migrated automatically.",
)
@click.option(
    "--model",
    envvar="QUOTETRACK_MODEL",
    metavar="NAME",
    help="spaCy pipeline to use (default: the best installed English model; or $QUOTETRACK_MODEL).",
)
@click.version_option(__version__, prog_name="quotetrack")
@click.pass_context
def cli(ctx: click.Context, db: str | None, model: str | None) -> None:
    """Find who said what in news articles, and how each outlet worded it.

    \b
    Example:
      quotetrack ingest samples/
      quotetrack speaker "Blinken"
    """
    ctx.obj = Context(db, model)


# --------------------------------------------------------------------------- ingest


def _dask_address(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Check ``--dask`` early: ``local:N`` or a scheduler address."""
    if value is None:
        return None
    from .distributed import parse_address

    try:
        parse_address(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None
    return value


@cli.command()
@click.argument("paths", nargs=-1, metavar="PATH_OR_URL...")
@click.option("--outlet", help="Outlet name for every article (overrides the files).")
@click.option(
    "--date", "published", type=DATE, help="Publication date YYYY-MM-DD for every article."
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(1),
    default=1,
    show_default=True,
    help="Processes for parsing (use 2 on a 2-core machine).",
)
@click.option(
    "--max-mb",
    type=click.FloatRange(min=0.001),
    default=20.0,
    show_default=True,
    help="Skip (and report) files larger than this many megabytes.",
)
@click.option(
    "--dask",
    "dask_address",
    metavar="ADDRESS",
    callback=_dask_address,
    help="Parse on a Dask cluster: a scheduler (tcp://host:8786) or local:N for N "
    "local worker processes (needs the 'dask' extra; see docs/scaling.md).",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no per-file messages.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@source_options
@pass_ctx
def ingest(
    obj: Context,
    paths: tuple[str, ...],
    outlet: str | None,
    published: dt.datetime | None,
    jobs: int,
    max_mb: float,
    dask_address: str | None,
    quiet: bool,
    as_json: bool,
    **source_kwargs,
) -> None:
    """Read articles, find their quotes and speakers, and store them.

    PATHS are files or directories (searched recursively): .txt and .md (optional front
    matter: title, date, outlet, url, author), .html/.htm, .json and .jsonl (one article per
    object), web archives (.warc, .warc.gz: every HTML response) and tables (.csv, .tsv with
    a text column). http(s) URLs, --urls FILE and --feed URL are fetched politely (robots.txt,
    --delay and --per-host per host); a URL already stored is not fetched again unless
    --refresh. Re-ingesting unchanged files adds nothing; a changed article replaces its own
    quotes. Unreadable inputs are reported and skipped; the exit status is 1 if any failed.

    \b
    Example:
      quotetrack ingest samples/
      quotetrack ingest --outlet Reuters --date 2023-12-07 story.txt
      quotetrack ingest https://example.org/news/story.html --urls more-urls.txt
      quotetrack ingest --feed https://example.org/rss.xml crawl.warc.gz export.csv
    """
    from .read.tabular import column_names

    sources = sources_from(paths, source_kwargs)
    qt = obj.open(create=True)
    on_failure = (lambda msg: None) if quiet and as_json else _err
    if sources.fetches:
        from .cli_sources import run_web_ingest

        if dask_address:
            raise click.UsageError("--dask reads files only; fetch URLs without it")
        run_web_ingest(
            sources,
            qt,
            model=obj.model,
            jobs=jobs,
            outlet=outlet,
            published=_date(published),
            max_bytes=int(max_mb * 1_000_000),
            quiet=quiet,
            as_json=as_json,
            report_failure=on_failure,
        )
    progress = report.IngestProgress(enabled=not quiet and not as_json and sys.stderr.isatty())
    try:
        with progress, column_names(*sources.columns):
            result = qt.ingest(
                *paths,
                outlet=outlet,
                date=_date(published),
                model=obj.model,
                jobs=jobs,
                dask=dask_address,
                max_mb=max_mb,
                on_failure=on_failure,
                on_done=progress.step,
                on_start=progress.start,
            )
    except KeyboardInterrupt:
        _err("Interrupted: every finished article is stored; run the same command to finish")
        sys.exit(130)
    if as_json:
        click.echo(json.dumps(report.as_row(result), indent=2))
    elif not quiet:
        click.echo(report.ingest_line(result))
    sys.exit(0 if result.ok else 1)


# --------------------------------------------------------------------------- speakers


@cli.command()
@click.argument("name")
@output_options
@pass_ctx
@click.pass_context
def speaker(ctx: click.Context, obj: Context, name: str, as_json: bool, as_csv: bool) -> None:
    """Everything one speaker said, grouped into statements.

    NAME is a speaker id or any alias, case-insensitively ("Blinken", "Antony Blinken" and
    "Secretary Blinken" all find the same person). When several speakers match, they are
    listed and the exit status is 2: repeat with a more precise name or the id.

    \b
    Example:
      quotetrack speaker "Blinken"
      quotetrack speaker "Antony Blinken" --json > blinken.json
    """
    fmt = _remember_fmt(ctx, as_json, as_csv)
    report.speaker_view(obj.open().speaker(name), fmt)


@cli.command()
@click.argument("name", required=False)
@click.option(
    "--kind", type=click.Choice(["person", "organisation", "anonymous"]), help="Speaker kind."
)
@click.option("--outlet", help="Count only quotes in this outlet (case-insensitive).")
@click.option("--since", type=DATE, help="Count only quotes published on or after YYYY-MM-DD.")
@click.option("--until", type=DATE, help="Count only quotes published on or before YYYY-MM-DD.")
@click.option("--min-quotes", type=click.IntRange(0), help="Only speakers with at least N quotes.")
@click.option("--limit", type=click.IntRange(1), help="At most this many speakers.")
@output_options
@pass_ctx
def speakers(
    obj: Context,
    name: str | None,
    kind: str | None,
    outlet: str | None,
    since: dt.datetime | None,
    until: dt.datetime | None,
    min_quotes: int | None,
    limit: int | None,
    as_json: bool,
    as_csv: bool,
) -> None:
    """List speakers with their ids and counts, most quoted first, or the speakers a NAME
    could mean, best match first.

    \b
    Example:
      quotetrack speakers --kind person --min-quotes 2
      quotetrack speakers --outlet Reuters --since 2023-11-01 --csv > speakers.csv
      quotetrack speakers Biden --json
    """
    fmt = _fmt(as_json, as_csv)
    if name is None:  # the listing, with the ids `quotetrack fix` takes
        filters = dict(kind=kind, outlet=outlet, since=_date(since), until=_date(until))
        speaker_listing(obj.open().store, fmt, min_quotes=min_quotes, limit=limit, **filters)
        return
    if outlet or since or until or min_quotes is not None:
        raise click.UsageError("--outlet, --since, --until and --min-quotes list all speakers")
    found = obj.open().speakers(name, kind=kind, limit=limit)
    if name is not None and not found:
        raise NotFound(f"No speaker matches {name!r}")
    columns = report.SPEAKER_MATCH_COLUMNS if name else report.SPEAKER_MATCH_COLUMNS[:-1]
    report.emit(
        found,
        [*columns, "aliases"],
        fmt,
        title=report.plural(len(found), "speaker"),
        table_columns={c: c for c in columns},
    )


# --------------------------------------------------------------------------- quotes

# Every field of a stored quote, in the record's order (the listing's JSON and CSV).
QUOTE_COLUMNS = [f.name for f in dataclasses.fields(StoredQuote)]


@cli.command()
@quote_filters
@click.option("--limit", type=click.IntRange(1), help="At most this many quotes.")
@output_options
@pass_ctx
def quotes(obj: Context, limit: int | None, as_json: bool, as_csv: bool, **flags: Any) -> None:
    """List quotes, newest first, with optional filters.

    A --speaker name stands for the named speakers it matches (exact name or alias first);
    unnamed sources described with it only with --anonymous. A name that matches nobody is
    an error (exit 1); filters that match no quote give an empty list (exit 0).

    \b
    Example:
      quotetrack quotes --speaker Blinken --type direct
      quotetrack quotes --outlet "The New Arab" --since 2023-12-01 --csv > quotes.csv
    """
    fmt = _fmt(as_json, as_csv)
    rows = obj.open().quotes(limit=limit, **_filters(**flags))
    report.emit(
        rows,
        QUOTE_COLUMNS,
        fmt,
        title=report.plural(len(rows), "quote"),
        table_columns={c: c for c in ("date", "outlet", "speaker", "type", "text", "cue")},
    )


# --------------------------------------------------------------------------- sql


@cli.command()
@click.argument("query")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=10.0,
    show_default=True,
    help="Stop the query (running and fetching rows) after this many seconds.",
)
@click.option(
    "--limit",
    type=click.IntRange(0),
    help="At most this many rows (default 1000 for a table, all for --json/--csv; 0: all).",
)
@click.option(
    "--allow-privileged-role",
    is_flag=True,
    help="PostgreSQL: run even as a superuser or a role that can read server files, run "
    "programs or signal other sessions (refused by default; see docs/sql.md).",
)
@output_options
@pass_ctx
def sql(
    obj: Context,
    query: str,
    timeout: float,
    limit: int | None,
    allow_privileged_role: bool,
    as_json: bool,
    as_csv: bool,
) -> None:
    """Run a read-only SQL query and print the result.

    The database is opened read-only and never migrated. On SQLite, statements that would
    write (INSERT, UPDATE, DELETE, DROP, CREATE, ATTACH, state-changing PRAGMAs …) are
    refused (exit 2); on PostgreSQL only a query (SELECT, VALUES, TABLE, WITH) runs, in a
    read-only transaction. Time, memory and rows are bounded. Tables and views are described
    in docs/schema.md, the guarantees in docs/sql.md.

    \b
    Example:
      quotetrack sql "SELECT speaker, count(*) AS n FROM quote_view GROUP BY speaker ORDER BY n DESC"
    """
    from .store.sql import DEFAULT_TABLE_LIMIT, run_readonly_sql

    fmt = _fmt(as_json, as_csv)
    if limit is None:
        limit = DEFAULT_TABLE_LIMIT if fmt == "table" else 0
    try:
        result = run_readonly_sql(
            obj.db or DEFAULT_DB,
            query,
            timeout=timeout,
            limit=limit or None,
            allow_privileged_role=allow_privileged_role,
        )
    except FileNotFoundError:
        raise DatabaseMissing(str(obj.db or DEFAULT_DB)) from None
    for note in result.notes:
        click.echo("note: " + note, err=True)
    report.emit([dict(zip(result.columns, r)) for r in result.rows], result.columns, fmt)
    if result.truncated:
        click.echo(f"note: only the first {limit} rows are shown; --limit N for more", err=True)


# --------------------------------------------------------------------------- search


@cli.command()
@click.argument("query")
@quote_filters
@click.option(
    "--limit",
    type=click.IntRange(1),
    default=50,
    show_default=True,
    help="At most this many quotes.",
)
@output_options
@pass_ctx
def search(obj: Context, query: str, limit: int, as_json: bool, as_csv: bool, **flags: Any) -> None:
    """Full-text search over quote texts, best match first.

    QUERY: words (all must occur; "protect" also finds "protecting"), "exact phrases" in
    double quotes, OR, NOT, prefix* and NEAR(word1 word2, 5). Matches are highlighted; in
    --json/--csv output the ``snippet`` column marks them as [[match]].

    \b
    Example:
      quotetrack search '"humanitarian pause" OR ceasefire' --speaker Blinken
      quotetrack search 'hostage* NOT release' --outlet Reuters --since 2023-11-01 --json
    """
    fmt = _fmt(as_json, as_csv)
    hits = obj.open().search(query, limit=limit, **_filters(**flags))
    report.search_view(hits, query, fmt)


# --------------------------------------------------------------------------- export


@cli.command()
@click.argument("kind", type=click.Choice(["quotes", "statements", "speakers"]))
@quote_filters
@click.option(
    "--min-outlets", type=click.IntRange(1), help="Statements quoted by at least N outlets."
)
@click.option(
    "--kind",
    "variant_kind",
    help="Statements with a variant of this kind (altered …); speakers of this kind.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "json", "jsonl", "parquet"]),
    help="Output format (default csv; parquet needs quotetrack[parquet]).",
)
@output_options
@click.option(
    "--output",
    "-o",
    default="-",
    metavar="FILE",
    help="Where to write (default: standard output; parquet needs a file).",
)
@pass_ctx
def export(
    obj: Context,
    kind: str,
    variant_kind: str | None,
    min_outlets: int | None,
    fmt: str | None,
    as_json: bool,
    as_csv: bool,
    output: str,
    **flags: Any,
) -> None:
    """Export all quotes, statements or speakers for analysis elsewhere.

    Rows are the readable views described in docs/schema.md (quote_view, statement_view,
    speaker_view). Filters: quotes take all of them; statements --speaker, --outlet,
    --since/--until (first published), --min-outlets and --kind; speakers --speaker and
    --kind. --json and --csv are short for --format json / csv.

    \b
    Example:
      quotetrack export quotes --outlet Reuters --since 2023-11-01 -o reuters.csv
      quotetrack export statements --min-outlets 5 --format jsonl -o wide.jsonl
      quotetrack export speakers --format parquet -o speakers.parquet
    """
    flag_fmt = _fmt(as_json, as_csv, default="")
    if flag_fmt and fmt and flag_fmt != fmt:
        raise click.UsageError(f"--{flag_fmt} and --format {fmt} disagree")
    fmt = fmt or flag_fmt or "csv"
    if fmt == "parquet" and output == "-":
        raise click.UsageError("parquet export needs --output FILE")
    filters = _filters(min_outlets=min_outlets, kind=variant_kind, **flags)
    out = sys.stdout if output == "-" else output
    n = obj.open().export(kind, out, format=fmt, **filters)
    if output != "-":
        click.echo(f"{report.plural(n, kind.rstrip('s'))} written to {output}", err=True)


# --------------------------------------------------------------------------- statements

STATEMENT_COLUMNS = [
    "statement_id",
    "first_published",
    "first_outlet",
    "speaker",
    "n_outlets",
    "n_quotes",
    "n_altered",
    "text",
    "speaker_id",
    "speaker_kind",
    "root_quote_id",
    "root_type",
]
STATEMENT_TABLE = {
    "id": "statement_id",
    "first": "first_published",
    "first outlet": "first_outlet",
    "speaker": "speaker",
    "outlets": "n_outlets",
    "quotes": "n_quotes",
    "altered": "n_altered",
    "text": "text",
}


@cli.command("statements")
@click.option("--speaker", help="Speaker id, name or alias (case-insensitive).")
@click.option(
    "--anonymous",
    is_flag=True,
    help='Let --speaker also match unnamed sources ("a Blinken aide").',
)
@click.option("--outlet", help="Only statements this outlet quoted (case-insensitive).")
@click.option("--since", type=DATE, help="First published on or after YYYY-MM-DD.")
@click.option("--until", type=DATE, help="First published on or before YYYY-MM-DD.")
@click.option("--min-outlets", type=click.IntRange(1), help="Quoted by at least N outlets.")
@click.option(
    "--kind",
    type=click.Choice([k for k in VARIANT_KINDS if k != "root"]),
    help="Only statements with a variant of this kind (e.g. altered quotes).",
)
@click.option(
    "--sort",
    type=click.Choice(["reach", "date"]),
    default="reach",
    show_default=True,
    help="reach: most outlets first; date: newest first.",
)
@click.option("--limit", type=click.IntRange(1), help="At most this many statements.")
@output_options
@pass_ctx
def statements_cmd(obj: Context, sort: str, as_json: bool, as_csv: bool, **flags: Any) -> None:
    """List statements: one utterance each, with how many outlets quoted it.

    \b
    Example:
      quotetrack statements --min-outlets 2
      quotetrack statements --speaker Blinken --kind altered --sort date --csv > altered.csv
    """
    fmt = _fmt(as_json, as_csv)
    rows = obj.open().statements(sort=sort, **_filters(**flags))
    report.emit(
        rows,
        STATEMENT_COLUMNS,
        fmt,
        title=report.plural(len(rows), "statement"),
        table_columns=STATEMENT_TABLE,
    )


@cli.command("statement")
@click.argument("statement_id", type=int)
@output_options
@click.option(
    "--html",
    "html_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the statement as one self-contained HTML page (styles and chart inline).",
)
@pass_ctx
def statement_cmd(
    obj: Context, statement_id: int, as_json: bool, as_csv: bool, html_file: Path | None
) -> None:
    """Show one statement: its fullest wording and how each outlet worded it.

    Variants come in publication order with their kind (root, verbatim, trimmed, altered,
    paraphrase) and a word-level diff against the root: on a terminal deleted words are red
    and struck through and inserted words green; otherwise they are marked [-old-] {+new+}.

    \b
    Example:
      quotetrack statement 12
      quotetrack statement 12 --json > statement-12.json
      quotetrack statement 12 --html statement-12.html
    """
    if html_file is not None:
        from .web.command import write_statement_html

        write_statement_html(obj.db, statement_id, html_file)
        click.echo(f"Wrote statement {statement_id} to {html_file}")
        return
    fmt = _fmt(as_json, as_csv)
    report.statement_view(obj.open().statement(statement_id), fmt)


def _setting(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"{item!r}: expected NAME=VALUE")
        out[name.strip().replace("-", "_")] = value.strip()
    return out


@cli.command("regroup")
@click.option(
    "--set",
    "settings",
    multiple=True,
    metavar="NAME=VALUE",
    callback=_setting,
    help="Change a grouping setting (e.g. window_days=10); stored in the database, so later "
    "ingests group the same way. Repeatable.",
)
@click.option("--show", is_flag=True, help="Print the grouping settings and do nothing else.")
@output_options
@pass_ctx
def regroup_cmd(
    obj: Context, settings: dict[str, str], show: bool, as_json: bool, as_csv: bool
) -> None:
    """Rebuild all statements from the stored quotes (after changing grouping rules).

    Quotes are replayed in the order they were stored, which gives the same statements as
    ingesting did; statements whose first quote is unchanged keep their ids.

    \b
    Example:
      quotetrack regroup
      quotetrack regroup --set window_days=10 --json
    """
    fmt = _fmt(as_json, as_csv)
    qt = obj.open(write=True)
    if show:
        current = qt.grouping_settings()
        rows = [{"setting": k, "value": v} for k, v in current.items()]
        report.emit(rows, ["setting", "value"], fmt)
        return
    result = qt.regroup(**settings)
    if fmt == "table":
        click.echo(report.regroup_line(result))
    else:
        report.emit(
            [result], ["quotes", "statements", "kept", "created", "removed", "seconds"], fmt
        )


# --------------------------------------------------------------------------- extract


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--output",
    "-o",
    type=click.File("w", encoding="utf-8"),
    default="-",
    help="Where to write JSON Lines (default: standard output).",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(1),
    default=1,
    show_default=True,
    help="Processes for parsing.",
)
@pass_ctx
def extract(obj: Context, files: tuple[Path, ...], output: Any, jobs: int) -> None:
    """Detect quotes without a database; write one JSON line per article.

    The output follows the quote-attribution evaluation format (id, text, meta, quotes with
    type, start, end, text, speaker, speaker_spans, cue). A .jsonl input whose objects have
    ``id`` and ``text`` is read as documents and keeps their ids.

    \b
    Example:
      quotetrack extract samples/ > quotes.jsonl
      quotetrack extract --jobs 2 docs.jsonl -o predictions.jsonl
    """
    from .api import extract_records

    failures: list[str] = []

    def failed(message: str) -> None:
        failures.append(message)
        _err(message)

    for rec in extract_records(files, model=obj.model, jobs=jobs, on_failure=failed):
        output.write(json.dumps(rec, ensure_ascii=False) + "\n")
    sys.exit(1 if failures else 0)


cli.add_command(watch)

from .web.command import serve  # noqa: E402  (its own module; imports only click)

cli.add_command(serve)
register_fix(cli)  # `fix …` (quotetrack/commands_fix.py)


def main(argv: Sequence[str] | None = None) -> None:
    """Console entry point."""
    from .extract import tune_memory

    tune_memory()  # this process is quotetrack's own (see tune_memory)
    cli.main(args=argv, prog_name="quotetrack")


if __name__ == "__main__":  # pragma: no cover
    main()
