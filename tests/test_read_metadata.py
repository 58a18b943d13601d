"""Metadata precedence (flag > file > inferred) and inference of date, outlet, title and author
from an article's text and url."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from quotetrack.read import Article, apply_overrides, iter_articles
from quotetrack.read.infer import infer_author, infer_outlet_from_text, infer_published, infer_title
from quotetrack.read.outlets import outlet_from_url

TODAY = dt.date(2026, 1, 1)


def read_one(path: Path) -> Article:
    [article] = iter_articles([path])
    assert isinstance(article, Article), article
    return article


# --- precedence -------------------------------------------------------------------------


@pytest.fixture
def dated_article(tmp_path: Path) -> Path:
    """A file whose front matter and text disagree about date and outlet."""
    path = tmp_path / "dated.md"
    path.write_text(
        "---\n"
        "date: 2024-03-14\n"
        "outlet: Island Post\n"
        "---\n"
        "Ferry terminal approved by harbour board\n"
        "\n"
        "PORT ELLEN, March 12 (Reuters) - The board voted on 12 March 2024.\n",
        encoding="utf-8",
    )
    return path


def test_file_metadata_beats_inference(dated_article: Path) -> None:
    article = read_one(dated_article)
    assert (article.published, article.provenance["published"]) == (
        dt.date(2024, 3, 14),
        "front_matter",
    )
    assert (article.outlet, article.provenance["outlet"]) == ("Island Post", "front_matter")


def test_inference_fills_what_the_file_lacks(tmp_path: Path) -> None:
    path = tmp_path / "bare.txt"
    path.write_text(
        "Ferry terminal approved by harbour board\n"
        "\n"
        "PORT ELLEN, March 12 (Reuters) - The board voted on 12 March 2024.\n",
        encoding="utf-8",
    )
    article = read_one(path)
    assert (article.published, article.provenance["published"]) == (dt.date(2024, 3, 12), "text")
    assert (article.outlet, article.provenance["outlet"]) == ("Reuters", "text")
    assert (article.title, article.provenance["title"]) == (
        "Ferry terminal approved by harbour board",
        "text",
    )


def test_flags_beat_the_file(dated_article: Path) -> None:
    article = read_one(dated_article)
    overridden = apply_overrides(article, outlet="Harbour Times", published=dt.date(2024, 3, 15))
    assert (overridden.outlet, overridden.provenance["outlet"]) == ("Harbour Times", "flag")
    assert (overridden.published, overridden.provenance["published"]) == (
        dt.date(2024, 3, 15),
        "flag",
    )
    # The article read from the file is left as it was.
    assert article.outlet == "Island Post" and article.provenance["outlet"] == "front_matter"


def test_flags_not_given_change_nothing(dated_article: Path) -> None:
    article = read_one(dated_article)
    assert apply_overrides(article, outlet=None, published=None) == article
    assert apply_overrides(article, outlet="  ") == article


def test_a_datetime_flag_counts_by_its_date(dated_article: Path) -> None:
    article = apply_overrides(read_one(dated_article), published=dt.datetime(2024, 3, 15, 22, 5))
    assert article.published == dt.date(2024, 3, 15)


def test_url_outlet_beats_a_byline_and_unreadable_file_dates_fall_back_to_the_text(
    tmp_path: Path,
) -> None:
    path = tmp_path / "mixed.md"
    path.write_text(
        "---\n"
        "url: https://www.timesofisrael.com/liveblog-entry/ferry\n"
        "date: sometime last spring\n"
        "---\n"
        "Published: 2024-03-14\n"
        "Jane Doe is a staff writer at The Atlantic.\n",
        encoding="utf-8",
    )
    article = read_one(path)
    assert (article.outlet, article.provenance["outlet"]) == ("The Times of Israel", "url")
    assert (article.published, article.provenance["published"]) == (dt.date(2024, 3, 14), "text")
    assert article.provenance["url"] == "front_matter"


# --- date inference ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Headline here today\n3 min read\n07 December, 2023\nBody text.", dt.date(2023, 12, 7)),
        ("Blinken in Jerusalem\nNovember 30, 2023\nBody.", dt.date(2023, 11, 30)),
        (" date 2023-12-01 In a recent development, the minister spoke.", dt.date(2023, 12, 1)),
        ("Thursday, 7 December 2023\nThe minister spoke.", dt.date(2023, 12, 7)),
        ("Posted: Dec. 7, 2023 at 10:04 a.m.\nThe minister spoke.", dt.date(2023, 12, 7)),
        ("Headline here today\nDecember 7, 2023 at 10:04 a.m. EST\nBody.", dt.date(2023, 12, 7)),
        (
            "Veröffentlicht am 1. Dezember 2023\nDer Minister sagte, er sei besorgt.",
            dt.date(2023, 12, 1),
        ),
        ("Stand: 05.12.2023 14:00 Uhr\nDer Minister sagte, er sei besorgt.", dt.date(2023, 12, 5)),
        ("2023-12-01T08:15:00Z\nThe minister spoke.", dt.date(2023, 12, 1)),
    ],
)
def test_printed_dates_near_the_top(text: str, expected: dt.date) -> None:
    assert infer_published(text, today=TODAY) == expected


def test_a_date_on_its_own_line_beats_an_earlier_date_inside_a_sentence() -> None:
    text = "The talks began on October 30, 2023, officials said.\n\nDecember 7, 2023\n\nMore text."
    assert infer_published(text, today=TODAY) == dt.date(2023, 12, 7)


def test_dates_inside_sentences_are_events_not_the_publication_date() -> None:
    text = (
        "Officials met on November 30, 2023, to discuss aid. On December 2, 2023, they met again."
    )
    assert infer_published(text, today=TODAY) is None
    caption = "Blinken meets Netanyahu in Jerusalem on November 30, 2023. (GPO)\nBody."
    assert infer_published(caption, today=TODAY) is None


def test_dateline_without_a_year_takes_it_from_the_url() -> None:
    text = "WASHINGTON, Dec. 7 (Reuters) - The secretary said the gap remained."
    url = "https://www.reuters.com/world/us/2023/12/07/secretary-gap/"
    assert infer_published(text, url=url, today=TODAY) == dt.date(2023, 12, 7)


def test_dateline_without_any_year_gives_no_date() -> None:
    text = "WASHINGTON, Dec. 7 (Reuters) - The secretary said the gap remained."
    assert infer_published(text, today=TODAY) is None


@pytest.mark.parametrize(
    "text",
    [
        "Between 40% and 50% of buildings were damaged in 2023, researchers said.",
        "On January 24, the two sides reached a preliminary agreement.",
        "The plan runs until May 5, 2099, officials said.",  # in the future: not a publication date
        "Order 12.13.2023 was never issued.",  # month 13: not a date
    ],
)
def test_no_date_is_invented(text: str) -> None:
    assert infer_published(text, today=TODAY) is None


def test_dates_far_below_the_top_are_ignored() -> None:
    text = "The minister spoke at length. " * 100 + "\nDecember 7, 2023\n"
    assert infer_published(text, today=TODAY) is None


# --- outlet inference -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://newarab.com/news/blinken-criticises", "The New Arab"),
        ("https://newsukraine.rbc.ua/news/u-s-and-israel-1706236913.html", "RBC-Ukraine"),
        ("https://edition.cnn.com/2023/12/01/politics/story", "CNN"),
        ("https://www.bbc.co.uk/news/world-123", "BBC"),
        ("https://news.harbourtimes.co.uk/ferry", "harbourtimes.co.uk"),
        ("https://www.islandpost.example/ferry", "islandpost.example"),
        ("islandpost.com/ferry", "islandpost.com"),
        ("not a url at all", None),
    ],
)
def test_outlet_from_url(url: str, outlet: str | None) -> None:
    assert outlet_from_url(url) == outlet


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        (
            "Headline\n\nJacob Magid is The Times of Israel's US bureau chief\n\nBody.",
            "The Times of Israel",
        ),
        ("Body.\n\nSam Lee is Reuters' chief political correspondent.", "Reuters"),
        ("Body.\n\nJane Doe is a staff writer at The Atlantic.", "The Atlantic"),
        ("WASHINGTON, Dec. 7 (Reuters) - The secretary said the gap remained.", "Reuters"),
        ("KYIV, Jan. 26 (AP) — Officials said the channel was open.", "Associated Press"),
    ],
)
def test_outlet_from_bylines_and_wire_tags(text: str, outlet: str) -> None:
    assert infer_outlet_from_text(text) == outlet


@pytest.mark.parametrize(
    "text",
    [
        "Netanyahu is Israel's prime minister, and Blinken is Israel's strongest ally's envoy.",
        "A photo of the meeting. (GPO)\nThe minister spoke.",
        "The channel was established, according to Reuters.",
        "Kaitlan Collins contributed to this story.",
    ],
)
def test_no_outlet_is_invented(text: str) -> None:
    assert infer_outlet_from_text(text) is None


# --- title and author -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Blinken says gap remains\n\nThe secretary said.", "Blinken says gap remains"),
        ("ua en ru\n\nU.S. and Israel open a channel\n\nBody.", "U.S. and Israel open a channel"),
        ("Is the ferry worth it?\nBody.", "Is the ferry worth it?"),
        (" date 2023-12-01 In a recent development, the minister spoke at length about it.", None),
        ("The minister spoke.\n\nMore.", None),
    ],
)
def test_title_from_a_headline_like_first_line(text: str, title: str | None) -> None:
    assert infer_title(text) == title


def test_author_from_a_by_line_or_staff_byline() -> None:
    one = "Ferry terminal approved\nBy Maria Okafor\n\nThe board voted."
    assert infer_author(one) == "Maria Okafor"
    two = "Ferry terminal approved\nBy Maria Okafor and Tim Ng, Reuters\n\nThe board voted."
    assert infer_author(two) == "Maria Okafor, Tim Ng"
    staff = "Body.\n\nJacob Magid is The Times of Israel's US bureau chief"
    assert infer_author(staff) == "Jacob Magid"
    assert infer_author("The board voted by a narrow margin.") is None
