"""Writing the files made from data, and not rewriting those a preview rebuild left unchanged.

A full build writes everything into an empty folder. The preview server rebuilds after every
save; there most of the thousands of pages, QR codes and JSON files are the same bytes as last
time. The plugin sets their folders aside before MkDocs empties the site folder and puts them
back afterwards (`set_aside`, `restore`); `Output` then writes only files whose bytes changed
and removes the files of procedures that are gone. On this machine creating a file costs
about 0.5 ms, so 6,000 unchanged files were 3 s of every rebuild.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Collection
from pathlib import Path

ASIDE = ".thutuc-giu-lai"  # hidden: MkDocs does not empty hidden entries of the site folder
# In every folder thutuc writes (site, kiosk copy, their temporary siblings): a later build may
# replace a folder holding it, and refuses a non-empty folder without it (someone else's files).
# Hidden, so MkDocs' cleaning of the site folder leaves it in place.
SITE_MARKER = ".thutuc-site"
SITE_MARKER_TEXT = (
    "Thư mục này do thutuc dựng (thutuc build, thutuc kiosk hoặc mkdocs build với plugin thutuc).\n"
    "Lần dựng sau sẽ xoá và thay toàn bộ thư mục: đừng đặt tệp nào khác ở đây.\n"
)
_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)


class Output:
    """Writes files; with `previous` (path -> hash of the bytes written last time), skips equal ones."""

    def __init__(self, previous: dict[Path, int] | None = None) -> None:
        self.previous = previous
        self.written: dict[Path, int] = {}

    def write(self, path: Path, data: bytes) -> None:
        digest = hash(data)  # bytes cache their hash: cached pages cost nothing here
        self.written[path] = digest
        if self.previous is not None and self.previous.get(path) == digest and path.exists():
            return
        try:
            fd = os.open(path, _FLAGS, 0o666)
        except FileNotFoundError:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, _FLAGS, 0o666)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)

    def remove_stale(self, keep: Collection[Path] = ()) -> None:
        """Delete what the previous rebuild wrote and this one did not (a deleted procedure),
        unless another writer (`keep`) made that file this time."""
        for path in set(self.previous or ()) - set(self.written) - set(keep):
            path.unlink(missing_ok=True)
            if path.parent.is_dir() and not any(path.parent.iterdir()):
                path.parent.rmdir()


def set_aside(site_dir: Path, folders: tuple[str, ...]) -> None:
    """Move `folders` of the last build into a hidden folder MkDocs' cleaning leaves alone."""
    aside = site_dir / ASIDE
    shutil.rmtree(aside, ignore_errors=True)
    for name in folders:
        if (site_dir / name).is_dir():
            (aside / name).parent.mkdir(parents=True, exist_ok=True)
            os.rename(site_dir / name, aside / name)


def restore(site_dir: Path, folders: tuple[str, ...]) -> None:
    """Put the folders set aside back where they were, unless this build already made them."""
    aside = site_dir / ASIDE
    for name in folders:
        if (aside / name).is_dir() and not (site_dir / name).exists():
            (site_dir / name).parent.mkdir(parents=True, exist_ok=True)
            os.rename(aside / name, site_dir / name)
    shutil.rmtree(aside, ignore_errors=True)


def write_marker(folder: Path) -> None:
    """Mark `folder` as written by thutuc (see SITE_MARKER)."""
    (folder / SITE_MARKER).write_text(SITE_MARKER_TEXT, encoding="utf-8")


def has_marker(folder: Path) -> bool:
    """Whether thutuc wrote `folder`: it holds the marker as a regular file, not a link."""
    marker = folder / SITE_MARKER
    return marker.is_file() and not marker.is_symlink()
