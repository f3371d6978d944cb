"""A city-level rollup: several bureaus' plans in one run, one shortfall table by bureau.

Each bureau's task ids are prefixed with the bureau's code so the plans can share one graph;
the analysis is the same one pass as for a single bureau.
"""

from __future__ import annotations

import collections
import datetime as dt

from tabulate import tabulate

import fazhi_tasks as ft

BUREAUS = {"YJ": "市应急管理局", "SJ": "市司法局", "SC": "市市场监管局"}


def prefixed(plan: ft.Plan, code: str) -> list[ft.Task]:
    """The plan's tasks with ids (and prerequisites) prefixed by the bureau's code."""
    return [ft.Task(f"{code}-{t.id}", t.title, t.division, t.stage, t.deadline,
                    prerequisites=[f"{code}-{p}" for p in t.prerequisites], supporting=t.supporting,
                    indicator=t.indicator, deliverable=t.deliverable, effort=t.effort) for t in plan]


def rollup(plans: dict[str, ft.Plan], histories: dict[str, list[ft.Update]], as_of: dt.date) -> list[list[object]]:
    """One row per bureau: tasks, done, overdue, blocked, root causes, and the worst item's days overdue."""
    base = next(iter(plans.values()))
    tasks = [t for code, plan in plans.items() for t in prefixed(plan, code)]
    city = ft.Plan(name="全市示范创建任务汇总", stages=base.stages,
                   divisions=sorted({d.name for p in plans.values() for d in p.divisions}), tasks=tasks)
    statuses: dict[str, ft.Update] = {}
    for code, updates in histories.items():
        renamed = (ft.Update(f"{code}-{u.task_id}", u.status, u.on, u.percent) for u in updates)
        with ft.Ledger.from_updates(renamed) as ledger:
            statuses.update(ledger.status_as_of(as_of))
    found = ft.find_shortfalls(city, statuses, as_of)
    counts: dict[str, collections.Counter[str]] = {code: collections.Counter() for code in plans}
    worst: dict[str, int] = dict.fromkeys(plans, 0)
    for s in found:
        code = s.task_id.split("-", 1)[0]
        counts[code][s.kind.value] += 1
        if s.is_root_cause:
            counts[code]["root"] += 1
        worst[code] = max(worst[code], s.workdays_overdue if s.kind is ft.ShortfallKind.OVERDUE else 0)
    done = collections.Counter(t.split("-", 1)[0] for t, st in found.statuses.items() if st is ft.Status.DONE)
    return [[BUREAUS.get(code, code), len(plans[code]), done[code], counts[code]["overdue"], counts[code]["root"],
             counts[code]["blocked"], worst[code]] for code in plans]


def main() -> None:
    sample, history = ft.sample_plan(), ft.sample_updates()
    plans = dict.fromkeys(BUREAUS, sample)
    # The other bureaus report a week later and a week earlier than the emergency bureau.
    histories = {"YJ": history,
                 "SJ": [ft.Update(u.task_id, u.status, u.on + dt.timedelta(days=7), u.percent) for u in history],
                 "SC": [ft.Update(u.task_id, u.status, u.on - dt.timedelta(days=7), u.percent) for u in history]}
    rows = rollup(plans, histories, dt.date(2021, 6, 30))
    print(tabulate(rows, headers=["单位", "任务数", "已完成", "逾期", "其中根源", "受阻", "最长逾期（工作日）"]))


if __name__ == "__main__":
    main()
