"""Scale benchmark: thutuc against stock MkDocs + Material, same procedures, same run.

    python benchmarks/bench_scale.py [--sizes 200,2000] [--runs 1] [--no-preview]

For each size, on one synthetic catalogue:
- `thutuc check` wall time;
- `thutuc build` wall time and peak memory; procedure page HTML (median);
- search download for a first search (index + worker, raw and gzip);
- kiosk zip size;
- preview: seconds from saving one edited procedure file until `mkdocs serve` shows it;
- the baseline: the same procedures written as plain Markdown pages, built by stock MkDocs
  1.6 + Material 9 with a sections-only navigation and Material's search plugin.
Prints a table; asserts nothing. Add 20000 to --sizes for the large row (several minutes).
"""

from __future__ import annotations

import argparse
import gzip
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import THUTUC, project, run

MKDOCS = str(Path(sys.executable).parent / "mkdocs")
BASELINE_CONFIG = """site_name: Baseline
theme:
  name: material
  language: vi
  font: false
nav:
  - index.md
  - Thủ tục: thu-tuc/index.md
plugins:
  - search
validation:
  nav:
    omitted_files: ignore
"""


def baseline_project(work: Path, catalogue: Path) -> Path:
    """Each procedure as a Markdown page, the way a site without our plugin would hold it."""
    docs = work / "docs" / "thu-tuc"
    docs.mkdir(parents=True)
    (work / "docs" / "index.md").write_text("# Thủ tục hành chính\n", encoding="utf-8")
    (docs / "index.md").write_text("# Danh sách thủ tục\n", encoding="utf-8")
    for path in sorted(catalogue.glob("*.yml")):
        p = yaml.safe_load(path.read_text(encoding="utf-8"))
        lines = [f"# {p['name']}", "", p["summary"], "", "## Trình tự thực hiện", ""]
        lines += [f"{i}. **{s['title']}**: {s['text']}" for i, s in enumerate(p["steps"], 1)]
        lines += ["", "## Cách thức thực hiện", ""]
        for c in p["channels"]:
            limit = c["time_limit"]
            lines.append(f"- {c['kind']}: {limit['value']} {limit['unit']}. {c.get('description', '')}")
            lines += [f"    - {f['name']}: {f.get('amount')} đồng" for f in c.get("fees", [])]
        lines += ["", "## Thành phần hồ sơ", ""]
        lines += [f"- {d['name']}" for case in p["dossier"]["cases"] for d in case["documents"]]
        lines += ["", "## Căn cứ pháp lý", ""] + [f"- {law['number']}" for law in p["legal_basis"]]
        (docs / f"{path.stem}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (work / "mkdocs.yml").write_text(BASELINE_CONFIG, encoding="utf-8")
    return work


def median_page(site: Path, pattern: str) -> float:
    return statistics.median(p.stat().st_size for p in site.glob(pattern)) / 1024


def search_download(site: Path) -> tuple[float, float]:
    names = [
        "search/search_index.json",
        "search/thutuc_index.json",
        "assets/javascripts/workers/thutuc-search.js",
    ]
    data = [(site / n).read_bytes() for n in names]
    return sum(map(len, data)) / 1024, sum(len(gzip.compress(d, 6)) for d in data) / 1024


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def preview_seconds(work: Path, limit: float = 600) -> float:
    """Seconds from saving an edited procedure until the preview server serves the change."""
    port = _free_port()
    server = subprocess.Popen(
        [MKDOCS, "serve", "-a", f"127.0.0.1:{port}"],
        cwd=work,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    target = next(iter(sorted((work / "procedures").glob("*.yml"))))
    url = f"http://127.0.0.1:{port}/thu-tuc/{target.stem}/"
    try:
        deadline = time.monotonic() + limit
        while "<h1" not in _page(url) and time.monotonic() < deadline:
            time.sleep(0.5)
        time.sleep(3)  # let the watcher settle after the first build
        text = target.read_text(encoding="utf-8")
        start = time.monotonic()
        target.write_text(text.replace("\nname: ", "\nname: Đã sửa ", 1), encoding="utf-8")
        while "Đã sửa" not in _page(url) and time.monotonic() < deadline:
            time.sleep(0.1)
        return time.monotonic() - start
    finally:
        server.terminate()
        server.wait(timeout=30)


def row(size: int, runs: int, preview: bool) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        work = project(Path(tmp) / "thutuc", size)
        check = statistics.median(
            run([THUTUC, "check", "--catalogue", str(work / "procedures")])[0] for _ in range(runs)
        )
        builds = [
            run([THUTUC, "build", "--config", str(work / "mkdocs.yml"), "--site-dir", str(work / "site")])
            for _ in range(runs)
        ]
        wall, memory = statistics.median(b[0] for b in builds), max(b[1] for b in builds)
        page = median_page(work / "site", "thu-tuc/*/index.html")
        raw, packed = search_download(work / "site")
        run(
            [
                THUTUC,
                "kiosk",
                "--config",
                str(work / "mkdocs.yml"),
                "--dir",
                str(work / "kiosk"),
                "--output",
                str(work / "k.zip"),
            ]
        )
        zip_mb = (work / "k.zip").stat().st_size / 1_000_000
        edit = f"{preview_seconds(work):.1f} s" if preview else "—"
        base = baseline_project(Path(tmp) / "baseline", work / "procedures")
        stock = [
            run([MKDOCS, "build", "-q", "-f", str(base / "mkdocs.yml"), "-d", str(base / "site")])
            for _ in range(runs)
        ]
        stock_wall, stock_memory = statistics.median(b[0] for b in stock), max(b[1] for b in stock)
        stock_page = median_page(base / "site", "thu-tuc/*/index.html")
        return (
            f"| {size:,} | {check:.2f} s | {wall:.1f} s | {memory:.0f} MB | {page:.1f} KB | {raw:.0f} / {packed:.0f} KB "
            f"| {zip_mb:.1f} MB | {edit} | {stock_wall:.1f} s | {stock_memory:.0f} MB | {stock_page:.1f} KB "
            f"| {wall / stock_wall:.2f}× |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="200,2000")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--no-preview", dest="preview", action="store_false")
    args = parser.parse_args()
    print(f"thutuc vs stock MkDocs + Material — median of {args.runs} run(s)")
    print(
        "| procedures | check | build | build memory | page HTML | search download (raw / gzip) | kiosk zip "
        "| edit → preview | stock build | stock memory | stock page HTML | build ÷ stock |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for size in (int(s) for s in args.sizes.split(",")):
        print(row(size, args.runs, args.preview), flush=True)


if __name__ == "__main__":
    main()
