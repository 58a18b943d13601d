"""Attribution chains, interjections and split quotes: who said it, who passed it on, and
which quote goes on from which."""

from __future__ import annotations

from sqlalchemy import select

from quotetrack.store import open_store
from quotetrack.store.models import Quote as QuoteRow
from quotetrack.types import Article


def quotes(nlp, text):
    """(content, cue, mention, via, continues) of each quote found in ``text``."""
    return [
        (q.text(text), q.cue, q.mention(text), q.via(text), q.continues) for q in nlp(text)._.quotes
    ]


def test_an_outlets_report_of_what_someone_said_is_the_inner_speakers_quote(nlp):
    text = "The Gazette reported that the mayor said the harbour fees would rise in spring."
    assert quotes(nlp, text) == [
        ("the harbour fees would rise in spring", "said", "the mayor", "The Gazette", None)
    ]


def test_a_quoted_fragment_inside_a_nested_report_belongs_to_the_inner_speaker(nlp):
    text = (
        "The Gazette reported that Mayor Ortiz said that the storm shook the harbour "
        '"to its foundations."'
    )
    found = quotes(nlp, text)
    assert len(found) == 1
    assert found[0][1:4] == ("said", "Mayor Ortiz", "The Gazette")


def test_according_to_after_a_named_cue_is_the_relay_not_the_speaker(nlp):
    text = (
        'Speaking at the harbour, Ortiz said, "We will rebuild every pier," according to '
        "a recording of the meeting heard by the Gazette."
    )
    assert quotes(nlp, text)[0] == (
        "We will rebuild every pier,",
        "said",
        "Ortiz",
        "a recording",
        None,
    )


def test_a_readout_adding_what_an_official_urged_gives_the_official(nlp):
    text = (
        "The ministry's readout says the two met on Monday, adding that the minister "
        "urged the council to reopen the harbour road."
    )
    found = [f for f in quotes(nlp, text) if f[1] == "urged"]
    # the readout passed the words on; its author, the ministry, is the relay
    assert found and found[0][2] == "the minister" and found[0][3] == "The ministry"


def test_a_statements_author_is_its_speaker(nlp):
    text = 'The statement from the harbour board continued: "We thank everyone for their patience."'
    assert quotes(nlp, text)[0][:3] == (
        "We thank everyone for their patience.",
        "continued",
        "the harbour board",
    )


def test_the_parts_of_a_split_quote_are_linked(nlp):
    text = '"We will not sell the harbour," the mayor said, "not this year and not ever."'
    found = quotes(nlp, text)
    assert [f[4] for f in found] == [None, 0]
    assert found[1][1] == "said"


def test_a_sentence_split_by_an_interjected_attribution_is_linked(nlp):
    text = (
        "On top of keeping the piers open, Ortiz said, it would be important to have "
        "ferries running by spring."
    )
    found = quotes(nlp, text)
    assert [f[0] for f in found] == [
        "On top of keeping the piers open",
        "it would be important to have ferries running by spring",
    ]
    assert [f[4] for f in found] == [None, 0]


def test_a_quote_going_on_in_the_next_sentence_and_paragraph_is_linked(nlp):
    text = '"We had no choice," Ortiz said. "The piers were failing.\n\n"Now we rebuild."'
    found = quotes(nlp, text)
    assert [f[4] for f in found] == [None, 0, 1]


def test_a_quote_cut_off_by_the_end_of_an_excerpt_runs_to_the_end(nlp):
    text = 'The mayor spoke on Monday.\n\nShe added: "We will rebuild the piers before the'
    assert quotes(nlp, text)[0][:2] == ("We will rebuild the piers before the", "added")


def test_direct_quotes_without_a_trailing_comma_are_found(nlp):
    text = '"The piers are safe" the mayor said on Monday.'
    assert quotes(nlp, text)[0][:3] == ("The piers are safe", "said", "the mayor")


def test_the_relay_is_stored(nlp, tmp_path):
    text = "The Gazette reported that the mayor said the harbour fees would rise in spring."
    store = open_store(tmp_path / "via.db")
    store.save_article(Article(text=text, outlet="Harbour News"), nlp(text)._.quotes)
    with store.session() as s:
        row = s.execute(select(QuoteRow)).scalar_one()
    assert (row.via, text[row.via_start : row.via_end]) == ("The Gazette", "The Gazette")


def test_an_inverted_attribution_names_its_speaker(nlp):
    text = 'The mayor spoke on Monday. "We will rebuild," replied the harbour chief.'
    assert quotes(nlp, text)[0][:3] == ("We will rebuild,", "replied", "the harbour chief")


def test_an_aside_between_quote_and_attribution_is_skipped(nlp):
    text = (
        '"We will rebuild every pier," the father of four — who has run the harbour '
        "for a decade — declared."
    )
    assert quotes(nlp, text)[0][:2] == ("We will rebuild every pier,", "declared")


def test_a_name_inside_a_quote_is_no_speaker_for_the_next_quote(nlp):
    text = (
        '"We had no choice," Mayor Ortiz said.\n\nAdvertisement\n\n'
        '"The Council has granted this request and the piers will reopen in May."'
    )
    found = quotes(nlp, text)
    assert [f[2] for f in found] == ["Mayor Ortiz", "Mayor Ortiz"]


def test_the_writers_scene_after_a_report_is_not_part_of_it(nlp):
    text = "The chief said the port must own up to its failings as it grapples with a second flood."
    assert quotes(nlp, text)[0][0] == "the port must own up to its failings"


def test_a_dateline_before_a_colon_is_no_speaker(nlp):
    text = "Harbourton: Mayor Jane Ortiz surprised everyone by calling an early vote."
    assert quotes(nlp, text) == []


def test_a_report_inside_a_direct_quote_is_part_of_it(nlp):
    text = (
        'Ortiz said: "We rebuilt the piers. I also know the council has never backed down '
        'from a fight."'
    )
    found = quotes(nlp, text)
    assert [f[0][:20] for f in found] == ["We rebuilt the piers"]


def test_a_comparison_needs_what_it_compares_with(nlp):
    assert quotes(nlp, "The chief compared the two harbours.") == []
    found = quotes(nlp, "The chief compared the harbour to a fortress.")
    assert found and found[0][0] == "the harbour to a fortress"


def test_a_negated_or_open_question_report_is_no_quote(nlp):
    text = "The mayor did not say that the piers were safe."
    assert quotes(nlp, text) == []
    text = "She did not make clear whether she would support the harbour plan."
    assert quotes(nlp, text) == []


def test_a_name_right_before_a_verb_of_saying_is_its_subject(nlp):
    text = 'The board quit. Following this Ortiz wrote: "We will rebuild the piers."'
    assert quotes(nlp, text)[0][1] == "wrote"
    assert "Ortiz" in quotes(nlp, text)[0][2]


def test_a_relative_clause_between_quote_and_attribution_is_skipped(nlp):
    text = (
        '"We will rebuild every pier," the harbour chief, who took office in May, told reporters.'
    )
    assert quotes(nlp, text)[0][1:3] == ("told", "the harbour chief")


def test_a_speech_in_full_belongs_to_the_speaker_who_names_their_office(nlp):
    text = (
        'The mayor said it was "the moment for the town to choose".\n\n'
        'Council leader Tom Reyes pledged to "fix the roads".\n\n'
        '"In the last five years, our town has come through hard times.\n\n'
        '"As I stand here as your mayor, I remember my first day in this hall.\n\n'
        '"I will never leave the people of this town to face the floods alone.'
    )
    found = quotes(nlp, text)
    speech = [f for f in found if f[1] is None]
    assert len(speech) == 3
    assert {f[2] for f in speech} == {"The mayor"}


def test_a_speech_act_inside_a_report_is_part_of_the_report(nlp):
    # the harbour master's promise is what the spokesman says happened, not a second quote
    text = "A spokesman says the harbour master promised to keep the ferry running all winter."
    assert [f[:3] for f in quotes(nlp, text)] == [
        (
            "the harbour master promised to keep the ferry running all winter",
            "says",
            "A spokesman",
        )
    ]


def test_a_target_named_inside_a_report_is_no_quote_of_its_own(nlp):
    text = "The mayor said the fishermen would question the new quotas at the meeting."
    assert [f[:3] for f in quotes(nlp, text)] == [
        ("the fishermen would question the new quotas at the meeting", "said", "The mayor")
    ]


def test_an_act_named_by_a_gerund_inside_a_report_is_part_of_it(nlp):
    text = (
        "The council urged the ferry company to apologize for suggesting that the "
        "harbour was unsafe."
    )
    found = quotes(nlp, text)
    assert [f[1] for f in found] == ["urged"]


def test_a_verb_of_saying_inside_a_report_is_still_its_own_quote(nlp):
    text = "The mayor said the cost was high, which the auditor said was no surprise to anyone."
    assert ("was no surprise to anyone", "said", "the auditor") in [
        f[:3] for f in quotes(nlp, text)
    ]
