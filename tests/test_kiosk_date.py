"""The kiosk's "Dữ liệu cập nhật đến …" is when the data last changed, not when the copy was built.

These builds run on the real clock (no SOURCE_DATE_EPOCH, which conftest sets for every other
process), so a date taken from the build would differ between two builds; the data's own moment
(the last commit touching the catalogue, else the newest review date) does not.
"""

from __future__ import annotations

import os
import subprocess
import time
import zipfile
from pathlib import Path

from bs4 import BeautifulSoup
from conftest import FIXTURE_CATALOGUE, THUTUC, commit, copy_project

COMMITTED = "2026-10-01T09:15:00+07:00"
# The newest `review.date` of the fixture catalogue's procedures.
NEWEST_REVIEW = "ngày 20/11/2026"


def _real_clock() -> dict[str, str]:
    return {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}


def kiosk(project: Path, out: Path, env: dict[str, str] | None = None) -> tuple[bytes, str]:
    """Build the kiosk copy of `project` into `out`; the zip's bytes and the bar's text."""
    result = subprocess.run(
        [
            THUTUC,
            "kiosk",
            "--config",
            str(project / "mkdocs.yml"),
            "--dir",
            str(out),
            "--output",
            str(out.with_suffix(".zip")),
        ],
        capture_output=True,
        text=True,
        check=False,
        env=env if env is not None else _real_clock(),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    page = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    bar = page.select_one(".tt-kiosk-bar__built")
    assert bar is not None
    return out.with_suffix(".zip").read_bytes(), bar.get_text(" ", strip=True)


def _zip_dates(data: bytes, where: Path) -> set[tuple[int, ...]]:
    where.write_bytes(data)
    with zipfile.ZipFile(where) as archive:
        return {info.date_time for info in archive.infolist()}


def _repo(where: Path) -> Path:
    repo = copy_project(where, FIXTURE_CATALOGUE)
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    for key, value in (("user.email", "t@example.org"), ("user.name", "Kiểm thử")):
        subprocess.run(["git", "-C", str(repo), "config", key, value], check=True)
    commit(repo, "Danh mục", COMMITTED)
    return repo


def test_same_commit_gives_the_same_zip_and_the_commit_time(tmp_path: Path) -> None:
    repo = _repo(tmp_path / "kho")
    first, bar = kiosk(repo, tmp_path / "one")
    time.sleep(1.5)  # the zip stores seconds: a date from the real clock would differ
    second, again = kiosk(repo, tmp_path / "two")
    assert bar == again == "Dữ liệu cập nhật đến 09:15 ngày 01/10/2026"
    assert first == second
    assert _zip_dates(first, tmp_path / "check.zip") == {(2026, 10, 1, 9, 15, 0)}


def test_uncommitted_edits_show_the_newest_review_date(tmp_path: Path) -> None:
    repo = _repo(tmp_path / "kho")
    birth = repo / "procedures" / "dang-ky-khai-sinh.yml"
    birth.write_text(
        birth.read_text(encoding="utf-8").replace("Lệ phí đăng ký khai sinh đúng hạn", "Lệ phí khai sinh"),
        encoding="utf-8",
    )
    data, bar = kiosk(repo, tmp_path / "one")
    assert bar == f"Dữ liệu cập nhật đến {NEWEST_REVIEW}"
    assert _zip_dates(data, tmp_path / "check.zip") == {(2026, 11, 20, 0, 0, 0)}


def test_outside_git_the_newest_review_date(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", FIXTURE_CATALOGUE)
    first, bar = kiosk(project, tmp_path / "one")
    time.sleep(1.5)
    second, _ = kiosk(project, tmp_path / "two")
    assert bar == f"Dữ liệu cập nhật đến {NEWEST_REVIEW}"
    assert first == second


def test_source_date_epoch_still_wins(tmp_path: Path) -> None:
    repo = _repo(tmp_path / "kho")
    pinned = {**_real_clock(), "SOURCE_DATE_EPOCH": "1795662000"}  # 2026-11-26 10:00 in Vietnam
    data, bar = kiosk(repo, tmp_path / "one", pinned)
    assert bar == "Dữ liệu cập nhật đến 10:00 ngày 26/11/2026"
    assert _zip_dates(data, tmp_path / "check.zip") == {(2026, 11, 26, 10, 0, 0)}
