""".html/.htm articles: main text and metadata extracted with trafilatura (offline).

trafilatura puts each extracted block (headline, paragraph, list item) on its own line; here
blocks are separated by a blank line instead, the way the plain-text articles quotetrack reads
are laid out, so that later stages see paragraph breaks the same way whatever the input format.

The page's markup says what each block is, and that is kept in the text in the marks
:mod:`quotetrack.read.structure` reads: a heading (``<h1>``-``<h6>``) is written as a
Markdown heading line (``## Residents welcome the news``), so it is a headline even when
it reads like a sentence; list items keep trafilatura's ``- `` mark; and the blocks that the
markup calls captions, photo credits, labels or pull quotes (``<figcaption>``, an ``<aside>``,
a ``caption``/``credit``/``label``/``kicker``/``pullquote`` class) are left out, as
trafilatura already leaves out most of them: they are page furniture, never quotes. A deck
(``deck``/``standfirst``/``subtitle`` class) is written as a second-level heading.
"""

from __future__ import annotations

import re
from typing import Any

from quotetrack.read.errors import ReadError
from quotetrack.read.infer import author_names
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

# Class or id words that mark page furniture: "wp-caption-text", "photo-credit", "live-label".
_FURNITURE_WORDS = frozenset(
    "caption captions figcaption credit credits label kicker badge eyebrow pullquote".split()
)
# Class words of a deck (the standfirst under a headline): a heading of the second level.
_DECK_WORDS = frozenset("deck dek standfirst subtitle subheadline subhead strapline".split())
_CLASS_WORD = re.compile(r"[a-z]+")
# Elements whose text is article text when they stand outside furniture.
_TEXT_BLOCKS = frozenset("p li h1 h2 h3 h4 h5 h6 blockquote td".split())
# Furniture elements longer than this are not a caption but a container misnamed by its class.
MAX_FURNITURE_WORDS = 80


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def _furniture_texts(html: str) -> tuple[set[str], set[str]]:
    """What the page's markup says is furniture, as texts (whitespace squeezed): the texts of
    its captions, credits, labels, pull quotes and asides and of every element inside them
    (a block of extracted text equal to one is left out, unless a paragraph, list item or
    heading outside them says the same: a pull quote repeating a paragraph leaves the
    paragraph in), and the texts of its decks (standfirsts under the headline, written as
    headings)."""
    import lxml.html
    from lxml import etree

    dropped: set[str] = set()
    decks: set[str] = set()
    kept: set[str] = set()
    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return dropped, decks
    inside: set[Any] = set()  # the furniture elements and everything in them
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue  # comments and processing instructions
        if el in inside:
            continue
        words = set(_CLASS_WORD.findall(f"{el.get('class', '')} {el.get('id', '')}".lower()))
        if el.tag in ("figcaption", "aside") or words & _FURNITURE_WORDS:
            for part in el.iter():
                if isinstance(part.tag, str):
                    inside.add(part)
                    text = _squeeze(part.text_content())
                    if text and len(text.split()) <= MAX_FURNITURE_WORDS:
                        dropped.add(text)
        elif words & _DECK_WORDS:
            text = _squeeze(el.text_content())
            if text and len(text.split()) <= MAX_FURNITURE_WORDS:
                decks.add(text)
        elif el.tag in _TEXT_BLOCKS:
            kept.add(_squeeze(el.text_content()))
    return dropped - kept, decks


def _heading_levels(body: Any) -> dict[str, int]:
    """Each heading's text (whitespace squeezed) in trafilatura's extracted tree, with its
    level (``rend="h2"`` is 2; a heading without one counts as level 2)."""
    levels: dict[str, int] = {}
    if body is None or not hasattr(body, "iter"):
        return levels
    for el in body.iter("head"):
        text = _squeeze("".join(el.itertext()))
        rend = str(el.get("rend") or "")
        level = int(rend[1]) if re.fullmatch(r"h[1-6]", rend) else 2
        if text:
            levels.setdefault(text, level)
    return levels


def _marked_blocks(text: str, body: Any, html: str) -> list[str]:
    """The extracted text's blocks, headings marked with ``#`` and furniture left out."""
    headings = _heading_levels(body)
    furniture, decks = _furniture_texts(html)
    for deck in decks:
        headings.setdefault(deck, 2)
    blocks: list[str] = []
    for line in text.split("\n"):
        key = _squeeze(line)
        if not key or key in furniture:
            continue
        level = headings.get(key)
        blocks.append(
            f"{'#' * level} {line.strip()}" if level and not key.startswith("#") else line
        )
    return blocks


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
    blocks = _marked_blocks(text, fields.get("body"), html)
    if not any(len(block.split()) >= MIN_BLOCK_WORDS for block in blocks):
        raise ReadError("no article text found in the HTML page")
    url = clean_str(fields.get("url"))
    author = clean_str(fields.get("author"))
    given = {
        "title": clean_str(fields.get("title")),
        "published": date_value(fields.get("date"), where=path),
        "outlet": clean_str(_site_name(fields.get("sitename"), url, fields.get("hostname"))),
        "url": url,
        # trafilatura joins a byline's parts with "; " ("JANE DOE; JOHN ROE Associated
        # Press"): read it like a byline, names only, in title case.
        "author": author_names(author) if author else None,
    }
    return make_article("\n\n".join(blocks), source_path=path, origin="html_meta", given=given)
