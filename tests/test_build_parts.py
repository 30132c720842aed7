"""A build's forked parts each read their own procedures, never the whole catalogue (gathered.py):
a part that read every procedure copied the catalogue's memory."""

from __future__ import annotations

import json
import os
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURE_CATALOGUE, ROOT, SAMPLE_CATALOGUE, copy_project

from site_builder.commands.build import build_site
from site_builder.model import Procedure


def test_no_process_of_a_build_serialises_every_procedure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = tmp_path / "dumped.txt"
    original = Procedure.model_dump

    def logged(self: Procedure, *args: Any, **kwargs: Any) -> dict[str, Any]:
        # One short append per line: the lines of several processes do not mix.
        with log.open("a", encoding="utf-8") as handle:
            handle.write(f"{os.getpid()} {self.id}\n")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Procedure, "model_dump", logged)
    monkeypatch.setenv("THUTUC_JOBS", "2")
    monkeypatch.setenv("THUTUC_CACHE_DIR", str(tmp_path / "cache"))
    result = build_site(ROOT / "mkdocs.yml", tmp_path / "site")
    assert result.site_dir is not None
    by_process: dict[str, set[str]] = defaultdict(set)
    for line in log.read_text(encoding="utf-8").splitlines():
        pid, procedure_id = line.split(" ", 1)
        by_process[pid].add(procedure_id)
    every = set(result.load.catalogue.procedures)
    assert len(every) > 20
    assert set().union(*by_process.values()) == every  # each one's API file was written
    assert str(os.getpid()) not in by_process  # catalogue.json is joined from those files
    assert max(len(ids) for ids in by_process.values()) < len(every) // 4


# The files joined from the parts' shares (gathered.py), and one part's own file.
JOINED = (
    "api/procedures.json",
    "api/catalogue.csv",
    "api/catalogue.json",
    "api/thu-tuc/dang-ky-khai-sinh.json",
)


@pytest.mark.parametrize("catalogue", [FIXTURE_CATALOGUE, SAMPLE_CATALOGUE], ids=["fixture", "sample"])
def test_files_joined_from_many_parts_are_those_of_one_part(
    catalogue: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Four processes cut a build into 32 parts: more than the fixture has procedures, so some parts
    are empty; the joined files must still be byte for byte what one part writes."""
    project = copy_project(tmp_path / "project", catalogue)
    monkeypatch.setenv("THUTUC_CACHE_DIR", "")
    sites = {}
    for jobs in ("1", "4"):
        monkeypatch.setenv("THUTUC_JOBS", jobs)
        result = build_site(project / "mkdocs.yml", tmp_path / f"site-{jobs}")
        assert result.site_dir is not None
        sites[jobs] = result.site_dir
    index = sorted(
        p.relative_to(sites["1"]).as_posix() for p in (sites["1"] / "search").rglob("*") if p.is_file()
    )
    assert len(index) > 3
    for name in (*JOINED, *index):
        assert (sites["4"] / name).read_bytes() == (sites["1"] / name).read_bytes(), name
    listing = json.loads((sites["4"] / "api/procedures.json").read_text(encoding="utf-8"))
    assert len(listing) == len(list((project / "procedures").glob("*.yml")))
