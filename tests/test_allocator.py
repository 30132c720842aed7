"""The allocator's threshold (allocator.py): fixed where glibc runs thutuc, left to whoever set it."""

from __future__ import annotations

import subprocess
import sys

import pytest

from site_builder import allocator

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallopt")


def _steady_in_a_new_process(env: dict[str, str]) -> str:
    code = "from site_builder import allocator; print(allocator.steady())"
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    ).stdout.strip()


def test_the_threshold_is_fixed_unless_the_environment_chose_one() -> None:
    bare = {"PATH": "/usr/bin:/bin"}
    assert _steady_in_a_new_process(bare) == "True"
    chosen = {**bare, allocator.ENVIRONMENT: "65536"}
    assert _steady_in_a_new_process(chosen) == "False"
