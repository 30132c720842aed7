"""What the preview server keeps from one rebuild to the next (MkDocs keeps a plugin that has
`on_startup`, and with it this state). A full build starts from an empty one.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
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
    # The catalogue's history at a commit: it changes only when another commit is checked out.
    history: tuple[str | None, History] = field(default_factory=lambda: (None, History(from_git=False)))
    # What the last rebuild wrote in the KEPT folders (path -> hash of the bytes).
    on_disk: dict[Path, int] = field(default_factory=dict)


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
