"""``fazhi-tasks order``: the phased completion order, stage by stage and wave by wave."""

from __future__ import annotations

import argparse
from typing import TextIO

from fazhi_tasks.cli.commands import _emit, _failing, _plan
from fazhi_tasks.cli.options import Subparsers, add_command, calendar_option, report_options, settings_options

__all__ = ["register", "run"]

HELP = "分阶段、分批次的完成顺序 / the phased completion order"
EXAMPLE = "fazhi-tasks order --plan plan.toml"


def register(sub: Subparsers[argparse.ArgumentParser]) -> None:
    """Add ``order`` with its options."""
    p = add_command(sub, "order", HELP, EXAMPLE)
    calendar_option(p)
    report_options(p)
    settings_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """The phased order; exit 1 with ``--fail-on`` when there is what it names."""
    from fazhi_tasks.analysis.graph import phased_order
    from fazhi_tasks.report.views import phases_document

    plan = _plan(args, cancelled=False)
    _emit(args, phases_document(plan, phased_order(plan)), out)
    return _failing(args, plan)
