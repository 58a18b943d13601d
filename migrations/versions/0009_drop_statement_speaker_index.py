"""Drop the speaker-only index on statements: the (speaker_id, first_published) index of
revision 0006 serves every lookup by speaker (its leading column), including the foreign-key
checks, so the older index only cost space and a write per new statement.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_statements_speaker_id", "statements")


def downgrade() -> None:
    op.create_index("ix_statements_speaker_id", "statements", ["speaker_id"])
