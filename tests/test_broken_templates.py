"""A mistake in a page template (overrides/thutuc) is named with its file and line, in Vietnamese:
no traceback, no half-written site, the old site left in place."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURE_CATALOGUE, build_site, copy_project, replace, run_thutuc


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "du-an", FIXTURE_CATALOGUE)


def _build(project: Path, site: Path) -> tuple[int, str]:
    result = run_thutuc(
        "build", "--config", str(project / "mkdocs.yml"), "--site-dir", str(site), cwd=project
    )
    return result.returncode, result.stdout + result.stderr


def _line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_a_syntax_error_names_every_broken_template_and_writes_nothing(project: Path, tmp_path: Path) -> None:
    site = build_site(project, tmp_path / "site")
    before = (site / "index.html").read_bytes()
    templates = project / "overrides" / "thutuc"
    (templates / "procedure.html").write_text(
        (templates / "procedure.html").read_text(encoding="utf-8") + "{% if page %}\n", encoding="utf-8"
    )
    replace(templates / "az.html", "{%", "{% endfor %}{%")

    code, shown = _build(project, site)

    assert code == 1
    assert "Traceback" not in shown
    lines = (templates / "procedure.html").read_text(encoding="utf-8").count("\n")
    assert f"overrides/thutuc/procedure.html:{lines}: mẫu trang sai cú pháp Jinja" in shown
    assert "overrides/thutuc/az.html:" in shown
    assert "không phải người biên tập thủ tục" in shown
    assert "Aborted" not in shown
    assert "thutuc: không dựng được trang: MkDocs dừng lại vì lỗi nêu ở trên." in shown
    assert (site / "index.html").read_bytes() == before
    assert [p.name for p in site.parent.iterdir() if ".building-" in p.name] == []


def test_an_error_while_rendering_names_the_template_line_and_the_page(project: Path, tmp_path: Path) -> None:
    template = project / "overrides" / "thutuc" / "procedure.html"
    replace(template, '<nav class="tt-breadcrumb"', '{{ chua_khai_bao }}<nav class="tt-breadcrumb"')
    line = _line_of(template, "chua_khai_bao")

    code, shown = _build(project, tmp_path / "site")

    assert code == 1
    assert "Traceback" not in shown
    assert f"overrides/thutuc/procedure.html:{line}: mẫu trang lỗi khi dựng trang «thu-tuc/" in shown
    assert "'chua_khai_bao' is undefined" in shown
    # Every procedure page fails alike: the first few say it, the rest are counted.
    assert shown.count("mẫu trang lỗi khi dựng trang") <= 3
    assert not (tmp_path / "site").exists()
