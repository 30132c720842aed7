"""Scale work must not change what users get: direct pages equal the theme's, caches invalidate."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import posixpath
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import ROOT, SAMPLE_CATALOGUE, THUTUC, copy_project

from site_builder.load import load_catalogue
from site_builder.memo import ByProcedure
from site_builder.model.procedure import Procedure
from site_builder.render import pages, urls
from site_builder.render.formatting import sort_key
from site_builder.render.list_pages import PAGED
from site_builder.render.output import ASIDE, Output, restore, set_aside
from site_builder.render.paging import LISTS, entry_bytes, page_starts, paged
from site_builder.render.renderer import Renderer
from site_builder.render.shell import squeeze
from site_builder.render.site_page import SitePage
from site_builder.render.urls import Urls
from site_builder.serving import KEPT


def _build(project: Path, out: Path, *extra: str, jobs: str) -> None:
    result = subprocess.run(
        [THUTUC, "build", "--config", str(project / "mkdocs.yml"), "--site-dir", str(out), *extra],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "THUTUC_JOBS": jobs},
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
    # The sitemap lists the same pages; those written directly come after the theme's own.
    different = [
        str(p)
        for p in pages_a
        if p.name not in ("sitemap.xml", "sitemap.xml.gz")
        and _chrome_squeezed(tmp_path / "a" / p) != _chrome_squeezed(tmp_path / "b" / p)
    ]
    assert different == []
    # The chrome of a page written directly has no blank lines left (with the indentation: a seventh of it).
    birth = [p for p in (tmp_path / "a" / "thu-tuc").rglob("*.html") if "dang-ky-khai-sinh" in p.as_posix()]
    assert birth and all(
        "\n\n" not in page.read_text(encoding="utf-8").split("<article", 1)[0] for page in birth
    )
    locs_a, locs_b = (_locs(tmp_path / side / "sitemap.xml") for side in ("a", "b"))
    assert sorted(locs_a) == sorted(locs_b) and len(locs_a) == len(set(locs_a))
    assert any("thu-tuc/dang-ky-khai-sinh" in loc for loc in locs_a)


def _chrome_squeezed(path: Path) -> bytes:
    """A file as written, the page chrome around its body squeezed as render/shell.py does for the
    pages it writes: the theme's own rendering must then be the same, byte for byte."""
    data = path.read_bytes()
    if path.suffix != ".html":
        return data
    text = data.decode("utf-8")
    before, found, rest = text.partition("<article")
    if not found:
        return data
    tag_end = rest.index(">") + 1
    inner, end, after = rest[tag_end:].partition("</article>")
    body = inner.strip()
    start = inner.index(body)
    head = before + found + rest[:tag_end] + inner[:start]
    tail = inner[start + len(body) :] + end + after
    return (squeeze(head) + body + squeeze(tail)).encode("utf-8")


def _locs(sitemap: Path) -> list[str]:
    return re.findall(r"<loc>([^<]+)</loc>", sitemap.read_text(encoding="utf-8"))


def test_the_shipped_config_writes_procedure_pages_directly() -> None:
    """The comparison above only matters if the shipped site takes the direct path."""
    assert "direct_pages: false" not in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


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
    (site / "thu-tuc" / "d").mkdir()
    (site / "thu-tuc" / "d" / "index.html").write_text("<h1>d</h1>", encoding="utf-8")
    first.written[site / "thu-tuc" / "d" / "index.html"] = 0
    # A page the theme now writes itself (put in the navigation) is not stale.
    second.remove_stale(keep={site / "thu-tuc" / "d" / "index.html"})
    assert (site / "thu-tuc" / "d" / "index.html").exists()
    assert unchanged.stat().st_mtime_ns == 1
    assert (site / "thu-tuc" / "b" / "index.html").read_text(encoding="utf-8") == "<h1>b, sửa</h1>"
    assert not (site / "thu-tuc" / "c").exists()
    assert not (site / ASIDE).exists()


@pytest.fixture(scope="module")
def long_lists_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic catalogue of 150 procedures: every list of all of them takes several pages."""
    work = tmp_path_factory.mktemp("long-lists")
    project = copy_project(work / "project", SAMPLE_CATALOGUE)
    shutil.rmtree(project / "procedures")
    generator = ROOT / "benchmarks" / "synthetic.py"
    subprocess.run(
        [sys.executable, str(generator), str(project / "procedures"), "--count", "150"], check=True
    )
    _build(project, work / "site", jobs="2")
    return work / "site"


def test_pages_of_long_lists_are_byte_identical_to_the_themes_own(long_lists_site: Path) -> None:
    project = long_lists_site.parent / "project"
    themed = copy_project(long_lists_site.parent / "themed", project / "procedures")
    _through_the_theme(themed)
    _build(themed, long_lists_site.parent / "themed-site", jobs="1")
    direct = sorted(p.relative_to(long_lists_site) for p in long_lists_site.rglob("*.html"))
    theirs = long_lists_site.parent / "themed-site"
    assert direct == sorted(p.relative_to(theirs) for p in theirs.rglob("*.html"))
    assert any("trang-2" in str(p) for p in direct)
    assert [
        str(p) for p in direct if _chrome_squeezed(long_lists_site / p) != _chrome_squeezed(theirs / p)
    ] == []


def _doc(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")


def _href(node: Tag | None) -> str:
    assert node is not None
    return str(node["href"])


def _text(node: Tag | None) -> str:
    assert node is not None
    return node.text


def _follow(site: Path, start: str) -> list[tuple[str, BeautifulSoup]]:
    """Every page of a list, from its first page along the 'next' links."""
    pages, page = [], start
    while True:
        doc = _doc(site, page)
        pages.append((page, doc))
        step = doc.select_one('.tt-pager a[rel="next"]')
        if step is None:
            return pages
        page = posixpath.normpath(posixpath.join(page, _href(step)))


def test_a_to_z_is_split_into_pages_that_hold_every_procedure_once(long_lists_site: Path) -> None:
    pages = _follow(long_lists_site, "a-z")
    count = len(pages)  # 150 real names: at most 60 entries and about 16 KB of them a page
    assert count >= 3
    assert [name for name, _ in pages] == ["a-z", *(f"a-z/trang-{n}" for n in range(2, count + 1))]
    seen: list[str] = []
    for _, doc in pages:
        links = [_href(a) for a in doc.select("article ul.tt-list a")]
        assert 0 < len(links) <= 60
        seen += [posixpath.basename(posixpath.dirname(href)) for href in links]
    assert sorted(seen) == sorted(
        p.stem for p in (long_lists_site.parent / "project" / "procedures").glob("*.yml")
    )
    second = pages[1][1]
    assert f"(trang 2/{count})" in _text(second.title)
    assert _text(second.select_one('.tt-pager a[aria-current="page"]')) == "2"
    assert _href(second.select_one('.tt-pager a[rel="prev"]')) == "../"


def test_every_letter_of_the_a_to_z_index_leads_to_its_heading(long_lists_site: Path) -> None:
    for page, doc in _follow(long_lists_site, "a-z"):
        for link in doc.select(".tt-az-index a"):
            target, _, anchor = _href(link).partition("#")
            where = posixpath.normpath(posixpath.join(page, target)) if target else page
            heading = _doc(long_lists_site, where).find(id=anchor)
            assert heading is not None and heading.text == link.text, (page, link["href"])


def test_every_list_page_stays_small_whatever_the_catalogue(long_lists_site: Path) -> None:
    lists = ["a-z", "cap", "doi-tuong", "linh-vuc", "co-quan"]
    sizes = {
        str(path.relative_to(long_lists_site)): path.stat().st_size
        for name in lists
        for path in (long_lists_site / name).rglob("index.html")
    }
    assert any("trang-2" in name for name in sizes)
    assert max(sizes.values()) <= 40_000, max(sizes.items(), key=lambda item: item[1])
    level = _doc(long_lists_site, "cap/xa")
    total = int(_text(level.select_one(".tt-count")).split()[0])
    counted = sum(len(doc.select("article ul.tt-list > li")) for _, doc in _follow(long_lists_site, "cap/xa"))
    assert total == counted > 60


def test_reading_split_over_processes_reports_exactly_what_one_process_does(tmp_path: Path) -> None:
    """Above 400 files `check` reads in several processes: same findings, same order, same exit."""
    procedures = tmp_path / "procedures"
    generator = ROOT / "benchmarks" / "synthetic.py"
    subprocess.run([sys.executable, str(generator), str(procedures), "--count", "450"], check=True)
    files = sorted(procedures.glob("*.yml"))
    files[3].write_text(
        files[3].read_text(encoding="utf-8").replace("\nname: ", "\nname:\n  - ", 1), encoding="utf-8"
    )
    files[200].write_text("name: [không đóng\n", encoding="utf-8")
    text = files[301].read_text(encoding="utf-8")
    files[301].write_text(
        text.replace("\nfield: ", "\nfield: khong-co-linh-vuc-nay\nold_field: ", 1), encoding="utf-8"
    )
    runs = {
        jobs: subprocess.run(
            [THUTUC, "check", "--catalogue", str(procedures)],
            capture_output=True,
            text=True,
            check=False,
            # Without the store of earlier runs (check_store.py): both runs read every file.
            env={**os.environ, "THUTUC_JOBS": jobs, "THUTUC_CACHE_DIR": ""},
        )
        for jobs in ("1", "2")
    }
    assert runs["1"].returncode == runs["2"].returncode == 1
    assert runs["1"].stdout == runs["2"].stdout
    for broken in (files[3], files[200], files[301]):
        assert f"{broken.name}:" in runs["2"].stdout
    assert "Traceback" not in runs["2"].stdout + runs["2"].stderr


def test_links_from_hand_written_pages_to_directly_written_pages_resolve(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", SAMPLE_CATALOGUE)
    guide = project / "docs" / "huong-dan.md"
    guide.write_text(
        guide.read_text(encoding="utf-8")
        + "\n\nXem [Đăng ký khai sinh](thu-tuc/dang-ky-khai-sinh.md) và [Hộ tịch](linh-vuc/ho-tich.md).\n",
        encoding="utf-8",
    )
    mkdocs = str(Path(sys.executable).parent / "mkdocs")
    result = subprocess.run(
        [mkdocs, "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(tmp_path / "site")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "not found among documentation files" not in result.stderr
    doc = BeautifulSoup(
        (tmp_path / "site" / "huong-dan" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    hrefs = {a.text: str(a["href"]) for a in doc.select("article a")}
    assert hrefs["Đăng ký khai sinh"] == "../thu-tuc/dang-ky-khai-sinh/"
    assert hrefs["Hộ tịch"] == "../linh-vuc/ho-tich/"
    assert (tmp_path / "site" / "thu-tuc" / "dang-ky-khai-sinh" / "index.html").is_file()


def test_no_page_of_a_long_list_says_the_list_is_empty(long_lists_site: Path) -> None:
    pages = [
        p
        for name in ("a-z", "cap", "doi-tuong", "linh-vuc")
        for p in (long_lists_site / name).rglob("index.html")
    ]
    assert pages
    said_empty = [p for p in pages if "Chưa có thủ tục nào" in p.read_text(encoding="utf-8")]
    wrongly = [
        str(p) for p in said_empty if '<p class="tt-count">0 thủ tục' not in p.read_text(encoding="utf-8")
    ]
    assert wrongly == []


def test_a_page_holding_only_former_procedures_does_not_say_the_list_is_empty() -> None:
    catalogue = load_catalogue(SAMPLE_CATALOGUE).catalogue
    procedures = list(catalogue.procedures.values())
    # As many current procedures as fill the first page; the former ones go on a page of their own.
    many = procedures * 3
    full = page_starts(many)[1]
    current, former = many[:full], many[full : full + 3]
    context: dict[str, object] = {
        "intro": None,
        "current": current,
        "former": former,
        "group_by": None,
        "group_totals": {},
    }
    pages = list(paged(context, "cap/xa.md"))
    assert [len(part["current"]) for _, part, _ in pages] == [full, 0]
    src, part, pager = pages[1]
    renderer = Renderer(catalogue, ROOT / "overrides" / "thutuc", Urls())
    html = renderer.render(SitePage(src, "Thủ tục cấp xã", "list.html", "", {**part, "pager": pager}))
    assert "Chưa có thủ tục nào" not in html
    assert "Thủ tục đã thay thế, bãi bỏ (3)" in html and f"{full} thủ tục đang áp dụng" in html


def test_a_plan_weighs_each_procedure_once_whatever_the_lists_it_is_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    catalogue = load_catalogue(SAMPLE_CATALOGUE).catalogue
    weighed: list[str] = []

    def counted(procedure: Procedure) -> int:
        weighed.append(procedure.id)
        return entry_bytes(procedure)

    monkeypatch.setattr(pages, "entry_bytes", counted)
    planned = pages.plan(catalogue, dt.date(2026, 12, 1))
    assert any(page.src_uri == "a-z.md" for page in planned)
    # Every procedure is on the A–Z list and on others (level, field, agency, audience).
    assert sorted(weighed) == sorted(catalogue.procedures)


def test_grouped_list_pages_show_each_group_in_dictionary_order() -> None:
    # paging.display_order only groups: it relies on the plan handing it lists in name order.
    catalogue = load_catalogue(SAMPLE_CATALOGUE).catalogue
    planned = pages.plan(catalogue, dt.date(2026, 12, 1))
    checked = 0
    for page in planned:
        group_by = page.context.get("group_by")
        if page.template != "list.html" or not group_by or page.context["pager"].number != 1:
            continue
        shown = [
            p
            for part in planned
            if part.src_uri in page.context["pager"].sources
            for p in part.context["current"]
        ]
        by_name = sorted(shown, key=lambda p: sort_key(p.name))
        expected = sorted(by_name, key=lambda p: getattr(p, group_by), reverse=group_by == "level")
        assert [p.id for p in shown] == [p.id for p in expected], page.src_uri
        checked += len({getattr(p, group_by) for p in shown}) > 1 and len(shown) > 2
    assert checked >= 3  # lists with several groups, each of several procedures


def test_the_preview_weighs_again_only_the_procedures_saved_since_the_last_plan() -> None:
    procedures = list(load_catalogue(SAMPLE_CATALOGUE).catalogue.procedures.values())
    weighed: list[str] = []

    def counted(procedure: Procedure) -> int:
        weighed.append(procedure.id)
        return entry_bytes(procedure)

    weigh = ByProcedure(counted)
    first = weigh.many(procedures)
    saved = procedures[0].model_copy(update={"name": procedures[0].name + " (sửa đổi, bổ sung)"})
    weighed.clear()
    again = weigh.many([saved, *procedures[1:]])
    assert weighed == [saved.id]
    assert again == [entry_bytes(saved), *first[1:]] and again[0] > first[0]
    # The file saved back as it was: its object is new again, and weighed again.
    weighed.clear()
    assert weigh.many(procedures) == first and weighed == [saved.id]


def test_the_preview_forgets_the_page_of_a_removed_procedure() -> None:
    catalogue = load_catalogue(SAMPLE_CATALOGUE).catalogue
    memo = pages.PlanMemo()
    pages.plan(catalogue, dt.date(2026, 12, 1), memo=memo)
    gone = sorted(catalogue.procedures)[0]
    assert gone in memo.procedure_pages
    others = {pid: p for pid, p in catalogue.procedures.items() if pid != gone}
    remaining = dataclasses.replace(catalogue, procedures=others)
    planned = pages.plan(remaining, dt.date(2026, 12, 1), memo=memo)
    assert urls.procedure_src(gone) not in {page.src_uri for page in planned}
    assert memo.procedure_pages.keys() == others.keys()


def test_a_saved_procedure_leaves_every_other_page_of_its_lists_as_it_was(long_lists_site: Path) -> None:
    # The preview rewrites the pages the plan hands back as new objects (partial._changed).
    catalogue = load_catalogue(long_lists_site.parent / "project" / "procedures").catalogue
    memo, day = pages.PlanMemo(), dt.date(2026, 12, 1)
    before = {page.src_uri: page for page in pages.plan(catalogue, day, memo=memo)}
    az = sorted(
        (p for p in before.values() if p.template == "az.html"), key=lambda p: p.context["pager"].number
    )
    saved = [p for page in az for p in page.context["current"]][-1]
    # Saved unchanged: a new object, as the read cache hands back for a saved file.
    procedures = {**catalogue.procedures, saved.id: saved.model_copy()}
    after = pages.plan(dataclasses.replace(catalogue, procedures=procedures), day, memo=memo)

    def shows(page: SitePage) -> bool:
        return (
            page.context.get("procedure") is not None and page.context["procedure"].id == saved.id
        ) or any(p.id == saved.id for name in LISTS for p in page.context.get(name) or [])

    listed = [page for page in after if page.template in {*PAGED, "procedure.html"}]
    new = sorted(page.src_uri for page in listed if page is not before[page.src_uri])
    assert new == sorted(page.src_uri for page in listed if shows(page))
    assert len(new) >= 4 and len(az) >= 3  # its page, the A–Z's last page and its other lists
