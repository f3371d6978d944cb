"""``fazhi-tasks calendar``: a year's working-day calendar — where its data comes from, holidays and
调休, working days by month."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TextIO

from fazhi_tasks.cli.commands import _calendar, _emit, _plan
from fazhi_tasks.cli.options import Subparsers, add_command, calendar_option, year_option
from fazhi_tasks.report.renderers.registry import FORMATS

__all__ = ["register", "run"]

HELP = "某年的工作日历：数据来源、放假和调休、各月工作日 / a year's working-day calendar"
EXAMPLE = "fazhi-tasks calendar --year 2027 --calendar 2027节假日.toml"


def register(sub: Subparsers[argparse.ArgumentParser]) -> None:
    """Add ``calendar`` with its options."""
    p = add_command(sub, "calendar", HELP, EXAMPLE)
    calendar_option(p)
    p.add_argument("--year", type=year_option, required=True, metavar="YEAR", help="the year, e.g. 2027")
    p.add_argument("--format", choices=tuple(FORMATS), default=None, help="output format")
    p.add_argument("--fmt", default="simple", metavar="TABLEFMT", help="tabulate table format for text")
    p.add_argument("--beyond", choices=("error", "weekdays"), default="error",
                   help="a year without holiday data: an error (default), or show Monday–Friday")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """The year's working-day calendar; an error for a year without data unless ``--beyond weekdays``."""
    from fazhi_tasks.report.views import calendar_document

    info = _calendar(args, _plan(args) if args.plan else None).describe_year(args.year)
    if info.source == "none":  # asked to be exact: a year without data is an error, unless --beyond weekdays
        from fazhi_tasks.core.errors import CalendarCoverageError

        cal = _calendar(args, None)
        first, last = cal.official_range
        raise CalendarCoverageError(key="err.no_calendar_year", date=dt.date(args.year, 1, 1), first=first,
                                    last=last)
    _emit(args, calendar_document(info), out)
    return 0
