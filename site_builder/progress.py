"""A progress bar for long builds, on the terminal only (CI logs stay clean)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn


@contextmanager
def build_progress() -> Iterator[Callable[[int, int], None] | None]:
    """Yields a callback (done, total) that draws a bar, or None when stderr is not a terminal."""
    if not sys.stderr.isatty():
        yield None
        return
    bar = Progress(
        TextColumn("Đang dựng trang"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
        # Redrawn from the callback, not by a thread: the build forks, which threads make unsafe.
        auto_refresh=False,
    )
    task = bar.add_task("build", total=None)

    def update(done: int, total: int) -> None:
        bar.update(task, completed=done, total=total, refresh=True)

    with bar:
        yield update
