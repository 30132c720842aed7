"""The fast QR encoder gives segno's own SVG, byte for byte (site_builder/render/qr.py).

segno is the reference: every version, every boosted error level, every text length the fast path
takes, and the inputs it leaves to segno, must come out as `segno.make(...).save(...)` writes them.
"""

from __future__ import annotations

import random
import string
from pathlib import Path

import pytest

from site_builder.render import qr

SITE_URL = "https://thutuc.langson.example/"
SLUG_WORDS = "cap phieu ly lich tu phap dang ky khai sinh giay phep xay dung dat dai ho tich".split()


def _slug(rng: random.Random) -> str:
    return "-".join(rng.choice(SLUG_WORDS) for _ in range(rng.randint(1, 14)))


def test_procedure_addresses_match_segno() -> None:
    rng = random.Random(20261126)
    for _ in range(300):
        url = qr.online_address(SITE_URL, _slug(rng))
        assert qr.qr_svg(url) == qr._segno_svg(url), url


def test_every_length_and_alphabet_matches_segno() -> None:
    rng = random.Random(7)
    alphabet = string.ascii_letters + string.digits + "-._~:/?#[]@!$&'()*+,;=% "
    for length in range(1, 300):
        text = "".join(rng.choice(alphabet) for _ in range(length))
        assert qr.qr_svg(text) == qr._segno_svg(text), text


@pytest.mark.parametrize("version", range(1, 41))
def test_every_version_matches_segno(version: int) -> None:
    lengths = [n for n in range(qr._MIN_FAST_LENGTH, 2400) if qr._byte_mode_version(n)[0] == version]
    rng = random.Random(version)
    for length in {lengths[0], lengths[-1]} if lengths else set():
        text = "h" + "".join(rng.choice(string.ascii_lowercase + "/-.") for _ in range(length - 1))
        assert qr.qr_svg(text) == qr._segno_svg(text), (version, length)


@pytest.mark.parametrize(
    "text",
    [
        "HTTPS://THUTUC.EXAMPLE/ABC/",  # alphanumeric mode
        "0123456789012345678901",  # numeric mode
        "https://x.vn/",  # short: may be a Micro QR code
        "https://thutuc.example/thủ-tục/đăng-ký/",  # not ASCII
    ],
)
def test_what_the_fast_path_leaves_to_segno(text: str) -> None:
    assert qr.qr_svg(text) == qr._segno_svg(text)


def test_write_qr_codes_writes_one_file_per_procedure(tmp_path: Path) -> None:
    ids = ["dang-ky-khai-sinh", "cap-phieu-ly-lich-tu-phap"]
    written = qr.write_qr_codes(sorted(ids), tmp_path, SITE_URL)
    assert written == [tmp_path / qr.qr_path(i) for i in sorted(ids)]
    for procedure_id in ids:
        svg = (tmp_path / qr.qr_path(procedure_id)).read_bytes()
        assert svg == qr._segno_svg(qr.online_address(SITE_URL, procedure_id))
