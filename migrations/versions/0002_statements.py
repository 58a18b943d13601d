"""Statements: the statements table and each quote's statement, variant kind and similarity.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "statements",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("speaker_id", sa.Integer),
        sa.Column("root_quote_id", sa.Integer),
        sa.Column("first_published", sa.Date),
        sa.Column("first_outlet_id", sa.Integer),
        sa.Column("n_quotes", sa.Integer, nullable=False),
        sa.Column("n_outlets", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_statements"),
        sa.ForeignKeyConstraint(
            ["speaker_id"], ["speakers.id"], name="fk_statements_speaker_id_speakers"
        ),
        sa.ForeignKeyConstraint(
            ["root_quote_id"],
            ["quotes.id"],
            ondelete="SET NULL",
            name="fk_statements_root_quote_id_quotes",
        ),
        sa.ForeignKeyConstraint(
            ["first_outlet_id"], ["outlets.id"], name="fk_statements_first_outlet_id_outlets"
        ),
        # AUTOINCREMENT: ids of deleted statements are never handed out again.
        sqlite_autoincrement=True,
    )
    op.create_index("ix_statements_speaker_id", "statements", ["speaker_id"])

    with op.batch_alter_table("quotes") as batch:
        batch.add_column(sa.Column("statement_id", sa.Integer))
        batch.add_column(sa.Column("variant_kind", sa.String(16)))
        batch.add_column(sa.Column("variant_detail", sa.Text))
        batch.add_column(sa.Column("similarity", sa.Float))
        batch.create_foreign_key(
            "fk_quotes_statement_id_statements",
            "statements",
            ["statement_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch.create_index("ix_quotes_statement_id", ["statement_id"])


def downgrade() -> None:
    with op.batch_alter_table("quotes") as batch:
        batch.drop_index("ix_quotes_statement_id")
        batch.drop_constraint("fk_quotes_statement_id_statements", type_="foreignkey")
        batch.drop_column("similarity")
        batch.drop_column("variant_detail")
        batch.drop_column("variant_kind")
        batch.drop_column("statement_id")
    op.drop_index("ix_statements_speaker_id", "statements")
    op.drop_table("statements")
