"""The built sample site, read as HTML: structure and content a citizen relies on."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup, Tag

SECTIONS = [
    "trinh-tu",
    "cach-thuc",
    "ho-so",
    "thoi-han",
    "doi-tuong",
    "co-quan",
    "ket-qua",
    "phi-le-phi",
    "mau-don",
    "dieu-kien",
    "can-cu",
    "noi-nop",
    "can-bo",
]


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")


def text(node: Tag | None) -> str:
    assert node is not None
    return " ".join(node.get_text(" ").split())


def jsonld(doc: BeautifulSoup) -> dict[str, Any]:
    script = doc.find("script", type="application/ld+json")
    assert isinstance(script, Tag)
    data: dict[str, Any] = json.loads(script.get_text())
    return data


def test_procedure_page_follows_the_announcement_order(sample_site: Path) -> None:
    doc = soup(sample_site, "thu-tuc/dang-ky-khai-sinh")
    assert text(doc.find("h1")) == "Đăng ký khai sinh"
    assert text(doc.select_one(".tt-code")) == "1.001193"
    ids = [s["id"] for s in doc.select("div.tt-procedure > section.tt-section")]
    assert [i for i in ids if i in SECTIONS] == SECTIONS
    glance = text(doc.select_one(".tt-glance"))
    assert "Thời hạn giải quyết" in glance and "01 ngày làm việc" in glance
    assert "Nộp trực tuyến Có, toàn trình" in glance
    assert doc.select(".tt-checklist input[type=checkbox]"), "documents are a checklist"
    for box in doc.select(".tt-checklist input[type=checkbox]"):
        assert doc.find("label", attrs={"for": box["id"]}) is not None


def test_amounts_and_time_limits_read_the_vietnamese_way(sample_site: Path) -> None:
    doc = soup(sample_site, "thu-tuc/dang-ky-thuong-tru")
    fees = text(doc.select_one("#phi-le-phi"))
    assert "20.000 đồng" in fees and "10.000 đồng" in fees
    assert "07 ngày làm việc" in text(doc.select_one("#thoi-han"))
    channels = {card["data-channel"]: text(card) for card in doc.select(".tt-channel")}
    assert "20.000 đồng" in channels["in_person"] and "10.000 đồng" in channels["online"]
    council = soup(sample_site, "thu-tuc/cap-giay-phep-xay-dung-nha-o-rieng-le")
    assert "Mức thu do HĐND tỉnh quy định" in text(council.select_one("#phi-le-phi"))


def test_replaced_procedure_has_a_banner_linking_its_replacement(sample_site: Path) -> None:
    doc = soup(sample_site, "thu-tuc/cap-phieu-ly-lich-tu-phap-so-tu-phap")
    banner = doc.select_one(".tt-status-banner")
    assert banner is not None and "đã được thay thế" in text(banner)
    link = banner.find("a")
    assert isinstance(link, Tag)
    assert link["href"] == "../cap-phieu-ly-lich-tu-phap/"
    assert (sample_site / "thu-tuc/cap-phieu-ly-lich-tu-phap/index.html").is_file()


def test_officials_and_receiving_office_are_shown(sample_site: Path) -> None:
    doc = soup(sample_site, "thu-tuc/dang-ky-khai-sinh")
    officials = doc.select("#can-bo tbody tr")
    assert officials, "responsible officials are published"
    assert all("tên minh họa" in text(row) for row in officials)
    where = doc.select("#noi-nop .tt-contact")
    assert where and all("Đường dây nóng" in text(card) for card in where)


def test_every_page_carries_the_sample_notice(sample_site: Path) -> None:
    pages = list(sample_site.rglob("*.html"))
    assert len(pages) > 60
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "Dữ liệu mẫu:" in html and "KHÔNG phải công bố chính thức" in html, page


def test_the_search_box_speaks_vietnamese_before_the_index_is_ready(sample_site: Path) -> None:
    """Material's Vietnamese labels leave "Initializing search" in English; overrides/partials/language.html."""
    for page in sample_site.rglob("*.html"):
        doc = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assert text(doc.select_one(".md-search-result__meta")) == "Đang chuẩn bị tìm kiếm…", page


def test_the_page_not_found_is_vietnamese(sample_site: Path) -> None:
    doc = BeautifulSoup((sample_site / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert text(doc.find("h1")) == "Không tìm thấy trang"
    assert "Not found" not in doc.get_text()
    assert any(text(a) == "Về trang chủ" for a in doc.find_all("a"))


def test_navigation_never_lists_procedures(sample_site: Path) -> None:
    doc = soup(sample_site, "thu-tuc/dang-ky-khai-sinh")
    nav_links = [a["href"] for a in doc.select(".md-nav a[href]")]
    assert nav_links and not any("thu-tuc/" in str(href) for href in nav_links)


def test_no_resource_is_loaded_from_another_host(sample_site: Path) -> None:
    for page in sample_site.rglob("*.html"):
        doc = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")):
            for node in doc.find_all(tag):
                value = str(node.get(attr) or "")
                if tag == "link" and node.get("rel") in (["canonical"], ["alternate"]):
                    continue
                assert not re.match(r"^(https?:)?//", value), f"{page}: {tag} {value}"


def test_json_ld_describes_a_government_service(sample_site: Path) -> None:
    data = jsonld(soup(sample_site, "thu-tuc/dang-ky-thuong-tru"))
    assert data["@type"] == "GovernmentService"
    assert data["identifier"] == "1.004222"
    assert {o["price"] for o in data["offers"] if "price" in o} == {20000, 10000}
    channels = {c["name"]: c for c in data["availableChannel"]}
    assert channels["Trực tiếp"]["processingTime"] == "P7D"
    assert data["provider"]["@type"] == "GovernmentOrganization"


def test_api_lists_every_procedure_with_a_working_url(sample_site: Path) -> None:
    listing = json.loads((sample_site / "api/procedures.json").read_text(encoding="utf-8"))
    assert len(listing) >= 30
    keys = {"id", "code", "name", "url", "field", "agency", "level", "status"}
    for item in listing:
        assert set(item) == keys
        assert (sample_site / item["url"] / "index.html").is_file()
        full = json.loads((sample_site / "api/thu-tuc" / f"{item['id']}.json").read_text(encoding="utf-8"))
        assert full["name"] == item["name"]


def test_sitemap_lists_procedure_pages(sample_site: Path) -> None:
    sitemap = (sample_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "thu-tuc/dang-ky-khai-sinh/</loc>" in sitemap


def test_a_to_z_follows_the_vietnamese_alphabet(sample_site: Path) -> None:
    doc = soup(sample_site, "a-z")
    letters = [text(a) for a in doc.select(".tt-az-index a")]
    alphabet = "AĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXY"
    assert letters == sorted(letters, key=alphabet.index)
    assert "Đ" in letters and "C" in letters


def test_agency_page_has_contact_card_and_procedures(sample_site: Path) -> None:
    doc = soup(sample_site, "co-quan/cong-an-tinh")
    assert text(doc.find("h1")) == "Công an tỉnh Lạng Sơn"
    assert doc.select_one(".tt-contact") is not None
    links = [a["href"] for a in doc.select("#thu-tuc ~ ul a, section ul.tt-list a")]
    assert "../../thu-tuc/cap-phieu-ly-lich-tu-phap/" in links


def test_feedback_page_lists_every_agency_contact(sample_site: Path) -> None:
    doc = soup(sample_site, "phan-anh")
    rows = doc.select(".tt-feedback-contacts tbody tr")
    assert len(rows) >= 14
