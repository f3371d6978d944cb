"""One cell's value as a field: ids, texts, report dates, deadlines, percents — each refused with a hint.

Every converter raises :class:`CellError` (a ``ValueError``) whose message is Chinese and says
what to write instead; the sheet readers add the place (sheet, row, column letter and header)
and the value as typed.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata

from fazhi_tasks.core.errors import DeadlineParseError, Said
from fazhi_tasks.model.deadline import parse_deadline

__all__ = ["CellError", "as_id", "as_percent", "as_report_date", "as_text", "is_blank"]

#: Longest date or deadline text looked at.
_MAX_DATE_CHARS = 60
_DAY = re.compile(r"(?P<y>\d{4})\s*(?:[-/.]|年)\s*(?P<m>\d{1,2})\s*(?:[-/.]|月)\s*(?P<d>\d{1,2})\s*[日号]?"
                  r"(?:(?:\s+|T)\d{1,2}[:：]\d{2}(?:[:：]\d{2}(?:\.\d+)?)?)?")
_PERCENT = re.compile(r"(?P<n>-?\d{1,3}(?:\.\d+)?)\s*[%％]?")
_DATE_HINT = Said.of("sheets.date_hint")
DATE_HINT, DATE_HINT_EN = _DATE_HINT
FORMULA_HINT = Said.of("sheets.formula_uncomputed")


class CellError(ValueError):
    """A cell's value cannot be the field; the message (Chinese; ``said`` has both languages) says why and what to
    write."""

    def __init__(self, zh: str, en: str | None = None) -> None:
        super().__init__(zh)
        self.said = Said(zh, zh if en is None else en)


#: Excel's serials up to 60 (1900-02-29, a day that never was) and below 1 are not dates anyone means.
_FIRST_DAY = dt.date(1900, 3, 1)


def _day(value: dt.date) -> dt.date:
    day = value.date() if isinstance(value, dt.datetime) else value
    if day < _FIRST_DAY:
        raise CellError(*Said.of("sheets.date_serial_small", date_hint=_DATE_HINT))
    return day


def _not_a_time(value: object) -> None:
    if isinstance(value, dt.time | dt.timedelta):
        raise CellError(*Said.of("sheets.date_is_time", date_hint=_DATE_HINT))


def _not_a_number(value: object) -> None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise CellError(*Said.of("sheets.date_is_number", date_hint=_DATE_HINT))


def is_blank(value: object) -> bool:
    """Empty, or only spaces."""
    return value is None or (isinstance(value, str) and not value.strip())


def as_text(value: object) -> str | None:
    """A cell as text: numbers without a spurious ``.0``, NFC, trimmed; ``None`` when blank.

    >>> as_text(3.0), as_text("  政策法规处 "), as_text("")
    ('3', '政策法规处', None)
    """
    if value is None:
        return None
    if value.__class__ is str:
        return value.strip() or None
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)  # as typed; a field that needs a number refuses it
        if value.is_integer() and abs(value) < 1e15:
            value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time() else value
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    return text.strip() or None


def as_id(value: object) -> str | None:
    """A task id: NFKC (full-width ``Ｔ０４３`` → ``T043``), spaces removed at both ends.

    >>> as_id(" Ｔ０４３ "), as_id(12.0)
    ('T043', '12')
    """
    if isinstance(value, float) and (not math.isfinite(value) or abs(value) >= 1e15):
        raise CellError(*Said.of("sheets.id_too_large"))
    text = as_text(value)
    if text is None:
        return None
    if text.isascii() and len(text) <= 100:
        return text
    if len(text) > 100:
        raise CellError(*Said.of("sheets.id_too_long", count=len(text)))
    return unicodedata.normalize("NFKC", text).strip() or None


def as_report_date(value: object) -> dt.date:
    """A report date: one day. A time of day may follow (the date counts); months and quarters are refused.

    >>> as_report_date("2021年6月30日"), as_report_date(dt.datetime(2021, 6, 30, 17, 5))
    (datetime.date(2021, 6, 30), datetime.date(2021, 6, 30))
    """
    if isinstance(value, dt.date):
        return _day(value)
    _not_a_time(value)
    _not_a_number(value)
    text = unicodedata.normalize("NFKC", str(value)).strip()
    m = _DAY.fullmatch(text) if len(text) <= _MAX_DATE_CHARS else None
    if m is None:
        raise CellError(*Said.of("sheets.report_date_one_day", date_hint=_DATE_HINT))
    try:
        return dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        raise CellError(*Said.of("sheets.no_such_date", date_hint=_DATE_HINT)) from None


def as_deadline(value: object, year: int | None = None) -> dt.date | None:
    """A deadline cell: a date (a time of day is dropped: the date counts) or a text :func:`parse_deadline` reads.

    Raises:
        CellError: Not a deadline; a yearless text when ``year`` is ``None`` raises with ``needs_year`` set.
    """
    if isinstance(value, dt.date):
        return _day(value)
    _not_a_time(value)
    _not_a_number(value)
    text = str(value).strip()
    if len(text) > _MAX_DATE_CHARS:
        raise CellError(*Said.of("sheets.deadline_too_long", count=len(text), date_hint=_DATE_HINT))
    m = _DAY.fullmatch(unicodedata.normalize("NFKC", text))
    if m is not None and not text.endswith(("前", "底", "末")):
        try:
            return dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
        except ValueError:
            raise CellError(*Said.of("sheets.no_such_deadline_date", date_hint=_DATE_HINT)) from None
    try:
        return parse_deadline(text, year=year)
    except DeadlineParseError as exc:
        if exc.needs_year:
            raise CellError(*Said.of("sheets.deadline_no_year")) from None
        raise CellError(*Said.of("sheets.deadline_unknown", date_hint=_DATE_HINT)) from None


def as_percent(value: object, *, percent_format: bool = False) -> int | None:
    """A percent cell: 60, ``60%``, ``６０％``, or 0.6 in a cell with a percent number format.

    A bare fraction (0.6 with no percent format) is refused, never guessed; so are
    non-whole percents (99.5 would round to "done"), values outside 0–100, NaN and infinity.

    >>> as_percent(0.6, percent_format=True), as_percent("６０％"), as_percent(100)
    (60, 60, 100)
    """
    if is_blank(value):
        return None
    hint = Said.of("sheets.percent_hint")
    if isinstance(value, bool):
        raise CellError(*hint)
    if isinstance(value, int | float):
        try:
            number = float(value)
        except OverflowError:  # an integer past a float's range
            raise CellError(*Said.of("sheets.percent_too_large", hint=hint)) from None
        if not math.isfinite(number):
            raise CellError(*Said.of("sheets.percent_not_number", hint=hint))
        if percent_format:
            number *= 100
        elif 0 < number < 1:
            raise CellError(*Said.of("sheets.percent_fraction_cell", number=number, percent=number * 100, hint=hint))
        number = round(number, 6)
    else:
        text = unicodedata.normalize("NFKC", str(value)).strip()
        m = _PERCENT.fullmatch(text) if len(text) <= 20 else None
        if m is None:
            raise CellError(*hint)
        number = float(m["n"])
        if "%" not in text and 0 < number < 1:
            raise CellError(*Said.of("sheets.percent_fraction", number=number, percent=number * 100, hint=hint))
    if not number.is_integer():
        raise CellError(*Said.of("sheets.percent_not_whole", hint=hint))
    if not 0 <= number <= 100:
        if percent_format and isinstance(value, int | float):  # 100 written into a percent cell shows 10000%
            typed = f"{float(value):g}"
            fix = Said.of("sheets.percent_write", typed=typed) \
                if 0 <= float(value) <= 100 and float(value).is_integer() else hint
            raise CellError(*Said.of("sheets.percent_cell_shows", shown=f"{number:g}", fix=fix))
        raise CellError(*Said.of("sheets.percent_out_of_range", hint=hint))
    return int(number)
