"""The one place rows become CSV, JSON, JSON lines or Parquet.

Listings (``--json`` / ``--csv``) and exports both write through these functions, so a date,
a list of aliases or a missing value looks the same everywhere: dates as ISO strings, nested
values as JSON (in CSV cells too), ``None`` as JSON ``null`` and as an empty CSV cell. Rows
are mappings (records are turned into them by :func:`quotetrack.records.as_row`); writers
consume them as they come, so an export of a million rows needs little memory.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from .errors import InputError, StageMissing

TEXT_FORMATS: tuple[str, ...] = ("csv", "json", "jsonl")
FORMATS: tuple[str, ...] = (*TEXT_FORMATS, "parquet")

Row = Mapping[str, Any]


def plain(value: Any) -> Any:
    """A value as JSON can hold it: dates and times as ISO strings, tuples as lists."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, tuple):
        return [plain(v) for v in value]
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def _cell(value: Any) -> Any:
    value = plain(value)
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


def write_csv(rows: Iterable[Row], columns: Sequence[str], out: IO[str]) -> int:
    """CSV with a header row of ``columns``; returns the number of rows written."""
    w = csv.writer(out, lineterminator="\n")
    w.writerow(columns)
    n = 0
    for r in rows:
        w.writerow([_cell(r.get(c)) for c in columns])
        n += 1
    return n


def write_json(rows: Iterable[Row], columns: Sequence[str] | None, out: IO[str]) -> int:
    """One JSON array, pretty-printed; ``columns`` (if given) picks and orders the keys."""
    items = [_pick(r, columns) for r in rows]
    json.dump(items, out, ensure_ascii=False, indent=2, default=str)
    out.write("\n")
    return len(items)


def write_jsonl(rows: Iterable[Row], columns: Sequence[str] | None, out: IO[str]) -> int:
    """One JSON object per line; ``columns`` as for :func:`write_json`."""
    n = 0
    for r in rows:
        out.write(json.dumps(_pick(r, columns), ensure_ascii=False, default=str))
        out.write("\n")
        n += 1
    return n


def write_parquet(rows: Iterable[Row], columns: Sequence[str], path: str | Path) -> int:
    """A Parquet file at ``path`` (needs the ``parquet`` extra: pyarrow)."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise StageMissing(
            "Parquet export needs pyarrow: pip install 'quotetrack[parquet]'"
        ) from None
    items = [_pick(r, columns) for r in rows]
    if items:
        table = pa.Table.from_pylist(items)
    else:
        table = pa.table({c: pa.array([], pa.string()) for c in columns})
    pq.write_table(table, str(path))
    return len(items)


def _pick(row: Row, columns: Sequence[str] | None) -> dict[str, Any]:
    keys = columns if columns else list(row)
    return {c: plain(row.get(c)) for c in keys}


@contextmanager
def text_output(out: str | Path | IO[str]) -> Iterator[IO[str]]:
    """``out`` as an open text stream: a path is opened (UTF-8, created or replaced), a
    stream is used as it is and left open."""
    if isinstance(out, (str, Path)):
        with open(out, "w", encoding="utf-8", newline="") as fh:
            yield fh
    else:
        yield out


def write(rows: Iterable[Row], columns: Sequence[str], fmt: str, out: str | Path | IO[str]) -> int:
    """Write ``rows`` as ``fmt`` (one of :data:`FORMATS`) to ``out`` (a path or a text
    stream; Parquet needs a path). Returns the number of rows written."""
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        if not isinstance(out, (str, Path)):
            raise InputError("Parquet is written to a file: give an output path")
        return write_parquet(rows, columns, out)
    with text_output(out) as fh:
        if fmt == "csv":
            return write_csv(rows, columns, fh)
        if fmt == "json":
            return write_json(rows, columns, fh)
        return write_jsonl(rows, columns, fh)
