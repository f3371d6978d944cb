"""Shared pieces of the SVG charts: labels (``svg.*`` in the language table), escaping, month ticks, text widths."""

from __future__ import annotations

import datetime as dt
from html import escape

from fazhi_tasks.core.i18n import Lang, text
from fazhi_tasks.core.i18n import day as day_in

__all__ = ["BLUE", "FONT", "GREEN", "GREY", "ORANGE", "RED", "Lang", "clip", "day_text", "esc", "month_label",
           "month_starts", "text_width", "tr"]


FONT = "'Noto Sans CJK SC','WenQuanYi Micro Hei','Microsoft YaHei','PingFang SC',sans-serif"
BLUE, RED, GREY, ORANGE, GREEN = "#2563eb", "#dc2626", "#94a3b8", "#ea580c", "#16a34a"
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def tr(key: str, lang: Lang, **values: object) -> str:
    """A chart's label ``svg.<key>`` of the language table in ``lang`` (dates written as the language writes them)."""
    return text(f"svg.{key}", lang, **values)


def day_text(day: dt.date, lang: Lang) -> str:
    """A date in a chart's text: 2021年6月25日 in Chinese, ISO in English.

    >>> day_text(dt.date(2021, 6, 5), "zh"), day_text(dt.date(2021, 6, 5), "en")
    ('2021年6月5日', '2021-06-05')
    """
    return day_in(day, lang)


def esc(text: object) -> str:
    return escape(str(text), quote=True)


def month_label(day: dt.date, lang: Lang, with_year: bool) -> str:
    key = "year" if with_year else "month"
    return tr(key, lang, y=day.year, m=day.month, mon=_MONTHS[day.month - 1])


def month_starts(first: dt.date, last: dt.date) -> list[dt.date]:
    day, result = dt.date(first.year, first.month, 1), []
    while day <= last:
        result.append(day)
        day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return result


def month_ticks(start: dt.date, end: dt.date, at_most: int) -> list[tuple[int, dt.date]]:
    """The month starts inside ``[start, end]`` to label on an axis, at most about ``at_most`` of them evenly
    spaced, each with its position among all the month starts (0 is the first: it names its year)."""
    months = [m for m in month_starts(start, end) if m >= start]
    every = max(1, -(-len(months) // at_most))
    return [(i, m) for i, m in enumerate(months) if not i % every]


def text_width(text: str, size: float = 12) -> float:
    """Rough rendered width: CJK characters are square, others about 0.6 em."""
    return sum(size if ord(c) > 0x2E7F else size * 0.6 for c in text)


def clip(text: str, width: float, size: float = 12) -> str:
    """``text`` cut with "…" to fit ``width``: one pass over the characters that fit, whatever the text's length.

    >>> clip("法治政府建设", 50), clip("abc", 50)
    ('法治政…', 'abc')
    """
    room = width - text_width("…", size)
    used = 0.0
    for n, c in enumerate(text):
        used += size if ord(c) > 0x2E7F else size * 0.6
        if used > width:  # does not fit whole: keep what fits beside the ellipsis
            kept, total = 0, 0.0
            for c2 in text[:n]:
                total += size if ord(c2) > 0x2E7F else size * 0.6
                if total > room:
                    break
                kept += 1
            return text[:kept] + "…"
    return text
