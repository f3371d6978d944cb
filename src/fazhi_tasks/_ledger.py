"""The progress ledger: every update kept, append-only, in an SQLite file the bureau can back up."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from types import TracebackType

from ._bulk import paused_gc
from ._errors import LedgerError, UnknownTaskError
from ._model import Status, Update
from ._plan import Plan, did_you_mean

__all__ = ["SCHEMA_VERSION", "Ledger"]

#: The schema this version writes; older ledgers are migrated on open, newer ones refused.
SCHEMA_VERSION = 1
#: ``PRAGMA application_id`` of a ledger file ("FZTK"), to tell it from other SQLite files.
APPLICATION_ID = 0x465A544B

_MIGRATIONS: dict[int, str] = {
    # version 0 → 1: the append-only table of updates and its indexes
    1: f"""
    CREATE TABLE updates (
        seq         INTEGER PRIMARY KEY AUTOINCREMENT,
        task_id     TEXT    NOT NULL,
        status      TEXT    NOT NULL CHECK (status IN ({", ".join(repr(s.value) for s in Status)})),
        percent     INTEGER CHECK (percent IS NULL OR percent BETWEEN 0 AND 100),
        on_date     TEXT    NOT NULL CHECK (on_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        note        TEXT    NOT NULL DEFAULT '',
        reported_by TEXT    NOT NULL DEFAULT '',
        recorded_at TEXT    NOT NULL
    );
    CREATE INDEX updates_by_task ON updates (task_id, on_date, seq);
    CREATE INDEX updates_by_date ON updates (on_date, seq);
    CREATE TRIGGER updates_no_change BEFORE UPDATE ON updates
        BEGIN SELECT RAISE(ABORT, 'the ledger is append-only: record a correcting update instead'); END;
    CREATE TRIGGER updates_no_delete BEFORE DELETE ON updates
        BEGIN SELECT RAISE(ABORT, 'the ledger is append-only: record a correcting update instead'); END;
    """,
}

_COLUMNS = "task_id, status, percent, on_date, note, reported_by"


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _row(row: tuple[str, str, int | None, str, str, str]) -> Update:
    task_id, status, percent, on, note, by = row
    return Update(task_id, Status(status), dt.date.fromisoformat(on), percent=percent, note=note, by=by)


class Ledger:
    """An append-only history of progress updates in SQLite (a file, or ``":memory:"``).

    Nothing is ever changed or deleted: a wrong update is corrected by recording a
    newer one. Writes are transactions; several processes may record into one file at
    once (WAL mode, busy timeout) and no update is lost.

    Args:
        path: The ledger file (created with the schema when missing or empty), or ``":memory:"``.
        plan: When given, updates for task ids the plan lacks are refused with a "did you mean".
        timeout: Seconds to wait for another writer before giving up.
        clock: Gives the ``recorded_at`` timestamp; default the UTC wall clock.

    Raises:
        LedgerError: The file is not a ledger, is corrupt, or has a newer schema.

    >>> import fazhi_tasks as ft
    >>> with Ledger(":memory:") as ledger:
    ...     ledger.record(ft.Update("T001", "推进中", dt.date(2021, 3, 1), percent=50))
    ...     ledger.record(ft.Update("T001", "已完成", dt.date(2021, 3, 5)))
    ...     ledger.status_as_of(dt.date(2021, 3, 4))["T001"].percent
    50
    """

    def __init__(self, path: str | os.PathLike[str] = ":memory:", *, plan: Plan | None = None,
                 timeout: float = 60.0, clock: Callable[[], dt.datetime] = _utc_now) -> None:
        self.path = str(path)
        self.plan = plan
        self._clock = clock
        self._timeout = timeout
        if self.path != ":memory:" and Path(self.path).is_dir():
            message = f"{self.path}: is a folder, not a ledger file"
            raise LedgerError(message)
        try:
            self._db = sqlite3.connect(self.path, timeout=timeout, isolation_level=None,
                                       check_same_thread=False)
        except sqlite3.Error as exc:
            message = f"{self.path}: cannot open the ledger ({exc})"
            raise LedgerError(message) from None
        try:
            self._open()
        except sqlite3.DatabaseError as exc:
            self._db.close()
            message = f"{self.path}: not a fazhi_tasks ledger or a corrupt one ({exc})"
            raise LedgerError(message) from None
        except LedgerError:
            self._db.close()
            raise

    def _open(self) -> None:
        db = self._db
        db.execute(f"PRAGMA busy_timeout = {int(self._timeout * 1000)}")
        app_id = db.execute("PRAGMA application_id").fetchone()[0]
        version = db.execute("PRAGMA user_version").fetchone()[0]
        tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if app_id != APPLICATION_ID and (tables or version):
            message = f"{self.path}: an SQLite file, but not a fazhi_tasks ledger"
            raise LedgerError(message)
        if version > SCHEMA_VERSION:
            message = (f"{self.path}: ledger schema version {version} is newer than this fazhi_tasks "
                       f"understands ({SCHEMA_VERSION}); upgrade fazhi_tasks")
            raise LedgerError(message)
        if self.path != ":memory:":
            db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        if version < SCHEMA_VERSION:
            self._migrate()

    def _migrate(self) -> None:
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            version = db.execute("PRAGMA user_version").fetchone()[0]  # another process may have done it
            for target in range(version + 1, SCHEMA_VERSION + 1):
                for statement in _MIGRATIONS[target].split(";\n"):
                    if statement.strip():
                        db.execute(statement)
                db.execute(f"PRAGMA user_version = {target}")
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    # -- lifecycle --------------------------------------------------------------------------

    def close(self) -> None:
        """Close the database connection."""
        self._db.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Ledger({self.path!r})"

    @classmethod
    def from_updates(cls, updates: Iterable[Update], *, plan: Plan | None = None) -> Ledger:
        """An in-memory ledger holding these updates, in the order given."""
        ledger = cls(":memory:", plan=plan)
        ledger.record_many(updates)
        return ledger

    # -- writing ----------------------------------------------------------------------------

    def _check(self, update: Update) -> None:
        if not isinstance(update, Update):
            message = f"expected an Update, got {update!r}"
            raise LedgerError(message)
        if self.plan is not None and update.task_id not in self.plan:
            hint = did_you_mean(update.task_id, (t.id for t in self.plan)) if len(self.plan) < 20_000 else ""
            message = f"update for task {update.task_id!r}: not a task of plan {self.plan.name!r}{hint}"
            raise UnknownTaskError(message)

    def record(self, update: Update) -> None:
        """Append one update."""
        self.record_many([update])

    def record_many(self, updates: Iterable[Update]) -> int:
        """Append updates in one transaction: all of them, or none if any is refused.

        Returns:
            How many were recorded.

        Raises:
            UnknownTaskError: The ledger is bound to a plan that lacks an update's task.
            LedgerError: The database refused the write.
        """
        rows = []
        for u in updates:
            self._check(u)
            rows.append((u.task_id, u.status.value, u.percent, u.on.isoformat(), u.note, u.by))
        if not rows:
            return 0
        recorded_at = self._clock().isoformat(timespec="microseconds")
        db = self._db
        try:
            db.execute("BEGIN IMMEDIATE")
            try:
                db.executemany(f"INSERT INTO updates ({_COLUMNS}, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                               [(*r, recorded_at) for r in rows])
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            message = f"{self.path}: the ledger refused the write, nothing was recorded ({exc})"
            raise LedgerError(message) from None
        return len(rows)

    # -- reading ----------------------------------------------------------------------------

    def _query(self, sql: str, params: tuple[object, ...] = ()) -> list[Update]:
        try:
            with paused_gc():
                return [_row(r) for r in self._db.execute(sql, params)]
        except sqlite3.Error as exc:
            message = f"{self.path}: cannot read the ledger ({exc})"
            raise LedgerError(message) from None

    def history(self, task_id: str) -> list[Update]:
        """Every update of one task, in the order they take effect (date, then as recorded)."""
        return self._query(f"SELECT {_COLUMNS} FROM updates WHERE task_id = ? ORDER BY on_date, seq",
                           (task_id,))

    def updates(self, *, since: dt.date | None = None, until: dt.date | None = None) -> list[Update]:
        """All updates (dated within ``[since, until]`` when given), by date, then as recorded."""
        low = since.isoformat() if since else "0000-00-00"
        high = until.isoformat() if until else "9999-99-99"
        return self._query(f"SELECT {_COLUMNS} FROM updates WHERE on_date BETWEEN ? AND ? ORDER BY on_date, seq",
                           (low, high))

    def __len__(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM updates").fetchone()[0])

    def status_as_of(self, day: dt.date) -> Mapping[str, Update]:
        """Each task's latest update dated on or before ``day`` (ties: the one recorded last).

        One query over the index, not one per task. A task with no such update is absent
        (it counts as 未启动).
        """
        sql = (f"SELECT {_COLUMNS}, max(on_date || printf('%015d', seq)) FROM updates "
               "WHERE on_date <= ? GROUP BY task_id")
        try:
            rows = self._db.execute(sql, (day.isoformat(),)).fetchall()
        except sqlite3.Error as exc:
            message = f"{self.path}: cannot read the ledger ({exc})"
            raise LedgerError(message) from None
        return {r[0]: _row(r[:6]) for r in rows}
