"""What every benchmark script shares: a project around a catalogue, timing a whole process."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from synthetic import generate

ROOT = Path(__file__).resolve().parent.parent
THUTUC = str(Path(sys.executable).parent / "thutuc")


def project(work: Path, size: int | None) -> Path:
    """mkdocs.yml, docs/ and overrides/ of this repository around the sample (None) or a synthetic catalogue."""
    work.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", work / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", work / "docs")
    shutil.copytree(ROOT / "overrides", work / "overrides")
    if size is None:
        shutil.copytree(ROOT / "procedures", work / "procedures")
    else:
        generate(work / "procedures", size)
    return work


def run(args: list[str]) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MB (the child's own accounting) and exit code of one process."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    return time.perf_counter() - start, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def arguments(doc: str | None, sizes: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default=sizes)
    parser.add_argument("--runs", type=int, default=3)
    return parser.parse_args()
