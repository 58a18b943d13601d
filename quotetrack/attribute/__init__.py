"""Speaker attribution: who said each quote, within an article and across articles.

* :func:`resolve_speakers` (called by the ``quotetrack`` spaCy component) resolves the mention
  the detector found next to each quote to a canonical speaker within the article;
* :mod:`quotetrack.attribute.identity` holds the pure name functions the store uses to match
  speakers across articles.
"""

from .resolve import resolve_speakers

__all__ = ["resolve_speakers"]
