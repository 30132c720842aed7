"""Where a build may write: the output folder replaces what is there, so it must never be the
project, the catalogue, the hand-written pages or someone else's files.

A build replaces its whole output folder. `--site-dir .` once replaced the repository, `.git`
included, and reported success. So an output folder may not be or contain the project (the
folder holding mkdocs.yml), the catalogue, docs/, overrides/, .git or the home folder, nor lie
inside the source folders; an existing non-empty folder is replaced only if thutuc wrote it
(it holds the marker, render/output.py). Every check runs before anything is written.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..diagnostics import ThutucError
from ..readers.project import check_inputs
from ..render.output import has_marker

ZIP_ROOT = "thutuc-kiosk"  # the one top folder of a kiosk zip (commands/kiosk.py)

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


class UnsafeOutput(ThutucError):
    """The output folder or zip would destroy something that is not a build: a usage error."""


@dataclass(frozen=True)
class Protected:
    """A folder no build may replace; `inside` when nothing may be written below it either."""

    path: Path
    label: str
    inside: bool = True


def protected_folders(project: Path, catalogue: Path, docs: Path, theme: Iterable[Path]) -> list[Protected]:
    """The project's own folders, as MkDocs' configuration names them."""
    found = [
        Protected(project, "thư mục dự án (chứa mkdocs.yml)", inside=False),
        Protected(catalogue, "danh mục thủ tục"),
        Protected(docs, "thư mục trang viết tay (docs_dir)"),
        Protected(project / ".git", "kho git của dự án"),
        *(Protected(folder, "thư mục mẫu giao diện (overrides)") for folder in theme),
    ]
    with contextlib.suppress(RuntimeError):  # no home folder known: nothing to protect there
        found.append(Protected(Path.home(), "thư mục nhà của người dùng", inside=False))
    return found


def protected_by_config(
    config_file: Path, config: MkDocsConfig, catalogue: str, templates: str
) -> list[Protected]:
    """`protected_folders` as MkDocs' configuration and the thutuc plugin's settings name them."""
    project = config_file.resolve().parent
    theme = [Path(config.theme.custom_dir)] if config.theme.custom_dir else []
    return protected_folders(
        project, project / catalogue, Path(config.docs_dir), [*theme, project / templates]
    )


def check_inputs_of_config(config_file: Path, config: MkDocsConfig, catalogue: str, templates: str) -> None:
    """`readers.project.check_inputs` on the folders MkDocs' configuration and the plugin name."""
    project = Path(os.path.abspath(config_file)).parent
    theme = [Path(config.theme.custom_dir)] if config.theme.custom_dir else []
    templates_dir = project / templates
    if not any(is_within(templates_dir, folder) for folder in theme):
        theme.append(templates_dir)
    check_inputs(project, project / catalogue, Path(config.docs_dir), [t for t in theme if t.is_dir()])


def check_config_folders(
    config_file: Path, config: MkDocsConfig, catalogue: str, templates: str, replacing: bool
) -> None:
    """The checks `thutuc build` makes, for plain `mkdocs build` (`replacing` its site_dir) and `serve`."""
    check_inputs_of_config(config_file, config, catalogue, templates)
    if replacing:
        protected = protected_by_config(config_file, config, catalogue, templates)
        check_folder(Path(config.site_dir).resolve(), protected, "trang (site_dir)")


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def is_within(child: Path, parent: Path) -> bool:
    """`child` is `parent` or lies below it, links resolved; compared on disk as well, so that
    a case-insensitive file system (Site/ for site/) does not slip through."""
    child, parent = child.resolve(), parent.resolve()
    if child == parent or parent in child.parents:
        return True
    return parent.exists() and any(_same(step, parent) for step in (child, *child.parents) if step.exists())


def _refuse(target: Path, what: str, reason: str) -> UnsafeOutput:
    return UnsafeOutput(f"Không ghi {what} vào «{target}»: {reason}")


def check_folder(target: Path, protected: list[Protected], what: str) -> None:
    """Raise UnsafeOutput unless replacing `target` destroys nothing but an earlier build."""
    for folder in protected:
        if is_within(folder.path, target):
            verb = "là" if is_within(target, folder.path) else "chứa"
            raise _refuse(
                target,
                what,
                f"thư mục này {verb} {folder.label} «{folder.path}», mà dựng sẽ xoá và thay toàn bộ thư mục. "
                "Chọn một thư mục riêng cho bản dựng, ví dụ site/ hay kiosk/ trong thư mục dự án.",
            )
        if folder.inside and is_within(target, folder.path):
            raise _refuse(
                target,
                what,
                f"thư mục này nằm trong {folder.label} «{folder.path}». Chọn thư mục ngoài đó, ví dụ site/.",
            )
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise _refuse(target, what, "đây là một tệp hoặc liên kết, không phải thư mục. Chọn thư mục khác.")
    tracked = tracked_by_git(target)
    if tracked:
        raise _refuse(
            target,
            what,
            f"thư mục có {len(tracked)} tệp được git theo dõi (ví dụ {tracked[0]}): đó là tệp của dự án, "
            "không phải bản dựng, dù trong đó có tệp đánh dấu .thutuc-site. Chọn thư mục khác, ví dụ site/.",
        )
    if target.is_dir() and any(target.iterdir()) and not has_marker(target):
        raise _refuse(
            target,
            what,
            "thư mục đã có tệp mà không phải do thutuc dựng (không có tệp đánh dấu .thutuc-site), "
            "dựng sẽ xoá toàn bộ. Chọn một thư mục trống hoặc chưa có; nếu chắc chắn không cần các "
            "tệp trong đó, tự xoá thư mục rồi chạy lại.",
        )


def check_zip(output: Path, protected: list[Protected], folder: Path) -> None:
    """The kiosk zip replaces only an earlier zip, outside the sources and the kiosk folder."""
    what = "tệp zip (--output)"
    for source in [*protected, Protected(folder, "thư mục bản sao (--dir)")]:
        if source.inside and is_within(output, source.path):
            raise _refuse(
                output,
                what,
                f"tệp này nằm trong {source.label} «{source.path}». Chọn chỗ khác, ví dụ thutuc-kiosk.zip.",
            )
    if output.suffix.lower() != ".zip":
        raise _refuse(output, what, "tên tệp phải có đuôi .zip, ví dụ thutuc-kiosk.zip.")
    if output.is_symlink() or (output.exists() and not (output.is_file() and is_kiosk_zip(output))):
        raise _refuse(
            output,
            what,
            "ở đó đã có một tệp không phải bản sao máy tra cứu do thutuc dựng (hoặc một thư mục, một liên "
            "kết), sẽ bị ghi đè. Chọn tên tệp khác.",
        )
    if tracked_by_git(output):
        raise _refuse(output, what, "tệp này được git theo dõi: đó là tệp của dự án. Chọn tên tệp khác.")


def is_kiosk_zip(path: Path) -> bool:
    """A zip `thutuc kiosk` wrote: every entry lies in its one top folder (any other zip, a .docx
    or .xlsx among them, is someone's document)."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return False
    return bool(names) and all(name.startswith(f"{ZIP_ROOT}/") for name in names)


def tracked_by_git(path: Path) -> list[str]:
    """Files git tracks at or below `path`; none outside a repository, without git, or if `path` is absent.

    A pull request can commit a marker file into any folder, so the marker alone never makes a folder of
    the project replaceable: a folder holding tracked files is the project's, whatever it holds."""
    if not path.exists():
        return []
    base = path if path.is_dir() and not path.is_symlink() else path.parent
    try:
        listed = subprocess.run(
            ["git", "-C", str(base), "ls-files", "-z", "--", str(path)], capture_output=True, check=False
        )
    except OSError:  # no git on this machine: nothing is tracked
        return []
    if listed.returncode != 0:  # not a repository
        return []
    return [name for name in listed.stdout.decode("utf-8", "replace").split("\0") if name]


def _running(pid: int) -> bool:
    """Whether a process `pid` exists; unsure means yes, so nothing in use is removed."""
    if os.name == "nt":  # os.kill(pid, 0) would interrupt the process there, not probe it
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OverflowError:  # larger than any process id
        return False
    except OSError:  # PermissionError: another user's process
        return True
    # Our own id on a leftover means an earlier process had it: this one is only starting.
    return pid != os.getpid()


def _leftover_pid(entry: Path, folders: re.Pattern[str], zips: re.Pattern[str]) -> int | None:
    """The process id in the name of a build's temporary file or folder, if `entry` is one."""
    if entry.is_symlink():
        return None
    if (match := folders.fullmatch(entry.name)) and entry.is_dir() and has_marker(entry):
        return int(match[1])
    if (match := zips.fullmatch(entry.name)) and entry.is_file() and _is_zip_start(entry):
        return int(match[1])
    return None


def remove_stale(target: Path) -> list[Path]:
    """Remove temporary siblings of `target` that a killed build left: `.<name>.building-<pid>`
    and `.<name>.old-<pid>` folders holding the marker, `.<name>.<pid>.partial` zips, whose
    process is gone. Nothing else is touched. Returns what was removed."""
    name = re.escape(target.name)
    folders = re.compile(rf"\.{name}\.(?:building|old)-(\d+)")
    zips = re.compile(rf"\.{name}\.(\d+)\.partial")
    removed: list[Path] = []
    if not target.parent.is_dir():
        return removed
    for entry in sorted(target.parent.iterdir()):
        pid = _leftover_pid(entry, folders, zips)
        if pid is None or _running(pid):
            continue
        if entry.is_dir():
            shutil.rmtree(entry)
        else:
            entry.unlink()
        removed.append(entry)
    return removed


def _is_zip_start(path: Path) -> bool:
    """A partial zip has no directory yet; its first entry header says it is one."""
    with path.open("rb") as handle:
        return handle.read(4) == b"PK\x03\x04"
