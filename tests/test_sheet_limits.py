"""Bad and hostile sheets end in one clean error, fast: bombs, broken workbooks, huge numbers, NaN, control chars."""

from __future__ import annotations

import datetime as dt
import json
import resource
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

import fazhi_tasks as ft

D = dt.date


def timed_error(path: Path, reader: object = ft.load_plan) -> tuple[ft.DataFileError, float]:
    """The error reading ``path`` raises and the seconds it took."""
    start = time.perf_counter()
    with pytest.raises(ft.DataFileError) as info:
        reader(path)  # type: ignore[operator]
    return info.value, time.perf_counter() - start


def patched(source: Path, target: Path, part: str, data: bytes, *, method: int = zipfile.ZIP_DEFLATED) -> None:
    """A copy of an xlsx with one part replaced."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", method) as dst:
        for item in src.infolist():
            dst.writestr(item.filename, data if item.filename == part else src.read(item.filename))


def small_plan(path: Path) -> None:
    """A valid two-task plan sheet."""
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.append(["编号", "任务名称", "牵头处室", "阶段", "完成时限"])
    ws.append(["T1", "制定方案", "政策法规处", 1, dt.datetime(2021, 3, 31)])
    book.save(path)


class TestBombs:
    def test_one_cell_at_xfd1048576(self, tmp_path: Path) -> None:
        """A tiny workbook declaring a million rows by one far cell fails within a second."""
        path = tmp_path / "far.xlsx"
        book = openpyxl.Workbook()
        ws = book.active
        assert ws is not None
        ws.append(["编号", "任务名称", "牵头处室", "阶段"])
        ws["XFD1048576"] = "x"
        book.save(path)
        assert path.stat().st_size < 20_000
        error, seconds = timed_error(path)
        assert seconds < 1.0
        assert "声明有 1048576 行" in str(error) and "declares 1048576 rows" in error.describe("en")

    def test_a_million_blank_rows(self, tmp_path: Path) -> None:
        """Blank <row> elements are counted while streaming; the sheet is refused well before its end."""
        small_plan(tmp_path / "ok.xlsx")
        rows = b"".join(b'<row r="%d"/>' % n for n in range(3, 1_000_003))
        with zipfile.ZipFile(tmp_path / "ok.xlsx") as src:
            sheet = src.read("xl/worksheets/sheet1.xml").replace(b'<dimension ref="A1:E2" />', b"")
        sheet = sheet.replace(b"</sheetData>", rows + b"</sheetData>")
        patched(tmp_path / "ok.xlsx", tmp_path / "blank.xlsx", "xl/worksheets/sheet1.xml", sheet)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        error, seconds = timed_error(tmp_path / "blank.xlsx")
        grown_mib = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
        assert seconds < 5.0 and grown_mib < 500
        assert "含空行" in str(error) and "even blank" in error.describe("en")

    def test_long_stage_cell_is_fast(self, tmp_path: Path) -> None:
        """A 2,000-character stage cell is refused at once (the pattern never sees it)."""
        path = tmp_path / "long.csv"
        path.write_text("编号,任务名称,牵头处室,阶段\nT1,a,政策法规处," + "第1阶段 (" * 250 + "\n", encoding="utf-8")
        error, seconds = timed_error(path)
        assert seconds < 1.0 and "阶段名称过长" in str(error)

    def test_csv_row_limit_while_streaming(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """Rows over the limit stop the reading as soon as they are counted."""
        from fazhi_tasks.io.sheets import tabular as _tabular

        monkeypatch.setattr(_tabular, "MAX_CSV_ROWS", 1000)
        path = tmp_path / "many.csv"
        path.write_text("编号,任务名称,牵头处室,阶段\n" + "T,a,b,1\n" * 1500, encoding="utf-8")
        error, _ = timed_error(path)
        assert "more than 1000 rows" in error.describe("en") and 1001 == error.line

    def test_csv_blank_lines_are_counted(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """Blank lines count toward a limit too: ten million of them are no plan."""
        from fazhi_tasks.io.sheets import tabular as _tabular

        monkeypatch.setattr(_tabular, "MAX_CSV_LINES", 1500)
        path = tmp_path / "blank.csv"
        path.write_text("编号,任务名称,牵头处室,阶段\n" + "\n" * 5000, encoding="utf-8")
        error, _ = timed_error(path)
        assert "含空行" in str(error) and "even blank" in error.describe("en")


class TestBrokenWorkbooks:
    def test_no_worksheet(self, tmp_path: Path) -> None:
        """A workbook whose workbook.xml lists no sheet is an error, not an IndexError."""
        small_plan(tmp_path / "ok.xlsx")
        book = (b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>')
        patched(tmp_path / "ok.xlsx", tmp_path / "none.xlsx", "xl/workbook.xml", book)
        error, _ = timed_error(tmp_path / "none.xlsx")
        assert "没有工作表" in str(error)

    def test_unsupported_compression(self, tmp_path: Path) -> None:
        """A part compressed with a method zipfile cannot undo is an error naming the fix."""
        small_plan(tmp_path / "ok.xlsx")
        data = bytearray((tmp_path / "ok.xlsx").read_bytes())
        with zipfile.ZipFile(tmp_path / "ok.xlsx") as archive:
            offset = archive.getinfo("xl/worksheets/sheet1.xml").header_offset
        data[offset + 8:offset + 10] = (98).to_bytes(2, "little")  # PPMd in the local header
        central = data.rfind(b"PK\x01\x02", 0, data.rfind(b"xl/worksheets/sheet1.xml") + 1)
        data[central + 10:central + 12] = (98).to_bytes(2, "little")
        (tmp_path / "ppmd.xlsx").write_bytes(bytes(data))
        error, _ = timed_error(tmp_path / "ppmd.xlsx")
        assert "不支持的压缩方式" in str(error)

    def test_wps_et(self, tmp_path: Path) -> None:
        """A WPS .et file is refused with the way out: save as .xlsx."""
        (tmp_path / "plan.et").write_bytes(b"\xd0\xcf\x11\xe0")
        error, _ = timed_error(tmp_path / "plan.et")
        assert "另存为" in str(error) and ".xlsx" in str(error)

    def test_february_30_on_the_plan_sheet(self, tmp_path: Path) -> None:
        """A bad holiday on the 计划 sheet names the sheet."""
        small_plan(tmp_path / "ok.xlsx")
        book = openpyxl.load_workbook(tmp_path / "ok.xlsx")
        info = book.create_sheet("计划")
        info.append(["holidays", "2021-02-30"])
        book.save(tmp_path / "bad.xlsx")
        error, _ = timed_error(tmp_path / "bad.xlsx")
        assert "工作表“计划”" in str(error) and "sheet 计划" in error.describe("en")

    def test_inferred_stage_to_year_9999(self, tmp_path: Path) -> None:
        """Stages inferred up to 9999-12-31 and beyond give an error, not an OverflowError."""
        path = tmp_path / "far.csv"
        path.write_text("编号,任务名称,牵头处室,阶段,完成时限\nT1,a,政策法规处,1,9999-12-31\nT2,b,政策法规处,2,\n",
                        encoding="utf-8")
        error, _ = timed_error(path)
        assert "超出日期范围" in str(error)

    def test_huge_numbers_and_ids(self, tmp_path: Path) -> None:
        """5,000-digit ids and efforts are refused by length, never converted."""
        path = tmp_path / "big.csv"
        digits = "1" * 5000
        path.write_text(f"编号,任务名称,牵头处室,阶段,工作量,完成时限\n{digits},a,政策法规处,1,{digits},2021-06-30\n",
                        encoding="utf-8")
        error, _ = timed_error(path)
        assert ["第2行，A列（编号）", "第2行，E列（工作量）"] == [
            p.split("，", 1)[1].split("：")[0] for p in error.problems]
        assert ["row 2, column A (编号)", "row 2, column E (工作量)"] == [
            p.split(", ", 1)[1].split(": ")[0] for p in error.problems_en]

    def test_stage_number_not_whole(self, tmp_path: Path) -> None:
        """Stage 1.7 is refused, not read as 1."""
        path = tmp_path / "p.csv"
        path.write_text("编号,任务名称,牵头处室,阶段\nT1,a,政策法规处,1.7\n", encoding="utf-8")
        assert "阶段编号应为整数" in str(timed_error(path)[0])


class TestUpdatesFiles:
    @pytest.mark.parametrize("percent", ["nan", "inf", "-inf", "99.5", "-0.4", "0.5", "1" * 5000])
    def test_bad_percents_in_csv(self, tmp_path: Path, percent: str) -> None:
        """NaN, infinity, fractions, non-whole and huge percents name the cell."""
        path = tmp_path / "u.csv"
        path.write_text(f"任务编号,状态,完成进度,报送日期\nT1,推进中,{percent},2021-03-05\n", encoding="utf-8")
        error, _ = timed_error(path, ft.import_updates)
        assert (2, "完成进度") == (error.line, error.column)

    @pytest.mark.parametrize("percent", ["NaN", "Infinity", "0.5"])
    def test_bad_percents_in_json(self, tmp_path: Path, percent: str) -> None:
        """JSON's NaN and Infinity are refused naming the update and field."""
        path = tmp_path / "u.json"
        path.write_text(f'[{{"task_id": "T1", "status": "推进中", "percent": {percent}, "on": "2021-03-05"}}]',
                        encoding="utf-8")
        error, _ = timed_error(path, ft.import_updates)
        assert "第1条进展，字段 percent" in str(error) and "update #1, field percent" in error.describe("en")

    def test_nan_percent_in_xlsx(self, tmp_path: Path) -> None:
        """A NaN stored in a sheet cell is refused naming the cell."""
        book = openpyxl.Workbook()
        ws = book.active
        assert ws is not None
        ws.append(["任务编号", "状态", "完成进度", "报送日期"])
        ws.append(["T1", "推进中", 0.25, dt.datetime(2021, 3, 5)])
        book.save(tmp_path / "ok.xlsx")
        with zipfile.ZipFile(tmp_path / "ok.xlsx") as src:
            sheet = src.read("xl/worksheets/sheet1.xml").replace(b"<v>0.25</v>", b"<v>NaN</v>")
        patched(tmp_path / "ok.xlsx", tmp_path / "u.xlsx", "xl/worksheets/sheet1.xml", sheet)
        error, _ = timed_error(tmp_path / "u.xlsx", ft.import_updates)
        assert "C列（完成进度）" in str(error)

    def test_unknown_and_doubled_json_keys(self, tmp_path: Path) -> None:
        """A misspelt key (percnt) and a zh and an en key for one field are refused, not dropped."""
        path = tmp_path / "u.json"
        path.write_text(json.dumps([
            {"task_id": "T1", "status": "推进中", "percnt": 50, "on": "2021-03-05"},
            {"task_id": "T1", "status": "推进中", "状态": "已完成", "on": "2021-03-05"}], ensure_ascii=False),
            encoding="utf-8")
        error, _ = timed_error(path, ft.import_updates)
        assert ["update #1, field percnt", "update #2, field 状态"] == [p.split(", ", 1)[1].split(": ")[0]
                                                                    for p in error.problems_en]

    def test_serial_60_and_negative_serials(self, tmp_path: Path) -> None:
        """Bare numbers in a report-date column (Excel serials 60, -3) are refused."""
        path = tmp_path / "u.csv"
        path.write_text("任务编号,状态,报送日期\nT1,推进中,60\nT1,推进中,-3\n", encoding="utf-8")
        error, _ = timed_error(path, ft.import_updates)
        assert 2 == len(error.problems)


class TestControlCharacters:
    def test_plan_sheet_with_control_characters_loads_back(self, tmp_path: Path) -> None:
        """Control characters in titles and stage names are written as _xHHHH_ escapes; the file loads back equal."""
        stage = ft.Stage(1, "整改提升（第一批）\x07", D(2021, 3, 1), D(2021, 6, 30))
        plan = ft.Plan(name="计划\x1b", stages=[stage], divisions=[ft.Division("政策法规处")],
                       tasks=[ft.Task("T1", "制定\x00方案", "政策法规处", 1, D(2021, 6, 30))])
        for suffix in (".xlsx", ".csv"):
            ft.save_plan(plan, tmp_path / f"p{suffix}")
            back = ft.load_plan(tmp_path / f"p{suffix}")
            assert ["T1"] == [t.id for t in back]
        assert plan == ft.load_plan(tmp_path / "p.xlsx")

    def test_export_updates_with_control_characters(self, tmp_path: Path) -> None:
        """export_updates writes a note with a bell character to XLSX; it reads back exactly."""
        ft.export_updates([ft.Update("T1", "推进中", D(2021, 3, 5), note="进展\x07\r_x0041_")], tmp_path / "u.xlsx")
        assert "进展\x07\r_x0041_" == ft.import_updates(tmp_path / "u.xlsx")[0].note

    def test_safe_cell_for_renderers(self) -> None:
        """One helper: formulas neutralised and illegal characters shown."""
        from fazhi_tasks.io.sheets.tabular import safe_cell

        assert ("'=1+1", "a_x0001_b", 5) == (safe_cell("=1+1"), safe_cell("a\x01b"), safe_cell(5))


class TestDeadlineTimes:
    def test_a_time_of_day_keeps_the_date(self, tmp_path: Path) -> None:
        """Plan deadlines and report dates share one rule: the calendar date counts, whatever the time."""
        book = openpyxl.Workbook()
        ws = book.active
        assert ws is not None
        ws.append(["编号", "任务名称", "牵头处室", "阶段", "完成时限"])
        ws.append(["T1", "制定方案", "政策法规处", 1, dt.datetime(2021, 6, 30, 17, 30)])
        book.save(tmp_path / "p.xlsx")
        assert D(2021, 6, 30) == ft.load_plan(tmp_path / "p.xlsx")["T1"].deadline


class TestExcelSerials:
    @pytest.mark.parametrize("serial", [60, -3, 0])
    def test_serials_that_are_no_day(self, tmp_path: Path, serial: int) -> None:
        """Date-formatted serial 60 (the 1900 leap bug), 0 and negatives are refused naming the cell."""
        book = openpyxl.Workbook()
        ws = book.active
        assert ws is not None
        ws.append(["任务编号", "状态", "报送日期"])
        ws.append(["T1", "推进中", serial])
        ws["C2"].number_format = "yyyy-mm-dd"
        book.save(tmp_path / "u.xlsx")
        error, _ = timed_error(tmp_path / "u.xlsx", ft.import_updates)
        assert (2, "报送日期") == (error.line, error.column)


class TestHopelessFiles:
    def test_checking_stops_after_a_thousand_problems(self, tmp_path: Path) -> None:
        """A file that is not a plan at all stops being checked after 1,000 problems, and says where."""
        path = tmp_path / "p.csv"
        path.write_text("编号,任务名称,牵头处室,阶段\n" + "T,,,\n" * 5000, encoding="utf-8")
        error, _ = timed_error(path)
        assert error.problems[-1].startswith("问题过多，第 ")
        assert "……另有 " in error.problems[-2]


class TestFormulaErrors:
    def test_error_value_is_refused(self, tmp_path: Path) -> None:
        """A formula whose saved value is an error (#DIV/0!) is refused like an uncomputed one."""
        small_plan(tmp_path / "ok.xlsx")
        with zipfile.ZipFile(tmp_path / "ok.xlsx") as src:
            sheet = src.read("xl/worksheets/sheet1.xml")
        head, _, rest = sheet.partition(b'<c r="C2"')
        rest = rest[rest.index(b"</c>") + 4:]
        sheet = head + b'<c r="C2" t="e"><f>1/0</f><v>#DIV/0!</v></c>' + rest
        patched(tmp_path / "ok.xlsx", tmp_path / "e.xlsx", "xl/worksheets/sheet1.xml", sheet)
        error, _ = timed_error(tmp_path / "e.xlsx")
        assert "C列（牵头处室）：公式未计算" in str(error)
