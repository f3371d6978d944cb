"""The PostgreSQL back end of :class:`~fazhi_tasks.Ledger` (the set-up — init, grants — is in ``_ledger_admin``).

A city's bureaus write into one database from many machines; the database does the guarding
(row-level security per bureau, triggers against UPDATE/DELETE/TRUNCATE, privileges, the hash chain). psycopg 3
is imported only here, on first use (``pip install fazhi-tasks[postgres]``). Every SQL value goes
in as a parameter; role names go in as quoted identifiers.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import time
import uuid
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from fazhi_tasks.core.errors import (
    LedgerAccessError,
    LedgerCorruptError,
    LedgerError,
    LedgerFullError,
    LedgerLockedError,
    LedgerReadOnlyError,
    Said,
)
from fazhi_tasks.ledger.base import (
    ChainRow,
    Row,
    at,
    doing_en,
    hide_password,
    not_done,
    stored_review,
    stored_update,
)
from fazhi_tasks.ledger.chain import canonical_time
from fazhi_tasks.ledger.migrations import PG_SCHEMA_VERSION
from fazhi_tasks.model.review import Account, AuditEntry, Evidence, Review
from fazhi_tasks.model.values import Status, Update

if TYPE_CHECKING:
    import psycopg

__all__ = ["PostgresBackend", "schema_version"]

_COLUMNS = "task_id, status, percent, on_date, note, reported_by"
_INCOMING = ("CREATE TEMP TABLE fazhi_incoming (ord integer, bureau text, task_id text, status text, "
             "percent smallint, on_date date, note text, reported_by text) ON COMMIT DELETE ROWS")
# recorded_at, recorded_by and the chain are the server's: the trigger fazhi_chain sets them
_MOVE = ("INSERT INTO fazhi_updates (bureau, task_id, status, percent, on_date, note, reported_by) "
         "SELECT i.bureau, i.task_id, i.status, i.percent, i.on_date, i.note, i.reported_by "
         "FROM fazhi_incoming i")
_CHAIN_ROWS = ("SELECT bureau, chain_no, seq, task_id, status, percent, on_date, note, reported_by, recorded_at, "
               "recorded_by, prev_hash, hash FROM fazhi_updates WHERE {}true ORDER BY bureau, chain_no")
_ONLY_NEW = (" WHERE NOT EXISTS (SELECT 1 FROM fazhi_updates u WHERE u.bureau = i.bureau AND u.task_id = i.task_id "
             "AND u.on_date = i.on_date AND u.status = i.status AND u.percent IS NOT DISTINCT FROM i.percent "
             "AND u.note = i.note)")


def _psycopg() -> Any:
    try:
        import psycopg
    except ImportError:
        message = Said.of("ledger.needs_psycopg")
        raise LedgerError(message) from None
    return psycopg


def _row(r: Sequence[Any]) -> Update:
    return stored_update(r[0], r[1], r[3], r[2], note=r[4], by=r[5])


def _fail(exc: Exception, where: str, doing: str) -> LedgerError:
    """The psycopg error as the LedgerError that says what happened."""
    code = getattr(exc, "sqlstate", None) or ""
    detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    en = doing_en(doing)
    if code == "42501":
        if "row-level security" in detail:
            return LedgerAccessError(at(where, *Said.of("ledger.pg_own_bureau_only", doing=Said(doing, en),
                                                        detail=detail)))
        return LedgerAccessError(at(where, *Said.of("ledger.pg_not_granted", doing=Said(doing, en), detail=detail)))
    if code == "25006":
        return LedgerReadOnlyError(at(where, *Said.of("ledger.pg_standby", doing=Said(doing, en))))
    if code.startswith("53"):
        return LedgerFullError(at(where, *Said.of("ledger.pg_full", doing=Said(doing, en), detail=detail)))
    lower = detail.lower()
    if code.startswith("28") or "authentication failed" in lower or "no pg_hba.conf entry" in lower:
        return LedgerAccessError(at(where, *Said.of("ledger.pg_login_refused", doing=Said(doing, en), detail=detail)))
    if code in ("57P01", "57P02", "57P03") or "shutting down" in lower or "terminating connection" in lower \
            or "closed the connection unexpectedly" in lower or "starting up" in lower:
        return LedgerError(at(where, *Said.of("ledger.pg_shutting_down", doing=Said(doing, en), detail=detail)))
    if code == "57014" or "timeout expired" in lower:
        return LedgerLockedError(at(where, *Said.of("ledger.pg_timeout", doing=Said(doing, en), detail=detail)))
    if "connection refused" in lower or "no such file or directory" in lower or "could not translate host" in lower:
        return LedgerError(at(where, *Said.of("ledger.pg_no_server", doing=Said(doing, en), detail=detail)))
    if code in ("55P03", "57014", "40P01"):
        return LedgerLockedError(at(where, *Said.of("ledger.pg_locked", doing=Said(doing, en), detail=detail)))
    if code.startswith("XX"):
        return LedgerCorruptError(at(where, *Said.of("ledger.pg_damaged", doing=Said(doing, en), detail=detail)))
    if code in ("42P01", "42883"):
        return LedgerError(at(where, *Said.of("ledger.pg_no_ledger_detail", detail=detail)))
    if not code:
        return LedgerError(at(where, *Said.of("ledger.pg_unreachable", doing=Said(doing, en), detail=detail)))
    return LedgerError(at(where, *Said.of("ledger.pg_refused", doing=Said(doing, en), detail=detail)))


def _no_ledger(where: str) -> Said:
    return at(where, *Said.of("ledger.pg_no_ledger"))


@contextlib.contextmanager
def _guard(where: str, doing: str) -> Iterator[None]:
    pg = _psycopg()
    try:
        yield
    except pg.Error as exc:
        raise _fail(exc, where, doing) from None


def _connect(url: str, timeout: float) -> psycopg.Connection[Any]:
    pg = _psycopg()
    where = hide_password(url)
    with _guard(where, "连接"):
        conn: psycopg.Connection[Any] = pg.connect(url, autocommit=True, connect_timeout=max(1, int(timeout)))
        conn.execute("SELECT set_config('lock_timeout', %s, false), set_config('statement_timeout', %s, false)",
                     (f"{int(timeout * 1000)}ms", f"{int(timeout * 1000)}ms"))
    return conn


def schema_version(conn: psycopg.Connection[Any]) -> int:
    """The ledger schema version of the connected database; 0 when it has none."""
    # pg_class, not information_schema: the latter hides tables a role has no grant on
    found = conn.execute("SELECT count(*) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n "
                         "ON n.oid = c.relnamespace WHERE c.relname = 'fazhi_schema' "
                         "AND n.nspname = current_schema()").fetchone()
    if not found or not found[0]:
        return 0
    row = conn.execute("SELECT max(version) FROM fazhi_schema").fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def _lock_key(text: str) -> int:
    """A stable signed 64-bit advisory-lock key for a text."""
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big", signed=True)


class PostgresBackend:
    """Rows of the shared ledger; see :class:`~fazhi_tasks.Ledger`."""

    needs_bureau = True

    def __init__(self, url: str, *, timeout: float) -> None:
        self.where = hide_password(url)
        self._url, self._timeout = url, timeout
        self._conn = _connect(url, timeout)
        self._incoming = False
        try:
            with _guard(self.where, "打开"):
                version = schema_version(self._conn)
                if version == 0:
                    raise LedgerError(_no_ledger(self.where))
                if version != PG_SCHEMA_VERSION:
                    newer = version > PG_SCHEMA_VERSION
                    message = at(self.where, f"账本版本 {version} 比本程序支持的（{PG_SCHEMA_VERSION}）"
                                 + ("新，请升级 fazhi_tasks" if newer else "旧，请运行 fazhi-tasks ledger init 升级"),
                                 f"the ledger's version {version} is "
                                 + (f"newer than this program's ({PG_SCHEMA_VERSION}): upgrade fazhi_tasks" if newer
                                    else f"older than this program's ({PG_SCHEMA_VERSION}): run fazhi-tasks ledger "
                                    "init to upgrade it"))
                    raise LedgerError(message)
                mapped = self._conn.execute("SELECT bureau FROM fazhi_bureau_roles WHERE role_name = current_user"
                                            ).fetchall()
                self.default_bureau: str | None = mapped[0][0] if len(mapped) == 1 else None
                row = self._conn.execute("SELECT pg_has_role(current_user, f.role_name, 'USAGE') OR r.rolsuper OR "
                                         "r.rolbypassrls FROM pg_roles r, fazhi_roles f WHERE r.rolname = "
                                         "current_user AND f.kind = 'reader'").fetchone()
                self.reads_all = bool(row and row[0])
                self._checked: set[str | None] = set()
                row = self._conn.execute("SELECT has_any_column_privilege('fazhi_updates', 'INSERT')").fetchone()
                self.read_only = not (row and row[0])
        except BaseException:
            self._conn.close()
            raise

    def close(self) -> None:
        """Close the connection (again is fine)."""
        self._conn.close()

    def check_read(self, bureau: str | None) -> None:
        """Refuse a read that would come back silently empty or mixed (once per bureau and connection).

        A bureau's role naming another bureau reads nothing (row-level security): refused. A bureau no
        grant names and no row carries is a misspelling: refused, with the bureaus there are. A reader
        not naming a bureau while the ledger holds several would mix bureaus that share task ids: refused.
        """
        if bureau in self._checked:
            return
        try:
            self._check_read(bureau)
        except LedgerError:
            if not self._lost():
                raise
            self._reconnect()
            self._check_read(bureau)
        self._checked.add(bureau)

    def _check_read(self, bureau: str | None) -> None:
        with _guard(self.where, "读取"):
            if bureau is not None and self.default_bureau is not None and bureau != self.default_bureau \
                    and not self.reads_all:
                message = at(self.where, *Said.of("ledger.pg_other_bureau", default_bureau=self.default_bureau,
                                                  bureau=Said(str(bureau), repr(bureau))))
                raise LedgerAccessError(message)
            granted = [r[0] for r in self._conn.execute("SELECT DISTINCT bureau FROM fazhi_bureau_roles ORDER BY 1")]
            if bureau is not None and bureau not in granted and not self._conn.execute(
                    "SELECT 1 FROM fazhi_updates WHERE bureau = %s LIMIT 1", (bureau,)).fetchone():
                from fazhi_tasks.model.plan import suggest

                hint = suggest(bureau, granted)
                hint_zh, hint_en = (hint("zh"), hint("en")) if callable(hint) else (hint, hint)
                known = Said(*(sep.join(granted[:10]) for sep in Said.of("sep.list")))
                known = known if known.zh else Said.of("ledger.none")
                message = at(self.where, *Said.of("ledger.pg_unknown_bureau", bureau=Said(str(bureau), repr(bureau)),
                                                  hint=Said(str(hint_zh), str(hint_en)), known=known))
                raise LedgerError(message)
            if bureau is None and self.default_bureau is None:
                first = self._conn.execute("SELECT min(bureau) FROM fazhi_updates").fetchone()
                other = first and first[0] is not None and self._conn.execute(
                    "SELECT 1 FROM fazhi_updates WHERE bureau > %s LIMIT 1", (first[0],)).fetchone()
                if other:
                    message = at(self.where, *Said.of("ledger.pg_several_bureaus"))
                    raise LedgerError(message)

    def __repr__(self) -> str:
        return f"PostgresBackend({self.where!r})"

    def _lost(self) -> bool:
        """Whether the connection is gone (a server restart, a network cut), rather than a query refused."""
        return bool(self._conn.closed or getattr(self._conn, "broken", False))

    def _reconnect(self) -> None:
        """A new connection, trying again for up to the timeout while the server comes back."""
        self._conn.close()
        deadline = time.monotonic() + self._timeout
        while True:
            try:
                self._conn = _connect(self._url, self._timeout)
            except LedgerError:
                if time.monotonic() >= deadline:
                    raise
                time.sleep(0.5)
                continue
            self._incoming = False
            return

    def insert(self, rows: Sequence[Row], recorded_at: dt.datetime, *, skip_existing: bool) -> int:
        """Append the rows in one transaction (COPY into a scratch table, then one INSERT … SELECT).

        ``recorded_at`` is not used: the server stamps each row with its own time, and chains it. The batch
        carries a key made here and recorded with it (``fazhi_batches``): when the connection is lost on the
        way, the ledger reconnects and looks the key up — found, the batch was committed and is not sent
        again; absent, it was not, and is sent once more. A retry never doubles a batch or loses it.
        """
        batch = uuid.uuid4().hex
        try:
            return self._insert(rows, skip_existing=skip_existing, batch=batch)
        except LedgerError:
            if not self._lost():
                raise
        self._reconnect()
        with _guard(self.where, "写入"):
            done = self._conn.execute("SELECT row_count FROM fazhi_batches WHERE batch = %s", (batch,)).fetchone()
        if done is not None:
            return int(done[0])
        return self._insert(rows, skip_existing=skip_existing, batch=batch)

    def _insert(self, rows: Sequence[Row], *, skip_existing: bool, batch: str) -> int:
        conn = self._conn
        with _guard(self.where, "写入"), conn.transaction():
            # the timeout bounds the wait for other writers (lock_timeout); a large batch gets 1 ms a row more
            conn.execute("SELECT set_config('statement_timeout', %s, true)",
                         (f"{int(max(self._timeout, len(rows) / 1000) * 1000)}ms",))
            if not self._incoming:
                conn.execute(_INCOMING)
            with conn.cursor() as cur, cur.copy("COPY fazhi_incoming (ord, bureau, task_id, status, percent, "
                                                "on_date, note, reported_by) FROM STDIN") as copy:
                for k, r in enumerate(rows):
                    copy.write_row((k, *r))
            if skip_existing:  # two imports of one file at once must not both find it new
                for bureau in sorted({r[0] for r in rows}):
                    conn.execute("SELECT fazhi_lock_chain(%s)", (bureau,))
            cursor = conn.execute(_MOVE + (_ONLY_NEW if skip_existing else "") + " ORDER BY i.ord")
            count = cursor.rowcount
            conn.execute("INSERT INTO fazhi_batches (batch, bureau, row_count) VALUES (%s, %s, %s)",
                         (batch, rows[0][0], count))
        self._incoming = True
        return count

    def _query(self, sql: str, params: tuple[Any, ...]) -> list[Any]:
        """Rows of a read; a lost connection is opened again and the read tried once more."""
        try:
            with _guard(self.where, "读取"):
                return self._conn.execute(sql, params).fetchall()
        except LedgerError:
            if not self._lost():
                raise
        self._reconnect()
        with _guard(self.where, "读取"):
            return self._conn.execute(sql, params).fetchall()

    @staticmethod
    def _scope(bureau: str | None) -> tuple[str, tuple[Any, ...]]:
        return ("", ()) if bureau is None else ("bureau = %s AND ", (bureau,))

    def history(self, bureau: str | None, task_id: str) -> list[Update]:
        """One task's updates in the order they take effect."""
        where, params = self._scope(bureau)
        return [_row(r) for r in self._query(
            f"SELECT {_COLUMNS} FROM fazhi_updates WHERE {where}task_id = %s ORDER BY on_date, seq",
            (*params, task_id))]

    def updates(self, bureau: str | None, since: dt.date | None, until: dt.date | None) -> list[Update]:
        """All updates within the dates, by date, then as recorded."""
        where, params = self._scope(bureau)
        low, high = since or dt.date.min, until or dt.date.max
        sql = f"SELECT {_COLUMNS} FROM fazhi_updates WHERE {where}on_date BETWEEN %s AND %s ORDER BY on_date, seq"
        return [_row(r) for r in self._query(sql, (*params, low, high))]

    def count(self, bureau: str | None) -> int:
        """How many updates this role may see."""
        where, params = self._scope(bureau)
        return int(self._query(f"SELECT count(*) FROM fazhi_updates WHERE {where}true", params)[0][0])

    def status_as_of(self, bureau: str | None, day: dt.date) -> dict[str, Update]:
        """Each task's latest update dated on or before ``day``: one DISTINCT ON query over the index."""
        where, params = self._scope(bureau)
        sql = (f"SELECT DISTINCT ON (task_id) {_COLUMNS} FROM fazhi_updates WHERE {where}on_date <= %s "
               "ORDER BY task_id, on_date DESC, seq DESC")
        return {r[0]: _row(r) for r in self._query(sql, (*params, day))}

    def chain(self, bureau: str | None) -> Iterator[ChainRow]:
        """The rows this role may read (of ``bureau`` when given), as the chain hashes them, by bureau and chain
        number (a server-side cursor)."""
        where, params = self._scope(bureau)
        with _guard(self.where, "读取"), self._conn.transaction(), self._conn.cursor(name="fazhi_chain") as cur:
            cur.itersize = 20_000
            cur.execute(_CHAIN_ROWS.format(where), params)
            for r in cur:
                yield (r[0], r[1], r[2], r[3], r[4], "" if r[5] is None else str(r[5]), r[6].isoformat(), r[7], r[8],
                       canonical_time(r[9]), r[10], r[11], r[12])

    def status_by_bureau(self, day: dt.date) -> dict[str, dict[str, Update]]:
        """:meth:`status_as_of` of every bureau this role may read, in one query."""
        sql = (f"SELECT DISTINCT ON (bureau, task_id) {_COLUMNS}, bureau FROM fazhi_updates WHERE on_date <= %s "
               "ORDER BY bureau, task_id, on_date DESC, seq DESC")
        result: dict[str, dict[str, Update]] = {}
        for r in self._query(sql, (day,)):
            result.setdefault(r[6], {})[r[0]] = _row(r)
        return result

    # -- reviews (schema 3); accounts and evidence (schema 4, issue 25) --------------------------

    def insert_review(self, bureau: str, review: Review, recorded_at: dt.datetime) -> None:
        """Append a review after checking, in the same transaction, that the task is 已完成 as of its day.

        ``recorded_at`` is not used: the server stamps the row (and the role that wrote it).
        """
        with _guard(self.where, "写入"), self._conn.transaction():
            found = self._conn.execute(
                "SELECT status FROM fazhi_updates WHERE bureau = %s AND task_id = %s AND on_date <= %s "
                "ORDER BY on_date DESC, seq DESC LIMIT 1", (bureau, review.task_id, review.on)).fetchone()
            status = Status(found[0]) if found else Status.NOT_STARTED
            if status is not Status.DONE:
                raise not_done(review, status)
            self._conn.execute("INSERT INTO fazhi_reviews (bureau, task_id, decision, on_date, reason, reviewed_by) "
                               "VALUES (%s, %s, %s, %s, %s, %s)", (bureau, review.task_id, review.decision.value,
                                                                   review.on, review.reason, review.by))

    def reviews(self, bureau: str | None, task_id: str | None) -> list[Review]:
        """The reviews this role may read (of one task when given), in recording order."""
        where, params = self._scope(bureau)
        if task_id is not None:
            where, params = f"{where}task_id = %s AND ", (*params, task_id)
        rows = self._query("SELECT task_id, decision, on_date, reason, reviewed_by FROM fazhi_reviews "
                           f"WHERE {where}true ORDER BY seq", params)
        return [stored_review(*r) for r in rows]

    def reviewing(self, bureau: str | None) -> bool:
        """Whether the bureau's rows hold any review, or the bureau has an office account."""
        where, params = self._scope(bureau)
        return bool(self._query(f"SELECT 1 FROM fazhi_reviews WHERE {where}true LIMIT 1", params)
                    or self._query(f"SELECT 1 FROM fazhi_accounts WHERE {where}role = 'office' LIMIT 1", params))

    def _bureau(self, bureau: str | None) -> str:
        """The bureau an account belongs to: the one given, else the login role's own."""
        chosen = bureau or self.default_bureau
        if not chosen:
            message = Said.of("ledger.needs_bureau", path=self.where)
            raise LedgerError(message)
        return chosen

    def insert_account(self, bureau: str | None, account: Account, password_hash: str,
                       created_at: dt.datetime) -> bool:
        """Add an account of the bureau; ``False`` when the bureau has one of that name (nothing changed).

        ``created_at`` is not used: the server stamps the row (and the role that wrote it).
        """
        owner = self._bureau(bureau)
        pg = _psycopg()
        try:
            with _guard(self.where, "写入"), self._conn.transaction():
                cursor = self._conn.execute(
                    "INSERT INTO fazhi_accounts (bureau, name, role, division, password_hash) "
                    "SELECT %s, %s, %s, %s, %s WHERE NOT EXISTS "
                    "(SELECT 1 FROM fazhi_accounts a WHERE a.bureau = %s AND a.name = %s)",
                    (owner, account.name, account.role.value, account.division, password_hash, owner, account.name))
                return cursor.rowcount == 1
        except LedgerError as exc:  # two adding the same name at once: the key refuses the second
            if isinstance(exc.__context__, pg.errors.UniqueViolation):
                return False
            raise

    def set_password(self, bureau: str | None, name: str, password_hash: str, at: dt.datetime) -> bool:
        """Replace the password hash of the bureau's account; ``False`` when it has no such account.

        ``at`` is not used: a trigger stamps the change with the server's time.
        """
        owner = self._bureau(bureau)
        with _guard(self.where, "写入"), self._conn.transaction():
            cursor = self._conn.execute("UPDATE fazhi_accounts SET password_hash = %s WHERE bureau = %s AND name = %s",
                                        (password_hash, owner, name))
            return cursor.rowcount == 1

    def account(self, bureau: str | None, name: str) -> tuple[Account, str] | None:
        """The bureau's account of that name and its password hash (a reader role may read no hash: None)."""
        owner = bureau or self.default_bureau
        if not owner or self.read_only:
            return None
        rows = self._query("SELECT name, role, division, password_hash FROM fazhi_accounts "
                           "WHERE bureau = %s AND name = %s", (owner, name))
        if not rows:
            return None
        r = rows[0]
        return Account(r[0], r[1], division=r[2]), r[3]

    def accounts(self, bureau: str | None) -> list[Account]:
        """The bureau's accounts by name (every bureau's this role may read, when none is given)."""
        owner = bureau or self.default_bureau
        where, params = self._scope(owner)
        return [Account(r[0], r[1], division=r[2]) for r in self._query(
            f"SELECT name, role, division FROM fazhi_accounts WHERE {where}true ORDER BY name, bureau", params)]

    def insert_evidence(self, bureau: str, evidence: Evidence, data: bytes) -> None:
        """Store the bytes once under their hash and append the metadata, in one call the server checks."""
        with _guard(self.where, "写入"), self._conn.transaction():
            found = self._conn.execute("SELECT fazhi_add_evidence(%s, %s, %s, %s, %s, %s)",
                                       (bureau, evidence.task_id, evidence.filename, evidence.content_type,
                                        evidence.by, data)).fetchone()
        if not found or found[0] != evidence.sha256:
            message = at(self.where, *Said.of("ledger.pg_evidence_hash", sha=evidence.sha256[:12]))
            raise LedgerCorruptError(message)

    def evidence(self, bureau: str | None, task_id: str | None, sha256: str | None = None) -> list[Evidence]:
        """The evidence this role may read (of one task, or with one hash), in recording order."""
        where, params = self._scope(bureau)
        if task_id is not None:
            where, params = f"{where}task_id = %s AND ", (*params, task_id)
        if sha256 is not None:
            where, params = f"{where}sha256 = %s AND ", (*params, sha256)
        rows = self._query("SELECT sha256, task_id, filename, content_type, size, uploaded_by, recorded_at "
                           f"FROM fazhi_evidence WHERE {where}true ORDER BY seq", params)
        return [Evidence(r[0], r[1], r[2], r[3], int(r[4]), r[5], r[6]) for r in rows]

    def evidence_bytes(self, sha256: str) -> bytes | None:
        """The stored bytes of a file this role may read (its bureau's evidence names it), or ``None``."""
        rows = self._query("SELECT data FROM fazhi_evidence_files WHERE sha256 = %s", (sha256,))
        return bytes(rows[0][0]) if rows else None

    def audit(self, bureau: str | None) -> list[AuditEntry]:
        """The updates, reviews, evidence and accounts this role may read, as audit entries, by time."""
        where, params = self._scope(bureau)
        rows = self._query(f"SELECT recorded_at, reported_by, task_id, status, percent, on_date FROM fazhi_updates "
                           f"WHERE {where}true ORDER BY recorded_at, seq", params)
        entries = [AuditEntry(r[0], r[1], "update", r[2], f"{r[3]} {'' if r[4] is None else f'{r[4]}% '}{r[5]}")
                   for r in rows]
        entries += [AuditEntry(r[0], r[1], f"review.{r[3]}", r[2], f"{r[4].isoformat()} {r[5]}".strip())
                    for r in self._query("SELECT recorded_at, reviewed_by, task_id, decision, on_date, reason "
                                         f"FROM fazhi_reviews WHERE {where}true ORDER BY seq", params)]
        entries += [AuditEntry(r[0], r[1], "evidence", r[2], f"{r[3]} ({r[4]} B, {r[5]})")
                    for r in self._query("SELECT recorded_at, uploaded_by, task_id, filename, size, sha256 "
                                         f"FROM fazhi_evidence WHERE {where}true ORDER BY seq", params)]
        for r in self._query("SELECT created_at, name, role, division, password_at FROM fazhi_accounts "
                             f"WHERE {where}true ORDER BY created_at, name", params):
            entries.append(AuditEntry(r[0], r[1], "account", None, f"{r[2]}{'' if r[3] is None else f' {r[3]}'}"))
            if r[4] != r[0]:
                entries.append(AuditEntry(r[4], r[1], "account.password", None, ""))
        entries.sort(key=lambda e: e.at)
        return entries
