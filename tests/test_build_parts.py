"""A build's forked parts each read their own procedures, never the whole catalogue (gathered.py):
a part that read every procedure copied the catalogue's memory."""

from __future__ import annotations

import os
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT

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
