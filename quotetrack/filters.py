"""The one filter model: what ``--speaker``, ``--outlet``, ``--since`` … mean, for every
listing, search and export, in the library and on the command line alike.

:class:`Filters` holds the values with the command line's names (``type`` for ``--type``,
``min_outlets`` for ``--min-outlets``); :func:`coerce_date` is the only place a date given as
text becomes a :class:`datetime.date`. Which filters a query understands is checked here too
(:meth:`Filters.check`), so an unsupported filter is an error, never silently ignored.

Speaker names are resolved to speaker ids by the store
(:func:`quotetrack.store.lookup.speaker_ids`): a name stands for the named speakers it
matches (exact name or alias first, else shared surname, else part of a name); unnamed
sources described with the name ("a Blinken aide") are only included with
``anonymous=True``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from typing import Any

from .errors import InputError
from .types import QUOTE_TYPES

VARIANT_KINDS: tuple[str, ...] = ("root", "verbatim", "trimmed", "altered", "paraphrase")
STATEMENT_SORTS: tuple[str, ...] = ("reach", "date")

DateLike = dt.date | str | None


def coerce_date(value: DateLike, *, name: str = "date") -> dt.date | None:
    """``value`` as a date: a ``date`` (a ``datetime`` gives its date), an ISO ``YYYY-MM-DD``
    string, or ``None``. Raises :class:`~quotetrack.errors.InputError` naming ``name``."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise InputError(f"{name} {value!r} is not a date (use YYYY-MM-DD)") from None


@dataclasses.dataclass(frozen=True)
class Filters:
    """Filters over quotes, statements and speakers; every field is optional.

    * ``speaker``: a speaker id, or a name or alias (case-insensitive, see the module docs);
    * ``outlet``: an outlet name (case-insensitive); for statements, the outlets that quoted it;
    * ``since`` / ``until``: inclusive publication dates (statements: first published);
    * ``type``: ``direct``, ``indirect`` or ``mixed`` (quotes);
    * ``min_outlets``: statements quoted by at least this many outlets;
    * ``kind``: statements with a variant of this kind (``altered`` …), or a speaker kind
      (``person``, ``organisation``, ``anonymous``) for speaker exports;
    * ``limit``: at most this many rows;
    * ``anonymous``: let a speaker name also match unnamed sources described with it.
    """

    speaker: int | str | None = None
    outlet: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    type: str | None = None
    min_outlets: int | None = None
    kind: str | None = None
    limit: int | None = None
    anonymous: bool = False

    def __post_init__(self) -> None:
        # Normalised once here, so no query coerces again.
        set_ = object.__setattr__
        set_(self, "since", coerce_date(self.since, name="since"))
        set_(self, "until", coerce_date(self.until, name="until"))
        if isinstance(self.speaker, str):
            speaker = self.speaker.strip()
            if not speaker:
                raise InputError("speaker: an empty name matches nobody")
            set_(self, "speaker", int(speaker) if speaker.isdigit() else speaker)
        if isinstance(self.outlet, str):
            set_(self, "outlet", self.outlet.strip())
        if self.type is not None and self.type not in QUOTE_TYPES:
            raise InputError(f"type {self.type!r}: choose one of {', '.join(QUOTE_TYPES)}")
        for name in ("min_outlets", "limit"):
            value = getattr(self, name)
            if value is not None and (not isinstance(value, int) or value < 1):
                raise InputError(f"{name} must be a whole number of at least 1, not {value!r}")
        if self.since and self.until and self.since > self.until:
            raise InputError(f"since {self.since} is after until {self.until}")

    @classmethod
    def of(cls, **values: Any) -> Filters:
        """Filters from keyword arguments named as the command line's flags; ``None`` values
        are dropped and an unknown name is an :class:`~quotetrack.errors.InputError`."""
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise InputError(
                f"unknown filter {', '.join(unknown)}; known: {', '.join(sorted(known))}"
            )
        return cls(**{k: v for k, v in values.items() if v is not None})

    def given(self) -> set[str]:
        """Names of the filters that are set (``anonymous`` only when true)."""
        return {
            f.name for f in dataclasses.fields(self) if getattr(self, f.name) not in (None, False)
        }

    def check(self, allowed: Iterable[str], what: str) -> Filters:
        """``self``, after making sure only ``allowed`` filters are set for ``what``."""
        extra = sorted(self.given() - set(allowed) - {"anonymous"})
        if extra:
            raise InputError(f"{what} has no filter {', '.join(extra)}")
        return self

    def replace(self, **changes: Any) -> Filters:
        return dataclasses.replace(self, **changes)


# Which filters each kind of row understands (export and the API check against these).
QUOTE_FILTERS = frozenset({"speaker", "outlet", "since", "until", "type", "limit"})
STATEMENT_FILTERS = frozenset(
    {"speaker", "outlet", "since", "until", "min_outlets", "kind", "limit"}
)
SPEAKER_FILTERS = frozenset({"speaker", "kind", "limit"})
