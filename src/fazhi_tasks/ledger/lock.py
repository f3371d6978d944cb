"""One ledger shared by many threads: every call into its database is serialised by one lock.

A web host keeps one :class:`~fazhi_tasks.Ledger` for all its request threads; SQLite and psycopg
connections may be used from any thread but not by two at once (a second ``BEGIN`` inside the first
one's transaction fails). The ledger's front wraps its back end in :class:`Serialised`, so each call —
a read, or a whole write transaction — runs alone. Calls are short; readers on other ledgers, other
processes and other connections are not held back.

>>> import threading
>>> class Counter:
...     n = 0
...     def bump(self) -> None:
...         n = self.n
...         self.n = n + 1
>>> c = Serialised(Counter())
>>> threads = [threading.Thread(target=lambda: [c.bump() for _ in range(1000)]) for _ in range(4)]
>>> for t in threads: t.start()
>>> for t in threads: t.join()
>>> c.n
4000
"""

from __future__ import annotations

import functools
import threading
from typing import Any

__all__ = ["Serialised"]


class Serialised:
    """``target`` with each method call made under one re-entrant lock; plain attributes read through."""

    __slots__ = ("_lock", "_target")

    def __init__(self, target: object) -> None:
        self._target = target
        self._lock = threading.RLock()

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._target, name)
        if not callable(value):
            return value
        lock = self._lock

        @functools.wraps(value)
        def locked(*args: Any, **kwargs: Any) -> Any:
            with lock:
                return value(*args, **kwargs)

        return locked
