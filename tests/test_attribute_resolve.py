"""Speaker resolution within one article: names, titles, appositions, pronouns, descriptions.

Documents are parsed with the session pipeline (no NER); quotes are built by hand with the
speaker mention's offsets, the way the detector hands them over.
"""

from __future__ import annotations

import re

from sample_articles import sample_text

from quotetrack.attribute.resolve import resolve_speakers
from quotetrack.types import Quote


def parse(nlp, text: str):
    """Parse ``text`` with the pipeline but without the quotetrack component."""
    with nlp.select_pipes(disable=["quotetrack"]):
        return nlp(text)


def quote_for(text: str, mention: str, occurrence: int = 1) -> Quote:
    """A quote whose speaker mention is the ``occurrence``-th whole-word match of ``mention``."""
    matches = list(re.finditer(r"(?<!\w)" + re.escape(mention) + r"(?!\w)", text))
    m = matches[occurrence - 1]
    return Quote(
        type="indirect",
        start=m.end(),
        end=min(len(text), m.end() + 10),
        mention_start=m.start(),
        mention_end=m.end(),
    )


def resolve(nlp, text: str, *mentions: str | tuple[str, int]) -> list[Quote]:
    doc = parse(nlp, text)
    quotes = [quote_for(text, *(m if isinstance(m, tuple) else (m,))) for m in mentions]
    resolve_speakers(doc, quotes)
    return quotes


ARTICLE = (
    "U.S. Secretary of State Antony Blinken on Thursday criticised the conduct of the offensive. "
    '"There remains a gap," Blinken told reporters in Washington. '
    "He said civilians must be protected. "
    "The secretary added that aid deliveries would continue. "
    '"We are talking with the Israelis every day," the diplomat said.'
)


def test_surname_resolves_to_the_full_name_with_role(nlp) -> None:
    (q,) = resolve(nlp, ARTICLE, ("Blinken", 2))
    assert q.speaker == "Antony Blinken"
    assert q.speaker_kind == "person"
    assert q.speaker_role == "U.S. Secretary of State"
    text_of = [ARTICLE[a:b] for a, b in q.speaker_spans]
    assert text_of == ["Blinken", "Antony Blinken"]


def test_pronoun_and_nominal_mentions_resolve_to_the_named_person(nlp) -> None:
    quotes = resolve(nlp, ARTICLE, "He", "The secretary", "the diplomat")
    assert [q.speaker for q in quotes] == ["Antony Blinken"] * 3
    for q in quotes:
        mention = ARTICLE[q.mention_start : q.mention_end]
        assert ARTICLE[slice(*q.speaker_spans[0])] == mention  # own mention stays first
        assert len(q.speaker_spans) >= 2  # then the antecedent used


def test_title_before_the_name_becomes_the_role(nlp) -> None:
    text = "NSC Coordinator for Strategic Communications John Kirby said the talks would go on."
    (q,) = resolve(nlp, text, "NSC Coordinator for Strategic Communications John Kirby")
    assert q.speaker == "John Kirby"
    assert q.speaker_role == "NSC Coordinator for Strategic Communications"


def test_apposition_gives_name_and_role(nlp) -> None:
    text = "Derek Kukura, 24, a junior at Ohio State University, said the vote mattered to him."
    (q,) = resolve(nlp, text, "Derek Kukura, 24, a junior at Ohio State University")
    assert q.speaker == "Derek Kukura"
    assert q.speaker_kind == "person"
    assert q.speaker_role == "junior at Ohio State University"


def test_apposition_after_a_comma_stopped_mention_still_gives_the_role(nlp) -> None:
    # the detector's mention stops at the first comma; the role is read from the parse
    text = "Aaron Kall, the director of debate at the University of Michigan, said the format helps. Kall added more."
    first, later = resolve(nlp, text, "Aaron Kall", ("Kall", 2))
    assert first.speaker == later.speaker == "Aaron Kall"
    assert (
        first.speaker_role
        == later.speaker_role
        == "director of debate at the University of Michigan"
    )


def test_a_title_read_as_a_proper_noun_before_a_name_in_apposition(nlp) -> None:
    # the tagger reads "CEO" as a proper noun; the name set off after it still speaks
    text = "The Skyward CEO, Dan Pell, said the airline would cut 500 jobs."
    (q,) = resolve(nlp, text, "The Skyward CEO")
    assert (q.speaker, q.speaker_role) == ("Dan Pell", "Skyward CEO")


def test_a_lower_case_honorific_word_is_the_roles_own_noun(nlp) -> None:
    # "professor" and "lady" are honorifics before a name, but nouns in a role
    text = "Ian Moss, a professor at Harbour University, said the silt had doubled."
    (q,) = resolve(nlp, text, "Ian Moss")
    assert q.speaker_role == "professor at Harbour University"
    text = "Jill Reyes, the first lady, said the garden was open."
    (q,) = resolve(nlp, text, "Jill Reyes")
    assert q.speaker_role == "first lady"


def test_lowercase_title_and_name_in_apposition_after_a_description(nlp) -> None:
    text = "Campaign spokesman Jason Miller said the ad was false. His former business partner at Lenox, Lawrence B. Cummings, said little."
    miller, cummings = resolve(
        nlp,
        text,
        "Campaign spokesman Jason Miller",
        "His former business partner at Lenox, Lawrence B. Cummings",
    )
    assert (miller.speaker, miller.speaker_role) == ("Jason Miller", "Campaign spokesman")
    assert cummings.speaker == "Lawrence B. Cummings"
    assert cummings.speaker_role == "His former business partner at Lenox"


def test_pronoun_gender_picks_the_agreeing_person(nlp) -> None:
    text = (
        "Vice President Kamala Harris met Defense Secretary Lloyd Austin on Monday. "
        "She said the meeting had been useful. He said he agreed."
    )
    she, he = resolve(nlp, text, "She", "He")
    assert she.speaker == "Kamala Harris"
    assert she.speaker_role == "Vice President"
    assert he.speaker == "Lloyd Austin"


def test_pronoun_prefers_the_previous_speaker(nlp) -> None:
    text = (
        "Foreign Secretary David Cameron met Antony Blinken in London. "
        '"We share the same goals," Cameron said. "And we will act on them," he added.'
    )
    cameron, he = resolve(nlp, text, ("Cameron", 2), "he")
    assert cameron.speaker == "David Cameron"
    assert he.speaker == "David Cameron"


def test_unnamed_sources_stay_anonymous_with_their_description(nlp) -> None:
    text = (
        "Antony Blinken arrived in Tel Aviv on Thursday. A senior European diplomat said the plan "
        "was dead. Another senior US official, who spoke on condition of anonymity, said talks went on. "
        '"It is not over," the official said.'
    )
    diplomat, official, again = resolve(
        nlp, text, "A senior European diplomat", "Another senior US official", "the official"
    )
    assert diplomat.speaker is None
    assert diplomat.speaker_kind == "anonymous"
    assert diplomat.speaker_description == "A senior European diplomat"
    assert official.speaker is None
    assert official.speaker_description == "Another senior US official"
    # a definite description refers back to the unnamed source, not to the named person
    assert again.speaker is None
    assert again.speaker_kind == "anonymous"
    assert again.speaker_description == "Another senior US official"
    assert [text[a:b] for a, b in again.speaker_spans] == [
        "the official",
        "Another senior US official",
    ]


def test_organisations_and_it(nlp) -> None:
    text = "The White House said the visit would go ahead. It said talks were constructive. Reuters reported the channel was new."
    white_house, it, reuters = resolve(nlp, text, "The White House", "It", "Reuters")
    assert (white_house.speaker, white_house.speaker_kind) == ("White House", "organisation")
    assert (it.speaker, it.speaker_kind) == ("White House", "organisation")
    assert (reuters.speaker, reuters.speaker_kind) == ("Reuters", "organisation")
    assert white_house.speaker_role is None


def test_relative_pronoun_resolves_to_the_noun_it_attaches_to(nlp) -> None:
    text = "The plan was backed by Secretary of State Antony Blinken, who said it would protect civilians."
    (q,) = resolve(nlp, text, "who")
    assert q.speaker == "Antony Blinken"
    assert text[slice(*q.speaker_spans[0])] == "who"


def test_coordinated_speakers_take_the_first(nlp) -> None:
    text = "Presidential candidates Hillary Clinton and Donald Trump said they would debate again."
    (q,) = resolve(nlp, text, "Presidential candidates Hillary Clinton and Donald Trump")
    assert q.speaker == "Hillary Clinton"


def test_a_bare_surname_shared_by_two_people_goes_to_the_recent_one(nlp) -> None:
    text = (
        "President Joe Biden spoke first. Later his son Hunter Biden spoke to reporters. "
        "Biden said he had nothing to hide."
    )
    (q,) = resolve(nlp, text, ("Biden", 3))
    assert q.speaker == "Hunter Biden"


def test_no_mention_leaves_the_quote_alone(nlp) -> None:
    doc = parse(nlp, 'Antony Blinken spoke. "It is urgent."')
    q = Quote(type="direct", start=23, end=33)
    resolve_speakers(doc, [q])
    assert q.speaker is None and q.speaker_kind is None and q.speaker_spans == []


def test_resolution_works_without_named_entities(nlp) -> None:
    assert "ner" not in nlp.pipe_names
    doc = parse(nlp, ARTICLE)
    assert not doc.has_annotation("ENT_IOB")
    q = quote_for(ARTICLE, "Blinken", 2)
    resolve_speakers(doc, [q])
    assert q.speaker == "Antony Blinken"


def test_sample_article_blinken_mentions_resolve_to_the_full_name(nlp) -> None:
    text = sample_text("001")
    doc = parse(nlp, text)
    quotes = [quote_for(text, "Blinken", k) for k in (4, 5, 6)] + [quote_for(text, "he", 1)]
    resolve_speakers(doc, quotes)
    assert {q.speaker for q in quotes} == {"Antony Blinken"}
    assert all(q.speaker_role and "Secretary of State" in q.speaker_role for q in quotes)


def test_sample_article_unnamed_official_and_named_secretary(nlp) -> None:
    text = sample_text("004")
    doc = parse(nlp, text)
    official = quote_for(text, "Another U.S. official")
    secretary = quote_for(text, "The U.S. Secretary of State")
    resolve_speakers(doc, [official, secretary])
    assert official.speaker is None and official.speaker_kind == "anonymous"
    assert official.speaker_description == "Another U.S. official"
    assert secretary.speaker == "Antony Blinken"


def test_full_pipeline_attributes_sample_quotes(nlp) -> None:
    """With the detector in front: the quotes of the sample article carry resolved speakers."""
    text = sample_text("001")
    quotes = nlp(text)._.quotes
    named = [q for q in quotes if q.speaker]
    assert any(q.speaker == "Antony Blinken" for q in named)
    assert not any(q.speaker == "Blinken" for q in named)
    for q in quotes:
        if q.mention_start is not None and q.speaker_spans:
            assert q.speaker_spans[0] == (q.mention_start, q.mention_end)


def test_resolution_leaves_no_caches_on_the_doc(nlp) -> None:
    doc = parse(nlp, ARTICLE)
    before = dict(doc.user_data)
    resolve_speakers(doc, [quote_for(ARTICLE, "He")])
    assert doc.user_data == before


def test_us_is_a_country_not_a_pronoun(nlp) -> None:
    text = "The U.S. said the channel was working. Antony Blinken agreed."
    (q,) = resolve(nlp, text, "U.S.")
    assert (q.speaker, q.speaker_kind) == ("U.S.", "organisation")


def test_first_person_inside_a_quote_is_the_quoted_speaker(nlp) -> None:
    text = 'Antony Blinken spoke in Doha. "I believe the channel works," Blinken said.'
    doc = parse(nlp, text)
    outer_start = text.index("I believe")
    outer = Quote(
        type="direct",
        start=outer_start,
        end=text.index(',"'),
        mention_start=text.rindex("Blinken"),
        mention_end=text.rindex("Blinken") + 7,
    )
    inner = Quote(
        type="indirect",
        start=outer_start + 10,
        end=text.index(',"'),
        mention_start=outer_start,
        mention_end=outer_start + 1,
    )
    resolve_speakers(doc, [inner, outer])
    assert outer.speaker == inner.speaker == "Antony Blinken"
    assert inner.speaker_spans[0] == (outer_start, outer_start + 1)
    assert (outer.mention_start, outer.mention_end) in inner.speaker_spans


def test_first_person_outside_quotes_is_the_unnamed_author(nlp) -> None:
    text = "Antony Blinken spoke in Doha. I believe the channel works."
    (q,) = resolve(nlp, text, "I")
    assert q.speaker is None and q.speaker_kind == "anonymous"


def test_they_without_an_organisation_or_group_speaker_stays_unnamed(nlp) -> None:
    text = "Antony Blinken met the families. They said the aid was not enough."
    (q,) = resolve(nlp, text, "They")
    assert q.speaker is None and q.speaker_kind == "anonymous"


def test_a_surname_opening_a_paragraph_is_still_the_named_person(nlp) -> None:
    # the tagger reads this "Blinken" as a past participle
    text = sample_text("002")
    start = text.index("Blinken \u201cstressed")
    doc = parse(nlp, text)
    q = Quote(
        type="mixed", start=start + 8, end=start + 40, mention_start=start, mention_end=start + 7
    )
    resolve_speakers(doc, [q])
    assert (q.speaker, q.speaker_kind) == ("Antony Blinken", "person")


def test_a_new_subject_takes_over_from_the_previous_speaker(nlp) -> None:
    text = (
        "Voters Tyresha McClenney and Bryan Anderson watched the rally. "
        '"She is not consistent," McClenney said. '
        "Anderson largely agreed with the criticism of the campaign. "
        '"A lot of it comes across as pandering," he said.'
    )
    mcclenney, he = resolve(nlp, text, ("McClenney", 2), "he")
    assert mcclenney.speaker == "Tyresha McClenney"
    assert he.speaker == "Bryan Anderson"


def test_relative_pronoun_after_a_descriptive_apposition_finds_the_name(nlp) -> None:
    text = "The ticket includes Tim Kaine, a former civil rights lawyer who said the plan was fair."
    (q,) = resolve(nlp, text, "who")
    assert q.speaker == "Tim Kaine"
    assert q.speaker_role == "former civil rights lawyer"


# -- who "he" is: the subject just before, people over places, offices over names ----------


def test_he_is_the_subject_of_the_sentence_before_not_the_most_mentioned(nlp) -> None:
    text = (
        "Mayor Ellen Ward announced the budget. "
        '"It is fair," Councillor Tomas Brandt said after Ms Ward spoke. '
        "Mr Brandt later praised Ms Ward's staff. "
        "Councillor Peter Lund hit back as the vote was taken after Mr Brandt's remarks. "
        "He said the plan would raise taxes."
    )
    (q,) = resolve(nlp, text, ("He", 1))
    assert q.speaker == "Peter Lund"


def test_he_after_an_office_description_is_that_office_not_the_last_name(nlp) -> None:
    text = (
        "Harold Vance has called a snap vote as opposition leader Sir Martin Quill declared "
        "victory was near. The prime minister addressed the nation in the rain. "
        "In a soaked suit, he said the vote would be held in July."
    )
    (q,) = resolve(nlp, text, ("he", 1))
    assert q.speaker_kind == "anonymous"
    assert q.speaker_description == "The prime minister"


def test_a_chain_of_he_subjects_leads_back_to_the_named_subject(nlp) -> None:
    text = (
        "Governor Daniel Osei met the press. Osei said the budget was sound. Osei added that "
        "taxes would fall. Former senator Carl Rhee, however, did not say whether he would "
        "endorse Osei. Recalling his years in the Senate with Osei, he said the state had "
        "changed."
    )
    (q,) = resolve(nlp, text, ("he", 2))
    assert q.speaker == "Carl Rhee"


def test_he_prefers_a_person_to_a_capitalised_place(nlp) -> None:
    text = (
        "Cardinal Paolo Venturi ended his tour on Friday. The tour took in Seville and "
        "Marbella. Crowds filled Marbella, and Marbella's mayor thanked the visitors. "
        "Some 3% of Marbella is Catholic. On Thursday night, he urged the young to take risks."
    )
    (q,) = resolve(nlp, text, ("he", 1))
    assert q.speaker == "Paolo Venturi"


def test_only_a_person_noun_in_apposition_makes_a_role(nlp) -> None:
    from quotetrack.attribute.resolve import ArticleEntities

    text = (
        "Workers left Dunmore, site of the plant, on Monday. Tom Moss, engineer at Acme, watched."
    )
    found = {e.name: e for e in ArticleEntities(parse(nlp, text)).entities}
    assert not found["Dunmore"].person_evidence and not found["Dunmore"].roles
    assert found["Tom Moss"].roles == ["engineer at Acme"]


def test_a_given_name_after_sir_is_the_person_named_in_full_before(nlp) -> None:
    text = (
        "Sir Martin Quill attacked the plan on Monday. Later Sir Martin said the vote was a "
        "chance for change."
    )
    (q,) = resolve(nlp, text, "Sir Martin")
    assert q.speaker == "Martin Quill"


def test_the_first_of_three_names_alone_is_the_person_named_in_full(nlp) -> None:
    # nothing else shows "Idris Amara Welde" to be a person: the name of three parts does
    text = (
        "The Health Body's director-general, Idris Amara Welde, said on Monday that cuts "
        'would be "catastrophic". "We cannot do more with less," Idris told reporters.'
    )
    assert speakers_by_cue(nlp, text) == [("said", "Idris Amara Welde")] * 1 + [
        ("told", "Idris Amara Welde")
    ]
    # a title-cased headline is no name of three parts
    text = (
        "Obama Says Harbour Museum Will Tell of 'Storms and Calm.'\n\n"
        "WASHINGTON -- President Obama, dedicating the Harbour Museum on Saturday, said it "
        "would tell a story of the sea."
    )
    assert speakers_by_cue(nlp, text)[-1] == ("said", "Obama")


def test_a_name_set_off_after_a_role_is_the_speaker_and_the_role_theirs(nlp) -> None:
    text = (
        "Norway's prime minister, Ola Berg, told reporters the port would close. "
        "The mayor, who spoke after him, said the ferries would run."
    )
    berg, mayor = resolve(nlp, text, "Norway's prime minister", "The mayor")
    assert (berg.speaker, berg.speaker_kind, berg.speaker_role) == (
        "Ola Berg",
        "person",
        "Norway's prime minister",
    )
    # a relative clause names nobody: the mayor stays a description
    assert (mayor.speaker, mayor.speaker_kind) == (None, "anonymous")


def test_a_name_set_off_after_any_role_of_a_person_is_the_speaker(nlp) -> None:
    # "deputy" is no noun the lexicon lists for people; it names no body either
    text = "Her deputy, Lena Dahl, said she would not seek the leadership."
    (q,) = resolve(nlp, text, "Her deputy")
    assert (q.speaker, q.speaker_kind) == ("Lena Dahl", "person")


def test_a_name_set_off_after_a_role_of_a_named_body_is_the_speaker(nlp) -> None:
    # The parser hangs the name on the body ("Body, Idris Amara Welde") or the body on the
    # name ("Arcline" a modifier of "Brask"); the words show a role, a body and a name.
    text = (
        "The head of the Global Health Body, Idris Amara Welde, said the outbreak could be "
        "contained. The chief executive of Arcline, Teo Brask, said the deal was done."
    )
    head, chief = resolve(nlp, text, "The head", "The chief executive")
    assert (head.speaker, head.speaker_role) == (
        "Idris Amara Welde",
        "head of the Global Health Body",
    )
    assert (chief.speaker, chief.speaker_role) == ("Teo Brask", "chief executive of Arcline")


def test_a_name_set_off_after_an_inverted_role_may_close_the_sentence(nlp) -> None:
    # after its verb the subject's name ends the sentence, or a relative clause follows it
    text = (
        '"The talks will resume," said the Commission spokesperson, Karin Holm. '
        '"We are ready," declared the head of the Border Agency, Oren Falk, who added '
        "that crossings stay open."
    )
    holm, falk = resolve(nlp, text, "the Commission spokesperson", "the head")
    assert holm.speaker == "Karin Holm"
    assert falk.speaker == "Oren Falk"
    # before its verb a name and no comma after it is not set off ("the mayor, Jane Doe
    # and the chief")
    text = "The mayor, Jane Doe and the harbour chief said the pier would close."
    (q,) = resolve(nlp, text, "The mayor")
    assert q.speaker != "Jane Doe"


def speakers_by_cue(nlp, text: str) -> list[tuple[str | None, str | None]]:
    """(cue, speaker) of each quote the whole pipeline finds in ``text``."""
    return [(q.cue, q.speaker) for q in nlp(text)._.quotes]


def test_a_word_for_what_a_named_person_does_names_the_subject_before_it(nlp) -> None:
    # "captain" in lower case before the name is a title; "the midfielder" and "the
    # 29-year-old" are the subject of the sentence before, Okoro
    text = (
        "Kestrel United manager Hugo Lindahl and captain Sami Okoro gave different accounts. "
        "Okoro was less forgiving. "
        '"We did not deserve to win," the midfielder told Radio Kestrel. '
        'Asked about the comments, the 29-year-old said: "Everyone sees it differently."'
    )
    assert speakers_by_cue(nlp, text) == [("told", "Sami Okoro"), ("said", "Sami Okoro")]


def test_a_description_of_a_thing_or_of_someone_new_is_no_named_person(nlp) -> None:
    text = (
        "Mayor Ines Duarte defended the plan. "
        '"It will not work," the commentator said. '
        "Duarte left early. "
        '"She ran away," the boy said. '
        "Duarte had signed it. "
        '"No deal was struck," the statement said.'
    )
    found = dict(speakers_by_cue(nlp, text)[1:2])
    assert found == {"said": "Ines Duarte"}  # the commentator: the subject just before
    assert [s for _, s in speakers_by_cue(nlp, text)[2:]] == [None, None]


def test_a_pronoun_before_anyone_is_named_is_the_one_speaker_named_later(nlp) -> None:
    # a page opening on its key points: "he" is the only person the page quotes by name
    text = (
        "Harbour chief says the port will stay shut\n\n"
        '  • "We cannot open a pier that might fall into the sea," he said.\n'
        "  • Fishing crews have lost a month of work.\n"
        '  • "Safety comes first and last," Moreau added.\n'
    )
    assert speakers_by_cue(nlp, text) == [("said", "Moreau"), ("added", "Moreau")]
    # with two people quoted by name further on, nobody can tell whom "he" means
    text = (
        '"We cannot open a pier that might fall into the sea," he said.\n\n'
        '"Safety comes first," Moreau added. "It is a disgrace," said Tom Baptiste.'
    )
    assert speakers_by_cue(nlp, text)[0] == ("said", None)


def test_a_nationality_after_an_age_is_what_the_person_is_not_a_name(nlp) -> None:
    text = (
        '"We were the better side for an hour," Lindahl said. '
        'The 54-year-old Swede added that the referee had "lost control" of the match.'
    )
    assert speakers_by_cue(nlp, text) == [("said", "Lindahl"), ("added", "Lindahl")]
    # a surname after the age is a name
    text = (
        "Hugo Lindahl and Sami Okoro spoke after the match. "
        'The 29-year-old Okoro said: "We did not deserve to win."'
    )
    assert speakers_by_cue(nlp, text) == [("said", "Sami Okoro")]


def test_a_role_whose_last_word_the_tagger_reads_as_an_adjective_takes_the_name_after(nlp):
    # "director-general": the tagger reads "general" as an adjective
    text = (
        "The Health Body's director-general, Idris Amara Welde, said on Monday that funding "
        'cuts would be "catastrophic".'
    )
    assert speakers_by_cue(nlp, text) == [("said", "Idris Amara Welde")]


def test_a_person_named_after_a_role_never_becomes_the_business_a_later_description_means(
    nlp,
) -> None:
    text = (
        "The chief executive of Skyline Air, Marek Novak, apologised on Tuesday. "
        '"We let you down," Novak said. '
        "The airline said about 300 flights had been cancelled. "
        '"My job is to fix this," Novak told the BBC.'
    )
    found = [(q.speaker, q.speaker_kind) for q in nlp(text)._.quotes]
    assert found[0] == ("Marek Novak", "person")
    assert found[1][0] != "Marek Novak"  # "the airline" is no person
    assert found[2] == ("Marek Novak", "person")


def test_a_body_set_off_with_its_acronym_after_a_description_is_the_speaker(nlp) -> None:
    text = (
        "Transport Secretary Olu Adeyemi said he would meet the airline on Thursday. "
        "The regulator, the Civil Aviation Authority (CAA), said it was monitoring the "
        "situation."
    )
    assert speakers_by_cue(nlp, text) == [
        ("said", "Olu Adeyemi"),
        ("said", "Civil Aviation Authority"),
    ]


def test_his_office_is_the_office_of_the_person_he_refers_to(nlp) -> None:
    text = (
        'UN envoy Tomas Berg urged both sides to "show courage". In a statement, his office '
        "said Berg would travel to the region next week."
    )
    found = [(q.speaker, q.speaker_kind, q.speaker_description) for q in nlp(text)._.quotes]
    assert found == [
        ("Tomas Berg", "person", None),
        (None, "anonymous", "Tomas Berg's office"),
    ]
    # with nobody "his" can name, the office stays as written
    text = "His office said the envoy would travel to the region next week."
    assert [q.speaker_description for q in nlp(text)._.quotes] == ["His office"]


def test_the_company_far_from_its_name_is_the_one_body_the_article_had_act(nlp) -> None:
    text = (
        "Nordmart Group on Thursday cut its full-year profit forecast. "
        '"The consumer is under real pressure," chief executive Sofia Brandt told analysts. '
        '"We are not expecting a quick recovery." Shares fell 8 percent in Frankfurt. '
        '"This was worse than the market feared," said Eva Novak, an analyst. '
        "The company expects sales to fall by 3 percent this year, it said in a statement."
    )
    assert speakers_by_cue(nlp, text)[-1] == ("said", "Nordmart Group")
    # "the companies" are many, not the one body named
    text = (
        "Nordmart Group on Thursday cut its forecast. Shares fell. Analysts were gloomy. "
        "Investors sold. The companies said they had done nothing improper."
    )
    assert speakers_by_cue(nlp, text)[-1][1] != "Nordmart Group"


def test_a_nationality_after_the_is_the_named_subject_just_before(nlp) -> None:
    text = (
        "Coach Luis Castro watched from the stands on Friday. "
        '"We were patient," the Portuguese said after the match.'
    )
    assert [(q.speaker, q.speaker_kind) for q in nlp(text)._.quotes] == [("Luis Castro", "person")]
    # a body known by one word stays that body
    text = text.replace("the Portuguese", "the Kremlin")
    assert [(q.speaker, q.speaker_kind) for q in nlp(text)._.quotes] == [
        ("Kremlin", "organisation")
    ]


def test_a_title_after_a_possessive_names_its_holder_as_the_title_would(nlp) -> None:
    text = (
        "Central bank Governor Rui Tavares spoke in Lisbon on Monday. "
        "Portugal's central bank governor said on Thursday that inflation was back to target."
    )
    assert speakers_by_cue(nlp, text) == [("said", "Rui Tavares")]
    # nobody holds it: an unnamed source as written; several hold it: never one of them
    text = "Spain's prime minister said on Thursday that inflation was back to target."
    assert [q.speaker_description for q in nlp(text)._.quotes] == ["Spain's prime minister"]
    text = (
        "Senior adviser Ann Leary met donors. Clinton's advisers worried that the plan would fail."
    )
    assert speakers_by_cue(nlp, text)[-1][1] != "Ann Leary"


def test_a_capitalised_title_of_a_body_before_the_name_is_the_role_for_later_mentions(nlp):
    # "The Director" is a proper noun to the parser; the role set off before the name is
    # the person's, so "the director" and "he" in the next sentences are the same man.
    text = (
        "The Director of the Health Body, Mr. Idris Amara Welde, has declared that the "
        "situation is worrying. He underlined that countries must act. The director added "
        "that tests were short."
    )
    first, he, director = resolve(nlp, text, "The Director", "He", "The director")
    assert (first.speaker, first.speaker_role) == (
        "Idris Amara Welde",
        "Director of the Health Body",
    )
    assert he.speaker == director.speaker == "Idris Amara Welde"


def test_the_first_of_three_names_alone_is_that_person(nlp) -> None:
    # "Idris" is no given name the lexicon knows; as the first of a three-part name of a
    # person it is still that person's short form.
    text = (
        'Dr Idris Amara Welde said the outbreak could be contained. "We have a window," Idris said.'
    )
    (q,) = resolve(nlp, text, ("Idris", 2))
    assert q.speaker == "Idris Amara Welde"


def test_an_abbreviated_title_is_the_noun_a_later_description_uses(nlp) -> None:
    text = (
        "Sen. Ruth Kale told the panel the rules had failed. The senator added that more "
        "hearings would follow. Rep. Tom Hale said the bill was dead. The congressman said "
        "he would vote no."
    )
    kale, hale = resolve(nlp, text, "The senator", "The congressman")
    assert (kale.speaker, hale.speaker) == ("Ruth Kale", "Tom Hale")


def test_the_vice_president_and_the_former_president_are_not_the_president(nlp) -> None:
    text = (
        "President Alan Moore stepped aside on Sunday and endorsed Vice President Rosa Lin. "
        "Moore thanked his staff. The vice president said Moore had served with honour. "
        "Former President Hugo Brant mocked the decision. Moore said nothing more. "
        "The former president said the party was in chaos."
    )
    vice, former = resolve(nlp, text, "The vice president", "The former president")
    assert vice.speaker == "Rosa Lin"
    assert former.speaker == "Hugo Brant"


def test_a_participle_opening_the_sentence_is_no_speaker(nlp) -> None:
    text = (
        "Mayor Ellen Ward spoke on Monday.\n"
        'Pointing to the floods, the mayor said: "We will rebuild."'
    )
    doc = parse(nlp, text)
    start = text.index("Pointing")
    cue = text.index("said")
    q = Quote(
        type="direct",
        start=text.index("We will"),
        end=text.index('."') + 1,
        cue="said",
        cue_start=cue,
        cue_end=cue + 4,
        mention_start=start,
        mention_end=start + len("Pointing"),
    )
    resolve_speakers(doc, [q])
    assert q.speaker == "Ellen Ward"


def test_the_pm_and_the_prime_minister_are_descriptions_not_organisations(nlp) -> None:
    text = "The PM said the plan works. The Prime Minister said it again."
    pm, prime = resolve(nlp, text, "The PM", "The Prime Minister")
    assert (pm.speaker_kind, pm.speaker_description) == ("anonymous", "The PM")
    assert (prime.speaker_kind, prime.speaker_description) == ("anonymous", "The Prime Minister")


def test_it_is_the_organisation_that_is_subject_before_it_not_the_last_speaker(nlp) -> None:
    text = (
        "The Norland rowing team said the rules had to change. Things got worse on Monday, "
        "when the Rowing Federation did a U-turn, where it said that it would ban the boats."
    )
    team, it = resolve(nlp, text, "The Norland rowing team", ("it", 1))
    assert (it.speaker_kind, it.speaker) == ("organisation", "Rowing Federation")


def test_the_company_is_the_business_just_named_in_its_sentence(nlp) -> None:
    text = (
        "Lena Marsh is returning to Quantix as chief executive, the company announced on "
        "Tuesday. A Brightco spokesman said the company had no comment."
    )
    quantix, brightco = resolve(nlp, text, ("the company", 1), ("the company", 2))
    assert quantix.speaker == "Quantix"
    assert brightco.speaker is None  # "Brightco" only modifies "spokesman"


def test_the_company_is_the_business_that_spoke_in_a_sentence_before(nlp) -> None:
    # Having spoken ("Halvorsen Energy said") is no sign of a person: the business that was
    # the subject a sentence or two before is what "the company" stands for.
    text = (
        "Halvorsen Energy said on Tuesday it would cut 1,200 jobs. Shares fell. "
        '"We did not take this lightly," the company said in a statement.'
    )
    said, company = resolve(nlp, text, "Halvorsen Energy", "the company")
    assert (company.speaker_kind, company.speaker) == (said.speaker_kind, "Halvorsen Energy")


def test_the_automaker_and_the_organisation_are_the_bodies_named_before(nlp) -> None:
    # "the automaker" describes a business as "the company" does; "the organisation" goes
    # only to a name read as an organisation's.
    text = (
        "Pell Motors recalled 40,000 cars. The automaker said no injuries had been reported. "
        "The International Seed Council said stocks had fallen. "
        "The organisation warned that prices could double."
    )
    maker, org = resolve(nlp, text, "The automaker", "The organisation")
    assert (maker.speaker_kind, maker.speaker) == ("organisation", "Pell Motors")
    assert (org.speaker_kind, org.speaker) == ("organisation", "International Seed Council")


def test_the_agency_is_no_business_that_spoke_before(nlp) -> None:
    # A capitalised name not read as an organisation's ("Pell Motors" could be a person's)
    # is what "the company" may mean, not what any organisation's description means.
    text = "Pell Motors recalled 40,000 cars. The agency said the recall was voluntary."
    (agency,) = resolve(nlp, text, "The agency")
    assert agency.speaker is None


def test_a_body_cut_before_of_by_the_parse_keeps_its_full_name(nlp) -> None:
    # The detector's mention stops at "of" ("The Central Bank"); the name written around it
    # is the body's, not a shorter body of its own.
    text = "The Central Bank of Teravia said it would keep rates on hold."
    doc = parse(nlp, text)
    q = Quote(type="indirect", start=33, end=60, mention_start=0, mention_end=16)
    resolve_speakers(doc, [q])
    assert (q.speaker_kind, q.speaker) == ("organisation", "Central Bank of Teravia")


def test_the_fed_chief_and_the_fifa_boss_are_who_heads_the_body_named(nlp) -> None:
    # An informal word for a leader ("chief", "boss") stands for the role heading a body
    # its modifier names: "Fed" is the short form of the Federal Reserve.
    text = (
        "Federal Reserve Chair Marek Olin said the bank would wait. Markets rose. "
        "The Fed chief added that inflation was easing. "
        "Idris Amara, the head of the WHO, said testing was key. "
        "The WHO chief added that supplies were short."
    )
    fed, who = resolve(nlp, text, "The Fed chief", "The WHO chief")
    assert fed.speaker == "Marek Olin"
    assert who.speaker == "Idris Amara"


def test_the_head_of_a_named_body_is_who_leads_it_even_when_named_only_later(nlp) -> None:
    # A lead often opens on the office ("The head of the World Health Organization") and
    # names its holder a paragraph on, by a title that holds the body's acronym.
    text = (
        "The head of the World Health Organization warned on Monday that infections were "
        'rising.\n\n"This is not the time to relax," WHO Director-General Idris Amara told '
        "a briefing."
    )
    assert speakers_by_cue(nlp, text) == [("warned", "Idris Amara"), ("told", "Idris Amara")]
    # the body must be the one the role names: a "bank" says nothing of which bank
    text = (
        "The chief of the Northland Bank said rates would stay high.\n\n"
        '"We are not yet confident," bank governor Elsa Brandt said.'
    )
    assert speakers_by_cue(nlp, text)[0] == ("said", None)


def test_a_title_after_the_bodys_possessive_is_its_named_holder(nlp) -> None:
    text = (
        "Skyward Airlines chief executive Nadia Frost apologised on Tuesday. The airline's "
        "chief executive said the company had let down its passengers."
    )
    assert speakers_by_cue(nlp, text) == [("said", "Nadia Frost")]
    # a title nobody in the article holds stays an unnamed source
    text = (
        "Skyward Airlines chief executive Nadia Frost apologised on Tuesday. The airline's "
        "spokesman said the company had let down its passengers."
    )
    assert speakers_by_cue(nlp, text) == [("said", None)]


def test_a_country_before_a_bare_title_is_its_only_holder_named_later(nlp) -> None:
    # the lead says "The New Zealand prime minister"; the name comes with a bare title
    text = (
        "The New Zealand prime minister announced on Thursday she would resign.\n\n"
        '"I no longer have enough in the tank," Prime Minister Ana Roven said.'
    )
    assert speakers_by_cue(nlp, text) == [("announced", "Ana Roven"), ("said", "Ana Roven")]
    # with two holders of the title, or a title that says whose it is, nobody
    text = (
        "The British prime minister said on Monday the talks had failed.\n\n"
        '"We tried," Prime Minister Yosef Amar said, and Prime Minister Ana Roven agreed.'
    )
    assert speakers_by_cue(nlp, text)[0] == ("said", None)
    text = (
        "The Democratic nominee said he would win.\n\n"
        '"We will win," Republican nominee Tom Hale said.'
    )
    assert speakers_by_cue(nlp, text)[0] == ("said", None)


def test_the_top_diplomat_is_the_one_holding_the_office_it_stands_for(nlp) -> None:
    text = (
        "The top U.S. diplomat said on Monday that talks would resume.\n\n"
        '"We are close," Secretary of State Antony Blinken told reporters.'
    )
    assert speakers_by_cue(nlp, text) == [("said", "Antony Blinken"), ("told", "Antony Blinken")]
    # another country's top diplomat, or two diplomats named, give nobody
    text = (
        "Britain's top diplomat said talks would resume.\n\n"
        '"We are close," U.S. Secretary of State Antony Blinken told reporters.'
    )
    assert speakers_by_cue(nlp, text)[0] == ("said", None)
    text = (
        "The top diplomat said talks would resume. Foreign Minister Ana Roven and Secretary "
        "of State Antony Blinken met on Monday."
    )
    assert speakers_by_cue(nlp, text) == [("said", None)]


def test_a_word_for_a_kind_of_body_is_the_body_of_that_kind_named_before(nlp) -> None:
    # "the military" for the armed forces named, "the central bank" for the Fed, a bare
    # "the group" for the body named just before
    text = (
        "The Teravian Defense Forces said on Tuesday that they had struck 200 targets. "
        "The military said two soldiers were killed."
    )
    assert speakers_by_cue(nlp, text) == [
        ("said", "Teravian Defense Forces"),
        ("said", "Teravian Defense Forces"),
    ]
    text = (
        "The Federal Reserve held rates steady on Wednesday. The central bank said it would "
        "keep watching the data."
    )
    assert speakers_by_cue(nlp, text) == [("said", "Federal Reserve")]
    text = "Hamas said the talks had stalled. The group said it would not release hostages."
    assert speakers_by_cue(nlp, text) == [("said", "Hamas"), ("said", "Hamas")]
    # a group described anew is someone new, and no country is a group
    text = "Qatar rejected the report. Workers face abuse, the London-based rights group said."
    assert speakers_by_cue(nlp, text)[-1] == ("said", None)


def test_a_title_written_as_initials_is_the_person_holding_it_spelled_out(nlp) -> None:
    # "Meta" is also a given name, but no surname is "CEO": "the Meta CEO" is a title
    text = (
        "Mark Zuckerberg, Meta's chief executive, said the company was investing in safety. "
        "The Meta CEO said he was sorry."
    )
    assert speakers_by_cue(nlp, text) == [("said", "Mark Zuckerberg"), ("said", "Mark Zuckerberg")]
    text = "Prime Minister Ana Roven spoke on Monday. The soaked PM said she had asked the King."
    assert speakers_by_cue(nlp, text) == [("said", "Ana Roven")]
    # the initials of a title nobody here holds name nobody
    text = "Skyward chief executive Nadia Frost spoke. The Apex CFO said he was sorry."
    assert speakers_by_cue(nlp, text) == [("said", None)]


def test_the_head_of_a_body_is_the_one_leader_whose_title_names_no_other(nlp) -> None:
    text = (
        "The head of Skyward Airlines told staff on Tuesday that the company had let down "
        'its passengers.\n\n"We owe every passenger an apology," chief executive Nadia Frost '
        "said."
    )
    assert speakers_by_cue(nlp, text) == [("told", "Nadia Frost"), ("said", "Nadia Frost")]
    # another body's chief executive, or a deputy, is not the head of Skyward Airlines
    for title in ("Nordair chief executive", "deputy chief executive"):
        other = text.replace("chief executive Nadia", title + " Nadia")
        assert speakers_by_cue(nlp, other)[0] == ("told", None)


def test_a_name_set_off_with_where_they_work_is_the_speaker(nlp) -> None:
    text = (
        "The plaintiffs' lawyer, Nina Patel of the Reproductive Rights Center, said the ruling "
        "was a relief."
    )
    assert speakers_by_cue(nlp, text) == [("said", "Nina Patel")]
    # "of" inside a body's name ("Royal Bank of Scotland") is no workplace after a name
    text = "NatWest's parent, the Royal Bank of Scotland Group, said it was over."
    assert speakers_by_cue(nlp, text)[0][1] != "Royal Bank"


def test_a_body_and_its_title_before_a_name_make_a_person(nlp) -> None:
    # "Bank of …" opened an organisation's name that swallowed the title and the person
    text = "Bank of Teravia Governor Andrew Bailey said rates would stay high."
    (q,) = nlp(text)._.quotes
    assert (q.speaker, q.speaker_kind, q.speaker_role) == (
        "Andrew Bailey",
        "person",
        "Bank of Teravia Governor",
    )
    # "for" a person is no body's name
    text = "Spokesmen for Bill Hale and Ann Hale declined to say whether the port would close."
    assert all(q.speaker is None for q in nlp(text)._.quotes)
    text = "Citizens for Fair Fares said the port would close."
    assert speakers_by_cue(nlp, text) == [("said", "Citizens for Fair Fares")]


def test_the_central_bank_chief_is_who_heads_the_central_bank_named(nlp) -> None:
    text = "Fed Chair Jerome Pell spoke on Wednesday. The central bank chief said rates would stay high."
    assert speakers_by_cue(nlp, text) == [("said", "Jerome Pell")]
    # a bank's chief is no airline's chief executive
    text = "Skyward chief executive Nadia Frost spoke. The bank chief said rates would stay high."
    assert speakers_by_cue(nlp, text) == [("said", None)]


def test_its_chief_is_who_leads_the_body_just_named(nlp) -> None:
    text = (
        "The World Health Organization on Wednesday declared the outbreak a pandemic, with "
        'its chief saying he was "deeply concerned".\n\n'
        "Dr Idris Amara, the WHO director-general, said the agency had acted."
    )
    assert speakers_by_cue(nlp, text)[1:] == [("saying", "Idris Amara"), ("said", "Idris Amara")]


def test_the_publication_is_the_outlet_just_named(nlp) -> None:
    # an outlet, like a business, goes by a name never shown to be a person's
    text = (
        'The bishop spoke of dialogue, Crux reported. "It is a path," the publication notes, '
        "recalling that he used similar words in 2022."
    )
    assert [s for _, s in speakers_by_cue(nlp, text)][:2] == ["Crux", "Crux"]
    text = "Mayor Ann Lee resigned. The newspaper said it had seen the letter."
    assert speakers_by_cue(nlp, text) == [("said", None)]


def test_a_word_for_an_office_its_title_does_not_use_is_its_holder(nlp) -> None:
    text = "Pope Leo arrived in Lisbon on Wednesday. The pontiff said peace was possible."
    assert speakers_by_cue(nlp, text) == [("said", "Leo")]
    text = "King Harald met the envoy. The monarch said the country would stand firm."
    assert speakers_by_cue(nlp, text) == [("said", "Harald")]
    # with nobody holding the office, an unnamed source
    assert speakers_by_cue(nlp, "The pontiff said peace was possible.") == [("said", None)]


def test_a_state_and_party_description_is_the_member_labelled_so(nlp) -> None:
    # "(D-Va.)" after a name is what "the Virginia Democrat" and "the Virginia senator" mean
    text = "Sen. Tim Kane (D-Va.) spoke. The Virginia Democrat said it was over."
    assert speakers_by_cue(nlp, text) == [("said", "Tim Kane")]
    text = "Sen. Lindsay Gram, R-S.C., spoke. The South Carolina senator said it was over."
    assert speakers_by_cue(nlp, text) == [("said", "Lindsay Gram")]
    # nobody so labelled, or two, is someone unnamed; never a person called "Democrat"
    text = "Sen. Tim Kane (D-Va.) spoke. The Ohio Democrat said it was over."
    assert speakers_by_cue(nlp, text) == [("said", None)]
    text = (
        "Sen. Tim Kane (D-Va.) and Sen. Mark Warn (D-Va.) spoke. The Virginia Democrat said "
        "it was over."
    )
    assert speakers_by_cue(nlp, text) == [("said", None)]
    # "of Maryland" after the name labels the state
    text = (
        "Rep. Elijah Cole of Maryland and Rep. Ann Hale of Ohio spoke on Monday. Hale left "
        "early. The Maryland Democrat said it was over."
    )
    assert speakers_by_cue(nlp, text) == [("said", "Elijah Cole")]
    # an unlabelled member who may be "the Republican lawmaker" leaves it to the other rules
    text = (
        "Texas Rep. Mike Cole said on Wednesday the inquiry would go on. He echoed Sen. Ron "
        "Jansen (R-Wis.). The Republican lawmaker told Fox News that it was far from over."
    )
    assert speakers_by_cue(nlp, text)[-1] != ("told", "Ron Jansen")


def test_a_leader_description_needs_the_body_and_the_standing_of_the_role(nlp) -> None:
    # "the committee boss" names a committee no role names; "the U.S. leader" is not the
    # former president, whoever was named last.
    text = (
        "Federal Reserve Chair Marek Olin said the bank would wait. "
        "The committee boss added that a vote would follow. "
        "President Joe Biden said he would sign the bill. Hours later, former U.S. President "
        "Dan Thorne said it was a mistake. The U.S. leader said the bill was sound."
    )
    boss, leader = resolve(nlp, text, "The committee boss", "The U.S. leader")
    assert boss.speaker is None
    assert leader.speaker != "Dan Thorne"


def test_the_company_is_not_a_place_or_a_person_named_before(nlp) -> None:
    # A name that was no subject ("in Tromso") and a person ("Marta Quill", a given name)
    # are not the business: without one named, the description stays unnamed.
    text = (
        "Marta Quill said the plant in Tromso would close. The company said the decision was final."
    )
    _, company = resolve(nlp, text, "Marta Quill", "The company")
    assert company.speaker is None


def test_a_business_by_its_first_word_is_the_business_named_in_full(nlp) -> None:
    text = (
        "Veridia Platforms Inc. said on Tuesday it would add parental controls. "
        "Veridia added that teens would be covered."
    )
    (q,) = resolve(nlp, text, "Veridia")
    assert q.speaker == "Veridia Platforms Inc."
    # a surname of someone named is that person's, not the business's first word
    text = (
        "Goldman Sachs said profits rose. Lisa Goldman, an analyst, was unimpressed. "
        "Goldman said the rise was small."
    )
    (q,) = resolve(nlp, text, ("Goldman", 3))
    assert q.speaker == "Lisa Goldman"


def test_a_title_of_an_organisation_names_the_organisation_not_a_person(nlp) -> None:
    text = (
        "Lena Marsh will return as CEO of Quantix. Quantix said the board would change. "
        "Analysts welcomed the news."
    )
    (q,) = resolve(nlp, text, ("Quantix", 2))
    assert (q.speaker_kind, q.speaker) == ("organisation", "Quantix")


def test_a_misspelt_surname_is_the_person_named_in_full(nlp) -> None:
    text = (
        "Two voters, Mayor Tyra Okonkwo-Bell and Senator Dana Ferrante, attended the rally. "
        "Ferante said the mayor had been clear."
    )
    (q,) = resolve(nlp, text, "Ferante")
    assert q.speaker == "Dana Ferrante"


def test_coordinated_titles_before_a_name_are_one_person(nlp) -> None:
    text = '"We own this," Acme President and CEO Tom Moss said.'
    (q,) = resolve(nlp, text, "Acme President and CEO Tom Moss")
    assert q.speaker == "Tom Moss"


def test_a_description_fits_the_title_the_article_writes_before_the_name(nlp) -> None:
    text = (
        "Worldrow chief says he feels like a rower\n\n"
        "Worldrow President Anton Vries spoke on Saturday. The Worldrow president said the "
        "season would go ahead."
    )
    (q,) = resolve(nlp, text, "The Worldrow president")
    assert q.speaker == "Anton Vries"


def test_a_camel_case_brand_is_a_business_and_ends_a_person_before_it(nlp) -> None:
    from quotetrack.attribute.mentions import is_brand
    from quotetrack.attribute.resolve import ArticleEntities

    assert is_brand("BrightLoop") and not is_brand("McConnell") and not is_brand("DeSantis")
    text = (
        "Lena Marsh BrightLoop developer day\n\n"
        "Lena Marsh is returning to BrightLoop. Rivals of Austin-based BrightLoop said "
        "nothing."
    )
    found = {e.name: e.kind for e in ArticleEntities(parse(nlp, text)).entities}
    assert found["Lena Marsh"] == "person"
    assert found["BrightLoop"] == "organisation"
    assert "Lena Marsh BrightLoop" not in found


_CUT = (
    "Harbour Authority chief Marta Lindqvist opened the session on Monday. "
    '"We will rebuild the quay by spring," said '
)


def test_a_name_the_text_ends_in_mid_word_is_the_person_whose_surname_it_begins(nlp) -> None:
    # Excerpts and feed summaries are cut at a length, often inside the last word.
    for ending in ("Lind", "Marta Lindq", "Lind…"):
        (q,) = resolve(nlp, _CUT + ending, ending.rstrip("…"))
        assert q.speaker == "Marta Lindqvist", ending


def test_a_complete_or_conflicting_name_at_the_end_stays_itself(nlp) -> None:
    # Before a full stop the word is whole; another given name is another person.
    for ending, speaker in (("Lind. Then she left.", "Lind"), ("Tomas Lind", "Tomas Lind")):
        (q,) = resolve(nlp, _CUT + ending, ending.split(".")[0])
        assert q.speaker == speaker, ending


def test_an_age_epithet_is_the_subject_of_the_sentence_before(nlp) -> None:
    # Ines Duarte is named more often, but Tomas Brek is whom the next sentence goes on about.
    text = (
        "Ines Duarte closed the harbour on Monday. After Ines Duarte spoke, Tomas Brek "
        "posted his reply online. The 62-year-old said the decision was a disgrace."
    )
    (q,) = resolve(nlp, text, "The 62-year-old")
    assert q.speaker == "Tomas Brek"
    # A person whose age the article gives is that age: the other one is meant.
    aged = text.replace("Tomas Brek posted", "Tomas Brek, 70, posted")
    (q,) = resolve(nlp, aged, "The 62-year-old")
    assert q.speaker == "Ines Duarte"


def test_a_parent_epithet_is_the_one_person_subject_before_it(nlp) -> None:
    # The main subject is no person ("The mayor's letter"); the one person subject of a
    # clause of that sentence is the father-of-three.
    text = (
        "Ines Duarte wrote to the council. The mayor's letter came after Tomas Brek "
        "resigned on Friday. The father-of-three said he was proud of his work."
    )
    (q,) = resolve(nlp, text, "The father")
    assert q.speaker == "Tomas Brek"


def test_an_epithet_of_someone_never_named_stays_unnamed(nlp) -> None:
    introduced = (
        "Police said a 45-year-old was arrested near the quay. Mayor Tomas Brek visited "
        "the site. The 45-year-old said he had done nothing wrong."
    )
    (q,) = resolve(nlp, introduced, "The 45-year-old")
    assert q.speaker is None and q.speaker_kind == "anonymous"
    # "the father" without "-of-N" is anyone's father; a father is no woman
    for text, mention in (
        ("Mayor Tomas Brek visited the site. The father said he was relieved.", "The father"),
        ("Ines Duarte visited the site. The father-of-three said he was relieved.", "The father"),
    ):
        (q,) = resolve(nlp, text, mention)
        assert q.speaker is None, text


def test_a_description_is_not_the_speaker_of_another_report_in_its_sentence(nlp) -> None:
    text = (
        "U.S. President Joe Biden ended his campaign on Sunday.\n\n"
        'Biden was "not fit to serve" as president, his rival Donald Trump said Sunday, after '
        "the U.S. leader said he was dropping out of the race."
    )
    trump, leader = resolve(nlp, text, "Donald Trump", "the U.S. leader")
    assert trump.speaker == "Donald Trump"
    assert leader.speaker == "Joe Biden"


def test_a_surname_in_capitals_labelling_a_transcript_turn_is_that_person(nlp) -> None:
    text = (
        "Lumora's chief executive, Teodor Vance, faced the committee on Tuesday. "
        '"We are sorry," Vance said.\n\n'
        "VANCE: We are going to keep working on this.\n"
    )
    said, turn = resolve(nlp, text, ("Vance", 2), "VANCE")
    assert said.speaker == "Teodor Vance"
    assert (turn.speaker, turn.speaker_kind) == ("Teodor Vance", "person")


def test_a_surname_in_capitals_with_two_people_of_that_name_stays_unresolved(nlp) -> None:
    text = (
        '"We are sorry," Teodor Vance said. "So am I," his sister Mira Vance said.\n\n'
        "VANCE: We are going to keep working on this.\n"
    )
    *_, q = resolve(nlp, text, "Teodor Vance", "Mira Vance", "VANCE")
    assert q.speaker not in ("Teodor Vance", "Mira Vance")


def test_an_interviews_turn_labels_are_never_the_company(nlp) -> None:
    text = (
        "Teodor Vance, the chief executive of Lumora, spoke to senators on Tuesday.\n\n"
        "Q: Will you compensate the families?\n"
        "VANCE: We are going to keep working on this.\n\n"
        "The company said later that it would publish a safety report.\n"
    )
    *_, q = resolve(nlp, text, "VANCE", "The company")
    assert q.speaker not in ("Q", "VANCE", "Teodor Vance")


def test_a_name_written_with_the_before_it_is_a_body_not_a_person(nlp) -> None:
    text = (
        "The Northern Front, which controls the border area, said its fighters had fired "
        "rockets. Marta Ilves said the claim was false."
    )
    front, marta = resolve(nlp, text, "The Northern Front", "Marta Ilves")
    assert (front.speaker, front.speaker_kind) == ("Northern Front", "organisation")
    assert marta.speaker_kind == "person"


def test_a_persons_name_modifying_a_noun_after_the_keeps_the_person(nlp) -> None:
    text = "Dana Ruiz spoke on Monday. The Dana Ruiz campaign said it had raised $2 million."
    (q,) = resolve(nlp, text, "Dana Ruiz")
    assert q.speaker_kind == "person"


def test_two_bodies_with_the_same_initials_stay_two(nlp) -> None:
    text = (
        "The Sixth Circuit ruled on Friday that the law could stand. Lawyers said the Supreme "
        "Court would be asked to hear the case."
    )
    circuit, court = resolve(nlp, text, "The Sixth Circuit", "the Supreme Court")
    assert circuit.speaker == "Sixth Circuit"
    assert court.speaker == "Supreme Court"


def test_a_body_with_a_possessive_in_its_name_and_its_bracketed_acronym_are_one(nlp) -> None:
    text = (
        "The United Nations Children's Fund (UNICEF) warned that children were at risk. "
        "UNICEF said it had delivered supplies to 12 clinics."
    )
    fund, acronym = resolve(nlp, text, "The United Nations Children's Fund", ("UNICEF", 2))
    assert fund.speaker == "United Nations Children's Fund"
    assert acronym.speaker == "United Nations Children's Fund"


def test_a_defined_body_runs_on_over_and_and_its_acronym_may_skip_a_word(nlp) -> None:
    # "ECDC" leaves out "Prevention"; the name the brackets define holds "and Control"
    text = (
        "The Nordic Centre for Flood Prevention and Control (NCFC) said the dikes would hold. "
        "The NCFC said in its weekly report that two rivers were of concern."
    )
    body, acronym = resolve(nlp, text, "The Nordic Centre", ("The NCFC", 1))
    assert body.speaker == "Nordic Centre for Flood Prevention and Control"
    assert acronym.speaker == body.speaker
    # without brackets, "and" between two bodies still parts them
    text = "The Bank of Lusitania and Banco Norte said rates would hold."
    (q,) = resolve(nlp, text, "The Bank of Lusitania")
    assert q.speaker == "Bank of Lusitania"


def test_a_ministry_known_by_one_word_is_a_body_and_its_title_still_a_title(nlp) -> None:
    text = (
        "A statement from the Treasury said the department was reviewing the proposal. "
        "Treasury Secretary Ana Ortiz said rates would fall."
    )
    assert [(q.speaker, q.speaker_kind) for q in nlp(text)._.quotes] == [
        ("Treasury", "organisation"),
        ("Ana Ortiz", "person"),
    ]


def test_a_bracketed_acronym_that_cannot_spell_the_name_before_it_is_its_own(nlp) -> None:
    # the run before the brackets is cut short ("Alliance to Reclaim Our Schools")
    text = (
        "The event was organised by the Alliance to Reclaim Our Schools (AROS). AROS said "
        "families want their own schools."
    )
    (q,) = resolve(nlp, text, ("AROS", 2))
    assert q.speaker == "AROS"
