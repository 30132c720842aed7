"""The quarterly report a reader can square (issue 16, item 11): each count says whether it covers the quarter
or the state at its end, the totals add up, the current quarter is the default, and a printable A4 page."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml
from conftest import FIXTURE_CATALOGUE, build_site, copy_project, new_repo, run_thutuc
from test_report import history

__all__ = ["history"]  # the real git history across Q3 and Q4 2026, shared with test_report.py


def report(repo: Path, *args: str) -> str:
    result = run_thutuc("report", *args, cwd=repo)
    assert result.returncode == 0, result.stderr
    return result.stdout


def table(markdown: str, heading: str) -> dict[str, int]:
    """The rows `| label | number |` of the table under the heading that starts with `heading`."""
    section = markdown.split(f"\n## {heading}", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| (.+?) \| (\**\d+\**) \|$", section, flags=re.MULTILINE)
    return {label.strip("*"): int(value.strip("*")) for label, value in rows}


def statuses_on_disk(repo: Path) -> dict[str, int]:
    found: dict[str, int] = {}
    for path in (repo / "procedures").glob("*.yml"):
        status = yaml.safe_load(path.read_text(encoding="utf-8"))["status"]
        found[status] = found.get(status, 0) + 1
    return found


def test_each_count_says_in_the_quarter_or_at_its_end_and_the_totals_square(history: Path) -> None:
    text = report(history, "--quarter", "2026-Q4")
    on_disk = statuses_on_disk(history)
    assert on_disk.get("replaced", 0) >= 1  # the record kept for history, replaced in an earlier quarter
    changes = table(text, "Thay đổi trong quý")
    assert changes == {
        "Công bố mới trong quý": 1,
        "Sửa đổi, bổ sung trong quý": 1,
        "Thay thế trong quý (chuyển sang «Đã được thay thế»)": 0,
        "Bãi bỏ trong quý": 1,
    }
    statuses = table(text, "Tình trạng các thủ tục tại 26/11/2026 (quý chưa kết thúc)")
    assert statuses["Đã được thay thế (không còn áp dụng, giữ lại để tra cứu)"] == on_disk["replaced"]
    assert statuses["Đã bãi bỏ (không còn áp dụng, giữ lại để tra cứu)"] == on_disk["abolished"]
    total = statuses.pop("Tổng số thủ tục trong danh mục")
    assert total == sum(statuses.values()) == sum(on_disk.values())
    in_force = statuses["Đang áp dụng"] + statuses["Đã sửa đổi, bổ sung (vẫn đang áp dụng)"]
    assert f"Tổng số thủ tục đang áp dụng tại 26/11/2026 (quý chưa kết thúc): {in_force} (" in text
    for what in ("cấp", "cơ quan có thẩm quyền", "lĩnh vực"):
        rows = table(text, f"Số thủ tục đang áp dụng theo {what}, tại 26/11/2026")
        assert rows.pop("Tổng số thủ tục đang áp dụng") == in_force == sum(rows.values()), what
    section = text.split("\n## Mức độ đầy đủ theo cơ quan", 1)[1].split("\n## ", 1)[0]
    rows_of_agencies = [line.split(" | ") for line in section.splitlines() if line.startswith("| ")]
    assert rows_of_agencies[0][:2] == ["| Cơ quan", "Thủ tục đang áp dụng"]
    assert sum(int(row[1]) for row in rows_of_agencies[1:]) == in_force


def test_without_a_quarter_the_report_is_for_the_quarter_of_today(history: Path) -> None:
    text = report(history)  # the clock of the tests says 2026-11-26
    assert text.startswith("# Báo cáo tình hình thủ tục hành chính — Quý 4/2026")
    assert text == report(history, "--quarter", "2026-Q4")


def test_a_printable_a4_page_with_no_resource_from_the_network(history: Path, tmp_path: Path) -> None:
    target = tmp_path / "bao-cao.html"
    result = run_thutuc("report", "--format", "html", "--output", str(target), cwd=history)
    assert result.returncode == 0, result.stderr
    assert "Đã ghi báo cáo Quý 4/2026" in result.stdout
    page = target.read_text(encoding="utf-8")
    assert re.search(r"@page\s*\{[^}]*size:\s*A4", page)
    assert "break-inside: avoid" in page and '<html lang="vi">' in page
    assert not re.search(r"https?:|//[a-z]", page) and "<link" not in page and "<script" not in page
    assert "Lập ngày 26/11/2026" in page
    assert "<h2>Thay đổi trong quý</h2>" in page and '<th scope="row">Bãi bỏ trong quý</th>' in page


def test_the_printable_page_escapes_the_data(tmp_path: Path) -> None:
    catalogue = tmp_path / "procedures"  # outside git: the report reads the working tree as it is
    shutil.copytree(FIXTURE_CATALOGUE, catalogue)
    agencies = catalogue / "_registry" / "agencies.yml"
    text = agencies.read_text(encoding="utf-8")
    agencies.write_text(
        text.replace("name: Công an tỉnh Lạng Sơn", "name: Công an <b>tỉnh</b> & Lạng Sơn", 1),
        encoding="utf-8",
    )
    page = report(tmp_path, "--quarter", "2026-Q4", "--format", "html")
    assert "Công an &lt;b&gt;tỉnh&lt;/b&gt; &amp; Lạng Sơn" in page and "<b>" not in page


def test_a_repository_before_its_first_commit_reads_like_no_history(tmp_path: Path) -> None:
    """`git init` done, nothing committed yet (a new agency's first day): the report and the site
    are made from the working tree, and say there is no history, instead of failing on git's
    "ambiguous argument 'HEAD'"."""
    project = copy_project(new_repo(tmp_path / "moi", catalogue=None), FIXTURE_CATALOGUE)
    shown = report(project, "--quarter", "2026-Q4")
    assert "Không có lịch sử git" in shown
    assert table(shown, "Số thủ tục đang áp dụng theo cấp")["Tổng số thủ tục đang áp dụng"] == 2
    site = build_site(project, tmp_path / "site")
    assert (site / "thu-tuc" / "dang-ky-khai-sinh" / "index.html").is_file()
