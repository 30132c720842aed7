"""People's names in published text: "ông Nguyễn Văn A", "ÔNG NGUYỄN VĂN A", "Họ tên: …".

A name is recognised after a word that introduces a person (công dân, người gửi, người khiếu
nại, đồng chí, a kin term such as ông, bà, anh, chị, em, cô, chú, cụ, bác, cháu, a family word
such as vợ, chồng, con, bố, mẹ, or a label "Tên:") when either the next two words are
capitalised like a name ("Nguyễn Văn", not "Chủ tịch") or the next word is a Vietnamese
surname, whatever the case. Punctuation may stand between ("Ông: X", "Ông (X)", "Ông \"X\"",
"Vợ là X"). Weaker introductions ("của", "do", "(", the abbreviations "Ô." and "B.") need a
surname and a middle name ("của Nguyễn Văn Bình", not "của Trần Hưng Đạo").

Place names that are also people's names ("xã Hoàng Văn Thụ", "đường Bà Triệu") are not
names: a place word stands before them, as a whole word and not the end of another word
("yêu cầu bà X" and "văn bản ông X" are people). An official published in the agency
registry (agencies.yml `name`) is not the sender: their name is allowed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .privacy_text import FOLD, View

Span = tuple[str, int, int]
Names = frozenset[tuple[str, ...]]
NAME = "họ tên người gửi"

_INTRO = re.compile(
    r"(?<!\w)(?:công\s{1,3}dân|người\s{1,3}(?:dân|gửi|phản\s{1,3}ánh|kiến\s{1,3}nghị|khiếu\s{1,3}nại|"
    r"tố\s{1,3}cáo|đề\s{1,3}nghị|yêu\s{1,3}cầu|đứng\s{1,3}đơn)|họ\s{1,3}(?:và\s{1,3})?tên|đồng\s{1,3}chí|đ/c"
    r"|ông|bà|anh|chị|em|cô|chú|cụ|bác|cháu|vợ|chồng|con(?:\s{1,3}(?:gái|trai|dâu|rể|nuôi))?"
    r"|(?:bố|mẹ|cha)(?:\s{1,3}(?:đẻ|nuôi|kế))?|tên(?:\s{1,3}(?:công\s{1,3}dân|người\s{1,3}\w{1,8}))?(?=\s{0,2}:))"
    r"(?!\w)"
)
# Words that introduce a name only when a surname and a middle name follow.
# (Without a leading look-behind the engine skips ahead to the first letters: a word's start
# is checked by `_starts_word`.)
_INTRO_WEAK = re.compile(r"(?:của|do|ô\.|b\.)|\(")
# Texts typed without accents ("ong nguyen van binh", or an id): the same words, folded.
_INTRO_FOLDED = re.compile(
    r"(?<![a-z0-9])(?:cong\s{1,3}dan|nguoi\s{1,3}gui|dong\s{1,3}chi|ong|ba|anh|chi|co|chu|vo|chong|bo|me|cha)"
    r"(?![a-z0-9])"
)
_LABEL = re.compile(
    r"(?<!\w)(?:họ(?:\s{1,3}và\s{1,3}|\s{0,2},\s{0,2}|\s{1,3})tên|tên\s{1,3}người\s{1,3}gửi)\s{0,3}:\s{0,3}"
)
_WORD = re.compile(r"[\s\-]{1,3}([^\W\d_]{1,12})(?![^\W\d_])")
# The first word may follow punctuation or "là": "Ông: X", "Ông (X)", "Ông \"X\"", "Vợ là X".
_FIRST = re.compile(r"(?:\s{0,2}[:(\"'“”«‘’\-–—]\s{0,2}|\s{0,3})(?:là\s{1,3})?([^\W\d_]{1,12})(?![^\W\d_])")
_LABELLED_WORD = re.compile(r"\s{0,3}([^\W\d_]{1,12})(?![^\W\d_])")
# Words after which a kin term or a name is part of a place: "đường Bà Triệu", "xã Hoàng Văn Thụ".
_PLACE_BEFORE = re.compile(
    r"(?<!\w)(?:xã|phường|thị\s{1,3}trấn|huyện|tỉnh|thành\s{1,3}phố|tp\.?|thôn|bản|đường|phố|ngõ|quận|trường|"
    r"cầu|chợ|khu|ấp|làng|núi|sông|hồ|đền|chùa|tượng\s{1,3}đài|lăng|bác\s{1,3}hồ|quảng\s{1,3}trường)\s{1,3}$"
)
# Words that end in a place word but are not places: "yêu cầu bà X", "văn bản ông X".
_NOT_PLACE_BEFORE = re.compile(
    r"(?<!\w)(?:(?:yêu|nhu|toàn)\s{1,3}cầu|(?:văn|cơ|phiên|kịch|xuất|nguyên|bổn)\s{1,3}bản"
    r"|(?:thị|môi|hiện|chiến|phi)\s{1,3}trường|đồng\s{1,3}hồ|(?:con|lên|xuống)\s{1,3}đường)\s{1,3}$"
)
# "xã Hoàng Văn Thụ (Hoàng Văn Thụ cũ)": a bracket after a place's name holds a place's name.
_PLACE_PAREN = re.compile(
    r"(?<!\w)(?:xã|phường|thị\s{1,3}trấn|huyện|tỉnh|thành\s{1,3}phố|thôn|bản|đường|phố|quận|khu|ấp|làng)"
    r"(?:\s{1,3}[^\W\d_]{1,12}){1,4}\s{0,2}\($"
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


def _words(view: View, at: int, first: re.Pattern[str] = _FIRST) -> list[tuple[int, int]]:
    """Up to four words from `at`, as spans of the view."""
    spans: list[tuple[int, int]] = []
    while len(spans) < 4:
        match = (first if not spans else _WORD).match(view.norm, at)
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


def _starts_word(text: str, at: int) -> bool:
    return at == 0 or not (text[at - 1].isalnum() or text[at - 1] == "_")


def _placed(view: View, start: int) -> bool:
    if view.low[start : start + 1] == "(":
        return _PLACE_PAREN.search(view.low, max(0, start - 60), start + 1) is not None
    if _PLACE_BEFORE.search(view.low, max(0, start - 24), start) is None:
        return False
    return _NOT_PLACE_BEFORE.search(view.low, max(0, start - 24), start) is None


def _published(view: View, words: list[tuple[int, int]], taken: int, allowed: Names) -> bool:
    """Whether the name is one the agency registry publishes (an official's), or a public figure's."""
    if view.low[words[0][0] : words[taken - 1][1]] in _PUBLIC:
        return True
    said = tuple(view.low[a:b] for a, b in words[:taken])
    return any(said[:length] in allowed for length in range(2, taken + 1))


def _name_after(
    view: View, start: int, end: int, allowed: Names, *, by_case: bool, strong: bool = False
) -> Span | None:
    words = _words(view, end)
    if not words:
        return None
    taken = (by_case and _by_case(view, words)) or _by_surname(view, words)
    if not taken or (strong and (taken < 3 or not _in(view, words[1], MIDDLE, _MIDDLE_FOLDED))):
        return None
    if _placed(view, start) or _published(view, words, taken, allowed):
        return None
    return NAME, start, words[taken - 1][1]


def names(view: View, allowed: Names = frozenset()) -> Iterator[Span]:
    """Spans from the word that introduces a person to the end of their name; `allowed` are
    published names, as tuples of lower-case words."""
    for match in _LABEL.finditer(view.low):
        words = _words(view, match.end(), _LABELLED_WORD)
        if words and not _published(view, words, len(words), allowed):
            yield NAME, match.start(), words[-1][1]
    for match in _INTRO.finditer(view.low):
        span = _name_after(view, match.start(), match.end(), allowed, by_case=True)
        if span is not None:
            yield span
    for match in _INTRO_WEAK.finditer(view.low):
        if match.group() != "(" and not _starts_word(view.low, match.start()):
            continue
        span = _name_after(view, match.start(), match.end(), allowed, by_case=False, strong=True)
        if span is not None:
            yield span
    # Typed without accents ("ONG Nguyễn", an id): only a surname tells a name, since the
    # folded words are also everyday ones ("co" is có, "chi" is chỉ, "anh" is ánh).
    for match in _INTRO_FOLDED.finditer(view.fold):
        span = _name_after(view, match.start(), match.end(), allowed, by_case=view.ascii)
        if span is not None:
            yield span
