"""SQLAlchemy models of quotetrack's database (the agreed schema; see docs/schema.md).

The tables are created and changed only by the Alembic revisions in ``migrations/``; these
models describe the head revision and are what the store and the statements grouper query
through. ``tests/test_migrations.py`` fails when the two drift apart.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Stable constraint names so Alembic batch operations on SQLite can find them again.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    """The current time in UTC without tzinfo (SQLite stores naive ISO timestamps)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Outlet(Base):
    """A publisher ("Reuters", "The Guardian"); articles point to it."""

    __tablename__ = "outlets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String, unique=True)
    domain: Mapped[str | None] = mapped_column(String)


class Article(Base):
    """One stored article with its full text; quote offsets index into ``text``."""

    __tablename__ = "articles"
    __table_args__ = (
        Index("ix_articles_published", "published"),
        Index("ix_articles_outlet_id", "outlet_id"),
        Index("ix_articles_outlet_id_published", "outlet_id", "published"),
        # A url identifies an article when known; several articles may have none.
        Index("uq_articles_url", "url", unique=True, sqlite_where=text("url IS NOT NULL")),
        Index("ix_articles_source", "source_path", "source_line"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    outlet_id: Mapped[int | None] = mapped_column(ForeignKey("outlets.id"))
    url: Mapped[str | None] = mapped_column(String)
    title: Mapped[str | None] = mapped_column(String)
    published: Mapped[dt.date | None] = mapped_column(Date)
    author: Mapped[str | None] = mapped_column(String)
    source_path: Mapped[str | None] = mapped_column(String)
    source_line: Mapped[int | None] = mapped_column(Integer)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    text: Mapped[str] = mapped_column(Text)
    word_count: Mapped[int] = mapped_column(Integer)
    provenance: Mapped[str | None] = mapped_column(Text)
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    # When the stored text was fetched from the web (or captured, for a web archive record).
    fetched_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class Speaker(Base):
    """A person, organisation or unnamed source, merged across articles by name key."""

    __tablename__ = "speakers"
    __table_args__ = (UniqueConstraint("kind", "name_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String)
    name_key: Mapped[str] = mapped_column(String)
    surname_key: Mapped[str | None] = mapped_column(String, index=True)
    kind: Mapped[str] = mapped_column(String(16))
    role: Mapped[str | None] = mapped_column(String)


class SpeakerAlias(Base):
    """A way a speaker was written ("Blinken", "Secretary Blinken")."""

    __tablename__ = "speaker_aliases"
    __table_args__ = (UniqueConstraint("speaker_id", "alias_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    speaker_id: Mapped[int] = mapped_column(ForeignKey("speakers.id", ondelete="CASCADE"))
    alias: Mapped[str] = mapped_column(String)
    alias_key: Mapped[str] = mapped_column(String, index=True)


class DescriptionName(Base):
    """A person an article names, for an unnamed source of that article known only by a
    definite description ("the prime minister"): when one of these people gets a role
    stored, the description's quotes are resolved again, so that the order articles arrive
    in does not decide who said them."""

    __tablename__ = "description_names"

    speaker_id: Mapped[int] = mapped_column(
        ForeignKey("speakers.id", ondelete="CASCADE"), primary_key=True
    )
    name_key: Mapped[str] = mapped_column(String, primary_key=True, index=True)


class Statement(Base):
    """One utterance by one speaker; its quotes across articles are its variants."""

    __tablename__ = "statements"
    # AUTOINCREMENT: ids of deleted statements are never handed out again (ids are stable).
    # (speaker, first date): grouping loads a speaker's statements within a time window.
    __table_args__ = (
        Index("ix_statements_speaker_id_first_published", "speaker_id", "first_published"),
        # A speaker's statements by reach, read in order (revision 0016: the web view's
        # speaker page ranks a busy speaker's tens of thousands without sorting them).
        Index(
            "ix_statements_speaker_id_reach",
            "speaker_id",
            "n_outlets",
            "n_quotes",
            "first_published",
        ),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Indexed as the leading column of ix_statements_speaker_id_first_published.
    speaker_id: Mapped[int | None] = mapped_column(ForeignKey("speakers.id"))
    # use_alter: statements and quotes reference each other.
    root_quote_id: Mapped[int | None] = mapped_column(
        ForeignKey("quotes.id", ondelete="SET NULL", use_alter=True)
    )
    first_published: Mapped[dt.date | None] = mapped_column(Date)
    first_outlet_id: Mapped[int | None] = mapped_column(ForeignKey("outlets.id"))
    n_quotes: Mapped[int] = mapped_column(Integer, default=0)
    n_outlets: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    # When and where it was said (revision 0014): from its earliest quote that says so.
    said_on: Mapped[dt.date | None] = mapped_column(Date)
    occasion: Mapped[str | None] = mapped_column(String)
    occasion_kind: Mapped[str | None] = mapped_column(String(16))


class StatementRedirect(Base):
    """A statement absorbed by another when new evidence linked them: its id keeps
    resolving to the statement that took its quotes (revision 0014)."""

    __tablename__ = "statement_redirects"

    old_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    statement_id: Mapped[int] = mapped_column(
        ForeignKey("statements.id", ondelete="CASCADE"), index=True
    )
    merged_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class SpeakerDay(Base):
    """How many of a speaker's quotes one outlet published on one day (revision 0016): the
    counts a speaker's timeline is read from. Kept by triggers on ``quotes`` and
    ``articles``, never written by code; undated articles count under :data:`NO_DAY`,
    articles without an outlet under outlet :data:`NO_OUTLET`."""

    __tablename__ = "speaker_days"
    __table_args__ = (
        PrimaryKeyConstraint("speaker_id", "day", "outlet_id", name="pk_speaker_days"),
        {"sqlite_with_rowid": False},
    )

    speaker_id: Mapped[int] = mapped_column(Integer)
    day: Mapped[dt.date] = mapped_column(Date)
    outlet_id: Mapped[int] = mapped_column(Integer)
    n_quotes: Mapped[int] = mapped_column(Integer)


# The keys speaker_days uses for "no date" and "no outlet" (its keys are NOT NULL).
NO_DAY = dt.date(1, 1, 1)
NO_OUTLET = 0


class Quote(Base):
    """One quote in one article, with its speaker and (once grouped) its statement."""

    __tablename__ = "quotes"
    __table_args__ = (
        Index("ix_quotes_statement_id_variant_kind", "statement_id", "variant_kind"),
        # Covers the read of a speaker's window (statements.db.window_signatures_select).
        Index("ix_quotes_statement_id_type_signature", "statement_id", "type", "signature"),
        # A speaker's quotes with their articles without reading the quote rows (the web
        # view's timeline of a busy speaker); also serves every lookup by speaker alone.
        Index("ix_quotes_speaker_id_article_id", "speaker_id", "article_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    # Indexed as the leading column of ix_quotes_speaker_id_article_id.
    speaker_id: Mapped[int | None] = mapped_column(ForeignKey("speakers.id"))
    statement_id: Mapped[int | None] = mapped_column(
        ForeignKey("statements.id", ondelete="SET NULL"), index=True
    )
    type: Mapped[str] = mapped_column(String(16), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    cue: Mapped[str | None] = mapped_column(String)
    cue_start: Mapped[int | None] = mapped_column(Integer)
    cue_end: Mapped[int | None] = mapped_column(Integer)
    mention: Mapped[str | None] = mapped_column(String)
    mention_start: Mapped[int | None] = mapped_column(Integer)
    mention_end: Mapped[int | None] = mapped_column(Integer)
    sentence: Mapped[str | None] = mapped_column(Text)
    speaker_description: Mapped[str | None] = mapped_column(String)
    # The outlet or document that passed the words on (revision 0013).
    via: Mapped[str | None] = mapped_column(String)
    via_start: Mapped[int | None] = mapped_column(Integer)
    via_end: Mapped[int | None] = mapped_column(Integer)
    variant_kind: Mapped[str | None] = mapped_column(String(16))
    variant_detail: Mapped[str | None] = mapped_column(Text)
    similarity: Mapped[float | None] = mapped_column(Float)
    # Written when the quote is grouped, so that finding a new quote's candidates can test a
    # busy speaker's window without reading and tokenising every stored text.
    signature: Mapped[bytes | None] = mapped_column(LargeBinary)
    # When and where it was said, as the article's words around it tell (revision 0014; see
    # quotetrack.attribute.occasion): the resolved date, its precision (day, week, month)
    # and basis (explicit date or counted back from publication), and the phrases' offsets.
    said_on: Mapped[dt.date | None] = mapped_column(Date)
    said_on_precision: Mapped[str | None] = mapped_column(String(8))
    said_on_basis: Mapped[str | None] = mapped_column(String(16))
    said_when: Mapped[str | None] = mapped_column(String)
    said_when_start: Mapped[int | None] = mapped_column(Integer)
    said_when_end: Mapped[int | None] = mapped_column(Integer)
    occasion: Mapped[str | None] = mapped_column(String)
    occasion_kind: Mapped[str | None] = mapped_column(String(16))
    occasion_start: Mapped[int | None] = mapped_column(Integer)
    occasion_end: Mapped[int | None] = mapped_column(Integer)


class Correction(Base):
    """One entry of the researchers' append-only correction log (``quotetrack fix``).

    ``args`` (JSON) holds the fix's parameters with stable references (article url and hash,
    quote offsets and text, speaker identity keys), so that it can be replayed after a
    re-ingest and imported into another database. An ``undo`` entry names the entry it
    reverts in ``undoes``; rows are never updated or deleted.
    """

    __tablename__ = "corrections"
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    action: Mapped[str] = mapped_column(String(32))
    target_id: Mapped[int | None] = mapped_column(Integer)
    args: Mapped[str] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str] = mapped_column(String)
    forced: Mapped[bool] = mapped_column(Boolean, default=False)
    undoes: Mapped[int | None] = mapped_column(ForeignKey("corrections.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class MachineValue(Base):
    """The machine's value of one field a correction overrode (what undo restores).

    ``entity`` is ``quote`` or ``speaker``; ``field`` one of ``speaker_id``, ``type``,
    ``span``, ``deleted``, ``statement`` (quotes) or ``name``, ``role``, ``kind`` (speakers);
    ``value`` is JSON. For quotes, ``article_id`` and ``content_hash`` say which version of
    which article the value belongs to.
    """

    __tablename__ = "machine_values"
    __table_args__ = (
        UniqueConstraint("entity", "entity_id", "field"),
        Index("ix_machine_values_article_id", "article_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity: Mapped[str] = mapped_column(String(16))
    entity_id: Mapped[int] = mapped_column(Integer)
    field: Mapped[str] = mapped_column(String(16))
    value: Mapped[str | None] = mapped_column(Text)
    article_id: Mapped[int | None] = mapped_column(Integer)
    content_hash: Mapped[str | None] = mapped_column(String(64))
    correction_id: Mapped[int | None] = mapped_column(ForeignKey("corrections.id"))


class Feed(Base):
    """An RSS/Atom feed that `quotetrack watch` polls, with what the last poll learnt."""

    __tablename__ = "feeds"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    url: Mapped[str] = mapped_column(String, unique=True)
    etag: Mapped[str | None] = mapped_column(String)
    last_modified: Mapped[str | None] = mapped_column(String)
    last_polled_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    last_ok_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class FeedEntry(Base):
    """One entry a feed listed, recorded once its page was stored or failed for good."""

    __tablename__ = "feed_entries"
    __table_args__ = (UniqueConstraint("feed_id", "entry_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    feed_id: Mapped[int] = mapped_column(ForeignKey("feeds.id", ondelete="CASCADE"))
    entry_key: Mapped[str] = mapped_column(String)
    url: Mapped[str | None] = mapped_column(String)
    seen_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    outcome: Mapped[str] = mapped_column(String(16))


class Setting(Base):
    """A setting that must hold for every run on this database (revision 0010), such as the
    statement grouping parameters that ingest and ``regroup`` share. ``value`` is JSON."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


__all__ = [
    "Base",
    "Outlet",
    "Article",
    "Speaker",
    "SpeakerAlias",
    "DescriptionName",
    "Statement",
    "StatementRedirect",
    "Quote",
    "Correction",
    "MachineValue",
    "Feed",
    "FeedEntry",
    "Setting",
    "utcnow",
]
