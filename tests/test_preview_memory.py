"""The preview server lives for hours: a rebuild must not keep alive what the process no longer needs.

Memory over 50 rebuilds at 2,000 procedures is measured by benchmarks/bench_serve_memory.py; this
guards the cause found there (the load froze the cyclic collector on every rebuild).
"""

from __future__ import annotations

import gc
import weakref

from conftest import FIXTURE_CATALOGUE

from site_builder.load import ReadCache, load_catalogue


class _Node:
    """Something with a reference cycle, as MkDocs' pages and sections have (a page knows its parent)."""

    def __init__(self) -> None:
        self.me = self


def test_cycles_alive_during_a_preview_load_are_still_collected_once_dropped() -> None:
    cache = ReadCache()
    node = _Node()
    gone = weakref.ref(node)
    load_catalogue(FIXTURE_CATALOGUE, cache=cache)
    load_catalogue(FIXTURE_CATALOGUE, cache=cache)  # a rebuild
    del node
    gc.collect()
    assert gone() is None
