"""The report model (sections.py) as Markdown (to send) and CSV (to count further in a spreadsheet); HTML to
print: printable.py; on the site: overrides/thutuc/report.html."""

from __future__ import annotations

import csv
import io

from ..escaping import csv_row, markdown_inline
from .quarterly import QuarterReport
from .sections import STATUSES, Report, Row, Section, model


def _cell(text: str) -> str:
    """Plain text through `markdown_inline` (names come from the catalogue); our counts stay readable digits."""
    return text if text.isascii() and text.isdigit() else markdown_inline(text)


def _cells(row: Row) -> list[str]:
    return [row.title, *map(str, row.values)]


def _table(section: Section) -> list[str]:
    lines = ["| " + " | ".join(map(_cell, section.header)) + " |", "|" + "---|" * len(section.header)]
    lines += ["| " + " | ".join(map(_cell, _cells(row))) + " |" for row in section.rows]
    if section.total:
        lines.append("| " + " | ".join(f"**{_cell(c)}**" for c in _cells(section.total)) + " |")
    return lines


def _section(section: Section) -> list[str]:
    lines = ["", f"## {markdown_inline(section.title)}", ""]
    if section.note:
        lines += [f"*{markdown_inline(section.note)}*", ""]
    if section.columns:
        lines += _table(section)
    lines += [f"- {markdown_inline(item)}" for item in section.items]
    return lines


def report_markdown(report: Report) -> str:
    lines = [
        f"# Báo cáo tình hình thủ tục hành chính — {report.quarter.label}",
        "",
        markdown_inline(report.lead),
    ]
    if not report.from_git:
        lines += ["", "*Không có lịch sử git: chỉ có số liệu hiện trạng, chưa có số thay đổi trong quý.*"]
    for section in report.sections:
        lines += _section(section)
    return "\n".join(lines) + "\n"


def _csv_lines(quarter: str, section: Section) -> list[list[str | int]]:
    """One line per figure: quarter, section (and column when the section has several), code, name, figure."""
    columns = [(i, c) for i, c in enumerate(section.columns) if c.in_csv]
    lines: list[list[str | int]] = []
    for row in section.rows:
        for i, column in columns:
            where = section.key if len(section.columns) == 1 else f"{section.key}:{column.key}"
            name = column.label if section.csv_names == "column" else row.label
            lines.append([quarter, where, row.key, name, row.values[i]])
    return lines


def report_csv(report: Report) -> str:
    """Flat rows: section, key, label, value — one sheet whatever the section (UTF-8 with BOM)."""
    out = io.StringIO()
    csv_writer = csv.writer(out)
    q = report.quarter.code
    lines: list[list[str | int]] = [["quy", "muc", "ma", "ten", "gia_tri"]]
    for section in report.sections:
        lines += _csv_lines(q, section)
        if section.key == STATUSES and report.in_force_at_start is not None:
            lines.append(
                [
                    q,
                    "dang_ap_dung_dau_quy",
                    "",
                    "Đang áp dụng trước khi quý bắt đầu",
                    report.in_force_at_start,
                ]
            )
    for line in lines:
        csv_writer.writerow(csv_row(line))
    return "\ufeff" + out.getvalue()


def markdown(report: QuarterReport) -> str:
    """`thutuc report` (Markdown): the model of this report, rendered."""
    return report_markdown(model(report))


def csv_text(report: QuarterReport) -> str:
    """`thutuc report --format csv`: the model of this report, rendered."""
    return report_csv(model(report))
