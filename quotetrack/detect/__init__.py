"""Quote detection: direct, indirect and mixed quotes with their cues and speaker mentions.

``find_quotes(doc)`` is the entry point (:mod:`.core`); :mod:`.marks` pairs quotation marks
on raw text, :mod:`.cues` finds speech cues in the parse, :mod:`.lexicon` lists the cue words,
:mod:`.mention` turns a subject into a speaker phrase.
"""

from .core import find_quotes
from .cues import Cue, find_cues
from .marks import QuotedSpan, find_quoted_spans

__all__ = ["Cue", "QuotedSpan", "find_cues", "find_quoted_spans", "find_quotes"]
