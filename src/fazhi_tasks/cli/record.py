"""``fazhi-tasks record``: one progress update into the ledger."""

from __future__ import annotations

import argparse
from typing import TextIO

from fazhi_tasks.cli.commands import _need_ledger, _plan
from fazhi_tasks.cli.options import Subparsers, add_command, date_option, percent_option, today
from fazhi_tasks.core.i18n import text, word
from fazhi_tasks.model.values import Status, Update

__all__ = ["register", "run"]

HELP = "记录一条进展 / record one progress update"
EXAMPLE = "fazhi-tasks record T043 已完成 --on 2021-07-16 --percent 100 --ledger progress.db"


def register(sub: Subparsers[argparse.ArgumentParser]) -> None:
    """Add ``record`` with its options."""
    p = add_command(sub, "record", HELP, EXAMPLE)
    p.add_argument("task_id", metavar="TASK_ID")
    p.add_argument("status", metavar="STATUS",
                   help="未启动/推进中/已完成/已暂缓 or not started/in progress/done/suspended")
    p.add_argument("--on", type=date_option, metavar="DATE", help="the update's date (default today)")
    p.add_argument("--percent", type=percent_option, metavar="N")
    p.add_argument("--note", default="", metavar="TEXT")
    p.add_argument("--by", default="", metavar="NAME")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Record one update in the ledger given with ``--ledger``; exit 0."""
    from fazhi_tasks.ledger.front import Ledger

    plan = _plan(args)
    path = _need_ledger(args)
    update = Update(args.task_id, Status.parse(args.status), args.on or today(args), percent=args.percent,
                    note=args.note, by=args.by)
    with Ledger(path, plan=plan, bureau=args.bureau, timeout=args.timeout) as ledger:
        ledger.record(update)
        count = len(ledger)
    out.write(text("cli.recorded", args.lang, id=update.task_id, status=word(update.status, args.lang), day=update.on,
                   count=count) + "\n")
    return 0
