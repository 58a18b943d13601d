""".html/.htm articles: main text and metadata extracted with trafilatura (offline).

trafilatura puts each extracted block (headline, paragraph, list item) on its own line; here
blocks are separated by a blank line instead, the way the plain-text articles quotetrack reads
are laid out, so that later stages see paragraph breaks the same way whatever the input format.
"""

from __future__ import annotations

from quotetrack.read.errors import ReadError
from quotetrack.read.meta import clean_str, date_value, make_article
from quotetrack.read.outlets import url_host
from quotetrack.types import Article

# Dates only from the page's markup (meta tags, JSON-LD, <time>), the original publication date
# rather than a modification date. htmldate's extensive search would otherwise guess from the
# page text, e.g. 2024-01-01 from a "(c) 2024" footer; dates printed in the article text are
# found by quotetrack's own inference, which records them as coming from the text.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}

# For a page with no article, trafilatura's fallback still returns whatever is left (menu
# entries, a cookie notice); a page counts as having text only if some block is a real
# sentence or paragraph of at least this many words.
MIN_BLOCK_WORDS = 10


def _site_name(sitename: str | None, url: str | None, hostname: str | None) -> str | None:
    # trafilatura falls back to the url's host name when a page names no site; that is not
    # the page's own metadata, so it is dropped here and the outlet is inferred from the url.
    if not sitename:
        return None
    bare = sitename.lower().removeprefix("www.")
    hosts = {h.removeprefix("www.") for h in (hostname, url_host(url) if url else None) if h}
    return None if bare in hosts else sitename


def read_html_article(path: str, html: str) -> Article:
    """The article in a decoded HTML page: the main text as ``Article.text`` and the page's
    title, date, site name, url and author (provenance ``html_meta``), missing ones inferred.

    Raises :class:`ReadError` when trafilatura finds no article text in the page (nothing, or
    only fragments shorter than :data:`MIN_BLOCK_WORDS` words such as menus).
    """
    import trafilatura

    document = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        date_extraction_params=dict(_DATE_PARAMS),
    )
    # trafilatura 2 returns a Document, 1.x a dict.
    fields: dict = {}
    if document is not None:
        fields = document.as_dict() if hasattr(document, "as_dict") else document
    text = fields.get("text") or ""
    blocks = [line for line in text.split("\n") if line.strip()]
    if not any(len(block.split()) >= MIN_BLOCK_WORDS for block in blocks):
        raise ReadError("no article text found in the HTML page")
    url = clean_str(fields.get("url"))
    author = clean_str(fields.get("author"))
    given = {
        "title": clean_str(fields.get("title")),
        "published": date_value(fields.get("date"), where=path),
        "outlet": clean_str(_site_name(fields.get("sitename"), url, fields.get("hostname"))),
        "url": url,
        "author": author.replace("; ", ", ") if author else None,
    }
    return make_article("\n\n".join(blocks), source_path=path, origin="html_meta", given=given)
