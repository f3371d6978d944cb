"""``fazhi-tasks shortfalls``: overdue, blocked, due-soon and done-late tasks as of a date."""

from __future__ import annotations

import argparse
from typing import TextIO

from fazhi_tasks.cli.commands import _as_of, _calendar, _emit, _failing, _plan, _statuses
from fazhi_tasks.cli.options import (
    Subparsers,
    add_command,
    calendar_option,
    report_options,
    settings_options,
    whole_number,
)

__all__ = ["register", "run"]

HELP = "逾期、受阻、即将到期、逾期完成 / overdue, blocked, due soon, done late"
EXAMPLE = "fazhi-tasks shortfalls --ledger progress.db --as-of 2021-06-30"


def register(sub: Subparsers[argparse.ArgumentParser]) -> None:
    """Add ``shortfalls`` with its options."""
    p = add_command(sub, "shortfalls", HELP, EXAMPLE)
    calendar_option(p)
    report_options(p)
    p.add_argument("--due-soon", type=whole_number(0), default=5, metavar="N",
                   help="working days ahead that count as due soon (default 5)")
    settings_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """The shortfalls as of the date; exit 1 with ``--fail-on overdue`` when a task is overdue."""
    from fazhi_tasks.analysis.shortfalls import find_shortfalls
    from fazhi_tasks.report.views import shortfalls_document

    plan = _plan(args)
    as_of = _as_of(args)
    found = find_shortfalls(plan, _statuses(args, plan, as_of), as_of, due_soon_workdays=args.due_soon,
                            calendar=_calendar(args, plan))
    _emit(args, shortfalls_document(found, plan_name=plan.name), out)
    return _failing(args, plan, overdue=len(found.overdue))
