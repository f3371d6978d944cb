"""Setting up the shared ledger with the least privilege each person needs: ``init`` by the DBA, grants by the admin.

Who can do what, once ``fazhi-tasks ledger init`` has run (as a superuser, or as the database's owner
holding CREATEROLE — the only step that needs either):

- ``<db>_ledger_owner`` owns every table and function and **cannot log in**: no person holds the
  privileges the append-only triggers protect (only a superuser can take its place; ``verify`` finds
  what was changed, see ``_ledger_chain``).
- ``<db>_ledger_writer``: each bureau's login role is a member; row-level security keeps it to its
  bureau. ``<db>_ledger_reader``: reads every bureau (the 法治办, the province).
- ``<db>_ledger_admin``: the 法治办's login role is made a member; it may call the grant and revoke
  functions (run as the owner, who holds the writer and reader groups WITH ADMIN OPTION) and read the
  mapping — nothing else. No CREATEROLE: on PostgreSQL 15 that right lets its holder grant itself
  ``pg_execute_server_program`` and run programs as the server's OS user. Login roles are created by
  the DBA (``createuser --pwprompt jh_yjj``); ``grant`` creates a missing one only when the connected
  role may create roles anyway (the DBA).

The roles are named after the database, so a reader of one ledger database reads nothing in another on
the same server (a test copy, a restored copy under a new name).
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import unicodedata
from typing import TYPE_CHECKING, Any

from fazhi_tasks.core.errors import LedgerAccessError, LedgerError, Said
from fazhi_tasks.ledger.base import at, hide_password
from fazhi_tasks.ledger.migrations import LEGACY_READER, LEGACY_WRITER, MIGRATIONS, PG_SCHEMA_VERSION, ROLE_KINDS
from fazhi_tasks.ledger.postgres import _connect, _guard, _lock_key, _no_ledger, _psycopg, schema_version

if TYPE_CHECKING:
    import psycopg

__all__ = ["grant_bureau", "grant_reader", "init_ledger", "list_grants", "revoke_role", "role_names"]

#: PostgreSQL's limit on a role name, in bytes; a longer name is cut silently by the server.
NAME_BYTES = 63
#: The longest bureau name a grant accepts, in characters.
BUREAU_CHARS = 100


def role_names(database: str) -> dict[str, str]:
    """The ledger's own roles in ``database``: kind → name (``<db>_ledger_<kind>``; a hash for unusual names).

    >>> role_names("fazhi")["writer"], role_names("法治")["reader"][:3]
    ('fazhi_ledger_writer', 'fz_')
    """
    prefix = database if re.fullmatch(r"[a-z][a-z0-9_]{0,40}", database) else \
        "fz_" + hashlib.blake2b(database.encode(), digest_size=6).hexdigest()
    return {kind: f"{prefix}_ledger_{kind}" for kind in ROLE_KINDS}


def _sql(statement: str, roles: dict[str, str]) -> str:
    for kind, token in ROLE_KINDS.items():
        statement = statement.replace(token, roles[kind])
    return statement


def _ident(name: str) -> Any:
    return _psycopg().sql.Identifier(name)


def _run(conn: psycopg.Connection[Any], template: str, *names: str) -> None:
    """A statement naming roles or a schema: each ``{}`` an identifier, quoted."""
    sql = _psycopg().sql
    conn.execute(sql.SQL(template).format(*(_ident(n) for n in names)))


def _exists(conn: psycopg.Connection[Any], role: str) -> bool:
    return conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone() is not None


def _members(conn: psycopg.Connection[Any], group: str) -> list[str]:
    rows = conn.execute("SELECT m.rolname FROM pg_auth_members am JOIN pg_roles g ON g.oid = am.roleid "
                        "JOIN pg_roles m ON m.oid = am.member WHERE g.rolname = %s ORDER BY 1", (group,))
    return [r[0] for r in rows]


def _roles(conn: psycopg.Connection[Any]) -> dict[str, str]:
    return {r[0]: r[1] for r in conn.execute("SELECT kind, role_name FROM fazhi_roles")}


def init_ledger(url: str, *, admin: str | None = None, timeout: float = 60.0) -> tuple[int, int]:
    """Create or migrate the shared ledger in the database at ``url``: run by the DBA.

    Creates the database's own roles (NOLOGIN) when missing, has the owner role create the schema, and
    makes ``admin`` (a login role, created without a password when missing) the ledger's admin. A ledger
    of schema version 1 (cluster-wide ``fazhi_writer``/``fazhi_reader``, owned by a login role) is moved to
    the database's own roles and owner; its bureau roles and readers keep their rights here. Safe to run
    again: it applies only what the database lacks.

    Returns:
        The schema version before and after.

    Raises:
        LedgerAccessError: The connected role is neither a superuser nor the database's owner with CREATEROLE.
        LedgerError: The server refused, or the ledger is newer than this program.
    """
    where = hide_password(url)
    with contextlib.closing(_connect(url, timeout)) as conn, _guard(where, "建立账本"), conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (_lock_key("fazhi_tasks ledger init"),))
        before = schema_version(conn)
        if before > PG_SCHEMA_VERSION:
            message = at(where, *Said.of("ledger.pg_newer", before=before, pg_schema_version=PG_SCHEMA_VERSION))
            raise LedgerError(message)
        who = conn.execute(
            "SELECT r.rolname, r.rolsuper, r.rolcreaterole, d.datdba = r.oid, d.datname, current_schema() "
            "FROM pg_roles r, pg_database d WHERE r.rolname = current_user AND d.datname = current_database()"
        ).fetchone()
        assert who is not None
        me, superuser, createrole, db_owner, database, schema = who
        if not (superuser or (createrole and db_owner)):
            message = at(where, *Said.of("ledger.pg_init_needs_dba", me=me))
            raise LedgerAccessError(message)
        roles = _roles(conn) if before >= 2 else role_names(database)  # version 2 made the table
        for name in roles.values():
            if not _exists(conn, name):
                _run(conn, "CREATE ROLE {} NOLOGIN", name)
        owner = roles["owner"]
        _run(conn, "GRANT USAGE, CREATE ON SCHEMA {} TO {}", schema, owner)
        for kind in ("writer", "reader", "admin"):
            _run(conn, "GRANT USAGE ON SCHEMA {} TO {}", schema, roles[kind])
        _run(conn, "GRANT {}, {} TO {} WITH ADMIN OPTION", roles["writer"], roles["reader"], owner)
        borrowed = not superuser and owner not in _members_of(conn, me)
        if borrowed:  # the database's owner takes the owner role for this transaction only
            _run(conn, "GRANT {} TO {}", owner, me)
        if before == 1:
            for table in ("fazhi_updates", "fazhi_bureau_roles", "fazhi_schema"):
                _run(conn, "ALTER TABLE {} OWNER TO {}", table, owner)
            _run(conn, "ALTER FUNCTION fazhi_refuse_change() OWNER TO {}", owner)
        _run(conn, "SET LOCAL ROLE {}", owner)
        for version in range(before + 1, PG_SCHEMA_VERSION + 1):
            for statement in MIGRATIONS[version]:
                conn.execute(_sql(statement, roles))
            if version == 2:
                for kind, name in roles.items():
                    conn.execute("INSERT INTO fazhi_roles (kind, role_name) VALUES (%s, %s)", (kind, name))
                _move_legacy(conn, roles)
            conn.execute("INSERT INTO fazhi_schema (version) VALUES (%s)", (version,))
        conn.execute("RESET ROLE")
        if borrowed:
            _run(conn, "REVOKE {} FROM {}", owner, me)
        if admin:
            _check_name(admin)
            if not _exists(conn, admin):
                _run(conn, "CREATE ROLE {} LOGIN", admin)
            _run(conn, "GRANT {} TO {}", roles["admin"], admin)
    return before, PG_SCHEMA_VERSION


def _members_of(conn: psycopg.Connection[Any], role: str) -> list[str]:
    """The groups ``role`` is directly a member of."""
    rows = conn.execute("SELECT g.rolname FROM pg_auth_members am JOIN pg_roles g ON g.oid = am.roleid "
                        "JOIN pg_roles m ON m.oid = am.member WHERE m.rolname = %s", (role,))
    return [r[0] for r in rows]


def _move_legacy(conn: psycopg.Connection[Any], roles: dict[str, str]) -> None:
    """Version 1 → 2: the cluster-wide groups lose this database's tables; their members here keep their rights."""
    for legacy in (LEGACY_WRITER, LEGACY_READER):
        if _exists(conn, legacy):
            for table in ("fazhi_updates", "fazhi_bureau_roles", "fazhi_schema"):
                _run(conn, "REVOKE ALL ON {} FROM {}", table, legacy)
            _run(conn, "REVOKE ALL ON SEQUENCE fazhi_updates_seq_seq FROM {}", legacy)
    for (role,) in conn.execute("SELECT role_name FROM fazhi_bureau_roles").fetchall():
        if _exists(conn, role):
            _run(conn, "GRANT {} TO {}", roles["writer"], role)
    if _exists(conn, LEGACY_READER):
        for role in _members(conn, LEGACY_READER):
            _run(conn, "GRANT {} TO {}", roles["reader"], role)


def _check_name(role: str) -> None:
    if not role.strip() or len(role.encode()) > NAME_BYTES or any(unicodedata.category(c).startswith("C")
                                                                   for c in role):
        message = Said.of("ledger.bad_role_name", role=repr(role), name_bytes=NAME_BYTES)
        raise LedgerError(message)


def _check_bureau(bureau: str) -> None:
    if not bureau.strip() or len(bureau) > BUREAU_CHARS or bureau != bureau.strip() or any(
            unicodedata.category(c).startswith("C") for c in bureau):
        message = Said.of("ledger.bad_bureau_name", bureau=repr(bureau), bureau_chars=BUREAU_CHARS)
        raise LedgerError(message)


def _grantee(conn: psycopg.Connection[Any], where: str, role: str, kind: str) -> bool:
    """Refuse what may not be granted, saying why; create a missing login role when this role may; created?"""
    roles = _roles(conn)
    found = conn.execute("SELECT rolsuper FROM pg_roles WHERE rolname = %s", (role,)).fetchone()
    if found is None:
        may = conn.execute("SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user").fetchone()
        if not (may and may[0]):
            message = at(where, *Said.of("ledger.pg_no_role", role=role))
            raise LedgerError(message)
        _run(conn, "CREATE ROLE {} LOGIN", role)
        return True
    refusal: tuple[str, str] | None = None
    if found[0]:
        refusal = ("是超级用户，不受行级安全限制，不能作为单位或只读角色", "is a superuser, beyond row-level security")
    elif role in roles.values() or role in (LEGACY_WRITER, LEGACY_READER) or role.startswith("pg_"):
        refusal = ("是账本或数据库自己的组角色，不能授权给单位", "is a group role of the ledger or the server")
    elif role in _members(conn, roles["admin"]):
        refusal = ("是账本管理员，管理员只授权、不读写",
                   "is the ledger's admin, who grants but neither reads nor writes")
    elif kind == "reader" and (role in _members(conn, roles["writer"]) or conn.execute(
            "SELECT 1 FROM fazhi_bureau_roles WHERE role_name = %s", (role,)).fetchone()):
        refusal = ("已是某单位的写入角色；改为只读全部单位前请先 ledger revoke",
                   "writes for a bureau: ledger revoke it before making it a reader")
    elif kind == "writer" and role in _members(conn, roles["reader"]):
        refusal = ("已是只读全部单位的角色；改为单位写入角色前请先 ledger revoke",
                   "reads every bureau: ledger revoke it before making it a bureau's writer")
    if refusal:
        message = at(where, *Said.of("ledger.pg_cannot_grant", role=role,
                                     refusal=Said(str(refusal[0]), str(refusal[1]))))
        raise LedgerAccessError(message)
    return False


@contextlib.contextmanager
def _ledger(url: str, timeout: float, doing: str) -> Any:
    where = hide_password(url)
    with contextlib.closing(_connect(url, timeout)) as conn, _guard(where, doing), conn.transaction():
        version = schema_version(conn)
        if not version:
            raise LedgerError(_no_ledger(where))
        if version < PG_SCHEMA_VERSION:
            message = at(where, *Said.of("ledger.pg_older", version=version))
            raise LedgerError(message)
        yield conn, where


def grant_bureau(url: str, bureau: str, role: str, *, timeout: float = 60.0) -> bool:
    """Let ``role`` write and read the rows of ``bureau`` (and no other): map it and make it a writer.

    Run by the ledger's admin (or the DBA). A role maps to one bureau; granting it again moves it.

    Returns:
        Whether the role was created (only when the connected role may create roles: the DBA).

    Raises:
        LedgerAccessError: The role is a superuser, a group role, the admin, or already a reader.
        LedgerError: The role does not exist (and may not be created here), or a name is unusable.
    """
    _check_name(role)
    _check_bureau(bureau)
    with _ledger(url, timeout, "授权") as (conn, where):
        created = _grantee(conn, where, role, "writer")
        conn.execute("SELECT fazhi_grant_bureau(%s, %s)", (role, bureau))
    return created


def grant_reader(url: str, role: str, *, timeout: float = 60.0) -> bool:
    """Let ``role`` read every bureau's rows (the 法治办, a province office); it writes nothing.

    Returns:
        Whether the role was created.

    Raises:
        LedgerAccessError: The role is a superuser, a group role, the admin, or already a bureau's writer.
    """
    _check_name(role)
    with _ledger(url, timeout, "授权") as (conn, where):
        created = _grantee(conn, where, role, "reader")
        conn.execute("SELECT fazhi_grant_reader(%s)", (role,))
    return created


def revoke_role(url: str, role: str, *, timeout: float = 60.0) -> bool:
    """Take a bureau's or a reader's rights away from ``role`` (its rows stay, as recorded).

    Returns:
        Whether it had any.
    """
    _check_name(role)
    with _ledger(url, timeout, "授权") as (conn, _):
        row = conn.execute("SELECT fazhi_revoke(%s)", (role,)).fetchone()
    return bool(row and row[0])


def list_grants(url: str, *, timeout: float = 60.0) -> list[tuple[str, str, str]]:
    """Who may do what: (role, ``"writer"``/``"reader"``/``"admin"``, bureau or ``""``), by kind then role."""
    with _ledger(url, timeout, "读取") as (conn, _):
        roles = _roles(conn)
        result = [(r, "writer", b) for r, b in conn.execute(
            "SELECT role_name, bureau FROM fazhi_bureau_roles ORDER BY role_name")]
        result += [(r, "reader", "") for r in _members(conn, roles["reader"]) if r != roles["owner"]]
        result += [(r, "admin", "") for r in _members(conn, roles["admin"])]
    order = {"admin": 0, "reader": 1, "writer": 2}
    return sorted(result, key=lambda g: (order[g[1]], g[0]))
