"""Tokens for search: the same rules are written in search-worker.js (tested for parity).

fold → tokens: runs of a–z, 0–9, with inner dots kept so `1.001193` stays one token.
Adjacent tokens are also joined into pairs (`giay_phep`) so that words in the typed order
rank above the same words scattered.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable

from ..textfold import fold

_TOKEN = re.compile(r"[a-z0-9]+(?:\.[a-z0-9]+)*")
# Agency, field and document names recur across thousands of procedures: fold them once.
_CACHE = 8192


@functools.lru_cache(maxsize=_CACHE)
def token_tuple(text: str) -> tuple[str, ...]:
    """`tokens` as an immutable (memoised) tuple."""
    return tuple(_TOKEN.findall(fold(text)))


def tokens(text: str) -> list[str]:
    return list(token_tuple(text))


def pairs(words: list[str] | tuple[str, ...]) -> list[str]:
    return [f"{a}_{b}" for a, b in itertools.pairwise(words)]


@functools.lru_cache(maxsize=_CACHE)
def with_pairs(text: str) -> str:
    words = token_tuple(text)
    return " ".join([*words, *pairs(words)])


def distinct_tokens(texts: Iterable[str]) -> dict[str, None]:
    """Each token once, in order of first appearance (a dict used as an ordered set)."""
    seen: dict[str, None] = {}
    for text in texts:
        seen.update(dict.fromkeys(token_tuple(text)))
    return seen


def distinct(texts: Iterable[str]) -> str:
    """Each token once: for fields where presence matters, not frequency (smaller index)."""
    return " ".join(distinct_tokens(texts))
