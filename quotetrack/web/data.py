"""What each page of the web view shows, as plain dicts: the one place the web app reads data.

Every function takes an open :class:`~quotetrack.store.Store` (opened read-only by ``serve``)
and returns a dict of plain values (dates as ``datetime.date``), or ``None`` when the thing
asked for does not exist. The templates render these dicts and ``?format=json`` returns them
as they are, so the page and its JSON always show the same data. The functions only read:
they go through the store's and the statements package's queries where those exist, and
through small selects over ``quotetrack.store.models`` where they do not.
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections import Counter
from typing import Any

from sqlalchemy import func, inspect, select

from quotetrack.statements.queries import (
    statement_detail,
    statement_summaries,
)
from quotetrack.store import SNIPPET_CLOSE, SNIPPET_OPEN, Store
from quotetrack.store.models import Article, Outlet, Quote, Speaker, SpeakerAlias, Statement

# "Lately" on the front page: the newest this-many articles (by publication date).
RECENT_ARTICLES = 2000
HOME_STATEMENTS = 15
HOME_SPEAKERS = 12
SPEAKER_STATEMENTS = 40
OUTLET_SPEAKERS = 15
OUTLET_ALTERED = 20
ARTICLE_QUOTES = 200
SEARCH_LIMIT = 50

# Widest reach first: most outlets, then most quotes, then the newest.
REACH_ORDER = (
    Statement.n_outlets.desc(),
    Statement.n_quotes.desc(),
    Statement.first_published.desc(),
    Statement.id,
)

# Variant kinds that keep the root's words (an outlet quoting them has not changed anything).
FAITHFUL_KINDS = ("root", "verbatim", "trimmed")


# --------------------------------------------------------------------------- front page


def home(store: Store) -> dict[str, Any]:
    """The front page: database counts, the statements with the widest reach among those
    quoted in the latest articles, and the speakers quoted most in them.

    "Latest" is the :data:`RECENT_ARTICLES` newest dated articles (all articles by id when
    none is dated): a window that costs the same on any size of database and still shows
    something on an archive of last year's news. ``since``/``until`` give its dates.
    """
    with store.session() as s:
        recent_q = (
            select(Article.id, Article.published)
            .where(Article.published.is_not(None))
            .order_by(Article.published.desc(), Article.id.desc())
            .limit(RECENT_ARTICLES)
        )
        recent = s.execute(recent_q).all()
        if not recent:
            recent = s.execute(
                select(Article.id, Article.published)
                .order_by(Article.id.desc())
                .limit(RECENT_ARTICLES)
            ).all()
        article_ids = [r.id for r in recent]
        dates = [r.published for r in recent if r.published is not None]
        in_recent = Quote.article_id.in_(article_ids)
        ids = list(
            s.scalars(
                select(Statement.id)
                .where(
                    Statement.id.in_(
                        select(Quote.statement_id)
                        .where(in_recent, Quote.statement_id.is_not(None))
                        .scalar_subquery()
                    )
                )
                .order_by(*REACH_ORDER)
                .limit(HOME_STATEMENTS)
            )
        )
        rows = {r["statement_id"]: r for r in statement_summaries(s, ids)}
        counts = s.execute(
            select(Quote.speaker_id, func.count().label("n"))
            .where(in_recent, Quote.speaker_id.is_not(None))
            .group_by(Quote.speaker_id)
            .order_by(func.count().desc(), Quote.speaker_id)
            .limit(HOME_SPEAKERS)
        ).all()
        names = {
            r.id: r
            for r in s.execute(
                select(Speaker.id, Speaker.name, Speaker.kind).where(
                    Speaker.id.in_([c.speaker_id for c in counts])
                )
            )
        }
    return {
        "stats": store.stats(),
        "n_recent_articles": len(article_ids),
        "since": min(dates) if dates else None,
        "until": max(dates) if dates else None,
        "statements": [rows[i] for i in ids if i in rows],
        "speakers": [
            {
                "speaker_id": c.speaker_id,
                "name": names[c.speaker_id].name,
                "kind": names[c.speaker_id].kind,
                "n_quotes": c.n,
            }
            for c in counts
            if c.speaker_id in names
        ],
    }


# --------------------------------------------------------------------------- speakers


def speaker(store: Store, speaker_id: int) -> dict[str, Any] | None:
    """One speaker: names, role, statements by reach and quotes over time.

    ``timeline`` holds one row per period (``period_unit``: day, week or month, whichever
    gives a readable number of points over the speaker's dates): the quotes published in it
    and the distinct outlets that published them.
    """
    with store.session() as s:
        sp = s.get(Speaker, speaker_id)
        if sp is None:
            return None
        aliases = list(
            s.scalars(
                select(SpeakerAlias.alias)
                .where(SpeakerAlias.speaker_id == speaker_id)
                .order_by(SpeakerAlias.id)
            )
        )
        n_statements = s.scalar(
            select(func.count()).select_from(Statement).where(Statement.speaker_id == speaker_id)
        )
        # Ranked on the statements table alone, then summarised for the few shown: a busy
        # speaker has tens of thousands of statements (list_statements would count the
        # altered quotes of every one of them before sorting).
        top = list(
            s.scalars(
                select(Statement.id)
                .where(Statement.speaker_id == speaker_id)
                .order_by(*REACH_ORDER)
                .limit(SPEAKER_STATEMENTS)
            )
        )
        summaries = {r["statement_id"]: r for r in statement_summaries(s, top)}
        statements = [summaries[i] for i in top if i in summaries]
        per_day = s.execute(
            select(Article.published, Article.outlet_id, func.count(Quote.id))
            .join(Article, Article.id == Quote.article_id)
            .where(Quote.speaker_id == speaker_id)
            .group_by(Article.published, Article.outlet_id)
        ).all()
    dated = [d for d, _, _ in per_day if d is not None]
    unit = period_unit(min(dated), max(dated)) if dated else "month"
    buckets: dict[dt.date, tuple[list[int], set[int | None]]] = {}
    for published, outlet_id, n in per_day:
        if published is None:
            continue
        count, seen = buckets.setdefault(period_start(published, unit), ([0], set()))
        count[0] += n
        seen.add(outlet_id)
    timeline = []
    if buckets:
        # Every period from the first to the last, empty ones too, so gaps show as gaps.
        p, last = min(buckets), max(buckets)
        while p <= last:
            count, seen = buckets.get(p, ([0], set()))
            timeline.append({"period": p, "n_quotes": count[0], "n_outlets": len(seen)})
            p = next_period(p, unit)
    outlets = {o for _, o, _ in per_day if o is not None}
    return {
        "speaker_id": sp.id,
        "name": sp.name,
        "kind": sp.kind,
        "role": sp.role,
        "aliases": [a for a in aliases if a != sp.name],
        "n_quotes": sum(n for _, _, n in per_day),
        "n_undated": sum(n for d, _, n in per_day if d is None),
        "n_outlets": len(outlets),
        "n_statements": n_statements,
        "statements": statements,
        "period_unit": unit,
        "timeline": timeline,
    }


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


# --------------------------------------------------------------------------- statements


def statement_redirect(store: Store, statement_id: int) -> int | None:
    """The statement an old, merged-away id now lives in, or ``None``.

    Read from a ``statement_redirects`` table when the database has one (statement merges
    write it); its columns are found by name (``old_id``/``from_id``/… and
    ``new_id``/``to_id``/…). Chains of merges are followed to their end.
    """
    cols = _redirect_columns(store)
    if cols is None:
        return None
    old_col, new_col = cols
    from sqlalchemy import column, table

    t = table("statement_redirects", column(old_col), column(new_col))
    seen = {statement_id}
    target = None
    current = statement_id
    with store.session() as s:
        while True:
            nxt = s.scalar(select(t.c[new_col]).where(t.c[old_col] == current).limit(1))
            if nxt is None or nxt in seen:
                break
            target = current = int(nxt)
            seen.add(current)
    return target


_OLD_NAMES = (
    "old_id",
    "old_statement_id",
    "from_id",
    "from_statement_id",
    "merged_id",
    "source_id",
)
_NEW_NAMES = (
    "statement_id",
    "new_id",
    "new_statement_id",
    "to_id",
    "to_statement_id",
    "into_id",
    "target_id",
)


_REDIRECT_COLUMNS: weakref.WeakKeyDictionary[Store, tuple[str, str] | None] = (
    weakref.WeakKeyDictionary()
)


def _redirect_columns(store: Store) -> tuple[str, str] | None:
    """(old id column, new id column) of the database's ``statement_redirects``, or None."""
    if store in _REDIRECT_COLUMNS:
        return _REDIRECT_COLUMNS[store]
    found: tuple[str, str] | None = None
    insp = inspect(store.engine)
    if insp.has_table("statement_redirects"):
        names = [c["name"] for c in insp.get_columns("statement_redirects")]
        old = next((n for n in _OLD_NAMES if n in names), None)
        new = next((n for n in _NEW_NAMES if n in names), None)
        if old and new:
            found = (old, new)
    # Remembered per store: the schema of an open database does not change under a reader.
    _REDIRECT_COLUMNS[store] = found
    return found


def statement(store: Store, statement_id: int) -> dict[str, Any] | None:
    """One statement: the root wording, every variant with its word diff, and its spread.

    Adds to :func:`~quotetrack.statements.queries.statement_detail`: ``first_source`` on each
    variant (published on the statement's first date), ``outlet_id`` and ``speaker`` links,
    and ``spread``: each outlet once, in the order it first carried the statement, with the
    days since the first report.
    """
    with store.session() as s:
        detail = statement_detail(s, statement_id)
        if detail is None:
            return None
        names = {v["outlet"] for v in detail["variants"] if v["outlet"]}
        outlet_ids = dict(
            s.execute(select(Outlet.name, Outlet.id).where(Outlet.name.in_(names))).all()
        )
    first = detail["first_published"]
    for v in detail["variants"]:
        v["outlet_id"] = outlet_ids.get(v["outlet"])
        v["first_source"] = first is not None and v["published"] == first
    detail["spread"] = _spread(detail["variants"], first)
    return detail


def _spread(variants: list[dict[str, Any]], first: dt.date | None) -> list[dict[str, Any]]:
    """Each outlet (or unknown-outlet article) once, in the order it first carried the
    statement (undated last), with its quote count and days after the first report."""
    by_outlet: dict[Any, dict[str, Any]] = {}
    for v in variants:
        key = v["outlet"] if v["outlet"] else ("article", v["article_id"])
        row = by_outlet.get(key)
        if row is None:
            by_outlet[key] = {
                "outlet": v["outlet"],
                "outlet_id": v.get("outlet_id"),
                "article_id": v["article_id"],
                "first_date": v["published"],
                "n_quotes": 1,
                "kinds": [v["variant_kind"]],
            }
        else:
            row["n_quotes"] += 1
            row["kinds"].append(v["variant_kind"])
            if v["published"] and (row["first_date"] is None or v["published"] < row["first_date"]):
                row["first_date"] = v["published"]
    rows = sorted(
        by_outlet.values(), key=lambda r: (r["first_date"] is None, r["first_date"] or dt.date.min)
    )
    for r in rows:
        r["days_after_first"] = (
            (r["first_date"] - first).days if r["first_date"] is not None and first else None
        )
        r["altered"] = "altered" in r["kinds"]
    return rows


# --------------------------------------------------------------------------- quotes, articles


def _quote_rows(s, where) -> list[dict[str, Any]]:
    rows = s.execute(
        select(
            Quote.id,
            Quote.article_id,
            Quote.speaker_id,
            Speaker.name.label("speaker"),
            Quote.statement_id,
            Quote.type,
            Quote.text,
            Quote.start,
            Quote.end,
            Quote.cue,
            Quote.cue_start,
            Quote.cue_end,
            Quote.mention,
            Quote.mention_start,
            Quote.mention_end,
            Quote.speaker_description,
            Quote.variant_kind,
            Quote.similarity,
        )
        .outerjoin(Speaker, Speaker.id == Quote.speaker_id)
        .where(where)
        .order_by(Quote.start, Quote.id)
        .limit(ARTICLE_QUOTES)
    )
    return [dict(r._mapping) for r in rows]


def _article_row(s, article_id: int) -> dict[str, Any] | None:
    row = s.execute(
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
    return dict(row._mapping) if row is not None else None


def segments(text: str, quotes: list[dict[str, Any]], focus: int | None = None) -> list[dict]:
    """The article text cut where any quote, speaker mention or cue starts or ends.

    Each segment: ``text``, ``marks`` (the kinds covering it: ``quote``, ``mention``,
    ``cue``), ``quote_id`` (the quote it belongs to, if any), ``starts`` (kinds whose span
    begins here, for the labels), ``focus`` (part of the quote the page is about). Spans
    outside the text are ignored; overlapping spans simply share segments.
    """
    spans: list[tuple[int, int, str, int]] = []
    n = len(text)
    for q in quotes:
        for kind, a, b in (
            ("quote", q["start"], q["end"]),
            ("mention", q["mention_start"], q["mention_end"]),
            ("cue", q["cue_start"], q["cue_end"]),
        ):
            if a is not None and b is not None and 0 <= a < b <= n:
                spans.append((a, b, kind, q["id"]))
    cuts = sorted({0, n, *(a for a, *_ in spans), *(b for _, b, *_ in spans)})
    out: list[dict] = []
    for a, b in zip(cuts, cuts[1:]):
        covering = [sp for sp in spans if sp[0] <= a and b <= sp[1]]
        marks = sorted({k for _, _, k, _ in covering})
        qids = [qid for _, _, k, qid in covering if k == "quote"] or [qid for *_, qid in covering]
        qid = qids[0] if qids else None
        out.append(
            {
                "text": text[a:b],
                "marks": marks,
                "quote_id": qid,
                "starts": sorted({k for s0, _, k, _ in covering if s0 == a}),
                "focus": focus is not None and any(sp[3] == focus for sp in covering),
            }
        )
    return out


def quote(store: Store, quote_id: int) -> dict[str, Any] | None:
    """One quote in its article: the quote's fields, the article, and the article text cut
    into segments with this quote, its speaker mention and its cue marked."""
    with store.session() as s:
        rows = _quote_rows(s, Quote.id == quote_id)
        if not rows:
            return None
        q = rows[0]
        art = _article_row(s, q["article_id"])
        summary = statement_summaries(s, [q["statement_id"]]) if q["statement_id"] else []
    assert art is not None  # quotes.article_id is a foreign key
    text = art.pop("text")
    return {
        **q,
        "article": art,
        "statement": summary[0] if summary else None,
        "segments": segments(text, [q], focus=quote_id),
    }


def article(store: Store, article_id: int) -> dict[str, Any] | None:
    """One article with every quote in it marked in place (and listed, in reading order)."""
    with store.session() as s:
        art = _article_row(s, article_id)
        if art is None:
            return None
        quotes = _quote_rows(s, Quote.article_id == article_id)
    text = art.pop("text")
    return {**art, "quotes": quotes, "segments": segments(text, quotes)}


# --------------------------------------------------------------------------- outlets


def outlet(store: Store, outlet_id: int) -> dict[str, Any] | None:
    """One outlet: who it quotes most, and how often its quotes differ from the root.

    ``kinds`` counts the outlet's grouped quotes by variant kind; ``differ`` is the share of
    its quotes in statements other outlets also carried whose kind is altered or paraphrase.
    """
    with store.session() as s:
        o = s.get(Outlet, outlet_id)
        if o is None:
            return None
        n_articles = s.scalar(
            select(func.count()).select_from(Article).where(Article.outlet_id == outlet_id)
        )
        own = (
            select(Quote.id, Quote.speaker_id, Quote.variant_kind, Quote.statement_id)
            .join(Article, Article.id == Quote.article_id)
            .where(Article.outlet_id == outlet_id)
            .subquery()
        )
        speakers = [
            {"speaker_id": r.id, "name": r.name, "kind": r.kind, "n_quotes": r.n}
            for r in s.execute(
                select(Speaker.id, Speaker.name, Speaker.kind, func.count(own.c.id).label("n"))
                .join(own, own.c.speaker_id == Speaker.id)
                .group_by(Speaker.id, Speaker.name, Speaker.kind)
                .order_by(func.count(own.c.id).desc(), Speaker.id)
                .limit(OUTLET_SPEAKERS)
            )
        ]
        kinds: Counter[str | None] = Counter(
            dict(
                s.execute(
                    select(own.c.variant_kind, func.count()).group_by(own.c.variant_kind)
                ).all()
            )
        )
        shared: Counter[str | None] = Counter(
            dict(
                s.execute(
                    select(own.c.variant_kind, func.count())
                    .join(Statement, Statement.id == own.c.statement_id)
                    .where(Statement.n_outlets > 1)
                    .group_by(own.c.variant_kind)
                ).all()
            )
        )
        altered = [
            {
                "quote_id": r.id,
                "speaker_id": r.speaker_id,
                "speaker": r.name,
                "statement_id": r.statement_id,
                "published": r.published,
                "text": r.text,
                "variant_kind": r.variant_kind,
            }
            for r in s.execute(
                select(
                    Quote.id,
                    Quote.speaker_id,
                    Speaker.name,
                    Quote.statement_id,
                    Article.published,
                    Quote.text,
                    Quote.variant_kind,
                )
                .join(Article, Article.id == Quote.article_id)
                .outerjoin(Speaker, Speaker.id == Quote.speaker_id)
                .where(Article.outlet_id == outlet_id, Quote.variant_kind == "altered")
                .order_by(Article.published.desc(), Quote.id.desc())
                .limit(OUTLET_ALTERED)
            )
        ]
    n_shared = sum(shared.values())
    n_differ = shared.get("altered", 0) + shared.get("paraphrase", 0)
    return {
        "outlet_id": o.id,
        "name": o.name,
        "domain": o.domain,
        "n_articles": n_articles,
        "n_quotes": sum(kinds.values()),
        "kinds": {str(k or "ungrouped"): v for k, v in sorted(kinds.items(), key=_kind_order)},
        "n_shared": n_shared,
        "n_differ": n_differ,
        "n_altered": shared.get("altered", 0),
        "differ": round(n_differ / n_shared, 3) if n_shared else None,
        "speakers": speakers,
        "altered": altered,
    }


_KINDS = ("root", "verbatim", "trimmed", "altered", "paraphrase")


def _kind_order(item: tuple[str | None, int]) -> int:
    return _KINDS.index(item[0]) if item[0] in _KINDS else len(_KINDS)


# --------------------------------------------------------------------------- search


def snippet_parts(snippet: str | None) -> list[dict[str, Any]]:
    """A search snippet split at the store's hit markers: ``[{"text", "hit"}]``, so the
    template escapes the text and marks the hits itself."""
    parts: list[dict[str, Any]] = []
    rest = snippet or ""
    while rest:
        i = rest.find(SNIPPET_OPEN)
        j = rest.find(SNIPPET_CLOSE, i + len(SNIPPET_OPEN)) if i >= 0 else -1
        if i < 0 or j < 0:
            parts.append({"text": rest, "hit": False})
            break
        if i:
            parts.append({"text": rest[:i], "hit": False})
        parts.append({"text": rest[i + len(SNIPPET_OPEN) : j], "hit": True})
        rest = rest[j + len(SNIPPET_CLOSE) :]
    return parts


def search(
    store: Store,
    q: str,
    *,
    speaker: str | None = None,
    outlet: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    type: str | None = None,
    limit: int = SEARCH_LIMIT,
) -> dict[str, Any]:
    """Full-text search over quotes with the store's filters; each hit gets
    ``snippet_parts``. Raises :class:`~quotetrack.store.SearchSyntaxError` for a bad query."""
    filters = {"speaker": speaker, "outlet": outlet, "since": since, "until": until, "type": type}
    hits = (
        store.search(
            q, speaker=speaker, outlet=outlet, since=since, until=until, type=type, limit=limit
        )
        if q.strip()
        else []
    )
    for h in hits:
        h["snippet_parts"] = snippet_parts(h.get("snippet"))
    return {"q": q, "filters": filters, "hits": hits}


def outlet_choices(store: Store) -> list[str]:
    """Outlet names, for the search form's outlet filter."""
    with store.session() as s:
        return list(s.scalars(select(Outlet.name).order_by(Outlet.name)))
