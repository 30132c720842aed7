"""A localhost static server that behaves like a real static host where it matters to timing:
HTTP/1.1 with connections kept alive, and text files sent gzip-compressed (once, then from
memory). The tests' server (conftest.serve_directory) is HTTP/1.0 and uncompressed: every
request there opens a connection, which made a search that fetches many small files look
slower than any real host would serve it. Still not a CDN: no HTTP/2, so Chromium opens at
most six connections and queues the rest.
"""

from __future__ import annotations

import contextlib
import gzip
import http.server
import mimetypes
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from conftest import serve_directory

_COMPRESSED = {".html", ".js", ".json", ".css", ".svg", ".xml", ".txt"}


class _Handler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go in separate writes: with Nagle's algorithm, each response after the first
    # on a kept connection waited for the delayed ACK (40 ms and more), which no real host does.
    disable_nagle_algorithm = True
    packed: dict[str, bytes]  # set per server, by `serve`

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        wants = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants and path.suffix in _COMPRESSED and path.is_file()):
            super().do_GET()
            return
        key = str(path)
        if key not in self.packed:
            self.packed[key] = gzip.compress(path.read_bytes(), compresslevel=6)
        body = self.packed[key]
        self.send_response(200)
        self.send_header("Content-Type", mimetypes.guess_type(path.name)[0] or "application/octet-stream")
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def serve(directory: Path) -> contextlib.AbstractContextManager[str]:
    """Serve `directory` on a free loopback port (the tests' server, this handler); yields its base URL."""
    return serve_directory(directory, type("Handler", (_Handler,), {"packed": {}}))
