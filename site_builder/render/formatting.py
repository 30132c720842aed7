"""How Vietnamese readers write amounts, time limits, dates and names."""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata

from ..model.procedure import FEE_KIND_LABELS, TIME_UNIT_LABELS, Fee, TimeLimit

# Vietnamese alphabetical order: letters with breve, circumflex, horn and đ are letters of
# their own; the five tones only break ties.
_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_TONES = {"\u0300": 1, "\u0301": 2, "\u0303": 3, "\u0309": 4, "\u0323": 5}


def money(amount: int) -> str:
    """`50000` → `50.000 đồng`; `0` → `Miễn phí`."""
    if amount == 0:
        return "Miễn phí"
    return f"{amount:,}".replace(",", ".") + " đồng"


def fee_amount(fee: Fee) -> str:
    """The amount as a citizen reads it, including 'set by the council' cases."""
    if fee.amount is not None:
        text = money(fee.amount)
        return f"{text}/{fee.per}" if fee.per and fee.amount else text
    return "Mức thu do HĐND tỉnh quy định" + (
        f" ({fee.council_resolution})" if fee.council_resolution else ""
    )


def fee_kind(fee: Fee) -> str:
    return FEE_KIND_LABELS[fee.kind]


def time_limit(limit: TimeLimit) -> str:
    """`3 working_days` → `03 ngày làm việc`, as official documents write it."""
    return f"{limit.value:02d} {TIME_UNIT_LABELS[limit.unit]}"


def date_vn(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def copies(originals: int, copies_count: int, presented: bool) -> str:
    """`01 bản chính, 02 bản sao` / `Xuất trình bản chính`."""
    parts = []
    if originals:
        parts.append(f"{originals:02d} bản chính")
    if copies_count:
        parts.append(f"{copies_count:02d} bản sao")
    if presented:
        parts.append("xuất trình bản chính để đối chiếu")
    text = ", ".join(parts)
    return text[:1].upper() + text[1:]


@functools.lru_cache(maxsize=4096)  # names use a few hundred characters, each decomposed once
def _letter_key(char: str) -> tuple[int, int]:
    decomposed = unicodedata.normalize("NFD", char.lower())
    tone = next((_TONES[c] for c in decomposed if c in _TONES), 0)
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    index = _ALPHABET.find(base)
    return (index if index >= 0 else 100 + ord(base[:1] or " "), tone)


@functools.lru_cache(maxsize=65536)
def sort_key(text: str) -> tuple[tuple[int, int], ...]:
    """Sort Vietnamese names the way a dictionary does (Ă after A, Đ after D)."""
    return tuple(_letter_key(c) for c in re.sub(r"\s+", " ", text.strip()))


def initial(text: str) -> str:
    """The dictionary letter a name is listed under: `Đăng ký` → `Đ`, `Ấn` → `Â`."""
    first = text.strip()[:1]
    decomposed = unicodedata.normalize("NFD", first.upper())
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES)) or "#"
