"""Minimal speaker-identity rules used only until ``quotetrack.attribute.identity`` exists.

Same signatures as the agreed contract (name_key, surname_key, same_person, fuller_name,
anonymous_key, aliases, match_speaker); the real module replaces this one automatically
(see ``quotetrack.store.speakers``). Delete this file once that module has landed.
"""

from __future__ import annotations

import re
import unicodedata

_TITLES = {
    "mr", "mrs", "ms", "dr", "sir", "dame", "president", "vice", "secretary", "minister",
    "prime", "senator", "sen", "rep", "representative", "gov", "governor", "general", "gen",
    "chancellor", "ambassador", "spokesman", "spokeswoman", "spokesperson", "of", "state",
    "foreign", "defense", "defence", "us", "u", "s", "former", "the",
}
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
_DETERMINERS = {"a", "an", "the", "another", "one", "two", "three", "several", "some", "other"}


def _tokens(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
    folded = folded.replace(".", "")  # "U.S." ~ "US", "J." ~ "J"
    return re.findall(r"[^\W_]+", folded)


def _core(name: str) -> list[str]:
    toks = _tokens(name)
    while len(toks) > 1 and toks[0] in _TITLES:
        toks = toks[1:]
    while len(toks) > 1 and toks[-1] in _SUFFIXES:
        toks = toks[:-1]
    return toks


def name_key(name: str) -> str:
    """Normalised identity key: casefolded, titles, punctuation and diacritics removed."""
    return " ".join(_core(name))


def surname_key(name: str) -> str | None:
    """The key of the family name (last core token), or ``None`` for an empty name."""
    core = _core(name)
    return core[-1] if core else None


def _given(name: str) -> list[str]:
    return _core(name)[:-1]


def same_person(a: str, b: str) -> bool:
    """True when both names share a surname and their given names do not conflict."""
    if surname_key(a) != surname_key(b) or surname_key(a) is None:
        return False
    ga, gb = _given(a), _given(b)
    if not ga or not gb:
        return True
    # First given names must agree (an initial agrees with any name it starts).
    x, y = ga[0], gb[0]
    if len(x) == 1 or len(y) == 1:
        return x[0] == y[0]
    return x == y


def fuller_name(a: str, b: str) -> str:
    """The better canonical name of two same-person names: more core tokens, then longer."""
    return max((a, b), key=lambda n: (len(_core(n)), len(n)))


def anonymous_key(description: str) -> str:
    """Key for an unnamed source: determiners dropped ("another senior US official")."""
    toks = [t for t in _tokens(description) if t not in _DETERMINERS]
    return " ".join(toks) or "unnamed source"


def aliases(name: str, role: str | None, mention_texts: list[str]) -> list[str]:
    """Alias strings worth recording for a speaker: full name, surname, role + name, mentions."""
    out = [name]
    core = _core(name)
    if len(core) > 1:
        out.append(name.split()[-1])
    if role:
        out.append(f"{role} {name}")
    out.extend(m for m in mention_texts if m)
    seen: set[str] = set()
    return [a for a in out if not (a.casefold() in seen or seen.add(a.casefold()))]


def match_speaker(name: str, candidates: list[tuple[int, str, int]]) -> int | None:
    """Id of the one compatible candidate (speaker_id, canonical name, n_quotes), else None."""
    compatible = [c for c in candidates if same_person(name, c[1])]
    if len(compatible) == 1:
        return compatible[0][0]
    return None
