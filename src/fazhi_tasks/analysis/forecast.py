"""The recovery forecast (进度预测): if what is open finishes at the pace planned, which deadlines still hold.

The default model, in working days of the plan's calendar (``add_workdays(d, n)`` counts from the next day):

- **planned window** ``W(t)``: working days in ``(s, deadline]``, where ``s`` is the latest deadline among
  ``t``'s prerequisites, or the day before its stage starts when none has one; at least 1;
- **remaining** ``R(t) = ceil(W(t) × (100 − p) / 100)``, at least 1, ``p`` the percent of ``t``'s status
  as of the forecast date (none: 0);
- **projected finish** ``F(t) = add_workdays(max(as_of, F(q) for every unfinished prerequisite q), R(t))``,
  in topological order, for every task not 已完成 and not 已暂缓 that has a deadline. A done task holds
  nothing up; a suspended or ongoing (no deadline) prerequisite is left out of the max and named in the
  dependent's ``depends_on_unforecast``;
- **slip**: working days in ``(deadline, F]`` when ``F > deadline``, else 0; the deadline **holds** ⇔ ``F ≤ deadline``;
- **proposed deadline**: ``F`` rounded up to the last day of its month (bureaus write "X月底前");
- **stage outlook**: per stage, the latest ``F`` against the stage's end;
- **commitments**: per rectification item, whether its time limit holds given the task's ``F`` (which already
  waits for the projected finishes of its prerequisites).
"""

from __future__ import annotations

import calendar as _months
import datetime as dt
import functools
from collections.abc import Mapping

import attrs

from fazhi_tasks.core.result import Rendered
from fazhi_tasks.core.sequence import RecordSequence
from fazhi_tasks.model.calendar import CalendarFallback, WorkCalendar
from fazhi_tasks.model.plan import Plan
from fazhi_tasks.model.values import Stage, Status, Task, Update

__all__ = ["Commitment", "Forecast", "ForecastEntry", "StageOutlook", "forecast", "month_end"]


@functools.lru_cache(maxsize=8192)
def month_end(day: dt.date) -> dt.date:
    """The last day of ``day``'s month: a proposed deadline as bureaus write it ("X月底前").

    >>> month_end(dt.date(2021, 2, 3))
    datetime.date(2021, 2, 28)
    """
    return day.replace(day=_months.monthrange(day.year, day.month)[1])


@attrs.frozen
class ForecastEntry:
    """One open task's projected finish.

    Attributes:
        task_id: The task.
        task: The task itself.
        window: Planned window ``W`` in working days (at least 1).
        remaining: Remaining working days ``R`` at the status's percent (at least 1).
        projected_finish: ``F``, the working day the task is projected to finish.
        slip_workdays: Working days in ``(deadline, F]``; 0 when the deadline holds.
        holds: Whether ``F ≤ deadline``.
        proposed_deadline: ``F`` rounded up to its month's end.
        depends_on_unforecast: Unfinished prerequisites with no forecast (suspended, or ongoing with no
            deadline), left out of the max; empty when there are none.
        window_start: ``s``, the day the planned window opens after (for the Gantt).
        resumes: The day the remaining work is counted from: ``as_of`` or the latest projected finish of
            an unfinished prerequisite.
    """

    task_id: str
    task: Task = attrs.field(repr=False, eq=False)
    window: int
    remaining: int
    projected_finish: dt.date
    slip_workdays: int
    holds: bool
    proposed_deadline: dt.date
    depends_on_unforecast: tuple[str, ...] = ()
    window_start: dt.date | None = attrs.field(default=None, repr=False)
    resumes: dt.date | None = attrs.field(default=None, repr=False)

    @property
    def deadline(self) -> dt.date:
        """The task's deadline (every forecast task has one)."""
        assert self.task.deadline is not None
        return self.task.deadline

    @property
    def division(self) -> str:
        """The task's lead division."""
        return self.task.division

    @property
    def slips(self) -> bool:
        """Whether the projected finish is after the deadline."""
        return not self.holds


@attrs.frozen
class StageOutlook:
    """One stage's end against the latest projected finish of its open tasks.

    Attributes:
        stage: The stage.
        latest_finish: The latest ``F`` among its forecast tasks.
        stage_end: The stage's last day.
        slip_workdays: Working days in ``(stage_end, latest_finish]``; 0 when the end holds.
        tasks: How many of its tasks are forecast.
        slipping: How many of those miss their own deadline.
        last_task_id: The task whose ``F`` is the latest (first in id order on a tie).
    """

    stage: Stage
    latest_finish: dt.date
    stage_end: dt.date
    slip_workdays: int
    tasks: int = 0
    slipping: int = 0
    last_task_id: str = ""

    @property
    def holds(self) -> bool:
        """Whether the stage's open tasks are projected to finish by its end."""
        return self.slip_workdays == 0


@attrs.frozen
class Commitment:
    """Whether a rectification item's time limit (整改时限) can hold.

    Attributes:
        no: The item's 序号.
        task_id: The item's task.
        time_limit: The item's time limit.
        projected_finish: The task's ``F`` (it already waits for its prerequisites' projected finishes),
            or ``None`` when the task has none (the forecast left it out).
        holds: Whether ``F ≤ time_limit``.
        slip_workdays: Working days in ``(time_limit, F]``; 0 when it holds.
    """

    no: int
    task_id: str
    time_limit: dt.date
    projected_finish: dt.date | None
    holds: bool
    slip_workdays: int = 0


@attrs.frozen
class Forecast(RecordSequence[ForecastEntry], Rendered):
    """The projected finishes of a plan's open tasks as of a date: a sequence of entries in id order.

    Attributes:
        as_of: The forecast date.
        items: One entry per task not done, not suspended, with a deadline.
        stages: The plan's stages, in order.
        time_limit_workdays: The rectification time limit the commitments are checked against.
        calendar_fallback: Set when working days were counted Monday to Friday past the official holiday data.
    """

    as_of: dt.date
    items: tuple[ForecastEntry, ...]
    stages: tuple[Stage, ...] = ()
    time_limit_workdays: int = 15
    _plan: Plan | None = attrs.field(default=None, repr=False, eq=False, alias="plan")
    _statuses: Mapping[str, Update] = attrs.field(factory=dict, repr=False, eq=False, alias="statuses")
    _calendar: WorkCalendar | None = attrs.field(default=None, repr=False, eq=False, alias="calendar")
    calendar_fallback: CalendarFallback | None = attrs.field(default=None, repr=False, eq=False)
    _cache: dict[str, object] = attrs.field(factory=dict, init=False, repr=False, eq=False)

    @property
    def plan(self) -> Plan | None:
        """The plan forecast."""
        return self._plan

    @property
    def statuses(self) -> Mapping[str, Update]:
        """The statuses the forecast started from (task id → latest update)."""
        return self._statuses

    @property
    def slipping(self) -> tuple[ForecastEntry, ...]:
        """The entries whose projected finish is after their deadline, most slip first, then by id."""
        cached = self._cache.get("slipping")
        if cached is None:
            order = {e.task_id: i for i, e in enumerate(self.items)}
            cached = tuple(sorted((e for e in self.items if not e.holds),
                                  key=lambda e: (-e.slip_workdays, order[e.task_id])))
            self._cache["slipping"] = cached
        return cached  # type: ignore[return-value]

    def by_task(self) -> dict[str, ForecastEntry]:
        """The entries by task id."""
        return {e.task_id: e for e in self.items}

    def by_stage(self) -> tuple[StageOutlook, ...]:
        """The stage outlook: for each stage with forecast tasks, its latest ``F`` against its end."""
        cal = self._calendar or WorkCalendar(beyond="weekdays")
        latest: dict[int, ForecastEntry] = {}
        counts: dict[int, list[int]] = {}
        for e in self.items:
            number = e.task.stage
            assert isinstance(number, int)
            best = latest.get(number)
            if best is None or e.projected_finish > best.projected_finish:
                latest[number] = e
            count = counts.setdefault(number, [0, 0])
            count[0] += 1
            count[1] += not e.holds
        result = []
        for stage in self.stages:
            last = latest.get(stage.number)
            if last is None:
                continue
            finish = last.projected_finish
            slip = cal.workdays_between(stage.end, finish) if finish > stage.end else 0
            result.append(StageOutlook(stage, finish, stage.end, slip, counts[stage.number][0],
                                       counts[stage.number][1], last.task_id))
        return tuple(result)

    @property
    def commitments(self) -> tuple[Commitment, ...]:
        """For each item of the rectification list on the forecast date, whether its time limit holds.

        The list is the one :func:`~fazhi_tasks.rectification_list` gives for the same plan, statuses and
        date with this forecast's ``time_limit_workdays`` (computed on first use, then kept).
        """
        cached = self._cache.get("commitments")
        if cached is None:
            if self._plan is None:
                cached = ()
            else:
                from fazhi_tasks.analysis.rectify import rectification_list

                items = rectification_list(self._plan, self._statuses, self.as_of,
                                           time_limit_workdays=self.time_limit_workdays, calendar=self._calendar)
                cached = self.commitments_for(items)
            self._cache["commitments"] = cached
        return cached  # type: ignore[return-value]

    def commitments_for(self, items: object) -> tuple[Commitment, ...]:
        """The commitments of an already computed rectification list (its items need ``no``,
        ``task_id`` and ``time_limit``)."""
        cal = self._calendar or WorkCalendar(beyond="weekdays")
        entries = self.by_task()
        result = []
        for item in items:  # type: ignore[attr-defined]
            entry = entries.get(item.task_id)
            finish = entry.projected_finish if entry is not None else None
            if finish is None:
                result.append(Commitment(item.no, item.task_id, item.time_limit, None, holds=True))
                continue
            slip = cal.workdays_between(item.time_limit, finish) if finish > item.time_limit else 0
            result.append(Commitment(item.no, item.task_id, item.time_limit, finish, finish <= item.time_limit,
                                     slip))
        return tuple(result)


def forecast(plan: Plan, statuses: Mapping[str, Update], as_of: dt.date, *,
             calendar: WorkCalendar | None = None, time_limit_workdays: int = 15) -> Forecast:
    """Project every open task's finish from the pace its planned window sets (the default model above).

    One pass over the plan's topological order (computed when the plan was built) carries each
    task's projected finish as a working-day number, so a task's ``F`` is the maximum over its
    prerequisites plus its own remaining days: linear in tasks + prerequisite edges, with one
    calendar lookup per distinct date (dates are cached). A second pass in id order builds the entries.

    Args:
        plan: The plan.
        statuses: Task id → latest :class:`~fazhi_tasks.Update` as of the date (what
            :meth:`Ledger.status_as_of` returns); a missing id means 未启动.
        as_of: The forecast date; no open task finishes on or before it.
        calendar: The working-day calendar; default :meth:`WorkCalendar.for_plan` (Monday to Friday past the
            official data, noted in ``calendar_fallback``).
        time_limit_workdays: The rectification time limit for :attr:`Forecast.commitments`.

    Returns:
        The forecast, one entry per task not done, not suspended, with a deadline, in id order.

    Raises:
        CalendarCoverageError: A date falls beyond the data of a calendar given with ``beyond="error"``.

    >>> import fazhi_tasks as ft
    >>> day = dt.date(2021, 6, 30)
    >>> fc = forecast(ft.sample_plan(), ft.Ledger.from_updates(ft.sample_updates()).status_as_of(day), day)
    >>> e = fc.by_task()["T043"]
    >>> e.deadline, e.projected_finish, e.slip_workdays, e.proposed_deadline
    (datetime.date(2021, 4, 30), datetime.date(2021, 7, 9), 47, datetime.date(2021, 7, 31))
    """
    cal = (calendar or WorkCalendar.for_plan(plan)).copy()  # its own log of dates counted Monday–Friday
    if time_limit_workdays < 0:
        message = f"time_limit_workdays: {time_limit_workdays} must be ≥ 0"
        raise ValueError(message)
    from fazhi_tasks.core.errors import ArgumentError
    from fazhi_tasks.model.values import FIRST_DAY, LAST_DAY

    if not FIRST_DAY <= as_of <= LAST_DAY:
        raise ArgumentError(key="err.date_range", params={"value": as_of, "first": FIRST_DAY, "last": LAST_DAY},
                            field="as_of", value=as_of)
    items = _entries(plan, statuses, as_of, cal)
    return Forecast(as_of, items, plan.stages, time_limit_workdays, plan=plan, statuses=statuses, calendar=cal,
                    calendar_fallback=cal.fallback())


def _entries(plan: Plan, statuses: Mapping[str, Update], as_of: dt.date,
             cal: WorkCalendar) -> tuple[ForecastEntry, ...]:
    """The topological pass, carrying ``F`` as a working-day number; the entries come out in id order."""
    number_of, from_number = cal.workday_number, cal.from_workday_number
    today = number_of(as_of)
    numbers: dict[dt.date, int] = {as_of: today}  # each distinct date looked up once
    days: dict[int, dt.date] = {}  # and back
    ends: dict[int, dt.date] = {}  # F's number → its month's end
    before_stage = {s.number: s.start - dt.timedelta(days=1) for s in plan.stages}
    done, suspended, cancelled = Status.DONE, Status.SUSPENDED, Status.CANCELLED
    get = statuses.get
    deadline_of: dict[str, dt.date | None] = {}  # every task passed so far, for its dependents' windows
    finish: dict[str, int] = {}  # forecast task id → F
    made: dict[str, ForecastEntry] = {}
    for task in plan.tasks_in_topological_order:
        task_id, deadline = task.id, task.deadline
        deadline_of[task_id] = deadline
        if deadline is None:
            continue
        update = get(task_id)
        if update is not None and (update.status is done or update.status is suspended
                                   or update.status is cancelled):
            continue
        start: dt.date | None = None
        resume = today
        unforecast: list[str] | None = None
        for p in task.prerequisites:
            pd = deadline_of[p]
            if pd is not None and (start is None or pd > start):
                start = pd
            f = finish.get(p)
            if f is not None:
                if f > resume:  # noqa: PLR1730 - a comparison is cheaper than max() in the hot loop
                    resume = f
            elif (up := get(p)) is None or (up.status is not done and up.status is not cancelled):
                # suspended or ongoing: no F, named (a cancelled prerequisite waits for nothing)
                unforecast = [*unforecast, p] if unforecast else [p]
        if start is None:  # no prerequisite with a deadline: the window opens with the stage
            start = before_stage[task.stage]  # type: ignore[index]
        d = numbers.get(deadline) or numbers.setdefault(deadline, number_of(deadline))
        window = d - (numbers.get(start) or numbers.setdefault(start, number_of(start)))
        window = window if window > 1 else 1
        percent = update.percent if update is not None and update.percent is not None else 0
        f = finish[task_id] = resume + ((window * (100 - percent) + 99) // 100 if percent < 100 else 1)
        day = days.get(f)
        if day is None:
            day = days[f] = from_number(f)
            ends[f] = month_end(day)
        slip = f - d  # F is a working day: F ≤ deadline ⇔ its number ≤ the deadline's
        made[task_id] = ForecastEntry(task_id, task, window, f - resume, day, slip if slip > 0 else 0, slip <= 0,
                                      ends[f], tuple(unforecast) if unforecast else (), start,
                                      as_of if resume == today else days[resume])
    return tuple(map(made.__getitem__, filter(made.__contains__, plan.by_id)))  # id order, as the plan's
