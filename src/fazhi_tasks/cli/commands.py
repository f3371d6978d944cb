"""The ``fazhi-tasks`` commands: each parses nothing, computes with the library, lays out a document, renders it.

``cli/__init__.py`` builds the parser and turns errors into exit codes; every ``cmd_*`` here takes the parsed
options and the output stream and returns the exit code. Option values were converted by the types in
:mod:`~fazhi_tasks.cli.options`, which name the value as typed.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from fazhi_tasks.cli.options import UsageError, last_friday, today
from fazhi_tasks.core.errors import ArgumentError
from fazhi_tasks.core.i18n import text, word
from fazhi_tasks.io.planfile import load_plan, save_plan
from fazhi_tasks.model.values import Status, Update
from fazhi_tasks.report.renderers.registry import BINARY, format_for

if TYPE_CHECKING:
    from fazhi_tasks.io.settings import ReportSettings
    from fazhi_tasks.io.sheets.reader import PlanRead
    from fazhi_tasks.ledger.front import Ledger
    from fazhi_tasks.model.calendar import WorkCalendar
    from fazhi_tasks.model.plan import Plan
    from fazhi_tasks.report.document import Document, Phrase

__all__ = ["cmd_calendar", "cmd_check", "cmd_export", "cmd_forecast", "cmd_import", "cmd_ledger", "cmd_notices",
           "cmd_order", "cmd_record", "cmd_rectify", "cmd_rollup", "cmd_shortfalls", "cmd_weekly"]


# -- shared pieces --------------------------------------------------------------------------------


def _read(args: argparse.Namespace, path: str) -> PlanRead:
    """A plan sheet read with the command's --columns mapping."""
    from fazhi_tasks.io.planfile import read_plan

    return read_plan(path, columns=getattr(args, "columns", None), no_deadlines=getattr(args, "no_deadlines", False))


def _plan(args: argparse.Namespace) -> Plan:
    from fazhi_tasks.io.sample import sample_plan

    if args.plan and (getattr(args, "columns", None) or getattr(args, "no_deadlines", False)) and Path(
            args.plan).suffix.lower() not in (".toml", ".json"):
        return _read(args, args.plan).plan
    return load_plan(args.plan) if args.plan else sample_plan()


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
        return ledger
    if args.plan:
        _no_progress_in_plan(args)
        return Ledger(":memory:", plan=plan)
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
    read = _read(args, path)
    marked = [task_id for task_id, status, percent, _ in read.progress if status is not None or percent is not None]
    if marked:
        name = Path(path).name
        shown = "、".join(f"{c}（{h}）" for c, h in read.summary.progress_columns)
        message = Said(f"{name}：计划表含进展列 {shown}（{len(marked)} 项任务填了状态或进度），但没有指定进展账本："
                       "报告会把表中已完成的任务算作未启动。请先用 fazhi-tasks import "
                       f"{name} --on 日期 --ledger progress.db 导入这些进展，再加 --ledger progress.db 生成报告",
                       f"{name}: the plan sheet has progress columns {shown} ({len(marked)} tasks with a status or "
                       "percent) but no progress ledger was given: the report would count the tasks it marks done "
                       f"as not started. Import them first with fazhi-tasks import {name} --on DATE --ledger "
                       "progress.db, then run the report with --ledger progress.db")
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


# -- commands -------------------------------------------------------------------------------------


def cmd_check(args: argparse.Namespace, out: TextIO) -> int:
    from fazhi_tasks.analysis.graph import check_plan
    from fazhi_tasks.report.views import findings_document, read_summary_section

    summary = None
    if args.plan and Path(args.plan).suffix.lower() not in (".toml", ".json"):
        read = _read(args, args.plan)  # a sheet: say what was read and assumed before the findings
        plan, summary = read.plan, read.summary
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


def cmd_order(args: argparse.Namespace, out: TextIO) -> int:
    from fazhi_tasks.analysis.graph import phased_order
    from fazhi_tasks.report.views import phases_document

    plan = _plan(args)
    _emit(args, phases_document(plan, phased_order(plan)), out)
    return _failing(args, plan)


def cmd_shortfalls(args: argparse.Namespace, out: TextIO) -> int:
    from fazhi_tasks.analysis.shortfalls import find_shortfalls
    from fazhi_tasks.report.views import shortfalls_document

    plan = _plan(args)
    as_of = _as_of(args)
    found = find_shortfalls(plan, _statuses(args, plan, as_of), as_of, due_soon_workdays=args.due_soon,
                            calendar=_calendar(args, plan))
    _emit(args, shortfalls_document(found, plan_name=plan.name), out)
    return _failing(args, plan, overdue=len(found.overdue))


def cmd_rectify(args: argparse.Namespace, out: TextIO) -> int:
    from fazhi_tasks.analysis.rectify import rectification_list
    from fazhi_tasks.report.views import rectification_document

    plan = _plan(args)
    as_of = _as_of(args)
    items = rectification_list(plan, _statuses(args, plan, as_of), as_of, time_limit_workdays=args.time_limit,
                               calendar=_calendar(args, plan))
    _emit(args, rectification_document(items, plan_name=plan.name, by_division=args.by_division),
          out)
    return _failing(args, plan, overdue=len(items))


def cmd_weekly(args: argparse.Namespace, out: TextIO) -> int:
    from fazhi_tasks.analysis.weekly import weekly_report

    plan = _plan(args)
    args.as_of = args.as_of or last_friday(today(args))
    with _open_history(args, plan) as ledger:
        report = weekly_report(plan, ledger, args.as_of, time_limit_workdays=args.time_limit,
                               calendar=_calendar(args, plan))
    _emit(args, report.document(settings=_report_settings(args), plan=plan), out)
    return _failing(args, plan, overdue=len(report.overdue))


def cmd_forecast(args: argparse.Namespace, out: TextIO) -> int:
    from fazhi_tasks.analysis.forecast import forecast
    from fazhi_tasks.report.views import forecast_document

    plan = _plan(args)
    as_of = _as_of(args)
    with _open_history(args, plan) as ledger:
        statuses = ledger.closed_as_of(as_of)
        history = ledger.updates(until=as_of)
    fc = forecast(plan, statuses, as_of, calendar=_calendar(args, plan), time_limit_workdays=args.time_limit)
    _emit(args, forecast_document(plan, fc, statuses, history, every=args.all), out)
    return _failing(args, plan)


def _report_settings(args: argparse.Namespace) -> ReportSettings:
    """The 通报 settings: the plan file's [report] table or 设置 sheet, overridden by the options."""
    from fazhi_tasks.io.settings import ReportSettings, read_report_settings

    base = read_report_settings(args.plan) if getattr(args, "plan", None) else ReportSettings()
    # ``calendar`` renders Word too but has no 通报 options: each option is taken when the command has it
    given = {name: getattr(args, name, None) for name in ("issuer", "issue_no", "contact", "phone", "signer", "to",
                                                          "cc")}
    return base.override(**given)


def cmd_notices(args: argparse.Namespace, out: TextIO) -> int:
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


def _need_ledger(args: argparse.Namespace) -> str:
    if not args.ledger:
        raise UsageError(key="err.needs_ledger", params={"command": args.command}, option="--ledger")
    return str(args.ledger)


def cmd_record(args: argparse.Namespace, out: TextIO) -> int:
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


def cmd_import(args: argparse.Namespace, out: TextIO) -> int:
    from fazhi_tasks.io.updates import import_updates
    from fazhi_tasks.ledger.front import Ledger

    path = _need_ledger(args)
    if args.on is not None:  # a plan sheet's own progress columns (完成情况, 完成进度 ...) as updates dated --on
        from fazhi_tasks.io.sheets.reader import progress_updates

        read = _read(args, args.file)
        plan = _plan(args) if args.plan else read.plan
        updates = progress_updates(read, args.on)
    else:
        plan = _plan(args)  # the sample plan when none is given: every row is checked against the plan in use
        updates = import_updates(args.file, plan=plan, as_of=_as_of(args))
    with Ledger(path, plan=plan, bureau=args.bureau, timeout=args.timeout) as ledger:
        count = ledger.record_many(updates, skip_existing=True)  # re-importing a file records nothing twice
        total = len(ledger)
    skipped = len(updates) - count
    said = text("cli.skipped", args.lang, count=skipped) if skipped else ""
    out.write(text("cli.imported", args.lang, count=count, total=total, skipped=said) + "\n")
    return 0


def cmd_ledger(args: argparse.Namespace, out: TextIO) -> int:
    from fazhi_tasks.ledger.front import init_ledger, is_postgres_url

    url = args.url or args.ledger
    if not url:
        raise UsageError(key="err.ledger_needs_url", option="--ledger")
    if args.action == "verify":
        return _verify(args, url, out)
    if args.action == "init":
        if args.admin and not is_postgres_url(url):
            raise UsageError(key="err.admin_needs_url", option="--admin")
        if is_postgres_url(url):
            from fazhi_tasks.ledger.admin import init_ledger as init_shared

            before, after = init_shared(url, admin=args.admin, timeout=args.timeout)
            key = "cli.ledger_migrated" if before != after else "cli.ledger_current"
        else:
            before, after = init_ledger(url, timeout=args.timeout)
            key = "cli.ledger_created" if before == 0 else "cli.ledger_exists"
        out.write(text(key, args.lang, before=before, after=after, path=url) + "\n")
        if args.admin:
            out.write(text("cli.admin_granted", args.lang, role=args.admin) + "\n")
        return 0
    return _grants(args, url, out)


def _grants(args: argparse.Namespace, url: str, out: TextIO) -> int:
    """``ledger grant``, ``revoke`` and ``grants`` on the shared ledger."""
    from fazhi_tasks.ledger.admin import grant_bureau, grant_reader, list_grants, revoke_role
    from fazhi_tasks.ledger.front import is_postgres_url

    if not is_postgres_url(url):
        raise UsageError(key="err.grant_needs_url", params={"action": args.action}, option="--url")
    if args.action == "grants":
        rows = [(role, text(f"grant.{kind}", args.lang), bureau)
                for role, kind, bureau in list_grants(url, timeout=args.timeout)]
        headers = [text("grant.role", args.lang), text("grant.kind", args.lang), text("bureau", args.lang)]
        from tabulate import tabulate

        out.write(tabulate(rows, headers=headers, tablefmt="simple") + "\n")
        return 0
    if not args.role:
        raise UsageError(key="err.grant_needs", option="--role")
    if args.action == "revoke":
        had = revoke_role(url, args.role, timeout=args.timeout)
        out.write(text("cli.revoked" if had else "cli.revoked_none", args.lang, role=args.role) + "\n")
        return 0
    if not (args.bureau or args.reader):
        raise UsageError(key="err.grant_needs", option="--role")
    created = grant_reader(url, args.role, timeout=args.timeout) if args.reader else \
        grant_bureau(url, args.bureau, args.role, timeout=args.timeout)
    key = "cli.granted_reader" if args.reader else "cli.granted_bureau"
    out.write(text(key, args.lang, role=args.role, bureau=args.bureau or "")
              + (text("cli.new_role", args.lang) if created else "") + "\n")
    return 0


def _verify(args: argparse.Namespace, url: str, out: TextIO) -> int:
    """``ledger verify``: each bureau's rows and chain head; exit 1 naming the first broken row of each."""
    from fazhi_tasks.ledger.front import Ledger

    _existing_ledger(url)
    with Ledger(url, bureau=args.bureau, timeout=args.timeout) as ledger:
        report = ledger.verify()
    lang = args.lang
    for bureau, (count, head) in sorted(report.heads.items()):
        out.write(text("cli.chain_head", lang, bureau=bureau or text("chain.no_bureau", lang), count=count,
                       head=head) + "\n")
    for b in report.breaks:
        out.write(text("cli.chain_broken", lang, bureau=b.bureau or text("chain.no_bureau", lang),
                       chain_no=b.chain_no, seq=b.seq, reason=text(f"chain.{b.reason}", lang)) + "\n")
    if not report.ok:
        return 1
    out.write(text("cli.chain_ok", lang, rows=report.rows) + "\n")
    return 0


def cmd_rollup(args: argparse.Namespace, out: TextIO) -> int:
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


def cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    if not args.output:
        raise UsageError(key="err.export_needs_output", option="-o")
    if args.progress_template:
        from fazhi_tasks.io.sheets.writer import write_progress_template

        plan = _plan(args)
        latest = None
        if args.ledger:
            with _open_history(args, plan) as ledger:
                latest = dict(ledger.status_as_of(_as_of(args)))
        count = write_progress_template(plan, Path(args.output), division=args.division, latest=latest)
        out.write(text("cli.progress_template", args.lang, count=count, path=args.output) + "\n")
        return 0
    if args.template:
        from fazhi_tasks.io.sheets.writer import write_template

        write_template(Path(args.output), _plan(args) if args.plan else None)
        out.write(text("cli.template", args.lang, path=args.output) + "\n")
        return 0
    from fazhi_tasks.io.settings import read_report_settings

    plan = _plan(args)
    settings = read_report_settings(args.plan) if args.plan else None  # the 通报 settings travel with the plan
    if settings is not None and settings.to_mapping() and Path(args.output).suffix.lower() == ".csv":
        out.write(text("cli.settings_not_in_csv", args.lang) + "\n")
        settings = None
    save_plan(plan, args.output, settings=settings)
    out.write(text("cli.exported", args.lang, count=len(plan), path=args.output) + "\n")
    return 0


def cmd_calendar(args: argparse.Namespace, out: TextIO) -> int:
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
