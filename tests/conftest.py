"""Shared helpers: the real console script, fixture catalogues, fixed 'today'."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_CATALOGUE = ROOT / "tests" / "fixtures" / "catalogue"
SAMPLE_CATALOGUE = ROOT / "procedures"
THUTUC = str(Path(sys.executable).parent / "thutuc")
TODAY = "2026-11-26"
# Everything a test runs sees the same day, whatever the calendar says: thutuc reads the clock only through
# SOURCE_DATE_EPOCH (site_builder/clock.py), and git stamps the commits the tests make with the same moment.
# Set at import, before any test starts a process, so subprocesses inherit it; a test that needs another
# moment passes its own environment.
FIXED_MOMENT = "2026-11-26T10:00:00+07:00"
os.environ["SOURCE_DATE_EPOCH"] = "1795662000"  # FIXED_MOMENT
os.environ["GIT_AUTHOR_DATE"] = FIXED_MOMENT
os.environ["GIT_COMMITTER_DATE"] = FIXED_MOMENT


def run_thutuc(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed `thutuc` command as a user would."""
    return subprocess.run([THUTUC, *args], cwd=cwd, capture_output=True, text=True, check=False)


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    """A writable copy of the small valid catalogue."""
    target = tmp_path / "procedures"
    shutil.copytree(FIXTURE_CATALOGUE, target)
    return target


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve_directory(directory: Path) -> Iterator[str]:
    """Serve a built site on a free loopback port; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def build_site(project: Path, out: Path) -> Path:
    """Build with the real `thutuc build`; fail the test with its output if it does not succeed."""
    result = run_thutuc("build", "--config", str(project / "mkdocs.yml"), "--site-dir", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def copy_project(target: Path, catalogue: Path) -> Path:
    """A project folder (mkdocs.yml, docs/, overrides/) around another catalogue."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml",):
        shutil.copy(ROOT / name, target / name)
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copytree(catalogue, target / "procedures")
    return target


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped sample catalogue, built once per test run."""
    return build_site(ROOT, tmp_path_factory.mktemp("sample") / "site")


@pytest.fixture(scope="session")
def sample_url(sample_site: Path) -> Iterator[str]:
    with serve_directory(sample_site) as url:
        yield url


CHROMIUM = "/usr/bin/chromium"
# The flags keep Chromium from calling home on a machine without a network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
