"""Word output after GB/T 9704-2012: the 通报 and the 通知单 opened again with python-docx.

Page size, margins, the fonts of every run (East Asian names included), the 期号, the issuer, the
落款 date, and attachments holding exactly the report's rows; hostile text stays text.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import attrs
import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

import fazhi_tasks as ft
from fazhi_tasks.cli import main
from fazhi_tasks.report.gongwen.notices import safe_file_name
from fazhi_tasks.report.gongwen.report import ANNEX2_HEADERS, OVERDUE_HEADERS

WEEK = dt.date(2021, 6, 25)
HOSTILE = "<script>alert(1)</script>\x07=cmd|' /C calc'!A0"
SETTINGS = ft.ReportSettings(issuer="金华市应急管理局法治政府建设示范创建工作领导小组办公室", cc="市司法局",
                             contact="王明", phone="0579-82468000")


@pytest.fixture(scope="module")
def report() -> ft.WeeklyReport:
    return ft.weekly_report(ft.sample_plan(), ft.sample_updates(), WEEK)


@pytest.fixture(scope="module")
def weekly(report: ft.WeeklyReport, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("docx") / "通报.docx"
    ft.weekly_docx(report, path, settings=SETTINGS)
    return path


def texts(document: Any) -> list[str]:
    return [p.text for p in document.paragraphs]


def all_runs(document: Any) -> list[Any]:
    """Every w:r of the body, the tables and the footers."""
    parts = [document.element.body]
    for section in document.sections:
        parts += [section.footer._element, section.even_page_footer._element]
    return [r for part in parts for r in part.iter(qn("w:r"))]


def table_rows(table: Any) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def annex(document: Any, headers: tuple[str, ...]) -> list[list[str]]:
    found = [t for t in document.tables if tuple(c.text for c in t.rows[0].cells) == headers]
    assert 1 == len(found)
    return table_rows(found[0])[1:]


class TestReportSettings:
    def test_defaults_and_override(self) -> None:
        """Defaults name the 领导小组办公室; an override with None keeps the value; digits print as 第N期."""
        s = ft.ReportSettings().override(issuer="某局", contact=None, issue_no="12")
        assert ("某局", "", "第12期", "第3期") == (s.issuer, s.contact, s.issue_label(1),
                                                 ft.ReportSettings().issue_label(3))
        assert "2021年第5期" == ft.ReportSettings(issue_no="2021年第5期").issue_label(1)

    def test_toml_report_table(self, tmp_path: Path) -> None:
        """A plan file's [report] table is read; the plan itself still loads."""
        path = tmp_path / "plan.toml"
        ft.save_plan(ft.sample_plan(), path)
        text = path.read_text(encoding="utf-8")
        path.write_text(text + '\n[report]\nissuer = "某局法治办"\n"期号" = 9\n"抄送" = ["市司法局", "市委办"]\n'
                        "date = 2021-06-26\n", encoding="utf-8")
        s = ft.read_report_settings(path)
        assert ("某局法治办", "第9期", "市司法局、市委办", dt.date(2021, 6, 26)) == (
            s.issuer, s.issue_label(1), s.cc, s.date)
        assert 97 == len(ft.load_plan(path))

    def test_json_report_object(self, tmp_path: Path) -> None:
        """A JSON plan's report object is read, dates written as text."""
        path = tmp_path / "plan.json"
        ft.save_plan(ft.sample_plan(), path)
        doc = json.loads(path.read_text(encoding="utf-8"))
        doc["report"] = {"contact": "王明", "feedback_by": "2021年7月2日"}
        path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        s = ft.read_report_settings(path)
        assert ("王明", dt.date(2021, 7, 2)) == (s.contact, s.feedback_by)
        assert 97 == len(ft.load_plan(path))

    def test_unknown_key_names_line(self, tmp_path: Path) -> None:
        """An unknown setting is refused with the file, line and the names to write instead."""
        path = tmp_path / "plan.toml"
        path.write_text('name = "x"\n\n[report]\nissuer = "某局"\nsigned_by = "张三"\n', encoding="utf-8")
        with pytest.raises(ft.PlanFileError) as caught:
            ft.read_report_settings(path)
        assert (5, "report.signed_by", "张三") == (caught.value.line, caught.value.column, caught.value.value)
        assert "签发人" in str(caught.value)

    def test_sheet(self, tmp_path: Path) -> None:
        """A 设置 sheet (项目 | 内容) in the plan workbook is read; the plan still loads."""
        import openpyxl

        path = tmp_path / "plan.xlsx"
        ft.save_plan(ft.sample_plan(), path)
        book = openpyxl.load_workbook(path)
        sheet = book.create_sheet("设置")
        for row in (("项目", "内容"), ("发文单位", "某局法治办"), ("期号", 12), ("联系电话", "0579-1234"),
                    ("成文日期", dt.datetime(2021, 6, 26)), ("", "")):
            sheet.append(row)
        book.save(path)
        s = ft.read_report_settings(path)
        assert ("某局法治办", "第12期", "0579-1234", dt.date(2021, 6, 26)) == (
            s.issuer, s.issue_label(1), s.phone, s.date)
        assert 97 == len(ft.load_plan(path))

    def test_sheet_bad_date(self, tmp_path: Path) -> None:
        """A bad date in the 设置 sheet names sheet, row, column and the value as typed."""
        import openpyxl

        path = tmp_path / "plan.xlsx"
        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = "设置"
        sheet.append(("项目", "内容"))
        sheet.append(("成文日期", "六月底"))
        book.save(path)
        with pytest.raises(ft.PlanFileError) as caught:
            ft.read_report_settings(path)
        error = caught.value
        assert ("设置", 2, "B 内容", "六月底") == (error.sheet, error.line, error.column, error.value)
        assert "2021年6月25日" in str(error)


class TestWeeklyDocx:
    def test_page_setup(self, weekly: Path) -> None:
        """A4 portrait, top 37 mm, left 28 mm, type area 156 × 225 mm; odd/even page-number footers."""
        section = docx.Document(str(weekly)).sections[0]

        def mm(*lengths: Any) -> float:
            return round(float(sum(x.mm for x in lengths[:1]) - sum(x.mm for x in lengths[1:])), 1)

        size = (mm(section.page_width), mm(section.page_height), mm(section.top_margin), mm(section.left_margin))
        assert (210.0, 297.0, 37.0, 28.0) == size
        assert 156.0 == mm(section.page_width, section.left_margin, section.right_margin)
        assert 225.0 == mm(section.page_height, section.top_margin, section.bottom_margin)
        footer = section.footer._element.xml
        assert "PAGE" in footer and "— " in footer and " —" in footer

    def test_every_run_names_its_fonts(self, weekly: Path) -> None:
        """Every run names its East Asian font, and the style defaults do too."""
        document = docx.Document(str(weekly))
        runs = all_runs(document)
        missing = [r.xpath("string(.)") for r in runs
                   if r.find(qn("w:rPr")) is None or r.find(qn("w:rPr")).find(qn("w:rFonts")) is None
                   or not r.find(qn("w:rPr")).find(qn("w:rFonts")).get(qn("w:eastAsia"))]
        assert [] == missing
        defaults = next(document.styles.element.find(qn("w:docDefaults")).iter(qn("w:rFonts")))
        assert "仿宋_GB2312" == defaults.get(qn("w:eastAsia"))

    def test_fonts_by_role(self, weekly: Path) -> None:
        """Title 方正小标宋简体 22 pt, headings 黑体, （一） 楷体_GB2312, body 仿宋_GB2312 16 pt, masthead red."""
        document = docx.Document(str(weekly))

        def fonts(text: str) -> tuple[str, float | None]:
            run = next(r for p in document.paragraphs for r in p.runs if r.text.startswith(text))
            east = run._r.xpath("string(./w:rPr/w:rFonts/@w:eastAsia)")
            return str(east), run.font.size.pt if run.font.size else None

        assert ("方正小标宋简体", 22.0) == fonts("关于法治政府建设示范创建任务")
        assert ("黑体", 16.0) == fonts("一、总体情况")
        assert ("楷体_GB2312", 16.0) == fonts("（一）限时整改")
        assert ("仿宋_GB2312", 16.0) == fonts("截至6月25日")
        masthead = next(r for r in document.paragraphs[0].runs)
        assert ("法治政府建设示范创建督办通报", "FF0000") == (masthead.text, str(masthead.font.color.rgb))

    def test_issue_issuer_and_date(self, weekly: Path, report: ft.WeeklyReport) -> None:
        """The 期号 is counted from the plan's first week; the issuer heads and signs it; 落款 in Chinese."""
        lines = texts(docx.Document(str(weekly)))
        assert 43 == len(report.series)
        assert "第43期" in lines
        assert SETTINGS.issuer in lines
        signature = lines.index(SETTINGS.issuer, 5)
        assert "2021年6月25日" == lines[signature + 1]
        assert "（联系人：王明，联系电话：0579-82468000）" == lines[signature + 2]
        assert ["附件：1. 逾期事项清单", "2. 问题和责任清单"] == [x for x in lines if x.endswith("清单")][:2]

    def test_attachments_hold_the_report_rows(self, weekly: Path, report: ft.WeeklyReport) -> None:
        """附件1 has the rows of to_dict()["overdue"], 附件2 those of ["rectification"], in order."""
        data = report.to_dict()
        document = docx.Document(str(weekly))
        overdue = annex(document, OVERDUE_HEADERS)
        assert [(str(n), r["task_id"], r["title"], r["division"], r["owner"], str(r["days_overdue"]),
                 str(r["workdays_overdue"])) for n, r in enumerate(data["overdue"], start=1)] == [
            tuple(row[:5] + row[6:8]) for row in overdue]
        items = annex(document, ANNEX2_HEADERS)
        assert [(str(r["no"]), r["problem"], r["division"], "、".join(r["supporting"]),
                 r["level_label"] + "色", r["progress"]) for r in data["rectification"]] == [
            (row[0], row[1], row[2], row[3], row[8], row[9]) for row in items]
        assert all(row[4] for row in items)  # the sample names a 责任人 for every task

    def test_body_table_by_division(self, tmp_path: Path) -> None:
        """The body's table lists every overdue item of the sample by lead division, with its level; the plan
        names no 责任人, so there is no empty 责任人 column."""
        plan = ft.sample_plan()
        plan = ft.Plan(name=plan.name, stages=plan.stages, divisions=plan.divisions,
                       tasks=[attrs.evolve(t, owner=None) for t in plan.tasks])
        report = ft.weekly_report(plan, ft.sample_updates(), dt.date(2021, 10, 29))
        path = tmp_path / "w.docx"
        ft.weekly_docx(report, path, settings=SETTINGS)
        table = docx.Document(str(path)).tables[0]
        rows = table_rows(table)
        assert ["牵头处室", "逾期事项", "督办", "受阻"] == rows[0]
        listed = [(r[0], r[1].split(" ")[0], r[2]) for r in rows[1:]]
        expected = [(i.division, i.task_id, i.level.value + "色") for d in report.rectification.by_division().values()
                    for i in d]
        assert expected == listed

    def test_crowded_body_refers_to_attachment(self, tmp_path: Path) -> None:
        """With heads, owners and a signer the body still plans for two pages: where not even one item a division
        fits, the summary names each division's count and the items are left to 附件1 and 附件2."""
        plan = ft.sample_plan()
        divisions = [attrs.evolve(d, head="负责人甲") for d in plan.divisions]
        tasks = [attrs.evolve(t, owner="责任人乙") for t in plan.tasks]
        plan = ft.Plan(name=plan.name, stages=plan.stages, divisions=divisions, tasks=tasks)
        report = ft.weekly_report(plan, ft.sample_updates(), WEEK)
        path = tmp_path / "w.docx"
        ft.weekly_docx(report, path, settings=attrs.evolve(SETTINGS, signer="张三"), plan=plan)
        document = docx.Document(str(path))
        said = "".join(texts(document))
        assert "逾期事项中，政策法规处4项、" in said
        assert "责任人" in table_rows(document.tables[0])[0]  # owners named: the column is there

    def test_header_rows_repeat(self, weekly: Path) -> None:
        """Every data table's first row repeats on each page (w:tblHeader)."""
        document = docx.Document(str(weekly))
        data = [t for t in document.tables if len(t.columns) > 2]
        assert 3 == len(data)
        assert all(t.rows[0]._tr.xpath("./w:trPr/w:tblHeader") for t in data)

    def test_levels_coloured(self, weekly: Path) -> None:
        """督办等级 cells are filled 蓝/黄/红."""
        document = docx.Document(str(weekly))
        fills = {c.text: c._tc.tcPr.xpath("./w:shd/@w:fill")[0] for t in document.tables for row in t.rows
                 for c in row.cells if c.text in ("红色", "黄色", "蓝色")}
        assert {"红色": "FF8080", "黄色": "FFE699", "蓝色": "9DC3E6"} == fills

    def test_colophon(self, weekly: Path) -> None:
        """版记: 抄送 ends with 。, the 印发单位 and the 印发日期."""
        document = docx.Document(str(weekly))
        last = table_rows(document.tables[-1])
        printer = "金华市应急管理局法治政府建设示范创建\n工作领导小组办公室"  # wrapped at a word
        assert [["抄送：市司法局。"] * 2, [printer, "2021年6月25日印发"]] == last

    def test_hostile_text_stays_text(self, tmp_path: Path) -> None:
        """Markup, a control character and a formula in titles and names stay text; the file opens."""
        plan = ft.sample_plan()
        tasks = [attrs.evolve(t, title=HOSTILE, owner="=HYPERLINK(\"x\")") if t.id == "T043" else t
                 for t in plan.tasks]
        plan = attrs.evolve(plan, tasks=tasks) if hasattr(plan, "__attrs_attrs__") else ft.Plan(
            name=plan.name, stages=plan.stages, divisions=plan.divisions, tasks=tasks)
        report = ft.weekly_report(plan, ft.sample_updates(), WEEK)
        path = tmp_path / "x.docx"
        ft.weekly_docx(report, path, settings=ft.ReportSettings(issuer="<b>局</b>\x00", cc="=1+1"))
        document = docx.Document(str(path))
        overdue = annex(document, OVERDUE_HEADERS)
        assert ("<script>alert(1)</script> =cmd|' /C calc'!A0", "=HYPERLINK(\"x\")") == (
            overdue[0][2], overdue[0][4])
        assert "<b>局</b>" in texts(document)
        assert "抄送：=1+1。" == document.tables[-1].rows[0].cells[0].text


class TestWeeklyContent:
    """What the 通报 counts it names, its time limits agree with the forecast, its words are a bureau's."""

    def test_annex3_lists_what_the_summary_counts(self, weekly: Path, report: ft.WeeklyReport) -> None:
        """附件3 has a row for every blocked task, every task due next week, every completion and every closed
        overdue item; the summary points there."""
        document = docx.Document(str(weekly))
        rows = annex(document, ("序号", "类别", "编号", "任务名称", "牵头处室", "情况"))
        expected = ([s.task_id for s in report.blocked] + [e.task.id for e in report.due_next_week]
                    + [e.task.id for e in report.completed] + [e.task.id for e in report.resolved])
        assert expected == [r[2] for r in rows]
        assert [str(n) for n in range(1, len(rows) + 1)] == [r[0] for r in rows]
        said = "".join(texts(document))
        assert "附件：1. 逾期事项清单" in said and "3. 受阻、下周到期和本周完成事项" in said
        assert "下周到期的4项任务（" in said and "人防工程管理处1项" in said

    def test_time_limits_agree_with_the_forecast(self, weekly: Path, report: ft.WeeklyReport) -> None:
        """A time limit the forecast says cannot hold is printed as the proposed one, marked, and the body
        names how many; those that hold keep the list's own."""
        assert report.forecast is not None
        broken = [c for c in report.forecast.commitments_for(report.rectification) if not c.holds]
        document = docx.Document(str(weekly))
        rows = [r[:4] + r[5:] for r in annex(document, ANNEX2_HEADERS)]  # without 责任人
        adjusted = [r for r in rows if r[5].endswith("（调整）")]
        assert len(broken) == len(adjusted) == 8
        assert all(r[5].startswith(("7月31日", "8月31日", "10月31日")) for r in adjusted)
        assert all(r[5] == "7月16日" for r in rows if r not in adjusted)
        said = "".join(texts(document))
        assert f"等{len(broken)}项难以在7月16日前完成，整改时限建议分别调整至7月31日、8月31日、10月31日前。" in said

    def test_wording(self, weekly: Path) -> None:
        """The title names 法治政府建设, the period is dates, the bureau says 我办, empty counts are left out,
        the levels are defined once, and the file's properties are the issuer's."""
        document = docx.Document(str(weekly))
        said = "".join(texts(document))
        assert "关于法治政府建设示范创建任务推进情况的通报" in said.replace("\n", "")
        assert "现将6月19日至6月25日法治政府建设示范创建任务推进情况通报如下。" in said
        assert "截至6月25日，97项任务已完成53项（完成率54.6%）" in said
        assert "第25周" not in said and "新增0项" not in said and "书面反馈金华市" not in said
        assert 1 == said.count("红色为逾期31个工作日以上")
        props = document.core_properties
        assert (SETTINGS.issuer, "关于法治政府建设示范创建任务推进情况的通报") == (props.author, props.title)

    def test_colophon_starts_an_even_page(self, weekly: Path) -> None:
        """The 版记's section starts on an even page (a blank page goes in where the text ends on an odd one)."""
        document = docx.Document(str(weekly))
        assert "evenPage" == document.sections[-1]._sectPr.xpath("./w:type/@w:val")[0]

    def test_signature_keeps_with_the_text(self, weekly: Path) -> None:
        """The 附件说明 and the 署名 are kept with the last paragraph of the text: never a page of their own."""
        document = docx.Document(str(weekly))
        paragraphs = document.paragraphs
        last = next(k for k, p in enumerate(paragraphs) if p.text.startswith("（联系人"))
        first = next(k for k, p in enumerate(paragraphs) if p.text.startswith("（三）"))
        assert all(p.paragraph_format.keep_with_next for p in paragraphs[first:last - 1])


class TestRectifyDocx:
    def test_one_table_grouped_by_division(self, tmp_path: Path) -> None:
        """rectify -o x.docx: one table, 序号 1…n down it, each division's name once in a merged cell, the
        levels shaded as in the 通报, titled 问题和责任清单, the issuer in the file's properties."""
        path = tmp_path / "清单.docx"
        assert 0 == main(["rectify", "--as-of", "2021-06-25", "-o", str(path), "--issuer", "某局法治办"])
        document = docx.Document(str(path))
        data = [t for t in document.tables if len(t.columns) > 2]
        assert 1 == len(data)
        rows = table_rows(data[0])
        assert ["序号", "责任处室", "问题", "配合处室", "责任人", "整改措施", "整改时限", "督办等级",
                "完成情况"] == rows[0]
        assert [str(n) for n in range(1, 12)] == [r[0] for r in rows[1:]]
        divisions = [r[1] for r in rows[1:]]
        assert list(dict.fromkeys(divisions)) == [d for k, d in enumerate(divisions) if k == 0 or d != divisions[k - 1]]
        fills = {c._tc.xpath("string(./w:tcPr/w:shd/@w:fill)") for r in data[0].rows[1:] for c in r.cells[7:8]}
        assert fills <= {"FF8080", "FFE699", "9DC3E6"} and len(fills) > 1
        assert "问题和责任清单" == texts(document)[0]
        assert ("某局法治办", "问题和责任清单") == (document.core_properties.author, document.core_properties.title)


class TestNoticesDocx:
    def test_one_document_page_per_division(self, report: ft.WeeklyReport, tmp_path: Path) -> None:
        """Each division with overdue or blocked items gets its page, with head, items and the feedback date."""
        plan = ft.sample_plan()
        divisions = [attrs.evolve(d, head="陈立新" if d.name == "政策法规处" else None) for d in plan.divisions]
        plan = ft.Plan(name=plan.name, stages=plan.stages, divisions=divisions, tasks=plan.tasks)
        path = tmp_path / "通知单.docx"
        assert [path] == ft.notices_docx(report, path, settings=SETTINGS, plan=plan)
        document = docx.Document(str(path))
        lines = texts(document)
        heads = [x for x in lines if (x.endswith("：") and "处" in x) or x.endswith("中心：") or x == "办公室："]
        assert ["政策法规处（负责人：陈立新）：", "行政审批处：", "应急指挥中心：", "危险化学品安全监督管理处：",
                "办公室：", "执法监督处："] == heads
        sections = document.sections
        assert len(heads) == len(sections)  # a section a division, each numbered from 1
        assert all(["1"] == s._sectPr.xpath("./w:pgNumType/@w:start") for s in list(sections)[1:])
        assert all(["oddPage"] == s._sectPr.xpath("./w:type/@w:val") for s in list(sections)[1:])
        said = "".join(lines)
        assert "你处牵头" in said and "你室牵头" in said and "你中心牵头" in said and "你处牵头的逾期事项" in said
        assert "予以通报" not in said and "书面反馈我办" in said
        closing = next(p for p in document.paragraphs if p.text.startswith("请于"))
        assert {16.0} == {r.font.size.pt for r in closing.runs if r.font.size is not None}
        assert 6 == sum(1 for x in lines if x.startswith("请于7月16日前将整改情况书面反馈"))
        listed = {row[1].split(" ")[0] for t in document.tables for row in table_rows(t)[1:] if row[1]}
        assert {e.task.id for e in report.overdue} | {s.task_id for s in report.blocked} == listed
        assert not [r for r in all_runs(document) if r.find(qn("w:rPr")).find(qn("w:rFonts")) is None]

    def test_time_limits_as_in_the_weekly(self, report: ft.WeeklyReport, tmp_path: Path) -> None:
        """A notice gives each item the 整改时限 the 通报's 附件2 gives it (adjusted where the forecast says so)."""
        notices, weekly = tmp_path / "n.docx", tmp_path / "w.docx"
        ft.notices_docx(report, notices, settings=SETTINGS)
        ft.weekly_docx(report, weekly, settings=SETTINGS)
        in_weekly = {r[1].split(" ")[0]: r[6] for r in annex(docx.Document(str(weekly)), ANNEX2_HEADERS)}
        in_notices = {r[1].split(" ")[0]: r[3] for t in docx.Document(str(notices)).tables
                      if t.rows[0].cells[1].text == "逾期事项" for r in table_rows(t)[1:]}
        assert in_weekly == in_notices
        assert any(v.endswith("（调整）") for v in in_notices.values())

    def test_split_and_due(self, report: ft.WeeklyReport, tmp_path: Path) -> None:
        """--split writes a file per division, named after it; include_due adds divisions with tasks due."""
        files = ft.notices_docx(report, tmp_path / "out", include_due=True, split=True)
        names = [f.name for f in files]
        assert "督办通知单-人防工程管理处.docx" in names
        assert len(names) == len(set(names)) == 7
        assert all(docx.Document(str(f)).paragraphs for f in files)

    def test_safe_file_names(self) -> None:
        """Division names become file names without separators or reserved device names."""
        assert ["a_b", "_NUL", "处室", "执法 一科"] == [safe_file_name(x) for x in ("a/b", "NUL", "..", "执法 一科")]


class TestTablesDocx:
    def test_titled_tables(self, tmp_path: Path) -> None:
        """Any titled tables become a GB/T-styled document: title, headings, repeated header rows."""

        @attrs.frozen
        class T:
            title: str
            headers: tuple[str, ...]
            rows: tuple[tuple[object, ...], ...]

        path = tmp_path / "t.docx"
        ft.tables_docx(path, [T("一、任务早于前置任务到期", ("任务", "说明"), (("T1", HOSTILE), ("T2", WEEK))),
                              T("二、无", ("任务",), ())], title="计划检查意见", date=WEEK, landscape=True)
        document = docx.Document(str(path))
        assert [["任务", "说明"], ["T1", "<script>alert(1)</script> =cmd|' /C calc'!A0"],
                ["T2", "2021年6月25日"]] == table_rows(document.tables[0])
        assert document.sections[0].page_width > document.sections[0].page_height  # type: ignore[operator]
        assert {"计划检查意见", "一、任务早于前置任务到期", "（无）"} <= set(texts(document))


class TestCli:
    def run(self, *argv: str) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        return main(list(argv), stdout=out, stderr=err), out.getvalue(), err.getvalue()

    def test_weekly_docx(self, tmp_path: Path) -> None:
        """weekly --format docx writes the 通报 with the options' issuer and 期号."""
        path = tmp_path / "通报.docx"
        code, _, err = self.run("weekly", "--week-ending", "2021-06-25", "--format", "docx", "-o", str(path),
                                "--issuer", "某局法治办", "--issue-no", "7", "--signer", "张三")
        assert (0, "") == (code, err)
        lines = texts(docx.Document(str(path)))
        assert any(x.startswith("某局法治办") for x in lines)
        assert "第7期" in lines  # centred under the name, the red rule under it
        assert not [x for x in lines if "签发人" in x]  # a 下行文 has none

    def test_document_number(self, tmp_path: Path) -> None:
        """A 期号 written as a 发文字号 prints as typed, centred, with no issuer line between it and the rule."""
        path = tmp_path / "通报.docx"
        code, _, _ = self.run("weekly", "--week-ending", "2021-06-25", "-o", str(path), "--issue-no",
                              "金应急〔2021〕12号")
        document = docx.Document(str(path))
        number = next(p for p in document.paragraphs if p.text == "金应急〔2021〕12号")
        assert (0, WD_ALIGN_PARAGRAPH.CENTER) == (code, number.alignment)
        assert number._p.xpath("./w:pPr/w:pBdr/w:bottom/@w:color") == ["FF0000"]
        lines = texts(document)
        at = lines.index("金应急〔2021〕12号")
        assert ["法治政府建设示范创建督办通报", ""] == lines[at - 2:at]  # the name, two lines' space, the number
        assert 2 * 28.95 == document.paragraphs[at - 1].paragraph_format.line_spacing.pt

    def test_notices_have_no_signer(self, tmp_path: Path) -> None:
        """The 督办通知单 is a 下行文: no 签发人 even when the settings name one."""
        path = tmp_path / "n.docx"
        code, _, _ = self.run("notices", "--as-of", "2021-06-25", "-o", str(path), "--signer", "张三")
        assert 0 == code
        assert not [x for x in texts(docx.Document(str(path))) if "签发人" in x]

    def test_notices(self, tmp_path: Path) -> None:
        """notices -o writes one document; --split a directory; neither is a usage error."""
        code, out, _ = self.run("notices", "--as-of", "2021-06-25", "-o", str(tmp_path / "n.docx"))
        assert (0, True) == (code, (tmp_path / "n.docx").exists())
        assert "已生成督办通知单" in out
        code, _, _ = self.run("notices", "--as-of", "2021-06-25", "--split", str(tmp_path / "d"), "--include-due")
        assert (0, 7) == (code, len(list((tmp_path / "d").glob("*.docx"))))
        code, _, err = self.run("notices", "--as-of", "2021-06-25")
        assert 2 == code and "--split" in err

    def test_docx_needs_output(self) -> None:
        """--format docx without -o is a usage error, exit 2."""
        code, _, err = self.run("weekly", "--format", "docx")
        assert 2 == code and "-o" in err
