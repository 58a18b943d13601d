"""PostgreSQL as quotetrack's database: URLs, migration locking, concurrent writers,
full-text search and read-only SQL.

SQLite stays the embedded default; everything here runs only when the store's URL names a
PostgreSQL server (``postgresql://…``, mapped to the psycopg 3 driver). The store calls in at
a few points:

* :func:`driver_url` / :func:`make_engine` when opening, :func:`migrate` instead of SQLite's
  table-rebuilding procedure (several processes opening an empty database at once migrate it
  exactly once: they queue on an advisory lock);
* :func:`lock_speakers` at the start of every article transaction and :func:`retrying` around
  it, so that several ``ingest`` processes writing into one database end with the same rows
  as one process would (see "Concurrent writers" below);
* :func:`search_parts` for ``Store.search`` (tsvector + GIN index, ``websearch_to_tsquery``,
  ``ts_rank``, ``ts_headline``) and :func:`run_sql` for ``Store.run_sql`` (a READ ONLY
  transaction with a ``statement_timeout``).

Concurrent writers
------------------
Unique constraints (article content hash and url, outlet name, speaker kind + name key, alias
per speaker) make duplicates impossible; upserts (``INSERT … ON CONFLICT``) and retries of the
whole article transaction on a unique violation, serialization failure or deadlock turn a lost
race into "the other process stored it first". What constraints cannot see is *matching*: the
speaker resolver merges "Blinken" into "Antony Blinken" by surname, and the statements grouper
joins a quote to the statements of its speaker. Two transactions doing that at once for the
same surname could each create their own speaker or statement. So each article transaction
first takes transaction-scoped advisory locks on the identity groups it will touch (persons:
kind + surname key; organisations and unnamed sources: kind + name key), in sorted order (no
deadlocks between writers), and holds them until commit. Articles about different people are
written in parallel; two articles quoting the same person are written one after the other.
Statement grouping is partitioned by speaker the same way, which is what lets it scale.
"""

from __future__ import annotations

import hashlib
import random
import re
import time
from collections.abc import Callable, Iterable, Sequence
from types import SimpleNamespace
from typing import Any, TypeVar

from sqlalchemy import Engine, create_engine, func, literal_column, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

T = TypeVar("T")

# The text search configuration migration 0003 creates: English stemming over words with
# diacritics folded by ``unaccent`` (as SQLite's FTS5 index does), or plain English where the
# server lacks the unaccent extension. The GIN index is on exactly this expression.
SEARCH_CONFIG = "quotetrack"

# SQLSTATEs after which the same transaction, run again, can succeed.
RETRYABLE_SQLSTATES = {
    "40001": "serialization failure",
    "40P01": "deadlock",
    "23505": "unique violation",
}
MAX_ATTEMPTS = 8

# Advisory lock namespaces (first 4 bytes of the 64-bit key) so quotetrack's locks never
# collide with another application's on the same server.
_MIGRATION_LOCK = 0x71740001_00000000 - (1 << 63)
_SPEAKER_NAMESPACE = b"qt-speaker"


def is_postgres_url(url: str) -> bool:
    """True when ``url`` names a PostgreSQL server (any driver)."""
    return url.split(":", 1)[0].split("+", 1)[0] in ("postgresql", "postgres")


def driver_url(url: str) -> str:
    """``url`` with the psycopg 3 driver: ``postgresql://`` and ``postgres://`` are mapped to
    ``postgresql+psycopg://``; a URL that already names a driver is kept."""
    scheme, rest = url.split("://", 1)
    if scheme in ("postgresql", "postgres"):
        return f"postgresql+psycopg://{rest}"
    return url


def make_engine(url: str, *, readonly: bool = False) -> Engine:
    """An engine for a PostgreSQL URL; ``readonly`` makes every transaction READ ONLY.

    ``pool_pre_ping`` because long ingests outlive idle server connections.
    """
    connect_args = {}
    if readonly:
        connect_args["options"] = "-c default_transaction_read_only=on"
    return create_engine(driver_url(url), pool_pre_ping=True, connect_args=connect_args)


def migrate(engine: Engine, upgrade: Callable[[object], None]) -> None:
    """Run ``upgrade(connection)`` (Alembic's upgrade) in one transaction, holding an advisory
    lock so that concurrent openers of a new database wait for the first one's migration
    instead of racing it (Alembic re-reads the version inside the lock)."""
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _MIGRATION_LOCK})
        upgrade(conn)
        conn.commit()


def sqlstate(exc: BaseException) -> str | None:
    """The SQLSTATE of a database error (psycopg's ``orig.sqlstate``), else ``None``."""
    orig = getattr(exc, "orig", None)
    return getattr(orig, "sqlstate", None)


def retrying(
    attempt: Callable[[], T],
    *,
    attempts: int = MAX_ATTEMPTS,
    on_retry: Callable[[int, str], None] | None = None,
) -> T:
    """Call ``attempt`` (one whole transaction) until it does not fail with a conflict.

    In: a function that opens, runs and commits a transaction. Out: its result. Unique
    violations, serialization failures and deadlocks are retried up to ``attempts`` times,
    with a growing random pause so that the racing writers do not collide again; every other
    error, and the last conflict, is raised. ``on_retry(attempt_no, reason)`` is told of each.
    """
    for n in range(1, attempts + 1):
        try:
            return attempt()
        except DBAPIError as exc:
            reason = RETRYABLE_SQLSTATES.get(sqlstate(exc) or "")
            if reason is None or n == attempts:
                raise
            if on_retry is not None:
                on_retry(n, reason)
            time.sleep(random.uniform(0, 0.02 * 2**n))
    raise AssertionError("unreachable")  # pragma: no cover


def speaker_lock_key(kind: str, key: str) -> int:
    """The signed 64-bit advisory lock key of one identity group (stable across processes)."""
    digest = hashlib.blake2b(
        f"{kind}\x1f{key}".encode(), digest_size=8, person=_SPEAKER_NAMESPACE
    ).digest()
    return int.from_bytes(digest, "big", signed=True)


def identity_groups(refs: Iterable[object], identity) -> set[tuple[str, str]]:
    """The identity groups (kind, key) a set of speaker references can touch.

    In: ``SpeakerRef``s and the identity module. Persons are grouped by surname key (the
    resolver only ever matches, upgrades and aliases within one surname), organisations and
    unnamed sources by their own key.
    """
    groups: set[tuple[str, str]] = set()
    for ref in refs:
        kind, name = ref.kind, ref.name  # type: ignore[attr-defined]
        if kind == "anonymous":
            key = identity.anonymous_key(name)
        elif kind == "person":
            key = identity.surname_key(name) or identity.name_key(name)
        else:
            key = identity.name_key(name)
        if key:
            groups.add((kind, key))
    return groups


def lock_speakers(session: Session, refs: Iterable[object], identity) -> int:
    """Take the transaction's advisory locks for the speakers ``refs`` name, in key order.

    Returns the number of locks taken. Released at commit or rollback.
    """
    keys = sorted({speaker_lock_key(k, v) for k, v in identity_groups(refs, identity)})
    for k in keys:
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": k})
    return len(keys)


def lock_stored_speakers(session: Session, article_id: int, identity) -> int:
    """Take the advisory locks of the speakers quoted in a stored article (whose quotes are
    about to be replaced, changing those speakers' statements). Returns the locks taken."""
    from quotetrack.store.models import Quote as QuoteRow
    from quotetrack.store.models import Speaker

    rows = session.execute(
        select(Speaker.kind, Speaker.name)
        .distinct()
        .join(QuoteRow, QuoteRow.speaker_id == Speaker.id)
        .where(QuoteRow.article_id == article_id)
    ).all()
    refs = [SimpleNamespace(kind=kind, name=name) for kind, name in rows]
    return lock_speakers(session, refs, identity)


# -- full-text search ---------------------------------------------------------------------------


class SearchQueryError(ValueError):
    """A search query with no searchable words or an unterminated phrase."""


_TOKEN = re.compile(r'"[^"]*"|\S+')
_PREFIX = re.compile(r"^([^\W_]+)\*$")


def websearch_query(query: str) -> tuple[str, list[str]]:
    """Translate quotetrack's search syntax (as for SQLite's FTS5) into PostgreSQL's.

    In: the user's query. Out: text for ``websearch_to_tsquery`` and the prefix words
    (``gaz*``) that it cannot express. Words must all occur, ``"phrases"`` occur in order,
    ``OR`` is kept, ``NOT word`` becomes ``-word``, ``AND`` is implied. Raises
    :class:`SearchQueryError` for an unterminated phrase.
    """
    if query.count('"') % 2:
        raise SearchQueryError('unterminated phrase (a " without its partner)')
    parts: list[str] = []
    prefixes: list[str] = []
    negate = False
    for tok in _TOKEN.findall(query):
        if tok == "AND":
            continue
        if tok == "NOT":
            negate = True
            continue
        m = _PREFIX.match(tok)
        if m:
            prefixes.append(m.group(1).lower())
            negate = False
            continue
        parts.append(("-" if negate else "") + tok)
        negate = False
    return " ".join(parts), prefixes


def tsquery_expr(query: str) -> ColumnElement:
    """The ``tsquery`` SQL expression for a user query (see :func:`websearch_query`)."""
    web, prefixes = websearch_query(query)
    cfg: ColumnElement[Any] = literal_column(f"'{SEARCH_CONFIG}'::regconfig")
    parts: list[ColumnElement] = []
    if web:
        parts.append(func.websearch_to_tsquery(cfg, web))
    for p in prefixes:
        parts.append(func.to_tsquery(cfg, p + ":*"))
    if not parts:
        raise SearchQueryError("no searchable words")
    expr: ColumnElement[Any] = parts[0]
    for part in parts[1:]:
        expr = expr.op("&&")(part)
    return expr


def check_query(session: Session, query: str) -> None:
    """Raise :class:`SearchQueryError` when ``query`` leaves nothing to search for (only
    operators or stop words: "AND OR"), as FTS5 rejects such queries too."""
    n = session.scalar(func.numnode(tsquery_expr(query)).select())
    if not n:
        raise SearchQueryError("no searchable words")


def search_parts(
    query: str, *, snippet_open: str, snippet_close: str, snippet_words: int
) -> tuple[ColumnElement, ColumnElement, ColumnElement]:
    """(WHERE clause, snippet column, score column) of a search over ``quotes.text``.

    The WHERE clause uses the indexed expression (``ix_quotes_text_search``). The score is
    minus ``ts_rank`` normalised by length, so that, as with SQLite's bm25, lower is better
    and a short quote that is mostly the searched words ranks first.
    """
    q = tsquery_expr(query)
    doc: ColumnElement[Any] = literal_column(
        f"to_tsvector('{SEARCH_CONFIG}'::regconfig, quotes.text)"
    )
    cfg: ColumnElement[Any] = literal_column(f"'{SEARCH_CONFIG}'::regconfig")
    options = (
        f'StartSel="{snippet_open}", StopSel="{snippet_close}", '
        f"MaxWords={snippet_words}, MinWords={max(1, snippet_words // 3)}, "
        'ShortWord=2, FragmentDelimiter=" … ", MaxFragments=2'
    )
    where = doc.op("@@")(q)
    snippet = func.ts_headline(cfg, literal_column("quotes.text"), q, options).label("snippet")
    score = (-func.ts_rank(doc, q, 1)).label("score")
    return where, snippet, score


# -- read-only SQL -------------------------------------------------------------------------------

# Statements that only read. Anything else (COPY, DO, CALL, SET, LOCK, VACUUM, LISTEN …) is
# refused by name before it reaches the server; writes hidden in these (a data-modifying CTE,
# nextval(), EXPLAIN ANALYZE of an UPDATE) fail in the READ ONLY transaction.
_READING_STATEMENTS = {"SELECT", "WITH", "VALUES", "TABLE", "EXPLAIN", "SHOW"}


def _first_word(sql: str) -> str:
    body = re.sub(r"--[^\n]*|/\*.*?\*/", " ", sql, flags=re.DOTALL).lstrip(" \t\r\n(")
    m = re.match(r"[A-Za-z_]+", body)
    return m.group(0).upper() if m else ""


def run_sql(engine: Engine, sql: str, *, timeout: float = 10.0) -> tuple[list[str], list[tuple]]:
    """Run one read-only SQL statement on a PostgreSQL database: (column names, rows).

    The statement runs as a prepared statement (so exactly one statement: "SELECT 1; COMMIT;
    DELETE …" is rejected by the server) inside ``SET TRANSACTION READ ONLY`` with ``SET LOCAL
    statement_timeout``, and the transaction is always rolled back. Raises the store's
    ``ReadOnlyViolation``, ``QueryTimeout`` or ``SQLError`` like the SQLite version.
    """
    from quotetrack.store.sql import QueryTimeout, ReadOnlyViolation, SQLError

    word = _first_word(sql)
    if word not in _READING_STATEMENTS:
        raise ReadOnlyViolation(
            f"refused {word or 'an empty statement'}: quotetrack's SQL access is read-only"
        )
    with engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert raw is not None  # an open connection has its driver connection
        try:
            with raw.cursor() as cur:
                cur.execute("SET TRANSACTION READ ONLY")
                cur.execute(
                    "SELECT set_config('statement_timeout', %s, true)",
                    (f"{max(1, int(timeout * 1000))}ms",),
                )
                # %% because psycopg reads % as the start of a placeholder when parameters
                # are given; the empty parameters force the one-statement extended protocol.
                cur.execute(sql.replace("%", "%%"), (), prepare=True)
                columns = [d.name for d in cur.description or ()]
                rows = [tuple(r) for r in cur.fetchall()] if cur.description else []
            return columns, rows
        except Exception as exc:
            state = getattr(exc, "sqlstate", None)
            if state == "25006":  # read_only_sql_transaction
                raise ReadOnlyViolation(f"refused: {exc}") from None
            if state == "57014":  # query_canceled (statement_timeout)
                raise QueryTimeout(f"query stopped after the {timeout:g} s time limit") from None
            if state == "42601" and "multiple commands" in str(exc):
                raise SQLError("one statement at a time: " + str(exc)) from None
            raise SQLError(str(exc).strip()) from None
        finally:
            raw.rollback()
            conn.rollback()


def quote_ident(name: str) -> str:
    """``name`` as a double-quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def drop_and_create(admin_url: str, names: Sequence[str], template: str | None = None) -> None:
    """(Re)create the databases ``names`` on the server of ``admin_url`` (for tests and the
    scaling benchmark): each is dropped if it exists, then created, from ``template`` if
    given (a copy of a migrated template skips running the migrations again)."""
    engine = create_engine(driver_url(admin_url), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            for name in names:
                conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {quote_ident(name)} WITH (FORCE)")
                sql = f"CREATE DATABASE {quote_ident(name)}"
                if template:
                    sql += f" TEMPLATE {quote_ident(template)}"
                conn.exec_driver_sql(sql)
    finally:
        engine.dispose()


def with_database(url: str, name: str) -> str:
    """``url`` pointing at database ``name`` on the same server (password kept)."""
    return make_url(driver_url(url)).set(database=name).render_as_string(hide_password=False)


def drop_databases(admin_url: str, names: Sequence[str]) -> None:
    """Drop the databases ``names`` (if they exist), closing their connections first."""
    engine = create_engine(driver_url(admin_url), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            for name in names:
                conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {quote_ident(name)} WITH (FORCE)")
    finally:
        engine.dispose()
