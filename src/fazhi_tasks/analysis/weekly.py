"""The weekly overdue report (周报 / 督办通报): everything the renderers show, computed once.

Week-over-week changes come from the progress history itself: statuses as of the
week's last day against statuses seven days earlier, read in one pass over the
updates that also yields the weekly series of completed tasks.
"""

from __future__ import annotations

import collections
import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from operator import attrgetter
from typing import TYPE_CHECKING, Any

import attrs

from fazhi_tasks.analysis.coverage import IndicatorCoverage, indicator_coverage
from fazhi_tasks.analysis.rectify import EscalationLevels, RectificationList, rectification_list
from fazhi_tasks.analysis.shortfalls import Shortfall, ShortfallKind, find_shortfalls
from fazhi_tasks.core.i18n import Lang, Phrase, month_day, text
from fazhi_tasks.core.result import Rendered
from fazhi_tasks.model.calendar import CalendarFallback, WorkCalendar, calendar_note, first_fallback
from fazhi_tasks.model.plan import Plan
from fazhi_tasks.model.values import Status, Task, Update

__all__ = ["ChangeEntry", "DueEntry", "GroupSummary", "OverdueEntry", "PendingEntry", "TimeLimit", "WeekPoint",
           "WeeklyReport", "headline_phrase", "weekly_report"]

if TYPE_CHECKING:
    from fazhi_tasks.analysis.cancelled import History
    from fazhi_tasks.analysis.forecast import Forecast
    from fazhi_tasks.analysis.series import ProgressSeries
    from fazhi_tasks.ledger.front import Ledger
_CLOSED = (Status.DONE, Status.SUSPENDED, Status.CANCELLED)


@attrs.frozen
class GroupSummary:
    """Counts for the whole plan, one stage or one division, as of the report's date."""

    name: str
    total: int = 0
    done: int = 0
    in_progress: int = 0
    not_started: int = 0
    suspended: int = 0
    overdue: int = 0
    blocked: int = 0
    due_next_week: int = 0
    cancelled: int = 0

    @property
    def rate(self) -> float:
        """Share of the tasks still in the plan that are done, 0–1: cancelled tasks (已取消) are left out."""
        live = self.total - self.cancelled
        return self.done / live if live else 0.0


@attrs.frozen
class TimeLimit:
    """A rectification item's 整改时限 reconciled with the forecast: one date per item, never two that disagree.

    Attributes:
        task_id: The item's task.
        time_limit: The list's own time limit where the forecast says it holds, else the forecast's proposal
            (the end of the month after the projected finish).
        projected_finish: The forecast's projected finish, or ``None`` where there is no forecast.
        adjusted: Whether the list's own time limit cannot hold and ``time_limit`` is the proposal.
    """

    task_id: str
    time_limit: dt.date
    projected_finish: dt.date | None
    adjusted: bool


@attrs.frozen
class OverdueEntry:
    """An overdue task in the report: its shortfall, whether it is new this week, and for how many weeks."""

    shortfall: Shortfall
    new: bool
    weeks_overdue: int

    @property
    def task(self) -> Task:
        """The task."""
        return self.shortfall.task


@attrs.frozen
class ChangeEntry:
    """A task that changed this week: completed, or no longer overdue (resolved)."""

    task: Task
    status: Status
    on: dt.date | None
    days_overdue: int = 0


@attrs.frozen
class DueEntry:
    """A task due in the week after the report's date."""

    task: Task
    status: Status
    workdays_left: int
    root_causes: tuple[str, ...] = ()


@attrs.frozen
class PendingEntry:
    """A task reported 已完成 that awaits the office's review (待审核): it counts as 推进中 until passed (销号).

    Attributes:
        task: The task.
        reported: The day the division reported it done.
        division: Its lead division (牵头处室), who reported it.
    """

    task: Task
    reported: dt.date
    division: str


@attrs.frozen
class WeekPoint:
    """One point of the weekly series: tasks done by the end of that week, and done within it."""

    week_ending: dt.date
    done: int
    done_in_week: int


@attrs.frozen
class WeeklyReport(Rendered):
    """The weekly report for the week ending on ``week_ending``: render it with :func:`fazhi_tasks.render`, or
    the ``to_*`` shortcuts (``to_text``, ``to_markdown``, ``to_html``, ``to_xlsx``, ``to_docx``, ``to_dict``)."""

    plan_name: str
    week_ending: dt.date
    summary: GroupSummary
    stages: tuple[GroupSummary, ...]
    divisions: tuple[GroupSummary, ...]
    overdue: tuple[OverdueEntry, ...]
    resolved: tuple[ChangeEntry, ...]
    completed: tuple[ChangeEntry, ...]
    blocked: tuple[Shortfall, ...]
    due_next_week: tuple[DueEntry, ...]
    suspended: tuple[Task, ...]
    done_late: tuple[Shortfall, ...]
    rectification: RectificationList
    coverage: tuple[IndicatorCoverage, ...]
    series: tuple[WeekPoint, ...]
    notes: tuple[Phrase, ...] = ()
    joint_leads: bool = False
    forecast: Forecast | None = attrs.field(default=None, eq=False, repr=False)
    progress: ProgressSeries | None = attrs.field(default=None, eq=False, repr=False)
    plan: Plan | None = attrs.field(default=None, eq=False, repr=False)
    calendar_fallback: CalendarFallback | None = attrs.field(default=None, eq=False, repr=False)
    cancelled: tuple[Task, ...] = ()
    #: 待审核: the tasks reported 已完成 that the office has not yet passed (only with a ledger that is
    #: :attr:`~fazhi_tasks.Ledger.reviewing`; empty otherwise), by date reported, then plan order.
    pending: tuple[PendingEntry, ...] = ()

    @property
    def week_start(self) -> dt.date:
        """The first day of the week (six days before its end)."""
        return self.week_ending - dt.timedelta(days=6)

    @property
    def iso_week(self) -> tuple[int, int]:
        """(ISO year, ISO week number) of the week's last day."""
        year, week, _ = self.week_ending.isocalendar()
        return year, week

    @property
    def overdue_new(self) -> tuple[OverdueEntry, ...]:
        """Overdue tasks that were not overdue seven days earlier."""
        return tuple(e for e in self.overdue if e.new)

    @property
    def overdue_continuing(self) -> tuple[OverdueEntry, ...]:
        """Overdue tasks that were overdue seven days earlier too."""
        return tuple(e for e in self.overdue if not e.new)

    def time_limits(self) -> dict[str, TimeLimit]:
        """Each rectification item's 整改时限 reconciled with the forecast, by task id (the list's own where the
        forecast says it holds, else the forecast's month-end proposal; the list's own without a forecast)."""
        from fazhi_tasks.analysis.forecast import month_end

        fc = self.forecast
        found: dict[str, TimeLimit] = {}
        commitments = {c.task_id: c for c in fc.commitments_for(self.rectification)} if fc is not None else {}
        for item in self.rectification:
            c = commitments.get(item.task_id)
            if c is None or c.projected_finish is None or c.holds:
                found[item.task_id] = TimeLimit(item.task_id, item.time_limit, c.projected_finish if c else None,
                                                False)
            else:
                proposed = max(month_end(c.projected_finish), item.time_limit)
                found[item.task_id] = TimeLimit(item.task_id, proposed, c.projected_finish, True)
        return found

    def headline(self, lang: Lang = "zh") -> str:
        """The one-sentence summary in the style of a 督办通报."""
        from fazhi_tasks.core.errors import lang_of

        return headline_phrase(self).show(lang_of(lang))

    def document(self, *, settings: object = None, plan: Plan | None = None) -> Any:
        """The report laid out as a document of sections for the renderers (see :func:`fazhi_tasks.render`).

        Args:
            settings: The 通报 settings (:class:`~fazhi_tasks.ReportSettings`) its Word form is written with.
            plan: The plan, for the division heads named in the Word form (default the report's own).
        """
        import fazhi_tasks

        report = self if plan is None or plan is self.plan else attrs.evolve(self, plan=plan)
        return fazhi_tasks.document_of(report, settings=settings)  # type: ignore[arg-type]


def _month_day(day: dt.date) -> Callable[[Lang], str]:
    """A date as a 通报 writes it inside a sentence: ``6月25日`` (ISO in English)."""
    return lambda lang: month_day(day, lang)


def headline_phrase(report: WeeklyReport) -> Phrase:
    """The one-sentence summary in the style of a 督办通报, as a phrase of the language table."""
    s = report.summary
    return Phrase("headline", {
        "total": s.total, "day": _month_day(report.week_ending), "done": s.done, "rate": f"{s.rate:.1%}",
        "in_progress": s.in_progress, "not_started": s.not_started, "suspended": s.suspended, "overdue": s.overdue,
        "new": len(report.overdue_new), "blocked": s.blocked, "completed": len(report.completed),
        "resolved": len(report.resolved), "due": len(report.due_next_week)})


def _updates_until(history: Ledger | History | Iterable[Update], until: dt.date) -> list[Update]:
    if hasattr(history, "status_as_of"):  # a Ledger (or any history that answers for itself)
        return history.updates(until=until)  # type: ignore[union-attr]
    kept = [u for u in history if u.on <= until]
    kept.sort(key=attrgetter("on"))  # stable: among one day's updates the later one wins
    return kept


def _closed(plan: Plan, history: object, latest: dict[str, Update], before: dict[str, Update],
            week_ending: dt.date) -> tuple[dict[str, Update], dict[str, Update], tuple[PendingEntry, ...]]:
    """The statuses at the week's end and a week before as the reports count them, and what awaits review.

    With a ledger the office reviews (:attr:`~fazhi_tasks.Ledger.reviewing`), a 已完成 counts once closed (销号)
    — on both days, so "completed this week" counts closures; otherwise everything is as given.
    """
    if not getattr(history, "reviewing", False):
        return latest, before, ()
    from fazhi_tasks.analysis.review import closed_statuses

    reviews = history.reviews()  # type: ignore[attr-defined]
    now = closed_statuses(latest, reviews, week_ending)
    earlier = closed_statuses(before, reviews, week_ending - dt.timedelta(days=7))
    known, rank = plan.by_id, plan.rank
    pending = tuple(sorted((PendingEntry(known[t], u.on, known[t].division) for t, u in now.pending.items()),
                           key=lambda e: (e.reported, rank[e.task.id])))
    return now, earlier, pending


def _week_ends(first: dt.date, last: dt.date) -> list[dt.date]:
    """The days with ``last``'s weekday from the first on or after ``first`` up to ``last``."""
    start = first + dt.timedelta(days=(last.weekday() - first.weekday()) % 7)
    return [start + dt.timedelta(weeks=k) for k in range((last - start).days // 7 + 1)] if start <= last else [last]


def _replay(plan: Plan, updates: Sequence[Update], ends: Sequence[dt.date], previous: dt.date, unknown: set[str]
            ) -> tuple[dict[str, Update], dict[str, Update], list[WeekPoint]]:
    """One pass over the history: statuses at the end and a week before, and done counts per week.

    Ids of updates that name no task of the plan are collected in ``unknown``.
    """
    latest: dict[str, Update] = {}
    at_previous: dict[str, Update] = {}
    points: list[WeekPoint] = []
    known, finished = plan.by_id, Status.DONE
    done = 0
    i, count = 0, len(updates)
    for end in ends:
        done_before = done
        while i < count and updates[i].on <= end:
            u = updates[i]
            i += 1
            if u.task_id not in known:
                unknown.add(u.task_id)
                continue
            old = latest.get(u.task_id)
            done += (u.status is finished) - (old is not None and old.status is finished)
            latest[u.task_id] = u
        if end == previous:
            at_previous = dict(latest)
        points.append(WeekPoint(end, done, done - done_before))
    if previous not in ends:
        at_previous = {}
        for u in updates:
            if u.on > previous:
                break
            if u.task_id in plan:
                at_previous[u.task_id] = u
    return latest, at_previous, points


_FIELDS = ("total", "done", "in_progress", "not_started", "suspended", "overdue", "blocked", "due_next_week",
           "cancelled")
_STATUS_COLUMN = {Status.DONE: 1, Status.IN_PROGRESS: 2, Status.NOT_STARTED: 3, Status.SUSPENDED: 4,
                  Status.CANCELLED: 8}
_KIND_COLUMN = {ShortfallKind.OVERDUE: 5, ShortfallKind.BLOCKED: 6}


def _summaries(plan: Plan, status: Mapping[str, Status], kinds: Mapping[str, ShortfallKind], due: set[str]
               ) -> tuple[GroupSummary, tuple[GroupSummary, ...], tuple[GroupSummary, ...]]:
    """Counts for the whole plan, each stage and each division (those with tasks).

    Tasks are counted by (stage, leads, status, kind, due) in one C-level ``Counter`` pass; the few
    distinct combinations are then added up per group. A jointly led task counts under each of its leads.
    """
    combos = collections.Counter(
        (t.stage, t.leads if t.co_leads else t.division, status[t.id], kinds.get(t.id), t.id in due)
        for t in plan.tasks)
    overall = [0] * len(_FIELDS)
    stages = {s.number: [0] * len(_FIELDS) for s in plan.stages}
    divisions = {d.name: [0] * len(_FIELDS) for d in plan.divisions}
    for (stage, leads, st, kind, is_due), n in combos.items():
        columns = [0, _STATUS_COLUMN[st]]
        if (column := _KIND_COLUMN.get(kind)) is not None:  # type: ignore[arg-type]
            columns.append(column)
        if is_due:
            columns.append(7)
        rows = [overall, stages[stage]]  # type: ignore[index]
        rows += [divisions[d] for d in leads] if isinstance(leads, tuple) else [divisions[leads]]
        for row in rows:
            for c in columns:
                row[c] += n

    def summary(name: str, row: list[int]) -> GroupSummary:
        return GroupSummary(name, **dict(zip(_FIELDS, row, strict=True)))

    return (summary("all", overall),
            tuple(summary(f"{s.number} {s.name}", stages[s.number]) for s in plan.stages),
            tuple(summary(name, row) for name, row in divisions.items() if row[0]))


def weekly_report(
    plan: Plan,
    history: Ledger | History | Iterable[Update],
    week_ending: dt.date,
    *,
    calendar: WorkCalendar | None = None,
    time_limit_workdays: int = 15,
    levels: EscalationLevels | None = None,
    due_soon_workdays: int = 5,
    with_forecast: bool | None = None,
) -> WeeklyReport:
    """The weekly report for the week ending on ``week_ending`` (a Friday, usually).

    Args:
        plan: The plan.
        history: A :class:`~fazhi_tasks.Ledger` or any sequence of updates (later ones win ties).
        week_ending: The week's last day; the report is as of this day.
        calendar: The working-day calendar; default the official one with the plan's local days.
        time_limit_workdays: The rectification time limit in working days.
        levels: Escalation thresholds for the rectification list.
        due_soon_workdays: Working days ahead within which a task counts as due soon.
        with_forecast: Add the 进度预测 section (:func:`~fazhi_tasks.forecast` as of the week's end). By default
            it is added for plans of up to ``FORECAST_MAX_TASKS`` tasks (a bureau's, a city's); a province's
            rollup of 10⁶ tasks leaves it out unless asked, to keep the Friday run within its time.

    >>> import fazhi_tasks as ft
    >>> report = weekly_report(ft.sample_plan(), ft.sample_updates(), dt.date(2021, 6, 25))
    >>> report.iso_week, report.summary.total, len(report.overdue), [e.task.id for e in report.overdue_new]
    ((2021, 25), 97, 11, ['T045'])
    """
    _in_range(week_ending, "week_ending")
    return _weekly(plan, history, week_ending, calendar=calendar, time_limit_workdays=time_limit_workdays,
                   levels=levels, due_soon_workdays=due_soon_workdays,
                   with_forecast=len(plan) <= FORECAST_MAX_TASKS if with_forecast is None else with_forecast)


def _in_range(day: dt.date, field: str) -> None:
    from fazhi_tasks.core.errors import ArgumentError
    from fazhi_tasks.model.values import FIRST_DAY, LAST_DAY

    if not FIRST_DAY <= day <= LAST_DAY:
        raise ArgumentError(key="err.date_range", params={"value": day, "first": FIRST_DAY, "last": LAST_DAY},
                            field=field, value=day)


#: Plans up to this many tasks get the 进度预测 section in their weekly report by default.
FORECAST_MAX_TASKS = 50_000


def _weekly(plan: Plan, history: Ledger | History | Iterable[Update], week_ending: dt.date, *,
            calendar: WorkCalendar | None, time_limit_workdays: int, levels: EscalationLevels | None,
            due_soon_workdays: int, with_forecast: bool) -> WeeklyReport:
    cal = (calendar or WorkCalendar.for_plan(plan)).copy()  # its own log of dates counted Monday–Friday
    previous = week_ending - dt.timedelta(days=7)
    updates = _updates_until(history, week_ending)
    start = plan.stages[0].start if plan.stages else week_ending
    ends = _week_ends(min(start, week_ending), week_ending)
    unknown: set[str] = set()
    latest, before, points = _replay(plan, updates, ends, previous, unknown)
    known = plan.by_id
    latest, before, pending = _closed(plan, history, latest, before, week_ending)

    found = find_shortfalls(plan, latest, week_ending, calendar=cal, due_soon_workdays=due_soon_workdays)
    status = found.statuses
    kinds = {s.task_id: s.kind for s in found}
    horizon = week_ending + dt.timedelta(days=7)

    # One pass: overdue a week ago, completed this week, due in the next week.
    done, not_started = Status.DONE, Status.NOT_STARTED
    overdue_before: set[str] = set()
    completed_tasks: list[Task] = []
    due_tasks: list[Task] = []
    for task in plan.tasks:
        task_id, deadline, now = task.id, task.deadline, status[task.id]
        earlier = before.get(task_id)
        was = earlier.status if earlier is not None else not_started
        if now is done and was is not done:
            completed_tasks.append(task)
        if deadline is not None:
            if previous > deadline and was not in _CLOSED:
                overdue_before.add(task_id)
            if week_ending < deadline <= horizon and now not in _CLOSED:
                due_tasks.append(task)

    overdue = tuple(OverdueEntry(s, s.task_id not in overdue_before, (s.days_overdue + 6) // 7)
                    for s in found.overdue)
    now_overdue = {s.task_id for s in found.overdue}
    rank = plan.rank
    resolved = tuple(sorted(
        (ChangeEntry(plan[t], status[t], latest[t].on if t in latest else None,
                     (previous - plan[t].deadline).days)  # type: ignore[operator]
         for t in overdue_before - now_overdue if status[t] is not Status.CANCELLED),  # listed apart, once
        key=lambda e: (e.on or week_ending, rank[e.task.id])))
    completed = tuple(sorted((ChangeEntry(t, done, latest[t.id].on) for t in completed_tasks),
                             key=lambda e: (e.on or week_ending, rank[e.task.id])))
    shortfall_of = found.by_task() if due_tasks else {}
    due = tuple(sorted(
        (DueEntry(t, status[t.id], cal.workdays_between(week_ending, t.deadline),  # type: ignore[arg-type]
                  s.root_causes if (s := shortfall_of.get(t.id)) is not None else ())
         for t in due_tasks),
        key=lambda e: (e.task.deadline, rank[e.task.id])))
    due_ids = {e.task.id for e in due}

    summary, stages, divisions = _summaries(plan, status, kinds, due_ids)

    rectification = rectification_list(plan, latest, week_ending, time_limit_workdays=time_limit_workdays,
                                       levels=levels, calendar=cal, shortfalls=found)
    projected = progress = None
    if with_forecast:
        from fazhi_tasks.analysis.forecast import forecast
        from fazhi_tasks.analysis.series import progress_series

        projected = forecast(plan, latest, week_ending, calendar=cal, time_limit_workdays=time_limit_workdays)
        progress = progress_series(plan, updates, projected)
    fallback = first_fallback(cal.fallback(), found.calendar_fallback, rectification.calendar_fallback,
                              projected.calendar_fallback if projected is not None else None)
    notes = _notes(fallback, no_progress=bool(plan.tasks) and not any(u.task_id in known for u in updates),
                   unknown=unknown, cancelled=found.cancelled, day=week_ending)
    return WeeklyReport(
        plan_name=plan.name, week_ending=week_ending, summary=summary,
        stages=stages,
        divisions=divisions, overdue=overdue, resolved=resolved, completed=completed,
        blocked=found.blocked, due_next_week=due, suspended=found.suspended, done_late=found.done_late,
        rectification=rectification, coverage=tuple(indicator_coverage(plan, found)), series=tuple(points),
        notes=tuple(notes), joint_leads=any(t.co_leads for t in plan.tasks), forecast=projected, progress=progress,
        plan=plan, calendar_fallback=fallback, cancelled=found.cancelled, pending=pending)



def _notes(fallback: CalendarFallback | None, *, no_progress: bool, unknown: set[str],
           cancelled: Sequence[Task], day: dt.date) -> list[Phrase]:
    """The report's notes: dates counted Monday to Friday, no progress at all, unknown ids, cancelled tasks."""
    notes = []
    if fallback is not None:
        notes.append(calendar_note(fallback))
    if no_progress:
        notes.append(Phrase("note.no_progress", {"day": day}))
    if unknown:
        notes.append(unknown_ids_note(unknown))
    if cancelled:
        notes.append(cancelled_note(cancelled))
    return notes


def cancelled_note(tasks: Sequence[Task], shown: int = 10) -> Phrase:
    """The note listing the cancelled tasks (已取消) once: not counted in the rate, never overdue."""
    ids = "、".join(t.id for t in tasks[:shown]) + ("…" if len(tasks) > shown else "")
    return Phrase("note.cancelled", {"count": len(tasks), "ids": ids})


def unknown_ids_note(ids: set[str], shown: int = 10) -> Phrase:
    """A note naming progress updates for task ids the plan does not have (a typo such as ``t043``)."""
    ordered = sorted(ids)
    more = len(ordered) - shown
    listed = "、".join(ordered[:shown])
    return Phrase("note.unknown_ids", {"count": len(ordered),
                                       "ids": (lambda lang: listed + (text("sep.list", lang)
                                                                      + text("more", lang, count=more)
                                                                      if more > 0 else ""))})
