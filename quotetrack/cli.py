"""quotetrack's command line: a thin click layer over the library.

Every listing command prints a table on a terminal and takes ``--json`` or ``--csv`` for
machines; every command's ``--help`` ends with an example.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import click

from . import __version__
from .report import emit, print_indented

DATE = click.DateTime(formats=["%Y-%m-%d"])
QUOTE_TYPE = click.Choice(["direct", "indirect", "mixed"])


# --------------------------------------------------------------------------- helpers


def _date(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value is not None else None


def output_options(func: Callable) -> Callable:
    """Add the mutually exclusive ``--json`` / ``--csv`` flags as a ``fmt`` argument."""
    func = click.option("--csv", "as_csv", is_flag=True, help="Write CSV with a header row.")(func)
    func = click.option("--json", "as_json", is_flag=True, help="Write a JSON array.")(func)
    return func


def _fmt(as_json: bool, as_csv: bool) -> str:
    if as_json and as_csv:
        raise click.UsageError("--json and --csv cannot be combined")
    return "json" if as_json else "csv" if as_csv else "table"


def _err(message: str) -> None:
    click.echo(click.style("error: ", fg="red", bold=True) + message, err=True)


class Context:
    """What the global options say; the store is opened on first use."""

    def __init__(self, db: str | None, model: str | None) -> None:
        self.db = db
        self.model = model
        self._store = None

    def store(self, create: bool = False):
        """Open the database; reports refuse to run on a database that does not exist yet."""
        from .store import open_store

        if self._store is None:
            path = self.db or "quotetrack.db"
            if not create and "://" not in path and not Path(path).exists():
                raise click.ClickException(
                    f"no database at {path}; run `quotetrack ingest PATH…` first "
                    "(or point --db / $QUOTETRACK_DB at one)"
                )
            try:
                self._store = open_store(self.db)
            except Exception as exc:  # an unreadable path or bad URL: say which
                raise click.ClickException(
                    f"cannot open database {self.db or 'quotetrack.db'}: {exc}"
                ) from exc
        return self._store


pass_ctx = click.make_pass_decorator(Context)


# --------------------------------------------------------------------------- group


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
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
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
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
@pass_ctx
def ingest(
    obj: Context,
    paths: tuple[Path, ...],
    outlet: str | None,
    published,
    jobs: int,
    max_mb: float,
    dask_address: str | None,
    quiet: bool,
    as_json: bool,
) -> None:
    """Read articles, find their quotes and speakers, and store them.

    PATHS are files or directories (searched recursively): .txt and .md (optional front
    matter: title, date, outlet, url, author), .html/.htm, .json and .jsonl (one article per
    object). Re-ingesting unchanged files adds nothing; a changed article replaces its own
    quotes. Unreadable inputs are reported and skipped; the exit status is 1 if any failed.

    \b
    Example:
      quotetrack ingest samples/
      quotetrack ingest --outlet Reuters --date 2023-12-07 story.txt
    """
    from .ingest import IngestSummary, ingest_articles, long_run_collector, read_all

    run_ingest = ingest_articles
    if dask_address:
        from functools import partial

        from .distributed import ingest_with_dask

        run_ingest = partial(ingest_with_dask, dask_address)
    summary = IngestSummary()
    report_failure = (lambda msg: None) if quiet and as_json else _err
    articles = read_all(
        paths,
        outlet=outlet,
        published=_date(published),
        on_failure=report_failure,
        summary=summary,
        max_bytes=int(max_mb * 1_000_000),
    )
    store = obj.store(create=True)
    show_progress = not quiet and not as_json and sys.stderr.isatty()
    try:
        with long_run_collector():
            if show_progress and articles:
                from rich.console import Console
                from rich.progress import (
                    BarColumn,
                    MofNCompleteColumn,
                    Progress,
                    TextColumn,
                    TimeRemainingColumn,
                )

                with Progress(
                    TextColumn("[bold]ingest"),
                    BarColumn(),
                    MofNCompleteColumn(),
                    TextColumn("{task.fields[name]}"),
                    TimeRemainingColumn(),
                    console=Console(stderr=True),
                    transient=True,
                ) as progress:
                    task = progress.add_task("ingest", total=len(articles), name="")

                    def step(art, status):
                        progress.update(task, advance=1, name=Path(art.source).name[:40])

                    run_ingest(
                        articles,
                        store,
                        model=obj.model,
                        jobs=jobs,
                        summary=summary,
                        on_failure=report_failure,
                        on_done=step,
                    )
            else:
                run_ingest(
                    articles,
                    store,
                    model=obj.model,
                    jobs=jobs,
                    summary=summary,
                    on_failure=report_failure,
                )
    except KeyboardInterrupt:
        _err("interrupted: every finished article is stored; run the same command to finish")
        click.echo(summary.line(), err=True)
        sys.exit(130)
    except _model_errors() as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(dict(summary.as_dict(), failures=summary.failures), indent=2))
    elif not quiet:
        click.echo(summary.line())
    sys.exit(0 if summary.ok else 1)


def _model_errors() -> tuple[type[BaseException], ...]:
    from .nlp import ModelNotFound

    return (ModelNotFound,)


# --------------------------------------------------------------------------- speaker

QUOTE_COLUMNS = ["date", "outlet", "type", "quote", "cue"]


@cli.command()
@click.argument("name")
@output_options
@pass_ctx
def speaker(obj: Context, name: str, as_json: bool, as_csv: bool) -> None:
    """Everything one speaker said, grouped into statements, widest reach first.

    Statements quoted by the most outlets come first, each with its outlets, first source,
    when and where it was said, and every quote; statements quoted once follow, one line
    each. Labels: "N outlet(s)" is the reach; "first" the earliest publication; "said" the
    utterance date and occasion as an article states them; each quote's kind (root,
    verbatim, trimmed, altered, paraphrase) says how it renders the statement's fullest
    wording (see docs/schema.md).

    NAME matches any alias, case-insensitively ("Blinken", "Antony Blinken" and "Secretary
    Blinken" all find the same person). When several speakers match, they are listed and
    nothing else is printed: repeat with a more precise name.

    \b
    Example:
      quotetrack speaker "Blinken"
      quotetrack speaker "Antony Blinken" --json > blinken.json
    """
    fmt = _fmt(as_json, as_csv)
    store = obj.store()
    matches = store.find_speakers(name)
    if not matches:
        raise click.ClickException(
            f"no speaker matches {name!r}; try `quotetrack quotes` to see who is in the database"
        )
    exact = [m for m in matches if m.get("exact")]
    if len(exact) == 1:
        matches = exact
    if len(matches) > 1:
        _err(f"{len(matches)} speakers match {name!r}; use a more precise name:")
        emit(matches, ["name", "kind", "role", "quotes"], "table" if fmt == "table" else fmt)
        sys.exit(2)
    sp = matches[0]
    quotes = store.speaker_quotes(sp["id"])
    if fmt == "json":
        emit([dict(sp, quotes=quotes)], [], "json")
        return
    if fmt == "csv":
        rows = [dict(q, speaker=sp["name"]) for q in quotes]
        emit(
            rows,
            [
                "speaker",
                "statement_id",
                "variant_kind",
                "date",
                "outlet",
                "type",
                "text",
                "cue",
                "article_title",
                "url",
            ],
            "csv",
        )
        return
    _print_speaker(sp, quotes)


def _print_speaker(sp: dict, quotes: list[dict]) -> None:
    from .report import print_speaker

    print_speaker(sp, quotes)


# --------------------------------------------------------------------------- quotes


def quote_filters(func: Callable) -> Callable:
    """The filters shared by ``quotes``, ``search`` and ``export``."""
    for opt in reversed(
        [
            click.option("--speaker", help="Speaker name or alias (case-insensitive)."),
            click.option("--outlet", help="Outlet name (case-insensitive)."),
            click.option("--since", type=DATE, help="Published on or after YYYY-MM-DD."),
            click.option("--until", type=DATE, help="Published on or before YYYY-MM-DD."),
            click.option("--type", "qtype", type=QUOTE_TYPE, help="Quote type."),
        ]
    ):
        func = opt(func)
    return func


@cli.command()
@quote_filters
@click.option("--limit", type=click.IntRange(1), help="At most this many quotes.")
@output_options
@pass_ctx
def quotes(
    obj: Context,
    speaker: str | None,
    outlet: str | None,
    since,
    until,
    qtype: str | None,
    limit: int | None,
    as_json: bool,
    as_csv: bool,
) -> None:
    """List quotes, newest first, with optional filters.

    \b
    Example:
      quotetrack quotes --speaker Blinken --type direct
      quotetrack quotes --outlet "The New Arab" --since 2023-12-01 --csv > quotes.csv
    """
    fmt = _fmt(as_json, as_csv)
    rows = obj.store().quotes(
        speaker=speaker,
        outlet=outlet,
        since=_date(since),
        until=_date(until),
        type=qtype,
        limit=limit,
    )
    columns = ["id", "date", "outlet", "speaker", "type", "text", "cue"]
    if fmt == "table":
        emit(
            rows,
            ["date", "outlet", "speaker", "type", "text", "cue"],
            "table",
            title=f"{len(rows)} quotes",
        )
    else:
        emit(rows, columns + [c for c in (rows[0].keys() if rows else []) if c not in columns], fmt)


# --------------------------------------------------------------------------- sql


@cli.command()
@click.argument("query")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=10.0,
    show_default=True,
    help="Stop the query after this many seconds.",
)
@output_options
@pass_ctx
def sql(obj: Context, query: str, timeout: float, as_json: bool, as_csv: bool) -> None:
    """Run a read-only SQL query and print the result.

    The connection is read-only: statements that would write (INSERT, UPDATE, DELETE, DROP,
    CREATE, ATTACH, state-changing PRAGMAs …) are refused. Tables and views are described in
    docs/schema.md.

    \b
    Example:
      quotetrack sql "SELECT speaker, count(*) AS n FROM quote_view GROUP BY speaker ORDER BY n DESC"
    """
    from .store import QueryTimeout, ReadOnlyViolation

    fmt = _fmt(as_json, as_csv)
    store = obj.store()
    try:
        columns, rows = store.run_sql(query, timeout=timeout)
    except ReadOnlyViolation as exc:
        raise click.ClickException(f"refused: {exc}") from exc
    except QueryTimeout as exc:
        raise click.ClickException(str(exc)) from exc
    except Exception as exc:  # a syntax error or unknown table: show SQLite's own words
        raise click.ClickException(f"query failed: {exc}") from exc
    dict_rows = [dict(zip(columns, r)) for r in rows]
    emit(dict_rows, columns, fmt)


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
def search(
    obj: Context,
    query: str,
    speaker: str | None,
    outlet: str | None,
    since,
    until,
    qtype: str | None,
    limit: int,
    as_json: bool,
    as_csv: bool,
) -> None:
    """Full-text search over quote texts, best match first.

    QUERY: words (all must occur; "protect" also finds "protecting"), "exact phrases" in
    double quotes, OR, NOT, prefix* and NEAR(word1 word2, 5). Matches are highlighted; in
    --json/--csv output the ``snippet`` column marks them as [[match]].

    \b
    Example:
      quotetrack search '"humanitarian pause" OR ceasefire' --speaker Blinken
      quotetrack search 'hostage* NOT release' --outlet Reuters --since 2023-11-01 --json
    """
    from .store import SearchSyntaxError

    fmt = _fmt(as_json, as_csv)
    try:
        rows = obj.store().search(
            query,
            speaker=speaker,
            outlet=outlet,
            since=_date(since),
            until=_date(until),
            type=qtype,
            limit=limit,
        )
    except SearchSyntaxError as exc:
        raise click.ClickException(str(exc)) from exc
    columns = ["id", "date", "outlet", "speaker", "type", "snippet", "text", "cue", "score"]
    if fmt != "table":
        emit(rows, columns + [c for c in (rows[0].keys() if rows else []) if c not in columns], fmt)
        return
    _print_hits(rows, query)


def _print_hits(rows: list[dict], query: str) -> None:
    """Search hits as a table with the matched words highlighted."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from .store import SNIPPET_CLOSE, SNIPPET_OPEN

    table = Table(title=f"{len(rows)} quotes match {query}", header_style="bold")
    for col in ("date", "outlet", "speaker", "type", "quote"):
        table.add_column(col, overflow="fold", ratio=4 if col == "quote" else None)
    for r in rows:
        snippet = Text()
        for i, part in enumerate(
            r["snippet"].replace(SNIPPET_CLOSE, SNIPPET_OPEN).split(SNIPPET_OPEN)
        ):
            snippet.append(part, style="bold yellow" if i % 2 else "")
        table.add_row(
            str(r.get("date") or "?"),
            r.get("outlet") or "?",
            r.get("speaker") or "?",
            r["type"],
            snippet,
        )
    Console().print(table)


# --------------------------------------------------------------------------- export


@cli.command()
@click.argument("kind", type=click.Choice(["quotes", "statements", "speakers"]))
@quote_filters
@click.option(
    "--min-outlets", type=click.IntRange(1), help="Statements quoted by at least N outlets."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "jsonl", "parquet"]),
    default="csv",
    show_default=True,
    help="Output format (parquet needs quotetrack[parquet]).",
)
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
    speaker: str | None,
    outlet: str | None,
    since,
    until,
    qtype: str | None,
    min_outlets: int | None,
    fmt: str,
    output: str,
) -> None:
    """Export all quotes, statements or speakers for analysis elsewhere.

    Rows are the readable views described in docs/schema.md (quote_view, statement_view,
    speaker_view). Filters: quotes take all of them; statements --speaker, --outlet,
    --since/--until (first published) and --min-outlets; speakers --speaker.

    \b
    Example:
      quotetrack export quotes --outlet Reuters --since 2023-11-01 -o reuters.csv
      quotetrack export statements --min-outlets 5 --format jsonl -o wide.jsonl
      quotetrack export speakers --format parquet -o speakers.parquet
    """
    filters = {
        "speaker": speaker,
        "outlet": outlet,
        "since": _date(since),
        "until": _date(until),
        "type": qtype,
        "min_outlets": min_outlets,
    }
    if fmt == "parquet" and output == "-":
        raise click.UsageError("parquet export needs --output FILE")
    out = sys.stdout if output == "-" else output
    try:
        n = obj.store().export(
            kind, fmt, out, **{k: v for k, v in filters.items() if v is not None}
        )
    except (ValueError, RuntimeError) as exc:
        raise click.ClickException(str(exc)) from exc
    if output != "-":
        click.echo(f"{n} {kind} written to {output}", err=True)


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
]
VARIANT_COLUMNS = [
    "statement_id",
    "quote_id",
    "published",
    "outlet",
    "type",
    "variant_kind",
    "similarity",
    "altered",
    "text",
    "changes",
    "title",
    "url",
]


@cli.command("statements")
@click.option("--speaker", help="Speaker name or alias (case-insensitive; a part matches).")
@click.option("--outlet", help="Only statements this outlet quoted (case-insensitive).")
@click.option("--since", type=DATE, help="First published on or after YYYY-MM-DD.")
@click.option("--until", type=DATE, help="First published on or before YYYY-MM-DD.")
@click.option("--min-outlets", type=click.IntRange(1), help="Quoted by at least N outlets.")
@click.option(
    "--kind",
    type=click.Choice(["verbatim", "trimmed", "altered", "paraphrase"]),
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
def statements_cmd(
    obj: Context,
    speaker: str | None,
    outlet: str | None,
    since,
    until,
    min_outlets: int | None,
    kind: str | None,
    sort: str,
    limit: int | None,
    as_json: bool,
    as_csv: bool,
) -> None:
    """List statements: one utterance each, with how many outlets quoted it.

    \b
    Example:
      quotetrack statements --min-outlets 2
      quotetrack statements --speaker Blinken --kind altered --sort date --csv > altered.csv
    """
    from .statements import list_statements

    fmt = _fmt(as_json, as_csv)
    with obj.store().session() as session:
        rows = list_statements(
            session,
            speaker=speaker,
            outlet=outlet,
            since=_date(since),
            until=_date(until),
            min_outlets=min_outlets,
            kind=kind,
            sort=sort,
            limit=limit,
        )
    if fmt == "table":
        short = [
            {
                "id": r["statement_id"],
                "first": r["first_published"],
                "first outlet": r["first_outlet"],
                "speaker": r["speaker"],
                "outlets": r["n_outlets"],
                "quotes": r["n_quotes"],
                "altered": r["n_altered"],
                "text": r["text"],
            }
            for r in rows
        ]
        emit(
            short,
            ["id", "first", "first outlet", "speaker", "outlets", "quotes", "altered", "text"],
            "table",
            title=f"{len(rows)} statements",
        )
    else:
        emit(
            rows,
            STATEMENT_COLUMNS + ["speaker_id", "speaker_kind", "root_quote_id", "root_type"],
            fmt,
        )


@cli.command("statement")
@click.argument("statement_id", type=int)
@output_options
@pass_ctx
def statement_cmd(obj: Context, statement_id: int, as_json: bool, as_csv: bool) -> None:
    """Show one statement: its fullest wording and how each outlet worded it.

    Variants come in publication order with their kind (root, verbatim, trimmed, altered,
    paraphrase) and a word-level diff against the root: on a terminal deleted words are red
    and struck through and inserted words green; otherwise they are marked [-old-] {+new+}.

    \b
    Example:
      quotetrack statement 12
      quotetrack statement 12 --json > statement-12.json
    """
    from .statements import statement_detail

    fmt = _fmt(as_json, as_csv)
    with obj.store().session() as session:
        detail = statement_detail(session, statement_id)
    if detail is None:
        raise click.ClickException(
            f"no statement {statement_id}; `quotetrack statements` lists them"
        )
    if fmt == "json":
        emit([detail], [], "json")
        return
    if fmt == "csv":
        emit(
            [dict(v, statement_id=detail["statement_id"]) for v in detail["variants"]],
            VARIANT_COLUMNS,
            "csv",
        )
        return
    _print_statement(detail)


def _diff_markup(ops: list[dict], styled: bool):
    """A variant's words against the root: rich Text with colours, or plain-text markers."""
    from rich.text import Text

    out = Text()
    for op in ops:
        if out:
            out.append(" ")
        if op["op"] == "equal":
            out.append(op["variant"])
            continue
        parts = []
        if op["root"]:
            parts.append(("del", op["root"]))
        if op["variant"]:
            parts.append(("ins", op["variant"]))
        for i, (what, words) in enumerate(parts):
            if i:
                out.append(" ")
            if styled:
                out.append(words, style="red strike" if what == "del" else "green bold")
            else:
                out.append(f"[-{words}-]" if what == "del" else f"{{+{words}+}}")
    return out


def _print_statement(detail: dict) -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False)
    styled = console.is_terminal
    head = Text(f"Statement {detail['statement_id']}", style="bold cyan")
    head.append(
        f" · {detail.get('speaker') or 'unknown speaker'} · first "
        f"{detail.get('first_published') or 'undated'}, "
        f"{detail.get('first_outlet') or 'unknown outlet'} · "
        f"{detail['n_outlets']} outlet(s) · {detail['n_quotes']} quote(s)",
        style="cyan",
    )
    print_indented(console, head, 0)
    if detail.get("merged_from"):
        note = (
            f"statement {detail['merged_from']} was merged into statement {detail['statement_id']}"
        )
        print_indented(console, Text(note, style="yellow"), 0)
    print_indented(console, Text(detail.get("text") or "", style="bold"), 2, blank_after=True)
    for v in detail["variants"]:
        line = Text("  ")
        line.append(str(v.get("published") or "undated"), style="green")
        line.append("  " + (v.get("outlet") or "unknown outlet"), style="bold")
        kind = v.get("variant_kind") or "ungrouped"
        line.append(f"  {v['type']} · {kind}", style="red bold" if v["altered"] else "magenta")
        if v.get("similarity") is not None and kind != "root":
            line.append(f" · similarity {v['similarity']:.2f}", style="dim")
        if v["altered"]:
            line.append("  possible misquote", style="red")
        print_indented(console, line, 0)
        # Paraphrases get the diff too: the words they keep from the root are what shows
        # how far an outlet moved from the speaker's wording.
        body = (
            Text(v["text"] or "")
            if kind == "root" or not v["diff"]
            else _diff_markup(v["diff"], styled)
        )
        print_indented(console, body, 4)
    console.print()


@cli.command("regroup")
@output_options
@pass_ctx
def regroup_cmd(obj: Context, as_json: bool, as_csv: bool) -> None:
    """Rebuild all statements from the stored quotes (after changing grouping rules).

    Quotes are replayed in the order they were stored, which gives the same statements as
    ingesting did; statements whose first quote is unchanged keep their ids.

    \b
    Example:
      quotetrack regroup
      quotetrack regroup --json
    """
    from .statements import regroup

    fmt = _fmt(as_json, as_csv)
    with obj.store().session(write=True) as session:
        stats = regroup(session)
    columns = ["quotes", "statements", "kept", "created", "removed", "seconds"]
    if fmt == "table":
        click.echo(
            f"{stats['quotes']} quotes in {stats['statements']} statements "
            f"({stats['kept']} kept, {stats['created']} created, {stats['removed']} "
            f"removed) in {stats['seconds']} s"
        )
    else:
        emit([stats], columns, fmt)


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
def extract(obj: Context, files: tuple[Path, ...], output, jobs: int) -> None:
    """Detect quotes without a database; write one JSON line per article.

    The output follows the quote-attribution evaluation format (id, text, meta, quotes with
    type, start, end, text, speaker, speaker_spans, cue). A .jsonl input whose objects have
    ``id`` and ``text`` is read as documents and keeps their ids.

    \b
    Example:
      quotetrack extract samples/ > quotes.jsonl
      quotetrack extract --jobs 2 docs.jsonl -o predictions.jsonl
    """
    from .extract import extract as run_extract
    from .extract import to_eval_record
    from .ingest import IngestSummary, read_all

    summary = IngestSummary()
    articles = read_all(files, on_failure=_err, summary=summary)
    try:
        results = run_extract((a.text for a in articles), model=obj.model, jobs=jobs)
        for art, found in zip(articles, results):
            rec = to_eval_record(_doc_id(art), art.text, found)
            rec["meta"] = {
                "outlet": art.outlet,
                "date": art.published.isoformat() if art.published else None,
                "title": art.title,
                "url": art.url,
            }
            output.write(json.dumps(rec, ensure_ascii=False) + "\n")
    except _model_errors() as exc:
        raise click.ClickException(str(exc)) from exc
    sys.exit(0 if summary.ok else 1)


def _doc_id(art) -> str:
    if art.ext_id is not None:
        return str(art.ext_id)
    return art.source


def main(argv: Sequence[str] | None = None) -> None:
    """Console entry point."""
    cli.main(args=argv, prog_name="quotetrack")


if __name__ == "__main__":  # pragma: no cover
    main()
