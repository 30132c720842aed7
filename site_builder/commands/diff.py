"""`thutuc diff BASE [HEAD]`: what a change to the catalogue means for citizens."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..catalogue import Catalogue
from ..diagnostics import ThutucError
from ..history.changes import Change, compare
from ..history.revisions import catalogue_at, repo_root
from ..load import load_catalogue


class InvalidRevision(ThutucError):
    """The catalogue at one side of the comparison does not pass `thutuc check`."""


@dataclass(frozen=True)
class DiffResult:
    base: str
    head: str
    changes: list[Change]


def _valid(root: Path, label: str) -> Catalogue:
    loaded = load_catalogue(root)
    if loaded.errors:
        # Files with errors are left out of a catalogue: comparing would call them removed.
        raise InvalidRevision(
            f"Danh mục ở {label} có {len(loaded.errors)} lỗi nên chưa so sánh được; chạy thutuc check để xem."
        )
    return loaded.catalogue


def diff(catalogue_dir: Path, base: str, head: str | None) -> DiffResult:
    """Compare the catalogue at `base` with `head` (a revision) or, without one, the working tree."""
    repo = repo_root(catalogue_dir.resolve())
    relative = catalogue_dir.resolve().relative_to(repo).as_posix()
    with catalogue_at(repo, base, relative) as old_root:
        old = _valid(old_root, base)
    if head is None:
        return DiffResult(base, "bản đang sửa", compare(old, _valid(catalogue_dir, "bản đang sửa")))
    with catalogue_at(repo, head, relative) as new_root:
        new = _valid(new_root, head)
    return DiffResult(base, head, compare(old, new))
