"""Who carries out a listed procedure: the rules that read the list's «Cơ quan thực hiện» column.

Declared once, here, as data: each rule is a pattern over the folded text of one executing body (no
diacritics, lower case, one body a line of the cell), the level it means and, where the catalogue's
registry has it, the agency. The first rule that matches decides. The editors' page on the quarterly
reconciliation shows this table (`rules_table`), and a test keeps the page and the table the same.

A procedure is the province's to publish when one of its bodies is a province or commune body (or a
body of the former district level, whose procedures moved to the province or the communes); the level
written in its name ("(thực hiện tại cấp tỉnh)") decides first, for the national database often lists
the body of every level in one cell.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from ..textfold import fold

Scope = Literal["province", "commune", "local", "central", "other"]

# What each scope means to an editor (the page's table and the text report use these words).
SCOPE_LABELS: dict[Scope, str] = {
    "province": "cấp tỉnh",
    "commune": "cấp xã",
    "local": "địa phương, chưa rõ cấp (cấp huyện cũ, Thuế cơ sở)",
    "central": "trung ương (không thuộc danh mục của tỉnh)",
    "other": "không phải cơ quan của tỉnh (tổ chức hành nghề, cơ quan ở nước ngoài, quân đội) hoặc chưa rõ",
}
LOCAL: frozenset[Scope] = frozenset({"province", "commune", "local"})


@dataclass(frozen=True)
class Rule:
    pattern: str  # a regular expression over the folded body, matched from its start
    scope: Scope
    agency: str | None  # a registry id; used only when the catalogue's registry has it
    examples: str  # the phrasings of the real lists this rule was written for
    department: bool = False  # «Sở X»: the agency is the registry's department of that name


RULES: tuple[Rule, ...] = (
    # --- province: the People's Committee, its departments and the province's own bodies
    Rule(r"(chu tich )?(uy ban nhan dan|ubnd) (cap )?tinh", "province", "ubnd-tinh",
         "Ủy ban nhân dân cấp tỉnh; Chủ tịch ủy ban nhân dân cấp tỉnh; Ủy ban nhân dân tỉnh và thành phố trực thuộc Trung ương"),
    Rule(r"(giam doc )?so ", "province", None,
         "Sở Tư pháp; Sở Tư Pháp; Giám đốc Sở Tư pháp; Sở Tư pháp Thành phố Hà Nội", department=True),
    Rule(r"cong an (cap )?tinh", "province", "cong-an-tinh", "Công an cấp Tỉnh"),
    Rule(r"phong canh sat quan ly hanh chinh ve trat tu xa hoi", "province",
         "phong-canh-sat-quan-ly-hanh-chinh-ve-trat-tu-xa-hoi", "Phòng cảnh sát quản lý hành chính về trật tự xã hội"),
    Rule(r"phong canh sat giao thong", "province", "phong-canh-sat-giao-thong", "Phòng Cảnh sát giao thông"),
    Rule(r"phong (quan ly )?xuat nhap canh", "province", None,
         "Phòng quản lý xuất nhập cảnh; Phòng Xuất nhập cảnh (của Công an tỉnh)"),
    Rule(r"(cuc )?thue (cap )?tinh|thue thanh pho", "province", "co-quan-thue", "Thuế tỉnh; Cục Thuế tỉnh (tên cũ)"),
    Rule(r"thue co so|chi cuc thue", "local", "co-quan-thue", "Thuế cơ sở; Chi cục Thuế (tên cũ)"),
    Rule(r"ban quan ly (cac )?khu (kinh te|cong nghiep)", "province", None,
         "Ban quản lý khu kinh tế; Ban quản lý các khu công nghiệp"),
    Rule(r"van phong dang ky dat dai", "province", "van-phong-dang-ky-dat-dai", "Văn phòng Đăng ký đất đai"),
    Rule(r"bao hiem xa hoi (cap )?tinh", "province", "co-quan-bao-hiem-xa-hoi", "Bảo hiểm xã hội tỉnh"),
    Rule(r"(co quan )?thi hanh an dan su (cap )?tinh", "province", None, "Thi hành án dân sự tỉnh, thành phố"),
    Rule(r"(giam doc )?trung tam tro giup phap ly", "province", None,
         "Trung tâm trợ giúp pháp lý nhà nước; Giám đốc Trung tâm trợ giúp pháp lý"),
    Rule(r"trung tam phuc vu hanh chinh cong (cap )?tinh", "province", "trung-tam-phuc-vu-hanh-chinh-cong-tinh",
         "Trung tâm Phục vụ hành chính công tỉnh"),
    # --- commune
    Rule(r"(chu tich )?(uy ban nhan dan|ubnd) (cap )?xa", "commune", "ubnd-xa",
         "Ủy ban nhân dân cấp xã; Chủ tịch UBND cấp xã"),
    Rule(r"cong an (cap )?xa", "commune", "cong-an-xa", "Công an cấp Xã"),
    Rule(r"trung tam phuc vu hanh chinh cong (cap )?xa", "commune", "trung-tam-phuc-vu-hanh-chinh-cong-xa",
         "Trung tâm Phục vụ hành chính công xã"),
    # --- the district level, gone since 2025: the procedure stays the province's, its level is to be set
    Rule(r"(chu tich )?(uy ban nhan dan|ubnd) (cap )?huyen|cong an (cap )?huyen|phong tu phap", "local", None,
         "Công an huyện; Phòng Tư Pháp; Ủy ban nhân dân cấp huyện"),
    # --- bodies named by the level they work at (bồi thường nhà nước)
    Rule(r"co quan .*o cap tinh\.?$", "province", None,
         "Cơ quan trực tiếp quản lý người thi hành công vụ gây thiệt hại … ở cấp tỉnh"),
    Rule(r"co quan .*o cap xa\.?$", "commune", None,
         "Cơ quan trực tiếp quản lý người thi hành công vụ gây thiệt hại … ở cấp xã"),
    Rule(r"co quan .*o cap trung uong\.?$", "central", None,
         "Cơ quan trực tiếp quản lý người thi hành công vụ gây thiệt hại … ở cấp Trung ương"),
    # --- central: ministries and their departments
    Rule(r"bo\b(?! phan)", "central", None, "Bộ Công an; Bộ Tư pháp; Bộ trưởng; Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ"),
    Rule(r"cuc\b", "central", None,
         "Cục Bổ trợ tư pháp; Cục Hành chính tư pháp; Cục Cảnh sát quản lý hành chính về trật tự xã hội; "
         "Cục Hàng không Việt Nam; Cục y tế-Bộ Công an"),
    Rule(r"trung tam dang ky giao dich, tai san|co quan dang ky tau bien viet nam", "central", None,
         "Trung tâm Đăng ký giao dịch, tài sản; Cơ quan đăng ký tàu biển Việt Nam"),
    Rule(r"ban thi dua - khen thuong trung uong|cong doan co quan bhxh viet nam", "central", None,
         "Ban Thi đua - Khen thưởng Trung ương - Bộ Nội vụ; Công đoàn cơ quan BHXH Việt Nam"),
    # --- not the province's bodies, or not a body one can place
    Rule(r"co quan dai dien", "other", None,
         "Cơ quan đại diện Việt Nam ở nước ngoài; Cơ quan đại diện có thẩm quyền"),
    Rule(r"phong thi hanh an cap quan khu", "other", None, "Phòng thi hành án cấp quân khu"),
    Rule(r"to chuc |nguoi dung dau cua to chuc", "other", None,
         "Tổ chức hành nghề công chứng; Tổ chức hành nghề luật sư; Tổ chức tư vấn pháp luật; "
         "Người đứng đầu của tổ chức thực hiện trợ giúp pháp lý"),
    Rule(r"co quan quan ly co so du lieu ho tich dien tu|co quan, to chuc dang quan ly so goc", "other", None,
         "Cơ quan quản lý cơ sở dữ liệu hộ tịch điện tử; Cơ quan, tổ chức đang quản lý sổ gốc (mọi cấp)"),
)  # fmt: skip

_COMPILED = tuple((re.compile(rule.pattern), rule) for rule in RULES)

# The level a name states, e.g. "Cấp đổi thẻ căn cước (thực hiện tại cấp tỉnh)": it decides before the bodies.
NAME_LEVELS: tuple[tuple[str, Scope], ...] = (
    (r"\((thuc hien tai )?cap (trung uong)\)", "central"),
    (r"\((thuc hien tai )?cap (tinh)\)", "province"),
    (r"\((thuc hien tai )?cap (xa)\)", "commune"),
    (r"\((thuc hien tai )?cap (huyen)\)", "local"),
)
_NAME_LEVELS = tuple((re.compile(p), s) for p, s in NAME_LEVELS)


def _folded(body: str) -> str:
    return " ".join(fold(body).split())


def rule_for(body: str) -> Rule | None:
    """The rule deciding one executing body, or None when no rule knows it."""
    text = _folded(body)
    return next((rule for pattern, rule in _COMPILED if pattern.match(text)), None)


def name_level(name: str) -> Scope | None:
    """The level the procedure's name states, if it states one."""
    text = _folded(name)
    return next((scope for pattern, scope in _NAME_LEVELS if pattern.search(text)), None)


_LEVELS: dict[Scope, Literal["province", "commune"]] = {"province": "province", "commune": "commune"}


@dataclass(frozen=True)
class Decision:
    """Whether the province publishes a listed procedure, and what the list says of level and agencies."""

    local: bool
    level: Literal["province", "commune"] | None  # None: the list does not settle it
    agencies: tuple[str, ...]  # registry ids of the local bodies, in the list's order
    unknown: tuple[str, ...]  # bodies no rule knows
    stated: bool  # the list says who carries it out (a body or a level in the name)


def _department(body: str, agencies: Mapping[str, str]) -> str | None:
    """The registry's agency for «Sở X» (any province's «Sở X»): the one whose name is «Sở X» or «Sở X tỉnh …»."""
    text = re.sub(r"^giam doc ", "", _folded(body))
    text = re.sub(r" (tinh|thanh pho) .*$", "", text)
    found = [
        i
        for i, name in agencies.items()
        if _folded(name) == text or _folded(name).startswith(text + " tinh ")
    ]
    return found[0] if len(found) == 1 else None


def decide(name: str, bodies: tuple[str, ...], agencies: Mapping[str, str]) -> Decision:
    """The decision for one listed procedure; `agencies` are the registry's agencies in force (id → name)."""
    scopes: list[Scope] = []
    found: list[str] = []
    unknown: list[str] = []
    for body in bodies:
        rule = rule_for(body)
        if rule is None:
            unknown.append(body)
            continue
        scopes.append(rule.scope)
        agency = _department(body, agencies) if rule.department else rule.agency
        if rule.scope in LOCAL and agency is not None and agency in agencies and agency not in found:
            found.append(agency)
    stated = name_level(name)
    local = stated in LOCAL if stated is not None else any(s in LOCAL for s in scopes)
    return Decision(
        local,
        _level(stated, scopes),
        tuple(found) if local else (),
        tuple(unknown),
        bool(scopes) or stated is not None,
    )


def _level(stated: Scope | None, scopes: list[Scope]) -> Literal["province", "commune"] | None:
    """The level the name states; else the one level of the local bodies, if they all have the same."""
    if stated is not None:
        return _LEVELS.get(stated)
    levels = {_LEVELS[s] for s in scopes if s in _LEVELS}
    return levels.pop() if len(levels) == 1 else None


def rules_table() -> str:
    """The rules as a Markdown table, for the editors' page (generated here, checked by a test)."""
    rows = [
        "| thứ tự | cơ quan thực hiện trong danh sách | được tính là | cơ quan trong danh mục |",
        "|---|---|---|---|",
    ]
    for number, rule in enumerate(RULES, start=1):
        agency = f"`{rule.agency}`" if rule.agency else ("Sở cùng tên của tỉnh" if rule.department else "—")
        rows.append(f"| {number} | {rule.examples} | {SCOPE_LABELS[rule.scope]} | {agency} |")
    return "\n".join(rows) + "\n"
