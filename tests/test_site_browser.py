"""The sample site in Debian's Chromium, driven by Playwright: what a citizen clicks and sees."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT
from playwright.sync_api import Browser, Page, Request

AXE = ROOT / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"


class Visit:
    """A page that records every request it makes."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.requests: list[str] = []
        page.on("request", self._record)

    def _record(self, request: Request) -> None:
        self.requests.append(request.url)


@pytest.fixture
def visit(browser: Browser) -> Iterator[Visit]:
    context = browser.new_context(viewport={"width": 412, "height": 900}, locale="vi-VN")
    yield Visit(context.new_page())
    context.close()


def foreign(requests: list[str], origin: str) -> list[str]:
    return [url for url in requests if not url.startswith((origin, "data:", "blob:"))]


def serious_violations(page: Page) -> list[dict[str, Any]]:
    page.add_script_tag(path=str(AXE))
    result: dict[str, Any] = page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations']})"
    )
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:3]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_home_to_field_to_procedure(visit: Visit, sample_url: str) -> None:
    page = visit.page
    page.goto(sample_url)
    assert page.locator("label.tt-search-hero").is_visible()
    page.get_by_role("link", name=re.compile("^Hộ tịch")).click()
    page.wait_for_url(re.compile(r"linh-vuc/ho-tich/$"))
    assert page.locator("h1").inner_text() == "Lĩnh vực Hộ tịch"
    page.get_by_role("link", name="Đăng ký khai sinh", exact=True).click()
    page.wait_for_url(re.compile(r"thu-tuc/dang-ky-khai-sinh/$"))
    assert page.locator("h1").inner_text() == "Đăng ký khai sinh"
    glance = page.locator(".tt-glance").inner_text()
    assert "đúng hạn): Miễn phí" in glance and "quá hạn): Mức thu do HĐND tỉnh quy định" in glance
    assert foreign(visit.requests, sample_url) == []


def test_search_box_on_home_opens_the_search(visit: Visit, sample_url: str) -> None:
    page = visit.page
    page.goto(sample_url)
    page.locator("label.tt-search-hero").click()
    assert page.locator("input.md-search__input").is_visible()


def test_agency_page_shows_contact_and_officials(visit: Visit, sample_url: str) -> None:
    page = visit.page
    page.goto(sample_url + "co-quan/index.html")
    page.get_by_role("link", name="Công an tỉnh Lạng Sơn", exact=True).first.click()
    page.wait_for_url(re.compile(r"co-quan/cong-an-tinh/$"))
    assert "Đường dây nóng" in page.locator(".tt-contact").inner_text()
    assert page.locator("table.tt-officials tbody tr").count() >= 1
    assert foreign(visit.requests, sample_url) == []


def test_a_to_z_letter_jumps_to_its_group(visit: Visit, sample_url: str) -> None:
    page = visit.page
    page.goto(sample_url + "a-z/")
    page.locator(".tt-az-index a", has_text="Đ").click()
    heading = page.locator("h2", has_text=re.compile("^Đ$"))
    assert heading.is_visible()
    following = heading.locator("xpath=following-sibling::ul[1]").inner_text()
    assert "Đăng ký khai sinh" in following


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


@pytest.mark.parametrize(
    "procedure",
    [
        "dang-ky-thuong-tru",
        "dang-ky-dat-dai-cap-giay-chung-nhan-lan-dau",
        "lien-thong-khai-sinh-thuong-tru-the-bao-hiem-y-te-tre-duoi-6-tuoi",
    ],
)
def test_procedure_prints_as_a_one_page_checklist(visit: Visit, sample_url: str, procedure: str) -> None:
    page = visit.page
    page.goto(f"{sample_url}thu-tuc/{procedure}/")
    page.emulate_media(media="print")
    assert page.locator(".tt-checklist").first.is_visible()
    assert page.locator(".tt-glance").is_visible()
    assert page.locator("#noi-nop").is_visible()
    for hidden in (".md-header", ".md-sidebar--primary", "#trinh-tu", "#can-cu", ".tt-toc"):
        assert not page.locator(hidden).first.is_visible(), hidden
    pdf = page.pdf(format="A4", print_background=False)
    assert _pdf_pages(pdf) == 1, "the printed checklist fits on one A4 page"


@pytest.mark.parametrize(
    "path",
    [
        "",
        "linh-vuc/ho-tich/",
        "thu-tuc/dang-ky-thuong-tru/",
        "co-quan/cong-an-tinh/",
        "ket-qua-phan-anh/",
        "ket-qua-phan-anh/thong-ke/",
    ],
)
def test_no_serious_accessibility_violation(visit: Visit, sample_url: str, path: str) -> None:
    visit.page.goto(sample_url + path)
    assert serious_violations(visit.page) == []


def test_feedback_link_is_there_on_every_procedure(visit: Visit, sample_url: str) -> None:
    page = visit.page
    page.goto(sample_url + "thu-tuc/dang-ky-ket-hon/")
    link = page.locator("a.tt-report")
    href = link.get_attribute("href") or ""
    assert href.startswith("mailto:") or href.endswith("phan-anh/")
    link.click()
    if not href.startswith("mailto:"):
        page.wait_for_url(re.compile(r"phan-anh/$"))
        assert page.locator(".tt-feedback-contacts").is_visible()


def test_pdf_page_counter_counts(tmp_path: Path) -> None:
    """The one-page assertion above relies on this counter; make sure it can fail."""
    two_pages = b"%PDF-1.4\n1 0 obj << /Type /Pages >>\n2 0 obj << /Type /Page >>\n3 0 obj << /Type /Page >>"
    assert _pdf_pages(io.BytesIO(two_pages).getvalue()) == 2
