"""The progress ledger: every update kept, append-only, in an SQLite file or a shared PostgreSQL database.

:class:`Ledger` is the one front; the back ends (``_ledger_sqlite``, ``_ledger_pg``) store rows and answer
queries, and one test suite runs against both. Every row carries the bureau (单位) that reported it, so a
city's shared ledger keeps forty bureaus apart while a bureau's own file simply leaves it empty.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Iterable, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, cast

from fazhi_tasks.core.errors import LedgerError, LedgerReadOnlyError, Said, UnknownTaskError
from fazhi_tasks.ledger.base import Backend, Row, hide_password, is_postgres_url, sqlite_path
from fazhi_tasks.ledger.chain import ChainReport, verify_rows
from fazhi_tasks.ledger.lock import Serialised
from fazhi_tasks.model.plan import suggest
from fazhi_tasks.model.values import Update

if TYPE_CHECKING:
    from fazhi_tasks.model.plan import Plan

__all__ = ["Ledger", "init_ledger", "is_postgres_url"]

#: The longest task id or reporter name a ledger takes, in characters (the sheet readers' id limit).
ID_CHARS = 100
#: The longest note a ledger takes, in characters.
NOTE_CHARS = 4000
_FIELD_ZH = {"task_id": "任务编号", "note": "进展情况", "by": "报送人"}
# control characters (Unicode category Cc); a note may keep tabs and line breaks (\\n, \\r)
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_CONTROL_IN_NOTE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Ledger:
    """An append-only history of progress updates: an SQLite file (the default), ``":memory:"``, or PostgreSQL.

    Nothing is ever changed or deleted: a wrong update is corrected by recording a
    newer one. Writes are transactions: all of a batch or none of it; several processes
    may record at once and no update is lost.

    A ``postgresql://`` URL selects the shared ledger (needs ``pip install fazhi-tasks[postgres]``;
    set it up with ``fazhi-tasks ledger init``). There each bureau's login role may write and
    read only its own bureau's rows (row-level security); a reader role sees every bureau.

    An SQLite file that does not exist yet is created on the first write, so a failed first
    import leaves no empty ledger behind; until then it reads as empty.

    One ``Ledger`` may be shared by many threads (a web host's request threads): its calls are
    serialised, one at a time, each a whole transaction. Separate ``Ledger`` objects (and processes)
    on the same file or database work side by side as before.

    Args:
        url_or_path: The ledger file, ``":memory:"``, or a ``postgresql://`` URL.
        plan: When given, updates for task ids the plan lacks are refused with a "did you mean".
        bureau: The bureau (单位) whose rows this ledger writes and reads. ``None``: an SQLite
            file reads every row and writes rows with no bureau; PostgreSQL uses the login role's
            bureau (from the mapping ``fazhi-tasks ledger grant`` keeps), or none for a reader.
        timeout: Seconds to wait for another writer (or the server) before giving up.
        clock: Gives the ``recorded_at`` timestamp of an SQLite ledger; default the UTC wall clock. The
            shared ledger always uses the server's own time, which no client can set.

    Raises:
        LedgerError: The name is no ledger's (see ``sqlite_path``); the file is not a ledger, is
            corrupt, empty, or has a newer schema; the server cannot be reached or its schema is missing.

    >>> import fazhi_tasks as ft
    >>> with Ledger(":memory:") as ledger:
    ...     ledger.record(ft.Update("T001", "推进中", dt.date(2021, 3, 1), percent=50))
    ...     ledger.record(ft.Update("T001", "已完成", dt.date(2021, 3, 5)))
    ...     ledger.status_as_of(dt.date(2021, 3, 4))["T001"].percent
    50
    """

    def __init__(self, url_or_path: str | os.PathLike[str] = ":memory:", *, plan: Plan | None = None,
                 bureau: str | None = None, timeout: float = 60.0,
                 clock: Callable[[], dt.datetime] = _utc_now) -> None:
        self.plan = plan
        self._clock = clock
        backend: Backend
        if is_postgres_url(url_or_path):
            from fazhi_tasks.ledger.postgres import PostgresBackend

            self.path = hide_password(str(url_or_path))
            backend = PostgresBackend(str(url_or_path), timeout=timeout)
        else:
            from fazhi_tasks.ledger.sqlite import SqliteBackend

            self.path = sqlite_path(url_or_path)
            backend = SqliteBackend(self.path, timeout=timeout)
        self._backend = cast("Backend", Serialised(backend))  # one call at a time: safe to share between threads
        self.bureau = bureau if bureau is not None else backend.default_bureau

    @property
    def reads_every_bureau(self) -> bool:
        """Whether this connection reads every bureau's rows (an SQLite file, a reader role), as a rollup needs."""
        return self._backend.reads_all

    @property
    def read_only(self) -> bool:
        """Whether writes are refused (a write-protected file); reading and reports still work."""
        return self._backend.read_only

    # -- lifecycle --------------------------------------------------------------------------

    def close(self) -> None:
        """Close the database connection."""
        self._backend.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Ledger({self.path!r})" if self.bureau is None else f"Ledger({self.path!r}, bureau={self.bureau!r})"

    @classmethod
    def from_updates(cls, updates: Iterable[Update], *, plan: Plan | None = None) -> Ledger:
        """An in-memory ledger holding these updates, in the order given."""
        ledger = cls(":memory:", plan=plan)
        ledger.record_many(updates)
        return ledger

    # -- writing ----------------------------------------------------------------------------

    def _check(self, update: Update) -> None:
        if not isinstance(update, Update):
            message = Said(f"账本只接受进展记录（Update），收到的是 {update!r}",
                           f"a ledger takes progress updates (Update), not {update!r}")
            raise LedgerError(message)
        if self.plan is not None and update.task_id not in self.plan:
            hint = suggest(update.task_id, (t.id for t in self.plan)) if len(self.plan) < 20_000 else ""
            hint_zh, hint_en = (hint("zh"), hint("en")) if callable(hint) else (hint, hint)
            message = Said(f"进展记录的任务编号 {update.task_id!r} 不在计划《{self.plan.name}》中{hint_zh}",
                           f"the update's task {update.task_id!r} is not in the plan {self.plan.name!r}{hint_en}")
            raise UnknownTaskError(message)
        for name, value, most, control in (("task_id", update.task_id, ID_CHARS, _CONTROL),
                                           ("note", update.note, NOTE_CHARS, _CONTROL_IN_NOTE),
                                           ("by", update.by, ID_CHARS, _CONTROL)):
            found = control.search(value)
            bad = found.group() if found else None
            if len(value) > most or bad is not None:
                what = (f"含控制字符 {bad!r}" + ("（NUL，数据库不能保存）" if bad == "\0" else "")) if bad is not None \
                    else f"过长（{len(value)}字，最多{most}字）"
                what_en = (f"holds the control character {bad!r}" + (" (NUL, which the database cannot store)"
                                                                   if bad == "\0" else "")) if bad is not None \
                    else f"is too long ({len(value)} characters, at most {most})"
                message = Said(f"任务 {update.task_id[:40]!r} 的进展记录中，{_FIELD_ZH[name]}{what}；未写入任何进展",
                               f"the update of task {update.task_id[:40]!r}: its {name} {what_en}; nothing was "
                               "recorded")
                raise LedgerError(message)

    def record(self, update: Update) -> None:
        """Append one update."""
        self.record_many([update])

    def record_many(self, updates: Iterable[Update], *, skip_existing: bool = False) -> int:
        """Append updates in one transaction: all of them, or none if any is refused.

        Args:
            updates: The updates, in the order they were reported (a later one wins a same-day tie).
            skip_existing: Skip each update identical to one already in the ledger (same bureau,
                task, status, date, percent and note), so re-importing a file records nothing twice.
                Updates repeated inside ``updates`` itself are all kept.

        Returns:
            How many were recorded (with ``skip_existing``, the rest were already there).

        Raises:
            UnknownTaskError: The ledger is bound to a plan that lacks an update's task.
            LedgerReadOnlyError: The ledger was opened read-only.
            LedgerError: The database refused the write; nothing was recorded.

        >>> import fazhi_tasks as ft
        >>> first = [ft.Update("T001", "推进中", dt.date(2021, 3, 1), percent=50)]
        >>> with Ledger(":memory:") as ledger:
        ...     ledger.record_many(first), ledger.record_many(first, skip_existing=True), len(ledger)
        (1, 0, 1)
        """
        bureau = self.bureau or ""
        rows: list[Row] = []
        for u in updates:
            self._check(u)
            rows.append((bureau, u.task_id, u.status.value, u.percent, u.on, u.note, u.by))
        if not rows:
            return 0
        if self._backend.read_only:
            message = Said(f"{self.path}：账本以只读方式打开（文件或角色不可写），未写入任何进展；报表仍可照常生成",
                           f"{self.path}: the ledger is open read-only (the file or the role may not write): no "
                           "update was recorded; reports still work")
            raise LedgerReadOnlyError(message)
        if self._backend.needs_bureau and not bureau:
            message = Said(f"{self.path}：共享账本按单位分开记录，写入时须指明单位："
                           "Ledger(url, bureau=\"金华市应急管理局\")，或用已授权（ledger grant）的单位角色登录",
                           f"{self.path}: a shared ledger keeps each bureau's records apart: name the bureau to write, "
                           "Ledger(url, bureau=\"金华市应急管理局\"), or log in with a bureau's granted role")
            raise LedgerError(message)
        return self._backend.insert(rows, self._clock(), skip_existing=skip_existing)

    # -- reading ----------------------------------------------------------------------------

    def history(self, task_id: str) -> list[Update]:
        """Every update of one task, in the order they take effect (date, then as recorded)."""
        self._backend.check_read(self.bureau)
        return self._backend.history(self.bureau, task_id)

    def updates(self, *, since: dt.date | None = None, until: dt.date | None = None) -> list[Update]:
        """All updates (dated within ``[since, until]`` when given), by date, then as recorded."""
        self._backend.check_read(self.bureau)
        return self._backend.updates(self.bureau, since, until)

    def __len__(self) -> int:
        self._backend.check_read(self.bureau)
        return self._backend.count(self.bureau)

    def status_as_of(self, day: dt.date) -> Mapping[str, Update]:
        """Each task's latest update dated on or before ``day`` (ties: the one recorded last).

        One query over an index, not one per task. A task with no such update is absent
        (it counts as 未启动).
        """
        self._backend.check_read(self.bureau)
        return self._backend.status_as_of(self.bureau, day)

    def status_by_bureau(self, day: dt.date) -> dict[str, dict[str, Update]]:
        """:meth:`status_as_of` for every bureau this connection may read, in one query: bureau → task id → update.

        Rows recorded with no bureau (one bureau's own SQLite file) come under ``""``. A bureau's role of the
        shared ledger sees its own bureau only (:attr:`reads_every_bureau` is false).

        >>> import fazhi_tasks as ft
        >>> with Ledger(":memory:", bureau="甲局") as ledger:
        ...     ledger.record(ft.Update("T001", "已完成", dt.date(2021, 3, 1)))
        ...     ledger.status_by_bureau(dt.date(2021, 3, 2))["甲局"]["T001"].status.value
        '已完成'
        """
        return self._backend.status_by_bureau(day)

    def verify(self, *, bureau: str | None = None, limit: int | None = None) -> ChainReport:
        """Recompute the hash chain of every bureau this connection may read (or of ``bureau``), here, from the
        stored rows.

        Each row's hash covers its content, its place, the server's time and the writer, and the hash of
        the bureau's row before it; a row changed, removed or inserted by anyone who did not recompute
        every later hash breaks the chain there (see ``_ledger_chain``). Keep the heads it returns: a
        history rewritten with the chain recomputed changes them. Cost: one SHA-256 in Python per row,
        read in batches: about 1–1.5 s per 10⁵ rows here (2 shared cores), 10–20 s per 10⁶.

        Args:
            bureau: Verify only this bureau's chain.
            limit: Stop after this many rows (the report is then not ``complete``).

        Returns:
            The rows checked, each bureau's row count and head hash, and the first break of each bureau
            whose chain does not hold (``report.ok`` when none).

        >>> import fazhi_tasks as ft
        >>> with Ledger(":memory:") as ledger:
        ...     ledger.record_many([ft.Update("T001", "推进中", dt.date(2021, 3, 1), percent=50)] * 3)
        ...     report = ledger.verify()
        3
        >>> report.ok, report.rows, report.heads[""][0]
        (True, 3, 3)
        """
        return verify_rows(self._backend.chain(bureau), limit)


def init_ledger(url_or_path: str | os.PathLike[str], *, timeout: float = 60.0) -> tuple[int, int]:
    """Create a ledger: an empty SQLite file (an existing one is left as it is), or the shared ledger's schema
    on PostgreSQL (run as the database's owner; migrated when older).

    Returns:
        The schema version before (0: there was none) and after.

    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "progress.db"
    >>> init_ledger(path), init_ledger(path), path.exists()
    ((0, 3), (3, 3), True)
    """
    if is_postgres_url(url_or_path):
        from fazhi_tasks.ledger.admin import init_ledger as init_postgres

        return init_postgres(str(url_or_path), timeout=timeout)
    from fazhi_tasks.ledger.sqlite import SqliteBackend

    backend = SqliteBackend(sqlite_path(url_or_path), timeout=timeout)
    try:
        return backend.init()
    finally:
        backend.close()
