"""The web view (`quotetrack serve`): every page and its JSON, on the samples.

The app is driven through Starlette's test client over a real SQLite database opened
read-only, as `serve` opens it: the five samples ingested by the real pipeline plus three
articles written in tests/web_data.py (a statement one outlet altered, and an outlet, a
speaker and a quote whose names hold markup).
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import tomllib
from pathlib import Path

import pytest
import web_data
from click.testing import CliRunner
from starlette.testclient import TestClient

import quotetrack
from quotetrack.cli import cli
from quotetrack.web.app import create_app

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def web_db(tmp_path_factory, nlp) -> Path:
    return web_data.build(tmp_path_factory.mktemp("web") / "quotetrack.db")


@pytest.fixture(scope="module")
def client(web_db):
    qt = quotetrack.open(web_db, readonly=True)
    with TestClient(create_app(qt), raise_server_exceptions=False) as c:
        yield c
    qt.close()


def get_json(client, path: str, status: int = 200):
    sep = "&" if "?" in path else "?"
    r = client.get(f"{path}{sep}format=json", follow_redirects=False)
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    return r.json()


def get_html(client, path: str, status: int = 200) -> str:
    r = client.get(path, follow_redirects=False)
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("text/html")
    return r.text


def sql(db: Path, query: str):
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
        return con.execute(query).fetchall()


def copy_db(src: Path, dst: Path) -> None:
    """A consistent copy of a database, including what is still in its write-ahead log."""
    with sqlite3.connect(src) as a, sqlite3.connect(dst) as b:
        a.backup(b)


def blinken_cross_outlet(db: Path) -> int:
    """The samples' statement by Antony Blinken that two outlets carried."""
    rows = sql(
        db,
        "SELECT s.id FROM statements s JOIN speakers p ON p.id = s.speaker_id "
        "WHERE p.name = 'Antony Blinken' AND s.n_outlets >= 2",
    )
    assert len(rows) == 1
    return rows[0][0]


def lopez_statement(db: Path) -> int:
    return sql(
        db,
        "SELECT DISTINCT q.statement_id FROM quotes q JOIN speakers p ON p.id = q.speaker_id "
        "WHERE p.name = 'Maria Lopez'",
    )[0][0]


def page_paths(db: Path) -> list[str]:
    """One url of every kind of page, pointing at things that exist."""
    speaker = sql(db, "SELECT id FROM speakers WHERE name = 'Antony Blinken'")[0][0]
    quote, article = sql(
        db,
        "SELECT q.id, q.article_id FROM quotes q JOIN speakers p ON p.id = q.speaker_id "
        "WHERE p.name = 'Antony Blinken' AND q.type = 'direct' LIMIT 1",
    )[0]
    outlet = sql(db, "SELECT id FROM outlets WHERE name = 'The Times of Israel'")[0][0]
    return [
        "/",
        f"/speakers/{speaker}",
        f"/statements/{blinken_cross_outlet(db)}",
        f"/quotes/{quote}",
        f"/articles/{article}",
        f"/outlets/{outlet}",
        "/search?q=civilians",
    ]


# --------------------------------------------------------------------------- every page


def test_every_page_answers_in_html_and_in_json(client, web_db):
    for path in page_paths(web_db):
        html = get_html(client, path)
        assert "<h1" in html and "</html>" in html
        # The page links to its own JSON, which holds the same data.
        assert "format=json" in html
        data = get_json(client, path)
        assert isinstance(data, dict) and data


def test_no_page_has_a_script_and_every_page_forbids_them(client, web_db):
    for path in page_paths(web_db):
        r = client.get(path)
        assert "<script" not in r.text.lower()
        assert "script-src" not in r.headers["content-security-policy"]  # default-src 'none'
        assert "default-src 'none'" in r.headers["content-security-policy"]


def test_pages_load_nothing_from_elsewhere(client, web_db):
    for path in page_paths(web_db):
        html = get_html(client, path)
        for attr in re.findall(r'(?:src|href)="([^"]*)"', html):
            assert not attr.startswith(("http:", "https:", "//")), (path, attr)
    css = client.get("/static/style.css")
    assert css.status_code == 200 and "del.d" in css.text
    assert client.get("/static/favicon.svg").status_code == 200


# --------------------------------------------------------------------------- front page


def test_front_page_ranks_the_cross_outlet_statement_first(client, web_db):
    data = get_json(client, "/")
    top = data["statements"][0]
    assert top["n_outlets"] >= 2
    ids = [s["statement_id"] for s in data["statements"]]
    assert blinken_cross_outlet(web_db) in ids
    assert data["stats"]["quotes"] == sql(web_db, "SELECT count(*) FROM quotes")[0][0]
    assert any(sp["name"] == "Antony Blinken" for sp in data["speakers"])
    html = get_html(client, "/")
    assert 'name="q"' in html and 'action="/search"' in html
    assert f'href="/statements/{top["statement_id"]}"' in html


# --------------------------------------------------------------------------- speakers


def test_speaker_page_has_names_role_statements_and_a_chart(client, web_db):
    sid = sql(web_db, "SELECT id FROM speakers WHERE name = 'Antony Blinken'")[0][0]
    data = get_json(client, f"/speakers/{sid}")
    assert data["name"] == "Antony Blinken"
    assert data["role"] and "Secretary of State" in data["role"]
    assert "Blinken" in data["aliases"]
    n = sql(web_db, f"SELECT count(*) FROM quotes WHERE speaker_id = {sid}")[0][0]
    assert data["n_quotes"] == n
    # The timeline counts every dated quote once, in consecutive periods.
    assert sum(p["n_quotes"] for p in data["timeline"]) == n - data["n_undated"]
    assert all(p["n_outlets"] <= p["n_quotes"] for p in data["timeline"])
    reach = [s["n_outlets"] for s in data["statements"]]
    assert reach == sorted(reach, reverse=True)
    html = get_html(client, f"/speakers/{sid}")
    assert 'id="speaker-chart"' in html and "<svg" in html
    assert "Secretary Blinken" in html


# --------------------------------------------------------------------------- statements


def test_statement_page_compares_each_outlet_with_the_root(client, web_db):
    sid = blinken_cross_outlet(web_db)
    data = get_json(client, f"/statements/{sid}")
    assert data["speaker"] == "Antony Blinken"
    assert len({v["outlet"] for v in data["variants"]}) == 2
    first = [v for v in data["variants"] if v["first_source"]]
    assert [v["outlet"] for v in first] == ["The Times of Israel"]
    assert data["spread"][0]["outlet"] == "The Times of Israel"
    assert data["spread"][0]["days_after_first"] == 0
    assert data["spread"][1]["days_after_first"] == 1
    html = get_html(client, f"/statements/{sid}")
    # Deleted and inserted words are marked by elements and text labels, not colour alone.
    assert '<del class="d"' in html or '<del class="r"' in html
    assert "<ins " in html
    assert "[left out: " in html or "[changed from: " in html
    assert "first source" in html
    assert 'id="spread-chart"' in html and "<svg" in html


def test_an_altered_quote_is_flagged_with_its_changed_words(client, web_db):
    sid = lopez_statement(web_db)
    data = get_json(client, f"/statements/{sid}")
    altered = [v for v in data["variants"] if v["altered"]]
    assert len(altered) == 1 and altered[0]["outlet"] == "Daily Planet"
    assert altered[0]["changes"] == [{"root": "a short", "variant": "any"}]
    assert data["n_altered"] == 1
    html = get_html(client, f"/statements/{sid}")
    assert "altered: possible misquote" in html
    assert re.search(r'<del class="r"[^>]*>.*?a short', html)
    assert re.search(r'<ins class="r"[^>]*>.*?any', html)
    assert "ALTERED" in html  # the chart's point label


def test_an_unknown_statement_is_a_404_page_not_a_traceback(client):
    html = get_html(client, "/statements/999999", status=404)
    assert "Not found" in html and "statement 999999 not found" in html
    assert "Traceback" not in html
    assert get_json(client, "/statements/999999", status=404)["status"] == 404


def test_a_merged_statement_id_redirects_when_the_database_records_merges(web_db, tmp_path):
    # A database whose statement merges left a redirect table: the old id answers with a
    # permanent redirect to the statement it was merged into (following chains of merges).
    db = tmp_path / "merged.db"
    copy_db(web_db, db)
    target = blinken_cross_outlet(db)
    with sqlite3.connect(db) as con:
        # The table of revision 0014 (old_id, statement_id, merged_at).
        con.execute(
            "INSERT INTO statement_redirects VALUES (900001, 900002, '2024-01-01'), "
            "(900002, ?, '2024-01-01')",
            (target,),
        )
    qt = quotetrack.open(db, readonly=True)
    with TestClient(create_app(qt)) as c:
        r = c.get("/statements/900001?format=json", follow_redirects=False)
        assert r.status_code == 301
        assert r.headers["location"].endswith(f"/statements/{target}?format=json")
        assert c.get("/statements/900001").json  # followed: the statement itself
        assert c.get("/statements/900003", follow_redirects=False).status_code == 404
    qt.close()


# --------------------------------------------------------------------------- quotes, articles


def test_quote_page_marks_the_quote_its_speaker_mention_and_cue_in_the_article(client, web_db):
    qid, text, mention, cue = sql(
        web_db,
        "SELECT q.id, q.text, q.mention, q.cue FROM quotes q JOIN speakers p ON "
        "p.id = q.speaker_id WHERE p.name = 'Antony Blinken' AND q.type = 'direct' "
        "AND q.mention_start IS NOT NULL AND q.cue_start IS NOT NULL LIMIT 1",
    )[0]
    data = get_json(client, f"/quotes/{qid}")
    marked = {
        k: "".join(s["text"] for s in data["segments"] if k in s["marks"])
        for k in ("quote", "mention", "cue")
    }
    assert marked["quote"] == text
    assert marked["mention"] == mention and marked["cue"] == cue
    # The segments put the whole article back together.
    article_text = sql(
        web_db,
        f"SELECT a.text FROM articles a JOIN quotes q ON q.article_id = a.id WHERE q.id = {qid}",
    )[0][0]
    assert "".join(s["text"] for s in data["segments"]) == article_text
    html = get_html(client, f"/quotes/{qid}")
    assert f'id="q{qid}"' in html
    assert 'class="tag tag-mention"' in html and 'class="tag tag-cue"' in html
    assert "mark-mention" in html and "mark-cue" in html


def test_article_page_marks_every_quote_in_place(client, web_db):
    aid = sql(web_db, "SELECT id FROM articles WHERE title LIKE 'Meeting PM%'")[0][0]
    n = sql(web_db, f"SELECT count(*) FROM quotes WHERE article_id = {aid}")[0][0]
    data = get_json(client, f"/articles/{aid}")
    assert len(data["quotes"]) == n
    assert {s["quote_id"] for s in data["segments"] if "quote" in s["marks"]} == {
        q["id"] for q in data["quotes"]
    }
    html = get_html(client, f"/articles/{aid}")
    assert html.count('class="tag tag-quote"') == n


def test_unknown_ids_are_404_pages_for_every_kind(client):
    for kind in ("speakers", "statements", "quotes", "articles", "outlets"):
        html = get_html(client, f"/{kind}/987654", status=404)
        assert "Not found" in html
        assert get_json(client, f"/{kind}/987654", status=404)["error"].endswith("not found")
        # Not a number, or no such page at all: the same 404 page.
        assert "Not found" in get_html(client, f"/{kind}/abc", status=404)
    assert "Not found" in get_html(client, "/no/such/page", status=404)


# --------------------------------------------------------------------------- outlets


def test_outlet_page_says_who_it_quotes_and_how_often_it_differs(client, web_db):
    oid = sql(web_db, "SELECT id FROM outlets WHERE name = 'Daily Planet'")[0][0]
    data = get_json(client, f"/outlets/{oid}")
    assert data["name"] == "Daily Planet"
    assert data["n_quotes"] == 1 and data["kinds"] == {"altered": 1}
    assert data["n_shared"] == 1 and data["differ"] == 1.0 and data["n_altered"] == 1
    assert data["speakers"][0]["name"] == "Maria Lopez"
    assert [q["text"] for q in data["altered"]] == [web_data.ALTERED_WORDING]
    html = get_html(client, f"/outlets/{oid}")
    assert "Who it quotes" in html and "Maria Lopez" in html and "100%" in html


# --------------------------------------------------------------------------- search


def test_search_highlights_hits_and_takes_filters(client):
    data = get_json(client, "/search?q=civilians")
    assert data["hits"]
    for h in data["hits"]:
        hits = [p["text"] for p in h["snippet_parts"] if p["hit"]]
        assert hits and all(w.lower().startswith("civilian") for w in hits)
    html = get_html(client, "/search?q=civilians")
    assert "<mark>civilians</mark>" in html
    only = get_json(client, "/search?q=civilians&outlet=RBC-Ukraine&type=indirect")
    assert only["hits"] and all(
        h["outlet"] == "RBC-Ukraine" and h["type"] == "indirect" for h in only["hits"]
    )
    assert len(only["hits"]) < len(data["hits"])
    later = get_json(client, "/search?q=civilians&since=2024-01-01")
    assert all(h["date"] >= "2024-01-01" for h in later["hits"])


def test_bad_search_input_is_explained_on_the_page(client):
    html = get_html(client, '/search?q="unterminated', status=400)
    assert "bad search query" in html
    assert "since must be a date" in get_html(client, "/search?q=aid&since=yesterday", status=400)
    assert get_json(client, "/search?q=aid&type=shouted", status=400)["error"].startswith("type")
    # No query yet: just the form.
    assert 'name="q"' in get_html(client, "/search")


# --------------------------------------------------------------------------- escaping


def test_markup_in_names_and_quotes_renders_as_text(client, web_db):
    oid = sql(web_db, f"SELECT id FROM outlets WHERE name = '{web_data.HOSTILE_OUTLET}'")[0][0]
    qid, aid, sid, stmt = sql(
        web_db,
        "SELECT id, article_id, speaker_id, statement_id FROM quotes WHERE text LIKE '<script>%'",
    )[0]
    paths = [
        "/",
        f"/outlets/{oid}",
        f"/quotes/{qid}",
        f"/articles/{aid}",
        f"/speakers/{sid}",
        f"/statements/{stmt}",
        f"/statements/{lopez_statement(web_db)}",
        "/search?q=bridge",
        "/search?q=" + "%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
    ]
    for path in paths:
        html = client.get(path).text
        assert "<script" not in html.lower(), path
        assert "<img" not in html.lower(), path
    assert (
        "&lt;script&gt;alert(&#39;quote&#39;)&lt;/script&gt;" in client.get(f"/quotes/{qid}").text
    )
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in client.get(f"/outlets/{oid}").text
    # Charts escape what they print too (the outlet is a row label of the spread chart).
    chart = client.get(f"/statements/{lopez_statement(web_db)}").text
    assert "&lt;img src=x onerror=alert(1)&gt;" in chart
    # JSON carries the names unchanged.
    assert get_json(client, f"/outlets/{oid}")["name"] == web_data.HOSTILE_OUTLET


# --------------------------------------------------------------------------- read-only


def test_browsing_never_writes_to_the_database(web_db, tmp_path):
    db = tmp_path / "browse.db"
    copy_db(web_db, db)
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    qt = quotetrack.open(db, readonly=True)
    with TestClient(create_app(qt)) as c:
        for path in page_paths(db):
            assert c.get(path).status_code == 200
            assert c.get(path + ("&" if "?" in path else "?") + "format=json").status_code == 200
    qt.close()
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    # Nothing waits in a write-ahead log either (a reader may leave an empty one).
    wal = Path(f"{db}-wal")
    assert not wal.exists() or wal.stat().st_size == 0


# --------------------------------------------------------------------------- commands


def test_statement_html_writes_one_self_contained_page(web_db, tmp_path):
    sid = blinken_cross_outlet(web_db)
    out = tmp_path / "statement.html"
    result = CliRunner().invoke(
        cli, ["--db", str(web_db), "statement", str(sid), "--html", str(out)]
    )
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "<style>" in html and "del.d" in html  # the stylesheet, inline
    assert "<svg" in html and "The Times of Israel" in html
    assert "<script" not in html.lower()
    assert not re.search(r'(?:src|href)="(?!#)', html)  # nothing to fetch, no site links
    assert "Antony Blinken" in html


def test_statement_html_for_an_unknown_statement_fails_clearly(web_db, tmp_path):
    out = tmp_path / "missing.html"
    result = CliRunner().invoke(
        cli, ["--db", str(web_db), "statement", "999999", "--html", str(out)]
    )
    assert result.exit_code == 1
    assert "No statement 999999" in result.output
    assert not out.exists()


def test_serve_refuses_a_database_that_does_not_exist(tmp_path):
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "none.db"), "serve"])
    assert result.exit_code == 1
    assert "Cannot open database" in result.output and "none.db" in result.output
    assert not (tmp_path / "none.db").exists()


def test_templates_and_static_files_ship_in_the_package():
    cfg = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    patterns = cfg["package-data"]["quotetrack.web"]
    web = ROOT / "quotetrack" / "web"
    shipped = {p for pat in patterns for p in web.glob(pat)}
    on_disk = {p for d in ("templates", "static") for p in (web / d).iterdir() if p.is_file()}
    assert on_disk == shipped


# --------------------------------------------------------------------------- PostgreSQL


def test_the_same_pages_over_postgresql(pg_template, request, web_db):
    """Every page answers on PostgreSQL too, with the statement's data as on SQLite."""
    from sqlalchemy import text

    from quotetrack.store import postgres

    request.getfixturevalue("nlp")
    pg = os.environ["QUOTETRACK_TEST_PG"]
    name = f"qt_test_web_{os.getpid()}"
    postgres.drop_and_create(pg, [name], template=pg_template)
    url = postgres.with_database(pg, name)
    try:
        web_data.build(url)
        qt = quotetrack.open(url, readonly=True)
        try:
            with TestClient(create_app(qt)) as c, qt.store.session() as s:

                def one(query: str):
                    return s.execute(text(query)).first()[0]

                sid = one(
                    "SELECT s.id FROM statements s JOIN speakers p ON p.id = s.speaker_id "
                    "WHERE p.name = 'Antony Blinken' AND s.n_outlets >= 2"
                )
                speaker = one("SELECT id FROM speakers WHERE name = 'Antony Blinken'")
                quote = one(f"SELECT root_quote_id FROM statements WHERE id = {sid}")
                article = one(f"SELECT article_id FROM quotes WHERE id = {quote}")
                outlet = one("SELECT id FROM outlets WHERE name = 'Daily Planet'")
                for path in (
                    "/",
                    f"/speakers/{speaker}",
                    f"/statements/{sid}",
                    f"/quotes/{quote}",
                    f"/articles/{article}",
                    f"/outlets/{outlet}",
                    "/search?q=civilians",
                ):
                    assert c.get(path).status_code == 200, path
                    assert (
                        c.get(path + ("&" if "?" in path else "?") + "format=json").status_code
                        == 200
                    )
                on_pg = c.get(f"/statements/{sid}?format=json").json()
        finally:
            qt.close()
    finally:
        postgres.drop_databases(pg, [name])
    with quotetrack.open(web_db, readonly=True) as lite, TestClient(create_app(lite)) as c:
        on_sqlite = c.get(f"/statements/{blinken_cross_outlet(web_db)}?format=json").json()

    def variants(d: dict) -> list[tuple]:
        return [(v["outlet"], v["published"], v["text"], v["variant_kind"]) for v in d["variants"]]

    assert variants(on_pg) == variants(on_sqlite)
    assert [r["outlet"] for r in on_pg["spread"]] == [r["outlet"] for r in on_sqlite["spread"]]


def test_an_empty_database_has_a_front_page(tmp_path):
    quotetrack.open(tmp_path / "empty.db").close()  # created and migrated, nothing stored
    qt = quotetrack.open(tmp_path / "empty.db", readonly=True)
    with TestClient(create_app(qt)) as c:
        html = get_html(c, "/")
        assert "No statements yet" in html
        data = get_json(c, "/")
        assert data["statements"] == [] and data["speakers"] == []
        assert data["stats"]["quotes"] == 0
    qt.close()


def test_the_web_view_reads_only_through_the_library_api():
    # A read-only web app over quotetrack.open(): no module of quotetrack.web reaches the
    # store, the statements package or SQLAlchemy itself.
    import ast

    forbidden = ("quotetrack.store", "quotetrack.statements", "quotetrack.ingest", "sqlalchemy")
    found = []
    for path in sorted((ROOT / "quotetrack" / "web").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            found += [f"{path.name}: {n}" for n in names if n.startswith(forbidden)]
    assert found == []
