"""The preview's rebuild after a save reads only the files the system said changed, reuses the
pages of lists the save did not touch and stops the files written after the page when another
save comes: what it finds and writes is what a fresh load and a full build find and write."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import threading
import time
from pathlib import Path

from conftest import FIXTURE_CATALOGUE, copy_project, replace
from conftest import TODAY as FIXED_DAY

from site_builder.load import LoadResult, ReadCache, load_catalogue
from site_builder.partial import EnginePage, Later, write_engine_pages
from site_builder.pipeline import Options, prepare
from site_builder.render.output import Output

TODAY = dt.date.fromisoformat(FIXED_DAY)  # the day everything the tests run sees (conftest)
BIRTH = "dang-ky-khai-sinh.yml"
RECORD = "cap-phieu-ly-lich-tu-phap.yml"
FIELDS = "_registry/fields.yml"
# Each edit, and a finding it must bring (None: the catalogue is clean again).
EDITS = [
    (BIRTH, "field: ho-tich\n", "field: ho-tichh\n", "E303"),  # a registry that does not have it
    (BIRTH, "field: ho-tichh\n", "field: ho-tich\n", None),
    # The other file's code at the other file's level: the second one by id is told.
    (BIRTH, 'code: "1.001193"\nstatus: active', 'code: "3.000333"\nstatus: active', None),
    (BIRTH, "level: commune", "level: province", "E302"),
    (BIRTH, 'code: "3.000333"', 'code: "1.001193"', None),
    # The replaced procedure, which did not change, is the one told it is not replaced any more.
    (RECORD, "replaces: [cap-phieu-ly-lich-tu-phap-so-tu-phap]\n", "", "E308"),
    (RECORD, "audiences: [cong-dan]\n", "audiences: [cong-dan]\nreplaces: [cap-phieu-ly-lich-tu-phap-so-tu-phap]\n", None),
    # A registry loses the field a procedure that did not change names: that one is told.
    (FIELDS, "id: ho-tich\n", "id: ho-tich-cu\n", "E303"),
    (FIELDS, "id: ho-tich-cu\n", "id: ho-tich\n", None),
    (BIRTH, "name: Đăng ký khai sinh\n", "name: [Đăng ký khai sinh\n", "E100"),  # not YAML any more
    (BIRTH, "name: [Đăng ký khai sinh\n", "name: Đăng ký khai sinh\n", None),
]  # fmt: skip


def _same(hinted: LoadResult, fresh: LoadResult) -> None:
    assert hinted.diagnostics == fresh.diagnostics
    assert hinted.catalogue.procedures == fresh.catalogue.procedures
    assert hinted.files.procedure_ids == fresh.files.procedure_ids


def test_findings_after_each_save_are_those_of_a_fresh_load(catalogue: Path) -> None:
    cache = ReadCache()
    _same(load_catalogue(catalogue, TODAY, cache), load_catalogue(catalogue, TODAY))
    for name, old, new, code in EDITS:
        replace(catalogue / name, old, new)
        hinted = load_catalogue(catalogue, TODAY, cache, changed=[str(catalogue / name)])
        fresh = load_catalogue(catalogue, TODAY)
        _same(hinted, fresh)
        codes = {d.code for d in hinted.errors}
        assert (code in codes) if code else not codes, (name, new, codes)


def test_a_save_it_cannot_tell_by_its_path_searches_the_folder_again(catalogue: Path) -> None:
    cache = ReadCache()
    load_catalogue(catalogue, TODAY, cache)
    # A new file, named by the notifications: found, like a fresh load finds it.
    added = catalogue / "dang-ky-lai-khai-sinh.yml"
    text = (catalogue / BIRTH).read_text(encoding="utf-8")
    added.write_text(text.replace("id: dang-ky-khai-sinh", "id: dang-ky-lai-khai-sinh"), encoding="utf-8")
    hinted = load_catalogue(catalogue, TODAY, cache, changed=[str(added)])
    assert "dang-ky-lai-khai-sinh" in hinted.catalogue.procedures
    _same(hinted, load_catalogue(catalogue, TODAY))
    # A file replaced by a link: refused (E112), as a fresh load refuses it.
    added.unlink()
    shutil.copy(catalogue / RECORD, catalogue.parent / "elsewhere.yml")
    (catalogue / RECORD).unlink()
    os.symlink(catalogue.parent / "elsewhere.yml", catalogue / RECORD)
    hinted = load_catalogue(catalogue, TODAY, cache, changed=[str(added), str(catalogue / RECORD)])
    assert "E112" in {d.code for d in hinted.errors}
    _same(hinted, load_catalogue(catalogue, TODAY))
    # A deleted file: gone, and the procedure that named it is told.
    (catalogue / RECORD).unlink()
    hinted = load_catalogue(catalogue, TODAY, cache, changed=[str(catalogue / RECORD)])
    assert "cap-phieu-ly-lich-tu-phap" not in hinted.catalogue.procedures
    assert "E303" in {d.code for d in hinted.errors}
    _same(hinted, load_catalogue(catalogue, TODAY))


def test_the_files_written_after_the_page_stop_mid_step_when_another_save_comes(tmp_path: Path) -> None:
    started = threading.Event()
    output = Output({})
    done: list[str] = []
    finished: list[bool] = []

    def long_step() -> None:
        for number in range(20_000):
            output.write(tmp_path / f"{number}.json", b"{}\n" * 1000)
            if number == 10:
                started.set()
        done.append("long")

    steps = [lambda: output.write(tmp_path / "first.json", b"[]\n"), long_step]
    later = Later(steps, output, lambda: finished.append(later.stopped))
    later.start()
    started.wait()
    later.stop()  # what the next save does before its rebuild
    assert finished == [True] and done == [] and not later.thread.is_alive()
    written = list(output.written)
    # Every file it recorded is whole on disk, but the one it was writing, which is gone.
    assert (tmp_path / "first.json").read_bytes() == b"[]\n"
    assert all(path.read_bytes() == b"{}\n" * 1000 for path in written[1:-1])
    assert not written[-1].exists()
    assert 12 <= len(written) < 20_001


def test_files_written_to_the_end_are_recorded_as_such(tmp_path: Path) -> None:
    finished: list[bool] = []
    steps = [lambda: (tmp_path / "a").write_text("a"), lambda: (tmp_path / "b").write_text("b")]
    later = Later(steps, Output(), lambda: finished.append(later.stopped))
    later.start()
    while not later.done:  # the steps ran; the thread waits for `stop`
        time.sleep(0.01)
    later.stop()
    assert finished == [False] and (tmp_path / "b").read_text() == "b"


def test_a_thread_stopped_before_it_starts_runs_nothing(tmp_path: Path) -> None:
    finished: list[bool] = []
    later = Later(
        [lambda: (tmp_path / "a").write_text("a")], Output(), lambda: finished.append(later.stopped)
    )
    later.stop()
    later.start()
    later.thread.join()
    assert finished == [False] and not (tmp_path / "a").exists()


def test_an_engine_page_a_stopped_thread_may_have_left_half_written_is_written_again(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", FIXTURE_CATALOGUE)
    site = prepare(Options(project))[1]
    assert site is not None
    src = next(src for src, page in site.engine_pages.items() if page.template == "completeness_agency.html")
    body = site.renderer.render(site.engine_pages[src])
    whole = f"<html>{body}</html>"
    path = tmp_path / "page.html"
    for sure, wanted in ((True, "half"), (False, whole)):  # recorded as whole: not written again
        path.write_text("half", encoding="utf-8")
        engine = {src: EnginePage(body, whole, path, sure)}
        write_engine_pages(site, [src], Output(), engine)
        assert path.read_text(encoding="utf-8") == wanted
        assert engine[src] == EnginePage(body, whole, path)
    path.unlink()  # what `Later.stop` does to the file it was writing
    write_engine_pages(site, [src], Output(), {src: EnginePage(body, whole, path)})
    assert path.read_text(encoding="utf-8") == whole
