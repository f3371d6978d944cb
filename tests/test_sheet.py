"""The clerk's spreadsheet: XLSX and CSV plans read as clerks keep them, written for them to keep."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import fazhi_tasks as ft
from fazhi_tasks.io.sheets.world import division_phrase

from .strategies import plans

D = dt.date


def clerk_workbook(path: Path) -> None:
    """A sheet as a clerk builds it: title row gaps, merged indicator area, text deadlines, 、-lists."""
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "任务清单"
    ws.append(["序号", "指标", "工作任务", "责任单位", "配合单位", "阶段", "时间节点", "依赖任务", "成果形式",
               "责任人"])
    ws.append([1, "8.1.1", "制定实施方案", "政策法规处", "办公室", "部署启动", dt.datetime(2021, 3, 31), None, "方案",
               "张三"])
    ws.append([2, None, "召开动员会", "办公室", None, "部署启动", "2021年4月底前", "1", None, None])
    ws.append([None] * 10)
    ws.append([3, "4.2.3", "开展执法自查", "执法监督处", "政策法规处、办公室", "对标自查", "6月底前", "1、2", None,
               None])
    ws.merge_cells("B2:B3")
    stages = book.create_sheet("阶段")
    stages.append(["编号", "阶段名称", "开始日期", "结束日期"])
    stages.append([1, "部署启动", dt.datetime(2021, 3, 1), dt.datetime(2021, 4, 30)])
    stages.append([2, "对标自查", dt.datetime(2021, 5, 1), dt.datetime(2021, 7, 31)])
    book.save(path)


class TestReadingAClerksSheet:
    def test_aliases_merges_text_deadlines_lists(self, tmp_path: Path) -> None:
        """Everything a clerk does to the sheet is understood."""
        path = tmp_path / "任务.xlsx"
        clerk_workbook(path)
        plan = ft.load_plan(path)
        assert ["1", "2", "3"] == [t.id for t in plan]
        assert "8.1.1" == plan["2"].indicator  # carried down the merged cells
        assert (D(2021, 3, 31), D(2021, 4, 30), D(2021, 6, 30)) == tuple(t.deadline for t in plan)
        assert (("政策法规处", "办公室"), ("1", "2")) == (plan["3"].supporting, plan["3"].prerequisites)
        assert [1, 1, 2] == [t.stage for t in plan]
        assert (D(2021, 5, 1), D(2021, 7, 31)) == (plan.stages[1].start, plan.stages[1].end)

    def test_owner_column(self, tmp_path: Path) -> None:
        """责任人 is the task's owner (no longer folded into the note)."""
        path = tmp_path / "任务.xlsx"
        clerk_workbook(path)
        task = ft.load_plan(path)["1"]
        assert ("张三", None) == (task.owner, task.note)

    def test_gbk_csv_without_stage_sheet(self, tmp_path: Path) -> None:
        """A GBK CSV with stage names: stages come from the values, windows from the deadlines."""
        path = tmp_path / "plan.csv"
        text = ("编号,任务名称,牵头处室,阶段,完成时限,前置任务\n"
                "T1,制定方案,政策法规处,部署启动,2021-03-31,\nT2,开展自查,执法监督处,对标自查,2021年6月30日,T1\n")
        path.write_bytes(text.encode("gbk"))
        plan = ft.load_plan(path)
        assert ["部署启动", "对标自查"] == [s.name for s in plan.stages]
        assert (D(2021, 3, 1), D(2021, 3, 31), D(2021, 4, 1), D(2021, 6, 30)) == (
            plan.stages[0].start, plan.stages[0].end, plan.stages[1].start, plan.stages[1].end)
        assert ["政策法规处", "执法监督处"] == [d.name for d in plan.divisions]


class TestErrors:
    def test_all_bad_rows_at_once(self, tmp_path: Path) -> None:
        """Each bad row is named with sheet, row, column header and value."""
        path = tmp_path / "plan.xlsx"
        book = openpyxl.Workbook()
        ws = book.active
        assert ws is not None
        ws.title = "任务"
        ws.append(["编号", "任务名称", "牵头处室", "阶段", "完成时限", "工作量（工作日）"])
        ws.append(["T1", "制定方案", "政策法规处", 1, "2021-13-01", 3])
        ws.append(["T2", "开展自查", "执法监督处", 1, "2021-06-30", "三天"])
        ws.append(["T3", None, "执法监督处", 1, "2021-06-30", 1])
        book.save(path)
        with pytest.raises(ft.PlanFileError) as info:
            ft.load_plan(path)
        problems = info.value.problems
        assert ("plan.xlsx，工作表“任务”，第2行，E列（完成时限）：“2021-13-01”：不是存在的日期；"
                "日期请写成 2021年6月30日 或 2021-06-30") == problems[0]
        assert ("plan.xlsx，工作表“任务”，第3行，F列（工作量（工作日））：“三天”："
                "工作量请填工作日数（不小于 0 的整数），如 5") == problems[1]
        assert "plan.xlsx，工作表“任务”，第4行，B列（任务名称）：缺少任务名称" == problems[2]
        assert "plan.xlsx, sheet 任务, row 4, column B (任务名称): no 任务名称 given" == info.value.problems_en[2]
        assert ("任务", 2, "完成时限", "2021-13-01") == (info.value.sheet, info.value.line, info.value.column,
                                                       info.value.value)

    def test_plan_rule_names_the_row(self, tmp_path: Path) -> None:
        """A plan rule broken in a sheet names the sheet and row and keeps its class."""
        path = tmp_path / "plan.csv"
        path.write_text("编号,任务名称,牵头处室,阶段,前置任务,完成时限\nT1,a,政策法规处,1,T2,2021-06-30\n"
                        "T2,b,政策法规处,1,T1,2021-06-30\n", encoding="utf-8")
        with pytest.raises(ft.DependencyCycleError, match=r"^plan\.csv，第\d行") as info:
            ft.load_plan(path)
        assert info.value.describe("en").startswith("plan.csv, line ")

    def test_missing_required_column(self, tmp_path: Path) -> None:
        """Without a division column the error lists the accepted headers."""
        path = tmp_path / "plan.csv"
        path.write_text("编号,任务名称,阶段\nT1,a,1\n", encoding="utf-8")
        with pytest.raises(ft.PlanFileError, match="表头缺少 牵头处室 列"):
            ft.load_plan(path)

    def test_not_a_workbook(self, tmp_path: Path) -> None:
        """A file named .xlsx that is not one gives a clear error."""
        path = tmp_path / "plan.xlsx"
        path.write_text("not a zip", encoding="utf-8")
        with pytest.raises(ft.PlanFileError, match=r"不是 Excel \.xlsx 工作簿"):
            ft.load_plan(path)

    def test_oversized_file_is_refused_before_parsing(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """Files over the documented size limit are refused unread."""
        from fazhi_tasks.io.sheets import tabular as _tabular

        monkeypatch.setattr(_tabular, "MAX_TEXT_BYTES", 10)
        path = tmp_path / "plan.csv"
        path.write_text("编号,任务名称,牵头处室,阶段\n", encoding="utf-8")
        with pytest.raises(ft.PlanFileError, match="超过上限") as info:
            ft.load_plan(path)
        assert "over the limit" in info.value.describe("en")


class TestWriting:
    def test_sample_round_trips_through_xlsx(self, sample: ft.Plan, tmp_path: Path) -> None:
        """The sample exported to xlsx and read back is equal, stages, divisions and indicators included."""
        ft.save_plan(sample, tmp_path / "plan.xlsx")
        assert sample == ft.load_plan(tmp_path / "plan.xlsx")

    def test_workbook_is_ready_for_a_clerk(self, sample: ft.Plan, tmp_path: Path) -> None:
        """Bold frozen header, widths, dates as dates, drop-downs for division, stage and status."""
        ft.save_plan(sample, tmp_path / "plan.xlsx")
        ws = openpyxl.load_workbook(tmp_path / "plan.xlsx")["任务"]
        assert "A2" == ws.freeze_panes and ws["A1"].font.bold
        assert isinstance(ws["F2"].value, dt.datetime) and ws["F2"].number_format == "yyyy-mm-dd"
        assert ws.column_dimensions["B"].width > 10
        assert {"C2:C500", "E2:E500", "N2:N500"} == {str(v.sqref) for v in ws.data_validations.dataValidation}

    def test_csv_has_a_bom(self, sample: ft.Plan, tmp_path: Path) -> None:
        """CSV is written as UTF-8 with BOM so Excel opens it right."""
        ft.save_plan(sample, tmp_path / "plan.csv")
        assert (tmp_path / "plan.csv").read_bytes().startswith(b"\xef\xbb\xbf")

    def test_template(self, tmp_path: Path) -> None:
        """An empty sheet with the headers and drop-downs, ready to fill in."""
        from fazhi_tasks.io.sheets.writer import write_template

        write_template(tmp_path / "t.xlsx")
        book = openpyxl.load_workbook(tmp_path / "t.xlsx")
        assert ["编号", "任务名称", "牵头处室"] == [c.value for c in book["任务"][1][:3]]
        assert 1 == book["任务"].max_row
        assert 1 == book["处室"].max_row  # no sample divisions: the clerk fills their own
        assert book["计划"]["B1"].value in (None, "")  # no sample name either


class TestRoundTrips:
    @settings(max_examples=25)
    @given(plans(text=True, efforts=True))
    def test_xlsx(self, tmp_path_factory: pytest.TempPathFactory, plan: ft.Plan) -> None:
        """plan → xlsx → an equal plan."""
        path = tmp_path_factory.mktemp("x") / "plan.xlsx"
        ft.save_plan(plan, path)
        assert plan == ft.load_plan(path)

    @settings(max_examples=40)
    @given(plans(text=True, efforts=True))
    def test_csv(self, tmp_path_factory: pytest.TempPathFactory, plan: ft.Plan) -> None:
        """plan → csv → the same tasks and stages (CSV holds the task table only)."""
        path = tmp_path_factory.mktemp("c") / "plan.csv"
        ft.save_plan(plan, path)
        back = ft.load_plan(path)
        used = [s for s in plan.stages if any(t.stage == s.number for t in plan)]
        assert (plan.tasks, tuple(used)) == (back.tasks, back.stages)


_ANY_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=12).filter(
    lambda t: t.strip() != "")
# Division names the reader takes as written: no separators, no invisible characters (Cf: normalised away), no
# phrase a division cell reads as words (牵头/配合 marks, a person in brackets).
_NAME = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Z", "Cc", "Cf"),
                              exclude_characters="、，,；;／/"), min_size=1, max_size=8).filter(
    lambda n: division_phrase(f"{n}0") == ([f"{n}0".strip()], [], None, False))


@st.composite
def messy_plans(draw: st.DrawFn) -> ft.Plan:
    """Plans with arbitrary stage names (brackets, control characters), division names, owners, joint leads."""
    from fazhi_tasks.io.sheets.rows import EVERY_DIVISION

    names = [f"{draw(_NAME)}{i}" for i in range(draw(st.integers(2, 4)))]
    names = [n.strip() for n in names if n.strip() not in EVERY_DIVISION and n.strip()]
    if len(set(names)) < 2:
        names = ["政策法规处", "执法监督处"]
    names = list(dict.fromkeys(names))
    start = D(2021, 1, 1)
    # a stage's name has a word in it and starts with no separator: "1 .0" reads as stage 1 named "0" (the
    # "." a separator after the number, as in "1. 部署启动"), by design
    stage_names = draw(st.lists(_ANY_TEXT.filter(lambda t: any(c.isalnum() for c in t)
                                                 and t.strip()[:1] not in ".．、,，:：;；-—")
                                | st.just("整改提升（第一批）"), min_size=1, max_size=3))
    stages = [ft.Stage(k, name, start + dt.timedelta(days=100 * (k - 1)), start + dt.timedelta(days=100 * k - 1))
              for k, name in enumerate(stage_names, start=1)]
    tasks = []
    for i in range(draw(st.integers(1, 6))):
        stage = draw(st.sampled_from(stages))
        leads = draw(st.lists(st.sampled_from(names), min_size=1, max_size=2, unique=True))
        deadline = stage.start + dt.timedelta(days=draw(st.integers(0, 99)))
        tasks.append(ft.Task(f"T{i + 1}", draw(_ANY_TEXT), leads[0], stage.number, deadline, co_leads=leads[1:],
                             owner=draw(st.none() | _ANY_TEXT),
                             # a note saying 已取消 is refused by save_plan (test_a_cancelling_note_is_not_written)
                             note=draw(st.none() | _ANY_TEXT.filter(lambda t: "取消" not in t)),
                             original_deadline=draw(st.none() | st.just(deadline - dt.timedelta(days=3)))))
    heads = [draw(st.none() | _ANY_TEXT) for _ in names]
    return ft.Plan(name="计划", stages=stages, divisions=[ft.Division(n, head=h) for n, h in zip(names, heads,
                                                                                             strict=True)],
                   tasks=tasks)


class TestMessyRoundTrips:
    @pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
    def test_quote_led_texts_come_back_as_written(self, tmp_path: Path, suffix: str) -> None:
        """A leading ' is un-neutralised once: "'=" stays "'=" (a CSV once lost its quote, read twice)."""
        titles = ["'=", "=1+1", "''=x", "'plain", "-3", "@SUM(A1)"]
        stage = ft.Stage(1, "部署", dt.date(2021, 1, 1), dt.date(2021, 4, 10))
        plan = ft.Plan(name="p", stages=[stage], divisions=[ft.Division("办公室")],
                       tasks=[ft.Task(f"T{n}", t, "办公室", 1, dt.date(2021, 1, 1)) for n, t in enumerate(titles)])
        ft.save_plan(plan, tmp_path / f"plan{suffix}")
        assert titles == [t.title for t in ft.load_plan(tmp_path / f"plan{suffix}").tasks]
        updates = [ft.Update("T1", "推进中", dt.date(2021, 3, 1), note=t) for t in titles]
        ft.export_updates(updates, tmp_path / f"u{suffix}")
        assert titles == [u.note for u in ft.import_updates(tmp_path / f"u{suffix}")]

    @pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
    @pytest.mark.parametrize("note", ["该项任务已取消", "已取消3项审批事项", "0已取消"])
    def test_a_cancelling_note_is_not_written(self, tmp_path: Path, suffix: str, note: str) -> None:
        """A note a sheet would read back as a cancellation (or ask about) is refused before writing, never
        silently turned into a cancelled task; TOML keeps it as written."""
        stage = ft.Stage(1, "部署", dt.date(2021, 1, 1), dt.date(2021, 4, 10))
        plan = ft.Plan(name="p", stages=[stage], divisions=[ft.Division("办公室")],
                       tasks=[ft.Task("T1", "审批改革", "办公室", 1, dt.date(2021, 1, 1), note=note)])
        with pytest.raises(ft.PlanFileError) as caught:
            ft.save_plan(plan, tmp_path / f"plan{suffix}")
        assert ("plan_file.note_cancelled", "T1") == (caught.value.code, caught.value.task_id)
        assert "已取消" in str(caught.value) and ".toml" in str(caught.value)
        assert not (tmp_path / f"plan{suffix}").exists()
        ft.save_plan(plan, tmp_path / "plan.toml")
        assert plan == ft.load_plan(tmp_path / "plan.toml")

    @settings(max_examples=40, deadline=None)
    @given(messy_plans())
    def test_csv(self, tmp_path_factory: pytest.TempPathFactory, plan: ft.Plan) -> None:
        """Every CSV save_plan writes loads back with the same tasks (control characters and brackets too)."""
        path = tmp_path_factory.mktemp("c") / "plan.csv"
        ft.save_plan(plan, path)
        back = ft.load_plan(path)
        assert plan.tasks == back.tasks
        used = {t.stage for t in plan}
        assert [s.name for s in plan.stages if s.number in used] == [s.name for s in back.stages]

    @settings(max_examples=25, deadline=None)
    @given(messy_plans())
    def test_xlsx(self, tmp_path_factory: pytest.TempPathFactory, plan: ft.Plan) -> None:
        """Every XLSX save_plan writes loads back equal, control characters and carriage returns included."""
        path = tmp_path_factory.mktemp("x") / "plan.xlsx"
        ft.save_plan(plan, path)
        assert plan == ft.load_plan(path)
