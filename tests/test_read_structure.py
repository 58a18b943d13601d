"""The page-structure pass: what the layout of a page says before any quote is looked for.

Furniture (headlines, decks, bylines, datelines, captions, labels) is never a quote or a
speaker; a bullet list after an introducing line is the introduced speaker's; hard-wrapped
text is parsed a paragraph a line while every offset still indexes the text as stored; an
HTML page's markup gives the same roles as the shape of plain text; a byline is the
article's author metadata.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotetrack.read import Article, iter_articles
from quotetrack.read.infer import author_names, infer_author, infer_title
from quotetrack.read.structure import (
    blank_markup,
    blank_tickers,
    dateline_spans,
    embedded_posts,
    furniture_spans,
    introduced_lists,
    page_lines,
    parse_view,
    unwrap,
    wrap_width,
)

# Wire copy as it comes by e-mail: fixed-width lines, each paragraph's first line indented
# with a tab, no blank lines. The second paragraph's quote and the third paragraph's
# reported clause are broken across lines, one of them before a capitalised name.
WIRED = (
    "Harbour board approves ferry terminal\n"
    "By JANE ROE\n"
    "AP Business Writer\n"
    "\tPORTSMOUTH, England (AP) — The harbour board voted on Wednesday\n"
    "to build a new ferry terminal on the east quay, ending a dispute\n"
    "that had lasted for two years and divided the town.\n"
    "\t\"This terminal will carry the island's trade for the next fifty\n"
    "years,\" Tomas Lindqvist, the board's chair, said after the vote in\n"
    "the town hall.\n"
    "\tResidents of the quay said the mayor and Councillor Ann\n"
    "Hewitt had ignored their complaints about the noise from the\n"
    "building site for months.\n"
)


def test_wrapped_text_is_unwrapped_with_the_same_length_and_paragraph_breaks_kept() -> None:
    assert wrap_width(WIRED) is not None
    flat = unwrap(WIRED)
    assert len(flat) == len(WIRED)
    # only wrapping line breaks changed, each into one space
    changed = [k for k, (a, b) in enumerate(zip(WIRED, flat)) if a != b]
    assert changed and all(WIRED[k] == "\n" and flat[k] == " " for k in changed)
    assert flat.split("\n") == [
        "Harbour board approves ferry terminal",
        "By JANE ROE",
        "AP Business Writer",
        "\tPORTSMOUTH, England (AP) — The harbour board voted on Wednesday to build a new ferry"
        " terminal on the east quay, ending a dispute that had lasted for two years and divided"
        " the town.",
        '\t"This terminal will carry the island\'s trade for the next fifty years," Tomas'
        " Lindqvist, the board's chair, said after the vote in the town hall.",
        "\tResidents of the quay said the mayor and Councillor Ann Hewitt had ignored their"
        " complaints about the noise from the building site for months.",
        "",
    ]


def test_wrapped_paragraphs_parted_by_blank_lines_become_one_line_each() -> None:
    release = (
        "The harbour board will meet on Friday to approve the budget for the\n"
        "new ferry terminal, the board's office said in a statement on\n"
        "Tuesday.\n"
        "\n"
        "Councillor Ann Hewitt, who chairs the finance committee, said the\n"
        "terminal would be paid for by the fees of the next ten years and not\n"
        "by the town's residents.\n"
    )
    assert unwrap(release).split("\n") == [
        "The harbour board will meet on Friday to approve the budget for the new ferry"
        " terminal, the board's office said in a statement on Tuesday.",
        "",
        "Councillor Ann Hewitt, who chairs the finance committee, said the terminal would be"
        " paid for by the fees of the next ten years and not by the town's residents.",
        "",
    ]


@pytest.mark.parametrize(
    "text",
    [
        # one paragraph a line, as most web text comes
        "The harbour board voted on Wednesday to build a new ferry terminal on the east quay,"
        " ending a dispute that had lasted for two years.\n"
        '"This terminal will carry the trade," the chair said after the vote in the hall.\n'
        "Residents said the noise would be hard to bear for the people of the quay.\n"
        "The work starts in May.",
        # short lines of every length: a list of headlines
        "Ferry terminal approved\nBudget vote delayed again\nMayor opens the new library\n"
        "Storm closes the harbour\nSchools shut on Friday",
    ],
)
def test_text_that_is_not_hard_wrapped_is_left_alone(text: str) -> None:
    assert wrap_width(text) is None
    assert unwrap(text) == text


def test_wrapped_paragraphs_between_page_furniture_are_unwrapped_line_by_line(nlp) -> None:
    # menus, headlines and captions of every length hide the wrapping from the whole
    # text's line widths; the broken sentences still show it
    page = (
        "Home | World | Business | Sport\n\n"
        "'We will rebuild': Mayor vows to restore flooded town\n"
        "Share on Facebook Share on X\n\n"
        "By Tom Hale, Senior Reporter\n\n"
        'Residents were sceptical on Friday. "We have heard promises before," said\n'
        "Carla Neves, 58, whose bakery on the quay was destroyed by the water.\n"
    )
    assert wrap_width(page) is None
    flat = unwrap(page)
    assert len(flat) == len(page)
    assert '"We have heard promises before," said Carla Neves' in flat
    assert "flooded town\nShare on Facebook" in flat  # a headline is not prose
    found = [(q.type, q.text(page), q.speaker) for q in nlp(page)._.quotes]
    assert found == [("direct", "We have heard promises before,", "Carla Neves")]


def test_a_quote_led_headline_is_a_headline_and_a_quote_led_sentence_is_text() -> None:
    text = (
        "'It was like a river in my kitchen': residents describe night of terror\n\n"
        '"We will win": that was all the mayor said before she left the hall.\n'
    )
    assert [ln.role for ln in page_lines(text)] == ["headline", "text"]


def test_a_line_ending_an_attribution_is_not_joined_to_the_quotation_after_it() -> None:
    text = (
        '"We have waited long enough for this harbour. We want it now." ― Ana Ortiz\n'
        '"Nobody asked the fishing crews what they need from the town council." ― Tom Hale\n'
    )
    assert unwrap(text) == text


def test_a_sentence_broken_across_wrapped_lines_is_one_quote_with_exact_offsets(nlp) -> None:
    quotes = nlp(WIRED)._.quotes
    found = {(q.type, " ".join(q.text(WIRED).split()), q.mention(WIRED)) for q in quotes}
    assert (
        "direct",
        "This terminal will carry the island's trade for the next fifty years,",
        "Tomas Lindqvist",
    ) in found
    assert (
        "indirect",
        "the mayor and Councillor Ann Hewitt had ignored their complaints about the noise from"
        " the building site for months",
        "Residents of the quay",
    ) in found
    for q in quotes:
        # offsets index the stored text, wrapping line breaks and all
        assert WIRED[q.start : q.end] == q.text(WIRED)
    assert any("\n" in q.text(WIRED) for q in quotes)
    # the byline is the article's author, not a speaker
    assert all(q.speaker not in ("Jane Roe", "JANE ROE") for q in quotes)
    assert infer_author(WIRED) == "Jane Roe"


# --- datelines ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "dateline"),
    [
        ("WASHINGTON (AP) — The Senate voted.", "WASHINGTON (AP) — "),
        ("KYIV, Ukraine, Jan 26 (Reuters) - Officials said.", "KYIV, Ukraine, Jan 26 (Reuters) - "),
        ("LOS ANGELES -- The studio said.", "LOS ANGELES -- "),
        ("The US - China talks went on.", None),
        ("US - China talks went on.", None),
        ("NATO said - without saying more - that it would wait.", None),
        # translated and European copy writes the place in small letters: a date or an
        # agency must follow it then
        ("Geneva, 12 March (Agency) – The director said.", "Geneva, 12 March (Agency) – "),
        ("Kyiv (Reuters) - Officials said.", "Kyiv (Reuters) - "),
        ("New Delhi, Jan. 5 -- The minister said.", "New Delhi, Jan. 5 -- "),
        ("Smith - the mayor - said no.", None),
        ("Ana Ortiz (left) - the mayor - said no.", None),
    ],
)
def test_datelines_are_found_at_the_start_of_a_paragraph(line: str, dateline: str | None) -> None:
    spans = dateline_spans(line)
    assert [line[a:b] for a, b in spans] == ([dateline] if dateline else [])


def test_a_paragraph_opening_with_a_dateline_is_text_and_its_report_is_found(nlp) -> None:
    text = (
        "Ferry deal agreed\n\n"
        "PORTSMOUTH, England, May 4 (Reuters) - Councillor Ann Hewitt said on Thursday that the"
        " ferry terminal would open in the spring.\n\n"
        "The board met again on Friday."
    )
    roles = [ln.role for ln in page_lines(text)]
    assert roles == ["headline", "text", "text"]  # "(Reuters)" is no photo credit
    quotes = nlp(text)._.quotes
    assert [(q.type, q.text(text), q.speaker) for q in quotes] == [
        ("indirect", "that the ferry terminal would open in the spring", "Ann Hewitt")
    ]
    assert all(q.mention(text) != "Reuters" for q in quotes)
    # "As expected" after a dateline is no report, and the dateline holds no speaker
    expected = "LONDON, May 3 (Reuters) - As expected, the harbour board held its fees on Monday."
    assert nlp(expected)._.quotes == []


# --- bullet lists ---------------------------------------------------------------------------

LISTED = (
    "The council met on Monday to approve the budget.\n\n"
    "Speaking after the vote, Mayor Ann Hewitt gave reporters her main points:\n\n"
    '- "We kept every promise we made to the people of this town."\n\n'
    '- "The detour is over, and the traffic will flow again."\n\n'
    '"It is about time," said Bob Jones, who runs a shop on the quay.'
)


def test_a_list_introduced_by_a_colon_line_is_found_with_its_items() -> None:
    [found] = introduced_lists(LISTED)
    assert LISTED[found.intro[0] : found.intro[1]].endswith("her main points:")
    assert [LISTED[a:b][:6] for a, b in found.items] == ['- "We ', '- "The']
    menu = "Most read\n- Ferry deal agreed\n- Storm closes harbour\n\nThe board met on Friday."
    assert introduced_lists(menu) == []


def test_quotes_in_an_introduced_bullet_list_belong_to_the_introduced_speaker(nlp) -> None:
    found = [(q.text(LISTED), q.speaker) for q in nlp(LISTED)._.quotes]
    assert found == [
        ("We kept every promise we made to the people of this town.", "Ann Hewitt"),
        ("The detour is over, and the traffic will flow again.", "Ann Hewitt"),
        ("It is about time,", "Bob Jones"),
    ]


def test_a_pronoun_introduction_gives_the_person_it_refers_to(nlp) -> None:
    text = (
        "Ann Hewitt spoke for an hour in the town hall. She gave three reasons:\n"
        '1. "We kept every promise we made to the people of this town."\n'
        '2. "The detour is over, and the traffic will flow again."\n\n'
        '"It is about time," said Bob Jones, who runs a shop on the quay.'
    )
    speakers = [q.speaker for q in nlp(text)._.quotes]
    assert speakers == ["Ann Hewitt", "Ann Hewitt", "Bob Jones"]


def test_an_introduction_that_says_what_the_speaker_said_gives_the_speaker(nlp) -> None:
    # the subject of "said" below the main verb: "Here is what she said:"
    text = (
        "Ann Hewitt spoke for an hour in the town hall. Here is what she said:\n\n"
        '• "We kept every promise we made to the people of this town."\n'
        '• "The detour is over, and the traffic will flow again."\n'
    )
    assert [q.speaker for q in nlp(text)._.quotes] == ["Ann Hewitt", "Ann Hewitt"]


def test_key_quotes_by_topic_from_her_news_conference_are_hers(nlp) -> None:
    # items that name their topic before the quotation, and a list owned by "her"
    text = (
        "Governor Elsa Brandt spoke after the bank held rates on Wednesday. Here are the key "
        "quotes from her news conference:\n\n"
        'On inflation: "We have made considerable progress, but inflation is still too high."\n'
        'On the labor market: "The labor market remains strong."\n\n'
        '• "Policy is well positioned."\n\n'
        "Her term ends in 2028."
    )
    assert [(q.text(text)[:20], q.speaker) for q in nlp(text)._.quotes] == [
        ("We have made conside", "Elsa Brandt"),
        ("The labor market rem", "Elsa Brandt"),
        ("Policy is well posit", "Elsa Brandt"),
    ]


def test_a_described_speaker_introduces_a_list_but_a_speakerless_introduction_lends_none(
    nlp,
) -> None:
    told = (
        "The council met on Monday.\n\n"
        "The harbour master told reporters:\n"
        '- "We kept every promise we made to the people of this town."\n\n'
        '"It is about time," said Bob Jones, who runs a shop on the quay.'
    )
    assert [q.mention(told) for q in nlp(told)._.quotes] == ["The harbour master", "Bob Jones"]
    points = told.replace("The harbour master told reporters:", "Here are the main points:")
    # the item is not given the speaker of the quote after the list
    assert [q.mention(points) for q in nlp(points)._.quotes] == [None, "Bob Jones"]


# --- line shapes ----------------------------------------------------------------------------


def test_markdown_headings_and_bylines_with_agencies_are_furniture() -> None:
    text = (
        "# Mayor says the ferry terminal will open in May.\n\n"
        "By Jane Roe and Tom Doe, Reuters\n\n"
        "By JANE ROE AP Business Writer\n\n"
        "The mayor said on Monday that the fees would rise."
    )
    assert [ln.role for ln in page_lines(text)] == ["headline", "byline", "byline", "text"]
    assert len(furniture_spans(text)) == 3


def test_captions_with_a_credit_label_are_furniture_even_when_it_is_cut_off() -> None:
    text = (
        "Residents walk past the closed ferry office on the east quay Photo\n\n"
        "The mayor at the quay on Monday. Photograph: Jane Roe/Quay Gazette\n\n"
        "The mayor says the quay will reopen in May. Courtesy: Quay TV\n\n"
        "She said the photo had been taken before the storm."
    )
    assert [ln.role for ln in page_lines(text)] == ["caption", "caption", "caption", "text"]


def test_a_named_quotation_without_its_full_stop_is_a_headline(nlp) -> None:
    text = (
        'Ann Hewitt: "The quay will be open for every islander"\n\n'
        'The mayor spoke on Monday. "The quay will be open by May," Ann Hewitt said.'
    )
    assert [ln.role for ln in page_lines(text)] == ["headline", "text"]
    quotes = nlp(text)._.quotes
    assert [(q.text(text), q.speaker) for q in quotes] == [
        ("The quay will be open by May,", "Ann Hewitt")
    ]


def test_a_label_ending_in_a_quotation_closed_after_a_word_is_a_headline(nlp) -> None:
    # A live blog's entry label ends in its quotation's closing mark, with no full stop
    # inside it: a label, not a sentence. A sentence's closing mark follows its full stop.
    text = (
        '14:05 GMT \u2014 Mayor says quay "open again"\n\n'
        'Mayor Ann Hewitt told the council the quay was "open again." She thanked the crews.'
    )
    assert [ln.role for ln in page_lines(text)] == ["headline", "text"]
    assert [(q.text(text), q.speaker) for q in nlp(text)._.quotes] == [
        ('the quay was "open again."', "Ann Hewitt")
    ]


# --- HTML pages -----------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Mayor says the ferry terminal will open in May</title>
<meta property="og:site_name" content="Quay Gazette">
<meta name="author" content="JANE ROE; TOM DOE Associated Press">
</head><body><article>
<h1>Mayor says the ferry terminal will open in May.</h1>
<p class="article-deck">Councillors promise an end to the long wait for the islanders.</p>
<p>The harbour board voted on Wednesday to build a new ferry terminal on the east quay, ending
a dispute that had lasted for two years and divided the town.</p>
<figure><img src="quay.jpg" alt=""><figcaption>The mayor said the quay was the finest in the
county, at its opening in 1990.</figcaption></figure>
<span class="photo-credit">Jane Roe/Quay Gazette</span>
<div class="live-label">Live</div>
<p>Speaking after the vote, Mayor Ann Hewitt gave reporters her main points:</p>
<ul><li>"We kept every promise we made to the people of this town."</li>
<li>"The detour is over, and the traffic will flow again."</li></ul>
<h2>Shop owners say the wait was far too long.</h2>
<p>"It is about time," said Bob Jones, who runs a shop on the quay and has waited for years.</p>
</article></body></html>
"""


@pytest.fixture
def page_article(tmp_path: Path) -> Article:
    path = tmp_path / "ferry.html"
    path.write_text(PAGE, encoding="utf-8")
    [article] = list(iter_articles([path]))
    assert isinstance(article, Article), article
    return article


def test_html_headings_are_marked_and_captions_credits_and_labels_left_out(
    page_article: Article,
) -> None:
    text = page_article.text
    blocks = text.split("\n\n")
    assert blocks[0] == "# Mayor says the ferry terminal will open in May."
    assert blocks[1] == "## Councillors promise an end to the long wait for the islanders."
    assert "## Shop owners say the wait was far too long." in blocks
    assert '- "We kept every promise we made to the people of this town."' in blocks
    for furniture in ("finest in the", "Jane Roe/Quay Gazette", "Live"):
        assert not any(furniture in block for block in blocks), furniture
    roles = {text[ln.start : ln.end][:12]: ln.role for ln in page_lines(text)}
    assert roles["# Mayor says"] == roles["## Councillo"] == roles["## Shop owne"] == "headline"
    assert page_article.title == "Mayor says the ferry terminal will open in May."


def test_html_byline_metadata_gives_the_writers_names(page_article: Article) -> None:
    assert page_article.author == "Jane Roe, Tom Doe"
    assert page_article.provenance["author"] == "html_meta"


def test_html_headings_are_no_quotes_and_list_items_have_their_introduced_speaker(
    nlp, page_article: Article
) -> None:
    text = page_article.text
    quotes = nlp(text)._.quotes
    found = [(q.type, q.text(text), q.speaker) for q in quotes]
    assert found == [
        ("direct", "We kept every promise we made to the people of this town.", "Ann Hewitt"),
        ("direct", "The detour is over, and the traffic will flow again.", "Ann Hewitt"),
        ("direct", "It is about time,", "Bob Jones"),
    ]
    for q in quotes:
        assert text[q.start : q.end] == q.text(text)


# --- bylines as author metadata ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "author"),
    [
        (
            "Fed holds rates\nBy CHRISTOPHER RUGABERT\n\nWASHINGTON (AP) — Body.",
            "Christopher Rugabert",
        ),
        ("Ferry deal\nBy Jane Roe and Tom Doe, Reuters\n\nBody.", "Jane Roe, Tom Doe"),
        ("Ferry deal\nBy JANE ROE Associated Press\n\nBody.", "Jane Roe"),
        ("Ferry deal\nBy JANE ROE AP Business Writer\n\nBody.", "Jane Roe"),
        ("Ferry deal\nBy JANE ROE and TOM O'DEA, Associated Press\n\nBody.", "Jane Roe, Tom O'Dea"),
        ("Ferry deal\nBy Jane Roe | Quay Gazette\n\nBody.", "Jane Roe"),
        ("Ferry deal\nBy Jane Roe - Staff Writer\n\nBody.", "Jane Roe"),
        ("By the end of the day, the board had voted.", None),
        ("Ferry deal\nBy Reuters Staff\n\nBody.", None),
    ],
)
def test_a_byline_gives_the_article_authors(text: str, author: str | None) -> None:
    assert infer_author(text) == author


@pytest.mark.parametrize(
    ("value", "names"),
    [
        ("JANE ROE; TOM DOE Associated Press", "Jane Roe, Tom Doe"),
        ("Jane Roe; Tom Doe; Reuters", "Jane Roe, Tom Doe"),
        ("Reuters", "Reuters"),  # no name: kept as given
    ],
)
def test_author_metadata_is_read_like_a_byline(value: str, names: str) -> None:
    assert author_names(value) == names


def test_title_inference_reads_a_markdown_heading() -> None:
    assert infer_title("# Ferry terminal approved\n\nThe board voted.") == "Ferry terminal approved"


# --- markup left in text --------------------------------------------------------------------

# A page's source pasted as text: wrappers, a script, paragraphs, and quotation marks
# written as character references.
SOURCE = (
    '<div class="ad-slot">\n\t<script>var slot = "top";</script>\n</div>'
    "<p>The harbour board voted on Wednesday to build a new ferry terminal.</p>\n"
    "<p>Tomas Lindqvist, who chairs the board, said: &#8220;This terminal will carry the island&#8217;s"
    " trade for fifty years.&#8221;</p>\n"
    '<p>Residents said the <a href="/noise">noise</a> would be hard to bear.</p>'
)


def test_markup_is_blanked_for_the_parser_with_every_offset_kept() -> None:
    view = blank_markup(SOURCE)
    assert len(view) == len(SOURCE)
    assert "<" not in view and "script" not in view and "&#" not in view
    # a mark pairs with its word; an apostrophe inside one comes apart, still a mark
    assert "“This terminal will carry the island      ’s trade for fifty years.”" in view
    assert "the " + " " * len('<a href="/noise">') + "noise     would" in view  # inline: spaces
    assert parse_view(SOURCE) == view  # short lines of markup are not wrapped prose
    prose = "Sales rose 5% & costs < 3% of turnover; the board of A&B said <b> was a typo."
    assert blank_markup(prose) == prose  # a few angle brackets are not markup


def test_ticker_lines_inside_a_sentence_are_blanked_for_the_parser(nlp) -> None:
    # market pages set a symbol and the day's move on lines of their own mid-sentence
    text = (
        "Worse for the planemaker, Nordair\nNDR,\n+1.44%\nhas also reported finding loose "
        "bolts on its jets. Shares of Keldar Aero\nKLD,\n-0.65%\nfell."
    )
    view = blank_tickers(text)
    assert len(view) == len(text) and "NDR" not in view and "+1.44%" not in view
    found = [(q.speaker, q.cue, q.text(text)) for q in nlp(text)._.quotes]
    assert found == [("Nordair", "reported", "finding loose bolts on its jets")]
    prose = "Turnout rose to\n64%\nthis year."
    assert blank_tickers(prose) == prose  # a figure alone on a line is no ticker


def test_a_straight_mark_written_as_an_entity_closes_on_its_word(nlp) -> None:
    # "&quot;" is the same character opening and closing: between a word and a stop it
    # closes, and the mixed quote holds the closing entity whole
    text = (
        "<p>Opposition leader Karin Vale said on Monday that the budget was &quot;a betrayal "
        "of working families&quot;.</p>\n<p>The vote is on Thursday.</p>\n<p>Polls open at "
        "nine.</p>"
    )
    assert '"a betrayal of working families"     .' in blank_markup(text)
    found = [(q.type, q.text(text), q.speaker) for q in nlp(text)._.quotes]
    assert found == [
        (
            "mixed",
            "that the budget was &quot;a betrayal of working families&quot;",
            "Karin Vale",
        )
    ]


def test_quotes_in_text_holding_markup_index_the_text_as_given(nlp) -> None:
    quotes = nlp(SOURCE)._.quotes
    found = [(q.type, q.text(SOURCE), q.speaker) for q in quotes]
    assert found == [
        (
            "direct",
            "This terminal will carry the island&#8217;s trade for fifty years.",
            "Tomas Lindqvist",
        ),
        ("indirect", 'the <a href="/noise">noise</a> would be hard to bear', None),
    ]


# --- embedded posts -------------------------------------------------------------------------


def test_an_embedded_post_is_a_direct_quote_of_the_author_its_signature_names(nlp) -> None:
    text = (
        "The board posted its decision on Thursday.\n\n"
        "We have agreed to build the terminal on the east quay. Thanks for your patience."
        " — Quay Board (@quayboard) May 4, 2023\n\n"
        "Councillor Ann Hewitt replied within the hour.\n\n"
        "i love the quay, and everything i have done has been for it…"
        "— Ann Hewitt (@annhewitt) May 4, 2023\n\n"
        "The ferry is late again and nobody knows why\n"
        "— Bob Jones (@bobjones)\n\n"
        "The vote is on Friday."
    )
    found = [(q.type, q.text(text), q.speaker, q.cue) for q in nlp(text)._.quotes]
    assert found == [
        (
            "direct",
            "We have agreed to build the terminal on the east quay. Thanks for your patience.",
            "Quay Board",
            "—",
        ),
        # the page cut the post short: its ellipsis is not the author's
        (
            "direct",
            "i love the quay, and everything i have done has been for it",
            "Ann Hewitt",
            "—",
        ),
        ("direct", "The ferry is late again and nobody knows why", "Bob Jones", "—"),
    ]


def test_an_embedded_post_on_an_html_page_keeps_its_author(nlp, tmp_path: Path) -> None:
    page = (
        "<html><head><title>Board agrees terminal</title></head><body><article>"
        "<h1>Board agrees terminal</h1>"
        "<p>The harbour board posted its decision on Thursday, after a long meeting in the"
        " town hall on the quay.</p>"
        '<blockquote class="twitter-tweet"><p lang="en">We have agreed to build the terminal'
        " on the east quay. Thanks for your patience.</p>&mdash; Quay Board (@quayboard)"
        ' <a href="https://social.example/quayboard/1">May 4, 2023</a></blockquote>'
        "<p>Councillor Ann Hewitt said the decision was the right one for the islanders.</p>"
        "</article></body></html>"
    )
    path = tmp_path / "board.html"
    path.write_text(page, encoding="utf-8")
    [article] = list(iter_articles([path]))
    assert isinstance(article, Article)
    text = article.text
    found = [(q.type, q.text(text), q.speaker) for q in nlp(text)._.quotes]
    assert found[0] == (
        "direct",
        "We have agreed to build the terminal on the east quay. Thanks for your patience.",
        "Quay Board",
    )


# --- the parse view keeps every offset ------------------------------------------------------

_VIEW_PIECES = st.sampled_from(
    [
        "The harbour board voted on Wednesday to build a terminal",
        "on the east quay",
        '"We will build it,"',
        "said Ann Hewitt.",
        "\n",
        "\n\n",
        "\t",
        " ",
        "<p>",
        "</p>",
        '<a href="/x">',
        "</a>",
        "<script>var a = '<b>';</script>",
        "&#8220;",
        "&amp;",
        "&nbsp;",
        "- ",
        "WASHINGTON (AP) — ",
        "— Ann Hewitt (@annhewitt) May 4, 2023",
        "x" * 70,
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_VIEW_PIECES, max_size=40).map("".join))
def test_the_parse_view_has_the_texts_length_and_changes_only_line_breaks_and_markup(
    text: str,
) -> None:
    view = parse_view(text)
    assert len(view) == len(text)
    flat = unwrap(text)
    assert all(a == b or (a, b) == ("\n", " ") for a, b in zip(text, flat))
    for a, b in zip(text, view):
        # the view keeps every word character in place; markup and references become
        # whitespace or the one character they stand for
        assert a == b or b.isspace() or not (a.isalnum() and b.isalnum())
    for post in embedded_posts(text):
        assert 0 <= post.start < post.end <= len(text)


def test_a_pull_quote_repeating_a_paragraph_leaves_the_paragraph_in(tmp_path: Path) -> None:
    said = '"We kept every promise we made to the people of this town," Ann Hewitt said.'
    page = (
        "<html><head><title>Terminal opens</title></head><body><article>"
        "<h1>Terminal opens</h1>"
        "<p>The ferry terminal on the east quay opened on Monday after two years of work and"
        " a long dispute over the site.</p>"
        f'<aside class="pullquote"><p>{said}</p></aside>'
        f"<p>{said}</p>"
        "<aside><p>Read more: the harbour board and its plans for the quay</p></aside>"
        "<p>The first ferry left for the island at nine, with the mayor and the board on"
        " board.</p>"
        "</article></body></html>"
    )
    path = tmp_path / "pull.html"
    path.write_text(page, encoding="utf-8")
    [article] = list(iter_articles([path]))
    assert isinstance(article, Article)
    blocks = article.text.split("\n\n")
    assert blocks.count(said) == 1
    assert not any(block.startswith("Read more") for block in blocks)
