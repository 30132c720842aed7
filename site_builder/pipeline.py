"""What a build does, in order. Read `prepare` and `write_outputs`; nothing else decides.

    prepare()                  load and validate the catalogue (load.py)
                               → its history from git (history/), then the files' bytes are
                                 released (a full build needs them no more)
                               → plan every page (render/pages.py), and choose which ones the
                                 engine renders (in its navigation, folder index pages) and which
                                 the core writes itself
    ── the engine (MkDocs + Material, driven by mkdocs_plugin.py) in between:
                               copies docs/ pages and the theme's assets; renders the pages in
                               its navigation, asking the core for each one's head and body
                               (Site.head, Site.content); renders one theme shell per folder
                               (mkdocs_shell.py) for the pages the core writes
    write_outputs()            pages outside the navigation, each in its folder's shell
                               → data files: API, open data, feedback data, feed
                               → QR codes
                               → the search index
                               (a build: list pages first, then parts that each write a run of
                               procedures' pages, QR codes and API files, then the files joined
                               from what the parts found: gathered.py)
    the findings               prepare returns the LoadResult: `thutuc build` prints it, the
                               preview shows its errors as every page (serving.py)
    the preview, after a save  partial.py: when only procedure files changed and every page
                               keeps its place, those pages are written again without the engine,
                               the data files after the page; anything else: all of the above

`thutuc build` (commands/build.py) loads and validates first, writes nothing while the catalogue
has errors, hands the result to the engine and swaps the finished folder into place. The core
never imports the engine: the engine hands it `Options` and the theme's shells.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import escape

from . import clock, parallel
from .catalogue import Catalogue
from .diagnostics import ThutucError
from .gathered import Gathered, Share, share, write_gathered
from .history.checkout import data_moment
from .history.timeline import History, head, history
from .index.builder import build_index
from .index.writer import SHIM, write_search
from .load import LoadResult, load_catalogue
from .loaded_files import LoadedFiles
from .parallel import run_of
from .render import direct_pages, urls
from .render.api import write_api, write_feedback_data, write_open_data
from .render.direct_pages import ShellKey, common_key, jsonld_element, shell_key, write_direct_pages
from .render.feed import write_feed
from .render.output import Output
from .render.pages import plan
from .render.qr import qr_svg, write_qr_codes
from .render.renderer import Renderer
from .render.shell import MARKER_STEM, Shell
from .render.site_page import SitePage
from .serving import Serving

Report = Callable[[int, int], None]
# Where a hand-written page (docs/) asks for the feedback desks' contacts.
FEEDBACK_MARKER = "<!-- thutuc:lien-he-phan-anh -->"
# The site's own texts (mkdocs.yml), which must not hold the shell's markers.
SITE_TEXTS = ("site_name", "site_description", "copyright", "extra")
# Templates whose pages always have their own <h1> (the theme adds one otherwise).
PROCEDURE_TEMPLATE = "procedure.html"
DIRECT_TEMPLATES = {PROCEDURE_TEMPLATE, "list.html", "az.html", "agency.html"}


@dataclass(frozen=True)
class Options:
    """What the engine's configuration (mkdocs.yml) tells the core."""

    project: Path  # the folder of mkdocs.yml
    catalogue: str = "procedures"
    templates: str = "overrides/thutuc"
    site_url: str | None = None
    directory_urls: bool = True
    kiosk: bool = False
    # Pages outside the navigation written into a shell; false: every page goes through the
    # engine and other plugins' page events (much slower; the tests compare both).
    direct_pages: bool = True
    in_nav: frozenset[str] = frozenset()  # page sources the engine's navigation names
    icons: Path | None = None  # the theme's icon folder, if it has one

    @property
    def catalogue_dir(self) -> Path:
        return self.project / self.catalogue

    @property
    def templates_dir(self) -> Path:
        return self.project / self.templates


@dataclass
class Site:
    """A prepared build: the valid catalogue, its history and every page planned."""

    options: Options
    catalogue: Catalogue
    digests: Mapping[str, str]  # of each procedure file (LoadedFiles.digests): the preview's page keys
    history: History
    renderer: Renderer
    engine_pages: dict[str, SitePage]  # rendered by the engine, by source
    direct: list[SitePage]  # written by the core, each in its folder's shell
    report: Report | None = None  # (pages done, all pages): `thutuc build`'s progress bar
    in_engine: int = 0  # how many pages the engine renders (set by the engine once it knows)
    files: LoadedFiles | None = field(default=None, repr=False)  # a full build's, released after its parts
    done: int = field(default=0, init=False)

    @property
    def generated(self) -> tuple[str, ...]:
        """The source of every page made from data."""
        return (*self.engine_pages, *(page.src_uri for page in self.direct))

    def shell_keys(self) -> list[ShellKey]:
        """The shells the engine must render: one per folder and hidden parts of the theme."""
        return sorted({shell_key(page) for page in self.direct})

    def head(self, src_uri: str, canonical: str | None) -> dict[str, object] | None:
        """What the theme prints in the head of a page the engine renders (None: not ours)."""
        page = self.engine_pages.get(src_uri)
        if page is None:
            return None
        return {
            "title": str(escape(page.title)),
            "description": str(escape(page.description)),
            "hide": list(page.hide),
            "thutuc_jsonld": jsonld_element(page, self.catalogue, canonical),
        }

    def content(self, src_uri: str, html: str) -> str:
        """The body of a page the engine renders: ours rendered from data, a hand-written one
        with the feedback desks' contacts where it asks for them."""
        page = self.engine_pages.get(src_uri)
        if page is not None:
            html = self.renderer.render(page)
        elif FEEDBACK_MARKER in html:
            html = html.replace(FEEDBACK_MARKER, self.renderer.render_feedback_contacts(src_uri))
        self.progress(self.done + 1)
        return html

    def progress(self, done: int) -> None:
        """`done` pages of all pages are written."""
        self.done = done
        if self.report is not None:
            self.report(done, self.in_engine + len(self.direct))


def check_texts(values: Mapping[str, object]) -> None:
    """The site's own texts (site_name, extra, …) must not hold the shell's markers."""
    for key, value in _texts(values):
        if MARKER_STEM in value.lower():
            raise ThutucError(
                f"mkdocs.yml: {key} chứa «{MARKER_STEM}», chữ mà giao diện dùng để đánh dấu chỗ điền nội "
                "dung của trang thủ tục: bỏ chữ này đi."
            )


def _texts(value: object, key: str = "") -> Iterator[tuple[str, str]]:
    """Every string of a configuration value, with its key path (extra.thutuc.notice)."""
    if isinstance(value, str):
        yield key, value
    elif isinstance(value, dict):
        for name, item in value.items():
            yield from _texts(item, f"{key}.{name}" if key else str(name))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, f"{key}[{index}]")


def prepare(
    options: Options,
    loaded: LoadResult | None = None,
    memo: Serving | None = None,
    *,
    report: Report | None = None,
) -> tuple[LoadResult, Site | None]:
    """Load and validate the catalogue (unless `loaded` is given), then plan the site; no site
    while the catalogue has errors. `memo`: the preview's caches, kept between rebuilds;
    `report`: told (pages done, all pages) as pages are written."""
    loaded = loaded or load_catalogue(options.catalogue_dir, cache=memo.read if memo else None)
    if loaded.errors:
        return loaded, None
    catalogue = loaded.catalogue
    past = _history(options.catalogue_dir, loaded, memo)
    if memo is None:
        loaded.files.release_bytes()
    url_style = urls.Urls(options.directory_urls)
    renderer = Renderer(
        catalogue,
        options.templates_dir,
        url_style,
        options.icons,
        site_url=options.site_url,
        bytecode_cache=memo.templates if memo else None,
    )
    # The preview keeps what it read from git, and each procedure's share of the plan.
    pages = plan(catalogue, clock.now().date(), past, options.catalogue_dir, memo.plan if memo else None)
    direct = [page for page in pages if options.direct_pages and _is_direct(page, options.in_nav)]
    chosen = {page.src_uri for page in direct}
    engine_pages = {page.src_uri: page for page in pages if page.src_uri not in chosen}
    site = Site(options, catalogue, loaded.files.digests, past, renderer, engine_pages, direct, report)
    if memo is None:
        site.files = loaded.files
    return loaded, site


def _history(catalogue_dir: Path, loaded: LoadResult, memo: Serving | None) -> History:
    """The catalogue's history; the preview reuses it until another commit is checked out."""
    commit = head(catalogue_dir) if memo is not None else None
    if memo is not None and commit is not None and memo.history[0] == commit:
        return memo.history[1]
    procedures = loaded.catalogue.procedures
    # Files whose bytes were validated here: git's copy of the same bytes is not read again.
    known = {
        source.blob: procedures[pid]
        for pid, source in loaded.files.sources.items()
        if source.blob is not None and pid in procedures
    }
    found = history(catalogue_dir, known)
    if memo is not None and commit is not None:
        memo.history = (commit, found)
    return found


def _is_direct(page: SitePage, in_nav: Collection[str]) -> bool:
    """Outside the navigation the theme's chrome is the same for every page of a folder."""
    # `x/index.md` is `x/`, one folder up from its source: it gets the theme's own rendering.
    index = page.src_uri == "index.md" or page.src_uri.endswith("/index.md")
    return page.template in DIRECT_TEMPLATES and page.src_uri not in in_nav and not index


def theme_extra(site: Site | None, polyfills: list[str]) -> dict[str, object]:
    """What the theme's templates read from `extra` (they print it without escaping): ours, and
    the search worker's shim from this site, not Material's CDN (a kiosk runs from file://)."""
    settings = site.catalogue.settings if site else None
    kiosk = site is not None and site.options.kiosk
    thutuc = {
        "notice": str(escape(settings.notice)) if settings and settings.notice else "",
        "sample": bool(settings and settings.sample),
        "search": site is not None,
        "kiosk": {"built": data_moment(site.catalogue).label()} if site and kiosk else None,
    }
    return {"thutuc": thutuc, "polyfills": polyfills if SHIM in polyfills else [*polyfills, SHIM]}


def write_outputs(
    site: Site,
    shells: Mapping[ShellKey, Shell],
    site_dir: Path,
    *,
    memo: Serving | None = None,
    engine_wrote: Collection[Path] = (),
) -> None:
    """What the core writes once the engine is done, split over the cores (a build: the module's
    docstring; the preview: Writing.write). `memo`: the preview's caches; then files whose bytes did not change are not
    written again, and files of procedures that are gone are removed, unless the engine wrote them
    (`engine_wrote`)."""
    if memo is not None:
        memo.restore(site_dir)
    # A build's parts share out the procedure pages; its list pages are written here, before any
    # part is forked: each shows procedures from all over the catalogue, and a forked part reading
    # them copied most of the catalogue's memory (see gathered.py).
    own = [] if memo is not None else [p for p in site.direct if p.template == PROCEDURE_TEMPLATE]
    ids = [] if memo is not None else sorted(site.catalogue.procedures)
    writing = Writing(site, dict(shells), site_dir, memo, engine_wrote, own, ids)
    # The preview server runs threads (a fork would copy their locks); it has its caches.
    jobs = 1 if memo is not None else parallel.ways()
    if jobs > 1:
        direct_pages.compile_templates(site.renderer)
    if memo is None:
        lists = [page for page in site.direct if page.template != PROCEDURE_TEMPLATE]
        writing.pages(lists, Serving(), Output(), lambda n: site.progress(site.done + n))
    engine_done = site.done
    shares = parallel.run_split(
        writing.share, jobs, progress=lambda done: site.progress(engine_done + done), items=len(own)
    )
    if memo is not None:
        memo.generated = site.generated
    else:
        if site.files is not None:  # no process forks after the parts (LoadedFiles.release_rules)
            site.files.release_rules()
        where = Gathered(site.catalogue, site.history, site_dir, site.renderer.urls, site.options.site_url)
        write_gathered(where, [found for found in shares if found is not None])


@dataclass(frozen=True)
class Writing:
    """One write_outputs: what each process's share needs."""

    site: Site
    shells: dict[ShellKey, Shell]
    site_dir: Path
    memo: Serving | None
    engine_wrote: Collection[Path]
    # A build's procedure pages, which its parts share out (the list pages are written before).
    procedure_pages: list[SitePage] = field(default_factory=list)
    # And its procedure ids, sorted here: a part sorting them itself read every id, and the ids lie
    # among the models' other objects, so that copied a page of memory for nearly each one.
    ids: list[str] = field(default_factory=list)

    def share(self, part: int, count: int, advance: Callable[[int], None]) -> Share | None:
        """One process's share, through the preview's caches when there are some; a build's part
        sends back what the files made from the whole catalogue need of its procedures (gathered.py)."""
        caches = self.memo or Serving()
        output = Output(caches.on_disk if self.memo else None)
        if self.memo is None:  # the list pages are written already (write_outputs)
            self.pages(run_of(self.procedure_pages, part, count), caches, output, advance)
            ids = run_of(self.ids, part, count)
            # Each address is drawn once in a build: nothing to keep (caches.qr keeps every code).
            qr = (self.site.options.site_url, qr_svg)
            return share(self.site.catalogue, ids, self.site_dir, self.site.renderer.urls, qr, output)
        try:
            self.write(part, count, advance, caches, output)
        except BaseException:
            if self.memo is not None:
                # What did get written is on disk now: the next rebuild must compare with that.
                self.memo.on_disk = {**self.memo.on_disk, **output.written}
            raise
        if self.memo is not None:
            output.remove_stale(keep=self.engine_wrote)
            self.memo.on_disk = output.written
        return None

    def write(
        self, part: int, count: int, advance: Callable[[int], None], caches: Serving, output: Output
    ) -> None:
        self.pages(self.site.direct[part::count], caches, output, advance)
        self.data(part, count, caches, output)

    def pages(
        self,
        pages: list[SitePage],
        caches: Serving,
        output: Output,
        advance: Callable[[int], None] | None = None,
        changed_only: bool = False,
    ) -> None:
        """Pages outside the navigation, each in its folder's shell; the preview keeps finished
        pages under a key of everything they show, and renders only those whose key changed
        (`changed_only`: writes only those; see write_direct_pages)."""
        site, site_url = self.site, self.site.options.site_url
        preview = self.memo is not None
        templates = site.options.templates_dir
        common = (
            common_key(site.catalogue, self.shells.values(), templates, site.renderer.urls, site_url)
            if preview
            else ""
        )
        write_direct_pages(
            pages,
            self.shells,
            site.renderer,
            self.site_dir,
            site_url=site_url,
            cache=caches.pages if preview else None,
            digests=site.digests,
            common=common,
            progress=advance,
            output=output,
            changed_only=changed_only,
        )

    def data(self, part: int, count: int, caches: Serving, output: Output) -> None:
        for step in self.data_steps(part, count, caches, output):
            step()

    def data_steps(
        self, part: int, count: int, caches: Serving, output: Output
    ) -> list[Callable[[], object]]:
        """The files made from the whole catalogue, in order: the preview writes them after the
        page, and stops between two steps when another save makes them stale."""
        site, site_dir, site_url = self.site, self.site_dir, self.site.options.site_url
        catalogue, url_style = site.catalogue, site.renderer.urls
        steps: list[Callable[[], object]] = []
        # 1. The data files, in the first process: API, feedback data, open data, feed.
        if part == 0:
            steps.append(lambda: write_api(catalogue, site_dir, url_style, caches.json, output))
            steps.append(lambda: write_feedback_data(catalogue, site_dir, url_style))
            steps.append(lambda: write_open_data(catalogue, site_dir, url_style, caches.json))
            if self.memo is None:  # this build's own caches: no step reads the dumps again
                steps.append(caches.json.found.clear)
            if site_url:
                steps.append(lambda: write_feed(catalogue, site.history, site_dir, site_url, clock.now()))
        # 2. Every count-th procedure's QR code (it needs the site's address).
        if site_url:
            ids = sorted(catalogue.procedures)[part::count]
            steps.append(lambda: write_qr_codes(ids, site_dir, site_url, caches.qr, output))
        if part == 0:  # 3. The search index after them: one process, not two, reads the whole catalogue.
            # Through `output` in the preview: only the shards and chunks whose bytes changed. The
            # `.js` twins only where pages are opened from files (file URLs: --offline, kiosk).
            kept = output if self.memo is not None else None
            scripts = not url_style.directory_urls
            steps.append(
                lambda: write_search(
                    site_dir, build_index(catalogue, url_style, caches.terms)[0], kept, scripts=scripts
                )
            )
        return steps
