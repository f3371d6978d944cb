"""Deadline text as plans write it: ``2021-06-30``, ``2021年6月底前``, ``二季度末``, ``长期坚持`` ..."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from dateutil.relativedelta import relativedelta

from fazhi_tasks.core.errors import DeadlineParseError, Said
from fazhi_tasks.model.calendar import WorkCalendar

__all__ = ["ONGOING_WORDS", "parse_deadline"]

#: Texts that mean ongoing work with no deadline (never overdue).
ONGOING_WORDS = frozenset({"长期坚持", "持续推进", "长期", "持续", "常态化", "长期推进", "常态化推进",
                           "持续开展", "长期开展", "ongoing", "-", "—", "/", "无"})

_BEFORE = r"(?:前|之前|以前)?"
_YEAR = r"(?:(?P<year>\d{4})年)?"
_NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}

_PLAIN = re.compile(r"(?P<year>\d{4})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})(?:T?00:00(?::00)?)?")
_DAY = re.compile(_YEAR + r"(?P<month>\d{1,2})月(?P<day>\d{1,2})[日号]" + _BEFORE)
_MONTH_END = re.compile(_YEAR + r"(?P<month>\d{1,2})月(?:份|(?:底|末)" + _BEFORE + ")?")
_YEAR_END = re.compile(_YEAR + r"(?:年底|年末|底|末)" + _BEFORE)
_QUARTER = re.compile(_YEAR + r"第?(?P<q>[一二三四1-4])季度(?:末|底)?" + _BEFORE)
_HALF = re.compile(_YEAR + r"(?P<half>[上下])半年(?:末|底)?" + _BEFORE)
_WORKDAYS = re.compile(r"(?P<n>\d+)个?工作日(?:内|之内|以内)?")
_DAYS = re.compile(r"(?P<n>\d+)(?:个自然日|日|天)(?:内|之内|以内)")

_FORMS = ("2021-06-30, 2021/6/30, 2021.6.30, 2021年6月30日, 6月底前, 年底前, 2021年第二季度, 二季度末, "
          "上半年, 15个工作日内, 长期坚持")


def _fail(text: str, why: Said, *, needs_year: bool = False) -> DeadlineParseError:
    message = Said.of("model.deadline_reason", text=text, why=why)
    return DeadlineParseError(message, text=text, why=why, needs_year=needs_year)


def _make(text: str, year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        why = Said.of("model.no_such_day", year=year, month=Said(str(month), format(month, "02")),
                      day=Said(str(day), format(day, "02")))
        raise _fail(text, why) from None


def _month_end(text: str, year: int, month: int) -> dt.date:
    return _make(text, year, month, 1) + relativedelta(day=31)


_SPLIT_NUMBER = re.compile(r"\d\s+\d")


def parse_deadline(
    text: str | dt.date | None,
    *,
    year: int | None = None,
    start: dt.date | None = None,
    calendar: WorkCalendar | None = None,
) -> dt.date | None:
    """Read a deadline as plans write it.

    Args:
        text: The deadline text (full-width digits are fine), or a date (returned as is).
        year: The year for texts that leave it out (``6月底前``, ``年底前``).
        start: The day counting starts from, for ``N个工作日内`` / ``N日内`` (the first day is not counted).
        calendar: The working-day calendar for ``N个工作日内``; default the official one.

    Returns:
        The last day the work may be done on, or ``None`` for ongoing work (``长期坚持``).

    Raises:
        DeadlineParseError: The text is in no form this reads, names no real date, or needs
            ``year`` or ``start`` that was not given.

    >>> parse_deadline("２０２１年６月底前")
    datetime.date(2021, 6, 30)
    >>> parse_deadline("二季度末", year=2021)
    datetime.date(2021, 6, 30)
    >>> parse_deadline("15个工作日内", start=dt.date(2021, 9, 24))  # 国庆 skipped, 调休 Saturdays count
    datetime.date(2021, 10, 20)
    >>> parse_deadline("长期坚持") is None
    True
    """
    if text is None:
        return None
    if isinstance(text, dt.datetime):
        if text.time() != dt.time():
            raise _fail(str(text), Said.of("model.deadline_time_of_day"))
        return text.date()
    if isinstance(text, dt.date):
        return text
    if isinstance(text, str) and len(text) == 10 and text[4] == "-":  # ISO, as machine-written files have it
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass  # the grammar below names what is wrong
    original = str(text)
    folded = unicodedata.normalize("NFKC", original)
    if _SPLIT_NUMBER.search(folded):  # 2021-06-1 5 is no day: do not join the digits into 15
        raise _fail(original, Said.of("model.deadline_space"))
    s = re.sub(r"\s+", "", folded)
    s = s.removeprefix("截至").removeprefix("截止").removeprefix("于").removeprefix("在")
    if not s:
        raise _fail(original, Said.of("model.deadline_empty"))
    if s in ONGOING_WORDS or s.lower() in ONGOING_WORDS:
        return None

    def year_of(m: re.Match[str]) -> int:
        if m.group("year"):
            return int(m.group("year"))
        if year is None:
            raise _fail(original, Said.of("model.deadline_no_year"),
                        needs_year=True)
        return year

    if m := _PLAIN.fullmatch(s):
        return _make(original, int(m["year"]), int(m["month"]), int(m["day"]))
    if m := _DAY.fullmatch(s):
        return _make(original, year_of(m), int(m["month"]), int(m["day"]))
    if m := _MONTH_END.fullmatch(s):
        return _month_end(original, year_of(m), int(m["month"]))
    if m := _YEAR_END.fullmatch(s):
        return dt.date(year_of(m), 12, 31)
    if m := _QUARTER.fullmatch(s):
        return _month_end(original, year_of(m), 3 * _NUMERALS[m["q"]])
    if m := _HALF.fullmatch(s):
        return _month_end(original, year_of(m), 6 if m["half"] == "上" else 12)
    if m := _WORKDAYS.fullmatch(s):
        if start is None:
            raise _fail(original, Said.of("model.deadline_needs_start_workdays"))
        return (calendar or WorkCalendar()).add_workdays(start, int(m["n"]))
    if m := _DAYS.fullmatch(s):
        if start is None:
            raise _fail(original, Said.of("model.deadline_needs_start_days"))
        return start + dt.timedelta(days=int(m["n"]))
    raise _fail(original, Said.of("model.deadline_unknown", forms=_FORMS))
