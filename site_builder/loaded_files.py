"""What the loader knows about the files it read, beside the validated catalogue.

The catalogue (catalogue.py) holds validated records only. Rules across files, the history
and the preview's page cache also need to know about the files themselves, valid or not:
which procedure files exist, where each value stood, what each file refers to, a digest of
each file's bytes, and the few values of each valid procedure the rules across files compare. That state lives here, owned by the load result (load.py: LoadResult.files).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from .history.checkout import Deletion, deleted_files
from .readers.yaml_reader import SourceFile
from .validate.facts import Facts
from .validate.targets import Reference


@dataclass
class LoadedFiles:
    """The procedure files of one load, by id (the file name without .yml)."""

    root: Path
    # Every procedure id present on disk, valid or not: references to a file that has
    # errors of its own must not cascade into "not found" errors elsewhere.
    procedure_ids: set[str] = field(default_factory=set)
    sources: dict[str, SourceFile] = field(default_factory=dict)
    # What each procedure file refers to (agencies, officials, fields, …), read from its raw
    # data, so a file with schema errors still has its references checked.
    references: dict[str, list[Reference]] = field(default_factory=dict)
    # A digest of each procedure file's text: a rebuild tells from it what changed.
    digests: dict[str, str] = field(default_factory=dict)
    # What the rules across files read of each valid procedure, in the order of the files: the
    # same whether the load kept the validated models (Catalogue.procedures) or not (check).
    facts: dict[str, Facts] = field(default_factory=dict)
    # Files git could restore, asked once per run and only when a reference is missing.
    deleted: dict[str, Deletion] | None = field(default=None, repr=False, compare=False)

    def release_bytes(self) -> None:
        """Forget the valid files' digests (kept for rules across files and the history): positions
        are then unknown. Not in the preview, whose read cache shares these files with the next
        rebuild."""
        for source in self.sources.values():
            source.digest = source.blob = None

    def release_rules(self) -> None:
        """Forget what only the rules across files read: each file's references and facts, and
        the source files (positions). A full build does once its parts are done: no process forks
        after that, so the files joined from the parts (gathered.py) reuse this memory instead of
        adding to the build's peak. Before the parts it would not help: memory freed in pages a
        forked part shares is where the part's own objects then land, each copying its page."""
        self.references.clear()
        self.facts.clear()
        self.sources.clear()

    def restorable(self, missing: Collection[str]) -> dict[str, Deletion]:
        """Which of these missing procedures git remembers (id → how to restore it): deleted in the
        working tree or in any earlier commit. git is asked once per run, and only when a procedure
        is missing; outside git nothing is deleted."""
        if not missing:
            return {}
        if self.deleted is None:
            self.deleted = deleted_files(self.root)
        return {value: self.deleted[f"{value}.yml"] for value in missing if f"{value}.yml" in self.deleted}
