"""The hash chain: any sequence of appends verifies; a row changed, removed or forged is found, at its row.

The property runs on both back ends (an SQLite file; the shared ledger on the throwaway server, each
example under bureaus of its own so one database serves them all). The owner's attacks on the shared
ledger — triggers disabled, rows updated and deleted, a backdated time, a forged writer — are each
refused or found by ``verify``.
"""

from __future__ import annotations

import datetime as dt
import io
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import fazhi_tasks as ft
from fazhi_tasks.cli import main
from fazhi_tasks.ledger.chain import GENESIS, ChainBreak, row_hash, verify_rows
from fazhi_tasks.ledger.front import init_ledger

from .postgres import Server

D = dt.date
STATUSES = ("未启动", "推进中", "已完成", "已暂缓")


def u(task: str, status: str, day: int, **kw: Any) -> ft.Update:
    return ft.Update(task, status, D(2021, 3, day), **kw)


updates = st.builds(lambda t, s, d, p, n: ft.Update(t, s, D(2021, 3, d), percent=p, note=n),
                    st.sampled_from(["T001", "T002", "T003"]), st.sampled_from(STATUSES), st.integers(1, 28),
                    st.none() | st.integers(0, 100), st.sampled_from(["", "说明", "a\tb"]))
#: Batches of (bureau index, updates): two bureaus, appended in any interleaving.
histories = st.lists(st.tuples(st.integers(0, 1), st.lists(updates, min_size=1, max_size=4)), min_size=1,
                     max_size=5)
#: What to change in one row (a column, and a new value that differs from any the row can hold).
mutations = st.sampled_from(["note", "status", "percent", "on_date", "recorded_at", "task_id", "seq", "delete"])


class TestChainFunction:
    def test_every_field_counts(self) -> None:
        """Changing any one field, or the previous hash, changes the row's hash."""
        fields = ("甲局", "1", "1", "T001", "已完成", "100", "2021-03-01", "", "", "2021-03-01T00:00:00.000000", "j")
        base = row_hash(GENESIS, fields)
        changed = {row_hash(GENESIS, (*fields[:k], fields[k] + "x", *fields[k + 1:])) for k in range(len(fields))}
        assert base not in changed
        assert len(fields) == len(changed)
        assert base != row_hash("1" * 64, fields)

    def test_length_prefix_keeps_fields_apart(self) -> None:
        """Moving a character from one field to the next is a different row (no separator to forge)."""
        fields = ("甲局", "1", "1", "T001", "已完成", "", "2021-03-01", "ab", "c", "t", "j")
        assert row_hash(GENESIS, fields) != row_hash(GENESIS, (*fields[:7], "a", "bc", *fields[9:]))

    def test_a_missing_first_row_is_a_gap(self) -> None:
        """A chain that starts at row 2 breaks at its first row."""
        fields = ("甲局", "2", "5", "T001", "已完成", "", "2021-03-01", "", "", "t", "j")
        row = (fields[0], 2, 5, *fields[3:], GENESIS, row_hash(GENESIS, fields))
        assert (ChainBreak("甲局", 5, 1, "gap"),) == verify_rows([row]).breaks


# -- both back ends ----------------------------------------------------------------------------------


class Store:
    """One back end under test: open a bureau's ledger, change a stored row behind its back."""

    def __init__(self, kind: str, target: str, admin: Callable[[str, tuple[object, ...]], Any]) -> None:
        self.kind, self.target, self._admin = kind, target, admin

    def open(self, bureau: str) -> ft.Ledger:
        return ft.Ledger(self.target, bureau=bureau)

    def sql(self, statement: str, params: tuple[object, ...] = ()) -> Any:
        """Run SQL as the owner would: the append-only triggers out of the way."""
        return self._admin(statement, params)


@pytest.fixture(params=["sqlite", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "sqlite":
        path = tmp_path / "chain.db"
        init_ledger(path)

        def sqlite_admin(statement: str, params: tuple[object, ...]) -> Any:
            db = sqlite3.connect(path, isolation_level=None)
            try:
                db.execute("DROP TRIGGER IF EXISTS updates_no_change")
                db.execute("DROP TRIGGER IF EXISTS updates_no_delete")
                return db.execute(statement.replace("fazhi_updates", "updates").replace("%s", "?"),
                                  params).fetchall()
            finally:
                db.close()

        yield Store("sqlite", str(path), sqlite_admin)
        return
    import psycopg

    server: Server = request.getfixturevalue("postgres")
    url = server.new_database(request.getfixturevalue("pg_template"))

    def pg_admin(statement: str, params: tuple[object, ...]) -> Any:
        with psycopg.connect(url, autocommit=True) as conn, conn.transaction():
            conn.execute("ALTER TABLE fazhi_updates DISABLE TRIGGER USER")
            cur = conn.execute(statement.replace("?", "%s"), params)
            rows = cur.fetchall() if cur.description else []
            conn.execute("ALTER TABLE fazhi_updates ENABLE TRIGGER USER")
            return rows

    yield Store("postgres", url, pg_admin)
    server.drop_database(url)


_SET = {"note": "note = note || '改'", "status": "status = CASE status WHEN '已完成' THEN '推进中' ELSE '已完成' END",
        "percent": "percent = CASE WHEN percent IS NULL THEN 7 WHEN percent = 0 THEN 1 ELSE percent - 1 END",
        "task_id": "task_id = task_id || 'X'", "seq": "seq = seq + 1000000"}


class TestChainProperty:
    @settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(history=histories, mutation=mutations, pick=st.integers(0, 10_000))
    def test_appends_verify_and_one_change_is_found_at_its_row(self, store: Store, history: list[
            tuple[int, list[ft.Update]]], mutation: str, pick: int) -> None:
        """Any sequence of appends verifies; one row changed (any column) or removed breaks its bureau's chain at
        that row (removed: at the row after it; the last row removed: the head's count drops)."""
        tag = uuid.uuid4().hex[:8]
        bureaus = (f"甲{tag}", f"乙{tag}")
        for who, batch in history:
            with store.open(bureaus[who]) as ledger:
                ledger.record_many(batch)
        with store.open(bureaus[0]) as ledger:
            before = ledger.verify()
        mine = {b: before.heads[b] for b in bureaus if b in before.heads}
        assert not [b for b in before.breaks if b.bureau in bureaus]
        assert sum(len(batch) for _, batch in history) == sum(n for n, _ in mine.values())
        rows = store.sql("SELECT seq, bureau, chain_no FROM fazhi_updates WHERE bureau IN (%s, %s) "
                         "ORDER BY seq", bureaus)
        seq, bureau, chain_no = rows[pick % len(rows)]
        last = mine[bureau][0]
        if mutation == "delete":
            store.sql("DELETE FROM fazhi_updates WHERE seq = %s", (seq,))
        elif mutation == "on_date":
            day = "on_date + 1" if store.kind == "postgres" else "date(on_date, '+1 day')"
            store.sql(f"UPDATE fazhi_updates SET on_date = {day} WHERE seq = %s", (seq,))
        elif mutation == "recorded_at":
            stamp = "recorded_at - interval '1 year'" if store.kind == "postgres" else "'2020-10-01T00:00:00'"
            store.sql(f"UPDATE fazhi_updates SET recorded_at = {stamp} WHERE seq = %s", (seq,))
        else:
            store.sql(f"UPDATE fazhi_updates SET {_SET[mutation]} WHERE seq = %s", (seq,))
        with store.open(bureaus[0]) as ledger:
            after = ledger.verify()
        found = [b for b in after.breaks if b.bureau in bureaus]
        if mutation == "delete" and chain_no == last:
            assert [] == found
            assert before.heads[bureau] != after.heads.get(bureau)
        elif mutation == "delete":
            assert [(bureau, chain_no, "gap")] == [(b.bureau, b.chain_no, b.reason) for b in found]
        else:
            assert [(bureau, chain_no, "hash")] == [(b.bureau, b.chain_no, b.reason) for b in found]


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


class TestVerifyCommand:
    def test_a_whole_chain_prints_the_head(self, tmp_path: Path) -> None:
        """ledger verify prints each bureau's rows and head hash, and says the chain holds (exit 0)."""
        path = tmp_path / "progress.db"
        with ft.Ledger(path) as ledger:
            ledger.record_many([u("T001", "推进中", 1), u("T001", "已完成", 2)])
            head = ledger.verify().heads[""][1]
        code, out, err = run("ledger", "verify", "--ledger", str(path))
        assert (0, "") == (code, err)
        assert f"（无单位）：2条，链头 {head}\n校验通过：2条记录的哈希链完整；请保存以上链头，日后对比\n" == out

    def test_a_changed_row_is_named(self, tmp_path: Path) -> None:
        """A row edited behind the ledger's back: exit 1, naming its place and what happened (in English too)."""
        path = tmp_path / "progress.db"
        with ft.Ledger(path) as ledger:
            ledger.record_many([u("T001", "推进中", 1), u("T001", "推进中", 2), u("T001", "已完成", 3)])
        db = sqlite3.connect(path, isolation_level=None)
        db.execute("DROP TRIGGER updates_no_change")
        db.execute("UPDATE updates SET status = '已完成' WHERE seq = 2")
        db.close()
        code, out, _ = run("ledger", "verify", "--ledger", str(path), "--lang", "en")
        assert 1 == code
        assert ("verification failed: the hash chain of (no bureau) breaks at row 2 (seq 2): the row's content, "
                "time or writer was changed") == out.splitlines()[-1]

    def test_a_version_two_file_is_chained_on_opening(self, tmp_path: Path) -> None:
        """A ledger made before the chain gets one when it is first opened, and verifies."""
        from fazhi_tasks.ledger.sqlite import _MIGRATIONS, APPLICATION_ID

        path = tmp_path / "old.db"
        db = sqlite3.connect(path, isolation_level=None)
        for version in (1, 2):
            for statement in _MIGRATIONS[version]:
                db.execute(statement)
        for k in range(3):
            db.execute("INSERT INTO updates (bureau, task_id, status, percent, on_date, recorded_at) "
                       "VALUES (?, 'A', '推进中', ?, '2021-03-01', '2021-03-01T00:00:00')", (("甲", "乙")[k % 2], k))
        db.execute("PRAGMA user_version = 2")
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        db.close()
        with ft.Ledger(path, bureau="甲") as ledger:
            ledger.record(u("A", "已完成", 2))
            report = ledger.verify()
        assert (True, {"甲": 3, "乙": 1}) == (report.ok, {b: n for b, (n, _) in report.heads.items()})


    def test_a_version_two_file_takes_the_cancelled_status(self, tmp_path: Path) -> None:
        """A ledger made when the statuses were four (no 已取消) is widened on opening: a cancellation records."""
        from fazhi_tasks.ledger.sqlite import _MIGRATIONS, APPLICATION_ID

        path = tmp_path / "old.db"
        db = sqlite3.connect(path, isolation_level=None)
        for version in (1, 2):
            for statement in _MIGRATIONS[version]:
                db.execute(statement.replace(", '已取消'", ""))  # the CHECK as the first ledgers have it
        db.execute("INSERT INTO updates (bureau, task_id, status, on_date, recorded_at) "
                   "VALUES ('', 'A', '推进中', '2021-03-01', '2021-03-01T00:00:00')")
        db.execute("PRAGMA user_version = 2")
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        assert "已取消" not in db.execute("SELECT sql FROM sqlite_master WHERE name = 'updates'").fetchone()[0]
        db.close()
        with ft.Ledger(path) as ledger:
            ledger.record(u("A", "已取消", 2))
            assert ft.Status.CANCELLED is ledger.status_as_of(dt.date(2021, 3, 31))["A"].status
            assert ledger.verify().ok
        db = sqlite3.connect(path)
        assert ("ok",) == db.execute("PRAGMA integrity_check").fetchone()
        db.close()


class TestReportsSayIt:
    def test_a_report_on_a_broken_chain_says_so(self, tmp_path: Path) -> None:
        """weekly on a ledger whose chain breaks carries a warning naming the row; on a whole chain, none."""
        path = tmp_path / "progress.db"
        with ft.Ledger(path) as ledger:
            ledger.record_many(ft.sample_updates())
        args = ("weekly", "--ledger", str(path), "--week-ending", "2021-06-25")
        assert "哈希链" not in run(*args)[1]
        db = sqlite3.connect(path, isolation_level=None)
        db.execute("DROP TRIGGER updates_no_change")
        db.execute("UPDATE updates SET status = '已完成' WHERE seq = 5")
        db.close()
        out = run(*args)[1]
        assert "注意：账本的哈希链自第5条记录（seq 5）起断开" in out
        assert "breaks at row 5 (seq 5)" in run(*args, "--lang", "en")[1]

    def test_past_the_limit_a_report_says_it_did_not_check(self, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
        """A ledger larger than the reports' check: the report says the chain was not verified."""
        from fazhi_tasks.cli import commands as _commands

        monkeypatch.setattr(_commands, "REPORT_VERIFY_ROWS", 3)
        path = tmp_path / "progress.db"
        with ft.Ledger(path) as ledger:
            ledger.record_many(ft.sample_updates())
        assert "本报表未随附校验哈希链" in run("weekly", "--ledger", str(path), "--week-ending", "2021-06-25")[1]
