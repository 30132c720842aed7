"""The calendar never decides a test: thutuc reads the clock in one place, and that place obeys SOURCE_DATE_EPOCH."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT, run_thutuc

# Calls that read the wall clock as a date or moment; durations (perf_counter, monotonic) are not dates.
CLOCK_CALLS = {"today", "now", "utcnow", "localtime", "gmtime", "ctime", "strftime_now"}


def _clock_reads(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = ast.unparse(node.func.value)
            if node.func.attr in CLOCK_CALLS and owner.split(".")[-1] in {"date", "datetime", "time", "dt"}:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {ast.unparse(node)}")
        if isinstance(node, ast.Call) and ast.unparse(node.func) == "time.time":
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}: time.time()")
    return found


def test_only_the_clock_module_reads_the_clock() -> None:
    reads = [
        read
        for path in sorted((ROOT / "site_builder").rglob("*.py"))
        if path.name != "clock.py"
        for read in _clock_reads(path)
    ]
    assert reads == [], "đọc đồng hồ ngoài site_builder/clock.py:\n" + "\n".join(reads)


def test_the_guard_sees_a_clock_read(tmp_path: Path) -> None:
    sample = ROOT / "tests" / "_clock_sample.py"
    sample.write_text("import datetime as dt\nx = dt.date.today()\n", encoding="utf-8")
    try:
        assert _clock_reads(sample) == ["tests/_clock_sample.py:2: dt.date.today()"]
    finally:
        sample.unlink()


def test_new_writes_the_fixed_day_and_check_accepts_it(catalogue: Path) -> None:
    made = run_thutuc(
        "new",
        "--catalogue",
        str(catalogue),
        "--name",
        "Cấp giấy phép thử",
        "--field",
        "ho-tich",
        "--agency",
        "ubnd-xa",
        "--level",
        "commune",
        "--audience",
        "cong-dan",
    )
    assert made.returncode == 0, made.stderr
    text = (catalogue / "cap-giay-phep-thu.yml").read_text(encoding="utf-8")
    # conftest fixes the moment at 2026-11-26 10:00 in Vietnam for every process a test starts.
    assert "ngày 26/11/2026" in text and "date: 2026-11-26" in text
    checked = run_thutuc("check", "--catalogue", str(catalogue))
    assert "E306" not in checked.stdout
