"""Shortfalls (短板 / 逾期事项): overdue, blocked with root causes, due soon, done late.

The analysis is one pass over the plan's topological order: each unfinished task
receives the set of overdue tasks that reach it through unfinished prerequisites
(a finished prerequisite releases what follows it). Root causes and hold-up counts
are read off those sets; there is no graph search per task.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping

import attrs

from fazhi_tasks.core.result import Rendered
from fazhi_tasks.core.sequence import RecordSequence
from fazhi_tasks.model.calendar import CalendarFallback, WorkCalendar
from fazhi_tasks.model.plan import Plan
from fazhi_tasks.model.values import Status, Task, Update

__all__ = ["Shortfall", "ShortfallKind", "Shortfalls", "find_shortfalls"]

_EMPTY: frozenset[str] = frozenset()


class ShortfallKind(enum.StrEnum):
    """What kind of shortfall a task is."""

    OVERDUE = "overdue"
    BLOCKED = "blocked"
    DUE_SOON = "due_soon"
    DONE_LATE = "done_late"

    @property
    def chinese(self) -> str:
        """The Chinese label: 逾期, 受阻, 即将到期, 逾期完成."""
        return {"overdue": "逾期", "blocked": "受阻", "due_soon": "即将到期", "done_late": "逾期完成"}[self.value]


@attrs.frozen
class Shortfall:
    """One task that is behind, as of a date.

    Attributes:
        task_id: The task.
        kind: overdue, blocked, due_soon or done_late.
        task: The task itself.
        status: Its status as of the date.
        days_overdue: Calendar days past the deadline (done late: days late); 0 otherwise.
        workdays_overdue: Working days past the deadline by the official calendar; 0 otherwise.
        root_causes: For overdue and blocked tasks, the most upstream overdue tasks that reach
            this one through unfinished prerequisites (empty for an overdue task nothing reaches).
        holds_up: For overdue tasks, how many unfinished tasks they reach that way.
        workdays_left: For tasks due soon, working days until the deadline.
        update: The latest update as of the date, if any.
    """

    task_id: str
    kind: ShortfallKind
    task: Task = attrs.field(repr=False, eq=False)
    status: Status
    days_overdue: int = 0
    workdays_overdue: int = 0
    root_causes: tuple[str, ...] = ()
    holds_up: int = 0
    workdays_left: int | None = None
    update: Update | None = attrs.field(default=None, repr=False)

    @property
    def deadline(self) -> dt.date | None:
        """The task's deadline."""
        return self.task.deadline

    @property
    def division(self) -> str:
        """The task's lead division."""
        return self.task.division

    @property
    def is_root_cause(self) -> bool:
        """An overdue task that no other overdue task reaches."""
        return self.kind is ShortfallKind.OVERDUE and not self.root_causes




@attrs.frozen
class Shortfalls(RecordSequence[Shortfall], Rendered):
    """The shortfalls of a plan as of a date: a sequence, overdue first (root causes first).

    Attributes:
        as_of: The date of the analysis.
        items: The shortfalls, one per task at most.
        suspended: Tasks suspended (已暂缓) as of the date, listed apart.
        statuses: Every task's status as of the date.
        plan: The plan analysed (so a result is never applied to another plan).
        calendar_fallback: Set when working days were counted Monday to Friday past the official holiday data.
        cancelled: Tasks cancelled (已取消) as of the date: never open or overdue, listed apart once.
    """

    as_of: dt.date
    items: tuple[Shortfall, ...]
    suspended: tuple[Task, ...]
    statuses: Mapping[str, Status] = attrs.field(repr=False, eq=False)
    plan: Plan | None = attrs.field(default=None, repr=False, eq=False)
    calendar_fallback: CalendarFallback | None = attrs.field(default=None, repr=False, eq=False)
    cancelled: tuple[Task, ...] = ()
    _kinds: dict[ShortfallKind, tuple[Shortfall, ...]] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        groups: dict[ShortfallKind, list[Shortfall]] = {kind: [] for kind in ShortfallKind}
        for s in self.items:
            groups[s.kind].append(s)
        object.__setattr__(self, "_kinds", {kind: tuple(group) for kind, group in groups.items()})

    def of_kind(self, kind: ShortfallKind | str) -> tuple[Shortfall, ...]:
        """The shortfalls of one kind, in order."""
        return self._kinds[ShortfallKind(kind)]

    @property
    def overdue(self) -> tuple[Shortfall, ...]:
        """Overdue tasks, root causes first, then by working days overdue."""
        return self.of_kind(ShortfallKind.OVERDUE)

    @property
    def blocked(self) -> tuple[Shortfall, ...]:
        """Tasks not overdue themselves but held up by an overdue one."""
        return self.of_kind(ShortfallKind.BLOCKED)

    @property
    def due_soon(self) -> tuple[Shortfall, ...]:
        """Tasks due within the next working days asked for."""
        return self.of_kind(ShortfallKind.DUE_SOON)

    @property
    def done_late(self) -> tuple[Shortfall, ...]:
        """Tasks completed after their deadline (counted, not rectification items)."""
        return self.of_kind(ShortfallKind.DONE_LATE)

    def by_task(self) -> dict[str, Shortfall]:
        """The shortfalls by task id."""
        return {s.task_id: s for s in self.items}


def _propagate(plan: Plan, statuses: Mapping[str, Update], as_of: dt.date
               ) -> tuple[dict[str, Status], set[str], dict[str, frozenset[str]]]:
    """One pass in topological order: statuses, the overdue tasks, and what reaches each unfinished task.

    Each unfinished task receives its unfinished prerequisites' sets of overdue tasks, plus those
    prerequisites that are overdue themselves; a finished prerequisite passes nothing on. Sets are
    shared, not copied, when a task adds nothing to what a single prerequisite passes on, so the work
    is linear in tasks + edges + the sizes of the sets themselves.

    Returns:
        Every task's status, the overdue task ids, and for each unfinished task the overdue tasks
        that reach it.
    """
    done, suspended, not_started, cancelled = Status.DONE, Status.SUSPENDED, Status.NOT_STARTED, Status.CANCELLED
    get = statuses.get
    status: dict[str, Status] = {}
    overdue: set[str] = set()
    reached: dict[str, frozenset[str]] = {}
    for task in plan.tasks_in_topological_order:
        task_id = task.id
        update = get(task_id)
        st = status[task_id] = update.status if update is not None else not_started
        if st is done or st is cancelled:
            continue
        if st is not suspended and task.deadline is not None and as_of > task.deadline:
            overdue.add(task_id)
        acc: frozenset[str] | set[str] = _EMPTY
        shared = True  # acc is another task's set, not ours to change
        for p in task.prerequisites:
            if status[p] is done or status[p] is cancelled:  # a cancelled prerequisite holds nothing up
                continue
            incoming = reached[p]
            if p in overdue:
                if shared:
                    acc = set(acc)
                    shared = False
                acc.add(p)  # type: ignore[union-attr]
            if not incoming or incoming is acc:
                continue
            if shared and not acc:
                acc = incoming
            else:
                if shared:
                    acc = set(acc)
                    shared = False
                acc |= incoming
        reached[task_id] = acc if shared else frozenset(acc)  # type: ignore[assignment]
    return status, overdue, reached


def find_shortfalls(
    plan: Plan,
    statuses: Mapping[str, Update],
    as_of: dt.date,
    *,
    calendar: WorkCalendar | None = None,
    due_soon_workdays: int = 5,
) -> Shortfalls:
    """What is behind as of ``as_of``, by the rules of PRODUCT.md §3.

    Args:
        plan: The plan.
        statuses: Task id → latest :class:`~fazhi_tasks.Update` as of the date (what
            :meth:`Ledger.status_as_of` returns); a missing id means 未启动.
        as_of: The date; a task due on it is not yet overdue.
        calendar: The working-day calendar; default :meth:`WorkCalendar.for_plan` (Monday to Friday past the
            official data, noted in ``calendar_fallback``).
        due_soon_workdays: A task due within this many working days is due soon.

    Returns:
        The shortfalls, overdue first, then blocked, due soon and done late.

    >>> import fazhi_tasks as ft
    >>> ledger = ft.Ledger.from_updates(ft.sample_updates())
    >>> day = dt.date(2021, 6, 30)
    >>> found = find_shortfalls(ft.sample_plan(), ledger.status_as_of(day), day)
    >>> len(found.overdue), found.overdue[0].task_id, found.overdue[0].holds_up
    (11, 'T043', 10)
    >>> found.by_task()["T052"].root_causes   # overdue itself, and held up by T051
    ('T051',)
    """
    cal = (calendar or WorkCalendar.for_plan(plan)).copy()  # its own log of dates counted Monday–Friday
    found = _find(plan, statuses, as_of, cal, due_soon_workdays)
    return attrs.evolve(found, calendar_fallback=cal.fallback())


def _find(plan: Plan, statuses: Mapping[str, Update], as_of: dt.date, cal: WorkCalendar,
          due_soon_workdays: int) -> Shortfalls:
    rank = plan.rank
    status, overdue, reached = _propagate(plan, statuses, as_of)

    holds: dict[str, int] = dict.fromkeys(overdue, 0)
    for ancestors in reached.values():
        for o in ancestors:
            holds[o] += 1

    # due soon ⇔ as_of ≤ deadline < the (N+1)-th working day after as_of; near the end of the data, count per
    # task instead, which goes past the data (raising, or noting it) only where a deadline needs it
    due_limit = cal.add_workdays_within_data(as_of, due_soon_workdays + 1)
    done, kinds = Status.DONE, ShortfallKind
    late, blocked, soon, done_late = [], [], [], []
    suspended: list[Task] = []
    cancelled: list[Task] = []
    roots_of: dict[frozenset[str], tuple[str, ...]] = {_EMPTY: ()}  # sets are shared along chains
    for task in plan.tasks:  # id order: blocked and due-soon lists come out sorted
        task_id, deadline = task.id, task.deadline
        st = status[task_id]
        if st is done:
            update = statuses[task_id]
            if deadline is not None and update.on > deadline:
                done_late.append(Shortfall(task_id, kinds.DONE_LATE, task, st, days_overdue=(update.on - deadline).days,
                                           workdays_overdue=cal.workdays_between(deadline, update.on), update=update))
            continue
        if st is Status.SUSPENDED:
            suspended.append(task)
            continue
        if st is Status.CANCELLED:
            cancelled.append(task)
            continue
        ancestors = reached[task_id]
        if not ancestors and task_id not in overdue:  # the common case: on track, maybe due soon
            if deadline is not None and as_of <= deadline and (due_limit is None or deadline < due_limit):
                left = cal.workdays_between(as_of, deadline)
                if left <= due_soon_workdays:
                    soon.append(Shortfall(task_id, kinds.DUE_SOON, task, st, workdays_left=left,
                                          update=statuses.get(task_id)))
            continue
        roots = roots_of.get(ancestors)
        if roots is None:
            roots = tuple(sorted((o for o in ancestors if not reached[o]), key=rank.__getitem__))
            roots_of[ancestors] = roots
        if task_id in overdue:
            assert deadline is not None
            late.append(Shortfall(task_id, kinds.OVERDUE, task, st, days_overdue=(as_of - deadline).days,
                                  workdays_overdue=cal.workdays_between(deadline, as_of), root_causes=roots,
                                  holds_up=holds[task_id], update=statuses.get(task_id)))
        else:
            blocked.append(Shortfall(task_id, kinds.BLOCKED, task, st, root_causes=roots,
                                     update=statuses.get(task_id)))
    late.sort(key=lambda s: (bool(s.root_causes), -s.workdays_overdue, -s.holds_up, rank[s.task_id]))
    done_late.sort(key=lambda s: (-s.workdays_overdue, rank[s.task_id]))
    items = late + blocked + soon + done_late
    return Shortfalls(as_of, tuple(items), tuple(suspended), status, plan, cancelled=tuple(cancelled))
