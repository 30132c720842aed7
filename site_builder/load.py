"""Load and validate the whole catalogue, collecting every finding of every file in one run.

Reads top to bottom: find files → read registries → read procedures → rules per file →
rules across files. Nothing is written; the build calls this before it writes anything.

The rules across files read each valid procedure's facts (validate/facts.py, LoadedFiles.facts),
never the validated models: a load that only reports findings (`check`) need not keep the models
(`models=False`), and every command still runs the same rules on the same values.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import stat
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from . import clock
from .catalogue import Catalogue
from .diagnostics import CatalogueNotFound, Diagnostic, Severity
from .loaded_files import LoadedFiles
from .model import AgencyRegistry, AudienceRegistry, CatalogueSettings, FieldRegistry
from .model.feedback import FeedbackCase
from .per_file import Read, as_read, check_file, digest_for_day, read_all
from .readers.discover import Layout, discover
from .readers.yaml_reader import SourceFile, content_digest, read_yaml
from .validate import references, registries
from .validate.checker import check_source
from .validate.feedback_rules import agency_contacts, check_case, check_privacy
from .validate.registries import unique
from .validate.report import Reporter, display_path
from .validate.rules import check_html
from .validate.targets import AGENCY, AUDIENCE, FIELD, OFFICIAL, Target

M = TypeVar("M", bound=BaseModel)


@dataclass
class LoadResult:
    """The validated catalogue, what was learnt about its files on the way, and every finding."""

    catalogue: Catalogue
    files: LoadedFiles
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.WARNING]


@dataclass
class ReadCache:
    """Procedure files already read and checked on their own, by path and content.

    The preview server keeps one between rebuilds: after an edit, only the changed file is
    parsed and validated again; rules across files always run on the whole catalogue. Passing
    one also tells the load that the process lives on: it never freezes the collector.

    With the paths the system reported changed (`load_catalogue`'s `changed`), the last load's
    files are not searched for nor read again: at 20,000 procedures that was a second of every
    preview rebuild. Only when every changed path is a procedure file the last load read, still
    a regular file in place; anything else (a new or deleted file, a link) searches again.
    """

    entries: dict[Path, Read] = field(default_factory=dict)
    layout: Layout | None = None  # the last search for files
    found: dict[str, Path] = field(default_factory=dict)  # its procedure files, by absolute path
    # (today, review_max_age_months) the entries were checked with: they are in the digests.
    checked_with: tuple[dt.date, int] | None = None
    unknown: references.Unknown = field(default_factory=references.Unknown)  # rules across files


@dataclass
class _Run:
    """Reporters by file, so that rules across files can add to any file's findings."""

    reporters: dict[Path, Reporter] = field(default_factory=dict)
    cache: ReadCache | None = None
    changed: set[Path] | None = None  # None: any file may have changed
    models: bool = True  # whether the validated procedures are kept (Catalogue.procedures)

    def unchanged(self, path: Path, today: dt.date, max_age: int) -> bool:
        """Whether the cache's entry for `path` holds without reading the file again."""
        return (
            self.changed is not None
            and path not in self.changed
            and self.cache is not None
            and self.cache.checked_with == (today, max_age)
        )

    def reporter(self, source: SourceFile) -> Reporter:
        return self.reporters.setdefault(source.path, Reporter(source))

    def check(self, path: Path, model: type[M]) -> tuple[SourceFile, M | None]:
        source = read_yaml(path)
        out = self.reporter(source)
        validated = check_source(source, model, out)
        if source.data is not None:
            check_html(source.data, source.text, out)
        return source, validated

    def diagnostics(self) -> list[Diagnostic]:
        return sorted(d for reporter in self.reporters.values() for d in reporter.found)


def _misplaced(layout: Layout) -> list[Diagnostic]:
    return [
        Diagnostic(display_path(item.path), 1, 1, item.code, Severity.ERROR, "", item.message)
        for item in layout.misplaced
    ]


def _read_registries(
    layout: Layout, catalogue: Catalogue, run: _Run
) -> tuple[AgencyRegistry | None, set[Target]]:
    """The registries, and what procedures may be checked against: a registry that is missing or has
    errors of its own checks nothing (its findings say why; "not found" everywhere would only bury them)."""
    paths = layout.registries
    readable: set[Target] = set()
    if "catalogue.yml" in paths:
        catalogue.settings = run.check(paths["catalogue.yml"], CatalogueSettings)[1]
    agencies = run.check(paths["agencies.yml"], AgencyRegistry)[1] if "agencies.yml" in paths else None
    if agencies is not None:
        catalogue.agencies = {agency.id: agency for agency in agencies.agencies}
        for agency in agencies.agencies:
            for official in agency.officials:
                catalogue.officials[official.id] = official
                catalogue.official_agency[official.id] = agency.id
        readable |= {AGENCY, OFFICIAL}
    if "fields.yml" in paths:
        source, fields = run.check(paths["fields.yml"], FieldRegistry)
        if fields is not None:
            unique(
                ((("fields", i), f) for i, f in enumerate(fields.fields)), "Lĩnh vực", run.reporter(source)
            )
            catalogue.fields = {f.id: f for f in fields.fields}
            readable.add(FIELD)
    if "audiences.yml" in paths:
        source, audiences = run.check(paths["audiences.yml"], AudienceRegistry)
        if audiences is not None:
            items = ((("audiences", i), a) for i, a in enumerate(audiences.audiences))
            unique(items, "Đối tượng", run.reporter(source))
            catalogue.audiences = {a.id: a for a in audiences.audiences}
            readable.add(AUDIENCE)
    return agencies, readable


def _read_one(path: Path, run: _Run, today: dt.date, max_age: int) -> Read:
    """A file from the preview's cache if its bytes did not change, else read and checked."""
    cached = run.cache.entries.get(path) if run.cache is not None else None
    if cached is not None and run.unchanged(path, today, max_age):
        return cached
    raw = path.read_bytes()
    if cached is not None and cached[0] == digest_for_day(content_digest(raw), today, max_age):
        return cached
    read = as_read(check_file(path, raw, today, max_age), today, max_age)
    if run.cache is not None:
        run.cache.entries[path] = read
    return read


def _read_all(paths: list[Path], run: _Run, today: dt.date, max_age: int) -> list[Read]:
    """Every procedure file, in order (per_file.py). Not the preview server's through the store of
    earlier runs: it keeps its own cache in memory, and its threads must not be forked. The
    preview always keeps the models: its pages are made from them."""
    if run.cache is not None:
        return [_read_one(path, run, today, max_age) for path in paths]
    return read_all(paths, today, max_age, run.models)


def _read_procedures(
    layout: Layout, catalogue: Catalogue, loaded: LoadedFiles, run: _Run, today: dt.date
) -> None:
    max_age = catalogue.settings.review_max_age_months if catalogue.settings else 12
    for path, (digest, source, procedure, found, refs, facts) in zip(
        layout.procedures, _read_all(layout.procedures, run, today, max_age), strict=True
    ):
        pid = path.stem  # a property that splits the name again at each use: 20,000 files × 6
        loaded.procedure_ids.add(pid)
        run.reporters[source.path] = Reporter(source, list(found))
        loaded.sources[pid] = source
        loaded.references[pid] = refs
        loaded.digests[pid] = digest
        if facts is not None:
            loaded.facts[pid] = facts
        if procedure is not None:
            catalogue.procedures[pid] = procedure
    if run.cache is not None:
        run.cache.checked_with = (today, max_age)
        # Forget deleted files, so the cache never outgrows the catalogue.
        present = set(layout.procedures)
        for gone in [p for p in run.cache.entries if p not in present]:
            del run.cache.entries[gone]


def _read_feedback(
    layout: Layout, catalogue: Catalogue, loaded: LoadedFiles, run: _Run, today: dt.date
) -> None:
    """Feedback cases after procedures and registries: they refer to both."""
    allowed = agency_contacts(catalogue)
    for path in layout.feedback:
        source, case = run.check(path, FeedbackCase)
        if case is not None:
            check_case(case, path.stem, catalogue, loaded, today, allowed, run.reporter(source))
            catalogue.feedback[path.stem] = case
        else:
            # A mistake elsewhere in the file must not hide a phone number until it is fixed.
            check_privacy(source.data, path.stem, allowed, run.reporter(source))


@contextmanager
def _collector_paused(freeze: bool) -> Iterator[None]:
    """Reading thousands of files allocates millions of short-lived objects and no cycles;
    CPython's cyclic collector then rescans the growing live set again and again, which
    measured as 75 % of `check` time at 2,000 procedures. Reference counting frees the rest.

    `freeze` then moves everything alive into the collector's permanent generation, so that
    later collections of a one-shot command skip it (10 % of `check` at 2,000). Never in a
    process that lives on: every cycle alive at that moment, this rebuild's or the last
    one's, would never be freed, and each preview rebuild would add more.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if was_enabled:
            gc.enable()


def _regular(path: str) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def _layout(
    root: Path, cache: ReadCache | None, changed: Collection[str] | None
) -> tuple[Layout, set[Path] | None]:
    """The files below `root`, and which of them may differ from the cache's entries (None: any):
    the last load's files when only procedure files it read were changed, in place."""
    if cache is not None and changed is not None and cache.layout is not None and cache.layout.root == root:
        paths = [cache.found.get(os.path.abspath(path)) for path in changed]
        if all(path is not None and _regular(str(path)) for path in paths):
            return cache.layout, {path for path in paths if path is not None}
    layout = discover(root)
    if cache is not None:
        cache.layout, cache.found = layout, {os.path.abspath(path): path for path in layout.procedures}
    return layout, None


def load_catalogue(
    root: Path,
    today: dt.date | None = None,
    cache: ReadCache | None = None,
    changed: Collection[str] | None = None,
    models: bool = True,
) -> LoadResult:
    """Read and validate everything below `root`; never raises for bad data. `changed`: with a
    `cache`, every path changed since the load that filled it (the preview's file notifications).
    `models=False`: the catalogue's procedures stay empty, for a caller that reads only the
    findings and the files (`check`); the findings are the same. A `cache` always keeps them."""
    if not root.is_dir():
        raise CatalogueNotFound(f"Không tìm thấy thư mục danh mục thủ tục: {root}")
    today = today or clock.today()
    layout, may_differ = _layout(root, cache, changed)
    catalogue = Catalogue(root)
    loaded = LoadedFiles(root)
    run = _Run(cache=cache, changed=may_differ, models=models)
    # A cache is what a process keeps between loads: this one lives on.
    with _collector_paused(freeze=cache is None):
        agencies, readable = _read_registries(layout, catalogue, run)
        _read_procedures(layout, catalogue, loaded, run, today)

    def reporter_for(procedure_id: str) -> Reporter:
        return run.reporter(loaded.sources[procedure_id])

    references.check_references(catalogue, loaded, readable, reporter_for, cache.unknown if cache else None)
    references.check_replacements(loaded, reporter_for)
    references.check_codes(loaded, reporter_for)
    forms = references.check_form_files(loaded, reporter_for)
    _read_feedback(layout, catalogue, loaded, run, today)
    if agencies is not None:
        agencies_out = run.reporters[layout.registries["agencies.yml"]]
        registries.check_agencies(agencies, catalogue, agencies_out)
        registries.check_contacts(agencies, catalogue, loaded, agencies_out)
    if "catalogue.yml" in layout.registries:
        registries.check_settings(catalogue, loaded, run.reporters[layout.registries["catalogue.yml"]])
    return LoadResult(catalogue, loaded, sorted(_misplaced(layout) + forms + run.diagnostics()))
