"""The rows of the readable views (quote_view, statement_view, speaker_view) for export.

Rows stream from the database in chunks, so exporting a million quotes needs little memory;
:mod:`quotetrack.writers` turns them into CSV, JSON lines or Parquet. Filters are a
:class:`~quotetrack.filters.Filters`; a speaker name is resolved by
:func:`quotetrack.store.lookup.speaker_ids`, the same rule every listing uses.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from quotetrack.errors import InputError
from quotetrack.filters import QUOTE_FILTERS, SPEAKER_FILTERS, STATEMENT_FILTERS, Filters
from quotetrack.store.lookup import speaker_ids

EXPORT_KINDS = ("quotes", "statements", "speakers")
CHUNK = 5000
SessionScope = Callable[[], AbstractContextManager[Session]]

# Filters each export kind understands (anything else is an error, not silently ignored).
ALLOWED = {"quotes": QUOTE_FILTERS, "statements": STATEMENT_FILTERS, "speakers": SPEAKER_FILTERS}


def _speaker_clause(session: Session, f: Filters, params: dict[str, Any]) -> str:
    assert f.speaker is not None
    names = []
    for i, sid in enumerate(speaker_ids(session, f.speaker, anonymous=f.anonymous)):
        params[f"sp{i}"] = sid
        names.append(f":sp{i}")
    return f"speaker_id IN ({', '.join(names)})"


def _date_range(column: str, f: Filters, where: list[str], params: dict[str, Any]) -> None:
    """Inclusive ``since``/``until`` bounds on ``column`` (ISO strings compare as dates)."""
    if f.since is not None:
        where.append(f"{column} >= :since")
        params["since"] = f.since.isoformat()
    if f.until is not None:
        where.append(f"{column} <= :until")
        params["until"] = f.until.isoformat()


def _finish(view: str, where: list[str], order: str, f: Filters, params: dict[str, Any]) -> str:
    sql = f"SELECT * FROM {view}" + (" WHERE " + " AND ".join(where) if where else "")
    sql += f" ORDER BY {order}"
    if f.limit:
        sql += " LIMIT :limit"
        params["limit"] = f.limit
    return sql


def quote_query(session: Session, f: Filters) -> tuple[str, dict[str, Any]]:
    """SQL over quote_view with the filters, in quote id order."""
    where: list[str] = []
    params: dict[str, Any] = {}
    if f.speaker is not None:
        where.append(_speaker_clause(session, f, params))
    if f.outlet is not None:
        where.append("lower(outlet) = lower(:outlet)")
        params["outlet"] = f.outlet
    _date_range("date", f, where, params)
    if f.type is not None:
        where.append("type = :type")
        params["type"] = f.type
    return _finish("quote_view", where, "quote_id", f, params), params


def statement_query(
    session: Session, f: Filters, sort: str = "reach"
) -> tuple[str, dict[str, Any]]:
    """SQL over statement_view with the filters.

    ``outlet``: statements quoted by that outlet; ``since``/``until``: first published in the
    range; ``kind``: statements with at least one variant of that kind ('altered' …);
    ``sort``: 'reach' (most outlets first) or 'date' (newest first).
    """
    where: list[str] = []
    params: dict[str, Any] = {}
    if f.speaker is not None:
        where.append(_speaker_clause(session, f, params))
    if f.outlet is not None:
        where.append(
            "EXISTS (SELECT 1 FROM quotes q JOIN articles a ON a.id = q.article_id "
            "JOIN outlets o ON o.id = a.outlet_id WHERE q.statement_id = statement_view.statement_id "
            "AND lower(o.name) = lower(:outlet))"
        )
        params["outlet"] = f.outlet
    _date_range("first_published", f, where, params)
    if f.min_outlets is not None:
        where.append("n_outlets >= :min_outlets")
        params["min_outlets"] = f.min_outlets
    if f.kind is not None:
        where.append(
            "EXISTS (SELECT 1 FROM quotes q WHERE q.statement_id = statement_view.statement_id "
            "AND q.variant_kind = :kind)"
        )
        params["kind"] = f.kind
    if sort not in ("reach", "date"):
        raise InputError(f"unknown sort {sort!r}: use 'reach' or 'date'")
    order = (
        "n_outlets DESC, n_quotes DESC, statement_id"
        if sort == "reach"
        else "first_published DESC, statement_id DESC"
    )
    return _finish("statement_view", where, order, f, params), params


def speaker_query(session: Session, f: Filters) -> tuple[str, dict[str, Any]]:
    """SQL over speaker_view, most quoted first."""
    where: list[str] = []
    params: dict[str, Any] = {}
    if f.speaker is not None:
        where.append(_speaker_clause(session, f, params))
    if f.kind is not None:
        where.append("kind = :kind")
        params["kind"] = f.kind
    return _finish("speaker_view", where, "n_quotes DESC, speaker_id", f, params), params


_BUILDERS = {"quotes": quote_query, "statements": statement_query, "speakers": speaker_query}


def iter_rows(
    session_scope: SessionScope, kind: str, filters: Filters
) -> tuple[list[str], Iterator[dict[str, Any]]]:
    """(column names, rows) of one export kind with its filters; rows are read lazily in
    chunks of :data:`CHUNK` inside one read transaction opened with ``session_scope``."""
    if kind not in EXPORT_KINDS:
        raise InputError(f"unknown export kind {kind!r}: choose one of {', '.join(EXPORT_KINDS)}")
    filters.check(ALLOWED[kind], f"{kind} export")
    with session_scope() as s:
        sql, params = _BUILDERS[kind](s, filters)
        columns = list(
            s.execute(text(f"SELECT * FROM ({sql}) AS export_rows LIMIT 0"), params).keys()
        )

    def rows() -> Iterator[dict[str, Any]]:
        with session_scope() as s:
            result = s.execute(text(sql).execution_options(yield_per=CHUNK), params)
            for part in result.partitions(CHUNK):
                yield from (dict(r._mapping) for r in part)

    return columns, rows()
