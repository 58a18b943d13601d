"""Given names and their grammatical gender, for pronoun agreement ("she" is not Antony Blinken)
and for telling where a name starts ("Strategic Communications John Kirby").

The name lists are the US Census first-name tables shipped by the ``names`` package (MIT; the
Census data are public domain): about 1,200 male and 4,300 female names with their frequency.
A name listed for both sexes gets the gender whose frequency is at least twice the other's,
else none. The nickname table of the ``nicknames`` package (Apache-2.0) adds the English
given names and nicknames the Census lists lack ("Tony", "Antony"), without a gender.
Names neither list knows give ``None``, which agrees with any pronoun.
"""

from __future__ import annotations

import importlib.resources
from functools import lru_cache


def _read_census(filename: str) -> dict[str, float]:
    """``NAME freq cumfreq rank`` lines -> {casefolded name: frequency in percent}."""
    text = importlib.resources.files("names").joinpath(filename).read_text(encoding="ascii")
    table: dict[str, float] = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 2:
            table[parts[0].casefold()] = float(parts[1])
    return table


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str | None], frozenset[str]]:
    """({given name: gender or None}, every known given name), built once (~20 ms)."""
    male = _read_census("dist.male.first")
    female = _read_census("dist.female.first")
    genders: dict[str, str | None] = {}
    for name in male.keys() | female.keys():
        m, f = male.get(name, 0.0), female.get(name, 0.0)
        genders[name] = "male" if m >= 2 * f else "female" if f >= 2 * m else None
    from nicknames import name_triplets

    known = set(genders)
    for triplet in name_triplets():
        known.add(triplet.name1.casefold())
        known.add(triplet.name2.casefold())
    return genders, frozenset(known)


@lru_cache(maxsize=8192)
def given_name_gender(given: str) -> str | None:
    """``"male"``, ``"female"`` or ``None`` (unknown or used for both) for a given name."""
    given = given.strip(".").casefold()
    if len(given) < 2:
        return None
    return _tables()[0].get(given)


def is_known_given_name(word: str) -> bool:
    """Whether a capitalised ``word`` is a given name in the lists ("John": yes, "john",
    "Strategic": no)."""
    word = word.strip(".")
    if len(word) < 2 or not word[:1].isupper():
        return False
    return word.casefold() in _tables()[1]
