"""``fazhi-tasks forecast``: each open task's projected finish at its plan's pace, and the stage outlook."""

from __future__ import annotations

import argparse
from typing import TextIO

from fazhi_tasks.cli.commands import _as_of, _calendar, _emit, _failing, _open_history, _plan
from fazhi_tasks.cli.options import (
    Subparsers,
    add_command,
    calendar_option,
    report_options,
    settings_options,
    time_limit_option,
)

__all__ = ["register", "run"]

HELP = "进度预测：按计划进度推算完成时间、建议时限、阶段展望 / the recovery forecast"
EXAMPLE = "fazhi-tasks forecast --as-of 2021-06-30"


def register(sub: Subparsers[argparse.ArgumentParser]) -> None:
    """Add ``forecast`` with its options."""
    p = add_command(sub, "forecast", HELP, EXAMPLE)
    calendar_option(p)
    report_options(p)
    settings_options(p)
    time_limit_option(p)
    p.add_argument("--all", action="store_true", help="list every open task, not only those projected late")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """The forecast as of the date; exit 1 with ``--fail-on`` when there is what it names."""
    from fazhi_tasks.analysis.forecast import forecast
    from fazhi_tasks.report.views import forecast_document

    plan = _plan(args)
    as_of = _as_of(args)
    with _open_history(args, plan) as ledger:
        statuses = ledger.closed_as_of(as_of)
        history = ledger.updates(until=as_of)
    fc = forecast(plan, statuses, as_of, calendar=_calendar(args, plan), time_limit_workdays=args.time_limit)
    _emit(args, forecast_document(plan, fc, statuses, history, every=args.all), out)
    return _failing(args, plan)
