"""Form files in procedures/_forms/: which ones may be published, judged by name and content.

Whatever lies in _forms/ is served from the site's own origin and packed into the kiosk zip:
an .html or .svg there would run its scripts as the site, an .exe would be offered to
citizens. Only the types a procedure may name (FORM_FILE_PATTERN) pass, and only when the
bytes are what the name says. Zip-based formats are read from their directory, never
extracted, so a zip bomb costs nothing.
"""

from __future__ import annotations

import os
import re
import stat
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..model.common import FORM_FILE_PATTERN
from ..readers.discover import FORMS_DIR, IGNORED_NAMES

ALLOWED = ("pdf", "doc", "docx", "odt")
_NAME = re.compile(FORM_FILE_PATTERN)
_OLE2 = bytes.fromhex("D0CF11E0A1B11AE1")
_ODT = b"application/vnd.oasis.opendocument.text"
_LABELS = {
    "pdf": "PDF",
    "doc": "Word 97-2003 (.doc)",
    "docx": "Word (.docx)",
    "odt": "OpenDocument (.odt)",
}
# What the first bytes of a wrong file most often are, to tell the editor what they put there.
_LOOKS_LIKE = (
    (b"%PDF-", "một tệp PDF"),
    (_OLE2, "một tệp Word 97-2003"),
    (b"PK", "một tệp nén zip"),
    (b"<", "một trang HTML, SVG hoặc XML"),
    (b"MZ", "một chương trình Windows"),
    (b"\x7fELF", "một chương trình"),
)
_HEAD = 8


@dataclass(frozen=True)
class Finding:
    """What is wrong with one file in _forms/: a code of codes.py and the message."""

    code: str
    message: str


def _zip_names(path: Path) -> list[zipfile.ZipInfo] | None:
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        return None


def _is_docx(path: Path, head: bytes) -> bool:
    entries = _zip_names(path) if head.startswith(b"PK") else None
    names = {entry.filename for entry in entries or ()}
    return "[Content_Types].xml" in names and any(name.startswith("word/") for name in names)


def _is_odt(path: Path, head: bytes) -> bool:
    if not head.startswith(b"PK"):
        return False
    try:
        with zipfile.ZipFile(path) as archive:
            first = archive.infolist()[0] if archive.infolist() else None
            if first is None or first.filename != "mimetype" or first.file_size > len(_ODT):
                return False
            # At most len+1 bytes are inflated, whatever the entry claims.
            with archive.open(first) as entry:
                return entry.read(len(_ODT) + 1) == _ODT
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError, zlib.error):
        return False


# Inside a .docx or .odt: parts a reader's program could run (macros) or a browser could show as a page.
_ACTIVE_PARTS = (
    ".html",
    ".htm",
    ".svg",
    ".js",
    ".exe",
    ".dll",
    ".bat",
    ".cmd",
    ".ps1",
    ".vbs",
    ".scr",
    ".msi",
    ".jar",
    ".bin",
)


def _is_pdf(path: Path, head: bytes) -> bool:
    """`%PDF-` first and the end-of-file marker in the last kilobyte, as every PDF writer ends a file:
    a page or a program given a PDF header passes only the first test."""
    if not head.startswith(b"%PDF-"):
        return False
    with path.open("rb") as handle:
        handle.seek(max(0, path.stat().st_size - 1024))
        return b"%%EOF" in handle.read()


def _no_active_parts(path: Path) -> bool:
    return not any(e.filename.lower().endswith(_ACTIVE_PARTS) for e in _zip_names(path) or ())


_CONTENT: dict[str, Callable[[Path, bytes], bool]] = {
    "pdf": _is_pdf,
    "doc": lambda _path, head: head.startswith(_OLE2),
    "docx": lambda path, head: _is_docx(path, head) and _no_active_parts(path),
    "odt": lambda path, head: _is_odt(path, head) and _no_active_parts(path),
}


def _head(path: Path) -> bytes | None:
    """The first bytes of a regular file, opened without following a link; None if it is not one."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0))
    except OSError:
        return None
    try:
        return os.read(fd, _HEAD) if stat.S_ISREG(os.fstat(fd).st_mode) else None
    finally:
        os.close(fd)


def _wrong_type(name: str) -> Finding:
    return Finding(
        "E113",
        f"Tệp «{name}» không được xuất bản: thư mục {FORMS_DIR}/ chỉ nhận tệp mẫu pdf, doc, docx, odt "
        "(trang HTML, SVG hay chương trình đặt ở đây sẽ chạy ngay trên trang của tỉnh). "
        f"Chỉ đặt tệp pdf, doc, docx, odt trong {FORMS_DIR}/; xoá tệp này.",
    )


def _bad_name(name: str) -> Finding:
    return Finding(
        "E113",
        f"Tên tệp mẫu «{name}» không hợp lệ: chỉ dùng chữ thường không dấu, số, dấu chấm, gạch ngang, "
        "gạch dưới và đuôi viết thường (.pdf, .doc, .docx, .odt). Đổi tên, ví dụ to-khai-dang-ky.pdf, "
        "và sửa mục forms của thủ tục dẫn tới nó.",
    )


def _wrong_content(name: str, suffix: str, head: bytes) -> Finding:
    guess = next((label for start, label in _LOOKS_LIKE if head.lstrip().startswith(start)), "")
    seems = f" (có vẻ là {guess})" if guess else ""
    label = _LABELS[suffix]
    return Finding(
        "E114",
        f"Tệp «{name}» có đuôi .{suffix} nhưng nội dung không phải {label}{seems}, hoặc chứa macro, trang "
        f"hay chương trình bên trong. Lưu lại tệp từ phần mềm soạn thảo dưới dạng {label} (không có "
        "macro), hoặc xoá tệp này.",
    )


def judge(path: Path) -> Finding | None:
    """None when `path` may be published as a form; else why not and how to fix it."""
    name = path.name
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix not in ALLOWED:
        return _wrong_type(name)
    if not _NAME.match(name):
        return _bad_name(name)
    head = _head(path)
    if head is None:  # a link or a special file: discover() reports it (E112)
        return Finding("E112", f"«{name}» không phải tệp thường: xoá nó khỏi {FORMS_DIR}/.")
    return None if _CONTENT[suffix](path, head) else _wrong_content(name, suffix, head)


def form_entries(folder: Path) -> list[os.DirEntry[str]]:
    """Everything directly in _forms/ that is not a folder, sorted by name."""
    if not folder.is_dir() or folder.is_symlink():
        return []
    with os.scandir(folder) as entries:
        found = [e for e in entries if not e.is_dir(follow_symlinks=False) and e.name not in IGNORED_NAMES]
    return sorted(found, key=lambda e: e.name)


def regular_forms(folder: Path) -> list[Path]:
    """The regular files directly in _forms/; links are reported by discover() and left out here."""
    return [Path(e.path) for e in form_entries(folder) if e.is_file(follow_symlinks=False)]


def publishable_forms(folder: Path) -> list[Path]:
    """The forms the site and the kiosk copy may carry: regular files whose name and content pass."""
    return [path for path in regular_forms(folder) if judge(path) is None]
