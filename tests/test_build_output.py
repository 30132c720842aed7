"""`build` and `kiosk` group the catalogue's warnings by code; errors, `--verbose` and `check` show every finding."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from conftest import FIXTURE_CATALOGUE, ROOT, SAMPLE_CATALOGUE, copy_project, run_thutuc

from site_builder.validate.codes import CODES

FINDING = re.compile(r"^\s*\S+:\d+:\d+: (?P<code>[EW]\d{3}): ")
HEADING = re.compile(r"^(?P<code>W\d{3}) — (?P<title>.+): (?P<count>\d+) cảnh báo$")
MORE = re.compile(r"^  … thêm (?P<n>\d+) \(xem tất cả: thutuc check hoặc --verbose\)$")


def warnings_by_code(catalogue: Path) -> Counter[str]:
    found = json.loads(run_thutuc("check", "--catalogue", str(catalogue), "--format", "json").stdout)
    return Counter(d["code"] for d in found if d["severity"] == "warning")


@pytest.fixture(scope="module")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    out = tmp_path_factory.mktemp("site")
    result = run_thutuc("build", "--config", str(ROOT / "mkdocs.yml"), "--site-dir", str(out), cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout.splitlines()


def test_sample_warnings_are_grouped_by_code(sample_build: list[str]) -> None:
    expected = warnings_by_code(SAMPLE_CATALOGUE)
    assert (
        sum(expected.values()) >= 28
    )  # the sample catalogue's known warnings, which used to fill the screen
    headings = {m["code"]: m for line in sample_build if (m := HEADING.match(line))}
    assert {code: int(m["count"]) for code, m in headings.items()} == dict(expected)
    assert all(m["title"] == CODES[code].title for code, m in headings.items())
    shown = Counter(m["code"] for line in sample_build if (m := FINDING.match(line)))
    assert shown == {code: min(n, 3) for code, n in expected.items()}
    more = [int(m["n"]) for line in sample_build if (m := MORE.match(line))]
    assert more == [n - 3 for code, n in sorted(expected.items()) if n > 3]


def test_success_line_stands_apart_at_the_end(sample_build: list[str]) -> None:
    assert sample_build[-1].startswith("Đã dựng ") and sample_build[-2] == ""
    assert sample_build[-3].startswith("Đã kiểm tra ")
    assert len(sample_build) < 20


def test_verbose_prints_every_warning(tmp_path: Path) -> None:
    result = run_thutuc("build", "--verbose", "--site-dir", str(tmp_path / "site"), cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    shown = Counter(m["code"] for line in result.stdout.splitlines() if (m := FINDING.match(line)))
    assert shown == warnings_by_code(SAMPLE_CATALOGUE)
    assert "… thêm" not in result.stdout


def test_check_still_prints_every_warning() -> None:
    result = run_thutuc("check", cwd=ROOT)
    shown = Counter(m["code"] for line in result.stdout.splitlines() if (m := FINDING.match(line)))
    assert shown == warnings_by_code(SAMPLE_CATALOGUE)


def test_errors_are_never_grouped(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", FIXTURE_CATALOGUE)
    for number in range(5):
        (project / "procedures" / f"hong-{number}.yml").write_text("name: a: b\n", encoding="utf-8")
    for command in ("build", "kiosk"):
        result = run_thutuc(command, "--config", str(project / "mkdocs.yml"), cwd=tmp_path)
        assert result.returncode == 1, result.stdout + result.stderr
        errors = [line for line in result.stdout.splitlines() if ": E100: " in line]
        assert len(errors) == 5, result.stdout
        assert "… thêm" not in result.stdout


def test_kiosk_groups_warnings_too(tmp_path: Path) -> None:
    result = run_thutuc(
        "kiosk", "--dir", str(tmp_path / "kiosk"), "--output", str(tmp_path / "kiosk.zip"), cwd=ROOT
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    headings = {m["code"]: int(m["count"]) for line in lines if (m := HEADING.match(line))}
    assert headings == dict(warnings_by_code(SAMPLE_CATALOGUE))
    assert lines[-1].startswith("Đã dựng bản sao") and lines[-2] == ""
