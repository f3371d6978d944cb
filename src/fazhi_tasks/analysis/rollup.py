"""The city rollup: every bureau's plan against the shared ledger, one row per bureau.

A plan file maps to a bureau by its **file name**: ``plans/金华市应急管理局.xlsx`` is the plan of the
bureau ``金华市应急管理局``, spelled exactly as ``fazhi-tasks ledger grant --bureau`` gave it. The
statuses of every bureau come from the ledger in one query (:meth:`Ledger.status_by_bureau`);
each plan's shortfalls are computed by :func:`~fazhi_tasks.find_shortfalls`, the same rules as a
bureau's own report.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

import attrs

from fazhi_tasks.analysis.cancelled import with_cancelled
from fazhi_tasks.analysis.shortfalls import Shortfall, find_shortfalls
from fazhi_tasks.core.errors import ArgumentError, LedgerAccessError, Said
from fazhi_tasks.core.result import Rendered
from fazhi_tasks.core.sequence import RecordSequence
from fazhi_tasks.ledger.front import Ledger
from fazhi_tasks.model.values import Status, Update

if TYPE_CHECKING:
    from fazhi_tasks.model.calendar import Beyond, CalendarFallback, WorkCalendar
    from fazhi_tasks.model.plan import Plan
    from fazhi_tasks.model.schedule import YearSchedule

__all__ = ["BureauRollup", "Rollup", "rollup"]

@attrs.frozen
class BureauRollup:
    """One bureau's line of the city report.

    Attributes:
        bureau: The bureau, as its plan file is named and its ledger rows say.
        plan_name: Its plan's name.
        tasks: Tasks in its plan.
        done: Tasks 已完成 as of the date.
        overdue: Tasks overdue.
        blocked: Tasks blocked by an overdue prerequisite.
        suspended: Tasks 已暂缓.
        oldest_overdue: Its longest-overdue tasks, most days overdue first.
        unknown_ids: Task ids with ledger updates that its plan lacks (typos, or the wrong plan file).
        cancelled: Tasks 已取消 (recorded in the ledger, or marked so in the bureau's plan sheet): never open or
            overdue, left out of the rate.
        cancelled_ids: Their ids, in plan order.
    """

    bureau: str
    plan_name: str
    tasks: int
    done: int
    overdue: int
    blocked: int
    suspended: int
    oldest_overdue: tuple[Shortfall, ...] = ()
    unknown_ids: tuple[str, ...] = ()
    cancelled: int = 0
    cancelled_ids: tuple[str, ...] = ()

    @property
    def rate(self) -> float:
        """Share of the tasks still in the plan that are done, 0 to 1: cancelled tasks (已取消) are left out
        (0 for a plan with no live task)."""
        live = self.tasks - self.cancelled
        return self.done / live if live else 0.0


@attrs.frozen
class Rollup(RecordSequence[BureauRollup], Rendered):
    """The city report as of a date: one :class:`BureauRollup` per plan, most overdue first.

    Attributes:
        as_of: The date.
        items: The bureaus, ordered by overdue tasks (most first), then completion rate, then name.
        without_plan: Bureaus with updates in the ledger but no plan file.
        without_updates: Bureaus with a plan but no update in the ledger as of the date (a misspelt file name,
            or a bureau that has not reported): their 0% is a missing report, not a measured one.
        calendar_fallback: Set when working days were counted Monday to Friday past the official holiday data.
    """

    as_of: dt.date
    items: tuple[BureauRollup, ...]
    without_plan: tuple[str, ...] = ()
    calendar_fallback: CalendarFallback | None = attrs.field(default=None, repr=False, eq=False)
    without_updates: tuple[str, ...] = ()

    @property
    def total(self) -> BureauRollup:
        """The sums over every bureau (``bureau`` is ``"合计"``; no oldest items)."""
        def total(field: str) -> int:
            return sum(getattr(b, field) for b in self.items)

        return BureauRollup("合计", "", total("tasks"), total("done"), total("overdue"), total("blocked"),
                            total("suspended"), cancelled=total("cancelled"))


def _oldest(overdue: Iterable[Shortfall], count: int) -> tuple[Shortfall, ...]:
    ranked = sorted(overdue, key=lambda s: (-s.days_overdue, s.task_id))
    return tuple(ranked[:count])


def rollup(ledger_or_url: Ledger | str | os.PathLike[str], plans: Mapping[str, Plan],
           as_of: dt.date, *, oldest: int = 3, calendar: WorkCalendar | None = None,
           beyond: Beyond = "weekdays", years: Sequence[YearSchedule] = (),
           cancelled: Mapping[str, Iterable[Update]] | None = None) -> Rollup:
    """Each bureau's tasks, done, overdue, blocked and completion rate as of ``as_of``, from one ledger.

    Args:
        ledger_or_url: The shared ledger, or its URL (or an SQLite path), opened and closed here.
            Read with a reader role to see every bureau; a bureau's role sees only its own.
        plans: Bureau → plan (``fazhi_tasks.rollup`` also takes a folder of plan files named after their bureaus).
        as_of: The date; the same rules as every report (PRODUCT.md §3).
        oldest: How many of each bureau's longest-overdue tasks to list.
        calendar: The working-day calendar for every plan; default each plan's own (:meth:`WorkCalendar.for_plan`
            with ``beyond`` and ``years``).
        beyond: Past the official holiday data: count Monday to Friday (and say so) or ``"error"``.
        years: Holiday schedules past the built-in data, for every plan.
        cancelled: Bureau → the 已取消 updates of the tasks its plan sheet marks cancelled (``PlanRead.cancelled``):
            the sheet's word is final for them, whatever the ledger holds (the plans folder gives them).

    Returns:
        The rollup, most overdue bureau first.

    >>> import fazhi_tasks as ft
    >>> ledger = ft.Ledger(":memory:", bureau="金华市应急管理局")
    >>> _ = ledger.record_many(ft.sample_updates())
    >>> city = rollup(ledger, {"金华市应急管理局": ft.sample_plan()}, dt.date(2021, 6, 30))
    >>> b = city[0]
    >>> b.bureau, b.tasks, b.overdue, b.oldest_overdue[0].task_id
    ('金华市应急管理局', 97, 11, 'T043')
    """
    from fazhi_tasks.model.calendar import WorkCalendar, first_fallback

    if not isinstance(plans, Mapping):
        raise ArgumentError(key="err.rollup_plans", params={"type": type(plans).__name__}, field="plans",
                            value=type(plans).__name__)
    with _opened(ledger_or_url) as ledger:
        if not ledger.reads_every_bureau:
            own = Said(ledger.bureau, ledger.bureau) if ledger.bureau else Said.of("analysis.no_bureau")
            message = Said.of("analysis.rollup_needs_reader", path=str(ledger.path), bureau=own)
            raise LedgerAccessError(message)
        by_bureau = ledger.status_by_bureau(as_of)
    lines = []
    fallbacks = []
    for bureau, plan in plans.items():
        statuses: Mapping[str, Update] = by_bureau.get(bureau, {})
        if cancelled and cancelled.get(bureau):
            statuses = with_cancelled(statuses, cancelled[bureau], as_of)
        found = find_shortfalls(plan, statuses, as_of,
                                calendar=calendar or WorkCalendar.for_plan(plan, beyond=beyond, years=years))
        fallbacks.append(found.calendar_fallback)
        done = sum(1 for t in plan.tasks if (s := statuses.get(t.id)) is not None and s.status is Status.DONE)
        unknown = tuple(sorted(i for i in statuses if i not in plan))
        gone = tuple(t.id for t in found.cancelled)
        lines.append(BureauRollup(bureau, plan.name, len(plan), done, len(found.overdue), len(found.blocked),
                                  len(found.suspended), _oldest(found.overdue, oldest), unknown, len(gone), gone))
    lines.sort(key=lambda b: (-b.overdue, b.rate, b.bureau))
    without = tuple(sorted(b for b in by_bureau if b not in plans))
    silent = tuple(sorted(b for b in plans if not by_bureau.get(b)))
    return Rollup(as_of, tuple(lines), without, first_fallback(*fallbacks), silent)


@contextlib.contextmanager
def _opened(target: Ledger | str | os.PathLike[str]) -> Iterator[Ledger]:
    """A ledger given stays open; a URL or path is opened here and closed after."""
    if isinstance(target, Ledger):
        yield target
        return
    with Ledger(target) as ledger:
        yield ledger
