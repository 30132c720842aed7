"""What `check` keeps between runs (site_builder/check_store.py): the next run of an unchanged catalogue
prints exactly what a run without the store prints, an edited file is read again, a new day or setting
applies the rules about dates again, a damaged store is ignored, and the store is never in the project."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import zlib
from pathlib import Path

import pytest
from conftest import FIXTURE_CATALOGUE, THUTUC, TODAY, replace

from site_builder import check_store

BROKEN = Path(__file__).parent / "fixtures" / "broken"


def check(project: Path, cache: Path | None, *args: str) -> subprocess.CompletedProcess[str]:
    """`thutuc check` run from the project folder, with the store in `cache` (None: no store)."""
    env = {**os.environ, "THUTUC_CACHE_DIR": str(cache) if cache else ""}
    return subprocess.run(
        [THUTUC, "check", "--today", TODAY, *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def same(first: subprocess.CompletedProcess[str], second: subprocess.CompletedProcess[str]) -> None:
    assert (first.stdout, first.stderr, first.returncode) == (second.stdout, second.stderr, second.returncode)
    assert "Traceback" not in first.stderr + second.stderr


def stores(cache: Path) -> list[Path]:
    return sorted(cache.glob("checks-*/*.txt"))


def stored_names(store: Path) -> set[str]:
    lines = store.read_bytes().split(b"\n")[1:-1]
    return {json.loads(first.split(b"\t")[2]) for first in lines[::2]}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project with the fixture catalogue and every file of the broken corpus as a procedure file:
    every kind of finding the reader, the schema and the rules make, in one catalogue."""
    root = tmp_path / "du-an"
    shutil.copytree(FIXTURE_CATALOGUE, root / "procedures")
    for broken in sorted(BROKEN.glob("*.yml")):
        shutil.copy(broken, root / "procedures" / broken.name)
    return root


def test_a_second_check_prints_from_the_store_exactly_what_a_check_without_it_prints(
    project: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    without = check(project, None)
    assert without.returncode == 1 and without.stdout.count("\n") > 150
    first, second = check(project, cache), check(project, cache)
    same(without, first)
    same(without, second)
    for fmt in ("json", "github"):
        same(check(project, None, "--format", fmt), check(project, cache, "--format", fmt))
    # Positions are relative to where check runs, not to where the store was made.
    same(
        check(project / "procedures", None, "--catalogue", "."),
        check(project / "procedures", cache, "--catalogue", "."),
    )
    (store,) = stores(cache)
    assert stored_names(store) == {p.name for p in (project / "procedures").glob("*.yml")}


def _forge(store: Path, name: str, old: str, new: str, *, checksum: bool) -> None:
    """Change a message of the entry of `name` in the store, with its checksum or not."""
    lines = store.read_bytes().split(b"\n")
    for i in range(1, len(lines) - 1, 2):
        fields = lines[i].split(b"\t", 4)
        if json.loads(fields[2]) == name:
            body = fields[4].replace(old.encode(), new.encode())
            assert body != fields[4]
            crc = b"%08x" % zlib.crc32(body) if checksum else fields[0]
            lines[i] = b"\t".join([crc, *fields[1:4], body])
    store.write_bytes(b"\n".join(lines))


def test_what_the_store_holds_is_what_check_prints(project: Path, tmp_path: Path) -> None:
    """The store is read, not made again: a finding changed in it is printed if its checksum says it is
    whole, else the file is read again."""
    cache = tmp_path / "cache"
    first = check(project, cache)
    (store,) = stores(cache)
    _forge(store, "027-amount-dot.yml", "Cần một số nguyên", "SỐ TIỀN TỪ KHO", checksum=False)
    same(first, check(project, cache))
    _forge(store, "027-amount-dot.yml", "Cần một số nguyên", "SỐ TIỀN TỪ KHO", checksum=True)
    assert "SỐ TIỀN TỪ KHO" in check(project, cache).stdout


def test_an_edited_file_is_read_again(project: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert "dang-ky-khai-sinh.yml:20:13" not in check(project, cache).stdout
    target = project / "procedures" / "dang-ky-khai-sinh.yml"
    replace(target, "unit: working_days\n      note", "unit: working_dayz\n      note")
    edited = check(project, cache)
    assert "procedures/dang-ky-khai-sinh.yml:20:13: E203: " in edited.stdout
    same(check(project, None), edited)
    replace(target, "unit: working_dayz\n      note", "unit: working_days\n      note")
    assert "dang-ky-khai-sinh.yml:20:13" not in check(project, cache).stdout


@pytest.mark.parametrize("day", ["2020-11-26", "2029-11-26"])
def test_another_day_applies_the_rules_about_dates_again(project: Path, tmp_path: Path, day: str) -> None:
    cache = tmp_path / "cache"
    check(project, cache)
    other = check(project, cache, "--today", day)
    assert ("E306" if day < TODAY else "W401") in other.stdout
    same(check(project, None, "--today", day), other)
    same(check(project, None), check(project, cache))


def test_another_review_age_setting_applies_the_rules_about_dates_again(
    project: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    check(project, cache, "--today", "2027-06-01")
    settings = project / "procedures" / "_registry" / "catalogue.yml"
    settings.write_text(settings.read_text(encoding="utf-8") + "review_max_age_months: 3\n", encoding="utf-8")
    stricter = check(project, cache, "--today", "2027-06-01")
    assert "quá 3 tháng" in stricter.stdout
    same(check(project, None, "--today", "2027-06-01"), stricter)


def _truncated(data: bytes) -> bytes:
    return data[: len(data) // 2]


def _flipped(data: bytes) -> bytes:
    middle = len(data) // 2
    return data[:middle] + bytes([data[middle] ^ 0x20]) + data[middle + 1 :]


def _lines_lost(data: bytes) -> bytes:
    return data.replace(b"\n", b"", 3)


@pytest.mark.parametrize(
    "damage",
    [
        _truncated,
        _flipped,
        _lines_lost,
        lambda data: b"",
        lambda data: b"\x00\xff" * 5000,
        lambda data: data.replace(b'"', b"'"),
        lambda data: data.split(b"\n", 1)[0] + b"\n0\t0\t" + b"[" * 100_000 + b"\tx\ty\n\n",
    ],
    ids=["truncated", "flipped", "lines-lost", "empty", "binary", "foreign", "nested"],
)
def test_a_damaged_store_is_ignored_and_written_again(project: Path, tmp_path: Path, damage: object) -> None:
    cache = tmp_path / "cache"
    check(project, cache)
    (store,) = stores(cache)
    assert callable(damage)
    store.write_bytes(damage(store.read_bytes()))
    without = check(project, None)
    same(without, check(project, cache))
    same(without, check(project, cache))
    assert stored_names(store) == {p.name for p in (project / "procedures").glob("*.yml")}


def test_a_store_that_cannot_be_read_or_written_is_no_error(project: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    same(check(project, None), check(project, blocker))


def test_the_store_is_outside_the_project_and_holds_only_present_files(project: Path, tmp_path: Path) -> None:
    xdg = tmp_path / "xdg"
    env = {**os.environ, "XDG_CACHE_HOME": str(xdg)}
    env.pop("THUTUC_CACHE_DIR")
    run = subprocess.run(
        [THUTUC, "check", "--today", TODAY], cwd=project, env=env, capture_output=True, check=False
    )
    assert run.returncode == 1
    (store,) = stores(xdg / "thutuc")
    assert not any(b"thutuc-checks" in p.read_bytes() for p in project.rglob("*") if p.is_file())
    (project / "procedures" / "001-tab-indent.yml").unlink()
    subprocess.run(
        [THUTUC, "check", "--today", TODAY], cwd=project, env=env, capture_output=True, check=False
    )
    assert "001-tab-indent.yml" not in stored_names(store)
    assert len(stored_names(store)) == len(list((project / "procedures").glob("*.yml")))


def test_an_empty_cache_setting_keeps_nothing(project: Path, tmp_path: Path) -> None:
    xdg = tmp_path / "xdg"
    env = {**os.environ, "XDG_CACHE_HOME": str(xdg), "THUTUC_CACHE_DIR": ""}
    subprocess.run(
        [THUTUC, "check", "--today", TODAY], cwd=project, env=env, capture_output=True, check=False
    )
    assert not xdg.exists()


def test_only_the_last_catalogue_folders_are_kept(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    for i in range(check_store.MAX_STORES + 2):
        shutil.copytree(FIXTURE_CATALOGUE, tmp_path / f"du-an-{i}" / "procedures")
        assert check(tmp_path / f"du-an-{i}", cache).returncode == 0
    assert len(stores(cache)) == check_store.MAX_STORES


def test_another_thutuc_never_reads_what_this_one_kept(project: Path, tmp_path: Path) -> None:
    """Stores live in a folder named by a digest of the code: an older generation's is removed."""
    cache = tmp_path / "cache"
    old = cache / "checks-0123456789abcdef"
    old.mkdir(parents=True)
    (old / "x.txt").write_text("thutuc-checks 1", encoding="utf-8")
    check(project, cache)
    assert not old.exists() and len(stores(cache)) == 1
