"""Split CPU-bound work over the machine's cores: forked processes.

Rendering pages and drawing QR codes is pure Python; threads would share one interpreter
lock. A forked worker sees the validated catalogue without copying or pickling it, does its
part, and sends back only a small result: how many items it finished, or what it read.

The work is a closure over the catalogue, which cannot be pickled. It need not be: with the
fork start method, `multiprocessing.popen_fork.Popen._launch` forks and the child runs
`Process._bootstrap` on the very object the parent built, so a process's target and its
arguments (run_split), or a pool's `initializer` and `initargs` (map_parts), reach the child
by inheritance, never through pickle. Only part numbers and results cross the pipes.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import threading
import traceback
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, Generic, TypeVar, cast, overload

from .diagnostics import ThutucError
from .packing import packed_bytes

T = TypeVar("T")
U = TypeVar("U")

Work = Callable[[int, int, Callable[[int], None]], T]
Task = Callable[[int, int], object]
MAX_WAYS = 4
# run_split cuts the work into this many parts per process: the parent reports progress as
# parts finish, and a fast process takes on more parts instead of waiting for a slow one.
PARTS_PER_WAY = 8
# …and into parts of at most this many items (`items`): a part's process copies the memory
# pages of what it reads and of what it allocates among them (about 40 KB a procedure at 20,000),
# and two of them run beside the parent. At 20,000 procedures, 50 parts instead of 16 took the
# build's peak from about 730 to 663 MB, in no measurable extra time (640 items: 32 parts, 680 MB).
PART_ITEMS = 400
BROKEN = (
    "Một tiến trình con dừng đột ngột (có thể do thiếu bộ nhớ hoặc bị hệ điều hành dừng) "
    "mà không gửi lại thông báo lỗi. Hãy chạy lại lệnh; nếu lỗi lặp lại, đặt THUTUC_JOBS=1 "
    "để chạy trong một tiến trình và xem lỗi đầy đủ."
)


class ParallelFailed(ThutucError):
    """A worker process stopped with an error; its message is kept."""


@dataclass(frozen=True)
class _Failure:
    """What a part sends back instead of its result when it raised."""

    message: str


# Set once in each forked worker by `_install`, before it runs any part; never in the parent.
_WORKER: list[Task] = []


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


def run_of(items: list[T], part: int, count: int) -> list[T]:
    """A part's share of items: a run of neighbours, not every count-th item.

    Objects made in one process lie in memory in the order they were made, and a process forked
    from it copies every memory page whose objects it reads (reading writes the reference count).
    So the load reads runs of neighbouring files (each part's models are unpickled together), and
    a build's part writes a run of neighbouring procedures: with every count-th file, one part's
    1,250 procedures lay on pages spread over the whole catalogue, and reading them copied about
    130 KB a procedure instead of their 17 KB."""
    return items[len(items) * part // count : len(items) * (part + 1) // count]


def _install(task: Task) -> None:
    _WORKER[:] = [task]


def _guarded(task: Task, part: int, count: int) -> object:
    """task(part, count), or the reason it failed: our own message, else the traceback's text."""
    try:
        return task(part, count)
    except ThutucError as exc:
        return _Failure(str(exc))
    except BaseException:  # anything a part raises must come back as text, never as a hang
        return _Failure(traceback.format_exc())


def _in_worker(part: int, count: int) -> object:
    return _guarded(_WORKER[0], part, count)


def _outcome(future: Future[object]) -> object:
    try:
        return future.result()
    except BrokenProcessPool:
        return _Failure(BROKEN)
    except Exception:  # the part's result could not come back (not picklable): the worker's traceback
        return _Failure(traceback.format_exc())


# Parts failing for one reason on different pages (a broken template): the first few say it.
SHOWN_FAILURES = 3


def _fail_if_any(outcomes: list[object]) -> None:
    # Parts failing for one reason (a full disk) say it once.
    failures = list(dict.fromkeys(o.message for o in outcomes if isinstance(o, _Failure)))
    if failures:
        more = len(failures) - SHOWN_FAILURES
        shown = failures[:SHOWN_FAILURES] + ([f"… và {more} phần việc khác cũng lỗi."] if more > 0 else [])
        raise ParallelFailed("\n".join(shown))


@contextmanager
def _submitted(
    task: Task, processes: int, parts: list[int], count: int
) -> Iterator[dict[Future[object], int]]:
    """task(part, count) for each part submitted to `processes` forked workers, by future.

    The workers are forked at the first submit, before the caller goes on: they never see
    what the caller allocates meanwhile. Leaving the block waits for them all to exit.
    """
    fork = multiprocessing.get_context("fork")
    # While the workers live, what this process holds is in the collector's permanent generation:
    # a collection in a worker then never writes to those objects' headers, which would copy
    # every page the worker shares with this process. A process that froze nothing itself (a
    # preview's, a test's) gets its objects back to collect afterwards.
    thawed = gc.get_freeze_count() == 0
    gc.freeze()
    pool = ProcessPoolExecutor(processes, mp_context=fork, initializer=_install, initargs=(task,))
    try:
        yield {pool.submit(_in_worker, part, count): part for part in parts}
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        if thawed:
            gc.unfreeze()


def run_split(
    work: Work[T], count: int, progress: Callable[[int], None] | None = None, *, items: int = 0
) -> list[T]:
    """Call work(part, parts, advance) for every part, over `count` forked processes; what each
    part returned, in part order (it comes back pickled: keep it small).

    With count > 1 there are PARTS_PER_WAY × count parts, more if `items` (how many the work
    shares out) needs parts of PART_ITEMS at most: work must do its share of items (a run of
    them: run_of) whatever `parts` is. Parts start in order.
    `advance(n)` counts finished items within a part; the parent calls `progress` with the
    total as each part finishes (here, in one process).

    Each part runs in a process forked for it alone, at most `count` at a time. Whatever a
    part reads of what this process holds gets copied into the part's process (reading an
    object writes its reference count, so its memory page is copied on write): a worker that
    lived through all its parts ended up with a copy of most of the catalogue, at 20,000
    procedures 550 to 1,000 MB each. A process per part gives back its copies when it ends;
    a part that reads the whole catalogue still copies it (the build's parts do not: gathered.py).
    """
    if count <= 1:
        done = 0

        def advance(n: int) -> None:
            nonlocal done
            done += n
            if progress is not None:
                progress(done)

        return [work(0, 1, advance)]

    def task(part: int, parts: int) -> _Done[T]:
        finished = 0

        def advance(n: int) -> None:
            nonlocal finished
            finished += n

        value = work(part, parts, advance)
        return _Done(part, finished, value)

    parts = max(count * PARTS_PER_WAY, -(-items // PART_ITEMS))
    outcomes: list[object] = []
    found: dict[int, T] = {}
    total = 0
    for outcome in _forked_parts(task, count, list(range(parts)), parts):
        outcomes.append(outcome)
        if isinstance(outcome, _Done):
            found[outcome.part] = outcome.value
            total += outcome.finished
            if progress is not None:
                progress(total)
    _fail_if_any(outcomes)
    return [found[part] for part in range(parts)]


@dataclass(frozen=True)
class _Done(Generic[T]):
    """What a part of run_split sends back: which part, how many items it finished, its result."""

    part: int
    finished: int
    value: T


def _part_process(task: Task, part: int, parts: int, send: Connection) -> None:
    """In a process forked for one part: its result, or why it failed, sent to the parent."""
    outcome = _guarded(task, part, parts)
    try:
        send.send(outcome)
    except Exception:  # the result cannot be pickled: the reason instead
        send.send(_Failure(traceback.format_exc()))
    send.close()


def _forked_parts(task: Task, processes: int, order: list[int], parts: int) -> Iterator[object]:
    """The outcome of task(part, parts) for each part of `order`, each in a process forked for
    it, at most `processes` at a time, as they finish. Only this thread forks, and it runs no
    other work meanwhile: a fork copies no lock another thread of ours might hold."""
    fork = multiprocessing.get_context("fork")
    waiting = list(order)
    running: dict[Connection, Any] = {}
    thawed = gc.get_freeze_count() == 0
    gc.freeze()  # as in _submitted: a collection in a part never writes to what it shares
    try:
        while waiting or running:
            while waiting and len(running) < processes:
                receive, send = fork.Pipe(duplex=False)
                process = fork.Process(target=_part_process, args=(task, waiting.pop(0), parts, send))
                process.start()
                send.close()  # only the part's process writes: its end tells us if it died
                running[receive] = process
            for ready in wait(list(running)):
                assert isinstance(ready, Connection)
                process = running.pop(ready)
                try:
                    outcome = ready.recv()
                except EOFError:  # ended without a word: killed, out of memory
                    outcome = _Failure(BROKEN)
                ready.close()
                process.join()
                yield outcome
    finally:
        for receive, process in running.items():
            process.terminate()
            process.join()
            receive.close()
        if thawed:
            gc.unfreeze()


@overload
def map_parts(work: Callable[[int, int], T], count: int, parts: int) -> list[T]: ...
@overload
def map_parts(work: Callable[[int, int], T], count: int, parts: int, each: Callable[[T], U]) -> list[U]: ...
def map_parts(
    work: Callable[[int, int], T], count: int, parts: int, each: Callable[[T], U] | None = None
) -> list[U] | list[T]:
    """[each(work(0, parts)), …, each(work(parts − 1, parts))], every part in one of `count` forked
    workers; `each` (default: the result itself) runs here, on each part's result as it comes back.

    Each result comes back pickled as soon as its part is done: a worker never holds more than
    one part's result (workers that held their whole share until the end, then a pickled copy of
    it, doubled the catalogue's memory). `each` lets this process keep less than whole results: a
    check that writes the store of earlier runs held every file's entry until the last part came
    back (a build of 20,000 procedures: 100 MB more). Equal sets in the state of the frozen models
    of one result come back as one (packing.py)."""
    taken = each or cast(Callable[[T], U], _itself)
    if count <= 1:
        return [taken(work(part, parts)) for part in range(parts)]
    outcomes: list[object] = [None] * parts

    def packed(part: int, count: int) -> bytes:
        return packed_bytes(work(part, count))

    with _submitted(packed, count, list(range(parts)), parts) as futures:
        for future in as_completed(futures):
            outcome = _outcome(future)
            # Unpickled as it comes: this process never holds a part both as bytes and as objects.
            if isinstance(outcome, bytes):
                outcome = taken(pickle.loads(outcome))
            # Popped: a future keeps its result, and the dict would keep every part's bytes to the end
            # (20,000 procedures checked: 165 MB more at the end of the load).
            outcomes[futures.pop(future)] = outcome
    _fail_if_any(outcomes)
    return [cast(U, outcome) for outcome in outcomes]


def _itself(value: T) -> T:
    return value
