"""The ``quotetrack`` spaCy component: ``nlp.add_pipe("quotetrack")`` sets ``doc._.quotes``.

The component runs the two stages that need the parse: :mod:`quotetrack.detect` finds quote
spans, cues and the speaker mention next to each; :mod:`quotetrack.attribute` resolves each
mention to the person or organisation it names within the article.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .types import Quote

if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", default=None)


class QuotetrackComponent:
    """Finds quotes and their speakers; stores a list of :class:`~quotetrack.types.Quote`."""

    def __init__(self, nlp: Language, name: str, resolve_speakers: bool = True) -> None:
        self.name = name
        self.resolve_speakers = resolve_speakers

    def __call__(self, doc: Doc) -> Doc:
        from .attribute import resolve_speakers
        from .detect import find_quotes

        quotes: list[Quote] = find_quotes(doc)
        if self.resolve_speakers:
            resolve_speakers(doc, quotes)
        doc._.quotes = quotes
        return doc


@Language.factory("quotetrack", default_config={"resolve_speakers": True})
def make_quotetrack(nlp: Language, name: str, resolve_speakers: bool) -> QuotetrackComponent:
    return QuotetrackComponent(nlp, name, resolve_speakers=resolve_speakers)
