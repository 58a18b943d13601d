"""quotetrack: who said what in the news, and how each outlet worded it."""

__version__ = "0.1.0"
