"""The quarterly report as labelled tables of plain text, shared by the Markdown and the printable page.

Every count says what it covers: changes made *during* the quarter, or the state *at* its end (the last
day, or today while the quarter runs). Tables of the state end with a total, so a reader can square them:
the in-force total is the same in every breakdown, and the statuses add up to the whole catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..completeness import GAPS
from ..model.procedure import IN_FORCE, LEVEL_LABELS, STATUS_LABELS
from .quarterly import QuarterReport

CHANGE_LABELS = {
    "added": "Công bố mới trong quý",
    "amended": "Sửa đổi, bổ sung trong quý",
    "replaced": "Thay thế trong quý (chuyển sang «Đã được thay thế»)",
    "abolished": "Bãi bỏ trong quý",
}
STATUS_NOTES = {
    "amended": "vẫn đang áp dụng",
    "replaced": "không còn áp dụng, giữ lại để tra cứu",
    "abolished": "không còn áp dụng, giữ lại để tra cứu",
}


@dataclass
class Section:
    title: str
    note: str = ""
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    total: list[str] | None = None
    items: list[str] = field(default_factory=list)


def agency_name(report: QuarterReport, agency_id: str) -> str:
    agency = report.catalogue.agencies.get(agency_id)
    return agency.name if agency else agency_id


def field_name(report: QuarterReport, field_id: str) -> str:
    found = report.catalogue.fields.get(field_id)
    return found.name if found else field_id


def at(report: QuarterReport) -> str:
    """`tại 31/12/2026`, or `tại 26/11/2026 (quý chưa kết thúc)`."""
    ongoing = " (quý chưa kết thúc)" if report.as_of < report.quarter.end else ""
    return f"tại {report.as_of:%d/%m/%Y}{ongoing}"


def lead(report: QuarterReport) -> str:
    q = report.quarter
    parts = " + ".join(f"{STATUS_LABELS[s].lower()} {report.by_status[s]}" for s in IN_FORCE)
    start = (
        f"; trước khi quý bắt đầu: {report.in_force_at_start}" if report.in_force_at_start is not None else ""
    )
    return (
        f"Từ {q.start:%d/%m/%Y} đến {q.end:%d/%m/%Y}. Tổng số thủ tục đang áp dụng {at(report)}: "
        f"{report.in_force} ({parts}){start}."
    )


def _changes(report: QuarterReport) -> list[Section]:
    lists = {"added": report.added, "amended": report.amended}
    lists |= {"replaced": report.replaced, "abolished": report.abolished}
    q = report.quarter
    found = [
        Section(
            "Thay đổi trong quý",
            f"Số thủ tục có thay đổi từ {q.start:%d/%m/%Y} đến {report.as_of:%d/%m/%Y} (theo lịch sử git); "
            "thủ tục đã thay thế, bãi bỏ ở các quý trước không tính ở đây mà ở bảng tình trạng dưới.",
            ["Thay đổi", "Số thủ tục"],
            [[label, str(len(lists[key]))] for key, label in CHANGE_LABELS.items()],
        )
    ]
    for title, pairs in (
        ("Thay đổi phí, lệ phí trong quý", report.fee_changes),
        ("Thay đổi thời hạn giải quyết trong quý", report.time_changes),
    ):
        if pairs:
            found.append(Section(title, items=[f"{change.name}: {text}" for change, text in pairs]))
    return found


def _statuses(report: QuarterReport) -> Section:
    rows = [
        [f"{label} ({STATUS_NOTES[key]})" if key in STATUS_NOTES else label, str(report.by_status[key])]
        for key, label in STATUS_LABELS.items()
    ]
    return Section(
        f"Tình trạng các thủ tục {at(report)}",
        "Tổng số tích lũy, gồm cả thủ tục thay thế, bãi bỏ ở các quý trước.",
        ["Tình trạng", "Số thủ tục"],
        rows,
        ["Tổng số thủ tục trong danh mục", str(sum(report.by_status.values()))],
    )


def _breakdowns(report: QuarterReport) -> list[Section]:
    total = ["Tổng số thủ tục đang áp dụng", str(report.in_force)]
    return [
        Section(
            f"Số thủ tục đang áp dụng theo {what}, {at(report)}",
            header=[column, "Số thủ tục đang áp dụng"],
            rows=rows,
            total=total,
        )
        for what, column, rows in (
            ("cấp", "Cấp", [[LEVEL_LABELS[k], str(v)] for k, v in sorted(report.by_level.items())]),
            (
                "cơ quan có thẩm quyền",
                "Cơ quan",
                [[agency_name(report, k), str(v)] for k, v in report.by_agency.most_common()],
            ),
            (
                "lĩnh vực",
                "Lĩnh vực",
                [[field_name(report, k), str(v)] for k, v in report.by_field.most_common()],
            ),
        )
    ]


def _completeness(report: QuarterReport) -> Section:
    return Section(
        f"Mức độ đầy đủ theo cơ quan, {at(report)}",
        "Mỗi cột sau cột thứ hai: số thủ tục đang áp dụng còn thiếu thông tin đó.",
        ["Cơ quan", "Thủ tục đang áp dụng", *GAPS.values()],
        [
            [agency_name(report, g.agency), str(g.procedures), *(str(len(g.gaps[k])) for k in GAPS)]
            for g in report.gaps
        ],
    )


def _feedback(report: QuarterReport) -> Section:
    section = Section(
        "Phản ánh, kiến nghị tiếp nhận trong quý",
        f"Phản ánh tiếp nhận trong quý; tình hình trả lời {at(report)}. "
        "Đã trả lời + Chưa trả lời = Tiếp nhận trong quý.",
    )
    if not report.feedback:
        section.items = ["Không có phản ánh, kiến nghị nào được tiếp nhận trong quý."]
        return section
    section.header = [
        "Cơ quan",
        "Tiếp nhận trong quý",
        "Đã trả lời",
        "Trong đó đúng hạn",
        "Trong đó trễ hạn",
        "Chưa trả lời",
    ]
    section.rows = [
        [agency_name(report, r.agency), *map(str, (r.received, r.answered, r.on_time, r.late, r.open))]
        for r in report.feedback
    ]
    return section


def sections(report: QuarterReport) -> list[Section]:
    found = _changes(report) if report.from_git else []
    return [*found, _statuses(report), *_breakdowns(report), _completeness(report), _feedback(report)]
