"""`thutuc kiosk`: the zip, unpacked and opened from index.html in Chromium with no network."""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURE_CATALOGUE, copy_project, run_thutuc
from playwright.sync_api import Browser, Page, Route

FORM = FIXTURE_CATALOGUE / "_forms" / "to-khai-dang-ky-khai-sinh.pdf"


def build(tmp: Path, name: str) -> Path:
    """A kiosk copy at the tests' fixed moment (conftest), so two builds can be compared byte for byte."""
    project = copy_project(tmp / f"project-{name}", FIXTURE_CATALOGUE)
    output = tmp / f"{name}.zip"
    result = run_thutuc(
        "kiosk",
        "--config",
        str(project / "mkdocs.yml"),
        "--dir",
        str(tmp / name),
        "--output",
        str(output),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Đã dựng bản sao" in result.stdout
    return output


@pytest.fixture(scope="module")
def unpacked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("kiosk")
    archive = build(tmp, "kiosk")
    with zipfile.ZipFile(archive) as zipped:
        zipped.extractall(tmp / "usb")
    return tmp / "usb" / "thutuc-kiosk"


class Offline:
    """A browser context with the network unplugged; every request is recorded."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.requests: list[str] = []
        page.context.route("**/*", self._route)

    # chrome:// and chrome-extension:// are Chromium's own PDF viewer, inside the browser.
    LOCAL = ("file://", "data:", "blob:", "chrome://", "chrome-extension://")

    def _route(self, route: Route) -> None:
        self.requests.append(route.request.url)
        if route.request.url.startswith(self.LOCAL):
            route.continue_()
        else:
            route.abort("internetdisconnected")

    def leaving(self) -> list[str]:
        return [url for url in self.requests if not url.startswith(self.LOCAL)]


@pytest.fixture
def kiosk(browser: Browser) -> Iterator[Offline]:
    context = browser.new_context(
        offline=True, viewport={"width": 1080, "height": 1600}, accept_downloads=True
    )
    yield Offline(context.new_page())
    context.close()


def test_zip_holds_the_whole_site(unpacked: Path) -> None:
    for needed in (
        "index.html",
        "thu-tuc/dang-ky-khai-sinh.html",
        "search/search_index.js",
        "assets/javascripts/workers/thutuc-search.js",
        "assets/javascripts/vendor/iframe-worker-shim.js",
        "bieu-mau/to-khai-dang-ky-khai-sinh.pdf",
    ):
        assert (unpacked / needed).is_file(), needed
    small = json.loads((unpacked / "search/search_index.json").read_text(encoding="utf-8"))
    manifest = small["config"]["thutuc"]["manifest"]
    assert (unpacked / (manifest.removesuffix(".json") + ".js")).is_file()
    for page in unpacked.rglob("*.html"):
        doc = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        loaded = [n.get("src") for n in doc.find_all(["script", "img", "iframe"])]
        loaded += [n.get("href") for n in doc.find_all("link") if n.get("rel") != ["canonical"]]
        assert not [u for u in loaded if u and re.match(r"^(https?:)?//", str(u))], page


def test_every_link_inside_the_copy_leads_to_a_file_of_the_copy(unpacked: Path) -> None:
    """Over file:// a folder address (gioi-thieu/) opens nothing: every internal link names a file."""
    dead = []
    # 404.html is for a web server (its links start at the site root); file:// never shows it.
    for page in sorted(p for p in unpacked.rglob("*.html") if p.name != "404.html"):
        doc = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for anchor in doc.find_all("a", href=True):
            href = str(anchor["href"]).split("#", 1)[0]
            if not href or re.match(r"^[a-z][a-z0-9+.-]*:", href):  # same page, or http:, mailto:, tel:
                continue
            target = (page.parent / href).resolve()
            if not target.is_file():
                dead.append(f"{page.relative_to(unpacked)} → {anchor['href']}")
    assert dead == [], "\n".join(dead[:20])


def test_walk_search_download_and_print_with_no_network(kiosk: Offline, unpacked: Path) -> None:
    page = kiosk.page
    page.goto((unpacked / "index.html").as_uri())
    assert "Dữ liệu cập nhật đến" in page.locator(".tt-kiosk-bar").inner_text()
    page.get_by_role("link", name=re.compile("^Hộ tịch")).click()
    page.wait_for_url(re.compile(r"linh-vuc/ho-tich\.html$"))
    page.get_by_role("link", name="Đăng ký khai sinh", exact=True).click()
    page.wait_for_url(re.compile(r"thu-tuc/dang-ky-khai-sinh\.html$"))
    assert page.locator("img.tt-qr__code").is_visible(), "QR code of the online page"
    qr = page.locator("img.tt-qr__code")
    qr.scroll_into_view_if_needed()  # loading="lazy"
    assert qr.evaluate("img => img.decode().then(() => img.naturalWidth)") == 111, (
        "the QR image is in the copy"
    )
    assert "(cần Internet)" in page.locator(".tt-qr").inner_text()

    link = page.get_by_role("link", name="Tải mẫu", exact=True)
    target = (unpacked / "thu-tuc" / (link.get_attribute("href") or "")).resolve()
    assert target.read_bytes() == FORM.read_bytes(), "the form ships inside the copy"
    # From file:// Chromium opens the form in its built-in PDF viewer, read from the copy.
    link.click()
    page.wait_for_url(re.compile(r"bieu-mau/to-khai-dang-ky-khai-sinh\.pdf$"))
    page.go_back()
    page.wait_for_url(re.compile(r"thu-tuc/dang-ky-khai-sinh\.html$"))

    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")

    page.locator(".tt-kiosk-bar__home").click()
    page.wait_for_url(re.compile(r"/index\.html$"))
    page.keyboard.press("/")
    page.locator("input.md-search__input").fill("dang ky khai sinh")
    first = page.locator(".md-search-result__list > .md-search-result__item > a").first
    first.wait_for(timeout=5000)
    assert "dang-ky-khai-sinh.html" in (first.get_attribute("href") or "")
    first.click()
    page.wait_for_url(re.compile(r"thu-tuc/dang-ky-khai-sinh\.html"))
    assert page.locator("h1").inner_text() == "Đăng ký khai sinh"

    assert kiosk.leaving() == []
    parts = [url for url in kiosk.requests if "/search/parts/" in url]
    assert parts and all(url.endswith(".js") for url in parts), "search data came from the stick"


def test_same_data_gives_the_same_zip(tmp_path: Path) -> None:
    first = build(tmp_path, "one")
    second = build(tmp_path, "two")
    assert first.read_bytes() == second.read_bytes()


def test_kiosk_refuses_invalid_data(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", FIXTURE_CATALOGUE)
    (project / "procedures" / "dang-ky-khai-sinh.yml").write_text("id: [\n", encoding="utf-8")
    result = run_thutuc(
        "kiosk",
        "--config",
        str(project / "mkdocs.yml"),
        "--dir",
        str(tmp_path / "k"),
        "--output",
        str(tmp_path / "k.zip"),
    )
    assert result.returncode == 1
    assert "E100" in result.stdout
    assert not (tmp_path / "k.zip").exists()
