"""Finding or creating the speaker row for a quote, across articles.

Identity rules come from ``quotetrack.attribute.identity`` (the attribute engineer's pure
functions); the store only decides the lookup order:

1. the exact identity key (``kind``, ``name_key``);
2. a recorded alias with that key, when it belongs to exactly one compatible speaker;
3. for persons, the speakers sharing the surname key, decided by ``match_speaker``;
4. otherwise a new speaker.

When a person is matched under a fuller name ("Blinken" first, "Antony Blinken" later) the
canonical name is upgraded with ``fuller_name``. Unnamed sources become ``anonymous`` speakers
keyed by ``anonymous_key`` of their description.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from types import ModuleType

from sqlalchemy import bindparam, delete, func, select, update
from sqlalchemy.orm import Session

from quotetrack.attribute import identity as _identity
from quotetrack.lexicon import NON_NAME_PRONOUNS
from quotetrack.store.dialect import dialect_insert
from quotetrack.store.models import Article as ArticleRow
from quotetrack.store.models import DescriptionName, Speaker, SpeakerAlias
from quotetrack.store.models import Quote as QuoteRow
from quotetrack.types import Quote


def identity_module() -> ModuleType:
    """``quotetrack.attribute.identity``: the identity rules the store applies."""
    return _identity


@dataclass
class SpeakerRef:
    """What the attribute stage said about one quote's speaker."""

    kind: str
    name: str
    role: str | None = None
    mentions: list[str] = field(default_factory=list)
    # Unnamed sources are only ever one source within one article: "a US official" of one
    # article and "U.S. officials" of another are never assumed to be the same people.
    scope: str | None = None
    # For a description a role learnt later may resolve ("the prime minister"): the name
    # keys of the people its article names (see ``SpeakerResolver.revisit_descriptions``).
    names: list[str] = field(default_factory=list)


def article_refs(
    quotes: list[Quote],
    article_text: str,
    scope: str,
    known: Callable[[], dict[str, tuple[str, frozenset[str]]]] | None = None,
) -> list[SpeakerRef | None]:
    """The speaker references of one article's quotes, with definite descriptions ("the
    secretary", "the 42-year-old", "the company") resolved to the article's named speaker
    they fit (``identity.resolve_descriptors``) and unnamed sources scoped to the article.
    In: the quotes, the article text, a scope that names the article. Out: one ref (or None)
    per quote. ``known`` (e.g. ``SpeakerResolver.known_in``) offers stored people the article
    names, with their roles, as referents of its descriptions."""
    identity = identity_module()
    refs = [speaker_ref(q, article_text) for q in quotes]
    resolved = identity.resolve_descriptors(
        [(r.kind, r.name, r.role) if r is not None else None for r in refs], article_text, known
    )
    out: list[SpeakerRef | None] = []
    for ref, new in zip(refs, resolved):
        if ref is not None and new is not None and (new[0], new[1]) != (ref.kind, ref.name):
            # The description stays findable as what the article wrote, not as an alias.
            ref = SpeakerRef(new[0], new[1], new[2] or ref.role, [])
        if ref is not None and ref.kind != "anonymous" and identity.title_only(ref.name):
            # A title nobody in the article fits ("Prime Minister", "Boeing President")
            # describes someone of this article: like any description it is not matched
            # across articles.
            ref = SpeakerRef("anonymous", ref.name, ref.role, [])
        if ref is not None and ref.kind == "anonymous":
            ref.scope = scope
        out.append(ref)
    # Every quote of one person or body carries all the forms the article wrote the name
    # in: the store may need "Tedros" (a short form written for "Tedros Adhanom
    # Ghebreyesus") or "Veridia" (for "Veridia Platforms Inc.") to find a speaker stored
    # under it, whichever quote's reference it reads first.
    written: dict[str, list[str]] = {}
    for r in out:
        if r is not None and r.kind in ("person", "organisation"):
            forms = written.setdefault(f"{r.kind}:{r.name}", [])
            forms.extend(m for m in r.mentions if m not in forms)
    for r in out:
        if r is None or r.kind not in ("person", "organisation"):
            continue
        forms = written[f"{r.kind}:{r.name}"]
        if len(forms) > len(r.mentions):
            r.mentions = list(forms)
    pending = [r for r in out if r is not None and identity.unresolved_description(r.kind, r.name)]
    if pending:
        names = article_name_keys(article_text, out)
        for r in pending:
            r.names = names
    return out


#: At most this many names of one article are kept for one unresolved description.
MAX_DESCRIPTION_NAMES = 64


def article_name_keys(article_text: str, refs: list[SpeakerRef | None]) -> list[str]:
    """Identity keys of the people an article names: its written full names, surnames after
    an honorific ("Mr Sunak") and its named speakers; sorted, at most
    ``MAX_DESCRIPTION_NAMES``."""
    identity = identity_module()
    keys = identity.written_name_keys(article_text) | identity.honorific_surname_keys(article_text)
    keys |= {identity.name_key(r.name) for r in refs if r is not None and r.kind == "person"}
    return sorted(k for k in keys if k)[:MAX_DESCRIPTION_NAMES]


def speaker_ref(quote: Quote, article_text: str) -> SpeakerRef | None:
    """The speaker a quote names, or ``None`` when it has neither a name nor a description."""
    mention = quote.mention(article_text)
    mentions = [mention] if mention else []
    # An unresolved pronoun names nobody: better no speaker than a speaker called "they".
    for said in (quote.speaker, quote.speaker_description):
        if said and said.strip().casefold() in NON_NAME_PRONOUNS:
            return None
    if quote.speaker and quote.speaker_kind != "anonymous":
        kind = quote.speaker_kind if quote.speaker_kind in ("person", "organisation") else "person"
        return SpeakerRef(kind, quote.speaker.strip(), quote.speaker_role, mentions)
    description = quote.speaker_description or (
        quote.speaker if quote.speaker_kind == "anonymous" else None
    )
    if description or quote.speaker_kind == "anonymous":
        return SpeakerRef("anonymous", (description or "unnamed source").strip(), None, mentions)
    return None


@dataclass
class SpeakerMemo:
    """What earlier, committed transactions resolved, so repeated names cost no queries.

    Valid across transactions because speaker rows are never deleted and ids never change;
    a resolver's own findings join it only after its transaction commits.
    """

    ids: dict[tuple[str, str, str | None], int] = field(default_factory=dict)  # (kind, name, scope)
    done: set[tuple] = field(default_factory=set)  # (kind, name, role, mentions) recorded
    roles: dict[int, str] = field(default_factory=dict)  # id -> role last written

    def update(self, other: SpeakerMemo) -> None:
        self.ids.update(other.ids)
        self.done |= other.done
        self.roles.update(other.roles)


_BY_KEY = select(Speaker.id).where(
    Speaker.kind == bindparam("kind"), Speaker.name_key == bindparam("key")
)
_SET_ROLE = (
    update(Speaker)
    .where(Speaker.id == bindparam("sid"), Speaker.role.is_distinct_from(bindparam("role")))
    .values(role=bindparam("role"))
)


class SpeakerResolver:
    """Resolves speakers inside one transaction.

    ``memo`` holds committed results from earlier transactions (read-only here); this
    transaction's results collect in ``self.pending`` for the caller to merge on commit.
    """

    def __init__(self, session: Session, memo: SpeakerMemo | None = None):
        self.session = session
        self.identity = identity_module()
        self.memo = memo or SpeakerMemo()
        self.pending = SpeakerMemo()
        self._aliases_done: set[tuple[int, str]] = set()
        self._names_done: set[int] = set()
        self.created = 0
        # People whose role this transaction wrote: descriptions elsewhere may now fit them.
        self.roles_learnt: set[int] = set()

    def key(self, ref: SpeakerRef) -> str:
        """The identity key of a reference: anonymous_key for unnamed sources, else name_key."""
        if ref.kind == "anonymous":
            key = self.identity.anonymous_key(ref.name)
            return f"{key} @{ref.scope}" if key and ref.scope else key
        if ref.kind == "organisation":
            return self.identity.organisation_key(ref.name)
        return self.identity.name_key(ref.name)

    def resolve(self, ref: SpeakerRef) -> int | None:
        """Speaker id for ``ref`` (created if new); its role and aliases are recorded."""
        id_key = (ref.kind, ref.name, ref.scope)
        sid = self.pending.ids.get(id_key) or self.memo.ids.get(id_key)
        if sid is None:
            key = self.key(ref)
            if not key:
                return None
            sid = self._find(ref, key)
            if sid is None:
                sid = self._create(ref, key)
            self.pending.ids[id_key] = sid
        if ref.role and (self.pending.roles.get(sid) or self.memo.roles.get(sid)) != ref.role:
            # The newest stated role wins; articles that state none leave it alone.
            self.session.execute(_SET_ROLE, {"sid": sid, "role": ref.role})
            self.pending.roles[sid] = ref.role
            if ref.kind == "person":
                self.roles_learnt.add(sid)
        done_key = (ref.kind, ref.name, ref.role, tuple(ref.mentions), ref.scope)
        if done_key not in self.pending.done and done_key not in self.memo.done:
            self._record_aliases(sid, ref)
            self.pending.done.add(done_key)
        if ref.names and ref.kind == "anonymous" and sid not in self._names_done:
            self._names_done.add(sid)
            self.session.connection().execute(
                dialect_insert(self.session, DescriptionName.__table__).on_conflict_do_nothing(),
                [{"speaker_id": sid, "name_key": k} for k in ref.names],
            )
        return sid

    def revisit_descriptions(self) -> dict[int, int]:
        """Resolve again the stored descriptions that a role written in this transaction
        may fit: the quotes of unnamed sources ("the prime minister") whose articles name a
        person who just got a role. Each such article's references are rebuilt from its
        stored speakers and resolved as :func:`article_refs` would resolve them now; a
        description that now fits one named person moves to that person.

        Out: ``{quote_id: new speaker_id}`` of the quotes moved (their statements are the
        caller's to regroup). The descriptions resolved lose their ``description_names``
        rows."""
        learnt, self.roles_learnt = sorted(self.roles_learnt), set()
        if not learnt:
            return {}
        s = self.session
        keys: set[str] = set()
        for name_key, surname in s.execute(
            select(Speaker.name_key, Speaker.surname_key).where(Speaker.id.in_(learnt))
        ):
            keys.update(k for k in (name_key, surname) if k)
        hinted = set(
            s.scalars(
                select(DescriptionName.speaker_id)
                .where(DescriptionName.name_key.in_(sorted(keys)))
                .distinct()
            )
        )
        if not hinted:
            return {}
        articles = sorted(
            set(
                s.scalars(
                    select(QuoteRow.article_id)
                    .where(QuoteRow.speaker_id.in_(sorted(hinted)))
                    .distinct()
                )
            )
        )
        moved: dict[int, tuple[int, int]] = {}
        resolved: set[int] = set()
        for article_id in articles:
            moved_here = self._revisit_article(article_id, hinted)
            moved.update(moved_here)
            resolved.update(old for old, _ in moved_here.values())
        if moved:
            for qid, (_, sid) in moved.items():
                s.execute(update(QuoteRow).where(QuoteRow.id == qid).values(speaker_id=sid))
            s.execute(
                delete(DescriptionName).where(DescriptionName.speaker_id.in_(sorted(resolved)))
            )
        return {qid: sid for qid, (_, sid) in moved.items()}

    def _revisit_article(self, article_id: int, hinted: set[int]) -> dict[int, tuple[int, int]]:
        """The quotes of one article whose hinted description now resolves to a person:
        ``{quote_id: (old speaker_id, new speaker_id)}``."""
        s = self.session
        text = s.scalar(select(ArticleRow.text).where(ArticleRow.id == article_id)) or ""
        rows = s.execute(
            select(QuoteRow.id, QuoteRow.speaker_id, Speaker.kind, Speaker.name, Speaker.role)
            .join(Speaker, Speaker.id == QuoteRow.speaker_id, isouter=True)
            .where(QuoteRow.article_id == article_id)
            .order_by(QuoteRow.start, QuoteRow.id)
        ).all()
        refs: list[tuple[str, str, str | None] | None] = []
        for _, sid, kind, name, role in rows:
            if sid is None or kind is None:
                refs.append(None)
            elif kind == "anonymous" and self.identity.title_only(name):
                refs.append(("person", name, role))  # a title written as the name
            else:
                refs.append((kind, name, role))
        resolved = self.identity.resolve_descriptors(refs, text, lambda: self.known_in(text))
        out: dict[int, tuple[int, int]] = {}
        for (qid, sid, *_), ref, new in zip(rows, refs, resolved):
            if sid not in hinted or ref is None or new is None or new == ref:
                continue
            if new[0] != "person" or self.identity.title_only(new[1]):
                continue
            target = self.resolve(SpeakerRef("person", new[1], new[2]))
            if target is not None and target != sid:
                out[qid] = (sid, target)
        return out

    def known_in(self, article_text: str) -> dict[str, tuple[str, frozenset[str]]]:
        """Stored people whose full name the article writes, with the role words their
        stored role and aliases give: ``{name_key: (name, words)}``. Only people with a
        known role are of use (they are candidates for "the prime minister")."""
        keys = self.identity.written_name_keys(article_text)
        surnames = self.identity.honorific_surname_keys(article_text)
        if not keys and not surnames:
            return {}
        rows: list[tuple[int, str, str, str | None]] = [
            (r[0], r[1], r[2], r[3])
            for r in self.session.execute(
                select(Speaker.id, Speaker.name, Speaker.name_key, Speaker.role).where(
                    Speaker.kind == "person", Speaker.name_key.in_(sorted(keys))
                )
            )
        ]
        if surnames:
            # "Mr Sunak" only: the one stored person of that surname with a given name
            by_surname: dict[str, list] = {}
            for row in self.session.execute(
                select(
                    Speaker.id, Speaker.name, Speaker.name_key, Speaker.role, Speaker.surname_key
                ).where(Speaker.kind == "person", Speaker.surname_key.in_(sorted(surnames)))
            ):
                if len(row.name_key.split()) >= 2:
                    by_surname.setdefault(row.surname_key, []).append(row)
            have = {r[0] for r in rows}
            rows += [
                (c[0][0], c[0][1], c[0][2], c[0][3])
                for c in by_surname.values()
                if len(c) == 1 and c[0][0] not in have
            ]
        if not rows:
            return {}
        aliases: dict[int, list[str]] = {}
        for sid, alias in self.session.execute(
            select(SpeakerAlias.speaker_id, SpeakerAlias.alias).where(
                SpeakerAlias.speaker_id.in_([r[0] for r in rows])
            )
        ):
            aliases.setdefault(sid, []).append(alias)
        out: dict[str, tuple[str, frozenset[str]]] = {}
        for sid, name, key, role in rows:
            words = self.identity.known_role_words(role, aliases.get(sid, []))
            if words - set(key.split()):
                out[key] = (name, words)
        return out

    def _find(self, ref: SpeakerRef, key: str) -> int | None:
        s = self.session
        sid = s.scalar(_BY_KEY, {"kind": ref.kind, "key": key})
        if sid is not None:
            return sid
        if ref.kind == "anonymous":
            return None
        if ref.kind == "organisation":
            sid = self._find_organisation(ref, key)
            if sid is not None:
                return sid
        if ref.kind == "organisation":
            sid = self._one_word_other_kind(ref, key)
            if sid is None:
                sid = self._by_first_word(ref, key)
            if sid is not None:
                return sid
        keys = [key]
        if ref.kind == "person":
            # "Amara-Welde" stored, "Amara Welde" written (or the reverse): the stored name
            # keeps its hyphen-free form as an alias, and the written one is tried without it
            plain = self.identity.hyphen_free_key(ref.name)
            if plain != key:
                sid = s.scalar(_BY_KEY, {"kind": "person", "key": plain})
                if sid is not None:
                    return sid
                keys.append(plain)
        by_alias = s.execute(
            select(Speaker.id, Speaker.name)
            .join(SpeakerAlias, SpeakerAlias.speaker_id == Speaker.id)
            .where(SpeakerAlias.alias_key.in_(keys), Speaker.kind == ref.kind)
            .distinct()
        ).all()
        if ref.kind == "person":
            # A short form ("Tedros" for "Tedros Adhanom Ghebreyesus") is found only as an
            # alias an article recorded when it resolved it to the full name.
            by_alias = [
                r
                for r in by_alias
                if self.identity.same_person(ref.name, r.name)
                or self.identity.short_form_of(ref.name, r.name)
            ]
        if len(by_alias) == 1:
            sid = by_alias[0].id
            self._maybe_upgrade_name(sid, by_alias[0].name, ref.name)
            return sid
        if ref.kind != "person":
            return None
        surname = self.identity.surname_key(ref.name)
        if not surname:
            return self._one_word_other_kind(ref, key)
        sid = self._by_surname(ref, surname)
        if sid is None:
            sid = self._by_leading_words(ref, key)
        return sid if sid is not None else self._one_word_other_kind(ref, key)

    def _by_surname(self, ref: SpeakerRef, surname: str) -> int | None:
        """The stored person of ``surname`` that ``match_speaker`` gives ``ref``, if any."""
        s = self.session
        n_quotes = (
            select(func.count())
            .where(QuoteRow.speaker_id == Speaker.id)
            .correlate(Speaker)
            .scalar_subquery()
        )
        rows = s.execute(
            select(Speaker.id, Speaker.name, n_quotes, Speaker.role).where(
                Speaker.kind == "person", Speaker.surname_key == surname
            )
        ).all()
        if not rows:
            return None
        sid = self.identity.match_speaker(ref.name, [(r[0], r[1], r[2]) for r in rows])
        if sid is None and ref.role:
            # another given name in the one office of the same body ("Jay Pell", "Fed
            # Chair", beside "Jerome Pell", "Federal Reserve Chair"): one person
            office = [r for r in rows if self.identity.same_office(ref.role, r[3])]
            if len(office) == 1:
                sid = office[0][0]
        if sid is not None:
            current = next(r[1] for r in rows if r[0] == sid)
            self._maybe_upgrade_name(sid, current, ref.name)
        return sid

    def _by_leading_words(self, ref: SpeakerRef, key: str) -> int | None:
        """A person stored under a short form of the name written, of its first two words
        or more ("Idris Amara" stored, "Idris Amara Welde" written), or of its first word
        when the article writes that form for the person too ("Tedros" for "Tedros Adhanom
        Ghebreyesus"): the one such person.
        The reverse, a short form written after the full name, is found by the aliases
        the full name records (:func:`~quotetrack.attribute.identity.aliases`). The two
        share no last word, the surname key, so :meth:`_by_surname` never meets them."""
        words = key.split()
        prefixes = [" ".join(words[:n]) for n in range(2, len(words))]
        # a one-word short form only when the article wrote it for this person ("Tedros")
        prefixes += sorted(
            {
                self.identity.name_key(m)
                for m in ref.mentions
                if self.identity.short_form_of(m, ref.name)
                and len(self.identity.name_key(m).split()) == 1
            }
        )
        if not prefixes:
            return None
        rows = self.session.execute(
            select(Speaker.id, Speaker.name).where(
                Speaker.kind == "person", Speaker.name_key.in_(prefixes)
            )
        ).all()
        fit = [r for r in rows if self.identity.short_form_of(r.name, ref.name)]
        # the fullest short form decides ("Idris Amara" over "Idris"); two of it, nobody
        longest = max((len(self.identity.name_key(r.name).split()) for r in fit), default=0)
        fit = [r for r in fit if len(self.identity.name_key(r.name).split()) == longest]
        if len({r.id for r in fit}) != 1:
            return None
        sid, current = fit[0].id, fit[0].name
        self._maybe_upgrade_name(sid, current, ref.name)
        return sid

    def _first_word_written(self, ref: SpeakerRef) -> str | None:
        """The first word of a business's name of several words that its article also
        wrote for it alone ("Veridia" for "Veridia Platforms Inc."), as written, or None."""
        words = self.identity.organisation_key(ref.name).split()
        if len(words) < 2:
            return None
        return next(
            (
                m.strip()
                for m in ref.mentions
                if self.identity.organisation_key(m).split() == words[:1]
            ),
            None,
        )

    def _by_first_word(self, ref: SpeakerRef, key: str) -> int | None:
        """A business stored under the first word its article also writes for it
        ("Veridia" stored as a one-word name, then "Veridia Platforms Inc. … Veridia
        added"): that speaker, now under the full name and as a body. Only a speaker given
        no role, and only when the article shows the short form."""
        words = key.split()
        if self._first_word_written(ref) is None:
            return None
        rows = self.session.execute(
            select(Speaker.id, Speaker.name).where(
                Speaker.name_key == words[0], Speaker.role.is_(None), Speaker.kind != "anonymous"
            )
        ).all()
        if len(rows) != 1:
            return None
        sid = rows[0].id
        self.session.execute(
            update(Speaker)
            .where(Speaker.id == sid)
            .values(kind="organisation", name=ref.name, name_key=key, surname_key=None)
        )
        self._insert_aliases(sid, [rows[0].name])
        return sid

    def _one_word_other_kind(self, ref: SpeakerRef, key: str) -> int | None:
        """ "OpenAI" stored as an organisation by an article that showed it is one, and as a
        one-word "person" by another that did not: the same speaker; for a person only once
        no person of that surname fits. A name of several words meets the other kind only
        when neither side was given a role ("Lumen Social" read as a person's name, "Lumen
        Social Inc." as a business's): a role shows a person, and a person's full name
        never meets a body's name."""
        other = "person" if ref.kind == "organisation" else "organisation"
        query = select(Speaker.id).where(Speaker.kind == other, Speaker.name_key == key)
        if len(key.split()) != 1:
            if ref.role:
                return None
            sid = self.session.scalar(query.where(Speaker.role.is_(None)))
            if sid is not None and ref.kind == "organisation":
                # shown to be a body now: stored as one ("Lumen Social" read as a person)
                self.session.execute(
                    update(Speaker)
                    .where(Speaker.id == sid)
                    .values(kind="organisation", name=ref.name, surname_key=None)
                )
            return sid
        sid = self.session.scalar(query)
        if sid is not None:
            return sid
        # "Veridia" for the business an article called "Veridia Platforms Inc." and "Veridia"
        bodies = self.session.scalars(
            select(SpeakerAlias.speaker_id)
            .join(Speaker, Speaker.id == SpeakerAlias.speaker_id)
            .where(Speaker.kind == "organisation", SpeakerAlias.alias_key == f"first {key}")
            .distinct()
        ).all()
        return bodies[0] if len(bodies) == 1 else None

    def _find_organisation(self, ref: SpeakerRef, key: str) -> int | None:
        """An organisation under another form of its name: the key written before spellings
        were folded, or its acronym ("FAA" for a stored "Federal Aviation Administration",
        and the reverse), when exactly one stored organisation fits."""
        s = self.session
        old_key = self.identity.name_key(ref.name)
        if old_key != key:
            sid = s.scalar(_BY_KEY, {"kind": "organisation", "key": old_key})
            if sid is not None:
                return sid
        if self.identity.is_acronym(ref.name):
            # Stored full names whose initials spell it: their alias of that acronym.
            rows = s.scalars(
                select(SpeakerAlias.speaker_id)
                .join(Speaker, Speaker.id == SpeakerAlias.speaker_id)
                .where(SpeakerAlias.alias_key == f"acronym {key}", Speaker.kind == "organisation")
                .distinct()
            ).all()
            return rows[0] if len(rows) == 1 else None
        initials = self.identity.acronym(ref.name)
        if initials:
            rows = s.scalars(
                select(Speaker.id).where(
                    Speaker.kind == "organisation", Speaker.name_key == initials
                )
            ).all()
            if len(rows) == 1:
                self._upgrade_organisation(rows[0], ref.name, key)
                return rows[0]
        return None

    def _upgrade_organisation(self, sid: int, name: str, key: str) -> None:
        """A full name found for an organisation stored under its acronym becomes its name."""
        taken = self.session.scalar(
            select(Speaker.id).where(
                Speaker.kind == "organisation", Speaker.name_key == key, Speaker.id != sid
            )
        )
        if taken is None:
            old = self.session.scalar(select(Speaker.name).where(Speaker.id == sid))
            self.session.execute(
                update(Speaker).where(Speaker.id == sid).values(name=name, name_key=key)
            )
            if old:
                self._insert_aliases(sid, [old])

    def _maybe_upgrade_name(self, sid: int, current: str, new: str) -> None:
        """Make ``new`` the canonical name when identity says it is the fuller one."""
        if new == current or self.identity.fuller_name(current, new) != new:
            return
        new_key = self.identity.name_key(new)
        taken = self.session.scalar(
            select(Speaker.id).where(
                Speaker.kind == "person", Speaker.name_key == new_key, Speaker.id != sid
            )
        )
        if taken is not None:
            return
        self.session.execute(
            update(Speaker)
            .where(Speaker.id == sid)
            .values(name=new, name_key=new_key, surname_key=self.identity.surname_key(new))
        )
        # The old canonical name stays findable as an alias.
        self._insert_aliases(sid, [current])

    def _create(self, ref: SpeakerRef, key: str) -> int:
        surname = None if ref.kind == "anonymous" else self.identity.surname_key(ref.name)
        # Upsert: another writer may have created this speaker since _find looked.
        sid = self.session.execute(
            dialect_insert(self.session, Speaker)
            .values(name=ref.name, name_key=key, surname_key=surname, kind=ref.kind, role=ref.role)
            .on_conflict_do_nothing(index_elements=["kind", "name_key"])
            .returning(Speaker.id)
        ).scalar()
        if sid is None:
            # The insert met the (kind, name_key) unique index: that row exists, so exactly
            # one id comes back (scalar_one says so to the type checker, and fails loudly if
            # a bug ever broke the index).
            return self.session.execute(_BY_KEY, {"kind": ref.kind, "key": key}).scalar_one()
        self.created += 1
        return sid

    def _record_aliases(self, sid: int, ref: SpeakerRef) -> None:
        if ref.kind == "anonymous":
            self._insert_aliases(sid, [ref.name])
            return
        if ref.kind == "organisation":
            initials = self.identity.acronym(ref.name)
            if initials:
                # Keyed apart from names ("acronym faa"), so that only an acronym finds it.
                self._insert_alias_keys(sid, [(initials.upper(), f"acronym {initials}")])
            # The first word the article wrote for the business ("Veridia" for "Veridia
            # Platforms Inc."), keyed apart too: only a one-word name of either kind finds it.
            first = self._first_word_written(ref)
            if first is not None:
                key = self.identity.organisation_key(first)
                self._insert_alias_keys(sid, [(first, f"first {key}")])
        names = self.identity.aliases(ref.name, ref.role, ref.mentions)
        surname = self.identity.surname_key(ref.name) if ref.kind == "person" else None
        keep = []
        for alias in names:
            key = self.identity.name_key(alias)
            if not key or key in NON_NAME_PRONOUNS:
                continue
            # A nominal mention ("the secretary") is only an alias of this article's speaker;
            # a short form of a long name ("Tedros") or its hyphen-free form is one of all.
            if (
                surname
                and surname not in key.split()
                and not self.identity.short_form_of(alias, ref.name)
                and self.identity.hyphen_free_key(alias) != self.identity.hyphen_free_key(ref.name)
            ):
                continue
            keep.append(alias)
        self._insert_aliases(sid, keep)

    def _insert_alias_keys(self, sid: int, pairs: list[tuple[str, str]]) -> None:
        """Aliases with keys given (alias, key)."""
        fresh = [(a, k) for a, k in pairs if (sid, k) not in self._aliases_done]
        self._aliases_done.update((sid, k) for _, k in fresh)
        rows = [{"speaker_id": sid, "alias": a, "alias_key": k} for a, k in fresh]
        if rows:
            self.session.connection().execute(
                dialect_insert(self.session, SpeakerAlias.__table__).on_conflict_do_nothing(), rows
            )

    def _insert_aliases(self, sid: int, names: list[str]) -> None:
        rows = []
        seen: set[str] = set()
        for alias in names:
            # Keyed as written (titles kept): "Secretary Blinken" is an alias of its own.
            key = self.identity.alias_key(alias) if alias else ""
            if key and key not in seen and (sid, key) not in self._aliases_done:
                seen.add(key)
                self._aliases_done.add((sid, key))
                rows.append({"speaker_id": sid, "alias": alias, "alias_key": key})
        if rows:
            self.session.connection().execute(
                dialect_insert(self.session, SpeakerAlias.__table__).on_conflict_do_nothing(), rows
            )
