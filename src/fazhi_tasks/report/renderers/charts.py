"""The weekly report's small SVG charts: completion rate by division, tasks done by week. All text escaped."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from fazhi_tasks.core.i18n import Lang, text
from fazhi_tasks.report.svg import day_text

if TYPE_CHECKING:
    from fazhi_tasks.analysis.weekly import WeeklyReport

__all__ = ["division_bars", "series_chart"]


def division_bars(report: WeeklyReport, lang: Lang) -> str:
    """Each division's completion rate as a bar, a red dot where it has overdue tasks."""
    groups = report.divisions
    row, left, width = 22, 170, 300
    height = row * len(groups) + 10
    parts = [(f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="100%" viewBox="0 0 {left + width + 60} '
              f'{height}" aria-label="{escape(text("divisions", lang))}">')]
    for k, g in enumerate(groups):
        y = 5 + k * row
        done = width * g.rate
        parts.append(f'<text x="{left - 6}" y="{y + 14}" text-anchor="end" font-size="12">{escape(g.name)}</text>')
        parts.append(f'<rect x="{left}" y="{y + 3}" width="{width}" height="14" fill="#eef1f4"/>')
        parts.append(f'<rect x="{left}" y="{y + 3}" width="{done:.1f}" height="14" fill="#15803d"/>')
        if g.overdue:
            parts.append(f'<circle cx="{left + width + 50}" cy="{y + 10}" r="5" fill="#b42318"/>')
        parts.append(f'<text x="{left + width + 6}" y="{y + 14}" font-size="12">{g.rate:.0%}</text>')
    parts.append("</svg>")
    return "".join(parts)


def series_chart(report: WeeklyReport, lang: Lang) -> str:
    """Tasks done by the end of each week (line) and within it (bars)."""
    points = report.series
    w, h, pad = 460, 200, 34
    top = max([p.done for p in points] + [report.summary.total, 1])
    n = max(len(points) - 1, 1)

    def xy(i: int, v: int) -> tuple[float, float]:
        return pad + (w - 2 * pad) * i / n, h - pad - (h - 2 * pad) * v / top

    line = " ".join("{:.1f},{:.1f}".format(*xy(i, p.done)) for i, p in enumerate(points))
    bars = []
    bar_w = max(1.0, (w - 2 * pad) / (n + 1) * 0.6)
    for i, p in enumerate(points):
        if p.done_in_week:
            x, y = xy(i, p.done_in_week)
            bars.append(f'<rect x="{x - bar_w / 2:.1f}" y="{y:.1f}" width="{bar_w:.1f}" '
                        f'height="{h - pad - y:.1f}" fill="#cbd5e1"/>')
    first = escape(day_text(points[0].week_ending, lang)) if points else ""
    last = escape(day_text(points[-1].week_ending, lang)) if points else ""
    x_last, y_last = xy(len(points) - 1, points[-1].done) if points else (0.0, 0.0)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="100%" viewBox="0 0 {w} {h}" '
            f'aria-label="{escape(text("series", lang))}">'
            f'<line x1="{pad}" y1="{h - pad}" x2="{w - pad}" y2="{h - pad}" stroke="#9aa5b1"/>'
            f'<line x1="{pad}" y1="{pad}" x2="{pad}" y2="{h - pad}" stroke="#9aa5b1"/>'
            f'<line x1="{pad}" y1="{xy(0, report.summary.total)[1]:.1f}" x2="{w - pad}" '
            f'y2="{xy(0, report.summary.total)[1]:.1f}" stroke="#d9dee4" stroke-dasharray="4 3"/>'
            f'<text x="{pad - 4}" y="{xy(0, report.summary.total)[1] + 4:.1f}" text-anchor="end" '
            f'font-size="11">{report.summary.total}</text>'
            f'<text x="{pad - 4}" y="{h - pad + 4}" text-anchor="end" font-size="11">0</text>'
            + "".join(bars)
            + f'<polyline points="{line}" fill="none" stroke="#b42318" stroke-width="2"/>'
            f'<circle cx="{x_last:.1f}" cy="{y_last:.1f}" r="3" fill="#b42318"/>'
            f'<text x="{x_last - 4:.1f}" y="{y_last - 6:.1f}" text-anchor="end" font-size="11">'
            f'{points[-1].done if points else 0}</text>'
            f'<text x="{pad}" y="{h - 10}" font-size="11">{first}</text>'
            f'<text x="{w - pad}" y="{h - 10}" text-anchor="end" font-size="11">{last}</text></svg>')
