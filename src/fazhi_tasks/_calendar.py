"""The official Chinese working-day calendar (法定节假日 and 调休 make-up days).

The data comes from the ``chinese-calendar`` package, read once into a table of
working days per covered day; every query after that is an index into the
table. A date beyond the data is an explicit :class:`CalendarCoverageError`
unless the calendar is built with ``beyond="weekdays"``, which counts Monday to
Friday there and says so through :meth:`WorkCalendar.is_official`.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
from array import array
from collections.abc import Iterable
from typing import Literal

import attrs

from ._errors import ArgumentError, CalendarCoverageError

__all__ = ["WorkCalendar"]

Beyond = Literal["error", "weekdays"]

# With beyond="weekdays" the table reaches this far on either side of the official data.
_FALLBACK_FIRST = dt.date(1950, 1, 1)
_FALLBACK_LAST = dt.date(2150, 12, 31)


@attrs.frozen
class _Table:
    """Working days from ``first`` to ``last``: a flag per day and a running count."""

    first: int  # ordinal of the first day in the table
    last: int
    flags: bytes  # 1 = working day, per day from first
    counts: array[int]  # counts[i] = working days in [first, first + i]
    positions: array[int]  # ordinals of the working days, ascending


@functools.cache
def _official() -> tuple[dict[dt.date, object], dict[dt.date, object], dt.date, dt.date]:
    """The package's holidays, make-up working days and covered range (read once)."""
    import chinese_calendar

    holidays: dict[dt.date, object] = dict(chinese_calendar.holidays)
    workdays: dict[dt.date, object] = dict(chinese_calendar.workdays)
    years = [y for y in range(min(holidays).year, max(holidays).year + 2) if _covered(chinese_calendar, y)]
    return holidays, workdays, dt.date(min(years), 1, 1), dt.date(max(years), 12, 31)


def _covered(module: object, year: int) -> bool:
    try:
        module.is_workday(dt.date(year, 6, 1))  # type: ignore[attr-defined]
    except NotImplementedError:
        return False
    return True


@functools.cache
def _table(holidays: tuple[dt.date, ...], workdays: tuple[dt.date, ...], beyond: Beyond) -> _Table:
    official_holidays, official_workdays, first, last = _official()
    if beyond == "weekdays":
        first, last = min(first, _FALLBACK_FIRST), max(last, _FALLBACK_LAST)
    extra_off, extra_on = set(holidays), set(workdays)
    lo, hi = first.toordinal(), last.toordinal()
    flags = bytearray(hi - lo + 1)
    counts = array("l", bytes(8 * len(flags)))
    positions = array("l")
    total = 0
    for i in range(len(flags)):
        day = dt.date.fromordinal(lo + i)
        if day in extra_on:
            work = True
        elif day in extra_off:
            work = False
        elif day in official_workdays:
            work = True
        else:
            work = day.weekday() < 5 and day not in official_holidays
        if work:
            flags[i] = 1
            total += 1
            positions.append(lo + i)
        counts[i] = total
    return _Table(lo, hi, bytes(flags), counts, positions)


def _day_tuple(value: Iterable[dt.date] | None) -> tuple[dt.date, ...]:
    return tuple(sorted(set(value or ())))


@attrs.frozen
class WorkCalendar:
    """Working days by the official calendar, with local overrides.

    Args:
        holidays: Extra local non-working days (e.g. a provincial holiday).
        workdays: Extra local working days.
        beyond: ``"error"`` (default) raises :class:`~fazhi_tasks.CalendarCoverageError` for a date
            beyond the official data; ``"weekdays"`` counts Monday–Friday there instead.

    >>> cal = WorkCalendar()
    >>> cal.is_workday(dt.date(2021, 2, 7))   # a Sunday, 调休 make-up working day
    True
    >>> cal.is_workday(dt.date(2021, 2, 11))  # Spring Festival
    False
    >>> cal.add_workdays(dt.date(2021, 9, 30), 1)  # National Day holiday until 10-07
    datetime.date(2021, 10, 8)
    >>> cal.workdays_between(dt.date(2021, 9, 30), dt.date(2021, 10, 8))
    1
    """

    holidays: tuple[dt.date, ...] = attrs.field(default=(), converter=_day_tuple)
    workdays: tuple[dt.date, ...] = attrs.field(default=(), converter=_day_tuple)
    beyond: Beyond = attrs.field(default="error")
    _table: _Table = attrs.field(init=False, repr=False, eq=False)

    @beyond.validator
    def _check_beyond(self, attribute: attrs.Attribute[Beyond], value: object) -> None:
        if value not in ("error", "weekdays"):
            raise ArgumentError(reason=f"{value!r} 应为 'error' 或 'weekdays'", field="beyond", value=value)

    def __attrs_post_init__(self) -> None:
        both = set(self.holidays) & set(self.workdays)
        if both:
            raise ArgumentError(reason=f"{min(both)} 既被列为节假日又被列为工作日", field="holidays",
                                value=min(both))
        object.__setattr__(self, "_table", _table(self.holidays, self.workdays, self.beyond))

    @classmethod
    def for_plan(cls, plan: object, *, beyond: Beyond = "error") -> WorkCalendar:
        """The calendar with a plan's local holidays and working days."""
        return cls(holidays=getattr(plan, "holidays", ()), workdays=getattr(plan, "workdays", ()), beyond=beyond)

    # -- coverage ---------------------------------------------------------------------------

    @property
    def official_range(self) -> tuple[dt.date, dt.date]:
        """The first and last day the official holiday data covers."""
        _, _, first, last = _official()
        return first, last

    def is_official(self, day: dt.date) -> bool:
        """Whether ``day`` is counted from official data (``False``: a Monday–Friday fallback)."""
        first, last = self.official_range
        return first <= day <= last

    def _index(self, day: dt.date) -> int:
        table = self._table
        ordinal = day.toordinal()
        if not table.first <= ordinal <= table.last:
            first, last = dt.date.fromordinal(table.first), dt.date.fromordinal(table.last)
            raise CalendarCoverageError(key="err.beyond_calendar", date=day, first=first, last=last)
        return ordinal - table.first

    # -- queries ----------------------------------------------------------------------------

    def is_workday(self, day: dt.date) -> bool:
        """Whether ``day`` is a working day (调休 make-up days are; holidays are not)."""
        return bool(self._table.flags[self._index(day)])

    def next_workday(self, day: dt.date) -> dt.date:
        """``day`` itself when it is a working day, else the first working day after it.

        >>> WorkCalendar().next_workday(dt.date(2021, 10, 1))
        datetime.date(2021, 10, 8)
        """
        if self.is_workday(day):
            return day
        return self.add_workdays(day, 1)

    def add_workdays(self, day: dt.date, n: int) -> dt.date:
        """The ``n``-th working day after ``day``, counted from the next day as statutes count.

        ``add_workdays(d, 0)`` is ``d``.

        Raises:
            ValueError: ``n`` is negative.
            CalendarCoverageError: The answer lies beyond the calendar's data.
        """
        if n < 0:
            raise ArgumentError(key="err.at_least", params={"least": 0}, field="n", value=n)
        if n == 0:
            self._index(day)
            return day
        table = self._table
        k = table.counts[self._index(day)] + n - 1
        if k >= len(table.positions):
            last = dt.date.fromordinal(table.last)
            first = dt.date.fromordinal(table.first)
            raise CalendarCoverageError(key="err.beyond_calendar_add", date=day, first=first, last=last, n=n)
        return dt.date.fromordinal(table.positions[k])

    def workdays_between(self, start: dt.date, end: dt.date) -> int:
        """Working days in ``(start, end]``; negative when ``end`` is before ``start``.

        >>> WorkCalendar().workdays_between(dt.date(2021, 2, 5), dt.date(2021, 2, 8))  # Sun 02-07 works
        2
        """
        counts = self._table.counts
        return counts[self._index(end)] - counts[self._index(start)]

    def subtract_workdays(self, day: dt.date, n: int) -> dt.date:
        """The latest working day by which ``n`` working days of work still fit before the end of ``day``.

        The inverse of :meth:`add_workdays` for the backward pass: finishing a prerequisite on the
        returned day leaves ``n`` working days, counted from the next day, up to ``day``.

        >>> WorkCalendar().subtract_workdays(dt.date(2021, 10, 8), 1)
        datetime.date(2021, 9, 30)
        """
        if n < 0:
            raise ArgumentError(key="err.at_least", params={"least": 0}, field="n", value=n)
        return self.from_workday_number(self.workday_number(day) - n)

    def workday_number(self, day: dt.date) -> int:
        """How many working days the table holds up to and including ``day`` (for arithmetic in working days)."""
        return self._table.counts[self._index(day)]

    def from_workday_number(self, number: int) -> dt.date:
        """The working day whose :meth:`workday_number` is ``number``.

        Raises:
            CalendarCoverageError: The number lies outside the calendar's data.
        """
        table = self._table
        if not 1 <= number <= len(table.positions):
            first, last = dt.date.fromordinal(table.first), dt.date.fromordinal(table.last)
            raise CalendarCoverageError(key="err.beyond_calendar_number", date=None, first=first, last=last,
                                        n=number)
        return dt.date.fromordinal(table.positions[number - 1])

    def workdays_in(self, start: dt.date, end: dt.date) -> list[dt.date]:
        """The working days in ``[start, end]``."""
        table = self._table
        self._index(start)
        self._index(end)
        lo = bisect.bisect_left(table.positions, start.toordinal())
        hi = bisect.bisect_right(table.positions, end.toordinal())
        return [dt.date.fromordinal(o) for o in table.positions[lo:hi]]
