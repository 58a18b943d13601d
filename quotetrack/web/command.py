"""``quotetrack serve``: the read-only web view, and ``statement --html``'s writer.

Only click is imported here, so registering the command costs the CLI nothing; the web
framework loads when the command runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from quotetrack.errors import DatabaseError, NotFound

if TYPE_CHECKING:
    from quotetrack.api import Quotetrack


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="TCP port."
)
@click.pass_obj
def serve(obj: Any, host: str, port: int) -> None:
    """Browse speakers, statements, quotes, articles and outlets in a web browser.

    The database is opened read-only: no page writes to it. Pages work offline (nothing is
    loaded from the internet) and each one is also available as JSON with ?format=json.
    It listens on this machine only unless --host says otherwise.

    \b
    Example:
      quotetrack ingest samples/ && quotetrack serve
      quotetrack --db news.db serve --port 8080     # then open http://127.0.0.1:8080/
    """
    import uvicorn

    from quotetrack.web.app import create_app

    qt = open_readonly(obj.db)
    click.echo(f"Serving {qt.store.url} read-only on http://{host}:{port}/ (Ctrl-C stops)")
    try:
        uvicorn.run(create_app(qt), host=host, port=port, log_level="warning")
    finally:
        qt.close()


def open_readonly(db: str | None) -> Quotetrack:
    """The database behind ``--db``, opened read-only through the library. Raises
    :class:`~quotetrack.errors.DatabaseError` (the CLI prints it and exits 1) when it cannot be
    opened: missing, not a quotetrack database, or at another schema revision (reading never
    migrates; any writing command does)."""
    import quotetrack

    name = db or "quotetrack.db"
    try:
        return quotetrack.open(db, readonly=True)
    except DatabaseError as exc:
        message = str(exc)
        if not message.startswith("Cannot open database"):  # a missing file: say what failed
            message = f"Cannot open database {name} read-only: {message}"
        raise DatabaseError(message) from exc


def write_statement_html(db: str | None, statement_id: int, path: Path) -> None:
    """Write statement ``statement_id`` as one self-contained HTML file at ``path``."""
    from quotetrack.web.app import statement_html

    qt = open_readonly(db)
    try:
        page = statement_html(qt, statement_id)
    finally:
        qt.close()
    if page is None:
        raise NotFound(f"No statement {statement_id}; `quotetrack statements` lists them")
    try:
        path.write_text(page, encoding="utf-8")
    except OSError as exc:
        raise click.ClickException(f"Cannot write {path}: {exc}") from exc
