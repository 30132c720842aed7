"""One run of `thutuc reconcile`: read every list, read the catalogue, compare, write drafts if asked."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..load import load_catalogue
from .compare import Reconciliation, entries, reconcile
from .read_list import Listed, UnreadableList, read_list
from .scaffold import Registries, scaffold


@dataclass
class Outcome:
    result: Reconciliation
    drafts: list[Path] = field(default_factory=list)


def read_lists(paths: tuple[Path, ...]) -> list[Listed]:
    """Every list's procedures, in order; one UnreadableList naming every file that failed."""
    listed: list[Listed] = []
    problems: list[str] = []
    for path in paths:
        try:
            listed += read_list(path, path.as_posix())
        except UnreadableList as exc:
            problems.append(str(exc))
    if problems:
        raise UnreadableList("\n".join(problems))
    return listed


def run(paths: tuple[Path, ...], catalogue_dir: Path, today: dt.date, *, write_drafts: bool) -> Outcome:
    listed = read_lists(paths)
    loaded = load_catalogue(catalogue_dir, today=today)
    catalogue = loaded.catalogue
    agencies = {
        key: agency.name
        for key, agency in catalogue.agencies.items()
        if agency.dissolved is None or agency.dissolved > today
    }
    result = reconcile([p.as_posix() for p in paths], listed, entries(catalogue), agencies)
    if not write_drafts:
        return Outcome(result)
    registries = Registries(
        fields={key: f.name for key, f in catalogue.fields.items()},
        agencies=agencies,
        taken=set(loaded.files.procedure_ids),
    )
    return Outcome(result, scaffold(catalogue_dir, result.missing, registries, today))
