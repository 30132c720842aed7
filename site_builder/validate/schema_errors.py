"""Turn pydantic's validation errors into Vietnamese messages an editor can act on."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from ..diagnostics import FieldPath
from ..model import common
from ..model.procedure import TIME_UNIT_LABELS, Document, TimeLimit
from ..textfold import fold, slugify
from .introspect import field_at, model_at

_PATTERN_HINTS: dict[str, str] = {
    common.SLUG_PATTERN: "Mã định danh chỉ gồm chữ thường không dấu (a–z), chữ số và dấu gạch ngang, "
    "không có dấu cách, ví dụ dang-ky-khai-sinh.",
    common.NATIONAL_CODE_PATTERN: 'Mã thủ tục quốc gia có dạng một chữ số, dấu chấm, sáu chữ số, ví dụ "1.001193"; '
    'có thể thêm hậu tố địa phương, ví dụ "1.013978.H36". Viết trong dấu nháy kép.',
    common.EMAIL_PATTERN: "Địa chỉ thư điện tử phải có dạng ten@coquan.gov.vn, chỉ một địa chỉ: chữ không dấu, "
    "chữ số, dấu chấm, gạch ngang; không dấu cách, không có ?, &, %, dấu phẩy, chấm phẩy, dấu nháy, <> "
    "hay phần nào thêm sau tên miền (các dấu đó chèn thêm người nhận vào thư người dân gửi).",
    common.PHONE_PATTERN: "Số điện thoại chỉ gồm chữ số, có thể có dấu cách, dấu chấm, gạch ngang, dấu ngoặc "
    "và dấu + ở đầu, ví dụ 0205 3812 345, (0205) 3812 345 hoặc 1022; mỗi trường chỉ một số, không kèm chữ.",
    common.TIME_PATTERN: "Giờ phải có dạng GIỜ:PHÚT với hai chữ số, ví dụ 07:30.",
    common.URL_PATTERN: "Đường dẫn phải bắt đầu bằng https:// hoặc http:// và không có dấu cách.",
    common.FORM_FILE_PATTERN: "Tên tệp mẫu viết chữ thường không dấu, không dấu cách, đuôi .pdf, .doc, .docx "
    "hoặc .odt, ví dụ to-khai-khai-sinh.pdf; tệp đặt trong thư mục procedures/_forms/.",
}


def _kind(value: Any) -> str:
    if value is None:
        return "để trống"
    if isinstance(value, bool):
        return f"giá trị đúng/sai ({str(value).lower()})"
    if isinstance(value, int):
        return f"số {value}"
    if isinstance(value, float):
        return f"số thập phân {value}"
    if isinstance(value, dt.date):
        return f"ngày {value.isoformat()}"
    if isinstance(value, list):
        return "một danh sách"
    if isinstance(value, dict):
        return "một nhóm trường"
    return f"văn bản «{value}»"


def _description(model: type[BaseModel], loc: FieldPath) -> str:
    info = field_at(model, loc)
    return f" ({info.description.rstrip('.')})" if info is not None and info.description else ""


# Keys an editor might add to record who sent a feedback case: refused with the reason.
PERSONAL_KEYS = re.compile(
    r"(sender|nguoi[_-]?gui|ho[_-]?ten|full[_-]?name|phone|dien[_-]?thoai|sdt|email|mail|address|dia[_-]?chi"
    r"|cccd|cmnd|id[_-]?number|so[_-]?giay[_-]?to|passport)",
    re.IGNORECASE,
)


def personal_field(key: str) -> str:
    return (
        f"Hồ sơ phản ánh công khai không lưu thông tin người gửi, nên không có trường «{key}» "
        "(Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân). Xóa trường này; họ tên, số điện thoại, "
        "địa chỉ của người gửi chỉ lưu trong hệ thống tiếp nhận phản ánh, không đưa vào danh mục."
    )


def _unknown_field(model: type[BaseModel], loc: FieldPath) -> str:
    key = str(loc[-1])
    parent = model_at(model, loc[:-1])
    allowed = sorted(parent.model_fields) if parent else []
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    hint = f" Có phải ý bạn là «{close[0]}»?" if close else ""
    listing = f" Các trường được dùng ở đây: {', '.join(allowed)}." if allowed else ""
    return f"Trường «{key}» không có trong mẫu dữ liệu.{hint}{listing}"


def _wrong_type(error: ErrorDetails, model: type[BaseModel], loc: FieldPath, plain: str | None) -> str:
    value = error["input"]
    kind = _kind(value)
    expected = {
        "string_type": "một đoạn văn bản",
        "int_type": "một số nguyên",
        "int_parsing": "một số nguyên",
        "int_from_float": "một số nguyên",
        "bool_type": "true (có) hoặc false (không)",
        "bool_parsing": "true (có) hoặc false (không)",
        "list_type": "một danh sách (mỗi mục một dòng bắt đầu bằng '- ')",
        "model_type": "một nhóm trường (các dòng 'tên: giá trị' thụt vào bên dưới)",
        "dict_type": "một nhóm trường (các dòng 'tên: giá trị' thụt vào bên dưới)",
        "model_attributes_type": "một nhóm trường (các dòng 'tên: giá trị' thụt vào bên dưới)",
    }.get(error["type"], "giá trị khác")
    text = f"Cần {expected}, nhưng ở đây là {kind}."
    name = next((p for p in reversed(loc) if isinstance(p, str)), "")
    if name == "amount" and isinstance(value, float):
        text += (
            f" YAML hiểu «{plain or value}» là số thập phân {value}: dấu chấm không phải dấu phân cách hàng nghìn. "
            "Viết số nguyên đồng, liền nhau, không dấu chấm hay dấu phẩy, ví dụ 50000 cho năm mươi nghìn đồng."
        )
    elif name == "amount" and isinstance(value, str):
        text += (
            " Chỉ ghi con số, không kèm chữ «đồng», không dấu chấm hay dấu phẩy và không đặt trong dấu nháy, "
            "ví dụ 50000 cho năm mươi nghìn đồng."
        )
    elif (slip := _slip(error["type"], model, loc, value)) is not None:
        text += slip
    elif error["type"] == "string_type" and value is None:
        text += " Điền nội dung sau dấu hai chấm, hoặc xóa cả dòng nếu trường này không bắt buộc."
    elif error["type"] == "string_type" and plain:
        understood = "một ngày" if isinstance(value, dt.date) else "số hoặc giá trị đúng/sai"
        text += f' YAML hiểu «{plain}» là {understood}; hãy viết trong dấu nháy kép: "{plain}".'
    return text


# A number followed by words: `value: 15 ngày làm việc`, `originals: 2 bản`.
_NUMBER_AND_WORDS = re.compile(r"\s*(\d+)\s*(\S.*)")


def _unit_in(words: str) -> str | None:
    """The time unit a phrase names; the longest label first, so «ngày làm việc» is not «ngày»."""
    folded = fold(words)
    labels = sorted(TIME_UNIT_LABELS.items(), key=lambda item: -len(item[1]))
    return next((code for code, label in labels if fold(label) in folded), None)


def _slip(kind: str, model: type[BaseModel], loc: FieldPath, value: object) -> str | None:
    """The fix for the commonest slips: a number in quotes or with its unit, a line for a group."""
    if not isinstance(value, str):
        return None
    if kind.startswith("int"):
        return _number_slip(model, loc, value)
    group = model_at(model, loc)
    if group is None or "name" not in group.model_fields:
        return None
    shape = f"«- name: {value}» rồi dòng dưới thụt vào thẳng cột chữ name"
    if group is Document:
        return (
            f" Mỗi giấy tờ là một nhóm trường, không phải một dòng chữ: viết {shape}: «  originals: 1» "
            "(số bản chính; copies: số bản sao; presented: true nếu chỉ xuất trình để đối chiếu)."
        )
    return f" Viết thành nhóm trường: {shape} cho các trường khác ({', '.join(group.model_fields)})."


def _number_slip(model: type[BaseModel], loc: FieldPath, value: str) -> str | None:
    name = next((p for p in reversed(loc) if isinstance(p, str)), "")
    if value.strip().isdigit() and value.strip().isascii():
        return f" Số đặt trong dấu nháy thành văn bản: bỏ dấu nháy, viết «{name}: {value.strip()}»."
    words = _NUMBER_AND_WORDS.fullmatch(value)
    if words is not None and model_at(model, loc[:-1]) is TimeLimit:
        unit = _unit_in(words[2]) or "<mã đơn vị>"
        units = ", ".join(f"{code} ({label})" for code, label in TIME_UNIT_LABELS.items())
        return (
            f" Chỉ ghi con số ở {name}, đơn vị ghi ở dòng unit ngay dưới bằng mã: viết «{name}: {words[1]}» "
            f"và «unit: {unit}». Các mã đơn vị: {units}."
        )
    if words is not None:
        return f" Chỉ ghi con số, không kèm chữ: viết «{name}: {words[1]}»."
    return None


def _pattern(error: ErrorDetails) -> str:
    pattern = str(error.get("ctx", {}).get("pattern", ""))
    value = error["input"]
    hint = _PATTERN_HINTS.get(pattern, f"Giá trị phải khớp mẫu {pattern}.")
    text = f"Giá trị «{value}» sai định dạng. {hint}"
    if pattern == common.SLUG_PATTERN and isinstance(value, str) and slugify(value):
        text += f" Gợi ý: {slugify(value)}"
    if isinstance(value, str):
        text += _wide_digits(value)
    return text


def _wide_digits(value: str) -> str:
    """Digits of another width or script look like 0–9 but are other characters."""
    odd = next((c for c in value if c.isdigit() and not c.isascii()), None)
    if odd is None:
        return ""
    return (
        f" Chữ số «{odd}» (U+{ord(odd):04X}) không phải chữ số 0–9 thường mà là chữ số toàn khổ hoặc của "
        "bảng chữ khác (thường do bộ gõ ở chế độ toàn khổ): gõ lại bằng chữ số 0–9. "
        f"Gợi ý: {unicodedata.normalize('NFKC', value)}"
    )


def _reserved(error: ErrorDetails, model: type[BaseModel], loc: FieldPath) -> str:
    ctx = error.get("ctx", {})
    value, folder = ctx.get("value", error["input"]), ctx.get("folder", "")
    where = f"trong thư mục {folder}/ của trang web" if folder else "trên trang web"
    rename = (
        " và đổi tên tệp cho khớp"
        if loc == ("id",) and model.__name__ in ("Procedure", "FeedbackCase")
        else ""
    )
    return (
        f"Mã định danh «{value}» trùng tên một trang mà trang web tự tạo {where}, nên trang của mục này "
        f"sẽ ghi đè trang đó. Các tên dành riêng: {ctx.get('names', 'index')} và trang-<số> (trang 2, 3… "
        f"của danh sách dài). Đổi mã thành tên khác mô tả mục này, ví dụ «{value}-1»{rename}."
    )


def _choice(error: ErrorDetails, model: type[BaseModel], loc: FieldPath) -> str:
    expected = str(error.get("ctx", {}).get("expected", ""))
    options = [part.strip(" '") for part in expected.replace(" or ", ",").split(",") if part.strip(" '")]
    value = error["input"]
    close = difflib.get_close_matches(str(value), options, n=1, cutoff=0.5)
    hint = f" Có phải ý bạn là «{close[0]}»?" if close else ""
    return f"Giá trị «{value}» không được phép. Chỉ chọn một trong: {', '.join(options)}.{hint}{_description(model, loc)}"


def _range(error: ErrorDetails) -> str:
    ctx = error.get("ctx", {})
    value = error["input"]
    if "ge" in ctx:
        return f"Giá trị {value} quá nhỏ: phải lớn hơn hoặc bằng {ctx['ge']}."
    if "gt" in ctx:
        return f"Giá trị {value} quá nhỏ: phải lớn hơn {ctx['gt']}."
    if "le" in ctx:
        return f"Giá trị {value} quá lớn: phải nhỏ hơn hoặc bằng {ctx['le']:,}.".replace(",", ".")
    return f"Giá trị {value} nằm ngoài khoảng cho phép."


def _length(error: ErrorDetails, model: type[BaseModel], loc: FieldPath) -> tuple[str, str]:
    ctx = error.get("ctx", {})
    kind = error["type"]
    if kind == "string_too_short":
        return "E206", f"Không được để trống{_description(model, loc)}."
    if kind == "too_short":
        return "E206", f"Cần ít nhất {ctx.get('min_length', 1)} mục{_description(model, loc)}."
    limit = ctx.get("max_length", "")
    return "E207", f"Quá dài: tối đa {limit} {'ký tự' if kind == 'string_too_long' else 'mục'}."


def explain(error: ErrorDetails, model: type[BaseModel], plain: str | None) -> tuple[str, str]:
    """(code, Vietnamese message) for one pydantic error at its location."""
    loc: FieldPath = tuple(error["loc"])
    kind = error["type"]
    if kind == "missing":
        return (
            "E200",
            f"Thiếu trường bắt buộc «{loc[-1]}»{_description(model, loc)}. Thêm dòng '{loc[-1]}: …'.",
        )
    if kind == "extra_forbidden":
        if model.__name__ == "FeedbackCase" and PERSONAL_KEYS.search(str(loc[-1])):
            return "E321", personal_field(str(loc[-1]))
        return "E201", _unknown_field(model, loc)
    if kind == "string_pattern_mismatch":
        return "E204", _pattern(error)
    if kind == "reserved_id":
        return "E315", _reserved(error, model, loc)
    if kind in ("literal_error", "enum"):
        return "E203", _choice(error, model, loc)
    if kind.startswith(("date_", "datetime_")):
        return "E208", (
            f"Cần một ngày dạng NĂM-THÁNG-NGÀY, viết không có dấu nháy, ví dụ 2025-07-01; "
            f"ở đây là {_kind(error['input'])}."
        )
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        return "E205", _range(error)
    if kind in ("string_too_short", "too_short", "string_too_long", "too_long"):
        return _length(error, model, loc)
    if kind.endswith(("_type", "_parsing")) or kind == "int_from_float":
        return "E202", _wrong_type(error, model, loc, plain)
    return "E209", f"Giá trị không hợp lệ: {error['msg']}."


def schema_errors(exc: ValidationError) -> list[ErrorDetails]:
    """Errors in file order, without repeats pydantic produces for one cause."""
    seen: set[tuple[object, ...]] = set()
    out = []
    for error in exc.errors(include_url=False):
        key = (tuple(error["loc"]), error["type"])
        if key not in seen:
            seen.add(key)
            out.append(error)
    return out
