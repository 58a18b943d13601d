"""quotetrack's word lists, in one place: the words that introduce speech (for the detector)
and the words speaker attribution reads names and descriptions with.

Speech cues: the detector runs without spaCy's lemmatizer (it is one of the slowest
components), so every verb is listed with its forms; :func:`cue_lemma` maps a written form
back to its verb.

Names and descriptions: entries are casefolded and written without dots ("us" stands for
"U.S.", "sen" for "Sen."). The lists are deliberately small and news-oriented: they decide
which capitalised words are titles rather than names, which heads make a noun phrase an
organisation, and which words introduce an unnamed source.

This module imports nothing of quotetrack's and no spaCy, so every layer may read it.
"""

from __future__ import annotations

# ------------------------------------------------------------------ speech cues (detect)
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
scold dispute refute rebut challenge contest recognize recognise post compare remind pitch
exhort implore persuade convince underline specify confess confide
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
scold dispute refute rebut challenge contest recognize recognise pitch exhort implore
persuade convince
""".split()
)

# Verbs whose bare noun-phrase object is itself a claim or a position taken ("denied the
# report", "supports the deal", "disclosed his returns", "accused him of fraud"): the object
# stands for what was said. The other verbs of saying and speech acts name, with a bare
# noun phrase, only what the act was about or aimed at ("announced the date", "praised his
# decision", "highlighted the importance of respect", "talked about the issue"), which is
# no report of what was said. The verbs of condemning ("condemned the test", "deplored the
# violence", "mocked the complaint") stand with "denounce" and "decry", and the verbs of
# verbal assault ("slammed the plan", "lambasted the deal") with "attack": their object is
# what is declared wrong. What is urged ("urged restraint") is a demand, as with "demand"
# itself. "Criticize" and its kin ("berate", "rebuke", "scold") are not among them: their
# object is mostly the one rebuked ("criticized the mayor"), the charge coming in a "for"
# phrase of its own.
POSITION_VERBS: frozenset[str] = frozenset(
    """
deny dispute refute rebut contest challenge disclose reveal echo repeat defend support
oppose favor favour advocate demand propose recommend accuse blame dismiss denounce decry
attack predict estimate forecast project pledge vow warn complain
argue reject question
condemn deplore bemoan mock ridicule slam blast lambaste assail urge
""".split()
)

# Verbs of thinking and knowing: news attributes positions and beliefs with them too
# ("Clinton believes the deal is flawed"), but only with a complement clause.
COGNITION_VERBS: frozenset[str] = frozenset(
    """
believe feel hope fear worry expect know doubt reckon suspect consider regard view
recognize recognise
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
praise support opposition endorsement acknowledgment acknowledgement concession report
reports explanation reminder case concern concerns
""".split()
)


# ---------------------------------------------------- names and descriptions (attribute)
# Words that are part of a title or role, never of a person's name, when they come before it:
# "U.S. Secretary of State Antony Blinken", "NSC Coordinator ... John Kirby", "Sen. Warren".
TITLE_WORDS: frozenset[str] = frozenset(
    """
    president vice secretary minister prime deputy chancellor premier senator sen rep
    representative congressman congresswoman governor gov lt mayor judge justice chief general
    gen col colonel maj major capt captain sgt adm admiral ambassador envoy spokesman
    spokeswoman spokesperson chairman chairwoman chair ceo cfo coo cto director commissioner
    speaker leader king queen prince princess pope rev reverend attorney former acting
    coordinator adviser advisor counsel counselor undersecretary assistant press sheriff coach
    rabbi bishop cardinal imam sheikh emir president-elect foreign defense defence interior home
    finance state national security affairs strategic communications communication trade
    justice treasury health economy external house senate white first official officer
    principal executive managing senior junior lawmaker candidate nominee representative
    commander minority majority whip mp mep ayatollah sultan crown del delegate assemblyman
    assemblywoman councilman councilwoman councilmember alderman superintendent
    cmdr comdr commander insp inspector det detective brig brigadier cpl corporal pvt spc
    msgr fr hon amb atty asst ald cllr sec
    us usa uk un eu nato nsc
    """.split()
)

# Honorifics: not part of the name, not a role, but they tell the gender.
HONORIFICS: dict[str, str | None] = {
    "mr": "male",
    "mister": "male",
    "sir": "male",
    "lord": "male",
    "mrs": "female",
    "ms": "female",
    "miss": "female",
    "dame": "female",
    "lady": "female",
    "madam": "female",
    "dr": None,
    "prof": None,
    "professor": None,
    "mx": None,
}

# Title words that carry a gender ("spokeswoman", "Congresswoman").
GENDERED_TITLES: dict[str, str] = {
    "spokesman": "male",
    "spokeswoman": "female",
    "congressman": "male",
    "congresswoman": "female",
    "chairman": "male",
    "chairwoman": "female",
    "king": "male",
    "queen": "female",
    "prince": "male",
    "princess": "female",
    "businessman": "male",
    "businesswoman": "female",
    "father": "male",
    "mother": "female",
    "son": "male",
    "daughter": "female",
    "husband": "male",
    "wife": "female",
    "widow": "female",
    "man": "male",
    "woman": "female",
    "boy": "male",
    "girl": "female",
    "brother": "male",
    "sister": "female",
    "uncle": "male",
    "aunt": "female",
    "grandmother": "female",
    "grandfather": "male",
    "actress": "female",
    "actor": "male",
}

NAME_SUFFIXES: frozenset[str] = frozenset({"jr", "sr", "ii", "iii", "iv", "phd", "md", "esq"})

# Lowercase particles that belong inside a name: "Ursula von der Leyen", "Mohammed bin Salman".
NAME_PARTICLES: frozenset[str] = frozenset(
    {
        "van",
        "von",
        "der",
        "den",
        "de",
        "del",
        "della",
        "di",
        "da",
        "du",
        "la",
        "le",
        "bin",
        "ibn",
        "al",
        "el",
        "ben",
        "abu",
        "dos",
        "das",
    }
)

# Capitalised words that are never names and break a run of names ("On Thursday Blinken said").
NOT_NAMES: frozenset[str] = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december i we you he she they it
    """.split()
)

MONTHS: frozenset[str] = frozenset(
    "january february march april may june july august september october november december".split()
)

# Heads that make a noun phrase an organisation or an institutional source.
ORG_HEADS: frozenset[str] = frozenset(
    """
    ministry department office house administration government agency body committee commission
    council foundation institute institution university college school party army military
    forces force police company corporation corp inc ltd group union court bank fund
    organization organisation association embassy consulate mission campaign cabinet
    parliament congress senate assembly board authority authorities service services times
    post news journal press tribune guardian telegraph network channel tv radio newspaper
    magazine agency bureau center centre coalition alliance federation league movement publication
    outlet website
    readout statement report reports study survey poll polls data spokesperson's pentagon
    kremlin mofa idf un nato who regime team staff secretariat directorate command city county
    town municipality country nation district states kingdom nations republic emirates
    """.split()
)

# Heads of descriptions of a business ("the company said", "the automaker said"): the name
# of a business written just before, which need not read as an organisation's name.
COMPANY_NOUNS: frozenset[str] = frozenset(
    "company firm startup carrier airline manufacturer maker planemaker automaker carmaker "
    "drugmaker chipmaker broadcaster retailer lender insurer corporation conglomerate".split()
)

# Heads of descriptions any organisation goes by ("the organisation", "the U.N. agency"): an
# organisation named just before, when no organisation's name holds the word itself.
GENERIC_ORG_NOUNS: frozenset[str] = frozenset(
    "organisation organization agency body institution group".split()
)

# Heads of descriptions that say what kind of body is meant, and the words of the names of
# bodies of that kind ("the military" for the "Israel Defense Forces", "the central bank"
# for the "Federal Reserve"): the body named with such a word, as for a word of its own name.
ORG_KIND_WORDS: dict[str, frozenset[str]] = {
    "military": frozenset("forces force army military idf navy defense defence".split()),
    "army": frozenset("army forces military idf".split()),
    "bank": frozenset("bank reserve fed ecb".split()),
}

# Informal words news writing uses for whoever heads a body ("the FIFA boss", "the Fed
# chief"), and the roles they stand for: a description with one of the first refers to a
# person whose role has one of the second.
LEADER_NOUNS: frozenset[str] = frozenset("chief head boss leader".split())
LEADING_ROLES: frozenset[str] = LEADER_NOUNS | frozenset(
    """
    president chair chairman chairwoman chairperson director director-general
    secretary-general ceo governor commissioner executive
    """.split()
)

# Capitals and countries that news writing makes speak for their governments ("Moscow said",
# "Israel says"): organisations as speakers, but no "group" or "company".
KNOWN_PLACES: frozenset[str] = frozenset(
    """
    washington moscow beijing kyiv kiev tehran jerusalem london paris berlin brussels ankara
    cairo doha riyadh israel russia ukraine china iran america britain france germany turkey
    egypt qatar gaza lebanon syria iraq jordan
    """.split()
)

# Organisations that read as single proper names in news text.
KNOWN_ORGS: frozenset[str] = KNOWN_PLACES | frozenset(
    """
    reuters ap afp bloomberg axios cnn bbc nbc cbs abc fox msnbc politico xinhua tass interfax
    ria yonhap kyodo dpa efe ansa aljazeera hamas hezbollah houthis taliban pentagon kremlin
    congress nato eu un unicef unrwa who idf treasury vatican knesset bundestag duma fed
    """.split()
)

# Nouns that denote a person by role; a definite one ("the secretary", "the diplomat") refers
# back to someone the article has named.
PERSON_NOUNS: frozenset[str] = frozenset(
    """
    secretary president minister diplomat official senator candidate nominee leader governor
    mayor spokesman spokeswoman spokesperson ambassador envoy chancellor premier lawmaker
    congressman congresswoman politician director chairman chairwoman chair chief executive
    businessman businesswoman billionaire general commander officer judge justice attorney
    prosecutor lawyer adviser advisor aide economist analyst expert professor researcher
    scientist author writer journalist reporter editor republican democrat activist
    king queen prince pope man woman father mother coordinator representative speaker
    veteran doctor physician strategist pollster manager owner founder negotiator
    """.split()
)

# Titles news style abbreviates before a name, and the nouns a later "the …" uses for them
# ("Sen. Lindsey Graham" … "the senator", "Rep. Tom Hale" … "the congressman").
ABBREVIATED_TITLES: dict[str, frozenset[str]] = {
    "sen": frozenset({"senator", "lawmaker"}),
    "rep": frozenset({"representative", "congressman", "congresswoman", "lawmaker"}),
    "gov": frozenset({"governor"}),
    "lt": frozenset({"lieutenant"}),
    "gen": frozenset({"general"}),
    "col": frozenset({"colonel"}),
    "capt": frozenset({"captain"}),
    "sgt": frozenset({"sergeant"}),
    "adm": frozenset({"admiral"}),
    "atty": frozenset({"attorney"}),
    "supt": frozenset({"superintendent"}),
    "amb": frozenset({"ambassador"}),
    "pres": frozenset({"president"}),
    "maj": frozenset({"major"}),
    "cmdr": frozenset({"commander"}),
    "comdr": frozenset({"commander"}),
    "insp": frozenset({"inspector"}),
    "det": frozenset({"detective"}),
    "brig": frozenset({"brigadier"}),
    "sec": frozenset({"secretary"}),
}


# Titles written with a full stop that spaCy's English tokenizer cuts in two ("Col" "."):
# the stop then reads as a sentence end inside "army spokesman Col. Amir Dotan said", and
# the speaker and the quote before him are lost. Kept whole, as the tokenizer already keeps
# "Gen.", "Sen." and "Dr.". Case matters: "col." or "sec." in lower case are other words.
DOTTED_TITLES: tuple[str, ...] = tuple(
    """
    Col. Lt. Maj. Capt. Sgt. Cpl. Pvt. Spc. Brig. Cmdr. Comdr. Supt. Insp. Det. Msgr. Fr.
    Hon. Amb. Atty. Asst. Ald. Cllr. Sec. Sr. Sra. Srta. Pres.
    """.split()
)


def with_spelled_out_titles(words: set[str]) -> set[str]:
    """Folded role words with the nouns their abbreviated titles stand for added ("sen"
    adds "senator" and "lawmaker"). In: a set of words. Out: a new set."""
    return words.union(*(ABBREVIATED_TITLES.get(w, ()) for w in words))


# Determiners and quantifiers that start an anonymous description; dropped from its key.
DESCRIPTION_DETERMINERS: frozenset[str] = frozenset(
    """
    a an the another one two three four five six several some many other others few both
    most all any various multiple numerous certain
    """.split()
)

# Words after which an anonymous description's core is over: "a senior official who spoke ...".
DESCRIPTION_STOPS: frozenset[str] = frozenset(
    """
    who whom whose that which familiar with speaking briefed knowledgeable close granted
    according under on
    """.split()
)

PRONOUN_GENDER: dict[str, str] = {
    "he": "male",
    "him": "male",
    "his": "male",
    "himself": "male",
    "she": "female",
    "her": "female",
    "hers": "female",
    "herself": "female",
}
PLURAL_PRONOUNS: frozenset[str] = frozenset(
    {"they", "them", "their", "themselves", "we", "us", "our"}
)
NEUTER_PRONOUNS: frozenset[str] = frozenset({"it", "its", "itself"})
RELATIVE_PRONOUNS: frozenset[str] = frozenset({"who", "which", "that", "whom", "whose"})


# Words that are never recorded as a speaker's alias: a pronoun resolved by coreference
# names nobody.
NON_NAME_PRONOUNS: frozenset[str] = frozenset(
    "he she they it we i you him her them us his hers their its our who which".split()
)


# ------------------------------------------------ U.S. party and state labels (attribute)
# "Sen. Tim Kane (D-Va.)", "Rep. Ann Hale, R-Texas,": the party and state news style writes
# after a member of Congress, which a later "the Virginia Democrat" refers to. The states
# by their AP abbreviations and postal codes, folded without dots.
US_STATES: dict[str, str] = {
    abbr: state
    for state, abbrevs in {
        "alabama": "ala al",
        "alaska": "alaska ak",
        "arizona": "ariz az",
        "arkansas": "ark ar",
        "california": "calif ca",
        "colorado": "colo co",
        "connecticut": "conn ct",
        "delaware": "del de",
        "florida": "fla fl",
        "georgia": "ga",
        "hawaii": "hawaii hi",
        "idaho": "idaho id",
        "illinois": "ill il",
        "indiana": "ind in",
        "iowa": "iowa ia",
        "kansas": "kan kans ks",
        "kentucky": "ky",
        "louisiana": "la",
        "maine": "maine me",
        "maryland": "md",
        "massachusetts": "mass ma",
        "michigan": "mich mi",
        "minnesota": "minn mn",
        "mississippi": "miss ms",
        "missouri": "mo",
        "montana": "mont mt",
        "nebraska": "neb nebr ne",
        "nevada": "nev nv",
        "new hampshire": "nh",
        "new jersey": "nj",
        "new mexico": "nm",
        "new york": "ny",
        "north carolina": "nc",
        "north dakota": "nd",
        "ohio": "ohio oh",
        "oklahoma": "okla ok",
        "oregon": "ore or",
        "pennsylvania": "pa",
        "rhode island": "ri",
        "south carolina": "sc",
        "south dakota": "sd",
        "tennessee": "tenn tn",
        "texas": "texas tex tx",
        "utah": "utah ut",
        "vermont": "vt",
        "virginia": "va",
        "washington": "wash wa",
        "west virginia": "wva wv",
        "wisconsin": "wis wisc wi",
        "wyoming": "wyo wy",
    }.items()
    for abbr in abbrevs.split()
}
# Party letters and the words a description uses for a member ("the Ohio Republican").
PARTY_LETTERS: dict[str, str] = {"r": "republican", "d": "democrat", "i": "independent"}
PARTY_WORDS: frozenset[str] = frozenset("republican democrat independent".split())

# Family names written first in Chinese, Korean and Vietnamese names ("Xi Jinping", "Lee
# Jae-myung"): the short form a later sentence uses ("Xi added") is the first word.
FAMILY_NAME_FIRST: frozenset[str] = frozenset(
    """
    xi li wang zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin luo gao
    zheng liang xie song tang han feng deng cao peng zeng xiao tian dong pan yuan cai jiang
    yu du ye cheng wei su lu ding ren shen yao jin cui qin
    kim lee park choi jung kang cho yoon jang lim shin moon yoo han oh seo kwon hwang ahn
    nguyen tran le pham vo dang bui ngo
    """.split()
)

# Words after an unnamed source's noun that say how the source knows ("a person familiar with
# the talks", "two people briefed on the matter"): part of the source's description.
SOURCE_QUALIFIERS: frozenset[str] = frozenset(
    {"familiar", "close", "briefed", "knowledgeable", "involved", "aware", "informed"}
)
