"""The detector's settings: every limit and switch :mod:`.core` and :mod:`.cues` use.

One frozen :class:`DetectSettings` travels from the spaCy factory's config (``nlp.add_pipe(
"quotetrack", config={"detect": {...}})``) to every function that needs a limit, so the
numbers are named, documented and changeable in one place.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields


@dataclass(frozen=True)
class DetectSettings:
    """Limits and switches for finding quotes.

    Character limits count code points of the article text; token limits count spaCy tokens.
    """

    #: A bare noun phrase after a verb of saying ("announced the date") counts as reported
    #: content. Off: only clauses, quoted words and predications ("described X as Y") count.
    noun_objects: bool = False
    #: A verb of thinking or knowing with a clause ("believes the deal is flawed") reports a
    #: position. Off: beliefs are the writer's inference, not speech.
    beliefs: bool = True
    #: A verb of intention or decision with a complement ("threatened to quit") reports a
    #: position. Off: plans are not speech.
    intentions: bool = False
    #: A verb of expecting in the passive with nobody who expects ("the minister is
    #: expected to resign") reports a forecast. Off: the writer's forecast is no quote.
    forecasts: bool = False
    #: Tokens looked at after a closing mark for its cue (room for a long speaker phrase).
    cue_after_tokens: int = 20
    #: Tokens looked at before an opening mark for its cue.
    cue_before_tokens: int = 14
    #: A whole-sentence quote with no cue continues the previous quote's speaker when it
    #: opens at most this many characters after it.
    continuation_chars: int = 200
    #: A quote with no speaker takes the previous quote's speaker within this many characters...
    neighbour_back_chars: int = 700
    #: ... or the next quote's within this many.
    neighbour_ahead_chars: int = 400
    #: Headlines, labels, captions and bylines (found by :mod:`quotetrack.read.structure`)
    #: hold no quotes.
    skip_page_furniture: bool = True

    @classmethod
    def from_config(cls, config: dict | None) -> DetectSettings:
        """Settings from a plain mapping (a spaCy config block); unknown keys are an error."""
        config = dict(config or {})
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(config) - known)
        if unknown:
            raise ValueError(
                f"unknown quotetrack detect setting(s): {', '.join(unknown)}; "
                f"known: {', '.join(sorted(known))}"
            )
        return cls(**config)

    def to_config(self) -> dict:
        """The settings as a plain mapping, for a spaCy config."""
        return asdict(self)


DEFAULT_SETTINGS = DetectSettings()
