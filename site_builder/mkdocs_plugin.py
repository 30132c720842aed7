"""The thin MkDocs adapter: catalogue pages become MkDocs pages, rendered by our core.

Plain `mkdocs build` and `mkdocs serve` work with it; `thutuc build` adds validation before
anything is written, a progress display and an atomic swap of the output folder.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, cast
from urllib.parse import urljoin

import jinja2
from markupsafe import escape
from mkdocs.commands.build import get_context
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_build_date

from . import clock, parallel
from .catalogue import Catalogue
from .commands.site_folder import check_folder, check_inputs_of_config, protected_by_config
from .diagnostics import Diagnostic, ThutucError, count
from .escaping import terminal
from .history.checkout import data_moment
from .history.timeline import History, head, history
from .index.builder import build_index
from .index.writer import SHIM, write_search
from .load import LoadResult, load_catalogue
from .readers.discover import FORMS_DIR
from .render import urls
from .render.api import write_api, write_feedback_data, write_open_data
from .render.direct_pages import (
    ShellKey,
    common_key,
    jsonld_element,
    shell_key,
    write_direct_pages,
)
from .render.error_page import error_page
from .render.feed import write_feed
from .render.output import SITE_MARKER, SITE_MARKER_TEXT, Output
from .render.pages import SitePage, plan
from .render.qr import write_qr_codes
from .render.renderer import FORMS_URL, Renderer
from .render.shell import MARKER_STEM, MARKERS, Shell, shell_src, split_shell
from .serving import Serving, error_files, show_errors
from .validate.files import publishable_forms

log = logging.getLogger("mkdocs.plugins.thutuc")
# The attribute of the log record each preview build ends with: `thutuc serve` prints it its own way.
BUILT = "thutuc_load"
FEEDBACK_MARKER = "<!-- thutuc:lien-he-phan-anh -->"


class ThutucConfig(base.Config):  # type: ignore[no-untyped-call]
    catalogue = c.Type(str, default="procedures")
    templates = c.Type(str, default="overrides/thutuc")
    # A kiosk copy: large touch targets, a "back to start" bar, the data's build date.
    kiosk = c.Type(bool, default=False)
    # Pages outside the navigation (procedures, pages of long lists) written from one rendering
    # of the theme's chrome per folder (see render/shell.py)
    # instead of one theme rendering each; false only to compare both in tests.
    direct_pages = c.Type(bool, default=True)


def format_diagnostics(diagnostics: list[Diagnostic]) -> str:
    lines = [
        f"{terminal(d.file)}:{d.line}:{d.column}: {d.code}: {terminal(d.message)}"
        + (f" ({terminal(d.field)})" if d.field else "")
        for d in diagnostics
    ]
    return "\n".join(lines)


class ThutucPlugin(BasePlugin[ThutucConfig]):  # type: ignore[no-untyped-call]
    """Adds every catalogue page to the build and renders it from data, not Markdown."""

    def __init__(self) -> None:
        # Set by `thutuc build` so the catalogue is read once and progress can be shown.
        self.preloaded: LoadResult | None = None
        self.on_progress: Callable[[int, int], None] | None = None
        self.catalogue: Catalogue | None = None
        self.renderer: Renderer | None = None
        self.url_style = urls.Urls()
        self.pages: dict[str, SitePage] = {}
        self.direct: list[SitePage] = []
        self.nav: Navigation | None = None
        self.shells: dict[ShellKey, Shell] = {}
        self.files: Files | None = None
        self.history = History(from_git=False)
        self._done = 0
        # Kept between the preview server's rebuilds (MkDocs keeps a plugin that has on_startup).
        self.serving: Serving | None = None
        # The preview's last load; when it has errors, the page shown instead of the site.
        self.loaded: LoadResult | None = None
        self.error_html: str | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        if command == "serve":
            self.serving = Serving()

    def _check_folders(self, config: MkDocsConfig) -> None:
        """Plain `mkdocs build` and `serve` read docs/ and the theme too, and `build` empties site_dir:
        the same rules as `thutuc build` (which checks before MkDocs starts)."""
        config_file = Path(config.config_file_path or "mkdocs.yml")
        try:
            check_inputs_of_config(config_file, config, self.config.catalogue, self.config.templates)
            if self.serving is None:
                protected = protected_by_config(
                    config_file, config, self.config.catalogue, self.config.templates
                )
                check_folder(Path(config.site_dir).resolve(), protected, "trang (site_dir)")
        except ThutucError as exc:
            raise PluginError(str(exc)) from exc

    def _root(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path or ".").parent

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = self._root(config)
        for key, value in _texts(
            {k: config.get(k) for k in ("site_name", "site_description", "copyright", "extra")}
        ):
            if MARKER_STEM in value.lower():
                raise PluginError(
                    f"mkdocs.yml: {key} chứa «{MARKER_STEM}», chữ mà giao diện dùng để đánh dấu chỗ điền nội "
                    "dung của trang thủ tục: bỏ chữ này đi."
                )
        if self.preloaded is None:
            self._check_folders(config)
        result = self.preloaded or load_catalogue(
            root / self.config.catalogue, cache=self.serving.read if self.serving else None
        )
        self.loaded, self.error_html = result, None
        if result.errors and self.serving is not None:
            return self._show_errors(config, result)
        if result.errors:
            raise PluginError(
                f"Danh mục thủ tục có {len(result.errors)} lỗi, không dựng trang:\n{format_diagnostics(result.errors)}"
            )
        for warning in result.warnings:
            log.info(format_diagnostics([warning]))
        self.catalogue = result.catalogue
        self.url_style = urls.Urls(config.use_directory_urls)
        icons = _material_icons()
        self.renderer = Renderer(
            self.catalogue,
            root / self.config.templates,
            self.url_style,
            icons,
            site_url=config.site_url,
            bytecode_cache=self.serving.templates if self.serving else None,
        )
        self.history = self._history(root / self.config.catalogue)
        if self.serving is None:
            # A valid catalogue needs no positions in its files any more: free them before
            # rendering (they were half of the memory at 20,000 procedures).
            result.files.sources.clear()
        catalogue_dir = root / self.config.catalogue
        pages = plan(self.catalogue, clock.now().date(), self.history, catalogue_dir)
        in_nav = set(_nav_sources(config.nav))
        direct = [p for p in pages if self.config.direct_pages and _is_direct(p, in_nav)]
        self.direct = direct
        chosen = {p.src_uri for p in direct}
        self.pages = {page.src_uri: page for page in pages if page.src_uri not in chosen}
        self._done = 0
        settings = self.catalogue.settings
        # The theme's templates print extra values without escaping: escape them here.
        config.extra["thutuc"] = {
            "notice": str(escape(settings.notice)) if settings and settings.notice else "",
            "sample": bool(settings and settings.sample),
            "search": True,
            "kiosk": {"built": built_at(self.catalogue)} if self.config.kiosk else None,
        }
        # Local copy of the shim that lets the search worker run from file:// (a kiosk, a USB
        # stick); Material's offline plugin would otherwise add it from a CDN.
        polyfills = config.extra.setdefault("polyfills", [])
        if SHIM not in polyfills:
            polyfills.append(SHIM)
        return config

    def _show_errors(self, config: MkDocsConfig, result: LoadResult) -> MkDocsConfig:
        """The preview does not stop at errors (MkDocs would wait, and the browser with it): it
        makes a site whose every page lists them (serving.py), and live reload ends it."""
        self.error_html = error_page(result.errors, len(result.warnings))
        self.pages, self.direct = {}, []
        config.extra["thutuc"] = {"notice": "", "sample": False, "search": False, "kiosk": None}
        # Every page is the error page: links from docs/ to pages not made this time are not worth a warning.
        config.validation.links.not_found = logging.DEBUG
        return config

    def _history(self, catalogue_dir: Path) -> History:
        """The catalogue's history; the preview reuses it until another commit is checked out."""
        assert self.catalogue is not None and self.loaded is not None
        commit = head(catalogue_dir) if self.serving is not None else None
        if self.serving is not None and commit is not None and self.serving.history[0] == commit:
            return self.serving.history[1]
        sources = self.loaded.files.sources
        known = {
            raw: procedure
            for procedure_id, procedure in self.catalogue.procedures.items()
            if (raw := sources[procedure_id].raw) is not None
        }
        found = history(catalogue_dir, known)
        if self.serving is not None and commit is not None:
            self.serving.history = (commit, found)
        return found

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        if self.serving is not None and self.error_html is not None:
            nav, written = _nav_sources(config.nav), _WrittenByThutuc.addressed_as_page
            self.files = error_files(files, config, nav, self.serving.generated, written)
            return self.files
        for src_uri in [*self.pages, *(page.src_uri for page in self.direct)]:
            if files.get_file_from_path(src_uri) is not None:
                raise PluginError(
                    f"Trang {src_uri} trong docs/ trùng với trang sinh từ danh mục: đổi tên trang viết tay."
                )
            if src_uri in self.pages:
                files.append(File.generated(config, src_uri, content=""))
            else:
                files.append(_WrittenByThutuc.addressed_as_page(config, src_uri))
        self.files = files
        forms = self._root(config) / self.config.catalogue / FORMS_DIR
        # Only forms that passed the checks (validate/files.py): never a link, a page or a program.
        for path in publishable_forms(forms):
            files.append(File.generated(config, f"{FORMS_URL}/{path.name}", abs_src_path=str(path)))
        # So that `thutuc build` may later replace a site plain `mkdocs build` wrote.
        files.append(
            File.generated(config, SITE_MARKER, content=SITE_MARKER_TEXT, inclusion=InclusionLevel.INCLUDED)
        )
        return files

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        site_page = self.pages.get(page.file.src_uri)
        if site_page is None:
            return markdown
        page.meta["title"] = str(escape(site_page.title))
        page.meta["description"] = str(escape(site_page.description))
        page.meta["hide"] = list(site_page.hide)
        procedure = site_page.context.get("procedure")
        if procedure is not None and self.catalogue is not None:
            canonical = page.canonical_url
            page.meta["thutuc_jsonld"] = jsonld_element(site_page, self.catalogue, canonical)
        return ""

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.error_html is not None:
            return html
        assert self.renderer is not None
        site_page = self.pages.get(page.file.src_uri)
        if site_page is not None:
            html = self.renderer.render(site_page)
        elif FEEDBACK_MARKER in html:
            html = html.replace(FEEDBACK_MARKER, self.renderer.render_feedback_contacts(page.file.src_uri))
        self._advance(1, len(files.documentation_pages()))
        return html

    def _advance(self, count: int, theme_pages: int) -> None:
        self._report(self._done + count, theme_pages)

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav
        return nav

    def on_pre_build(self, config: MkDocsConfig) -> None:
        if self.serving is not None:
            self.serving.set_aside(Path(config.site_dir))

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        return output if self.error_html is None else self.error_html

    def on_env(self, env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        if self.serving is not None:
            # MkDocs makes a new environment for each rebuild: keep the compiled theme templates.
            env.bytecode_cache = self.serving.templates
        assert self.nav is not None
        self.shells = {
            key: split_shell(_render_shell(env, config, files, self.nav, *key))
            for key in sorted({shell_key(page) for page in self.direct})
        }
        return env

    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        """Procedure pages are not MkDocs pages: add them to the sitemap the theme wrote."""
        if template_name != "sitemap.xml" or not self.direct or not config.site_url:
            return output_content
        base = config.site_url if config.site_url.endswith("/") else config.site_url + "/"
        entries = "".join(
            f"\n    <url>\n         <loc>{escape(urljoin(base, self.url_style.of(page.src_uri)))}</loc>"
            f"\n         <lastmod>{get_build_date()}</lastmod>\n    </url>"
            for page in self.direct
        )
        return output_content.replace("</urlset>", entries.lstrip("\n") + "\n</urlset>", 1)

    def _common_key(self, config: MkDocsConfig) -> str:
        assert self.catalogue is not None
        templates = self._root(config) / self.config.templates
        return common_key(self.catalogue, self.shells.values(), templates, self.url_style, config.site_url)

    def on_post_build(self, config: MkDocsConfig) -> None:
        theme_pages = self._done
        if self.serving is not None and self.error_html is not None:
            pages = [Path(f.abs_dest_path) for f in self.files or () if isinstance(f, _WrittenByThutuc)]
            show_errors(Path(config.site_dir), pages, self.error_html)
            return self._log_built()
        if self.serving is not None:
            self.serving.restore(Path(config.site_dir))
        # The preview server runs threads (a fork would copy their locks); it has its caches.
        jobs = 1 if self.serving is not None else parallel.ways()
        parallel.run_split(
            lambda part, count, advance: self._write_share(config, part, count, advance),
            jobs,
            progress=lambda done: self._report(theme_pages + done, theme_pages),
        )
        if self.serving is not None:
            self.serving.generated = (*self.pages, *(page.src_uri for page in self.direct))
            self._log_built()

    def _log_built(self) -> None:
        """One record per preview build; `thutuc serve` prints it as its own line (serve_output.py)."""
        assert self.loaded is not None
        errors, warnings = count(self.loaded.diagnostics)
        text = f"Danh mục thủ tục: {errors} lỗi, {warnings} cảnh báo."
        if errors:
            text += f" Trang xem thử hiện danh sách lỗi:\n{format_diagnostics(self.loaded.errors)}"
        log.info(text, extra={BUILT: self.loaded})

    def _report(self, done: int, theme_pages: int) -> None:
        self._done = done
        if self.on_progress is not None:
            self.on_progress(done, theme_pages + len(self.direct))

    def _write_outputs(
        self,
        config: MkDocsConfig,
        part: int,
        count: int,
        advance: Callable[[int], None],
        memo: Serving,
        output: Output,
    ) -> None:
        assert self.catalogue is not None and self.renderer is not None
        site = Path(config.site_dir)
        if self.direct:
            write_direct_pages(
                self.direct[part::count],
                self.shells,
                self.renderer,
                site,
                site_url=config.site_url,
                cache=memo.pages if self.serving else None,
                digests=self.loaded.files.digests if self.loaded else None,
                common=self._common_key(config) if self.serving else "",
                progress=advance,
                output=output,
            )
        if config.site_url:
            ids = sorted(self.catalogue.procedures)[part::count]
            write_qr_codes(ids, site, config.site_url, memo.qr, output)
        if part == 0:
            write_api(self.catalogue, site, self.url_style, memo.json, output)
            write_feedback_data(self.catalogue, site, self.url_style)
            write_open_data(self.catalogue, site, self.url_style, memo.json)
            if config.site_url:
                write_feed(self.catalogue, self.history, site, config.site_url, clock.now())
        if part == count - 1:
            payload, _ = build_index(self.catalogue, self.url_style, memo.terms)
            write_search(site, payload)

    def _write_share(
        self, config: MkDocsConfig, part: int, count: int, advance: Callable[[int], None]
    ) -> None:
        """This process's share of what is written from data: every count-th page and QR code;
        open data in the first process, the search index in the last."""
        memo = self.serving or Serving()
        output = Output(memo.on_disk if self.serving else None)
        try:
            self._write_outputs(config, part, count, advance, memo, output)
        except BaseException:
            if self.serving is not None:
                # What did get written is on disk now: the next rebuild must compare with that.
                self.serving.on_disk = {**self.serving.on_disk, **output.written}
            raise
        if self.serving is not None:
            # Files MkDocs wrote itself this time (a procedure put in the nav) are not stale.
            output.remove_stale(keep={Path(f.abs_dest_path) for f in self.files or ()})
            self.serving.on_disk = output.written

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Callable[..., Any]) -> Any:
        server.watch(str(self._root(config) / self.config.catalogue))
        server.watch(str(self._root(config) / self.config.templates))
        return server


def _nav_sources(nav: object) -> list[str]:
    """Every page source named in mkdocs.yml's nav."""
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [src for value in nav.values() for src in _nav_sources(value)]
    if isinstance(nav, list):
        return [src for item in nav for src in _nav_sources(item)]
    return []


# Templates whose pages always have their own <h1> (the theme adds one otherwise).
DIRECT_TEMPLATES = {"procedure.html", "list.html", "az.html", "agency.html"}


def _is_direct(page: SitePage, in_nav: set[str]) -> bool:
    """Outside the navigation the theme's chrome is the same for every page of a depth."""
    # `x/index.md` is `x/`, one folder up from its source: it gets the theme's own rendering.
    index = page.src_uri == "index.md" or page.src_uri.endswith("/index.md")
    return page.template in DIRECT_TEMPLATES and page.src_uri not in in_nav and not index


def _render_shell(
    env: jinja2.Environment,
    config: MkDocsConfig,
    files: Files,
    nav: Navigation,
    folder: str,
    hide: tuple[str, ...],
) -> str:
    """The theme's page in `folder` whose every slot holds its marker (as MkDocs' _build_page)."""
    page = Page(None, File.generated(config, shell_src(folder), content=""), config)
    page.meta = {
        "title": MARKERS["title"],
        "description": MARKERS["description"],
        "hide": list(hide),
        "thutuc_jsonld": MARKERS["jsonld"],
    }
    # Material adds a heading when the body has none; a procedure body always has its own.
    page.content = _Body(MARKERS["content"])
    page.active = True
    config._current_page = page
    try:
        context = get_context(nav, files, config, page)
        context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
        output = env.get_template("main.html").render(context)
        return str(config.plugins.on_post_page(output, page=page, config=config))
    finally:
        page.active = False
        config._current_page = None


class _WrittenByThutuc(File):
    """A page the plugin writes itself (render/direct_pages.py). MkDocs knows it, so that
    Markdown links to it resolve, but never reads, renders, copies or lists it."""

    @classmethod
    def addressed_as_page(cls, config: MkDocsConfig, src_uri: str) -> _WrittenByThutuc:
        """Addressed as the page MkDocs would make of `src_uri`, not as a copied file."""
        file = cast(_WrittenByThutuc, cls.generated(config, src_uri, content=""))
        like = File.generated(config, src_uri, content="")
        file.dest_uri, file.url = like.dest_uri, like.url
        return file

    def is_documentation_page(self) -> bool:
        return False

    def is_static_page(self) -> bool:
        return False

    def copy_file(self, dirty: bool = False) -> None:
        return None


class _Body(str):
    """The body marker, which (like every procedure body) contains a top-level heading."""

    __slots__ = ()

    def __contains__(self, item: object) -> bool:
        return item == "<h1" or str.__contains__(self, str(item))


def built_at(catalogue: Catalogue) -> str:
    """When this copy's data last changed (not when it was built), as the kiosk bar shows it."""
    return data_moment(catalogue).label()


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


def _material_icons() -> Path | None:
    try:
        import material
    except ImportError:  # another theme: pages simply go without icons
        return None
    return Path(material.__file__).parent / "templates" / ".icons"
