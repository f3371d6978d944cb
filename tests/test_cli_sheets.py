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

    def test_the_office_review_still_counts(self, plan_sheet: Path, tmp_path: Path) -> None:
        """With cancelled rows and a reviewing ledger, a 已完成 awaiting review stays open and a pass closes it."""
        ledger = tmp_path / "progress.db"
        with ft.Ledger(ledger) as book:
            book.record(ft.Update("A", "已完成", D(2021, 3, 30)))
            book.record(ft.Update("C", "已完成", D(2021, 4, 28)))
            book.review(ft.Review("C", "pass", D(2021, 4, 29), by="法治办"))
        code, out, _ = run("shortfalls", "--plan", str(plan_sheet), "--ledger", str(ledger), "--as-of", "2021-07-05",
                           "--format", "json")
        data = json.loads(out)
        assert (0, ["A"]) == (code, [s["task_id"] for s in data["shortfalls"] if s["kind"] == "overdue"])
        code, out, _ = run("weekly", "--plan", str(plan_sheet), "--ledger", str(ledger), "--as-of", "2021-07-02",
                           "--format", "json")
        data = json.loads(out)
        assert (["A"], 3) == ([p["task_id"] for p in data["pending"]], data["summary"]["cancelled"])

    def test_check_prints_them(self, plan_sheet: Path) -> None:
        """check's read summary names the cancelled tasks and their rows."""
        code, out, _ = run("check", "--plan", str(plan_sheet))
        assert 0 == code
        assert "标注已取消的任务（列为已取消，不计逾期）  B（3）、D（5）、E（6）" in out

    def test_order_and_export_leave_them_out(self, plan_sheet: Path, tmp_path: Path) -> None:
        """order and export have no status to carry: the cancelled tasks are left out (a TOML would make them live)."""
        target = tmp_path / "plan.toml"
        assert 0 == run("export", "--plan", str(plan_sheet), "-o", str(target))[0]
        assert [("A", ()), ("C", ())] == [(t.id, t.prerequisites) for t in ft.load_plan(target)]
        code, out, _ = run("order", "--plan", str(plan_sheet))
        assert 0 == code and "印发方案" not in out and "开展自查" in out

    def test_import_plan_progress_carries_them(self, plan_sheet: Path, tmp_path: Path) -> None:
        """import PLAN --on DATE records the cancellations too, dated that day."""
        ledger = tmp_path / "progress.db"
        code, _, _ = run("import", str(plan_sheet), "--on", "2021-05-10", "--ledger", str(ledger))
        assert 0 == code
        with ft.Ledger(ledger) as book:
            assert [("B", "已取消"), ("D", "已取消"), ("E", "已取消")] == sorted(
                (u.task_id, u.status.value) for u in book.updates())


PLAN = ft.Plan(name="p", stages=[ft.Stage(1, "部署", D(2021, 1, 1), D(2021, 12, 31))],
               divisions=[ft.Division("政策法规处"), ft.Division("办公室"), ft.Division("执法大队")],
               tasks=[ft.Task("T1", "制定实施方案", "政策法规处", 1, D(2021, 6, 30), supporting=["办公室"]),
                      ft.Task("T2", "开展案卷评查", "执法大队", 1, D(2021, 6, 30)),
                      ft.Task("T3", "公开执法信息", "办公室", 1, D(2021, 9, 30))])
HEAD = ("任务编号", "状态", "完成进度", "进展情况", "报送日期")


class TestSenders:
    """A progress file says which division sent it: a 报送处室 column, the sheet's name, or a title line."""

    def test_sheet_names_give_the_division_and_the_lead_counts(self, tmp_path: Path) -> None:
        """办公室 supports T1 and reports 推进中 the day 政策法规处 (its lead) reports 已完成: the lead's counts."""
        path = workbook(tmp_path / "进展.xlsx", {
            "办公室": [HEAD, ("T1", "推进中", 50, "配合起草", D(2021, 3, 5)),
                      ("T3", "已完成", 100, None, D(2021, 3, 5))],
            "政策法规处": [HEAD, ("T1", "已完成", 100, "已印发", D(2021, 3, 5))]})
        read = ft.read_updates(path, plan=PLAN)
        assert [("T3", "已完成", "办公室"), ("T1", "已完成", "政策法规处")] == [
            (u.task_id, u.status.value, u.by) for u in read.updates]
        assert (("superseded", ("办公室!2",)),) == read.summary.skipped_rows
        assert ("办公室!2", "政策法规处!2", "办公室") == read.summary.superseded[0]
        assert (("办公室", "办公室", "工作表名"), ("政策法规处", "政策法规处", "工作表名")) == read.summary.senders
        lines = read.summary.lines()
        said = ("第 办公室!2 行（办公室）与第 政策法规处!2 行同一任务同一天状态不同："
                "以牵头处室报送的第 政策法规处!2 行为准")
        assert said in lines
        assert ft.import_updates(path, plan=PLAN) == list(read.updates)

    def test_a_sender_column(self, tmp_path: Path) -> None:
        """A 报送处室 column names the sender row by row; the lead's row counts whichever comes first."""
        path = workbook(tmp_path / "进展.xlsx", {"Sheet1": [
            (*HEAD, "报送处室", "报送人"),
            ("T1", "已完成", 100, None, D(2021, 3, 5), "政策法规处", None),
            ("T1", "推进中", 60, None, D(2021, 3, 5), "办公室", "李四"),
            ("T2", "推进中", 30, None, D(2021, 3, 5), "执法大队", "张三")]})
        read = ft.read_updates(path, plan=PLAN)
        assert [("T1", "已完成", "政策法规处"), ("T2", "推进中", "张三")] == [
            (u.task_id, u.status.value, u.by) for u in read.updates]
        assert (("superseded", ("3",)),) == read.summary.skipped_rows

    def test_a_title_line(self, tmp_path: Path) -> None:
        """A title line 执法大队…进展情况 above the header names the sender (with or without a plan)."""
        path = workbook(tmp_path / "进展.xlsx", {"Sheet1": [
            ("某某市应急管理局执法大队2021年第一季度法治政府建设任务进展情况",), HEAD,
            ("T2", "推进中", 30, None, D(2021, 3, 5))]})
        for plan in (PLAN, None):
            read = ft.read_updates(path, plan=plan)
            assert ["执法大队"] == [u.by for u in read.updates]
            assert (("Sheet1", "执法大队", "标题"),) == read.summary.senders

    def test_both_from_the_lead_stay_refused(self, tmp_path: Path) -> None:
        """Two statuses a day both from the lead division are refused naming both rows."""
        path = workbook(tmp_path / "进展.xlsx", {"政策法规处": [
            HEAD, ("T1", "已完成", 100, None, D(2021, 3, 5)), ("T1", "推进中", 60, None, D(2021, 3, 5))]})
        with pytest.raises(ft.UpdateFileError) as info:
            ft.read_updates(path, plan=PLAN)
        assert "与第 2 行同一任务、同一报送日期，状态却不同（“已完成”）；两行都由牵头处室报送" in str(info.value)
        assert "第3行" in str(info.value).replace(" ", "")

    def test_unknown_senders_stay_refused(self, tmp_path: Path) -> None:
        """Without a word on who sent them, two statuses a day are refused, saying how to tell the senders."""
        path = workbook(tmp_path / "进展.xlsx", {"Sheet1": [
            HEAD, ("T1", "已完成", 100, None, D(2021, 3, 5)), ("T1", "推进中", 60, None, D(2021, 3, 5))]})
        with pytest.raises(ft.UpdateFileError) as info:
            ft.import_updates(path, plan=PLAN)
        assert "看不出各由哪个处室报送（可加“报送处室”列" in str(info.value)

    def test_a_sender_the_plan_lacks_is_refused(self, tmp_path: Path) -> None:
        """A 报送处室 cell naming no division of the plan is refused with "是否应为"."""
        path = workbook(tmp_path / "进展.xlsx", {"Sheet1": [
            (*HEAD, "报送处室"), ("T1", "已完成", 100, None, D(2021, 3, 5), "政策法规科")]})
        with pytest.raises(ft.UpdateFileError) as info:
            ft.import_updates(path, plan=PLAN)
        assert "F列（报送处室）" in str(info.value) and "是否应为“政策法规处”" in str(info.value)

    def test_sheet_name_and_title_disagreeing_are_refused(self, tmp_path: Path) -> None:
        """A sheet named 办公室 whose title says 执法大队 is refused: which division sent it?"""
        path = workbook(tmp_path / "进展.xlsx", {"办公室": [
            ("执法大队进展情况",), HEAD, ("T3", "推进中", 30, None, D(2021, 3, 5))]})
        with pytest.raises(ft.UpdateFileError) as info:
            ft.import_updates(path, plan=PLAN)
        assert "工作表名“办公室”与标题“执法大队”是两个不同的处室" in str(info.value)

    def test_supporting_report_alone_is_kept(self, tmp_path: Path) -> None:
        """A supporting division's report with no conflicting lead report is an update like any other."""
        path = workbook(tmp_path / "进展.xlsx", {"办公室": [HEAD, ("T1", "推进中", 50, None, D(2021, 3, 5))]})
        assert [("T1", "办公室")] == [(u.task_id, u.by) for u in ft.import_updates(path, plan=PLAN)]


class TestUpdatesSummary:
    """read_updates says what it read and skipped; fazhi-tasks import prints it."""

    @pytest.fixture
    def messy(self, tmp_path: Path) -> Path:
        """A title, a section row, a row nobody filled in, safe status words, footers, an 说明 sheet, a hidden one."""
        from openpyxl import load_workbook

        path = workbook(tmp_path / "进展.xlsx", {
            "说明": [("请各处室于每月5日前报送",)],
            "Sheet1": [("法治政府建设任务进展报送表",), HEAD,
                       ("一、牵头任务",),
                       ("T1", "未开展", None, None, D(2021, 3, 5)),
                       ("T2", None, None, None, None),
                       ("T3", "因疫情暂缓", None, "疫情防控", D(2021, 3, 5)),
                       (),
                       ("合计", None, None, None, None),
                       ("填表人：张三",)],
            "旧表": [HEAD, ("T1", "已完成", 100, None, D(2021, 3, 1))]})
        book = load_workbook(path)
        book["旧表"].sheet_state = "hidden"
        book.save(path)
        return path

    def test_what_was_read_and_skipped(self, messy: Path) -> None:
        """Two updates; section, blank and footer rows by number; readings; sheets not read with the reason."""
        read = ft.read_updates(messy, plan=PLAN)
        assert [("T1", "未启动"), ("T3", "已暂缓")] == [(u.task_id, u.status.value) for u in read.updates]
        s = read.summary
        assert (("section", ("3",)), ("blank", ("5",)), ("footer", ("8", "9"))) == s.skipped_rows
        assert (("未开展", "未启动", 1), ("因疫情暂缓", "已暂缓", 1)) == s.readings
        assert (("说明", "没有可识别的表头（如说明页）"), ("旧表", "隐藏的工作表（如旧版本）")) == s.sheets_skipped
        assert (("Sheet1",), 2, 1) == (s.sheets, s.rows_read, s.blank_rows)

    def test_import_prints_it(self, messy: Path, tmp_path: Path) -> None:
        """fazhi-tasks import prints the summary, then what it recorded."""
        plan = tmp_path / "plan.json"
        ft.save_plan(PLAN, plan)
        code, out, _ = run("import", str(messy), "--plan", str(plan), "--ledger", str(tmp_path / "p.db"),
                           "--as-of", "2021-03-10")
        assert 0 == code
        assert out.splitlines()[:8] == [
            "读取 进展.xlsx，读取进展 2 条，跳过空行 1 行",
            "读取的工作表：Sheet1",
            "未读取工作表“说明”：没有可识别的表头（如说明页）",
            "未读取工作表“旧表”：隐藏的工作表（如旧版本）",
            "跳过分节标题行（如“一、牵头任务”） 1 行（第 3 行）",
            "跳过无人填报的行（只有编号或名称） 1 行（第 5 行）",
            "跳过表尾行（合计、注、填表人等） 2 行（第 8、9 行）",
            "状态“未开展”按“未启动”读取（1 行）"]
        assert "导入" in out.splitlines()[-1]


class TestOverruledByTheLedger:
    """A supporting division's report of a day the ledger already holds the lead's other status for: not imported,
    named with its row and the ledger's record (the lead's report counts, as within one file)."""

    @pytest.fixture
    def ledger(self, plan_sheet: Path, tmp_path: Path) -> Path:
        """执法监督处 (C's lead) imported its sheet first: C 已完成 on 2021-04-28."""
        lead = workbook(tmp_path / "执法监督处进展.xlsx", {"执法监督处": [
            ("任务编号", "状态", "完成百分比", "报送日期"), ("C", "已完成", 100, D(2021, 4, 28))]})
        path = tmp_path / "progress.db"
        code, _, err = run("import", str(lead), "--plan", str(plan_sheet), "--ledger", str(path))
        assert 0 == code, err
        return path

    @pytest.fixture
    def supporting(self, tmp_path: Path) -> Path:
        """政策法规处's sheet: a title line naming it, its own A, C (it supports) 推进中 the same day, a footer."""
        return workbook(tmp_path / "政策法规处进展.xlsx", {"Sheet1": [
            ("政策法规处2021年4月工作进展情况",), ("任务编号", "状态", "完成百分比", "报送日期"),
            ("A", "推进中", 50, D(2021, 4, 28)), ("C", "推进中", 60, D(2021, 4, 28)), ("填表人：王五",)]},
            merges={"Sheet1": ["A1:D1"]})

    def test_import_skips_it_naming_the_row_and_the_record(self, plan_sheet: Path, ledger: Path,
                                                           supporting: Path) -> None:
        """A is recorded, C is not: the output names row 4 and the lead's 已完成; C stays done in the reports."""
        code, out, err = run("import", str(supporting), "--plan", str(plan_sheet), "--ledger", str(ledger))
        assert 0 == code, err
        assert ("第 4 行（政策法规处报送 C 2021-04-28 推进中）未导入：账本中已有牵头处室执法监督处当天报送的“已完成”，"
                "以牵头处室为准") in out
        assert "已导入1条进展（账本共2条）" in out
        with ft.Ledger(ledger) as book:
            assert [("C", "已完成", "执法监督处"), ("A", "推进中", "政策法规处")] == [
                (u.task_id, u.status.value, u.by) for u in book.updates()]
        code, out, _ = run("shortfalls", "--plan", str(plan_sheet), "--ledger", str(ledger), "--as-of", "2021-05-05",
                           "--format", "json")
        assert ["A"] == [s["task_id"] for s in json.loads(out)["shortfalls"] if s["kind"] == "overdue"]

    def test_the_library_says_the_same(self, plan_sheet: Path, ledger: Path, supporting: Path) -> None:
        """``UpdatesRead.overruled_by`` keeps A, returns C with its row, sender and the ledger's update."""
        plan = ft.read_plan(plan_sheet).plan
        read = ft.read_updates(supporting, plan=plan)
        assert (("3", "4"), ("政策法规处", "政策法规处")) == (read.rows, read.sent_by)
        with ft.Ledger(ledger) as book:
            kept, overruled = read.overruled_by(book.updates(), plan)
        assert ["A"] == [u.task_id for u in kept]
        assert [("C", "4", "政策法规处", "已完成")] == [
            (o.update.task_id, o.row, o.sender, o.lead.status.value) for o in overruled]
        assert "row 4" in overruled[0].describe("en")

    def test_the_lead_correcting_itself_is_recorded(self, plan_sheet: Path, ledger: Path, tmp_path: Path) -> None:
        """The lead's own second report of that day (推进中, a correction) is recorded: only a supporting division
        gives way."""
        again = workbook(tmp_path / "更正.xlsx", {"执法监督处": [
            ("任务编号", "状态", "完成百分比", "报送日期"), ("C", "推进中", 90, D(2021, 4, 28))]})
        code, out, _ = run("import", str(again), "--plan", str(plan_sheet), "--ledger", str(ledger))
        assert 0 == code
        assert "未导入" not in out
        with ft.Ledger(ledger) as book:
            assert "推进中" == book.status_as_of(D(2021, 4, 28))["C"].status.value
