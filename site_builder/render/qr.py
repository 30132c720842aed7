"""QR codes of each procedure's online address, written at build time as SVG files (no network).

A file per procedure, not inline markup: pages stay lighter and the code is fetched only when
shown (it is hidden in print).

segno encodes each code through its public API (`make_svg`): about 1.7 ms of CPU a code. Its
SVG writer took another 0.9 ms, drawing module by module through generic colour maps; `_svg`
writes the very same bytes from the code's public `matrix` in 0.3 ms (runs of dark modules
found by a regular expression): 1.3 s of CPU less per 2,000-procedure build without a cache.
tests/test_qr.py compares every byte with segno's own writer. The codes of a site's addresses
(one prefix, ids of one length) come from a few of segno's codes (qr_linear.py): about 0.3 ms
a code instead of 2, 26 s of CPU less at 20,000 procedures without a cache. A code depends only on its
address, so `qr_svg` keeps the codes in an on-disk cache outside the site: the next build of the same
catalogue (the kiosk copy right after the site, the next publication, the next `thutuc build`
on an editor's machine) reads each code back in about 0.03 ms. The preview server also keeps
them in memory between rebuilds (`svg=` of `write_qr_codes`).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import re
import shutil
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import segno

# Where the cache is: shared with what `check` keeps (cache_dir.py).
from ..cache_dir import CACHE_ENV as CACHE_ENV
from ..cache_dir import cache_folder as cache_folder
from . import urls
from .output import Output
from .qr_linear import Families

QR_DIR = "qr"

# What the site's codes are: never a Micro QR code (phone cameras do not read them; segno makes
# one for text of up to 15 bytes), error level M (segno raises it to Q or H when that fits in
# the same version), a fixed mask, 3 px modules, a 2-module quiet zone. A fixed mask: choosing
# the best of eight is most of segno's time; every mask is valid and readers try them all.
_MICRO = False
_ERROR = "m"
_MASK = 3
_SCALE = 3
_BORDER = 2
# What segno's own writer is given to draw the codes `_svg` draws (the tests compare the two).
SVG_OPTIONS: dict[str, object] = {
    "scale": _SCALE,
    "border": _BORDER,
    "dark": "#000",
    "light": "#fff",
    "xmldecl": False,
}
# A run of dark modules in a row of the code's matrix (segno: 1 dark, 0 light).
_DARK_RUN = re.compile(b"\x01+")


def _generation() -> str:
    """One cache folder per segno version, options and version of this module: an upgrade or
    an edit here never reads codes made the old way."""
    try:
        source = Path(__file__).read_bytes()
    except OSError:
        source = b""
    key = repr((segno.__version__, _MICRO, _ERROR, _MASK, sorted(SVG_OPTIONS.items()), source))
    return hashlib.sha256(key.encode()).hexdigest()[:16]


_GENERATION = _generation()
_GENERATION_NAME = re.compile("qr-[0-9a-f]{16}")
# Exactly the shape segno draws with the options above (a background path and one path of
# horizontal strokes, in either order). A cached file is used only if it has this shape:
# whatever else is in the cache folder never reaches the site. tests/test_qr.py fails if a
# segno upgrade draws differently.
_PATH = (
    rb'(?:<path fill="#fff" d="M0 0h\d+v\d+h-\d+z"/>'
    rb'|<path class="qrline" stroke="#000" d="[Mmh0-9 .-]+"/>)'
)
_SVG_SHAPE = re.compile(
    rb'<svg xmlns="http://www.w3.org/2000/svg" width="(\d+)" height="\1" class="segno">'
    rb'<g transform="scale\(' + str(_SCALE).encode() + rb'\)">' + _PATH + _PATH + rb"</g></svg>\n"
)


def online_address(site_url: str, procedure_id: str) -> str:
    """The page's address on the public site (directory URLs), whatever the build's own style."""
    return site_url.rstrip("/") + "/" + urls.Urls().of(urls.procedure_src(procedure_id))


def qr_path(procedure_id: str) -> str:
    return f"{QR_DIR}/{procedure_id}.svg"


def _segno(text: str | bytes) -> segno.QRCode:
    """segno's code of a text its family gives in byte mode (qr_linear.py)."""
    return segno.make(text, error=_ERROR, mask=_MASK, micro=_MICRO, mode="byte")


# The families of addresses of one length this process has planned (qr_linear.py): the codes of
# a site's procedures from a few of segno's.
_FAMILIES = Families(_segno)


def make_svg(url: str) -> bytes:
    """The SVG document (UTF-8, trailing newline) of the QR code of `url`: the bytes segno's
    writer makes with SVG_OPTIONS."""
    rows = _FAMILIES.matrix(url)
    return _svg(segno.make(url, error=_ERROR, mask=_MASK, micro=_MICRO).matrix if rows is None else rows)


@functools.lru_cache(maxsize=8192)
def _row_runs(row: bytes) -> tuple[int, int, str, int] | None:
    """A row's runs of dark modules: where the first starts and its length, the moves from it to
    the others (relative, on the same row), where the last ends. Codes of a site's addresses share
    most rows (2,000 codes: 66,000 rows, 4,551 distinct), so each is worked out once."""
    spans = [run.span() for run in _DARK_RUN.finditer(row)]
    if not spans:
        return None
    (start, end), rest = spans[0], []
    for run_start, run_end in spans[1:]:
        rest.append(f"m{run_start - end} 0h{run_end - run_start}")
        end = run_end
    return start, spans[0][1] - start, "".join(rest), end


def _svg(matrix: Sequence[bytes | bytearray]) -> bytes:
    """segno's SVG of `matrix`: a background square, then each row's runs of dark modules as
    horizontal strokes at mid-module height, every move relative to the end of the last one
    (the first absolute), the two paths shorter first."""
    moves = []
    last_x, last_y = 0, -1
    for y, row in enumerate(matrix, start=_BORDER):
        runs = _row_runs(bytes(row))
        if runs is None:
            continue
        start, length, rest, end = runs
        x = start + _BORDER
        moves.append(f"M{x} {y}.5h{length}" if last_y < 0 else f"m{x - last_x} {y - last_y}h{length}")
        moves.append(rest)
        last_x, last_y = end + _BORDER, y
    side = len(matrix) + 2 * _BORDER
    dark = f'<path class="qrline" stroke="#000" d="{"".join(moves)}"/>'
    light = f'<path fill="#fff" d="M0 0h{side}v{side}h-{side}z"/>'
    paths = "".join(sorted((dark, light), key=len))
    size = side * _SCALE
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" class="segno">'
        f'<g transform="scale({_SCALE})">{paths}</g></svg>\n'
    ).encode()


def qr_svg(url: str) -> bytes:
    """`make_svg(url)`, read from the on-disk cache when it is there (see `cache_folder`)."""
    folder = cache_folder()
    return make_svg(url) if folder is None else cached_svg(folder, url)


def cached_svg(folder: Path, url: str) -> bytes:
    """`make_svg(url)` through the cache in `folder`. Entries are named by a hash of the address
    (an address never becomes a path) and used only if they have segno's shape; anything else,
    or a cache that cannot be read or written, means the code is made again."""
    path = folder / f"qr-{_GENERATION}" / f"{hashlib.sha256(url.encode()).hexdigest()}.svg"
    try:
        kept = path.read_bytes()
    except OSError:
        kept = b""
    if _SVG_SHAPE.fullmatch(kept):
        return kept
    svg = make_svg(url)
    _keep(path, svg)
    return svg


def _keep(path: Path, svg: bytes) -> None:
    """Write the entry whole or not at all (another build may be reading it); failing is harmless."""
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    try:
        if not path.parent.is_dir():
            path.parent.mkdir(parents=True, exist_ok=True)
            _drop_other_generations(path.parent)
        partial.write_bytes(svg)
        os.replace(partial, path)
    except OSError:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)


def _drop_other_generations(current: Path) -> None:
    """The codes an older segno or thutuc made are never read again: the cache keeps one generation."""
    for folder in current.parent.iterdir():
        if folder != current and _GENERATION_NAME.fullmatch(folder.name):
            shutil.rmtree(folder, ignore_errors=True)


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
    addresses = [(procedure_id, online_address(site_url, procedure_id)) for procedure_id in procedure_ids]
    _FAMILIES.plan(address for _, address in addresses)
    written = []
    for procedure_id, address in addresses:
        path = site_dir / qr_path(procedure_id)
        out.write(path, make(address))
        written.append(path)
    return written
