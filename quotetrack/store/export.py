"""Exporting quotes, statements and speakers (the readable views) as CSV, JSON lines or Parquet.

Rows stream from the database in chunks, so exporting a million quotes to CSV or JSON lines
needs little memory; Parquet (optional extra ``parquet``) is written in row groups.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from sqlalchemy import text

if TYPE_CHECKING:
    from quotetrack.store.store import Store

EXPORT_KINDS = ("quotes", "statements", "speakers")
EXPORT_FORMATS = ("csv", "jsonl", "parquet")
CHUNK = 5000

# Filters each export kind understands (anything else is an error, not silently ignored).
_FILTERS = {
    "quotes": {"speaker", "outlet", "since", "until", "type"},
    "statements": {"speaker", "outlet", "since", "until", "min_outlets", "kind"},
    "speakers": {"speaker", "kind"},
}


def _date(value) -> str | None:
    if value is None:
        return None
    return (
        value.isoformat()
        if isinstance(value, dt.date)
        else dt.date.fromisoformat(str(value)).isoformat()
    )


def _speaker_clause(store: Store, speaker, column: str, params: dict) -> str:
    ids = store.speaker_ids(speaker)
    names = []
    for i, sid in enumerate(ids):
        params[f"sp{i}"] = sid
        names.append(f":sp{i}")
    return f"{column} IN ({', '.join(names) or 'NULL'})"


def _date_range(column: str, since, until, where: list[str], params: dict) -> None:
    """Add inclusive ``since``/``until`` bounds on ``column`` (either may be None)."""
    if since is not None:
        where.append(f"{column} >= :since")
        params["since"] = _date(since)
    if until is not None:
        where.append(f"{column} <= :until")
        params["until"] = _date(until)


def quote_query(
    store: Store, *, speaker=None, outlet=None, since=None, until=None, type=None
) -> tuple[str, dict]:
    """SQL over quote_view with the given filters, in quote id order."""
    where, params = [], {}
    if speaker is not None:
        where.append(_speaker_clause(store, speaker, "speaker_id", params))
    if outlet is not None:
        where.append("lower(outlet) = lower(:outlet)")
        params["outlet"] = str(outlet).strip()
    _date_range("date", since, until, where, params)
    if type is not None:
        where.append("type = :type")
        params["type"] = type
    sql = "SELECT * FROM quote_view" + (" WHERE " + " AND ".join(where) if where else "")
    return sql + " ORDER BY quote_id", params


def statement_query(
    store: Store,
    *,
    speaker=None,
    outlet=None,
    since=None,
    until=None,
    min_outlets=None,
    kind=None,
    sort: str = "reach",
    limit: int | None = None,
) -> tuple[str, dict]:
    """SQL over statement_view with the given filters.

    ``outlet``: statements quoted by that outlet; ``since``/``until``: first published in the
    range; ``kind``: statements with at least one variant of that kind ('altered' …);
    ``sort``: 'reach' (most outlets first) or 'date' (newest first).
    """
    where, params = [], {}
    if speaker is not None:
        where.append(_speaker_clause(store, speaker, "speaker_id", params))
    if outlet is not None:
        where.append(
            "EXISTS (SELECT 1 FROM quotes q JOIN articles a ON a.id = q.article_id "
            "JOIN outlets o ON o.id = a.outlet_id WHERE q.statement_id = statement_view.statement_id "
            "AND lower(o.name) = lower(:outlet))"
        )
        params["outlet"] = str(outlet).strip()
    _date_range("first_published", since, until, where, params)
    if min_outlets is not None:
        where.append("n_outlets >= :min_outlets")
        params["min_outlets"] = int(min_outlets)
    if kind is not None:
        where.append(
            "EXISTS (SELECT 1 FROM quotes q WHERE q.statement_id = statement_view.statement_id "
            "AND q.variant_kind = :kind)"
        )
        params["kind"] = kind
    if sort not in ("reach", "date"):
        raise ValueError(f"unknown sort {sort!r}: use 'reach' or 'date'")
    order = (
        "n_outlets DESC, n_quotes DESC, statement_id"
        if sort == "reach"
        else "first_published DESC, statement_id DESC"
    )
    sql = "SELECT * FROM statement_view" + (" WHERE " + " AND ".join(where) if where else "")
    sql += f" ORDER BY {order}"
    if limit:
        sql += " LIMIT :limit"
        params["limit"] = int(limit)
    return sql, params


def speaker_query(store: Store, *, speaker=None, kind=None) -> tuple[str, dict]:
    """SQL over speaker_view, most quoted first."""
    where, params = [], {}
    if speaker is not None:
        where.append(_speaker_clause(store, speaker, "speaker_id", params))
    if kind is not None:
        where.append("kind = :kind")
        params["kind"] = kind
    sql = "SELECT * FROM speaker_view" + (" WHERE " + " AND ".join(where) if where else "")
    return sql + " ORDER BY n_quotes DESC, speaker_id", params


def iter_rows(store: Store, kind: str, **filters) -> tuple[list[str], Iterator[list[dict]]]:
    """(column names, chunks of row dicts) of one export kind with its filters."""
    if kind not in EXPORT_KINDS:
        raise ValueError(f"unknown export kind {kind!r}: choose one of {', '.join(EXPORT_KINDS)}")
    filters = {k: v for k, v in filters.items() if v is not None}
    unknown = set(filters) - _FILTERS[kind]
    if unknown:
        raise ValueError(f"{kind} export has no filter {', '.join(sorted(unknown))}")
    builder = {"quotes": quote_query, "statements": statement_query, "speakers": speaker_query}[
        kind
    ]
    sql, params = builder(store, **filters)

    with store.session() as s:
        columns = list(
            s.execute(text(f"SELECT * FROM ({sql}) AS export_rows LIMIT 0"), params).keys()
        )

    def chunks() -> Iterator[list[dict]]:
        with store.session() as s:
            result = s.execute(text(sql).execution_options(yield_per=CHUNK), params)
            for part in result.partitions(CHUNK):
                yield [dict(r._mapping) for r in part]

    return columns, chunks()


@contextmanager
def _text_out(out: str | Path | IO[str]) -> Iterator[IO[str]]:
    if isinstance(out, (str, Path)):
        with open(out, "w", encoding="utf-8", newline="") as fh:
            yield fh
    else:
        yield out


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


def export(store: Store, kind: str, fmt: str, out: str | Path | IO[str], **filters) -> int:
    """Write ``kind`` rows matching ``filters`` to ``out`` as ``fmt``; returns the row count."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(
            f"unknown export format {fmt!r}: choose one of {', '.join(EXPORT_FORMATS)}"
        )
    if fmt == "parquet":
        return _export_parquet(store, kind, out, **filters)
    columns, chunks = iter_rows(store, kind, **filters)
    n = 0
    with _text_out(out) as fh:
        writer = csv.writer(fh, lineterminator="\n") if fmt == "csv" else None
        if writer:
            writer.writerow(columns)
        for chunk in chunks:
            for row in chunk:
                if writer:
                    writer.writerow(["" if row[c] is None else _plain(row[c]) for c in columns])
                else:
                    fh.write(json.dumps({c: _plain(row[c]) for c in columns}, ensure_ascii=False))
                    fh.write("\n")
            n += len(chunk)
    return n


def _export_parquet(store: Store, kind: str, out, **filters) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise RuntimeError(
            "Parquet export needs pyarrow: pip install 'quotetrack[parquet]'"
        ) from None
    if not isinstance(out, (str, Path)):
        raise ValueError("Parquet export writes to a file path, not a text stream")
    columns, chunks = iter_rows(store, kind, **filters)
    rows = [{c: _plain(r[c]) for c in columns} for chunk in chunks for r in chunk]
    if rows:
        table_ = pa.Table.from_pylist(rows)
    else:
        table_ = pa.table({c: pa.array([], pa.string()) for c in columns})
    pq.write_table(table_, str(out))
    return len(rows)
