"""The preview server's memory over many rebuilds: does `thutuc serve` keep what it no longer needs?

    python benchmarks/bench_serve_memory.py [--size 2000] [--rebuilds 50] [--every 10] [--against DIR]

Starts a real `thutuc serve` on a synthetic catalogue of --size procedures (a git repository
with one commit, like every real catalogue), waits for the first build, then saves the same
procedure file --rebuilds times, each time with a new name, waiting until the preview shows that
name and the watcher has settled. Every --every rebuilds it reads the server's memory from
/proc/PID/smaps_rollup: RSS (pages in memory) and PSS (the same, shared pages divided among the
processes that share them). Linux only. Prints a table; asserts nothing (target: flat).

--against DIR runs the same measurement a second time with the `site_builder` package of
another checkout first on PYTHONPATH (for example `git worktree add /tmp/before HEAD~`), on the
same catalogue, one server after the other, and prints both side by side.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_scale import _free_port, _page, committed
from common import THUTUC, project


@dataclass
class Series:
    """Memory (MB) after the first build and every `every` rebuilds; seconds of each rebuild."""

    rss: list[float] = field(default_factory=list)
    pss: list[float] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)


def memory(pid: int) -> tuple[float, float]:
    """RSS and PSS of one process, in MB."""
    fields: dict[str, int] = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text(encoding="ascii").splitlines()[1:]:
        key, value = line.split(":", 1)
        fields[key] = int(value.split()[0])
    return fields["Rss"] / 1024, fields["Pss"] / 1024


def _wait_for(url: str, text: str, deadline: float) -> None:
    while text not in _page(url):
        if time.monotonic() > deadline:
            raise SystemExit(f"the preview did not show {text!r} at {url} in time")
        time.sleep(0.05)


def measure(work: Path, args: argparse.Namespace, code: Path | None) -> Series:
    """One server's series; `code` is another checkout whose site_builder it runs, or None."""
    env = {**os.environ, "PYTHONPATH": str(code)} if code else dict(os.environ)
    port = _free_port()
    server = subprocess.Popen(
        [THUTUC, "serve", "--config", "mkdocs.yml", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=work,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    target = sorted((work / "procedures").glob("*.yml"))[0]
    url = f"http://127.0.0.1:{port}/thu-tuc/{target.stem}/"
    original = target.read_text(encoding="utf-8")
    series = Series()
    try:
        deadline = time.monotonic() + args.limit
        _wait_for(url, "<h1", deadline)
        time.sleep(args.settle)
        for rebuild in range(args.rebuilds + 1):
            if rebuild % args.every == 0:
                rss, pss = memory(server.pid)
                series.rss.append(rss)
                series.pss.append(pss)
            if rebuild == args.rebuilds:
                break
            mark = f"Đã sửa lần {rebuild + 1}"
            start = time.monotonic()
            target.write_text(original.replace("\nname: ", f"\nname: {mark} ", 1), encoding="utf-8")
            _wait_for(url, mark, deadline)
            series.seconds.append(time.monotonic() - start)
            time.sleep(args.settle)  # the rest of the rebuild (search index, sitemap) and the watcher
        return series
    finally:
        target.write_text(original, encoding="utf-8")
        server.terminate()
        server.wait(timeout=30)


def table(columns: dict[str, Series], every: int) -> list[str]:
    names = list(columns)
    head = "| rebuilds | " + " | ".join(f"{n}: RSS | {n}: PSS | {n}: s per rebuild" for n in names) + " |"
    lines = [head, "|---|" + "---|---|---|" * len(names)]
    for i in range(len(columns[names[0]].rss)):
        cells = []
        for series in columns.values():
            recent = series.seconds[max(0, (i - 1) * every) : i * every]
            seconds = f"{statistics.median(recent):.2f}" if recent else "—"
            cells.append(f"{series.rss[i]:.0f} MB | {series.pss[i]:.0f} MB | {seconds}")
        lines.append(f"| {i * every} | " + " | ".join(cells) + " |")
    if len(columns[names[0]].rss) > 2:
        growth = [
            f"{s.rss[-1] - s.rss[1]:+.0f} MB | {s.pss[-1] - s.pss[1]:+.0f} MB | " for s in columns.values()
        ]
        lines.append(f"| {every} → {every * (len(columns[names[0]].rss) - 1)} | " + " | ".join(growth) + " |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", type=int, default=2000)
    parser.add_argument("--rebuilds", type=int, default=50)
    parser.add_argument("--every", type=int, default=10)
    parser.add_argument("--settle", type=float, default=2.0, help="seconds to wait after each rebuild shows")
    parser.add_argument("--limit", type=float, default=1800, help="seconds allowed for one whole server run")
    parser.add_argument("--against", type=Path, help="another checkout to measure too (its site_builder)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = project(Path(tmp) / "thutuc", args.size)
        committed(work)
        columns = {"this checkout": measure(work, args, None)}
        if args.against:
            columns[args.against.name] = measure(work, args, args.against.resolve())
    print(
        f"thutuc serve, {args.size:,} procedures, one file saved {args.rebuilds} times — memory of the server"
    )
    print("\n".join(table(columns, args.every)))


if __name__ == "__main__":
    main()
