"""One year's official holiday schedule, supplied as data (the years past the ``chinese-calendar`` release).

A value of the model: files that hold schedules (``[calendar.2027]`` tables) are read in ``_calendar_file``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import attrs

from fazhi_tasks.core.errors import PlanError, Said

__all__ = ["YearSchedule"]


def _days(value: Iterable[dt.date] | None) -> tuple[dt.date, ...]:
    return tuple(sorted(set(value or ())))


@attrs.frozen
class YearSchedule:
    """One year's official schedule (国务院办公厅 放假调休安排), supplied as data.

    A year given this way counts as covered, exactly like a year of the ``chinese-calendar``
    data: Monday to Friday work, except the ``holidays``; Saturdays and Sundays are off,
    except the ``workdays``. Files hold it as ``[calendar.2027]`` (see ``load_calendar``).

    Args:
        year: The year.
        holidays: The days off (放假), weekends inside a holiday may be listed or not.
        workdays: The make-up working days (调休上班), each a Saturday or a Sunday.
        source: Where it came from (a file, a notice number), shown by ``fazhi-tasks calendar``.

    Raises:
        PlanError: A day outside the year, a day both off and working, a make-up day that is
            not a weekend day, or no holiday at all.

    >>> y = YearSchedule(2027, holidays=[dt.date(2027, 1, 1)])
    >>> y.is_workday(dt.date(2027, 1, 1)), y.is_workday(dt.date(2027, 1, 4))
    (False, True)
    """

    year: int = attrs.field()
    holidays: tuple[dt.date, ...] = attrs.field(converter=_days)
    workdays: tuple[dt.date, ...] = attrs.field(default=(), converter=_days)
    source: str = attrs.field(default="", converter=str)

    def __attrs_post_init__(self) -> None:
        year = self.year
        if not isinstance(year, int) or isinstance(year, bool) or not 1900 <= year <= 9998:
            message = Said(f"节假日安排的年份 {year!r} 不是 1900–9998 之间的年份",
                           f"the schedule's year {year!r} is not a year from 1900 to 9998")
            raise PlanError(message, field="year", value=year)
        if not self.holidays:
            message = Said(f"{year}年的节假日安排没有任何放假日期（holidays），请按国务院办公厅通知填写",
                           f"the {year} schedule has no holidays; copy them from the State Council's notice")
            raise PlanError(message, field="holidays", value=())
        for field, days in (("holidays", self.holidays), ("workdays", self.workdays)):
            for day in days:
                if not isinstance(day, dt.date) or isinstance(day, dt.datetime) or day.year != year:
                    message = Said(f"{year}年的节假日安排中，{field} 里的 {day!r} 不是{year}年的日期",
                                   f"in the {year} schedule, {day!r} in {field} is not a date of {year}")
                    raise PlanError(message, field=field, value=day)
        both = set(self.holidays) & set(self.workdays)
        if both:
            message = Said(f"{year}年的节假日安排中，{min(both)} 既在放假日期（holidays）又在调休上班日期（workdays）",
                           f"in the {year} schedule, {min(both)} is both a holiday and a make-up working day")
            raise PlanError(message, field="workdays", value=min(both))
        for day in self.workdays:
            if day.weekday() < 5:
                message = Said(f"{year}年的节假日安排中，调休上班日期 {day} 是星期{'一二三四五'[day.weekday()]}，"
                               "本来就是工作日；调休上班日应为周六或周日，请核对通知",
                               f"in the {year} schedule, the make-up working day {day} is a {day:%A}, a working day "
                               "anyway; make-up days fall on Saturdays or Sundays: check the notice")
                raise PlanError(message, field="workdays", value=day)

    def is_workday(self, day: dt.date) -> bool:
        """Whether ``day`` (in this year) is a working day by this schedule."""
        if day in self.workdays:
            return True
        return day.weekday() < 5 and day not in self.holidays
