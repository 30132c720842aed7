"""Folding Vietnamese text for matching: the one fold used by ids, suggestions and search.

NFD, drop the combining marks U+0300–U+036F (tones and vowel marks), đ → d, lower case.
`hoà`, `hòa` and decomposed input all fold to `hoa`.
"""

from __future__ import annotations

import re
import unicodedata

_MARKS = re.compile("[\u0300-\u036f]")
_NON_SLUG = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Vietnamese text without diacritics, lower case."""
    stripped = _MARKS.sub("", unicodedata.normalize("NFD", text))
    return stripped.replace("đ", "d").replace("Đ", "D").lower()


def slugify(text: str) -> str:
    """A file-name-safe id: `Đăng ký khai sinh` → `dang-ky-khai-sinh`."""
    return _NON_SLUG.sub("-", fold(text)).strip("-")
