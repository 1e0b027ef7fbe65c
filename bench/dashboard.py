"""The dashboard with a user's own corpus of hundreds of real articles, against issue 30's targets.

    python bench/dashboard.py                 # 300 NewsArticles, as one CSV a user uploads
    python bench/dashboard.py --articles 1000

A server is started on a free port with an empty store; Chromium (Debian's, through Playwright) uploads the CSV on
the Corpus page as a user does, opens every page at 1440 px, opens the Overview again in a new visit (the analysis
cached), switches pages from the sidebar, and downloads the report. Printed and written as JSON
(``bench/results-dashboard.json``): seconds, page heights, the report's size and the server's peak memory (VmHWM),
each beside its target. Targets are checked here, never by timed assertions in the tests.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from bench.run import DEFAULT_CACHE, fetch_corpus  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
PAGES = {"overview": "", "topics": "topics", "quotes": "quotes", "figures": "figures", "compare": "compare",
         "reader": "reader", "corpus": "corpus"}
# (measure, target, at most)
TARGETS = [("tallest page px", 20_000), ("report MB", 20), ("report seconds", 60), ("server peak MB", 1_500),
           ("warm first render seconds", 5), ("slowest page switch seconds", 1)]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _peak_mb(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:")) // 1024


def _settle(page) -> None:
    page.wait_for_selector("h1", timeout=300_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=300_000)


def measure(csv_path: Path, articles: int, folder: Path) -> dict:
    from playwright.sync_api import sync_playwright

    port = _free_port()
    env = {**os.environ, "NEWS_COVERAGE_DB": str(folder / "corpus.sqlite3"), "NEWS_COVERAGE_PRIVATE": "0"}
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(HERE.parent / "app.py"), "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", "--server.fileWatcherType", "none",
         "--browser.gatherUsageStats", "false"],
        cwd=HERE.parent, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base, out = f"http://127.0.0.1:{port}", {"articles": articles}
    try:
        for _ in range(300):
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2):
                    break
            except OSError:
                time.sleep(0.3)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1440, "height": 900}, accept_downloads=True)
            page.goto(f"{base}/corpus")
            _settle(page)
            start = time.perf_counter()
            page.locator("input[type=file]").first.set_input_files(str(csv_path))
            page.get_by_text(csv_path.name).wait_for()
            page.get_by_role("button", name="Add to my corpus").first.click()
            page.get_by_text(f"Added {articles:,} documents.").wait_for(timeout=600_000)
            page.goto(f"{base}/?corpus=My+corpus")
            page.get_by_test_id("stMetric").first.wait_for(timeout=600_000)
            out["upload to first render seconds"] = round(time.perf_counter() - start, 2)
            heights = {}
            for name, path in PAGES.items():
                page.goto(f"{base}/{path}?corpus=My+corpus")
                _settle(page)
                page.wait_for_timeout(500)
                heights[name] = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
            out["page heights px"] = heights
            out["tallest page px"] = max(heights.values())
            start = time.perf_counter()
            page.goto(f"{base}/?corpus=My+corpus")
            page.get_by_test_id("stMetric").first.wait_for(timeout=120_000)
            out["warm first render seconds"] = round(time.perf_counter() - start, 2)
            _settle(page)
            sidebar, switches = page.get_by_test_id("stSidebar"), {}
            for name, heading in (("Quotes", "Quotes"), ("Figures", "Figures"), ("Topics", "Topics"),
                                  ("Overview", "How the outlets")):
                start = time.perf_counter()
                sidebar.get_by_role("link", name=name).click()
                page.get_by_role("heading", name=heading).first.wait_for(timeout=60_000)
                switches[name] = round(time.perf_counter() - start, 2)
                _settle(page)
            out["page switch seconds"] = switches
            out["slowest page switch seconds"] = max(switches.values())
            start = time.perf_counter()
            with page.expect_download(timeout=600_000) as download:
                page.get_by_test_id("stDownloadButton").filter(has_text="Download report").first.get_by_role("button").click()
            report = Path(download.value.path())
            out["report seconds"] = round(time.perf_counter() - start, 2)
            out["report MB"] = round(report.stat().st_size / 1e6, 2)
            browser.close()
        out["server peak MB"] = _peak_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    out["targets"] = {name: {"target": f"<= {limit:,}", "met": out[name] <= limit} for name, limit in TARGETS}
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=300, help="articles in the upload (default 300)")
    ap.add_argument("--seed", type=int, default=30, help="which articles: the sample's random seed")
    ap.add_argument("--out", type=Path, default=HERE / "results-dashboard.json")
    args = ap.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"error: the benchmark drives Debian's Chromium at {CHROMIUM}", file=sys.stderr)
        return 2
    import pandas as pd

    corpus = pd.read_csv(fetch_corpus(DEFAULT_CACHE)).dropna(subset=["text"])
    with tempfile.TemporaryDirectory() as folder:
        upload = Path(folder) / f"news-{args.articles}.csv"
        corpus.sample(args.articles, random_state=args.seed).to_csv(upload, index=False)
        result = measure(upload, args.articles, Path(folder))
    print(json.dumps(result, indent=1))
    args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0 if all(t["met"] for t in result["targets"].values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
