"""Where thutuc keeps what it can make again, between runs: QR codes (render/qr.py), what `check`
found in each file (check_store.py). Never inside a site or a catalogue."""

from __future__ import annotations

import os
from pathlib import Path

# Where the cache is (see `cache_folder`).
CACHE_ENV = "THUTUC_CACHE_DIR"


def cache_folder() -> Path | None:
    """Where codes are kept between builds: THUTUC_CACHE_DIR, else $XDG_CACHE_HOME/thutuc,
    else ~/.cache/thutuc (never inside a site). None when THUTUC_CACHE_DIR is set but empty."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen is not None:
        return Path(chosen) if chosen.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "thutuc"
