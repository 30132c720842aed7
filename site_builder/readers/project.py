"""What a build publishes besides the catalogue: docs/ and the theme's folders, checked like the catalogue.

A pull request may add any file, and CI builds and publishes it. MkDocs copies every file of docs_dir and
of the theme's folders into the site, following symbolic links: a link to /proc/self/environ published
the CI runner's environment (its tokens) and a link to a secret outside the repository its content. So
nothing the build reads may be a link, a device or a pipe; the catalogue and docs_dir lie inside the
project; and docs/, which editors change, holds no page or script the browser would run from the site's
own origin (HTML, SVG, JavaScript): those belong to the theme, which is code and reviewed as code.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..diagnostics import ThutucError

# Served from the site's origin, these run scripts in the reader's browser.
ACTIVE_SUFFIXES = frozenset(
    {".html", ".htm", ".xhtml", ".shtml", ".svg", ".svgz", ".xml", ".xsl", ".js", ".mjs"}
)


class UnsafeInput(ThutucError):
    """Files the build would read or publish that no build may: every one is listed, one a line."""


def _kind(mode: int) -> str | None:
    if stat.S_ISLNK(mode):
        return "liên kết tượng trưng (symlink)"
    if stat.S_ISDIR(mode) or stat.S_ISREG(mode):
        return None
    return "tệp đặc biệt (thiết bị, ống dẫn hoặc socket)"


def _walk(folder: Path) -> Iterator[tuple[Path, os.stat_result]]:
    """Every entry below `folder`, without following links."""
    for top, dirs, files in os.walk(folder, followlinks=False):
        for name in sorted(dirs + files):
            path = Path(top) / name
            yield path, path.lstat()


def _links_on_the_way(project: Path, folder: Path) -> Path | None:
    """The first folder from `project` down to `folder` (itself included) that is a link."""
    step = project
    for part in folder.relative_to(project).parts:
        step = step / part
        if step.is_symlink():
            return step
    return None


def _placement(project: Path, folder: Path, label: str) -> str | None:
    absolute = Path(os.path.abspath(folder))
    try:
        absolute.relative_to(project)
    except ValueError:
        return (
            f"{absolute}: {label} nằm ngoài thư mục dự án «{project}». Đặt nó trong dự án và sửa mkdocs.yml."
        )
    link = _links_on_the_way(project, absolute)
    if link is not None:
        return (
            f"{link}: {label} đi qua một liên kết tượng trưng (symlink). Thay liên kết bằng thư mục thật "
            "trong dự án: bản dựng chỉ đọc tệp của chính dự án."
        )
    return None


def _entries(folder: Path, label: str, editable: bool) -> Iterator[str]:
    for path, info in _walk(folder):
        kind = _kind(info.st_mode)
        if kind is not None:
            yield (
                f"{path}: là {kind} trong {label}. Bản dựng không đọc hay đăng liên kết: thay bằng chính tệp "
                "đó (nếu là tệp của dự án) hoặc xoá đi."
            )
        elif editable and stat.S_ISREG(info.st_mode) and path.suffix.lower() in ACTIVE_SUFFIXES:
            yield (
                f"{path}: tệp {path.suffix.lower()} trong {label} sẽ được trình duyệt chạy như một trang hay "
                "mã lệnh của chính trang web. Viết nội dung bằng Markdown (.md); giao diện và mã lệnh đặt "
                "trong overrides/."
            )


def unsafe_inputs(project: Path, catalogue: Path, docs: Path, theme: Iterable[Path]) -> list[str]:
    """Every reason the build may not read these folders; empty when all is well.

    Links inside the catalogue are reported by `thutuc check` with the catalogue's other findings."""
    project = Path(os.path.abspath(project))
    found: list[str] = []
    for folder, label in ((catalogue, "danh mục thủ tục"), (docs, "thư mục trang viết tay (docs_dir)")):
        problem = _placement(project, folder, label)
        if problem is not None:
            found.append(problem)
    found.extend(_entries(docs, "docs/", editable=True))
    for folder in theme:
        found.extend(_entries(folder, "thư mục giao diện overrides/", editable=False))
    return found


def check_inputs(project: Path, catalogue: Path, docs: Path, theme: Iterable[Path]) -> None:
    """Raise UnsafeInput listing every finding of `unsafe_inputs`."""
    found = unsafe_inputs(project, catalogue, docs, theme)
    if found:
        raise UnsafeInput(
            "Không dựng trang: có tệp mà bản dựng không được đọc hay đăng.\n"
            + "\n".join(f"  {f}" for f in found)
        )
