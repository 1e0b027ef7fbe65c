"""End-to-end: the real dashboard served on a free port, driven by Chromium through Playwright.

Screenshots of every page and the timings of each page load are written to
``test-artifacts/`` (or ``$TEST_ARTIFACTS``). Outside CI the tests are skipped,
with the reason, when Playwright or Chromium is missing; in CI they fail.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote_plus

import pytest

from .conftest import ROOT

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
PAGES = {"overview": "", "topics": "topics", "quotes": "quotes", "figures": "figures", "compare": "compare",
         "reader": "reader", "corpus": "corpus"}
pytestmark = pytest.mark.browser
ARTIFACTS = Path(os.environ.get("TEST_ARTIFACTS", ROOT / "test-artifacts"))
SPUN = "“We were dirty and tired. People around us…”"  # no outlet, no title: its opening words


def _chromium() -> str:
    found = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    problem = None
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        problem = "the playwright package is not installed"
    if not Path(found).exists():
        problem = f"no Chromium at {found} (apt-get install -y chromium)"
    if problem:
        if os.environ.get("CI"):
            pytest.fail(f"browser tests cannot run in CI: {problem}")
        pytest.skip(f"browser tests skipped: {problem}")
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


SERVER_PIDS: dict[str, int] = {}  # base address -> the streamlit process, to read its CPU time and memory
SERVER_LOGS: dict[str, Path] = {}  # base address -> what the server wrote


def server_warnings(base: str) -> list[str]:
    """The warnings and errors in a server's log so far."""
    return [line for line in SERVER_LOGS[base].read_text(encoding="utf-8", errors="replace").splitlines()
            if " WARNING " in line or " ERROR " in line or "Traceback" in line]


def _server_usage(base: str) -> tuple[float, int]:
    """CPU seconds the server process has used, and its peak memory in MB (Linux /proc)."""
    pid = SERVER_PIDS[base]
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    peak = next(int(line.split()[1]) for line in Path(f"/proc/{pid}/status").read_text().splitlines()
                if line.startswith("VmHWM:"))
    return cpu, peak // 1024


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    yield from _serve(tmp_path_factory, {})


def _serve(tmp_path_factory, extra_env: dict[str, str]):
    _chromium()
    port = _free_port()
    env = {**os.environ, "NEWS_COVERAGE_DB": str(tmp_path_factory.mktemp("store") / "corpus.sqlite3"), **extra_env}
    log = (tmp_path_factory.mktemp("log") / "streamlit.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    SERVER_PIDS[base] = proc.pid
    SERVER_LOGS[base] = Path(log.name)
    deadline = time.monotonic() + 90
    while True:  # like Streamlit's own e2e conftest: poll the health endpoint
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:
                if r.read().strip() == b"ok":
                    break
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"streamlit did not start; see {log.name}")
        time.sleep(0.3)
    yield base
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


@pytest.fixture(scope="module")
def browser(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=_chromium(), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1800}, accept_downloads=True)
    pg = context.new_page()
    yield pg
    context.close()


def settle(pg, timeout: float = 60_000, *, idle: bool = False) -> None:
    """Wait until the script has run: a title is shown and the running indicator is gone.

    Then a short pause for late elements, left out with ``idle`` (when timing).
    """
    pg.wait_for_selector("h1", timeout=timeout)
    pg.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=timeout)
    if not idle:
        pg.wait_for_timeout(400)
    assert pg.get_by_test_id("stException").count() == 0, pg.get_by_test_id("stException").first.inner_text()


def metric(pg, label: str) -> str:
    box = pg.get_by_test_id("stMetric").filter(has_text=label).first
    return box.get_by_test_id("stMetricValue").inner_text().strip()


def download_button(pg, label: str):
    """The first of our download buttons with this label (the table toolbar has its own CSV button)."""
    return pg.get_by_test_id("stDownloadButton").filter(has_text=label).first.get_by_role("button")


def upload(pg, server: str, path: Path, *, documents: int) -> None:
    """Add a file through the Corpus page's uploader, as a user does, and wait for the confirmation."""
    pg.goto(f"{server}/corpus")
    settle(pg)
    pg.locator("input[type=file]").first.set_input_files(str(path))
    pg.get_by_text(path.name).wait_for()
    pg.get_by_role("button", name="Add to my corpus").first.click()
    pg.get_by_text(f"Added {documents:,} document{'' if documents == 1 else 's'}.").wait_for(timeout=60_000)


# Every chart's drawing within the page's column: a chart wider than the column is cut off at its edge.
CHARTS_OVERFLOWING = """() => {
    const column = document.querySelector('[data-testid="stMainBlockContainer"]');
    const right = column.getBoundingClientRect().right - parseFloat(getComputedStyle(column).paddingRight);
    return [...document.querySelectorAll('[data-testid="stVegaLiteChart"] canvas, [data-testid="stVegaLiteChart"] svg')]
        .filter(c => c.getBoundingClientRect().right > right + 1)
        .map(c => `${Math.round(c.getBoundingClientRect().width)} px wide, ${Math.round(c.getBoundingClientRect().right - right)} px past the edge`);
}"""
VIEWPORTS = ((1440, 900), (1024, 768))


@pytest.mark.parametrize(("width", "height"), VIEWPORTS)
def test_every_page_opens_fits_its_charts_and_is_screenshotted(browser, server, width, height):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    timings = {}
    for name, path in PAGES.items():
        start = time.perf_counter()
        page.goto(f"{server}/{path}")
        settle(page)
        timings[name] = round(time.perf_counter() - start, 2)
        page.wait_for_timeout(600)  # charts draw after the script has run
        assert page.evaluate(CHARTS_OVERFLOWING) == [], f"{name} at {width}x{height}"
        page.screenshot(path=str(ARTIFACTS / f"page-{name}-{width}x{height}.png"))
        assert (ARTIFACTS / f"page-{name}-{width}x{height}.png").stat().st_size > 10_000
    context.close()
    (ARTIFACTS / f"page-load-seconds-{width}x{height}.json").write_text(json.dumps(timings, indent=1))
    print(f"page load seconds at {width}x{height}:", timings)


def test_sidebar_filter_goes_into_the_url_and_follows_the_user(page, server):
    page.goto(server)
    settle(page)
    assert metric(page, "Documents") == "5"
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_test_id("stMultiSelect").filter(has_text="Documents").get_by_role("combobox").click()
    page.get_by_role("option", name="Newsweek").click()
    page.keyboard.press("Escape")
    page.wait_for_function("() => location.search.includes('doc=Newsweek')")
    settle(page)
    assert metric(page, "Documents") == "1"
    sidebar.get_by_role("link", name="Quotes").click()
    page.wait_for_function("() => location.pathname.endsWith('/quotes')")
    settle(page)
    assert "doc=Newsweek" in page.evaluate("location.href")
    assert "Showing 1 of 5 documents" in sidebar.inner_text()


def test_a_shared_link_reproduces_the_view(page, server):
    page.goto(f"{server}/figures?doc=The+Financial+District&doc={quote_plus(SPUN)}")
    settle(page)
    sidebar = page.get_by_test_id("stSidebar")
    assert "Showing 2 of 5 documents" in sidebar.inner_text()
    # The multiselect draws its chips after the caption under it: wait for them rather than read too early.
    sidebar.get_by_test_id("stMultiSelect").filter(has_text="Documents").get_by_text(SPUN).wait_for(timeout=30_000)
    assert "The Financial District" in sidebar.inner_text() and SPUN in sidebar.inner_text()
    assert page.get_by_text("the documents disagree").count() == 0  # the third outlet is filtered out


def test_compare_two_documents_side_by_side(page, server):
    page.goto(f"{server}/compare?compare=Insider&compare=Newsweek")
    settle(page)
    # The topic shares chart draws a bar per document and topic: it once collapsed to a flat line, labels stacked.
    page.wait_for_timeout(600)
    chart = page.get_by_test_id("stVegaLiteChart").first.locator("canvas, svg").first
    assert chart.bounding_box()["height"] > 150
    page.get_by_role("tab", name="Texts").click()
    articles = page.locator(".article")
    page.wait_for_function("() => document.querySelectorAll('.article').length >= 2")
    assert articles.count() == 2
    assert "Russian" in articles.nth(0).inner_text() and "Russian" in articles.nth(1).inner_text()
    assert page.locator(".article .quote").count() > 3
    page.screenshot(path=str(ARTIFACTS / "compare-texts.png"), full_page=True)


def test_chart_png_and_table_csv_downloads(page, server):
    page.goto(server)
    settle(page)
    with page.expect_download() as png_info:
        download_button(page, "PNG").click()
    png = Path(png_info.value.path()).read_bytes()
    assert png_info.value.suggested_filename == "story-map.png"
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 5_000
    with page.expect_download() as csv_info:
        download_button(page, "CSV").click()
    rows = list(csv.DictReader(io.StringIO(Path(csv_info.value.path()).read_text(encoding="utf-8"))))
    assert csv_info.value.suggested_filename == "documents.csv"
    assert len(rows) == 5 and {"name", "outlet", "title", "words", "quotes"} <= set(rows[0])
    assert {r["outlet"] for r in rows} >= {"Insider", "Newsweek"}


def test_uploaded_document_appears_in_the_overview(page, server, tmp_path):
    article = tmp_path / "harbour.txt"
    article.write_text('Harbour master Ann Lee said 14 ships were turned away. "The storm is not over," Lee said.\n',
                       encoding="utf-8")
    upload(page, server, article, documents=1)
    page.get_by_test_id("stSidebar").get_by_role("link", name="Overview").click()
    page.wait_for_url(lambda url: "/corpus" not in url)
    settle(page)
    assert metric(page, "Documents") == "1"
    assert metric(page, "Quotes") == "1"
    assert metric(page, "Figures") == "1"
    page.screenshot(path=str(ARTIFACTS / "overview-after-upload.png"), full_page=True)


def select_row(pg, grid, row: int) -> None:
    """Tick a row's selection box in a data grid (drawn on a canvas: rows are 35 px under a 36 px header)."""
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    x, y = box["x"] + 18, box["y"] + 54 + row * 35
    pg.mouse.move(x + 80, y)  # the grid shows a row's selection box only while the pointer is over the row
    pg.wait_for_timeout(300)
    pg.mouse.move(x, y)
    pg.wait_for_timeout(300)
    pg.mouse.click(x, y)


def wait_for_reader(pg) -> str:
    # switch_page rewrites the address with history.replaceState, which page.url does not follow.
    pg.wait_for_function("() => location.pathname.endsWith('/reader') && location.search.includes('at=')"
                         " || document.querySelector('[data-testid=\"stException\"]')", timeout=60_000)
    settle(pg)  # fails with the exception's text if the page crashed instead
    return pg.evaluate("decodeURIComponent(location.search).replaceAll('+', ' ')")


def test_selecting_a_quote_opens_the_reader_at_its_sentence(page, server):
    page.goto(f"{server}/quotes")
    settle(page)
    # The seventh row: the first quote of the second document, which is not the Reader's default document, so it
    # must appear in the address.
    select_row(page, page.get_by_test_id("stDataFrame").first, 6)
    address = wait_for_reader(page)
    assert "read=The Financial District" in address and "at=" in address
    assert page.locator("h1").first.inner_text() == "Russian Officer Quits Putin's War In Ukraine"
    assert "From your selection" in page.get_by_test_id("stAlert").first.inner_text()
    assert page.locator("#selected-finding").count() == 1


# (page and filters in the address, which grid, which row, the document the Reader must open, documents shown)
FILTERED_ROWS = {
    "quotes, one outlet": ("quotes?outlet=Insider", 0, 1, "Insider", 1),
    "figures, two documents": ("figures?doc=Newsweek&doc=Insider", 0, 7, "Newsweek", 2),
    "overview, two outlets": ("?outlet=Newsweek&outlet=Insider", 0, 1, "Newsweek", 2),
    "the reader's own table": ("reader?outlet=Newsweek&outlet=Insider&read=Newsweek", 1, 2, "Newsweek", 2),
}


@pytest.mark.parametrize("case", list(FILTERED_ROWS))
def test_a_row_opens_the_reader_with_the_filters_kept(page, server, case):
    path, grid, row, document, shown = FILTERED_ROWS[case]
    page.goto(f"{server}/{path}")
    settle(page)
    filters = [p for p in path.split("?")[1].split("&") if not p.startswith("read=")]
    select_row(page, page.get_by_test_id("stDataFrame").nth(grid), row)
    address = wait_for_reader(page)  # settle() also fails on an exception box
    assert f"read={document}" in address
    assert all(f.replace("+", " ") in address for f in filters), (filters, address)
    assert f"Showing {shown} of 5 documents" in page.get_by_test_id("stSidebar").inner_text()
    spanned = "at=0-0" not in address  # a document's row opens it at the top; a quote's or figure's at the finding
    assert page.locator("#selected-finding").count() == int(spanned)
    if case == "figures, two documents":
        # The number picked is what is highlighted (its sentence is in the message above the article), in one piece.
        picked = page.locator(".article .focus")
        assert picked.count() == 1 and any(ch.isdigit() for ch in picked.inner_text()) and len(picked.inner_text()) < 30
        assert picked.inner_text() in page.get_by_test_id("stAlert").first.inner_text()


def test_read_in_buttons_open_the_reader_with_a_document_filter(page, server):
    page.goto(f"{server}/quotes?doc=The+Financial+District&doc=Insider&doc={quote_plus(SPUN)}")
    settle(page)
    page.get_by_role("button", name="Read in").last.click()
    address = wait_for_reader(page)
    assert "doc=The Financial District" in address and "doc=Insider" in address
    assert "From your selection" in page.get_by_test_id("stAlert").first.inner_text()


def test_a_row_of_my_corpus_opens_the_reader(page, server, tmp_path):
    table = tmp_path / "ferry.csv"
    table.write_text('outlet,title,text\n'
                     'Harbour Gazette,Ferry cancelled,"The ferry was cancelled on Friday. ""We had no choice,"" '
                     'captain Ruth Mele said. About 40 passengers waited."\n'
                     'Coast Times,Ferry stays in port,"About 45 passengers were stranded. ""The wind was too '
                     'strong,"" said captain Ruth Mele."\n', encoding="utf-8")
    upload(page, server, table, documents=2)
    page.goto(f"{server}/quotes?corpus=My+corpus&outlet=Coast+Times")
    settle(page)
    select_row(page, page.get_by_test_id("stDataFrame").first, 0)
    address = wait_for_reader(page)
    assert "corpus=My corpus" in address and "outlet=Coast Times" in address and "read=Coast Times" in address
    assert "The wind was too strong" in page.get_by_test_id("stAlert").first.inner_text()
    assert page.locator("#selected-finding").count() == 1


def test_the_reader_scrolls_to_a_sentence_far_down_a_long_article(browser, server):
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    text = (ROOT / "seeds" / "003_af756bb7ed55ff37.txt").read_text(encoding="utf-8")
    start = text.index("The Russian military has also been threatening")
    page.goto(f"{server}/reader?read=Newsweek&at={start}-{start + 60}")
    settle(page)
    page.wait_for_timeout(1000)
    seen = page.evaluate("""() => {
        const el = document.getElementById('selected-finding').getBoundingClientRect();
        return {top: el.top, bottom: el.bottom, height: window.innerHeight};
    }""")
    context.close()
    assert seen["top"] >= 0 and seen["bottom"] <= seen["height"], seen


def test_seed_dashboard_times_are_reported(browser, server):
    """First render on a warm server, every page switch and a filter, at 1440x900. Written to
    test-artifacts/seed-dashboard-seconds.json and printed: measured, not asserted (targets: 3 s and 1 s)."""
    def idle(pg) -> None:
        pg.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)

    warm = browser.new_context(viewport={"width": 1440, "height": 900})
    warmed = warm.new_page()
    warmed.goto(server)
    warmed.get_by_test_id("stMetric").first.wait_for(timeout=60_000)  # the server has the seeds' analysis cached now
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    start = time.perf_counter()
    page.goto(server)
    page.get_by_test_id("stMetric").first.wait_for(timeout=60_000)
    timings = {"first render": round(time.perf_counter() - start, 2)}
    idle(page)
    timings["whole first page"] = round(time.perf_counter() - start, 2)
    sidebar = page.get_by_test_id("stSidebar")
    for name, heading in (("Topics", "Topics"), ("Quotes", "Quotes"), ("Figures", "Figures"), ("Compare", "Compare documents"),
                          ("Reader", "Insider"), ("Corpus", "Corpus"), ("Overview", "How the outlets covered the story")):
        timings[f"switch to {name}"] = _seconds(
            lambda name=name: sidebar.get_by_role("link", name=name).click(),
            lambda heading=heading: (page.get_by_role("heading", name=heading, exact=True).wait_for(timeout=60_000),
                                     settle(page, idle=True)))
    sidebar.get_by_test_id("stMultiSelect").filter(has_text="Outlets").get_by_role("combobox").click()
    timings["filter to one outlet"] = _seconds(
        lambda: page.get_by_role("option", name="Newsweek").click(),
        lambda: (page.wait_for_function("() => document.body.innerText.includes('Showing 1 of 5 documents')"), idle(page)))
    # The sidebar's caption can render before the metrics of the same rerun: wait for them, then check.
    from playwright.sync_api import expect

    expect(page.get_by_test_id("stMetric").filter(has_text="Documents").first.get_by_test_id("stMetricValue")).to_have_text(
        "1", timeout=30_000)
    assert metric(page, "Documents") == "1"
    warm.close()
    context.close()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "seed-dashboard-seconds.json").write_text(json.dumps(timings, indent=1))
    print("seed dashboard seconds:", timings)


@pytest.fixture(scope="module")
def news_server(tmp_path_factory):
    """The dashboard on a Parquet results folder of the real NewsArticles corpus (3,788 articles)."""
    _chromium()
    from bench.run import DEFAULT_CACHE, fetch_corpus

    results = tmp_path_factory.mktemp("news") / "news-results"
    done = subprocess.run([sys.executable, "-m", "analysis", "analyze", str(fetch_corpus(DEFAULT_CACHE)),
                           "--format", "parquet", "--out", str(results), "--quiet"], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    yield from _serve(tmp_path_factory, {"NEWS_COVERAGE_RESULTS": str(results)})


def _seconds(action, wait) -> float:
    start = time.perf_counter()
    action()
    wait()
    return round(time.perf_counter() - start, 2)


@pytest.mark.slow
@pytest.mark.network
def test_a_large_results_folder_renders_and_responds(page, news_server):
    """Times are measured and reported (test-artifacts/news-dashboard-seconds.json), not asserted."""
    sidebar = page.get_by_test_id("stSidebar")
    start = time.perf_counter()
    page.goto(f"{news_server}/?corpus=Results%3A+news-results")
    page.get_by_test_id("stMetric").first.wait_for(timeout=120_000)
    timings = {"first render": round(time.perf_counter() - start, 2)}
    # The rest of the page (the tables of 3,788 documents and of every similar pair) follows the first content.
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=120_000)
    timings["whole first page"] = round(time.perf_counter() - start, 2)
    settle(page)
    assert metric(page, "Documents") == "3,788" or metric(page, "Documents") == "3788"
    assert "Charts show the 30 most involved of 3788 documents" in page.inner_text("body")
    for name, title in (("Quotes", "Quotes"), ("Figures", "Figures"), ("Topics", "Topics"), ("Overview", "How the outlets")):
        timings[f"switch to {name}"] = _seconds(
            lambda name=name: sidebar.get_by_role("link", name=name).click(),
            lambda title=title: page.get_by_role("heading", name=title).first.wait_for(timeout=60_000))
        settle(page)
    outlets = sidebar.get_by_test_id("stMultiSelect").filter(has_text="Outlets")
    outlets.get_by_role("combobox").click()
    timings["filter to one outlet"] = _seconds(
        lambda: page.get_by_role("option", name="bbc.co.uk").click(),
        lambda: page.wait_for_function("() => /Showing \\d+ of 3788 documents/.test(document.body.innerText)"
                                       " && !document.body.innerText.includes('Showing 3788 of 3788')", timeout=60_000))
    page.keyboard.press("Escape")
    settle(page)
    page.screenshot(path=str(ARTIFACTS / "news-overview-bbc.png"), full_page=False)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "news-dashboard-seconds.json").write_text(json.dumps(timings, indent=1))
    print("NewsArticles dashboard seconds:", timings)


@pytest.fixture(scope="module")
def upload_server(tmp_path_factory):
    """An empty server for a user's own corpus of hundreds of real articles."""
    yield from _serve(tmp_path_factory, {})


UPLOADED = 300
PAGE_MAX_PX = 20_000
REPORT_MAX_MB = 20


@pytest.mark.slow
@pytest.mark.network
def test_three_hundred_uploaded_articles_keep_every_page_and_the_report_bounded(page, upload_server, tmp_path):
    """A user's upload of 300 NewsArticles as one CSV: every page opens without an error and under 20,000 px at
    1440 px wide, and the report stays under 20 MB. Seconds and the server's peak memory are written to
    test-artifacts/upload-300.json (measured, not asserted: bench/ holds the targets)."""
    import pandas as pd

    from bench.run import DEFAULT_CACHE, fetch_corpus

    sample = pd.read_csv(fetch_corpus(DEFAULT_CACHE)).dropna(subset=["text"]).sample(UPLOADED, random_state=30)
    upload_csv = tmp_path / "news-300.csv"
    sample.to_csv(upload_csv, index=False)
    page.set_viewport_size({"width": 1440, "height": 900})
    start = time.perf_counter()
    upload(page, upload_server, upload_csv, documents=UPLOADED)
    measured = {"upload and analysis seconds": round(time.perf_counter() - start, 1)}
    heights = {}
    for name, path in PAGES.items():
        page.goto(f"{upload_server}/{path}?corpus=My+corpus")
        settle(page, timeout=180_000)
        heights[name] = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    measured["page heights px"] = heights
    # At 1024 px, beside the sidebar: every chart inside its column, every metric's label whole.
    page.set_viewport_size({"width": 1024, "height": 768})
    for path in ("", "topics"):
        page.goto(f"{upload_server}/{path}?corpus=My+corpus")
        settle(page, timeout=180_000)
        page.wait_for_timeout(600)
        assert page.evaluate(CHARTS_OVERFLOWING) == [], path
        cut = page.evaluate("""() => [...document.querySelectorAll('[data-testid="stMetricLabel"] p, [data-testid="stMetricLabel"] div')]
            .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.innerText)""")
        assert cut == [], path
    page.set_viewport_size({"width": 1440, "height": 900})
    # Warm (the analysis cached): a new visit's first render, then page switches from the sidebar.
    start = time.perf_counter()
    page.goto(f"{upload_server}/?corpus=My+corpus")
    page.get_by_test_id("stMetric").first.wait_for(timeout=120_000)
    measured["warm first render seconds"] = round(time.perf_counter() - start, 2)
    settle(page)
    sidebar = page.get_by_test_id("stSidebar")
    for name, title in (("Quotes", "Quotes"), ("Figures", "Figures"), ("Topics", "Topics"), ("Overview", "How the outlets")):
        measured[f"switch to {name} seconds"] = _seconds(
            lambda name=name: sidebar.get_by_role("link", name=name).click(),
            lambda title=title: page.get_by_role("heading", name=title).first.wait_for(timeout=60_000))
        settle(page)
    start = time.perf_counter()
    with page.expect_download(timeout=180_000) as download:
        download_button(page, "Download report").click()
    report = Path(download.value.path())
    measured["report seconds"] = round(time.perf_counter() - start, 1)
    measured["report MB"] = round(report.stat().st_size / 1e6, 2)
    measured["server peak MB"] = _server_usage(upload_server)[1]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "upload-300.json").write_text(json.dumps(measured, indent=1))
    print("300 uploaded articles:", measured)
    assert {name: h for name, h in heights.items() if h > PAGE_MAX_PX} == {}
    assert measured["report MB"] < REPORT_MAX_MB
    # The analysis's worker processes once ran the dashboard script again, bare: 92 warnings per upload.
    assert server_warnings(upload_server) == []
    assert "<img" in report.read_text(encoding="utf-8")  # the charts are in it, bounded, not left out


# --- hostile content -----------------------------------------------------------------------------------------------

HOSTILE_CSV = '''id,outlet,title,author,text
"<b>evil</b>","<script>window.__pwned='outlet'</script>","**Bold title** <img src=x onerror=""window.__pwned='title'"">","[author](javascript:window.__pwned='author')","<script>window.__pwned='text'</script>
<img src=x onerror=""window.__pwned='img'""> Officials said 12 roads closed. ""We will <b>not</b> stop,"" Mayor Ann Lee said.

# Injected heading

[click me](javascript:window.__pwned='md') **bold-injected** :red[red-injected] $x^2$ <iframe src=""javascript:window.__pwned='iframe'""></iframe>"
calm,Daily Calm,Roads reopen,Ann Lee,"Officials said 12 roads closed on Monday. ""We will not stop,"" Mayor Ann Lee said."
'''
HOSTILE_PAGES = {"overview": "", "quotes": "quotes", "figures": "figures", "topics": "topics",
                 "reader": "reader", "compare": "compare", "corpus": "corpus"}


@pytest.fixture(scope="module")
def fresh_server(tmp_path_factory):
    """A second server with an empty store of its own, so uploads here do not change the other tests' corpus."""
    yield from _serve(tmp_path_factory, {})


def test_hostile_documents_are_shown_as_text_and_run_nothing(page, fresh_server, tmp_path):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    hostile = tmp_path / "hostile.csv"
    hostile.write_text(HOSTILE_CSV, encoding="utf-8")
    upload(page, fresh_server, hostile, documents=2)
    for name, path in HOSTILE_PAGES.items():
        page.goto(f"{fresh_server}/{path}?corpus=My+corpus")
        settle(page)
        if name == "compare":
            page.get_by_role("tab", name="Texts").click()
            page.wait_for_timeout(500)
        injected = page.evaluate("""() => ({
            pwned: window.__pwned ?? null,
            handlers: document.querySelectorAll('[onerror], img[src="x"], iframe[src^="javascript"]').length,
            jsLinks: document.querySelectorAll('a[href^="javascript"]').length,
            bold: [...document.querySelectorAll('strong, b')].filter(e => /bold-injected|Bold title|^not$/.test(e.textContent)).length,
            heading: [...document.querySelectorAll('h1, h2, h3')].filter(e => e.textContent.includes('Injected heading')).length,
            coloured: [...document.querySelectorAll('span')].filter(e => e.textContent === 'red-injected').length,
        })""")
        assert injected == {"pwned": None, "handlers": 0, "jsLinks": 0, "bold": 0, "heading": 0, "coloured": 0}, name
        page.screenshot(path=str(ARTIFACTS / f"hostile-{name}.png"), full_page=True)
    assert dialogs == []
    page.goto(f"{fresh_server}/reader?corpus=My+corpus")
    settle(page)
    body = page.inner_text("body")
    # The markup is on the page, as the characters the article contains.
    assert "<script>window.__pwned='text'</script>" in body
    assert "[click me](javascript:window.__pwned='md') **bold-injected**" in body
    assert "<img src=x onerror=\"window.__pwned='title'\">" in page.locator("h1").first.inner_text()


@pytest.fixture(scope="module")
def hosted_server(tmp_path_factory):
    """A server as a hosted demo runs: every browser's corpus its own (here forced, the browser being local)."""
    yield from _serve(tmp_path_factory, {"NEWS_COVERAGE_PRIVATE": "1", "TMPDIR": str(tmp_path_factory.mktemp("tmp"))})


def test_a_second_browser_does_not_see_the_first_ones_upload(browser, hosted_server, tmp_path):
    article = tmp_path / "ferry.txt"
    article.write_text('Captain Ruth Ames said 112 passengers were safe. "We were lucky," Ames said.\n', encoding="utf-8")
    first = browser.new_context(viewport={"width": 1400, "height": 1800})
    second = browser.new_context(viewport={"width": 1400, "height": 1800})
    try:
        mine = first.new_page()
        upload(mine, hosted_server, article, documents=1)
        assert "yours alone" in mine.inner_text("body")
        # Reloaded, the first browser still has its document: the corpus belongs to the browser, not the tab.
        mine.goto(f"{hosted_server}/?corpus=My+corpus")
        settle(mine)
        assert metric(mine, "Documents") == "1"
        theirs = second.new_page()
        theirs.goto(f"{hosted_server}/?corpus=My+corpus")
        theirs.get_by_text("Your corpus is empty").first.wait_for(timeout=60_000)  # an empty corpus has no page title
        theirs.goto(f"{hosted_server}/corpus")
        settle(theirs)
        assert "No documents stored yet" in theirs.inner_text("body")
    finally:
        first.close()
        second.close()


# --- load ----------------------------------------------------------------------------------------------------------

SESSIONS = 20


@pytest.mark.slow
def test_twenty_sessions_at_once_all_render(server):
    """20 users at once, each opening the app, filtering to one outlet and switching page. Reports the p95."""
    import asyncio

    from playwright.async_api import async_playwright

    outlets = ["Insider", "Newsweek", "The Financial District"]

    async def user(browser, k: int) -> dict[str, float]:
        context = await browser.new_context(viewport={"width": 1000, "height": 700})
        context.set_default_timeout(180_000)  # 20 renderers share this machine's CPUs with the server
        page = await context.new_page()
        times = {}
        try:
            start = time.perf_counter()
            await page.goto(server)
            await page.get_by_test_id("stMetric").first.wait_for()
            times["first render"] = time.perf_counter() - start
            outlet = outlets[k % len(outlets)]
            start = time.perf_counter()
            await page.goto(f"{server}/?outlet={outlet.replace(' ', '+')}")
            await page.wait_for_function("() => /Showing [12] of 5 documents/.test(document.body.innerText)")
            times["filter"] = time.perf_counter() - start
            start = time.perf_counter()
            await page.get_by_test_id("stSidebar").get_by_role("link", name="Quotes").click()
            await page.get_by_role("heading", name="Quotes").first.wait_for()
            await page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')")
            times["switch page"] = time.perf_counter() - start
            assert await page.get_by_test_id("stException").count() == 0
            assert f"outlet={outlet.replace(' ', '+')}" in await page.evaluate("location.href")
        finally:
            await context.close()
        return times

    async def run() -> list[dict[str, float]]:
        async with async_playwright() as p:
            b = await p.chromium.launch(executable_path=_chromium(), args=CHROMIUM_ARGS)
            try:
                return await asyncio.gather(*(user(b, k) for k in range(SESSIONS)))
            finally:
                await b.close()

    from concurrent.futures import ThreadPoolExecutor

    cpu_before, _ = _server_usage(server)
    wall = time.perf_counter()
    with ThreadPoolExecutor(1) as pool:  # the sync Playwright of the other tests owns this thread's event loop
        results = pool.submit(asyncio.run, run()).result()
    wall = time.perf_counter() - wall
    cpu_after, peak_mb = _server_usage(server)
    assert len(results) == SESSIONS and all(len(r) == 3 for r in results)
    every = sorted(t for r in results for t in r.values())
    report = {
        "sessions": SESSIONS,
        "actions": len(every),
        "p50 seconds": round(every[len(every) // 2], 2),
        "p95 seconds": round(every[int(0.95 * (len(every) - 1))], 2),
        "max seconds": round(every[-1], 2),
        "p95 by action": {a: round(sorted(r[a] for r in results)[int(0.95 * (SESSIONS - 1))], 2) for a in results[0]},
        # The 20 browsers run on the same machine; the server's own share of the work:
        "server CPU seconds per action": round((cpu_after - cpu_before) / len(every), 3),
        "server share of the machine's CPU": round((cpu_after - cpu_before) / (wall * (os.cpu_count() or 1)), 2),
        "server peak memory MB": peak_mb,
    }
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "load-test.json").write_text(json.dumps(report, indent=1))
    print("load test:", report)
