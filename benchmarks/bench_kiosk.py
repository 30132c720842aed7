"""Benchmark `thutuc kiosk`: zip size and build time. Prints a table, asserts nothing.

    python benchmarks/bench_kiosk.py [--sizes 2000] [--runs 3]

Rows: the shipped sample catalogue, then synthetic catalogues of each size.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import THUTUC, arguments, project, run


def kiosk(work: Path) -> tuple[float, float, int]:
    args = [THUTUC, "kiosk", "--config", str(work / "mkdocs.yml"), "--dir", str(work / "kiosk")]
    wall, memory, code = run([*args, "--output", str(work / "kiosk.zip")])
    assert code == 0, "kiosk build failed"
    return wall, memory, (work / "kiosk.zip").stat().st_size


def main() -> None:
    args = arguments(__doc__, "2000")
    print(f"thutuc kiosk — median of {args.runs} runs, {os.cpu_count()} CPU")
    print("| catalogue | build + zip (median) | min–max | peak memory | zip size | files in folder |")
    print("|---|---|---|---|---|---|")
    for size in [None, *(int(s) for s in args.sizes.split(","))]:
        with tempfile.TemporaryDirectory() as tmp:
            work = project(Path(tmp), size)
            results = [kiosk(work) for _ in range(args.runs)]
            walls = [r[0] for r in results]
            files = sum(1 for p in (work / "kiosk").rglob("*") if p.is_file())
            label = "shipped sample (32)" if size is None else f"{size:,} synthetic"
            print(
                f"| {label} | {statistics.median(walls):.2f} s | {min(walls):.2f}–{max(walls):.2f} s "
                f"| {max(r[1] for r in results):.0f} MB | {results[-1][2] / 1_000_000:.1f} MB | {files:,} |"
            )


if __name__ == "__main__":
    main()
