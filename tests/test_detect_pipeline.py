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


def test_matrix_products_go_to_numpys_blas_with_the_same_parse(nlp, samples_dir):
    """quotetrack's pipeline uses numpy's OpenBLAS for thinc's matrix products; the stock
    blis path tags and parses the samples exactly alike."""
    from quotetrack.nlp import NumpyBlasOps, load_base, numpy_blas_name, use_numpy_blas

    if "openblas" not in numpy_blas_name():
        assert not isinstance(nlp.get_pipe("tok2vec").model.ops, NumpyBlasOps)
        return
    for name in ("tok2vec", "tagger", "parser"):
        assert all(isinstance(node.ops, NumpyBlasOps) for node in nlp.get_pipe(name).model.walk())
    stock = load_base()
    assert not isinstance(stock.get_pipe("tok2vec").model.ops, NumpyBlasOps)
    ours = load_base()
    assert use_numpy_blas(ours)
    texts = [p.read_text(encoding="utf-8") for p in sorted(samples_dir.glob("0*.md"))]
    assert texts
    for a, b in zip(stock.pipe(texts), ours.pipe(texts)):
        assert [(t.tag_, t.dep_, t.head.i, t.is_sent_start) for t in a] == [
            (t.tag_, t.dep_, t.head.i, t.is_sent_start) for t in b
        ]


def test_blis_can_be_kept(monkeypatch):
    from quotetrack.nlp import NumpyBlasOps, load_base, use_numpy_blas

    monkeypatch.setenv("QUOTETRACK_BLAS", "blis")
    stock = load_base()
    assert not use_numpy_blas(stock)
    assert not isinstance(stock.get_pipe("parser").model.ops, NumpyBlasOps)


def test_numpy_blas_products_are_right_and_leave_the_thread_setting_as_it_was():
    import numpy as np
    from threadpoolctl import threadpool_info

    from quotetrack.nlp import NumpyBlasOps

    ops = NumpyBlasOps()
    before = [lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"]
    x = np.arange(12, dtype="float32").reshape(3, 4)
    y = np.ones((5, 4), dtype="float32")
    assert np.array_equal(ops.gemm(x, y, trans2=True), x @ y.T)
    after = [lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"]
    assert after == before


def test_the_pipeline_still_pickles_for_spawned_processes(nlp):
    import pickle

    copy = pickle.loads(pickle.dumps(nlp.get_pipe("tok2vec")))
    docs = [nlp.make_doc(TEXT)]
    assert [a.tolist() for a in copy.predict(docs)] == [
        a.tolist() for a in nlp.get_pipe("tok2vec").predict(docs)
    ]
