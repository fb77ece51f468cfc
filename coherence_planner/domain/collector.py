"""Pause Python's cycle collector while building or walking a large district.

Reading, checking and copying a plan allocate hundreds of thousands of small objects (items,
links, their dicts and lists) and create no reference cycles. Each allocation burst sets off
collections that walk every object alive, so on a 10,000-program plan the collector took a
quarter to a third of the time (validation 0.56 -> 0.42 s CPU, the analysis 0.76 -> 0.51 s).
Nothing is leaked: reference counting still frees everything, and the collector runs again
once the block ends.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run the block with the cycle collector off; restore its state after (nesting is fine)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
