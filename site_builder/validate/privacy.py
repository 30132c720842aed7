"""Personal data that must never be published with a feedback case (Nghị định 13/2023/NĐ-CP).

Patterns err on the side of refusing: an editor can always rephrase ("người gửi", "công dân"),
while a phone number on a public page cannot be taken back. What the agency registry
publishes (hotline, phone, email, address, officials' names) is not personal data and is
allowed. So are numbers no person owns: service numbers 1900/1800…, a landline written
right after a public body's name ("Bộ Tư pháp 024 6273 9344"; a mobile never is), an
account "tại Kho bạc Nhà nước" or "của Công ty …", an enterprise code ("mã số doanh
nghiệp"; a household business's tax code stays personal), and a count ("1234567890 lượt
truy cập"). A birth date that sets a rule for a group ("Người sinh năm 1975 trở về trước",
"Trẻ em sinh năm 2020") is not anyone's. Addresses: see privacy_address.py; names:
privacy_names.py.

Every pattern runs in time linear in the text: a repetition is either bounded or over
characters its neighbours cannot match, and a pattern only starts where a run of its
characters starts (a 20,000-digit text once cost seconds per field).
"""

from __future__ import annotations

import functools
import re
from collections import deque
from collections.abc import Collection, Iterator
from dataclasses import dataclass

from .privacy_address import addresses
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


_SEP = r"[ ._*\-()\u2010-\u2015\u2212]"
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
# A phone written with slashes ("0912/345/678"); a date ("01/01/2026") has too few digits.
_SLASHED = re.compile(r"(?<![0-9/])(?:\+?84|0)[0-9]{1,3}(?:/[0-9]{2,4}){2,3}(?![0-9/])")
# Numbers no person owns (see the module's docstring).
_SERVICE = ("1900", "1800")
_BODY = re.compile(
    r"(?<!\w)(?:Bộ|Sở|UBND|Ủy ban|Uỷ ban|Công an|Trung tâm|Tổng đài|Kho bạc|Tòa án|Toà án|Viện kiểm sát"
    r"|Văn phòng|Cổng|[Đđ]ường dây nóng)(?!\w)"
)
_BODY_AFTER = re.compile(r"\s{0,3},?\s{0,3}(?:của|thuộc)\s{1,3}" + _BODY.pattern)
_PRIVATE = re.compile(r"(?<!\w)(?:nhà|riêng|ông|bà|anh|chị|người|cá nhân|di động|cán bộ)(?!\w)")
_PUBLIC_BEFORE = re.compile(r"(?<!\w)(?:mã\s{1,3}(?:số\s{1,3})?doanh\s{1,3}nghiệp|msdn|kho\s{1,3}bạc)(?!\w)")
_PUBLIC_AFTER = re.compile(
    r"\s{0,3},?\s{0,3}(?:tại|của|mở\s{1,3}tại|thuộc)\s{1,3}(?:kho\s{1,3}bạc|(?:tổng\s{1,3})?công\s{1,3}ty"
    r"|doanh\s{1,3}nghiệp|hợp\s{1,3}tác\s{1,3}xã)(?!\w)"
)
_COUNT_AFTER = re.compile(
    r"\s{1,2}(?:lượt|lần|người|hộ|hồ\s{1,3}sơ|trường\s{1,3}hợp|cuộc|tin\s{1,3}nhắn|văn\s{1,3}bản|đơn\s{1,3}thư"
    r"|học\s{1,3}sinh|khách)(?!\w)"
)

_AT = (
    r"(?:\s{0,3}@\s{0,3}|\s{0,3}[\[({<]\s?(?:at|a còng|a móc|@|a)\s?[\])}>]\s{0,3}"
    r"|\s{1,3}(?:at|a còng|a móc|móc)\s{1,3})"
)
_DOT = r"(?:[.,]|\s{0,3}[\[({<]\s?(?:dot|chấm)\s?[\])}>]\s{0,3}|\s{1,3}(?:dot|chấm)\s{1,3})"
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,62})(?![\w-])"
_EMAIL = re.compile(rf"(?<![a-z0-9._%+-])[a-z0-9._%+-]{{1,64}}{_AT}{_LABEL}(?:{_DOT}{_LABEL}){{1,4}}")
_SOCIAL = re.compile(
    r"(?<!\w)(?:(?:facebook|fb|zalo|tiktok|instagram|telegram|twitter|viber|skype)(?:\.com|\.me)?"
    r"(?:\s{0,2}[:/]\s{0,2}@?|\s{1,2}@)[a-z0-9._-]{1,63}[a-z0-9_]|(?:facebook|fb)\.com/[a-z0-9._-]{1,63}[a-z0-9_])"
)
_PLATE = re.compile(
    r"(?<![\w.])[0-9]{2}\s?-?\s?[a-zđ]{1,2}[0-9]?\s?[-.]?\s?(?:[0-9]{3}[. ]?[0-9]{2}|[0-9]{4})(?![\w])"
)
_PASSPORT = re.compile(r"(?<![\w])[a-z][0-9]{7}(?![\w])")
_BIRTH = re.compile(
    r"(?<!\w)(?<!khai )(?<!học )(?<!phát )(?<!sơ )(?:(?:sinh\s{1,3}năm|năm\s{1,3}sinh)\s{0,2}:?\s{0,2}[0-9]{2}(?![0-9])"
    r"|(?:sinh\s{1,3}ngày|ngày\s{1,3}sinh|sinh\s{1,3}năm|năm\s{1,3}sinh|sinh|dob|d\.o\.b\.?)"
    r"\s{0,2}:?\s{0,2}(?:[0-9]{1,2}\s?[/.-]\s?[0-9]{1,2}\s?[/.-]\s?[0-9]{2,4}|(?:19|20)[0-9]{2})(?![0-9]))"
)
# A birth date that sets a rule for a group: "Người sinh năm 1975 trở về trước", "Trẻ em sinh …".
_GROUP_BORN = re.compile(
    r"(?<!\w)(?:người|trường\s{1,3}hợp|những\s{1,3}người|trẻ(?:\s{1,3}em|\s{1,3}nhỏ)?|các\s{1,3}(?:cháu|em))\s{1,3}$"
)
_RULE_AFTER = re.compile(r"\s{1,3}(?:trở\s{1,3}(?:về\s{1,3})?|về\s{1,3})(?:trước|sau|đi|lên|xuống)(?!\w)")


@dataclass(frozen=True)
class _Published:
    """What the agency registry publishes, read once for every field."""

    digits: frozenset[str]
    emails: frozenset[str]
    names: frozenset[tuple[str, ...]]  # whole values, without a note in brackets
    places: frozenset[tuple[str, ...]]  # every run of words of every value


@functools.lru_cache(maxsize=16)
def _published(allowed: frozenset[str]) -> _Published:
    digits: set[str] = set()
    emails: set[str] = set()
    names_: set[tuple[str, ...]] = set()
    places: set[tuple[str, ...]] = set()
    for value in allowed:
        if "@" in value:
            emails.add(re.sub(r"\s", "", value.lower()))
            continue
        number = re.sub(r"[^0-9]", "", value)
        if len(number) >= 3:
            digits.add(_national(number))
        words = re.findall(r"\w+", read(value).low)[:40]
        names_.add(tuple(re.findall(r"\w+", read(re.sub(r"\(.*?\)", "", value)).low)))
        places.update(
            tuple(words[i:j]) for i in range(len(words)) for j in range(i + 1, min(len(words), i + 16) + 1)
        )
    return _Published(frozenset(digits), frozenset(emails), frozenset(names_), frozenset(places))


def _national(digits: str) -> str:
    """0912…, 84912…, 0084912… are the same number."""
    for prefix in ("0084", "84"):
        if digits.startswith(prefix) and len(digits) >= 11:
            return "0" + digits[len(prefix) :]
    return digits


def _only_allowed(groups: list[str], allowed: frozenset[str]) -> bool:
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


def _nobodys(view: View, digits: str, said: str | None, start: int, end: int) -> bool:
    """A number no person owns: a service number, a public body's landline or account, a count."""
    national = _national(digits)
    before = max(0, start - 40)
    if said in (None, PHONE) and national.startswith(_SERVICE) and 8 <= len(national) <= 10:
        return True
    if said in (None, PHONE) and national.startswith("02") and len(national) == 11:
        window = view.norm[before:start]
        public = _BODY.search(window) or _BODY_AFTER.match(view.norm, end)
        if public and not _PRIVATE.search(view.low, before, start):
            return True
    if _PUBLIC_BEFORE.search(view.low, before, start) or _PUBLIC_AFTER.match(view.low, end):
        return True
    return said is None and _kind(digits, "") != PHONE and bool(_COUNT_AFTER.match(view.low, end))


def numbers(view: View, allowed: frozenset[str]) -> Iterator[Span]:
    """Phone, ID, tax, insurance and account numbers, however they are grouped."""
    for match in _SLASHED.finditer(view.low):
        national = _national(re.sub(r"[^0-9]", "", match.group()))
        if national.startswith("0") and len(national) in (10, 11) and national not in allowed:
            yield PHONE, match.start(), match.end()
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
        if not _nobodys(view, digits, said, start, end):
            yield said or _kind(digits, text), start, end


def emails(view: View, published: frozenset[str]) -> Iterator[Span]:
    for match in _EMAIL.finditer(view.low):
        plain = re.sub(r"\s", "", match.group())
        if plain not in published:
            yield "thư điện tử", match.start(), match.end()


def _patterns(view: View) -> Iterator[Span]:
    found: tuple[tuple[str, re.Pattern[str]], ...] = (
        ("tài khoản mạng xã hội (Zalo, Facebook)", _SOCIAL),
        ("biển số xe", _PLATE),
        ("số hộ chiếu", _PASSPORT),
    )
    for kind, pattern in found:
        for match in pattern.finditer(view.low):
            yield kind, match.start(), match.end()
    for match in _BIRTH.finditer(view.low):
        start, end = match.span()
        if not (_GROUP_BORN.search(view.low, max(0, start - 16), start) or _RULE_AFTER.match(view.low, end)):
            yield "ngày hoặc năm sinh", start, end


def _spans(view: View, allowed: Collection[str]) -> list[Span]:
    public = _published(frozenset(allowed))
    spans = [*numbers(view, public.digits), *emails(view, public.emails)]
    spans += [*_patterns(view), *addresses(view, public.places), *names(view, public.names)]
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
