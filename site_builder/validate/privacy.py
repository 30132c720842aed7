"""Personal data that must never be published with a feedback case (Nghị định 13/2023/NĐ-CP).

Patterns err on the side of refusing: an editor can always rephrase ("người gửi", "công dân"),
while a phone number on a public page cannot be taken back. An agency's own published
hotline, phone or email (from the agency registry) is not personal data and is allowed.

Every pattern runs in time linear in the text: a repetition is either bounded or over
characters its neighbours cannot match, and a pattern only starts where a run of its
characters starts (a 20,000-digit text once cost seconds per field).
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Collection, Iterator
from dataclasses import dataclass

from .privacy_names import names
from .privacy_text import View, read

Span = tuple[str, int, int]
PHONE = "số điện thoại"


@dataclass(frozen=True)
class Finding:
    """One piece of personal data: its kind and where it stands in the original text."""

    kind: str
    text: str
    start: int
    end: int


_SEP = r"[ .\-()\u2010-\u2015\u2212]"
_NUMBER = re.compile(rf"(?<![0-9])(?:\+|\(\+?)?[0-9](?:{_SEP}{{0,3}}[0-9])*")
_GROUP = re.compile(r"[0-9]+")
# A dossier's receipt code ("000.00.23.H34-260312-0001") is the office's, not the sender's.
_DOSSIER = re.compile(r"[0-9]{3}\.[0-9]{2}\.[0-9]{2}\.[a-z][0-9]{2}-[0-9]{6}-[0-9]{4}")
# Numbers inside a link are part of its address ("…-01-7-2024-186-96497-article.html").
_URL = re.compile(r"(?<![\w.])(?:https?://|www\.)[^\s<>\"]{1,2000}")
_NATIONAL_CODE = re.compile(r"[0-9]\.[0-9]{6}(?:\.[0-9]{1,6})*")
_THOUSANDS = re.compile(r"[0-9]{1,3}(?:[.,][0-9]{3})+")
_CURRENCY = re.compile(r"\s{0,2}(?:đ|đồng|vnd|vnđ|nghìn|ngàn|triệu|tỷ)(?!\w)")
_FEE = re.compile(r"(?:phí|tiền|mức thu|giá)\s{0,3}(?:là\s{1,3})?:?\s{0,2}$")
# What the words just before a number say it is (checked in a short window, so linear).
_CONTEXT: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("mã số bảo hiểm xã hội", re.compile(r"bhxh|bảo hiểm xã hội")),
    ("mã số thuế", re.compile(r"(?<!\w)mst(?!\w)|mã số thuế")),
    ("số tài khoản ngân hàng", re.compile(r"(?<!\w)stk(?!\w)|tài khoản|(?<!\w)tk(?!\w)")),
    ("số căn cước công dân", re.compile(r"cccd|căn cước|định danh")),
    ("số chứng minh nhân dân", re.compile(r"cmnd|cmt|chứng minh")),
    ("số hộ chiếu", re.compile(r"hộ chiếu")),
    ("số điện thoại (Zalo)", re.compile(r"zalo")),
    (
        PHONE,
        re.compile(r"(?<!\w)(?:sđt|sdt|đt|dt|đtdđ|điện thoại|di động|gọi|nhắn tin|liên hệ|hotline)(?!\w)"),
    ),
)
_CONTEXT_WINDOW = 28

_AT = r"(?:\s{0,3}@\s{0,3}|\s{0,3}[\[({<]\s?(?:at|a còng)\s?[\])}>]\s{0,3}|\s{1,3}(?:at|a còng)\s{1,3})"
_DOT = r"(?:\.|\s{0,3}[\[({<]\s?(?:dot|chấm)\s?[\])}>]\s{0,3}|\s{1,3}(?:dot|chấm)\s{1,3})"
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,62})(?![\w-])"
_EMAIL = re.compile(rf"(?<![a-z0-9._%+-])[a-z0-9._%+-]{{1,64}}{_AT}{_LABEL}(?:{_DOT}{_LABEL}){{1,4}}")
_SOCIAL = re.compile(
    r"(?<!\w)(?:(?:facebook|fb|zalo|tiktok|instagram|telegram|twitter|viber|skype)(?:\.com|\.me)?"
    r"\s{0,2}[:/]\s{0,2}@?[a-z0-9._-]{1,63}[a-z0-9_]|(?:facebook|fb)\.com/[a-z0-9._-]{1,63}[a-z0-9_])"
)
_PLATE = re.compile(
    r"(?<![\w.])[0-9]{2}\s?-?\s?[a-zđ]{1,2}[0-9]?\s?[-.]?\s?(?:[0-9]{3}[. ]?[0-9]{2}|[0-9]{4})(?![\w])"
)
_PASSPORT = re.compile(r"(?<![\w])[a-z][0-9]{7}(?![\w])")
_BIRTH = re.compile(
    r"(?<!\w)(?<!khai )(?<!học )(?<!phát )(?<!sơ )(?:sinh\s{1,3}ngày|ngày\s{1,3}sinh|sinh\s{1,3}năm|năm\s{1,3}sinh|sinh)"
    r"\s{0,2}:?\s{0,2}(?:[0-9]{1,2}\s?[/.-]\s?[0-9]{1,2}\s?[/.-]\s?[0-9]{2,4}|(?:19|20)[0-9]{2})(?![0-9])"
)
_HOUSE = re.compile(
    r"(?<!\w)(?:số\s{1,3}nhà|nhà\s{1,3}số|sn|ngõ|ngách|hẻm|kiệt|tổ|tổ\s{1,3}dân\s{1,3}phố|tdp|khối|thôn|xóm)"
    r"\s{0,2}[:.]?\s{0,2}(?:số\s{1,2})?[0-9]{1,4}[a-z]?(?:/[0-9]{1,4})?(?![0-9])"
    r"|(?<!\w)số\s{1,3}[0-9]{1,4}[a-z]?\s{0,2},?\s{0,2}(?:đường|phố|ngõ|ngách|hẻm|kiệt)(?!\w)"
)
_STREET_NUMBER = re.compile(r"(?<![\w/.,-])[0-9]{1,4}[a-z]?(?:/[0-9]{1,4})?,?(?:\s{1,2}(?:đường|phố))?(?=\s)")
_STREET_WORD = re.compile(r"(?:\s{1,2}(?:đường|phố))$")
_VILLAGE = re.compile(r"(?<!\w)(?:thôn|bản|khối|xóm|tổ\s{1,3}dân\s{1,3}phố|khu\s{1,3}phố|ấp|làng)(?!\w)")
_COUNTED = re.compile(r"(?:văn|phiên|một|hai|mỗi|các|những|từng|[0-9])\s{1,3}$")
_TITLE_WORD = re.compile(r"\s{1,3}([^\W\d_]{1,12})(?![^\W\d_])")
_NOT_PLACES = frozenset(
    "giấy tờ sao chính đăng quyết phiếu thông luật nghị điều khoản chương mục phụ bộ sở ủy uỷ ubnd ngày tháng "
    "năm giờ tuần quý lần trang tuổi người".split()
)


def _allowed_digits(allowed: Collection[str]) -> set[str]:
    found = set()
    for value in allowed:
        digits = re.sub(r"[^0-9]", "", value)
        if len(digits) >= 3 and "@" not in value:
            found.add(_national(digits))
    return found


def _national(digits: str) -> str:
    """0912…, 84912…, 0084912… are the same number."""
    for prefix in ("0084", "84"):
        if digits.startswith(prefix) and len(digits) >= 11:
            return "0" + digits[len(prefix) :]
    return digits


def _only_allowed(groups: list[str], allowed: set[str]) -> bool:
    """Whether the groups of a number split into published numbers only ("1900 0000 - 0205 000 000")."""
    reachable = [True] + [False] * len(groups)
    for start in range(len(groups)):
        if not reachable[start]:
            continue
        for end in range(start + 1, min(len(groups), start + 8) + 1):
            if _national("".join(groups[start:end])) in allowed:
                reachable[end] = True
    return reachable[-1]


def _context(view: View, start: int) -> str | None:
    window = view.low[max(0, start - _CONTEXT_WINDOW) : start]
    last: tuple[int, str] | None = None
    for kind, pattern in _CONTEXT:
        for match in pattern.finditer(window):
            if last is None or match.start() > last[0]:
                last = (match.start(), kind)
    return last[1] if last else None


def _kind(digits: str, text: str) -> str:
    national = _national(digits)
    if text.startswith(("+", "(")) or (national.startswith("0") and len(national) in (10, 11)):
        return PHONE
    return {12: "số căn cước công dân", 9: "số chứng minh nhân dân"}.get(
        len(digits), "dãy số có thể là số giấy tờ, tài khoản hoặc số điện thoại"
    )


def _is_amount(view: View, text: str, start: int, end: int) -> bool:
    if not _THOUSANDS.fullmatch(text):
        return False
    return bool(_CURRENCY.match(view.low, end)) or bool(_FEE.search(view.low, max(0, start - 20), start))


def numbers(view: View, allowed: set[str]) -> Iterator[Span]:
    """Phone, ID, tax, insurance and account numbers, however they are grouped."""
    masks = [match.span() for pattern in (_DOSSIER, _URL) for match in pattern.finditer(view.low)]
    masked = deque(sorted(masks, key=lambda span: span[1]))
    for match in _NUMBER.finditer(view.low):
        start, end, text = match.start(), match.end(), match.group()
        while masked and masked[0][1] < end:
            masked.popleft()
        if masked and masked[0][0] <= start:
            continue
        groups = _GROUP.findall(text)
        digits = "".join(groups)
        if len(digits) < 6 or _NATIONAL_CODE.fullmatch(text) or _is_amount(view, text, start, end):
            continue
        said = _context(view, start)
        if (len(digits) < 9 and said is None) or _only_allowed(groups, allowed):
            continue
        yield said or _kind(digits, text), start, end


def emails(view: View, allowed: Collection[str]) -> Iterator[Span]:
    published = {a.lower() for a in allowed if "@" in a}
    for match in _EMAIL.finditer(view.low):
        plain = re.sub(r"\s", "", match.group())
        if plain not in published:
            yield "thư điện tử", match.start(), match.end()


def _patterns(view: View) -> Iterator[Span]:
    found: tuple[tuple[str, re.Pattern[str]], ...] = (
        ("tài khoản mạng xã hội (Zalo, Facebook)", _SOCIAL),
        ("biển số xe", _PLATE),
        ("số hộ chiếu", _PASSPORT),
        ("ngày hoặc năm sinh", _BIRTH),
        ("địa chỉ nhà riêng", _HOUSE),
    )
    for kind, pattern in found:
        for match in pattern.finditer(view.low):
            yield kind, match.start(), match.end()


def _titled(view: View, at: int) -> tuple[int, int]:
    """End and number of the capitalised words (a place or street name) from `at`."""
    end, count = at, 0
    while count < 4:
        match = _TITLE_WORD.match(view.norm, at)
        if match is None:
            break
        word = match.group(1)
        if not (word[:1].isupper() and (len(word) == 1 or word[1:].islower())):
            break
        if count == 0 and word.lower() in _NOT_PLACES:
            break
        end, count, at = match.end(), count + 1, match.end()
    return end, count


def addresses(view: View) -> Iterator[Span]:
    """A village or a house on a street: "thôn Nà Lừa", "12 Trần Đăng Ninh", "12 đường trần phú"."""
    for match in _VILLAGE.finditer(view.low):
        if _COUNTED.search(view.low, max(0, match.start() - 8), match.start()):
            continue
        end, count = _titled(view, match.end())
        if count:
            yield "địa chỉ nhà riêng", match.start(), end
    for match in _STREET_NUMBER.finditer(view.low):
        end, count = _titled(view, match.end())
        if _STREET_WORD.search(match.group()):
            # "12 đường trần phú": the street word says it, whatever the case of the name.
            word = _TITLE_WORD.match(view.low, match.end())
            if count or word is not None:
                yield "địa chỉ nhà riêng", match.start(), end if count or word is None else word.end()
        elif count >= 2:
            yield "địa chỉ nhà riêng", match.start(), end


def _spans(view: View, allowed: Collection[str]) -> list[Span]:
    spans = [*numbers(view, _allowed_digits(allowed)), *emails(view, allowed)]
    spans += [*_patterns(view), *addresses(view), *names(view)]
    # Earliest first, the longest of those starting together; what overlaps a kept span goes.
    spans.sort(key=lambda span: (span[1], -span[2]))
    kept: list[Span] = []
    for span in spans:
        if not kept or span[1] >= kept[-1][2]:
            kept.append(span)
    return kept


def personal_data(text: str, allowed: Collection[str] = ()) -> Iterator[Finding]:
    """Every stretch of `text` that looks like someone's personal data, in order."""
    view = read(text)
    for kind, start, end in _spans(view, allowed):
        first, last = view.original(start, end)
        yield Finding(kind, text[first:last], first, last)
