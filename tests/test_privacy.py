"""Personal data in feedback cases is never published (Nghị định 13/2023/NĐ-CP), and what
offices legitimately write (decisions, fees, deadlines, their own hotline, place names) passes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, TODAY, run_thutuc

from site_builder.model.common import HIDDEN_CHARACTERS, LINE_BREAKS
from site_builder.validate.privacy import personal_data
from site_builder.validate.privacy_text import read

CORPUS = ROOT / "tests" / "privacy"
PERSONAL: dict[str, Any] = yaml.safe_load((CORPUS / "personal.yml").read_text(encoding="utf-8"))
LEGITIMATE: dict[str, Any] = yaml.safe_load((CORPUS / "legitimate.yml").read_text(encoding="utf-8"))
KNOWN_MISSES: list[dict[str, str]] = PERSONAL.pop("known_misses")
VARIANTS = [(form, text) for form, texts in PERSONAL.items() for text in texts]

CASE = """# yaml-language-server: $schema=../_schemas/feedback.schema.json
id: {id}
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
document: 15/UBND-TP
"""


def test_the_corpus_is_large_enough_and_misses_stay_under_5_percent() -> None:
    forms = {"phone", "email", "cccd", "cmnd", "passport", "name", "address", "plate", "bank", "birth"}
    assert forms | {"insurance", "tax", "social"} <= set(PERSONAL)
    assert all(len(PERSONAL[form]) >= 4 for form in forms)
    assert len(VARIANTS) >= 150 and len(LEGITIMATE["sentences"]) >= 40
    assert len(KNOWN_MISSES) / (len(VARIANTS) + len(KNOWN_MISSES)) < 0.05


@pytest.mark.parametrize(("form", "text"), VARIANTS, ids=[f"{f}-{i}" for i, (f, _) in enumerate(VARIANTS)])
def test_every_personal_variant_is_caught(form: str, text: str) -> None:
    assert list(personal_data(text)), f"{form}: {text!r}"


@pytest.mark.parametrize("miss", KNOWN_MISSES, ids=lambda miss: miss["text"][:30])
def test_known_misses_are_still_missed(miss: dict[str, str]) -> None:
    # Once caught, the entry belongs with the variants above (and the catch rate goes up).
    assert list(personal_data(miss["text"])) == [], miss["why"]


@pytest.mark.parametrize("sentence", LEGITIMATE["sentences"])
def test_what_offices_write_is_not_flagged(sentence: str) -> None:
    assert [(f.kind, f.text) for f in personal_data(sentence, LEGITIMATE["allowed"])] == []


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("gọi 0\u200d9\u200d1\u200d2 345 678 nhé", "0\u200d9\u200d1\u200d2 345 678"),
        ("số ０９１２３４５６７８.", "０９１２３４５６７８"),
        ("Công dân Nguyễn Văn A, CCCD 001.203.004.567", "Công dân Nguyễn Văn A"),
        ("Gọi 0\u034f9\u034f1\u034f2 345 678 nhé", "0\u034f9\u034f1\u034f2 345 678"),
        ("Ông\u2800Nguyễn\u2800Văn\u2800Bình phản ánh", "Ông\u2800Nguyễn\u2800Văn\u2800Bình"),
    ],
)
def test_a_finding_quotes_the_original_text(text: str, quoted: str) -> None:
    found = list(personal_data(text))
    assert text[found[0].start : found[0].end] == found[0].text == quoted


@pytest.mark.parametrize(("first", "last"), [(a, b) for a, b, _ in HIDDEN_CHARACTERS])
def test_every_character_the_model_hides_is_read_through(first: int, last: int) -> None:
    # The model's table (model/common.py) is the one list: a phone split by any of its
    # characters, the first or the last of a range, is still a phone.
    for code in {first, last} - {ord(c) for c in LINE_BREAKS}:
        text = f"Gọi 0912{chr(code)}345{chr(code)}678"
        assert read(text).norm in ("Gọi 0912345678", "Gọi 0912 345 678"), hex(code)
        assert [f.text for f in personal_data(text)] == [text[4:]], hex(code)


def _check(catalogue: Path) -> tuple[int, list[str]]:
    result = run_thutuc("check", "--catalogue", str(catalogue), "--today", TODAY)
    assert "Traceback" not in result.stdout + result.stderr
    return result.returncode, [line for line in result.stdout.splitlines() if ": E320: " in line]


def _add(catalogue: Path, name: str, text: str) -> Path:
    (catalogue / "_feedback").mkdir(exist_ok=True)
    path = catalogue / "_feedback" / f"{name}.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_phone_hidden_by_zero_width_characters_is_refused_at_its_column(catalogue: Path) -> None:
    hidden = "0\u200b9\u200b1\u200b2\u200b345\u200b678"
    path = _add(
        catalogue, "vu-viec", CASE.format(id="vu-viec").replace("muộn hơn", f"muộn, gọi {hidden} hơn")
    )
    code, lines = _check(catalogue)
    assert code == 1
    assert len(lines) == 1 and lines[0].startswith(f"{path}:9:13: E320: ")
    assert "số điện thoại «0⟨U+200B⟩9⟨U+200B⟩1⟨U+200B⟩2⟨U+200B⟩345⟨U+200B⟩678»" in lines[0]
    assert "ký tự ẩn" in lines[0] and "«người gửi»" in lines[0] and lines[0].endswith("(summary)")


def test_personal_data_in_document_and_escaped_text_is_found_on_its_line(catalogue: Path) -> None:
    answer = 'answer: "Đã trả lời qua \\u0074en@gmail.com và\\n CCCD 001 203 004 567"\n'
    text = (
        CASE.format(id="vu-viec")
        .replace("answer: >-\n  UBND xã đã trả kết quả và nhắc nhở\n  cán bộ tiếp nhận.\n", answer)
        .replace("document: 15/UBND-TP", "document: 15/UBND-TP gửi ông Nguyễn Văn Bình")
    )
    path = _add(catalogue, "vu-viec", text)
    code, lines = _check(catalogue)
    assert code == 1
    where = [line.split(": E320: ")[0] for line in lines]
    assert where == [f"{path}:11:{column}" for column in (25, 54)] + [f"{path}:14:26"]
    assert "thư điện tử «ten@gmail.com»" in lines[0] and lines[0].endswith("(answer)")
    assert "số căn cước công dân «001 203 004 567»" in lines[1]
    assert "họ tên người gửi «ông Nguyễn Văn Bình»" in lines[2] and lines[2].endswith("(document)")


def test_a_phone_in_the_id_or_the_file_name_is_refused(catalogue: Path) -> None:
    same = _add(catalogue, "2026-012-0912345678", CASE.format(id="2026-012-0912345678"))
    other = _add(catalogue, "vu-viec-ong-nguyen-van-binh", CASE.format(id="vu-viec"))
    code, lines = _check(catalogue)
    assert code == 1
    assert [line.split(": E320: ")[0] for line in lines] == [f"{same}:2:5", f"{other}:1:1"]
    assert "Mã định danh" in lines[0] and "«2026-012-0912345678»" in lines[0] and lines[0].endswith("(id)")
    assert "Tên tệp «vu-viec-ong-nguyen-van-binh.yml»" in lines[1] and "«ong-nguyen-van-binh»" in lines[1]


def test_a_mistake_elsewhere_does_not_hide_personal_data(catalogue: Path) -> None:
    text = (
        CASE.format(id="vu-viec")
        .replace("channel: hotline", "channel: zalo")
        .replace("muộn hơn", "muộn, zalo 0912 345 678, hơn")
    )
    path = _add(catalogue, "vu-viec", text)
    code, lines = _check(catalogue)
    assert code == 1
    assert [line.split(": E320: ")[0] for line in lines] == [f"{path}:9:14"]


def test_an_answer_citing_a_decision_and_the_agency_hotline_passes(catalogue: Path) -> None:
    # The fixture's office publishes hotline "1900 0000" and kiemthu@example.org (agencies.yml).
    answer = (
        "answer: >-\n  Theo Quyết định số 1234/QĐ-UBND ngày 12/3/2026 (thủ tục 1.001193), lệ phí 50.000 đồng,\n"
        "  trả trong 15 ngày làm việc tại xã Hoàng Văn Thụ; ông Chủ tịch UBND xã đề nghị công dân\n"
        "  gọi 1900 0000 hoặc 1900-0000, thư kiemthu@example.org.\n"
    )
    text = CASE.format(id="vu-viec").replace(
        "answer: >-\n  UBND xã đã trả kết quả và nhắc nhở\n  cán bộ tiếp nhận.\n", answer
    )
    _add(catalogue, "vu-viec", text)
    assert _check(catalogue) == (0, [])


def test_a_field_full_of_personal_data_is_reported_in_six_lines(catalogue: Path) -> None:
    flood = "zalo: " * 5000
    path = _add(catalogue, "vu-viec", CASE.format(id="vu-viec").replace("muộn hơn", f"{flood}hơn"))
    code, lines = _check(catalogue)
    assert code == 1
    assert len(lines) == 6 and all(line.startswith(f"{path}:") for line in lines)
    more = [line for line in lines if "chỗ khác" in line]
    assert len(more) == 1 and more[0].startswith(f"{path}:9:3: E320: … và 2495 chỗ khác trong trường này")
    assert "(chỉ nêu 5 chỗ đầu)" in more[0] and more[0].endswith("(summary)")


def test_what_the_agency_registry_publishes_may_be_written(catalogue: Path) -> None:
    registry = catalogue / "_registry" / "agencies.yml"
    text = registry.read_text(encoding="utf-8")
    registry.write_text(
        text.replace("Trụ sở UBND xã (địa chỉ kiểm thử)", "Số 2 đường Lê Lợi, phường Vĩnh Trại")
    )
    published = (
        "answer: >-\n  Kết quả trả tại số 2 đường Lê Lợi, phường Vĩnh Trại. Đồng chí Trần Văn B, Giám đốc\n"
        "  Công an tỉnh, và ông Nguyễn Văn A (tên minh họa), Chủ tịch UBND xã, đã chỉ đạo kiểm tra.\n"
    )
    answer = "answer: >-\n  UBND xã đã trả kết quả và nhắc nhở\n  cán bộ tiếp nhận.\n"
    _add(catalogue, "vu-viec", CASE.format(id="vu-viec").replace(answer, published))
    assert _check(catalogue) == (0, [])
    # Another house on the street, or another person, is still refused.
    unpublished = published.replace("số 2", "số 5").replace("Trần Văn B", "Trần Văn C")
    path = _add(catalogue, "khac", CASE.format(id="khac").replace(answer, unpublished))
    code, lines = _check(catalogue)
    assert code == 1
    assert [line.split(": E320: ")[0] for line in lines] == [f"{path}:12:19", f"{path}:12:56"]
    assert "địa chỉ nhà riêng «số 5 đường»" in lines[0] and "«Đồng chí Trần Văn C»" in lines[1]
