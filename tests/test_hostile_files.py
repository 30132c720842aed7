"""What the build reads from the catalogue and where it writes, against hostile or careless input
(issue #14): links out of the repository, pages and programs posing as forms, output folders that
are the project itself, leftovers of killed builds. Every test runs the real `thutuc` command."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import FIXTURE_CATALOGUE, ROOT, copy_project, run_thutuc

SECRET = "KHOA-BI-MAT-CUA-MAY-DUNG-TRANG"
MARKER = ".thutuc-site"
FORM_REF = "    file: to-khai-dang-ky-khai-sinh.pdf\n"


def _project(tmp_path: Path) -> Path:
    """A project with a git repository and a sentinel file, to show that nothing of it is lost."""
    project = copy_project(tmp_path / "project", FIXTURE_CATALOGUE)
    (project / "SENTINEL.txt").write_text("còn nguyên", encoding="utf-8")
    git = ["git", "-C", str(project), "-c", "user.name=Biên tập", "-c", "user.email=bientap@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "Danh mục"], check=True)
    return project


def _secret(tmp_path: Path, name: str = "secret.txt", text: str = SECRET) -> Path:
    """A file outside the repository, as ~/.ssh/id_rsa on a CI runner."""
    path = tmp_path / "outside" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _build(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_thutuc("build", "--config", str(project / "mkdocs.yml"), *args, cwd=project)


def _check(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_thutuc("check", "--catalogue", "procedures", *args, cwd=project)


def _files_holding(folder: Path, text: str) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and text.encode() in p.read_bytes()]


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("word/document.xml", '<?xml version="1.0"?><w:document/>')
    return buffer.getvalue()


def _odt(mimetype: str = "application/vnd.oasis.opendocument.text") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), mimetype)  # first and stored, as ODF requires
        archive.writestr("content.xml", '<?xml version="1.0"?><office:document-content/>')
    return buffer.getvalue()


def _with_part(archive_bytes: bytes, name: str, text: str) -> bytes:
    buffer = io.BytesIO(archive_bytes)
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr(name, text)
    return buffer.getvalue()


def _xlsx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return buffer.getvalue()


VALID_FORMS = {
    "mau-don.pdf": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n",
    "mau-don.doc": bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504),
    "mau-don.docx": _docx(),
    "mau-don.odt": _odt(),
}


def _refer_to(project: Path, names: list[str]) -> None:
    """Let the birth registration procedure offer these forms for download."""
    path = project / "procedures" / "dang-ky-khai-sinh.yml"
    text = path.read_text(encoding="utf-8")
    entries = "".join(
        f"  - code: M{i}\n    name: Mẫu {i}\n    file: {name}\n" for i, name in enumerate(names)
    )
    path.write_text(text.replace(FORM_REF, FORM_REF + entries), encoding="utf-8")


# --- what is read and published from the catalogue -------------------------------------------


def test_a_form_linked_to_a_secret_outside_is_refused_and_never_published(tmp_path: Path) -> None:
    project = _project(tmp_path)
    (project / "procedures" / "_forms" / "mau-bi-mat.pdf").symlink_to(_secret(tmp_path))
    _refer_to(project, ["mau-bi-mat.pdf"])
    checked = _check(project)
    assert checked.returncode == 1, checked.stdout
    assert "procedures/_forms/mau-bi-mat.pdf:1:1: E112: " in checked.stdout
    assert "liên kết tượng trưng" in checked.stdout and "Xoá liên kết" in checked.stdout
    assert SECRET not in checked.stdout + checked.stderr
    built = _build(project, "--site-dir", str(tmp_path / "site"))
    assert built.returncode == 1 and "E112" in built.stdout
    kiosk = run_thutuc(
        "kiosk", "--config", "mkdocs.yml", "--dir", str(tmp_path / "kiosk"), "--output", str(tmp_path / "k.zip"),
        cwd=project,
    )  # fmt: skip
    assert kiosk.returncode == 1 and "E112" in kiosk.stdout
    assert not (tmp_path / "k.zip").exists()
    for folder in (tmp_path / "site", tmp_path / "kiosk"):
        assert not folder.exists() or _files_holding(folder, SECRET) == []


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("trang.html", b"<html><script>document.cookie</script></html>"),
        ("hinh.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("cai-dat.exe", b"MZ\x90\x00"),
    ],
)
def test_pages_images_and_programs_in_forms_are_refused(tmp_path: Path, name: str, content: bytes) -> None:
    project = _project(tmp_path)
    (project / "procedures" / "_forms" / name).write_bytes(content)
    checked = _check(project)
    assert checked.returncode == 1, checked.stdout
    line = next(line for line in checked.stdout.splitlines() if f"procedures/_forms/{name}:1:1:" in line)
    assert "E113" in line and "Chỉ đặt tệp pdf, doc, docx, odt" in line and "xoá tệp này" in line


@pytest.mark.parametrize(
    ("name", "content", "seems"),
    [
        ("to-khai.pdf", b"<!doctype html><script>alert(document.domain)</script>", "HTML"),
        ("to-khai.doc", b"%PDF-1.4\n", "PDF"),
        ("to-khai.docx", _xlsx(), "zip"),
        ("to-khai.odt", _odt("application/vnd.oasis.opendocument.spreadsheet"), "zip"),
        ("to-khai.docx", b"PK\x03\x04 broken", "zip"),
        # Found by a review: right first bytes, something else behind them.
        ("to-khai.pdf", b"%PDF-<html><script>alert(1)</script></html>", "PDF"),
        ("to-khai.pdf", b"%PDF-MZ\x90\x00 a Windows program", "PDF"),
        ("to-khai.docx", _with_part(_docx(), "index.html", "<script>alert(1)</script>"), "zip"),
        ("to-khai.docx", _with_part(_docx(), "word/vbaProject.bin", "macro"), "zip"),
        ("to-khai.odt", _with_part(_odt(), "payload.exe", "MZ"), "zip"),
    ],
)
def test_a_form_whose_content_is_not_what_its_name_says_is_refused(
    tmp_path: Path, name: str, content: bytes, seems: str
) -> None:
    project = _project(tmp_path)
    (project / "procedures" / "_forms" / name).write_bytes(content)
    _refer_to(project, [name])
    checked = _check(project)
    assert checked.returncode == 1, checked.stdout
    line = next(line for line in checked.stdout.splitlines() if f"procedures/_forms/{name}:1:1:" in line)
    assert "E114" in line and f"có đuôi .{name.rsplit('.', 1)[1]}" in line and seems in line
    assert "xoá tệp này" in line


def test_valid_forms_of_every_allowed_type_are_published(tmp_path: Path) -> None:
    project = _project(tmp_path)
    for name, content in VALID_FORMS.items():
        (project / "procedures" / "_forms" / name).write_bytes(content)
    _refer_to(project, list(VALID_FORMS))
    site = tmp_path / "site"
    built = _build(project, "--site-dir", str(site))
    assert built.returncode == 0, built.stdout + built.stderr
    assert "E11" not in built.stdout and "W407" not in built.stdout
    for name, content in VALID_FORMS.items():
        assert (site / "bieu-mau" / name).read_bytes() == content
    page = (site / "thu-tuc" / "dang-ky-khai-sinh" / "index.html").read_text(encoding="utf-8")
    assert "mau-don.odt" in page


def test_a_form_no_procedure_offers_is_a_warning(tmp_path: Path) -> None:
    project = _project(tmp_path)
    (project / "procedures" / "_forms" / "khong-ai-dung.pdf").write_bytes(VALID_FORMS["mau-don.pdf"])
    checked = _check(project)
    assert checked.returncode == 0, checked.stdout
    line = next(line for line in checked.stdout.splitlines() if "khong-ai-dung.pdf" in line)
    assert line.startswith("procedures/_forms/khong-ai-dung.pdf:1:1: W407: ")
    assert "thêm nó vào mục forms" in line
    assert _check(project, "--strict").returncode == 1


@pytest.mark.parametrize("relative", ["bi-mat.yml", "_registry/fields.yml"])
def test_a_data_file_linked_to_a_file_outside_is_refused(tmp_path: Path, relative: str) -> None:
    project = _project(tmp_path)
    link = project / "procedures" / relative
    # A valid file that reads as data: the old code published whatever it held.
    original = project / "procedures" / ("dang-ky-khai-sinh.yml" if relative == "bi-mat.yml" else relative)
    text = original.read_text(encoding="utf-8").replace("id: dang-ky-khai-sinh", "id: bi-mat")
    text = text.replace('code: "1.001193"', 'code: "1.999999"')
    outside = _secret(tmp_path, link.name, text.replace("Đăng ký khai sinh", SECRET, 1))
    link.unlink(missing_ok=True)
    link.symlink_to(outside)
    checked = _check(project)
    assert checked.returncode == 1, checked.stdout
    assert f"procedures/{relative}:1:1: E112: " in checked.stdout
    # Named on the command line, as the pull-request workflow names the changed files.
    for named in (f"procedures/{relative}", "procedures"):
        only = run_thutuc("check", named, cwd=project)
        assert only.returncode == 1 and f"procedures/{relative}:1:1: E112: " in only.stdout, only.stdout
    site = tmp_path / "site"
    assert _build(project, "--site-dir", str(site)).returncode == 1
    assert not site.exists()


def test_a_linked_feedback_folder_is_refused(tmp_path: Path) -> None:
    project = _project(tmp_path)
    outside = tmp_path / "outside" / "phan-anh"
    outside.mkdir(parents=True)
    (project / "procedures" / "_feedback").symlink_to(outside, target_is_directory=True)
    checked = _check(project)
    assert checked.returncode == 1, checked.stdout
    assert "procedures/_feedback:1:1: E112: Thư mục «_feedback» là liên kết tượng trưng" in checked.stdout


# --- where the build writes ------------------------------------------------------------------


def _untouched(project: Path) -> None:
    assert (project / "SENTINEL.txt").read_text(encoding="utf-8") == "còn nguyên"
    assert (project / ".git" / "HEAD").is_file()
    assert (project / "procedures" / "dang-ky-khai-sinh.yml").is_file()
    assert (project / "docs" / "gioi-thieu.md").is_file()
    assert (project / "overrides" / "thutuc").is_dir()
    assert [p.name for p in project.parent.rglob(".*.building-*")] == []


@pytest.mark.parametrize(
    ("site_dir", "reason"),
    [
        (".", "là thư mục dự án"),
        ("..", "chứa thư mục dự án"),
        ("procedures", "là danh mục thủ tục"),
        ("procedures/trang", "nằm trong danh mục thủ tục"),
        ("docs", "là thư mục trang viết tay"),
        ("overrides", "là thư mục mẫu giao diện"),
        ("overrides/thutuc/trang", "nằm trong thư mục mẫu giao diện"),
        (".git", "là kho git"),
        ("../cua-nguoi-khac", "không phải do thutuc dựng"),
    ],
)
def test_build_refuses_an_output_folder_it_must_not_replace(
    tmp_path: Path, site_dir: str, reason: str
) -> None:
    project = _project(tmp_path)
    foreign = tmp_path / "cua-nguoi-khac"
    foreign.mkdir()
    (foreign / "luan-van.docx").write_text("bản duy nhất", encoding="utf-8")
    result = _build(project, "--site-dir", site_dir)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Không ghi trang" in result.stderr and reason in result.stderr
    assert str((project / site_dir).resolve()) in result.stderr
    assert "Traceback" not in result.stderr
    _untouched(project)
    assert (foreign / "luan-van.docx").read_text(encoding="utf-8") == "bản duy nhất"
    assert not (project / site_dir / "index.html").exists()


@pytest.mark.parametrize(
    ("site_dir", "reason"), [("procedures", "là danh mục thủ tục"), ("overrides", "là thư mục mẫu giao diện")]
)
def test_plain_mkdocs_build_keeps_the_same_folders_off_limits(
    tmp_path: Path, site_dir: str, reason: str
) -> None:
    """`mkdocs build` (the plugin is on in mkdocs.yml) would empty its site_dir as well; MkDocs itself only
    refuses a site_dir holding docs_dir."""
    project = _project(tmp_path)
    mkdocs = str(Path(sys.executable).parent / "mkdocs")
    result = subprocess.run(
        [mkdocs, "build", "-d", site_dir], cwd=project, capture_output=True, text=True, check=False
    )
    assert (
        result.returncode != 0 and "Không ghi trang (site_dir)" in result.stderr and reason in result.stderr
    )
    assert "Traceback" not in result.stderr
    _untouched(project)


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (("--dir", "."), "là thư mục dự án"),
        (("--dir", "procedures"), "là danh mục thủ tục"),
        (("--dir", "kiosk", "--output", "procedures/k.zip"), "nằm trong danh mục thủ tục"),
        (("--dir", "kiosk", "--output", "docs/k.zip"), "nằm trong thư mục trang viết tay"),
        (("--dir", "kiosk", "--output", "kiosk/k.zip"), "nằm trong thư mục bản sao"),
        (("--dir", "kiosk", "--output", "SENTINEL.txt"), "phải có đuôi .zip"),
    ],
)
def test_kiosk_refuses_a_folder_or_zip_it_must_not_replace(
    tmp_path: Path, args: tuple[str, ...], reason: str
) -> None:
    project = _project(tmp_path)
    result = run_thutuc("kiosk", "--config", "mkdocs.yml", *args, cwd=project)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Không ghi" in result.stderr and reason in result.stderr
    _untouched(project)
    assert not (project / "kiosk").exists()


def test_a_site_thutuc_wrote_is_replaced_by_the_next_build(tmp_path: Path) -> None:
    project = _project(tmp_path)
    site = project / "site"
    first = _build(project, "--site-dir", "site")
    assert first.returncode == 0, first.stdout + first.stderr
    assert (site / MARKER).is_file()
    (site / "cu.html").write_text("trang cũ", encoding="utf-8")
    second = _build(project, "--site-dir", "site")
    assert second.returncode == 0, second.stdout + second.stderr
    assert not (site / "cu.html").exists() and (site / MARKER).is_file()
    _untouched(project)


def test_a_site_plain_mkdocs_wrote_may_be_replaced_by_thutuc(tmp_path: Path) -> None:
    project = _project(tmp_path)
    mkdocs = str(Path(sys.executable).parent / "mkdocs")
    plain = subprocess.run([mkdocs, "build", "-q"], cwd=project, capture_output=True, text=True, check=False)
    assert plain.returncode == 0, plain.stderr
    assert (project / "site" / MARKER).is_file()
    result = _build(project)
    assert result.returncode == 0, result.stdout + result.stderr


def _leftover(parent: Path, name: str, *, marked: bool) -> Path:
    folder = parent / name
    folder.mkdir()
    (folder / "index.html").write_text("dựng dở", encoding="utf-8")
    if marked:
        (folder / MARKER).write_text("thutuc", encoding="utf-8")
    return folder


def test_leftovers_of_a_killed_build_are_removed_only_when_marked(tmp_path: Path) -> None:
    project = _project(tmp_path)
    building = _leftover(project, ".site.building-99999999", marked=True)
    old = _leftover(project, ".site.old-99999998", marked=True)
    unmarked = _leftover(project, ".site.building-99999997", marked=False)
    other = _leftover(project, ".khac.building-99999996", marked=True)
    result = _build(project, "--site-dir", "site")
    assert result.returncode == 0, result.stdout + result.stderr
    assert not building.exists() and not old.exists()
    assert (unmarked / "index.html").is_file() and (other / "index.html").is_file()
    assert (project / "site" / "index.html").is_file()


def test_a_killed_kiosk_zip_is_removed_and_the_zip_holds_no_marker(tmp_path: Path) -> None:
    project = _project(tmp_path)
    partial = project / ".thutuc-kiosk.zip.99999999.partial"
    partial.write_bytes(b"PK\x03\x04" + bytes(10))  # cut short: no directory at the end
    result = run_thutuc("kiosk", "--config", "mkdocs.yml", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not partial.exists()
    with zipfile.ZipFile(project / "thutuc-kiosk.zip") as archive:
        names = archive.namelist()
    assert "thutuc-kiosk/index.html" in names and not any(MARKER in n for n in names)
    assert (project / "kiosk" / MARKER).is_file()


@pytest.mark.parametrize(
    "leftover",
    [
        ".site.building-4242/",
        ".site.old-4242/",
        "ban-sao/.kiosk.building-17/",
        ".thutuc-kiosk.zip.4242.partial",
    ],
)
def test_leftovers_are_ignored_by_git(leftover: str) -> None:
    result = subprocess.run(
        ["git", "-C", str(ROOT), "check-ignore", "--no-index", "-q", leftover], check=False
    )
    assert result.returncode == 0, f"{leftover} is not in .gitignore"


# --- what else the build reads and writes (found by a review after the first fixes) -------------------


@pytest.mark.parametrize(
    ("link", "target"),
    [
        ("docs/bang-gia.txt", "secret"),
        ("docs/bi-mat.md", "secret"),
        ("overrides/assets/ghi-chu.txt", "secret"),
        ("docs/moi-truong.txt", "/proc/self/environ"),
    ],
)
def test_links_in_docs_and_the_theme_are_never_followed(tmp_path: Path, link: str, target: str) -> None:
    project = _project(tmp_path)
    source = _secret(tmp_path) if target == "secret" else Path(target)
    (project / link).symlink_to(source)
    site = tmp_path / "site"
    result = _build(project, "--site-dir", str(site))
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{project / link}: là liên kết tượng trưng" in result.stderr
    assert not site.exists()
    mkdocs = str(Path(sys.executable).parent / "mkdocs")
    plain = subprocess.run([mkdocs, "build", "-d", str(site)], cwd=project, capture_output=True, text=True)
    assert plain.returncode != 0 and "liên kết tượng trưng" in plain.stderr
    assert not site.exists()


@pytest.mark.parametrize("name", ["bieu-mau/to-khai.html", "anh.svg", "tien-ich.js"])
def test_pages_and_scripts_in_docs_are_refused(tmp_path: Path, name: str) -> None:
    project = _project(tmp_path)
    path = project / "docs" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("<script>alert(document.domain)</script>", encoding="utf-8")
    result = _build(project, "--site-dir", str(tmp_path / "site"))
    assert result.returncode == 1 and f"{path}: tệp {path.suffix}" in result.stderr, result.stderr
    assert "Viết nội dung bằng Markdown (.md)" in result.stderr
    assert not (tmp_path / "site").exists()


def test_a_catalogue_that_is_a_link_or_lies_outside_the_project_is_refused(tmp_path: Path) -> None:
    project = _project(tmp_path)
    outside = tmp_path / "outside-cat"
    (project / "procedures").rename(outside)
    (project / "procedures").symlink_to(outside, target_is_directory=True)
    result = _build(project, "--site-dir", str(tmp_path / "site"))
    assert result.returncode == 1 and "danh mục thủ tục đi qua một liên kết tượng trưng" in result.stderr
    (project / "procedures").unlink()
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("catalogue: procedures", f"catalogue: {outside}", 1), encoding="utf-8")
    result = _build(project, "--site-dir", str(tmp_path / "site"))
    assert result.returncode == 1 and "danh mục thủ tục nằm ngoài thư mục dự án" in result.stderr, (
        result.stderr
    )


def test_a_marker_committed_into_a_folder_of_the_project_does_not_make_it_replaceable(tmp_path: Path) -> None:
    """A pull request can commit .thutuc-site anywhere; a folder git tracks files in stays the project's."""
    project = _project(tmp_path)
    tools = project / "cong-cu"
    tools.mkdir()
    (tools / "quan-trong.py").write_text("print('mã nguồn')\n", encoding="utf-8")
    (tools / MARKER).write_text("giả\n", encoding="utf-8")
    git = ["git", "-C", str(project), "-c", "user.name=Kẻ xấu", "-c", "user.email=x@example.org"]
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "Thêm"], check=True)
    result = _build(project, "--site-dir", "cong-cu")
    assert result.returncode == 2 and "2 tệp được git theo dõi (ví dụ " in result.stderr, result.stderr
    assert (tools / "quan-trong.py").is_file()
    _untouched(project)


@pytest.mark.parametrize("existing", ["bao-cao.docx", "bao-cao.zip"])
def test_kiosk_never_overwrites_a_document_that_happens_to_be_a_zip(tmp_path: Path, existing: str) -> None:
    project = _project(tmp_path)
    document = tmp_path / existing
    content = _docx()
    document.write_bytes(content)
    result = run_thutuc(
        "kiosk",
        "--config",
        "mkdocs.yml",
        "--dir",
        str(tmp_path / "k"),
        "--output",
        str(document),
        cwd=project,
    )
    assert result.returncode == 2, result.stdout + result.stderr
    assert "đuôi .zip" in result.stderr or "không phải bản sao máy tra cứu" in result.stderr
    assert document.read_bytes() == content


def test_a_slot_marker_in_mkdocs_yml_is_refused(tmp_path: Path) -> None:
    project = _project(tmp_path)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("site_name: ", "site_name: Thủ tục thutucslottitle ", 1), encoding="utf-8")
    result = _build(project, "--site-dir", str(tmp_path / "site"))
    assert result.returncode == 1 and "site_name" in result.stderr and "thutucslot" in result.stderr
    assert not (tmp_path / "site").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_reading_ahead_never_waits_on_a_pipe_nor_follows_a_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The load asks the system to read every procedure file ahead (per_file._read_ahead): a pipe or
    a link put where a file was must neither hang it nor reach outside the catalogue."""
    from site_builder import per_file

    outside = tmp_path / "outside.yml"
    outside.write_text("id: x\n", encoding="utf-8")
    (tmp_path / "link.yml").symlink_to(outside)
    os.mkfifo(tmp_path / "pipe.yml")
    (tmp_path / "plain.yml").write_text("id: plain\n", encoding="utf-8")
    opened: list[str] = []
    real_open = os.open

    def noting(path: str | os.PathLike[str], flags: int, *args: int) -> int:
        fd = real_open(path, flags, *args)
        opened.append(Path(path).name)
        return fd

    monkeypatch.setattr(per_file, "PARALLEL_FROM", 1)
    monkeypatch.setattr(os, "open", noting)
    per_file._read_ahead([tmp_path / name for name in ("link.yml", "pipe.yml", "plain.yml")])
    assert "link.yml" not in opened and "plain.yml" in opened
