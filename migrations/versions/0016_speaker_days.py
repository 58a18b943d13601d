"""Per-speaker daily counts, and statements indexed by speaker and reach.

``speaker_days`` holds, for every speaker, day and outlet, how many of the speaker's quotes
were published that day by that outlet. A speaker's timeline
(the web view's chart of how often and by how many outlets they were quoted) is then read
from at most one row per day and outlet, instead of joining each of their quotes to its
article: the busiest speaker of the million-quote database of benchmarks/scale.py has
95,618 quotes and 17,679 such rows.

Triggers keep the counts: on every insert and delete of a quote, on a change of a quote's
speaker or article (corrections reassign and merge speakers), and on a change of an
article's date or outlet. A row whose count falls to zero is deleted. Undated articles
count under the day 0001-01-01 and articles without an outlet under outlet 0 (neither is a
real value: dates before the year 1000 are dropped on ingest, outlet ids start at 1), so that
every key is NOT NULL on both databases.

The index on ``statements (speaker_id, n_outlets, n_quotes, first_published)`` gives a
speaker's statements in order of reach (the speaker page's list): the busiest speaker's
42,090 statements were read and sorted for the forty shown.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

NO_DAY = "0001-01-01"
NO_OUTLET = 0

# -- SQLite: the counts kept by triggers over the article's current date and outlet.

_SQLITE_DAY = f"coalesce(a.published, '{NO_DAY}')"
_SQLITE_OUTLET = f"coalesce(a.outlet_id, {NO_OUTLET})"


def _sqlite_add(speaker: str, article: str, delta: str) -> str:
    """Statements adding ``delta`` to (speaker, the article's day and outlet), dropping the
    row when it reaches zero."""
    key = (
        f"speaker_id = {speaker} AND day = (SELECT {_SQLITE_DAY} FROM articles a "
        f"WHERE a.id = {article}) AND outlet_id = (SELECT {_SQLITE_OUTLET} FROM articles a "
        f"WHERE a.id = {article})"
    )
    return (
        "INSERT INTO speaker_days (speaker_id, day, outlet_id, n_quotes) "
        f"SELECT {speaker}, {_SQLITE_DAY}, {_SQLITE_OUTLET}, {delta} FROM articles a "
        f"WHERE a.id = {article} AND {speaker} IS NOT NULL "
        "ON CONFLICT (speaker_id, day, outlet_id) "
        "DO UPDATE SET n_quotes = n_quotes + excluded.n_quotes;\n"
        f"  DELETE FROM speaker_days WHERE {key} AND n_quotes <= 0;"
    )


SQLITE_TRIGGERS = {
    "quotes_speaker_days_insert": f"""
CREATE TRIGGER quotes_speaker_days_insert AFTER INSERT ON quotes
WHEN NEW.speaker_id IS NOT NULL BEGIN
  {_sqlite_add("NEW.speaker_id", "NEW.article_id", "1")}
END""",
    "quotes_speaker_days_delete": f"""
CREATE TRIGGER quotes_speaker_days_delete AFTER DELETE ON quotes
WHEN OLD.speaker_id IS NOT NULL BEGIN
  {_sqlite_add("OLD.speaker_id", "OLD.article_id", "-1")}
END""",
    "quotes_speaker_days_update": f"""
CREATE TRIGGER quotes_speaker_days_update AFTER UPDATE OF speaker_id, article_id ON quotes
WHEN OLD.speaker_id IS NOT NEW.speaker_id OR OLD.article_id IS NOT NEW.article_id BEGIN
  {_sqlite_add("OLD.speaker_id", "OLD.article_id", "-1")}
  {_sqlite_add("NEW.speaker_id", "NEW.article_id", "1")}
END""",
    # An article's quotes move to its new day or outlet.
    "articles_speaker_days_update": f"""
CREATE TRIGGER articles_speaker_days_update AFTER UPDATE OF published, outlet_id ON articles
WHEN OLD.published IS NOT NEW.published OR OLD.outlet_id IS NOT NEW.outlet_id BEGIN
  INSERT INTO speaker_days (speaker_id, day, outlet_id, n_quotes)
    SELECT q.speaker_id, coalesce(OLD.published, '{NO_DAY}'),
           coalesce(OLD.outlet_id, {NO_OUTLET}), -count(*)
    FROM quotes q WHERE q.article_id = NEW.id AND q.speaker_id IS NOT NULL
    GROUP BY q.speaker_id
    ON CONFLICT (speaker_id, day, outlet_id)
    DO UPDATE SET n_quotes = n_quotes + excluded.n_quotes;
  DELETE FROM speaker_days WHERE day = coalesce(OLD.published, '{NO_DAY}')
    AND outlet_id = coalesce(OLD.outlet_id, {NO_OUTLET}) AND n_quotes <= 0
    AND speaker_id IN (SELECT speaker_id FROM quotes WHERE article_id = NEW.id);
  INSERT INTO speaker_days (speaker_id, day, outlet_id, n_quotes)
    SELECT q.speaker_id, coalesce(NEW.published, '{NO_DAY}'),
           coalesce(NEW.outlet_id, {NO_OUTLET}), count(*)
    FROM quotes q WHERE q.article_id = NEW.id AND q.speaker_id IS NOT NULL
    GROUP BY q.speaker_id
    ON CONFLICT (speaker_id, day, outlet_id)
    DO UPDATE SET n_quotes = n_quotes + excluded.n_quotes;
END""",
    # Deleting an article deletes its quotes first, while the article (its day and
    # outlet) can still be read by their trigger; the cascade then finds none left.
    "articles_speaker_days_delete": """
CREATE TRIGGER articles_speaker_days_delete BEFORE DELETE ON articles BEGIN
  DELETE FROM quotes WHERE article_id = OLD.id;
END""",
}

# -- PostgreSQL: the same rules in one PL/pgSQL function per table.

PG_FUNCTIONS = {
    "speaker_days_add": f"""
CREATE FUNCTION speaker_days_add(sid integer, aid integer, delta integer) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  d date;
  o integer;
BEGIN
  IF sid IS NULL THEN
    RETURN;
  END IF;
  SELECT coalesce(a.published, DATE '{NO_DAY}'), coalesce(a.outlet_id, {NO_OUTLET})
    INTO d, o FROM articles a WHERE a.id = aid;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  INSERT INTO speaker_days AS s (speaker_id, day, outlet_id, n_quotes)
    VALUES (sid, d, o, delta)
    ON CONFLICT (speaker_id, day, outlet_id)
    DO UPDATE SET n_quotes = s.n_quotes + excluded.n_quotes;
  DELETE FROM speaker_days
    WHERE speaker_id = sid AND day = d AND outlet_id = o AND n_quotes <= 0;
END $$""",
    "quotes_speaker_days": """
CREATE FUNCTION quotes_speaker_days() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    PERFORM speaker_days_add(OLD.speaker_id, OLD.article_id, -1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM speaker_days_add(NEW.speaker_id, NEW.article_id, 1);
  END IF;
  RETURN NULL;
END $$""",
    "articles_speaker_days": f"""
CREATE FUNCTION articles_speaker_days() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM quotes WHERE article_id = OLD.id;
    RETURN OLD;
  END IF;
  INSERT INTO speaker_days AS s (speaker_id, day, outlet_id, n_quotes)
    SELECT q.speaker_id, coalesce(OLD.published, DATE '{NO_DAY}'),
           coalesce(OLD.outlet_id, {NO_OUTLET}), -count(*)
    FROM quotes q WHERE q.article_id = NEW.id AND q.speaker_id IS NOT NULL
    GROUP BY q.speaker_id
    ON CONFLICT (speaker_id, day, outlet_id)
    DO UPDATE SET n_quotes = s.n_quotes + excluded.n_quotes;
  DELETE FROM speaker_days WHERE day = coalesce(OLD.published, DATE '{NO_DAY}')
    AND outlet_id = coalesce(OLD.outlet_id, {NO_OUTLET}) AND n_quotes <= 0
    AND speaker_id IN (SELECT speaker_id FROM quotes WHERE article_id = NEW.id);
  INSERT INTO speaker_days AS s (speaker_id, day, outlet_id, n_quotes)
    SELECT q.speaker_id, coalesce(NEW.published, DATE '{NO_DAY}'),
           coalesce(NEW.outlet_id, {NO_OUTLET}), count(*)
    FROM quotes q WHERE q.article_id = NEW.id AND q.speaker_id IS NOT NULL
    GROUP BY q.speaker_id
    ON CONFLICT (speaker_id, day, outlet_id)
    DO UPDATE SET n_quotes = s.n_quotes + excluded.n_quotes;
  RETURN NULL;
END $$""",
}

PG_TRIGGERS = {
    "quotes_speaker_days_insert_delete": (
        "CREATE TRIGGER quotes_speaker_days_insert_delete AFTER INSERT OR DELETE ON quotes "
        "FOR EACH ROW EXECUTE FUNCTION quotes_speaker_days()"
    ),
    "quotes_speaker_days_update": (
        "CREATE TRIGGER quotes_speaker_days_update AFTER UPDATE OF speaker_id, article_id "
        "ON quotes FOR EACH ROW WHEN (OLD.speaker_id IS DISTINCT FROM NEW.speaker_id "
        "OR OLD.article_id IS DISTINCT FROM NEW.article_id) "
        "EXECUTE FUNCTION quotes_speaker_days()"
    ),
    "articles_speaker_days_update": (
        "CREATE TRIGGER articles_speaker_days_update AFTER UPDATE OF published, outlet_id "
        "ON articles FOR EACH ROW WHEN (OLD.published IS DISTINCT FROM NEW.published "
        "OR OLD.outlet_id IS DISTINCT FROM NEW.outlet_id) "
        "EXECUTE FUNCTION articles_speaker_days()"
    ),
    "articles_speaker_days_delete": (
        "CREATE TRIGGER articles_speaker_days_delete BEFORE DELETE ON articles "
        "FOR EACH ROW EXECUTE FUNCTION articles_speaker_days()"
    ),
}


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    op.create_index(
        "ix_statements_speaker_id_reach",
        "statements",
        ["speaker_id", "n_outlets", "n_quotes", "first_published"],
    )
    op.create_table(
        "speaker_days",
        sa.Column("speaker_id", sa.Integer, nullable=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("outlet_id", sa.Integer, nullable=False),
        sa.Column("n_quotes", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("speaker_id", "day", "outlet_id", name="pk_speaker_days"),
        sqlite_with_rowid=False,
    )
    no_day = f"DATE '{NO_DAY}'" if postgres else f"'{NO_DAY}'"
    op.execute(
        "INSERT INTO speaker_days (speaker_id, day, outlet_id, n_quotes) "
        f"SELECT q.speaker_id, coalesce(a.published, {no_day}), "
        f"coalesce(a.outlet_id, {NO_OUTLET}), count(*) "
        "FROM quotes q JOIN articles a ON a.id = q.article_id "
        "WHERE q.speaker_id IS NOT NULL "
        f"GROUP BY q.speaker_id, coalesce(a.published, {no_day}), "
        f"coalesce(a.outlet_id, {NO_OUTLET})"
    )
    if postgres:
        for body in PG_FUNCTIONS.values():
            op.execute(body)
        for body in PG_TRIGGERS.values():
            op.execute(body)
    else:
        for body in SQLITE_TRIGGERS.values():
            op.execute(body)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name in PG_TRIGGERS:
            table = "articles" if name.startswith("articles") else "quotes"
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        for name in PG_FUNCTIONS:
            op.execute(f"DROP FUNCTION IF EXISTS {name} CASCADE")
    else:
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("speaker_days")
    op.drop_index("ix_statements_speaker_id_reach", "statements")
