"""`thutuc build`: validate, build into a temporary folder, then swap it into place.

A failed or interrupted build never leaves a half-written site: the old site stays where it
was until the new one is complete, and the swap is two renames on the same file system.
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
from mkdocs.exceptions import MkDocsException

from ..diagnostics import ThutucError
from ..load import LoadResult, load_catalogue
from ..mkdocs_plugin import ThutucPlugin

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
    if target.exists():
        os.rename(target, old)
    os.rename(built, target)
    if old.exists():
        shutil.rmtree(old)


def build_site(
    config_file: Path,
    site_dir: Path | None = None,
    *,
    strict: bool = False,
    directory_urls: bool | None = None,
    kiosk: bool = False,
    progress: Progress | None = None,
) -> BuildResult:
    """Validate the catalogue; if valid, build with MkDocs into a sibling folder and swap it in."""
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
    loaded = load_catalogue(config_file.resolve().parent / plugin.config.catalogue)
    if loaded.errors or (strict and loaded.warnings):
        return BuildResult(loaded, None)
    target = Path(site_dir or config.site_dir).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    building = target.with_name(f".{target.name}.building-{os.getpid()}")
    config.site_dir = str(building)
    plugin.preloaded = loaded
    plugin.on_progress = progress
    try:
        mkdocs_build(config)
    except (MkDocsException, OSError) as exc:
        shutil.rmtree(building, ignore_errors=True)
        raise BuildFailed(str(exc)) from exc
    except BaseException:
        # Interrupted (Ctrl+C) or crashed: remove the partial output, keep the old site.
        shutil.rmtree(building, ignore_errors=True)
        raise
    swap_into_place(building, target)
    return BuildResult(loaded, target)
