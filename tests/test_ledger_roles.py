"""Least privilege on the shared ledger: the DBA inits, the admin only grants, nobody logs in as the owner,
and a reader of one ledger database reads nothing of another on the same server."""

from __future__ import annotations

import datetime as dt
import io
import uuid
from collections.abc import Iterator
from typing import Any

import attrs
import pytest

import fazhi_tasks as ft
from fazhi_tasks.cli import main
from fazhi_tasks.ledger.admin import (
    grant_bureau,
    grant_reader,
    init_ledger,
    list_grants,
    revoke_role,
    role_names,
)
from fazhi_tasks.ledger.migrations import MIGRATIONS, ROLE_KINDS

from .postgres import Server

psycopg = pytest.importorskip("psycopg", reason="psycopg is not installed (pip install 'fazhi-tasks[postgres]')")

D = dt.date


def u(task: str, status: str, day: int) -> ft.Update:
    return ft.Update(task, status, D(2021, 3, day))


def raw(url: str, sql: str, params: tuple[object, ...] = ()) -> list[Any]:
    with psycopg.connect(url, autocommit=True) as conn:
        cur = conn.execute(sql, params)
        return cur.fetchall() if cur.description else []


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@attrs.frozen
class Site:
    """A ledger database set up as the how-to says: DBA, admin, two bureaus, a reader; each a URL."""

    server: Server
    database: str
    dba: str
    admin: str
    jia: str
    yi: str
    reader: str
    names: dict[str, str]
    roles: dict[str, str]

    def url(self, user: str) -> str:
        return self.server.url(self.database, user=user)


@pytest.fixture
def site(postgres: Server) -> Iterator[Site]:
    tag = uuid.uuid4().hex[:8]
    database = f"l_{tag}"
    raw(postgres.url(), f'CREATE DATABASE "{database}"')
    dba = postgres.url(database)
    names = {"admin": f"fzb_{tag}", "jia": f"jia_{tag}", "yi": f"yi_{tag}", "reader": f"city_{tag}"}
    for name in names.values():  # the DBA creates the login roles (createuser --pwprompt …)
        raw(postgres.url(), f'CREATE ROLE "{name}" LOGIN')
    assert (0, 4) == init_ledger(dba, admin=names["admin"])
    admin = postgres.url(database, user=names["admin"])
    assert not grant_bureau(admin, "甲局", names["jia"])
    assert not grant_bureau(admin, "乙局", names["yi"])
    assert not grant_reader(admin, names["reader"])
    jia, yi, reader = (postgres.url(database, user=names[k]) for k in ("jia", "yi", "reader"))
    yield Site(postgres, database, dba, admin, jia, yi, reader, names, role_names(database))
    postgres.drop_database(dba)


class TestInit:
    def test_the_owner_cannot_log_in_and_owns_everything(self, site: Site) -> None:
        """Every table and function belongs to the database's own owner role, which has no login."""
        owner = site.roles["owner"]
        assert [(False, False)] == raw(site.dba, "SELECT rolcanlogin, rolsuper FROM pg_roles WHERE rolname = %s",
                                       (owner,))
        tables = raw(site.dba, "SELECT tablename, tableowner FROM pg_tables WHERE tablename LIKE 'fazhi%%'")
        assert {owner} == {o for _, o in tables} and 10 == len(tables)  # accounts and evidence since version 4
        functions = raw(site.dba, "SELECT proname, pg_get_userbyid(proowner) FROM pg_proc WHERE proname LIKE "
                                  "'fazhi%%'")
        assert {owner} == {o for _, o in functions}
        assert [] == raw(site.dba, "SELECT rolname FROM pg_roles WHERE rolname = ANY(%s) AND "
                                   "(rolcanlogin OR rolcreaterole OR rolsuper)", (list(site.roles.values()),))

    def test_roles_are_named_after_the_database(self, site: Site) -> None:
        """The roles carry the database's name; none is the cluster-wide fazhi_writer of version 1."""
        assert [(k, f"{site.database}_ledger_{k}") for k in sorted(ROLE_KINDS)] == raw(
            site.dba, "SELECT kind, role_name FROM fazhi_roles ORDER BY kind")

    def test_init_needs_the_dba(self, site: Site) -> None:
        """The admin, a bureau, a reader cannot run init."""
        for url in (site.admin, site.jia, site.reader):
            with pytest.raises(ft.LedgerAccessError, match="数据库管理员"):
                init_ledger(url)

    def test_the_database_owner_with_createrole_can_init(self, postgres: Server) -> None:
        """A non-superuser owning the database, with CREATEROLE, inits; it keeps no membership of the owner role."""
        tag = uuid.uuid4().hex[:8]
        dba = f"dba_{tag}"
        raw(postgres.url(), f'CREATE ROLE "{dba}" LOGIN CREATEROLE')
        raw(postgres.url(), f'CREATE DATABASE "m_{tag}" OWNER "{dba}"')
        url = postgres.url(f"m_{tag}", user=dba)
        try:
            assert (0, 4) == init_ledger(url)
            owner = role_names(f"m_{tag}")["owner"]
            assert [(False,)] == raw(url, "SELECT pg_has_role(current_user, %s, 'MEMBER')", (owner,))
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                raw(url, "UPDATE fazhi_updates SET note = 'x'")
        finally:
            postgres.drop_database(url)


class TestAdmin:
    def test_admin_grants_revokes_and_lists(self, site: Site) -> None:
        """The admin's three actions, through the library and the CLI."""
        assert [(site.names["admin"], "admin", ""), (site.names["reader"], "reader", ""),
                (site.names["jia"], "writer", "甲局"), (site.names["yi"], "writer", "乙局")] == list_grants(site.admin)
        with ft.Ledger(site.yi) as ledger:
            ledger.record(u("T001", "推进中", 1))
        code, out, _ = run("ledger", "revoke", "--url", site.admin, "--role", site.names["yi"])
        assert (0, f"已撤销 {site.names['yi']} 的授权（其已记录的进展保留）\n") == (code, out)
        assert not revoke_role(site.admin, site.names["yi"])
        with pytest.raises(ft.LedgerError):
            ft.Ledger(site.yi).updates()
        with ft.Ledger(site.reader, bureau="乙局") as ledger:
            assert 1 == len(ledger)
        code, out, _ = run("ledger", "grants", "--url", site.admin, "--lang", "en")
        assert 0 == code
        assert site.names["yi"] not in out and "writes and reads its bureau" in out

    @pytest.mark.parametrize("sql", [
        "SELECT * FROM fazhi_updates",
        "INSERT INTO fazhi_bureau_roles (role_name, bureau) VALUES ('x', 'y')",
        "CREATE ROLE intruder LOGIN",
        "COPY (SELECT 1) TO PROGRAM 'id'",
        "GRANT pg_execute_server_program TO CURRENT_USER",
        "ALTER TABLE fazhi_updates DISABLE TRIGGER USER",
        "DROP TABLE fazhi_updates",
    ])
    def test_admin_can_do_nothing_else(self, site: Site, sql: str) -> None:
        """The admin reads no row, changes no table, creates no role, runs no program on the server."""
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            raw(site.admin, sql)

    @pytest.mark.parametrize("who", ["admin", "jia", "reader"])
    def test_nobody_becomes_the_owner(self, site: Site, who: str) -> None:
        """No login role may SET ROLE to the owner (or to a group it is not in)."""
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            raw(site.url(site.names[who]), f'SET ROLE "{site.roles["owner"]}"')


class TestGrantRefuses:
    @pytest.mark.parametrize("target", ["postgres", "owner", "writer", "reader", "admin_group", "admin",
                                        "pg_read_all_data"])
    def test_roles_that_may_not_be_granted(self, site: Site, target: str) -> None:
        """Superusers, the ledger's own groups, the server's groups and the admin are refused."""
        role = {"owner": site.roles["owner"], "writer": site.roles["writer"], "reader": site.roles["reader"],
                "admin_group": site.roles["admin"], "admin": site.names["admin"]}.get(target, target)
        with pytest.raises(ft.LedgerAccessError, match="不能授权角色"):
            grant_bureau(site.admin, "丙局", role)
        with pytest.raises(ft.LedgerAccessError, match="不能授权角色"):
            grant_reader(site.admin, role)

    def test_the_functions_refuse_too(self, site: Site) -> None:
        """The admin calling the functions directly meets the same refusals."""
        for sql in ("SELECT fazhi_grant_bureau('postgres', '丙局')",
                    f"SELECT fazhi_grant_reader('{site.names['jia']}')",
                    f"SELECT fazhi_grant_bureau('{site.names['reader']}', '丙局')",
                    f"SELECT fazhi_grant_bureau('{site.roles['writer']}', '丙局')"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                raw(site.admin, sql)

    def test_reader_and_writer_exclude_each_other(self, site: Site) -> None:
        """A writer is not made a reader, nor a reader a writer, until revoked."""
        with pytest.raises(ft.LedgerAccessError, match="ledger revoke"):
            grant_reader(site.admin, site.names["jia"])
        with pytest.raises(ft.LedgerAccessError, match="ledger revoke"):
            grant_bureau(site.admin, "丙局", site.names["reader"])
        assert revoke_role(site.admin, site.names["jia"])
        assert not grant_reader(site.admin, site.names["jia"])

    def test_names_the_server_would_cut(self, site: Site) -> None:
        """A role name over 63 bytes (21 Chinese characters) is refused before the server truncates it."""
        with pytest.raises(ft.LedgerError, match="63字节"):
            grant_bureau(site.admin, "丙局", "角" * 22)

    def test_the_admin_creates_no_role(self, site: Site) -> None:
        """A missing role is the DBA's to create: the admin is told so; the DBA's grant creates it."""
        with pytest.raises(ft.LedgerError, match="createuser --pwprompt"):
            grant_bureau(site.admin, "丙局", f"new_{uuid.uuid4().hex[:6]}")
        assert grant_bureau(site.dba, "丙局", f"new_{uuid.uuid4().hex[:6]}")

    @pytest.mark.parametrize("bureau", ["", " 甲局", "甲\n局", "局" * 101])
    def test_unusable_bureau_names(self, site: Site, bureau: str) -> None:
        """Empty, padded, control characters, overlong: refused."""
        with pytest.raises(ft.LedgerError, match="单位名称"):
            grant_bureau(site.admin, bureau, site.names["jia"])


class TestDroppedRole:
    def test_a_dropped_role_breaks_no_other_writer(self, site: Site, postgres: Server) -> None:
        """The DBA drops a role still mapped to 甲局: 甲局's other role still imports (the mapping is read with the
        roles that exist)."""
        gone = f"gone_{uuid.uuid4().hex[:6]}"
        raw(postgres.url(), f'CREATE ROLE "{gone}" LOGIN')
        grant_bureau(site.admin, "甲局", gone)
        raw(site.dba, f'REVOKE "{site.roles["writer"]}" FROM "{gone}"')
        raw(postgres.url(), f'DROP ROLE "{gone}"')
        with ft.Ledger(site.jia) as ledger:
            assert 1 == ledger.record_many([u("T001", "已完成", 1)], skip_existing=True)


class TestAnotherLedgerOnTheServer:
    def test_a_reader_reads_nothing_of_another_database(self, site: Site, postgres: Server) -> None:
        """A second ledger database on the same server, with rows: the first one's reader and bureau roles read
        nothing there (they may connect, as any role may, and are refused)."""
        other = f"o_{uuid.uuid4().hex[:8]}"
        raw(postgres.url(), f'CREATE DATABASE "{other}"')
        try:
            init_ledger(postgres.url(other))
            grant_bureau(postgres.url(other), "甲局", f"x_{other}")
            with ft.Ledger(postgres.url(other, user=f"x_{other}")) as ledger:
                ledger.record(u("T001", "已完成", 1))
            for who in ("reader", "jia"):
                url = postgres.url(other, user=site.names[who])
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    raw(url, "SELECT * FROM fazhi_updates")
                with pytest.raises(ft.LedgerAccessError):
                    ft.Ledger(url, bureau="甲局").updates()
        finally:
            postgres.drop_database(postgres.url(other))


class TestSuperuserTampering:
    def test_the_superuser_as_owner_is_found_by_verify(self, site: Site) -> None:
        """What only a superuser can still do — become the owner, disable the triggers, change and delete rows —
        verify finds, at the row."""
        with ft.Ledger(site.jia) as ledger:
            ledger.record_many([u("T001", "推进中", 1), u("T001", "推进中", 2), u("T001", "已完成", 3)])
        seqs = [s for (s,) in raw(site.dba, "SELECT seq FROM fazhi_updates ORDER BY seq")]
        with psycopg.connect(site.dba, autocommit=True) as conn, conn.transaction():
            conn.execute(f'SET LOCAL ROLE "{site.roles["owner"]}"')
            conn.execute("ALTER TABLE fazhi_updates DISABLE TRIGGER USER")
            conn.execute("UPDATE fazhi_updates SET on_date = '2021-02-01' WHERE seq = %s", (seqs[1],))
            conn.execute("ALTER TABLE fazhi_updates ENABLE TRIGGER USER")
        with ft.Ledger(site.reader, bureau="甲局") as ledger:
            assert [("甲局", seqs[1], 2, "hash")] == [(b.bureau, b.seq, b.chain_no, b.reason)
                                                    for b in ledger.verify().breaks]
        code, out, _ = run("ledger", "verify", "--ledger", site.reader)
        assert 1 == code and f"第2条（seq {seqs[1]}）" in out


class TestVersionOne:
    def test_a_version_one_ledger_moves_to_its_own_roles(self, postgres: Server) -> None:
        """A ledger made by the previous release (cluster-wide groups, owned by a login role) is upgraded by init:
        its rows chained, its bureau roles still writing, the old groups reading nothing here."""
        tag = uuid.uuid4().hex[:8]
        database, old_owner, bureau_role = f"v_{tag}", f"fzb_{tag}", f"yj_{tag}"
        for role in ("fazhi_writer", "fazhi_reader"):
            if not raw(postgres.url(), "SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)):
                raw(postgres.url(), f"CREATE ROLE {role} NOLOGIN")
        raw(postgres.url(), f'CREATE ROLE "{old_owner}" LOGIN CREATEROLE')
        raw(postgres.url(), f'CREATE ROLE "{bureau_role}" LOGIN')
        raw(postgres.url(), f'CREATE DATABASE "{database}" OWNER "{old_owner}"')
        old = postgres.url(database, user=old_owner)
        try:
            with psycopg.connect(old, autocommit=True) as conn, conn.transaction():
                for statement in MIGRATIONS[1]:
                    conn.execute(statement.replace("@writer@", "fazhi_writer").replace("@reader@", "fazhi_reader"))
                conn.execute("INSERT INTO fazhi_schema (version) VALUES (1)")
                conn.execute("INSERT INTO fazhi_bureau_roles (role_name, bureau) VALUES (%s, '甲局')",
                             (bureau_role,))
                conn.execute(f'GRANT fazhi_writer TO "{bureau_role}"')
            raw(postgres.url(database, user=bureau_role),
                "INSERT INTO fazhi_updates (bureau, task_id, status, on_date, recorded_at) "
                "VALUES ('甲局', 'T001', '推进中', '2021-03-01', '2021-03-01')")
            assert (1, 4) == init_ledger(postgres.url(database))
            with ft.Ledger(postgres.url(database, user=bureau_role)) as ledger:
                ledger.record(u("T001", "已完成", 2))
                report = ledger.verify()
            assert (True, {"甲局": 2}) == (report.ok, {b: n for b, (n, _) in report.heads.items()})
            assert [("fazhi_writer", False), ("fazhi_reader", False)] == raw(
                postgres.url(database), "SELECT r, has_table_privilege(r, 'fazhi_updates', 'SELECT') FROM "
                                        "unnest(ARRAY['fazhi_writer', 'fazhi_reader']) r")
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                raw(old, "UPDATE fazhi_updates SET note = 'x'")
        finally:
            postgres.drop_database(postgres.url(database))


class TestTheHowTo:
    def test_the_city_recipe_as_written(self, postgres: Server, tmp_path: Any) -> None:
        """docs/howto.md's city steps through the command line: the DBA inits with an admin, the admin grants and
        lists, a bureau imports and reports, the reader verifies and rolls up, the admin revokes."""
        tag = uuid.uuid4().hex[:8]
        database = f"h_{tag}"
        fzb, yj, city = f"fzb_{tag}", f"jh_yjj_{tag}", f"city_{tag}"
        raw(postgres.url(), f'CREATE DATABASE "{database}"')
        for role in (fzb, yj, city):
            raw(postgres.url(), f'CREATE ROLE "{role}" LOGIN')
        dba, admin = postgres.url(database), postgres.url(database, user=fzb)
        try:
            assert (0, f"共享账本已就绪：版本 0 → 4\n{fzb} 为账本管理员：只能授权和撤销单位角色、只读角色\n") == run(
                "ledger", "init", "--url", dba, "--admin", fzb)[:2]
            assert 0 == run("ledger", "grant", "--url", admin, "--bureau", "金华市应急管理局", "--role", yj)[0]
            assert 0 == run("ledger", "grant", "--url", admin, "--reader", "--role", city)[0]
            code, out, _ = run("ledger", "grants", "--url", admin)
            assert 0 == code and f"{yj}" in out and "金华市应急管理局" in out and "只读全部单位" in out
            bureau = postgres.url(database, user=yj)
            updates = tmp_path / "进展报送.csv"
            ft.export_updates(ft.sample_updates(), updates)
            code, out, err = run("import", str(updates), "--ledger", bureau, "--as-of", "2021-12-31")
            assert 0 == code, err
            assert 0 == run("weekly", "--ledger", bureau, "--week-ending", "2021-06-25", "--format", "html", "-o",
                            str(tmp_path / "周报.html"))[0]
            reader = postgres.url(database, user=city)
            code, out, _ = run("ledger", "verify", "--ledger", reader, "--timeout", "120")
            assert 0 == code and out.startswith("金华市应急管理局：") and "校验通过" in out
            plans = tmp_path / "各单位计划"
            plans.mkdir()
            ft.save_plan(ft.sample_plan(), plans / "金华市应急管理局.json")
            code, out, err = run("rollup", "--url", reader, "--plans", str(plans), "--as-of", "2021-06-30")
            assert 0 == code, err
            code, _, err = run("rollup", "--url", bureau, "--plans", str(plans), "--as-of", "2021-06-30")
            assert 2 == code and "ledger grant --reader" in err
            assert (0, f"已撤销 {yj} 的授权（其已记录的进展保留）\n") == run("ledger", "revoke", "--url", admin,
                                                                        "--role", yj)[:2]
        finally:
            postgres.drop_database(dba)
