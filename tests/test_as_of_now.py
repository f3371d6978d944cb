"""Every command, as of now and every month-end to 2028: plans built relative to the run date, not the 2021 sample.

A plan made this year runs into next year, and the official holiday data ends on 2026-12-31 (until the State
Council publishes 2027 and ``chinese-calendar`` follows). Each run builds a plan around its date — stages that
span two calendar years, deadlines before and after the last official day, a ledger of updates — and runs
every command on it. Every run must exit 0; the note that dates were counted Monday to Friday must be there
exactly when a date fell past the data. The oracle for "fell past the data" is independent of the note: the
same command with ``--beyond error`` fails with the calendar's coverage error exactly then.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import fazhi_tasks as ft
from fazhi_tasks.cli import main

D = dt.date
NOTE = "按周一至周五推算"
NOTE_EN = "counted Monday to Friday"
BUREAU = "某市应急管理局"

#: An illustrative 2027 schedule (the real notice is copied into such a file when it is published).
SCHEDULE_2027 = """\
[calendar.2027]
source = "示例：2027年节假日安排"
holidays = ["2027-01-01..2027-01-03", "2027-02-06..2027-02-12", "2027-04-05", "2027-05-01..2027-05-05",
            "2027-06-09..2027-06-11", "2027-09-15..2027-09-17", "2027-10-01..2027-10-07"]
workdays = [2027-02-14, 2027-02-20, 2027-04-25, 2027-05-08, 2027-09-18, 2027-10-09]
"""


def month_ends(first: D, last: D) -> list[D]:
    """The last day of every month from ``first``'s to ``last``'s."""
    ends, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        nxt = D(year + month // 12, month % 12 + 1, 1)
        ends.append(nxt - dt.timedelta(days=1))
        year, month = nxt.year, nxt.month
    return ends


MONTH_ENDS = month_ends(D(2026, 11, 1), D(2028, 12, 1))


def beijing_today() -> D:
    from fazhi_tasks.cli.options import beijing_today as today

    return today()


def plan_around(day: D) -> ft.Plan:
    """A plan whose stages span two calendar years around ``day``: overdue, blocked, due-soon, future and
    ongoing tasks, deadlines before and after the year's end."""
    stages = [ft.Stage(1, "部署启动", day - dt.timedelta(days=200), day - dt.timedelta(days=40)),
              ft.Stage(2, "整改提升", day - dt.timedelta(days=39), day + dt.timedelta(days=120)),
              ft.Stage(3, "巩固验收", day + dt.timedelta(days=121), day + dt.timedelta(days=400))]

    def at(n: int) -> D:
        return day + dt.timedelta(days=n)

    tasks = [
        ft.Task("T01", "制定实施方案", "政策法规处", 1, at(-150)),
        ft.Task("T02", "明确处室分工", "办公室", 1, at(-120), prerequisites=["T01"]),
        ft.Task("T03", "开展对标自查", "执法监督处", 1, at(-60), prerequisites=["T02"], effort=10),
        ft.Task("T04", "修订法制审核制度", "政策法规处", 2, at(-20), prerequisites=["T03"]),
        ft.Task("T05", "整改执法案卷问题", "执法监督处", 2, at(2), prerequisites=["T04"]),
        ft.Task("T06", "编制普法责任清单", "宣传教育处", 2, at(4), supporting=["政策法规处"]),
        ft.Task("T07", "完善合法性审查机制", "政策法规处", 2, at(35)),
        ft.Task("T08", "建设法治宣传阵地", "宣传教育处", 2, at(90), prerequisites=["T06"]),
        ft.Task("T09", "开展模拟考评", "办公室", 3, at(200), prerequisites=["T07", "T08"], effort=20),
        ft.Task("T10", "迎接实地核查", "办公室", 3, at(380), prerequisites=["T09"]),
        ft.Task("T11", "落实谁执法谁普法", "宣传教育处", 2, None),
        ft.Task("T12", "清理规范性文件", "政策法规处", 1, at(-100)),
    ]
    divisions = ["政策法规处", "办公室", "执法监督处", "宣传教育处"]
    return ft.Plan(name="本局示范创建计划", stages=stages, divisions=divisions, tasks=tasks)


def updates_around(day: D) -> list[ft.Update]:
    """Progress up to ``day``: done, done late, in progress, suspended; T04 and T05 left behind."""
    def at(n: int) -> D:
        return day + dt.timedelta(days=n)

    return [
        ft.Update("T01", "已完成", at(-152), percent=100, by="政策法规处"),
        ft.Update("T02", "推进中", at(-130), percent=40),
        ft.Update("T02", "已完成", at(-110), percent=100),  # done late
        ft.Update("T03", "推进中", at(-70), percent=50),
        ft.Update("T12", "已完成", at(-101)),
        ft.Update("T06", "推进中", at(-10), percent=80),
        ft.Update("T07", "推进中", at(-3), percent=20),
        ft.Update("T11", "已暂缓", at(-5), note="因机构调整暂缓"),
        ft.Update("T04", "推进中", at(-1), percent=10),
    ]


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def workspace(folder: Path, day: D, with_2027: bool) -> dict[str, str]:
    """Plan, ledger, progress sheet, a plans folder for the rollup and the 2027 file, all made for ``day``."""
    plan = plan_around(day)
    paths = {"plan": str(folder / "plan.toml"), "ledger": str(folder / "progress.db"),
             "plans": str(folder / "plans"), "sheet": str(folder / "进展报送.xlsx")}
    ft.save_plan(plan, paths["plan"])
    (folder / "plans").mkdir()
    ft.save_plan(plan, folder / "plans" / f"{BUREAU}.toml")
    with ft.Ledger(paths["ledger"], plan=plan, bureau=BUREAU) as ledger:
        ledger.record_many(updates_around(day))
    ft.write_progress_template(plan, Path(paths["sheet"]), division="政策法规处")
    if with_2027:
        paths["calendar"] = str(folder / "2027节假日.toml")
        Path(paths["calendar"]).write_text(SCHEDULE_2027, encoding="utf-8")
    return paths


def report_runs(paths: dict[str, str], day: D) -> list[tuple[str, list[str]]]:
    """(name, argv) of each report run, as of ``day``; each takes --beyond and --calendar."""
    plan, ledger = ["--plan", paths["plan"]], ["--ledger", paths["ledger"], "--bureau", BUREAU]
    iso = day.isoformat()
    runs = [(f"weekly-{fmt}", ["weekly", *plan, *ledger, "--week-ending", iso, "--format", fmt,
                               *(["-o", str(Path(paths["plan"]).with_name(f"weekly.{fmt}"))]
                                 if fmt in ("xlsx", "docx") else [])])
            for fmt in ("text", "markdown", "html", "json", "xlsx", "docx")]
    runs += [
        ("notices", ["notices", *plan, *ledger, "--as-of", iso, "-o", str(Path(paths["plan"]).with_name("n.docx"))]),
        ("forecast", ["forecast", *plan, *ledger, "--as-of", iso]),
        ("rectify", ["rectify", *plan, *ledger, "--as-of", iso, "--by-division"]),
        ("shortfalls", ["shortfalls", *plan, *ledger, "--as-of", iso]),
        ("check", ["check", *plan, "--as-of", iso]),
        ("order", ["order", *plan]),
        ("rollup", ["rollup", "--url", paths["ledger"], "--plans", paths["plans"], "--as-of", iso]),
    ]
    if "calendar" in paths:
        runs = [(name, [*argv, "--calendar", paths["calendar"]]) for name, argv in runs]
    return runs


def noted(name: str, argv: list[str], out: str) -> bool:
    """Whether the run's output says that dates were counted Monday to Friday."""
    if name.startswith(("weekly-xlsx", "weekly-docx", "notices")):
        target = argv[argv.index("-o") + 1]
        if target.endswith(".docx"):
            import docx

            return any(NOTE in p.text for p in docx.Document(target).paragraphs)
        import openpyxl

        book = openpyxl.load_workbook(target, read_only=True)
        return any(NOTE in str(c) for ws in book for row in ws.iter_rows(values_only=True) for c in row if c)
    if name == "weekly-json":
        return any(NOTE in n for n in json.loads(out)["notes"])
    return NOTE in out


def check_every_command(folder: Path, day: D, with_2027: bool) -> None:
    """Run every command as of ``day``: exit 0, and the note exactly when ``--beyond error`` fails."""
    paths = workspace(folder, day, with_2027)
    for name, argv in report_runs(paths, day):
        code, out, err = run(*argv)
        assert (0, "") == (code, err), (name, err)
        strict = [a for a in argv if a not in ("--format",)]
        if "-o" in strict:  # the oracle needs no file: the text report computes the same dates
            i = strict.index("-o")
            del strict[i:i + 2]
        if "--format" in argv:
            i = strict.index(argv[argv.index("--format") + 1])
            del strict[i]
        strict_code, _, strict_err = run(*strict, "--beyond", "error") if name != "notices" else run(
            *argv, "--beyond", "error")
        beyond = strict_code == 2 and "节假日" in strict_err
        assert strict_code in (0, 2), (name, strict_err)
        assert beyond or strict_code == 0, (name, strict_err)
        assert beyond == noted(name, argv, out), (name, day, with_2027, strict_err)
    calendar = ["--calendar", paths["calendar"]] if with_2027 else []
    plan, ledger = ["--plan", paths["plan"]], ["--ledger", paths["ledger"], "--bureau", BUREAU]
    today = ["--today", day.isoformat()]
    for argv in (
        ["record", "T05", "推进中", "--percent", "30", *plan, *ledger, *today],
        ["import", paths["sheet"], *plan, *ledger, "--as-of", day.isoformat()],
        ["export", *plan, "-o", str(folder / "导出.xlsx")],
        ["export", "--progress-template", "--division", "办公室", *plan, *ledger, *today, "-o",
         str(folder / "报送.xlsx")],
        ["calendar", "--year", str(day.year), "--beyond", "weekdays", *calendar],
        ["calendar", "--year", "2026"],
    ):
        code, _, err = run(*argv)
        assert (0, "") == (code, err), (argv, err)


class TestAsOfNow:
    def test_today(self, tmp_path: Path) -> None:
        """Every command runs as of today's real date in Beijing, with and without a 2027 schedule."""
        day = beijing_today()
        for with_2027 in (False, True):
            folder = tmp_path / str(with_2027)
            folder.mkdir()
            check_every_command(folder, day, with_2027)

    @settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(day=st.sampled_from(MONTH_ENDS), with_2027=st.booleans())
    def test_month_ends(self, tmp_path_factory: pytest.TempPathFactory, day: D, with_2027: bool) -> None:
        """A few month-ends from 2026-11 to 2028-12, picked by hypothesis (`make test-dates` runs them all)."""
        check_every_command(tmp_path_factory.mktemp("run"), day, with_2027)

    @pytest.mark.slow
    @pytest.mark.parametrize("with_2027", [False, True], ids=["built-in", "with-2027"])
    @pytest.mark.parametrize("day", MONTH_ENDS, ids=str)
    def test_every_month_end(self, tmp_path: Path, day: D, with_2027: bool) -> None:
        """Every month-end from 2026-11 to 2028-12, with and without a supplied 2027 schedule."""
        check_every_command(tmp_path, day, with_2027)

    def test_the_note_names_the_year(self, tmp_path: Path) -> None:
        """The note says which year is counted Monday to Friday, once; with 2027 supplied it moves to 2028."""
        paths = workspace(tmp_path, D(2027, 6, 30), with_2027=True)
        base = ["weekly", "--plan", paths["plan"], "--ledger", paths["ledger"], "--bureau", BUREAU,
                "--week-ending", "2027-06-25"]
        _, out, _ = run(*base)
        assert 1 == out.count(NOTE) and "2027年及以后的日期按周一至周五推算" in out
        _, out, _ = run(*base, "--calendar", paths["calendar"])
        assert "2028年及以后的日期按周一至周五推算" in out and "2027年及以后" not in out
        _, out, _ = run(*base, "--lang", "en")
        assert NOTE_EN in out and "2027" in out

    def test_a_report_within_the_data_has_no_note(self, tmp_path: Path) -> None:
        """A 2021 report, all inside the data, says nothing about the fallback."""
        code, out, _ = run("weekly", "--week-ending", "2021-06-25")
        assert 0 == code and NOTE not in out


class TestCalendarCoverage:
    def test_the_error_names_a_date_not_a_counter(self) -> None:
        """Asked to be exact past the data, the error carries the date it would have reached."""
        cal = ft.WorkCalendar()
        with pytest.raises(ft.CalendarCoverageError) as caught:
            cal.from_workday_number(cal.workday_number(D(2026, 12, 31)) + 6)
        assert D(2027, 1, 8) == caught.value.date
        assert "第" not in str(caught.value) and "2027年1月8日" in str(caught.value)

    def test_derived_dates_count_weekdays_by_default(self) -> None:
        """find_shortfalls, rectification_list, forecast and weekly_report go past the data and say where."""
        day = D(2026, 12, 20)
        plan, history = plan_around(day), updates_around(day)
        statuses = ft.statuses_as_of(history, day)
        items = ft.rectification_list(plan, statuses, day)
        assert items[0].time_limit > D(2026, 12, 31)
        assert D(2027, 1, 1) == items.calendar_fallback.first  # type: ignore[union-attr]
        fc = ft.forecast(plan, statuses, day)
        assert 2027 == fc.calendar_fallback.year  # type: ignore[union-attr]
        report = ft.weekly_report(plan, history, D(2026, 12, 18))
        assert any(n.key == "note.weekdays" for n in report.notes)
        assert 1 == report.to_text().count(NOTE)

    def test_a_bare_calendar_stays_exact(self) -> None:
        """WorkCalendar() answers only from data; beyond it, the error says what to supply."""
        with pytest.raises(ft.CalendarCoverageError, match=r"\[calendar\.2027\]"):
            ft.WorkCalendar().add_workdays(D(2026, 12, 30), 5)

    def test_calendar_command_without_data_is_an_error(self) -> None:
        """`calendar --year 2028` without data is refused, naming the year to supply first."""
        code, _, err = run("calendar", "--year", "2028")
        assert 2 == code and "2028年没有官方节假日数据" in err and "[calendar.2027]" in err
        code, out, _ = run("calendar", "--year", "2028", "--beyond", "weekdays")
        assert 0 == code and "按周一至周五" in out


class TestToday:
    def test_the_command_line_takes_beijing_today(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """At 01:00 on 12-03 in Beijing a UTC server still says 12-02: the CLI takes 12-03."""
        from fazhi_tasks.cli import options

        class Clock(dt.datetime):
            @classmethod
            def now(cls, tz: dt.tzinfo | None = None) -> Clock:
                utc = dt.datetime(2026, 12, 2, 17, 0, tzinfo=dt.UTC)
                moment = utc.astimezone(tz) if tz is not None else utc.replace(tzinfo=None)
                return cls(*moment.timetuple()[:6], tzinfo=moment.tzinfo)

        monkeypatch.setattr(dt, "datetime", Clock)
        assert D(2026, 12, 3) == options.beijing_today()

    def test_a_sheet_dated_today_is_accepted(self, tmp_path: Path) -> None:
        """A progress row dated today (in Beijing) imports; tomorrow is refused without "check the year"."""
        plan = plan_around(beijing_today())
        ft.save_plan(plan, tmp_path / "plan.toml")
        today = beijing_today()
        sheet = tmp_path / "updates.csv"
        sheet.write_text(f"编号,状态,报送日期\nT05,推进中,{today.isoformat()}\n", encoding="utf-8")
        code, _, err = run("import", str(sheet), "--plan", str(tmp_path / "plan.toml"), "--ledger",
                           str(tmp_path / "p.db"))
        assert (0, "") == (code, err)
        sheet.write_text(f"编号,状态,报送日期\nT05,推进中,{(today + dt.timedelta(days=1)).isoformat()}\n",
                         encoding="utf-8")
        code, _, err = run("import", str(sheet), "--plan", str(tmp_path / "plan.toml"), "--ledger",
                           str(tmp_path / "p.db"))
        assert 2 == code and "晚于统计日期" in err and "核对年份" not in err

    def test_check_the_year_only_for_a_year_typo(self, tmp_path: Path) -> None:
        """2027-03-01 on a 2026-12-03 run is a year typo: "请核对年份"."""
        plan = plan_around(D(2026, 12, 3))
        sheet = tmp_path / "updates.csv"
        sheet.write_text("编号,状态,报送日期\nT05,推进中,2027-03-01\n", encoding="utf-8")
        with pytest.raises(ft.UpdateFileError, match="请核对年份"):
            ft.import_updates(sheet, plan=plan, as_of=D(2026, 12, 3))


class TestFirstWeek:
    def test_ledger_init_creates_an_empty_sqlite_ledger(self, tmp_path: Path) -> None:
        """`ledger init --ledger FILE` makes the file; again leaves it alone."""
        path = tmp_path / "progress.db"
        code, out, _ = run("ledger", "init", "--ledger", str(path))
        assert 0 == code and path.exists() and "已新建空账本" in out
        code, out, _ = run("ledger", "init", "--ledger", str(path))
        assert 0 == code and "账本已存在" in out
        with ft.Ledger(path) as ledger:
            assert 0 == len(ledger)

    def test_a_missing_ledger_says_how_to_make_one(self, tmp_path: Path) -> None:
        """weekly --ledger on a missing file refuses, naming the command that creates it."""
        path = tmp_path / "progress.db"
        code, _, err = run("weekly", "--ledger", str(path))
        assert 2 == code and f"fazhi-tasks ledger init --ledger {path}" in err

    def test_an_empty_ledger_is_said(self, tmp_path: Path) -> None:
        """A report on a ledger with nothing for the plan says so instead of a bare 未启动."""
        path = tmp_path / "progress.db"
        run("ledger", "init", "--ledger", str(path))
        code, out, _ = run("weekly", "--ledger", str(path), "--week-ending", "2021-06-25")
        assert 0 == code and "账本中没有本计划的进展记录" in out
        code, out, _ = run("weekly", "--week-ending", "2021-06-25")
        assert "账本中没有本计划的进展记录" not in out
