"""Characters a reader cannot see, and the theme's slot markers: where they stand in the file.

The model refuses hidden characters of the Basic Multilingual Plane by pattern (so VS Code warns
too); `thutuc check` reports each one here, at the line and column of the character itself
(or of the escape that wrote it, such as "\\e" or "\\u202E" in double quotes), never echoing it.
"""

from __future__ import annotations

import re

from pydantic_core import ErrorDetails

from ..diagnostics import FieldPath, format_path
from ..model import common
from ..readers.yaml_reader import Mark, SourceFile
from ..render.shell import MARKER_STEM
from .report import Reporter
from .rules import strings_in

# Named escapes of YAML double-quoted scalars, by the character they stand for.
_NAMED_ESCAPES = {
    "\0": "0",
    "\a": "a",
    "\b": "b",
    "\t": "t",
    "\v": "v",
    "\f": "f",
    "\r": "r",
    "\x1b": "e",
    "\x85": "N",
    "\u2028": "L",
    "\u2029": "P",
}
# YAML counts these as line ends when it gives a value's line and column: so do we.
_LINE_END = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def _suspect(text: str) -> bool:
    """A file worth walking for what patterns cannot refuse: an escape (which may write any character),
    a character above U+FFFF (two UTF-16 units; far cheaper than a regex over that range, which cost a
    tenth of a 2,000-procedure check), or a marker in any case."""
    return (
        "\\" in text
        or len(text.encode("utf-16-le", "surrogatepass")) != 2 * len(text)
        or MARKER_STEM in text.lower()
    )


def _line_starts(text: str) -> list[int]:
    return [0, *(match.end() for match in _LINE_END.finditer(text))]


def _position(text: str, offset: int) -> Mark:
    starts = _line_starts(text)
    line = max(i for i, start in enumerate(starts) if start <= offset)
    return Mark(line + 1, offset - starts[line] + 1)


def _spelling(char: str) -> re.Pattern[str]:
    """The character as it may be written in the file: itself or any YAML escape of it."""
    point = ord(char)
    ways = [re.escape(char), f"\\\\U{point:08x}"]
    if point <= 0xFFFF:
        ways.append(f"\\\\u{point:04x}")
    if point <= 0xFF:
        ways.append(f"\\\\x{point:02x}")
    if char in _NAMED_ESCAPES:
        ways.append(re.escape("\\" + _NAMED_ESCAPES[char]))
    return re.compile("|".join(ways), re.IGNORECASE)


def find(source: SourceFile, path: FieldPath, pattern: re.Pattern[str]) -> Mark:
    """Where `pattern` first matches from the start of the value at `path` (else that start)."""
    start = source.mark_of(path)
    starts = _line_starts(source.text)
    if start.line > len(starts):
        return start
    found = pattern.search(source.text, starts[start.line - 1] + start.column - 1)
    return _position(source.text, found.start()) if found else start


def shown(value: str) -> str:
    """The value with every hidden character written as [U+XXXX]; long values cut."""
    return common.visible(value if len(value) <= 80 else value[:77] + "…")


def message(value: str, index: int, name: str, mark: Mark) -> tuple[str, str]:
    """(code, Vietnamese message) for the hidden character at `index` of `value`."""
    char = value[index]
    if char == "\n":
        return "E211", (
            f"Trường này chỉ viết trên một dòng, nhưng giá trị «{shown(value)}» có nhiều dòng. "
            "Nối các dòng thành một (bỏ dấu '|' ở đầu giá trị, hoặc dùng '>-'); "
            "chỉ các trường văn bản dài (các bước, ghi chú, nội dung phản ánh) mới được xuống dòng."
        )
    if char == "\t":
        return "E211", f"Có dấu Tab ở cột {mark.column} trong trường chỉ viết một dòng: thay bằng dấu cách."
    return "E210", (
        f"Có ký tự ẩn U+{ord(char):04X} ({name}) ở cột {mark.column}: không nhìn thấy trên trang nhưng làm "
        f"sai thứ tự chữ, tìm kiếm, so sánh mã hoặc điều khiển màn hình (giá trị: «{shown(value)}»). "
        "Xóa ký tự này (thường do sao chép từ Word hoặc trang web); nếu khó thấy, xóa cả đoạn rồi gõ lại."
    )


def pattern_error(error: ErrorDetails, source: SourceFile) -> tuple[str, str, Mark] | None:
    """(code, message, mark) when a value failed its pattern because of a hidden character."""
    value = error["input"]
    if error["type"] != "string_pattern_mismatch" or not isinstance(value, str):
        return None
    pattern = str(error.get("ctx", {}).get("pattern", ""))
    allowed = common.LINE_BREAKS if pattern in common.MULTI_LINE_PATTERNS else ""
    found = common.hidden_character(value, allowed)
    if found is None:
        return None
    index, name = found
    path: FieldPath = tuple(error["loc"])
    char = value[index]
    mark = source.mark_of(path) if char == "\n" else find(source, path, _spelling(char))
    return (*message(value, index, name, mark), mark)


def check_hidden(source: SourceFile, out: Reporter) -> None:
    """What no pattern can refuse in every text: characters above U+FFFF from the table (no
    pattern spelling works in both engines), and the theme's slot markers (E316)."""
    if source.data is None or not _suspect(source.text):
        return
    reported = {diagnostic.field for diagnostic in out.found if diagnostic.code in ("E210", "E211")}
    for path, value in strings_in(source.data):
        found = common.hidden_character(value, common.LINE_BREAKS)
        if found is not None and ord(value[found[0]]) > 0xFFFF and format_path(path) not in reported:
            mark = find(source, path, _spelling(value[found[0]]))
            code, text = message(value, found[0], found[1], mark)
            out.report(code, path, text, mark=mark)
        if MARKER_STEM in value.lower():
            _marker(source, path, value, out)


def _marker(source: SourceFile, path: FieldPath, value: str, out: Reporter) -> None:
    start = value.lower().index(MARKER_STEM)
    word = re.match(r"[a-z]*", value[start:].lower())
    shown_word = word.group() if word else MARKER_STEM
    mark = find(source, path, re.compile(MARKER_STEM, re.IGNORECASE))
    out.report(
        "E316",
        path,
        f"Văn bản có «{shown_word}» ở cột {mark.column}: các từ bắt đầu bằng «{MARKER_STEM}» được dành "
        "riêng để ghép khung trang của giao diện, nên trang web sẽ không dựng được. Viết khác đi, "
        f"ví dụ tách thành «thutuc slot», hoặc xóa từ này.",
        mark=mark,
    )
