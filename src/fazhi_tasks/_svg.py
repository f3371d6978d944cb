"""Shared pieces of the SVG charts: labels in two languages, escaping, month ticks, rough text widths."""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import Literal

__all__ = ["BLUE", "FONT", "GREEN", "GREY", "ORANGE", "RED", "Lang", "clip", "esc", "month_label", "month_starts",
           "text_width", "tr"]

Lang = Literal["zh", "en"]

FONT = "'Noto Sans CJK SC','WenQuanYi Micro Hei','Microsoft YaHei','PingFang SC',sans-serif"
BLUE, RED, GREY, ORANGE, GREEN = "#2563eb", "#dc2626", "#94a3b8", "#ea580c", "#16a34a"
_LABELS: dict[str, tuple[str, str]] = {
    "pva": ("计划与实际完成情况（累计任务数）", "Planned and actual completions (cumulative tasks)"),
    "planned": ("计划完成（按完成时限）", "Planned (by deadline)"),
    "actual": ("实际完成", "Actually done"),
    "projected": ("预测完成", "Forecast"),
    "behind": ("落后计划{n}项", "{n} tasks behind plan"),
    "ahead": ("超前计划{n}项", "{n} tasks ahead of plan"),
    "on_plan": ("与计划持平", "on plan"),
    "today": ("报告日 {d}", "report date {d}"),
    "tasks": ("任务数", "tasks"),
    "gantt": ("进度预测甘特图", "Forecast Gantt chart"),
    "window": ("计划工期", "planned window"),
    "holds": ("预计按期完成", "projected, on time"),
    "slips": ("预计逾期", "projected, late"),
    "deadline": ("完成时限", "deadline"),
    "done": ("已完成", "done"),
    "suspended": ("已暂缓", "suspended"),
    "row": ("{id} {title}：时限{deadline}", "{id} {title}: due {deadline}"),
    "row_fc": ("，预计{finish}完成，滞后{slip}个工作日", ", projected {finish}, {slip} working days late"),
    "row_ok": ("，预计{finish}完成", ", projected {finish}"),
    "group": ("{division}（{n}项，滞后{late}项）", "{division} ({n} tasks, {late} late)"),
    "more": ("另有{n}行未显示", "{n} more rows not shown"),
    "aggregated": ("共{n}项任务，按处室汇总", "{n} tasks, one row per division"),
    "month": ("{m}月", "{mon}"),
    "year": ("{y}年{m}月", "{mon} {y}"),
}
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def tr(key: str, lang: Lang, **values: object) -> str:
    zh, en = _LABELS[key]
    return (zh if lang == "zh" else en).format(**values)


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
