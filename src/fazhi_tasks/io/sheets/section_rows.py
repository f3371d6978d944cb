"""Stage texts as sheets write them: section rows, stage cells and their windows, yearless deadlines.

Section rows (``一、部署启动阶段（2020年9月—10月）``, ``第二阶段：对标自查（2020年11月至2021年2月）``,
``三、整改提升阶段(2021.3-2021.6)``) start a stage: its number, name and window (the first day of
the first month to the last day of the last month; a missing year carries from the previous
section). Every text is bounded before a pattern sees it and the patterns are linear.
"""

from __future__ import annotations

import datetime as dt
import math
import re

import attrs
from dateutil.relativedelta import relativedelta

from fazhi_tasks.core.errors import DeadlineParseError, Said
from fazhi_tasks.io.sheets.cells import CellError
from fazhi_tasks.model.deadline import parse_deadline

__all__ = ["StageText", "deadline_in_window", "parse_section", "parse_stage_cell"]

#: Longest stage or section text looked at (longer is no stage).
MAX_STAGE_CHARS = 200
_CN = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_ORDINAL = re.compile(r"第\s*(?P<ord>[一二三四五六七八九十]{1,3}|[0-9０-９]{1,3})\s*阶段\s*[：:、.．]?\s*")
_SECTION_NO = re.compile(r"(?P<cn>[一二三四五六七八九十]{1,3})\s*[、.．]\s*|(?P<num>[0-9０-９]{1,3})\s*[、.．]\s*")
_LEADING_NUMBER = re.compile(r"(?P<num>[0-9０-９]{1,3})(?:\s+|$|(?=[（(]))")
_RANGE_SPLIT = re.compile(r"\s*(?:至|到|~|～|—+|–|－)\s*")
_PART = re.compile(r"(?:(?P<y>[0-9０-９]{4})\s*[年.\-/])?\s*(?P<m>[0-9０-９]{1,2})\s*(?:月份?|(?=[.\-/])|$)"
                   r"(?:\s*[.\-/]?\s*(?P<d>[0-9０-９]{1,2})\s*[日号]?)?\s*")


@attrs.frozen
class StageText:
    """What a stage cell or section row says.

    Attributes:
        number: The stage number, if written.
        name: The stage name ("" if only a number).
        start: First day of the window, if written.
        end: Last day of the window, if written.
    """

    number: int | None
    name: str
    start: dt.date | None = None
    end: dt.date | None = None


def _numeral(text: str) -> int:
    if text.isdigit():
        return int(text)
    if len(text) == 1:
        return _CN[text]
    if text[0] == "十":
        return 10 + _CN[text[1]]
    return _CN[text[0]] * 10 + (_CN[text[2]] if len(text) == 3 else 0)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, 1) + relativedelta(day=31)


def _window(text: str, carry_year: int | None) -> tuple[dt.date, dt.date] | None:
    """``2020年9月—10月``, ``2020年11月至2021年2月``, ``2021.3-2021.6``, ``2021-03-01至2021-09-30``."""
    parts = _RANGE_SPLIT.split(text.strip())
    if len(parts) == 1 and text.count("-") == 1:
        parts = text.split("-")
    if len(parts) != 2:
        return None
    found = [_PART.fullmatch(p) for p in parts]
    a, b = found
    if a is None or b is None:
        return None
    year_a = int(a["y"]) if a["y"] else carry_year
    if year_a is None:
        return None
    year_b = int(b["y"]) if b["y"] else year_a + (int(b["m"]) < int(a["m"]))
    try:
        start = dt.date(year_a, int(a["m"]), int(a["d"]) if a["d"] else 1)
        end = dt.date(year_b, int(b["m"]), int(b["d"])) if b["d"] else _month_end(year_b, int(b["m"]))
    except (ValueError, OverflowError):
        return None
    return (start, end) if start <= end else None


def _split_window(rest: str, carry_year: int | None) -> tuple[str, tuple[dt.date, dt.date] | None, bool]:
    """The name before a trailing bracketed window, the window, and whether a bracket failed to read as one."""
    if not rest.endswith((")", "）")):
        return rest, None, False
    opening = max(rest.rfind("("), rest.rfind("（"))
    if opening < 0:
        return rest, None, False
    inside = rest[opening + 1:-1]
    window = _window(inside, carry_year)
    if window is None:
        return rest, None, any(ch.isdigit() for ch in inside) and ("至" in inside or "-" in inside)
    return rest[:opening].strip(), window, False


def _strip_stage_word(name: str) -> str:
    name = name.strip().rstrip("：:、")
    return name[:-2].strip() if name.endswith("阶段") and len(name) > 2 else name


def parse_section(text: object, carry_year: int | None, *, cell: bool = False) -> tuple[StageText | None, bool]:
    """A section row's text: (the stage it starts, or ``None``; whether it is a section row at all).

    >>> parse_section("一、部署启动阶段（2020年9月—10月）", None)[0]
    StageText(number=1, name='部署启动', start=datetime.date(2020, 9, 1), end=datetime.date(2020, 10, 31))
    >>> parse_section("二、完善制度体系", None)
    (None, True)
    """
    if not isinstance(text, str) or len(text) > MAX_STAGE_CHARS:
        return None, False
    s = text.strip()  # full-width digits and brackets are matched as they are: names keep their own form
    m = _ORDINAL.match(s)
    if m:
        number, rest, marked = _numeral(m["ord"]), s[m.end():], True
    elif m := _SECTION_NO.match(s):
        number, rest, marked = _numeral(m["cn"] or m["num"]), s[m.end():], False
    else:
        return None, False
    name, window, _ = _split_window(rest.strip(), carry_year)
    if not (marked or window or name.endswith("阶段")):
        return None, True
    name = (name if cell else _strip_stage_word(name)) or f"第{number}阶段"
    return StageText(number, name, *(window or (None, None))), True


def parse_stage_cell(value: object) -> StageText:
    """A stage cell: ``3``, ``整改提升``, ``3 整改提升``, ``第3阶段 整改提升（2021-03-01至2021-09-30）``.

    Raises:
        ValueError: The value is no stage (a fraction, too long, an unreadable window); the message says why.

    >>> parse_stage_cell("第3阶段 整改提升（第一批）（2021-03-01至2021-09-30）").name
    '整改提升（第一批）'
    """
    if isinstance(value, bool):
        raise CellError(*Said.of("sheets.not_stage"))
    if isinstance(value, int):
        return StageText(value, "")
    if isinstance(value, float):
        if not math.isfinite(value) or not value.is_integer():
            raise CellError(*Said.of("sheets.stage_number_whole"))
        return StageText(int(value), "")
    text = str(value).strip()
    if len(text) > MAX_STAGE_CHARS:
        raise CellError(*Said.of("sheets.stage_name_too_long", count=len(text), max_stage_chars=MAX_STAGE_CHARS))
    if re.fullmatch(r"[0-9０-９]+(?:[.．][0-9０-９]+)?", text) and not text.isdigit():
        raise CellError(*Said.of("sheets.stage_number_whole"))
    section, _ = parse_section(text, None, cell=True)
    if section is not None and (section.start is not None or text.startswith("第")):
        return section
    m = _LEADING_NUMBER.match(text)
    number = int(m["num"]) if m else None
    rest = text[m.end():].strip() if m else text
    name, window, broken = _split_window(rest, None)
    if broken:
        raise CellError(*Said.of("sheets.stage_window_form"))
    if number is None and not name:
        raise CellError(*Said.of("sheets.not_stage"))
    return StageText(number, name, *(window or (None, None)))


def deadline_in_window(text: str, start: dt.date, end: dt.date) -> dt.date | None:
    """A deadline with no year (``9月30日前``, ``12月底前``, ``年底前``) placed inside a stage's window.

    Raises:
        ValueError: No year or two years put the date inside the window (the message says which).

    >>> deadline_in_window("12月底前", dt.date(2020, 11, 1), dt.date(2021, 2, 28))
    datetime.date(2020, 12, 31)
    """
    fits = []
    for year in range(start.year, end.year + 1):
        try:
            day = parse_deadline(text, year=year)
        except DeadlineParseError:
            continue
        if day is not None and start <= day <= end:
            fits.append(day)
    if len(fits) == 1:
        return fits[0]
    window = Said.of("sheets.stage_window", start=start.isoformat(), end=end.isoformat())
    if not fits:
        raise CellError(*Said.of("sheets.outside_stage", window=window))
    raise CellError(*Said.of("sheets.twice_in_stage", window=window, one=str(fits[0]), other=str(fits[1])))


def needs_year(text: str) -> bool:
    """Whether a deadline text leaves its year out (so the stage's window must place it)."""
    try:
        parse_deadline(text)
    except DeadlineParseError as exc:
        return exc.needs_year
    return False
