"""Grammatical gender of person names, for pronoun agreement ("she" cannot be Antony Blinken).

Given names are looked up in gender-guesser's name table (loaded once, ~0.3 s); names it calls
androgynous or does not know give ``None``, which agrees with any pronoun.
"""

from __future__ import annotations

from functools import lru_cache

_VERDICTS = {"male": "male", "mostly_male": "male", "female": "female", "mostly_female": "female"}


@lru_cache(maxsize=1)
def _detector():
    import gender_guesser.detector as gender_detector

    return gender_detector.Detector(case_sensitive=False)


@lru_cache(maxsize=8192)
def given_name_gender(given: str) -> str | None:
    """``"male"``, ``"female"`` or ``None`` (unknown/androgynous) for a given name such as ``"Antony"``."""
    given = given.strip(".")
    if len(given) < 2:
        return None
    return _VERDICTS.get(_detector().get_gender(given.capitalize()))


def is_known_given_name(word: str) -> bool:
    """Whether ``word`` is in the given-name table at all (any verdict but "unknown")."""
    word = word.strip(".")
    if len(word) < 2 or not word[:1].isupper():
        return False
    return _detector().get_gender(word.capitalize()) != "unknown"
