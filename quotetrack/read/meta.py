"""Metadata values as files give them, turned into :class:`~quotetrack.types.Article` fields.

Front matter, HTML metadata and JSON records spell the same facts many ways (a YAML date, an
ISO timestamp, an RFC 2822 date, epoch seconds; one author or a list; an outlet string or
``{"name": ...}``). The functions here accept those shapes and return plain values, or ``None``
for anything unusable, which then lets inference from the text run instead.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import email.utils
import logging
import re
import reprlib
from collections.abc import Mapping
from typing import Any

from quotetrack.read.errors import ReadError
from quotetrack.read.infer import complete
from quotetrack.types import Article

log = logging.getLogger(__name__)

# The article fields a file may give, in the order they are reported.
META_FIELDS: tuple[str, ...] = ("title", "published", "outlet", "url", "author")

# Keys that give each field, most specific first; shared by front matter and JSON records.
FIELD_KEYS: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "published": (
        "published",
        "date",
        "published_at",
        "publish_date",
        "pubdate",
        "pub_date",
        "date_published",
        "datePublished",
        "publishedAt",
    ),
    "outlet": ("outlet", "source", "site_name", "siteName", "publisher"),
    "url": ("url", "link", "canonical_url"),
    "author": ("author", "authors", "byline"),
}
ID_KEYS: tuple[str, ...] = ("id", "_id", "doc_id")

# Publication dates outside these are refused (with a warning; the article is kept): a
# 9999-12-31 or 0001-01-01 is a placeholder, not a date, and the statements' time windows
# around it would leave the calendar.
EARLIEST_DATE = dt.date(1000, 1, 1)
LATEST_DATE = dt.date(8999, 12, 31)

# Log messages show values this short: a front-matter value may be huge (an alias bomb
# expands to gigabytes when printed in full).
_SHORT = reprlib.Repr()
_SHORT.maxstring = 80
_SHORT.maxother = 80
_SHORT.maxlevel = 2
_SHORT.maxlist = _SHORT.maxtuple = _SHORT.maxdict = 4

# A lone surrogate (a JSON "\ud800" escape) is not a character: no UTF-8 encoder, and so no
# database, accepts it.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def short_repr(value: Any) -> str:
    """``repr(value)`` cut short (a few items, at most 200 characters), for logs."""
    text = _SHORT.repr(value)
    return text if len(text) <= 200 else text[:199] + "…"


def plausible_date(value: dt.date | None, *, where: str = "") -> dt.date | None:
    """``value`` if it lies between :data:`EARLIEST_DATE` and :data:`LATEST_DATE`, else
    ``None`` with a warning naming the input."""
    if value is None or EARLIEST_DATE <= value <= LATEST_DATE:
        return value
    log.warning(
        "%s: publication date %s is outside %s to %s; ignoring it",
        where or "input",
        value.isoformat(),
        EARLIEST_DATE.year,
        LATEST_DATE.year,
    )
    return None


def clean_text(text: str, *, where: str) -> str:
    """Article text that every database can store, with the same offsets.

    Lone surrogates become U+FFFD (with a warning). A NUL character raises
    :class:`ReadError`: SQLite would store it and PostgreSQL refuse it, so neither does.
    """
    nul = text.find("\x00")
    if nul != -1:
        line = text.count("\n", 0, nul) + 1
        raise ReadError(f"the text contains a NUL character (offset {nul}): not text", line)
    if _LONE_SURROGATE.search(text):
        log.warning(
            "%s: replaced lone surrogates (invalid \\ud800-style escapes) with U+FFFD", where
        )
        text = _LONE_SURROGATE.sub("\ufffd", text)
    return text


def clean_field(value: Any) -> Any:
    """A metadata string with NULs removed and lone surrogates replaced (others as given)."""
    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\ufffd", value.replace("\x00", ""))
    return value


def clean_str(value: Any) -> str | None:
    """A non-empty, whitespace-collapsed string from a str/int/float value; ``None`` otherwise."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        value = str(value)
    if not isinstance(value, str):
        return None
    collapsed = " ".join(value.split())
    return collapsed or None


def name_value(value: Any) -> str | None:
    """A name given as a string or as an object with a ``name`` key (``{"name": "Reuters"}``)."""
    if isinstance(value, Mapping):
        return clean_str(value.get("name"))
    return clean_str(value)


def author_value(value: Any) -> str | None:
    """One author string from a string, an object with ``name``, or a list of either
    (joined with ``", "``)."""
    if isinstance(value, (list, tuple)):
        names = [name for name in (name_value(item) for item in value) if name]
        return ", ".join(dict.fromkeys(names)) or None
    return name_value(value)


def _from_epoch(value: float) -> dt.date | None:
    # Values past the year 2286 in seconds are taken to be milliseconds (JavaScript timestamps).
    seconds = value / 1000 if abs(value) > 10_000_000_000 else value
    try:
        return dt.datetime.fromtimestamp(seconds, tz=dt.UTC).date()
    except (OverflowError, OSError, ValueError):
        return None


def parse_date_string(text: str) -> dt.date | None:
    """The calendar date in a date string, as written (an ISO timestamp's own local date, not
    converted to UTC). Tries ISO 8601, RFC 2822, then dateparser in strict mode (day, month and
    year all required). Returns ``None`` when no full date can be read."""
    text = text.strip()
    if not text:
        return None
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    import dateparser

    parsed = dateparser.parse(
        text,
        languages=["en", "de"],
        settings={"STRICT_PARSING": True, "RETURN_AS_TIMEZONE_AWARE": False},
    )
    return parsed.date() if parsed else None


def date_value(value: Any, *, where: str = "") -> dt.date | None:
    """A publication date from a YAML/JSON value: a date, a datetime, epoch seconds or
    milliseconds, or a date string (see :func:`parse_date_string`). An unreadable value is
    logged and ``None`` is returned so that the date can still be inferred from the text."""
    result: dt.date | None = None
    if isinstance(value, dt.datetime):
        result = value.date()
    elif isinstance(value, dt.date):
        result = value
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        result = _from_epoch(float(value))
    elif isinstance(value, str):
        result = parse_date_string(value)
    if result is None and value not in (None, ""):
        log.warning(
            "%s: cannot read a date from %s; ignoring it", where or "input", short_repr(value)
        )
    return plausible_date(result, where=where)


def first_present(record: Mapping[str, Any], keys: tuple[str, ...]) -> Any:
    """The value of the first of ``keys`` that ``record`` has with a non-empty value."""
    for key in keys:
        value = record.get(key)
        if value not in (None, "", [], {}):
            return value
    return None


def fields_from_record(record: Mapping[str, Any], *, where: str) -> dict[str, Any]:
    """Article field values from a front-matter mapping or JSON object (see
    :data:`FIELD_KEYS`), coerced with the functions above; unusable values are left out.
    ``where`` names the input in log messages."""
    given: dict[str, Any] = {
        "title": clean_str(first_present(record, FIELD_KEYS["title"])),
        "published": date_value(first_present(record, FIELD_KEYS["published"]), where=where),
        "outlet": name_value(first_present(record, FIELD_KEYS["outlet"])),
        "url": clean_str(first_present(record, FIELD_KEYS["url"])),
        "author": author_value(first_present(record, FIELD_KEYS["author"])),
    }
    return {name: value for name, value in given.items() if value is not None}


def id_from_record(record: Mapping[str, Any]) -> str | None:
    """The record's own identifier (``id``, ``_id`` or ``doc_id``) as a string, if any."""
    return clean_str(first_present(record, ID_KEYS))


def make_article(
    text: str,
    *,
    source_path: str,
    origin: str,
    given: Mapping[str, Any],
    source_line: int | None = None,
    ext_id: str | None = None,
) -> Article:
    """An :class:`Article` for ``text`` with the metadata a file gave (``given``, already
    coerced to field values; ``None`` entries are ignored) recorded with provenance ``origin``,
    and every missing field inferred from the text and url (see :func:`infer.complete`).

    Text and fields are made storable (see :func:`clean_text`; raises :class:`ReadError`
    for a NUL character in the text) and an implausible date is dropped with a warning."""
    where = f"{source_path}:{source_line}" if source_line else source_path
    text = clean_text(text, where=where)
    article = Article(
        text=text, source_path=source_path, source_line=source_line, ext_id=clean_field(ext_id)
    )
    for name in META_FIELDS:
        value = clean_field(given.get(name))
        if name == "published":
            value = plausible_date(value, where=where)
        if value is not None:
            setattr(article, name, value)
            article.provenance[name] = origin
    article = complete(article)
    if article.published is not None and plausible_date(article.published, where=where) is None:
        provenance = {k: v for k, v in article.provenance.items() if k != "published"}
        article = dataclasses.replace(article, published=None, provenance=provenance)
    return article
