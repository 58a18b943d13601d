"""Reading names, titles and descriptions out of a parsed article without NER.

Everything here works from part-of-speech tags, the dependency parse and capitalisation:

* :func:`name_runs` finds runs of capitalised name-like tokens ("U.S. Secretary of State Antony
  Blinken", "NSC Coordinator for Strategic Communications John Kirby", "State Department");
* :func:`read_run` splits a run into title (role) and name, or recognises an organisation;
* :func:`read_mention` reads the speaker mention the detector found next to a quote: a name
  (with titles and appositions), a pronoun, a relative pronoun, a definite description ("the
  secretary") or an indefinite one ("a senior European diplomat").
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from spacy.attrs import ORTH
from spacy.tokens import Doc, Span, Token

from ..lexicon import (
    COMPANY_NOUNS,
    GENDERED_TITLES,
    HONORIFICS,
    KNOWN_ORGS,
    MONTHS,
    NAME_PARTICLES,
    NAME_SUFFIXES,
    NEUTER_PRONOUNS,
    NOT_NAMES,
    ORG_HEADS,
    PARTY_WORDS,
    PERSON_NOUNS,
    PLURAL_PRONOUNS,
    PRONOUN_GENDER,
    RELATIVE_PRONOUNS,
    SOURCE_QUALIFIERS,
    TITLE_WORDS,
)
from ..types import DOC_TEXT_KEY
from .gender import given_name_gender, is_known_given_name
from .identity import fold, singular

# per-document caches kept in Doc.user_data while resolve_speakers runs (removed afterwards)
DOC_CACHE_KEYS: tuple[str, ...] = (
    "quotetrack_proper_forms",
    "quotetrack_headlines",
    DOC_TEXT_KEY,
    "quotetrack_capitalised",
)
_CONNECTORS = frozenset({"of", "for"})
# "son of" in Arabic names: the given name comes just before it.
_PATRONYMICS = frozenset({"bin", "ibn", "bint"})
# Particles joined to the name after them by a hyphen ("al-Haniyeh", "el-Sisi").
_HYPHEN_PARTICLES = frozenset({"al", "el", "ad", "as", "ash", "at", "az", "ul", "bin"})
# title words that say nothing about a person on their own ("U.S.", "White House")
_PLACE_TITLE_WORDS = frozenset({"us", "uk", "un", "eu", "nato", "state", "house", "white"})
# Capitalised abbreviations of a person's title ("the PM"), never organisations.
_PERSON_ABBREVIATIONS = frozenset({"pm", "ceo", "cfo", "coo", "cto", "mp", "mep"})
_ROLE_DEPS = frozenset({"compound", "amod", "nmod", "poss", "npadvmod", "nummod"})
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_INDEFINITE = frozenset(
    {"a", "an", "another", "one", "some", "several", "many", "two", "three", "other", "no", "any"}
)


def key(tok: Token | str) -> str:
    """A token's lookup key: casefolded, diacritics and dots removed ("U.S." -> "us")."""
    text = tok if isinstance(tok, str) else tok.text
    return fold(text).replace(".", "")


def _is_title(tok: Token) -> bool:
    k = key(tok)
    return k in TITLE_WORDS or k in HONORIFICS or k in _PERSON_ABBREVIATIONS


_NON_NAME_POS = frozenset(
    {"DET", "PRON", "ADP", "CCONJ", "SCONJ", "PUNCT", "AUX", "PART", "NUM", "SPACE", "ADV"}
)
_OPENERS = frozenset(
    {'"', "“", ":", "(", "‘", "'", "—", "-"}
)  # a capital after these proves nothing
_STRAIGHT_MARKS = frozenset({'"', "'"})
_PRONOUNS = (
    RELATIVE_PRONOUNS | set(PRONOUN_GENDER) | PLURAL_PRONOUNS | NEUTER_PRONOUNS | {"i", "me", "you"}
)


def proper_forms(doc: Doc) -> frozenset[str]:
    """Words the article writes capitalised (in mid-sentence, or tagged as a proper noun
    somewhere) and never in lower case.

    The small model tags some surnames as common nouns or verbs ("Trump"/NN, "Blinken"/VBN at
    a sentence start); a word the article always capitalises is a name whatever its tag there.
    Cached on the doc.
    """
    cached = doc.user_data.get("quotetrack_proper_forms")
    if cached is not None:
        return cached
    capital: set[str] = set()
    lower: set[str] = set()
    prev = None
    for tok in doc:
        text = tok.text
        mid_sentence = (
            not tok.is_sent_start
            and prev is not None
            and not prev.is_space
            and (
                prev.text not in _OPENERS
                # a straight mark after a comma closes a quotation ('"…," Sanders said'):
                # the sentence goes on
                or prev.text in _STRAIGHT_MARKS
                and tok.i > 1
                and doc[tok.i - 2].text == ","
            )
        )
        if (
            text[:1].isupper()
            and text[1:].islower()
            and (mid_sentence or tok.tag_ in ("NNP", "NNPS"))
        ):
            capital.add(text)
        elif text.islower():
            lower.add(text)
        prev = tok
    forms = frozenset(w for w in capital if w.lower() not in lower)
    doc.user_data["quotetrack_proper_forms"] = forms
    return forms


def is_namelike(tok: Token) -> bool:
    """A capitalised proper-noun token that can be part of a name or title ("Blinken", "J.")."""
    text = tok.text
    if not text[:1].isupper():
        return False
    if key(tok) in NOT_NAMES:
        # "Theresa May": a month after a given name is a surname
        prev = tok.doc[tok.i - 1] if tok.i > 0 else None
        return key(tok) in MONTHS and prev is not None and is_known_given_name(prev.text)
    if tok.tag_ in ("NNP", "NNPS") or tok.pos_ == "PROPN":
        return True
    # the small model tags some capitalised titles and all-caps names as common nouns
    letters = text.replace(".", "")
    if _is_title(tok) and tok.pos_ in ("NOUN", "ADJ"):
        return True
    if letters.isupper() and letters.isalpha() and len(letters) > 1:
        return True
    if tok.tag_ == "VBG":
        return False  # "Meeting Prime Minister ...": a participle, but "Trump"/VB is a name
    return tok.pos_ not in _NON_NAME_POS and text in proper_forms(tok.doc)


@dataclass
class NameReading:
    """What a run of capitalised tokens says: a person (name + role) or an organisation."""

    kind: str  # "person" | "organisation"
    name: str
    start_char: int  # the name itself, without the title
    end_char: int
    role: str | None = None
    gender: str | None = None
    given_known: bool = False  # the first name token is a known given name
    person_evidence: bool = False  # given name, honorific or person title seen
    head_i: int = -1  # token index of the name's last token


def is_headline(doc: Doc, char: int) -> bool:
    """Whether the line holding ``char`` is a title-cased headline ("Clinton Breaks With Obama"):
    capitals there say nothing about names. Lines are cached on the doc."""
    cache: dict[int, bool] = doc.user_data.setdefault("quotetrack_headlines", {})
    if DOC_TEXT_KEY not in doc.user_data:
        doc.user_data[DOC_TEXT_KEY] = doc.text  # Doc.text is rebuilt on every access
    text: str = doc.user_data[DOC_TEXT_KEY]
    start = text.rfind("\n", 0, char) + 1
    if start not in cache:
        end = text.find("\n", char)
        line = text[start : end if end >= 0 else len(text)].strip()
        words = [w for w in line.split() if w[:1].isalpha() and len(w) > 3]
        closing = line[-1:] in (".", "!", "?", '"', "”", "'", "’", ")", ":")
        capital = sum(w[:1].isupper() for w in words)
        cache[start] = not closing and len(words) >= 3 and capital >= 0.8 * len(words)
    return cache[start]


def _capitalised(doc: Doc) -> list[bool]:
    """Per token, whether its text starts with a capital letter (only those can start a
    name). Read from the ORTH column: each distinct word is tested once. Cached on the doc."""
    cached = doc.user_data.get("quotetrack_capitalised")
    if cached is not None:
        return cached
    orth = doc.to_array(ORTH)
    ids, inverse = np.unique(orth, return_inverse=True)
    strings = doc.vocab.strings
    upper = np.array([strings[int(i)][:1].isupper() for i in ids.tolist()], dtype=bool)
    flags: list[bool] = upper[inverse.reshape(-1)].tolist()
    doc.user_data["quotetrack_capitalised"] = flags
    return flags


def name_runs(doc: Doc | Span) -> list[tuple[int, int]]:
    """Token ranges ``[start, end)`` of maximal runs of name-like tokens, within sentences.

    Runs may contain "of"/"for" between capitalised words (titles and organisations such as
    "Secretary of State", "Ministry of Health"), lowercase name particles ("von der") and
    hyphens inside a word ("Ocasio-Cortez").
    """
    tokens = doc  # indexed lazily: most tokens are never looked at
    runs: list[tuple[int, int]] = []
    n = len(tokens)
    offset = doc.start if isinstance(doc, Span) else 0
    capital = _capitalised(doc if isinstance(doc, Doc) else doc.doc)
    k = 0
    while k < n:
        if not capital[offset + k] or not is_namelike(tokens[k]):
            k += 1
            continue
        start = k
        end = k + 1
        while end < n and (not tokens[end].is_sent_start or _false_break(tokens, end)):
            t = tokens[end]
            if is_namelike(t):
                end += 1
                continue
            nxt = tokens[end + 1] if end + 1 < n else None
            joins = nxt is not None and is_namelike(nxt) and not nxt.is_sent_start
            if joins and (key(t) in _CONNECTORS or key(t) in NAME_PARTICLES):
                end += 2
                continue
            if (
                key(t) in _HYPHEN_PARTICLES
                and end + 2 < n
                and tokens[end + 1].text == "-"
                and not t.whitespace_
                and not tokens[end + 1].whitespace_
                and is_namelike(tokens[end + 2])
            ):
                end += 3  # "Ismail al-Haniyeh", "Abdel Fattah el-Sisi"
                continue
            if t.is_lower and key(t) in NAME_PARTICLES:
                # "Ursula von der Leyen", "Maria van den Berg": particles of two words
                after = end + 1
                while (
                    after < min(n, end + 3)
                    and tokens[after].is_lower
                    and (key(tokens[after]) in NAME_PARTICLES)
                ):
                    after += 1
                if (
                    after < n
                    and after > end + 1
                    and is_namelike(tokens[after])
                    and not tokens[after].is_sent_start
                ):
                    end = after + 1
                    continue
            if joins and key(t) in ("and", "&") and _defined_body(tokens, start, end):
                end += 2  # "European Centre for Disease Prevention and Control (ECDC)"
                continue
            glued = not tokens[end - 1].whitespace_ and not t.whitespace_
            if t.text == "-" and nxt is not None and nxt.is_alpha and glued:
                end += 2  # "Holtz-Eakin", "Ban Ki-moon"
                continue
            if (
                t.text in ("'s", "’s")
                and nxt is not None
                and joins
                and key(nxt) in ORG_HEADS
                and nxt.text[:1].isupper()
                and not tokens[end - 1].whitespace_
            ):
                end += 2  # "United Nations Children's Fund", "the People's Party": one body
                continue
            break
        # a surname that opens with particles ("von der Leyen said", "al-Haniyeh said"):
        # the particles are part of it, no title before it
        if (
            start > 1
            and tokens[start - 1].text == "-"
            and key(tokens[start - 2]) in _HYPHEN_PARTICLES
            and not tokens[start - 2].whitespace_
            and not tokens[start - 1].whitespace_
            and (not runs or runs[-1][1] <= tokens[start - 2].i)
        ):
            start -= 2
        while (
            start > 0
            and tokens[start - 1].is_lower
            and key(tokens[start - 1]) in NAME_PARTICLES
            and not tokens[start].is_sent_start
            and (not runs or runs[-1][1] <= tokens[start - 1].i)
        ):
            start -= 1
        runs.append((tokens[start].i, tokens[end - 1].i + 1))
        k = end
    return runs


def _false_break(tokens: Doc | Span, i: int) -> bool:
    """Whether the parser started a sentence at token ``i`` inside a name: the token before
    is a capitalised word of the same line with a single space and no punctuation after it
    ("Veridia | Platforms said …" after a headline)."""
    prev, tok = tokens[i - 1], tokens[i]
    return (
        prev.is_alpha
        and prev.text[:1].isupper()
        and prev.whitespace_ == " "
        and tok.text[:1].isupper()
        and tok.pos_ == "PROPN"
        and prev.pos_ == "PROPN"
    )


def _defined_body(tokens: Doc | Span, start: int, end: int) -> bool:
    """Whether the run ``tokens[start:end]``, followed by "and" and more capitalised words,
    is a body's name that the text defines with an acronym in brackets: it holds a word for
    a body and its remit ("Centre for …", "Department of …"), and a bracket follows the
    words after "and". A plain "and" between names ends the run ("the Bank of England and
    Barclays")."""
    words = [key(tokens[j]) for j in range(start, end)]
    if not any(w in ORG_HEADS for w in words) or not any(w in ("of", "for") for w in words):
        return False
    j = end + 1
    n = len(tokens)
    while j < n and is_namelike(tokens[j]) and not tokens[j].is_sent_start:
        j += 1
    return j + 2 < n and tokens[j].text == "(" and tokens[j + 2].text == ")"


# Prefixes after which a capital inside a surname is usual: "McConnell", "DeSantis".
_NAME_PREFIXES = ("mc", "mac", "de", "da", "di", "du", "la", "le", "van", "von", "st", "fitz")


def is_brand(text: str) -> bool:
    """A word written with a capital inside it that no surname prefix explains: "OpenAI",
    "YouTube", "PayPal", "SpaceX" are names of businesses or products, never of people
    ("McConnell", "DeSantis", "LaCivita" are surnames)."""
    if not text.replace("-", "").isalpha() or not text[:1].isupper() or text.isupper():
        return False
    for part in text.split("-"):  # "Ocasio-Cortez": each part starts with its capital
        for k in range(1, len(part)):
            if part[k].isupper() and part[k - 1].islower():
                return part[:k].lower() not in _NAME_PREFIXES
    return False


def _titled_name_inside(toks: list[Token], before: frozenset[str]) -> bool:
    """Whether a word of ``before`` (a title, or "for") stands inside ``toks``, neither first
    nor among the last two, with a known given name right after it: a person's name set
    after a body's title ("Bank of England Governor Andrew Bailey") or "for" a person."""
    return any(
        key(t) in before and is_known_given_name(nxt.text) for t, nxt in zip(toks[1:-2], toks[2:-1])
    )


def _is_org_run(toks: list[Token]) -> bool:
    keys = [key(t) for t in toks]
    if not keys:
        return False
    if keys[-1] in ORG_HEADS:
        return True
    if _titled_name_inside(toks, TITLE_WORDS):
        # "Bank of England Governor Andrew Bailey": a body's title and a person's name
        return False
    if "and" in keys or "&" in keys:
        return True  # only a body's name defined with an acronym runs on over "and"
    if len(keys) >= 3 and keys[0] in ORG_HEADS and keys[1] in _CONNECTORS:
        return True  # "Ministry of Health", "University of Michigan"
    if len(keys) == 1:
        text = toks[0].text.replace(".", "")
        if toks[0].tag_ == "NNPS":
            return True  # a group: "Palestinians", "Democrats"
        if keys[0] in _PERSON_ABBREVIATIONS:
            return False  # "the PM", "the CEO": a title in capitals, not an acronym
        return (
            keys[0] in KNOWN_ORGS or (text.isupper() and len(text) >= 2) or is_brand(toks[0].text)
        )
    # "White House", "U.S. State": title words naming a body; "Prime Minister" names a person
    return keys[-1] not in PERSON_NOUNS and all(k in KNOWN_ORGS or k in TITLE_WORDS for k in keys)


def _name_start(toks: list[Token]) -> int:
    """Index in ``toks`` where the person's name begins (the rest before it is a title)."""
    last = len(toks) - 1
    while last > 0 and key(toks[last]) in NAME_SUFFIXES:
        last -= 1
    start = last
    while start > 0:
        prev = toks[start - 1]
        k = key(prev)
        if k in TITLE_WORDS or k in HONORIFICS or k in _CONNECTORS:
            break
        if not (is_namelike(prev) or k in NAME_PARTICLES or prev.text == "-"):
            break
        start -= 1
    # words, with hyphenated parts kept together ("Holtz-Eakin" is one word)
    words: list[int] = []  # index in toks where each word starts
    for j in range(start, last + 1):
        glued = (
            j > start
            and (toks[j].text == "-" or toks[j - 1].text == "-")
            and not toks[j - 1].whitespace_
        )
        if not glued:
            words.append(j)
    if len(words) > 2:
        # "Strategic Communications John Kirby": the name starts at the first given name.
        # With none the lexicon knows, all of it is the name: titles and roles stopped the
        # run above, and names of three parts ("Tedros Adhanom Ghebreyesus") are common
        # where the lexicon's given names are not; cutting the first off split one person
        # in two once the article calls them by it.
        # A patronymic ("Tamim bin Hamad Al Thani") starts the name one word before its
        # first "bin"; "Al" there is a particle, not the given name "Al".
        for n, j in enumerate(words[1:-1], start=1):
            if key(toks[j]) in _PATRONYMICS:
                return words[n - 1]
        for j in words[:-1]:
            if key(toks[j]) not in NAME_PARTICLES and is_known_given_name(toks[j].text):
                return j
    return start


def _role_left_edge(doc: Doc, first: int, limit: int) -> int:
    """Extend a title leftwards over modifiers of the name ("Trump campaign spokesman")."""
    j = first - 1
    sent_start = doc[first].sent.start
    left = first
    while j >= sent_start:
        t = doc[j]
        if (
            t.is_punct
            or t.dep_ == "det"
            or t.pos_ in ("VERB", "AUX", "ADP", "CCONJ", "PRON", "SCONJ")
        ):
            if t.dep_ == "case" and t.tag_ == "POS":  # "Israel 's Defense Minister"
                j -= 1
                continue
            break
        if t.dep_ in _ROLE_DEPS and left <= t.head.i < limit or t.tag_ == "POS":
            left = j
            j -= 1
            continue
        if doc[j + 1].tag_ == "POS" and t.dep_ == "poss":
            left = j
            j -= 1
            continue
        break
    return left


def _is_role_phrase(seg: Span) -> bool:
    """An apposition that describes a person ("a junior at ..."), not a relative clause
    ("who served as ...") or a stray fragment."""
    first = seg[0]
    if first.tag_ in ("WP", "WDT", "WP$") or first.pos_ in ("VERB", "AUX", "SCONJ", "ADP", "PUNCT"):
        return False
    return _segment_root(seg).pos_ in ("NOUN", "PROPN")


def _clean_role(span: Span) -> str | None:
    """The role a span states, without determiners, honorifics and dangling words; ``None``
    unless it ends in a noun or a title ("Senate Minority Leader", "president of the NAACP")."""
    toks = list(span)
    while toks and (
        key(toks[0]) in ("the", "a", "an")
        or toks[0].pos_ == "ADV"
        or not any(c.isalnum() for c in toks[0].text)
    ):
        toks = toks[1:]
    while toks and (toks[-1].is_punct or toks[-1].tag_ == "POS" or key(toks[-1]) in _CONNECTORS):
        toks = toks[:-1]
    # "Dr.", "Prof." before a name; in lower case "professor" or "lady" is the role's noun
    # ("a professor at Harbour University", "the first lady")
    toks = [t for t in toks if not (key(t) in HONORIFICS and t.text[:1].isupper())]
    if not toks:
        return None
    last = toks[-1]
    if not (last.pos_ in ("NOUN", "PROPN") or _is_title(last)) or last.text.endswith("'"):
        return None  # "different", "Fox News'"
    if len(toks) == 1 and len(last.text) < 3:
        return None
    text = span.doc[toks[0].i : toks[-1].i + 1].text
    return text.replace(" 's", "'s")


def _gender_from(words: list[str], given: str | None) -> str | None:
    for w in words:
        k = key(w)
        if k in HONORIFICS and HONORIFICS[k]:
            return HONORIFICS[k]
        if k in GENDERED_TITLES:
            return GENDERED_TITLES[k]
    return given_name_gender(given) if given else None


def _organisation_reading(first: Token, last: Token) -> NameReading:
    """An organisation named by the tokens from ``first`` to ``last`` (one token or more)."""
    return NameReading(
        kind="organisation",
        name=first.doc[first.i : last.i + 1].text,
        start_char=first.idx,
        end_char=last.idx + len(last.text),
        head_i=last.i,
    )


def read_run(doc: Doc, start: int, end: int, extend_role: bool = True) -> NameReading | None:
    """Read the run ``doc[start:end]`` as an organisation or a person with an optional title.

    ``"U.S. Secretary of State Antony Blinken"`` -> person "Antony Blinken", role "U.S. Secretary
    of State"; ``"the State Department"`` -> organisation "State Department". ``None`` when the
    run is nothing but titles ("Secretary").
    """
    toks = [t for t in doc[start:end]]
    while toks and key(toks[0]) in ("the",):
        toks = toks[1:]
    if len(toks) > 1 and is_brand(toks[-1].text) and not is_brand(toks[-2].text):
        if len(toks) > 2 and is_known_given_name(toks[0].text):
            toks = toks[:-1]  # "Sam Altman OpenAI developer conference": the person first
        else:
            # "San Francisco-based OpenAI": the business, whatever describes it
            return _organisation_reading(toks[-1], toks[-1])
    if not toks:
        return None
    for c, t in enumerate(toks):
        if c and key(t) in _CONNECTORS:
            # "Charles B. Rangel of New York": a person's name before "of" ends the run
            left = toks[:c]
            ns = _name_start(left)
            if (
                not _is_title(left[-1])
                and ns < len(left) - 1
                and is_known_given_name(left[ns].text)
            ):
                toks = left
            break
    if _is_org_run(toks):
        return _organisation_reading(toks[0], toks[-1])
    ns = _name_start(toks)
    name_toks = toks[ns:]
    title_toks = toks[:ns]
    after_honorific = bool(title_toks) and key(title_toks[-1]) in HONORIFICS
    if len(name_toks) == 1 and _is_title(name_toks[0]) and not after_honorific:
        return None  # "Secretary" alone; but "Mr. King" is a name
    if (
        len(name_toks) > 1
        and key(name_toks[-1]) in PERSON_NOUNS | _PERSON_ABBREVIATIONS
        and not after_honorific
        and not is_known_given_name(name_toks[0].text)
    ):
        return None  # "OpenAI CEO": a title after an organisation; "John Major" is a name
    if (
        len(name_toks) > 1
        and key(name_toks[-1]) in _PERSON_ABBREVIATIONS
        and name_toks[-1].text.isupper()
        and not after_honorific
    ):
        return None  # "the Meta CEO": no surname is "CEO", whatever the word before it
    if key(name_toks[-1]) in PARTY_WORDS and not after_honorific:
        return None  # "the Virginia Democrat", "the Republican": a party, no surname
    if (
        title_toks
        and key(title_toks[-1]) in _CONNECTORS
        and not any(_is_title(t) for t in title_toks)
    ):
        # "Citizens for Tax Justice": a connector without any title word is an organisation
        return _organisation_reading(toks[0], toks[-1])
    if (
        title_toks
        and key(title_toks[-1]) in _CONNECTORS
        and len(name_toks) == 1
        and not is_known_given_name(name_toks[0].text)
        and name_toks[0].tag_ != "NNPS"
    ):
        # "CEO of OpenAI", "president of Harvard": the body a title is of, not a person
        return _organisation_reading(name_toks[0], name_toks[0])
    if (
        not title_toks
        and len(name_toks) > 1  # "the Trump we saw tonight" is still the man
        and (key(doc[start]) == "the" or start > 0 and key(doc[start - 1]) == "the")
        and name_toks[-1].dep_ not in _ROLE_DEPS
        and not (end < len(doc) and doc[end].text in ("'s", "’s"))
        and not is_known_given_name(name_toks[0].text)
    ):
        # ("The Northern Front, which holds the border, said", "the Kremlin said"): a person
        # is never "the" Name; a body is, when the name heads its phrase ("the Biden
        # campaign" is the campaign's)
        return _organisation_reading(name_toks[0], name_toks[-1])
    role_start_i = toks[0].i if title_toks else name_toks[0].i
    if extend_role:
        role_start_i = _role_left_edge(doc, role_start_i, name_toks[-1].i + 1)
    if role_start_i == name_toks[0].i and role_start_i > 0:
        # a title in lower case right before the name ("and captain Sami Okoro"), which
        # the parser hung elsewhere: news style writes many titles that way
        prev = doc[role_start_i - 1]
        if prev.pos_ == "NOUN" and prev.is_lower and key(prev) in TITLE_WORDS | PERSON_NOUNS:
            role_start_i -= 1
    role_span = doc[role_start_i : name_toks[0].i]
    role = _clean_role(role_span) if len(role_span) else None
    role_words = [t.text for t in role_span]
    appos_role = None
    if role is None:
        appos_role = _apposition_role(doc, name_toks[-1])
        role = appos_role
    # "von der Leyen": a surname that opens with its particles has no given name
    particle_first = name_toks[0].is_lower and key(name_toks[0]) in NAME_PARTICLES
    given = name_toks[0].text if len(name_toks) > 1 and not particle_first else None
    given_known = given is not None and is_known_given_name(given)
    honorific = any(key(w) in HONORIFICS for w in role_words)
    person_title = any(key(w) in TITLE_WORDS - _PLACE_TITLE_WORDS for w in role_words)
    name = doc[name_toks[0].i : name_toks[-1].i + 1].text
    return NameReading(
        kind="person",
        name=name,
        start_char=name_toks[0].idx,
        end_char=name_toks[-1].idx + len(name_toks[-1].text),
        role=role,
        gender=_gender_from(role_words + (appos_role.split() if appos_role else []), given),
        given_known=given_known,
        person_evidence=given_known or honorific or person_title or appos_role is not None,
        head_i=name_toks[-1].i,
    )


_PERSON_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent", "man", "woman", "ess")


def person_noun(tok: Token) -> bool:
    """A noun that can name what a person is: a title, a listed person noun, or an agent
    noun ("engineer", "novelist", "accountant"); "site", "home" and "factory" are not."""
    k = key(tok)
    return k in PERSON_NOUNS or _is_title(tok) or (len(k) > 4 and k.endswith(_PERSON_SUFFIXES))


def _apposition_role(doc: Doc, head: Token) -> str | None:
    """The role an apposition after a name gives: "Aaron Kall, the director of debate at the
    University of Michigan, said" -> "director of debate at the University of Michigan".

    Ages ("Derek Kukura, 24, a junior at ...") are skipped; a name in apposition is no role.
    """
    for child in head.rights:
        if child.dep_ != "appos":
            continue
        if child.like_num or child.pos_ == "NUM":
            continue
        described = any(c.dep_ == "det" for c in child.children)
        if (child.pos_ == "PROPN" or is_namelike(child)) and not described:
            return None  # a name in apposition; "Raaj, a young Hindu," is described
        if not described and not person_noun(child):
            return None  # "Dunmore, site of the plant,": no person noun, no description
        end = child.right_edge.i + 1
        for grandchild in child.rights:
            if grandchild.dep_ in ("relcl", "acl") or grandchild.text in (",", "—", "–"):
                end = min(end, grandchild.left_edge.i)
        span = doc[child.left_edge.i : end]
        if not len(span) or len(span) > 14 or any(t.text in (",", ";", "(", ")") for t in span):
            return None
        return _clean_role(span)
    return None


# ---------------------------------------------------------------------------------------------
# the mention next to a quote
# ---------------------------------------------------------------------------------------------


@dataclass
class MentionReading:
    """What the speaker mention next to a quote is.

    ``form`` is one of ``"name"`` (a proper name, ``name`` set), ``"pronoun"`` (``pronoun`` set),
    ``"relative"`` (who/which/that; ``antecedent`` is the noun phrase it attaches to),
    ``"definite"`` ("the secretary": ``head`` and ``modifiers`` set), ``"indefinite"`` ("a
    senior official", "officials"), or ``"none"`` (nothing readable).
    """

    form: str
    text: str
    name: NameReading | None = None
    pronoun: str | None = None
    head: str | None = None  # head noun of a description, casefolded and singular
    modifiers: list[str] = field(default_factory=list)  # as written: "Democratic", "presidential"
    org_head: bool = False
    head_i: int = -1
    antecedent: MentionReading | None = None
    antecedent_span: tuple[int, int] | None = None
    span: tuple[int, int] | None = None  # character offsets of a description's text
    # the name whose title a description is ("Britain" in "Britain's top diplomat"), set by
    # the resolver when it reads a possessive title as definite
    owner: str | None = None


def _trim(span: Span) -> Span:
    a, b = span.start, span.end
    doc = span.doc
    while a < b and (doc[a].is_punct or doc[a].is_space):
        a += 1
    while b > a and (doc[b - 1].is_punct or doc[b - 1].is_space or doc[b - 1].tag_ == "POS"):
        b -= 1
    return doc[a:b]


def _segments(span: Span) -> list[Span]:
    """Split a mention at top-level commas: "Derek Kukura, 24, a junior at ..." -> 3 segments."""
    doc = span.doc
    out: list[Span] = []
    a = span.start
    depth = 0
    for t in span:
        if t.text in ("(", "["):
            # a parenthesis ends the segment: "Rep. John Mica (R-Fla.)" is "Rep. John Mica"
            if depth == 0 and t.i > a:
                out.append(_trim(doc[a : t.i]))
            depth += 1
        elif t.text in (")", "]"):
            depth = max(0, depth - 1)
            a = t.i + 1
        elif depth == 0 and t.text in (",", "—", "–", ";", "--", "-"):
            if t.text == "-" and not (t.whitespace_ and doc[t.i - 1].whitespace_):
                continue  # a hyphen inside a word
            if t.i > a:
                out.append(_trim(doc[a : t.i]))
            a = t.i + 1
    if a < span.end and depth == 0:
        out.append(_trim(doc[a : span.end]))
    return [_first_conjunct(s) for s in out if len(s)]


def _first_conjunct(seg: Span) -> Span:
    """ "Hillary Clinton and Donald Trump" -> "Hillary Clinton": the first of coordinated speakers."""
    if _org_phrase(seg) is not None:
        return seg
    for t in seg:
        if t.dep_ == "cc" and t.i > seg.start and t.head.i < t.i and seg.start <= t.head.i:
            conj = [c for c in t.head.children if c.dep_ == "conj" and c.i > t.i]
            if conj and conj[0].pos_ in ("PROPN", "NOUN") and t.head.pos_ in ("PROPN", "NOUN"):
                if _is_title(seg.doc[t.i - 1]):
                    return seg  # "Boeing President and CEO Dave Calhoun": one person's titles
                return _trim(seg.doc[seg.start : t.i])
    return seg


def _segment_root(seg: Span) -> Token:
    roots = [t for t in seg if not (seg.start <= t.head.i < seg.end) or t.head.i == t.i]
    nouns = [t for t in roots if t.pos_ in ("NOUN", "PROPN", "PRON", "NUM")]
    if nouns:
        return nouns[0]
    if roots:
        return roots[0]
    return seg[-1]


def _org_phrase(seg: Span) -> NameReading | None:
    """A capitalised organisation name with "and"/"of"/"for" inside it: "the House Oversight
    and Government Reform Committee", "Citizens for Tax Justice"."""
    toks = list(seg)
    while toks and key(toks[0]) in ("the", "a", "an"):
        toks = toks[1:]
    if len(toks) < 2 or not toks[-1].text[:1].isupper():
        return None
    joiners = _CONNECTORS | {"and", "&"}
    if not all(t.text[:1].isupper() or key(t) in joiners for t in toks):
        return None
    inner = [t for t in toks[1:-1] if key(t) in _CONNECTORS]
    if inner:
        before = toks[: inner[0].i - toks[0].i]
        if (
            key(before[-1]) not in ORG_HEADS
            and not _is_title(before[-1])
            and any(is_known_given_name(t.text) for t in before)
        ):
            # "Dr. Ian Moss of Harbour University": a person and where they work ("John
            # Jay College of Criminal Justice" is one name: a body's word ends its first part)
            return None
    if key(toks[-1]) not in ORG_HEADS:
        # "Citizens for Tax Justice": a capitalised name joined by "for"/"of" that is neither
        # a title ("Secretary of State") nor a person from a place ("Charles Rangel of New York")
        inner = [t for t in toks[1:-1] if key(t) in _CONNECTORS]
        if not inner or _is_title(toks[0]):
            return None
        if any(is_known_given_name(t.text) for t in toks[: inner[0].i - toks[0].i]):
            return None
        if _titled_name_inside(toks, TITLE_WORDS | joiners):
            # "Bank of England Governor Andrew Bailey": a person with a title; "Spokesmen
            # for Bill Clinton": people who speak for a person
            return None
    return NameReading(
        kind="organisation",
        name=seg.doc[toks[0].i : toks[-1].i + 1].text,
        start_char=toks[0].idx,
        end_char=toks[-1].idx + len(toks[-1].text),
        head_i=toks[-1].i,
    )


def _named_segment(doc: Doc, seg: Span) -> NameReading | None:
    """The name a segment is headed by: the run holding the segment's head, else a run that
    ends the segment and is not the object of a preposition."""
    org = _org_phrase(seg)
    if org is not None:
        return org
    all_runs = name_runs(seg)
    root = _segment_root(seg)
    holding = [r for r in all_runs if r[0] <= root.i < r[1]]
    held: NameReading | None = None
    if holding:
        held = read_run(doc, *holding[0], extend_role=False)
        if held is not None and (held.kind == "organisation" or held.person_evidence):
            return _with_lead_role(doc, seg, held)
    trailing = _trailing_name(doc, seg, all_runs)
    # "Tulsa police Chief Chuck Jordan": a parse that heads the phrase with the place loses
    # to a trailing name with a title or a known given name
    if trailing is not None and (held is None or trailing.person_evidence):
        return trailing
    return _with_lead_role(doc, seg, held) if held is not None else None


def _trailing_name(doc: Doc, seg: Span, all_runs: list[tuple[int, int]]) -> NameReading | None:
    runs = [
        r for r in all_runs if r[1] == seg.end or all(doc[k].is_punct for k in range(r[1], seg.end))
    ]
    if not runs or doc[runs[-1][1] - 1].dep_ == "pobj":
        return None  # "A 2014 study by ... Justin Levitt": the name is not the speaker
    a, b = runs[-1]
    before = [t for t in doc[seg.start : a] if t.dep_ != "det" and key(t) not in ("the", "a", "an")]
    if before and before[-1].pos_ == "ADP" and key(before[-1]) not in _CONNECTORS:
        return None  # "a junior at Ohio State University"
    if before and before[-1].pos_ == "ADP":
        reading = read_run(doc, a, b, extend_role=False)
        # "the director of debate at the University of Michigan": a title only when the run
        # itself holds a given name ("Coordinator for Strategic Communications John Kirby")
        if reading is None or reading.kind != "person" or not reading.given_known:
            return None
        start = seg.start
    else:
        start = a
    reading = read_run(doc, start, b, extend_role=False)
    if reading is None:
        return None
    return _with_lead_role(doc, seg, reading)


def _with_lead_role(doc: Doc, seg: Span, reading: NameReading) -> NameReading:
    """The words in front of the name inside its segment are its title ("campaign spokesman")."""
    if reading.kind == "organisation":
        own = doc.char_span(reading.start_char, reading.end_char, alignment_mode="expand")
        tail = doc[own.end : seg.end] if own is not None else doc[seg.end : seg.end]
        if (
            own is not None
            and len(tail) > 1
            and key(tail[0]) in _CONNECTORS
            and any(is_namelike(t) for t in tail)
        ):
            # "the Committee for a Responsible Federal Budget": the name runs to the segment's end
            reading.name = doc[own.start : seg.end].text
            reading.end_char = seg.end_char
        return reading
    name_span = doc.char_span(reading.start_char, reading.end_char, alignment_mode="expand")
    lead = doc[seg.start : name_span.start] if name_span is not None else doc[seg.start : seg.start]
    if reading.kind == "person" and len(lead):
        role = _clean_role(lead)
        if role:
            reading.role = role
            reading.gender = reading.gender or _gender_from([t.text for t in lead], None)
            words = {key(t) for t in lead}
            reading.person_evidence = reading.person_evidence or bool(
                words & (TITLE_WORDS | set(HONORIFICS))
            )
    return reading


# Heads that make "<Name> <head>" the name of an institution: "the Biden administration"
_INSTITUTION_HEADS = frozenset(
    {"administration", "campaign", "government", "camp", "cabinet", "team", "regime"}
)


def _institution(seg: Span) -> NameReading | None:
    """ "the Biden administration", "the Trump campaign": a named institution of a person."""
    root = _segment_root(seg)
    if key(root) not in _INSTITUTION_HEADS:
        return None
    first = root.i
    while (
        first > seg.start
        and seg.doc[first - 1].dep_ == "compound"
        and seg.doc[first - 1].text[:1].isupper()
    ):
        first -= 1
    if first == root.i:
        return None
    doc = seg.doc
    return NameReading(
        kind="organisation",
        name=doc[first : root.i + 1].text,
        start_char=doc[first].idx,
        end_char=root.idx + len(root.text),
        head_i=root.i,
    )


def _description(seg: Span) -> MentionReading:
    root = _segment_root(seg)
    dets = [key(t) for t in root.children if t.dep_ in ("det", "predet", "nummod", "quantmod")] or [
        key(seg[0])
    ]
    has_poss = any(t.dep_ == "poss" for t in root.children)
    # the detector's pipeline runs without the lemmatizer: singularise plural heads ourselves
    lemma = singular(key(root)) if root.tag_ in ("NNS", "NNPS") else key(root)
    modifiers = [
        t.text for t in root.children if t.dep_ in ("amod", "compound", "nmod") and t.i < root.i
    ]
    # the description ends before a relative clause or participle tail ("who spoke on ...")
    cut = seg.end
    for child in root.rights:
        if child.dep_ in ("relcl", "acl") and seg.start <= child.left_edge.i < cut:
            if child.dep_ == "acl" and key(seg.doc[child.left_edge.i]) in SOURCE_QUALIFIERS:
                continue  # "a source briefed on the talks": how the source knows
            cut = child.left_edge.i
    described = _trim(seg.doc[seg.start : cut])
    if not len(described):
        described = seg
    text = described.text
    form = "indefinite"
    if (
        any(d in _DEFINITE for d in dets)
        and not has_poss
        and not any(d in _INDEFINITE for d in dets)
    ):
        form = "definite"
    return MentionReading(
        form=form,
        text=text,
        head=lemma,
        modifiers=modifiers,
        org_head=key(root) in ORG_HEADS or lemma in ORG_HEADS or lemma in COMPANY_NOUNS,
        head_i=root.i,
        span=(described.start_char, described.end_char),
    )


def read_mention(doc: Doc, start: int, end: int) -> MentionReading:
    """Read the speaker mention at character offsets ``[start, end)`` of ``doc``.

    Appositions give the role when no title precedes the name ("Derek Kukura, 24, a junior
    at ..." -> name "Derek Kukura", role "junior at ..."); a description followed by a name in
    apposition is read as that name ("His former business partner, Lawrence B. Cummings").
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return MentionReading(form="none", text=doc.text[start:end])
    span = _trim(span)
    if not len(span):
        return MentionReading(form="none", text=doc.text[start:end])
    if len(span) == 1 and _is_pronoun(span[0]):
        tok = span[0]
        k = tok.text.lower()  # not key(): "U.S." must not read as "us"
        if k in RELATIVE_PRONOUNS and tok.tag_ in ("WP", "WDT", "WP$"):
            return _relative(doc, tok, span)
        return MentionReading(form="pronoun", text=span.text, pronoun=k, head_i=tok.i)
    segments = _segments(span)
    named: NameReading | None = None
    role: str | None = None
    first_desc: MentionReading | None = None
    first_desc_seg: Span = span
    for seg in segments:
        if all(t.like_num or t.is_punct for t in seg):
            continue  # an age: "Derek Kukura, 24, ..."
        reading = _named_segment(doc, seg) if named is None else None
        if reading is not None:
            named = reading
            continue
        desc = _description(seg)
        if first_desc is None:
            first_desc, first_desc_seg = desc, seg
        if role is None and named is not None and _is_role_phrase(seg):
            role = _clean_role(seg)
    if named is not None:
        if named.kind == "person" and first_desc is not None and role is None:
            # description before the name: "His former business partner at Lenox, Lawrence Cummings"
            role = _clean_role(first_desc_seg) if _is_role_phrase(first_desc_seg) else None
        if named.kind == "person" and role:
            named.role = named.role or role
            named.person_evidence = True
        return MentionReading(form="name", text=span.text, name=named, head_i=named.head_i)
    institution = _institution(segments[0]) if segments else None
    if institution is not None:
        return MentionReading(
            form="name", text=span.text, name=institution, head_i=institution.head_i
        )
    if len(span) == 1 and _lone_capitalised(span[0]):
        # a lone capitalised word the tagger missed ("Blinken"/VBN opening a line) still names
        reading = read_run(doc, span.start, span.end, extend_role=False)
        if reading is not None:
            return MentionReading(form="name", text=span.text, name=reading, head_i=reading.head_i)
    if first_desc is not None:
        return first_desc
    return MentionReading(form="none", text=span.text)


def is_participle_opener(tok: Token) -> bool:
    """ "Pointing to the war, ...", "Speaking at a rally, ...": a capitalised -ing word
    with a phrase of its own opens a clause; whatever its tag, it names nobody."""
    return (
        tok.text[:1].isupper()
        and tok.text.lower().endswith("ing")
        and (tok.tag_ == "VBG" or any(c.dep_ in ("prep", "dobj") for c in tok.children))
        and not is_known_given_name(tok.text)
    )


def _lone_capitalised(tok: Token) -> bool:
    """A capitalised word that is no plural noun, title, organisation noun or pronoun."""
    text = tok.text
    return (
        text[:1].isupper()
        and text[1:].islower()
        and tok.tag_ not in ("NNS", "PRP", "WP", "DT")
        and not is_participle_opener(tok)
        and not _is_title(tok)
        and key(tok) not in ORG_HEADS
        and key(tok) not in NOT_NAMES
    )


def _is_pronoun(tok: Token) -> bool:
    """A personal or relative pronoun; "US" and "U.S." are not "us"."""
    text = tok.text
    if text != "I" and len(text) > 1 and text.isupper():
        return False
    return text.lower() in _PRONOUNS or (tok.pos_ == "PRON" and tok.tag_ in ("PRP", "WP", "WDT"))


def _relative(doc: Doc, tok: Token, span: Span) -> MentionReading:
    """who/which/that: the noun phrase the relative clause attaches to is the antecedent."""
    verb = tok.head
    noun = verb.head if verb.dep_ in ("relcl", "acl") and verb.head.i != verb.i else None
    reading = MentionReading(form="relative", text=span.text, pronoun=key(tok), head_i=tok.i)
    if noun is None or noun.i >= tok.i:
        return reading
    if noun.dep_ == "appos" and noun.head.i < noun.i and is_namelike(noun.head):
        # "Tim Kaine, a former civil rights lawyer who said ...": the name, not the description
        noun = noun.head
    left = noun.left_edge.i
    right = noun.i + 1
    # keep the noun phrase up to the head plus any name in apposition, never the relative clause
    for child in noun.rights:
        if child.dep_ in ("appos", "compound", "flat") and child.i < tok.i:
            right = max(
                right, child.right_edge.i + 1 if child.right_edge.i < tok.i else child.i + 1
            )
    antecedent = read_mention(doc, doc[left].idx, doc[right - 1].idx + len(doc[right - 1].text))
    reading.antecedent = antecedent
    reading.antecedent_span = (doc[left].idx, doc[right - 1].idx + len(doc[right - 1].text))
    return reading
