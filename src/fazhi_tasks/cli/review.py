"""``fazhi-tasks review TASK --pass | --return 理由``: the office passes (销号) or returns (退回) a reported 已完成.

The decision is appended to the ``--ledger`` like an update; the reports count the task as done only once it is
passed. A task that is not 已完成 as of the decision's date is refused (one line on stderr, exit 2).
"""

from __future__ import annotations

import argparse
import getpass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from fazhi_tasks.cli.options import UsageError, add_command, date_option, today
from fazhi_tasks.core.errors import LedgerError
from fazhi_tasks.core.i18n import text, word

if TYPE_CHECKING:
    from fazhi_tasks.model.plan import Plan

__all__ = ["login_name", "open_ledger", "register", "run"]

HELP = "审核已报送完成的任务：--pass 销号，--return 理由 退回 / pass or return a task reported done"
EXAMPLE = "fazhi-tasks review T043 --pass --on 2021-06-25 --by 法治办 --ledger progress.db"


def register(sub: Any) -> None:
    """Add the ``review`` command to the subparsers ``sub``."""
    p = add_command(sub, "review", HELP, EXAMPLE)
    p.set_defaults(func=run)
    p.add_argument("task_id", metavar="TASK_ID", nargs="?",
                   help="the task reviewed (leave out with --all-pending)")
    p.add_argument("--all-pending", action="store_true",
                   help="with --pass: pass every 已完成 awaiting review as of --on (when a ledger starts being "
                   "reviewed, to close what was already accepted)")
    decision = p.add_mutually_exclusive_group(required=True)
    decision.add_argument("--pass", dest="passed", action="store_true", help="pass it: 销号 (the task is closed)")
    decision.add_argument("--return", dest="reason", metavar="REASON",
                          help="return it with this reason: 退回 (the task is open again)")
    p.add_argument("--on", type=date_option, metavar="DATE", help="the decision's date (default today)")
    p.add_argument("--by", default=None, metavar="NAME", help="who decided (default: this computer's user name)")


def login_name() -> str:
    """This computer's user name, or ``""`` when there is none."""
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return ""


def open_ledger(args: argparse.Namespace, *, must_exist: bool) -> Any:
    """The ``--ledger`` of a command that writes to it (bound to ``--plan`` when given)."""
    from fazhi_tasks.io.planfile import load_plan
    from fazhi_tasks.ledger.base import is_postgres_url, sqlite_path
    from fazhi_tasks.ledger.front import Ledger

    if not args.ledger:
        raise UsageError(key="err.needs_ledger", params={"command": args.command}, option="--ledger")
    target = str(args.ledger)
    if must_exist and not is_postgres_url(target) and target != ":memory:" and not Path(sqlite_path(target)).exists():
        raise LedgerError(key="err.no_ledger_file", params={"path": target}, path=target, status=404)
    plan: Plan | None = load_plan(args.plan) if args.plan else None
    return Ledger(target, plan=plan, bureau=args.bureau, timeout=args.timeout)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Record the decision; say what was recorded."""
    from fazhi_tasks.model.review import Decision, Review

    if args.all_pending:
        return _pass_all_pending(args, out)
    if not args.task_id:
        raise UsageError(key="err.review_needs_task", option="TASK_ID")
    decision = Decision.PASS if args.passed else Decision.RETURN
    review = Review(args.task_id, decision, args.on or today(args), reason=args.reason or "",
                    by=login_name() if args.by is None else args.by)
    with open_ledger(args, must_exist=True) as ledger:
        ledger.review(review)
    out.write(text("cli.review_done", args.lang, task=review.task_id, decision=word(decision, args.lang),
                   day=review.on) + "\n")
    return 0


def _pass_all_pending(args: argparse.Namespace, out: TextIO) -> int:
    """Pass every 已完成 that awaits review as of ``--on``: one decision per task, each recorded with who and when.

    Run again it passes nothing more (what it passed is closed); a task returned (退回) stays open: it needs a
    new report first.
    """
    from fazhi_tasks.model.review import Decision, Review, closed_statuses

    if not args.passed or args.task_id:
        raise UsageError(key="err.review_all_pending", option="--all-pending")
    day = args.on or today(args)
    by = login_name() if args.by is None else args.by
    with open_ledger(args, must_exist=True) as ledger:
        pending = closed_statuses(ledger.status_as_of(day), ledger.reviews(), day).pending
        for task_id in sorted(pending):
            ledger.review(Review(task_id, Decision.PASS, day, by=by))
    out.write(text("cli.review_all_done", args.lang, n=len(pending), day=day) + "\n")
    return 0
