"""The project's sample articles (samples/), read the way quotetrack reads them."""

from __future__ import annotations

from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def sample_text(prefix: str) -> str:
    """Body text of the sample whose file name starts with ``prefix`` ("001" → 001-…md)."""
    from quotetrack.read import iter_articles

    path = next(SAMPLES.glob(f"{prefix}-*.md"))
    (article,) = list(iter_articles([path]))
    return article.text
