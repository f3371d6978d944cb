"""The bundled illustrative plan of 97 tasks and its progress history through 2021.

The plan (``data/sample_plan.toml``) is modelled on the work areas of the Jinhua
Emergency Management Bureau's public 2020 report and the eight areas of the
national indicator system; titles, divisions and dates are illustrative, not the
bureau's internal list. The history is generated here by fixed rules (no random
numbers), so it is the same on every machine: as of 2021-06-30 most early tasks
are done, some late, eleven are overdue (some holding up others) and two are
suspended.
"""

from __future__ import annotations

import datetime as dt
import functools
from importlib import resources

from fazhi_tasks.model.plan import Plan
from fazhi_tasks.model.values import Status, Update

__all__ = ["sample_plan", "sample_updates"]

_D = dt.date.fromisoformat

#: Tasks finished after their deadline, and when (the story of the sample).
_LATE: dict[str, dt.date | None] = {
    # done late before the summer
    "T012": _D("2020-11-09"), "T021": _D("2021-01-27"), "T027": _D("2021-02-05"), "T034": _D("2021-02-20"),
    "T038": _D("2021-04-16"), "T042": _D("2021-05-10"), "T054": _D("2021-05-06"),
    # the overdue of June 2021, most resolved over the summer, one still open at the end of the year
    "T040": _D("2021-07-28"), "T043": _D("2021-07-16"), "T045": _D("2021-07-30"), "T047": _D("2021-07-09"),
    "T048": None, "T051": _D("2021-07-20"), "T052": _D("2021-08-13"), "T057": _D("2021-07-09"),
    "T060": _D("2021-06-22"), "T066": _D("2021-07-23"), "T069": _D("2021-08-20"), "T074": _D("2021-07-02"),
}
#: Tasks put on hold, when, and why.
_SUSPENDED: dict[str, tuple[dt.date, str]] = {
    "T062": (_D("2021-05-20"), "宣传阵地选址调整，暂缓建设"),
    "T058": (_D("2021-06-10"), "并入全市安全生产大检查统一部署，暂缓单独开展"),
    "T084": (_D("2021-10-15"), "人防执法职能调整，待新规定出台后开展"),
}
#: Tasks whose work had not begun by the time they fell due.
_NOT_STARTED_LATE = {"T069": _D("2021-07-05")}
_END = _D("2021-12-31")


@functools.cache
def sample_plan() -> Plan:
    """The bundled illustrative plan: 97 tasks, 10 divisions, 4 stages (2020-09 … 2021-12).

    >>> plan = sample_plan()
    >>> len(plan), [s.name for s in plan.stages]
    (97, ['部署启动', '对标自查', '整改提升', '巩固验收'])
    """
    from fazhi_tasks.io.planfile import load_plan

    with resources.as_file(resources.files("fazhi_tasks") / "data" / "sample_plan.toml") as path:
        return load_plan(path)


def _fridays(start: dt.date, end: dt.date) -> list[dt.date]:
    first = start + dt.timedelta(days=(4 - start.weekday()) % 7)
    return [first + dt.timedelta(weeks=k) for k in range((end - first).days // 7 + 1)] if first <= end else []


@functools.cache
def _sample_history() -> tuple[Update, ...]:
    plan = sample_plan()
    finish: dict[str, dt.date | None] = {}
    for task_id in plan.topological_order:
        task = plan[task_id]
        if task_id in _LATE:
            finish[task_id] = _LATE[task_id]
            continue
        if task_id in _SUSPENDED:
            finish[task_id] = None
            continue
        number = int(task_id[1:])
        deadline = task.deadline or _D("2021-12-17")
        day = deadline - dt.timedelta(days=(number * 7) % 11 + 1)
        before = [finish[p] for p in task.prerequisites]
        if None in before:
            finish[task_id] = None
            continue
        if before:
            day = max(day, max(b for b in before if b is not None) + dt.timedelta(days=3))
        finish[task_id] = day if day <= _END else None

    updates: list[Update] = []
    for task in plan:
        stage = plan.stage_of(task)
        done = finish[task.id]
        ready = max([stage.start] + [d + dt.timedelta(days=1) for p in task.prerequisites
                                     if (d := finish[p]) is not None])
        effort_days = 7 * max(2, (task.effort or 5) // 2)
        target = done or (task.deadline or _END)
        begin = max(ready, min(target, (task.deadline or target)) - dt.timedelta(days=effort_days))
        begin = _NOT_STARTED_LATE.get(task.id, begin)
        pause = _SUSPENDED.get(task.id)
        if pause is not None:
            begin = min(begin, pause[0] - dt.timedelta(days=21))
        stop = min(x for x in (done, pause[0] if pause else None, _END) if x is not None)
        if begin > stop:
            continue
        by = task.division
        updates.append(Update(task.id, Status.IN_PROGRESS, begin, percent=10, note="已启动，制定工作计划", by=by))
        fridays = [f for f in _fridays(begin + dt.timedelta(days=1), stop) if f < stop]
        span = max(1, (target - begin).days)
        for friday in fridays:
            percent = min(90, 10 + round(80 * (friday - begin).days / span))
            updates.append(Update(task.id, Status.IN_PROGRESS, friday, percent=percent, note="按计划推进", by=by))
        if done is not None:
            note = f"已完成，佐证材料：{task.deliverable}" if task.deliverable else "已完成"
            updates.append(Update(task.id, Status.DONE, done, percent=100, note=note, by=by))
        elif pause is not None:
            updates.append(Update(task.id, Status.SUSPENDED, pause[0], note=pause[1], by=by))
    updates.sort(key=lambda u: (u.on, u.task_id))
    return tuple(updates)


def sample_updates() -> list[Update]:
    """The sample plan's weekly progress history through 2021, oldest first.

    >>> updates = sample_updates()
    >>> updates[0].on, updates[-1].on <= dt.date(2021, 12, 31)
    (datetime.date(2020, 9, 1), True)
    """
    return list(_sample_history())
