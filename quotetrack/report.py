"""Printing rows as a terminal table, JSON or CSV: the one output path of every listing command."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from collections.abc import Iterable, Sequence
from typing import IO, Any


def _plain(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def write_json(rows: Iterable[dict], out: IO[str] | None = None) -> None:
    """Write rows as a JSON array (pretty, UTF-8, dates as ISO strings)."""
    out = out or sys.stdout
    json.dump(
        [{k: _plain(v) for k, v in r.items()} for r in rows],
        out,
        ensure_ascii=False,
        indent=2,
        default=str,
    )
    out.write("\n")


def write_jsonl(rows: Iterable[dict], out: IO[str] | None = None) -> None:
    out = out or sys.stdout
    for r in rows:
        out.write(json.dumps({k: _plain(v) for k, v in r.items()}, ensure_ascii=False, default=str))
        out.write("\n")


def write_csv(rows: Iterable[dict], columns: Sequence[str], out: IO[str] | None = None) -> None:
    """Write rows as CSV with a header; nested values (lists, dicts) are JSON-encoded."""
    out = out or sys.stdout
    w = csv.writer(out, lineterminator="\n")
    w.writerow(columns)
    for r in rows:
        vals = []
        for c in columns:
            v = _plain(r.get(c))
            if isinstance(v, (list, dict)):
                v = json.dumps(v, ensure_ascii=False)
            vals.append("" if v is None else v)
        w.writerow(vals)


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
    cells = [["" if r.get(c) is None else str(_plain(r.get(c))) for c in columns] for r in rows]
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
    rows: Sequence[dict],
    columns: Sequence[str],
    fmt: str = "table",
    title: str | None = None,
    out: IO[str] | None = None,
) -> None:
    """Emit rows in ``fmt``: ``table`` (default), ``json``, ``jsonl`` or ``csv``."""
    if fmt == "json":
        write_json(rows, out)
    elif fmt == "jsonl":
        write_jsonl(rows, out)
    elif fmt == "csv":
        write_csv(rows, columns, out)
    else:
        write_table(rows, columns, title, out)


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


def _said(members: Sequence[dict]) -> str:
    """When and where a statement was said, from its earliest quote that says so."""
    by_id = sorted(members, key=lambda q: q.get("id") or 0)
    day = next((q["said_on"] for q in by_id if q.get("said_on")), None)
    where = next((q["occasion"] for q in by_id if q.get("occasion")), None)
    return " ".join(str(x) for x in (day, where) if x)


def print_speaker(sp: dict, quotes: list[dict]) -> None:
    """A speaker's statements, widest reach first: each with its outlets, first source,
    when and where it was said, and its quotes; statements quoted once come after, one
    line each. In: the speaker (name, role, aliases) and their quotes (store rows with
    statement id, outlet, date, said_on, occasion)."""
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False)
    head = Text(sp["name"], style="bold")
    if sp.get("role"):
        head.append(f" — {sp['role']}", style="italic")
    print_indented(console, head, 0)
    aliases = [a for a in sp.get("aliases") or [] if a != sp["name"]]
    if aliases:
        print_indented(console, Text("aliases: " + "; ".join(aliases), style="dim"), 0)
    groups: dict[object, list[dict]] = {}
    for q in quotes:
        groups.setdefault(q.get("statement_id") or f"quote {q.get('id')}", []).append(q)
    outlets = {q.get("outlet") for q in quotes if q.get("outlet")}
    console.print(
        f"{len(quotes)} quotes in {len(groups)} statements from {len(outlets)} named outlets\n"
    )

    def when(q: dict) -> str:
        return str(q.get("date") or "9999")

    def sources(members: list[dict]) -> list[str]:
        # Unknown outlets count one per article, as statements.n_outlets does.
        return sorted(
            {m.get("outlet") or f"unknown outlet (article {m.get('article_id')})" for m in members}
        )

    ranked = sorted(
        groups.items(),
        key=lambda kv: (-len(sources(kv[1])), -len(kv[1]), min(when(q) for q in kv[1])),
    )
    wide = [(k, m) for k, m in ranked if len(m) > 1]
    single = [(k, m) for k, m in ranked if len(m) == 1]
    for key, members in wide:
        members.sort(key=lambda q: (when(q), q.get("variant_kind") != "root"))
        reach = sources(members)
        first = members[0]
        title = Text(
            f"Statement {key}" if isinstance(key, int) else str(key).capitalize(), style="bold cyan"
        )
        title.append(
            f" · {len(reach)} outlet(s) · {len(members)} quote(s) · first "
            f"{first.get('date') or 'undated'}, {first.get('outlet') or 'unknown outlet'}",
            style="cyan",
        )
        said = _said(members)
        if said:
            title.append(f" · said {said}", style="cyan")
        print_indented(console, title, 0)
        print_indented(console, Text("outlets: " + ", ".join(reach), style="dim"), 2)
        for q in members:
            line = Text("  ")
            line.append(str(q.get("date") or "undated"), style="green")
            line.append("  " + (q.get("outlet") or "unknown outlet"), style="bold")
            kind = q.get("variant_kind")
            line.append(
                f"  {q['type']}" + (f" · {kind}" if kind else ""),
                style="red" if kind == "altered" else "magenta",
            )
            if q.get("cue"):
                line.append(f"  ({q['cue']})", style="dim")
            print_indented(console, line, 0)
            print_indented(console, Text(q["text"]), 4)
        console.print()
    if single:
        console.print(Text(f"Quoted once ({len(single)}):", style="bold"))
        for key, (q,) in single:
            line = Text("  ")
            if isinstance(key, int):
                line.append(f"[{key}] ", style="cyan")
            line.append(str(q.get("date") or "undated"), style="green")
            line.append(f"  {q.get('outlet') or 'unknown outlet'}", style="bold")
            said = _said([q])
            if said:
                line.append(f"  said {said}", style="dim")
            text = " ".join((q.get("text") or "").split())
            line.append("  " + (text if len(text) <= 160 else text[:157] + "..."))
            print_indented(console, line, 0)
        console.print()
