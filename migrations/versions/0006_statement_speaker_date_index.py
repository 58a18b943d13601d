"""Index statements by (speaker, first date): grouping a new quote loads the speaker's
statements that started within the time window, and a busy speaker has thousands of
statements outside it that a speaker-only index would make the database read and discard.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_statements_speaker_id_first_published", "statements", ["speaker_id", "first_published"]
    )


def downgrade() -> None:
    op.drop_index("ix_statements_speaker_id_first_published", "statements")
