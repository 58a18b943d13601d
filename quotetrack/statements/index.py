"""Candidate search for grouping: which statements of a speaker could a new quote join?

A speaker quoted every day has thousands of statements inside any two-week window, and the
exact comparison (word alignment, content overlap) costs microseconds each in Python. So each
comparable wording (a statement's root and first quoted wordings) is also kept as two 256-bit
signatures, in numpy blocks per speaker with the statement's first day:

* content: the stems of its content words (paraphrase evidence is shared content);
* pairs: its adjacent quoted word pairs (verbatim evidence: a trimmed or lightly altered
  quote keeps most of its word pairs, while two statements on one topic rarely share many).

A quote's candidates are the statements with a wording inside the time window that shares
enough of either signature (:class:`Filter`); only those are compared exactly. The filter is
part of the grouping rule, so the in-memory grouper and the database layer, which seeds the
same wordings, decide alike.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

SIG_BITS = 256
PAIR_BITS = 256
BLOCK_ROWS = 4096
FIRST_ROWS = 8  # most speakers are quoted a handful of times: blocks start small
DEAD_DAY = -(2**30)  # rows of wordings that are no longer compared

_LOW = (1 << 64) - 1
_hash_of: dict[str, int] = {}


def _hash(s: str) -> int:
    """A stable 32-bit hash of a string (the same in every process), memoised."""
    h = _hash_of.get(s)
    if h is None:
        if len(_hash_of) > 2_000_000:  # bound the memo on endless vocabularies
            _hash_of.clear()
        h = _hash_of[s] = zlib.crc32(s.encode("utf-8"))
    return h


def signature(items: Iterable[str]) -> int:
    """256-bit signature of strings: one bit per string."""
    sig = 0
    for s in items:
        sig |= 1 << (_hash(s) % SIG_BITS)
    return sig


def pair_signature(tokens: tuple[str, ...], function_words: frozenset[str]) -> int:
    """256-bit signature of the adjacent word pairs of quoted tokens that hold a content word
    (pairs like "of the" are in every quote and would only fill the bits)."""
    sig = 0
    for a, b in zip(tokens, tokens[1:]):
        if a not in function_words or b not in function_words:
            # An ordered combination of the two words' hashes: "a b" and "b a" differ.
            sig |= 1 << (((_hash(a) * 0x9E3779B1) ^ _hash(b)) % PAIR_BITS)
    return sig


@dataclass(frozen=True)
class Filter:
    """When a wording is worth comparing exactly: shared content bits at least
    ``max(content_min, content_ratio * smaller)``, or shared word-pair bits at least
    ``max(pairs_min, pairs_ratio * smaller)``."""

    content_ratio: float = 0.6
    content_min: int = 4
    pairs_ratio: float = 0.4
    pairs_min: int = 3

    def passes(self, csig: int, psig: int, other_csig: int, other_psig: int) -> bool:
        """The same test on Python ints, for the few statements kept outside the index."""
        small = min(csig.bit_count(), other_csig.bit_count())
        if small and (csig & other_csig).bit_count() >= max(self.content_min,
                                                             self.content_ratio * small):
            return True
        small = min(psig.bit_count(), other_psig.bit_count())
        return bool(small) and (psig & other_psig).bit_count() >= max(self.pairs_min,
                                                                      self.pairs_ratio * small)


# Bits set in each 16-bit value: popcounts of signature words by table lookup (64 KiB,
# stays in cache; faster than bit tricks on numpy arrays).
_POP16 = np.array([bin(i).count("1") for i in range(1 << 16)], dtype=np.uint8)
_COLUMNS = (("days", np.int32, ()), ("keys", np.int64, ()), ("sigs", np.uint64, (8,)),
            ("bits", np.int16, (2,)))


class _Block:
    """Up to BLOCK_ROWS wording rows; arrays start small and double as rows come. ``sigs``
    holds each row's content and word-pair signatures as 4 + 4 words of 64 bits, ``bits``
    their popcounts."""

    def __init__(self) -> None:
        for name, dtype, shape in _COLUMNS:
            setattr(self, name, np.zeros((FIRST_ROWS, *shape), dtype))
        self.days[:] = DEAD_DAY
        self.n = 0
        self.min_day = 2**31 - 1
        self.max_day = -(2**31)

    def grow(self) -> None:
        """Double the capacity (up to BLOCK_ROWS), keeping the rows."""
        cap = min(2 * len(self.days), BLOCK_ROWS)
        for name, dtype, shape in _COLUMNS:
            old = getattr(self, name)
            new = np.zeros((cap, *shape), dtype)
            if name == "days":
                new[:] = DEAD_DAY
            new[: self.n] = old[: self.n]
            setattr(self, name, new)


def _words(csig: int, psig: int) -> np.ndarray:
    return np.array([(sig >> (64 * i)) & _LOW for sig in (csig, psig) for i in range(4)],
                    dtype=np.uint64)


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
        b.sigs[i] = _words(csig, psig)
        b.bits[i] = (csig.bit_count(), psig.bit_count())
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

    def query(self, day: int, window: int, csig: int, psig: int, f: Filter) -> set[int]:
        """Statement keys with a live row within ``window`` days of ``day`` that passes the
        filter ``f`` against a quote's content and word-pair signatures."""
        qbits = np.array([csig.bit_count(), psig.bit_count()], dtype=np.int16)
        if not qbits.any():
            return set()
        q = _words(csig, psig)
        mins = np.array([f.content_min, f.pairs_min], dtype=np.float32)
        ratios = np.array([f.content_ratio, f.pairs_ratio], dtype=np.float32)
        out: set[int] = set()
        for b in self.blocks:
            if b.max_day < day - window or b.min_day > day + window:
                continue
            idx = np.flatnonzero(np.abs(b.days[: b.n] - day) <= window)
            if not len(idx):
                continue
            shared = _POP16[(b.sigs[idx] & q).view(np.uint16)].reshape(len(idx), 2, 16) \
                .sum(axis=2, dtype=np.int16)
            small = np.minimum(b.bits[idx], qbits)
            hit = ((small > 0) & (shared >= np.maximum(mins, ratios * small))).any(axis=1)
            if hit.any():
                out.update(b.keys[idx[hit]].tolist())
        return out
