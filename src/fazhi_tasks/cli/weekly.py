"""``fazhi-tasks weekly``: the week's 督办通报 (by default the week ending last Friday)."""

from __future__ import annotations

import argparse
from typing import TextIO

from fazhi_tasks.cli.commands import _calendar, _emit, _failing, _open_history, _plan, _report_settings
from fazhi_tasks.cli.options import (
    Subparsers,
    add_command,
    calendar_option,
    last_friday,
    report_options,
    settings_options,
    time_limit_option,
    today,
)

__all__ = ["register", "run"]

HELP = "周报（督办通报）/ the weekly overdue report"
EXAMPLE = "fazhi-tasks weekly --week-ending 2021-06-25 -o weekly.html"


def register(sub: Subparsers[argparse.ArgumentParser]) -> None:
    """Add ``weekly`` with its options."""
    p = add_command(sub, "weekly", HELP, EXAMPLE)
    calendar_option(p)
    report_options(p, as_of=("--week-ending", "--as-of"), as_of_help="the week's last day (default the last Friday)")
    settings_options(p)
    time_limit_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """The week's report; exit 1 with ``--fail-on overdue`` when a task is overdue."""
    from fazhi_tasks.analysis.weekly import weekly_report

    plan = _plan(args)
    args.as_of = args.as_of or last_friday(today(args))
    with _open_history(args, plan) as ledger:
        report = weekly_report(plan, ledger, args.as_of, time_limit_workdays=args.time_limit,
                               calendar=_calendar(args, plan))
    _emit(args, report.document(settings=_report_settings(args), plan=plan), out)
    return _failing(args, plan, overdue=len(report.overdue))
