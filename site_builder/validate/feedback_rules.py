"""Rules for feedback cases: references, the fields each status needs, dates, personal data."""

from __future__ import annotations

import datetime as dt

from ..catalogue import Catalogue
from ..diagnostics import FieldPath
from ..model.feedback import FEEDBACK_STATUS_LABELS, FeedbackCase
from ..readers.yaml_reader import Mark
from .privacy import personal_data
from .references import AGENCY, PROCEDURE, unknown
from .report import Reporter

_NEEDS: dict[str, tuple[str, ...]] = {
    "answered": ("answer", "answered_by", "answered_on"),
    "forwarded": ("forwarded_to", "answered_on"),
    "not_within_competence": ("answer", "answered_on"),
    "received": (),
    "in_progress": (),
}
_LABELS = {
    "answer": "nội dung trả lời (answer)",
    "answered_by": "cơ quan trả lời (answered_by)",
    "answered_on": "ngày trả lời (answered_on)",
    "forwarded_to": "cơ quan được chuyển đến (forwarded_to)",
}


def _vn(date: dt.date) -> str:
    return date.strftime("%d/%m/%Y")


def check_status(case: FeedbackCase, out: Reporter) -> None:
    label = FEEDBACK_STATUS_LABELS[case.status]
    for name in _NEEDS[case.status]:
        if getattr(case, name) is None:
            out.report("E322", ("status",), f"Tình trạng «{label}» cần có {_LABELS[name]}: thêm trường này.")
    if case.status in ("received", "in_progress"):
        for name in ("answer", "answered_on"):
            if getattr(case, name) is not None:
                out.report(
                    "E322",
                    (name,),
                    f"Vụ việc còn «{label}» nhưng đã có {_LABELS[name]}: đổi status thành answered, "
                    "hoặc xóa trường này.",
                )


def check_dates(case: FeedbackCase, today: dt.date, out: Reporter) -> None:
    if case.received > today:
        out.report("E306", ("received",), f"Ngày tiếp nhận {_vn(case.received)} ở tương lai.")
    if case.answered_on is not None:
        if case.answered_on < case.received:
            out.report(
                "E305",
                ("answered_on",),
                f"Ngày trả lời {_vn(case.answered_on)} trước ngày tiếp nhận {_vn(case.received)}.",
            )
        if case.answered_on > today:
            out.report("E306", ("answered_on",), f"Ngày trả lời {_vn(case.answered_on)} ở tương lai.")


def _where(out: Reporter, path: FieldPath, found: str) -> Mark:
    """The line that holds the offending text, not just the first line of a long value."""
    start = out.source.mark_of(path)
    lines = out.source.text.splitlines()
    probe = found[:8]
    for number in range(start.line - 1, min(len(lines), start.line + 200)):
        column = lines[number].find(probe)
        if column >= 0:
            return Mark(number + 1, column + 1)
    return start


def check_privacy(case: FeedbackCase, allowed: set[str], out: Reporter) -> None:
    for name in ("summary", "answer"):
        text = getattr(case, name)
        if not text:
            continue
        for finding in personal_data(text, allowed):
            out.report(
                "E320",
                (name,),
                f"Văn bản công khai có {finding.kind} «{finding.text}». Không công bố dữ liệu cá nhân của người gửi "
                "(Nghị định 13/2023/NĐ-CP): viết lại, ví dụ «người gửi», «công dân», và xóa số, địa chỉ, họ tên.",
                mark=_where(out, (name,), finding.text),
            )


def agency_contacts(catalogue: Catalogue) -> set[str]:
    """Published contacts of agencies: allowed in answers ("gọi đường dây nóng …")."""
    found: set[str] = set()
    for agency in catalogue.agencies.values():
        found.update(v for v in (agency.hotline, agency.phone, agency.email) if v)
        for official in agency.officials:
            found.update(v for v in (official.phone, official.email) if v)
    return found


def check_references(case: FeedbackCase, catalogue: Catalogue, out: Reporter) -> None:
    for i, procedure_id in enumerate(case.procedures):
        if catalogue.procedure_ids and procedure_id not in catalogue.procedure_ids:
            out.report("E303", ("procedures", i), unknown(procedure_id, catalogue.procedure_ids, PROCEDURE))
    for name in ("agency", "answered_by", "forwarded_to"):
        value = getattr(case, name)
        if value is not None and catalogue.agencies and value not in catalogue.agencies:
            out.report("E303", (name,), unknown(value, catalogue.agencies, AGENCY))


def check_case(
    case: FeedbackCase, stem: str, catalogue: Catalogue, today: dt.date, allowed: set[str], out: Reporter
) -> None:
    """Every rule of one case; `allowed` are the agencies' published contacts (agency_contacts)."""
    if case.id != stem:
        out.report(
            "E300", ("id",), f"Mã định danh «{case.id}» khác tên tệp «{stem}.yml»: sửa cho trùng nhau."
        )
    check_status(case, out)
    check_dates(case, today, out)
    check_references(case, catalogue, out)
    check_privacy(case, allowed, out)
