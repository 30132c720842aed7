"""Work split over forked processes: every item done once, progress seen, every failure told, the
catalogue read in several processes the same as read in one."""

from __future__ import annotations

import datetime as dt
import gc
import os
import pickle
import subprocess
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path

import pytest
from conftest import ROOT, TODAY

from site_builder import parallel
from site_builder.diagnostics import ThutucError
from site_builder.load import load_catalogue
from site_builder.parallel import BROKEN, ParallelFailed, map_parts, run_split, ways
from site_builder.per_file import PARALLEL_FROM

ITEMS = 40


def test_work_that_cannot_be_pickled_runs_in_several_processes_covering_every_item_once(
    tmp_path: Path,
) -> None:
    def work(part: int, count: int, advance: Callable[[int], None]) -> None:
        for item in range(ITEMS)[part::count]:
            (tmp_path / f"{item}").write_text(str(os.getpid()), encoding="utf-8")
            advance(1)

    with pytest.raises((pickle.PicklingError, AttributeError)):
        pickle.dumps(work)  # a closure: it reaches the workers by fork, not by pickle
    run_split(work, 3)
    assert sorted(int(p.name) for p in tmp_path.iterdir()) == list(range(ITEMS))
    writers = {p.read_text(encoding="utf-8") for p in tmp_path.iterdir()}
    assert str(os.getpid()) not in writers and len(writers) > 1


def test_progress_moves_as_parts_finish_and_ends_at_the_number_of_items() -> None:
    seen: list[int] = []

    def work(part: int, count: int, advance: Callable[[int], None]) -> None:
        advance(len(range(ITEMS)[part::count]))

    run_split(work, 2, progress=seen.append)
    assert seen == sorted(seen) and len(seen) > 2
    assert seen[-1] == ITEMS


@pytest.mark.parametrize("jobs", [1, 2])
def test_what_each_part_returns_comes_back_in_part_order(jobs: int) -> None:
    def work(part: int, count: int, advance: Callable[[int], None]) -> tuple[int, list[int]]:
        return os.getpid(), list(range(ITEMS)[part::count])

    found = run_split(work, jobs)
    assert sorted(item for _, items in found for item in items) == list(range(ITEMS))
    assert [items[0] for _, items in found] == list(range(len(found)))
    assert (len({pid for pid, _ in found} - {os.getpid()}) > 1) == (jobs > 1)


def test_a_worker_failing_with_our_error_fails_the_run_with_its_message_after_the_others_ran(
    tmp_path: Path,
) -> None:
    def work(part: int, count: int, advance: Callable[[int], None]) -> None:
        (tmp_path / f"part-{part}").write_text("ok", encoding="utf-8")
        if part == 1:
            raise ThutucError("Không ghi được trang thu-tuc/x/index.html")

    with pytest.raises(ParallelFailed) as failed:
        run_split(work, 2)
    assert str(failed.value) == "Không ghi được trang thu-tuc/x/index.html"
    assert len(list(tmp_path.iterdir())) > 2


def test_any_other_failure_comes_back_with_its_traceback() -> None:
    def work(part: int, count: int) -> int:
        return 1 // (part - 1)

    with pytest.raises(ParallelFailed, match=r"(?s)Traceback.*ZeroDivisionError"):
        map_parts(work, 2, 3)


def test_a_result_that_cannot_come_back_is_a_failure_with_the_reason() -> None:
    def work(part: int, count: int) -> object:
        return lambda: part  # cannot be pickled back to the parent

    with pytest.raises(ParallelFailed, match="pickle"):
        map_parts(work, 2, 2)


def test_a_worker_that_dies_fails_the_run_with_a_message_instead_of_hanging() -> None:
    def work(part: int, count: int, advance: Callable[[int], None]) -> None:
        if part == 3:
            os._exit(9)  # as the kernel's out-of-memory killer would end it: no word sent back

    with pytest.raises(ParallelFailed) as failed:
        run_split(work, 2)
    assert str(failed.value) == BROKEN


def test_no_thread_is_left_behind_so_the_next_step_may_fork_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """Loading then building both split: a pool thread left running would make the build use one process."""
    # Other tests of the session may run threads of their own (the browser's driver): compare with those.
    before = set(threading.enumerate())
    assert map_parts(lambda part, count: part, 3, 3) == [0, 1, 2]
    assert set(threading.enumerate()) == before
    if before == {threading.main_thread()}:
        monkeypatch.setenv("THUTUC_JOBS", "3")
        assert ways() == 3


def test_map_parts_runs_every_part_in_a_worker_and_returns_results_in_part_order() -> None:
    def work(part: int, count: int) -> tuple[int, int, int]:
        return part, count, os.getpid()

    results = map_parts(work, 2, 7)
    assert [(part, count) for part, count, _ in results] == [(p, 7) for p in range(7)]
    workers = {pid for _, _, pid in results}
    assert os.getpid() not in workers and 1 <= len(workers) <= 2


def test_workers_see_what_the_parent_held_frozen_and_the_parent_gets_it_back_afterwards() -> None:
    # A collection in a worker must not write to the objects it shares with the parent; a
    # process that froze nothing itself (this test's) must be able to collect them afterwards.
    gc.unfreeze()
    held: list[list[int]] = [[] for _ in range(1000)]
    frozen_in_workers = map_parts(lambda part, count: gc.get_freeze_count(), 2, 2)
    assert min(frozen_in_workers) >= len(held)
    assert gc.get_freeze_count() == 0


def test_each_part_of_a_split_runs_in_a_process_of_its_own_so_what_it_copied_goes_with_it(
    tmp_path: Path,
) -> None:
    def work(part: int, count: int, advance: Callable[[int], None]) -> None:
        (tmp_path / f"part-{part}").write_text(str(os.getpid()), encoding="utf-8")

    run_split(work, 2)
    processes = [p.read_text(encoding="utf-8") for p in tmp_path.iterdir()]
    assert len(processes) > 2 and len(set(processes)) == len(processes)
    assert str(os.getpid()) not in processes


def test_a_catalogue_read_in_several_processes_is_the_one_read_in_one_its_models_sharing_equal_sets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    procedures = tmp_path / "procedures"
    generator = ROOT / "benchmarks" / "synthetic.py"
    subprocess.run(
        [sys.executable, str(generator), str(procedures), "--count", str(PARALLEL_FROM)], check=True
    )
    loads = {}
    # Read: in one process, in two, then in two from what the store kept of the run before.
    # Not THUTUC_JOBS: with the session's browser and test server threads alive, `ways` says 1.
    store = tmp_path / "cache"
    for name, jobs, cache in (("one", 1, ""), ("split", 2, str(store)), ("kept", 2, str(store))):
        monkeypatch.setattr(parallel, "ways", lambda jobs=jobs: jobs)
        monkeypatch.setenv("THUTUC_CACHE_DIR", cache)
        loads[name] = load_catalogue(procedures, today=dt.date.fromisoformat(TODAY))
    assert list(store.glob("checks-*/*.txt")), "the second read kept its results"
    one = loads["one"].catalogue.procedures
    own = {id(p.model_fields_set) for p in one.values()}
    assert len(own) == len(one) == PARALLEL_FROM
    for name in ("split", "kept"):
        split = loads[name].catalogue.procedures
        assert list(one) == list(split)
        for procedure_id, procedure in one.items():
            twin = split[procedure_id]
            assert twin == procedure and twin.model_dump_json() == procedure.model_dump_json()
            assert twin.model_fields_set == procedure.model_fields_set
        assert loads["one"].diagnostics == loads[name].diagnostics
        # In one process every model has a set of its own; sent back from the workers, equal ones are one.
        shared = {id(p.model_fields_set) for p in split.values()}
        assert len(shared) < len(split) // 10, name


def test_a_large_split_is_cut_into_parts_of_at_most_part_items(monkeypatch: pytest.MonkeyPatch) -> None:
    """What a part's process copies grows with its share: many items make more, smaller parts."""
    monkeypatch.setattr(parallel, "PART_ITEMS", 3)
    items = list(range(100))

    def work(part: int, count: int, advance: Callable[[int], None]) -> list[int]:
        return parallel.run_of(items, part, count)

    found = run_split(work, 2, items=len(items))
    assert len(found) == 34
    assert max(map(len, found)) == 3
    assert [item for share in found for item in share] == items
    assert len(run_split(work, 2)) == 2 * parallel.PARTS_PER_WAY  # without `items`: as before


def test_each_part_is_taken_here_as_it_comes_back_and_results_keep_part_order() -> None:
    """`each` lets the parent keep less than whole results (per_file: a store entry once written)."""
    taken_in: list[int] = []

    def each(result: int) -> int:
        taken_in.append(os.getpid())
        return result * 10

    assert map_parts(lambda part, count: part, 2, 5, each) == [0, 10, 20, 30, 40]
    assert taken_in == [os.getpid()] * 5


def test_a_part_taken_here_is_let_go_before_the_last_part_is_taken() -> None:
    """A part's pickled result, once taken, is not held until the end: holding every part's bytes
    made a 20,000-procedure load peak 165 MB higher. Done futures alive (they keep the bytes)
    are counted as each part is taken: by the last part, only its own is left."""
    before = {id(o) for o in gc.get_objects() if isinstance(o, Future)}
    alive: list[int] = []

    def each(result: bytes) -> int:
        done = [o for o in gc.get_objects() if isinstance(o, Future) and o.done() and id(o) not in before]
        alive.append(len(done))
        return len(result)

    assert map_parts(lambda part, count: bytes(1000 + part), 2, 12, each) == [1000 + p for p in range(12)]
    assert len(alive) == 12
    assert alive[-1] == 1
