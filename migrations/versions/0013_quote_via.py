"""Keep the relay of a reported quote: "The Journal reported that Calhoun said …" is
Calhoun's quote, passed on by the Journal. quotes.via holds the relay as written, and
via_start/via_end its offsets in the article text; NULL for quotes heard first-hand and for
quotes stored before this revision.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("quotes", sa.Column("via", sa.String(), nullable=True))
    op.add_column("quotes", sa.Column("via_start", sa.Integer(), nullable=True))
    op.add_column("quotes", sa.Column("via_end", sa.Integer(), nullable=True))


def downgrade() -> None:
    op.drop_column("quotes", "via_end")
    op.drop_column("quotes", "via_start")
    op.drop_column("quotes", "via")
