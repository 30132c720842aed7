"""Benchmark search in headless Chromium: prints a table, asserts nothing.

    python benchmarks/bench_search.py [--sizes 2000,20000] [--runs 3]

For each synthetic catalogue size, built once for the web and once for file://:
- what a first search downloads (worker script, manifest, the query's shards and result
  chunks; bench_first_search.py), gzip;
- time from opening search (keyboard shortcut, the page loaded and idle for 1 s) and typing
  a query to the first result on screen. The worker loads the manifest at page load and the
  query's parts when it is typed, so that time is included;
- the same when the query is typed the moment the page has loaded (the worst case online);
- the longest main-thread task (PerformanceObserver "longtask") once search was opened, and
  before it (page load), over all runs.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from bench_first_search import first_search_bytes
from common import arguments, project
from conftest import CHROMIUM, CHROMIUM_ARGS, serve_directory

from site_builder.textfold import fold

ROOT = Path(__file__).resolve().parent.parent
THUTUC = str(Path(sys.executable).parent / "thutuc")
LONG_TASKS = """
window.__tasks = [];
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) window.__tasks.push([entry.startTime, entry.duration]);
}).observe({type: "longtask", buffered: true});
"""
FIRST = ".md-search-result__list > .md-search-result__item"


def build(work: Path, offline: bool) -> Path:
    out = work / ("offline" if offline else "online")
    args = [THUTUC, "build", "--config", str(work / "mkdocs.yml"), "--site-dir", str(out)]
    subprocess.run([*args, "--offline"] if offline else args, check=True, capture_output=True)
    return out


def download(site: Path, offline: bool, query: str) -> int:
    """Gzip bytes the first search for `query` downloads (bench_first_search.py)."""
    found: int = first_search_bytes(site, [query], offline=offline)["max"]
    return found


def first_result(browser: Browser, url: str, query: str, idle: bool) -> tuple[float, float, float, str]:
    """Milliseconds from opening search to the first result, the longest main-thread tasks
    (ms) that started after search was opened and before it, and the first result's title."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.add_init_script(LONG_TASKS)
    page.goto(url)
    if idle:
        page.wait_for_timeout(1000)
    opened = float(page.evaluate("performance.now()"))
    start = time.perf_counter()
    page.keyboard.press("/")
    box = page.locator("input.md-search__input")
    box.fill(query)
    page.locator(FIRST).first.wait_for(timeout=30_000)
    elapsed = (time.perf_counter() - start) * 1000
    page.wait_for_timeout(300)  # let the observer report the last task
    tasks: list[list[float]] = page.evaluate("window.__tasks")
    during = max((d for s, d in tasks if s + d >= opened), default=0.0)
    before = max((d for s, d in tasks if s + d < opened), default=0.0)
    title = page.locator(FIRST).first.inner_text().split("\n")[0]
    context.close()
    return elapsed, during, before, title


def main() -> None:
    args = arguments(__doc__, "2000,20000")
    print(f"search — Chromium headless, median of {args.runs} page loads")
    print(
        "| procedures | mode | first search downloads (gzip) | open search → first result "
        "| same, typed at page load | longest main-thread task: search / page load | first result |"
    )
    print("|---|---|---|---|---|---|---|")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        for size in (int(s) for s in args.sizes.split(",")):
            with tempfile.TemporaryDirectory() as tmp:
                work = project(Path(tmp), size)
                name = next((work / "procedures").glob("thu-tuc-tong-hop-00042.yml")).read_text(
                    encoding="utf-8"
                )
                title = next(line for line in name.splitlines() if line.startswith("name:"))[6:].strip()
                query = " ".join(fold(title).split()[:3])
                for offline in (False, True):
                    site = build(work, offline)
                    packed = download(site, offline, query)
                    with serve_directory(site) as base:
                        url = (site / "index.html").as_uri() if offline else base
                        runs = [first_result(browser, url, query, idle=True) for _ in range(args.runs)]
                        eager = [first_result(browser, url, query, idle=False) for _ in range(args.runs)]
                    ms = statistics.median(r[0] for r in runs)
                    eager_ms = statistics.median(r[0] for r in eager)
                    longest = max(r[1] for r in runs + eager)
                    page_load = max(r[2] for r in runs + eager)
                    mode = "file://" if offline else "online"
                    print(
                        f"| {size:,} | {mode} | {packed / 1024:.0f} KB | {ms:.0f} ms "
                        f"| {eager_ms:.0f} ms | {longest:.0f} ms / {page_load:.0f} ms | {runs[0][3][:40]} |"
                    )
        browser.close()


if __name__ == "__main__":
    main()
