"""Rectification lists (问题清单 / 责任清单 / 整改清单): shortfalls turned into numbered, time-limited items."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping

import attrs

from ._calendar import WorkCalendar
from ._model import Status, Update
from ._plan import Plan
from ._sequence import RecordSequence
from ._shortfalls import Shortfall, Shortfalls, find_shortfalls

__all__ = ["EscalationLevels", "Level", "RectificationItem", "RectificationList", "rectification_list"]


class Level(enum.StrEnum):
    """督办等级, the colour of the escalation slip."""

    BLUE = "蓝"
    YELLOW = "黄"
    RED = "红"

    @property
    def english(self) -> str:
        """``blue``, ``yellow`` or ``red``."""
        return {"蓝": "blue", "黄": "yellow", "红": "red"}[self.value]


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
            message = f"levels: need 1 ≤ yellow_from ≤ red_from, got {self.yellow_from} and {self.red_from}"
            raise ValueError(message)

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

    Attributes:
        no: 序号, from 1.
        task_id: The overdue task.
        problem: 问题: what is late, by how much, what it holds up, and its root cause if not itself.
        division: 责任处室, the task's lead division.
        supporting: 配合处室.
        measure: 整改措施.
        time_limit: 整改时限: the as-of date plus the time limit in working days.
        level: 督办等级, 蓝 / 黄 / 红.
        progress: 完成情况: the latest reported status, percent and note.
        title: The task's title.
        deadline: The task's deadline.
        days_overdue: Calendar days overdue.
        workdays_overdue: Working days overdue.
        holds_up: Unfinished tasks it holds up.
        root_causes: The overdue tasks upstream that hold it up (empty when it is a root cause).
    """

    no: int
    task_id: str
    problem: str
    division: str
    supporting: tuple[str, ...]
    measure: str
    time_limit: dt.date
    level: Level
    progress: str
    title: str = ""
    deadline: dt.date | None = None
    days_overdue: int = 0
    workdays_overdue: int = 0
    holds_up: int = 0
    root_causes: tuple[str, ...] = ()

    @property
    def problem_en(self) -> str:
        """The problem in English."""
        text = (f"{self.task_id} {self.title}: due {self.deadline}, {self.days_overdue} days "
                f"({self.workdays_overdue} working days) overdue")
        if self.holds_up:
            text += f"; holds up {self.holds_up} tasks"
        if self.root_causes:
            text += f"; held up by {', '.join(self.root_causes)}"
        return text


@attrs.frozen
class RectificationList(RecordSequence[RectificationItem]):
    """The numbered items, root causes first, then by working days overdue.

    Attributes:
        as_of: The date of the list.
        items: The items.
    """

    as_of: dt.date
    items: tuple[RectificationItem, ...]

    def by_division(self) -> dict[str, tuple[RectificationItem, ...]]:
        """The responsibility list (责任清单): each lead division's items, divisions in order of first item."""
        groups: dict[str, list[RectificationItem]] = {}
        for item in self.items:
            groups.setdefault(item.division, []).append(item)
        return {d: tuple(items) for d, items in groups.items()}


def _progress(shortfall: Shortfall) -> str:
    update = shortfall.update
    if update is None:
        return f"{Status.NOT_STARTED.value}（无进展报送）"
    text = update.status.value
    if update.percent is not None:
        text += f" {update.percent}%"
    detail = "：".join(x for x in (update.on.isoformat(), update.note) if x)
    return f"{text}（{detail}）"


def _problem(shortfall: Shortfall, plan: Plan) -> str:
    task = shortfall.task
    text = (f"{task.id} {task.title}：应于{task.deadline}前完成，已逾期{shortfall.days_overdue}天"
            f"（{shortfall.workdays_overdue}个工作日）")
    if shortfall.holds_up:
        text += f"，影响后续{shortfall.holds_up}项任务"
    if shortfall.root_causes:
        causes = "、".join(f"{r}（{plan[r].division}）" for r in shortfall.root_causes)
        text += f"；受前置任务{causes}逾期影响"
    return text


def _measure(shortfall: Shortfall, plan: Plan, time_limit: dt.date) -> str:
    task = shortfall.task
    if shortfall.root_causes:
        lead = "、".join(dict.fromkeys(plan[r].division for r in shortfall.root_causes))
        first = f"会同{lead}督促前置任务{'、'.join(shortfall.root_causes)}限时完成，"
    else:
        first = "制定整改计划，明确责任人，倒排工期，"
    evidence = f"并报送佐证材料（{task.deliverable}）" if task.deliverable else "并报送整改情况"
    text = f"{first}于{time_limit}前完成{evidence}"
    if shortfall.holds_up:
        text += "；完成后及时通知后续任务责任处室"
    return text


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
        calendar: The working-day calendar; default the official one with the plan's local days.
        shortfalls: Already computed shortfalls for the same date, to save the analysis.

    >>> import fazhi_tasks as ft
    >>> day = dt.date(2021, 6, 30)
    >>> items = rectification_list(ft.sample_plan(), ft.Ledger.from_updates(ft.sample_updates()).status_as_of(day), day)
    >>> first = items[0]
    >>> first.no, first.task_id, first.division, first.level.value, first.time_limit
    (1, 'T043', '政策法规处', '红', datetime.date(2021, 7, 21))
    """
    cal = calendar or WorkCalendar.for_plan(plan)
    levels = levels or EscalationLevels()
    if time_limit_workdays < 0:
        message = f"time_limit_workdays: {time_limit_workdays} must be ≥ 0"
        raise ValueError(message)
    found = shortfalls if shortfalls is not None else find_shortfalls(plan, statuses, as_of, calendar=cal)
    limit = cal.add_workdays(as_of, time_limit_workdays)
    items = []
    for no, s in enumerate(found.overdue, start=1):
        items.append(RectificationItem(
            no=no, task_id=s.task_id, problem=_problem(s, plan), division=s.task.division,
            supporting=s.task.supporting, measure=_measure(s, plan, limit), time_limit=limit,
            level=levels.level_for(s.workdays_overdue), progress=_progress(s), title=s.task.title,
            deadline=s.task.deadline, days_overdue=s.days_overdue, workdays_overdue=s.workdays_overdue,
            holds_up=s.holds_up, root_causes=s.root_causes))
    return RectificationList(as_of, tuple(items))
