"""The core pipeline (site_builder/pipeline.py) runs without the engine: MkDocs and Material are
reached only through the adapter (mkdocs_plugin.py, mkdocs_files.py, mkdocs_shell.py)."""

from __future__ import annotations

import subprocess
import sys

ENGINE = ("mkdocs", "material")


def test_the_core_pipeline_never_imports_the_engine() -> None:
    probe = (
        "import sys, site_builder.pipeline; "
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({ENGINE!r})))"
    )
    shown = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == "[]", shown.stdout + shown.stderr
