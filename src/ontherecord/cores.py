"""Work done the same way for each of many items, shared out over the machine's cores.

The processes are forked from this one, so the work and all it refers to (sources read, the archive) are
theirs without being copied: only the items go to them and only the results come back.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

LEAST = 48
"""Fewer items than this a process are done here: starting one costs about what 10 events' work does."""

_WORK: Callable | None = None
"""The work of the forked processes: set while they are forked."""


def each(work: Callable[[T], R], items: Sequence[T]) -> list[R]:
    """[work(item) for item in items], in their order; on as many cores as there are (at most 8), given
    enough items. An exception is raised as it would be here: the first in the items' order."""
    workers = min(os.cpu_count() or 1, 8, len(items) // LEAST)
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [work(item) for item in items]
    global _WORK
    _WORK = work
    try:  # a pool with the fork method starts all its processes at the first task: _WORK is theirs then
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            return list(pool.map(_call, items, chunksize=max(len(items) // (workers * 4), 1)))
    finally:
        _WORK = None


def _call(item):
    return _WORK(item)
