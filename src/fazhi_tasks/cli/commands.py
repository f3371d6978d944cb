"""What the ``fazhi-tasks`` commands share: the plan, the progress history, the calendar, the output.

Each command is a module of its own in ``cli/`` (``register(sub)`` adds its parser and options, ``run(args, out)``
computes with the library, lays out a document and renders it, returning the exit code); ``cli/__init__.py``
builds the parser from the list of them and turns errors into exit codes. The helpers here read the options every
command takes (:func:`~fazhi_tasks.cli.options.common_options`), already converted by the types in
:mod:`~fazhi_tasks.cli.options`, which name the value as typed.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from fazhi_tasks.cli.options import UsageError, today
from fazhi_tasks.core.errors import ArgumentError
from fazhi_tasks.core.i18n import text
from fazhi_tasks.io.planfile import load_plan
from fazhi_tasks.model.values import Update
from fazhi_tasks.report.renderers.registry import BINARY, format_for

if TYPE_CHECKING:
    from fazhi_tasks.io.settings import ReportSettings
    from fazhi_tasks.io.sheets.reader import PlanRead
    from fazhi_tasks.ledger.front import Ledger
    from fazhi_tasks.model.calendar import WorkCalendar
    from fazhi_tasks.model.plan import Plan
    from fazhi_tasks.report.document import Document, Phrase

__all__ = ["REPORT_VERIFY_ROWS"]


def _read(args: argparse.Namespace, path: str) -> PlanRead:
    """A plan sheet read with the command's --columns mapping."""
    from fazhi_tasks.io.planfile import read_plan

    return read_plan(path, columns=getattr(args, "columns", None), no_deadlines=getattr(args, "no_deadlines", False))


def _plan(args: argparse.Namespace, *, cancelled: bool = True) -> Plan:
    """The plan the command runs on; a sheet's cancelled tasks are kept in ``args.plan_cancelled`` for the history.

    Without ``cancelled`` (``order``, ``export``: nothing there could say they are cancelled) the tasks the sheet
    marks cancelled are left out, as ``load_plan`` leaves them.
    """
    from fazhi_tasks.io.sample import sample_plan

    if not args.plan:
        return sample_plan()
    if Path(args.plan).suffix.lower() in (".toml", ".json"):
        return load_plan(args.plan)
    read = _read(args, args.plan)
    if not cancelled:
        from fazhi_tasks.io.sheets.reader import live_plan

        return live_plan(read)
    args.plan_cancelled = read.cancelled
    return read.plan


def _with_cancelled(args: argparse.Namespace, ledger: Ledger, plan: Plan) -> Ledger:
    """The history a report reads: the ledger, and the tasks the plan sheet marks cancelled as 已取消 throughout.

    The plan's word is final for those tasks: their updates in the ledger are left out of this run (not deleted), so
    a task the sheet strikes out is never open or overdue, whatever was reported before. Without cancellations the
    ledger itself is returned.
    """
    cancelled = getattr(args, "plan_cancelled", ())
    if not cancelled:
        return ledger
    from fazhi_tasks.analysis.cancelled import CancelledHistory
    from fazhi_tasks.ledger.front import Ledger

    with ledger:
        view = CancelledHistory(ledger, cancelled)
        updates, reviews, reviewing = view.updates(), view.reviews(), view.reviewing
    return Ledger.from_updates(updates, reviews=reviews, reviewing=reviewing)  # the office's decisions kept


def _open_history(args: argparse.Namespace, plan: Plan) -> Ledger:
    from fazhi_tasks.io.sample import sample_updates
    from fazhi_tasks.ledger.front import Ledger

    if args.ledger:
        _existing_ledger(args.ledger)
        ledger = Ledger(args.ledger, plan=plan, bureau=args.bureau, timeout=args.timeout)
        try:
            args.chain_note = _chain_note(ledger, ledger.bureau)
        except BaseException:
            ledger.close()
            raise
        return _with_cancelled(args, ledger, plan)
    if args.plan:
        _no_progress_in_plan(args)
        return Ledger.from_updates(getattr(args, "plan_cancelled", ()), plan=plan)
    return Ledger.from_updates(sample_updates(), plan=plan)


#: Reports check the hash chain of the rows they read, up to this many; past it they say they did not.
REPORT_VERIFY_ROWS = 100_000


def _chain_note(ledger: Ledger, bureau: str | None) -> Phrase | None:
    """The note a report carries when the rows it read break their hash chain, or were too many to check."""
    from fazhi_tasks.report.document import Phrase

    report = ledger.verify(bureau=bureau, limit=REPORT_VERIFY_ROWS)
    if report.breaks:
        b = report.breaks[0]
        return Phrase("note.chain_broken", {"bureau": b.bureau or "", "chain_no": b.chain_no, "seq": b.seq})
    if not report.complete:
        return Phrase("note.chain_unverified", {"limit": REPORT_VERIFY_ROWS})
    return None


def _no_progress_in_plan(args: argparse.Namespace) -> None:
    """A 台账 whose sheet says which tasks are done, run as a plan alone, would list them as overdue: refuse it."""
    from fazhi_tasks.core.errors import PlanFileError, Said

    path = args.plan
    if Path(path).suffix.lower() in (".toml", ".json"):
        return
    read = _read(args, path)  # its cancelled tasks are not in read.progress: the report lists them as 已取消
    marked = [task_id for task_id, status, percent, _ in read.progress if status is not None or percent is not None]
    if marked:
        name = Path(path).name
        shown = "、".join(f"{c}（{h}）" for c, h in read.summary.progress_columns)
        message = Said.of("cli.plan_has_progress", name=name, shown=shown, count=len(marked))
        raise PlanFileError(message, path=path, column=read.summary.progress_columns[0][1] if shown else None)


def _existing_ledger(target: str) -> None:
    """A report read from a ledger file that does not exist would be silently empty: refuse it."""
    from fazhi_tasks.core.errors import LedgerError
    from fazhi_tasks.ledger.base import sqlite_path
    from fazhi_tasks.ledger.front import is_postgres_url

    if not is_postgres_url(target) and target != ":memory:" and not Path(sqlite_path(target)).exists():
        raise LedgerError(key="err.no_ledger_file", params={"path": target}, path=target, status=404)


def _calendar(args: argparse.Namespace, plan: Plan | None, beyond: str | None = None) -> WorkCalendar:
    from fazhi_tasks.io.calendar_file import load_calendar
    from fazhi_tasks.model.calendar import WorkCalendar

    years = load_calendar(args.calendar_file) if args.calendar_file else ()
    return WorkCalendar.for_plan(plan, beyond=beyond or args.beyond, years=years)  # type: ignore[arg-type]


def _as_of(args: argparse.Namespace) -> dt.date:
    return args.as_of or today(args)


def _statuses(args: argparse.Namespace, plan: Plan, as_of: dt.date) -> Mapping[str, Update]:
    """The statuses the reports count: a 已完成 only once closed (销号) when the ledger is reviewing."""
    with _open_history(args, plan) as ledger:
        return ledger.closed_as_of(as_of)


def _emit(args: argparse.Namespace, doc: Document, out: TextIO) -> None:
    """Render ``doc`` as the options say: to ``-o`` (format from ``--format`` or the suffix) or to stdout."""
    from fazhi_tasks.report.present import render

    note = getattr(args, "chain_note", None)
    if note is not None:
        import attrs

        doc = attrs.evolve(doc, notes=(*doc.notes, note))
    fmt = format_for(args.output, args.format)
    options: dict[str, object] = {"tablefmt": args.fmt} if fmt == "text" else {}
    if fmt == "html" and getattr(args, "portrait", False):
        options["portrait"] = True
    settings = _report_settings(args) if fmt == "docx" else None
    if not args.output and fmt in BINARY:
        raise ArgumentError(key="err.binary_needs_file", params={"fmt": fmt}, option="--format", value=fmt)
    shown = render(doc, fmt, lang=args.lang, settings=settings, path=args.output, **options)
    if args.output:
        out.write(text("cli.written", args.lang, path=args.output) + "\n")
    else:
        out.write(str(shown))


def _failing(args: argparse.Namespace, plan: Plan, *, overdue: int | None = None, findings: int | None = None) -> int:
    """Exit 1 when ``--fail-on`` names something there is: overdue tasks as of the date, or plan findings."""
    if args.fail_on == "overdue":
        if overdue is None:
            from fazhi_tasks.analysis.shortfalls import find_shortfalls

            as_of = _as_of(args)
            overdue = len(find_shortfalls(plan, _statuses(args, plan, as_of), as_of,
                                          calendar=_calendar(args, plan)).overdue)
        return 1 if overdue else 0
    if args.fail_on == "findings":
        if findings is None:
            from fazhi_tasks.analysis.graph import check_plan

            findings = len(check_plan(plan, calendar=_calendar(args, plan)))
        return 1 if findings else 0
    return 0


def _report_settings(args: argparse.Namespace) -> ReportSettings:
    """The 通报 settings: the plan file's [report] table or 设置 sheet, overridden by the options."""
    from fazhi_tasks.io.settings import ReportSettings, read_report_settings

    base = read_report_settings(args.plan) if getattr(args, "plan", None) else ReportSettings()
    # ``calendar`` renders Word too but has no 通报 options: each option is taken when the command has it
    given = {name: getattr(args, name, None) for name in ("issuer", "issue_no", "contact", "phone", "signer", "to",
                                                          "cc")}
    return base.override(**given)


def _need_ledger(args: argparse.Namespace) -> str:
    if not args.ledger:
        raise UsageError(key="err.needs_ledger", params={"command": args.command}, option="--ledger")
    return str(args.ledger)
