"""Web archives (.warc, .warc.gz), read record by record with warcio.

Every ``response`` record with a successful HTTP status and an HTML payload is one article:
its url is the record's ``WARC-Target-URI`` and its ``fetched_at`` the record's
``WARC-Date`` (when the page was captured, which is not its publication date: an archive may
capture a page years after it appeared, so the date is not used as ``published``). All other
records (requests, metadata, redirects, images, scripts) are counted by kind and reported as
one :class:`~quotetrack.types.SkippedRecords` at the end of the file. The archive is
streamed: a file of any size is read one record at a time, and ``max_bytes`` applies to each
record's payload.
"""

from __future__ import annotations

import collections
import datetime as dt
import zlib
from collections.abc import Iterator
from pathlib import Path

from quotetrack.read.errors import ReadError
from quotetrack.read.fetch import HTML_TYPES, decode_with_charset
from quotetrack.read.meta import clean_str
from quotetrack.read.sizes import describe_size
from quotetrack.types import Article, ReadFailure, SkippedRecords


def _record_date(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        when = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if when.tzinfo is not None:
        when = when.astimezone(dt.UTC).replace(tzinfo=None)
    return when


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        name, _, value = part.partition("=")
        if name.strip().lower() == "charset":
            return value.strip().strip("\"'") or None
    return None


def _article(path: str, number: int, record, max_bytes: int) -> Article:
    """The article in one HTML response record. Raises :class:`ReadError`."""
    from quotetrack.read.htmlfile import read_html_article

    uri = clean_str(record.rec_headers.get_header("WARC-Target-URI"))
    content_type = record.http_headers.get_header("Content-Type") or ""
    data = record.content_stream().read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ReadError(f"larger than {describe_size(max_bytes)}")
    if not data:
        raise ReadError("empty response")
    article = read_html_article(path, decode_with_charset(data, _charset(content_type)))
    article.source_line = number
    if uri:
        article.url = uri
        article.provenance["url"] = "warc"
        if article.outlet is None:
            from quotetrack.read.outlets import outlet_from_url

            article.outlet = outlet_from_url(uri)
            if article.outlet:
                article.provenance["outlet"] = "url"
    article.fetched_at = _record_date(record.rec_headers.get_header("WARC-Date"))
    return article


def _skip_kind(record) -> str | None:
    """Why a record holds no article (``None`` when it is an HTML page)."""
    if record.rec_type != "response":
        return f"{record.rec_type} record"
    if record.http_headers is None:
        return "response without HTTP headers"
    status = record.http_headers.get_statuscode() or ""
    if not status.startswith("2"):
        return f"HTTP {status} response"
    media = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if media not in HTML_TYPES:
        return f"{media or 'untyped'} response"
    return None


def read_warc_articles(
    path: Path, max_bytes: int
) -> Iterator[Article | ReadFailure | SkippedRecords]:
    """Every article in the web archive at ``path`` (see the module docstring). A record
    that fails yields a :class:`ReadFailure` naming its url; a damaged archive yields one for
    the rest of the file, after the articles read before the damage."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    name = str(path)
    skipped: collections.Counter[str] = collections.Counter()
    number = 0
    try:
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                number += 1
                if record.format != "warc":
                    # warcio also reads old ARC files, and makes an ARC record of what a
                    # damaged gzip member leaves; neither is what a .warc file should hold.
                    yield ReadFailure(
                        name, f"not a readable web archive: record {number} is not a WARC record"
                    )
                    break
                kind = _skip_kind(record)
                if kind is not None:
                    skipped[kind] += 1
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI") or f"record {number}"
                try:
                    yield _article(name, number, record, max_bytes)
                except ReadError as error:
                    yield ReadFailure(name, f"{uri}: {error.reason}", number)
    except (ArchiveLoadFailed, OSError, EOFError, ValueError, zlib.error) as error:
        where = f"after record {number}" if number else "at the start"
        yield ReadFailure(name, f"not a readable web archive {where}: {error}")
    if skipped:
        yield SkippedRecords(name, dict(skipped))
