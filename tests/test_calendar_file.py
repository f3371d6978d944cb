"""Supplied official schedules ([calendar.2027]) and the record of dates counted Monday–Friday."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import fazhi_tasks as ft

from .conftest import small_plan

D = dt.date

#: An illustrative 2027 schedule in the State Council's shape (the real one is published late in 2026).
YEAR_2027 = """\
[calendar.2027]
source = "示例：2027年部分节假日安排"
holidays = ["2027-01-01..2027-01-03", "2027-02-06至2027-02-13", 2027-04-05, "2027-05-01..2027-05-05",
            "2027-06-09..2027-06-11", "2027-09-15..2027-09-17", "2027-10-01..2027-10-07"]
workdays = [2027-02-14, 2027-02-20, 2027-04-25, 2027-09-26, 2027-10-09]
"""


@pytest.fixture
def year_file(tmp_path: Path) -> Path:
    path = tmp_path / "2027.toml"
    path.write_text(YEAR_2027, encoding="utf-8")
    return path


class TestYearSchedule:
    def test_a_supplied_year_is_covered(self, year_file: Path) -> None:
        """Once given, 2027 is counted like official data: no coverage error, no fallback."""
        cal = ft.WorkCalendar(years=ft.load_calendar(year_file))
        assert (False, True, False) == (cal.is_workday(D(2027, 2, 8)), cal.is_workday(D(2027, 2, 14)),
                                        cal.is_workday(D(2027, 2, 13)))
        assert (D(2004, 1, 1), D(2027, 12, 31)) == cal.official_range
        assert cal.is_official(D(2027, 6, 1)) and not cal.used_fallback

    def test_counting_across_new_year(self, year_file: Path) -> None:
        """Working days from late 2026 into 2027 skip the supplied New Year holiday."""
        cal = ft.WorkCalendar(years=ft.load_calendar(year_file))
        assert D(2027, 1, 5) == cal.add_workdays(D(2026, 12, 30), 3)

    def test_the_year_after_is_still_refused(self, year_file: Path) -> None:
        """2028 stays beyond the data."""
        with pytest.raises(ft.CalendarCoverageError, match=r"\[calendar\.2028\]"):
            ft.WorkCalendar(years=ft.load_calendar(year_file)).is_workday(D(2028, 3, 1))

    def test_a_gap_is_refused(self) -> None:
        """2029 without 2028 cannot join the data."""
        with pytest.raises(ft.PlanError, match="缺少2027年"):
            ft.WorkCalendar(years=[ft.YearSchedule(2028, [D(2028, 1, 1)])])

    def test_disagreeing_with_the_package_is_refused(self) -> None:
        """A supplied 2026 that differs from chinese-calendar names the first differing day."""
        with pytest.raises(ft.PlanError, match="2026-01-02 在官方数据中是休息日"):
            ft.WorkCalendar(years=[ft.YearSchedule(2026, [D(2026, 1, 1)])])

    @pytest.mark.parametrize(("holidays", "workdays", "message"), [
        ([], [], "没有任何放假日期"),
        ([D(2027, 1, 1)], [D(2027, 1, 4)], "星期一"),
        ([D(2026, 12, 31)], [], "不是2027年的日期"),
        ([D(2027, 1, 2)], [D(2027, 1, 2)], "既在放假日期"),
    ])
    def test_bad_schedules(self, holidays: list[dt.date], workdays: list[dt.date], message: str) -> None:
        """Empty schedules, weekday make-up days, days of another year and contradictions are refused."""
        with pytest.raises(ft.PlanError, match=message):
            ft.YearSchedule(2027, holidays, workdays)

    def test_the_same_year_twice_is_refused(self) -> None:
        """Two schedules for one year are ambiguous."""
        year = ft.YearSchedule(2027, [D(2027, 1, 1)])
        with pytest.raises(ft.PlanError, match="提供了两次"):
            ft.WorkCalendar(years=[year, year])


class TestCalendarFile:
    @pytest.mark.parametrize(("text", "message"), [
        ('[calendar.2027]\nholidays = ["2027-02-30"]\n', r"2027\.toml，第1行：.*'2027-02-30' 不是日期"),
        ('[calendar.2027]\nholidays = ["2027-01-01..2027-03-01"]\n', "最多31天"),
        ('[calendar.2027]\n\"放假\" = [2027-01-01]\n', "是否应为 'holidays'"),
        ("[calendar.27]\nholidays = [2027-01-01]\n", "不是年份"),
        ("[calendar.2027]\nholidays = 5\n", "应为日期列表"),
        ("holidays = [2027-01-01]\n", r"\[calendar\.2027\]"),
        ("[calendar.2027\n", "不是有效的 TOML"),
    ])
    def test_errors_name_file_line_and_value(self, tmp_path: Path, text: str, message: str) -> None:
        """Each bad schedule file gets one CalendarFileError saying what to write."""
        path = tmp_path / "2027.toml"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(ft.CalendarFileError, match=message):
            ft.load_calendar(path)

    def test_json(self, tmp_path: Path) -> None:
        """The same table in JSON."""
        path = tmp_path / "2027.json"
        path.write_text('{"calendar": {"2027": {"holidays": ["2027-01-01"], "workdays": []}}}', encoding="utf-8")
        assert (ft.YearSchedule(2027, [D(2027, 1, 1)], source=str(path)),) == ft.load_calendar(path)

    def test_in_a_plan_file_and_back(self, tmp_path: Path, year_file: Path) -> None:
        """A plan carries its supplied years through TOML and JSON, and its calendar uses them."""
        plan = small_plan(calendar_years=ft.load_calendar(year_file))
        for suffix in (".toml", ".json"):
            path = tmp_path / f"plan{suffix}"
            ft.save_plan(plan, path)
            again = ft.load_plan(path)
            assert plan == again
            assert not ft.WorkCalendar.for_plan(again).is_workday(D(2027, 10, 4))

    def test_sheets_refuse_to_drop_them(self, tmp_path: Path, year_file: Path) -> None:
        """CSV/XLSX task sheets cannot hold a schedule: saving says so instead of losing it."""
        plan = small_plan(calendar_years=ft.load_calendar(year_file))
        with pytest.raises(ft.PlanFileError, match="不保存节假日安排"):
            ft.save_plan(plan, tmp_path / "plan.xlsx")

    def test_a_bad_year_in_a_plan(self, tmp_path: Path) -> None:
        """A bad schedule inside a plan file is a PlanFileError naming the calendar field."""
        path = tmp_path / "plan.toml"
        ft.save_plan(small_plan(), path)
        path.write_text(path.read_text(encoding="utf-8") + '\n[calendar.2027]\nholidays = ["元旦"]\n',
                        encoding="utf-8")
        with pytest.raises(ft.PlanFileError, match="字段 calendar：2027年的 holidays：'元旦' 不是日期"):
            ft.load_plan(path)


class TestFallbackLog:
    def test_nothing_fell_back_inside_the_data(self) -> None:
        """Queries inside the data leave the log empty."""
        cal = ft.WorkCalendar(beyond="weekdays")
        cal.workdays_between(D(2026, 1, 5), D(2026, 12, 31))
        assert (False, ()) == (cal.used_fallback, cal.fallback_dates)

    def test_a_count_across_the_end_notes_the_first_day_beyond(self) -> None:
        """Counting into 2027 records 2027-01-01, the first day counted Monday–Friday."""
        cal = ft.WorkCalendar(beyond="weekdays")
        assert D(2027, 1, 5) == cal.add_workdays(D(2026, 12, 30), 4)
        assert D(2027, 1, 1) == cal.fallback_dates[0]

    def test_a_single_day(self) -> None:
        """Asking about one day past the data records that day."""
        cal = ft.WorkCalendar(beyond="weekdays")
        cal.is_workday(D(2027, 3, 1))
        assert (D(2027, 3, 1),) == cal.fallback_dates

    def test_a_copy_starts_empty(self) -> None:
        """copy() gives one report its own log."""
        cal = ft.WorkCalendar(beyond="weekdays")
        cal.is_workday(D(2027, 3, 1))
        assert (True, False) == (cal.used_fallback, cal.copy().used_fallback)

    def test_a_supplied_year_is_not_a_fallback(self, year_file: Path) -> None:
        """With 2027 supplied, counting into 2027 falls back nowhere."""
        cal = ft.WorkCalendar(beyond="weekdays", years=ft.load_calendar(year_file))
        cal.workdays_between(D(2026, 12, 1), D(2027, 12, 31))
        assert not cal.used_fallback


class TestDescribeYear:
    def test_official(self) -> None:
        """2026 comes from the package, with its make-up days and per-month counts."""
        info = ft.WorkCalendar().describe_year(2026)
        assert ("official", D(2026, 1, 4), 12) == (info.source, info.workdays[0], len(info.monthly))
        assert sum(info.monthly) == ft.WorkCalendar().workdays_between(D(2025, 12, 31), D(2026, 12, 31))

    def test_supplied(self, year_file: Path) -> None:
        """2027 from a file names the file's source and groups the holidays into runs."""
        info = ft.WorkCalendar(years=ft.load_calendar(year_file)).describe_year(2027)
        assert ("supplied", "示例：2027年部分节假日安排") == (info.source, info.origin)
        assert (D(2027, 1, 1), D(2027, 1, 3)) == info.holiday_spans[0]

    def test_unknown(self) -> None:
        """Without data: 'none' (no counts) unless Monday–Friday is allowed ('fallback', counts)."""
        assert ("none", ()) == (ft.WorkCalendar().describe_year(2027).source,
                                ft.WorkCalendar().describe_year(2027).monthly)
        fallback = ft.WorkCalendar(beyond="weekdays").describe_year(2027)
        assert ("fallback", 261) == (fallback.source, sum(fallback.monthly))
