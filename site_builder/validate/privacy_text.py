"""The text the privacy detector reads: what a reader sees, not how it is encoded.

Personal data can hide behind characters no reader notices: zero-width joiners between the
digits of a phone number, bidi controls, full-width "０９１２" or "＠". The detector matches on
a normalised copy (NFKC, invisible characters dropped, lower-cased, accents folded) and maps
every position back to the editor's text, so a message points at the column they see.

The invisible characters are those of the model's table (model/common.py HIDDEN_CHARACTERS,
declared once for every text of the catalogue) and every format character (Unicode Cf).
Marks and format characters (U+034F, variation selectors, Khmer U+17B4) attach to their
neighbour and are dropped, so "0\u034f9\u034f1…" reads 091…; the others look like a blank
(U+2800, Hangul fillers, control characters, line separators) and read as a space, so
"Ông\u2800Nguyễn\u2800Văn" still reads as three words.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from ..model.common import LINE_BREAKS, hidden_character

# With hidden_character (the table holds every Cf character of today's Unicode): whether a
# text needs the slow, per-character path at all.
_NEEDS_WORK = re.compile(r"[\uff00-\uffef]|(?![0-9])\d")


def _fold_table() -> dict[int, str]:
    """Vietnamese letters without their marks, one character for one, so positions stay."""
    table: dict[int, str] = {ord("đ"): "d"}
    for code in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        base = unicodedata.normalize("NFD", chr(code).lower())[:1]
        if base.isascii() and base.isalpha():
            table[code] = base
    return table


FOLD = _fold_table()


@functools.lru_cache(maxsize=4096)
def _shown_as(char: str) -> str:
    """What one character reads as: nothing if invisible, its ASCII digit, its NFKC form."""
    category = unicodedata.category(char)
    if category == "Cf":
        return ""
    if char not in LINE_BREAKS and hidden_character(char) is not None:
        return "" if category.startswith("M") else " "
    if char.isdigit() and not char.isascii():
        return str(unicodedata.digit(char, 0))
    return unicodedata.normalize("NFKC", char)


@dataclass(frozen=True)
class View:
    """A text as read: `norm` keeps letter case, `low` is lower-cased, `fold` has no accents.

    The three have the same length; `origin[i]` is where `norm[i]` came from in the
    original text (None when nothing changed, the common case).
    """

    norm: str
    low: str
    fold: str
    origin: tuple[int, ...] | None
    ascii: bool  # typed without a single accent (or an id): words are ambiguous once folded

    def original(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that `norm[start:end]` was read from."""
        if self.origin is None:
            return start, end
        return self.origin[start], self.origin[end - 1] + 1


def _lower(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    # A few letters lower-case to two characters ("İ"): keep those as they are.
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def read(text: str) -> View:
    """The normalised view of `text`, in time linear in its length."""
    origin: tuple[int, ...] | None = None
    norm = text
    if (
        hidden_character(text, LINE_BREAKS) is not None
        or _NEEDS_WORK.search(text)
        or not unicodedata.is_normalized("NFKC", text)
    ):
        parts: list[str] = []
        where: list[int] = []
        for index, char in enumerate(text):
            shown = _shown_as(char)
            parts.append(shown)
            where.extend([index] * len(shown))
        norm, origin = "".join(parts), tuple(where)
    low = _lower(norm)
    return View(norm, low, low.translate(FOLD), origin, norm.isascii())


def escaped(text: str) -> str:
    """`text` with every invisible or look-alike character spelled out, e.g. ⟨U+200D⟩."""
    out = []
    for char in text:
        category = unicodedata.category(char)
        visible = char == " " or not (category.startswith(("C", "Z")) or char != _shown_as(char))
        out.append(char if visible or char == "\n" else f"⟨U+{ord(char):04X}⟩")
    return "".join(out).replace("\n", " ")


def has_hidden(text: str) -> bool:
    return escaped(text) != text.replace("\n", " ")
