"""QR codes of each procedure's online address, written at build time as SVG files (no network).

A file per procedure, not inline markup: pages stay lighter and the code is fetched only when
shown (it is hidden in print).

The codes are what `segno.make(url, error="m", mask=3).save(..., kind="svg", scale=3, border=2,
dark="#000", light="#fff", xmldecl=False)` writes, byte for byte, but made about ten times
faster: segno spends ~1.5 ms a code in generic, bit-by-bit Python (codeword placement, masking,
Reed-Solomon, SVG runs). For the only input the site has, an ASCII address in byte mode, the
per-version work is done once (segno's own function patterns, placement order, mask and
format/version information) and each code is then a few big-integer and string operations.
Anything else (non-ASCII, all-digit or upper-case-only text, very short text) goes to segno.
`tests/test_qr_speed_equivalence.py` holds the two to the same bytes.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import chain
from operator import itemgetter
from pathlib import Path
from typing import Any

import segno
from segno import consts as _segno_consts
from segno import encoder as _segno_encoder

from . import urls
from .output import Output

QR_DIR = "qr"

# What the site's codes are: error level M (raised to Q or H when that fits in the same
# version, segno's `boost_error`), a fixed mask, 3 px modules, a 2-module quiet zone.
# A fixed mask: choosing the best of eight was 75 % of the time (3.7 ms a code, 7 s at
# 2,000 procedures); every mask is valid and readers try them all.
_ERROR = "m"
_MASK = 3
_SCALE = 3
_BORDER = 2

# ASCII text segno would not encode in byte mode (it picks the densest mode it can).
_NOT_BYTE_MODE = re.compile(r"[0-9A-Z $%*+\-./:]*")
# Up to 15 bytes segno may make a Micro QR code instead; the fast path starts above that.
_MIN_FAST_LENGTH = 16
_LIGHT_DARK_RUNS = re.compile("0*1+")


def online_address(site_url: str, procedure_id: str) -> str:
    """The page's address on the public site (directory URLs), whatever the build's own style."""
    return site_url.rstrip("/") + "/" + urls.Urls().of(urls.procedure_src(procedure_id))


def qr_path(procedure_id: str) -> str:
    return f"{QR_DIR}/{procedure_id}.svg"


def qr_svg(url: str) -> bytes:
    """The SVG document (UTF-8, trailing newline) of the QR code of `url`, as the site writes it."""
    if url.isascii() and len(url) >= _MIN_FAST_LENGTH and not _is_dense(url):
        data = url.encode("ascii")
        version, error = _byte_mode_version(len(data))
        if version:
            return _svg(_Symbol.of(version, error).matrix(data))
    return _segno_svg(url)


def write_qr_codes(
    procedure_ids: Iterable[str],
    site_dir: Path,
    site_url: str,
    svg: Callable[[str], bytes] | None = None,
    output: Output | None = None,
) -> list[Path]:
    """One SVG file per procedure; `svg` is `qr_svg` or a caller's memoising wrapper of it."""
    make = svg or qr_svg
    folder = site_dir / QR_DIR
    folder.mkdir(parents=True, exist_ok=True)
    out = output or Output()
    written = []
    for procedure_id in procedure_ids:
        path = site_dir / qr_path(procedure_id)
        out.write(path, make(online_address(site_url, procedure_id)))
        written.append(path)
    return written


def _segno_svg(url: str) -> bytes:
    """The reference: segno's own encoder and SVG writer."""
    out = io.BytesIO()
    segno.make(url, error=_ERROR, mask=_MASK).save(
        out, kind="svg", scale=_SCALE, border=_BORDER, dark="#000", light="#fff", xmldecl=False
    )
    return out.getvalue()


def _is_dense(text: str) -> bool:
    """Whether segno would use numeric or alphanumeric mode rather than byte mode."""
    return _NOT_BYTE_MODE.fullmatch(text) is not None


# segno's encoder internals (untyped), pinned by the equivalence test.
_consts: Any = _segno_consts
_encoder: Any = _segno_encoder
_ERROR_LEVELS: tuple[int, ...] = (
    _consts.ERROR_LEVEL_M,
    _consts.ERROR_LEVEL_Q,
    _consts.ERROR_LEVEL_H,
)
_CAPACITY: dict[int, dict[int, int]] = _consts.SYMBOL_CAPACITY


@cache
def _byte_mode_version(length: int) -> tuple[int, int]:
    """The smallest QR version holding `length` bytes at level M, and the boosted error level
    (segno.encoder.find_version and boost_error_level for one byte-mode segment).
    (0, 0) when it does not fit."""
    for version in range(1, 41):
        bits = 4 + _char_count_bits(version) + 8 * length
        if _CAPACITY[version][_consts.ERROR_LEVEL_M] >= bits:
            error = _consts.ERROR_LEVEL_M
            for level in _ERROR_LEVELS[1:]:
                if _CAPACITY[version][level] < bits:
                    break
                error = level
            return version, error
    return 0, 0


def _char_count_bits(version: int) -> int:
    bits: int = _consts.CHAR_COUNT_INDICATOR_LENGTH[_consts.MODE_BYTE][_encoder.version_range(version)]
    return bits


@dataclass(frozen=True)
class _Block:
    count: int
    data: int
    ecc: int
    # Reed-Solomon remainder contribution of each leading coefficient, as an `ecc`-byte int.
    table: tuple[int, ...]


@dataclass(frozen=True)
class _Symbol:
    """Everything about a (version, error level) that does not depend on the data."""

    size: int
    capacity: int  # data codewords
    char_count_bits: int
    blocks: tuple[_Block, ...]
    remainder_bits: int
    mask: int  # mask bits in placement order, the first placed module the most significant
    data_modules: int
    source_of_module: itemgetter[Any]  # row-major module <- index in template + data bits
    template: str  # function patterns, format and version information, as "0"/"1"

    @staticmethod
    @cache
    def of(version: int, error: int) -> _Symbol:
        enc = _encoder
        size: int = enc.calc_matrix_size(version)
        matrix = enc.make_matrix(size, size)
        enc.add_finder_patterns(matrix, size, size)
        enc.add_alignment_patterns(matrix, size, size)
        # segno's placement order: let add_codewords number the free (0x2) modules.
        numbered: list[list[int]] = [list(row) for row in matrix]
        free = sum(row.count(0x2) for row in matrix)
        enc.add_codewords(numbered, list(range(3, free + 3)), version)
        order = [(-1, -1)] * free
        for i, row in enumerate(numbered):
            for j, value in enumerate(row):
                if matrix[i][j] == 0x2:
                    order[value - 3] = (i, j)
                    matrix[i][j] = 0x0
        enc.add_format_info(matrix, version, error, _MASK)
        enc.add_version_info(matrix, version)
        template = "".join("".join("01"[v] for v in row) for row in matrix)
        mask_fn = enc.get_data_mask_functions(False)[_MASK]
        mask = int("".join("1" if mask_fn(i, j) else "0" for i, j in order), 2)
        position = {(i, j): k for k, (i, j) in enumerate(order)}
        sources = [
            len(template) + position[(i, j)] if (i, j) in position else i * size + j
            for i in range(size)
            for j in range(size)
        ]
        blocks = tuple(
            _Block(
                info.num_blocks,
                info.num_data,
                info.num_total - info.num_data,
                _rs_table(info.num_total - info.num_data),
            )
            for info in _consts.ECC[version][error]
        )
        capacity = sum(b.count * b.data for b in blocks)
        total = sum(b.count * (b.data + b.ecc) for b in blocks)
        return _Symbol(
            size=size,
            capacity=capacity,
            char_count_bits=_char_count_bits(version),
            blocks=blocks,
            remainder_bits=free - 8 * total,
            mask=mask,
            data_modules=free,
            source_of_module=itemgetter(*sources),
            template=template,
        )

    def matrix(self, data: bytes) -> str:
        """The modules row-major, "1" dark, for byte-mode `data` (that fits)."""
        capacity_bits = 8 * self.capacity
        # Mode indicator, character count, data, terminator, then pad codewords.
        bits = (((_consts.MODE_BYTE << self.char_count_bits) | len(data)) << 8 * len(data)) | int.from_bytes(
            data, "big"
        )
        length = 4 + self.char_count_bits + 8 * len(data)
        terminator = min(4, capacity_bits - length)
        bits <<= terminator
        length += terminator
        # segno pads with 1 to 8 zero bits: a whole 0x00 codeword when already on a codeword
        # boundary (always, in byte mode). Harmless: readers stop at the terminator.
        padding = 8 - length % 8
        bits <<= padding
        length += padding
        message = bits.to_bytes(length // 8, "big")[: self.capacity]
        pads = self.capacity - len(message)
        message += (b"\xec\x11" * (pads // 2 + 1))[:pads]
        # Split into blocks, add Reed-Solomon codewords, interleave.
        data_blocks: list[bytes] = []
        ecc_blocks: list[bytes] = []
        start = 0
        for block in self.blocks:
            for _ in range(block.count):
                chunk = bytes(message[start : start + block.data])
                start += block.data
                data_blocks.append(chunk)
                ecc_blocks.append(_rs_remainder(chunk, block))
        final = bytearray(_interleave(data_blocks))
        final += _interleave(ecc_blocks)
        placed = (int.from_bytes(final, "big") << self.remainder_bits) ^ self.mask
        data_bits = format(placed, f"0{self.data_modules}b")
        return "".join(self.source_of_module(self.template + data_bits))


def _interleave(blocks: list[bytes]) -> bytes:
    """Codeword 0 of each block, then codeword 1..., skipping blocks that are shorter."""
    if len(blocks) == 1:
        return blocks[0]
    shortest = min(len(b) for b in blocks)
    out = bytearray(chain.from_iterable(zip(*blocks, strict=False)))
    for k in range(shortest, max(len(b) for b in blocks)):
        out += bytes(b[k] for b in blocks if k < len(b))
    return bytes(out)


def _rs_table(ecc: int) -> tuple[int, ...]:
    """For each leading coefficient, its product with the generator polynomial (segno's)."""
    exp: Sequence[int] = _consts.GALIOS_EXP
    log: Sequence[int] = _consts.GALIOS_LOG
    gen: Sequence[int] = _consts.GEN_POLY[ecc]
    rows = [0]
    for coefficient in range(1, 256):
        lc = log[coefficient]
        rows.append(int.from_bytes(bytes(exp[lc + g] for g in gen[:ecc]), "big"))
    return tuple(rows)


def _rs_remainder(chunk: bytes, block: _Block) -> bytes:
    """The Reed-Solomon codewords of one block (segno.encoder.make_blocks, as a shift register)."""
    shift = 8 * (block.ecc - 1)
    keep = (1 << 8 * block.ecc) - 1
    table = block.table
    remainder = 0
    for byte in chunk:
        remainder = ((remainder << 8) & keep) ^ table[byte ^ (remainder >> shift)]
    return remainder.to_bytes(block.ecc, "big")


@lru_cache(maxsize=4096)
def _segment(run: str) -> str:
    """A run of light modules then dark ones within a row ("0011") -> its path segment."""
    dark = len(run.lstrip("0"))
    return f"m{len(run) - dark} 0h{dark}"


def _svg(modules: str) -> bytes:
    """segno's SVG writer for a single-colour code on a background, scale > 1, no XML declaration.

    The dark modules are drawn as horizontal strokes, each a move relative to the end of the
    previous one then a horizontal line (`matrix_to_lines` in segno.utils and `write_svg`).
    """
    size = round(len(modules) ** 0.5)
    full = size + 2 * _BORDER
    width = full * _SCALE
    moves: list[str] = []
    x = y = -1  # end of the previous stroke, in modules inside the quiet zone; none yet
    for row in range(size):
        line = modules[row * size : (row + 1) * size]
        start = line.find("1")
        if start < 0:
            continue
        runs = _LIGHT_DARK_RUNS.findall(line)
        first = len(runs[0]) - start
        if y < 0:
            moves.append(f"M{start + _BORDER} {row + _BORDER}.5h{first}")
        else:
            moves.append(f"m{start - x} {row - y}h{first}")
        moves.extend(map(_segment, runs[1:]))
        x, y = line.rfind("1") + 1, row
    background = f'<path fill="#fff" d="M0 0h{full}v{full}h-{full}z"/>'
    lines = f'<path class="qrline" stroke="#000" d="{"".join(moves)}"/>'
    paths = "".join(sorted((lines, background), key=len))  # stable, as segno
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{width}" class="segno">'
        f'<g transform="scale({_SCALE})">{paths}</g></svg>\n'
    ).encode()
