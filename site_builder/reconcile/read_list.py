"""Reading a list exported by the national database (Cơ sở dữ liệu quốc gia về thủ tục hành chính).

The exports are .xlsx files as the database writes them: a title block, then a header row
`Mã số | Tên | Cơ quan ban hành | Cơ quan thực hiện | Lĩnh vực`, then one procedure a row; cells hold
line breaks, several executing bodies one per line, and codes as text or as numbers. A spreadsheet is
untrusted input: its size is checked before it is opened, only bounded parts of it are read, and
formulas are never evaluated (the value the file stored is read, if any).
"""

from __future__ import annotations

import re
import unicodedata
import warnings
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from ..diagnostics import ThutucError
from ..model.common import NATIONAL_CODE_PATTERN
from ..textfold import fold

# Bounds on what one list may make us read. The national database's largest ministry lists have a few
# hundred rows and a few hundred kilobytes; these leave a hundredfold margin and still stop a zip bomb or
# a sheet of a million rows before it fills the memory.
MAX_FILE_BYTES = 20_000_000
MAX_UNPACKED_BYTES = 200_000_000
MAX_MEMBERS = 1_000
MAX_ROWS = 50_000
MAX_COLUMNS = 40
MAX_CELL_CHARS = 10_000
HEADER_WITHIN_ROWS = 50
MAX_SHEETS = 10
MAX_ROW_ERRORS = 20

# The header's columns, each recognised by its words (folded: no diacritics, lower case).
COLUMNS: dict[str, tuple[str, ...]] = {
    "code": ("ma so", "ma thu tuc", "ma tthc"),
    "name": ("ten", "ten thu tuc", "ten tthc"),
    "executing": ("co quan thuc hien",),
    "field": ("linh vuc",),
}
_HEADER_HINT = "Mã số | Tên | Cơ quan ban hành | Cơ quan thực hiện | Lĩnh vực"


class UnreadableList(ThutucError):
    """A list that cannot be read: the message names the file and, where there is one, the row."""


@dataclass(frozen=True)
class Listed:
    """One procedure of a national list, as the list gives it."""

    file: str
    row: int
    code: str
    name: str
    executing: tuple[str, ...]
    field: str


def _text(value: Any) -> str:
    """A cell as text in NFC (the exports mix composed and decomposed letters), without outer spaces."""
    if value is None:
        return ""
    return unicodedata.normalize("NFC", str(value)).strip()


def one_line(text: str) -> str:
    """Every run of spaces and line breaks as one space: a name as the database shows it."""
    return " ".join(text.split())


def _code(value: Any) -> str | None:
    """A national code from a text cell or a number cell (1.001193 stored as a number loses nothing
    when written back with six decimals; 1.00119 is the same number as 1.001190)."""
    if isinstance(value, bool):
        return None
    text = f"{value:.6f}" if isinstance(value, (int, float)) else one_line(_text(value))
    return text if re.fullmatch(NATIONAL_CODE_PATTERN, text) else None


def _check_container(path: Path, shown: str) -> None:
    """Refuse what is not an .xlsx, or would unpack into more than we ever need, before opening it."""
    if not path.is_file():
        raise UnreadableList(f"{shown}: không có tệp này (hoặc đây là thư mục). Kiểm tra lại tên và chỗ đặt.")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise UnreadableList(
            f"{shown}: tệp lớn quá {MAX_FILE_BYTES // 1_000_000} MB, không phải một danh sách thủ tục "
            "xuất từ Cơ sở dữ liệu quốc gia."
        )
    with path.open("rb") as handle:
        start = handle.read(8)
    if start.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnreadableList(
            f"{shown}: đây là tệp Excel kiểu cũ (.xls). Mở bằng Excel hoặc LibreOffice, lưu lại dạng "
            ".xlsx rồi chạy lại."
        )
    if not zipfile.is_zipfile(path):
        raise UnreadableList(
            f"{shown}: không phải tệp .xlsx (bảng tính Excel). Tải lại danh sách dạng Excel."
        )
    with zipfile.ZipFile(path) as archive:
        members = archive.infolist()
        names = {m.filename for m in members}
        unpacked = sum(m.file_size for m in members)
    if "xl/workbook.xml" not in names:
        raise UnreadableList(f"{shown}: là tệp nén nhưng không phải bảng tính .xlsx.")
    if len(members) > MAX_MEMBERS or unpacked > MAX_UNPACKED_BYTES:
        raise UnreadableList(
            f"{shown}: khi giải nén tệp sẽ lớn hơn {MAX_UNPACKED_BYTES // 1_000_000} MB "
            "(hoặc có quá nhiều phần): không đọc, vì không danh sách thủ tục nào lớn như vậy."
        )


def _header(cells: tuple[Any, ...]) -> dict[str, int] | None:
    """The column of each needed field, when this row is the header."""
    words = [" ".join(fold(_text(c)).rstrip(":").split()) for c in cells]
    found = {key: next((i for i, w in enumerate(words) if w in names), -1) for key, names in COLUMNS.items()}
    return None if min(found.values()) < 0 else found


def _rows(sheet: Any) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """(row number, cells) for the first MAX_ROWS rows, at most MAX_COLUMNS cells each."""
    for number, cells in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True), start=1):
        yield number, tuple(cells)


class _Reader:
    def __init__(self, path: Path, shown: str) -> None:
        self.path, self.shown = path, shown
        self.errors: list[str] = []

    def fail(self, row: int, text: str) -> None:
        self.errors.append(f"{self.shown}: dòng {row}: {text}")

    def entry(self, row: int, cells: tuple[Any, ...], columns: dict[str, int]) -> Listed | None:
        def cell(key: str) -> Any:
            index = columns[key]
            return cells[index] if index < len(cells) else None

        too_long = [c for c in cells if isinstance(c, str) and len(c) > MAX_CELL_CHARS]
        if too_long:
            self.fail(row, f"có ô dài hơn {MAX_CELL_CHARS} ký tự; danh sách thủ tục không có ô nào như vậy.")
            return None
        code, name = _code(cell("code")), one_line(_text(cell("name")))
        if code is None:
            shown = one_line(_text(cell("code"))) or "(trống)"
            self.fail(row, f"mã số «{shown[:40]}» không đúng dạng mã thủ tục quốc gia (ví dụ 1.001193).")
            return None
        if not name:
            self.fail(row, f"thủ tục {code} không có tên (cột «Tên» trống).")
            return None
        bodies = tuple(one_line(line) for line in _text(cell("executing")).splitlines() if line.strip())
        return Listed(self.shown, row, code, name, bodies, one_line(_text(cell("field"))))

    def read(self, rows: Iterable[tuple[int, tuple[Any, ...]]]) -> list[Listed] | None:
        """The listed procedures of one sheet, or None when it has no header."""
        columns: dict[str, int] | None = None
        found: list[Listed] = []
        for number, cells in rows:
            if number > MAX_ROWS:
                self.fail(number, f"bảng có hơn {MAX_ROWS} dòng; danh sách thủ tục không dài như vậy.")
                break
            if columns is None:
                columns = _header(cells)
                if columns is None and number >= HEADER_WITHIN_ROWS:
                    return None
                continue
            if all(_text(c) == "" for c in cells):
                continue
            listed = self.entry(number, cells, columns)
            if listed is not None:
                found.append(listed)
        return found if columns is not None else None


def read_list(path: Path, shown: str | None = None) -> list[Listed]:
    """The procedures of one list, in the list's order; UnreadableList naming the file and the rows."""
    shown = shown or path.as_posix()
    _check_container(path, shown)
    reader = _Reader(path, shown)
    try:
        # openpyxl warns on harmless things (a missing default style, an unknown extension): not our reader's news.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = load_workbook(path, read_only=True, data_only=True)
            try:
                sheets = workbook.worksheets[:MAX_SHEETS]
                found = next((r for s in sheets if (r := reader.read(_rows(s))) is not None), None)
            finally:
                workbook.close()
    except UnreadableList:
        raise
    # A damaged workbook can make the spreadsheet library fail in many ways (a bad zip member, broken
    # XML, a missing part): each means the same to an editor, so all are told the same way.
    except Exception as exc:
        raise UnreadableList(
            f"{shown}: bảng tính bị hỏng, không đọc được ({type(exc).__name__}). Mở bằng Excel hoặc "
            "LibreOffice, lưu lại dạng .xlsx rồi chạy lại."
        ) from exc
    if found is None:
        raise UnreadableList(
            f"{shown}: không thấy dòng tiêu đề «{_HEADER_HINT}» trong {HEADER_WITHIN_ROWS} dòng đầu của "
            "trang tính nào. Dùng đúng tệp xuất từ Cơ sở dữ liệu quốc gia, không xóa hay đổi tên cột."
        )
    if reader.errors:
        more = len(reader.errors) - MAX_ROW_ERRORS
        shown_errors = reader.errors[:MAX_ROW_ERRORS] + (
            [f"{shown}: … và {more} dòng sai nữa."] if more > 0 else []
        )
        raise UnreadableList("\n".join(shown_errors))
    if not found:
        raise UnreadableList(f"{shown}: có dòng tiêu đề nhưng không có thủ tục nào ở các dòng dưới.")
    return found
