"""The speaker phrase of a cue: from a subject token to the mention as written.

A mention keeps the words in front of the head noun (titles, roles, determiners:
"NSC Coordinator for Strategic Communications John Kirby") and the name parts behind it,
but stops at the first comma, so appositions and relative clauses ("Derek Kukura, 24, a
junior at …", "Victor Cha, who served …") stay out; the attribute stage reads roles from them.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..lexicon import HONORIFICS, ORG_HEADS, SOURCE_QUALIFIERS, TITLE_WORDS, cue_lemma

# Punctuation that ends a mention on its left or right side.
_BREAKS = frozenset(
    {
        ",",
        ";",
        ":",
        "(",
        ")",
        "[",
        "]",
        "—",
        "–",
        "―",
        "--",
        '"',
        "“",
        "”",
        "‘",
        "’",
        "«",
        "»",
        "``",
        "''",
    }
)
# Documents whose author is their speaker ("a statement from OpenAI said …").
DOCUMENT_NOUNS = frozenset(
    "statement statements post posts letter letters message tweet initiative release "
    "readout note memo".split()
)
_NAME_TAIL = frozenset({"jr.", "jr", "sr.", "sr", "ii", "iii", "iv"})
# Verbs whose object does not do what their infinitive says ("promised them to …").
_SUBJECT_CONTROL = frozenset("promise promised promises promising vow vowed".split())
# Occasions at which someone speaks: "a news conference announcing …" is the speaker's.
_OCCASION_NOUNS = frozenset(
    "conference conferences meeting meetings speech speeches interview interviews rally "
    "rallies event events hearing hearings briefing briefings appearance address session "
    "summit ceremony visit call".split()
)
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})


def _is_glued_label(first: Token, second: Token) -> bool:
    """True when the subject ``first``, before the subject ``second`` of the same verb, is a
    label or section title glued on before the sentence: a colon stands between them ("The
    Latest: Trump urges …"), it is written in capitals ("THE PLAN Back then Ms. Ortega
    said …"), or it is set off by commas after a fronted phrase."""
    doc = first.doc
    between = doc[first.right_edge.i + 1 : second.left_edge.i]
    if any(t.text == ":" for t in between):
        return True
    if (
        first.left_edge.i > 0
        and doc[first.left_edge.i - 1].text == ","
        and between[:1]
        and between[0].text == ","
    ):
        # ("In Halden, his final stop, The Ledger reported …"): a phrase set off by commas
        # after a fronted place or time describes it, and the subject comes after it
        return True
    # the words up to the subject's head: the parser may hang the sentence's first word on it
    letters = [
        ch for t in first.doc[first.left_edge.i : first.i + 1] for ch in t.text if ch.isalpha()
    ]
    return len(letters) >= 4 and all(ch.isupper() for ch in letters)


def _label_first_last(verb: Token) -> list[Token]:
    """``verb``'s children in order, except that a subject which is a glued-on label (see
    :func:`_is_glued_label`) goes after the verb's real subject: a verb has one subject,
    and the parser can take a title before the sentence for a second one."""
    children = list(verb.children)
    subjects = [c for c in children if c.dep_ in ("nsubj", "csubj") and c.i < verb.i]
    if len(subjects) < 2 or not _is_glued_label(subjects[0], subjects[-1]):
        return children
    return [c for c in children if c is not subjects[0]] + [subjects[0]]


# Participles of being questioned: set off after a noun phrase ("Brenn, asked whether she
# had known, said …") they say what was put to that person, not what the person said.
_QUESTIONED = frozenset("asked pressed questioned quizzed challenged".split())


def parenthetical_participle(tok: Token) -> tuple[Token, Token] | None:
    """For a bare participle of being questioned set off by commas after a noun phrase, with a
    verb of saying after the second comma ("Brenn, asked whether she had known, replied that
    she had not"): (the noun phrase's last token, the verb of saying). The parser often takes
    the participle for the sentence's main verb and the verb of saying for its clause; the
    one questioned is who speaks, and the question's asker goes unnamed. Else ``None``."""
    doc = tok.doc
    if tok.lower_ not in _QUESTIONED or tok.i < 2 or doc[tok.i - 1].text != ",":
        return None
    before = doc[tok.i - 2]
    if before.pos_ not in ("NOUN", "PROPN", "PRON"):
        return None
    if any(c.dep_ in ("aux", "auxpass") for c in tok.children):
        return None  # "Brenn, who had asked …": a clause of its own
    end = tok.sent.end
    for j in range(tok.i + 1, end - 1):
        if doc[j].text in (";", ":") or doc[j].is_quote:
            return None
        if doc[j].text != ",":
            continue
        verb = doc[j + 1]
        if (
            verb.tag_ in ("VBD", "VBZ", "VBP")
            and cue_lemma(verb.text) is not None
            and not any(c.dep_ in _SUBJECT_DEPS and c.i > j for c in verb.children)
        ):
            return before, verb
    return None


def subject_of(verb: Token, depth: int = 0, passive_ok: bool = False) -> Token | None:
    """The token that names who performs ``verb``'s act of speaking, or ``None``.

    Looks at the verb's own subject, the agent of a passive ("it was stressed by officials"),
    the subject of the verb it hangs from for participles and coordinated verbs ("…, saying",
    "smiled and said"), and the noun a relative clause or a participle attaches to
    ("Cha, who said", "a statement saying").
    """
    passive = False
    for child in _label_first_last(verb):
        if child.dep_ in ("nsubj", "csubj"):
            if child.is_punct:
                # a mis-parse ("public ― Trump boasted"): take the name right before the verb
                prev = verb.doc[verb.i - 1] if verb.i > 0 else None
                if prev is not None and prev.pos_ in ("PROPN", "PRON", "NOUN"):
                    return prev
                return None
            return _through_relative(child)
        if child.dep_ == "nsubjpass":
            if passive_ok:  # "After saying …, she was whisked off": she said it
                return _through_relative(child)
            passive = True
    for child in verb.children:
        if child.dep_ == "agent":
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs:
                return objs[0]
    if passive or depth >= 3:
        return None
    doc = verb.doc
    if verb.i > 0 and doc[verb.i - 1].text == ",":
        # "Brenn, asked whether she had known, replied that …" however the parser hung it
        for k in range(verb.i - 2, verb.sent.start, -1):
            if doc[k].lower_ in _QUESTIONED:
                found = parenthetical_participle(doc[k])
                if found is not None and found[1].i == verb.i:
                    return _through_relative(found[0])
                break
    if verb.i > 0 and doc[verb.i - 1].text == ",":
        for child in verb.children:
            if child.dep_ != "advcl" or child.i > verb.i or child.tag_ not in ("VBD", "VBN"):
                continue
            # ("Ortiz, asked about the closure, said …"): the parser takes the name before a
            # participle set off by commas for the participle's subject; it is the subject
            # of the verb after the second comma
            for g in child.children:
                if g.dep_ == "nsubj" and g.i < child.i and doc[g.i + 1].text == ",":
                    return _through_relative(g)
    head = verb.head
    if head.i == verb.i:  # the root is its own head
        return None
    if verb.dep_ == "pcomp" and head.lower_ == "of" and head.head.pos_ == "NOUN":
        # "his habit of questioning …", "her campaign theme of calling …": the owner of
        # the habit is who speaks
        owner = [c for c in head.head.children if c.dep_ == "poss" and c.pos_ in ("PRON", "PROPN")]
        if owner:
            return owner[0]
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        return subject_of(head.head, depth + 1, passive_ok=True)  # "… by telling them …"
    if verb.dep_ in ("xcomp", "pcomp") and head.pos_ in ("ADJ", "ADV", "ADP"):
        # "he was able to tout …", "is determined to warn …", "stopped short of calling …":
        # an adjective or adverb between the verbs takes nothing from the speaker
        above = head
        while (
            above.pos_ in ("ADJ", "ADV", "ADP")
            and above.head.i != above.i
            and above.dep_ in ("acomp", "advmod", "prep", "amod", "oprd")
        ):
            above = above.head
        if above.pos_ in ("VERB", "AUX") and above.i != verb.i:
            return subject_of(above, depth + 1, passive_ok=True)
    if (
        verb.dep_ == "conj"
        and head.dep_ == "ccomp"
        and head.head.pos_ == "VERB"
        and cue_lemma(verb.text) is not None
        and cue_lemma(head.head.text) is not None
    ):
        # "China said it was opposed … and warned North Korea …": the parser hangs the
        # second verb of saying on the reported clause; its subject is the first verb's.
        return subject_of(head.head, depth + 1)
    if (
        verb.dep_ == "conj"
        and verb.tag_ in ("VBD", "VBZ")
        and head.tag_ == "VB"
        and cue_lemma(verb.text) is not None
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    ):
        # ("said the King granted his request to dissolve Parliament and promised to …"): a
        # finite verb never shares the "to" of an infinitive; it goes on from the verb of
        # saying whose reported clause holds the infinitive
        for anc in verb.ancestors:
            if anc.dep_ == "ccomp" and anc.head.pos_ == "VERB" and cue_lemma(anc.head.text):
                return subject_of(anc.head, depth + 1)
    if (
        verb.dep_ == "advcl"
        and verb.tag_ == "VBG"
        and verb.i > 0
        and verb.doc[verb.left_edge.i - 1].text == ","
    ):
        # "Blinken has said Israel's operations do not reflect its intent, citing the toll":
        # a participle set off after a reported clause belongs to the one who reports it
        for anc in verb.ancestors:
            if anc.dep_ == "ccomp" and anc.head.pos_ == "VERB" and cue_lemma(anc.head.text):
                return subject_of(anc.head, depth + 1)
    if (
        verb.dep_ == "advcl"
        and (
            verb.tag_ == "VBN"
            # "Asked whether …, she said": the tagger may read the participle as a past
            # tense; with no subject of its own before the main clause it is still passive
            or verb.tag_ == "VBD"
            and verb.lower_ in _QUESTIONED
            and verb.i < head.i
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
        )
        and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    ):
        # ("Asked about the deal, the mayor said …", "Told of the ruling, she wept"): a bare
        # past participle is passive, its clause's subject the one asked or told; who asked
        # goes unnamed unless an agent names them (above)
        return None
    if verb.dep_ in ("advcl", "xcomp", "conj", "ccomp") and head.pos_ in ("VERB", "AUX"):
        if verb.dep_ == "ccomp":
            return None  # a clause of its own needs its own subject
        if verb.dep_ == "xcomp" and head.lower_ not in _SUBJECT_CONTROL:
            # ("the senator pressed Stumpf to admit …"): the one pressed is the one to speak
            obj = next((c for c in head.children if c.dep_ == "dobj" and c.i < verb.i), None)
            if obj is not None and obj.pos_ in ("PROPN", "NOUN", "PRON"):
                return _through_relative(obj)
        # the subject of a passive controls its complement ("she was heard yelling that …"),
        # the cue's own complement only: further up, the chain has left the speaker behind
        return subject_of(
            head, depth + 1, passive_ok=verb.dep_ == "advcl" or verb.dep_ == "xcomp" and depth == 0
        )
    if verb.dep_ in ("acl", "relcl") and head.pos_ in ("NOUN", "PROPN", "PRON"):
        if (
            verb.dep_ == "acl"
            and head.lower_ in _OCCASION_NOUNS
            and head.dep_ == "pobj"
            and head.head.dep_ == "prep"
            and head.head.head.pos_ in ("VERB", "AUX")
        ):
            # ("Lynch spoke at a news conference announcing that …"): an occasion does
            # not speak; whoever the sentence puts there does
            return subject_of(head.head.head, depth + 1, passive_ok=True)
        return head
    return None


def _through_relative(tok: Token) -> Token:
    """Replace a relative pronoun subject ("who said") with the noun the clause describes."""
    if tok.lower_ in ("who", "which", "that") and tok.head.dep_ == "relcl":
        noun = tok.head.head
        # "McConnell, now the Senate majority leader, who said": the clause hangs on the
        # apposition; the speaker is the name it describes
        if noun.dep_ == "appos" and noun.head.pos_ == "PROPN":
            noun = noun.head
        return noun
    return tok


def after_missed_break(name: Token) -> int:
    """The first token the mention of ``name`` may start at when a sentence break the
    parser missed runs the name into the sentence before ("… a statement on X. Ames
    responded that …"): the sentence ended with the period glued to a word in front of the
    name ("X.", "U.S."), so that word is no initial of it.

    The period-ending word counts as that sentence end only when what stands before it is
    no word of a name (a lower-case word or punctuation: "on X."); an initial after a given
    name ("John F. Ames") or a title ("Sen. Ames") stays in the mention. Without such a word
    the mention may start anywhere (0).
    """
    doc = name.doc
    for i in range(max(name.left_edge.i, 1), name.i):
        word = doc[i]
        if len(word.text) < 2 or not word.text.endswith(".") or word.is_punct:
            continue
        bare = word.lower_.rstrip(".")
        if bare in TITLE_WORDS or bare in HONORIFICS:
            continue
        before = doc[i - 1]
        if before.is_punct or before.is_space or before.is_lower:
            return i + 1
    return 0


# What may follow an unnamed source's noun as part of its description.
_SOURCE_PREPS = frozenset({"of", "for", "with", "from", "at", "in", "close"})


def mention_bounds(tok: Token, floor: int = 0) -> tuple[int, int]:
    """Token range ``[start, end)`` of the mention headed by ``tok`` (see the module docstring);
    it starts at token ``floor`` or later (see :func:`after_missed_break`)."""
    doc: Doc = tok.doc
    if tok.pos_ == "PRON":
        return tok.i, tok.i + 1
    start = tok.i
    for i in range(tok.i - 1, max(tok.left_edge.i, floor) - 1, -1):
        if doc[i].text in _BREAKS:
            break
        start = i
    # a sentence the parser started inside a name ("Veridia | Platforms said"): the name
    # begins with the capitalised words right before, on the same line
    while (
        start == tok.i
        and start > floor
        and tok.pos_ == "PROPN"
        and tok.is_sent_start
        and doc[start - 1].pos_ == "PROPN"
        and doc[start - 1].is_alpha
        and doc[start - 1].text[:1].isupper()
        and doc[start - 1].whitespace_ == " "
    ):
        start -= 1
    end = tok.i + 1
    # Name parts and an apposition written without a comma ("Coordinator … John Kirby").
    while end < len(doc):
        nxt = doc[end]
        if nxt.text in _BREAKS or nxt.is_space:
            break
        if nxt.lower_ in _NAME_TAIL:
            end += 1
            continue
        inside = nxt.head.i >= start and nxt.head.i < end or nxt.head.i == tok.i
        if nxt.pos_ == "PROPN" and (
            inside
            or nxt.dep_ in ("compound", "flat", "appos")
            or any(a.i < end and a.i >= start for a in nxt.ancestors)
        ):
            end += 1
            continue
        if nxt.pos_ == "PROPN" and nxt.dep_ == "compound" and nxt.head.pos_ == "PROPN":
            end += 1
            continue
        break
    # A name set after its title without a comma, parsed as an apposition of the title:
    # "NSC Coordinator for Strategic Communications John Kirby".
    for child in tok.rights:
        if child.dep_ == "appos" and child.pos_ == "PROPN" and child.i >= end:
            between = doc[end : child.left_edge.i]
            if all(t.text not in _BREAKS and not t.is_space for t in between) and all(
                t.text not in _BREAKS for t in doc[child.left_edge.i : child.i + 1]
            ):
                end = child.i + 1
            break
    # A body's name with "of" that the parser cut at the "of" ("Bank | of Teravia Governor
    # Andrew Bailey said", the subject read as "Bank"): the capitalised words after it
    if (
        tok.pos_ == "PROPN"
        and tok.lower_ in ORG_HEADS
        and end == tok.i + 1
        and end + 1 < len(doc)
        and doc[end].lower_ == "of"
    ):
        for child in tok.rights:
            if child.i != end or child.dep_ != "prep":
                continue
            tail = doc[child.i + 1 : child.right_edge.i + 1]
            if (
                0 < len(tail) <= 8
                and all(t.text[:1].isupper() or t.lower_ in ("of", "the", "and") for t in tail)
                and not any(t.text in _BREAKS or t.is_space for t in tail)
            ):
                end = child.right_edge.i + 1
    # An unnamed source is its whole description: "a person familiar with the talks", "one
    # of the negotiators", "a spokeswoman for the ministry" (never a relative clause).
    if tok.pos_ in ("NOUN", "NUM") and end == tok.i + 1:
        for child in tok.rights:
            first = doc[child.left_edge.i]
            if child.i < end or child.left_edge.i != end:
                break
            if not (
                child.dep_ == "prep"
                and child.lower_ in _SOURCE_PREPS
                or child.dep_ in ("amod", "acl")
                and first.lower_ in SOURCE_QUALIFIERS
            ):
                break
            tail = doc[child.left_edge.i : child.right_edge.i + 1]
            if len(tail) > 8 or any(t.text in _BREAKS or t.is_space for t in tail):
                break
            if child.dep_ == "prep" and tok.is_lower and any(t.pos_ == "PROPN" for t in tail):
                break  # "a spokesman for Bill Clinton": the name is someone else's
            end = child.right_edge.i + 1
    # Do not end on a trailing possessive marker or determiner.
    while end - 1 > start and doc[end - 1].dep_ in ("case", "det", "cc", "prep"):
        end -= 1
    while start < end - 1 and (doc[start].dep_ in ("cc", "prep", "punct") or doc[start].is_space):
        start += 1
    return start, end


def mention_chars(tok: Token, floor: int = 0) -> tuple[int, int]:
    """Character offsets ``(start, end)`` of the mention headed by ``tok`` (from token
    ``floor`` on)."""
    s, e = mention_bounds(tok, floor)
    doc = tok.doc
    return doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)


def behind_document(tok: Token) -> Token:
    """The author of a document that stands as the speaker: ``The statement from OpenAI
    continued`` → OpenAI, ``Biden released a statement revealing …`` → Biden, ``his letter
    said`` → his. Other tokens come back unchanged.

    A statement, post or letter says what its author says; the author is the source to
    name. Reports, studies and polls are left alone: they are sources in their own right.
    """
    if tok.lower_ not in DOCUMENT_NOUNS:
        return tok
    for c in tok.children:
        if c.dep_ == "poss":
            return c
        if c.dep_ in ("prep", "agent") and c.lower_ in ("from", "by", "of"):
            objs = [g for g in c.children if g.dep_ == "pobj" and g.pos_ in ("PROPN", "NOUN")]
            if objs and objs[0].lower_ not in DOCUMENT_NOUNS:
                return objs[0]
    head = tok.head
    if tok.dep_ == "dobj" and head.pos_ == "VERB" and head.lower_ not in ("read", "reading"):
        author = subject_of(head)
        if author is not None and author.lower_ not in DOCUMENT_NOUNS:
            return author
    return tok
