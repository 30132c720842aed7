"""Issue 19: a citizen picks their dossier case and channel and sees only their documents, fee and time limit.

Everything is asserted against the sample data (the YAML read through the model), never against strings
written here: the chooser must show exactly what the file says for each case and channel.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from conftest import SAMPLE_CATALOGUE, commit, copy_project, replace, run_thutuc
from playwright.sync_api import Browser, Page, ViewportSize
from test_kiosk import Offline
from test_site_browser import _pdf_pages, serious_violations

from site_builder.model import Procedure
from site_builder.model.procedure import CHANNEL_LABELS
from site_builder.render.cases import CaseView, Choice, case_views
from site_builder.render.formatting import fee_amount, time_limit

PHONE: ViewportSize = {"width": 412, "height": 900}
BIRTH = "dang-ky-khai-sinh"


def sample(procedure_id: str) -> Procedure:
    text = (SAMPLE_CATALOGUE / f"{procedure_id}.yml").read_text(encoding="utf-8")
    return Procedure.model_validate(yaml.safe_load(text))


def several() -> list[Procedure]:
    every = [sample(path.stem) for path in sorted(SAMPLE_CATALOGUE.glob("*.yml"))]
    return [p for p in every if len(p.dossier.cases) > 1]


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE, locale="vi-VN")
    yield context.new_page()
    context.close()


@pytest.fixture
def no_script(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE, locale="vi-VN", java_script_enabled=False)
    yield context.new_page()
    context.close()


def choose(page: Page, view: CaseView, choice: Choice, cases: int, channels: int) -> None:
    if cases > 1:
        page.get_by_role("radio", name=view.label, exact=True).check()
    if channels > 1:
        page.get_by_role("radio", name=CHANNEL_LABELS[choice.channel.kind], exact=True).check()


def here(page: Page) -> str:
    """The address now: Playwright's page.url learns of history.replaceState only later."""
    address: str = page.evaluate("location.href")
    return address


def fee_texts(p: Procedure) -> set[str]:
    return {f"{fee.name}: {fee_amount(fee)}" for channel in p.channels for fee in channel.fees}


def assert_shows_exactly(page: Page, p: Procedure, view: CaseView, choice: Choice) -> None:
    shown = page.locator(".tt-dcases").inner_text()
    documents = page.locator(".tt-dcase:visible .tt-doc__name").all_inner_texts()
    assert documents == [d.name for d in view.case.documents], (view.label, choice.slug)
    wanted = {f"{fee.name}: {fee_amount(fee)}" for fee in choice.fees}
    assert {text for text in fee_texts(p) if text in shown} == wanted, (view.label, choice.slug, shown)
    if not choice.fees:
        assert "Không thu phí" in shown
    facts = page.locator(".tt-dcase__facts").inner_text()
    assert f"Thời hạn: {time_limit(choice.channel.time_limit)}" in facts
    assert CHANNEL_LABELS[choice.channel.kind] in facts
    others = {c.kind for c in p.channels} - {choice.channel.kind}
    assert not [kind for kind in others if CHANNEL_LABELS[kind] in facts.splitlines()[0]]


def test_the_sample_has_six_procedures_with_several_titled_cases() -> None:
    found = several()
    assert len(found) >= 6, [p.id for p in found]
    for p in found:
        titles = [case.title for case in p.dossier.cases]
        assert all(titles) and len(set(titles)) == len(titles), p.id


@pytest.mark.parametrize("procedure", [p.id for p in several() if len(p.channels) > 1])
def test_each_case_and_channel_shows_exactly_its_documents_fee_and_time(
    phone: Page, sample_url: str, procedure: str
) -> None:
    p = sample(procedure)
    phone.goto(f"{sample_url}thu-tuc/{procedure}/")
    assert phone.get_by_role("group", name="Trường hợp của bạn").is_visible()
    assert phone.get_by_role("group", name="Bạn nộp hồ sơ bằng cách nào").is_visible()
    for view in case_views(p):
        for choice in view.choices:
            choose(phone, view, choice, len(p.dossier.cases), len(p.channels))
            assert_shows_exactly(phone, p, view, choice)
            assert here(phone).endswith(f"/thu-tuc/{procedure}/#{choice.anchor}")


def test_a_late_birth_registration_pays_the_council_fee_not_the_free_one(
    phone: Page, sample_url: str
) -> None:
    """The one case in the sample whose fees differ by case: each case sees only its own fee."""
    p = sample(BIRTH)
    late = next(v for v in case_views(p) if v.case.title == "Quá hạn")
    phone.goto(f"{sample_url}thu-tuc/{BIRTH}/#{late.choices[0].anchor}")
    shown = phone.locator(".tt-dcases").inner_text()
    assert [f.name for f in late.choices[0].fees] == ["Lệ phí đăng ký khai sinh (đăng ký quá hạn)"]
    assert "Mức thu do HĐND tỉnh quy định" in shown and "(đăng ký đúng hạn)" not in shown


def test_a_sent_address_opens_on_that_case_and_channel(phone: Page, sample_url: str) -> None:
    p = sample(BIRTH)
    view = case_views(p)[1]
    choice = view.choices[1]
    phone.goto(f"{sample_url}thu-tuc/{BIRTH}/#{choice.anchor}")
    assert phone.get_by_role("radio", name=view.label, exact=True).is_checked()
    assert phone.get_by_role("radio", name=CHANNEL_LABELS[choice.channel.kind], exact=True).is_checked()
    assert_shows_exactly(phone, p, view, choice)
    phone.get_by_role("button", name="Xem tất cả các trường hợp").click()
    assert phone.locator(".tt-dcase:visible").count() == len(p.dossier.cases)
    assert here(phone).endswith(f"/thu-tuc/{BIRTH}/")


def test_without_javascript_every_case_shows_with_its_anchor(no_script: Page, sample_url: str) -> None:
    for p in several():
        no_script.goto(f"{sample_url}thu-tuc/{p.id}/")
        assert no_script.locator(".tt-chooser").count() == 0
        views = case_views(p)
        links = no_script.locator(".tt-dcase-links a")
        assert [links.nth(i).get_attribute("href") for i in range(links.count())] == [
            f"#{v.anchor}" for v in views
        ]
        for view in views:
            block = no_script.locator(f"#{view.anchor}")
            assert block.is_visible()
            names = block.locator(".tt-doc__name").all_inner_texts()
            assert names == [d.name for d in view.case.documents]
            for choice in view.choices:
                assert no_script.locator(f"#{choice.anchor}").count() == 1, choice.anchor


def test_keyboard_moves_through_the_choices_in_order(phone: Page, sample_url: str) -> None:
    p = sample(BIRTH)
    views = case_views(p)
    phone.goto(f"{sample_url}thu-tuc/{BIRTH}/")
    first = phone.get_by_role("radio", name=views[0].label, exact=True)
    first.focus()
    phone.keyboard.press("Space")
    phone.keyboard.press("ArrowDown")  # a radio group moves and checks with the arrow keys
    assert phone.get_by_role("radio", name=views[1].label, exact=True).is_checked()
    phone.keyboard.press("Tab")  # the next group: how the dossier is sent
    focused = phone.evaluate("document.activeElement.closest('label').textContent.trim()")
    assert focused == CHANNEL_LABELS[p.channels[0].kind]
    phone.keyboard.press("Space")
    assert here(phone).endswith(f"#{views[1].choices[0].anchor}")
    status = phone.get_by_role("status").inner_text()
    assert views[1].label in status and f"{len(views[1].case.documents)} giấy tờ" in status


def test_no_serious_accessibility_violation_before_and_after_choosing(phone: Page, sample_url: str) -> None:
    p = sample(BIRTH)
    phone.goto(f"{sample_url}thu-tuc/{BIRTH}/")
    assert serious_violations(phone) == []
    view = case_views(p)[2]
    choose(phone, view, view.choices[1], 3, 2)
    assert serious_violations(phone) == []


def test_print_of_a_chosen_case_is_one_a4_page_of_that_case_only(phone: Page, sample_url: str) -> None:
    p = sample(BIRTH)
    view = case_views(p)[2]
    phone.goto(f"{sample_url}thu-tuc/{BIRTH}/#{view.choices[0].anchor}")
    phone.emulate_media(media="print")
    assert phone.locator(".tt-dcase:visible").count() == 1
    assert not phone.locator(".tt-chooser").is_visible()
    assert phone.locator(".tt-dcase__facts").is_visible()
    printed = phone.locator(".tt-dossier").inner_text()
    others = {d.name for v in case_views(p) for d in v.case.documents} - {d.name for d in view.case.documents}
    assert others and not [name for name in others if name in printed]
    assert _pdf_pages(phone.pdf(format="A4", print_background=False)) == 1


def test_a_query_that_names_the_case_leads_to_it(phone: Page, sample_url: str) -> None:
    p = sample(BIRTH)
    late = next(v for v in case_views(p) if v.case.title == "Quá hạn")
    phone.goto(sample_url)
    phone.keyboard.press("/")
    box = phone.locator("input.md-search__input")
    box.fill("khai sinh quá hạn")
    first = phone.locator(".md-search-result__list > .md-search-result__item > a").first
    first.wait_for(timeout=10000)
    href = first.get_attribute("href") or ""
    assert re.search(f"thu-tuc/{BIRTH}/(\\?h=[^#]*)?#{late.anchor}$", href), href
    first.click()
    phone.wait_for_url(re.compile(f"#{late.anchor}$"))
    assert phone.locator(".tt-dcase:visible").count() == 1
    assert phone.get_by_role("radio", name=late.label, exact=True).is_checked()
    box = phone.locator("input.md-search__input")
    phone.keyboard.press("/")
    box.fill("dang ky khai sinh")
    first = phone.locator(".md-search-result__list > .md-search-result__item > a").first
    phone.wait_for_function(
        "() => (document.querySelector('.md-search-result__item > a') || {}).href?.includes('khai-sinh')"
    )
    href = first.get_attribute("href") or ""
    assert re.search(f"thu-tuc/{BIRTH}/(\\?h=[^#]*)?$", href), ("the procedure itself first", href)


@pytest.fixture(scope="module")
def sample_kiosk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("kiosk-cases")
    project = copy_project(tmp / "project", SAMPLE_CATALOGUE)
    archive = tmp / "kiosk.zip"
    result = run_thutuc(
        "kiosk", "--config", str(project / "mkdocs.yml"), "--dir", str(tmp / "dir"), "--output", str(archive)
    )
    assert result.returncode == 0, result.stdout + result.stderr
    with zipfile.ZipFile(archive) as zipped:
        zipped.extractall(tmp / "usb")
    return tmp / "usb" / "thutuc-kiosk"


def test_the_kiosk_copy_chooses_from_file_with_large_targets(browser: Browser, sample_kiosk: Path) -> None:
    context = browser.new_context(offline=True, viewport={"width": 1080, "height": 1600})
    kiosk = Offline(context.new_page())
    page = kiosk.page
    p = sample(BIRTH)
    view = case_views(p)[2]
    page.goto((sample_kiosk / "thu-tuc" / f"{BIRTH}.html").as_uri())
    radio = page.get_by_role("radio", name=view.label, exact=True)
    box = page.locator("label.tt-choice", has=radio).bounding_box()
    assert box is not None and box["height"] >= 48, "a touch target a finger finds at arm's length"
    radio.check()
    page.get_by_role("radio", name=CHANNEL_LABELS[view.choices[1].channel.kind], exact=True).check()
    assert_shows_exactly(page, p, view, view.choices[1])
    assert here(page).startswith("file://") and here(page).endswith(f"{BIRTH}.html#{view.choices[1].anchor}")
    assert kiosk.leaving() == []
    context.close()


def test_diff_reports_changes_per_case(repo: Path) -> None:
    birth = repo / "procedures" / f"{BIRTH}.yml"
    replace(
        birth, "  cases:\n    - documents:", "  cases:\n    - title: Có giấy chứng sinh\n      documents:"
    )
    text = birth.read_text(encoding="utf-8")
    late = (
        "    - title: Quá hạn\n      documents:\n        - name: Tờ khai đăng ký khai sinh\n"
        "          originals: 1\n"
    )
    birth.write_text(text.replace("requirements: []", late + "requirements: []", 1), encoding="utf-8")
    commit(repo, "Thêm trường hợp quá hạn")
    replace(birth, "    - title: Quá hạn\n", "    - title: Đăng ký quá hạn\n")
    replace(
        birth,
        "          originals: 1\nrequirements",
        "          originals: 1\n        - name: Giấy chứng sinh\n          copies: 1\nrequirements",
    )
    commit(repo, "Sửa trường hợp quá hạn")
    first = run_thutuc("diff", "HEAD~2", "HEAD~1", cwd=repo)
    assert first.returncode == 0, first.stderr
    assert "Thêm trường hợp 2: Quá hạn (1 giấy tờ)" in first.stdout
    assert "Tên trường hợp 1: Trường hợp 1 → Có giấy chứng sinh" in first.stdout
    second = run_thutuc("diff", "HEAD~1", "HEAD", cwd=repo)
    assert second.returncode == 0, second.stderr
    assert "Tên trường hợp 2: Quá hạn → Đăng ký quá hạn" in second.stdout
    assert "Trường hợp 2 (Đăng ký quá hạn): Thêm giấy tờ: Giấy chứng sinh" in second.stdout
    assert "Trường hợp 1" not in second.stdout
