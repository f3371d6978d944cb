"""The weekly report: contents from the history, golden text and Markdown, safe HTML/CSV/XLSX, JSON data."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

import fazhi_tasks as ft

from .conftest import small_plan

D = dt.date
GOLDEN = Path(__file__).parent / "golden"
WEEK = D(2021, 6, 25)


@pytest.fixture(scope="module")
def report() -> ft.WeeklyReport:
    return ft.weekly_report(ft.sample_plan(), ft.sample_updates(), WEEK)


def golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("FAZHI_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == text


class TestContents:
    def test_week(self, report: ft.WeeklyReport) -> None:
        """The week's dates and ISO week number."""
        assert (D(2021, 6, 19), (2021, 25)) == (report.week_start, report.iso_week)

    def test_summary(self, report: ft.WeeklyReport) -> None:
        """Counts add up to the plan."""
        s = report.summary
        assert 97 == s.total == s.done + s.in_progress + s.not_started + s.suspended
        assert 11 == s.overdue == len(report.overdue)

    def test_new_and_continuing(self, report: ft.WeeklyReport) -> None:
        """T045 (due 06-18) became overdue this week; the rest were overdue a week earlier too."""
        assert ["T045"] == [e.task.id for e in report.overdue_new]
        assert 10 == len(report.overdue_continuing)
        assert all(e.weeks_overdue >= 1 for e in report.overdue)

    def test_resolved_and_completed_come_from_the_history(self, report: ft.WeeklyReport) -> None:
        """T060, overdue since 05-16, was done on 06-22: resolved and completed this week."""
        assert ["T060"] == [e.task.id for e in report.resolved]
        assert "T060" in [e.task.id for e in report.completed]
        assert all(WEEK - dt.timedelta(days=7) < e.on <= WEEK for e in report.completed if e.on)

    def test_due_next_week(self, report: ft.WeeklyReport) -> None:
        """Unfinished tasks due within the seven days after the week, blocked ones with their root causes."""
        horizon = WEEK + dt.timedelta(days=7)
        assert all(WEEK < e.task.deadline <= horizon for e in report.due_next_week if e.task.deadline)
        assert ("T043",) == {e.task.id: e.root_causes for e in report.due_next_week}["T046"]

    def test_series(self, report: ft.WeeklyReport) -> None:
        """Weekly completed counts from the plan's start to the week, ending at the summary's count."""
        assert report.series[-1].week_ending == WEEK
        assert report.series[-1].done == report.summary.done
        assert sum(p.done_in_week for p in report.series) == report.summary.done

    def test_ledger_and_sequence_agree(self, report: ft.WeeklyReport) -> None:
        """A Ledger and the same updates as a list give the same report."""
        with ft.Ledger.from_updates(ft.sample_updates()) as ledger:
            assert report.to_dict() == ft.weekly_report(ft.sample_plan(), ledger, WEEK).to_dict()

    def test_rectification_and_coverage(self, report: ft.WeeklyReport) -> None:
        """The report carries the rectification list and indicator coverage."""
        assert 11 == len(report.rectification)
        assert ["1", "2", "3", "4", "5", "6", "7", "8"] == [c.number for c in report.coverage]


class TestRenderers:
    def test_text_golden(self, report: ft.WeeklyReport) -> None:
        """The text report of the sample at week 25 is exactly the golden file."""
        golden("weekly-2021-06-25.txt", report.to_text())

    def test_markdown_golden(self, report: ft.WeeklyReport) -> None:
        """The Markdown report likewise."""
        golden("weekly-2021-06-25.md", report.to_markdown())

    def test_english_labels(self, report: ft.WeeklyReport) -> None:
        """lang='en' gives English labels."""
        text = report.to_text(lang="en")
        assert "1. Summary" in text and "97 tasks; as of 2021-06-25" in text

    def test_text_columns_line_up_with_chinese(self, report: ft.WeeklyReport) -> None:
        """Wide characters are counted double, so every line of a table has the same display width."""
        from wcwidth import wcswidth

        text = report.to_text()
        block = text.split("七、处室情况\n", 1)[1].split("\n\n", 1)[0].splitlines()
        assert 1 == len({wcswidth(line.rstrip()) for line in block[:2]})

    def test_html_headline_and_self_contained(self, report: ft.WeeklyReport) -> None:
        """The HTML has the 通报 sentence and loads nothing from elsewhere."""
        page = report.to_html()
        assert "共97项任务，截至6月25日，已完成53项，占54.6%" in page
        assert "<script" not in page and "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
        assert page.count("<tr>") > 11

    def test_dict_is_json(self, report: ft.WeeklyReport) -> None:
        """to_dict is plain data that survives JSON."""
        data = report.to_dict()
        assert data == json.loads(json.dumps(data, ensure_ascii=False))
        assert 11 == len(data["overdue"]) and "T045" == next(x for x in data["overdue"] if x["new"])["task_id"]

    def test_xlsx_prints(self, report: ft.WeeklyReport, tmp_path: Path) -> None:
        """The workbook is print-ready: 宋体, borders round the table, rows as tall as their wrapped text, the
        columns fit A4 landscape, the title once (not in the page header), the Word document's level colours."""
        import openpyxl

        from fazhi_tasks.report.gongwen.page import LEVEL_FILLS

        path = tmp_path / "weekly.xlsx"
        report.to_xlsx(path)
        sheet = openpyxl.load_workbook(path)["问题和责任清单（限时整改）"]
        header = next(r for r in range(1, 12) if sheet.cell(r, 1).value == "序号")
        first = sheet.cell(header + 1, 2)
        assert ("宋体", "thin") == (first.font.name, first.border.left.style)
        assert sheet.row_dimensions[header + 1].height >= 3 * 14  # the 问题 wraps to several lines
        widths = [sheet.column_dimensions[c].width for c in "ABCDEFGHIJ" if sheet.cell(header, ord(c) - 64).value]
        assert sum(widths) <= 106
        assert sheet.oddHeader is None or not sheet.oddHeader.center.text
        level = next(sheet.cell(header + 1, c) for c in range(1, 12) if sheet.cell(header, c).value == "督办等级")
        assert "00" + LEVEL_FILLS[str(level.value)] == level.fill.fgColor.rgb
        number = sheet.cell(header + 1, 1)
        assert "center" == number.alignment.horizontal  # a number never runs into the next column

    def test_xlsx_holds_the_same_rows(self, report: ft.WeeklyReport, tmp_path: Path) -> None:
        """The workbook reopens with openpyxl and its sheets hold the same rows as to_dict()."""
        import openpyxl

        path = tmp_path / "weekly.xlsx"
        report.to_xlsx(path)
        book = openpyxl.load_workbook(path)
        data = report.to_dict()

        def table(name: str) -> tuple[int, list[tuple[object, ...]]]:
            rows: list[tuple[object, ...]] = list(book[name].iter_rows(values_only=True))
            header = next(i for i, r in enumerate(rows) if r[0] in ("编号", "序号", "阶段", "处室", "指标"))
            body = rows[header + 1:]
            return header + 1, body[:next((i for i, r in enumerate(body) if r[0] is None), len(body))]

        header, overdue = table("逾期事项")
        assert [x["task_id"] for x in data["overdue"]] == [r[0] for r in overdue]
        assert book["逾期事项"].freeze_panes == f"A{header + 1}"
        _, rect = table("问题和责任清单（限时整改）")
        assert [x["no"] for x in data["rectification"]] == [r[0] for r in rect]
        assert isinstance(rect[0][6], dt.datetime)  # a date cell, not text (after the sample's 责任人)
        assert {"总体情况", "逾期事项", "本周办结的逾期事项", "本周完成", "受阻任务", "下周到期", "处室情况",
                "问题和责任清单（限时整改）", "已暂缓任务", "指标覆盖", "进度预测：阶段展望",
                "进度预测：预计逾期任务及建议时限"} == set(book.sheetnames)
        header, summary = table("总体情况")
        assert isinstance(summary[-1][-1], float)
        assert "0.0%" == book["总体情况"].cell(row=header + 2, column=9).number_format
        levels = book["问题和责任清单（限时整改）"]
        level_cell = next(c for row in levels.iter_rows() for c in row if c.value == "红")
        assert "FF8080" in str(level_cell.fill.fgColor.rgb)  # the Word document's 红
        assert levels.page_setup.orientation == "landscape" and levels.print_title_rows


HOSTILE = ["<script>alert(1)</script>", '=HYPERLINK("http://evil","点我")', "+1", "@SUM(A1:A9)", "-2+3"]


@pytest.fixture(scope="module")
def hostile() -> ft.WeeklyReport:
    plan = small_plan()
    tasks = [ft.Task(t.id, HOSTILE[i % len(HOSTILE)], t.division, t.stage, t.deadline, prerequisites=t.prerequisites,
                     deliverable="=1+1") for i, t in enumerate(plan.tasks)]
    return ft.weekly_report(plan.replace(tasks=tasks), [], D(2021, 5, 7))


class TestHostileText:
    def test_html_escapes(self, hostile: ft.WeeklyReport) -> None:
        """Markup in titles comes out as text."""
        page = hostile.to_html()
        assert "<script>" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page

    def test_xlsx_neutralises_formulas(self, hostile: ft.WeeklyReport, tmp_path: Path) -> None:
        """No cell of the workbook is a formula; would-be formulas start with an apostrophe."""
        import openpyxl

        hostile.to_xlsx(tmp_path / "r.xlsx")
        book = openpyxl.load_workbook(tmp_path / "r.xlsx")
        cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row]
        assert not [c.coordinate for c in cells if c.data_type == "f"]
        texts = {c.value for c in cells if isinstance(c.value, str)}
        assert "'=HYPERLINK(\"http://evil\",\"点我\")" in texts and "'+1" in texts and "'@SUM(A1:A9)" in texts

    def test_csv_exports_neutralise(self, hostile: ft.WeeklyReport, tmp_path: Path) -> None:
        """The plan and updates CSV exports neutralise formula cells."""
        import csv

        plan = small_plan()
        tasks = [ft.Task(t.id, HOSTILE[i % len(HOSTILE)], t.division, t.stage, t.deadline,
                         prerequisites=t.prerequisites) for i, t in enumerate(plan.tasks)]
        ft.save_plan(plan.replace(tasks=tasks), tmp_path / "p.csv")
        ft.export_updates([ft.Update("A", "推进中", D(2021, 3, 1), note="=cmd|'/C calc'!A0")], tmp_path / "u.csv")
        for name in ("p.csv", "u.csv"):
            rows = list(csv.reader((tmp_path / name).read_text(encoding="utf-8-sig").splitlines()))
            assert not [c for row in rows for c in row if c[:1] in ("=", "+", "-", "@")]


class TestLongTables:
    def test_fast_layout_lines_up(self) -> None:
        """A table past the tabulate limit keeps the simple layout: every line the same display width."""
        from wcwidth import wcswidth

        from fazhi_tasks.report.document import Column, Phrase, Section
        from fazhi_tasks.report.renderers.text import WRAP_MAX_ROWS, table_text

        rows = tuple((f"T{i:04d}", "开展行政执法案卷评查" if i % 2 else "check", i) for i in range(WRAP_MAX_ROWS + 5))
        text = table_text(Section("x", Phrase("overdue"), (Column("id"), Column("title", "long"),
                                                           Column("days", "int")), rows))
        lines = text.splitlines()
        assert len(rows) + 2 == len(lines)
        assert 1 == len({wcswidth(line) for line in lines[1:] if line.endswith(tuple("0123456789"))} | {
            wcswidth(lines[1])})
        assert ["T0000", "check", "0"] == lines[2].split()
        assert lines[2].endswith("  0")


class TestJointLeads:
    def test_counted_under_every_lead_and_said_so(self) -> None:
        """A jointly led task counts under each lead in the division table, with a note under it."""
        plan = small_plan()
        tasks = [t if t.id != "B" else ft.Task("B", "印发方案", "办公室", 1, D(2021, 4, 15), prerequisites=["A"],
                                               co_leads=["宣传教育处"]) for t in plan.tasks]
        report = ft.weekly_report(plan.replace(tasks=tasks), [], D(2021, 5, 7))
        counts = {g.name: (g.total, g.overdue) for g in report.divisions}
        assert (1, 1) == counts["办公室"] and (2, 2) == counts["宣传教育处"]  # D and B
        assert sum(g.total for g in report.divisions) == report.summary.total + 1
        text = report.to_text()
        assert "联合牵头的任务在每个牵头处室各计一次" in text
        assert "办公室、宣传教育处" in text


class TestForecastSection:
    def test_slipping_tasks_and_time_limits_in_the_report(self, report: ft.WeeklyReport) -> None:
        """The weekly report carries the 进度预测, and one time limit per item: the list's own where the forecast says
        it holds, the forecast's proposal (marked) where it cannot — never two dates that disagree."""
        assert report.forecast is not None
        data = {s.key: s for s in report.document().sections}
        slipping = [row[0] for row in data["slipping"].rows]
        assert "T043" in slipping and len(slipping) == len(report.forecast.slipping)
        assert "commitments" not in data  # reconciled into the list, not shown beside it
        limits = report.time_limits()
        broken = {c.task_id for c in report.forecast.commitments_for(report.rectification) if not c.holds}
        assert broken == {t for t, lim in limits.items() if lim.adjusted} and broken
        columns = [c.key for c in data["rectification"].columns]
        shown = {row[1](  # the problem phrase starts with the id
            "zh").split()[0]: (row[columns.index("limit")], row[columns.index("limit_adjusted")])
                 for row in data["rectification"].rows}
        assert all(shown[t] == (lim.time_limit, lim.adjusted) for t, lim in limits.items())
        assert "进度预测：预计逾期任务及建议时限" in report.to_text()

    def test_left_out_on_request(self) -> None:
        """with_forecast=False leaves the section out (a province's rollup keeps its Friday run short)."""
        quick = ft.weekly_report(ft.sample_plan(), ft.sample_updates(), WEEK, with_forecast=False)
        assert quick.forecast is None and "进度预测" not in quick.to_text()

    def test_fallback_days_are_noted(self) -> None:
        """Counting past the official data with beyond='weekdays' is said in the notes, with the first such day."""
        cal = ft.WorkCalendar(beyond="weekdays")
        late = ft.weekly_report(ft.sample_plan(), ft.sample_updates(), D(2026, 12, 18), calendar=cal)
        notes = [n.show("zh") for n in late.notes]
        assert ["2027年及以后的日期按周一至周五推算（国务院2027年节假日安排尚未载入，可用 --calendar 提供）"] == notes
        assert D(2027, 1, 1) == late.calendar_fallback.first  # type: ignore[union-attr]
        assert not cal.used_fallback  # the report kept its own log


class TestIssuedPage:
    def test_masthead_signature_and_portrait(self, report: ft.WeeklyReport) -> None:
        """With the 通报 settings the page carries 通报名称, 期号, issuer and the 落款; ids sit beside titles."""
        settings = ft.ReportSettings(issuer="某局法治办", issue_no=7, contact="王明")
        page = str(ft.render(report, "html", settings=settings, portrait=True))
        assert '<p class="masthead">法治政府建设示范创建督办通报 · 第7期 · 某局法治办</p>' in page
        assert '<p class="signature">某局法治办<br>2021年6月25日<br>（联系人：王明）</p>' in page
        assert "size: A4 portrait" in page
        assert '<td>修订重大执法决定法制审核制度 <small class="id">T043</small></td>' in page
        assert "size: A4 portrait" not in str(ft.render(report, "html"))
