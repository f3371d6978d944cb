"""A year's official holiday schedule supplied as data, and the ``[calendar.YYYY]`` tables that hold it.

``chinese-calendar`` has each year only after the State Council publishes it (around
November) and a new release follows. Until then a bureau can write the notice's
放假 and 调休 days into a small TOML or JSON file, or into its plan file::

    [calendar.2027]
    source = "国务院办公厅关于2027年部分节假日安排的通知"
    holidays = ["2027-01-01..2027-01-03", "2027-02-06..2027-02-12"]
    workdays = [2027-02-14]

A day is a TOML date or ``"2027-01-01"``; a run of days is ``"2027-02-06..2027-02-12"``
(``至`` and ``~`` work as well).
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from fazhi_tasks.core.errors import CalendarFileError, PlanError, Said
from fazhi_tasks.model.schedule import YearSchedule

__all__ = ["load_calendar", "schedules_from_table"]

#: The keys of one year's table.
YEAR_KEYS = ("holidays", "workdays", "source")
_KEY_HINTS = {"放假": "holidays", "节假日": "holidays", "假日": "holidays", "放假日期": "holidays",
              "调休": "workdays", "调休上班": "workdays", "上班": "workdays", "补班": "workdays",
              "来源": "source", "文号": "source"}
_RANGE = re.compile(r"\s*(\S+?)\s*(?:\.\.|至|~|～)\s*(\S+)\s*")
#: Longest run of days written as one range (the longest holiday, 春节, is 8–9 days).
MAX_RANGE_DAYS = 31


class _YearError(ValueError):
    """A bad value in a ``[calendar.YYYY]`` table: the message, the year, the key and the value."""

    def __init__(self, message: Said, *, year: object, key: str | None, value: object) -> None:
        super().__init__(message.zh)
        self.said, self.year, self.key, self.value = message, year, key, value


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:60] + "…"


def _day(value: object, year: str, key: str) -> list[dt.date]:
    """One item of a days list: a date, ``"2027-01-01"``, or a run ``"2027-02-06..2027-02-12"``."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return [value]
    if isinstance(value, str):
        text = value.strip()
        found = _RANGE.fullmatch(text)
        parts = found.groups() if found else (text,)
        try:
            days = [dt.date.fromisoformat(p) for p in parts]
        except ValueError:
            days = []
        if days and days[0] <= days[-1] and (days[-1] - days[0]).days < MAX_RANGE_DAYS:
            return [days[0] + dt.timedelta(days=n) for n in range((days[-1] - days[0]).days + 1)]
    message = Said.of("io.cal_bad_day", year=year, key_name=key, value=_shown(value), max_range_days=MAX_RANGE_DAYS)
    raise _YearError(message, year=year, key=key, value=value)


def _year(key: object, table: object, origin: str) -> YearSchedule:
    year = str(key)
    if not (year.isascii() and year.isdigit() and len(year) == 4):
        message = Said.of("io.cal_not_year", key_name=_shown(key))
        raise _YearError(message, year=key, key=None, value=key)
    if not isinstance(table, Mapping):
        message = Said.of("io.cal_not_table", year=year, table=_shown(table))
        raise _YearError(message, year=year, key=None, value=table)
    for name in table:
        if name not in YEAR_KEYS:
            meant = _KEY_HINTS.get(str(name)) or next(iter(difflib.get_close_matches(str(name), YEAR_KEYS, 1)), None)
            hint = f"；是否应为 {meant!r}？" if meant else f"（可用：{', '.join(YEAR_KEYS)}）"
            hint_en = f"; did you mean {meant!r}?" if meant else f" (keys: {', '.join(YEAR_KEYS)})"
            message = Said.of("io.cal_unknown_key", year=year, name=_shown(name), hint=Said(str(hint), str(hint_en)))
            raise _YearError(message, year=year, key=str(name), value=name)
    lists: dict[str, list[dt.date]] = {"holidays": [], "workdays": []}
    for name, days in lists.items():
        items = table.get(name, [])
        if not isinstance(items, list):
            message = Said.of("io.cal_not_dates", year=year, name=name, items=_shown(items))
            raise _YearError(message, year=year, key=name, value=items)
        for item in items:
            days.extend(_day(item, year, name))
    source = table.get("source", origin)
    if not isinstance(source, str):
        message = Said.of("io.cal_source", year=year, source=_shown(source))
        raise _YearError(message, year=year, key="source", value=source)
    try:
        return YearSchedule(int(year), lists["holidays"], lists["workdays"], source=source or origin)
    except PlanError as exc:
        raise _YearError(Said(exc.reason(), exc.reason("en")), year=year, key=exc.field, value=exc.value) from None


def schedules_from_table(table: Mapping[str, Any], path: Path) -> tuple[YearSchedule, ...]:
    """The years of a document's ``calendar`` table (year → its holidays and workdays).

    Raises:
        ValueError: A bad year, key or day; the message says which and what to write.
    """
    return tuple(_year(key, value, str(path)) for key, value in table.items())


def load_calendar(path: str | os.PathLike[str]) -> tuple[YearSchedule, ...]:
    """The official schedules in a TOML or JSON file of ``[calendar.YYYY]`` tables.

    Give them to ``WorkCalendar(years=...)`` or ``fazhi-tasks --calendar FILE``.

    Raises:
        CalendarFileError: The file cannot be read, or a year, key or day in it is wrong; the
            message names the file, the line, the key and the value.
    """
    from fazhi_tasks.io.documents import parse_json, parse_toml
    from fazhi_tasks.io.sheets.tabular import read_text

    path = Path(path)
    text = read_text(path, CalendarFileError, 1 << 20)
    suffix = path.suffix.lower()
    if suffix not in (".toml", ".json"):
        message = Said.of("io.cal_file_type", name=path.name, suffix=path.suffix)
        raise CalendarFileError(message, path=str(path), value=path.suffix)
    doc = parse_toml(text, path, CalendarFileError) if suffix == ".toml" else parse_json(text, path, CalendarFileError)
    table = doc.get("calendar") if isinstance(doc, dict) else None
    if not isinstance(table, dict) or not table or set(doc) - {"calendar"}:
        message = Said.of("io.cal_file_shape", name=path.name)
        raise CalendarFileError(message, path=str(path))
    try:
        return schedules_from_table(table, path)
    except _YearError as exc:
        found = re.search(r"^\s*\[\s*calendar\s*\.\s*\"?" + re.escape(str(exc.year)), text, re.MULTILINE)
        found = found or re.search(r'"' + re.escape(str(exc.year)) + r'"\s*:', text)
        line = text.count("\n", 0, found.start()) + 1 if found else None
        where = Said.of("io.cal_line", name=path.name, line=line) if line else Said(path.name, path.name)
        raise CalendarFileError(Said.of("io.cal_where", where=where, said=exc.said), path=str(path),
                                line=line, column=exc.key, value=exc.value) from None
