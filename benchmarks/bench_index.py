"""Benchmark building the search index of N synthetic procedures: prints a table, asserts nothing.

    python benchmarks/bench_index.py [--sizes 2000,20000] [--runs 3]

For each size, each way in its own child process on the same catalogue, the children in turn
--runs times, each timing its work 3 times; medians of CPU seconds (user + system, so that other
work on the machine does not count):
- documents: what every way shares, the fields of each searchable page (`documents`);
- before: commit baseline.BEFORE's index of those fields (lunr.py's Builder with `add`
  overridden, reading its private fields, then the compact encoding);
- now: our own writer of the compact encoding (index/compact.py);
- lunr public Builder.add: the first step alone of using lunr.py's public Builder instead,
  adding the same records (the encoding would still follow): a lower bound of that route.
Last column: whether the search payload is the same bytes as before's.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import baseline
from common import arguments
from synthetic import generate

TIMING = """
import datetime as dt, hashlib, json, pathlib, statistics, sys, time
from site_builder.index import builder, compact
from site_builder.load import load_catalogue
from site_builder.render.urls import Urls
catalogue = load_catalogue(pathlib.Path(sys.argv[1]), dt.date(2026, 11, 26)).catalogue
way, repeats = sys.argv[2], int(sys.argv[3])
def seconds(work):
    start = time.process_time()
    work()
    return time.process_time() - start
def documents():
    return [fields for _, fields in builder.documents(catalogue, Urls())]
records = documents()
def public():
    from lunr.builder import Builder
    lunr = Builder()
    lunr.pipeline.reset()
    lunr.search_pipeline.reset()
    lunr.ref("ref")
    for field in builder.FIELDS:
        lunr.field(field)
    for ref, record in enumerate(records):
        lunr.add({"ref": str(ref), **record})
def before():
    refs = [{"ref": str(ref), **record} for ref, record in enumerate(records)]
    compact.encode(builder.lunr_builder(refs), builder.FIELDS)
def now():
    compact.encode(records, builder.FIELDS)
work = {"public": public, "before": before, "now": now}[way]
payload = builder.build_index(catalogue, Urls())[0]
print(json.dumps({
    "documents": statistics.median(seconds(documents) for _ in range(repeats)),
    "index": statistics.median(seconds(work) for _ in range(repeats)),
    "digest": hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode()).hexdigest(),
}))
"""
REPEATS = "3"


def main() -> None:
    args = arguments(__doc__, "2000,20000")
    print(f"Search index — median of {args.runs} runs, one process each; CPU seconds")
    print(
        "| procedures | documents | before: Builder subclass | now: own writer | lunr public Builder.add | same payload |"
    )
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        old_tree = baseline.unpack(baseline.BEFORE, Path(tmp) / "before")
        for size in [int(s) for s in args.sizes.split(",")]:
            catalogue = str(generate(Path(tmp) / f"catalogue-{size}", size))
            found: dict[str, list[dict[str, Any]]] = {"before": [], "now": [], "public": []}
            for _ in range(args.runs):  # in turn, so a busier minute weighs on every way alike
                found["before"].append(baseline.run(old_tree, TIMING, catalogue, "before", REPEATS))
                found["now"].append(baseline.run(baseline.ROOT, TIMING, catalogue, "now", REPEATS))
                found["public"].append(baseline.run(baseline.ROOT, TIMING, catalogue, "public", REPEATS))
            cells = [f"{statistics.median(r['documents'] for r in found['now']):.2f}"]
            cells += [f"{statistics.median(r['index'] for r in found[way]):.2f}" for way in found]
            same = "yes" if found["now"][0]["digest"] == found["before"][0]["digest"] else "NO"
            print(f"| {size:,} | {' | '.join(cells)} | {same} |", flush=True)


if __name__ == "__main__":
    main()
