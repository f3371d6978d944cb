"""The corpus of messy sheets in tests/data/sheets/ (built by its build.py): exactly what each yields."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import fazhi_tasks as ft

D = dt.date
SHEETS = Path(__file__).parent / "data" / "sheets"
AS_OF = D(2021, 7, 1)


def read(name: str) -> ft.PlanRead:
    """The plan and summary read from one corpus file."""
    return ft.read_plan(SHEETS / name)


def fields(task: ft.Task) -> tuple[object, ...]:
    """The fields a clerk's sheet sets, in one tuple."""
    return (task.id, task.title, task.division, task.co_leads, task.supporting, task.stage, task.deadline,
            task.original_deadline, task.owner, task.note)


def stages(plan: ft.Plan) -> list[tuple[int, str, dt.date, dt.date]]:
    """Each stage as (number, name, start, end)."""
    return [(s.number, s.name, s.start, s.end) for s in plan.stages]


def problems(name: str, **kwargs: object) -> tuple[str, ...]:
    """The problems the error of reading a corpus file lists."""
    updates = name.endswith((".csv", ".json")) or "progress" in name
    with pytest.raises(ft.DataFileError) as info:
        (ft.import_updates if updates else ft.read_plan)(SHEETS / name, **kwargs)  # type: ignore[arg-type]
    return info.value.problems


@pytest.fixture(scope="module")
def progress_plan() -> ft.Plan:
    """The plan the progress files report on (T1 制定实施方案, T2 开展自查, T3 形成报告)."""
    return read("08-progress-in-plan.xlsx").plan


class TestLayouts:
    def test_title_rows_above_the_header(self) -> None:
        """The header is found under a title and a date line; the title names the plan."""
        result = read("01-title-rows.xlsx")
        assert "金华市应急管理局法治政府建设示范创建任务分解表" == result.plan.name
        assert [("T1", "制定实施方案", "政策法规处", (), ("办公室",), 1, D(2020, 9, 30), None, None, None),
                ("T2", "召开动员部署会", "办公室", (), (), 1, D(2020, 10, 31), None, None, None)] == [
            fields(t) for t in result.plan]
        assert 4 == result.summary.header_row

    @pytest.mark.parametrize("name", ["02-two-row-header.xlsx", "24-two-row-header.xls"])
    def test_two_row_merged_header(self, name: str) -> None:
        """责任分工 over 牵头处室 | 配合处室 is flattened: the child name decides (also from old .xls)."""
        plan = read(name).plan
        assert [("1", "梳理权责清单", "政策法规处", (), ("执法监督处",), 1, D(2020, 10, 31), None, None, None),
                ("2", "开展案卷评查", "执法监督处", (), ("政策法规处", "办公室"), 1, D(2020, 10, 15), None, None,
                 None)] == [fields(t) for t in plan]

    def test_wps_et_holding_an_xls_is_read(self, tmp_path: Path) -> None:
        """A WPS .et file that is an .xls inside reads like the .xls."""
        (tmp_path / "任务.et").write_bytes((SHEETS / "24-two-row-header.xls").read_bytes())
        assert ["1", "2"] == [t.id for t in ft.load_plan(tmp_path / "任务.et")]

    @pytest.mark.parametrize("name", ["03-section-stages.xlsx", "25-section-stages.ods"])
    def test_section_rows_carry_stages_and_place_yearless_deadlines(self, name: str) -> None:
        """Three section patterns start stages with windows; 12月底前 in 2020-11…2021-02 is 2020-12-31."""
        result = read(name)
        assert [(1, "部署启动", D(2020, 9, 1), D(2020, 10, 31)), (2, "对标自查", D(2020, 11, 1), D(2021, 2, 28)),
                (3, "整改提升", D(2021, 3, 1), D(2021, 6, 30))] == stages(result.plan)
        assert [("T1", 1, D(2020, 9, 30)), ("T2", 2, D(2020, 12, 31)), ("T3", 2, D(2021, 2, 28)),
                ("T4", 3, D(2021, 6, 30))] == [(t.id, t.stage, t.deadline) for t in result.plan]
        assert 3 == result.summary.section_rows
        assert any("定年份" in a for a in result.summary.assumptions)

    def test_serials_restarting_per_section(self) -> None:
        """序号 restarting in each section (one full-width) gives section-序号 ids."""
        result = read("13-restarting-serials.xlsx")
        assert [("1-1", 1), ("1-2", 1), ("2-1", 2)] == [(t.id, t.stage) for t in result.plan]

    def test_blank_row_inside_a_merged_range_is_blank(self) -> None:
        """A blank row covered by a merged stage cell is skipped, not read as a task."""
        result = read("16-merged-blank-rows.xlsx")
        assert ["T1", "T2"] == [t.id for t in result.plan]
        assert (1, 2) == (result.summary.blank_rows, result.summary.rows_read)

    def test_headers_in_brackets_and_with_units(self) -> None:
        """【编号】, 截止日期 and 前置任务（编号） map like their bare names."""
        plan = read("19-headers-with-units.xlsx").plan
        assert [("T1", D(2021, 3, 31), ()), ("T2", D(2021, 6, 30), ("T1",))] == [
            (t.id, t.deadline, t.prerequisites) for t in plan]

    def test_gbk_csv_with_title_and_every_division_word(self) -> None:
        """A GBK CSV with a title line; 相关处室 expands to every division but the lead."""
        result = read("23-plan-gbk.csv")
        assert "任务分解表" == result.plan.name
        assert ("执法监督处",) == result.plan["T1"].supporting

    def test_cached_formula_value_is_used(self) -> None:
        """A formula saved with its value reads as the value."""
        assert "政策法规处" == read("18-cached-formula.xlsx").plan["T1"].division


class TestMeanings:
    def test_joint_leads(self) -> None:
        """政策法规处、执法监督处 as lead: the first is the division, the other a co-lead; 责任人 is the owner."""
        plan = read("04-joint-leads.xlsx").plan
        assert ("T1", "建立行政执法协调机制", "政策法规处", ("执法监督处",), ("办公室",), 1, D(2021, 3, 31), None,
                "张三", None) == fields(plan["T1"])
        assert ["政策法规处", "执法监督处", "办公室"] == [d.name for d in plan.divisions]

    def test_every_division_in_supporting(self) -> None:
        """各处室 in 配合处室 is every division but the lead, and the summary says so."""
        result = read("05-every-division.xlsx")
        assert ("执法监督处", "办公室") == result.plan["T1"].supporting
        assert "各处室" not in [d.name for d in result.plan.divisions]
        assert any("各处室" in a for a in result.summary.assumptions)

    def test_adjusted_deadline_beside_a_hidden_old_one(self) -> None:
        """完成时限（调整后） is the deadline; the hidden old date is kept as the original deadline."""
        plan = read("06-adjusted-deadline.xlsx").plan
        assert [(D(2021, 6, 30), D(2021, 3, 31)), (D(2021, 4, 30), None)] == [
            (t.deadline, t.original_deadline) for t in plan]

    def test_hidden_column_never_wins(self) -> None:
        """Of two 完成时限 columns, the visible one is read and the hidden one named in the summary."""
        result = read("07-hidden-duplicate.xlsx")
        assert D(2021, 5, 31) == result.plan["T1"].deadline
        assert (("E", "完成时限", False),) == result.summary.hidden_columns

    def test_progress_columns_are_kept_apart_and_importable(self) -> None:
        """完成情况 / 完成进度 in a plan sheet stay out of the note, are named, and import as updates."""
        result = read("08-progress-in-plan.xlsx")
        assert [None, None, None] == [t.note for t in result.plan]
        assert (("F", "完成情况"), ("G", "完成进度")) == result.summary.progress_columns
        assert [ft.Update("T1", "已完成", D(2021, 3, 5), percent=100),
                ft.Update("T2", "推进中", D(2021, 3, 5), percent=60, note="已完成初稿，正在修改")] == (
            ft.progress_updates(result, D(2021, 3, 5)))


class TestProgressFiles:
    def test_percent_formats(self) -> None:
        """60% typed in Excel (0.6 with a percent format) is 60; 100% is 100; text ６０％ is 60."""
        assert [60, 100, 60] == [u.percent for u in ft.import_updates(SHEETS / "09-percent-formats.xlsx")]

    def test_serial_only_needs_the_plan(self, progress_plan: ft.Plan) -> None:
        """序号 is no task id: without a plan the file is refused; with one, rows match by title."""
        expected = ("10-serial-only-progress.xlsx，工作表“Sheet”，第2行，B列（任务名称）：“开展自查”："
                    "进展表没有任务编号列：请加一列“任务编号”，或指定计划（--plan）按任务名称对应")
        assert expected == problems("10-serial-only-progress.xlsx")[0]
        updates = ft.import_updates(SHEETS / "10-serial-only-progress.xlsx", plan=progress_plan)
        assert [("T2", ft.Status.DONE), ("T1", ft.Status.IN_PROGRESS)] == [(u.task_id, u.status) for u in updates]

    def test_serial_and_id_with_times_of_day(self, progress_plan: ft.Plan) -> None:
        """任务编号 is the id beside 序号; a report date with a time of day counts as its date."""
        updates = ft.import_updates(SHEETS / "11-serial-and-id-progress.xlsx", plan=progress_plan)
        assert [("T2", D(2021, 3, 5), 50), ("T1", D(2021, 3, 5), 100)] == [(u.task_id, u.on, u.percent)
                                                                           for u in updates]

    def test_full_width_and_lower_case_ids(self, progress_plan: ft.Plan) -> None:
        """Ｔ１ is T1 (NFKC); ' t2 ' is T2 when the plan has only one id that folds to it."""
        updates = ft.import_updates(SHEETS / "12-fullwidth-ids.csv", plan=progress_plan)
        assert ["T1", "T2"] == [u.task_id for u in updates]

    def test_title_mismatch_quotes_both(self, progress_plan: ft.Plan) -> None:
        """A 任务名称 that is another task's title refuses the row, naming both tasks."""
        expected = ("20-title-mismatch.csv，第2行，B列（任务名称）：“开展自查”："
                    "是计划中 T2 的任务名称，而编号是 T1（“制定实施方案”）；编号与任务名称不一致，请核对")
        assert (expected,) == problems("20-title-mismatch.csv", plan=progress_plan)

    def test_report_date_after_today(self) -> None:
        """A 2031 typo is refused when the run's date is 2021-07-01."""
        expected = ("21-report-date-typo.csv，第2行，C列（报送日期）：“2031-03-05”："
                    "报送日期晚于统计日期（2021-07-01）；请核对年份")
        assert (expected,) == problems("21-report-date-typo.csv", as_of=AS_OF)

    def test_report_dates_must_be_days(self) -> None:
        """2021年6月, 2021-03-1 5 and 2021-W09-1 are no report dates: each row is named."""
        found = problems("22-report-date-not-a-day.csv")
        assert 3 == len(found)
        assert all("报送日期应是某一天" in p for p in found)
        assert ["第2行", "第3行", "第4行"] == [p.split("，")[1] for p in found]


class TestErrors:
    def test_every_bad_cell_at_once(self) -> None:
        """Bad date as typed, stray cell, stage 1.7, uncomputed formula and a one-character division typo."""
        place = "14-bad-cells.xlsx，工作表“任务”，"
        assert (
            place + ("第2行，E列（完成时限）：“2021年13月1日”：不是存在的日期；"
                     "日期请写成 2021年6月30日 或 2021-06-30"),
            place + "第3行，F列：“多出的内容”：这一列没有表头（或超出表头范围），内容不会被读取；请补上表头或删除",
            place + ("第3行，C列（牵头处室）：“政策法规科”：与“政策法规处”只差一个字："
                     "是否应为“政策法规处”？如两个处室都存在，请加一张“处室”表列出全部处室"),
            place + ("第4行，D列（阶段）：1.7：阶段编号应为整数（如 1、2、3）；"
                     "阶段请写编号或名称，如“3”或“3 整改提升”"),
            place + "第5行，E列（完成时限）：公式未计算：请在 Excel/WPS 中打开并保存后再导入",
        ) == problems("14-bad-cells.xlsx")

    def test_every_bad_cell_at_once_in_english(self) -> None:
        """The same five problems in English on request: place words, the value as typed and what to write."""
        with pytest.raises(ft.PlanFileError) as caught:
            ft.load_plan(SHEETS / "14-bad-cells.xlsx")
        error = caught.value
        place = "14-bad-cells.xlsx, sheet 任务, "
        assert (
            place + ('row 2, column E (完成时限): "2021年13月1日": no such date; write dates as 2021-06-30 or '
                     "2021年6月30日"),
            place + ('row 3, column F: "多出的内容": this column has no header (or lies beyond the header), so it is '
                     "not read; add a header or delete it"),
            place + ('row 3, column C (牵头处室): "政策法规科": one character away from 政策法规处: did you mean '
                     "政策法规处? If both divisions exist, add a 处室 sheet listing every division"),
            place + ("row 4, column D (阶段): 1.7: a stage number is a whole number (1, 2, 3); write the stage's "
                     "number or name, e.g. 3 or 3 整改提升"),
            place + ("row 5, column E (完成时限): a formula with no computed value: open the file in Excel or WPS, "
                     "save it, and import it again"),
        ) == error.problems_en
        assert error.describe("en").startswith("14-bad-cells.xlsx: 5 problems: the plan was not read:\n  ")
        assert str(error).startswith("14-bad-cells.xlsx：5 处问题，计划未读取：\n  ")

    def test_yearless_deadline_outside_its_stage(self) -> None:
        """12月底前 in a stage of 2020-09…10 names the cell, the text and the window."""
        expected = ("15-yearless-outside.xlsx，工作表“Sheet”，第2行，E列（完成时限）：“12月底前”："
                    "没有年份的时限不在所属阶段的时间窗口（2020-09-01 至 2020-10-31）内；请写明年份，如 2021年6月30日")
        assert (expected,) == problems("15-yearless-outside.xlsx")

    def test_every_division_word_as_lead(self) -> None:
        """各处室 as 牵头处室 is refused: a lead must be named."""
        expected = ("17-every-division-lead.xlsx，工作表“Sheet”，第2行，C列（牵头处室）：“各处室”："
                    "牵头处室须写明具体处室（“各处室”只能写在配合处室）")
        assert (expected,) == problems("17-every-division-lead.xlsx")

    def test_corpus_is_large_enough(self) -> None:
        """At least 15 messy sheets, each built by build.py."""
        assert len([p for p in SHEETS.iterdir() if p.suffix != ".py"]) >= 15
