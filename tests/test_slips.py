"""A deleted procedure that others still name: the message says to abolish it, not to point elsewhere.

(The slips of item 9 — `value: 15 ngày làm việc`, `value: "3"`, a document written as a line — are
cases 055–057 of the broken-file corpus, tests/fixtures/broken/.)
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import FIXTURE_CATALOGUE, TODAY, commit, run_thutuc

LOOK_ALIKE = "dang-ky-khai-sinh-lai"


def _catalogue(where: Path) -> Path:
    """The fixture catalogue where another procedure names dang-ky-khai-sinh, and a look-alike id
    exists that the old message proposed instead."""
    catalogue = where / "procedures"
    shutil.copytree(FIXTURE_CATALOGUE, catalogue)
    lltp = catalogue / "cap-phieu-ly-lich-tu-phap.yml"
    lltp.write_text(lltp.read_text(encoding="utf-8") + "related: [dang-ky-khai-sinh]\n", encoding="utf-8")
    birth = (catalogue / "dang-ky-khai-sinh.yml").read_text(encoding="utf-8")
    (catalogue / f"{LOOK_ALIKE}.yml").write_text(
        birth.replace("id: dang-ky-khai-sinh\n", f"id: {LOOK_ALIKE}\n").replace(
            'code: "1.001193"\n', 'code: "1.001194"\n'
        ),
        encoding="utf-8",
    )
    return catalogue


def _check(catalogue: Path) -> list[str]:
    result = run_thutuc("check", "--catalogue", str(catalogue), "--today", TODAY, cwd=catalogue)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    return [line for line in result.stdout.splitlines() if " E303: " in line]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = tmp_path / "kho"
    repo.mkdir()
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    for key, value in (("user.email", "t@example.org"), ("user.name", "Kiểm thử")):
        subprocess.run(["git", "-C", str(repo), "config", key, value], check=True)
    _catalogue(repo)
    commit(repo, "Danh mục", "2026-10-01T09:00:00+07:00")
    return repo


def test_deleting_a_named_procedure_says_abolish_it(repo: Path) -> None:
    catalogue = repo / "procedures"
    (catalogue / "dang-ky-khai-sinh.yml").unlink()
    featured, related = _check(catalogue)
    # The catalogue's featured list names it too (tests/fixtures/catalogue/_registry/catalogue.yml).
    assert featured.startswith("_registry/catalogue.yml:9:5: E303: "), featured
    assert featured.endswith("(featured[0])"), featured
    assert related.startswith("cap-phieu-ly-lich-tu-phap.yml:47:11: E303: "), related
    assert related.endswith("(related[0])"), related
    for line in (featured, related):
        assert "Thủ tục «dang-ky-khai-sinh» không tồn tại" in line
        assert "tệp procedures/dang-ky-khai-sinh.yml đã bị xóa" in line
        assert "«git checkout HEAD -- procedures/dang-ky-khai-sinh.yml»" in line
        assert "«status: abolished» và «abolished_by:»" in line
        assert "Có phải ý bạn là" not in line and LOOK_ALIKE not in line


def test_an_id_never_committed_keeps_the_suggestion(repo: Path) -> None:
    catalogue = repo / "procedures"
    lltp = catalogue / "cap-phieu-ly-lich-tu-phap.yml"
    lltp.write_text(
        lltp.read_text(encoding="utf-8").replace("[dang-ky-khai-sinh]", "[dang-ky-khai-sinh-laii]"),
        encoding="utf-8",
    )
    (line,) = _check(catalogue)
    assert f"Có phải ý bạn là «{LOOK_ALIKE}»?" in line
    assert "đã bị xóa" not in line.split("Có phải")[0]
    assert "Nếu thủ tục này đã bị xóa: khôi phục tệp từ git rồi ghi «status: abolished»" in line


def test_outside_git_the_suggestion_stays(tmp_path: Path) -> None:
    catalogue = _catalogue(tmp_path)
    (catalogue / "dang-ky-khai-sinh.yml").unlink()
    lines = _check(catalogue)
    assert len(lines) == 2, lines
    for line in lines:
        assert f"Có phải ý bạn là «{LOOK_ALIKE}»?" in line
        assert "git checkout" not in line


def test_an_official_is_checked_even_when_no_agency_lists_officials(tmp_path: Path) -> None:
    """An empty registry is still a registry: a name it lacks is reported, never passed on to the
    pages (where it used to vanish, and after the typed views became a traceback)."""
    catalogue = tmp_path / "procedures"
    shutil.copytree(FIXTURE_CATALOGUE, catalogue)
    agencies = catalogue / "_registry" / "agencies.yml"
    text = agencies.read_text(encoding="utf-8")
    for block in (
        "    officials:\n      - id: chu-tich-xa\n        name: Nguyễn Văn A (tên minh họa)\n"
        "        position: Chủ tịch UBND xã\n        illustrative: true\n",
        "    officials:\n      - id: giam-doc-cong-an\n        name: Trần Văn B (tên minh họa)\n"
        "        position: Giám đốc Công an tỉnh\n        illustrative: true\n",
    ):
        assert block in text
        text = text.replace(block, "")
    agencies.write_text(text, encoding="utf-8")
    result = run_thutuc("check", "--catalogue", str(catalogue), "--today", TODAY, cwd=catalogue)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    found = [line for line in result.stdout.splitlines() if " E303: " in line]
    assert any(
        line.startswith("dang-ky-khai-sinh.yml:62:") and "Cán bộ «chu-tich-xa» không tồn tại" in line
        for line in found
    ), result.stdout
    assert sum("«giam-doc-cong-an»" in line for line in found) == 2, found
