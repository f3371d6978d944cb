"""Bulk construction: pausing the cyclic garbage collector while many small objects are made.

Building a plan of 10⁶ tasks allocates millions of dicts, tuples and records, none of them in
reference cycles; the collector's full passes over that growing heap are wasted work (they cost a
third of the load time at 10⁵ tasks). The public entry points that build in bulk (``load_plan``,
``Plan(...)``, ``find_shortfalls``, ``weekly_report``, the renderers) pause it for their duration.

The pause is re-entrant and safe across threads: the collector is switched off when the first
paused call starts and back on (if it was on) when the last one ends. The collector is process-wide,
so while any such call runs, no thread's garbage cycles are collected; reference counting still
frees everything that is not in a cycle.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["paused_gc"]

_lock = threading.Lock()
_depth = 0
_was_enabled = False


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector inside the block; nested and concurrent blocks share one pause.

    >>> import gc
    >>> with paused_gc():
    ...     with paused_gc():
    ...         gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    global _depth, _was_enabled  # noqa: PLW0603 - one process-wide pause, as the collector itself is
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()
