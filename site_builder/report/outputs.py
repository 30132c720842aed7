"""The quarterly report as Markdown (to send) and CSV (to count further in a spreadsheet)."""

from __future__ import annotations

import csv
import io

from ..completeness import GAPS
from ..escaping import csv_row, markdown_inline
from ..model.procedure import LEVEL_LABELS
from .quarterly import QuarterReport


def _agency(report: QuarterReport, agency_id: str) -> str:
    agency = report.catalogue.agencies.get(agency_id)
    return agency.name if agency else agency_id


def _field(report: QuarterReport, field_id: str) -> str:
    found = report.catalogue.fields.get(field_id)
    return found.name if found else field_id


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    """A Markdown table of cells already Markdown: ours, or the catalogue's through `markdown_inline`."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def _md_agency(report: QuarterReport, agency_id: str) -> str:
    return markdown_inline(_agency(report, agency_id))


def markdown(report: QuarterReport) -> str:
    q = report.quarter
    lines = [
        f"# Báo cáo tình hình thủ tục hành chính — {q.label}",
        "",
        f"Từ {q.start:%d/%m/%Y} đến {q.end:%d/%m/%Y}. Tổng số thủ tục đang áp dụng: "
        f"**{sum(report.by_level.values())}**.",
    ]
    if not report.from_git:
        lines += ["", "*Không có lịch sử git: chỉ có số liệu hiện trạng, chưa có số thay đổi trong quý.*"]
    lines += ["", "## Thay đổi trong quý", ""]
    lines += _table(
        ["Loại", "Số thủ tục"],
        [
            ["Công bố mới", str(len(report.added))],
            ["Sửa đổi, bổ sung", str(len(report.amended))],
            ["Được thay thế", str(len(report.replaced))],
            ["Bãi bỏ", str(len(report.abolished))],
        ],
    )
    for title, items in (
        ("Thay đổi phí, lệ phí", report.fee_changes),
        ("Thay đổi thời hạn giải quyết", report.time_changes),
    ):
        if items:
            lines += ["", f"### {title}", ""] + [
                f"- {markdown_inline(change.name)}: {markdown_inline(text)}" for change, text in items
            ]
    lines += ["", "## Số thủ tục theo cấp", ""]
    lines += _table(
        ["Cấp", "Số thủ tục"], [[LEVEL_LABELS[k], str(v)] for k, v in sorted(report.by_level.items())]
    )
    lines += ["", "## Số thủ tục theo cơ quan", ""]
    lines += _table(
        ["Cơ quan", "Số thủ tục"],
        [[_md_agency(report, k), str(v)] for k, v in report.by_agency.most_common()],
    )
    lines += ["", "## Số thủ tục theo lĩnh vực", ""]
    lines += _table(
        ["Lĩnh vực", "Số thủ tục"],
        [[markdown_inline(_field(report, k)), str(v)] for k, v in report.by_field.most_common()],
    )
    lines += ["", "## Mức độ đầy đủ theo cơ quan", ""]
    lines += _table(
        ["Cơ quan", "Thủ tục", *GAPS.values()],
        [
            [_md_agency(report, g.agency), str(g.procedures), *(str(len(g.gaps[k])) for k in GAPS)]
            for g in report.gaps
        ],
    )
    lines += ["", "## Phản ánh, kiến nghị trong quý", ""]
    if report.feedback:
        lines += _table(
            ["Cơ quan", "Tiếp nhận", "Đã trả lời", "Đúng hạn", "Trễ hạn", "Còn tồn"],
            [
                [
                    _md_agency(report, r.agency),
                    str(r.received),
                    str(r.answered),
                    str(r.on_time),
                    str(r.late),
                    str(r.open),
                ]
                for r in report.feedback
            ],
        )
    else:
        lines.append("Không có phản ánh, kiến nghị nào được tiếp nhận trong quý.")
    return "\n".join(lines) + "\n"


def csv_text(report: QuarterReport) -> str:
    """Flat rows: section, key, label, value — one sheet whatever the section (UTF-8 with BOM)."""
    out = io.StringIO()
    csv_writer = csv.writer(out)

    def writerow(cells: list[str | int]) -> None:
        csv_writer.writerow(csv_row(cells))

    writerow(["quy", "muc", "ma", "ten", "gia_tri"])
    q = report.quarter.code
    for name, items in (
        ("moi", report.added), ("sua_doi", report.amended), ("thay_the", report.replaced), ("bai_bo", report.abolished),
    ):  # fmt: skip
        writerow([q, "thay_doi", name, "", len(items)])
    for key, value in sorted(report.by_level.items()):
        writerow([q, "theo_cap", key, LEVEL_LABELS[key], value])
    for key, value in sorted(report.by_agency.items()):
        writerow([q, "theo_co_quan", key, _agency(report, key), value])
    for key, value in sorted(report.by_field.items()):
        writerow([q, "theo_linh_vuc", key, _field(report, key), value])
    for gaps in report.gaps:
        for key, label in GAPS.items():
            writerow([q, f"thieu:{key}", gaps.agency, label, len(gaps.gaps[key])])
    for row in report.feedback:
        for key in ("received", "answered", "on_time", "late", "open"):
            writerow([q, f"phan_anh:{key}", row.agency, _agency(report, row.agency), getattr(row, key)])
    return "\ufeff" + out.getvalue()
