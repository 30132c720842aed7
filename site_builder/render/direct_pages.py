"""Write the pages outside the navigation (procedures, pages of long lists) inside the theme's shell.

Pages are written straight to the site folder as they are rendered, so memory does not grow
with the catalogue. A `PageCache` (kept by the preview server between rebuilds) holds the
finished bytes of each page under a key made of everything the page shows; a page whose key
did not change is written again without being rendered.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

import jinja2
from markupsafe import escape

from ..catalogue import Catalogue
from ..model import Procedure
from . import urls
from .jsonld import government_service, script_json
from .output import Output
from .paging import LISTS
from .renderer import Renderer
from .shell import Shell, ShellError, folder_and_name
from .site_page import SitePage

Progress = Callable[[int], None]


@dataclass
class PageCache:
    """Finished pages by key, from one rebuild to the next (the preview server keeps it); and each
    page's key by what it was made from: a key is made again only when that changed (making every
    key, from the text of what each page shows, cost 1.5 s of a rebuild at 20,000 procedures)."""

    pages: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    keys: dict[str, tuple[tuple[object, ...], str | None]] = field(default_factory=dict)

    def get(self, page_id: str, key: str) -> bytes | None:
        found = self.pages.get(page_id)
        return found[1] if found is not None and found[0] == key else None

    def put(self, page_id: str, key: str, data: bytes) -> None:
        self.pages[page_id] = (key, data)


ShellKey = tuple[str, tuple[str, ...]]


def shell_key(page: SitePage) -> ShellKey:
    """Pages sharing a shell: same folder, same parts of the theme hidden."""
    return folder_and_name(page.src_uri)[0], page.hide


def jsonld_element(page: SitePage, catalogue: Catalogue, canonical: str | None) -> str:
    """The JSON-LD script of a procedure page (the theme prints it as is); nothing elsewhere."""
    procedure = page.context.get("procedure")
    if procedure is None:
        return ""
    data = script_json(government_service(procedure, catalogue, canonical))
    return f'\n  <script type="application/ld+json">{data}</script>'


def references(procedure: Procedure) -> list[str]:
    """Other procedures whose names this page shows."""
    return [
        *procedure.replaces,
        *([procedure.replaced_by] if procedure.replaced_by else []),
        *procedure.related,
    ]


def common_key(catalogue: Catalogue, shells: Iterable[Shell], templates: Path, *extra: object) -> str:
    """What every procedure page shows besides its own data: registries, chrome, templates."""
    stamps = [f"{p}:{p.stat().st_mtime_ns}:{p.stat().st_size}" for p in sorted(templates.rglob("*.html"))]
    varying = [
        *(repr(shell.parts) for shell in shells),
        repr(catalogue.settings),
        repr(catalogue.agencies),
        repr(catalogue.fields),
        repr(catalogue.audiences),
        *stamps,
        *map(repr, extra),
    ]
    return hashlib.sha1("\n".join(varying).encode("utf-8")).hexdigest()


def _inputs(page: SitePage, digests: Mapping[str, str], common: str) -> tuple[object, ...]:
    """What a page's key is made from: equal inputs, the same key."""
    procedure: Procedure | None = page.context.get("procedure")
    if procedure is None:  # a page of a list: the listed procedures' files, and the rest of its context
        listed = [f"{p.id}={digests.get(p.id, '-')}" for name in LISTS for p in page.context.get(name) or []]
        rest = {key: value for key, value in page.context.items() if key not in LISTS}
        return (common, page.src_uri, page.title, page.description, *listed, rest)
    context = page.context
    own = digests.get(procedure.id)
    others = [f"{ref}={digests.get(ref, '-')}" for ref in references(procedure)]
    return (common, own, *others, context["cases"], context["last_changed"], context["revisions"])


def _key(page: SitePage, inputs: tuple[object, ...]) -> str | None:
    if "procedure" not in page.context:
        *varying, rest = inputs
        assert isinstance(rest, dict)
        text = [*map(str, varying), repr(sorted(rest.items()))]
    elif inputs[1] is None:
        return None
    else:
        *varying, cases, last_changed, revisions = inputs
        text = [*map(str, varying), repr(cases), repr(last_changed), repr(revisions)]
    return hashlib.sha1("\n".join(text).encode("utf-8")).hexdigest()


def page_key(
    page: SitePage, digests: Mapping[str, str], common: str, cache: PageCache | None = None
) -> str | None:
    """Everything one page shows, as a digest; None when a digest is unknown.
    `digests`: of each procedure file's bytes (LoadedFiles.digests); `cache`: the keys made last time."""
    inputs = _inputs(page, digests, common)
    known = cache.keys.get(page.src_uri) if cache is not None else None
    if known is not None and known[0] == inputs:
        return known[1]
    key = _key(page, inputs)
    if cache is not None:
        cache.keys[page.src_uri] = (inputs, key)
    return key


def _same(page: SitePage, digests: Mapping[str, str], common: str, cache: PageCache) -> bool:
    """Whether the cache holds the page made from the same as `page` now."""
    known = cache.keys.get(page.src_uri)
    kept = cache.pages.get(page.src_uri)
    return (
        known is not None
        and kept is not None
        and kept[0] == known[1]
        and known[0] == _inputs(page, digests, common)
    )


def _render(page: SitePage, shell: Shell, renderer: Renderer, site_url: str | None) -> bytes:
    url = renderer.urls.of(page.src_uri)
    # As MkDocs computes `page.canonical_url`.
    canonical = urljoin(site_url if site_url.endswith("/") else site_url + "/", url) if site_url else None
    body = renderer.render(page)
    if "<h1" not in body:
        raise ShellError(
            f"Trang {page.src_uri} không có tiêu đề <h1>: khung trang chung cần tiêu đề trong thân trang."
        )
    html = shell.fill(
        {
            "title": str(escape(page.title)),
            "description": str(escape(page.description)),
            "jsonld": jsonld_element(page, renderer.catalogue, canonical),
            "content": body,
            "name": folder_and_name(page.src_uri)[1],
        }
    )
    return html.encode("utf-8", errors="xmlcharrefreplace")


def destination(site_dir: Path, url_style: urls.Urls, src_uri: str) -> Path:
    url = url_style.of(src_uri)
    return site_dir / (url + "index.html" if url.endswith("/") or url == "" else url)


def write_direct_pages(
    pages: Iterable[SitePage],
    shells: dict[ShellKey, Shell],
    renderer: Renderer,
    site_dir: Path,
    *,
    site_url: str | None,
    cache: PageCache | None = None,
    digests: Mapping[str, str] | None = None,
    common: str = "",
    progress: Progress | None = None,
    output: Output | None = None,
    changed_only: bool = False,
) -> int:
    """Render (or take from the cache) and write each page; the number written. With a `cache`,
    `digests` (LoadedFiles.digests) and `common` (common_key) make each page's key.
    `changed_only`: a page made from the same as last time is not even written again (the
    preview's partial rebuild: the last rebuild wrote it, and no other writer came between)."""
    out = output or Output()
    written = 0
    for page in pages:
        if changed_only and cache is not None and digests is not None and _same(page, digests, common, cache):
            continue
        key = page_key(page, digests, common, cache) if cache is not None and digests is not None else None
        data = cache.get(page.src_uri, key) if cache is not None and key else None
        if data is None:
            data = _render(page, shells[shell_key(page)], renderer, site_url)
            if cache is not None and key:
                cache.put(page.src_uri, key, data)
        out.write(destination(site_dir, renderer.urls, page.src_uri), data)
        written += 1
        if progress is not None:
            progress(1)
    return written


def compile_templates(renderer: Renderer) -> None:
    """Every template compiled before the build's workers fork: each part of the pages runs in a
    process of its own (parallel.run_split), and compiling them in each was a tenth of the CPU
    of a 2,000-procedure build."""
    for name in renderer.env.list_templates(filter_func=lambda name: name.endswith(".html")):
        with suppress(jinja2.TemplateError):  # the part rendering with it says what is wrong
            renderer.env.get_template(name)
