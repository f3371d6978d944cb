"""``fazhi-tasks check``: the plan's findings (a prerequisite due later than its task, a deadline past its
stage, work planned backwards), with what was read and assumed from a sheet."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from fazhi_tasks.cli.commands import _as_of, _calendar, _emit, _failing, _open_history, _plan, _read
from fazhi_tasks.cli.options import Subparsers, add_command, calendar_option, report_options, settings_options

__all__ = ["register", "run"]

HELP = "检查计划：任务早于前置任务到期、时限超出阶段、工作量倒排 / check the plan's dates"
EXAMPLE = "fazhi-tasks check --plan plan.xlsx --fail-on findings"


def register(sub: Subparsers[argparse.ArgumentParser]) -> None:
    """Add ``check`` with its options."""
    p = add_command(sub, "check", HELP, EXAMPLE)
    calendar_option(p)
    report_options(p)
    settings_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """The plan's findings; exit 1 with ``--fail-on findings`` when there are any."""
    from fazhi_tasks.analysis.graph import check_plan
    from fazhi_tasks.report.views import findings_document, read_summary_section

    summary = None
    if args.plan and Path(args.plan).suffix.lower() not in (".toml", ".json"):
        read = _read(args, args.plan)  # a sheet: say what was read and assumed before the findings
        plan, summary, args.plan_cancelled = read.plan, read.summary, read.cancelled
    else:
        plan = _plan(args)
    cal = _calendar(args, plan)
    findings = check_plan(plan, calendar=cal)
    notes = []
    fallback = findings.calendar_fallback
    if fallback is not None:
        from fazhi_tasks.model.calendar import calendar_note

        notes.append(calendar_note(fallback))
    if args.ledger:
        from fazhi_tasks.analysis.weekly import unknown_ids_note

        with _open_history(args, plan) as ledger:
            unknown = {u.task_id for u in ledger.updates() if u.task_id not in plan}
        if unknown:
            notes.append(unknown_ids_note(unknown))
    extra = [read_summary_section(summary)] if summary is not None else []
    _emit(args, findings_document(plan, findings, notes=notes, extra=extra, date=_as_of(args)), out)
    return _failing(args, plan, findings=len(findings))
