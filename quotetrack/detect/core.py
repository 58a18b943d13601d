"""Finding direct, indirect and mixed quotes in a parsed article.

Two sources of evidence meet here:

* quotation marks, paired on the raw text (:mod:`.marks`): each quoted span is direct speech
  when an attribution sits right next to it (``"…," Blinken said`` / ``Kirby told reporters,
  "…"`` / ``"…" — Commissioner Starks`` / ``From Chairwoman Rosenworcel: "…"``), or when it
  fills whole sentences of its own next to another quote or a named speaker;
* speech cues found in the dependency parse (:func:`find_cues`): a verb of saying with a
  subject and a complement clause, ``according to X``, participles (``…, saying …``) and
  passives with an agent. A complement clause that contains a quoted fragment is a mixed
  quote; one without marks is indirect (reported) speech.

Quoted spans that neither sit next to a cue nor fill a sentence are scare quotes, titles or
slogans and are dropped. Nothing here reads entity labels: the pipeline runs without NER.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import cast

from spacy.tokens import Doc, Span, Token

from ..lexicon import (
    INTENT_VERBS,
    POSITION_VERBS,
    QUOTE_ONLY_VERBS,
    SPEECH_ACT_VERBS,
    SPEECH_VERBS,
    cue_lemma,
)
from ..read.structure import (
    BulletList,
    embedded_posts,
    furniture_spans,
    introduced_lists,
    over_entities,
)
from ..types import SOURCE_TEXT_KEY, Quote, doc_text
from .cues import LABEL_WORDS, Cue, find_cues, is_infinitive, is_quote_mark, word_count
from .marks import QuotedSpan, find_quoted_spans
from .mention import mention_chars
from .settings import DEFAULT_SETTINGS, DetectSettings

# Gap words allowed between a closing mark and its cue ("," he also said).
_GAP_POS = frozenset(
    {
        "PUNCT",
        "ADV",
        "PRON",
        "PROPN",
        "NOUN",
        "DET",
        "ADJ",
        "ADP",
        "NUM",
        "CCONJ",
        "PART",
        "SPACE",
        "X",
        "SYM",
    }
)


# ---------------------------------------------------------------------------
# quotes from the marks
# ---------------------------------------------------------------------------


class _Index:
    """Fast lookup from character offsets to tokens and sentences of one doc."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc_text(doc)  # Doc.text joins every token on each access: read it once
        self.starts = [t.idx for t in doc]
        self.sents: list[Span] = list(doc.sents)
        self.sent_starts = [s.start_char for s in self.sents]

    def token_at(self, char: int) -> int:
        """Index of the token that contains or follows ``char``."""
        i = bisect_right(self.starts, char) - 1
        return max(i, 0)

    def tokens_between(self, start: int, end: int) -> list[Token]:
        """Tokens that start within ``[start, end)``."""
        a = bisect_left(self.starts, start)
        b = bisect_left(self.starts, end)
        return [self.doc[i] for i in range(a, b)]

    def sent_of(self, char: int) -> Span:
        return self.sents[max(bisect_right(self.sent_starts, char) - 1, 0)]


def _cue_after(
    idx: _Index,
    q: QuotedSpan,
    cue_at: dict[int, Cue],
    limit: int = DEFAULT_SETTINGS.cue_after_tokens,
) -> Cue | None:
    """The cue right after a closing mark: ``"…," Blinken said`` / ``"…," said Blinken``.

    Between the mark and the cue there may only be punctuation, adverbs and the speaker
    phrase; anything else ("… "robust steps" in response, and he urged …") means the quote
    is a fragment of a longer clause.
    """
    doc = idx.doc
    if q.close_end is None:
        return None
    i = idx.token_at(q.close_end)
    if i < len(doc) and doc[i].idx < q.close_end:
        i += 1
    # The quote ends its clause with punctuation: inside the marks ("…,") or after them.
    after = idx.text[q.close_end : q.close_end + 2].strip()
    if (
        idx.text[q.end - 1] == "."
        and after[:1].isupper()
        and not _bare_attribution_after(doc, i, cue_at)
    ):
        return None  # ("… he's going to change." She adds, …): a new sentence begins
    if (
        idx.text[q.end - 1] not in ",.!?…-—–;:)'’"
        and not after.startswith((",", "—", "–", "-"))
        and _clause_lead(idx, q) is not None
    ):
        # no comma closes the quote: only a quote that opens its sentence can still be
        # the object of the attribution after it ("“The piers are safe” the mayor said")
        return None
    gap: list[Token] = []
    aside_end = -1  # ("…," the father-of-four — who has been … — declared): an aside
    stop = min(i + limit, len(doc))
    j = i - 1
    while j + 1 < stop:  # room for "Rep. Jim Jordan (R-Ohio), a member,"
        j += 1
        tok = doc[j]
        if j <= aside_end:
            continue
        relative = tok.text == "," and j + 1 < len(doc) and doc[j + 1].lower_ in ("who", "which")
        if (tok.text in ("—", "–", "--") or relative) and gap:
            # a dash-set aside or a comma-set relative clause ("the 78-year-old, who …, began")
            closing = next(
                (k for k in range(j + 1, min(j + 40, len(doc))) if doc[k].text == tok.text), None
            )
            if closing is not None and "\n" not in doc[j:closing].text:
                aside_end = closing
                stop = min(stop + closing - j, len(doc))
                continue
        if j in cue_at:
            cue = cue_at[j]
            if cue.mention is not None:
                ms, me = cue.mention
                gap = [t for t in gap if not (ms <= t.idx < me)]
            speaker_tree = {t.i for t in cue.speaker.subtree} if cue.speaker is not None else set()
            # a verb the tagger read as a noun ('"…," the paper notes') holds the speaker's
            # determiner and modifiers itself
            held = [
                t
                for t in cue.token.lefts
                if t.dep_ in ("det", "poss", "amod", "compound") and cue.speaker is not None
            ]
            speaker_tree.update(t.i for t in held)
            # the statement that passed on an owner's words ('"…," the authority's
            # statement said'): the verb's own subject phrase stands between
            for sub in cue.token.lefts:
                if sub.dep_ == "nsubj" and cue.speaker is not None and sub.i != cue.speaker.i:
                    speaker_tree.update(t.i for t in sub.subtree)
            if all(t.is_punct or t.pos_ == "ADV" or t.i in speaker_tree for t in gap):
                if held and cue.mention is not None and held[0].idx < cue.mention[0]:
                    cue.mention = (held[0].idx, cue.mention[1])  # "the paper", not "paper"
                if cue.speaker is None and not gap:
                    # ("…," replied the FIFA president): the parser missed the inverted
                    # subject; take the noun phrase right after the verb
                    sent_end = idx.sent_of(cue.start).end
                    cand = _speaker_near(doc, cue.token, j + 1, min(sent_end, j + 8))
                    if cand is not None and cand.pos_ in ("PROPN", "NOUN"):
                        cue.speaker, cue.mention = cand, mention_chars(cand)
                return cue
            return None
        if tok.is_space or tok.text == "\n":
            if "\n" in tok.text:
                return None
            continue
        if is_quote_mark(tok) or tok.text in (".", "!", "?", ";"):
            return None
        if tok.pos_ not in _GAP_POS:
            return None
        gap.append(tok)
    return None


def _bare_attribution_after(doc: Doc, i: int, cue_at: dict[int, Cue], limit: int = 8) -> bool:
    """Whether the sentence from token ``i`` is only a speaker and a verb of saying with
    nothing said of its own, ended by a full stop ('"… engaging." Ames said.'): it can
    only attribute the quote before it. A colon or comma after the verb introduces the
    next quote instead ('… change." She adds, "…"')."""
    cue = None
    for j in range(i, min(i + limit, len(doc))):
        tok = doc[j]
        if tok.text == ".":
            return (
                cue is not None
                and not cue.content
                and cue.speaker is not None
                and cue.verb in _PLAIN_SAYING
            )
        if tok.text in (",", ":", ";", "!", "?") or is_quote_mark(tok) or "\n" in tok.text:
            return False
        if cue is not None and tok.pos_ != "ADV":
            return False  # ("She thanked the crews."): the verb has words of its own
        if j in cue_at:
            cue = cue_at[j]
    return False


# Verbs that attribute the quote before them in a sentence of their own ('"…." Ames said.').
_PLAIN_SAYING = frozenset({"say", "add", "write", "tell", "explain", "continue", "insist"})


def _cue_before(
    idx: _Index,
    q: QuotedSpan,
    cue_at: dict[int, Cue],
    limit: int = DEFAULT_SETTINGS.cue_before_tokens,
) -> Cue | None:
    """The cue right before an opening mark: ``Kirby told reporters, "…"`` / ``He said: "…"``.

    Between the cue and the mark there may be its objects and adverbials but no other verb,
    and the mark must follow a comma or colon (or the cue itself), otherwise the quote is a
    fragment inside the reported clause (a mixed quote).
    """
    doc = idx.doc
    i = idx.token_at(q.open_at)
    if doc[i].idx >= q.open_at:
        i -= 1
    if i < 0:
        return None
    prev = doc[i]
    while prev.is_space and i > 0:
        i -= 1
        prev = doc[i]
    if prev.text not in (",", ":", "—", "–") and i not in cue_at:
        return None
    if prev.text not in (":",) and not _ends_clause(idx, q):
        return None  # ("reveals 'Demoralizing' Experience …"): a fragment of a longer object
    if i in cue_at and not any(
        t.pos_ in ("VERB", "AUX") for t in idx.tokens_between(q.start, q.end)
    ):
        return None  # ("what it called "a clear threat""): a quoted label, not a statement
    for j in range(i, max(i - limit, -1), -1):
        tok = doc[j]
        if j in cue_at:
            cue = cue_at[j]
            if tok.is_space or "\n" not in doc[j : i + 1].text or prev.text == ":":
                return cue
            return None
        if "\n" in tok.text and prev.text != ":":
            return None  # only a colon carries an introduction across a paragraph break
        if tok.text in (".", "!", "?", ";") or is_quote_mark(tok):
            return None
        if tok.pos_ in ("VERB", "AUX") and j != i and tok.is_lower:
            if tok.tag_ in ("VBG", "VBN") and any(
                a.i in cue_at and a.i < tok.i for a in tok.ancestors
            ):
                # ('described overcoming discrimination: "…"'): a participle in the cue's
                # own object, no verb of a clause of its own
                continue
            return None
    return None


def _clause_lead(idx: _Index, q: QuotedSpan) -> int | None:
    """Start of the words that open the quote's sentence before its opening mark, if any.

    Returns ``None`` when the mark opens the sentence (or follows only punctuation, a
    conjunction or an introductory phrase closed by a comma).
    """
    sent = idx.sent_of(q.start)
    before = [
        t
        for t in idx.tokens_between(sent.start_char, q.open_at)
        if not t.is_space and not is_quote_mark(t)
    ]
    # drop an introduction that a comma closes ("In Washington, "…"")
    for k in range(len(before) - 1, -1, -1):
        if before[k].text in (",", ":", "—", "–", "("):
            before = before[k + 1 :]
            break
    words = [t for t in before if not t.is_punct]
    if len(words) < 2:
        return None
    return words[0].idx


def _trailing_host(idx: _Index, q: QuotedSpan, cues: list[Cue]) -> Cue | None:
    """The cue whose reported clause the parser cut short just before quote ``q``.

    ("said the event brought back memories of her father, and of "all the people …"").
    The cue's last content span is stretched to the closing mark.
    """
    if q.close_end is None:
        return None
    sent = idx.sent_of(q.start)
    best = None
    for c in cues:
        if c.start >= q.open_at or c.start < sent.start_char or not c.content:
            continue
        best = c  # the last cue before the quote in its sentence
    if best is None or best.content[-1][1] > q.open_at:
        return None
    gap = idx.text[best.content[-1][1] : q.open_at]
    if any(ch in gap for ch in ".!?;\n") or len(gap.split()) > 4:
        return None
    s, _ = best.content[-1]
    best.content[-1] = (s, q.outer_end)
    return best


def _ends_clause(idx: _Index, q: QuotedSpan) -> bool:
    """True when only punctuation, a line break or a new cue follows the closing mark."""
    if q.close_end is None:
        return True
    doc = idx.doc
    for i in range(bisect_left(idx.starts, q.close_end), len(doc)):
        tok = doc[i]
        if "\n" in tok.text:
            return True
        if tok.is_punct or tok.is_space:
            if tok.text in (".", "!", "?", ";", "—", "–", "―"):
                return True
            continue
        # ("…," he said, "…") / ("…" and he added …): an attribution or a new clause
        return (
            tok.pos_ in ("PRON", "PROPN", "NOUN", "DET", "CCONJ", "VERB", "AUX", "ADV")
            and doc[tok.i - 1].is_punct
        )
    return True


def _dash_speaker(
    idx: _Index, q: QuotedSpan
) -> tuple[tuple[int, int], tuple[str, int, int]] | None:
    """A speaker after a dash: ``"…" — Commissioner Geoffrey Starks``.

    Returns the mention's character span and the dash as the cue (text, start, end). Works
    on characters because the tokenizer may glue the dash to the closing mark (``”―``).
    """
    text = idx.text
    if q.close_end is None:
        return None
    at = q.close_end
    while at < len(text) and text[at] in " \t\u00a0":
        at += 1
    if at >= len(text) or text[at] not in "—–―-":
        return None
    dash_end = at + 1
    while dash_end < len(text) and text[dash_end] in "—–―-":
        dash_end += 1
    names: list[Token] = []
    for tok in idx.tokens_between(dash_end, min(len(text), dash_end + 120)):
        if tok.pos_ == "PROPN" or (tok.is_title and not tok.is_punct):
            names.append(tok)
        elif names or not tok.is_space or "\n" in tok.text:
            break
    if not names:
        return None
    return (names[0].idx, names[-1].idx + len(names[-1].text)), (text[at:dash_end], at, dash_end)


def _name_before(lead: list[Token]) -> list[Token]:
    """The capitalised words that end ``lead`` (a name, perhaps with its title), without a
    function word opening them ("And", "The")."""
    names: list[Token] = []
    for t in reversed(lead):
        if t.pos_ == "PROPN" or t.is_title or (names and t.text[:1].isupper()):
            names.insert(0, t)
        else:
            break
    while names and names[0].is_stop:
        names.pop(0)
    return names


def _colon_speaker(
    idx: _Index, q: QuotedSpan
) -> tuple[tuple[int, int], tuple[str, int, int]] | None:
    """A verbless lead-in ending in a colon: ``And from Chairwoman Rosenworcel: "…"``."""
    found = _colon_lead_in(idx, q)
    if found is None:
        return None
    colon, lead = found
    # The tagger often takes a capitalised surname for a verb ("Blinken/VERB:"), so only
    # lower-case verbs count as a verb in the lead-in.
    if not lead or len(lead) > 8 or any(t.pos_ in ("VERB", "AUX") and t.is_lower for t in lead):
        return None
    names = _name_before(lead)
    if not names:
        # "Jeremy Lott, author:": the name, then what the speaker is
        comma = next((k for k, t in enumerate(lead) if t.text == ","), None)
        names = _name_before(lead[:comma]) if comma else []
    if not names:
        return None
    start = names[0]
    # take a title in front of the name ("Chairwoman Rosenworcel")
    return (start.idx, names[-1].idx + len(names[-1].text)), (":", colon.idx, colon.idx + 1)


def _colon_lead_in(idx: _Index, q: QuotedSpan) -> tuple[Token, list[Token]] | None:
    """The colon right before a quotation's opening mark (spaces and no line break between)
    and the words of its sentence before it, or None when no colon stands there."""
    doc = idx.doc
    i = idx.token_at(q.open_at)
    if doc[i].idx >= q.open_at:
        i -= 1
    while i >= 0 and doc[i].is_space and "\n" not in doc[i].text:
        i -= 1
    if i < 1 or doc[i].text != ":":
        return None
    sent_start = idx.sent_of(doc[i].idx).start
    return doc[i], [t for t in doc[sent_start:i] if not t.is_space]


def _fills_sentences(idx: _Index, q: QuotedSpan) -> bool:
    """True when the quote is made of whole sentences (nothing but punctuation around it)."""
    content = idx.tokens_between(q.start, q.end)
    if word_count(content) < 3:
        return False
    # The parser sometimes ends a sentence after an opening mark or before a closing one.
    first = idx.sent_of(q.start)
    last = idx.sent_of(max(q.end - 1, q.start))
    before = idx.tokens_between(first.start_char, q.open_at)
    after = idx.tokens_between(q.outer_end, last.end_char)
    if any(not t.is_punct and not t.is_space for t in before + after):
        return False
    return any(t.pos_ in ("VERB", "AUX") for t in content)


def _after_verbless_colon(idx: _Index, q: QuotedSpan) -> bool:
    """True for whole quoted sentences after a short lead-in with no verb that ends in a
    colon and names nobody ("To the elderly and the sick: "Your prayer is …""): the lead-in
    says to whom or on what, and the quote is the speaker's as any quote standing alone."""
    found = _colon_lead_in(idx, q)
    if found is None:
        return False
    lead = found[1]
    if not lead or len(lead) > 8 or any(t.pos_ in ("VERB", "AUX") for t in lead):
        return False
    content = idx.tokens_between(q.start, q.end)
    last = idx.sent_of(max(q.end - 1, q.start))
    after = idx.tokens_between(q.outer_end, last.end_char)
    return (
        word_count(content) >= 3
        and content[0].text[:1].isupper()
        and content[-1].text in (".", "!", "?")
        and any(t.pos_ in ("VERB", "AUX") for t in content)
        and all(t.is_punct or t.is_space for t in after)
    )


def _opens_with_colon(idx: _Index, cue: Cue) -> bool:
    """True when a colon follows the cue word ("adding:"): it introduces what comes next."""
    k = cue.token.i + 1
    return k < len(idx.doc) and idx.doc[k].text == ":"


def _is_according(cue: Cue) -> bool:
    """True for ``according to X`` (and ``per X``): a source, not a verb of saying."""
    return cue.verb is None and cue.text.lower().startswith("according")


def _passes_on(cue: Cue) -> bool:
    """True for a cue that relays someone else's words: an outlet's or a document's report
    ("The Journal reported that …", "according to …", "the readout says …")."""
    return cue.relay or _is_according(cue) or cue.verb == "report"


def _chain_reports(quotes: list[Quote], cues: list[Cue], text: str) -> list[Quote]:
    """Keep the innermost report of an attribution chain.

    ("The Journal reported that Calhoun said the cost was high", "the readout says, adding
    that the secretary urged …"): the words are the inner speaker's, and the outer source
    only passed them on. The outer record goes; the inner one keeps the outer source as
    ``via``. A belief or plan inside a report ("Clinton said she thinks …") is no inner
    speech (see :func:`_drop_nested`), so only verbs of saying with a speaker of their own
    count as inner reports. An inner report that is only part of what the outer source
    relays ("According to the coastguard, the crew saw the ferry drift, and they ordered
    the passengers to …") leaves both records: the outer one has content of its own.
    """
    strong = {(c.start, c.end) for c in cues if c.strong and c.verb is not None}
    relays = {(c.start, c.end) for c in cues if _passes_on(c)}
    drop: set[int] = set()
    for k, outer in enumerate(quotes):
        if outer.type == "direct" or (outer.cue_start, outer.cue_end) not in relays:
            continue
        for inner in quotes:
            if (
                inner is outer
                or inner.cue_start is None
                or inner.mention_start is None
                or (inner.cue_start, inner.cue_end) not in strong
                or not (outer.start <= inner.cue_start < outer.end)
                or inner.mention_start < outer.start
            ):
                continue
            before = text[outer.start : min(inner.mention_start, inner.cue_start)]
            if before.rstrip().endswith(","):
                before = ""  # an introduction of the inner speaker ("Addressing reporters, X said")
            own = before + " " + text[max(inner.end, inner.cue_end or inner.end) : outer.end]
            if len(_WORD.findall(own)) > _CHAIN_LINK_WORDS:
                continue  # the outer source relays more than the inner report
            drop.add(k)
            if inner.via_start is None and outer.mention_start is not None:
                inner.via_start, inner.via_end = outer.mention_start, outer.mention_end
    return [q for k, q in enumerate(quotes) if k not in drop]


_WORD = re.compile(r"\w+")
# Words an outer report may hold besides the inner one: "that", "adding that", "also".
_CHAIN_LINK_WORDS = 3


def _finite_clause_below(tok: Token) -> bool:
    """True when the verb ``tok`` governs a finite clause ("said [the cost was high]")."""
    return any(
        c.dep_ in ("ccomp", "parataxis")
        and (
            c.tag_ in ("VBD", "VBZ", "VBP")
            or any(
                g.dep_ in ("aux", "auxpass") and g.tag_ in ("MD", "VBD", "VBZ", "VBP")
                for g in c.children
            )
        )
        for c in tok.children
    )


def _nested_act(cue: Cue) -> bool:
    """True for a cue that, inside someone else's reported clause, is part of that report.

    A belief, a plan or a speech act ("she said professors would dismiss her proposals",
    "he says Machado promised to keep supporting her", "called on him to stop attacking X")
    describes what someone did or thinks as the outer speaker tells it. So does an act
    named by a gerund or an infinitive ("apologize for suggesting that …"). Only a verb of
    saying proper with a finite clause of its own ("said the agency said it would act")
    reports a second statement.
    """
    if not cue.strong or cue.verb in INTENT_VERBS:
        return True
    if cue.verb in SPEECH_ACT_VERBS or cue.verb in POSITION_VERBS:
        return True
    tok = cue.token
    if tok.tag_ == "VBG" and tok.dep_ == "pcomp" or is_infinitive(tok):
        return True
    return not _finite_clause_below(tok)


def _drop_nested(quotes: list[Quote], cues: list[Cue]) -> list[Quote]:
    """Remove reported beliefs, plans and acts nested in someone's reported clause.

    ("Clinton said she thinks America is strongest …"): the statement is Clinton's, and
    "she thinks" is part of what she said, not a second quote (see :func:`_nested_act`).
    A source that relays an account ("according to the coastguard, the crew saw …, and
    they ordered …") keeps the reports inside it: the account is not the source's own words.
    """
    weak = {(c.start, c.end) for c in cues if _nested_act(c)}
    relays = {(c.start, c.end) for c in cues if _passes_on(c)}
    outer = [
        q
        for q in quotes
        if q.type in ("indirect", "mixed") and (q.cue_start, q.cue_end) not in relays
    ]
    kept = []
    for q in quotes:
        if (
            q.type == "indirect"
            and q.cue_start is not None
            and (q.cue_start, q.cue_end) in weak
            # its cue inside the other's reported clause, not after it ("…, according to")
            and any(o is not q and o.start <= q.cue_start < o.end and q.end <= o.end for o in outer)
        ):
            continue
        kept.append(q)
    return kept


def _drop_same_span(quotes: list[Quote], cues: list[Cue]) -> list[Quote]:
    """Keep one record of a reported clause that two cues report.

    ("The mayor denied reports that she would resign"): the verb and the noun of saying it
    governs both report "that she would resign". One statement is one quote; the record
    kept names a speaker if either does and, of those, comes from a verb (whose subject
    says it) rather than from a noun (which names what was said).
    """
    by_cue = {(c.start, c.end): c for c in cues}

    def rank(q: Quote) -> tuple[bool, bool]:
        cue = (
            by_cue.get((q.cue_start, q.cue_end or q.cue_start)) if q.cue_start is not None else None
        )
        is_verb = cue is not None and cue.token.pos_ in ("VERB", "AUX")
        return q.mention_start is not None, is_verb

    best: dict[tuple[int, int], Quote] = {}
    for q in quotes:
        if q.type == "direct":
            continue
        key = (q.start, q.end)
        if key not in best or rank(q) > rank(best[key]):
            best[key] = q
    return [q for q in quotes if q.type == "direct" or best[(q.start, q.end)] is q]


# The end of a sentence inside a span: ". He", "." She", "? The".
_SENTENCE_END = re.compile(r"[.!?][\"”’']?\s+(?=[\"“‘']?[A-Z])")
_ABBREVIATIONS = frozenset("mr mrs ms dr st jr sr sen rep gov gen col lt no vs inc corp co".split())


def _sentence_ends(text: str, start: int, end: int) -> list[re.Match]:
    """Sentence ends within ``text[start:end]``, not counting abbreviations ("Mr.", "U.S.")."""
    out = []
    for m in _SENTENCE_END.finditer(text, start, end):
        if text[m.start()] == ".":
            word = re.search(r"(\w+)$", text[max(start, m.start() - 12) : m.start()])
            if word and (len(word.group(1)) == 1 or word.group(1).lower() in _ABBREVIATIONS):
                continue
        out.append(m)
    return out


def _clip_to_sentence(text: str, span: tuple[int, int], cue_at: int) -> tuple[int, int]:
    """Keep the part of a reported span that lies in the cue's sentence.

    The parser sometimes joins two sentences ("Clinton says Trump's "meltdown is unhinged."
    She says it …"); a report never runs on past a full stop from its cue.
    """
    start, end = span
    ends = _sentence_ends(text, start, end)
    if not ends:
        return span
    if cue_at <= start:
        first = ends[0]
        if text[start : first.start() + 1].strip():
            end = first.start() + 1
            while end < span[1] and text[end] in "\"”’'":
                end += 1
    elif cue_at >= end:
        last = ends[-1]
        if text[last.end() : end].strip():
            start = last.end()
    return start, end


def _continues_previous(
    idx: _Index,
    quoted: list[QuotedSpan],
    direct: dict,
    n: int,
    limit: int = DEFAULT_SETTINGS.continuation_chars,
) -> bool:
    """True for a quote that opens its sentence right after an attributed direct quote.

    ("“Here comes Big Daddy,” she said. “The Donald. Big Daddy.”"): the second quote needs
    no verb of its own to be the same speaker going on.
    """
    if n == 0 or (n - 1) not in direct:
        return False
    q, prev = quoted[n], quoted[n - 1]
    text = idx.text
    if "\n" in text[prev.outer_end : q.open_at] or prev.close_end is None:
        return False
    first = idx.sent_of(q.start)
    before = idx.tokens_between(first.start_char, q.open_at)
    return all(t.is_punct or t.is_space for t in before) and q.open_at - prev.outer_end < limit


def _quote_record(
    kind: str,
    span: tuple[int, int],
    cue: Cue | None,
    mention: tuple[int, int] | None,
    sent: tuple[int, int],
    text: str,
    cue_override: tuple[str, int, int] | None = None,
) -> Quote:
    if cue_override is not None:
        cue_text, cs, ce = cue_override
    elif cue is not None:
        cue_text, cs, ce = cue.text, cue.start, cue.end
    else:
        cue_text, cs, ce = None, None, None
    spk = text[mention[0] : mention[1]] if mention else None
    via = cue.via if cue is not None else None
    return Quote(
        type=kind,
        start=span[0],
        end=span[1],
        cue=cue_text,
        cue_start=cs,
        cue_end=ce,
        mention_start=mention[0] if mention else None,
        mention_end=mention[1] if mention else None,
        speaker=spk,
        speaker_spans=[mention] if mention else [],
        sentence_start=sent[0],
        sentence_end=sent[1],
        via_start=via[0] if via else None,
        via_end=via[1] if via else None,
    )


def _sent_bounds(idx: _Index, start: int, end: int) -> tuple[int, int]:
    a = idx.sent_of(start)
    b = idx.sent_of(max(end - 1, start))
    return a.start_char, b.end_char


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _inside(char: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= char < e for s, e in spans)


def _speaker_near(doc: Doc, cue: Token, lo: int, hi: int) -> Token | None:
    """The head of the first noun phrase among tokens ``lo..hi`` (exclusive), or ``None``.

    Used when the parser took a word inside a quote for the subject of the cue outside it:
    ``"…, it will," said James Acton`` / ``"…," Obama's former strategist said``.
    """
    best: Token | None = None
    for i in range(lo, hi):
        t = doc[i]
        if t.is_punct or t.is_space:
            if best is not None:
                break
            continue
        if t.pos_ in ("PROPN", "NOUN", "PRON"):
            best = t
            if t.head.i == cue.i or t.pos_ == "PRON":
                break
        elif best is not None and t.pos_ not in ("ADJ", "DET", "PART", "ADP", "NUM"):
            break
    # climb to the head of the phrase ("former campaign strategist" -> "strategist")
    while (
        best is not None
        and best.dep_ in ("compound", "poss", "amod", "nmod")
        and lo <= best.head.i < hi
        and best.head.i != cue.i
    ):
        best = best.head
    return best


def _repair_speakers(idx: _Index, cues: list[Cue], quoted: list[QuotedSpan]) -> None:
    """Move a cue's speaker out of a quotation the cue itself is not part of."""
    doc = idx.doc
    outer = [(q.outer_start, q.outer_end) for q in quoted]
    for cue in cues:
        if cue.speaker is None or _inside(cue.start, outer) or not _inside(cue.speaker.idx, outer):
            continue
        sent = idx.sent_of(cue.start)
        # words between the closing mark and the cue ("…," Obama's strategist said) ...
        close = max((e for s, e in outer if e <= cue.start and s <= cue.speaker.idx), default=None)
        cand = None
        if close is not None:
            cand = _speaker_near(doc, cue.token, bisect_left(idx.starts, close), cue.token.i)
        # ... or right after an inverted cue ("…," said James Acton)
        if cand is None:
            cand = _speaker_near(doc, cue.token, cue.token.i + 1, min(sent.end, cue.token.i + 8))
        cue.speaker = cand
        cue.mention = mention_chars(cand) if cand is not None else None


# What a quoted span turned out to be: ("direct", cue, mention, cue override) or
# ("mixed", host cue) or None (no attribution next to it).
Direct = tuple[Cue | None, tuple[int, int] | None, tuple[str, int, int] | None]


def _verb_initial_host(
    idx: _Index, q: QuotedSpan, cues: list[Cue], cue_at: dict[int, Cue]
) -> Cue | None:
    """The cue of reported speech that opens with its own verb: Blinken "stressed the …".

    Not when the quote sits inside the clause of a verb of saying before it ("he said that
    the evidence "supports what we've heard"").
    """
    inner = idx.tokens_between(q.start, q.end)
    if not inner or inner[0].i not in cue_at or q.close_end is None:
        return None
    if any(
        c.strong
        and c.start < q.open_at
        and c.token.i != inner[0].i
        and any(s <= q.open_at < e for s, e in c.content)
        for c in cues
    ):
        return None
    cue = cue_at[inner[0].i]
    subj = cue.speaker
    if subj is None or subj.i >= inner[0].i or subj.idx >= q.open_at:
        return None
    between = idx.text[subj.idx + len(subj.text) : q.open_at]
    return None if any(ch in between for ch in ",;:.!?\"”’'") else cue


def _host_cue(idx: _Index, q: QuotedSpan, cues: list[Cue]) -> Cue | None:
    """The cue whose reported clause holds quote ``q`` (making it a mixed quote), if any.

    A verb of saying wins over a verb of thinking or intention in the same sentence.
    """
    host = None
    q_sents = {idx.sent_of(q.open_at).start_char, idx.sent_of(q.start).start_char}
    for c in cues:
        # the quote opens inside the clause (the parser may end the clause inside the quote)
        if (
            any(s <= q.start <= e for s, e in c.content)
            and idx.sent_of(c.start).start_char in q_sents
        ):
            if host is None or (c.strong and not host.strong):
                host = c
            elif (
                _passes_on(host)
                and c.strong
                and c.mention is not None
                and any(s <= c.start < e for s, e in host.content)
            ):
                # ("The Journal reported that Calhoun said that … "to the bone""): the
                # innermost report holds the quote; the outer one passed it on
                c.via = host.mention
                host = c
    return host or _trailing_host(idx, q, cues)


# Verbs of an outlet that publishes what someone else said ("…," reports the Gazette).
_PUBLISHING_VERBS = frozenset({"report", "write"})


def _relayed_report(
    idx: _Index,
    q: QuotedSpan,
    after: Cue,
    cues: list[Cue],
    cue_at: dict[int, Cue],
    quoted_outer: list[tuple[int, int]],
) -> tuple[str, Cue] | None:
    """The quote's own report when the cue ``after`` it only passes it on, as
    ``("direct", cue)`` or ``("mixed", cue)``, else ``None``.

    ("Ortiz stated that "…," reports the Gazette", "Ortiz said, "…," the Gazette writes"):
    after the quote a cue that reports, writes or passes words on (:func:`_passes_on`);
    before it a verb of saying with a speaker of its own that introduces the quote or holds
    it in its clause, and that the parser joins to the trailing cue one way or the other.
    The words are that speaker's. Other words than "that" or a comma between the inner verb
    and the quote ("Ortiz said the talks failed, and "…," the Gazette reports") leave the
    quote to the trailing cue, and so does an inner cue that follows an earlier quote of
    its sentence ("…," he said, "…," she added): it reports that quote.
    """
    if not (_passes_on(after) or after.verb in _PUBLISHING_VERBS):
        # ("Answering, he said, "…," the pope said"): a second verb of saying names the
        # same speaker again
        return None
    sent_start = idx.sent_of(q.open_at).start_char
    text = idx.text
    for c in cues:
        if (
            c is after
            or not c.strong
            or c.verb is None
            or c.mention is None
            or not sent_start <= c.mention[0] < c.mention[1] <= q.open_at
            or not sent_start <= c.start < c.end <= q.open_at
            or any(ch in text[c.end : q.open_at].lstrip(" ,:") for ch in ",;:.!?")
            or any(sent_start <= s and e <= c.start for s, e in quoted_outer)
        ):
            continue
        if not (
            any(s <= c.start < e for s, e in after.content)
            or any(s <= after.start < e for s, e in c.content)
        ):
            continue  # two reports the parser keeps apart
        if _cue_before(idx, q, cue_at) is c:
            return "direct", c
        if any(s <= q.start <= e for s, e in c.content):
            return "mixed", c
    return None


def _classify(
    idx: _Index,
    q: QuotedSpan,
    cues: list[Cue],
    cue_at: dict[int, Cue],
    quoted_outer: list[tuple[int, int]],
    settings: DetectSettings = DEFAULT_SETTINGS,
) -> tuple[str, object] | None:
    """Decide what one quoted span is: ``("direct", Direct)``, ``("mixed", host cue)`` or None."""
    cue = _verb_initial_host(idx, q, cues, cue_at)
    if cue is not None:
        return "mixed", cue
    cue = _cue_after(idx, q, cue_at, settings.cue_after_tokens)
    if cue is not None and _is_according(cue):
        # ("Calhoun said, "…," according to audio reviewed by the Journal"): the speaker
        # is the one who said it; the source after the quote only passed it on
        before = _cue_before(idx, q, cue_at, settings.cue_before_tokens)
        if before is not None and before.mention is not None:
            before.via = cue.mention
            return "direct", (before, before.mention, None)
    relayed = _relayed_report(idx, q, cue, cues, cue_at, quoted_outer) if cue else None
    if relayed is not None and cue is not None:
        # ("Ortiz stated that "…," reports the Gazette"): the quote is the inner speaker's;
        # the outlet after it only passed it on
        kind, inner = relayed
        inner.via = cue.mention
        # the relay right after the quote is no part of what was said
        inner.content = [(s, min(e, q.outer_end)) for s, e in inner.content if s < q.outer_end]
        return ("direct", (inner, inner.mention, None)) if kind == "direct" else ("mixed", inner)
    if cue is not None:
        lead = _clause_lead(idx, q)
        if lead is not None and (
            any(s > cue.end and not _inside(s, quoted_outer) for s, _ in cue.content)
            or _opens_with_colon(idx, cue)
        ):
            # ("On the episode of "The Morning Show," she said she wanted …"): the cue
            # reports a clause of its own after it; the quote is a title. A cue that opens
            # a quotation with a colon ('…"with a heavy heart", adding: "…"') reports what
            # follows it, not the clause before.
            cue, lead = None, None
        if lead is not None and cue is not None:
            # ("The answers are "not meeting the demand," says Rieckhoff"): the quote ends
            # a reported clause that starts before it.
            if not any(_overlaps(c, (lead, q.start)) for c in cue.content):
                cue.content.append((lead, q.outer_end))
            return "mixed", cue
    if cue is None:
        cue = _cue_before(idx, q, cue_at, settings.cue_before_tokens)
    if (
        cue is not None
        and cue.verb in QUOTE_ONLY_VERBS
        and cue.verb not in SPEECH_VERBS
        and not any(t.pos_ in ("VERB", "AUX") for t in idx.tokens_between(q.start, q.end))
    ):
        cue = None  # "signs reading "No More War"": a slogan, not speech
    if cue is not None and (cue.mention is not None or cue.strong):
        return "direct", (cue, cue.mention, None)
    lead_in = _dash_speaker(idx, q) or _colon_speaker(idx, q)
    if lead_in is not None:
        mention, mark = lead_in
        return "direct", (None, mention, mark)
    host = _host_cue(idx, q, cues)
    return ("mixed", host) if host is not None else None


def _direct_records(
    idx: _Index, quoted: list[QuotedSpan], direct: dict[int, Direct]
) -> list[Quote]:
    """One direct-quote record per attributed quoted span."""
    out = []
    for n, (cue, mention, override) in direct.items():
        q = quoted[n]
        sent = _sent_bounds(idx, q.open_at, q.outer_end)
        if cue is not None:
            cue_sent = idx.sent_of(cue.start)
            sent = (min(sent[0], cue_sent.start_char), max(sent[1], cue_sent.end_char))
        out.append(
            _quote_record("direct", (q.start, q.end), cue, mention, sent, idx.text, override)
        )
    return out


def _reported_records(
    idx: _Index, cues: list[Cue], quoted: list[QuotedSpan], mixed_by_cue: dict[int, list[int]]
) -> list[Quote]:
    """Mixed quotes (a cue's clause with its quoted fragments) and indirect quotes (the rest)."""
    text = idx.text
    quoted_outer = [(q.outer_start, q.outer_end) for q in quoted]
    out = []
    for cue in cues:
        members = mixed_by_cue.get(cue.token.i, [])
        rest = cue.content
        if members:
            spans = [quoted_outer[n] for n in members]
            touching = [c for c in cue.content if any(_overlaps(c, sp) for sp in spans)]
            start = min([s for s, _ in spans] + [s for s, _ in touching])
            end = max([e for _, e in spans] + [e for _, e in touching])
            if cue.token.idx == quoted[members[0]].start:
                start = quoted[members[0]].open_at  # the quote opens with the cue itself
            start, end = _clip_to_sentence(text, (start, end), cue.start)
            out.append(
                _quote_record(
                    "mixed", (start, end), cue, cue.mention, _sent_bounds(idx, start, end), text
                )
            )
            rest = [
                c
                for c in cue.content
                if not any(_overlaps(c, sp) for sp in spans) and not (start <= c[0] and c[1] <= end)
            ]
        for span in rest:
            if any(_overlaps(span, o) for o in quoted_outer):
                continue  # the complement is (part of) a direct quote
            # A belief or expectation without a named holder ("the accord is expected to be
            # ratified next month") is still attributed content, like a speech verb in the
            # passive; the record simply has no speaker. A label's colon ("VANCE: …", a
            # transcript's turn) opens what runs to the end of its line, sentences and all.
            if cue.token.text != ":":
                span = _clip_to_sentence(text, span, cue.start)
            out.append(
                _quote_record(
                    "indirect", span, cue, cue.mention, _sent_bounds(idx, span[0], span[1]), text
                )
            )
    return out


def find_quotes(doc: Doc, settings: DetectSettings = DEFAULT_SETTINGS) -> list[Quote]:
    """Every direct, indirect and mixed quote in ``doc``, in text order.

    Takes a parsed ``Doc`` (tagger and parser; no NER needed) and returns
    :class:`~quotetrack.types.Quote` records with character offsets into ``doc.text``; the
    ``speaker`` of each is the mention text, to be replaced by the attribute stage.
    """
    idx = _Index(doc)
    if not idx.text.strip():
        return []
    cues = find_cues(doc, settings)
    quoted = find_quoted_spans(idx.text)
    furniture = furniture_spans(idx.text) if settings.skip_page_furniture else []
    if furniture:
        # headlines, captions and bylines hold no quotes and no attributions
        cues = [c for c in cues if not _inside(c.start, furniture)]
        quoted = [q for q in quoted if not _inside(q.start, furniture)]
        for c in cues:
            if c.mention is not None and _inside(c.mention[0], furniture):
                c.speaker, c.mention = None, None
    _repair_speakers(idx, cues, quoted)
    cue_at = {c.token.i: c for c in cues}
    quoted_outer = [(q.outer_start, q.outer_end) for q in quoted]

    direct: dict[int, Direct] = {}
    mixed_by_cue: dict[int, list[int]] = {}
    leftovers: list[int] = []
    for n, q in enumerate(quoted):
        found = _classify(idx, q, cues, cue_at, quoted_outer, settings)
        if found is None:
            leftovers.append(n)
        elif found[0] == "direct":
            direct[n] = cast(Direct, found[1])
        else:
            mixed_by_cue.setdefault(cast(Cue, found[1]).token.i, []).append(n)

    # Chunks of one multi-paragraph quote share the attribution found for any of them.
    by_group: dict[int, Direct] = {}
    for n, att in direct.items():
        by_group.setdefault(quoted[n].group, att)
    for n in list(leftovers):
        if quoted[n].group in by_group:
            direct[n] = by_group[quoted[n].group]
            leftovers.remove(n)
    # Whole-sentence quotes without a cue take the speaker of the adjacent quote or sentence
    # (filled in below); anything else left is a scare quote, a title or a slogan.
    # (start, end) of a quoted span -> (start, end) of the quoted span it goes on from
    goes_on: dict[tuple[int, int], tuple[int, int]] = {}
    for n in leftovers:
        if _continues_previous(idx, quoted, direct, n, settings.continuation_chars):
            direct[n] = (None, None, None)
            goes_on[(quoted[n].start, quoted[n].end)] = (quoted[n - 1].start, quoted[n - 1].end)
        elif _fills_sentences(idx, quoted[n]) or _after_verbless_colon(idx, quoted[n]):
            direct[n] = (None, None, None)
    last_of_group: dict[int, tuple[int, int]] = {}
    for n in sorted(direct):
        q = quoted[n]
        if q.group in last_of_group and q.group >= 0:
            goes_on.setdefault((q.start, q.end), last_of_group[q.group])
        last_of_group[q.group] = (q.start, q.end)

    quotes = _direct_records(idx, quoted, direct) + _reported_records(
        idx, cues, quoted, mixed_by_cue
    )
    quotes = _drop_nested(quotes, cues)
    quotes = _drop_same_span(quotes, cues)
    quotes = _chain_reports(quotes, cues, idx.text)
    quotes = _with_embedded_posts(idx.text, quotes)
    quotes = _interview_turns(idx, quotes)
    # a report inside a direct quote is the speaker's own words ("…I also know Joe has never
    # backed down…"), part of that quote and not a quote of its own
    inside = [(q.start, q.end) for q in quotes if q.type == "direct"]
    quotes = [
        q
        for q in quotes
        if q.type == "direct" or q.cue_start is None or not _inside(q.cue_start, inside)
    ]
    quotes.sort(key=lambda r: (r.start, r.end))
    labelled = _transcript_speakers(idx.text, quotes)
    _fill_neighbour_speakers(idx, quotes, furniture, settings)
    _speaker_of_speech_runs(idx.text, quotes)
    _link_continuations(quotes, goes_on)
    # the label is who speaks, not what was said: the quote starts after it
    for record, words_at in labelled:
        record.start = words_at
    source = idx.doc.user_data.get(SOURCE_TEXT_KEY)
    if source is not None:  # a page's raw entities: a span holds a mark's entity whole
        for record in quotes:
            record.start, record.end = over_entities(source, record.start, record.end)
    return quotes


# A speaker's label opening a line of a transcript set in quotation marks ("SMITH: We …",
# "SEN. JONES: …"): one to three words in capitals, then a colon.
_TRANSCRIPT_LABEL = re.compile(
    r"([A-Z][A-Z.'’-]*[A-Z.](?:[ \t]+[A-Z][A-Z.'’-]*[A-Z.]){0,2}):[ \t]+(?=\S)"
)


def _transcript_speakers(text: str, quotes: list[Quote]) -> list[tuple[Quote, int]]:
    """Give each unattributed direct quote that opens with a transcript label ("SMITH: …")
    the labelled speaker; return those quotes with the offset where their words begin.

    A transcript printed line by line in quotation marks names the speaker of each line
    before a colon, in capitals; the neighbour rule then gives the label's speaker to the
    unlabelled paragraphs that go on after it. Page labels ("UPDATE:") name no one.
    """
    out: list[tuple[Quote, int]] = []
    for q in quotes:
        if q.type != "direct" or q.cue is not None or q.mention_start is not None:
            continue
        m = _TRANSCRIPT_LABEL.match(text, q.start, q.end)
        if m is None or m.end() >= q.end:
            continue
        label = m.group(1)
        if sum(ch.isalpha() for ch in label) < 3 or label.split()[0].lower() in LABEL_WORDS:
            continue
        q.mention_start, q.mention_end = m.span(1)
        q.speaker = label
        q.speaker_spans = [m.span(1)]
        out.append((q, m.end()))
    return out


# The turns of an interview printed as questions and answers ("Q: Did you expect to win?" /
# "A. Honestly, no."), each opening a line.
_QUESTION_TURN = re.compile(r"(?m)^[ \t]*(?:Q|Question|QUESTION)[:.][ \t]+(?=\S)")
_ANSWER_TURN = re.compile(r"(?m)^[ \t]*(?:A|Answer|ANSWER)([:.])[ \t]+(?=\S)")


def _interview_turns(idx: _Index, quotes: list[Quote]) -> list[Quote]:
    """``quotes`` with an interview's questions left out and its answers added.

    On a page that prints an interview as "Q:" and "A:" lines, the questions are the
    interviewer's (the outlet's), no one's statement: a cue inside one ("Did you expect to
    win?") reports nothing. Each answer is the interviewee's words, a direct quote with the
    label's colon as its cue. The interviewee is the person the page names as the subject
    of a sentence before the first question ("Mayor Sami Okoro spoke about his first
    year"); with none, the answer is left for the neighbour rule. Pages without both kinds
    of line are returned as they are."""
    text = idx.text
    questions = [_line_span(text, m.start(), m.end()) for m in _QUESTION_TURN.finditer(text)]
    answers = [(m, _line_span(text, m.start(), m.end())) for m in _ANSWER_TURN.finditer(text)]
    if not questions or not answers:
        return quotes

    def in_question(char: int | None) -> bool:
        return char is not None and any(a <= char < b for a, b in questions)

    quotes = [q for q in quotes if not (in_question(q.start) or in_question(q.cue_start))]
    first_question = questions[0][0]
    subject = None
    for tok in idx.tokens_between(0, first_question):
        if tok.dep_ == "nsubj" and tok.pos_ == "PROPN":
            subject = tok
    mention = mention_chars(subject) if subject is not None else None
    for m, (start, end) in answers:
        words_at = m.end()
        if end <= words_at or any(
            q.type == "direct" and q.start < end and start < q.end for q in quotes
        ):
            continue
        colon = m.start(1)
        answer = Quote(
            type="direct",
            start=words_at,
            end=end,
            cue=m.group(1),
            cue_start=colon,
            cue_end=colon + 1,
            sentence_start=start,
            sentence_end=end,
        )
        if mention is not None and mention[1] <= start:
            answer.mention_start, answer.mention_end = mention
            answer.speaker = text[mention[0] : mention[1]]
            answer.speaker_spans = [mention]
        quotes.append(answer)
    return quotes


def _line_span(text: str, start: int, words_at: int) -> tuple[int, int]:
    """(start, end) of the line that opens at ``start``, its trailing blanks left off; the
    words begin at ``words_at``."""
    end = text.find("\n", words_at)
    end = len(text) if end < 0 else end
    while end > words_at and text[end - 1].isspace():
        end -= 1
    return start, end


def _with_embedded_posts(text: str, quotes: list[Quote]) -> list[Quote]:
    """``quotes`` with each embedded social-media post (:func:`embedded_posts`) as a direct
    quote of the author its signature names, unless a direct quote already covers it.

    A post is its author's words whether or not the page set them in quotation marks; a
    quote found inside it ("… as he announced") is part of it and goes.
    """
    posts = embedded_posts(text)
    for post in posts:
        span = (post.start, post.end)
        if any(q.type == "direct" and _overlaps((q.start, q.end), span) for q in quotes):
            continue
        quotes = [q for q in quotes if not post.start <= q.start < post.end]
        (ds, de), (ms, me) = post.dash, post.author
        quotes.append(
            Quote(
                type="direct",
                start=post.start,
                end=post.end,
                cue=text[ds:de],
                cue_start=ds,
                cue_end=de,
                mention_start=ms,
                mention_end=me,
                speaker=text[ms:me],
                speaker_spans=[(ms, me)],
                sentence_start=post.start,
                sentence_end=me,
            )
        )
    return quotes


_SELF_ROLE = re.compile(r"\bI\b[^.?!]{0,80}?\bas (?:your|the) ((?:[a-z]+ ){0,2}[a-z]+)")


def _speaker_of_speech_runs(text: str, quotes: list[Quote]) -> None:
    """Give a speech printed paragraph by paragraph the speaker who names their own office.

    A run of unattributed direct quotes with nothing but line breaks between them is one
    person speaking ("… speeches in full"). The neighbour rule gives them whoever was quoted
    last before the run; when a paragraph of the run says who is speaking ("As I stand here
    as your prime minister"), and an earlier quote's speaker was mentioned by that office
    ("the prime minister said …"), the whole run is that speaker's.
    """
    runs: list[list[Quote]] = []
    for q in quotes:
        if q.type != "direct" or q.cue is not None:
            continue
        prev = runs[-1][-1] if runs else None
        if prev is not None and not text[prev.end : q.start].strip(" \n\t\"“”'‘’"):
            runs[-1].append(q)
        else:
            runs.append([q])
    offices: dict[str, tuple[int, int]] = {}
    for q in quotes:
        m = q.mention(text)
        if m and m.lower().startswith("the ") and q.mention_start is not None:
            offices.setdefault(m.lower()[4:], (q.mention_start, q.mention_end))  # type: ignore[arg-type]
    for run in runs:
        if len(run) < 3:
            continue
        for q in run:
            found = _SELF_ROLE.search(text, q.start, q.end)
            source = offices.get(found.group(1)) if found else None
            if source is not None and source[0] < run[0].start:
                for r in run:
                    r.mention_start, r.mention_end = source
                    r.speaker = text[source[0] : source[1]]
                    r.speaker_spans = [source]
                break


def _link_continuations(
    quotes: list[Quote], goes_on: dict[tuple[int, int], tuple[int, int]]
) -> None:
    """Set ``continues`` on each quote that goes on from an earlier one.

    Three shapes: the parts of a quote split by its attribution share one cue ("X," he said,
    "Y." and "X, he said, Y" in reported speech); the paragraphs of a long quote share its
    opening (``goes_on``, from the marks); a quote that opens its sentence right after an
    attributed one continues it (``goes_on``, from :func:`_continues_previous`).
    """
    at = {(q.start, q.end): k for k, q in enumerate(quotes)}
    last_by_cue: dict[tuple[int, int, bool], int] = {}
    for k, q in enumerate(quotes):
        earlier = goes_on.get((q.start, q.end))
        if earlier is not None and at.get(earlier, k) < k:
            q.continues = at[earlier]
        if q.cue_start is not None and q.cue_end is not None:
            key = (q.cue_start, q.cue_end, q.type == "direct")
            if key in last_by_cue and q.continues is None:
                q.continues = last_by_cue[key]
            last_by_cue[key] = k


def _fill_neighbour_speakers(
    idx: _Index,
    quotes: list[Quote],
    furniture: list[tuple[int, int]],
    settings: DetectSettings = DEFAULT_SETTINGS,
) -> None:
    """Give quotes with no speaker the speaker of the adjacent quote or sentence.

    Preference: for a quote in a bullet list that a line introduces ("Smith told
    reporters:"), the speaker that line names; then the previous quote within the same or
    the previous paragraph, then a cue or a proper-noun subject in the previous sentence,
    then (except for an item of an introduced list) the next quote.
    """
    text = idx.text
    back, ahead = settings.neighbour_back_chars, settings.neighbour_ahead_chars
    # a name in a sentence inside a quote is what the speaker talks about, not who speaks
    direct_spans = [(q.start, q.end) for q in quotes if q.type == "direct"]
    lists = introduced_lists(text)
    for k, q in enumerate(quotes):
        if q.mention_start is not None or q.cue is not None or q.type != "direct":
            continue
        listed = any(a <= q.start < b for found in lists for a, b in found.items)
        source = _introduced_speaker(idx, lists, q.start) if listed else None
        for j in range(k - 1 if source is None else -1, -1, -1):
            p = quotes[j]
            if (
                p.mention_start is not None
                and p.mention_end is not None
                and q.start - p.end < back
                and _paragraph_breaks(text, p.end, q.start, furniture) <= 1
            ):
                source = (p.mention_start, p.mention_end)
                break
            if q.start - p.end >= back:
                break
        first = bisect_right(idx.sent_starts, q.start) - 1
        last = bisect_right(idx.sent_starts, max(q.end - 1, q.start)) - 1
        if source is None and first > 0:
            source = _named_subject(idx.sents[first - 1], furniture + direct_spans)
        # an item of an introduced list never takes a speaker from after the list
        if source is None and not listed:
            for p in quotes[k + 1 :]:
                if p.start - q.end > ahead:
                    break
                if p.mention_start is not None and p.mention_end is not None:
                    source = (p.mention_start, p.mention_end)
                    break
        if source is None and not listed and last + 1 < len(idx.sents):
            source = _named_subject(idx.sents[last + 1], furniture + direct_spans)
        if source is not None:
            q.mention_start, q.mention_end = source
            q.speaker = text[source[0] : source[1]]
            q.speaker_spans = [source]


def _introduced_speaker(idx: _Index, lists: list[BulletList], at: int) -> tuple[int, int] | None:
    """The speaker named by the line introducing the bullet list that holds offset ``at``:
    the subject of that line's sentence when it is a name or a pronoun ("Smith told
    reporters:", "She listed her reasons:") or the subject of a verb of saying ("The
    minister told reporters:"), else a name it is owned by or comes from
    ("Key quotes from Smith's speech:"), else the "his" or "her" it is owned by ("the key
    quotes from her news conference:"). ``None`` outside an introduced list."""
    for found in lists:
        if not any(a <= at < b for a, b in found.items):
            continue
        sent = idx.sent_of(found.intro[1] - 1)
        for tok in sent:
            if tok.dep_ != "nsubj":
                continue
            # a common noun only as the subject of a verb of saying ("The minister told
            # reporters:"), not of "Here are the main points:"; below the main verb only
            # the subject of a verb of saying ("Here is what she said:")
            said = cue_lemma(tok.head.lower_) in SPEECH_VERBS
            if tok.head.dep_ != "ROOT" and not said:
                continue
            if tok.pos_ in ("PROPN", "PRON") or (tok.pos_ == "NOUN" and said):
                return mention_chars(tok)
        for tok in sent:
            if tok.pos_ == "PROPN" and (
                tok.dep_ == "poss" or (tok.dep_ == "pobj" and tok.head.lower_ in ("by", "from"))
            ):
                return mention_chars(tok)
        for tok in sent:
            # "Here are the key quotes from her news conference:": whoever "her" is
            if tok.dep_ == "poss" and tok.lower_ in ("his", "her"):
                return mention_chars(tok)
        return None
    return None


def _paragraph_breaks(text: str, start: int, end: int, furniture: list[tuple[int, int]]) -> int:
    """Blank-line breaks between ``start`` and ``end``, not counting headline, label and
    caption lines between them (an "Advertisement" line does not part a speaker's words)."""
    gap = text[start:end]
    for a, b in furniture:
        if start <= a and b <= end:
            gap = gap.replace(text[a:b], "", 1)
    return len(re.findall(r"\n\s*\n", gap))


def _named_subject(sent: Span, skip: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The mention of a sentence's main subject when it is a name ("Mayor Jane Doe spoke …"),
    unless the name lies in ``skip`` (headlines, captions, bylines, quotes)."""
    if _inside(sent.start_char, skip):
        return None
    for tok in sent:
        # the subject of the main verb, or the name the sentence opens with (the parser
        # sometimes hangs the main verb below a later one: "The Pope left for Rome …")
        if (
            tok.dep_ == "nsubj"
            and tok.pos_ == "PROPN"
            and (tok.head.dep_ == "ROOT" or tok.left_edge.i == sent.start)
        ):
            if _inside(tok.idx, skip):
                return None
            return mention_chars(tok)
    return None
