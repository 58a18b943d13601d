"""Listing output: a grid on a wide terminal, one block per row on a narrow one."""

from __future__ import annotations

import io

from quotetrack.report import write_table

ROWS = [
    {
        "id": 3,
        "date": "2023-11-30",
        "outlet": "The Times of Israel",
        "speaker": "Antony Blinken",
        "type": "mixed",
        "text": "stressed the imperative of accounting for humanitarian and "
        "civilian protection needs in southern Gaza before any military operations there",
    }
]
COLUMNS = ["id", "date", "outlet", "speaker", "type", "text"]


def render(width: int, monkeypatch) -> str:
    monkeypatch.setenv("COLUMNS", str(width))  # what a terminal of that width reports
    out = io.StringIO()
    write_table(ROWS, COLUMNS, title="1 quotes", out=out)
    return out.getvalue()


def test_a_wide_terminal_gets_one_row_per_quote_in_a_grid(monkeypatch):
    shown = render(160, monkeypatch)
    assert "┃ id" in shown
    row = next(line for line in shown.splitlines() if "Antony Blinken" in line)
    assert "The Times of Israel" in row and "2023-11-30" in row


def test_a_narrow_terminal_gets_one_labelled_line_per_column(monkeypatch):
    shown = render(60, monkeypatch)
    assert "┃" not in shown
    lines = [line.rstrip() for line in shown.splitlines()]
    assert "outlet   The Times of Israel" in lines
    assert "speaker  Antony Blinken" in lines
    # The text wraps under its label, whole.
    assert "military operations there" in " ".join(" ".join(lines).split())


def test_one_long_name_does_not_take_the_texts_room(monkeypatch):
    # A speaker column with one long name is still a name column: the quote text keeps most of
    # the width and each row's text fills more of the line than the speaker's.
    rows = ROWS + [{**ROWS[0], "id": 4, "speaker": "Another senior administration official"}]
    monkeypatch.setenv("COLUMNS", "120")
    out = io.StringIO()
    write_table(rows, COLUMNS, out=out)
    header = next(line for line in out.getvalue().splitlines() if "┃ id" in line)
    cells = [c for c in header.split("┃") if c.strip()]
    widths = {c.strip(): len(c) for c in cells}
    assert widths["text"] > 2 * widths["speaker"]
