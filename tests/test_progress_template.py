"""The progress template staff fill in, and the CLI steps around sheets (import --on, check's read summary)."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest

import fazhi_tasks as ft
from fazhi_tasks.cli import main

D = dt.date
SHEETS = Path(__file__).parent / "data" / "sheets"


def run(*argv: str) -> tuple[int, str, str]:
    """Run the CLI; (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


class TestProgressTemplate:
    def test_one_divisions_tasks_with_drop_downs(self, sample: ft.Plan, tmp_path: Path) -> None:
        """The division's tasks pre-filled; status drop-down, percent format and date validation."""
        path = tmp_path / "进展报送.xlsx"
        count = ft.write_progress_template(sample, path, division="政策法规处")
        led = [t for t in sample if "政策法规处" in t.leads]
        assert len(led) == count
        ws = openpyxl.load_workbook(path)["进展报送"]
        assert ["任务编号", "任务名称", "牵头处室", "完成时限", "当前状态", "状态", "完成百分比", "进展情况",
                "报送日期", "报送人", "报送处室"] == [c.value for c in ws[1]]
        assert {"政策法规处"} == {ws.cell(r, 11).value for r in range(2, count + 2)}
        assert [t.id for t in led] == [ws.cell(r, 1).value for r in range(2, count + 2)]
        assert ("0%", "yyyy-mm-dd") == (ws["G2"].number_format, ws["I2"].number_format)
        kinds = {str(v.sqref): v.type for v in ws.data_validations.dataValidation}
        assert {f"F2:F{count + 1}": "list", f"G2:G{count + 1}": "decimal", f"I2:I{count + 1}": "date"} == kinds

    def test_filled_template_imports_exactly(self, sample: ft.Plan, tmp_path: Path) -> None:
        """A template filled in as staff do (status chosen, 60% typed, a date; other rows left) imports exactly."""
        path = tmp_path / "进展报送.xlsx"
        latest = {u.task_id: u for u in ft.sample_updates() if u.on <= D(2021, 3, 1)}
        ft.write_progress_template(sample, path, division="政策法规处", latest=latest)
        book = openpyxl.load_workbook(path)
        ws = book["进展报送"]
        first, second = ws.cell(2, 1).value, ws.cell(3, 1).value
        ws["F2"], ws["G2"], ws["H2"], ws["I2"] = "推进中", 0.6, "已形成初稿", dt.datetime(2021, 3, 5)
        ws["F3"], ws["G3"], ws["I3"] = "已完成", 1, dt.datetime(2021, 3, 5)
        book.save(path)
        assert [ft.Update(first, "推进中", D(2021, 3, 5), percent=60, note="已形成初稿", by="政策法规处"),
                ft.Update(second, "已完成", D(2021, 3, 5), percent=100, by="政策法规处")] == ft.import_updates(
                    path, plan=sample)

    def test_the_template_names_its_sender(self, tmp_path: Path) -> None:
        """Round trip: 执法监督处's template, filled as a clerk does (a status word, 60% in the percent cell, a date as
        text, one row with a person in 报送人, the rest left), is read back as sent by 执法监督处 — with the plan and
        without it — and ``by`` is the division where no person is named."""
        from .test_cli_sheets import STAGES, workbook

        header = ("编号", "任务名称", "牵头处室", "配合处室", "阶段", "完成时限")
        rows = [("某局任务分解表",), header,
                ("A", "制定方案", "政策法规处", None, 1, D(2021, 3, 31)),
                ("B", "开展自查", "执法监督处", "政策法规处", 1, D(2021, 4, 30)),
                ("C", "整改销号", "执法监督处、办公室", None, 2, D(2021, 6, 30)),
                ("D", "开展宣传", "办公室", "执法监督处", 1, D(2021, 4, 20))]
        plan = ft.read_plan(workbook(tmp_path / "计划.xlsx", {"任务": rows, "阶段": STAGES},
                                     merges={"任务": ["A1:F1"]})).plan
        path = tmp_path / "执法监督处进展.xlsx"
        assert 2 == ft.write_progress_template(plan, path, division="执法监督处")
        book = openpyxl.load_workbook(path)
        ws = book.active
        assert ws is not None
        assert (["B", "C"], ["执法监督处", "执法监督处"]) == ([ws["A2"].value, ws["A3"].value],
                                                           [ws["K2"].value, ws["K3"].value])
        ws["F2"], ws["G2"], ws["I2"] = "推进中", 0.6, "2021-04-10"
        ws["F3"], ws["G3"], ws["I3"], ws["J3"] = "推进中", 0.2, dt.datetime(2021, 4, 12), "王五"
        book.save(path)
        for against in (plan, None):
            read = ft.read_updates(path, plan=against)
            assert [("B", "推进中", 60, "执法监督处"), ("C", "推进中", 20, "王五")] == [
                (u.task_id, u.status.value, u.percent, u.by) for u in read.updates]
            assert "工作表“进展报送”的报送处室：执法监督处（取自报送处室列）" in read.summary.lines()

    def test_a_supporting_divisions_template_gives_way_to_the_leads(self, sample: ft.Plan, tmp_path: Path) -> None:
        """The lead's template says 已完成; a supporting division's row pasted below (its 报送处室 filled) says 推进中
        for the same task and day: the senders come from the column, the lead's report counts, the other is named."""
        task = next(t for t in sample if t.supporting and t.division != t.supporting[0])
        lead, helper = task.division, task.supporting[0]
        lead_file = tmp_path / "牵头.xlsx"
        ft.write_progress_template(sample, lead_file, division=lead)
        book = openpyxl.load_workbook(lead_file)
        ws = book.active
        assert ws is not None
        row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == task.id)
        ws.cell(row, 6).value, ws.cell(row, 9).value = "已完成", dt.datetime(2021, 5, 6)
        ws.append([task.id, task.title, lead, None, None, "推进中", 50, None, dt.datetime(2021, 5, 6), None, helper])
        book.save(lead_file)
        read = ft.read_updates(lead_file, plan=sample)
        assert [(task.id, "已完成", lead)] == [(u.task_id, u.status.value, u.by) for u in read.updates]
        assert 1 == len(read.summary.superseded)

    def test_unknown_division(self, sample: ft.Plan, tmp_path: Path) -> None:
        """A division that leads nothing is an error naming it."""
        with pytest.raises(ft.PlanFileError, match="政策法规科"):
            ft.write_progress_template(sample, tmp_path / "x.xlsx", division="政策法规科")


class TestCommands:
    def test_export_progress_template(self, tmp_path: Path) -> None:
        """export --progress-template --division writes the division's sheet."""
        code, out, _ = run("export", "--progress-template", "--division", "政策法规处", "-o",
                           str(tmp_path / "进展报送.xlsx"))
        assert 0 == code and "已生成进展报送表" in out

    def test_import_plan_progress_columns(self, tmp_path: Path) -> None:
        """import PLAN.xlsx --on DATE records the plan sheet's own progress columns."""
        ledger = tmp_path / "l.db"
        code, _, err = run("import", str(SHEETS / "08-progress-in-plan.xlsx"), "--on", "2021-03-05",
                             "--ledger", str(ledger))
        assert (0, "") == (code, err)
        with ft.Ledger(ledger) as opened:
            assert [("T1", ft.Status.DONE, 100), ("T2", ft.Status.IN_PROGRESS, 60)] == [
                (u.task_id, u.status, u.percent) for t in ("T1", "T2", "T3") for u in opened.history(t)]

    def test_import_refuses_a_future_report_date(self, tmp_path: Path) -> None:
        """A report date after --as-of exits 2 naming the cell; without --plan the rows are checked against the
        sample plan in use, and an id it lacks is named at its cell too."""
        plan = SHEETS / "08-progress-in-plan.xlsx"  # T1, T2, T3
        code, _, err = run("import", str(SHEETS / "21-report-date-typo.csv"), "--as-of", "2021-07-01",
                           "--ledger", str(tmp_path / "l.db"), "--plan", str(plan))
        assert 2 == code and "第2行，C列（报送日期）" in err and "晚于统计日期" in err
        code, _, err = run("import", str(SHEETS / "21-report-date-typo.csv"), "--ledger", str(tmp_path / "l.db"))
        assert 2 == code and "第2行，A列（任务编号）：“T1”：计划中没有这个任务编号；请核对编号，或用 --plan" in err

    def test_check_prints_the_read_summary_first(self) -> None:
        """check on a sheet says what was read and assumed before its findings."""
        code, out, _ = run("check", "--plan", str(SHEETS / "03-section-stages.xlsx"))
        lines = [" ".join(line.split()) for line in out.splitlines()]  # the table's column width aside
        assert 0 == code
        assert lines.index("读取情况") < lines.index("计划检查意见")
        assert "假设 阶段取自上方的分节标题行（4 处）" in lines
        assert "工作表 Sheet" in lines and "任务行 4" in lines

    def test_check_says_what_was_read_in_english_on_request(self) -> None:
        """--lang en: the labels, the hidden column and the assumptions in English; headers as the clerk wrote them."""
        code, out, _ = run("check", "--plan", str(SHEETS / "03-section-stages.xlsx"), "--lang", "en")
        lines = [" ".join(line.split()) for line in out.splitlines()]  # the column width aside
        assert 0 == code and lines.index("What was read") < lines.index("Plan findings")
        assert "Assumption the stage was taken from the section row above (4 places)" in lines
        assert "Task rows 4" in lines and "Column B 任务名称 → title" in lines
        code, out, _ = run("check", "--plan", str(SHEETS / "07-hidden-duplicate.xlsx"), "--lang", "en")
        said = "Hidden column E 完成时限: not read; the visible column of the same meaning is used"
        assert said in " ".join(out.split())
        code, out, _ = run("check", "--plan", str(SHEETS / "07-hidden-duplicate.xlsx"))
        assert "隐藏列 E 完成时限：未读取，以同一含义的可见列为准" in " ".join(out.split())
