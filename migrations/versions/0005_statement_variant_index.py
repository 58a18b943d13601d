"""Index quotes by (statement, variant kind): counting a statement's altered variants reads
the index only. On 1M quotes, listing the 14.6k statements quoted by >= 5 outlets spent 180 of
250 ms reading quote rows for that count.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_quotes_statement_id_variant_kind", "quotes", ["statement_id", "variant_kind"]
    )


def downgrade() -> None:
    op.drop_index("ix_quotes_statement_id_variant_kind", "quotes")
