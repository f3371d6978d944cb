"""Plan files: TOML and JSON round trips, and errors that name file, line, field and value."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given

import fazhi_tasks as ft

from .conftest import small_plan
from .strategies import plans

TOML = """\
name = "示例计划"
divisions = ["政策法规处", "办公室"]

[[stages]]
number = 1
name = "部署启动"
start = 2021-03-01
end = 2021-04-30

[[tasks]]
id = "T1"
title = "制定方案"
division = "政策法规处"
stage = 1
deadline = 2021-03-31

[[tasks]]
id = "T2"
title = "印发方案"
division = "办公室"
stage = 1
deadline = "4月底前"
prerequisites = ["T1"]
"""


class TestRoundTrip:
    @given(plans(text=True, efforts=True))
    def test_toml(self, tmp_path_factory: pytest.TempPathFactory, plan: ft.Plan) -> None:
        """Any valid plan → TOML → an equal plan."""
        path = tmp_path_factory.mktemp("toml") / "plan.toml"
        ft.save_plan(plan, path)
        assert plan == ft.load_plan(path)

    @given(plans(text=True, efforts=True))
    def test_json(self, tmp_path_factory: pytest.TempPathFactory, plan: ft.Plan) -> None:
        """Any valid plan → JSON → an equal plan."""
        path = tmp_path_factory.mktemp("json") / "plan.json"
        ft.save_plan(plan, path)
        assert plan == ft.load_plan(path)

    def test_local_days_survive(self, tmp_path: Path) -> None:
        """Local holidays and working days are part of the file."""
        import datetime as dt

        plan = small_plan(holidays=[dt.date(2021, 3, 8)], workdays=[dt.date(2021, 3, 13)])
        for suffix in (".toml", ".json"):
            ft.save_plan(plan, tmp_path / f"p{suffix}")
            assert plan == ft.load_plan(tmp_path / f"p{suffix}")


class TestReading:
    def test_hand_written_toml(self, tmp_path: Path) -> None:
        """Deadline text is read through parse_deadline with the stage's year."""
        import datetime as dt

        path = tmp_path / "plan.toml"
        path.write_text(TOML, encoding="utf-8")
        plan = ft.load_plan(path)
        assert dt.date(2021, 4, 30) == plan["T2"].deadline
        assert ("T1",) == plan["T2"].prerequisites

    def test_syntax_error_names_line(self, tmp_path: Path) -> None:
        """Broken TOML names the file and line."""
        path = tmp_path / "plan.toml"
        path.write_text(TOML.replace('title = "印发方案"', 'title = "印发方案'), encoding="utf-8")
        with pytest.raises(ft.PlanFileError, match=r"plan\.toml，第19行") as info:
            ft.load_plan(path)
        assert 19 == info.value.line

    def test_bad_deadline_names_line_field_and_value(self, tmp_path: Path) -> None:
        """A deadline that is no date names the line of the field and the value."""
        path = tmp_path / "plan.toml"
        path.write_text(TOML.replace('"4月底前"', '"2021-13-01"'), encoding="utf-8")
        with pytest.raises(ft.PlanFileError) as info:
            ft.load_plan(path)
        assert "plan.toml，第22行，任务 T2，字段 deadline：'2021-13-01'：2021年13月1日不存在" == str(info.value)
        assert "plan.toml, line 22, task T2, field deadline: '2021-13-01'" in info.value.describe("en")
        assert "'2021-13-01'" in str(info.value)
        assert (22, "deadline", "2021-13-01") == (info.value.line, info.value.column, info.value.value)

    def test_unknown_field(self, tmp_path: Path) -> None:
        """A misspelt field is reported, not dropped."""
        path = tmp_path / "plan.toml"
        path.write_text(TOML.replace("stage = 1\ndeadline = 2021-03-31", "stage = 1\ndeadlne = 2021-03-31"),
                        encoding="utf-8")
        with pytest.raises(ft.PlanFileError, match="未知字段 'deadlne'；是否应为 'deadline'"):
            ft.load_plan(path)

    def test_plan_rule_error_keeps_its_class_and_names_the_file(self, tmp_path: Path) -> None:
        """A cycle in a file is a DependencyCycleError whose message starts with the file."""
        path = tmp_path / "plan.toml"
        path.write_text(TOML.replace('deadline = 2021-03-31', 'deadline = 2021-03-31\nprerequisites = ["T2"]'),
                        encoding="utf-8")
        with pytest.raises(ft.DependencyCycleError, match=r"^plan\.toml.*前置任务形成循环"):
            ft.load_plan(path)

    def test_unknown_division_in_file(self, tmp_path: Path) -> None:
        """An unknown division names the file and line and suggests the near miss."""
        path = tmp_path / "plan.toml"
        path.write_text(TOML.replace('division = "办公室"', 'division = "政策法规科"'), encoding="utf-8")
        with pytest.raises(ft.UnknownReferenceError, match=r"plan\.toml，第20行.*是否应为“政策法规处”"):
            ft.load_plan(path)

    def test_json_syntax_error(self, tmp_path: Path) -> None:
        """Broken JSON names line and column."""
        path = tmp_path / "plan.json"
        path.write_text('{"name": "x",\n "stages": [}', encoding="utf-8")
        with pytest.raises(ft.PlanFileError, match=r"plan\.json，第2行，第\d+列：不是有效的 JSON") as info:
            ft.load_plan(path)
        assert info.value.describe("en").startswith("plan.json, line 2, column ")

    def test_json_field_error_names_line(self, tmp_path: Path) -> None:
        """A bad value in JSON names the line of its field."""
        path = tmp_path / "plan.json"
        ft.save_plan(small_plan(), path)
        doc = json.loads(path.read_text(encoding="utf-8"))
        doc["tasks"][2]["effort"] = "many"
        path.write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")
        with pytest.raises(ft.PlanFileError, match=r"plan\.json，第\d+行，任务 C，字段 effort：'many'"):
            ft.load_plan(path)

    def test_missing_file(self, tmp_path: Path) -> None:
        """A missing file is a PlanFileError, not an OSError traceback."""
        with pytest.raises(ft.PlanFileError, match=r"none\.toml：找不到这个文件") as info:
            ft.load_plan(tmp_path / "none.toml")
        assert info.value.describe("en").endswith("none.toml: no such file")

    def test_unknown_suffix(self, tmp_path: Path) -> None:
        """Only known suffixes are read."""
        with pytest.raises(ft.PlanFileError, match=r"无法识别的计划文件类型 '\.yaml'") as info:
            ft.load_plan(tmp_path / "plan.yaml")
        assert "unknown plan file type '.yaml'" in info.value.describe("en")

    def test_not_utf8(self, tmp_path: Path) -> None:
        """A TOML file in GBK names the byte offset."""
        path = tmp_path / "plan.toml"
        path.write_bytes(TOML.encode("gbk"))
        with pytest.raises(ft.PlanFileError, match="字节处：不是 UTF-8 文本") as info:
            ft.load_plan(path)
        assert "byte offset" in info.value.describe("en")


class TestWriting:
    def test_failed_write_keeps_the_old_file(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """When writing fails part way, the existing file is untouched and no temporary is left."""
        path = tmp_path / "plan.json"
        path.write_text("old", encoding="utf-8")

        def boom(*args: object, **kwargs: object) -> str:
            raise RuntimeError("disk full")

        monkeypatch.setattr(json, "dumps", boom)
        with pytest.raises(RuntimeError):
            ft.save_plan(small_plan(), path)
        assert "old" == path.read_text(encoding="utf-8")
        assert [path] == list(tmp_path.iterdir())

    @pytest.mark.parametrize("suffix", [".toml", ".json", ".xlsx"])
    def test_report_settings_travel_with_the_plan(self, tmp_path: Path, suffix: str) -> None:
        """save_plan(settings=) writes the 通报 settings where read_report_settings reads them; the plan unchanged."""
        settings = ft.ReportSettings(issuer="金华市应急管理局", issue_no=12, cc="市司法局、局领导班子成员",
                                     signer="张三", date=dt.date(2021, 6, 25), feedback_by=dt.date(2021, 7, 16))
        path = tmp_path / f"plan{suffix}"
        ft.save_plan(small_plan(), path, settings=settings)
        assert settings == ft.read_report_settings(path)
        assert small_plan() == ft.load_plan(path)
        ft.save_plan(small_plan(), path)
        assert ft.ReportSettings() == ft.read_report_settings(path)

    def test_csv_refuses_report_settings(self, tmp_path: Path) -> None:
        """A CSV cannot hold the settings: asked to, it refuses (and writes nothing); defaults need no room."""
        path = tmp_path / "plan.csv"
        with pytest.raises(ft.PlanFileError, match="CSV 任务表不保存通报设置"):
            ft.save_plan(small_plan(), path, settings=ft.ReportSettings(issue_no=3))
        assert not path.exists()
        ft.save_plan(small_plan(), path, settings=ft.ReportSettings())
        assert small_plan().tasks == ft.load_plan(path).tasks


class TestDocuments:
    def test_building_leaves_the_document_alone(self) -> None:
        """plan_from_document reads a caller's document without emptying it."""
        import copy

        from fazhi_tasks.io.plandoc import _Locator, plan_from_document, plan_to_document

        doc = plan_to_document(small_plan(), dates_as_text=False)
        before = copy.deepcopy(doc)
        assert small_plan() == plan_from_document(doc, _Locator(Path("x.toml"), "toml"))
        assert before == doc

    def test_people_round_trip(self, tmp_path: Path) -> None:
        """Joint leads, adjusted deadlines, 责任人 and 处室负责人 survive TOML and JSON."""
        plan = small_plan()
        tasks = [t if t.id != "B" else ft.Task("B", "印发方案", "办公室", 1, dt.date(2021, 4, 15),
                                               prerequisites=["A"], co_leads=["政策法规处"], owner="李四",
                                               original_deadline=dt.date(2021, 4, 10)) for t in plan.tasks]
        divisions = [ft.Division(d.name, head="张三" if d.name == "办公室" else None) for d in plan.divisions]
        plan = ft.Plan(name=plan.name, stages=plan.stages, divisions=divisions, tasks=tasks)
        for suffix in ("toml", "json"):
            ft.save_plan(plan, tmp_path / f"p.{suffix}")
            back = ft.load_plan(tmp_path / f"p.{suffix}")
            assert plan == back
            assert (("政策法规处",), "李四", dt.date(2021, 4, 10)) == (
                back["B"].co_leads, back["B"].owner, back["B"].original_deadline)
            assert "张三" == next(d.head for d in back.divisions if d.name == "办公室")
def _toml_with(old: str, new: str) -> str:
    assert old in TOML
    return TOML.replace(old, new, 1)


class TestHostileValues:
    """Wrong types, huge numbers, deep nesting: each one PlanFileError naming field and value, never a crash."""

    @pytest.mark.parametrize(("text", "message"), [
        (_toml_with("number = 1", "number = " + "9" * 5000), "数字位数过多"),
        (_toml_with("number = 1", "number = inf"), "编号 inf 不是正整数"),
        (_toml_with("number = 1", "number = 1.7"), "编号 1.7 不是正整数"),
        (_toml_with("number = 1", "number = true"), "编号 True 不是正整数"),
        (_toml_with("stage = 1\ndeadline = 2021-03-31", "stage = 1.7\ndeadline = 2021-03-31"),
         r"第14行，任务 T1，字段 stage：1\.7 不是阶段编号"),
        ("holidays = 5\n" + TOML, "字段 holidays：5 不是日期列表"),
        ("indicators = [1, 2]\n" + TOML, r"字段 indicators：\[1, 2\] 不是表"),
        (TOML.split("[[stages]]", maxsplit=1)[0] + "stages = 3\n" + "[[tasks]]" + TOML.split("[[tasks]]", 1)[1],
         "字段 stages：3 不是表的列表"),
        (_toml_with('divisions = ["政策法规处", "办公室"]', "divisions = 5"), "字段 divisions：5 不是列表"),
        ("x = " + "[" * 5000 + "]" * 5000 + "\n" + TOML, "嵌套层数过多"),
        ("x = " + "{a=" * 5000 + "1" + "}" * 5000 + "\n" + TOML, "嵌套层数过多"),
        ("a" + ".a" * 100 + " = 1\n" + TOML, "第1行：键名层级过多"),
        (_toml_with('prerequisites = ["T1"]', 'prerequisites = ["T1"]\nnote = {a = 1}'),
         r"第24行，任务 T2，字段 note：\{'a': 1\} 不是文字"),
        (_toml_with('title = "制定方案"', "title = 12"), "字段 title：12 不是文字"),
        (_toml_with('deadline = 2021-03-31', "deadline = 2021-03-31T10:00:00"), "带有具体时刻"),
        (_toml_with('name = "示例计划"', "name = {a = 1}"), "字段 name：.* 不是文字"),
        (_toml_with('prerequisites = ["T1"]', "prerequisites = {a = 1}"), "不是名称或编号的列表"),
        (_toml_with('deadline = 2021-03-31', 'deadline = 2021-03-31\n\"完成时限\" = "x"'),
         "未知字段 '完成时限'；TOML/JSON 计划用英文字段名，请写作 'deadline'"),
    ])
    def test_toml(self, tmp_path: Path, text: str, message: str) -> None:
        """Each hostile TOML plan ends in one PlanFileError with a Chinese reason."""
        path = tmp_path / "plan.toml"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(ft.PlanFileError, match=message):
            ft.load_plan(path)

    def test_toml_reasons_in_english_on_request(self, tmp_path: Path) -> None:
        """describe("en") gives the place and the reason in English (the value as typed)."""
        path = tmp_path / "plan.toml"
        path.write_text(_toml_with('title = "制定方案"', "title = 12"), encoding="utf-8")
        with pytest.raises(ft.PlanFileError) as info:
            ft.load_plan(path)
        assert info.value.describe("en").endswith("field title: 12 is not a text")
        path.write_text(_toml_with('deadline = 2021-03-31', 'deadline = "2021年2月30日"'), encoding="utf-8")
        with pytest.raises(ft.PlanFileError) as info:
            ft.load_plan(path)
        assert "'2021年2月30日': 2021-02-30 does not exist" in info.value.describe("en")
        assert "'2021年2月30日'：2021年2月30日不存在" in str(info.value)

    def test_midnight_datetime_deadline_is_the_date(self, tmp_path: Path) -> None:
        """A TOML datetime at 00:00 is the day, as for updates: one rule for both."""
        path = tmp_path / "plan.toml"
        path.write_text(_toml_with("deadline = 2021-03-31", "deadline = 2021-03-31T00:00:00"), encoding="utf-8")
        assert ft.load_plan(path)["T1"].deadline == __import__("datetime").date(2021, 3, 31)

    @pytest.mark.parametrize(("change", "message"), [
        (lambda d: d["tasks"][0].update(effort=float("nan")), "nan 不是工作日数"),
        (lambda d: d["tasks"][0].update(stage=1.0), "1.0 不是阶段编号"),
        (lambda d: d["tasks"][0].update(note={"a": 1}), "不是文字"),
        (lambda d: d["tasks"][0].update(percnt=5), "未知字段 'percnt'"),
        (lambda d: d["tasks"][0].update(deadlne="2021-03-01"), "是否应为 'deadline'"),
        (lambda d: d.update(stages=[{"number": "1", "name": "部署启动", "start": "2021-03-01", "end": "2021-04-30",
                                     "nmae": 1}]), "是否应为 'name'"),
        (lambda d: d["tasks"][0].update(id="T" + "1" * 5000), "not a task of the plan|不是"),
    ])
    def test_json(self, tmp_path: Path, change: object, message: str) -> None:
        """Each hostile JSON plan ends in one PlanFileError (or plan error) naming the value."""
        path = tmp_path / "plan.json"
        ft.save_plan(ft.load_plan(self._toml(tmp_path)), path)
        doc = json.loads(path.read_text(encoding="utf-8"))
        change(doc)  # type: ignore[operator]
        path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        with pytest.raises(ft.FazhiTasksError, match=message):
            ft.load_plan(path)

    def _toml(self, tmp_path: Path) -> Path:
        path = tmp_path / "seed.toml"
        path.write_text(TOML, encoding="utf-8")
        return path

    def test_json_huge_integer(self, tmp_path: Path) -> None:
        """An integer past Python's 4,300-digit limit is refused, not a ValueError traceback."""
        path = tmp_path / "plan.json"
        path.write_text('{"name": "x", "stages": ' + "9" * 5000 + "}", encoding="utf-8")
        with pytest.raises(ft.PlanFileError, match="数字位数过多"):
            ft.load_plan(path)

    def test_json_key_given_twice(self, tmp_path: Path) -> None:
        """A key written twice in one object would let the last win silently: refused, naming the line."""
        path = tmp_path / "plan.json"
        ft.save_plan(ft.load_plan(self._toml(tmp_path)), path)
        text = path.read_text(encoding="utf-8").replace('"title": "制定方案"', '"title": "制定方案", "title": "另一个"')
        path.write_text(text, encoding="utf-8")
        with pytest.raises(ft.PlanFileError, match=r"第\d+行：字段 'title' 在同一对象中出现了两次"):
            ft.load_plan(path)

    def test_json_deep_nesting(self, tmp_path: Path) -> None:
        """Deep nesting is refused as such."""
        path = tmp_path / "plan.json"
        path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
        with pytest.raises(ft.PlanFileError, match="嵌套层数过多"):
            ft.load_plan(path)

    def test_long_ids_sort(self) -> None:
        """Ids with digit runs past int()'s limit still sort, by value."""
        from fazhi_tasks.model.values import id_sort_key

        ids = ["T" + "1" * 5000, "T9", "T" + "0" * 4999 + "7", "T" + "2" * 4500]
        assert ["T" + "0" * 4999 + "7", "T9", "T" + "2" * 4500, "T" + "1" * 5000] == sorted(ids, key=id_sort_key)
