"""The quarterly report over a real git history across two quarters, and the open data files."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
from conftest import FIXTURE_CATALOGUE, commit, run_thutuc

LLTP = "cap-phieu-ly-lich-tu-phap.yml"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = tmp_path_factory.mktemp("bao-cao") / "kho"
    repo.mkdir()
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    for key, value in (("user.email", "t@example.org"), ("user.name", "Kiểm thử")):
        subprocess.run(["git", "-C", str(repo), "config", key, value], check=True)
    catalogue = repo / "procedures"
    shutil.copytree(FIXTURE_CATALOGUE, catalogue)
    commit(repo, "Danh mục ban đầu", "2026-08-15T10:00:00+07:00")  # Q3
    edit(catalogue / LLTP, "amount: 200000", "amount: 100000")
    edit(catalogue / LLTP, "      value: 10\n      unit: days", "      value: 7\n      unit: days")
    commit(repo, "Giảm phí và thời hạn", "2026-10-20T10:00:00+07:00")  # Q4
    new = (catalogue / "dang-ky-khai-sinh.yml").read_text(encoding="utf-8")
    new = new.replace("id: dang-ky-khai-sinh", "id: dang-ky-khai-sinh-lai").replace(
        '"1.001193"', '"1.999999"'
    )
    (catalogue / "dang-ky-khai-sinh-lai.yml").write_text(
        new.replace("name: Đăng ký khai sinh", "name: Đăng ký lại khai sinh"), encoding="utf-8"
    )
    commit(repo, "Thêm thủ tục", "2026-11-05T10:00:00+07:00")  # Q4
    edit(
        catalogue / "dang-ky-khai-sinh.yml",
        "status: active\n",
        "status: abolished\nabolished_by:\n  number: 99/QĐ-KT\n  date: 2026-11-01\n  issuer: Kiểm thử\n",
    )
    commit(repo, "Bãi bỏ", "2026-11-10T10:00:00+07:00")  # Q4
    return repo


def report(repo: Path, quarter: str, fmt: str = "markdown") -> str:
    result = run_thutuc("report", "--quarter", quarter, "--format", fmt, cwd=repo)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_fourth_quarter_counts_and_changes(history: Path) -> None:
    text = report(history, "2026-Q4")
    assert text.startswith("# Báo cáo tình hình thủ tục hành chính — Quý 4/2026")
    assert "| Công bố mới trong quý | 1 |" in text
    assert "| Bãi bỏ trong quý | 1 |" in text
    assert "| Sửa đổi, bổ sung trong quý | 1 |" in text
    assert (
        "- Cấp Phiếu lý lịch tư pháp: Phí cung cấp thông tin lý lịch tư pháp (trực tiếp): 200.000 đồng/mỗi lần yêu cầu → 100.000 đồng/mỗi lần yêu cầu"
        in text
    )
    assert "- Cấp Phiếu lý lịch tư pháp: Thời hạn giải quyết (trực tiếp): 10 ngày → 07 ngày" in text
    # lý lịch tư pháp + khai sinh lại
    assert "Tổng số thủ tục đang áp dụng tại 26/11/2026 (quý chưa kết thúc): 2 (" in text


def test_third_quarter_sees_only_its_own_changes(history: Path) -> None:
    text = report(history, "2026-Q3")
    assert "| Công bố mới trong quý | 2 |" in text  # the replaced record added for history does not count
    assert "| Bãi bỏ trong quý | 0 |" in text and "Thay đổi phí" not in text


def test_csv_has_a_bom_and_intact_vietnamese(history: Path) -> None:
    text = report(history, "2026-Q4", "csv")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    changes = {r["ma"]: r["gia_tri"] for r in rows if r["muc"] == "thay_doi"}
    assert changes == {"moi": "1", "sua_doi": "1", "thay_the": "0", "bai_bo": "1"}
    levels = {r["ten"]: r["gia_tri"] for r in rows if r["muc"] == "theo_cap"}
    assert levels == {"Cấp tỉnh": "1", "Cấp xã": "1"}


def test_a_badly_written_quarter_is_a_usage_error(history: Path) -> None:
    result = run_thutuc("report", "--quarter", "Q4/2026", cwd=history)
    assert result.returncode == 2 and "2026-Q4" in result.stderr


def test_open_data_validates_against_the_published_schemas(sample_site: Path) -> None:
    schemas = sample_site / "schemas"
    procedure = json.loads((schemas / "procedure.schema.json").read_text(encoding="utf-8"))
    everything = json.loads((sample_site / "api" / "catalogue.json").read_text(encoding="utf-8"))
    assert len(everything) >= 30
    for item in everything:
        jsonschema.Draft202012Validator(procedure).validate(item)
    agencies = json.loads((sample_site / "api" / "agencies.json").read_text(encoding="utf-8"))
    registry = json.loads((schemas / "agencies.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(registry).validate({"agencies": agencies})
    raw = (sample_site / "api" / "catalogue.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    expected = sum(max(1, len(c["fees"])) for item in everything for c in item["channels"])
    assert len(rows) == expected
    thuong_tru = [r for r in rows if r["id"] == "dang-ky-thuong-tru"]
    assert {(r["channel"], r["fee_amount"]) for r in thuong_tru} == {
        ("in_person", "20000"),
        ("online", "10000"),
    }
    assert thuong_tru[0]["agency_name"] and "Cư trú" in {r["field_name"] for r in thuong_tru}
    page = (sample_site / "du-lieu-mo" / "index.html").read_text(encoding="utf-8")
    assert "CC BY 4.0" in page and "schemas/procedure.schema.json" in page


def test_report_page_and_completeness_page(sample_site: Path) -> None:
    page = (sample_site / "bao-cao" / "index.html").read_text(encoding="utf-8")
    assert "Báo cáo quý" in page and 'class="tt-bar"' in page
    gaps = (sample_site / "bien-tap" / "do-day-du" / "index.html").read_text(encoding="utf-8")
    assert "Phí do HĐND quy định chưa ghi số tiền" in gaps
    # Each agency's work list is one click away, on a page of its own.
    lists = re.findall(r'href="([a-z0-9-]+/)">Xem</a>', gaps)
    assert lists
    pages = [
        (sample_site / "bien-tap" / "do-day-du" / href / "index.html").read_text(encoding="utf-8")
        for href in lists
    ]
    assert any("cap-giay-phep-xay-dung-nha-o-rieng-le" in page for page in pages)
    assert "cap-giay-phep-xay-dung-nha-o-rieng-le" not in gaps


def test_changes_are_classified_by_status_values_not_by_their_labels(
    history: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Renaming how a status reads (a display label) must not move a procedure to another kind of change."""
    import datetime as dt

    from site_builder.model.procedure import STATUS_LABELS
    from site_builder.report.quarterly import build_report, parse_quarter

    monkeypatch.setitem(STATUS_LABELS, "abolished", "Hết hiệu lực (bãi bỏ)")
    monkeypatch.setitem(STATUS_LABELS, "replaced", "Đã thay bằng thủ tục khác")
    built = build_report(history / "procedures", parse_quarter("2026-Q4"), dt.date(2026, 11, 26))
    assert [c.id for c in built.abolished] == ["dang-ky-khai-sinh"]
    assert [c.id for c in built.amended] == ["cap-phieu-ly-lich-tu-phap"]
    assert not built.replaced
