"""Reading sheets: a 10⁴-row plan workbook and a 10⁴-row progress workbook (target ≤ 0.3 s each).

Each figure sits beside openpyxl's own full load of the same file (``data_only=True``, the
reader used before), python-calamine's value-only read, and reading the same plan or updates
from JSON, on the same machine in the same run (the machine is shared and noisy: the ratios count).

    python benchmarks/sheets.py [--rows 10000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import fazhi_tasks as ft  # noqa: E402
from benchmarks.synthetic import synthetic_plan  # noqa: E402


def best(func: Callable[[], Any], repeat: int = 5) -> float:
    """The best of ``repeat`` runs, seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def _calamine(book: Any, path: Path) -> list[list[Any]]:
    return book.from_path(str(path)).get_sheet_by_index(0).to_python()  # type: ignore[no-any-return]


def measure(rows: int) -> list[tuple[str, float, float, float, float]]:
    """(what, seconds, × openpyxl, × calamine, × JSON) for the plan and the progress workbook."""
    import openpyxl
    from python_calamine import CalamineWorkbook

    plan = synthetic_plan(rows)
    updates = [ft.Update(t.id, "推进中", dt.date(2021, 3, 5), percent=k % 100, note="按计划推进")
               for k, t in enumerate(plan)]
    out = []
    with tempfile.TemporaryDirectory() as folder:
        plan_path, updates_path = Path(folder) / "plan.xlsx", Path(folder) / "updates.xlsx"
        ft.save_plan(plan, plan_path)
        ft.export_updates(updates, updates_path)
        ft.save_plan(plan, Path(folder) / "plan.json")
        ft.export_updates(updates, Path(folder) / "updates.json")
        json_plan = Path(folder) / "plan.json"
        json_updates = Path(folder) / "updates.json"
        for what, path, read, same in (
                ("read_plan, plan workbook", plan_path, lambda: ft.read_plan(plan_path),
                 lambda: ft.load_plan(json_plan)),
                ("import_updates, progress workbook", updates_path, lambda: ft.import_updates(updates_path, plan=plan),
                 lambda: ft.import_updates(json_updates, plan=plan))):
            seconds = best(read)
            reference = best(partial(openpyxl.load_workbook, path, data_only=True), 3)
            values = best(partial(_calamine, CalamineWorkbook, path))
            out.append((what, seconds, seconds / reference, seconds / values, seconds / best(same)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    print(f"| {args.rows:,} rows | seconds | × openpyxl load | × calamine values | × same data from JSON |")
    print("|---|---:|---:|---:|---:|")
    for what, seconds, openpyxl_ratio, calamine_ratio, json_ratio in measure(args.rows):
        print(f"| {what} | {seconds:.3f} | {openpyxl_ratio:.2f} | {calamine_ratio:.1f} | {json_ratio:.2f} |")


if __name__ == "__main__":
    main()
