"""Cross-article speaker identity: which names denote the same person, and how to store them."""

from __future__ import annotations

import pytest

from quotetrack.attribute.identity import (
    aliases,
    anonymous_key,
    fuller_name,
    match_speaker,
    name_key,
    same_person,
    short_form_of,
    surname_key,
)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Antony Blinken", "antony blinken"),
        ("U.S. Secretary of State Antony Blinken", "antony blinken"),
        ("US Secretary of State Antony Blinken", "antony blinken"),
        ("Mr. Blinken", "blinken"),
        ("Blinken's", "blinken"),
        ("José Núñez", "jose nunez"),
        ("Joseph R. Biden Jr.", "joseph r biden"),
        ("Rep. John Mica (R-Fla.)", "john mica"),
        ("the White House", "white house"),
    ],
)
def test_name_key_drops_titles_punctuation_and_diacritics(name: str, key: str) -> None:
    assert name_key(name) == key


def test_us_spellings_share_a_key() -> None:
    assert name_key("U.S. official Jane Roe") == name_key("US official Jane Roe")


def test_surname_key_is_the_family_name() -> None:
    assert surname_key("Joseph R. Biden Jr.") == "biden"
    assert surname_key("Secretary Blinken") == "blinken"
    assert surname_key("James O’Neill") == surname_key("O'Neill")
    assert surname_key("") is None


@pytest.mark.parametrize(
    "variant",
    [
        "Blinken",
        "Secretary Blinken",
        "Antony J. Blinken",
        "Tony Blinken",
        "U.S. Secretary of State Antony Blinken",
        "A. Blinken",
    ],
)
def test_blinken_variants_are_one_person(variant: str) -> None:
    assert same_person(variant, "Antony Blinken")
    assert same_person("Antony Blinken", variant)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Joe Biden", "Hunter Biden"),
        ("Jill Biden", "Joe Biden"),
        ("Mr. Biden", "Jill Biden"),
        ("Antony Blinken", "Anthony Smith"),
        ("Blinken", "Biden"),
        ("", "Biden"),
    ],
)
def test_different_people_never_merge(a: str, b: str) -> None:
    assert not same_person(a, b)


def test_name_particles_belong_to_the_surname() -> None:
    assert same_person("von der Leyen", "Ursula von der Leyen")
    assert same_person("bin Salman", "Mohammed bin Salman")
    assert not same_person("Ursula von der Leyen", "Hans von der Leyen")


def test_nicknames_match_formal_names() -> None:
    assert same_person("Joe Biden", "Joseph R. Biden Jr.")
    assert same_person("Bill Clinton", "William Clinton")
    assert not same_person("Bill Clinton", "Hillary Clinton")


def test_names_that_only_share_a_nickname_are_different_people() -> None:
    assert not same_person("Christopher Smith", "Christina Smith")
    assert same_person("Chris Smith", "Christina Smith")  # the nickname alone could be either


def test_fuller_name_prefers_the_written_out_plain_name() -> None:
    assert fuller_name("Blinken", "Antony Blinken") == "Antony Blinken"
    assert fuller_name("Antony Blinken", "Blinken") == "Antony Blinken"
    assert fuller_name("Antony J. Blinken", "Antony Blinken") == "Antony Blinken"
    assert fuller_name("Secretary Blinken", "Blinken") == "Blinken"
    assert fuller_name("Tony Blinken", "Antony Blinken") == "Antony Blinken"


def test_anonymous_descriptions_share_a_key_regardless_of_determiner_and_number() -> None:
    key = anonymous_key("a senior US official")
    assert key == "senior us official"
    assert anonymous_key("another senior U.S. official") == key
    assert anonymous_key("two senior US officials who spoke on condition of anonymity") == key
    assert anonymous_key("a senior European diplomat") != key


def test_aliases_cover_surname_title_and_full_form() -> None:
    got = aliases(
        "Antony Blinken",
        "U.S. Secretary of State",
        ["Blinken", "he", "the secretary", "Secretary Blinken"],
    )
    assert got[0] == "Antony Blinken"
    assert set(got) == {
        "Antony Blinken",
        "Blinken",
        "Secretary Blinken",
        "U.S. Secretary of State Antony Blinken",
    }


def test_aliases_write_the_short_title_before_the_surname() -> None:
    assert "Prime Minister Netanyahu" in aliases("Benjamin Netanyahu", "Israeli Prime Minister", [])
    assert "Press Secretary Jean-Pierre" in aliases(
        "Karine Jean-Pierre", "White House press secretary", []
    )
    assert "Coordinator Kirby" in aliases(
        "John Kirby", "NSC Coordinator for Strategic Communications", []
    )


def test_aliases_put_only_titles_in_front_of_the_name() -> None:
    got = aliases("Aaron Kall", "director of debate at the University of Michigan", [])
    assert got == ["Aaron Kall", "Kall"]
    assert "White House press secretary Karine Jean-Pierre" in aliases(
        "Karine Jean-Pierre", "White House press secretary", []
    )


def test_aliases_ignore_mentions_of_someone_else() -> None:
    assert "Hunter Biden" not in aliases("Joe Biden", None, ["Hunter Biden", "Biden"])


def test_match_speaker_attaches_blinken_variants() -> None:
    candidates = [(7, "Antony Blinken", 12)]
    for variant in ("Blinken", "Secretary Blinken", "Antony J. Blinken", "Tony Blinken"):
        assert match_speaker(variant, candidates) == 7


def test_match_speaker_never_merges_joe_and_hunter_biden() -> None:
    assert match_speaker("Hunter Biden", [(1, "Joe Biden", 40)]) is None
    assert match_speaker("Joe Biden", [(2, "Hunter Biden", 3)]) is None
    assert match_speaker("Joseph Biden", [(1, "Joe Biden", 40), (2, "Hunter Biden", 3)]) == 1


def test_a_bare_surname_attaches_only_when_one_person_fits() -> None:
    assert match_speaker("Biden", [(1, "Joe Biden", 40)]) == 1
    assert match_speaker("Biden", [(1, "Joe Biden", 40), (2, "Hunter Biden", 3)]) is None
    # an existing bare-surname record collects the ambiguous mentions
    assert (
        match_speaker("Biden", [(1, "Joe Biden", 40), (2, "Hunter Biden", 3), (3, "Biden", 5)]) == 3
    )


def test_a_full_name_skips_a_bare_record_that_could_be_someone_else() -> None:
    assert match_speaker("Hunter Biden", [(1, "Joe Biden", 40), (3, "Biden", 5)]) is None
    assert match_speaker("Antony Blinken", [(3, "Blinken", 2)]) == 3


def test_match_speaker_prefers_the_same_first_name_then_the_busiest_speaker() -> None:
    candidates = [
        (4, "Antony J. Blinken", 1),
        (6, "Antony Blinken", 3),
        (5, "Tony Blinken", 9),
        (3, "Blinken", 30),
    ]
    assert match_speaker("Antony Blinken", candidates) == 6
    assert (
        match_speaker("Anthony Blinken", [(5, "Tony Blinken", 9), (4, "Antony J. Blinken", 1)]) == 5
    )
    assert match_speaker("Blinken", []) is None


def test_match_speaker_does_not_guess_between_people_a_nickname_fits() -> None:
    candidates = [(1, "Christopher Smith", 9), (2, "Christina Smith", 4)]
    assert match_speaker("Chris Smith", candidates) is None
    assert match_speaker("Christina Smith", candidates) == 2
    assert match_speaker("Chris Smith", [(1, "Christopher Smith", 9)]) == 1


# -- descriptors within one article, organisations across spellings ---------------------------

from quotetrack.attribute.identity import (  # noqa: E402
    acronym,
    organisation_key,
    resolve_descriptors,
    titled_names,
)

_ARTICLE = (
    "Harbour Authority president Marta Lindqvist, 42, opened the session. Opposition leader "
    "Sir Tomas Brek replied. Prime Minister Ada Okafor spoke last."
)


def test_a_legal_form_after_a_business_name_is_no_part_of_its_identity():
    assert organisation_key("Lumen Social Inc.") == organisation_key("Lumen Social")
    assert organisation_key("Arcline Ltd") == organisation_key("Arcline") == "arcline"
    assert organisation_key("Inc") == "inc"  # a name that is nothing else keeps it


def test_one_office_is_the_same_title_of_the_same_body_held_by_one_person():
    from quotetrack.attribute.identity import same_office

    assert same_office("Federal Reserve Chair", "Fed chair")
    assert same_office("Texas governor", "Texas Governor")
    assert not same_office("Texas governor", "Ohio governor")
    assert not same_office("Senator", "Senator")  # no body: anyone's title
    assert not same_office("Fed Chair", "Fed vice chair")
    assert not same_office(None, "Fed Chair")


def test_the_fed_is_the_federal_reserve():
    # a short form written as a name of its own, no acronym of the body's name
    assert organisation_key("Fed") == organisation_key("Federal Reserve")
    assert organisation_key("FedEx") != organisation_key("Federal Reserve")


def test_a_definite_description_resolves_to_the_named_person_it_fits():
    refs = [
        ("person", "Marta Lindqvist", None),
        ("person", "Tomas Brek", None),
        ("anonymous", "the 42-year-old", None),
        ("anonymous", "the Harbour Authority boss", None),
        ("anonymous", "the opposition leader", None),
        ("anonymous", "the prime minister", None),  # named in the text, quoted only so
        ("anonymous", "The PM", None),
    ]
    out = resolve_descriptors(refs, _ARTICLE)
    assert out[2][1] == out[3][1] == "Marta Lindqvist"
    assert out[4][1] == "Tomas Brek"
    assert out[5][1] == out[6][1] == "Ada Okafor"


def test_an_indefinite_or_unfitting_description_stays_unnamed():
    refs = [
        ("person", "Marta Lindqvist", None),
        ("anonymous", "a senior official", None),
        ("anonymous", "officials", None),
        ("anonymous", "the 57-year-old", None),  # nobody in the article is 57
        ("anonymous", "the finance minister", None),
    ]
    out = resolve_descriptors(refs, _ARTICLE)
    assert out[1:] == refs[1:]


def test_a_title_standing_as_a_name_resolves_like_a_description():
    refs = [("organisation", "Prime Minister", None), ("person", "Harbour Authority", None)]
    out = resolve_descriptors(refs, _ARTICLE)
    assert out[0][1] == "Ada Okafor"


def test_the_company_is_the_articles_one_organisation():
    refs = [("organisation", "Nordvik Shipping", None), ("anonymous", "the company", None)]
    assert resolve_descriptors(refs, "Nordvik Shipping said it would appeal.")[1][1] == (
        "Nordvik Shipping"
    )
    two = [
        ("organisation", "Nordvik Shipping", None),
        ("organisation", "Baltic Freight", None),
        ("anonymous", "the company", None),
    ]
    assert resolve_descriptors(two, "")[2] == two[2]


def test_titled_names_in_the_text():
    assert ("Ada Okafor", "Prime Minister") in titled_names(_ARTICLE)
    assert ("Tomas Brek", "Opposition leader") in titled_names(_ARTICLE)


def test_organisation_spellings_share_one_key_and_long_names_have_acronyms():
    assert organisation_key("World Harbour Organisation") == organisation_key(
        "World Harbor Organization"
    )
    assert acronym("Federal Harbour Administration") == "fha"
    assert acronym("Harbour") is None


def test_a_given_name_alone_is_the_articles_person_it_begins():
    refs = [("person", "Amina Yusuf Haile", None), ("person", "Amina", None)]
    assert resolve_descriptors(refs, "")[1][1] == "Amina Yusuf Haile"
    # Two people of the article share the given name: nobody to pick.
    two = [
        ("person", "Amina Yusuf Haile", None),
        ("person", "Amina Okoro", None),
        ("person", "Amina", None),
    ]
    assert resolve_descriptors(two, "")[2] == two[2]


def test_a_two_word_family_name_alone_is_the_same_person():
    assert same_person("Yusuf Haile", "Amina Yusuf Haile")
    assert not same_person("Hunter Biden", "Joe Biden")
    assert not same_person("Yusuf Haile", "Omar Haile")


def test_a_long_name_has_short_forms_from_the_front_a_two_part_name_none():
    assert short_form_of("Dr Idris", "Idris Amara Welde")
    assert short_form_of("Idris Amara", "Idris Amara Welde")
    assert short_form_of("Idris Amara", "Idris Amara-Welde")  # a hyphen is a break
    assert not short_form_of("Jacinda", "Jacinda Ardern")  # two parts: a given name only
    assert not short_form_of("Amara Welde", "Idris Amara Welde")  # from the front only
    assert not short_form_of("Mohammed bin", "Mohammed bin Rashid Al Nahyan")  # a particle
    assert not short_form_of("Idris Amara Welde", "Idris Amara Welde")


def test_a_hyphenated_name_is_the_same_person_written_with_a_space():
    assert same_person("Idris Amara-Welde", "Idris Amara Welde")
    assert not same_person("Idris Amara-Welde", "Idris Amara Tesfaye")
    found = aliases("Idris Amara-Welde", None, ["Dr Idris", "he"])
    assert found[:2] == ["Idris Amara-Welde", "Idris Amara Welde"]
    assert "Dr Idris" in found and "Idris" in found  # the short form, with and without title


def test_a_persons_office_is_a_body_named_after_the_person_the_article_names():
    text = "Mereana Holt resigned on Thursday. Holt's office said she would stay an MP."
    refs = [("anonymous", "Holt's office", None)]
    assert resolve_descriptors(refs, text) == [("organisation", "Mereana Holt's office", None)]
    # nobody of that name in the article, or two of them: the description stays unnamed
    assert resolve_descriptors(refs, "Holt's office said she would stay.") == refs
    two = "Mereana Holt and Anna Holt spoke. Holt's office said she would stay."
    assert resolve_descriptors(refs, two) == refs


def test_an_office_named_with_its_holders_title_and_full_name_is_named_once():
    text = "Prime Minister Avram Solberg's office said in a statement that talks would resume."
    refs = [("anonymous", "Prime Minister Avram Solberg's office", None)]
    assert resolve_descriptors(refs, text) == [("organisation", "Avram Solberg's office", None)]


def test_a_group_or_body_description_never_resolves_to_a_person():
    # Words written near a person's name ("the company's chief executive Lena Marsh") do not
    # make the company, or its board, that person.
    text = "The company's chief executive Lena Marsh left. The board met at noon."
    refs = [
        ("person", "Lena Marsh", None),
        ("anonymous", "the company", None),
        ("anonymous", "The previous board", None),
    ]
    assert resolve_descriptors(refs, text)[1:] == refs[1:]


def test_an_organisation_word_before_a_title_is_a_description_but_a_given_name_is_not():
    from quotetrack.attribute.identity import title_only

    assert title_only("Prime Minister") and title_only("FIFA President")
    assert title_only("Nordvik President")
    assert not title_only("Stephen Speaker")  # a given name: a person called Speaker
    assert not title_only("Lena Marsh")


def test_an_organisations_document_is_that_organisation_speaking():
    from quotetrack.attribute.identity import document_issuer

    assert document_issuer("An FHA update") == "FHA"
    assert document_issuer("a W.H.O. statement") == "WHO"
    assert document_issuer("an FHA spokesperson") is None  # a person, unnamed
    assert document_issuer("the report") is None
    refs = [
        ("organisation", "Federal Harbour Administration", None),
        ("anonymous", "An FHA update", None),
        ("anonymous", "a senior official", None),
    ]
    out = resolve_descriptors(refs, "")
    assert out[1] == ("organisation", "FHA", None)
    assert out[2] == refs[2]


def test_words_of_another_clause_before_a_surname_are_not_its_title() -> None:
    # "The former president ... claimed Moore": "former" describes the subject, not Moore.
    text = (
        "President Alan Moore withdrew on Sunday. The former president also claimed Moore "
        "was never fit to serve. Moore thanked his staff."
    )
    refs = [("anonymous", "The former president", None), ("person", "Alan Moore", "President")]
    assert resolve_descriptors(refs, text)[0] == refs[0]
    # the title written straight before the name still counts
    titled = "Former president Alan Moore spoke. The former president said it was over."
    refs = [("anonymous", "The former president", None), ("person", "Alan Moore", None)]
    assert resolve_descriptors(refs, titled)[0] == ("person", "Alan Moore", None)


def test_a_surname_with_one_typo_is_recognised_only_when_long_enough() -> None:
    from quotetrack.attribute.identity import surname_misspelt

    assert surname_misspelt("ferrante", "ferante")
    assert surname_misspelt("okonkwo", "okonkow") is False  # two edits, different ending
    assert surname_misspelt("mcallister", "mcalister")
    assert not surname_misspelt("biden", "bidan")  # five letters: namesakes are likelier
    assert not surname_misspelt("ferrante", "ferrante")


def test_the_board_is_an_organ_of_the_articles_organisation() -> None:
    # An organ speaks for its body without being it: "Nordvik Shipping board", on every page.
    text = "Nordvik Shipping said it would appeal. Its directors met on Friday."
    orgs = [("organisation", "Nordvik Shipping", None)]
    for description in (
        "the board",
        "The former board",
        "the firm’s board",
        "its board of directors",
        "Nordvik's board",
        "the Nordvik board",
    ):
        out = resolve_descriptors(orgs + [("anonymous", description, None)], text)
        assert out[1] == ("organisation", "Nordvik Shipping board", None), description
    # A body named in the description need not be quoted in the article.
    out = resolve_descriptors(orgs + [("anonymous", "Baltic Freight's board", None)], text)
    assert out[1] == ("organisation", "Baltic Freight board", None)


def test_a_board_nobody_can_own_stays_an_unnamed_source() -> None:
    text = "Nordvik Shipping said it would appeal."
    nordvik = ("organisation", "Nordvik Shipping", None)
    baltic = ("organisation", "Baltic Freight", None)
    for refs in (
        [("anonymous", "the board", None)],  # no organisation in the article
        [nordvik, baltic, ("anonymous", "the board", None)],  # two of them
        [nordvik, ("anonymous", "the school board", None)],  # some school's
        [nordvik, ("anonymous", "the boards", None)],
    ):
        assert resolve_descriptors(refs, text)[-1] == refs[-1]
    # A title the detector took for an organisation is no body to own a board.
    refs = [("organisation", "Prime Minister", None), ("anonymous", "the board", None)]
    assert resolve_descriptors(refs, text)[1] == refs[1]
    # "the board" of an article naming the Harbour Safety Board may be that body ...
    named = "Nordvik Shipping said it would appeal. The Harbour Safety Board disagreed."
    refs = [nordvik, ("anonymous", "the board", None)]
    assert resolve_descriptors(refs, named)[1] == refs[1]
    # ... and is that body when it is the organisation the article quotes.
    board = ("organisation", "Harbour Safety Board", None)
    out = resolve_descriptors([board, ("anonymous", "the board", None)], named)
    assert out[1] == board
