"""`thutuc serve`: the engine's preview server, with a builder that rebuilds only what a save changed.

What `mkdocs serve` does (mkdocs/commands/serve.py), on the engine's public LiveReloadServer, with
two differences that make a saved procedure show in about the time its page takes to write:

- the builder first asks the plugin for a partial rebuild (partial.py decides; the full build
  runs otherwise). The server holds every request until the builder returns, and reloads the
  browsers then: the files made from the whole catalogue (search index, open data, …) are
  written after, in a thread the next rebuild waits for;
- changes are seen by the system's file notifications (inotify on Linux) instead of a poll of every
  file twice a second, which at 20,000 procedures cost a share of a core, and half a second.
"""

from __future__ import annotations

import gc
import logging
import os
import shutil
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import watchdog.events
import watchdog.observers
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer

from ..mkdocs_plugin import ThutucPlugin
from ..partial import Later

log = logging.getLogger("mkdocs.commands.serve")  # serve_output.py prints its lines
# What a save makes: reading a file (every build reads them all) is no change.
WRITES: list[type[watchdog.events.FileSystemEvent]] = [
    watchdog.events.FileCreatedEvent,
    watchdog.events.FileModifiedEvent,
    watchdog.events.FileAttribEvent,  # `touch`: MkDocs rebuilds for it (its poll sees the time)
    watchdog.events.FileClosedEvent,
    watchdog.events.FileDeletedEvent,
    watchdog.events.FileMovedEvent,
    watchdog.events.DirCreatedEvent,
    watchdog.events.DirDeletedEvent,
    watchdog.events.DirMovedEvent,
]


class Changes:
    """The paths changed since the last rebuild took them (the observer's thread adds)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.paths: set[str] = set()
        self.unknown = False  # a change whose path says nothing (a folder): the full build

    def add(self, event: watchdog.events.FileSystemEvent) -> None:
        with self.lock:
            if event.is_directory:
                self.unknown = True
            for path in (event.src_path, event.dest_path):
                if path:
                    self.paths.add(os.fsdecode(path))

    def take(self) -> set[str] | None:
        """The changed paths, None if one cannot be told by its path; forgotten here."""
        with self.lock:
            paths, unknown = self.paths, self.unknown
            self.paths, self.unknown = set(), False
        return None if unknown else paths


class _Recorded(watchdog.events.FileSystemEventHandler):
    """The server's handler, after the path is noted (so a rebuild never starts without it)."""

    def __init__(self, changes: Changes, then: watchdog.events.FileSystemEventHandler) -> None:
        self.changes, self.then = changes, then

    def dispatch(self, event: watchdog.events.FileSystemEvent) -> None:
        self.changes.add(event)
        self.then.dispatch(event)


class _Observer(watchdog.observers.Observer):  # type: ignore[misc,valid-type]
    """The system's notifications, for writes only, each path noted in `changes`."""

    def __init__(self, changes: Changes) -> None:
        super().__init__()
        self.changes = changes

    def schedule(
        self, event_handler: watchdog.events.FileSystemEventHandler, path: str | Path, **options: Any
    ) -> Any:
        options["event_filter"] = WRITES
        return super().schedule(_Recorded(self.changes, event_handler), path, **options)


class Preview:
    """The builder the server calls after changes: partial when it can be, else the full build."""

    def __init__(self, config_file: str | None, dev_addr: str) -> None:
        self.config_file, self.dev_addr = config_file, dev_addr
        self.site_dir = tempfile.mkdtemp(prefix="thutuc_")
        self.changes = Changes()
        self.later: Later | None = None  # the files written after the last partial rebuild's page
        self.config = self.load()
        self.config.plugins.on_startup(command="serve", dirty=False)
        host, port = self.config.dev_addr
        mount = urlsplit(self.config.site_url or "/").path
        self.mount = ("/" + mount.lstrip("/")).rstrip("/") + "/"
        self.url = f"http://{host}:{port}{self.mount}"
        self.config.site_url = self.url

    def load(self) -> MkDocsConfig:
        return load_config(config_file=self.config_file, site_dir=self.site_dir, dev_addr=self.dev_addr)

    def plugin(self) -> ThutucPlugin | None:
        found = [p for p in self.config.plugins.values() if isinstance(p, ThutucPlugin)]
        return found[0] if len(found) == 1 else None

    def __call__(self) -> None:
        self.wait()
        later = self.partial()
        if later is not None:
            self.later = later
            later.start()
            return
        log.info("Building documentation...")
        self.config = self.load()
        self.full()

    def partial(self) -> Later | None:
        """The partial rebuild, if it can be; None: the full build must run."""
        changed, plugin = self.changes.take(), self.plugin()
        if plugin is None or not changed:
            return None
        try:
            return plugin.rebuild_changed(changed, Path(self.site_dir))
        except Exception:  # the full build meets the same problem and says it the engine's way
            log.debug("Partial rebuild failed", exc_info=True)
            return None

    def full(self) -> None:
        """The engine's whole build. What it leaves alive (the engine's pages and navigation, the
        catalogue, the caches: millions of objects) is then set apart from the cyclic collector,
        whose every full pass over it cost 0.4 s of a partial rebuild at 2,000 procedures; the
        next full build hands it back, so what that build drops is still collected (until then,
        at most one build's worth of cycles waits: no collection here, which costs as much)."""
        gc.unfreeze()
        self.config.site_url = self.url
        try:
            build(self.config, serve_url=self.url)
        finally:
            gc.freeze()

    def wait(self) -> None:
        """Stop writing the files left for after the last page: the next build writes newer ones."""
        if self.later is not None:
            self.later.stop()
            self.later = None

    def error_page(self, code: int) -> bytes | None:
        page = Path(self.site_dir) / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None


def serve(config_file: str | None, dev_addr: str) -> None:
    """Build, serve and rebuild on every change until Ctrl+C (OSError: the address cannot be used)."""
    preview = Preview(config_file, dev_addr)
    config = preview.config
    host, port = config.dev_addr
    server = LiveReloadServer(preview, host, port, preview.site_dir, preview.mount)
    server.observer = _Observer(preview.changes)
    server.error_handler = preview.error_page
    try:
        preview.full()
        server.watch(config.docs_dir)
        if config.config_file_path:
            server.watch(config.config_file_path)
        server = config.plugins.on_serve(server, config=config, builder=preview)
        for item in config.watch:
            server.watch(item)
        _run(server, preview.wait)
    finally:
        config.plugins.on_shutdown()
        shutil.rmtree(preview.site_dir, ignore_errors=True)


def _run(server: LiveReloadServer, wait: Callable[[], None]) -> None:
    try:
        server.serve()  # type: ignore[no-untyped-call]
    except KeyboardInterrupt:
        log.info("Shutting down...")
    finally:
        server.shutdown()
        wait()
