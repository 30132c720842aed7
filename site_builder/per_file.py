"""One procedure file's own checks, and all of them for a load: from the store of what earlier runs
found (check_store.py) when a file's bytes did not change, else read and checked, split over the
cores for a large catalogue. Rules across files are load.py's.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from . import check_store, parallel
from .check_store import Checked
from .diagnostics import Diagnostic
from .model import Procedure
from .readers.yaml_reader import SourceFile, content_digest, parse_yaml
from .validate.checker import check_source
from .validate.report import Reporter
from .validate.rules import check_dates, check_html, check_procedure
from .validate.targets import Reference, references_in


def day(today: dt.date, max_age: int) -> str:
    """What the rules about dates depend on besides the file: the day and the catalogue's setting."""
    return f"{today}/{max_age}"


def digest_for_day(content: bytes, today: dt.date, max_age: int) -> str:
    # `content`: the digest of the file's bytes. The review rule depends on the day and the
    # catalogue's setting: both are in the key.
    return hashlib.sha1(content + f"\n{today}\n{max_age}".encode()).hexdigest()


Read = tuple[str, SourceFile, Procedure | None, list[Diagnostic], list[Reference]]


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
    return Checked(source, procedure, out.found, refs, dated.found, day(today, max_age))


def as_read(checked: Checked, today: dt.date, max_age: int) -> Read:
    """(digest, source, model, findings, references): what a load keeps of a file."""
    source = checked.source
    assert source.digest is not None  # set by drop_positions, or by the store
    digest = digest_for_day(source.digest, today, max_age)
    return digest, source, checked.procedure, checked.found + checked.dated, checked.references


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


# Below this many files to read, a second process costs more than it saves.
PARALLEL_FROM = 400
# Files a worker reads before it sends them back: what it holds at most.
READ_PART = 200


def _kept(paths: list[Path], store: check_store.Store, today: dt.date, max_age: int) -> list[Checked | None]:
    """Each file's results from the store if its bytes did not change, else None; the rules about
    dates applied again if the kept findings were made for another day."""
    digests = {path.name: content_digest(path.read_bytes()) for path in paths}
    by_name = {path.name: path for path in paths}
    found: dict[str, Checked] = {}
    for name, entry in store.kept(digests):
        checked = check_store.decode(by_name[name], digests[name], entry)
        if checked is None:
            continue
        found[name] = checked
        if _redate(checked, today, max_age):
            store.rehead(name, digests[name], checked)
        else:
            store.copy(name, digests[name])
    return [found.get(path.name) for path in paths]


def _entry(path: Path, today: dt.date, max_age: int) -> tuple[bytes, check_store.Entry]:
    raw = path.read_bytes()
    digest = content_digest(raw)
    return digest, check_store.encode(path.name, digest, check_file(path, raw, today, max_age))


def _check_all(
    paths: list[Path], today: dt.date, max_age: int, store: check_store.Store | None
) -> list[Checked]:
    """Every file read and checked, split over the cores when there are many. A worker sends back
    each file's results as the store keeps them (JSON): cheaper to make and to read back than
    pickled models, and the store gets them as they are."""
    jobs = parallel.ways() if len(paths) >= PARALLEL_FROM else 1
    if jobs == 1:
        found = []
        for path in paths:
            raw = path.read_bytes()
            checked = check_file(path, raw, today, max_age)
            if store is not None:
                store.add(path.name, check_store.encode(path.name, content_digest(raw), checked))
            found.append(checked)
        return found
    shares = max(jobs, -(-len(paths) // READ_PART))
    parts = parallel.map_parts(
        lambda part, count: [_entry(path, today, max_age) for path in paths[part::count]], jobs, shares
    )
    ordered: list[Checked | None] = [None] * len(paths)
    for part in range(shares):
        # Each part's text is let go as soon as it is read back.
        made, parts[part] = parts[part], []
        for index, (digest, entry) in zip(range(part, len(paths), shares), made, strict=True):
            ordered[index] = _decoded(paths[index], digest, entry, store, today, max_age)
    return [checked for checked in ordered if checked is not None]


def _decoded(
    path: Path,
    digest: bytes,
    entry: check_store.Entry,
    store: check_store.Store | None,
    today: dt.date,
    max_age: int,
) -> Checked:
    """What a worker found in a file, read back."""
    checked = check_store.decode(path, digest, entry)
    if checked is None:  # never expected: the model did not read back what it wrote
        return check_file(path, path.read_bytes(), today, max_age)
    if store is not None:
        store.add(path.name, entry)
    return checked


def read_all(paths: list[Path], today: dt.date, max_age: int) -> list[Read]:
    """Every procedure file, in order: from the store when its bytes did not change, else read and
    checked (and kept in the store for the next run)."""
    store = check_store.open_store(paths[0].parent) if paths else None
    try:
        kept = _kept(paths, store, today, max_age) if store and store.readable() else [None] * len(paths)
        missing = [path for path, checked in zip(paths, kept, strict=True) if checked is None]
        made = iter(_check_all(missing, today, max_age, store))
        reads = [as_read(checked or next(made), today, max_age) for checked in kept]
    except BaseException:
        if store is not None:
            store.abandon()
        raise
    if store is not None:
        store.save()
    return reads
