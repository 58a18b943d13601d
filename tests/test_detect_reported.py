"""Reported (indirect) speech: which words are the said content, and where the span ends.

The snippets are written for these tests. A reported clause is scored by the words it shares
with what was said, so a span cut short at an aside, or a cue the tagger misread, loses the
quote as surely as a missed cue does.
"""

from __future__ import annotations


def reported(nlp, text: str) -> list[tuple[str, str, str | None]]:
    """(type, content, cue) of each quote found in ``text``."""
    doc = nlp(text)
    return [(q.type, q.text(text), q.cue) for q in doc._.quotes]


# --- dashes ------------------------------------------------------------------------------


def test_a_pair_of_dashes_sets_off_an_aside_inside_the_reported_clause(nlp):
    text = (
        "The auditor noted that the new ferry — for all the complaints about its noise — "
        "has cut crossing times by a third."
    )
    assert reported(nlp, text) == [
        (
            "indirect",
            "that the new ferry — for all the complaints about its noise — has cut crossing "
            "times by a third",
            "noted",
        )
    ]


def test_spaced_hyphens_pair_like_dashes(nlp):
    text = "The council said the depot - which opened in May - would close next spring."
    found = reported(nlp, text)
    assert [(t, c) for t, c, _ in found] == [
        ("indirect", "the depot - which opened in May - would close next spring")
    ]


def test_a_single_dash_still_ends_the_reported_clause(nlp):
    text = "She said the harbour wall was safe — a claim the fishermen's union disputes."
    assert reported(nlp, text)[0][:2] == ("indirect", "the harbour wall was safe")


# --- cues the tagger reads as nouns ------------------------------------------------------


def test_postposed_cue_tagged_as_a_plural_noun_with_its_own_subject(nlp):
    text = "The timetable is fine, the ferry operator's chief executive insists."
    assert reported(nlp, text) == [("indirect", "The timetable is fine", "insists")]


def test_postposed_cue_tagged_as_a_noun_under_a_possessive_subject(nlp):
    text = "Winter fares are too high for families, the island's longest-serving harbour master maintains."
    assert reported(nlp, text) == [
        ("indirect", "Winter fares are too high for families", "maintains")
    ]


def test_a_noun_in_s_with_a_that_clause_stays_a_noun(nlp):
    # "claims" is the noun here: no verb of saying, so no speaker and no cue "claims"
    found = reported(nlp, "The claims that the pier is unsafe were never tested.")
    assert all(cue != "claims" for _, _, cue in found)


# --- coordinated predicates --------------------------------------------------------------


def test_a_second_predicate_with_its_own_modal_goes_on_with_the_reported_clause(nlp):
    text = (
        "The auditor says the toll would cut traffic in the early years as drivers adapt, "
        "but would eventually add delays."
    )
    assert reported(nlp, text) == [
        (
            "indirect",
            "the toll would cut traffic in the early years as drivers adapt, but would "
            "eventually add delays",
            "says",
        )
    ]


def test_the_speakers_own_second_verb_of_saying_stays_out(nlp):
    text = "The minister said the pier was safe and warned fishermen about the storm."
    assert reported(nlp, text)[0][:2] == ("indirect", "the pier was safe")


def test_a_bare_infinitive_after_a_participle_cue_shares_its_to(nlp):
    text = (
        "The mayor opened the new pier on Friday, promising to widen the harbour and in "
        "some cases rebuild the old docks."
    )
    assert reported(nlp, text) == [
        ("indirect", "to widen the harbour and in some cases rebuild the old docks", "promising")
    ]


def test_a_verb_of_saying_joined_to_an_infinitive_is_the_speakers_next_act(nlp):
    # no finite verb shares the "to" of "to dissolve": "promised" goes on from "said"
    text = (
        "In a drenched suit, Teo Marsh said the King granted his request to dissolve "
        'Parliament and promised to "fight for every vote" over the next few weeks.'
    )
    doc = nlp(text)
    found = [(q.type, q.text(text), q.cue, q.mention(text)) for q in doc._.quotes]
    assert found[0] == (
        "indirect",
        "the King granted his request to dissolve Parliament",
        "said",
        "Teo Marsh",
    )
    assert found[1][:3] == (
        "mixed",
        'to "fight for every vote" over the next few weeks',
        "promised",
    )
    assert found[1][3] is not None


def test_a_relative_clause_with_a_speaker_of_its_own_is_a_report_of_its_own(nlp):
    text = (
        'Mr Marsh said "all this is at risk" with Anna Pell who he criticised as being a '
        '"soft touch" on immigration.'
    )
    assert reported(nlp, text) == [
        ("mixed", '"all this is at risk" with Anna Pell', "said"),
        ("mixed", 'as being a "soft touch" on immigration', "criticised"),
    ]


def test_a_relative_clause_that_only_says_how_much_stays_in_the_report(nlp):
    # "he says" inside "the $18 million he says he raised" tells what was raised
    text = "Okafor said he would spend the $18 million he says he raised on new ads."
    assert reported(nlp, text)[0][:2] == (
        "indirect",
        "he would spend the $18 million he says he raised on new ads",
    )


def test_a_relative_clause_in_brackets_ends_at_the_closing_bracket(nlp):
    text = 'Ames sent the memo to Okafor (who she dubbed "the Captain") to Lena Marsh.'
    assert ("mixed", '"the Captain"', "dubbed") in reported(nlp, text)


def test_the_writers_amid_scene_stays_out_wherever_the_parser_hangs_it(nlp):
    # the parser hangs "amid" on "bid", and the participle after it on "ending"
    text = (
        "President Ana Ortiz said Sunday she is ending her bid for reelection amid intense "
        "pressure from party leaders sounding the alarm that her path to victory had vanished."
    )
    assert reported(nlp, text)[0][:2] == ("indirect", "she is ending her bid for reelection")
    # here it hangs "amid" on "ending" itself, and the participle too: no second report
    text = (
        "President Dan Reyes said Sunday he was ending his bid for reelection amid intense "
        "pressure from party leaders sounding the alarm that his path to victory had vanished."
    )
    assert reported(nlp, text) == [("indirect", "he was ending his bid for reelection", "said")]


def test_a_report_that_goes_on_after_a_scene_set_off_by_commas_keeps_both_parts(nlp):
    # "approach" shares the "to" of "acknowledge"; the parser joins it to "blew"
    text = (
        "Chief Executive Teo Brask on Tuesday told employees the planemaker needed to "
        "acknowledge its mistakes, after a panel blew off a jet flown by Nordair days "
        'earlier, and approach the matter with "complete transparency."'
    )
    found = reported(nlp, text)
    assert len(found) == 1
    assert found[0][0] == "mixed"
    assert found[0][1].startswith("the planemaker needed to acknowledge its mistakes")
    assert found[0][1].endswith('and approach the matter with "complete transparency."')


def test_a_nouns_own_to_is_no_predication_outside_comparisons(nlp):
    # "commitment to …" is the noun's; "compared religions to languages" predicates
    text = (
        "Brask convened an all-hands meeting, expressing a personal commitment to addressing "
        "potential safety lapses."
    )
    assert reported(nlp, text) == []
    compared = reported(nlp, "The bishop compared religions to different languages.")
    assert compared == [("indirect", "religions to different languages", "compared")]
    # someone's agreement with a view is a stand taken; an agreement for a return is a deal
    stand = "The minister highlighted Teravia's agreement with the regional approach."
    assert reported(nlp, stand) == [
        ("indirect", "Teravia's agreement with the regional approach", "highlighted")
    ]
    deal = "The board announced an agreement for the return of Lena Marsh as chief executive."
    assert reported(nlp, deal) == []


def test_a_subjectless_clause_after_a_quotes_cue_is_the_writers(nlp):
    # the parser reads "unprompted" as a verb with a clause of its own
    text = '"I am not, really, a migrant worker," he stated unprompted in his opening remarks.'
    assert reported(nlp, text) == [("direct", "I am not, really, a migrant worker,", "stated")]


def test_the_one_a_verb_of_assault_names_is_no_claim(nlp):
    text = "Some senators have begun attacking Okafor over her role in the budget talks."
    assert reported(nlp, text) == []
    # what is attacked as wrong is one: the plan
    assert reported(nlp, "The union attacked the pension plan.") == [
        ("indirect", "the pension plan", "attacked")
    ]


def test_declining_to_be_named_is_sourcing_not_a_statement(nlp):
    text = "A ministry spokesman, who declined to be named, said the figure was expected to rise."
    assert reported(nlp, text) == [("indirect", "the figure was expected to rise", "said")]


def test_a_percentage_at_the_end_of_a_report_keeps_its_sign(nlp):
    text = "The World Bank, in a report released on Monday, said growth would slow to 2.1%."
    assert reported(nlp, text)[0][1] == "growth would slow to 2.1%"


def test_the_speakers_act_after_the_quoted_words_is_a_report_of_its_own(nlp):
    # the parser hangs "as he announced" on the quoted clause; the quoted words end at the
    # closing mark and the announcement is its own report, not part of the declaration
    text = (
        "Premier Tomas Vell declared “the hour has come for the province to decide” as he "
        "announced the vote would be held on June 9."
    )
    assert reported(nlp, text) == [
        ("mixed", "“the hour has come for the province to decide”", "declared"),
        ("indirect", "the vote would be held on June 9", "announced"),
    ]
    text = "The minister vowed to “win every valley” while she toured the north."
    assert reported(nlp, text) == [("mixed", "to “win every valley”", "vowed")]


def test_what_the_speaker_went_on_to_do_stays_out_of_the_report(nlp):
    # ", before returning to …" is the writer's account of the speaker's next act, also
    # when it follows a condition that is part of what was urged
    text = (
        "The bishop urged the students to take risks, even if it means failing, before "
        "returning to his sermon on patience."
    )
    assert reported(nlp, text) == [("indirect", "to take risks, even if it means failing", "urged")]
    text = "The bishop said the roof would be repaired, before turning to the bells."
    assert reported(nlp, text) == [("indirect", "the roof would be repaired", "said")]
    # without the comma the time is part of the claim
    text = "The bishop said the roof would be repaired before reopening the church."
    assert reported(nlp, text)[0][1] == "the roof would be repaired before reopening the church"


def test_a_past_reason_under_a_present_perfect_cue_is_part_of_the_claim(nlp):
    # "has said" reports from the present: the past "as" clause gives the reason he gave,
    # not the writer's scene
    for text in (
        'The coach has said he "knows rejection" as he was dropped from the team as a boy.',
        "The coach has said he knows rejection as he was dropped from the team as a boy.",
    ):
        found = reported(nlp, text)
        assert len(found) == 1 and found[0][1].endswith("as he was dropped from the team as a boy")


def test_a_clause_the_parser_reads_as_a_noun_phrase_is_still_what_was_said(nlp):
    # the parser makes "secured" a modifier of "contracts", the object of "said", and
    # hangs "he had" on it
    text = "He said he had secured contracts for the former mayor that would pay out $6 million."
    assert reported(nlp, text) == [
        (
            "indirect",
            "he had secured contracts for the former mayor that would pay out $6 million",
            "said",
        )
    ]
    # a plain noun phrase after "said" is no report
    assert reported(nlp, "She said a few words.") == []


def test_the_speakers_next_report_after_an_infinitive_is_its_own(nlp):
    # an infinitive keeps its purpose after a comma, not ", telling residents that …"
    text = (
        "Mayor Ines Duarte vowed on Friday to rebuild every home destroyed by the floods, "
        'telling residents at a packed town hall that "nobody will be left behind".'
    )
    assert reported(nlp, text) == [
        ("indirect", "to rebuild every home destroyed by the floods", "vowed"),
        ("mixed", 'that "nobody will be left behind"', "telling"),
    ]


def test_a_source_after_the_account_keeps_it_though_a_cue_lies_inside(nlp):
    # "suggesting" inside the account does not make "according to" a nested report
    text = (
        "Nordair is expected to move its hub to Halden due to figures suggesting that demand "
        "has shifted north, according to a company official."
    )
    found = reported(nlp, text)
    assert found[0] == (
        "indirect",
        "Nordair is expected to move its hub to Halden due to figures suggesting that demand "
        "has shifted north",
        "according to",
    )


def test_a_scene_before_an_interjected_cue_is_the_writers(nlp):
    text = (
        "When Ortiz was asked whether she trusts the board, she said, "
        "\u201cI mean, stop it with that kind of question.\u201d"
    )
    found = reported(nlp, text)
    assert ("direct", "I mean, stop it with that kind of question.", "said") in found
    assert all(not f[1].startswith("When") for f in found)
    # the one asked is no part of the question
    assert [f[1] for f in found if f[2] == "asked"] == ["whether she trusts the board"]


def test_what_the_parser_hangs_on_a_that_clause_before_its_that_is_the_writers(nlp):
    text = (
        "Calhoun said in an interview with the Ledger, cited by the Courier, that he had "
        '"full confidence" in the engineers.'
    )
    assert reported(nlp, text) == [
        ("mixed", 'that he had "full confidence" in the engineers', "said")
    ]


def test_a_bracketed_aside_of_the_writers_after_the_report_ends_it(nlp):
    text = (
        'The board described the closure as "a difficult but necessary decision" (it did not '
        "say how many jobs were affected)."
    )
    assert reported(nlp, text) == [
        ("mixed", 'the closure as "a difficult but necessary decision"', "described")
    ]
    # an aside the report goes on after, and a bracket naming a party, stay in it
    text = (
        "The economist said rents could fall (indeed, many flats stand empty) at the end of "
        "the year."
    )
    assert reported(nlp, text)[0][1].endswith("at the end of the year")
    text = "Senator Ana Ortiz (D-Maine) said the bill would pass."
    assert reported(nlp, text)[0][1] == "the bill would pass"


def test_the_writers_reading_of_a_report_after_a_comma_stays_out(nlp):
    # the parser makes "signalling" the subject of a second clause of "said"
    text = (
        "The governor said on Thursday that inflation was well on its way back to target, "
        "signalling the bank could cut rates again in April."
    )
    assert reported(nlp, text) == [
        ("indirect", "that inflation was well on its way back to target", "said")
    ]


def test_the_occasion_that_ends_an_objects_phrase_is_where_it_was_said(nlp):
    # the parser hangs "in an interview" on the object, not on the verb
    text = "But the chief executive dismissed that notion in an interview on Sunday."
    assert reported(nlp, text) == [("indirect", "that notion", "dismissed")]
    # a phrase of the object that names no occasion stays
    text = "The mayor rejected the plan for a new terminal on the east quay."
    assert reported(nlp, text)[0][1] == "the plan for a new terminal on the east quay"


def test_the_writers_scene_after_the_report_stays_out(nlp):
    text = "The union said the strike would go ahead as talks collapsed on Monday night."
    assert reported(nlp, text)[0][:2] == ("indirect", "the strike would go ahead")


# --- directives and their addressee ------------------------------------------------------


def test_the_addressee_of_a_directive_is_no_part_of_what_was_said(nlp):
    assert reported(nlp, "The mayor urged the island's ferry operators to cut fares.") == [
        ("indirect", "to cut fares", "urged")
    ]
    assert reported(nlp, "She told the crew to wait for the tide.") == [
        ("indirect", "to wait for the tide", "told")
    ]


def test_the_object_of_a_wish_is_part_of_the_position(nlp):
    # "wants" reports no speech here (intentions are off by default): nothing is reported,
    # and in particular no span that drops the object
    assert reported(nlp, "The council wants the operators to cut fares.") == []


def test_a_reason_after_a_comma_is_part_of_the_claim(nlp):
    text = "The engineer said the pier should close, because the pilings are rotten."
    assert reported(nlp, text) == [
        ("indirect", "the pier should close, because the pilings are rotten", "said")
    ]


def test_an_infinitive_on_the_object_is_said_only_after_a_directive(nlp):
    # "encouraged the youths to …": the youths are addressed; "recalling his decision to
    # …" names a decision, a noun phrase, which is no report
    assert reported(nlp, "The coach encouraged the youths to take risks.") == [
        ("indirect", "to take risks", "encouraged")
    ]
    assert reported(nlp, "Recalling his decision to sell the ferry, the mayor smiled.") == []


def test_an_object_the_parser_took_from_the_reported_clause_is_its_subject(nlp):
    # "warned [the world] [is now …]": a finite clause with no subject right after the
    # object has that object for subject
    assert reported(nlp, 'Ms. Okafor warned the harbour is now "more crowded than ever".') == [
        ("mixed", 'the harbour is now "more crowded than ever"', "warned")
    ]
    # an addressee stays out: a singular noun before a plural verb does not agree with it
    assert reported(nlp, "The senator asked President Dan Reyes make a pledge on the tolls.") == [
        ("indirect", "make a pledge on the tolls", "asked")
    ]


def test_a_passive_subject_is_reported_only_as_its_active_object_would_be(nlp):
    # "The remarks were first reported by the Journal" names what was reported, a noun
    # phrase; what a council supports is a position, as in the active
    assert reported(nlp, "The remarks were first reported by the Harbour Gazette.") == []
    found = reported(nlp, "The levy has been supported by the harbour council.")
    assert [(t, c) for t, c, _ in found] == [("indirect", "The levy")]


def test_a_second_attribution_after_the_cue_is_not_what_was_said(nlp):
    # the spokesperson vouches for the quote; "confirmed to the Gazette" says nothing more
    text = (
        '"We are going to own our mistake," Ames said at the meeting, a Skyward spokesperson '
        "confirmed to NBC News."
    )
    assert reported(nlp, text) == [("direct", "We are going to own our mistake,", "said")]
    # a clause of its own after "confirmed" is content as before
    assert reported(nlp, "The mayor will resign, her office confirmed on Friday.") == [
        ("indirect", "The mayor will resign", "confirmed")
    ]


def test_what_the_words_answered_ends_the_report(nlp):
    # "in response to …" at the end is the writer's account of why it was said
    text = 'The opposition leader told voters to "throw them out" in response to the levy.'
    assert reported(nlp, text) == [("mixed", 'to "throw them out"', "told")]
    # an answer still to come is part of what was said
    text = "The mayor said the council would act in response to the ruling."
    assert reported(nlp, text) == [
        ("indirect", "the council would act in response to the ruling", "said")
    ]


def test_an_as_scene_the_parser_split_off_ends_the_report(nlp):
    # the parser reads "as" as a preposition and hangs "comes" on "told"; the scene is the
    # writer's, as an "as" clause after a report is
    text = (
        "Skyward chief Lena Ames on Tuesday told employees that the airline needs to admit "
        "its mistakes as the safety of its jets comes under scrutiny."
    )
    assert reported(nlp, text) == [
        ("indirect", "that the airline needs to admit its mistakes", "told")
    ]


def test_a_position_verb_of_purpose_reports_nothing(nlp):
    # what the money was raised for is no position anyone stated; the verb with its own
    # subject still reports one
    assert reported(nlp, "The group raised $4 million to support her campaign.") == []
    assert reported(nlp, "The union supported her campaign.") == [
        ("indirect", "her campaign", "supported")
    ]


# --- interjected cues --------------------------------------------------------------------


def test_an_interjected_cue_reports_nothing_before_a_semicolon(nlp):
    found = reported(nlp, "The vote was close; the port, the chairman said, will stay open.")
    assert found and all("vote" not in content for _, content, _ in found)
    assert ("indirect", "will stay open", "said") in found


# --- sources that relay ------------------------------------------------------------------


def test_a_relayed_account_with_a_report_inside_it_keeps_both_records(nlp):
    text = (
        "According to the coastguard, the crew saw the ferry drift onto the rocks, and "
        "they ordered the passengers to put on life jackets."
    )
    assert reported(nlp, text) == [
        (
            "indirect",
            "the crew saw the ferry drift onto the rocks, and they ordered the passengers to "
            "put on life jackets",
            "According to",
        ),
        ("indirect", "to put on life jackets", "ordered"),
    ]


def test_an_outlet_relaying_one_statement_gives_way_to_the_speaker(nlp):
    text = "The Journal reported that the mayor said the pier was unsafe."
    doc = nlp(text)
    assert [(q.type, q.text(text), q.cue) for q in doc._.quotes] == [
        ("indirect", "the pier was unsafe", "said")
    ]
    assert text[doc._.quotes[0].via_start : doc._.quotes[0].via_end] == "The Journal"


def test_the_according_to_source_is_not_part_of_the_reported_clause(nlp):
    text = "Police said they had no plans to release the recordings, according to the family."
    assert ("indirect", "they had no plans to release the recordings", "said") in reported(
        nlp, text
    )


def test_a_fronted_clause_before_an_interjected_cue_is_the_first_part_of_the_report(nlp):
    text = "If the plan fails to persuade the board, the mayor argues, there are other tools available."
    assert reported(nlp, text) == [
        ("indirect", "If the plan fails to persuade the board", "argues"),
        ("indirect", "there are other tools available", "argues"),
    ]


def test_a_participle_scene_before_an_interjected_cue_stays_out(nlp):
    text = "Speaking at the harbour on Friday, the mayor said, the ferries would run."
    assert reported(nlp, text) == [("indirect", "the ferries would run", "said")]


# --- nouns of saying ---------------------------------------------------------------------


def test_a_named_outlets_report_that_is_a_reported_statement(nlp):
    text = (
        "The mayor seized on a Gazette report that the ferry company had lost money for a decade."
    )
    doc = nlp(text)
    [q] = [q for q in doc._.quotes]
    assert (q.type, q.text(text), q.cue, q.mention(text)) == (
        "indirect",
        "that the ferry company had lost money for a decade",
        "report",
        "Gazette",
    )


def test_an_acknowledgment_that_is_a_reported_statement(nlp):
    text = "She has been frank in her acknowledgment that the harbour needs new funding."
    assert reported(nlp, text) == [
        ("indirect", "that the harbour needs new funding", "acknowledgment")
    ]


def test_a_report_on_a_topic_reports_no_statement(nlp):
    assert reported(nlp, "The Gazette's report on the ferry budget ran on Sunday.") == []


def test_making_the_case_and_raising_concerns_report_their_that_clause(nlp):
    # "made the case that …", "raised concerns that …": the clause is what the subject said
    assert reported(nlp, "Ortiz made the case that the levy was unfair.") == [
        ("indirect", "that the levy was unfair", "case")
    ]
    assert reported(nlp, "Ortiz raised concerns that the levy would hurt fishermen.") == [
        ("indirect", "that the levy would hurt fishermen", "concerns")
    ]
    # without a "that" clause these nouns name a topic, and a "that" with no subject after
    # it opens a relative clause
    assert reported(nlp, "Ortiz shared her concerns about costs that could be worrisome.") == []
    assert reported(nlp, "Ortiz made her case for the levy.") == []


# --- speech-act frames -------------------------------------------------------------------


def test_an_accusation_reports_its_charge_when_the_parser_hangs_it_on_the_verb(nlp):
    text = "Citing the rigged system, the mayor accused the auditor of being a partisan."
    assert reported(nlp, text) == [("indirect", "the auditor of being a partisan", "accused")]


def test_a_criticism_for_an_act_reports_the_one_criticised_with_the_act(nlp):
    text = "The mayor criticized the harbour master for closing the pier during the storm."
    assert reported(nlp, text) == [
        ("indirect", "the harbour master for closing the pier during the storm", "criticized")
    ]


def test_thanks_for_support_report_nothing(nlp):
    assert reported(nlp, "The mayor thanked the crews for their work.") == []


def test_mockery_for_an_omission_reports_the_charge(nlp):
    text = "The senator often mocked the governor for not releasing his tax returns."
    assert reported(nlp, text) == [
        ("indirect", "the governor for not releasing his tax returns", "mocked")
    ]


def test_pitching_something_as_something_is_a_predication(nlp):
    text = "The mayor pitched the vote as a choice between growth and decline."
    assert reported(nlp, text) == [
        ("indirect", "the vote as a choice between growth and decline", "pitched")
    ]


def test_the_one_addressed_makes_no_predication_of_a_bare_object(nlp):
    assert reported(nlp, "The mayor pitched the idea to the council.") == []
    assert reported(nlp, "The mayor likened the ferry to a floating slum.") == [
        ("indirect", "the ferry to a floating slum", "likened")
    ]


def test_the_writers_scene_after_an_infinitive_report_stays_out(nlp):
    text = "The agency warned election officials to boost their security after hackers targeted two systems."
    assert reported(nlp, text) == [("indirect", "to boost their security", "warned")]


def test_a_purpose_set_off_by_a_comma_stays_in_an_infinitive_report(nlp):
    text = "The mayor urged the council to form a task force, which would include the port, to patrol the docks."
    assert reported(nlp, text)[0][1].endswith("to patrol the docks")


# --- clauses joined after a post-posed cue -----------------------------------------------


def test_a_clause_joined_after_a_postposed_cue_goes_on_with_the_report(nlp):
    text = (
        "The middle fifth paid nine percent, the agency said in a June report, and the bottom "
        "fifth paid one percent."
    )
    assert reported(nlp, text) == [
        ("indirect", "The middle fifth paid nine percent", "said"),
        ("indirect", "the bottom fifth paid one percent", "said"),
    ]


def test_narration_joined_after_a_direct_quote_is_not_reported(nlp):
    text = "“We will win,” she said after the rally, and soon the crowd was cheering in the street."
    assert [t for t, _, _ in reported(nlp, text)] == ["direct"]


# --- shapes seen on web pages ------------------------------------------------------------


def test_a_gerund_complement_of_a_verb_of_saying_is_what_was_reported(nlp):
    text = "The airline has also reported finding loose bolts in other panels."
    assert reported(nlp, text) == [("indirect", "finding loose bolts in other panels", "reported")]


def test_calling_for_someone_to_act_reports_the_demand(nlp):
    text = "Hundreds of employees signed a letter calling for the board to resign."
    assert reported(nlp, text) == [("indirect", "the board to resign", "calling")]


def test_an_announcement_after_what_it_announces_has_an_unnamed_source(nlp):
    text = "The ferry will return to service next week, it was announced Wednesday."
    doc = nlp(text)
    assert [(q.type, q.text(text), q.cue, q.mention(text)) for q in doc._.quotes] == [
        ("indirect", "The ferry will return to service next week", "announced", None)
    ]


def test_an_impersonal_passive_before_its_clause_is_the_writers_own_fact(nlp):
    assert reported(nlp, "It is noted that the ferry is late.") == []


def test_an_unspaced_dash_ends_the_reported_clause(nlp):
    text = "The mayor announced he was heading to the capital—one of the port's main rivals."
    assert reported(nlp, text) == [("indirect", "he was heading to the capital", "announced")]


def test_a_condition_after_a_directive_is_part_of_what_was_urged(nlp):
    text = "He urged the youths to take risks, even if it means making mistakes."
    assert reported(nlp, text) == [
        ("indirect", "to take risks, even if it means making mistakes", "urged")
    ]


def test_exhorting_is_a_directive_and_a_dangling_conjunction_is_trimmed(nlp):
    text = (
        "She praised the phones, noting that they are useful, but exhorting the pupils not to "
        "become slaves to them."
    )
    assert reported(nlp, text) == [
        ("indirect", "that they are useful", "noting"),
        ("indirect", "not to become slaves to them", "exhorting"),
    ]


def test_a_writers_scene_hung_on_the_last_infinitive_stays_out(nlp):
    text = (
        "The governor said she intends to earn and win the nomination after the senator "
        "dropped out of the race."
    )
    assert reported(nlp, text) == [
        ("indirect", "she intends to earn and win the nomination", "said")
    ]


# --- who speaks --------------------------------------------------------------------------


def test_an_occasion_announcing_something_is_not_its_speaker(nlp):
    text = "Lynch spoke at a recent news conference announcing that the port would close."
    doc = nlp(text)
    assert [(q.text(text), q.mention(text)) for q in doc._.quotes] == [
        ("that the port would close", "Lynch")
    ]


def test_a_statement_announcing_something_relays_its_authors_words(nlp):
    text = "The union issued a statement announcing that the strike would end."
    doc = nlp(text)
    assert [(q.text(text), q.mention(text)) for q in doc._.quotes] == [
        ("that the strike would end", "The union")
    ]


def test_the_one_pressed_to_speak_is_the_speaker(nlp):
    text = "The senator pressed the bank chief to admit that the fraud had gone on for years."
    doc = nlp(text)
    assert [(q.text(text), q.mention(text)) for q in doc._.quotes] == [
        ("that the fraud had gone on for years", "the bank chief")
    ]


def test_one_who_wants_to_say_something_is_the_speaker(nlp):
    doc = nlp("The mayor wants to say that the port is safe.")
    assert [q.mention(doc.text) for q in doc._.quotes] == ["The mayor"]


def test_a_pages_own_label_before_a_colon_is_no_speaker(nlp):
    for text in (
        "Correction: An earlier version of this article misstated when the ferry was launched.",
        "WARNING: Video contains graphic images of the crash.",
        "Q: Will you stay on as chair of the harbour board?",  # an interview's turn label
    ):
        assert reported(nlp, text) == []
    assert reported(nlp, "Sanders: The harbour deal needs to be scrapped now.") == [
        ("indirect", "The harbour deal needs to be scrapped now", ":")
    ]


def test_a_gerund_naming_a_topic_is_no_report(nlp):
    assert reported(nlp, "The mayor described overcoming discrimination.") == []
    assert reported(nlp, "The treasurer admitted taking money from the harbour fund.") == [
        ("indirect", "taking money from the harbour fund", "admitted")
    ]


def test_recognizing_something_inside_an_admission_is_part_of_it(nlp):
    assert reported(nlp, "He admitted that he recognizes that fares are too high.") == [
        ("indirect", "that he recognizes that fares are too high", "admitted")
    ]


# --- where a reported clause goes on ----------------------------------------------------


def test_a_second_predicate_after_a_scene_goes_on_with_the_report(nlp):
    # the parser hangs "would eventually bring in" on the cue; the scene before it ("as
    # passengers delayed journeys") is then part of what was said, not the writer's
    text = (
        "The ferry office says the new fare would lower takings at first as passengers "
        "delayed journeys, but would eventually bring in $3 million a year."
    )
    assert reported(nlp, text) == [
        (
            "indirect",
            "the new fare would lower takings at first as passengers delayed journeys, but "
            "would eventually bring in $3 million a year",
            "says",
        )
    ]


def test_an_infinitive_after_a_comma_is_part_of_the_report(nlp):
    text = (
        "She said inspectors would sometimes reject her plans, only to approve the same "
        "designs when a man presented them."
    )
    assert reported(nlp, text) == [
        (
            "indirect",
            "inspectors would sometimes reject her plans, only to approve the same designs "
            "when a man presented them",
            "said",
        )
    ]


def test_a_second_that_clause_after_but_is_reported_too(nlp):
    text = (
        "The mayor conceded that she cannot claim every decision was right, but that she "
        "is proud of the new pier."
    )
    assert reported(nlp, text) == [
        (
            "indirect",
            "that she cannot claim every decision was right, but that she is proud of the new pier",
            "conceded",
        )
    ]


def test_a_second_participle_of_the_speaker_ends_the_first_report(nlp):
    # "imploring" is the harbour master's second act, not part of what the cranes are
    text = (
        "The harbour master praised the new cranes, noting that they are fast, but "
        "imploring the crews not to overload them."
    )
    assert reported(nlp, text) == [
        ("indirect", "that they are fast", "noting"),
        ("indirect", "not to overload them", "imploring"),
    ]


def test_a_clause_reported_by_a_verb_and_its_noun_is_one_quote(nlp):
    # "denied" and "reports" both govern the clause; one statement is one record
    text = "The ferry company denied reports that it would cancel the winter crossings."
    assert reported(nlp, text) == [
        ("indirect", "that it would cancel the winter crossings", "denied")
    ]


def test_the_day_after_a_quoted_predicate_is_the_writers_note(nlp):
    # the parser hangs "Wednesday on a radio show" on the quoted noun
    text = "The governor blasted the mayor as a “disgrace” Wednesday on a radio show."
    assert reported(nlp, text) == [("mixed", "the mayor as a “disgrace”", "blasted")]


def test_during_after_a_quoted_predicate_is_the_writers_note(nlp):
    text = "The former mayor criticized the ferry law as a “crazy system” during a rally in May."
    assert reported(nlp, text) == [("mixed", "the ferry law as a “crazy system”", "criticized")]


def test_what_someone_is_thanked_for_is_no_report(nlp):
    # the reason for thanks is the writer's account of the act, not what was said
    text = "On Wednesday, the mayor thanked the council on Twitter for backing her harbour plan."
    assert reported(nlp, text) == []


def test_a_verb_of_speaking_in_a_misread_relative_clause_reports_nothing(nlp):
    # "the experts I spoke to" is no "…, I said" set after what it reports
    text = (
        "His views were shared by a number of harbour experts I spoke to this week about "
        "the council's plans, as I did earlier about the mayor's."
    )
    assert "spoke" not in [cue for _, _, cue in reported(nlp, text)]


def test_as_with_an_addressee_says_when_not_what(nlp):
    text = (
        "A slide from a presentation that the minister and his aides carry with them as "
        "they speak to business leaders shows what the ferry would cost."
    )
    assert "speak" not in [cue for _, _, cue in reported(nlp, text)]


def test_as_someone_pointed_out_still_reports_the_clause(nlp):
    text = "As one harbour pilot pointed out with a chart, the channel is too shallow for ferries."
    assert reported(nlp, text) == [
        ("indirect", "the channel is too shallow for ferries", "pointed")
    ]


def test_as_someone_pointed_out_to_reporters_reports_the_clause(nlp):
    text = "As the harbour master pointed out to reporters, the channel is too shallow for ferries."
    assert [(t, c) for t, c, _ in reported(nlp, text)] == [
        ("indirect", "the channel is too shallow for ferries")
    ]


def test_a_page_label_in_brackets_names_no_speaker(nlp):
    text = (
        "The crew lifted the ferry off the rocks. (WARNING: Footage contains graphic "
        "images.)\n\nThe harbour reopened on Monday."
    )
    assert reported(nlp, text) == []


def test_a_writers_scene_after_a_postposed_cue_leaves_the_report_standing(nlp):
    # ", after …" is the writer's account of when it was said; without it the cue is
    # postposed as usual, and with it the report ahead of the cue must still be found
    text = (
        'The mayor was "not fit to lead" and "is certainly not fit to serve" as mayor, his '
        "rival Tom Briggs said Sunday, after the mayor said he was leaving the race."
    )
    found = reported(nlp, text)
    assert found[0] == (
        "mixed",
        'The mayor was "not fit to lead" and "is certainly not fit to serve" as mayor',
        "said",
    )
    assert found[0][1] not in {c for _, c, _ in found[1:]}


def test_a_clause_after_a_postposed_cue_that_is_no_scene_still_stops_it(nlp):
    # a participle after the cue says more (", adding …"): not the postposed shape
    text = "The port will close in May, the harbour master said, adding that ferries would stop."
    contents = [c for _, c, _ in reported(nlp, text)]
    assert "that ferries would stop" in contents


# --- what a comma or a time clause leaves inside the report ------------------------------


def test_a_relative_clause_with_a_modal_stays_in_the_report(nlp):
    text = (
        "The inspector wrote that the council had sold the depot in 2019, which might have "
        "spared it years of repair bills."
    )
    assert reported(nlp, text) == [
        (
            "indirect",
            "that the council had sold the depot in 2019, which might have spared it years of "
            "repair bills",
            "wrote",
        )
    ]


def test_a_past_time_clause_under_a_present_cue_is_part_of_the_report(nlp):
    text = "The curator notes the roof was repaired before she took over the museum."
    assert reported(nlp, text) == [
        ("indirect", "the roof was repaired before she took over the museum", "notes")
    ]


def test_a_past_time_clause_inside_a_past_report_dates_the_event(nlp):
    text = "The builder said he was paid late after he finished the job on the pier."
    assert reported(nlp, text) == [
        ("indirect", "he was paid late after he finished the job on the pier", "said")
    ]


def test_a_past_time_clause_after_a_present_report_is_the_writers_scene(nlp):
    text = "The mayor said she intends to run for the seat after the governor stepped down."
    assert reported(nlp, text)[0][:2] == ("indirect", "she intends to run for the seat")


def test_a_bare_infinitive_tagged_as_a_present_verb_continues_the_to_clause(nlp):
    text = "The minister declined to fund the bridge or even publicly call it necessary."
    assert reported(nlp, text) == [
        ("indirect", "to fund the bridge or even publicly call it necessary", "declined")
    ]


def test_the_source_after_from_is_whose_warning_it_is(nlp):
    text = "The board heard warnings from the engineers that the bridge would not last the winter."
    found = [
        (q.type, q.text(text), text[q.mention_start : q.mention_end]) for q in nlp(text)._.quotes
    ]
    assert found == [("indirect", "that the bridge would not last the winter", "the engineers")]


def test_a_modal_predicate_hung_on_a_verb_above_the_cue_goes_on_with_the_report(nlp):
    text = (
        "The station opened its phone lines to commuters on the breakfast show who said they "
        "welcomed the new trains, but would not pay the higher fares."
    )
    assert [(t, c) for t, c, _ in reported(nlp, text)] == [
        ("indirect", "they welcomed the new trains, but would not pay the higher fares")
    ]


def test_a_reason_the_parser_hung_on_the_cue_is_part_of_the_claim(nlp):
    text = (
        "Mayor Jane Doe said that claim smacked of greed, because the ferry firm has long been "
        "at the front of raising fares on the islands."
    )
    assert reported(nlp, text)[0][:2] == (
        "indirect",
        "that claim smacked of greed, because the ferry firm has long been at the front of "
        "raising fares on the islands",
    )


# --- noun objects that state a position -------------------------------------------------


def test_what_a_verb_of_condemning_condemns_is_reported_only_when_noun_objects_count(nlp):
    # the target of a condemnation is no content that was said (the default); a user who
    # counts bare objects as positions (PolNeAR's policy) turns noun_objects on
    from quotetrack.detect import find_quotes
    from quotetrack.detect.settings import DetectSettings

    text = "The council condemned the shelling of the harbour on Sunday night."
    assert reported(nlp, text) == []
    found = find_quotes(nlp(text), DetectSettings(noun_objects=True))
    assert [(q.type, q.text(text), q.cue) for q in found] == [
        ("indirect", "the shelling of the harbour", "condemned")
    ]


def test_the_one_criticized_is_no_report(nlp):
    assert reported(nlp, "The mayor criticized the harbour master.") == []


def test_a_finite_verb_joined_to_an_infinitive_is_not_part_of_it(nlp):
    text = (
        "The council passed new rules that promise to cut fares on the ferry but are likely "
        "to draw fire from the unions."
    )
    assert reported(nlp, text) == [("indirect", "to cut fares on the ferry", "promise")]


def test_what_someone_is_persuaded_to_do_is_reported_without_the_one_persuaded(nlp):
    text = "The mayor spent the winter persuading the ferry company to cut its fares."
    assert reported(nlp, text) == [("indirect", "to cut its fares", "persuading")]


def test_what_a_poll_shows_about_its_object_is_part_of_the_finding(nlp):
    text = (
        "The latest harbour poll shows the mayor likewise ahead by three points, using an "
        "average of recent polls."
    )
    assert reported(nlp, text) == [
        ("indirect", "the mayor likewise ahead by three points", "shows")
    ]


def test_what_is_urged_is_a_demand(nlp):
    text = "The harbour master urged restraint from both sides of the dock strike."
    assert reported(nlp, text) == [
        ("indirect", "restraint from both sides of the dock strike", "urged")
    ]


def test_the_day_it_was_said_between_the_verb_and_the_clause_is_not_reported(nlp):
    # Without "that", the parser hangs "on Monday" on the reported clause; it dates the
    # saying. After "that" it is inside the reported clause.
    assert [r[1] for r in reported(nlp, "Ortiz said on Monday the port would close.")] == [
        "the port would close"
    ]
    assert [
        r[1] for r in reported(nlp, "Ortiz told reporters on Monday the port would close.")
    ] == ["the port would close"]
    assert [r[1] for r in reported(nlp, "Ortiz said that on Monday the port would close.")] == [
        "that on Monday the port would close"
    ]


def test_verbs_translated_copy_reports_with_are_cues(nlp):
    # "a souligné", "a précisé" come out of machine translation as "underlined", "specified"
    assert reported(nlp, "She underlined that the ferries must run again.") == [
        ("indirect", "that the ferries must run again", "underlined")
    ]
    assert reported(nlp, "The mayor specified that the port would reopen on Monday.") == [
        ("indirect", "that the port would reopen on Monday", "specified")
    ]


def test_how_the_words_were_said_is_no_part_of_the_report(nlp):
    # ", in a shock announcement" / ", in a statement" set off at the end: the writer's
    # account of the saying (PolNeAR and webnews leave such phrases out of the span)
    assert reported(nlp, "Holt said on Thursday she would resign, in a shock announcement.") == [
        ("indirect", "she would resign", "said")
    ]
    assert reported(nlp, "Holt said she would resign, in a speech to party members.") == [
        ("indirect", "she would resign", "said")
    ]
    # a place in the report stays in it
    assert reported(nlp, "He said the vote was held in a school, in a small town.") == [
        ("indirect", "the vote was held in a school, in a small town", "said")
    ]


def test_a_speaker_joined_by_and_to_the_writers_narration_speaks_only_after_the_verb(nlp):
    # The parser folds "and its governor, Elsa Brandt," into the first clause and leaves
    # "said" with no subject: the rate decision was the writer's narration, not her words.
    text = (
        "The central bank left its key rate unchanged on Wednesday and its governor, Elsa "
        "Brandt, said policymakers needed more evidence that inflation was cooling."
    )
    doc = nlp(text)
    assert [(q.type, q.text(text), q.speaker) for q in doc._.quotes] == [
        (
            "indirect",
            "policymakers needed more evidence that inflation was cooling",
            "Elsa Brandt",
        )
    ]


def test_a_scene_before_an_act_with_its_own_object_is_no_report(nlp):
    # "thanked his staff" is the act; the phrase before it says where, not what was said
    assert reported(nlp, "In a post on Instagram, Ebner thanked his staff.") == []
    assert reported(nlp, "After the match, Holm praised his players.") == []
    # a fragment before a cue with nothing after it is what was said
    assert reported(nlp, "People like Ortiz, he said.") == [
        ("indirect", "People like Ortiz", "said")
    ]


def test_a_that_clause_after_the_occasion_is_what_was_said(nlp):
    # the parser hangs the clause on a word of the occasion it misreads as a verb
    # ("hearing" as a participle, "aired" as a clause of "said")
    text = (
        "Quent said during Wednesday's Senate Commerce Committee hearing that the company "
        "had invested billions."
    )
    assert reported(nlp, text) == [("indirect", "that the company had invested billions", "said")]
    text = "Berg said in an interview with the Ledger's Morning Hour aired Sunday that talks would resume."
    assert reported(nlp, text) == [("indirect", "that talks would resume", "said")]


def test_confessing_and_confiding_report_what_was_said(nlp):
    assert reported(nlp, "The mayor confessed that she had misled the council.") == [
        ("indirect", "that she had misled the council", "confessed")
    ]
    assert reported(nlp, "He confided to friends that he would quit.") == [
        ("indirect", "that he would quit", "confided")
    ]
