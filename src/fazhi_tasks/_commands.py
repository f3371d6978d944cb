"""The ``fazhi-tasks`` commands: each parses nothing, computes with the library, lays out a document, renders it.

``cli.py`` builds the parser and turns errors into exit codes; every ``cmd_*`` here takes the parsed
options and the output stream and returns the exit code. Option values are converted by the
``date_option``, ``whole_number``, ``percent_option`` and ``year_option`` types, which name the value as typed.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ._deadline import parse_deadline
from ._errors import ArgumentError, FazhiTasksError
from ._i18n import text
from ._model import Status, Update
from ._planfile import load_plan, save_plan
from ._render import format_for, render

if TYPE_CHECKING:
    from ._calendar import WorkCalendar
    from ._ledger import Ledger
    from ._plan import Plan
    from ._sections import Document
    from ._settings import ReportSettings

__all__ = ["UsageError", "date_option", "last_friday", "percent_option", "whole_number", "year_option"]


class UsageError(ArgumentError):
    """A command-line option is missing or wrong."""


#: Between the Chinese and the English of an option value's message: argparse passes the text on as it is,
#: and the parser's error hook (``cli._Parser.error``) splits it by language.
BOTH = "\x1f"


def _bad_value(zh: str, en: str) -> argparse.ArgumentTypeError:
    return argparse.ArgumentTypeError(f"{zh}{BOTH}{en}")


def date_option(text_: str) -> dt.date:
    try:
        day = parse_deadline(text_, year=None)
    except FazhiTasksError:
        day = None
    if day is None or "日内" in text_:
        raise _bad_value(f"{text_!r} 不是日期；日期请写成 2021-06-30 或 2021年6月30日",
                         f"{text_!r} is not a date; write dates as 2021-06-30 or 2021年6月30日")
    return day


def whole_number(least: int) -> Callable[[str], int]:
    def convert(value: str) -> int:
        try:
            number = int(value.strip())
        except ValueError:
            number = None
        if number is None or number < least or number > 10_000:
            raise _bad_value(f"{value!r} 应为{least}到10000之间的整数", f"{value!r} should be a whole number from "
                             f"{least} to 10000")
        return number

    return convert


def percent_option(value: str) -> int:
    number = whole_number(0)(value.rstrip("%％"))
    if number > 100:
        raise _bad_value(f"{value!r} 应为0到100的整数", f"{value!r} should be a whole number from 0 to 100")
    return number


#: The zone "today" is read in: the bureaus' own (a server on UTC is 8 hours behind from 00:00 to 08:00).
BEIJING = "Asia/Shanghai"


def beijing_today() -> dt.date:
    """Today's date in Beijing (Asia/Shanghai), whatever zone the machine runs in.

    >>> beijing_today() >= dt.date(2026, 1, 1)
    True
    """
    from zoneinfo import ZoneInfo

    return dt.datetime.now(ZoneInfo(BEIJING)).date()


def today(args: argparse.Namespace) -> dt.date:
    """The command's "today": ``--today`` when given (for tests and re-runs), else the date in Beijing."""
    return getattr(args, "today", None) or beijing_today()


def last_friday(today: dt.date) -> dt.date:
    """The most recent Friday on or before ``today``.

    >>> last_friday(dt.date(2021, 6, 28))
    datetime.date(2021, 6, 25)
    """
    return today - dt.timedelta(days=(today.weekday() - 4) % 7)


# -- shared pieces --------------------------------------------------------------------------------


def _plan(args: argparse.Namespace) -> Plan:
    from ._sample import sample_plan

    return load_plan(args.plan) if args.plan else sample_plan()


def _open_history(args: argparse.Namespace, plan: Plan) -> Ledger:
    from ._ledger import Ledger
    from ._sample import sample_updates

    if args.ledger:
        _existing_ledger(args.ledger)
        return Ledger(args.ledger, plan=plan, bureau=args.bureau)
    if args.plan:
        return Ledger(":memory:", plan=plan)
    return Ledger.from_updates(sample_updates(), plan=plan)


def _existing_ledger(target: str) -> None:
    """A report read from a ledger file that does not exist would be silently empty: refuse it."""
    from ._errors import LedgerError
    from ._ledger import is_postgres_url

    if not is_postgres_url(target) and target != ":memory:" and not Path(target).exists():
        raise LedgerError(key="err.no_ledger_file", params={"path": target}, path=target)


def _calendar(args: argparse.Namespace, plan: Plan | None, beyond: str | None = None) -> WorkCalendar:
    from ._calendar import WorkCalendar
    from ._calendar_file import load_calendar

    years = load_calendar(args.calendar_file) if args.calendar_file else ()
    return WorkCalendar.for_plan(plan, beyond=beyond or args.beyond, years=years)  # type: ignore[arg-type]


def _as_of(args: argparse.Namespace) -> dt.date:
    return args.as_of or today(args)


def _statuses(args: argparse.Namespace, plan: Plan, as_of: dt.date) -> Mapping[str, Update]:
    with _open_history(args, plan) as ledger:
        return ledger.status_as_of(as_of)


def _emit(args: argparse.Namespace, doc: Document, out: TextIO) -> None:
    """Render ``doc`` as the options say: to ``-o`` (format from ``--format`` or the suffix) or to stdout."""
    fmt = format_for(args.output, args.format)
    options: dict[str, object] = {"tablefmt": args.fmt} if fmt == "text" else {}
    if fmt == "docx":
        options["settings"] = _report_settings(args)
    if fmt == "html" and getattr(args, "portrait", False):
        options["portrait"] = True
    shown = render(doc, fmt, lang=args.lang, path=args.output, **options)
    if args.output:
        out.write(text("cli.written", args.lang, path=args.output) + "\n")
    elif shown is not None:
        out.write(shown)


def _failing(args: argparse.Namespace, plan: Plan, *, overdue: int | None = None, findings: int | None = None) -> int:
    """Exit 1 when ``--fail-on`` names something there is: overdue tasks as of the date, or plan findings."""
    if args.fail_on == "overdue":
        if overdue is None:
            from ._shortfalls import find_shortfalls

            as_of = _as_of(args)
            overdue = len(find_shortfalls(plan, _statuses(args, plan, as_of), as_of,
                                          calendar=_calendar(args, plan)).overdue)
        return 1 if overdue else 0
    if args.fail_on == "findings":
        if findings is None:
            from ._graph import check_plan

            findings = len(check_plan(plan, calendar=_calendar(args, plan)))
        return 1 if findings else 0
    return 0


# -- commands -------------------------------------------------------------------------------------


def cmd_check(args: argparse.Namespace, out: TextIO) -> int:
    from ._graph import check_plan
    from ._views import findings_document, read_summary_section

    summary = None
    if args.plan and Path(args.plan).suffix.lower() not in (".toml", ".json"):
        from ._planfile import read_plan

        read = read_plan(args.plan)  # a sheet: say what was read and assumed before the findings
        plan, summary = read.plan, read.summary
    else:
        plan = _plan(args)
    cal = _calendar(args, plan)
    findings = check_plan(plan, calendar=cal)
    notes = []
    fallback = cal.fallback()
    if fallback is not None:
        from ._sections import calendar_note

        notes.append(calendar_note(fallback))
    if args.ledger:
        from ._weekly import unknown_ids_note

        with _open_history(args, plan) as ledger:
            unknown = {u.task_id for u in ledger.updates() if u.task_id not in plan}
        if unknown:
            notes.append(unknown_ids_note(unknown))
    extra = [read_summary_section(summary)] if summary is not None else []
    _emit(args, findings_document(plan, findings, notes=notes, extra=extra, date=_as_of(args)), out)
    return _failing(args, plan, findings=len(findings))


def cmd_order(args: argparse.Namespace, out: TextIO) -> int:
    from ._graph import phased_order
    from ._views import phases_document

    plan = _plan(args)
    _emit(args, phases_document(plan, phased_order(plan)), out)
    return _failing(args, plan)


def cmd_shortfalls(args: argparse.Namespace, out: TextIO) -> int:
    from ._shortfalls import find_shortfalls
    from ._views import shortfalls_document

    plan = _plan(args)
    as_of = _as_of(args)
    found = find_shortfalls(plan, _statuses(args, plan, as_of), as_of, due_soon_workdays=args.due_soon,
                            calendar=_calendar(args, plan))
    _emit(args, shortfalls_document(found, plan_name=plan.name), out)
    return _failing(args, plan, overdue=len(found.overdue))


def cmd_rectify(args: argparse.Namespace, out: TextIO) -> int:
    from ._rectify import rectification_list
    from ._views import rectification_document

    plan = _plan(args)
    as_of = _as_of(args)
    items = rectification_list(plan, _statuses(args, plan, as_of), as_of, time_limit_workdays=args.time_limit,
                               calendar=_calendar(args, plan))
    _emit(args, rectification_document(items, plan_name=plan.name, by_division=args.by_division), out)
    return _failing(args, plan, overdue=len(items))


def cmd_weekly(args: argparse.Namespace, out: TextIO) -> int:
    from ._weekly import weekly_report

    plan = _plan(args)
    args.as_of = args.as_of or last_friday(today(args))
    with _open_history(args, plan) as ledger:
        report = weekly_report(plan, ledger, args.as_of, time_limit_workdays=args.time_limit,
                               calendar=_calendar(args, plan))
    _emit(args, report.document(settings=_report_settings(args), plan=plan), out)
    return _failing(args, plan, overdue=len(report.overdue))


def cmd_forecast(args: argparse.Namespace, out: TextIO) -> int:
    from ._forecast import forecast
    from ._views import forecast_document

    plan = _plan(args)
    as_of = _as_of(args)
    with _open_history(args, plan) as ledger:
        statuses = ledger.status_as_of(as_of)
        history = ledger.updates(until=as_of)
    fc = forecast(plan, statuses, as_of, calendar=_calendar(args, plan), time_limit_workdays=args.time_limit)
    _emit(args, forecast_document(plan, fc, statuses, history, every=args.all), out)
    return _failing(args, plan)


def _report_settings(args: argparse.Namespace) -> ReportSettings:
    """The 通报 settings: the plan file's [report] table or 设置 sheet, overridden by the options."""
    from ._settings import ReportSettings, read_report_settings

    base = read_report_settings(args.plan) if getattr(args, "plan", None) else ReportSettings()
    # ``calendar`` renders Word too but has no 通报 options: each option is taken when the command has it
    given = {name: getattr(args, name, None) for name in ("issuer", "issue_no", "contact", "phone", "signer", "to",
                                                          "cc")}
    return base.override(**given)


def cmd_notices(args: argparse.Namespace, out: TextIO) -> int:
    from ._docx_notices import notices_docx
    from ._weekly import weekly_report

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
    from ._ledger import Ledger

    plan = _plan(args)
    path = _need_ledger(args)
    update = Update(args.task_id, Status.parse(args.status), args.on or today(args), percent=args.percent,
                    note=args.note, by=args.by)
    with Ledger(path, plan=plan, bureau=args.bureau) as ledger:
        ledger.record(update)
        count = len(ledger)
    out.write(text("cli.recorded", args.lang, id=update.task_id, status=update.status.value if args.lang == "zh"
                   else update.status.english, day=update.on, count=count) + "\n")
    return 0


def cmd_import(args: argparse.Namespace, out: TextIO) -> int:
    from ._ledger import Ledger
    from ._updates_file import import_updates

    path = _need_ledger(args)
    if args.on is not None:  # a plan sheet's own progress columns (完成情况, 完成进度 ...) as updates dated --on
        from ._planfile import read_plan
        from ._sheet import progress_updates

        read = read_plan(args.file)
        plan = _plan(args) if args.plan else read.plan
        updates = progress_updates(read, args.on)
    else:
        plan = _plan(args)  # the sample plan when none is given: every row is checked against the plan in use
        updates = import_updates(args.file, plan=plan, as_of=_as_of(args))
    with Ledger(path, plan=plan, bureau=args.bureau) as ledger:
        count = ledger.record_many(updates, skip_existing=True)  # re-importing a file records nothing twice
        total = len(ledger)
    skipped = len(updates) - count
    said = text("cli.skipped", args.lang, count=skipped) if skipped else ""
    out.write(text("cli.imported", args.lang, count=count, total=total, skipped=said) + "\n")
    return 0


def cmd_ledger(args: argparse.Namespace, out: TextIO) -> int:
    from ._ledger import init_ledger, is_postgres_url

    url = args.url or args.ledger
    if not url:
        raise UsageError(key="err.ledger_needs_url", option="--ledger")
    if args.action == "init":
        before, after = init_ledger(url)
        if is_postgres_url(url):
            key = "cli.ledger_migrated" if before != after else "cli.ledger_current"
        else:
            key = "cli.ledger_created" if before == 0 else "cli.ledger_exists"
        out.write(text(key, args.lang, before=before, after=after, path=url) + "\n")
        return 0
    from ._ledger_pg import grant_bureau, grant_reader

    if not args.role or not (args.bureau or args.reader):
        raise UsageError(key="err.grant_needs", option="--role")
    created = grant_reader(url, args.role) if args.reader else grant_bureau(url, args.bureau, args.role)
    key = "cli.granted_reader" if args.reader else "cli.granted_bureau"
    out.write(text(key, args.lang, role=args.role, bureau=args.bureau or "")
              + (text("cli.new_role", args.lang) if created else "") + "\n")
    return 0


def cmd_rollup(args: argparse.Namespace, out: TextIO) -> int:
    from ._rollup import rollup
    from ._views import rollup_document

    url = args.url or args.ledger
    if not url or not args.plans:
        raise UsageError(key="err.rollup_needs", option="--url" if not url else "--plans")
    _existing_ledger(url)
    from ._calendar_file import load_calendar

    years = load_calendar(args.calendar_file) if args.calendar_file else ()
    city = rollup(url, args.plans, _as_of(args), beyond=args.beyond, years=years)
    _emit(args, rollup_document(city), out)
    return 1 if city.total.overdue and args.fail_on == "overdue" else 0


def cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    if not args.output:
        raise UsageError(key="err.export_needs_output", option="-o")
    if args.progress_template:
        from ._sheet_write import write_progress_template

        plan = _plan(args)
        latest = None
        if args.ledger:
            with _open_history(args, plan) as ledger:
                latest = dict(ledger.status_as_of(_as_of(args)))
        count = write_progress_template(plan, Path(args.output), division=args.division, latest=latest)
        out.write(text("cli.progress_template", args.lang, count=count, path=args.output) + "\n")
        return 0
    if args.template:
        from ._sheet_write import write_template

        write_template(Path(args.output), _plan(args) if args.plan else None)
        out.write(text("cli.template", args.lang, path=args.output) + "\n")
        return 0
    from ._settings import read_report_settings

    plan = _plan(args)
    settings = read_report_settings(args.plan) if args.plan else None  # the 通报 settings travel with the plan
    if settings is not None and settings.to_mapping() and Path(args.output).suffix.lower() == ".csv":
        out.write(text("cli.settings_not_in_csv", args.lang) + "\n")
        settings = None
    save_plan(plan, args.output, settings=settings)
    out.write(text("cli.exported", args.lang, count=len(plan), path=args.output) + "\n")
    return 0


def cmd_calendar(args: argparse.Namespace, out: TextIO) -> int:
    from ._views import calendar_document

    info = _calendar(args, _plan(args) if args.plan else None).describe_year(args.year)
    if info.source == "none":  # asked to be exact: a year without data is an error, unless --beyond weekdays
        from ._errors import CalendarCoverageError

        cal = _calendar(args, None)
        first, last = cal.official_range
        raise CalendarCoverageError(key="err.no_calendar_year", date=dt.date(args.year, 1, 1), first=first,
                                    last=last)
    _emit(args, calendar_document(info), out)
    return 0


def year_option(text: str) -> int:
    if not (text.isascii() and text.isdigit() and 1900 <= int(text) <= 9998):
        raise _bad_value(f"{text!r} 不是年份（如 2027）", f"{text!r} is not a year (such as 2027)")
    return int(text)
