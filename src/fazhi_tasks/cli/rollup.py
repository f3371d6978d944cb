"""``fazhi-tasks rollup``: the city's figures for every bureau, from the shared ledger and a folder of plans."""

from __future__ import annotations

import argparse
from typing import TextIO

from fazhi_tasks.cli.commands import _as_of, _chain_note, _emit, _existing_ledger
from fazhi_tasks.cli.options import (
    Subparsers,
    UsageError,
    add_command,
    calendar_option,
    report_options,
    settings_options,
)

__all__ = ["register", "run"]

HELP = "全市汇总：各单位任务、完成、逾期、受阻、完成率 / the city rollup of every bureau"
EXAMPLE = "fazhi-tasks rollup --url postgresql://city_fzb@db/fazhi --plans 各单位计划/ --as-of 2021-06-30"


def register(sub: Subparsers[argparse.ArgumentParser]) -> None:
    """Add ``rollup`` with its options."""
    p = add_command(sub, "rollup", HELP, EXAMPLE)
    calendar_option(p)
    report_options(p)
    p.add_argument("--url", metavar="URL", help="the shared ledger: postgresql://… (or an SQLite file)")
    p.add_argument("--plans", metavar="DIR", help="folder of plan files, one per bureau, named after it")
    settings_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """The city rollup as of the date; exit 1 with ``--fail-on overdue`` when a bureau has an overdue task."""
    from fazhi_tasks.io.plans_folder import rollup
    from fazhi_tasks.report.views import rollup_document

    url = args.url or args.ledger
    if not url or not args.plans:
        raise UsageError(key="err.rollup_needs", option="--url" if not url else "--plans")
    _existing_ledger(url)
    from fazhi_tasks.io.calendar_file import load_calendar

    years = load_calendar(args.calendar_file) if args.calendar_file else ()
    from fazhi_tasks.ledger.front import Ledger

    with Ledger(url, timeout=args.timeout) as ledger:
        args.chain_note = _chain_note(ledger, None)
        city = rollup(ledger, args.plans, _as_of(args), beyond=args.beyond, years=years)
    _emit(args, rollup_document(city), out)
    return 1 if city.total.overdue and args.fail_on == "overdue" else 0
