"""The official Chinese working-day calendar (法定节假日 and 调休 make-up days).

The data comes from the ``chinese-calendar`` package, and from any
:class:`YearSchedule` supplied for a year the package does not have yet (the
State Council publishes each year's 放假/调休 days in November or December), read
once into a table of working days per covered day; every query after that is an
index into the table.

**Dates past the data.** The State Council publishes each year's schedule late in the year before, so a
date past the data is normal. One rule: every *derived* date — a forecast, a rectification time limit, a
due-soon window, a working-day count in a report — counts Monday to Friday past the data (the calendars
that :meth:`WorkCalendar.for_plan` builds, which every report uses, have ``beyond="weekdays"``) and the
report says so once in its notes; what a caller asks to be exact — a bare ``WorkCalendar()``, or
``beyond="error"`` — raises :class:`CalendarCoverageError` naming the date. A calendar keeps the dates it
counted Monday to Friday in :attr:`WorkCalendar.fallback_dates`, and :meth:`WorkCalendar.fallback` sums
them up for a report's note.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import itertools
from array import array
from collections.abc import Iterable
from typing import Literal

import attrs

from fazhi_tasks.core.errors import ArgumentError, CalendarCoverageError, PlanError, Said
from fazhi_tasks.core.i18n import Phrase
from fazhi_tasks.model.schedule import YearSchedule

__all__ = ["CalendarFallback", "CalendarYear", "WorkCalendar", "calendar_note", "first_fallback"]

Beyond = Literal["error", "weekdays"]

# With beyond="weekdays" the table reaches this far on either side of the official data.
_FALLBACK_FIRST = dt.date(1950, 1, 1)
_FALLBACK_LAST = dt.date(2150, 12, 31)


def _day_tuple(value: Iterable[dt.date] | None) -> tuple[dt.date, ...]:
    return tuple(sorted(set(value or ())))


@attrs.frozen
class CalendarYear:
    """What a calendar knows about one year, for ``fazhi-tasks calendar --year``.

    Attributes:
        year: The year.
        source: ``"official"`` (the chinese-calendar data), ``"supplied"`` (a :class:`YearSchedule`),
            ``"fallback"`` (no data: Monday to Friday are counted) or ``"none"`` (no data, and the
            calendar refuses such dates).
        origin: The package and version, or the schedule's source.
        holidays: The official days off in the year (weekends inside holidays included where the data has them).
        workdays: The make-up working days (调休上班) in the year.
        local_holidays: The calendar's extra local days off in the year.
        local_workdays: The calendar's extra local working days in the year.
        monthly: Working days in each month, January first (empty when ``source`` is ``"none"``).
    """

    year: int
    source: Literal["official", "supplied", "fallback", "none"]
    origin: str
    holidays: tuple[dt.date, ...]
    workdays: tuple[dt.date, ...]
    local_holidays: tuple[dt.date, ...]
    local_workdays: tuple[dt.date, ...]
    monthly: tuple[int, ...]

    @property
    def holiday_spans(self) -> tuple[tuple[dt.date, dt.date], ...]:
        """The holidays as runs of consecutive days, ``(first, last)`` each.

        >>> c = WorkCalendar().describe_year(2026)
        >>> c.holiday_spans[0]
        (datetime.date(2026, 1, 1), datetime.date(2026, 1, 3))
        """
        spans: list[tuple[dt.date, dt.date]] = []
        for day in self.holidays:
            if spans and (day - spans[-1][1]).days == 1:
                spans[-1] = (spans[-1][0], day)
            else:
                spans.append((day, day))
        return tuple(spans)


@attrs.frozen
class CalendarFallback:
    """A report's dates that were counted Monday to Friday for want of official holiday data.

    Attributes:
        first: The first such date (past the data's end, or before its start).
        official_first: The first day the official (or supplied) data covers.
        official_last: The last day it covers.

    >>> cal = WorkCalendar(beyond="weekdays")
    >>> _ = cal.add_workdays(dt.date(2026, 12, 30), 5)
    >>> fb = cal.fallback()
    >>> fb.first, fb.year, fb.after
    (datetime.date(2027, 1, 1), 2027, True)
    """

    first: dt.date
    official_first: dt.date
    official_last: dt.date

    @property
    def after(self) -> bool:
        """Whether the dates lie past the data's end (``False``: before its start)."""
        return self.first > self.official_last

    @property
    def year(self) -> int:
        """The first year without data: the year after the data's end (or the one before its start)."""
        return self.official_last.year + 1 if self.after else self.official_first.year - 1


def first_fallback(*found: CalendarFallback | None) -> CalendarFallback | None:
    """The earliest of several results' fallbacks (``None`` when none counted past the data)."""
    known = [f for f in found if f is not None]
    return min(known, key=lambda f: f.first) if known else None


@attrs.frozen
class _Table:
    """Working days from ``first`` to ``last``: a flag per day and a running count."""

    first: int  # ordinal of the first day in the table
    last: int
    covered_first: int  # the official (and supplied) data's range; outside it, Monday–Friday was assumed
    covered_last: int
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


def _covered_range(years: tuple[YearSchedule, ...]) -> tuple[dt.date, dt.date]:
    """The package's range extended by the supplied years; they must join it without a gap."""
    _, _, first, last = _official()
    supplied = {y.year for y in years}
    lo, hi = first.year, last.year
    while hi + 1 in supplied:
        hi += 1
    while lo - 1 in supplied:
        lo -= 1
    stray = sorted(y for y in supplied if not lo <= y <= hi)
    if stray:
        missing = hi + 1 if stray[0] > hi else lo - 1
        message = (f"提供了{stray[0]}年的节假日安排，但缺少{missing}年的：各年的安排须与已有数据"
                   f"（{first.year}–{last.year}年）首尾相接")
        raise PlanError(message, field="calendar", value=stray[0])
    return dt.date(lo, 1, 1), dt.date(hi, 12, 31)


def _check_against_package(schedule: YearSchedule) -> None:
    """A supplied year the package also has must agree with it day by day."""
    official_holidays, official_workdays, first, last = _official()
    if not first.year <= schedule.year <= last.year:
        return
    day = dt.date(schedule.year, 1, 1)
    while day.year == schedule.year:
        package = day in official_workdays or (day.weekday() < 5 and day not in official_holidays)
        if package != schedule.is_workday(day):
            said = "工作日" if package else "休息日"
            message = (f"提供的{schedule.year}年节假日安排与 chinese-calendar 的官方数据不一致：{day} 在官方数据中是"
                       f"{said}；请核对，或删去这一年的安排")
            raise PlanError(message, field="calendar", value=day)
        day += dt.timedelta(days=1)


@functools.cache
def _table(holidays: tuple[dt.date, ...], workdays: tuple[dt.date, ...], beyond: Beyond,
           years: tuple[YearSchedule, ...] = ()) -> _Table:
    official_holidays, official_workdays, _, _ = _official()
    first, last = covered_first, covered_last = _covered_range(years)
    for schedule in years:
        _check_against_package(schedule)
    by_year = {y.year: y for y in years}
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
        elif day.year in by_year:
            work = by_year[day.year].is_workday(day)
        elif day in official_workdays:
            work = True
        else:
            work = day.weekday() < 5 and day not in official_holidays
        if work:
            flags[i] = 1
            total += 1
            positions.append(lo + i)
        counts[i] = total
    return _Table(lo, hi, covered_first.toordinal(), covered_last.toordinal(), bytes(flags), counts, positions)


def _schedules(value: Iterable[YearSchedule] | None) -> tuple[YearSchedule, ...]:
    years = tuple(sorted(value or (), key=lambda y: y.year))
    for a, b in itertools.pairwise(years):
        if a.year == b.year:
            message = f"{a.year}年的节假日安排提供了两次（{a.source or '?'}，{b.source or '?'}）"
            raise PlanError(message, field="calendar", value=a.year)
    return years


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
    years: tuple[YearSchedule, ...] = attrs.field(default=(), converter=_schedules, kw_only=True)
    _table: _Table = attrs.field(init=False, repr=False, eq=False)
    _fallback: set[int] = attrs.field(init=False, repr=False, eq=False, factory=set)

    @beyond.validator
    def _check_beyond(self, attribute: attrs.Attribute[Beyond], value: object) -> None:
        if value not in ("error", "weekdays"):
            raise ArgumentError(reason=Said.of("model.beyond_values", value=repr(value)), field="beyond", value=value)

    def __attrs_post_init__(self) -> None:
        both = set(self.holidays) & set(self.workdays)
        if both:
            raise PlanError(reason=Said.of("model.holiday_and_workday", day=str(min(both))), field="workdays",
                            value=min(both))
        object.__setattr__(self, "_table", _table(self.holidays, self.workdays, self.beyond, self.years))

    @classmethod
    def for_plan(cls, plan: object, *, beyond: Beyond = "weekdays",
                 years: Iterable[YearSchedule] = ()) -> WorkCalendar:
        """The calendar a report on ``plan`` counts with: the plan's local holidays and working days, its supplied
        years (plus ``years``), and Monday to Friday past the data (``beyond``; ``"error"`` to refuse such dates).

        >>> cal = WorkCalendar.for_plan(None)
        >>> cal.add_workdays(dt.date(2026, 12, 31), 1), cal.fallback().year
        (datetime.date(2027, 1, 1), 2027)
        """
        return cls(holidays=getattr(plan, "holidays", ()), workdays=getattr(plan, "workdays", ()), beyond=beyond,
                   years=(*getattr(plan, "calendar_years", ()), *years))

    def copy(self) -> WorkCalendar:
        """The same calendar with an empty :attr:`fallback_dates` log (one per report)."""
        return WorkCalendar(self.holidays, self.workdays, self.beyond, years=self.years)

    # -- coverage ---------------------------------------------------------------------------

    @property
    def official_range(self) -> tuple[dt.date, dt.date]:
        """The first and last day the official data covers: the package's, and the supplied years'."""
        table = self._table
        return dt.date.fromordinal(table.covered_first), dt.date.fromordinal(table.covered_last)

    def is_official(self, day: dt.date) -> bool:
        """Whether ``day`` is counted from official data (``False``: a Monday–Friday fallback)."""
        return self._table.covered_first <= day.toordinal() <= self._table.covered_last

    @property
    def fallback_dates(self) -> tuple[dt.date, ...]:
        """The dates, in order, that queries on this calendar counted Monday–Friday for (no official data).

        Empty unless built with ``beyond="weekdays"``. A report that counted past the data says so
        from ``fallback_dates[0]`` on; :meth:`copy` gives a calendar with an empty log.

        >>> cal = WorkCalendar(beyond="weekdays")
        >>> cal.workdays_between(dt.date(2026, 12, 28), dt.date(2027, 1, 4))
        5
        >>> cal.used_fallback, cal.fallback_dates  # 2027-01-01 was counted as a working day
        (True, (datetime.date(2027, 1, 1), datetime.date(2027, 1, 4)))
        """
        return tuple(dt.date.fromordinal(o) for o in sorted(self._fallback))

    @property
    def used_fallback(self) -> bool:
        """Whether any query so far counted a date by the Monday–Friday fallback."""
        return bool(self._fallback)

    def fallback(self) -> CalendarFallback | None:
        """What a report's note says about the queries so far: the first date counted Monday to Friday, if any."""
        if not self._fallback:
            return None
        first, last = self.official_range
        return CalendarFallback(dt.date.fromordinal(min(self._fallback)), first, last)

    def _index(self, day: dt.date) -> int:
        table = self._table
        ordinal = day.toordinal()
        if not table.covered_first <= ordinal <= table.covered_last:
            if not table.first <= ordinal <= table.last:
                first, last = dt.date.fromordinal(table.first), dt.date.fromordinal(table.last)
                raise CalendarCoverageError(key="err.beyond_calendar", date=day, first=first, last=last)
            self._fallback.add(ordinal)
        return ordinal - table.first

    def _result(self, ordinal: int) -> dt.date:
        table = self._table
        if not table.covered_first <= ordinal <= table.covered_last:
            self._fallback.add(ordinal)
        return dt.date.fromordinal(ordinal)

    def describe_year(self, year: int) -> CalendarYear:
        """What this calendar knows about ``year``: its source, holidays, make-up days, working days a month.

        >>> info = WorkCalendar().describe_year(2026)
        >>> info.source, info.workdays[0], info.monthly[:3]
        ('official', datetime.date(2026, 1, 4), (21, 16, 22))
        """
        table = self._table
        jan1, dec31 = dt.date(year, 1, 1), dt.date(year, 12, 31)
        supplied = {y.year: y for y in self.years}.get(year)
        official_holidays, official_workdays, first, last = _official()
        source: Literal["official", "supplied", "fallback", "none"]
        holidays: tuple[dt.date, ...] = ()
        workdays: tuple[dt.date, ...] = ()
        if supplied is not None:
            source, origin = "supplied", supplied.source
            holidays, workdays = supplied.holidays, supplied.workdays
        elif first.year <= year <= last.year:
            import chinese_calendar

            source, origin = "official", f"chinese-calendar {getattr(chinese_calendar, '__version__', '')}".strip()
            holidays = tuple(sorted(d for d in official_holidays if d.year == year))
            workdays = tuple(sorted(d for d in official_workdays if d.year == year))
        else:
            source, origin = ("fallback" if self.beyond == "weekdays" else "none"), ""
        monthly: tuple[int, ...] = ()
        if table.first <= jan1.toordinal() and dec31.toordinal() <= table.last:
            ends = [dt.date(year, m, 1).toordinal() - 1 - table.first for m in range(1, 13)]
            ends.append(dec31.toordinal() - table.first)
            counts = table.counts
            monthly = tuple(counts[b] - (counts[a] if a >= 0 else 0) for a, b in itertools.pairwise(ends))
        return CalendarYear(year, source, origin, holidays, workdays,
                            tuple(d for d in self.holidays if d.year == year),
                            tuple(d for d in self.workdays if d.year == year), monthly)

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
        answer = table.positions[k]
        if answer > table.covered_last:
            self._crossed(day.toordinal() + 1, answer)
        return dt.date.fromordinal(answer)

    def add_workdays_within_data(self, day: dt.date, n: int) -> dt.date | None:
        """:meth:`add_workdays` when ``day`` and the answer both lie within the official data, else ``None``;
        nothing is logged in :attr:`fallback_dates` (a probe, e.g. for a due-soon window's end).

        >>> WorkCalendar().add_workdays_within_data(dt.date(2026, 12, 30), 5) is None
        True
        """
        table = self._table
        ordinal = day.toordinal()
        if n < 0 or not table.covered_first <= ordinal <= table.covered_last:
            return None
        k = table.counts[ordinal - table.first] + n - 1
        if n == 0:
            return day
        if k >= len(table.positions) or table.positions[k] > table.covered_last:
            return None
        return dt.date.fromordinal(table.positions[k])

    def workdays_between(self, start: dt.date, end: dt.date) -> int:
        """Working days in ``(start, end]``; negative when ``end`` is before ``start``.

        >>> WorkCalendar().workdays_between(dt.date(2021, 2, 5), dt.date(2021, 2, 8))  # Sun 02-07 works
        2
        """
        table = self._table
        i, j = self._index(start), self._index(end)
        if max(i, j) + table.first > table.covered_last:
            self._crossed(min(i, j) + table.first + 1, max(i, j) + table.first)
        return table.counts[j] - table.counts[i]

    def _crossed(self, lo: int, hi: int) -> None:
        """A count over the days ``lo … hi`` (ordinals) went past the data: note the first day past it."""
        first_beyond = self._table.covered_last + 1
        if lo <= hi and hi >= first_beyond:
            self._fallback.add(max(lo, first_beyond))

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
            raise CalendarCoverageError(key="err.beyond_calendar", date=self._weekday_beyond(number), first=first,
                                        last=last)
        return self._result(table.positions[number - 1])

    def _weekday_beyond(self, number: int) -> dt.date | None:
        """The date the working day ``number`` would fall on counting Monday to Friday past the table (for an
        error that names a date, not a counter); ``None`` past ``date.max`` or before ``date.min``."""
        table = self._table
        if number < 1:
            step, left, day = -1, 1 - number, table.first
        else:
            step, left, day = 1, number - len(table.positions), table.last
        weeks, rest = divmod(left - 1, 5)
        ordinal = day + step * weeks * 7
        try:
            found = dt.date.fromordinal(ordinal)
            rest += 1
            while rest:
                found += dt.timedelta(days=step)
                rest -= found.weekday() < 5
        except (ValueError, OverflowError):
            return None
        return found

    def workdays_in(self, start: dt.date, end: dt.date) -> list[dt.date]:
        """The working days in ``[start, end]``."""
        table = self._table
        self._index(start)
        self._index(end)
        lo = bisect.bisect_left(table.positions, start.toordinal())
        hi = bisect.bisect_right(table.positions, end.toordinal())
        self._crossed(start.toordinal(), end.toordinal())
        return [dt.date.fromordinal(o) for o in table.positions[lo:hi]]


def calendar_note(fallback: CalendarFallback) -> Phrase:
    """The report's note that dates past the official holiday data were counted Monday to Friday.

    >>> calendar_note(CalendarFallback(dt.date(2027, 1, 1), dt.date(2004, 1, 1), dt.date(2026, 12, 31))).show("zh")
    '2027年及以后的日期按周一至周五推算（国务院2027年节假日安排尚未载入，可用 --calendar 提供）'
    """
    return Phrase("note.weekdays" if fallback.after else "note.weekdays_before", {"year": fallback.year})
