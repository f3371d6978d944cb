"""The web front's accounts and evidence in the ledger: argon2 hashes, the guards, limits, the CLI."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import sqlite3
import threading
from pathlib import Path

import pytest

import fazhi_tasks as ft
from fazhi_tasks.cli import main

PASSWORD = "法治办2021!"

pytestmark = pytest.mark.usefixtures("quick_hashes")


def run(*argv: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    import sys

    saved = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        code = main(list(argv), stdout=out, stderr=err)
    finally:
        sys.stdin = saved
    return code, out.getvalue(), err.getvalue()


class TestAccountModel:
    def test_a_division_account_needs_its_division(self) -> None:
        """DIVISION requires a division; OFFICE and DIRECTOR refuse one."""
        assert "政策法规处" == ft.Account("张三", "处室", division="政策法规处").division
        with pytest.raises(ft.PlanError):
            ft.Account("张三", ft.Role.DIVISION)
        with pytest.raises(ft.PlanError):
            ft.Account("李四", ft.Role.DIRECTOR, division="办公室")

    def test_roles_by_value_and_label(self) -> None:
        """A role is given by its value or its Chinese word; anything else is refused."""
        assert [ft.Role.DIVISION, ft.Role.OFFICE, ft.Role.DIRECTOR] == [
            ft.Role.parse(w) for w in ("division", "法治办", "局领导")]
        with pytest.raises(ft.PlanError, match="admin"):
            ft.Role.parse("admin")


class TestAccounts:
    def test_login(self, tmp_path: Path) -> None:
        """The right password gives the account; a wrong one, or an unknown name, gives None."""
        with ft.Ledger(tmp_path / "l.db") as ledger:
            made = ledger.add_account("fzb", ft.Role.OFFICE, password=PASSWORD)
            assert made == ledger.check_login("fzb", PASSWORD)
            assert None is ledger.check_login("fzb", PASSWORD + "x")
            assert None is ledger.check_login("nobody", PASSWORD)
            assert None is ledger.check_login("fzb", "")

    def test_only_an_argon2_hash_is_stored(self, tmp_path: Path) -> None:
        """The file holds an argon2id hash, never the password."""
        path = tmp_path / "l.db"
        with ft.Ledger(path) as ledger:
            ledger.add_account("fzb", "office", password=PASSWORD)
        raw = path.read_bytes() + b"".join(p.read_bytes() for p in tmp_path.glob("l.db-wal"))
        assert PASSWORD.encode() not in raw
        db = sqlite3.connect(path)
        (stored,) = db.execute("SELECT password_hash FROM accounts").fetchone()
        db.close()
        assert stored.startswith("$argon2id$")

    def test_duplicate_refused(self) -> None:
        """A second account of one name is refused (409); the first keeps its password."""
        with ft.Ledger(":memory:") as ledger:
            ledger.add_account("zs", "division", division="办公室", password=PASSWORD)
            with pytest.raises(ft.LedgerError) as info:
                ledger.add_account("zs", "office", password="another password")
            assert ("account.exists", 409) == (info.value.code, info.value.status)
            assert ft.Role.DIVISION is ledger.check_login("zs", PASSWORD).role  # type: ignore[union-attr]

    def test_short_passwords_and_bad_names_refused(self) -> None:
        """Under 8 characters, or a name with spaces, is refused and nothing is stored."""
        with ft.Ledger(":memory:") as ledger:
            with pytest.raises(ft.ArgumentError) as info:
                ledger.add_account("zs", "office", password="1234567")
            assert "account.password_short" == info.value.code
            with pytest.raises(ft.ArgumentError):
                ledger.add_account("张 三", "office", password=PASSWORD)
            assert [] == ledger.accounts()

    def test_division_must_be_the_plans(self, sample: ft.Plan) -> None:
        """With a plan, a division account names one of its divisions (with a hint when close)."""
        with ft.Ledger(":memory:", plan=sample) as ledger, pytest.raises(ft.ArgumentError, match="政策法规处"):
            ledger.add_account("zs", "division", division="政策法规科", password=PASSWORD)

    def test_set_password(self) -> None:
        """A new password replaces the old; an unknown account is a 404."""
        with ft.Ledger(":memory:") as ledger:
            ledger.add_account("fzb", "office", password=PASSWORD)
            ledger.set_password("fzb", "a new password")
            assert None is ledger.check_login("fzb", PASSWORD)
            assert ledger.check_login("fzb", "a new password") is not None
            with pytest.raises(ft.LedgerError) as info:
                ledger.set_password("nobody", "a new password")
            assert 404 == info.value.status

    def test_accounts_listed_by_name(self) -> None:
        """accounts() by name; account(name) one or None."""
        with ft.Ledger(":memory:") as ledger:
            ledger.add_account("b", "director", password=PASSWORD)
            ledger.add_account("a", "division", division="办公室", password=PASSWORD)
            assert ["a", "b"] == [a.name for a in ledger.accounts()]
            assert ft.Account("b", "director") == ledger.account("b")
            assert None is ledger.account("c")

    def test_the_database_keeps_name_role_and_division(self, tmp_path: Path) -> None:
        """Plain sqlite3 may change the password hash, never the name, role or division; nothing is deleted."""
        path = tmp_path / "l.db"
        with ft.Ledger(path) as ledger:
            ledger.add_account("zs", "division", division="办公室", password=PASSWORD)
        db = sqlite3.connect(path)
        for sql in ("UPDATE accounts SET role = 'office', division = NULL", "UPDATE accounts SET name = 'ls'",
                    "UPDATE accounts SET division = '政策法规处'", "DELETE FROM accounts"):
            with pytest.raises(sqlite3.IntegrityError):
                db.execute(sql)
        db.execute("UPDATE accounts SET password_hash = '$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA'")
        db.commit()
        db.close()


class TestEvidence:
    def test_content_addressed_and_stored_once(self, tmp_path: Path) -> None:
        """The same bytes attached twice are one file, named by their SHA-256, beside the ledger."""
        data = b"%PDF-1.7\n" + bytes(range(256)) * 10
        sha = hashlib.sha256(data).hexdigest()
        path = tmp_path / "l.db"
        with ft.Ledger(path) as ledger:
            first = ledger.add_evidence("T001", data, filename="C:\\材料\\验收报告.pdf", content_type="text/html",
                                        by="zs")
            ledger.add_evidence("T002", data, filename="副本.pdf", by="ls")
            assert (sha, "验收报告.pdf", "application/pdf", len(data), "zs") == (
                first.sha256, first.filename, first.content_type, first.size, first.by)
            assert data == ledger.evidence_bytes(sha)
            assert ["T001"] == [e.task_id for e in ledger.evidence("T001")]
        files = [p for p in (tmp_path / "l.db.files").rglob("*") if p.is_file()]
        assert [tmp_path / "l.db.files" / sha[:2] / sha] == files

    def test_over_the_limit_is_too_large(self) -> None:
        """Over 20 MB is refused with status 413 and nothing stored."""
        from fazhi_tasks.ledger.front import MAX_EVIDENCE_BYTES

        with ft.Ledger(":memory:") as ledger:
            with pytest.raises(ft.LedgerError) as info:
                ledger.add_evidence("T001", b"%PDF-" + b"0" * MAX_EVIDENCE_BYTES, filename="big.pdf")
            assert ("file.too_large", 413) == (info.value.code, info.value.status)
            assert [] == ledger.evidence("T001")

    @pytest.mark.parametrize(("name", "data"), [("run.exe", b"MZ\x90\x00"), ("page.html", b"<script>"),
                                                ("a.svg", b"<svg/>"), ("noname", b"%PDF-1.4"),
                                                ("fake.pdf", b"<html>"), ("fake.png", b"%PDF-1.4"),
                                                ("bin.txt", b"\x00\x01\x02")])
    def test_disallowed_types_refused(self, name: str, data: bytes) -> None:
        """Only the allowed suffixes, and only files that begin as their suffix says (415)."""
        with ft.Ledger(":memory:") as ledger:
            with pytest.raises(ft.LedgerError) as info:
                ledger.add_evidence("T001", data, filename=name)
            assert ("evidence.type", 415) == (info.value.code, info.value.status)
            assert [] == ledger.evidence("T001")

    def test_unknown_hash_is_not_found(self) -> None:
        """A hash no evidence row names (or that is no hash) is a 404."""
        with ft.Ledger(":memory:") as ledger:
            for sha in ("0" * 64, "../../etc/passwd", ""):
                with pytest.raises(ft.LedgerError) as info:
                    ledger.evidence_bytes(sha)
                assert 404 == info.value.status

    def test_audit_names_every_write(self) -> None:
        """The audit trail lists updates, reviews, evidence and accounts with who, oldest first."""
        ticks = iter(dt.datetime(2021, 3, 1, 8, k, tzinfo=dt.UTC) for k in range(10))
        with ft.Ledger(":memory:", clock=lambda: next(ticks)) as ledger:
            ledger.add_account("fzb", "office", password=PASSWORD)
            ledger.record(ft.Update("T001", "已完成", dt.date(2021, 3, 1), by="zs"))
            ledger.add_evidence("T001", b"done", filename="说明.txt", by="zs")
            ledger.review(ft.Review("T001", "pass", dt.date(2021, 3, 1), by="fzb"))
            entries = ledger.audit()
            assert [("fzb", "account"), ("zs", "update"), ("zs", "evidence"), ("fzb", "review.pass")] == [
                (e.account, e.action) for e in entries]
            assert 2 == len(ledger.audit(since=dt.datetime(2021, 3, 1, 8, 2)))

    def test_threads_attach_and_log_in(self) -> None:
        """Threads sharing one Ledger attach files and check logins at once without error."""
        with ft.Ledger(":memory:") as ledger:
            ledger.add_account("fzb", "office", password=PASSWORD)
            errors: list[BaseException] = []

            def work(k: int) -> None:
                try:
                    for i in range(5):
                        ledger.add_evidence("T001", f"{k}-{i}".encode(), filename="a.txt")
                        assert ledger.check_login("fzb", PASSWORD) is not None
                except BaseException as exc:  # collected and asserted below
                    errors.append(exc)

            threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            assert [] == errors
            assert 20 == len(ledger.evidence("T001"))


class TestCli:
    def test_add_with_the_password_on_stdin(self, tmp_path: Path) -> None:
        """account add reads one line from stdin when it is not a terminal, creates the ledger, says so."""
        path = tmp_path / "l.db"
        code, out, err = run("account", "add", "张三", "--division", "政策法规处", "--ledger", str(path),
                             stdin=PASSWORD + "\n")
        assert (0, "已建立账户：张三（处室，政策法规处）\n", "") == (code, out, err)
        code, out, _ = run("account", "add", "fzb", "--office", "--ledger", str(path), stdin=PASSWORD + "\r\n")
        assert (0, "已建立账户：fzb（法治办）\n") == (code, out)
        with ft.Ledger(path) as ledger:
            assert ledger.check_login("张三", PASSWORD) is not None
            assert ledger.check_login("fzb", PASSWORD) is not None

    def test_password_resets_a_forgotten_one(self, tmp_path: Path) -> None:
        """account password NAME sets a new one (the old no longer logs in); an unknown name is refused before a
        password is read, with one line and exit 2."""
        path = tmp_path / "l.db"
        run("account", "add", "张三", "--division", "政策法规处", "--ledger", str(path), stdin=PASSWORD + "\n")
        code, out, err = run("account", "password", "张三", "--ledger", str(path), stdin="新的密码2021!\n")
        assert (0, "已为账户“张三”设置新密码\n", "") == (code, out, err)
        with ft.Ledger(path) as ledger:
            assert ledger.check_login("张三", PASSWORD) is None
            assert ledger.check_login("张三", "新的密码2021!") is not None
        code, out, err = run("account", "password", "李四", "--ledger", str(path), stdin="新的密码2021!\n")
        assert (2, "", 1) == (code, out, err.count("\n")) and "李四" in err
        code, _, err = run("account", "password", "张三", "--ledger", str(path), stdin="short\n")
        assert 2 == code and 1 == err.count("\n")

    def test_list(self, tmp_path: Path) -> None:
        """account list shows name, role and division."""
        path = tmp_path / "l.db"
        run("account", "add", "fzb", "--director", "--ledger", str(path), stdin=PASSWORD + "\n")
        code, out, _ = run("account", "list", "--ledger", str(path), "--lang", "en")
        assert 0 == code
        assert ["Name    Role      Division", "------  --------  ----------", "fzb     director"] == [
            line.rstrip() for line in out.splitlines()]

    @pytest.mark.parametrize(("argv", "stdin"), [
        (("account", "add", "zs", "--division", "办公室"), "short\n"),
        (("account", "add", "zs", "--division", "办公室"), ""),
        (("account", "add", "zs", "--division", "办公室"), "\n"),
        (("account", "add", "zs"), PASSWORD + "\n"),
        (("account", "add", "--office"), PASSWORD + "\n"),
        (("account", "add", "zs", "--office", "--director"), PASSWORD + "\n"),
        (("account", "add", "zs", "--office", "--plan", "--ledger"), PASSWORD + "\n"),
    ])
    def test_bad_input_one_line_exit_2(self, tmp_path: Path, argv: tuple[str, ...], stdin: str) -> None:
        """Short or missing password, no role, no name: one line on stderr, exit 2, no account."""
        path = tmp_path / "l.db"
        code, out, err = run(*argv, "--ledger", str(path), stdin=stdin)
        assert (2, "", 1) == (code, out, err.count("\n"))
        assert "Traceback" not in err
        if path.exists():
            with ft.Ledger(path) as ledger:
                assert [] == ledger.accounts()

    def test_a_taken_name_is_refused_before_the_password(self, tmp_path: Path) -> None:
        """Adding a name that exists fails at once (no password read), exit 2."""
        path = tmp_path / "l.db"
        run("account", "add", "fzb", "--office", "--ledger", str(path), stdin=PASSWORD + "\n")
        code, _, err = run("account", "add", "fzb", "--office", "--ledger", str(path), stdin="")
        assert 2 == code and "已存在" in err
