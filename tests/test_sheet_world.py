"""The closed-world plan reader (issue 23): each misread of the 72 clerk sheets, built here, read right or refused."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

import fazhi_tasks as ft

D = dt.date
HEADER = ("编号", "任务名称", "牵头处室", "阶段", "完成时限")


def build(tmp_path: Path, rows: Sequence[Sequence[Any]], *, name: str = "计划.xlsx", sheet: str = "Sheet1",
          merges: Sequence[str] = (), formats: dict[str, str] | None = None, struck: Sequence[str] = (),
          more: dict[str, Sequence[Sequence[Any]]] | None = None) -> Path:
    """An .xlsx with ``rows`` (from A1) on ``sheet``, merged ranges, number formats and struck cells by address;
    ``more`` adds sheets after it."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = sheet
    for row in rows:
        ws.append(list(row))
    for ref in merges:
        ws.merge_cells(ref)
    for ref, code in (formats or {}).items():
        ws[ref].number_format = code
    for ref in struck:
        ws[ref].font = Font(strike=True)
    for title, extra in (more or {}).items():
        other = book.create_sheet(title)
        for row in extra:
            other.append(list(row))
    path = tmp_path / name
    book.save(path)
    return path


def refused(path: Path) -> str:
    """The message of the error reading ``path`` raises (it must raise a FazhiTasksError)."""
    with pytest.raises(ft.FazhiTasksError) as info:
        ft.read_plan(path)
    return str(info.value)


class TestDeadlineColumns:
    @pytest.mark.parametrize("header", ["计划完成日期", "时限要求", "完成日期", "计划完成时间", "完成时间节点",
                                        "办结时限", "时间安排", "推进时限", "时间要求", "完成时限要求"])
    def test_deadline_under_another_name_is_read(self, tmp_path: Path, header: str) -> None:
        """Every deadline header the clerks used reads as the deadline: no task loses its date."""
        path = build(tmp_path, [("编号", "任务名称", "牵头处室", "阶段", header),
                                ("T1", "制定方案", "政策法规处", 1, D(2021, 6, 30)),
                                ("T2", "开展自查", "办公室", 1, "2021年9月底前")])
        plan = ft.read_plan(path).plan
        assert [("T1", D(2021, 6, 30)), ("T2", D(2021, 9, 30))] == [(t.id, t.deadline) for t in plan]

    def test_two_row_header_original_and_adjusted(self, tmp_path: Path) -> None:
        """完成时限 merged over 原定 | 调整后: the adjusted deadline wins, the original is kept."""
        path = build(tmp_path, [("编号", "任务名称", "牵头处室", "阶段", "完成时限", None),
                                (None, None, None, None, "原定", "调整后"),
                                ("T1", "制定方案", "政策法规处", 1, D(2021, 6, 30), D(2021, 8, 31)),
                                ("T2", "开展自查", "办公室", 1, D(2021, 9, 30), None)],
                     merges=["A1:A2", "B1:B2", "C1:C2", "D1:D2", "E1:F1"])
        plan = ft.read_plan(path).plan
        assert [("T1", D(2021, 8, 31), D(2021, 6, 30)), ("T2", D(2021, 9, 30), None)] == [
            (t.id, t.deadline, t.original_deadline) for t in plan]

    def test_unknown_column_of_dates_is_refused(self, tmp_path: Path) -> None:
        """An unmapped column holding dates is an error naming its letter and header, never a silent note."""
        path = build(tmp_path, [("编号", "任务名称", "牵头处室", "阶段", "预计办完"),
                                ("T1", "制定方案", "政策法规处", 1, D(2021, 6, 30))])
        message = refused(path)
        assert "第E列“预计办完”看起来是完成时限" in message
        assert "请把表头改为“完成时限”，或用 --columns 预计办完=完成时限" in message

    def test_unknown_date_column_under_a_merged_heading_is_refused(self, tmp_path: Path) -> None:
        """Found by the generator: a heading merged across carried its text into the unknown column, outvoting the
        one date under it; heading rows no longer count."""
        path = build(tmp_path, [("编号", "任务名称", "牵头处室", "完成时限", "预计办完"),
                                ("一、部署启动阶段（2021年1月—3月）",), ("（一）加强组织领导",),
                                ("T1", "制定方案", "政策法规处", D(2021, 1, 31), D(2021, 1, 31))], merges=["A3:E3"])
        assert "第E列“预计办完”看起来是完成时限" in refused(path)

    def test_unknown_column_of_divisions_is_refused(self, tmp_path: Path) -> None:
        """An unmapped column of division names (协作科室) is refused: it would drop the supporting divisions."""
        path = build(tmp_path, [(*HEADER, "协作科室"),
                                ("T1", "制定方案", "政策法规科", 1, D(2021, 6, 30), "执法大队、办公室")])
        assert "第F列“协作科室”看起来是配合处室" in refused(path)

    def test_unknown_column_of_statuses_is_refused(self, tmp_path: Path) -> None:
        """An unmapped column of status words is refused too (a cancelled task would otherwise count as live)."""
        path = build(tmp_path, [(*HEADER, "办理情况"), ("T1", "制定方案", "政策法规处", 1, D(2021, 6, 30), "已取消")])
        assert "看起来是状态" in refused(path)


class TestNoDeadlineColumn:
    def test_plan_without_a_deadline_column_is_refused(self, tmp_path: Path) -> None:
        """No deadline column at all: refused (逾期0项 would follow), unless no_deadlines says the plan has none."""
        path = build(tmp_path, [("编号", "任务名称", "牵头处室", "阶段"), ("T1", "长期坚持学法", "政策法规处", 1)])
        assert "表头中没有完成时限列" in refused(path)
        assert [None] == [t.deadline for t in ft.read_plan(path, no_deadlines=True).plan]

    def test_cli_no_deadlines(self, tmp_path: Path) -> None:
        """check --no-deadlines reads it; without the flag the command exits 2 with one line."""
        import io

        from fazhi_tasks.cli import main

        path = build(tmp_path, [("编号", "任务名称", "牵头处室", "阶段"), ("T1", "长期坚持学法", "政策法规处", 1)])
        err = io.StringIO()
        assert 2 == main(["check", "--plan", str(path)], stdout=io.StringIO(), stderr=err)
        assert 1 == err.getvalue().count("\n")
        assert 0 == main(["check", "--plan", str(path), "--no-deadlines"], stdout=io.StringIO(), stderr=err)


class TestMonthOnlyDates:
    @pytest.mark.parametrize(("code", "typed", "expected"), [
        ('yyyy"年"m"月"', D(2021, 6, 1), D(2021, 6, 30)),
        ("yyyy/m", D(2021, 2, 1), D(2021, 2, 28)),
        ("mmm-yy", D(2020, 2, 1), D(2020, 2, 29)),
        ("yyyy-mm", D(2021, 12, 1), D(2021, 12, 31)),
        ('[DBNum1]yyyy"年"m"月"', D(2021, 9, 1), D(2021, 9, 30)),
        ('m"月"', D(2021, 4, 1), D(2021, 4, 30)),
        ('yyyy"年"', D(2021, 1, 1), D(2021, 12, 31)),
    ])
    def test_month_only_format_means_the_month_end(self, tmp_path: Path, code: str, typed: dt.date,
                                                   expected: dt.date) -> None:
        """A date whose number format shows only the month (or year) is that month's (year's) last day, noted."""
        path = build(tmp_path, [HEADER, ("T1", "制定方案", "政策法规处", 1, typed),
                                ("T2", "开展自查", "办公室", 1, D(2021, 6, 15))], formats={"E2": code})
        result = ft.read_plan(path)
        assert [expected, D(2021, 6, 15)] == [t.deadline for t in result.plan]
        assert any("最后一天" in a for a in result.summary.assumptions)

    def test_full_date_format_is_the_day(self, tmp_path: Path) -> None:
        """A yyyy-mm-dd cell stays the day typed."""
        path = build(tmp_path, [HEADER, ("T1", "制定方案", "政策法规处", 1, D(2021, 6, 1))],
                     formats={"E2": "yyyy-mm-dd"})
        assert D(2021, 6, 1) == ft.read_plan(path).plan["T1"].deadline


SOFFICE = __import__("shutil").which("soffice") or __import__("shutil").which("libreoffice")


def saved_by_libreoffice(source: Path, suffix: str) -> Path:
    """``source`` saved by LibreOffice as ``.xls``/``.ods`` beside it (the test is skipped without Calc)."""
    import subprocess

    subprocess.run([str(SOFFICE), "--headless", f"-env:UserInstallation=file://{source.parent}/profile",
                    "--convert-to", suffix, "--outdir", str(source.parent), str(source)], check=True,
                   capture_output=True, timeout=120)
    result = source.with_suffix(f".{suffix}")
    if not result.exists():
        pytest.skip("LibreOffice without Calc cannot convert a workbook")
    return result


@pytest.mark.libreoffice
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed")
class TestOldFormats:
    def test_first_of_month_in_xls_and_ods_is_refused(self, tmp_path: Path) -> None:
        """.xls/.ods hide the number format: a 1st-of-month date (a month typed?) is refused, never read as the 1st;
        the heading rows of the same sheet are skipped as in .xlsx."""
        source = build(tmp_path, [HEADER, ("（一）加强组织领导",), ("T1", "制定方案", "政策法规处", 1, D(2021, 6, 1)),
                                  ("T2", "开展自查", "办公室", 1, D(2021, 6, 30))],
                       formats={"E3": 'yyyy"年"m"月"'}, merges=["A2:E2"])
        assert [D(2021, 6, 30), D(2021, 6, 30)] == [t.deadline for t in ft.read_plan(source).plan]
        for suffix in ("xls", "ods"):
            converted = saved_by_libreoffice(source, suffix)
            message = refused(converted)
            assert "第3行，E列（完成时限）" in message and "看不到单元格格式" in message

    @pytest.mark.parametrize("suffix", ["xls", "ods"])
    def test_struck_row_in_xls_and_ods_is_cancelled(self, tmp_path: Path, suffix: str) -> None:
        """A struck-through row saved as .xls or .ods reads as a cancelled task, as in .xlsx, never as a live one."""
        source = build(tmp_path, [HEADER, ("T1", "制定方案", "政策法规处", 1, D(2021, 6, 30)),
                                  ("T2", "开展培训", "办公室", 1, D(2021, 3, 31))], struck=["A3", "B3"])
        assert ["T2"] == [u.task_id for u in ft.read_plan(source).cancelled]
        converted = saved_by_libreoffice(source, suffix)
        result = ft.read_plan(converted)
        assert ["T1", "T2"] == [t.id for t in result.plan]
        assert [("T2", "计划表标注已取消（第 3 行，删除线）")] == [(u.task_id, u.note) for u in result.cancelled]
        assert ["T1"] == [t.id for t in ft.load_plan(converted)]  # what load_plan gives: no cancelled task
        assert not any("删除线" in line for line in result.summary.assumptions)

    @pytest.mark.parametrize("suffix", ["xls", "ods"])
    def test_percent_cells_saved_by_libreoffice(self, tmp_path: Path, suffix: str) -> None:
        """A 60% progress cell saved as .xls or .ods (ODF's value type "percentage") reads as 60, as from .xlsx."""
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.append(["任务编号", "任务名称", "状态", "完成百分比", "报送日期"])
        sheet.append(["T043", ft.sample_plan()["T043"].title, "推进中", 0.6, D(2021, 6, 20)])
        sheet["D2"].number_format = "0%"
        source = tmp_path / "进展.xlsx"
        book.save(source)
        converted = saved_by_libreoffice(source, suffix)
        assert [60] == [u.percent for u in ft.import_updates(converted, plan=ft.sample_plan())]

    def test_xls_whose_strike_cannot_be_read_says_so(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """An .xls the BIFF scanner gives up on: its struck row reads as live, and the summary says so."""
        from fazhi_tasks.io.sheets import xls_scan

        source = build(tmp_path, [HEADER, ("T1", "制定方案", "政策法规处", 1, D(2021, 6, 30)),
                                  ("T2", "开展培训", "办公室", 1, D(2021, 3, 31))], struck=["A3", "B3"])
        converted = saved_by_libreoffice(source, "xls")
        monkeypatch.setattr(xls_scan, "xls_facts", lambda data: None)
        result = ft.read_plan(converted)
        assert ((), ["T1", "T2"]) == (result.cancelled, [t.id for t in result.plan])
        said = "本 .xls 文件的删除线无法读取：划掉（已取消）的任务按未取消读取；如有划掉的任务，请另存为 .xlsx 后再导入"
        assert said in result.summary.assumptions
        assert any("strikethrough cannot be read from this .xls file" in a for a in result.summary.assumptions_en)


def _ods(tmp_path: Path, styles: str, *, columns: str = "", common: str = "", last: str = "") -> Path:
    """A minimal .ods: automatic ``styles``, ``common`` styles (styles.xml), a table's ``columns``, a header
    (编号, 任务名称, 牵头处室, 阶段, 完成时限), task T1 and the ``last`` row."""
    import zipfile

    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"')

    def cells(*values: str) -> str:
        return "".join(f'<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>'
                       for v in values)

    head = f"<table:table-row>{cells('编号', '任务名称', '牵头处室', '阶段', '完成时限')}</table:table-row>"
    live = f"<table:table-row>{cells('T1', '制定方案', '政策法规处', '1', '2021-06-30')}</table:table-row>"
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} office:version="1.2">'
               f"<office:automatic-styles>{styles}</office:automatic-styles><office:body><office:spreadsheet>"
               f'<table:table table:name="Sheet1">{columns}{head}{live}{last}'
               "</table:table></office:spreadsheet></office:body></office:document-content>")
    path = tmp_path / "计划.ods"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                         'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                         '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/'
                         'vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" '
                         'manifest:media-type="text/xml"/><manifest:file-entry manifest:full-path="styles.xml" '
                         'manifest:media-type="text/xml"/></manifest:manifest>')
        archive.writestr("content.xml", content)
        archive.writestr("styles.xml", f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles {ns} '
                         f'office:version="1.2"><office:styles>{common}</office:styles></office:document-styles>')
    return path


_SPAN = '<text:span text:style-name="T1">'
_STRIKE = '<style:text-properties style:text-line-through-style="solid" style:text-line-through-type="single"/>'


class TestOdsStrike:
    """Every way an .ods strikes a cell through, read from its XML (``io/sheets/ods_scan.py``)."""

    @staticmethod
    def struck(tmp_path: Path, styles: str, row: str, common: str = "") -> list[str]:
        """The ids read as cancelled from an .ods whose last row (T2) is ``row``."""
        result = ft.read_plan(_ods(tmp_path, styles, common=common, last=row))
        assert ["T1", "T2"] == [t.id for t in result.plan]
        return [u.task_id for u in result.cancelled]

    @staticmethod
    def row(first: str = "", second: str = "", attributes: str = "") -> str:
        def cell(style: str, inner: str) -> str:
            return f'<table:table-cell{style} office:value-type="string"><text:p>{inner}</text:p></table:table-cell>'

        tail = "".join(cell("", v) for v in ("办公室", "1", "2021-03-31"))
        return f"<table:table-row{attributes}>{cell(first, 'T2')}{cell(second, '开展培训')}{tail}</table:table-row>"

    def test_cell_style(self, tmp_path: Path) -> None:
        style = f'<style:style style:name="ce1" style:family="table-cell">{_STRIKE}</style:style>'
        assert ["T2"] == self.struck(tmp_path, style, self.row(' table:style-name="ce1"', ' table:style-name="ce1"'))

    def test_parent_style_in_styles_xml(self, tmp_path: Path) -> None:
        style = '<style:style style:name="ce1" style:family="table-cell" style:parent-style-name="删除"/>'
        common = f'<style:style style:name="删除" style:family="table-cell">{_STRIKE}</style:style>'
        assert ["T2"] == self.struck(tmp_path, style, self.row(' table:style-name="ce1"', ' table:style-name="ce1"'),
                                     common)

    def test_none_overrides_the_parent(self, tmp_path: Path) -> None:
        style = ('<style:style style:name="ce1" style:family="table-cell" style:parent-style-name="删除">'
                 '<style:text-properties style:text-line-through-style="none"/></style:style>')
        common = f'<style:style style:name="删除" style:family="table-cell">{_STRIKE}</style:style>'
        assert [] == self.struck(tmp_path, style, self.row(' table:style-name="ce1"', ' table:style-name="ce1"'),
                                 common)

    def test_row_default_style(self, tmp_path: Path) -> None:
        style = f'<style:style style:name="ce1" style:family="table-cell">{_STRIKE}</style:style>'
        assert ["T2"] == self.struck(tmp_path, style, self.row(attributes=' table:default-cell-style-name="ce1"'))

    def test_column_default_style(self, tmp_path: Path) -> None:
        style = f'<style:style style:name="ce1" style:family="table-cell">{_STRIKE}</style:style>'
        path = _ods(tmp_path, style, columns='<table:table-column table:number-columns-repeated="2" '
                    'table:default-cell-style-name="ce1"/><table:table-column table:number-columns-repeated="3"/>')
        result = ft.read_plan(path)  # the header and T1 are in the struck columns too: every row cancelled
        assert ["T1"] == [u.task_id for u in result.cancelled]

    def test_text_span_covering_the_text(self, tmp_path: Path) -> None:
        style = f'<style:style style:name="T1" style:family="text">{_STRIKE}</style:style>'
        row = self.row().replace("<text:p>T2</text:p>", f"<text:p>{_SPAN}T2</text:span></text:p>")
        row = row.replace("<text:p>开展培训</text:p>", f"<text:p>{_SPAN}开展培训</text:span></text:p>")
        assert ["T2"] == self.struck(tmp_path, style, row)

    def test_struck_cells_past_the_limit_are_refused(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """Struck cells are held in memory: a table with more than ``MAX_MARKS`` of them is refused, never cut short."""
        from fazhi_tasks.io.sheets import ods_scan

        monkeypatch.setattr(ods_scan, "MAX_MARKS", 5)
        style = f'<style:style style:name="ce1" style:family="table-cell">{_STRIKE}</style:style>'
        row = self.row(' table:style-name="ce1"', ' table:style-name="ce1"', ' table:number-rows-repeated="3"')
        message = refused(_ods(tmp_path, style, last=row))
        assert "工作表“Sheet1”有超过 5 个划删除线的单元格（含重复行列），超过上限" in message

    def test_text_span_over_part_of_the_text_is_not_struck(self, tmp_path: Path) -> None:
        style = f'<style:style style:name="T1" style:family="text">{_STRIKE}</style:style>'
        row = self.row().replace("<text:p>T2</text:p>", f"<text:p>{_SPAN}T</text:span>2</text:p>")
        row = row.replace("<text:p>开展培训</text:p>", f"<text:p>{_SPAN}开展</text:span>培训</text:p>")
        assert [] == self.struck(tmp_path, style, row)


class TestSheets:
    def test_one_sheet_per_stage_reads_every_sheet(self, tmp_path: Path) -> None:
        """Three stage sheets with no 阶段 column: all 6 tasks read, the stage from each sheet's name."""
        head = ("编号", "任务名称", "牵头处室", "完成时限")
        path = build(tmp_path, [head, ("T1", "制定方案", "政策法规处", D(2020, 10, 31)),
                                ("T2", "动员部署", "办公室", D(2020, 10, 31))], sheet="第一阶段",
                     more={"第二阶段": [head, ("T3", "开展自查", "政策法规处", D(2021, 2, 28)),
                                        ("T4", "形成清单", "办公室", D(2021, 2, 28))],
                           "第三阶段": [head, ("T5", "整改提升", "政策法规处", D(2021, 6, 30)),
                                        ("T6", "总结验收", "办公室", D(2021, 9, 30))],
                           "说明": [("本表由政策法规处汇总",)]})
        result = ft.read_plan(path)
        assert [("T1", 1), ("T2", 1), ("T3", 2), ("T4", 2), ("T5", 3), ("T6", 3)] == [
            (t.id, t.stage) for t in result.plan]
        assert ("第一阶段", "第二阶段", "第三阶段") == result.summary.sheets
        assert (("说明", "没有可识别的表头（如说明页）"),) == result.summary.sheets_skipped
        assert any("工作表“说明”" in line for line in result.summary.lines())

    def test_sheet_per_division_with_stage_column(self, tmp_path: Path) -> None:
        """One sheet per division, each with its own header: every task read."""
        path = build(tmp_path, [HEADER, ("A1", "制定方案", "政策法规处", 1, D(2021, 6, 30))], sheet="政策法规处",
                     more={"办公室": [HEADER, ("B1", "动员部署", "办公室", 1, D(2021, 6, 30))]})
        assert ["A1", "B1"] == [t.id for t in ft.read_plan(path).plan]

    def test_summary_sheet_before_the_tasks_is_named(self, tmp_path: Path) -> None:
        """A first sheet whose header lacks the task columns is named as not read; the task sheet after it is read."""
        path = build(tmp_path, [("序号", "任务名称", "完成情况"), (1, "全部任务", "推进中")], sheet="汇总",
                     more={"明细": [HEADER, ("T1", "制定方案", "政策法规处", 1, D(2021, 6, 30))]})
        result = ft.read_plan(path)
        assert ["T1"] == [t.id for t in result.plan]
        assert (("汇总", "表头不含编号、任务名称、牵头处室"),) == result.summary.sheets_skipped

    def test_hidden_old_version_is_named(self, tmp_path: Path) -> None:
        """A hidden sheet is not read, and the summary says so."""
        from openpyxl import load_workbook

        path = build(tmp_path, [HEADER, ("T1", "制定方案", "政策法规处", 1, D(2021, 6, 30))],
                     more={"旧版": [HEADER, ("X1", "旧任务", "办公室", 1, D(2020, 6, 30))]})
        book = load_workbook(path)
        book["旧版"].sheet_state = "hidden"
        book.save(path)
        result = ft.read_plan(path)
        assert ["T1"] == [t.id for t in result.plan]
        assert (("旧版", "隐藏的工作表（如旧版本）"),) == result.summary.sheets_skipped


class TestHiddenRowsAndFilters:
    def test_hidden_rows_and_a_filter_are_named(self, tmp_path: Path) -> None:
        """A hidden task row is read (it is a task) and named; an AutoFilter is named: every row was read."""
        from openpyxl import load_workbook

        path = build(tmp_path, [HEADER, ("T1", "制定方案", "政策法规处", 1, D(2021, 6, 30)),
                                ("T2", "开展自查", "办公室", 1, D(2021, 6, 30))])
        book = load_workbook(path)
        sheet = book.active
        assert sheet is not None
        sheet.row_dimensions[3].hidden = True
        sheet.auto_filter.ref = "A1:E3"
        book.save(path)
        result = ft.read_plan(path)
        assert ["T1", "T2"] == [t.id for t in result.plan]
        assert (("3",), ("Sheet1",)) == (result.summary.hidden_rows, result.summary.filtered_sheets)
        lines = "\n".join(result.summary.lines())
        assert "隐藏行 1 行（第 3 行）：已照常读取" in lines
        assert "设有筛选：已读取全部行" in lines


class TestRows:
    def test_sub_heading_merged_across_is_skipped(self, tmp_path: Path) -> None:
        """（一）加强组织领导 merged across the row is a heading, listed in the summary, not a task."""
        path = build(tmp_path, [("编号", "任务名称", "牵头处室", "配合处室", "阶段", "完成时限"),
                                ("（一）加强组织领导",), ("1", "成立领导小组", "办公室", None, 1, D(2021, 3, 31)),
                                ("（二）完善制度",), ("2", "修订制度", "政策法规处", "办公室", 1, D(2021, 6, 30))],
                     merges=["A2:F2", "A4:F4"])
        result = ft.read_plan(path)
        assert ["1", "2"] == [t.id for t in result.plan]
        assert (("heading", ("2", "4")),) == result.summary.skipped_rows

    def test_heading_under_a_stage_merged_down(self, tmp_path: Path) -> None:
        """A 阶段 cell merged down over a heading row and its tasks: the heading is skipped, the tasks keep it."""
        path = build(tmp_path, [HEADER, (None, "一、组织保障", None, "1", None),
                                ("T1", "成立领导小组", "办公室", None, D(2021, 3, 31)),
                                ("T2", "印发方案", "政策法规处", None, D(2021, 4, 30))], merges=["D2:D4"])
        result = ft.read_plan(path)
        assert [("T1", 1), ("T2", 1)] == [(t.id, t.stage) for t in result.plan]
        assert (("heading", ("2",)),) == result.summary.skipped_rows

    def test_footer_rows_are_skipped_and_named(self, tmp_path: Path) -> None:
        """合计, 注：… and 填表人/审核人 rows are skipped as footer rows, not bad deadlines."""
        path = build(tmp_path, [HEADER, ("T1", "制定方案", "政策法规处", 1, D(2021, 6, 30)), ("合计", "1项"),
                                ("注：时限以局党委会议定为准",),
                                ("填表人：张三", None, "审核人：李四", None, "填报日期：2021.7.1")])
        result = ft.read_plan(path)
        assert ["T1"] == [t.id for t in result.plan]
        assert (("footer", ("3", "4", "5")),) == result.summary.skipped_rows

    def test_group_and_measure_columns(self, tmp_path: Path) -> None:
        """工作任务 merged down + 具体措施: the measure is the task, the group goes into the note."""
        path = build(tmp_path, [("编号", "工作任务", "具体措施", "牵头处室", "阶段", "完成时限"),
                                ("1", "加强组织领导", "成立领导小组", "办公室", 1, D(2021, 3, 31)),
                                ("2", None, "印发实施方案", "政策法规处", 1, D(2021, 4, 30))], merges=["B2:B3"])
        result = ft.read_plan(path)
        assert [("1", "成立领导小组", "所属任务：加强组织领导"), ("2", "印发实施方案", "所属任务：加强组织领导")] == [
            (t.id, t.title, t.note) for t in result.plan]
        assert any("所属任务" in a for a in result.summary.assumptions)

    @pytest.mark.parametrize("how", ["struck", "note", "status"])
    def test_cancelled_task_is_never_live(self, tmp_path: Path, how: str) -> None:
        """Struck through, 备注 该项任务已取消 or 状态 已取消: read as a task and carried as 已取消, never live."""
        header = (*HEADER, "备注", "状态")
        cancelled: tuple[Any, ...] = ("T2", "开展培训", "办公室", 1, D(2021, 3, 31),
                                      "该项任务已取消" if how == "note" else None,
                                      "已取消" if how == "status" else None)
        path = build(tmp_path, [header, ("T1", "制定方案", "政策法规处", 1, D(2021, 6, 30)), cancelled],
                     struck=["A3", "B3", "C3"] if how == "struck" else (),
                     more={"阶段": [("编号", "阶段名称", "开始日期", "结束日期"), (1, "部署启动", D(2021, 1, 1),
                                                                         D(2021, 12, 31))]})
        result = ft.read_plan(path)
        assert ["T1", "T2"] == [t.id for t in result.plan]
        assert ("开展培训", "办公室", D(2021, 3, 31)) == (result.plan["T2"].title, result.plan["T2"].division,
                                                        result.plan["T2"].deadline)
        why = {"struck": "删除线", "note": "备注“该项任务已取消”", "status": "状态“已取消”"}[how]
        note = f"计划表标注已取消（第 3 行，{why}）"
        assert [ft.Update("T2", ft.Status.CANCELLED, D(2021, 1, 1), note=note)] == list(result.cancelled)
        assert () == result.summary.skipped_rows
        assert (("T2", "3"),) == result.summary.cancelled
        assert any(line.startswith("标注已取消的任务 1 项：T2（第 3 行）") for line in result.summary.lines())
        assert [] == [p for p in result.progress if p[0] == "T2"]  # not a progress row: a cancellation

    def test_cancelled_row_rewritten_below_keeps_the_live_row(self, tmp_path: Path) -> None:
        """The old wording struck out and the task written again under the same id: the live row is the task."""
        path = build(tmp_path, [HEADER, ("T1", "制定方案（旧）", "政策法规处", 1, D(2021, 5, 31)),
                                ("T1", "制定方案", "政策法规处", 1, D(2021, 6, 30))], struck=["A2", "B2"])
        result = ft.read_plan(path)
        assert [("T1", "制定方案", D(2021, 6, 30))] == [(t.id, t.title, t.deadline) for t in result.plan]
        assert () == result.cancelled
        assert (("cancelled", ("2",)),) == result.summary.skipped_rows
        said = "跳过已取消且未读作任务的行（编号重复或内容不全） 1 行（第 2 行）"
        assert any(said in line for line in result.summary.lines())

    def test_cancelled_row_with_a_stale_cell_is_named_not_read(self, tmp_path: Path) -> None:
        """A struck-out row whose deadline cell no longer reads is skipped and named; it does not refuse the plan."""
        path = build(tmp_path, [HEADER, ("T1", "制定方案", "政策法规处", 1, D(2021, 6, 30)),
                                ("T2", "开展培训", "办公室", 1, "待定")], struck=["A3", "B3"])
        result = ft.read_plan(path)
        assert ["T1"] == [t.id for t in result.plan]
        assert (("cancelled", ("3",)),) == result.summary.skipped_rows

    def test_a_prerequisite_may_be_a_cancelled_task(self, tmp_path: Path) -> None:
        """A live task naming a cancelled one as its prerequisite reads (the cancelled task holds nothing up)."""
        path = build(tmp_path, [(*HEADER, "前置任务", "状态"),
                                ("T1", "制定方案", "政策法规处", 1, D(2021, 3, 31), None, "已取消"),
                                ("T2", "印发方案", "办公室", 1, D(2021, 4, 30), "T1", None)])
        result = ft.read_plan(path)
        assert (("T1",), ["T1"]) == (result.plan["T2"].prerequisites, [u.task_id for u in result.cancelled])
        statuses = ft.statuses_as_of(result.cancelled, D(2021, 5, 10))
        found = ft.find_shortfalls(result.plan, statuses, D(2021, 5, 10))
        assert (["T1"], ["T2"], []) == ([t.id for t in found.cancelled], [s.task_id for s in found.overdue],
                                        [s.task_id for s in found.blocked])

    def test_note_mentioning_cancelled_in_passing_is_refused(self, tmp_path: Path) -> None:
        """A note that says 已取消 but not of the task is asked about, not guessed."""
        path = build(tmp_path, [(*HEADER, "备注"), ("T1", "精简审批", "政策法规处", 1, D(2021, 6, 30),
                                                      "已取消3项审批事项")])
        assert "写着“已取消”" in refused(path)

    def test_id_turned_into_a_date_is_refused(self, tmp_path: Path) -> None:
        """1-1 that Excel made 1月1日 is refused saying so."""
        path = build(tmp_path, [HEADER, (D(2021, 1, 1), "制定方案", "政策法规处", 1, D(2021, 6, 30))])
        assert "编号被 Excel 当成了日期" in refused(path)

    def test_serial_beside_id_and_progress_beside_note(self, tmp_path: Path) -> None:
        """序号 beside 编号: 编号 is the id; 进展情况 beside 备注 is normal (备注 is the note)."""
        header = ("序号", "编号", "任务名称", "牵头科室", "配合科室", "阶段", "完成时限", "进展情况", "备注")
        path = build(tmp_path, [header,
                                (1, "T9", "制定方案", "政策法规科", "办公室", 1, D(2021, 6, 30), "已起草", "重点")])
        result = ft.read_plan(path)
        task = result.plan["T9"]
        assert ("T9", "政策法规科", ("办公室",), "重点") == (task.id, task.division, task.supporting, task.note)
        assert [("T9", None, None, "已起草")] == list(result.progress)


class TestDivisions:
    @pytest.mark.parametrize(("cell", "lead", "supporting", "owner"), [
        ("执法大队（牵头）、政策法规科", "执法大队", ("政策法规科",), None),
        ("政策法规科牵头，各科室配合", "政策法规科", ("执法大队", "应急指挥中心"), None),
        ("危化科（牵头），执法大队配合", "危化科", ("执法大队",), None),
        ("政策法规科（张三）", "政策法规科", (), "张三"),
    ])
    def test_division_phrases(self, tmp_path: Path, cell: str, lead: str, supporting: tuple[str, ...],
                              owner: str | None) -> None:
        """The marked (or first-named) division leads, the rest support; 各科室 expands; a person is the owner."""
        path = build(tmp_path, [HEADER, ("T1", "制定方案", cell, 1, D(2021, 6, 30)),
                                ("T2", "执法检查", "执法大队", 1, D(2021, 6, 30)),
                                ("T3", "值班值守", "应急指挥中心", 1, D(2021, 6, 30)),
                                ("T4", "危化检查", "危化科", 1, D(2021, 6, 30)),
                                ("T5", "普法", "政策法规科", 1, D(2021, 6, 30))])
        task = ft.read_plan(path).plan["T1"]
        assert (lead, (), owner) == (task.division, task.co_leads, task.owner)
        assert set(supporting) <= set(task.supporting)

    def test_slash_and_newline_separate(self, tmp_path: Path) -> None:
        """应急指挥中心/防汛抗旱科 without marks: joint leads, as 、 does."""
        path = build(tmp_path, [HEADER, ("T1", "防汛演练", "应急指挥中心/防汛抗旱科", 1, D(2021, 6, 30)),
                                ("T2", "值守", "应急指挥中心\n防汛抗旱科", 1, D(2021, 6, 30))])
        plan = ft.read_plan(path).plan
        assert [("应急指挥中心", ("防汛抗旱科",))] * 2 == [(t.division, t.co_leads) for t in plan]

    def test_invisible_characters_and_inner_spaces_are_one_division(self, tmp_path: Path) -> None:
        """Zero-width space, NBSP and 政策 法规科 are the same division, not three."""
        path = build(tmp_path, [HEADER, ("T1", "甲", "政策法规科\u200b", 1, D(2021, 6, 30)),
                                ("T2", "乙", "政策\u00a0法规科", 1, D(2021, 6, 30)),
                                ("T3", "丙", "政策 法规科", 1, D(2021, 6, 30)),
                                ("T4", "丁", "政策法规科", 1, D(2021, 6, 30))])
        result = ft.read_plan(path)
        assert ["政策法规科"] == [d.name for d in result.plan.divisions]
        assert (("政策法规科", 4),) == result.summary.divisions

    @pytest.mark.parametrize(("short", "full"), [("法规科", "政策法规科"), ("防汛办", "防汛抗旱办公室"),
                                                 ("应急指挥中心", "应急管理指挥中心")])
    def test_abbreviation_is_refused(self, tmp_path: Path, short: str, full: str) -> None:
        """An abbreviation beside the full name is refused with 是否应为…."""
        path = build(tmp_path, [HEADER, ("T1", "甲", full, 1, D(2021, 6, 30)), ("T2", "乙", full, 1, D(2021, 6, 30)),
                                ("T3", "丙", short, 1, D(2021, 6, 30))])
        message = refused(path)
        assert f"是否应为“{full}”" in message
        assert short in message


    def test_abbreviation_declared_in_the_division_sheet(self, tmp_path: Path) -> None:
        """A 处室 sheet with a 简称 column: 法规科 reads as 政策法规科, and the summary says so."""
        path = build(tmp_path, [HEADER, ("T1", "甲", "政策法规科", 1, D(2021, 6, 30)),
                                ("T2", "乙", "法规科", 1, D(2021, 6, 30))],
                     more={"处室": [("处室", "简称"), ("政策法规科", "法规科、法规股"), ("办公室", None)]})
        result = ft.read_plan(path)
        assert ["政策法规科", "政策法规科"] == [t.division for t in result.plan]
        assert any("简称" in a for a in result.summary.assumptions)


class TestStatuses:
    def test_safe_readings(self) -> None:
        """未开展 is 未启动 and 因疫情暂缓 is 已暂缓; 基本完成 and 未完成 stay refused."""
        read = (ft.Status.parse("未开展"), ft.Status.parse("因疫情暂缓"))
        assert (ft.Status.NOT_STARTED, ft.Status.SUSPENDED) == read
        for word in ("基本完成", "未完成"):
            with pytest.raises(ValueError, match=word):
                ft.Status.parse(word)


class TestSummary:
    def test_summary_names_divisions_stages_and_tasks_without_deadline(self, tmp_path: Path) -> None:
        """Divisions with task counts, stages with windows (inferred marked), tasks without a deadline."""
        path = build(tmp_path, [HEADER, ("T1", "制定方案", "政策法规处", 1, D(2021, 6, 30)),
                                ("T2", "长期坚持", "办公室", 1, "长期坚持")])
        result = ft.read_plan(path)
        assert (("政策法规处", 1), ("办公室", 1)) == result.summary.divisions
        assert ("T2",) == result.summary.no_deadline
        assert result.summary.stages[0][4] is True
        lines = "\n".join(result.summary.lines())
        assert "处室及牵头任务数：政策法规处 1、办公室 1" in lines
        assert "（按时限推算）" in lines
        assert "没有完成时限的任务 1 项：T2" in lines


PROGRESS = ("任务编号", "任务名称", "状态", "完成进度", "报送日期")


@pytest.fixture
def small() -> ft.Plan:
    """T1 制定方案, T2 制定方案细则, T3 开展自查 (stage from 2021-01-01)."""
    stage = ft.Stage(1, "部署", D(2021, 1, 1), D(2021, 12, 31))
    return ft.Plan(name="p", stages=[stage], divisions=[ft.Division("办公室")],
                   tasks=[ft.Task("T1", "制定方案", "办公室", 1, D(2021, 6, 30)),
                          ft.Task("T2", "制定方案细则", "办公室", 1, D(2021, 6, 30)),
                          ft.Task("T3", "开展自查", "办公室", 1, D(2021, 6, 30))])


def progress_refused(path: Path, plan: ft.Plan) -> str:
    """The message of the error importing the progress file ``path`` against ``plan``."""
    with pytest.raises(ft.FazhiTasksError) as info:
        ft.import_updates(path, plan=plan)
    return str(info.value)


class TestProgressSheets:
    def test_id_with_another_tasks_title_is_refused(self, tmp_path: Path, small: ft.Plan) -> None:
        """T2 beside T1's exact title: the id and title disagree, refused (it bound to T2 before)."""
        path = build(tmp_path, [PROGRESS, ("T2", "制定方案", "推进中", 50, D(2021, 3, 5))], name="进展.xlsx")
        assert "是计划中 T1 的任务名称，而编号是 T2" in progress_refused(path, small)

    def test_same_task_same_day_two_statuses_is_refused(self, tmp_path: Path, small: ft.Plan) -> None:
        """The same task twice on one day with different statuses names both rows."""
        path = build(tmp_path, [PROGRESS, ("T1", None, "已完成", 100, D(2021, 3, 5)),
                                ("T1", None, "推进中", 80, D(2021, 3, 5))], name="进展.xlsx")
        assert "第3行" in (message := progress_refused(path, small)) and "与第 2 行同一任务、同一报送日期" in message

    def test_supporting_division_contradicting_the_lead_on_the_same_day(self, tmp_path: Path,
                                                                        small: ft.Plan) -> None:
        """The lead's sheet says 已完成, a supporting division's sheet 推进中 the same day: refused naming both."""
        path = build(tmp_path, [PROGRESS, ("T1", None, "已完成", 100, D(2021, 3, 5))], name="进展.xlsx",
                     sheet="办公室", more={"执法大队": [PROGRESS, ("T1", None, "推进中", 80, D(2021, 3, 5))]})
        message = progress_refused(path, small)
        assert "工作表“执法大队”" in message and "与工作表“办公室”第 2 行同一任务、同一报送日期" in message

    @pytest.mark.parametrize(("status", "percent"), [("已完成", 60), ("未启动", 50)])
    def test_status_and_percent_that_disagree(self, tmp_path: Path, small: ft.Plan, status: str, percent: int) -> None:
        """已完成 with 60% and 未启动 with 50% are refused at the percent cell."""
        path = build(tmp_path, [PROGRESS, ("T1", None, status, percent, D(2021, 3, 5))], name="进展.xlsx")
        assert f"与状态“{status}”矛盾" in progress_refused(path, small)

    def test_report_date_before_the_plan_begins(self, tmp_path: Path, small: ft.Plan) -> None:
        """A 报送日期 before the first stage (2012 for 2021) is a year typo, refused."""
        path = build(tmp_path, [PROGRESS, ("T1", None, "推进中", 50, D(2012, 3, 5))], name="进展.xlsx")
        assert "报送日期早于计划第一阶段的开始（2021-01-01）；请核对年份" in progress_refused(path, small)

    def test_section_and_footer_rows_are_skipped(self, tmp_path: Path, small: ft.Plan) -> None:
        """一、牵头任务 and 填表人 rows are no reports (not unknown task ids)."""
        path = build(tmp_path, [PROGRESS, ("一、牵头任务",), ("T1", None, "推进中", 50, D(2021, 3, 5)),
                                ("填表人：张三", None, None, None, "审核人：李四")], name="进展.xlsx")
        assert [("T1", ft.Status.IN_PROGRESS)] == [(u.task_id, u.status) for u in ft.import_updates(path, plan=small)]

    def test_one_sheet_per_division_reads_every_sheet(self, tmp_path: Path, small: ft.Plan) -> None:
        """Progress kept on one sheet per division: every sheet's updates are imported."""
        path = build(tmp_path, [PROGRESS, ("T1", None, "推进中", 50, D(2021, 3, 5))], name="进展.xlsx",
                     sheet="办公室", more={"执法大队": [PROGRESS, ("T2", None, "已完成", 100, D(2021, 3, 5)),
                                                    ("T3", None, "未开展", None, D(2021, 3, 5))]})
        assert [("T1", "推进中"), ("T2", "已完成"), ("T3", "未启动")] == [
            (u.task_id, u.status.value) for u in ft.import_updates(path, plan=small)]


class TestPlanWithProgressAlone:
    def test_weekly_on_a_ledger_sheet_alone_is_refused(self, tmp_path: Path) -> None:
        """weekly --plan 台账.xlsx whose 完成情况 says 已完成, with no ledger: refused (it listed T1 overdue)."""
        import io

        from fazhi_tasks.cli import main

        path = build(tmp_path, [(*HEADER, "完成情况"), ("T1", "制定方案", "政策法规处", 1, D(2021, 3, 31), "已完成"),
                                ("T2", "开展自查", "办公室", 1, D(2021, 3, 31), None)], name="台账.xlsx")
        err = io.StringIO()
        for command in ("weekly", "shortfalls", "rectify"):
            code = main([command, "--plan", str(path), "--as-of", "2021-06-25"], stdout=io.StringIO(), stderr=err)
            assert 2 == code
        assert "计划表含进展列 F（完成情况）（1 项任务填了状态或进度），但没有指定进展账本" in err.getvalue()
        assert 3 == err.getvalue().count("\n")


class TestColumnMapping:
    def test_mapping_by_header_and_letter(self, tmp_path: Path) -> None:
        """read_plan(columns=...) maps a header the reader does not know, and a column by its letter."""
        path = build(tmp_path, [("代码", "任务名称", "牵头处室", "阶段", "预计办完"),
                                ("T1", "制定方案", "政策法规处", 1, D(2021, 6, 30))])
        assert "表头缺少 编号 列" in refused(path)
        plan = ft.read_plan(path, columns={"预计办完": "完成时限", "A": "编号"}).plan
        assert [("T1", D(2021, 6, 30))] == [(t.id, t.deadline) for t in plan]

    def test_mapping_from_a_settings_sheet(self, tmp_path: Path) -> None:
        """A 列映射 sheet (表头 | 含义) maps columns without touching the task sheet."""
        path = build(tmp_path, [("编号", "任务名称", "牵头处室", "阶段", "预计办完"),
                                ("T1", "制定方案", "政策法规处", 1, D(2021, 6, 30))],
                     more={"列映射": [("表头", "含义"), ("预计办完", "完成时限")]})
        result = ft.read_plan(path)
        assert D(2021, 6, 30) == result.plan["T1"].deadline
        assert () == result.summary.sheets_skipped

    def test_unknown_target_is_refused(self, tmp_path: Path) -> None:
        """A mapping to a name the reader does not know is refused, listing the known names."""
        path = build(tmp_path, [HEADER, ("T1", "制定方案", "政策法规处", 1, D(2021, 6, 30))])
        with pytest.raises(ft.PlanFileError, match="不是可识别的列名"):
            ft.read_plan(path, columns={"E": "最后期限"})

    def test_cli_columns(self, tmp_path: Path) -> None:
        """check --columns reads the mapped column; a malformed mapping exits 2 with one line."""
        import io

        from fazhi_tasks.cli import main

        path = build(tmp_path, [("编号", "任务名称", "牵头处室", "阶段", "预计办完"),
                                ("T1", "制定方案", "政策法规处", 1, D(2021, 6, 30))])
        out, err = io.StringIO(), io.StringIO()
        assert 0 == main(["check", "--plan", str(path), "--columns", "预计办完=完成时限"], stdout=out, stderr=err)
        assert "预计办完 → deadline" in out.getvalue()
        assert 2 == main(["check", "--plan", str(path), "--columns", "预计办完"], stdout=out, stderr=err)


class TestDivisionSheets:
    """One plan sheet per division, named after it, with no 牵头处室 column: the sheet's name is the lead."""

    def test_sheet_name_is_the_lead_division(self, tmp_path: Path) -> None:
        """Three sheets named after divisions, none with a division column: every task has its sheet's division."""
        header = ("编号", "任务名称", "配合处室", "阶段", "完成时限")
        path = build(tmp_path, [header, ("1", "制定方案", None, 1, D(2021, 3, 31)),
                                ("2", "印发方案", "办公室", 1, D(2021, 4, 30)), ("合计", None, None, None, None)],
                     sheet="政策法规处",
                     more={"办公室": [header, ("3", "开展宣传", None, 1, D(2021, 4, 20))],
                           "执法大队": [header, ("（一）加强执法",),
                                        ("4", "案卷评查", "政策法规处", 1, D(2021, 5, 31))],
                           "说明": [("本表由各处室填写",)]})
        result = ft.read_plan(path)
        assert [("1", "政策法规处", ()), ("2", "政策法规处", ("办公室",)), ("3", "办公室", ()),
                ("4", "执法大队", ("政策法规处",))] == [(t.id, t.division, t.supporting) for t in result.plan]
        assert ("政策法规处", "办公室", "执法大队") == result.summary.sheets
        assert any(a.startswith("没有牵头处室列：牵头处室取自工作表名") for a in result.summary.assumptions)
        assert {"footer": ("政策法规处!4",), "heading": ("执法大队!2",)} == dict(result.summary.skipped_rows)

    def test_a_sheet_name_that_is_no_division_is_refused(self, tmp_path: Path) -> None:
        """A sheet with no division column, named 任务 or 政策法规处、办公室, is refused for the missing column."""
        for sheet in ("Sheet1", "政策法规处、办公室", "各处室"):
            path = build(tmp_path, [("编号", "任务名称", "阶段", "完成时限"), ("1", "制定方案", 1, D(2021, 3, 31))],
                         sheet=sheet, name=f"{len(sheet)}.xlsx")
            assert "牵头处室" in refused(path)

    def test_the_division_sheet_checks_the_name(self, tmp_path: Path) -> None:
        """With a 处室 sheet, a sheet named after a division it lacks is refused with "是否应为"."""
        header = ("编号", "任务名称", "阶段", "完成时限")
        path = build(tmp_path, [header, ("1", "制定方案", 1, D(2021, 3, 31))], sheet="法规处",
                     more={"处室": [("处室",), ("政策法规处",), ("办公室",)]})
        assert "是否应为“政策法规处”" in refused(path)


class TestLoadPlanLeavesCancelledOut:
    def test_load_plan_has_no_cancelled_task(self, tmp_path: Path) -> None:
        """load_plan has no progress to carry 已取消 with: the cancelled task and edges to it are left out."""
        path = build(tmp_path, [(*HEADER, "前置任务", "状态"),
                                ("T1", "制定方案", "政策法规处", 1, D(2021, 3, 31), None, "已取消"),
                                ("T2", "印发方案", "办公室", 1, D(2021, 4, 30), "T1", None)])
        plan = ft.load_plan(path)
        assert [("T2", ())] == [(t.id, t.prerequisites) for t in plan]
        assert ["T1", "T2"] == [t.id for t in ft.read_plan(path).plan]
