"""What reading workbooks in a child process costs: the 10⁴-row plan and progress workbooks, with and without it.

"In process" runs the very same reading code (``_sandbox_child._sheets``) inside this interpreter, as
the package did before issue 28; "child" is what the package does now (a fresh interpreter under
``RLIMIT_AS``/``RLIMIT_CPU``, the cells pickled back). Same files, same run, best of 5.

    python benchmarks/sandbox.py [--rows 10000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import fazhi_tasks as ft  # noqa: E402
from benchmarks.sheets import best  # noqa: E402
from benchmarks.synthetic import synthetic_plan  # noqa: E402
from fazhi_tasks.io.sheets import sandbox as _sandbox  # noqa: E402
from fazhi_tasks.io.sheets import sandbox_child as _sandbox_child  # noqa: E402
from fazhi_tasks.io.sheets import workbook as _workbook  # noqa: E402


@contextmanager
def in_process() -> Iterator[None]:
    """Read with the child's code in this process (no isolation), as before."""
    def read(data: bytes, site: str, limits: tuple[int, int, int], **_: Any) -> tuple[Any, ...]:
        return _sandbox_child._sheets(data, *limits)  # the very code the child runs

    original = _sandbox.read_in_child
    setattr(_workbook, "read_in_child", read)  # noqa: B010 - the name _workbook looks up when it reads
    try:
        yield
    finally:
        setattr(_workbook, "read_in_child", original)  # noqa: B010


def measure(rows: int) -> list[tuple[str, float, float]]:
    """(what, seconds in process, seconds in a child) for the reads of the sheet target."""
    plan = synthetic_plan(rows)
    updates = [ft.Update(t.id, "推进中", dt.date(2021, 3, 5), percent=k % 100, note="按计划推进")
               for k, t in enumerate(plan)]
    out = []
    with tempfile.TemporaryDirectory() as folder:
        plan_path, updates_path = Path(folder) / "plan.xlsx", Path(folder) / "updates.xlsx"
        ft.save_plan(plan, plan_path)
        ft.export_updates(updates, updates_path)
        data = plan_path.read_bytes()
        site = _sandbox.calamine_site()
        assert site is not None
        limits = (100_000, 256, 32_767)
        reads: list[tuple[str, Callable[[], object]]] = [
            ("cells only (calamine), plan workbook", lambda: vars(_workbook)["read_in_child"](data, site, limits)),
            ("read_plan, plan workbook", lambda: ft.read_plan(plan_path)),
            ("import_updates, progress workbook", lambda: ft.import_updates(updates_path, plan=plan)),
        ]
        for what, read in reads:
            child = best(read)
            with in_process():
                inside = best(read)
            out.append((what, inside, child))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    print(f"| {args.rows:,} rows | in process (s) | child process (s) | ratio | added (s) |")
    print("|---|---:|---:|---:|---:|")
    for what, inside, child in measure(args.rows):
        print(f"| {what} | {inside:.3f} | {child:.3f} | {child / inside:.2f} | {child - inside:.3f} |")


if __name__ == "__main__":
    main()
