"""The sample articles in samples/: what reading the folder gives (samples/README.md)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from quotetrack.read import Article, iter_articles
from quotetrack.read.textfile import split_front_matter

SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"


@pytest.fixture(scope="module")
def samples(samples_dir: Path) -> dict[str, Article]:
    items = list(iter_articles([samples_dir]))
    assert all(isinstance(item, Article) for item in items), items
    return {Path(item.source_path).name[:3]: item for item in items}


def test_the_folder_holds_five_articles_and_its_readme_is_not_one(
    samples: dict[str, Article],
) -> None:
    assert sorted(samples) == ["000", "001", "002", "003", "004"]


@pytest.mark.parametrize(
    ("key", "outlet", "published", "url"),
    [
        ("000", None, dt.date(2023, 12, 1), None),
        (
            "001",
            "The New Arab",
            dt.date(2023, 12, 7),
            "https://newarab.com/news/blinken-criticises-israels-conduct-southern-gaza-strip",
        ),
        ("002", "The Times of Israel", dt.date(2023, 11, 30), None),
        ("003", None, None, None),
        (
            "004",
            "RBC-Ukraine",
            dt.date(2024, 1, 26),
            "https://newsukraine.rbc.ua/news/u-s-and-israel-initiate-dialogue-to-discuss-1706236913.html",
        ),
    ],
)
def test_collected_metadata(
    samples: dict[str, Article],
    key: str,
    outlet: str | None,
    published: dt.date | None,
    url: str | None,
) -> None:
    article = samples[key]
    assert (article.outlet, article.published, article.url) == (outlet, published, url)
    for field, value in (("outlet", outlet), ("published", published), ("url", url)):
        assert article.provenance.get(field) == ("front_matter" if value else None)


def test_titles_and_author_are_inferred_from_the_text(samples: dict[str, Article]) -> None:
    assert samples["000"].title is None
    assert (
        samples["001"].title
        == "Blinken says gap remains between Israel's intent to protect civilians and results"
    )
    assert (
        samples["003"].title
        == "US Urges Israel to Evacuate Civilians in Southern Gaza as Potential Attack Looms"
    )
    assert (
        samples["004"].title
        == "U.S. and Israel initiate dialogue to discuss attacks against civilians in Gaza Strip"
    )
    assert {a.provenance.get("title") for k, a in samples.items() if k != "000"} == {"text"}
    assert (samples["002"].author, samples["002"].provenance["author"]) == ("Jacob Magid", "text")


def test_collector_ids_are_kept(samples: dict[str, Article]) -> None:
    assert samples["001"].ext_id == "001_8b8c846030eca38d"


def test_texts_keep_their_scraping_noise(samples: dict[str, Article]) -> None:
    assert samples["000"].text.startswith(" date 2023-12-01 In a recent development")
    assert samples["004"].text.startswith("ua en ru\n\n")
    assert samples["002"].text.endswith("Most Popular")


@pytest.mark.skipif(
    not SEEDS.is_dir(), reason="the collected originals are not beside the repository"
)
def test_texts_are_the_collected_originals(samples: dict[str, Article]) -> None:
    for article in samples.values():
        original = SEEDS / f"{article.ext_id}.txt"
        assert article.text == original.read_text(encoding="utf-8"), article.source_path


@pytest.mark.parametrize(
    ("key", "outlet", "published"),
    [
        ("000", None, dt.date(2023, 12, 1)),  # "date 2023-12-01" at the top
        ("001", None, dt.date(2023, 12, 7)),  # "07 December, 2023" on its own line
        ("002", "The Times of Israel", None),  # byline; its only date is in a photo caption
        ("003", None, None),  # states neither: nothing is invented
        ("004", None, None),
    ],
)
def test_inference_without_front_matter(
    samples_dir: Path, tmp_path: Path, key: str, outlet: str | None, published: dt.date | None
) -> None:
    [source] = samples_dir.glob(f"{key}-*.md")
    _, body = split_front_matter(source.read_text(encoding="utf-8"))
    bare = tmp_path / f"{key}.txt"
    bare.write_text(body, encoding="utf-8")
    [article] = iter_articles([bare])
    assert (article.outlet, article.published) == (outlet, published)
    if published:
        assert article.provenance["published"] == "text"
