"""Benchmark the personal-data detector of feedback cases: prints tables, asserts nothing.

    python benchmarks/bench_privacy.py [--runs 3]

First table: the corpus of tests/privacy/ (personal variants, known misses counted as misses,
and sentences offices write), how many are caught and how many false alarms. Second table:
time per field for adversarial texts of 10,000, 20,000 and 200,000 characters; a linear
detector takes ten times as long for ten times the text (the old one took 2.9 s for 20,000
digits, quadratic). Run with PYTHONPATH=<an older checkout> to measure older code.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from site_builder.validate.privacy import personal_data  # noqa: E402

SIZES = (10_000, 20_000, 200_000)
UNITS = {
    "digits": "1",
    '"a@"': "a@",
    "spaces": " ",
    "digits and spaces": "1 ",
    '"ông "': "ông ",
    "zero-width between digits": "1\u200d",
    "phone numbers": "0912345678 ",
    '"zalo: " (a finding every 12 characters)': "zalo: ",
    "full names": "ông Nguyễn Văn Bình ở thôn Nà Lừa ",
}


def corpus_table() -> None:
    corpus = ROOT / "tests" / "privacy"
    personal: dict[str, Any] = yaml.safe_load((corpus / "personal.yml").read_text(encoding="utf-8"))
    legitimate: dict[str, Any] = yaml.safe_load((corpus / "legitimate.yml").read_text(encoding="utf-8"))
    misses = [miss["text"] for miss in personal.pop("known_misses", [])]
    variants = [text for texts in personal.values() for text in texts] + misses
    caught = sum(1 for text in variants if list(personal_data(text)))
    sentences = legitimate["sentences"]
    alarms = sum(1 for text in sentences if list(personal_data(text, legitimate["allowed"])))
    print("| corpus | size | caught | catch rate | false alarms |")
    print("|---|---|---|---|---|")
    print(
        f"| personal data (tests/privacy/personal.yml) | {len(variants)} | {caught} | {caught / len(variants):.1%} | – |"
    )
    print(f"| what offices write (legitimate.yml) | {len(sentences)} | – | – | {alarms} |")


def _seconds(text: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        list(personal_data(text, ["1900 0000"]))
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def timing_table(runs: int) -> None:
    print()
    print(f"time per field, median of {runs} runs (200k ÷ 20k: 10 means linear)")
    print("| text | " + " | ".join(f"{size:,} chars" for size in SIZES) + " | 200k ÷ 20k |")
    print("|---|" + "---|" * (len(SIZES) + 1))
    for label, unit in UNITS.items():
        times = [_seconds(unit * (size // len(unit)), runs) for size in SIZES]
        cells = " | ".join(f"{t * 1000:.1f} ms" for t in times)
        print(f"| {label} | {cells} | {times[2] / times[1]:.1f} |")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    corpus_table()
    timing_table(args.runs)


if __name__ == "__main__":
    main()
