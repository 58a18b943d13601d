"""Within-article speaker resolution: from the mention next to each quote to a speaker.

:func:`resolve_speakers` is what the ``quotetrack`` spaCy component calls after detection. It

1. reads every run of capitalised names in the article into an inventory of people and
   organisations (:class:`ArticleEntities`), merging "Blinken", "Secretary Blinken" and
   "Antony Blinken" into one person whose canonical name is the fullest form the article uses;
2. walks the quotes in text order and resolves each mention:

   * a name -> the inventory entry it belongs to (canonical full name, role from its title or
     apposition);
   * he/she -> the most salient earlier person whose gender agrees; salience adds, over
     earlier mentions, a weight that halves with every sentence back, more for subjects and for
     mentions that were speakers of earlier quotes, and a bonus for the previous quote's speaker;
   * they/it -> the previous speaker when it was an organisation (or, for "they", an unnamed
     group); "it" also takes an organisation that was just mentioned; otherwise unnamed;
   * I/we/you -> unnamed (the author, readers), except "I" inside a direct quote, which is
     that quote's speaker;
   * "the secretary", "the diplomat" -> the most salient person whose role has that noun, else
     (for generic person nouns) the most salient recent person, else an unnamed source;
   * "a senior European diplomat", "officials" -> an unnamed source with that description, never
     merged with a named person; "the official" after it is the same unnamed source;
   * "the Biden administration" -> the organisation "Biden administration"; descriptions of
     organisations without a name ("the health ministry") keep kind "organisation" with
     ``speaker`` None and the description.

No entity labels are used: the pipeline runs without NER.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass, field, fields, replace

import numpy as np
from spacy.attrs import IDX, SENT_START
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span, Token

from ..lexicon import (
    ABBREVIATED_TITLES,
    COMPANY_NOUNS,
    FAMILY_NAME_FIRST,
    GENDERED_TITLES,
    GENERIC_ORG_NOUNS,
    KNOWN_ORGS,
    KNOWN_PLACES,
    LEADER_NOUNS,
    LEADING_ROLES,
    NEUTER_PRONOUNS,
    ORG_HEADS,
    ORG_KIND_WORDS,
    PARTY_LETTERS,
    PARTY_WORDS,
    PERSON_NOUNS,
    PLURAL_PRONOUNS,
    PRONOUN_GENDER,
    TITLE_WORDS,
    US_STATES,
    with_spelled_out_titles,
)
from ..types import DOC_TEXT_KEY, Quote, doc_text
from .gender import is_known_given_name
from .identity import (
    anonymous_key,
    fold,
    fuller_name,
    name_key,
    organisation_key,
    role_words,
    same_person,
    short_form_of,
    surname_key,
    surname_misspelt,
)
from .mentions import (
    DOC_CACHE_KEYS,
    MentionReading,
    NameReading,
    is_headline,
    is_participle_opener,
    name_runs,
    person_noun,
    read_mention,
    read_run,
)

# Person nouns that, used definitely ("the diplomat"), point back to the salient named person
# even when no title in the article contains the noun. Office titles ("the president",
# "the mayor") are left out: they name an office that may belong to someone else.
_GENERIC_PERSON_NOUNS = frozenset(
    """
    diplomat politician lawmaker candidate nominee businessman businesswoman billionaire leader
    veteran activist man woman democrat republican statesman negotiator envoy
    """.split()
)
# Nouns a story uses for someone it has not named yet ("the woman", "the boy"): a definite
# one is a new participant as often as a named one.
_NEW_PARTICIPANT_NOUNS = frozenset(
    """
    man woman boy girl child kid baby teenager teen family couple pair group crowd audience
    mother father son daughter wife husband brother sister friend neighbour neighbor parent
    victim witness resident patient passenger driver customer student pupil worker employee
    shopper visitor tourist owner person people public caller viewer reader user individual
    suspect gunman attacker survivor relative
    """.split()
)
# Nouns that introduce unnamed sources; "the official" refers back to "a senior official".
_ANONYMOUS_HEADS = frozenset(
    """
    official source spokesman spokeswoman spokesperson aide adviser advisor analyst expert
    witness resident person people diplomat officer insider
    """.split()
)
_RANK_WORDS = frozenset({"vice", "deputy", "assistant", "under", "acting"})
# Modifiers that make a description name a different holder of an office: "the vice
# president" is not the president, "the former president" not the one in office.
_QUALIFYING_WORDS = _RANK_WORDS | frozenset({"former", "ex", "outgoing", "incoming", "interim"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
# Epithets of a named person: "the 62-year-old", "the mother-of-two".
_AGE_EPITHET = re.compile(r"the (\d{1,3})[- ]year[- ]old")
_OWNED_OFFICE = re.compile(r"(his|her) office")
_AGE_WORD = re.compile(r"\d{1,3}-year-old")
_PARENT_NOUNS = {
    "father": "male",
    "grandfather": "male",
    "dad": "male",
    "mother": "female",
    "grandmother": "female",
    "mum": "female",
    "mom": "female",
}
_OF_CHILDREN = re.compile(r"-of-[^\W_]+")


@dataclass(frozen=True)
class ResolveSettings:
    """Limits of speaker resolution, passed from the spaCy factory's ``resolve`` config."""

    #: Characters: a mention overlapping a name starts at most this far before it.
    longest_name: int = 300
    #: Salience kept per sentence back (a mention two sentences back weighs decay**2).
    decay: float = 0.5
    #: Sentences a mention stays salient for.
    max_back: int = 8
    #: Bonus of the previous quote's speaker when a pronoun or description is resolved.
    previous_speaker_bonus: float = 150.0
    #: Sentences back "the company" may find the business it stands for (as a subject or a
    #: speaker) when its own sentence names none.
    company_lookback: int = 3

    @classmethod
    def from_config(cls, config: dict | None) -> ResolveSettings:
        """Settings from a plain mapping (a spaCy config block); unknown keys are an error."""
        config = dict(config or {})
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(config) - known)
        if unknown:
            raise ValueError(
                f"unknown quotetrack resolve setting(s): {', '.join(unknown)}; "
                f"known: {', '.join(sorted(known))}"
            )
        return cls(**config)


DEFAULT_RESOLVE = ResolveSettings()


@dataclass
class EntityMention:
    """One mention of an inventory entity: the name (or pronoun) span and where it stands."""

    start: int
    end: int
    sent: int
    subject: bool
    speaker: bool = False  # the mention is the speaker of a quote
    named: bool = True
    quoted: bool = False  # inside a direct quote: the speaker talks about this person


@dataclass
class Entity:
    """A person or organisation named in the article."""

    kind: str
    name: str
    mentions: list[EntityMention] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    gender: str | None = None
    person_evidence: bool = False
    # Evidence from the name itself (given name, honorific, person title or role), not from
    # speaking: a business speaks too ("Halvorsen Energy said"), and "the company" may be it.
    person_shown: bool = False
    canonical_span: tuple[int, int] | None = None

    def add_role(self, role: str | None) -> None:
        """Record a role unless the same one (ignoring case and dots) is known."""
        if role and all(
            fold(r).replace(".", "") != fold(role).replace(".", "") for r in self.roles
        ):
            self.roles.append(role)

    def role(self) -> str | None:
        """The most informative role the article gives (a title before the name first)."""
        roles = [r for r in self.roles if len(r.split()) <= 10]
        return max(roles, key=lambda r: len(r.split())) if roles else None

    def role_words(self) -> set[str]:
        # "Sen." in the title is "the senator" later
        return with_spelled_out_titles(
            {fold(w).strip(".,'’") for r in self.roles for w in r.split()}
        )


@dataclass
class Resolution:
    """The speaker a mention resolves to."""

    kind: str | None
    speaker: str | None = None
    role: str | None = None
    description: str | None = None
    entity: Entity | None = None
    antecedent: tuple[int, int] | None = None


def _cut_at(doc: Doc, runs: list[tuple[int, int]], starts: frozenset[int]) -> list[tuple[int, int]]:
    """Name runs cut where a speaker mention begins inside one.

    A run is read from capitals alone and stops only at sentence starts the parser saw;
    the detector reads from the parse where a speaker's name begins ("… a statement on X.
    Ames responded": the sentence ended with "X."), so no name reaches into it from the left.
    """
    if not starts:
        return runs
    out = []
    for a, b in runs:
        cuts = [k for k in range(a + 1, b) if doc[k].idx in starts]
        for k in cuts:
            out.append((a, k))
            a = k
        out.append((a, b))
    return out


def _after_role(doc: Doc, start: int) -> bool:
    """Whether the name run at token ``start`` is set off by a comma after a person's role
    in its sentence ("the chief executive of Skyline Air, Marek Novak"): a lower-case
    title or person noun in the few words before the comma."""
    if start < 2 or doc[start - 1].text != ",":
        return False
    sent_start = doc[start].sent.start
    before = doc[max(sent_start, start - 8) : start - 1]
    return any(
        t.is_lower and t.pos_ == "NOUN" and (t.lower_ in PERSON_NOUNS or t.lower_ in TITLE_WORDS)
        for t in before
    )


# Words for a nationality that keep no regular ending ("the Swede", "the Briton").
_DEMONYMS = frozenset("swede dane finn pole turk briton scot swiss greek thai czech".split())


def _demonym(word: str) -> bool:
    """Whether a lower-cased word reads as a nationality: a listed one or one of the usual
    endings ("Portuguese", "Brazilian", "Argentine" aside, "Israeli", "Frenchman")."""
    return word in _DEMONYMS or (
        len(word) > 4 and word.endswith(("ese", "ian", "ean", "ish", "man", "i", "an", "ine"))
    )


def _person_role(description: str) -> bool:
    """Whether a description's words name a person's role ("chief executive of Skyline
    Air", "prime minister"): a title or person noun before any "of"."""
    words = fold(description).split(" of ")[0].split()
    return any(w in PERSON_NOUNS or w in TITLE_WORDS for w in words)


def _inverted(head: Token) -> bool:
    """True for a subject after its verb ('"…," said the spokesperson')."""
    return head.dep_ in ("nsubj", "dobj") and head.head.i < head.i


def _ends_sentence(tok: Token) -> bool:
    """True for a full stop, question or exclamation mark, or a line break."""
    return tok.text in (".", "!", "?") or "\n" in tok.text


class ArticleEntities:
    """Inventory of the people and organisations an article names, with sentence positions."""

    def __init__(
        self,
        doc: Doc,
        settings: ResolveSettings = DEFAULT_RESOLVE,
        name_starts: frozenset[int] = frozenset(),
    ) -> None:
        """``name_starts``: character offsets where the detector's speaker mentions begin."""
        self.doc = doc
        self.settings = settings
        self.name_starts = name_starts
        # sentence numbers and character offsets straight from the doc's columns
        if len(doc):
            starts = doc.to_array(SENT_START) == 1
            starts[0] = True
            self.sent_of_token: list[int] = (np.cumsum(starts) - 1).tolist()
            self.token_starts: list[int] = doc.to_array(IDX).tolist()
        else:
            self.sent_of_token, self.token_starts = [], []
        self.entities: list[Entity] = []
        # named mentions sorted by start, so that find() looks only at nearby ones
        self._named_starts: list[int] = []
        self._named: list[tuple[int, int, Entity]] = []
        self._by_surname: dict[str, list[Entity]] = {}
        # acronyms the article defines in brackets after a body's name ("the United Nations
        # Children's Fund (UNICEF)"), whatever their letters
        self._defined: dict[str, Entity] = {}
        for a, b in _cut_at(doc, name_runs(doc), name_starts):
            reading = (
                self._headline_name(a, b) if is_headline(doc, doc[a].idx) else read_run(doc, a, b)
            )
            if reading is not None:
                if (
                    reading.kind == "person"
                    and not reading.person_evidence
                    and len(reading.name.split()) >= 2  # a full name, not "Hartford, Conn."
                    and _after_role(doc, a)
                ):
                    reading = replace(reading, person_evidence=True)
                self.add(reading)

    def _headline_name(self, a: int, b: int) -> NameReading | None:
        """In a title-cased headline ("Hillary Clinton Goes After ...") capitals say nothing;
        only a known given name and the word after it are read as a name."""
        for t in self.doc[a:b]:
            if (
                t.text[:1].isupper()
                and fold(t.text).strip(".") not in TITLE_WORDS
                and is_known_given_name(t.text)
            ):
                if t.i + 2 > b:
                    return None
                reading = read_run(self.doc, a, t.i + 2)
                return reading if reading is not None and reading.kind == "person" else None
        return None

    def sent_at(self, char: int) -> int:
        """Sentence index of the token at character offset ``char`` (the next token when
        ``char`` falls in whitespace)."""
        if not self.token_starts:
            return 0
        i = max(0, bisect_right(self.token_starts, char) - 1)
        if char >= self.token_starts[i] + len(self.doc[i].text) and i + 1 < len(self.token_starts):
            i += 1
        return self.sent_of_token[i]

    def _is_subject(self, head_i: int) -> bool:
        tok = self.doc[head_i]
        for _ in range(3):  # "John Kirby" may hang off "Coordinator" as an apposition
            if tok.dep_ in _SUBJECT_DEPS:
                return True
            if tok.head.i == tok.i or tok.dep_ not in ("appos", "compound", "flat"):
                return False
            if tok.dep_ == "compound" and tok.head.pos_ != "PROPN":
                return False  # "the president's Pacific roots": a modifier, not the subject
            tok = tok.head
        return False

    def add(self, reading: NameReading) -> Entity:
        """Add one name reading to the inventory, merging it into the entity it names."""
        mention = EntityMention(
            start=reading.start_char,
            end=reading.end_char,
            sent=self.sent_of_token[reading.head_i]
            if reading.head_i >= 0
            else self.sent_at(reading.start_char),
            subject=self._is_subject(reading.head_i) if reading.head_i >= 0 else False,
        )
        entity = self.find(reading)
        if entity is None:
            entity = Entity(
                kind=reading.kind,
                name=reading.name,
                canonical_span=(reading.start_char, reading.end_char),
            )
            self.entities.append(entity)
            if entity.kind == "person":
                # a person's surname never changes when a fuller name replaces the canonical one
                self._by_surname.setdefault(surname_key(entity.name) or "", []).append(entity)
        elif reading.kind == "person" and fuller_name(entity.name, reading.name) != entity.name:
            entity.name = reading.name
            entity.canonical_span = (reading.start_char, reading.end_char)
        elif (
            reading.kind == "organisation"
            and _is_acronym(entity.name)
            and not _is_acronym(reading.name)
        ):
            entity.name = reading.name  # "International Monetary Fund" over "IMF"
            entity.canonical_span = (reading.start_char, reading.end_char)
        if not any(m.start == mention.start and m.end == mention.end for m in entity.mentions):
            self.add_mention(entity, mention)
        if entity.kind == "organisation" and reading.head_i >= 0:
            defined = self._acronym_after(reading.head_i)
            if defined is not None and _spells(defined, reading.name):
                self._defined.setdefault(defined, entity)
        entity.add_role(reading.role)
        entity.gender = entity.gender or reading.gender
        entity.person_evidence = entity.person_evidence or reading.person_evidence
        entity.person_shown = entity.person_shown or reading.person_evidence
        return entity

    def _acronym_after(self, i: int) -> str | None:
        """The acronym written in brackets right after token ``i`` ("… Fund (UNICEF)"), or
        None."""
        doc = self.doc
        if i + 3 < len(doc) and doc[i + 1].text == "(" and doc[i + 3].text == ")":
            word = doc[i + 2].text
            if _is_acronym(word) or word.isupper() and word.isalpha() and 2 <= len(word) <= 8:
                return word
        return None

    def add_mention(self, entity: Entity, mention: EntityMention) -> None:
        """Record one more mention of ``entity`` (kept in text order)."""
        insort(entity.mentions, mention, key=lambda m: m.start)
        if mention.named:
            k = bisect_right(self._named_starts, mention.start)
            self._named_starts.insert(k, mention.start)
            self._named.insert(k, (mention.start, mention.end, entity))

    def _overlapping(self, start: int, end: int) -> list[Entity]:
        """Entities with a named mention overlapping ``[start, end)``."""
        lo = bisect_left(self._named_starts, start - self.settings.longest_name)
        hi = bisect_left(self._named_starts, end)
        return [e for s, t, e in self._named[lo:hi] if s < end and start < t]

    def find(self, reading: NameReading) -> Entity | None:
        """The existing entity a reading names: by span overlap, else by name identity."""
        for e in self._overlapping(reading.start_char, reading.end_char):
            if e.kind == reading.kind:
                if e.kind == "person" and same_person(reading.name, e.name):
                    return e
                if e.kind == "organisation" and name_key(reading.name) == name_key(e.name):
                    return e
                # "The Central Bank" cut by the parse from "The Central Bank of Teravia"
                # written around it: the one body, its full name
                if e.kind == "organisation" and _leading_words(reading.name, e.name):
                    return e
        if reading.kind == "organisation":
            defined = self._defined.get(reading.name)
            if defined is not None:
                return defined  # "UNICEF" after "the United Nations Children's Fund (UNICEF)"
            k = name_key(reading.name)
            initials = _initials(reading.name)
            found = next(
                (
                    e
                    for e in self.entities
                    if e.kind == "organisation"
                    and (
                        name_key(e.name) == k
                        # "IMF" and "International Monetary Fund"; two full names with the
                        # same initials ("Supreme Court", "Sixth Circuit") are two bodies
                        or initials
                        and initials == _initials(e.name)
                        and (_is_acronym(reading.name) or _is_acronym(e.name))
                    )
                ),
                None,
            )
            if found is None and len(k.split()) == 1:
                # "OpenAI" read as a person until "CEO of OpenAI" shows it is a body
                found = next(
                    (
                        e
                        for e in self.entities
                        if e.kind == "person"
                        and name_key(e.name) == k
                        and not (e.person_evidence or e.gender or e.roles)
                    ),
                    None,
                )
                if found is not None:
                    found.kind = "organisation"
            if found is None and _capitals_surname(reading.name):
                # "VANCE: We will keep at it": a transcript's turn label is a surname in
                # capitals, no acronym, when one person of the article has that surname
                people = [
                    e
                    for e in self._by_surname.get(k, [])
                    if len(name_key(e.name).split()) >= 2
                    and (
                        e.person_evidence
                        or e.gender
                        or e.roles
                        or e.canonical_span is not None
                        and not is_headline(self.doc, e.canonical_span[0])
                    )
                ]
                if len(people) == 1:
                    return people[0]
            return found
        if _bare(reading):
            k = name_key(reading.name)
            org = next(
                (e for e in self.entities if e.kind == "organisation" and name_key(e.name) == k),
                None,
            )
            if org is not None:
                return org  # "OpenAI" after "CEO of OpenAI": the same body
            if len(k.split()) == 1 and not self._by_surname.get(k):
                # "Veridia" after "Veridia Platforms Inc.": a business by its first word,
                # when one body of the article begins with it and nobody has it as surname
                bodies = [
                    e
                    for e in self.entities
                    if e.kind == "organisation"
                    and len(key := organisation_key(e.name).split()) >= 2
                    and key[0] == k
                ]
                if len(bodies) == 1:
                    return bodies[0]
        matches = [
            e
            for e in self._by_surname.get(surname_key(reading.name) or "", [])
            if same_person(reading.name, e.name)
            and not (reading.gender and e.gender and reading.gender != e.gender)
        ]
        if not matches:
            return self._by_given_name(reading) or self._by_misspelt_surname(reading)
        # a bare surname shared by several people goes to the one mentioned most recently
        return max(
            matches,
            key=lambda e: max(
                (m.start for m in e.mentions if m.start < reading.start_char), default=-1
            ),
        )

    def _by_given_name(self, reading: NameReading) -> Entity | None:
        """A single name that is the given name of exactly one person named before and
        nobody's surname: "Sir Keir" after "Sir Keir Starmer", "Amina" after "Amina Yusuf
        Haile"."""
        core = name_key(reading.name).split()
        if len(core) != 1:
            return None
        given = core[0]
        if given in self._by_surname:
            return None
        found = [
            e
            for e in self.entities
            if e.kind == "person"
            and len(key := name_key(e.name).split()) >= 2
            and key[0] == given
            # a name of three parts or more needs no other evidence: its first part is
            # written for its bearer ("Tedros" for "Tedros Adhanom Ghebreyesus")
            and (
                e.person_evidence
                or short_form_of(reading.name, e.name)
                and e.canonical_span is not None
                and self._all_proper(e.canonical_span)
            )
            # "Sir Keir", or a known given name, or the first of three names or more ("Idris"
            # for "Idris Amara Welde"); "Peabody" is no short form of "Peabody Energy"
            and (
                reading.person_evidence
                or is_known_given_name(given)
                or short_form_of(reading.name, e.name)
                # "Xi" for "Xi Jinping": the family name written first
                or given in FAMILY_NAME_FIRST
                and len(key) <= 3
            )
            and not (reading.gender and e.gender and reading.gender != e.gender)
        ]
        return found[0] if len(found) == 1 else None

    def _all_proper(self, span: tuple[int, int]) -> bool:
        """Whether every word of the text at ``span`` is tagged a proper noun: a name, not a
        title-cased headline read as one ("Obama Says African-American Museum")."""
        words = self.doc.char_span(*span, alignment_mode="expand")
        return (
            words is not None
            and all(t.pos_ == "PROPN" or t.is_punct for t in words)
            and not is_headline(self.doc, span[0])
        )

    def _by_misspelt_surname(self, reading: NameReading) -> Entity | None:
        """A bare surname one typo away from the surname of exactly one person the article
        named in full ("McLenney" after "Tyresha McClenney"), when no one has it as written."""
        core = name_key(reading.name).split()
        if len(core) != 1 or core[0] in self._by_surname:
            return None
        found = [
            e
            for surname, people in self._by_surname.items()
            if surname_misspelt(surname, core[0])
            for e in people
            if e.person_evidence and len(name_key(e.name).split()) >= 2
        ]
        return found[0] if len(found) == 1 else None

    def salience(self, entity: Entity, char: int, sent: int) -> float:
        """How prominent ``entity`` is just before character ``char`` (in sentence ``sent``)."""
        score = 0.0
        for m in entity.mentions:
            if m.end > char:
                break
            back = sent - m.sent
            if back > self.settings.max_back or back < 0:
                continue
            weight = 100.0 + (80.0 if m.subject else 0.0) + (60.0 if m.speaker else 0.0)
            if m.quoted:
                weight *= 0.25
            score += weight * self.settings.decay**back
        if entity.kind == "person" and not entity.person_evidence:
            score *= 0.15  # "Pacific", "Khan Younis": capitalised, never shown to be a person
        return score

    def last_mention_before(
        self, entity: Entity, char: int, named_only: bool = True
    ) -> EntityMention | None:
        before = [m for m in entity.mentions if m.end <= char and (m.named or not named_only)]
        return before[-1] if before else None


def _in_role(words: set[str], role: set[str]) -> bool:
    """Whether every word of a description's modifiers is in a role: as written, or as the
    short form news writing makes of it ("Fed" for the "Federal" Reserve)."""
    return all(m in role or (len(m) >= 3 and any(w.startswith(m) for w in role)) for m in words)


# The party and state after a member of Congress's name: "(D-Va.)", ", R-S.C.,", "(R-N.Y.)".
_PARTY_STATE = re.compile(
    r"\s*[,(]\s*([RDI])\s*[-–]\s*([A-Z][A-Za-z.]*(?:\s?[A-Z][a-z]*\.?)?)\s*[,)]"
)

# A state after a member's name: "Rep. Elijah Cole of Maryland".
_OF_STATE = re.compile(r" of ((?:New |North |South |West |Rhode )?[A-Z][a-z]+)\b")
_STATE_NAMES = frozenset(US_STATES.values())

# Title words that say whose title it is: a country, a party, a house.
_OWNER_WORDS = frozenset(
    "us usa uk un eu nato nsc republican democrat democratic white house senate national "
    "federal foreign state".split()
)


# Words for a news outlet ("the publication notes", "the newspaper reported").
_OUTLET_NOUNS = frozenset({"publication", "outlet", "newspaper", "paper", "magazine", "website"})

# Countries a title may name ("U.S. Secretary of State"), and the words for them a
# description uses ("America's top diplomat", "the British foreign secretary").
_COUNTRY_OWNERS = frozenset("us usa uk".split())
_COUNTRY_ALIASES = {
    "us": "us",
    "usa": "us",
    "america": "us",
    "american": "us",
    "uk": "uk",
    "britain": "uk",
    "british": "uk",
}

# What "the top diplomat", "the top general" … stand for: the words of each office meant.
_TOP_OFFICES: dict[str, tuple[frozenset[str], ...]] = {
    "diplomat": (
        frozenset({"secretary", "state"}),
        frozenset({"foreign", "minister"}),
        frozenset({"foreign", "secretary"}),
    ),
    "general": (frozenset({"chief", "staff"}), frozenset({"joint", "chiefs"})),
    "prosecutor": (frozenset({"attorney", "general"}), frozenset({"prosecutor", "general"})),
    "envoy": (frozenset({"special", "envoy"}),),
}


def _bare_title(words: set[str] | frozenset[str]) -> bool:
    """Whether title words name an office and nothing of whose it is ("prime minister",
    not "Republican nominee", "FIFA President" or "U.S. secretary")."""
    return not (words - TITLE_WORDS - PERSON_NOUNS) and not (words & _OWNER_WORDS)


def _body_possessive(word: str) -> bool:
    """Whether ``word`` is a word for a body in the possessive ("airline's", "ministry's")."""
    m = re.fullmatch(r"([a-z]+)['’]s", fold(word))
    return m is not None and (
        m.group(1) in ORG_HEADS or m.group(1) in COMPANY_NOUNS or m.group(1) in GENERIC_ORG_NOUNS
    )


def _name_words(words: list[str]) -> set[str]:
    """A body's folded name words and, for two words or more, its acronym ("world health
    organization" gives "who" too). Empty for no words."""
    out = set(words)
    if len(words) >= 2:
        out.add("".join(w[0] for w in words))
    return out


def _leads(body: set[str], role: set[str]) -> bool:
    """Whether a person's role (or written title) names the body of "the head of X": its
    acronym or a word of its name other than a word any body's name has."""
    return bool((body - _BODY_NAME_WORDS) & role)


# Words of a body's name that say nothing of which body it is.
_BODY_NAME_WORDS = frozenset(
    "national international world united states state federal organization organisation "
    "council committee association union party group company corporation bank office "
    "department ministry agency authority commission board".split()
)


# Words for an office that its title does not use ("the pontiff" for a pope).
_TITLE_SYNONYMS = {
    "pontiff": frozenset({"pope"}),
    "monarch": frozenset({"king", "queen", "emperor", "emir", "sultan"}),
    "premier": frozenset({"prime"}),
}

# Titles written as initials, and the words of the title spelled out ("the Meta CEO" for
# "Meta's chief executive").
_ACRONYM_TITLES = {
    "ceo": frozenset({"chief", "executive"}),
    "cfo": frozenset({"chief", "financial"}),
    "coo": frozenset({"chief", "operating"}),
    "cto": frozenset({"chief", "technology"}),
    "pm": frozenset({"prime", "minister"}),
}


def _holds_title(head: str, modifiers: set[str], role: set[str], written: set[str]) -> bool:
    """Whether a description (its head and folded modifiers) names a person's role (its
    words) or the title written before their name (``written``): its head is a word of the
    role, or an informal word for a leader ("the FIFA boss", "the Fed chief") of a role
    heading something ("FIFA President", "Federal Reserve Chair", "director-general of the
    WHO") that its modifiers name too. A bare "the boss" or a "committee boss" whose
    committee the role does not name could be anyone's."""
    if any(m in ORG_KIND_WORDS and ORG_KIND_WORDS[m].isdisjoint(role | written) for m in modifiers):
        return False  # "the bank chief" is no airline's chief executive
    if head in role or _ACRONYM_TITLES.get(head, frozenset({""})) <= role:
        return True
    if not _TITLE_SYNONYMS.get(head, frozenset()).isdisjoint(role):
        return True  # "the pontiff" for "Pope Francis", "the monarch" for "King Charles"
    if head not in LEADER_NOUNS or LEADING_ROLES.isdisjoint(role):
        return False
    if (role & _QUALIFYING_WORDS) - modifiers:
        return False  # a former president is not "the U.S. leader"
    named = modifiers - _QUALIFYING_WORDS
    # every kind of body the modifiers name is one the role names (checked above)
    kinds = {m for m in named if m in ORG_KIND_WORDS}
    if kinds:
        # "the central bank chief" for the "Fed Chair": the kind of body its role names
        return not (named - kinds - {"central"}) or _in_role(
            named - kinds - {"central"}, role | written
        )
    return bool(named) and _in_role(named, role | written)


def _leading_words(short: str, full: str) -> bool:
    """Whether the words of ``short`` begin the longer name ``full`` (by name key)."""
    a, b = name_key(short).split(), name_key(full).split()
    return 0 < len(a) < len(b) and b[: len(a)] == a


def _bare(reading: NameReading) -> bool:
    """A one-word person reading with nothing to show it is a person."""
    return (
        reading.kind == "person"
        and len(name_key(reading.name).split()) == 1
        and not (reading.person_evidence or reading.gender or reading.role)
    )


def _is_acronym(name: str) -> bool:
    letters = name.replace(".", "")
    return letters.isalpha() and letters.isupper() and 2 <= len(letters) <= 6


def _capitals_surname(name: str) -> bool:
    """A single word in capitals that may be a surname set in capitals ("VANCE", "O'NEILL"),
    as transcripts label their turns: three letters or more."""
    letters = name.replace("'", "").replace("’", "").replace("-", "")
    return " " not in name.strip() and letters.isalpha() and letters.isupper() and len(letters) >= 3


def _spells(acronym: str, name: str) -> bool:
    """Whether ``acronym`` can stand for ``name``: it starts with the name's first initial and
    holds the initials of its capitalised words in order ("UNICEF" for "United Nations
    Children's Fund"; not "AROS" for "Reclaim Our Schools", a run cut short)."""
    initials = [w[0] for w in name.split() if w[:1].isupper()]
    if len(initials) < 2 or acronym[:1] != initials[0]:
        return False
    rest = iter(acronym)
    if all(ch in rest for ch in initials):
        return True
    # an acronym may leave out one word of the name ("ECDC" for "European Centre for
    # Disease Prevention and Control"), its letters still in the name's order
    words = iter(initials)
    return len(acronym) >= len(initials) - 1 and all(ch in words for ch in acronym)


def _initials(name: str) -> str | None:
    """ "International Monetary Fund" -> "IMF"; an acronym gives itself; ``None`` if neither."""
    if _is_acronym(name):
        return name.replace(".", "")
    words = [
        w for w in name.split() if w[:1].isupper() and fold(w) not in ("of", "the", "and", "for")
    ]
    if len(words) < 2 or len(words) != len(
        [w for w in name.split() if fold(w) not in ("of", "the", "and", "for")]
    ):
        return None
    return "".join(w[0] for w in words)


def _gender_ok(entity: Entity, gender: str | None) -> bool:
    return gender is None or entity.gender is None or entity.gender == gender


class _Resolver:
    """Resolves quote mentions in text order, remembering who spoke last."""

    def __init__(
        self,
        doc: Doc,
        quoted: list[tuple[int, int]] | None = None,
        settings: ResolveSettings = DEFAULT_RESOLVE,
        name_starts: frozenset[int] = frozenset(),
    ) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.settings = settings
        self.article = ArticleEntities(doc, settings, name_starts)
        for a, b in quoted or []:
            for e in self.article.entities:
                for m in e.mentions:
                    if a <= m.start and m.end <= b:
                        m.quoted = True
        self.previous: Resolution | None = None
        self.previous_sent: int = -1
        self.previous_end: int = -1
        self.anonymous_seen: list[tuple[str, str, tuple[int, int]]] = []  # (key, description, span)
        self.quoted = sorted(quoted or [])
        self.resolved: dict[tuple[int, int], Resolution] = {}  # quote mentions done so far
        self._sents: list[Span] | None = None
        self._titles: dict[int, frozenset[str]] = {}
        self.unnamed_orgs: list[tuple[str, str, tuple[int, int]]] = []  # (head, description, span)
        # The entity each resolved quote's speaker is (by quote id): a later description may
        # show a name to be a business ("the company"), and its earlier quotes follow.
        self.entity_of: dict[int, Entity] = {}

    # -- entry ----------------------------------------------------------------------------------

    def resolve(self, quote: Quote) -> None:
        if quote.mention_start is None or quote.mention_end is None:
            return
        start, end = quote.mention_start, quote.mention_end
        if not (0 <= start < end <= len(self.text)) or not self.text[start:end].strip():
            return  # offsets that name no text: nothing to resolve
        reading = read_mention(self.doc, start, end)
        if reading.form in ("none", "indefinite", "definite"):
            # "Pointing to the war, the Prime Minister said": a mention that is a verb names
            # nobody; the speech verb's subject does
            head = self.doc[reading.head_i] if reading.head_i >= 0 else None
            if head is None or head.pos_ == "VERB" or is_participle_opener(head):
                subject = self._cue_subject(quote)
                if subject is not None:
                    start, end = subject
                    reading = read_mention(self.doc, start, end)
        described = None
        named = self._named_in_apposition(reading)
        if named is not None:
            # ("Italy's prime minister, Giuseppe Conte, told reporters"): the mention stops at
            # the comma; the name set off after it is who speaks, the description their role
            # the description runs to the comma before the name ("head of the Health Body")
            upto = self.text.rfind(",", end, named[0])
            upto = upto if upto >= end else end
            described = re.sub(r"^(?:the|a|an)\s+", "", self.text[start:upto].strip(), flags=re.I)
            start, end = named
            reading = read_mention(self.doc, start, end)
        sent = self.article.sent_at(start)
        res = self.resolve_reading(reading, start, end, sent)
        if res is None:
            # nothing readable ("who" without an antecedent): an unnamed source as written
            res = Resolution(kind="anonymous", description=self.text[start:end].strip())
        if described is not None and res.kind == "person" and res.entity is not None:
            # the description is the person's role for later ones too ("the director"), and
            # a role shows a person ("the chief executive of Skyline Air, Marek Novak": not
            # the business a later "the airline" means)
            res.entity.add_role(described)
            if _person_role(described):
                res.entity.person_shown = res.entity.person_evidence = True
        if described is not None and res.role is None and res.kind == "person":
            res = replace(res, role=described)  # a resolution may be shared: not in place
        quote.speaker_kind = res.kind
        quote.speaker = res.speaker if res.kind != "anonymous" else None
        quote.speaker_role = res.role
        quote.speaker_description = res.description
        spans: list[tuple[int, int]] = [(start, end)]
        for extra in (res.antecedent, res.entity.canonical_span if res.entity else None):
            if extra and not any(a < extra[1] and extra[0] < b for a, b in spans):
                spans.append(extra)
        quote.speaker_spans = spans
        if res.entity is not None:
            self.entity_of[id(quote)] = res.entity
            self._remember(res.entity, start, end, sent, reading.form == "name")
            if reading.form == "name":
                res.entity.person_evidence = True  # a named speaker of a quote
        self.previous = res
        self.previous_sent = sent
        self.previous_end = end
        self.resolved[(start, end)] = res

    def _named_in_apposition(self, reading: MentionReading) -> tuple[int, int] | None:
        """Character span of a proper name set off by commas right after a description
        ("the prime minister, Ana Ortiz, said"), or None."""
        if reading.form not in ("definite", "indefinite") or reading.head_i < 0:
            return None
        head = self.doc[reading.head_i]
        # a person's role ("the prime minister", "her deputy"); a body's description ("the
        # company, Acme,") names a body, which the organisation readings see to
        if head.lower_ in ORG_HEADS:
            return None
        if head.pos_ == "PROPN" and head.lower_ not in TITLE_WORDS:
            return self._named_after_body(head)  # "The Director of the Health Body, …"
        # a title the tagger reads as a proper noun ("The Skyward CEO, Dan Pell, said") is a
        # role like "the chief executive": the name set off after it speaks
        # the tagger reads the end of "director-general" as an adjective
        if head.pos_ not in ("NOUN", "PROPN") and not (
            head.pos_ == "ADJ" and head.dep_ in ("nsubj", "dobj")
        ):
            return None
        for c in head.rights:
            if c.dep_ != "appos" or c.pos_ != "PROPN":
                continue
            first, last = c.left_edge.i, c.i
            if first == 0 or self.doc[first - 1].text != ",":
                return None
            after = last + 1
            edge = c.right_edge.i
            if (
                after + 1 < edge
                and self.doc[after].lower_ in ("of", "from", "at")
                # "of the …" says where the named works; "Bank of Scotland" is one name
                and self.doc[after + 1].lower_ == "the"
                and edge + 1 < len(self.doc)
                and self.doc[edge + 1].text == ","
            ):
                # "The plaintiffs' lawyer, Nina Patel of the Rights Center, said": where
                # the name works closes the apposition
                after = edge + 1
            if (
                after < len(self.doc)
                and self.doc[after].text not in (",", ";")
                and not (_inverted(head) and _ends_sentence(self.doc[last + 1]))
                and not self._acronym_then_comma(last)
            ):
                return None
            return self.doc[first].idx, self.doc[last].idx + len(self.doc[last].text)
        return self._named_after_body(head)

    def _acronym_then_comma(self, i: int) -> bool:
        """Whether token ``i`` is followed by an acronym in brackets and a comma ("the Civil
        Aviation Authority (CAA), said"): the name set off still ends there."""
        doc = self.doc
        return (
            i + 4 < len(doc)
            and doc[i + 4].text == ","
            and self.article._acronym_after(i) is not None
        )

    def _named_after_body(self, head: Token) -> tuple[int, int] | None:
        """Character span of the name set off after a role of a named body, "the head of the
        Global Health Body, Idris Amara Welde, said" or "the chief executive of Arcline, Teo
        Brask, said", read from the words: the parser hangs such a name on the body, or
        the body on the name. The name must be two to four capitalised words closed by a
        comma before a verb."""
        doc = self.doc
        i = head.i + 1
        if i >= len(doc) or doc[i].lower_ not in ("of", "at", "for"):
            return None
        i += 1
        if i < len(doc) and doc[i].lower_ == "the":
            i += 1
        body = 0
        while i < len(doc) and doc[i].text != ",":
            t = doc[i]
            if t.text[:1].isupper():
                body += 1
            elif t.lower_ not in ("of", "and", "for", "&", "the"):
                return None
            i += 1
        if not body or i >= len(doc):
            return None
        first = i + 1
        k = first
        while k < len(doc) and doc[k].text != ",":
            if _inverted(head) and _ends_sentence(doc[k]):
                break
            if not (doc[k].text[:1].isupper() or doc[k].text == "-") or doc[k].pos_ != "PROPN":
                return None
            k += 1
        # "…," said the spokesperson of the Commission, Karin Holm.": after its verb the name
        # may close the sentence
        closes = _inverted(head) and (k >= len(doc) or _ends_sentence(doc[k]))
        if closes and k > first and 2 <= k - first <= 4:
            return doc[first].idx, doc[k - 1].idx + len(doc[k - 1].text)
        if (
            not 2 <= k - first <= 4
            or k + 1 >= len(doc)
            or doc[k + 1].pos_ not in ("VERB", "AUX")
            and not (_inverted(head) and doc[k + 1].lower_ == "who")
        ):
            return None
        return doc[first].idx, doc[k - 1].idx + len(doc[k - 1].text)

    def _cue_subject(self, quote: Quote) -> tuple[int, int] | None:
        """Character offsets of the subject of the quote's speech verb, without the clauses
        hanging off it, or ``None``."""
        if quote.cue_start is None or quote.cue_end is None:
            return None
        cue = self.doc.char_span(quote.cue_start, quote.cue_end, alignment_mode="expand")
        if cue is None or not len(cue):
            return None
        verb = cue.root
        subj = next(
            (
                c
                for c in verb.children
                if c.dep_ in ("nsubj", "nsubjpass")
                and not (quote.mention_start or 0) <= c.idx < (quote.mention_end or 0)
            ),
            None,
        )
        if subj is None:
            return None
        left = subj.left_edge
        return left.idx, subj.idx + len(subj.text)

    def _remember(self, entity: Entity, start: int, end: int, sent: int, named: bool) -> None:
        for m in entity.mentions:
            if m.start < end and start < m.end:
                m.speaker = True
                return
        self.article.add_mention(
            entity, EntityMention(start, end, sent, subject=True, speaker=True, named=named)
        )

    # -- by form --------------------------------------------------------------------------------

    def resolve_reading(
        self, reading: MentionReading, start: int, end: int, sent: int
    ) -> Resolution | None:
        if reading.form == "name" and reading.name is not None:
            return self._named(reading)
        if reading.form == "pronoun":
            return self._pronoun(reading, start, sent)
        if reading.form == "relative":
            if reading.antecedent is None or reading.antecedent_span is None:
                return None
            res = self.resolve_reading(reading.antecedent, *reading.antecedent_span, sent)
            if res is not None and res.antecedent is None:
                res.antecedent = reading.antecedent_span
            return res
        if reading.form in ("definite", "indefinite"):
            office = self._owned_office(reading, start, sent)
            if office is not None:
                return office
        if reading.form == "definite":
            return self._definite(reading, start, sent)
        if reading.form == "indefinite":
            owned = self._owned_title(reading, start, sent)
            return owned if owned is not None else self._indefinite(reading, start)
        return None

    def _owned_title(self, reading: MentionReading, char: int, sent: int) -> Resolution | None:
        """ "Portugal's central bank governor", "the airline's chief executive": a title after
        a place or body's possessive (a name, or "the" and a word for a body) names its holder
        as "the central bank governor" would, when the article names that holder; else None
        (an unnamed source, as before)."""
        words = reading.text.split()
        if len(words) == 2 and fold(words[0]) == "its" and reading.head in LEADER_NOUNS:
            return self._its_leader(reading, char, sent)
        if len(words) >= 3 and fold(words[0]) == "the" and _body_possessive(words[1]):
            words = words[1:]  # "the airline's chief executive": the body named before
        elif words[:1] and not words[0][:1].isupper():
            return None
        if (
            len(words) < 2
            or not re.search(r"['’]s$", words[0])
            or (reading.head or "") not in TITLE_WORDS | PERSON_NOUNS
            or reading.head_i < 0
            or self.doc[reading.head_i].tag_ != "NN"  # "Clinton's advisers" are several
        ):
            return None
        possessor = re.sub(r"['’]s$", "", words[0])
        owner = possessor if possessor[:1].isupper() else None
        res = self._definite(replace(reading, form="definite", owner=owner), char, sent)
        return res if res.kind == "person" and res.speaker else None

    def _bare_titled(self, entity: Entity) -> bool:
        """Whether a person's role and the title written before their name name an office and
        nothing of whose it is (see :func:`_bare_title`); their own name is no title."""
        written = self._written_title(entity) - set(fold(entity.name).split()) - STOP_WORDS
        return _bare_title(entity.role_words()) and _bare_title(written)

    def _its_leader(self, reading: MentionReading, char: int, sent: int) -> Resolution | None:
        """ "The World Health Organization declared …, with its chief saying …": the one
        person the article names as leading the body just named, by a title that names it
        (its acronym or a word of its name). None otherwise."""
        body = self._company_just_named(char, sent, business=False)
        if body is None:
            return None
        words = _name_words(
            [w for w in fold(body.name).replace(".", "").split() if w not in STOP_WORDS]
        )
        people = [e for e in self.article.entities if e.kind == "person"]
        leading = [e for e in people if not LEADING_ROLES.isdisjoint(e.role_words())]
        named = [e for e in leading if _leads(words, e.role_words() | self._written_title(e))]
        if len(named) == 1:
            return self._from_entity(named[0], char)
        return None

    def _owned_office(self, reading: MentionReading, char: int, sent: int) -> Resolution | None:
        """ "His office said": the office of the person "his" refers to, written so that the
        store keeps one body for it ("Tomas Berg's office", see ``identity.office_of``)
        across the articles that quote it. None for any other description, or when the
        pronoun names nobody."""
        owned = _OWNED_OFFICE.fullmatch(fold(reading.text))
        if owned is None:
            return None
        pron = "he" if owned.group(1) == "his" else "she"
        holder = self._pronoun(
            replace(reading, form="pronoun", pronoun=pron, text=pron), char, sent
        )
        if holder.kind != "person" or not holder.speaker:
            return None
        return Resolution(kind="anonymous", description=f"{holder.speaker}'s office")

    def _named(self, reading: MentionReading) -> Resolution:
        name = reading.name
        assert name is not None
        epithet = self._aged_description(name) or self._nationality(name)
        if epithet is not None:
            return epithet
        entity = self._cut_name(name) or self.article.find(name)
        if entity is None:
            entity = self.article.add(name)
        else:
            entity.add_role(name.role)
        role = (name.role or entity.role()) if entity.kind == "person" else None
        return Resolution(kind=entity.kind, speaker=entity.name, role=role, entity=entity)

    def _nationality(self, name: NameReading) -> Resolution | None:
        """ "The Portuguese said": a word for a nationality after "the", which the article
        writes for nobody as a name, is a named person called by what they are. Like "he"
        as a subject it is the subject just before it (see :meth:`_subject_antecedent`),
        and only a person shown to be one. None for any other word ("the Kremlin")."""
        if name.head_i < 1 or " " in name.name:
            return None
        tok = self.doc[name.head_i]
        word = tok.lower_
        if (
            tok.idx != name.start_char
            or self.doc[tok.i - 1].lower_ != "the"
            or not _demonym(word)
            or word in KNOWN_ORGS
            or word in TITLE_WORDS
            or self._named_elsewhere(word, name.start_char)
        ):
            return None
        described = MentionReading(form="definite", text=f"the {word}", head=word, head_i=tok.i)
        return self._person_just_before(described, any_clause=True)

    def _named_elsewhere(self, word: str, start: int, kind: str | None = None) -> bool:
        """Whether the article writes ``word`` (lower case) as part of a name anywhere but at
        character ``start``, for an entity of ``kind`` (any kind when None)."""
        return any(
            m.start != start
            for e in self.article.entities
            if (kind is None or e.kind == kind) and word in fold(e.name).split()
            for m in e.mentions
        )

    def _person_just_before(
        self, reading: MentionReading, any_clause: bool = False, shown: bool = False
    ) -> Resolution | None:
        """The subject just before a description (see :meth:`_subject_antecedent`) when it
        is a person shown to be one: with person evidence, or (unless ``shown``) a known
        gender. None otherwise."""
        chained = self._subject_antecedent(reading, None, any_clause=any_clause)
        entity = chained.entity if chained is not None else None
        if entity is None or entity.kind != "person":
            return None
        if not (entity.person_evidence or (entity.gender and not shown)):
            return None
        return chained

    def _aged_description(self, name: NameReading) -> Resolution | None:
        """A word in capitals after an age ("the 59-year-old Ethiopian", "the 54-year-old
        Swede") is what the person is, not their name, when the article names nobody so
        elsewhere: it resolves as the age epithet would (see :meth:`_epithet`)."""
        if name.kind != "person" or name.head_i < 1:
            return None
        tok = self.doc[name.head_i]
        if tok.idx != name.start_char:
            return None  # more than one word: a name
        age = next(
            (
                c
                for c in tok.lefts
                if c.dep_ in ("amod", "compound") and _AGE_WORD.fullmatch(c.lower_)
            ),
            None,
        )
        if age is None or self._named_elsewhere(tok.lower_, name.start_char, "person"):
            return None
        described = MentionReading(
            form="definite", text=f"the {age.text}", head=fold(tok.text), head_i=tok.i
        )
        return self._epithet(described, name.start_char, self.article.sent_of_token[tok.i])

    def _cut_name(self, name: NameReading) -> Entity | None:
        """A name the text ends in mid-word: the one person of the article whose surname it
        begins. Excerpts, feed summaries and snippets are often cut at a length, so
        '"...," said Lind' at the very end (or before a trailing ellipsis) may be Lindqvist; a
        complete name is no prefix of another person's longer surname, so it stays itself."""
        if name.kind != "person" or self.text[name.end_char :].strip() not in ("", "…", "..."):
            return None
        words = name_key(name.name).split()
        cut = words[-1] if words else ""
        if len(cut) < 3:
            return None
        found = []
        for e in self.article.entities:
            if e.kind != "person" or not (e.person_evidence or e.gender):
                continue
            core = name_key(e.name).split()
            if len(core) < 2 or len(core[-1]) <= len(cut) or not core[-1].startswith(cut):
                continue
            # "Marta Lindq" for Marta Lindqvist: a written given name must still fit
            if len(words) > 1 and not same_person(" ".join(words[:-1] + core[-1:]), e.name):
                continue
            found.append(e)
        return found[0] if len(found) == 1 else None

    def _best(
        self, entities: list[Entity], char: int, sent: int, prev_bonus: float | None = None
    ) -> tuple[Entity | None, float]:
        """The most salient of ``entities`` before ``char``, with the previous speaker's bonus."""
        best: Entity | None = None
        best_score = 0.0
        for e, score in self._scores(entities, char, sent, prev_bonus):
            if score > best_score:
                best, best_score = e, score
        return best, best_score

    def _scores(
        self, entities: list[Entity], char: int, sent: int, prev_bonus: float | None = None
    ) -> list[tuple[Entity, float]]:
        """The salience of each of ``entities`` before ``char``, with the previous speaker's
        bonus, in the order given."""
        if prev_bonus is None:
            prev_bonus = self.settings.previous_speaker_bonus
        max_back, decay = self.settings.max_back, self.settings.decay
        prev = self.previous.entity if self.previous is not None else None
        if prev is not None and self._new_subject_since(prev, char, entities):
            prev = None  # "Anderson agreed with McClenney. '...,' he said": the topic moved on
        out = []
        for e in entities:
            score = self.article.salience(e, char, sent)
            if e is prev and 0 <= sent - self.previous_sent <= max_back:
                score += prev_bonus * decay ** (sent - self.previous_sent)
            out.append((e, score))
        return out

    def _new_subject_since(self, previous: Entity, char: int, entities: list[Entity]) -> bool:
        """Whether another of ``entities`` was the subject of a sentence between the previous
        quote's mention and ``char``."""
        for e in entities:
            if e is previous:
                continue
            if any(
                m.subject and not m.quoted and self.previous_end <= m.start and m.end <= char
                for m in e.mentions
            ):
                return True
        return False

    def _from_entity(self, entity: Entity, char: int) -> Resolution:
        last = self.article.last_mention_before(entity, char)
        return Resolution(
            kind=entity.kind,
            speaker=entity.name,
            role=entity.role() if entity.kind == "person" else None,
            entity=entity,
            antecedent=(last.start, last.end) if last else None,
        )

    def _pronoun(self, reading: MentionReading, char: int, sent: int) -> Resolution:
        pron = reading.pronoun or ""
        if pron in ("i", "me", "we", "us", "you"):
            # first and second person outside a quote: the author or readers, nobody named
            return Resolution(kind="anonymous", description=reading.text)
        if pron in PRONOUN_GENDER:
            gender = PRONOUN_GENDER.get(pron)
            people = [
                e for e in self.article.entities if e.kind == "person" and _gender_ok(e, gender)
            ]
            chained = self._subject_antecedent(reading, gender)
            if chained is not None:
                if chained.entity is not None:
                    # "McLenney said ... '...,' she said": the pronoun tells her gender
                    chained.entity.gender = chained.entity.gender or gender
                return chained
            best, _ = self._best(people, char, sent)
            if best is not None and not (best.person_evidence or best.gender):
                # "Singapore", "Express": capitalised words never shown to be people lose to
                # anyone who is ("Pope Francis" several sentences back)
                shown = [e for e in people if e.person_evidence or e.gender]
                best = self._best(shown, char, sent)[0] or best
            if best is None:
                best = self._only_speaker_after(people, char)
            if best is not None:
                # "Tyresha McClenney ... she said": the pronoun tells an unknown name's gender
                best.gender = best.gender or gender
                return self._from_entity(best, char)
            return Resolution(kind="anonymous", description=reading.text)
        if pron in NEUTER_PRONOUNS:
            org = self._subject_organisation(reading)
            if org is not None:
                return self._from_entity(org, char)
        if pron in PLURAL_PRONOUNS or pron in NEUTER_PRONOUNS:
            prev = self.previous
            recent = prev is not None and 0 <= sent - self.previous_sent <= 2
            group = prev is not None and (
                prev.kind == "organisation"
                or (prev.kind == "anonymous" and pron in PLURAL_PRONOUNS)
            )
            if recent and prev is not None and group:
                return Resolution(
                    kind=prev.kind,
                    speaker=prev.speaker,
                    description=prev.description,
                    entity=prev.entity,
                    antecedent=prev.antecedent,
                )
            if pron in NEUTER_PRONOUNS:
                orgs = [e for e in self.article.entities if e.kind == "organisation"]
                best, score = self._best(orgs, char, sent)
                # only an organisation in the same or the previous sentence's subject: "it"
                # refers to plans, reports and bills as often as to organisations
                if best is not None and score >= 90.0:
                    return self._from_entity(best, char)
            return Resolution(kind="anonymous", description=reading.text)
        return Resolution(kind="anonymous", description=reading.text)

    def _only_speaker_after(self, people: list[Entity], char: int) -> Entity | None:
        """The person a "he said" names before anyone is named: a page that opens on its
        key points ('• "…," he said.') names the speaker further on. Only when one person
        of the pronoun's gender is named as the speaker of a quote anywhere in the article,
        and first so after the pronoun; with two, the pronoun stays unresolved."""
        starts = self.article.name_starts

        def as_speaker(e: Entity) -> list[EntityMention]:
            return [m for m in e.mentions if m.named and not m.quoted and m.start in starts]

        speakers = [e for e in people if as_speaker(e)]
        if len(speakers) != 1:
            return None
        return speakers[0] if as_speaker(speakers[0])[0].start > char else None

    def _in_direct_quote(self, char: int) -> bool:
        k = bisect_right(self.quoted, (char, len(self.text) + 1)) - 1
        return any(a <= char < b for a, b in self.quoted[max(0, k - 3) : k + 1])

    def _sentences(self) -> list[Span]:
        if self._sents is None:
            self._sents = list(self.doc.sents)
        return self._sents

    def _subject_antecedent(
        self, reading: MentionReading, gender: str | None, any_clause: bool = False
    ) -> Resolution | None:
        """For "he"/"she" as the subject of its clause, the referent of the main-clause
        subject just before it: "Sir Keir hit back ... He said" is Sir Keir, "The prime
        minister addressed the nation ... he said" the prime minister, however often others
        were named. The subject of the pronoun's own sentence comes first ("Raaj, a young
        Hindu, confessed ...: '...,' he said"), then the sentences before, skipping those in
        direct quotes and following "he"/"she" subjects back to whom they name. ``None`` when
        that subject is no person (the caller falls back to salience) ... or, with
        ``any_clause``, the one person who is the subject of another clause of that sentence
        ("The party's statement came after Moore, 70, withdrew")."""
        i = reading.head_i
        if i < 0 or self.doc[i].dep_ not in ("nsubj", "nsubjpass"):
            return None
        sents = self._sentences()
        k = self.article.sent_of_token[i]
        own = True
        looked = 0
        while k >= 0 and looked < 4:
            sentence = sents[k]
            limit = i if own else sentence.end
            root = sentence.root
            subjects = [
                c
                for c in root.children
                if c.dep_ in ("nsubj", "nsubjpass") and c.i < limit and c.i != i
            ]
            if not subjects or self._in_direct_quote(subjects[0].idx):
                # a quoted sentence ('"...," Trump said'): the subject outside the quote
                subjects = [
                    t
                    for t in sentence
                    if t.dep_ in ("nsubj", "nsubjpass")
                    and t.i < limit
                    and t.i != i
                    and not self._in_direct_quote(t.idx)
                ][-1:]
            if not subjects:
                if not own:
                    looked += 1
                own = False
                k -= 1
                continue
            own = False
            looked += 1
            found = self._subject_referent(subjects[0], gender)
            if found is _OTHER_GENDER:
                # "She continued, '...' Anderson agreed ...; '...,' he said": when the main
                # subject is "she", the last other subject of the sentence may be "he"
                others = [
                    t
                    for t in sentence
                    if t.dep_ in ("nsubj", "nsubjpass")
                    and t.i < limit
                    and t.i != subjects[0].i
                    and not self._in_direct_quote(t.idx)
                ]
                for t in reversed(others):
                    other = self._subject_referent(t, gender)
                    if isinstance(other, Resolution):
                        return other
                return None
            if found is None and any_clause:
                return self._one_clause_subject(sentence, limit, subjects[0].i, gender)
            if isinstance(found, Resolution) or found is None:
                return found
            k -= 1  # a "he" of the same gender: whom it names lies further back
        return None

    def _one_clause_subject(
        self, sentence: Span, limit: int, skip: int, gender: str | None
    ) -> Resolution | None:
        """The person who is the subject of a clause of ``sentence`` before token ``limit``
        (outside direct quotes, token ``skip`` aside), when exactly one person is."""
        found: dict[int, Resolution] = {}
        for t in sentence:
            if t.i >= limit or t.i == skip or t.dep_ not in ("nsubj", "nsubjpass"):
                continue
            if self._in_direct_quote(t.idx):
                continue
            res = self._subject_referent(t, gender)
            if isinstance(res, Resolution) and res.entity is not None:
                found[id(res.entity)] = res
        return next(iter(found.values())) if len(found) == 1 else None

    def _company_just_named(
        self, char: int, sent: int, business: bool = True, further: bool = False
    ) -> Entity | None:
        """For "the company": the name last written before ``char`` in its sentence that is
        an organisation or a capitalised name never shown to be a person, and not a modifier
        ("Sam Altman is returning to OpenAI, the company announced" is OpenAI). Failing that,
        such a name that was a subject or a speaker in the ``company_lookback`` sentences
        before ("Halvorsen Energy said it would cut jobs. The company added ..."): a writer
        who means another business names it. Having spoken is no sign of a person here.
        ``business`` False (a description any organisation goes by, "the agency"): only a
        name read as an organisation's. ``further``: failing both, the one body the article
        has had speak or act anywhere before (for a singular "the company")."""
        best: tuple[int, int, Entity] | None = None  # (same sentence, start, entity)
        first = sent - self.settings.company_lookback
        for e in self.article.entities:
            if e.kind == "person" and (e.person_shown or e.gender or not business):
                continue
            if len(e.name.replace(".", "").strip()) < 2:
                continue  # a lone letter ("Q: …", an interview's turn label) is no business
            for m in e.mentions:
                if not m.named or m.quoted or m.end > char or not first <= m.sent <= sent:
                    continue
                if m.sent < sent and not (m.subject or m.speaker):
                    continue
                key = (int(m.sent == sent), m.start)
                if (best is None or key > best[:2]) and not self._modifier(m):
                    best = (key[0], key[1], e)
        if best is None and business and further:
            # further back, the one body the article has shown to be an organisation and
            # had speak or act ("Nordmart Group cut its forecast … The company expects …")
            bodies = {
                id(e): e
                for e in self.article.entities
                if e.kind == "organisation"
                and any(
                    m.named and not m.quoted and m.end <= char and m.subject for m in e.mentions
                )
            }
            if len(bodies) == 1:
                return next(iter(bodies.values()))
        return best[2] if best is not None else None

    def _modifier(self, mention: EntityMention) -> bool:
        """Whether a name modifies a noun ("a Coca-Cola spokesman") rather than naming."""
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        return span is not None and len(span) > 0 and span[-1].dep_ in ("compound", "amod")

    def _subject_organisation(self, reading: MentionReading) -> Entity | None:
        """For "it" as the subject of its clause, a named organisation that is the subject of
        a clause before it in its sentence, or of the sentence before: "when FIFA did a
        U-turn, it said ..." is FIFA, whoever spoke last."""
        i = reading.head_i
        if i < 0 or self.doc[i].dep_ not in ("nsubj", "nsubjpass"):
            return None
        k = self.article.sent_of_token[i]
        sents = self._sentences()
        own = [t for t in sents[k] if t.i < i and t.dep_ in ("nsubj", "nsubjpass")]
        before = (
            [c for c in sents[k - 1].root.children if c.dep_ in ("nsubj", "nsubjpass")]
            if k > 0
            else []
        )
        for subj in list(reversed(own)) + before:
            if self._in_direct_quote(subj.idx):
                continue
            for e in self.article._overlapping(subj.idx, subj.idx + len(subj.text)):
                if e.kind == "organisation":
                    return e
            if subj in own and subj.lower_ in COMPANY_NOUNS and subj.tag_ == "NN":
                # ("The company expects sales to fall, it said"): the business that "the
                # company" is, when the article has just named it
                named = self._company_just_named(subj.idx, k, further=True)
                if named is not None and named.kind == "organisation":
                    return named
        return None

    def _subject_referent(self, subj: Token, gender: str | None) -> Resolution | object | None:
        """What a main-clause subject refers to, for :meth:`_subject_antecedent`: a person
        (by name, by an earlier quote's pronoun or by a definite description), ``_CONTINUE``
        for a pronoun of the same gender whose referent is earlier, else ``None``."""
        start, end = subj.idx, subj.idx + len(subj.text)
        low = subj.text.lower()
        if low in PRONOUN_GENDER and subj.tag_ == "PRP":
            if PRONOUN_GENDER[low] != gender:
                return _OTHER_GENDER
            for (a, b), res in self.resolved.items():
                if a <= start and end <= b:
                    return res if res.kind in ("person", "anonymous") else None
            return _CONTINUE
        for e in self.article._overlapping(start, end):
            if e.kind != "person" or not _gender_ok(e, gender):
                return None
            if not (e.person_evidence or e.gender):
                return None
            return self._from_entity(e, start)
        if subj.pos_ not in ("NOUN", "PROPN") or not any(c.dep_ == "det" for c in subj.children):
            return None  # "The Prime Minister" is tagged a proper noun, "the pope" a noun
        left = subj.left_edge
        if left.i < subj.i and left.dep_ != "det" and not left.text[:1].isupper():
            left = next((c for c in subj.children if c.dep_ == "det"), subj)
        described = read_mention(self.doc, left.idx, end)
        if described.form != "definite" or described.org_head:
            return None
        head = described.head or ""
        if head not in PERSON_NOUNS and head not in GENDERED_TITLES and head not in TITLE_WORDS:
            return None
        if GENDERED_TITLES.get(head) not in (None, gender):
            return None
        res = self._definite(described, start, self.article.sent_at(start))
        if res.entity is None and head not in TITLE_WORDS and head not in GENDERED_TITLES:
            # "the highest-ranking prosecutor" nobody's role names: a description of someone
            # named, not an office whose holder the store may know; salience decides
            return None
        return res

    def _definite(self, reading: MentionReading, char: int, sent: int) -> Resolution:
        head = reading.head or ""
        if reading.org_head:
            kind_words = ORG_KIND_WORDS.get(head, frozenset({head}))
            orgs = [
                e
                for e in self.article.entities
                if e.kind == "organisation" and not kind_words.isdisjoint(fold(e.name).split())
            ]
            best, _ = self._best(orgs, char, sent)
            if best is not None:
                return self._from_entity(best, char)
            if head in COMPANY_NOUNS or head in GENERIC_ORG_NOUNS or head in _OUTLET_NOUNS:
                singular = reading.head_i >= 0 and self.doc[reading.head_i].tag_ == "NN"
                # an outlet, like a business, goes by a name never shown to be a person's
                # ("Crux reported … the publication notes")
                named = self._company_just_named(
                    char, sent, head in COMPANY_NOUNS or head in _OUTLET_NOUNS, further=singular
                )
                if (
                    named is not None
                    and head == "group"
                    and (reading.modifiers or fold(named.name) in KNOWN_PLACES)
                ):
                    # "the London-based rights group" is someone new; no country is a group
                    named = None
                if named is not None:
                    # described as a business, the name is one, whatever its words suggested
                    named.kind = "organisation"
                    return self._from_entity(named, char)
            # "the ministry" after "Gaza's Hamas-run health ministry": the same unnamed body
            for prev_head, description, span in reversed(self.unnamed_orgs):
                if prev_head == head:
                    return Resolution(kind="organisation", description=description, antecedent=span)
            return self._unnamed_org(reading, char)
        gender = GENDERED_TITLES.get(head)
        people = [e for e in self.article.entities if e.kind == "person" and _gender_ok(e, gender)]
        # a capitalised modifier ("the Democratic nominee") must be in the person's role too
        proper_mods = {fold(m).replace(".", "") for m in reading.modifiers if m[:1].isupper()}
        mods = {fold(m) for m in reading.modifiers}
        plain_mods = {m.replace(".", "") for m in mods}
        body = self._body_led(reading) if head in LEADER_NOUNS else set()
        titled = [
            e
            for e in people
            if (
                _holds_title(head, plain_mods, e.role_words(), set(self._written_title(e)))
                or bool(body)
                and not LEADING_ROLES.isdisjoint(e.role_words())
                and _leads(body, e.role_words() | self._written_title(e))
            )
            and _in_role(
                proper_mods, {w.replace(".", "") for w in e.role_words() | self._written_title(e)}
            )
            # "the Democratic nominee" is not the vice-presidential nominee
            and not ((_RANK_WORDS & e.role_words()) - {fold(m) for m in reading.modifiers})
            # ... and "the vice president" or "the former president" is not the president
            and not (({fold(m) for m in reading.modifiers} & _QUALIFYING_WORDS) - e.role_words())
        ]
        if not titled and proper_mods:
            # "The New Zealand prime minister" for a "Prime Minister Ana Roven" whose title
            # names no country or body: the one person holding that bare title
            bare = [
                e
                for e in people
                if self._bare_titled(e)
                and _holds_title(head, plain_mods - proper_mods, e.role_words(), set())
                and not ((_RANK_WORDS | _QUALIFYING_WORDS) & e.role_words() - mods)
                and not (mods & _QUALIFYING_WORDS) - e.role_words()
            ]
            written = self._written_title(bare[0]) if len(bare) == 1 else frozenset()
            spelled = set().union(*(ABBREVIATED_TITLES.get(w, ()) for w in written))
            # the head as written in the title ("Prime Minister"), not a word an abbreviated
            # title stands for ("Sen." is a "lawmaker" too, and so is every other member)
            if head in written and head not in spelled:
                titled = bare
        if not titled and body:
            # "The head of Skyward Airlines told staff …" and, later, "chief executive Nadia
            # Frost": the one person here with a leading title that names no body
            leaders = [
                e
                for e in people
                if not LEADING_ROLES.isdisjoint(e.role_words())
                and self._bare_titled(e)
                and not (_RANK_WORDS | _QUALIFYING_WORDS) & e.role_words()
            ]
            if len(leaders) == 1:
                titled = leaders
        if not titled:
            labelled = self._party_and_state(reading, head, people)
            if labelled is not None:
                if len(labelled) != 1:
                    # "the Ohio Democrat" when no one, or two, here are: someone unnamed
                    return self._anonymous(reading, char)
                titled = labelled
        if not titled and "top" in mods and head in _TOP_OFFICES:
            # "the top U.S. diplomat", "America's top diplomat": the office news writing
            # means by it ("Secretary of State Antony Blinken"), held by one person here
            written_mods = proper_mods | ({fold(reading.owner)} if reading.owner else set())
            owners = {_COUNTRY_ALIASES.get(m.replace(".", ""), "") for m in written_mods} - {""}
            office = [
                e
                for e in people
                if any(
                    words <= e.role_words() | self._written_title(e) for words in _TOP_OFFICES[head]
                )
                and not (
                    owners
                    and {
                        _COUNTRY_ALIASES[w]
                        for w in (e.role_words() | self._written_title(e)) & _COUNTRY_OWNERS
                    }
                    - owners
                )
            ]
            if len(office) == 1:
                titled = office
        if titled and (
            head in PERSON_NOUNS
            or head in GENDERED_TITLES
            or head in LEADER_NOUNS
            or head in _ACRONYM_TITLES
            or head in _TITLE_SYNONYMS
        ):
            scored = []
            for e in titled:
                base = self.article.salience(e, char, sent) or 1.0
                scored.append((base * (1 + len(mods & e.role_words())), e))
            best = max(scored, key=lambda p: p[0])[1]
            return self._from_entity(best, char)
        epithet = self._epithet(reading, char, sent)
        if epithet is not None:
            return epithet
        k = anonymous_key(reading.text)
        if head in _ANONYMOUS_HEADS:
            for prev_key, description, span in reversed(self.anonymous_seen):
                if prev_key.split()[-1:] == k.split()[-1:]:
                    return Resolution(kind="anonymous", description=description, antecedent=span)
        if head in _GENERIC_PERSON_NOUNS:
            # The speaker of another report in the same sentence is not who a description
            # later in it means: a writer says "he" for that ("X said Sunday, after the U.S.
            # leader said he was leaving": the leader is not X).
            best, score = self._best(
                [
                    e
                    for e in people
                    if e.person_evidence
                    and not self._speaker_before_in_sentence(e, char, sent)
                    # "the U.S. leader" is nobody's former office
                    and not (head in LEADER_NOUNS and (e.role_words() & _QUALIFYING_WORDS) - mods)
                ],
                char,
                sent,
            )
            if best is not None and score >= 50.0:
                return self._from_entity(best, char)
        described = self._described_subject(reading, head)
        if described is not None:
            return described
        return self._anonymous(reading, char)

    def _party_and_state(
        self, reading: MentionReading, head: str, people: list[Entity]
    ) -> list[Entity] | None:
        """The people a party or state description may mean ("the South Carolina
        Republican", "the Virginia senator", "the Democratic lawmaker"), by the party and
        state written after their names ("Sen. Tim Kane (D-Va.)"); a title in the
        description must be theirs. Out: those people (one is the answer), or ``None`` when
        the description names no party or state, or the article labels nobody so."""
        words = [w for w in fold(reading.text).replace(".", "").split() if w != "the"]
        party = head if head in PARTY_WORDS else None
        party = party or next(
            (p for w in words for p in PARTY_WORDS if w.startswith(p[:8]) and w != head), None
        )
        rest = [w for w in words if w != head and not any(w.startswith(p[:8]) for p in PARTY_WORDS)]
        place = " ".join(rest)
        state = place if place in _STATE_NAMES else None
        if (party is None and state is None) or (rest and state is None):
            return None
        labelled = {id(e): self._labels(e) for e in people}
        if not any(labelled.values()):
            return None  # the article writes no labels: nothing to decide by
        fit = []
        for e in people:
            if head not in PARTY_WORDS and not _holds_title(head, set(), e.role_words(), set()):
                continue
            labels = labelled[id(e)]
            if not labels and (state is None or head not in PARTY_WORDS):
                # someone who may be it, unlabelled ("Texas Rep. Mike McCaul" for "the
                # Republican lawmaker"): the labels decide nothing
                return None
            if any(
                (party is None or p is None or p == party) and (state is None or st == state)
                for p, st in labels
            ):
                fit.append(e)
        # a party alone that nobody labelled carries ("the Republican candidate" for a
        # nominee the article labels nowhere) decides nothing; a state nobody has does
        return fit if fit or state is not None else None

    def _labels(self, entity: Entity) -> set[tuple[str | None, str]]:
        """(party, state) written after the entity's names: "(D-Va.)", ", R-Texas,", or a
        state alone ("Rep. Elijah Cole of Maryland": party ``None``)."""
        out: set[tuple[str | None, str]] = set()
        for m in entity.mentions:
            found = _PARTY_STATE.match(self.text, m.end)
            if found is not None:
                state = US_STATES.get(re.sub(r"[.\s]", "", fold(found.group(2))))
                if state is not None:
                    out.add((PARTY_LETTERS[found.group(1).lower()], state))
                continue
            of = _OF_STATE.match(self.text, m.end)
            if of is not None and fold(of.group(1)) in _STATE_NAMES:
                out.add((None, fold(of.group(1))))
        return out

    def _body_led(self, reading: MentionReading) -> set[str]:
        """The folded words of the named body in an "of" phrase right after a leader noun
        ("the head of the World Health Organization"), with the body's acronym ("who");
        empty when no capitalised name follows "of". The phrase is not part of the
        mention's reading, which ends at its head."""
        i = reading.head_i
        if i < 0 or i + 1 >= len(self.doc) or self.doc[i + 1].lower_ != "of":
            return set()
        words: list[Token] = []
        for t in self.doc[i + 2 : i + 10]:
            if t.lower_ == "the" and not words:
                continue
            if not (t.text[:1].isupper() or t.lower_ in ("of", "for", "and", "&")):
                break
            words.append(t)
        return _name_words([fold(t.text) for t in words if t.text[:1].isupper()])

    def _described_subject(self, reading: MentionReading, head: str) -> Resolution | None:
        """A person the article named, called by what they do or are ("Okoro was less
        forgiving. '…,' the midfielder said", "the 29-year-old striker"): a bare "the" and a
        noun that is neither a title someone would hold (those must match a role, see
        :meth:`_definite`), nor a word for an unnamed source, nor one for a new participant
        ("the woman", "the boy"), as the subject of its clause, names the subject just
        before it (see :meth:`_subject_antecedent`) when that is a person shown to be one.
        ``None`` otherwise."""
        words = fold(reading.text).split()
        noun = self.doc[reading.head_i] if reading.head_i >= 0 else None
        if (
            noun is None
            or noun.tag_ != "NN"  # one person, by a word for a person ("the commentator")
            or not person_noun(noun)
            or noun.lower_.endswith("ment")  # "the advertisement", "the statement"
            or len(words) > 3
            or words[:1] != ["the"]
            or head in TITLE_WORDS
            or head in PERSON_NOUNS
            or head in _ANONYMOUS_HEADS
            or head in _GENERIC_PERSON_NOUNS
            or head in _NEW_PARTICIPANT_NOUNS
            or head in GENDERED_TITLES
            or any(m[:1].isupper() for m in reading.modifiers)
        ):
            return None
        after = noun.i + 1
        if after < len(self.doc) and self.doc[after].text == ",":
            return None  # a name or a body set off after it says who it is
        return self._person_just_before(reading, shown=True)

    def _speaker_before_in_sentence(self, entity: Entity, char: int, sent: int) -> bool:
        """Whether ``entity`` speaks a quote in sentence ``sent``, named before ``char`` and not
        right before it with only a comma between (an apposition: "Donald Trump, the
        Republican leader, said")."""
        return any(
            m.speaker
            and m.named
            and m.sent == sent
            and m.end <= char
            and self.text[m.end : char].strip(" ,")
            for m in entity.mentions
        )

    def _epithet(self, reading: MentionReading, char: int, sent: int) -> Resolution | None:
        """An epithet news writing uses for a person it has named: an age ("the
        62-year-old") or a parent of so many ("the mother-of-two"). Like "he" as a subject
        it is the subject of the sentence before (see :meth:`_subject_antecedent`), else the
        person shown to be one who is clearly the most salient; a person whose age the
        article writes ("Moore, 70,") must have that age, and one who has it is taken first.
        ``None`` for any other description, for an epithet the article gave someone unnamed
        ("a 45-year-old was arrested"), or when nobody fits."""
        age = _AGE_EPITHET.fullmatch(fold(reading.text))
        gender: str | None = None
        if age is not None:
            epithet = rf"{age.group(1)}[- ]year[- ]old"
        else:
            head = self.doc[reading.head_i] if reading.head_i >= 0 else None
            tail = self.text[head.idx + len(head.text) :] if head is not None else ""
            gender = _PARENT_NOUNS.get(reading.head or "")
            if head is None or gender is None or not _OF_CHILDREN.match(tail):
                return None
            epithet = re.escape(head.text) + _OF_CHILDREN.pattern
        if re.search(rf"\b(?:a|an|one)\s+{epithet}", self.text[:char], re.IGNORECASE):
            # "A 45-year-old was arrested ... the 45-year-old said": someone never named
            return None
        people = [
            e
            for e in self.article.entities
            if e.kind == "person" and (e.person_evidence or e.gender) and _gender_ok(e, gender)
        ]
        if age is not None:
            wanted = f"age{int(age.group(1))}"
            ages = {
                id(e): {w for w in self._written_title(e) if w.startswith("age")} for e in people
            }
            same = [e for e in people if wanted in ages[id(e)]]
            if len(same) == 1:
                return self._from_entity(same[0], char)
            people = [e for e in people if not ages[id(e)]]
        chained = self._subject_antecedent(reading, gender, any_clause=True)
        if chained is not None and any(e is chained.entity for e in people):
            return chained
        # An epithet never brings in a new person, so a little salience will do, but it must
        # clearly point at one: twice as salient as anyone else.
        ranked = sorted(self._scores(people, char, sent), key=lambda p: -p[1])
        if not ranked or ranked[0][1] <= 0 or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]):
            return None
        return self._from_entity(ranked[0][0], char)

    def _written_title(self, entity: Entity) -> frozenset[str]:
        """Words the article writes as a title straight before the person's surname
        ("FIFA President Gianni Infantino" gives "fifa"), even where the name run that
        read the role stopped short of them (a headline's capitals, an organisation)."""
        key = id(entity)
        if key not in self._titles:
            self._titles[key] = role_words(entity.name, None, self.text)
        return self._titles[key]

    def _anonymous(self, reading: MentionReading, char: int) -> Resolution:
        """An unnamed source, remembered so that "the official" can refer back to it."""
        span = reading.span or (char, char + len(reading.text))
        self.anonymous_seen.append((anonymous_key(reading.text), reading.text, span))
        return Resolution(kind="anonymous", description=reading.text)

    def _unnamed_org(self, reading: MentionReading, char: int) -> Resolution:
        """An organisation known only by a description, remembered for "the ministry" later."""
        span = reading.span or (char, char + len(reading.text))
        self.unnamed_orgs.append((reading.head or "", reading.text, span))
        return Resolution(kind="organisation", description=reading.text)

    def _indefinite(self, reading: MentionReading, char: int) -> Resolution:
        if reading.org_head:
            return self._unnamed_org(reading, char)
        return self._anonymous(reading, char)


_FIRST_PERSON = frozenset({"i", "me", "my"})
_CONTINUE = object()  # a subject pronoun whose referent lies further back
_OTHER_GENDER = object()  # a subject pronoun of the other gender


def _enclosing_speaker_quote(quotes: list[Quote], quote: Quote, text: str) -> Quote | None:
    """For a first-person mention inside a direct quote ('"I think," Trump said' reports what
    "I" thinks), the quote it stands in; ``None`` for any other mention."""
    if quote.mention_start is None or quote.mention_end is None:
        return None
    if text[quote.mention_start : quote.mention_end].strip().lower() not in _FIRST_PERSON:
        return None
    for other in quotes:
        inside = other.start <= quote.mention_start and quote.mention_end <= other.end
        if other is not quote and other.type == "direct" and inside:
            return other
    return None


def _copy_speaker(source: Quote, target: Quote) -> None:
    """Give ``target`` the speaker of ``source``; its own mention stays first in the spans."""
    assert target.mention_start is not None and target.mention_end is not None
    own = (target.mention_start, target.mention_end)
    if source.speaker_kind is None:
        target.speaker, target.speaker_kind = None, "anonymous"
        target.speaker_role, target.speaker_description = None, "I"
        target.speaker_spans = [own]
        return
    target.speaker = source.speaker
    target.speaker_kind = source.speaker_kind
    target.speaker_role = source.speaker_role
    target.speaker_description = source.speaker_description
    target.speaker_spans = [own] + [s for s in source.speaker_spans if s != own]


def resolve_speakers(
    doc: Doc, quotes: list[Quote], settings: ResolveSettings = DEFAULT_RESOLVE
) -> None:
    """Set ``speaker``, ``speaker_kind``, ``speaker_role``, ``speaker_description`` and
    ``speaker_spans`` on each quote from its ``mention_start``/``mention_end`` in ``doc``.

    Quotes without a mention are left as they are. The quote's own mention is always the first
    entry of ``speaker_spans``; the antecedent and the full-name mention follow.
    """
    if not quotes:
        return
    # names inside direct quotes are what speakers talk about, rarely who speaks next
    quoted = [(q.start, q.end) for q in quotes if q.type == "direct"]
    # the doc's text the caller keeps for its own stages stays; the caches made here go
    kept = {DOC_TEXT_KEY} & set(doc.user_data)
    try:
        starts = frozenset(q.mention_start for q in quotes if q.mention_start is not None)
        resolver = _Resolver(doc, quoted, settings, starts)
        order = sorted(
            quotes, key=lambda q: q.mention_start if q.mention_start is not None else q.start
        )
        inner: list[tuple[Quote, Quote]] = []
        for quote in order:
            outer = _enclosing_speaker_quote(quotes, quote, resolver.text)
            if outer is not None:
                inner.append((quote, outer))
            else:
                resolver.resolve(quote)
        for quote in order:
            entity = resolver.entity_of.get(id(quote))
            if entity is not None and quote.speaker_kind in ("person", "organisation"):
                quote.speaker_kind = entity.kind
        for quote, outer in inner:
            _copy_speaker(outer, quote)
    finally:
        for cache_key in DOC_CACHE_KEYS:
            if cache_key not in kept:
                doc.user_data.pop(cache_key, None)  # leave the doc as it came
