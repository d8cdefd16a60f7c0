"""Work done the same way for each of many items, shared out over the machine's cores.

The processes are forked from this one, so the work and all it refers to (sources read, the archive) are
theirs without being copied: only the items go to them and only the results come back.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")

LEAST = 48
"""Fewer items than this a process are done here: starting one costs about what 10 events' work does."""

_WORK: Callable | None = None
"""The work of the forked processes: set while they are forked."""


class Started(Generic[R]):
    """[work(item) for item in items], started now on as many cores as there are (at most 8) given at least
    `least` items a process, and done here at once otherwise; `results()` waits for them."""

    def __init__(self, work: Callable[[T], R], items: Sequence[T], least: int | None = None) -> None:
        global _WORK
        workers = min(os.cpu_count() or 1, 8, len(items) // (least or LEAST))
        self._pool = None
        if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
            self._results = [work(item) for item in items]
            return
        _WORK = work
        try:  # a pool with the fork method starts all its processes at the first task: _WORK is theirs then
            self._pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
            self._results = self._pool.map(_call, items, chunksize=max(len(items) // (workers * 4), 1))
        finally:
            _WORK = None

    def results(self) -> list[R]:
        """The results in the items' order. An exception is raised as it would be here: the first in that order."""
        if self._pool is not None:
            try:
                self._results = list(self._results)
            finally:
                self._pool.shutdown()
                self._pool = None
        return self._results

    def cancel(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None


def each(work: Callable[[T], R], items: Sequence[T]) -> list[R]:
    """[work(item) for item in items], on all cores given enough items (see `Started`)."""
    return Started(work, items).results()


def _call(item):
    return _WORK(item)
