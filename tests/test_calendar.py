"""The official working-day calendar: the dates the domain reference lists, coverage, overrides."""

from __future__ import annotations

import datetime as dt

import pytest

import fazhi_tasks as ft

D = dt.date


def days(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=k) for k in range((end - start).days + 1)]


class TestOfficialData:
    @pytest.mark.parametrize("day", [D(2021, 2, 7), D(2021, 2, 20), D(2020, 1, 19), D(2020, 4, 26),
                                     D(2020, 5, 9), D(2020, 6, 28), D(2020, 9, 27), D(2020, 10, 10), D(2021, 4, 25),
                                     D(2021, 5, 8), D(2021, 9, 18), D(2021, 9, 26), D(2021, 10, 9)])
    def test_make_up_days_are_working_days(self, day: dt.date) -> None:
        """调休 weekend days are working days."""
        assert day.weekday() >= 5
        assert ft.WorkCalendar().is_workday(day)

    @pytest.mark.parametrize(("start", "end"), [
        (D(2021, 2, 11), D(2021, 2, 17)), (D(2020, 10, 1), D(2020, 10, 8)), (D(2020, 1, 24), D(2020, 2, 2)),
        (D(2021, 10, 1), D(2021, 10, 7)), (D(2021, 5, 1), D(2021, 5, 5)), (D(2020, 6, 25), D(2020, 6, 27))])
    def test_holidays_are_not(self, start: dt.date, end: dt.date) -> None:
        """Statutory holidays, the extended 2020 Spring Festival included, are not working days."""
        cal = ft.WorkCalendar()
        assert not any(cal.is_workday(d) for d in days(start, end))

    def test_extension_of_2020_cancelled_a_make_up_day(self) -> None:
        """2020-02-01 was to be a make-up Saturday; the extended Spring Festival (to 02-02) cancelled it."""
        assert not ft.WorkCalendar().is_workday(D(2020, 2, 1))

    def test_plain_weeks(self) -> None:
        """An ordinary week has five working days."""
        assert 5 == ft.WorkCalendar().workdays_between(D(2021, 3, 7), D(2021, 3, 14))


class TestArithmetic:
    def test_add_counts_from_the_next_day(self) -> None:
        """Statutes count from the day after: one working day after Friday is Monday."""
        assert D(2021, 3, 8) == ft.WorkCalendar().add_workdays(D(2021, 3, 5), 1)

    def test_add_skips_holidays_and_uses_make_up_days(self) -> None:
        """Across National Day 2021: 09-30 + 1 is 10-08, then 10-09 (a Saturday) works."""
        cal = ft.WorkCalendar()
        assert [D(2021, 10, 8), D(2021, 10, 9), D(2021, 10, 11)] == [
            cal.add_workdays(D(2021, 9, 30), n) for n in (1, 2, 3)]

    def test_add_zero(self) -> None:
        """Adding nothing stays put."""
        assert D(2021, 10, 3) == ft.WorkCalendar().add_workdays(D(2021, 10, 3), 0)

    def test_add_negative_is_refused(self) -> None:
        """Working days are counted forward."""
        with pytest.raises(ValueError, match="不小于0"):
            ft.WorkCalendar().add_workdays(D(2021, 3, 1), -1)

    def test_between_is_half_open_and_signed(self) -> None:
        """workdays_between counts (a, b]; reversed it is negative."""
        cal = ft.WorkCalendar()
        assert (1, 0, -1) == (cal.workdays_between(D(2021, 3, 5), D(2021, 3, 8)),
                              cal.workdays_between(D(2021, 3, 6), D(2021, 3, 7)),
                              cal.workdays_between(D(2021, 3, 8), D(2021, 3, 5)))

    def test_next_workday(self) -> None:
        """A working day is its own next working day; a holiday rolls forward."""
        cal = ft.WorkCalendar()
        assert (D(2021, 3, 5), D(2021, 2, 18)) == (cal.next_workday(D(2021, 3, 5)), cal.next_workday(D(2021, 2, 11)))

    def test_subtract_is_the_inverse(self) -> None:
        """The latest finish that leaves n working days before a date."""
        cal = ft.WorkCalendar()
        assert D(2021, 9, 30) == cal.subtract_workdays(D(2021, 10, 8), 1)
        assert D(2021, 10, 8) == cal.add_workdays(cal.subtract_workdays(D(2021, 10, 8), 1), 1)


class TestCoverage:
    def test_beyond_the_data_is_an_error(self) -> None:
        """A date past the package's data names the date and the covered range."""
        with pytest.raises(ft.CalendarCoverageError, match=(
                r"2027年3月1日 超出官方节假日数据范围（2004年1月1日 至 2026年12月31日）")) as info:
            ft.WorkCalendar().is_workday(D(2027, 3, 1))
        assert D(2027, 3, 1) == info.value.date

    def test_adding_past_the_data_is_an_error(self) -> None:
        """Counting forward off the end of the data is refused too."""
        with pytest.raises(ft.CalendarCoverageError):
            ft.WorkCalendar().add_workdays(D(2026, 12, 30), 10)

    def test_weekday_fallback_is_opt_in_and_says_so(self) -> None:
        """beyond='weekdays' counts Monday–Friday and is_official tells which days those are."""
        cal = ft.WorkCalendar(beyond="weekdays")
        assert cal.is_workday(D(2027, 3, 1)) and not cal.is_workday(D(2027, 3, 6))
        assert (False, True) == (cal.is_official(D(2027, 3, 1)), cal.is_official(D(2026, 3, 2)))

    def test_bad_beyond(self) -> None:
        """Only the two documented modes exist."""
        with pytest.raises(ValueError, match="beyond"):
            ft.WorkCalendar(beyond="guess")  # type: ignore[arg-type]


class TestOverrides:
    def test_local_holiday_and_working_day(self) -> None:
        """A provincial holiday is off; a local make-up Saturday works."""
        cal = ft.WorkCalendar(holidays=[D(2021, 3, 8)], workdays=[D(2021, 3, 13)])
        assert (False, True) == (cal.is_workday(D(2021, 3, 8)), cal.is_workday(D(2021, 3, 13)))

    def test_from_the_plan(self) -> None:
        """A plan's own local days reach the calendar."""
        from .conftest import small_plan

        cal = ft.WorkCalendar.for_plan(small_plan(holidays=[D(2021, 3, 8)]))
        assert not cal.is_workday(D(2021, 3, 8))

    def test_both_at_once_is_refused(self) -> None:
        """A day cannot be both."""
        with pytest.raises(ValueError, match="既被列为节假日又被列为工作日"):
            ft.WorkCalendar(holidays=[D(2021, 3, 8)], workdays=[D(2021, 3, 8)])

    def test_immutable(self) -> None:
        """A calendar cannot be changed after it is built."""
        import attrs

        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            ft.WorkCalendar().beyond = "weekdays"  # type: ignore[misc]
