"""`thutuc check` as editors and CI use it: exit codes, output formats, path selection."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import TODAY, run_thutuc


def _break(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_valid_catalogue_exits_zero_with_summary(catalogue: Path) -> None:
    result = run_thutuc("check", "--catalogue", str(catalogue), "--today", TODAY)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 thủ tục" in result.stdout
    assert "0 lỗi, 0 cảnh báo — hợp lệ" in result.stdout


def test_error_names_file_line_column_code_and_field(catalogue: Path) -> None:
    _break(
        catalogue / "dang-ky-khai-sinh.yml",
        "unit: working_days\n      note",
        "unit: working_dayz\n      note",
    )
    result = run_thutuc("check", "--catalogue", "procedures", "--today", TODAY, cwd=catalogue.parent)
    assert result.returncode == 1
    line = result.stdout.splitlines()[0]
    assert line.startswith("procedures/dang-ky-khai-sinh.yml:20:13: E203: ")
    assert "«working_dayz»" in line and "Có phải ý bạn là «working_days»?" in line
    assert line.endswith("(channels[0].time_limit.unit)")
    assert "1 lỗi" in result.stdout and "CHƯA hợp lệ" in result.stdout


def test_every_error_of_every_file_in_one_run(catalogue: Path) -> None:
    _break(catalogue / "dang-ky-khai-sinh.yml", "status: active", "status: activ")
    _break(catalogue / "dang-ky-khai-sinh.yml", "field: ho-tich", "field: ho-tic")
    _break(catalogue / "cap-phieu-ly-lich-tu-phap.yml", "amount: 200000", "amount: 200.000")
    result = run_thutuc("check", "--catalogue", str(catalogue), "--today", TODAY, "--format", "json")
    assert result.returncode == 1
    found = {(Path(d["file"]).name, d["code"], d["field"]) for d in json.loads(result.stdout)}
    assert found == {
        ("dang-ky-khai-sinh.yml", "E203", "status"),
        ("dang-ky-khai-sinh.yml", "E303", "field"),
        ("cap-phieu-ly-lich-tu-phap.yml", "E202", "channels[0].fees[0].amount"),
    }


def test_paths_limit_the_report_but_not_the_cross_references(catalogue: Path) -> None:
    _break(catalogue / "dang-ky-khai-sinh.yml", "status: active", "status: activ")
    target = catalogue / "cap-phieu-ly-lich-tu-phap.yml"
    result = run_thutuc("check", str(target), "--today", TODAY, cwd=catalogue.parent)
    assert result.returncode == 0, result.stdout
    assert "0 lỗi" in result.stdout
    broken = run_thutuc("check", str(catalogue / "dang-ky-khai-sinh.yml"), "--today", TODAY)
    assert broken.returncode == 1 and "E203" in broken.stdout


def test_strict_turns_warnings_into_failure(catalogue: Path) -> None:
    _break(catalogue / "dang-ky-khai-sinh.yml", "officials: [chu-tich-xa]\n", "")
    relaxed = run_thutuc("check", "--catalogue", str(catalogue), "--today", TODAY)
    assert relaxed.returncode == 0
    assert "W402" in relaxed.stdout and "1 cảnh báo" in relaxed.stdout
    strict = run_thutuc("check", "--catalogue", str(catalogue), "--today", TODAY, "--strict")
    assert strict.returncode == 1


def test_usage_errors_exit_two(tmp_path: Path) -> None:
    missing = run_thutuc("check", "--catalogue", str(tmp_path / "nowhere"))
    assert missing.returncode == 2
    assert "Không tìm thấy thư mục danh mục" in missing.stderr
    assert "Traceback" not in missing.stderr
    assert run_thutuc("check", "--format", "xml").returncode == 2
    assert run_thutuc("check", "--today", "26/11/2026").returncode == 2


def test_github_annotations(catalogue: Path) -> None:
    _break(catalogue / "dang-ky-khai-sinh.yml", "level: commune", "level: huyen")
    result = run_thutuc(
        "check", "--catalogue", "procedures", "--today", TODAY, "--format", "github", cwd=catalogue.parent
    )
    assert result.returncode == 1
    assert result.stdout.startswith(
        "::error file=procedures/dang-ky-khai-sinh.yml,line=9,col=8,title=E203 level::"
    )


def test_errors_come_before_warnings_whatever_the_file_order(catalogue: Path) -> None:
    """An error in the last file must not hide below a catalogue's routine warnings."""
    first = catalogue / "cap-phieu-ly-lich-tu-phap.yml"
    first.write_text(
        first.read_text(encoding="utf-8").replace("officials: [giam-doc-cong-an]\n", "", 1), encoding="utf-8"
    )
    last = catalogue / "dang-ky-khai-sinh.yml"
    last.write_text(
        last.read_text(encoding="utf-8").replace("level: commune", "level: xa", 1), encoding="utf-8"
    )
    result = run_thutuc("check", "--catalogue", str(catalogue))
    codes = [line.split(": ")[1] for line in result.stdout.splitlines()[:-1]]
    assert any(c.startswith("E") for c in codes) and any(c.startswith("W") for c in codes), result.stdout
    assert codes == sorted(codes, key=lambda c: not c.startswith("E")), result.stdout


def test_every_file_where_nothing_reads_it_is_named_with_what_to_do(catalogue: Path) -> None:
    # Found by walking the folder (readers/discover.py): files at any depth, beside the ones read.
    (catalogue / "a").mkdir()
    (catalogue / "a" / "c.yml").write_text("id: c\n", encoding="utf-8")
    (catalogue / "a-b.yaml").write_text("id: a-b\n", encoding="utf-8")
    (catalogue / "_registry" / "them.yml").write_text("x: 1\n", encoding="utf-8")
    (catalogue / "_forms" / "sub").mkdir(parents=True)
    (catalogue / "_forms" / "sub" / "mau.pdf").write_bytes(b"%PDF-1.4\n")
    (catalogue / ".gitkeep").write_text("", encoding="utf-8")
    result = run_thutuc("check", "--catalogue", str(catalogue), "--today", TODAY, "--format", "json")
    assert result.returncode == 1
    found = {
        Path(d["file"]).relative_to(catalogue).as_posix(): d["message"]
        for d in json.loads(result.stdout)
        if d["code"] == "E111"
    }
    assert sorted(found) == ["_forms/sub/mau.pdf", "_registry/them.yml", "a-b.yaml", "a/c.yml"]
    assert "đổi tên thành a-b.yml" in found["a-b.yaml"]
    assert "đặt trực tiếp trong thư mục procedures/" in found["a/c.yml"]
    assert "chỉ chứa các tệp" in found["_registry/them.yml"]
    assert "không có thư mục con" in found["_forms/sub/mau.pdf"]
    # The three procedures are read as before, and nothing else is taken for one.
    assert "3 thủ tục" in run_thutuc("check", "--catalogue", str(catalogue), "--today", TODAY).stdout
