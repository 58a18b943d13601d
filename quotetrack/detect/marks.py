"""Pairing quotation marks in raw article text, before any parsing.

The pairing works paragraph by paragraph (a paragraph is one line of the text), so a stray or
unbalanced mark can only cost the quote of its own paragraph, never the rest of the article.
The one exception is the newspaper convention for long quotes: a quote that is still open at
the end of a paragraph continues when the next paragraph opens with a quotation mark; each
paragraph then gives one chunk, and the chunks share a ``group`` number. A quote left open
at the end of a line that the very next line closes (no blank line between, no new quote
opened first) is one quote over both lines.

Double marks recognised: ``"`` ``“`` ``”`` ``„`` ``‟`` ``«`` ``»`` and the typewriter pairs
``\\`\\``…``''`` (also ``''``…``''``). Single marks (``‘`` ``’`` ``'`` ``‹`` ``›``) count
only as a quote of their own when they pair up cleanly; apostrophes inside words (``don't``)
and after plural possessives (``Hamas' hands``) are not quotation marks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# One alternative per mark; the two-character typewriter marks come first so ``''`` is never
# read as two single quotes.
_DOUBLE_RE = re.compile(r"``|''|[\"“”„‟«»]")
_SINGLE_RE = re.compile(r"[‘’'‹›‚]")

_OPENERS = {"“", "„", "‟", "«", "``"}
_CLOSERS = {"”", "»"}
_AMBIGUOUS = {'"', "''"}
_SINGLE_OPENERS = {"‘", "‹", "‚"}
_SINGLE_CLOSERS = {"›"}
_SINGLE_AMBIGUOUS = {"'", "’"}

# Characters that may sit right before an opening mark / right after a closing mark.
_BEFORE_OPEN = set(" \t([{—–-―:;/…") | {"\u00a0"}
_AFTER_CLOSE = set(" \t)]}.,;:!?—–-―/…") | {"\u00a0"}


@dataclass(frozen=True)
class QuotedSpan:
    """One stretch of quoted text: ``start``/``end`` delimit the content (marks excluded).

    ``open_at`` is the offset of the opening mark; ``close_end`` the offset just past the
    closing mark, or ``None`` when the quote runs on into the next paragraph. Chunks of one
    quote that spans several paragraphs share ``group``.
    """

    open_at: int
    start: int
    end: int
    close_end: int | None
    group: int
    single: bool = False

    @property
    def outer_start(self) -> int:
        """Offset of the opening mark (the quote including its marks starts here)."""
        return self.open_at

    @property
    def outer_end(self) -> int:
        """Offset just past the closing mark, or the content end for an open chunk."""
        return self.close_end if self.close_end is not None else self.end


def _direction(text: str, at: int, length: int) -> str | None:
    """Guess whether an ambiguous mark at ``text[at:at+length]`` opens or closes a quote.

    Returns ``"open"``, ``"close"`` or ``None`` when the surroundings say nothing (e.g. a
    mark with spaces on both sides, or one between two letters such as 5'10").
    """
    before = text[at - 1] if at > 0 else "\n"
    after = text[at + length] if at + length < len(text) else "\n"
    opens = (before in _BEFORE_OPEN or before == "\n") and not after.isspace()
    closes = (after in _AFTER_CLOSE or after == "\n" or after in "\"”'’") and not before.isspace()
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return None


_SENTENCE_FINAL = tuple(".!?:;\"”’')»")


def is_hard_wrapped(text: str) -> bool:
    """True for text whose paragraphs are broken into lines (blank lines between paragraphs).

    Such text has blank lines, and many of its single line breaks fall mid-sentence: the line
    ends without final punctuation and the next one goes on in lower case.
    """
    if "\n\n" not in text:
        return False
    lines = text.split("\n")
    joints = wrapped = 0
    for line, nxt in zip(lines, lines[1:]):
        line, nxt = line.strip(), nxt.strip()
        if not line or not nxt:
            continue
        joints += 1
        if not line.endswith(_SENTENCE_FINAL) and nxt[:1].islower():
            wrapped += 1
    return wrapped >= 3 and wrapped >= 0.3 * joints


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of each paragraph of ``text``: a line, or in hard-wrapped text a
    block of lines between blank lines."""
    out = []
    pos = 0
    if is_hard_wrapped(text):
        for block in re.split(r"(\n[ \t]*\n)", text):
            if block.strip() and not block.isspace():
                out.append((pos, pos + len(block)))
            pos += len(block)
        return out
    for line in text.split("\n"):
        end = pos + len(line)
        if line.strip():
            out.append((pos, end))
        pos = end + 1
    return out


def _mark_kind(text: str, mark: re.Match) -> str | None:
    """``"open"``, ``"close"`` or ``None`` (the context says nothing) for one double mark."""
    tok = mark.group()
    if tok in _OPENERS:
        return "open"
    if tok in _CLOSERS:
        return "close"
    return _direction(text, mark.start(), len(tok))


def _runs_on(text: str, line: tuple[int, int], nxt: tuple[int, int]) -> bool:
    """True when the quote left open at the end of ``line`` closes in the line right after
    it, which opens no quote of its own first: a line break inside one quoted passage
    ("“… control of Congress.\nI also know … will do well to follow.”"), as pages that set
    a long quote as lines without new marks write it. A blank line between them is a
    paragraph break: there a quote goes on only when the next paragraph opens with a mark.
    """
    if nxt[0] != line[1] + 1:
        return False
    marks = list(_DOUBLE_RE.finditer(text, *line))
    if not marks or _mark_kind(text, marks[-1]) != "open":
        return False
    first = _DOUBLE_RE.search(text, *nxt)
    return first is not None and _mark_kind(text, first) == "close"


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` so it neither starts nor ends with whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _opens_paragraph(text: str, para: tuple[int, int]) -> bool:
    """True when the paragraph's first visible character is an opening double mark."""
    s, e = _strip(text, *para)
    m = _DOUBLE_RE.match(text, s, e)
    if not m:
        return False
    tok = m.group()
    return tok in _OPENERS or (tok in _AMBIGUOUS and _direction(text, s, len(tok)) == "open")


def _opens_long_quote(text: str, open_at: int, para_start: int) -> bool:
    """True when a mark left open at the end of its paragraph can start a long quote.

    Long quotes open at the start of a paragraph, after a colon or comma ("he said: "…") or
    at the start of a sentence; a mark left open in the middle of a phrase ("arrived with
    "no notes") is a typo, and taking it for a long quote would swallow the next paragraph.
    """
    before = text[para_start:open_at].rstrip()
    return not before or before[-1] in ":,.!?;—–―" or before.endswith(("''", '"', "”"))


# Paragraphs a long quote may run over without marks before its closing one (see
# _closes_later): enough for a statement read out in full, few enough that a stray mark
# never swallows a whole article.
_MAX_UNMARKED_PARAGRAPHS = 6
_SENTENCE_END = (".", "!", "?", "…")


def _closes_later(text: str, paras: list[tuple[int, int]], n: int) -> int | None:
    """Index of the paragraph that closes the quote left open at the end of paragraph ``n``
    when the paragraphs between have lost their opening marks, else ``None``.

    Pages that copy a long quote from elsewhere (or translate it) often drop the marks that
    reopen each of its paragraphs and keep only the first opening mark and the last closing
    one ("“Cities carry the cost …\n\nWho pays …\n\n… a great deal,” said Ruiz."). That is one
    quote when every paragraph before the closing one ends a sentence, none of those holds a
    double mark, and the closing paragraph's first mark closes a quote; otherwise the open
    mark stays unbalanced, as before."""
    if not text[paras[n][0] : paras[n][1]].rstrip().endswith(_SENTENCE_END):
        return None
    for j in range(n + 1, min(len(paras), n + 2 + _MAX_UNMARKED_PARAGRAPHS)):
        first = _DOUBLE_RE.search(text, *paras[j])
        if first is not None:
            return j if _mark_kind(text, first) == "close" else None
        if not text[paras[j][0] : paras[j][1]].rstrip().endswith(_SENTENCE_END):
            return None
    return None


def find_double_quotes(text: str) -> list[QuotedSpan]:
    """All quotes delimited by double marks, in text order (see the module docstring).

    Curly marks may nest one level (“… what he calls “hell” than …”): the outer quote is the
    quote, and the inner one is kept only when the outer never closes (then the first mark
    was a typo).
    """
    spans: list[QuotedSpan] = []
    paras: list[tuple[int, int]] = []
    for para in _paragraphs(text):
        if paras and _runs_on(text, paras[-1], para):
            paras[-1] = (paras[-1][0], para[1])  # one paragraph set as two lines
        else:
            paras.append(para)
    group = 0
    carried = False  # the previous paragraph ended inside a quote that goes on here
    resume: tuple[int, int] | None = None  # (paragraph, group) a mark-less long quote closes in
    for n, (p_start, p_end) in enumerate(paras):
        first = _strip(text, p_start, p_end)[0]
        continuing = carried and _opens_paragraph(text, (p_start, p_end))
        open_at: int | None = None
        open_len = 0
        if resume is not None and resume[0] == n:
            # The paragraph that closes a long quote whose opening marks were dropped: the
            # quote is open from its first character (no mark of its own).
            open_at, group, resume = first, resume[1], None
        waiting: tuple[int, int, int] | None = None  # an outer quote while an inner one is open
        inner: list[QuotedSpan] = []  # inner quotes of the current outer quote
        for m in _DOUBLE_RE.finditer(text, p_start, p_end):
            tok, at = m.group(), m.start()
            if tok in _OPENERS:
                kind = "open"
                # a curly opening mark typed where a closing one belongs ("…end.“ Next")
                if open_at is not None and tok == "“" and _direction(text, at, 1) == "close":
                    kind = "close"
            elif tok in _CLOSERS:
                kind = "close"
                # a closing mark typed as the opening one ("”What is …”") with nothing open
                if open_at is None and tok == "”" and _direction(text, at, 1) == "open":
                    kind = "open"
            else:
                guess = _direction(text, at, len(tok))
                # the context says nothing: alternate
                kind = guess if guess is not None else "close" if open_at is not None else "open"
            if kind == "open":
                if (
                    open_at is not None
                    and waiting is None
                    and tok == "“"
                    and text[open_at] == "“"
                    and text[at - 1].isspace()
                ):
                    waiting = (open_at, open_len, group)  # a quote inside the open one
                else:
                    # A second opening while one is open means the first was never closed:
                    # drop it (and keep what it seemed to hold) and start again here.
                    spans.extend(inner)
                    inner, waiting = [], None
                if not (continuing and at == first):
                    group += 1
                open_at, open_len = at, len(tok)
            elif open_at is not None:
                s, e = _strip(text, open_at + open_len, at)
                span = QuotedSpan(open_at, s, e, at + len(tok), group) if s < e else None
                if waiting is not None:  # the inner quote closes: back inside the outer one
                    if span:
                        inner.append(span)
                    open_at, open_len, group = waiting
                    waiting = None
                else:
                    if span:
                        spans.append(span)
                    inner = []  # the outer quote closed around its inner quotes
                    open_at = None
            # a closing mark with nothing open is stray: ignore it
        last = inner[-1] if inner else None
        if (
            last is not None
            and open_at is not None
            and waiting is None
            and open_at == first
            and last.close_end == _strip(text, p_start, p_end)[1]
            and text[last.start : last.end].endswith(_SENTENCE_END)
        ):
            # A paragraph that opens a quote and ends on a closing mark after a sentence,
            # with a stray opening mark between ("“As a child … you start engaging. “This is
            # what we should do.”"): the closing mark closes the paragraph's quote, and the
            # stray mark opened nothing of its own. (Were it a real inner quote, the outer
            # quote's own closing mark is what is missing, and the outer quote is the
            # paragraph all the same.)
            close_at = last.close_end - 1
            while close_at > last.end and text[close_at - 1] in "'":
                close_at -= 1  # a two-character typewriter mark ('')
            s, e = _strip(text, open_at + open_len, close_at)
            spans.append(QuotedSpan(open_at, s, e, last.close_end, group))
            inner, open_at = [], None
        spans.extend(inner)  # inner quotes of an outer quote that never closed
        carried = False
        if open_at is not None and waiting is None:
            # Still open at the end of the paragraph: a continued quote when the next
            # paragraph re-opens with a mark, otherwise an unbalanced mark to ignore.
            nxt = paras[n + 1] if n + 1 < len(paras) else None
            if (
                nxt is not None
                and _opens_paragraph(text, nxt)
                and _opens_long_quote(text, open_at, first)
            ):
                s, e = _strip(text, open_at + open_len, p_end)
                if s < e:
                    spans.append(QuotedSpan(open_at, s, e, None, group))
                carried = True
            elif (
                nxt is not None
                and _opens_long_quote(text, open_at, first)
                and (close_in := _closes_later(text, paras, n)) is not None
            ):
                # One chunk per paragraph up to the one that closes it, as for a quote whose
                # paragraphs reopen with marks: they share ``group``.
                s, e = _strip(text, open_at + open_len, p_end)
                if s < e:
                    spans.append(QuotedSpan(open_at, s, e, None, group))
                for k in range(n + 1, close_in):
                    s, e = _strip(text, *paras[k])
                    if s < e:
                        spans.append(QuotedSpan(s, s, e, None, group))
                resume = (close_in, group)
            elif (nxt is None and _opens_long_quote(text, open_at, first)) or (
                open_at == first and text[p_start:p_end].rstrip().endswith(_SENTENCE_END)
            ):
                # the text ends inside the quote (an excerpt cut off mid-quote), or a
                # paragraph that opens with a mark and ends a sentence lost its closing mark:
                # the quote runs to the end of the text or paragraph
                s, e = _strip(text, open_at + open_len, p_end)
                if s < e:
                    spans.append(QuotedSpan(open_at, s, e, None, group))
    spans.sort(key=lambda q: q.start)
    return spans


def _single_opens(text: str, at: int) -> bool:
    before = text[at - 1] if at > 0 else "\n"
    after = text[at + 1] if at + 1 < len(text) else "\n"
    return (before in _BEFORE_OPEN or before in '\n"“') and (after.isalnum() or after in "…$")


def _single_closes(text: str, at: int) -> bool:
    before = text[at - 1] if at > 0 else "\n"
    after = text[at + 1] if at + 1 < len(text) else "\n"
    if before.isspace() or (after.isalnum()):
        return False  # ' opening a word, or an apostrophe inside one (don't, Hamas's)
    return after in _AFTER_CLOSE or after in '\n"”'


def _looks_possessive(text: str, at: int) -> bool:
    """True for the apostrophe of a plural possessive followed by its noun ("Hamas' hands")."""
    before = text[at - 1] if at > 0 else ""
    rest = text[at + 1 : at + 3]
    return before.lower() == "s" and len(rest) == 2 and rest[0] == " " and rest[1].isalpha()


def find_single_quotes(text: str, start: int = 0, end: int | None = None) -> list[QuotedSpan]:
    """Quotes delimited by single marks inside ``text[start:end]``, one paragraph at a time.

    An opening single mark must stand before a word and a closing one after it, within the
    same paragraph; plural-possessive apostrophes are skipped when another closing candidate
    follows.
    """
    end = len(text) if end is None else end
    spans: list[QuotedSpan] = []
    for p_start, p_end in _paragraphs(text[:end]):
        p_start = max(p_start, start)
        if p_start >= p_end:
            continue
        marks = [m.start() for m in _SINGLE_RE.finditer(text, p_start, p_end)]
        i = 0
        while i < len(marks):
            at = marks[i]
            ch = text[at]
            if ch in _SINGLE_CLOSERS or ch not in _SINGLE_OPENERS and not _single_opens(text, at):
                i += 1
                continue
            if ch in _SINGLE_AMBIGUOUS and not _single_opens(text, at):
                i += 1
                continue
            closers = [
                j
                for j in range(i + 1, len(marks))
                if text[marks[j]] not in _SINGLE_OPENERS and _single_closes(text, marks[j])
            ]
            plain = [j for j in closers if not _looks_possessive(text, marks[j])]
            chosen = plain[0] if plain else (closers[0] if closers else None)
            if chosen is None:
                i += 1
                continue
            close = marks[chosen]
            s, e = _strip(text, at + 1, close)
            if s < e:
                spans.append(QuotedSpan(at, s, e, close + 1, -1, single=True))
            i = chosen + 1
    return spans


def find_quoted_spans(text: str) -> list[QuotedSpan]:
    """Top-level quotes of ``text`` in text order.

    Double-mark quotes come first; single-mark quotes are added only where they do not
    overlap a double-mark quote (a single-quoted passage inside a double-quoted one is a
    nested quote and stays part of the outer quote).
    """
    doubles = find_double_quotes(text)
    taken = [(q.outer_start, q.outer_end) for q in doubles]
    next_group = max((q.group for q in doubles), default=0) + 1
    out = list(doubles)
    for q in find_single_quotes(text):
        if any(q.open_at < e and s < q.close_end for s, e in taken):  # type: ignore[operator]
            continue
        out.append(QuotedSpan(q.open_at, q.start, q.end, q.close_end, next_group, single=True))
        next_group += 1
    out.sort(key=lambda q: q.start)
    return out
