"""forecast against a naive reference that applies the model task by task, and the model's invariants."""

from __future__ import annotations

import calendar
import datetime as dt
import functools

from hypothesis import given, settings
from hypothesis import strategies as st

import fazhi_tasks as ft
from tests.strategies import examples, histories, latest, plans

CAL = ft.WorkCalendar(beyond="weekdays")  # long chains may run past the official data
DONE, SUSPENDED, CANCELLED = ft.Status.DONE, ft.Status.SUSPENDED, ft.Status.CANCELLED


def naive(plan: ft.Plan, statuses: dict[str, ft.Update], as_of: dt.date) -> dict[str, tuple[object, ...]]:
    """Reference: each task's F by the definition, recursively, with calendar dates (no working-day numbers)."""

    def status(task_id: str) -> ft.Status:
        update = statuses.get(task_id)
        return update.status if update is not None else ft.Status.NOT_STARTED

    def forecast_of(task: ft.Task) -> bool:
        return task.deadline is not None and status(task.id) not in (DONE, SUSPENDED, CANCELLED)

    @functools.cache
    def finish(task_id: str) -> dt.date:
        task = plan[task_id]
        assert task.deadline is not None
        deadlines = [plan[p].deadline for p in task.prerequisites if plan[p].deadline is not None]
        s = max(deadlines) if deadlines else plan.stage_of(task).start - dt.timedelta(days=1)  # type: ignore[type-var]
        window = max(1, CAL.workdays_between(s, task.deadline))  # type: ignore[arg-type]
        update = statuses.get(task_id)
        p = update.percent if update is not None and update.percent is not None else 0
        remaining = max(1, -(-window * (100 - p) // 100))
        begin = max([as_of, *(finish(q) for q in task.prerequisites if forecast_of(plan[q]))])
        return CAL.add_workdays(begin, remaining)

    result: dict[str, tuple[object, ...]] = {}
    for task in plan:
        if not forecast_of(task):
            continue
        f = finish(task.id)
        deadline = task.deadline
        assert deadline is not None
        slip = CAL.workdays_between(deadline, f) if f > deadline else 0
        end = f.replace(day=calendar.monthrange(f.year, f.month)[1])
        unforecast = tuple(q for q in task.prerequisites
                           if status(q) not in (DONE, CANCELLED) and not forecast_of(plan[q]))
        result[task.id] = (f, slip, f <= deadline, end, unforecast)
    return result


def run(plan: ft.Plan, statuses: dict[str, ft.Update], as_of: dt.date) -> dict[str, tuple[object, ...]]:
    fc = ft.forecast(plan, statuses, as_of, calendar=CAL)
    return {e.task_id: (e.projected_finish, e.slip_workdays, e.holds, e.proposed_deadline, e.depends_on_unforecast)
            for e in fc}


AS_OF = st.dates(min_value=dt.date(2021, 1, 1), max_value=dt.date(2021, 9, 30))


class TestForecastProperties:
    @settings(max_examples=examples(80))
    @given(st.data())
    def test_matches_naive_reference(self, data: st.DataObject) -> None:
        """Every entry equals the model applied task by task with calendar dates."""
        plan = data.draw(plans(max_tasks=25))
        as_of = data.draw(AS_OF)
        statuses = latest(data.draw(histories(plan)), as_of)
        assert naive(plan, statuses, as_of) == run(plan, statuses, as_of)

    @given(st.data())
    def test_finish_after_as_of_and_after_prerequisites(self, data: st.DataObject) -> None:
        """F > as_of for every entry, and F(b) > F(a) for every edge a → b between forecast tasks."""
        plan = data.draw(plans(max_tasks=25))
        as_of = data.draw(AS_OF)
        fc = ft.forecast(plan, latest(data.draw(histories(plan)), as_of), as_of, calendar=CAL)
        finish = {e.task_id: e.projected_finish for e in fc}
        assert all(f > as_of for f in finish.values())
        edges = [(a, b) for a, b in plan.graph.edges if a in finish and b in finish]
        assert [] == [(a, b) for a, b in edges if not finish[b] > finish[a]]

    @given(st.data())
    def test_more_progress_never_gives_a_later_finish(self, data: st.DataObject) -> None:
        """Raising one task's percent, or marking it done, moves no projected finish later."""
        plan = data.draw(plans(max_tasks=25))
        as_of = data.draw(AS_OF)
        statuses = latest(data.draw(histories(plan)), as_of)
        task_id = data.draw(st.sampled_from([t.id for t in plan]))
        before = statuses.get(task_id)
        if before is not None and before.status in (DONE, SUSPENDED, CANCELLED):
            return
        percent = before.percent or 0 if before is not None else 0
        if data.draw(st.booleans()):
            better = ft.Update(task_id, DONE, as_of, percent=100)
        else:
            better = ft.Update(task_id, ft.Status.IN_PROGRESS, as_of, percent=data.draw(st.integers(percent, 100)))
        first = run(plan, statuses, as_of)
        second = run(plan, {**statuses, task_id: better}, as_of)
        assert set(second) <= set(first)
        assert [] == [t for t in second if second[t][0] > first[t][0]]  # type: ignore[operator]

    @given(plans(max_tasks=25), AS_OF)
    def test_an_all_done_plan_forecasts_nothing(self, plan: ft.Plan, as_of: dt.date) -> None:
        """With every task 已完成 the forecast, its stage outlook and its commitments are empty."""
        statuses = {t.id: ft.Update(t.id, DONE, as_of, percent=100) for t in plan}
        fc = ft.forecast(plan, statuses, as_of, calendar=CAL)
        assert (0, (), (), ()) == (len(fc), fc.slipping, fc.by_stage(), fc.commitments)
