"""``fazhi-tasks rectify``: the 问题和责任清单, each overdue task with its 整改时限."""

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
    time_limit_option,
)

__all__ = ["register", "run"]

HELP = "问题和责任清单（限时整改）/ the rectification list"
EXAMPLE = "fazhi-tasks rectify --as-of 2021-06-30 --by-division"


def register(sub: Subparsers[argparse.ArgumentParser]) -> None:
    """Add ``rectify`` with its options."""
    p = add_command(sub, "rectify", HELP, EXAMPLE)
    calendar_option(p)
    report_options(p)
    settings_options(p)
    time_limit_option(p)
    p.add_argument("--by-division", action="store_true", help="group into each division's list")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """The rectification list as of the date; exit 1 with ``--fail-on overdue`` when it has items."""
    from fazhi_tasks.analysis.rectify import rectification_list
    from fazhi_tasks.report.views import rectification_document

    plan = _plan(args)
    as_of = _as_of(args)
    items = rectification_list(plan, _statuses(args, plan, as_of), as_of, time_limit_workdays=args.time_limit,
                               calendar=_calendar(args, plan))
    _emit(args, rectification_document(items, plan_name=plan.name, by_division=args.by_division),
          out)
    return _failing(args, plan, overdue=len(items))
