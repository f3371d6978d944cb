"""The SQLite back end of :class:`~fazhi_tasks.Ledger`: one bureau's ledger in one file it can back up.

The database does the guarding: triggers refuse UPDATE and DELETE, ``PRAGMA application_id``
tells a ledger from other SQLite files, ``user_version`` drives the migrations. A new file is
built beside its final name and linked into place in one step, so processes opening a new
ledger at once all see either no file or a whole ledger, and a failed first write leaves none.
Every ``sqlite3`` error leaves as a :class:`~fazhi_tasks.LedgerError` that says what happened.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
import uuid
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fazhi_tasks.core.errors import (
    LedgerCorruptError,
    LedgerError,
    LedgerFullError,
    LedgerLockedError,
    LedgerReadOnlyError,
    Said,
)
from fazhi_tasks.ledger.base import ChainRow, Row, at, doing_en, not_done, stored_review, stored_update
from fazhi_tasks.ledger.chain import GENESIS, row_hash
from fazhi_tasks.ledger.files import read_file, store_file
from fazhi_tasks.model.review import Account, AuditEntry, Evidence, Review
from fazhi_tasks.model.values import Status, Update

__all__ = ["APPLICATION_ID", "SCHEMA_VERSION", "SqliteBackend"]

#: The schema this version writes; older ledgers are migrated on open, newer ones refused.
SCHEMA_VERSION = 4
#: ``PRAGMA application_id`` of a ledger file ("FZTK"), to tell it from other SQLite files.
APPLICATION_ID = 0x465A544B

_STATUSES = ", ".join(repr(s.value) for s in Status)
_MIGRATIONS: dict[int, tuple[str, ...]] = {
    # version 0 → 1: the append-only table of updates and its indexes
    1: (
        f"""CREATE TABLE updates (
            seq         INTEGER PRIMARY KEY AUTOINCREMENT,
            task_id     TEXT    NOT NULL,
            status      TEXT    NOT NULL CHECK (status IN ({_STATUSES})),
            percent     INTEGER CHECK (percent IS NULL OR percent BETWEEN 0 AND 100),
            on_date     TEXT    NOT NULL CHECK (on_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            note        TEXT    NOT NULL DEFAULT '',
            reported_by TEXT    NOT NULL DEFAULT '',
            recorded_at TEXT    NOT NULL
        )""",
        "CREATE INDEX updates_by_task ON updates (task_id, on_date, seq)",
        "CREATE INDEX updates_by_date ON updates (on_date, seq)",
        """CREATE TRIGGER updates_no_change BEFORE UPDATE ON updates
            BEGIN SELECT RAISE(ABORT, 'the ledger is append-only: record a correcting update instead'); END""",
        """CREATE TRIGGER updates_no_delete BEFORE DELETE ON updates
            BEGIN SELECT RAISE(ABORT, 'the ledger is append-only: record a correcting update instead'); END""",
    ),
    # version 1 → 2: every row names its bureau ('' in one bureau's own file), as in the shared ledger
    2: (
        "ALTER TABLE updates ADD COLUMN bureau TEXT NOT NULL DEFAULT ''",
        "DROP INDEX updates_by_task",
        "CREATE INDEX updates_latest ON updates (bureau, task_id, on_date, seq)",
    ),
    # version 2 → 3: the hash chain (_ledger_chain); rows already there are chained by _chain_existing
    3: (
        "ALTER TABLE updates ADD COLUMN chain_no INTEGER",
        "ALTER TABLE updates ADD COLUMN prev_hash TEXT",
        "ALTER TABLE updates ADD COLUMN hash TEXT",
    ),
    # version 3 → 4 (issue 25): the office's reviews and the evidence files (both append-only) and the web
    # front's accounts (only a password may change; nothing is deleted)
    4: (
        """CREATE TABLE reviews (
            seq         INTEGER PRIMARY KEY AUTOINCREMENT,
            bureau      TEXT    NOT NULL DEFAULT '',
            task_id     TEXT    NOT NULL CHECK (task_id <> ''),
            decision    TEXT    NOT NULL CHECK (decision IN ('pass', 'return')),
            on_date     TEXT    NOT NULL CHECK (on_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            reason      TEXT    NOT NULL DEFAULT '',
            reviewed_by TEXT    NOT NULL DEFAULT '',
            recorded_at TEXT    NOT NULL,
            CHECK (decision = 'pass' OR reason <> '')
        )""",
        "CREATE INDEX reviews_by_task ON reviews (bureau, task_id, seq)",
        """CREATE TRIGGER reviews_no_change BEFORE UPDATE ON reviews
            BEGIN SELECT RAISE(ABORT, 'reviews are append-only: record a new review instead'); END""",
        """CREATE TRIGGER reviews_no_delete BEFORE DELETE ON reviews
            BEGIN SELECT RAISE(ABORT, 'reviews are append-only: record a new review instead'); END""",
        """CREATE TABLE accounts (
            name          TEXT PRIMARY KEY NOT NULL CHECK (name <> ''),
            role          TEXT NOT NULL CHECK (role IN ('division', 'office', 'director')),
            division      TEXT CHECK ((role = 'division') = (division IS NOT NULL AND division <> '')),
            password_hash TEXT NOT NULL CHECK (password_hash LIKE '$argon2%'),
            created_at    TEXT NOT NULL,
            password_at   TEXT NOT NULL
        )""",
        """CREATE TRIGGER accounts_fixed BEFORE UPDATE ON accounts
            WHEN NEW.name IS NOT OLD.name OR NEW.role IS NOT OLD.role OR NEW.division IS NOT OLD.division
                 OR NEW.created_at IS NOT OLD.created_at
            BEGIN SELECT RAISE(ABORT, 'an account keeps its name, role and division: only its password may change');
            END""",
        """CREATE TRIGGER accounts_no_delete BEFORE DELETE ON accounts
            BEGIN SELECT RAISE(ABORT, 'accounts are never deleted'); END""",
        """CREATE TABLE evidence (
            seq          INTEGER PRIMARY KEY AUTOINCREMENT,
            bureau       TEXT    NOT NULL DEFAULT '',
            sha256       TEXT    NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
            task_id      TEXT    NOT NULL CHECK (task_id <> ''),
            filename     TEXT    NOT NULL,
            content_type TEXT    NOT NULL,
            size         INTEGER NOT NULL CHECK (size >= 0),
            uploaded_by  TEXT    NOT NULL DEFAULT '',
            recorded_at  TEXT    NOT NULL
        )""",
        "CREATE INDEX evidence_by_task ON evidence (bureau, task_id, seq)",
        "CREATE INDEX evidence_by_hash ON evidence (sha256)",
        """CREATE TRIGGER evidence_no_change BEFORE UPDATE ON evidence
            BEGIN SELECT RAISE(ABORT, 'evidence is append-only: attach a new file instead'); END""",
        """CREATE TRIGGER evidence_no_delete BEFORE DELETE ON evidence
            BEGIN SELECT RAISE(ABORT, 'evidence is append-only: attach a new file instead'); END""",
    ),
}
_NO_CHANGE = """CREATE TRIGGER updates_no_change BEFORE UPDATE ON updates
            BEGIN SELECT RAISE(ABORT, 'the ledger is append-only: record a correcting update instead'); END"""
_CHAIN_COLUMNS = ("bureau, chain_no, seq, task_id, status, percent, on_date, note, reported_by, recorded_at, "
                  "'', prev_hash, hash")


def _chain_fields(r: Sequence[Any]) -> tuple[str, ...]:
    """A stored row's hashed fields as text, in the order of ``_ledger_chain.FIELDS``."""
    return (str(r[0]), str(r[1]), str(r[2]), str(r[3]), str(r[4]), "" if r[5] is None else str(r[5]), str(r[6]),
            str(r[7]), str(r[8]), str(r[9]), str(r[10]))


def _chain_existing(db: sqlite3.Connection) -> None:
    """Chain the rows of a ledger made before version 3, bureau by bureau in the order they were recorded."""
    db.execute("DROP TRIGGER updates_no_change")
    heads: dict[str, tuple[int, str]] = {}
    rows = db.execute("SELECT bureau, NULL, seq, task_id, status, percent, on_date, note, reported_by, recorded_at, "
                      "'' FROM updates ORDER BY bureau, seq").fetchall()
    for r in rows:
        number, prev = heads.get(r[0], (0, GENESIS))
        fields = _chain_fields((r[0], number + 1, *r[2:]))
        digest = row_hash(prev, fields)
        db.execute("UPDATE updates SET chain_no = ?, prev_hash = ?, hash = ? WHERE seq = ?",
                   (number + 1, prev, digest, r[2]))
        heads[r[0]] = (number + 1, digest)
    db.execute(_NO_CHANGE)
    db.execute("CREATE UNIQUE INDEX updates_chain ON updates (bureau, chain_no)")


def _statuses_allowed(db: sqlite3.Connection) -> None:
    """Let the status column take every status of this version (已取消 came after the first ledgers were made).

    SQLite cannot alter a CHECK constraint; widening one — every row already satisfies the new list — is the
    documented ``writable_schema`` edit of the table's SQL text, in the migration's transaction.
    """
    (sql,) = db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'updates'").fetchone()
    old = sql[sql.index("CHECK (status IN ("):]
    old = old[:old.index("))") + 2]
    new = f"CHECK (status IN ({_STATUSES}))"
    if old == new:
        return
    version = int(db.execute("PRAGMA schema_version").fetchone()[0])
    db.execute("PRAGMA writable_schema = ON")
    db.execute("UPDATE sqlite_master SET sql = replace(sql, ?, ?) WHERE type = 'table' AND name = 'updates'",
               (old, new))
    db.execute(f"PRAGMA schema_version = {version + 1}")
    db.execute("PRAGMA writable_schema = OFF")


def _to_version_3(db: sqlite3.Connection) -> None:
    _chain_existing(db)
    _statuses_allowed(db)


@contextlib.contextmanager
def _write_transaction(db: sqlite3.Connection) -> Iterator[None]:
    """``BEGIN IMMEDIATE`` … ``COMMIT``; on any error (an interrupt too) the transaction is rolled back, whole."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                db.execute("ROLLBACK")
        raise


#: Run after a version's statements, in the same transaction.
_AFTER: dict[int, Callable[[sqlite3.Connection], None]] = {3: _to_version_3}

_COLUMNS = "task_id, status, percent, on_date, note, reported_by"
_INSERT = ("INSERT INTO updates (seq, bureau, task_id, status, percent, on_date, note, reported_by, recorded_at, "
           "chain_no, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
_EXISTS = ("SELECT 1 FROM updates WHERE bureau = ? AND task_id = ? AND on_date = ? AND status = ? AND percent IS ? "
           "AND note = ? AND seq <= ? LIMIT 1")

def _row(row: Sequence[Any]) -> Update:
    task_id, status, percent, on, note, by = row[:6]
    try:
        day = dt.date.fromisoformat(on)
    except (TypeError, ValueError):
        message = Said.of("ledger.bad_date", on=repr(on), task_id=repr(task_id))
        raise LedgerCorruptError(message) from None
    return stored_update(task_id, status, day, percent, note=note, by=by)


def _scope(bureau: str | None) -> tuple[str, tuple[object, ...]]:
    return ("", ()) if bureau is None else ("bureau = ? AND ", (bureau,))


class SqliteBackend:
    """Rows of one ledger file (or ``":memory:"``); see :class:`~fazhi_tasks.Ledger`."""

    needs_bureau = False
    default_bureau: str | None = None
    reads_all = True

    def __init__(self, path: str, *, timeout: float) -> None:
        self.where = path
        self.read_only = False
        self._mixed_checked = False
        self._timeout = timeout
        self._db: sqlite3.Connection | None = None
        self._memory_files: dict[str, bytes] = {}
        if path == ":memory:":
            self._db = self._connect(path, uri=False)
            with self._guard("新建"):
                self._migrate(self._db)
            return
        file = Path(path)
        if file.is_dir():
            message = at(str(path), *Said.of("ledger.db_folder"))
            raise LedgerError(message)
        if file.exists():
            self._open()

    # -- opening ------------------------------------------------------------------------------

    def _connect(self, target: str, *, uri: bool) -> sqlite3.Connection:
        try:
            db = sqlite3.connect(target, timeout=self._timeout, isolation_level=None, check_same_thread=False,
                                 uri=uri)
            db.execute(f"PRAGMA busy_timeout = {int(self._timeout * 1000)}")
        except sqlite3.Error as exc:
            raise self._fail(exc, "打开") from None
        return db

    def _open(self) -> None:
        file = Path(self.where)
        try:
            size = file.stat().st_size
        except OSError as exc:
            message = at(self.where, *Said.of("ledger.db_cannot_open", strerror=exc.strerror))
            raise LedgerError(message) from None
        if size == 0:
            message = at(self.where, *Said.of("ledger.db_empty_file"))
            raise LedgerCorruptError(message)
        writable = os.access(file, os.W_OK) and os.access(file.parent, os.W_OK)
        self.read_only = not writable
        address = "file:" + quote(str(file.resolve()))
        self._db = self._connect(address + ("?mode=rw" if writable else "?mode=ro"), uri=True)
        try:
            version = self._check()
        except LedgerError:
            if writable:
                self.close()
                raise
            # a WAL ledger in a folder we may not write: no shared-memory file can be made; read it as it is
            self.close()
            self._db = self._connect(address + "?mode=ro&immutable=1", uri=True)
            version = self._check()
        if version < SCHEMA_VERSION:
            if self.read_only:
                message = at(self.where, *Said.of("ledger.db_old_read_only", version=version))
                raise LedgerReadOnlyError(message)
            with self._guard("升级"):
                self._migrate(self._db)
        self._db.execute("PRAGMA synchronous = NORMAL")
        self._db.execute("PRAGMA cache_size = -65536")  # up to 64 MiB: a 10⁶-row batch's index inserts stay cached

    def _check(self) -> int:
        """Read the header in one snapshot: a ledger of a version we understand, or an error saying what it is."""
        assert self._db is not None
        with self._guard("读取"):
            db = self._db
            db.execute("BEGIN")
            try:
                app_id = db.execute("PRAGMA application_id").fetchone()[0]
                version = int(db.execute("PRAGMA user_version").fetchone()[0])
                tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            finally:
                if db.in_transaction:  # a failed read (no room for the -shm file) ended it: keep that error
                    db.execute("COMMIT")
        if app_id != APPLICATION_ID:
            empty = not tables and not version
            kind = Said.of("ledger.db_empty_sqlite" if empty else "ledger.db_sqlite_file")
            message = at(self.where, *Said.of("ledger.db_not_ledger", kind=kind))
            raise LedgerError(message)
        if version > SCHEMA_VERSION:
            message = at(self.where, *Said.of("ledger.db_newer", version=version, schema_version=SCHEMA_VERSION))
            raise LedgerError(message)
        return version

    def _migrate(self, db: sqlite3.Connection) -> None:
        with _write_transaction(db):
            version = db.execute("PRAGMA user_version").fetchone()[0]  # another process may have done it
            for target in range(version + 1, SCHEMA_VERSION + 1):
                for statement in _MIGRATIONS[target]:
                    db.execute(statement)
                if target in _AFTER:
                    _AFTER[target](db)
                db.execute(f"PRAGMA user_version = {target}")
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")

    def init(self) -> tuple[int, int]:
        """Create the ledger file when it is missing (an existing one was migrated on open): the versions before
        and after."""
        if self._db is not None:
            return SCHEMA_VERSION, SCHEMA_VERSION
        self._create()
        return 0, SCHEMA_VERSION

    def _create(self) -> None:
        """Build a new ledger beside the path and link it into place; a ledger someone else linked first wins."""
        file = Path(self.where)
        if not file.parent.is_dir():
            message = at(self.where, *Said.of("ledger.db_no_folder", parent=file.parent))
            raise LedgerError(message)
        scratch = file.with_name(f".{file.name}.{uuid.uuid4().hex}.new")
        try:
            db = self._connect(str(scratch), uri=False)
            try:
                with self._guard("新建"):
                    db.execute("PRAGMA journal_mode = WAL")
                    self._migrate(db)
            finally:
                db.close()
            with contextlib.suppress(FileExistsError):
                os.link(scratch, file)
        except OSError as exc:
            message = at(self.where, *Said.of("ledger.db_cannot_create", strerror=exc.strerror))
            raise LedgerError(message) from None
        finally:
            for leftover in (scratch, *(scratch.with_name(scratch.name + s) for s in ("-wal", "-shm", "-journal"))):
                with contextlib.suppress(OSError):
                    leftover.unlink()
        self._open()

    # -- errors -------------------------------------------------------------------------------

    def _fail(self, exc: sqlite3.Error, doing: str) -> LedgerError:
        name = getattr(exc, "sqlite_errorname", "") or ""
        en = doing_en(doing)
        if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
            return LedgerCorruptError(at(self.where, *Said.of("ledger.db_damaged", exc=exc)))
        if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
            return LedgerLockedError(at(self.where, *Said.of("ledger.db_locked", timeout=self._timeout,
                                                             doing=Said(doing, en))))
        if name.startswith("SQLITE_FULL") or name == "SQLITE_IOERR_SHMSIZE":  # SHMSIZE: no room for the -shm file
            return LedgerFullError(at(self.where, *Said.of("ledger.db_disk_full", doing=Said(doing, en))))
        if name.startswith("SQLITE_READONLY"):
            self.read_only = True
            return LedgerReadOnlyError(at(self.where, *Said.of("ledger.db_read_only", doing=Said(doing, en))))
        if name.startswith("SQLITE_CANTOPEN"):
            return LedgerError(at(self.where, *Said.of("ledger.db_cannot_open_file", exc=exc)))
        return LedgerError(at(self.where, *Said.of("ledger.db_refused", doing=Said(doing, en), exc=exc)))

    @contextlib.contextmanager
    def _guard(self, doing: str) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as exc:
            raise self._fail(exc, doing) from None

    # -- the back-end interface ---------------------------------------------------------------

    def check_read(self, bureau: str | None) -> None:
        """Refuse reading a file that holds several bureaus without naming one (their task ids may coincide).

        Two probes of the chain's index (bureau, chain_no), once per connection.
        """
        if bureau is not None or self._mixed_checked:
            return
        first = self._query("SELECT bureau FROM updates ORDER BY bureau LIMIT 1", ())
        if first and self._query("SELECT 1 FROM updates WHERE bureau > ? LIMIT 1", (first[0][0],)):
            message = at(self.where, *Said.of("ledger.db_several_bureaus"))
            raise LedgerError(message)
        self._mixed_checked = True

    def close(self) -> None:
        """Close the connection (again is fine)."""
        if self._db is not None:
            self._db.close()

    def insert(self, rows: Sequence[Row], recorded_at: dt.datetime, *, skip_existing: bool) -> int:
        """Append the rows in one transaction; returns how many were recorded."""
        if self._db is None:
            self._create()
        db = self._db
        assert db is not None
        stamp = recorded_at.isoformat(timespec="microseconds")
        with self._guard("写入"), _write_transaction(db):
            return self._append(db, rows, stamp, skip_existing=skip_existing)

    @staticmethod
    def _append(db: sqlite3.Connection, rows: Sequence[Row], stamp: str, *, skip_existing: bool) -> int:
        """Insert and chain the rows (inside the caller's write transaction); how many were inserted."""
        last = db.execute("SELECT coalesce(max(seq), 0) FROM updates").fetchone()[0]
        seq = max(last, (db.execute("SELECT coalesce(max(seq), 0) FROM sqlite_sequence WHERE name = 'updates'")
                         .fetchone()[0]))
        heads: dict[str, tuple[int, str]] = {}
        values = []
        for r in rows:
            bureau, task_id, status, percent, on, note, by = r
            day = on.isoformat()
            if skip_existing and db.execute(_EXISTS, (bureau, task_id, day, status, percent, note, last)).fetchone():
                continue
            if bureau not in heads:
                found = db.execute("SELECT chain_no, hash FROM updates WHERE bureau = ? ORDER BY chain_no DESC "
                                   "LIMIT 1", (bureau,)).fetchone()
                heads[bureau] = (int(found[0]), str(found[1])) if found else (0, GENESIS)
            number, prev = heads[bureau]
            seq += 1
            pct = "" if percent is None else str(percent)
            digest = row_hash(prev, (bureau, str(number + 1), str(seq), task_id, status, pct, day, note, by, stamp,
                                     ""))
            values.append((seq, bureau, task_id, status, percent, day, note, by, stamp, number + 1, prev, digest))
            heads[bureau] = (number + 1, digest)
        db.executemany(_INSERT, values)
        return len(values)

    def chain(self, bureau: str | None) -> Iterator[ChainRow]:
        """The rows (of ``bureau`` when given) as the chain hashes them, by bureau and chain number."""
        where, params = _scope(bureau)
        for r in self._query(f"SELECT {_CHAIN_COLUMNS} FROM updates WHERE {where}1 ORDER BY bureau, chain_no",
                             params):
            f = _chain_fields(r)
            number = r[1] if isinstance(r[1], int) else -1  # a chain number edited away is a gap
            yield (f[0], number, int(str(r[2])), f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10], str(r[11]),
                   str(r[12]))

    def _query(self, sql: str, params: tuple[object, ...]) -> list[tuple[object, ...]]:
        if self._db is None:
            return []
        with self._guard("读取"):
            return self._db.execute(sql, params).fetchall()

    def history(self, bureau: str | None, task_id: str) -> list[Update]:
        """One task's updates in the order they take effect."""
        where, params = _scope(bureau)
        return [_row(r) for r in self._query(
            f"SELECT {_COLUMNS} FROM updates WHERE {where}task_id = ? ORDER BY on_date, seq", (*params, task_id))]

    def updates(self, bureau: str | None, since: dt.date | None, until: dt.date | None) -> list[Update]:
        """All updates within the dates, by date, then as recorded."""
        where, params = _scope(bureau)
        low = since.isoformat() if since else "0000-00-00"
        high = until.isoformat() if until else "9999-99-99"
        sql = f"SELECT {_COLUMNS} FROM updates WHERE {where}on_date BETWEEN ? AND ? ORDER BY on_date, seq"
        return [_row(r) for r in self._query(sql, (*params, low, high))]

    def count(self, bureau: str | None) -> int:
        """How many updates."""
        where, params = _scope(bureau)
        rows = self._query(f"SELECT count(*) FROM updates WHERE {where}1", params)
        return int(str(rows[0][0])) if rows else 0

    def status_as_of(self, bureau: str | None, day: dt.date) -> dict[str, Update]:
        """Each task's latest update dated on or before ``day``.

        Two steps in one query: the latest ``seq`` of each task from the covering index alone
        (``max`` picks the row whose date, then seq, is highest), then those rows by rowid, in
        file order — rather than a random table lookup for every update of every task.
        """
        where, params = _scope(bureau)
        sql = (f"SELECT {_COLUMNS} FROM updates WHERE seq IN (SELECT seq FROM (SELECT seq, "
               f"max(on_date || printf('%015d', seq)) FROM updates WHERE {where}on_date <= ? GROUP BY task_id))")
        return {str(r[0]): _row(r) for r in self._query(sql, (*params, day.isoformat()))}

    def status_by_bureau(self, day: dt.date) -> dict[str, dict[str, Update]]:
        """:meth:`status_as_of` of every bureau in one query."""
        sql = (f"SELECT {_COLUMNS}, bureau FROM updates WHERE seq IN (SELECT seq FROM (SELECT seq, "
               "max(on_date || printf('%015d', seq)) FROM updates WHERE on_date <= ? GROUP BY bureau, task_id))")
        result: dict[str, dict[str, Update]] = {}
        for r in self._query(sql, (day.isoformat(),)):
            result.setdefault(str(r[6]), {})[str(r[0])] = _row(r)
        return result

    # -- reviews, accounts, evidence (schema 4, issue 25) ---------------------------------------

    def _writable_db(self) -> sqlite3.Connection:
        if self._db is None:
            self._create()
        assert self._db is not None
        return self._db

    def insert_review(self, bureau: str, review: Review, recorded_at: dt.datetime) -> None:
        """Append a review after checking, in the same transaction, that the task is 已完成 as of its day."""
        db = self._writable_db()
        stamp = recorded_at.isoformat(timespec="microseconds")
        with self._guard("写入"), _write_transaction(db):
            found = db.execute("SELECT status FROM updates WHERE bureau = ? AND task_id = ? AND on_date <= ? "
                               "ORDER BY on_date DESC, seq DESC LIMIT 1",
                               (bureau, review.task_id, review.on.isoformat())).fetchone()
            status = Status(found[0]) if found else Status.NOT_STARTED
            if status is not Status.DONE:
                raise not_done(review, status)
            db.execute("INSERT INTO reviews (bureau, task_id, decision, on_date, reason, reviewed_by, recorded_at) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?)", (bureau, review.task_id, review.decision.value,
                                                        review.on.isoformat(), review.reason, review.by, stamp))

    def reviews(self, bureau: str | None, task_id: str | None) -> list[Review]:
        """The reviews (of one task when given), in recording order."""
        where, params = _scope(bureau)
        if task_id is not None:
            where, params = f"{where}task_id = ? AND ", (*params, task_id)
        rows = self._query("SELECT task_id, decision, on_date, reason, reviewed_by FROM reviews "
                           f"WHERE {where}1 ORDER BY seq", params)
        return [stored_review(*r) for r in rows]  # type: ignore[arg-type]

    def reviewing(self, bureau: str | None) -> bool:
        """Whether the ledger holds any review or any office account."""
        where, params = _scope(bureau)
        return bool(self._query(f"SELECT 1 FROM reviews WHERE {where}1 LIMIT 1", params)
                    or self._query("SELECT 1 FROM accounts WHERE role = 'office' LIMIT 1", ()))

    def insert_account(self, bureau: str | None, account: Account, password_hash: str,
                       created_at: dt.datetime) -> bool:
        """Add an account; ``False`` when one of that name exists (nothing changed)."""
        db = self._writable_db()
        stamp = created_at.isoformat(timespec="microseconds")
        with self._guard("写入"), _write_transaction(db):
            cursor = db.execute("INSERT OR IGNORE INTO accounts (name, role, division, password_hash, created_at, "
                                "password_at) VALUES (?, ?, ?, ?, ?, ?)",
                                (account.name, account.role.value, account.division, password_hash, stamp, stamp))
            return cursor.rowcount == 1

    def set_password(self, bureau: str | None, name: str, password_hash: str, at: dt.datetime) -> bool:
        """Replace an account's password hash; ``False`` when there is no such account."""
        db = self._writable_db()
        with self._guard("写入"), _write_transaction(db):
            cursor = db.execute("UPDATE accounts SET password_hash = ?, password_at = ? WHERE name = ?",
                                (password_hash, at.isoformat(timespec="microseconds"), name))
            return cursor.rowcount == 1

    def account(self, bureau: str | None, name: str) -> tuple[Account, str] | None:
        """The account of that name and its password hash (the file is one bureau's: ``bureau`` is not used)."""
        rows = self._query("SELECT name, role, division, password_hash FROM accounts WHERE name = ?", (name,))
        if not rows:
            return None
        r = rows[0]
        return Account(str(r[0]), str(r[1]), division=r[2]), str(r[3])

    def accounts(self, bureau: str | None) -> list[Account]:
        """Every account, by name (``bureau`` is not used)."""
        return [Account(str(r[0]), str(r[1]), division=r[2])
                for r in self._query("SELECT name, role, division FROM accounts ORDER BY name", ())]

    def _files(self) -> Path:
        return Path(self.where + ".files")

    def insert_evidence(self, bureau: str, evidence: Evidence, data: bytes) -> None:
        """Store the bytes under their hash (once; atomically) and append the metadata."""
        db = self._writable_db()
        if self.where == ":memory:":
            self._memory_files[evidence.sha256] = data
        else:
            store_file(self._files(), evidence.sha256, data, self.where)
        with self._guard("写入"), _write_transaction(db):
            db.execute("INSERT INTO evidence (bureau, sha256, task_id, filename, content_type, size, uploaded_by, "
                       "recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       (bureau, evidence.sha256, evidence.task_id, evidence.filename, evidence.content_type,
                        evidence.size, evidence.by, evidence.recorded_at.isoformat(timespec="microseconds")))

    def evidence(self, bureau: str | None, task_id: str | None, sha256: str | None = None) -> list[Evidence]:
        """The evidence of one task (or with one hash), in recording order."""
        where, params = _scope(bureau)
        if task_id is not None:
            where, params = f"{where}task_id = ? AND ", (*params, task_id)
        if sha256 is not None:
            where, params = f"{where}sha256 = ? AND ", (*params, sha256)
        rows = self._query("SELECT sha256, task_id, filename, content_type, size, uploaded_by, recorded_at "
                           f"FROM evidence WHERE {where}1 ORDER BY seq", params)
        return [Evidence(str(r[0]), str(r[1]), str(r[2]), str(r[3]), int(str(r[4])), str(r[5]),
                         dt.datetime.fromisoformat(str(r[6]))) for r in rows]

    def evidence_bytes(self, sha256: str) -> bytes | None:
        """The stored bytes of a file, or ``None`` when none has that hash."""
        if self.where == ":memory:":
            return self._memory_files.get(sha256)
        return read_file(self._files(), sha256, self.where)

    def audit(self, bureau: str | None) -> list[AuditEntry]:
        """Every write: updates, reviews, evidence, accounts (and password changes), by time."""
        where, params = _scope(bureau)
        entries = [AuditEntry(_when(r[0]), str(r[1]), "update", str(r[2]),
                              f"{r[3]} {'' if r[4] is None else f'{r[4]}% '}{r[5]}")
                   for r in self._query("SELECT recorded_at, reported_by, task_id, status, percent, on_date "
                                        f"FROM updates WHERE {where}1 ORDER BY seq", params)]
        entries += [AuditEntry(_when(r[0]), str(r[1]), f"review.{r[3]}", str(r[2]), f"{r[4]} {r[5]}".strip())
                    for r in self._query("SELECT recorded_at, reviewed_by, task_id, decision, on_date, reason "
                                         f"FROM reviews WHERE {where}1 ORDER BY seq", params)]
        entries += [AuditEntry(_when(r[0]), str(r[1]), "evidence", str(r[2]), f"{r[3]} ({r[4]} B, {r[5]})")
                    for r in self._query("SELECT recorded_at, uploaded_by, task_id, filename, size, sha256 "
                                         f"FROM evidence WHERE {where}1 ORDER BY seq", params)]
        for r in self._query("SELECT created_at, name, role, division, password_at FROM accounts", ()):
            entries.append(AuditEntry(_when(r[0]), str(r[1]), "account", None,
                                      f"{r[2]}{'' if r[3] is None else f' {r[3]}'}"))
            if r[4] != r[0]:
                entries.append(AuditEntry(_when(r[4]), str(r[1]), "account.password", None, ""))
        entries.sort(key=_entry_time)
        return entries


def _when(stamp: object) -> dt.datetime:
    value = dt.datetime.fromisoformat(str(stamp))
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


def _entry_time(entry: AuditEntry) -> dt.datetime:
    return entry.at
