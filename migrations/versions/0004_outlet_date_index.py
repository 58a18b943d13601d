"""Index articles by (outlet, publication date) for "quotes of outlet X since D" reports.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_articles_outlet_id_published", "articles", ["outlet_id", "published"])


def downgrade() -> None:
    op.drop_index("ix_articles_outlet_id_published", "articles")
