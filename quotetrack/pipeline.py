"""The ``quotetrack`` spaCy component: ``nlp.add_pipe("quotetrack")`` sets ``doc._.quotes``.

The component runs the two stages that need the parse: :mod:`quotetrack.detect` finds quote
spans, cues and the speaker mention next to each; :mod:`quotetrack.attribute` resolves each
mention to the person or organisation it names within the article. Until the attribute stage
offers ``resolve_speakers``, each quote keeps its mention text as the speaker.

No ``from __future__ import annotations`` here: spaCy validates factory arguments from their
runtime annotations.
"""

import re
from collections.abc import Callable
from typing import Any

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LOWER, POS, TAG
from spacy.language import Language
from spacy.strings import StringStore
from spacy.tokens import Doc

from .read.structure import dateline_spans, parse_view
from .types import DOC_TEXT_KEY, SOURCE_TEXT_KEY, Quote

if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", default=None)

SpeakerResolver = Callable[..., object]


def _speaker_resolver() -> SpeakerResolver:
    """``quotetrack.attribute.resolve.resolve_speakers``. A stage that cannot be imported is
    an error: running on without it would store pronouns ("she") as speakers."""
    from .errors import StageMissing

    try:
        from .attribute.resolve import resolve_speakers
    except ImportError as exc:
        raise StageMissing(f"the speaker attribution stage cannot be imported: {exc}") from exc
    return resolve_speakers


_FINAL = tuple(".!?:;\"”’')»")


_NEVER_FIRST = frozenset({",", ";"})


def mark_paragraph_starts(doc: Doc) -> Doc:
    """Start a sentence after every line break, before the parser runs.

    Headlines, datelines and captions carry no final full stop; without this the parser
    joins them to the next paragraph and a reported clause can run across the break. A
    single line break inside a sentence of hard-wrapped text (no final punctuation before
    it, a lower-case word after it) is not a boundary. A paragraph's first sentence also
    starts after its dateline ("WASHINGTON (AP) — |The Senate voted …"), which the parser
    would otherwise take for the sentence's subject. Other sentence boundaries are left for
    the parser to decide, except that no sentence may start with a comma or a semicolon.
    """
    after = {end for _, end in dateline_spans(doc.text)}
    if after:
        for tok in doc[1:]:
            if tok.idx in after:
                tok.is_sent_start = True
    for tok in doc[1:]:
        if tok.text in _NEVER_FIRST:
            # No sentence starts with a comma or a semicolon: after a line without final
            # punctuation (a headline, a "READ MORE" link) the parser may otherwise end a
            # sentence at a paragraph's first word ("Lind" | ", who has led the agency since
            # 2019, told reporters ..."), and the speech verb loses its subject.
            tok.is_sent_start = False
            continue
        prev = doc[tok.i - 1]
        if tok.is_space or not (prev.is_space and "\n" in prev.text or prev.whitespace_ == "\n"):
            continue
        if (
            "\n\n" not in prev.text
            and tok.is_lower
            and tok.i > 1
            and not doc[tok.i - 2 if prev.is_space else tok.i - 1].text.endswith(_FINAL)
        ):
            continue  # a hard-wrapped line going on mid-sentence
        tok.is_sent_start = True
    return doc


Language.component("quotetrack_paragraphs", func=mark_paragraph_starts)


# The token attributes quotetrack reads; the attribute ruler's MORPH and LEMMA settings are
# left out (nothing in quotetrack reads morphology, and the lemmatizer is excluded).
_FAST_ATTRS = ("POS", "TAG", "DEP")
_ARRAY_ATTRS = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE, "POS": POS}

# A compiled test: given the doc's attribute columns, a boolean mask over its tokens.
ColumnTest = Callable[[dict[str, np.ndarray], StringStore], np.ndarray]


def _column_test(key: str, spec: object) -> ColumnTest | None:
    """Compile one Matcher condition (plain value, ``IN``, ``NOT_IN``, ``REGEX``) on a column."""
    if key == "IS_SPACE":
        if isinstance(spec, bool):
            return lambda cols, strings: cols["IS_SPACE"] == int(spec)
        return None
    if not isinstance(spec, dict):
        return lambda cols, strings: cols[key] == strings.add(str(spec))
    if set(spec) == {"IN"}:
        values = [str(v) for v in spec["IN"]]
        return lambda cols, strings: np.isin(cols[key], [strings.add(v) for v in values])
    if set(spec) == {"NOT_IN"}:
        values = [str(v) for v in spec["NOT_IN"]]
        return lambda cols, strings: ~np.isin(cols[key], [strings.add(v) for v in values])
    if set(spec) == {"REGEX"}:
        rx = re.compile(spec["REGEX"])

        def regex_test(cols: dict[str, np.ndarray], strings: StringStore) -> np.ndarray:
            ids = np.unique(cols[key])
            hits = [i for i in ids.tolist() if rx.search(strings[i] if i else "")]
            return np.isin(cols[key], hits)

        return regex_test
    return None


class FastAttributes:
    """The attribute ruler's rules for POS, TAG and DEP, applied to whole columns at once.

    spaCy's ``attribute_ruler`` runs its ~180 rules through the Matcher token by token and
    costs about half as much as tok2vec, tagger and parser together. This component takes the
    same rules (:meth:`set_patterns`) and evaluates each on the doc's attribute arrays with
    numpy, with the same precedence: every rule is tested on the incoming doc, then the
    matches are applied in rule order, so a later rule overrides an earlier one.
    """

    def __init__(self) -> None:
        # (one list of tests per pattern token, index of the token to set, attrs to set)
        self._rules: list[tuple[list[list[ColumnTest]], int, list[tuple[str, str]]]] = []
        self.patterns: list[dict] = []  # the rules as given, kept for checks and copies

    def set_patterns(self, patterns: list[dict]) -> bool:
        """Compile attribute-ruler patterns; ``False`` if one uses a feature not supported here."""
        rules = []
        for pattern in patterns:
            attrs = [(k, str(v)) for k, v in pattern.get("attrs", {}).items() if k in _FAST_ATTRS]
            if not attrs:
                continue
            for token_specs in pattern["patterns"]:
                positions = []
                for spec in token_specs:
                    tests = []
                    for key, value in spec.items():
                        test = _column_test(key, value) if key in _ARRAY_ATTRS else None
                        if test is None:
                            return False
                        tests.append(test)
                    positions.append(tests)
                rules.append((positions, int(pattern.get("index", 0)), attrs))
        self._rules = rules
        self.patterns = list(patterns)
        return True

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        strings = doc.vocab.strings
        names = list(_ARRAY_ATTRS)
        table = doc.to_array([_ARRAY_ATTRS[k] for k in names])
        cols = {k: table[:, j] for j, k in enumerate(names)}
        out = {k: cols[k].copy() for k in _FAST_ATTRS}
        for positions, index, attrs in self._rules:
            span = len(positions)
            if span > n:
                continue
            starts = np.ones(n - span + 1, dtype=bool)
            for k, tests in enumerate(positions):
                for test in tests:
                    starts &= test(cols, strings)[k : n - span + 1 + k]
            targets = np.nonzero(starts)[0] + index
            if targets.size:
                for attr, value in attrs:
                    out[attr][targets] = strings.add(value)
        # thinc types the array as Ints2d, which a plain numpy array cannot be told to be.
        doc.from_array([POS], out["POS"].reshape(-1, 1).astype("uint64"))  # type: ignore[arg-type]
        for attr, column in (("TAG", "tag_"), ("DEP", "dep_")):
            changed = np.nonzero(out[attr] != cols[attr])[0]
            for i in changed.tolist():  # rare: whitespace tokens only
                setattr(doc[i], column, strings[int(out[attr][i])])
        return doc


def use_fast_attributes(nlp: Language) -> bool:
    """Replace the pipeline's ``attribute_ruler`` by :class:`FastAttributes` (same rules).

    Returns ``False`` and leaves the pipeline alone when there is no attribute ruler or its
    rules use a feature :class:`FastAttributes` does not support.
    """
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    # get_pipe is typed as a plain Doc -> Doc callable; these are the ruler and our component.
    ruler: Any = nlp.get_pipe("attribute_ruler")
    patterns = ruler.patterns
    if not FastAttributes().set_patterns(patterns):
        return False
    nlp.replace_pipe("attribute_ruler", "quotetrack_attributes")
    nlp.rename_pipe("attribute_ruler", "quotetrack_attributes")
    fast: Any = nlp.get_pipe("quotetrack_attributes")
    fast.set_patterns(patterns)
    return True


@Language.factory("quotetrack_attributes")
def make_fast_attributes(nlp: Language, name: str) -> FastAttributes:
    """An empty :class:`FastAttributes`; :func:`use_fast_attributes` gives it its rules."""
    return FastAttributes()


class QuotetrackComponent:
    """Finds quotes and their speakers; stores a list of :class:`~quotetrack.types.Quote`.

    ``detect`` and ``resolve`` are the settings of the two stages
    (:class:`~quotetrack.detect.settings.DetectSettings`,
    :class:`~quotetrack.attribute.resolve.ResolveSettings`) as plain mappings, as a spaCy
    config gives them; unknown keys are an error.
    """

    def __init__(
        self,
        nlp: Language,
        name: str,
        resolve_speakers: bool = True,
        detect: dict | None = None,
        resolve: dict | None = None,
    ) -> None:
        from .detect.settings import DetectSettings

        self.name = name
        self.resolve_speakers = resolve_speakers
        self.detect_settings = DetectSettings.from_config(detect)
        self._resolver = _speaker_resolver() if resolve_speakers else None
        if resolve_speakers and self._resolver is None:
            raise RuntimeError(
                "quotetrack: speaker resolution was asked for but quotetrack.attribute "
                "cannot be imported; reinstall quotetrack or set resolve_speakers = false"
            )
        from .attribute.resolve import ResolveSettings

        self.resolve_settings = ResolveSettings.from_config(resolve)

    def __call__(self, doc: Doc) -> Doc:
        from .attribute.occasion import annotate as annotate_occasions
        from .detect import find_quotes

        owned = DOC_TEXT_KEY not in doc.user_data
        if owned:
            doc.user_data[DOC_TEXT_KEY] = doc.text  # read once for every stage below
        try:
            quotes: list[Quote] = find_quotes(doc, self.detect_settings)
            if self._resolver is not None:
                self._resolver(doc, quotes, self.resolve_settings)
            annotate_occasions(doc, quotes)
        finally:
            if owned:
                doc.user_data.pop(DOC_TEXT_KEY, None)  # leave the doc as it came
        doc._.quotes = quotes
        return doc


def ensure_paragraph_starts(nlp: Language) -> None:
    """Put ``quotetrack_paragraphs`` right before the parser unless it is there already.

    The detector reads sentence boundaries; a headline or caption line must end its
    sentence before the parser decides the others, so the step has to run before the
    parser, not inside the quotetrack component that runs after it.
    """
    if "quotetrack_paragraphs" in nlp.pipe_names or "parser" not in nlp.pipe_names:
        return
    nlp.add_pipe("quotetrack_paragraphs", before="parser")


class UnwrappingTokenizer:
    """The pipeline's own tokenizer, run on the text as the parser should read it.

    :func:`quotetrack.read.structure.parse_view` turns the line breaks that only wrap a
    paragraph into spaces and blanks HTML markup left in the text, keeping the text's
    length, so a sentence broken across lines is parsed as one while every offset the
    detector returns still indexes the text as given. Everything else (vocab, special
    cases, serialisation) is the wrapped tokenizer's.
    """

    def __init__(self, tokenizer: Callable[[str], Doc]) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        view = parse_view(text)
        doc = self.tokenizer(view)
        if "&" in text and view != text:
            # the detector widens its spans over the entities of the text as given
            doc.user_data[SOURCE_TEXT_KEY] = text
        return doc

    def __getattr__(self, name: str) -> Any:
        if name == "tokenizer":  # not set yet (a copy being built): no recursion
            raise AttributeError(name)
        return getattr(self.tokenizer, name)


def ensure_unwrapping(nlp: Language) -> None:
    """Give ``nlp`` an :class:`UnwrappingTokenizer` unless it has one already."""
    if not isinstance(nlp.tokenizer, UnwrappingTokenizer):
        nlp.tokenizer = UnwrappingTokenizer(nlp.tokenizer)


@Language.factory(
    "quotetrack",
    default_config={"resolve_speakers": True, "detect": {}, "resolve": {}},
    requires=["token.dep", "token.pos", "token.tag", "token.is_sent_start"],
    assigns=["doc._.quotes"],
)
def make_quotetrack(
    nlp: Language, name: str, resolve_speakers: bool, detect: dict, resolve: dict
) -> QuotetrackComponent:
    """The quotetrack component; adds the paragraph-start step before the parser itself, so
    that ``spacy.load(model).add_pipe("quotetrack")`` finds what ``quotetrack extract`` finds;
    for the same reason it reads hard-wrapped text unwrapped (:class:`UnwrappingTokenizer`)."""
    ensure_paragraph_starts(nlp)
    ensure_unwrapping(nlp)
    return QuotetrackComponent(nlp, name, resolve_speakers, detect, resolve)
