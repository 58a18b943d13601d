"""Candidate search for grouping: which statements of a speaker could a new quote join?

A speaker quoted every day has thousands of statements inside any two-week window, and the
exact comparison (word alignment, content overlap) costs microseconds each in Python. So each
comparable wording (a statement's root and first quoted wordings) is also kept as a 128-bit
signature of its content-word stems, in numpy blocks per speaker with the statement's first
day. A quote's candidates are the statements with a wording inside the time window whose
signature shares at least half the bits of the smaller of the two; only those are compared
exactly. The filter is part of the grouping rule (every link kind needs that much shared
content), so the in-memory grouper and the database layer, which seeds the same wordings,
decide alike.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field

import numpy as np

SIG_BITS = 128
BLOCK_ROWS = 4096
DEAD_DAY = -(2**30)  # rows of wordings that are no longer compared

_M1 = np.uint64(0x5555555555555555)
_M2 = np.uint64(0x3333333333333333)
_M4 = np.uint64(0x0F0F0F0F0F0F0F0F)
_H01 = np.uint64(0x0101010101010101)
_LOW = (1 << 64) - 1
_bit_of: dict[str, int] = {}


def signature(stems: frozenset[str]) -> int:
    """128-bit signature of content stems (a stable hash, the same in every process)."""
    sig = 0
    for s in stems:
        b = _bit_of.get(s)
        if b is None:
            b = _bit_of[s] = 1 << (zlib.crc32(s.encode("utf-8")) % SIG_BITS)
        sig |= b
    return sig


def shares_enough(a: int, b: int, ratio: float) -> bool:
    """Whether signatures ``a`` and ``b`` share at least ``ratio`` of the smaller's bits."""
    small = min(a.bit_count(), b.bit_count())
    return small > 0 and (a & b).bit_count() >= ratio * small


def _popcount(x: np.ndarray) -> np.ndarray:
    """Bits set in each uint64 (SWAR popcount; numpy 1.26 has no bitwise_count)."""
    x = x - ((x >> np.uint64(1)) & _M1)
    x = (x & _M2) + ((x >> np.uint64(2)) & _M2)
    x = (x + (x >> np.uint64(4))) & _M4
    return (x * _H01) >> np.uint64(56)


FIRST_ROWS = 8  # most speakers are quoted a handful of times: blocks start small


@dataclass
class _Block:
    days: np.ndarray = field(default_factory=lambda: np.full(FIRST_ROWS, DEAD_DAY, np.int32))
    keys: np.ndarray = field(default_factory=lambda: np.zeros(FIRST_ROWS, np.int64))
    lo: np.ndarray = field(default_factory=lambda: np.zeros(FIRST_ROWS, np.uint64))
    hi: np.ndarray = field(default_factory=lambda: np.zeros(FIRST_ROWS, np.uint64))
    bits: np.ndarray = field(default_factory=lambda: np.zeros(FIRST_ROWS, np.int16))
    n: int = 0
    min_day: int = 2**31 - 1
    max_day: int = -(2**31)

    def grow(self) -> None:
        """Double the capacity (up to BLOCK_ROWS), keeping the rows."""
        cap = min(2 * len(self.days), BLOCK_ROWS)
        for name in ("days", "keys", "lo", "hi", "bits"):
            old = getattr(self, name)
            new = np.full(cap, DEAD_DAY, old.dtype) if name == "days" else np.zeros(cap, old.dtype)
            new[: self.n] = old[: self.n]
            setattr(self, name, new)


class SpeakerIndex:
    """Signatures of one speaker's comparable wordings with their statements' first days."""

    def __init__(self) -> None:
        self.blocks: list[_Block] = []

    def add(self, key: int, day: int, sig: int) -> tuple[int, int]:
        """Add a wording row. In: statement key, first day (ordinal), signature. Out: its
        position, for :meth:`set_day`."""
        if not self.blocks or self.blocks[-1].n == BLOCK_ROWS:
            self.blocks.append(_Block())
        b = self.blocks[-1]
        if b.n == len(b.days):
            b.grow()
        i = b.n
        b.days[i], b.keys[i] = day, key
        b.lo[i], b.hi[i] = sig & _LOW, sig >> 64
        b.bits[i] = sig.bit_count()
        b.n += 1
        b.min_day, b.max_day = min(b.min_day, day), max(b.max_day, day)
        return len(self.blocks) - 1, i

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

    def query(self, day: int, window: int, sig: int, ratio: float) -> set[int]:
        """Statement keys with a live row within ``window`` days of ``day`` whose signature
        shares at least ``ratio`` of the smaller bit count with ``sig``."""
        qbits = sig.bit_count()
        if qbits == 0:
            return set()
        qlo, qhi = np.uint64(sig & _LOW), np.uint64(sig >> 64)
        out: set[int] = set()
        for b in self.blocks:
            if b.max_day < day - window or b.min_day > day + window:
                continue
            n = b.n
            near = np.abs(b.days[:n] - day) <= window
            if not near.any():
                continue
            shared = _popcount(b.lo[:n] & qlo) + _popcount(b.hi[:n] & qhi)
            small = np.minimum(b.bits[:n], qbits)
            hit = near & (shared.astype(np.int32) >= ratio * small) & (small > 0)
            if hit.any():
                out.update(b.keys[:n][hit].tolist())
        return out
