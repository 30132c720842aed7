"""`thutuc check` keeps no validated procedures (load_catalogue(models=False)): its workers send back
findings and each procedure's facts only. What it finds, across files too, and what it finds from
the store on another day, must be what a load that keeps the models (a build, a preview) finds."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import FIXTURE_CATALOGUE, THUTUC, replace
from conftest import TODAY as FIXED_DAY

from site_builder import check_store, parallel, per_file
from site_builder.load import LoadResult, load_catalogue

TODAY = dt.date.fromisoformat(FIXED_DAY)  # the day everything the tests run sees (conftest)
BROKEN = Path(__file__).parent / "fixtures" / "broken"
# The findings of the rules across files that read the procedures themselves (their facts).
ACROSS = {"E302", "E303", "E308", "W405", "W407"}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The fixture catalogue with a finding of each rule of ACROSS; every procedure valid on its own
    (else no form is reported unused)."""
    root = tmp_path / "du-an"
    folder = root / "procedures"
    shutil.copytree(FIXTURE_CATALOGUE, folder)
    # E302: a second procedure in force with the same code at the same level.
    shutil.copy(BROKEN / "061-duplicate-code.yml", folder / "dang-ky-khai-sinh-luu-dong.yml")
    # W405: an agency receiving dossiers for a procedure in force, without a hotline.
    shutil.copy(BROKEN / "104-agency-missing-hotline.yml", folder / "_registry" / "agencies.yml")
    # E303 for the form file named, W407 for the one no procedure names any more.
    replace(
        folder / "dang-ky-khai-sinh.yml", "file: to-khai-dang-ky-khai-sinh.pdf", "file: to-khai-da-xoa.pdf"
    )
    # E308: the replacement no longer lists the procedure that names it as replaced_by.
    replace(
        folder / "cap-phieu-ly-lich-tu-phap.yml", "replaces: [cap-phieu-ly-lich-tu-phap-so-tu-phap]\n", ""
    )
    return root


@pytest.fixture
def forked(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files read in two forked workers, two files a part, as a large catalogue's are."""
    # Not THUTUC_JOBS: with the session's browser and test server threads alive, `ways` says 1.
    monkeypatch.setattr(parallel, "ways", lambda: 2)
    monkeypatch.setattr(per_file, "PARALLEL_FROM", 1)
    monkeypatch.setattr(per_file, "READ_PART", 2)


def _same(bare: LoadResult, kept: LoadResult) -> None:
    assert bare.diagnostics == kept.diagnostics
    assert list(bare.files.facts.items()) == list(kept.files.facts.items())
    assert bare.files.procedure_ids == kept.files.procedure_ids


@pytest.mark.usefixtures("forked")
def test_check_finds_across_files_what_a_load_keeping_the_models_finds(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)  # positions are shown relative to where the command runs
    folder = project / "procedures"
    monkeypatch.setenv("THUTUC_CACHE_DIR", "")
    kept = load_catalogue(folder, TODAY)
    assert {d.code for d in kept.diagnostics} >= ACROSS
    assert len(kept.catalogue.procedures) == len(kept.files.procedure_ids) == 4
    bare = load_catalogue(folder, TODAY, models=False)
    _same(bare, kept)
    assert not bare.catalogue.procedures
    # With a store: written by the first load, read back by the second.
    monkeypatch.setenv("THUTUC_CACHE_DIR", str(tmp_path / "cache"))
    for _ in range(2):
        _same(load_catalogue(folder, TODAY, models=False), kept)
    assert load_catalogue(folder, TODAY).catalogue.procedures == kept.catalogue.procedures

    for cache in ("", str(tmp_path / "cli-cache"), str(tmp_path / "cli-cache")):
        printed = subprocess.run(
            [THUTUC, "check", "--today", FIXED_DAY, "--format", "json"],
            cwd=project,
            env={**os.environ, "THUTUC_CACHE_DIR": cache},
            capture_output=True,
            text=True,
            check=False,
        )
        assert (printed.returncode, printed.stderr) == (1, "")
        assert json.loads(printed.stdout) == [d.as_dict() for d in kept.diagnostics]


@pytest.mark.usefixtures("forked")
@pytest.mark.parametrize("years", [-1, 3], ids=["earlier", "later"])
def test_a_kept_entry_of_another_day_is_dated_again_by_the_workers(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, years: int
) -> None:
    """Without the models the load cannot apply the rules about dates itself: the workers that read
    the entries back do, and the store keeps the findings of the new day."""
    paths = sorted((project / "procedures").glob("*.yml"))
    day = TODAY.replace(year=TODAY.year + years)
    monkeypatch.setenv("THUTUC_CACHE_DIR", "")
    fresh = per_file.read_all(paths, day, 12)
    dated = [d.code for read in fresh for d in read.found if d.code in ("E306", "W401")]
    assert dated and set(dated) == {"E306" if years < 0 else "W401"}

    monkeypatch.setenv("THUTUC_CACHE_DIR", str(tmp_path / "cache"))
    per_file.read_all(paths, TODAY, 12, models=False)  # the store's entries, made for TODAY
    reheaded: list[str] = []
    real = check_store.Store.rehead

    def spy(store: check_store.Store, name: str, digest: bytes, checked: check_store.Checked) -> None:
        reheaded.append(name)
        real(store, name, digest, checked)

    monkeypatch.setattr(check_store.Store, "rehead", spy)
    for expected in (sorted(path.name for path in paths), []):  # then read back for `day` as kept
        reheaded.clear()
        bare = per_file.read_all(paths, day, 12, models=False)
        assert sorted(reheaded) == expected
        assert [(r.digest, r.found, r.references, r.facts) for r in bare] == [
            (r.digest, r.found, r.references, r.facts) for r in fresh
        ]
        assert all(r.procedure is None for r in bare)
    with_models = per_file.read_all(paths, day, 12)
    assert [r.procedure for r in with_models] == [r.procedure for r in fresh]
    assert [r.found for r in with_models] == [r.found for r in fresh]
