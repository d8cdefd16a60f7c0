"""Python's cycle collector, kept out of the way of a build.

A build makes millions of objects that live as long as it does, and leaves almost no garbage (about 200
objects at 1,000 events). The collector goes over all of them again and again as they grow in number:
1,000 cached events loaded in 2.2 s with it, 0.26 s without.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """The collector paused while the block runs (as it was after)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def kept_out() -> Iterator[None]:
    """The collector paused while the block runs, and what it made frozen out of its sight after: not gone
    over while the generator renders, and kept shared with forked page writers. A cached `mkdocs build`
    at 1,000 events took 15-16 s rather than 19-22. What an earlier block made is thawed, and what of it
    is garbage now collected first, or it would stay frozen for good (`mkdocs serve` builds again and
    again)."""
    if gc.get_freeze_count():
        gc.unfreeze()
        gc.collect()
    with paused():
        yield
    gc.freeze()
