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
            message = Said.of("model.cal_year", year=repr(year))
            raise PlanError(message, field="year", value=year)
        if not self.holidays:
            message = Said.of("model.cal_no_holidays", year=year)
            raise PlanError(message, field="holidays", value=())
        for field, days in (("holidays", self.holidays), ("workdays", self.workdays)):
            for day in days:
                if not isinstance(day, dt.date) or isinstance(day, dt.datetime) or day.year != year:
                    message = Said.of("model.cal_day_of_year", year=year, field=field, day=repr(day))
                    raise PlanError(message, field=field, value=day)
        both = set(self.holidays) & set(self.workdays)
        if both:
            message = Said.of("model.cal_both", year=year, both=str(min(both)))
            raise PlanError(message, field="workdays", value=min(both))
        for day in self.workdays:
            if day.weekday() < 5:
                message = Said.of("model.cal_workday_weekday", year=year, day=str(day),
                                  weekday=Said(Said.of("model.weekday_names").zh.split()[day.weekday()],
                                                                 format(day, "%A")))
                raise PlanError(message, field="workdays", value=day)

    def is_workday(self, day: dt.date) -> bool:
        """Whether ``day`` (in this year) is a working day by this schedule."""
        if day in self.workdays:
            return True
        return day.weekday() < 5 and day not in self.holidays
