"""`thutuc build`, plain `mkdocs build` and `mkdocs serve` on real projects in temporary folders."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from conftest import (
    FIXTURE_CATALOGUE,
    ROOT,
    copy_project,
    mkdocs_serve,
    run_thutuc,
    serve_directory,
)
from playwright.sync_api import Browser

PAYLOAD = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">'
# Free-text keys a payload is appended to: every text that reaches a page.
TEXT_KEYS = {
    "name", "summary", "title", "text", "actor", "note", "description", "applies_to", "address", "position",
    "notice", "document", "by", "issuer", "opening_hours_note", "receiving_note", "notes", "per", "keywords",
    "requirements", "exemptions", "legal_basis", "short_name", "source",
}  # fmt: skip


def _poison(value: object, key: str | None = None) -> object:
    if isinstance(value, dict):
        return {k: _poison(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_poison(v, key) for v in value]
    if isinstance(value, str) and key in TEXT_KEYS:
        return value + " " + PAYLOAD
    return value


@pytest.fixture(scope="module")
def poisoned_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("xss"), FIXTURE_CATALOGUE)
    for path in (project / "procedures").rglob("*.yml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        path.write_text(yaml.safe_dump(_poison(data), allow_unicode=True, sort_keys=False), encoding="utf-8")
    return project


def test_html_payloads_in_every_text_field_show_as_text(
    poisoned_project: Path,
    browser: Browser,
    tmp_path: Path,
) -> None:
    site = tmp_path / "site"
    result = run_thutuc("build", "--config", str(poisoned_project / "mkdocs.yml"), "--site-dir", str(site))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "W404" in result.stdout, "editors are warned that HTML is shown as text"
    with serve_directory(site) as url:
        page = browser.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: dialogs.append(d.message))
        for path in (
            "",
            "thu-tuc/dang-ky-khai-sinh/",
            "co-quan/cong-an-tinh/",
            "a-z/",
            "phan-anh/",
            "linh-vuc/ho-tich/",
        ):
            page.goto(url + path)
            page.wait_for_load_state("load")
            assert page.evaluate("window.__xss") is None, path
            assert (
                "<script>window.__xss=1</script>" in page.locator("article.md-content__inner").inner_text()
            ), path
        page.goto(url + "thu-tuc/dang-ky-khai-sinh/")
        assert page.title().startswith("Đăng ký khai sinh <script>window.__xss=1</script>")
        assert "<script>window.__xss=1</script>" in page.locator(".md-banner").inner_text()
        assert dialogs == []
        page.close()


def test_invalid_catalogue_is_refused_and_the_old_site_is_kept(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", FIXTURE_CATALOGUE)
    site = tmp_path / "site"
    site.mkdir()
    (site / "old.html").write_text("trang cũ", encoding="utf-8")
    (site / ".thutuc-site").write_text("thutuc", encoding="utf-8")  # an earlier build's site
    broken = project / "procedures" / "dang-ky-khai-sinh.yml"
    broken.write_text(
        broken.read_text(encoding="utf-8").replace("status: active", "status: actve"), encoding="utf-8"
    )
    result = run_thutuc("build", "--config", str(project / "mkdocs.yml"), "--site-dir", str(site))
    assert result.returncode == 1
    assert "E203" in result.stdout and "dang-ky-khai-sinh.yml:4:" in result.stdout
    assert "Chưa dựng trang" in result.stderr
    assert sorted(p.name for p in site.iterdir()) == [".thutuc-site", "old.html"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_successful_build_replaces_the_whole_site(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", FIXTURE_CATALOGUE)
    site = tmp_path / "site"
    site.mkdir()
    (site / "old.html").write_text("trang cũ", encoding="utf-8")
    (site / ".thutuc-site").write_text("thutuc", encoding="utf-8")  # an earlier build's site
    result = run_thutuc("build", "--config", str(project / "mkdocs.yml"), "--site-dir", str(site))
    assert result.returncode == 0, result.stderr
    assert not (site / "old.html").exists()
    assert (site / "thu-tuc" / "dang-ky-khai-sinh" / "index.html").is_file()
    assert "Đã dựng" in result.stdout
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_plain_mkdocs_build_works(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", FIXTURE_CATALOGUE)
    mkdocs = str(Path(sys.executable).parent / "mkdocs")
    result = subprocess.run(
        [mkdocs, "build", "-q", "-d", str(tmp_path / "out")],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out" / "thu-tuc" / "dang-ky-khai-sinh" / "index.html").read_text(encoding="utf-8")
    assert '<h1 id="ten-thu-tuc">Đăng ký khai sinh</h1>' in html


def test_plain_mkdocs_build_refuses_invalid_data(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", FIXTURE_CATALOGUE)
    (project / "procedures" / "dang-ky-khai-sinh.yml").write_text("id: [\n", encoding="utf-8")
    mkdocs = str(Path(sys.executable).parent / "mkdocs")
    result = subprocess.run([mkdocs, "build", "-q"], cwd=project, capture_output=True, text=True, check=False)
    assert result.returncode != 0
    assert "dang-ky-khai-sinh.yml" in result.stderr and "E100" in result.stderr


@pytest.fixture
def served_project(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    project = copy_project(tmp_path / "project", FIXTURE_CATALOGUE)
    with mkdocs_serve(project) as url:
        yield project, url


def _fetch_until(url: str, wanted: str, seconds: float) -> str:
    deadline = time.monotonic() + seconds
    body = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                body = str(response.read().decode("utf-8"))
            if wanted in body:
                return body
        except OSError:
            pass
        time.sleep(0.2)
    return body


def test_mkdocs_serve_rebuilds_when_a_procedure_file_changes(served_project: tuple[Path, str]) -> None:
    project, url = served_project
    page = url + "thu-tuc/dang-ky-khai-sinh/"
    assert "Đăng ký khai sinh" in _fetch_until(page, "Đăng ký khai sinh", 30)
    source = project / "procedures" / "dang-ky-khai-sinh.yml"
    source.write_text(
        source.read_text(encoding="utf-8").replace(
            "name: Đăng ký khai sinh", "name: Đăng ký khai sinh (đã sửa)"
        ),
        encoding="utf-8",
    )
    assert "Đăng ký khai sinh (đã sửa)" in _fetch_until(page, "Đăng ký khai sinh (đã sửa)", 30)
    # Lists are kept between rebuilds too: they must show the new name.
    for listing in ("a-z/", "linh-vuc/ho-tich/"):
        assert "Đăng ký khai sinh (đã sửa)" in _fetch_until(url + listing, "Đăng ký khai sinh (đã sửa)", 30)
    # The preview keeps finished pages between rebuilds: a page must still change when only
    # something it shows from another file does (a related procedure, an agency).
    related = project / "procedures" / "cap-phieu-ly-lich-tu-phap.yml"
    related.write_text(
        related.read_text(encoding="utf-8").replace(
            "name: Cấp Phiếu lý lịch tư pháp", "name: Cấp Phiếu LLTP"
        ),
        encoding="utf-8",
    )
    assert "Cấp Phiếu LLTP" in _fetch_until(page, "Cấp Phiếu LLTP", 30)
    agencies = project / "procedures" / "_registry" / "agencies.yml"
    agencies.write_text(
        agencies.read_text(encoding="utf-8").replace(
            "name: Trung tâm Phục vụ hành chính công xã, phường", "name: Bộ phận Một cửa xã"
        ),
        encoding="utf-8",
    )
    assert "Bộ phận Một cửa xã" in _fetch_until(page, "Bộ phận Một cửa xã", 30)


def test_procedure_page_size_does_not_depend_on_the_catalogue(sample_site: Path) -> None:
    """The navigation holds sections only; a procedure page carries no list of all procedures."""
    html = (sample_site / "thu-tuc" / "dang-ky-khai-sinh" / "index.html").read_text(encoding="utf-8")
    listed = html.count('href="../')
    assert listed < 80
    assert ROOT.joinpath("mkdocs.yml").read_text(encoding="utf-8").count("thu-tuc/") == 0
