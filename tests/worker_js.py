"""The shipped search worker's code run in Node, as the search tests run it: one script (RUNNER)
reads a JSON payload on stdin and prints its answer."""

from __future__ import annotations

import json
import shutil
import subprocess
from typing import Any

import pytest
from conftest import ROOT

JS = ROOT / "site_builder" / "index" / "js"
NODE = shutil.which("node")
needs_node = pytest.mark.skipif(NODE is None, reason="node is needed to run the shipped worker code")


def run_node(runner: str, payload: dict[str, Any]) -> Any:
    assert NODE is not None
    result = subprocess.run(
        [NODE, "-e", runner, str(JS)], input=json.dumps(payload), capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)
