"""Candidate search for grouping: which statements of a speaker could a new quote join?

A speaker quoted every day has thousands of statements inside any two-week window, and the
exact comparison (word alignment, content overlap) costs microseconds each in Python. So each
comparable wording (a statement's root and first quoted wordings) is also kept as two 256-bit
signatures, in numpy blocks per speaker with the statement's first day (stored as bit planes,
see :class:`_Block`, so that a query reads only the planes of the bits it has):

* content: the stems of its content words (paraphrase evidence is shared content);
* pairs: its adjacent quoted word pairs (verbatim evidence: a trimmed or lightly altered
  quote keeps most of its word pairs, while two statements on one topic rarely share many).

A quote's candidates are the statements with a wording inside the time window that shares
enough of either signature (:class:`Filter`); only those are compared exactly. The filter is
part of the grouping rule, so the in-memory grouper and the database layer decide alike: the
database layer tests the same wordings of a window with :func:`passing` (the same filter, row
by row) and seeds the grouper with the statements that pass, which are all the grouper would
compare.
"""

from __future__ import annotations

import functools
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
from numpy.typing import NDArray

SIG_BITS = 256
PAIR_BITS = 256
BLOCK_ROWS = 4096
FIRST_ROWS = 8  # most speakers are quoted a handful of times: blocks start small
# A block of at most this many rows also keeps its signatures as Python ints and is queried
# row by row: a dozen numpy calls cost more than comparing a few rows in Python.
SMALL_ROWS = 32
DEAD_DAY = -(2**30)  # rows of wordings that are no longer compared

_hash_of: dict[str, int] = {}


def _hash(s: str) -> int:
    """A stable 32-bit hash of a string (the same in every process), memoised."""
    h = _hash_of.get(s)
    if h is None:
        if len(_hash_of) > 2_000_000:  # bound the memo on endless vocabularies
            _hash_of.clear()
        h = _hash_of[s] = zlib.crc32(s.encode("utf-8"))
    return h


_bit_of: dict[str, int] = {}


def signature(items: Iterable[str]) -> int:
    """256-bit signature of strings: one bit per string."""
    sig = 0
    get = _bit_of.get
    for s in items:
        bit = get(s)
        if bit is None:
            if len(_bit_of) > 2_000_000:  # bound the memo, as for the hashes
                _bit_of.clear()
            bit = _bit_of[s] = 1 << (_hash(s) % SIG_BITS)
        sig |= bit
    return sig


def pair_signature(tokens: tuple[str, ...], function_words: frozenset[str]) -> int:
    """256-bit signature of the adjacent word pairs of quoted tokens that hold a content word
    (pairs like "of the" are in every quote and would only fill the bits)."""
    sig = 0
    get = _hash_of.get
    # Each token is in two pairs: hash it once (a hash of 0 is only looked up again).
    hashes = [get(t) or _hash(t) for t in tokens]
    for i in range(len(tokens) - 1):
        if tokens[i] not in function_words or tokens[i + 1] not in function_words:
            # An ordered combination of the two words' hashes: "a b" and "b a" differ.
            sig |= 1 << (((hashes[i] * 0x9E3779B1) ^ hashes[i + 1]) % PAIR_BITS)
    return sig


@dataclass(frozen=True)
class Filter:
    """When a wording is worth comparing exactly: shared content bits at least
    ``max(content_min, content_ratio * smaller)``, or shared word-pair bits at least
    ``max(pairs_min, pairs_ratio * smaller)``."""

    content_ratio: float = 0.6
    content_min: int = 3  # a report sharing three words with a short one (see grouping)
    pairs_ratio: float = 0.4
    pairs_min: int = 2

    def passes(self, csig: int, psig: int, other_csig: int, other_psig: int) -> bool:
        """The same test on Python ints, for the few statements kept outside the index
        (undated ones). The index takes the ratio products in float32, which asks for one bit
        more at a few exact boundaries (0.6 * 25 is above 15 in float32), see
        :func:`_needs`."""
        small = min(csig.bit_count(), other_csig.bit_count())
        if small and (csig & other_csig).bit_count() >= max(
            self.content_min, self.content_ratio * small
        ):
            return True
        small = min(psig.bit_count(), other_psig.bit_count())
        return bool(small) and (psig & other_psig).bit_count() >= max(
            self.pairs_min, self.pairs_ratio * small
        )


def _positions(csig: int, psig: int) -> np.ndarray:
    """Set bits of both signatures as plane numbers: content bits 0..255, pair bits 256..511,
    in increasing order."""
    raw = (csig | (psig << SIG_BITS)).to_bytes(_PLANES // 8, "little")
    return np.flatnonzero(np.unpackbits(np.frombuffer(raw, np.uint8), bitorder="little"))


@functools.lru_cache(maxsize=8)
def _needs(minimum: int, ratio: float) -> np.ndarray:
    """Shared bits a row needs, by the smaller popcount (0..256): the least integer at or
    above ``max(minimum, ratio * smaller)``, none for an empty signature. The products are
    taken in float32, as the index always computed them, so that a boundary case (0.6 * 10
    is 6.0000002 in float32) is decided as before."""
    small = np.arange(SIG_BITS + 1, dtype=np.float32)
    need = np.ceil(np.maximum(np.float32(minimum), np.float32(ratio) * small))
    need[0] = _NEVER
    return need.astype(np.int16)


@functools.lru_cache(maxsize=8)
def _need_table(minimum: int, ratio: float) -> np.ndarray:
    """:func:`_needs` for every popcount of the quote's own signature at once: row ``k`` is
    what a row with each popcount needs against a quote of popcount ``k`` (the smaller of
    the two decides). A query then takes one row of this table instead of building it."""
    need = _needs(minimum, ratio)
    return need[np.minimum.outer(np.arange(SIG_BITS + 1), np.arange(SIG_BITS + 1))]


@functools.lru_cache(maxsize=8)
def _need_lists(minimum: int, ratio: float) -> list[list[int]]:
    """:func:`_need_table` as Python lists, for blocks queried row by row."""
    return _need_table(minimum, ratio).tolist()


_PLANES = SIG_BITS + PAIR_BITS
_POP8 = np.array([bin(i).count("1") for i in range(256)], dtype=np.uint8)


def sig_bytes(csig: int, psig: int) -> bytes:
    """Both signatures of a wording as 64 bytes (content, then word pairs; little-endian),
    a row of :func:`passing`."""
    return (csig | (psig << SIG_BITS)).to_bytes(_PLANES // 8, "little")


def passing(
    days: np.ndarray, sigs: np.ndarray, day: int, window: int, csig: int, psig: int, f: Filter
) -> np.ndarray:
    """Which of some wording rows :meth:`SpeakerIndex.query` would return for a quote: the
    same test on rows kept row by row (``sigs``: one :func:`sig_bytes` row each, ``days``
    their statements' first days), for rows checked against a few quotes only, where
    building an index would cost more than the test. Out: a boolean mask over the rows."""
    out = np.zeros(len(days), bool)
    near = np.flatnonzero(np.abs(days - day) <= window)
    if not len(near):
        return out
    rows = sigs[near]
    half = _PLANES // 16
    row_bits = _POP8[rows]
    q = np.frombuffer(sig_bytes(csig, psig), np.uint8)
    shared = _POP8[rows & q]
    need_c = _need_table(f.content_min, f.content_ratio)[csig.bit_count()]
    need_p = _need_table(f.pairs_min, f.pairs_ratio)[psig.bit_count()]
    hit = (
        shared[:, :half].sum(axis=1, dtype=np.int16)
        >= need_c[row_bits[:, :half].sum(axis=1, dtype=np.int16)]
    )
    hit |= (
        shared[:, half:].sum(axis=1, dtype=np.int16)
        >= need_p[row_bits[:, half:].sum(axis=1, dtype=np.int16)]
    )
    out[near[hit]] = True
    return out


_NEVER = 2 * _PLANES  # more shared bits than a row can have


_Column = TypeVar("_Column", np.int16, np.int32, np.int64)


def _grown(old: NDArray[_Column], cap: int, n: int, fill: int = 0) -> NDArray[_Column]:
    """A column of ``cap`` rows holding the first ``n`` rows of ``old``, the rest ``fill``."""
    new = np.full(cap, fill, old.dtype)
    new[:n] = old[:n]
    return new


class _Block:
    """Up to BLOCK_ROWS wording rows; arrays start small and double as rows come.

    Signatures are stored transposed, as bit planes: ``planes[p]`` holds bit ``p`` of every
    row, packed 8 rows to a byte (content bits in planes 0..255, word-pair bits in 256..511).
    A query then reads only the planes of its own set bits, about 35 of 512, and counts each
    row's shared bits by adding those planes, instead of intersecting and popcounting all 512
    bits of every row. ``cbits`` and ``pbits`` are the rows' popcounts."""

    def __init__(self) -> None:
        # Unused rows keep DEAD_DAY, so that no window ever reaches them.
        self.days: NDArray[np.int32] = np.full(FIRST_ROWS, DEAD_DAY, np.int32)
        self.keys: NDArray[np.int64] = np.zeros(FIRST_ROWS, np.int64)
        self.cbits: NDArray[np.int16] = np.zeros(FIRST_ROWS, np.int16)
        self.pbits: NDArray[np.int16] = np.zeros(FIRST_ROWS, np.int16)
        self.planes: NDArray[np.uint8] = np.zeros((_PLANES, FIRST_ROWS // 8), np.uint8)
        self.n = 0
        self.min_day = 2**31 - 1
        self.max_day = -(2**31)
        # (content, pair) signatures of each row while the block is small, else None.
        self.small: list[tuple[int, int]] | None = []

    def grow(self) -> None:
        """Double the capacity (up to BLOCK_ROWS), keeping the rows."""
        old_cap = len(self.days)
        cap = min(2 * old_cap, BLOCK_ROWS)
        self.days = _grown(self.days, cap, self.n, DEAD_DAY)
        self.keys = _grown(self.keys, cap, self.n)
        self.cbits = _grown(self.cbits, cap, self.n)
        self.pbits = _grown(self.pbits, cap, self.n)
        planes = np.zeros((_PLANES, cap // 8), np.uint8)
        planes[:, : old_cap // 8] = self.planes
        self.planes = planes


class SpeakerIndex:
    """Signatures of one speaker's comparable wordings with their statements' first days."""

    def __init__(self) -> None:
        self.blocks: list[_Block] = []

    def add(self, key: int, day: int, csig: int, psig: int) -> tuple[int, int]:
        """Add a wording row. In: statement key, first day (ordinal), content and word-pair
        signatures. Out: its position, for :meth:`set_day`."""
        if not self.blocks or self.blocks[-1].n == BLOCK_ROWS:
            self.blocks.append(_Block())
        b = self.blocks[-1]
        if b.n == len(b.days):
            b.grow()
        i = b.n
        b.days[i], b.keys[i] = day, key
        b.cbits[i], b.pbits[i] = csig.bit_count(), psig.bit_count()
        b.planes[_positions(csig, psig), i >> 3] |= np.uint8(1 << (i & 7))
        if b.small is not None:
            if i < SMALL_ROWS:
                b.small.append((csig, psig))
            else:
                b.small = None
        b.n += 1
        b.min_day, b.max_day = min(b.min_day, day), max(b.max_day, day)
        return len(self.blocks) - 1, i

    def add_many(
        self, keys: list[int], days: list[int], csigs: list[int], psigs: list[int]
    ) -> list[tuple[int, int]]:
        """Add many wording rows at once (seeding a window from the database: thousands of
        rows for a busy speaker, each of which :meth:`add` would set bit by bit). In: equal
        length lists as for :meth:`add`. Out: the rows' positions, in order."""
        out: list[tuple[int, int]] = []
        done = 0
        while done < len(keys):
            if not self.blocks or self.blocks[-1].n == BLOCK_ROWS:
                self.blocks.append(_Block())
            b = self.blocks[-1]
            take = min(len(keys) - done, BLOCK_ROWS - b.n)
            while len(b.days) < b.n + take:
                b.grow()
            part = slice(done, done + take)
            rows = slice(b.n, b.n + take)
            b.days[rows], b.keys[rows] = days[part], keys[part]
            b.cbits[rows] = [c.bit_count() for c in csigs[part]]
            b.pbits[rows] = [p.bit_count() for p in psigs[part]]
            raw = b"".join(
                (c | (p << SIG_BITS)).to_bytes(_PLANES // 8, "little")
                for c, p in zip(csigs[part], psigs[part])
            )
            # Leading zero rows align the new rows with their place in a partly used byte.
            off = b.n & 7
            bits = np.zeros((off + take, _PLANES), np.uint8)
            bits[off:] = np.unpackbits(
                np.frombuffer(raw, np.uint8).reshape(take, -1), axis=1, bitorder="little"
            )
            packed = np.packbits(bits, axis=0, bitorder="little")
            b.planes[:, b.n >> 3 : (b.n >> 3) + len(packed)] |= packed.T
            b.min_day = min(b.min_day, *days[part])
            b.max_day = max(b.max_day, *days[part])
            block = len(self.blocks) - 1
            out.extend((block, i) for i in range(b.n, b.n + take))
            if b.small is not None:
                if b.n + take <= SMALL_ROWS:
                    b.small.extend(zip(csigs[part], psigs[part]))
                else:
                    b.small = None
            b.n += take
            done += take
        return out

    def set_day(self, pos: tuple[int, int], day: int) -> None:
        """Move a row to another first day, or retire it with ``DEAD_DAY``."""
        b = self.blocks[pos[0]]
        b.days[pos[1]] = day
        if day != DEAD_DAY:
            b.min_day, b.max_day = min(b.min_day, day), max(b.max_day, day)

    def window_keys(self, day: int, window: int) -> set[int]:
        """Statement keys with a live row within ``window`` days of ``day``."""
        out: set[int] = set()
        for b in self.blocks:
            if b.max_day < day - window or b.min_day > day + window:
                continue
            near = np.abs(b.days[: b.n] - day) <= window
            out.update(b.keys[: b.n][near].tolist())
        return out

    def query(self, day: int, window: int, csig: int, psig: int, f: Filter) -> set[int]:
        """Statement keys with a live row within ``window`` days of ``day`` that passes the
        filter ``f`` against a quote's content and word-pair signatures."""
        qc, qp = csig.bit_count(), psig.bit_count()
        if not qc and not qp:
            return set()
        pos: np.ndarray | None = None  # the quote's set bits, read when a block is near
        # What a row needs, by its own popcount (the smaller side decides the threshold).
        need_c = _need_table(f.content_min, f.content_ratio)[qc]
        need_p = _need_table(f.pairs_min, f.pairs_ratio)[qp]
        out: set[int] = set()
        for b in self.blocks:
            if b.max_day < day - window or b.min_day > day + window:
                continue
            if b.small is not None:
                # The same test, row by row (see SMALL_ROWS).
                small_c = _need_lists(f.content_min, f.content_ratio)[qc]
                small_p = _need_lists(f.pairs_min, f.pairs_ratio)[qp]
                for d, k, (rc, rp) in zip(b.days.tolist(), b.keys.tolist(), b.small):
                    if abs(d - day) <= window and (
                        (rc & csig).bit_count() >= small_c[rc.bit_count()]
                        or (rp & psig).bit_count() >= small_p[rp.bit_count()]
                    ):
                        out.add(k)
                continue
            inside = np.abs(b.days[: b.n] - day) <= window
            near = np.flatnonzero(inside)
            if not len(near):
                continue
            if pos is None:
                pos = _positions(csig, psig)
            # Rows are added in about date order: the window is one stretch of the block.
            lo, hi = near[0] & ~7, near[-1] + 1
            bits = np.unpackbits(
                b.planes[pos, lo >> 3 : (hi + 7) >> 3], axis=1, count=hi - lo, bitorder="little"
            )
            if qc and qp:
                hit = bits[:qc].sum(axis=0, dtype=np.int16) >= need_c[b.cbits[lo:hi]]
                hit |= bits[qc:].sum(axis=0, dtype=np.int16) >= need_p[b.pbits[lo:hi]]
            elif qc:
                hit = bits.sum(axis=0, dtype=np.int16) >= need_c[b.cbits[lo:hi]]
            else:
                hit = bits.sum(axis=0, dtype=np.int16) >= need_p[b.pbits[lo:hi]]
            hit &= inside[lo:hi]
            if hit.any():
                out.update(b.keys[lo:hi][hit].tolist())
        return out
