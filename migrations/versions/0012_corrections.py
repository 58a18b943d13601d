"""Researchers' corrections: an append-only ``corrections`` log, the machine's values of every
field a correction overrode (``machine_values``), and a ``corrected`` mark in the views.

The log is replayed after every re-ingest, article update and regroup
(``quotetrack.corrections``); ``machine_values`` is what undoing a correction restores.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

# The views of revision 0003, each with what a correction changed. A quote is corrected
# when a researcher's fix set one of its fields; a speaker when a fix set its name, role or
# kind or moved quotes to it; a statement when a fix changed which quotes it holds.
QUOTE_VIEW = """
CREATE VIEW quote_view AS
SELECT q.id AS quote_id,
       q.article_id,
       a.published AS date,
       o.name AS outlet,
       a.outlet_id,
       q.speaker_id,
       s.name AS speaker,
       s.kind AS speaker_kind,
       s.role AS speaker_role,
       q.mention,
       q.speaker_description,
       q.type,
       q.text,
       q.cue,
       q.sentence,
       q.start,
       q."end",
       q.statement_id,
       q.variant_kind,
       q.variant_detail,
       q.similarity,
       a.title AS article_title,
       a.url{added}
FROM quotes q
JOIN articles a ON a.id = q.article_id
LEFT JOIN outlets o ON o.id = a.outlet_id
LEFT JOIN speakers s ON s.id = q.speaker_id
"""

STATEMENT_VIEW = """
CREATE VIEW statement_view AS
SELECT st.id AS statement_id,
       st.speaker_id,
       s.name AS speaker,
       s.kind AS speaker_kind,
       st.first_published,
       fo.name AS first_outlet,
       st.n_quotes,
       st.n_outlets,
       st.root_quote_id,
       rq.text AS root_text,
       rq.type AS root_type,
       (SELECT count(*) FROM quotes q
         WHERE q.statement_id = st.id AND q.variant_kind = 'altered') AS n_altered,
       (SELECT max(a.published) FROM quotes q JOIN articles a ON a.id = q.article_id
         WHERE q.statement_id = st.id) AS last_published,
       st.created_at{added}
FROM statements st
LEFT JOIN speakers s ON s.id = st.speaker_id
LEFT JOIN outlets fo ON fo.id = st.first_outlet_id
LEFT JOIN quotes rq ON rq.id = st.root_quote_id
"""

SPEAKER_VIEW = """
CREATE VIEW speaker_view AS
SELECT s.id AS speaker_id,
       s.name,
       s.kind,
       s.role,
       (SELECT count(*) FROM quotes q WHERE q.speaker_id = s.id) AS n_quotes,
       (SELECT count(DISTINCT q.article_id) FROM quotes q WHERE q.speaker_id = s.id) AS n_articles,
       (SELECT count(DISTINCT a.outlet_id) FROM quotes q JOIN articles a ON a.id = q.article_id
         WHERE q.speaker_id = s.id) AS n_outlets,
       (SELECT count(*) FROM statements st WHERE st.speaker_id = s.id) AS n_statements,
       (SELECT min(a.published) FROM quotes q JOIN articles a ON a.id = q.article_id
         WHERE q.speaker_id = s.id) AS first_quoted,
       (SELECT max(a.published) FROM quotes q JOIN articles a ON a.id = q.article_id
         WHERE q.speaker_id = s.id) AS last_quoted,
       (SELECT group_concat(al.alias, '; ') FROM speaker_aliases al
         WHERE al.speaker_id = s.id) AS aliases{added}
FROM speakers s
"""

QUOTE_CORRECTED = """,
       CASE WHEN EXISTS (SELECT 1 FROM machine_values m
                         WHERE m.entity = 'quote' AND m.entity_id = q.id)
            THEN 1 ELSE 0 END AS corrected,
       (SELECT group_concat(m.field, ',') FROM machine_values m
         WHERE m.entity = 'quote' AND m.entity_id = q.id) AS corrected_fields"""

STATEMENT_CORRECTED = """,
       CASE WHEN EXISTS (SELECT 1 FROM quotes q JOIN machine_values m
                           ON m.entity = 'quote' AND m.entity_id = q.id
                         WHERE q.statement_id = st.id AND m.field = 'statement')
            THEN 1 ELSE 0 END AS corrected"""

SPEAKER_CORRECTED = """,
       CASE WHEN EXISTS (SELECT 1 FROM machine_values m
                         WHERE m.entity = 'speaker' AND m.entity_id = s.id)
              OR EXISTS (SELECT 1 FROM quotes q JOIN machine_values m
                           ON m.entity = 'quote' AND m.entity_id = q.id
                         WHERE q.speaker_id = s.id AND m.field = 'speaker_id')
            THEN 1 ELSE 0 END AS corrected"""

VIEWS = ("speaker_view", "statement_view", "quote_view")


def _views(corrected: bool) -> list[str]:
    """The three views: with the corrected columns (this revision) or as 0003 made them."""
    parts = (
        (QUOTE_VIEW, QUOTE_CORRECTED),
        (STATEMENT_VIEW, STATEMENT_CORRECTED),
        (SPEAKER_VIEW, SPEAKER_CORRECTED),
    )
    return [view.format(added=added if corrected else "") for view, added in parts]


def _postgres(ddl: str) -> str:
    return ddl.replace(
        "group_concat(al.alias, '; ')", "string_agg(al.alias, '; ' ORDER BY al.id)"
    ).replace("group_concat(m.field, ',')", "string_agg(m.field, ',' ORDER BY m.id)")


def upgrade() -> None:
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=True),
        sa.Column("args", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("author", sa.String(), nullable=False),
        sa.Column("forced", sa.Boolean(), nullable=False),
        sa.Column("undoes", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["undoes"], ["corrections.id"], name=op.f("fk_corrections_undoes_corrections")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_corrections")),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "machine_values",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entity", sa.String(length=16), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=16), nullable=False),
        sa.Column("value", sa.Text(), nullable=True),
        sa.Column("article_id", sa.Integer(), nullable=True),
        sa.Column("content_hash", sa.String(length=64), nullable=True),
        sa.Column("correction_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["correction_id"],
            ["corrections.id"],
            name=op.f("fk_machine_values_correction_id_corrections"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_machine_values")),
        sa.UniqueConstraint(
            "entity",
            "entity_id",
            "field",
            name=op.f("uq_machine_values_entity_entity_id_field"),
        ),
    )
    op.create_index("ix_machine_values_article_id", "machine_values", ["article_id"])
    postgres = op.get_bind().dialect.name == "postgresql"
    for view in VIEWS:
        op.execute(f"DROP VIEW IF EXISTS {view}")
    for ddl in _views(corrected=True):
        op.execute(_postgres(ddl) if postgres else ddl)


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for view in VIEWS:
        op.execute(f"DROP VIEW IF EXISTS {view}")
    for ddl in _views(corrected=False):
        op.execute(_postgres(ddl) if postgres else ddl)
    op.drop_index("ix_machine_values_article_id", "machine_values")
    op.drop_table("machine_values")
    op.drop_table("corrections")
