"""The web front through Starlette's test client: sessions, rights, CSRF, uploads, review, API shapes, headers."""

from __future__ import annotations

import datetime as dt
import io
import re
import warnings
from collections.abc import Iterator
from typing import Any

import pytest

pytest.importorskip("starlette")
pytest.importorskip("itsdangerous")

import fazhi_tasks as ft

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.applications import Starlette
    from starlette.routing import Mount
    from starlette.testclient import TestClient

from fazhi_tasks.web import create_app

TODAY = dt.date(2021, 6, 25)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PASSWORD = "correct horse 123"

pytestmark = pytest.mark.usefixtures("quick_hashes")


def _client(app: Any, **kwargs: Any) -> TestClient:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return TestClient(app, **kwargs)



@pytest.fixture
def ledger(sample: ft.Plan, sample_history: list[ft.Update]) -> Iterator[ft.Ledger]:
    with ft.Ledger(":memory:", plan=sample) as ledger:
        ledger.record_many([u for u in sample_history if u.on <= TODAY])
        ledger.add_account("zf", "division", division="政策法规处", password=PASSWORD)
        ledger.add_account("zfjd", "division", division="执法监督处", password=PASSWORD)
        ledger.add_account("bgs", "division", division="办公室", password=PASSWORD)
        ledger.add_account("fzb", "office", password=PASSWORD)
        ledger.add_account("jz", "director", password=PASSWORD)
        yield ledger


@pytest.fixture
def app(sample: ft.Plan, ledger: ft.Ledger) -> Starlette:
    return create_app(plan=sample, ledger=ledger, secret_key="test-secret", today=TODAY, max_upload=200_000)


@pytest.fixture
def client(app: Starlette) -> TestClient:
    return _client(app)


def login(client: TestClient, name: str) -> TestClient:
    """Log in through the API (the session cookie stays in the client)."""
    answer = client.post("/api/login", json={"username": name, "password": PASSWORD})
    assert 200 == answer.status_code, answer.text
    return client


def csrf(client: TestClient, path: str = "/") -> str:
    """The CSRF token from a page's form."""
    found = re.search(r'name="csrf" value="([^"]+)"', client.get(path).text)
    assert found is not None
    return found.group(1)


def sheet(rows: list[tuple[str, str, str, str]]) -> bytes:
    """A progress CSV: 任务编号, 状态, 完成百分比, 报送日期."""
    lines = ["任务编号,状态,完成百分比,报送日期", *(",".join(r) for r in rows)]
    return ("\n".join(lines) + "\n").encode()


def upload(client: TestClient, data: bytes, name: str = "进展.csv") -> Any:
    return client.post("/api/progress", files={"file": (name, data, "text/csv")})


def _own_task(plan: ft.Plan, division: str) -> str:
    return next(t.id for t in plan if t.division == division)


class TestSessions:
    def test_pages_redirect_to_login(self, client: TestClient) -> None:
        """Without a session every page redirects to the login, saying where it was going."""
        for path in ("/", "/overdue", "/rectify", "/tasks/T001", "/progress", "/review", "/download/weekly.docx"):
            answer = client.get(path, follow_redirects=False)
            assert 303 == answer.status_code, path
            assert answer.headers["location"].startswith("/login?next=")

    def test_api_answers_401(self, client: TestClient) -> None:
        """Without a session every API call answers 401 JSON."""
        for method, path in (("GET", "/api/overdue"), ("GET", "/api/weekly.docx"), ("POST", "/api/review/T001"),
                             ("GET", "/api/me"), ("GET", "/api/nothing")):
            answer = client.request(method, path, json={"decision": "pass"})
            assert 401 == answer.status_code, path
            assert "web.login_required" == answer.json()["code"]
        assert 401 == upload(client, sheet([("T001", "推进中", "50", "2021-06-20")])).status_code

    def test_login_sets_a_safe_cookie(self, client: TestClient) -> None:
        """The session cookie is HttpOnly and SameSite=Lax; the answer names the account."""
        answer = client.post("/api/login", json={"username": "zf", "password": PASSWORD})
        assert {"username": "zf", "role": "division", "division": "政策法规处"} == {
            k: answer.json()[k] for k in ("username", "role", "division")}
        cookie = answer.headers["set-cookie"].lower()
        assert "httponly" in cookie
        assert "samesite=lax" in cookie

    def test_login_takes_a_form_too(self, client: TestClient) -> None:
        """POST /api/login also takes the two fields as a form."""
        assert 200 == client.post("/api/login", data={"username": "zf", "password": PASSWORD}).status_code
        assert "zf" == client.get("/api/me").json()["username"]

    def test_wrong_password(self, client: TestClient) -> None:
        """A wrong password is 401 and gives no session."""
        answer = client.post("/api/login", json={"username": "zf", "password": "nope"})
        assert 401 == answer.status_code
        assert "web.login_failed" == answer.json()["code"]
        assert 401 == client.get("/api/me").status_code

    def test_login_throttled(self, client: TestClient) -> None:
        """Five failures for a name lock it for a while (429), even with the right password."""
        for _ in range(5):
            client.post("/api/login", json={"username": "zf", "password": "nope"})
        answer = client.post("/api/login", json={"username": "zf", "password": PASSWORD})
        assert 429 == answer.status_code
        assert "web.throttled" == answer.json()["code"]
        assert 200 == client.post("/api/login", json={"username": "fzb", "password": PASSWORD}).status_code

    def test_login_page_and_logout(self, client: TestClient) -> None:
        """The login form logs in (CSRF token checked) and the logout form ends the session."""
        token = csrf(client, "/login")
        answer = client.post("/login", data={"username": "fzb", "password": PASSWORD, "csrf": token, "next": "/review"},
                             follow_redirects=False)
        assert 303 == answer.status_code
        assert "/review" == answer.headers["location"]
        assert 200 == client.get("/review").status_code
        client.post("/logout", data={"csrf": csrf(client, "/review")})
        assert 303 == client.get("/review", follow_redirects=False).status_code

    def test_login_page_refuses_an_outside_next(self, client: TestClient) -> None:
        """``next`` never leads off the site."""
        token = csrf(client, "/login")
        answer = client.post("/login", data={"username": "fzb", "password": PASSWORD, "csrf": token,
                                             "next": "//evil.example/"}, follow_redirects=False)
        assert "/" == answer.headers["location"]

    def test_logout_api(self, client: TestClient) -> None:
        """POST /api/logout ends the session."""
        login(client, "zf")
        assert {"ok": True} == client.post("/api/logout").json()
        assert 401 == client.get("/api/me").status_code

    def test_sessions_survive_a_restart(self, tmp_path: Any, sample: ft.Plan) -> None:
        """Without a secret key, one is kept beside the ledger file (0600), so a new app reads old cookies."""
        path = tmp_path / "progress.db"
        with ft.Ledger(path, plan=sample) as ledger:
            ledger.add_account("fzb", "office", password=PASSWORD)
            first = _client(create_app(plan=sample, ledger=ledger, today=TODAY))
            login(first, "fzb")
            second = _client(create_app(plan=sample, ledger=ledger, today=TODAY), cookies=dict(first.cookies))
            assert 200 == second.get("/api/me").status_code
        assert 0o600 == (path.parent / "progress.db.secret").stat().st_mode & 0o777


class TestCsrf:
    def test_form_without_token_refused(self, client: TestClient) -> None:
        """A form POST without the session's token is refused and writes nothing."""
        login(client, "zf")
        before = len(client.app.state.fazhi.ledger)  # type: ignore[attr-defined]
        answer = client.post("/tasks/T001/progress", data={"status": "推进中", "percent": "10", "on": "2021-06-20"})
        assert 403 == answer.status_code
        assert "CSRF" in answer.text
        assert before == len(client.app.state.fazhi.ledger)  # type: ignore[attr-defined]

    def test_form_with_wrong_token_refused(self, client: TestClient) -> None:
        """A token from elsewhere is refused."""
        login(client, "fzb")
        answer = client.post("/review/T001", data={"decision": "pass", "csrf": "x" * 40})
        assert 403 == answer.status_code

    def test_login_form_needs_token(self, client: TestClient) -> None:
        """Even the login form carries the token (login CSRF)."""
        answer = client.post("/login", data={"username": "zf", "password": PASSWORD})
        assert 403 == answer.status_code

    def test_api_refuses_a_foreign_origin(self, client: TestClient) -> None:
        """An API write from another site (Origin, Sec-Fetch-Site) is refused."""
        login(client, "zf")
        data = sheet([("T001", "推进中", "50", "2021-06-20")])
        answer = client.post("/api/progress", files={"file": ("a.csv", data, "text/csv")},
                             headers={"Origin": "https://evil.example"})
        assert 403 == answer.status_code
        assert "web.csrf" == answer.json()["code"]
        answer = client.post("/api/progress", files={"file": ("a.csv", data, "text/csv")},
                             headers={"Sec-Fetch-Site": "cross-site"})
        assert 403 == answer.status_code
        own = client.post("/api/progress", files={"file": ("a.csv", data, "text/csv")},
                          headers={"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"})
        assert 200 == own.status_code

    def test_api_json_must_say_json(self, client: TestClient) -> None:
        """A review posted as a form (what a cross-site page can send) is refused: 415."""
        login(client, "fzb")
        answer = client.post("/api/review/T001", data={"decision": "pass"})
        assert 415 == answer.status_code

    def test_api_wrong_token_header(self, client: TestClient) -> None:
        """An X-CSRF-Token that is not the session's is refused; the right one passes."""
        token = login(client, "fzb").get("/api/me").json()["csrf_token"]
        assert 403 == client.post("/api/review/T001", json={"decision": "pass"},
                                  headers={"X-CSRF-Token": "nope"}).status_code
        assert 403 != client.post("/api/review/T001", json={"decision": "pass"},
                                  headers={"X-CSRF-Token": token}).status_code


class TestRights:
    def test_division_reads_its_own_and_supported(self, client: TestClient, sample: ft.Plan) -> None:
        """A division reads the tasks it leads and supports, and no other."""
        login(client, "zf")
        own = _own_task(sample, "政策法规处")
        supported = next(t.id for t in sample if "政策法规处" in t.supporting and t.division != "政策法规处")
        other = next(t.id for t in sample if t.division != "政策法规处" and "政策法规处" not in t.supporting)
        assert 200 == client.get(f"/tasks/{own}").status_code
        assert 200 == client.get(f"/tasks/{supported}").status_code
        assert 403 == client.get(f"/tasks/{other}").status_code

    def test_division_cannot_report_another_divisions_task(self, client: TestClient, sample: ft.Plan,
                                                         ledger: ft.Ledger) -> None:
        """A sheet with one task of another division is refused whole: 403, nothing written."""
        login(client, "zf")
        other = _own_task(sample, "执法监督处")
        before = len(ledger)
        answer = upload(client, sheet([(_own_task(sample, "政策法规处"), "推进中", "50", "2021-06-20"),
                                       (other, "推进中", "50", "2021-06-20")]))
        assert 403 == answer.status_code
        assert "web.forbidden" == answer.json()["code"]
        assert before == len(ledger)

    def test_division_form_on_another_task(self, client: TestClient, sample: ft.Plan, ledger: ft.Ledger) -> None:
        """The per-task form refuses another division's task."""
        login(client, "zf")
        other = _own_task(sample, "执法监督处")
        before = len(ledger)
        answer = client.post(f"/tasks/{other}/progress", data={"status": "推进中", "percent": "50",
                                                               "on": "2021-06-20", "csrf": csrf(client)})
        assert 403 == answer.status_code
        assert before == len(ledger)

    def test_supporting_division_reads_but_does_not_report(self, client: TestClient, sample: ft.Plan,
                                                          ledger: ft.Ledger) -> None:
        """Supporting a task gives reading, not reporting."""
        login(client, "zf")
        supported = next(t.id for t in sample if "政策法规处" in t.supporting and t.division != "政策法规处")
        assert 403 == upload(client, sheet([(supported, "推进中", "50", "2021-06-20")])).status_code

    def test_director_reads_only(self, client: TestClient, sample: ft.Plan, ledger: ft.Ledger) -> None:
        """The director reads the dashboard and the 通报, and may not report or review."""
        login(client, "jz")
        assert 200 == client.get("/").status_code
        assert 200 == client.get("/api/weekly.docx").status_code
        before = len(ledger)
        assert 403 == upload(client, sheet([("T001", "推进中", "50", "2021-06-20")])).status_code
        assert 403 == client.post("/api/review/T001", json={"decision": "pass"}).status_code
        assert 403 == client.get("/progress").status_code
        assert 403 == client.get("/review").status_code
        assert before == len(ledger)

    def test_division_may_not_review_or_take_the_report(self, client: TestClient) -> None:
        """Reviews and the 通报 belong to the office (and the director reads it)."""
        login(client, "zf")
        assert 403 == client.post("/api/review/T001", json={"decision": "pass"}).status_code
        assert 403 == client.get("/api/weekly.docx").status_code
        assert 403 == client.get("/download/notices.docx").status_code
        assert 403 == client.get("/review").status_code

    def test_division_dashboard_lists_its_tasks(self, client: TestClient, sample: ft.Plan) -> None:
        """A division's home lists the tasks it leads or supports, and not the others'."""
        login(client, "zfjd")
        text = client.get("/").text
        assert f">{_own_task(sample, '执法监督处')}<" in text
        assert f">{_own_task(sample, '人事处')}<" not in text

    def test_overdue_cut_to_the_division(self, client: TestClient, sample: ft.Plan) -> None:
        """A division's overdue JSON holds only tasks it reads; the office's holds all."""
        login(client, "bgs")
        mine = client.get("/api/overdue", params={"as_of": "2021-06-25"}).json()
        readable = {t.id for t in sample if "办公室" in (t.division, *t.supporting, *t.co_leads)}
        ids = {item["task_id"] for item in mine["shortfalls"]}
        assert ids <= readable
        login(client, "fzb")
        everything = client.get("/api/overdue", params={"as_of": "2021-06-25"}).json()
        assert len(everything["shortfalls"]) > len(mine["shortfalls"])


class TestProgress:
    def test_upload_then_again(self, client: TestClient, sample: ft.Plan, ledger: ft.Ledger) -> None:
        """An upload records every row with the account's name; the same sheet again records nothing."""
        login(client, "zf")
        ids = [t.id for t in sample if t.division == "政策法规处"][:3]
        data = sheet([(i, "推进中", "60", "2021-06-24") for i in ids])
        assert {"imported": 3, "skipped": 0} == upload(client, data).json()
        assert {"imported": 0, "skipped": 3} == upload(client, data).json()
        assert "zf" == ledger.history(ids[0])[-1].by

    def test_bad_cell_all_or_nothing(self, client: TestClient, sample: ft.Plan, ledger: ft.Ledger) -> None:
        """One bad cell refuses the sheet: 400 with code, message and each problem by row and column."""
        login(client, "zf")
        ids = [t.id for t in sample if t.division == "政策法规处"][:2]
        before = len(ledger)
        answer = upload(client, sheet([(ids[0], "推进中", "60", "2021-06-24"), (ids[1], "做完了", "60", "2021-06-24")]))
        assert 400 == answer.status_code
        body = answer.json()
        assert {"code", "message", "problems"} <= set(body)
        assert 3 == body["problems"][0]["row"]
        assert "做完了" in body["message"]
        assert before == len(ledger)

    def test_the_page_shows_problems_in_chinese(self, client: TestClient, sample: ft.Plan) -> None:
        """The upload page shows the CLI's message by row and column."""
        login(client, "zf")
        task = _own_task(sample, "政策法规处")
        answer = client.post("/progress", data={"csrf": csrf(client, "/progress")},
                             files={"file": ("进展.csv", sheet([(task, "做完了", "60", "2021-06-24")]), "text/csv")})
        assert 400 == answer.status_code
        assert 'id="problems"' in answer.text
        assert "做完了" in answer.text
        assert "未导入" in answer.text

    def test_the_page_imports(self, client: TestClient, sample: ft.Plan) -> None:
        """A good sheet through the page says how many were imported."""
        login(client, "zf")
        task = _own_task(sample, "政策法规处")
        answer = client.post("/progress", data={"csrf": csrf(client, "/progress")},
                             files={"file": ("进展.csv", sheet([(task, "推进中", "70", "2021-06-24")]), "text/csv")})
        assert 200 == answer.status_code
        assert "已导入 1 条进展" in answer.text

    def test_template_round_trip(self, client: TestClient, sample: ft.Plan) -> None:
        """The division's template lists its tasks; uploaded back unfilled it records nothing."""
        login(client, "zf")
        answer = client.get("/progress/template.xlsx")
        assert 200 == answer.status_code
        assert answer.headers["content-disposition"].startswith("attachment")
        updates = ft.import_updates(answer.content, name="t.xlsx", plan=sample)
        assert all(sample[u.task_id].division == "政策法规处" for u in updates)
        again = client.post("/api/progress", files={"file": ("t.xlsx", answer.content, XLSX)})
        assert 200 == again.status_code

    def test_form_records_with_checks(self, client: TestClient, sample: ft.Plan, ledger: ft.Ledger) -> None:
        """The per-task form records one update; a future date or a bad percent is refused."""
        login(client, "zf")
        task = _own_task(sample, "政策法规处")
        token = csrf(client)
        ok = client.post(f"/tasks/{task}/progress", data={"status": "推进中", "percent": "40", "on": "2021-06-24",
                                                          "note": "推进", "csrf": token}, follow_redirects=False)
        assert 303 == ok.status_code
        assert ("推进中", 40, "zf") == (ledger.history(task)[-1].status.value, ledger.history(task)[-1].percent,
                                        ledger.history(task)[-1].by)
        before = len(ledger)
        assert 400 == client.post(f"/tasks/{task}/progress", data={"status": "推进中", "percent": "400",
                                                                   "on": "2021-06-24", "csrf": token}).status_code
        assert 400 == client.post(f"/tasks/{task}/progress", data={"status": "推进中", "percent": "40",
                                                                   "on": "2031-06-24", "csrf": token}).status_code
        assert before == len(ledger)


class TestUploadLimit:
    def test_413_by_content_length(self, client: TestClient) -> None:
        """A body declared over the limit is refused before it is read."""
        login(client, "zf")
        answer = upload(client, b"x" * 300_000)
        assert 413 == answer.status_code
        assert "file.too_large" == answer.json()["code"]

    def test_413_while_streaming(self, client: TestClient) -> None:
        """A chunked body (no Content-Length) is counted as it arrives."""
        login(client, "zf")

        def chunks() -> Iterator[bytes]:
            for _ in range(40):
                yield b"y" * 10_000

        answer = client.post("/api/progress", content=chunks(), headers={"content-type": "multipart/form-data; "
                                                                         "boundary=x"})
        assert 413 == answer.status_code

    def test_not_parsed(self, client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
        """The sheet reader is never called on an upload over the limit."""
        from fazhi_tasks.io import updates

        called: list[object] = []
        monkeypatch.setattr(updates, "import_updates", lambda *a, **k: called.append(a))
        login(client, "zf")
        assert 413 == upload(client, b"x" * 300_000).status_code
        assert [] == called


class TestReview:
    def _reported_done(self, client: TestClient, sample: ft.Plan) -> list[str]:
        login(client, "zf")
        ids = [t.id for t in sample if t.division == "政策法规处"][5:7]
        assert 200 == upload(client, sheet([(i, "已完成", "100", "2021-06-24") for i in ids])).status_code
        return ids

    def test_pass_and_return(self, client: TestClient, sample: ft.Plan, ledger: ft.Ledger) -> None:
        """The office passes one and returns one with a reason; the reviews carry who and when."""
        first, second = self._reported_done(client, sample)
        login(client, "fzb")
        assert first in client.get("/review").text
        answer = client.post(f"/api/review/{first}", json={"decision": "pass"})
        assert {"task_id": first, "decision": "pass", "on": "2021-06-25", "reason": "", "by": "fzb"} == answer.json()
        answer = client.post(f"/api/review/{second}", json={"decision": "return", "reason": "缺少佐证材料"})
        assert "return" == answer.json()["decision"]
        assert [("pass", "fzb")] == [(r.decision.value, r.by) for r in ledger.reviews(task_id=first)]
        login(client, "zf")
        assert "缺少佐证材料" in client.get(f"/tasks/{second}").text

    def test_the_audit_trail_names_the_accounts(self, client: TestClient, sample: ft.Plan, ledger: ft.Ledger) -> None:
        """Every write through the front is in the ledger's audit trail with its account and a time."""
        first, _ = self._reported_done(client, sample)
        login(client, "fzb")
        client.post(f"/api/review/{first}", json={"decision": "pass"})
        mine = [(e.account, e.task_id) for e in ledger.audit() if e.task_id == first and e.account in ("zf", "fzb")]
        assert [("zf", first), ("fzb", first)] == mine[-2:]
        assert all(e.at is not None for e in ledger.audit())

    def test_return_needs_a_reason(self, client: TestClient, sample: ft.Plan) -> None:
        """A return without a reason is 400."""
        first, _ = self._reported_done(client, sample)
        login(client, "fzb")
        assert 400 == client.post(f"/api/review/{first}", json={"decision": "return"}).status_code
        assert 400 == client.post(f"/api/review/{first}", json={"decision": "maybe"}).status_code

    def test_review_list_by_division(self, client: TestClient, sample: ft.Plan) -> None:
        """The 待审核 list narrows to one division's tasks."""
        first, _ = self._reported_done(client, sample)
        login(client, "fzb")
        assert f">{first}<" in client.get("/review", params={"division": "政策法规处"}).text
        assert f">{first}<" not in client.get("/review", params={"division": "人事处"}).text

    def test_review_of_an_open_task(self, client: TestClient, sample: ft.Plan) -> None:
        """Reviewing a task not reported done answers the ledger's 409."""
        login(client, "fzb")
        reported = client.app.state.fazhi.ledger.status_as_of(TODAY)  # type: ignore[attr-defined]
        open_task = next(t.id for t in sample if t.id not in reported)
        answer = client.post(f"/api/review/{open_task}", json={"decision": "pass"})
        assert 409 == answer.status_code
        assert "review.not_done" == answer.json()["code"]

    def test_review_form(self, client: TestClient, sample: ft.Plan, ledger: ft.Ledger) -> None:
        """The review page's forms pass a task."""
        first, _ = self._reported_done(client, sample)
        login(client, "fzb")
        answer = client.post(f"/review/{first}", data={"decision": "pass", "csrf": csrf(client, "/review")})
        assert 200 == answer.status_code
        assert "已销号" in answer.text
        assert 1 == len(ledger.reviews(task_id=first))

    def test_unknown_task(self, client: TestClient) -> None:
        """An unknown task is 404."""
        login(client, "fzb")
        assert 404 == client.post("/api/review/T999", json={"decision": "pass"}).status_code
        assert 404 == client.get("/tasks/T999").status_code


class TestEvidence:
    def _done(self, client: TestClient, sample: ft.Plan) -> str:
        login(client, "zf")
        task = [t.id for t in sample if t.division == "政策法规处"][8]
        assert 200 == upload(client, sheet([(task, "已完成", "100", "2021-06-24")])).status_code
        return task

    def test_upload_and_download(self, client: TestClient, sample: ft.Plan) -> None:
        """A file attached to a 已完成 is served as an attachment with nosniff, never as HTML."""
        task = self._done(client, sample)
        answer = client.post(f"/tasks/{task}/evidence", data={"csrf": csrf(client)},
                             files={"file": ("会议纪要.pdf", b"%PDF-1.4 test", "application/pdf")})
        assert 200 == answer.status_code
        link = re.search(rf'href="(/tasks/{task}/evidence/[0-9a-f]+)"', answer.text)
        assert link is not None
        got = client.get(link.group(1))
        assert b"%PDF-1.4 test" == got.content
        assert got.headers["content-disposition"].startswith("attachment")
        assert "nosniff" == got.headers["x-content-type-options"]
        assert "html" not in got.headers["content-type"]
        login(client, "zfjd")
        assert 403 == client.get(link.group(1)).status_code

    def test_not_before_done(self, client: TestClient, sample: ft.Plan) -> None:
        """No evidence on a task not reported done."""
        login(client, "zf")
        task = _own_task(sample, "政策法规处")
        upload(client, sheet([(task, "推进中", "10", "2021-06-24")]))
        answer = client.post(f"/tasks/{task}/evidence", data={"csrf": csrf(client)},
                             files={"file": ("a.pdf", b"%PDF", "application/pdf")})
        assert 409 == answer.status_code


class TestPages:
    def test_escaping(self, sample: ft.Plan) -> None:
        """A task title holding a script tag is shown as text on every page."""
        import attrs

        bad = "<script>alert(1)</script>"
        tasks = [attrs.evolve(t, title=bad + t.title) if t.id == "T001" else t for t in sample]
        plan = ft.Plan(name=sample.name, stages=sample.stages, divisions=sample.divisions, tasks=tasks)
        with ft.Ledger(":memory:", plan=plan) as ledger:
            ledger.add_account("fzb", "office", password=PASSWORD)
            ledger.record(ft.Update("T001", "推进中", dt.date(2020, 9, 1), note=bad))
            client = login(_client(create_app(plan=plan, ledger=ledger, secret_key="k", today=TODAY)), "fzb")
            for path in ("/", "/overdue", "/rectify", "/tasks/T001", "/tasks/T002"):
                text = client.get(path).text
                assert "<script" not in text, path
            assert "&lt;script&gt;" in client.get("/tasks/T001").text

    def test_security_headers(self, client: TestClient) -> None:
        """Every answer carries the CSP without inline script, nosniff, Referrer-Policy and frame options."""
        for answer in (client.get("/login"), client.get("/api/overdue"), client.get("/static/web.css"),
                       client.get("/nowhere")):
            csp = answer.headers["content-security-policy"]
            assert "default-src 'self'" in csp
            assert "script-src 'self'" in csp
            assert "unsafe-inline" not in csp
            assert "frame-ancestors 'self'" in csp
            assert "nosniff" == answer.headers["x-content-type-options"]
            assert "same-origin" == answer.headers["referrer-policy"]
            assert "SAMEORIGIN" == answer.headers["x-frame-options"]

    def test_a_failure_still_has_the_headers(self, client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
        """An unexpected failure answers 500 with the security headers (and nothing of the failure)."""
        login(client, "fzb")
        state = client.app.state.fazhi  # type: ignore[attr-defined]

        def broken(day: dt.date) -> Any:
            message = "disk gone"
            raise OSError(message)

        monkeypatch.setattr(state.ledger, "closed_as_of", broken)
        quiet = _client(client.app, raise_server_exceptions=False, cookies=dict(client.cookies))
        answer = quiet.get("/api/overdue")
        assert 500 == answer.status_code
        assert "disk gone" not in answer.text
        assert "nosniff" == answer.headers["x-content-type-options"]
        assert "default-src 'self'" in answer.headers["content-security-policy"]

    def test_no_inline_style_or_script(self, client: TestClient) -> None:
        """The pages use the style files: no <style>, no <script>, no style= attribute."""
        login(client, "fzb")
        for path in ("/", "/overdue", "/rectify", "/review", "/progress", "/tasks/T001", "/login"):
            text = client.get(path).text
            assert "<script" not in text
            assert "<style" not in text
            assert " style=" not in text, path
            assert 'name="viewport"' in text

    def test_unknown_page_is_a_chinese_404_page(self, client: TestClient) -> None:
        """A mistyped address or a wrong method (GET /logout) is the 404 page in Chinese with the way home, not
        Starlette's English "Not Found"; a stranger is sent to the login page first, as everywhere."""
        answer = client.get("/nowhere", follow_redirects=False)
        assert 303 == answer.status_code
        assert answer.headers["location"].endswith("/login?next=/nowhere")
        login(client, "zf")
        for answer in (client.get("/nowhere"), client.get("/logout"), client.get("/static/none.css"),
                       client.post("/nowhere", data={"csrf": csrf(client)})):
            assert 404 == answer.status_code
            assert "Not Found" not in answer.text
            assert "没有这个页面" in answer.text
            assert 'href="/"' in answer.text  # 返回首页
            assert 'href="/static/web.css"' in answer.text
        assert "web.not_found" == client.get("/api/nowhere").json()["code"]  # the API's own 404 stays JSON

    def test_phone_keeps_dates_whole(self, client: TestClient, sample: ft.Plan) -> None:
        """The tables whose dates a phone would break (2021-06-/25) are the ones the style sheet keeps whole."""
        css = client.get("/static/web.css").text
        for rule in ("#task td:last-child", "#pending td:nth-child(4)", "#files td:nth-child(5)",
                     ".report th.col-long, .report th.col-phrase { min-width"):  # a task's text: not 3 characters wide
            assert rule in css
        login(client, "zf")
        task = next(t.id for t in sample if t.division == "政策法规处")
        assert '<table id="task">' in client.get(f"/tasks/{task}").text

    def test_office_dashboard_and_downloads(self, client: TestClient) -> None:
        """The office sees the weekly report as of any date and downloads the 通报, the notices and the Excel."""
        import docx
        import openpyxl

        login(client, "fzb")
        assert "督办" in client.get("/", params={"week_ending": "2021-06-18"}).text
        assert 400 == client.get("/", params={"week_ending": "2021-13-01"}).status_code
        for path in ("/download/weekly.docx", "/download/notices.docx", "/api/weekly.docx?week_ending=2021-06-25"):
            answer = client.get(path)
            assert 200 == answer.status_code, path
            assert docx.Document(io.BytesIO(answer.content)).paragraphs
        book = openpyxl.load_workbook(io.BytesIO(client.get("/download/weekly.xlsx").content))
        assert book.sheetnames

    def test_overdue_json_is_the_shortfalls_json(self, client: TestClient, sample: ft.Plan, ledger: ft.Ledger) -> None:
        """GET /api/overdue is the library's shortfalls JSON."""
        login(client, "fzb")
        answer = client.get("/api/overdue", params={"as_of": "2021-06-25"})
        expected = ft.render(ft.find_shortfalls(sample, ledger.closed_as_of(TODAY), TODAY), "json")
        assert expected == answer.text
        assert 400 == client.get("/api/overdue", params={"as_of": "yesterday"}).status_code

    def test_mounted_in_a_host(self, app: Starlette) -> None:
        """Mounted under /tasks, the links, redirects and API live under /tasks."""
        host = _client(Starlette(routes=[Mount("/tasks", app=app)]))
        answer = host.get("/tasks/", follow_redirects=False)
        assert answer.headers["location"].startswith("/tasks/login?next=")
        page = host.get("/tasks/login").text
        assert 'href="/tasks/static/web.css"' in page
        assert 'action="/tasks/login"' in page
        assert 200 == host.post("/tasks/api/login", json={"username": "fzb", "password": PASSWORD}).status_code
        assert 200 == host.get("/tasks/api/overdue").status_code
        assert 'href="/tasks/review"' in host.get("/tasks/").text

    def test_identity_from_the_host(self, sample: ft.Plan, ledger: ft.Ledger) -> None:
        """A host's own login passes the account in; without it the app's own session applies."""
        office = ledger.account("fzb")

        def identity(request: Any) -> Any:
            return office if request.headers.get("x-host-user") == "fzb" else None

        client = _client(create_app(plan=sample, ledger=ledger, secret_key="k", identity=identity, today=TODAY))
        assert 200 == client.get("/api/me", headers={"x-host-user": "fzb"}).status_code
        assert 401 == client.get("/api/me").status_code


class TestServe:
    def test_serve_runs_the_app(self, tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
        """``fazhi-tasks serve`` builds the app over the ledger and hands it to uvicorn on the host and port."""
        import uvicorn

        from fazhi_tasks.cli import main

        seen: dict[str, Any] = {}
        monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(app=app, **kw))
        out = io.StringIO()
        code = main(["serve", "--ledger", str(tmp_path / "p.db"), "--port", "8123", "--today", "2021-06-25"],
                    stdout=out)
        assert 0 == code
        assert ("127.0.0.1", 8123) == (seen["host"], seen["port"])
        assert "http://127.0.0.1:8123/" in out.getvalue()
        assert 303 == _client(seen["app"]).get("/", follow_redirects=False).status_code

    def test_serve_needs_a_ledger(self) -> None:
        """Without --ledger there is nowhere to keep accounts: exit 2 with one line."""
        from fazhi_tasks.cli import main

        err = io.StringIO()
        assert 2 == main(["serve"], stdout=io.StringIO(), stderr=err)
        assert "--ledger" in err.getvalue()
