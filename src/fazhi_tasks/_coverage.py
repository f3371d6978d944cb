"""Indicator coverage: for each indicator, its tasks, how many are done, and whether any is behind."""

from __future__ import annotations

import attrs

from ._model import Status, id_sort_key
from ._plan import Plan
from ._shortfalls import Shortfalls

__all__ = ["IndicatorCoverage", "indicator_coverage"]


@attrs.frozen
class IndicatorCoverage:
    """How one indicator (指标) stands.

    Attributes:
        number: The indicator number; a plan's indicator covers its own number and every
            number below it (``4`` covers ``4.2.3``).
        title: The plan's title for it, if any.
        task_ids: The tasks serving it.
        done: How many of them are done.
        overdue: Ids of those overdue.
        blocked: Ids of those blocked.
    """

    number: str
    title: str
    task_ids: tuple[str, ...]
    done: int
    overdue: tuple[str, ...]
    blocked: tuple[str, ...]

    @property
    def covered(self) -> bool:
        """Whether any task serves the indicator."""
        return bool(self.task_ids)

    @property
    def behind(self) -> bool:
        """Whether any of its tasks is overdue or blocked."""
        return bool(self.overdue or self.blocked)


def _key(number: str) -> tuple[object, ...]:
    return id_sort_key(number)


def indicator_coverage(plan: Plan, shortfalls: Shortfalls) -> list[IndicatorCoverage]:
    """Each indicator the plan declares or a task names, with its tasks and their state.

    Declared indicators with no task at all come out with empty ``task_ids``.

    >>> import datetime as dt, fazhi_tasks as ft
    >>> day = dt.date(2021, 6, 30)
    >>> found = ft.find_shortfalls(ft.sample_plan(), ft.Ledger.from_updates(ft.sample_updates()).status_as_of(day), day)
    >>> area = indicator_coverage(ft.sample_plan(), found)[3]
    >>> area.number, area.title, len(area.task_ids), area.overdue
    ('4', '行政执法严格规范公正文明', 22, ('T043', 'T045', 'T047', 'T057'))
    """
    declared = {i.number: i.title for i in plan.indicators}
    numbers = dict.fromkeys(declared)
    members: dict[str, list[str]] = {n: [] for n in declared}
    owners_of: dict[str, list[str]] = {}  # many tasks share an indicator: work out its owners once
    for task in plan.tasks:
        if task.indicator is None:
            continue
        owners = owners_of.get(task.indicator)
        if owners is None:
            parts = task.indicator.split(".")
            prefixes = (".".join(parts[:k]) for k in range(1, len(parts) + 1))
            owners = owners_of[task.indicator] = [p for p in prefixes if p in declared] or [task.indicator]
            for owner in owners:
                numbers.setdefault(owner, None)
                members.setdefault(owner, [])
        for owner in owners:
            members[owner].append(task.id)
    overdue = {s.task_id for s in shortfalls.overdue}
    blocked = {s.task_id for s in shortfalls.blocked}
    status, done = shortfalls.statuses, Status.DONE
    result = []
    for number in sorted(numbers, key=_key):
        ids = tuple(members[number])
        result.append(IndicatorCoverage(
            number=number, title=declared.get(number) or "", task_ids=ids,
            done=sum(1 for t in ids if status.get(t) is done),
            overdue=tuple(t for t in ids if t in overdue), blocked=tuple(t for t in ids if t in blocked)))
    return result
