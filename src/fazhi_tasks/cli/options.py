"""The command line's option types, the option groups the commands share, and its "today".

Types: each converts a value as typed or names it in both languages. argparse calls these with the text of an
option; a bad value raises ``argparse.ArgumentTypeError`` whose message holds the Chinese and the English parted by
:data:`BOTH` (the parser's error hook shows the language asked for).

Groups: :func:`add_command` makes a command's parser with :func:`common_options` (``--plan``, ``--ledger``,
``--timeout``, ``--bureau``, ``--columns``, ``--no-deadlines``, ``--lang``, ``--today``, ``-o``), which every
command takes; a command module then adds the groups it needs (:func:`report_options`, :func:`settings_options`,
:func:`calendar_option`, :func:`beyond_option`, :func:`time_limit_option`) and its own options beside its code.

"Today" is the date in Beijing, whatever zone the machine runs in, unless ``--today`` says otherwise.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
from collections.abc import Callable, Sequence

from fazhi_tasks.core.errors import ArgumentError, FazhiTasksError, Said
from fazhi_tasks.model.deadline import parse_deadline
from fazhi_tasks.report.renderers.registry import FORMATS

__all__ = ["BEIJING", "BOTH", "Subparsers", "UsageError", "add_command", "beijing_today", "beyond_option",
           "calendar_option", "columns_option", "common_options", "date_option", "last_friday", "percent_option",
           "report_options", "seconds_option", "settings_options", "time_limit_option", "today", "whole_number",
           "year_option"]


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
        raise _bad_value(*Said.of("cli.opt_not_date", text=repr(text_)))
    return day


def whole_number(least: int) -> Callable[[str], int]:
    def convert(value: str) -> int:
        try:
            number = int(value.strip())
        except ValueError:
            number = None
        if number is None or number < least or number > 10_000:
            raise _bad_value(*Said.of("cli.opt_whole_number", value=repr(value), least=least))
        return number

    return convert


def seconds_option(value: str) -> float:
    """A positive number of seconds, as ``--timeout`` takes it."""
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not 0 < seconds <= 86_400:  # at most a day
        raise _bad_value(*Said.of("cli.opt_seconds", value=repr(value)))
    return seconds


def percent_option(value: str) -> int:
    number = whole_number(0)(value.rstrip("%％"))
    if number > 100:
        raise _bad_value(*Said.of("cli.opt_percent", value=repr(value)))
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


def columns_option(value: str) -> dict[str, str]:
    """``--columns 'A=编号,计划完成日期=完成时限'``: header (or column letter) → a column name the reader knows."""
    mapping: dict[str, str] = {}
    for part in re.split(r"[,，;；]", value):
        if not part.strip():
            continue
        key, sep, target = part.partition("=")
        if not sep or not key.strip() or not target.strip():
            raise _bad_value(*Said.of("cli.opt_column_mapping", part=repr(part)))
        mapping[key.strip()] = target.strip()
    return mapping


def year_option(text: str) -> int:
    if not (text.isascii() and text.isdigit() and 1900 <= int(text) <= 9998):
        raise _bad_value(*Said.of("cli.opt_not_year", text=repr(text)))
    return int(text)


# -- the option groups ----------------------------------------------------------------------------

#: What a command module's ``register(sub)`` receives: the parser's subcommands.
Subparsers = argparse._SubParsersAction


def add_command(sub: Subparsers[argparse.ArgumentParser], name: str, help_text: str,
                example: str) -> argparse.ArgumentParser:
    """A command's parser: its one-line help (also its description), its example, and the common options.

    Args:
        sub: The parser's subcommands, as ``register(sub)`` receives them.
        name: The command, as typed.
        help_text: One line in Chinese and English, shown in ``fazhi-tasks --help`` and atop the command's own.
        example: One command line, shown under ``--help`` after "example:".

    Returns:
        The new parser, with :func:`common_options` added; the command adds its own and ``set_defaults(func=run)``.
    """
    p = sub.add_parser(name, help=help_text, description=help_text, epilog=f"example: {example}",
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    common_options(p)
    return p


def common_options(p: argparse.ArgumentParser) -> None:
    """The options every command takes: the plan, the ledger and how to reach it, the sheet mapping, the language,
    "today" and the output file (:func:`add_command` adds them; a parser made otherwise calls this first)."""
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


def calendar_option(p: argparse.ArgumentParser) -> None:
    """``--calendar FILE``: official holiday schedules for years past the built-in data."""
    p.add_argument("--calendar", dest="calendar_file", metavar="FILE",
                   help="official holiday schedules past the built-in data ([calendar.2027] TOML/JSON)")


def beyond_option(p: argparse.ArgumentParser) -> None:
    """``--beyond``: dates past the holiday data count Monday–Friday (the default) or are an error."""
    p.add_argument("--beyond", choices=("error", "weekdays"), default="weekdays",
                   help="dates past the official holiday data: count Monday–Friday and say so (default), or an error")


def report_options(p: argparse.ArgumentParser, *, as_of: Sequence[str] = ("--as-of",),
                   as_of_help: str = "the date (default today)") -> None:
    """The options of a command that shows a report: ``--format``, ``--fmt``, ``--portrait``, ``--fail-on``,
    ``--beyond`` and the date (``--as-of``, or the names and help ``as_of`` and ``as_of_help`` give)."""
    p.add_argument("--format", choices=tuple(FORMATS), default=None,
                   help="output format (default: from -o's suffix, else text)")
    p.add_argument("--fmt", default="simple", metavar="TABLEFMT",
                   help="tabulate table format for text output (default simple)")
    p.add_argument("--portrait", action="store_true", help="HTML printed on A4 portrait (default landscape)")
    p.add_argument("--fail-on", choices=("overdue", "findings"),
                   help="exit 1 when there are overdue tasks (as of the date) / plan findings")
    beyond_option(p)
    p.add_argument(*as_of, dest="as_of", type=date_option, metavar="DATE", help=as_of_help)


def settings_options(p: argparse.ArgumentParser) -> None:
    """The 通报 settings a report's Word output takes over the plan's own ([report] table or 设置 sheet)."""
    p.add_argument("--issuer", metavar="TEXT", help="发文单位 (default: the plan's [report] / 设置 sheet)")
    p.add_argument("--issue-no", metavar="N", help="期号 (default: weeks since the plan's first week)")
    p.add_argument("--contact", metavar="NAME", help="联系人")
    p.add_argument("--phone", metavar="TEXT", help="联系电话")
    p.add_argument("--signer", metavar="NAME", help="签发人")
    p.add_argument("--to", metavar="TEXT", help="主送 (default 各处室)")
    p.add_argument("--cc", metavar="TEXT", help="抄送")


def time_limit_option(p: argparse.ArgumentParser) -> None:
    """``--time-limit N``: the rectification time limit in working days."""
    p.add_argument("--time-limit", type=whole_number(0), default=15, metavar="N",
                   help="rectification time limit in working days (default 15)")
