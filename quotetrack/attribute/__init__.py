"""Speaker attribution: who said each quote, within an article and across articles.

* :func:`quotetrack.attribute.resolve.resolve_speakers` (called by the ``quotetrack`` spaCy
  component) resolves the mention the detector found next to each quote to a canonical
  speaker within the article; it needs spaCy;
* :mod:`quotetrack.attribute.identity` holds the pure name functions the store uses to match
  speakers across articles; it imports no spaCy, so a name lookup stays cheap.

Nothing is imported here: importing :mod:`quotetrack.attribute.identity` must not load the
spaCy-based resolver.
"""
