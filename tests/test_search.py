"""Full-text search over quotes: syntax, ranking, snippets, filters, and staying in sync."""

from __future__ import annotations

import datetime as dt

import pytest

from quotetrack.store import SNIPPET_CLOSE, SNIPPET_OPEN, SearchSyntaxError, open_store
from quotetrack.types import Article, Quote

ARTICLES = [
    (
        "Reuters",
        dt.date(2023, 11, 30),
        "Antony Blinken",
        "Civilians must be protected before any operation in southern Gaza",
    ),
    (
        "AP",
        dt.date(2023, 12, 1),
        "Antony Blinken",
        "Protecting civilians is a priority, and the pause must hold",
    ),
    ("BBC", dt.date(2023, 12, 4), "John Kirby", "The pause collapsed because rockets were fired"),
    (
        "BBC",
        dt.date(2023, 12, 6),
        "Josep Borrell",
        "Humanitarian aid is not enough; civilians in Gaza need water, food and protection",
    ),
]


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "search.db")
    for i, (outlet, date, speaker, said) in enumerate(ARTICLES):
        text = f'"{said}," {speaker} said.'
        s.save_article(
            Article(text=text, outlet=outlet, published=date, url=f"https://example.org/{i}"),
            [
                Quote(
                    type="direct",
                    start=1,
                    end=1 + len(said),
                    speaker=speaker,
                    speaker_kind="person",
                )
            ],
        )
    yield s
    s.close()


def texts(rows):
    return [r["text"] for r in rows]


def test_words_match_stemmed_forms_and_all_must_occur(store):
    found = texts(store.search("protect civilians"))
    assert len(found) == 3 and all("ivilians" in t for t in found)
    assert texts(store.search("rockets pause")) == [ARTICLES[2][3]]


def test_a_quoted_phrase_must_occur_in_order(store):
    assert texts(store.search('"the pause must hold"')) == [ARTICLES[1][3]]
    assert store.search('"hold must pause"') == []


def test_boolean_operators(store):
    assert len(store.search("pause OR water")) == 3
    assert texts(store.search("civilians NOT Gaza")) == [ARTICLES[1][3]]
    assert len(store.search("gaz*")) == 2


def test_the_best_match_comes_first_with_a_highlighted_snippet(store):
    rows = store.search("pause")
    # A short quote where the word is a larger share of the text ranks higher (bm25).
    assert rows[0]["text"] == ARTICLES[2][3]
    assert rows[0]["score"] <= rows[1]["score"]
    assert f"{SNIPPET_OPEN}pause{SNIPPET_CLOSE}" in rows[0]["snippet"]
    assert rows[0]["speaker"] == "John Kirby" and rows[0]["outlet"] == "BBC"


def test_filters_narrow_the_hits(store):
    assert sorted(texts(store.search("civilians", speaker="Blinken"))) == sorted(
        [ARTICLES[0][3], ARTICLES[1][3]]
    )
    assert texts(store.search("civilians", outlet="bbc")) == [ARTICLES[3][3]]
    assert texts(store.search("civilians", since="2023-12-01", until="2023-12-01")) == [
        ARTICLES[1][3]
    ]
    assert store.search("civilians", type="indirect") == []
    assert len(store.search("civilians", limit=1)) == 1


def test_bad_syntax_is_a_clear_error(store):
    with pytest.raises(SearchSyntaxError, match="bad search query"):
        store.search('"unterminated phrase')
    with pytest.raises(SearchSyntaxError):
        store.search("AND OR")
    with pytest.raises(SearchSyntaxError, match="empty"):
        store.search("  ")


def test_the_index_follows_replaced_and_deleted_quotes(store):
    # The AP article is re-published with a new text: its old quote must stop matching.
    text = '"Hostages must come home," Antony Blinken said.'
    store.save_article(
        Article(text=text, outlet="AP", url="https://example.org/1"),
        [Quote(type="direct", start=1, end=24, speaker="Antony Blinken", speaker_kind="person")],
    )
    assert store.search('"the pause must hold"') == []
    assert texts(store.search("hostages")) == ["Hostages must come home"]
    # The FTS index agrees with the quotes table row for row.
    assert store.run_sql("SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH 'pause'")[1] == [
        (1,)
    ]
    with store.session(write=True) as s:
        s.execute(
            __import__("sqlalchemy").text(
                "DELETE FROM articles WHERE url = 'https://example.org/2'"
            )
        )
    assert store.search("rockets") == []
