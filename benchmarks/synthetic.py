"""Synthetic plans shaped like a city or province rollup, for benchmarks and the linearity guard.

Many bureau plans of 100 tasks each, 4 stages over 2021, up to three prerequisites per task drawn
from the 15 tasks just before it in the same bureau plan, a few cross-bureau edges (1 task in 200
takes a prerequisite from an earlier bureau), deadlines rising with the stage. The history, as of
2021-03-31, has the first stage due: 80% of it done (20% of all tasks) and 20% overdue (5%).
"""

from __future__ import annotations

import datetime as dt
import gc
import random

import fazhi_tasks as ft

AS_OF = dt.date(2021, 3, 31)
WEEK_ENDING = dt.date(2021, 4, 2)
BUREAU = 100
DIVISIONS = ("政策法规处", "办公室", "行政审批处", "执法监督处", "宣传教育处", "人防工程管理处", "应急指挥中心",
             "人事处")
STAGES = (ft.Stage(1, "部署启动", dt.date(2021, 1, 1), dt.date(2021, 3, 31)),
          ft.Stage(2, "对标自查", dt.date(2021, 4, 1), dt.date(2021, 6, 30)),
          ft.Stage(3, "整改提升", dt.date(2021, 7, 1), dt.date(2021, 9, 30)),
          ft.Stage(4, "巩固验收", dt.date(2021, 10, 1), dt.date(2021, 12, 31)))


def synthetic_plan(n: int, *, seed: int = 7) -> ft.Plan:
    """A plan of ``n`` tasks in bureau plans of 100."""
    rng = random.Random(seed)
    tasks = []
    enabled = gc.isenabled()
    gc.disable()
    try:
        for k in range(n):
            bureau, i = divmod(k, BUREAU)
            stage = STAGES[i * 4 // BUREAU]
            within = i - (i * 4 // BUREAU) * (BUREAU // 4)
            deadline = stage.start + dt.timedelta(days=within * 3 + 10)
            lo = bureau * BUREAU
            candidates = range(max(lo, k - 15), k)
            prereqs = [f"B{bureau:05d}-{c - lo:03d}" for c in rng.sample(candidates, min(len(candidates),
                                                                                       rng.randint(0, 3)))
                       if STAGES[(c - lo) * 4 // BUREAU].number <= stage.number]
            prereqs = [p for p in prereqs if _deadline_of(p) <= deadline]
            if bureau and rng.random() < 0.005:
                other = rng.randrange(bureau) * BUREAU + rng.randrange(i // 25 * 25 + 1)
                ob, oi = divmod(other, BUREAU)
                if _deadline_of(f"B{ob:05d}-{oi:03d}") <= deadline:
                    prereqs.append(f"B{ob:05d}-{oi:03d}")
            tasks.append(ft.Task(f"B{bureau:05d}-{i:03d}", f"第{i + 1}项创建任务", DIVISIONS[i % len(DIVISIONS)],
                                 stage.number, deadline, prerequisites=prereqs, effort=1 + i % 5,
                                 indicator=f"{1 + i % 8}.{1 + i % 3}.{1 + i % 4}"))
    finally:
        if enabled:
            gc.enable()
    return ft.Plan(name=f"合成计划 {n}", stages=STAGES, divisions=DIVISIONS, tasks=tasks)


def _deadline_of(task_id: str) -> dt.date:
    i = int(task_id.rsplit("-", 1)[1])
    stage = STAGES[i * 4 // BUREAU]
    return stage.start + dt.timedelta(days=(i - (i * 4 // BUREAU) * (BUREAU // 4)) * 3 + 10)


def synthetic_updates(plan: ft.Plan, *, seed: int = 11) -> list[ft.Update]:
    """Weekly-style history: stage-1 tasks 80% done (some late), 20% left overdue; others in progress."""
    rng = random.Random(seed)
    updates = []
    for task in plan:
        assert task.deadline is not None
        start = task.deadline - dt.timedelta(days=20)
        if task.stage == 1:
            updates.append(ft.Update(task.id, ft.Status.IN_PROGRESS, start, percent=30))
            if rng.random() < 0.8:
                done = task.deadline + dt.timedelta(days=rng.choice((-5, -2, 0, 3)))
                updates.append(ft.Update(task.id, ft.Status.DONE, min(done, AS_OF), percent=100))
        elif rng.random() < 0.3:
            updates.append(ft.Update(task.id, ft.Status.IN_PROGRESS, min(start, AS_OF), percent=10))
    updates.sort(key=lambda u: u.on)
    return updates


def latest(updates: list[ft.Update], day: dt.date) -> dict[str, ft.Update]:
    """Status as of ``day`` straight from a date-sorted list."""
    result: dict[str, ft.Update] = {}
    for u in updates:
        if u.on > day:
            break
        result[u.task_id] = u
    return result
