"""The spaCy component on its own: ``spacy.load(model); nlp.add_pipe("quotetrack")`` finds
exactly what ``quotetrack extract`` finds, its settings come through the factory config, and
the detector's page-structure pass sorts lines by their shape."""

from __future__ import annotations

import pytest
import spacy

from quotetrack.detect.settings import DetectSettings
from quotetrack.nlp import choose_model
from quotetrack.read import iter_articles
from quotetrack.read.structure import furniture_spans, page_lines


@pytest.fixture(scope="module")
def plain_nlp():
    """The model as spaCy loads it (every stock component), plus quotetrack's component."""
    import quotetrack.pipeline  # noqa: F401  (registers the factory)

    nlp = spacy.load(choose_model())
    nlp.add_pipe("quotetrack")
    return nlp


def _key(quotes, text):
    return [(q.type, q.start, q.end, q.cue, q.speaker, q.mention(text)) for q in quotes]


def test_add_pipe_adds_the_paragraph_step_before_the_parser(plain_nlp):
    names = plain_nlp.pipe_names
    assert names.index("quotetrack_paragraphs") < names.index("parser")
    assert names[-1] == "quotetrack"
    meta = plain_nlp.get_pipe_meta("quotetrack")
    assert "doc._.quotes" in meta.assigns and "token.dep" in meta.requires


def test_add_pipe_finds_what_extract_finds_on_the_samples(plain_nlp, samples_dir):
    from quotetrack.extract import extract

    articles = [a for a in iter_articles([str(samples_dir)]) if hasattr(a, "text")]
    assert len(articles) >= 5
    texts = [a.text for a in articles]
    extracted = list(extract(texts, jobs=1))
    for text, quotes in zip(texts, extracted):
        assert quotes, "every sample has quotes"
        assert _key(plain_nlp(text)._.quotes, text) == _key(quotes, text)


def test_settings_come_through_the_factory_config():
    import quotetrack.pipeline  # noqa: F401

    nlp = spacy.blank("en")
    component = nlp.add_pipe("quotetrack", config={"detect": {"intentions": True}})
    assert component.detect_settings == DetectSettings(intentions=True)
    with pytest.raises(ValueError, match="unknown quotetrack detect setting"):
        nlp.add_pipe("quotetrack", name="other", config={"detect": {"no_such_limit": 3}})


# --- page structure ------------------------------------------------------------------------

PAGE = (
    "Mayor announces harbour fee rise\n"
    "Live\n\n"
    "By JANE ROE and TOM DOE\n\n"
    "The mayor said on Monday that the fees would rise.\n\n"
    "The harbour at dawn. Photo: Jane Roe/Getty Images\n\n"
    "- Fees rise by a tenth in spring\n"
    "She spoke to reporters outside the\n"
    "town hall on a wet morning"
)


def test_lines_are_sorted_by_shape():
    roles = [(PAGE[ln.start : ln.end], ln.role) for ln in page_lines(PAGE)]
    assert roles == [
        ("Mayor announces harbour fee rise", "headline"),
        ("Live", "headline"),
        ("By JANE ROE and TOM DOE", "byline"),
        ("The mayor said on Monday that the fees would rise.", "text"),
        ("The harbour at dawn. Photo: Jane Roe/Getty Images", "caption"),
        ("- Fees rise by a tenth in spring", "bullet"),
        ("She spoke to reporters outside the", "text"),  # hard-wrapped: goes on in lower case
        ("town hall on a wet morning", "text"),  # the last line may be cut off
    ]
    assert [PAGE[a:b] for a, b in furniture_spans(PAGE)][:2] == [
        "Mayor announces harbour fee rise",
        "Live",
    ]


def test_headlines_labels_and_captions_hold_no_quotes_or_speakers(nlp):
    text = (
        "Mayor Jane Roe Live\n\n"
        "Roe says fees will rise\n\n"
        '"We had no choice," the mayor said on Monday.\n\n'
        "The mayor at the harbour. Photo: Getty Images says officials\n\n"
        "Officials said the vote would take place in May."
    )
    found = [(q.type, q.text(text), q.cue, q.mention(text)) for q in nlp(text)._.quotes]
    assert found == [
        ("direct", "We had no choice,", "said", "the mayor"),
        ("indirect", "the vote would take place in May", "said", "Officials"),
    ]


def test_a_paragraph_after_a_line_without_a_full_stop_keeps_its_subject(nlp):
    # After a link line with no final punctuation the parser, left alone, ended a sentence at
    # the paragraph's first word ("Lind" | ", who has led ..."): the relative clause became a
    # report and the speech verb lost its subject. No sentence starts with a comma.
    text = (
        "Teodor Lind resigned.\n\n"
        "READ MORE: Outage report: what we know so far\n\n"
        "Lind, who has led the agency since 2019, told reporters outside his office that he "
        "had offered his resignation to the minister last week.\n"
    )
    found = [(q.type, q.text(text), q.speaker) for q in nlp(text)._.quotes]
    assert found == [
        (
            "indirect",
            "that he had offered his resignation to the minister last week",
            "Teodor Lind",
        )
    ]
    assert not any(t.is_sent_start for t in nlp(text) if t.text == ",")


def test_the_component_leaves_no_caches_on_the_doc(nlp):
    # the text it reads once for its stages is gone when it is done; a doc serialised
    # afterwards carries nothing of quotetrack's but the quotes
    text = 'Okafor said the bridge would open in May. "We are ready," she said.'
    doc = nlp(text)
    assert doc._.quotes
    assert not any(str(k).startswith("quotetrack") for k in doc.user_data)
