"""The editors' workflow: `thutuc new`, `thutuc diff` on real git repositories, CI files, guide."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

import pytest
from conftest import FIXTURE_CATALOGUE, ROOT, TODAY, git, replace, run_thutuc

from site_builder.model import Procedure
from site_builder.render.reference import reference

Edit = Callable[[Path], object]


def commit_and_diff(repo: Path, edit: Edit, *extra: str) -> str:
    edit(repo / "procedures")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Sửa")
    result = run_thutuc("diff", "HEAD~1", "HEAD", *extra, cwd=repo)
    assert result.returncode == 0, result.stderr
    return result.stdout


def remove_old_procedure(catalogue: Path) -> None:
    (catalogue / "cap-phieu-ly-lich-tu-phap-so-tu-phap.yml").unlink()
    replace(
        catalogue / "cap-phieu-ly-lich-tu-phap.yml", "replaces: [cap-phieu-ly-lich-tu-phap-so-tu-phap]\n", ""
    )


def change_agency(catalogue: Path) -> None:
    agencies = catalogue / "_registry" / "agencies.yml"
    replace(agencies, 'hotline: "0205 000 000"', 'hotline: "0205 111 222"')
    replace(
        agencies,
        "        position: Giám đốc Công an tỉnh\n        illustrative: true\n",
        "        position: Giám đốc Công an tỉnh\n        illustrative: true\n"
        "      - id: pho-giam-doc\n        name: Lê Văn C (tên minh họa)\n        position: Phó Giám đốc\n"
        "        illustrative: true\n",
    )


KS = "dang-ky-khai-sinh.yml"
LLTP = "cap-phieu-ly-lich-tu-phap.yml"
CASES: list[tuple[str, Edit, list[str]]] = [
    (
        "fee",
        lambda c: replace(c / LLTP, "amount: 200000", "amount: 100000"),
        [
            "**Phí cung cấp thông tin lý lịch tư pháp (trực tiếp): 200.000 đồng/mỗi lần yêu cầu → 100.000 đồng/mỗi lần yêu cầu**"
        ],
    ),
    (
        "time limit",
        lambda c: replace(c / LLTP, "      value: 10\n      unit: days", "      value: 7\n      unit: days"),
        ["**Thời hạn giải quyết (trực tiếp): 10 ngày → 07 ngày**"],
    ),
    (
        "documents",
        lambda c: replace(
            c / KS,
            "        - name: Giấy chứng sinh\n          originals: 1\n",
            "        - name: Giấy chứng sinh\n          originals: 1\n          copies: 2\n"
            "        - name: Văn bản ủy quyền\n          originals: 1\n          required: false\n",
        ),
        [
            "- Thêm giấy tờ: Văn bản ủy quyền",
            "- Giấy tờ Giấy chứng sinh: 01 bản chính → 01 bản chính, 02 bản sao",
        ],
    ),
    (
        "steps",
        lambda c: replace(c / KS, "  - title: Trả kết quả\n", "  - title: Nhận kết quả\n"),
        ["- Thêm bước: Nhận kết quả", "- Bỏ bước: Trả kết quả"],
    ),
    (
        "channels and online level",
        lambda c: replace(c / KS, "online_level: full", "online_level: partial"),
        ["- Mức độ trực tuyến: Toàn trình → Một phần"],
    ),
    (
        "channel added",
        lambda c: replace(
            c / LLTP,
            "steps:\n",
            "  - kind: postal\n    time_limit:\n      value: 12\n      unit: days\nsteps:\n",
        ),
        ["- Thêm cách thức: Qua bưu chính công ích"],
    ),
    (
        "status",
        lambda c: replace(
            c / KS,
            "status: active\n",
            "status: abolished\nabolished_by:\n  number: 99/QĐ-KT\n  date: 2026-11-01\n  issuer: Kiểm thử\n",
        ),
        ["**Tình trạng: Đang áp dụng → Đã bãi bỏ**"],
    ),
    (
        "new procedure",
        lambda c: (c / "dang-ky-khai-sinh-moi.yml").write_text(
            (c / KS)
            .read_text(encoding="utf-8")
            .replace("id: dang-ky-khai-sinh", "id: dang-ky-khai-sinh-moi")
            .replace('code: "1.001193"', 'code: "1.999999"')
            .replace("name: Đăng ký khai sinh", "name: Khai sinh mới"),
            encoding="utf-8",
        ),
        [
            "**Khai sinh mới** (`dang-ky-khai-sinh-moi`) — Thủ tục mới",
            "- **Thủ tục mới: Khai sinh mới (cấp xã)**",
        ],
    ),
    (
        "removed file",
        lambda c: remove_old_procedure(c),
        ["— Tệp bị xóa", "thủ tục hết hiệu lực phải giữ lại với status abolished"],
    ),
    (
        "agency contact and officials",
        lambda c: change_agency(c),
        [
            "#### Cơ quan",
            "- Đường dây nóng: 0205 000 000 → 0205 111 222",
            "- Thêm cán bộ: Lê Văn C (tên minh họa), Phó Giám đốc",
        ],
    ),
]


@pytest.mark.parametrize(("kind", "edit", "expected"), CASES, ids=[c[0] for c in CASES])
def test_diff_describes_each_kind_of_change(repo: Path, kind: str, edit: Edit, expected: list[str]) -> None:
    markdown = commit_and_diff(repo, edit)
    assert markdown.startswith("### Thay đổi đối với người dân (HEAD~1 → HEAD)")
    for line in expected:
        assert line in markdown, f"{kind}: {line!r} not in\n{markdown}"


def test_diff_as_json(repo: Path) -> None:
    output = commit_and_diff(repo, CASES[0][1], "--format", "json")
    data = json.loads(output)
    (change,) = data["changes"]
    assert change["id"] == "cap-phieu-ly-lich-tu-phap"
    assert change["items"][0] | {"text": ""} == {
        "kind": "fee",
        "text": "",
        "old": "200.000 đồng/mỗi lần yêu cầu",
        "new": "100.000 đồng/mỗi lần yêu cầu",
    }


def test_diff_against_the_working_tree_and_without_changes(repo: Path) -> None:
    unchanged = run_thutuc("diff", "HEAD", cwd=repo)
    assert unchanged.returncode == 0
    assert "Không có thay đổi nào ảnh hưởng tới người dân." in unchanged.stdout
    replace(repo / "procedures" / LLTP, "amount: 200000", "amount: 150000")
    working = run_thutuc("diff", "HEAD", cwd=repo)
    assert "200.000 đồng/mỗi lần yêu cầu → 150.000 đồng/mỗi lần yêu cầu" in working.stdout
    assert "(HEAD → bản đang sửa)" in working.stdout


def test_diff_shows_an_invalid_side_and_refuses_a_missing_revision(repo: Path) -> None:
    replace(repo / "procedures" / LLTP, "amount: 200000", "amount: 200.000")
    invalid = run_thutuc("diff", "HEAD", cwd=repo)
    assert invalid.returncode == 0 and "— Không đọc được" in invalid.stdout
    missing = run_thutuc("diff", "khong-co-nhanh-nay", cwd=repo)
    assert missing.returncode == 1 and "Traceback" not in missing.stderr


def _fill(text: str) -> str:
    text = re.sub(r'(amount|value): "CẦN ĐIỀN[^"]*"', lambda m: f"{m.group(1)}: 3", text)
    return re.sub(r'"CẦN ĐIỀN[^"]*"', '"Nội dung đã điền"', text)


def test_new_procedure_is_refused_until_filled_then_passes(tmp_path: Path) -> None:
    catalogue = tmp_path / "procedures"
    shutil.copytree(FIXTURE_CATALOGUE, catalogue)
    args = [
        "--name",
        "Cấp giấy phép karaoke",
        "--field",
        "ho-tich",
        "--agency",
        "ubnd-xa",
        "--level",
        "commune",
    ]
    made = run_thutuc("new", "--catalogue", str(catalogue), *args, "--audience", "cong-dan")
    assert made.returncode == 0, made.stderr
    path = catalogue / "cap-giay-phep-karaoke.yml"
    assert path.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=_schemas/procedure.schema.json"
    )
    unfilled = run_thutuc("check", "--catalogue", str(catalogue), "--today", TODAY)
    assert unfilled.returncode == 1
    todo = [line for line in unfilled.stdout.splitlines() if ": E330: " in line]
    assert len(todo) >= 10 and all(line.startswith(f"{path}:") for line in todo)
    path.write_text(_fill(path.read_text(encoding="utf-8")), encoding="utf-8")
    filled = run_thutuc("check", "--catalogue", str(catalogue), "--today", TODAY)
    assert " 0 lỗi" in filled.stdout and filled.returncode == 0, filled.stdout
    again = run_thutuc("new", "--catalogue", str(catalogue), *args, "--audience", "cong-dan")
    assert again.returncode == 1 and "đã dùng thì không dùng lại" in again.stderr, again.stderr


@pytest.mark.parametrize(
    "workflow", sorted((ROOT / ".github" / "workflows").glob("*.yml")), ids=lambda p: p.name
)
def test_workflows_are_valid(workflow: Path) -> None:
    checker = str(Path(sys.executable).parent / "check-jsonschema")
    result = subprocess.run(
        [checker, "--builtin-schema", "vendor.github-workflows", str(workflow)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflow_check_catches_a_broken_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("name: x\non: push\njobs:\n  a:\n    steps: []\n", encoding="utf-8")
    checker = str(Path(sys.executable).parent / "check-jsonschema")
    result = subprocess.run(
        [checker, "--builtin-schema", "vendor.github-workflows", str(broken)], capture_output=True
    )
    assert result.returncode != 0


def test_field_reference_lists_every_field(sample_site: Path) -> None:
    html = (sample_site / "bien-tap" / "truong-du-lieu" / "index.html").read_text(encoding="utf-8")
    for path in ("id", "channels[].fees[].amount", "dossier.cases[].documents[].originals", "review.date"):
        assert f"<code>{path}</code>" in html
    procedure_rows = dict(reference())
    assert len(next(rows for kind, rows in procedure_rows.items() if kind.model is Procedure)) > 60
    codes = (sample_site / "bien-tap" / "ma-loi" / "index.html").read_text(encoding="utf-8")
    assert 'id="E320"' in codes and 'id="W402"' in codes


def test_site_shows_history_from_git_and_an_atom_feed(repo: Path, tmp_path: Path) -> None:
    for name in ("mkdocs.yml",):
        shutil.copy(ROOT / name, repo / name)
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, repo / name)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Trang")
    replace(repo / "procedures" / LLTP, "amount: 200000", "amount: 100000")
    git(repo, "commit", "-q", "-am", "Giảm phí lý lịch tư pháp")
    built = run_thutuc("build", "--site-dir", str(tmp_path / "site"), cwd=repo)
    assert built.returncode == 0, built.stderr
    page = (tmp_path / "site" / "thu-tuc" / "cap-phieu-ly-lich-tu-phap" / "index.html").read_text(
        encoding="utf-8"
    )
    today = git(repo, "log", "-1", "--format=%cs").strip()
    assert f'Cập nhật lần cuối: <time datetime="{today}">' in page
    assert "200.000 đồng/mỗi lần yêu cầu → 100.000 đồng/mỗi lần yêu cầu" in page
    changes = (tmp_path / "site" / "thay-doi" / "index.html").read_text(encoding="utf-8")
    assert changes.index("Cấp Phiếu lý lịch tư pháp") < changes.index("Thủ tục được đưa lên danh mục")
    feed = ElementTree.parse(tmp_path / "site" / "thay-doi" / "atom.xml").getroot()
    entries = feed.findall("{http://www.w3.org/2005/Atom}entry")
    assert entries and "Phí cung cấp thông tin lý lịch tư pháp" in (
        entries[0].findtext("{http://www.w3.org/2005/Atom}title") or ""
    )


def test_outside_git_the_review_date_stands_in(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copytree(FIXTURE_CATALOGUE, project / "procedures")
    built = run_thutuc("build", "--config", str(project / "mkdocs.yml"), "--site-dir", str(tmp_path / "site"))
    assert built.returncode == 0, built.stderr
    page = (tmp_path / "site" / "thu-tuc" / "dang-ky-khai-sinh" / "index.html").read_text(encoding="utf-8")
    assert "(theo ngày rà soát)" in page
