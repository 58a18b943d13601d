"""Words that introduce speech in news text: the verbs, their inflected forms, and the
phrases that stand in for a verb ("according to").

The detector runs without spaCy's lemmatizer (it is one of the slowest components), so every
verb is listed here with its forms; :func:`cue_lemma` maps a written form back to its verb.
"""

from __future__ import annotations

# Verbs of saying. A clause governed by one of these is reported speech.
SPEECH_VERBS: frozenset[str] = frozenset(
    """
say tell add note claim argue warn insist suggest acknowledge announce explain write report
state declare contend assert maintain admit concede deny confirm reveal recall promise pledge
vow urge complain allege charge testify tweet respond reply answer conclude observe remark
mention stress emphasize emphasise predict caution boast brag joke quip lament counter retort
scoff shout yell whisper proclaim reiterate repeat affirm assure estimate forecast propose
recommend demand ask wonder complain accuse acknowledge agree disagree signal indicate hint
concur comment point explain elaborate clarify describe reason posit speculate theorize
theorise guarantee swear threaten recount relate advise instruct inform order rule decide
continue blast slam criticize criticise praise dismiss tout cite call propose reject
decline refuse speak talk question discuss mock ridicule condemn denounce defend endorse
blame thank applaud welcome hail decry attack apologize apologise characterize characterise
liken label brand dub term laud echo disclose encourage express highlight reference portray
underscore reaffirm voice outline unveil bemoan deplore lambaste assail berate chide rebuke
scold dispute refute rebut challenge contest recognize recognise post compare remind
""".split()
)

# Verbs of intention and stance: their infinitive complement is an attributed position
# ("Trump wants to junk personal exemptions", "the senator plans to vote no").
INTENT_VERBS: frozenset[str] = frozenset(
    """
want plan seek offer support oppose back favor favour advocate embrace push press
""".split()
)

# Intentions and decisions: what someone means or decided to do, not what was said
# ("threatened to quit", "plans to serve out his term", "it has been decided that …").
INTENT_OR_DECISION_VERBS: frozenset[str] = frozenset(
    """
want plan seek threaten decide intend
""".split()
)

# Acts carried out by speaking or writing that are not themselves "saying": their object is
# attributed content ("Cruz is endorsing Trump's campaign"), but a clause coordinated with
# them is not part of someone else's statement.
SPEECH_ACT_VERBS: frozenset[str] = frozenset(
    """
decline refuse decide order rule continue criticize criticise praise dismiss tout blast slam
cite call propose reject question discuss mock ridicule condemn denounce defend endorse blame
thank applaud welcome hail decry attack signal threaten demand ask characterize characterise
liken label brand dub term laud echo disclose encourage express highlight reference portray
underscore reaffirm voice outline unveil bemoan deplore lambaste assail berate chide rebuke
scold dispute refute rebut challenge contest recognize recognise
""".split()
)

# Verbs whose bare noun-phrase object is itself a claim or a position taken ("denied the
# report", "supports the deal", "disclosed his returns", "accused him of fraud"): the object
# stands for what was said. The other verbs of saying and speech acts name, with a bare
# noun phrase, only what the act was about or aimed at ("announced the date", "praised his
# decision", "highlighted the importance of respect", "talked about the issue"), which is
# no report of what was said.
POSITION_VERBS: frozenset[str] = frozenset(
    """
deny dispute refute rebut contest challenge disclose reveal echo repeat defend support
oppose favor favour advocate demand propose recommend accuse blame dismiss denounce decry
attack predict estimate forecast project pledge vow warn complain
argue reject question
""".split()
)

# Verbs of thinking and knowing: news attributes positions and beliefs with them too
# ("Clinton believes the deal is flawed"), but only with a complement clause.
COGNITION_VERBS: frozenset[str] = frozenset(
    """
believe feel hope fear worry expect know doubt reckon suspect consider regard view
""".split()
)

# Verbs whose subject is often a document, poll or study rather than a person.
EVIDENCE_VERBS: frozenset[str] = frozenset(
    """
show find suggest indicate reveal confirm project
""".split()
)

# Documents and measurements that "show" or "find" things: their object is attributed content.
EVIDENCE_SOURCES: frozenset[str] = frozenset(
    """
poll polls survey surveys study studies report reports analysis analyses data research record
records document documents review investigation audit video videos footage tally figures
statistics estimate estimates census filing filings memo email emails letter average
averages results numbers
""".split()
)

# Verbs that introduce a direct quote only when the quote itself follows ("he continued, "…"").
QUOTE_ONLY_VERBS: frozenset[str] = frozenset(
    """
continue begin start go ask wonder cry exclaim sing chant read write
""".split()
)

_IRREGULAR: dict[str, tuple[str, ...]] = {
    "say": ("said",),
    "tell": ("told",),
    "write": ("wrote", "written", "writing"),
    "feel": ("felt",),
    "know": ("knew", "known"),
    "find": ("found",),
    "show": ("shown",),
    "swear": ("swore", "sworn"),
    "begin": ("began", "begun", "beginning"),
    "go": ("went", "gone", "goes"),
    "read": ("read",),
    "sing": ("sang", "sung"),
    "admit": ("admitted", "admitting"),
    "rebut": ("rebutted", "rebutting"),
    "forecast": ("forecast",),
    "quip": ("quipped", "quipping"),
    "scoff": ("scoffed",),
    "signal": ("signaled", "signalled", "signaling", "signalling"),
    "concur": ("concurred", "concurring"),
    "order": ("ordered",),
    "hint": ("hinted",),
    "see": ("saw", "seen"),
    "speak": ("spoke", "spoken"),
    "seek": ("sought",),
    "plan": ("planned", "planning"),
    "refer": ("referred", "referring"),
    "dub": ("dubbed", "dubbing"),
    "label": ("labeled", "labelled", "labeling", "labelling"),
}


def _forms(verb: str) -> set[str]:
    """The base form, third person singular, past and -ing forms of a regular ``verb``."""
    forms = {verb}
    if verb.endswith("y") and verb[-2:-1] not in set("aeiou"):
        forms |= {verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"}
    else:
        forms.add(verb + ("es" if verb.endswith(("s", "sh", "ch", "x", "z", "o")) else "s"))
        if verb.endswith("e"):
            forms |= {verb + "d", (verb[:-1] if not verb.endswith("ee") else verb) + "ing"}
        else:
            forms |= {verb + "ed", verb + "ing"}
    forms |= set(_IRREGULAR.get(verb, ()))
    return forms


ALL_VERBS: frozenset[str] = (
    SPEECH_VERBS | COGNITION_VERBS | EVIDENCE_VERBS | QUOTE_ONLY_VERBS | INTENT_VERBS
)

FORM_TO_VERB: dict[str, str] = {}
for _verb in sorted(ALL_VERBS):
    for _form in _forms(_verb):
        FORM_TO_VERB.setdefault(_form, _verb)
# The regular rules misread these forms; set them by hand.
FORM_TO_VERB.update(
    {
        "saying": "say",
        "says": "say",
        "sayed": "say",
        "tells": "tell",
        "telling": "tell",
        "shows": "show",
        "showed": "show",
        "showing": "show",
    }
)


def cue_lemma(word: str) -> str | None:
    """The verb a written form belongs to (``"said"`` → ``"say"``), or ``None``."""
    return FORM_TO_VERB.get(word.lower())


# Nouns of saying that report a statement in a "that" clause ("his claim that …").
SPEECH_NOUNS: frozenset[str] = frozenset(
    """
claim claims statement statements assertion assertions argument arguments warning warnings
promise promises suggestion insistence emphasis remark remarks comment comments
announcement allegation allegations accusation accusations admission denial pledge vow
assurance assurances insinuation contention complaint prediction suggestion charge
criticism criticisms call calls demand demands proposal proposals plan plans attack attacks
praise support opposition endorsement
""".split()
)
