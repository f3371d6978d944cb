"""Rectification lists (问题清单 / 责任清单 / 整改清单): shortfalls turned into numbered, time-limited items."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping

import attrs

from fazhi_tasks.analysis.shortfalls import Shortfalls, find_shortfalls
from fazhi_tasks.core.errors import ArgumentError
from fazhi_tasks.core.i18n import Lang, day, join, paren, text, word
from fazhi_tasks.core.result import Rendered
from fazhi_tasks.core.sequence import RecordSequence
from fazhi_tasks.model.calendar import CalendarFallback, WorkCalendar, first_fallback
from fazhi_tasks.model.plan import Plan
from fazhi_tasks.model.values import Update

__all__ = ["EscalationLevels", "Level", "RectificationItem", "RectificationList", "rectification_list"]


class Level(enum.StrEnum):
    """督办等级, the colour of the escalation slip."""

    BLUE = "蓝"
    YELLOW = "黄"
    RED = "红"

    @property
    def english(self) -> str:
        """``blue``, ``yellow`` or ``red``."""
        return word(self, "en")


@attrs.frozen
class EscalationLevels:
    """Thresholds, in working days overdue, for the colour of an item's supervision slip.

    The defaults follow the three-colour slips of 三明 (domain reference, "Lists and
    reports"): 蓝 is the first reminder with a time limit; the next colour comes when that
    limit is missed, and 红 when the second limit is missed too. With the default
    15-working-day rectification limit that gives 蓝 for 1–15 working days overdue,
    黄 for 16–30, 红 from 31.

    >>> levels = EscalationLevels()
    >>> [levels.level_for(n).value for n in (1, 15, 16, 30, 31)]
    ['蓝', '蓝', '黄', '黄', '红']
    """

    yellow_from: int = 16
    red_from: int = 31

    def __attrs_post_init__(self) -> None:
        if not 1 <= self.yellow_from <= self.red_from:
            raise ArgumentError(key="err.levels", params={"yellow": self.yellow_from, "red": self.red_from},
                                field="levels", value=(self.yellow_from, self.red_from))

    def level_for(self, workdays_overdue: int) -> Level:
        """The level for a number of working days overdue."""
        if workdays_overdue >= self.red_from:
            return Level.RED
        if workdays_overdue >= self.yellow_from:
            return Level.YELLOW
        return Level.BLUE


@attrs.frozen
class RectificationItem:
    """One numbered item of the rectification list: an overdue task, who fixes it, how, and by when.

    The item holds values; its sentences (问题, 整改措施, 完成情况) are written from them in the
    language asked for by :meth:`problem_text`, :meth:`measure_text` and :meth:`progress_text`
    (the ``problem``, ``measure`` and ``progress`` attributes give the Chinese).

    Attributes:
        no: 序号, from 1.
        task_id: The overdue task.
        division: 责任处室, the task's (first-named) lead division.
        supporting: 配合处室.
        time_limit: 整改时限: the as-of date plus the time limit in working days.
        level: 督办等级, 蓝 / 黄 / 红.
        title: The task's title.
        deadline: The task's deadline.
        days_overdue: Calendar days overdue.
        workdays_overdue: Working days overdue.
        holds_up: Unfinished tasks it holds up.
        root_causes: The overdue tasks upstream that hold it up (empty when it is a root cause).
        root_divisions: The lead divisions of those root causes, in order.
        co_leads: The task's other lead divisions (joint leads).
        owner: The person responsible (责任人), if the plan names one.
        deliverable: The evidence to hand in, if the plan names it.
        update: The latest progress update, if any.
    """

    no: int
    task_id: str
    division: str
    supporting: tuple[str, ...]
    time_limit: dt.date
    level: Level
    title: str = ""
    deadline: dt.date | None = None
    days_overdue: int = 0
    workdays_overdue: int = 0
    holds_up: int = 0
    root_causes: tuple[str, ...] = ()
    root_divisions: tuple[str, ...] = ()
    co_leads: tuple[str, ...] = ()
    owner: str | None = None
    deliverable: str | None = None
    update: Update | None = None

    @property
    def leads(self) -> tuple[str, ...]:
        """Every lead division: ``division`` first, then ``co_leads``."""
        return (self.division, *self.co_leads)

    def problem_text(self, lang: Lang = "zh") -> str:
        """问题: what is late, by how much, what it holds up, and its root causes if not itself."""
        out = text("problem.late", lang, id=self.task_id, title=self.title, deadline=self.deadline,
                   days=self.days_overdue, workdays=self.workdays_overdue)
        if self.holds_up:
            out += text("problem.holds_up", lang, count=self.holds_up)
        if self.root_causes:
            pairs = zip(self.root_causes, self.root_divisions or ("",) * len(self.root_causes), strict=True)
            causes = join((r + paren(d, lang) if d else r for r, d in pairs), lang)
            out += text("problem.held_by", lang, causes=causes)
        return out

    def measure_text(self, lang: Lang = "zh") -> str:
        """整改措施: who does what by when; never asks a division to work 会同 with itself."""
        if self.root_causes:
            causes = join(self.root_causes, lang)
            others = [d for d in dict.fromkeys(self.root_divisions) if d not in self.leads]
            first = (text("measure.root", lang, leads=join(others, lang), causes=causes) if others
                     else text("measure.urge", lang, causes=causes))
        elif self.owner:
            first = text("measure.plan_owner", lang, owner=self.owner)
        else:
            first = text("measure.plan_noowner", lang)
        out = first + text("measure.finish", lang, limit=self.time_limit)
        out += (text("measure.evidence", lang, deliverable=self.deliverable) if self.deliverable
                else text("measure.report", lang))
        if self.holds_up:
            out += text("measure.notify", lang)
        return out

    def progress_text(self, lang: Lang = "zh") -> str:
        """完成情况: the latest reported status, percent and note."""
        update = self.update
        if update is None:
            return text("progress.none", lang)
        out = word(update.status, lang)
        if update.percent is not None:
            out += f" {update.percent}%"
        detail = join((x for x in (day(update.on, lang), update.note) if x), lang, "sep.colon")
        return out + paren(detail, lang)

    @property
    def problem(self) -> str:
        """问题, in Chinese."""
        return self.problem_text("zh")

    @property
    def problem_en(self) -> str:
        """The problem in English."""
        return self.problem_text("en")

    @property
    def measure(self) -> str:
        """整改措施, in Chinese."""
        return self.measure_text("zh")

    @property
    def progress(self) -> str:
        """完成情况, in Chinese."""
        return self.progress_text("zh")


@attrs.frozen
class RectificationList(RecordSequence[RectificationItem], Rendered):
    """The numbered items, root causes first, then by working days overdue.

    Attributes:
        as_of: The date of the list.
        items: The items.
        calendar_fallback: Set when working days were counted Monday to Friday past the official holiday data.
        plan: The plan the list is of (for its name in reports), if known.
    """

    as_of: dt.date
    items: tuple[RectificationItem, ...]
    calendar_fallback: CalendarFallback | None = attrs.field(default=None, repr=False, eq=False)
    plan: Plan | None = attrs.field(default=None, repr=False, eq=False)

    def by_division(self) -> dict[str, tuple[RectificationItem, ...]]:
        """The responsibility list (责任清单): each lead division's items, divisions in order of first item."""
        groups: dict[str, list[RectificationItem]] = {}
        for item in self.items:
            groups.setdefault(item.division, []).append(item)
        return {d: tuple(items) for d, items in groups.items()}


def rectification_list(
    plan: Plan,
    statuses: Mapping[str, Update],
    as_of: dt.date,
    *,
    time_limit_workdays: int = 15,
    levels: EscalationLevels | None = None,
    calendar: WorkCalendar | None = None,
    shortfalls: Shortfalls | None = None,
) -> RectificationList:
    """The problem and responsibility list: one item per overdue task, root causes first.

    Args:
        plan: The plan.
        statuses: Task id → latest update as of the date; a missing id means 未启动.
        as_of: The date of the list.
        time_limit_workdays: Working days, counted from the day after ``as_of``, to fix each item.
        levels: Thresholds for 蓝 / 黄 / 红; default :class:`EscalationLevels`.
        calendar: The working-day calendar; default :meth:`WorkCalendar.for_plan` (Monday to Friday past the
            official data, noted in ``calendar_fallback``).
        shortfalls: Already computed shortfalls for the same date, to save the analysis.

    >>> import fazhi_tasks as ft
    >>> day = dt.date(2021, 6, 30)
    >>> items = rectification_list(ft.sample_plan(), ft.Ledger.from_updates(ft.sample_updates()).status_as_of(day), day)
    >>> first = items[0]
    >>> first.no, first.task_id, first.division, first.level.value, first.time_limit
    (1, 'T043', '政策法规处', '红', datetime.date(2021, 7, 21))
    """
    cal = (calendar or WorkCalendar.for_plan(plan)).copy()  # its own log of dates counted Monday–Friday
    levels = levels or EscalationLevels()
    if isinstance(time_limit_workdays, bool) or not isinstance(time_limit_workdays, int) or time_limit_workdays < 0:
        raise ArgumentError(key="err.time_limit", params={"value": time_limit_workdays},
                            field="time_limit_workdays", value=time_limit_workdays)
    other_plan = shortfalls is not None and shortfalls.plan is not None and shortfalls.plan is not plan
    if shortfalls is not None and (shortfalls.as_of != as_of or other_plan):
        their = f"{shortfalls.as_of} / {shortfalls.plan.name}" if other_plan and shortfalls.plan else shortfalls.as_of
        raise ArgumentError(key="err.shortfalls_other", params={"their": their, "ours": as_of},
                            field="shortfalls", value=shortfalls.as_of)
    found = shortfalls if shortfalls is not None else find_shortfalls(plan, statuses, as_of, calendar=cal)
    limit = cal.add_workdays(as_of, time_limit_workdays)
    by_id = plan.by_id
    items = []
    for no, s in enumerate(found.overdue, start=1):
        task = s.task
        items.append(RectificationItem(
            no=no, task_id=s.task_id, division=task.division, supporting=task.supporting, time_limit=limit,
            level=levels.level_for(s.workdays_overdue), title=task.title, deadline=task.deadline,
            days_overdue=s.days_overdue, workdays_overdue=s.workdays_overdue, holds_up=s.holds_up,
            root_causes=s.root_causes, root_divisions=tuple(by_id[r].division for r in s.root_causes),
            co_leads=task.co_leads, owner=task.owner, deliverable=task.deliverable, update=s.update))
    return RectificationList(as_of, tuple(items), first_fallback(found.calendar_fallback, cal.fallback()), plan=plan)
