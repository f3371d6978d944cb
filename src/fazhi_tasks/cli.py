"""The ``fazhi-tasks`` command line: parse, call the library, lay out a document, render it.

Every report command is compute → :mod:`~fazhi_tasks._views` document → :func:`~fazhi_tasks._render.render`,
so every command writes every format (``--format``, or the suffix of ``-o``). Exit codes: 0 ok; 1 when
``--fail-on`` finds what it asks about; 2 bad input (one line on stderr, no traceback).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO

from ._deadline import parse_deadline
from ._errors import ArgumentError, CalendarCoverageError, FazhiTasksError
from ._i18n import Lang, text
from ._model import Status, Update
from ._planfile import load_plan, save_plan
from ._render import FORMATS, format_for, render, terminal_safe

if TYPE_CHECKING:
    from ._calendar import WorkCalendar
    from ._ledger import Ledger
    from ._plan import Plan
    from ._sections import Document
    from ._settings import ReportSettings

# Each command imports the library modules it uses, so a command loads only what it needs.

__all__ = ["COMMANDS", "REPORT_COMMANDS", "main"]

PROG = "fazhi-tasks"


class UsageError(ArgumentError):
    """A command-line option is missing or wrong."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(reason=f"{message}（见 {self.prog} --help）")


def _date_option(text_: str) -> dt.date:
    try:
        day = parse_deadline(text_, year=None)
    except FazhiTasksError:
        day = None
    if day is None or "日内" in text_:
        message = f"{text_!r} 不是日期；日期请写成 2021-06-30 或 2021年6月30日"
        raise argparse.ArgumentTypeError(message)
    return day


def _whole(least: int) -> Callable[[str], int]:
    def convert(value: str) -> int:
        try:
            number = int(value.strip())
        except ValueError:
            number = None
        if number is None or number < least or number > 10_000:
            message = f"{value!r} 应为{least}到10000之间的整数"
            raise argparse.ArgumentTypeError(message)
        return number

    return convert


def _percent(value: str) -> int:
    number = _whole(0)(value.rstrip("%％"))
    if number > 100:
        message = f"{value!r} 应为0到100的整数"
        raise argparse.ArgumentTypeError(message)
    return number


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
        raise LedgerError(key="err.no_ledger_file", path=target)


def _calendar(args: argparse.Namespace, plan: Plan | None, beyond: str | None = None) -> WorkCalendar:
    from ._calendar import WorkCalendar
    from ._calendar_file import load_calendar

    years = load_calendar(args.calendar_file) if args.calendar_file else ()
    return WorkCalendar.for_plan(plan, beyond=beyond or args.beyond, years=years)  # type: ignore[arg-type]


def _as_of(args: argparse.Namespace) -> dt.date:
    return args.as_of or dt.date.today()  # noqa: DTZ011 - the CLI is the one place that reads the clock


def _statuses(args: argparse.Namespace, plan: Plan, as_of: dt.date) -> Mapping[str, Update]:
    with _open_history(args, plan) as ledger:
        return ledger.status_as_of(as_of)


def _emit(args: argparse.Namespace, doc: Document, out: TextIO) -> None:
    """Render ``doc`` as the options say: to ``-o`` (format from ``--format`` or the suffix) or to stdout."""
    fmt = format_for(args.output, args.format)
    options: dict[str, object] = {"tablefmt": args.fmt} if fmt == "text" else {}
    if fmt == "docx":
        options["settings"] = _report_settings(args)
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
    findings = check_plan(plan, calendar=_calendar(args, plan))
    notes = []
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
    args.as_of = args.as_of or last_friday(dt.date.today())  # noqa: DTZ011 - the CLI reads the clock
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

    base = read_report_settings(args.plan) if args.plan else ReportSettings()
    return base.override(issuer=args.issuer, issue_no=args.issue_no, contact=args.contact, phone=args.phone,
                         signer=args.signer, to=args.to, cc=args.cc)


def cmd_notices(args: argparse.Namespace, out: TextIO) -> int:
    from ._docx_notices import notices_docx
    from ._weekly import weekly_report

    if bool(args.output) == bool(args.split):
        raise UsageError(key="err.notices_needs", option="-o" if not args.output else "--split")
    if args.output and format_for(args.output, None) != "docx":
        raise UsageError(key="err.format_suffix", params={"fmt": "docx", "path": args.output, "suffix": ".docx"},
                         option="-o", value=args.output)
    plan = _plan(args)
    week_ending = args.as_of or last_friday(dt.date.today())  # noqa: DTZ011 - the CLI reads the clock
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
    update = Update(args.task_id, Status.parse(args.status), args.on or dt.date.today(),  # noqa: DTZ011
                    percent=args.percent, note=args.note, by=args.by)
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
        plan = _plan(args)
        updates = import_updates(args.file, plan=plan if args.plan else None, as_of=_as_of(args))
    with Ledger(path, plan=plan, bureau=args.bureau) as ledger:
        count = ledger.record_many(updates, skip_existing=True)  # re-importing a file records nothing twice
        total = len(ledger)
    skipped = len(updates) - count
    said = text("cli.skipped", args.lang, count=skipped) if skipped else ""
    out.write(text("cli.imported", args.lang, count=count, total=total, skipped=said) + "\n")
    return 0


def cmd_ledger(args: argparse.Namespace, out: TextIO) -> int:
    from ._ledger_pg import grant_bureau, grant_reader, init_ledger

    url = args.url or args.ledger
    if not url:
        raise UsageError(key="err.ledger_needs_url", option="--url")
    if args.action == "init":
        before, after = init_ledger(url)
        key = "cli.ledger_migrated" if before != after else "cli.ledger_current"
        out.write(text(key, args.lang, before=before, after=after) + "\n")
        return 0
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
    city = rollup(url, args.plans, _as_of(args))
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
    plan = _plan(args)
    save_plan(plan, args.output)
    out.write(text("cli.exported", args.lang, count=len(plan), path=args.output) + "\n")
    return 0


def cmd_calendar(args: argparse.Namespace, out: TextIO) -> int:
    from ._views import calendar_document

    info = _calendar(args, _plan(args) if args.plan else None, beyond="weekdays").describe_year(args.year)
    _emit(args, calendar_document(info), out)
    return 0


def _year(text: str) -> int:
    if not (text.isascii() and text.isdigit() and 1900 <= int(text) <= 9998):
        message = f"{text!r} 不是年份（如 2027）"
        raise argparse.ArgumentTypeError(message)
    return int(text)


# -- the parser -----------------------------------------------------------------------------------

Command = Callable[[argparse.Namespace, TextIO], int]

#: Each subcommand: (function, one-line help, example).
COMMANDS: dict[str, tuple[Command, str, str]] = {
    "check": (cmd_check, "检查计划：任务早于前置任务到期、时限超出阶段、工作量倒排 / check the plan's dates",
              "fazhi-tasks check --plan plan.xlsx --fail-on findings"),
    "order": (cmd_order, "分阶段、分批次的完成顺序 / the phased completion order",
              "fazhi-tasks order --plan plan.toml"),
    "shortfalls": (cmd_shortfalls, "逾期、受阻、即将到期、逾期完成 / overdue, blocked, due soon, done late",
                   "fazhi-tasks shortfalls --ledger progress.db --as-of 2021-06-30"),
    "rectify": (cmd_rectify, "问题和责任清单（限时整改）/ the rectification list",
                "fazhi-tasks rectify --as-of 2021-06-30 --by-division"),
    "weekly": (cmd_weekly, "周报（督办通报）/ the weekly overdue report",
               "fazhi-tasks weekly --week-ending 2021-06-25 -o weekly.html"),
    "forecast": (cmd_forecast, "进度预测：按计划进度推算完成时间、建议时限、阶段展望 / the recovery forecast",
                 "fazhi-tasks forecast --as-of 2021-06-30"),
    "notices": (cmd_notices, "各处室督办通知单（Word）/ per-division supervision notices as .docx",
                "fazhi-tasks notices --as-of 2021-06-25 -o 督办通知单.docx   |   --split 通知单/"),
    "record": (cmd_record, "记录一条进展 / record one progress update",
               "fazhi-tasks record T043 已完成 --on 2021-07-16 --percent 100 --ledger progress.db"),
    "import": (cmd_import, "导入进展报送表（全部成功或全部不导入）/ import an updates file, all or nothing",
               "fazhi-tasks import 进展报送.xlsx --ledger progress.db"),
    "rollup": (cmd_rollup, "全市汇总：各单位任务、完成、逾期、受阻、完成率 / the city rollup of every bureau",
               "fazhi-tasks rollup --url postgresql://city_fzb@db/fazhi --plans 各单位计划/ --as-of 2021-06-30"),
    "ledger": (cmd_ledger, "共享账本（PostgreSQL）：init 建表升级，grant 授权单位角色 / set up the shared ledger",
               "fazhi-tasks ledger grant --url postgresql://fzb@db/fazhi --bureau 金华市应急管理局 --role jh_yjj"),
    "calendar": (cmd_calendar, "某年的工作日历：数据来源、放假和调休、各月工作日 / a year's working-day calendar",
                 "fazhi-tasks calendar --year 2027 --calendar 2027节假日.toml"),
    "export": (cmd_export, "导出任务清单（按扩展名选格式）/ export the plan (format from the suffix)",
               "fazhi-tasks export -o plan.xlsx   |   fazhi-tasks export --template -o 空白任务表.xlsx"),
}
#: Commands that show a report, and so take --format, --fail-on, --as-of and the calendar options.
REPORT_COMMANDS = ("check", "order", "shortfalls", "rectify", "weekly", "forecast", "rollup")


def _report_options(p: argparse.ArgumentParser, name: str) -> None:
    p.add_argument("--format", choices=tuple(FORMATS), default=None,
                   help="output format (default: from -o's suffix, else text)")
    p.add_argument("--fmt", default="simple", metavar="TABLEFMT",
                   help="tabulate table format for text output (default simple)")
    p.add_argument("--fail-on", choices=("overdue", "findings"),
                   help="exit 1 when there are overdue tasks (as of the date) / plan findings")
    p.add_argument("--beyond", choices=("error", "weekdays"), default="error",
                   help="dates past the official holiday data: an error (default) or count Monday–Friday")
    names = ("--week-ending", "--as-of") if name == "weekly" else ("--as-of",)
    p.add_argument(*names, dest="as_of", type=_date_option, metavar="DATE",
                   help="the week's last day (default the last Friday)" if name == "weekly"
                   else "the date (default today)")


def _own_options(p: argparse.ArgumentParser, name: str) -> None:
    """The options of one command beyond those every command takes."""
    if name in (*REPORT_COMMANDS, "notices", "calendar"):
        p.add_argument("--calendar", dest="calendar_file", metavar="FILE",
                       help="official holiday schedules past the built-in data ([calendar.2027] TOML/JSON)")
    if name == "calendar":
        p.add_argument("--year", type=_year, required=True, metavar="YEAR", help="the year, e.g. 2027")
        p.add_argument("--format", choices=tuple(FORMATS), default=None, help="output format")
        p.add_argument("--fmt", default="simple", metavar="TABLEFMT", help="tabulate table format for text")
    if name in REPORT_COMMANDS:
        _report_options(p, name)
    if name == "rollup":
        p.add_argument("--url", metavar="URL", help="the shared ledger: postgresql://… (or an SQLite file)")
        p.add_argument("--plans", metavar="DIR", help="folder of plan files, one per bureau, named after it")
    if name == "ledger":
        p.add_argument("action", choices=("init", "grant"), help="init: create or migrate; grant: map a role")
        p.add_argument("--url", metavar="URL", help="the shared ledger: postgresql://owner@host/db")
        p.add_argument("--role", metavar="ROLE", help="the login role to grant")
        p.add_argument("--reader", action="store_true", help="grant reading every bureau (no writing)")
    if name == "shortfalls":
        p.add_argument("--due-soon", type=_whole(0), default=5, metavar="N",
                       help="working days ahead that count as due soon (default 5)")
    if name in (*REPORT_COMMANDS, "notices"):
        p.add_argument("--issuer", metavar="TEXT", help="发文单位 (default: the plan's [report] / 设置 sheet)")
        p.add_argument("--issue-no", metavar="N", help="期号 (default: weeks since the plan's first week)")
        p.add_argument("--contact", metavar="NAME", help="联系人")
        p.add_argument("--phone", metavar="TEXT", help="联系电话")
        p.add_argument("--signer", metavar="NAME", help="签发人")
        p.add_argument("--to", metavar="TEXT", help="主送 (default 各处室)")
        p.add_argument("--cc", metavar="TEXT", help="抄送")
    if name == "notices":
        p.add_argument("--week-ending", "--as-of", dest="as_of", type=_date_option, metavar="DATE",
                       help="the report's date (default the last Friday)")
        p.add_argument("--split", metavar="DIR", help="one .docx per division into this directory")
        p.add_argument("--include-due", action="store_true", help="also list the tasks due next week")
        p.add_argument("--beyond", choices=("error", "weekdays"), default="error",
                       help="dates past the official holiday data: an error (default) or count Monday–Friday")
    if name in ("rectify", "weekly", "forecast", "notices"):
        p.add_argument("--time-limit", type=_whole(0), default=15, metavar="N",
                       help="rectification time limit in working days (default 15)")
    if name == "forecast":
        p.add_argument("--all", action="store_true", help="list every open task, not only those projected late")
    if name == "rectify":
        p.add_argument("--by-division", action="store_true", help="group into each division's list")
    _entry_options(p, name)


def _entry_options(p: argparse.ArgumentParser, name: str) -> None:
    """The options of the commands that write: record, import, export."""
    if name == "record":
        p.add_argument("task_id", metavar="TASK_ID")
        p.add_argument("status", metavar="STATUS",
                       help="未启动/推进中/已完成/已暂缓 or not started/in progress/done/suspended")
        p.add_argument("--on", type=_date_option, metavar="DATE", help="the update's date (default today)")
        p.add_argument("--percent", type=_percent, metavar="N")
        p.add_argument("--note", default="", metavar="TEXT")
        p.add_argument("--by", default="", metavar="NAME")
    if name == "import":
        p.add_argument("file", metavar="FILE",
                       help="updates file .csv/.xlsx/.xls/.ods/.json, or a plan sheet with --on")
        p.add_argument("--on", type=_date_option, metavar="DATE",
                       help="import a plan sheet's progress columns (完成情况, 完成进度) as updates of this date")
        p.add_argument("--as-of", type=_date_option, metavar="DATE",
                       help="report dates after this are refused (default today)")
    if name == "export":
        p.add_argument("--template", action="store_true", help="an empty sheet with headers and drop-downs")
        p.add_argument("--progress-template", action="store_true",
                       help="a 进展报送表 to fill: the tasks pre-filled, drop-down 状态, percent 完成百分比")
        p.add_argument("--division", metavar="NAME", help="with --progress-template: only this division's tasks")
        p.add_argument("--as-of", type=_date_option, metavar="DATE",
                       help="with --progress-template and --ledger: the statuses as of this date (default today)")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = _Parser(prog=PROG, description="法治政府建设示范创建任务跟踪 / track a rule-of-law "
                     "demonstration-creation plan. Without --plan the bundled 97-task sample is used.",
                     epilog="example: fazhi-tasks weekly --week-ending 2021-06-25")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    for name, (func, help_text, example) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text, epilog=f"example: {example}",
                           formatter_class=argparse.RawDescriptionHelpFormatter)
        p.set_defaults(func=func)
        p.add_argument("--plan", metavar="PATH", help="plan file .toml/.json/.csv/.xlsx (default: the sample)")
        p.add_argument("--ledger", metavar="PATH",
                       help="progress ledger: an SQLite file or a postgresql:// URL (default: the sample history)")
        p.add_argument("--bureau", metavar="NAME",
                       help="the bureau whose rows to write and read in a shared ledger (default: the login role's)")
        p.add_argument("--lang", choices=("zh", "en"), default="zh", help="labels in Chinese or English")
        p.add_argument("-o", "--output", metavar="PATH", help="write to this file instead of standard output")
        _own_options(p, name)
    return parser


def _lang_of(argv: Sequence[str]) -> Lang:
    """The language asked for, even when the arguments could not be parsed."""
    argv = list(argv)
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] == "en":
            return "en"
        if arg == "--lang=en":
            return "en"
    return "zh"


def _error_line(exc: FazhiTasksError, lang: Lang) -> str:
    if isinstance(exc, CalendarCoverageError):
        exc.hint_for_command_line()
    message = exc.describe(lang)
    lines = [line.strip() for line in message.splitlines() if line.strip()]
    label = "错误" if lang == "zh" else "error"
    return f"{PROG}: {label}: {terminal_safe(' | '.join(lines))}\n"


def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run the command line; returns the exit code."""
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = _lang_of(argv)
    try:
        args = build_parser().parse_args(argv)
        return int(args.func(args, out))
    except FazhiTasksError as exc:
        err.write(_error_line(exc, lang))
        return 2
    except SystemExit as exc:  # --help
        return int(exc.code or 0) if isinstance(exc.code, int | None) else 2
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        label = "错误" if lang == "zh" else "error"
        err.write(f"{PROG}: {label}: {terminal_safe(where + (exc.strerror or str(exc)))}\n")
        return 2
    except KeyboardInterrupt:
        err.write(f"{PROG}: {text('err.interrupted', lang)}\n")
        return 130
