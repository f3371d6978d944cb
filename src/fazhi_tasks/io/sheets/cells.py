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
DATE_HINT = "日期请写成 2021年6月30日 或 2021-06-30"
DATE_HINT_EN = "write dates as 2021-06-30 or 2021年6月30日"
FORMULA_HINT = Said("公式未计算：请在 Excel/WPS 中打开并保存后再导入",
                    "a formula with no computed value: open the file in Excel or WPS, save it, and import it again")


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
        raise CellError(f"不是有效的日期（Excel 日期序号过小）；{DATE_HINT}",
                        f"not a valid date (an Excel date serial too small); {DATE_HINT_EN}")
    return day


def _not_a_time(value: object) -> None:
    if isinstance(value, dt.time | dt.timedelta):
        raise CellError(f"是时间而不是日期（Excel 中的负数或时长）；{DATE_HINT}",
                        f"a time, not a date (a negative number or a duration in Excel); {DATE_HINT_EN}")


def _not_a_number(value: object) -> None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise CellError(f"是数字而不是日期；{DATE_HINT}（在 Excel 中请把单元格设为日期格式）",
                        f"a number, not a date; {DATE_HINT_EN} (in Excel, format the cell as a date)")


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
        raise CellError("编号是过大的数字（精度已丢失）；请把编号列设为文本格式后重新填写",
                        "the id is a number too large to keep exactly; format the id column as text and type it again")
    text = as_text(value)
    if text is None:
        return None
    if text.isascii() and len(text) <= 100:
        return text
    if len(text) > 100:
        raise CellError(f"编号过长（{len(text)} 字）；编号如 T043",
                        f"the id is too long ({len(text)} characters); ids look like T043")
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
        raise CellError(f"报送日期应是某一天；{DATE_HINT}", f"a report date is one day; {DATE_HINT_EN}")
    try:
        return dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        raise CellError(f"不是存在的日期；{DATE_HINT}", f"no such date; {DATE_HINT_EN}") from None


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
        raise CellError(f"时限文字过长（{len(text)} 字）；{DATE_HINT}",
                        f"the deadline text is too long ({len(text)} characters); {DATE_HINT_EN}")
    m = _DAY.fullmatch(unicodedata.normalize("NFKC", text))
    if m is not None and not text.endswith(("前", "底", "末")):
        try:
            return dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
        except ValueError:
            raise CellError(f"不是存在的日期；{DATE_HINT}", f"no such date; {DATE_HINT_EN}") from None
    try:
        return parse_deadline(text, year=year)
    except DeadlineParseError as exc:
        if exc.needs_year:
            raise CellError("时限没有写年份，所属阶段也没有时间窗口；请写明年份，如 2021年6月30日",
                            "the deadline has no year and its stage no dates; write the year, as in 2021年6月30日"
                            ) from None
        raise CellError(f"不是可识别的时限；{DATE_HINT}，或 6月底前、二季度末、长期坚持",
                        f"not a deadline this reader knows; {DATE_HINT_EN}, or 6月底前, 二季度末, 长期坚持") from None


def as_percent(value: object, *, percent_format: bool = False) -> int | None:
    """A percent cell: 60, ``60%``, ``６０％``, or 0.6 in a cell with a percent number format.

    A bare fraction (0.6 with no percent format) is refused, never guessed; so are
    non-whole percents (99.5 would round to "done"), values outside 0–100, NaN and infinity.

    >>> as_percent(0.6, percent_format=True), as_percent("６０％"), as_percent(100)
    (60, 60, 100)
    """
    if is_blank(value):
        return None
    hint = "完成进度请填 0–100 的整数，如 60 或 60%"
    hint_en = "write the percent complete as a whole number 0–100, e.g. 60 or 60%"
    if isinstance(value, bool):
        raise CellError(hint, hint_en)
    if isinstance(value, int | float):
        try:
            number = float(value)
        except OverflowError:  # an integer past a float's range
            raise CellError(f"数值过大；{hint}", f"the number is too large; {hint_en}") from None
        if not math.isfinite(number):
            raise CellError(f"不是有效的数值；{hint}", f"not a valid number; {hint_en}")
        if percent_format:
            number *= 100
        elif 0 < number < 1:
            raise CellError(f"是小数而不是百分数（{number:g} 是指 {number * 100:g}% 还是 {number:g}%？）；{hint}，"
                            "或把单元格设为百分比格式",
                            f"a fraction, not a percent (is {number:g} {number * 100:g}% or {number:g}%?); {hint_en}, "
                            "or format the cell as a percentage")
        number = round(number, 6)
    else:
        text = unicodedata.normalize("NFKC", str(value)).strip()
        m = _PERCENT.fullmatch(text) if len(text) <= 20 else None
        if m is None:
            raise CellError(hint, hint_en)
        number = float(m["n"])
        if "%" not in text and 0 < number < 1:
            raise CellError(f"是小数而不是百分数（{number:g} 是指 {number * 100:g}% 还是 {number:g}%？）；{hint}",
                            f"a fraction, not a percent (is {number:g} {number * 100:g}% or {number:g}%?); {hint_en}")
    if not number.is_integer():
        raise CellError(f"不是整数；{hint}", f"not a whole number; {hint_en}")
    if not 0 <= number <= 100:
        if percent_format and isinstance(value, int | float):  # 100 written into a percent cell shows 10000%
            typed = f"{float(value):g}"
            fix, fix_en = (f"请填写 {typed}%（或 {typed}）", f"write {typed}% (or {typed})") \
                if 0 <= float(value) <= 100 and float(value).is_integer() else (hint, hint_en)
            raise CellError(f"单元格为百分比格式，显示为 {number:g}%，超出 0–100；{fix}",
                            f"the cell is percent-formatted and shows {number:g}%, outside 0–100; {fix_en}")
        raise CellError(f"超出 0–100；{hint}", f"outside 0–100; {hint_en}")
    return int(number)
