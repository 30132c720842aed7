"""QR codes (site_builder/render/qr.py): a phone reading the code opens the page online.

Codes are drawn by Chromium and read back by OpenCV's QR decoder, a reader independent of segno.
The on-disk cache gives the same bytes as segno, never lets a malformed entry into the site,
and never fails a build.
"""

from __future__ import annotations

import base64
import io
import random
import re
import string
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import cv2
import numpy as np
import pytest
import segno

from site_builder.render import qr
from site_builder.render.qr_linear import Families, Family

if TYPE_CHECKING:  # the cache tests run without Playwright installed
    from playwright.sync_api import Browser, Page

SITE_URL = "https://thutuc.langson.example/"


def read_code(png: bytes) -> str:
    image = cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_GRAYSCALE)
    assert image is not None
    # The page around the code is white: the reader sees more than segno's 2-module margin.
    margin = image.shape[0] // 4
    image = cv2.copyMakeBorder(image, margin, margin, margin, margin, cv2.BORDER_CONSTANT, value=255)
    text, _, _ = cv2.QRCodeDetector().detectAndDecode(image)
    return str(text)


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    # Twice the pixels, like a phone camera that sees the code larger than one pixel a module.
    context = browser.new_context(device_scale_factor=2)
    yield context.new_page()
    context.close()


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(qr.CACHE_ENV, str(folder))
    return folder


def test_the_code_on_a_procedure_page_opens_that_page_online(page: Page, sample_url: str) -> None:
    page.goto(sample_url + "thu-tuc/dang-ky-khai-sinh/")
    online = page.locator('link[rel="canonical"]').get_attribute("href")
    assert online == SITE_URL + "thu-tuc/dang-ky-khai-sinh/"
    code = page.locator("img.tt-qr__code")
    code.scroll_into_view_if_needed()  # loading="lazy"
    code.evaluate("img => img.decode()")
    assert read_code(code.screenshot()) == online
    page.emulate_media(media="print")
    assert not code.is_visible(), "the code is left out of print"


def addresses() -> list[str]:
    """Procedure addresses from short to very long, and text segno encodes in other modes."""
    rng = random.Random(20261126)
    words = "cap phieu ly lich tu phap dang ky khai sinh giay phep xay dung dat dai ho tich".split()
    slugs = ["-".join(rng.choice(words) for _ in range(n)) for n in (1, 3, 6, 10, 16, 30, 60)]
    return [
        *(qr.online_address(SITE_URL, slug) for slug in slugs),
        "https://x.vn/",
        "HTTPS://THUTUC.EXAMPLE/ABC/",
        "0123456789012345678901",
        "https://thutuc.example/thủ-tục/đăng-ký/",
    ]


def test_every_code_reads_back_as_its_address(page: Page, cache: Path) -> None:
    texts = addresses()
    images = "".join(
        f'<img src="data:image/svg+xml;base64,{base64.b64encode(qr.qr_svg(t)).decode()}" style="margin:8px">'
        for t in texts
    )
    page.set_content(f'<body style="background:#fff">{images}</body>')
    read = [read_code(page.locator("img").nth(i).screenshot()) for i in range(len(texts))]
    assert read == texts


def test_write_qr_codes_writes_one_file_per_procedure(tmp_path: Path, cache: Path) -> None:
    ids = ["dang-ky-khai-sinh", "cap-phieu-ly-lich-tu-phap"]
    written = qr.write_qr_codes(sorted(ids), tmp_path / "site", SITE_URL)
    assert written == [tmp_path / "site" / qr.qr_path(i) for i in sorted(ids)]
    for procedure_id in ids:
        svg = (tmp_path / "site" / qr.qr_path(procedure_id)).read_bytes()
        assert svg == qr.make_svg(qr.online_address(SITE_URL, procedure_id))
        assert svg.startswith(b'<svg xmlns="http://www.w3.org/2000/svg" width="') and svg.endswith(
            b"</svg>\n"
        )
    assert cache.is_dir() and not any(p.is_relative_to(tmp_path / "site") for p in cache.rglob("*"))


def entries(cache: Path) -> list[Path]:
    return sorted(p for p in cache.rglob("*") if p.is_file())


def test_the_cache_gives_segnos_bytes_and_is_read_back(cache: Path) -> None:
    url = qr.online_address(SITE_URL, "dang-ky-khai-sinh")
    made = qr.make_svg(url)
    assert made == qr.make_svg(url), "deterministic"
    assert qr.qr_svg(url) == made
    (entry,) = entries(cache)
    assert re.fullmatch("[0-9a-f]{64}[.]svg", entry.name), "named by a hash of the address"
    stat = entry.stat()
    assert qr.qr_svg(url) == made
    assert (entry.stat().st_ino, entry.stat().st_mtime_ns) == (stat.st_ino, stat.st_mtime_ns), (
        "read, not made"
    )


def test_segno_draws_every_code_in_the_shape_the_cache_accepts(cache: Path) -> None:
    """If a segno upgrade draws differently, the cache would silently make every code again."""
    rng = random.Random(7)
    alphabet = string.ascii_letters + string.digits + "-._~:/?#[]@!$&'()*+,;=% đă"
    for length in range(1, 300, 7):
        text = "".join(rng.choice(alphabet) for _ in range(length))
        known = set(entries(cache))
        assert qr.qr_svg(text) == qr.make_svg(text)
        (entry,) = set(entries(cache)) - known
        before = entry.stat().st_ino
        assert qr.qr_svg(text) == qr.make_svg(text)
        assert entry.stat().st_ino == before, f"the entry of {text!r} was made again, not read"


def segnos_own_svg(text: str) -> bytes:
    """What segno's own SVG writer draws for the site's code of `text`."""
    out = io.BytesIO()
    segno.make(text, error="m", mask=3, micro=False).save(out, kind="svg", **qr.SVG_OPTIONS)
    return out.getvalue()


def test_the_codes_are_the_bytes_segnos_own_writer_draws() -> None:
    """make_svg draws the matrix itself (segno's writer was a third of the time of a code):
    every version from the smallest to the largest the site can need, every module identical."""
    rng = random.Random(11)
    alphabet = string.ascii_letters + string.digits + "-._~:/?#[]@!$&'()*+,;=% đă"
    texts = [*addresses(), "", "1", "A"]
    texts += ["".join(rng.choice(alphabet) for _ in range(n)) for n in range(1, 1400, 11)]
    versions = set()
    for text in texts:
        assert qr.make_svg(text) == segnos_own_svg(text), text
        versions.add(segno.make(text, error="m", mask=3, micro=False).version)
    assert len(versions) > 25, "small and large codes"


@pytest.mark.parametrize(
    "kept",
    [
        b"",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>\n',
        b'<svg xmlns="http://www.w3.org/2000/svg" width="111" height="111" class="segno"><g transform="scale(3)">',
        b'<svg xmlns="http://www.w3.org/2000/svg" width="111" height="111" class="segno"><g transform="scale(3)">'
        b'<path fill="#fff" d="M0 0h37v37h-37z"/><path class="qrline" stroke="#000" d="M2 2.5h7" onload="x()"/>'
        b"</g></svg>\n",
    ],
    ids=["empty", "script", "truncated", "event-handler"],
)
def test_a_malformed_cache_entry_is_made_again(cache: Path, kept: bytes) -> None:
    url = qr.online_address(SITE_URL, "dang-ky-khai-sinh")
    qr.qr_svg(url)
    (entry,) = entries(cache)
    entry.write_bytes(kept)
    assert qr.qr_svg(url) == qr.make_svg(url)
    assert entry.read_bytes() == qr.make_svg(url), "and the entry is repaired"


def test_the_cache_keeps_only_the_codes_of_this_segno_and_thutuc(cache: Path) -> None:
    old = cache / "qr-0123456789abcdef"
    old.mkdir(parents=True)
    (old / f"{'0' * 64}.svg").write_bytes(b"<svg/>")
    (cache / "something-else").mkdir()
    qr.qr_svg(qr.online_address(SITE_URL, "dang-ky-khai-sinh"))
    names = sorted(p.name for p in cache.iterdir())
    assert len(names) == 2 and names[0].startswith("qr-") and names[1] == "something-else"
    assert not old.exists(), "the older generation is gone, what is not the cache's stays"


def test_a_cache_that_cannot_be_written_does_not_stop_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(qr.CACHE_ENV, str(blocker))
    url = qr.online_address(SITE_URL, "dang-ky-khai-sinh")
    assert qr.qr_svg(url) == qr.make_svg(url)
    assert list(tmp_path.iterdir()) == [blocker]


def test_where_the_cache_is(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(qr.CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert qr.cache_folder() == tmp_path / "xdg" / "thutuc"
    monkeypatch.setenv(qr.CACHE_ENV, str(tmp_path / "chosen"))
    assert qr.cache_folder() == tmp_path / "chosen"
    monkeypatch.setenv(qr.CACHE_ENV, "")
    assert qr.cache_folder() is None
    url = qr.online_address(SITE_URL, "dang-ky-khai-sinh")
    assert qr.qr_svg(url) == qr.make_svg(url)
    assert not (tmp_path / "xdg").exists() and not (tmp_path / "chosen").exists(), "no cache: nothing written"


def test_codes_drawn_from_a_family_are_segnos_codes() -> None:
    """Addresses of one length are drawn from a few of segno's codes (qr_linear.py): every module
    of every code must be segno's, whichever characters vary, for short and long addresses."""
    rng = random.Random(23)
    slug = string.ascii_lowercase + string.digits + "-"
    groups = [
        [qr.online_address(SITE_URL, f"thu-tuc-tong-hop-{n:05d}") for n in range(0, 20000, 97)],
        *(
            [qr.online_address(SITE_URL, "".join(rng.choice(slug) for _ in range(n))) for _ in range(40)]
            for n in (2, 9, 40, 120)
        ),
        # Upper case, punctuation and control characters vary too; a lowercase letter keeps it in byte mode.
        [f"HTTPS://X.VN/a{''.join(rng.choice(string.printable) for _ in range(14))}" for _ in range(60)],
    ]
    for texts in groups:
        family = Family(texts[0], qr._segno)
        for text in texts:
            assert family.matrix(text) == [
                bytes(r) for r in segno.make(text, error="m", mask=3, micro=False).matrix
            ]


def test_text_segno_encodes_in_another_mode_is_never_drawn_from_a_family() -> None:
    rng = random.Random(5)
    texts = ["".join(rng.choice("AB01a") for _ in range(9)) for _ in range(400)]
    families = Families(qr._segno)
    families.plan(texts)
    assert families.by_length, "a family is made"
    drawn = [text for text in texts if families.matrix(text) is not None]
    assert drawn and all("a" in text for text in drawn)
    for text in texts:
        assert qr.make_svg(text) == segnos_own_svg(text)


def test_a_family_is_made_where_it_saves_work() -> None:
    ids = [qr.online_address(SITE_URL, f"thu-tuc-tong-hop-{n:05d}") for n in range(2000)]
    families = Families(qr._segno)
    families.plan(ids)
    assert list(families.by_length) == [len(ids[0])]
    assert all(families.matrix(text) is not None for text in ids)
    assert len(families.by_length[len(ids[0])].deltas) <= 5 * 4, "a delta for each varying bit of the digits"


def test_a_family_is_made_only_where_it_saves_work() -> None:
    rng = random.Random(3)
    few = [qr.online_address(SITE_URL, f"thu-tuc-{n:03d}") for n in range(5)]
    varied = [
        qr.online_address(SITE_URL, "".join(rng.choice(string.ascii_lowercase) for _ in range(20)))
        for _ in range(200)
    ]
    families = Families(qr._segno)
    families.plan([*few, *varied])
    assert families.by_length == {}


def test_write_qr_codes_draws_a_sites_codes_as_segno_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(qr.CACHE_ENV, "")
    ids = [f"thu-tuc-tong-hop-{n:05d}" for n in range(300)]
    qr.write_qr_codes(ids, tmp_path, SITE_URL)
    for procedure_id in ids:
        expected = segnos_own_svg(qr.online_address(SITE_URL, procedure_id))
        assert (tmp_path / qr.qr_path(procedure_id)).read_bytes() == expected
