"""When and where each quote was said, and redirects for merged statements.

quotes: the utterance date the article's words give (said_on, its precision and basis, the
dating phrase and its offsets) and the occasion (phrase, kind, offsets). statements: the
utterance date and occasion of the statement (from its earliest quote that states them).
statement_redirects: when new evidence merges two statements, the absorbed id points at the
statement that took its quotes, so an id once cited keeps resolving.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

_QUOTE_COLUMNS = (
    ("said_on", sa.Date()),
    ("said_on_precision", sa.String(8)),
    ("said_on_basis", sa.String(16)),
    ("said_when", sa.String()),
    ("said_when_start", sa.Integer()),
    ("said_when_end", sa.Integer()),
    ("occasion", sa.String()),
    ("occasion_kind", sa.String(16)),
    ("occasion_start", sa.Integer()),
    ("occasion_end", sa.Integer()),
)
_STATEMENT_COLUMNS = (
    ("said_on", sa.Date()),
    ("occasion", sa.String()),
    ("occasion_kind", sa.String(16)),
)


def upgrade() -> None:
    for name, type_ in _QUOTE_COLUMNS:
        op.add_column("quotes", sa.Column(name, type_, nullable=True))
    for name, type_ in _STATEMENT_COLUMNS:
        op.add_column("statements", sa.Column(name, type_, nullable=True))
    op.create_table(
        "statement_redirects",
        sa.Column("old_id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column(
            "statement_id",
            sa.Integer(),
            sa.ForeignKey("statements.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("merged_at", sa.DateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("statement_redirects")
    # Plain DROP COLUMN (SQLite 3.35+): a batch rebuild of the tables would break the views.
    for name, _ in reversed(_STATEMENT_COLUMNS):
        op.drop_column("statements", name)
    for name, _ in reversed(_QUOTE_COLUMNS):
        op.drop_column("quotes", name)
