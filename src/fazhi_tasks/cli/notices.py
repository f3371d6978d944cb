"""``fazhi-tasks notices``: one 督办通知单 per division, in one .docx (``-o``) or one file each (``--split``)."""

from __future__ import annotations

import argparse
from typing import TextIO

from fazhi_tasks.cli.commands import _calendar, _open_history, _plan, _report_settings
from fazhi_tasks.cli.options import (
    Subparsers,
    UsageError,
    add_command,
    beyond_option,
    calendar_option,
    date_option,
    last_friday,
    settings_options,
    time_limit_option,
    today,
)
from fazhi_tasks.core.i18n import text
from fazhi_tasks.report.renderers.registry import format_for

__all__ = ["register", "run"]

HELP = "各处室督办通知单（Word）/ per-division supervision notices as .docx"
EXAMPLE = "fazhi-tasks notices --as-of 2021-06-25 -o 督办通知单.docx   |   --split 通知单/"


def register(sub: Subparsers[argparse.ArgumentParser]) -> None:
    """Add ``notices`` with its options."""
    p = add_command(sub, "notices", HELP, EXAMPLE)
    calendar_option(p)
    settings_options(p)
    p.add_argument("--week-ending", "--as-of", dest="as_of", type=date_option, metavar="DATE",
                   help="the report's date (default the last Friday)")
    p.add_argument("--split", metavar="DIR", help="one .docx per division into this directory")
    p.add_argument("--include-due", action="store_true", help="also list the tasks due next week")
    beyond_option(p)
    time_limit_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Write the divisions' notices (``-o`` one file, or ``--split`` a folder of them); exit 0."""
    from fazhi_tasks.analysis.weekly import weekly_report
    from fazhi_tasks.report.gongwen.notices import notices_docx

    if bool(args.output) == bool(args.split):
        raise UsageError(key="err.notices_needs", option="-o" if not args.output else "--split")
    if args.output and format_for(args.output, None) != "docx":
        raise UsageError(key="err.format_suffix", params={"fmt": "docx", "path": args.output, "suffix": ".docx"},
                         option="-o", value=args.output)
    plan = _plan(args)
    week_ending = args.as_of or last_friday(today(args))
    with _open_history(args, plan) as ledger:
        report = weekly_report(plan, ledger, week_ending, time_limit_workdays=args.time_limit,
                               calendar=_calendar(args, plan))
    files = notices_docx(report, args.split or args.output, settings=_report_settings(args), plan=plan,
                         include_due=args.include_due, split=bool(args.split))
    out.write(text("cli.notices", args.lang, path=args.split or args.output, count=len(files)) + "\n")
    return 0
