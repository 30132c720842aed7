"""Rules for the short titles of dossier cases: the choices a citizen picks on the page.

A title is one line of a radio list on a phone, so it must be short, and two choices with the
same words would leave the citizen guessing. Fees may name the cases they apply to by title.
"""

from __future__ import annotations

from ..model import Procedure
from ..model.procedure import CASE_TITLE_MAX
from .report import Reporter


def _titles(procedure: Procedure, out: Reporter) -> list[str]:
    """Check every title; return the titles given, for the fees' references."""
    seen: dict[str, int] = {}
    for c, case in enumerate(procedure.dossier.cases):
        path = ("dossier", "cases", c, "title")
        if case.title is None:
            if len(procedure.dossier.cases) > 1:
                out.report(
                    "W410",
                    ("dossier", "cases", c),
                    f"Trường hợp {c + 1} chưa có tên ngắn: ô chọn «Trường hợp của bạn» đang hiện "
                    f"{'tên dài' if case.name else 'số thứ tự'} của trường hợp. Thêm 'title: <tên ngắn>' "
                    f"(tối đa {CASE_TITLE_MAX} ký tự), ví dụ title: Quá hạn.",
                )
            continue
        if len(case.title) > CASE_TITLE_MAX:
            out.report(
                "E340",
                path,
                f"Tên ngắn «{case.title}» dài {len(case.title)} ký tự, quá {CASE_TITLE_MAX} ký tự: "
                "trên điện thoại một lựa chọn dài bị xuống nhiều dòng, khó đọc. Viết gọn lại, "
                "phần giải thích đưa vào 'name' của trường hợp.",
            )
        key = " ".join(case.title.casefold().split())
        if key in seen:
            out.report(
                "E341",
                path,
                f"Tên ngắn «{case.title}» trùng với trường hợp {seen[key] + 1}: người dân không phân biệt "
                "được hai lựa chọn. Đặt cho mỗi trường hợp một tên ngắn khác nhau.",
            )
        seen.setdefault(key, c)
    return [case.title for case in procedure.dossier.cases if case.title is not None]


def check_cases(procedure: Procedure, out: Reporter) -> None:
    titles = _titles(procedure, out)
    known = "; ".join(f"«{t}»" for t in titles) or "chưa trường hợp nào có tên ngắn"
    for i, channel in enumerate(procedure.channels):
        for j, fee in enumerate(channel.fees):
            for k, name in enumerate(fee.cases):
                if name not in titles:
                    out.report(
                        "E303",
                        ("channels", i, "fees", j, "cases", k),
                        f"Khoản «{fee.name}» ghi áp dụng cho trường hợp «{name}», nhưng không trường hợp "
                        f"nào của hồ sơ có tên ngắn này (các tên ngắn: {known}). Ghi đúng 'title' của "
                        "trường hợp trong dossier.cases.",
                    )
