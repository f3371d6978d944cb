"""Indicator coverage: for each indicator, its tasks, how many are done, and whether any is behind."""

from __future__ import annotations

import attrs

from fazhi_tasks.analysis.shortfalls import Shortfalls
from fazhi_tasks.model.plan import Plan
from fazhi_tasks.model.values import Status, id_sort_key

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


def _number_key(number: str) -> tuple[object, ...]:
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
    done: dict[str, int] = dict.fromkeys(declared, 0)
    owners_of: dict[str, list[str]] = {}  # many tasks share an indicator: work out its owners once
    status, finished = shortfalls.statuses, Status.DONE

    def owners(indicator: str) -> list[str]:
        found = owners_of.get(indicator)
        if found is None:
            parts = indicator.split(".")
            prefixes = (".".join(parts[:k]) for k in range(1, len(parts) + 1))
            found = owners_of[indicator] = [p for p in prefixes if p in declared] or [indicator]
            for owner in found:
                numbers.setdefault(owner, None)
                members.setdefault(owner, [])
                done.setdefault(owner, 0)
        return found

    for task in plan.tasks:
        if task.indicator is not None:
            is_done = status.get(task.id) is finished
            for owner in owners(task.indicator):
                members[owner].append(task.id)
                done[owner] += is_done
    behind: dict[str, tuple[list[str], list[str]]] = {n: ([], []) for n in numbers}
    for column, group in ((0, shortfalls.overdue), (1, shortfalls.blocked)):
        for s in group:  # in id order within each group, as the task lists are
            if s.task.indicator is not None:
                for owner in owners(s.task.indicator):
                    behind[owner][column].append(s.task_id)
    rank = plan.rank
    result = []
    for number in sorted(numbers, key=_number_key):
        late, held = behind[number]
        result.append(IndicatorCoverage(
            number=number, title=declared.get(number) or "", task_ids=tuple(members[number]), done=done[number],
            overdue=tuple(sorted(late, key=rank.__getitem__)), blocked=tuple(sorted(held, key=rank.__getitem__))))
    return result
