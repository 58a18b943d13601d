"""Finding speakers by name: the one speaker filter every query uses.

:func:`find_speakers` lists the speakers a name could mean, best first; :func:`speaker_ids`
turns a ``speaker=`` filter (an id or a name) into the ids it stands for. A name stands for
the *named* speakers (persons, organisations) it matches: exact matches of a canonical name
or alias if there are any, else every named speaker sharing the surname or containing the
name. Unnamed sources described with the name ("a Blinken aide" for "Blinken") are included
only when asked for (``anonymous=True``) or when the name is exactly their description.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from quotetrack.attribute import identity
from quotetrack.errors import NotFound
from quotetrack.store.models import Quote as QuoteRow
from quotetrack.store.models import Speaker, SpeakerAlias

_ORDER = {"exact": 0, "surname": 1, "substring": 2}


def find_speakers(session: Session, name: str) -> list[dict[str, Any]]:
    """Speakers matching ``name`` (case-insensitive), best first.

    Exact matches of the canonical name or any alias come first (``match`` = "exact"),
    then speakers sharing the surname ("surname"), then substring matches ("substring");
    within a group, the most quoted first. Each dict: id, name, kind, role, quotes (count),
    aliases, match, exact (bool).
    """
    name = name.strip()
    if not name:
        return []
    keys = {
        k
        for k in (
            identity.name_key(name),
            identity.alias_key(name),
            identity.anonymous_key(name),
            identity.hyphen_free_key(name),  # "Amara-Welde" finds "Amara Welde"
        )
        if k
    }
    surname = identity.surname_key(name)
    like = f"%{name.replace('%', '').replace('_', ' ').casefold()}%"
    exact = set(
        session.scalars(
            select(Speaker.id).where(
                or_(
                    Speaker.name_key.in_(keys),
                    Speaker.id.in_(
                        select(SpeakerAlias.speaker_id).where(SpeakerAlias.alias_key.in_(keys))
                    ),
                )
            )
        )
    )
    by_surname = (
        set(session.scalars(select(Speaker.id).where(Speaker.surname_key == surname)))
        if surname
        else set()
    )
    by_substring = set(
        session.scalars(
            select(Speaker.id).where(
                or_(
                    func.lower(Speaker.name).like(like),
                    Speaker.id.in_(
                        select(SpeakerAlias.speaker_id).where(
                            func.lower(SpeakerAlias.alias).like(like)
                        )
                    ),
                )
            )
        )
    )
    rank: dict[int, str] = {}
    for label, ids in (("substring", by_substring), ("surname", by_surname), ("exact", exact)):
        rank.update(dict.fromkeys(ids, label))
    return speaker_rows(session, rank) if rank else []


def speaker_rows(session: Session, rank: dict[int, str]) -> list[dict[str, Any]]:
    """The speakers in ``rank`` (id -> match label) with quote counts and aliases, best first."""
    n_quotes = func.count(QuoteRow.id)
    rows = session.execute(
        select(Speaker, n_quotes)
        .outerjoin(QuoteRow, QuoteRow.speaker_id == Speaker.id)
        .where(Speaker.id.in_(list(rank)))
        .group_by(Speaker.id)
    ).all()
    aliases: dict[int, list[str]] = {}
    for sid, alias in session.execute(
        select(SpeakerAlias.speaker_id, SpeakerAlias.alias)
        .where(SpeakerAlias.speaker_id.in_(list(rank)))
        .order_by(SpeakerAlias.id)
    ):
        aliases.setdefault(sid, []).append(alias)
    out: list[dict[str, Any]] = [
        {
            "id": sp.id,
            "name": sp.name,
            "kind": sp.kind,
            "role": sp.role,
            "quotes": n,
            "aliases": aliases.get(sp.id, []),
            "match": rank[sp.id],
            "exact": rank[sp.id] == "exact",
        }
        for sp, n in rows
    ]
    out.sort(key=lambda d: (_ORDER.get(d["match"], 3), -d["quotes"], d["name"]))
    return out


def speaker_ids(session: Session, speaker: int | str, *, anonymous: bool = False) -> list[int]:
    """The speaker ids a ``speaker=`` filter stands for (see the module docs).

    Raises :class:`~quotetrack.errors.NotFound` when an id or a name matches no speaker,
    so "nobody by that name" is never mistaken for "they said nothing".
    """
    if isinstance(speaker, int) or str(speaker).strip().isdigit():
        sid = int(speaker)
        if session.get(Speaker, sid) is None:
            raise NotFound(f"No speaker has id {sid}")
        return [sid]
    found = find_speakers(session, str(speaker))
    named = [d for d in found if d["kind"] != "anonymous"]
    exact = [d for d in named if d["exact"]]
    chosen = exact or named
    unnamed = [d for d in found if d["kind"] == "anonymous" and (anonymous or d["exact"])]
    ids = [d["id"] for d in chosen + unnamed]
    if not ids:
        hint = "" if anonymous or not found else " (unnamed sources match: add anonymous=True)"
        raise NotFound(f"No speaker matches {str(speaker).strip()!r}{hint}")
    return ids
