"""`sql` on PostgreSQL cannot be talked past (issue 16, items 1 and 2).

Needs a server: ``$QUOTETRACK_TEST_PG`` (the owner role, as CI sets it) and, for the tests
that privileged roles are refused, ``$QUOTETRACK_TEST_PG_SUPERUSER`` (a superuser on the same
server). With ``$QUOTETRACK_TEST_PG_LOG`` (the server's log file) the tests also read the log
to show that a refused statement never reached the server.
"""

from __future__ import annotations

import os
import re
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from quotetrack.store import open_store, postgres
from quotetrack.store.sql import (
    PrivilegedRoleRefused,
    QueryTimeout,
    ReadOnlyViolation,
    SQLError,
    run_readonly_sql,
)
from quotetrack.types import Article, Quote

PG = os.environ.get("QUOTETRACK_TEST_PG")
SUPER = os.environ.get("QUOTETRACK_TEST_PG_SUPERUSER")
LOG = os.environ.get("QUOTETRACK_TEST_PG_LOG")
DOCS = Path(__file__).resolve().parent.parent / "docs" / "sql.md"

pytestmark = pytest.mark.skipif(not PG, reason="QUOTETRACK_TEST_PG names no PostgreSQL server")
needs_superuser = pytest.mark.skipif(
    not SUPER, reason="QUOTETRACK_TEST_PG_SUPERUSER names no superuser URL (see .ci/run)"
)


@pytest.fixture(scope="module")
def dbname(pg_template):
    name = f"qt_harden_{os.getpid()}"
    postgres.drop_and_create(PG, [name], template=pg_template)
    store = open_store(postgres.with_database(PG, name))
    text_ = '"Aid must reach Gaza," Antony Blinken said.'
    store.save_article(
        Article(text=text_, outlet="Reuters", url="https://example.org/a"),
        [Quote(type="direct", start=1, end=20, speaker="Antony Blinken", speaker_kind="person")],
    )
    store.close()
    yield name
    postgres.drop_databases(PG, [name])


@pytest.fixture
def owner_url(dbname):
    return postgres.with_database(PG, dbname)


@pytest.fixture
def super_url(dbname):
    return postgres.with_database(SUPER, dbname)


def admin(url: str, *statements: str) -> None:
    engine = create_engine(postgres.driver_url(url), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            for statement in statements:
                conn.exec_driver_sql(statement)
    finally:
        engine.dispose()


def attacks(target: Path, marker: str) -> list[str]:
    """COPY … TO PROGRAM hidden behind comment rules a text filter gets wrong: block
    comments nest in PostgreSQL, and a -- comment also ends at a carriage return."""
    copy = f"COPY (SELECT '{marker}') TO PROGRAM 'id > {target}'"
    return [
        f"/* /* */ SELECT */ {copy}",
        f"/* {marker} /* nested */ still a comment */ {copy}",
        f"SELECT 1 -- \r; {copy}",
    ]


def log_text() -> str:
    return Path(LOG).read_text(errors="replace") if LOG else ""


# ------------------------------------------------------------------ item 1: COPY TO PROGRAM


def test_copy_to_program_behind_nested_comments_never_runs_as_the_owner(owner_url, tmp_path):
    target = tmp_path / "owned"
    for attack in attacks(target, "qt-owner-" + uuid.uuid4().hex):
        with pytest.raises((ReadOnlyViolation, SQLError)) as refused:
            run_readonly_sql(owner_url, attack)
        # Refused by the server's parser (not a query, or a second statement), not merely
        # by the owner lacking the privilege to run programs.
        assert re.search("refused COPY|one statement", str(refused.value)), refused.value
        assert "pg_execute_server_program" not in str(refused.value)
    assert not target.exists()


@needs_superuser
def test_a_superuser_url_is_refused_before_the_statement_reaches_the_server(
    super_url, owner_url, dbname, tmp_path
):
    target = tmp_path / "owned"
    marker = "qt-attack-" + uuid.uuid4().hex
    control = "qt-control-" + uuid.uuid4().hex
    # Every statement of a session on this database goes to the server's log from now on.
    admin(SUPER, f"ALTER DATABASE {postgres.quote_ident(dbname)} SET log_statement = 'all'")
    try:
        for attack in attacks(target, marker):
            with pytest.raises(PrivilegedRoleRefused) as refused:
                run_readonly_sql(super_url, attack)
            message = str(refused.value)
            assert "superuser" in message and "--allow-privileged-role" in message
            assert "docs/sql.md" in message
        assert run_readonly_sql(owner_url, f"SELECT '{control}' AS c").rows == [(control,)]
    finally:
        admin(SUPER, f"ALTER DATABASE {postgres.quote_ident(dbname)} RESET log_statement")
    assert not target.exists()
    if LOG:
        log = log_text()
        assert control in log  # the log does record what reaches the server …
        assert marker not in log  # … and the attack never did


@needs_superuser
def test_the_server_files_and_other_sessions_are_out_of_reach_of_a_superuser_url(super_url):
    for statement in (
        "SELECT pg_read_file('/etc/passwd')",
        "TABLE pg_authid",
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid()",
    ):
        with pytest.raises(PrivilegedRoleRefused):
            run_readonly_sql(super_url, statement)


@needs_superuser
def test_opting_in_runs_as_the_superuser_with_a_note_and_still_only_queries(super_url, tmp_path):
    result = run_readonly_sql(super_url, "SELECT current_user", allow_privileged_role=True)
    assert result.rows and any("privileged role" in n for n in result.notes)
    target = tmp_path / "owned"
    for attack in attacks(target, "qt-optin-" + uuid.uuid4().hex):
        with pytest.raises((ReadOnlyViolation, SQLError)):
            run_readonly_sql(super_url, attack, allow_privileged_role=True)
    assert not target.exists()


@needs_superuser
@pytest.mark.parametrize(
    "granted", ["pg_read_server_files", "pg_execute_server_program", "pg_signal_backend"]
)
def test_members_of_roles_that_leave_the_database_are_refused(super_url, granted):
    role = f"qt_member_{granted}_{os.getpid()}"
    admin(SUPER, f"CREATE ROLE {role} LOGIN NOINHERIT", f"GRANT {granted} TO {role}")
    try:
        url = re.sub(r"//[^@/]*@", f"//{role}@", super_url, count=1)
        with pytest.raises(PrivilegedRoleRefused, match=granted):
            run_readonly_sql(url, "SELECT 1")
    finally:
        admin(SUPER, f"DROP ROLE {role}")


# ------------------------------------------------------------------ item 2: the reader role


def reader_recipe() -> str:
    """The read-only role's SQL exactly as docs/sql.md gives it."""
    doc = DOCS.read_text()
    block = doc.split("<!-- reader-role:", 1)[1].split("```sql", 1)[1].split("```", 1)[0]
    return block


@needs_superuser
def test_the_documented_reader_role_reads_and_cannot_write(super_url, owner_url, dbname):
    role = f"qt_reader_{os.getpid()}"
    recipe = reader_recipe().replace("quotetrack_reader", role)
    recipe = re.sub(r"DATABASE quotetrack\b", f"DATABASE {dbname}", recipe)
    statements = [s.strip() for s in recipe.split(";") if s.strip()]
    admin(super_url, *statements)
    reader_url = re.sub(r"//[^@/]*@", f"//{role}:x@", super_url, count=1)
    try:
        result = run_readonly_sql(reader_url, "SELECT speaker, text FROM quote_view")
        assert result.rows == [("Antony Blinken", "Aid must reach Gaza")] and not result.notes
        # Outside quotetrack's transaction, on a plain connection of its own, it still
        # cannot write, create tables, or stop the owner's sessions.
        engine = create_engine(postgres.driver_url(reader_url), isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as conn:
                conn.exec_driver_sql("SET default_transaction_read_only = off")
                for statement in (
                    "DELETE FROM quotes",
                    "CREATE TABLE notes (x int)",
                    "CREATE TEMP TABLE notes (x int)",
                ):
                    with pytest.raises(Exception, match="permission denied"):
                        conn.exec_driver_sql(statement)
                owner = create_engine(postgres.driver_url(owner_url))
                try:
                    with owner.connect() as owner_conn:
                        pid = owner_conn.scalar(text("SELECT pg_backend_pid()"))
                        with pytest.raises(Exception, match="permission denied|must be"):
                            conn.execute(text("SELECT pg_terminate_backend(:p)"), {"p": pid})
                        assert owner_conn.scalar(text("SELECT 1")) == 1
                finally:
                    owner.dispose()
        finally:
            engine.dispose()
        assert run_readonly_sql(owner_url, "SELECT count(*) FROM quotes").rows == [(1,)]
    finally:
        admin(
            super_url,
            f"DROP OWNED BY {role}",
            f"DROP ROLE {role}",
        )


# ------------------------------------------------------------------ limits and streaming


def test_rows_stream_to_the_limit(owner_url):
    result = run_readonly_sql(owner_url, "SELECT g FROM generate_series(1, 1000000) AS g", limit=3)
    assert result.rows == [(1,), (2,), (3,)] and result.truncated


def test_slow_rows_stop_at_the_wall_time(owner_url):
    with pytest.raises(QueryTimeout):
        run_readonly_sql(
            owner_url, "SELECT pg_sleep(0.05) FROM generate_series(1, 1000)", timeout=0.5
        )


def test_a_query_may_end_with_a_semicolon_or_a_comment(owner_url):
    assert run_readonly_sql(owner_url, "SELECT '100%' AS pct; -- done").rows == [("100%",)]


def test_settings_changed_by_a_query_do_not_outlive_it(owner_url):
    run_readonly_sql(owner_url, "SELECT set_config('statement_timeout', '0', false)")
    with pytest.raises(QueryTimeout):
        run_readonly_sql(owner_url, "SELECT pg_sleep(3)", timeout=0.3)
