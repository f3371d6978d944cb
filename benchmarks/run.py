"""The benchmark table: ``make bench`` (N = 10³ … 10⁶) or ``make bench-quick`` (10³, 10⁴).

Every figure sits beside a bare ``list(nx.topological_generations(G))`` on the same graph in the
same run, because these machines are noisy: the ratio is the figure that counts. Each N runs in a
fresh process so its peak memory (max RSS after each step) is its own.

    python benchmarks/run.py [--quick] [--sizes 1000,10000] [--out docs/performance-table.md]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import networkx as nx  # noqa: E402

import fazhi_tasks as ft  # noqa: E402
from benchmarks.synthetic import AS_OF, WEEK_ENDING, latest, synthetic_plan, synthetic_updates  # noqa: E402


def rss_mib() -> float:
    """Peak resident memory of this process so far, MiB.

    Read from ``VmHWM``, which a new program starts afresh; ``ru_maxrss`` keeps the parent's peak
    across ``exec`` on Linux, which would charge a big parent's memory to a small child.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(func: Callable[[], Any], repeat: int = 1) -> tuple[float, Any]:
    """Best wall time of ``repeat`` runs, and the last result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    return best, result


def one_size(n: int) -> list[dict[str, Any]]:
    """Every step on a plan of ``n`` tasks; rows of step, seconds, ratio to the bare generations call, RSS."""
    repeat = 3 if n <= 10_000 else 1
    plan = synthetic_plan(n)
    updates = synthetic_updates(plan)
    statuses = latest(updates, AS_OF)
    rows: list[dict[str, Any]] = []
    base, _ = timed(lambda: list(nx.topological_generations(plan.graph)), repeat=max(repeat, 3))

    def step(name: str, func: Callable[[], Any], reps: int = repeat) -> Any:
        seconds, result = timed(func, reps)
        rows.append({"n": n, "step": name, "seconds": seconds, "ratio": seconds / base, "rss": rss_mib()})
        return result

    rows.append({"n": n, "step": "nx.topological_generations (bare)", "seconds": base, "ratio": 1.0,
                 "rss": rss_mib()})
    with tempfile.TemporaryDirectory() as folder:
        json_path, toml_path = Path(folder) / "plan.json", Path(folder) / "plan.toml"
        ft.save_plan(plan, json_path)
        step("load_plan JSON", lambda: ft.load_plan(json_path))
        if n <= 100_000:
            ft.save_plan(plan, toml_path)
            step("load_plan TOML", lambda: ft.load_plan(toml_path))
    step("phased_order", lambda: ft.phased_order(plan))
    step("check_plan", lambda: ft.check_plan(plan))
    found = step("find_shortfalls", lambda: ft.find_shortfalls(plan, statuses, AS_OF), max(repeat, 3))
    step("rectification_list", lambda: ft.rectification_list(plan, statuses, AS_OF, shortfalls=found))
    report = step("weekly_report", lambda: ft.weekly_report(plan, updates, WEEK_ENDING))
    step("to_text", report.to_text)
    step("to_markdown", report.to_markdown)
    step("to_html", report.to_html)
    step("to_dict", report.to_dict)
    from benchmarks.forecast import forecast_rows

    rows += forecast_rows(plan, statuses, updates, base, rss_mib)
    if n <= 100_000:
        with tempfile.TemporaryDirectory() as folder:
            step("to_xlsx", lambda: report.to_xlsx(Path(folder) / "r.xlsx"))
    with tempfile.TemporaryDirectory() as folder:
        json_path, updates_path = Path(folder) / "plan.json", Path(folder) / "updates.json"
        ft.save_plan(plan, json_path)
        ft.export_updates(updates, updates_path)
        seconds, rss = pipeline(json_path, updates_path)
        rows.append({"n": n, "step": "weekly pipeline, fresh process: load plan + updates, report, text",
                     "seconds": seconds, "ratio": seconds / base, "rss": rss})
    done = sum(s.status is ft.Status.DONE for s in statuses.values())
    rows.append({"n": n, "step": "plan facts", "seconds": 0.0, "ratio": 0.0, "rss": rss_mib(),
                 "note": f"{plan.graph.number_of_edges()} edges, {len(found.overdue)} overdue, "
                         f"{len(found.blocked)} blocked, {done} done"})
    return rows


PIPELINE = """
import datetime as dt, sys, time
start = time.perf_counter()
import fazhi_tasks as ft
plan = ft.load_plan(sys.argv[1])
report = ft.weekly_report(plan, ft.import_updates(sys.argv[2]), dt.date.fromisoformat(sys.argv[3]))
text = report.to_text()
seconds = time.perf_counter() - start
peak = next(line for line in open("/proc/self/status") if line.startswith("VmHWM:")).split()[1]
print(seconds, int(peak) / 1024)
"""


def pipeline(plan_path: Path, updates_path: Path) -> tuple[float, float]:
    """What the Friday job does, in a fresh process: seconds (imports included) and peak RSS in MiB."""
    out = subprocess.run([sys.executable, "-c", PIPELINE, str(plan_path), str(updates_path),
                          WEEK_ENDING.isoformat()], check=True, capture_output=True, text=True)
    seconds, rss = out.stdout.split()
    return float(seconds), float(rss)


def micro(quick: bool) -> list[dict[str, Any]]:
    """Calendar, ledger, sheets and import-time figures."""
    rows: list[dict[str, Any]] = []
    cal = ft.WorkCalendar()
    count = 100_000 if quick else 1_000_000
    first = dt.date(2020, 1, 1).toordinal()
    pairs = [(dt.date.fromordinal(first + (k * 7919) % 2500), dt.date.fromordinal(first + (k * 104729) % 2500))
             for k in range(count)]
    seconds, _ = timed(lambda: [cal.workdays_between(a, b) for a, b in pairs])
    bare, _ = timed(lambda: [(b - a).days for a, b in pairs])
    rows.append({"n": count, "step": "workdays_between calls", "seconds": seconds, "ratio": seconds / bare,
                 "rss": rss_mib(), "note": "ratio to plain date subtraction"})
    updates_n, tasks_n = (100_000, 10_000) if quick else (1_000_000, 100_000)
    updates = [ft.Update(f"T{k % tasks_n:06d}", "推进中", dt.date(2021, 1, 1) + dt.timedelta(days=k % 365),
                         percent=k % 100) for k in range(updates_n)]
    with tempfile.TemporaryDirectory() as folder:
        ledger = ft.Ledger(Path(folder) / "l.db")
        seconds, _ = timed(lambda: ledger.record_many(updates))
        rows.append({"n": updates_n, "step": "Ledger.record_many (one transaction)", "seconds": seconds,
                     "ratio": 0.0, "rss": rss_mib()})
        seconds, result = timed(lambda: ledger.status_as_of(dt.date(2021, 7, 1)))
        rows.append({"n": updates_n, "step": f"Ledger.status_as_of ({tasks_n} tasks)", "seconds": seconds,
                     "ratio": 0.0, "rss": rss_mib(), "note": f"{len(result)} tasks"})
        ledger.close()
        sheet_plan = synthetic_plan(10_000)
        xlsx = Path(folder) / "plan.xlsx"
        seconds, _ = timed(lambda: ft.save_plan(sheet_plan, xlsx))
        rows.append({"n": 10_000, "step": "save_plan XLSX", "seconds": seconds, "ratio": 0.0, "rss": rss_mib()})
        seconds, _ = timed(lambda: ft.load_plan(xlsx))
        rows.append({"n": 10_000, "step": "load_plan XLSX", "seconds": seconds, "ratio": 0.0, "rss": rss_mib()})
        csv = Path(folder) / "plan.csv"
        seconds, _ = timed(lambda: ft.save_plan(sheet_plan, csv))
        rows.append({"n": 10_000, "step": "save_plan CSV", "seconds": seconds, "ratio": 0.0, "rss": rss_mib()})
        seconds, _ = timed(lambda: ft.load_plan(csv))
        rows.append({"n": 10_000, "step": "load_plan CSV", "seconds": seconds, "ratio": 0.0, "rss": rss_mib()})

    def command(code: list[str]) -> float:
        best = float("inf")
        for _ in range(7):
            start = time.perf_counter()
            subprocess.run(code, check=True, capture_output=True)
            best = min(best, time.perf_counter() - start)
        return best

    python = sys.executable
    networkx = command([python, "-c", "import networkx"])
    for label, code in (("import fazhi_tasks", [python, "-c", "import fazhi_tasks"]),
                        ("fazhi-tasks check (sample)", [python, "-m", "fazhi_tasks", "check"]),
                        ("fazhi-tasks weekly (sample)", [python, "-m", "fazhi_tasks", "weekly", "--week-ending",
                                                         "2021-06-25"])):
        seconds = command(code)
        rows.append({"n": 97, "step": label, "seconds": seconds, "ratio": seconds / networkx, "rss": 0.0,
                     "note": "ratio to `python -c 'import networkx'`"})
    return rows


def table(rows: list[dict[str, Any]]) -> str:
    """The rows as a Markdown table."""
    lines = ["| N | step | seconds | × bare | peak RSS MiB | note |", "|---:|---|---:|---:|---:|---|"]
    for r in rows:
        ratio = f"{r['ratio']:.2f}" if r["ratio"] else ""
        seconds = f"{r['seconds']:.3f}" if r["seconds"] else ""
        rss = f"{r['rss']:.0f}" if r["rss"] else ""
        lines.append(f"| {r['n']:,} | {r['step']} | {seconds} | {ratio} | {rss} | {r.get('note', '')} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="CI-sized: N = 10³ and 10⁴, smaller micro runs")
    parser.add_argument("--sizes", help="comma-separated N to run instead")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--micro", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help="also write the table to this file")
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one_size(args.one)))
        return
    if args.micro:
        print(json.dumps(micro(args.quick)))
        return
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else (
        [1_000, 10_000] if args.quick else [1_000, 10_000, 100_000, 1_000_000])
    rows: list[dict[str, Any]] = []
    for n in sizes:
        out = subprocess.run([sys.executable, __file__, "--one", str(n)], check=True, capture_output=True,
                             text=True, env={**os.environ, "PYTHONHASHSEED": "0"})
        rows += json.loads(out.stdout)
        print(f"N = {n:,} done", file=sys.stderr)
    out = subprocess.run([sys.executable, __file__, "--micro", *(["--quick"] if args.quick else [])], check=True,
                         capture_output=True, text=True)
    rows += json.loads(out.stdout)
    header = (f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
              f"networkx {nx.__version__}; {dt.date.today()}")  # noqa: DTZ011 - a report of when it ran
    text = f"{header}\n\n{table(rows)}\n"
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
