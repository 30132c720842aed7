"""Benchmark `thutuc check`: prints a table, asserts nothing (targets are read by people).

    python benchmarks/bench_check.py [--sizes 200,2000] [--runs 3]

Rows: the shipped sample, synthetic catalogues of each size, and the two hostile files
(an alias bomb and a 5 MB file) that must be refused fast. With --hostile-feedback, two more
rows: the fixture catalogue with five feedback cases whose texts are 20,000 digits, against the
same five cases written normally (target: at most 1.5 × the clean check). Each figure is the median of
--runs whole-process runs of the real console script; memory is the child's peak RSS.
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import arguments, run
from synthetic import generate

ROOT = Path(__file__).resolve().parent.parent
THUTUC = str(Path(sys.executable).parent / "thutuc")
BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]\n" for i in range(8)
)


def measure(label: str, args: list[str], runs: int) -> str:
    results = [run(args) for _ in range(runs)]
    wall = statistics.median(r[0] for r in results)
    memory = max(r[1] for r in results)
    codes = sorted({r[2] for r in results})
    return f"| {label} | {wall:.2f} s | {min(r[0] for r in results):.2f}–{max(r[0] for r in results):.2f} s | {memory:.0f} MB | {codes} |"


def hostile(workdir: Path) -> dict[str, Path]:
    """A copy of the sample catalogue plus one hostile file each."""
    cases = {}
    contents = {
        "alias bomb (10^9 nodes)": BOMB.encode(),
        "5 MB file": b"name: " + b"x" * 5_000_000 + b"\n",
    }
    for name, content in contents.items():
        catalogue = workdir / name.split()[0]
        shutil.copytree(ROOT / "tests" / "fixtures" / "catalogue", catalogue)
        (catalogue / "hostile.yml").write_bytes(content)
        cases[name] = catalogue
    return cases


FEEDBACK = """id: {id}
received: 2026-10-05
channel: hotline
agency: ubnd-xa
summary: >-
  {text}
status: answered
answer: >-
  {text}
answered_by: ubnd-xa
answered_on: 2026-10-09
"""
CLEAN_TEXT = "Người gửi phản ánh được hẹn trả kết quả muộn hơn thời hạn; UBND xã đã trả lời."


def feedback_catalogues(workdir: Path) -> dict[str, Path]:
    """The fixture catalogue with five feedback cases: texts of 20,000 digits, or ordinary ones."""
    cases = {}
    for name, text in (("clean", CLEAN_TEXT), ("hostile", "1" * 20_000)):
        catalogue = workdir / f"feedback-{name}"
        shutil.copytree(ROOT / "tests" / "fixtures" / "catalogue", catalogue)
        (catalogue / "_feedback").mkdir()
        for number in range(1, 6):
            case = f"vu-viec-{number}"
            (catalogue / "_feedback" / f"{case}.yml").write_text(FEEDBACK.format(id=case, text=text), "utf-8")
        cases[name] = catalogue
    return cases


def main() -> None:
    hostile_feedback = "--hostile-feedback" in sys.argv
    if hostile_feedback:
        sys.argv.remove("--hostile-feedback")
    args = arguments(__doc__, "200,2000")
    print(f"thutuc check — median of {args.runs} runs, {os.cpu_count()} CPU, Python {sys.version.split()[0]}")
    print("| catalogue | wall (median) | wall (min–max) | peak memory | exit codes |")
    print("|---|---|---|---|---|")
    print(
        measure(
            "shipped sample (procedures/)",
            [THUTUC, "check", "--catalogue", str(ROOT / "procedures")],
            args.runs,
        )
    )
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            catalogue = generate(Path(tmp) / f"n{size}", size)
            print(
                measure(
                    f"{size:,} synthetic procedures",
                    [THUTUC, "check", "--catalogue", str(catalogue)],
                    args.runs,
                )
            )
        for name, catalogue in hostile(Path(tmp)).items():
            print(measure(name, [THUTUC, "check", "--catalogue", str(catalogue)], args.runs))
        if hostile_feedback:
            feedback = feedback_catalogues(Path(tmp))
            for name, label in (
                ("clean", "5 feedback cases, ordinary texts"),
                ("hostile", "5 feedback cases, 20,000-digit texts"),
            ):
                print(measure(label, [THUTUC, "check", "--catalogue", str(feedback[name])], args.runs))


if __name__ == "__main__":
    main()
