"""Index quotes by (speaker_id, article_id) in place of speaker_id alone: a speaker's quotes
with their articles (the web view's timeline of how often and where a speaker was quoted)
are then read from the index without visiting the quote rows, which hold the texts. The
leading column serves every lookup by speaker as the old index did, so writes cost the same.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_quotes_speaker_id_article_id", "quotes", ["speaker_id", "article_id"])
    op.drop_index("ix_quotes_speaker_id", "quotes")


def downgrade() -> None:
    op.create_index("ix_quotes_speaker_id", "quotes", ["speaker_id"])
    op.drop_index("ix_quotes_speaker_id_article_id", "quotes")
