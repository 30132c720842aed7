"""The preview server (`mkdocs serve`, `thutuc serve`) with a catalogue that breaks and is fixed again."""

from __future__ import annotations

import contextlib
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import (
    FIXTURE_CATALOGUE,
    commit,
    copy_project,
    free_port,
    mkdocs_serve,
    new_repo,
    replace,
    run_thutuc,
)
from playwright.sync_api import Browser, expect

from site_builder.pipeline import Options, Site, prepare
from site_builder.serving import Serving

BIN = Path(sys.executable).parent
FIX = "Sửa các lỗi trên rồi lưu tệp: trang sẽ tự tải lại"
# A value whose message quotes it: HTML in it must be shown, not obeyed.
BROKEN = ("level: commune", "level: <b>xa</b>")
WHERE = "dang-ky-khai-sinh.yml:9:8"
REBUILT = r"^Đã dựng lại lúc \d\d:\d\d:\d\d: 0 lỗi, \d+ cảnh báo"
PARTIAL = " (chỉ các trang có thủ tục vừa sửa)"


def _get(url: str) -> tuple[int, str]:
    """Status and body, a 404 answer's body too (the preview shows its error page there)."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")
    except OSError:
        return 0, ""


def _until(url: str, wanted: str, seconds: float = 30, absent: str = "\0") -> str:
    deadline = time.monotonic() + seconds
    body = ""
    while time.monotonic() < deadline:
        body = _get(url)[1]
        if wanted in body and absent not in body:
            return body
        time.sleep(0.2)
    return body


def _edit(project: Path, old: str, new: str) -> None:
    source = project / "procedures" / "dang-ky-khai-sinh.yml"
    text = source.read_text(encoding="utf-8")
    assert old in text
    source.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture(params=["mkdocs", "thutuc"])
def served(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[tuple[Path, str]]:
    """`mkdocs serve` and `thutuc serve` (its own builder, which may rewrite only some pages)."""
    project = copy_project(tmp_path / "project", FIXTURE_CATALOGUE)
    if request.param == "mkdocs":
        with mkdocs_serve(project) as url:
            yield project, url
    else:
        with thutuc_serve(project, tmp_path) as (url, _, _):
            yield project, url


def test_preview_shows_the_errors_on_every_page_and_comes_back_after_the_fix(
    served: tuple[Path, str],
) -> None:
    project, url = served
    procedure = url + "thu-tuc/dang-ky-khai-sinh/"  # written by the plugin, not a MkDocs page
    good = _until(procedure, '<h1 id="ten-thu-tuc">Đăng ký khai sinh')
    assert '<h1 id="ten-thu-tuc">Đăng ký khai sinh' in good
    epoch = re.search(r"livereload\((\d+), \d+\)", good)
    assert epoch is not None

    _edit(project, *BROKEN)
    error = _until(procedure, FIX)
    assert error.startswith("<!doctype html>") and '<html lang="vi">' in error
    assert f"procedures/{WHERE}</code> <strong>E203</strong>" in error
    assert "«&lt;b&gt;xa&lt;/b&gt;»" in error and "<b>xa</b>" not in error
    assert "livereload(" in error  # MkDocs' live reload is on the page: the fix will reload it
    assert "http" not in error.split("<script>", 1)[0]  # self-contained: nothing fetched elsewhere
    # The browser that showed the good page learns of the new build at once (it is not left waiting).
    status, newer = _get(f"{url}livereload/{epoch[1]}/1")
    assert status == 200 and int(newer) > int(epoch[1])
    # A hand-written page, a page in the navigation, a list, and an address that never existed.
    for other in ("gioi-thieu/", "", "a-z/", "khong-co-trang-nay/"):
        assert WHERE in _until(url + other, FIX, 5), other

    _edit(project, *reversed(BROKEN))
    fixed = _until(procedure, '<h1 id="ten-thu-tuc">Đăng ký khai sinh', absent=FIX)
    assert '<h1 id="ten-thu-tuc">Đăng ký khai sinh' in fixed and FIX not in fixed
    for other in ("gioi-thieu/", "a-z/"):
        assert FIX not in _until(url + other, "Đăng ký khai sinh", 10), other
    assert _get(url + "khong-co-trang-nay/")[0] == 404
    assert FIX not in _get(url + "khong-co-trang-nay/")[1]


def test_plain_mkdocs_build_still_refuses_a_catalogue_with_errors(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", FIXTURE_CATALOGUE)
    _edit(project, *BROKEN)
    result = subprocess.run(
        [str(BIN / "mkdocs"), "build", "-q"], cwd=project, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0 and WHERE in result.stderr
    assert not (project / "site" / "index.html").exists()


@contextlib.contextmanager
def thutuc_serve(project: Path, logs: Path) -> Iterator[tuple[str, Path, Path]]:
    """A real `thutuc serve` of `project`: its URL, and files that receive its stdout and stderr."""
    port = free_port()
    out, err = logs / "out.txt", logs / "err.txt"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        server = subprocess.Popen(
            [str(BIN / "thutuc"), "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            stdout=stdout,
            stderr=stderr,
        )
    try:
        yield f"http://127.0.0.1:{port}/", out, err
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def thutuc_served(tmp_path: Path) -> Iterator[tuple[Path, str, Path, Path]]:
    project = copy_project(tmp_path / "project", FIXTURE_CATALOGUE)
    with thutuc_serve(project, tmp_path) as (url, out, err):
        yield project, url, out, err


def _read_until(path: Path, pattern: str, seconds: float = 30) -> str:
    deadline = time.monotonic() + seconds
    text = ""
    while time.monotonic() < deadline:
        text = path.read_text(encoding="utf-8")
        if re.search(pattern, text, re.MULTILINE):
            break
        time.sleep(0.2)
    return text


def test_thutuc_serve_says_where_to_look_and_what_each_rebuild_found(
    thutuc_served: tuple[Path, str, Path, Path],
) -> None:
    project, url, out, err = thutuc_served
    started = _read_until(out, "Ctrl")
    assert f"Xem thử tại {url} — Ctrl+C để dừng\n" in started
    assert re.search(r"^Đã dựng lúc \d\d:\d\d:\d\d: 0 lỗi, \d+ cảnh báo$", started, re.MULTILINE)

    _edit(project, "name: Đăng ký khai sinh", "name: Đăng ký khai sinh (đã sửa)")
    rebuilt = _read_until(out, REBUILT + re.escape(PARTIAL) + "$")
    assert re.search(REBUILT + re.escape(PARTIAL) + "$", rebuilt, re.MULTILINE)
    (project / "mkdocs.yml").touch()  # not a procedure: the whole site is built again
    rebuilt = _read_until(out, REBUILT + "$")
    assert re.search(REBUILT + "$", rebuilt, re.MULTILINE)
    # A new procedure is a new page in every list it is on: the whole site is built again too.
    first = project / "procedures" / "dang-ky-khai-sinh.yml"
    second = first.with_name("dang-ky-khai-sinh-lan-hai.yml")
    text = first.read_text(encoding="utf-8").replace('"1.001193"', '"1.009999"')
    second.write_text(text.replace("id: dang-ky-khai-sinh\n", f"id: {second.stem}\n"), encoding="utf-8")
    rebuilt = _read_until(out, f"({REBUILT}$[\\s\\S]*){{2}}")
    assert len(re.findall(REBUILT + "$", rebuilt, re.MULTILINE)) == 2
    assert _get(url + "thu-tuc/dang-ky-khai-sinh-lan-hai/")[0] == 200
    second.unlink()

    # An escape sequence in the data reaches the terminal as visible text, never as a command.
    _edit(project, BROKEN[0], 'level: "\\e[2Jxa"')
    broken = _read_until(out, "có 1 lỗi")
    head = r"^Đã dựng lại lúc \d\d:\d\d:\d\d: có 1 lỗi: xem trang xem thử hoặc danh sách dưới đây\n"
    assert re.search(head + "procedures/" + WHERE + r": E203: .*«\\x1b\[2Jxa»", broken, re.MULTILINE)
    assert "\x1b" not in broken

    shown = out.read_text(encoding="utf-8") + err.read_text(encoding="utf-8")
    for english in ("Building documentation", "Serving on", "Detected file changes", "Reloading browsers"):
        assert english not in shown
    assert "INFO" not in shown and "Traceback" not in shown


def test_a_wrong_or_busy_address_is_said_in_vietnamese(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", FIXTURE_CATALOGUE)
    wrong = run_thutuc("serve", "--dev-addr", "abc", cwd=project)
    assert (
        wrong.returncode == 2
        and "cần dạng ĐỊA_CHỈ:CỔNG" in wrong.stderr
        and "Config value" not in wrong.stderr
    )
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        address = f"127.0.0.1:{taken.getsockname()[1]}"
        busy = run_thutuc("serve", "--dev-addr", address, cwd=project)
    assert busy.returncode == 1, busy.stdout + busy.stderr
    assert f"không mở được {address} (cổng đang được dùng)" in busy.stderr
    assert "Traceback" not in busy.stderr and "Address already in use" not in busy.stderr


# What a saved name changes: the procedure's page, the lists and the engine's pages it is on, the
# search index and the open data. The injected live reload script differs from load to load.
PAGES = ("thu-tuc/dang-ky-khai-sinh/", "", "a-z/", "cap/xa/", "linh-vuc/ho-tich/", "co-quan/ubnd-xa/")
DATA = (
    "search/search_index.json",  # names the manifest by its hash, which names every shard by theirs
    "api/procedures.json",
    "api/catalogue.csv",
    "api/thu-tuc/dang-ky-khai-sinh.json",
)
# The engine's pages that name it without holding it (the editors' work list: ids) come after the page.
LATER = ("bien-tap/do-day-du/ubnd-xa/",)
_LIVERELOAD = re.compile(r"<script>\s*var livereload = function.*?</script>(?=</body>)", re.DOTALL)
RENAMED = ("name: Đăng ký khai sinh\n", "name: Đăng ký khai sinh lần đầu\n")


def _bytes(url: str) -> str:
    return _LIVERELOAD.sub("", _get(url)[1])


def test_a_saved_procedure_rewrites_its_pages_as_the_full_build_writes_them(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", FIXTURE_CATALOGUE)
    _edit(project, *RENAMED)  # the full build of the renamed catalogue is the reference
    with thutuc_serve(project, tmp_path) as (url, out, _):
        _read_until(out, "^Đã dựng lúc")
        full = {path: _bytes(url + path) for path in (*PAGES, *LATER, *DATA)}
        assert all(full.values()) and "lần đầu" in full["a-z/"] and "lần đầu" in full[DATA[1]]
        assert all("lần đầu" in full[path] for path in LATER)

        _edit(project, *reversed(RENAMED))
        assert re.search(REBUILT + re.escape(PARTIAL), _read_until(out, re.escape(PARTIAL)), re.MULTILINE)
        for path in PAGES:  # none is taken from what was kept for the other name
            assert "lần đầu" not in _bytes(url + path), path
        for path in LATER:
            assert "lần đầu" not in _until(url + path, "Đăng ký khai sinh", absent="lần đầu"), path
        _edit(project, *RENAMED)
        _read_until(out, f"({re.escape(PARTIAL)}[\\s\\S]*){{2}}")
        # The pages are written before the server answers again…
        for path in PAGES:
            assert _bytes(url + path) == full[path], path
        # … the files made from the whole catalogue right after.
        for path in DATA:
            assert _until(url + path, full[path]) == full[path], path
        for path in LATER:
            _until(url + path, "lần đầu")
            assert _bytes(url + path) == full[path], path


def test_a_procedure_page_shows_the_new_name_of_a_related_procedure_saved(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", FIXTURE_CATALOGUE)
    related = project / "procedures" / "cap-phieu-ly-lich-tu-phap.yml"
    with thutuc_serve(project, tmp_path) as (url, out, _):
        _read_until(out, "^Đã dựng lúc")
        assert "Cấp Phiếu lý lịch tư pháp" in _bytes(url + "thu-tuc/dang-ky-khai-sinh/")
        replace(related, "name: Cấp Phiếu lý lịch tư pháp\n", "name: Cấp Phiếu lý lịch tư pháp mới\n")
        assert re.search(REBUILT + re.escape(PARTIAL), _read_until(out, re.escape(PARTIAL)), re.MULTILINE)
        # Written before the server answers: the page of the procedure that names it as related.
        assert "Cấp Phiếu lý lịch tư pháp mới" in _bytes(url + "thu-tuc/dang-ky-khai-sinh/")


def test_the_browser_reloads_itself_after_a_partial_rebuild(tmp_path: Path, browser: Browser) -> None:
    project = copy_project(tmp_path / "project", FIXTURE_CATALOGUE)
    with thutuc_serve(project, tmp_path) as (url, out, _):
        _read_until(out, "^Đã dựng lúc")
        page = browser.new_page()
        try:
            page.goto(url + "thu-tuc/dang-ky-khai-sinh/")
            heading = page.locator("h1#ten-thu-tuc")
            expect(heading).to_have_text("Đăng ký khai sinh")
            page.wait_for_load_state("load")  # live reload starts waiting for a rebuild on "load"
            _edit(project, *RENAMED)
            expect(heading).to_have_text("Đăng ký khai sinh lần đầu", timeout=30_000)
        finally:
            page.close()
        assert PARTIAL in out.read_text(encoding="utf-8")


def _shown(site: Site | None) -> list[tuple[str, str, str, str]]:
    """Every page the plan makes, as its reader sees it: address, title, description and body."""
    assert site is not None
    pages = [*site.engine_pages.values(), *site.direct]
    return [(p.src_uri, p.title, p.description, site.renderer.render(p)) for p in pages]


def test_what_the_preview_keeps_between_plans_never_changes_a_page(tmp_path: Path) -> None:
    # The quarter's report compares with the catalogue before the quarter, where one procedure
    # is missing: it lists that one as new, with the agency that handles it.
    project = copy_project(new_repo(tmp_path / "project", None), FIXTURE_CATALOGUE)
    commit(project, "Trước quý", "2026-08-15T10:00:00+07:00")
    text = (project / "procedures" / "dang-ky-khai-sinh.yml").read_text(encoding="utf-8")
    added = project / "procedures" / "dang-ky-lai-khai-sinh.yml"
    text = text.replace("id: dang-ky-khai-sinh", "id: dang-ky-lai-khai-sinh")
    added.write_text(text.replace('"1.001193"', '"1.999999"'), encoding="utf-8")
    options = Options(project)
    memo = Serving()
    older = project / "procedures" / "cap-phieu-ly-lich-tu-phap.yml"
    edits = [
        (added, "name: Đăng ký khai sinh\n", "name: Khai sinh lần đầu\n"),  # its place in every list
        (added, "officials: [chu-tich-xa]\n", ""),  # what the editors' page says it lacks
        (added, "amount: 0\n", "amount: 9000\n"),
        (older, "amount: 200000", "amount: 100000"),  # the report counts it as amended
    ]
    agencies = project / "procedures" / "_registry" / "agencies.yml"
    for step in range(len(edits) + 1):
        kept = _shown(prepare(options, None, memo)[1])
        fresh = _shown(prepare(options)[1])
        assert kept == fresh, step
        if step < len(edits):
            replace(*edits[step])
    # The report names the new procedure's agency: renamed, the kept summary is not reused.
    replace(agencies, "name: Ủy ban nhân dân xã, phường", "name: Ủy ban nhân dân cấp xã")
    kept = _shown(prepare(options, None, memo)[1])
    assert any(src.startswith("bao-cao/") and "Ủy ban nhân dân cấp xã" in body for src, *_, body in kept)
    assert kept == _shown(prepare(options)[1])
