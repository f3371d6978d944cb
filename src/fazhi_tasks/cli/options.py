"""The command line's option types and its "today": each converts a value as typed or names it in both languages.

argparse calls these with the text of an option; a bad value raises ``argparse.ArgumentTypeError`` whose message
holds the Chinese and the English parted by :data:`BOTH` (the parser's error hook shows the language asked for).
"Today" is the date in Beijing, whatever zone the machine runs in, unless ``--today`` says otherwise.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
from collections.abc import Callable

from fazhi_tasks.core.errors import ArgumentError, FazhiTasksError
from fazhi_tasks.model.deadline import parse_deadline

__all__ = ["BEIJING", "BOTH", "UsageError", "beijing_today", "columns_option", "date_option", "last_friday",
           "percent_option", "seconds_option", "today", "whole_number", "year_option"]


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


def seconds_option(value: str) -> float:
    """A positive number of seconds, as ``--timeout`` takes it."""
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not 0 < seconds <= 86_400:  # at most a day
        raise _bad_value(f"{value!r} 应为大于0、不超过86400的秒数", f"{value!r} should be a number of seconds above 0, "
                         "at most 86400")
    return seconds


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


def columns_option(value: str) -> dict[str, str]:
    """``--columns 'A=编号,计划完成日期=完成时限'``: header (or column letter) → a column name the reader knows."""
    mapping: dict[str, str] = {}
    for part in re.split(r"[,，;；]", value):
        if not part.strip():
            continue
        key, sep, target = part.partition("=")
        if not sep or not key.strip() or not target.strip():
            raise _bad_value(f"列映射应写成 表头=列名，多个用逗号分隔，如 'A=编号,计划完成日期=完成时限'：{part!r}",
                             f"write the mapping as HEADER=NAME, comma-separated, e.g. 'A=编号,计划完成日期=完成时限': "
                             f"{part!r}")
        mapping[key.strip()] = target.strip()
    return mapping


def year_option(text: str) -> int:
    if not (text.isascii() and text.isdigit() and 1900 <= int(text) <= 9998):
        raise _bad_value(f"{text!r} 不是年份（如 2027）", f"{text!r} is not a year (such as 2027)")
    return int(text)
