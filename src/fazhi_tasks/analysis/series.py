"""The plan-versus-actual series: tasks due, done and forecast to be done, week by week (weeks end on Friday).

Analysis, not drawing: the chart in ``_charts`` draws what this computes.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable

import attrs

from fazhi_tasks.analysis.forecast import Forecast
from fazhi_tasks.model.plan import Plan
from fazhi_tasks.model.values import Status, Update

__all__ = ["ProgressSeries", "progress_series"]


@attrs.frozen
class ProgressSeries:
    """Cumulative completions week by week (weeks end on Friday).

    Attributes:
        as_of: The report date.
        weeks: The week ends.
        planned: Tasks due by each week end.
        actual: Tasks done by each week end, for the weeks up to the report date (``None`` after).
        projected: Tasks done by the report date plus those forecast to finish by each week end, for the
            weeks from the report date on (``None`` before).
        planned_now: Tasks due by the report date.
        actual_now: Tasks done by the report date.
        total: Tasks with a deadline.
    """

    as_of: dt.date
    weeks: tuple[dt.date, ...]
    planned: tuple[int, ...]
    actual: tuple[int | None, ...]
    projected: tuple[int | None, ...]
    planned_now: int
    actual_now: int
    total: int

    @property
    def gap(self) -> int:
        """Tasks behind plan at the report date (negative: ahead)."""
        return self.planned_now - self.actual_now


def progress_series(plan: Plan, updates: Iterable[Update], forecast: Forecast) -> ProgressSeries:
    """The three cumulative series of the plan-versus-actual chart, from the plan, its history and a forecast.

    Args:
        plan: The plan.
        updates: The progress history (any order; on one day the update listed last wins).
        forecast: The forecast on the report date.
    """
    as_of = forecast.as_of
    deadlines = sorted(t.deadline for t in plan if t.deadline is not None)
    finishes = sorted(e.projected_finish for e in forecast)
    first = plan.stages[0].start if plan.stages else as_of
    last = max([as_of, *(s.end for s in plan.stages), *deadlines[-1:], *finishes[-1:]])
    week = first + dt.timedelta(days=(4 - first.weekday()) % 7)
    weeks = []
    while week < last + dt.timedelta(days=7):
        weeks.append(week)
        week += dt.timedelta(days=7)
    history = sorted(updates, key=lambda u: u.on)  # stable: the later of a day's updates is applied last
    status: dict[str, Status] = {}
    done, k = 0, 0

    def advance(day: dt.date) -> int:
        nonlocal done, k
        while k < len(history) and history[k].on <= day:
            u = history[k]
            was = status.get(u.task_id)
            if u.task_id in plan:
                status[u.task_id] = u.status
                done += (u.status is Status.DONE) - (was is Status.DONE)
            k += 1
        return done

    actual = [advance(w) if w <= as_of else None for w in weeks]
    actual_now = advance(as_of)
    projected = [actual_now + bisect.bisect_right(finishes, w) if w >= as_of else None for w in weeks]
    return ProgressSeries(as_of, tuple(weeks), tuple(bisect.bisect_right(deadlines, w) for w in weeks),
                          tuple(actual), tuple(projected), bisect.bisect_right(deadlines, as_of), actual_now,
                          len(deadlines))
