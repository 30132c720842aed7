"""Shared helpers: the real console script, fixture catalogues, fixed 'today'."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_CATALOGUE = ROOT / "tests" / "fixtures" / "catalogue"
SAMPLE_CATALOGUE = ROOT / "procedures"
THUTUC = str(Path(sys.executable).parent / "thutuc")
TODAY = "2026-11-26"


def run_thutuc(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed `thutuc` command as a user would."""
    return subprocess.run([THUTUC, *args], cwd=cwd, capture_output=True, text=True, check=False)


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    """A writable copy of the small valid catalogue."""
    target = tmp_path / "procedures"
    shutil.copytree(FIXTURE_CATALOGUE, target)
    return target
