"""Read-only SQL for researchers, on SQLite and PostgreSQL, that cannot change the database
and cannot run away with the machine.

Read-only-ness is never decided by reading the statement's text; the database decides:

* SQLite: the file is opened with ``mode=ro`` (and never migrated), ``PRAGMA query_only`` is
  on, and an authorizer refuses every statement kind that writes, changes the schema, attaches
  files or changes settings, and the functions that reach outside the database
  (``fts3_tokenizer``, ``load_extension``). Resources are bounded too: wall time (a progress
  handler plus a clock check for every row fetched), the size of one string or blob
  (``SQLITE_LIMIT_LENGTH``), SQLite's heap (``PRAGMA hard_heap_limit``), the rows returned
  (``limit``) and the bytes of the rows returned.
* PostgreSQL: see :func:`quotetrack.store.postgres.run_readonly_sql` (a READ ONLY transaction
  with a ``statement_timeout``, the statement run through a cursor so that the server accepts
  only a query, and roles that could escape the database refused unless asked for).

:func:`run_readonly_sql` is the one entry point for both; docs/sql.md states the guarantees.
"""

from __future__ import annotations

import re
import sqlite3
import time
from pathlib import Path

from quotetrack.store.readonly import (  # noqa: F401  (re-exported: callers import them from here)
    DEFAULT_TABLE_LIMIT,
    DEFAULT_TIMEOUT,
    MAX_RESULT_BYTES,
    MAX_VALUE_BYTES,
    SQLITE_HEAP_LIMIT,
    PrivilegedRoleRefused,
    QueryTimeout,
    ReadOnlyViolation,
    ResultTooLarge,
    SQLError,
    SQLResult,
    collect_rows,
    value_size,
)

_REFUSED = {
    sqlite3.SQLITE_INSERT: "INSERT",
    sqlite3.SQLITE_UPDATE: "UPDATE",
    sqlite3.SQLITE_DELETE: "DELETE",
    sqlite3.SQLITE_ATTACH: "ATTACH",
    sqlite3.SQLITE_DETACH: "DETACH",
    sqlite3.SQLITE_ALTER_TABLE: "ALTER TABLE",
    sqlite3.SQLITE_REINDEX: "REINDEX",
    sqlite3.SQLITE_ANALYZE: "ANALYZE",
    sqlite3.SQLITE_TRANSACTION: "a transaction statement",
    sqlite3.SQLITE_SAVEPOINT: "SAVEPOINT",
}
_REFUSED_PREFIX = {"SQLITE_CREATE_": "CREATE", "SQLITE_DROP_": "DROP"}
for _name in dir(sqlite3):
    for _prefix, _verb in _REFUSED_PREFIX.items():
        if _name.startswith(_prefix):
            _what = (
                _name[len(_prefix) :].replace("TEMP_", "TEMP ").replace("VTABLE", "VIRTUAL TABLE")
            )
            _REFUSED[getattr(sqlite3, _name)] = f"{_verb} {_what}"

# PRAGMAs that only report. Those in _PRAGMAS_WITH_ARGUMENT take a table or index name;
# the others are refused when given a value (``PRAGMA foreign_keys = OFF``).
_PRAGMAS_WITH_ARGUMENT = {
    "table_info",
    "table_xinfo",
    "table_list",
    "index_list",
    "index_info",
    "index_xinfo",
    "foreign_key_list",
}
_READING_PRAGMAS = _PRAGMAS_WITH_ARGUMENT | {
    "database_list",
    "collation_list",
    "function_list",
    "pragma_list",
    "compile_options",
    "page_count",
    "page_size",
    "freelist_count",
    "user_version",
    "schema_version",
    "encoding",
    "foreign_keys",
    "journal_mode",
    "data_version",
}

# VACUUM never reaches the authorizer. mode=ro and query_only already stop it (and VACUUM
# INTO is an ATTACH, which the authorizer refuses); this only lets the error name it.
_VACUUM = re.compile(r"^\s*(?:--[^\n]*\n\s*|/\*.*?\*/\s*)*VACUUM\b", re.IGNORECASE | re.DOTALL)

_PROGRESS_STEPS = 10_000  # VM instructions between time-limit checks (~1 ms of work)


# Functions that reach outside the database or expose memory: fts3_tokenizer() hands out and
# accepts raw pointers; load_extension() runs native code (also off by default).
_REFUSED_FUNCTIONS = frozenset({"fts3_tokenizer", "load_extension"})


def _authorizer(refused: list[str]):
    def authorize(action: int, arg1, arg2, _db, _trigger) -> int:
        if action == sqlite3.SQLITE_UPDATE and arg1 in ("sqlite_master", "sqlite_schema"):
            # FTS5 asks this while loading its schema; a user UPDATE of the schema table is
            # refused by SQLite itself (no writable_schema), by query_only and by mode=ro.
            return sqlite3.SQLITE_OK
        if action == sqlite3.SQLITE_FUNCTION and (arg2 or "").lower() in _REFUSED_FUNCTIONS:
            refused.append(f"{arg2.lower()}()")
            return sqlite3.SQLITE_DENY
        if action in _REFUSED:
            what = _REFUSED[action]
            if arg1 and action not in (sqlite3.SQLITE_TRANSACTION,):
                what = f"{what} ({arg1})"
            refused.append(what)
            return sqlite3.SQLITE_DENY
        if action == sqlite3.SQLITE_PRAGMA:
            name = (arg1 or "").lower()
            if name not in _READING_PRAGMAS or (
                arg2 is not None and name not in _PRAGMAS_WITH_ARGUMENT
            ):
                value = f" = {arg2}" if arg2 is not None else ""
                refused.append(f"PRAGMA {name}{value}")
                return sqlite3.SQLITE_DENY
        return sqlite3.SQLITE_OK

    return authorize


def _leading_words(sql: str) -> str:
    """The statement's first two words ("CREATE TABLE"), comments skipped."""
    body = re.sub(r"--[^\n]*|/\*.*?\*/", " ", sql, flags=re.DOTALL)
    return " ".join(body.split()[:2]).upper()


def connect_readonly(path: str | Path, *, notes: list[str] | None = None) -> sqlite3.Connection:
    """A read-only sqlite3 connection to ``path`` (``mode=ro`` and ``query_only``); the file
    is never created, migrated or switched to another journal mode.

    A WAL database in a folder the user cannot write to cannot be opened ``mode=ro`` (SQLite
    would have to create its ``-shm`` file); it is then opened ``immutable``, which is safe
    because nobody can be writing it either, and a note saying so is added to ``notes``.
    """
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"no quotetrack database at {path}")
    if not path.is_file():
        raise FileNotFoundError(f"{path} is not a database file")
    uri = path.resolve().as_uri()
    try:
        conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=10.0)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError as exc:
        import os

        if "unable to open" not in str(exc) or os.access(path.parent, os.W_OK):
            raise
        conn = sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, timeout=10.0)
        if notes is not None:
            notes.append(f"{path.parent} is read-only: opened the database as immutable")
    conn.execute("PRAGMA query_only = ON")
    return conn


def schema_notes(conn: sqlite3.Connection) -> list[str]:
    """What is unusual about the schema of a database opened for ``sql``: not a quotetrack
    database at all, or at another revision than this quotetrack's (it is never migrated)."""
    from quotetrack.store.engine import head_revision

    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "alembic_version" not in tables:
        if not tables:
            return ["the database is empty (no tables): not a quotetrack database yet"]
        return [
            "this is not a quotetrack database (no alembic_version table); "
            "it was opened read-only and left as it is"
        ]
    revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    head = head_revision()
    if revision is None or revision[0] != head:
        found = revision[0] if revision else "none"
        return [
            f"the database schema is at revision {found}, this quotetrack's is {head}; it was "
            "not migrated (sql never changes the file): tables may differ from docs/schema.md"
        ]
    return []


def _lower_heap_limit(conn: sqlite3.Connection, limit: int) -> None:
    """Lower SQLite's hard heap limit to ``limit`` bytes (a process-wide setting that the
    PRAGMA can only lower; 0 means no limit yet)."""
    current = conn.execute("PRAGMA hard_heap_limit").fetchone()[0]
    if current == 0 or current > limit:
        conn.execute(f"PRAGMA hard_heap_limit = {int(limit)}")


def run_sqlite(
    path: str | Path,
    sql: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    limit: int | None = None,
    max_value_bytes: int = MAX_VALUE_BYTES,
    max_result_bytes: int = MAX_RESULT_BYTES,
    heap_limit: int = SQLITE_HEAP_LIMIT,
) -> SQLResult:
    """Run one read-only statement on the SQLite file at ``path`` within the limits above.

    ``limit`` caps the rows returned (``None``: all, still bounded by time and size).
    Raises :class:`ReadOnlyViolation` naming what was refused, :class:`QueryTimeout`,
    :class:`ResultTooLarge` and :class:`SQLError` (SQLite's message).
    """
    if _VACUUM.match(sql):
        raise ReadOnlyViolation("refused VACUUM: quotetrack's SQL access is read-only")
    notes: list[str] = []
    conn = connect_readonly(path, notes=notes)
    refused: list[str] = []
    deadline = time.monotonic() + timeout
    try:
        notes.extend(schema_notes(conn))
        conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, max_value_bytes)
        conn.setlimit(sqlite3.SQLITE_LIMIT_ATTACHED, 0)
        _lower_heap_limit(conn, heap_limit)
        conn.set_authorizer(_authorizer(refused))
        conn.set_progress_handler(lambda: int(time.monotonic() > deadline), _PROGRESS_STEPS)
        cur = conn.execute(sql)
        columns = [d[0] for d in cur.description or ()]
        # One row at a time: SQLite hands over each row as it is computed, so the clock and
        # the size are checked before the next one is (a batch could be gigabytes).
        batches = ([row] for row in cur)
        rows, truncated = collect_rows(
            batches, limit=limit, deadline=deadline, timeout=timeout, max_bytes=max_result_bytes
        )
        return SQLResult(columns, rows, truncated, notes)
    except sqlite3.DatabaseError as exc:
        raise _sqlite_error(exc, sql, refused, deadline, timeout, max_value_bytes) from None
    except sqlite3.Warning as exc:  # e.g. more than one statement
        raise SQLError(str(exc)) from None
    except MemoryError:
        raise ResultTooLarge(
            f"the query needed more than SQLite's {heap_limit // 2**20} MB memory limit"
        ) from None
    finally:
        conn.close()


def _sqlite_error(
    exc: sqlite3.DatabaseError,
    sql: str,
    refused: list[str],
    deadline: float,
    timeout: float,
    max_value_bytes: int,
) -> Exception:
    """The quotetrack error for an SQLite error raised by a user's statement."""
    message = str(exc)
    if refused:
        # CREATE/DROP also touch sqlite_master; name the statement, not that side effect.
        main = [r for r in refused if "sqlite_" not in r]
        what = main[0] if main else _leading_words(sql)
        return ReadOnlyViolation(f"refused {what}: quotetrack's SQL access is read-only")
    if "interrupted" in message and time.monotonic() > deadline:
        return QueryTimeout(f"query stopped after the {timeout:g} s time limit")
    if "too big" in message:
        return ResultTooLarge(
            f"a value is larger than the {max_value_bytes // 10**6} MB limit ({message})"
        )
    if "out of memory" in message:
        return ResultTooLarge(f"the query ran out of its memory limit ({message})")
    if any(w in message for w in ("readonly", "read-only", "may not be modified")):
        return ReadOnlyViolation(f"refused: {message}")
    if "malformed" in message or "not a database" in message:
        return SQLError(f"the database file is damaged: {message}")
    return SQLError(message)


def run_sql(path: str | Path, sql: str, *, timeout: float = 10.0) -> tuple[list[str], list[tuple]]:
    """Run one read-only SQL statement on the database file at ``path``: (columns, rows).

    Kept for callers of earlier versions; see :func:`run_sqlite` for the limits.
    """
    result = run_sqlite(path, sql, timeout=timeout)
    return result.columns, result.rows


def run_readonly_sql(
    db: str | Path | None,
    sql: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    limit: int | None = None,
    allow_privileged_role: bool = False,
) -> SQLResult:
    """Run one read-only statement on the database ``db`` names (a SQLite path or URL, or a
    PostgreSQL URL; ``None``: ``$QUOTETRACK_DB`` or ./quotetrack.db). What ``sql`` uses.

    The database is opened read-only and never created or migrated. ``limit`` caps the rows
    returned (the result says whether there were more); ``timeout`` bounds the wall time of
    running the statement and fetching its rows. On PostgreSQL, a role that could escape
    the database (see :func:`quotetrack.store.postgres.role_escapes`) is refused unless
    ``allow_privileged_role``. Raises :class:`ReadOnlyViolation`,
    :class:`PrivilegedRoleRefused`, :class:`QueryTimeout`, :class:`ResultTooLarge`,
    :class:`SQLError`, and FileNotFoundError for a SQLite file that does not exist.
    """
    from quotetrack.store import engine as engine_mod

    url = engine_mod.resolve_url(db)
    if engine_mod.is_postgres(url):
        from quotetrack.store import postgres

        return postgres.run_readonly_sql(
            url, sql, timeout=timeout, limit=limit, allow_privileged_role=allow_privileged_role
        )
    path = engine_mod.sqlite_path(url)
    if path is None:
        raise SQLError("read-only SQL needs a SQLite database file or a PostgreSQL URL")
    return run_sqlite(path, sql, timeout=timeout, limit=limit)
