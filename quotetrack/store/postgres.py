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
    resolver matches, upgrades and aliases within one surname, and a long name also within
    the surnames of its short forms), organisations (and the one-word name of their first
    word) and unnamed sources by their own key.
    """
    groups: set[tuple[str, str]] = set()
    for ref in refs:
        kind, name = ref.kind, ref.name  # type: ignore[attr-defined]
        if kind == "anonymous":
            key = identity.anonymous_key(name)
        elif kind == "person":
            key = identity.surname_key(name) or identity.name_key(name)
            # a name of three words or more may take over a person stored under its first
            # words ("Idris Amara" for "Idris Amara Welde"): their surname groups too
            words = identity.name_key(name).split()
            groups.update(("person", w) for w in words[1:-1])
        else:
            key = identity.organisation_key(name)  # the store's key ("Inc." left off)
            # a business may take over a one-word speaker stored under its first word
            words = key.split()
            if len(words) >= 2:
                groups.add(("person", words[0]))
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

# Predefined roles whose members can leave the database: read or write the server's files, run
# programs as the server's OS user, or cancel and terminate other sessions.
ESCAPE_ROLES = (
    "pg_read_server_files",
    "pg_write_server_files",
    "pg_execute_server_program",
    "pg_signal_backend",
)

# Which roles the login (session_user) and the current role can use, directly or by SET ROLE
# (membership, not only inherited privileges: set_config('role', …) inside a query is a
# SET ROLE), that are superusers or one of ESCAPE_ROLES. Sent before any user text.
_ESCAPES_SQL = """
SELECT r.rolname, r.rolsuper
FROM pg_roles AS r
WHERE (r.rolsuper OR r.rolname = ANY(%s))
  AND (pg_has_role(session_user, r.oid, 'MEMBER') OR pg_has_role(current_user, r.oid, 'MEMBER'))
ORDER BY r.rolname
"""

_CURSOR = "quotetrack_sql"
_FETCH_ROWS = 100
# Words that, when the server's syntax error points at them, show the statement was not a
# query; only used to word the error (the server has already refused it).
_NOT_A_QUERY = re.compile(
    r"(?i)(COPY|INSERT|UPDATE|DELETE|MERGE|CREATE|DROP|ALTER|TRUNCATE|GRANT|REVOKE|DO|CALL|"
    r"SET|RESET|LOCK|VACUUM|ANALYZE|CLUSTER|REINDEX|COMMENT|LISTEN|NOTIFY|UNLISTEN|LOAD|"
    r"DISCARD|PREPARE|EXECUTE|DEALLOCATE|DECLARE|FETCH|MOVE|CLOSE|CHECKPOINT|REFRESH|SECURITY|"
    r"IMPORT|BEGIN|START|COMMIT|ROLLBACK|END|ABORT|SAVEPOINT|RELEASE|SHOW|EXPLAIN)\b"
)


def role_escapes(cur) -> tuple[str, list[str]]:
    """(login role, the roles it can use that could escape the database), asked of the
    server on an open psycopg cursor. A superuser lists itself."""
    cur.execute("SELECT session_user")
    login = cur.fetchone()[0]
    cur.execute(_ESCAPES_SQL, (list(ESCAPE_ROLES),))
    return login, [name + (" (superuser)" if sup else "") for name, sup in cur.fetchall()]


def _privileged_message(login: str, escapes: list[str]) -> str:
    return (
        f"the role {login!r} can leave the database (it is or can become "
        f"{', '.join(escapes)}): a query run as it could read or write the server's files, "
        "run programs or stop other sessions. Connect as a read-only role (docs/sql.md shows "
        "how to create one) or pass --allow-privileged-role if you accept that risk"
    )


def run_readonly_sql(
    url: str,
    sql: str,
    *,
    timeout: float = 10.0,
    limit: int | None = None,
    allow_privileged_role: bool = False,
):
    """Run one read-only query on the PostgreSQL database at ``url``: a ``SQLResult``.

    Nothing here reads the statement to decide whether it may run; the server does:

    * the role is checked first, before any of the user's text is sent: a superuser, or a
      member of a role in :data:`ESCAPE_ROLES`, is refused (:class:`PrivilegedRoleRefused`)
      unless ``allow_privileged_role``;
    * the statement runs in a ``READ ONLY`` transaction (``default_transaction_read_only``
      from connection start) with ``statement_timeout`` and ``lock_timeout``, on a
      connection of its own that is rolled back and closed afterwards (so ``set_config``
      or advisory locks cannot outlive it);
    * it is the body of ``DECLARE … CURSOR FOR``, which the server accepts only for a query
      (SELECT, VALUES, TABLE, WITH without data-modifying parts), sent with the extended
      protocol, which takes one statement: ``COPY … TO PROGRAM``, ``DO``, ``CALL``, ``SET``
      or a second statement are errors of the server's own parser and never run;
    * rows are fetched from the cursor in batches until ``limit``, within the wall time
      (each FETCH gets the time that is left) and the result size limit.
    """
    import psycopg

    from quotetrack.store.readonly import (
        PrivilegedRoleRefused,
        QueryTimeout,
        ReadOnlyViolation,
        SQLError,
        SQLResult,
        collect_rows,
    )

    deadline = time.monotonic() + timeout
    conninfo = make_url(driver_url(url)).set(drivername="postgresql")
    options = "-c default_transaction_read_only=on -c idle_in_transaction_session_timeout=60000"
    try:
        conn = psycopg.connect(
            conninfo.render_as_string(hide_password=False),
            options=options,
            application_name="quotetrack sql",
            connect_timeout=max(2, int(timeout)),
        )
    except psycopg.Error as exc:
        raise SQLError(f"cannot connect: {str(exc).strip()}") from None
    try:
        with conn.cursor() as cur:
            login, escapes = role_escapes(cur)
            conn.rollback()
            if escapes and not allow_privileged_role:
                raise PrivilegedRoleRefused(_privileged_message(login, escapes))
            notes = []
            if escapes:
                notes.append(f"running as the privileged role {login!r} (--allow-privileged-role)")
            cur.execute("SET TRANSACTION READ ONLY")
            cur.execute("SELECT set_config('lock_timeout', %s, true)", (_ms(timeout),))
            cur.execute("SELECT set_config('statement_timeout', %s, true)", (_ms(timeout),))
            # prepare=True sends it with the extended protocol (Parse/Bind/Execute), which
            # takes exactly one statement; %% because with parameters given psycopg reads %
            # as a placeholder. The newline ends a trailing -- comment.
            body = sql.rstrip().rstrip(";")
            declare = f"DECLARE {_CURSOR} NO SCROLL CURSOR FOR\n{body}\n"
            cur.execute(declare.replace("%", "%%"), (), prepare=True)

            def batches():
                while True:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        raise QueryTimeout(f"query stopped after the {timeout:g} s time limit")
                    cur.execute("SELECT set_config('statement_timeout', %s, true)", (_ms(left),))
                    cur.execute(f"FETCH FORWARD {_FETCH_ROWS} FROM {_CURSOR}")
                    batch = cur.fetchall()
                    if not batch:
                        return
                    yield batch

            gen = batches()
            first: list[Any] = next(gen, [])
            columns = [d.name for d in cur.description or ()]
            rows, truncated = collect_rows(
                _chain(first, gen),
                limit=limit,
                deadline=deadline,
                timeout=timeout,
            )
            return SQLResult(columns, rows, truncated, notes)
    except psycopg.Error as exc:
        raise _pg_error(exc, timeout, ReadOnlyViolation, QueryTimeout, SQLError) from None
    finally:
        conn.rollback()
        conn.close()


def _chain(first, rest):
    yield first
    yield from rest


def _ms(seconds: float) -> str:
    return f"{max(1, int(seconds * 1000))}ms"


def _pg_error(exc, timeout: float, ReadOnlyViolation, QueryTimeout, SQLError) -> Exception:
    """The quotetrack error for a server error raised by a user's statement."""
    state = getattr(exc, "sqlstate", None)
    message = str(exc).strip()
    if state == "25006":  # read_only_sql_transaction
        return ReadOnlyViolation(f"refused: {message}")
    if state == "0A000" and "data-modifying" in message:
        return ReadOnlyViolation(f"refused a data-modifying WITH: {message}")
    if state == "57014":  # query_canceled (statement_timeout)
        return QueryTimeout(f"query stopped after the {timeout:g} s time limit")
    if state == "55P03":  # lock_not_available (lock_timeout)
        return QueryTimeout(f"query waited for a lock longer than {timeout:g} s")
    if state == "42601" and "multiple commands" in message:
        return SQLError("one statement at a time: " + message)
    if state == "42601":
        m = re.search(r'at or near "([^"]*)"', message)
        if m and m.group(1).upper() == "SHOW":
            return ReadOnlyViolation(
                "refused SHOW: only a query can be run; SELECT current_setting('name') "
                "shows a setting"
            )
        if m and _NOT_A_QUERY.fullmatch(m.group(1)):
            return ReadOnlyViolation(
                f"refused {m.group(1).upper()}: only a query (SELECT, VALUES, TABLE or WITH) "
                f"can be run, and the server read this as something else ({message})"
            )
    if state == "42501":  # insufficient_privilege
        return ReadOnlyViolation(f"refused by the server: {message}")
    return SQLError(message)


def run_sql(engine: Engine, sql: str, *, timeout: float = 10.0) -> tuple[list[str], list[tuple]]:
    """Run one read-only query on the database behind ``engine``: (column names, rows).

    Kept for callers of earlier versions: :func:`run_readonly_sql` on the engine's URL
    with no row limit. A privileged role is refused here as well.
    """
    result = run_readonly_sql(
        engine.url.render_as_string(hide_password=False), sql, timeout=timeout
    )
    return result.columns, result.rows


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
                _drop_database(conn, name)
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
                _drop_database(conn, name)
    finally:
        engine.dispose()


# SQLSTATEs a drop can meet while the server still has a process in the database:
# 42501 when FORCE meets a process the role may not signal, 55006 when a plain drop
# meets another session.
_NOT_ALLOWED_TO_SIGNAL = "42501"
_IN_USE = "55006"


def _drop_database(conn: Any, name: str, *, attempts: int = 20, pause: float = 0.25) -> None:
    """Drop database ``name`` if it exists, ending the sessions still connected to it.

    ``WITH (FORCE)`` terminates other sessions, but a role without superuser or
    ``pg_signal_backend`` is refused (42501) when one of them is a process it does not
    own, most often an autovacuum worker that started on a freshly written database. A
    plain ``DROP DATABASE`` asks autovacuum workers to exit and waits for them, so it is
    tried next; if a real session is still there (55006), FORCE is tried again after a
    short pause. Any other error, or the same refusal after ``attempts`` tries, is raised.
    """
    ident = quote_ident(name)
    for attempt in range(attempts):
        try:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {ident} WITH (FORCE)")
            return
        except DBAPIError as exc:
            if sqlstate(exc) != _NOT_ALLOWED_TO_SIGNAL or attempt == attempts - 1:
                raise
        try:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {ident}")
            return
        except DBAPIError as exc:
            if sqlstate(exc) not in (_IN_USE, _NOT_ALLOWED_TO_SIGNAL):
                raise
        time.sleep(pause)
