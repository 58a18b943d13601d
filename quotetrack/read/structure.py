"""The shape of a page's text: which lines are headlines, labels, captions and bylines.

Web pages reach quotetrack as text with their furniture still in it: the headline and deck,
a "Live" or "Breaking:" label, a photo caption with its credit, a "By NAME" line, a
related-link line. None of them is a quote or the attribution of one, though a headline
often reads like reported speech ("Sunak announces July election"). :func:`page_lines`
sorts every line of a text by its shape, with exact character offsets, so that the
detector can leave furniture alone while a bullet line stays ordinary text.

The rules read only the text (no parse), so they are cheap and work the same on text taken
from HTML (where :mod:`.htmlfile` keeps one block a line) and on plain text files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

LineRole = Literal["headline", "caption", "byline", "bullet", "text"]

#: Roles whose lines hold no quotes and no speakers of quotes outside them.
FURNITURE: frozenset[str] = frozenset({"headline", "caption", "byline"})

# A line that ends a sentence (or a quotation) ends in one of these.
_FINAL = tuple(".!?:;\"”’')»…")
# Photo and video credits: "(Getty Images)", "[Getty]", "Photo: …", "Photo - Getty",
# "(Credit: …)", "(AP Photo/…)", "File photo".
_CREDIT = re.compile(
    r"\((?:[^()]*/)?(?:Getty|AP|AFP|Reuters|EPA|Shutterstock|Credit)[^()]*\)"
    r"|\[(?:Getty|AP|AFP|Reuters|EPA)[^\]]*\]"
    r"|\b(?:Photo|Image|Picture|Video|File photo)\s*(?::|-|–|—|credit\b)"
    r"|\bGetty Images\b",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^By\s+[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|&|de|van|von))*\s*$")
_BULLET = re.compile(r"^\s*(?:[-–—•*·▪►]|\d{1,2}[.)])\s+")
# An opening mark left open in the line: a quotation that runs on into the next line.
_OPEN_MARK = re.compile(r"(?:^|[\s(])[\"“‘«][^\"”’»]*$")
# A line that is one quotation and nothing else, its words ending without punctuation
# (‘Your prayers matter before God’): a subhead pulled from the story.
_QUOTE_ONLY = re.compile(r"^[\"“‘'«][^\"“”‘’«»]*[\w)][\"”’'»]$")
#: Longest line (in words) read as a headline or label when it has no final punctuation.
HEADLINE_MAX_WORDS = 20


@dataclass(frozen=True)
class PageLine:
    """One line of the text: ``text[start:end]`` (without its line break) and its role."""

    start: int
    end: int
    role: LineRole


def line_role(line: str, is_last: bool, next_line: str = "") -> LineRole:
    """The role of one line, from its shape alone.

    ``is_last`` marks the text's last line, which may be cut off mid-sentence (an excerpt)
    and so is not taken for a headline for want of a full stop. ``next_line`` is the line
    right after it (empty at a paragraph break): a line whose sentence goes on there in
    lower case is hard-wrapped text, not a headline.
    """
    stripped = line.strip()
    if not stripped:
        return "text"
    if _BULLET.match(line):
        return "bullet"
    if _BYLINE.match(stripped):
        return "byline"
    if _CREDIT.search(stripped):
        return "caption"
    words = stripped.split()
    letters = [ch for ch in stripped if ch.isalpha()]
    if len(words) >= 3 and len(letters) >= 8 and all(ch.isupper() for ch in letters):
        return "headline"  # a kicker or subhead set in capitals
    if _QUOTE_ONLY.match(stripped) and len(words) <= HEADLINE_MAX_WORDS:
        return "headline"  # a quotation standing as a subhead, without its full stop
    following = next_line.lstrip()
    if (
        not is_last
        and not following[:1].islower()
        and not _OPEN_MARK.search(stripped)
        and len(words) <= HEADLINE_MAX_WORDS
        and not stripped.endswith(_FINAL)
        and not stripped.startswith(('"', "“", "‘", "'", "«"))
    ):
        return "headline"
    return "text"


def page_lines(text: str) -> list[PageLine]:
    """Every non-empty line of ``text`` with its role, in order, offsets exact."""
    out: list[PageLine] = []
    pos = 0
    lines = text.split("\n")
    last = max((k for k, ln in enumerate(lines) if ln.strip()), default=-1)
    for k, line in enumerate(lines):
        if line.strip():
            following = lines[k + 1] if k + 1 < len(lines) else ""
            out.append(PageLine(pos, pos + len(line), line_role(line, k == last, following)))
        pos += len(line) + 1
    return out


def furniture_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the headline, caption and byline lines of ``text``."""
    return [(ln.start, ln.end) for ln in page_lines(text) if ln.role in FURNITURE]
