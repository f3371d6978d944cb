"""What the ledger's back ends share: the row they store, the interface they offer, how they give rows back."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterator, Sequence
from typing import Protocol

from fazhi_tasks.core.errors import LedgerCorruptError, LedgerError, Said
from fazhi_tasks.model.review import Account, AuditEntry, Evidence, Review
from fazhi_tasks.model.values import Status, Update

__all__ = ["Backend", "ChainRow", "Row", "at", "doing_en", "hide_password", "is_postgres_url", "not_done",
           "sqlite_path", "stored_review", "stored_update", "unsupported"]

#: One row as the back ends take it: bureau, task id, status, percent, date, note, reported by.
Row = tuple[str, str, str, "int | None", dt.date, str, str]
#: One stored row as the hash chain reads it: the fields of ``_ledger_chain.FIELDS`` as text (chain number and
#: seq as ints), then the stored previous hash and hash.
ChainRow = tuple[str, int, int, str, str, str, str, str, str, str, str, str, str]


_STATUS_OF = {s.value: s for s in Status}
_new, _set = object.__new__, object.__setattr__


def stored_update(task_id: str, status: str, on: dt.date, percent: int | None, *, note: str, by: str) -> Update:
    """An :class:`Update` from a row of the ledger's own table, without running its converters again.

    Every row was an ``Update`` when it was written, and the table's constraints hold what the
    validators checked (status one of four words, percent 0–100, a date), so reading 10⁵ rows
    need not pay for validation twice (a third of the time of ``status_as_of``). A status the
    table should never hold means the file was damaged or edited by hand: refused as corrupt.

    >>> day = dt.date(2021, 3, 1)
    >>> stored_update("T001", "已完成", day, 100, note="", by="") == Update("T001", "已完成", day, percent=100)
    True
    """
    state = _STATUS_OF.get(status)
    if state is None or not task_id:
        message = Said.of("ledger.bad_record", task_id=repr(task_id), status=repr(status))
        raise LedgerCorruptError(message)
    update: Update = _new(Update)
    for name, value in (("task_id", task_id), ("status", state), ("on", on), ("percent", percent), ("note", note),
                        ("by", by)):
        _set(update, name, value)
    return update


def stored_review(task_id: str, decision: str, on: str | dt.date, reason: str, by: str) -> Review:
    """A :class:`Review` from a row of the ledger's ``reviews`` table (a row it cannot read is corrupt)."""
    try:
        day = on if isinstance(on, dt.date) else dt.date.fromisoformat(on)
        return Review(task_id, decision, day, reason=reason, by=by)
    except (ValueError, TypeError):
        message = Said.of("ledger.bad_review", task_id=repr(task_id), decision=repr(decision), on=repr(on))
        raise LedgerCorruptError(message) from None


def not_done(review: Review, status: Status) -> LedgerError:
    """The error for a review of a task that is not 已完成 as of the review's day (code ``review.not_done``, 409)."""
    return LedgerError(key="err.review_not_done", params={"task": review.task_id, "day": review.on,
                                                          "status": status.value, "status_en": status.english},
                       task_id=review.task_id, code="review.not_done", status=409)


def unsupported(what: str, what_en: str) -> LedgerError:
    """The error for what the PostgreSQL ledger cannot do yet (code ``ledger.unsupported``, 501)."""
    return LedgerError(key="err.unsupported_pg", params={"what": what, "what_en": what_en},
                       code="ledger.unsupported", status=501)


def is_postgres_url(target: object) -> bool:
    """Whether ``target`` names a PostgreSQL database rather than an SQLite file.

    >>> is_postgres_url("postgresql://jh_yjj@db.example/fazhi"), is_postgres_url("progress.db")
    (True, False)
    """
    return isinstance(target, str) and target.startswith(("postgresql://", "postgres://"))


#: The suffixes an SQLite ledger's name may end with; any other name is written ``sqlite:///name``.
SQLITE_SUFFIXES = (".db", ".sqlite", ".sqlite3")
_KEYWORDS = re.compile(r"^\s*[A-Za-z_]+\s*=")


def sqlite_path(target: str | os.PathLike[str]) -> str:
    """The SQLite file a ledger string names, or an error when it names none for sure.

    A name is taken as an SQLite file only when it ends in ``.db``, ``.sqlite`` or ``.sqlite3``, is
    ``":memory:"``, or is written ``sqlite:///name``: a libpq keyword string (``host=… dbname=…``) or a
    ``postgresql:`` missing its ``//`` would otherwise become a new local file and "record" into it.

    >>> sqlite_path("progress.db"), sqlite_path("sqlite:///账本"), sqlite_path(":memory:")
    ('progress.db', '账本', ':memory:')
    >>> sqlite_path("host=db.city dbname=fazhi")
    Traceback (most recent call last):
    ...
    fazhi_tasks.core.errors.LedgerError: host=db.city dbname=fazhi：不是账本的写法：...
    """
    text = os.fspath(target)
    if text.startswith("sqlite:///"):
        return text.removeprefix("sqlite:///")
    name = os.path.basename(text)
    if text == ":memory:" or (name.lower().endswith(SQLITE_SUFFIXES) and "://" not in text
                              and not text.lower().startswith(("postgresql:", "postgres:"))
                              and not _KEYWORDS.match(text)):
        return text
    shown = hide_password(text)
    message = at(shown, *Said.of("ledger.not_a_ledger_url"))
    raise LedgerError(message)


class Backend(Protocol):
    """What a storage back end does for :class:`Ledger`; every method raises only :class:`LedgerError`."""

    where: str
    read_only: bool
    #: The bureau this connection writes for when none is given (PostgreSQL: the login role's mapped bureau).
    default_bureau: str | None
    #: Whether rows must name a bureau (the shared ledger) or may leave it empty (one bureau's own file).
    needs_bureau: bool
    #: Whether this connection reads every bureau's rows (a file; a reader role), or only its own.
    reads_all: bool

    def check_read(self, bureau: str | None) -> None: ...
    def insert(self, rows: Sequence[Row], recorded_at: dt.datetime, *, skip_existing: bool) -> int: ...
    def history(self, bureau: str | None, task_id: str) -> list[Update]: ...
    def updates(self, bureau: str | None, since: dt.date | None, until: dt.date | None) -> list[Update]: ...
    def count(self, bureau: str | None) -> int: ...
    def status_as_of(self, bureau: str | None, day: dt.date) -> dict[str, Update]: ...
    def status_by_bureau(self, day: dt.date) -> dict[str, dict[str, Update]]: ...
    def chain(self, bureau: str | None) -> Iterator[ChainRow]: ...
    def close(self) -> None: ...
    # reviews, accounts, evidence (issue 25)
    def insert_review(self, bureau: str, review: Review, recorded_at: dt.datetime) -> None: ...
    def reviews(self, bureau: str | None, task_id: str | None) -> list[Review]: ...
    def reviewing(self, bureau: str | None) -> bool: ...
    # accounts belong to a bureau on the shared ledger (``bureau``); one bureau's own file keeps them all
    def insert_account(self, bureau: str | None, account: Account, password_hash: str,
                       created_at: dt.datetime) -> bool: ...
    def set_password(self, bureau: str | None, name: str, password_hash: str, at: dt.datetime) -> bool: ...
    def account(self, bureau: str | None, name: str) -> tuple[Account, str] | None: ...
    def accounts(self, bureau: str | None) -> list[Account]: ...
    def insert_evidence(self, bureau: str, evidence: Evidence, data: bytes) -> None: ...
    def evidence(self, bureau: str | None, task_id: str | None, sha256: str | None = None) -> list[Evidence]: ...
    def evidence_bytes(self, sha256: str) -> bytes | None: ...
    def audit(self, bureau: str | None) -> list[AuditEntry]: ...


_PASSWORD_PARAM = re.compile(r"((?:[?&]|^|\s)password\s*=\s*)('[^']*'|[^&\s]*)", re.IGNORECASE)


def hide_password(url: str) -> str:
    """The URL (or libpq keyword string) for messages, its password replaced by ``***``.

    >>> hide_password("postgresql://jh_yjj:secret@db/fazhi")
    'postgresql://jh_yjj:***@db/fazhi'
    >>> hide_password("postgresql://jh_yjj@db/fazhi?sslmode=require&password=secret")
    'postgresql://jh_yjj@db/fazhi?sslmode=require&password=***'
    >>> hide_password("host=db password=secret dbname=fazhi")
    'host=db password=*** dbname=fazhi'
    """
    url = _PASSWORD_PARAM.sub(r"\1***", url)
    scheme, sep, rest = url.partition("://")
    credentials, at, host = rest.rpartition("@")
    if not sep or not at or ":" not in credentials:
        return url
    user = credentials.split(":", 1)[0]
    return f"{scheme}{sep}{user}:***@{host}"


#: What a ledger was doing when the database refused, in English (the Chinese is the key).
_DOING_EN = {"新建": "creating it", "升级": "upgrading it", "读取": "reading", "写入": "writing", "连接": "connecting",
             "打开": "opening it", "建立账本": "creating the ledger", "授权": "granting rights"}


def at(where: str, zh: str, en: str) -> Said:
    """A ledger message after its place: ``进展.db：…`` / ``进展.db: …``."""
    return Said.of("ledger.where_value", where=where, value=Said(str(zh), str(en)))


def doing_en(doing: str) -> str:
    """What the ledger was doing, in English."""
    return _DOING_EN.get(doing, doing)
