"""The catalogue against the lists: what is missing, what is named differently, what no list has.

The catalogue is read from every procedure file's own data, valid or not: a draft written by
`--scaffold` still has its errors («CẦN ĐIỀN»), and must count as present all the same, or the next run
would report it again and write it twice.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..catalogue import Catalogue
from ..model import Procedure
from ..readers.discover import discover
from ..readers.yaml_reader import parse_yaml
from .executing import Decision, decide
from .read_list import Listed

IN_FORCE = frozenset({"active", "amended"})


@dataclass(frozen=True)
class Entry:
    """One procedure file, as far as reconciling needs it."""

    id: str
    file: str
    code: str | None
    former_codes: tuple[str, ...]
    name: str
    in_force: bool


@dataclass(frozen=True)
class Missing:
    listed: Listed
    decision: Decision


@dataclass(frozen=True)
class Renamed:
    code: str
    file: str
    catalogue_name: str
    list_name: str
    list_file: str


@dataclass
class Reconciliation:
    lists: list[str]
    listed: int = 0
    local: int = 0
    missing: list[Missing] = field(default_factory=list)
    renamed: list[Renamed] = field(default_factory=list)
    not_listed: list[Entry] = field(default_factory=list)
    # Listed procedures the list says nothing about (no executing body, no level in the name): not judged.
    undecided: list[Listed] = field(default_factory=list)
    # Executing bodies no rule knows, with how many procedures name each: a rule to add.
    unknown_bodies: Counter[str] = field(default_factory=Counter)


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _entry(path: Path, valid: Procedure | None) -> Entry:
    """A procedure file: from its validated model, else from what can be read of its raw data."""
    if valid is not None:
        codes = tuple(valid.former_codes)
        return Entry(path.stem, path.as_posix(), valid.code, codes, valid.name, valid.status in IN_FORCE)
    data = parse_yaml(path.read_bytes(), path).data
    data = data if isinstance(data, dict) else {}
    former = data.get("former_codes")
    formers = tuple(c for c in (_text(v) for v in former) if c) if isinstance(former, list) else ()
    name = _text(data.get("name")) or ""
    return Entry(
        path.stem, path.as_posix(), _text(data.get("code")), formers, name, data.get("status") in IN_FORCE
    )


def entries(catalogue: Catalogue) -> list[Entry]:
    """Every procedure file's id, code, former codes, name and status."""
    return [_entry(path, catalogue.procedures.get(path.stem)) for path in discover(catalogue.root).procedures]


def same_name(a: str, b: str) -> bool:
    """Equal once case, spaces and the Unicode form (composed or decomposed letters) are set aside."""

    def key(text: str) -> str:
        return " ".join(unicodedata.normalize("NFC", text).casefold().split())

    return key(a) == key(b)


def reconcile(
    lists: list[str], listed: list[Listed], catalogue: list[Entry], agencies: Mapping[str, str]
) -> Reconciliation:
    """Compare; `agencies` are the registry's agencies in force (id → name), for the decisions."""
    result = Reconciliation(lists, listed=len({item.code for item in listed}))
    present = {code for e in catalogue for code in (e.code, *e.former_codes) if code}
    by_code: dict[str, list[Entry]] = {}
    for entry in catalogue:
        if entry.code and entry.in_force:
            by_code.setdefault(entry.code, []).append(entry)
    seen: set[str] = set()
    for item in listed:
        for entry in by_code.get(item.code, []):
            if not same_name(entry.name, item.name):
                result.renamed.append(Renamed(item.code, entry.file, entry.name, item.name, item.file))
        if item.code in seen:
            continue
        seen.add(item.code)
        decision = decide(item.name, item.executing, agencies)
        result.unknown_bodies.update(decision.unknown)
        if not decision.stated:
            result.undecided.append(item)
        if decision.local:
            result.local += 1
            if item.code not in present:
                result.missing.append(Missing(item, decision))
    codes = {item.code for item in listed}
    result.not_listed = [e for e in catalogue if e.in_force and not ({e.code, *e.former_codes} & codes)]
    return result
