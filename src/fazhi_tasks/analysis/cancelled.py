"""The history a report reads when the plan sheet itself marks tasks cancelled: the ledger, and those tasks 已取消.

A plan sheet's cancelled rows (struck through, 状态 已取消, 备注 "该项任务已取消") are read by ``read_plan`` as tasks
with one ``Update(task_id, Status.CANCELLED, …)`` each. The plan's word is final for them: their updates and
reviews in the ledger are left out of the reports (not deleted), so a task the sheet strikes out is never open or
overdue, whatever was reported before. The command line (a copy per run) and the web front (a live view, the
ledger still written) both read the history through :class:`CancelledHistory`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from operator import attrgetter
from typing import Protocol

import attrs

from fazhi_tasks.model.plan import Plan
from fazhi_tasks.model.review import Review, ReviewedStatuses, closed_statuses
from fazhi_tasks.model.values import Status, Update

__all__ = ["CancelledHistory", "History", "cancelled_ids", "live_tasks", "with_cancelled"]


class History(Protocol):
    """What a report reads of a ledger (:class:`~fazhi_tasks.Ledger` answers it)."""

    def updates(self, *, since: dt.date | None = None, until: dt.date | None = None) -> list[Update]: ...
    def history(self, task_id: str) -> list[Update]: ...
    def status_as_of(self, day: dt.date) -> Mapping[str, Update]: ...
    def reviews(self, *, task_id: str | None = None) -> list[Review]: ...
    @property
    def reviewing(self) -> bool: ...


def cancelled_ids(cancelled: Iterable[Update]) -> frozenset[str]:
    """The ids of the tasks the plan sheet marks cancelled."""
    return frozenset(u.task_id for u in cancelled if u.status is Status.CANCELLED)


def with_cancelled(statuses: Mapping[str, Update], cancelled: Iterable[Update], day: dt.date) -> dict[str, Update]:
    """Each task's status as of ``day`` with the plan sheet's word final: a task it marks cancelled reads its 已取消
    (from the cancellation's date on), whatever ``statuses`` (the ledger's) said."""
    marks = [u for u in cancelled if u.status is Status.CANCELLED]
    ids = cancelled_ids(marks)
    merged = {t: u for t, u in statuses.items() if t not in ids}
    merged.update((u.task_id, u) for u in marks if u.on <= day)
    return merged


def live_tasks(plan: Plan, cancelled: Iterable[Update]) -> Plan:
    """The plan without the tasks marked cancelled, nor prerequisite edges to them (they hold nothing up)."""
    gone = cancelled_ids(cancelled)
    if not gone:
        return plan
    tasks = [t if gone.isdisjoint(t.prerequisites) else attrs.evolve(
        t, prerequisites=tuple(p for p in t.prerequisites if p not in gone)) for t in plan if t.id not in gone]
    return attrs.evolve(plan, tasks=tasks)


class CancelledHistory:
    """A read-only view of ``ledger`` with the plan sheet's cancelled tasks 已取消 throughout.

    Every read answers as the ledger would if it held, for each cancelled task, only its 已取消 update (dated the
    plan's first day) and none of its reviews. Writes go to the ledger itself, never through the view.
    """

    def __init__(self, ledger: History, cancelled: Iterable[Update]) -> None:
        self.ledger = ledger
        self.cancelled: tuple[Update, ...] = tuple(u for u in cancelled if u.status is Status.CANCELLED)
        self.ids = cancelled_ids(self.cancelled)

    def __contains__(self, task_id: object) -> bool:
        return task_id in self.ids

    def updates(self, *, since: dt.date | None = None, until: dt.date | None = None) -> list[Update]:
        """:meth:`~fazhi_tasks.Ledger.updates` with the cancelled tasks' own updates replaced by 已取消."""
        kept = [u for u in self.ledger.updates(since=since, until=until) if u.task_id not in self.ids]
        mine = [u for u in self.cancelled
                if (since is None or u.on >= since) and (until is None or u.on <= until)]
        return sorted([*mine, *kept], key=attrgetter("on"))  # stable: by date, then as recorded

    def history(self, task_id: str) -> list[Update]:
        """One task's updates; a cancelled task has only its 已取消."""
        if task_id in self.ids:
            return [u for u in self.cancelled if u.task_id == task_id]
        return self.ledger.history(task_id)

    def status_as_of(self, day: dt.date) -> dict[str, Update]:
        """Each task's latest update on or before ``day``; a cancelled task reads 已取消."""
        return with_cancelled(self.ledger.status_as_of(day), self.cancelled, day)

    def reviews(self, *, task_id: str | None = None) -> list[Review]:
        """The office's reviews, those of cancelled tasks left out."""
        if task_id is not None and task_id in self.ids:
            return []
        return [r for r in self.ledger.reviews(task_id=task_id) if r.task_id not in self.ids]

    @property
    def reviewing(self) -> bool:
        """Whether the ledger is reviewed (its reports count 已完成 only once closed)."""
        return self.ledger.reviewing

    def closed_as_of(self, day: dt.date) -> ReviewedStatuses:
        """:meth:`~fazhi_tasks.Ledger.closed_as_of` over this view."""
        statuses = self.status_as_of(day)
        if not self.reviewing:
            return ReviewedStatuses(statuses)
        return closed_statuses(statuses, self.reviews(), day)
