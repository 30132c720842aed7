"""Building blocks shared by every schema: identifiers, texts, dates, legal documents.

Every field carries a Vietnamese description: the JSON Schema, the editor guide and the
messages of `thutuc check` are all generated from these declarations.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

# Patterns live here once; `validate.messages` explains each of them in Vietnamese.
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
NATIONAL_CODE_PATTERN = r"^\d\.\d{6}(\.[A-Za-z0-9]+)*$"
EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$"
PHONE_PATTERN = r"^\+?[0-9][0-9 .()-]{2,18}[0-9]$"
TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"
URL_PATTERN = r"^https?://[^\s<>\"]+$"
FORM_FILE_PATTERN = r"^[a-z0-9][a-z0-9._-]*\.(pdf|doc|docx|odt)$"


class Strict(BaseModel):
    """Base of every schema: unknown keys are errors, texts are trimmed."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


Slug = Annotated[
    str,
    Field(
        pattern=SLUG_PATTERN,
        min_length=1,
        max_length=120,
        description="Mã định danh: chữ thường không dấu, số và dấu gạch ngang, ví dụ dang-ky-khai-sinh.",
    ),
]
Text = Annotated[str, Field(min_length=1, max_length=2000)]
LongText = Annotated[str, Field(min_length=1, max_length=20000)]
Email = Annotated[str, Field(pattern=EMAIL_PATTERN, max_length=200)]
Phone = Annotated[str, Field(pattern=PHONE_PATTERN)]
Url = Annotated[str, Field(pattern=URL_PATTERN, max_length=2000)]
Count = Annotated[int, Field(strict=True, ge=0, le=1000)]
# VND is never fractional and never written with a thousands separator in data:
# `50.000` in YAML is the float 50.0, a thousandfold error a strict int catches.
Vnd = Annotated[int, Field(strict=True, ge=0, le=100_000_000_000)]


class LegalDocument(Strict):
    """Văn bản pháp luật hoặc văn bản hành chính."""

    number: Text = Field(description="Số, ký hiệu văn bản, ví dụ 123/2015/NĐ-CP.")
    title: Text | None = Field(
        default=None, description="Trích yếu (tên) văn bản, ví dụ Nghị định quy định chi tiết Luật Hộ tịch."
    )
    date: dt.date | None = Field(default=None, description="Ngày ban hành, dạng NĂM-THÁNG-NGÀY.")
    issuer: Text | None = Field(
        default=None, description="Cơ quan ban hành, ví dụ Chính phủ, Bộ Tư pháp, UBND tỉnh Lạng Sơn."
    )


class Decision(Strict):
    """Quyết định công bố, sửa đổi hoặc bãi bỏ thủ tục."""

    number: Text = Field(description="Số quyết định, ví dụ 1234/QĐ-UBND.")
    date: dt.date = Field(description="Ngày ký quyết định, dạng NĂM-THÁNG-NGÀY.")
    issuer: Text = Field(description="Người hoặc cơ quan ký, ví dụ Chủ tịch UBND tỉnh Lạng Sơn.")
    url: Url | None = Field(default=None, description="Đường dẫn tới văn bản (nếu có).")
