"""Run a timing snippet against this tree and against an older commit of site_builder, side by side.

The older commit is unpacked with `git archive` into a temporary folder and put first on
PYTHONPATH of a child process (the same interpreter and installed libraries), so the same
snippet measures old and new code on the same machine in the same minute.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# The last commit with the private-API fast paths (segno's encoder tables, lunr's Builder.add).
BEFORE = "97c01e9"


def unpack(ref: str, into: Path) -> Path:
    """`site_builder/` of commit `ref`, below `into`."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", ref, "site_builder"],
        check=True,
        capture_output=True,
    ).stdout
    with tempfile.TemporaryFile() as tar_file:
        tar_file.write(archive)
        tar_file.seek(0)
        with tarfile.open(fileobj=tar_file) as tar:
            tar.extractall(into, filter="data")
    return into


def run(tree: Path, snippet: str, *args: str) -> Any:
    """What `snippet` prints as JSON, run with `tree`'s site_builder and these arguments."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    out = subprocess.run(
        [sys.executable, "-c", snippet, *args], env=env, check=True, capture_output=True, text=True, cwd=tree
    )
    return json.loads(out.stdout)
