"""One administrative procedure, in the order of the legal announcement format.

Nghị định 63/2010/NĐ-CP Điều 8 and the template of Thông tư 02/2017/TT-VPCP fix what a
published procedure holds; the directive adds the responsible officials and hotlines.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field

from .common import (
    FORM_FILE_PATTERN,
    LINE_PATTERN,
    NATIONAL_CODE_PATTERN,
    Count,
    Decision,
    LegalDocument,
    LongText,
    ProcedureId,
    Slug,
    Strict,
    Text,
    Url,
    Vnd,
)

# Official names run long: the national database's longest is 1,094 characters (53 are over
# 300). The limit leaves room for those and still stops a pasted document.
NAME_MAX = 2000
# The short form shown where space is tight (lists, cards, <title>, search results): the
# editor's short_name, or the name cut at a word boundary (render/names.py). An editor's short
# name is never cut again, so it may be at most as long as a cut name.
SHORT_NAME_MAX = 160
Name = Annotated[str, Field(min_length=1, max_length=NAME_MAX, pattern=LINE_PATTERN)]
ShortName = Annotated[str, Field(min_length=1, max_length=SHORT_NAME_MAX, pattern=LINE_PATTERN)]
Status = Literal["active", "amended", "replaced", "abolished"]
Level = Literal["province", "commune", "district"]
ProcedureType = Literal["standard", "assigned_regulation"]
ChannelKind = Literal["in_person", "online", "postal"]
OnlineLevel = Literal["full", "partial"]
TimeUnit = Literal["working_days", "days", "hours", "months"]
FeeKind = Literal["phi", "le_phi", "gia_dich_vu"]

# The longest short title of a dossier case: it is one choice of a radio list on a phone.
CASE_TITLE_MAX = 60

# Statuses under which a procedure still applies to citizens.
IN_FORCE = ("active", "amended")
STATUS_LABELS = {
    "active": "Đang áp dụng",
    "amended": "Đã sửa đổi, bổ sung",
    "replaced": "Đã được thay thế",
    "abolished": "Đã bãi bỏ",
}
LEVEL_LABELS = {"province": "Cấp tỉnh", "commune": "Cấp xã", "district": "Cấp huyện (trước 01/7/2025)"}
CHANNEL_LABELS = {"in_person": "Trực tiếp", "online": "Trực tuyến", "postal": "Qua bưu chính công ích"}
ONLINE_LEVEL_LABELS = {"full": "Toàn trình", "partial": "Một phần"}
TIME_UNIT_LABELS = {"working_days": "ngày làm việc", "days": "ngày", "hours": "giờ", "months": "tháng"}
FEE_KIND_LABELS = {"phi": "Phí", "le_phi": "Lệ phí", "gia_dich_vu": "Giá dịch vụ"}
PROCEDURE_TYPE_LABELS = {
    "standard": "Thủ tục hành chính tiêu chuẩn",
    "assigned_regulation": "Thủ tục được luật giao quy định chi tiết",
}


class Announcement(Decision):
    """Quyết định công bố thủ tục (hoặc công bố sửa đổi, thay thế)."""


class AgencyRoles(Strict):
    """Cơ quan thực hiện (mục 6 của mẫu công bố)."""

    competent: list[Slug] = Field(min_length=1, description="Cơ quan có thẩm quyền quyết định (mã cơ quan).")
    authorised: list[Slug] = Field(
        default_factory=list, description="Cơ quan được ủy quyền hoặc phân cấp thực hiện (mã cơ quan)."
    )
    executing: list[Slug] = Field(min_length=1, description="Cơ quan trực tiếp thực hiện (mã cơ quan).")
    coordinating: list[Slug] = Field(default_factory=list, description="Cơ quan phối hợp (mã cơ quan).")
    receiving: list[Slug] = Field(
        min_length=1,
        description="Nơi tiếp nhận hồ sơ và trả kết quả (mã cơ quan), ví dụ trung tâm phục vụ hành chính công.",
    )
    receiving_note: Text | None = Field(
        default=None, description="Ghi chú về nơi nộp, ví dụ nộp tại bất kỳ trung tâm nào trong tỉnh."
    )


class TimeLimit(Strict):
    """Thời hạn giải quyết."""

    value: int = Field(strict=True, ge=1, le=1000, description="Số lượng, ví dụ 3.")
    unit: TimeUnit = Field(
        description="Đơn vị: working_days (ngày làm việc), days (ngày), hours (giờ), months (tháng)."
    )
    note: Text | None = Field(
        default=None,
        description="Ghi chú, ví dụ trả ngay trong ngày nếu nộp trước 15 giờ; trường hợp phải xác minh.",
    )


class Fee(Strict):
    """Một khoản phí, lệ phí hoặc giá dịch vụ."""

    kind: FeeKind = Field(description="Loại: phi (phí), le_phi (lệ phí), gia_dich_vu (giá dịch vụ).")
    name: Text = Field(description="Tên khoản thu, ví dụ Lệ phí đăng ký cư trú.")
    amount: Vnd | None = Field(
        default=None,
        description="Số tiền bằng đồng, số nguyên không dấu chấm, ví dụ 20000. 0 là miễn phí.",
    )
    per: Text | None = Field(default=None, description="Tính theo, ví dụ mỗi bản sao, mỗi trang, mỗi hồ sơ.")
    set_by_council: bool = Field(
        default=False, description="true nếu mức thu do Nghị quyết của HĐND tỉnh quy định."
    )
    council_resolution: Text | None = Field(
        default=None, description="Số Nghị quyết HĐND tỉnh quy định mức thu (nếu đã biết)."
    )
    applies_to: Text | None = Field(default=None, description="Áp dụng cho ai hoặc trường hợp nào.")
    exemptions: list[Text] = Field(default_factory=list, description="Các trường hợp được miễn, giảm.")
    legal_basis: Text | None = Field(
        default=None, description="Văn bản quy định khoản thu, ví dụ Thông tư 85/2019/TT-BTC."
    )
    valid_from: dt.date | None = Field(default=None, description="Áp dụng từ ngày (NĂM-THÁNG-NGÀY).")
    valid_to: dt.date | None = Field(default=None, description="Áp dụng đến hết ngày (NĂM-THÁNG-NGÀY).")
    cases: list[Text] = Field(
        default_factory=list,
        description="Chỉ áp dụng cho các trường hợp hồ sơ này (ghi đúng tên ngắn 'title' của trường hợp, "
        "ví dụ Quá hạn). Để trống nghĩa là áp dụng cho mọi trường hợp.",
    )


class Channel(Strict):
    """Một cách thức thực hiện (mục 2), với thời hạn và phí riêng."""

    kind: ChannelKind = Field(
        description="Cách nộp: in_person (trực tiếp), online (trực tuyến), postal (bưu chính)."
    )
    online_level: OnlineLevel | None = Field(
        default=None, description="Chỉ cho kênh trực tuyến: full (toàn trình) hoặc partial (một phần)."
    )
    description: Text | None = Field(default=None, description="Mô tả ngắn: nộp ở đâu, qua cổng nào.")
    url: Url | None = Field(default=None, description="Đường dẫn nộp trực tuyến (chỉ cho kênh trực tuyến).")
    time_limit: TimeLimit = Field(description="Thời hạn giải quyết khi nộp qua kênh này.")
    fees: list[Fee] = Field(
        default_factory=list, description="Phí, lệ phí khi nộp qua kênh này. Để trống nghĩa là không thu phí."
    )


class Step(Strict):
    """Một bước trong trình tự thực hiện (mục 1)."""

    title: Text = Field(description="Tên bước, ví dụ Nộp hồ sơ.")
    text: LongText = Field(description="Nội dung bước, viết cho người dân (được dùng Markdown đơn giản).")
    actor: Text | None = Field(
        default=None, description="Ai thực hiện bước này, ví dụ Người yêu cầu; Công chức tư pháp."
    )


class Document(Strict):
    """Một thành phần hồ sơ (mục 3)."""

    name: Text = Field(description="Tên giấy tờ.")
    originals: Count = Field(default=0, description="Số bản chính.")
    copies: Count = Field(default=0, description="Số bản sao.")
    presented: bool = Field(default=False, description="true nếu chỉ xuất trình để đối chiếu, không nộp lại.")
    form: Text | None = Field(default=None, description="Mã mẫu đơn, tờ khai (phải có trong mục forms).")
    required: bool = Field(default=True, description="false nếu chỉ nộp trong một số trường hợp.")
    note: Text | None = Field(default=None, description="Ghi chú cho người dân.")


class DossierCase(Strict):
    """Nhóm giấy tờ cho một trường hợp."""

    name: Text | None = Field(
        default=None, description="Tên trường hợp; bỏ trống nếu hồ sơ chỉ có một trường hợp."
    )
    title: Text | None = Field(
        default=None,
        description=f"Tên ngắn của trường hợp cho ô chọn «Trường hợp của bạn» trên trang, tối đa "
        f"{CASE_TITLE_MAX} ký tự, không trùng với trường hợp khác của cùng thủ tục, ví dụ Quá hạn; "
        "Có giấy chứng sinh. Nên ghi khi hồ sơ có từ hai trường hợp.",
    )
    documents: list[Document] = Field(min_length=1, description="Các giấy tờ trong trường hợp này.")


class Dossier(Strict):
    """Thành phần, số lượng hồ sơ (mục 3)."""

    sets: int = Field(default=1, strict=True, ge=1, le=20, description="Số bộ hồ sơ.")
    cases: list[DossierCase] = Field(
        min_length=1, description="Các trường hợp, mỗi trường hợp một nhóm giấy tờ."
    )


class Result(Strict):
    """Kết quả thực hiện (mục 7)."""

    name: Text = Field(description="Tên giấy tờ hoặc kết quả, ví dụ Giấy khai sinh (bản chính).")
    note: Text | None = Field(
        default=None, description="Ghi chú, ví dụ kèm bản sao trích lục nếu có yêu cầu."
    )


class Form(Strict):
    """Mẫu đơn, mẫu tờ khai (mục 9)."""

    code: Text = Field(description="Mã mẫu, ví dụ CT01.")
    name: Text = Field(description="Tên mẫu, ví dụ Tờ khai thay đổi thông tin cư trú.")
    issued_by: Text | None = Field(
        default=None, description="Văn bản ban hành mẫu, ví dụ Thông tư 66/2023/TT-BCA."
    )
    file: str | None = Field(
        default=None,
        pattern=FORM_FILE_PATTERN,
        description="Tên tệp mẫu trong thư mục procedures/_forms/ (pdf, doc, docx, odt).",
    )
    url: Url | None = Field(default=None, description="Đường dẫn tải mẫu ở nguồn chính thức (nếu có).")


class Source(Strict):
    """Nguồn của dữ liệu."""

    document: Text = Field(description="Văn bản hoặc tài liệu dùng làm nguồn.")
    url: Url | None = Field(default=None, description="Đường dẫn tới nguồn (nếu có).")
    retrieved: dt.date = Field(description="Ngày lấy thông tin (NĂM-THÁNG-NGÀY).")


class Review(Strict):
    """Lần rà soát gần nhất."""

    date: dt.date = Field(description="Ngày rà soát (NĂM-THÁNG-NGÀY), không sau ngày hôm nay.")
    by: Text = Field(description="Người hoặc đơn vị rà soát.")


class Procedure(Strict):
    """Một thủ tục hành chính; mỗi tệp procedures/<id>.yml là một thủ tục."""

    # identity
    id: ProcedureId = Field(description="Mã định danh ổn định, trùng tên tệp, không bao giờ dùng lại.")
    code: str | None = Field(
        default=None,
        pattern=NATIONAL_CODE_PATTERN,
        description='Mã thủ tục trên Cơ sở dữ liệu quốc gia, ví dụ "1.001193" (viết trong dấu nháy).',
    )
    local_code: Text | None = Field(default=None, description="Mã của địa phương (nếu có).")
    former_codes: list[Text] = Field(default_factory=list, description="Các mã cũ trước khi công bố lại.")
    status: Status = Field(
        description="Tình trạng: active (đang áp dụng), amended (đã sửa đổi, bổ sung), "
        "replaced (đã được thay thế), abolished (đã bãi bỏ)."
    )
    replaces: list[Slug] = Field(
        default_factory=list, description="Các thủ tục mà thủ tục này thay thế (mã định danh)."
    )
    replaced_by: Slug | None = Field(
        default=None, description="Thủ tục thay thế thủ tục này (khi status là replaced)."
    )
    announcement: Announcement | None = Field(
        default=None, description="Quyết định công bố phiên bản hiện hành."
    )
    abolished_by: Decision | None = Field(
        default=None, description="Quyết định bãi bỏ (bắt buộc khi status là abolished)."
    )
    name: Name = Field(description="Tên thủ tục, ghi đúng nguyên văn như trong quyết định công bố.")
    short_name: ShortName | None = Field(
        default=None,
        description=f"Tên rút gọn (không bắt buộc), tối đa {SHORT_NAME_MAX} ký tự và phải ngắn hơn tên: "
        "hiện ở danh sách, kết quả tìm kiếm và tiêu đề thẻ trình duyệt; trang thủ tục vẫn hiện tên đầy đủ. "
        f"Bỏ trống thì tên dài hơn {SHORT_NAME_MAX} ký tự được cắt ở cuối một từ và thêm dấu …",
    )
    summary: Text = Field(description="Tóm tắt một, hai câu: thủ tục này để làm gì, ai cần.")
    keywords: list[Text] = Field(
        default_factory=list,
        description="Cách người dân hay gọi, ví dụ làm giấy khai sinh; dùng cho tìm kiếm.",
    )
    # classification
    level: Level = Field(
        description="Cấp thực hiện: province (tỉnh), commune (xã, phường); district chỉ cho thủ tục đã hết hiệu lực."
    )
    field: Slug = Field(description="Lĩnh vực (mã trong _registry/fields.yml).")
    audiences: list[Slug] = Field(
        min_length=1, description="Đối tượng thực hiện (mã trong _registry/audiences.yml)."
    )
    procedure_type: ProcedureType = Field(
        default="standard",
        description="Loại: standard (tiêu chuẩn), assigned_regulation (được luật giao quy định chi tiết).",
    )
    # agencies and channels
    agencies: AgencyRoles = Field(description="Cơ quan thực hiện và nơi tiếp nhận hồ sơ.")
    channels: list[Channel] = Field(
        min_length=1, description="Cách thức thực hiện, mỗi kênh với thời hạn và phí riêng."
    )
    # content, in the order of the announcement
    steps: list[Step] = Field(min_length=1, description="Trình tự thực hiện, theo thứ tự.")
    dossier: Dossier = Field(description="Thành phần, số lượng hồ sơ.")
    requirements: list[Text] = Field(
        default_factory=list, description="Yêu cầu, điều kiện thực hiện. Để trống nghĩa là không có."
    )
    results: list[Result] = Field(min_length=1, description="Kết quả thực hiện.")
    forms: list[Form] = Field(default_factory=list, description="Mẫu đơn, mẫu tờ khai.")
    legal_basis: list[LegalDocument] = Field(min_length=1, description="Căn cứ pháp lý.")
    related: list[Slug] = Field(default_factory=list, description="Thủ tục liên quan (mã định danh).")
    # accountability and provenance
    officials: list[Slug] = Field(
        default_factory=list, description="Cán bộ chịu trách nhiệm (mã trong _registry/agencies.yml)."
    )
    online_url: Url | None = Field(
        default=None, description="Trang thủ tục trên Cổng Dịch vụ công quốc gia (nếu có)."
    )
    source: Source = Field(description="Nguồn dữ liệu của tệp này.")
    review: Review = Field(description="Lần rà soát gần nhất: ngày và người rà soát.")
    notes: LongText | None = Field(
        default=None, description="Ghi chú thêm cho người dân (Markdown đơn giản)."
    )


# The agencies' roles in a procedure, as pages and exports name them.
ROLE_LABELS = {
    "competent": "Cơ quan có thẩm quyền",
    "authorised": "Cơ quan được ủy quyền, phân cấp",
    "executing": "Cơ quan trực tiếp thực hiện",
    "coordinating": "Cơ quan phối hợp",
    "receiving": "Nơi tiếp nhận hồ sơ, trả kết quả",
}
