"""The files the plugin registers with MkDocs, so that its navigation and link checking know them.

- pages MkDocs renders from data (in the navigation, folder index pages): generated files whose
  Markdown is empty, the body comes from the core (pipeline.Site.content);
- pages the core writes itself (pipeline.write_outputs): `WrittenByThutuc`, known to MkDocs so
  that Markdown links to them resolve, never read, rendered, copied or listed;
- the forms that passed the checks, copied as they are; the marker saying thutuc wrote the folder;
- in the preview while the catalogue has errors, every page a reader may have open;
- the pages the core writes, added to the sitemap the theme writes.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import cast
from urllib.parse import urljoin

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from .pipeline import Site
from .readers.discover import FORMS_DIR
from .render.output import SITE_MARKER, SITE_MARKER_TEXT
from .render.renderer import FORMS_URL
from .validate.files import publishable_forms


class WrittenByThutuc(File):
    """A page the core writes itself (pipeline.write_outputs). MkDocs knows it, so that
    Markdown links to it resolve, but never reads, renders, copies or lists it."""

    @classmethod
    def addressed_as_page(cls, config: MkDocsConfig, src_uri: str) -> WrittenByThutuc:
        """Addressed as the page MkDocs would make of `src_uri`, not as a copied file."""
        file = cast(WrittenByThutuc, cls.generated(config, src_uri, content=""))
        like = File.generated(config, src_uri, content="")
        file.dest_uri, file.url = like.dest_uri, like.url
        return file

    def is_documentation_page(self) -> bool:
        return False

    def is_static_page(self) -> bool:
        return False

    def copy_file(self, dirty: bool = False) -> None:
        return None


def nav_sources(nav: object) -> list[str]:
    """Every page source named in mkdocs.yml's nav."""
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [src for value in nav.values() for src in nav_sources(value)]
    if isinstance(nav, list):
        return [src for item in nav for src in nav_sources(item)]
    return []


def register(files: Files, config: MkDocsConfig, site: Site, shells: Iterable[File]) -> Files:
    """Every page made from data, the theme's shells (mkdocs_shell.py), the forms and the folder's marker."""
    for src_uri in site.generated:
        if files.get_file_from_path(src_uri) is not None:
            raise PluginError(
                f"Trang {src_uri} trong docs/ trùng với trang sinh từ danh mục: đổi tên trang viết tay."
            )
        if src_uri in site.engine_pages:
            files.append(File.generated(config, src_uri, content=""))
        else:
            files.append(WrittenByThutuc.addressed_as_page(config, src_uri))
    for shell in shells:
        files.append(shell)
    # Only forms that passed the checks (validate/files.py): never a link, a page or a program.
    for path in publishable_forms(site.options.catalogue_dir / FORMS_DIR):
        files.append(File.generated(config, f"{FORMS_URL}/{path.name}", abs_src_path=str(path)))
    # So that `thutuc build` may later replace a site plain `mkdocs build` wrote.
    files.append(
        File.generated(config, SITE_MARKER, content=SITE_MARKER_TEXT, inclusion=InclusionLevel.INCLUDED)
    )
    return files


def register_errors(files: Files, config: MkDocsConfig, generated: Iterable[str]) -> Files:
    """A preview build with errors still makes every page a reader may have open: the navigation's
    (MkDocs renders them, with live reload, and the plugin swaps in the error page) and the last
    good build's other pages (written by serving.show_errors)."""
    in_nav = {src for src in nav_sources(config.nav) if src.endswith(".md")}
    for src_uri in sorted(in_nav | set(generated)):
        if files.get_file_from_path(src_uri) is None:
            if src_uri in in_nav:
                files.append(File.generated(config, src_uri, content=""))
            else:
                files.append(WrittenByThutuc.addressed_as_page(config, src_uri))
    return files


def written_by_thutuc(files: Iterable[File]) -> list[Path]:
    """Where the pages the core writes go."""
    return [Path(file.abs_dest_path) for file in files if isinstance(file, WrittenByThutuc)]


def with_direct_pages(sitemap: str, site: Site, site_url: str, lastmod: str) -> str:
    """The theme's sitemap, plus the pages the core writes (MkDocs does not know them as pages)."""
    if not site.direct:
        return sitemap
    base = site_url if site_url.endswith("/") else site_url + "/"
    entries = "".join(
        f"\n    <url>\n         <loc>{escape(urljoin(base, site.renderer.urls.of(page.src_uri)))}</loc>"
        f"\n         <lastmod>{lastmod}</lastmod>\n    </url>"
        for page in site.direct
    )
    return sitemap.replace("</urlset>", entries.lstrip("\n") + "\n</urlset>", 1)
