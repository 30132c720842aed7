"""Shared helpers: the real console script, fixture catalogues, fixed 'today'."""

from __future__ import annotations

import atexit
import contextlib
import datetime as dt
import functools
import http.server
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:  # the browser tests need Playwright; no other test does
    from playwright.sync_api import Browser

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_CATALOGUE = ROOT / "tests" / "fixtures" / "catalogue"
SAMPLE_CATALOGUE = ROOT / "procedures"
THUTUC = str(Path(sys.executable).parent / "thutuc")
# Everything a test runs sees the same day, whatever the calendar says: thutuc reads the clock only through
# SOURCE_DATE_EPOCH (site_builder/clock.py), and git stamps the commits the tests make with the same moment.
# Set at import, before any test starts a process, so subprocesses inherit it; a test that needs another
# moment passes its own environment. TODAY (for `check --today`) and the epoch are derived from it, never
# written twice.
FIXED_MOMENT = "2026-11-26T10:00:00+07:00"
TODAY = FIXED_MOMENT[:10]
os.environ["SOURCE_DATE_EPOCH"] = str(int(dt.datetime.fromisoformat(FIXED_MOMENT).timestamp()))
os.environ["GIT_AUTHOR_DATE"] = FIXED_MOMENT
os.environ["GIT_COMMITTER_DATE"] = FIXED_MOMENT
# The QR cache (render/qr.py) lives in the user's cache folder: a test run gets an empty one of its own,
# so no test passes thanks to codes an earlier run (or older code) left there.
_QR_CACHE = tempfile.mkdtemp(prefix="thutuc-test-cache-")
atexit.register(shutil.rmtree, _QR_CACHE, ignore_errors=True)
os.environ["THUTUC_CACHE_DIR"] = _QR_CACHE


def run_thutuc(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed `thutuc` command as a user would."""
    return subprocess.run([THUTUC, *args], cwd=cwd, capture_output=True, text=True, check=False)


def git(repo: Path, *args: str, when: str | None = None) -> str:
    """Run git in `repo` and return what it printed; `when` dates the commit it makes (else FIXED_MOMENT)."""
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when} if when else None
    return subprocess.run(
        ["git", "-C", str(repo), *args], env=env, capture_output=True, text=True, check=True
    ).stdout


def commit(repo: Path, message: str, when: str | None = None) -> None:
    """Commit everything in the work tree of `repo`."""
    git(repo, "add", "-A", when=when)
    git(repo, "commit", "-q", "-m", message, when=when)


def new_repo(root: Path, catalogue: Path | None = FIXTURE_CATALOGUE) -> Path:
    """A git repository at `root` holding a copy of `catalogue` in procedures/, nothing committed yet."""
    root.mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "bien-tap@example.org")
    git(root, "config", "user.name", "Biên tập viên")
    if catalogue is not None:
        shutil.copytree(catalogue, root / "procedures")
    return root


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The fixture catalogue, committed once in a repository of its own."""
    root = new_repo(tmp_path / "kho")
    commit(root, "Danh mục ban đầu")
    return root


def replace(path: Path, old: str, new: str) -> None:
    """Replace the first `old` in a text file; fail if it is not there (the edit would test nothing)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


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
def serve_directory(
    directory: Path, handler_class: type[http.server.SimpleHTTPRequestHandler] = _QuietHandler
) -> Iterator[str]:
    """Serve a built site on a free loopback port; yields its base URL."""
    handler = functools.partial(handler_class, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def free_port() -> int:
    """A loopback port nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextlib.contextmanager
def mkdocs_serve(project: Path) -> Iterator[str]:
    """A real `mkdocs serve` of `project` on a free loopback port; yields its base URL, stops it after."""
    port = free_port()
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "mkdocs"), "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=10)


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
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
