"""Table description_names: for an unnamed source of one article known only by a definite
description ("the prime minister"), the identity keys of the people that article names.
When one of them gets a role stored later, the store resolves the description's quotes
again, so that speaker identity does not depend on the order articles arrive in.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "description_names",
        sa.Column(
            "speaker_id",
            sa.Integer(),
            sa.ForeignKey("speakers.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("name_key", sa.String(), primary_key=True),
    )
    op.create_index("ix_description_names_name_key", "description_names", ["name_key"])


def downgrade() -> None:
    op.drop_index("ix_description_names_name_key", "description_names")
    op.drop_table("description_names")
