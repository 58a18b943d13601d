"""The web view in a real browser: headless Chromium (Debian's ``chromium`` and
``chromium-driver``) driven by Selenium against a running ``quotetrack serve``.

Skipped, with the reason, when Selenium, Chromium or its driver is not installed (.ci/run
installs them). Screenshots of every page land in the test's tmp directory.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import web_data

webdriver = pytest.importorskip(
    "selenium.webdriver", reason="selenium is not installed (pip install '.[browser]')"
)

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    not (CHROMIUM and DRIVER),
    reason="headless Chromium is not installed (apt-get install chromium chromium-driver)",
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory, nlp):
    """``quotetrack serve`` on a free localhost port, over the samples database."""
    db = web_data.build(tmp_path_factory.mktemp("browser") / "quotetrack.db")
    port = free_port()
    log = tmp_path_factory.mktemp("serve-log") / "serve.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "quotetrack", "--db", str(db), "serve", "--port", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"quotetrack serve did not start: {log.read_text()}")
            time.sleep(0.2)
    yield base, db
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(arg)
    options.add_argument("--window-size=1280,1000")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    yield driver
    driver.quit()


def visit(browser, url: str, shot: Path) -> None:
    """Load ``url``, fail on any console error, and save a full-page screenshot."""
    browser.set_window_size(1280, 800)
    browser.get(url)
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert not errors, errors
    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.set_window_size(1280, max(800, min(height, 6000)))
    browser.save_screenshot(str(shot))
    assert shot.stat().st_size > 10_000


def sql(db: Path, query: str):
    import sqlite3

    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
        return con.execute(query).fetchall()


def test_front_speaker_and_statement_pages_render_in_chromium(server, browser, tmp_path):
    from selenium.webdriver.common.by import By

    base, db = server
    visit(browser, base + "/", tmp_path / "home.png")
    cards = browser.find_elements(By.CSS_SELECTOR, "ol.cards li.card")
    assert cards and "outlets" in cards[0].text
    assert browser.find_element(By.CSS_SELECTOR, "form.big-search input[name=q]").is_displayed()

    speaker = sql(db, "SELECT id FROM speakers WHERE name = 'Antony Blinken'")[0][0]
    visit(browser, f"{base}/speakers/{speaker}", tmp_path / "speaker.png")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Antony Blinken"
    chart = browser.find_element(By.CSS_SELECTOR, "#speaker-chart svg")
    assert chart.size["width"] > 400 and chart.size["height"] > 150
    # pygal drew the lines and dots.
    assert browser.find_elements(By.CSS_SELECTOR, "#speaker-chart svg .dots")

    statement = sql(
        db,
        "SELECT s.id FROM statements s JOIN speakers p ON p.id = s.speaker_id "
        "WHERE p.name = 'Antony Blinken' AND s.n_outlets >= 2",
    )[0][0]
    visit(browser, f"{base}/statements/{statement}", tmp_path / "statement.png")
    chart = browser.find_element(By.CSS_SELECTOR, "#spread-chart svg")
    assert chart.size["width"] > 400
    labels = " ".join(e.text for e in chart.find_elements(By.CSS_SELECTOR, "text"))
    assert "The Times of Israel" in labels and "FIRST" in labels
    struck = browser.find_elements(By.CSS_SELECTOR, "article.variant del")
    added = browser.find_elements(By.CSS_SELECTOR, "article.variant ins")
    assert struck and added
    # The marks are drawn as strike-through and underline, not by colour alone.
    assert "line-through" in struck[0].value_of_css_property("text-decoration-line")
    assert "underline" in added[0].value_of_css_property("text-decoration-line")
    first = browser.find_element(By.CSS_SELECTOR, "article.variant.is-first header")
    assert "The Times of Israel" in first.text and "first source" in first.text


def test_an_altered_quote_and_a_quote_in_its_article_render_in_chromium(server, browser, tmp_path):
    from selenium.webdriver.common.by import By

    base, db = server
    statement = sql(
        db,
        "SELECT DISTINCT q.statement_id FROM quotes q JOIN speakers p ON p.id = q.speaker_id "
        "WHERE p.name = 'Maria Lopez'",
    )[0][0]
    visit(browser, f"{base}/statements/{statement}", tmp_path / "altered.png")
    altered = browser.find_element(By.CSS_SELECTOR, "article.variant.is-altered")
    assert "altered: possible misquote" in altered.text
    assert "Daily Planet" in altered.text
    # The outlet whose name holds markup shows it as text; no image element was injected.
    assert web_data.HOSTILE_OUTLET in browser.find_element(By.ID, "variants").text
    assert not browser.find_elements(By.CSS_SELECTOR, "main img")

    quote = sql(db, "SELECT id FROM quotes WHERE text LIKE '<script>%'")[0][0]
    visit(browser, f"{base}/quotes/{quote}", tmp_path / "quote.png")
    focus = browser.find_element(By.ID, f"q{quote}")
    assert focus.text.startswith("<script>")
    assert browser.find_element(By.CSS_SELECTOR, ".article-text .mark-mention").text == "Haddad"
    assert browser.find_element(By.CSS_SELECTOR, ".article-text .mark-cue").text == "said"
