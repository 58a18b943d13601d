"""The shape of a page's text: which lines are headlines, labels, captions and bylines.

Web pages reach quotetrack as text with their furniture still in it: the headline and deck,
a "Live" or "Breaking:" label, a photo caption with its credit, a "By NAME" line, a
related-link line. None of them is a quote or the attribution of one, though a headline
often reads like reported speech ("Sunak announces July election"). :func:`page_lines`
sorts every line of a text by its shape, with exact character offsets, so that the
detector can leave furniture alone while a bullet line stays ordinary text.

The rules read only the text (no parse), so they are cheap and work the same on text taken
from HTML and on plain text files. :mod:`.htmlfile` writes the roles the page's markup gives
into the text itself, in the marks plain text already uses: a heading as a ``#`` line (as in
Markdown), a list item as a ``- `` line, and captions, credits and labels left out, so a
heading that reads like a sentence is still a headline here, and the roles survive storage
and any later run on the stored text.

More passes read the text's layout: :func:`dateline_spans` finds the datelines that open
paragraphs ("WASHINGTON (AP) — "); :func:`introduced_lists` finds bullet lists that a line
ending in a colon introduces ("She gave three reasons:"), whose quotes are the introduced
speaker's; :func:`embedded_posts` finds social-media posts by their signature ("— Jane Doe
(@janedoe) May 4, 2023"). :func:`parse_view` is the text as the parser reads it: the lines
of hard-wrapped text (fixed-width lines, as wire copy and e-mailed releases come) joined
into one line per paragraph (:func:`unwrap`) and markup left in a text blanked
(:func:`blank_markup`), changing no offset.
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
_CLOSING_MARKS = "\"”’'»"


def _ends_sentence(line: str) -> bool:
    """Whether a line ends as a sentence does: in final punctuation, or in a closing mark
    after it (`… she said "we are ready."`). A quotation closed straight after a word (`Minister
    says network "stable again"`) ends a headline or a label, not a sentence."""
    end = line.rstrip(_CLOSING_MARKS)
    if len(end) == len(line):
        return line.endswith(_FINAL)
    return not end or end.endswith(_FINAL) or end.endswith(",")


# Photo and video credits: "(Getty Images)", "[Getty]", "Photo: …", "Photo - Getty",
# "Photograph: …", "(Credit: …)", "(AP Photo/…)", "File photo", a trailing "Photo",
# "Courtesy: …", "Courtesy of …".
_CREDIT = re.compile(
    r"\((?:[^()]*/)?(?:Getty|AP|AFP|Reuters|EPA|Shutterstock|Credit)[^()]*\)"
    r"|\[(?:Getty|AP|AFP|Reuters|EPA)[^\]]*\]"
    r"|\b(?:Photo|Photograph|Image|Picture|Video|File photo)\s*(?::|-|–|—|credit\b)"
    # a caption whose credit was cut off, ending in the credit's label ("… in Gaza Photo")
    r"|\b(?:Photo|Photograph|Picture)\s*$"
    r"|\bGetty Images\b"
    r"|\bCourtesy(?::| of\b)",
    re.IGNORECASE,
)
# "By JANE DOE", "By Jane Doe and John Roe, Reuters", "By Jane Doe | Island Post"
_BYLINE = re.compile(
    r"^(?:By|BY)\s+[A-Z][\w.'’-]*"
    r"(?:(?:\s+|,\s*|\s*[|·•/]\s*|\s+[-–—]\s+)(?:[A-Z][\w.'’-]*|and|&|de|van|von))*\s*$"
)
# A dateline opening a paragraph: "WASHINGTON (AP) — ", "KYIV, Ukraine, Jan 26 (Reuters) - ",
# "MOSCOW - ": a place in capitals (three letters at least: "US - China" is no dateline), an
# optional place or date after a comma, an optional agency in brackets, then a dash.
_DATELINE = re.compile(
    r"^[ \t]*[A-Z][A-Z.'’]{2,}(?:[ -][A-Z][A-Z.'’]+)*"
    r"(?:,[ \t]*[A-Z][\w.'’]*(?:[ \t]+[\w.'’]+){0,3}){0,2}"
    r"(?:[ \t]*\([A-Za-z][A-Za-z .&/-]{0,24}\))?"
    r"[ \t]+(?:--|[-–—―])[ \t]+(?=\S)",
    re.MULTILINE,
)
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
# The same with the place written in small letters, as translated and European copy does
# ("Geneva, 12 March (Agency) – ", "Kyiv (Reuters) - "): a date or an agency must follow,
# or it would be any name opening a sentence with a dash.
_TITLED_DATELINE = re.compile(
    r"^[ \t]*[A-Z][a-z'’]+(?:[ -][A-Z][a-z'’]+){0,2}"
    r"(?:"
    rf"(?:,[ \t]*(?:\d{{1,2}}[ \t]+{_MONTH}|{_MONTH}[ \t]+\d{{1,2}})(?:,?[ \t]+\d{{4}})?)"
    r"(?:[ \t]*\([A-Z][A-Za-z .&/-]{1,24}\))?"
    r"|[ \t]*\([A-Z][A-Za-z .&/-]{1,24}\)"
    r")"
    r"[ \t]+(?:--|[-–—―])[ \t]+(?=\S)",
    re.MULTILINE,
)
# A Markdown heading ("## Residents welcome the news"), also how HTML headings are written.
_HEADING_MARK = re.compile(r"^#{1,6}[ \t]+\S")
_BULLET = re.compile(r"^\s*(?:[-–—•*·▪►]|\d{1,2}[.)])\s+")
# An opening mark left open in the line: a quotation that runs on into the next line.
_OPEN_MARK = re.compile(r"(?:^|[\s(])[\"“‘«][^\"”’»]*$")
# A line that is one quotation and nothing else, its words ending without punctuation
# (‘Your prayers matter before God’): a subhead pulled from the story.
_QUOTE_ONLY = re.compile(r"^[\"“‘'«][^\"“”‘’«»]*[\w)][\"”’'»]$")
# The same after the speaker's name and a colon (Jane Doe: ‘Your prayers matter’): a headline.
_NAMED_QUOTE_ONLY = re.compile(
    r"^[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4}:\s*[\"“‘'«][^\"“”‘’«»]*[\w)][\"”’'»]$"
)
# A quotation, a colon and what the story is ('We will rebuild': Mayor vows to restore
# the town), without a full stop: the quote-first headline of many news sites.
_QUOTE_LED = re.compile(r"^[\"“‘'«][^\"“”‘’«»]*[\w!?.,)][\"”’'»]:\s+\S")
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
    if _HEADING_MARK.match(stripped):
        return "headline"
    if _DATELINE.match(line) or _TITLED_DATELINE.match(line):
        return "text"  # a paragraph's opening; its "(AP)" or "(Reuters)" is no photo credit
    if _BULLET.match(line):
        return "bullet"
    if _BYLINE.match(stripped):
        return "byline"
    if _CREDIT.search(stripped):
        return "caption"
    words = stripped.split()
    # (isupper first: a line with a lower-case letter cannot be in capitals, and reading
    # every character of every paragraph costs more than the rest of this function)
    if len(words) >= 3 and stripped.isupper():
        letters = [ch for ch in stripped if ch.isalpha()]
        if len(letters) >= 8 and all(ch.isupper() for ch in letters):
            return "headline"  # a kicker or subhead set in capitals
    if (_QUOTE_ONLY.match(stripped) or _NAMED_QUOTE_ONLY.match(stripped)) and len(
        words
    ) <= HEADLINE_MAX_WORDS:
        return "headline"  # a quotation standing as a subhead, without its full stop
    if (
        _QUOTE_LED.match(stripped)
        and len(words) <= HEADLINE_MAX_WORDS
        and not _ends_sentence(stripped)
        and not is_last
    ):
        return "headline"  # 'We will rebuild': Mayor vows to restore the town
    following = next_line.lstrip()
    if (
        not is_last
        and not following[:1].islower()
        and not _OPEN_MARK.search(stripped)
        and len(words) <= HEADLINE_MAX_WORDS
        and not _ends_sentence(stripped)
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


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the datelines that open paragraphs of ``text``, each ending where
    the paragraph's first sentence begins ("WASHINGTON (AP) — |The Senate voted …")."""
    found = {(m.start(), m.end()) for m in _DATELINE.finditer(text)}
    found |= {(m.start(), m.end()) for m in _TITLED_DATELINE.finditer(text)}
    return sorted(found)


def furniture_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the headline, caption and byline lines and the datelines of
    ``text``, in text order."""
    lines = [(ln.start, ln.end) for ln in page_lines(text) if ln.role in FURNITURE]
    return sorted(lines + dateline_spans(text))


# --- bullet lists and their introduction ----------------------------------------------------


_COLON_LINE_END = re.compile(r":[ \t]*\n")
# A list item that names its topic before a colon and quotes after it.
_TOPIC_ITEM = re.compile(r"[ \t]*[A-Z][^:\n\"“”]{0,40}:[ \t]*[\"“]")


@dataclass(frozen=True)
class BulletList:
    """A run of bullet lines after the line that introduces them.

    ``intro`` is the introducing line's span (it ends in a colon: "Smith told reporters:");
    ``items`` are the spans of the bullet lines, in order.
    """

    intro: tuple[int, int]
    items: tuple[tuple[int, int], ...]


def introduced_lists(text: str) -> list[BulletList]:
    """The bullet lists of ``text`` that a line of ordinary text ending in a colon opens.

    An item is a bullet line or a line that names its topic and opens a quotation ("On
    inflation: "…""). Items may be parted by blank lines (as list items of an HTML page are); any other line
    ends the list. A list without such an introduction (menus, related links, a headline's
    "Key points") is not returned.
    """
    if not _COLON_LINE_END.search(text):
        return []
    lines = page_lines(text)

    def item(n: int) -> bool:
        # a bullet, or a line labelled with its topic that opens a quotation
        # ("On inflation: "We have made progress."")
        ln = lines[n]
        return ln.role == "bullet" or bool(_TOPIC_ITEM.match(text, ln.start, ln.end))

    out: list[BulletList] = []
    k = 0
    while k < len(lines):
        if k == 0 or not item(k):
            k += 1
            continue
        intro = lines[k - 1]
        run = k
        while run < len(lines) and item(run):
            run += 1
        if intro.role == "text" and text[intro.start : intro.end].rstrip().endswith(":"):
            items = tuple((ln.start, ln.end) for ln in lines[k:run])
            out.append(BulletList((intro.start, intro.end), items))
        k = run
    return out


# --- hard-wrapped text -----------------------------------------------------------------------

#: Widest line (in columns, a tab counting to the next multiple of 8) of text that can be
#: fixed-width; articles with one paragraph a line have much longer lines.
WRAP_MAX_WIDTH = 100
#: A line fills its width when it ends at most this many columns short of the widest line.
WRAP_FILL_SLACK = 20
#: Fewest filled lines (each followed by a line of the same block) for text to be wrapped.
WRAP_MIN_LINES = 3
#: Narrowest width read as wrapped prose; shorter lines are lists, menus or verse.
WRAP_MIN_WIDTH = 40


def _columns(line: str) -> int:
    return len(line.rstrip().expandtabs(8))


def _indent(line: str) -> int:
    return len(line.expandtabs(8)) - len(line.expandtabs(8).lstrip())


def wrap_width(text: str) -> int | None:
    """The width ``text`` was hard-wrapped at, or ``None`` when its lines do not look wrapped.

    Wrapped text has short lines (at most :data:`WRAP_MAX_WIDTH` columns, a few longer
    exceptions aside), and most lines that a line of the same block follows run to within
    :data:`WRAP_FILL_SLACK` columns of the width, since a wrapper fills each line it breaks.
    Text with one paragraph or one headline a line has lines of every length, and its lines
    seldom go on in lower case (at least a third of wrapped lines do). The width is
    that of the widest line indented least: wire copy indents a paragraph's first line with a
    tab, which wrappers count in different ways.
    """
    lines = text.split("\n")
    widths = [_columns(line) for line in lines if line.strip()]
    if len(widths) <= WRAP_MIN_LINES or 10 * sum(w > WRAP_MAX_WIDTH for w in widths) > len(widths):
        return None
    shallowest = min(_indent(line) for line in lines if line.strip())
    body = [_columns(line) for line in lines if line.strip() and _indent(line) == shallowest]
    width = max((w for w in body if w <= WRAP_MAX_WIDTH), default=0)
    inner = [(a, b) for a, b in zip(lines, lines[1:]) if a.strip() and b.strip()]
    filled = sum(_columns(a) >= width - WRAP_FILL_SLACK for a, _ in inner)
    if width < WRAP_MIN_WIDTH or filled < WRAP_MIN_LINES or 2 * filled < len(inner):
        return None
    # A wrapper breaks sentences anywhere, so many of its lines go on in lower case; a list
    # of headlines or one paragraph a line never does.
    if 3 * sum(b.lstrip()[:1].islower() for _, b in inner) < len(inner):
        return None
    return width


def _wrapped_break(line: str, following: str, width: int) -> bool:
    """True when the line break between ``line`` and ``following`` was made by a wrapper:
    the first word of the next line would not have fitted on this one, and the next line
    neither starts a paragraph (deeper indent), a bullet or a heading, nor follows a byline."""
    if not _may_join(line, following):
        return False
    return _columns(line) + 1 + len(following.split()[0]) > width


def _may_join(line: str, following: str) -> bool:
    """Whether a line break between two lines can be a wrapper's: both hold words, and the
    next line neither starts a paragraph (a deeper indent: wire copy indents with a tab), a
    bullet or a heading, nor follows a byline."""
    if not line.strip() or not following.strip():
        return False
    if _indent(following) > _indent(line):
        return False
    if _BULLET.match(following) or _HEADING_MARK.match(following.lstrip()):
        return False
    return not _BYLINE.match(line.strip())


def unwrap(text: str) -> str:
    """``text`` with the line breaks that wrapped its paragraphs replaced by spaces.

    The result has the same length as ``text`` and differs only where a wrapping ``\\n``
    became a space, so every offset into it is an offset into ``text``: a sentence broken
    across wrapped lines is one line for the parser, while paragraph breaks (blank lines,
    indented first lines), bullets and headings stay. Text that is not hard-wrapped
    (see :func:`wrap_width`) comes back unchanged.
    """
    if "\n" not in text:
        return text
    width = wrap_width(text)
    lines = text.split("\n")
    pairs = zip(lines, lines[1:])
    if width is not None:
        wrapped = [_wrapped_break(a, b, width) for a, b in pairs]
    else:
        # A page whose furniture (menus, headlines, captions) hides the wrapping from the
        # whole text's statistics still shows it line by line (see _broken_sentence).
        wrapped = [_broken_sentence(a, b) for a, b in pairs]
        if not any(wrapped):
            return text
    parts: list[str] = []
    for line, joined in zip(lines, wrapped):
        parts.append(line)
        parts.append(" " if joined else "\n")
    parts.append(lines[-1])
    return "".join(parts)


_OPENING_MARKS = "\"“‘'"
# A sentence that ends inside a line: prose, never a headline, a menu or a caption label.
_INNER_SENTENCE_END = re.compile(r"\w[.!?][\"”’']?\s+[\"“‘']?[A-Z]")


def _broken_sentence(line: str, following: str) -> bool:
    """True for a line break inside a sentence of wrapped prose, found from the two lines
    alone: the line is at least :data:`WRAP_MIN_WIDTH` columns and ends in a word or a comma
    (no full stop, colon or closing mark), the next line neither starts a paragraph
    (deeper indent), a bullet or a heading, nor follows a byline, and either the next line
    goes on in lower case or the line holds the end of a sentence before its own end (a
    headline, a caption label or a menu holds none)."""
    if not _may_join(line, following) or _columns(line) < WRAP_MIN_WIDTH:
        return False
    last = line.rstrip()[-1]
    if not (last.isalnum() or last == ","):
        return False
    nxt = following.lstrip()
    if nxt.lstrip(_OPENING_MARKS)[:1].islower():
        return True
    # a line opening on a quotation mark and a capital starts a quotation of its own
    return not nxt.startswith(tuple(_OPENING_MARKS)) and bool(_INNER_SENTENCE_END.search(line))


# --- markup left in text ---------------------------------------------------------------------

# A tag or a comment. Text copied from a page's source can keep its markup; the page's
# words are still the text a user stored, so markup is blanked for the parser, not cut.
_TAG = re.compile(r"<!--.*?-->|<(?P<close>/?)(?P<name>[A-Za-z][A-Za-z0-9-]*)\b[^<>]*>", re.DOTALL)
_RAW_TEXT = re.compile(
    r"<(?P<name>script|style|noscript)\b[^<>]*>.*?</(?P=name)\s*>", re.DOTALL | re.IGNORECASE
)
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# Tags that end a block of text: blanked with a line break first, so paragraphs stay apart.
_BLOCK_TAGS = frozenset(
    "p div br li ul ol dl dt dd h1 h2 h3 h4 h5 h6 blockquote table tr td th thead tbody section "
    "article header footer figure figcaption aside main nav hr pre form".split()
)
#: Fewest tags for text to be read as holding markup ("a <b> c" in prose is not).
MIN_MARKUP_TAGS = 3


def _blanked(chunk: str, first: str = " ") -> str:
    """``chunk`` as spaces of the same length (its line breaks kept), starting with ``first``."""
    out = "".join(ch if ch == "\n" else " " for ch in chunk)
    return first + out[1:] if out and out[0] != "\n" else out


def _entity_char(match: re.Match[str], text: str) -> str:
    """An entity as its character padded with spaces to the entity's length: pushed to the
    end when a word or mark follows (an opening mark, ``&#8220;We``), else to the start; a
    mark between a word and punctuation closes (``families&quot;.``) and stays on the
    word, or a straight mark set off by spaces from its word would read as opening."""
    import html

    entity = match.group(0)
    char = html.unescape(entity)
    if len(char) != 1:
        return entity
    pad = " " * (len(entity) - 1)
    following = text[match.end() : match.end() + 1]
    before = text[match.start() - 1 : match.start()] if match.start() else ""
    if before and not before.isspace() and following and not following.isalnum():
        return char + pad
    return pad + char if following and not following.isspace() else char + pad


def over_entities(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` widened so that neither cuts a character reference in two: the parse
    view gives an entity's character one of its places (see :func:`blank_markup`), and a
    span of the text ending on a closing ``&quot;`` must hold all of it. In: the text as
    given and a span of it. Out: the span, widened where it cut an entity."""
    if "&" not in text[max(0, start - 12) : end + 12]:
        return start, end
    for m in _ENTITY.finditer(text, max(0, start - 12), min(len(text), end + 12)):
        if m.start() < start < m.end():
            start = m.start()
        if m.start() < end < m.end():
            end = m.end()
    return start, end


def blank_markup(text: str) -> str:
    """``text`` with any HTML markup it holds blanked for parsing, its length unchanged.

    When ``text`` holds at least :data:`MIN_MARKUP_TAGS` tags, scripts and styles become
    spaces, a block tag (``</p>``, ``<div>``) a line break padded with spaces and any other
    tag spaces; character references (``&#8220;``, ``&amp;``) become their character padded
    with spaces, so the quotation marks they stand for pair up. Every offset into the result
    is an offset into ``text``. Text without markup comes back unchanged.
    """
    if "<" not in text and "&" not in text:
        return text
    if len(_TAG.findall(text)) >= MIN_MARKUP_TAGS:
        text = _RAW_TEXT.sub(lambda m: _blanked(m.group(0)), text)

        def tag(m: re.Match[str]) -> str:
            name = (m.group("name") or "").lower()
            return _blanked(m.group(0), "\n" if name in _BLOCK_TAGS else " ")

        text = _TAG.sub(tag, text)
    if "&" in text:
        text = _ENTITY.sub(lambda m: _entity_char(m, text), text)
    return text


# A market page's ticker inside a sentence: the symbol and the day's move on lines of their
# own ("United Airlines\nUAL,\n+1.44%\nhas also reported …").
_TICKER = re.compile(r"\n[ \t]*[A-Z][A-Z.]{0,5},?[ \t]*\n[ \t]*[+\-−–]?\d+(?:\.\d+)?%[ \t]*\n")


def blank_tickers(text: str) -> str:
    """``text`` with the ticker lines a market page sets inside its sentences blanked, its
    length unchanged: the sentence they interrupt reads on ("United Airlines has also
    reported …"). Text without them comes back unchanged."""
    if "%" not in text:
        return text
    return _TICKER.sub(lambda m: " " * len(m.group(0)), text)


def parse_view(text: str) -> str:
    """The text as the parser should read it: markup blanked (:func:`blank_markup`), ticker
    lines blanked (:func:`blank_tickers`) and hard-wrapped lines joined (:func:`unwrap`).
    Same length as ``text``; it differs only in whitespace, markup and tickers, so every
    offset found in it indexes ``text``."""
    return unwrap(blank_tickers(blank_markup(text)))


# --- embedded posts ----------------------------------------------------------------------------

# The signature a page prints under an embedded social-media post, ending its line:
# "— Jane Doe (@janedoe) May 4, 2023".
_POST_SIGNATURE = re.compile(
    r"[ \t]*(?P<dash>[—–―]|--?)[ \t]*(?P<name>[^\s()@—–―][^\n()@—–―]{0,58}?)[ \t]*"
    r"\(@\w{1,30}\)(?:[ \t]+[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2},?[ \t]+\d{4})?[ \t]*$",
    re.MULTILINE,
)
#: Fewest words a post must have to count as one (a bare handle line is a link, not a post).
POST_MIN_WORDS = 3


@dataclass(frozen=True)
class EmbeddedPost:
    """An embedded post: its words ``text[start:end]``, the dash of its signature and the
    author's name as the signature prints it."""

    start: int
    end: int
    dash: tuple[int, int]
    author: tuple[int, int]


def embedded_posts(text: str) -> list[EmbeddedPost]:
    """The embedded social-media posts of ``text``, each found by its signature line end
    (``— Jane Doe (@janedoe) May 4, 2023``): the post is the words before the signature on
    its line, or the line before when the signature stands alone. A trailing ellipsis (a
    post the page cut short) is not part of the post's words."""
    if "(@" not in text:
        return []
    out: list[EmbeddedPost] = []
    for m in _POST_SIGNATURE.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        start, end = line_start, m.start()
        if not text[start:end].strip() and start > 0:
            # the signature on a line of its own: the post is the line before it
            end = len(text[:start].rstrip())
            start = text.rfind("\n", 0, end) + 1
        while start < end and text[start].isspace():
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in "…"):
            end -= 1
        if text[end - 3 : end] == "...":
            end -= 3
        if len(text[start:end].split()) < POST_MIN_WORDS:
            continue
        name_start, name_end = m.span("name")
        out.append(EmbeddedPost(start, end, m.span("dash"), (name_start, name_end)))
    return out
