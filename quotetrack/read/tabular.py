"""Tabular exports (.csv, .tsv) with one article a row: Media Cloud, GDELT-style and
news-please exports, or any table with a text column.

Columns are matched by name, case-insensitively: the text from the first of
:data:`TEXT_COLUMNS`, the other fields as for JSON records (``title``, ``url``/``link``,
``date``/``publish_date``/``date_publish``, ``media_name``/``source_domain``/``outlet``,
``author``/``authors``). :func:`column_names` (``--text-field``, ``--url-field``,
``--date-field``) names the columns instead. The file is read a row at a time, so an export of
any size streams; ``max_bytes`` applies to each row's text. A row without text is one failure
("row 7: ..."), and the following rows are still read.
"""

from __future__ import annotations

import contextlib
import contextvars
import csv
import datetime as dt
import io
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from quotetrack.read.decode import check_not_binary, normalise_newlines
from quotetrack.read.errors import ReadError
from quotetrack.read.meta import FIELD_KEYS, fields_from_record, make_article
from quotetrack.read.sizes import describe_size

TEXT_COLUMNS: tuple[str, ...] = (
    "text",
    "content",
    "body",
    "article",
    "maintext",
    "full_text",
    "story_text",
)
# Export columns that name a field in words other than quotetrack's (FIELD_KEYS).
_ALIASES: dict[str, str] = {
    "media_name": "outlet",
    "source_domain": "outlet",
    "sourcecommonname": "outlet",
    "domain": "outlet",
    "date_publish": "published",
    "publication_date": "published",
    "seendate": "published",
    "dateadded": "published",
    "sqldate": "published",
    "documentidentifier": "url",
    "sourceurl": "url",
}


@dataclass(frozen=True)
class ColumnNames:
    """Columns named by the user; ``None`` means found by name as described above."""

    text: str | None = None
    url: str | None = None
    date: str | None = None


_COLUMNS: contextvars.ContextVar[ColumnNames | None] = contextvars.ContextVar(
    "quotetrack_tabular_columns", default=None
)


@contextlib.contextmanager
def column_names(
    text: str | None = None, url: str | None = None, date: str | None = None
) -> Iterator[None]:
    """Within this block, tables are read with these column names (``--text-field`` …).

    The reader is called by :func:`quotetrack.read.iter_articles` like every other format,
    with only a path; the names reach it through this context instead of a parameter every
    reader would have to take.
    """
    token = _COLUMNS.set(ColumnNames(text, url, date))
    try:
        yield
    finally:
        _COLUMNS.reset(token)


def _compact_date(value: str) -> dt.date | None:
    """ISO 8601 basic dates and timestamps, as GDELT writes them: ``20231207`` or
    ``20231207153000``."""
    digits = value.strip()
    if digits.isdigit() and len(digits) in (8, 12, 14):
        try:
            return dt.datetime.strptime(digits[:8], "%Y%m%d").date()
        except ValueError:
            return None
    return None


def _pick(
    header: list[str], wanted: str | None, defaults: tuple[str, ...], what: str
) -> str | None:
    lower = {name.strip().lower(): name for name in header}
    if wanted is not None:
        found = lower.get(wanted.strip().lower())
        if found is None:
            raise ReadError(f"no column {wanted!r} for the {what} (columns: {', '.join(header)})")
        return found
    return next((lower[name] for name in defaults if name in lower), None)


def _record(row: Mapping[str, Any], header: list[str]) -> dict[str, Any]:
    """The row keyed as :func:`fields_from_record` expects: lower-cased names, aliases
    mapped to quotetrack's field names where the row does not use those already."""
    record: dict[str, Any] = {}
    for name in header:
        value = row.get(name)
        if value is None or not str(value).strip():
            continue
        key = name.strip().lower()
        record.setdefault(key, value)
        alias = _ALIASES.get(key)
        if alias:
            record.setdefault(alias, value)
    return record


def _dialect(sample: str, suffix: str) -> type[csv.Dialect] | csv.Dialect:
    if suffix == ".tsv":
        return csv.excel_tab
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        return csv.excel


def read_table_articles(path: Path, max_bytes: int) -> Iterator:
    """Every article in the .csv/.tsv file at ``path``; see the module docstring. Raises
    :class:`ReadError` for a file with no header, no text column or bytes that are not
    UTF-8 (a failure mid-file comes after the rows read before it)."""
    names = _COLUMNS.get() or ColumnNames()
    name = str(path)
    with path.open("rb") as raw:
        head = raw.read(8192)
        check_not_binary(head)
        raw.seek(0)
        # The largest field the csv module accepts is process-wide; raise it to the
        # article size limit, as exports hold whole articles in one cell.
        csv.field_size_limit(max(csv.field_size_limit(), max_bytes + 1))
        text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
        try:
            sample = text.read(65536)
            text.seek(0)
            reader = csv.DictReader(text, dialect=_dialect(sample, path.suffix.lower()))
            header = [column for column in reader.fieldnames or [] if column is not None]
            if not header:
                raise ReadError("no header row")
            text_column = _pick(header, names.text, TEXT_COLUMNS, "text")
            if text_column is None:
                hint = ""
                if _pick(header, names.url, ("url", "link"), "url"):
                    hint = "; to fetch the pages its url column names, use --urls FILE"
                raise ReadError(
                    f"no text column (expected one of {', '.join(TEXT_COLUMNS)}, or name it "
                    f"with --text-field){hint}"
                )
            url_column = _pick(header, names.url, (), "url")
            date_column = _pick(header, names.date, (), "date")
            yield from _rows(name, reader, header, text_column, url_column, date_column, max_bytes)
        except UnicodeDecodeError as error:
            raise ReadError(f"not valid UTF-8 ({error.reason})") from None
        except csv.Error as error:
            raise ReadError(f"not a readable table: {error}") from None


def _rows(
    name: str,
    reader: csv.DictReader,
    header: list[str],
    text_column: str,
    url_column: str | None,
    date_column: str | None,
    max_bytes: int,
) -> Iterator:
    from quotetrack.types import ReadFailure

    date_keys = {key.lower() for key in FIELD_KEYS["published"]}
    end_of_previous = reader.line_num
    for row in reader:
        # The line the row starts on (a quoted cell may span several lines).
        line, end_of_previous = end_of_previous + 1, reader.line_num
        body = normalise_newlines(row.get(text_column) or "")
        if not body.strip():
            yield ReadFailure(name, f"column {text_column!r} is empty", line)
            continue
        if len(body.encode("utf-8")) > max_bytes:
            yield ReadFailure(name, f"text larger than {describe_size(max_bytes)}", line)
            continue
        record = _record(row, header)
        record.pop(text_column.strip().lower(), None)
        if date_column is not None:
            for key in date_keys:
                record.pop(key, None)
            record["published"] = row.get(date_column)
        for key in date_keys & record.keys():
            compact = _compact_date(str(record[key]))
            if compact is not None:
                record[key] = compact
        if url_column is not None:
            record["url"] = row.get(url_column)
        given = fields_from_record(record, where=f"{name}:{line}")
        yield make_article(body, source_path=name, source_line=line, origin="table", given=given)
