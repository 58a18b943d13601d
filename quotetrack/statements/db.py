"""Statements in the database: incremental assignment on ingest and the full regroup.

``assign`` runs inside the store's per-article transaction: it reads the stored signatures
(``quotes.signature``) of the compared wordings of the statements of the new quotes'
speakers that started within the time window (a range scan of the
``(speaker_id, first_published)`` index), and loads (texts, tokenised) and seeds into the pure
:class:`~quotetrack.statements.grouping.Grouper` only the statements a new quote can reach
(signature filter or frame, see :func:`_worth_seeding`); it places the quotes and writes
statement ids, variant kinds, signatures and aggregates. Quotes grouped before signatures
were stored (revision 0008) have none: their texts are tokenised when a window holds them
and their signatures written back. ``regroup`` replays every quote in id order, which gives
the same statements, keeps the ids of statements whose first quote is unchanged, and stores
every quote's signature.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import time
from array import array
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
from sqlalchemy import Row, Select, String, func, select, text, type_coerce
from sqlalchemy.orm import Session

from quotetrack.store.models import Article, Quote, Speaker, Statement, utcnow

from .grouping import (
    Assignment,
    Grouper,
    GroupingParams,
    QuoteRecord,
    StatementState,
    StoredWording,
    assignment_for,
    collector_paused,
    continuations,
    split_parts,
    stored,
    wording,
)
from .index import passing, sig_bytes

_CHUNK = 500  # ids per IN (...) list, well under SQLite's variable limit
_FLUSH_ROWS = 2_000  # quotes a regroup reads before grouping them (whole articles only)


def _chunks(ids: Sequence[int], n: int = _CHUNK) -> Iterable[Sequence[int]]:
    for i in range(0, len(ids), n):
        yield ids[i : i + n]


def _record_select():
    return (
        select(
            Quote.id,
            Quote.speaker_id,
            Speaker.kind,
            Quote.type,
            Quote.text,
            Article.published,
            Article.outlet_id,
            Quote.article_id,
            Quote.cue,
            Quote.said_on,
            Quote.said_on_precision,
            Quote.occasion_kind,
            Quote.occasion,
        )
        .join(Article, Article.id == Quote.article_id)
        .outerjoin(Speaker, Speaker.id == Quote.speaker_id)
    )


def said_range(said_on: dt.date | None, precision: str | None) -> tuple[int, int] | None:
    """A stored utterance date as the ordinal range the grouper compares."""
    if said_on is None:
        return None
    from quotetrack.attribute.occasion import SaidOn

    last = SaidOn(said_on, precision or "day", "").last_day()
    return (said_on.toordinal(), last.toordinal())


def occasion_key_of(kind: str | None, phrase: str | None) -> str | None:
    """The comparison key of a stored occasion (imported only when there is one: the
    attribute package loads spaCy)."""
    if not kind or not phrase:
        return None
    from quotetrack.attribute.occasion import occasion_key_of as key_of

    return key_of(kind, phrase)


def _record(row: Row) -> QuoteRecord:
    return QuoteRecord(
        row[0],
        row[1],
        row[2],
        row[3],
        row[4] or "",
        row[5],
        row[6],
        row[7],
        cue=row[8],
        said=said_range(row[9], row[10]),
        occasion=occasion_key_of(row[11], row[12]),
    )


def _load_records(session: Session, quote_ids: Sequence[int]) -> list[QuoteRecord]:
    """Quote records for ``quote_ids`` that have no statement yet, in id order, with split
    quotes linked (``continues``)."""
    rows: list[Row] = []
    for chunk in _chunks(sorted(set(quote_ids))):
        rows.extend(
            session.execute(
                _record_select()
                .add_columns(Quote.start, Quote.end)
                .where(Quote.id.in_(chunk), Quote.statement_id.is_(None))
            ).all()
        )
    return _with_continuations(session, sorted(rows, key=lambda r: r[0]))


def _with_continuations(session: Session, rows: Sequence[Row]) -> list[QuoteRecord]:
    """Records from rows of ``_record_select() + (start, end)``; for articles with two or more
    direct quotes of one speaker the article text is read (all such articles in one query
    per chunk) to find split quotes."""
    recs = [_record(r) for r in rows]
    by_article: dict[int, list[Row]] = {}
    for r in rows:
        if r[3] == "direct" and r[1] is not None:
            by_article.setdefault(r[7], []).append(r)
    needed = [a for a, arows in by_article.items() if len({r[1] for r in arows}) < len(arows)]
    bodies: dict[int, str] = {}
    for chunk in _chunks(needed):
        bodies.update(
            session.execute(select(Article.id, Article.text).where(Article.id.in_(chunk))).all()
        )
    cont: dict[int, int] = {}
    for article_id in needed:
        cont.update(
            continuations(
                bodies.get(article_id) or "",
                [(r[0], r[1], r[3], r[13], r[14]) for r in by_article[article_id]],
            )
        )
    if not cont:
        return recs
    return [dataclasses.replace(r, continues=cont[r.id]) if r.id in cont else r for r in recs]


def _tokenised(
    quote_id: int, type_: str, text: str, cue: str | None = None, article: int | None = None
) -> tuple[StoredWording, bytes]:
    """A stored quote's wording, in the compact form statements hold
    (:func:`~quotetrack.statements.grouping.stored`), and its signatures as the bytes
    ``quotes.signature`` keeps."""
    w = stored(wording(quote_id, type_, text, cue, article))
    return w, sig_bytes(w.sig, w.psig)


# Kept across articles of one ingest run: the statements a new quote reaches are read again
# by later articles, and their texts never change (the text is part of the key, so a reused
# id cannot return a stale wording).
_wording = functools.lru_cache(maxsize=200_000)(_tokenised)


def window_select(speaker_id: int, lo: dt.date, hi: dt.date) -> Select:
    """Ids of a speaker's statements first published in ``[lo, hi]``: a range scan of the
    ``(speaker_id, first_published)`` index, however many statements the speaker has."""
    return select(Statement.id).where(
        Statement.speaker_id == speaker_id, Statement.first_published.between(lo, hi)
    )


def window_signatures_select(speaker_id: int, lo: dt.date, hi: dt.date) -> Select:
    """The compared wordings of a speaker's statements first published in ``[lo, hi]``,
    without their texts: per statement its first date (as the driver reads it, see
    :func:`_day_number`) and root quote id, and each of its
    quotes (id, type, stored signature), by statement and quote id. The
    range scan of :func:`window_select`, then each statement's quotes by the
    ``statement_id`` index."""
    return (
        select(
            Statement.id,
            # The date as the driver gives it (see _day_number): it repeats on every quote
            # row of its statement, and turning ten thousand of them into date objects cost
            # a sixth of the read of a busy window.
            type_coerce(Statement.first_published, String),
            Statement.root_quote_id,
            Quote.id,
            Quote.type,
            Quote.signature,
        )
        .join(Quote, Quote.statement_id == Statement.id)
        .where(
            Statement.speaker_id == speaker_id,
            Statement.first_published.between(lo, hi),
        )
        .order_by(Statement.id, Quote.id)
    )


_SIG_LEN = len(sig_bytes(0, 0))


@dataclasses.dataclass
class _Window:
    """A speaker's window statements as rows of :func:`passing`: one per compared wording
    (root and first quoted ones), with its statement id and first day."""

    speaker_id: int
    keys: np.ndarray
    days: np.ndarray
    sigs: np.ndarray


def _window(
    session: Session, speaker_id: int, spans: Sequence[tuple[dt.date, dt.date]], max_links: int
) -> _Window:
    """The compared wordings of a speaker's statements in the time windows, from their stored
    signatures; texts are read only for quotes grouped before signatures were stored (whose
    signatures are then written back)."""
    conn = session.connection()  # Core rows: the ORM's result processing costs more here
    rows: list[Row] = []
    # One query per span (an OR of spans would scan all statements); spans are disjoint and
    # in date order, statements come in id order within each.
    for lo, hi in spans:
        rows.extend(conn.execute(window_signatures_select(speaker_id, lo, hi)).all())
    if not rows:
        return _Window(
            speaker_id,
            np.zeros(0, np.int64),
            np.zeros(0, np.int32),
            np.zeros((0, _SIG_LEN), np.uint8),
        )
    # Columns rather than an object per row: a busy window has ten thousand rows, and the
    # garbage collector follows every object still alive when it runs.
    sids, firsts, root_ids, qids, types, sigs = zip(*rows)
    del rows
    keys = np.array(sids, np.int64)
    qid = np.array(qids, np.int64)
    is_root = qid == np.array(root_ids, np.int64)
    quoted = np.ones(len(types), bool)
    # Rank of each wording within its statement: the grouper compares the first max_links
    # of them (of any type), as _load_states keeps them.
    start = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    group = np.cumsum(np.r_[True, keys[1:] != keys[:-1]]) - 1
    cum = np.cumsum(quoted)
    rank = cum - (cum[start] - quoted[start])[group]
    compared = is_root | (quoted & (rank <= max_links))
    # A root that is not among its statement's quotes (a database edited by hand) is read
    # as the statement's own root, as for statements loaded by id.
    odd = sorted(set(keys.tolist()) - set(keys[is_root].tolist()))
    if odd:
        compared &= ~np.isin(keys, odd)
    pick = np.flatnonzero(compared)
    day_of = {}
    for sid, first in zip(sids, firsts):
        if sid not in day_of:
            day_of[sid] = _day_number(first)
    days = np.array([day_of[s] for s in keys[pick].tolist()], np.int32)
    keys = keys[pick]
    picked = [sigs[i] for i in pick.tolist()]
    missing = [i for i, sig in enumerate(picked) if sig is None]
    if missing:
        found = _stored_signatures(session, [int(qid[pick[i]]) for i in missing])
        for i in missing:
            picked[i] = found[int(qid[pick[i]])]
    if odd:
        extra_keys, extra_days = [], []
        for sid, (st, _) in _load_states(session, odd, max_links).items():
            for w in st.compared():
                extra_keys.append(sid)
                extra_days.append(st.first)
                picked.append(sig_bytes(w.sig, w.psig))
        keys = np.concatenate([keys, np.array(extra_keys, np.int64)])
        days = np.concatenate([days, np.array(extra_days, np.int32)])
    mat = np.frombuffer(b"".join(picked), np.uint8).reshape(len(picked), _SIG_LEN)
    return _Window(speaker_id, keys, days, mat)


def _day_number(value: dt.date | str) -> int:
    """Proleptic ordinal of a date column read without SQLAlchemy's date type: a date where
    the driver makes one itself (psycopg), the stored ISO text on SQLite."""
    if isinstance(value, dt.date):
        return value.toordinal()
    return dt.date.fromisoformat(value).toordinal()


def _stored_signatures(session: Session, quote_ids: Sequence[int]) -> dict[int, bytes]:
    """Signatures of quotes grouped before they were stored with them: computed from their
    texts and written back, so that the next article reads them."""
    out: dict[int, bytes] = {}
    for chunk in _chunks(sorted(set(quote_ids))):
        for qid, qtype, qtext, qcue in session.execute(
            select(Quote.id, Quote.type, Quote.text, Quote.cue).where(Quote.id.in_(chunk))
        ):
            out[qid] = _wording(qid, qtype, qtext or "", qcue)[1]
    if out:
        session.execute(
            text("UPDATE quotes SET signature = :sig WHERE id = :qid"),
            [{"qid": q, "sig": b} for q, b in sorted(out.items())],
        )
    return out


def _worth_seeding(
    session: Session, grouper: Grouper, recs: Sequence[QuoteRecord], window: _Window
) -> set[int]:
    """Of one speaker's window statements, those the grouper could compare with one of the
    speaker's new (dated) quotes: a compared wording within the window that passes the
    signature filter, or a root in the same frame within the frame window. Stored
    statements the new quotes do not touch keep their wordings, and the grouper compares a
    quote with nothing else of the window (without a semantic scorer), so seeding only these
    gives the same grouping as seeding the whole window, at a fraction of the cost."""
    p = grouper.params
    if not len(window.keys):
        return set()
    keep: set[int] = set()
    in_window: set[int] | None = None
    frames: dict[dt.date, list[tuple[int, tuple[str, str] | None]]] = {}  # by quote date
    for rec in recs:
        when = rec.published
        if when is None:
            # _seed_candidates seeds a speaker's whole window when any quote is undated.
            raise ValueError(f"quote {rec.id}: only dated quotes are matched by signature")
        q = wording(rec.id, rec.type, rec.text, rec.cue)
        hit = passing(
            window.days,
            window.sigs,
            when.toordinal(),
            p.window_days,
            q.sig,
            q.psig,
            p.candidate_filter,
        )
        keep.update(window.keys[hit].tolist())
        if q.frame is not None:
            if in_window is None:
                in_window = set(window.keys.tolist())
            # An article's quotes of one speaker mostly share a date: one read per date.
            if when not in frames:
                frames[when] = _root_frames(session, window.speaker_id, when, p.frame_window_days)
            keep.update(sid for sid, fr in frames[when] if fr == q.frame and sid in in_window)
    return keep


def _root_frames(
    session: Session, speaker_id: int, day: dt.date, days: int
) -> list[tuple[int, tuple[str, str] | None]]:
    """The frames of the roots of a speaker's statements first published within ``days`` of
    ``day``, by statement id. Only reported and mixed quotes with a cue have a frame, so only
    their texts are read."""
    w = dt.timedelta(days=days)
    rows = session.execute(
        select(Statement.id, Quote.id, Quote.type, Quote.text, Quote.cue)
        .join(Quote, Quote.id == Statement.root_quote_id)
        .where(
            Statement.speaker_id == speaker_id,
            Statement.first_published.between(day - w, day + w),
            Quote.type != "direct",
            Quote.cue.is_not(None),
        )
    ).all()
    return [
        (sid, _wording(qid, qtype, qtext or "", qcue)[0].frame)
        for sid, qid, qtype, qtext, qcue in rows
    ]


def _seed_candidates(session: Session, grouper: Grouper, recs: Sequence[QuoteRecord]) -> None:
    """Load into ``grouper`` the existing statements the new quotes may join: per speaker, the
    statements whose first date lies within the window of one of the quotes' dates (only
    those the quotes' signatures or frames can reach, see :func:`_worth_seeding`), plus
    undated ones (bounded like the in-memory grouper)."""
    p = grouper.params
    w = dt.timedelta(days=p.window_days)
    by_speaker: dict[int, list[QuoteRecord]] = {}
    for r in recs:
        if r.speaker_id is not None:
            by_speaker.setdefault(r.speaker_id, []).append(r)
    stmt_ids: set[int] = set()
    for speaker_id, srecs in by_speaker.items():
        dated = sorted(r.published for r in srecs if r.published is not None)
        base = select(Statement.id).where(Statement.speaker_id == speaker_id)
        if len(dated) < len(srecs) or grouper.semantic is not None:
            # An undated quote's candidates are the speaker's latest statements, window ones
            # included; the semantic signal searches the whole window: seed it all.
            for lo, hi in _spans(dated, w):
                stmt_ids.update(session.scalars(window_select(speaker_id, lo, hi)))
            stmt_ids.update(
                session.scalars(base.order_by(Statement.id.desc()).limit(p.undated_lookback))
            )
        elif dated:
            # Only the reachable statements' texts are read and tokenised.
            window = _window(session, speaker_id, _spans(dated, w), p.max_links)
            stmt_ids.update(_worth_seeding(session, grouper, srecs, window))
        # Undated statements are candidates for dated quotes too.
        stmt_ids.update(
            session.scalars(
                base.where(Statement.first_published.is_(None))
                .order_by(Statement.id.desc())
                .limit(p.undated_lookback)
            )
        )
    seeded = _load_states(session, sorted(stmt_ids), p.max_links) if stmt_ids else {}
    grouper.seed_many(seeded[sid] for sid in sorted(seeded))


def _load_states(
    session: Session, ids: Sequence[int], max_links: int
) -> dict[int, tuple[StatementState, str]]:
    """Statements by id, as the grouper keeps them, with their root texts."""
    states: dict[int, StatementState] = {}
    root_texts: dict[int, str] = {}
    for chunk in _chunks(ids):
        rows = session.execute(
            select(
                Statement.id,
                Statement.speaker_id,
                Speaker.kind,
                Statement.first_published,
                Quote.id,
                Quote.type,
                Quote.text,
                Quote.cue,
                Quote.article_id,
                Statement.said_on,
                Statement.occasion_kind,
                Statement.occasion,
            )
            .join(Quote, Quote.id == Statement.root_quote_id)
            .outerjoin(Speaker, Speaker.id == Statement.speaker_id)
            .where(Statement.id.in_(chunk))
        ).all()
        for sid, spk, kind, first, qid, qtype, qtext, qcue, art, said, okind, occ in rows:
            root = _wording(qid, qtype, qtext or "", qcue, art)[0]
            states[sid] = StatementState(
                sid, spk, kind, first.toordinal() if first else None, root, [], 0
            )
            states[sid].said = said_range(said, "day")
            states[sid].occasion = occasion_key_of(okind, occ)
            root_texts[sid] = qtext or ""
    # The first few wordings of each statement, as the in-memory grouper keeps them.
    for chunk in _chunks(sorted(states)):
        ranked = (
            select(
                Quote.statement_id,
                Quote.id,
                Quote.type,
                Quote.text,
                Quote.cue,
                Quote.article_id,
                func.row_number()
                .over(partition_by=Quote.statement_id, order_by=Quote.id)
                .label("n"),
            )
            .where(Quote.statement_id.in_(chunk))
            .subquery()
        )
        link_rows = session.execute(
            select(
                ranked.c.statement_id,
                ranked.c.id,
                ranked.c.type,
                ranked.c.text,
                ranked.c.cue,
                ranked.c.article_id,
            )
            .where(ranked.c.n <= max_links)
            .order_by(ranked.c.statement_id, ranked.c.id)
        ).all()
        for sid, qid, qtype, qtext, qcue, art in link_rows:
            states[sid].links.append(_wording(qid, qtype, qtext or "", qcue, art)[0])
    return {sid: (states[sid], root_texts[sid]) for sid in states}


def _spans(dates: Sequence[dt.date], w: dt.timedelta) -> list[tuple[dt.date, dt.date]]:
    """The union of the windows ``[d - w, d + w]`` of sorted dates, as few intervals as
    possible (an article's quotes of one speaker usually share one date)."""
    out: list[tuple[dt.date, dt.date]] = []
    for d in dates:
        lo, hi = d - w, d + w
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


def _store_assignments(
    session: Session, assignments: Iterable[Assignment], sigs: dict[int, bytes] | None = None
) -> int:
    """Write assignments, and the signatures of ``sigs`` (quotes not in it keep theirs)."""
    sigs = sigs or {}
    rows = [
        {
            "qid": a.quote_id,
            "sid": a.statement_key,
            "kind": a.variant_kind,
            "detail": json.dumps(a.detail, ensure_ascii=False) if a.detail else None,
            "sim": a.similarity,
            "sig": sigs.get(a.quote_id),
        }
        for a in assignments
    ]
    if rows:
        session.execute(
            text(
                "UPDATE quotes SET statement_id = :sid, variant_kind = :kind, "
                "variant_detail = :detail, similarity = :sim, "
                "signature = COALESCE(:sig, signature) WHERE id = :qid"
            ),
            rows,
        )
    return len(rows)


# n_outlets counts sources: each known outlet once, and each article of unknown outlet as a
# source of its own (-article id, never an outlet id), so a statement reported by a named
# outlet and by an unattributed article reaches two.
N_OUTLETS_SQL = """(SELECT count(DISTINCT COALESCE(a.outlet_id, -a.id)) FROM quotes q
               JOIN articles a ON a.id = q.article_id WHERE q.statement_id = statements.id)"""

_AGGREGATES = text(f"""
UPDATE statements SET
  n_quotes = (SELECT count(*) FROM quotes q WHERE q.statement_id = statements.id),
  n_outlets = {N_OUTLETS_SQL},
  first_published = (SELECT min(a.published) FROM quotes q JOIN articles a
                     ON a.id = q.article_id WHERE q.statement_id = statements.id),
  first_outlet_id = (SELECT a.outlet_id FROM quotes q JOIN articles a ON a.id = q.article_id
                     WHERE q.statement_id = statements.id
                     ORDER BY a.published IS NULL, a.published, q.id LIMIT 1),
  said_on = (SELECT q.said_on FROM quotes q WHERE q.statement_id = statements.id
             AND q.said_on_precision = 'day' ORDER BY q.id LIMIT 1),
  occasion = (SELECT q.occasion FROM quotes q WHERE q.statement_id = statements.id
              AND q.occasion IS NOT NULL ORDER BY q.id LIMIT 1),
  occasion_kind = (SELECT q.occasion_kind FROM quotes q WHERE q.statement_id = statements.id
                   AND q.occasion IS NOT NULL ORDER BY q.id LIMIT 1)
WHERE id = :sid
""")


def _refresh(session: Session, statement_ids: Iterable[int]) -> None:
    """Recompute counts, first date and first outlet of the given statements."""
    params = [{"sid": s} for s in sorted(set(statement_ids))]
    if params:
        session.execute(_AGGREGATES, params)


def assign(session: Session, quote_ids: list[int], params: GroupingParams | None = None) -> None:
    """Group newly stored quotes into statements (called by the store after it inserts one
    article's quotes, inside the same transaction).

    In: an open session and the new quotes' ids. Quotes that already have a statement are left
    alone, so calling it twice is harmless. Out: nothing; quotes get ``statement_id``,
    ``variant_kind``, ``variant_detail`` and ``similarity``; statements are created or updated.
    """
    recs = _load_records(session, quote_ids)
    if not recs:
        return
    now = utcnow()

    def new_statement(rec: QuoteRecord) -> int:
        return session.execute(
            text(
                "INSERT INTO statements (speaker_id, root_quote_id, first_published, "
                "first_outlet_id, n_quotes, n_outlets, created_at) "
                "VALUES (:spk, :root, :first, :outlet, 1, :n_out, :now) RETURNING id"
            ),
            {
                "spk": rec.speaker_id,
                "root": rec.id,
                "first": rec.published,
                "outlet": rec.outlet_id,
                "n_out": 1,
                "now": now,
            },
        ).scalar_one()

    grouper = Grouper(params, new_key=new_statement)
    _seed_candidates(session, grouper, recs)
    placed: dict[int, int] = {}
    rerooted: set[int] = set()
    merges: list[tuple[int, tuple[int, ...]]] = []
    for r, pl in zip(recs, grouper.add_all(recs)):
        placed[r.id] = pl.statement_key
        if pl.root_changed and not pl.is_new:
            rerooted.add(pl.statement_key)
        if pl.merged:
            merges.append((pl.statement_key, pl.merged))
    # Statements merged by later quotes of this article resolve to their survivor.
    placed = {q: grouper.resolve(k) for q, k in placed.items()}
    rerooted = {grouper.resolve(k) for k in rerooted}
    if merges:
        _merge_statements(session, [(grouper.resolve(k), m) for k, m in merges], now)
    by_id = {r.id: r for r in recs}
    split = split_parts(recs)
    touched = sorted(set(placed.values()))
    roots = {sid: grouper.statements[sid].root.id for sid in touched}
    # Root rows: new quotes are at hand; older roots are read back.
    root_recs = _root_records(session, [q for q in roots.values() if q not in by_id])
    root_recs.update(by_id)
    assignments: list[Assignment] = []
    for sid in sorted(rerooted):
        for qrec, was_split in _member_records(session, sid, exclude=by_id):
            assignments.append(
                assignment_for(qrec, root_recs[roots[sid]], grouper.params, sid, was_split)
            )
    for r in recs:
        sid = placed[r.id]
        assignments.append(
            assignment_for(r, root_recs[roots[sid]], grouper.params, sid, r.id in split)
        )
    # The quotes' own wordings (a split quote's part by its own text), as the window reads
    # stored quotes.
    _store_assignments(
        session, assignments, {r.id: _wording(r.id, r.type, r.text, r.cue)[1] for r in recs}
    )
    if rerooted:
        session.execute(
            text("UPDATE statements SET root_quote_id = :root WHERE id = :sid"),
            [{"sid": sid, "root": roots[sid]} for sid in sorted(rerooted)],
        )
    _refresh(session, touched)


def _merge_statements(
    session: Session, merges: Sequence[tuple[int, tuple[int, ...]]], now: dt.datetime
) -> None:
    """Write merges: the absorbed statements' quotes move to the survivor, their ids (and any
    redirect that pointed at them) redirect to it, and their rows go. In: (survivor,
    absorbed ids) pairs, survivors already resolved; the merge time."""
    for keep, absorbed in merges:
        gone = [{"old": int(a), "keep": int(keep), "now": now} for a in absorbed if a != keep]
        if not gone:
            continue
        session.execute(
            text("UPDATE quotes SET statement_id = :keep WHERE statement_id = :old"), gone
        )
        session.execute(
            text("UPDATE statement_redirects SET statement_id = :keep WHERE statement_id = :old"),
            gone,
        )
        session.execute(
            text(
                "INSERT INTO statement_redirects (old_id, statement_id, merged_at) "
                "VALUES (:old, :keep, :now)"
            ),
            gone,
        )
        session.execute(text("DELETE FROM statements WHERE id = :old"), gone)


def resolve_statement_id(session: Session, statement_id: int) -> tuple[int | None, bool]:
    """The live statement an id names: ``(id, False)`` for a statement, ``(survivor, True)``
    for an id merged into another (via ``statement_redirects``), ``(None, False)`` when it
    names nothing."""
    if session.get(Statement, statement_id) is not None:
        return statement_id, False
    target = session.scalar(
        text("SELECT statement_id FROM statement_redirects WHERE old_id = :old"),
        {"old": statement_id},
    )
    return (int(target), True) if target is not None else (None, False)


def _root_records(session: Session, quote_ids: Sequence[int]) -> dict[int, QuoteRecord]:
    out: dict[int, QuoteRecord] = {}
    for chunk in _chunks(sorted(set(quote_ids))):
        for row in session.execute(_record_select().where(Quote.id.in_(chunk))):
            out[row[0]] = _record(row)
    return out


def _member_records(
    session: Session, statement_id: int, exclude: dict[int, QuoteRecord]
) -> list[tuple[QuoteRecord, bool]]:
    """A statement's stored quotes (minus ``exclude``) and whether each is part of a split
    quote (remembered in its ``variant_detail``)."""
    rows = session.execute(
        _record_select()
        .add_columns(Quote.variant_detail)
        .where(Quote.statement_id == statement_id)
        .order_by(Quote.id)
    ).all()
    out = []
    for r in rows:
        if r[0] in exclude:
            continue
        detail = json.loads(r[13]) if r[13] else {}
        out.append((_record(r), bool(detail.get("split_part"))))
    return out


def regroup(
    session: Session, params: GroupingParams | None = None, batch: int = 20_000
) -> dict[str, Any]:
    """Rebuild every statement by replaying all quotes in id order.

    Statements whose first quote is unchanged keep their id (so an unchanged database keeps all
    its ids); other statements are removed and new ones created. In: an open session (the
    caller commits). Out: counts ``quotes``, ``statements``, ``kept``, ``created``,
    ``removed`` and ``seconds``.
    """
    t0 = time.perf_counter()
    grouper = Grouper(params)
    key_of: dict[int, int] = {}
    split: set[int] = set()
    # Each quote's signature bytes as the grouper computed them, in id order, for the second
    # pass: tokenising a million quotes again would cost more than these 64 bytes a quote.
    order = array("q")
    sigs_in_order = bytearray()
    stream = session.execute(
        _record_select().add_columns(Quote.start, Quote.end).order_by(Quote.id)
    ).yield_per(batch)
    buffer: list[Row] = []

    def flush() -> None:
        # Whole articles at a time (the store inserts an article's quotes together), so split
        # quotes are linked exactly as on ingest; many articles per flush, so their texts are
        # read in a few queries rather than one each.
        recs = _with_continuations(session, buffer)
        split.update(split_parts(recs))
        for rec, pl in zip(recs, grouper.add_all(recs)):
            key_of[rec.id] = pl.statement_key
            order.append(rec.id)
            sigs_in_order.extend(sig_bytes(pl.sig, pl.psig))
        buffer.clear()

    # The collector off while replaying (see collector_paused): the grouper makes no cycles,
    # and the few hundred objects the database layer leaves in cycles (460 in a regroup of
    # 30,000 quotes) wait for the next collection.
    with collector_paused():
        for row in stream:
            if len(buffer) >= _FLUSH_ROWS and row[7] != buffer[-1][7]:
                flush()
            buffer.append(row)
        flush()
    if grouper.merged:
        key_of = {q: grouper.resolve(k) for q, k in key_of.items()}
    founding = dict(
        session.execute(
            select(func.min(Quote.id), Quote.statement_id)
            .where(Quote.statement_id.is_not(None))
            .group_by(Quote.statement_id)
        ).all()
    )
    old_ids = set(session.scalars(select(Statement.id)))
    now = utcnow()
    sid_of: dict[int, int] = {}
    used: set[int] = set()
    created = 0
    for key in sorted(set(key_of.values())):
        sid = founding.get(key)
        if sid is None or sid in used:
            s = grouper.statements[key]
            sid = session.execute(
                text(
                    "INSERT INTO statements (speaker_id, root_quote_id, n_quotes, n_outlets, "
                    "created_at) VALUES (:spk, :root, 0, 0, :now) RETURNING id"
                ),
                {"spk": s.speaker_id, "root": s.root.id, "now": now},
            ).scalar_one()
            created += 1
        sid_of[key] = sid
        used.add(sid)
    kept = len(old_ids & set(sid_of.values()))
    session.execute(
        text("UPDATE statements SET root_quote_id = :root, speaker_id = :spk WHERE id = :sid"),
        [
            {
                "sid": sid_of[k],
                "root": grouper.statements[k].root.id,
                "spk": grouper.statements[k].speaker_id,
            }
            for k in sid_of
        ],
    )
    root_recs = _root_records(session, [grouper.statements[k].root.id for k in sid_of])
    pending: list[Assignment] = []
    sigs: dict[int, bytes] = {}
    stream = session.execute(_record_select().order_by(Quote.id)).yield_per(batch)
    for k, row in enumerate(stream):
        rec = _record(row)
        key = key_of[rec.id]
        pending.append(
            assignment_for(
                rec,
                root_recs[grouper.statements[key].root.id],
                grouper.params,
                sid_of[key],
                rec.id in split,
            )
        )
        if k < len(order) and order[k] == rec.id:
            sigs[rec.id] = bytes(sigs_in_order[k * _SIG_LEN : (k + 1) * _SIG_LEN])
        else:  # (not through the _wording cache: it is for what ingest reads again)
            sigs[rec.id] = _tokenised(rec.id, rec.type, rec.text, rec.cue)[1]
        if len(pending) >= batch:
            _store_assignments(session, pending, sigs)
            pending.clear()
            sigs.clear()
    _store_assignments(session, pending, sigs)
    stale = old_ids - set(sid_of.values())
    # A statement id that disappears keeps resolving to the statement its first quote is in.
    first_quote = {sid: q for q, sid in founding.items()}
    moved = [
        {"old": old, "keep": sid_of[key_of[first_quote[old]]], "now": now}
        for old in sorted(stale)
        if first_quote.get(old) in key_of
    ]
    if moved:
        session.execute(
            text("UPDATE statement_redirects SET statement_id = :keep WHERE statement_id = :old"),
            moved,
        )
        session.execute(
            text(
                "INSERT INTO statement_redirects (old_id, statement_id, merged_at) "
                "VALUES (:old, :keep, :now) ON CONFLICT (old_id) DO UPDATE SET "
                "statement_id = excluded.statement_id"
            ),
            moved,
        )
    for chunk in _chunks(sorted(stale)):
        session.execute(
            text(f"DELETE FROM statements WHERE id IN ({','.join(str(int(i)) for i in chunk)})")
        )
    session.execute(text(_AGGREGATES.text.replace("WHERE id = :sid", "")))
    return {
        "quotes": len(key_of),
        "statements": len(sid_of),
        "kept": kept,
        "created": created,
        "removed": len(stale),
        "seconds": round(time.perf_counter() - t0, 3),
    }


def forget(
    session: Session, statement_ids: Sequence[int], params: GroupingParams | None = None
) -> None:
    """Repair statements that lost quotes (the store deleted an article's quotes to replace
    them with a new version's): a statement left without quotes is deleted; the others keep
    their id, get a new root if theirs is gone, their variants reclassified and their counts
    refreshed.

    In: an open session, the ids of statements that lost quotes. Out: nothing.
    """
    p = params or GroupingParams()
    for sid in sorted(set(statement_ids)):
        members = _member_records(session, sid, exclude={})
        if not members:
            session.execute(text("DELETE FROM statements WHERE id = :sid"), {"sid": sid})
            continue
        root = max((m for m, _ in members), key=lambda r: wording(r.id, r.type, r.text).rank)
        session.execute(
            text("UPDATE statements SET root_quote_id = :root WHERE id = :sid"),
            {"sid": sid, "root": root.id},
        )
        _store_assignments(
            session, [assignment_for(m, root, p, sid, split) for m, split in members]
        )
        _refresh(session, [sid])
