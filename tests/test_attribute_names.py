"""Reading names without NER: where a name starts and ends, titles, organisations, headlines."""

from __future__ import annotations

import pytest

from quotetrack.attribute.resolve import resolve_speakers
from quotetrack.types import Quote


def speaker_of(nlp, text: str, mention: str, occurrence: int = 1) -> Quote:
    """Resolve one quote whose mention is the ``occurrence``-th ``mention`` in ``text``."""
    with nlp.select_pipes(disable=["quotetrack"]):
        doc = nlp(text)
    start = -1
    for _ in range(occurrence):
        start = text.index(mention, start + 1)
    quote = Quote(
        type="indirect", start=0, end=1, mention_start=start, mention_end=start + len(mention)
    )
    resolve_speakers(doc, [quote])
    return quote


@pytest.mark.parametrize(
    ("text", "mention", "speaker", "role"),
    [
        ("Mr. Holtz-Eakin said the plan was costly.", "Mr. Holtz-Eakin", "Holtz-Eakin", None),
        (
            "British Prime Minister Theresa May said talks would resume.",
            "British Prime Minister Theresa May",
            "Theresa May",
            "British Prime Minister",
        ),
        (
            "Representative Charles B. Rangel of New York said he disagreed.",
            "Representative Charles B. Rangel of New York",
            "Charles B. Rangel",
            "Representative",
        ),
        (
            "Rep. John Mica (R-Fla.) said the vote was fair.",
            "Rep. John Mica (R-Fla.)",
            "John Mica",
            "Rep.",
        ),
        (
            "Secretary General Ban Ki-moon said the council must act.",
            "Secretary General Ban Ki-moon",
            "Ban Ki-moon",
            "Secretary General",
        ),
        ("Mr. King said he would vote no.", "Mr. King", "King", None),
        (
            "Tulsa police Chief Chuck Jordan said the officer was on leave.",
            "Tulsa police Chief Chuck Jordan",
            "Chuck Jordan",
            "Tulsa police Chief",
        ),
        # three names and no given name the lexicon knows: all three are the name
        (
            "Agency Director-General Tesfaye Alemu Gebre said the clinics would reopen.",
            "Agency Director-General Tesfaye Alemu Gebre",
            "Tesfaye Alemu Gebre",
            "Agency Director-General",
        ),
        # a known given name after capitalised words of a role: the name starts there
        (
            "NSC Coordinator for Strategic Communications John Kirby said talks went on.",
            "NSC Coordinator for Strategic Communications John Kirby",
            "John Kirby",
            "NSC Coordinator for Strategic Communications",
        ),
    ],
)
def test_names_and_titles(nlp, text: str, mention: str, speaker: str, role: str | None) -> None:
    q = speaker_of(nlp, text, mention)
    assert q.speaker_kind == "person"
    assert q.speaker == speaker
    assert q.speaker_role == role


@pytest.mark.parametrize(
    ("text", "mention", "speaker"),
    [
        (
            "Citizens for Tax Justice said the loophole cost billions.",
            "Citizens for Tax Justice",
            "Citizens for Tax Justice",
        ),
        (
            "The House Oversight and Government Reform Committee said it would vote.",
            "The House Oversight and Government Reform Committee",
            "House Oversight and Government Reform Committee",
        ),
        (
            "The State Department said the envoy would travel.",
            "The State Department",
            "State Department",
        ),
        (
            "The Committee for a Responsible Federal Budget said the plans add debt.",
            "The Committee for a Responsible Federal Budget",
            "Committee for a Responsible Federal Budget",
        ),
        ("The United States said it would respond.", "The United States", "United States"),
    ],
)
def test_organisations(nlp, text: str, mention: str, speaker: str) -> None:
    q = speaker_of(nlp, text, mention)
    assert (q.speaker, q.speaker_kind) == (speaker, "organisation")
    assert q.speaker_role is None


def test_a_persons_administration_is_a_named_organisation(nlp) -> None:
    q = speaker_of(
        nlp,
        "The Biden administration has so far refused to criticize Israel directly.",
        "The Biden administration",
    )
    assert (q.speaker, q.speaker_kind) == ("Biden administration", "organisation")


def test_an_acronym_takes_the_spelled_out_name(nlp) -> None:
    text = "The International Monetary Fund cut its forecast on Tuesday. The IMF said growth would slow."
    q = speaker_of(nlp, text, "The IMF")
    assert (q.speaker, q.speaker_kind) == ("International Monetary Fund", "organisation")


def test_description_with_an_unnamed_organisation(nlp) -> None:
    q = speaker_of(
        nlp,
        "Gaza's Hamas-run health ministry said 40 people were killed.",
        "Gaza's Hamas-run health ministry",
    )
    assert q.speaker is None
    assert q.speaker_kind == "organisation"
    assert q.speaker_description == "Gaza's Hamas-run health ministry"


def test_the_ministry_refers_back_to_the_unnamed_ministry(nlp) -> None:
    text = "Gaza's Hamas-run health ministry said 40 people were killed. The ministry said most were children."
    with nlp.select_pipes(disable=["quotetrack"]):
        doc = nlp(text)
    first = Quote(type="indirect", start=38, end=60, mention_start=0, mention_end=32)
    again = Quote(
        type="indirect",
        start=90,
        end=110,
        mention_start=text.index("The ministry"),
        mention_end=text.index("The ministry") + 12,
    )
    resolve_speakers(doc, [first, again])
    assert again.speaker is None and again.speaker_kind == "organisation"
    assert again.speaker_description == "Gaza's Hamas-run health ministry"
    assert [text[a:b] for a, b in again.speaker_spans] == [
        "The ministry",
        "Gaza's Hamas-run health ministry",
    ]


def test_headline_capitals_are_not_names(nlp) -> None:
    text = (
        "Clinton Plan for Taxes Is Expansive but Complex\n\n"
        "Hillary Clinton on Monday laid out her tax plan. Clinton said the wealthy would pay more."
    )
    q = speaker_of(nlp, text, "Clinton", 3)
    assert q.speaker == "Hillary Clinton"


def test_a_surname_the_tagger_reads_as_a_verb_is_still_a_name(nlp) -> None:
    text = "Donald Trump spoke in Ohio on Monday. Trump said the polls were rigged, and Trump repeated it."
    q = speaker_of(nlp, text, "Trump", 2)
    assert q.speaker == "Donald Trump"


def test_a_surname_tagged_as_a_plural_noun_after_a_closing_straight_mark_is_a_name(nlp) -> None:
    # the small model reads "Sanders" as a plural noun; the article never writes it in lower
    # case, and after '," ' the sentence goes on, so its capital is the name's
    text = '"It is a disgrace," Sanders said, adding that the vote had been rushed.'
    q = speaker_of(nlp, text, "Sanders")
    assert q.speaker == "Sanders"
    # after an opening mark a capital proves nothing: a word the article also writes in
    # lower case stays a common noun
    text = '"Sanders are loud," the carpenter said. Old sanders wear out.'
    q = speaker_of(nlp, text, "Sanders")
    assert q.speaker is None


def test_a_person_of_a_body_is_the_person_and_a_body_of_a_field_is_the_body(nlp) -> None:
    # "of Harbour University" says where the named person works; the later "Moss" is them
    text = "Dr. Ian Moss of Harbour University said the data were poor. Moss said more work was needed."
    first = speaker_of(nlp, text, "Dr. Ian Moss of Harbour University")
    later = speaker_of(nlp, text, "Moss", 2)
    assert (first.speaker, first.speaker_kind) == ("Ian Moss", "person")
    assert later.speaker == "Ian Moss"
    # a body's word before the "of" keeps the whole name one body
    text = "John Jay College of Criminal Justice said the study was sound."
    q = speaker_of(nlp, text, "John Jay College of Criminal Justice")
    assert (q.speaker, q.speaker_kind) == ("John Jay College of Criminal Justice", "organisation")


def test_gerund_before_a_title_is_not_part_of_the_role(nlp) -> None:
    text = (
        "Meeting Prime Minister Benjamin Netanyahu in Tel Aviv, Blinken said the pause must hold."
    )
    q = speaker_of(nlp, text, "Prime Minister Benjamin Netanyahu")
    assert q.speaker == "Benjamin Netanyahu"
    assert q.speaker_role == "Prime Minister"


def test_particles_of_two_words_stay_in_the_name_and_are_no_title(nlp) -> None:
    # "von der", "van der": the run went on over one particle only, and a surname that
    # opens with particles read them as a role and "von" as a man's given name
    text = (
        'Commission President Ursula von der Leyen spoke first. "It is time," von der Leyen '
        "said. The WHO's technical lead, Dr Maria van der Berg, said cases had risen."
    )
    whole = speaker_of(nlp, text, "Commission President Ursula von der Leyen")
    assert (whole.speaker, whole.speaker_role) == ("Ursula von der Leyen", "Commission President")
    short = speaker_of(nlp, text, "von der Leyen", occurrence=2)
    assert (short.speaker, short.speaker_role) == ("Ursula von der Leyen", "Commission President")
    assert speaker_of(nlp, text, "Dr Maria van der Berg").speaker == "Maria van der Berg"


@pytest.mark.parametrize(
    ("text", "mention", "speaker"),
    [
        # "al-" glued to the name is part of it, not a title's last word
        (
            "Hamas political chief Ismail al-Haniyeh spoke. Later al-Haniyeh said no.",
            "al-Haniyeh",
            "Ismail al-Haniyeh",
        ),
        # a patronymic starts the name before its "bin"; "Al" there is no given name
        (
            "Qatar's emir, Sheikh Tamim bin Hamad Al Thani, said talks would go on.",
            "Sheikh Tamim bin Hamad Al Thani",
            "Tamim bin Hamad Al Thani",
        ),
        # a family name written first is the short form of the full name
        ("Chinese President Xi Jinping spoke. Xi added that trade was vital.", "Xi", "Xi Jinping"),
    ],
)
def test_arabic_and_east_asian_names_keep_their_parts(nlp, text, mention, speaker) -> None:
    occurrence = 2 if text.count(mention) > 1 else 1
    assert speaker_of(nlp, text, mention, occurrence).speaker == speaker
