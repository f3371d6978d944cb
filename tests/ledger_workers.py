"""What the ledger tests' child processes run; kept apart from the test modules so a spawned child
imports only fazhi_tasks (not pytest, hypothesis and the fixtures) and starts fast."""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

import fazhi_tasks as ft

D = dt.date


class Opener:
    """A picklable way to open the test's ledger in another process."""

    def __init__(self, target: str, bureau: str | None) -> None:
        self.target, self.bureau = target, bureau

    def __call__(self) -> ft.Ledger:
        return ft.Ledger(self.target, bureau=self.bureau)


def writer(opener: Opener, worker: int, count: int) -> None:
    """Record ``count`` updates of distinct tasks, in transactions of 10."""
    with opener() as ledger:
        for first in range(0, count, 10):
            ledger.record_many(ft.Update(f"W{worker}-{k}", "推进中", D(2021, 3, 1) + dt.timedelta(days=k % 300))
                               for k in range(first, first + 10))


def open_and_record(path: str, worker: int, barrier: Any) -> None:
    """Wait for the others, then open the (new) ledger and record one update."""
    barrier.wait()
    with ft.Ledger(path) as ledger:
        ledger.record(ft.Update(f"W{worker}", "推进中", D(2021, 3, 1)))


def killed_mid_transaction(opener: Opener) -> None:
    """Record a batch and die (exit code 3) after its rows were inserted, before COMMIT."""
    ledger: ft.Ledger = opener()
    backend: Any = getattr(ledger._backend, "_target", ledger._backend)  # under the thread lock
    if hasattr(backend, "_conn"):  # PostgreSQL: die after the INSERT ran, before COMMIT
        conn = backend._conn
        real = conn.transaction

        class Dying:
            def __init__(self) -> None:
                self.inner = real()

            def __enter__(self) -> object:
                return self.inner.__enter__()

            def __exit__(self, *exc: object) -> None:
                os._exit(3)

        conn.transaction = Dying
    else:  # SQLite: die after executemany inserted the rows, before COMMIT
        db = backend._db

        class Proxy:
            def __getattr__(self, name: str) -> object:
                return getattr(db, name)

            def executemany(self, sql: str, rows: Any) -> None:
                db.executemany(sql, rows)
                os._exit(3)

        backend._db = Proxy()
    ledger.record_many([ft.Update("B", "推进中", D(2021, 3, 2))] * 100)


def importer(opener: Opener, barrier: Any) -> None:
    """Wait for the others, then import the same 200 updates with skip_existing."""
    batch = [ft.Update(f"T{k:03d}", "推进中", D(2021, 3, 1), percent=k % 100) for k in range(200)]
    barrier.wait()
    with opener() as ledger:
        ledger.record_many(batch, skip_existing=True)


def through_a_restart(url: str, batches: int, size: int, started: Any) -> None:
    """Record ``batches`` batches of ``size`` distinct updates, one after another, while the server restarts."""
    with ft.Ledger(url, timeout=60) as ledger:
        for b in range(batches):
            ledger.record_many(ft.Update(f"R{b:03d}-{k:03d}", "推进中", D(2021, 3, 1)) for k in range(size))
            if b == 2:
                started.set()
