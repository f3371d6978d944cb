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

from fazhi_tasks.core.errors import ArgumentError, LedgerError, LedgerReadOnlyError, Said, UnknownTaskError
from fazhi_tasks.ledger.base import Backend, Row, hide_password, is_postgres_url, sqlite_path
from fazhi_tasks.ledger.chain import ChainReport, verify_rows
from fazhi_tasks.ledger.lock import Serialised
from fazhi_tasks.model.plan import suggest
from fazhi_tasks.model.review import Account, AuditEntry, Evidence, Review, ReviewedStatuses, Role, closed_statuses
from fazhi_tasks.model.values import Update

if TYPE_CHECKING:
    from fazhi_tasks.model.plan import Plan

__all__ = ["EVIDENCE_TYPES", "MAX_EVIDENCE_BYTES", "Ledger", "init_ledger", "is_postgres_url"]

#: The longest task id or reporter name a ledger takes, in characters (the sheet readers' id limit).
ID_CHARS = 100
#: The longest note a ledger takes, in characters.
NOTE_CHARS = 4000
_FIELD_ZH = {"task_id": "任务编号", "note": "进展情况", "by": "报送人"}
# control characters (Unicode category Cc); a note may keep tabs and line breaks (\\n, \\r)
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_CONTROL_IN_NOTE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


#: The largest evidence file (佐证材料) a ledger takes, in bytes.
MAX_EVIDENCE_BYTES = 20 * 1024 * 1024
_ZIP, _OLE = (b"PK\x03\x04", b"PK\x05\x06"), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)
#: The evidence files a ledger takes: suffix → (the media type it is stored and served with, how the file begins).
#: A ``.txt`` must be text (UTF-8 or GB 18030, no NUL byte).
EVIDENCE_TYPES: dict[str, tuple[str, tuple[bytes, ...]]] = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", _ZIP),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _ZIP),
    ".doc": ("application/msword", _OLE),
    ".xls": ("application/vnd.ms-excel", _OLE),
    ".ofd": ("application/ofd", _ZIP),
    ".zip": ("application/zip", _ZIP),
    ".txt": ("text/plain; charset=utf-8", ()),
}
_ACCOUNT_NAME = re.compile(r"[^\s\x00-\x1f\x7f-\x9f]{1,100}")


def _evidence_name(filename: str) -> str:
    """The uploaded name without folders or control characters, at most 200 characters (its suffix kept)."""
    name = _CONTROL.sub("", str(filename).replace("\\", "/").rsplit("/", 1)[-1]).strip()
    if len(name) > 200:
        stem, dot, suffix = name.rpartition(".")
        name = f"{stem[:190]}.{suffix[:8]}" if dot else name[:200]
    return name


def _text_file(data: bytes) -> bool:
    if b"\0" in data:
        return False
    for encoding in ("utf-8", "gb18030"):
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return True
    return False


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
        self._always_reviewing = False
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
    def from_updates(cls, updates: Iterable[Update], *, plan: Plan | None = None, reviews: Iterable[Review] = (),
                     reviewing: bool = False) -> Ledger:
        """An in-memory ledger holding these updates and then these reviews, in the order given.

        Args:
            updates: The progress updates.
            plan: The plan the ledger is bound to, if any.
            reviews: The office's decisions (each checked as :meth:`review` checks it).
            reviewing: Count 已完成 only once closed even without a review (:attr:`reviewing`), as the ledger
                this one copies does.
        """
        ledger = cls(":memory:", plan=plan)
        ledger.record_many(updates)
        for review in reviews:
            ledger.review(review)
        ledger._always_reviewing = reviewing
        return ledger

    # -- writing ----------------------------------------------------------------------------

    def _check(self, update: Update) -> None:
        if not isinstance(update, Update):
            message = Said.of("ledger.not_update", update=repr(update))
            raise LedgerError(message)
        if self.plan is not None and update.task_id not in self.plan:
            hint = suggest(update.task_id, (t.id for t in self.plan)) if len(self.plan) < 20_000 else ""
            hint_zh, hint_en = (hint("zh"), hint("en")) if callable(hint) else (hint, hint)
            message = Said.of("ledger.update_unknown_task", task_id=update.task_id,
                              name=Said(str(self.plan.name), repr(self.plan.name)),
                              hint=Said(str(hint_zh), str(hint_en)))
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
                message = Said.of("ledger.update_bad_field", task_id=update.task_id[:40],
                                  name=Said(str(_FIELD_ZH[name]), str(name)), what=Said(str(what), str(what_en)))
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
            message = Said.of("ledger.read_only_updates", path=self.path)
            raise LedgerReadOnlyError(message)
        if self._backend.needs_bureau and not bureau:
            message = Said.of("ledger.needs_bureau_example", path=self.path)
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


    # -- reviews (审核: 销号 / 退回) -------------------------------------------------------------

    def _writer(self, what: str, what_en: str) -> str:
        """The bureau this ledger writes for, after refusing a read-only ledger or a shared one with none."""
        bureau = self.bureau or ""
        if self._backend.read_only:
            message = Said.of("ledger.read_only", path=self.path, what=Said(str(what), str(what_en)))
            raise LedgerReadOnlyError(message)
        if self._backend.needs_bureau and not bureau:
            message = Said.of("ledger.needs_bureau", path=self.path)
            raise LedgerError(message)
        return bureau

    def _known_task(self, task_id: str) -> None:
        if self.plan is not None and task_id not in self.plan:
            hint = suggest(task_id, (t.id for t in self.plan)) if len(self.plan) < 20_000 else ""
            hint_zh, hint_en = (hint("zh"), hint("en")) if callable(hint) else (hint, hint)
            message = Said.of("ledger.unknown_task", task_id=task_id,
                              name=Said(str(self.plan.name), repr(self.plan.name)),
                              hint=Said(str(hint_zh), str(hint_en)))
            raise UnknownTaskError(message, task_id=task_id)

    def review(self, review: Review) -> None:
        """Record the office's decision on a reported 已完成: pass it (销号) or return it (退回). Append-only.

        Args:
            review: The decision, its day, the reason of a return, and who decided (``by``: the account).

        Raises:
            LedgerError: The task is not 已完成 as of ``review.on`` (code ``"review.not_done"``, status 409);
                the ledger is read-only or refused the write. Nothing was recorded.
            UnknownTaskError: The ledger is bound to a plan that lacks the task.

        >>> import fazhi_tasks as ft
        >>> with Ledger(":memory:") as ledger:
        ...     ledger.record(ft.Update("T001", "已完成", dt.date(2021, 3, 5)))
        ...     ledger.review(ft.Review("T001", "pass", dt.date(2021, 3, 8), by="法治办"))
        ...     sorted(ledger.closed_as_of(dt.date(2021, 3, 5)).pending), ledger.closed_as_of(dt.date(2021, 3, 8))
        (['T001'], {'T001': Update(task_id='T001', status=<Status.DONE: '已完成'>, on=datetime.date(2021, 3, 5), \
percent=None, note='', by='')})
        >>> Ledger(":memory:").review(ft.Review("T002", "pass", dt.date(2021, 3, 8)))
        Traceback (most recent call last):
        ...
        fazhi_tasks.core.errors.LedgerError: 任务 T002：截至2021年3月8日的状态是“未启动”，不是“已完成”，无需审核；未写入
        """
        if not isinstance(review, Review):
            message = Said.of("ledger.not_review", review=repr(review))
            raise LedgerError(message)
        self._known_task(review.task_id)
        for field, value, most, control in (("task_id", review.task_id, ID_CHARS, _CONTROL),
                                            ("by", review.by, ID_CHARS, _CONTROL),
                                            ("reason", review.reason, NOTE_CHARS, _CONTROL_IN_NOTE)):
            if len(value) > most or control.search(value):
                raise ArgumentError(key="err.review_text", params={"field": field, "most": most},
                                    task_id=review.task_id[:40], field=field, code="review.text")
        bureau = self._writer(*Said.of("ledger.what_review"))
        self._backend.insert_review(bureau, review, self._clock())

    def reviews(self, *, task_id: str | None = None) -> list[Review]:
        """Every review (of one task when given), in the order recorded."""
        return self._backend.reviews(self.bureau, task_id)

    @property
    def reviewing(self) -> bool:
        """Whether the office reviews: the ledger holds a review or an office account.

        From then on the reports count a 已完成 as done only once closed (:meth:`closed_as_of`), and list
        the rest as 待审核. A ledger nobody reviews reads as before.
        """
        return self._always_reviewing or self._backend.reviewing(self.bureau)

    def closed_as_of(self, day: dt.date) -> ReviewedStatuses:
        """The statuses the reports count as of ``day``: :meth:`status_as_of` with each 已完成 done only once
        closed (销号), when the ledger is :attr:`reviewing`; the plain statuses otherwise.

        Returns:
            Task id → update, with ``.pending`` (待审核) and ``.returned`` (已退回), both empty when not reviewing.
        """

        statuses = self.status_as_of(day)
        if not self.reviewing:
            return ReviewedStatuses(statuses)
        return closed_statuses(statuses, self.reviews(), day)

    # -- accounts -------------------------------------------------------------------------------

    def _password(self, password: str) -> str:
        from fazhi_tasks.ledger.passwords import MAX_PASSWORD, MIN_PASSWORD, hash_password

        if not isinstance(password, str) or len(password) < MIN_PASSWORD:
            raise ArgumentError(key="err.password_short", params={"least": MIN_PASSWORD}, field="password",
                                code="account.password_short")
        if len(password) > MAX_PASSWORD:
            raise ArgumentError(key="err.password_long", params={"most": MAX_PASSWORD}, field="password",
                                code="account.password_long")
        return hash_password(password)

    def add_account(self, name: str, role: Role | str, *, division: str | None = None, password: str) -> Account:
        """Add a web front account; its password is kept as an argon2id hash (needs ``fazhi-tasks[web]``).

        Args:
            name: The login name (no spaces or control characters, at most 100 characters).
            role: ``Role.DIVISION`` (处室), ``Role.OFFICE`` (法治办) or ``Role.DIRECTOR`` (局领导), or its value.
            division: The division of a DIVISION account (one of the plan's when the ledger has a plan).
            password: At least 8 characters.

        Raises:
            LedgerError: An account of that name exists (code ``"account.exists"``, 409); argon2-cffi is missing.
            ArgumentError: A name, division or password that is not allowed.
            PlanError: A role that is none, a division missing or given where it does not belong.
        """
        account = Account(name, role, division=division)
        if not _ACCOUNT_NAME.fullmatch(account.name):
            raise ArgumentError(key="err.account_name", params={"name": account.name[:40], "most": ID_CHARS},
                                field="name", value=account.name[:40], code="account.name")
        if account.division is not None and self.plan is not None and self.plan.divisions \
                and account.division not in {d.name for d in self.plan.divisions}:
            hint = suggest(account.division, (d.name for d in self.plan.divisions))
            raise ArgumentError(key="err.account_division_unknown",
                                params={"division": account.division, "plan": self.plan.name, "hint": hint},
                                field="division", value=account.division, code="account.division")
        bureau = self._writer(*Said.of("ledger.what_account"))
        hashed = self._password(password)
        if not self._backend.insert_account(bureau or None, account, hashed, self._clock()):
            raise LedgerError(key="err.account_exists", params={"name": account.name}, code="account.exists",
                              status=409)
        return account

    def set_password(self, name: str, password: str) -> None:
        """Give an account a new password (its name, role and division never change).

        Raises:
            LedgerError: No such account (code ``"account.unknown"``, 404).
            ArgumentError: The password is too short or too long.
        """
        bureau = self._writer(*Said.of("ledger.what_password"))
        hashed = self._password(password)
        if not self._backend.set_password(bureau or None, name, hashed, self._clock()):
            raise LedgerError(key="err.account_unknown", params={"name": name}, code="account.unknown", status=404)

    def check_login(self, name: str, password: str) -> Account | None:
        """The account when ``password`` is its password, else ``None`` (an unknown name takes as long)."""
        from fazhi_tasks.ledger.passwords import MAX_PASSWORD, verify_nothing, verify_password

        if not isinstance(name, str) or not isinstance(password, str) or len(password) > MAX_PASSWORD:
            return None
        found = self._backend.account(self.bureau, name.strip()) if _ACCOUNT_NAME.fullmatch(name.strip()) else None
        if found is None:
            verify_nothing(password)
            return None
        account, hashed = found
        return account if verify_password(hashed, password) else None

    def accounts(self) -> list[Account]:
        """Every account, by name."""
        return self._backend.accounts(self.bureau)

    def account(self, name: str) -> Account | None:
        """The account of that name, or ``None``."""
        found = self._backend.account(self.bureau, name)
        return None if found is None else found[0]

    # -- evidence (佐证材料) -----------------------------------------------------------------------

    def add_evidence(self, task_id: str, data: bytes, *, filename: str, content_type: str = "",
                     by: str = "") -> Evidence:
        """Attach a file (佐证材料) to a task: the bytes stored once under their SHA-256 beside the ledger
        (``<ledger>.files/<sha[:2]>/<sha>``; in memory for ``":memory:"``; in the shared ledger on PostgreSQL),
        the metadata appended. The same bytes under the same name attached to the task again (a second click, a
        re-upload) are recorded once: the first attachment is returned.

        The type is decided by the file name's suffix (:data:`EVIDENCE_TYPES`) and checked against how the
        file begins; it is stored and served with that suffix's media type, whatever ``content_type`` the
        uploader claimed.

        Args:
            task_id: The task.
            data: The file's bytes, at most :data:`MAX_EVIDENCE_BYTES` (20 MB).
            filename: Its name (folders are dropped).
            content_type: The type the uploader claimed (not trusted, not stored).
            by: The account attaching it.

        Raises:
            LedgerError: Over the limit (``TooLarge``, status 413), empty (400), a type not allowed or
                content not matching it (``"evidence.type"``, 415), the store refused.

        >>> with Ledger(":memory:") as ledger:
        ...     first = ledger.add_evidence("T001", b"%PDF-1.7 ...", filename="a/验收报告.pdf", by="张三")
        ...     again = ledger.add_evidence("T001", b"%PDF-1.7 ...", filename="副本.pdf", by="张三")
        ...     twice = ledger.add_evidence("T001", b"%PDF-1.7 ...", filename="副本.pdf", by="李四")
        ...     first.sha256 == again.sha256, first.filename, first.content_type, len(ledger.evidence("T001"))
        (True, '验收报告.pdf', 'application/pdf', 2)
        """
        import hashlib

        from fazhi_tasks.core.errors import TooLarge
        from fazhi_tasks.core.i18n import text

        self._known_task(task_id)
        name = _evidence_name(filename)
        if not isinstance(data, bytes | bytearray | memoryview):
            message = Said.of("ledger.evidence_not_bytes", data=type(data).__name__)
            raise ArgumentError(message, field="data")
        data = bytes(data)
        if len(data) > MAX_EVIDENCE_BYTES:
            params = {"filename": name, "size": len(data), "most": MAX_EVIDENCE_BYTES}
            raise LedgerError(TooLarge(text("err.evidence_large", "zh", **params),
                                       text("err.evidence_large", "en", **params)), task_id=task_id)
        if not data:
            raise LedgerError(key="err.evidence_empty", params={"filename": name}, task_id=task_id,
                              code="evidence.empty", status=400)
        suffix = os.path.splitext(name)[1].lower()
        if suffix not in EVIDENCE_TYPES:
            allowed = "、".join(s.lstrip(".") for s in EVIDENCE_TYPES)
            raise LedgerError(key="err.evidence_type", params={"filename": name, "allowed": allowed},
                              task_id=task_id, code="evidence.type", status=415)
        media, starts = EVIDENCE_TYPES[suffix]
        if not (data.startswith(starts) if starts else _text_file(data)):
            raise LedgerError(key="err.evidence_content", params={"filename": name, "kind": suffix.lstrip(".")},
                              task_id=task_id, code="evidence.type", status=415)
        for value in (task_id, by):
            if len(value) > ID_CHARS or _CONTROL.search(value):
                raise ArgumentError(key="err.account_name", params={"name": value[:40], "most": ID_CHARS},
                                    task_id=task_id[:40], value=value[:40])
        bureau = self._writer(*Said.of("ledger.what_evidence"))
        sha = hashlib.sha256(data).hexdigest()
        for held in self._backend.evidence(bureau, task_id):
            if held.sha256 == sha and held.filename == name:  # attached again (a second click, a re-upload)
                return held
        evidence = Evidence(sha256=sha, task_id=task_id, filename=name,
                            content_type=media, size=len(data), by=by, recorded_at=self._clock())
        self._backend.insert_evidence(bureau, evidence, data)
        return evidence

    def evidence(self, task_id: str) -> list[Evidence]:
        """The files attached to a task, in the order attached."""
        return self._backend.evidence(self.bureau, task_id)

    def evidence_bytes(self, sha256: str) -> bytes:
        """The bytes of an attached file by its SHA-256 (only a file this ledger's metadata names).

        Raises:
            LedgerError: No file of this ledger (or bureau) has that hash (code ``"evidence.unknown"``, 404); the
                stored bytes no longer hash to it (``"evidence.tampered"``, 500).
        """
        import hashlib

        sha = sha256.lower() if isinstance(sha256, str) else ""
        data = self._backend.evidence_bytes(sha) if re.fullmatch(r"[0-9a-f]{64}", sha) \
            and self._backend.evidence(self.bureau, None, sha) else None
        if data is not None and hashlib.sha256(data).hexdigest() != sha:  # the stored file changed on disk
            raise LedgerError(Said.of("ledger.evidence_tampered", sha=sha[:12]), code="evidence.tampered", status=500)
        if data is None:
            raise LedgerError(key="err.evidence_unknown", params={"sha": str(sha256)[:64]}, code="evidence.unknown",
                              status=404)
        return data

    # -- audit ----------------------------------------------------------------------------------

    def audit(self, *, since: dt.datetime | None = None) -> list[AuditEntry]:
        """Every write with who and when, oldest first: updates (by their 报送人), reviews, evidence, accounts
        created and passwords changed.

        Args:
            since: Only what was recorded at or after this time (a naive time is read as UTC).
        """
        entries = self._backend.audit(self.bureau)
        if since is None:
            return entries
        if since.tzinfo is None:
            since = since.replace(tzinfo=dt.UTC)
        return [e for e in entries if e.at >= since]


def init_ledger(url_or_path: str | os.PathLike[str], *, timeout: float = 60.0) -> tuple[int, int]:
    """Create a ledger: an empty SQLite file (an existing one is left as it is), or the shared ledger's schema
    on PostgreSQL (run as the database's owner; migrated when older).

    Returns:
        The schema version before (0: there was none) and after.

    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "progress.db"
    >>> init_ledger(path), init_ledger(path), path.exists()
    ((0, 4), (4, 4), True)
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
