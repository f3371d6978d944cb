"""The ``fazhi-tasks`` command line: parse, call the library, render, turn errors into exit codes.

Exit codes: 0 ok; 1 findings or overdue tasks when ``--fail-on`` asks; 2 bad input
(one line on stderr, no traceback).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from ._deadline import parse_deadline
from ._errors import FazhiTasksError
from ._model import Status, Update
from ._planfile import atomic_write, load_plan, save_plan

if TYPE_CHECKING:
    from ._calendar import WorkCalendar
    from ._ledger import Ledger
    from ._plan import Plan

# Each command imports the library modules it uses, so a command loads only what it needs.

__all__ = ["COMMANDS", "main"]

PROG = "fazhi-tasks"


class UsageError(FazhiTasksError, ValueError):
    """A command-line option is missing or wrong."""


class _ArgumentError(Exception):
    """argparse found bad arguments; ``main`` reports it as one line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _ArgumentError(f"{self.prog}: error: {message} (see --help)")


def _date(text: str) -> dt.date:
    try:
        day = parse_deadline(text, year=None)
    except FazhiTasksError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    if day is None:
        message = f"{text!r} is not a date"
        raise argparse.ArgumentTypeError(message)
    return day


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


def _history(args: argparse.Namespace, plan: Plan) -> Ledger:
    from ._ledger import Ledger
    from ._sample import sample_updates

    if args.ledger:
        return Ledger(args.ledger, plan=plan)
    if args.plan:
        return Ledger(":memory:", plan=plan)
    return Ledger.from_updates(sample_updates(), plan=plan)


def _calendar(args: argparse.Namespace, plan: Plan | None, beyond: str | None = None) -> WorkCalendar:
    from ._calendar import WorkCalendar
    from ._calendar_file import load_calendar

    years = load_calendar(args.calendar_file) if args.calendar_file else ()
    return WorkCalendar.for_plan(plan, beyond=beyond or args.beyond, years=years)  # type: ignore[arg-type]


def _emit(args: argparse.Namespace, text: str, out: TextIO) -> None:
    if args.output:
        with atomic_write(Path(args.output)) as handle:
            handle.write(text.encode())
    else:
        out.write(text)


def _table(args: argparse.Namespace, headers: list[str], rows: list[list[Any]]) -> str:
    from tabulate import tabulate

    fmt = "github" if args.format == "markdown" else args.fmt
    if not rows:
        return "（无）\n" if args.lang == "zh" else "(none)\n"
    cells = [["" if v is None else v.isoformat() if isinstance(v, dt.date) else v for v in row] for row in rows]
    return tabulate(cells, headers=headers, tablefmt=fmt, disable_numparse=True) + "\n"


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"


def _zh(args: argparse.Namespace, zh: str, en: str) -> str:
    return zh if args.lang == "zh" else en


def _only(args: argparse.Namespace, *formats: str) -> None:
    if args.format not in formats:
        message = f"--format {args.format} is not available for '{args.command}' (use {', '.join(formats)})"
        raise UsageError(message)


# -- commands -------------------------------------------------------------------------------------


def cmd_check(args: argparse.Namespace, out: TextIO) -> int:
    from ._graph import check_plan

    _only(args, "text", "markdown", "json")
    plan = _plan(args)
    findings = check_plan(plan, calendar=_calendar(args, plan))
    if args.format == "json":
        _emit(args, _json([{"kind": f.kind.value, "task_ids": list(f.task_ids), "message": f.message}
                           for f in findings]), out)
    else:
        head = _zh(args, f"{plan.name}：{len(plan)}项任务，计划检查发现{len(findings)}个问题\n",
                   f"{plan.name}: {len(plan)} tasks, {len(findings)} findings\n")
        rows = [[f.kind.value, "、".join(f.task_ids), f.message] for f in findings]
        _emit(args, head + _table(args, [_zh(args, "类型", "Kind"), _zh(args, "任务", "Tasks"),
                                         _zh(args, "说明", "Message")], rows), out)
    return 1 if findings and args.fail_on == "findings" else 0


def cmd_order(args: argparse.Namespace, out: TextIO) -> int:
    from ._graph import phased_order

    _only(args, "text", "markdown", "json")
    plan = _plan(args)
    phases = phased_order(plan)
    if args.format == "json":
        _emit(args, _json([{"stage": p.stage.number, "stage_name": p.stage.name, "wave": p.wave,
                            "tasks": [t.id for t in p.tasks]} for p in phases]), out)
        return 0
    rows = [[f"{p.stage.number} {p.stage.name}", p.wave, t.id, t.title, t.division, t.deadline]
            for p in phases for t in p.tasks]
    headers = [_zh(args, "阶段", "Stage"), _zh(args, "批次", "Wave"), _zh(args, "编号", "ID"),
               _zh(args, "任务名称", "Task"), _zh(args, "牵头处室", "Lead division"),
               _zh(args, "完成时限", "Deadline")]
    _emit(args, _table(args, headers, rows), out)
    return 0


def _as_of(args: argparse.Namespace) -> dt.date:
    return args.as_of or dt.date.today()  # noqa: DTZ011 - the CLI is the one place that reads the clock


def _statuses(args: argparse.Namespace) -> tuple[Plan, dt.date, Mapping[str, Update]]:
    """The plan, the as-of date and the statuses on it, as the options say."""
    plan = _plan(args)
    as_of = _as_of(args)
    with _history(args, plan) as ledger:
        return plan, as_of, ledger.status_as_of(as_of)


def cmd_shortfalls(args: argparse.Namespace, out: TextIO) -> int:
    from ._render_dict import shortfall_record
    from ._shortfalls import find_shortfalls

    _only(args, "text", "markdown", "json")
    plan, as_of, statuses = _statuses(args)
    found = find_shortfalls(plan, statuses, as_of, due_soon_workdays=args.due_soon, calendar=_calendar(args, plan))
    if args.format == "json":
        _emit(args, _json({"as_of": as_of.isoformat(), "shortfalls": [shortfall_record(s) for s in found],
                           "suspended": [t.id for t in found.suspended]}), out)
    else:
        rows = [[s.kind.chinese if args.lang == "zh" else s.kind.value, s.task_id, s.task.title, s.division,
                 s.deadline, s.days_overdue or "", s.workdays_overdue or "", s.holds_up or "",
                 "、".join(s.root_causes), "" if s.workdays_left is None else s.workdays_left] for s in found]
        headers = [_zh(args, "类型", "Kind"), _zh(args, "编号", "ID"), _zh(args, "任务名称", "Task"),
                   _zh(args, "牵头处室", "Lead division"), _zh(args, "完成时限", "Deadline"),
                   _zh(args, "逾期天数", "Days"), _zh(args, "逾期工作日", "Working days"),
                   _zh(args, "影响任务", "Holds up"), _zh(args, "根源任务", "Root causes"),
                   _zh(args, "剩余工作日", "Working days left")]
        head = _zh(args, f"截至{as_of}：逾期{len(found.overdue)}项，受阻{len(found.blocked)}项，"
                         f"即将到期{len(found.due_soon)}项，逾期完成{len(found.done_late)}项，"
                         f"已暂缓{len(found.suspended)}项\n",
                   f"As of {as_of}: {len(found.overdue)} overdue, {len(found.blocked)} blocked, "
                   f"{len(found.due_soon)} due soon, {len(found.done_late)} done late, "
                   f"{len(found.suspended)} suspended\n")
        _emit(args, head + _table(args, headers, rows), out)
    return 1 if found.overdue and args.fail_on == "overdue" else 0


def cmd_rectify(args: argparse.Namespace, out: TextIO) -> int:
    from ._rectify import rectification_list
    from ._render_dict import item_record

    _only(args, "text", "markdown", "json")
    plan, as_of, statuses = _statuses(args)
    items = rectification_list(plan, statuses, as_of, time_limit_workdays=args.time_limit,
                               calendar=_calendar(args, plan))
    if args.format == "json":
        _emit(args, _json([item_record(i) for i in items]), out)
    else:
        headers = [_zh(args, h, e) for h, e in (("序号", "No."), ("问题", "Problem"), ("责任处室", "Responsible"),
                                                ("配合处室", "Supporting"), ("整改措施", "Measure"),
                                                ("整改时限", "Time limit"), ("督办等级", "Level"),
                                                ("完成情况", "Progress"))]

        def row(i: Any) -> list[Any]:
            return [i.no, i.problem if args.lang == "zh" else i.problem_en, i.division, "、".join(i.supporting),
                    i.measure, i.time_limit, i.level.value if args.lang == "zh" else i.level.english, i.progress]

        title = _zh(args, f"问题和责任清单（截至{as_of}，共{len(items)}项）\n",
                    f"Rectification list as of {as_of}: {len(items)} items\n")
        if args.by_division:
            parts = [title]
            for division, group in items.by_division().items():
                parts.append(f"\n{division}（{len(group)}项）\n" if args.lang == "zh"
                             else f"\n{division} ({len(group)})\n")
                parts.append(_table(args, headers, [row(i) for i in group]))
            _emit(args, "".join(parts), out)
        else:
            _emit(args, title + _table(args, headers, [row(i) for i in items]), out)
    return 1 if len(items) and args.fail_on == "overdue" else 0


def cmd_weekly(args: argparse.Namespace, out: TextIO) -> int:
    from ._weekly import weekly_report

    plan = _plan(args)
    week_ending = args.week_ending or last_friday(dt.date.today())  # noqa: DTZ011 - the CLI reads the clock
    with _history(args, plan) as ledger:
        report = weekly_report(plan, ledger, week_ending, time_limit_workdays=args.time_limit,
                               calendar=_calendar(args, plan))
    if args.format == "xlsx":
        if not args.output:
            message = "--format xlsx needs -o PATH.xlsx"
            raise UsageError(message)
        report.to_xlsx(args.output, lang=args.lang)
    elif args.format == "html":
        _emit(args, report.to_html(lang=args.lang), out)
    elif args.format == "json":
        _emit(args, _json(report.to_dict()), out)
    elif args.format == "markdown":
        _emit(args, report.to_markdown(lang=args.lang), out)
    else:
        _emit(args, report.to_text(lang=args.lang), out)
    return 1 if report.overdue and args.fail_on == "overdue" else 0


def _need_ledger(args: argparse.Namespace) -> str:
    if not args.ledger:
        message = f"'{args.command}' writes into a ledger file: give --ledger PATH.db"
        raise UsageError(message)
    return str(args.ledger)


def cmd_record(args: argparse.Namespace, out: TextIO) -> int:
    from ._ledger import Ledger

    plan = _plan(args)
    path = _need_ledger(args)
    try:
        update = Update(args.task_id, Status.parse(args.status), args.on or dt.date.today(),  # noqa: DTZ011
                        percent=args.percent, note=args.note, by=args.by)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    with Ledger(path, plan=plan) as ledger:
        ledger.record(update)
        count = len(ledger)
    out.write(_zh(args, f"已记录：{update.task_id} {update.status.value} {update.on}（账本共{count}条）\n",
                  f"recorded: {update.task_id} {update.status.english} {update.on} ({count} updates in ledger)\n"))
    return 0


def cmd_import(args: argparse.Namespace, out: TextIO) -> int:
    from ._ledger import Ledger
    from ._updates_file import import_updates

    plan = _plan(args)
    path = _need_ledger(args)
    updates = import_updates(args.file)
    with Ledger(path, plan=plan) as ledger:
        count = ledger.record_many(updates)
        total = len(ledger)
    out.write(_zh(args, f"已导入{count}条进展（账本共{total}条）\n",
                  f"imported {count} updates ({total} in ledger)\n"))
    return 0


def cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    if not args.output:
        message = "export needs -o PATH (.toml, .json, .csv or .xlsx)"
        raise UsageError(message)
    if args.template:
        from ._sheet import write_template

        write_template(Path(args.output), _plan(args) if args.plan else None)
        out.write(_zh(args, f"已生成空白任务表：{args.output}\n", f"wrote an empty plan sheet: {args.output}\n"))
        return 0
    plan = _plan(args)
    save_plan(plan, args.output)
    out.write(_zh(args, f"已导出{len(plan)}项任务：{args.output}\n", f"exported {len(plan)} tasks: {args.output}\n"))
    return 0


def cmd_calendar(args: argparse.Namespace, out: TextIO) -> int:
    _only(args, "text", "markdown", "json")
    info = _calendar(args, _plan(args) if args.plan else None, beyond="weekdays").describe_year(args.year)
    if args.format == "json":
        _emit(args, _json({"year": info.year, "source": info.source, "origin": info.origin,
                           "holidays": [d.isoformat() for d in info.holidays],
                           "workdays": [d.isoformat() for d in info.workdays],
                           "local_holidays": [d.isoformat() for d in info.local_holidays],
                           "local_workdays": [d.isoformat() for d in info.local_workdays],
                           "monthly": list(info.monthly), "total": sum(info.monthly)}), out)
        return 0
    zh = args.lang == "zh"
    source = {"official": _zh(args, f"官方数据（{info.origin}）", f"official data ({info.origin})"),
              "supplied": _zh(args, f"提供的节假日安排（{info.origin}）", f"supplied schedule ({info.origin})"),
              "fallback": _zh(args, "无官方节假日数据，按周一至周五计算（国务院公布安排后，用 --calendar 文件提供）",
                              "no official data: Monday–Friday counted (supply the schedule with --calendar FILE)"),
              }[info.source]

    def days(spans: Sequence[tuple[dt.date, dt.date]]) -> str:
        text = [f"{a.month}月{a.day}日" + (f"–{b.month}月{b.day}日" if b != a else "") if zh
                else a.isoformat() + (f"…{b.isoformat()}" if b != a else "") for a, b in spans]
        return "、".join(text) if zh else ", ".join(text)

    lines = [_zh(args, f"{info.year}年工作日历", f"Working-day calendar {info.year}"),
             _zh(args, f"来源：{source}", f"Source: {source}"),
             _zh(args, f"放假：{days(info.holiday_spans) or '（无）'}（共{len(info.holidays)}天）",
                 f"Holidays: {days(info.holiday_spans) or '(none)'} ({len(info.holidays)} days)"),
             _zh(args, f"调休上班：{days([(d, d) for d in info.workdays]) or '（无）'}",
                 f"Make-up working days: {days([(d, d) for d in info.workdays]) or '(none)'}")]
    if info.local_holidays or info.local_workdays:
        lines.append(_zh(args, f"本地休息日：{days([(d, d) for d in info.local_holidays]) or '（无）'}；"
                               f"本地工作日：{days([(d, d) for d in info.local_workdays]) or '（无）'}",
                         f"Local days off: {days([(d, d) for d in info.local_holidays]) or '(none)'}; "
                         f"local working days: {days([(d, d) for d in info.local_workdays]) or '(none)'}"))
    rows = [[_zh(args, f"{m}月", dt.date(2000, m, 1).strftime("%b")), n] for m, n in enumerate(info.monthly, 1)]
    rows.append([_zh(args, "全年", "Year"), sum(info.monthly)])
    _emit(args, "\n".join(lines) + "\n\n" + _table(args, [_zh(args, "月份", "Month"),
                                                         _zh(args, "工作日", "Working days")], rows), out)
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
               "fazhi-tasks weekly --week-ending 2021-06-25 --format html -o weekly.html"),
    "record": (cmd_record, "记录一条进展 / record one progress update",
               "fazhi-tasks record T043 已完成 --on 2021-07-16 --percent 100 --ledger progress.db"),
    "import": (cmd_import, "导入进展报送表（全部成功或全部不导入）/ import an updates file, all or nothing",
               "fazhi-tasks import 进展报送.xlsx --ledger progress.db"),
    "calendar": (cmd_calendar, "某年的工作日历：数据来源、放假和调休、各月工作日 / a year's working-day calendar",
                 "fazhi-tasks calendar --year 2027 --calendar 2027节假日.toml"),
    "export": (cmd_export, "导出任务清单（按扩展名选格式）/ export the plan (format from the suffix)",
               "fazhi-tasks export -o plan.xlsx   |   fazhi-tasks export --template -o 空白任务表.xlsx"),
}


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = _Parser(prog=PROG, description="法治政府建设示范创建任务跟踪 / track a rule-of-law "
                     "demonstration-creation plan. Without --plan the bundled 97-task sample is used.",
                     epilog="example: fazhi-tasks weekly --week-ending 2021-06-25")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    for name, (func, text, example) in COMMANDS.items():
        p = sub.add_parser(name, help=text, description=text, epilog=f"example: {example}",
                           formatter_class=argparse.RawDescriptionHelpFormatter)
        p.set_defaults(func=func)
        p.add_argument("--plan", metavar="PATH", help="plan file .toml/.json/.csv/.xlsx (default: the sample)")
        p.add_argument("--ledger", metavar="PATH",
                       help="progress ledger (SQLite); default: the sample history in memory with the sample plan")
        p.add_argument("--lang", choices=("zh", "en"), default="zh", help="labels in Chinese or English")
        p.add_argument("-o", "--output", metavar="PATH", help="write to this file instead of standard output")
        if name in ("check", "order", "shortfalls", "rectify", "weekly", "calendar"):
            p.add_argument("--calendar", dest="calendar_file", metavar="FILE",
                           help="official holiday schedules past the built-in data ([calendar.2027] TOML/JSON)")
        if name == "calendar":
            p.add_argument("--year", type=_year, required=True, metavar="YEAR", help="the year, e.g. 2027")
            p.add_argument("--format", choices=("text", "markdown", "json"), default="text", help="output format")
            p.add_argument("--fmt", default="simple", metavar="TABLEFMT", help="tabulate table format for text")
        if name in ("check", "order", "shortfalls", "rectify", "weekly"):
            formats = ("text", "markdown", "html", "xlsx", "json")
            p.add_argument("--format", choices=formats, default="text", help="output format (default text)")
            p.add_argument("--fmt", default="simple", metavar="TABLEFMT",
                           help="tabulate table format for text output (default simple)")
            p.add_argument("--fail-on", choices=("overdue", "findings"),
                           help="exit 1 when there are overdue tasks / plan findings")
            p.add_argument("--beyond", choices=("error", "weekdays"), default="error",
                           help="dates past the official holiday data: an error (default) or count Monday–Friday")
        if name in ("shortfalls", "rectify"):
            p.add_argument("--as-of", type=_date, metavar="DATE", help="the date (default today)")
        if name == "shortfalls":
            p.add_argument("--due-soon", type=int, default=5, metavar="N",
                           help="working days ahead that count as due soon (default 5)")
        if name in ("rectify", "weekly"):
            p.add_argument("--time-limit", type=int, default=15, metavar="N",
                           help="rectification time limit in working days (default 15)")
        if name == "rectify":
            p.add_argument("--by-division", action="store_true", help="group into each division's list")
        if name == "weekly":
            p.add_argument("--week-ending", "--as-of", dest="week_ending", type=_date, metavar="DATE",
                           help="the week's last day (default the last Friday)")
        if name == "record":
            p.add_argument("task_id", metavar="TASK_ID")
            p.add_argument("status", metavar="STATUS",
                           help="未启动/推进中/已完成/已暂缓 or not started/in progress/done/suspended")
            p.add_argument("--on", type=_date, metavar="DATE", help="the update's date (default today)")
            p.add_argument("--percent", type=int, metavar="N")
            p.add_argument("--note", default="", metavar="TEXT")
            p.add_argument("--by", default="", metavar="NAME")
        if name == "import":
            p.add_argument("file", metavar="FILE", help="updates file .csv/.xlsx/.json")
        if name == "export":
            p.add_argument("--template", action="store_true", help="an empty sheet with headers and drop-downs")
    return parser


def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run the command line; returns the exit code."""
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except _ArgumentError as exc:
        err.write(f"{exc}\n")
        return 2
    except SystemExit as exc:  # --help
        return int(exc.code or 0)
    try:
        return int(args.func(args, out))
    except FazhiTasksError as exc:
        message = " | ".join(str(exc).splitlines()).replace("pass beyond='weekdays'", "use --beyond weekdays")
        err.write(f"{PROG}: error: {message}\n")
        return 2
    except OSError as exc:
        err.write(f"{PROG}: error: {exc.filename or ''}: {exc.strerror or exc}\n")
        return 2
    except KeyboardInterrupt:
        err.write(f"{PROG}: interrupted\n")
        return 130
