"""The ``fazhi-tasks`` command line: parse, call the library, lay out a document, render it.

Every report command is compute → :mod:`~fazhi_tasks.report.views` document →
:func:`~fazhi_tasks.report.present.render`, so every command writes every format (``--format``, or the suffix of
``-o``). Exit codes: 0 ok; 1 when ``--fail-on`` finds what it asks about; 2 bad input (one line on stderr, no
traceback). Each command's work is in :mod:`~fazhi_tasks.cli.commands`.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from fazhi_tasks.cli import account, review, serve
from fazhi_tasks.cli.commands import (
    cmd_calendar,
    cmd_check,
    cmd_export,
    cmd_forecast,
    cmd_import,
    cmd_ledger,
    cmd_notices,
    cmd_order,
    cmd_record,
    cmd_rectify,
    cmd_rollup,
    cmd_shortfalls,
    cmd_weekly,
)
from fazhi_tasks.cli.options import (
    BOTH,
    UsageError,
    columns_option,
    date_option,
    last_friday,
    percent_option,
    seconds_option,
    whole_number,
    year_option,
)
from fazhi_tasks.core.errors import ArgumentError, CalendarCoverageError, FazhiTasksError, Said
from fazhi_tasks.core.i18n import Lang, text
from fazhi_tasks.report.renderers.registry import FORMATS, terminal_safe

if TYPE_CHECKING:
    pass

# Each command imports the library modules it uses, so a command loads only what it needs.

__all__ = ["COMMANDS", "COMMAND_MODULES", "REPORT_COMMANDS", "last_friday", "main"]

PROG = "fazhi-tasks"


#: argparse's own messages, in Chinese (the English is argparse's).
_ARGPARSE_ZH = ((re.compile(r"argument (?P<name>[^:]+): (?P<why>.*)", re.S), "选项 {name}：{why}"),
                (re.compile(r"unrecognized arguments: (?P<why>.*)", re.S), "无法识别的参数：{why}"),
                (re.compile(r"the following arguments are required: (?P<why>.*)", re.S), "缺少必需的参数：{why}"),
                (re.compile(r"expected one argument"), "需要一个值"),
                (re.compile(r"invalid choice: (?P<why>.*?) \(choose from (?P<choices>.*)\)", re.S),
                 "无效的选择 {why}（可选：{choices}）"),
                (re.compile(r"ignored explicit argument (?P<why>.*)", re.S), "多余的值 {why}"))


def _argparse_zh(message: str) -> str:
    """argparse's message in Chinese, where it is one of the common ones (else as argparse wrote it)."""
    for pattern, zh in _ARGPARSE_ZH:
        found = pattern.fullmatch(message)
        if found:
            parts = {k: _argparse_zh(v) if k == "why" else v for k, v in found.groupdict().items()}
            return zh.format(**parts)
    return message


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        zh, en = message, message
        both = re.fullmatch(r"(argument [^:]+: )?(.*?)" + BOTH + r"(.*)", message, re.S)
        if both:  # an option value's message in both languages, behind argparse's "argument X: "
            zh, en = f"{both[1] or ''}{both[2]}", f"{both[1] or ''}{both[3]}"
        zh = _argparse_zh(zh).replace("选项 COMMAND：无效的选择", "无效的命令")
        raise UsageError(reason=Said(f"{zh}（见 {self.prog} --help）", f"{en} (see {self.prog} --help)"))


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
    "ledger": (cmd_ledger, "账本：init 建表升级，grant/revoke/grants 授权，verify 校验哈希链 / set up, verify",
               "fazhi-tasks ledger grant --url postgresql://fzb@db/fazhi --bureau 金华市应急管理局 --role jh_yjj"),
    "calendar": (cmd_calendar, "某年的工作日历：数据来源、放假和调休、各月工作日 / a year's working-day calendar",
                 "fazhi-tasks calendar --year 2027 --calendar 2027节假日.toml"),
    "export": (cmd_export, "导出任务清单（按扩展名选格式）/ export the plan (format from the suffix)",
               "fazhi-tasks export -o plan.xlsx   |   fazhi-tasks export --template -o 空白任务表.xlsx"),
}
#: Commands kept in a module of their own (``register(sub)`` adds the parser, ``run(args, out)`` runs it); they get
#: the same common options as :data:`COMMANDS`.
COMMAND_MODULES: tuple[Any, ...] = (review, account, serve)
#: Commands that show a report, and so take --format, --fail-on, --as-of and the calendar options.
REPORT_COMMANDS = ("check", "order", "shortfalls", "rectify", "weekly", "forecast", "rollup")


def _report_options(p: argparse.ArgumentParser, name: str) -> None:
    p.add_argument("--format", choices=tuple(FORMATS), default=None,
                   help="output format (default: from -o's suffix, else text)")
    p.add_argument("--fmt", default="simple", metavar="TABLEFMT",
                   help="tabulate table format for text output (default simple)")
    p.add_argument("--portrait", action="store_true", help="HTML printed on A4 portrait (default landscape)")
    p.add_argument("--fail-on", choices=("overdue", "findings"),
                   help="exit 1 when there are overdue tasks (as of the date) / plan findings")
    p.add_argument("--beyond", choices=("error", "weekdays"), default="weekdays",
                   help="dates past the official holiday data: count Monday–Friday and say so (default), or an error")
    names = ("--week-ending", "--as-of") if name == "weekly" else ("--as-of",)
    p.add_argument(*names, dest="as_of", type=date_option, metavar="DATE",
                   help="the week's last day (default the last Friday)" if name == "weekly"
                   else "the date (default today)")


def _own_options(p: argparse.ArgumentParser, name: str) -> None:
    """The options of one command beyond those every command takes."""
    if name in (*REPORT_COMMANDS, "notices", "calendar"):
        p.add_argument("--calendar", dest="calendar_file", metavar="FILE",
                       help="official holiday schedules past the built-in data ([calendar.2027] TOML/JSON)")
    if name == "calendar":
        p.add_argument("--year", type=year_option, required=True, metavar="YEAR", help="the year, e.g. 2027")
        p.add_argument("--format", choices=tuple(FORMATS), default=None, help="output format")
        p.add_argument("--fmt", default="simple", metavar="TABLEFMT", help="tabulate table format for text")
    if name in REPORT_COMMANDS:
        _report_options(p, name)
    if name == "rollup":
        p.add_argument("--url", metavar="URL", help="the shared ledger: postgresql://… (or an SQLite file)")
        p.add_argument("--plans", metavar="DIR", help="folder of plan files, one per bureau, named after it")
    if name == "ledger":
        p.add_argument("action", choices=("init", "grant", "revoke", "grants", "verify"),
                       help="init: create an SQLite ledger file, or create or migrate the shared one (the DBA); "
                       "grant / revoke: a bureau's or a reader's role (the admin); grants: list them; "
                       "verify: check every readable bureau's hash chain (exit 1 when broken)")
        p.add_argument("--url", metavar="URL", help="the shared ledger: postgresql://role@host/db (or --ledger)")
        p.add_argument("--role", metavar="ROLE", help="the login role to grant or revoke")
        p.add_argument("--reader", action="store_true", help="grant reading every bureau (no writing)")
        p.add_argument("--admin", metavar="ROLE",
                       help="init: the login role that may grant and revoke (the 法治办's), made the ledger's admin")
    if name == "shortfalls":
        p.add_argument("--due-soon", type=whole_number(0), default=5, metavar="N",
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
        p.add_argument("--week-ending", "--as-of", dest="as_of", type=date_option, metavar="DATE",
                       help="the report's date (default the last Friday)")
        p.add_argument("--split", metavar="DIR", help="one .docx per division into this directory")
        p.add_argument("--include-due", action="store_true", help="also list the tasks due next week")
        p.add_argument("--beyond", choices=("error", "weekdays"), default="weekdays",
                       help="dates past the official holiday data: count Monday–Friday and say so (default), or an "
                       "error")
    if name == "calendar":
        p.add_argument("--beyond", choices=("error", "weekdays"), default="error",
                       help="a year without holiday data: an error (default), or show Monday–Friday")
    if name in ("rectify", "weekly", "forecast", "notices"):
        p.add_argument("--time-limit", type=whole_number(0), default=15, metavar="N",
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
        p.add_argument("--on", type=date_option, metavar="DATE", help="the update's date (default today)")
        p.add_argument("--percent", type=percent_option, metavar="N")
        p.add_argument("--note", default="", metavar="TEXT")
        p.add_argument("--by", default="", metavar="NAME")
    if name == "import":
        p.add_argument("file", metavar="FILE",
                       help="updates file .csv/.xlsx/.xls/.ods/.json, or a plan sheet with --on")
        p.add_argument("--on", type=date_option, metavar="DATE",
                       help="import a plan sheet's progress columns (完成情况, 完成进度) as updates of this date")
        p.add_argument("--as-of", type=date_option, metavar="DATE",
                       help="report dates after this are refused (default today)")
    if name == "export":
        p.add_argument("--template", action="store_true", help="an empty sheet with headers and drop-downs")
        p.add_argument("--progress-template", action="store_true",
                       help="a 进展报送表 to fill: the tasks pre-filled, drop-down 状态, percent 完成百分比")
        p.add_argument("--division", metavar="NAME", help="with --progress-template: only this division's tasks")
        p.add_argument("--as-of", type=date_option, metavar="DATE",
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
        _common_options(p)
        _own_options(p, name)
    for module in COMMAND_MODULES:  # commands in their own modules: each adds its parser, then the common options
        known = set(sub.choices)
        module.register(sub)
        for name in sub.choices.keys() - known:
            _common_options(sub.choices[name])
    return parser


def _common_options(p: argparse.ArgumentParser) -> None:
    """The options every command takes."""
    p.add_argument("--plan", metavar="PATH", help="plan file .toml/.json/.csv/.xlsx (default: the sample)")
    p.add_argument("--ledger", metavar="PATH",
                   help="progress ledger: an SQLite file or a postgresql:// URL (default: the sample history)")
    p.add_argument("--timeout", type=seconds_option, default=60.0, metavar="SECONDS",
                   help="the ledger: wait this long to connect, for other writers and for a query (default 60)")
    p.add_argument("--bureau", metavar="NAME",
                   help="the bureau whose rows to write and read in a shared ledger (default: the login role's)")
    p.add_argument("--columns", type=columns_option, metavar="MAP",
                   help="map the plan sheet's own headers or column letters to known column names, "
                        "e.g. 'A=编号,计划完成日期=完成时限'")
    p.add_argument("--no-deadlines", action="store_true",
                   help="accept a plan sheet with no deadline column (every task ongoing)")
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="labels in Chinese or English")
    p.add_argument("--today", type=date_option, metavar="DATE",
                   help="take DATE as today (default: today's date in Beijing, Asia/Shanghai)")
    p.add_argument("-o", "--output", metavar="PATH", help="write to this file instead of standard output")


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
    message = exc.describe(lang, paths=True)
    lines = [line.strip() for line in message.splitlines() if line.strip()]
    label = text("cli.error_label", lang)
    return f"{PROG}: {label}: {terminal_safe(' | '.join(lines))}\n"


def _utf8_arguments(argv: Sequence[str]) -> None:
    """Refuse an argument holding bytes that are not UTF-8 (Python keeps them as lone surrogates, which no
    output, file or ledger can take)."""
    for arg in argv:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")[:80]
            raise ArgumentError(key="err.not_utf8_argument", params={"arg": shown}, value=shown) from None


def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run the command line; returns the exit code."""
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = _lang_of(argv)
    try:
        _utf8_arguments(argv)
        args = build_parser().parse_args(argv)
        return int(args.func(args, out))
    except FazhiTasksError as exc:
        err.write(_error_line(exc, lang))
        return 2
    except SystemExit as exc:  # --help
        return int(exc.code or 0) if isinstance(exc.code, int | None) else 2
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        label = text("cli.error_label", lang)
        err.write(f"{PROG}: {label}: {terminal_safe(where + (exc.strerror or str(exc)))}\n")
        return 2
    except KeyboardInterrupt:
        err.write(f"{PROG}: {text('err.interrupted', lang)}\n")
        return 130
