"""`thutuc build`: validate, build into a temporary folder, then swap it into place.

A failed or interrupted build never leaves a half-written site: the old site stays where it
was until the new one is complete, and the swap is two renames on the same file system.
The folder replaced must be one thutuc wrote, never the project's own (site_folder.py); a
build killed outright leaves marked temporary folders that the next build removes.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, MkDocsException

from ..diagnostics import ThutucError
from ..load import LoadResult, load_catalogue
from ..mkdocs_plugin import ThutucPlugin
from ..render.output import write_marker
from .site_folder import check_folder, check_inputs_of_config, check_zip, protected_by_config, remove_stale

Progress = Callable[[int, int], None]


class BuildFailed(ThutucError):
    """MkDocs stopped: the message says why; the previous site is untouched."""


@dataclass(frozen=True)
class BuildResult:
    """What a build did: the catalogue findings, and the site folder if one was written."""

    load: LoadResult
    site_dir: Path | None


def _plugin(config: object) -> ThutucPlugin:
    plugins = getattr(config, "plugins", {})
    for plugin in plugins.values():
        if isinstance(plugin, ThutucPlugin):
            return plugin
    raise BuildFailed("mkdocs.yml chưa bật plugin thutuc (mục plugins).")


def swap_into_place(built: Path, target: Path) -> None:
    """Replace `target` by `built`; both live in the same folder so each rename is atomic."""
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    try:
        if target.exists():
            os.rename(target, old)
        os.rename(built, target)
    except OSError as exc:
        if old.exists() and not target.exists():
            os.rename(old, target)
        shutil.rmtree(built, ignore_errors=True)
        raise BuildFailed(
            f"không thay được thư mục «{target}» bằng bản mới ({exc.strerror}); bản cũ giữ nguyên."
        ) from exc
    if old.exists():
        shutil.rmtree(old)


def build_site(
    config_file: Path,
    site_dir: Path | None = None,
    *,
    strict: bool = False,
    directory_urls: bool | None = None,
    kiosk: bool = False,
    zip_output: Path | None = None,
    progress: Progress | None = None,
) -> BuildResult:
    """Validate the output folders and the catalogue; if both are fine, build with MkDocs into a
    sibling folder and swap it in. Raises UnsafeOutput, before writing anything, for a folder
    (or kiosk `zip_output`) that is not safe to replace."""
    overrides: dict[str, Any] = {"strict": strict}
    if directory_urls is not None:
        overrides["use_directory_urls"] = directory_urls
    try:
        config = load_config(str(config_file), **overrides)
    except MkDocsException as exc:
        raise BuildFailed(str(exc)) from exc
    plugin = _plugin(config)
    if kiosk:
        plugin.config["kiosk"] = True
    target = Path(site_dir or config.site_dir).resolve()
    protected = protected_by_config(config_file, config, plugin.config.catalogue, plugin.config.templates)
    check_folder(
        target,
        protected,
        "bản sao cho máy tra cứu (--dir)" if kiosk else "trang (--site-dir hoặc site_dir trong mkdocs.yml)",
    )
    if zip_output is not None:
        check_zip(zip_output.resolve(), protected, target)
    check_inputs_of_config(config_file, config, plugin.config.catalogue, plugin.config.templates)
    loaded = load_catalogue(config_file.resolve().parent / plugin.config.catalogue)
    if loaded.errors or (strict and loaded.warnings):
        return BuildResult(loaded, None)
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(target)
    building = target.with_name(f".{target.name}.building-{os.getpid()}")
    # Marked before MkDocs writes (its cleaning keeps hidden files): if this build is killed,
    # the next one knows the leftover is a build and may remove it.
    try:
        building.mkdir()
        write_marker(building)
    except OSError as exc:
        raise BuildFailed(f"không tạo được thư mục tạm «{building}» ({exc.strerror}).") from exc
    config.site_dir = str(building)
    plugin.preloaded = loaded
    plugin.on_progress = progress
    try:
        mkdocs_build(config)
    except Abort as exc:  # MkDocs' English "Aborted with…": the reason is already logged above
        shutil.rmtree(building, ignore_errors=True)
        raise BuildFailed("MkDocs dừng lại vì lỗi nêu ở trên.") from exc
    except (MkDocsException, OSError) as exc:
        shutil.rmtree(building, ignore_errors=True)
        raise BuildFailed(str(exc)) from exc
    except BaseException:
        # Interrupted (Ctrl+C) or crashed: remove the partial output, keep the old site.
        shutil.rmtree(building, ignore_errors=True)
        raise
    swap_into_place(building, target)
    return BuildResult(loaded, target)
