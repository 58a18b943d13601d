"""Readable views (quote_view, statement_view, speaker_view) and full-text search over quotes.

quotes_fts is an external-content FTS5 index (it stores no second copy of the text) kept in
sync by triggers on every insert, update of the text, and delete (including deletes that
cascade from an article). Tokenizer: Porter stemming over unicode61 with diacritics folded,
so "stressed" finds "stress" and "Jerusalem" finds "Jérusalem".

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

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
       a.url
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
       st.created_at
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
         WHERE al.speaker_id = s.id) AS aliases
FROM speakers s
"""

FTS = [
    """CREATE VIRTUAL TABLE quotes_fts USING fts5(
           text, content='quotes', content_rowid='id',
           tokenize='porter unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
           INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text);
       END""",
    """CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
           INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
       END""",
    """CREATE TRIGGER quotes_fts_update AFTER UPDATE OF text ON quotes BEGIN
           INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
           INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text);
       END""",
    # Index the quotes stored before this revision.
    "INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild')",
]


# PostgreSQL: group_concat is string_agg; full-text search is a GIN index over a tsvector of
# the text in a "quotetrack" configuration (English stemming, diacritics folded by unaccent
# when the server has it), queried by quotetrack.store.postgres. No triggers needed.
PG_SEARCH_INDEX = (
    "CREATE INDEX ix_quotes_text_search ON quotes "
    "USING gin (to_tsvector('quotetrack'::regconfig, text))"
)


def _postgres_search_config() -> None:
    bind = op.get_bind()
    has_unaccent = bind.exec_driver_sql(
        "SELECT count(*) FROM pg_available_extensions WHERE name = 'unaccent'"
    ).scalar()
    if has_unaccent:
        # A savepoint: without the privilege to create the extension, fall back to English.
        try:
            with bind.begin_nested():
                bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS unaccent")
        except Exception:
            has_unaccent = 0
    op.execute("CREATE TEXT SEARCH CONFIGURATION quotetrack (COPY = pg_catalog.english)")
    if has_unaccent:
        op.execute(
            "ALTER TEXT SEARCH CONFIGURATION quotetrack ALTER MAPPING FOR "
            "hword, hword_part, word WITH unaccent, english_stem"
        )


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for ddl in (
            QUOTE_VIEW,
            STATEMENT_VIEW,
            SPEAKER_VIEW.replace(
                "group_concat(al.alias, '; ')", "string_agg(al.alias, '; ' ORDER BY al.id)"
            ),
        ):
            op.execute(ddl)
        _postgres_search_config()
        op.execute(PG_SEARCH_INDEX)
        return
    for ddl in (QUOTE_VIEW, STATEMENT_VIEW, SPEAKER_VIEW, *FTS):
        op.execute(ddl)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_quotes_text_search")
        op.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS quotetrack")
        for view in ("speaker_view", "statement_view", "quote_view"):
            op.execute(f"DROP VIEW IF EXISTS {view}")
        return
    for name in ("quotes_fts_update", "quotes_fts_delete", "quotes_fts_insert"):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS quotes_fts")
    for view in ("speaker_view", "statement_view", "quote_view"):
        op.execute(f"DROP VIEW IF EXISTS {view}")
