"""`thutuc kiosk`: the whole site for file://, as a folder and a zip for USB sticks.

Built like `thutuc build --offline` (file URLs, local worker shim, search from scripts) plus
the kiosk presentation; then packed into a zip whose entries are sorted and dated from
SOURCE_DATE_EPOCH (or the build), so the same data gives the same zip.
"""

from __future__ import annotations

import os
import time
import zipfile
from pathlib import Path

from .build import BuildResult, Progress, build_site

ZIP_ROOT = "thutuc-kiosk"


def _zip_time() -> tuple[int, int, int, int, int, int]:
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", time.time()))
    return time.gmtime(max(epoch, 315532800))[:6]  # zip cannot store dates before 1980


def write_zip(folder: Path, target: Path) -> Path:
    """Pack `folder` under a top-level `thutuc-kiosk/` directory; replace `target` atomically."""
    stamp = _zip_time()
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            # Source maps serve developers' debuggers, not a kiosk: a fifth of the zip.
            for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix != ".map"):
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
    outcome = build_site(config_file, folder, directory_urls=False, kiosk=True, progress=progress)
    if outcome.site_dir is not None:
        write_zip(outcome.site_dir, target)
    return outcome
