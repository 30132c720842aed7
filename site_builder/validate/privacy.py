"""Personal data that must never be published with a feedback case (Nghị định 13/2023/NĐ-CP).

Patterns err on the side of refusing: an editor can always rephrase ("người gửi", "công dân"),
while a phone number on a public page cannot be taken back. An agency's own published
hotline, phone or email (from the agency registry) is not personal data and is allowed.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass

_UPPER = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
_LOWER = "a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
_NAME_WORD = f"[{_UPPER}][{_LOWER}]+"


@dataclass(frozen=True)
class Finding:
    kind: str
    text: str
    start: int


_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("thư điện tử", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)),
    ("số căn cước công dân", re.compile(r"(?<!\d)\d{12}(?!\d)")),
    ("số điện thoại", re.compile(r"(?<![\d.])(?:\+84|0)(?:[\s.-]?\d){8,10}(?![\d])")),
    ("số chứng minh nhân dân", re.compile(r"(?<![\d.])\d{9}(?![\d.])")),
    ("số hộ chiếu", re.compile(r"\b[A-Z]\d{7}\b")),
    (
        "địa chỉ nhà riêng",
        re.compile(
            r"\b(?:số nhà|nhà số)\s*\d+|\bsố\s+\d+[a-zA-Z]?\s*,?\s*(?:đường|phố|ngõ|ngách|hẻm|kiệt)\b"
            r"|\b(?:ngõ|ngách|hẻm|kiệt)\s+\d+",
            re.IGNORECASE,
        ),
    ),
    (
        "họ tên người gửi",
        re.compile(
            rf"\b(?:[Ôô]ng|[Bb]à|[Aa]nh|[Cc]hị|[Cc]ô|[Cc]hú)\s+{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}}"
        ),
    ),
)


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def personal_data(text: str, allowed: Collection[str] = ()) -> Iterator[Finding]:
    """Every stretch of `text` that looks like someone's personal data, first match wins per place."""
    allowed_digits = {_digits(a) for a in allowed if _digits(a)}
    allowed_text = {a.lower() for a in allowed}
    taken: list[range] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            span = range(match.start(), match.end())
            if any(span.start < t.stop and t.start < span.stop for t in taken):
                continue
            found = match.group(0)
            if found.lower() in allowed_text or (
                kind == "số điện thoại" and _digits(found) in allowed_digits
            ):
                continue
            taken.append(span)
            yield Finding(kind, found, match.start())
