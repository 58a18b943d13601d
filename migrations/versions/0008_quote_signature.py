"""Keep each grouped quote's signatures in quotes.signature: grouping a new quote tests the
wordings of its speaker's statements in the time window, thousands for a busy speaker, and
reading and tokenising all their texts on every article cost more than the rest of the save.
Quotes grouped before this revision keep NULL and are tokenised when first needed. The index
on (statement_id, type, signature) covers that read, which then never visits the quote rows
(texts included).

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("quotes", sa.Column("signature", sa.LargeBinary(), nullable=True))
    op.create_index(
        "ix_quotes_statement_id_type_signature", "quotes", ["statement_id", "type", "signature"]
    )


def downgrade() -> None:
    op.drop_index("ix_quotes_statement_id_type_signature", "quotes")
    op.drop_column("quotes", "signature")
