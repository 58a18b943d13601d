"""Speech cues in the dependency parse: who says what, before quotation marks are considered.

A cue is a verb of saying with its subject and complement ("Blinken said it would …"),
``according to X``, a noun of saying with a "that" clause ("his claim that …") or a name and
a colon opening a headline ("Sanders: Clinton needs to …"). :func:`find_cues` returns them
in text order with the speaker token, the speaker mention and the reported content as
character spans; :mod:`.core` matches them with the quoted spans.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from spacy.attrs import LOWER
from spacy.strings import hash_string  # type: ignore[attr-defined]  # absent from spaCy's stubs
from spacy.tokens import Doc, Token

from ..lexicon import (
    COGNITION_VERBS,
    EVIDENCE_SOURCES,
    EVIDENCE_VERBS,
    FORM_TO_VERB,
    INTENT_OR_DECISION_VERBS,
    POSITION_VERBS,
    QUOTE_ONLY_VERBS,
    SPEECH_ACT_VERBS,
    SPEECH_NOUNS,
    SPEECH_VERBS,
    cue_lemma,
)
from .mention import (
    DOCUMENT_NOUNS,
    after_missed_break,
    behind_document,
    mention_chars,
    parenthetical_participle,
    subject_of,
)
from .settings import DEFAULT_SETTINGS, DetectSettings

# Verbs whose complement may be an infinitive clause ("urged Israel to …", "vowed to …").
_XCOMP_VERBS = frozenset(
    "urge ask tell warn advise instruct order demand promise pledge vow decline remind "
    "recall admit deny "
    "threaten call agree propose want plan hope expect seek "
    "offer claim encourage exhort implore persuade convince".split()
)
# Verbs whose gerund complement names a topic, not what happened ("described overcoming
# discrimination"; but "admitted taking the money").
_TOPIC_VERBS = frozenset("describe discuss mention talk speak explain".split())
# Verbs that direct their object to do something ("urged X to …", "told X to …"): the object
# is the one addressed, not part of what was said.
_DIRECTIVE_VERBS = frozenset(
    "urge tell warn advise instruct order remind encourage ask implore beg invite exhort "
    "persuade convince".split()
)


def is_infinitive(tok: Token) -> bool:
    """True for a ``to`` infinitive ("to cut fares")."""
    return tok.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


# Verbs of saying, of speech acts and of stance whose reported content can be a plain noun
# phrase ("denied the report", "announced a ceasefire", "is endorsing Trump's campaign").
_OBJECT_VERBS = frozenset(
    "announce deny confirm propose criticize criticise cite acknowledge accuse compare "
    "demand reveal reject praise describe predict recommend dismiss "
    "promise pledge vow repeat reiterate mention characterize "
    "characterise liken label brand dub term laud note say stress "
    "emphasize emphasise question discuss mock ridicule condemn denounce "
    "defend endorse blame thank applaud welcome hail decry tout slam "
    "blast attack support oppose back favor favour advocate embrace "
    "indicate estimate project echo disclose express highlight reference "
    "portray consider regard view underscore reaffirm voice outline unveil "
    "bemoan deplore lambaste assail berate chide rebuke scold dispute refute "
    "rebut challenge contest recognize recognise pitch urge".split()
)
# Verbs whose "X as Y" names a role given, not a description said ("endorsed her as his
# successor", "welcomed him as chair").
_NOT_DESCRIBING = frozenset("endorse back support welcome announce confirm unveil thank".split())
# Verbs whose "X for Y" lays a charge ("blamed the council for the delays", "criticized the
# mayor for closing the pier"): what X is said to have done is the claim.
_CHARGING_VERBS = frozenset(
    "blame criticize criticise mock ridicule slam blast attack condemn denounce chide rebuke "
    "scold berate lambaste assail fault".split()
)
# Verbs of condemnation: their bare object is the target ("condemned the strikes"), never
# what was said, whatever it is (a name or not). A predication ("denounced the attack as a
# war crime") or quoted words still make a report. PolNeAR labels some such objects as
# quotes; the webnews convention and issue 11 do not.
_CONDEMNING_VERBS = frozenset("condemn denounce decry deplore slam blast lambaste assail".split())
# Verbs whose "X to Y" is a comparison, not the one addressed.
_COMPARING_VERBS = frozenset("liken compare".split())
# Right dependents that belong to an object's reported content ("described X as Y",
# "likened X to Y", "praised X for Y").
_OBJECT_TAIL_DEPS = frozenset({"dobj", "oprd", "prep", "xcomp", "ccomp", "dative"})
_PREP_OBJECT = {
    "call": ("for", "on"),
    "accuse": ("of",),
    "warn": ("of", "about", "against"),
    "complain": ("about",),
    "speak": ("of", "about"),
    "talk": ("about",),
    "comment": ("on",),
    "point": ("to",),
    "brag": ("about", "of"),
    "boast": ("about", "of"),
    "ask": ("about",),
    "wonder": ("about",),
    "write": ("about", "of"),
    "testify": ("about",),
    "agree": ("on", "with"),
    "respond": ("to", "with"),
    "criticize": ("for",),
    "criticise": ("for",),
    "blame": ("for",),
    "praise": ("for",),
    "apologize": ("for",),
    "apologise": ("for",),
    "argue": ("for", "against"),
    "hint": ("at",),
    "push": ("for",),
    "advocate": ("for",),
    "press": ("for",),
}
_QUOTE_CHARS = frozenset("\"“”„‟«»‘’'`‹›")
_CLAUSE_DEPS = frozenset({"ccomp"})


def is_quote_mark(tok: Token) -> bool:
    """True for a quotation mark; an apostrophe the tagger read as a possessive ending
    ("the residents’ patience") is none."""
    return tok.tag_ != "POS" and all(ch in _QUOTE_CHARS for ch in tok.text)


@dataclass
class Cue:
    """One act of attribution found in the parse.

    ``content`` holds the character spans of the reported clause (several when the cue
    interrupts it); it is empty when the verb has no complement of its own (``"…," he said``).
    """

    token: Token
    text: str
    start: int
    end: int
    speaker: Token | None
    mention: tuple[int, int] | None
    content: list[tuple[int, int]] = field(default_factory=list)
    strong: bool = True  # a verb of saying rather than of thinking or evidence
    verb: str | None = None  # the verb's base form; None for a phrase such as "according to"
    via: tuple[int, int] | None = None  # the outlet or document that passed the words on
    relay: bool = False  # the subject is a document or record ("the readout says …")


# ---------------------------------------------------------------------------
# cues from the parse
# ---------------------------------------------------------------------------


def _span_chars(doc: Doc, tokens: list[Token]) -> tuple[int, int] | None:
    """Character span covering ``tokens`` minus leading/trailing punctuation, or ``None``."""
    toks = sorted(tokens, key=lambda t: t.i)
    while toks and (toks[0].is_punct and toks[0].text not in _QUOTE_CHARS or toks[0].is_space):
        toks.pop(0)
    while toks and (
        toks[-1].is_punct
        and toks[-1].text not in _QUOTE_CHARS
        and toks[-1].text != "%"  # "growth would slow to 2.1%": the figure's own sign
        or toks[-1].is_space
        or toks[-1].dep_ == "cc"  # ("that they are useful, but"): a dangling conjunction
    ):
        toks.pop()
    if not toks:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _contiguous(tokens: list[Token]) -> list[list[Token]]:
    """Split tokens (sorted by index) into runs of consecutive indices."""
    runs: list[list[Token]] = []
    for t in sorted(tokens, key=lambda t: t.i):
        if runs and runs[-1][-1].i + 1 == t.i:
            runs[-1].append(t)
        else:
            runs.append([t])
    return runs


def word_count(tokens: list[Token]) -> int:
    return sum(1 for t in tokens if not t.is_punct and not t.is_space)


def _trim_trailing_comment(doc: Doc, tokens: list[Token]) -> list[Token]:
    """Drop a non-restrictive clause or apposition that ends the reported content.

    ("… acknowledged the reality of climate change, which makes him an outlier …"): a
    comma-set relative clause or apposition at the end is the writer's addition.
    """
    if not tokens:
        return tokens
    ids = {t.i for t in tokens}
    last = max(ids)
    for t in sorted(tokens, key=lambda t: t.i):
        if (
            t.dep_ in ("relcl", "appos", "acl")
            and t.left_edge.i - 1 in ids
            and doc[t.left_edge.i - 1].text == ","
            and t.right_edge.i >= last - 1
            and t.left_edge.i > min(ids) + 2
        ):
            cut = t.left_edge.i - 1
            if t.dep_ == "relcl" and any(g.dep_ == "aux" and g.tag_ == "MD" for g in t.children):
                # ("… sold the depot in 2019, which might have spared it the repair bills",
                # "…, where the tolls would double"): a modal states what may follow, a
                # conjecture the writer reports rather than adds as an aside of their own
                continue
            if any(is_quote_mark(x) for x in tokens if x.i >= cut):
                return tokens  # the quoted words are in the tail: keep it (a mixed quote)
            return [x for x in tokens if x.i < cut]
        if (
            t.dep_ == "prep"
            and t.lower_ == "in"
            and t.i - 1 in ids
            and doc[t.i - 1].text == ","
            and t.right_edge.i >= last - 1
            and t.i > min(ids) + 2
            and _names_the_saying(t)
            and not any(is_quote_mark(x) for x in tokens if x.i >= t.i)
        ):
            # ("she would resign, in a shock announcement", "…, in a statement"): how the
            # words were said, the writer's, not part of what was said
            return [x for x in tokens if x.i < t.i - 1]
        if (
            t.dep_ == "prep"
            and t.i - 1 in ids
            and t.right_edge.i >= last - 1
            and t.i > min(ids) + 2
            and _in_response(t)
            and not any(is_quote_mark(x) for x in tokens if x.i >= t.i)
        ):
            # ('told Britons to "vote Labour" in response to the announcement'): what the
            # words answered, in the writer's account, ends the report
            cut = t.i - 1 if doc[t.i - 1].text == "," else t.i
            return [x for x in tokens if x.i < cut]
    return tokens


def _in_response(prep: Token) -> bool:
    """Whether a phrase that ends a reported clause names what it answered ("in response to
    the ruling", "in reaction to the vote"): the writer's account of why it was said. A
    clause with a modal ("would act in response to …") tells of an answer to come."""
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    head = prep.head
    return (
        obj is not None
        and prep.lower_ == "in"
        and obj.lower_ in ("response", "reaction")
        and any(c.dep_ == "prep" and c.lower_ == "to" for c in obj.children)
        and not any(g.dep_ == "aux" and g.tag_ == "MD" for g in head.children)
    )


# Nouns naming the act or medium of saying, after "in a" at the end of a report.
_SAYING_NOUNS = frozenset(
    "statement statements announcement interview interviews speech address post posts letter "
    "message video email tweet briefing remarks op-ed column memo".split()
)


def _names_the_saying(prep: Token) -> bool:
    """Whether an "in" phrase names how or where something was said: "in a (shock)
    announcement", "in his speech announcing …", "in an interview on Sunday"."""
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    return (
        obj is not None
        and obj.lower_ in _SAYING_NOUNS
        and any(c.dep_ in ("det", "poss") for c in obj.children)
    )


_DASHES = frozenset({"—", "--", "―", "–", "-"})


def _closing_dash(run: list[Token], k: int) -> int | None:
    """Index in ``run`` of the dash that closes the aside opened by the dash at ``k``, when
    the clause goes on after it with a word of its own; ``None`` otherwise."""
    opening = run[k].text
    for m in range(k + 1, len(run)):
        t = run[m]
        if t.text in (";", ".", "!", "?"):
            return None
        if t.text == opening and t.i > 0 and t.doc[t.i - 1].whitespace_:
            rest = run[m + 1 :]
            return m if word_count(rest) >= 1 else None
    return None


# Words that open the writer's note of when something was said ("… as a "disgrace"
# Wednesday on a radio show", "… a "crazy system" during a campaign stop").
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_WHEN_WORDS = _WEEKDAYS | {"during", "yesterday", "today", "tonight"}


def _closing_mark(tok: Token) -> bool:
    """True for a quotation mark that closes quoted words (no space before it)."""
    return is_quote_mark(tok) and tok.i > 0 and not tok.doc[tok.i - 1].whitespace_


# Subordinators of time that open the writer's account of what the speaker did meanwhile.
_MEANWHILE_MARKS = frozenset({"as", "while", "after", "before"})


def _speakers_act_after(mark: Token) -> bool:
    """True for a time subordinator opening a clause of the speaker's own act or report
    ("declared "…" as he announced the election", "… while she told reporters …"): a
    clause whose subject is a personal pronoun or whose verb is one of saying."""
    verb = mark.head
    if mark.lower_ not in _MEANWHILE_MARKS or mark.dep_ != "mark" or verb.dep_ != "advcl":
        return False
    subjects = [g for g in verb.children if g.dep_ in ("nsubj", "nsubjpass") and g.i < verb.i]
    if not subjects:
        return False
    clause = verb.head
    while clause.dep_ != "ccomp" and clause.head.i != clause.i:
        clause = clause.head
    if _dates_the_event(clause, verb):
        return False  # ("has said he "understands discrimination" as he was bullied")
    return subjects[0].lower_ in ("he", "she", "they", "i", "we") or _is_saying(verb)


def _when_after_the_quote(run: list[Token]) -> int | None:
    """Index in ``run`` where the writer's note of when it was said follows the quoted words.

    The parser hangs "Wednesday" or "during a campaign stop" on the quoted noun, and the
    speaker's own act done meanwhile ("as he announced …") on the quoted clause; what the
    speaker said ends with the closing mark.
    """
    for k in range(2, len(run)):
        t = run[k]
        when = t.lower_ in _WHEN_WORDS or (
            t.lower_ in ("on", "at") and k + 1 < len(run) and run[k + 1].lower_ in _WEEKDAYS
        )
        if not when and not _speakers_act_after(t):
            continue
        m = k - 1
        while m > 0 and run[m].is_punct and not is_quote_mark(run[m]):
            m -= 1
        if _closing_mark(run[m]):
            return k
    return None


# Heads of the occasion a thing was said on ("in an interview", "at a rally").
_OCCASION_HEADS = frozenset(
    """
    interview statement speech post letter video podcast message tweet memo email broadcast
    conference briefing rally summit meeting hearing forum ceremony debate address session
    """.split()
)


def _occasion_after(obj: Token) -> set[int]:
    """Token indices of the occasion phrase that ends an object's phrase ("dismissed that
    notion in an interview on Sunday"): where it was said, not what; empty if none."""
    for prep in obj.rights:
        if (
            prep.dep_ == "prep"
            and prep.lower_ in ("in", "during", "at")
            and prep.right_edge.i == obj.right_edge.i
            and any(
                g.dep_ == "pobj"
                and (g.lower_ in _OCCASION_HEADS or g.lower_[:-1] in _OCCASION_HEADS)
                for g in prep.children
            )
        ):
            return {t.i for t in prep.subtree}
    return set()


def _aside_clause(rest: list[Token]) -> bool:
    """Whether the words after an opening bracket, up to its closing one, are a clause of
    their own (a verb with its subject) that ends the report, as a writer's aside after it
    is; "(R-Ohio)" or "(ECDC)" is none, nor an aside the report goes on after."""
    inner = []
    for k, t in enumerate(rest):
        if t.text == ")":
            if any(not x.is_punct for x in rest[k + 1 :]):
                return False  # the report goes on after the brackets: an aside inside it
            break
        inner.append(t)
    return any(
        t.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)
        for t in inner
    )


def _content_spans(doc: Doc, tokens: list[Token], min_words: int = 2) -> list[tuple[int, int]]:
    """Character spans of the runs of ``tokens`` that hold at least ``min_words`` words."""
    tokens = _trim_trailing_comment(doc, tokens)
    out = []
    for run in _contiguous(tokens):
        when = _when_after_the_quote(run)
        if when is not None:
            run = run[:when]
        # A spaced dash or a semicolon ends the reported clause; what follows is the
        # writer's comment ("… as being in the "suburbs" — a metaphor for …"). A pair of
        # dashes sets off an aside inside the clause, which goes on after the second
        # ("that the plan — for all its critics — has worked").
        k = 1
        while k < len(run):
            t = run[k]
            if t.text == ";":
                run = run[:k]
                break
            if (
                t.text == ","
                and k + 1 < len(run)
                and run[k + 1].tag_ == "VBG"
                and run[k + 1].dep_ == "csubj"
            ):
                # ("… back to target, signalling the bank could cut rates"): the parser made
                # the writer's comment the subject of a second clause of the report
                run = run[:k]
                break
            if (
                t.text == "("
                and k > 2
                and k + 1 < len(run)
                and not is_quote_mark(run[k + 1])  # a bracketed quotation is no aside
                and _aside_clause(run[k + 1 :])
            ):
                # ('… as "a necessary decision" (it did not say how many jobs …)'): the
                # writer's aside in brackets ends what was said
                run = run[:k]
                break
            if t.text in _DASHES and (t.whitespace_ or t.text in ("—", "―")):
                closing = _closing_dash(run, k)
                if closing is None:
                    if t.text in ("—", "--", "―"):
                        run = run[:k]
                        break
                else:
                    k = closing
            k += 1
        if word_count(run) >= min_words:
            span = _span_chars(doc, run)
            if span:
                out.append(span)
    return out


def _is_saying(tok: Token) -> bool:
    """True for a verb of saying proper ("said", "warned"), not a speech act ("refused")."""
    verb = cue_lemma(tok.text)
    return verb in SPEECH_VERBS and verb not in SPEECH_ACT_VERBS


def _clause_tokens(
    root: Token, interjection: set[int] | None = None, comma_tails: bool = True
) -> list[Token]:
    """The tokens of the clause headed by ``root``, without a verb of saying coordinated to it.

    ("said it was "resolutely opposed" to the test and warned North Korea …"): the parser
    often hangs the speaker's second verb on the reported clause; that verb has no subject
    of its own and belongs to the speaker. ``interjection`` holds the token indices of a cue
    set off inside the clause ("X, he said, until Y"): the comma that closes it does not set
    off a comment of the writer's. ``comma_tails`` off keeps adverbial clauses set off by a
    comma (an infinitive's ", to crack down on …" is its purpose, part of what was said).
    """
    doc = root.doc
    drop: set[int] = set()
    scenes: list[Token] = []
    infinitive = is_infinitive(root)
    for c in root.children:
        if infinitive and c.dep_ == "conj" and c.i > root.i and _finite(c):
            # ("rules that promise to transform the market but are likely to draw fire"): a
            # finite verb cannot share the "to" of an infinitive; the parser hung the
            # subject's second predicate on the complement
            drop.update(t.i for t in c.subtree)
            drop.update(g.i for g in root.children if g.dep_ == "cc" and root.i < g.i < c.i)
        elif (
            c.dep_ == "conj"
            and c.pos_ == "VERB"
            and (
                _is_saying(c)
                # ("noting that these are useful, but exhorting the young …"): a second
                # participle of the speaker's, whatever act it names
                or c.tag_ == "VBG"
                and root.tag_ != "VBG"
                and cue_lemma(c.text) in SPEECH_VERBS
            )
            and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
            # a bare infinitive ("declined to name the buyer or confirm the price") or a
            # verb with a modal of its own ("would cut costs but would add delays") goes on
            # with the reported clause; the speaker's own second verb is finite
            and c.tag_ != "VB"
            and not any(g.dep_ == "aux" and g.tag_ == "MD" for g in c.children)
        ):
            drop.update(t.i for t in c.subtree)
            drop.update(g.i for g in root.children if g.dep_ == "cc" and g.i < c.i and g.i > root.i)
        elif (
            c.dep_ == "conj"
            and c.i > root.i
            and any(g.dep_ == "nsubj" for g in c.children)
            and c.left_edge.i > 1
            and doc[c.left_edge.i - 1].dep_ == "cc"
            and doc[c.left_edge.i - 2].text == ","
            and _is_saying(c)
        ):
            # ", and when pressed …, the mother replied": a clause with a speaker and a verb
            # of saying of its own reports its own words. Other clauses after ", and" /
            # ", but" stay: news reports run on that way ("said few Americans cared, and
            # the share of voters who … had tumbled").
            drop.update(t.i for t in c.subtree)
            drop.update((c.left_edge.i - 1, c.left_edge.i - 2))
        elif (
            c.dep_ == "advcl"
            and c.i > root.i
            and c.left_edge.i > 0
            and doc[c.left_edge.i - 1].text == ","
            and not (interjection and c.left_edge.i - 2 in interjection)
            and not _condition_or_reason(c)
            and not is_infinitive(c)
            # an infinitive keeps its purpose after a comma, not the speaker's next report
            # (", telling residents that …")
            and (comma_tails or c.tag_ == "VBG" and _is_saying(c))
            and not _report_goes_on_after(c)
        ):
            # a tail set off by a comma (", citing …", ", although …") comments on the claim
            drop.update(t.i for t in c.subtree)
        elif (
            c.i > root.i
            and c.left_edge.i > root.i
            and (
                c.dep_ == "advcl"
                and doc[c.left_edge.i].lower_ in _WRITERS_TIME_MARKS
                or c.dep_ == "prep"
                and c.lower_ in ("amid", "despite")
                or _next_act(c)
            )
        ):
            # the writer's scene after the report ("… must own up to its shortcomings as it
            # grapples with …", "… after a panel blew off", "amid intense pressure")
            scenes.append(c)
        elif (
            c.dep_ == "prep"
            and c.i == root.left_edge.i
            and _when_phrase(c)
            and any(
                g.dep_ in ("nsubj", "nsubjpass") and g.i > c.right_edge.i for g in root.children
            )
        ):
            # ("said on Thursday she would resign"): with no "that" after the verb of saying,
            # the parser hangs the date on the reported clause; news style puts there the
            # day it was said, before the clause and its subject
            drop.update(t.i for t in c.subtree)
        elif (
            interjection
            and c.dep_ == "advcl"
            and c.i < root.i
            and doc[c.left_edge.i].lower_ in _SCENE_OPENERS
            and c.right_edge.i < min(interjection)
        ):
            # ("When Flynn was asked whether …, he said, "I mean …""): the scene that opens
            # the sentence before an interjected cue is the writer's, not what was said
            drop.update(t.i for t in c.subtree)
        elif c.lower_ == "according" and c.i > root.i:
            # ("… said they had no plans, according to lawyers for the family"): the source
            # of the report is its own cue, not part of what was said
            drop.update(t.i for t in c.subtree)
    that = next((g for g in root.children if g.dep_ == "mark" and g.lower_ == "that"), None)
    if that is not None:
        # ("said in an interview, cited by Reuters, that he had …"): what the parser hung
        # on the clause before its "that" is the writer's, not what was said
        drop.update(t.i for t in root.subtree if t.i < that.i)
    drop.update(_speakers_own_acts(root))
    drop.update(_amid_to_the_end(root))
    scenes.extend(_scene_at_the_end(root))
    # a time clause that dates the reported event is part of what is reported: a past one
    # under a present-tense cue ("notes the roof was repaired before she took over": the
    # writer's scene of a report in the present is not in the past), or a past one inside
    # a past clause under a past cue ("said he was paid late after he finished the job")
    scenes = [c for c in scenes if not _dates_the_event(root, c)]
    for c in scenes:
        # a scene the reported clause goes on after ("would cut traffic as drivers adapt,
        # but would add delays") is part of what was reported
        if not any(g.i > c.i and g.i not in drop and _modal_predicate(g) for g in root.children):
            drop.update(t.i for t in c.subtree)
    return [t for t in root.subtree if t.i not in drop]


def _next_act(prep: Token) -> bool:
    """True for a participle of time set off by a comma after the report (", before
    returning to his message of tolerance"): the writer tells what the speaker went on to
    do, not what was said."""
    return (
        prep.dep_ == "prep"
        and prep.lower_ in _MEANWHILE_MARKS
        and prep.i > 0
        and prep.doc[prep.i - 1].text == ","
        and any(g.dep_ == "pcomp" and g.tag_ == "VBG" for g in prep.children)
    )


def _report_goes_on_after(scene: Token) -> bool:
    """Whether a bare verb the parser joined to a finite clause set off by commas goes on with
    the report around it ("needed to acknowledge its mistakes, after a panel blew off a
    jet, and approach the matter with transparency": "approach" shares the "to" of
    "acknowledge", not the tense of "blew"): then the clause is a scene inside the report."""
    return scene.tag_ in ("VBD", "VBZ", "VBP") and any(
        g.dep_ == "conj" and g.tag_ == "VB" and g.i > scene.i for g in scene.children
    )


def _amid_to_the_end(root: Token) -> set[int]:
    """Token indices of the writer's "amid …" scene and all that follows it in the clause
    headed by ``root``, wherever the parser hung the preposition ("said she is ending her bid
    amid intense pressure from party leaders sounding the alarm that …": the bid, not the
    pressure, is what she said), on the root itself too: a participle the parser hung on
    the root after its "amid" ("… sounding the alarm") belongs to the scene, not to a
    second report. Nothing when quoted words follow it (they are the speaker's)."""
    for t in root.subtree:
        if (
            t.i > root.i
            and t.dep_ == "prep"
            and t.lower_ in ("amid", "amidst")
            and t.i > root.left_edge.i + 2
        ):
            rest = [x for x in root.subtree if x.i >= t.i]
            if any(is_quote_mark(x) for x in rest):
                return set()
            return {x.i for x in rest}
    return set()


def _speakers_own_acts(root: Token) -> set[int]:
    """Token indices, inside the clause headed by ``root``, of acts of saying that are the
    speaker's own and not part of what was said. In: the reported clause's head. Out: the
    indices to leave out.

    * A finite verb of saying the parser joined to an infinitive deep in the clause ("said
      the King granted his request to dissolve Parliament and promised to fight for every
      vote"): no finite verb shares the "to" of an infinitive, so it goes on from the
      speaker's own verb.
    * A relative clause closing the report whose subject says something of its own ("said
      all this was at risk with Starmer, who he criticised as a soft touch"): that clause is
      another report of the speaker's, not part of the first.
    """
    out: set[int] = set()
    last = root.right_edge.i
    while last > root.i and (root.doc[last].is_punct or root.doc[last].is_space):
        last -= 1
    for t in root.subtree:
        if t.i == root.i:
            continue
        if t.tag_ == "VB" and (is_infinitive(t) or t.dep_ == "acl"):
            for c in t.children:
                if (
                    c.dep_ == "conj"
                    and c.i > t.i
                    and c.tag_ in ("VBD", "VBZ")
                    and _is_saying(c)
                    and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
                ):
                    out.update(x.i for x in c.subtree)
                    out.update(g.i for g in t.children if g.dep_ == "cc" and t.i < g.i < c.i)
        elif (
            t.dep_ == "relcl"
            and t.right_edge.i >= last
            and cue_lemma(t.text) in SPEECH_VERBS
            # its own speaker ("who he criticised"), not the relative pronoun ("who denied
            # it", which describes the one it follows)
            and any(
                g.dep_ == "nsubj" and g.pos_ in ("PRON", "PROPN") and g.tag_ not in ("WP", "WDT")
                for g in t.children
            )
            # and the one it follows is what the speaker acts on ("who he criticised as …");
            # "the $18 million he says he raised" says how much was raised, within the report
            and any(g.dep_ == "dobj" and g.tag_ in ("WP", "WDT") for g in t.children)
            and t.left_edge.i > root.i
        ):
            out.update(x.i for x in t.subtree)
    return out


def _past(verb: Token) -> bool:
    """True for a verb in the past tense, itself or by its auxiliary ("came", "was paid")."""
    return verb.tag_ == "VBD" or any(
        g.dep_ in ("aux", "auxpass") and g.tag_ == "VBD" for g in verb.children
    )


def _dates_the_event(root: Token, scene: Token) -> bool:
    """True for a time clause in the past tense ("before she came", "while it ran") inside
    the clause ``root`` reported by a verb in the present ("says", "note"), or inside a
    past clause reported by a verb in the past ("said he was paid late after …")."""
    if root.dep_ != "ccomp" or not _past(scene):
        return False
    cue = root.head
    # a present perfect ("has said") reports from the present too
    perfect = cue.tag_ == "VBN" and any(
        g.dep_ == "aux" and g.tag_ in ("VBZ", "VBP") for g in cue.children
    )
    return cue.tag_ in ("VBZ", "VBP") or perfect or cue.tag_ == "VBD" and _past(root)


def _finite(verb: Token) -> bool:
    """True for a verb in a finite form: past or third person present ("were", "draws"), a
    form of "be" or "have" ("are"), or with a modal or finite auxiliary of its own."""
    return (
        verb.tag_ in ("VBD", "VBZ")
        or verb.tag_ == "VBP"
        and verb.pos_ == "AUX"
        or any(
            g.dep_ in ("aux", "auxpass") and g.tag_ in ("MD", "VBD", "VBZ", "VBP")
            for g in verb.children
        )
    )


def _is_scene(c: Token) -> bool:
    """True for the writer's time or circumstance clause ("as the pier closed", "after a
    panel blew off", "amid intense pressure")."""
    return (
        c.dep_ == "advcl"
        and c.left_edge.i > 0
        and c.doc[c.left_edge.i].lower_ in _WRITERS_TIME_MARKS
        or c.dep_ == "prep"
        and c.lower_ in ("amid", "despite")
    )


def _scene_at_the_end(root: Token) -> list[Token]:
    """A writer's scene that ends the reported clause but hangs on a verb inside it.

    ("said she intends to earn and win the nomination after the president dropped out",
    "told staff the company needs to admit its mistakes as the jet comes under scrutiny"):
    the parser hangs the scene on the infinitive or clause that ends the report, below the
    clause's own verb. Follows the last complement down and returns the scene, or ``[]``.
    """
    node, end = root, root.right_edge.i
    for _ in range(4):  # a complement inside a complement, no deeper
        tail = [c for c in node.rights if c.dep_ in ("xcomp", "ccomp", "conj")]
        if not tail or tail[-1].pos_ not in ("VERB", "AUX"):
            return []
        node = tail[-1]
        last = [c for c in node.rights if c.right_edge.i == end]
        if last and _is_scene(last[0]) and last[0].left_edge.i > node.i:
            return [last[0]]
    return []


# Subordinators of a condition or a reason: what follows them is part of the claim ("…
# to take risks, even if it means making mistakes", "…, because the pier is unsafe").
_CLAIM_MARKS = frozenset({"if", "unless", "because", "so"})


def _condition_or_reason(clause: Token) -> bool:
    """True for an adverbial clause opened by a condition or reason (``_CLAIM_MARKS``)."""
    return any(g.dep_ == "mark" and g.lower_ in _CLAIM_MARKS for g in clause.children)


# Subordinators that open the writer's account of when or while something was said.
_WRITERS_TIME_MARKS = frozenset({"as", "after", "while", "before", "though", "although"})

_OBJECT_PATH_DEPS = frozenset(
    {"dobj", "pobj", "prep", "dative", "npadvmod", "compound", "amod", "appos"}
)


def _that_clause_past_occasion(verb: Token) -> tuple[Token | None, list[Token]]:
    """A "that" clause the parser hung on a word of the occasion phrase after the verb.

    "said during Wednesday's Senate hearing that …" (the parser reads "hearing" as a
    participle), "said in an interview with NBC's Meet the Press aired Sunday that …" ("aired"
    read as a clause of "said"): the word right after the phrase is a verb form with no
    subject of its own, and the "that" clause below it is what was said. Out: that word and
    the clause's tokens, or ``(None, [])``."""
    preps = [c for c in verb.rights if c.dep_ == "prep" and c.lower_ in _OCCASION_PREPS]
    if not preps:
        return None, []
    occasion = {t.i for p in preps for t in p.subtree}
    for c in verb.rights:
        if (
            c.dep_ in ("advcl", "ccomp", "acl")
            and c.tag_ in ("VBG", "VBD", "VBN")
            and c.i > preps[0].i
            and c.i - 1 in occasion
            and not any(g.dep_ in ("nsubj", "nsubjpass", "csubj", "aux") for g in c.children)
        ):
            for g in c.children:
                if g.dep_ == "ccomp" and any(
                    m.dep_ == "mark" and m.lower_ == "that" for m in g.children
                ):
                    return c, _clause_tokens(g)
    return None, []


# Prepositions that open the occasion of an act of saying ("in an interview", "during the
# hearing", "at a news conference").
_OCCASION_PREPS = frozenset({"in", "at", "during", "on", "after", "before", "following"})


def _that_clause_below(verb: Token) -> list[Token]:
    """A "that" clause the parser hung on the verb's object ("told the crowd that …").

    Returns the clause's tokens, or ``[]`` when there is none reachable through objects and
    prepositions only.
    """
    for tok in verb.rights:
        if tok.dep_ not in _OBJECT_PATH_DEPS:
            continue
        for c in tok.subtree:
            if c.dep_ in ("acl", "relcl", "ccomp") and any(
                m.dep_ == "mark" and m.lower_ == "that" for m in c.children
            ):
                chain = c.head
                while chain.i != verb.i and chain.dep_ in _OBJECT_PATH_DEPS:
                    chain = chain.head
                if chain.i == verb.i:
                    return _clause_tokens(c)
    return []


# Verbs of talking: they take a topic or an addressee, never the content itself.
_TALKING_VERBS = frozenset({"speak", "talk"})


def _interjected(tok: Token) -> bool:
    """True for a cue set off by commas inside or after the clause it reports.

    ``It was key, Blinken said.`` / ``On top of that, Blinken said, it would …``: the parser
    hangs the cue off the reported clause as parataxis (or as a clausal complement) instead
    of the other way round.
    """
    head = tok.head
    if head.i == tok.i:
        return False
    if tok.dep_ == "parataxis":
        # set off by a comma or dash ("It was key, Blinken said"); a verb right after a
        # noun ("the experts I spoke to") is a relative clause the parser misread
        left = tok.left_edge.i
        return (
            tok.doc[left].is_punct or left == 0 or tok.doc[left - 1].pos_ not in ("NOUN", "PROPN")
        )
    if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children):
        # "As many tax experts have pointed out, Mr. Trump is free to …" (but not "as the
        # US fears another spike", where the verb has an object of its own, nor "as might
        # be expected", where nobody is named: that is the writer's comment, nor "as they
        # speak to business leaders": a verb of talking names no content, so the clause
        # says when)
        return (
            not any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in tok.children)
            and cue_lemma(tok.text) not in _TALKING_VERBS
            and any(c.dep_ in ("nsubj", "agent") for c in tok.children)
        )
    if head.pos_ not in ("VERB", "AUX") or _is_saying(head):
        return False  # ("said he would order …"): the cue is what another verb reports
    if tok.dep_ == "ccomp" and head.i < tok.i:
        left = tok.left_edge.i
        return left > 0 and tok.doc[left - 1].text == ","
    return False


_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _bare_clause(verb: Token) -> list[Token]:
    """A reported clause the parser took for an adverbial one ("said after the convention
    he would not accept …"): a finite clause with a subject of its own, right of a verb of
    saying, neither introduced by a subordinator nor set off by a comma. ``[]`` if none.
    """
    doc = verb.doc
    for c in verb.rights:
        if c.dep_ != "advcl" or c.left_edge.i <= verb.i:
            continue
        if doc[c.left_edge.i - 1].text == "," or any(
            g.dep_ in ("mark", "advmod") and g.tag_ in ("IN", "WRB") for g in c.children
        ):
            return []
        subject = any(g.dep_ in ("nsubj", "nsubjpass") and g.i < c.i for g in c.children)
        finite = c.tag_ in _FINITE or any(
            g.dep_ in ("aux", "auxpass") and g.tag_ in _FINITE for g in c.children
        )
        return _clause_tokens(c) if subject and finite else []
    return []


def _small_clause(verb: Token, tokens: list[Token]) -> list[Token]:
    """An object and what the verb says about it, as one stretch of text.

    ("called her vote in favor of the war a mistake", "urged Israel once more to …"): words
    between the object and its predicate belong to what is reported, whichever of the two
    the parser hung them on. ``tokens`` (the object's and the predicate's) come back with
    the verb's own dependents that lie between them; the verb itself and its subject stay out.
    """
    if not tokens:
        return tokens
    ids = {t.i for t in tokens}
    lo, hi = min(ids), max(ids)
    if lo < verb.i < hi:
        return tokens
    subject = {t.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
    doc = verb.doc
    gap = [doc[i] for i in range(lo + 1, hi) if i not in ids]
    if any(
        t.i in subject or t.text in (";", ":") or not (verb.left_edge.i <= t.i <= verb.right_edge.i)
        for t in gap
    ):
        return tokens
    return tokens + gap


def _stranded_infinitives(verb: Token, xcomp: Token) -> list[Token]:
    """Bare infinitives the parser coordinated with ``verb`` that continue its ``to`` clause.

    ("She wants to triple X, grow Y and create Z"): a finite verb cannot be coordinated
    with a bare infinitive, so an infinitive ``conj`` of a finite cue verb, without a
    subject of its own, shares the ``to`` of the complement before it. Returns the
    infinitives' tokens with the commas and conjunctions that join them, or ``[]``.
    """
    if xcomp.tag_ != "VB" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in xcomp.children):
        return []
    owner, forms = verb, frozenset({"VB"})
    if verb.tag_ == "VBG" and verb.dep_ == "advcl" and verb.head.tag_ in ("VBD", "VBZ", "VBN"):
        # (", promising to widen X and rebuild Y"): the parser hangs the second infinitive
        # on the main verb and may tag it as a present verb; a past, participle or
        # third-person main verb cannot be coordinated with a base form
        owner, forms = verb.head, frozenset({"VB", "VBP"})
    elif verb.tag_ not in ("VBD", "VBZ", "VBP"):
        return []
    elif verb.tag_ in ("VBD", "VBZ"):
        # ("declined to fund the bridge or even publicly call it necessary"): the tagger
        # may read the bare infinitive as a present verb, which a past or third-person
        # verb cannot be coordinated with either
        forms = frozenset({"VB", "VBP"})
    doc = verb.doc
    out: list[Token] = []
    edge = xcomp.right_edge.i
    for c in owner.rights:
        if c.i <= edge or c.dep_ != "conj":
            continue
        if c.tag_ not in forms or any(
            g.dep_ in ("nsubj", "nsubjpass") or g.dep_ == "aux" and g.lower_ != "to"
            for g in c.children
        ):
            break
        joint = doc[edge + 1 : c.left_edge.i]
        if not all(t.is_punct or t.dep_ == "cc" for t in joint) or any(
            t.text in (";", ":") for t in joint
        ):
            break
        out.extend(joint)
        out.extend(c.subtree)
        edge = c.right_edge.i
    return out


def _as_scene_misread(verb: Token) -> set[int]:
    """Token indices of an "as" scene the parser split between a reported clause and the
    cue: "as" read as a preposition with the scene's subject for object, and the scene's
    verb, with no subject of its own, a second clause of the cue. Empty when there is none
    or when the scene dates a past event under a present cue ("says the roof leaked as the
    storm hit")."""
    doc = verb.doc
    for c in verb.rights:
        if c.dep_ != "ccomp" or not _finite(c) or c.left_edge.i < 2:
            continue
        if any(g.dep_ in ("nsubj", "nsubjpass", "expl", "mark") for g in c.children):
            continue
        before = doc[c.left_edge.i - 1]
        prep = next(
            (
                a
                for a in before.ancestors
                if a.dep_ == "prep" and a.lower_ == "as" and a.head.i != verb.i
            ),
            None,
        )
        if prep is None or prep.right_edge.i != before.i or prep.head.i < verb.i:
            continue
        if _past(c) and verb.tag_ in ("VBZ", "VBP"):
            continue
        return {t.i for t in prep.subtree} | {t.i for t in c.subtree}
    return set()


def _finite_or_infinitive(tokens: list[Token]) -> bool:
    """Whether the tokens hold a clause (a verb with a subject, or a "to" infinitive) rather
    than a noun phrase alone."""
    return any(
        t.pos_ in ("VERB", "AUX")
        and (any(g.dep_ in ("nsubj", "nsubjpass") for g in t.children) or is_infinitive(t))
        for t in tokens
    )


def _bare_attribution(clause: Token) -> bool:
    """Whether a clause the parser hung on a cue is a second attribution with nothing said
    of its own ('"…," Calhoun said in the meeting, a spokesperson confirmed to CBS News'):
    a verb of saying with its subject and no complement or object."""
    doc = clause.doc
    return (
        clause.dep_ == "ccomp"
        and clause.tag_ in ("VBD", "VBZ")
        and cue_lemma(clause.text) in SPEECH_VERBS
        and clause.left_edge.i > 0
        and "," in (doc[clause.left_edge.i].text, doc[clause.left_edge.i - 1].text)
        and any(g.dep_ == "nsubj" for g in clause.children)
        and not any(g.dep_ in ("aux", "neg") for g in clause.children)
        and not any(
            g.dep_ in ("ccomp", "xcomp", "dobj", "attr", "acomp", "oprd", "advcl", "conj")
            or is_quote_mark(g)
            for g in clause.children
        )
    )


def _plural_aux(verb: Token) -> bool:
    """Whether the verb's auxiliary is a plural present ("are", "have", "do")."""
    return any(g.dep_ in ("aux", "auxpass") and g.tag_ == "VBP" for g in verb.children)


def _object_read_as_subject(verb: Token, clause: Token) -> list[Token]:
    """The subject of a reported clause that the parser made the cue's object.

    ("insisted his plan to restore stability was working", "warned the world is now more
    dangerous"): a finite clause with no subject and no "that" or other conjunction (the
    parser may call it an adverbial one), right after an object of the cue,
    has that object for its subject; an addressee ("told reporters he was proud") comes
    before a clause with a subject of its own. Out: the object's tokens, or ``[]``.
    """
    if clause.dep_ not in ("ccomp", "advcl") or clause.i < verb.i:
        return []
    if clause.tag_ in ("VBG", "VBN") and not any(
        g.dep_ in ("aux", "auxpass") for g in clause.children
    ):
        return []  # ("denied taking the money"): a participle on its own is no clause
    if any(g.dep_ in ("nsubj", "nsubjpass", "expl", "csubj", "mark") for g in clause.children):
        return []
    if not (_finite(clause) or clause.tag_ == "VBP"):
        return []  # ('told them "thank you"', "asked him how to cope"): no clause of its own
    for obj in verb.children:
        if (
            obj.dep_ == "dobj"
            and verb.i < obj.i
            and obj.right_edge.i + 1 == clause.left_edge.i
            and obj.tag_ != "PRP"  # "him", "them": an addressee, never a subject
            and not any(t.dep_ == "relcl" for t in obj.subtree)
            # ("asked President Obama make a pledge"): a plural verb after a singular noun
            # does not agree with it; the noun is the one asked
            and not (obj.tag_ in ("NN", "NNP") and (clause.tag_ == "VBP" or _plural_aux(clause)))
        ):
            return list(obj.subtree)
    return []


def _fronted_part(verb: Token, speaker: Token) -> list[Token]:
    """The clause before the speaker of an interjected cue that the parser hung on the cue.

    ("If the plan fails to persuade the board, the mayor argues, there are other tools"):
    a finite clause with a subject of its own, ended by the comma right before the speaker
    phrase, is the first part of the report. A participle without a subject ("Speaking at
    the harbour, …") is the writer's scene and stays out. Returns its tokens, or ``[]``.
    """
    doc = verb.doc
    start = min(speaker.left_edge.i, verb.i)
    for c in verb.lefts:
        if (
            c.dep_ in ("advcl", "ccomp")
            and c.right_edge.i + 2 == start
            and doc[c.right_edge.i + 1].text == ","
            and any(g.dep_ in ("nsubj", "nsubjpass", "expl") for g in c.children)
        ):
            return list(c.subtree)
    return []


def _coordinated_after_postposed(verb: Token) -> list[Token]:
    """A second reported clause joined after a post-posed cue.

    ("The middle fifth paid 9 percent, the agency said in a report, and the bottom fifth
    paid 1 percent."): after a cue that follows what it reports, a clause with a subject of
    its own joined by ", and" / ", but" goes on with the report, unless it has a verb of
    saying of its own. Returns its tokens (without the comma and conjunction), or ``[]``.
    """
    doc = verb.doc
    if any(is_quote_mark(t) for t in doc[verb.sent.start : verb.i]):
        return []  # ("“…,” she said, and soon the crowd …"): after a quotation, narration
    for c in verb.rights:
        if c.dep_ != "conj" or c.pos_ not in ("VERB", "AUX"):
            continue
        if cue_lemma(c.text) is not None or not any(
            g.dep_ in ("nsubj", "nsubjpass", "expl") for g in c.children
        ):
            return []
        left = c.left_edge.i
        if left < 2 or doc[left - 1].dep_ != "cc" or doc[left - 2].text != ",":
            return []
        return _clause_tokens(c)
    return []


def _modal_predicate(tok: Token) -> bool:
    """True for a coordinated verb with a modal of its own and no subject ("…, but would
    add delays"): a second predicate of the same subject."""
    return (
        tok.dep_ == "conj"
        and tok.pos_ in ("VERB", "AUX")
        and not any(g.dep_ in ("nsubj", "nsubjpass") for g in tok.children)
        and any(g.dep_ == "aux" and g.tag_ == "MD" and g.i < tok.i for g in tok.children)
    )


def _modal_continuation(verb: Token, edge: int) -> list[Token]:
    """A second predicate of the reported clause that the parser coordinated with the cue.

    ("The auditor says the toll would cut traffic, but would add delays later"): a verb
    with a modal of its own and no subject, joined right after the reported clause, goes on
    with what was reported; the speaker's own second verb would carry the cue's tense. Returns
    its tokens with the comma and conjunction before it, or ``[]``.
    """
    if any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children):
        return []
    for c in verb.rights:
        if c.dep_ != "conj" or c.i <= edge:
            continue
        if not _modal_predicate(c):
            return []
        return _joined_clause(verb.doc, edge, c)
    # ("The station took calls from commuters who said they liked the trains, but would
    # not pay the fares"): the parser may hang that predicate on a verb higher up, whose
    # own second verb would carry its tense as well
    node = verb
    while node.head.i != node.i:
        node = node.head
        if node.pos_ not in ("VERB", "AUX") or any(
            c.dep_ == "aux" and c.tag_ == "MD" for c in node.children
        ):
            continue
        for c in node.rights:
            if c.dep_ == "conj" and c.left_edge.i > edge and _modal_predicate(c):
                return _joined_clause(verb.doc, edge, c)
    return []


def _joined_clause(doc: Doc, edge: int, clause: Token) -> list[Token]:
    """``clause`` with what joins it to the report ending at token ``edge``: commas and a
    conjunction only (a ";", ":" or "." between them ends the report), or ``[]``."""
    joint = doc[edge + 1 : clause.left_edge.i]
    if not all(t.is_punct or t.dep_ == "cc" for t in joint) or any(
        t.text in (";", ":", ".") for t in joint
    ):
        return []
    return list(joint) + list(clause.subtree)


def _second_that_clause(verb: Token, edge: int) -> list[Token]:
    """A second "that" clause the parser coordinated with the cue itself.

    ("acknowledged that he cannot claim X, but that he is proud of Y"): a clause opened by
    its own "that" right after the reported one is reported by the same verb. Returns its
    tokens with the comma and conjunction before it, or ``[]``.
    """
    for c in verb.rights:
        if c.dep_ != "conj" or c.left_edge.i <= edge:
            continue
        if not any(g.dep_ == "mark" and g.lower_ == "that" and g.i < c.i for g in c.children):
            return []
        return _joined_clause(verb.doc, edge, c)
    return []


def _reason_after(verb: Token, edge: int) -> list[Token]:
    """A condition or reason the parser hung on the cue right after the reported clause.

    ("The mayor said the plan was a mistake, because the pier had already closed"): a
    clause opened by "because" or "if" after what was said is part of the claim, like one
    inside it (see ``_CLAIM_MARKS``). Returns its tokens with the comma before it, or ``[]``.
    """
    for c in verb.rights:
        if c.dep_ == "advcl" and c.left_edge.i > edge and _condition_or_reason(c):
            return _joined_clause(verb.doc, edge, c)
    return []


def _that_clause(tok: Token) -> bool:
    """A clause introduced by "that" (whatever the parser labelled it)."""
    return tok.dep_ in ("ccomp", "acl", "relcl") and any(
        c.dep_ == "mark" and c.lower_ == "that" for c in tok.children
    )


def _quoted_clause_before(verb: Token) -> bool:
    """Whether a clause of ``verb`` before it stands in quotation marks ('"…," he stated'):
    the verb is then the quotation's cue."""
    doc = verb.doc
    return any(
        c.dep_ == "ccomp"
        and c.i < verb.i
        and any(is_quote_mark(t) for t in doc[max(c.left_edge.i - 1, 0) : verb.i])
        for c in verb.children
    )


def _closed_by_comma(doc: Doc, last: int) -> bool:
    """Whether the clause whose last token is ``doc[last]`` is closed by a comma: right after
    it, or as its own last token before a closing quotation mark ('"It is rare," the paper
    notes', where the parser hangs the comma and the mark on the clause)."""
    if last + 1 < len(doc) and doc[last + 1].text == ",":
        return True
    k = last
    while k > 0 and is_quote_mark(doc[k]):
        k -= 1
    return k < last and doc[k].text == ","


def _verb_tagged_as_noun(tok: Token) -> Token | None:
    """The subject of a present-tense cue verb the tagger read as a plural noun, or ``None``.

    ("Trump charges that …", "The Clinton campaign plans to …"): the small model tags the
    verb NNS and hangs its subject on it as a compound. A sentence root in -s that has a
    noun right before it and a clause after it (a "that" clause or a "to" infinitive) is
    the verb; the compound noun before it is its subject.
    """
    if tok.dep_ != "ROOT" or tok.i == 0 or tok.tag_ not in ("NN", "NNS"):
        return None
    # a clause before the word, set off by a comma, can only be what a verb reports ("X,
    # the island's harbour master maintains."): its subject's words hang on it then
    fronted = any(
        c.dep_ == "ccomp" and c.i < tok.i and _closed_by_comma(tok.doc, c.right_edge.i)
        for c in tok.children
    )
    if tok.tag_ == "NN":
        # a past tense the tagger read as a noun ('"…," the authority's statement read'):
        # only with the reported clause before it and a subject of its own
        subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        return subject if fronted and subject is not None else None
    if not tok.lower_.endswith("s"):
        return None
    if not fronted and any(c.dep_ in ("det", "poss", "amod", "nummod") for c in tok.children):
        return None  # "the claims that …", "his plans to …": a noun after all
    subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subject is not None and any(c.dep_ == "ccomp" for c in tok.children):
        # ("X is fine, the chief executive insists."): a subject and a clause of its own
        # make the word a verb, whichever side the clause is on
        return subject
    prev = tok.doc[tok.i - 1]
    if (
        prev.dep_ not in ("compound", "nsubj")
        or prev.head.i != tok.i
        or prev.pos_ not in ("PROPN", "NOUN")
    ):
        return None
    if (
        not any(
            _that_clause(c)
            or c.dep_ == "ccomp"
            or c.dep_ == "xcomp"
            and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
            for c in tok.rights
        )
        and not fronted
    ):
        return None
    return prev


# Verbs of expecting: in the passive with no one who expects, the writer forecasts.
_FORECAST_VERBS = frozenset("expect forecast predict project anticipate".split())


def _sourceless_forecast(tok: Token, verb: str, speaker: Token | None) -> bool:
    """True for a verb of expecting in the passive with no agent and no speaker ("Patel is
    expected to make a statement", "rates are forecast to fall"): nobody is said to have
    said anything."""
    return (
        verb in _FORECAST_VERBS
        and any(c.dep_ == "auxpass" for c in tok.children)
        and not any(c.dep_ == "agent" for c in tok.children)
        and (speaker is None or speaker.dep_ == "nsubjpass")
    )


# Verbs whose object is the one addressed: in the passive the subject is the addressee.
_ADDRESSEE_VERBS = frozenset(
    "ask tell urge press order warn advise instruct remind invite encourage implore "
    "persuade convince question".split()
)


def _passive_subject(verb: Token, speaker: Token | None) -> list[tuple[int, int]]:
    """The subject of a passive cue, which belongs to what is reported about it.

    ("Obama's veto is expected to come before Friday", "Mr. Quiros was accused of using
    …"): what is expected or alleged is the subject doing the complement, so the subject is
    one more part of the content. Returns its character span, or ``[]`` (no passive subject,
    an expletive "it"/"there", or the subject is the speaker).
    """
    if cue_lemma(verb.text) in _ADDRESSEE_VERBS:
        return []  # ("Flynn was asked whether …"): the one asked is no part of the question
    for c in verb.children:
        if (
            c.dep_ == "nsubjpass"
            and c.i < verb.i
            and c.lower_ not in ("it", "there")
            and (speaker is None or speaker.i != c.i)
        ):
            span = _span_chars(verb.doc, list(c.subtree))
            return [span] if span else []
    return []


def _quotes_in_object(verb: Token) -> bool:
    """Whether the direct object after ``verb`` holds quotation marks: a verb of saying
    with a quoted object ("reported "2,521 shooting incidents"", "proclaimed a goal of
    "Peace Through Strength"") reports the speaker's words whatever the verb."""
    return any(
        c.dep_ == "dobj" and c.i > verb.i and any(is_quote_mark(t) for t in c.subtree)
        for c in verb.children
    )


_NP_DEPS = frozenset({"det", "compound", "amod", "poss", "nmod", "nummod", "case", "nsubj"})


# Nouns that turn what follows them into a claim: "stressed the need to prevent …" says that
# preventing it is needed, "stressed the imperative of protecting civilians" that it is
# imperative, "highlighted Israel's agreement with the US approach" that Israel agrees.
_PROPOSITION_NOUNS = frozenset("need imperative necessity urgency agreement disagreement".split())
# ... these two only as someone's stand on something ("an agreement for the return of X" is
# a deal)
_STANCE_NOUNS = frozenset({"agreement", "disagreement"})


def _propositional_object(obj: Token) -> bool:
    """True for an object that states a proposition: a noun of necessity with what it calls
    for ("the need to prevent further displacement", "the imperative for the avoidance of …")."""
    if obj.lower_ not in _PROPOSITION_NOUNS:
        return False
    if obj.lower_ in _STANCE_NOUNS:
        return any(c.dep_ == "poss" for c in obj.children) and any(
            c.dep_ == "prep" and c.lower_ == "with" for c in obj.children
        )
    if any(c.dep_ in ("acl", "relcl", "prep") and c.i > obj.i for c in obj.children):
        return True
    # the parser often hangs the complement on the verb ("stressed [the imperative] [for …]")
    nxt = obj.doc[obj.right_edge.i + 1] if obj.right_edge.i + 1 < len(obj.doc) else None
    return nxt is not None and nxt.dep_ == "prep" and nxt.head.i == obj.head.i


# Words that open the writer's scene set off after a postposed cue (", after the mayor said
# he was leaving", ", as talks resumed", ", amid protests").
_SCENE_OPENERS = _WRITERS_TIME_MARKS | {"when", "amid", "despite"}


def _scene_after_cue(tok: Token) -> int:
    """Where what follows a postposed cue ends, for :func:`_postposed`: the start of a scene
    the writer adds after a comma (``X, his rival said Sunday, after the mayor said he was
    leaving.``), which is the writer's account of when, not more of the speaker's words,
    else the end of the sentence. In: the cue. Out: a token index."""
    doc, sent = tok.doc, tok.sent
    for t in doc[tok.i + 1 : min(sent.end, tok.i + 5)]:
        if t.text == ",":
            nxt = t.i + 1
            if nxt < sent.end and doc[nxt].lower_ in _SCENE_OPENERS:
                return t.i
            return sent.end
    return sent.end


def _postposed(tok: Token) -> tuple[list[Token], Token | None] | None:
    """A cue set after its content at the end of a sentence: ``X, FEC records show.`` /
    ``If it cannot yet, it will soon, analysts say.``

    Only a comma, a short subject phrase and then the cue, with nothing but punctuation or
    a time adverbial after it. Returns the sentence's tokens before the comma and the
    subject's head (which the parser may have hung on the verb as a compound), or ``None``.
    """
    doc = tok.doc
    sent = tok.sent
    if tok.tag_ not in ("VBD", "VBZ", "VBP"):
        return None
    end = _scene_after_cue(tok)
    after = [t for t in doc[tok.i + 1 : end] if not (t.is_punct or t.is_space)]
    if len(after) > 2 or any(t.pos_ in ("VERB", "AUX", "SCONJ") for t in after):
        return None
    tail = [t for t in doc[tok.i + 1 : sent.end] if not t.is_space]
    if tail and tail[-1].text not in (".", "!", "?") and sent.end < len(doc):
        return None  # ("…, Ortiz said, "…""): the cue introduces what follows
    j = tok.i - 1
    subject: list[Token] = []
    while j >= sent.start and doc[j].text != "," and len(subject) < 7:
        t = doc[j]
        if t.pos_ not in ("NOUN", "PROPN", "PRON", "DET", "ADJ", "NUM", "PART", "ADV"):
            return None
        subject.insert(0, t)
        j -= 1
    if j < sent.start or doc[j].text != "," or not subject or j - sent.start < 3:
        return None
    if not any(t.pos_ in ("NOUN", "PROPN", "PRON") for t in subject):
        return None
    head = next((t for t in reversed(subject) if t.pos_ in ("NOUN", "PROPN", "PRON")), None)
    content = [t for t in doc[sent.start : j] if not t.is_space]
    if content and content[0].tag_ in ("VBG", "VBN") and content[0].dep_ == "advcl":
        return None  # ("Speaking at the harbour, Ortiz said"): a scene, not the content
    if any(c.dep_ == "dobj" and c.i > tok.i for c in tok.children) or (
        content
        and content[0].pos_ == "ADP"
        and not any(t.pos_ in ("VERB", "AUX") or is_quote_mark(t) for t in content)
    ):
        # ("After the match, Holm praised his players"): a verb with its own object, or a
        # phrase of place or time before it, is a scene set before an act, not a report
        # ("People like Scott, he said" is a fragment said)
        return None
    if tok.i + 1 < len(doc) and doc[tok.i + 1].text == ":":
        return None  # ("…, Kall said: "…""): the cue introduces what follows the colon
    scenes = [
        c
        for c in tok.lefts
        if c.dep_ == "advcl"
        and any(g.dep_ in ("mark", "advmod") and g.tag_ in ("IN", "WRB") for g in c.children)
    ]
    if scenes:
        # the scene with the adverbs and conjunction the verb has of its own
        covered = {t.i for t in scenes[0].subtree} | {
            t.i for c in tok.lefts if c.dep_ in ("cc", "advmod", "npadvmod") for t in c.subtree
        }
        if all(t.i in covered or t.is_punct for t in content):
            return None  # ("But when the council cut funding, the port said enough")
    return content, head


# Events one calls in the sense of convening them ("called a snap election", "calling for
# early elections"): the object is what was set up, not something said.
_CONVENED = frozenset(
    "election elections poll polls vote votes referendum meeting meetings session summit "
    "hearing hearings strike strikes recess".split()
)


def _fenced_off(verb: Token, clause: Token) -> bool:
    """True for a clause left of ``verb`` that is no part of what it reports: one ended by a
    semicolon or colon before the verb ("It is unlikely; her team says she will …"), or one
    before a verb that opens a quotation with a colon ("X, Kall said: "…"")."""
    if clause.i > verb.i:
        return False
    doc = verb.doc
    between = doc[clause.right_edge.i + 1 : verb.i]
    if any(t.text in (";", ":") for t in between):
        return True
    return verb.i + 1 < len(doc) and doc[verb.i + 1].text == ":"


# "said the same day": a time, not a statement, whatever the parser hung it on
_TIME_NOUNS = frozenset("day days week month year night morning evening afternoon time".split())

# Verbs that give something a name or label ("called him a charlatan", "was dubbed X").
_NAMING_VERBS = frozenset("call label brand dub term".split())


def _predicated_object(obj: Token) -> bool:
    """True for an object with what is said of it ("pointed to the vote as an example of
    …"): an "as" phrase with an object of its own inside the object's phrase."""
    return any(
        t.dep_ == "prep" and t.lower_ == "as" and any(g.dep_ == "pobj" for g in t.children)
        for t in obj.subtree
        if t.i != obj.i
    )


def _clause_read_as_object(obj: Token) -> bool:
    """True for a clause the parser read as a noun phrase ("said he had secured contracts
    …": "secured" a modifier of "contracts", "he had" hung on it): a subject with a finite
    auxiliary of its own before the object's head, inside the object's phrase."""
    return any(
        t.dep_ in ("nsubj", "nsubjpass")
        and t.i < obj.i
        and any(
            g.dep_ in ("aux", "auxpass") and g.tag_ in ("VBD", "VBZ", "VBP", "MD")
            for g in t.head.subtree
            if t.i < g.i < obj.i
        )
        for t in obj.subtree
    )


def _when_phrase(prep: Token) -> bool:
    """True for a preposition that gives a time or manner rather than the verb's object:
    its object is a date ("called her on Friday"), or a comma sets it off ("called for X,
    but on a wider scale")."""
    doc = prep.doc
    if prep.i > 0 and (doc[prep.i - 1].text == "," or doc[prep.i - 1].dep_ == "cc"):
        return True
    return any(
        g.dep_ == "pobj"
        and (g.ent_type_ in ("DATE", "TIME") or g.lower_ in _WEEKDAYS or g.lower_ in _TIME_NOUNS)
        for g in prep.children
    )


def _convenes(verb: Token) -> bool:
    """True when "call" sets up an event ("called a snap election", "calling for early
    elections") rather than describing something ("called her vote a mistake")."""
    if any(
        c.dep_ == "oprd" and (c.pos_ == "ADJ" or any(g.dep_ == "det" for g in c.children))
        for c in verb.children
    ):
        return False  # "called the election a sham", "called the vote unfair"
    for c in verb.children:
        objs = [c] if c.dep_ == "dobj" else []
        if c.dep_ == "prep" and c.lower_ == "for":
            objs = [g for g in c.children if g.dep_ == "pobj"]
        for obj in objs:
            if obj.lower_ in _CONVENED and not any(g.dep_ == "poss" for g in obj.children):
                return True
    return False


_UNNAMED_AS = frozenset({"named", "identified", "quoted"})


def _asks_anonymity(tok: Token) -> bool:
    """Whether a verb asks for the speaker's own anonymity, a formula of sourcing and no
    statement ("officials, who asked not to be identified, said ...", "a spokesman, who
    declined to be named, said ...")."""
    doc = tok.doc
    words = [t.lower_ for t in doc[tok.i + 1 : tok.i + 5]]
    verb = cue_lemma(tok.text)
    if verb == "ask":
        return words[:3] == ["not", "to", "be"] and len(words) == 4 and words[3] in _UNNAMED_AS
    return (
        verb in ("decline", "refuse")
        and words[:2] == ["to", "be"]
        and len(words) >= 3
        and words[2] in _UNNAMED_AS
    )


# What may stand between "and" and the verb as its subject ("and its governor, Elsa Brandt,").
_SUBJECT_PHRASE_POS = frozenset("NOUN PROPN DET ADJ PRON NUM PART PUNCT".split())


def _subject_in_clause_before(tok: Token) -> tuple[Token, Token] | None:
    """The subject of a cue that the parser folded into a clause before it, and that clause.

    "The bank left its rate unchanged on Wednesday and its governor, Elsa Brandt, said
    policymakers needed more evidence": the parser reads "governor" as joined to "Wednesday"
    and the whole first clause as what was said, leaving the verb with no subject. When the
    verb has a clause before it that ends in "and" and a noun phrase running up to the verb,
    the phrase is who speaks and the clause before "and" is the writer's narration. In: a
    finite cue verb with no subject. Out: (the phrase's head, the clause) or ``None``."""
    doc = tok.doc
    for clause in tok.lefts:
        if clause.dep_ != "ccomp" or clause.right_edge.i < tok.i - 2:
            continue
        ands = [t for t in clause.subtree if t.dep_ == "cc" and t.lower_ == "and"]
        if not ands:
            return None
        phrase = [t for t in doc[ands[-1].i + 1 : tok.i] if not t.is_space]
        words = [t for t in phrase if not t.is_punct]
        if not words or len(words) > 8 or any(t.pos_ not in _SUBJECT_PHRASE_POS for t in phrase):
            return None
        if not any(t.pos_ in ("NOUN", "PROPN") for t in words):
            return None
        narrated = doc[clause.left_edge.i : ands[-1].i]
        if not any(t.pos_ in ("VERB", "AUX") for t in narrated):
            return None
        inside = {t.i for t in phrase}
        head = next(
            (t for t in words if t.pos_ in ("NOUN", "PROPN") and t.head.i not in inside), None
        )
        return (head, clause) if head is not None else None
    return None


def _verb_cue(tok: Token, settings: DetectSettings) -> Cue | None:
    """A cue headed by the verb ``tok``, with its speaker and complement, or ``None``."""
    verb = cue_lemma(tok.text)
    if verb is None:
        return None
    subject_noun = _verb_tagged_as_noun(tok)
    if subject_noun is None and (
        tok.pos_ not in ("VERB", "AUX") or tok.dep_ in ("amod", "compound")
    ):
        return None
    if parenthetical_participle(tok) is not None:
        return None  # what was put to the speaker, by someone unnamed, not what they said
    doc = tok.doc
    if _asks_anonymity(tok):
        return None
    speaker = subject_noun if subject_noun is not None else subject_of(tok)
    run_on: Token | None = None  # a name that opens a sentence the parser ran into another
    if (
        speaker is None
        and tok.tag_ in ("VBD", "VBZ", "VBP")
        and tok.i > 0
        and doc[tok.i - 1].pos_ == "PROPN"
        and not any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)
    ):
        # ("Following this Altman wrote: …"): the parser took the name for the object of
        # the phrase before it; a finite verb right after a name has that name as subject
        speaker = doc[tok.i - 1]
    elif (
        speaker is not None
        and speaker.i < tok.i - 1
        and tok.dep_ == "conj"
        and tok.tag_ in ("VBD", "VBZ", "VBP")
        and doc[tok.i - 1].pos_ == "PROPN"
        and doc[tok.i - 1].dep_ in ("pobj", "dobj", "appos")
        and not any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in tok.children)
    ):
        # ("… a statement on X. Ames responded that …"): a sentence break the tokenizer
        # missed after an initial-like word joins two sentences, and the second verb takes
        # the first one's subject; a verb joined to another never follows a bare name
        speaker = run_on = doc[tok.i - 1]
    elif (
        tok.tag_ == "VBG"
        and tok.i > 0
        and doc[tok.i - 1].pos_ == "PROPN"
        and doc[tok.i - 1].dep_ == "pobj"
        and doc[tok.i - 1].head.lower_ in ("with", "of")
        and (speaker is None or speaker.i != tok.i - 1)
        and not any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in tok.children)
    ):
        # ("ended with Okafor asserting that …", "footage of Okafor asking …"): the name
        # right before the participle is who speaks, not the subject of the sentence
        speaker = doc[tok.i - 1]
    occasion_verb, past_occasion = _that_clause_past_occasion(tok)
    narration: Token | None = None  # a clause before the cue that is the writer's own
    if speaker is None and tok.tag_ in ("VBD", "VBZ", "VBP"):
        hidden = _subject_in_clause_before(tok)
        if hidden is not None:
            speaker, narration = hidden
    strong = verb in SPEECH_VERBS
    content_tokens: list[Token] = []
    clause_edge = -1
    if past_occasion:
        content_tokens.extend(past_occasion)
        clause_edge = max(t.i for t in past_occasion)
    # ("told staff that the company must own its mistakes as the safety of its jets
    # comes under scrutiny"): the parser read "as" as a preposition and hung the scene's
    # verb on the cue; both are the writer's
    as_scene = _as_scene_misread(tok)
    for child in tok.children:
        if _fenced_off(tok, child) or narration is not None and child.i == narration.i:
            continue
        if occasion_verb is not None and child.i == occasion_verb.i:
            continue
        if (
            child.dep_ == "ccomp"
            and child.i > tok.i
            and not any(g.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for g in child.children)
            and _quoted_clause_before(tok)
        ):
            # ('"…," he stated unprompted in his opening remarks'): the quote before the cue
            # is what was said; a "clause" after it with no subject is the parser's reading of
            # the writer's words about how
            continue
        if _bare_attribution(child):
            continue
        if child.i in as_scene:
            continue
        taken = _object_read_as_subject(tok, child)
        if child.dep_ in _CLAUSE_DEPS or subject_noun is not None and _that_clause(child) or taken:
            content_tokens.extend(taken)
            content_tokens.extend(_clause_tokens(child))
            clause_edge = max(clause_edge, child.right_edge.i)
    if as_scene:
        content_tokens = [t for t in content_tokens if t.i not in as_scene]
    if content_tokens:
        edge = max(t.i for t in content_tokens)
        going_on = _modal_continuation(tok, edge)
        if not going_on and clause_edge > edge:
            # ("says it would cut revenue as investors wait, but would add $8 billion"): a
            # scene the reported clause goes on after is part of it, even when the parser
            # hung the second predicate on the cue
            going_on = _modal_continuation(tok, clause_edge)
            if going_on:
                going_on = list(doc[edge + 1 : clause_edge + 1]) + going_on
        content_tokens.extend(going_on)
        content_tokens.extend(_second_that_clause(tok, max(t.i for t in content_tokens)))
        content_tokens.extend(_reason_after(tok, max(t.i for t in content_tokens)))
        if max(t.i for t in content_tokens) < tok.i:
            content_tokens.extend(_coordinated_after_postposed(tok))
    if not content_tokens and verb in _XCOMP_VERBS:
        xcomps = [c for c in tok.children if c.dep_ in ("xcomp", "ccomp") and c.i > tok.i]
        if not xcomps:
            # ("encouraged youths to step out …"): the parser hangs the infinitive on the
            # addressee; the addressee stays out of what was said
            addressed = (
                (c for c in tok.children if c.dep_ == "dobj" and c.i > tok.i)
                if verb in _DIRECTIVE_VERBS
                else ()
            )
            # ("recalling his decision to choose Biden"): after other verbs the infinitive
            # is the noun's own, and a noun phrase is no report
            for obj in addressed:
                inf = [
                    g
                    for g in obj.children
                    if g.dep_ in ("acl", "relcl")
                    and g.tag_ == "VB"
                    and any(a.dep_ == "aux" and a.lower_ == "to" for a in g.children)
                ]
                if inf:
                    content_tokens.extend(inf[0].subtree)
        if xcomps:
            objs = [c for c in tok.children if c.dep_ == "dobj" and c.i < xcomps[0].i]
            if verb in _DIRECTIVE_VERBS and is_infinitive(xcomps[0]):
                # ("urged the ferry operators to cut fares"): the one addressed is no part
                # of what was said; for "wants the council to resign" the object is
                objs = []
            for c in objs:
                content_tokens.extend(c.subtree)
            for c in xcomps:
                # an infinitive's own tail is trimmed like a clause's ("warned officials to
                # boost their security after hackers struck": the writer's "after")
                content_tokens.extend(_clause_tokens(c, comma_tails=False))
            content_tokens = _small_clause(tok, content_tokens)
            content_tokens.extend(_stranded_infinitives(tok, xcomps[-1]))
            # ("urged the youths to take risks, even if it means mistakes"): a condition
            # after the complement qualifies what was urged
            edge = max(t.i for t in content_tokens)
            for c in tok.rights:
                if c.dep_ == "advcl" and c.left_edge.i > edge and _condition_or_reason(c):
                    content_tokens.extend(doc[edge + 1 : c.left_edge.i])
                    content_tokens.extend(_clause_tokens(c))
                    break
    if not content_tokens and strong:
        content_tokens = _that_clause_below(tok)
    if not content_tokens and strong and verb not in _TOPIC_VERBS:
        # ("reported finding loose bolts", "denied taking the money"): a gerund complement
        # with an object of its own is what the speaker says happened ("described
        # overcoming discrimination" names a topic)
        gerund = next(
            (
                c
                for c in tok.rights
                if c.dep_ in ("xcomp", "ccomp")
                and c.tag_ == "VBG"
                and any(g.dep_ in ("dobj", "prep", "ccomp", "xcomp") for g in c.children)
            ),
            None,
        )
        if gerund is not None:
            content_tokens = _clause_tokens(gerund)
    if not content_tokens and _is_saying(tok):
        content_tokens = _bare_clause(tok)
    if (
        not content_tokens
        and speaker is not None
        and speaker.dep_ == "pobj"
        and speaker.head.dep_ == "agent"
    ):
        # "It was stressed by officials that …": the parser hangs the clause on "officials".
        for c in speaker.children:
            if c.dep_ in ("acl", "relcl", "ccomp") and any(
                m.dep_ == "mark" and m.lower_ == "that" for m in c.children
            ):
                content_tokens.extend(c.subtree)
    if (
        not content_tokens
        and verb in ("show", "find")
        and speaker is not None
        and speaker.lower_ in EVIDENCE_SOURCES
    ):
        # "A 2014 study found 31 incidents …": what a document shows is attributed to it,
        # with what it shows about the object ("shows him with his hands in the air",
        # "shows the mayor narrowly ahead by three points", "found 31 cases out of a
        # million"), up to a comma or a date
        objs = [c for c in tok.rights if c.dep_ == "dobj"]
        for c in objs:
            content_tokens.extend(c.subtree)
        if objs:
            for c in tok.rights:
                if c.i <= objs[0].i:
                    continue
                if doc[c.left_edge.i - 1].text == ",":
                    break
                if c.dep_ in ("prep", "advmod", "oprd", "acomp") and not (
                    c.dep_ == "prep" and _when_phrase(c)
                ):
                    content_tokens.extend(c.subtree)
            content_tokens = _small_clause(tok, content_tokens)
    if not content_tokens and (
        verb in _OBJECT_VERBS
        or strong
        and (
            _quotes_in_object(tok)
            or any(
                c.dep_ == "dobj" and c.i > tok.i and _clause_read_as_object(c) for c in tok.children
            )
        )
    ):
        objs = [c for c in tok.children if c.dep_ == "dobj" and c.i > tok.i]
        if not objs and tok.dep_ == "relcl":
            # ("Starmer, who he criticised as a soft touch"): the object is the relative
            # pronoun before the verb; what the verb says of it follows the verb
            objs = [c for c in tok.children if c.dep_ == "dobj" and c.tag_ in ("WP", "WDT")][:1]
        if objs:
            # the object and what the verb says about it ("cited X as an example of Y")
            predicated = False
            for c in tok.rights:
                if c.i > objs[0].i and c.left_edge.i > 0 and doc[c.left_edge.i - 1].text == ",":
                    break  # (", saying …"): what follows a comma is not the object's
                if c.i >= objs[0].i and (
                    c.dep_ in _OBJECT_TAIL_DEPS
                    and (
                        c.dep_ != "prep"
                        or c.lower_ in ("as", "to", "for")
                        # "accused the auditor of being a partisan": the charge
                        or c.lower_ == "of"
                        and verb == "accuse"
                    )
                ):
                    content_tokens.extend(c.subtree)
                    # "described X as Y", "likened X to Y", "called X a Y"; "for" gives a
                    # reason ("thanked them for their support"), not a predication
                    predicated = (
                        predicated
                        or c.i > objs[0].i
                        and (c.lower_ != "for" or verb in _CHARGING_VERBS)
                        # "likened X to Y" compares; "pitched X to the council" addresses
                        and (c.lower_ != "to" or verb in _COMPARING_VERBS)
                        and verb not in _NOT_DESCRIBING
                    )
            # ("compared religions to languages", "described it as a disaster"): the parser
            # may hang the predicate on the object itself; a noun's own "to" or "with" ("his
            # commitment to the nation") is no comparison after other verbs
            predicated = (
                predicated
                or any(
                    c.dep_ == "prep"
                    and c.i > objs[0].i
                    and (
                        c.lower_ == "as" or c.lower_ in ("to", "with") and verb in _COMPARING_VERBS
                    )
                    for c in objs[0].children
                )
                and verb not in _NOT_DESCRIBING
            )
            occasion = _occasion_after(objs[0])
            content_tokens = [t for t in content_tokens if t.i not in occasion]
            content_tokens = _small_clause(tok, content_tokens)
            if objs[0].i < tok.i:
                # a relative clause in brackets ("(who she dubbed "Mr. P") to …") ends at
                # the closing bracket, whatever the parser hung on the verb after it
                close = next((t.i for t in content_tokens if t.text == ")"), None)
                if close is not None:
                    content_tokens = [t for t in content_tokens if t.i < close]
            # ("began attacking Harris over her record", "mocked Okafor"): after a verb of
            # assault the one assailed is no claim; "attacked the plan" is one
            target = (
                verb in _CHARGING_VERBS
                and objs[0].pos_ in ("PROPN", "PRON")
                or verb in _CONDEMNING_VERBS
            )
            if (
                not predicated
                and not settings.noun_objects
                and (verb not in POSITION_VERBS or target)
                and not any(is_quote_mark(t) for t in content_tokens)
                and not _propositional_object(objs[0])
                and not _clause_read_as_object(objs[0])
            ):
                # ("announced the date", "praised his decision"): a bare noun phrase names
                # what the act was about, not what was said
                content_tokens = []
    if not content_tokens and verb in _NAMING_VERBS:
        # ("has been called a charlatan by fellow physicians"): in the passive, the name
        # given is what was said; the one named is its subject, not its content
        oprd = [c for c in tok.children if c.dep_ == "oprd" and c.i > tok.i]
        if oprd and any(c.dep_ == "nsubjpass" for c in tok.children):
            content_tokens = list(oprd[0].subtree)
    if (
        not content_tokens
        and (verb in _OBJECT_VERBS or strong)
        and speaker is not None
        and speaker.dep_ == "pobj"
        and speaker.head.dep_ == "agent"
    ):
        # "The levy has been supported by dozens of papers": in the passive, what the
        # agent endorses, reports or supports is the subject; as in the active, a bare
        # noun phrase after another verb ("The remarks were first reported by the
        # Journal") names what the act was about, not what was said
        for c in tok.children:
            if (
                c.dep_ == "nsubjpass"
                and c.i < tok.i
                and (
                    settings.noun_objects
                    or verb in POSITION_VERBS
                    or any(is_quote_mark(t) for t in c.subtree)
                    or _propositional_object(c)
                )
            ):
                content_tokens.extend(c.subtree)
    if not content_tokens and verb in _PREP_OBJECT:
        for prep in tok.children:
            if (
                prep.dep_ in ("prep", "prt")
                and prep.lower_ in _PREP_OBJECT[verb]
                and prep.i > tok.i
                and not _when_phrase(prep)
            ):
                # ("pointed to the vote as an example of …"): the "as" phrase the parser
                # hung on the verb says what the object is
                as_phrase = [
                    c
                    for c in tok.rights
                    if c.i > prep.i
                    and c.dep_ == "prep"
                    and c.lower_ == "as"
                    and any(g.dep_ == "pobj" for g in c.children)
                ][:1]
                for c in prep.children:
                    if (
                        c.dep_ == "pcomp"
                        or c.dep_ == "pobj"
                        and (
                            settings.noun_objects
                            or verb in POSITION_VERBS
                            # "called for an inquiry": a demand ("called on the mayor"
                            # names whom it was put to)
                            or verb == "call"
                            and prep.lower_ == "for"
                            or any(is_quote_mark(t) for t in c.subtree)
                            or _predicated_object(c)
                            or bool(as_phrase)
                        )
                    ):
                        content_tokens.extend(c.subtree)
                        if as_phrase and c.dep_ == "pobj":
                            content_tokens.extend(as_phrase[0].subtree)
                            content_tokens = _small_clause(tok, content_tokens)
    if not content_tokens and verb == "call":
        # ("calling for the board to resign"): the parser may read "for" as the mark of an
        # infinitive clause with its own subject
        for c in tok.rights:
            if c.dep_ == "advcl" and any(
                g.dep_ == "mark" and g.lower_ == "for" and g.i < c.i for g in c.children
            ):
                content_tokens = [
                    t for t in c.subtree if not (t.dep_ == "mark" and t.lower_ == "for")
                ]
                break
    if not content_tokens and verb == "call":
        oprd = [c for c in tok.children if c.dep_ == "oprd"]
        objs = [c for c in tok.children if c.dep_ == "dobj"]
        if oprd and objs:
            for c in objs + oprd:
                content_tokens.extend(c.subtree)
            content_tokens = _small_clause(tok, content_tokens)
    post = _postposed(tok) if verb not in QUOTE_ONLY_VERBS else None
    if (
        post is not None
        and (not content_tokens or all(t.i < tok.i for t in content_tokens))
        and (strong or post[1] is not None and post[1].lower_ in EVIDENCE_SOURCES)
    ):
        # the subject right before the verb is its own, whatever the parser hung it on
        content_tokens, speaker = post
    if not content_tokens and speaker is not None and _interjected(tok):
        # "…, Blinken said, …" parsed with the cue hanging off the reported clause.
        # a clause the parser hung on the cue before its speaker ("If the plan fails, the
        # mayor argues, there are other tools"): a fronted part of what was said
        fronted = _fronted_part(tok, speaker)
        own = set(t.i for t in tok.subtree) - {t.i for t in fronted}
        # a cue hung on the subject noun ("The difference now, he told me, is …") reports
        # the whole sentence
        base = tok.head if tok.head.pos_ in ("VERB", "AUX") else tok.sent.root
        # so does a cue hung on a fronted subordinate clause ("Though X was seamless, he
        # said, Y would be …"): the main clause after the cue is the heart of the report
        while base.dep_ == "advcl" and tok.i < base.head.i and base.head.pos_ in ("VERB", "AUX"):
            base = base.head
        # a participle setting the scene before the cue ("Speaking at the harbour, Ortiz
        # said, …") is the writer's, not part of what was said
        scene = {
            t.i
            for c in base.children
            if c.dep_ == "advcl"
            and c.tag_ in ("VBG", "VBN")
            and c.i < tok.i
            and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
            for t in c.subtree
        }
        # a colon or semicolon before the cue closes a sentence of its own ("… pulsed through
        # the gathering: as he welcomed the guests, the mayor …"): what lies before it is no
        # part of the report
        fence = max((t.i for t in doc[tok.sent.start : tok.i] if t.text in (":", ";")), default=-1)
        content_tokens = [
            t
            for t in _clause_tokens(base, interjection=own)
            if t.i not in own | scene and t.i > fence
        ]
    if verb in QUOTE_ONLY_VERBS and (verb not in SPEECH_VERBS or verb == "continue"):
        content_tokens = []  # ("he continued, "…""): these verbs report only direct quotes
    if tok.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        content_tokens = []  # ("a channel to discuss the incidents"): a purpose, not a report
    if (
        tok.dep_ == "advcl"
        and is_infinitive(tok)
        and cue_lemma(tok.head.text) not in SPEECH_VERBS
        and not settings.noun_objects
        and content_tokens
        and not _finite_or_infinitive(content_tokens)
        and not any(is_quote_mark(t) for t in content_tokens)
    ):
        # ("raised $1 billion to support her campaign"): what the money or the effort was
        # for, not a position anyone stated
        content_tokens = []
    if verb in COGNITION_VERBS or verb in EVIDENCE_VERBS and verb not in SPEECH_VERBS:
        strong = False
    if not settings.beliefs and verb in COGNITION_VERBS and verb not in SPEECH_VERBS:
        content_tokens = []  # ("those who did not believe Biden could win"): not speech
    if any(c.dep_ == "neg" for c in tok.children) or any(
        c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in tok.children
    ):
        content_tokens = []  # ("did not make clear whether he would support X"): no report
    if not settings.intentions and verb in INTENT_OR_DECISION_VERBS:
        content_tokens = []  # ("threatened to quit", "decided that …"): a plan, not speech
    # A one-word object counts when it is a name ("Cruz is endorsing Trump").
    single_name = len(content_tokens) == 1 and content_tokens[0].pos_ == "PROPN"
    content = _content_spans(doc, content_tokens, min_words=1 if single_name else 2)
    if content:
        content = [
            sp
            for sp in _passive_subject(tok, speaker)
            if not any(a < sp[1] and sp[0] < b for a, b in content)
        ] + content
    if (
        speaker is not None
        and speaker.lower_ == "it"
        and speaker.dep_ in ("nsubj", "nsubjpass", "expl")
        and speaker.head.i == tok.i
        and (speaker.dep_ == "nsubjpass" or any(c.dep_ == "auxpass" for c in tok.children))
    ) or (
        any(c.dep_ == "nsubjpass" and c.lower_ == "it" for c in tok.children)
        and not any(c.dep_ == "agent" for c in tok.children)
    ):
        # ("It is noted that …"): an impersonal passive states the writer's own fact (the
        # subject finder skips the "it", so look at the verb's own subject too); with an
        # agent ("it was stressed by officials that …") the agent said it. After what it
        # reports ("X, it was announced on Wednesday") it attributes X to a source unnamed.
        if content and strong and all(e <= tok.idx for _, e in content):
            speaker = None
        else:
            content = []
    if (
        tok.dep_ == "pcomp"
        and tok.head.lower_ == "without"
        and tok.head.head.lower_ in ("go", "goes", "went", "gone", "going")
    ):
        content = []  # ("it goes without saying that …"): the writer's own emphasis
    if verb == "find" and any(c.dep_ == "prt" and c.lower_ == "out" for c in tok.children):
        content = []  # ("to find out what caused it"): an inquiry, not a finding
    if verb == "blast" and any(
        c.dep_ == "prt" and c.lower_ in ("out", "off") for c in tok.children
    ):
        return None  # ("speakers blasted out the anthem"): played loud, not said
    if verb == "call" and _convenes(tok):
        content = []  # ("called a snap election on July 4"): convening, not a statement
    if not settings.forecasts and _sourceless_forecast(tok, verb, speaker):
        return None  # ("The minister is expected to resign"): the writer's forecast
    relay = speaker is not None and (
        speaker.lower_ in DOCUMENT_NOUNS or speaker.lower_ in EVIDENCE_SOURCES
    )
    if speaker is not None:
        speaker = behind_document(speaker)
    mention = None
    if speaker is not None:
        # the name's mention starts after the end of the sentence it was run into
        floor = after_missed_break(speaker) if run_on is not None and speaker.i == run_on.i else 0
        mention = mention_chars(speaker, floor)
    cue = Cue(
        tok, tok.text, tok.idx, tok.idx + len(tok.text), speaker, mention, content, strong, verb
    )
    cue.relay = relay
    return cue


def _according_cue(tok: Token) -> Cue | None:
    """``according to X`` (the cue) attached to the clause it sources."""
    if tok.lower_ != "according":
        return None
    # Only a "to" after "according": on odd text the parser may hang an earlier one on it,
    # which would make the cue run backwards.
    to = [c for c in tok.rights if c.lower_ == "to"]
    if not to:
        return None
    objs = [c for c in to[0].children if c.dep_ == "pobj"]
    if not objs:
        return None
    doc = tok.doc
    head = tok.head
    # "… and the fourth person killed, according to X": the phrase may hang on a noun of
    # the clause it sources; report the whole clause.
    while head.pos_ not in ("VERB", "AUX") and head.dep_ != "ROOT" and head.head.i != head.i:
        head = head.head
    own = set(t.i for t in tok.subtree)
    content_tokens = [t for t in head.subtree if t.i not in own] if head.i != tok.i else []
    sent = tok.sent
    last = max(own)
    if (
        tok.i - 1 > sent.start
        and doc[tok.i - 1].text == ","
        and all(t.is_punct or t.is_space for t in doc[last + 1 : sent.end])
    ):
        # "X and the fourth person killed, according to a database.": a source named at
        # the end of its sentence sources the whole sentence before it, however the parser
        # hung the phrase
        content_tokens = [t for t in doc[sent.start : tok.i - 1] if not t.is_space]
    content = _content_spans(doc, content_tokens, min_words=3)
    end = to[0].idx + len(to[0].text)
    return Cue(
        tok, doc[tok.i : to[0].i + 1].text, tok.idx, end, objs[0], mention_chars(objs[0]), content
    )


def _noun_complement(noun: Token) -> list[Token]:
    """What a noun of saying says: its "to" infinitive or its "of"/"about"/"on"/"for" object."""
    for c in noun.rights:
        if (
            c.dep_ in ("acl", "relcl")
            and c.tag_ == "VB"
            and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
        ):
            return list(c.subtree)
        if c.dep_ == "prep" and c.lower_ in ("of", "about", "on", "for"):
            objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
            if objs:
                return [t for g in objs for t in g.subtree]
    return []


# Nouns of saying that report only with a "that" clause: "the Gazette's report on the
# budget" names a topic, "a Gazette report that the budget is short" a statement.
# Nouns of intention among the nouns of saying: with ``intentions`` off they report nothing,
# as the verbs of intention do not.
_INTENT_NOUNS = frozenset({"plan", "plans"})

_CLAUSE_ONLY_NOUNS = frozenset(
    "report reports explanation reminder concession acknowledgment acknowledgement case "
    "concern concerns".split()
)


def _noun_cue(tok: Token, settings: DetectSettings = DEFAULT_SETTINGS) -> Cue | None:
    """A noun of saying with a "that" clause: ``Trump's claim that …`` / ``his warning that …``.

    The speaker is the possessor of the noun, the subject of the verb the noun is the
    object of ("Stumpf made the argument that …") or the source after "from" or "by" ("the
    warnings from her lawyer that …"); without one there is no cue.
    """
    if tok.pos_ != "NOUN" or tok.lower_ not in SPEECH_NOUNS:
        return None
    if not settings.intentions and tok.lower_ in _INTENT_NOUNS:
        return None  # ("insisted his plan to restore stability was working"): a plan, not speech
    clause = None
    for c in tok.rights:
        if (
            c.dep_ in ("acl", "ccomp", "relcl", "appos")
            and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
            # ("his concerns about lawyers that could be worrisome"): a "that" with no
            # subject after it is a relative pronoun the tagger took for a conjunction
            and any(g.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for g in c.children)
        ):
            clause = c
            break
    speaker = next((c for c in tok.children if c.dep_ == "poss"), None)
    if speaker is None and clause is not None:
        # ("a Times report that …", "the White House statement that …"): a name in front of
        # the noun is whose statement it is
        speaker = next(
            (c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN"), None
        )
    if clause is None:
        # "Trump's call to ban …", "her criticism of the deal": with a possessor naming the
        # speaker, an infinitive or an "of"/"about"/"on" phrase after the noun is the content
        if speaker is None or tok.lower_ in _CLAUSE_ONLY_NOUNS:
            return None
        tokens = _noun_complement(tok)
        if not tokens:
            return None
        content = _content_spans(tok.doc, tokens)
        return (
            Cue(
                tok,
                tok.text,
                tok.idx,
                tok.idx + len(tok.text),
                speaker,
                mention_chars(speaker),
                content,
                False,
                None,
            )
            if content
            else None
        )
    if speaker is None:
        # ("heard warnings from the engineers that …"): the one the words came from, not
        # the subject of the verb they are the object of
        speaker = next(
            (
                g
                for c in tok.rights
                if c.dep_ == "prep" and c.lower_ in ("from", "by") and c.i < clause.i
                for g in c.children
                if g.dep_ == "pobj"
            ),
            None,
        )
    if speaker is None and tok.dep_ in ("dobj", "attr") and tok.head.pos_ in ("VERB", "AUX"):
        speaker = subject_of(tok.head)
    if speaker is None:
        return None
    doc = tok.doc
    content = _content_spans(doc, _clause_tokens(clause))
    return Cue(
        tok,
        tok.text,
        tok.idx,
        tok.idx + len(tok.text),
        speaker,
        mention_chars(speaker),
        content,
        True,
        None,
    )


#: First words of the page's own labels before a colon ("Correction:", "The Latest:",
#: "ANALYSIS:", "Factbox:"), and an interview's turn labels ("Q: Will you stay on?"): the
#: interviewer's question is no statement, and the label names nobody.
LABEL_WORDS = frozenset(
    "correction corrections clarification update updated editor editors note disclosure "
    "warning breaking watch read related advertisement live latest q question answer "
    "analysis opinion exclusive explainer factbox timeline editorial commentary video "
    "videos photo photos gallery podcast listen poll review insight preview recap "
    "interview transcript graphic graphics sponsored obituary letter letters disclaimer "
    "caption pictured above top source sources topics tags share published posted filed "
    "image images credit credits also see more follow subscribe".split()
)


#: Last words of a label by which a page addresses its own audience ("Note to readers:").
_AUDIENCE_WORDS = frozenset("readers reader viewers listeners subscribers".split())
_TURN_MAX_TOKENS = 200


def _line_end(doc: Doc, start: int, sent_end: int) -> int:
    """Token index where the line holding ``doc[start]`` ends: what a label and its colon
    open runs to the end of its line, over sentence breaks ("VANCE: We will keep at it. We
    owe them that." is one turn of a transcript; the parser may even close a sentence at the
    colon). Never before ``sent_end``, never more than ``_TURN_MAX_TOKENS`` on."""
    end = max(start, sent_end)
    for i in range(start, min(len(doc), start + _TURN_MAX_TOKENS)):
        t = doc[i]
        if t.is_space and "\n" in t.text:
            return max(i, sent_end)
        if "\n" in t.whitespace_:
            return max(i + 1, sent_end)
        end = i + 1
    return max(end, sent_end)


def _colon_cue(tok: Token) -> Cue | None:
    """A name and a colon opening a headline or paragraph: ``Sanders: Clinton needs to …``.

    The lead-in must be a short name phrase (at most six words, ending in a capitalised
    word, with no lower-case verb); what follows the colon up to the end of the sentence is
    what that source said.
    """
    if tok.text != ":" or tok.i == 0:
        return None
    doc = tok.doc
    sent = tok.sent
    lead = [t for t in doc[sent.start : tok.i] if not t.is_space and not is_quote_mark(t)]
    while lead and lead[0].is_punct:
        lead.pop(0)  # ("(WARNING: …"): a bracket before the label
    if not lead or len(lead) > 6 or not lead[-1].text[:1].isupper() or not lead[-1].is_alpha:
        return None
    if any(t.is_lower and t.pos_ in ("VERB", "AUX", "PRON", "ADP", "SCONJ") for t in lead):
        return None
    if lead[0].is_stop and lead[0].lower_ not in ("and",):
        return None  # "The result:", "Here:" introduce no speaker
    if lead[0].lower_ in LABEL_WORDS:
        return None  # "Correction:", "WARNING:", "Editor's note:": the page's own labels
    if lead[-1].lower_ in _AUDIENCE_WORDS:
        return None  # ("HUFFPOST READERS: What's happening …"): the page calls on its readers
    rest = [t for t in doc[tok.i + 1 : _line_end(doc, tok.i + 1, sent.end)] if not t.is_space]
    # The tests read the first sentence after the colon (the parser may close a sentence
    # at the colon itself); what is said runs on to the end of the line.
    first = [t for t in doc[tok.i + 1 : sent.end] if not t.is_space] or [
        t for t in rest if t.sent.start == rest[0].sent.start
    ]
    if word_count(first) < 3:
        first = rest  # ("Ortiz: No. We have been clear about that."): the whole turn
    if word_count(first) < 3 or not any(t.pos_ in ("VERB", "AUX") for t in first):
        return None
    if any(
        t.pos_ == "VERB"
        and cue_lemma(t.text) is not None
        and any(c.dep_ == "nsubj" for c in t.children)
        # "we are going to keep at it" is a future, no "goes" of colloquial speech
        and not (cue_lemma(t.text) == "go" and any(c.dep_ == "xcomp" for c in t.children))
        for t in first
    ):
        return None  # "The Latest: Trump urges …": the rest names its own speaker
    if any(
        t.dep_ in ("nsubj", "nsubjpass")
        and t.head.dep_ == "ROOT"
        and sum(1 for x in t.subtree if x.pos_ == "PROPN") >= 2
        for t in first
    ):
        # ("London: British Prime Minister Rishi Sunak surprised everyone …"): a dateline or
        # section label before a sentence about a named subject, not a speaker's words
        return None
    comma = next((k for k, t in enumerate(lead) if t.text == ","), None)
    if comma is not None and comma > 0 and lead[comma - 1].text[:1].isupper():
        # ("Howard Kurtz, Fox News: …", a panel of pundits): the name before the comma
        # speaks; what follows it is where they work
        lead = lead[:comma]
    head = lead[-1]
    start = lead[0] if lead[0].lower_ != "and" else lead[min(1, len(lead) - 1)]
    mention = (start.idx, head.idx + len(head.text))
    content = _content_spans(doc, rest)
    return Cue(tok, ":", tok.idx, tok.idx + 1, head, mention, content, True, None)


# Every lower-case form a cue can start from: verb forms, nouns of saying, "according", ":".
_CUE_WORDS: frozenset[str] = frozenset(FORM_TO_VERB) | SPEECH_NOUNS | {"according", ":"}


# spaCy's string ids are hashes of the text, the same in every vocabulary
_CUE_IDS = np.array(sorted(hash_string(w) for w in _CUE_WORDS), dtype="uint64")


def _candidate_tokens(doc: Doc) -> list[int]:
    """Indices of the tokens whose lower-case form can start a cue, found on the doc's
    LOWER column at once (most tokens of an article are not cue words)."""
    lower = doc.to_array(LOWER)
    return np.nonzero(np.isin(lower, _CUE_IDS, assume_unique=False))[0].tolist()


def find_cues(doc: Doc, settings: DetectSettings = DEFAULT_SETTINGS) -> list[Cue]:
    """Every speech cue in ``doc`` that names or implies a speaker, in text order."""
    cues: list[Cue] = []
    for i in _candidate_tokens(doc):
        tok = doc[i]
        cue = (
            _according_cue(tok)
            or _verb_cue(tok, settings)
            or _noun_cue(tok, settings)
            or _colon_cue(tok)
        )
        if cue is not None:
            cues.append(cue)
    return cues
