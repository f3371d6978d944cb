"""The SQLite ledger's file faults: creation races, empty, damaged, read-only, locked and full files, migrations."""

from __future__ import annotations

import contextlib
import datetime as dt
import multiprocessing
import sqlite3
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import fazhi_tasks as ft
from fazhi_tasks.ledger.sqlite import _MIGRATIONS, APPLICATION_ID

from .conftest import small_plan
from .ledger_workers import open_and_record

D = dt.date


def u(task: str, status: str, day: int, **kw: Any) -> ft.Update:
    return ft.Update(task, status, D(2021, 3, day), **kw)


@contextlib.contextmanager
def tmpfs(size: str) -> Iterator[Path]:
    """A small tmpfs mounted for the block (root only; the test is skipped saying so elsewhere)."""
    folder = Path(tempfile.mkdtemp(prefix="fazhi-tmpfs-"))
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                          check=False, capture_output=True)
    if done.returncode:
        folder.rmdir()
        pytest.skip(f"cannot mount a tmpfs here ({done.stderr.decode(errors='replace').strip()})")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False, capture_output=True)
        with contextlib.suppress(OSError):
            folder.rmdir()


class TestFileKinds:
    def test_append_only_even_from_outside(self, tmp_path: Path) -> None:
        """The table refuses UPDATE and DELETE, even from another SQLite client."""
        path = tmp_path / "l.db"
        with ft.Ledger(path) as ledger:
            ledger.record(u("A", "已完成", 1))
        db = sqlite3.connect(path)
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            db.execute("DELETE FROM updates")
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            db.execute("UPDATE updates SET status = '未启动'")
        db.close()

    def test_not_a_database(self, tmp_path: Path) -> None:
        """A text file is refused as damaged or not a ledger, and left alone."""
        path = tmp_path / "x.db"
        path.write_text("hello, this is not sqlite" * 50, encoding="utf-8")
        before = path.read_bytes()
        with pytest.raises(ft.LedgerCorruptError, match="不是 fazhi_tasks 账本"):
            ft.Ledger(path)
        assert before == path.read_bytes()

    def test_other_sqlite_file(self, tmp_path: Path) -> None:
        """Another application's SQLite file is not taken over."""
        path = tmp_path / "other.db"
        db = sqlite3.connect(path)
        db.execute("CREATE TABLE t (x)")
        db.commit()
        db.close()
        with pytest.raises(ft.LedgerError, match="不是 fazhi_tasks 账本"):
            ft.Ledger(path)

    def test_newer_schema(self, tmp_path: Path) -> None:
        """A ledger written by a newer version is refused, not misread."""
        path = tmp_path / "l.db"
        with ft.Ledger(path) as ledger:
            ledger.record(u("A", "推进中", 1))
        db = sqlite3.connect(path)
        db.execute("PRAGMA user_version = 99")
        db.commit()
        db.close()
        with pytest.raises(ft.LedgerError, match="比本程序支持的（4）新"):
            ft.Ledger(path)

    def test_empty_file_is_not_a_new_ledger(self, tmp_path: Path) -> None:
        """A 0-byte file is refused (it may be a truncated ledger), not silently made a new one."""
        path = tmp_path / "l.db"
        path.touch()
        with pytest.raises(ft.LedgerCorruptError, match="空文件"):
            ft.Ledger(path)
        assert 0 == path.stat().st_size

    def test_version_one_ledger_is_migrated(self, tmp_path: Path) -> None:
        """A ledger written before bureaus existed opens, keeps its rows, and reads them under bureau ''."""
        path = tmp_path / "old.db"
        db = sqlite3.connect(path, isolation_level=None)
        for statement in _MIGRATIONS[1]:
            db.execute(statement)
        db.execute("INSERT INTO updates (task_id, status, percent, on_date, note, reported_by, recorded_at) "
                   "VALUES ('A', '推进中', 40, '2021-03-01', '', '', '2021-03-01T00:00:00')")
        db.execute("PRAGMA user_version = 1")
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        db.close()
        with ft.Ledger(path) as ledger:
            ledger.record(u("A", "已完成", 2))
            assert [u("A", "推进中", 1, percent=40), u("A", "已完成", 2)] == ledger.updates()
            assert {""} == set(ledger.status_by_bureau(D(2021, 3, 9)))


class TestDamaged:
    @pytest.fixture
    def damaged(self, tmp_path: Path) -> Path:
        path = tmp_path / "l.db"
        with ft.Ledger(path) as ledger:
            ledger.record_many([u(f"T{k:04d}", "推进中", 1 + k % 28, note="说明" * 20) for k in range(3000)])
        db = sqlite3.connect(path)
        try:  # the schema's own pages (page 1, and the leaves it spills into since schema 4 added tables)
            schema = {n for (n,) in db.execute("SELECT pageno FROM dbstat WHERE name = 'sqlite_schema'")}
        except sqlite3.Error:  # an SQLite built without dbstat
            schema = {1, 2}
        db.close()
        data = bytearray(path.read_bytes())
        page = 4096
        for k in range(1, len(data) // page):  # every page past the schema: the table and every index are hit
            if k + 1 not in schema:
                data[page * k + 8: page * (k + 1)] = b"\x07" * (page - 8)
        path.write_bytes(bytes(data))
        return path

    def test_every_method_says_corrupt(self, damaged: Path) -> None:
        """len(), updates(), history() and status_as_of() raise LedgerCorruptError, never a sqlite3 error."""
        with ft.Ledger(damaged) as ledger:
            calls: dict[str, Callable[[], object]] = {"len": lambda: len(ledger), "updates": ledger.updates,
                     "history": lambda: ledger.history("T2999"),
                     "status_as_of": lambda: ledger.status_as_of(D(2021, 3, 31)),
                     "status_by_bureau": lambda: ledger.status_by_bureau(D(2021, 3, 31))}
            failed = {}
            for name, call in calls.items():
                with pytest.raises(ft.LedgerCorruptError, match="已损坏") as info:
                    call()
                failed[name] = type(info.value)
        assert set(calls) == set(failed)


class TestCreation:
    def test_sixteen_processes_create_one_ledger_at_once(self, tmp_path: Path) -> None:
        """16 processes opening and writing a new ledger at the same moment all succeed; one ledger, 16 rows."""
        path = tmp_path / "new.db"
        ctx = multiprocessing.get_context("spawn")
        barrier = ctx.Barrier(16)
        workers = [ctx.Process(target=open_and_record, args=(str(path), w, barrier)) for w in range(16)]
        for p in workers:
            p.start()
        for p in workers:
            p.join(120)
        assert [0] * 16 == [p.exitcode for p in workers]
        with ft.Ledger(path) as ledger:
            assert {f"W{w}" for w in range(16)} == {x.task_id for x in ledger.updates()}
        assert ["new.db"] == sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(("-wal", "-shm")))

    def test_a_failed_first_record_leaves_no_file(self, tmp_path: Path) -> None:
        """A record refused before anything was written does not leave an empty ledger behind."""
        path = tmp_path / "new.db"
        with ft.Ledger(path, plan=small_plan()) as ledger, pytest.raises(ft.UnknownTaskError):
            ledger.record(u("X", "推进中", 1))
        assert [] == list(tmp_path.iterdir())

    def test_reading_a_missing_ledger_creates_nothing(self, tmp_path: Path) -> None:
        """A ledger not written yet reads as empty and is created by the first write."""
        path = tmp_path / "new.db"
        with ft.Ledger(path) as ledger:
            assert (0, [], {}) == (len(ledger), ledger.updates(), dict(ledger.status_as_of(D(2021, 3, 1))))
            assert not path.exists()
            ledger.record(u("A", "推进中", 1))
            assert 1 == len(ledger)
        assert path.exists()

    def test_a_missing_folder_is_named(self, tmp_path: Path) -> None:
        """Writing into a folder that does not exist names the folder."""
        with ft.Ledger(tmp_path / "nope" / "l.db") as ledger, pytest.raises(ft.LedgerError, match="不存在"):
            ledger.record(u("A", "推进中", 1))


class TestLockedReadOnlyFull:
    def test_locked_says_locked(self, tmp_path: Path) -> None:
        """A writer held out past the timeout is told the ledger is locked, not that it is corrupt."""
        path = tmp_path / "l.db"
        with ft.Ledger(path) as ledger:
            ledger.record(u("A", "推进中", 1))
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        try:
            with ft.Ledger(path, timeout=0.2) as ledger, pytest.raises(ft.LedgerLockedError, match="锁定"):
                ledger.record(u("B", "推进中", 1))
        finally:
            other.execute("ROLLBACK")
            other.close()

    def test_read_only_file_opens_for_reports(self) -> None:
        """A ledger on a read-only file system opens read-only: reports run, a write says it is read-only."""
        with tmpfs("2m") as folder:
            path = folder / "l.db"
            with ft.Ledger(path) as ledger:
                ledger.record_many([u("A", "推进中", 1), u("A", "已完成", 3)])
            subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
            with ft.Ledger(path) as ledger:
                assert ledger.read_only
                assert ft.Status.DONE == ledger.status_as_of(D(2021, 3, 5))["A"].status
                report = ft.weekly_report(small_plan(), ledger, D(2021, 3, 5))
                with pytest.raises(ft.LedgerReadOnlyError, match="只读"):
                    ledger.record(u("B", "推进中", 1))
            assert 0 == report.summary.overdue

    def test_disk_full_says_so_and_keeps_the_ledger(self) -> None:
        """A batch that fills the disk is refused as 磁盘已满 and the ledger stays as it was."""
        with tmpfs("400k") as folder:
            path = folder / "l.db"
            with ft.Ledger(path) as ledger:
                ledger.record(u("A", "推进中", 1))
                with pytest.raises(ft.LedgerFullError, match="磁盘已满"):
                    ledger.record_many([u(f"T{k}", "推进中", 1, note="很长的说明" * 40) for k in range(5000)])
                assert [u("A", "推进中", 1)] == ledger.updates()
            with ft.Ledger(path) as ledger:
                assert 1 == len(ledger)


class TestLedgerNames:
    @pytest.mark.parametrize("target", ["host=db.city dbname=fazhi user=jh_yjj", "postgresql:jh_yjj@db/fazhi",
                                        "postgres:/db/fazhi", "progress", "进展账本.xlsx", "mysql://db/fazhi"])
    def test_a_name_that_is_no_ledger_is_refused_and_no_file_made(self, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch,
                                                                   target: str) -> None:
        """A libpq keyword string, a URL missing its //, or a name without an SQLite suffix is refused: before, it
        became a new local SQLite file and "recorded" into it."""
        monkeypatch.chdir(tmp_path)
        with pytest.raises(ft.LedgerError, match="不是账本的写法"):
            ft.Ledger(target)
        code, _, err = run_cli("record", "T001", "已完成", "--ledger", target)
        assert (2, 1) == (code, len(err.splitlines()))
        assert "不是账本的写法" in err
        assert [] == list(tmp_path.iterdir())

    def test_any_name_as_sqlite_url(self, tmp_path: Path) -> None:
        """sqlite:///name takes any file name; .db, .sqlite and .sqlite3 need no prefix."""
        for name in ("进展账本", "a.sqlite", "b.SQLITE3"):
            target = f"sqlite:///{tmp_path / name}" if "." not in name else str(tmp_path / name)
            with ft.Ledger(target) as ledger:
                ledger.record(u("A", "推进中", 1))
            assert (tmp_path / name).exists()

    def test_password_in_a_query_is_masked(self) -> None:
        """?password= in a URL, and password= in a keyword string, are never shown."""
        for target in ("postgresql://jh@/nodb?host=/nonexistent&password=s3cret", "host=x password=s3cret"):
            with pytest.raises(ft.LedgerError) as info:
                ft.Ledger(target)
            assert "s3cret" not in str(info.value)
            assert "s3cret" not in info.value.describe("en")


def run_cli(*argv: str) -> tuple[int, str, str]:
    import io

    from fazhi_tasks.cli import main

    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


class TestSeveralBureausInAFile:
    def test_reading_without_a_bureau_is_refused(self, tmp_path: Path) -> None:
        """A file holding two bureaus that share task ids: reading without naming one would mix them."""
        path = tmp_path / "city.db"
        for bureau, status in (("甲局", "已完成"), ("乙局", "推进中")):
            with ft.Ledger(path, bureau=bureau) as ledger:
                ledger.record(u("T001", status, 1))
        with ft.Ledger(path) as ledger, pytest.raises(ft.LedgerError, match="--bureau"):
            ledger.status_as_of(D(2021, 3, 9))
        with ft.Ledger(path, bureau="乙局") as ledger:
            assert "推进中" == ledger.status_as_of(D(2021, 3, 9))["T001"].status.value
        with ft.Ledger(path) as ledger:
            assert {"甲局", "乙局"} == set(ledger.status_by_bureau(D(2021, 3, 9)))
