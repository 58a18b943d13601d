"""Quote detection: direct, indirect and mixed quotes with their cues and speaker mentions.

``find_quotes(doc)`` is the entry point; :mod:`.marks` pairs quotation marks on raw text,
:mod:`.lexicon` lists the cue words, :mod:`.mention` turns a subject into a speaker phrase.
"""

from .core import Cue, find_cues, find_quotes
from .marks import QuotedSpan, find_quoted_spans

__all__ = ["Cue", "QuotedSpan", "find_cues", "find_quoted_spans", "find_quotes"]
