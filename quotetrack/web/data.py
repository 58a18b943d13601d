"""What each page of the web view shows, as plain dicts: the one place the web app reads data.

Every function takes an open :class:`~quotetrack.api.Quotetrack` (``quotetrack.open(db,
readonly=True)``, as ``serve`` opens it) and reads only through its methods, which return
frozen records; here they become dicts of plain values (dates as ``datetime.date``) with
what a page adds for display (the article text cut into marked segments, the first source of
a statement, its spread, search snippets split at their hits). The templates render these
dicts and ``?format=json`` returns them as they are, so a page and its JSON always show the
same data. A function returns ``None`` when the thing asked for does not exist.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from quotetrack.api import Quotetrack
from quotetrack.errors import NotFound
from quotetrack.records import (
    SNIPPET_CLOSE,
    SNIPPET_OPEN,
    PlacedQuote,
    Speaker,
    StatementSummary,
    StoredQuote,
    as_row,
)

# "Lately" on the front page: the newest this-many articles (by publication date).
RECENT_ARTICLES = 2000
HOME_STATEMENTS = 15
HOME_SPEAKERS = 12
SPEAKER_STATEMENTS = 40
OUTLET_SPEAKERS = 15
OUTLET_ALTERED = 20
ARTICLE_QUOTES = 200
SEARCH_LIMIT = 50

# The fields of a quote the quote and article pages show (and give as JSON).
QUOTE_FIELDS = (
    "id",
    "article_id",
    "speaker_id",
    "speaker",
    "statement_id",
    "type",
    "text",
    "start",
    "end",
    "cue",
    "cue_start",
    "cue_end",
    "mention",
    "mention_start",
    "mention_end",
    "speaker_description",
    "variant_kind",
    "similarity",
    "corrected",
)


def _speaker_count(sp: Speaker) -> dict[str, Any]:
    return {"speaker_id": sp.id, "name": sp.name, "kind": sp.kind, "n_quotes": sp.n_quotes}


def _summary(s: StatementSummary) -> dict[str, Any]:
    return as_row(s)


# --------------------------------------------------------------------------- front page


def home(qt: Quotetrack) -> dict[str, Any]:
    """The front page: database counts, the statements with the widest reach among those
    quoted in the latest articles, and the speakers quoted most in them.

    "Latest" is the :data:`RECENT_ARTICLES` newest dated articles (all articles by id when
    none is dated); ``since``/``until`` give its dates.
    """
    o = qt.overview(recent=RECENT_ARTICLES, statements=HOME_STATEMENTS, speakers=HOME_SPEAKERS)
    return {
        "stats": dict(o.stats),
        "n_recent_articles": o.n_recent_articles,
        "since": o.since,
        "until": o.until,
        "statements": [_summary(s) for s in o.statements],
        "speakers": [_speaker_count(sp) for sp in o.speakers],
    }


# --------------------------------------------------------------------------- speakers


def speaker(qt: Quotetrack, speaker_id: int) -> dict[str, Any] | None:
    """One speaker: names, role, statements by reach and quotes over time.

    ``timeline`` holds one row per period (``period_unit``: day, week or month, whichever
    gives a readable number of points over the speaker's dates): the quotes published in it
    and the distinct outlets that published them.
    """
    try:
        a = qt.speaker_activity(speaker_id, statements=SPEAKER_STATEMENTS)
    except NotFound:
        return None
    sp = a.speaker
    return {
        "speaker_id": sp.id,
        "name": sp.name,
        "kind": sp.kind,
        "role": sp.role,
        "aliases": [alias for alias in sp.aliases if alias != sp.name],
        "n_quotes": sp.n_quotes,
        "n_undated": a.n_undated,
        "n_outlets": a.n_outlets,
        "n_statements": a.n_statements,
        "statements": [_summary(s) for s in a.statements],
        "period_unit": a.period_unit,
        "timeline": [
            {"period": p.start, "n_quotes": p.n_quotes, "n_outlets": p.n_outlets}
            for p in a.timeline
        ],
    }


# --------------------------------------------------------------------------- statements


def statement_redirect(qt: Quotetrack, statement_id: int) -> int | None:
    """The statement a merged-away id now lives in (merges followed to their end), or
    ``None`` when ``statement_id`` is itself a statement or names nothing."""
    live = qt.live_statement_id(statement_id)
    return live if live is not None and live != statement_id else None


def statement(qt: Quotetrack, statement_id: int) -> dict[str, Any] | None:
    """One statement: the root wording, every variant with its word diff, and its spread.

    Adds to :meth:`Quotetrack.statement`: ``first_source`` on each variant (published on the
    statement's first date), ``outlet_id`` links, and ``spread``: each outlet once, in the
    order it first carried the statement, with the days since the first report.
    """
    try:
        detail = as_row(qt.statement(statement_id))
    except NotFound:
        return None
    outlet_ids = {o.name: o.id for o in qt.outlets()}
    first = detail["first_published"]
    for v in detail["variants"]:
        v["outlet_id"] = outlet_ids.get(v["outlet"])
        v["first_source"] = first is not None and v["published"] == first
    # The root is one of the variants: the same row, with what was just added.
    detail["root"] = next(
        (v for v in detail["variants"] if v["quote_id"] == detail["root_quote_id"]), None
    )
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


def _quote_fields(q: PlacedQuote) -> dict[str, Any]:
    row = as_row(q)
    return {k: row[k] for k in QUOTE_FIELDS}


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


def quote(qt: Quotetrack, quote_id: int) -> dict[str, Any] | None:
    """One quote in its article: the quote's fields, the article, and the article text cut
    into segments with this quote, its speaker mention and its cue marked."""
    try:
        q = qt.quote(quote_id)
        assert q.article_id is not None  # quotes.article_id is a foreign key
        art = qt.article(q.article_id, quotes=0)
    except NotFound:
        return None
    summary = None
    if q.statement_id is not None:
        try:
            summary = _summary(qt.statement_summary(q.statement_id))
        except NotFound:
            summary = None
    fields = _quote_fields(q)
    return {
        **fields,
        "article": _article_fields(art),
        "statement": summary,
        "segments": segments(art.text, [fields], focus=q.id),
    }


def _article_fields(art: Any) -> dict[str, Any]:
    return {
        "id": art.id,
        "title": art.title,
        "published": art.published,
        "url": art.url,
        "author": art.author,
        "outlet_id": art.outlet_id,
        "outlet": art.outlet,
        "n_quotes": art.n_quotes,
    }


def article(qt: Quotetrack, article_id: int) -> dict[str, Any] | None:
    """One article with its quotes (the first :data:`ARTICLE_QUOTES`, in reading order)
    marked in place and listed."""
    try:
        art = qt.article(article_id, quotes=ARTICLE_QUOTES)
    except NotFound:
        return None
    quotes = [_quote_fields(q) for q in art.quotes]
    return {**_article_fields(art), "quotes": quotes, "segments": segments(art.text, quotes)}


# --------------------------------------------------------------------------- outlets


def _altered(q: StoredQuote) -> dict[str, Any]:
    return {
        "quote_id": q.id,
        "speaker_id": q.speaker_id,
        "speaker": q.speaker,
        "statement_id": q.statement_id,
        "published": q.date,
        "text": q.text,
        "variant_kind": q.variant_kind,
    }


def outlet(qt: Quotetrack, outlet_id: int) -> dict[str, Any] | None:
    """One outlet: who it quotes most, and how often its quotes differ from the root.

    ``kinds`` counts the outlet's quotes by variant kind; ``differ`` is the share of its
    quotes in statements other outlets also carried whose kind is altered or paraphrase.
    """
    try:
        p = qt.outlet(outlet_id, speakers=OUTLET_SPEAKERS, altered=OUTLET_ALTERED)
    except NotFound:
        return None
    return {
        "outlet_id": p.outlet.id,
        "name": p.outlet.name,
        "domain": p.outlet.domain,
        "n_articles": p.outlet.n_articles,
        "n_quotes": p.n_quotes,
        "kinds": dict(p.kinds),
        "n_shared": p.n_shared,
        "n_differ": p.n_differ,
        "n_altered": p.n_altered,
        "differ": p.differ,
        "speakers": [_speaker_count(sp) for sp in p.speakers],
        "altered": [_altered(q) for q in p.altered],
    }


# --------------------------------------------------------------------------- search


def snippet_parts(snippet: str | None) -> list[dict[str, Any]]:
    """A search snippet split at the hit markers: ``[{"text", "hit"}]``, so the template
    escapes the text and marks the hits itself."""
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
    qt: Quotetrack,
    q: str,
    *,
    speaker: str | None = None,
    outlet: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    type: str | None = None,
    limit: int = SEARCH_LIMIT,
) -> dict[str, Any]:
    """Full-text search over quotes with the library's filters; each hit gets
    ``snippet_parts``. Raises :class:`~quotetrack.errors.InputError` for a bad query and
    :class:`~quotetrack.errors.NotFound` for a speaker name that matches nobody."""
    filters = {"speaker": speaker, "outlet": outlet, "since": since, "until": until, "type": type}
    hits = []
    if q.strip():
        for h in qt.search(
            q, speaker=speaker, outlet=outlet, since=since, until=until, type=type, limit=limit
        ):
            row = as_row(h)
            row["snippet_parts"] = snippet_parts(h.snippet)
            hits.append(row)
    return {"q": q, "filters": filters, "hits": hits}


def outlet_choices(qt: Quotetrack) -> list[str]:
    """Outlet names, for the search form's outlet filter."""
    return [o.name for o in qt.outlets()]
