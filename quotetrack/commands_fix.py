"""The ``quotetrack fix …`` commands and the ``quotetrack speakers`` listing: a click layer
over :mod:`quotetrack.corrections` (registered in ``quotetrack.cli`` by :func:`register`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import click

from .report import emit
from .types import QUOTE_TYPES, SPEAKER_KINDS

DATE = click.DateTime(formats=["%Y-%m-%d"])
KIND = click.Choice(list(SPEAKER_KINDS))


def _fmt(as_json: bool, as_csv: bool) -> str:
    if as_json and as_csv:
        raise click.UsageError("--json and --csv cannot be combined")
    return "json" if as_json else "csv" if as_csv else "table"


def _output(func: Callable) -> Callable:
    func = click.option("--csv", "as_csv", is_flag=True, help="Write CSV with a header row.")(func)
    return click.option("--json", "as_json", is_flag=True, help="Write a JSON array.")(func)


def _who(func: Callable) -> Callable:
    """The ``--note`` and ``--by`` every fix takes."""
    func = click.option(
        "--by", metavar="NAME", help="Who makes the fix (default: your user name)."
    )(func)
    return click.option("--note", metavar="TEXT", help="Why: kept in the log with the fix.")(func)


@contextmanager
def _session(ctx: click.Context) -> Iterator[Any]:
    """A write session on the database of the global ``--db`` (a refused fix raises, the
    command group turns it into a message and exit status, and its transaction is rolled
    back)."""
    store = ctx.find_root().obj.open(write=True).store
    with store.session(write=True) as session:
        yield session


def _fixes(ctx: click.Context) -> Any:
    """The corrections of the global ``--db`` (``Quotetrack.fix``): each call logs and applies
    one fix in its own transaction, with the database's grouping settings."""
    return ctx.find_root().obj.open(write=True).fix


def _params(ctx: click.Context) -> Any:
    """The database's statement grouping parameters (fixes that regroup quotes use them)."""
    from .ingest import grouping_params

    return grouping_params(ctx.find_root().obj.open(write=True).store)


def _done(correction) -> None:
    click.echo(f"correction {correction.id}: {correction.summary()}")


# --------------------------------------------------------------------------- speakers

SPEAKER_COLUMNS = [
    "id",
    "name",
    "kind",
    "role",
    "n_quotes",
    "n_articles",
    "n_outlets",
    "n_statements",
    "first_quoted",
    "last_quoted",
    "corrected",
    "merged_into",
]


def speaker_listing(store: Any, fmt: str, **filters: Any) -> None:
    """``quotetrack speakers`` without a name: every speaker with counts and ids, most quoted
    first (``filters`` as :func:`quotetrack.corrections.list_speakers`). `corrected` says a
    researcher's fix set the speaker's name, role or kind or moved quotes to it;
    `merged_into` names the speaker a merge moved its quotes to."""
    from .corrections import list_speakers

    with store.session() as s:
        rows = [r.as_dict() for r in list_speakers(s, **filters)]
    if fmt == "table":
        for d in rows:
            d["corrected"] = "yes" if d["corrected"] else ""
        shown = ["id", "name", "kind", "role", "n_quotes", "n_outlets", "n_statements"]
        shown += ["corrected"] + (["merged_into"] if any(d["merged_into"] for d in rows) else [])
        emit(rows, shown, "table", title=f"{len(rows)} speakers")
    else:
        emit(rows, SPEAKER_COLUMNS, fmt)


# --------------------------------------------------------------------------- fix


@click.group("fix")
def fix() -> None:
    """Correct what the machine got wrong; fixes survive re-ingest and regroup.

    Every fix is logged (who, when, why) and replayed after each ingest and regroup.
    `fix log` lists them, `fix undo N` reverts one, `fix export`/`fix import` share them.

    \b
    Example:
      quotetrack speakers
      quotetrack fix speaker merge 3 17 --note "same person"
      quotetrack fix quote 42 --type indirect --note "reported speech"
      quotetrack fix log
    """


@fix.group("speaker")
def fix_speaker() -> None:
    """Merge, split, rename or set a speaker (ids from `quotetrack speakers`)."""


@fix_speaker.command("merge")
@click.argument("keep", type=int)
@click.argument("others", type=int, nargs=-1, required=True)
@_who
@click.pass_context
def speaker_merge(ctx, keep: int, others: tuple[int, ...], note, by) -> None:
    """Speakers OTHERS are KEEP: their quotes, now and in later articles, become KEEP's.

    \b
    Example:
      quotetrack fix speaker merge 3 17 21 --note "all Antony Blinken"
    """
    _done(_fixes(ctx).merge_speakers(keep, others, note=note, by=by))


@fix_speaker.command("split")
@click.argument("speaker_id", type=int)
@click.option("--alias", required=True, help="The name as written next to the other's quotes.")
@click.option("--name", help="The other speaker's name (default: the alias).")
@_who
@click.pass_context
def speaker_split(ctx, speaker_id: int, alias: str, name, note, by) -> None:
    """Quotes of SPEAKER_ID written as --alias are someone else's (found or created).

    \b
    Example:
      quotetrack fix speaker split 5 --alias "Hunter Biden"
    """
    _done(_fixes(ctx).split_speaker(speaker_id, alias, name=name, note=note, by=by))


@fix_speaker.command("rename")
@click.argument("speaker_id", type=int)
@click.argument("name")
@_who
@click.pass_context
def speaker_rename(ctx, speaker_id: int, name: str, note, by) -> None:
    """Show SPEAKER_ID as NAME.

    \b
    Example:
      quotetrack fix speaker rename 8 "Matthew Miller"
    """
    _done(_fixes(ctx).rename_speaker(speaker_id, name, note=note, by=by))


@fix_speaker.command("set")
@click.argument("speaker_id", type=int)
@click.option("--role", help="The speaker's role or title ('' clears it).")
@click.option("--kind", type=KIND, help="person, organisation or anonymous.")
@_who
@click.pass_context
def speaker_set(ctx, speaker_id: int, role, kind, note, by) -> None:
    """Set SPEAKER_ID's role and/or kind.

    \b
    Example:
      quotetrack fix speaker set 12 --kind organisation --role "UN agency"
    """
    _done(_fixes(ctx).set_speaker(speaker_id, role=role, kind=kind, note=note, by=by))


@fix.command("quote")
@click.argument("quote_id", type=int)
@click.option("--speaker", metavar="NAME|ID", help="Who said it (an id, or a name).")
@click.option(
    "--kind",
    type=KIND,
    default="person",
    show_default=True,
    help="Kind of a new speaker named by --speaker.",
)
@click.option("--type", "qtype", type=click.Choice(list(QUOTE_TYPES)), help="Its quote type.")
@click.option("--not-a-quote", is_flag=True, help="It is not a quote: remove it.")
@click.option("--span", metavar="START:END", help="Its offsets in the article text.")
@_who
@click.pass_context
def fix_quote(ctx, quote_id: int, speaker, kind, qtype, not_a_quote, span, note, by) -> None:
    """Fix one quote (ids from `quotetrack quotes` or `quotetrack sql`).

    Each option is one fix; several options make several fixes, in one transaction.

    \b
    Example:
      quotetrack fix quote 42 --speaker "Matthew Miller"
      quotetrack fix quote 42 --type mixed --span 120:188 --note "the marks start later"
      quotetrack fix quote 43 --not-a-quote --note "a headline"
    """
    from . import corrections as c

    if not any((speaker, qtype, not_a_quote, span)):
        raise click.UsageError("give --speaker, --type, --not-a-quote or --span")
    if not_a_quote and any((speaker, qtype, span)):
        raise click.UsageError("--not-a-quote removes the quote: it takes no other fix")
    bounds = None
    if span is not None:
        try:
            start, end = (int(x) for x in span.split(":"))
        except ValueError:
            raise click.BadParameter(
                f"{span!r} is not START:END (two whole numbers)", param_hint="--span"
            ) from None
        bounds = (start, end)
    # Several fixes given together land in one transaction (all or none), so this command
    # works on one session rather than through one-fix-a-transaction Quotetrack.fix.
    params = _params(ctx)
    with _session(ctx) as s:
        if not_a_quote:
            _done(c.not_a_quote(s, quote_id, note=note, by=by, params=params))
        if speaker:
            _done(
                c.reassign_quote(s, quote_id, speaker, kind=kind, note=note, by=by, params=params)
            )
        if qtype:
            _done(c.set_quote_type(s, quote_id, qtype, note=note, by=by, params=params))
        if bounds:
            _done(c.set_quote_span(s, quote_id, *bounds, note=note, by=by, params=params))


@fix.group("statement")
def fix_statement() -> None:
    """Merge statements or detach a quote (ids from `quotetrack statements`)."""


@fix_statement.command("merge")
@click.argument("keep", type=int)
@click.argument("others", type=int, nargs=-1, required=True)
@click.option("--force", is_flag=True, help="Merge statements of different speakers (logged).")
@_who
@click.pass_context
def statement_merge(ctx, keep: int, others: tuple[int, ...], force: bool, note, by) -> None:
    """Statements OTHERS are the same utterance as KEEP (kept after every regroup).

    \b
    Example:
      quotetrack fix statement merge 7 19 --note "same briefing answer"
    """
    _done(_fixes(ctx).merge_statements(keep, others, force=force, note=note, by=by))


@fix_statement.command("detach")
@click.argument("quote_id", type=int)
@click.option("--to", "to", type=int, metavar="ID", help="Move it to this statement instead.")
@_who
@click.pass_context
def statement_detach(ctx, quote_id: int, to, note, by) -> None:
    """QUOTE_ID is not the utterance of its statement: it gets one of its own (or --to ID).

    \b
    Example:
      quotetrack fix statement detach 42
      quotetrack fix statement detach 42 --to 19
    """
    _done(_fixes(ctx).detach_quote(quote_id, to=to, note=note, by=by))


@fix.command("log")
@click.option("--all", "show_all", is_flag=True, help="Also undone fixes and undo entries.")
@_output
@click.pass_context
def fix_log(ctx, show_all: bool, as_json: bool, as_csv: bool) -> None:
    """List the corrections, oldest first (by default the ones that hold).

    \b
    Example:
      quotetrack fix log
      quotetrack fix log --all --json
    """
    fmt = _fmt(as_json, as_csv)
    entries = [e.as_dict() for e in _fixes(ctx).log() if show_all or e.active]
    columns = list(entries[0]) if entries else ["id", "action", "summary", "by", "at", "note"]
    if fmt == "table":
        for e in entries:
            e["at"] = e["at"].strftime("%Y-%m-%d %H:%M")
            e["forced"] = "forced" if e["forced"] else ""
        shown = ["id", "summary", "by", "at", "note"]
        if any(e["forced"] for e in entries):
            shown.append("forced")
        if show_all:
            shown.append("undone_by")
        emit(entries, shown, "table", title=f"{len(entries)} corrections")
    else:
        emit(entries, columns, fmt)


@fix.command("undo")
@click.argument("correction_id", type=int)
@_who
@click.pass_context
def fix_undo(ctx, correction_id: int, note, by) -> None:
    """Revert correction CORRECTION_ID: the machine's values come back (the log keeps it).

    \b
    Example:
      quotetrack fix undo 4 --note "they are two people after all"
    """
    _done(_fixes(ctx).undo(correction_id, note=note, by=by))


@fix.command("export")
@click.argument("file", type=click.Path(dir_okay=False, writable=True))
@click.pass_context
def fix_export(ctx, file: str) -> None:
    """Write the corrections that hold to FILE (JSON), for `fix import` elsewhere.

    \b
    Example:
      quotetrack fix export curation.json
    """
    n = _fixes(ctx).export(file)
    click.echo(f"{n} corrections written to {file}")


@fix.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@_output
@click.pass_context
def fix_import(ctx, file: str, as_json: bool, as_csv: bool) -> None:
    """Add the corrections of FILE (from `fix export`) and apply them.

    Quotes are found by their article (url or content hash) and text, speakers by name, so
    the file applies to a database built from the same articles in any order. Entries
    already in the log are skipped.

    \b
    Example:
      quotetrack --db mine.db fix import curation.json
    """
    fmt = _fmt(as_json, as_csv)
    report = _fixes(ctx).import_(file)
    row = {
        "imported": report.imported,
        "duplicates": report.duplicates,
        "applied": report.replay.applied,
        "held": report.replay.held,
        "unresolved": len(report.replay.unresolved),
    }
    if fmt != "table":
        emit([row], list(row), fmt)
        return
    click.echo(
        f"{row['imported']} corrections imported ({row['duplicates']} already here); "
        f"{row['applied']} applied, {row['held']} already held, {row['unresolved']} unresolved"
    )
    for cid, reason in sorted(report.replay.unresolved.items()):
        click.echo(f"  correction {cid}: {reason}")


def register(cli: click.Group) -> None:
    """Add ``fix`` to quotetrack's command group."""
    cli.add_command(fix)
