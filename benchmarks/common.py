"""What every benchmark script shares: a project around a catalogue, timing a whole process."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from synthetic import generate

ROOT = Path(__file__).resolve().parent.parent
THUTUC = str(Path(sys.executable).parent / "thutuc")
# How often the memory of a command's processes is sampled: forked workers live a few seconds.
SAMPLE_SECONDS = 0.05
DISCOVER_EVERY = 4


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


@dataclass(frozen=True)
class Measured:
    """One command: wall seconds, peak PSS of all its processes together, peak RSS of its largest
    process (the kernel's own accounting, workers included), exit code."""

    seconds: float
    pss_mb: float
    max_rss_mb: float
    code: int


def _children() -> dict[int, list[int]]:
    """Each process's children, from /proc/<pid>/stat (the parent is the 4th field)."""
    found: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as stat:
                parent = int(stat.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue  # exited meanwhile
        found.setdefault(parent, []).append(int(entry.name))
    return found


def _tree(pid: int) -> list[int]:
    children, todo, seen = _children(), [pid], []
    while todo:
        current = todo.pop()
        seen.append(current)
        todo.extend(children.get(current, []))
    return seen


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass  # exited meanwhile, or a zombie
    return 0


def measure(args: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> Measured:
    """Run a command, sampling its processes' summed PSS every SAMPLE_SECONDS; keep the peak.

    Linux only (/proc/<pid>/smaps_rollup, kernel 4.14+). Memory that lives shorter than a sample
    can be missed; the max RSS, from the kernel at exit, cannot.
    """
    peak = 0.0
    start = time.perf_counter()
    proc = subprocess.Popen(args, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        samples = 0
        pids = [proc.pid]
        while not done.is_set():
            # Finding the processes scans all of /proc: every few samples only, so that the
            # sampler itself stays a small load on the machine it measures.
            if samples % DISCOVER_EVERY == 0:
                pids = _tree(proc.pid)
            samples += 1
            peak = max(peak, sum(_pss_kb(p) for p in pids) / 1024)
            done.wait(SAMPLE_SECONDS)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    return Measured(seconds, peak, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status))


def arguments(doc: str | None, sizes: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default=sizes)
    parser.add_argument("--runs", type=int, default=3)
    return parser.parse_args()


if __name__ == "__main__":
    # python benchmarks/common.py -- COMMAND…: one command's seconds, peak PSS and max RSS.
    measured = measure(sys.argv[2:] if sys.argv[1:2] == ["--"] else sys.argv[1:])
    print(
        f"{measured.seconds:.1f} s, peak PSS {measured.pss_mb:.0f} MB, "
        f"max RSS {measured.max_rss_mb:.0f} MB, exit {measured.code}"
    )
