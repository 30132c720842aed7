"""What `thutuc check` accepts as text, contacts and ids (issue #14), through the real command."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
from conftest import ROOT, build_site, copy_project, run_thutuc

from site_builder.model import common
from site_builder.render import paging, shell, urls

PROCEDURE = "dang-ky-khai-sinh.yml"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _check(catalogue: Path) -> tuple[int, list[dict[str, object]]]:
    result = run_thutuc("check", "--format", "json", str(catalogue))
    assert result.returncode in (0, 1), result.stderr
    found: list[dict[str, object]] = json.loads(result.stdout)
    return result.returncode, found


def _line_of(path: Path, needle: str) -> tuple[int, int]:
    """1-based line and column of `needle` in the file, as an editor counts them."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number, line.index(needle) + 1
    raise AssertionError(f"{needle!r} not in {path}")


@pytest.mark.parametrize(
    ("char", "label"),
    [
        ("\u202e", "U+202E (đổi chiều chữ)"),
        ("\u200b", "U+200B (khoảng trắng độ rộng 0)"),
        # Found by a review after the first fix: invisible, but neither Cf nor control characters.
        ("\u034f", "U+034F (dấu nối tổ hợp vô hình)"),
        ("\ufe0f", "U+FE0F (bộ chọn biến thể vô hình)"),
        ("\U000e0100", "U+E0100 (bộ chọn biến thể vô hình)"),
        ("\u17b4", "U+17B4 (nguyên âm ẩn (chữ Khmer))"),
        ("\u2800", "U+2800 (ô chữ nổi trống, trông như khoảng trắng)"),
    ],
)
def test_invisible_character_in_a_name_is_refused_at_its_column(
    catalogue: Path, char: str, label: str
) -> None:
    path = catalogue / PROCEDURE
    _edit(path, "name: Đăng ký khai sinh", f"name: Đăng ký khai {char}sinh")
    line, column = _line_of(path, char)
    result = run_thutuc("check", str(catalogue))
    assert result.returncode == 1
    assert f"{PROCEDURE}:{line}:{column}: E210: Có ký tự ẩn {label} ở cột {column}" in result.stdout
    assert "Xóa ký tự này" in result.stdout and "(name)" in result.stdout
    # The report shows the character by its code point, never the character itself.
    assert char not in result.stdout


def test_terminal_escape_written_as_a_yaml_escape_is_refused(catalogue: Path) -> None:
    path = catalogue / PROCEDURE
    _edit(path, "summary: Đăng ký khai sinh cho trẻ em mới sinh.", 'summary: "Đăng ký \\e[31mkhai sinh"')
    line, column = _line_of(path, "\\e[31m")
    result = run_thutuc("check", str(catalogue))
    assert result.returncode == 1
    assert f"{PROCEDURE}:{line}:{column}: E210: Có ký tự ẩn U+001B (ký tự ESC" in result.stdout
    assert "\x1b" not in result.stdout


@pytest.mark.parametrize("char", ["\x07", "\x85", "\x7f", "\U000e0041"])
def test_control_and_tag_characters_are_refused_in_every_text(catalogue: Path, char: str) -> None:
    escaped = f"\\U{ord(char):08X}"
    path = catalogue / "_registry" / "catalogue.yml"
    _edit(path, "notice: Dữ liệu kiểm thử", f'notice: "Dữ liệu{escaped} kiểm thử')
    _edit(path, "chính thức.\n", 'chính thức."\n')
    code, found = _check(catalogue)
    assert code == 1
    assert [(d["code"], d["field"]) for d in found] == [("E210", "notice")]
    assert f"U+{ord(char):04X}" in str(found[0]["message"])


def test_full_width_digits_are_not_a_national_code(catalogue: Path) -> None:
    twin = catalogue / "dang-ky-khai-sinh-2.yml"
    text = (catalogue / PROCEDURE).read_text(encoding="utf-8")
    twin.write_text(
        text.replace("id: dang-ky-khai-sinh", "id: dang-ky-khai-sinh-2").replace(
            'code: "1.001193"', 'code: "１.００１１９３"'
        ),
        encoding="utf-8",
    )
    code, found = _check(catalogue)
    assert code == 1
    # Either the code is refused, or it collides with the real one: never both pass.
    problems = [
        d for d in found if str(d["file"]).endswith("dang-ky-khai-sinh-2.yml") and d["field"] == "code"
    ]
    assert [d["code"] for d in problems] == ["E204"]
    assert "chữ số toàn khổ" in str(problems[0]["message"]) and "Gợi ý: 1.001193" in str(
        problems[0]["message"]
    )


def test_no_pattern_of_the_model_uses_unicode_digits() -> None:
    schemas = Path(__file__).resolve().parent.parent / "procedures" / "_schemas"
    patterns = re.findall(r'"pattern": "([^"]*)"', "".join(p.read_text() for p in schemas.glob("*.json")))
    assert patterns and not [p for p in patterns if "\\\\d" in p]


def test_email_with_extra_headers_is_refused(catalogue: Path) -> None:
    path = catalogue / "_registry" / "agencies.yml"
    _edit(path, "email: kiemthu@example.org", "email: kiemthu@langson.gov.vn?bcc=x%40evil.example&x=y.vn")
    code, found = _check(catalogue)
    assert code == 1
    assert [(d["code"], d["field"]) for d in found] == [("E204", "agencies[1].email")]
    assert "không có ?, &, %" in str(found[0]["message"])


@pytest.mark.parametrize("phone", ["0205 3812 345; 0912 345 678", "0205 ３８１２ 345", "gọi 1022"])
def test_phone_is_one_plain_number(catalogue: Path, phone: str) -> None:
    _edit(catalogue / "_registry" / "agencies.yml", 'hotline: "1900 0000"', f'hotline: "{phone}"')
    code, found = _check(catalogue)
    assert code == 1 and [d["field"] for d in found] == ["agencies[1].hotline"]


def test_mailto_encodes_the_address() -> None:
    from site_builder.render.renderer import mailto

    link = mailto("a@b.vn?bcc=c@d.vn&x=y", "Chủ đề", "Nội dung")
    assert link.startswith("mailto:a@b.vn%3Fbcc%3Dc@d.vn%26x%3Dy?subject=")
    assert link.count("?") == 1 and "bcc=" not in link


def test_every_template_writes_mailto_through_the_encoder() -> None:
    """Contact links in the templates too: an address never adds a query of its own, whatever the model allows."""
    from site_builder.render.renderer import mail_link

    assert mail_link("a@b.vn?bcc=c@d.vn&x=y") == "mailto:a@b.vn%3Fbcc%3Dc@d.vn%26x%3Dy"
    templates = (ROOT / "overrides").rglob("*.html")
    assert not [t for t in templates if "mailto:" in t.read_text(encoding="utf-8")]


def test_email_with_extra_headers_never_reaches_a_built_mailto(catalogue: Path, tmp_path: Path) -> None:
    _edit(
        catalogue / "_registry" / "agencies.yml",
        "email: kiemthu@example.org",
        "email: kiemthu@langson.gov.vn?bcc=x%40evil.example&x=y.vn",
    )
    project = copy_project(tmp_path / "project", catalogue)
    built = run_thutuc("build", "--config", str(project / "mkdocs.yml"), "--site-dir", str(tmp_path / "site"))
    if built.returncode != 0:
        assert "E204" in built.stdout + built.stderr and not (tmp_path / "site").exists()
        return
    links = [
        link
        for page in (tmp_path / "site").rglob("*.html")
        for link in re.findall(r'href="(mailto:[^"]*)"', page.read_text(encoding="utf-8"))
    ]
    assert links and not [link for link in links if "bcc" in link]


def test_built_mailto_links_have_only_subject_and_body(catalogue: Path, tmp_path: Path) -> None:
    site = build_site(copy_project(tmp_path / "project", catalogue), tmp_path / "site")
    links = {
        link
        for page in site.rglob("*.html")
        for link in re.findall(r'href="(mailto:[^"]*)"', page.read_text(encoding="utf-8"))
    }
    assert any("subject=" in link for link in links)
    for link in links:
        address, _, query = link.removeprefix("mailto:").partition("?")
        assert re.fullmatch(common.EMAIL_PATTERN, address), link
        assert {part.split("=")[0] for part in query.split("&amp;") if part} <= {"subject", "body"}, link


@pytest.mark.parametrize(
    ("where", "old", "new", "field"),
    [
        ("_registry/fields.yml", "id: ly-lich-tu-phap", "id: index", "fields[1].id"),
        ("_registry/agencies.yml", "id: so-tu-phap", "id: trang-2", "agencies[3].id"),
        ("_registry/audiences.yml", "id: cong-dan", "id: index", "audiences[0].id"),
        ("_registry/agencies.yml", "id: chu-tich-xa", "id: trang-12", "agencies[0].officials[0].id"),
    ],
)
def test_registry_id_that_names_a_generated_page_is_refused(
    catalogue: Path, where: str, old: str, new: str, field: str
) -> None:
    path = catalogue / where
    _edit(path, old, new)
    line, column = _line_of(path, new)
    code, found = _check(catalogue)
    assert code == 1
    e315 = [d for d in found if d["code"] == "E315"]
    assert [(d["field"], d["line"], d["column"]) for d in e315] == [(field, line, column + len("id: "))]
    assert "Các tên dành riêng: index" in str(e315[0]["message"]) and "Đổi mã thành" in str(
        e315[0]["message"]
    )


def test_procedure_named_like_a_list_page_is_refused(catalogue: Path) -> None:
    text = (catalogue / PROCEDURE).read_text(encoding="utf-8")
    (catalogue / "trang-2.yml").write_text(
        text.replace("id: dang-ky-khai-sinh", "id: trang-2").replace('code: "1.001193"\n', ""),
        encoding="utf-8",
    )
    code, found = _check(catalogue)
    assert code == 1 and [(d["code"], d["field"]) for d in found] == [("E315", "id")]
    assert "đổi tên tệp cho khớp" in str(found[0]["message"])


def test_feedback_case_named_like_the_statistics_page_is_refused(catalogue: Path) -> None:
    (catalogue / "_feedback").mkdir()
    (catalogue / "_feedback" / "thong-ke.yml").write_text(
        "id: thong-ke\nreceived: 2026-01-12\nchannel: hotline\nprocedures: [dang-ky-khai-sinh]\n"
        "agency: ubnd-xa\nsummary: Phản ánh về thời gian trả kết quả.\nstatus: received\nillustrative: true\n",
        encoding="utf-8",
    )
    code, found = _check(catalogue)
    assert code == 1
    assert [(d["code"], d["field"], d["line"]) for d in found] == [("E315", "id", 1)]
    assert "index, thong-ke và trang-<số>" in str(found[0]["message"])


def test_reserved_names_cover_every_generated_page_and_page_number() -> None:
    for src in urls.GENERATED_SRC:
        folder, name = shell.folder_and_name(src)
        for kind, id_folder in urls.ID_FOLDERS.items():
            if id_folder == folder:
                assert name in urls.reserved_ids(kind), (kind, src)
    later_page = shell.folder_and_name(paging.page_source("linh-vuc/ho-tich.md", 7))[1]
    assert re.fullmatch(urls.PAGE_NUMBER_PATTERN, later_page)


def test_notice_with_a_slot_marker_is_refused_before_the_build(catalogue: Path, tmp_path: Path) -> None:
    path = catalogue / "_registry" / "catalogue.yml"
    _edit(path, "notice: Dữ liệu kiểm thử", f"notice: Dữ liệu {shell.MARKERS['content']} kiểm thử")
    line, column = _line_of(path, shell.MARKERS["content"])
    result = run_thutuc("check", str(catalogue))
    assert result.returncode == 1
    assert f"catalogue.yml:{line}:{column}: E316: Văn bản có «thutucslotcontent»" in result.stdout
    project = copy_project(tmp_path / "project", catalogue)
    built = run_thutuc("build", "--config", str(project / "mkdocs.yml"), "--site-dir", str(tmp_path / "site"))
    assert built.returncode == 1
    assert "E316" in built.stdout + built.stderr and "Giao diện" not in built.stdout + built.stderr


def test_single_line_field_with_a_line_break_is_refused(catalogue: Path) -> None:
    path = catalogue / PROCEDURE
    _edit(path, "name: Đăng ký khai sinh", "name: |\n  Đăng ký\n  khai sinh")
    code, found = _check(catalogue)
    assert code == 1 and [(d["code"], d["field"]) for d in found] == [("E211", "name")]


def test_legitimate_vietnamese_text_still_passes(catalogue: Path) -> None:
    vowels = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"
    path = catalogue / PROCEDURE
    _edit(path, "name: Đăng ký khai sinh", f"name: Đăng ký khai sinh – {vowels} {vowels.upper()} № 1/2 «x»")
    decomposed = unicodedata.normalize("NFD", "Đăng ký khai sinh cho trẻ em mới sinh.")
    _edit(path, "summary: Đăng ký khai sinh cho trẻ em mới sinh.", f"summary: {decomposed}")
    _edit(path, "review:", "notes: |\n  Dòng một:\n  - dòng hai\tcó Tab.\n\n  Đoạn mới.\nreview:")
    result = run_thutuc("check", str(catalogue))
    assert result.returncode == 0, result.stdout
