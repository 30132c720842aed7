"""The quarterly report as Markdown (to send) and CSV (to count further in a spreadsheet); HTML to print: printable.py."""

from __future__ import annotations

import csv
import io

from ..completeness import GAPS
from ..escaping import csv_row, markdown_inline
from ..model.procedure import LEVEL_LABELS, STATUS_LABELS
from .quarterly import QuarterReport
from .sections import CHANGE_LABELS, Section, agency_name, field_name, lead, sections


def _cell(text: str) -> str:
    """Plain text through `markdown_inline` (names come from the catalogue); our counts stay readable digits."""
    return text if text.isascii() and text.isdigit() else markdown_inline(text)


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(map(_cell, header)) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(map(_cell, row)) + " |" for row in rows]
    return lines


def _section(section: Section) -> list[str]:
    lines = ["", f"## {markdown_inline(section.title)}", ""]
    if section.note:
        lines += [f"*{markdown_inline(section.note)}*", ""]
    if section.header:
        total = [[f"**{_cell(c)}**" for c in section.total]] if section.total else []
        lines += _table(section.header, section.rows)
        lines += ["| " + " | ".join(row) + " |" for row in total]
    lines += [f"- {markdown_inline(item)}" for item in section.items]
    return lines


def markdown(report: QuarterReport) -> str:
    lines = [
        f"# Báo cáo tình hình thủ tục hành chính — {report.quarter.label}",
        "",
        markdown_inline(lead(report)),
    ]
    if not report.from_git:
        lines += ["", "*Không có lịch sử git: chỉ có số liệu hiện trạng, chưa có số thay đổi trong quý.*"]
    for section in sections(report):
        lines += _section(section)
    return "\n".join(lines) + "\n"


def csv_text(report: QuarterReport) -> str:
    """Flat rows: section, key, label, value — one sheet whatever the section (UTF-8 with BOM)."""
    out = io.StringIO()
    csv_writer = csv.writer(out)

    def writerow(cells: list[str | int]) -> None:
        csv_writer.writerow(csv_row(cells))

    writerow(["quy", "muc", "ma", "ten", "gia_tri"])
    q = report.quarter.code
    for (name, items), label in zip(
        (("moi", report.added), ("sua_doi", report.amended), ("thay_the", report.replaced), ("bai_bo", report.abolished)),
        CHANGE_LABELS.values(),
        strict=True,
    ):  # fmt: skip
        writerow([q, "thay_doi", name, label, len(items)])
    for key, label in STATUS_LABELS.items():
        writerow([q, "tinh_trang_cuoi_quy", key, label, report.by_status[key]])
    if report.in_force_at_start is not None:
        writerow(
            [q, "dang_ap_dung_dau_quy", "", "Đang áp dụng trước khi quý bắt đầu", report.in_force_at_start]
        )
    for key, value in sorted(report.by_level.items()):
        writerow([q, "theo_cap", key, LEVEL_LABELS[key], value])
    for key, value in sorted(report.by_agency.items()):
        writerow([q, "theo_co_quan", key, agency_name(report, key), value])
    for key, value in sorted(report.by_field.items()):
        writerow([q, "theo_linh_vuc", key, field_name(report, key), value])
    for gaps in report.gaps:
        for key, label in GAPS.items():
            writerow([q, f"thieu:{key}", gaps.agency, label, len(gaps.gaps[key])])
    for row in report.feedback:
        for key in ("received", "answered", "on_time", "late", "open"):
            writerow([q, f"phan_anh:{key}", row.agency, agency_name(report, row.agency), getattr(row, key)])
    return "\ufeff" + out.getvalue()
