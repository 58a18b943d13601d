"""What read-only SQL returns and how it fails, shared by the SQLite (:mod:`.sql`) and
PostgreSQL (:mod:`.postgres`) runners: the result record, the errors, the limits, and the
row collector that enforces the time, row and size limits while rows are fetched."""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from quotetrack.errors import DatabaseError, InputError


class ReadOnlyViolation(InputError, PermissionError):
    """A statement tried to change the database (message names what was refused)."""


class PrivilegedRoleRefused(ReadOnlyViolation):
    """The PostgreSQL role could escape the database (superuser, server files or programs,
    signalling other sessions); ``sql`` refuses it unless ``allow_privileged_role``."""


class QueryTimeout(DatabaseError, TimeoutError):
    """A query ran longer than its time limit and was interrupted."""


class SQLError(InputError):
    """The SQL could not be run (syntax error, unknown table …); message from the database."""


class ResultTooLarge(SQLError):
    """A value or the whole result grew past its size limit (message names the limit)."""


# Limits of one ``sql`` call. The defaults leave every real query on a quotetrack database
# alone (an article is at most a few MB) while a hostile one stops within seconds.
DEFAULT_TIMEOUT = 10.0
DEFAULT_TABLE_LIMIT = 1000  # rows printed as a table unless --limit says otherwise
MAX_VALUE_BYTES = 100_000_000  # SQLITE_LIMIT_LENGTH: one string, blob or row
MAX_RESULT_BYTES = 256 * 2**20  # the rows handed back, all values together
SQLITE_HEAP_LIMIT = 1 * 2**30  # PRAGMA hard_heap_limit (process-wide, only ever lowered)


@dataclass
class SQLResult:
    """What one read-only query returned.

    ``truncated`` is true when the query had more rows than ``limit``; ``notes`` are things
    the user should know (an older or foreign schema, a database opened immutable).
    """

    columns: list[str]
    rows: list[tuple]
    truncated: bool = False
    notes: list[str] = field(default_factory=list)


def value_size(value: Any) -> int:
    """Bytes a fetched value takes, roughly (strings and blobs by length, others 8)."""
    if isinstance(value, (str, bytes, bytearray, memoryview)):
        return len(value)
    return 8


def collect_rows(
    batches: Iterable[Sequence[Sequence[Any]]],
    *,
    limit: int | None,
    deadline: float,
    timeout: float,
    max_bytes: int = MAX_RESULT_BYTES,
) -> tuple[list[tuple], bool]:
    """Rows from ``batches`` until ``limit`` (``None``: all), checking the clock and the
    total size after every row. Returns (rows, truncated). Raises :class:`QueryTimeout`
    past ``deadline`` and :class:`ResultTooLarge` past ``max_bytes``."""
    rows: list[tuple] = []
    size = 0
    for batch in batches:
        for row in batch:
            if limit is not None and len(rows) >= limit:
                return rows, True
            size += sum(value_size(v) for v in row)
            if size > max_bytes:
                raise ResultTooLarge(
                    f"the result is larger than {max_bytes // 2**20} MB; "
                    "select fewer rows or columns (--limit)"
                )
            rows.append(tuple(row))
            if time.monotonic() > deadline:
                raise QueryTimeout(f"query stopped after the {timeout:g} s time limit")
    return rows, False
