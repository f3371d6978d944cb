"""The forecast's figures: ``forecast`` and the Gantt beside a bare ``nx.topological_generations`` call.

Part of ``benchmarks/run.py``; on its own it runs only these rows, each N in a fresh process:

    python benchmarks/forecast.py [--sizes 10000,100000]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import networkx as nx  # noqa: E402

import fazhi_tasks as ft  # noqa: E402
from benchmarks.synthetic import AS_OF, latest, synthetic_plan, synthetic_updates  # noqa: E402
from fazhi_tasks.report.charts import gantt_svg, plan_vs_actual_svg, progress_series  # noqa: E402


def best(func: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """Best wall time of ``repeat`` runs, and the last result."""
    seconds, result = float("inf"), None
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        result = func()
        seconds = min(seconds, time.perf_counter() - start)
    return seconds, result


def forecast_rows(plan: ft.Plan, statuses: dict[str, ft.Update], updates: list[ft.Update], base: float,
                  rss: Callable[[], float]) -> list[dict[str, Any]]:
    """Rows for ``forecast``, the Gantt and the plan-versus-actual chart, as ratios to ``base``."""
    n = len(plan)
    repeat = 5 if n <= 10_000 else 3 if n <= 100_000 else 1
    rows = []
    seconds, fc = best(lambda: ft.forecast(plan, statuses, AS_OF), repeat)
    rows.append({"n": n, "step": "forecast", "seconds": seconds, "ratio": seconds / base, "rss": rss(),
                 "note": f"{len(fc)} open, {len(fc.slipping)} late"})
    seconds, svg = best(lambda: gantt_svg(plan, fc, statuses), repeat)
    rows.append({"n": n, "step": "gantt_svg", "seconds": seconds, "ratio": seconds / base, "rss": rss(),
                 "note": f"{len(svg.encode()) / 1024:.0f} KiB"})
    seconds, svg = best(lambda: plan_vs_actual_svg(progress_series(plan, updates, fc)), repeat)
    rows.append({"n": n, "step": "plan_vs_actual_svg (with its series)", "seconds": seconds,
                 "ratio": seconds / base, "rss": rss(), "note": f"{len(svg.encode()) / 1024:.0f} KiB"})
    return rows


def one_size(n: int) -> list[dict[str, Any]]:
    """The forecast rows on a synthetic plan of ``n`` tasks."""
    from benchmarks.run import rss_mib

    plan = synthetic_plan(n)
    updates = synthetic_updates(plan)
    statuses = latest(updates, AS_OF)
    plan.tasks_in_topological_order  # noqa: B018 - built once per plan, as a loaded plan has it
    base, _ = best(lambda: list(nx.topological_generations(plan.graph)), 5 if n <= 100_000 else 3)
    rows = [{"n": n, "step": "nx.topological_generations (bare)", "seconds": base, "ratio": 1.0, "rss": rss_mib()}]
    return rows + forecast_rows(plan, statuses, updates, base, rss_mib)


def main() -> None:
    from benchmarks.run import table

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000", help="comma-separated N (default 10000,100000)")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one_size(args.one)))
        return
    rows: list[dict[str, Any]] = []
    for n in (int(s) for s in args.sizes.split(",")):
        out = subprocess.run([sys.executable, __file__, "--one", str(n)], check=True, capture_output=True,
                             text=True, env={**os.environ, "PYTHONHASHSEED": "0"})
        rows += json.loads(out.stdout)
    print(table(rows))


if __name__ == "__main__":
    main()
