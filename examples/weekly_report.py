"""This week's report for a plan and a ledger, in every format: the Friday job.

    python examples/weekly_report.py                      # the bundled sample, week ending 2021-06-25
    python examples/weekly_report.py --plan 任务清单.xlsx --ledger progress.db --out 周报/

Writes weekly-<date>.txt / .md / .html / .xlsx / .json into --out and prints the headline. With a ledger the
week is the last one ending on a Friday, by today's date in Beijing (``--today`` to take another day as today).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import fazhi_tasks as ft


def last_friday(today: dt.date) -> dt.date:
    """The most recent Friday on or before ``today``."""
    return today - dt.timedelta(days=(today.weekday() - 4) % 7)


def beijing_today() -> dt.date:
    """Today's date in Beijing, whatever zone the machine runs in (a UTC server is 8 hours behind)."""
    return dt.datetime.now(ZoneInfo("Asia/Shanghai")).date()


def write_reports(plan: ft.Plan, history: ft.Ledger | list[ft.Update], week_ending: dt.date, out: Path) -> Path:
    """Write the week's report in every format into ``out``; returns the HTML file."""
    report = ft.weekly_report(plan, history, week_ending)
    out.mkdir(parents=True, exist_ok=True)
    stem = out / f"weekly-{week_ending.isoformat()}"
    stem.with_suffix(".txt").write_text(report.to_text(), encoding="utf-8")
    stem.with_suffix(".md").write_text(report.to_markdown(), encoding="utf-8")
    stem.with_suffix(".html").write_text(report.to_html(), encoding="utf-8")
    stem.with_suffix(".json").write_text(json.dumps(report.to_dict(), ensure_ascii=False, indent=1), encoding="utf-8")
    report.to_xlsx(stem.with_suffix(".xlsx"))
    print(report.headline())
    return stem.with_suffix(".html")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--plan", type=Path, help="plan file (default: the bundled sample)")
    parser.add_argument("--ledger", type=Path, help="progress ledger (default: the sample history)")
    parser.add_argument("--week-ending", type=dt.date.fromisoformat, default=None)
    parser.add_argument("--today", type=dt.date.fromisoformat, default=None, help="take this date as today")
    parser.add_argument("--out", type=Path, default=Path("out"))
    args = parser.parse_args()
    plan = ft.load_plan(args.plan) if args.plan else ft.sample_plan()
    if args.ledger:
        history: ft.Ledger | list[ft.Update] = ft.Ledger(args.ledger, plan=plan)
        week = args.week_ending or last_friday(args.today or beijing_today())
    else:
        history = ft.sample_updates()
        week = args.week_ending or dt.date(2021, 6, 25)
    write_reports(plan, history, week, args.out)


if __name__ == "__main__":
    main()
