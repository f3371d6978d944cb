"""The ledger's figures, SQLite beside PostgreSQL on the same data: ``python benchmarks/ledger.py [--quick]``.

- ``record_many`` of 10⁶ updates of one bureau (10⁵ tasks, 10 updates each) in one call;
- ``status_as_of`` over those 10⁶ updates / 10⁵ tasks (targets: ≤ 1 s), as the superuser and, on PostgreSQL,
  as the bureau's own role (row-level security in the plan, as the bureaus run it);
- ``verify`` of that bureau's hash chain;
- a city of 1,000 bureaus × 100 tasks (10 updates a task: 10⁶ rows) recorded bureau by bureau, then
  ``rollup`` of it against the 1,000 plans in memory, and from a folder of 1,000 plan files (target ≤ 10 s).

The PostgreSQL server is a throwaway one started from the installed binaries (as the tests do), with
``fsync`` off: the figures are the database's work, not the disk's. Ratios are PostgreSQL ÷ SQLite.
``--quick`` divides every size by 10.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.postgres import Server, start  # noqa: E402

import fazhi_tasks as ft  # noqa: E402
from benchmarks.synthetic import STAGES, synthetic_plan  # noqa: E402
from fazhi_tasks.ledger.admin import grant_bureau, init_ledger  # noqa: E402

AS_OF = dt.date(2021, 7, 1)


def timed(func: Callable[[], Any]) -> tuple[float, Any]:
    """Wall time of one run, and its result."""
    gc.collect()
    begin = time.perf_counter()
    result = func()
    return time.perf_counter() - begin, result


def one_bureau(updates_n: int, tasks_n: int) -> list[ft.Update]:
    """``updates_n`` updates over ``tasks_n`` tasks, dates through 2021, in reporting order."""
    return [ft.Update(f"T{k % tasks_n:06d}", "推进中", dt.date(2021, 1, 1) + dt.timedelta(days=(k // tasks_n) * 30
                                                                                        + k % 28), percent=k % 100)
            for k in range(updates_n)]


def city_updates(plan: ft.Plan, per_task: int) -> list[ft.Update]:
    """``per_task`` updates for every task of one bureau's plan: progress, some done by their deadline."""
    result = []
    for n, task in enumerate(plan):
        assert task.deadline is not None
        for k in range(per_task):
            day = min(task.deadline, STAGES[-1].end) - dt.timedelta(days=(per_task - k) * 7)
            done = k == per_task - 1 and n % 5 != 0
            result.append(ft.Update(task.id, "已完成" if done else "推进中", day, percent=100 if done else k * 10))
    return result


def measure(name: str, targets: tuple[str, str], sizes: tuple[int, int, int], plans_dir: Path,
            as_bureau: str | None = None) -> dict[str, float]:
    """Every step on one back end: one bureau's ledger in the first target (written as ``as_bureau``, the
    bureau's own login URL, when given), the city's in the second."""
    single, target = targets
    bureaus, updates_n, tasks_n = sizes
    rows: dict[str, float] = {}
    data = one_bureau(updates_n, tasks_n)
    with ft.Ledger(as_bureau or single, bureau="单一单位", timeout=3600) as ledger:
        rows["record_many"], _ = timed(lambda: ledger.record_many(data))
    with ft.Ledger(single, bureau="单一单位") as ledger:
        rows["status_as_of"], found = timed(lambda: ledger.status_as_of(AS_OF))
        assert len(found) == tasks_n
    with ft.Ledger(as_bureau or single, bureau="单一单位") as ledger:
        rows["status_as_of (bureau role)"], found = timed(lambda: ledger.status_as_of(AS_OF))
        assert len(found) == tasks_n
        rows["verify"], report = timed(ledger.verify)
        assert report.ok
    plan = synthetic_plan(100)
    per_bureau = city_updates(plan, 10)
    names = [f"第{b:04d}局" for b in range(bureaus)]

    def record_city() -> None:
        for b in names:
            with ft.Ledger(target, bureau=b, timeout=3600) as ledger:
                ledger.record_many(per_bureau)

    rows["city record"], _ = timed(record_city)
    with ft.Ledger(target, timeout=3600) as ledger:
        rows["status_by_bureau"], _ = timed(lambda: ledger.status_by_bureau(AS_OF))
    plans = dict.fromkeys(names, plan)
    rows["rollup (plans in memory)"], city = timed(lambda: ft.rollup(target, plans, AS_OF))
    rows["rollup (plan folder)"], _ = timed(lambda: ft.rollup(target, plans_dir, AS_OF))
    assert len(city) == bureaus
    print(f"{name}: " + ", ".join(f"{k} {v:.2f} s" for k, v in rows.items()), file=sys.stderr)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="every size ÷ 10")
    args = parser.parse_args()
    scale = 10 if args.quick else 1
    updates_n, tasks_n, bureaus = 1_000_000 // scale, 100_000 // scale, 1_000 // scale
    with tempfile.TemporaryDirectory() as folder:
        plans_dir = Path(folder) / "plans"
        plans_dir.mkdir()
        plan = synthetic_plan(100)
        for b in range(bureaus):
            ft.save_plan(plan, plans_dir / f"第{b:04d}局.json")
        sqlite = measure("SQLite", (str(Path(folder) / "single.db"), str(Path(folder) / "city.db")),
                         (bureaus, updates_n, tasks_n), plans_dir)
        with start() as server:
            if not isinstance(server, Server):
                print(f"PostgreSQL skipped: {server}", file=sys.stderr)
                return
            urls = server.new_database(), server.new_database()
            for url in urls:
                init_ledger(url)
            grant_bureau(urls[0], "单一单位", "bench_bureau")
            bureau_url = server.url(urls[0].split("/")[3].split("?", maxsplit=1)[0], user="bench_bureau")
            pg = measure("PostgreSQL", urls, (bureaus, updates_n, tasks_n), plans_dir, as_bureau=bureau_url)
    sizes = {"record_many": f"{updates_n:,} updates", "status_as_of": f"{updates_n:,} updates / {tasks_n:,} tasks",
             "status_as_of (bureau role)": f"{updates_n:,} updates / {tasks_n:,} tasks",
             "verify": f"{updates_n:,} updates, one bureau's chain",
             "city record": f"{bureaus:,} bureaus × 100 tasks × 10 updates",
             "status_by_bureau": f"{bureaus * 1000:,} updates / {bureaus:,} bureaus, one query",
             "rollup (plans in memory)": f"{bureaus:,} plans × 100 tasks",
             "rollup (plan folder)": f"{bureaus:,} plan files × 100 tasks, reading them included"}
    print("| step | N | SQLite s | PostgreSQL s | PG ÷ SQLite |\n|---|---|---:|---:|---:|")
    for step, n in sizes.items():
        print(f"| {step} | {n} | {sqlite[step]:.2f} | {pg[step]:.2f} | {pg[step] / sqlite[step]:.2f} |")


if __name__ == "__main__":
    main()
