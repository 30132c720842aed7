"""The preview's rebuild after procedure files were saved: only what they change, the page first.

A full rebuild runs the engine over every page (MkDocs renders the navigation's pages, the theme's
shells, copies the theme) and then writes every output: over a second at 2,000 procedures. After
an editor saves procedure files, most of that cannot change. `rebuild` decides, from what changed
and from the catalogue loaded again, whether the last full build's work still holds:

- only procedure files changed (mkdocs.yml, templates, docs/, registries, feedback, forms: the full
  build), and no procedure was added or removed, and the catalogue has no errors, before or after
  (an error page appears or goes away only through the full build);
- every page keeps its place: the same pages in the engine and outside it, the same shells, and each
  page the engine renders keeps its head (title, description, hidden parts).

Then the pages whose content may differ are written the way the full build would write them:
pages outside the navigation through the page cache (a page whose key, everything it shows, did not
change is not rendered again), the engine's pages by putting their new body in place of the old one
in the page the engine wrote last time (the body is printed once, as given: mkdocs_shell.py's seam).
What the reader opens (the page, the lists it is on) is written before `rebuild` returns; the files
made from the whole catalogue (API, open data, feed, QR codes, search index) are left to `Later`,
which the caller runs after the page is served, tells to stop when another save comes (they are
written again from the newer catalogue then) and waits for before the next rebuild.
Anything else: None, and the caller runs the full build.
"""

from __future__ import annotations

import ctypes
import dataclasses
import gc
import os
import threading
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from .load import LoadResult, load_catalogue
from .model import Procedure
from .pipeline import Site, Writing, prepare
from .readers.discover import IGNORED_NAMES
from .render.direct_pages import ShellKey, common_key, references
from .render.output import Output
from .render.shell import Shell
from .render.site_page import SitePage
from .serving import Serving


@dataclass(frozen=True)
class EnginePage:
    """What the engine wrote for one of our pages in the last full build."""

    body: str  # the body the core handed it (pipeline.Site.content)
    html: str  # the whole page the engine wrote
    path: Path  # where it wrote it
    # False while it is being written again (a thread stopped then may have left either page)
    sure: bool = True


@dataclass(frozen=True)
class Built:
    """What the last full build left that a partial rebuild reuses."""

    site: Site
    shells: Mapping[ShellKey, Shell]
    engine: Mapping[str, EnginePage]  # by source, every page of `site.engine_pages`
    common: str | None = None  # direct_pages.common_key of the pages written last (None: unknown)


def common_of(site: Site, shells: Mapping[ShellKey, Shell]) -> str:
    """What every page outside the engine shows besides its own context (Writing.pages' key)."""
    options = site.options
    return common_key(
        site.catalogue, shells.values(), options.templates_dir, site.renderer.urls, options.site_url
    )


def procedure_files_only(changed: Collection[str], catalogue_dir: Path) -> bool:
    """Whether every changed path is a procedure file (`<id>.yml` right in the catalogue folder)."""
    folder = os.path.abspath(catalogue_dir)
    return bool(changed) and all(
        os.path.dirname(path) == folder
        and path.endswith(".yml")
        and os.path.basename(path) not in IGNORED_NAMES
        for path in map(os.path.abspath, changed)
    )


def rebuild(
    built: Built, changed: Collection[str], site_dir: Path, memo: Serving
) -> tuple[LoadResult, Built, Later] | None:
    """Rewrite what the saved procedure files `changed`; None: only the full build can tell.
    Else the load, what the next partial rebuild starts from, and what to write after the page."""
    # No cyclic collection before the page is written: at 20,000 procedures the plan's new objects
    # set off 3 to 5 full passes over what the last rebuild left alive, 0.5 to 1.6 s; its garbage is
    # collected afterwards, while the files made from the whole catalogue are written.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _rebuild(built, changed, site_dir, memo)
    finally:
        if collecting:
            gc.enable()


def _rebuild(
    built: Built, changed: Collection[str], site_dir: Path, memo: Serving
) -> tuple[LoadResult, Built, Later] | None:
    old = built.site
    if not procedure_files_only(changed, old.options.catalogue_dir):
        return None
    # Only the changed files are read again (the notifications say which; load.ReadCache).
    catalogue_dir = old.options.catalogue_dir
    loaded, site = prepare(old.options, load_catalogue(catalogue_dir, cache=memo.read, changed=changed), memo)
    if site is None or not _same_places(old, site, built):
        return None
    if any(page.html.count(page.body) != 1 for page in built.engine.values()):
        return None  # a body not found exactly once in its page: no way to put the new one there
    edited = {name for name, digest in site.digests.items() if old.digests.get(name) != digest}
    first, rest = _split(site, edited)
    output = Output(memo.on_disk)
    writing = Writing(site, dict(built.shells), site_dir, memo, ())
    common = common_of(site, built.shells)
    engine = dict(built.engine)  # what is on disk: the engine's pages left for later record theirs
    try:
        write_engine_pages(site, first, output, engine)
        writing.pages(_changed(site, old, built, common, edited), memo, output, changed_only=True)
    finally:  # what did get written is on disk: the next build compares with that
        memo.on_disk = {**memo.on_disk, **output.written}

    data = Output(memo.on_disk)

    def finish() -> None:
        memo.on_disk = {**memo.on_disk, **data.written}

    steps = [lambda: write_engine_pages(site, rest, data, engine)]
    later = Later([*steps, *writing.data_steps(0, 1, memo, data)], data, finish)
    return loaded, Built(site, built.shells, engine, common), later


def _changed(site: Site, old: Site, built: Built, common: str, edited: set[str]) -> list[SitePage]:
    """The pages outside the engine that may differ from what the last rebuild wrote. Not a list
    page the plan handed back as the very same object (render/pages.py's `_paginated`: the same
    procedures, unchanged files), when nothing all pages show changed: what it shows is its
    context and that (direct_pages.page_key). Comparing every list's procedures' files again
    was 0.3 s a rebuild at 20,000 procedures. A procedure page also shows others' names: it is
    compared again (direct_pages.page_key) only if a file it shows changed, or its cases or
    history (what page_key is made from), even when the plan handed it back as the same object;
    every procedure page was, 0.4 s at 20,000."""
    if common != built.common:
        return site.direct
    return [
        page
        for page, before in zip(site.direct, old.direct, strict=True)
        # The plan hands back a procedure's page as the same object while that procedure's file is
        # unchanged, but the names of the others it shows may have changed.
        if (
            _may_differ(page.context, before.context, edited)
            if "procedure" in page.context
            else page is not before
        )
    ]


def _may_differ(context: Mapping[str, object], before: Mapping[str, object], edited: set[str]) -> bool:
    """Whether a procedure page may show something else than last time: one of the files it shows
    (its own, the procedures it names) changed, or its cases or history did."""
    procedure = context["procedure"]
    assert isinstance(procedure, Procedure)
    return not edited.isdisjoint([procedure.id, *references(procedure)]) or any(
        context[name] != before.get(name) for name in ("cases", "last_changed", "revisions")
    )


class Stale(Exception):
    """Raised in the thread writing the files made from the whole catalogue: another save came."""


class Later:
    """The files made from the whole catalogue, written in a thread after the page; `stop` ends
    the thread (the next save: the next rebuild writes them all again), mid-step.

    The next rebuild waits for this thread, and one step (the open data, the search index) is
    seconds at 20,000 procedures: the reader would wait for it after the next save, before the
    page. So `stop` raises `Stale` in the thread (CPython's PyThreadState_SetAsyncExc: at its next
    instruction, without slowing it down until then, which checking in a profile function did 2 to
    4 times), only while the thread runs its steps: the `lock` and `done` keep the exception inside
    `_run`'s try; what was written through `output` is recorded (`finish`) by the thread that
    stops it, after."""

    def __init__(
        self, steps: Sequence[Callable[[], object]], output: Output, finish: Callable[[], None]
    ) -> None:
        self.steps, self.output, self.finish = steps, output, finish
        self.lock = threading.Lock()
        self.running = False  # the thread is in `_run`'s try: an exception may be raised there
        self.done = False  # no exception may be raised in the thread any more
        self.release = threading.Event()  # the steps are done: the thread may end
        self.stopped = False
        self.thread = threading.Thread(target=self._run, name="thutuc-sau-trang")

    def start(self) -> None:
        self.thread.start()

    def _run(self) -> None:
        try:
            with self.lock:
                if self.done:  # stopped before it started
                    return
                self.running = True
            for step in self.steps:
                step()
            with self.lock:
                self.done = True
            self.release.wait()  # inside the try until `stop` has decided
        except Stale:
            self.stopped = True

    def stop(self) -> None:
        """End the thread now (not started: it runs nothing), then record what was written. Once."""
        with self.lock:
            if self.running and not self.done and self.thread.ident is not None:
                # The thread is inside `_run`'s try (between the two locked blocks): alive.
                set_async_exc = ctypes.pythonapi.PyThreadState_SetAsyncExc
                set_async_exc(ctypes.c_ulong(self.thread.ident), ctypes.py_object(Stale))
            self.done = True
        self.release.set()
        if self.thread.ident is not None:
            self.thread.join()
        if self.stopped and self.output.written:
            # The file being written when the step stopped may be cut short: gone, it is
            # written again whatever the record of the bytes on disk says.
            next(reversed(self.output.written)).unlink(missing_ok=True)
        self.finish()


def _same_places(old: Site, new: Site, built: Built) -> bool:
    """The same procedures, the same pages in the same places, shells the last build captured."""
    return (
        old.catalogue.procedures.keys() == new.catalogue.procedures.keys()
        and old.engine_pages.keys() == new.engine_pages.keys() == built.engine.keys()
        and [page.src_uri for page in old.direct] == [page.src_uri for page in new.direct]
        and set(new.shell_keys()) <= built.shells.keys()
        and all(_same_head(old.engine_pages[src], page) for src, page in new.engine_pages.items())
    )


def _same_head(old: SitePage, new: SitePage) -> bool:
    """What the engine prints outside the body is unchanged (our engine pages have no JSON-LD)."""
    plain = "procedure" not in old.context and "procedure" not in new.context
    return plain and (old.title, old.description, old.hide, old.template) == (
        new.title,
        new.description,
        new.hide,
        new.template,
    )


def _split(site: Site, edited: set[str]) -> tuple[list[str], list[str]]:
    """The engine's pages that list a saved procedure (written before the server answers) and the
    rest (figures, editors' work lists, the report: after the page, with the data files). At 20,000
    procedures the editors' work lists alone were 0.3 s of every rebuild."""
    saved = {id(site.catalogue.procedures[name]) for name in edited if name in site.catalogue.procedures}
    first: list[str] = []
    rest: list[str] = []
    for src, page in site.engine_pages.items():
        (first if _lists(page, saved) else rest).append(src)
    return first, rest


def _lists(page: SitePage, saved: set[int]) -> bool:
    """Whether the page's context holds one of the `saved` procedures, or a list holding one."""
    for value in page.context.values():
        items = value if isinstance(value, list | tuple) else [value]
        if any(id(item) in saved for item in items):
            return True
    return False


def write_engine_pages(
    site: Site, sources: Sequence[str], output: Output, engine: dict[str, EnginePage]
) -> None:
    """The engine's pages `sources` whose body changed, as the engine writes them (the body put in
    place of the last one), each recorded in `engine`. A page a stopped thread may have left half
    written (not `sure`, or its file gone) is written again even if its body is the one recorded."""
    for src in sources:
        last = engine[src]
        body = site.renderer.render(site.engine_pages[src])
        if body == last.body and last.sure and last.path.exists():
            continue
        engine[src] = dataclasses.replace(last, sure=False)
        page = EnginePage(body, last.html.replace(last.body, body), last.path)
        # As MkDocs writes a page (mkdocs.commands.build._build_page).
        output.write(page.path, page.html.encode("utf-8", errors="xmlcharrefreplace"))
        engine[src] = page
