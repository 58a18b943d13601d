"""The fixes a researcher makes: each checks its arguments (raising :class:`CorrectionError`
before anything is written), appends one entry to the log, and applies it.

Every function takes an open write session (``store.session(write=True)``) and returns the
:class:`~quotetrack.corrections.model.Correction` it logged. ``by`` is who made the fix (the
command line defaults it to the OS user name); ``note`` says why; ``params`` are the
database's statement grouping parameters (``quotetrack.ingest.grouping_params``; default
the grouper's), used where a fix makes quotes be grouped again.
"""

from __future__ import annotations

import getpass
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from quotetrack.statements.grouping import GroupingParams
from quotetrack.store.models import Article, Quote, Speaker, Statement
from quotetrack.types import QUOTE_TYPES, SPEAKER_KINDS

from . import engine
from .model import Correction, FixRefused, UnknownTarget
from .refs import new_speaker_ref, quote_ref, resolve_speaker, speaker_ref


def default_author() -> str:
    """The OS user name, or ``unknown`` where the system has none."""
    try:
        return getpass.getuser()
    except Exception:  # no user name in this environment (some containers)
        return "unknown"


def _log_and_apply(
    session: Session,
    action: str,
    target_id: int | None,
    args: dict[str, Any],
    note: str | None,
    by: str | None,
    forced: bool = False,
    params: GroupingParams | None = None,
) -> Correction:
    corr = engine.append(
        session, action, target_id, args, note=note, author=by or default_author(), forced=forced
    )
    report = engine.apply(session, [corr], params=params)
    if corr.id in report.unresolved:
        # Checked beforehand, so this is a fix the data refuses (e.g. a kind already taken).
        raise FixRefused(report.unresolved[corr.id])
    return corr


def _speaker_row(session: Session, speaker_id: int) -> Speaker:
    sp = session.get(Speaker, speaker_id)
    if sp is None:
        raise UnknownTarget(f"no speaker with id {speaker_id} (see `quotetrack speakers`)")
    return sp


def _quote_row(session: Session, quote_id: int) -> Quote:
    q = session.get(Quote, quote_id)
    if q is None:
        raise UnknownTarget(f"no quote with id {quote_id} (see `quotetrack quotes`)")
    return q


def _statement_row(session: Session, statement_id: int) -> Statement:
    st = session.get(Statement, statement_id)
    if st is None:
        raise UnknownTarget(f"no statement with id {statement_id} (see `quotetrack statements`)")
    return st


def _members(session: Session, statement_id: int) -> list[int]:
    return list(
        session.scalars(
            select(Quote.id).where(Quote.statement_id == statement_id).order_by(Quote.id)
        )
    )


# -- speakers ---------------------------------------------------------------------------


def merge_speakers(
    session: Session,
    keep: int,
    others: Sequence[int],
    *,
    note: str | None = None,
    by: str | None = None,
    params: GroupingParams | None = None,
) -> Correction:
    """Speakers ``others`` are the same as ``keep``: their quotes (now and in every later
    article) become ``keep``'s."""
    if not others:
        raise FixRefused("name at least one speaker to merge into the kept one")
    _speaker_row(session, keep)
    for other in others:
        if other == keep:
            raise FixRefused(f"cannot merge speaker {keep} into itself")
        _speaker_row(session, other)
    args = {
        "keep": speaker_ref(session, keep),
        "others": [speaker_ref(session, o) for o in dict.fromkeys(others)],
    }
    return _log_and_apply(session, "speaker.merge", keep, args, note, by, params=params)


def split_speaker(
    session: Session,
    speaker_id: int,
    alias: str,
    *,
    name: str | None = None,
    note: str | None = None,
    by: str | None = None,
    params: GroupingParams | None = None,
) -> Correction:
    """The quotes of ``speaker_id`` whose speaker is written ``alias`` are by someone else:
    a speaker called ``name`` (default: the alias), created if there is none."""
    sp = _speaker_row(session, speaker_id)
    alias = alias.strip()
    if not alias:
        raise FixRefused("--alias needs the name as written in the articles")
    mentions = session.scalars(select(Quote.mention).where(Quote.speaker_id == speaker_id))
    if not any(engine.mention_matches(m, alias) for m in mentions):
        raise FixRefused(
            f"no quote of speaker {speaker_id} ({sp.name}) names its speaker {alias!r}"
        )
    new = new_speaker_ref((name or alias).strip(), sp.kind)
    if resolve_speaker(session, new) == speaker_id:
        raise FixRefused(
            f"{(name or alias)!r} is speaker {speaker_id} itself; give the other speaker's "
            "name with --name"
        )
    args = {"speaker": speaker_ref(session, speaker_id), "alias": alias, "new": new}
    return _log_and_apply(session, "speaker.split", speaker_id, args, note, by, params=params)


def rename_speaker(
    session: Session,
    speaker_id: int,
    name: str,
    *,
    note: str | None = None,
    by: str | None = None,
    params: GroupingParams | None = None,
) -> Correction:
    """Show speaker ``speaker_id`` as ``name`` (its identity key, which finds it in new
    articles, stays)."""
    _speaker_row(session, speaker_id)
    if not name.strip():
        raise FixRefused("a speaker's name cannot be empty")
    args = {"speaker": speaker_ref(session, speaker_id), "name": name.strip()}
    return _log_and_apply(session, "speaker.rename", speaker_id, args, note, by, params=params)


def set_speaker(
    session: Session,
    speaker_id: int,
    *,
    role: str | None = None,
    kind: str | None = None,
    note: str | None = None,
    by: str | None = None,
    params: GroupingParams | None = None,
) -> Correction:
    """Set a speaker's role and/or kind (``person``, ``organisation``, ``anonymous``)."""
    sp = _speaker_row(session, speaker_id)
    values: dict[str, Any] = {}
    if role is not None:
        values["role"] = role.strip() or None
    if kind is not None:
        if kind not in SPEAKER_KINDS:
            raise FixRefused(f"unknown kind {kind!r}; use one of {', '.join(SPEAKER_KINDS)}")
        taken = session.scalar(
            select(Speaker.id).where(
                Speaker.kind == kind, Speaker.name_key == sp.name_key, Speaker.id != sp.id
            )
        )
        if taken is not None:
            raise FixRefused(
                f"speaker {taken} is already the {kind} {sp.name!r}: "
                f"use `quotetrack fix speaker merge {taken} {speaker_id}`"
            )
        values["kind"] = kind
    if not values:
        raise FixRefused("give --role and/or --kind")
    args = {"speaker": speaker_ref(session, speaker_id), "values": values}
    return _log_and_apply(session, "speaker.set", speaker_id, args, note, by, params=params)


# -- quotes -----------------------------------------------------------------------------


def _speaker_target(session: Session, speaker: int | str, kind: str) -> dict[str, Any]:
    """The reference of the speaker a quote is reassigned to: an id, or a name (an existing
    speaker with exactly that name or alias, else a new speaker)."""
    if isinstance(speaker, int) or str(speaker).strip().isdigit():
        sid = int(speaker)
        _speaker_row(session, sid)
        return speaker_ref(session, sid)
    name = str(speaker).strip()
    if not name:
        raise FixRefused("--speaker needs a name or an id")
    ref = new_speaker_ref(name, kind)
    found = resolve_speaker(session, ref)
    return speaker_ref(session, found) if found is not None else ref


def reassign_quote(
    session: Session,
    quote_id: int,
    speaker: int | str,
    *,
    kind: str = "person",
    note: str | None = None,
    by: str | None = None,
    params: GroupingParams | None = None,
) -> Correction:
    """Quote ``quote_id`` is by ``speaker`` (an id, or a name: a new speaker of ``kind``
    when no speaker has that name)."""
    _quote_row(session, quote_id)
    if kind not in SPEAKER_KINDS:
        raise FixRefused(f"unknown kind {kind!r}; use one of {', '.join(SPEAKER_KINDS)}")
    args = {"quote": quote_ref(session, quote_id), "to": _speaker_target(session, speaker, kind)}
    return _log_and_apply(session, "quote.speaker", quote_id, args, note, by, params=params)


def set_quote_type(
    session: Session,
    quote_id: int,
    type: str,
    *,
    note: str | None = None,
    by: str | None = None,
    params: GroupingParams | None = None,
) -> Correction:
    """Quote ``quote_id`` is ``direct``, ``indirect`` or ``mixed``."""
    _quote_row(session, quote_id)
    if type not in QUOTE_TYPES:
        raise FixRefused(f"unknown quote type {type!r}; use one of {', '.join(QUOTE_TYPES)}")
    args = {"quote": quote_ref(session, quote_id), "type": type}
    return _log_and_apply(session, "quote.type", quote_id, args, note, by, params=params)


def not_a_quote(
    session: Session,
    quote_id: int,
    *,
    note: str | None = None,
    by: str | None = None,
    params: GroupingParams | None = None,
) -> Correction:
    """Quote ``quote_id`` is not a quote: it is removed (and stays removed when its
    article is read again; undo brings it back)."""
    _quote_row(session, quote_id)
    args = {"quote": quote_ref(session, quote_id)}
    return _log_and_apply(session, "quote.not_a_quote", quote_id, args, note, by, params=params)


def set_quote_span(
    session: Session,
    quote_id: int,
    start: int,
    end: int,
    *,
    note: str | None = None,
    by: str | None = None,
    params: GroupingParams | None = None,
) -> Correction:
    """Quote ``quote_id`` is ``article.text[start:end]`` (0-based, end exclusive)."""
    q = _quote_row(session, quote_id)
    body = session.scalar(select(Article.text).where(Article.id == q.article_id)) or ""
    if not 0 <= start < end <= len(body):
        raise FixRefused(
            f"span {start}:{end} is outside article {q.article_id}, whose text has "
            f"{len(body)} characters (a span is START:END with 0 <= START < END <= {len(body)})"
        )
    if not body[start:end].strip():
        raise FixRefused(f"span {start}:{end} of article {q.article_id} is only whitespace")
    args = {
        "quote": quote_ref(session, quote_id),
        "start": start,
        "end": end,
        "text": body[start:end],
    }
    return _log_and_apply(session, "quote.span", quote_id, args, note, by, params=params)


# -- statements -------------------------------------------------------------------------


def merge_statements(
    session: Session,
    keep: int,
    others: Sequence[int],
    *,
    force: bool = False,
    note: str | None = None,
    by: str | None = None,
    params: GroupingParams | None = None,
) -> Correction:
    """Statements ``others`` are the same utterance as ``keep``: their quotes join it, now
    and after every regroup. Statements of different speakers are refused unless
    ``force`` (which the log records)."""
    if not others:
        raise FixRefused("name at least one statement to merge into the kept one")
    kept = _statement_row(session, keep)
    for other in others:
        if other == keep:
            raise FixRefused(f"cannot merge statement {keep} into itself")
        st = _statement_row(session, other)
        if st.speaker_id != kept.speaker_id and not force:
            raise FixRefused(
                f"statement {other} is by speaker {st.speaker_id} and statement {keep} by "
                f"speaker {kept.speaker_id}; fix the speaker first, or merge anyway with --force"
            )
    others = list(dict.fromkeys(others))
    args = {
        "keep": [quote_ref(session, q) for q in _members(session, keep)],
        "others": [[quote_ref(session, q) for q in _members(session, o)] for o in others],
        "other_ids": others,
    }
    return _log_and_apply(
        session, "statement.merge", keep, args, note, by, forced=force, params=params
    )


def detach_quote(
    session: Session,
    quote_id: int,
    *,
    to: int | None = None,
    note: str | None = None,
    by: str | None = None,
    params: GroupingParams | None = None,
) -> Correction:
    """Quote ``quote_id`` is not the utterance of the statement it is in: it moves to a
    statement of its own, or to statement ``to``."""
    q = _quote_row(session, quote_id)
    if q.statement_id is None:
        raise FixRefused(f"quote {quote_id} is in no statement yet; run `quotetrack regroup`")
    apart = [m for m in _members(session, q.statement_id) if m != quote_id]
    args: dict[str, Any] = {
        "quote": quote_ref(session, quote_id),
        "apart": [quote_ref(session, m) for m in apart],
        "from_id": q.statement_id,
        "to": None,
        "to_id": to,
    }
    if to is not None:
        target = _statement_row(session, to)
        if to == q.statement_id:
            raise FixRefused(f"quote {quote_id} is already in statement {to}")
        if target.speaker_id != q.speaker_id:
            raise FixRefused(
                f"statement {to} is by speaker {target.speaker_id}, quote {quote_id} by "
                f"speaker {q.speaker_id}; fix the quote's speaker first"
            )
        args["to"] = [quote_ref(session, m) for m in _members(session, to)]
    elif not apart:
        raise FixRefused(f"quote {quote_id} is already alone in statement {q.statement_id}")
    else:
        # Its statement is made here, so that the log names it: the quote gets the same id
        # back after each regroup (while it is free).
        args["statement_id"] = engine.new_statement(session, q, None)
    return _log_and_apply(session, "statement.detach", quote_id, args, note, by, params=params)


# -- the log ----------------------------------------------------------------------------


def undo(
    session: Session,
    correction_id: int,
    *,
    note: str | None = None,
    by: str | None = None,
    params: GroupingParams | None = None,
) -> Correction:
    """Revert fix ``correction_id``: the machine's values come back, and every other fix
    that still holds is applied again. The log keeps both entries."""
    entries = {c.id: c for c in engine.log_entries(session)}
    target = entries.get(correction_id)
    if target is None:
        raise UnknownTarget(f"no correction {correction_id} (see `quotetrack fix log`)")
    if target.action == "undo":
        raise FixRefused(
            f"correction {correction_id} is itself an undo; make the fix again instead"
        )
    if target.undone_by is not None:
        raise FixRefused(
            f"correction {correction_id} was already undone by correction {target.undone_by}"
        )
    corr = engine.append(
        session,
        "undo",
        correction_id,
        {},
        note=note,
        author=by or default_author(),
        undoes=correction_id,
    )
    engine.restore_machine_values(session, params)
    engine.replay(session, params=params)
    return corr
