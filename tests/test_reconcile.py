"""`thutuc reconcile` on the national database's two real list exports (Bộ Tư pháp, 271 rows; Bộ Công an,
339 rows, in tests/fixtures/national-list/), against a copy of the sample catalogue."""

from __future__ import annotations

import json
import shutil
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, SAMPLE_CATALOGUE, TODAY, replace, run_thutuc
from openpyxl import Workbook

from site_builder.reconcile import read_list as read_list_module
from site_builder.reconcile.executing import RULES, decide, rule_for, rules_table
from site_builder.reconcile.read_list import UnreadableList, read_list
from site_builder.reconcile.scaffold import draft_id

LISTS = ROOT / "tests" / "fixtures" / "national-list"
JUSTICE = LISTS / "danh-sach-tthc-BoTuPhap.xlsx"
POLICE = LISTS / "danh-sach-tthc-BoCongAn.xlsx"
BOTH = (str(JUSTICE), str(POLICE))
# Agencies of the sample registry the rules name (id → name), for decisions made without a catalogue.
AGENCIES = {
    "ubnd-tinh": "Ủy ban nhân dân tỉnh Lạng Sơn",
    "so-tu-phap": "Sở Tư pháp tỉnh Lạng Sơn",
    "cong-an-tinh": "Công an tỉnh Lạng Sơn",
    "ubnd-xa": "Ủy ban nhân dân xã, phường",
    "cong-an-xa": "Công an xã, phường",
    "co-quan-bao-hiem-xa-hoi": "Cơ quan Bảo hiểm xã hội nơi cư trú",
}


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A writable copy of the sample catalogue (32 procedures, a few of them on the two lists)."""
    target = tmp_path / "procedures"
    shutil.copytree(SAMPLE_CATALOGUE, target)
    return target


def sheet(path: Path, rows: list[list[Any]]) -> Path:
    """An .xlsx written by the same library the command reads with."""
    book = Workbook()
    for row in rows:
        book.active.append(row)  # type: ignore[union-attr]
    book.save(path)
    return path


HEADER = ["Mã số", "Tên", "Cơ quan ban hành", "Cơ quan thực hiện", "Lĩnh vực"]


# --- reading the real exports ------------------------------------------------------------------------


def test_the_real_exports_are_read_whole() -> None:
    justice, police = read_list(JUSTICE), read_list(POLICE)
    assert (len(justice), len(police)) == (271, 339)
    first = justice[0]
    assert (first.row, first.code, first.field) == (3, "1.014966", "Quản tài viên")
    # The cell's trailing space is gone, its text is the list's.
    assert (
        first.name
        == "Cấp lại chứng chỉ hành nghề Quản tài viên trong trường hợp bị thu hồi chứng chỉ hành nghề"
    )
    # Several executing bodies in one cell, one per line.
    assert first.executing == ("Chủ tịch ủy ban nhân dân cấp tỉnh", "Sở Tư Pháp")
    # The export mixes decomposed letters in; everything read is composed (NFC).
    assert all(unicodedata.is_normalized("NFC", item.field) for item in police)
    assert max(len(item.name) for item in police) == 590


def test_codes_stored_as_numbers_title_rows_and_any_column_order(tmp_path: Path) -> None:
    path = sheet(
        tmp_path / "so.xlsx",
        [
            ["DANH SÁCH THỦ TỤC HÀNH CHÍNH\n\n"],
            [],
            ["Lĩnh vực", "Cơ quan thực hiện", "Tên", "Mã số"],
            ["Hộ tịch", "Ủy ban nhân dân cấp xã\nCông an cấp Xã", "Đăng ký\nkhai sinh", 1.00119],
        ],
    )
    [item] = read_list(path)
    assert (item.row, item.code, item.name) == (4, "1.001190", "Đăng ký khai sinh")
    assert item.executing == ("Ủy ban nhân dân cấp xã", "Công an cấp Xã")


# --- unreadable lists: exit 2, the file and the row named -----------------------------------------------


def test_unreadable_lists_are_all_named_with_exit_2(tmp_path: Path, sample: Path) -> None:
    not_xlsx = tmp_path / "ghi-chu.xlsx"
    not_xlsx.write_text("không phải bảng tính", encoding="utf-8")
    old_excel = tmp_path / "cu.xlsx"
    old_excel.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    no_header = sheet(tmp_path / "khong-tieu-de.xlsx", [["1.001193", "Đăng ký khai sinh"]])
    empty = sheet(tmp_path / "rong.xlsx", [["DANH SÁCH"], HEADER])
    bad_row = sheet(
        tmp_path / "dong-sai.xlsx",
        [HEADER, ["1.001193", "Đăng ký khai sinh", "Bộ Tư pháp", "Ủy ban nhân dân cấp xã", "Hộ tịch"],
         ["1,001193", "Đăng ký khai tử", "", "", ""], ["2.000001", "", "", "", ""]],
    )  # fmt: skip
    missing = tmp_path / "khong-co.xlsx"
    files = [not_xlsx, old_excel, no_header, empty, bad_row, missing]
    result = run_thutuc("reconcile", "--catalogue", str(sample), *map(str, files), str(JUSTICE))
    assert result.returncode == 2, result.stdout
    assert result.stdout == ""
    err = result.stderr
    assert "Traceback" not in err
    assert f"{not_xlsx}: không phải tệp .xlsx" in err
    assert f"{old_excel}: đây là tệp Excel kiểu cũ (.xls)" in err
    assert (
        f"{no_header}: không thấy dòng tiêu đề «Mã số | Tên | Cơ quan ban hành | Cơ quan thực hiện | Lĩnh vực»"
        in err
    )
    assert f"{empty}: có dòng tiêu đề nhưng không có thủ tục nào" in err
    assert f"{bad_row}: dòng 3: mã số «1,001193» không đúng dạng mã thủ tục quốc gia" in err
    assert f"{bad_row}: dòng 4: thủ tục 2.000001 không có tên" in err
    assert f"{missing}: không có tệp này" in err
    assert str(JUSTICE) not in err
    assert sorted(p.name for p in sample.iterdir()) == sorted(p.name for p in SAMPLE_CATALOGUE.iterdir())


def test_a_zip_bomb_and_a_huge_sheet_are_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bomb = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * 3_000_000)
    assert bomb.stat().st_size < 10_000
    monkeypatch.setattr(read_list_module, "MAX_UNPACKED_BYTES", 2_000_000)
    with pytest.raises(UnreadableList, match="khi giải nén tệp sẽ lớn hơn 2 MB"):
        read_list(bomb)
    monkeypatch.setattr(read_list_module, "MAX_ROWS", 100)
    with pytest.raises(UnreadableList, match=r"dòng 101: bảng có hơn 100 dòng"):
        read_list(JUSTICE)


# --- who carries a procedure out ------------------------------------------------------------------------


def bodies_of_real_lists() -> set[str]:
    return {body for path in (JUSTICE, POLICE) for item in read_list(path) for body in item.executing}


def test_every_executing_body_of_the_real_lists_has_a_rule() -> None:
    assert [body for body in sorted(bodies_of_real_lists()) if rule_for(body) is None] == []


CENTRAL_ONLY = [
    "Bộ Công an",
    "Bộ Tư pháp",
    "Bộ trưởng",
    "Bộ, cơ quan ngang Bộ",
    "Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ",
    "Cục Bổ trợ tư pháp",
    "Cục Hành chính tư pháp",
    "Cục Cảnh sát quản lý hành chính về trật tự xã hội",
    "Cục Hàng không Việt Nam",
    "Cục y tế-Bộ Công an",
    "Trung tâm Đăng ký giao dịch, tài sản",
    "Cơ quan đăng ký tàu biển Việt Nam",
    "Ban Thi đua - Khen thưởng Trung ương - Bộ Nội vụ",
    "Công đoàn cơ quan BHXH Việt Nam",
]


def test_central_bodies_of_the_real_lists_are_central_only() -> None:
    """Ministries and their departments: a procedure only they carry out is not the province's."""
    assert set(CENTRAL_ONLY) <= bodies_of_real_lists()
    for body in CENTRAL_ONLY:
        rule = rule_for(body)
        assert rule is not None and rule.scope == "central", body
        assert not decide("Thủ tục", (body,), AGENCIES).local, body


@pytest.mark.parametrize(
    ("path", "code", "local", "level", "agencies"),
    [
        # Chủ tịch UBND cấp tỉnh + Sở Tư Pháp (written with a capital P).
        (JUSTICE, "1.014966", True, "province", ("ubnd-tinh", "so-tu-phap")),
        # Another province's Sở Tư pháp stands for Lạng Sơn's.
        (JUSTICE, "2.002193", True, "province", ("so-tu-phap", "ubnd-tinh")),
        (JUSTICE, "3.000323", True, "commune", ("ubnd-xa",)),
        # Notaries and representations abroad are not the province's; UBND cấp xã is.
        (JUSTICE, "2.000884", True, "commune", ("ubnd-xa",)),
        # Only Cục Bổ trợ tư pháp / Bộ Tư pháp: central.
        (JUSTICE, "1.001162", False, None, ()),
        # The name says "(thực hiện tại cấp trung ương)": Bảo hiểm xã hội tỉnh in the cell does not make it local.
        (POLICE, "1.001321", False, None, ()),
        (POLICE, "2.000639", True, "province", ("cong-an-tinh", "co-quan-bao-hiem-xa-hoi")),
        (POLICE, "1.004222", True, "commune", ("cong-an-xa",)),
        # Công an huyện: the district level is gone; the procedure stays local, its level is for the editor.
        (POLICE, "1.011727", True, None, ()),
    ],
)
def test_decisions_on_real_rows(
    path: Path, code: str, local: bool, level: str | None, agencies: tuple[str, ...]
) -> None:
    [item] = [i for i in read_list(path) if i.code == code]
    decision = decide(item.name, item.executing, AGENCIES)
    assert (decision.local, decision.level, decision.agencies) == (local, level, agencies)


def test_the_editors_page_shows_the_declared_rules() -> None:
    page = (ROOT / "docs" / "bien-tap" / "doi-chieu.md").read_text(encoding="utf-8")
    shown = page.split("không sửa tay) -->\n", 1)[1].split("<!-- quy-tac: hết -->", 1)[0]
    assert shown == rules_table(), (
        "Chép lại bảng: python -c 'from site_builder.reconcile.executing import rules_table as t; print(t())'"
    )
    assert len(RULES) == shown.count("\n") - 2


# --- the report -----------------------------------------------------------------------------------------


def test_missing_renamed_and_not_listed_on_the_real_lists(sample: Path) -> None:
    (sample / "dang-ky-tam-tru.yml").unlink()  # 1.004194, Công an cấp Xã: now missing
    replace(
        sample / "dang-ky-thuong-tru.yml", "name: Đăng ký thường trú", "name: Đăng ký thường trú cho công dân"
    )
    # Case, spaces and decomposed letters are not a rename.
    shouting = unicodedata.normalize("NFD", "ĐĂNG KÝ  KHAI SINH")
    replace(sample / "dang-ky-khai-sinh.yml", "name: Đăng ký khai sinh", f"name: {shouting}")
    replace(
        sample / "dang-ky-khai-sinh.yml", 'code: "1.001193"', 'code: "1.001193"\nformer_codes: ["3.000323"]'
    )
    result = run_thutuc("reconcile", "--catalogue", str(sample), "--format", "json", *BOTH)
    assert result.returncode == 1
    report = json.loads(result.stdout)
    # What the fixed keys cannot hold is said on stderr, not dropped.
    assert result.stderr.startswith("Chưa xét được 198 thủ tục (danh sách không ghi cơ quan thực hiện)")
    assert list(report) == ["missing", "renamed", "not_listed"]
    missing = {m["code"]: m for m in report["missing"]}
    assert missing["1.004194"] == {
        "code": "1.004194",
        "name": "Đăng ký tạm trú",
        "executing": ["Công an cấp Xã"],
        "field": "Đăng ký, quản lý cư trú",
    }
    assert "3.000323" not in missing  # a former code counts as present
    assert "1.004873" not in missing  # in the catalogue
    assert "1.001162" not in missing  # central only
    assert all(set(m) == {"code", "name", "executing", "field"} for m in report["missing"])
    renamed = {r["code"]: r for r in report["renamed"]}
    assert renamed["1.004222"] == {
        "code": "1.004222",
        "file": f"{sample.as_posix()}/dang-ky-thuong-tru.yml",
        "catalogue_name": "Đăng ký thường trú cho công dân",
        "list_name": "Đăng ký thường trú",
    }
    assert "1.001193" in renamed  # the list says «Thủ tục đăng ký khai sinh»
    assert "1.004873" in renamed
    not_listed = {n["file"].rsplit("/", 1)[1]: n for n in report["not_listed"]}
    assert not_listed["cap-giay-phep-xay-dung-nha-o-rieng-le.yml"]["code"] == "1.013225"
    assert not_listed["dang-ky-thanh-lap-cong-ty-co-phan.yml"]["code"] is None
    assert "cap-giay-phep-xay-dung-nha-o-rieng-le-cap-huyen.yml" not in not_listed  # replaced: not in force


def test_the_text_report_is_vietnamese_counts_first_and_terminal_safe(tmp_path: Path, sample: Path) -> None:
    planted = sheet(
        tmp_path / "cai-vao.xlsx",
        [HEADER, ["1.004222", "Đăng ký thường trú\u202e\u200e giả", "Bộ Công an", "Công an cấp Xã", "Cư trú"],
         ["9.999999", "Thủ tục lạ", "Bộ Y tế", "Bệnh viện tuyến tỉnh", "Y tế"]],
    )  # fmt: skip
    result = run_thutuc("reconcile", "--catalogue", str(sample), str(planted))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[1:4] == [
        "  2 thủ tục trong danh sách, 1 do cơ quan cấp tỉnh, cấp xã thực hiện.",
        "  Thiếu trong danh mục: 0",
        "  Khác tên: 1",
    ]
    assert "      trong danh mục:  Đăng ký thường trú" in lines
    assert "      trong danh sách: Đăng ký thường trú\\u202e\\u200e giả" in result.stdout
    assert "\u202e" not in result.stdout and "\u200e" not in result.stdout
    # A body no rule knows is named, not silently dropped.
    assert "  «Bệnh viện tuyến tỉnh» (1 thủ tục)" in lines
    assert lines[-1].startswith("Kết luận: 0 thủ tục thiếu, 1 thủ tục khác tên")


def test_nothing_missing_nor_renamed_exits_0(tmp_path: Path, sample: Path) -> None:
    listed = sheet(
        tmp_path / "khop.xlsx",
        [HEADER, ["1.004194", "ĐĂNG KÝ TẠM TRÚ", "Bộ Công an", "Công an cấp Xã", "Cư trú"]],
    )
    result = run_thutuc("reconcile", "--catalogue", str(sample), str(listed))
    assert result.returncode == 0, result.stdout
    assert "Kết luận: danh mục không thiếu thủ tục nào" in result.stdout


# --- drafts ----------------------------------------------------------------------------------------------


def test_draft_ids_are_readable_short_and_never_taken() -> None:
    name = "Thủ tục đăng ký kết hôn có yếu tố nước ngoài tại khu vực biên giới " * 3
    first = draft_id(name, "1.001695", set())
    assert first == "thu-tuc-dang-ky-ket-hon-co-yeu-to-nuoc-ngoai-tai-khu-vuc-bien-gioi-thu-tuc-dang"
    assert len(first) <= 80
    second = draft_id(name, "1.001695", {first})
    assert second.endswith("-1-001695") and len(second) <= 80
    assert draft_id("Index", "1.000001", set()) == "index-1-000001"  # a page the site makes


def scaffolded(sample: Path) -> tuple[list[Path], dict[str, list[dict[str, Any]]]]:
    before = {p.name for p in sample.glob("*.yml")}
    result = run_thutuc("reconcile", "--catalogue", str(sample), "--scaffold", *BOTH)
    assert result.returncode == 1, result.stderr
    drafts = sorted(p for p in sample.glob("*.yml") if p.name not in before)
    checked = run_thutuc("check", "--catalogue", str(sample), "--format", "json", "--today", TODAY)
    findings: dict[str, list[dict[str, Any]]] = {}
    for finding in json.loads(checked.stdout):
        if finding["severity"] == "error":
            findings.setdefault(Path(finding["file"]).name, []).append(finding)
    return drafts, findings


def test_scaffolded_drafts_fail_check_only_as_unfinished(sample: Path) -> None:
    taken = sample / "dang-ky-giam-sat-viec-giam-ho.yml"  # the id the draft of 3.000323 would take
    shutil.copy(sample / "dang-ky-khai-tu.yml", taken)
    replace(taken, "id: dang-ky-khai-tu", "id: dang-ky-giam-sat-viec-giam-ho")
    replace(taken, 'code: "1.000656"', 'code: "1.000657"')
    kept = taken.read_bytes()
    drafts, findings = scaffolded(sample)
    assert taken.read_bytes() == kept  # never overwritten
    assert len(drafts) == 292
    fitting = [d for d in drafts if len(_name(d)) <= 500]
    assert len(fitting) == 289
    for draft in fitting:
        codes = {f["code"] for f in findings.get(draft.name, [])}
        assert codes == {"E330"}, (draft.name, findings.get(draft.name))
    assert not {name for name in findings if name not in {d.name for d in drafts}}  # no other file broken
    text = (sample / "dang-ky-giam-sat-viec-giam-ho-3-000323.yml").read_text(encoding="utf-8")
    assert 'code: "3.000323"\n' in text
    assert 'name: "Đăng ký giám sát việc giám hộ"\n' in text
    assert "level: commune\nfield: ho-tich\n" in text
    assert "  executing:\n    - ubnd-xa\n" in text
    both = next(d for d in drafts if 'code: "2.002193"' in d.read_text(encoding="utf-8"))
    assert "level: province\n" in both.read_text(encoding="utf-8")
    assert "  executing:\n    - so-tu-phap\n    - ubnd-tinh\n" in both.read_text(encoding="utf-8")
    # The next run counts the drafts as present, and writes nothing.
    again = run_thutuc("reconcile", "--catalogue", str(sample), "--scaffold", *BOTH)
    assert "  Thiếu trong danh mục: 0" in again.stdout
    assert "Đã tạo" not in again.stdout + again.stderr


def _name(draft: Path) -> str:
    line = next(x for x in draft.read_text(encoding="utf-8").splitlines() if x.startswith("name: "))
    return str(json.loads(line.removeprefix("name: ")))


def test_drafts_with_the_longest_real_names_fail_check_only_as_unfinished(sample: Path) -> None:
    drafts, findings = scaffolded(sample)
    long_ones = [d for d in drafts if len(_name(d)) > 500]
    assert max(len(_name(d)) for d in long_ones) == 590
    for draft in long_ones:
        assert {f["code"] for f in findings[draft.name]} == {"E330"}, draft.name
