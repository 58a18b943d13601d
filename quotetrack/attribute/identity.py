"""Cross-article speaker identity: pure functions on name strings.

The store calls these when it saves a speaker, to decide whether "Blinken" in one article and
"Antony J. Blinken" in another are the same person, which spelling to keep as the canonical
name, and which aliases to record. Nothing here reads a document; everything is a function of
the strings passed in.

Rules in short:

* a name's *core* is its casefolded, diacritic-folded tokens with leading titles/honorifics
  ("U.S. Secretary of State", "Mr.") and trailing suffixes ("Jr.") removed;
* two names are the same person when their surnames (last core token) agree and their given
  names do not conflict: a missing given name never conflicts, an initial matches any name with
  that letter, nicknames match their formal names ("Tony" ~ "Antony", "Joe" ~ "Joseph");
* different given names never merge ("Joe Biden" vs "Hunter Biden").

Within one article (``resolve_descriptors``), a definite description ("the secretary", "the
42-year-old") becomes the one named person it fits, by the words the article writes about
them or, when the caller passes ``known``, by the role stored for a person the article names;
a description of a group or body ("the company", "the board") never becomes a person; a title
written as the name ("Prime Minister", "Boeing President") is a description too; "an FAA
update" is the FAA speaking. Whatever stays a description is an unnamed source of its article.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from ..lexicon import (
    DESCRIPTION_DETERMINERS,
    DESCRIPTION_STOPS,
    HONORIFICS,
    LEADING_ROLES,
    NAME_PARTICLES,
    NAME_SUFFIXES,
    ORG_HEADS,
    PERSON_NOUNS,
    TITLE_WORDS,
    with_spelled_out_titles,
)

_TOKEN_RE = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Casefold ``text``, strip diacritics and straighten apostrophes: ``"Énergie"`` -> ``"energie"``."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _tokens(name: str) -> list[str]:
    """Folded word tokens of ``name``; dots vanish so "U.S." reads as "us" and "J." as "j"."""
    text = re.sub(r"\([^)]*\)", " ", name)  # "(D-Mass.)" after a name is not part of it
    text = fold(text).replace(".", "")
    text = re.sub(r"['’]s\b", "", text)  # possessive "Blinken's"
    return _TOKEN_RE.findall(text)


def _is_title(token: str) -> bool:
    # "PM Sunak": the British abbreviation is a title before a name.
    return token in TITLE_WORDS or token in HONORIFICS or token in {"the", "of", "for", "and", "pm"}


@lru_cache(maxsize=16384)
def _core(name: str) -> tuple[str, ...]:
    """The identity-bearing tokens of a name: titles in front and suffixes at the end removed.

    Organisation names keep their leading words ("White House" stays "white house").
    """
    toks = _tokens(name.split(",")[0])  # "Cornell Brooks, president of the NAACP"
    while len(toks) > 1 and toks[-1] in NAME_SUFFIXES:
        toks = toks[:-1]
    if toks and toks[-1] in ORG_HEADS:
        while len(toks) > 1 and toks[0] in {"the", "a", "an"}:
            toks = toks[1:]
        return tuple(toks)
    while len(toks) > 1 and _is_title(toks[0]):
        toks = toks[1:]
    return tuple(toks)


def name_key(name: str) -> str:
    """Normalised identity key of a speaker name.

    ``"U.S. Secretary of State Antony Blinken"`` -> ``"antony blinken"``;
    ``"Mr. Blinken"`` -> ``"blinken"``; ``"José Núñez"`` -> ``"jose nunez"``.
    """
    return " ".join(_core(name))


def alias_key(alias: str) -> str:
    """Key of an alias as written: folded like :func:`name_key` but with titles kept.

    ``"Secretary Blinken"`` -> ``"secretary blinken"``, so a speaker keeps "Blinken",
    "Secretary Blinken" and "U.S. Secretary of State Antony Blinken" as separate aliases.
    """
    return " ".join(_tokens(alias))


def surname_key(name: str) -> str | None:
    """Key of the family name (the last core token), for blocking lookups; ``None`` if empty."""
    core = _core(name)
    return core[-1] if core else None


def _honorific_gender(name: str) -> str | None:
    for tok in _tokens(name):
        if tok in HONORIFICS:
            return HONORIFICS[tok]
        if tok not in TITLE_WORDS:
            break
    return None


def _given(name: str) -> tuple[str, ...]:
    """Given names and initials of a name; particles belong to the surname ("von der Leyen")."""
    return tuple(t for t in _core(name)[:-1] if t not in NAME_PARTICLES)


@lru_cache(maxsize=1)
def _nicknamer():
    from nicknames import NickNamer

    return NickNamer()


@lru_cache(maxsize=4096)
def _name_forms(given: str) -> frozenset[str]:
    """A given name with its formal names and nicknames from the nickname table."""
    nn = _nicknamer()
    forms = {given}
    forms |= set(nn.canonicals_of(given))
    forms |= set(nn.nicknames_of(given))
    return frozenset(forms)


def _spelling_variants(a: str, b: str) -> bool:
    """ "antony" ~ "anthony": one edit apart, both long enough that this is no coincidence."""
    return min(len(a), len(b)) >= 5 and Levenshtein.distance(a, b) <= 1


def surname_misspelt(a: str, b: str) -> bool:
    """Whether two different folded surnames look like one written twice, once with a
    typo: one edit apart when both have six letters or more ("mcclenney" ~ "mclenney"), two
    when both have seven or more and they begin and end alike ("mcclenney" ~ "mclenny").
    For one article only: across articles different people share such names."""
    if a == b:
        return False
    shortest = min(len(a), len(b))
    distance = Levenshtein.distance(a, b, score_cutoff=2)
    if shortest >= 6 and distance <= 1:
        return True
    return shortest >= 7 and distance <= 2 and a[:2] == b[:2] and a[-1] == b[-1]


def given_names_compatible(a: str, b: str) -> bool:
    """Whether two folded given names can denote the same person.

    Equal names, an initial and a name with that letter, a nickname and its formal name from
    the table ("Joe" ~ "Joseph", "Tony" ~ "Anthony" ~ "Antony") and one-letter spelling variants
    of long names are compatible; two names that merely share a nickname ("Christopher" and
    "Christina", both "Chris") are not.
    """
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    fa, fb = _name_forms(a), _name_forms(b)
    if b in fa or a in fb:
        return True
    return any(_spelling_variants(x, b) for x in fa) or any(_spelling_variants(a, y) for y in fb)


def _gender_of_given(given: str) -> str | None:
    from .gender import given_name_gender

    return given_name_gender(given)


def _parts(name: str) -> tuple[str, ...]:
    """The core tokens of a name with hyphenated ones split: "Amara-Welde" and "Amara
    Welde" are one surname written two ways."""
    return tuple(p for t in _core(name) for p in t.split("-") if p)


def hyphen_free_key(name: str) -> str:
    """:func:`name_key` with hyphens inside names read as spaces ("idris amara welde" for
    "Idris Amara-Welde"); equal to ``name_key`` for a name without one."""
    return " ".join(_parts(name))


def short_form_of(short: str, full: str) -> bool:
    """Whether ``short`` is a short form of the name ``full`` that keeps its first words:
    "Tedros" or "Tedros Adhanom" for "Tedros Adhanom Ghebreyesus", "Idris Amara" for "Idris
    Amara Welde". Only names of three parts or more are shortened so, from the front (a
    given name that stands for its bearer, as in Ethiopian or Somali usage, or a family
    name left off); a two-part name's given name alone ("Jacinda" for "Jacinda Ardern") is
    no short form, and a short form ending in a particle ("Mohammed bin") is none."""
    a, b = _parts(short), _parts(full)
    return (
        len(b) >= 3
        and 0 < len(a) < len(b)
        and b[: len(a)] == a
        and a[-1] not in NAME_PARTICLES
        and len(a[0]) > 1
    )


def same_person(a: str, b: str) -> bool:
    """True when names ``a`` and ``b`` can denote the same person.

    Surnames must agree; given names must be compatible when both names have one
    (``given_names_compatible``); "Mr. Biden" never matches a name whose given name is
    female. ``same_person("Blinken", "Antony J. Blinken")`` is True,
    ``same_person("Joe Biden", "Hunter Biden")`` is False.
    """
    ca, cb = _core(a), _core(b)
    if ca and _parts(a) == _parts(b):
        return True  # "Amara-Welde" and "Amara Welde"
    if not ca or not cb or ca[-1] != cb[-1]:
        return False
    short, long_ = sorted((ca, cb), key=len)
    if 2 <= len(short) < len(long_) and long_[-len(short) :] == short:
        # "Yusuf Haile" for "Amina Yusuf Haile": a family name of two words written alone.
        return True
    ga, gb = _given(a), _given(b)
    if ga and gb:
        return given_names_compatible(ga[0], gb[0])
    # one side is a bare surname: the honorific, if any, must not contradict the given name
    bare, full = (a, gb) if not ga else (b, ga)
    hon = _honorific_gender(bare)
    if hon and full and len(full[0]) > 1:
        g = _gender_of_given(full[0])
        if g and g != hon:
            return False
    return True


def _name_quality(name: str) -> tuple[int, int, int, int, int]:
    core = _core(name)
    given = _given(name)
    full_given = [g for g in given if len(g) > 1]
    initials = len(given) - len(full_given)
    title_tokens = len(_tokens(name)) - len(core)
    first_len = len(full_given[0]) if full_given else 0
    return (1 if full_given else 0, -title_tokens, -initials, first_len, len(core))


def fuller_name(a: str, b: str) -> str:
    """The better canonical of two names of the same person (one of the two, unchanged).

    Prefers a name with a written-out given name, then fewer title words, fewer initials, the
    longer (formal) given name and more name tokens; ``a`` on a tie.
    ``fuller_name("Blinken", "Antony Blinken")`` -> ``"Antony Blinken"``;
    ``fuller_name("Antony J. Blinken", "Antony Blinken")`` -> ``"Antony Blinken"``.
    """
    return b if _name_quality(b) > _name_quality(a) else a


def singular(word: str) -> str:
    """Crude English singular of a casefolded noun: "officials" -> "official", "parties" -> "party"."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def anonymous_key(description: str) -> str:
    """Key of an unnamed source's description.

    Determiners and quantifiers in front are dropped, the description ends before a relative
    clause or "familiar with ..." tail, and the head is singular:
    ``"another senior US official"`` and ``"two senior U.S. officials who spoke ..."`` both give
    ``"senior us official"``.
    """
    toks = _tokens(description)
    out: list[str] = []
    for tok in toks:
        if tok in DESCRIPTION_STOPS and out:
            break
        out.append(tok)
    while out and (out[0] in DESCRIPTION_DETERMINERS or out[0].isdigit()):
        out = out[1:]
    if out:
        out[-1] = singular(out[-1])
    return " ".join(out)


def _surname_text(name: str) -> str | None:
    """The surname as written in ``name`` (original casing), if the name has a given name too."""
    words = [w for w in re.split(r"\s+", name.split(",")[0].strip()) if w]
    while len(words) > 1 and fold(words[-1]).strip(".") in NAME_SUFFIXES:
        words = words[:-1]
    if len(_core(name)) < 2 or not words:
        return None
    return words[-1].strip(",")


_TITLE_HEADS = frozenset(
    "secretary president minister senator sen rep representative governor gov mayor ambassador "
    "envoy general gen adm admiral chancellor premier coordinator spokesman spokeswoman "
    "spokesperson speaker leader chairman chairwoman director commissioner judge justice".split()
)
_TITLE_QUALIFIERS = frozenset(
    "prime vice deputy foreign defense defence press attorney chief".split()
)


def _short_title(role: str | None) -> str | None:
    """The title to write before a surname, from a role: "U.S. Secretary of State" ->
    "Secretary", "Israeli Prime Minister" -> "Prime Minister"."""
    if not role:
        return None
    words = role.split()
    for j, w in enumerate(words):
        if fold(w).strip(".") in _TITLE_HEADS:
            first = j - 1 if j > 0 and fold(words[j - 1]) in _TITLE_QUALIFIERS else j
            return " ".join(x[:1].upper() + x[1:] for x in words[first : j + 1])
    return None


def _reads_as_title(role: str) -> bool:
    """Whether a role can stand before a name ("U.S. Secretary of State", "campaign
    spokesman") rather than after it ("director of debate at the University of Michigan")."""
    words = [fold(w) for w in role.split()]
    return len(words) <= 6 and not set(words) & {
        "at",
        "in",
        "on",
        "with",
        "from",
        "to",
        "who",
        "which",
        "and",
    }


def _without_title(words: list[str]) -> list[str]:
    """Written words of a name with the titles before it left off ("Dr", "Sen.")."""
    while len(words) > 1 and _is_title(fold(words[0]).strip(".")):
        words = words[1:]
    return words


def aliases(name: str, role: str | None, mention_texts: list[str]) -> list[str]:
    """Alias strings to record for a speaker, most complete first, without duplicates.

    ``aliases("Antony Blinken", "U.S. Secretary of State", ["Blinken", "he"])`` ->
    ``["Antony Blinken", "Blinken", "U.S. Secretary of State Antony Blinken", "Secretary Blinken"]``.
    Mention texts are kept only when they name the same person (pronouns and descriptions such
    as "the secretary" are not aliases).
    """
    out: list[str] = []
    seen: set[str] = set()

    def add(alias: str | None) -> None:
        if not alias:
            return
        alias = " ".join(alias.split()).strip(" ,;:")
        key = fold(alias)
        if alias and key not in seen:
            seen.add(key)
            out.append(alias)

    add(name)
    if hyphen_free_key(name) != name_key(name):
        add(" ".join(w.replace("-", " ") for w in name.split()))  # found either way
    # A name of three parts or more is also found by its first two or more ("Idris Amara"
    # for "Idris Amara Welde", see short_form_of), which share no surname with it.
    words = _without_title(re.split(r"[\s-]+", name.split(",")[0].strip()))
    for n in range(2, len(words)):
        if short_form_of(" ".join(words[:n]), name):
            add(" ".join(words[:n]))
    surname = _surname_text(name)
    add(surname)
    if role and _reads_as_title(role):
        add(f"{role} {name}")
        title = _short_title(role)
        if title and surname:
            add(f"{title} {surname}")
    for text in mention_texts:
        text = re.sub(r"['’]s$", "", text.strip())
        # a name is written with capitals; "the secretary" and "he" never are aliases
        if not any(w[:1].isupper() for w in text.split()):
            continue
        if same_person(text, name):
            add(text)
        elif short_form_of(text, name):
            add(text)
            # "Dr Tedros" is found as "Tedros" too: the short form without its title
            add(" ".join(_without_title(text.split())))
    return out


def match_speaker(name: str, candidates: list[tuple[int, str, int]]) -> int | None:
    """Pick the stored speaker that ``name`` should attach to, or ``None`` to create a new one.

    ``candidates`` are ``(speaker_id, canonical_name, n_quotes)`` rows sharing ``name``'s surname
    key. Rules:

    * only candidates with ``same_person(name, canonical)`` are compatible;
    * a name with a given name prefers candidates with the same first given name, then other
      compatible ones when those are all one person (a nickname shared by a Christopher and a
      Christina decides nothing); it attaches to a bare-surname record ("Blinken") only when no
      stored speaker with that surname has a conflicting given name;
    * a bare surname attaches only when all compatible candidates are one person (pairwise
      ``same_person``); when several different people share the surname it attaches to an
      existing bare-surname record if there is one, else ``None``;
    * among the remaining candidates the one with the most quotes wins (lowest id on a tie).
    """
    compatible = [c for c in candidates if same_person(name, c[1])]
    if not compatible:
        return None

    def best(rows: list[tuple[int, str, int]]) -> int:
        return min(rows, key=lambda r: (-r[2], r[0]))[0]

    if _given(name):
        with_given = [c for c in compatible if _given(c[1])]
        if with_given:
            first = _given(name)[0]
            same_first = [c for c in with_given if _given(c[1])[0] == first]
            if same_first:
                return best(same_first)
            # "Chris Smith" with a Christopher and a Christina on file: nobody to pick
            one_person = all(same_person(x[1], y[1]) for x in with_given for y in with_given)
            return best(with_given) if one_person else None
        conflicting = [c for c in candidates if _given(c[1]) and not same_person(name, c[1])]
        return None if conflicting else best(compatible)
    named = [c for c in compatible if _given(c[1])]
    one_person = all(same_person(x[1], y[1]) for x in named for y in named)
    if one_person:
        return best(compatible)
    bare = [c for c in compatible if not _given(c[1])]
    return best(bare) if bare else None


# -- organisations: spelling variants and acronyms ---------------------------------------------

# British and US spellings of the words organisation names are made of: one key for both.
_SPELLINGS = {
    "organisation": "organization",
    "organisations": "organizations",
    "defence": "defense",
    "labour": "labor",
    "centre": "center",
    "programme": "program",
    "honour": "honor",
    "harbour": "harbor",
    "council": "council",
}
# Short forms news writing uses for a body as a name of its own, no acronym of it.
_SHORT_FORMS = {"fed": "federal reserve", "the fed": "federal reserve"}
_ACRONYM_SKIP = frozenset({"of", "the", "for", "and", "on", "in", "de", "du", "la", "&"})


# Legal forms written after a business's name: "Lumen Social Inc." is "Lumen Social".
_LEGAL_FORMS = frozenset(
    "inc incorporated corp ltd limited llc plc co sa ag nv gmbh spa bv ab asa oyj".split()
)


def organisation_key(name: str) -> str:
    """Identity key of an organisation name, folded across British and US spellings and
    without a legal form at the end: ``"World Health Organisation"`` and ``"World Health
    Organization"`` give one key, ``"Lumen Social Inc."`` and ``"Lumen Social"`` another;
    a short form news writing uses as a name ("Fed") gives its body's key."""
    toks = [_SPELLINGS.get(t, t) for t in _core(name)]
    while len(toks) > 1 and toks[-1] in _LEGAL_FORMS:
        toks.pop()
    key = " ".join(toks)
    return _SHORT_FORMS.get(key, key)


def acronym(name: str) -> str | None:
    """The initialism of a name of three or more content words ("Federal Aviation
    Administration" -> "faa"), or None for shorter names and single words."""
    toks = [t for t in _core(name) if t not in _ACRONYM_SKIP]
    if len(toks) < 2:
        return None
    return "".join(t[0] for t in toks)


def is_acronym(name: str) -> bool:
    """Whether a name is written as an acronym ("FAA", "W.H.O.")."""
    letters = name.replace(".", "").strip()
    return 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper()


# -- descriptors within one article --------------------------------------------------------------

# A descriptor's head noun and the role words it can stand for ("the PM" for a prime
# minister, "the FIFA boss" for its president).
_HEAD_SYNONYMS: dict[str, frozenset[str]] = {
    "pm": frozenset({"prime", "minister", "pm"}),
    "boss": frozenset({"president", "chief", "head", "leader", "ceo", "director", "chairman"}),
    "chief": frozenset({"president", "chief", "head", "ceo", "director", "executive"}),
    "head": frozenset({"president", "chief", "head", "leader", "director", "chairman"}),
    "diplomat": frozenset({"secretary", "foreign", "minister", "ambassador", "envoy"}),
    "premier": frozenset({"premier", "prime", "minister"}),
    "pontiff": frozenset({"pope", "pontiff"}),
    "executive": frozenset({"executive", "ceo", "chief"}),
}
_ORG_DESCRIPTORS = frozenset(
    "company firm organisation organization group agency body regulator carrier airline "
    "manufacturer maker startup broadcaster union".split()
)
# Heads of descriptions of a group or body ("the previous board", "the committee"): they
# never stand for one named person, whatever words the article writes near a person's name
# ("the company's CEO Sam Altman" does not make "the company" Altman).
_COLLECTIVE_HEADS = _ORG_DESCRIPTORS | frozenset(
    "board committee council panel team government ministry department office campaign "
    "family party court jury staff management administration".split()
)
_DEFINITE = frozenset({"the", "this"})
# Organs that speak for one body without being it: "the board" of a company is a speaker of
# its own, named after the body ("Nordvik board"), the same on every page that names it.
_ORGAN_HEADS = frozenset({"board"})
# Words that may stand between the determiner and an organ without making it another body's
# ("the former board", "its new board"); "the school board" is some school's.
_ORGAN_STATES = frozenset(
    "previous new former current old outgoing incoming entire full whole interim".split()
)
# An organ written with its members ("the board of directors").
_ORGAN_TAILS = frozenset({"directors", "trustees", "governors"})
# A body whose own name ends in "Board" ("the Transport Safety Board"): "the board" of such
# an article may be that body, not an organ of the organisation quoted.
_NAMED_BOARD_RE = re.compile(
    r"\b(?!(?:The|This|That|Its|Our|Their|A|An)\b)[A-Z][\w'’&.-]*\s+Board\b"
)
_AGE_RE = re.compile(r"^(\d{1,3})[- ]year[- ]old$")


def is_definite_descriptor(description: str) -> bool:
    """Whether an unnamed-source description points at one known referent: "the secretary",
    "the 42-year-old", "the country's top diplomat" (not "a US official", "officials")."""
    toks = _tokens(description)
    return len(toks) >= 2 and toks[0] in _DEFINITE and len(toks) <= 6


def role_words(name: str, role: str | None, article_text: str) -> frozenset[str]:
    """Words that describe a named person in one article: their role, and the words written
    just before each mention of their surname ("Labour leader Sir Keir Starmer") or just after
    it between commas ("Infantino, 52, said"), folded; an abbreviated title also gives the
    nouns it abbreviates ("Sen." gives "senator")."""
    words: set[str] = set(_tokens(role or ""))
    surname = _surname_text(name) or (name.split()[-1] if name.split() else "")
    if len(surname) >= 3:
        for m in re.finditer(rf"\b{re.escape(surname)}\b", article_text):
            before = article_text[max(0, m.start() - 80) : m.start()]
            words.update(_title_before(before.splitlines()[-1] if before.splitlines() else ""))
            after = article_text[m.end() : m.end() + 40]
            age = re.match(r"\s*,\s*(\d{1,3})\s*,", after)
            if age:
                words.add(f"age{age.group(1)}")
    return frozenset(with_spelled_out_titles(words))


_WRITTEN_RE = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*\.?|[,;:()]")


def _title_before(text: str) -> list[str]:
    """The title written straight before a name, folded: the words back from the end of
    ``text`` while they are capitalised, title or person words, up to six ("Boeing chief
    executive officer Dave" before "Calhoun"). A lowercase word of another kind ends it, so
    that "The former President also claimed" before "Biden" gives nothing."""
    out: list[str] = []
    for written in reversed(_WRITTEN_RE.findall(text)):
        toks = _tokens(written)
        if not toks or len(out) >= 6:
            break
        tok = toks[-1]
        if not (
            written[:1].isupper()
            or tok in TITLE_WORDS
            or tok in PERSON_NOUNS
            or tok in _HEAD_SYNONYMS
            or tok in {"of", "the", "and", "&"}
        ):
            break
        out.append(tok)
    return out


def descriptor_matches(description: str, words: frozenset[str]) -> bool:
    """Whether a definite description fits a person described by ``words`` (see
    :func:`role_words`): its head noun (or a synonym) is among them and every other
    capitalised or title word of it is too ("the FIFA president" needs "fifa"); "the
    42-year-old" needs that age."""
    toks = _tokens(description)
    if not toks or toks[0] not in _DEFINITE:
        return False
    body = toks[1:]
    joined = " ".join(body)
    age = _AGE_RE.match(joined)
    if age:
        return f"age{age.group(1)}" in words
    if (
        len(body) >= 2
        and body[0].endswith(("s", "'s"))
        and description.count("'") + description.count("’")
    ):
        body = body[1:]  # "the country's top diplomat" -> "top diplomat"
    head = body[-1] if body else ""
    heads = _HEAD_SYNONYMS.get(head, frozenset({head}))
    if not heads & words:
        return False
    originals = description.split()[1:]
    for tok, orig in zip(body[:-1], originals):
        telling = tok in TITLE_WORDS or (orig[:1].isupper() and tok not in _DEFINITE)
        if telling and tok not in words and not (_HEAD_SYNONYMS.get(tok, frozenset()) & words):
            return False
    return True


def resolve_descriptors(
    refs: list[tuple[str, str, str | None] | None],
    article_text: str,
    known: Callable[[], dict[str, tuple[str, frozenset[str]]]] | None = None,
) -> list[tuple[str, str, str | None] | None]:
    """Within one article, point each definite description of an unnamed source ("the
    secretary", "the 42-year-old", "the company") at the named speaker it refers to, when
    exactly one of the article's named speakers fits it (see :func:`descriptor_matches`;
    "the company" needs exactly one organisation). Indefinite descriptions ("a US official")
    stay unnamed. In: per quote ``(kind, name, role)`` or None. Out: the same list with
    fitting descriptions replaced by their person or organisation.

    ``known``, when given, is asked (only if the article has a description to resolve) for
    people the article names whose roles are known from elsewhere (the store's speakers:
    ``{name_key: (name, role words)}``): an article that writes "Rishi Sunak" once and then
    only "the prime minister" is resolved by a role another article stated."""
    persons: dict[str, tuple[str, str, str | None]] = {}
    orgs: dict[str, tuple[str, str, str | None]] = {}
    for ref in refs:
        if ref is None:
            continue
        kind, name, role = ref
        if kind == "person" and len(_core(name)) >= 1 and not _title_only(name):
            key = name_key(name)
            if key not in persons or fuller_name(persons[key][1], name) == name:
                persons[key] = ref
        elif kind == "organisation":
            orgs.setdefault(organisation_key(name), ref)
    if any(
        r is not None
        and (
            (r[0] == "anonymous" and is_definite_descriptor(r[1]))
            or (r[0] != "anonymous" and _title_only(r[1]))
        )
        for r in refs
    ):
        # People the article names with a title ("Prime Minister Rishi Sunak") but quotes
        # only under a description are candidates too.
        for name, role in titled_names(article_text):
            persons.setdefault(name_key(name), ("person", name, role))
        for key, (name, _) in (known_words := known() if known else {}).items():
            persons.setdefault(key, ("person", name, None))
    else:
        known_words = {}
    words = {
        k: role_words(r[1], r[2], article_text) | known_words.get(k, ("", frozenset()))[1]
        for k, r in persons.items()
    }
    out: list[tuple[str, str, str | None] | None] = []
    for ref in refs:
        if ref is None:
            out.append(None)
            continue
        kind, name, role = ref
        if kind == "person" and len(_core(name)) == 1:
            # A given name alone ("Amina") for the one person of the article it begins.
            given = _core(name)[0]
            firsts = {name_key(r[1]) for r in persons.values() if _given(r[1])[:1] == (given,)}
            # ... unless it is also someone's family name ("Biden" is no given name here).
            as_surname = any(
                len(_core(r[1])) > 1 and surname_key(r[1]) == given for r in persons.values()
            )
            if len(firsts) == 1 and not as_surname:
                key = next(iter(firsts))
                out.append(persons[key])
                continue
        office = office_of(name, persons, article_text) if kind == "anonymous" else None
        if office is not None:
            # "Holt's office": the office of the person the article names, one body across
            # the articles that quote it
            out.append(("organisation", office, None))
            continue
        body = organ_body(name, orgs, article_text) if kind == "anonymous" else None
        if body is not None:
            # "the firm's board", "the former board": the organ of the article's body
            out.append(("organisation", body, None))
            continue
        issuer = document_issuer(name) if kind == "anonymous" else None
        if issuer is not None:
            # "an FAA update": the words are the organisation's, through its document.
            out.append(orgs.get(organisation_key(issuer), ("organisation", issuer, None)))
            continue
        descriptor = (kind == "anonymous" and is_definite_descriptor(name)) or (
            kind != "anonymous" and _title_only(name)
        )
        if not descriptor:
            out.append(ref)
            continue
        text = name if _tokens(name)[:1] and _tokens(name)[0] in _DEFINITE else f"the {name}"
        head = _tokens(text)[-1]
        if head in _ORG_DESCRIPTORS and len(orgs) == 1 and len(_tokens(text)) == 2:
            out.append(next(iter(orgs.values())))
            continue
        if head in _COLLECTIVE_HEADS:
            out.append(ref)
            continue
        fits = [k for k in persons if descriptor_matches(text, words[k])]
        same = {name_key(persons[k][1]) for k in fits}
        out.append(persons[fits[0]] if len(same) == 1 else ref)
    return out


_OFFICE = re.compile(r"^(?:the\s+)?((?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*)['’]s\s+office$")


def office_of(
    description: str, persons: dict[str, tuple[str, str, str | None]], article_text: str
) -> str | None:
    """The speaker name of "<person>'s office" ("Holt's office" -> "Mereana Holt's office")
    when the possessor is one person the article names: among its named speakers
    (``persons``), written with a title ("Prime Minister Mereana Holt") or written in full.
    Else None."""
    m = _OFFICE.match(description.strip())
    if m is None:
        return None
    possessor = m.group(1)
    names = {r[1] for r in persons.values()} | {n for n, _ in titled_names(article_text)}
    # and the full names the text writes ("Mereana Holt resigned"), as written
    names |= {
        " ".join(run.group(0).split()[-2:]) if len(run.group(0).split()) > 2 else run.group(0)
        for run in _NAME_RUN.finditer(article_text)
    }
    # a run may end in the possessive it was written with ("Avram Solberg's office")
    names = {re.sub(r"['’]s$", "", n) for n in names}
    names = {n for n in names if len(_core(n)) >= 2}
    fits = {name_key(n): n for n in names if same_person(possessor, n)}
    if len(fits) != 1:
        return None
    full = next(iter(fits.values()))
    return f"{full}'s office"


def organ_body(
    description: str, orgs: dict[str, tuple[str, str, str | None]], article_text: str
) -> str | None:
    """The speaker name of an organ of a body an unnamed-source description stands for:
    ``"<body> board"``, or None. The body is the capitalised possessor or modifier the
    description writes ("Nordvik's board", "the Nordvik board": an organisation speaker of
    the article with that name, else the name as written) or, for "the board", "its new
    board", "the firm's board", the article's one organisation speaker (``orgs``: its
    organisation speakers by ``organisation_key``), unless the article names a body called
    "... Board" that "the board" may be (when that body is the organisation speaker, "the
    board" is that body itself)."""
    written = [w for w in description.split() if w]
    folded = [fold(w).strip(".,;:") for w in written]
    while len(folded) > 2 and folded[-1] in _ORGAN_TAILS and folded[-2] == "of":
        written, folded = written[:-2], folded[:-2]  # "the board of directors"
    if len(written) < 2 or folded[-1] not in _ORGAN_HEADS:
        return None
    head = folded[-1]
    body, words = written[:-1], folded[:-1]
    if words[0] in _DEFINITE or words[0] == "its":
        body, words = body[1:], words[1:]
    if body and all(w[:1].isupper() and f not in _ORGAN_STATES for w, f in zip(body, words)):
        # "Nordvik's board", "the Nordvik Shipping board": the body is named
        possessor = re.sub(r"['’]s$", "", " ".join(body))
        key = organisation_key(possessor)
        if not key or key.split()[-1] in _ORGAN_HEADS:
            return None
        own = orgs.get(key) or next(
            (r for k, r in orgs.items() if k.split()[: len(key.split())] == key.split()), None
        )
        return f"{own[1] if own else possessor} {head}"
    if words and words[-1].endswith("'s") and words[-1][:-2] in _ORG_DESCRIPTORS:
        words = words[:-1]  # "the firm's board": the article's one organisation
    if any(w not in _ORGAN_STATES for w in words):
        return None  # "the school board", "Nordvik's new board"
    bodies = [r[1] for r in orgs.values() if not _title_only(r[1])]
    if len(bodies) != 1:
        return None
    if organisation_key(bodies[0]).split()[-1:] == [head]:
        return bodies[0]  # the organisation quoted is itself a board
    if _NAMED_BOARD_RE.search(article_text):
        return None
    return f"{bodies[0]} {head}"


_CAP = r"[A-Z][a-z'’-]+"
_TITLED = re.compile(
    rf"\b((?:[A-Z][\w.-]*\s+){{0,3}}?(?i:{'|'.join(sorted(_TITLE_HEADS | {'pm', 'ceo'}))}))"
    rf"\s+(?:(?:Sir|Dame|Dr|Mr|Mrs|Ms)\.?\s+)?((?:{_CAP}\s+){{1,2}}?{_CAP})\b(?!\s+[A-Z])"
)


def titled_names(article_text: str) -> list[tuple[str, str]]:
    """Names the article writes after a title ("Prime Minister Rishi Sunak", "Boeing CEO
    Dave Calhoun"), with that title as their role: (name, role) in text order, without
    repeats. Only capitalised two- and three-word names count."""
    out: dict[str, tuple[str, str]] = {}
    for m in _TITLED.finditer(article_text):
        name = m.group(2)
        if not all(w[:1].isupper() for w in name.split()):
            continue
        out.setdefault(name_key(name), (name, m.group(1)))
    return list(out.values())


def _title_only(name: str) -> bool:
    """A "name" made only of title and organisation words ("Prime Minister", "FIFA
    President", "The PM"): a description, not a name."""
    written = [w for w in re.split(r"\s+", name.strip()) if w]
    toks = [_tokens(w) for w in written]
    if not written or not all(toks):
        return False
    last = toks[-1][-1]
    if last not in _TITLE_HEADS and last not in _HEAD_SYNONYMS:
        return False
    # Every word before the title is a title word, an article or an acronym ("FIFA") ...
    if all(
        t[-1] in TITLE_WORDS or t[-1] in _HEAD_SYNONYMS or t[-1] in _DEFINITE or is_acronym(w)
        for w, t in zip(written[:-1], toks[:-1])
    ):
        return True
    # ... or capitalised words none of which is a given name: an organisation before its
    # title ("Boeing President", "Harbour Freight President"); "Stephen Speaker" is a person.
    from .gender import is_known_given_name

    return len(written) <= 4 and all(
        w[:1].isupper() and not is_known_given_name(w) for w in written[:-1]
    )


def title_only(name: str) -> bool:
    """Whether a speaker "name" is only a title, with at most an organisation before it
    ("Prime Minister", "The PM", "FIFA President", "Boeing President"): a description of
    someone, never a name to match across articles."""
    return _title_only(name)


_NAME_RUN = re.compile(r"\b[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2}")


def written_name_keys(article_text: str) -> set[str]:
    """Identity keys of the two- and three-word capitalised runs of a text (and of the
    last two words of each three-word run): the names it may write ("Rishi Sunak's speech"
    gives "rishi sunak"), for looking up known speakers."""
    keys: set[str] = set()
    for m in _NAME_RUN.finditer(article_text):
        words = m.group(0).split()
        for part in (words, words[-2:]):
            key = name_key(" ".join(part))
            if len(key.split()) >= 2:
                keys.add(key)
    return keys


_HONORIFIC_NAME = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Sir|Dame|Lord|Lady)\.?\s+([A-Z][\w'’-]+)")


def honorific_surname_keys(article_text: str) -> set[str]:
    """Keys of the single names a text writes after an honorific ("Mr Sunak" gives
    "sunak"): people an article names by surname only, for looking up known speakers."""
    return {name_key(m.group(1)) for m in _HONORIFIC_NAME.finditer(article_text)} - {""}


def unresolved_description(kind: str, name: str) -> bool:
    """Whether a speaker reference is a description that a person's role, learnt later,
    may resolve: a definite description of an unnamed source ("the prime minister") or a
    title written as the name ("Prime Minister")."""
    return (kind == "anonymous" and is_definite_descriptor(name)) or _title_only(name)


# Titles one person holds at a time when the body is named with them ("Federal Reserve
# Chair", "Meta chief executive", "WHO Director-General").
_SOLE_TITLES = LEADING_ROLES | frozenset({"prime", "secretary-general", "premier", "chancellor"})
_ROLE_GLUE = frozenset({"the", "of", "for", "and", "at", "'s"})


def same_office(a: str | None, b: str | None) -> bool:
    """Whether two stated roles are one office only one person holds: the same title words,
    one of them a title held by one person at a time, and the same body or country named,
    a short form read as its body ("Fed Chair" is "Federal Reserve Chair"). Two people of
    one surname in that one office are one person ("Jay Pell" and "Jerome Pell", both "Fed
    Chair"). In: two role strings. Out: False when either is missing or names no body."""
    if not a or not b:
        return False

    def parts(role: str) -> tuple[frozenset[str], frozenset[str]]:
        words: list[str] = []
        for w in _tokens(role):
            words.extend(_SHORT_FORMS.get(w, w).split())
        titles = frozenset(w for w in words if w in TITLE_WORDS or w in _SOLE_TITLES)
        body = frozenset(w for w in words if w not in titles and w not in _ROLE_GLUE)
        return titles, body

    (ta, ba), (tb, bb) = parts(a), parts(b)
    return bool(ba) and ta == tb and ba == bb and not ta.isdisjoint(_SOLE_TITLES)


def known_role_words(role: str | None, alias_texts: list[str]) -> frozenset[str]:
    """Role words of a known speaker from its stored role and its aliases as written
    ("Prime Minister Rishi Sunak" gives "prime", "minister"), for :func:`resolve_descriptors`."""
    words: set[str] = set(_tokens(role or ""))
    for alias in alias_texts:
        words.update(_tokens(alias))
    return frozenset(words)


# Nouns for what an organisation issues: its words reach the page through one of these.
_DOCUMENT_NOUNS = frozenset(
    "statement update report release notice filing letter memo bulletin advisory "
    "announcement directive order post".split()
)


def document_issuer(description: str) -> str | None:
    """The organisation an unnamed source's description names as the issuer of a document,
    written as an acronym before the document noun: ``"An FAA update"`` -> ``"FAA"``,
    ``"a WHO statement"`` -> ``"WHO"``; None otherwise ("a senior official", "the report",
    "an FAA spokesperson", who is a person)."""
    written = [w for w in description.split() if w]
    if len(written) < 2 or fold(written[-1]).strip(".,") not in _DOCUMENT_NOUNS:
        return None
    body = written[:-1]
    while body and fold(body[0]) in DESCRIPTION_DETERMINERS:
        body = body[1:]
    if len(body) == 1 and is_acronym(body[0]):
        return body[0].replace(".", "")
    return None
