"""Reading articles: .txt/.md (with YAML front matter), .html/.htm, .json and .jsonl, web
archives (.warc, .warc.gz) and tables (.csv, .tsv); fetching pages and feeds from the web is
in :mod:`quotetrack.read.fetch` and :mod:`quotetrack.read.feeds`.

Typical use (``cli_outlet`` being the value of ``--outlet``)::

    for item in iter_articles(["samples"]):
        if isinstance(item, ReadFailure):
            print(item)                      # "samples/x.jsonl:7: line 7: invalid JSON: ..."
        else:
            article = apply_overrides(item, outlet=cli_outlet)

Bad input never raises: each unreadable file or record becomes a
:class:`~quotetrack.types.ReadFailure` and the run goes on. Metadata missing from a file is
inferred from its text and url; ``Article.provenance`` says where every value came from.
"""

from __future__ import annotations

from quotetrack.read.core import (
    DEFAULT_MAX_BYTES,
    SUPPORTED_SUFFIXES,
    apply_overrides,
    iter_articles,
)
from quotetrack.types import Article, ReadFailure, SkippedRecords

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SUPPORTED_SUFFIXES",
    "Article",
    "ReadFailure",
    "SkippedRecords",
    "apply_overrides",
    "iter_articles",
]
