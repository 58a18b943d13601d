"""The speakers listing (``quotetrack speakers``): who is in the database, with counts, so
that a researcher can find the ids to fix."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from quotetrack.store.models import Article, MachineValue, Outlet, Quote, Speaker, Statement

from . import engine
from .model import SpeakerSummary
from .refs import resolve_speaker


def _merged_into(session: Session) -> dict[int, int]:
    """Speaker id -> the speaker a fix that holds merged it into."""
    out: dict[int, int] = {}
    for c in engine.active_corrections(session):
        if c.action != "speaker.merge":
            continue
        keep = resolve_speaker(session, c.args["keep"])
        if keep is None:
            continue
        for ref in c.args["others"]:
            sid = resolve_speaker(session, ref)
            if sid is not None and sid != keep:
                out[sid] = keep
    return out


def list_speakers(
    session: Session,
    *,
    kind: str | None = None,
    outlet: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    min_quotes: int | None = None,
    limit: int | None = None,
) -> list[SpeakerSummary]:
    """Speakers with their quote, article, outlet and statement counts, most quoted first.

    ``outlet`` (case-insensitive name) and ``since``/``until`` (inclusive) count only the
    quotes in those articles, and leave out speakers with none there; ``kind`` is
    person/organisation/anonymous; ``min_quotes`` drops speakers quoted fewer times.
    Speakers merged into another by a fix are listed with ``merged_into`` (they keep no
    quotes).
    """
    counted = (
        select(
            Quote.speaker_id.label("sid"),
            func.count(Quote.id).label("quotes"),
            func.count(func.distinct(Quote.article_id)).label("articles"),
            func.count(func.distinct(Article.outlet_id)).label("outlets"),
            func.min(Article.published).label("first"),
            func.max(Article.published).label("last"),
        )
        .join(Article, Article.id == Quote.article_id)
        .where(Quote.speaker_id.is_not(None))
        .group_by(Quote.speaker_id)
    )
    filtered = outlet is not None or since is not None or until is not None
    if outlet is not None:
        counted = counted.where(
            Article.outlet_id.in_(
                select(Outlet.id).where(func.lower(Outlet.name) == outlet.strip().lower())
            )
        )
    if since is not None:
        counted = counted.where(Article.published >= since)
    if until is not None:
        counted = counted.where(Article.published <= until)
    c = counted.subquery()
    n_statements = (
        select(func.count(Statement.id))
        .where(Statement.speaker_id == Speaker.id)
        .correlate(Speaker)
        .scalar_subquery()
    )
    stmt = select(
        Speaker.id,
        Speaker.name,
        Speaker.kind,
        Speaker.role,
        func.coalesce(c.c.quotes, 0),
        func.coalesce(c.c.articles, 0),
        func.coalesce(c.c.outlets, 0),
        n_statements,
        c.c.first,
        c.c.last,
    )
    stmt = (
        stmt.join(c, c.c.sid == Speaker.id)
        if filtered
        else stmt.outerjoin(c, c.c.sid == Speaker.id)
    )
    if kind is not None:
        stmt = stmt.where(Speaker.kind == kind)
    if min_quotes is not None:
        stmt = stmt.where(func.coalesce(c.c.quotes, 0) >= min_quotes)
    stmt = stmt.order_by(func.coalesce(c.c.quotes, 0).desc(), Speaker.name, Speaker.id)
    if limit:
        stmt = stmt.limit(limit)
    rows = session.execute(stmt).all()
    corrected_speakers = set(
        session.scalars(select(MachineValue.entity_id).where(MachineValue.entity == "speaker"))
    ) | set(
        session.scalars(
            select(Quote.speaker_id)
            .join(
                MachineValue,
                (MachineValue.entity == "quote") & (MachineValue.entity_id == Quote.id),
            )
            .where(MachineValue.field == "speaker_id")
        )
    )
    merged = _merged_into(session) if engine.has_corrections(session) else {}
    return [
        SpeakerSummary(
            id=r[0],
            name=r[1],
            kind=r[2],
            role=r[3],
            n_quotes=r[4],
            n_articles=r[5],
            n_outlets=r[6],
            n_statements=r[7],
            first_quoted=r[8],
            last_quoted=r[9],
            corrected=r[0] in corrected_speakers,
            merged_into=merged.get(r[0]),
        )
        for r in rows
    ]
