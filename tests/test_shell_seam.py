"""The theme shell seam (site_builder/mkdocs_shell.py): what it relies on in the theme is checked on
every build, a theme that breaks it stops the build with a message, and other plugins' page events
that procedure pages do not pass through are named in a warning."""

from __future__ import annotations

from pathlib import Path

from conftest import FIXTURE_CATALOGUE, copy_project, run_thutuc

from site_builder.render.shell import MARKER_STEM


def _build(project: Path) -> tuple[int, str, Path]:
    site = project.parent / "site"
    result = run_thutuc("build", "--config", str(project / "mkdocs.yml"), "--site-dir", str(site))
    return result.returncode, result.stdout + result.stderr, site


def test_shells_stay_out_of_the_site_and_the_sitemap(sample_site: Path) -> None:
    """The shells are MkDocs pages that are captured, never written nor listed."""
    leaks = [
        str(path.relative_to(sample_site))
        for path in sample_site.rglob("*")
        if path.is_file() and MARKER_STEM.encode() in path.read_bytes()
    ]
    assert leaks == []
    assert not any(MARKER_STEM in path.name for path in sample_site.rglob("*"))
    sitemap = (sample_site / "sitemap.xml").read_text(encoding="utf-8")
    # Procedure pages are written by thutuc, not by MkDocs: they are still in the sitemap.
    assert "/thu-tuc/cap-ban-sao-trich-luc-ho-tich/</loc>" in sitemap


def test_a_theme_that_adds_its_own_heading_stops_the_build(tmp_path: Path) -> None:
    """Material adds `<h1>title</h1>` to a body without one: if it stopped looking at the body,
    every procedure page would get a second heading. The build refuses instead."""
    project = copy_project(tmp_path / "project", FIXTURE_CATALOGUE)
    (project / "overrides" / "partials" / "content.html").write_text(
        "<h1>{{ page.title }}</h1>\n{{ page.content }}\n", encoding="utf-8"
    )
    code, shown, site = _build(project)
    assert code == 1, shown
    assert "giao diện tự thêm tiêu đề <h1> ngoài nội dung trang" in shown
    assert "mkdocs_shell.py" in shown  # where what the shell relies on is written down
    assert "Traceback" not in shown
    assert not site.exists()


def test_a_theme_that_prints_the_body_twice_stops_the_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", FIXTURE_CATALOGUE)
    (project / "overrides" / "partials" / "content.html").write_text(
        "{{ page.content }}\n<aside>{{ page.content }}</aside>\n", encoding="utf-8"
    )
    code, shown, site = _build(project)
    assert code == 1, shown
    assert "nội dung trang được in 2 lần (cần đúng 1 lần, nguyên văn)" in shown
    assert "Traceback" not in shown
    assert not site.exists()


def test_plugins_with_page_events_are_named_in_one_warning(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", FIXTURE_CATALOGUE)
    hooks = project / "hooks"
    hooks.mkdir()
    (hooks / "dau_trang.py").write_text(
        "def on_page_content(html, page, config, files):\n    return html + '<p>dấu</p>'\n", encoding="utf-8"
    )
    (hooks / "cau_hinh.py").write_text("def on_config(config):\n    return config\n", encoding="utf-8")
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("hooks:\n  - hooks/dau_trang.py\n  - hooks/cau_hinh.py\n")
    code, shown, _ = _build(project)
    assert code == 0, shown
    assert shown.count("xử lý từng trang") == 1, shown
    assert "«hooks/dau_trang.py» (on_page_content)" in shown
    assert "cau_hinh" not in shown  # no page event: nothing to warn about
    assert "direct_pages: false" in shown


def test_no_warning_when_every_page_passes_through_the_engine(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", FIXTURE_CATALOGUE)
    (project / "hooks").mkdir()
    (project / "hooks" / "dau_trang.py").write_text(
        "def on_page_content(html, page, config, files):\n    return html\n", encoding="utf-8"
    )
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace(
        "      catalogue: procedures\n", "      catalogue: procedures\n      direct_pages: false\n"
    )
    config.write_text(text + "hooks:\n  - hooks/dau_trang.py\n", encoding="utf-8")
    code, shown, _ = _build(project)
    assert code == 0, shown
    assert "xử lý từng trang" not in shown
