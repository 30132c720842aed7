"""Scale work must not change what users get: direct pages equal the theme's, caches invalidate."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLE_CATALOGUE, THUTUC, copy_project

from site_builder.diagnostics import ThutucError
from site_builder.mkdocs_plugin import KEPT
from site_builder.parallel import ParallelFailed, run_split
from site_builder.render.output import ASIDE, Output, restore, set_aside


def _build(project: Path, out: Path, *extra: str, jobs: str) -> None:
    result = subprocess.run(
        [THUTUC, "build", "--config", str(project / "mkdocs.yml"), "--site-dir", str(out), *extra],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "THUTUC_JOBS": jobs, "SOURCE_DATE_EPOCH": "1790000000"},
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _through_the_theme(project: Path) -> None:
    """The same project with every procedure page rendered by MkDocs and Material themselves."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "      catalogue: procedures\n" in text
    config.write_text(
        text.replace(
            "      catalogue: procedures\n", "      catalogue: procedures\n      direct_pages: false\n"
        ),
        encoding="utf-8",
    )


@pytest.mark.parametrize("extra", [(), ("--offline",)], ids=["online", "file-urls"])
def test_direct_procedure_pages_are_byte_identical_to_the_themes_own(
    tmp_path: Path, extra: tuple[str, ...]
) -> None:
    direct = copy_project(tmp_path / "direct", SAMPLE_CATALOGUE)
    themed = copy_project(tmp_path / "themed", SAMPLE_CATALOGUE)
    _through_the_theme(themed)
    _build(direct, tmp_path / "a", *extra, jobs="2")
    _build(themed, tmp_path / "b", *extra, jobs="1")
    pages_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    pages_b = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file())
    assert pages_a == pages_b
    procedure_pages = [p for p in pages_a if p.parts[0] == "thu-tuc" and p.suffix == ".html"]
    assert len(procedure_pages) == len(list(SAMPLE_CATALOGUE.glob("*.yml")))
    different = [
        str(p) for p in pages_a if (tmp_path / "a" / p).read_bytes() != (tmp_path / "b" / p).read_bytes()
    ]
    assert different == []
    sitemap = (tmp_path / "a" / "sitemap.xml").read_text(encoding="utf-8")
    assert "thu-tuc/dang-ky-khai-sinh" in sitemap


def test_the_shipped_config_writes_procedure_pages_directly() -> None:
    """The comparison above only matters if the shipped site takes the direct path."""
    assert "direct_pages: false" not in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


def test_a_failing_worker_process_fails_the_whole_run_with_its_message(tmp_path: Path) -> None:
    def work(part: int, count: int, advance: object) -> None:
        (tmp_path / f"part-{part}").write_text("ok", encoding="utf-8")
        if part == 1:
            raise ThutucError("Không ghi được trang thu-tuc/x/index.html")

    with pytest.raises(ParallelFailed, match="Không ghi được trang"):
        run_split(work, 2)
    assert (tmp_path / "part-0").exists() and (tmp_path / "part-1").exists()


def test_work_split_over_processes_covers_every_item_once(tmp_path: Path) -> None:
    seen: list[int] = []

    def work(part: int, count: int, advance: object) -> None:
        for item in range(10)[part::count]:
            (tmp_path / f"{item}").write_text(str(part), encoding="utf-8")

    run_split(work, 3, progress=seen.append)
    assert sorted(int(p.name) for p in tmp_path.iterdir()) == list(range(10))
    assert {p.read_text(encoding="utf-8") for p in tmp_path.iterdir()} == {"0", "1", "2"}


def test_preview_rewrites_only_changed_files_and_removes_those_of_deleted_procedures(tmp_path: Path) -> None:
    site = tmp_path / "site"
    first = Output()
    for name in ("a", "b", "c"):
        first.write(site / "thu-tuc" / name / "index.html", f"<h1>{name}</h1>".encode())
    set_aside(site, KEPT)
    assert not (site / "thu-tuc").exists()
    (site / "index.html").parent.mkdir(parents=True, exist_ok=True)
    restore(site, KEPT)
    unchanged = site / "thu-tuc" / "a" / "index.html"
    os.utime(unchanged, ns=(1, 1))
    second = Output(first.written)
    second.write(unchanged, b"<h1>a</h1>")
    second.write(site / "thu-tuc" / "b" / "index.html", "<h1>b, sửa</h1>".encode())
    second.remove_stale()
    assert unchanged.stat().st_mtime_ns == 1
    assert (site / "thu-tuc" / "b" / "index.html").read_text(encoding="utf-8") == "<h1>b, sửa</h1>"
    assert not (site / "thu-tuc" / "c").exists()
    assert not (site / ASIDE).exists()
