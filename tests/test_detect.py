"""What the detector finds in short news snippets: quote types, spans, cues and speaker mentions.

Each test is one case users reported. Speakers are checked through the mention (the speaker
phrase as written next to the quote); canonical names are the attribute stage's business.
"""

from __future__ import annotations

import pytest
from sample_articles import sample_text

from quotetrack.detect import find_quotes
from quotetrack.types import Quote


def detect(nlp, text: str) -> list[tuple[str, str, str | None, str | None]]:
    """(type, content, cue, mention) of each quote the pipeline finds in ``text``."""
    doc = nlp(text)
    return [(q.type, q.text(text), q.cue, q.mention(text)) for q in doc._.quotes]


def only(nlp, text: str) -> tuple[str, str, str | None, str | None]:
    found = detect(nlp, text)
    assert len(found) == 1, found
    return found[0]


# --- quotation marks ---------------------------------------------------------------------


def test_direct_quote_with_cue_after_it(nlp):
    assert only(nlp, "“We will rebuild every home,” Mayor Jane Doe said on Monday.") == (
        "direct",
        "We will rebuild every home,",
        "said",
        "Mayor Jane Doe",
    )


def test_inverted_cue_and_straight_marks(nlp):
    assert only(nlp, '"We are waiting for an answer," said Omar Haddad.') == (
        "direct",
        "We are waiting for an answer,",
        "said",
        "Omar Haddad",
    )


def test_guillemets(nlp):
    assert only(nlp, "«We are ready to talk,» the minister said.") == (
        "direct",
        "We are ready to talk,",
        "said",
        "the minister",
    )


def test_quote_interrupted_by_the_attribution_is_two_records_with_one_speaker(nlp):
    for text in (
        '"We are ready," Smith said, "but not at any price."',
        "“We are ready,” Smith said, “but not at any price.”",
    ):
        assert detect(nlp, text) == [
            ("direct", "We are ready,", "said", "Smith"),
            ("direct", "but not at any price.", "said", "Smith"),
        ]


def test_unbalanced_mark_does_not_break_the_rest_of_the_article(nlp):
    text = (
        "The mayor arrived with “no notes at all.\n\n"
        "“We will rebuild every home,” Mayor Jane Doe said on Monday.\n\n"
        "Hamas' hands are tied, the minister said."
    )
    assert detect(nlp, text) == [
        ("direct", "We will rebuild every home,", "said", "Mayor Jane Doe"),
        ("indirect", "Hamas' hands are tied", "said", "the minister"),
    ]


def test_quote_spanning_paragraphs_keeps_its_speaker_in_every_paragraph(nlp):
    text = (
        "“We will rebuild,” Mayor Jane Doe said. “Every street will be repaired this year.\n\n"
        "“Every school will open again in the autumn.\n\n"
        "“And no family will be left behind.”\n\nThe council met later."
    )
    found = detect(nlp, text)
    assert [f[1] for f in found] == [
        "We will rebuild,",
        "Every street will be repaired this year.",
        "Every school will open again in the autumn.",
        "And no family will be left behind.",
    ]
    assert {f[0] for f in found} == {"direct"}
    assert {f[3] for f in found} == {"Mayor Jane Doe"}


def test_nested_quote_stays_inside_the_outer_quote(nlp):
    assert only(
        nlp, "\"He told me, 'I will not resign,' and I believed him,\" Senator Mark Smith said."
    ) == (
        "direct",
        "He told me, 'I will not resign,' and I believed him,",
        "said",
        "Senator Mark Smith",
    )


def test_nyt_style_typewriter_quotes(nlp):
    text = "``We are ready for the talks,'' Mr. Smith said. ''The other side is not.''"
    assert detect(nlp, text) == [
        ("direct", "We are ready for the talks,", "said", "Mr. Smith"),
        ("direct", "The other side is not.", None, "Mr. Smith"),
    ]


def test_single_quoted_headline_with_a_colon_is_a_headline_not_a_quote(nlp):
    # "Name: 'quotation'" without a full stop is how headlines quote (page furniture, never
    # a quote: the webnews convention); the same words in the body are a quote.
    text = "Blinken: 'Gap remains between intent and results'\n\nThe secretary spoke on Thursday."
    assert detect(nlp, text) == []
    body = "The secretary spoke on Thursday. Blinken: 'Gap remains between intent and results.'"
    assert detect(nlp, body) == [
        ("direct", "Gap remains between intent and results.", ":", "Blinken")
    ]


# --- introductions without a plain "X said" ----------------------------------------------


def test_colon_after_the_cue(nlp):
    assert only(nlp, 'Blinken said: "We are close to a deal that protects civilians."') == (
        "direct",
        "We are close to a deal that protects civilians.",
        "said",
        "Blinken",
    )


def test_colon_after_a_verbless_lead_in(nlp):
    typ, content, cue, mention = only(
        nlp, 'And from Chairwoman Rosenworcel: "This is a good day for consumers."'
    )
    assert (typ, content, cue) == ("direct", "This is a good day for consumers.", ":")
    assert mention is not None and "Rosenworcel" in mention


def test_colon_at_the_end_of_the_previous_paragraph(nlp):
    text = (
        "The ministry said in a statement:\n\n“The crossing will reopen on Sunday for aid convoys.”"
    )
    assert only(nlp, text) == (
        "direct",
        "The crossing will reopen on Sunday for aid convoys.",
        "said",
        "The ministry",
    )


def test_speaker_after_a_dash(nlp):
    typ, content, cue, mention = only(
        nlp, "“We need more spectrum for wireless services.” — Commissioner Geoffrey Starks"
    )
    assert (typ, content, cue) == ("direct", "We need more spectrum for wireless services.", "—")
    assert mention is not None and "Geoffrey Starks" in mention


def test_speaker_named_only_in_the_previous_sentence(nlp):
    assert only(
        nlp,
        "Mayor Jane Doe spoke to residents on Monday evening. "
        '"We will rebuild every home that was lost in the flood."',
    ) == (
        "direct",
        "We will rebuild every home that was lost in the flood.",
        None,
        "Mayor Jane Doe",
    )


def test_speaker_opening_the_previous_sentence_whatever_verb_the_parser_makes_main(nlp):
    # the parser makes "stop" the main verb and hangs "left" below it
    text = (
        "The Patriarch left for Athens from the island capital, the third stop on his long "
        "tour of the Aegean. “Faiths are many roads to one summit. Walk them together.”"
    )
    assert only(nlp, text) == (
        "direct",
        "Faiths are many roads to one summit. Walk them together.",
        None,
        "The Patriarch",
    )


def test_whole_sentences_after_a_lead_in_that_says_to_whom(nlp):
    # "To the sick:" names no speaker and has no verb: the quote stands alone, and the
    # speaker comes from the sentence before, as for any quote standing alone
    text = (
        "Bishop Anselm Roth visited the hospice on Friday. "
        "To the sick and their nurses: “Your patience is a gift to all of us.”"
    )
    assert only(nlp, text) == (
        "direct",
        "Your patience is a gift to all of us.",
        None,
        "Bishop Anselm Roth",
    )
    # a fragment after such a lead-in is a title or a slogan, not a quote
    assert detect(nlp, "Bishop Anselm Roth visited the hospice. On the wall: “Hope.”") == []


def test_a_name_and_what_the_speaker_is_before_a_colon_give_the_name(nlp):
    text = 'Ilse Brandt, novelist: "I am tired of being told whom to admire."'
    typ, content, cue, mention = only(nlp, text)
    assert (typ, content, cue, mention) == (
        "direct",
        "I am tired of being told whom to admire.",
        ":",
        "Ilse Brandt",
    )


def test_speaker_named_only_in_the_next_sentence(nlp):
    assert only(
        nlp,
        '"We will rebuild every home that was lost in the flood." '
        "Mayor Jane Doe made the promise on Monday.",
    ) == (
        "direct",
        "We will rebuild every home that was lost in the flood.",
        None,
        "Mayor Jane Doe",
    )


def test_quote_without_cue_takes_the_speaker_of_the_adjacent_quote(nlp):
    text = (
        '"The talks were hard," the envoy said.\n\n'
        '"Nobody wanted to give up the last point, and nobody did."'
    )
    found = detect(nlp, text)
    assert [(f[0], f[3]) for f in found] == [("direct", "the envoy"), ("direct", "the envoy")]


# --- reported speech ---------------------------------------------------------------------


def test_a_headline_with_a_speech_verb_is_no_quote(nlp):
    """A headline summarises the story; the quote is in the article it heads."""
    text = (
        "Mayor says harbour fees will rise next spring\n\n"
        "The mayor said on Thursday that the fees would rise by a tenth."
    )
    found = detect(nlp, text)
    assert [f[1] for f in found] == ["that the fees would rise by a tenth"]


def test_according_to(nlp):
    assert only(
        nlp, "According to the health ministry, more than 17,000 people have been killed."
    ) == (
        "indirect",
        "more than 17,000 people have been killed",
        "According to",
        "the health ministry",
    )


def test_told_reporters(nlp):
    assert only(nlp, "Kirby told reporters the talks would resume next week.") == (
        "indirect",
        "the talks would resume next week",
        "told",
        "Kirby",
    )


def test_passive_with_an_agent(nlp):
    assert only(nlp, "It was stressed by officials that the talks would continue.") == (
        "indirect",
        "that the talks would continue",
        "stressed",
        "officials",
    )


def test_cue_after_the_reported_clause(nlp):
    typ, content, cue, mention = only(
        nlp, "Ensuring that those areas are out of the conflict zone was also key, Blinken said."
    )
    assert (typ, cue, mention) == ("indirect", "said", "Blinken")
    assert content.startswith("Ensuring") and content.endswith("key")


def test_mixed_quote_inside_a_reported_clause(nlp):
    assert only(
        nlp, 'Derek Kukura, 24, a junior at Ohio State, said the rally was "electric."'
    ) == ("mixed", 'the rally was "electric."', "said", "Derek Kukura")


def test_mixed_quote_opening_with_its_own_verb(nlp):
    text = (
        "Blinken “stressed the imperative of accounting for civilian protection needs,” "
        "the readout says."
    )
    typ, content, cue, mention = detect(nlp, text)[0]
    assert (typ, cue, mention) == ("mixed", "stressed", "Blinken")
    assert "imperative of accounting" in content and content.startswith("“")


def test_called_with_a_quoted_label_is_mixed(nlp):
    assert only(nlp, 'Smith called the plan "a disaster for working families."') == (
        "mixed",
        'the plan "a disaster for working families."',
        "called",
        "Smith",
    )


# --- what is not speech ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        'The so-called "peace plan" was published on Monday.',
        'She starred in "The Long Road Home" last year.',
        'Protesters carried signs reading "No More War" outside the embassy.',
        "The 'red line' was crossed weeks ago.",
    ],
)
def test_scare_quotes_titles_and_slogans_are_not_speech(nlp, text):
    assert detect(nlp, text) == []


# --- speaker mentions --------------------------------------------------------------------


def test_mention_leaves_out_the_apposition(nlp):
    assert (
        only(nlp, "Derek Kukura, 24, a junior at Ohio State, said the rally was loud.")[3]
        == "Derek Kukura"
    )


def test_mention_keeps_the_title_and_covers_the_name(nlp):
    text = (
        "On Tuesday, NSC Coordinator for Strategic Communications John Kirby told reporters, "
        "“We don’t support southern operations.”"
    )
    typ, content, cue, mention = only(nlp, text)
    assert (typ, content, cue) == ("direct", "We don’t support southern operations.", "told")
    assert mention is not None and mention.endswith("John Kirby")


def test_speaker_span_is_the_mention_and_speaker_falls_back_to_it(nlp):
    text = '"We are ready," the minister said.'
    with nlp.select_pipes(disable=["quotetrack"]):  # find_quotes alone, no speaker resolution
        doc = nlp(text)
    quotes: list[Quote] = find_quotes(doc)
    assert len(quotes) == 1
    q = quotes[0]
    assert q.speaker_spans == [(q.mention_start, q.mention_end)]
    assert q.speaker == "the minister"
    assert (q.cue, text[q.cue_start : q.cue_end]) == ("said", "said")
    assert q.sentence_start == 0 and q.sentence_end == len(text)


# --- the sample articles -----------------------------------------------------------------


def _seed(name: str) -> str:
    return sample_text(name)


def test_seed_001_blinken_direct_and_indirect(nlp):
    text = _seed("001")
    found = detect(nlp, text)
    direct = [f for f in found if f[0] == "direct" and f[1].startswith("As we stand here")]
    assert direct and direct[0][2] == "said" and direct[0][3] == "Blinken"
    indirect = [
        f
        for f in found
        if f[0] == "indirect"
        and f[1].startswith("it would be important to have communications in place")
    ]
    assert indirect and indirect[0][3] == "Blinken"


def test_seed_002_mixed_blinken_and_kirby_after_told_reporters(nlp):
    text = _seed("002")
    found = detect(nlp, text)
    mixed = [f for f in found if f[0] == "mixed" and "stressed the imperative of" in f[1]]
    assert mixed and mixed[0][3] == "Blinken"
    kirby = [f for f in found if f[1].startswith("We don’t support southern operations")]
    assert kirby and kirby[0][0] == "direct" and kirby[0][2] == "told"
    assert kirby[0][3].endswith("John Kirby")


def test_seed_003_a_forecast_sourced_by_according_to_is_the_sources_report(nlp):
    # the forecast nobody made is no report; the official after "according to" made it,
    # though a cue ("suggesting") lies inside the account
    text = _seed("003")
    found = detect(nlp, text)
    israel = [f for f in found if f[1].startswith("Israel is expected to shift")]
    assert israel and israel[0][0] == "indirect" and israel[0][2] == "according to"
    assert israel[0][3] == "a US official"
    assert not [f for f in found if f[2] == "expected"]


def test_hard_wrapped_text_keeps_its_quotes_and_sentences(nlp):
    text = (
        "The minister spoke to reporters outside the\n"
        'ministry on Monday. "We will not accept a deal that leaves\n'
        'the border open," she said.\n\n'
        "Opposition leaders said the plan was\n"
        "a surrender to pressure from abroad."
    )
    found = detect(nlp, text)
    assert found[0] == (
        "direct",
        "We will not accept a deal that leaves\nthe border open,",
        "said",
        "she",
    )
    assert found[1][0] == "indirect" and found[1][3] == "Opposition leaders"
    assert found[1][1] == "the plan was\na surrender to pressure from abroad"


# --- reported clauses: how far the content reaches -----------------------------------------


def test_bare_infinitives_after_a_to_clause_stay_in_the_report(nlp):
    text = "The governor promised to widen the harbour road, repave the old bridge and build a new ferry terminal."
    reports = [f for f in detect(nlp, text) if f[2] == "promised"]
    assert reports and reports[0][1] == (
        "to widen the harbour road, repave the old bridge and build a new ferry terminal"
    )


def test_an_intention_is_no_report_unless_the_settings_ask_for_it(nlp):
    """'wants to', 'threatened to quit', 'decided that': plans, not speech (by default)."""
    from quotetrack.detect import find_quotes
    from quotetrack.detect.settings import DetectSettings

    text = "The governor wants to widen the harbour road. The staff threatened to quit."
    assert detect(nlp, text) == []
    doc = nlp(text)
    found = find_quotes(doc, DetectSettings(intentions=True))
    assert [text[q.start : q.end] for q in found] == ["to widen the harbour road", "to quit"]


def test_a_noun_of_intention_is_no_report_unless_the_settings_ask_for_it(nlp):
    """'his plan to …' states a plan, as 'plans to' does; the clause around it still counts."""
    from quotetrack.detect import find_quotes
    from quotetrack.detect.settings import DetectSettings

    text = "The mayor insisted her plan to repave the bridge was working."
    assert [(t, c) for t, c, _, _ in detect(nlp, text)] == [
        ("indirect", "her plan to repave the bridge was working")
    ]
    text = "The mayor's plan to repave the bridge won praise."
    assert detect(nlp, text) == []
    found = find_quotes(nlp(text), DetectSettings(intentions=True))
    assert [text[q.start : q.end] for q in found] == ["to repave the bridge"]


def test_a_forecast_nobody_made_is_no_report_unless_the_settings_ask_for_it(nlp):
    """'is expected to', 'are forecast to' with nobody who expects: the writer's forecast."""
    from quotetrack.detect import find_quotes
    from quotetrack.detect.settings import DetectSettings

    text = "Shipping minister Raj Patel is expected to make a statement to MPs later."
    assert detect(nlp, text) == []
    found = find_quotes(nlp(text), DetectSettings(forecasts=True))
    assert [text[q.start : q.end] for q in found][-1] == "to make a statement to MPs later"
    # who expects it is a source: "expected by most economists", "analysts expect"
    assert [f[2] for f in detect(nlp, "Analysts expect the bank to cut rates in June.")] == [
        "expect"
    ]
    text = "The cut is expected by most economists to come in June."
    assert [f[3] for f in detect(nlp, text)][:1] == ["most economists"]


def test_report_around_an_interjected_cue_keeps_both_sides(nlp):
    text = "The mill was the town's biggest employer, Ms. Ortiz said, until it closed in 2004."
    contents = [f[1] for f in detect(nlp, text) if f[2] == "said"]
    assert "The mill was the town's biggest employer" in contents
    assert "until it closed in 2004" in contents


def test_object_and_its_predicate_are_one_report(nlp):
    found = detect(
        nlp,
        "At the hearing, Senator Ruth Abara called her vote in favor of the pipeline a mistake.",
    )
    assert [f[1] for f in found if f[2] == "called"] == [
        "her vote in favor of the pipeline a mistake"
    ]


def test_clause_after_a_time_phrase_is_reported_even_without_that(nlp):
    # the parser takes the clause for an adverbial one when a time phrase comes first
    found = detect(
        nlp, "The senator said after the vote he would not accept the committee's offer."
    )
    assert [(f[0], f[2]) for f in found] == [("indirect", "said")]
    assert found[0][1].endswith("he would not accept the committee's offer")


def test_a_second_speaker_with_a_verb_of_saying_is_not_part_of_the_first_report(nlp):
    text = (
        "She said the plan covers only mothers, and when pressed on why, the ministry "
        'spokesman replied, "It is meant for the parent who gave birth."'
    )
    first = [f for f in detect(nlp, text) if f[2] == "said"]
    assert first and first[0][1] == "the plan covers only mothers"


def test_an_expectation_without_a_named_holder_is_reported_only_under_its_setting(nlp):
    from quotetrack.detect import find_quotes
    from quotetrack.detect.settings import DetectSettings

    text = "The final accord on the harbour fees is expected to be ratified next month."
    assert detect(nlp, text) == []
    # PolNeAR's policy: what is expected is the subject doing the complement
    found = find_quotes(nlp(text), DetectSettings(forecasts=True))
    assert [(q.type, text[q.start : q.end], q.cue) for q in found] == [
        ("indirect", "The final accord on the harbour fees", "expected"),
        ("indirect", "to be ratified next month", "expected"),
    ]


def test_a_report_runs_on_past_and_with_a_new_subject(nlp):
    text = (
        "The survey found that few farmers cared about the tariff, and support for it "
        "had fallen since spring."
    )
    assert only(nlp, text)[:3] == (
        "indirect",
        "that few farmers cared about the tariff, and support for it had fallen since spring",
        "found",
    )


@pytest.mark.parametrize(
    "text, cue",
    [
        ("The governor was able to tout his record as the best in the state.", "tout"),
        ("The mayor stopped short of calling the strike illegal.", "calling"),
        ("The senator is determined to warn voters about the dangers of the plan.", "warn"),
    ],
)
def test_speaker_of_a_verb_behind_an_adjective_or_adverb(nlp, text, cue):
    found = [f for f in detect(nlp, text) if f[2] == cue]
    assert found and found[0][3].startswith("The ")


@pytest.mark.parametrize(
    "text, content, cue, mention",
    [
        (
            "The harbour plan has been endorsed by the largest union in the city.",
            "The harbour plan",
            "endorsed",
            # an unnamed source is its whole description
            "the largest union in the city",
        ),
        (
            "The registration problem was first reported by The Harbour Gazette.",
            "The registration problem",
            "reported",
            "The Harbour Gazette",
        ),
    ],
)
def test_in_the_passive_the_subject_is_what_the_agent_reports(nlp, text, content, cue, mention):
    # a bare noun phrase is no report in the passive, as it is none in the active ("The
    # union endorsed the harbour plan"); under the noun-objects policy it is the content
    from quotetrack.detect import find_quotes
    from quotetrack.detect.settings import DetectSettings

    assert detect(nlp, text) == []
    (q,) = find_quotes(nlp(text), DetectSettings(noun_objects=True))
    assert (q.type, text[q.start : q.end], q.cue, q.mention(text)) == (
        "indirect",
        content,
        cue,
        mention,
    )


def test_a_cue_verb_the_tagger_read_as_a_plural_noun(nlp):
    # the small model tags "claims" NNS here; the clause after it still reports Trump
    text = "But Trump claims that he should be the exception to the rule."
    assert only(nlp, text) == (
        "indirect",
        "that he should be the exception to the rule",
        "claims",
        "Trump",
    )


def test_the_subject_of_a_passive_cue_is_part_of_what_is_reported(nlp):
    # what is alleged is that the mayor used the funds: the content comes in two pieces
    found = detect(nlp, "The mayor was accused of using city funds for a private trip.")
    assert [(f[0], f[1], f[2]) for f in found] == [
        ("indirect", "The mayor", "accused"),
        ("indirect", "using city funds for a private trip", "accused"),
    ]


def test_a_verb_of_saying_with_a_quoted_object_is_a_mixed_quote(nlp):
    text = 'In his speech on Monday, the governor proclaimed a goal of "Peace Through Trade."'
    assert only(nlp, text) == (
        "mixed",
        'a goal of "Peace Through Trade."',
        "proclaimed",
        "the governor",
    )


@pytest.mark.parametrize(
    "text, content, cue",
    [
        (
            "The council considers the new bridge a waste of money.",
            "the new bridge a waste of money",
            "considers",
        ),
    ],
)
def test_considering_reports_a_position(nlp, text, content, cue):
    assert only(nlp, text)[:3] == ("indirect", content, cue)


@pytest.mark.parametrize(
    "text",
    [
        "The minister expressed concern about the new harbour fees.",
        "The mayor announced the date of the harbour vote.",
        "The senator praised her decision to retire.",
        "The bishop thanked everyone for their support.",
        "The chief highlighted the importance of respect.",
        "The coach talked about the match on Sunday.",
        "The board confirmed a new interim chair.",
        # Criticism aimed at something says nothing by itself (what was said stands
        # elsewhere, or was not reported).
        "The envoy criticised the army's conduct in the northern valley.",
        "The council refused to criticize the harbour board.",
        # A condemnation names its target; what was said of it, if anything, stands in a
        # predication ("denounced the attack as a war crime") or elsewhere.
        "The ministry condemned the strikes on the harbour.",
        "Aid groups denounced the killing of two drivers.",
    ],
)
def test_a_bare_noun_object_is_no_report(nlp, text):
    """What an act of saying was about or aimed at is not what was said."""
    assert detect(nlp, text) == []


@pytest.mark.parametrize(
    "text, content, cue",
    [
        ("The mayor denied the report.", "the report", "denied"),
        ("The union supports the harbour deal.", "the harbour deal", "supports"),
        ("The mayor described the fees as unfair.", "the fees as unfair", "described"),
        (
            "The ministry denounced the attack as a war crime.",
            "the attack as a war crime",
            "denounced",
        ),
        ("The senator accused the mayor of lying.", "the mayor of lying", "accused"),
        (
            "The envoy stressed the need for an end to the shelling.",
            "the need for an end to the shelling",
            "stressed",
        ),
    ],
)
def test_a_claim_position_or_predication_as_object_is_reported(nlp, text, content, cue):
    """A denial, a stance or a predication about the object says something."""
    found = [f for f in detect(nlp, text) if f[2] == cue]
    assert found and found[0][:3] == ("indirect", content, cue)


def test_a_noun_of_saying_with_a_possessor_reports_its_infinitive(nlp):
    text = "The mayor's call to close the harbour road drew protests."
    assert only(nlp, text) == ("indirect", "to close the harbour road", "call", "The mayor")


def test_what_a_record_shows_about_its_object_belongs_to_the_report(nlp):
    text = "Footage of the meeting shows the mayor with the contract in his hands."
    found = [(q.cue, q.mention(text), q.text(text)) for q in nlp(text)._.quotes]
    assert found == [
        ("shows", "Footage of the meeting", "the mayor with the contract in his hands")
    ]


def test_polling_averages_are_a_source_of_evidence(nlp):
    text = "Polling averages show the mayor with a narrow lead over her rival."
    found = [(q.cue, q.text(text)) for q in nlp(text)._.quotes]
    assert found == [("show", "the mayor with a narrow lead over her rival")]


def test_a_possessive_apostrophe_is_no_quotation_mark_in_an_object(nlp):
    # a bare noun phrase after "expressed" is no report; the ’ of "farmers’" must not
    # make it look like quoted words
    text = "The mayor expressed warm thanks for the farmers’ help during the floods."
    assert [q.text(text) for q in nlp(text)._.quotes] == []


def test_an_impersonal_passive_is_the_writers_own_statement(nlp):
    text = "It is noted that farmers make up about 3% of the population."
    assert [q.text(text) for q in nlp(text)._.quotes] == []


def test_finding_out_is_an_inquiry_not_a_finding(nlp):
    text = "The agency sent a team to the harbour to find out what caused the collapse."
    assert [q.text(text) for q in nlp(text)._.quotes] == []


def test_calling_an_election_convenes_it(nlp):
    for text in (
        "The premier has called a snap election on July 4.",
        "Other senators are calling for early general elections in July.",
    ):
        assert [q.text(text) for q in nlp(text)._.quotes] == [], text


def test_calling_an_election_something_describes_it(nlp):
    text = "At the forum, the senator called the election a sham."
    found = [(q.cue, q.text(text)) for q in nlp(text)._.quotes]
    assert found == [("called", "the election a sham")]


def test_a_clause_before_a_semicolon_is_not_what_the_next_cue_reports(nlp):
    text = (
        "It is an extremely unlikely scenario; the mayor's team says she will continue her march."
    )
    found = [(q.cue, q.text(text)) for q in nlp(text)._.quotes]
    assert found == [("says", "she will continue her march")]


def test_a_cue_opening_a_quotation_with_a_colon_reports_only_what_follows(nlp):
    text = (
        'The port will probably use the meeting to make some news, Kall said: "I feel like '
        'he has a surprise."'
    )
    found = [q.text(text) for q in nlp(text)._.quotes]
    assert not any(f.startswith("The port") for f in found)
    assert any(f.startswith("I feel like") for f in found)


def test_a_fronted_when_clause_is_the_scene_of_a_postposed_cue(nlp):
    text = "But when the council cut funding two years later, the port said enough."
    assert [q.text(text) for q in nlp(text)._.quotes] == []


def test_it_goes_without_saying_is_the_writers_emphasis(nlp):
    text = "It goes without saying that, if elected, the mayor will make history."
    assert [q.text(text) for q in nlp(text)._.quotes] == []


def test_the_name_given_in_a_passive_is_what_was_said(nlp):
    text = "The surgeon has been called a charlatan by fellow physicians."
    found = [(q.cue, q.mention(text), q.text(text)) for q in nlp(text)._.quotes]
    assert ("called", "fellow physicians", "a charlatan") in found


def test_pointing_to_something_as_an_example_is_a_claim(nlp):
    text = "The council pointed to the closure of the pier as an example of neglect."
    found = [(q.cue, q.text(text)) for q in nlp(text)._.quotes]
    assert found == [("pointed", "the closure of the pier as an example of neglect")]


def test_pointing_to_a_bare_noun_phrase_is_no_report(nlp):
    text = "The council pointed to the closure of the pier."
    assert [q.text(text) for q in nlp(text)._.quotes] == []


def test_according_to_at_the_end_sources_the_whole_sentence_before_it(nlp):
    text = "Fees rose by a third last year and fell slightly in the spring, according to harbour records."
    found = [(q.cue, q.mention(text), q.text(text)) for q in nlp(text)._.quotes]
    assert found == [
        (
            "according to",
            "harbour records",
            "Fees rose by a third last year and fell slightly in the spring",
        )
    ]


def test_a_call_on_a_weekday_is_no_appeal(nlp):
    text = "The mayor called the ferry operator on Friday."
    assert [q.text(text) for q in nlp(text)._.quotes] == []


def test_calling_on_someone_to_act_is_still_an_appeal(nlp):
    text = "The mayor called on the ferry operator to restore the night service."
    found = [(q.cue, q.text(text)) for q in nlp(text)._.quotes]
    assert found and found[0][0] == "called" and "restore the night service" in found[0][1]


def test_calling_on_someone_names_whom_it_was_put_to_not_what_was_said(nlp):
    # "on" names the addressee; without an infinitive after it nothing was said
    assert [
        q.text(t) for t in ["Critics called on the harbour board."] for q in nlp(t)._.quotes
    ] == []
    # "for" names what was demanded
    text = "The union called for an independent inquiry into the closure."
    assert [q.text(text) for q in nlp(text)._.quotes] == ["an independent inquiry into the closure"]


def test_as_might_be_expected_is_the_writers_comment(nlp):
    text = (
        "So far, the mayor has not taken me up on my offer or, as might be expected from "
        "such a negotiator, made a counteroffer."
    )
    assert [q.text(text) for q in nlp(text)._.quotes] == []


# --- labels and titles glued onto a sentence -----------------------------------------------


def test_a_live_update_label_before_the_headline_sentence_is_not_its_speaker(nlp):
    text = (
        "The Latest: Okafor urges residents to boil their water.\n\n"
        "RIVERTON (AP) — The Latest on the flood (all times local):"
    )
    mentions = [(q.cue, q.mention(text)) for q in nlp(text)._.quotes]
    assert ("urges", "Okafor") in mentions
    assert all(m is None or "Latest" not in m for _, m in mentions)


def test_a_section_title_in_capitals_run_into_the_paragraph_is_not_the_speaker(nlp):
    text = (
        "Parents worried about the cost of college.\n\n"
        "THE SAVINGS PLAN Back when she started, Ms. Ortega said that she put aside ten "
        "dollars a week."
    )
    found = [(q.cue, q.mention(text)) for q in nlp(text)._.quotes]
    assert found == [("said", "Ms. Ortega")]


def test_two_subjects_in_plain_prose_keep_the_first(nlp):
    text = (
        "Senator Jane Ortiz, despite admitting that she had doubts about the plan, the "
        'farmers "do need help" and she would vote for it.'
    )
    found = [(q.cue, q.mention(text)) for q in nlp(text)._.quotes]
    assert ("admitting", "Senator Jane Ortiz") in found


def test_a_transcript_line_names_its_speaker_in_a_capitals_label(nlp):
    text = (
        "The mayor spoke to the station on Sunday. A partial transcript follows:\n\n"
        '"HOST: Thanks for joining us. Will the bridge open on time?"\n\n'
        '"OKAFOR: It will open in May. The crews have worked every weekend to make that '
        'happen."\n\n'
        '"And the budget has held, which matters to every taxpayer in this city."'
    )
    found = [(q.mention(text), q.text(text)) for q in nlp(text)._.quotes]
    assert found == [
        ("HOST", "Thanks for joining us. Will the bridge open on time?"),
        ("OKAFOR", "It will open in May. The crews have worked every weekend to make that happen."),
        ("OKAFOR", "And the budget has held, which matters to every taxpayer in this city."),
    ]


def test_a_transcript_turn_runs_to_the_end_of_its_line(nlp):
    # the parser closes a sentence at "VANCE:"; the turn is the whole line after it
    text = (
        "Teodor Vance spoke to the committee on Tuesday.\n\n"
        "VANCE: We are going to keep working on this. We owe the families that much.\n\n"
        "The hearing ran for four hours."
    )
    found = [(q.mention(text), q.text(text)) for q in nlp(text)._.quotes]
    assert found == [
        ("VANCE", "We are going to keep working on this. We owe the families that much")
    ]


def test_a_transcript_turn_that_opens_with_a_short_answer_is_still_the_whole_turn(nlp):
    text = (
        "Finance Minister Ana Ortiz spoke to the Ledger on Monday.\n\n"
        "Ledger: Will taxes go up?\n"
        "Ortiz: No. We have been clear about that from the start.\n"
    )
    found = [(q.mention(text), q.text(text)) for q in nlp(text)._.quotes]
    assert found == [("Ortiz", "No. We have been clear about that from the start")]


def test_an_interview_in_questions_and_answers_quotes_the_answers_only(nlp):
    # the questions are the outlet's; each answer is the interviewee's words
    text = (
        "In an interview with the Ledger, Mayor Sami Okoro spoke about his first year.\n\n"
        "Q: Did you expect to win?\n"
        "A: Honestly, no. I never planned to run.\n\n"
        "Q. Do you think the port will reopen?\n"
        "A. It will reopen in May.\n"
    )
    found = [(q.type, q.cue, q.text(text), q.mention(text)) for q in nlp(text)._.quotes]
    assert found == [
        ("direct", ":", "Honestly, no. I never planned to run.", "Mayor Sami Okoro"),
        ("direct", ".", "It will reopen in May.", "Mayor Sami Okoro"),
    ]


def test_a_line_opening_with_a_capital_a_is_no_answer_without_questions(nlp):
    text = "A. Ortiz, the harbour master, said the port would reopen in May."
    assert [(q.cue, q.mention(text)) for q in nlp(text)._.quotes] == [("said", "A. Ortiz")]


def test_a_pundit_and_their_outlet_before_a_colon_give_the_pundit(nlp):
    text = (
        "Pundits weighed in on the debate.\n\n"
        'Nora Quill, The Daily Ledger: "The governor had his best night of the campaign. '
        'He was calm and he was prepared."'
    )
    assert [q.mention(text) for q in nlp(text)._.quotes] == ["Nora Quill"]


def test_a_page_calling_on_its_readers_is_no_speaker(nlp):
    text = (
        "The count went on past midnight.\n\n"
        "LEDGER READERS: What is happening at your polling place? The Ledger wants to hear "
        "from you. Email your photos to the newsroom."
    )
    assert all(q.mention(text) != "LEDGER READERS" for q in nlp(text)._.quotes)


def test_a_pages_section_labels_before_a_colon_name_no_one(nlp):
    text = (
        "ANALYSIS: Why the central bank is waiting. Economists expect two cuts this year.\n\n"
        "OPINION: The council has failed the city it was elected to serve.\n\n"
        "Factbox: What the new rules mean for drivers and the firms that employ them\n\n"
        "Disclaimer: The views expressed in this column are the author's own and do not "
        "reflect those of the paper.\n"
    )
    assert [q.mention(text) for q in nlp(text)._.quotes] == []


def test_a_page_label_in_capitals_inside_a_quotation_names_no_one(nlp):
    text = (
        'Residents were told on Monday. "UPDATE: The boil notice has been lifted for all streets."'
    )
    assert all(q.mention(text) != "UPDATE" for q in nlp(text)._.quotes)


def test_a_sentence_run_on_after_an_initial_like_word_keeps_its_own_speaker(nlp):
    # "on X." reads like an initial, so the two sentences parse as one
    text = (
        "Okafor quickly endorsed Ames as the nominee in a separate statement on X. Ames "
        "responded that she's honored to have Okafor's endorsement. The two spoke on Sunday."
    )
    found = [(q.cue, q.mention(text)) for q in nlp(text)._.quotes]
    assert [c for c, _ in found] == ["responded"]
    assert found[0][1] is not None and found[0][1].endswith("Ames")


def test_a_phrase_set_off_after_a_fronted_place_is_not_the_subject(nlp):
    text = (
        "In Halden, his final stop, The Daily Ledger reported that the minister once again "
        "set aside his prepared remarks."
    )
    assert [(q.cue, q.mention(text)) for q in nlp(text)._.quotes] == [
        ("reported", "The Daily Ledger")
    ]


def test_a_cue_after_a_quote_that_the_tagger_reads_as_a_noun_still_attributes_it(nlp):
    # the small model tags "notes" NNS and hangs "the" and "paper" on it
    for text in (
        '"It is a rare gesture," the paper notes.',
        '"It is a rare gesture," the publication notes, recalling that the minister used '
        "similar words in 2022.",
    ):
        found = [(q.type, q.text(text), q.cue, q.mention(text)) for q in nlp(text)._.quotes]
        assert found[0] == ("direct", "It is a rare gesture,", "notes", found[0][3]), found
        assert found[0][3] in ("the paper", "the publication"), found


def test_an_owners_statement_after_a_quote_attributes_it_to_the_owner(nlp):
    # "the authority's statement" stands between the quote and its cue; the small model
    # also tags "read" as a noun here
    for text, cue in (
        ('"The pilings are beyond repair," the authority\'s statement said.', "said"),
        ('"The pilings are beyond repair," the authority\'s statement read.', "read"),
    ):
        assert detect(nlp, text) == [
            ("direct", "The pilings are beyond repair,", cue, "the authority")
        ]


def test_a_cue_that_opens_a_quotation_with_a_colon_is_not_the_cue_of_the_words_before(nlp):
    text = (
        'Port director Elias Moreau told reporters the decision had been taken "with a '
        'heavy heart", adding: "No crew will lose its berth."'
    )
    assert detect(nlp, text) == [
        (
            "mixed",
            'the decision had been taken "with a heavy heart"',
            "told",
            "Port director Elias Moreau",
        ),
        ("direct", "No crew will lose its berth.", "adding", "Port director Elias Moreau"),
    ]


def test_a_song_blasted_out_is_played_not_said(nlp):
    text = (
        "Supporters outside the building blasted out the 1997 victory anthem, "
        '"Things Can Only Get Better".'
    )
    assert [q.cue for q in nlp(text)._.quotes] == []


def test_a_question_put_to_the_speaker_names_no_asker(nlp):
    # after a paragraph, the tagger reads "Asked" as a past tense; it is still passive
    text = (
        'Teo Marsh wrote that the decision was "a disgrace."\n\n'
        'Asked whether she would run again, Harwood said: "No. That chapter is closed."'
    )
    found = {q.cue: q.mention(text) for q in nlp(text)._.quotes}
    assert found["Asked"] is None
    assert found["said"] == "Harwood"


def test_coordinated_speech_verbs_share_the_subject(nlp):
    text = "Okafor thanked the crews and said that the bridge would reopen in May."
    found = [(q.cue, q.mention(text)) for q in nlp(text)._.quotes]
    assert ("said", "Okafor") in found


def test_a_name_right_before_a_participle_after_with_is_the_speaker(nlp):
    text = "The rally ended with Okafor asserting that the bridge would reopen in May."
    found = [(q.cue, q.mention(text)) for q in nlp(text)._.quotes]
    assert found == [("asserting", "Okafor")]


def test_the_owner_of_a_habit_of_saying_is_the_speaker(nlp):
    text = "Okafor won over the dock workers with her campaign theme of questioning trade deals."
    found = [(q.cue, q.mention(text)) for q in nlp(text)._.quotes]
    assert found == [("questioning", "her")]
