"""Rules inside one procedure that a schema cannot express: status, dates, channels, fees."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from ..diagnostics import FieldPath
from ..model import Procedure
from ..model.procedure import IN_FORCE
from .cases import check_cases
from .report import Reporter

_HTML = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>")


def months_between(earlier: dt.date, later: dt.date) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month - (later.day < earlier.day)


def _vn(date: dt.date) -> str:
    return date.strftime("%d/%m/%Y")


def check_identity(procedure: Procedure, stem: str, out: Reporter) -> None:
    if procedure.id != stem:
        out.report(
            "E300",
            ("id",),
            f"Mã định danh «{procedure.id}» khác tên tệp «{stem}.yml». "
            f"Đổi tên tệp thành {procedure.id}.yml, hoặc sửa id thành {stem}. "
            "Không đổi id của thủ tục đã công bố: đường dẫn trang sẽ hỏng.",
        )
    if procedure.replaced_by == procedure.id or procedure.id in procedure.replaces:
        where: FieldPath = ("replaced_by",) if procedure.replaced_by == procedure.id else ("replaces",)
        out.report("E313", where, "Thủ tục không thể thay thế chính nó. Ghi mã định danh của thủ tục khác.")
    if procedure.id in procedure.related:
        index = procedure.related.index(procedure.id)
        out.report("E313", ("related", index), "Thủ tục không liên quan tới chính nó: xóa mục này.")
    if procedure.code and procedure.code in procedure.former_codes:
        index = procedure.former_codes.index(procedure.code)
        out.report(
            "E312", ("former_codes", index), "Mã cũ trùng với mã hiện hành: xóa mục này khỏi former_codes."
        )


def check_status(procedure: Procedure, out: Reporter) -> None:
    status = procedure.status
    if status == "replaced" and procedure.replaced_by is None:
        out.report(
            "E304",
            ("status",),
            "Thủ tục đã được thay thế (status: replaced) phải ghi thủ tục thay thế: thêm 'replaced_by: <mã định danh>'.",
        )
    if procedure.replaced_by is not None and status != "replaced":
        out.report(
            "E304",
            ("replaced_by",),
            f"Có replaced_by nhưng tình trạng là «{status}». Đổi status thành replaced, hoặc xóa replaced_by.",
        )
    if status == "abolished" and procedure.abolished_by is None:
        out.report(
            "E304",
            ("status",),
            "Thủ tục đã bãi bỏ (status: abolished) phải ghi quyết định bãi bỏ: thêm nhóm 'abolished_by' "
            "với number, date, issuer.",
        )
    if procedure.abolished_by is not None and status != "abolished":
        out.report(
            "E304",
            ("abolished_by",),
            f"Có quyết định bãi bỏ nhưng tình trạng là «{status}». Đổi status thành abolished.",
        )
    if procedure.level == "district" and status in IN_FORCE:
        out.report(
            "E310",
            ("level",),
            "Từ 01/7/2025 không còn cấp huyện: thủ tục đang áp dụng chỉ ở cấp province (tỉnh) hoặc commune (xã). "
            "Chỉ giữ district cho thủ tục đã được thay thế hoặc bãi bỏ.",
        )


def _dated(procedure: Procedure) -> Iterator[tuple[FieldPath, dt.date, str]]:
    yield ("review", "date"), procedure.review.date, "Ngày rà soát"
    yield ("source", "retrieved"), procedure.source.retrieved, "Ngày lấy thông tin"
    if procedure.announcement:
        yield ("announcement", "date"), procedure.announcement.date, "Ngày quyết định công bố"
    if procedure.abolished_by:
        yield ("abolished_by", "date"), procedure.abolished_by.date, "Ngày quyết định bãi bỏ"
    for i, law in enumerate(procedure.legal_basis):
        if law.date:
            yield ("legal_basis", i, "date"), law.date, "Ngày ban hành văn bản"


def check_dates(procedure: Procedure, today: dt.date, max_age_months: int, out: Reporter) -> None:
    for path, date, label in _dated(procedure):
        if date > today:
            out.report(
                "E306",
                path,
                f"{label} {_vn(date)} ở tương lai (hôm nay là {_vn(today)}). Kiểm tra lại năm, tháng.",
            )
    age = months_between(procedure.review.date, today)
    if procedure.review.date <= today and age > max_age_months:
        out.report(
            "W401",
            ("review", "date"),
            f"Thủ tục được rà soát lần cuối ngày {_vn(procedure.review.date)}, đã {age} tháng "
            f"(quá {max_age_months} tháng). Rà soát lại với quyết định công bố hiện hành rồi cập nhật review.",
        )


def check_channels(procedure: Procedure, out: Reporter) -> None:
    seen: dict[str, int] = {}
    for i, channel in enumerate(procedure.channels):
        if channel.kind in seen:
            out.report(
                "E312",
                ("channels", i, "kind"),
                f"Kênh «{channel.kind}» đã khai báo ở mục {seen[channel.kind] + 1}: gộp lại.",
            )
        seen.setdefault(channel.kind, i)
        if channel.kind == "online" and channel.online_level is None:
            out.report(
                "W406",
                ("channels", i),
                "Kênh trực tuyến chưa ghi mức độ: người dân chưa biết có phải đến nộp bản giấy không. "
                "Ghi 'online_level: full' (toàn trình) hoặc 'online_level: partial' (một phần) khi đã xác minh.",
            )
        if channel.kind != "online" and channel.online_level is not None:
            out.report(
                "E307",
                ("channels", i, "online_level"),
                "online_level chỉ dùng cho kênh trực tuyến (kind: online).",
            )
        if channel.kind != "online" and channel.url is not None:
            out.report(
                "E307", ("channels", i, "url"), "Đường dẫn nộp hồ sơ (url) chỉ dùng cho kênh trực tuyến."
            )
        for j, fee in enumerate(channel.fees):
            path: FieldPath = ("channels", i, "fees", j)
            if fee.amount is None and not fee.set_by_council:
                out.report(
                    "E309",
                    path,
                    f"Khoản «{fee.name}» chưa có số tiền. Ghi 'amount: <số đồng>' (0 nếu miễn phí), "
                    "hoặc 'set_by_council: true' nếu mức thu do HĐND tỉnh quy định.",
                )
            if fee.amount is None and fee.set_by_council:
                out.report(
                    "W403",
                    path,
                    f"Khoản «{fee.name}» do HĐND tỉnh quy định nhưng chưa ghi số tiền: người dân chưa biết phải nộp bao nhiêu. "
                    "Ghi amount theo Nghị quyết HĐND tỉnh hiện hành (và council_resolution).",
                )
            if fee.valid_from and fee.valid_to and fee.valid_from > fee.valid_to:
                out.report(
                    "E305",
                    (*path, "valid_to"),
                    f"Ngày hết hiệu lực {_vn(fee.valid_to)} trước ngày bắt đầu {_vn(fee.valid_from)}.",
                )


def check_dossier(procedure: Procedure, out: Reporter) -> None:
    form_codes = [form.code for form in procedure.forms]
    for i, code in enumerate(form_codes):
        if code in form_codes[:i]:
            out.report("E312", ("forms", i, "code"), f"Mẫu «{code}» đã có ở trên: mỗi mẫu chỉ ghi một lần.")
    for c, case in enumerate(procedure.dossier.cases):
        for d, document in enumerate(case.documents):
            path: FieldPath = ("dossier", "cases", c, "documents", d)
            if document.originals + document.copies == 0 and not document.presented:
                out.report(
                    "E311",
                    path,
                    f"Giấy tờ «{document.name}» chưa ghi số bản: thêm originals (bản chính) hoặc copies (bản sao), "
                    "hoặc 'presented: true' nếu chỉ xuất trình để đối chiếu.",
                )
            if document.form is not None and document.form not in form_codes:
                known = ", ".join(form_codes) or "chưa có mẫu nào"
                out.report(
                    "E303",
                    (*path, "form"),
                    f"Mẫu «{document.form}» không có trong mục forms của thủ tục này ({known}). "
                    "Thêm mẫu vào forms hoặc sửa mã mẫu.",
                )


def strings_in(value: Any, path: FieldPath = ()) -> Iterator[tuple[FieldPath, str]]:
    """Every string of a file's raw data with its field path, in file order."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings_in(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from strings_in(item, (*path, index))


def check_html(data: Any, raw_text: str, out: Reporter) -> None:
    """Raw HTML is never rendered (it is escaped), so an editor who typed it should know."""
    if not _HTML.search(raw_text):
        return
    for path, text in strings_in(data):
        if _HTML.search(text):
            out.report(
                "W404",
                path,
                "Văn bản có thẻ HTML; thẻ sẽ hiện nguyên văn trên trang, không được định dạng. "
                "Dùng Markdown đơn giản: **đậm**, *nghiêng*, danh sách bắt đầu bằng '- '.",
            )


def check_short_name(procedure: Procedure, out: Reporter) -> None:
    """A short name stands in for the name where space is tight: it must be shorter."""
    short = procedure.short_name
    if short is not None and len(short) >= len(procedure.name):
        out.report(
            "E209",
            ("short_name",),
            f"Tên rút gọn (short_name) dài {len(short)} ký tự, không ngắn hơn tên thủ tục "
            f"({len(procedure.name)} ký tự). Viết tên rút gọn ngắn hơn, hoặc xóa dòng short_name: "
            "tên đã đủ ngắn để hiện nguyên văn.",
        )


def check_procedure(procedure: Procedure, stem: str, out: Reporter) -> None:
    """Every rule that looks at one procedure alone, except the dates (`check_dates`): what these find
    depends on the file only, what the dates find also on the day (load.py keeps them apart)."""
    check_identity(procedure, stem, out)
    check_short_name(procedure, out)
    check_status(procedure, out)
    check_channels(procedure, out)
    check_dossier(procedure, out)
    check_cases(procedure, out)
    if not procedure.officials and procedure.status in IN_FORCE:
        out.report(
            "W402",
            ("officials",),
            "Chưa ghi cán bộ chịu trách nhiệm (Chỉ thị yêu cầu công khai họ tên, chức vụ). "
            "Thêm 'officials:' với mã cán bộ trong _registry/agencies.yml.",
        )
