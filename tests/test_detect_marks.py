"""Pairing quotation marks on raw text (no parsing involved)."""

from __future__ import annotations

from quotetrack.detect.marks import find_quoted_spans


def contents(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quoted_spans(text)]


def test_straight_and_curly_double_quotes_and_guillemets():
    text = '"Straight one," he said. “Curly one,” she said. «Guillemets one,» they said.'
    assert contents(text) == ["Straight one,", "Curly one,", "Guillemets one,"]


def test_quote_interrupted_by_its_attribution_gives_two_spans():
    text = '"We are ready," Smith said, "but not at any price."'
    assert contents(text) == ["We are ready,", "but not at any price."]


def test_unbalanced_mark_does_not_break_the_rest_of_the_article():
    text = (
        "The mayor arrived with “no notes at all.\n\n"
        "“We will rebuild every home,” Mayor Jane Doe said.\n\n"
        'A stray closing mark” here, then "a fine quote" again.'
    )
    assert contents(text) == ["We will rebuild every home,", "a fine quote"]


def test_unclosed_straight_quote_is_confined_to_its_paragraph():
    text = 'He said "we will see about that.\n\nLater, "It is done," Smith said.'
    assert contents(text) == ["It is done,"]


def test_apostrophes_and_plural_possessives_are_not_quotation_marks():
    text = "Hamas' hands are tied, the minister's aide said, and the groups' leaders won't talk."
    assert contents(text) == []


def test_plural_possessive_inside_a_single_quoted_passage():
    text = "'The generals' plans are ready,' the minister said."
    assert contents(text) == ["The generals' plans are ready,"]


def test_quote_spanning_paragraphs_gives_one_chunk_per_paragraph_in_one_group():
    text = (
        "“We will rebuild,” Mayor Jane Doe said. “Every street will be repaired.\n\n"
        "“Every school will open again.\n\n"
        "“And no family will be left behind.”\n\n"
        "The council met later."
    )
    spans = find_quoted_spans(text)
    assert [text[q.start : q.end] for q in spans] == [
        "We will rebuild,",
        "Every street will be repaired.",
        "Every school will open again.",
        "And no family will be left behind.",
    ]
    assert len({q.group for q in spans[1:]}) == 1
    assert spans[1].close_end is None and spans[3].close_end is not None


def test_nested_single_quotes_stay_inside_the_outer_quote():
    text = "\"He told me, 'I will not resign,' and I believed him,\" Senator Mark Smith said."
    assert contents(text) == ["He told me, 'I will not resign,' and I believed him,"]


def test_typewriter_quotes_in_the_nyt_style():
    text = "``We are ready for the talks,'' Mr. Smith said. ''The other side is not.''"
    assert contents(text) == ["We are ready for the talks,", "The other side is not."]


def test_single_quoted_headline():
    text = "Blinken: 'Gap remains between intent and results'\n\nThe secretary spoke on Thursday."
    assert contents(text) == ["Gap remains between intent and results"]


def test_closing_curly_mark_typed_as_the_opening_one():
    text = "”What is most infuriating is the noise.” ― Nell Grey\n\nShe wrote “more.“ Then left."
    assert contents(text) == ["What is most infuriating is the noise.", "more."]


def test_curly_quote_nested_in_a_curly_quote():
    text = "“As a voter, I’d rather live in what he calls “hell” than see him win.” ― Ana Ruiz"
    assert contents(text) == [
        "As a voter, I’d rather live in what he calls “hell” than see him win."
    ]


def test_inner_quote_survives_an_outer_mark_that_never_closes():
    text = "The mayor arrived with “no notes and said “we will rebuild” to the crowd.\n\nNext."
    assert contents(text) == ["we will rebuild"]


def test_quotes_across_the_lines_of_hard_wrapped_text():
    text = (
        "The minister spoke to reporters outside the\n"
        'ministry on Monday. "We will not accept a deal that leaves\n'
        'the border open," she said, adding that talks would go on\n'
        "next week.\n\n"
        "Opposition leaders were not convinced and said the plan was\n"
        '"a surrender" to pressure from abroad.'
    )
    assert contents(text) == [
        "We will not accept a deal that leaves\nthe border open,",
        "a surrender",
    ]


LOST_REOPENING_MARKS = (
    "Mayor Ana Ruiz spoke to reporters on Monday.\n\n"
    "“Cities carry the cost of every flood. We must rebuild higher.\n\n"
    "Who pays for the pumps? The council, and nobody else.\n\n"
    "The state could do the same. It would save a great deal,” said Ruiz.\n\n"
    "The council meets again next week."
)


def test_a_long_quote_whose_paragraphs_lost_their_opening_marks_runs_to_its_closing_mark():
    # Only the first opening mark and the last closing one survive (copied or translated
    # pages): every paragraph in between is part of the quote, one chunk each, one group.
    spans = find_quoted_spans(LOST_REOPENING_MARKS)
    assert [LOST_REOPENING_MARKS[q.start : q.end] for q in spans] == [
        "Cities carry the cost of every flood. We must rebuild higher.",
        "Who pays for the pumps? The council, and nobody else.",
        "The state could do the same. It would save a great deal,",
    ]
    assert len({q.group for q in spans}) == 1
    assert spans[-1].close_end is not None and spans[0].close_end is None


def test_an_open_mark_is_not_carried_past_a_paragraph_that_does_not_end_a_sentence():
    text = (
        "“Cities carry the cost of every flood. We must rebuild higher.\n\n"
        "A council spokesman, speaking after the vote\n\n"
        "The state could do the same,” said Ruiz."
    )
    # the first paragraph is a quote that lost its closing mark, as before; the rest is not
    assert contents(text) == ["Cities carry the cost of every flood. We must rebuild higher."]


def test_an_open_mark_is_not_carried_into_a_paragraph_that_opens_a_quote_first():
    text = (
        "“Cities carry the cost of every flood. We must rebuild higher.\n\n"
        "The council approved the plan.\n\n"
        "She called it “a start,” and left."
    )
    assert contents(text) == [
        "Cities carry the cost of every flood. We must rebuild higher.",
        "a start,",
    ]


def test_a_lost_mark_quote_takes_the_speaker_named_after_its_closing_mark(nlp):
    from quotetrack.detect import find_quotes

    quotes = find_quotes(nlp(LOST_REOPENING_MARKS))
    assert [(q.type, q.speaker) for q in quotes] == [("direct", "Ruiz")] * 3


def test_a_stray_opening_mark_inside_a_paragraph_quote_does_not_cut_it_short():
    text = (
        "“As a child I was teased. What do you do then? You start talking. "
        "“This is what we should be doing.”\n\nThe hall applauded."
    )
    assert contents(text) == [
        "As a child I was teased. What do you do then? You start talking. "
        "“This is what we should be doing."
    ]


def test_an_inner_quote_that_closes_mid_paragraph_is_still_an_inner_quote():
    text = "“We will win,” she said. “Then “the rest” will follow.\n\nNext."
    assert contents(text) == ["We will win,", "the rest"]
