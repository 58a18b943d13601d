"""Applying corrections to the stored data, replaying the log, and restoring the machine's
values.

Every fix is idempotent: applied to data where it already holds, it changes nothing. A
replay applies the active fixes in log order in two phases: first those on speakers and
quotes (speaker, type, span, not a quote), after which the quotes whose speaker, type or
text changed are grouped again; then those on statements, which act as constraints on the
grouping the machine made: ``statement merge`` is a must-link (the statements holding the
named quotes become one) and ``statement detach`` a cannot-link (the quote leaves the quotes
it was with, for a statement of its own or the one named with ``--to``).

The statement constraints are a pass after grouping rather than rules inside the grouper:
the grouper's incremental assignment and its full regroup are proven to agree, and a pass
that runs after both keeps that true for every corrected quote, with the grouper unchanged.
New quotes are grouped against the corrected statements, as they are stored.

The first time a fix overrides a field, the machine's value is kept in ``machine_values``;
``restore_machine_values`` puts them all back, which is how undo works (restore, then replay
the fixes that still hold).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, exists, func, insert, select, update
from sqlalchemy.orm import Session

from quotetrack.statements import db as statements_db
from quotetrack.statements.grouping import GroupingParams
from quotetrack.store.models import Article, MachineValue, Quote, Speaker, Statement, utcnow
from quotetrack.store.models import Correction as CorrectionRow
from quotetrack.store.speakers import identity_module
from quotetrack.store.store import ungroup_quotes

from .model import ENTITY_ACTIONS, STATEMENT_ACTIONS, Correction, ReplayReport
from .refs import (
    ensure_speaker,
    find_article,
    resolve_quote,
    resolve_quotes,
    resolve_speaker,
)

_QUOTE_COLUMNS = [c.name for c in Quote.__table__.columns if c.name != "signature"]


def _json(value: str | None) -> Any:
    """A stored JSON value (``None`` for SQL NULL)."""
    return json.loads(value) if value is not None else None


class Unresolved(Exception):
    """A fix whose target is not in the database (its article is gone, its text changed)."""


@dataclass
class Work:
    """What the fixes applied so far left to do: quotes to group again and statements that
    lost or gained quotes (their roots, variants and counts to refresh)."""

    regroup: set[int] = field(default_factory=set)
    statements: set[int] = field(default_factory=set)
    group_new: bool = True  # group quotes that have no statement yet
    params: GroupingParams | None = None  # the database's grouping parameters


# -- the log ---------------------------------------------------------------------------------


def has_corrections(session: Session) -> bool:
    """True when the log has any entry (replays cost one query on a database without)."""
    return session.scalar(select(exists().where(CorrectionRow.id.is_not(None)))) or False


def log_entries(session: Session) -> list[Correction]:
    """Every entry of the log in order, each with the id of the undo that reverted it."""
    # Core rows: this runs twice for every article stored while the log has entries.
    rows = session.connection().execute(
        select(*CorrectionRow.__table__.columns).order_by(CorrectionRow.id)
    )
    entries = [Correction.from_row(r) for r in rows]
    undone = {e.undoes: e.id for e in entries if e.action == "undo" and e.undoes is not None}
    return [
        dataclasses.replace(e, undone_by=undone[e.id]) if e.id in undone else e for e in entries
    ]


def active_corrections(session: Session) -> list[Correction]:
    """The fixes that hold (not undone, not undo entries), in log order."""
    return [c for c in log_entries(session) if c.active]


def append(
    session: Session,
    action: str,
    target_id: int | None,
    args: dict[str, Any],
    *,
    note: str | None,
    author: str,
    forced: bool = False,
    undoes: int | None = None,
    created_at: Any = None,
) -> Correction:
    """Add one entry to the log (the only write the log ever sees) and return it."""
    row = CorrectionRow(
        action=action,
        target_id=target_id,
        args=json.dumps(args, ensure_ascii=False, sort_keys=True, default=str),
        note=note,
        author=author,
        forced=forced,
        undoes=undoes,
        created_at=created_at or utcnow(),
    )
    session.add(row)
    session.flush()
    return Correction.from_row(row)


# -- machine values ----------------------------------------------------------------------


def _keep_machine(
    session: Session,
    entity: str,
    entity_id: int,
    field_name: str,
    value: Any,
    correction_id: int,
    article: tuple[int, str] | None = None,
) -> None:
    """Remember the machine's value of a field the first time a fix overrides it."""
    known = session.scalar(
        select(MachineValue.id).where(
            MachineValue.entity == entity,
            MachineValue.entity_id == entity_id,
            MachineValue.field == field_name,
        )
    )
    if known is not None:
        return
    session.add(
        MachineValue(
            entity=entity,
            entity_id=entity_id,
            field=field_name,
            value=json.dumps(value, ensure_ascii=False, default=str),
            article_id=article[0] if article else None,
            content_hash=article[1] if article else None,
            correction_id=correction_id,
        )
    )
    session.flush()


def _article_of(session: Session, quote: Quote) -> tuple[int, str]:
    digest = session.scalar(select(Article.content_hash).where(Article.id == quote.article_id))
    return quote.article_id, digest or ""


# -- phase one: speakers and quotes --------------------------------------------------------


def _scoped(stmt, article_ids: Collection[int] | None):
    return stmt if article_ids is None else stmt.where(Quote.article_id.in_(list(article_ids)))


def _move_quotes(
    session: Session, quote_ids: Sequence[int], speaker_id: int, corr: Correction, work: Work
) -> bool:
    changed = False
    for qid in quote_ids:
        q = session.get(Quote, qid)
        if q is None:
            continue
        _keep_machine(
            session, "quote", qid, "speaker_id", q.speaker_id, corr.id, _article_of(session, q)
        )
        if q.speaker_id != speaker_id:
            q.speaker_id = speaker_id
            work.regroup.add(qid)
            changed = True
    session.flush()
    return changed


def _speaker(session: Session, ref: dict[str, Any]) -> Speaker:
    sid = resolve_speaker(session, ref)
    sp = session.get(Speaker, sid) if sid is not None else None
    if sp is None:
        raise Unresolved(f"speaker {ref.get('name')!r} is not in the database")
    return sp


def _speaker_merge(session, corr, work, article_ids) -> bool:
    keep = _speaker(session, corr.args["keep"])
    changed = False
    for ref in corr.args["others"]:
        sid = resolve_speaker(session, ref)
        if sid is None or sid == keep.id:
            continue
        qids = session.scalars(
            _scoped(select(Quote.id).where(Quote.speaker_id == sid), article_ids)
        ).all()
        changed |= _move_quotes(session, qids, keep.id, corr, work)
    return changed


def mention_matches(mention: str | None, alias: str) -> bool:
    if not mention:
        return False
    ident = identity_module()
    return ident.alias_key(mention) == ident.alias_key(alias) or (
        bool(ident.name_key(alias)) and ident.name_key(mention) == ident.name_key(alias)
    )


def _speaker_split(session, corr, work, article_ids) -> bool:
    sp = _speaker(session, corr.args["speaker"])
    new_id = ensure_speaker(session, corr.args["new"])
    rows = session.execute(
        _scoped(select(Quote.id, Quote.mention).where(Quote.speaker_id == sp.id), article_ids)
    ).all()
    qids = [qid for qid, mention in rows if mention_matches(mention, corr.args["alias"])]
    return _move_quotes(session, qids, new_id, corr, work)


def _speaker_rename(session, corr, work, article_ids) -> bool:
    sp = _speaker(session, corr.args["speaker"])
    _keep_machine(session, "speaker", sp.id, "name", sp.name, corr.id)
    if sp.name == corr.args["name"]:
        return False
    sp.name = corr.args["name"]
    session.flush()
    return True


def _speaker_set(session, corr, work, article_ids) -> bool:
    sp = _speaker(session, corr.args["speaker"])
    changed = False
    for name, value in sorted(corr.args["values"].items()):
        _keep_machine(session, "speaker", sp.id, name, getattr(sp, name), corr.id)
        if getattr(sp, name) == value:
            continue
        if name == "kind":
            taken = session.scalar(
                select(Speaker.id).where(
                    Speaker.kind == value, Speaker.name_key == sp.name_key, Speaker.id != sp.id
                )
            )
            if taken is not None:
                raise Unresolved(
                    f"speaker {taken} is already the {value} {sp.name!r}; merge instead"
                )
        setattr(sp, name, value)
        changed = True
    session.flush()
    return changed


def _quote(session: Session, corr: Correction, article_ids) -> Quote | None:
    """The quote a fix names; None when it is outside ``article_ids``."""
    ref = corr.args["quote"]
    qid = resolve_quote(session, ref, article_ids)
    if qid is None:
        found = find_article(session, ref)
        if article_ids is not None and (found is None or found[0] not in article_ids):
            return None
        raise Unresolved(f"quote {ref['text'][:40]!r} is not in its article any more")
    q = session.get(Quote, qid)
    assert q is not None
    return q


def _quote_speaker(session, corr, work, article_ids) -> bool:
    q = _quote(session, corr, article_ids)
    if q is None:
        return False
    to = ensure_speaker(session, corr.args["to"])
    return _move_quotes(session, [q.id], to, corr, work)


def _quote_type(session, corr, work, article_ids) -> bool:
    q = _quote(session, corr, article_ids)
    if q is None:
        return False
    _keep_machine(session, "quote", q.id, "type", q.type, corr.id, _article_of(session, q))
    if q.type == corr.args["type"]:
        return False
    q.type = corr.args["type"]
    work.regroup.add(q.id)
    session.flush()
    return True


def _quote_span(session, corr, work, article_ids) -> bool:
    q = _quote(session, corr, article_ids)
    if q is None:
        return False
    a = corr.args
    body = session.scalar(select(Article.text).where(Article.id == q.article_id)) or ""
    start, end = a["start"], a["end"]
    if body[start:end] != a["text"]:
        # A changed version of the article: the corrected words where they now stand,
        # nearest the quote.
        spots = []
        at = body.find(a["text"])
        while at >= 0:
            spots.append(at)
            at = body.find(a["text"], at + 1)
        if not spots:
            raise Unresolved(f"the corrected span {a['text'][:40]!r} is not in the article")
        start = min(spots, key=lambda s: abs(s - q.start))
        end = start + len(a["text"])
    _keep_machine(
        session,
        "quote",
        q.id,
        "span",
        {"start": q.start, "end": q.end, "text": q.text},
        corr.id,
        _article_of(session, q),
    )
    if (q.start, q.end) == (start, end):
        return False
    q.start, q.end, q.text = start, end, body[start:end]
    work.regroup.add(q.id)
    session.flush()
    return True


def _removed_record(session: Session, ref: dict[str, Any]) -> bool:
    """True when the quote a reference names was removed by a fix (in this version)."""
    found = find_article(session, ref)
    if found is None:
        return False
    for value in session.scalars(
        select(MachineValue.value).where(
            MachineValue.entity == "removed_quote", MachineValue.article_id == found[0]
        )
    ):
        row = _json(value)
        if (row["start"], row["end"]) == (ref["start"], ref["end"]) or row["text"] == ref["text"]:
            return True
    return False


def _quote_remove(session, corr, work, article_ids) -> bool:
    try:
        q = _quote(session, corr, article_ids)
    except Unresolved:
        if _removed_record(session, corr.args["quote"]):
            return False
        raise
    if q is None:
        return False
    row = {c: getattr(q, c) for c in _QUOTE_COLUMNS}
    # The machine's own values of fields other fixes overrode go with it.
    for mv in session.scalars(
        select(MachineValue).where(MachineValue.entity == "quote", MachineValue.entity_id == q.id)
    ):
        value = _json(mv.value)
        if mv.field == "span":
            row.update(value)
        elif mv.field == "speaker_id":
            row["speaker_id"] = value
        elif mv.field == "type":
            row["type"] = value
        session.delete(mv)
    row["statement_id"] = None
    row["variant_kind"] = row["variant_detail"] = row["similarity"] = None
    _keep_machine(session, "removed_quote", q.id, "deleted", row, corr.id, _article_of(session, q))
    if q.statement_id is not None:
        work.statements.add(q.statement_id)
    work.regroup.discard(q.id)
    session.delete(q)
    session.flush()
    return True


_ENTITY_APPLIERS = {
    "speaker.merge": _speaker_merge,
    "speaker.split": _speaker_split,
    "speaker.rename": _speaker_rename,
    "speaker.set": _speaker_set,
    "quote.speaker": _quote_speaker,
    "quote.type": _quote_type,
    "quote.span": _quote_span,
    "quote.not_a_quote": _quote_remove,
}


# -- grouping -----------------------------------------------------------------------------


def _regroup_quotes(session: Session, quote_ids: Iterable[int], work: Work) -> None:
    """Group quotes again after a fix changed their speaker, type or text."""
    rows = session.execute(
        select(Quote.id, Quote.statement_id).where(Quote.id.in_(sorted(set(quote_ids))))
    ).all()
    # Quotes not grouped yet are grouped here, unless the store is about to group them (an
    # article's new quotes, before_grouping).
    ids = sorted(qid for qid, sid in rows if sid is not None or work.group_new)
    if not ids:
        return
    old = ungroup_quotes(session, ids)
    if old:
        statements_db.forget(session, old, work.params)
    statements_db.assign(session, ids, work.params)
    session.expire_all()


def _statement_of(session: Session, quote_id: int) -> int | None:
    return session.scalar(select(Quote.statement_id).where(Quote.id == quote_id))


def _move_to_statement(
    session: Session, quote_ids: Iterable[int], statement_id: int, corr: Correction, work: Work
) -> bool:
    changed = False
    for qid in quote_ids:
        q = session.get(Quote, qid)
        if q is None or q.statement_id == statement_id:
            continue
        _keep_machine(
            session, "quote", qid, "statement", q.statement_id, corr.id, _article_of(session, q)
        )
        if q.statement_id is not None:
            work.statements.add(q.statement_id)
        q.statement_id = statement_id
        changed = True
    work.statements.add(statement_id)
    session.flush()
    return changed


def _in_scope(session: Session, refs: list[dict[str, Any]], article_ids) -> bool:
    if article_ids is None:
        return True
    for ref in refs:
        found = find_article(session, ref)
        if found is not None and found[0] in article_ids:
            return True
    return False


def _statement_merge(session, corr, work, article_ids) -> bool:
    a = corr.args
    refs = a["keep"] + [r for group in a["others"] for r in group]
    if not _in_scope(session, refs, article_ids):
        return False
    keep = [q for q in resolve_quotes(session, a["keep"]) if _statement_of(session, q)]
    if not keep:
        raise Unresolved(f"no quote of statement {corr.target_id} is stored and grouped")
    target = _statement_of(session, keep[0])
    assert target is not None
    members = resolve_quotes(session, refs)
    sources = {_statement_of(session, q) for q in members} - {None, target}
    if not sources:
        return False
    moving = session.scalars(select(Quote.id).where(Quote.statement_id.in_(sorted(sources))))
    return _move_to_statement(session, list(moving), target, corr, work)


def new_statement(session: Session, quote: Quote, wanted_id: int | None) -> int:
    """A statement for one detached quote: the one the fix made for it, when that still
    exists and is empty or is free again (so its id survives regroups), else a new one."""
    if wanted_id is not None and session.get(Statement, wanted_id) is not None:
        empty = session.scalar(select(Quote.id).where(Quote.statement_id == wanted_id).limit(1))
        if empty is None:
            return wanted_id
    values = {"speaker_id": quote.speaker_id, "root_quote_id": quote.id, "created_at": utcnow()}
    if wanted_id is not None and session.get(Statement, wanted_id) is None:
        values["id"] = wanted_id
    return session.execute(
        insert(Statement).values(n_quotes=0, n_outlets=0, **values).returning(Statement.id)
    ).scalar_one()


def _statement_detach(session, corr, work, article_ids) -> bool:
    a = corr.args
    refs = [a["quote"], *a["apart"], *(a.get("to") or [])]
    if not _in_scope(session, refs, article_ids):
        return False
    qid = resolve_quote(session, a["quote"])
    if qid is None:
        raise Unresolved(f"quote {a['quote']['text'][:40]!r} is not in its article any more")
    q = session.get(Quote, qid)
    assert q is not None
    if a.get("to"):
        to = [t for t in resolve_quotes(session, a["to"]) if t != qid]
        target = next((s for s in (_statement_of(session, t) for t in to) if s is not None), None)
        if target is None:
            raise Unresolved(f"no quote of statement {a.get('to_id')} is stored and grouped")
        return _move_to_statement(session, [qid], target, corr, work)
    apart = set(resolve_quotes(session, a["apart"])) - {qid}
    together: set[int] = set()
    if q.statement_id is not None:
        together = set(
            session.scalars(select(Quote.id).where(Quote.statement_id == q.statement_id))
        )
        if not (apart & together):
            return False
    if q.statement_id is not None and q.statement_id == a.get("statement_id"):
        # A regroup gave the quote's old companions the detached statement's id (the quote
        # founded it): they move on, to their own old id when it is free, and the quote
        # keeps the id the fix gave it.
        others = sorted(together - {qid})
        first = session.get(Quote, others[0])
        assert first is not None
        new_id = new_statement(session, first, a.get("from_id"))
        _keep_machine(session, "quote", qid, "statement", None, corr.id, _article_of(session, q))
        return _move_to_statement(session, others, new_id, corr, work)
    new_id = new_statement(session, q, a.get("statement_id"))
    return _move_to_statement(session, [qid], new_id, corr, work)


_STATEMENT_APPLIERS = {
    "statement.merge": _statement_merge,
    "statement.detach": _statement_detach,
}


def _refresh_statements(
    session: Session, statement_ids: Iterable[int], params: GroupingParams | None
) -> None:
    """New roots, variants and counts for statements that gained or lost quotes (those left
    empty are removed); a statement's speaker is that of its root."""
    ids = sorted(s for s in set(statement_ids) if session.get(Statement, s) is not None)
    if not ids:
        return
    session.flush()
    statements_db.forget(session, ids, params)
    for sid in ids:
        root = session.scalar(select(Statement.root_quote_id).where(Statement.id == sid))
        if root is not None:
            session.execute(
                update(Statement)
                .where(Statement.id == sid, Statement.speaker_id.is_(None))
                .values(
                    speaker_id=select(Quote.speaker_id).where(Quote.id == root).scalar_subquery()
                )
            )
    session.expire_all()


# -- replay -------------------------------------------------------------------------------


def _quote_refs(corr: Correction) -> list[dict[str, Any]]:
    """Every quote reference of a fix (none for the speaker fixes)."""
    a = corr.args
    if corr.action.startswith("quote."):
        return [a["quote"]]
    if corr.action == "statement.merge":
        return a["keep"] + [r for group in a["others"] for r in group]
    if corr.action == "statement.detach":
        return [a["quote"], *a["apart"], *(a.get("to") or [])]
    return []


def _speaker_refs(corr: Correction) -> list[dict[str, Any]]:
    """The speakers whose quotes or row a speaker fix changes (for a merge, the others)."""
    a = corr.args
    if corr.action == "speaker.merge":
        return list(a["others"])
    return [a["speaker"]] if corr.action.startswith("speaker.") else []


def _may_reach(corr: Correction, keys: list[dict[str, Any]], speakers: set[Any]) -> bool:
    """Whether a fix can concern one of the articles described by ``keys`` (their content
    hash, url, source file and line) and ``speakers`` (the ids and identity keys of their
    quotes' speakers), decided without a query: a speaker fix when it names one of those
    speakers, a quote or statement fix through a quote reference into one of the articles.
    (A full replay, after a regroup, an undo or an import, applies every fix.)"""
    if corr.action.startswith("speaker."):
        return any(
            r.get("id") in speakers or r["name_key"] in speakers for r in _speaker_refs(corr)
        )
    for ref in _quote_refs(corr):
        art = ref["article"]
        for k in keys:
            if art["content_hash"] == k["content_hash"]:
                return True
            if art.get("url"):
                if art["url"] == k["url"]:
                    return True
            elif art.get("source_path") and (art["source_path"], art.get("source_line")) == (
                k["source_path"],
                k["source_line"],
            ):
                return True
    return False


def _scope_keys(session: Session, article_ids: Collection[int]) -> list[dict[str, Any]]:
    rows = session.execute(
        select(Article.content_hash, Article.url, Article.source_path, Article.source_line).where(
            Article.id.in_(list(article_ids))
        )
    ).all()
    return [
        {"content_hash": r[0], "url": r[1], "source_path": r[2], "source_line": r[3]} for r in rows
    ]


def _scope_speakers(session: Session, article_ids: Collection[int]) -> set[Any]:
    """Ids and identity keys of the speakers quoted in the articles."""
    rows = session.execute(
        select(Speaker.id, Speaker.name_key)
        .join(Quote, Quote.speaker_id == Speaker.id)
        .where(Quote.article_id.in_(list(article_ids)))
        .distinct()
    ).all()
    return {r[0] for r in rows} | {r[1] for r in rows}


PHASES = ("entities", "statements")


def apply(
    session: Session,
    corrections: Sequence[Correction],
    article_ids: Collection[int] | None = None,
    phases: Sequence[str] = PHASES,
    params: GroupingParams | None = None,
) -> ReplayReport:
    """Apply fixes in order, in the two phases the module docstring describes.

    ``article_ids`` limits the work to those articles' quotes (after storing an article);
    None applies each fix wherever it reaches. ``phases`` picks the phases to run
    (``entities``, ``statements``): the store runs the first on an article's quotes before
    they are grouped, so that they are grouped once, with their corrected values. Out: counts
    of fixes applied and of fixes that already held, and the fixes whose targets are missing,
    with the reason. ``params`` are the database's grouping parameters (default: the
    grouper's defaults).
    """
    scope = set(article_ids) if article_ids is not None else None
    if scope is not None:
        # Most fixes concern other articles: those are skipped without a query.
        keys = _scope_keys(session, scope)
        speakers = _scope_speakers(session, scope)
        corrections = [c for c in corrections if _may_reach(c, keys, speakers)]
    # Before the store groups an article's quotes, those quotes are left to it.
    work = Work(group_new="statements" in phases, params=params)
    applied = held = 0
    unresolved: dict[int, str] = {}
    for name, phase in zip(PHASES, (ENTITY_ACTIONS, STATEMENT_ACTIONS)):
        if name not in phases:
            continue
        appliers = _ENTITY_APPLIERS if phase is ENTITY_ACTIONS else _STATEMENT_APPLIERS
        for corr in corrections:
            if corr.action not in phase:
                continue
            try:
                # A savepoint: a fix that cannot apply leaves no half of itself behind.
                with session.begin_nested():
                    changed = appliers[corr.action](session, corr, work, scope)
            except Unresolved as exc:
                unresolved[corr.id] = str(exc)
                continue
            if changed:
                applied += 1
            else:
                held += 1
        if phase is ENTITY_ACTIONS and work.regroup:
            _regroup_quotes(session, work.regroup, work)
            work.regroup.clear()
    if work.statements:
        _refresh_statements(session, work.statements, params)
    return ReplayReport(applied=applied, held=held, unresolved=unresolved)


def replay(
    session: Session,
    article_ids: Collection[int] | None = None,
    params: GroupingParams | None = None,
) -> ReplayReport:
    """Apply every active fix again (after a re-ingest, an article update or a regroup);
    ``article_ids`` limits it to the quotes of those articles. Nothing to do and one query
    when the log is empty."""
    if not has_corrections(session):
        return ReplayReport()
    return apply(session, active_corrections(session), article_ids, params=params)


def restore_machine_values(session: Session, params: GroupingParams | None = None) -> int:
    """Put back the machine's value of every field a fix overrode, and forget them all.

    Removed quotes come back (with their old id when it is free, only into the same version
    of their article); quotes whose speaker, type, text or statement changes are grouped
    again. Out: the number of values restored.
    """
    work = Work(params=params)
    rows = session.scalars(select(MachineValue).order_by(MachineValue.id)).all()
    for mv in rows:
        value = _json(mv.value)
        if mv.entity == "speaker":
            sp = session.get(Speaker, mv.entity_id)
            if sp is not None:
                setattr(sp, mv.field, value)
        elif mv.entity == "removed_quote":
            digest = session.scalar(select(Article.content_hash).where(Article.id == mv.article_id))
            if digest == mv.content_hash:
                row = dict(value)
                if session.get(Quote, row["id"]) is not None:
                    del row["id"]
                qid = session.execute(insert(Quote).values(**row).returning(Quote.id)).scalar_one()
                work.regroup.add(qid)
        else:
            q = session.get(Quote, mv.entity_id)
            if q is None:
                continue
            if mv.field == "span":
                q.start, q.end, q.text = value["start"], value["end"], value["text"]
            elif mv.field in ("speaker_id", "type"):
                setattr(q, mv.field, value)
            work.regroup.add(q.id)
        session.delete(mv)
    session.flush()
    _regroup_quotes(session, work.regroup, work)
    return len(rows)


def _articles_of(session: Session, quote_ids: Sequence[int]) -> list[int]:
    return sorted(
        set(
            session.scalars(
                select(Quote.article_id).where(Quote.id.in_(sorted(set(quote_ids)))).distinct()
            )
        )
    )


def before_grouping(
    session: Session, quote_ids: Sequence[int], params: GroupingParams | None = None
) -> ReplayReport:
    """Called with an article's newly stored quotes before they are grouped (in the same
    transaction): the speaker and quote fixes that reach them hold again."""
    if not quote_ids or not has_corrections(session):
        return ReplayReport()
    articles = _articles_of(session, quote_ids)
    # Values kept for an article's earlier version, or for quote ids handed out again,
    # belong to quotes that are gone: the new quotes are the machine's own.
    session.execute(
        delete(MachineValue).where(
            MachineValue.entity == "quote", MachineValue.entity_id.in_(sorted(set(quote_ids)))
        )
    )
    current = select(Article.content_hash).where(Article.id == MachineValue.article_id)
    session.execute(
        delete(MachineValue).where(
            MachineValue.article_id.in_(articles),
            MachineValue.content_hash != current.scalar_subquery(),
        )
    )
    return apply(
        session, active_corrections(session), articles, phases=("entities",), params=params
    )


def after_grouping(
    session: Session, quote_ids: Sequence[int], params: GroupingParams | None = None
) -> ReplayReport:
    """Called with an article's new quotes once they are grouped: the statement fixes that
    reach them hold again."""
    if not quote_ids or not has_corrections(session):
        return ReplayReport()
    articles = _articles_of(session, quote_ids)
    if not articles:
        return ReplayReport()
    return apply(
        session, active_corrections(session), articles, phases=("statements",), params=params
    )


def after_regroup(session: Session, params: GroupingParams | None = None) -> ReplayReport:
    """Called after a full regroup: the statement constraints hold again (the quote fixes
    are in the quote rows, which a regroup reads)."""
    if not has_corrections(session):
        return ReplayReport()
    session.execute(delete(MachineValue).where(MachineValue.field == "statement"))
    return apply(session, active_corrections(session), params=params)


def count_quotes(session: Session, speaker_id: int) -> int:
    """How many quotes a speaker has (for error messages)."""
    return session.scalar(select(func.count()).where(Quote.speaker_id == speaker_id)) or 0
