"""Plan files: TOML and JSON round trips, and errors that name file, line, field and value."""

from __future__ import annotations

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
        with pytest.raises(ft.PlanFileError, match=r"plan\.toml, line 19") as info:
            ft.load_plan(path)
        assert 19 == info.value.line

    def test_bad_deadline_names_line_field_and_value(self, tmp_path: Path) -> None:
        """A deadline that is no date names the line of the field and the value."""
        path = tmp_path / "plan.toml"
        path.write_text(TOML.replace('"4月底前"', '"2021-13-01"'), encoding="utf-8")
        with pytest.raises(ft.PlanFileError) as info:
            ft.load_plan(path)
        assert "plan.toml, line 22, task T2, field deadline: '2021-13-01' is not a date" in str(info.value)
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
        with pytest.raises(ft.DependencyCycleError, match=r"^plan\.toml.*cycle"):
            ft.load_plan(path)

    def test_unknown_division_in_file(self, tmp_path: Path) -> None:
        """An unknown division names the file and line and suggests the near miss."""
        path = tmp_path / "plan.toml"
        path.write_text(TOML.replace('division = "办公室"', 'division = "政策法规科"'), encoding="utf-8")
        with pytest.raises(ft.UnknownReferenceError, match=r"plan\.toml, line 20.*did you mean '政策法规处'"):
            ft.load_plan(path)

    def test_json_syntax_error(self, tmp_path: Path) -> None:
        """Broken JSON names line and column."""
        path = tmp_path / "plan.json"
        path.write_text('{"name": "x",\n "stages": [}', encoding="utf-8")
        with pytest.raises(ft.PlanFileError, match=r"plan\.json, line 2, column"):
            ft.load_plan(path)

    def test_json_field_error_names_line(self, tmp_path: Path) -> None:
        """A bad value in JSON names the line of its field."""
        path = tmp_path / "plan.json"
        ft.save_plan(small_plan(), path)
        doc = json.loads(path.read_text(encoding="utf-8"))
        doc["tasks"][2]["effort"] = "many"
        path.write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")
        with pytest.raises(ft.PlanFileError, match=r"plan\.json, line \d+, task C, field effort: 'many'"):
            ft.load_plan(path)

    def test_missing_file(self, tmp_path: Path) -> None:
        """A missing file is a PlanFileError, not an OSError traceback."""
        with pytest.raises(ft.PlanFileError, match="cannot read"):
            ft.load_plan(tmp_path / "none.toml")

    def test_unknown_suffix(self, tmp_path: Path) -> None:
        """Only known suffixes are read."""
        with pytest.raises(ft.PlanFileError, match=r"unknown plan file type '\.yaml'"):
            ft.load_plan(tmp_path / "plan.yaml")

    def test_not_utf8(self, tmp_path: Path) -> None:
        """A TOML file in GBK names the byte offset."""
        path = tmp_path / "plan.toml"
        path.write_bytes(TOML.encode("gbk"))
        with pytest.raises(ft.PlanFileError, match="byte offset"):
            ft.load_plan(path)


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
