"""``fazhi-tasks export``: the plan as a file (format from the suffix), an empty template, or a 进展报送表."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from fazhi_tasks.cli.commands import _as_of, _open_history, _plan
from fazhi_tasks.cli.options import Subparsers, UsageError, add_command, date_option
from fazhi_tasks.core.i18n import text
from fazhi_tasks.io.planfile import save_plan

__all__ = ["register", "run"]

HELP = "导出任务清单（按扩展名选格式）/ export the plan (format from the suffix)"
EXAMPLE = "fazhi-tasks export -o plan.xlsx   |   fazhi-tasks export --template -o 空白任务表.xlsx"


def register(sub: Subparsers[argparse.ArgumentParser]) -> None:
    """Add ``export`` with its options."""
    p = add_command(sub, "export", HELP, EXAMPLE)
    p.add_argument("--template", action="store_true", help="an empty sheet with headers and drop-downs")
    p.add_argument("--progress-template", action="store_true",
                   help="a 进展报送表 to fill: the tasks pre-filled, drop-down 状态, percent 完成百分比")
    p.add_argument("--division", metavar="NAME", help="with --progress-template: only this division's tasks")
    p.add_argument("--as-of", type=date_option, metavar="DATE",
                   help="with --progress-template and --ledger: the statuses as of this date (default today)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Write the plan, an empty template or a 进展报送表 to ``-o``; exit 0."""
    if not args.output:
        raise UsageError(key="err.export_needs_output", option="-o")
    if args.progress_template:
        from fazhi_tasks.io.sheets.writer import write_progress_template

        plan = _plan(args, cancelled=False)
        latest = None
        if args.ledger:
            with _open_history(args, plan) as ledger:
                latest = dict(ledger.status_as_of(_as_of(args)))
        count = write_progress_template(plan, Path(args.output), division=args.division, latest=latest)
        out.write(text("cli.progress_template", args.lang, count=count, path=args.output) + "\n")
        return 0
    if args.template:
        from fazhi_tasks.io.sheets.writer import write_template

        write_template(Path(args.output), _plan(args, cancelled=False) if args.plan else None)
        out.write(text("cli.template", args.lang, path=args.output) + "\n")
        return 0
    from fazhi_tasks.io.settings import read_report_settings

    plan = _plan(args, cancelled=False)
    settings = read_report_settings(args.plan) if args.plan else None  # the 通报 settings travel with the plan
    if settings is not None and settings.to_mapping() and Path(args.output).suffix.lower() == ".csv":
        out.write(text("cli.settings_not_in_csv", args.lang) + "\n")
        settings = None
    save_plan(plan, args.output, settings=settings)
    out.write(text("cli.exported", args.lang, count=len(plan), path=args.output) + "\n")
    return 0
