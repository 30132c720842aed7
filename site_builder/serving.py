"""What the preview server keeps from one rebuild to the next (the engine keeps the plugin, and
with it this state). A full build starts from an empty one.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from .history.timeline import History
from .index.builder import ProcedureTerms, procedure_terms
from .load import ReadCache
from .memo import ByProcedure
from .model import Procedure
from .render.api import procedure_json
from .render.direct_pages import PageCache
from .render.output import restore, set_aside
from .render.pages import PlanMemo
from .render.qr import qr_svg


@dataclass
class Serving:
    """What the preview server reuses from one rebuild to the next; a full build starts empty."""

    read: ReadCache = field(default_factory=ReadCache)
    pages: PageCache = field(default_factory=PageCache)
    qr: Callable[[str], bytes] = field(default_factory=lambda: functools.lru_cache(maxsize=None)(qr_svg))
    json: ByProcedure[Procedure, str] = field(default_factory=lambda: ByProcedure(procedure_json))
    terms: ByProcedure[Procedure, ProcedureTerms] = field(
        default_factory=lambda: ByProcedure(procedure_terms)
    )
    templates: MemoryBytecodeCache = field(default_factory=lambda: MemoryBytecodeCache())
    # The quarter report's catalogues read from git (its start): a commit's catalogue never changes;
    # and each procedure's share of the site's plan.
    plan: PlanMemo = field(default_factory=PlanMemo)
    # The catalogue's history at a commit: it changes only when another commit is checked out.
    history: tuple[str | None, History] = field(default_factory=lambda: (None, History(from_git=False)))
    # What the last rebuild wrote in the KEPT folders (path -> hash of the bytes).
    on_disk: dict[Path, int] = field(default_factory=dict)
    # The pages the last good build made from data (src_uri): a reader may have any of them open.
    generated: tuple[str, ...] = ()
    # Whether the last good build's KEPT folders are set aside: they wait there while builds fail.
    held: bool = False

    def set_aside(self, site_dir: Path) -> None:
        """Before MkDocs empties the site folder; the folders already wait if the last build failed."""
        if not self.held:
            set_aside(site_dir, KEPT)
            self.held = True

    def restore(self, site_dir: Path) -> None:
        """After a good build: the kept folders are back, `on_disk` describes them again."""
        restore(site_dir, KEPT)
        self.held = False


# Folders of one file per procedure: set aside across the preview's rebuilds (render/output.py).
KEPT = ("thu-tuc", "qr", "api/thu-tuc")


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept in memory; Jinja checks each one against its source's checksum."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


def show_errors(site_dir: Path, pages: Iterable[Path], html: str) -> None:
    """A build with errors: `html` at every page a reader may have open and as the 404 answer;
    the last good build's folders stay set aside (with `on_disk` still true of them)."""
    data = html.encode("utf-8")
    for path in [*pages, site_dir / "404.html"]:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
