"""Home addresses in published text, told apart from offices and places.

Three kinds of address, three rules:

- A house: a house number on a street or lane ("số nhà 12", "ngõ 3", "12 đường Trần Phú",
  "Ở 45A Phai Vệ", "căn hộ 1203") is a home, unless an office word stands before it in the
  same sentence ("Bộ phận một cửa đặt tại số 2 đường Lê Lợi", "Trụ sở UBND phường … ở số 10
  đường …"). The agencies' own `address` values (agencies.yml) are allowed too.
- A village, block or group, named or numbered ("thôn Nà Lừa", "khối 5", "tổ 7", "ấp 3",
  "đội 5", "phòng 302"): a place, the same for everyone living there, unless the sentence
  says someone lives there ("ở", "trú tại", "nơi cư trú:", "HKTT", "địa chỉ", "nhà",
  "người gửi", "gia đình"). So "Cán bộ đã xuống thôn Pác Khuông", "Bà con thôn Nà Lừa",
  "Tổ 1 của Bộ phận một cửa" pass, and "Người gửi ở thôn Nà Lừa" does not.
- Either is a community's, not a person's, when a word for a group or an office stands
  before it: "Các hộ sinh sống ở bản Khòn Pát", "tiếp dân tại nhà văn hóa thôn Pác Khuông",
  "Điểm tiếp nhận lưu động đặt tại khối 5". A word that names a home ("nhà", "trú",
  "gia đình") after such a word wins again: "Cán bộ đến nhà ông X ở thôn Y" is refused.

The words are read in a short window before the address (cut at the sentence's start), so
the scan stays linear in the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .privacy_text import View

Span = tuple[str, int, int]
ADDRESS = "địa chỉ nhà riêng"
_WINDOW = 48

_HOUSE = re.compile(
    r"(?<!\w)(?:số\s{1,3}nhà|nhà\s{1,3}số|sn|ngõ|ngách|hẻm|kiệt|căn\s{1,3}hộ)"
    r"\s{0,2}[:.]?\s{0,2}(?:số\s{1,2})?[0-9]{1,4}[a-z]?(?:/[0-9]{1,4})?(?![0-9])"
    r"|(?<!\w)số\s{1,3}[0-9]{1,4}[a-z]?\s{0,2},?\s{0,2}(?:đường|phố|ngõ|ngách|hẻm|kiệt)(?!\w)"
)
# A unit with a number after it; the first group may also be followed by a name.
_UNIT = re.compile(
    r"(?<!\w)(?:(thôn|bản|xóm|khối|tổ\s{1,3}dân\s{1,3}phố|tdp|khu\s{1,3}phố|ấp|làng)"
    r"|tổ|khu(?:\s{1,3}tập\s{1,3}thể)?|đội|phòng|chung\s{1,3}cư)(?!\w)"
)
_UNIT_NUMBER = re.compile(r"\s{0,2}[:.]?\s{0,2}(?:số\s{1,2})?[0-9]{1,4}[a-z]?(?![0-9])")
_STREET_NUMBER = re.compile(r"(?<![\w/.,-])[0-9]{1,4}[a-z]?(?:/[0-9]{1,4})?,?(?:\s{1,2}(?:đường|phố))?(?=\s)")
_STREET_WORD = re.compile(r"(?:\s{1,2}(?:đường|phố))$")
_COUNTED = re.compile(r"(?:văn|phiên|một|hai|mỗi|các|những|từng|[0-9])\s{1,3}$")
_TITLE_WORD = re.compile(r"\s{1,3}([^\W\d_]{1,12})(?![^\W\d_])")
_NOT_PLACES = frozenset(
    "giấy tờ sao chính đăng quyết phiếu thông luật nghị điều khoản chương mục phụ bộ sở ủy uỷ ubnd ngày tháng "
    "năm giờ tuần quý lần trang tuổi người".split()
)
# Words that say someone lives there ("nhà" but not "nhà văn hóa", "nhà nước").
_HOME = re.compile(
    r"(?<!\w)(?:trú|hktt|hộ\s{1,3}khẩu|địa\s{1,3}chỉ|đ/c|nơi\s{1,3}ở|quê|người\s{1,3}gửi|gia\s{1,3}đình"
    r"|nhà(?!\s{1,3}(?:văn|nước|thờ|máy|trường|khách|ga|hàng|sách|tù|xưởng|kho|bia|in|ở\s{1,3}xã)))(?!\w)"
)
_LIVES = re.compile(r"(?<!\w)(?:ở|sống)(?!\w)")
_OFFICE = re.compile(
    r"(?<!\w)(?:trụ\s{1,3}sở|bộ\s{1,3}phận|một\s{1,3}cửa|đặt\s{1,3}tại|điểm\s{1,3}tiếp\s{1,3}nhận|nhà\s{1,3}văn\s{1,3}ho[áa]"
    r"|văn\s{1,3}phòng|ubnd|ủy\s{1,3}ban|uỷ\s{1,3}ban|trung\s{1,3}tâm|quầy|cơ\s{1,3}quan|bà\s{1,3}con|các\s{1,3}hộ"
    r"|hộ\s{1,3}dân|nhân\s{1,3}dân|người\s{1,3}dân|ông\s{1,3}bà|cán\s{1,3}bộ|tổ\s{1,3}công\s{1,3}tác|đoàn\s{1,3}công\s{1,3}tác)(?!\w)"
)
# "phòng 3 của Trung tâm", "khối 5 thuộc Bộ phận một cửa": an office's room or block.
_OFFICE_AFTER = re.compile(r"\s{0,3},?\s{0,3}(?:của|thuộc)\s{1,3}" + _OFFICE.pattern)
_WORDS = re.compile(r"\w+")
_SENTENCE = re.compile(r"[.;!?\n](?=\s)")


def _last(pattern: re.Pattern[str], text: str) -> int:
    position = -1
    for match in pattern.finditer(text):
        position = match.start()
    return position


def _lives_there(view: View, start: int) -> bool | None:
    """True when the words before say someone lives there, False when an office's or a
    community's, None when they say neither."""
    window = view.low[max(0, start - _WINDOW) : start]
    cut = _last(_SENTENCE, window)
    window = window[cut + 1 :]
    home, office = _last(_HOME, window), _last(_OFFICE, window)
    if home > office:
        return True
    if office >= 0:
        return False
    return True if _LIVES.search(window) else None


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


def _units(view: View) -> Iterator[Span]:
    """A village or block where the sentence says someone lives: "ở thôn Nà Lừa", "HKTT khối 3"."""
    for match in _UNIT.finditer(view.low):
        if _COUNTED.search(view.low, max(0, match.start() - 8), match.start()):
            continue
        number = _UNIT_NUMBER.match(view.low, match.end())
        end = number.end() if number else _titled(view, match.end())[0] if match.group(1) else match.end()
        if end > match.end() and _lives_there(view, match.start()) and not _OFFICE_AFTER.match(view.low, end):
            yield ADDRESS, match.start(), end


def _houses(view: View) -> Iterator[Span]:
    """A house number on a street: "số nhà 12", "12 Trần Đăng Ninh", "12 đường trần phú"."""
    for match in _HOUSE.finditer(view.low):
        yield ADDRESS, match.start(), match.end()
    for match in _STREET_NUMBER.finditer(view.low):
        end, count = _titled(view, match.end())
        if _STREET_WORD.search(match.group()):
            # "12 đường trần phú": the street word says it, whatever the case of the name.
            word = _TITLE_WORD.match(view.low, match.end())
            if count or word is not None:
                yield ADDRESS, match.start(), end if count or word is None else word.end()
        elif count >= 2:
            yield ADDRESS, match.start(), end


def _published(view: View, span: Span, allowed: frozenset[tuple[str, ...]]) -> bool:
    return tuple(_WORDS.findall(view.low, span[1], span[2])) in allowed


def addresses(view: View, allowed: frozenset[tuple[str, ...]] = frozenset()) -> Iterator[Span]:
    """Home addresses; `allowed` are runs of words of the agencies' published addresses."""
    for span in _units(view):
        if not _published(view, span, allowed):
            yield span
    for span in _houses(view):
        if _published(view, span, allowed) or _OFFICE_AFTER.match(view.low, span[2]):
            continue
        if _lives_there(view, span[1]) is not False:
            yield span
