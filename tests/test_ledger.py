"""The ledger's contract against both back ends (an SQLite file, a throwaway PostgreSQL), so they cannot drift."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import fazhi_tasks as ft
from fazhi_tasks.ledger.base import Row

from .conftest import small_plan
from .ledger_workers import Opener, importer, killed_mid_transaction, writer
from .postgres import Server

D = dt.date
MakeLedger = Callable[..., ft.Ledger]


def u(task: str, status: str, day: int, **kw: Any) -> ft.Update:
    return ft.Update(task, status, D(2021, 3, day), **kw)


@pytest.fixture(params=["sqlite", "postgres"])
def make(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[MakeLedger]:
    """Opens the test's one ledger (each call a new connection): a file, or a fresh PostgreSQL database (dropped
    after)."""
    if request.param == "sqlite":
        path = tmp_path / "ledger.db"
        yield lambda **kw: ft.Ledger(path, **kw)
        return
    from fazhi_tasks.ledger.admin import grant_bureau

    server: Server = request.getfixturevalue("postgres")
    url = server.new_database(request.getfixturevalue("pg_template"))
    tag = uuid.uuid4().hex[:8]
    for n, bureau in enumerate(("金华市应急管理局", "甲局", "乙局")):  # granted, as the 法治办 would
        grant_bureau(url, bureau, f"b{n}_{tag}")

    def open_pg(**kw: Any) -> ft.Ledger:
        kw.setdefault("bureau", "金华市应急管理局")
        return ft.Ledger(url, **kw)

    yield open_pg
    server.drop_database(url)


class TestStatusAsOf:
    def test_latest_on_or_before(self, make: MakeLedger) -> None:
        """The latest update dated on or before the day; none means absent (未启动)."""
        with make() as ledger:
            ledger.record_many([u("A", "推进中", 1), u("A", "已完成", 10), u("B", "推进中", 12)])
            status = ledger.status_as_of(D(2021, 3, 10))
        assert ft.Status.DONE == status["A"].status
        assert "B" not in status

    def test_ties_go_to_the_one_recorded_last(self, make: MakeLedger) -> None:
        """Two updates on one day: the one recorded later wins."""
        with make() as ledger:
            ledger.record(u("A", "已完成", 5))
            ledger.record(u("A", "推进中", 5, note="更正：尚未完成"))
            assert ft.Status.IN_PROGRESS == ledger.status_as_of(D(2021, 3, 5))["A"].status

    def test_ties_inside_one_batch_go_to_the_later_row(self, make: MakeLedger) -> None:
        """Inside one batch, the later of two same-day updates wins."""
        with make() as ledger:
            ledger.record_many([u("A", "已完成", 5), u("A", "推进中", 5, percent=80)])
            assert 80 == ledger.status_as_of(D(2021, 3, 5))["A"].percent

    def test_a_backdated_correction_takes_effect_on_its_date(self, make: MakeLedger) -> None:
        """A correction recorded later but dated earlier is history as of its own date."""
        with make() as ledger:
            ledger.record(u("A", "已完成", 10))
            ledger.record(u("A", "推进中", 8))
            assert ft.Status.DONE == ledger.status_as_of(D(2021, 3, 12))["A"].status
            assert ft.Status.IN_PROGRESS == ledger.status_as_of(D(2021, 3, 9))["A"].status


class TestCancelled:
    def test_a_cancellation_is_recorded_and_read_back(self, make: MakeLedger) -> None:
        """已取消 is a status every back end stores (its CHECK lists it) and reads back."""
        with make(bureau="甲局") as ledger:
            ledger.record_many([u("A", "推进中", 1, percent=40), u("A", "已取消", 5, note="上级文件调整")])
            assert ft.Status.CANCELLED is ledger.status_as_of(D(2021, 3, 31))["A"].status


class TestHistory:
    def test_reopening_is_kept(self, make: MakeLedger) -> None:
        """已完成 → 推进中 is allowed and both stay in the history."""
        with make() as ledger:
            ledger.record_many([u("A", "已完成", 1), u("A", "推进中", 2, note="重新打开")])
            assert ["已完成", "推进中"] == [x.status.value for x in ledger.history("A")]

    def test_updates_round_trip(self, make: MakeLedger, sample_history: list[ft.Update]) -> None:
        """Everything recorded comes back equal, in date order, and persists after closing."""
        with make() as ledger:
            ledger.record_many(sample_history)
        with make() as ledger:
            assert sample_history == ledger.updates()
            assert len(sample_history) == len(ledger)

    def test_updates_between_dates(self, make: MakeLedger) -> None:
        """since/until bound the dates, both inclusive."""
        with make() as ledger:
            ledger.record_many([u("A", "推进中", 1), u("B", "推进中", 5), u("C", "推进中", 9)])
            assert ["B"] == [x.task_id for x in ledger.updates(since=D(2021, 3, 5), until=D(2021, 3, 8))]


class TestWrites:
    def test_record_many_is_all_or_nothing(self, make: MakeLedger) -> None:
        """A failure part way through a batch leaves nothing recorded."""

        def batch() -> Iterator[ft.Update]:
            yield u("A", "推进中", 1)
            raise RuntimeError("the import crashed")

        with make() as ledger:
            ledger.record(u("Z", "推进中", 1))
            with pytest.raises(RuntimeError):
                ledger.record_many(batch())
            assert 1 == len(ledger)

    def test_a_row_the_database_refuses_leaves_the_table_as_it_was(self, make: MakeLedger) -> None:
        """A bad row at the end of a batch (refused by the table's CHECK) takes the whole batch back."""
        with make() as ledger:
            ledger.record(u("Z", "推进中", 1))
            bureau = ledger.bureau or ""
            rows: list[Row] = [(bureau, f"T{k}", "推进中", 10, D(2021, 3, 1), "", "") for k in range(500)]
            rows.append((bureau, "T9", "差不多完成", None, D(2021, 3, 1), "", ""))
            with pytest.raises(ft.LedgerError, match="未作任何改动"):
                ledger._backend.insert(rows, dt.datetime.now(dt.UTC), skip_existing=False)
            assert [u("Z", "推进中", 1)] == ledger.updates()

    def test_bound_plan_refuses_unknown_ids(self, make: MakeLedger) -> None:
        """A ledger bound to a plan refuses a task id it lacks, suggesting a near miss, and writes nothing."""
        with make(plan=small_plan()) as ledger:
            with pytest.raises(ft.UnknownTaskError, match="'AA'"):
                ledger.record_many([u("A", "推进中", 1), u("AA", "推进中", 1)])
            assert 0 == len(ledger)


class TestSkipExisting:
    def test_reimport_records_nothing_twice(self, make: MakeLedger) -> None:
        """Importing the same updates again skips every one of them."""
        batch = [u("A", "推进中", 1, percent=30, note="起草"), u("B", "已完成", 2), u("A", "推进中", 3, percent=60)]
        with make() as ledger:
            assert 3 == ledger.record_many(batch, skip_existing=True)
            assert 0 == ledger.record_many(batch, skip_existing=True)
            assert 3 == len(ledger)

    def test_only_identical_updates_are_skipped(self, make: MakeLedger) -> None:
        """A different percent, note, status or date is new; 'by' alone does not make it new."""
        with make() as ledger:
            ledger.record(u("A", "推进中", 1, percent=30, note="起草"))
            again = [u("A", "推进中", 1, percent=30, note="起草", by="张三"),
                     u("A", "推进中", 1, percent=40, note="起草"), u("A", "推进中", 1, note="起草"),
                     u("A", "推进中", 1, percent=30, note="送审"), u("A", "已完成", 1, percent=30, note="起草"),
                     u("A", "推进中", 2, percent=30, note="起草")]
            assert 5 == ledger.record_many(again, skip_existing=True)

    def test_repeats_inside_one_batch_are_kept(self, make: MakeLedger) -> None:
        """Only updates already in the ledger are skipped, not repeats within the batch itself."""
        with make() as ledger:
            assert 2 == ledger.record_many([u("A", "推进中", 1), u("A", "推进中", 1)], skip_existing=True)

    def test_without_skip_everything_is_recorded(self, make: MakeLedger) -> None:
        """The default records what it is given, repeats included."""
        with make() as ledger:
            ledger.record(u("A", "推进中", 1))
            assert 1 == ledger.record_many([u("A", "推进中", 1)])
            assert 2 == len(ledger)


class TestBureaus:
    def test_each_bureau_reads_its_own_rows(self, make: MakeLedger) -> None:
        """Two bureaus with the same task ids in one ledger do not see each other's statuses."""
        with make(bureau="甲局") as a, make(bureau="乙局") as b:
            a.record(u("T001", "已完成", 1))
            b.record(u("T001", "推进中", 2))
            assert ft.Status.DONE == a.status_as_of(D(2021, 3, 9))["T001"].status
            assert [u("T001", "推进中", 2)] == b.history("T001")
            assert (1, 1) == (len(a), len(b))

    def test_status_by_bureau(self, make: MakeLedger) -> None:
        """One query gives every bureau's statuses, keyed by bureau."""
        with make(bureau="甲局") as a, make(bureau="乙局") as b:
            a.record_many([u("T001", "推进中", 1), u("T001", "已完成", 3)])
            b.record(u("T001", "推进中", 2))
            found = a.status_by_bureau(D(2021, 3, 9))
        assert {"甲局": ft.Status.DONE, "乙局": ft.Status.IN_PROGRESS} == {
            k: v["T001"].status for k, v in found.items() if k in ("甲局", "乙局")}


class TestFaults:
    def test_killed_writer_leaves_the_ledger_as_it_was(self, make: MakeLedger) -> None:
        """A process killed in the middle of a batch leaves no partial batch."""
        with make() as ledger:
            ledger.record(u("A", "推进中", 1))
            opener = Opener(_url(ledger) or ledger.path, ledger.bureau)
        process = multiprocessing.get_context("spawn").Process(target=killed_mid_transaction, args=(opener,))
        process.start()
        process.join(60)
        assert 3 == process.exitcode
        with make() as ledger:
            assert [u("A", "推进中", 1)] == ledger.updates()


def _url(ledger: ft.Ledger) -> str | None:
    conn = getattr(ledger._backend, "_conn", None)
    if conn is None:
        return None
    info = conn.info
    return f"postgresql://{info.user}@/{info.dbname}?host={info.host}&port={info.port}"


class TestConcurrency:
    def test_eight_processes_lose_nothing(self, make: MakeLedger) -> None:
        """8 processes × 1,000 updates each (transactions of 10), at once: all 8,000 are there, once."""
        with make() as ledger:
            ledger.record(u("A", "推进中", 1))  # the file exists before the writers start
            opener = Opener(_url(ledger) or ledger.path, ledger.bureau)
        ctx = multiprocessing.get_context("spawn")
        workers = [ctx.Process(target=writer, args=(opener, w, 1000)) for w in range(8)]
        for p in workers:
            p.start()
        for p in workers:
            p.join(240)
        assert [0] * 8 == [p.exitcode for p in workers]
        with make() as ledger:
            updates = ledger.updates()
        assert 8001 == len(updates)
        assert 8001 == len({x.task_id for x in updates})


class TestConcurrentReimport:
    def test_four_imports_of_one_file_at_once_record_it_once(self, make: MakeLedger) -> None:
        """Four clerks importing the same file at the same moment: its 200 updates are recorded once."""
        with make() as ledger:
            ledger.record(u("A", "推进中", 1))
            opener = Opener(_url(ledger) or ledger.path, ledger.bureau)
        ctx = multiprocessing.get_context("spawn")
        barrier = ctx.Barrier(4)
        workers = [ctx.Process(target=importer, args=(opener, barrier)) for _ in range(4)]
        for p in workers:
            p.start()
        for p in workers:
            p.join(120)
        assert [0] * 4 == [p.exitcode for p in workers]
        with make() as ledger:
            assert 201 == len(ledger)


class TestThrowawayServer:
    def test_no_server_binaries_gives_the_reason(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Where no PostgreSQL is installed the fixture gets a reason to skip with, not a crash."""
        from . import postgres

        monkeypatch.setattr(postgres, "BIN_DIRS", ())
        with postgres.start() as server:
            assert "no PostgreSQL server binaries found (apt-get install postgresql)" == server
