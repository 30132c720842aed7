"""The QR codes of many addresses of one length from a few of segno's codes: same modules, less work.

Why this is exact: for text that segno encodes in byte mode, the version, error level, mode and
length header, padding, format information and (here fixed) mask depend only on the text's
length. What remains is linear over GF(2): the data bits go into the symbol as they are,
Reed-Solomon check bytes are a linear function of the data bytes (adding in GF(256) is XOR),
interleaving and placement only move bits, and the mask is a fixed XOR. So for a `base`
address, code(text) = code(base) XOR the sum of delta(k) over the bits k where text and base
differ, where delta(k) = code(base with bit k flipped) XOR code(base).

A site's addresses share a prefix and mostly differ in a few characters of the id: at 20,000
procedures a family of one length needs about 20 codes from segno (one per bit that varies)
instead of 20,000 (1.7 ms each). `Families.plan` makes a family only where that pays
(`PAYS`), and every delta is made the first time it is needed. tests/test_qr.py compares the
codes with segno's for addresses that vary in every way.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

import segno

Matrix = Sequence[bytes | bytearray]
Make = Callable[[str | bytes], "segno.QRCode"]
# Text segno can only encode in byte mode, with the same bytes: ASCII holding a lowercase letter
# (not numeric, not alphanumeric, and never kanji, whose bytes are all above 0x80).
_BYTE_MODE = re.compile(r"[\x00-\x7f]*[a-z][\x00-\x7f]*")
# A family pays when the codes it draws are at least this many times the codes segno must make
# for it (the base and one per varying bit).
PAYS = 4


def byte_mode(text: str) -> bool:
    """Whether segno encodes `text` in byte mode as its ASCII bytes."""
    return _BYTE_MODE.fullmatch(text) is not None


class Family:
    """Codes of the addresses of one length, from the base's code and one delta per varying bit."""

    def __init__(self, base: str, make: Make) -> None:
        self.base = base.encode("ascii")
        self.make = make
        self.side = 0
        self.code: int | None = None  # the base's modules (one byte each, 0 or 1) as one integer
        self.shape: tuple[object, ...] = ()  # the base's version and error level
        self.deltas: dict[int, int] = {}  # by bit number (most significant first)
        self.broken = False  # segno did not encode a variant as this module expects: never used

    def _modules(self, text: str | bytes) -> tuple[int, tuple[object, ...], int]:
        code = self.make(text)
        rows = code.matrix
        return int.from_bytes(b"".join(rows), "big"), (code.version, code.error, code.mode), len(rows)

    def _delta(self, bit: int) -> int | None:
        delta = self.deltas.get(bit)
        if delta is None:
            flipped = int.from_bytes(self.base, "big") ^ (1 << bit)
            variant = flipped.to_bytes(len(self.base), "big")
            modules, shape, _ = self._modules(variant)
            assert self.code is not None
            if shape != self.shape:
                return None
            delta = self.deltas[bit] = modules ^ self.code
        return delta

    def matrix(self, text: str) -> list[bytes] | None:
        """The rows of `text`'s code, as segno's matrix (None: segno must make it)."""
        if self.broken:
            return None
        if self.code is None:
            self.code, self.shape, self.side = self._modules(self.base.decode("ascii"))
            if self.shape[2] != "byte":
                self.broken = True
                return None
        modules = self.code
        differs = int.from_bytes(text.encode("ascii"), "big") ^ int.from_bytes(self.base, "big")
        while differs:
            bit = differs.bit_length() - 1
            delta = self._delta(bit)
            if delta is None:
                self.broken = True
                return None
            modules ^= delta
            differs ^= 1 << bit
        flat = modules.to_bytes(self.side * self.side, "big")
        return [flat[start : start + self.side] for start in range(0, len(flat), self.side)]


class Families:
    """The families worth making, by the length of their addresses."""

    def __init__(self, make: Make) -> None:
        self.make = make
        self.by_length: dict[int, Family] = {}

    def plan(self, texts: Iterable[str]) -> None:
        """Make a family for each length whose addresses vary in few enough bits (see PAYS)."""
        groups: dict[int, list[str]] = {}
        for text in texts:
            if byte_mode(text) and len(text) not in self.by_length:
                groups.setdefault(len(text), []).append(text)
        for length, members in groups.items():
            base = int.from_bytes(members[0].encode("ascii"), "big")
            varying = 0
            for text in members:
                varying |= int.from_bytes(text.encode("ascii"), "big") ^ base
            if len(members) >= PAYS * (1 + varying.bit_count()):
                self.by_length[length] = Family(members[0], self.make)

    def matrix(self, text: str) -> list[bytes] | None:
        """`text`'s code from its family, if it has one (None: segno must make it)."""
        family = self.by_length.get(len(text))
        if family is None or not byte_mode(text):
            return None
        return family.matrix(text)
