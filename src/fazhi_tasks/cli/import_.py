"""``fazhi-tasks import``: an updates file (or a plan sheet's progress columns) into the ledger, all or nothing."""

from __future__ import annotations

import argparse
from typing import TextIO

from fazhi_tasks.cli.commands import _as_of, _need_ledger, _plan, _read
from fazhi_tasks.cli.options import Subparsers, add_command, date_option
from fazhi_tasks.core.i18n import text

__all__ = ["register", "run"]

HELP = "导入进展报送表（全部成功或全部不导入）/ import an updates file, all or nothing"
EXAMPLE = "fazhi-tasks import 进展报送.xlsx --ledger progress.db"


def register(sub: Subparsers[argparse.ArgumentParser]) -> None:
    """Add ``import`` with its options."""
    p = add_command(sub, "import", HELP, EXAMPLE)
    p.add_argument("file", metavar="FILE",
                   help="updates file .csv/.xlsx/.xls/.ods/.json, or a plan sheet with --on")
    p.add_argument("--on", type=date_option, metavar="DATE",
                   help="import a plan sheet's progress columns (完成情况, 完成进度) as updates of this date")
    p.add_argument("--as-of", type=date_option, metavar="DATE",
                   help="report dates after this are refused (default today)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Import every update of the file into the ledger given with ``--ledger``, or none; exit 0."""
    from fazhi_tasks.io.updates import read_updates
    from fazhi_tasks.ledger.front import Ledger

    path = _need_ledger(args)
    got = None
    if args.on is not None:  # a plan sheet's own progress columns (完成情况, 完成进度 ...) as updates dated --on
        from fazhi_tasks.io.sheets.reader import progress_updates

        read = _read(args, args.file)
        plan = _plan(args) if args.plan else read.plan
        updates = progress_updates(read, args.on)
    else:
        plan = _plan(args)  # the sample plan when none is given: every row is checked against the plan in use
        got = read_updates(args.file, plan=plan, as_of=_as_of(args))
        updates = list(got.updates)
        out.write("".join(f"{line}\n" for line in got.summary.lines()))
    with Ledger(path, plan=plan, bureau=args.bureau, timeout=args.timeout) as ledger:
        if got is not None and updates:  # a supporting division's report the lead's record of that day overrules
            held = ledger.updates(since=min(u.on for u in updates), until=max(u.on for u in updates))
            updates, overruled = got.overruled_by(held, plan)
            if overruled:
                out.write(text("cli.overruled", args.lang, count=len(overruled)) + "\n")
                out.write("".join(f"  {o.describe(args.lang)}\n" for o in overruled))
        count = ledger.record_many(updates, skip_existing=True)  # re-importing a file records nothing twice
        total = len(ledger)
    skipped = len(updates) - count
    said = text("cli.skipped", args.lang, count=skipped) if skipped else ""
    out.write(text("cli.imported", args.lang, count=count, total=total, skipped=said) + "\n")
    return 0
