"""The pipeline quotetrack runs: component order, sentence starts at line breaks, and the fast
replacement of spaCy's attribute ruler giving the same tags."""

from __future__ import annotations

from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

TEXT = (
    "Blinken says gap remains between intent and results\n\n"
    'U.S. Secretary of State Antony Blinken said on Thursday that there was a "gap" '
    "between Israel's intent and what has been happening. \"It's important,\" he added; "
    "that's what she'd done, and there are many who did so.\n"
    "A caption without a full stop\nThe next paragraph starts here."
)


def test_components_and_order(nlp):
    names = nlp.pipe_names
    assert "ner" not in names and "lemmatizer" not in names
    assert "attribute_ruler" not in names
    assert names.index("quotetrack_paragraphs") < names.index("parser")
    assert names.index("parser") < names.index("quotetrack_attributes") < names.index("quotetrack")


def test_every_line_starts_a_sentence(nlp):
    doc = nlp(TEXT)
    starts = {s.start_char for s in doc.sents}
    for offset in (0, TEXT.index("U.S."), TEXT.index("A caption"), TEXT.index("The next")):
        assert offset in starts


def test_fast_attributes_give_the_same_tags_as_the_attribute_ruler(nlp):
    with nlp.select_pipes(disable=["quotetrack_attributes", "quotetrack"]):
        parsed = nlp(TEXT)
    fast_doc = Doc(nlp.vocab).from_bytes(parsed.to_bytes())
    ruler_doc = Doc(nlp.vocab).from_bytes(parsed.to_bytes())
    fast = nlp.get_pipe("quotetrack_attributes")
    ruler = AttributeRuler(nlp.vocab)
    ruler.add_patterns(fast.patterns)
    fast(fast_doc)
    ruler(ruler_doc)
    assert [(t.pos_, t.tag_, t.dep_) for t in fast_doc] == [
        (t.pos_, t.tag_, t.dep_) for t in ruler_doc
    ]
    assert {t.pos_ for t in fast_doc} >= {"PROPN", "VERB", "AUX", "PRON", "SPACE", "SCONJ"}
