"""What each procedure file's own checks found, kept between runs: an unchanged file is read once.

Reading a procedure file (parsing, validating, its own rules) is most of `check` and of the
catalogue step of a build: about 1 ms of CPU a file, 20 s at 20,000 procedures. Its results
depend only on the file's name and bytes, and on this very code; the rules about dates also on
the day and the review-age setting, so those findings are kept with the day they were made for
and made again on another day (per_file.py, where the entry is decoded). A store holds, for one
catalogue folder, each file's results under the digest of its bytes: the next run reads back the
files whose bytes did not change.

Where: one file per catalogue folder in `checks-<generation>/` of the cache folder the QR codes use
(cache_dir.py: THUTUC_CACHE_DIR, else $XDG_CACHE_HOME/thutuc, else ~/.cache/thutuc; none when
THUTUC_CACHE_DIR is set but empty), never inside a site or a catalogue. The generation is a digest
of thutuc's version, its libraries' versions and every source file of the package: a new or edited
thutuc never reads what an older one wrote.

Safe to read whatever is there: entries are text (JSON), never pickle, so reading one runs no code;
a procedure is rebuilt through its pydantic model, which validates it again. An entry is used only
if its checksum, its file name and its digest match; anything else (a truncated, corrupt or foreign
file, a folder that cannot be read or written) means the file is read again, never an error. The
store is written whole or not at all (a temporary file, then a rename), holds only the files present
at the last run, and at most MAX_STORES catalogue folders are kept (the least recently written go).
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import json
import os
import re
import shutil
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from pydantic import ValidationError

from .cache_dir import cache_folder
from .diagnostics import Diagnostic, FieldPath, Severity
from .model import Procedure
from .readers.yaml_reader import Mark, Problem, SourceFile
from .validate.facts import Facts, facts_of
from .validate.report import display_path
from .validate.targets import AGENCY, AUDIENCE, FIELD, OFFICIAL, PROCEDURE, Reference

FORMAT = b"thutuc-checks 1"
MAX_STORES = 8
_TARGETS = {target.label: target for target in (AGENCY, AUDIENCE, FIELD, OFFICIAL, PROCEDURE)}
_GENERATION_NAME = re.compile("checks-[0-9a-f]{16}")


@dataclass
class Checked:
    """One procedure file's own results: what depends on its name and bytes alone, and what the
    rules about dates found on the day `dated_for` (load.day). `facts`: what the rules across files
    read of the procedure, kept when the procedure itself is dropped (per_file.py)."""

    source: SourceFile
    procedure: Procedure | None
    found: list[Diagnostic]
    references: list[Reference]
    dated: list[Diagnostic]
    dated_for: str
    facts: Facts | None


# An entry is two lines: "<crc32 of the results>\t<crc32 of the procedure>\t<name>\t<digest>\t<results
# as JSON>" and the procedure as JSON (empty when the file is not valid).
Entry = tuple[bytes, bytes]


def _findings(found: Iterable[Diagnostic]) -> list[list[object]]:
    return [[d.line, d.column, d.code, str(d.severity), d.field, d.message] for d in found]


def _first(name: str, digest: bytes, checked: Checked, model_crc: int) -> bytes:
    results = [
        [[p.code, p.mark.line, p.mark.column, list(p.path), p.message] for p in checked.source.problems],
        _findings(checked.found),
        [[list(path), value, target.label] for path, value, target in checked.references],
        checked.dated_for,
        _findings(checked.dated),
    ]
    body = json.dumps(results, ensure_ascii=False, separators=(",", ":")).encode()
    return b"%08x\t%08x\t%s\t%s\t%s" % (
        zlib.crc32(body),
        model_crc,
        json.dumps(name).encode(),
        digest.hex().encode(),
        body,
    )


def encode(name: str, digest: bytes, checked: Checked) -> Entry:
    """The entry of one file's results (`digest`: of its bytes, yaml_reader.content_digest)."""
    model = (
        b"" if checked.procedure is None else checked.procedure.model_dump_json(exclude_unset=True).encode()
    )
    return _first(name, digest, checked, zlib.crc32(model)), model


def _fields(first: bytes) -> list[bytes]:
    fields = first.split(b"\t", 4)
    if len(fields) != 5:
        raise ValueError("not an entry")
    return fields


def decode(path: Path, digest: bytes, entry: Entry) -> Checked | None:
    """The results an entry holds for the file at `path` whose bytes have `digest`; None if the entry
    is not whole, not for this file, or not something this code wrote."""
    first, model = entry
    try:
        body_crc, model_crc, name, kept, body = _fields(first)
        if (
            int(body_crc, 16) != zlib.crc32(body)
            or int(model_crc, 16) != zlib.crc32(model)
            or json.loads(name) != path.name
            or kept != digest.hex().encode()
        ):
            return None
        problems, found, references, dated_for, dated = json.loads(body)
        source = SourceFile(path, problems=[_problem(*item) for item in problems], digest=digest)
        procedure = Procedure.model_validate_json(model) if model else None
        shown = display_path(path) if found or dated else ""
        return Checked(
            source,
            procedure,
            [_diagnostic(shown, *item) for item in found],
            [(_field_path(where), str(value), _TARGETS[label]) for where, value, label in references],
            [_diagnostic(shown, *item) for item in dated],
            str(dated_for),
            None if procedure is None else facts_of(procedure),
        )
    except (ValueError, TypeError, KeyError, RecursionError, ValidationError):  # not whole, or not ours
        return None


def _field_path(items: Any) -> FieldPath:
    if type(items) is not list:
        raise TypeError("not a field path")
    for item in items:
        if type(item) is not str and type(item) is not int:
            raise TypeError("not a field path")
    return tuple(items)


def _problem(code: str, line: int, column: int, path: Any, message: str) -> Problem:
    return Problem(str(code), Mark(int(line), int(column)), _field_path(path), str(message))


def _diagnostic(
    shown: str, line: int, column: int, code: str, severity: str, field: str, message: str
) -> Diagnostic:
    return Diagnostic(shown, int(line), int(column), str(code), Severity(severity), str(field), str(message))


def _generation() -> str:
    """A digest of what the results depend on besides the files: this code and its libraries."""
    digest = hashlib.sha256(FORMAT)
    for package in ("thutuc", "pydantic", "pydantic-core", "PyYAML"):
        with contextlib.suppress(importlib.metadata.PackageNotFoundError):
            digest.update(f"{package} {importlib.metadata.version(package)}\n".encode())
    package_dir = Path(__file__).parent
    for source in sorted(package_dir.rglob("*.py")):
        digest.update(source.relative_to(package_dir).as_posix().encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()[:16]


class Store:
    """The kept results of one catalogue folder. Read one entry at a time and written as it goes, so
    that it never holds the whole store in memory (90 MB at 20,000 procedures): new entries go
    straight to the next store file, unchanged ones are copied from the last one at the end."""

    def __init__(self, file: Path, folder: Path) -> None:
        self.file = file
        self.heading = FORMAT + b"\t" + json.dumps(str(folder)).encode() + b"\n"
        self.present = False
        # Of the last store file: every name in it, and the procedure checksum of the entries read.
        self.old_names: set[str] = set()
        self.model_crcs: dict[str, int] = {}
        # What the next one holds: entries copied (by digest), results made again for the same
        # procedure, new entries (already written).
        self.copied: dict[str, bytes] = {}
        self.reheaded: dict[str, bytes] = {}
        self.added: set[str] = set()
        self.partial = file.with_name(f"{file.name}.{os.getpid()}.partial")
        self.out: BinaryIO | None = None
        self.failed = False

    def readable(self) -> bool:
        """Whether there is a store file this code wrote for this folder."""
        try:
            with self.file.open("rb") as kept:
                return kept.readline() == self.heading
        except OSError:
            return False

    def _entries(self) -> Iterator[tuple[str, list[bytes], Entry, int]]:
        """(name, fields of the first line, entry, its offset in the file) of each entry of the store
        file, read one at a time."""
        try:
            with self.file.open("rb", buffering=1 << 20) as kept:
                if kept.readline() != self.heading:
                    return
                while True:
                    offset = kept.tell()
                    first, model = kept.readline(), kept.readline()
                    if not model.endswith(b"\n"):
                        return  # the end, or a truncated entry
                    with contextlib.suppress(ValueError, TypeError, RecursionError):
                        fields = _fields(first[:-1])
                        name = json.loads(fields[2])
                        if isinstance(name, str):
                            yield name, fields, (first[:-1], model[:-1]), offset
        except OSError:
            return

    def kept(self, digests: dict[str, bytes]) -> Iterator[tuple[str, int]]:
        """(name, offset for `entries_at`) of each entry made for one of these names and digests (of
        the bytes): offsets, not entries, so that what reads them back need not hold them all."""
        for name, fields, _, offset in self._entries():
            self.present = True
            self.old_names.add(name)
            wanted = digests.get(name)
            if wanted is not None and fields[3] == wanted.hex().encode() and name not in self.model_crcs:
                with contextlib.suppress(ValueError):
                    self.model_crcs[name] = int(fields[1], 16)
                    yield name, offset

    def entries_at(self, offsets: list[int]) -> list[Entry | None]:
        """The entries at these offsets of the store file (from `kept`), in order; None where the
        file no longer holds a whole one (another run replaced it meanwhile: `decode` then finds
        that what it reads is not for the file it expects, too)."""
        found: list[Entry | None] = [None] * len(offsets)
        with contextlib.suppress(OSError), self.file.open("rb") as kept:
            for index, offset in enumerate(offsets):
                kept.seek(offset)
                first, model = kept.readline(), kept.readline()
                if model.endswith(b"\n"):
                    found[index] = (first[:-1], model[:-1])
        return found

    def copy(self, name: str, digest: bytes) -> None:
        """The entry read for `name` stays as it is."""
        self.copied[name] = digest.hex().encode()

    def rehead(self, name: str, digest: bytes, checked: Checked) -> None:
        """The entry read for `name` keeps its procedure, with these results (made for another day)."""
        self.copied[name] = digest.hex().encode()
        self.reheaded[name] = _first(name, digest, checked, self.model_crcs[name])

    def add(self, name: str, entry: Entry) -> None:
        """A new entry for `name`, written now."""
        self._write(entry[0] + b"\n" + entry[1] + b"\n")
        self.added.add(name)
        self.copied.pop(name, None)

    def _write(self, data: bytes) -> None:
        if self.failed:
            return
        try:
            if self.out is None:
                self.file.parent.mkdir(parents=True, exist_ok=True)
                self.out = self.partial.open("wb")
                self.out.write(self.heading)
            self.out.write(data)
        except OSError:
            self._abandon()

    def abandon(self) -> None:
        """Write nothing (the load stopped)."""
        self._abandon()

    def _abandon(self) -> None:
        self.failed = True
        with contextlib.suppress(OSError):
            if self.out is not None:
                self.out.close()
            self.partial.unlink(missing_ok=True)

    def save(self) -> None:
        """Replace the store file if anything changed or went: the entries of the files present, nothing
        else. Failing to write is harmless (the next run reads the files again)."""
        kept = self.copied.keys() | self.added
        if not self.added and not self.reheaded and self.old_names == kept and (self.present or not kept):
            return
        for name, fields, (first, model), _ in self._entries():
            if self.copied.get(name) == fields[3]:
                self._write(self.reheaded.get(name, first) + b"\n" + model + b"\n")
                del self.copied[name]  # once, even if the file holds it twice
        if self.out is None:
            self._write(b"")
        if self.failed or self.out is None:
            return
        try:
            self.out.close()
            os.replace(self.partial, self.file)
        except OSError:
            self._abandon()
            return
        _drop_old(self.file.parent)


def open_store(folder: Path) -> Store | None:
    """The store of the catalogue folder `folder`; None when the cache is turned off."""
    base = cache_folder()
    if base is None:
        return None
    where = folder.resolve()
    generation = base / f"checks-{_generation()}"
    if not generation.is_dir():
        _drop_other_generations(base, generation)
    name = hashlib.sha256(str(where).encode()).hexdigest()[:32]
    return Store(generation / f"{name}.txt", where)


def _drop_old(generation: Path) -> None:
    """At most MAX_STORES catalogue folders are kept: the least recently written go; and what a run
    stopped while writing left, a day older than the newest store (no clock is read: clock.py)."""
    with contextlib.suppress(OSError):
        stores = sorted(generation.glob("*.txt"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in stores[MAX_STORES:]:
            old.unlink(missing_ok=True)
        newest = stores[0].stat().st_mtime if stores else 0.0
        for partial in generation.glob("*.partial"):
            if partial.stat().st_mtime < newest - 86_400:
                partial.unlink(missing_ok=True)


def _drop_other_generations(base: Path, current: Path) -> None:
    """What an older thutuc kept is never read again."""
    with contextlib.suppress(OSError):
        for folder in base.iterdir():
            if folder != current and _GENERATION_NAME.fullmatch(folder.name):
                shutil.rmtree(folder, ignore_errors=True)
