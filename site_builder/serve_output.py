"""What `thutuc serve` prints: its own Vietnamese lines in place of MkDocs' English log.

Part of the command line (cli.py sets it up): MkDocs reports through the `mkdocs` logger, so one
handler there decides what the editor sees. The address and each build's result get a line of
their own; MkDocs' progress chatter is dropped; its warnings and errors are kept, in a Vietnamese
frame, made safe for the terminal.
"""

from __future__ import annotations

import datetime as dt
import errno
import logging
import re
from collections.abc import Callable

import click

from . import clock
from .diagnostics import Diagnostic, count
from .escaping import terminal, terminal_lines
from .load import LoadResult
from .mkdocs_plugin import BUILT, PARTIAL

_CLOCK = re.compile(r"^\[\d\d:\d\d:\d\d\] ")  # MkDocs' preview server puts the time first
_SERVING = re.compile(r"^Serving on (\S+)")
_REQUEST = re.compile(r'^"[A-Z]+ (\S+) HTTP/[0-9.]+" code (\d+)$')
_STUCK = "An error happened during the rebuild"
_SHUTDOWN = "Shutting down"

Line = tuple[str, bool]  # text, and whether it goes to stderr


class ServeOutput(logging.Handler):
    """Prints the lines `thutuc serve` shows for MkDocs' log records."""

    def __init__(self, finding: Callable[[Diagnostic], str]) -> None:
        super().__init__(logging.INFO)
        self.finding = finding
        self.builds = 0

    def emit(self, record: logging.LogRecord) -> None:
        try:
            for text, err in self.lines(record):
                click.echo(text, err=err)
        except Exception:  # logging's own rule: a handler never raises into the code that logs
            self.handleError(record)

    def lines(self, record: logging.LogRecord) -> list[Line]:
        loaded = getattr(record, BUILT, None)
        if isinstance(loaded, LoadResult):
            return self._built(loaded, record.created, getattr(record, PARTIAL, False))
        message = _CLOCK.sub("", record.getMessage())
        if serving := _SERVING.match(message):
            return [(f"Xem thử tại {terminal(serving[1])} — Ctrl+C để dừng", False)]
        if message.startswith(_SHUTDOWN):
            return [("Đã dừng xem thử.", False)]
        if record.levelno < logging.WARNING:
            return []  # "Building documentation...", "Detected file changes", "Reloading browsers"…
        return [(_problem(message, record.levelno), True)] if not _redirect(message) else []

    def _built(self, loaded: LoadResult, created: float, partial: bool) -> list[Line]:
        verb = "Đã dựng lại" if self.builds else "Đã dựng"
        self.builds += 1
        # When the log record was made, shown in Vietnam's time like every time the tool prints.
        at = dt.datetime.fromtimestamp(created, clock.VIETNAM).strftime("%H:%M:%S")
        errors, warnings = count(loaded.diagnostics)
        if not errors:
            only = " (chỉ các trang có thủ tục vừa sửa)" if partial else ""
            return [(f"{verb} lúc {at}: 0 lỗi, {warnings} cảnh báo{only}", False)]
        head = f"{verb} lúc {at}: có {errors} lỗi: xem trang xem thử hoặc danh sách dưới đây"
        return [(head, False), *((self.finding(d), False) for d in loaded.errors)]


def _redirect(message: str) -> bool:
    """MkDocs logs every answer but 200; a redirect (a folder address without its slash) is normal."""
    request = _REQUEST.match(message)
    return request is not None and request[2].startswith("3")


def _problem(message: str, level: int) -> str:
    if request := _REQUEST.match(message):
        path, code = terminal(request[1]), request[2]
        return f"Không có tệp {path} (mã 404)" if code == "404" else f"Mở {path} bị lỗi (mã {code})"
    if message.startswith(_STUCK):
        return (
            "Lần dựng lại không xong vì lỗi nêu trên: sửa rồi lưu tệp, trang xem thử chờ tới lần dựng được."
        )
    kind = "Lỗi khi dựng trang" if level >= logging.ERROR else "Cảnh báo của MkDocs"
    return f"{kind}: {terminal_lines(message)}"


def show_serve_output(finding: Callable[[Diagnostic], str]) -> None:
    """Route the `mkdocs` logger (MkDocs and the thutuc plugin) to `ServeOutput` only."""
    logger = logging.getLogger("mkdocs")
    logger.setLevel(logging.INFO)
    logger.propagate = False  # no second, English copy from logging's last-resort handler
    logger.addHandler(ServeOutput(finding))


_SOCKET_ERRORS = {
    errno.EADDRINUSE: "cổng đang được dùng",
    errno.EADDRNOTAVAIL: "địa chỉ này không thuộc máy này",
    errno.EACCES: "không có quyền dùng cổng này",
}


def address_problem(dev_addr: str) -> str | None:
    """Why `--dev-addr` is not ADDRESS:PORT (MkDocs would say it in English, as a build error)."""
    host, _, port = dev_addr.rpartition(":")
    if host and port.isdigit() and 0 < int(port) < 65536:
        return None
    return f"cần dạng ĐỊA_CHỈ:CỔNG, ví dụ 127.0.0.1:8000, không phải «{dev_addr}»."


def cannot_listen(dev_addr: str, exc: OSError) -> str:
    """The preview could not listen on `dev_addr`: why, and what to do."""
    why = _SOCKET_ERRORS.get(exc.errno or 0, "lỗi của hệ điều hành")
    return (
        f"không mở được {dev_addr} ({why}). Nếu một bản xem thử khác đang chạy, dừng nó (Ctrl+C) hoặc chọn "
        "cổng khác, ví dụ --dev-addr 127.0.0.1:8001."
    )
