"""Stable references: how a correction names its quotes and speakers so that it finds them
again after an article was re-ingested (new quote ids) or in another database (other ids).

A quote is named by its article (content hash, url, source file and line) and the machine's
offsets and text; a speaker by its kind and identity key. Ids are kept as hints: they are
used when they still point at the same thing, and ignored otherwise.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from quotetrack.store.models import Article, MachineValue, Quote, Speaker, SpeakerAlias
from quotetrack.store.speakers import identity_module

QuoteRef = dict[str, Any]
SpeakerRef = dict[str, Any]


def _norm(text: str | None) -> str:
    """Text compared for matching: whitespace runs collapsed, ends stripped."""
    return re.sub(r"\s+", " ", text or "").strip()


def machine_span(session: Session, quote_id: int) -> tuple[int, int, str] | None:
    """The machine's (start, end, text) of a quote whose span a fix changed, else None."""
    value = session.scalar(
        select(MachineValue.value).where(
            MachineValue.entity == "quote",
            MachineValue.entity_id == quote_id,
            MachineValue.field == "span",
        )
    )
    if value is None:
        return None
    d = json.loads(value)
    return d["start"], d["end"], d["text"]


def quote_ref(session: Session, quote_id: int) -> QuoteRef:
    """The stable reference of a stored quote (the machine's span, even if a fix moved it)."""
    q = session.get(Quote, quote_id)
    if q is None:
        raise LookupError(quote_id)
    a = session.get(Article, q.article_id)
    assert a is not None  # quotes are deleted with their article
    start, end, text = machine_span(session, quote_id) or (q.start, q.end, q.text)
    return {
        "id": q.id,
        "article": {
            "id": a.id,
            "content_hash": a.content_hash,
            "url": a.url,
            "source_path": a.source_path,
            "source_line": a.source_line,
        },
        "start": start,
        "end": end,
        "text": text,
    }


def find_article(session: Session, ref: QuoteRef) -> tuple[int, bool] | None:
    """The stored article a reference points into, and whether its text is the same version
    (same content hash); None when the article is not in the database."""
    art = ref["article"]
    same = session.scalar(select(Article.id).where(Article.content_hash == art["content_hash"]))
    if same is not None:
        return same, True
    if art.get("url"):
        by_url = session.scalar(select(Article.id).where(Article.url == art["url"]))
        if by_url is not None:
            return by_url, False
        return None
    if art.get("source_path"):
        line = art.get("source_line")
        stmt = select(Article.id).where(Article.source_path == art["source_path"])
        stmt = stmt.where(
            Article.source_line.is_(None) if line is None else Article.source_line == line
        )
        found = session.scalar(stmt.order_by(Article.id).limit(1))
        if found is not None:
            return found, False
    return None


def resolve_quote(
    session: Session, ref: QuoteRef, article_ids: Collection[int] | None = None
) -> int | None:
    """The id of the quote a reference names, or None when it is not (or no longer) stored.

    In the same version of the article the quote is the one at the machine's offsets; in a
    changed version (or another database's copy of the article) the one with the same text,
    nearest the old offset, else the one covering where that text now stands.
    ``article_ids``, when given, limits the search to those articles.
    """
    found = find_article(session, ref)
    if found is None:
        return None
    article_id, same_version = found
    if article_ids is not None and article_id not in article_ids:
        return None
    rows = session.execute(
        select(Quote.id, Quote.start, Quote.end, Quote.text).where(Quote.article_id == article_id)
    ).all()
    machine = {}
    for qid, start, end, text in rows:
        machine[qid] = machine_span(session, qid) or (start, end, text)
    if same_version:
        for qid, (start, end, _) in machine.items():
            if (start, end) == (ref["start"], ref["end"]):
                return qid
    want = _norm(ref["text"])
    same_text = [qid for qid, (_, _, text) in machine.items() if _norm(text) == want]
    if same_text:
        return min(same_text, key=lambda q: (abs(machine[q][0] - ref["start"]), q))
    if same_version:
        return None
    body = session.scalar(select(Article.text).where(Article.id == article_id)) or ""
    at = body.find(ref["text"])
    if at < 0:
        return None
    covering = [q for q, (s, e, _) in machine.items() if s < at + len(ref["text"]) and at < e]
    return min(covering, key=lambda q: (abs(machine[q][0] - at), q)) if covering else None


def resolve_quotes(
    session: Session, refs: list[QuoteRef], article_ids: Collection[int] | None = None
) -> list[int]:
    """The ids of those of ``refs`` that are stored, in order, without repeats."""
    out: list[int] = []
    for ref in refs:
        qid = resolve_quote(session, ref, article_ids)
        if qid is not None and qid not in out:
            out.append(qid)
    return out


def machine_kind(session: Session, speaker_id: int, kind: str) -> str:
    """A speaker's kind as the machine gave it (before a ``speaker set --kind``)."""
    value = session.scalar(
        select(MachineValue.value).where(
            MachineValue.entity == "speaker",
            MachineValue.entity_id == speaker_id,
            MachineValue.field == "kind",
        )
    )
    return json.loads(value) if value is not None else kind


def speaker_ref(session: Session, speaker_id: int) -> SpeakerRef:
    """The stable reference of a stored speaker: id, kind, identity key and name."""
    sp = session.get(Speaker, speaker_id)
    if sp is None:
        raise LookupError(speaker_id)
    return {
        "id": sp.id,
        "kind": machine_kind(session, sp.id, sp.kind),
        "name_key": sp.name_key,
        "name": sp.name,
    }


def new_speaker_ref(name: str, kind: str) -> SpeakerRef:
    """A reference to a speaker that may not exist yet (created when the fix applies)."""
    ident = identity_module()
    key = ident.anonymous_key(name) if kind == "anonymous" else ident.name_key(name)
    return {"id": None, "kind": kind, "name_key": key, "name": name}


def resolve_speaker(session: Session, ref: SpeakerRef) -> int | None:
    """The id of the speaker a reference names: the id when it still has that identity key,
    else the speaker with that kind and key, else the one whose alias it is; None if none."""
    if ref.get("id") is not None:
        sp = session.get(Speaker, ref["id"])
        if sp is not None and sp.name_key == ref["name_key"]:
            return sp.id
    by_key = session.scalars(
        select(Speaker.id).where(Speaker.name_key == ref["name_key"]).order_by(Speaker.id)
    ).all()
    for sid in by_key:
        sp = session.get(Speaker, sid)
        if sp is not None and machine_kind(session, sid, sp.kind) == ref["kind"]:
            return sid
    alias_key = identity_module().alias_key(ref["name"])
    owners = session.scalars(
        select(SpeakerAlias.speaker_id).where(SpeakerAlias.alias_key == alias_key).distinct()
    ).all()
    return owners[0] if len(owners) == 1 else None


def ensure_speaker(session: Session, ref: SpeakerRef) -> int:
    """The speaker a reference names, created (with its name as an alias) when missing."""
    sid = resolve_speaker(session, ref)
    if sid is not None:
        return sid
    ident = identity_module()
    surname = None if ref["kind"] == "anonymous" else ident.surname_key(ref["name"])
    sp = Speaker(
        name=ref["name"],
        name_key=ref["name_key"],
        surname_key=surname,
        kind=ref["kind"],
        role=None,
    )
    session.add(sp)
    session.flush()
    session.add(
        SpeakerAlias(speaker_id=sp.id, alias=ref["name"], alias_key=ident.alias_key(ref["name"]))
    )
    session.flush()
    return sp.id
