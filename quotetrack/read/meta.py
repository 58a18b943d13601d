"""Metadata values as files give them, turned into :class:`~quotetrack.types.Article` fields.

Front matter, HTML metadata and JSON records spell the same facts many ways (a YAML date, an
ISO timestamp, an RFC 2822 date, epoch seconds; one author or a list; an outlet string or
``{"name": ...}``). The functions here accept those shapes and return plain values, or ``None``
for anything unusable, which then lets inference from the text run instead.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import logging
from collections.abc import Mapping
from typing import Any

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
        log.warning("%s: cannot read a date from %r; ignoring it", where or "input", value)
    return result


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
    and every missing field inferred from the text and url (see :func:`infer.complete`)."""
    article = Article(text=text, source_path=source_path, source_line=source_line, ext_id=ext_id)
    for name in META_FIELDS:
        value = given.get(name)
        if value is not None:
            setattr(article, name, value)
            article.provenance[name] = origin
    return complete(article)
