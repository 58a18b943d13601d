"""Core tables: outlets, articles, speakers, speaker aliases, quotes.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "outlets",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String, nullable=False),
        sa.Column("domain", sa.String),
        sa.PrimaryKeyConstraint("id", name="pk_outlets"),
        sa.UniqueConstraint("name", name="uq_outlets_name"),
    )
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("outlet_id", sa.Integer),
        sa.Column("url", sa.String),
        sa.Column("title", sa.String),
        sa.Column("published", sa.Date),
        sa.Column("author", sa.String),
        sa.Column("source_path", sa.String),
        sa.Column("source_line", sa.Integer),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("word_count", sa.Integer, nullable=False),
        sa.Column("provenance", sa.Text),
        sa.Column("ingested_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_articles"),
        sa.ForeignKeyConstraint(
            ["outlet_id"], ["outlets.id"], name="fk_articles_outlet_id_outlets"
        ),
        sa.UniqueConstraint("content_hash", name="uq_articles_content_hash"),
    )
    op.create_index("ix_articles_published", "articles", ["published"])
    op.create_index("ix_articles_outlet_id", "articles", ["outlet_id"])
    op.create_index(
        "uq_articles_url", "articles", ["url"], unique=True, sqlite_where=sa.text("url IS NOT NULL")
    )
    op.create_index("ix_articles_source", "articles", ["source_path", "source_line"])

    op.create_table(
        "speakers",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("name", sa.String, nullable=False),
        sa.Column("name_key", sa.String, nullable=False),
        sa.Column("surname_key", sa.String),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("role", sa.String),
        sa.PrimaryKeyConstraint("id", name="pk_speakers"),
        sa.UniqueConstraint("kind", "name_key", name="uq_speakers_kind_name_key"),
    )
    op.create_index("ix_speakers_surname_key", "speakers", ["surname_key"])

    op.create_table(
        "speaker_aliases",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("speaker_id", sa.Integer, nullable=False),
        sa.Column("alias", sa.String, nullable=False),
        sa.Column("alias_key", sa.String, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_speaker_aliases"),
        sa.ForeignKeyConstraint(
            ["speaker_id"],
            ["speakers.id"],
            ondelete="CASCADE",
            name="fk_speaker_aliases_speaker_id_speakers",
        ),
        sa.UniqueConstraint(
            "speaker_id", "alias_key", name="uq_speaker_aliases_speaker_id_alias_key"
        ),
    )
    op.create_index("ix_speaker_aliases_alias_key", "speaker_aliases", ["alias_key"])

    op.create_table(
        "quotes",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("article_id", sa.Integer, nullable=False),
        sa.Column("speaker_id", sa.Integer),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("cue", sa.String),
        sa.Column("cue_start", sa.Integer),
        sa.Column("cue_end", sa.Integer),
        sa.Column("mention", sa.String),
        sa.Column("mention_start", sa.Integer),
        sa.Column("mention_end", sa.Integer),
        sa.Column("sentence", sa.Text),
        sa.Column("speaker_description", sa.String),
        sa.PrimaryKeyConstraint("id", name="pk_quotes"),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            ondelete="CASCADE",
            name="fk_quotes_article_id_articles",
        ),
        sa.ForeignKeyConstraint(
            ["speaker_id"], ["speakers.id"], name="fk_quotes_speaker_id_speakers"
        ),
    )
    op.create_index("ix_quotes_article_id", "quotes", ["article_id"])
    op.create_index("ix_quotes_speaker_id", "quotes", ["speaker_id"])
    op.create_index("ix_quotes_type", "quotes", ["type"])


def downgrade() -> None:
    op.drop_table("quotes")
    op.drop_table("speaker_aliases")
    op.drop_table("speakers")
    op.drop_table("articles")
    op.drop_table("outlets")
