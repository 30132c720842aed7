"""The thin MkDocs adapter: catalogue pages become MkDocs pages, rendered by our core.

Plain `mkdocs build` and `mkdocs serve` work with it; `thutuc build` adds validation before
anything is written, a progress display and an atomic swap of the output folder.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from markupsafe import escape
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from .catalogue import Catalogue
from .diagnostics import Diagnostic
from .history.timeline import History, history
from .index.builder import build_index
from .index.writer import SHIM, write_search
from .load import LoadResult, load_catalogue
from .readers.discover import FORMS_DIR, SCHEMA_DIR
from .render import urls
from .render.api import write_api, write_feedback_data, write_open_data
from .render.feed import write_feed
from .render.jsonld import government_service, script_json
from .render.pages import SitePage, plan
from .render.qr import write_qr_codes
from .render.renderer import FORMS_URL, Renderer

log = logging.getLogger("mkdocs.plugins.thutuc")
FEEDBACK_MARKER = "<!-- thutuc:lien-he-phan-anh -->"
VIETNAM = dt.timezone(dt.timedelta(hours=7), "ICT")


class ThutucConfig(base.Config):  # type: ignore[no-untyped-call]
    catalogue = c.Type(str, default="procedures")
    templates = c.Type(str, default="overrides/thutuc")
    # A kiosk copy: large touch targets, a "back to start" bar, the data's build date.
    kiosk = c.Type(bool, default=False)


def format_diagnostics(diagnostics: list[Diagnostic]) -> str:
    lines = [
        f"{d.file}:{d.line}:{d.column}: {d.code}: {d.message}" + (f" ({d.field})" if d.field else "")
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
        self.history = History(from_git=False)
        self._done = 0

    def _root(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path or ".").parent

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = self._root(config)
        result = self.preloaded or load_catalogue(root / self.config.catalogue)
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
            self.catalogue, root / self.config.templates, self.url_style, icons, site_url=config.site_url
        )
        self.history = history(root / self.config.catalogue)
        catalogue_dir = root / self.config.catalogue
        pages = plan(self.catalogue, build_moment().date(), self.history, catalogue_dir)
        self.pages = {page.src_uri: page for page in pages}
        settings = self.catalogue.settings
        # The theme's templates print extra values without escaping: escape them here.
        config.extra["thutuc"] = {
            "notice": str(escape(settings.notice)) if settings and settings.notice else "",
            "sample": bool(settings and settings.sample),
            "search": True,
            "kiosk": {"built": built_at()} if self.config.kiosk else None,
        }
        # Local copy of the shim that lets the search worker run from file:// (a kiosk, a USB
        # stick); Material's offline plugin would otherwise add it from a CDN.
        polyfills = config.extra.setdefault("polyfills", [])
        if SHIM not in polyfills:
            polyfills.append(SHIM)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        for src_uri in self.pages:
            if files.get_file_from_path(src_uri) is not None:
                raise PluginError(
                    f"Trang {src_uri} trong docs/ trùng với trang sinh từ danh mục: đổi tên trang viết tay."
                )
            files.append(File.generated(config, src_uri, content=""))
        forms = self._root(config) / self.config.catalogue / FORMS_DIR
        if forms.is_dir():
            for path in sorted(forms.iterdir()):
                if path.is_file():
                    files.append(File.generated(config, f"{FORMS_URL}/{path.name}", abs_src_path=str(path)))
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
            page.meta["thutuc_jsonld"] = script_json(government_service(procedure, self.catalogue, canonical))
        return ""

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        assert self.renderer is not None
        site_page = self.pages.get(page.file.src_uri)
        if site_page is not None:
            html = self.renderer.render(site_page)
        elif FEEDBACK_MARKER in html:
            html = html.replace(FEEDBACK_MARKER, self.renderer.render_feedback_contacts(page.file.src_uri))
        self._done += 1
        if self.on_progress is not None:
            self.on_progress(self._done, len(files.documentation_pages()))
        return html

    def on_post_build(self, config: MkDocsConfig) -> None:
        assert self.catalogue is not None
        write_api(self.catalogue, Path(config.site_dir), self.url_style)
        write_feedback_data(self.catalogue, Path(config.site_dir), self.url_style)
        schemas = self._root(config) / self.config.catalogue / SCHEMA_DIR
        write_open_data(self.catalogue, Path(config.site_dir), self.url_style, schemas)
        if config.site_url:
            write_qr_codes(self.catalogue, Path(config.site_dir), config.site_url)
            write_feed(self.catalogue, self.history, Path(config.site_dir), config.site_url, build_moment())
        payload, _ = build_index(self.catalogue, self.url_style)
        write_search(Path(config.site_dir), payload)

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Callable[..., Any]) -> Any:
        server.watch(str(self._root(config) / self.config.catalogue))
        server.watch(str(self._root(config) / self.config.templates))
        return server


def build_moment() -> dt.datetime:
    """Now in Vietnam's time, or SOURCE_DATE_EPOCH for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch else dt.datetime.now(dt.UTC)
    return moment.astimezone(VIETNAM)


def built_at() -> str:
    """When this copy's data was built, as the kiosk bar shows it."""
    return build_moment().strftime("%H:%M ngày %d/%m/%Y")


def _material_icons() -> Path | None:
    try:
        import material
    except ImportError:  # another theme: pages simply go without icons
        return None
    return Path(material.__file__).parent / "templates" / ".icons"
