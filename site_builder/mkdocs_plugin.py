"""The MkDocs adapter: hands the configuration to the core (pipeline.py says what a build does),
registers the pages made from data (mkdocs_files.py), gets the theme's shells (mkdocs_shell.py)
and watches the catalogue when serving. Nothing here decides what is built, or when."""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_build_date

from . import findings, partial, pipeline
from . import mkdocs_files as registered
from .commands.site_folder import check_config_folders
from .diagnostics import ThutucError
from .load import LoadResult
from .mkdocs_shell import ShellPages, hooks_warning, other_page_hooks, theme_icons
from .partial import Built, EnginePage, Later
from .pipeline import Options, Report, Site
from .serving import Serving, show_errors

log = logging.getLogger("mkdocs.plugins.thutuc")
BUILT = "thutuc_load"  # the log record each preview build ends with (serve_output.py prints it)
PARTIAL = "thutuc_partial"  # on that record: only the pages of the saved procedures were rewritten


class ThutucConfig(base.Config):  # type: ignore[no-untyped-call]
    catalogue = c.Type(str, default="procedures")
    templates = c.Type(str, default="overrides/thutuc")
    kiosk = c.Type(bool, default=False)  # large touch targets, a "back to start" bar, the data's date
    direct_pages = c.Type(bool, default=True)  # pipeline.Options.direct_pages


class ThutucPlugin(BasePlugin[ThutucConfig]):  # type: ignore[no-untyped-call]
    def __init__(self) -> None:
        self.preloaded: LoadResult | None = None  # `thutuc build` validates before MkDocs starts
        self.on_progress: Report | None = None
        self.serving: Serving | None = None  # the preview's caches, kept between rebuilds
        self.loaded: LoadResult | None = None
        self.site: Site | None = None  # None in the preview while the catalogue has errors
        self.shells = ShellPages(())
        self.files = Files([])
        self.error_html: str | None = None  # the preview's every page while the catalogue has errors
        # The preview: our pages as the engine wrote them (partial.py rebuilds them without it).
        self.engine_pages: dict[str, EnginePage] = {}
        self.bodies: dict[str, str] = {}
        self.built: Built | None = None  # what the last full build left, while it holds

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = Serving() if command == "serve" else None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.built, self.engine_pages, self.bodies = None, {}, {}  # a full build starts
        config_file = Path(config.config_file_path or "mkdocs.yml")
        options = Options(
            config_file.parent, self.config.catalogue, self.config.templates, config.site_url,
            config.use_directory_urls, self.config.kiosk, self.config.direct_pages,
            frozenset(registered.nav_sources(config.nav)), theme_icons(),
        )  # fmt: skip
        try:
            pipeline.check_texts({key: config.get(key) for key in pipeline.SITE_TEXTS})
            if self.preloaded is None:  # plain `mkdocs build` and `serve`: the checks `thutuc build` makes
                check_config_folders(
                    config_file, config, options.catalogue, options.templates, not self.serving
                )
            loaded, self.preloaded = self.preloaded, None
            self.loaded, self.site = pipeline.prepare(options, loaded, self.serving, report=self.on_progress)
            if self.site is None and self.serving is None:
                raise findings.CatalogueInvalid(self.loaded)
        except ThutucError as exc:
            raise PluginError(str(exc)) from exc
        self.error_html = findings.errors_page(self.loaded) if self.site is None else None
        if self.site is None:  # every page is the error page: links to pages not made are no news
            config.validation.links.not_found = logging.DEBUG
        for warning in self.loaded.warnings if self.site else ():
            log.info(findings.format_diagnostics([warning]))
        if self.site and self.site.direct and (found := other_page_hooks(config.plugins, self)):
            log.warning(hooks_warning(found))
        config.extra.update(pipeline.theme_extra(self.site, config.extra.get("polyfills", [])))
        self.shells = ShellPages(self.site.shell_keys() if self.site else ())
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        if self.site is None:
            generated = self.serving.generated if self.serving else ()
            self.files = registered.register_errors(files, config, generated)
        else:
            self.site.in_engine = len(files.documentation_pages()) + len(self.site.engine_pages)
            self.files = registered.register(files, config, self.site, self.shells.files(config))
        return self.files

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        src = page.file.src_uri
        meta = self.shells.meta(src) or (self.site.head(src, page.canonical_url) if self.site else None)
        if meta is None:
            return markdown
        page.meta.update(meta)
        return ""

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.shells.owns(page.file.src_uri):
            return self.shells.body
        if self.site is None:
            return html
        body = self.site.content(page.file.src_uri, html)
        if self.serving is not None and page.file.src_uri in self.site.engine_pages:
            self.bodies[page.file.src_uri] = body
        return body

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        if self.error_html is not None:
            return self.error_html
        if not self.shells.owns(page.file.src_uri):
            if (body := self.bodies.pop(page.file.src_uri, None)) is not None:
                self.engine_pages[page.file.src_uri] = EnginePage(body, output, Path(page.file.abs_dest_path))
            return output
        self.shells.capture(page.file.src_uri, output)
        return ""  # nothing written

    def on_env(self, env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        if self.serving is not None:  # MkDocs makes a new environment for each rebuild
            env.bytecode_cache = self.serving.templates
        return env

    def on_template_context(self, context: Any, template_name: str, config: MkDocsConfig) -> Any:
        if template_name == "sitemap.xml":
            context["pages"] = self.shells.outside(context["pages"])
        return context

    def on_post_template(self, output: str, template_name: str, config: MkDocsConfig) -> str:
        if template_name != "sitemap.xml" or self.site is None or not config.site_url:
            return output
        return registered.with_direct_pages(output, self.site, config.site_url, get_build_date())

    def on_pre_build(self, config: MkDocsConfig) -> None:
        if self.serving is not None:  # before MkDocs empties the site folder
            self.serving.set_aside(Path(config.site_dir))

    def on_post_build(self, config: MkDocsConfig) -> None:
        site_dir = Path(config.site_dir)
        if self.site is not None:
            wrote = {Path(file.abs_dest_path) for file in self.files}
            shells = self.shells.captured()
            pipeline.write_outputs(self.site, shells, site_dir, memo=self.serving, engine_wrote=wrote)
            if self.serving is not None and not other_page_hooks(config.plugins, self):
                self.built = Built(self.site, shells, self.engine_pages, partial.common_of(self.site, shells))
        elif self.error_html is not None:
            show_errors(site_dir, registered.written_by_thutuc(self.files), self.error_html)
        if self.serving is not None and self.loaded is not None:  # `thutuc serve` prints it its own way
            log.info(findings.preview_summary(self.loaded), extra={BUILT: self.loaded})

    def rebuild_changed(self, changed: Collection[str], site_dir: Path) -> Later | None:
        """The preview after procedure files were saved: partial.py decides whether the page and the
        lists it is on are all that changed and writes them; None: the full build must run."""
        if self.built is None or self.serving is None:
            return None
        done = partial.rebuild(self.built, changed, site_dir, self.serving)
        if done is None:
            return None
        self.loaded, self.built, later = done
        self.site = self.built.site
        log.info(findings.preview_summary(self.loaded), extra={BUILT: self.loaded, PARTIAL: True})
        return later

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Callable[..., Any]) -> Any:
        for folder in (self.config.catalogue, self.config.templates):
            server.watch(str(Path(config.config_file_path or "mkdocs.yml").parent / folder))
        return server
