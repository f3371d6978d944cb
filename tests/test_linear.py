"""A CI guard that cannot flake: the analyses do work linear in the plan, counted, not timed.

Lines executed inside fazhi_tasks and networkx are counted with ``sys.settrace`` on synthetic
rollup plans of 10³ and 10⁴ tasks (the benchmark's generator). Ten times the tasks must cost about
ten times the lines; a per-task graph search would cost about a hundred.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import networkx as nx
import pytest
from benchmarks.synthetic import AS_OF, WEEK_ENDING, latest, synthetic_plan, synthetic_updates

import fazhi_tasks as ft

WATCHED = (str(Path(ft.__file__).parent), str(Path(nx.__file__).parent))


def lines_executed(func: Callable[[], Any]) -> int:
    """How many lines of fazhi_tasks and networkx code ``func`` runs (after one untraced warm-up run)."""
    func()  # first-use caches (the calendar table, a plan's id ranks) are not the work being measured
    count = 0

    def local(frame: FrameType, event: str, arg: object) -> Any:
        nonlocal count
        if event == "line":
            count += 1
        return local

    def tracer(frame: FrameType, event: str, arg: object) -> Any:
        return local if frame.f_code.co_filename.startswith(WATCHED) else None

    previous = sys.gettrace()  # a coverage run's tracer: restored after, so coverage keeps counting
    sys.settrace(tracer)
    try:
        func()
    finally:
        sys.settrace(previous)
    return count


@pytest.fixture(scope="module")
def plans() -> dict[int, tuple[ft.Plan, list[ft.Update]]]:
    result = {}
    for n in (1_000, 10_000):
        plan = synthetic_plan(n)
        result[n] = (plan, synthetic_updates(plan))
    return result


@pytest.mark.parametrize("analysis", ["find_shortfalls", "phased_order", "check_plan", "weekly_report", "forecast"])
def test_work_grows_linearly(plans: dict[int, tuple[ft.Plan, list[ft.Update]]], analysis: str) -> None:
    """10× the tasks costs between 8× and 13× the lines executed."""
    runs: dict[str, Callable[[ft.Plan, list[ft.Update]], Callable[[], Any]]] = {
        "find_shortfalls": lambda p, u: lambda: ft.find_shortfalls(p, latest(u, AS_OF), AS_OF),
        "phased_order": lambda p, u: lambda: ft.phased_order(p),
        "check_plan": lambda p, u: lambda: ft.check_plan(p),
        "weekly_report": lambda p, u: lambda: ft.weekly_report(p, u, WEEK_ENDING),
        "forecast": lambda p, u: lambda: ft.forecast(p, latest(u, AS_OF), AS_OF),
    }
    small, large = (lines_executed(runs[analysis](*plans[n])) for n in (1_000, 10_000))
    assert 8 <= large / small <= 13, f"{analysis}: {small} lines for 10³ tasks, {large} for 10⁴"


def chain(n: int) -> ft.Plan:
    """One long chain of tasks, every 20th overdue as of AS_OF: what a per-task search is quadratic on."""
    stage = ft.Stage(1, "s", AS_OF.replace(month=1, day=1), AS_OF.replace(month=12, day=31))
    tasks = [ft.Task(f"T{i}", "x", "办公室", 1, AS_OF.replace(month=1, day=5) if i % 20 == 0 else None,
                     prerequisites=[f"T{i - 1}"] if i else []) for i in range(n)]
    return ft.Plan(name="chain", stages=[stage], divisions=[], tasks=tasks)


def test_the_guard_catches_a_per_task_search() -> None:
    """The counter does see quadratic work: a descendants search per overdue task along one long chain."""
    plans = {n: chain(n) for n in (500, 5_000)}

    def naive(plan: ft.Plan) -> Callable[[], Any]:
        overdue = [t.id for t in plan if t.deadline is not None]
        return lambda: [nx.descendants(plan.graph, t) for t in overdue]

    small, large = (lines_executed(naive(plans[n])) for n in (500, 5_000))
    assert large / small > 50
