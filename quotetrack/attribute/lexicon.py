"""Word lists that speaker attribution reads names and descriptions with.

All entries are casefolded and written without dots ("us" stands for "U.S.", "sen" for "Sen.").
The lists are deliberately small and news-oriented: they decide which capitalised words are
titles rather than names, which heads make a noun phrase an organisation, and which words
introduce an unnamed source.
"""

from __future__ import annotations

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
    ministry department office house administration government agency committee commission
    council foundation institute institution university college school party army military
    forces force police company corporation corp inc ltd group union court bank fund
    organization organisation association embassy consulate mission campaign cabinet
    parliament congress senate assembly board authority authorities service services times
    post news journal press tribune guardian telegraph network channel tv radio newspaper
    magazine agency bureau center centre coalition alliance federation league movement
    readout statement report reports study survey poll polls data spokesperson's pentagon
    kremlin mofa idf un nato who regime team staff secretariat directorate command city county
    town municipality country nation district states kingdom nations republic emirates
    """.split()
)

# Organisations that read as single proper names in news text.
KNOWN_ORGS: frozenset[str] = frozenset(
    """
    reuters ap afp bloomberg axios cnn bbc nbc cbs abc fox msnbc politico xinhua tass interfax
    ria yonhap kyodo dpa efe ansa aljazeera hamas hezbollah houthis taliban pentagon kremlin
    congress nato eu un unicef unrwa who idf washington moscow beijing kyiv kiev tehran
    jerusalem london paris berlin brussels ankara cairo doha riyadh israel russia ukraine china
    iran america britain france germany turkey egypt qatar gaza lebanon syria iraq jordan
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
