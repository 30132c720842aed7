"""Tokens for search: the same rules are written in search-worker.js (tested for parity).

fold → tokens: runs of a–z, 0–9, with inner dots kept so `1.001193` stays one token.
Adjacent tokens are also joined into pairs (`giay_phep`) so that words in the typed order
rank above the same words scattered.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

from ..textfold import fold

_TOKEN = re.compile(r"[a-z0-9]+(?:\.[a-z0-9]+)*")


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(fold(text))


def pairs(words: list[str]) -> list[str]:
    return [f"{a}_{b}" for a, b in itertools.pairwise(words)]


def with_pairs(text: str) -> str:
    words = tokens(text)
    return " ".join(words + pairs(words))


def distinct(texts: Iterable[str]) -> str:
    """Each token once: for fields where presence matters, not frequency (smaller index)."""
    seen: dict[str, None] = {}
    for text in texts:
        for token in tokens(text):
            seen.setdefault(token, None)
    return " ".join(seen)
