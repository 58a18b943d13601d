"""Read queries for browsing a database (``quotetrack serve``): one function per question a
page asks, each counting and ranking in SQL so that its cost grows with what is shown, not
with how much is stored. They return plain dicts (dates as ``datetime.date``);
``quotetrack.api`` turns them into records. Nothing here writes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Date, Engine, Select, case, cast, event, func, select
from sqlalchemy.orm import Session

from quotetrack.store.models import (
    NO_DAY,
    NO_OUTLET,
    Article,
    Outlet,
    Quote,
    Speaker,
    SpeakerAlias,
    SpeakerDay,
    Statement,
)
from quotetrack.store.models import StatementRedirect as Redirect
from quotetrack.store.store import _dicts, quote_select

# Widest reach first: most outlets, then most quotes, then the newest (first published,
# then created). Every key descends, so a speaker's statements are read in this order from
# the index on statements (speaker_id, n_outlets, n_quotes, first_published) (revision
# 0016) and a LIMIT stops the scan.
REACH_ORDER = (
    Statement.n_outlets.desc(),
    Statement.n_quotes.desc(),
    Statement.first_published.desc(),
    Statement.id.desc(),
)


# A reader of a large SQLite file: map it into memory (the OS page cache then serves the
# pages without copying) and keep a bigger page cache per connection than SQLite's 2 MB.
SQLITE_MMAP_BYTES = 1 << 30
SQLITE_CACHE_KIB = 64 * 1024


def tune_for_reading(engine: Engine) -> None:
    """Memory-map a SQLite database for many reads (no effect on other databases)."""
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA mmap_size = {SQLITE_MMAP_BYTES}")
        cur.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
        cur.close()

    # Connections opened before (the schema check) are closed; new ones get the settings.
    engine.dispose()


# --------------------------------------------------------------------------- recent window


def recent_articles(session: Session, n: int) -> Select:
    """The ``n`` newest dated articles (id and date), or the ``n`` last stored when no
    article is dated: the front page's "lately"."""
    dated = session.scalar(select(Article.id).where(Article.published.is_not(None)).limit(1))
    stmt = select(Article.id, Article.published)
    if dated is not None:
        return (
            stmt.where(Article.published.is_not(None))
            .order_by(Article.published.desc(), Article.id.desc())
            .limit(n)
        )
    return stmt.order_by(Article.id.desc()).limit(n)


def overview(session: Session, n_articles: int, n_statements: int, n_speakers: int) -> dict:
    """Over the ``n_articles`` newest articles: their date range, the ids of the statements
    quoted in them with the widest reach, and the speakers quoted most in them."""
    recent = recent_articles(session, n_articles).subquery()
    span = session.execute(
        select(func.count(), func.min(recent.c.published), func.max(recent.c.published))
    ).one()
    in_recent = Quote.article_id.in_(select(recent.c.id))
    statement_ids = list(
        session.scalars(
            select(Statement.id)
            .where(
                Statement.id.in_(
                    select(Quote.statement_id).where(in_recent, Quote.statement_id.is_not(None))
                )
            )
            .order_by(*REACH_ORDER)
            .limit(n_statements)
        )
    )
    n = func.count().label("n")
    counts = (
        select(Quote.speaker_id, n)
        .where(in_recent, Quote.speaker_id.is_not(None))
        .group_by(Quote.speaker_id)
        .order_by(n.desc(), Quote.speaker_id)
        .limit(n_speakers)
        .subquery()
    )
    speakers = _dicts(
        session,
        select(Speaker.id, Speaker.name, Speaker.kind, Speaker.role, counts.c.n.label("n_quotes"))
        .join(counts, counts.c.speaker_id == Speaker.id)
        .order_by(counts.c.n.desc(), Speaker.id),
    )
    return {
        "n_recent_articles": span[0],
        "since": span[1],
        "until": span[2],
        "statement_ids": statement_ids,
        "speakers": speakers,
    }


# --------------------------------------------------------------------------- speakers


def speaker(session: Session, speaker_id: int) -> dict[str, Any] | None:
    """A speaker's stored fields and aliases (in the order they were first seen)."""
    sp = session.get(Speaker, speaker_id)
    if sp is None:
        return None
    aliases = list(
        session.scalars(
            select(SpeakerAlias.alias)
            .where(SpeakerAlias.speaker_id == speaker_id)
            .order_by(SpeakerAlias.id)
        )
    )
    return {"id": sp.id, "name": sp.name, "kind": sp.kind, "role": sp.role, "aliases": aliases}


def speaker_statements(session: Session, speaker_id: int, limit: int) -> tuple[int, list[int]]:
    """(how many statements the speaker has, the ids of the ``limit`` with the widest reach)."""
    n = session.scalar(
        select(func.count()).select_from(Statement).where(Statement.speaker_id == speaker_id)
    )
    top = list(
        session.scalars(
            select(Statement.id)
            .where(Statement.speaker_id == speaker_id)
            .order_by(*REACH_ORDER)
            .limit(limit)
        )
    )
    return int(n or 0), top


def period_unit(first: dt.date, last: dt.date) -> str:
    """Days for up to a month of dates, weeks up to half a year, months beyond."""
    span = (last - first).days
    return "day" if span <= 31 else "week" if span <= 183 else "month"


def period_start(day: dt.date, unit: str) -> dt.date:
    """The first day of the period (day, week from Monday, month) holding ``day``."""
    if unit == "day":
        return day
    if unit == "week":
        return day - dt.timedelta(days=day.weekday())
    return day.replace(day=1)


def next_period(start: dt.date, unit: str) -> dt.date:
    """The first day of the period after the one starting on ``start``."""
    if unit == "day":
        return start + dt.timedelta(days=1)
    if unit == "week":
        return start + dt.timedelta(days=7)
    return (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def _period_expr(session: Session, unit: str) -> Any:
    """SQL for the first day of the ``unit`` holding ``speaker_days.day`` (as
    :func:`period_start` computes it)."""
    day = SpeakerDay.day
    if session.get_bind().dialect.name == "postgresql":
        return day if unit == "day" else cast(func.date_trunc(unit, day), Date)
    if unit == "week":  # back six days, then on to the next Monday: this week's Monday
        return func.date(day, "-6 days", "weekday 1")
    return day if unit == "day" else func.strftime("%Y-%m-01", day)


def _as_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def speaker_timeline(session: Session, speaker_id: int) -> dict[str, Any]:
    """A speaker's quotes over time, read from ``speaker_days`` and bucketed by the
    database: ``n_quotes``, ``n_undated``, ``n_outlets`` (distinct, articles without an
    outlet not counted), ``unit`` (see :func:`period_unit`) and ``periods``: (first day,
    quotes, distinct outlets, an article without outlet counting as one) for every period
    from the first to the last, empty ones included so that gaps show as gaps."""
    dated = SpeakerDay.day != NO_DAY
    mine = SpeakerDay.speaker_id == speaker_id
    total, undated, first, last, outlets = session.execute(
        select(
            func.coalesce(func.sum(SpeakerDay.n_quotes), 0),
            func.coalesce(func.sum(case((dated, 0), else_=SpeakerDay.n_quotes)), 0),
            func.min(case((dated, SpeakerDay.day))),
            func.max(case((dated, SpeakerDay.day))),
            func.count(
                func.distinct(case((SpeakerDay.outlet_id != NO_OUTLET, SpeakerDay.outlet_id)))
            ),
        ).where(mine)
    ).one()
    out: dict[str, Any] = {
        "n_quotes": int(total),
        "n_undated": int(undated),
        "n_outlets": int(outlets),
        "unit": "month",
        "periods": [],
    }
    if first is None:
        return out
    unit = out["unit"] = period_unit(_as_date(first), _as_date(last))
    period = _period_expr(session, unit).label("period")
    counts = {
        _as_date(p): (int(n), int(o))
        for p, n, o in session.execute(
            select(
                period,
                func.sum(SpeakerDay.n_quotes),
                func.count(func.distinct(SpeakerDay.outlet_id)),
            )
            .where(mine, dated)
            .group_by(period)
        )
    }
    p, end = min(counts), max(counts)
    while p <= end:
        n, o = counts.get(p, (0, 0))
        out["periods"].append((p, n, o))
        p = next_period(p, unit)
    return out


# --------------------------------------------------------------------------- statements


def live_statement_id(session: Session, statement_id: int) -> int | None:
    """The statement an id names now: itself, or (following merges to their end) the one
    its quotes went to; ``None`` when it names nothing."""
    seen: set[int] = set()
    current = statement_id
    while current not in seen:
        if session.get(Statement, current) is not None:
            return current
        seen.add(current)
        nxt = session.scalar(select(Redirect.statement_id).where(Redirect.old_id == current))
        if nxt is None:
            return None
        current = int(nxt)
    return None


# --------------------------------------------------------------------------- quotes, articles


def placed_quotes(session: Session, where, limit: int | None) -> list[dict[str, Any]]:
    """Quotes (QUOTE_COLUMNS plus their offsets and speaker description) matching
    ``where``, in reading order."""
    stmt = (
        quote_select()
        .add_columns(
            Quote.start,
            Quote.end,
            Quote.mention_start,
            Quote.mention_end,
            Quote.cue_start,
            Quote.cue_end,
            Quote.speaker_description,
        )
        .where(where)
        .order_by(Quote.start, Quote.id)
        .limit(limit)
    )
    return _dicts(session, stmt)


def article(session: Session, article_id: int) -> dict[str, Any] | None:
    """One article's fields, text and outlet, with the number of its quotes."""
    row = session.execute(
        select(
            Article.id,
            Article.title,
            Article.published,
            Article.url,
            Article.author,
            Article.text,
            Article.outlet_id,
            Outlet.name.label("outlet"),
        )
        .outerjoin(Outlet, Outlet.id == Article.outlet_id)
        .where(Article.id == article_id)
    ).first()
    if row is None:
        return None
    out = dict(row._mapping)
    out["n_quotes"] = session.scalar(
        select(func.count()).select_from(Quote).where(Quote.article_id == article_id)
    )
    return out


# --------------------------------------------------------------------------- outlets


def outlets(session: Session) -> list[dict[str, Any]]:
    """Every outlet by name (id, name, domain)."""
    return _dicts(session, select(Outlet.id, Outlet.name, Outlet.domain).order_by(Outlet.name))


def outlet(
    session: Session, outlet_id: int, n_speakers: int, n_altered: int
) -> dict[str, Any] | None:
    """One outlet: its articles, its quotes by variant kind (all, and in statements other
    outlets carried too), the speakers it quotes most and its latest altered quotes."""
    o = session.get(Outlet, outlet_id)
    if o is None:
        return None
    n_articles = session.scalar(
        select(func.count()).select_from(Article).where(Article.outlet_id == outlet_id)
    )
    own = (
        select(Quote.id, Quote.speaker_id, Quote.variant_kind, Quote.statement_id)
        .join(Article, Article.id == Quote.article_id)
        .where(Article.outlet_id == outlet_id)
        .subquery()
    )
    n = func.count(own.c.id)
    speakers = _dicts(
        session,
        select(Speaker.id, Speaker.name, Speaker.kind, Speaker.role, n.label("n_quotes"))
        .join(own, own.c.speaker_id == Speaker.id)
        .group_by(Speaker.id, Speaker.name, Speaker.kind, Speaker.role)
        .order_by(n.desc(), Speaker.id)
        .limit(n_speakers),
    )
    # One pass over the outlet's quotes: by variant kind, and whether another outlet carried
    # the statement too.
    shared_by = (Statement.n_outlets > 1).label("shared")
    kinds: dict[str | None, int] = {}
    shared: dict[str | None, int] = {}
    for kind, is_shared, c in session.execute(
        select(own.c.variant_kind, shared_by, func.count())
        .select_from(own)
        .outerjoin(Statement, Statement.id == own.c.statement_id)
        .group_by(own.c.variant_kind, shared_by)
    ):
        kinds[kind] = kinds.get(kind, 0) + int(c)
        if is_shared:
            shared[kind] = shared.get(kind, 0) + int(c)
    altered = _dicts(
        session,
        quote_select()
        .where(Article.outlet_id == outlet_id, Quote.variant_kind == "altered")
        .order_by(Article.published.desc(), Quote.id.desc())
        .limit(n_altered),
    )
    return {
        "id": o.id,
        "name": o.name,
        "domain": o.domain,
        "n_articles": int(n_articles or 0),
        "kinds": kinds,
        "shared": shared,
        "speakers": speakers,
        "altered": altered,
    }
