"""Building blocks shared by every schema: identifiers, texts, dates, legal documents.

Every field carries a Vietnamese description: the JSON Schema, the editor guide and the
messages of `thutuc check` are all generated from these declarations.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, JsonValue
from pydantic_core import PydanticCustomError

from ..render import urls

# Characters no text of the catalogue may hold: invisible, they change what a reader sees
# (U+202E turns "txt.exe" into "exe.txt"), make two equal-looking codes differ, or drive a
# terminal (ESC [31m). None has a use in a Vietnamese catalogue, so every text refuses them.
# (first, last, Vietnamese name) in code point order; the patterns below and the messages of
# `thutuc check` are both made from this table.
HIDDEN_CHARACTERS: tuple[tuple[int, int, str], ...] = (
    (0x0000, 0x0008, "ký tự điều khiển"),
    (0x0009, 0x0009, "dấu Tab"),
    (0x000A, 0x000A, "dấu xuống dòng"),
    (0x000B, 0x000C, "ký tự điều khiển"),
    (0x000D, 0x000D, "ký tự về đầu dòng CR"),
    (0x000E, 0x001A, "ký tự điều khiển"),
    (0x001B, 0x001B, "ký tự ESC, mã điều khiển màu của màn hình dòng lệnh"),
    (0x001C, 0x001F, "ký tự điều khiển"),
    (0x007F, 0x007F, "ký tự xóa DEL"),
    (0x0080, 0x009F, "ký tự điều khiển C1"),
    (0x00AD, 0x00AD, "gạch nối mềm"),
    (0x034F, 0x034F, "dấu nối tổ hợp vô hình"),
    (0x0600, 0x0605, "ký tự định dạng ẩn"),
    (0x061C, 0x061C, "dấu chiều chữ Ả Rập"),
    (0x06DD, 0x06DD, "ký tự định dạng ẩn"),
    (0x070F, 0x070F, "ký tự định dạng ẩn"),
    (0x0890, 0x0891, "ký tự định dạng ẩn"),
    (0x08E2, 0x08E2, "ký tự định dạng ẩn"),
    (0x115F, 0x1160, "ký tự trống vô hình"),
    (0x17B4, 0x17B5, "nguyên âm ẩn (chữ Khmer)"),
    (0x180B, 0x180F, "bộ chọn biến thể, ký tự định dạng ẩn"),
    (0x200B, 0x200B, "khoảng trắng độ rộng 0"),
    (0x200C, 0x200D, "ký tự nối độ rộng 0"),
    (0x200E, 0x200F, "dấu chiều chữ"),
    (0x2028, 0x2029, "dấu ngắt dòng Unicode"),
    (0x202A, 0x202E, "đổi chiều chữ"),
    (0x2060, 0x2064, "ký tự nối vô hình"),
    (0x2066, 0x2069, "cô lập chiều chữ"),
    (0x206A, 0x206F, "ký tự định dạng ẩn"),
    (0x2800, 0x2800, "ô chữ nổi trống, trông như khoảng trắng"),
    (0x3164, 0x3164, "ký tự trống vô hình"),
    (0xE000, 0xF8FF, "ký tự vùng dùng riêng, không hiển thị được"),
    (0xFE00, 0xFE0F, "bộ chọn biến thể vô hình"),
    (0xFEFF, 0xFEFF, "dấu BOM, khoảng trắng độ rộng 0"),
    (0xFFA0, 0xFFA0, "ký tự trống vô hình"),
    (0xFFF9, 0xFFFB, "ký tự chú thích ẩn"),
    (0xFFFC, 0xFFFD, "ký tự thay thế, dấu hiệu văn bản bị lỗi mã hóa"),
    (0x110BD, 0x110BD, "ký tự định dạng ẩn"),
    (0x110CD, 0x110CD, "ký tự định dạng ẩn"),
    (0x13430, 0x1343F, "ký tự định dạng ẩn"),
    (0x1BCA0, 0x1BCA3, "ký tự định dạng ẩn"),
    (0x1D173, 0x1D17A, "ký tự định dạng ẩn"),
    (0xE0001, 0xE0001, "ký tự thẻ ẩn"),
    (0xE0020, 0xE007F, "ký tự thẻ ẩn"),
    (0xE0100, 0xE01EF, "bộ chọn biến thể vô hình"),
    (0xF0000, 0x10FFFF, "ký tự vùng dùng riêng, không hiển thị được"),
)
# Allowed where a text may span lines (LongText): YAML gives `|` blocks these.
LINE_BREAKS = "\t\n"


def _spans(allowed: str, *, bmp: bool) -> list[tuple[int, int]]:
    """The table's ranges, neighbours merged (a shorter pattern in every schema)."""
    merged: list[tuple[int, int]] = []
    for first, last, _ in HIDDEN_CHARACTERS:
        if chr(first) in allowed or (bmp and first > 0xFFFF):
            continue
        if merged and merged[-1][1] + 1 == first:
            merged[-1] = (merged[-1][0], last)
        else:
            merged.append((first, last))
    return merged


def _class_body(allowed: str) -> str:
    r"""The table inside a character class, for the Basic Multilingual Plane only: `\uXXXX` reads
    the same in pydantic's Rust engine and in VS Code's ECMAScript engine, with or without its
    `u` flag. Characters above U+FFFF have no such spelling: a rule refuses them (validate/rules.py)."""
    spans = _spans(allowed, bmp=True)
    return "".join(f"\\u{a:04X}" if a == b else f"\\u{a:04X}-\\u{b:04X}" for a, b in spans)


def _python_class(allowed: str) -> re.Pattern[str]:
    spans = _spans(allowed, bmp=False)
    return re.compile("[" + "".join(re.escape(chr(a)) + "-" + re.escape(chr(b)) for a, b in spans) + "]")


# Patterns live here once; `validate.schema_errors` explains each of them in Vietnamese.
# Digits are [0-9], never \d: \d matches every script's digits (Python, Rust), so "１.００１１９３"
# in full-width digits would pass here (not in VS Code) and differ from "1.001193".
LINE_PATTERN = f"^[^{_class_body('')}]*$"
LINES_PATTERN = f"^[^{_class_body(LINE_BREAKS)}]*$"
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
NATIONAL_CODE_PATTERN = r"^[0-9]\.[0-9]{6}(\.[A-Za-z0-9]+)*$"
# A plain address: a `?`, `&`, `%`, `,` or `;` would add headers (bcc=…) to every mailto: link.
EMAIL_PATTERN = r"^[A-Za-z0-9_+-]+(\.[A-Za-z0-9_+-]+)*@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$"
PHONE_PATTERN = r"^\+?[0-9(][0-9 .()-]{2,18}[0-9]$"
TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"
URL_PATTERN = f'^https?://[^\\s<>"{_class_body("")}]+$'
FORM_FILE_PATTERN = r"^[a-z0-9][a-z0-9._-]*\.(pdf|doc|docx|odt)$"
ICON_PATTERN = r"^[a-z0-9-]+/[a-z0-9-]+$"
# Patterns whose texts may span lines; every other text is one line.
MULTI_LINE_PATTERNS = frozenset({LINES_PATTERN})

_HIDDEN = {"": _python_class(""), LINE_BREAKS: _python_class(LINE_BREAKS)}


def hidden_character(text: str, allowed: str = "") -> tuple[int, str] | None:
    """(index, Vietnamese name) of the first character of the table in `text` not `allowed`
    (only "" or LINE_BREAKS)."""
    found = _HIDDEN[allowed].search(text)
    if found is None:
        return None
    point = ord(found.group())
    return found.start(), next(name for a, b, name in HIDDEN_CHARACTERS if a <= point <= b)


def visible(text: str) -> str:
    """`text` with each character of the table written as [U+XXXX], safe to show anywhere."""
    return _HIDDEN[""].sub(lambda m: f"[U+{ord(m.group()):04X}]", text)


class Strict(BaseModel):
    """Base of every schema: unknown keys are errors, texts are trimmed."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


Slug = Annotated[
    str,
    Field(
        pattern=SLUG_PATTERN,
        min_length=1,
        max_length=120,
        description="Mã định danh: chữ thường không dấu, số và dấu gạch ngang, ví dụ dang-ky-khai-sinh.",
    ),
]


class NotReserved:
    """Refuses an id that the site already uses as a page name in the id's folder (E315)."""

    def __init__(self, kind: str) -> None:
        self.folder = urls.ID_FOLDERS[kind]
        self.names = urls.reserved_ids(kind)

    def __call__(self, value: str) -> str:
        if value in self.names or re.fullmatch(urls.PAGE_NUMBER_PATTERN, value):
            raise PydanticCustomError(
                "reserved_id",
                "id {value} is the name of a generated page",
                {"value": value, "folder": self.folder or "", "names": ", ".join(self.names)},
            )
        return value

    def schema(self) -> dict[str, JsonValue]:
        """The same refusal in the JSON Schema, so that VS Code warns too."""
        return {"not": {"anyOf": [{"enum": list(self.names)}, {"pattern": urls.PAGE_NUMBER_PATTERN}]}}


_PROCEDURE, _FIELD, _AGENCY = NotReserved("procedure"), NotReserved("field"), NotReserved("agency")
_AUDIENCE, _CASE, _OFFICIAL = NotReserved("audience"), NotReserved("case"), NotReserved("official")
ProcedureId = Annotated[Slug, AfterValidator(_PROCEDURE), Field(json_schema_extra=_PROCEDURE.schema())]
FieldId = Annotated[Slug, AfterValidator(_FIELD), Field(json_schema_extra=_FIELD.schema())]
AgencyId = Annotated[Slug, AfterValidator(_AGENCY), Field(json_schema_extra=_AGENCY.schema())]
AudienceId = Annotated[Slug, AfterValidator(_AUDIENCE), Field(json_schema_extra=_AUDIENCE.schema())]
CaseId = Annotated[Slug, AfterValidator(_CASE), Field(json_schema_extra=_CASE.schema())]
OfficialId = Annotated[Slug, AfterValidator(_OFFICIAL), Field(json_schema_extra=_OFFICIAL.schema())]
# One line, as shown in a heading, a table cell or a list; LongText may span lines.
Text = Annotated[str, Field(min_length=1, max_length=2000, pattern=LINE_PATTERN)]
LongText = Annotated[str, Field(min_length=1, max_length=20000, pattern=LINES_PATTERN)]
Email = Annotated[str, Field(pattern=EMAIL_PATTERN, max_length=200)]
Phone = Annotated[str, Field(pattern=PHONE_PATTERN)]
Url = Annotated[str, Field(pattern=URL_PATTERN, max_length=2000)]
Count = Annotated[int, Field(strict=True, ge=0, le=1000)]
# VND is never fractional and never written with a thousands separator in data:
# `50.000` in YAML is the float 50.0, a thousandfold error a strict int catches.
Vnd = Annotated[int, Field(strict=True, ge=0, le=100_000_000_000)]


class LegalDocument(Strict):
    """Văn bản pháp luật hoặc văn bản hành chính."""

    number: Text = Field(description="Số, ký hiệu văn bản, ví dụ 123/2015/NĐ-CP.")
    title: Text | None = Field(
        default=None, description="Trích yếu (tên) văn bản, ví dụ Nghị định quy định chi tiết Luật Hộ tịch."
    )
    date: dt.date | None = Field(default=None, description="Ngày ban hành, dạng NĂM-THÁNG-NGÀY.")
    issuer: Text | None = Field(
        default=None, description="Cơ quan ban hành, ví dụ Chính phủ, Bộ Tư pháp, UBND tỉnh Lạng Sơn."
    )


class Decision(Strict):
    """Quyết định công bố, sửa đổi hoặc bãi bỏ thủ tục."""

    number: Text = Field(description="Số quyết định, ví dụ 1234/QĐ-UBND.")
    date: dt.date = Field(description="Ngày ký quyết định, dạng NĂM-THÁNG-NGÀY.")
    issuer: Text = Field(description="Người hoặc cơ quan ký, ví dụ Chủ tịch UBND tỉnh Lạng Sơn.")
    url: Url | None = Field(default=None, description="Đường dẫn tới văn bản (nếu có).")
