"""What `thutuc reconcile` prints: a Vietnamese report for editors, or JSON with fixed keys for tools.

Every text taken from a list or a procedure file goes through `escaping.terminal`: a spreadsheet is
untrusted, and a cell must not move the cursor, recolour the terminal or fake a line of the report.
"""

from __future__ import annotations

import json
from itertools import groupby

from ..escaping import json_for_terminal, terminal
from .compare import Reconciliation

NO_FIELD = "(danh sách không ghi lĩnh vực)"


def as_json(result: Reconciliation) -> str:
    """`{"missing": [...], "renamed": [...], "not_listed": [...]}`; the keys are fixed, tools read them."""
    data = {
        "missing": [
            {
                "code": m.listed.code,
                "name": m.listed.name,
                "executing": list(m.listed.executing),
                "field": m.listed.field,
            }
            for m in result.missing
        ],
        "renamed": [
            {"code": r.code, "file": r.file, "catalogue_name": r.catalogue_name, "list_name": r.list_name}
            for r in result.renamed
        ],
        "not_listed": [{"code": e.code, "file": e.file, "name": e.name} for e in result.not_listed],
    }
    return json_for_terminal(json.dumps(data, ensure_ascii=False, indent=2))


def json_note(result: Reconciliation) -> str | None:
    """What the fixed JSON keys cannot hold, for stderr: nothing is dropped without a word."""
    if not result.undecided and not result.unknown_bodies:
        return None
    return (
        f"Chưa xét được {len(result.undecided)} thủ tục (danh sách không ghi cơ quan thực hiện) và "
        f"{len(result.unknown_bodies)} cơ quan chưa có quy tắc: chạy với --format text để xem từng mục."
    )


def _summary(result: Reconciliation) -> list[str]:
    names = ", ".join(terminal(name) for name in result.lists)
    return [
        f"Đối chiếu danh mục với {len(result.lists)} danh sách của Cơ sở dữ liệu quốc gia: {names}",
        f"  {result.listed} thủ tục trong danh sách, {result.local} do cơ quan cấp tỉnh, cấp xã thực hiện.",
        f"  Thiếu trong danh mục: {len(result.missing)}",
        f"  Khác tên: {len(result.renamed)}",
        f"  Có trong danh mục, không có trong danh sách nào (để biết): {len(result.not_listed)}",
        f"  Chưa xét được (danh sách không ghi cơ quan thực hiện): {len(result.undecided)}",
    ]


def _missing(result: Reconciliation) -> list[str]:
    if not result.missing:
        return []
    lines = ["", f"== Thiếu trong danh mục ({len(result.missing)}), theo lĩnh vực =="]
    ordered = sorted(result.missing, key=lambda m: m.listed.field or NO_FIELD)
    for field, group in groupby(ordered, key=lambda m: m.listed.field or NO_FIELD):
        items = list(group)
        lines.append(f"{terminal(field)} ({len(items)})")
        for m in items:
            lines.append(f"  {m.listed.code}  {terminal(m.listed.name)}")
            bodies = "; ".join(terminal(b) for b in m.listed.executing) or "(không ghi; cấp ghi trong tên)"
            lines.append(f"      Cơ quan thực hiện: {bodies} — {terminal(m.listed.file)} dòng {m.listed.row}")
    return lines


def _renamed(result: Reconciliation) -> list[str]:
    if not result.renamed:
        return []
    lines = [
        "",
        f"== Khác tên ({len(result.renamed)}): cùng mã, tên trong danh mục khác tên trong danh sách ==",
    ]
    for r in result.renamed:
        lines.append(f"  {r.code}  {terminal(r.file)}")
        lines.append(f"      trong danh mục:  {terminal(r.catalogue_name)}")
        lines.append(f"      trong danh sách: {terminal(r.list_name)} ({terminal(r.list_file)})")
    return lines


def _not_listed(result: Reconciliation) -> list[str]:
    if not result.not_listed:
        return []
    lines = ["", f"== Có trong danh mục, không có trong danh sách nào ({len(result.not_listed)}; để biết) =="]
    lines.append("  Có thể thủ tục thuộc bộ, ngành khác với các danh sách đã đưa, hoặc chưa ghi mã.")
    for e in result.not_listed:
        lines.append(f"  {e.code or '(chưa có mã)'}  {terminal(e.file)}  {terminal(e.name)}")
    return lines


def _undecided(result: Reconciliation) -> list[str]:
    lines = []
    if result.undecided:
        lines += [
            "",
            f"== Chưa xét được ({len(result.undecided)}) ==",
            "  Danh sách để trống cột «Cơ quan thực hiện» và tên không ghi cấp: tra từng thủ tục trên Cổng Dịch vụ",
            "  công quốc gia để biết tỉnh hay xã có thực hiện không.",
        ]
        lines += [
            f"  {i.code}  {terminal(i.name)} — {terminal(i.file)} dòng {i.row}" for i in result.undecided
        ]
    if result.unknown_bodies:
        lines += ["", f"== Cơ quan thực hiện chưa có quy tắc ({len(result.unknown_bodies)}) =="]
        lines.append("  Không biết là cơ quan cấp nào, nên chưa tính; báo người quản trị để thêm quy tắc:")
        for body, count in sorted(result.unknown_bodies.items()):
            lines.append(f"  «{terminal(body)}» ({count} thủ tục)")
    return lines


def as_text(result: Reconciliation) -> str:
    """The report for editors: counts first, then each group."""
    lines = _summary(result) + _missing(result) + _renamed(result) + _not_listed(result) + _undecided(result)
    lines.append("")
    if result.missing or result.renamed:
        lines.append(
            f"Kết luận: {len(result.missing)} thủ tục thiếu, {len(result.renamed)} thủ tục khác tên — cần cập nhật "
            "danh mục (thutuc reconcile --scaffold tạo tệp nháp cho các thủ tục thiếu)."
        )
    else:
        lines.append("Kết luận: danh mục không thiếu thủ tục nào và không có tên nào khác danh sách.")
    return "\n".join(lines) + "\n"
