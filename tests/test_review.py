"""Reviews (审核: 销号 / 退回): the model, the ledger's events and guards, the reports that count closures, the CLI."""

from __future__ import annotations

import datetime as dt
import io
import json
import sqlite3
import threading
import uuid
import zipfile
from pathlib import Path

import pytest

import fazhi_tasks as ft
from fazhi_tasks.cli import main

D = dt.date
WEEK = D(2021, 6, 25)


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def ledger_file(tmp_path: Path, sample_history: list[ft.Update]) -> Path:
    """An SQLite ledger holding the sample history."""
    path = tmp_path / "progress.db"
    with ft.Ledger(path) as ledger:
        ledger.record_many(sample_history)
    return path


class TestModel:
    def test_decision_words(self) -> None:
        """A decision is given by its value or the words people use."""
        assert [ft.Decision.PASS, ft.Decision.PASS, ft.Decision.RETURN] == [
            ft.Review("T1", word, D(2021, 3, 1), reason="r").decision for word in ("pass", "销号", "退回")]

    def test_a_return_needs_a_reason(self) -> None:
        """A RETURN with no reason is refused, naming the field."""
        with pytest.raises(ft.PlanError) as info:
            ft.Review("T1", ft.Decision.RETURN, D(2021, 3, 1), reason="  ")
        assert ("reason", "退回须写明理由") == (info.value.field, info.value.reason())

    def test_an_unknown_decision_is_refused(self) -> None:
        """A decision that is none is a PlanError naming the value."""
        with pytest.raises(ft.PlanError, match="maybe"):
            ft.Review("T1", "maybe", D(2021, 3, 1))

    def test_the_date_must_be_a_date(self) -> None:
        """A datetime or text is no review date."""
        with pytest.raises(ft.PlanError):
            ft.Review("T1", "pass", "2021-03-01")  # type: ignore[arg-type]

    def test_review_is_frozen(self) -> None:
        """A review cannot be changed once made."""
        review = ft.Review("T1", "pass", D(2021, 3, 1))
        with pytest.raises(AttributeError):
            review.decision = ft.Decision.RETURN  # type: ignore[misc]


class TestLedger:
    def test_a_task_not_done_cannot_be_reviewed(self) -> None:
        """Reviewing a task that is not 已完成 as of the decision's day is refused with code and status."""
        with ft.Ledger(":memory:") as ledger:
            ledger.record(ft.Update("T1", "推进中", D(2021, 3, 1)))
            ledger.record(ft.Update("T1", "已完成", D(2021, 3, 9)))
            with pytest.raises(ft.LedgerError) as info:
                ledger.review(ft.Review("T1", "pass", D(2021, 3, 8)))
            assert ("review.not_done", 409, "T1") == (info.value.code, info.value.status, info.value.task_id)
            assert [] == ledger.reviews()
            ledger.review(ft.Review("T1", "pass", D(2021, 3, 9)))
            assert 1 == len(ledger.reviews())

    def test_a_plan_bound_ledger_refuses_unknown_tasks(self, sample: ft.Plan) -> None:
        """With a plan, a review of a task the plan lacks is an UnknownTaskError with a hint."""
        with ft.Ledger(":memory:", plan=sample) as ledger, pytest.raises(ft.UnknownTaskError, match="T001"):
            ledger.review(ft.Review("t001", "pass", D(2021, 3, 9)))

    def test_overlong_or_control_text_refused(self) -> None:
        """A reason over 4000 characters or a reviewer with a control character is refused; nothing recorded."""
        with ft.Ledger(":memory:") as ledger:
            ledger.record(ft.Update("A", "已完成", D(2021, 3, 1)))
            for review in (ft.Review("A", "return", D(2021, 3, 2), reason="理" * 4001),
                           ft.Review("A", "pass", D(2021, 3, 2), by="法治办\x1b[31m")):
                with pytest.raises(ft.ArgumentError) as info:
                    ledger.review(review)
                assert "review.text" == info.value.code
            assert [] == ledger.reviews()

    def test_reviews_in_recording_order_and_by_task(self) -> None:
        """reviews() gives every review as recorded; task_id= one task's."""
        with ft.Ledger(":memory:") as ledger:
            ledger.record_many([ft.Update("A", "已完成", D(2021, 3, 1)), ft.Update("B", "已完成", D(2021, 3, 1))])
            made = [ft.Review("A", "pass", D(2021, 3, 5), by="法治办"),
                    ft.Review("B", "return", D(2021, 3, 2), reason="缺佐证", by="法治办"),
                    ft.Review("A", "return", D(2021, 3, 3), reason="补充", by="法治办")]
            for review in made:
                ledger.review(review)
            assert made == ledger.reviews()
            assert [made[0], made[2]] == ledger.reviews(task_id="A")

    def test_reviewing_starts_with_a_review_or_an_office_account(self) -> None:
        """A ledger is reviewing once it holds a review or an office account, not before."""
        with ft.Ledger(":memory:") as ledger:
            ledger.record(ft.Update("A", "已完成", D(2021, 3, 1)))
            ledger.add_account("zs", "division", division="办公室", password="long enough")
            assert not ledger.reviewing
            assert {} == ledger.closed_as_of(D(2021, 3, 2)).pending
            ledger.add_account("fzb", "office", password="long enough")
            assert ledger.reviewing
            assert ["A"] == list(ledger.closed_as_of(D(2021, 3, 2)).pending)
        with ft.Ledger(":memory:") as ledger:
            ledger.record(ft.Update("A", "已完成", D(2021, 3, 1)))
            ledger.review(ft.Review("A", "pass", D(2021, 3, 1)))
            assert ledger.reviewing

    def test_status_as_of_is_unchanged_closed_as_of_counts_closures(self) -> None:
        """status_as_of keeps what was reported; closed_as_of says 推进中 until passed."""
        with ft.Ledger(":memory:") as ledger:
            ledger.record(ft.Update("A", "已完成", D(2021, 3, 1), percent=100))
            ledger.review(ft.Review("A", "return", D(2021, 3, 2), reason="缺佐证"))
            assert ft.Status.DONE is ledger.status_as_of(D(2021, 3, 3))["A"].status
            closed = ledger.closed_as_of(D(2021, 3, 3))
            assert (ft.Status.IN_PROGRESS, 100, "已退回：缺佐证") == (closed["A"].status, closed["A"].percent,
                                                                 closed["A"].note)
            assert "缺佐证" == closed.returned["A"].reason

    def test_threads_review_at_once(self) -> None:
        """Eight threads reviewing and reading one shared Ledger lose nothing and never fail."""
        with ft.Ledger(":memory:") as ledger:
            ledger.record_many([ft.Update(f"T{k}", "已完成", D(2021, 3, 1)) for k in range(8)])
            errors: list[BaseException] = []

            def work(k: int) -> None:
                try:
                    for i in range(20):
                        ledger.review(ft.Review(f"T{k}", "pass", D(2021, 3, 2), by=f"w{k}-{i}"))
                        ledger.closed_as_of(D(2021, 3, 2))
                        ledger.add_evidence(f"T{k}", f"报告{k}-{i}".encode(), filename="说明.txt", by=f"w{k}")
                except BaseException as exc:  # collected and asserted below
                    errors.append(exc)

            threads = [threading.Thread(target=work, args=(k,)) for k in range(8)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            assert [] == errors
            assert 160 == len(ledger.reviews())
            assert [20] * 8 == [len(ledger.evidence(f"T{k}")) for k in range(8)]


class TestGuards:
    def test_the_owner_cannot_rewrite_reviews_or_evidence(self, tmp_path: Path) -> None:
        """Plain sqlite3 on the file cannot UPDATE or DELETE a review or an evidence row (triggers)."""
        path = tmp_path / "l.db"
        with ft.Ledger(path) as ledger:
            ledger.record(ft.Update("A", "已完成", D(2021, 3, 1)))
            ledger.review(ft.Review("A", "return", D(2021, 3, 2), reason="缺佐证"))
            ledger.add_evidence("A", b"%PDF-1.4", filename="a.pdf")
        db = sqlite3.connect(path)
        for sql in ("UPDATE reviews SET decision = 'pass', reason = ''", "DELETE FROM reviews",
                    "UPDATE evidence SET sha256 = replace(sha256, 'a', 'b')", "DELETE FROM evidence"):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                db.execute(sql)
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            db.execute("INSERT INTO reviews (task_id, decision, on_date, recorded_at) "
                       "VALUES ('A', 'return', '2021-03-03', 'x')")
        db.close()

    def test_a_schema_3_ledger_migrates_and_keeps_its_chain(self, tmp_path: Path) -> None:
        """A version-3 file opens as version 4: its rows kept, its hash chain verifying, reviews recordable."""
        from fazhi_tasks.ledger.sqlite import _AFTER, _MIGRATIONS, APPLICATION_ID, SqliteBackend

        path = tmp_path / "old.db"
        db = sqlite3.connect(path, isolation_level=None)
        for version in (1, 2, 3):
            for statement in _MIGRATIONS[version]:
                db.execute(statement)
            if version in _AFTER:
                _AFTER[version](db)
        rows = [("", f"T{k}", "已完成" if k % 2 else "推进中", 10 * k, D(2021, 3, 1 + k), "说明", "张三")
                for k in range(5)]
        db.execute("BEGIN IMMEDIATE")
        SqliteBackend._append(db, rows, "2021-03-10T00:00:00.000000+00:00", skip_existing=False)
        db.execute("COMMIT")
        db.execute("PRAGMA user_version = 3")
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        db.close()
        with ft.Ledger(path) as ledger:
            before = ledger.verify()
            assert (True, 5) == (before.ok, before.rows)
            assert ["T0", "T1", "T2", "T3", "T4"] == [x.task_id for x in ledger.updates()]
            ledger.review(ft.Review("T1", "pass", D(2021, 3, 5)))
            ledger.record(ft.Update("T0", "已完成", D(2021, 3, 9)))
            after = ledger.verify()
            assert (True, 6) == (after.ok, after.rows)
            assert before.heads[""][1] != after.heads[""][1]
        db = sqlite3.connect(path)
        assert (4, "ok") == (db.execute("PRAGMA user_version").fetchone()[0],
                             db.execute("PRAGMA integrity_check").fetchone()[0])
        db.close()


class TestWeekly:
    def test_without_reviews_nothing_changes(self, sample: ft.Plan, ledger_file: Path,
                                             sample_history: list[ft.Update]) -> None:
        """A ledger nobody reviews gives the very report the plain history gives, with nothing pending."""
        with ft.Ledger(ledger_file) as ledger:
            from_ledger = ft.weekly_report(sample, ledger, WEEK)
        plain = ft.weekly_report(sample, sample_history, WEEK)
        assert () == from_ledger.pending
        assert plain.to_dict() == from_ledger.to_dict()

    def test_done_counts_only_once_closed(self, sample: ft.Plan, ledger_file: Path) -> None:
        """Once reviewing, a 已完成 counts as done only when passed; returned ones are open; the rest pending."""
        with ft.Ledger(ledger_file) as ledger:
            reported = {t for t, x in ledger.status_as_of(WEEK).items() if x.status is ft.Status.DONE}
            ledger.review(ft.Review("T050", "pass", D(2021, 6, 23), by="法治办"))
            ledger.review(ft.Review("T075", "return", D(2021, 6, 24), reason="缺少佐证材料", by="法治办"))
            report = ft.weekly_report(sample, ledger, WEEK)
        assert 1 == report.summary.done
        assert ["T050"] == [e.task.id for e in report.completed]
        assert reported - {"T050", "T075"} == {e.task.id for e in report.pending}
        entry = next(e for e in report.pending if e.task.id == "T061")
        assert (D(2021, 6, 25), sample["T061"].division) == (entry.reported, entry.division)
        assert [e.reported for e in report.pending] == sorted(e.reported for e in report.pending)

    def test_completed_this_week_counts_closures_only(self, sample: ft.Plan, ledger_file: Path) -> None:
        """A task passed before the week began is done, but not completed this week; one passed within is."""
        with ft.Ledger(ledger_file) as ledger:
            ledger.review(ft.Review("T001", "pass", D(2021, 6, 1)))
            ledger.review(ft.Review("T002", "pass", D(2021, 6, 21)))
            report = ft.weekly_report(sample, ledger, WEEK)
        assert 2 == report.summary.done
        assert ["T002"] == [e.task.id for e in report.completed]

    def test_every_format_shows_the_pending_section(self, sample: ft.Plan, ledger_file: Path,
                                                   tmp_path: Path) -> None:
        """待审核事项 appears in text, markdown, HTML, JSON (valid against its schema), xlsx and the Word 通报."""
        import openpyxl

        from .test_api import validate

        with ft.Ledger(ledger_file) as ledger:
            ledger.review(ft.Review("T050", "pass", D(2021, 6, 23)))
            report = ft.weekly_report(sample, ledger, WEEK)
        for shown in (report.to_text(), report.to_markdown(), report.to_html()):
            assert "待审核事项" in shown
        assert "Awaiting review" in report.to_text("en")
        data = json.loads(str(ft.render(report, "json")))
        validate(data)
        assert {"task_id": "T061", "title": sample["T061"].title, "division": sample["T061"].division,
                "reported": "2021-06-25"} in data["pending"]
        book = openpyxl.load_workbook(io.BytesIO(report.to_xlsx() or b""))
        cells = {str(c.value) for sheet in book for row in sheet.iter_rows() for c in row if c.value is not None}
        assert any("待审核事项" in name for name in book.sheetnames) or any("待审核事项" in c for c in cells)
        assert "T061" in cells
        out = tmp_path / "通报.docx"
        ft.weekly_docx(report, out)
        with zipfile.ZipFile(out) as z:
            body = z.read("word/document.xml").decode()
        assert "待审核事项：" in body and "T061" in body

    def test_no_pending_section_when_nothing_waits(self, sample: ft.Plan,
                                                    sample_history: list[ft.Update]) -> None:
        """Without a reviewing ledger the section is absent and the JSON's pending list is empty."""
        report = ft.weekly_report(sample, sample_history, WEEK)
        assert "待审核事项" not in report.to_text()
        assert [] == report.to_dict()["pending"]


class TestCli:
    def test_pass_and_return(self, ledger_file: Path) -> None:
        """review --pass and --return record the decision and say so in one line."""
        code, out, err = run("review", "T050", "--pass", "--on", "2021-06-23", "--by", "法治办",
                             "--ledger", str(ledger_file))
        assert (0, "已记录：任务 T050 销号（2021年6月23日）\n", "") == (code, out, err)
        code, out, _ = run("review", "T075", "--return", "缺少佐证材料", "--on", "2021-06-24", "--by", "法治办",
                           "--ledger", str(ledger_file), "--lang", "en")
        assert (0, "recorded: task T075 returned (2021-06-24)\n") == (code, out)
        with ft.Ledger(ledger_file) as ledger:
            assert [ft.Review("T050", "pass", D(2021, 6, 23), by="法治办"),
                    ft.Review("T075", "return", D(2021, 6, 24), reason="缺少佐证材料", by="法治办")] == ledger.reviews()

    def test_reports_from_the_cli_count_closures(self, ledger_file: Path) -> None:
        """weekly and shortfalls with --ledger read closed statuses: a pending 已完成 past its deadline is overdue."""
        run("review", "T050", "--pass", "--on", "2021-06-23", "--ledger", str(ledger_file))
        code, out, _ = run("weekly", "--week-ending", "2021-06-25", "--ledger", str(ledger_file), "--format", "json")
        data = json.loads(out)
        assert (0, 1) == (code, data["summary"]["done"])
        assert len(data["pending"]) > 40
        code, out, _ = run("shortfalls", "--as-of", "2021-06-25", "--ledger", str(ledger_file), "--format", "json")
        plain = run("shortfalls", "--as-of", "2021-06-25", "--format", "json")[1]
        assert json.loads(out)["counts"]["overdue"] > json.loads(plain)["counts"]["overdue"]

    def test_all_pending_passes_what_was_accepted_once(self, ledger_file: Path) -> None:
        """--all-pending --pass closes every 已完成 awaiting review as of the date, once; a return stays open."""
        run("review", "T075", "--return", "缺少佐证材料", "--on", "2021-06-24", "--ledger", str(ledger_file))
        with ft.Ledger(ledger_file) as ledger:
            waiting = set(ledger.closed_as_of(D(2021, 6, 25)).pending)
        assert len(waiting) > 40 and "T075" not in waiting
        code, out, err = run("review", "--all-pending", "--pass", "--on", "2021-06-25", "--by", "法治办",
                             "--ledger", str(ledger_file))
        assert (0, f"已销号 {len(waiting)} 项待审核的已完成任务（截至2021年6月25日）\n", "") == (code, out, err)
        with ft.Ledger(ledger_file) as ledger:
            closed = ledger.closed_as_of(D(2021, 6, 25))
            assert ({}, ["T075"]) == (dict(closed.pending), sorted(closed.returned))
            assert waiting == {r.task_id for r in ledger.reviews() if r.decision is ft.Decision.PASS}
            assert all(r.by == "法治办" for r in ledger.reviews() if r.decision is ft.Decision.PASS)
        assert (0, "已销号 0 项待审核的已完成任务（截至2021年6月25日）\n") == run(
            "review", "--all-pending", "--pass", "--on", "2021-06-25", "--ledger", str(ledger_file))[:2]
        for argv in (("review", "--all-pending", "--return", "x"), ("review", "T050", "--all-pending", "--pass"),
                     ("review", "--pass")):
            code, out, err = run(*argv, "--ledger", str(ledger_file))
            assert (2, "", 1) == (code, out, err.count("\n")), argv

    def test_a_task_not_done_is_refused_in_one_line(self, ledger_file: Path) -> None:
        """Reviewing a task that is not 已完成: one Chinese line on stderr, exit 2, nothing recorded."""
        code, out, err = run("review", "T045", "--pass", "--on", "2021-06-25", "--ledger", str(ledger_file))
        assert (2, "") == (code, out)
        assert 1 == err.count("\n") and "不是“已完成”" in err and "Traceback" not in err
        with ft.Ledger(ledger_file) as ledger:
            assert [] == ledger.reviews()

    def test_bad_input(self, ledger_file: Path, tmp_path: Path) -> None:
        """No decision, both decisions, an empty reason or no such ledger: exit 2 with one line."""
        for argv in (("review", "T050", "--ledger", str(ledger_file)),
                     ("review", "T050", "--pass", "--return", "x", "--ledger", str(ledger_file)),
                     ("review", "T050", "--return", " ", "--ledger", str(ledger_file)),
                     ("review", "T050", "--pass"),
                     ("review", "T050", "--pass", "--ledger", str(tmp_path / "none.db"))):
            code, out, err = run(*argv)
            assert (2, "", 1) == (code, out, err.count("\n")), argv
        assert not (tmp_path / "none.db").exists()


@pytest.mark.postgres
class TestPostgres:
    @pytest.fixture
    def shared(self, postgres: object, pg_template: str) -> tuple[str, str]:
        """A new shared ledger and a bureau mapped to a role (the owner's URL writes for it)."""
        import psycopg

        url = postgres.new_database(pg_template)  # type: ignore[attr-defined]
        bureau = uuid.uuid4().hex
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("INSERT INTO fazhi_bureau_roles (role_name, bureau) VALUES (%s, %s)", (bureau[:20], bureau))
        return url, bureau

    def test_reviews_on_the_shared_ledger(self, shared: tuple[str, str]) -> None:
        """PostgreSQL keeps reviews too: refused for a task not done, counted by closed_as_of, in the audit."""
        url, bureau = shared
        with ft.Ledger(url, bureau=bureau) as ledger:
            ledger.record(ft.Update("A", "已完成", D(2021, 3, 1), by="zs"))
            ledger.record(ft.Update("B", "推进中", D(2021, 3, 1)))
            assert not ledger.reviewing
            with pytest.raises(ft.LedgerError) as info:
                ledger.review(ft.Review("B", "pass", D(2021, 3, 2)))
            assert ("review.not_done", 409) == (info.value.code, info.value.status)
            ledger.review(ft.Review("A", "return", D(2021, 3, 2), reason="缺佐证", by="fzb"))
            assert ledger.reviewing
            assert [ft.Review("A", "return", D(2021, 3, 2), reason="缺佐证", by="fzb")] == ledger.reviews()
            assert ["A"] == list(ledger.closed_as_of(D(2021, 3, 3)).returned)
            assert ["update", "update", "review.return"] == [e.action for e in ledger.audit()]
        with ft.Ledger(url, bureau=uuid.uuid4().hex) as other:
            assert [] == other.reviews()

    def test_reviews_are_append_only_for_the_owner_too(self, shared: tuple[str, str]) -> None:
        """The database owner cannot UPDATE, DELETE or TRUNCATE a review (trigger)."""
        import psycopg

        url, bureau = shared
        with ft.Ledger(url, bureau=bureau) as ledger:
            ledger.record(ft.Update("A", "已完成", D(2021, 3, 1)))
            ledger.review(ft.Review("A", "pass", D(2021, 3, 2)))
        for sql in ("UPDATE fazhi_reviews SET decision = 'return'", "DELETE FROM fazhi_reviews",
                    "TRUNCATE fazhi_reviews"):
            with psycopg.connect(url, autocommit=True) as conn, pytest.raises(psycopg.Error, match="append-only"):
                conn.execute(sql)

    def test_accounts_and_evidence_on_the_shared_ledger(self, shared: tuple[str, str]) -> None:
        """PostgreSQL keeps accounts and evidence too (schema 4): per bureau, the bytes once per hash."""
        import psycopg

        url, bureau = shared
        with ft.Ledger(url, bureau=bureau) as ledger:
            assert not ledger.reviewing
            ledger.add_account("fzb", "office", password="long enough")
            ledger.add_account("zs", "division", division="政策法规处", password="long enough")
            assert ledger.reviewing  # an office account: 已完成 counts once closed
            with pytest.raises(ft.LedgerError) as info:
                ledger.add_account("fzb", "director", password="long enough")
            assert ("account.exists", 409) == (info.value.code, info.value.status)
            assert ["fzb", "zs"] == [a.name for a in ledger.accounts()]
            assert ledger.check_login("fzb", "long enough") == ft.Account("fzb", "office")
            assert ledger.check_login("fzb", "wrong password") is None
            ledger.set_password("zs", "another one")
            assert ledger.check_login("zs", "long enough") is None
            assert ledger.check_login("zs", "another one") == ft.Account("zs", "division", division="政策法规处")
            with pytest.raises(ft.LedgerError) as info:
                ledger.set_password("nobody", "long enough")
            assert ("account.unknown", 404) == (info.value.code, info.value.status)
            first = ledger.add_evidence("A", b"%PDF-1.4 one", filename="a.pdf", by="zs")
            again = ledger.add_evidence("A", b"%PDF-1.4 one", filename="b.pdf", by="zs")
            assert first.sha256 == again.sha256
            assert ["a.pdf", "b.pdf"] == [e.filename for e in ledger.evidence("A")]
            assert b"%PDF-1.4 one" == ledger.evidence_bytes(first.sha256)
            actions = [e.action for e in ledger.audit()]
            assert ["account", "account", "account.password", "evidence", "evidence"] == sorted(actions)
        with psycopg.connect(url, autocommit=True) as conn:
            assert (1, 12) == conn.execute("SELECT count(*), sum(size) FROM fazhi_evidence_files").fetchone()
        with ft.Ledger(url, bureau=uuid.uuid4().hex) as other:
            assert ([], None, []) == (other.accounts(), other.check_login("fzb", "long enough"), other.evidence("A"))
            with pytest.raises(ft.LedgerError) as info:
                other.evidence_bytes(first.sha256)
            assert ("evidence.unknown", 404) == (info.value.code, info.value.status)

    def test_accounts_keep_their_role_and_are_never_deleted(self, shared: tuple[str, str]) -> None:
        """Even the database owner cannot change an account's name, role, division or bureau, nor delete one;
        the evidence and its bytes are append-only (trigger)."""
        import psycopg

        url, bureau = shared
        with ft.Ledger(url, bureau=bureau) as ledger:
            ledger.add_account("zs", "division", division="政策法规处", password="long enough")
            ledger.add_evidence("A", b"%PDF-1.4", filename="a.pdf")
        for sql, match in (("UPDATE fazhi_accounts SET role = 'office', division = NULL", "only its password"),
                           ("UPDATE fazhi_accounts SET name = 'ls'", "only its password"),
                           ("UPDATE fazhi_accounts SET bureau = 'x'", "only its password"),
                           ("DELETE FROM fazhi_accounts", "never deleted"),
                           ("TRUNCATE fazhi_accounts", "append-only"),
                           ("UPDATE fazhi_evidence SET filename = 'b.pdf'", "append-only"),
                           ("DELETE FROM fazhi_evidence", "append-only"),
                           ("UPDATE fazhi_evidence_files SET size = 0", "append-only"),
                           ("DELETE FROM fazhi_evidence_files", "append-only")):
            with psycopg.connect(url, autocommit=True) as conn, pytest.raises(psycopg.Error, match=match):
                conn.execute(sql)


def test_the_commands_have_help_with_an_example(capsys: pytest.CaptureFixture[str]) -> None:
    """review and account answer --help with their example, and take the common options (--plan, --lang)."""
    for command in ("review", "account"):
        assert 0 == main([command, "--help"])
        shown = capsys.readouterr().out
        assert f"example: fazhi-tasks {command}" in shown
        assert "--plan" in shown and "--lang" in shown and "--today" in shown
