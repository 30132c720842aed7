"""The MkDocs adapter: hands the configuration to the core (pipeline.py, which says what a build
does), registers the pages made from data (mkdocs_files.py), gets the theme's shell from MkDocs
(mkdocs_shell.py) and watches the catalogue when serving. Nothing here decides what is built.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
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

from . import mkdocs_files as registered
from . import pipeline
from .commands.site_folder import check_folder, check_inputs_of_config, protected_by_config
from .diagnostics import ThutucError, count
from .index.writer import SHIM
from .load import LoadResult
from .mkdocs_shell import ShellPages, hooks_warning, other_page_hooks, theme_icons
from .pipeline import Options, Report, Site, errors_page, format_diagnostics, prepare
from .serving import Serving, show_errors

log = logging.getLogger("mkdocs.plugins.thutuc")
BUILT = "thutuc_load"  # the log record each preview build ends with (serve_output.py prints it)


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

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = Serving() if command == "serve" else None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        config_file = Path(config.config_file_path or "mkdocs.yml")
        options = Options(
            config_file.parent, self.config.catalogue, self.config.templates, config.site_url,
            config.use_directory_urls, self.config.kiosk, self.config.direct_pages,
            frozenset(registered.nav_sources(config.nav)), theme_icons(),
        )  # fmt: skip
        try:
            pipeline.check_texts(
                {key: config.get(key) for key in ("site_name", "site_description", "copyright", "extra")}
            )
            if self.preloaded is None:  # plain `mkdocs build` and `serve`: the checks `thutuc build` makes
                _check_folders(config_file, config, options, self.serving is not None)
        except ThutucError as exc:
            raise PluginError(str(exc)) from exc
        loaded, self.preloaded = self.preloaded, None
        self.loaded, self.site = prepare(options, loaded, self.serving)
        if self.site is None and self.serving is None:
            errors = self.loaded.errors
            raise PluginError(
                f"Danh mục thủ tục có {len(errors)} lỗi, không dựng trang:\n{format_diagnostics(errors)}"
            )
        if self.site is None:  # every page is the error page: links to pages not made are no news
            config.validation.links.not_found = logging.DEBUG
        else:
            self.site.report = self.on_progress
            for warning in self.loaded.warnings:
                log.info(format_diagnostics([warning]))
        if found := other_page_hooks(config.plugins, self):
            log.warning(hooks_warning(found))
        config.extra["thutuc"] = pipeline.theme_extra(self.site)
        # The search worker's shim from this site, not Material's CDN: a kiosk runs from file://.
        if SHIM not in (polyfills := config.extra.setdefault("polyfills", [])):
            polyfills.append(SHIM)
        self.shells = ShellPages(self.site.shell_keys() if self.site else ())
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        if self.site is None:
            assert self.serving is not None
            self.files = registered.register_errors(files, config, self.serving.generated)
            return self.files
        self.files = registered.register(files, config, self.site)
        self.site.in_engine = len(files.documentation_pages())
        for file in self.shells.files(config):
            files.append(file)
        return files

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        src = page.file.src_uri
        meta = self.shells.meta(src) if self.shells.owns(src) else None
        meta = meta or (self.site.head(src, page.canonical_url) if self.site else None)
        if meta is None:
            return markdown
        page.meta.update(meta)
        return ""

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.shells.owns(page.file.src_uri):
            return self.shells.body
        return self.site.content(page.file.src_uri, html) if self.site else html

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        if self.site is None:
            assert self.loaded is not None
            return errors_page(self.loaded)
        if not self.shells.owns(page.file.src_uri):
            return output
        self.shells.capture(page.file.src_uri, output)
        return ""

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
        if self.site is None:
            assert self.loaded is not None
            show_errors(site_dir, registered.written_by_thutuc(self.files), errors_page(self.loaded))
        else:
            wrote = {Path(file.abs_dest_path) for file in self.files}
            pipeline.write_outputs(
                self.site, self.shells.captured(), site_dir, memo=self.serving, engine_wrote=wrote
            )
        if self.serving is not None and self.loaded is not None:
            errors, warnings = count(self.loaded.diagnostics)
            text = f"Danh mục thủ tục: {errors} lỗi, {warnings} cảnh báo."
            if errors:
                text += f" Trang xem thử hiện danh sách lỗi:\n{format_diagnostics(self.loaded.errors)}"
            log.info(text, extra={BUILT: self.loaded})

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Callable[..., Any]) -> Any:
        project = Path(config.config_file_path or "mkdocs.yml").parent
        server.watch(str(project / self.config.catalogue))
        server.watch(str(project / self.config.templates))
        return server


def _check_folders(config_file: Path, config: MkDocsConfig, options: Options, serving: bool) -> None:
    check_inputs_of_config(config_file, config, options.catalogue, options.templates)
    if not serving:  # `mkdocs build` empties site_dir
        protected = protected_by_config(config_file, config, options.catalogue, options.templates)
        check_folder(Path(config.site_dir).resolve(), protected, "trang (site_dir)")
