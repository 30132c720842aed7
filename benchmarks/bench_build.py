"""Benchmark `thutuc build` on synthetic catalogues: prints a table, asserts nothing.

    python benchmarks/bench_build.py [--sizes 200,2000] [--runs 3]

For each size: wall time and peak memory of the whole `thutuc build` process (median of
--runs), and the size of the procedure pages it wrote (median and largest).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import THUTUC, arguments, project, run


def page_sizes(site: Path) -> tuple[float, int]:
    sizes = [p.stat().st_size for p in (site / "thu-tuc").glob("*/index.html")]
    return statistics.median(sizes), max(sizes)


def main() -> None:
    args = arguments(__doc__, "200,2000")
    print(f"thutuc build — median of {args.runs} runs, {os.cpu_count()} CPU, Python {sys.version.split()[0]}")
    print(
        "| procedures | wall (median) | wall (min–max) | peak memory | procedure page HTML (median / max) | pages |"
    )
    print("|---|---|---|---|---|---|")
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            work = project(Path(tmp), size)
            site = work / "site"
            command = [THUTUC, "build", "--config", str(work / "mkdocs.yml"), "--site-dir", str(site)]
            results = [run(command) for _ in range(args.runs)]
            codes = {r[2] for r in results}
            if codes != {0}:
                print(f"| {size:,} | build failed: exit {sorted(codes)} | | | | |")
                continue
            walls = [r[0] for r in results]
            median, largest = page_sizes(site)
            pages = sum(1 for _ in site.rglob("*.html"))
            print(
                f"| {size:,} | {statistics.median(walls):.2f} s | {min(walls):.2f}–{max(walls):.2f} s "
                f"| {max(r[1] for r in results):.0f} MB | {median / 1024:.1f} KB / {largest / 1024:.1f} KB | {pages:,} |"
            )


if __name__ == "__main__":
    main()
