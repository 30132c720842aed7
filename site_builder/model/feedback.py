"""Citizens' feedback and petitions (phản ánh, kiến nghị) and the published outcome of each case.

One file per case in procedures/_feedback/. The model has no field for the sender: their
contact details stay in the receiving system and never reach the published catalogue
(Nghị định 13/2023/NĐ-CP on personal data).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from .common import CaseId, LongText, Slug, Strict, Text

FeedbackChannel = Literal["hotline", "email", "portal", "in_person", "post"]
FeedbackStatus = Literal["received", "in_progress", "answered", "forwarded", "not_within_competence"]

FEEDBACK_CHANNEL_LABELS = {
    "hotline": "Đường dây nóng",
    "email": "Thư điện tử",
    "portal": "Cổng Dịch vụ công",
    "in_person": "Trực tiếp",
    "post": "Qua bưu chính",
}
FEEDBACK_STATUS_LABELS = {
    "received": "Đã tiếp nhận",
    "in_progress": "Đang xử lý",
    "answered": "Đã trả lời",
    "forwarded": "Đã chuyển cơ quan có thẩm quyền",
    "not_within_competence": "Không thuộc thẩm quyền",
}
CLOSED = ("answered", "forwarded", "not_within_competence")


class FeedbackCase(Strict):
    """Một phản ánh, kiến nghị về thủ tục hành chính và kết quả xử lý (công khai)."""

    id: CaseId = Field(description="Mã định danh của vụ việc, trùng tên tệp, ví dụ 2026-0012-khai-sinh.")
    received: dt.date = Field(description="Ngày tiếp nhận (NĂM-THÁNG-NGÀY).")
    channel: FeedbackChannel = Field(
        description="Kênh tiếp nhận: hotline (đường dây nóng), email (thư điện tử), portal (Cổng Dịch vụ công), "
        "in_person (trực tiếp), post (bưu chính)."
    )
    procedures: list[Slug] = Field(
        default_factory=list,
        description="Thủ tục liên quan (mã định danh); để trống nếu phản ánh chung về quy định.",
    )
    agency: Slug = Field(description="Cơ quan bị phản ánh hoặc giải quyết thủ tục (mã cơ quan).")
    summary: LongText = Field(
        description="Tóm tắt nội dung phản ánh để công khai: không ghi họ tên, số điện thoại, thư điện tử, "
        "số giấy tờ hay địa chỉ của người gửi."
    )
    status: FeedbackStatus = Field(
        description="Tình trạng: received (đã tiếp nhận), in_progress (đang xử lý), answered (đã trả lời), "
        "forwarded (đã chuyển), not_within_competence (không thuộc thẩm quyền)."
    )
    answer: LongText | None = Field(
        default=None,
        description="Nội dung trả lời để công khai (bắt buộc khi đã trả lời), không chứa dữ liệu cá nhân.",
    )
    answered_by: Slug | None = Field(default=None, description="Cơ quan trả lời (mã cơ quan).")
    answered_on: dt.date | None = Field(
        default=None, description="Ngày trả lời hoặc ngày chuyển (NĂM-THÁNG-NGÀY)."
    )
    document: Text | None = Field(default=None, description="Số văn bản trả lời, ví dụ 123/STP-HCTP.")
    forwarded_to: Slug | None = Field(
        default=None, description="Cơ quan được chuyển đến (khi status là forwarded)."
    )
    illustrative: bool = Field(default=False, description="true nếu là vụ việc minh họa (dữ liệu mẫu).")
