"""Registries shared by procedures: agencies (with their officials), fields, audiences."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from .common import (
    ICON_PATTERN,
    TIME_PATTERN,
    AgencyId,
    AudienceId,
    Email,
    FieldId,
    OfficialId,
    Phone,
    Slug,
    Strict,
    Text,
    Url,
)

AgencyLevel = Literal["province", "commune", "central", "district"]
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

AGENCY_LEVEL_LABELS: dict[str, str] = {
    "province": "Cấp tỉnh",
    "commune": "Cấp xã",
    "central": "Cấp trung ương",
    "district": "Cấp huyện (trước 01/7/2025)",
}
WEEKDAY_LABELS: dict[str, str] = {
    "mon": "Thứ Hai",
    "tue": "Thứ Ba",
    "wed": "Thứ Tư",
    "thu": "Thứ Năm",
    "fri": "Thứ Sáu",
    "sat": "Thứ Bảy",
    "sun": "Chủ nhật",
}


class Official(Strict):
    """Cán bộ, công chức chịu trách nhiệm (Chỉ thị, mục 5d: công khai họ tên, chức vụ)."""

    id: OfficialId = Field(description="Mã định danh của cán bộ, duy nhất trong toàn danh mục.")
    name: Text = Field(description="Họ và tên.")
    position: Text = Field(description="Chức vụ, ví dụ Phó Giám đốc Sở Tư pháp.")
    phone: Phone | None = Field(default=None, description="Số điện thoại công vụ để liên hệ.")
    email: Email | None = Field(default=None, description="Thư điện tử công vụ.")
    illustrative: bool = Field(
        default=False,
        description="true nếu họ tên chỉ là ví dụ minh họa (dữ liệu mẫu), không phải người thật.",
    )


class OpeningHours(Strict):
    """Một khung giờ làm việc, áp dụng cho các ngày đã nêu."""

    days: list[Weekday] = Field(
        min_length=1, description="Các ngày trong tuần: mon, tue, wed, thu, fri, sat, sun."
    )
    opens: str = Field(pattern=TIME_PATTERN, description="Giờ mở cửa, dạng 07:30.")
    closes: str = Field(pattern=TIME_PATTERN, description="Giờ đóng cửa, dạng 11:00.")


class Agency(Strict):
    """Cơ quan, đơn vị: thực hiện thủ tục, tiếp nhận hồ sơ hoặc nhận phản ánh."""

    id: AgencyId = Field(description="Mã định danh của cơ quan, ví dụ so-tu-phap.")
    name: Text = Field(description="Tên đầy đủ, ví dụ Sở Tư pháp tỉnh Lạng Sơn.")
    short_name: Text | None = Field(
        default=None, description="Tên ngắn dùng trong danh sách, ví dụ Sở Tư pháp."
    )
    level: AgencyLevel = Field(
        description="Cấp: province (tỉnh), commune (xã, phường), central (trung ương); "
        "district (huyện) chỉ cho cơ quan đã thôi hoạt động."
    )
    parent: Slug | None = Field(
        default=None, description="Mã cơ quan cấp trên hoặc cơ quan chủ quản (nếu có)."
    )
    description: Text | None = Field(
        default=None, description="Giới thiệu ngắn: chức năng, lịch sử hợp nhất."
    )
    address: Text | None = Field(default=None, description="Địa chỉ trụ sở hoặc nơi tiếp nhận hồ sơ.")
    opening_hours: list[OpeningHours] = Field(
        default_factory=list, description="Giờ làm việc, tiếp nhận hồ sơ."
    )
    opening_hours_note: Text | None = Field(
        default=None, description="Ghi chú về giờ làm việc, ví dụ ngày nghỉ lễ hoặc giờ mùa hè."
    )
    hotline: Phone | None = Field(default=None, description="Đường dây nóng tiếp nhận phản ánh, kiến nghị.")
    phone: Phone | None = Field(default=None, description="Điện thoại của cơ quan.")
    email: Email | None = Field(default=None, description="Thư điện tử nhận phản ánh, kiến nghị.")
    website: Url | None = Field(default=None, description="Trang thông tin điện tử của cơ quan.")
    officials: list[Official] = Field(
        default_factory=list, description="Cán bộ chịu trách nhiệm thuộc cơ quan này."
    )
    dissolved: dt.date | None = Field(
        default=None,
        description="Ngày cơ quan thôi hoạt động (hợp nhất, giải thể); chỉ ghi cho cơ quan không còn tồn tại.",
    )
    source: Text | None = Field(
        default=None, description="Nguồn của thông tin về cơ quan (văn bản hoặc đường dẫn)."
    )


class AgencyRegistry(Strict):
    """Tệp _registry/agencies.yml: danh sách cơ quan, đơn vị."""

    agencies: list[Agency] = Field(min_length=1, description="Các cơ quan, đơn vị.")


class FieldOfWork(Strict):
    """Lĩnh vực thủ tục hành chính (hộ tịch, cư trú, đất đai …)."""

    id: FieldId = Field(description="Mã định danh của lĩnh vực, ví dụ ho-tich.")
    name: Text = Field(description="Tên lĩnh vực, ví dụ Hộ tịch.")
    description: Text | None = Field(default=None, description="Mô tả ngắn cho người dân.")
    icon: str | None = Field(
        default=None,
        pattern=ICON_PATTERN,
        description="Biểu tượng của Material for MkDocs, ví dụ material/baby-face-outline.",
    )


class FieldRegistry(Strict):
    """Tệp _registry/fields.yml: danh sách lĩnh vực."""

    fields: list[FieldOfWork] = Field(min_length=1, description="Các lĩnh vực.")


class Audience(Strict):
    """Đối tượng thực hiện thủ tục (công dân, tổ chức, doanh nghiệp …)."""

    id: AudienceId = Field(description="Mã định danh, ví dụ cong-dan-viet-nam.")
    name: Text = Field(description="Tên đối tượng, ví dụ Công dân Việt Nam.")
    description: Text | None = Field(default=None, description="Giải thích ngắn.")


class AudienceRegistry(Strict):
    """Tệp _registry/audiences.yml: danh sách đối tượng thực hiện."""

    audiences: list[Audience] = Field(min_length=1, description="Các đối tượng.")


class AnswerLimit(Strict):
    """Thời hạn trả lời phản ánh, kiến nghị."""

    value: int = Field(strict=True, ge=1, le=365, description="Số ngày, ví dụ 10.")
    unit: Literal["working_days", "days"] = Field(
        description="Đơn vị: working_days (ngày làm việc) hoặc days (ngày)."
    )
    legal_basis: Text = Field(description="Văn bản quy định thời hạn này.")


class FeedbackContact(Strict):
    """Nơi tiếp nhận phản ánh, kiến nghị về thủ tục hành chính của tỉnh."""

    agency: Slug = Field(description="Mã cơ quan đầu mối tiếp nhận phản ánh, kiến nghị.")
    note: Text | None = Field(default=None, description="Hướng dẫn thêm cho người gửi phản ánh.")
    answer_limit: AnswerLimit | None = Field(
        default=None, description="Thời hạn trả lời, dùng để thống kê số vụ việc trả lời đúng hạn."
    )


class CatalogueSettings(Strict):
    """Tệp _registry/catalogue.yml: thông tin chung của cơ sở dữ liệu."""

    title: Text = Field(description="Tên cơ sở dữ liệu hiển thị trên trang.")
    publisher: Text = Field(description="Cơ quan chủ quản cơ sở dữ liệu.")
    province: Text = Field(description="Tên tỉnh.")
    sample: bool = Field(description="true nếu đây là dữ liệu mẫu, không phải công bố chính thức.")
    notice: Text | None = Field(
        default=None, description="Thông báo hiển thị trên mọi trang (bắt buộc khi sample là true)."
    )
    site_url: Url | None = Field(
        default=None, description="Địa chỉ trang web chính thức (dùng cho mã QR, sơ đồ)."
    )
    review_max_age_months: int = Field(
        default=12, strict=True, ge=1, le=60, description="Số tháng tối đa kể từ lần rà soát gần nhất."
    )
    featured: list[Slug] = Field(
        default_factory=list,
        description="Các thủ tục được dùng nhiều (mã thủ tục): hiện trên trang chủ và được xếp trước "
        "các thủ tục ít dùng trong kết quả tìm kiếm.",
    )
    feedback: FeedbackContact = Field(description="Đầu mối tiếp nhận phản ánh, kiến nghị.")
    licence: Text | None = Field(
        default=None, description="Giấy phép của dữ liệu mở (trang Dữ liệu mở), ví dụ CC BY 4.0."
    )
