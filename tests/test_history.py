"""The history read from git: revisions holding the working tree's bytes are known without asking
git for them (history/timeline.py), and what it says is what reading every revision says."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import FIXTURE_CATALOGUE, commit, git, new_repo

from site_builder.history.timeline import history
from site_builder.load import load_catalogue
from site_builder.readers.yaml_reader import git_blob_id

PROCEDURE = "dang-ky-khai-sinh"


def test_a_files_blob_id_is_the_one_git_gives_it(tmp_path: Path) -> None:
    for name, raw in {
        "vi.yml": "name: Đăng ký khai sinh\nsteps:\n- Nộp tờ khai\n".encode(),
        "crlf.yml": b"name: a\r\nstatus: active\r\n",
        "empty.yml": b"",
    }.items():
        (tmp_path / name).write_bytes(raw)
        given = subprocess.run(
            ["git", "hash-object", str(tmp_path / name)], capture_output=True, text=True, check=True
        ).stdout.strip()
        assert git_blob_id(raw) == given, name


@pytest.mark.parametrize("edited", [False, True], ids=["clean", "edited-after-the-last-commit"])
def test_history_through_known_files_is_history_read_from_git(tmp_path: Path, edited: bool) -> None:
    repo = new_repo(tmp_path / "repo", FIXTURE_CATALOGUE)
    commit(repo, "Đưa danh mục lên", when="2026-09-01T09:00:00+07:00")
    path = repo / "procedures" / f"{PROCEDURE}.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("name: Đăng ký khai sinh\n", "name: Đăng ký khai sinh cho trẻ em\n"), "utf-8"
    )
    commit(repo, "Sửa tên thủ tục", when="2026-10-01T09:00:00+07:00")
    if edited:  # the working tree's bytes are no revision's: git's copy of each must be read
        path.write_text(path.read_text(encoding="utf-8").replace("trẻ em", "trẻ"), "utf-8")
    loaded = load_catalogue(repo / "procedures")
    procedures = loaded.catalogue.procedures
    known = {
        s.blob: procedures[pid] for pid, s in loaded.files.sources.items() if s.blob and pid in procedures
    }
    assert len(known) == len(procedures) > 1

    through_known = history(repo / "procedures", known)
    assert through_known == history(repo / "procedures")
    changes = through_known.by_procedure[PROCEDURE]
    assert [r.subject for r in changes] == ["Sửa tên thủ tục", "Đưa danh mục lên"]
    assert "trẻ em" in " ".join(str(item) for item in changes[0].items)
    assert git(repo, "status", "--porcelain").strip() == (f"M procedures/{PROCEDURE}.yml" if edited else "")
