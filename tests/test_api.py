"""The embedding API: render any result to str or bytes, JSON with a schema, bytes in, codes on errors, threads."""

from __future__ import annotations

import datetime as dt
import gc
import io
import json
import re
import threading
import zipfile
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import fazhi_tasks as ft
from fazhi_tasks.cli import main

from .conftest import small_plan

D = dt.date
WEEK = D(2021, 6, 25)
TEXT_FORMATS = ("text", "markdown", "html", "json")
BINARY_FORMATS = ("xlsx", "docx")


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def schema(kind: str) -> dict[str, Any]:
    text = resources.files("fazhi_tasks").joinpath("data", "schemas", f"{kind}.schema.json").read_text("utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


def validate(data: dict[str, Any]) -> None:
    jsonschema.validate(data, schema(data["kind"]), format_checker=jsonschema.FormatChecker())


@pytest.fixture(scope="module")
def results(sample: ft.Plan, sample_history: list[ft.Update]) -> dict[str, Any]:
    statuses = ft.statuses_as_of(sample_history, WEEK)
    with ft.Ledger(":memory:", bureau="应急局") as ledger:
        ledger.record_many(sample_history)
        city = ft.rollup(ledger, {"应急局": sample}, WEEK)
    return {
        "weekly": ft.weekly_report(sample, sample_history, WEEK),
        "shortfalls": ft.find_shortfalls(sample, statuses, WEEK),
        "rectification": ft.rectification_list(sample, statuses, WEEK),
        "forecast": ft.forecast(sample, statuses, WEEK),
        "rollup": city,
        "check": ft.check_plan(sample),
    }


KINDS = ("weekly", "shortfalls", "rectification", "forecast", "rollup", "check")


class TestRender:
    @pytest.mark.parametrize("kind", KINDS)
    def test_text_formats_are_str_binary_are_bytes(self, results: dict[str, Any], kind: str) -> None:
        result = results[kind]
        for fmt in TEXT_FORMATS:
            assert isinstance(ft.render(result, fmt), str)
        xlsx = ft.render(result, "xlsx")
        assert isinstance(xlsx, bytes)
        assert "xl/workbook.xml" in zipfile.ZipFile(io.BytesIO(xlsx)).namelist()
        docx = ft.render(result, "docx")
        assert isinstance(docx, bytes)
        assert "word/document.xml" in zipfile.ZipFile(io.BytesIO(docx)).namelist()

    @pytest.mark.parametrize("kind", KINDS)
    def test_every_result_has_to_dict_with_version_and_kind(self, results: dict[str, Any], kind: str) -> None:
        data = results[kind].to_dict()
        assert (1, kind) == (data["schema_version"], data["kind"])
        assert data == json.loads(ft.render(results[kind], "json"))  # type: ignore[arg-type]
        validate(data)

    def test_path_writes_the_file_and_returns_it(self, results: dict[str, Any], tmp_path: Path) -> None:
        target = tmp_path / "清单.xlsx"
        assert target == ft.render(results["rectification"], "xlsx", path=target)
        assert target.read_bytes()[:2] == b"PK"

    def test_codes_are_english_with_labels_beside(self, results: dict[str, Any]) -> None:
        data = results["weekly"].to_dict()
        first = data["overdue"][0]
        assert ("in_progress", "推进中", "overdue", "red", "红") == (
            first["status"], first["status_label"], first["kind"], data["rectification"][0]["level"],
            data["rectification"][0]["level_label"])
        assert {"number": 1, "name": "部署启动", "start": "2020-09-01", "end": "2020-10-31"} == (
            data["stages"][0]["stage"])
        assert data["forecast"]["entries"], "the weekly JSON carries its forecast"
        assert "in_progress" == results["weekly"].to_dict("en")["overdue"][0]["status"]
        assert "in progress" == results["weekly"].to_dict("en")["overdue"][0]["status_label"]

    def test_an_unknown_result_is_an_argument_error(self) -> None:
        with pytest.raises(ft.ArgumentError) as caught:
            ft.render([1, 2], "text")
        assert 400 == caught.value.status

    @pytest.mark.parametrize("lang", ["zh", "zh-CN", "zh-Hans", "ZH-cn", "zh_CN"])
    def test_chinese_tags(self, results: dict[str, Any], lang: str) -> None:
        assert ft.render(results["shortfalls"], "text", lang=lang) == ft.render(results["shortfalls"], "text")

    @pytest.mark.parametrize("lang", ["en", "en-US", "EN-us"])
    def test_english_tags(self, results: dict[str, Any], lang: str) -> None:
        assert ft.render(results["shortfalls"], "text", lang=lang) == ft.render(results["shortfalls"], "text",
                                                                                 lang="en")

    @pytest.mark.parametrize("lang", ["fr", "", "zh-TW-x", None, 1])
    def test_other_languages_are_refused(self, results: dict[str, Any], lang: Any) -> None:
        with pytest.raises(ft.ArgumentError) as caught:
            ft.render(results["shortfalls"], "text", lang=lang)
        assert "argument.lang" == caught.value.code

    def test_the_word_report_is_never_silently_chinese(self, results: dict[str, Any], tmp_path: Path) -> None:
        with pytest.raises(ft.ArgumentError) as caught:
            ft.render(results["weekly"], "docx", lang="en")
        assert "Chinese only" in caught.value.describe("en")
        code, _, err = run("weekly", "--week-ending", "2021-06-25", "--lang", "en", "-o", str(tmp_path / "w.docx"))
        assert 2 == code
        assert "Chinese only" in err
        assert not (tmp_path / "w.docx").exists()


class TestCommandJson:
    @pytest.mark.parametrize(("argv", "kind"), [
        (("weekly", "--week-ending", "2021-06-25"), "weekly"),
        (("shortfalls", "--as-of", "2021-06-25"), "shortfalls"),
        (("rectify", "--as-of", "2021-06-25"), "rectification"),
        (("forecast", "--as-of", "2021-06-25"), "forecast"),
        (("check",), "check"),
    ])
    def test_every_command_validates_against_its_schema(self, argv: tuple[str, ...], kind: str) -> None:
        code, out, err = run(*argv, "--format", "json", "--today", "2021-06-30")
        assert (0, "") == (code, err)
        data = json.loads(out)
        assert kind == data["kind"]
        validate(data)

    def test_rollup_validates(self, tmp_path: Path) -> None:
        folder = tmp_path / "plans"
        folder.mkdir()
        ft.save_plan(small_plan(name="甲局方案"), folder / "甲局.toml")
        with ft.Ledger(tmp_path / "city.db", bureau="甲局") as ledger:
            ledger.record(ft.Update("A", "已完成", D(2021, 3, 30)))
        code, out, err = run("rollup", "--url", str(tmp_path / "city.db"), "--plans", str(folder), "--as-of",
                             "2021-04-20", "--format", "json")
        assert (0, "") == (code, err)
        validate(json.loads(out))


class TestBytesIn:
    @pytest.mark.parametrize("suffix", [".toml", ".json", ".csv", ".xlsx"])
    def test_plans_from_bytes_and_streams(self, sample: ft.Plan, tmp_path: Path, suffix: str) -> None:
        target = tmp_path / f"plan{suffix}"
        ft.save_plan(sample, target)
        data = target.read_bytes()
        from_path = ft.load_plan(target)
        from_bytes = ft.load_plan(data, name=f"本局计划{suffix}")
        assert list(from_path) == list(from_bytes)
        assert list(from_path) == list(ft.load_plan(io.BytesIO(data), name=f"本局计划{suffix}"))
        if suffix == ".csv":  # a CSV plan is named after its file
            assert "本局计划" == from_bytes.name
        assert f"本局计划{suffix}" == ft.read_plan(data, name=f"本局计划{suffix}").summary.path

    def test_updates_from_bytes(self, sample: ft.Plan, sample_history: list[ft.Update], tmp_path: Path) -> None:
        target = tmp_path / "u.xlsx"
        ft.export_updates(sample_history, target)
        assert ft.import_updates(target) == ft.import_updates(target.read_bytes(), name="进展.xlsx", plan=sample)

    def test_messages_name_the_file_not_a_temporary_folder(self, sample: ft.Plan) -> None:
        data = "任务编号,状态,报送日期\nT999,推进中,2021-06-01\nT001,做完了,2021-06-01\n".encode()
        with pytest.raises(ft.UpdateFileError) as caught:
            ft.import_updates(data, name="政策法规处进展.csv", plan=sample)
        err = caught.value
        assert "政策法规处进展.csv" == err.path
        for shown in (str(err), err.describe("en"), err.describe("zh", paths=True), *err.problems, *err.problems_en):
            assert "fazhi-upload" not in shown and "/tmp" not in shown, shown
        rows = [(p.row, p.column, p.header, p.value) for p in err.problems if p.row is not None]
        assert (2, "A", "任务编号", "T999") in rows
        assert (3, "B", "状态", "做完了") in rows
        data_form = err.to_dict()
        assert ("updates_file.invalid", 400, "政策法规处进展.csv") == (data_form["code"], data_form["status"],
                                                                   data_form["file"])

    def test_bytes_need_a_name(self) -> None:
        with pytest.raises(ft.ArgumentError):
            ft.load_plan(b"name = 'x'")

    def test_a_text_stream_is_refused_clearly(self) -> None:
        with pytest.raises(ft.ArgumentError):
            ft.load_plan(io.StringIO("name = 'x'"), name="p.toml")  # type: ignore[arg-type]


class TestErrorCodes:
    def test_missing_file_is_404_and_hides_folders(self, tmp_path: Path) -> None:
        with pytest.raises(ft.PlanFileError) as caught:
            ft.load_plan(tmp_path / "secret" / "plan.toml")
        err = caught.value
        assert ("file.not_found", 404) == (err.code, err.status)
        assert str(tmp_path) not in str(err)
        assert str(tmp_path) in err.describe("zh", paths=True)

    def test_over_a_limit_is_413(self, tmp_path: Path) -> None:
        target = tmp_path / "big.csv"
        target.write_text("id,title\n" + "T1," + "长" * 40_000 + "\n", encoding="utf-8")
        with pytest.raises(ft.PlanFileError) as caught:
            ft.load_plan(target)
        assert ("file.too_large", 413) == (caught.value.code, caught.value.status)

    def test_a_cycle_has_its_code(self) -> None:
        with pytest.raises(ft.DependencyCycleError) as caught:
            small_plan(tasks=[ft.Task("A", "a", "办公室", 1, D(2021, 3, 5), prerequisites=["B"]),
                              ft.Task("B", "b", "办公室", 1, D(2021, 3, 6), prerequisites=["A"])])
        assert ("plan.cycle", 400) == (caught.value.code, caught.value.status)

    def test_every_error_class_has_a_code_and_a_status(self) -> None:
        for name in ft.__all__:
            value = getattr(ft, name)
            if isinstance(value, type) and issubclass(value, ft.FazhiTasksError):
                assert value.default_code and 400 <= value.default_status < 600, name

    def test_a_string_for_a_date_is_an_argument_error(self, sample: ft.Plan) -> None:
        with pytest.raises(ft.ArgumentError):
            ft.statuses_as_of([], "2021-06-25")  # type: ignore[arg-type]


class TestThreads:
    def test_one_ledger_shared_by_eight_threads(self, tmp_path: Path) -> None:
        """8 threads × 50 records through one Ledger: 400 rows, no error."""
        errors: list[BaseException] = []
        with ft.Ledger(tmp_path / "shared.db") as ledger:
            def work(n: int) -> None:
                try:
                    for i in range(50):
                        ledger.record(ft.Update(f"T{n:02}{i:03}", "推进中", D(2021, 3, 1) + dt.timedelta(days=i)))
                        ledger.status_as_of(D(2021, 6, 1))
                except BaseException as exc:  # collected and asserted below
                    errors.append(exc)

            threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            assert [] == errors
            assert 400 == len(ledger)


class TestNoGlobalState:
    def test_the_collector_is_never_switched_off(self, sample: ft.Plan, sample_history: list[ft.Update],
                                                 tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        def refuse() -> None:
            raise AssertionError("gc.disable() called by the library")

        target = tmp_path / "plan.xlsx"
        ft.save_plan(sample, target)
        monkeypatch.setattr(gc, "disable", refuse)
        plan = ft.load_plan(target)
        with ft.Ledger(tmp_path / "l.db") as ledger:
            ledger.record_many(sample_history)
            report = ft.weekly_report(plan, ledger, WEEK)
        ft.forecast(plan, ft.statuses_as_of(sample_history, WEEK), WEEK)
        assert report.summary.total == len(plan)

    def test_the_caller_may_opt_in(self) -> None:
        with ft.paused_gc():
            assert not gc.isenabled()
        assert gc.isenabled()


@pytest.fixture(scope="module")
def english_plan(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("english")
    stages = [ft.Stage(1, "Launch", D(2021, 3, 1), D(2021, 4, 30)),
              ft.Stage(2, "Improve", D(2021, 5, 1), D(2021, 6, 30))]
    tasks = [ft.Task("A", "Draft plan", "Policy", 1, D(2021, 3, 31), owner="Li"),
             ft.Task("B", "Issue plan", "Office", 1, D(2021, 4, 15), prerequisites=["A"]),
             ft.Task("C", "Self check", "Enforcement", 1, D(2021, 4, 30), prerequisites=["B"],
                     supporting=["Policy"]),
             ft.Task("D", "Publicity", "Outreach", 1, D(2021, 4, 20)),
             ft.Task("E", "Rectify", "Policy", 2, D(2021, 6, 30), prerequisites=["C"]),
             ft.Task("F", "Paused", "Office", 2, D(2021, 6, 30))]
    plan = ft.Plan(name="City plan", stages=stages, divisions=["Policy", "Office", "Enforcement", "Outreach"],
                   tasks=tasks)
    ft.save_plan(plan, folder / "plan.toml")
    with ft.Ledger(folder / "progress.db") as ledger:
        ledger.record_many([ft.Update("A", "in progress", D(2021, 3, 20), percent=50, note="going"),
                            ft.Update("D", "done", D(2021, 4, 25), note="ok"),
                            ft.Update("F", "suspended", D(2021, 5, 3))])
    return folder / "plan.toml", folder / "progress.db"


class TestEnglish:
    """Every command in English shows no Chinese but the plan's own data (here all English)."""

    CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+")

    @pytest.mark.parametrize("argv", [
        ("check",), ("order",), ("shortfalls", "--as-of", "2021-05-10"), ("rectify", "--as-of", "2021-05-10"),
        ("rectify", "--as-of", "2021-05-10", "--by-division"), ("weekly", "--week-ending", "2021-05-07"),
        ("forecast", "--as-of", "2021-05-10"),
    ])
    @pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json", "xlsx"])
    def test_no_chinese(self, english_plan: tuple[Path, Path], tmp_path: Path, argv: tuple[str, ...],
                        fmt: str) -> None:
        plan, ledger = english_plan
        common = ("--plan", str(plan), "--ledger", str(ledger), "--lang", "en", "--today", "2021-05-10")
        if fmt == "xlsx":
            import openpyxl

            target = tmp_path / "out.xlsx"
            code, _, err = run(*argv, *common, "-o", str(target))
            book = openpyxl.load_workbook(target)
            cells = [str(v) for ws in book for row in ws.iter_rows(values_only=True) for v in row if v is not None]
            shown = " ".join([*(ws.title for ws in book), *cells])
        else:
            code, shown, err = run(*argv, *common, "--format", fmt)
        assert (0, "") == (code, err)
        assert [] == self.CJK.findall(shown)


class TestCancelled:
    """A task the bureau cancelled (已取消): never open, never overdue, holds nothing up, listed once."""

    @pytest.fixture
    def history(self, sample_history: list[ft.Update]) -> list[ft.Update]:
        return [*sample_history, ft.Update("T043", "已取消", WEEK, note="上级文件调整，该项任务取消")]

    def test_the_status(self) -> None:
        assert ft.Status.CANCELLED is ft.Status.parse("已取消") is ft.Status.parse("cancelled")
        assert "cancelled" == ft.Status.CANCELLED.english

    def test_never_open_never_overdue(self, sample: ft.Plan, history: list[ft.Update]) -> None:
        statuses = ft.statuses_as_of(history, WEEK)
        found = ft.find_shortfalls(sample, statuses, WEEK)
        assert ["T043"] == [t.id for t in found.cancelled]
        assert "T043" not in {s.task_id for s in found}
        assert "T043" not in {i.task_id for i in ft.rectification_list(sample, statuses, WEEK)}
        assert "T043" not in {e.task_id for e in ft.forecast(sample, statuses, WEEK)}
        blocked_by = {r for s in found.blocked for r in s.root_causes}
        assert "T043" not in blocked_by  # it held up T045 and nine more while overdue; cancelled, it holds nothing

    def test_the_weekly_report_lists_it_once(self, sample: ft.Plan, history: list[ft.Update]) -> None:
        report = ft.weekly_report(sample, history, WEEK)
        assert (1, ["T043"]) == (report.summary.cancelled, [t.id for t in report.cancelled])
        assert report.summary.rate == report.summary.done / (report.summary.total - 1)
        assert 1 == sum("T043" in line for line in report.to_text().splitlines())
        assert "T043" not in {e.task.id for e in report.resolved}  # cancelled is not 办结
        data = report.to_dict()
        assert (["T043"], 1) == ([c["task_id"] for c in data["cancelled"]], data["summary"]["cancelled"])
        validate(data)
        english = report.to_dict("en")
        assert any("cancelled" in note for note in english["notes"])
