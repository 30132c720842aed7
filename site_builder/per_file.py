"""One procedure file's own checks, and all of them for a load: from the store of what earlier runs
found (check_store.py) when a file's bytes did not change, else read and checked, split over the
cores for a large catalogue. Rules across files are load.py's.

Whatever a worker makes for a file (checked, or decoded from the store and the rules about dates
applied again for today) it finishes there: the store's entry, the findings, and the procedure's
facts (validate/facts.py), all the rules across files read. The validated procedure goes back to
the load only when it keeps models (a build, a preview); `check` prints findings alone, and
unpickling 20,000 models it never reads took seconds and hundreds of MB.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple, TypeVar

from . import check_store, parallel
from .check_store import Checked
from .diagnostics import Diagnostic
from .model import Procedure
from .readers.yaml_reader import SourceFile, content_digest, git_blob_id, parse_yaml
from .validate.checker import check_source
from .validate.facts import Facts, facts_of
from .validate.report import Reporter
from .validate.rules import check_dates, check_html, check_procedure
from .validate.targets import Reference, references_in

T = TypeVar("T")
R = TypeVar("R")
S = TypeVar("S")


def day(today: dt.date, max_age: int) -> str:
    """What the rules about dates depend on besides the file: the day and the catalogue's setting."""
    return f"{today}/{max_age}"


def digest_for_day(content: bytes, today: dt.date, max_age: int) -> str:
    # `content`: the digest of the file's bytes. The review rule depends on the day and the
    # catalogue's setting: both are in the key.
    return hashlib.sha1(content + f"\n{today}\n{max_age}".encode()).hexdigest()


class Read(NamedTuple):
    """What a load keeps of a file. `facts` is None only for a file that is not valid; `procedure`
    also for every file when the load keeps no models."""

    digest: str  # of the bytes, the day and the setting (digest_for_day)
    source: SourceFile
    procedure: Procedure | None
    found: list[Diagnostic]
    references: list[Reference]
    facts: Facts | None


def check_file(path: Path, raw: bytes, today: dt.date, max_age: int) -> Checked:
    """One procedure file read and checked on its own."""
    source = parse_yaml(raw, path)
    out = Reporter(source)
    procedure = check_source(source, Procedure, out)
    if source.data is not None:
        check_html(source.data, source.text, out)
    dated = Reporter(source)
    if procedure is not None:
        check_procedure(procedure, path.stem, out)
        check_dates(procedure, today, max_age, dated)
    # Rules across files need only the references of the raw data and the positions: keep
    # those, not the data and the text (half of what a read catalogue held).
    refs = list(references_in(source.data))
    source.data, source.text, source.plain_text = None, "", {}
    source.drop_positions(raw)
    facts = None if procedure is None else facts_of(procedure)
    return Checked(source, procedure, out.found, refs, dated.found, day(today, max_age), facts)


def as_read(checked: Checked, today: dt.date, max_age: int) -> Read:
    source = checked.source
    assert source.digest is not None  # set by drop_positions, or by the store
    digest = digest_for_day(source.digest, today, max_age)
    found = checked.found + checked.dated
    return Read(digest, source, checked.procedure, found, checked.references, checked.facts)


def _redate(checked: Checked, today: dt.date, max_age: int) -> bool:
    """Apply the rules about dates again if the kept findings were made for another day; whether
    they were. A finding's position is read from the file again (SourceFile.mark_of)."""
    if checked.dated_for == day(today, max_age):
        return False
    source = checked.source
    digest = source.digest
    out = Reporter(source)
    if checked.procedure is not None:
        check_dates(checked.procedure, today, max_age, out)
    checked.dated, checked.dated_for = out.found, day(today, max_age)
    source.digest, source.marks, source.key_marks = digest, {}, {}
    return True


def _shed(checked: Checked, models: bool) -> Checked:
    """What goes back to the load: the procedure only if it keeps models; its facts in any case."""
    if not models:
        checked.procedure = None
    return checked


def _from_store(
    path: Path, digest: bytes, entry: check_store.Entry | None, today: dt.date, max_age: int, models: bool
) -> tuple[Checked | None, bool]:
    """A kept entry decoded (None: not whole, or not for this file), with the rules about dates
    applied for today; and whether they were applied again (the store's entry then changes)."""
    checked = None if entry is None else check_store.decode(path, digest, entry)
    if checked is None:
        return None, False
    redated = _redate(checked, today, max_age)
    return _shed(checked, models), redated


# Below this many files to read, a second process costs more than it saves.
PARALLEL_FROM = 400
# Files a worker reads before it sends them back: what it holds at most.
READ_PART = 200


def _kept(
    paths: list[Path], store: check_store.Store, today: dt.date, max_age: int, models: bool
) -> list[Checked | None]:
    """Each file's results from the store if its bytes did not change, else None; the rules about
    dates applied again if the kept findings were made for another day."""
    digests: dict[str, bytes] = {}
    blobs: dict[str, str] = {}
    for path in paths:
        raw = path.read_bytes()
        digests[path.name], blobs[path.name] = content_digest(raw), git_blob_id(raw)
    by_name = {path.name: path for path in paths}
    kept = list(store.kept(digests))

    def decode(share: list[tuple[str, int]]) -> list[tuple[Checked | None, bool]]:
        # A worker reads its share from the store file: this process never holds the entries.
        entries = store.entries_at([offset for _, offset in share])
        return [
            _from_store(by_name[name], digests[name], entry, today, max_age, models)
            for (name, _), entry in zip(share, entries, strict=True)
        ]

    found: dict[str, Checked] = {}
    for (name, _), (checked, redated) in zip(kept, _in_parts(kept, decode, lambda made: made), strict=True):
        if checked is None:
            continue
        found[name] = checked
        checked.source.blob = blobs[name]
        if redated:
            store.rehead(name, digests[name], checked)  # the findings alone: the procedure stays as kept
        else:
            store.copy(name, digests[name])
    return [found.get(path.name) for path in paths]


def _in_parts(items: list[T], work: Callable[[list[T]], list[R]], take: Callable[[R], S]) -> list[S]:
    """take(r) for each r of work(share) over shares of `items`, in the items' order: over the cores
    when there are many. Workers send their results pickled (parallel.map_parts: equal sets in the
    models, when models are sent, sent once, which makes the catalogue a third smaller than
    validating the store's JSON here would, and unpickling is three times faster); `take` sees each
    part as it comes back, in the order the parts end, so that what it drops (a store entry, once
    written) is never held for all parts at once."""
    jobs = parallel.ways() if len(items) >= PARALLEL_FROM else 1
    shares = max(jobs, -(-len(items) // READ_PART)) if jobs > 1 else 1
    parts = parallel.map_parts(
        lambda part, count: work(parallel.run_of(items, part, count)),
        jobs,
        shares,
        lambda made: [take(result) for result in made],
    )
    return [taken for part in parts for taken in part]


Made = tuple[Checked, check_store.Entry | None]


def _made(path: Path, today: dt.date, max_age: int, keep: bool, models: bool) -> Made:
    """A file checked in a worker, with its store entry when a store keeps it."""
    raw = path.read_bytes()
    checked = check_file(path, raw, today, max_age)
    entry = check_store.encode(path.name, content_digest(raw), checked) if keep else None
    return _shed(checked, models), entry


def _check_all(
    paths: list[Path], today: dt.date, max_age: int, store: check_store.Store | None, models: bool
) -> list[Checked]:
    """Every file read and checked, with its entry added to the store when there is one."""

    def take(made: Made) -> Checked:
        checked, entry = made
        if store is not None and entry is not None:
            store.add(checked.source.path.name, entry)
        return checked

    keep = store is not None
    return _in_parts(paths, lambda share: [_made(path, today, max_age, keep, models) for path in share], take)


def _read_ahead(paths: list[Path]) -> None:
    """Ask the system to read every file now, in the background: in a fresh checkout they are on
    disk, not in memory, and each worker waiting for one file at a time made the first check of
    20,000 procedures take 9 s instead of 5."""
    advise = getattr(os, "posix_fadvise", None)
    if advise is None or len(paths) < PARALLEL_FROM:
        return
    for path in paths:
        try:
            # Never a link followed, never a wait on a pipe: discover() lets only regular files through,
            # but one could be swapped since.
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
        except OSError:
            continue  # the read itself says what is wrong with it
        try:
            advise(fd, 0, 0, os.POSIX_FADV_WILLNEED)
        except OSError:
            pass
        finally:
            os.close(fd)


def read_all(paths: list[Path], today: dt.date, max_age: int, models: bool = True) -> list[Read]:
    """Every procedure file, in order: from the store when its bytes did not change, else read and
    checked (and kept in the store for the next run). `models`: whether the validated procedures
    come back, or only their facts (see the module)."""
    _read_ahead(paths)
    store = check_store.open_store(paths[0].parent) if paths else None
    try:
        kept: list[Checked | None] = [None] * len(paths)
        if store is not None and store.readable():
            kept = _kept(paths, store, today, max_age, models)
        missing = [path for path, checked in zip(paths, kept, strict=True) if checked is None]
        made = iter(_check_all(missing, today, max_age, store, models))
        reads = [as_read(checked or next(made), today, max_age) for checked in kept]
    except BaseException:
        if store is not None:
            store.abandon()
        raise
    if store is not None:
        store.save()
    return reads
