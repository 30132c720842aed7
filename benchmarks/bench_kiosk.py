"""Benchmark `thutuc kiosk`: zip size and build time. Prints a table, asserts nothing.

    python benchmarks/bench_kiosk.py [--sizes 2000] [--runs 3]

Rows: the shipped sample catalogue, then synthetic catalogues of each size.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import generate

ROOT = Path(__file__).resolve().parent.parent
THUTUC = str(Path(sys.executable).parent / "thutuc")


def project(work: Path, size: int | None) -> Path:
    shutil.copy(ROOT / "mkdocs.yml", work / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", work / "docs")
    shutil.copytree(ROOT / "overrides", work / "overrides")
    if size is None:
        shutil.copytree(ROOT / "procedures", work / "procedures")
    else:
        generate(work / "procedures", size)
    return work


def run(work: Path) -> tuple[float, float, int]:
    args = [THUTUC, "kiosk", "--config", str(work / "mkdocs.yml"), "--dir", str(work / "kiosk")]
    args += ["--output", str(work / "kiosk.zip")]
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, "kiosk build failed"
    return time.perf_counter() - start, usage.ru_maxrss / 1024, (work / "kiosk.zip").stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="2000")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"thutuc kiosk — median of {args.runs} runs, {os.cpu_count()} CPU")
    print("| catalogue | build + zip (median) | min–max | peak memory | zip size | files in folder |")
    print("|---|---|---|---|---|---|")
    for size in [None, *(int(s) for s in args.sizes.split(","))]:
        with tempfile.TemporaryDirectory() as tmp:
            work = project(Path(tmp), size)
            results = [run(work) for _ in range(args.runs)]
            walls = [r[0] for r in results]
            files = sum(1 for p in (work / "kiosk").rglob("*") if p.is_file())
            label = "shipped sample (32)" if size is None else f"{size:,} synthetic"
            print(
                f"| {label} | {statistics.median(walls):.2f} s | {min(walls):.2f}–{max(walls):.2f} s "
                f"| {max(r[1] for r in results):.0f} MB | {results[-1][2] / 1_000_000:.1f} MB | {files:,} |"
            )


if __name__ == "__main__":
    main()
