"""What git says about the catalogue folder as checked out: its files at HEAD, when it last changed.

Each git answer is None outside a git checkout (or without git): callers then fall back on the data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .. import clock
from ..catalogue import Catalogue
from .revisions import GitError, git


def committed_files(folder: Path) -> dict[str, str] | None:
    """The files directly in `folder` at HEAD: file name → path from the repository's root."""
    try:
        listing = git(folder, "ls-tree", "--name-only", "--full-name", "HEAD")
    except GitError:
        return None
    return {Path(path).name: path for path in listing.splitlines() if path}


@dataclass(frozen=True)
class Deletion:
    """A file of the folder that git remembers but the working tree lacks, and how to get it back."""

    path: str  # from the repository's root
    commit: str | None  # the (abbreviated) commit that deleted it; None when only the working tree lacks it

    @property
    def revision(self) -> str:
        """The last revision that has the file: HEAD, or the parent of the deleting commit."""
        return "HEAD" if self.commit is None else f"{self.commit}~1"


def deleted_files(folder: Path) -> dict[str, Deletion]:
    """Every file once directly in `folder` that git can restore: file name → where and from which revision.

    One `git log` for the whole history (the newest deletion of a name wins), plus the files at HEAD, which
    a deletion not yet committed leaves there. Empty outside git."""
    at_head = committed_files(folder)
    if at_head is None:
        return {}
    try:
        prefix = Path(git(folder, "rev-parse", "--show-prefix").strip())
        log = git(folder, "log", "--diff-filter=D", "--name-only", "--format=%x00%h", "--", ".")
    except GitError:
        return {}
    found: dict[str, Deletion] = {}
    for entry in log.split("\0")[1:]:
        commit, *paths = entry.strip().splitlines()
        for path in paths:
            if path and Path(path).parent == prefix:
                found.setdefault(Path(path).name, Deletion(path, commit))
    found.update({name: Deletion(path, None) for name, path in at_head.items()})
    return found


def last_committed(folder: Path) -> dt.datetime | None:
    """When the last commit touching `folder` was made, if the working tree holds exactly that.

    None when uncommitted edits (or new files) in the folder make the checkout newer than any commit."""
    try:
        if git(folder, "status", "--porcelain", "--", ".").strip():
            return None
        stamp = git(folder, "log", "-1", "--format=%cI", "--", ".").strip()
    except GitError:
        return None
    return dt.datetime.fromisoformat(stamp) if stamp else None


@dataclass(frozen=True)
class DataMoment:
    """When the data last changed; `exact` False when only the day is known (a review date)."""

    when: dt.datetime
    exact: bool

    def label(self) -> str:
        """As the kiosk bar shows it, after «Dữ liệu cập nhật đến»."""
        return self.when.strftime("%H:%M ngày %d/%m/%Y" if self.exact else "ngày %d/%m/%Y")


def data_moment(catalogue: Catalogue) -> DataMoment:
    """When the catalogue last changed, so that the same data shows (and packs) the same date.

    SOURCE_DATE_EPOCH when set; else the last commit touching the catalogue folder when the checkout
    holds exactly that; else (uncommitted edits, no git) the newest review date; else now."""
    pinned = clock.pinned()
    if pinned is not None:
        return DataMoment(pinned, exact=True)
    committed = last_committed(catalogue.root)
    if committed is not None:
        return DataMoment(committed.astimezone(clock.VIETNAM), exact=True)
    reviews = [procedure.review.date for procedure in catalogue.procedures.values()]
    if reviews:
        return DataMoment(dt.datetime.combine(max(reviews), dt.time(), clock.VIETNAM), exact=False)
    return DataMoment(clock.now(), exact=True)
