"""Split CPU-bound writing over the machine's cores with fork: shared, read-only inputs.

Rendering pages and drawing QR codes is pure Python; threads would share one interpreter
lock. A forked child sees the validated catalogue without copying or pickling it, writes its
share of the files, and reports back only whether it failed and how far it got.
"""

from __future__ import annotations

import ctypes
import multiprocessing.sharedctypes
import os
import pickle
import threading
import traceback
from collections.abc import Callable
from typing import TypeVar

from .diagnostics import ThutucError

Work = Callable[[int, int, Callable[[int], None]], None]
T = TypeVar("T")
MAX_WAYS = 4


class ParallelFailed(ThutucError):
    """A worker process stopped with an error; its message is kept."""


def ways() -> int:
    """How many processes to use: THUTUC_JOBS if set, else the cores this process may use.

    Always 1 where fork is missing, or while other threads run (the preview server's, a
    progress bar's): a forked child gets copies of their locks, possibly held, and could hang.
    """
    if not hasattr(os, "fork") or threading.active_count() > 1:
        return 1
    wanted = os.environ.get("THUTUC_JOBS")
    if wanted and wanted.isdigit():
        return max(1, int(wanted))
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(MAX_WAYS, cores))


def run_split(work: Work, count: int, progress: Callable[[int], None] | None = None) -> None:
    """Call work(part, count, advance) for each part: part 0 here, the others in forked children.

    `advance(n)` counts finished items in shared memory; `progress` (here only) sees the total.
    """
    done = multiprocessing.sharedctypes.RawValue(ctypes.c_long, 0)

    def advance(n: int) -> None:
        done.value += n
        if progress is not None and os.getpid() == parent:
            progress(done.value)

    parent = os.getpid()
    if count <= 1:
        work(0, 1, advance)
        return
    children: list[tuple[int, int]] = []
    for part in range(1, count):
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: do its share, say what went wrong, never return
            os.close(read)
            status = 0
            try:
                work(part, count, advance)
            except BaseException as exc:
                message = str(exc) if isinstance(exc, ThutucError) else traceback.format_exc()
                os.write(write, message.encode("utf-8", errors="replace"))
                status = 1
            finally:
                os._exit(status)
        os.close(write)
        children.append((pid, read))
    failures: list[str] = []
    try:
        work(0, count, advance)
    finally:
        for pid, read in children:
            with os.fdopen(read, "rb") as pipe:
                message = pipe.read().decode("utf-8", errors="replace")
            _, status = os.waitpid(pid, 0)
            if os.waitstatus_to_exitcode(status) != 0:
                failures.append(message or f"tiến trình con dừng với mã {os.waitstatus_to_exitcode(status)}")
    if failures:
        raise ParallelFailed("\n".join(failures))


def map_split(work: Callable[[int, int], T], count: int) -> list[T]:
    """[work(0, count), work(1, count), …]: part 0 here, the others in forked children whose
    results come back pickled (they must be picklable: values, dataclasses, pydantic models)."""
    if count <= 1:
        return [work(0, 1)]
    children: list[tuple[int, int]] = []
    for part in range(1, count):
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: its result, or its error, then never return
            os.close(read)
            status = 0
            try:
                payload = pickle.dumps((True, work(part, count)), protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException as exc:
                message = str(exc) if isinstance(exc, ThutucError) else traceback.format_exc()
                payload, status = pickle.dumps((False, message)), 1
            try:
                with os.fdopen(write, "wb") as pipe:
                    pipe.write(payload)
            finally:
                os._exit(status)
        os.close(write)
        children.append((pid, read))
    results: list[T] = []
    failures: list[str] = []
    try:
        results.append(work(0, count))
    finally:
        for pid, read in children:
            with os.fdopen(read, "rb") as pipe:
                data = pipe.read()
            os.waitpid(pid, 0)
            try:
                ok, value = pickle.loads(data)
            except Exception:
                ok, value = False, "Một tiến trình con dừng mà không trả đủ kết quả."
            if ok:
                results.append(value)
            else:
                failures.append(str(value))
    if failures:
        raise ParallelFailed("\n".join(failures))
    return results
