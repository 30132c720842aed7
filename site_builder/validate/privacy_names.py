"""People's names in published text: "ông Nguyễn Văn A", "ÔNG NGUYỄN VĂN A", "Họ tên: …".

A name is recognised after a word that introduces a person (công dân, người gửi, a kin term
such as ông, bà, anh, chị, em, cô, chú, cụ, bác, cháu) when either the next two words are
capitalised like a name ("Nguyễn Văn", not "Chủ tịch") or the next word is a Vietnamese
surname, whatever the case. Place names that are also people's names ("xã Hoàng Văn Thụ",
"đường Bà Triệu") are not names: a place word stands before them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .privacy_text import FOLD, View

Span = tuple[str, int, int]
NAME = "họ tên người gửi"

_INTRO = re.compile(
    r"(?<!\w)(?:công\s{1,3}dân|người\s{1,3}(?:dân|gửi|phản\s{1,3}ánh|kiến\s{1,3}nghị)"
    r"|họ\s{1,3}(?:và\s{1,3})?tên|ông|bà|anh|chị|em|cô|chú|cụ|bác|cháu)(?!\w)"
)
# Texts typed without accents ("ong nguyen van binh", or an id): the same words, folded.
_INTRO_FOLDED = re.compile(
    r"(?<![a-z0-9])(?:cong\s{1,3}dan|nguoi\s{1,3}gui|ong|ba|anh|chi|co|chu)(?![a-z0-9])"
)
_LABEL = re.compile(
    r"(?<!\w)(?:họ(?:\s{1,3}và\s{1,3}|\s{0,2},\s{0,2}|\s{1,3})tên|tên\s{1,3}người\s{1,3}gửi)\s{0,3}:\s{0,3}"
)
_WORD = re.compile(r"[\s\-]{1,3}([^\W\d_]{1,12})(?![^\W\d_])")
_LABELLED_WORD = re.compile(r"\s{0,3}([^\W\d_]{1,12})(?![^\W\d_])")
# Words after which a kin term or a name is part of a place: "đường Bà Triệu", "xã Hoàng Văn Thụ".
_PLACE_BEFORE = re.compile(
    r"(?:xã|phường|thị\s{1,3}trấn|huyện|tỉnh|thành\s{1,3}phố|tp\.?|thôn|bản|đường|phố|ngõ|quận|trường|"
    r"cầu|chợ|khu|ấp|làng|núi|sông|hồ|đền|chùa|tượng\s{1,3}đài|lăng|bác\s{1,3}hồ|quảng\s{1,3}trường)\s{1,3}$"
)
_SURNAMES = (
    "nguyễn trần lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ hồ ngô dương lý đinh đào đoàn lương trương lâm "
    "mai hà tô triệu chu cao lưu nông lộc vi vy hứa lành mã mạc la tạ kiều thái quách lục lò bế diệp doãn "
    "khổng tống thân hầu âu giáp ninh vương phùng trịnh lại tăng cù khúc đàm bạch đồng lăng sầm"
)
# Surnames that are also everyday words ("hà", "mai", "cao", "văn"): a middle name must follow.
_COMMON_WORDS = "hà mai đỗ hồ cao lý đào lương nông văn chu la tô vi mã tạ lâm thái lại đồng lăng tăng"
_MIDDLE = (
    "văn thị đức hữu minh ngọc quang xuân thanh thu kim công đình duy quốc hồng bích mạnh tiến trọng anh "
    "thúy thuỳ thùy phương hải tuấn việt khánh gia bảo"
)


def _both(words: str) -> tuple[frozenset[str], frozenset[str]]:
    """The words as written, and without accents for texts typed without them."""
    accented = frozenset(words.split())
    return accented, frozenset(w.translate(FOLD) for w in accented)


SURNAMES, _SURNAMES_FOLDED = _both(_SURNAMES)
COMMON_WORDS, _COMMON_FOLDED = _both(_COMMON_WORDS)
MIDDLE, _MIDDLE_FOLDED = _both(_MIDDLE)
# First words of capitalised phrases that are titles, bodies or documents, not names.
_NOT_NAMES = frozenset(
    "chủ phó giám trưởng cán công ủy uỷ sở bộ phòng ban trung tổng cục chi luật nghị thông quyết điều khoản "
    "giấy tờ phiếu bản ngày tháng năm quý hội đoàn đảng bệnh kho viện tòa toà cổng trang hệ dịch thủ "
    "việt lạng cao hà thành tỉnh huyện xã phường".split()
)
_PUBLIC = frozenset(["hồ chí minh", "việt nam", "lạng sơn", "hà nội"])


def _is_title(word: str) -> bool:
    return word[:1].isupper() and (len(word) == 1 or word[1:].islower())


def _words(view: View, at: int, pattern: re.Pattern[str] = _WORD) -> list[tuple[int, int]]:
    """Up to four words from `at`, as spans of the view."""
    spans: list[tuple[int, int]] = []
    while len(spans) < 4:
        match = pattern.match(view.norm, at)
        if match is None:
            break
        spans.append(match.span(1))
        at = match.end()
    return spans


def _by_case(view: View, words: list[tuple[int, int]]) -> int:
    """How many leading words are capitalised like a name (0 when fewer than two)."""
    count = 0
    for start, end in words:
        if not _is_title(view.norm[start:end]):
            break
        count += 1
    if count < 2 or view.low[words[0][0] : words[0][1]] in _NOT_NAMES:
        return 0
    return count


def _in(view: View, span: tuple[int, int], accented: frozenset[str], folded: frozenset[str]) -> bool:
    """Whether a word is in a list: as written, or (typed without accents) once folded."""
    word = view.low[span[0] : span[1]]
    return word in accented if not word.isascii() else view.fold[span[0] : span[1]] in folded


def _by_surname(view: View, words: list[tuple[int, int]]) -> int:
    """How many words a lower- or upper-case name starting with a surname spans (0 if none)."""
    if len(words) < 2 or not _in(view, words[0], SURNAMES, _SURNAMES_FOLDED):
        return 0
    if view.ascii:
        # Without accents "phan anh" is also "phản ánh": only "văn"/"thị" then tells a name.
        strong = view.fold[words[1][0] : words[1][1]] in ("van", "thi")
        return min(3, len(words)) if strong and len(words) >= 3 else 0
    if _in(view, words[1], MIDDLE, _MIDDLE_FOLDED):
        return min(3, len(words))
    return 0 if _in(view, words[0], COMMON_WORDS, _COMMON_FOLDED) else 2


def _placed(view: View, start: int) -> bool:
    return _PLACE_BEFORE.search(view.low, max(0, start - 20), start) is not None


def _name_after(view: View, start: int, end: int, *, by_case: bool) -> Span | None:
    if _placed(view, start):
        return None
    words = _words(view, end)
    if not words:
        return None
    taken = (by_case and _by_case(view, words)) or _by_surname(view, words)
    if not taken:
        return None
    last = words[taken - 1][1]
    if view.low[words[0][0] : last] in _PUBLIC:
        return None
    return NAME, start, last


def names(view: View) -> Iterator[Span]:
    """Spans from the word that introduces a person to the end of their name."""
    for match in _LABEL.finditer(view.low):
        words = _words(view, match.end(), _LABELLED_WORD)
        if words:
            yield NAME, match.start(), words[-1][1]
    for match in _INTRO.finditer(view.low):
        span = _name_after(view, match.start(), match.end(), by_case=True)
        if span is not None:
            yield span
    # Typed without accents ("ONG Nguyễn", an id): only a surname tells a name, since the
    # folded words are also everyday ones ("co" is có, "chi" is chỉ, "anh" is ánh).
    for match in _INTRO_FOLDED.finditer(view.fold):
        span = _name_after(view, match.start(), match.end(), by_case=view.ascii)
        if span is not None:
            yield span
