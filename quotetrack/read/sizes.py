"""Sizes as users read them, for the "larger than 20 MB" messages of every reader."""

from __future__ import annotations


def describe_size(n_bytes: int) -> str:
    """A short human size: ``20_000_000`` -> ``"20 MB"``, ``1_500`` -> ``"1.5 kB"``."""
    for unit, factor in (("GB", 10**9), ("MB", 10**6), ("kB", 10**3)):
        if n_bytes >= factor:
            return f"{n_bytes / factor:.1f}".removesuffix(".0") + f" {unit}"
    return f"{n_bytes} bytes"
