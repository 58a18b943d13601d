"""Bytes to article text: encodings, binary files and line endings.

Encoding policy. Text, Markdown and JSON files must be UTF-8 (a UTF-8 BOM is fine; UTF-16 and
UTF-32 are accepted only with a BOM, which names the encoding unambiguously). There is deliberately
no fallback to cp1252 or any other guessed encoding: cp1252 assigns a character to almost every
byte, so a fallback would "succeed" on Latin-2, KOI8-R or Shift-JIS files and on damaged data
alike, and the wrong characters would flow into quotes, speakers and the database with nothing to
show they are wrong. A failure that names the first bad byte and its offset tells the user exactly
which file to convert. HTML is the one exception: a page declares its own encoding
(``<meta charset=...>``), so a declared charset is used when the bytes are not UTF-8.
"""

from __future__ import annotations

import codecs
import re

from quotetrack.read.errors import ReadError

# Leading bytes of common binary formats a user may drop into an articles folder by mistake.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF"),
    (b"PK\x03\x04", "ZIP archive or Office document"),
    (b"\x1f\x8b", "gzip"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"{\\rtf", "RTF document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Office document"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
)

# BOMs that name an encoding; UTF-32 LE must be tested before UTF-16 LE (same first two bytes).
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_SNIFF = 8192
# C0 control characters that never appear in text (tab, newlines, form feed and ESC excluded).
_CONTROL = frozenset(set(range(0x00, 0x20)) - {0x09, 0x0A, 0x0C, 0x0D, 0x1B})
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.IGNORECASE)


def normalise_newlines(text: str) -> str:
    """Return ``text`` with ``\\r\\n`` and lone ``\\r`` turned into ``\\n`` and a leading BOM
    character removed; nothing else changes, so offsets into the result are stable."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _bom_encoding(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def check_not_binary(data: bytes) -> None:
    """Raise :class:`ReadError` ("empty file", "binary file (PDF)", ...) unless ``data`` could
    be text. Text with a UTF-16/32 BOM passes even though it contains NUL bytes."""
    if not data:
        raise ReadError("empty file")
    if _bom_encoding(data) is not None:
        return
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise ReadError(f"binary file ({kind})")
    head = data[:_SNIFF]
    if b"\x00" in head:
        raise ReadError("binary file")
    controls = sum(1 for byte in head if byte in _CONTROL)
    if controls > len(head) * 0.05:
        raise ReadError("binary file")


def _utf8_error(data: bytes, error: UnicodeDecodeError) -> ReadError:
    offset = error.start
    line = data.count(b"\n", 0, offset) + 1
    return ReadError(f"not valid UTF-8 (byte 0x{data[offset]:02x} at offset {offset})", line)


def decode_text(data: bytes) -> str:
    """Decode the bytes of a text, Markdown or JSON file.

    Returns the text with a BOM stripped and newlines normalised (see :func:`normalise_newlines`).
    Raises :class:`ReadError` for empty and binary files and for bytes that are not UTF-8
    (the reason names the byte and its offset; ``line`` is the line it is on).
    """
    check_not_binary(data)
    encoding = _bom_encoding(data)
    try:
        text = data.decode(encoding or "utf-8")
    except UnicodeDecodeError as error:
        if encoding in (None, "utf-8-sig"):
            raise _utf8_error(data, error) from None
        raise ReadError(f"not valid {encoding.upper()} after its byte-order mark") from None
    return normalise_newlines(text)


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` tag near its top, if Python knows it."""
    match = _CHARSET.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", "replace")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_html(data: bytes) -> str:
    """Decode an HTML page: BOM, then UTF-8, then the charset the page declares.

    Raises :class:`ReadError` for empty or binary files, and when the bytes are neither UTF-8
    nor valid in the declared charset.
    """
    check_not_binary(data)
    if _bom_encoding(data) is not None:
        return decode_text(data)
    try:
        return normalise_newlines(data.decode("utf-8"))
    except UnicodeDecodeError as error:
        charset = declared_charset(data)
        if charset is None or charset == "utf-8":
            raise _utf8_error(data, error) from None
        try:
            return normalise_newlines(data.decode(charset))
        except UnicodeDecodeError as declared_error:
            offset = declared_error.start
            raise ReadError(
                f"not valid {charset} as the page declares (byte 0x{data[offset]:02x} "
                f"at offset {offset})",
                data.count(b"\n", 0, offset) + 1,
            ) from None
