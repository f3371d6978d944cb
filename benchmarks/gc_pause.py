"""What switching the garbage collector off would save: the library no longer does it; a caller may opt in.

Times building a plan, reading it back from TOML, the weekly report and the forecast on 10⁵ tasks, each with the
collector on (the library's default since it stopped switching it off) and inside ``ft.paused_gc()``, in one run,
alternating, best of three. Prints the ratio paused / on per step.

    python benchmarks/gc_pause.py [N]
"""

from __future__ import annotations

import gc
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import fazhi_tasks as ft
from benchmarks.synthetic import AS_OF, WEEK_ENDING, synthetic_plan, synthetic_updates


def best(func: Callable[[], Any], paused: bool, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        if paused:
            with ft.paused_gc():
                func()
        else:
            func()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    plan = synthetic_plan(n)
    updates = synthetic_updates(plan)
    statuses = ft.statuses_as_of(updates, AS_OF)
    folder = Path(tempfile.mkdtemp())
    ft.save_plan(plan, folder / "plan.toml")
    steps: dict[str, Callable[[], Any]] = {
        "build Plan": lambda: ft.Plan(name="p", stages=plan.stages, divisions=plan.divisions, tasks=list(plan)),
        "load_plan (TOML)": lambda: ft.load_plan(folder / "plan.toml"),
        "find_shortfalls": lambda: ft.find_shortfalls(plan, statuses, AS_OF),
        "weekly_report": lambda: ft.weekly_report(plan, updates, WEEK_ENDING),
        "forecast": lambda: ft.forecast(plan, statuses, AS_OF),
    }
    print(f"{n:,} tasks: seconds with the collector on / inside paused_gc(), and the ratio")
    for name, func in steps.items():
        on, off = best(func, False), best(func, True)
        print(f"  {name:<18} {on:7.3f}  {off:7.3f}  {off / on:5.2f}")


if __name__ == "__main__":
    main()
