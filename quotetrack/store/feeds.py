"""What quotetrack remembers about web sources between runs: which URLs are stored, and for
each watched feed its validators and the entries already handled (tables ``feeds`` and
``feed_entries``, revision 0011). Every function works in the caller's session, so the
caller decides what one transaction holds.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from quotetrack.store.models import Article, Feed, FeedEntry, utcnow

_CHUNK = 500  # bound parameters per IN (...) query


@dataclass
class FeedState:
    """A watched feed's row: its id and the validators of its last complete poll."""

    id: int
    url: str
    etag: str | None
    last_modified: str | None


def stored_urls(session: Session, urls: Iterable[str]) -> set[str]:
    """Those of ``urls`` that an article is already stored under."""
    wanted = list(dict.fromkeys(urls))
    found: set[str] = set()
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        found.update(session.scalars(select(Article.url).where(Article.url.in_(chunk))))
    return found


def feed_state(session: Session, url: str) -> FeedState:
    """The feed's row, created on first use."""
    row = session.execute(select(Feed).where(Feed.url == url)).scalar_one_or_none()
    if row is None:
        feed_id = session.execute(
            insert(Feed).values(url=url, created_at=utcnow()).returning(Feed.id)
        ).scalar_one()
        return FeedState(feed_id, url, None, None)
    return FeedState(row.id, row.url, row.etag, row.last_modified)


def seen_entries(session: Session, feed_id: int, keys: Iterable[str]) -> set[str]:
    """Those of ``keys`` already handled for this feed."""
    wanted = list(dict.fromkeys(keys))
    found: set[str] = set()
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        found.update(
            session.scalars(
                select(FeedEntry.entry_key).where(
                    FeedEntry.feed_id == feed_id, FeedEntry.entry_key.in_(chunk)
                )
            )
        )
    return found


def mark_entries(
    session: Session, feed_id: int, entries: Iterable[tuple[str, str | None, str]]
) -> None:
    """Record ``(key, url, outcome)`` entries as handled (outcome ``stored``, ``known`` or
    ``failed``); an entry recorded before keeps its first record."""
    entries = list(entries)
    already = seen_entries(session, feed_id, [key for key, _, _ in entries])
    rows = [
        {"feed_id": feed_id, "entry_key": key, "url": url, "outcome": outcome, "seen_at": utcnow()}
        for key, url, outcome in dict.fromkeys(entries)
        if key not in already
    ]
    if rows:
        session.execute(insert(FeedEntry), rows)


def record_poll(
    session: Session,
    feed_id: int,
    *,
    error: str | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
    save_validators: bool = False,
) -> None:
    """Note a poll: when, and its error (``None`` when it worked). The validators are saved
    only when ``save_validators``: after every entry of the poll was handled, so that a poll
    cut short lists its entries again next time instead of answering 304."""
    now = utcnow()
    values: dict = {"last_polled_at": now, "last_error": error}
    if error is None:
        values["last_ok_at"] = now
    if save_validators:
        values.update(etag=etag, last_modified=last_modified)
    session.execute(update(Feed).where(Feed.id == feed_id).values(**values))
