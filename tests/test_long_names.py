"""Names as long as the real ones, on a phone: nothing scrolls sideways, nothing overlaps.

The longest name of the national lists we have (590 characters; the national database's longest,
1,094 characters, is known to us only by its length) replaces a procedure's name in the small
catalogue; another procedure gets an editor's short_name. Chromium at 360×740 opens the procedure
page, a list, the home page's cards, the search results and the kiosk copy (file://).
Screenshots go to $THUTUC_SCREENSHOTS when it is set, to look at them.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import FIXTURE_CATALOGUE, build_site, copy_project, replace, run_thutuc, serve_directory
from playwright.sync_api import Browser, Page, ViewportSize
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from realnames import longest_name, national_names

from site_builder.render.names import short_form

LONG = longest_name()
SHORT = short_form(LONG)
PHONE: ViewportSize = {"width": 360, "height": 740}
Box = tuple[float, float, float, float]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("long") / "project", FIXTURE_CATALOGUE)
    procedures = project / "procedures"
    replace(procedures / "dang-ky-khai-sinh.yml", "name: Đăng ký khai sinh\n", f"name: {LONG}\n")
    replace(
        procedures / "cap-phieu-ly-lich-tu-phap.yml",
        "name: Cấp Phiếu lý lịch tư pháp\n",
        "name: Cấp Phiếu lý lịch tư pháp\nshort_name: Phiếu lý lịch tư pháp\n",
    )
    return project


@pytest.fixture(scope="module")
def site_url(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve_directory(build_site(project, tmp_path_factory.mktemp("long-site") / "site")) as url:
        yield url


@pytest.fixture(scope="module")
def kiosk_url(project: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    tmp = tmp_path_factory.mktemp("long-kiosk")
    result = run_thutuc(
        "kiosk",
        "--config",
        str(project / "mkdocs.yml"),
        "--dir",
        str(tmp / "kiosk"),
        "--output",
        str(tmp / "k.zip"),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return (tmp / "kiosk").as_uri() + "/"


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE, locale="vi-VN")
    yield context.new_page()
    context.close()


def look(page: Page, name: str) -> None:
    if os.environ.get("THUTUC_SCREENSHOTS"):
        page.screenshot(path=str(Path(os.environ["THUTUC_SCREENSHOTS"]) / f"{name}.png"))


def no_sideways_scroll(page: Page) -> None:
    """Once Material's animations have settled (the search overlay grows from a circle that is,
    while it grows, wider than the screen), the page is no wider than the screen."""
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function("document.scrollingElement.scrollWidth <= innerWidth", timeout=2000)
    width, inner = page.evaluate("[document.scrollingElement.scrollWidth, innerWidth]")
    assert width <= inner, f"the page is {width} px wide on a {inner} px screen"


def boxes(page: Page, selector: str) -> list[Box]:
    found: list[Box] = page.locator(selector).evaluate_all(
        """els => els.filter(e => e.getClientRects().length).map(e => {
             const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })"""
    )
    assert found, selector
    return found


def overlap(a: Box, b: Box) -> bool:
    return min(a[2], b[2]) - max(a[0], b[0]) > 0.5 and min(a[3], b[3]) - max(a[1], b[1]) > 0.5


def settled(page: Page, selectors: tuple[str, ...]) -> list[tuple[str, Box]]:
    """The boxes once they stop moving (Material slides the search panel in on a phone)."""
    found: list[tuple[str, Box]] = []
    for _ in range(30):
        now = [(s, box) for s in selectors for box in boxes(page, s)]
        if now == found:
            break
        found = now
        page.wait_for_timeout(100)
    return found


def apart(page: Page, *selectors: str) -> None:
    """The elements matched (siblings on the page) lie side by side or one below the other."""
    found = settled(page, selectors)
    clashes = [(s, t) for i, (s, a) in enumerate(found) for t, b in found[i + 1 :] if overlap(a, b)]
    assert clashes == []
    inner = page.evaluate("innerWidth")
    assert all(box[0] >= 0 and box[2] <= inner for _, box in found)


def shows_short_form_and_keeps_the_full_name(page: Page, link_selector: str, shot: str) -> None:
    link = page.locator(link_selector).filter(has=page.locator(".tt-cut")).first
    assert link.locator(".tt-cut__short").inner_text() == SHORT
    full = link.locator(".tt-cut__full")
    assert full.bounding_box() is not None and full.bounding_box()["width"] <= 1  # type: ignore[index]
    assert page.get_by_role("link", name=LONG, exact=True).count() >= 1  # what a screen reader reads
    link.focus()
    look(page, shot)
    assert not link.locator(".tt-cut__short").is_visible()
    assert full.bounding_box()["width"] > 100  # type: ignore[index]
    no_sideways_scroll(page)


def test_procedure_page_shows_the_full_name(phone: Page, site_url: str) -> None:
    phone.goto(site_url + "thu-tuc/dang-ky-khai-sinh/")
    look(phone, "procedure")
    assert phone.locator("h1#ten-thu-tuc").inner_text() == LONG
    assert phone.title().startswith(SHORT)
    no_sideways_scroll(phone)
    apart(phone, ".tt-breadcrumb", "h1#ten-thu-tuc", ".tt-meta", ".tt-summary")
    apart(phone, ".md-header__inner > :is(label, .md-header__title)")


def test_list_and_cards_show_the_short_form(phone: Page, site_url: str) -> None:
    phone.goto(site_url + "linh-vuc/ho-tich/")
    look(phone, "list")
    no_sideways_scroll(phone)
    apart(phone, "ul.tt-list > li")
    apart(phone, "ul.tt-list > li > a", "ul.tt-list > li > .tt-item__meta")
    shows_short_form_and_keeps_the_full_name(phone, "ul.tt-list > li > a", "list-focused")
    phone.goto(site_url)
    look(phone, "home")
    no_sideways_scroll(phone)
    apart(phone, "ul.tt-list--featured > li > a", "ul.tt-list--featured > li > .tt-item__meta")
    shows_short_form_and_keeps_the_full_name(phone, "ul.tt-list--featured > li > a", "home-focused")


def test_editors_short_name_is_used_in_lists(phone: Page, site_url: str) -> None:
    phone.goto(site_url + "linh-vuc/ly-lich-tu-phap/")
    item = phone.locator("ul.tt-list > li > a", has_text="Phiếu lý lịch tư pháp").first
    assert item.locator(".tt-cut__short").inner_text() == "Phiếu lý lịch tư pháp"
    assert phone.get_by_role("link", name="Cấp Phiếu lý lịch tư pháp", exact=True).count() == 1
    phone.goto(site_url + "thu-tuc/cap-phieu-ly-lich-tu-phap/")
    assert phone.title().startswith("Phiếu lý lịch tư pháp")
    assert phone.locator("h1#ten-thu-tuc").inner_text() == "Cấp Phiếu lý lịch tư pháp"


def search(page: Page, query: str) -> None:
    page.keyboard.press("/")
    box = page.locator("input.md-search__input")
    box.wait_for(state="visible")
    box.fill(query)
    page.locator(".md-search-result__item").first.wait_for()


def test_search_results_show_the_short_form(phone: Page, site_url: str) -> None:
    phone.goto(site_url)
    search(phone, "xet huong che do tro cap")
    no_sideways_scroll(phone)
    look(phone, "search")
    first = phone.locator(".md-search-result__item").first
    assert first.locator(".tt-cut__short").inner_text() == SHORT
    assert first.locator(".tt-cut__full").inner_text() == LONG
    apart(phone, ".md-search-result__item")
    apart(phone, ".md-search-result__article > h1", ".md-search-result__article > p")


def test_kiosk_copy_on_a_phone(phone: Page, kiosk_url: str) -> None:
    phone.goto(kiosk_url + "thu-tuc/dang-ky-khai-sinh.html")
    look(phone, "kiosk-procedure")
    assert phone.locator("h1#ten-thu-tuc").inner_text() == LONG
    no_sideways_scroll(phone)
    apart(phone, ".tt-breadcrumb", "h1#ten-thu-tuc", ".tt-meta", ".tt-summary")
    phone.goto(kiosk_url + "linh-vuc/ho-tich.html")
    look(phone, "kiosk-list")
    no_sideways_scroll(phone)
    apart(phone, "ul.tt-list > li")
    shows_short_form_and_keeps_the_full_name(phone, "ul.tt-list > li > a", "kiosk-list-focused")
    search(phone, "xet huong che do tro cap")
    no_sideways_scroll(phone)
    look(phone, "kiosk-search")
    apart(phone, ".md-search-result__item")


def test_short_form_cuts_real_names_at_a_word_boundary() -> None:
    cut = 0
    for name in (row["name"] for row in national_names()):
        short = short_form(name)
        assert len(short) <= 160
        if short != name:
            cut += 1
            head = short.removesuffix("…")
            assert short.endswith("…") and name.startswith(head), short
            assert not name[len(head)].isalnum(), (short, name[len(head) :][:20])  # a whole word
    assert cut == sum(len(row["name"]) > 160 for row in national_names()) > 50
    assert short_form(LONG, "Tên rút gọn của biên tập viên") == "Tên rút gọn của biên tập viên"
