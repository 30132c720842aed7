"""The build engine is chosen by one dependency (site_builder/engine.py): ProperDocs when thutuc requires
it outright, MkDocs otherwise; `thutuc build` then really runs on the chosen one."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from site_builder.engine import MKDOCS, PROPERDOCS, declared


@pytest.mark.parametrize(
    ("requirements", "engine"),
    [
        (["mkdocs==1.6.1", "mkdocs-material==9.8.2"], MKDOCS),
        (["mkdocs==1.6.1", 'properdocs==1.6.7; extra == "test"'], MKDOCS),
        (["mkdocs==1.6.1", "properdocs==1.6.7"], PROPERDOCS),
        (["ProperDocs>=1.6 ; python_version >= '3.11'"], PROPERDOCS),
        (["properdocs-theme==1.0"], MKDOCS),
        ([], MKDOCS),
    ],
)
def test_the_declared_dependency_chooses_the_engine(requirements: list[str], engine: str) -> None:
    assert declared(requirements) == engine


def _build_with(engine: str, site: Path) -> str:
    """`thutuc build` in a fresh interpreter with `engine` in effect, as the `thutuc` command puts the
    declared one in effect; the generator tag of the built home page."""
    script = (
        "import sys; from site_builder import engine; "
        f"assert engine.use({engine!r}) == {engine!r}; "
        "from site_builder.cli import main; "
        f"main(['build', '--site-dir', {str(site)!r}], standalone_mode=False)"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    html = (site / "index.html").read_text(encoding="utf-8")
    return html.split('<meta name="generator" content="', 1)[1].split('"', 1)[0]


def test_thutuc_build_runs_on_the_engine_in_effect(tmp_path: Path) -> None:
    # Material prints "mkdocs-" before the engine's own version string.
    assert _build_with(PROPERDOCS, tmp_path / "properdocs").startswith("mkdocs-ProperDocs 1.6.7,")
    assert _build_with(MKDOCS, tmp_path / "mkdocs").startswith("mkdocs-1.6.1,")
