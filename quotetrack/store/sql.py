"""Read-only SQL for researchers: a SQLite connection that can only read, with a time limit.

Three layers, so that one mistake in any of them is not enough to change the database:
the file is opened with ``mode=ro``, ``PRAGMA query_only`` is on, and an authorizer refuses
every statement kind that writes, changes the schema, attaches files or changes settings.
"""

from __future__ import annotations

import re
import sqlite3
import time
from pathlib import Path

from quotetrack.errors import DatabaseError, InputError


class ReadOnlyViolation(InputError, PermissionError):
    """A statement tried to change the database (message names what was refused)."""


class QueryTimeout(DatabaseError, TimeoutError):
    """A query ran longer than its time limit and was interrupted."""


class SQLError(InputError):
    """The SQL could not be run (syntax error, unknown table …); message from SQLite."""


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

# VACUUM never reaches the authorizer, so it is refused by name before SQLite sees it.
_VACUUM = re.compile(r"^\s*(?:--[^\n]*\n\s*|/\*.*?\*/\s*)*VACUUM\b", re.IGNORECASE | re.DOTALL)

_PROGRESS_STEPS = 10_000  # VM instructions between time-limit checks (~1 ms of work)


def _authorizer(refused: list[str]):
    def authorize(action: int, arg1, arg2, _db, _trigger) -> int:
        if action == sqlite3.SQLITE_UPDATE and arg1 in ("sqlite_master", "sqlite_schema"):
            # FTS5 asks this while loading its schema; a user UPDATE of the schema table is
            # refused by SQLite itself (no writable_schema), by query_only and by mode=ro.
            return sqlite3.SQLITE_OK
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


def connect_readonly(path: str | Path) -> sqlite3.Connection:
    """A read-only sqlite3 connection to ``path`` (``mode=ro`` and ``query_only``)."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"no quotetrack database at {path}")
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=10.0)
    conn.execute("PRAGMA query_only = ON")
    return conn


def run_sql(path: str | Path, sql: str, *, timeout: float = 10.0) -> tuple[list[str], list[tuple]]:
    """Run one read-only SQL statement on the database file at ``path``.

    Returns (column names, rows). Raises :class:`ReadOnlyViolation` for anything that would
    change the database or its connection (naming what was refused), :class:`QueryTimeout`
    after ``timeout`` seconds, :class:`SQLError` for other SQLite errors.
    """
    if _VACUUM.match(sql):
        raise ReadOnlyViolation("refused VACUUM: quotetrack's SQL access is read-only")
    conn = connect_readonly(path)
    refused: list[str] = []
    deadline = time.monotonic() + timeout
    conn.set_authorizer(_authorizer(refused))
    conn.set_progress_handler(lambda: int(time.monotonic() > deadline), _PROGRESS_STEPS)
    try:
        cur = conn.execute(sql)
        rows = cur.fetchall()
        columns = [d[0] for d in cur.description or ()]
        return columns, rows
    except sqlite3.DatabaseError as exc:
        if refused:
            # CREATE/DROP also touch sqlite_master; name the statement, not that side effect.
            main = [r for r in refused if "sqlite_" not in r]
            what = main[0] if main else _leading_words(sql)
            raise ReadOnlyViolation(
                f"refused {what}: quotetrack's SQL access is read-only"
            ) from None
        if "interrupted" in str(exc) and time.monotonic() > deadline:
            raise QueryTimeout(f"query stopped after the {timeout:g} s time limit") from None
        if any(w in str(exc) for w in ("readonly", "read-only", "may not be modified")):
            raise ReadOnlyViolation(f"refused: {exc}") from None
        raise SQLError(str(exc)) from None
    except sqlite3.Warning as exc:  # e.g. more than one statement
        raise SQLError(str(exc)) from None
    finally:
        conn.close()
