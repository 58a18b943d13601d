"""Speakers the detector must name right for the person to stay one speaker: a name run
into the sentence before by a missed sentence break, a quote an outlet only relays, and a
quoted passage set as two lines with one pair of marks, a sentence break the parser puts
inside a name."""

from __future__ import annotations

from quotetrack.detect.marks import find_quoted_spans


def quotes(nlp, text):
    """(type, content, cue, mention, via) of each quote found in ``text``."""
    return [(q.type, q.text(text), q.cue, q.mention(text), q.via(text)) for q in nlp(text)._.quotes]


# -- a name after a sentence break the parser missed ------------------------------------------


def test_a_name_after_a_missed_sentence_break_leaves_the_period_word_behind(nlp):
    text = (
        "The governor backed Lopez in a separate post on X. Lopez responded that she is "
        "grateful for the support."
    )
    assert [f[2:4] for f in quotes(nlp, text)] == [("responded", "Lopez")]


def test_an_initial_after_a_given_name_stays_in_the_name_after_a_missed_break(nlp):
    text = (
        "The governor backed Lopez in a separate post on X. John F. Lopez responded that he "
        "is grateful for the support."
    )
    assert [f[3] for f in quotes(nlp, text)] == ["John F. Lopez"]


def test_a_title_after_a_missed_break_stays_in_the_mention(nlp):
    text = (
        "The governor backed Lopez in a separate post on X. Sen. Lopez responded that she is "
        "grateful for the support."
    )
    assert [f[3] for f in quotes(nlp, text)] == ["Sen. Lopez"]


def test_an_initial_after_a_preposition_is_still_an_initial(nlp):
    text = "A statement from J. Lopez said the harbour plan would fail."
    assert [f[3] for f in quotes(nlp, text)] == ["J. Lopez"]


def test_the_name_after_a_missed_break_is_the_person_the_article_named(nlp):
    text = (
        "Governor Tom Baker stepped aside on Sunday, with Deputy Governor Maria Lopez widely "
        "seen as his successor.\n\n"
        "Baker backed Lopez as the party candidate in a separate post on X. Lopez responded "
        'that she is grateful for the support, and her "aim is to win this race."'
    )
    found = [q for q in nlp(text)._.quotes if q.cue == "responded"]
    assert [q.speaker for q in found] == ["Maria Lopez"]


# -- a quote an outlet relays after it ----------------------------------------------------------


def test_a_quote_the_publication_after_it_reports_is_the_inner_speakers(nlp):
    text = (
        "Closing her tour with a stop in Lisbon, a city of many faiths, Mayor Ortiz stated "
        'that "every harbour is a gate to the world," reports the local newspaper Diario.'
    )
    assert quotes(nlp, text) == [
        (
            "mixed",
            'that "every harbour is a gate to the world,"',
            "stated",
            "Mayor Ortiz",
            "the local newspaper Diario",
        )
    ]


def test_a_direct_quote_the_publication_after_it_reports_is_the_inner_speakers(nlp):
    text = (
        'Mayor Ortiz said, "every harbour is a gate to the world," reports the local '
        "newspaper Diario."
    )
    assert quotes(nlp, text) == [
        (
            "direct",
            "every harbour is a gate to the world,",
            "said",
            "Mayor Ortiz",
            "the local newspaper Diario",
        )
    ]


def test_a_relaying_publication_named_before_its_verb_stays_out_of_the_quote(nlp):
    text = (
        'Mayor Ortiz stated that "every harbour is a gate to the world," the local newspaper '
        "Diario reports."
    )
    assert quotes(nlp, text) == [
        (
            "mixed",
            'that "every harbour is a gate to the world,"',
            "stated",
            "Mayor Ortiz",
            "the local newspaper Diario",
        )
    ]


def test_a_second_verb_of_saying_after_the_quote_is_no_relay(nlp):
    text = 'Answering his own question, he said, "a harbour must stay open," the bishop said.'
    found = [f for f in quotes(nlp, text) if f[0] == "direct"]
    assert [(f[3], f[4]) for f in found] == [("the bishop", None)]


def test_a_quote_after_an_earlier_quote_of_the_sentence_keeps_its_own_speaker(nlp):
    text = '"We will rebuild," he said, "and nobody can stop us," the Gazette reports.'
    found = quotes(nlp, text)
    assert [(f[2], f[3]) for f in found] == [("said", "he"), ("reports", "the Gazette")]


# -- a quoted passage set as lines --------------------------------------------------------------


def contents(text):
    return [text[q.start : q.end] for q in find_quoted_spans(text)]


def test_a_quote_closed_on_the_line_after_its_opening_line_is_one_quote(nlp):
    text = (
        "The former governor praised her decision and spoke at length about the reasons:\n\n"
        "“This record gave her every right to run again and finish the work she started.\n"
        "I also know she has never backed down from a fight, and it is a testament to her "
        "love of the state.”\n\n"
        "The council met later that day."
    )
    found = quotes(nlp, text)
    assert len(found) == 1
    assert found[0][0] == "direct" and found[0][3] == "The former governor"
    assert found[0][1].startswith("This record") and found[0][1].endswith("of the state.")


def test_a_line_that_opens_a_quote_of_its_own_first_does_not_go_on_the_open_one():
    text = "“The piers will be rebuilt by spring.\nThe council met, and “it went well,” Lee said."
    assert contents(text) == ["The piers will be rebuilt by spring.", "it went well,"]


def test_across_a_blank_line_the_quote_goes_on_as_a_paragraph_that_lost_its_mark():
    # Not one quote over two lines: a chunk per paragraph, one group, as for a long quote
    # whose paragraphs dropped their reopening marks (see test_detect_marks).
    text = "“The piers will be rebuilt by spring.\n\nThe ferries will run again,” she said."
    spans = find_quoted_spans(text)
    assert contents(text) == ["The piers will be rebuilt by spring.", "The ferries will run again,"]
    assert spans[0].group == spans[1].group


# -- questions put to the speaker --------------------------------------------------------------


def test_the_question_a_speaker_was_asked_is_not_their_statement(nlp):
    # "Asked whether …" is passive: the one asked answers in the main clause; who asked the
    # question is not named.
    text = "Asked whether the port would close, Ortiz said no decision had been made."
    found = {f[1]: f[3] for f in quotes(nlp, text)}
    assert found["no decision had been made"] == "Ortiz"
    assert found.get("whether the port would close", "absent") in (None, "absent")


def test_a_name_before_a_parenthetical_participle_is_the_speaker(nlp):
    # The parser hangs the name on the participle set off by commas ("Ortiz, asked …"):
    # the name is still the subject of the verb of saying after the second comma.
    text = "Mayor Ana Ortiz, asked about the closure, said the council would vote on Friday."
    assert [(f[1], f[3]) for f in quotes(nlp, text)] == [
        ("the council would vote on Friday", "Mayor Ana Ortiz")
    ]


def test_a_question_set_off_after_a_name_is_put_to_that_person(nlp):
    # "Brenn, asked whether …, replied that …": the parser makes "asked" the main verb and the
    # answer its clause. Brenn was asked; the answer is hers, the question nobody's report.
    text = (
        "Sofia Brenn, asked whether she had known about the warnings, replied that she had not."
        "\n\nLena Dahl, asked not to be named, said the talks had stalled."
    )
    assert [(f[1], f[3]) for f in quotes(nlp, text)] == [
        ("that she had not", "Sofia Brenn"),
        ("the talks had stalled", "Lena Dahl"),
    ]


def test_asking_not_to_be_named_is_a_sourcing_formula_not_a_statement(nlp):
    text = (
        "Officials in Tromso, who asked not to be identified because they were not "
        "authorised to speak publicly, said the plant would close."
    )
    assert [f[1] for f in quotes(nlp, text)] == ["the plant would close"]


def test_an_age_word_is_one_token_and_can_be_the_speaker(nlp):
    # Split at its hyphens, "old" became an adjective of "told" and the quote was lost.
    assert [t.text for t in nlp.tokenizer("the 42-year-old and a six-month-old")] == [
        "the",
        "42-year-old",
        "and",
        "a",
        "six-month-old",
    ]
    text = (
        "Ana Ortiz, 42, resigned on Thursday.\n"
        '"I am not leaving because it was hard," the 42-year-old told reporters.'
    )
    found = [(f[0], f[1], f[3]) for f in quotes(nlp, text)]
    assert ("direct", "I am not leaving because it was hard,", "the 42-year-old") in found


def test_a_title_written_with_a_full_stop_is_one_token_and_keeps_its_name(nlp):
    # Cut at the stop ("Col" "."), the stop ended a sentence inside the attribution and the
    # quote before it came out as a mixed quote of its own marks.
    assert [t.text for t in nlp.tokenizer("Lt. Col. Amir Dotan and Det. Supt. Ann Lee")] == [
        "Lt.",
        "Col.",
        "Amir",
        "Dotan",
        "and",
        "Det.",
        "Supt.",
        "Ann",
        "Lee",
    ]
    text = (
        '"We will continue to act with full force," army spokesman Col. Amir Dotan said in a '
        "televised briefing."
    )
    found = [(q.type, q.text(text), q.speaker) for q in nlp(text)._.quotes]
    assert found == [("direct", "We will continue to act with full force,", "Amir Dotan")]


def test_the_platform_x_ends_a_sentence_before_the_next_quotation(nlp):
    # "X." kept whole like an initial hid the break: the second quotation became a mixed
    # quote, the object of "wrote"
    text = (
        '"I take full responsibility for my words," Ebner wrote on X. "They were wrong and I '
        'apologise to everyone I hurt."'
    )
    found = [(q.type, q.text(text), q.speaker) for q in nlp(text)._.quotes]
    assert found == [
        ("direct", "I take full responsibility for my words,", "Ebner"),
        ("direct", "They were wrong and I apologise to everyone I hurt.", "Ebner"),
    ]


def test_a_title_written_in_lower_case_with_a_stop_is_cut_as_before(nlp):
    # "col." and "sec." in lower case are other words ("the 3 sec. delay")
    assert [t.text for t in nlp.tokenizer("a 3 sec. delay")] == ["a", "3", "sec", ".", "delay"]


def test_a_sentence_break_the_parser_puts_inside_a_name_does_not_cut_it(nlp):
    # after a headline line the parser starts a sentence at "Platforms"
    text = (
        "Tech firm admits data breach affected 2 million users\n\n"
        "Veridia Platforms said on Wednesday that hackers had accessed the personal data of "
        "about 2 million customers."
    )
    assert [(q.mention(text), q.speaker) for q in nlp(text)._.quotes] == [
        ("Veridia Platforms", "Veridia Platforms")
    ]


def test_an_unnamed_source_is_its_whole_description(nlp):
    # the mention took the noun alone ("a person", "one"); the description is the source
    cases = {
        '"It is over," said a person familiar with the talks.': "a person familiar with the talks",
        '"It is over," one of the negotiators said.': "one of the negotiators",
        "A source close to the prime minister said the deal was close.": (
            "A source close to the prime minister"
        ),
        '"We are monitoring," said a spokeswoman for the ministry.': (
            "a spokeswoman for the ministry"
        ),
    }
    for text, description in cases.items():
        (q,) = nlp(text)._.quotes
        assert (q.mention(text), q.speaker, q.speaker_description) == (
            description,
            None,
            description,
        )
    # a participle saying how the source knows stays in the description too
    text = "An Egyptian source briefed on the talks told Reuters that a deal was close."
    (q,) = nlp(text)._.quotes
    assert q.speaker_description == "An Egyptian source briefed on the talks"
    # a name after the preposition is someone else: no name is made of the description
    text = "Spokesmen for Ann Lee and Tom Hale declined to say whether the talks would resume."
    assert all(q.speaker is None for q in nlp(text)._.quotes)


def test_a_participle_in_the_cues_object_still_lets_it_introduce_the_quote(nlp):
    # "described overcoming discrimination:" — "overcoming" belongs to the object of the
    # cue, not to a clause of its own, so the colon still hands the quote to the speaker
    text = 'Okafor described overcoming the doubters: "You lock yourself in your room and cry."'
    (q,) = nlp(text)._.quotes
    assert (q.type, q.text(text), q.cue, q.speaker) == (
        "direct",
        "You lock yourself in your room and cry.",
        "described",
        "Okafor",
    )


def test_a_sentence_of_only_a_speaker_and_said_attributes_the_quote_before_it(nlp):
    # '"…." Ames said.' is written on the web for '"…," Ames said.'; a verb followed by a
    # comma or colon introduces the next quote instead
    text = '"We start engaging." Ames said. "This is what we should be doing."'
    first = nlp(text)._.quotes[0]
    assert (first.text(text), first.cue, first.speaker) == ("We start engaging.", "said", "Ames")
    text = '"We start engaging." She thanked the crews.'
    assert nlp(text)._.quotes[0].cue is None  # a verb with words of its own
    text = '"We start engaging." Ames added: "This is what we should be doing."'
    quotes = nlp(text)._.quotes
    assert quotes[0].cue is None
    assert (quotes[1].cue, quotes[1].speaker) == ("added", "Ames")
