"""Issue 16, the newcomer walk-through on the integrated tree: a deletion already committed, `new` after a
typo, `new` for a procedure that exists, and hidden options in usage errors."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import THUTUC, TODAY, commit, run_thutuc
from test_slips import LOOK_ALIKE, _catalogue

BIRTH = "procedures/dang-ky-khai-sinh.yml"
CASE = """id: 2026-001-thu
received: 2026-10-05
channel: hotline
procedures: [dang-ky-khai-sinh]
agency: ubnd-xa
summary: Người gửi phản ánh được hẹn trả kết quả muộn hơn thời hạn.
status: received
"""


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True)
    return done.stdout.strip()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository whose catalogue has a look-alike of dang-ky-khai-sinh and a feedback case naming it."""
    repo = tmp_path / "kho"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    for key, value in (("user.email", "t@example.org"), ("user.name", "Kiểm thử")):
        _git(repo, "config", key, value)
    catalogue = _catalogue(repo)
    (catalogue / "_feedback").mkdir()
    (catalogue / "_feedback" / "2026-001-thu.yml").write_text(CASE, encoding="utf-8")
    commit(repo, "Danh mục", "2026-10-01T09:00:00+07:00")
    return repo


def test_a_committed_deletion_says_which_commit_and_how_to_restore(repo: Path) -> None:
    _git(repo, "rm", "-q", BIRTH)
    commit(repo, "Xóa khai sinh", "2026-10-02T09:00:00+07:00")
    # A later commit must not change which revision still has the file.
    (repo / "ghi-chu.txt").write_text("sau\n", encoding="utf-8")
    commit(repo, "Việc khác", "2026-10-03T09:00:00+07:00")
    deleting = _git(repo, "log", "-1", "--format=%h", "--diff-filter=D", "--", BIRTH)
    catalogue = repo / "procedures"
    result = run_thutuc("check", "--catalogue", str(catalogue), "--today", TODAY, cwd=repo)
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
    lines = [line for line in result.stdout.splitlines() if " E303: " in line]
    places = sorted(line.split(" E303: ")[0] for line in lines)
    assert places == [
        "procedures/_feedback/2026-001-thu.yml:4:14:",
        "procedures/_registry/catalogue.yml:9:5:",
        "procedures/cap-phieu-ly-lich-tu-phap.yml:47:11:",
    ], lines
    for line in lines:
        assert f"tệp {BIRTH} đã bị xóa (trong commit {deleting})" in line, line
        assert f"«git checkout {deleting}~1 -- {BIRTH}»" in line, line
        assert "«status: abolished» và «abolished_by:»" in line, line
        assert "Có phải ý bạn là" not in line and LOOK_ALIKE not in line, line
    # The command given brings the file back.
    _git(repo, "checkout", f"{deleting}~1", "--", BIRTH)
    assert run_thutuc("check", "--catalogue", str(catalogue), "--today", TODAY).returncode == 0


def test_a_deletion_not_yet_committed_restores_from_head_in_a_feedback_case(repo: Path) -> None:
    (repo / BIRTH).unlink()
    result = run_thutuc("check", "--catalogue", str(repo / "procedures"), "--today", TODAY, cwd=repo)
    (line,) = [
        x for x in result.stdout.splitlines() if x.startswith("procedures/_feedback/") and " E303: " in x
    ]
    assert f"«git checkout HEAD -- {BIRTH}»" in line and "Có phải ý bạn là" not in line, line


def _new_interactively(catalogue: Path, typed: str) -> subprocess.CompletedProcess[str]:
    command = [THUTUC, "new", "--catalogue", str(catalogue), "--audience", "cong-dan"]
    return subprocess.run(command, input=typed, capture_output=True, text=True, check=False)


def test_new_asks_again_after_a_wrong_answer_and_keeps_the_others(catalogue: Path) -> None:
    result = _new_interactively(catalogue, "Thủ tục thử\nvan-hoa\nho-tich\nso-tu\nso-tu-phap\nhuyện\ntỉnh\n")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("Lĩnh vực (mã trong _registry/fields.yml):") == 2
    assert result.stdout.count("Cơ quan thực hiện (mã trong _registry/agencies.yml):") == 2
    assert result.stdout.count("Cấp thực hiện (tỉnh hoặc xã):") == 2
    assert result.stdout.count("Tên thủ tục:") == 1
    errors = result.stderr.splitlines()
    assert errors[0] == "Lỗi: Lĩnh vực «van-hoa» không có trong _registry/fields.yml. Các mã có thể dùng:"
    assert "  ho-tich — Hộ tịch" in errors
    assert any(e.startswith("Lỗi: Cơ quan «so-tu» không có") and "«so-tu-phap»?" in e for e in errors)
    assert any(e.startswith("Lỗi: Cấp thực hiện «huyện» không hợp lệ") for e in errors)
    assert "Error" not in result.stdout + result.stderr
    written = (catalogue / "thu-tuc-thu.yml").read_text(encoding="utf-8")
    assert "field: ho-tich" in written and "    - so-tu-phap" in written and "level: province" in written


def test_new_suggests_the_ids_that_start_with_what_was_typed(catalogue: Path) -> None:
    agencies = catalogue / "_registry" / "agencies.yml"
    agencies.write_text(
        agencies.read_text(encoding="utf-8")
        + "  - id: so-van-hoa-the-thao-va-du-lich\n    name: Sở Văn hóa, Thể thao và Du lịch\n    level: province\n",
        encoding="utf-8",
    )
    args = ["--name", "Thủ tục thử", "--field", "ho-tich", "--level", "tỉnh", "--audience", "cong-dan"]
    result = run_thutuc("new", "--catalogue", str(catalogue), *args, "--agency", "so-van-hoa")
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Có phải ý bạn là «so-van-hoa-the-thao-va-du-lich»?" in result.stderr
    assert "so-van-hoa-the-thao-va-du-lich — Sở Văn hóa, Thể thao và Du lịch" in result.stderr
    assert not (catalogue / "thu-tuc-thu.yml").exists()


def test_new_for_an_existing_procedure_says_to_edit_its_file(catalogue: Path) -> None:
    args = ["--field", "ho-tich", "--agency", "ubnd-xa", "--level", "xã", "--audience", "cong-dan"]
    result = run_thutuc(
        "new", "--catalogue", "procedures", "--name", "Đăng ký khai sinh", *args, cwd=catalogue.parent
    )
    assert result.returncode == 1
    assert (
        "Thủ tục «Đăng ký khai sinh» đã có trong danh mục: tệp của nó là procedures/dang-ky-khai-sinh.yml"
        in (result.stderr)
    )
    assert "mở và sửa tệp đó" in result.stderr and "hãy đặt tên khác đi" in result.stderr


@pytest.mark.parametrize("typed", ["--bogus", "--tday"])
def test_a_usage_error_never_names_a_hidden_option(typed: str) -> None:
    result = run_thutuc("check", typed)
    assert result.returncode == 2
    assert "--today" not in result.stderr
    assert "Các tùy chọn của lệnh này: --catalogue, --format, --strict, -h, --help." in result.stderr
