"""The shared PostgreSQL ledger: schema versions, and who may write and read what (roles, row-level security)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import attrs
import pytest

import fazhi_tasks as ft
from fazhi_tasks.ledger.admin import grant_bureau, grant_reader, init_ledger

from .postgres import Server

psycopg = pytest.importorskip("psycopg", reason="psycopg is not installed (pip install 'fazhi-tasks[postgres]')")

D = dt.date


def u(task: str, status: str, day: int, **kw: Any) -> ft.Update:
    return ft.Update(task, status, D(2021, 3, day), **kw)


@attrs.frozen
class City:
    """A ledger with two bureaus' roles and a reader, each a URL to log in with."""

    owner: str
    jia: str
    yi: str
    reader: str
    roles: dict[str, str]


@pytest.fixture
def city(postgres: Server, pg_template: str) -> City:
    owner = postgres.new_database(pg_template)
    database = owner.split("/")[3].split("?")[0]
    tag = uuid.uuid4().hex[:6]
    roles = {"jia": f"jia_{tag}", "yi": f"yi_{tag}", "reader": f"city_{tag}"}
    grant_bureau(owner, "甲局", roles["jia"])
    grant_bureau(owner, "乙局", roles["yi"])
    grant_reader(owner, roles["reader"])
    urls = {k: postgres.url(database, user=v) for k, v in roles.items()}
    return City(owner, urls["jia"], urls["yi"], urls["reader"], roles)


def raw(url: str, sql: str, params: tuple[object, ...] = ()) -> list[Any]:
    with psycopg.connect(url, autocommit=True) as conn:
        cur = conn.execute(sql, params)
        return cur.fetchall() if cur.description else []


class TestSchema:
    def test_init_is_versioned_and_repeatable(self, postgres: Server) -> None:
        """init creates the current version once; running it again changes nothing."""
        url = postgres.new_database()
        assert (0, 4) == init_ledger(url)
        assert (4, 4) == init_ledger(url)
        assert [(1,), (2,), (3,), (4,)] == raw(url, "SELECT version FROM fazhi_schema ORDER BY version")

    def test_no_schema_says_run_init(self, postgres: Server) -> None:
        """A database without the ledger is refused with the command that sets it up."""
        with pytest.raises(ft.LedgerError, match="ledger init"):
            ft.Ledger(postgres.new_database(), bureau="甲局")

    def test_newer_schema_is_refused(self, city: City) -> None:
        """A database migrated by a newer fazhi_tasks is not misread."""
        raw(city.owner, "INSERT INTO fazhi_schema (version) VALUES (99)")
        with pytest.raises(ft.LedgerError, match="新，请升级"):
            ft.Ledger(city.jia)

    def test_password_is_not_shown(self, postgres: Server) -> None:
        """Messages name the database without the password in its URL."""
        url = postgres.new_database().replace("postgres@", "postgres:secret@")
        with pytest.raises(ft.LedgerError) as info:
            ft.Ledger(url)
        assert "secret" not in str(info.value)


class TestMigrationToVersion4:
    def test_a_version_3_ledger_keeps_its_rows(self, postgres: Server, monkeypatch: pytest.MonkeyPatch) -> None:
        """A ledger made with the migrations up to 3 is brought to 4 by init: its updates, reviews and grants
        stay, and accounts and evidence then work."""
        from fazhi_tasks.ledger import admin

        url = postgres.new_database()
        monkeypatch.setattr(admin, "PG_SCHEMA_VERSION", 3)
        assert (0, 3) == init_ledger(url)
        monkeypatch.undo()
        role = f"jia_{uuid.uuid4().hex[:6]}"
        raw(url, f'CREATE ROLE "{role}" LOGIN')
        raw(url, "SELECT fazhi_grant_bureau(%s, %s)", (role, "甲局"))
        raw(url, "INSERT INTO fazhi_updates (bureau, task_id, status, on_date) VALUES ('甲局', 'T001', '已完成', "
                 "'2021-03-01')")
        raw(url, "INSERT INTO fazhi_reviews (bureau, task_id, decision, on_date) VALUES ('甲局', 'T001', 'pass', "
                 "'2021-03-02')")
        assert not raw(url, "SELECT 1 FROM pg_tables WHERE tablename = 'fazhi_accounts'")
        assert (3, 4) == init_ledger(url)
        jia = postgres.url(url.split("/")[3].split("?")[0], user=role)
        with ft.Ledger(jia) as ledger:
            assert ["T001"] == [x.task_id for x in ledger.updates()]
            assert ["T001"] == [r.task_id for r in ledger.reviews()]
            assert ledger.verify().ok
            ledger.add_account("fzb", "office", password="long enough")
            ledger.add_evidence("T001", b"%PDF-1.4", filename="a.pdf")
            assert ledger.check_login("fzb", "long enough") is not None
            assert 1 == len(ledger.evidence("T001"))


class TestAccountsAndEvidence:
    def test_accounts_are_kept_apart_by_bureau(self, city: City) -> None:
        """甲局's accounts are invisible to 乙局, which cannot add one for 甲局 either; names are per bureau."""
        with ft.Ledger(city.jia) as jia:
            jia.add_account("fzb", "office", password="long enough")
            assert jia.reviewing
        with ft.Ledger(city.yi) as yi:
            assert ([], None, None) == (yi.accounts(), yi.account("fzb"), yi.check_login("fzb", "long enough"))
            assert not yi.reviewing
            yi.add_account("fzb", "director", password="another one")  # its own account of that name
            assert ft.Account("fzb", "director") == yi.check_login("fzb", "another one")
        with ft.Ledger(city.yi, bureau="甲局") as yi, pytest.raises(ft.LedgerAccessError):
            yi.add_account("ls", "office", password="long enough")
        assert [("甲局", "fzb", "office", city.roles["jia"]), ("乙局", "fzb", "director", city.roles["yi"])] == sorted(
            raw(city.owner, "SELECT bureau, name, role, created_by FROM fazhi_accounts"), key=lambda r: r[3])
        assert [("fzb",)] == raw(city.yi, "SELECT name FROM fazhi_accounts")
        with psycopg.connect(city.yi, autocommit=True) as conn:
            assert 0 == conn.execute("UPDATE fazhi_accounts SET password_hash = '$argon2id$x' WHERE bureau = '甲局'"
                                     ).rowcount

    def test_account_add_on_the_command_line(self, city: City, monkeypatch: pytest.MonkeyPatch) -> None:
        """`fazhi-tasks account add NAME --division D --ledger postgresql://…` keeps the account in the bureau's
        rows; `account list` shows it; the same name again is refused."""
        import io
        import sys

        from fazhi_tasks.cli import main

        def run(*argv: str) -> int:
            monkeypatch.setattr(sys, "stdin", io.StringIO("long enough\n"))
            return main(list(argv), stdout=io.StringIO(), stderr=io.StringIO())

        assert 0 == run("account", "add", "张三", "--division", "政策法规处", "--ledger", city.jia)
        assert 0 != run("account", "add", "张三", "--office", "--ledger", city.jia)
        assert [("甲局", "张三", "division", "政策法规处")] == raw(
            city.owner, "SELECT bureau, name, role, division FROM fazhi_accounts")
        with ft.Ledger(city.jia) as ledger:
            assert ledger.check_login("张三", "long enough") == ft.Account("张三", "division", division="政策法规处")

    def test_a_bureau_changes_only_its_passwords(self, city: City) -> None:
        """The bureau's role may change a password hash, not a role, division or name (column privileges, then
        the trigger), and may delete nothing."""
        with ft.Ledger(city.jia) as jia:
            jia.add_account("zs", "division", division="政策法规处", password="long enough")
            jia.set_password("zs", "another one")
            assert jia.check_login("zs", "another one") is not None
            assert ["account", "account.password"] == [e.action for e in jia.audit()]
        for sql in ("UPDATE fazhi_accounts SET role = 'office', division = NULL",
                    "UPDATE fazhi_accounts SET name = 'ls'", "UPDATE fazhi_accounts SET password_at = now()",
                    "DELETE FROM fazhi_accounts", "TRUNCATE fazhi_accounts",
                    ("INSERT INTO fazhi_accounts (bureau, name, role, password_hash, created_by) "
                    "VALUES ('甲局', 'x', 'office', '$argon2id$x', 'someone')")):
            with psycopg.connect(city.jia, autocommit=True) as conn, \
                    pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(sql)
        assert [("zs", "division", "政策法规处")] == raw(city.owner, "SELECT name, role, division FROM fazhi_accounts")

    def test_the_reader_sees_accounts_but_no_password_hash(self, city: City) -> None:
        """The city's reader lists every bureau's accounts, never a hash, and logs nobody in."""
        with ft.Ledger(city.jia) as jia:
            jia.add_account("fzb", "office", password="long enough")
        with psycopg.connect(city.reader, autocommit=True) as conn, \
                pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT password_hash FROM fazhi_accounts")
        with psycopg.connect(city.reader, autocommit=True) as conn, \
                pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT * FROM fazhi_accounts")
        assert [("甲局", "fzb")] == raw(city.reader, "SELECT bureau, name FROM fazhi_accounts")
        with ft.Ledger(city.reader) as reader:
            assert [ft.Account("fzb", "office")] == reader.accounts()
            assert reader.check_login("fzb", "long enough") is None
            with pytest.raises(ft.LedgerReadOnlyError):
                reader.add_account("x", "office", password="long enough")

    def test_evidence_is_stored_once_and_kept_apart(self, city: City) -> None:
        """The same bytes from two bureaus are stored once; a bureau reads only its own evidence and the bytes
        its evidence names; a hash alone does not open another bureau's file."""
        with ft.Ledger(city.jia) as jia:
            shared = jia.add_evidence("T001", b"%PDF-1.4 both", filename="a.pdf", by="zs")
            secret = jia.add_evidence("T001", b"%PDF-1.4 jia only", filename="b.pdf", by="zs")
            assert b"%PDF-1.4 jia only" == jia.evidence_bytes(secret.sha256)
        with ft.Ledger(city.yi) as yi:
            assert [] == yi.evidence("T001")
            for sha in (shared.sha256, secret.sha256):
                with pytest.raises(ft.LedgerError) as info:
                    yi.evidence_bytes(sha)
                assert "evidence.unknown" == info.value.code
            again = yi.add_evidence("T002", b"%PDF-1.4 both", filename="c.pdf")
            assert again.sha256 == shared.sha256 and b"%PDF-1.4 both" == yi.evidence_bytes(shared.sha256)
            assert ["c.pdf"] == [e.filename for e in yi.evidence("T002")]
        assert 2 == raw(city.owner, "SELECT count(*) FROM fazhi_evidence_files")[0][0]
        assert [(shared.sha256,)] == raw(city.yi, "SELECT sha256 FROM fazhi_evidence_files")
        assert [("T002", city.roles["yi"])] == raw(city.yi, "SELECT task_id, recorded_by FROM fazhi_evidence")
        # naming 甲局's hash in 乙局's own metadata, or attaching for 甲局, is refused
        for sql, params in (
                (("INSERT INTO fazhi_evidence (bureau, sha256, task_id, filename, content_type, size) "
                 "VALUES ('乙局', %s, 'T009', 'x.pdf', 'application/pdf', 1)"), (secret.sha256,)),
                ("INSERT INTO fazhi_evidence_files (sha256, data, size) VALUES (%s, 'x', 1)", (secret.sha256,)),
                ("SELECT fazhi_add_evidence('甲局', 'T009', 'x.pdf', 'application/pdf', '', 'x')", ())):
            with psycopg.connect(city.yi, autocommit=True) as conn, \
                    pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(sql, params)
        with ft.Ledger(city.reader) as reader:
            assert 2 == len(raw(city.reader, "SELECT sha256 FROM fazhi_evidence_files"))
            with pytest.raises(ft.LedgerReadOnlyError):
                reader.add_evidence("T001", b"%PDF-1.4", filename="a.pdf")


class TestWhoWritesWhat:
    def test_a_bureau_role_writes_as_its_bureau(self, city: City) -> None:
        """A bureau's login role needs no bureau argument: the mapping names it, and its rows carry it."""
        with ft.Ledger(city.jia) as ledger:
            assert "甲局" == ledger.bureau
            ledger.record(u("T001", "已完成", 1))
        assert [("甲局", "T001", city.roles["jia"])] == raw(city.owner,
                                                            "SELECT bureau, task_id, recorded_by FROM fazhi_updates")

    def test_cannot_claim_another_bureau_by_passing_it(self, city: City) -> None:
        """甲局's role passing bureau='乙局' is refused by row-level security, and nothing is written."""
        with ft.Ledger(city.jia, bureau="乙局") as ledger, pytest.raises(ft.LedgerAccessError, match="本单位"):
            ledger.record(u("T001", "已完成", 1))
        with psycopg.connect(city.jia, autocommit=True) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO fazhi_updates (bureau, task_id, status, on_date) "
                         "VALUES ('乙局', 'T001', '已完成', '2021-03-01')")
        assert [] == raw(city.owner, "SELECT * FROM fazhi_updates")

    def test_cannot_read_another_bureaus_rows(self, city: City) -> None:
        """甲局's role sees none of 乙局's rows in plain SQL, and the library refuses to read it rather than report
        a silent zero."""
        with ft.Ledger(city.yi) as ledger:
            ledger.record(u("T001", "推进中", 1))
        with ft.Ledger(city.jia, bureau="乙局") as ledger:
            for read in (ledger.updates, lambda: len(ledger), lambda: ledger.status_as_of(D(2021, 3, 9))):
                with pytest.raises(ft.LedgerAccessError, match="不能读取“乙局”"):
                    read()
        assert [] == raw(city.jia, "SELECT * FROM fazhi_updates")
        assert [("乙局",)] == raw(city.yi, "SELECT bureau FROM fazhi_updates")

    @pytest.mark.parametrize("sql", ["UPDATE fazhi_updates SET status = '已完成'", "DELETE FROM fazhi_updates",
                                     "TRUNCATE fazhi_updates"])
    def test_bureau_roles_cannot_change_rows(self, city: City, sql: str) -> None:
        """UPDATE, DELETE and TRUNCATE are refused by privileges, even on the role's own rows."""
        with ft.Ledger(city.jia) as ledger:
            ledger.record(u("T001", "推进中", 1))
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            raw(city.jia, sql)
        assert 1 == len(raw(city.owner, "SELECT * FROM fazhi_updates"))

    @pytest.mark.parametrize("sql", ["UPDATE fazhi_updates SET status = '已完成'", "DELETE FROM fazhi_updates",
                                     "TRUNCATE fazhi_updates"])
    def test_even_the_owner_cannot_change_rows(self, city: City, sql: str) -> None:
        """The owner has the privileges, and the trigger refuses them anyway."""
        with ft.Ledger(city.jia) as ledger:
            ledger.record(u("T001", "推进中", 1))
        with pytest.raises(psycopg.errors.RaiseException, match="append-only"):
            raw(city.owner, sql)
        assert 1 == len(raw(city.owner, "SELECT * FROM fazhi_updates"))

    def test_recorded_by_cannot_be_faked(self, city: City) -> None:
        """The writer's name is the database's own current_user: a writer may not even name the column."""
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            raw(city.jia, "INSERT INTO fazhi_updates (bureau, task_id, status, on_date, recorded_by) "
                          "VALUES ('甲局', 'T001', '已完成', '2021-03-01', 'someone_else')")
        raw(city.jia, "INSERT INTO fazhi_updates (bureau, task_id, status, on_date) "
                      "VALUES ('甲局', 'T001', '已完成', '2021-03-01')")
        assert [(city.roles["jia"],)] == raw(city.owner, "SELECT recorded_by FROM fazhi_updates")

    def test_reader_sees_every_bureau_and_writes_nothing(self, city: City) -> None:
        """The reader role reads all bureaus' statuses; a write is refused as read-only."""
        with ft.Ledger(city.jia) as ledger:
            ledger.record(u("T001", "已完成", 1))
        with ft.Ledger(city.yi) as ledger:
            ledger.record(u("T001", "推进中", 2))
        with ft.Ledger(city.reader) as ledger:
            assert ledger.read_only
            by_bureau = ledger.status_by_bureau(D(2021, 3, 9))
            with pytest.raises(ft.LedgerReadOnlyError):
                ledger.record(u("T002", "推进中", 2))
        assert {"甲局": "已完成", "乙局": "推进中"} == {b: s["T001"].status.value for b, s in by_bureau.items()}

    def test_a_role_without_a_grant_gets_nothing(self, city: City, postgres: Server) -> None:
        """A login role the 法治办 has not granted can neither read nor write."""
        stranger = f"stranger_{uuid.uuid4().hex[:6]}"
        raw(postgres.url(), f'CREATE ROLE "{stranger}" LOGIN')
        database = city.owner.split("/")[3].split("?")[0]
        with pytest.raises(ft.LedgerAccessError, match="ledger grant"):
            ft.Ledger(postgres.url(database, user=stranger), bureau="甲局").updates()

    def test_regrant_moves_a_role(self, city: City) -> None:
        """Granting a role again maps it to the new bureau only."""
        grant_bureau(city.owner, "丙局", city.roles["jia"])
        with ft.Ledger(city.jia) as ledger:
            assert "丙局" == ledger.bureau


class TestNoSilentZero:
    def test_a_misspelt_bureau_is_refused_with_the_near_name(self, city: City) -> None:
        """A bureau no grant names and no row carries is refused, suggesting the granted name."""
        with ft.Ledger(city.reader, bureau="甲 局") as ledger, pytest.raises(ft.LedgerError, match="是否应为“甲局”"):
            ledger.status_as_of(D(2021, 3, 9))

    def test_a_reader_without_bureau_does_not_mix_bureaus(self, city: City) -> None:
        """Two bureaus share task id T001: a reader naming no bureau is refused; naming one reads that one."""
        with ft.Ledger(city.jia) as ledger:
            ledger.record(u("T001", "已完成", 1))
        with ft.Ledger(city.yi) as ledger:
            ledger.record(u("T001", "推进中", 2))
        with ft.Ledger(city.reader) as ledger, pytest.raises(ft.LedgerError, match="--bureau"):
            ledger.status_as_of(D(2021, 3, 9))
        with ft.Ledger(city.reader, bureau="甲局") as ledger:
            assert "已完成" == ledger.status_as_of(D(2021, 3, 9))["T001"].status.value

    def test_a_reader_of_one_bureau_needs_no_bureau(self, city: City) -> None:
        """While the ledger holds one bureau's rows, a reader reads them without naming it."""
        with ft.Ledger(city.jia) as ledger:
            ledger.record(u("T001", "已完成", 1))
        with ft.Ledger(city.reader) as ledger:
            assert 1 == len(ledger)

    def test_rollup_with_a_bureau_role_is_refused(self, city: City) -> None:
        """A bureau's role would see every other bureau at 0%: the rollup refuses it."""
        plans = {"甲局": ft.sample_plan(), "乙局": ft.sample_plan()}
        with pytest.raises(ft.LedgerAccessError, match="ledger grant --reader"):
            ft.rollup(city.jia, plans, D(2021, 6, 30))

    def test_rollup_notes_a_bureau_without_updates(self, city: City) -> None:
        """A plan whose bureau has no row (a misspelt file name) is named in the report, not a plain 0%."""
        with ft.Ledger(city.jia) as ledger:
            ledger.record_many(ft.sample_updates())
        city_report = ft.rollup(city.reader, {"甲局": ft.sample_plan(), "乙 局": ft.sample_plan()}, D(2021, 6, 30))
        assert ("乙 局",) == city_report.without_updates
        assert ["乙 局"] == city_report.to_dict()["without_updates"]


class TestChainOnTheServer:
    def test_a_bureau_cannot_backdate_or_name_the_chain(self, city: City) -> None:
        """recorded_at, chain_no, prev_hash and hash are the server's: a writer naming any is refused."""
        for column, value in (("recorded_at", "2020-10-01"), ("chain_no", "1"), ("hash", "x"),
                              ("prev_hash", "x")):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                raw(city.jia, f"INSERT INTO fazhi_updates (bureau, task_id, status, on_date, {column}) "
                              f"VALUES ('甲局', 'T001', '已完成', '2021-03-01', %s)", (value,))
        assert [] == raw(city.owner, "SELECT * FROM fazhi_updates")

    def test_the_server_stamps_its_own_time_even_for_the_owner(self, city: City) -> None:
        """A backdated recorded_at from a role allowed to name the column is replaced by the server's time."""
        raw(city.owner, "INSERT INTO fazhi_updates (bureau, task_id, status, on_date, recorded_at) "
                        "VALUES ('甲局', 'T001', '已完成', '2021-03-01', '2020-10-01')")
        [(year,)] = raw(city.owner, "SELECT extract(year FROM recorded_at)::int FROM fazhi_updates")
        assert year >= 2026

    def test_another_bureau_cannot_take_the_chain_lock(self, city: City) -> None:
        """The lock a bureau's import takes is a row only the schema's owner reaches: another bureau can neither
        take it nor hold it."""
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            raw(city.yi, "SELECT fazhi_lock_chain('甲局')")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            raw(city.yi, "SELECT * FROM fazhi_chain_locks FOR UPDATE")
        with psycopg.connect(city.yi) as held:  # 乙局 holds its own chain's lock in an open transaction
            held.execute("SELECT fazhi_lock_chain('乙局')")
            with ft.Ledger(city.jia) as ledger:
                assert 1 == ledger.record_many([u("T001", "已完成", 1)], skip_existing=True)

    def test_verify_as_a_bureau_checks_its_own_chain(self, city: City) -> None:
        """A bureau's role verifies its own rows; the reader verifies every bureau's."""
        with ft.Ledger(city.jia) as ledger:
            ledger.record_many([u("T001", "推进中", 1), u("T001", "已完成", 2)])
        with ft.Ledger(city.yi) as ledger:
            ledger.record(u("T001", "推进中", 1))
            assert (True, {"乙局"}) == (ledger.verify().ok, set(ledger.verify().heads))
        with ft.Ledger(city.reader) as ledger:
            report = ledger.verify()
        assert (True, 3, {"甲局": 2, "乙局": 1}) == (report.ok, report.rows,
                                                     {b: n for b, (n, _) in report.heads.items()})


class TestServerRestart:
    def test_a_restart_during_writes_loses_and_doubles_nothing(self, city: City, postgres: Server) -> None:
        """A writer recording 40 batches while the server restarts: it reconnects, each batch is there once (a batch
        whose commit was lost on the way is found by its key, not sent again); the chain holds."""
        import multiprocessing
        import time

        from .ledger_workers import through_a_restart

        ctx = multiprocessing.get_context("spawn")
        started = ctx.Event()
        worker = ctx.Process(target=through_a_restart, args=(city.jia, 40, 50, started))
        worker.start()
        assert started.wait(60)
        time.sleep(0.2)
        postgres.restart()
        worker.join(180)
        assert 0 == worker.exitcode
        counts = raw(city.owner, "SELECT count(*), count(DISTINCT task_id) FROM fazhi_updates")
        assert [(2000, 2000)] == counts
        assert [(40,)] == raw(city.owner, "SELECT count(*) FROM fazhi_batches")
        with ft.Ledger(city.reader, bureau="甲局") as ledger:
            assert ledger.verify().ok

    def test_a_read_after_a_restart_reconnects(self, city: City, postgres: Server) -> None:
        """An open ledger reads again after the server restarted under it."""
        with ft.Ledger(city.jia) as ledger:
            ledger.record(u("T001", "推进中", 1))
            postgres.restart()
            assert 1 == len(ledger)


class TestConnectionMessages:
    def test_no_server_there_says_so(self, postgres: Server) -> None:
        """A port where no server listens: the message says the server could not be reached."""
        url = f"postgresql://nobody@/fazhi?host={postgres.folder}&port=1"
        with pytest.raises(ft.LedgerError, match="无法连接数据库服务器") as info:
            ft.Ledger(url, timeout=2)
        assert "refused the connection" in info.value.describe("en")

    def test_a_lock_held_past_the_timeout_says_timed_out(self, city: City) -> None:
        """Another session of the same bureau holds its chain's lock: an import with --timeout 1 gives up, saying
        so, and records nothing."""
        with psycopg.connect(city.jia) as held:
            held.execute("SELECT fazhi_lock_chain('甲局')")
            with ft.Ledger(city.jia, timeout=1) as ledger, pytest.raises(ft.LedgerLockedError):
                ledger.record_many([u("T001", "已完成", 1)], skip_existing=True)
        assert [(0,)] == raw(city.owner, "SELECT count(*) FROM fazhi_updates")

    def test_the_password_is_not_in_repr(self, city: City) -> None:
        """repr of a ledger opened with a password in its URL shows ***."""
        url = city.jia.replace("@/", ":s3cret@/") + "&password=s3cret"
        with ft.Ledger(url) as ledger:
            assert "s3cret" not in repr(ledger) and "s3cret" not in repr(ledger._backend)


class TestForgedChainHead:
    def test_a_forged_cached_head_only_breaks_the_forgers_chain_visibly(self, city: City) -> None:
        """The transaction-local head the trigger keeps can be set by the writer: a false one gives a row verify
        reports (with the forger as its writer); a repeated number is refused; another bureau's is refused by
        row-level security."""
        with ft.Ledger(city.jia) as ledger:
            ledger.record(u("T001", "推进中", 1))
        with psycopg.connect(city.jia) as conn:
            conn.execute("SELECT set_config('fazhi.chain_head', repeat('a', 64) || '1:甲局', true)")
            conn.execute("INSERT INTO fazhi_updates (bureau, task_id, status, on_date) "
                         "VALUES ('甲局', 'T002', '推进中', '2021-03-02')")
        for head, bureau, refused in (("0:甲局", "甲局", psycopg.errors.UniqueViolation),
                                      ("0:乙局", "乙局", psycopg.errors.InsufficientPrivilege)):
            with psycopg.connect(city.jia) as conn:
                conn.execute("SELECT set_config('fazhi.chain_head', repeat('a', 64) || %s, true)", (head,))
                with pytest.raises(refused):
                    conn.execute("INSERT INTO fazhi_updates (bureau, task_id, status, on_date) "
                                 "VALUES (%s, 'T003', '推进中', '2021-03-02')", (bureau,))
        with ft.Ledger(city.jia) as ledger:
            breaks = ledger.verify().breaks
        assert [("甲局", 2, "link")] == [(b.bureau, b.chain_no, b.reason) for b in breaks]
        assert [(city.roles["jia"],)] == raw(city.owner, "SELECT recorded_by FROM fazhi_updates WHERE chain_no = 2")


_MADE: list[str] = []


class TestTheSuiteCleansUp:
    def test_a_test_makes_a_database(self, postgres: Server) -> None:
        """(First half) a test creates a database and leaves it."""
        _MADE.append(postgres.new_database().split("/")[3].split("?", maxsplit=1)[0])

    def test_it_was_dropped_after_that_test(self, postgres: Server) -> None:
        """(Second half) the conftest's autouse fixture dropped it when the test ended."""
        assert _MADE
        assert [] == raw(postgres.url(), "SELECT datname FROM pg_database WHERE datname = %s", (_MADE[0],))
