"""`thutuc diff` for a reviewer (issue 16, item 10): changes and errors together, a new procedure's essentials."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import SAMPLE_CATALOGUE, git, replace, run_thutuc

KS = "dang-ky-khai-sinh.yml"
LLTP = "cap-phieu-ly-lich-tu-phap.yml"


def line_of(path: Path, needle: str) -> int:
    return next(
        i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line
    )


def commit_and_diff(repo: Path, *extra: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Sửa")
    result = run_thutuc("diff", "HEAD~1", "HEAD", *extra, cwd=repo)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_a_fee_change_and_an_error_are_shown_together(repo: Path) -> None:
    catalogue = repo / "procedures"
    replace(catalogue / LLTP, "amount: 200000", "amount: 100000")
    replace(catalogue / KS, "online_level: full", "online_level: toan-trinh")
    markdown = commit_and_diff(repo)
    assert (
        "- **Phí cung cấp thông tin lý lịch tư pháp (trực tiếp): "
        "200.000 đồng/mỗi lần yêu cầu → 100.000 đồng/mỗi lần yêu cầu**" in markdown
    )
    line = line_of(catalogue / KS, "online_level: toan-trinh")
    assert "**Đăng ký khai sinh** (`dang-ky-khai-sinh`) — Không đọc được" in markdown
    assert f"  - procedures/{KS}:{line}:19 E203 Giá trị «toan-trinh» không được phép." in markdown
    assert "**HEAD có 1 lỗi**" in markdown
    # Not reported as deleted: the file is there, only unreadable.
    assert "Tệp bị xóa" not in markdown


def test_a_readable_procedure_with_an_error_shows_its_change_and_its_error(repo: Path) -> None:
    catalogue = repo / "procedures"
    replace(catalogue / LLTP, "amount: 200000", "amount: 150000")
    replace(
        catalogue / LLTP,
        "audiences: [cong-dan]\n",
        "audiences: [cong-dan]\nrelated: [khong-co-thu-tuc-nay]\n",
    )
    markdown = commit_and_diff(repo)
    assert "(`cap-phieu-ly-lich-tu-phap`) — Sửa đổi — có lỗi" in markdown
    assert "→ 150.000 đồng/mỗi lần yêu cầu**" in markdown
    line = line_of(catalogue / LLTP, "related: [khong-co-thu-tuc-nay]")
    assert f"  - procedures/{LLTP}:{line}:" in markdown and "khong-co-thu-tuc-nay" in markdown


def test_a_file_that_is_not_yaml_is_listed_as_unreadable_with_its_error(repo: Path) -> None:
    (repo / "procedures" / "hong.yml").write_text("id: hong\nname: [Thủ tục\n", encoding="utf-8")
    markdown = commit_and_diff(repo)
    assert "**hong** (`hong`) — Không đọc được" in markdown
    assert "  - procedures/hong.yml:2:" in markdown and " E100 Lỗi cú pháp YAML." in markdown


def test_errors_are_in_the_json_too(repo: Path) -> None:
    replace(repo / "procedures" / KS, "online_level: full", "online_level: toan-trinh")
    data = json.loads(commit_and_diff(repo, "--format", "json"))
    assert data["head_errors"] == 1
    (change,) = data["changes"]
    assert change["action"] == "unreadable" and data["other_errors"] == []
    (error,) = change["errors"]
    assert error | {"line": 0, "message": ""} == {
        "side": "HEAD",
        "file": f"procedures/{KS}",
        "line": 0,
        "column": 19,
        "code": "E203",
        "message": "",
    }


def test_an_error_in_a_registry_is_listed_on_its_own(repo: Path) -> None:
    replace(repo / "procedures" / "_registry" / "agencies.yml", 'hotline: "0205 000 000"', "hotline: [0205]")
    markdown = commit_and_diff(repo)
    assert "#### Lỗi ở các tệp khác" in markdown
    # Data in the comment is plain text: the `_` of `_registry` is written as an entity.
    assert "  - procedures/&#95;registry/agencies.yml:" in markdown and " E202 " in markdown


def test_a_new_procedure_shows_its_essentials(repo: Path) -> None:
    catalogue = repo / "procedures"
    text = (catalogue / LLTP).read_text(encoding="utf-8")
    text = text.replace("id: cap-phieu-ly-lich-tu-phap", "id: cap-phieu-moi").replace(
        "name: Cấp Phiếu lý lịch tư pháp", "name: Cấp phiếu mới"
    )
    code = next(line for line in text.splitlines() if line.startswith("code:"))
    text = text.replace(code, 'code: "9.999999"').replace(
        "replaces: [cap-phieu-ly-lich-tu-phap-so-tu-phap]\n", ""
    )
    (catalogue / "cap-phieu-moi.yml").write_text(text, encoding="utf-8")
    markdown = commit_and_diff(repo)
    assert "lỗi" not in markdown, markdown
    assert "**Cấp phiếu mới** (`cap-phieu-moi`) — Thủ tục mới" in markdown
    assert "- Cơ quan có thẩm quyền: Công an tỉnh Lạng Sơn" in markdown
    assert "- Cấp thực hiện: Cấp tỉnh" in markdown
    assert (
        "- Trực tiếp — thời hạn 10 ngày; Phí cung cấp thông tin lý lịch tư pháp: 200.000 đồng/mỗi lần yêu cầu"
        in markdown
    )
    assert "- Số bước: " in markdown and "; số giấy tờ trong hồ sơ: " in markdown


def test_a_missing_revision_or_folder_says_what_to_do(repo: Path, tmp_path: Path) -> None:
    missing = run_thutuc("diff", "khongco", cwd=repo)
    assert missing.returncode == 1
    assert (
        "Không có phiên bản «khongco» trong kho git" in missing.stderr
        and "git log --oneline" in missing.stderr
    )
    assert "lỗi không rõ" not in missing.stderr and "fatal" not in missing.stderr
    elsewhere_dir = tmp_path / "noi-khac"
    elsewhere_dir.mkdir()
    elsewhere = run_thutuc("diff", "HEAD~1", cwd=elsewhere_dir)
    assert (
        elsewhere.returncode == 1
        and "chạy lệnh trong thư mục dự án, hoặc chỉ rõ --catalogue" in elsewhere.stderr
    )
    assert "fatal" not in elsewhere.stderr


def test_changes_come_in_the_same_order_in_every_run() -> None:
    """What changed in a procedure is listed in the file's order, whatever the process's hash seed
    (the changes page, the feed and the kiosk zip must be the same for the same commits)."""
    script = (
        "from site_builder.load import load_catalogue; from site_builder.history.changes import compare_procedures\n"
        f"p = load_catalogue(__import__('pathlib').Path({str(SAMPLE_CATALOGUE)!r})).catalogue.procedures['dang-ky-khai-sinh']\n"
        "ch = [c.model_copy(update={'fees': [f.model_copy(update={'cases': []}) for f in c.fees]}) for c in p.channels]\n"
        "old = p.model_copy(update={'channels': ch})\n"
        "print('\\n'.join(item.text for item in compare_procedures(old, p)))\n"
    )
    runs = {
        subprocess.run(
            [sys.executable, "-c", script],
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in range(6)
    }
    assert len(runs) == 1, runs
    lines = runs.pop().splitlines()
    assert len(lines) >= 2 and all("nay áp dụng cho" in line for line in lines), lines
