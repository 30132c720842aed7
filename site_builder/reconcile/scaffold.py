"""`thutuc reconcile --scaffold`: a draft file for every missing procedure, as `thutuc new` writes one.

What the list gives is written as it is: the code, the name, and the field, level and agencies where the
catalogue's registries have them. Everything else is «CẦN ĐIỀN», so `thutuc check` refuses a draft only as
unfinished (E330) until an editor fills it in. An existing file is never overwritten.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..commands.new import DRAFT_REST
from ..escaping import json_for_terminal, terminal
from ..readers.yaml_messages import PLACEHOLDER
from ..render.urls import PAGE_NUMBER_PATTERN, reserved_ids
from ..textfold import fold, slugify
from .compare import Missing

MAX_ID = 80

_HEAD = """\
# yaml-language-server: $schema=_schemas/procedure.schema.json
# Tệp nháp tạo bằng `thutuc reconcile --scaffold` ngày {today_vn} từ {list_file}, dòng {row}.
# Trong danh sách: cơ quan thực hiện: {bodies}; lĩnh vực: {field_text}.
# Điền mọi chỗ «{todo}» rồi chạy: thutuc check {path}
id: {id}
code: "{code}"
status: active
name: {name}
summary: "{todo}: một, hai câu cho người dân: thủ tục để làm gì, ai cần"
keywords:
  - "{todo}: cách người dân hay gọi thủ tục, ví dụ làm giấy khai sinh"
level: {level}
field: {field}
audiences:
  - "{todo}: đối tượng thực hiện (mã trong _registry/audiences.yml)"
agencies:
  competent:
    - "{todo}: cơ quan có thẩm quyền (mã trong _registry/agencies.yml)"
  executing:
{executing}
  receiving:
    - "{todo}: nơi tiếp nhận hồ sơ, trả kết quả (mã trong _registry/agencies.yml)"
"""
TEMPLATE = _HEAD + DRAFT_REST

_LEVEL_TODO = f'"{PLACEHOLDER}: province (cấp tỉnh) hoặc commune (cấp xã); danh sách không nói rõ"'
_FIELD_TODO = f'"{PLACEHOLDER}: lĩnh vực (mã trong _registry/fields.yml); chưa có thì khai báo thêm"'
_AGENCY_TODO = f'    - "{PLACEHOLDER}: cơ quan trực tiếp thực hiện (mã trong _registry/agencies.yml)"'


@dataclass(frozen=True)
class Registries:
    """What the drafts may name: the catalogue's fields (id → name), agencies in force, ids taken."""

    fields: Mapping[str, str]
    agencies: Mapping[str, str]
    taken: set[str]


def _words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", fold(text)))


def match_field(listed: str, fields: Mapping[str, str]) -> str | None:
    """The registry's field of that name; else the one field whose whole name is inside the list's
    («Cấp, quản lý căn cước» → Căn cước); None when there is none or more than one."""
    wanted = _words(listed)
    if not wanted:
        return None
    exact = [i for i, name in fields.items() if _words(name) == wanted]
    inside = [i for i, name in fields.items() if f" {_words(name)} " in f" {wanted} "]
    found = exact or inside
    return found[0] if len(found) == 1 else None


def _cut(slug: str, limit: int) -> str:
    """At most `limit` characters, cut between words."""
    if len(slug) <= limit:
        return slug
    cut = slug[: limit + 1].rsplit("-", 1)[0] if slug[limit] != "-" else slug[:limit]
    return cut.strip("-") or slug[:limit].strip("-")


def draft_id(name: str, code: str, taken: set[str]) -> str:
    """A readable id from the name (as `thutuc new` makes it), ≤ 80 characters, not taken nor reserved;
    a second procedure of the same name gets its code appended, then a number."""
    base = _cut(slugify(name), MAX_ID) or "thu-tuc"
    reserved = set(reserved_ids("procedure"))
    code_part = slugify(code)
    candidates = [base, f"{_cut(base, MAX_ID - len(code_part) - 1)}-{code_part}"]
    candidates += [f"{_cut(base, MAX_ID - 4)}-{n}" for n in range(2, 1000)]
    for candidate in candidates:
        if (
            candidate not in taken
            and candidate not in reserved
            and not re.fullmatch(PAGE_NUMBER_PATTERN, candidate)
        ):
            return candidate
    raise AssertionError("no free id among a thousand")  # a thousand procedures of one name do not exist


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar: JSON's string syntax is YAML's, and no character of it starts a line."""
    return json_for_terminal(json.dumps(text, ensure_ascii=False))


def render(missing: Missing, procedure_id: str, path: Path, registries: Registries, today: dt.date) -> str:
    listed, decision = missing.listed, missing.decision
    field = match_field(listed.field, registries.fields)
    executing = "\n".join(f"    - {a}" for a in decision.agencies) or _AGENCY_TODO
    return TEMPLATE.format(
        id=procedure_id,
        code=listed.code,
        name=_quoted(listed.name),
        level=decision.level or _LEVEL_TODO,
        field=field or _FIELD_TODO,
        executing=executing,
        list_file=terminal(Path(listed.file).name),
        row=listed.row,
        bodies=terminal("; ".join(listed.executing)) or "(không ghi)",
        field_text=terminal(listed.field) or "(không ghi)",
        today=today.isoformat(),
        today_vn=today.strftime("%d/%m/%Y"),
        todo=PLACEHOLDER,
        path=terminal(path.as_posix()),
    )


def scaffold(catalogue: Path, missing: list[Missing], registries: Registries, today: dt.date) -> list[Path]:
    """Write one draft per missing procedure; never over an existing file. The paths written, in order."""
    taken = set(registries.taken) | {p.stem for p in catalogue.glob("*.yml")}
    written = []
    for item in missing:
        procedure_id = draft_id(item.listed.name, item.listed.code, taken)
        taken.add(procedure_id)
        path = catalogue / f"{procedure_id}.yml"
        text = render(item, procedure_id, path, registries, today)
        with path.open("x", encoding="utf-8", newline="\n") as handle:  # "x": fails rather than overwrite
            handle.write(text)
        written.append(path)
    return written
