"""Everything quotetrack prints: tables on a terminal, and ``--json`` / ``--csv`` through
:mod:`quotetrack.writers`. The one output path of every listing is :func:`emit`; the speaker,
statement and search views have their own layouts below. Nothing here queries the database:
the command line hands in records from :mod:`quotetrack.api`.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from typing import IO, Any

from . import writers
from .records import (
    SNIPPET_CLOSE,
    SNIPPET_OPEN,
    IngestReport,
    RegroupReport,
    SearchHit,
    SpeakerProfile,
    StatementDetail,
    StatementGroup,
    StoredQuote,
    as_row,
)

# How a missing value reads in a table (--json gives null, --csv an empty cell).
UNKNOWN_OUTLET = "unknown outlet"
UNDATED = "undated"
_PLACEHOLDERS = {
    "outlet": UNKNOWN_OUTLET,
    "first outlet": UNKNOWN_OUTLET,
    "first_outlet": UNKNOWN_OUTLET,
    "date": UNDATED,
    "first": UNDATED,
}


def plural(n: int, word: str, many: str | None = None) -> str:
    """``1 statement``, ``2 statements`` (``many`` for irregular plurals)."""
    return f"{n} {word if n == 1 else many or word + 's'}"


def _plain(value: Any) -> Any:
    return writers.plain(value)


_SHORT, _NAME = 12, 30  # widest column never wrapped (ids, dates, counts); widest "name"
_NAME_MIN, _TEXT_MIN = 12, 20  # the least a name or a long text column is squeezed to


def _kind(width: int, typical: float) -> str:
    """How a column is laid out, from its widest cell and its mean cell length: ``short``
    (ids, dates, counts: never broken), ``name`` (wrapped at word boundaries) or ``text``
    (gets most of the space). The mean decides between name and text, so one long name
    ("Another senior administration official") does not make a speaker column a text one."""
    if width <= _SHORT:
        return "short"
    return "name" if typical <= _NAME else "text"


def _least_width(width: int, kind: str) -> int:
    """The least width a column of ``width`` characters and ``kind`` is given in a grid."""
    return width if kind == "short" else min(width, _NAME_MIN) if kind == "name" else _TEXT_MIN


def _cut(value: str, max_cell: int) -> str:
    return value if len(value) <= max_cell else value[: max_cell - 1] + "…"


def write_table(
    rows: Sequence[dict],
    columns: Sequence[str],
    title: str | None = None,
    out: IO[str] | None = None,
    max_cell: int = 400,
) -> None:
    """Print rows as a rich table fitted to the terminal.

    Short columns (ids, dates, counts) never wrap; names and long text share what is left, the
    text getting most of it, so a quote stays readable on an 80-column terminal. Cells longer
    than ``max_cell`` characters are cut with an ellipsis (``--json``/``--csv`` keep them whole).
    """
    from rich.console import Console
    from rich.table import Table

    console = Console(file=out) if out is not None else Console()
    cells = [
        [_PLACEHOLDERS.get(c, "") if r.get(c) is None else str(_plain(r.get(c))) for c in columns]
        for r in rows
    ]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    kinds = [
        _kind(w, sum(len(row[i]) for row in cells) / len(cells) if cells else len(c))
        for i, (w, c) in enumerate(zip(widths, columns))
    ]
    # What the columns need at the least, plus borders. Past the terminal's width a grid
    # only folds every cell into slivers, so each row becomes a block of "column  value"
    # lines instead (psql's expanded display).
    least = sum(map(_least_width, widths, kinds)) + 3 * len(widths) + 1
    if rows and least > console.width:
        _write_records(console, cells, columns, title, max_cell)
        return
    # Ratios only share out space in an expanded table; expand when some text must wrap anyway.
    table = Table(
        title=title,
        show_lines=False,
        header_style="bold",
        expand=sum(widths) + 3 * len(widths) > console.width,
    )
    for c, width, kind in zip(columns, widths, kinds):
        if kind == "short":
            table.add_column(c, no_wrap=True)
        elif kind == "name":
            table.add_column(c, ratio=1, min_width=_least_width(width, kind))
        else:
            table.add_column(c, overflow="fold", ratio=3, min_width=_least_width(width, kind))
    for row in cells:
        table.add_row(*[_cut(v, max_cell) for v in row])
    console.print(table)


def _write_records(
    console: Any,
    cells: Sequence[Sequence[str]],
    columns: Sequence[str],
    title: str | None,
    max_cell: int,
) -> None:
    """Rows as blocks of ``column  value`` lines, for terminals too narrow for a grid."""
    from rich.rule import Rule
    from rich.table import Table

    if title:
        console.print(title, style="bold", justify="center")
    label = max(len(c) for c in columns)
    for n, row in enumerate(cells, start=1):
        console.print(Rule(f"{n}", align="left", style="dim"))
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold", no_wrap=True, min_width=label)
        grid.add_column(overflow="fold")
        for c, v in zip(columns, row):
            grid.add_row(c, _cut(v, max_cell))
        console.print(grid)


def emit(
    rows: Sequence[Any],
    columns: Sequence[str],
    fmt: str = "table",
    title: str | None = None,
    out: IO[str] | None = None,
    *,
    table_columns: Mapping[str, str] | None = None,
) -> None:
    """The one output path of every listing: ``rows`` (records or mappings) as ``fmt``:
    ``table`` (default), ``json``, ``jsonl`` or ``csv``, with ``columns`` in that order.

    ``table_columns`` maps a table heading to the field it shows, for tables that show
    fewer or shorter-named columns than the machine formats.
    """
    dicts = [as_row(r) for r in rows]
    if fmt in writers.TEXT_FORMATS:
        writers.write(dicts, columns, fmt, out or sys.stdout)
        return
    if table_columns:
        dicts = [{head: d.get(field) for head, field in table_columns.items()} for d in dicts]
        columns = list(table_columns)
    write_table(dicts, columns, title, out)


def print_indented(console: Any, text: Any, indent: int, blank_after: bool = False) -> None:
    """Print a rich ``Text`` wrapped to the console's width less ``indent``, every line
    shifted right by ``indent`` spaces. Unlike rich's Padding it leaves no trailing spaces,
    so the output pastes and greps cleanly."""
    from rich.text import Text

    for line in text.wrap(console, max(20, console.width - indent)):
        line.rstrip()
        console.print(Text(" " * indent) + line, soft_wrap=True)
    if blank_after:
        console.print()


# --------------------------------------------------------------------------- summaries


class IngestProgress:
    """A progress bar on standard error while an ingest runs (when ``enabled``): use as a
    context manager, pass :meth:`start` and :meth:`step` as the ingest's callbacks."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._progress: Any = None
        self._task: Any = None

    def __enter__(self) -> IngestProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()

    def start(self, total: int) -> None:
        if not self.enabled or not total:
            return
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        self._progress = Progress(
            TextColumn("[bold]ingest"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[name]}"),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self._progress.start()
        self._task = self._progress.add_task("ingest", total=total, name="")

    def step(self, article: Any, status: str) -> None:
        if self._progress is not None:
            name = str(article.source).rsplit("/", 1)[-1][:40]
            self._progress.update(self._task, advance=1, name=name)


def ingest_line(report: IngestReport) -> str:
    """One line saying what an ingest did."""
    return (
        f"{report.new} new, {report.unchanged} unchanged, {report.updated} updated, "
        f"{report.failed} failed {'article' if report.failed == 1 else 'articles'}; "
        f"{plural(report.quotes, 'quote')} stored, "
        f"{plural(report.new_speakers, 'new speaker')}"
        + (
            f"; {plural(report.skipped_records, 'archive record')} without an article skipped"
            if report.skipped_records
            else ""
        )
    )


def regroup_line(r: RegroupReport) -> str:
    return (
        f"{plural(r.quotes, 'quote')} in {plural(r.statements, 'statement')} "
        f"({r.kept} kept, {r.created} created, {r.removed} removed) in {r.seconds} s"
    )


# --------------------------------------------------------------------------- speaker

SPEAKER_CSV_COLUMNS = [
    "speaker",
    "speaker_id",
    "quote_id",
    "statement_id",
    "variant_kind",
    "date",
    "outlet",
    "type",
    "text",
    "cue",
    "article_title",
    "url",
]
SPEAKER_MATCH_COLUMNS = ["id", "name", "kind", "role", "n_quotes", "match"]


def speaker_view(profile: SpeakerProfile, fmt: str, out: IO[str] | None = None) -> None:
    """One speaker: ``json`` their record with every quote, ``csv`` one row per quote (with
    its id), or blocks of statements on a terminal."""
    if fmt in ("json", "jsonl"):
        writers.write([profile.to_row()], [], fmt, out or sys.stdout)
        return
    if fmt == "csv":
        sp = profile.speaker
        rows = [
            dict(as_row(q), speaker=sp.name, speaker_id=sp.id, quote_id=q.id)
            for q in profile.quotes
        ]
        writers.write(rows, SPEAKER_CSV_COLUMNS, "csv", out or sys.stdout)
        return
    _print_speaker(profile, out)


def _said(quotes: Sequence[StoredQuote]) -> str:
    """When and where a statement was said, from its earliest quote (by id) that says so."""
    by_id = sorted(quotes, key=lambda q: q.id)
    day = next((q.said_on for q in by_id if q.said_on), None)
    where = next((q.occasion for q in by_id if q.occasion), None)
    return " ".join(str(x) for x in (day, where) if x)


def _sources(group: StatementGroup) -> list[str]:
    """A statement's sources as statements.n_outlets counts them: each named outlet once,
    each article of unknown outlet as a source of its own."""
    return sorted({q.outlet or f"{UNKNOWN_OUTLET} (article {q.article_id})" for q in group.quotes})


def _print_speaker(profile: SpeakerProfile, out: IO[str] | None) -> None:
    """A speaker's statements, widest reach first: each with its outlets, first source,
    when and where it was said, and its quotes; statements quoted once follow, one line
    each."""
    from rich.console import Console
    from rich.text import Text

    console = Console(file=out, highlight=False) if out else Console(highlight=False)
    sp = profile.speaker
    head = Text(sp.name, style="bold")
    if sp.role:
        head.append(f" — {sp.role}", style="italic")
    print_indented(console, head, 0)
    aliases = [a for a in sp.aliases if a != sp.name]
    if aliases:
        print_indented(console, Text("Aliases: " + "; ".join(aliases), style="dim"), 0)
    groups = profile.statements()
    outlets = {q.outlet for q in profile.quotes if q.outlet}
    console.print(
        f"{plural(len(profile.quotes), 'quote')} in {plural(len(groups), 'statement')} from "
        f"{plural(len(outlets), 'named outlet')}\n"
    )
    # Widest reach first, then most quotes; the order of first appearance breaks ties.
    ranked = sorted(groups, key=lambda g: (-len(_sources(g)), -len(g.quotes)))
    for g in (g for g in ranked if len(g.quotes) > 1):
        first = g.first
        reach = _sources(g)
        title = Text(
            f"Statement {g.statement_id}" if g.statement_id is not None else f"Quote {first.id}",
            style="bold cyan",
        )
        title.append(
            f" · {plural(len(reach), 'outlet')} · {plural(len(g.quotes), 'quote')} · first "
            f"{first.date or UNDATED}, {first.outlet or UNKNOWN_OUTLET}",
            style="cyan",
        )
        said = _said(g.quotes)
        if said:
            title.append(f" · said {said}", style="cyan")
        print_indented(console, title, 0)
        print_indented(console, Text("Outlets: " + ", ".join(reach), style="dim"), 2)
        for q in g.quotes:
            line = Text("  ")
            line.append(str(q.date or UNDATED), style="green")
            line.append("  " + (q.outlet or UNKNOWN_OUTLET), style="bold")
            kind = q.variant_kind
            line.append(
                f"  {q.type}" + (f" · {kind}" if kind else ""),
                style="red" if kind == "altered" else "magenta",
            )
            if q.cue:
                line.append(f"  ({q.cue})", style="dim")
            if q.corrected:  # a researcher's fix holds here; the rest is unchecked
                line.append("  corrected", style="yellow")
            print_indented(console, line, 0)
            print_indented(console, Text(q.text), 4)
        console.print()
    single = [g for g in ranked if len(g.quotes) == 1]
    if single:
        console.print(Text(f"Quoted once ({len(single)}):", style="bold"))
        for g in single:
            q = g.first
            line = Text("  ")
            if g.statement_id is not None:
                line.append(f"[{g.statement_id}] ", style="cyan")
            line.append(str(q.date or UNDATED), style="green")
            line.append(f"  {q.outlet or UNKNOWN_OUTLET}", style="bold")
            said = _said(g.quotes)
            if said:
                line.append(f"  said {said}", style="dim")
            if q.corrected:
                line.append("  corrected", style="yellow")
            words = " ".join((q.text or "").split())
            line.append("  " + (words if len(words) <= 160 else words[:157] + "..."))
            print_indented(console, line, 0)
        console.print()


# --------------------------------------------------------------------------- search

SEARCH_COLUMNS = [
    "id",
    "date",
    "outlet",
    "speaker",
    "speaker_id",
    "type",
    "snippet",
    "text",
    "cue",
    "score",
    "mention",
    "article_title",
    "url",
    "article_id",
    "statement_id",
    "variant_kind",
    "similarity",
]


def search_view(
    hits: Sequence[SearchHit], query: str, fmt: str, out: IO[str] | None = None
) -> None:
    """Search hits: a table with the matched words highlighted, or the machine formats."""
    if fmt != "table":
        emit(hits, SEARCH_COLUMNS, fmt, out=out)
        return
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(
        title=f"{plural(len(hits), 'quote')} {'matches' if len(hits) == 1 else 'match'} {query}",
        header_style="bold",
    )
    for col in ("date", "outlet", "speaker", "type", "quote"):
        table.add_column(col, overflow="fold", ratio=4 if col == "quote" else None)
    for h in hits:
        snippet = Text()
        for i, part in enumerate(
            h.snippet.replace(SNIPPET_CLOSE, SNIPPET_OPEN).split(SNIPPET_OPEN)
        ):
            snippet.append(part, style="bold yellow" if i % 2 else "")
        table.add_row(
            str(h.date or UNDATED),
            h.outlet or UNKNOWN_OUTLET,
            h.speaker or "unknown speaker",
            h.type,
            snippet,
        )
    (Console(file=out) if out else Console()).print(table)


# --------------------------------------------------------------------------- statement

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


def statement_view(detail: StatementDetail, fmt: str, out: IO[str] | None = None) -> None:
    """One statement: ``json`` the whole record, ``csv`` one row per variant, or on a
    terminal its fullest wording and each outlet's, with a word-level diff."""
    if fmt in ("json", "jsonl"):
        writers.write([as_row(detail)], [], fmt, out or sys.stdout)
        return
    if fmt == "csv":
        rows = [dict(as_row(v), statement_id=detail.statement_id) for v in detail.variants]
        writers.write(rows, VARIANT_COLUMNS, "csv", out or sys.stdout)
        return
    _print_statement(detail, out)


def _diff_markup(ops: Sequence[Mapping[str, Any]], styled: bool) -> Any:
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


def _print_statement(detail: StatementDetail, out: IO[str] | None) -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console(file=out, highlight=False) if out else Console(highlight=False)
    styled = console.is_terminal
    head = Text(f"Statement {detail.statement_id}", style="bold cyan")
    head.append(
        f" · {detail.speaker or 'unknown speaker'} · first "
        f"{detail.first_published or UNDATED}, {detail.first_outlet or UNKNOWN_OUTLET} · "
        f"{plural(detail.n_outlets, 'outlet')} · {plural(detail.n_quotes, 'quote')}",
        style="cyan",
    )
    said = " ".join(str(x) for x in (detail.said_on, detail.occasion) if x)
    if said:
        head.append(f" · said {said}", style="cyan")
    print_indented(console, head, 0)
    if detail.merged_from is not None:
        note = f"Statement {detail.merged_from} was merged into statement {detail.statement_id}"
        print_indented(console, Text(note, style="yellow"), 0)
    print_indented(console, Text(detail.text or "", style="bold"), 2, blank_after=True)
    for v in detail.variants:
        line = Text("  ")
        line.append(str(v.published or UNDATED), style="green")
        line.append("  " + (v.outlet or UNKNOWN_OUTLET), style="bold")
        kind = v.variant_kind or "ungrouped"
        line.append(f"  {v.type} · {kind}", style="red bold" if v.altered else "magenta")
        if v.similarity is not None and kind != "root":
            line.append(f" · similarity {v.similarity:.2f}", style="dim")
        if v.altered:
            line.append("  possible misquote", style="red")
        print_indented(console, line, 0)
        # Paraphrases get the diff too: the words they keep from the root are what shows
        # how far an outlet moved from the speaker's wording.
        body = Text(v.text or "") if kind == "root" or not v.diff else _diff_markup(v.diff, styled)
        print_indented(console, body, 4)
    console.print()
