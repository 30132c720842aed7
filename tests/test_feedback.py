"""Citizens' feedback cases: personal data never published, figures per agency and quarter."""

from __future__ import annotations

import csv
import datetime as dt
import urllib.parse
from pathlib import Path

import pytest
from conftest import FIXTURE_CATALOGUE, TODAY, build_site, copy_project, run_thutuc, serve_directory
from playwright.sync_api import Browser

from site_builder.figures import elapsed, figures
from site_builder.load import load_catalogue

HEADER = "# yaml-language-server: $schema=../_schemas/feedback.schema.json\n"
CLEAN = """id: {id}
received: 2026-10-05
channel: hotline
procedures: [dang-ky-khai-sinh]
agency: ubnd-xa
summary: >-
  Người gửi phản ánh được hẹn trả kết quả
  muộn hơn thời hạn.
status: answered
answer: >-
  UBND xã đã trả kết quả và nhắc nhở
  cán bộ tiếp nhận.
answered_by: ubnd-xa
answered_on: 2026-10-09
"""
SETTINGS_LIMIT = """  answer_limit:
    value: 10
    unit: working_days
    legal_basis: Thời hạn dùng cho kiểm thử
"""


def add_case(catalogue: Path, case_id: str, text: str) -> Path:
    folder = catalogue / "_feedback"
    folder.mkdir(exist_ok=True)
    path = folder / f"{case_id}.yml"
    path.write_text(HEADER + text.format(id=case_id), encoding="utf-8")
    return path


def check(catalogue: Path) -> tuple[int, list[str]]:
    result = run_thutuc("check", "--catalogue", str(catalogue), "--today", TODAY)
    assert "Traceback" not in result.stdout + result.stderr
    return result.returncode, [line for line in result.stdout.splitlines() if ": E" in line or ": W" in line]


def test_a_clean_case_passes(catalogue: Path) -> None:
    add_case(catalogue, "vu-viec-sach", CLEAN)
    assert check(catalogue) == (0, [])


@pytest.mark.parametrize(
    ("old", "new", "where", "kind"),
    [
        ("muộn hơn thời hạn.", "muộn hơn thời hạn, gọi lại 0912 345 678.", ["9:30"], "số điện thoại"),
        ("cán bộ tiếp nhận.", "cán bộ; đã gửi thư tới nguoigui@gmail.com.", ["13:26"], "thư điện tử"),
        ("Người gửi phản ánh", "Người có CCCD 001203004567 phản ánh", ["8:17"], "số căn cước công dân"),
        ("Người gửi phản ánh", "Ông Nguyễn Văn Bình phản ánh", ["8:3"], "họ tên người gửi"),
        ("muộn hơn thời hạn.", "muộn; nhà số 15 ngõ 3 phố Lê Lợi.", ["9:9", "9:19"], "địa chỉ nhà riêng"),
    ],
)
def test_personal_data_in_published_text_is_refused(
    catalogue: Path, old: str, new: str, where: list[str], kind: str
) -> None:
    path = add_case(catalogue, "vu-viec", CLEAN.replace(old, new))
    code, lines = check(catalogue)
    assert code == 1
    assert [line.split(": E320: ")[0] for line in lines] == [f"{path}:{w}" for w in where]
    assert all(kind in line and "Nghị định 13/2023/NĐ-CP" in line for line in lines)


def test_agency_hotline_in_an_answer_is_allowed(catalogue: Path) -> None:
    # The fixture's receiving office publishes hotline "1900 0000" and kiemthu@example.org.
    add_case(
        catalogue,
        "vu-viec",
        CLEAN.replace("cán bộ tiếp nhận.", "cán bộ; gọi 1900 0000 hoặc kiemthu@example.org."),
    )
    assert check(catalogue) == (0, [])


@pytest.mark.parametrize("field", ["sender", "nguoi_gui", "phone", "email", "dia_chi", "cccd"])
def test_a_sender_field_does_not_exist(catalogue: Path, field: str) -> None:
    path = add_case(
        catalogue, "vu-viec", CLEAN.replace("channel: hotline\n", f"channel: hotline\n{field}: x\n")
    )
    code, lines = check(catalogue)
    assert code == 1
    assert len(lines) == 1 and lines[0].startswith(f"{path}:5:1: E321: ")
    assert f"({field})" in lines[0] and "không lưu thông tin người gửi" in lines[0]


def test_references_status_and_dates_are_checked(catalogue: Path) -> None:
    broken = (
        CLEAN.replace("[dang-ky-khai-sinh]", "[dang-ky-khai-sinh-x]")
        .replace("agency: ubnd-xa", "agency: ubnd-xaa")
        .replace("answered_on: 2026-10-09", "answered_on: 2026-10-01")
        .replace("answered_by: ubnd-xa\n", "")
    )
    add_case(catalogue, "vu-viec", broken)
    code, lines = check(catalogue)
    assert code == 1
    found = sorted((line.split(": ")[1], line.rsplit("(", 1)[-1].rstrip(")")) for line in lines)
    assert found == [
        ("E303", "agency"),
        ("E303", "procedures[0]"),
        ("E305", "answered_on"),
        ("E322", "status"),
    ]
    assert any("Có phải ý bạn là «dang-ky-khai-sinh»?" in line for line in lines)


def test_working_days_skip_weekends() -> None:
    friday = dt.date(2026, 11, 20)
    assert elapsed(friday, dt.date(2026, 11, 23), "working_days") == 1  # Monday
    assert elapsed(friday, dt.date(2026, 11, 23), "days") == 3


def _with_limit(catalogue: Path) -> None:
    settings = catalogue / "_registry" / "catalogue.yml"
    settings.write_text(settings.read_text(encoding="utf-8") + SETTINGS_LIMIT, encoding="utf-8")


def test_figures_per_agency_and_quarter(catalogue: Path) -> None:
    _with_limit(catalogue)
    add_case(catalogue, "dung-han", CLEAN)  # Q4, answered after 4 working days
    late = CLEAN.replace("received: 2026-10-05", "received: 2026-07-01").replace("2026-10-09", "2026-08-05")
    add_case(catalogue, "tre-han", late)  # Q3, 25 working days
    still = (
        CLEAN.replace("received: 2026-10-05", "received: 2026-11-20")
        .replace("status: answered", "status: in_progress")
        .split("answer:")[0]
    )
    add_case(catalogue, "dang-xu-ly", still)  # Q4, open, 4 working days old
    overdue = still.replace("2026-11-20", "2026-10-01").replace("agency: ubnd-xa", "agency: cong-an-tinh")
    add_case(catalogue, "qua-han", overdue)  # Q4, open for 40 working days
    loaded = load_catalogue(catalogue, dt.date.fromisoformat(TODAY))
    assert loaded.errors == []
    rows = {(r.quarter, r.agency): r for r in figures(loaded.catalogue, dt.date.fromisoformat(TODAY))}
    q4 = rows[("2026-Q4", "ubnd-xa")]
    assert (q4.received, q4.answered, q4.on_time, q4.late, q4.open, q4.open_overdue) == (2, 1, 1, 0, 1, 0)
    q3 = rows[("2026-Q3", "ubnd-xa")]
    assert (q3.received, q3.answered, q3.on_time, q3.late) == (1, 1, 0, 1)
    police = rows[("2026-Q4", "cong-an-tinh")]
    assert (police.open, police.open_overdue) == (1, 1)


def test_site_publishes_cases_figures_and_clean_open_data(browser: Browser, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", FIXTURE_CATALOGUE)
    catalogue = project / "procedures"
    _with_limit(catalogue)
    add_case(catalogue, "dung-han", CLEAN)
    late = CLEAN.replace("received: 2026-10-05", "received: 2026-07-01").replace("2026-10-09", "2026-08-05")
    add_case(catalogue, "tre-han", late)
    site = build_site(project, tmp_path / "site")

    rows = list(csv.DictReader((site / "api" / "phan-anh.csv").open(encoding="utf-8-sig")))
    assert (site / "api" / "phan-anh.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert [r["id"] for r in rows] == ["dung-han", "tre-han"]
    assert rows[0]["summary"].startswith("Người gửi phản ánh") and "sender" not in rows[0]

    with serve_directory(site) as url:
        page = browser.new_page()
        page.goto(url + "thu-tuc/dang-ky-khai-sinh/")
        cases = page.locator("#phan-anh .tt-case")
        assert cases.count() == 2
        assert "UBND xã đã trả kết quả" in cases.first.inner_text()
        link = page.locator("#phan-anh a.tt-mailto")
        href = link.get_attribute("href") or ""
        assert href.startswith("mailto:kiemthu@example.org?")
        subject = urllib.parse.parse_qs(urllib.parse.urlsplit(href).query)["subject"][0]
        assert subject == "Phản ánh về thủ tục: Đăng ký khai sinh (mã 1.001193)"
        link.click()  # a mail program would open; the page must not break

        page.goto(url + "ket-qua-phan-anh/thong-ke/")
        late_row = page.locator("tr[data-quarter='2026-Q3'][data-agency='ubnd-xa'] td")
        assert late_row.all_inner_texts()[2:6] == ["1", "1", "0", "1"]

        page.goto(url + "ket-qua-phan-anh/")
        page.select_option("select[data-filter='status']", "answered")
        assert page.locator(".tt-cases > li:not([hidden])").count() == 2
        page.select_option("select[data-filter='agency']", "ubnd-xa")
        assert "2 vụ việc" in page.locator("[data-count]").inner_text()
        page.close()
