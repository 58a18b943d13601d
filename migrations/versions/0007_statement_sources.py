"""Recount statements.n_outlets as sources: each known outlet once and each article whose
outlet is unknown as a source of its own (before, such articles counted as no outlet, so a
statement in one named outlet and one unattributed article showed one outlet).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_COUNT = """
UPDATE statements SET n_outlets = (
  SELECT count(DISTINCT COALESCE(a.outlet_id, -a.id)) FROM quotes q
  JOIN articles a ON a.id = q.article_id WHERE q.statement_id = statements.id)
"""


def upgrade() -> None:
    op.execute(_COUNT)


def downgrade() -> None:
    # The earlier rule: distinct known outlets only.
    op.execute(_COUNT.replace("COALESCE(a.outlet_id, -a.id)", "a.outlet_id"))
