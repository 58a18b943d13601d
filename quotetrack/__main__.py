"""``python -m quotetrack`` runs the command line."""

from .cli import main

main()
