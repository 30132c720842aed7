"""Search as citizens use it: Material's real search box in Chromium, online and from file://.

The relevance suite (tests/search/queries.yml) prints success@1, success@3 and MRR per kind
of query and overall, for both ways of opening the site: on the sample catalogue, and on the
real-name catalogue (tests/realnames.py: the sample plus the 600 procedures of the two national
lists it lacks) with the citizens' queries of tests/search/real-queries.yml added.
"""

from __future__ import annotations

import re
import time
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, build_site, run_thutuc, serve_directory
from playwright.sync_api import Browser, Page
from realnames import real_catalogue


def _queries(name: str) -> list[dict[str, str]]:
    found: list[dict[str, str]] = yaml.safe_load(
        (ROOT / "tests" / "search" / name).read_text(encoding="utf-8")
    )
    return found


QUERIES = _queries("queries.yml")
REAL_QUERIES = QUERIES + _queries("real-queries.yml")
RESULT_LINKS = ".md-search-result__list > .md-search-result__item > a.md-search-result__link"


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("offline") / "site"
    result = run_thutuc("build", "--offline", "--site-dir", str(out), cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def open_search(browser: Browser, url: str) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(url)
    page.keyboard.press("/")
    page.locator("input.md-search__input").wait_for(state="visible")
    yield page
    context.close()


@pytest.fixture
def online(browser: Browser, sample_url: str) -> Iterator[Page]:
    yield from open_search(browser, sample_url)


@pytest.fixture
def from_file(browser: Browser, offline_site: Path) -> Iterator[Page]:
    yield from open_search(browser, (offline_site / "index.html").as_uri())


@pytest.fixture(scope="module")
def real_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return real_catalogue(tmp_path_factory.mktemp("real") / "project")


@pytest.fixture
def real_online(browser: Browser, real_project: Path, tmp_path: Path) -> Iterator[Page]:
    with serve_directory(build_site(real_project, tmp_path / "site")) as url:
        yield from open_search(browser, url)


@pytest.fixture
def real_from_file(browser: Browser, real_project: Path, tmp_path: Path) -> Iterator[Page]:
    out = tmp_path / "site"
    result = run_thutuc(
        "build", "--offline", "--config", str(real_project / "mkdocs.yml"), "--site-dir", str(out)
    )
    assert result.returncode == 0, result.stdout + result.stderr
    yield from open_search(browser, (out / "index.html").as_uri())


def procedure_of(href: str) -> str:
    match = re.search(r"/thu-tuc/([a-z0-9-]+?)(?:\.html|/)", href)
    return match.group(1) if match else href


def results(page: Page, query: str, settle: float = 3.0) -> list[str]:
    """Type like a phone keyboard does (an `input` event, no key release) and read the list."""
    box = page.locator("input.md-search__input")
    box.fill(query)
    meta = page.locator(".md-search-result__meta")
    deadline = time.monotonic() + settle
    previous: list[str] = []
    while time.monotonic() < deadline:
        current: list[str] = page.eval_on_selector_all(
            RESULT_LINKS, "links => links.slice(0, 10).map(a => a.getAttribute('href') || '')"
        )
        if current and current == previous and "…" not in meta.inner_text():
            return current
        previous = current
        time.sleep(0.15)
    return previous


def measure(page: Page, queries: list[dict[str, str]] = QUERIES) -> dict[str, Any]:
    by_kind: dict[str, list[int]] = defaultdict(list)
    misses = []
    for item in queries:
        query = unicodedata.normalize("NFD", item["q"]) if item["kind"] == "nfd" else item["q"]
        found = [procedure_of(h) for h in results(page, query)]
        rank = found.index(item["want"]) + 1 if item["want"] in found else 0
        by_kind[item["kind"]].append(rank)
        by_kind["tất cả"].append(rank)
        if rank == 0 or rank > 3:
            misses.append((item["q"], item["want"], found[:3]))
    return {"by_kind": by_kind, "misses": misses}


def table(mode: str, outcome: dict[str, Any]) -> str:
    lines = [
        f"\nĐộ phù hợp tìm kiếm — {mode} ({len(outcome['by_kind']['tất cả'])} truy vấn)",
        "| loại | n | success@1 | success@3 | MRR |",
        "|---|---|---|---|---|",
    ]
    for kind, ranks in sorted(outcome["by_kind"].items(), key=lambda kv: (kv[0] == "tất cả", kv[0])):
        n = len(ranks)
        at1 = sum(r == 1 for r in ranks) / n
        at3 = sum(1 <= r <= 3 for r in ranks) / n
        mrr = sum(1 / r for r in ranks if r) / n
        lines.append(f"| {kind} | {n} | {at1:.0%} | {at3:.0%} | {mrr:.3f} |")
    for query, want, found in outcome["misses"]:
        lines.append(f"  trượt: «{query}» → muốn {want}, được {found}")
    return "\n".join(lines)


def success_at_3(outcome: dict[str, Any]) -> float:
    ranks: list[int] = outcome["by_kind"]["tất cả"]
    return sum(1 <= r <= 3 for r in ranks) / len(ranks)


def test_suite_is_large_and_varied() -> None:
    assert len(QUERIES) >= 80
    assert {q["kind"] for q in QUERIES} >= {
        "accented",
        "plain",
        "partial",
        "code",
        "phrasing",
        "old-tone",
        "nfd",
    }


def test_real_name_suite_has_the_citizens_ways_of_typing() -> None:
    assert len(REAL_QUERIES) - len(QUERIES) >= 50
    assert {q["kind"] for q in REAL_QUERIES} >= {"phrasing", "form-code", "telex", "vni", "code"}
    assert len({q["want"] for q in REAL_QUERIES if q["want"].startswith("tt-")}) >= 20


def test_relevance_on_real_names_online(real_online: Page, capsys: pytest.CaptureFixture[str]) -> None:
    outcome = measure(real_online, REAL_QUERIES)
    with capsys.disabled():
        print(table("tên thật, trực tuyến (http)", outcome))
    assert success_at_3(outcome) >= 0.95


def test_relevance_on_real_names_from_file(real_from_file: Page, capsys: pytest.CaptureFixture[str]) -> None:
    outcome = measure(real_from_file, REAL_QUERIES)
    with capsys.disabled():
        print(table("tên thật, mở từ tệp (file://)", outcome))
    assert success_at_3(outcome) >= 0.95


def test_relevance_online(online: Page, capsys: pytest.CaptureFixture[str]) -> None:
    outcome = measure(online)
    with capsys.disabled():
        print(table("trực tuyến (http)", outcome))
    assert success_at_3(outcome) >= 0.95


def test_relevance_from_file(from_file: Page, capsys: pytest.CaptureFixture[str]) -> None:
    outcome = measure(from_file)
    with capsys.disabled():
        print(table("mở từ tệp (file://)", outcome))
    assert success_at_3(outcome) >= 0.95


def test_result_shows_name_field_agency_and_snippet(online: Page) -> None:
    results(online, "dang ky ket hon")
    first = online.locator(RESULT_LINKS).first
    text = first.inner_text()
    assert text.startswith("Đăng ký kết hôn")
    assert "Hộ tịch" in text and "Mã 1.000894" in text
    assert first.locator("mark").first.inner_text() == "Đăng"


def test_no_longer_active_procedures_rank_lower_and_are_marked(online: Page) -> None:
    found = results(online, "ly lich tu phap")
    ids = [procedure_of(h) for h in found]
    assert ids.index("cap-phieu-ly-lich-tu-phap") < ids.index("cap-phieu-ly-lich-tu-phap-so-tu-phap")
    marked = online.locator(RESULT_LINKS).nth(ids.index("cap-phieu-ly-lich-tu-phap-so-tu-phap"))
    assert "Đã được thay thế" in marked.inner_text()


def test_landing_page_highlights_accented_words_from_a_plain_query(online: Page) -> None:
    results(online, "dang ky khai sinh")
    online.locator(RESULT_LINKS).first.click()
    online.wait_for_url(re.compile(r"thu-tuc/dang-ky-khai-sinh/"))
    marks = online.locator("mark[data-md-highlight]")
    marks.first.wait_for()
    highlighted = {word.lower() for text in marks.all_inner_texts() for word in text.split()}
    assert {"đăng", "ký", "khai", "sinh"} <= highlighted


def test_pasted_text_is_searched_without_a_key_release(online: Page) -> None:
    box = online.locator("input.md-search__input")
    box.focus()
    online.keyboard.insert_text("giấy phép xây dựng")  # IME / paste: input event only
    first = online.locator(RESULT_LINKS).first
    first.wait_for(timeout=3000)
    assert procedure_of(first.get_attribute("href") or "") == "cap-giay-phep-xay-dung-nha-o-rieng-le"
