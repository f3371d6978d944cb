"""The ``fazhi-tasks`` command line: parse, call the library, lay out a document, render it.

Every report command is compute → :mod:`~fazhi_tasks.report.views` document →
:func:`~fazhi_tasks.report.present.render`, so every command writes every format (``--format``, or the suffix of
``-o``). Exit codes: 0 ok; 1 when ``--fail-on`` finds what it asks about; 2 bad input (one line on stderr, no
traceback). Each command is a module beside this one (``cli/weekly.py`` …) holding its options
(``register``) and its work (``run``); the option groups the commands share are in :mod:`~fazhi_tasks.cli.options`,
the helpers in :mod:`~fazhi_tasks.cli.commands`.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import NoReturn, TextIO

from fazhi_tasks.cli import (
    account,
    calendar,
    check,
    export,
    forecast,
    import_,
    ledger,
    notices,
    order,
    record,
    rectify,
    review,
    rollup,
    serve,
    shortfalls,
    weekly,
)
from fazhi_tasks.cli.options import BOTH, UsageError, last_friday
from fazhi_tasks.core.errors import ArgumentError, CalendarCoverageError, FazhiTasksError, Said
from fazhi_tasks.core.i18n import Lang, text
from fazhi_tasks.report.renderers.registry import terminal_safe

# Each command imports the library modules it uses inside ``run``, so a command loads only what it needs.

__all__ = ["COMMANDS", "MODULES", "REPORT_COMMANDS", "build_parser", "last_friday", "main"]

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
        raise UsageError(reason=Said.of("cli.see_help", value=Said(str(zh), str(en)), prog=self.prog))


# -- the parser -----------------------------------------------------------------------------------

#: A command module's ``run``: the parsed options and the output stream in, the exit code out.
Command = Callable[[argparse.Namespace, TextIO], int]

#: The commands, in the order ``--help`` lists them. Each is a module named after its command (``import_`` for
#: ``import``) with ``register(sub) -> None``, which adds its parser (``options.add_command``: the common
#: options) with its own options and ``set_defaults(func=run)``, and ``run(args, out) -> int``.
MODULES: tuple[ModuleType, ...] = (check, order, shortfalls, rectify, weekly, forecast, notices, record, import_,
                                   review, rollup, ledger, account, serve, calendar, export)


def _command_name(module: ModuleType) -> str:
    return module.__name__.rpartition(".")[2].rstrip("_")


#: Each subcommand's name and its module.
COMMANDS: dict[str, ModuleType] = {_command_name(m): m for m in MODULES}
#: Commands that show a report, and so take --format, --fail-on, --as-of and the calendar options.
REPORT_COMMANDS = ("check", "order", "shortfalls", "rectify", "weekly", "forecast", "rollup")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand: each command module registers its own."""
    parser = _Parser(prog=PROG, description="法治政府建设示范创建任务跟踪 / track a rule-of-law "
                     "demonstration-creation plan. Without --plan the bundled 97-task sample is used.",
                     epilog="example: fazhi-tasks weekly --week-ending 2021-06-25")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    for module in MODULES:
        module.register(sub)
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
