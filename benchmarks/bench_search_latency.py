"""Search latency in Chromium behind Material's real search box: prints a table, asserts nothing.

    python benchmarks/bench_search_latency.py SITE [OFFLINE_SITE] [--queries 12] [--runs 2]
    python benchmarks/bench_search_latency.py --build 2000     (a synthetic catalogue, built here)

SITE is built by `thutuc build`, OFFLINE_SITE by `thutuc build --offline` (opened from file://).
SITE is served on localhost by a threaded static server. Queries: a spread of the relevance
suites' (tests/search/*.yml). Every time is taken in the page (performance.now()): from the
last keydown of the query to the moment the result list (or its "no result" line) is last
redrawn, which is when the results of that last keystroke show (the worker answers only the
newest query, Material redraws on every answer).

- cold, typed: a fresh page (new browser context, no cache), idle 1 s after load, "/" pressed,
  the query typed with `page.keyboard.type` (every keystroke sent to the worker);
- cold, pasted: the same with the whole query put in at once (`fill`);
- one page: 3 × --queries queries typed in turn into one page (other queries of the suites,
  then the cold ones), the box emptied between them (the "after any number of searches"
  target), times of all of them;
- longest main-thread task: PerformanceObserver "longtask" after the first keystroke.

`--throttle` adds a row for information: the cold typed search with the network shaped by CDP
(Network.emulateNetworkConditions: 1.6 Mbps down, 750 kbps up, 150 ms round trip). The
online site is served as a real static host would: HTTP/1.1 keeping connections alive, text
gzip-compressed (static_host.py); `--plain-server` uses the tests' server instead (HTTP/1.0, a
connection per request, uncompressed: pessimistic for a search that fetches many small files).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
import static_host
from bench_first_search import suite_queries
from conftest import CHROMIUM, CHROMIUM_ARGS, serve_directory

THUTUC = str(Path(sys.executable).parent / "thutuc")
# Key presses and redraws of the search results, timed in the page.
PROBE = """
window.__keys = []; window.__shown = []; window.__tasks = [];
// A key's input event (a pasted query has no keydown): Material searches on it (thutuc.js).
for (const kind of ["keydown", "input"]) {
  document.addEventListener(kind, () => window.__keys.push(performance.now()), true);
}
new PerformanceObserver(list => {
  for (const e of list.getEntries()) window.__tasks.push([e.startTime, e.duration]);
}).observe({ type: "longtask", buffered: true });
document.addEventListener("DOMContentLoaded", () => {
  const result = document.querySelector(".md-search-result");
  if (!result) return;
  new MutationObserver(() => window.__shown.push(performance.now()))
    .observe(result, { childList: true, subtree: true, characterData: true });
});
"""
# Settled: the result area was redrawn after the last key and not since for a while.
SETTLED = """
quiet => window.__keys.length && window.__shown.length
  && window.__shown.at(-1) > window.__keys.at(-1) && performance.now() - window.__shown.at(-1) > quiet
"""
MEASURE = """
() => {
  const last = window.__keys.at(-1), first = window.__keys[0];
  return [window.__shown.at(-1) - last, Math.max(0, ...window.__tasks.filter(t => t[0] + t[1] >= first).map(t => t[1]))];
}
"""
FIRST = ".md-search-result__list > .md-search-result__item"
QUIET_MS = 700


def _settle(page: Page) -> tuple[float, float, str]:
    """(last keystroke → last redraw ms, longest task ms since the first key, first result title)."""
    page.wait_for_function(SETTLED, arg=QUIET_MS, timeout=60_000, polling=50)
    ms, task = page.evaluate(MEASURE)
    first = page.locator(FIRST).first
    title = first.inner_text().split("\n")[0] if first.count() else ""
    return float(ms), float(task), title


def cold(browser: Browser, url: str, query: str, typed: bool, throttle: bool) -> tuple[float, float, str]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.add_init_script(PROBE)
    if throttle:
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        conditions = {
            "offline": False,
            "latency": 150,
            "downloadThroughput": 200_000,
            "uploadThroughput": 94_000,
        }
        cdp.send("Network.emulateNetworkConditions", conditions)
    page.goto(url, wait_until="load")
    page.wait_for_timeout(1000)
    page.keyboard.press("/")
    page.evaluate("window.__keys = []")  # the clock starts at the query's keys, not at "/"
    if typed:
        page.keyboard.type(query)
    else:
        page.locator("input.md-search__input").fill(query)
    found = _settle(page)
    context.close()
    return found


def one_page(browser: Browser, url: str, queries: list[str]) -> list[tuple[float, float, str]]:
    """Every query typed in turn into one page: the box emptied (Ctrl+A, Backspace), then typed."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.add_init_script(PROBE)
    page.goto(url, wait_until="load")
    page.wait_for_timeout(1000)
    page.keyboard.press("/")
    found = []
    for query in queries:
        page.keyboard.press("Control+A")
        page.keyboard.press("Backspace")
        page.wait_for_timeout(200)
        page.evaluate("window.__keys = []; window.__tasks = []")
        page.keyboard.type(query)
        found.append(_settle(page))
    context.close()
    return found


@contextmanager
def _address(site: Path, offline: bool, plain: bool) -> Iterator[str]:
    if offline:
        yield (site / "index.html").as_uri()
    else:
        with (serve_directory if plain else static_host.serve)(site) as base:
            yield base


def _row(label: str, runs: list[tuple[float, float, str]]) -> str:
    times = [r[0] for r in runs]
    tasks = [r[1] for r in runs]
    return (
        f"| {label} | {statistics.median(times):.0f} | {max(times):.0f} "
        f"| {statistics.median(tasks):.0f} | {max(tasks):.0f} | {len(runs)} |"
    )


def _build(size: int, work: Path) -> tuple[Path, Path]:
    from common import project

    project_dir = project(work, size)
    config = str(project_dir / "mkdocs.yml")
    sites = (work / "online", work / "offline")
    for site, extra in zip(sites, ([], ["--offline"]), strict=True):
        args = [THUTUC, "build", "--config", config, "--site-dir", str(site), *extra]
        subprocess.run(args, check=True, capture_output=True)
    return sites


def run(
    site: Path,
    offline_site: Path | None,
    queries: list[str],
    long: list[str],
    runs: int,
    throttle: bool,
    plain: bool,
) -> None:
    print(f"search latency — {len(queries)} queries × {runs} fresh pages, ms, Chromium headless")
    print("| how | last key → results, median | max | longest task, median | max | searches |")
    print("|---|---|---|---|---|---|")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        for mode, where in (("online", site), ("file://", offline_site)):
            if where is None:
                continue
            offline = mode == "file://"
            with _address(where, offline, plain) as url:
                for label, typed in (("typed", True), ("pasted", False)):
                    found = [cold(browser, url, q, typed, False) for q in queries for _ in range(runs)]
                    print(_row(f"{mode}, cold, {label}", found), flush=True)
                sequence = one_page(browser, url, long)
                print(_row(f"{mode}, one page, {len(sequence)} queries in turn", sequence), flush=True)
                if throttle and not offline:
                    found = [cold(browser, url, q, True, True) for q in queries]
                    print(_row(f"{mode}, cold, typed, 1.6 Mbps / 150 ms", found), flush=True)
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("site", type=Path, nargs="?")
    parser.add_argument("offline", type=Path, nargs="?")
    parser.add_argument("--build", type=int, help="build a synthetic catalogue of this many procedures")
    parser.add_argument("--queries", type=int, default=12, help="queries of the relevance suites, spread")
    parser.add_argument("--runs", type=int, default=2, help="fresh pages per query")
    parser.add_argument("--throttle", action="store_true", help="add a row with a shaped network")
    parser.add_argument(
        "--plain-server", action="store_true", help="the tests' HTTP/1.0 server, uncompressed (pessimistic)"
    )
    args = parser.parse_args()
    every = suite_queries()
    queries = every[:: max(1, len(every) // args.queries)][: args.queries]
    # The one-page sequence: other queries of the suites, then the cold ones again.
    long = [q for q in every[1 :: max(1, len(every) // (2 * args.queries))] if q not in queries][
        : 2 * args.queries
    ] + queries
    if args.build:
        with tempfile.TemporaryDirectory() as tmp:
            online, offline = _build(args.build, Path(tmp))
            run(online, offline, queries, long, args.runs, args.throttle, args.plain_server)
    elif args.site is None:
        parser.error("give a built SITE or --build N")
    else:
        run(args.site, args.offline, queries, long, args.runs, args.throttle, args.plain_server)


if __name__ == "__main__":
    main()
