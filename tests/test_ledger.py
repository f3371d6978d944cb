"""The SQLite ledger: append-only history, status as of a date, transactions, faults, concurrent writers."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

import fazhi_tasks as ft

from .conftest import small_plan

D = dt.date


def u(task: str, status: str, day: int, **kw: object) -> ft.Update:
    return ft.Update(task, status, D(2021, 3, day), **kw)


class TestStatusAsOf:
    def test_latest_on_or_before(self) -> None:
        """The latest update dated on or before the day; none means absent (未启动)."""
        with ft.Ledger() as ledger:
            ledger.record_many([u("A", "推进中", 1), u("A", "已完成", 10), u("B", "推进中", 12)])
            status = ledger.status_as_of(D(2021, 3, 10))
        assert ft.Status.DONE == status["A"].status
        assert "B" not in status

    def test_ties_go_to_the_one_recorded_last(self) -> None:
        """Two updates on one day: the one recorded later wins."""
        with ft.Ledger() as ledger:
            ledger.record(u("A", "已完成", 5))
            ledger.record(u("A", "推进中", 5, note="更正：尚未完成"))
            assert ft.Status.IN_PROGRESS == ledger.status_as_of(D(2021, 3, 5))["A"].status

    def test_a_backdated_correction_takes_effect_on_its_date(self) -> None:
        """A correction recorded later but dated earlier is history as of its own date."""
        with ft.Ledger() as ledger:
            ledger.record(u("A", "已完成", 10))
            ledger.record(u("A", "推进中", 8))
            assert ft.Status.DONE == ledger.status_as_of(D(2021, 3, 12))["A"].status
            assert ft.Status.IN_PROGRESS == ledger.status_as_of(D(2021, 3, 9))["A"].status


class TestHistory:
    def test_reopening_is_kept(self) -> None:
        """已完成 → 推进中 is allowed and both stay in the history."""
        with ft.Ledger() as ledger:
            ledger.record_many([u("A", "已完成", 1), u("A", "推进中", 2, note="重新打开")])
            assert ["已完成", "推进中"] == [x.status.value for x in ledger.history("A")]

    def test_nothing_is_changed_or_deleted(self, tmp_path: Path) -> None:
        """The table refuses UPDATE and DELETE, even from outside the library."""
        path = tmp_path / "l.db"
        with ft.Ledger(path) as ledger:
            ledger.record(u("A", "已完成", 1))
        db = sqlite3.connect(path)
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            db.execute("DELETE FROM updates")
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            db.execute("UPDATE updates SET status = '未启动'")
        db.close()

    def test_updates_round_trip(self, sample_history: list[ft.Update]) -> None:
        """Everything recorded comes back equal, in date order."""
        with ft.Ledger.from_updates(sample_history) as ledger:
            assert sample_history == ledger.updates()
            assert len(sample_history) == len(ledger)


class TestWrites:
    def test_record_many_is_all_or_nothing(self) -> None:
        """A failure part way through a batch leaves nothing recorded."""

        def batch() -> Iterator[ft.Update]:
            yield u("A", "推进中", 1)
            raise RuntimeError("the import crashed")

        with ft.Ledger() as ledger:
            with pytest.raises(RuntimeError):
                ledger.record_many(batch())
            assert 0 == len(ledger)

    def test_bound_plan_refuses_unknown_ids(self) -> None:
        """A ledger bound to a plan refuses a task id it lacks, suggesting a near miss, and writes nothing."""
        with ft.Ledger(plan=small_plan()) as ledger:
            with pytest.raises(ft.UnknownTaskError, match="'AA'"):
                ledger.record_many([u("A", "推进中", 1), u("AA", "推进中", 1)])
            assert 0 == len(ledger)

    def test_persists(self, tmp_path: Path) -> None:
        """A file ledger keeps its updates after closing."""
        path = tmp_path / "progress.db"
        with ft.Ledger(path) as ledger:
            ledger.record(u("A", "已完成", 1))
        with ft.Ledger(path) as ledger:
            assert [u("A", "已完成", 1)] == ledger.updates()


class TestFaults:
    def test_not_a_database(self, tmp_path: Path) -> None:
        """A text file is refused with a clear error."""
        path = tmp_path / "x.db"
        path.write_text("hello, this is not sqlite" * 50, encoding="utf-8")
        with pytest.raises(ft.LedgerError, match="not a fazhi_tasks ledger"):
            ft.Ledger(path)

    def test_other_sqlite_file(self, tmp_path: Path) -> None:
        """Another application's SQLite file is not taken over."""
        path = tmp_path / "other.db"
        db = sqlite3.connect(path)
        db.execute("CREATE TABLE t (x)")
        db.commit()
        db.close()
        with pytest.raises(ft.LedgerError, match="not a fazhi_tasks ledger"):
            ft.Ledger(path)

    def test_newer_schema(self, tmp_path: Path) -> None:
        """A ledger written by a newer version is refused, not misread."""
        path = tmp_path / "l.db"
        ft.Ledger(path).close()
        db = sqlite3.connect(path)
        db.execute("PRAGMA user_version = 99")
        db.commit()
        db.close()
        with pytest.raises(ft.LedgerError, match="newer"):
            ft.Ledger(path)

    def test_corrupt(self, tmp_path: Path) -> None:
        """A damaged file gives a LedgerError, never a sqlite3 traceback."""
        path = tmp_path / "l.db"
        with ft.Ledger(path) as ledger:
            ledger.record_many([u("A", "推进中", 1)] * 200)
        data = bytearray(path.read_bytes())
        data[100:4000] = b"\xff" * 3900
        path.write_bytes(bytes(data))
        with pytest.raises(ft.LedgerError):
            ft.Ledger(path).updates()

    def test_killed_writer_leaves_the_ledger_as_it_was(self, tmp_path: Path) -> None:
        """A process killed in the middle of a batch leaves no partial batch."""
        path = tmp_path / "l.db"
        with ft.Ledger(path) as ledger:
            ledger.record(u("A", "推进中", 1))
        process = multiprocessing.get_context("spawn").Process(target=_die_mid_batch, args=(str(path),))
        process.start()
        process.join(60)
        assert 0 != process.exitcode
        with ft.Ledger(path) as ledger:
            assert [u("A", "推进中", 1)] == ledger.updates()


def _die_mid_batch(path: str) -> None:
    import os

    def batch() -> Iterator[ft.Update]:
        yield from (u("B", "推进中", 2) for _ in range(100))

    ledger = ft.Ledger(path)
    original = ledger._db.executemany

    def crash(sql: str, rows: object) -> object:
        original(sql, rows)  # type: ignore[arg-type]
        os._exit(3)  # the inserts ran inside the open transaction; the process dies before COMMIT

    ledger._db = _Proxy(ledger._db, crash)  # type: ignore[assignment]
    ledger.record_many(batch())


class _Proxy:
    def __init__(self, db: sqlite3.Connection, executemany: object) -> None:
        self._db, self.executemany = db, executemany

    def __getattr__(self, name: str) -> object:
        return getattr(self._db, name)


def _writer(path: str, worker: int, count: int) -> None:
    ledger = ft.Ledger(path)
    for k in range(count):
        ledger.record(ft.Update(f"W{worker}-{k}", "推进中", D(2021, 3, 1) + dt.timedelta(days=k % 300)))
    ledger.close()


class TestConcurrency:
    def test_four_processes_lose_nothing(self, tmp_path: Path) -> None:
        """4 processes × 500 updates each, recorded at once: all 2,000 are there."""
        path = tmp_path / "shared.db"
        ft.Ledger(path).close()
        ctx = multiprocessing.get_context("spawn")
        workers = [ctx.Process(target=_writer, args=(str(path), w, 500)) for w in range(4)]
        for p in workers:
            p.start()
        for p in workers:
            p.join(240)
        assert [0, 0, 0, 0] == [p.exitcode for p in workers]
        with ft.Ledger(path) as ledger:
            updates = ledger.updates()
        assert 2000 == len(updates)
        assert 2000 == len({x.task_id for x in updates})
