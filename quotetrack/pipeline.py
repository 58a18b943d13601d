"""The ``quotetrack`` spaCy component: ``nlp.add_pipe("quotetrack")`` sets ``doc._.quotes``.

The component runs the two stages that need the parse: :mod:`quotetrack.detect` finds quote
spans, cues and the speaker mention next to each; :mod:`quotetrack.attribute` resolves each
mention to the person or organisation it names within the article. Until the attribute stage
offers ``resolve_speakers``, each quote keeps its mention text as the speaker.

No ``from __future__ import annotations`` here: spaCy validates factory arguments from their
runtime annotations.
"""

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc

from .types import Quote

if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", default=None)

SpeakerResolver = Callable[[Doc, list[Quote]], object]


def _speaker_resolver() -> SpeakerResolver | None:
    """``quotetrack.attribute.resolve_speakers`` when that stage is available, else ``None``."""
    try:
        from .attribute import resolve_speakers
    except ImportError:
        return None
    return resolve_speakers


def mark_paragraph_starts(doc: Doc) -> Doc:
    """Start a sentence after every line break, before the parser runs.

    Headlines, datelines and captions carry no final full stop; without this the parser
    joins them to the next paragraph and a reported clause can run across the break.
    Other sentence boundaries are left for the parser to decide.
    """
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if not tok.is_space and (prev.is_space and "\n" in prev.text or prev.whitespace_ == "\n"):
            tok.is_sent_start = True
    return doc


Language.component("quotetrack_paragraphs", func=mark_paragraph_starts)


class QuotetrackComponent:
    """Finds quotes and their speakers; stores a list of :class:`~quotetrack.types.Quote`."""

    def __init__(self, nlp: Language, name: str, resolve_speakers: bool = True) -> None:
        self.name = name
        self.resolve_speakers = resolve_speakers
        self._resolver = _speaker_resolver() if resolve_speakers else None

    def __call__(self, doc: Doc) -> Doc:
        from .detect import find_quotes

        quotes: list[Quote] = find_quotes(doc)
        if self._resolver is not None:
            self._resolver(doc, quotes)
        doc._.quotes = quotes
        return doc


@Language.factory("quotetrack", default_config={"resolve_speakers": True})
def make_quotetrack(nlp: Language, name: str, resolve_speakers: bool) -> QuotetrackComponent:
    return QuotetrackComponent(nlp, name, resolve_speakers=resolve_speakers)
