"""Benchmark the QR codes of N procedure addresses: prints a table, asserts nothing.

    python benchmarks/bench_qr.py [--sizes 200,2000,20000] [--runs 3]

CPU seconds (user + system) of one process, so that other work on the machine does not count
(a build splits the codes over its worker processes), median of --runs:
- before: the old fast encoder built on segno's private encoder tables (commit baseline.BEFORE, run
  in a child process with that commit's site_builder);
- segno.make: the public API, nothing cached (`make_svg`);
- cold cache: the first build with an empty cache (segno.make, then each code written to it);
- warm cache: the next build of the same catalogue (`qr_svg`: each code read from the cache);
- preview: a rebuild in `thutuc serve`, which keeps the codes in memory.
Last column: whether the codes are the same bytes as before's.
"""

from __future__ import annotations

import functools
import hashlib
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import baseline
from common import arguments

from site_builder.render import qr

SITE_URL = "https://thutuc.langson.example/"
BEFORE = """
import hashlib, json, sys, time
from site_builder.render.qr import qr_svg
urls = json.loads(open(sys.argv[1], encoding="utf-8").read())
times = []
for _ in range(int(sys.argv[2])):
    start = time.process_time()
    svgs = [qr_svg(u) for u in urls]
    times.append(time.process_time() - start)
print(json.dumps({"times": times, "digest": hashlib.sha256(b"".join(svgs)).hexdigest()}))
"""


def addresses(count: int) -> list[str]:
    """Addresses shaped like the sample's (its procedure ids, numbered), so codes of the same versions."""
    ids = sorted(p.stem for p in (baseline.ROOT / "procedures").glob("*.yml"))
    return [qr.online_address(SITE_URL, f"{ids[n % len(ids)]}-{n}") for n in range(count)]


def timed(make: Callable[[str], bytes], urls: list[str]) -> tuple[float, bytes]:
    start = time.process_time()
    svgs = [make(u) for u in urls]
    return time.process_time() - start, b"".join(svgs)


def measure(urls: list[str], runs: int) -> tuple[dict[str, list[float]], bytes]:
    """Seconds of each way, per run, and the codes segno made."""
    found: dict[str, list[float]] = {"make": [], "cold": [], "warm": [], "preview": []}
    made = b""
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            cached = functools.partial(qr.cached_svg, Path(tmp))
            memo = functools.lru_cache(maxsize=None)(cached)
            seconds, made = timed(qr.make_svg, urls)
            found["make"].append(seconds)
            found["cold"].append(timed(memo, urls)[0])
            found["warm"].append(timed(cached, urls)[0])
            found["preview"].append(timed(memo, urls)[0])
    return found, made


def cell(times: list[float], count: int) -> str:
    seconds = statistics.median(times)
    return f"{seconds:.2f} s ({1000 * seconds / count:.2f} ms)"


def main() -> None:
    args = arguments(__doc__, "200,2000,20000")
    print(f"QR codes — median of {args.runs} runs, one process; CPU seconds (ms per code)")
    print(
        "| addresses | before: private encoder | segno.make | cold cache | warm cache | preview (memory) | same bytes |"
    )
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        old_tree = baseline.unpack(baseline.BEFORE, Path(tmp) / "before")
        for size in [int(s) for s in args.sizes.split(",")]:
            urls = addresses(size)
            listing = Path(tmp) / "urls.json"
            listing.write_text(json.dumps(urls), encoding="utf-8")
            before = baseline.run(old_tree, BEFORE, str(listing), str(args.runs))
            new, made = measure(urls, args.runs)
            same = hashlib.sha256(made).hexdigest() == before["digest"]
            cells = [
                cell(before["times"], size),
                *(cell(new[k], size) for k in ("make", "cold", "warm", "preview")),
            ]
            print(f"| {size:,} | {' | '.join(cells)} | {'yes' if same else 'NO'} |", flush=True)


if __name__ == "__main__":
    main()
