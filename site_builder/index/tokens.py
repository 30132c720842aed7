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


# Raw Telex and VNI typing (a keyboard without a Vietnamese input method): "lys lichj tuw phaps",
# "ly1 lich5 tu7 pha1p". Folded, a Telex or VNI word is the plain syllable plus key letters or
# digits, so undoing the typing is removing those keys, and it counts only when what remains is
# a Vietnamese syllable and the word itself is not one: codes, numbers and words such as "ads",
# "ct07", "tk1", "vneid" never become one. search-worker.js `untyped` does the same (parity test).
_INITIAL = "ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdghklmnprstvx]"
_NUCLEUS = "uya|uye|uyu|uoi|uou|ieu|yeu|oai|oao|oay|oeo|uay|ai|ao|au|ay|eo|eu|ia|ie|iu|oa|oe|oi|ua|ue|ui|uo|uu|uy|ye|[aeiouy]"
_FINAL = "ch|nh|ng|[cmnpt]"
# "oo" only before ng or c (xoong, moóc): elsewhere it is Telex for ô.
_SYLLABLE = re.compile(f"^(?:{_INITIAL})?(?:(?:{_NUCLEUS})(?:{_FINAL})?|oo(?:ng|c))$")
_VNI = re.compile(r"^[a-z]+[a-z0-9]*$")
_TONE_KEYS = re.compile(r"[sfrxjz]")  # Telex tone keys, and z (no tone), typed after a vowel
_FIRST_VOWEL = re.compile(r"[aeiouy]")
_W = re.compile(r"w")
_DOUBLE = re.compile(r"aa|ee|oo|dd")
_DIGIT = re.compile(r"[0-9]")


def syllable(word: str) -> bool:
    """Whether a folded word can be a Vietnamese syllable."""
    return _SYLLABLE.match(word) is not None


def _telex(word: str) -> str:
    vowel = _FIRST_VOWEL.search(word)
    if vowel is None:
        return word
    start = vowel.start()
    untoned = word[:start] + _TONE_KEYS.sub("", word[start:])
    if syllable(untoned):  # xoongf: "oo" is the syllable's own, not a circumflex key
        return untoned
    # uw → ư, ow → ơ, aw → ă; a lone w is ư (tw → tư); aa, ee, oo → â, ê, ô; dd → đ.
    plain = _W.sub("u", untoned.replace("uw", "u").replace("ow", "o").replace("aw", "a"))
    return _DOUBLE.sub(lambda m: m.group(0)[0], plain)


def untyped(word: str) -> str | None:
    """The plain syllable a folded token spells in raw Telex or VNI, or None if it spells none."""
    if syllable(word) or _VNI.match(word) is None:
        return None
    plain = _DIGIT.sub("", word) if _DIGIT.search(word) else _telex(word)
    return plain if plain != word and syllable(plain) else None


def typed_forms(text: str) -> list[list[str]]:
    """The query's words, and the same with raw Telex/VNI words undone when there are any."""
    words = tokens(text)
    plain = [untyped(w) or w for w in words]
    return [words, plain] if plain != words else [words]
