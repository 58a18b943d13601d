"""Bad input never stops a run: each problem is one ReadFailure naming the file (and line),
and the good files in the same run are still read. Also: walking directories."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from quotetrack.read import Article, ReadFailure, iter_articles
from quotetrack.read.core import describe_size

NO_TEXT = "no text field (expected one of text, content, body, article, maintext, full_text)"
GOOD = "The harbour board voted on Wednesday to build the terminal, the chair said.\n"


def articles(items: list) -> list[Article]:
    return [item for item in items if isinstance(item, Article)]


def failures(items: list) -> list[ReadFailure]:
    return [item for item in items if isinstance(item, ReadFailure)]


def run_with_good_neighbours(tmp_path: Path, bad: Path) -> ReadFailure:
    """Read a good file, ``bad`` and another good file in one run; return the one failure
    after checking that both good files were read."""
    before, after = tmp_path / "a-good.txt", tmp_path / "z-good.txt"
    before.write_text(GOOD, encoding="utf-8")
    after.write_text(GOOD, encoding="utf-8")
    items = list(iter_articles([before, bad, after]))
    assert [a.source_path for a in articles(items)] == [str(before), str(after)]
    [failure] = failures(items)
    assert failure.path == str(bad)
    return failure


@pytest.mark.parametrize(
    ("name", "content", "reason", "line"),
    [
        ("empty.txt", b"", "empty file", None),
        ("blank.txt", b"  \n\n\t\n", "no text (only whitespace)", None),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (PNG image)", None),
        ("data.md", bytes(range(256)) * 4, "binary file", None),
        (
            "latin1.txt",
            "Line one\nCaf\u00e9 owners \u0153uvre\n".encode("cp1252"),
            "not valid UTF-8 (byte 0xe9 at offset 12)",
            2,
        ),
        (
            "only-meta.md",
            b"---\ntitle: Nothing below\n---\n\n",
            "no article text after the front matter",
            None,
        ),
        (
            "bad-meta.md",
            b"---\ntitle: Fine\ndate: [2024\n---\nBody.\n",
            "invalid YAML front matter: did not find expected ',' or ']'",
            4,
        ),
        (
            "broken.json",
            b'{"text": "a",\n "title": }',
            "invalid JSON: Expecting value (line 2, column 11)",
            2,
        ),
        (
            "no-text.json",
            b'{"title": "Headline only"}',
            NO_TEXT,
            None,
        ),
        ("empty-text.json", b'{"text": "   "}', "field 'text' is empty", None),
        ("empty-array.json", b"[]", "empty JSON array", None),
        ("blank.jsonl", b"\n\n", "no text (only whitespace)", None),
        (
            "menu.html",
            b"<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></body></html>",
            "no article text found in the HTML page",
            None,
        ),
        (
            "notes.pdf",
            b"%PDF-1.7",
            "unsupported file type (.pdf; expected .txt, .md, .html, .htm, .json, .jsonl, .warc, .warc.gz, .csv or .tsv)",
            None,
        ),
    ],
)
def test_bad_file_is_one_failure_and_the_run_goes_on(
    tmp_path: Path, name: str, content: bytes, reason: str, line: int | None
) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    failure = run_with_good_neighbours(tmp_path, bad)
    assert (failure.reason, failure.line) == (reason, line)


def test_missing_path(tmp_path: Path) -> None:
    failure = run_with_good_neighbours(tmp_path, tmp_path / "nowhere.txt")
    assert failure.reason == "no such file or directory"


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("x" * 2_500, encoding="utf-8")
    small = tmp_path / "small.txt"
    small.write_text(GOOD, encoding="utf-8")
    items = list(iter_articles([big, small], max_bytes=1_000))
    assert items[0] == ReadFailure(str(big), "larger than 1 kB (2.5 kB)")
    assert isinstance(items[1], Article)


def test_default_size_limit_reads_as_20_mb() -> None:
    assert describe_size(20_000_000) == "20 MB"
    assert describe_size(999) == "999 bytes"


def test_malformed_jsonl_lines_are_reported_by_line_and_reading_continues(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"text": "First article."}),
        '{"text": "Second" "title": "x"}',
        json.dumps({"title": "no body"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"text": "Fifth article."}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(iter_articles([path]))
    assert [(a.text, a.source_line) for a in articles(items)] == [
        ("First article.", 1),
        ("Fifth article.", 5),
    ]
    assert [(f.line, f.reason) for f in failures(items)] == [
        (2, "invalid JSON: Expecting ',' delimiter"),
        (3, NO_TEXT),
        (4, "expected a JSON object, got list"),
    ]
    assert str(failures(items)[0]) == f"{path}:2: invalid JSON: Expecting ',' delimiter"


def test_bad_item_in_a_json_array_is_reported_by_position(tmp_path: Path) -> None:
    path = tmp_path / "batch.json"
    path.write_text(
        json.dumps([{"text": "One."}, {"id": "x"}, {"text": "Three."}]), encoding="utf-8"
    )
    items = list(iter_articles([path]))
    assert [a.text for a in articles(items)] == ["One.", "Three."]
    [failure] = failures(items)
    assert (failure.line, failure.reason.split(":")[0]) == (2, "item 2")


# --- directories ------------------------------------------------------------------------


def test_directories_are_walked_recursively_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b" / "deeper").mkdir(parents=True)
    (tmp_path / "a").mkdir()
    for relative in ["z.txt", "a/2.md", "a/10.md", "b/deeper/x.json", "b/y.html"]:
        path = tmp_path / relative
        if path.suffix == ".json":
            path.write_text(json.dumps({"text": GOOD}), encoding="utf-8")
        elif path.suffix == ".html":
            path.write_text(
                f"<html><body><article><p>{GOOD}</p></article></body></html>", encoding="utf-8"
            )
        else:
            path.write_text(GOOD, encoding="utf-8")
    # Skipped inside a directory: hidden files and folders, unsupported types, READMEs.
    (tmp_path / ".hidden.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "notes.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    (tmp_path / "README.md").write_text("# About these articles\n", encoding="utf-8")
    items = list(iter_articles([tmp_path]))
    assert failures(items) == []
    assert [Path(a.source_path).relative_to(tmp_path).as_posix() for a in articles(items)] == [
        "a/10.md",
        "a/2.md",
        "b/deeper/x.json",
        "b/y.html",
        "z.txt",
    ]


def test_a_hidden_file_named_explicitly_is_read(tmp_path: Path) -> None:
    path = tmp_path / ".draft.txt"
    path.write_text(GOOD, encoding="utf-8")
    [article] = iter_articles([path])
    assert isinstance(article, Article)


def test_directory_with_nothing_readable(tmp_path: Path) -> None:
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    (tmp_path / ".hidden.txt").write_text(GOOD, encoding="utf-8")
    [failure] = iter_articles([tmp_path])
    assert failure == ReadFailure(
        str(tmp_path),
        "no readable articles in this folder (no .txt, .md, .html, .htm, .json, .jsonl, .warc, .warc.gz, .csv or .tsv files)",
    )


def test_a_file_reached_twice_is_read_once(tmp_path: Path) -> None:
    path = tmp_path / "once.txt"
    path.write_text(GOOD, encoding="utf-8")
    assert len(list(iter_articles([tmp_path, path]))) == 1


def test_a_fifo_is_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    failure = run_with_good_neighbours(tmp_path, fifo)
    assert failure.reason.startswith("not a regular file")  # "…: a named pipe (FIFO)"


@pytest.mark.skipif(os.geteuid() == 0, reason="root can list any folder")
def test_an_unlistable_sub_folder_is_reported_and_the_rest_is_read(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        items = list(iter_articles([tmp_path]))
    finally:
        locked.chmod(0o755)
    assert [f.path for f in failures(items)] == [str(locked)]
    assert len(articles(items)) == 1


def test_json_lines_saved_as_json_are_read_line_by_line(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text('{"text": "First."}\n{"text": "Second."}\n', encoding="utf-8")
    assert [(a.text, a.source_line) for a in iter_articles([path])] == [
        ("First.", 1),
        ("Second.", 2),
    ]
