"""Rules for feedback cases: references, the fields each status needs, dates, personal data."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator

from ..catalogue import Catalogue
from ..diagnostics import FieldPath
from ..loaded_files import LoadedFiles
from ..model.feedback import FEEDBACK_STATUS_LABELS, FeedbackCase
from ..readers.yaml_reader import Mark
from .privacy import Finding, personal_data
from .privacy_place import Locator
from .privacy_text import escaped, has_hidden
from .references import unknown
from .report import Reporter
from .targets import AGENCY, PROCEDURE

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


_FIX = (
    "không công bố dữ liệu cá nhân của người gửi (Nghị định 13/2023/NĐ-CP). Xoá hoặc thay bằng «người gửi»/"
    "«công dân», bỏ số điện thoại, thư điện tử, số giấy tờ, địa chỉ, họ tên."
)
_HIDDEN = " Đoạn này có ký tự ẩn hoặc ký tự khác dạng (ghi là ⟨U+…⟩): xoá cả các ký tự đó."
# A field full of personal data ("zalo: " × 150,000) is reported in a few lines, not 75,000.
SHOWN_PER_FIELD = 5


def _texts(value: object, path: FieldPath) -> Iterator[tuple[FieldPath, str]]:
    """Every text of a case, however deep: a field added to the model is scanned without a change here."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, (*path, index))


def _message(where: str, finding: Finding) -> str:
    # A quote long enough to find the place; a 20,000-digit "number" is not repeated whole.
    text = finding.text if len(finding.text) <= 60 else finding.text[:50] + "…"
    shown = escaped(text)
    hidden = _HIDDEN if has_hidden(text) else ""
    return f"{where} có {finding.kind} «{shown}»: {_FIX}{hidden}"


def _report_text(out: Reporter, path: FieldPath, value: str, allowed: set[str]) -> None:
    found = personal_data(value, allowed)
    findings = list(itertools.islice(found, SHOWN_PER_FIELD))
    if not findings:
        return
    where = "Mã định danh (cũng là tên tệp)" if path == ("id",) else "Văn bản công khai"
    locate = Locator(out.source, path, value)
    first = locate.mark(findings[0].start, findings[0].text)
    for index, finding in enumerate(findings):
        mark = first if index == 0 else locate.mark(finding.start, finding.text)
        out.report("E320", path, _message(where, finding), mark=mark)
    more = sum(1 for _ in found)
    if more:
        message = (
            f"… và {more} chỗ khác trong trường này cũng có dữ liệu cá nhân (chỉ nêu {SHOWN_PER_FIELD} chỗ đầu): "
            f"{_FIX} Sửa hết rồi chạy lại thutuc check."
        )
        out.report("E320", path, message, mark=first)


def check_privacy(data: object, stem: str, allowed: set[str], out: Reporter) -> None:
    """Every text of a case's data (validated or not), its id and its file name: nothing may
    identify the sender."""
    for path, value in _texts(data, ()):
        _report_text(out, path, value, allowed)
    if stem != (data.get("id") if isinstance(data, dict) else None):
        for finding in personal_data(stem, allowed):
            message = _message(f"Tên tệp «{stem}.yml»", finding) + " Đổi tên tệp (và id) cho khác đi."
            out.report("E320", (), message, mark=Mark(1, 1))


def agency_contacts(catalogue: Catalogue) -> set[str]:
    """What the agency registry publishes, allowed in answers: contacts ("gọi đường dây nóng …"),
    addresses ("Bộ phận một cửa đặt tại …") and officials' names ("Đồng chí …, Giám đốc …")."""
    found: set[str] = set()
    for agency in catalogue.agencies.values():
        found.update(v for v in (agency.hotline, agency.phone, agency.email, agency.address) if v)
        for official in agency.officials:
            found.update(v for v in (official.name, official.phone, official.email) if v)
    return found


def check_references(case: FeedbackCase, catalogue: Catalogue, loaded: LoadedFiles, out: Reporter) -> None:
    present = loaded.procedure_ids
    missing = [p for p in case.procedures if present and p not in present]
    deleted = loaded.restorable(missing)
    for i, procedure_id in enumerate(case.procedures):
        if procedure_id in missing:
            message = unknown(procedure_id, present, PROCEDURE, deleted=deleted.get(procedure_id))
            out.report("E303", ("procedures", i), message)
    for name in ("agency", "answered_by", "forwarded_to"):
        value = getattr(case, name)
        if value is not None and catalogue.agencies and value not in catalogue.agencies:
            out.report("E303", (name,), unknown(value, catalogue.agencies, AGENCY))


def check_case(
    case: FeedbackCase,
    stem: str,
    catalogue: Catalogue,
    loaded: LoadedFiles,
    today: dt.date,
    allowed: set[str],
    out: Reporter,
) -> None:
    """Every rule of one case; `allowed` are the agencies' published contacts (agency_contacts)."""
    if case.id != stem:
        out.report(
            "E300", ("id",), f"Mã định danh «{case.id}» khác tên tệp «{stem}.yml»: sửa cho trùng nhau."
        )
    check_status(case, out)
    check_dates(case, today, out)
    check_references(case, catalogue, loaded, out)
    check_privacy(out.source.data if out.source.data is not None else case.model_dump(), stem, allowed, out)
