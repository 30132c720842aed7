"""The quarterly report as one typed model, built once and rendered as Markdown, CSV, the printable page
and the site's report page.

Every count says what it covers: changes made *during* the quarter, or the state *at* its end (the last
day, or today while the quarter runs). Tables of the state end with a total, so a reader can square them:
the in-force total is the same in every breakdown, and the statuses add up to the whole catalogue.
Names are resolved here, once: renderers print labels and numbers and compute nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from ..completeness import GAPS
from ..model.procedure import IN_FORCE, LEVEL_LABELS, STATUS_LABELS
from .quarterly import Quarter, QuarterReport

CHANGE_LABELS = {
    "added": "Công bố mới trong quý",
    "amended": "Sửa đổi, bổ sung trong quý",
    "replaced": "Thay thế trong quý (chuyển sang «Đã được thay thế»)",
    "abolished": "Bãi bỏ trong quý",
}
# The CSV's codes of the kinds of change (spreadsheets filter on them; they predate this model).
CHANGE_CODES = {"added": "moi", "amended": "sua_doi", "replaced": "thay_the", "abolished": "bai_bo"}
STATUS_NOTES = {
    "amended": "vẫn đang áp dụng",
    "replaced": "không còn áp dụng, giữ lại để tra cứu",
    "abolished": "không còn áp dụng, giữ lại để tra cứu",
}
# The section the CSV follows with the count in force before the quarter began.
STATUSES = "tinh_trang_cuoi_quy"


@dataclass(frozen=True)
class Column:
    """A column of figures: its code (CSV) and its heading."""

    key: str
    label: str
    in_csv: bool = True


@dataclass(frozen=True)
class Row:
    """One line of a table: a code (a status value, a level, an agency or field id; CSV `ma`), the label
    a reader sees, an optional note said after it, and one figure per column of the section."""

    key: str
    label: str
    values: tuple[int, ...]
    note: str = ""

    @property
    def title(self) -> str:
        """The label as tables print it: `Đã bãi bỏ (không còn áp dụng, giữ lại để tra cứu)`."""
        return f"{self.label} ({self.note})" if self.note else self.label


@dataclass(frozen=True)
class Bar:
    """A row drawn as a bar on the site: its width in percent of the section's largest figure."""

    row: Row
    width: float


@dataclass(frozen=True)
class Section:
    """A titled part of the report: a table (rows under `label_column` and `columns`, an optional total)
    and/or a list of sentences (`items`).

    `key` is the section's code in the CSV (`muc`) and `anchor` its heading's id on the site; `layout`
    says how the site shows the table (figures side by side, bars, or a table); the CSV names each
    figure by its row (an agency), or, with `csv_names="column"`, by its column (what is missing)."""

    key: str
    anchor: str
    title: str
    note: str = ""
    label_column: str = ""
    columns: tuple[Column, ...] = ()
    rows: tuple[Row, ...] = ()
    total: Row | None = None
    items: tuple[str, ...] = ()
    layout: Literal["table", "figures", "bars"] = "table"
    csv_names: Literal["row", "column"] = "row"

    @property
    def header(self) -> tuple[str, ...]:
        return (self.label_column, *(c.label for c in self.columns)) if self.columns else ()

    def bars(self) -> list[Bar]:
        """The first figure of each row as a bar, the largest one full width."""
        top = max((row.values[0] for row in self.rows), default=1) or 1
        return [Bar(row, round(100 * row.values[0] / top, 1)) for row in self.rows]


@dataclass(frozen=True)
class Report:
    """The whole report: its quarter, the day its counts are at, the lead sentence and the sections."""

    quarter: Quarter
    as_of: dt.date
    from_git: bool
    at: str
    lead: str
    in_force: int
    in_force_at_start: int | None
    sections: tuple[Section, ...]


def agency_name(report: QuarterReport, agency_id: str) -> str:
    # Old revisions were checked by no one: a name may be missing there, never here in the current one.
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


_COUNT = (Column("so_thu_tuc", "Số thủ tục"),)
_IN_FORCE = (Column("so_thu_tuc", "Số thủ tục đang áp dụng"),)


def _changes(report: QuarterReport) -> list[Section]:
    lists = {"added": report.added, "amended": report.amended}
    lists |= {"replaced": report.replaced, "abolished": report.abolished}
    q = report.quarter
    found = [
        Section(
            "thay_doi",
            "thay-doi",
            "Thay đổi trong quý",
            f"Số thủ tục có thay đổi từ {q.start:%d/%m/%Y} đến {report.as_of:%d/%m/%Y} (theo lịch sử git); "
            "thủ tục đã thay thế, bãi bỏ ở các quý trước không tính ở đây mà ở bảng tình trạng dưới.",
            "Thay đổi",
            _COUNT,
            tuple(Row(CHANGE_CODES[key], label, (len(lists[key]),)) for key, label in CHANGE_LABELS.items()),
            layout="figures",
        )
    ]
    for key, anchor, title, pairs in (
        ("thay_doi_phi", "thay-doi-phi", "Thay đổi phí, lệ phí trong quý", report.fee_changes),
        ("thay_doi_thoi_han", "thay-doi-thoi-han", "Thay đổi thời hạn giải quyết trong quý", report.time_changes),
    ):  # fmt: skip
        if pairs:
            found.append(Section(key, anchor, title, items=tuple(f"{c.name}: {text}" for c, text in pairs)))
    return found


def _statuses(report: QuarterReport) -> Section:
    return Section(
        STATUSES,
        "tinh-trang",
        f"Tình trạng các thủ tục {at(report)}",
        "Tổng số tích lũy, gồm cả thủ tục thay thế, bãi bỏ ở các quý trước.",
        "Tình trạng",
        _COUNT,
        tuple(
            Row(key, label, (report.by_status[key],), STATUS_NOTES.get(key, ""))
            for key, label in STATUS_LABELS.items()
        ),
        Row("tong", "Tổng số thủ tục trong danh mục", (sum(report.by_status.values()),)),
        layout="figures",
    )


def _breakdowns(report: QuarterReport) -> list[Section]:
    total = Row("tong", "Tổng số thủ tục đang áp dụng", (report.in_force,))
    levels = [Row(k, LEVEL_LABELS[k], (v,)) for k, v in sorted(report.by_level.items())]
    agencies = [Row(k, agency_name(report, k), (v,)) for k, v in report.by_agency.most_common()]
    fields = [Row(k, field_name(report, k), (v,)) for k, v in report.by_field.most_common()]
    return [
        Section(
            key,
            key.replace("_", "-"),
            f"Số thủ tục đang áp dụng theo {what}, {at(report)}",
            label_column=column,
            columns=_IN_FORCE,
            rows=tuple(rows),
            total=total,
            layout="bars",
        )
        for key, what, column, rows in (
            ("theo_cap", "cấp", "Cấp", levels),
            ("theo_co_quan", "cơ quan có thẩm quyền", "Cơ quan", agencies),
            ("theo_linh_vuc", "lĩnh vực", "Lĩnh vực", fields),
        )
    ]


def _completeness(report: QuarterReport) -> Section:
    return Section(
        "thieu",
        "day-du",
        f"Mức độ đầy đủ theo cơ quan, {at(report)}",
        "Mỗi cột sau cột thứ hai: số thủ tục đang áp dụng còn thiếu thông tin đó.",
        "Cơ quan",
        (Column("thu_tuc", "Thủ tục đang áp dụng", in_csv=False), *(Column(k, v) for k, v in GAPS.items())),
        tuple(
            Row(g.agency, agency_name(report, g.agency), (g.procedures, *(len(g.gaps[k]) for k in GAPS)))
            for g in report.gaps
        ),
        csv_names="column",
    )


_FEEDBACK_COLUMNS = (
    Column("received", "Tiếp nhận trong quý"),
    Column("answered", "Đã trả lời"),
    Column("on_time", "Trong đó đúng hạn"),
    Column("late", "Trong đó trễ hạn"),
    Column("open", "Chưa trả lời"),
)


def _feedback(report: QuarterReport) -> Section:
    title = "Phản ánh, kiến nghị tiếp nhận trong quý"
    note = (
        f"Phản ánh tiếp nhận trong quý; tình hình trả lời {at(report)}. "
        "Đã trả lời + Chưa trả lời = Tiếp nhận trong quý."
    )
    if not report.feedback:
        return Section(
            "phan_anh",
            "phan-anh",
            title,
            note,
            items=("Không có phản ánh, kiến nghị nào được tiếp nhận trong quý.",),
        )
    rows = tuple(
        Row(r.agency, agency_name(report, r.agency), tuple(getattr(r, c.key) for c in _FEEDBACK_COLUMNS))
        for r in report.feedback
    )
    return Section("phan_anh", "phan-anh", title, note, "Cơ quan", _FEEDBACK_COLUMNS, rows)


def model(report: QuarterReport) -> Report:
    """The report, once, for every way of showing it. Without git there are no change counts at all (not zeros)."""
    changes = _changes(report) if report.from_git else []
    return Report(
        quarter=report.quarter,
        as_of=report.as_of,
        from_git=report.from_git,
        at=at(report),
        lead=lead(report),
        in_force=report.in_force,
        in_force_at_start=report.in_force_at_start,
        sections=(
            *changes,
            _statuses(report),
            *_breakdowns(report),
            _completeness(report),
            _feedback(report),
        ),
    )
