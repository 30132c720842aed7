"""`thutuc kiosk`: the whole site for file://, as a folder and a zip for USB sticks.

Built like `thutuc build --offline` (file URLs, local worker shim, search from scripts) plus
the kiosk presentation; then packed into a zip whose entries are sorted and dated when the data
last changed (the moment the kiosk bar shows: history/checkout.py), so the same data gives the same
zip, whenever it is built.
"""

from __future__ import annotations

import datetime as dt
import os
import zipfile
from pathlib import Path

from .. import clock
from ..history.checkout import DataMoment, data_moment
from ..render.output import SITE_MARKER
from .build import BuildResult, Progress, build_site
from .site_folder import ZIP_ROOT, remove_stale

ZIP_EPOCH = dt.datetime(1980, 1, 1, tzinfo=clock.VIETNAM)  # zip cannot store earlier dates


def _zip_time(data: DataMoment) -> tuple[int, int, int, int, int, int]:
    """Zip entries keep a local date and time: Vietnam's, when the data last changed."""
    moment = max(data.when.astimezone(clock.VIETNAM), ZIP_EPOCH)
    return (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)


def _packed(path: Path) -> bool:
    """Source maps serve developers' debuggers, not a kiosk (a fifth of the zip); the marker
    concerns the build folder only; a link is never followed out of the site."""
    return path.is_file() and not path.is_symlink() and path.suffix != ".map" and path.name != SITE_MARKER


def _site_files(folder: Path) -> list[Path]:
    """What goes into the zip, sorted; a linked folder is not entered (os.walk's default)."""
    return sorted(
        path
        for where, _folders, names in os.walk(folder)
        for name in names
        if _packed(path := Path(where, name))
    )


def write_zip(folder: Path, target: Path, data: DataMoment) -> Path:
    """Pack `folder` under a top-level `thutuc-kiosk/` directory; replace `target` atomically."""
    stamp = _zip_time(data)
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(target)
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for path in _site_files(folder):
                info = zipfile.ZipInfo(f"{ZIP_ROOT}/{path.relative_to(folder).as_posix()}", date_time=stamp)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, path.read_bytes())
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target


def build_kiosk(
    config_file: Path, folder: Path, target: Path, progress: Progress | None = None
) -> BuildResult:
    outcome = build_site(
        config_file, folder, directory_urls=False, kiosk=True, zip_output=target, progress=progress
    )
    if outcome.site_dir is not None:
        write_zip(outcome.site_dir, target, data_moment(outcome.load.catalogue))
    return outcome
