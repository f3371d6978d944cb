"""The report commands over clerks' sheets (issue 23): cancelled plan rows, progress files' senders and summaries."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

import fazhi_tasks as ft
from fazhi_tasks.cli import main

D = dt.date
STAGES = [("编号", "阶段名称", "开始日期", "结束日期"), (1, "部署启动", D(2021, 3, 1), D(2021, 4, 30)),
          (2, "整改提升", D(2021, 5, 1), D(2021, 6, 30))]


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def workbook(path: Path, sheets: dict[str, Sequence[Sequence[Any]]], *, struck: dict[str, Sequence[str]] | None = None,
             merges: dict[str, Sequence[str]] | None = None) -> Path:
    """An .xlsx with the given sheets (rows from A1), struck cells and merged ranges by sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for name, rows in sheets.items():
        ws = book.create_sheet(name)
        for row in rows:
            ws.append(list(row))
        for ref in (struck or {}).get(name, ()):
            ws[ref].font = Font(strike=True)
        for ref in (merges or {}).get(name, ()):
            ws.merge_cells(ref)
    book.save(path)
    return path


@pytest.fixture
def plan_sheet(tmp_path: Path) -> Path:
    """Five tasks, two of them cancelled: B struck through (others depend on it), D by 状态 已取消; all overdue."""
    header = ("编号", "任务名称", "牵头处室", "配合处室", "阶段", "完成时限", "前置任务", "状态", "备注")
    rows = [header,
            ("A", "制定方案", "政策法规处", None, 1, D(2021, 3, 31), None, None, None),
            ("B", "印发方案", "办公室", None, 1, D(2021, 4, 15), "A", None, None),
            ("C", "开展自查", "执法监督处", "政策法规处", 1, D(2021, 4, 30), "B", None, None),
            ("D", "开展宣传", "宣传教育处", None, 1, D(2021, 4, 20), None, "已取消", None),
            ("E", "整改销号", "政策法规处", None, 2, D(2021, 6, 30), None, None, "该项任务已取消")]
    return workbook(tmp_path / "计划.xlsx", {"任务": rows, "阶段": STAGES}, struck={"任务": ["A3", "B3"]})


class TestCancelledPlanRows:
    """Tasks the plan sheet marks cancelled are carried into every report as 已取消, once, never open or overdue."""

    def test_shortfalls_never_list_them(self, plan_sheet: Path) -> None:
        """B, D and E are cancelled: only A and C are overdue, and C is not blocked by the cancelled B."""
        code, out, _ = run("shortfalls", "--plan", str(plan_sheet), "--as-of", "2021-07-05", "--format", "json")
        data = json.loads(out)
        assert 0 == code
        assert ["A", "C"] == sorted(s["task_id"] for s in data["shortfalls"] if s["kind"] == "overdue")
        assert [] == [s for s in data["shortfalls"] if s["task_id"] in ("B", "D", "E")]
        assert ["B", "D", "E"] == sorted(data["cancelled"])

    def test_weekly_lists_each_once_and_leaves_them_out_of_the_rate(self, plan_sheet: Path) -> None:
        """The weekly report counts 3 cancelled, 2 overdue, and names each cancelled task once."""
        code, out, _ = run("weekly", "--plan", str(plan_sheet), "--as-of", "2021-07-02", "--format", "json")
        data = json.loads(out)
        assert 0 == code
        assert (3, 2) == (data["summary"]["cancelled"], len(data["overdue"]))
        assert ["B", "D", "E"] == sorted(c["task_id"] for c in data["cancelled"])
        _, text, _ = run("weekly", "--plan", str(plan_sheet), "--as-of", "2021-07-02")
        for task in ("印发方案", "开展宣传", "整改销号"):
            assert text.count(task) <= 1

    def test_rectify_leaves_them_out(self, plan_sheet: Path) -> None:
        """The rectification list has one item per overdue live task only."""
        code, out, _ = run("rectify", "--plan", str(plan_sheet), "--as-of", "2021-07-05", "--format", "json")
        assert 0 == code
        assert ["A", "C"] == sorted(i["task_id"] for i in json.loads(out)["items"])

    def test_the_plan_wins_over_the_ledger(self, plan_sheet: Path, tmp_path: Path) -> None:
        """A ledger that says B is 推进中 after the plan's start: the plan's 已取消 still counts, nothing is written."""
        ledger = tmp_path / "progress.db"
        with ft.Ledger(ledger) as book:
            book.record(ft.Update("B", "推进中", D(2021, 4, 1), percent=30))
            book.record(ft.Update("A", "已完成", D(2021, 3, 30)))
        code, out, _ = run("shortfalls", "--plan", str(plan_sheet), "--ledger", str(ledger), "--as-of", "2021-07-05",
                           "--format", "json")
        data = json.loads(out)
        assert 0 == code
        assert ["C"] == [s["task_id"] for s in data["shortfalls"] if s["kind"] == "overdue"]
        assert ["B", "D", "E"] == sorted(data["cancelled"])
        with ft.Ledger(ledger) as book:
            assert 2 == len(book)

    def test_check_prints_them(self, plan_sheet: Path) -> None:
        """check's read summary names the cancelled tasks and their rows."""
        code, out, _ = run("check", "--plan", str(plan_sheet))
        assert 0 == code
        assert "标注已取消的任务（列为已取消，不计逾期）  B（3）、D（5）、E（6）" in out

    def test_import_plan_progress_carries_them(self, plan_sheet: Path, tmp_path: Path) -> None:
        """import PLAN --on DATE records the cancellations too, dated that day."""
        ledger = tmp_path / "progress.db"
        code, _, _ = run("import", str(plan_sheet), "--on", "2021-05-10", "--ledger", str(ledger))
        assert 0 == code
        with ft.Ledger(ledger) as book:
            assert [("B", "已取消"), ("D", "已取消"), ("E", "已取消")] == sorted(
                (u.task_id, u.status.value) for u in book.updates())
