"""Report queries over statements, returning plain dicts for the CLI and for users' code."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session, aliased

from quotetrack.filters import coerce_date as _date
from quotetrack.store.lookup import speaker_ids
from quotetrack.store.models import Article, Outlet, Quote, Speaker, Statement

from .text import diff_words

DateLike = dt.date | str | None
SORTS = ("reach", "date")


def _speaker_filter(session: Session, speaker: int | str, anonymous: bool = False):
    """Condition on ``Statement.speaker_id`` for a speaker id or a name: the one speaker
    filter of :func:`quotetrack.store.lookup.speaker_ids`."""
    return Statement.speaker_id.in_(speaker_ids(session, speaker, anonymous=anonymous))


def _summary_select():
    root = aliased(Quote)
    first_outlet = aliased(Outlet)
    return (
        select(
            Statement.id,
            Statement.speaker_id,
            Speaker.name,
            Speaker.kind,
            Statement.first_published,
            first_outlet.name,
            Statement.n_quotes,
            Statement.n_outlets,
            root.id,
            root.type,
            root.text,
            select(func.count())
            .where(Quote.statement_id == Statement.id, Quote.variant_kind == "altered")
            .correlate(Statement)
            .scalar_subquery(),
            Statement.said_on,
            Statement.occasion,
        )
        .outerjoin(Speaker, Speaker.id == Statement.speaker_id)
        .outerjoin(first_outlet, first_outlet.id == Statement.first_outlet_id)
        .outerjoin(root, root.id == Statement.root_quote_id)
    )


def _summary(row) -> dict[str, Any]:
    return {
        "statement_id": row[0],
        "speaker_id": row[1],
        "speaker": row[2],
        "speaker_kind": row[3],
        "first_published": row[4],
        "first_outlet": row[5],
        "n_quotes": row[6],
        "n_outlets": row[7],
        "root_quote_id": row[8],
        "root_type": row[9],
        "text": row[10],
        "n_altered": row[11],
        "said_on": row[12],
        "occasion": row[13],
    }


def list_statements(
    session: Session,
    speaker: int | str | None = None,
    outlet: str | None = None,
    since: DateLike = None,
    until: DateLike = None,
    min_outlets: int | None = None,
    kind: str | None = None,
    sort: str = "reach",
    limit: int | None = None,
    anonymous: bool = False,
) -> list[dict[str, Any]]:
    """Statements as summary rows.

    Filters: ``speaker`` (id or name; ``anonymous`` lets a name match unnamed sources), ``outlet`` (name; statements quoted by that outlet),
    ``since``/``until`` (first publication date, inclusive), ``min_outlets``, ``kind`` (a
    variant kind at least one quote has, e.g. ``altered``). ``sort``: ``reach`` (most outlets,
    then most quotes, then oldest) or ``date`` (newest first). Out: dicts with
    ``statement_id, speaker, first_published, first_outlet, n_quotes, n_outlets, text`` ….
    """
    if sort not in SORTS:
        raise ValueError(f"sort must be one of {', '.join(SORTS)}, not {sort!r}")
    stmt = _summary_select()
    if speaker is not None:
        stmt = stmt.where(_speaker_filter(session, speaker, anonymous))
    if outlet is not None:
        stmt = stmt.where(
            exists(
                select(Quote.id)
                .join(Article, Article.id == Quote.article_id)
                .join(Outlet, Outlet.id == Article.outlet_id)
                .where(
                    Quote.statement_id == Statement.id, func.lower(Outlet.name) == outlet.lower()
                )
            )
        )
    if since is not None:
        stmt = stmt.where(Statement.first_published >= _date(since))
    if until is not None:
        stmt = stmt.where(Statement.first_published <= _date(until))
    if min_outlets is not None:
        stmt = stmt.where(Statement.n_outlets >= min_outlets)
    if kind is not None:
        stmt = stmt.where(
            exists(
                select(Quote.id).where(
                    Quote.statement_id == Statement.id, Quote.variant_kind == kind
                )
            )
        )
    if sort == "reach":
        stmt = stmt.order_by(
            Statement.n_outlets.desc(),
            Statement.n_quotes.desc(),
            Statement.first_published.is_(None),
            Statement.first_published,
            Statement.id,
        )
    else:
        stmt = stmt.order_by(
            Statement.first_published.is_(None),
            Statement.first_published.desc(),
            Statement.id.desc(),
        )
    if limit is not None:
        stmt = stmt.limit(limit)
    return [_summary(r) for r in session.execute(stmt)]


def statements_for_speaker(session: Session, speaker_id: int) -> list[dict[str, Any]]:
    """A speaker's statements in date order (undated last), as summary rows."""
    stmt = (
        _summary_select()
        .where(Statement.speaker_id == speaker_id)
        .order_by(Statement.first_published.is_(None), Statement.first_published, Statement.id)
    )
    return [_summary(r) for r in session.execute(stmt)]


def statement_detail(session: Session, statement_id: int) -> dict[str, Any] | None:
    """One statement with all its variants.

    Out: the summary row plus ``root`` (the fullest wording) and ``variants``: every quote in
    date order (undated last) with outlet, article title/url, type, variant kind, similarity,
    ``altered`` flag, ``changes`` (for altered quotes) and ``diff`` (word-level ops against the
    root, see :func:`~quotetrack.statements.text.diff_words`). An id absorbed by a merge
    gives the statement that took its quotes, with ``merged_from`` set to the id asked for
    (else ``None``). ``None`` if no such statement.
    """
    from .db import resolve_statement_id

    live, merged = resolve_statement_id(session, statement_id)
    if live is None:
        return None
    row = session.execute(_summary_select().where(Statement.id == live)).first()
    if row is None:
        return None
    out = _summary(row)
    # An id merged into another statement shows that statement, and says so.
    out["merged_from"] = statement_id if merged else None
    statement_id = live
    root_text = out["text"] or ""
    rows = session.execute(
        select(
            Quote.id,
            Quote.type,
            Quote.text,
            Quote.variant_kind,
            Quote.variant_detail,
            Quote.similarity,
            Quote.cue,
            Quote.mention,
            Article.id,
            Article.published,
            Outlet.name,
            Article.title,
            Article.url,
        )
        .join(Article, Article.id == Quote.article_id)
        .outerjoin(Outlet, Outlet.id == Article.outlet_id)
        .where(Quote.statement_id == statement_id)
        .order_by(Article.published.is_(None), Article.published, Quote.id)
    ).all()
    variants = []
    for (
        qid,
        qtype,
        qtext,
        kind,
        detail,
        sim,
        cue,
        mention,
        aid,
        published,
        outlet,
        title,
        url,
    ) in rows:
        detail_d = json.loads(detail) if detail else None
        variants.append(
            {
                "quote_id": qid,
                "published": published,
                "outlet": outlet,
                "type": qtype,
                "variant_kind": kind,
                "similarity": sim,
                "altered": kind == "altered",
                "text": qtext,
                "cue": cue,
                "mention": mention,
                "article_id": aid,
                "title": title,
                "url": url,
                "changes": (detail_d or {}).get("changes", []),
                "detail": detail_d,
                "diff": diff_words(root_text, qtext or "") if qid != out["root_quote_id"] else [],
            }
        )
    out["root"] = next((v for v in variants if v["quote_id"] == out["root_quote_id"]), None)
    out["variants"] = variants
    return out


def statement_summaries(session: Session, ids: list[int]) -> list[dict[str, Any]]:
    """Summary rows (as :func:`list_statements` gives them) of the statements ``ids``, in no
    particular order; ids that do not exist are left out."""
    if not ids:
        return []
    return [_summary(r) for r in session.execute(_summary_select().where(Statement.id.in_(ids)))]
