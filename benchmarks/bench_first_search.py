"""What a cold first search downloads and how long it takes, over a built site: prints, asserts nothing.

    python benchmarks/bench_first_search.py SITE [OFFLINE_SITE] [--runs 3]

SITE is a site built by `thutuc build` (OFFLINE_SITE by `thutuc build --offline`), e.g. the
20,000-procedure project's. For every query of the relevance suites (tests/search/*.yml):
the gzip bytes a first search downloads, from the files on disk, in the worker's own order:
the worker script, the small index file, the manifest and every part the shipped worker
(search-worker.js, run in Node) loads before its first result; also with the query typed
keystroke by keystroke into one page (every keystroke searched: an upper bound, the worker
drops the ones a newer keystroke replaced). Then, in Chromium, the time from typing a query
to its first result on screen online and from file://, and the longest main-thread task.

`first_search_bytes(site_dir, queries)` is what benchmarks/bench_scale.py calls.
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from conftest import CHROMIUM, CHROMIUM_ARGS, serve_directory

ROOT = Path(__file__).resolve().parent.parent
JS = ROOT / "site_builder" / "index" / "js"
WORKER = "assets/javascripts/workers/thutuc-search.js"  # index/writer.py WORKER
SHIM = "assets/javascripts/vendor/iframe-worker-shim.js"  # index/writer.py SHIM
# The shipped worker in Node, noting every part it loads for each query (its shards, the store
# chunks of its likely hits, fetched while they are scored, and of its hits): what a first
# search downloads. A new index per query, as a new page has; the parsed parts are kept
# (reading every query's shards anew took minutes at 20,000); with `typed`, each keystroke of
# a query is asked of the same index.
RUNNER = """
const fs = require("fs"), vm = require("vm"), path = require("path");
globalThis.lunr = require(process.argv[1] + "/vendor/lunr-2.3.9.min.js");
vm.runInThisContext(fs.readFileSync(process.argv[1] + "/search-worker.js", "utf8"));
const input = JSON.parse(fs.readFileSync(0, "utf8")), site = input.site, parsed = {};
const read = p => parsed[p] || (parsed[p] = JSON.parse(fs.readFileSync(path.join(site, p), "utf8")));
const manifest = read(input.manifest);
(async () => {
  const out = [];
  for (const q of input.queries) {
    const used = new Set();
    const sharded = new THUTUC.Sharded(manifest, p => { used.add(p); return Promise.resolve(read(p)); });
    const keystrokes = input.typed ? [...q].map((_, n) => q.slice(0, n + 1)) : [q];
    for (const k of keystrokes) await sharded.query(k);
    await Promise.all(Object.values(sharded.chunks));  // the likely hits' chunks, all requested
    out.push([...used]);
  }
  process.stdout.write(JSON.stringify(out));
})();
"""


def suite_queries() -> list[str]:
    queries: list[str] = []
    for name in ("queries.yml", "real-queries.yml"):
        suite = yaml.safe_load((ROOT / "tests" / "search" / name).read_text(encoding="utf-8"))
        queries += [entry["q"] for entry in suite]
    return queries


def _gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6))


def _loaded(site_dir: Path, manifest: str, queries: list[str], typed: bool) -> list[list[str]]:
    node = shutil.which("node")
    if node is None:
        raise SystemExit("node is needed to run the shipped worker code")
    payload = {"site": str(site_dir), "manifest": manifest, "queries": queries, "typed": typed}
    result = subprocess.run(
        [node, "-e", RUNNER, str(JS)], input=json.dumps(payload), capture_output=True, text=True, check=True
    )
    found: list[list[str]] = json.loads(result.stdout)
    return found


def first_search_bytes(
    site_dir: Path, queries: list[str], typed: bool = False, offline: bool = False
) -> dict[str, Any]:
    """The gzip bytes a cold first search downloads: {"median", "max", "files" (median number
    of files), "per_query" {query: bytes}}. `typed`: every keystroke searched in turn;
    `offline`: the `.js` twins and the file:// shim a kiosk copy loads instead."""
    small = site_dir / "search" / "search_index.json"
    manifest = json.loads(small.read_text(encoding="utf-8"))["config"]["thutuc"]["manifest"]

    def size(name: str) -> int:
        return _gz(site_dir / (name.removesuffix(".json") + ".js" if offline else name))

    base = _gz(site_dir / WORKER) + size("search/search_index.json") + size(manifest)
    base += _gz(site_dir / SHIM) if offline else 0
    sizes: dict[str, int] = {}
    per_query: dict[str, int] = {}
    counts = []
    for query, loaded in zip(queries, _loaded(site_dir, manifest, queries, typed), strict=True):
        for name in loaded:
            if name not in sizes:
                sizes[name] = size(name)
        per_query[query] = base + sum(sizes[name] for name in loaded)
        counts.append(len(loaded) + 3)
    values = list(per_query.values())
    return {
        "median": statistics.median(values),
        "max": max(values),
        "files": statistics.median(counts),
        "per_query": per_query,
    }


def _timings(site: Path, offline: bool, queries: list[str], runs: int) -> tuple[float, float, float]:
    """Median ms from typing to the first result (idle page), median when typed at page load,
    longest main-thread task (ms) after search was opened."""
    from bench_search import first_result  # here: bench_search imports this module

    with sync_playwright() as playwright, serve_directory(site) as base:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        url = (site / "index.html").as_uri() if offline else base
        idle = [first_result(browser, url, q, idle=True) for q in queries for _ in range(runs)]
        eager = [first_result(browser, url, q, idle=False) for q in queries for _ in range(runs)]
        browser.close()
    longest = max(r[1] for r in idle + eager)
    return statistics.median(r[0] for r in idle), statistics.median(r[0] for r in eager), longest


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("site", type=Path)
    parser.add_argument("offline", type=Path, nargs="?")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timed", type=int, default=5, help="queries timed in Chromium")
    args = parser.parse_args()
    queries = suite_queries()
    print(f"first search — {len(queries)} queries of the relevance suites, gzip KB downloaded")
    print("| how | median | max | files (median) |")
    print("|---|---|---|---|")
    # Typed: every 8th query (each keystroke is a search: several minutes at 20,000).
    for label, typed, asked in (
        ("the whole query at once", False, queries),
        ("typed keystroke by keystroke", True, queries[::8]),
        ("the whole query at once, file://", False, queries),
    ):
        site = args.offline if "file://" in label else args.site
        if site is None:
            continue
        found = first_search_bytes(site, asked, typed, offline="file://" in label)
        print(
            f"| {label} | {found['median'] / 1024:.0f} | {found['max'] / 1024:.0f} | {found['files']:.0f} |"
        )
    timed = queries[:: max(1, len(queries) // args.timed)][: args.timed]
    print(f"\nfirst result in Chromium — median of {len(timed)} queries × {args.runs} page loads")
    print("| mode | typed on an idle page → first result | typed at page load | longest main-thread task |")
    print("|---|---|---|---|")
    for mode, site, offline in (("online", args.site, False), ("file://", args.offline, True)):
        if site is not None:
            ms, eager_ms, longest = _timings(site, offline, timed, args.runs)
            print(f"| {mode} | {ms:.0f} ms | {eager_ms:.0f} ms | {longest:.0f} ms |")


if __name__ == "__main__":
    main()
