"""RSS and Atom feeds (parsed with feedparser): the entries whose pages are the articles.

:func:`poll_feed` fetches a feed with the validators of the previous poll (``ETag``,
``Last-Modified``), so an unchanged feed costs the server a 304 and nothing is parsed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from urllib.parse import urljoin

from quotetrack.read.fetch import Fetcher, FetchError, is_web_url
from quotetrack.read.meta import clean_str

# Feeds are served under many media types (and often as text/html by mistake): feedparser
# decides what the bytes are.
_ANY_TYPE = None


@dataclass
class FeedEntry:
    """One entry: ``key`` identifies it across polls (its id/guid, else its link)."""

    key: str
    url: str
    title: str | None = None
    published: dt.date | None = None


@dataclass
class FeedPoll:
    """What one poll of a feed found; ``entries`` is empty when ``not_modified``."""

    url: str
    entries: list[FeedEntry] = field(default_factory=list)
    not_modified: bool = False
    etag: str | None = None
    last_modified: str | None = None
    title: str | None = None


def _entry_date(entry: dict) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
            except (ValueError, AttributeError):
                continue
    return None


def parse_feed(content: bytes, url: str) -> tuple[str | None, list[FeedEntry]]:
    """The feed's title and its entries with a web link, in the feed's order.

    Raises :class:`FetchError` when the bytes are not a feed feedparser can read (an HTML
    page, a broken document with no entries).
    """
    import feedparser

    parsed = feedparser.parse(content, response_headers={"content-location": url})
    if not parsed.get("version") and not parsed.entries:
        problem = parsed.get("bozo_exception")
        detail = f": {problem}" if problem else ""
        raise FetchError(f"not an RSS or Atom feed{detail}")
    entries: list[FeedEntry] = []
    seen: set[str] = set()
    for entry in parsed.entries:
        link = clean_str(entry.get("link"))
        if not link:
            # Atom may give only <link rel="alternate">; feedparser lists it in links.
            link = next(
                (
                    clean_str(item.get("href"))
                    for item in entry.get("links", [])
                    if item.get("rel", "alternate") == "alternate" and item.get("href")
                ),
                None,
            )
        if not link:
            continue
        link = urljoin(url, link)
        if not is_web_url(link):
            continue
        key = clean_str(entry.get("id")) or link
        if key in seen:
            continue
        seen.add(key)
        entries.append(
            FeedEntry(
                key=key,
                url=link,
                title=clean_str(entry.get("title")),
                published=_entry_date(entry),
            )
        )
    return clean_str(parsed.feed.get("title")), entries


def poll_feed(
    fetcher: Fetcher, url: str, *, etag: str | None = None, last_modified: str | None = None
) -> FeedPoll:
    """Fetch and parse the feed at ``url``, conditionally on the previous poll's
    validators. Raises :class:`FetchError` (the feed is down, or not a feed)."""
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    page = fetcher.get(url, headers=headers, accept=_ANY_TYPE)
    etag = page.headers.get("etag") or etag
    last_modified = page.headers.get("last-modified") or last_modified
    if page.status == 304:
        return FeedPoll(url, not_modified=True, etag=etag, last_modified=last_modified)
    title, entries = parse_feed(page.content, page.final_url)
    return FeedPoll(url, entries=entries, title=title, etag=etag, last_modified=last_modified)
