"""How this process takes memory from the C library: blocks from 512 KB up get a mapping of their own.

glibc's malloc gives blocks above a threshold a mapping of their own, returned to the system when
freed, but raises the threshold to the size of each such block freed (up to 32 MB). Reading a
catalogue frees a few hundred results of the workers of about 1 MB each; after the first, blocks
of that size came from the heap and left it fragmented. At 20,000 procedures the loaded catalogue
then took 499 to 553 MB from run to run, and a build's peak (PSS) 680 to 750 MB. With the
threshold fixed (`mallopt`, which also stops the raising) the catalogue took 488 MB every run and
the build 676 to 679 MB, in the same time (benchmarks/bench_scale.py).
"""

from __future__ import annotations

import ctypes
import os
import sys

M_MMAP_THRESHOLD = -3  # glibc's malloc.h
THRESHOLD = 512 * 1024
# The variable glibc reads at start: someone who set it chose for this process.
ENVIRONMENT = "MALLOC_MMAP_THRESHOLD_"


def steady() -> bool:
    """Fix the threshold (Linux with glibc; elsewhere nothing changes); whether it was set."""
    if not sys.platform.startswith("linux") or ENVIRONMENT in os.environ:
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt  # the C library this interpreter runs on
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    return bool(mallopt(M_MMAP_THRESHOLD, THRESHOLD))
