"""A build's forked parts each read their own procedures, never the whole catalogue (gathered.py):
a part that read every procedure copied the catalogue's memory."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest
from conftest import FIXTURE_CATALOGUE, ROOT, SAMPLE_CATALOGUE, build_site, copy_project

# Run in a process of its own: pytest's process may hold other threads (a session's HTTP server,
# Playwright's), and a build there runs in one process (parallel.ways), which tests nothing here.
DUMP_LOGGER = """
import os, sys
from pathlib import Path
from site_builder.commands.build import build_site
from site_builder.model import Procedure

log, config, site = (Path(a) for a in sys.argv[1:])
original = Procedure.model_dump

def logged(self, *args, **kwargs):
    # One short append per line: the lines of several processes do not mix.
    with log.open("a", encoding="utf-8") as handle:
        handle.write(f"{os.getpid()} {self.id}\\n")
    return original(self, *args, **kwargs)

Procedure.model_dump = logged
result = build_site(config, site)
assert result.site_dir is not None
print(os.getpid(), *sorted(result.load.catalogue.procedures))
"""


def test_no_process_of_a_build_serialises_every_procedure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = tmp_path / "dumped.txt"
    monkeypatch.setenv("THUTUC_JOBS", "2")
    monkeypatch.setenv("THUTUC_CACHE_DIR", str(tmp_path / "cache"))
    arguments = [str(log), str(ROOT / "mkdocs.yml"), str(tmp_path / "site")]
    done = subprocess.run(
        [sys.executable, "-c", DUMP_LOGGER, *arguments], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    parent, *every = done.stdout.split()
    by_process: dict[str, set[str]] = defaultdict(set)
    for line in log.read_text(encoding="utf-8").splitlines():
        pid, procedure_id = line.split(" ", 1)
        by_process[pid].add(procedure_id)
    assert len(every) > 20
    assert set().union(*by_process.values()) == set(every)  # each one's API file was written
    assert parent not in by_process  # catalogue.json is joined from those files
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
        # The real command, in a process of its own (see DUMP_LOGGER).
        sites[jobs] = build_site(project, tmp_path / f"site-{jobs}")
    index = sorted(
        p.relative_to(sites["1"]).as_posix() for p in (sites["1"] / "search").rglob("*") if p.is_file()
    )
    assert len(index) > 3
    for name in (*JOINED, *index):
        assert (sites["4"] / name).read_bytes() == (sites["1"] / name).read_bytes(), name
    listing = json.loads((sites["4"] / "api/procedures.json").read_text(encoding="utf-8"))
    assert len(listing) == len(list((project / "procedures").glob("*.yml")))
