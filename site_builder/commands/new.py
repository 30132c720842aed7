"""`thutuc new`: a procedure file to fill in, with every open place marked «CẦN ĐIỀN».

`thutuc check` refuses each marked place with its line, so an unfinished file cannot be
merged by accident; once filled, the file passes.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Collection, Mapping
from pathlib import Path

from ..diagnostics import ThutucError
from ..load import load_catalogue
from ..readers.yaml_messages import PLACEHOLDER
from ..textfold import fold, slugify

_HEAD = """\
# yaml-language-server: $schema=_schemas/procedure.schema.json
# Tạo bằng `thutuc new` ngày {today_vn}. Điền mọi chỗ «{todo}» rồi chạy: thutuc check {path}
# Nguồn: ghi Quyết định công bố hoặc trang Cơ sở dữ liệu quốc gia đã dùng ở mục source bên dưới.
id: {id}
# code: "1.000000"        # mã thủ tục trên Cơ sở dữ liệu quốc gia, nếu đã có (viết trong dấu nháy)
status: active
name: {name}
summary: "{todo}: một, hai câu cho người dân: thủ tục để làm gì, ai cần"
keywords:
  - "{todo}: cách người dân hay gọi thủ tục, ví dụ làm giấy khai sinh"
level: {level}
field: {field}
audiences:
  - {audience}
agencies:
  competent:
    - {agency}
  executing:
    - {agency}
  receiving:
    - {agency}
"""
# What every new procedure file leaves to fill in, after who does it (`thutuc reconcile --scaffold` too).
DRAFT_REST = """\
channels:
  - kind: in_person
    time_limit:
      value: "{todo}: số ngày, ví dụ 3"
      unit: working_days
    fees:
      - kind: le_phi
        name: "{todo}: tên khoản thu; xóa cả mục fees nếu không thu phí"
        amount: "{todo}: số đồng viết liền, ví dụ 20000; 0 nếu miễn"
steps:
  - title: Nộp hồ sơ
    text: "{todo}: nộp ở đâu, nộp thế nào"
  - title: Trả kết quả
    text: "{todo}: nhận kết quả ở đâu, khi nào"
dossier:
  sets: 1
  cases:
    - documents:
        - name: "{todo}: tên giấy tờ"
          originals: 1
requirements: []
results:
  - name: "{todo}: giấy tờ người dân nhận được"
legal_basis:
  - number: "{todo}: số hiệu văn bản, ví dụ 123/2015/NĐ-CP"
officials: []
source:
  document: "{todo}: Quyết định công bố hoặc tài liệu nguồn"
  retrieved: {today}
review:
  date: {today}
  by: "{todo}: người hoặc đơn vị rà soát"
"""
TEMPLATE = _HEAD + DRAFT_REST


class ScaffoldExists(ThutucError):
    """A procedure with that id exists: ids are never reused."""


class UnknownChoice(ThutucError):
    """An id or level that the catalogue does not know: the message lists what it does know."""


# What an editor may type for the level, folded (no diacritics, lower case), and the value the model wants.
LEVELS: dict[str, str] = {
    "tinh": "province",
    "cap tinh": "province",
    "province": "province",
    "xa": "commune",
    "phuong": "commune",
    "xa, phuong": "commune",
    "cap xa": "commune",
    "commune": "commune",
}


def level_of(typed: str) -> str:
    """`tỉnh`, `xã`, `phường` or the model's own `province`/`commune`."""
    level = LEVELS.get(" ".join(fold(typed).split()))
    if level is None:
        raise UnknownChoice(f"Cấp thực hiện «{typed}» không hợp lệ: gõ «tỉnh» hoặc «xã» (xã, phường).")
    return level


# Each registry `new` asks for: what it is called, and where its ids are declared.
REGISTRIES: dict[str, tuple[str, str]] = {
    "field": ("Lĩnh vực", "_registry/fields.yml"),
    "agency": ("Cơ quan", "_registry/agencies.yml"),
    "audience": ("Đối tượng", "_registry/audiences.yml"),
}


def close_ids(value: str, known: Collection[str]) -> list[str]:
    """The ids an editor most likely meant: those starting with what was typed («so-van-hoa» →
    «so-van-hoa-the-thao-va-du-lich»), then those containing it, then the spelling look-alikes."""
    typed = value.strip().lower()
    ordered = sorted(known)
    starting = [k for k in ordered if typed and k.startswith(typed)]
    containing = [k for k in ordered if typed and typed in k and k not in starting]
    found = starting + containing or difflib.get_close_matches(typed, ordered, n=3, cutoff=0.6)
    return found[:3]


def choose(value: str, known: Mapping[str, str], kind: str) -> str:
    """`value` when the registry of `kind` (a key of REGISTRIES) declares it; else UnknownChoice listing
    the ids that may be used, with their names."""
    if value in known:
        return value
    label, registry = REGISTRIES[kind]
    if not known:
        raise UnknownChoice(
            f"{label} «{value}» không có trong {registry}: danh mục này chưa khai báo mục nào."
        )
    close = close_ids(value, known)
    hint = f" Có phải ý bạn là {' hoặc '.join(f'«{k}»' for k in close)}?" if close else ""
    listing = "\n".join(f"  {key} — {name}" for key, name in sorted(known.items()))
    raise UnknownChoice(f"{label} «{value}» không có trong {registry}.{hint} Các mã có thể dùng:\n{listing}")


def choices(catalogue: Path) -> dict[str, dict[str, str]]:
    """The ids `new` accepts, with their names: fields, agencies and audiences of the catalogue."""
    loaded = load_catalogue(catalogue).catalogue
    return {
        "field": {k: v.name for k, v in loaded.fields.items()},
        "agency": {k: v.name for k, v in loaded.agencies.items()},
        "audience": {k: v.name for k, v in loaded.audiences.items()},
    }


def scaffold(
    catalogue: Path, name: str, field: str, agency: str, level: str, audience: str, today: dt.date
) -> Path:
    """Write `<id>.yml` to fill in; every id must exist in the registries, so the file's only errors are «CẦN ĐIỀN»."""
    procedure_id = slugify(name)
    path = catalogue / f"{procedure_id}.yml"
    if path.exists():
        raise ScaffoldExists(
            f"Thủ tục «{name}» đã có trong danh mục: tệp của nó là {path.as_posix()}. Muốn sửa thủ tục này, "
            f"mở và sửa tệp đó (không tạo tệp mới). Nếu đây là một thủ tục khác có tên gần giống, hãy đặt tên "
            f"khác đi cho phân biệt được (mã định danh «{procedure_id}» đã dùng thì không dùng lại)."
        )
    known = choices(catalogue)
    field = choose(field, known["field"], "field")
    agency = choose(agency, known["agency"], "agency")
    audience = choose(audience, known["audience"], "audience")
    level = level_of(level)
    path.write_text(
        TEMPLATE.format(
            id=procedure_id,
            name=name,
            field=field,
            agency=agency,
            level=level,
            audience=audience,
            today=today.isoformat(),
            today_vn=today.strftime("%d/%m/%Y"),
            todo=PLACEHOLDER,
            path=path.as_posix(),
        ),
        encoding="utf-8",
    )
    return path
