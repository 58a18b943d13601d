"""Reading each input format: the article text exactly as later stages will see it, and the
metadata each format carries (front matter, HTML metadata, JSON fields)."""

from __future__ import annotations

import codecs
import datetime as dt
import json
from pathlib import Path

from quotetrack.read import Article, ReadFailure, iter_articles

BODY = (
    "Harbour board approves new ferry terminal\n"
    "\n"
    '"This terminal will carry the island\'s trade for fifty years," chair Tomas Lindqvist said.\n'
    "\n"
    "Residents said the noise would be hard to bear.\n"
)

NEWS_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Harbour board approves new ferry terminal | Coastline Courier</title>
<meta property="og:site_name" content="Coastline Courier">
<meta property="og:title" content="Harbour board approves new ferry terminal">
<meta property="article:published_time" content="2024-03-14T09:30:00+00:00">
<meta name="author" content="Maria Okafor">
<link rel="canonical" href="https://www.coastlinecourier.example/news/2024/03/14/ferry-terminal">
</head>
<body>
<header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav></header>
<main><article>
<h1>Harbour board approves new ferry terminal</h1>
<p>The harbour board voted on Wednesday to build a new ferry terminal on the east quay, ending a
two-year dispute over the site.</p>
<p>"This terminal will carry the island's trade for the next fifty years," the board's chair,
Tomas Lindqvist, said after the vote.</p>
<p>Residents of the east quay said the noise from construction would be hard to bear, but the
board promised limits on working hours.</p>
</article></main>
<footer><p>&copy; 2024 Coastline Courier. All rights reserved.</p></footer>
</body>
</html>
"""


def read_all(*paths: Path | str, **kwargs) -> list[Article | ReadFailure]:
    return list(iter_articles([*paths], **kwargs))


def only_article(path: Path) -> Article:
    [item] = read_all(path)
    assert isinstance(item, Article), item
    return item


# --- .txt / .md -------------------------------------------------------------------------


def test_plain_text_file_is_read_verbatim(tmp_path: Path) -> None:
    path = tmp_path / "ferry.txt"
    path.write_text(BODY, encoding="utf-8")
    article = only_article(path)
    assert article.text == BODY
    assert article.source_path == str(path)
    assert article.source_line is None


def test_front_matter_gives_metadata_and_the_body_keeps_its_leading_space(tmp_path: Path) -> None:
    path = tmp_path / "ferry.md"
    path.write_text(
        "---\n"
        "title: Harbour board approves terminal\n"
        "date: 2024-03-14\n"
        "site_name: Coastline Courier\n"
        "url: https://coastlinecourier.example/ferry\n"
        "author: [Maria Okafor, Tim Ng]\n"
        "id: cc-0042\n"
        "---\n"
        "\n"
        " date 2024-03-14 The harbour board voted.\n",
        encoding="utf-8",
    )
    article = only_article(path)
    assert article.text == " date 2024-03-14 The harbour board voted.\n"
    assert article.title == "Harbour board approves terminal"
    assert article.published == dt.date(2024, 3, 14)
    assert article.outlet == "Coastline Courier"
    assert article.url == "https://coastlinecourier.example/ferry"
    assert article.author == "Maria Okafor, Tim Ng"
    assert article.ext_id == "cc-0042"
    assert article.provenance == {
        "title": "front_matter",
        "published": "front_matter",
        "outlet": "front_matter",
        "url": "front_matter",
        "author": "front_matter",
    }


def test_front_matter_alternative_keys(tmp_path: Path) -> None:
    path = tmp_path / "alt.txt"
    path.write_text(
        "---\npublished: '7 March 2024'\nsource: Island Post\n---\nThe ferry sailed on time.\n",
        encoding="utf-8",
    )
    article = only_article(path)
    assert article.published == dt.date(2024, 3, 7)
    assert article.outlet == "Island Post"


def test_a_leading_rule_without_a_closing_one_is_text_not_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "rule.md"
    path.write_text("---\nThe ferry sailed on time, the harbour master said.\n", encoding="utf-8")
    assert only_article(path).text == "---\nThe ferry sailed on time, the harbour master said.\n"


def test_crlf_line_endings_and_bom_are_normalised(tmp_path: Path) -> None:
    path = tmp_path / "windows.txt"
    path.write_bytes(codecs.BOM_UTF8 + b"First line\r\nSecond line\rThird\r\n")
    assert only_article(path).text == "First line\nSecond line\nThird\n"


def test_utf16_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "notepad.txt"
    path.write_bytes("Der Hafen öffnet am Montag, sagte die Sprecherin.".encode("utf-16"))
    assert only_article(path).text == "Der Hafen öffnet am Montag, sagte die Sprecherin."


def test_upper_case_extension_is_supported(tmp_path: Path) -> None:
    path = tmp_path / "LOUD.TXT"
    path.write_text(BODY, encoding="utf-8")
    assert only_article(path).text == BODY


# --- .html ------------------------------------------------------------------------------


def test_html_page_gives_main_text_without_navigation_and_page_metadata(tmp_path: Path) -> None:
    path = tmp_path / "ferry.html"
    path.write_text(NEWS_PAGE, encoding="utf-8")
    article = only_article(path)
    assert "The harbour board voted on Wednesday" in article.text
    assert "Tomas Lindqvist, said after the vote." in article.text
    assert "Sport" not in article.text and "All rights reserved" not in article.text
    # Blocks are separated by blank lines, like the plain-text articles.
    assert "\n\nResidents of the east quay" in article.text
    assert article.title == "Harbour board approves new ferry terminal"
    assert article.published == dt.date(2024, 3, 14)
    assert article.outlet == "Coastline Courier"
    assert article.url == "https://www.coastlinecourier.example/news/2024/03/14/ferry-terminal"
    assert article.author == "Maria Okafor"
    assert article.provenance == {
        "title": "html_meta",
        "published": "html_meta",
        "outlet": "html_meta",
        "url": "html_meta",
        "author": "html_meta",
    }


def test_html_page_without_site_name_takes_the_outlet_from_its_url(tmp_path: Path) -> None:
    page = NEWS_PAGE.replace('<meta property="og:site_name" content="Coastline Courier">', "")
    page = page.replace(" | Coastline Courier", "")
    page = page.replace("coastlinecourier.example", "theguardian.com")
    path = tmp_path / "guardian.htm"
    path.write_text(page, encoding="utf-8")
    article = only_article(path)
    assert article.outlet == "The Guardian"
    assert article.provenance["outlet"] == "url"


def test_html_page_date_comes_from_markup_or_printed_date_never_from_a_copyright_year(
    tmp_path: Path,
) -> None:
    bare = NEWS_PAGE.replace(
        '<meta property="article:published_time" content="2024-03-14T09:30:00+00:00">', ""
    ).replace("news/2024/03/14/ferry-terminal", "news/ferry-terminal")  # no date in the url
    undated = tmp_path / "undated.html"
    undated.write_text(bare, encoding="utf-8")
    assert only_article(undated).published is None
    printed = tmp_path / "printed.html"
    printed.write_text(bare.replace("<h1>", "<p>Published 12 March 2024</p><h1>"), encoding="utf-8")
    article = only_article(printed)
    assert (article.published, article.provenance["published"]) == (dt.date(2024, 3, 12), "text")


def test_html_page_in_its_declared_legacy_encoding(tmp_path: Path) -> None:
    page = NEWS_PAGE.replace('<meta charset="utf-8">', '<meta charset="windows-1252">')
    page = page.replace("two-year dispute", "two-year dispute over the caf\u00e9’s terrace and")
    path = tmp_path / "legacy.html"
    path.write_bytes(page.encode("cp1252"))
    assert "the caf\u00e9’s terrace" in only_article(path).text


# --- .json / .jsonl ---------------------------------------------------------------------


def test_json_object_with_common_field_names(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text(
        json.dumps(
            {
                "id": 17,
                "headline": "Ferry terminal approved",
                "body": "The board voted.\r\nResidents objected.",
                "publishedAt": "2024-03-14T23:30:00-05:00",
                "publisher": {"name": "Island Post"},
                "link": "https://islandpost.example/ferry",
                "authors": [{"name": "Maria Okafor"}, "Tim Ng"],
            }
        ),
        encoding="utf-8",
    )
    article = only_article(path)
    assert article.text == "The board voted.\nResidents objected."
    assert article.ext_id == "17"
    assert article.title == "Ferry terminal approved"
    # The date as the outlet printed it, not converted to UTC (which would be the 15th).
    assert article.published == dt.date(2024, 3, 14)
    assert article.outlet == "Island Post"
    assert article.url == "https://islandpost.example/ferry"
    assert article.author == "Maria Okafor, Tim Ng"
    assert set(article.provenance.values()) == {"json"}
    assert article.source_line is None


def test_json_array_numbers_articles_by_position(tmp_path: Path) -> None:
    path = tmp_path / "many.json"
    path.write_text(
        json.dumps(
            [
                {"text": "First article.", "outlet": "Island Post"},
                {
                    "content": "Second article.",
                    "meta": {"outlet": "Harbour Times", "date": "2024-03-01"},
                },
            ]
        ),
        encoding="utf-8",
    )
    first, second = read_all(path)
    assert (first.text, first.source_line, first.outlet) == ("First article.", 1, "Island Post")
    assert (second.text, second.source_line, second.outlet) == (
        "Second article.",
        2,
        "Harbour Times",
    )
    assert second.published == dt.date(2024, 3, 1)
    assert second.source == f"{path}:2"


def test_jsonl_numbers_articles_by_line_and_skips_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(
        '{"text": "First.", "date": "2024-03-01", "source": "Island Post"}\n'
        "\n"
        '{"article": "Third line.", "pubdate": 1709251200, "site_name": "Harbour Times"}\n',
        encoding="utf-8",
    )
    first, third = read_all(path)
    assert (first.text, first.source_line, first.published) == ("First.", 1, dt.date(2024, 3, 1))
    assert (third.text, third.source_line, third.outlet) == ("Third line.", 3, "Harbour Times")
    assert third.published == dt.date(2024, 3, 1)  # epoch seconds


def test_json_body_given_as_a_list_of_paragraphs(tmp_path: Path) -> None:
    path = tmp_path / "paras.json"
    path.write_text(
        json.dumps({"text": ["First paragraph.", "Second paragraph."]}), encoding="utf-8"
    )
    assert only_article(path).text == "First paragraph.\n\nSecond paragraph."
