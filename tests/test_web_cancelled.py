"""The web front over a plan sheet with cancelled rows (issue 23): every page, API answer and download lists them
as 已取消, never open or overdue, as the command line does; a division cannot report progress on them."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette")
pytest.importorskip("itsdangerous")

import fazhi_tasks as ft
from tests.test_cli_sheets import run, workbook

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from fazhi_tasks.web import create_app

D = dt.date
TODAY = D(2021, 7, 5)
PASSWORD = "correct horse 123"
STAGES = [("编号", "阶段名称", "开始日期", "结束日期"), (1, "部署启动", D(2021, 3, 1), D(2021, 4, 30)),
          (2, "整改提升", D(2021, 5, 1), D(2021, 6, 30))]

pytestmark = pytest.mark.usefixtures("quick_hashes")



@pytest.fixture
def plan_sheet(tmp_path: Path) -> Path:
    """A clerk's sheet: a title row, a heading row, five tasks, three cancelled three ways (struck through B, 状态
    已取消 D, 备注 该项任务已取消 E), a footer; B is a prerequisite of C."""
    header = ("编号", "任务名称", "牵头处室", "配合处室", "阶段", "完成时限", "前置任务", "状态", "备注")
    rows = [("XX局法治政府建设示范创建任务分解表",), header,
            ("一、组织领导",),
            ("A", "制定方案", "政策法规处", None, 1, D(2021, 3, 31), None, None, None),
            ("B", "印发方案", "办公室", None, 1, D(2021, 4, 15), "A", None, None),
            ("C", "开展自查", "执法监督处", "政策法规处", 1, D(2021, 4, 30), "B", None, None),
            ("D", "开展宣传", "宣传教育处", None, 1, D(2021, 4, 20), None, "已取消", None),
            ("E", "整改销号", "政策法规处", None, 2, D(2021, 6, 30), None, None, "该项任务已取消"),
            ("填表人：张三",)]
    return workbook(tmp_path / "计划.xlsx", {"任务": rows, "阶段": STAGES}, struck={"任务": ["A5", "B5", "C5"]},
                    merges={"任务": ["A1:I1", "A3:I3", "A9:I9"]})


@pytest.fixture
def ledger(tmp_path: Path, plan_sheet: Path) -> Iterator[ft.Ledger]:
    """A ledger that says B is 推进中 (before the sheet struck it) and A 已完成; accounts for each role."""
    plan = ft.read_plan(plan_sheet).plan
    with ft.Ledger(tmp_path / "progress.db", plan=plan) as book:
        book.record(ft.Update("B", "推进中", D(2021, 4, 1), percent=30))
        book.record(ft.Update("A", "已完成", D(2021, 3, 30)))
        book.add_account("bgs", "division", division="办公室", password=PASSWORD)
        book.add_account("xj", "division", division="宣传教育处", password=PASSWORD)
        book.add_account("zf", "division", division="政策法规处", password=PASSWORD)
        book.add_account("fzb", "office", password=PASSWORD)
        yield book


@pytest.fixture
def client(plan_sheet: Path, ledger: ft.Ledger) -> TestClient:
    app = create_app(plan=plan_sheet, ledger=ledger, secret_key="test-secret", today=TODAY)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return TestClient(app)


def login(client: TestClient, name: str) -> TestClient:
    answer = client.post("/api/login", json={"username": name, "password": PASSWORD})
    assert 200 == answer.status_code, answer.text
    return client


def csrf(client: TestClient, path: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', client.get(path).text)
    assert found is not None
    return found.group(1)


def cells(data: bytes) -> list[str]:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data))
    return [str(c) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row if c is not None]


class TestWhatWasLoaded:
    def test_the_app_holds_the_cancelled_tasks(self, client: TestClient) -> None:
        """The plan keeps all five tasks (title, heading and footer rows skipped); B, D, E are held as 已取消."""
        state: Any = client.app.state.fazhi  # type: ignore[attr-defined]
        assert ["A", "B", "C", "D", "E"] == [t.id for t in state.plan]
        assert ["B", "D", "E"] == sorted(u.task_id for u in state.cancelled)
        assert {ft.Status.CANCELLED} == {u.status for u in state.cancelled}
        statuses = state.history.status_as_of(TODAY)
        assert {"A": "已完成", "B": "已取消", "D": "已取消", "E": "已取消"} == {
            t: u.status.value for t, u in statuses.items()}
        assert 2 == len(state.ledger)  # the ledger itself is untouched


class TestReports:
    def test_api_overdue_is_the_commands_answer(self, client: TestClient, plan_sheet: Path, ledger: ft.Ledger) -> None:
        """/api/overdue: A (done, awaiting the office's review) and C (not held up by the cancelled B) are overdue;
        B, D, E cancelled — the same answer as ``fazhi-tasks shortfalls --plan SHEET --ledger DB``."""
        login(client, "fzb")
        data = client.get("/api/overdue", params={"as_of": "2021-07-05"}).json()
        assert ["A", "C"] == [s["task_id"] for s in data["shortfalls"] if s["kind"] == "overdue"]
        assert [] == [s for s in data["shortfalls"] if s["task_id"] in ("B", "D", "E")]
        assert ["B", "D", "E"] == sorted(data["cancelled"])
        code, out, _ = run("shortfalls", "--plan", str(plan_sheet), "--ledger", str(ledger.path), "--as-of",
                           "2021-07-05", "--format", "json")
        assert (0, data) == (code, json.loads(out))

    def test_dashboard_lists_them_once(self, client: TestClient) -> None:
        """The office's weekly dashboard names the cancelled tasks once, in its 已取消 note; never as overdue."""
        login(client, "fzb")
        text = re.sub(r"<svg.*?</svg>", "", client.get("/", params={"week_ending": "2021-07-02"}).text, flags=re.S)
        assert "已取消3项任务，不计入完成率和逾期：B、D、E" in text
        for title in ("印发方案", "开展宣传", "整改销号"):
            assert text.count(title) <= 1, title

    def test_overdue_and_rectify_pages(self, client: TestClient) -> None:
        """The 逾期事项 and 整改清单 pages name C, never the cancelled tasks."""
        login(client, "fzb")
        for path in ("/overdue", "/rectify"):
            text = re.sub(r"<svg.*?</svg>", "", client.get(path, params={"as_of": "2021-07-05"}).text, flags=re.S)
            listed = text.split("已取消的任务")[0]  # the section that lists them, once
            assert "开展自查" in listed, path
            for title in ("印发方案", "开展宣传", "整改销号"):
                assert title not in listed and text.count(title) <= 1, (path, title)

    def test_downloads(self, client: TestClient) -> None:
        """The Excel weekly report and the Word 通报 count 3 cancelled and 2 overdue (A awaits review, C)."""
        import docx

        login(client, "fzb")
        found = cells(client.get("/download/weekly.xlsx", params={"week_ending": "2021-07-02"}).content)
        assert any("已取消" in c for c in found)
        word = docx.Document(io.BytesIO(client.get("/download/weekly.docx",
                                                   params={"week_ending": "2021-07-02"}).content))
        text = "\n".join(p.text for p in word.paragraphs) + "\n".join(
            c.text for t in word.tables for r in t.rows for c in r.cells)
        assert "逾期2项" in text
        assert "已取消3项任务，不计入完成率和逾期：B、D、E" in text

    def test_task_page(self, client: TestClient) -> None:
        """B's page shows only its 已取消 (the ledger's 推进中 left out), the sheet's mark, and no report form."""
        login(client, "bgs")
        text = client.get("/tasks/B").text
        assert "已取消" in text and "第 5 行" in text
        assert "推进中" not in text.split('id="updates"')[1].split("</table>")[0]
        assert 'action="/tasks/B/progress"' not in text

    def test_division_home(self, client: TestClient) -> None:
        """The 宣传教育处 sees its D as 已取消, never 未启动 or overdue."""
        login(client, "xj")
        text = client.get("/").text
        row = text.split(">D<")[1].split("</tr>")[0]
        assert "已取消" in row and "逾期" not in row


class TestNoProgressOnCancelled:
    def test_the_form_is_refused(self, client: TestClient, ledger: ft.Ledger) -> None:
        """Posting progress on B answers 409 naming the sheet's mark; nothing is recorded."""
        login(client, "bgs")
        token = csrf(client, "/tasks/A")
        answer = client.post("/tasks/B/progress", data={"status": "推进中", "percent": "60", "on": "2021-07-01",
                                                        "csrf": token, "note": ""})
        assert 409 == answer.status_code
        assert "已在计划表中标注取消" in answer.text
        assert 2 == len(ledger)

    def test_an_upload_is_refused(self, client: TestClient, ledger: ft.Ledger) -> None:
        """An uploaded progress sheet with a row for D: 409, nothing recorded (not even the good row)."""
        login(client, "xj")
        data = "任务编号,状态,完成百分比,报送日期\nD,推进中,50,2021-07-01\n".encode()
        answer = client.post("/api/progress", files={"file": ("进展.csv", data, "text/csv")})
        assert 409 == answer.status_code, answer.text
        body = answer.json()
        assert "任务 D 已在计划表中标注取消" in json.dumps(body, ensure_ascii=False)
        assert 2 == len(ledger)

    def test_a_review_and_a_file_are_refused(self, client: TestClient, ledger: ft.Ledger) -> None:
        """D, reported 已完成 before the sheet cancelled it: the office's 销号 and the division's 佐证材料 both answer
        409 naming the mark; no review, no file is recorded."""
        ledger.record(ft.Update("D", "已完成", D(2021, 4, 18)))
        login(client, "fzb")
        answer = client.post("/api/review/D", json={"decision": "pass"})
        assert 409 == answer.status_code, answer.text
        assert "web.task_cancelled" == answer.json()["code"]
        client.post("/api/logout")
        login(client, "xj")
        token = csrf(client, "/tasks/D")
        answer = client.post("/tasks/D/evidence", data={"csrf": token},
                             files={"file": ("验收.pdf", b"%PDF-1.7 test", "application/pdf")})
        assert 409 == answer.status_code
        assert "已在计划表中标注取消" in answer.text
        assert ([], []) == (ledger.reviews(), ledger.evidence("D"))

    def test_the_template_leaves_them_out(self, client: TestClient) -> None:
        """The 政策法规处's template lists A, not its cancelled E (a row there would be refused)."""
        login(client, "zf")
        found = cells(client.get("/progress/template.xlsx").content)
        assert "A" in found and "E" not in found
