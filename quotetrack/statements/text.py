"""Word-level views of quote text used to compare wordings of one statement.

Outlets print the same words with different typography: curly or straight marks, NYT-style
``''doubled''`` quotes, ellipses for dropped words, square brackets for editorial insertions.
Everything here maps a quote's text to comparable word tokens so those differences never count
as a change of wording, and keeps enough information (gaps at ellipses, quoted fragments of a
mixed quote) to tell a trimmed quote from an altered one.
"""

from __future__ import annotations

import functools
import html
import re
import sys
import unicodedata
from dataclasses import dataclass
from typing import Literal, TypedDict

from rapidfuzz.distance import Indel

# Typographic variants of the same mark; mapping them first keeps the word regex simple.
_MARKS = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2033": '"',
        "\u2026": " ... ",
        "\u2013": " - ",
        "\u2014": " - ",
    }
)
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_ELLIPSIS = re.compile(r"\.\s*\.\s*\.|\[\s*\.\.\.\s*\]")
_BRACKETED = re.compile(r"\[[^\]]*\]")
_DOUBLED_SINGLE = re.compile(r"''")
_QUOTED = re.compile(r'"([^"]*)"')
# Headlines quote with single marks ('crazy system'). An opening mark follows no letter and
# a closing one precedes none, so the apostrophes of "it's" or "Clinton's" never pair up.
_SINGLE_QUOTED = re.compile(r"(?<![^\W_])'([^\W_](?:[^']|'(?=[^\W_]))*?)'(?![^\W_])")
_GAP = "\x00gap"

# Function words carry no topic: paraphrase evidence only counts content words.
STOPWORDS: frozenset[str] = frozenset(
    """
a about above after again against all also am an and any are aren't as at be because been
before being below between both but by can can't cannot could couldn't did didn't do does
doesn't doing don't down during each even ever every few for from further get gets got had
hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself him
himself his how how's i i'd i'll i'm i've if in into is isn't it it's its itself just let's
like make made many may me might more most much must mustn't my myself no nor not now of off
on once one only or other ought our ours ourselves out over own really said same say says
shall shan't she she'd she'll she's should shouldn't so some such than that that's the their
theirs them themselves then there there's these they they'd they'll they're they've this
those through to too under until up upon us very want was wasn't way we we'd we'll we're
we've well were weren't what what's when when's where where's whether which while who who's
whom why why's will with won't would wouldn't yes yet you you'd you'll you're you've your
yours yourself yourselves going think know go see thing things lot
""".split()
)


def normalize(text: str) -> str:
    """Quote text with typography unified: HTML entities decoded, NFKC, straight marks,
    ``...`` for any ellipsis.

    In: raw quote text. Out: the same text, marks and dashes mapped to ASCII forms.
    """
    if "&" in text:  # raw HTML pages carry marks as entities (&#8220; &rdquo;)
        text = html.unescape(text)
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).translate(_MARKS)
    elif "`" in text:  # NFKC leaves ASCII as it is; of the marks only the backtick is ASCII
        text = text.replace("`", "'")
    if "o." in text:
        text = _NUMBER_ABBREV.sub("number ", text)
    if "%" in text:
        text = text.replace(" %", "%").replace("%", " percent")
    if "cent" in text:
        text = _PER_CENT.sub("percent", text)
    return _DOUBLED_SINGLE.sub('"', text)


# Outlets transcribing one speech write its words in their house style: "No. 1" or "number
# one", "100%", "100 percent" or "100 per cent", "we're" or "we are", "gonna" or "going to",
# "apologising" or "apologizing". Wordings are compared in one spelling of each, so a house
# style never counts as a change of wording (see :func:`spelled`).
_NUMBER_ABBREV = re.compile(r"\b[Nn]o\.\s*(?=\d)")
_PER_CENT = re.compile(r"\b[Pp]er\s+cent\b")
_CONTRACTED = {
    "won't": ("will", "not"),
    "can't": ("can", "not"),
    "cannot": ("can", "not"),
    "shan't": ("shall", "not"),
    "let's": ("let", "us"),
    "gonna": ("going", "to"),
    "wanna": ("want", "to"),
    "gotta": ("got", "to"),
}
# "'s" is "is" only after these (elsewhere it is a possessive, or "has").
_IS_BEFORE = frozenset("it that he she there here what who where how".split())
_SUFFIXES = {"'re": "are", "'m": "am", "'ve": "have", "'ll": "will"}
_NUMBERS = dict(
    zip("one two three four five six seven eight nine ten".split(), map(str, range(1, 11)))
)
_BRITISH = re.compile(r"(?<=[a-z]{3})is(e|es|ed|ing|ation|ations)$")
_OUR = re.compile(r"(?<=[a-z]{3})our(s|ed|ing|able)?$")


# Spelling of each token seen (see :func:`spelled`).
_SPELLED: dict[str, tuple[str, ...]] = {}


def spelled(token: str) -> tuple[str, ...]:
    """One spelling of a lower-cased word token: contractions spelled out ("we're" → "we
    are", "don't" → "do not", "gonna" → "going to"), number words up to ten as digits, and
    British -ise/-our spellings as -ize/-or. The mapping only needs to be the same on both
    sides of a comparison, so a rare wrong expansion costs nothing. In: a token from the
    word pattern. Out: one or more tokens."""
    fixed = _CONTRACTED.get(token)
    if fixed is not None:
        return fixed
    if token.endswith("n't") and len(token) > 3:
        return (token[:-3], "not")
    if "'" in token:
        base, _, tail = token.rpartition("'")
        suffix = "'" + tail
        if suffix in _SUFFIXES and base:
            return (base, _SUFFIXES[suffix])
        if suffix == "'s" and base in _IS_BEFORE:
            return (base, "is")
        return (token,)
    number = _NUMBERS.get(token)
    if number is not None:
        return (number,)
    return (_OUR.sub(r"or\1", _BRITISH.sub(r"iz\1", token)),)


@functools.lru_cache(maxsize=8192)  # a statement's root is compared with each variant
def words_with_gaps(text: str) -> tuple[tuple[str, ...], frozenset[int]]:
    """Lower-cased word tokens of a quote and the token positions that follow an ellipsis.

    Square-bracketed editorial insertions (``[Israel]``) are dropped: they are the outlet's
    words, not the speaker's. In: quote text. Out: (tokens, positions ``i`` such that an
    ellipsis stood right before ``tokens[i]``; ``len(tokens)`` marks a trailing ellipsis).
    """
    text = normalize(text)
    # Most quotes hold neither (tokenising runs for every quote of a regroup): test first.
    if text.count(".") >= 3:
        text = _ELLIPSIS.sub(f" {_GAP} ", text)
    if "[" in text:
        text = _BRACKETED.sub(" ", text)
    tokens: list[str] = []
    gaps: set[int] = set()
    for i, piece in enumerate(text.split(_GAP)):
        if i:
            gaps.add(len(tokens))
        tokens.extend(_spelled_all(_WORD.findall(piece.lower())))
    return tuple(tokens), frozenset(gaps)


def _spelled_all(raw: list[str]) -> list[str]:
    """:func:`spelled` over a list of tokens, memoised per token: every token of every quote
    goes through it, over a far smaller vocabulary."""
    get = _SPELLED.get
    return [s for t in raw for s in (get(t) or _spell_new(t))]


def _spell_new(token: str) -> tuple[str, ...]:
    if len(_SPELLED) > 2_000_000:  # bound the memo on endless vocabularies
        _SPELLED.clear()
    out = _SPELLED[token] = spelled(token)
    return out


def words(text: str) -> tuple[str, ...]:
    """Lower-cased word tokens of ``text`` (see :func:`words_with_gaps`)."""
    return words_with_gaps(text)[0]


def stem(token: str) -> str:
    """A crude stem: the first five letters of long words, so ``protecting``/``protection``
    and ``civilian``/``civilians`` meet. In: a lower-cased token. Out: its stem."""
    return token[:5] if len(token) > 5 else token.rstrip("s") or token


# Content stem of each token seen ("" for function words and numbers): this runs for every
# token of every quote, a million quotes in a regroup, over a vocabulary far smaller.
_STEM_OF: dict[str, str] = {}


def content_stems(tokens: tuple[str, ...]) -> frozenset[str]:
    """Stems of the non-function words among ``tokens``: the topic-bearing part of a wording."""
    get = _STEM_OF.get
    out = []
    for t in tokens:
        s = get(t)
        if s is None:
            if len(_STEM_OF) > 2_000_000:  # bound the memo on endless vocabularies
                _STEM_OF.clear()
            s = _STEM_OF[t] = "" if t in STOPWORDS or t.isdigit() else stem(t)
        if s:
            out.append(s)
    return frozenset(out)


# Cues that report speech without framing it. Chosen by document frequency: the cue words
# (first non-function word of the cue) found in at least 15% of the documents of the gold
# set's news texts, with their other inflections; "say"/"said"/"says" are function words above.
NEUTRAL_CUES: frozenset[str] = frozenset(
    stem(w)
    for w in """
call called calling calls tell told telling tells according show shows showed shown showing
saying add added adding adds suggest suggested suggests note noted notes noting ask asked
asking asks report reported reports announce announced announces announcing write wrote
writes writing written
""".split()
)

# Heads that name no message of their own ("stressed the need to …", "said it was important
# to …"): the message is in their complement, so two quotes sharing one say nothing about
# sharing a message. In the gold set's texts no common-noun head reaches 10% of documents
# (head frequencies follow the topics), so frequency cannot pick these: they are the light
# nouns and evaluative adjectives that take a complement, plus time and quantity words.
GENERIC_HEADS: frozenset[str] = frozenset(
    stem(w)
    for w in """
need needs necessity necessary importance important way ways thing things fact issue issues
matter question point idea time times kind sort part number lot case situation possibility
possible ability reason problem something anything everything nothing someone everyone
clear sure true good bad great right wrong hard essential critical crucial key
new first last next still already never always again today now people
""".split()
)


def frame(text: str, cue: str | None) -> tuple[str, str] | None:
    """The frame of a reported or mixed quote: the stem of its speech verb and the stem of
    the first content word of what it reports ("stressed the imperative of …" → ``("stres",
    "imper")``). A quote whose text opens with its own cue verb (a mixed quote that quotes
    the verb) skips it.

    None when the cue is missing or neutral ("said", "told", "according to"), or the head is
    a name (capitalised) or generic (:data:`GENERIC_HEADS`). In: quote text and its cue as
    stored. Out: ``(cue stem, head stem)`` or None.
    """
    verb = next((t for t in words(cue or "") if t not in STOPWORDS), None)
    if verb is None:
        return None
    verb = stem(verb)
    if verb in NEUTRAL_CUES:
        return None
    tokens = _WORD.findall(_BRACKETED.sub(" ", normalize(text)))
    if tokens and stem(tokens[0].lower()) == verb:
        tokens = tokens[1:]
    for t in tokens:
        low = t.lower()
        if low in STOPWORDS or low.isdigit():
            continue
        if t[0].isupper():
            return None
        head = stem(low)
        return None if head in GENERIC_HEADS else (verb, head)
    return None


def quoted_fragments(text: str) -> list[str]:
    """The parts of a (mixed) quote that stand inside quotation marks, in order.

    In: quote text, marks included. Out: the text inside each pair of marks; an unpaired
    trailing mark yields the text after it. Single marks count only in a text without double
    ones (a headline's 'crazy system'; inside double marks they are nested quotes).
    """
    text = normalize(text)
    if '"' not in text:
        return [m.group(1) for m in _SINGLE_QUOTED.finditer(text) if _WORD.search(m.group(1))]
    frags = [m.group(1) for m in _QUOTED.finditer(text) if m.group(1).strip()]
    if text.count('"') % 2 == 1:
        frags.append(text[text.rfind('"') + 1 :])
    return [f for f in frags if _WORD.search(f)]


# A sentence ends at . ! or ? (closing marks may follow) before the next one opens with a
# capital or a digit; "Mr. Smith" and "No. 1" break too, which only makes a piece shorter.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]*[A-Z0-9])|\n+")


_MAY_BREAK = re.compile(r"[.!?\u2026\n]")


def sentences(text: str) -> list[str]:
    """The sentences of ``text`` (typography unified first), empty ones dropped."""
    return [s for s in _SENTENCE_BREAK.split(normalize(text)) if _WORD.search(s)]


def head_length(text: str, quoted: bool) -> int:
    """How many of a wording's quoted words (see :func:`words`) lie in its first sentence,
    when the quoted words run over two or more sentences of three words or more (shorter
    ones, "Yes.", stay with the sentence after them); 0 for a wording of one sentence.
    In: quote text and whether all of it is quoted (a direct quote; otherwise only its
    quoted fragments count). Out: a token count."""
    if not _MAY_BREAK.search(text):
        return 0
    parts = [text] if quoted else quoted_fragments(text)
    # Uncached: the cache of words() is kept for whole wordings (roots met again and again).
    tokens = words_with_gaps.__wrapped__
    lengths = [len(tokens(s)[0]) for part in parts for s in sentences(part)]
    full = [i for i, n in enumerate(lengths) if n >= 3]
    if len(full) < 2:
        return 0
    return sum(lengths[: full[0] + 1])


def cut_length(text: str, quoted: bool) -> int:
    """How many of a wording's quoted words (see :func:`words`) stand before an ellipsis that
    has quoted words after it (``"A … B"``: the outlet cut words out and joined two
    passages); 0 when there is none. In: quote text and whether all of it is quoted (a
    direct quote; otherwise only its quoted fragments count). Out: a token count."""
    if "\u2026" not in text and ". ." not in text and "..." not in text:
        return 0  # no ellipsis (spelled "…", "...", ". . ." or "[...]")
    parts = [text] if quoted else quoted_fragments(text)
    before = 0
    for part in parts:
        tokens, gaps = words_with_gaps(part)
        inner = [g for g in gaps if 0 < g < len(tokens)]
        if inner:
            return before + min(inner)
        before += len(tokens)
    return 0


def unquoted_words(text: str) -> tuple[str, ...]:
    """Tokens of a mixed quote outside its quotation marks (the reporter's own words)."""
    return words(_QUOTED.sub(" ", normalize(text)))


def lcs_length(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    """Length of the longest common subsequence of two token sequences (words in order)."""
    if not a or not b:
        return 0
    return (len(a) + len(b) - Indel.distance(a, b)) // 2


def longest_common_run(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    """Length of the longest contiguous run of tokens shared by ``a`` and ``b``."""
    best = 0
    for op in Indel.opcodes(a, b):
        if op.tag == "equal":
            best = max(best, op.src_end - op.src_start)
    return best


def _shared_runs(a: tuple[str, ...], b: tuple[str, ...], min_run: int) -> list:
    """The alignment's runs of ``min_run`` or more words of ``a`` found in order in ``b``
    (rapidfuzz ``equal`` opcodes, in order): what the three measures below read."""
    if not a or not b:
        return []
    return [
        op
        for op in Indel.opcodes(a, b)
        if op.tag == "equal" and op.src_end - op.src_start >= min_run
    ]


def tiled_length(a: tuple[str, ...], b: tuple[str, ...], min_run: int = 2) -> int:
    """Words of ``a`` and ``b`` in common, in order, counting only runs of ``min_run`` or more
    contiguous words. A long paragraph holds almost any short line's words as a scattered
    subsequence ("I ... feel ... like ... a ... woman"); a quoted variant keeps its words in
    runs, so only runs count as verbatim evidence."""
    return sum(op.src_end - op.src_start for op in _shared_runs(a, b, min_run))


_SINGULAR: dict[str, str] = {}


def singular(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """Tokens with a plural ``-s`` dropped ("prayers" -> "prayer"), leaving short words and
    the endings a plural -s does not make ("-ss", "-us", "-is": "across", "focus", "this")
    as they are. In: lower-cased tokens. Out: the same number of tokens."""
    get = _SINGULAR.get
    out = []
    for t in tokens:
        s = get(t)
        if s is None:
            if len(_SINGULAR) > 1_000_000:  # bound the memo on endless vocabularies
                _SINGULAR.clear()
            s = _SINGULAR[t] = (
                t[:-1]
                if len(t) > 3 and t.endswith("s") and not t.endswith(("ss", "us", "is"))
                else t
            )
        out.append(s)
    return tuple(out)


def matched_stretch(a: tuple[str, ...], b: tuple[str, ...], min_run: int = 2) -> tuple[int, int]:
    """Where in ``a`` the words it shares with ``b`` lie: the first and past-the-last token
    of ``a``'s runs of ``min_run`` or more words found in order in ``b`` (those
    :func:`tiled_length` counts); ``(0, 0)`` when there are none."""
    runs = _shared_runs(a, b, min_run)
    if not runs:
        return 0, 0
    return runs[0].src_start, runs[-1].src_end


def tiled_runs(a: tuple[str, ...], b: tuple[str, ...], min_run: int = 2) -> tuple[int, int]:
    """As :func:`tiled_length` (first of the pair), and how many words the counted runs
    stretch over, from the first run's start to the last run's end, on the side where that
    stretch is longer (0 when there is no run). In: two token sequences. Out: (words in
    runs, stretch)."""
    runs = _shared_runs(a, b, min_run)
    if not runs:
        return 0, 0
    first, last = runs[0], runs[-1]
    total = sum(op.src_end - op.src_start for op in runs)
    return total, max(last.src_end - first.src_start, last.dest_end - first.dest_start)


DiffTag = Literal["equal", "delete", "insert", "replace"]
# rapidfuzz's opcodes carry these four tags, typed as plain strings: read through this table
# they keep their literal type (and a tag it did not know would fail here, not in a report).
_DIFF_TAGS: dict[str, DiffTag] = {
    "equal": "equal",
    "delete": "delete",
    "insert": "insert",
    "replace": "replace",
}


class DiffOp(TypedDict):
    """One step of a word-level diff: ``equal``, ``delete`` (only in the root), ``insert``
    (only in the variant) or ``replace``; ``root``/``variant`` hold the words as printed."""

    op: DiffTag
    root: str
    variant: str


def _display_words(text: str) -> tuple[list[str], list[str]]:
    """Whitespace words as printed and their comparison keys (lower-cased, no punctuation)."""
    shown = text.split()
    keys = []
    for w in shown:
        norm = normalize(w)
        k = "".join(m.group() for m in _WORD.finditer(norm.lower()))
        keys.append(sys.intern(k or norm))
    return shown, keys


def diff_words(root: str, variant: str) -> list[DiffOp]:
    """Word-level diff of a variant against the root wording, for reports.

    Case, punctuation and quotation-mark style are ignored when words are compared; the
    words are returned as printed. Adjacent deletions and insertions become one ``replace``.
    In: root text, variant text. Out: ops in reading order covering both texts completely.
    """
    rs, rk = _display_words(root)
    vs, vk = _display_words(variant)
    ops: list[DiffOp] = []
    for op in Indel.opcodes(rk, vk):
        r = " ".join(rs[op.src_start : op.src_end])
        v = " ".join(vs[op.dest_start : op.dest_end])
        tag = _DIFF_TAGS[op.tag]
        if (
            ops
            and tag in ("delete", "insert")
            and ops[-1]["op"] in ("delete", "insert", "replace")
            and ops[-1]["op"] != tag
        ):
            prev = ops.pop()
            r = " ".join(x for x in (prev["root"], r) if x)
            v = " ".join(x for x in (prev["variant"], v) if x)
            tag = "replace"
        ops.append(DiffOp(op=tag, root=r, variant=v))
    return ops


@dataclass(frozen=True)
class Change:
    """Words of the root replaced, dropped or added inside the variant's quotation marks."""

    root: str
    variant: str

    def as_dict(self) -> dict[str, str]:
        return {"root": self.root, "variant": self.variant}


def inner_changes(
    root_tokens: tuple[str, ...], tokens: tuple[str, ...], gaps: frozenset[int]
) -> tuple[list[Change], int]:
    """Changes of a quoted wording against the root, ignoring trimming.

    Root words dropped before the first or after the last matched word are trimming, and so
    are root words dropped where the variant shows an ellipsis; everything else the variant
    does differently (other words, added words, silently dropped words) is a change.
    In: root tokens, variant tokens, ellipsis positions of the variant. Out: (changes, number
    of variant tokens matched in order to the root).
    """
    opcodes = list(Indel.opcodes(root_tokens, tokens))
    equal = [i for i, op in enumerate(opcodes) if op.tag == "equal"]
    matched = sum(op.dest_end - op.dest_start for op in opcodes if op.tag == "equal")
    if not equal:
        return ([Change(" ".join(root_tokens), " ".join(tokens))] if tokens else []), 0
    first, last = equal[0], equal[-1]
    changes: list[Change] = []
    pending_root: list[str] = []
    pending_var: list[str] = []

    def flush() -> None:
        if pending_root or pending_var:
            changes.append(Change(" ".join(pending_root), " ".join(pending_var)))
            pending_root.clear()
            pending_var.clear()

    # Variant words outside the aligned region replace the nearest root words there (a
    # changed last word is an alteration, not trimming plus an addition).
    lead_ins = sum(op.dest_end - op.dest_start for op in opcodes[:first] if op.tag == "insert")
    tail_ins = sum(op.dest_end - op.dest_start for op in opcodes[last + 1 :] if op.tag == "insert")
    lead_start = opcodes[first].src_start
    tail_end = opcodes[last].src_end
    for i, op in enumerate(opcodes):
        if op.tag == "equal":
            flush()
            continue
        if op.tag == "delete":
            if i < first:
                lo = max(op.src_start, lead_start - lead_ins)
                pending_root.extend(root_tokens[lo : op.src_end] if lo < op.src_end else ())
            elif i > last:
                hi = min(op.src_end, tail_end + tail_ins)
                pending_root.extend(root_tokens[op.src_start : hi] if op.src_start < hi else ())
            elif op.dest_start not in gaps:
                # Root words absent inside the quote with no ellipsis: silently dropped.
                pending_root.extend(root_tokens[op.src_start : op.src_end])
        else:  # insert: variant words the root does not have
            pending_var.extend(tokens[op.dest_start : op.dest_end])
    flush()
    return changes, matched
