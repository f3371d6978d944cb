"""The forecast's pictures as SVG text: plan versus actual here, the Gantt in ``_gantt``; a page with both.

Pure functions: data in, SVG (or a small HTML page) out; every piece of text is escaped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from fazhi_tasks.analysis.forecast import Forecast
from fazhi_tasks.analysis.series import ProgressSeries, progress_series
from fazhi_tasks.core.i18n import text
from fazhi_tasks.model.plan import Plan
from fazhi_tasks.model.values import Update
from fazhi_tasks.report.gantt import GANTT_MAX_TASKS, gantt_svg
from fazhi_tasks.report.svg import BLUE, FONT, GREY, ORANGE, RED, Lang, esc, month_label, month_ticks, text_width, tr

__all__ = ["GANTT_MAX_TASKS", "ProgressSeries", "charts_page", "gantt_svg", "plan_vs_actual_svg",
           "progress_series"]


def _nice_step(top: int, ticks: int = 5) -> int:
    raw = max(top / ticks, 1)
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        if step >= raw:
            return step
    power = 10 ** (len(str(int(raw))) - 1)
    return int(-(-raw // power) * power)


def plan_vs_actual_svg(series: ProgressSeries, *, lang: Lang = "zh", width: int = 900, height: int = 420) -> str:
    """One line chart: planned, actual and forecast cumulative completions, the gap at the report date labelled.

    >>> import fazhi_tasks as ft
    >>> day = dt.date(2021, 6, 30)
    >>> fc = ft.forecast(ft.sample_plan(), ft.Ledger.from_updates(ft.sample_updates()).status_as_of(day), day)
    >>> svg = plan_vs_actual_svg(progress_series(ft.sample_plan(), ft.sample_updates(), fc))
    >>> svg.startswith("<svg") and "落后计划" in svg
    True
    """
    left, right, top, bottom = 56, 24, 64, 44
    plot_w, plot_h = width - left - right, height - top - bottom
    start = series.weeks[0] - dt.timedelta(days=7) if series.weeks else series.as_of
    end = series.weeks[-1] if series.weeks else series.as_of + dt.timedelta(days=7)
    span = max((end - start).days, 1)
    y_top = max(series.total, 1)
    step = _nice_step(y_top)
    y_top = -(-y_top // step) * step

    def x(day: dt.date) -> float:
        return left + plot_w * (day - start).days / span

    def y(value: float) -> float:
        return top + plot_h * (1 - value / y_top)

    out = [(f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
            f'height="{height}" font-family="{FONT}" font-size="12" role="img">'),
           f"<title>{esc(tr('pva', lang))}</title>",
           f'<text x="{left}" y="20" font-size="15" font-weight="bold" fill="#111827">{esc(tr("pva", lang))}</text>']
    for value in range(0, y_top + 1, step):  # horizontal grid and the y axis
        out.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y(value):.1f}" y2="{y(value):.1f}" '
                   f'stroke="#e5e7eb"/><text x="{left - 6}" y="{y(value) + 4:.1f}" text-anchor="end" '
                   f'fill="#4b5563">{value}</text>')
    for i, month in month_ticks(start, end, 12):
        out.append(f'<line x1="{x(month):.1f}" x2="{x(month):.1f}" y1="{top + plot_h}" y2="{top + plot_h + 5}" '
                   f'stroke="#6b7280"/><text x="{x(month):.1f}" y="{top + plot_h + 18}" text-anchor="middle" '
                   f'fill="#4b5563">{esc(month_label(month, lang, month.month == 1 or i == 0))}</text>')
    out.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{top + plot_h}" y2="{top + plot_h}" stroke="#6b7280"/>'
               f'<line x1="{left}" x2="{left}" y1="{top}" y2="{top + plot_h}" stroke="#6b7280"/>')
    out.append(f'<text x="{left - 40}" y="{top - 10}" fill="#4b5563">{esc(tr("tasks", lang))}</text>')

    def line(points: list[tuple[dt.date, int]], colour: str, extra: str = "") -> str:
        path = " ".join(f"{x(d):.1f},{y(v):.1f}" for d, v in points)
        return f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.5" {extra}/>'

    weeks = series.weeks
    out.append(line(list(zip(weeks, series.planned, strict=True)), GREY, 'stroke-dasharray="1 0"'))
    actual = [(d, v) for d, v in zip(weeks, series.actual, strict=True) if v is not None]
    out.append(line([*actual, (series.as_of, series.actual_now)], BLUE))
    projected = [(d, v) for d, v in zip(weeks, series.projected, strict=True) if v is not None]
    out.append(line([(series.as_of, series.actual_now), *projected], ORANGE, 'stroke-dasharray="7 5"'))
    now = x(series.as_of)
    out.append(f'<line x1="{now:.1f}" x2="{now:.1f}" y1="{top}" y2="{top + plot_h}" stroke="#111827" '
               f'stroke-dasharray="3 3"/><text x="{now + 4:.1f}" y="{top + 12}" fill="#111827">'
               f'{esc(tr("today", lang, d=series.as_of))}</text>')
    gap = series.gap
    y1, y2 = y(series.planned_now), y(series.actual_now)
    label = tr("behind", lang, n=gap) if gap > 0 else tr("ahead", lang, n=-gap) if gap < 0 else tr("on_plan", lang)
    anchor, dx = ("end", -8) if now > left + plot_w * 0.6 else ("start", 8)
    out.append(f'<line x1="{now:.1f}" x2="{now:.1f}" y1="{y1:.1f}" y2="{y2:.1f}" stroke="{RED}" stroke-width="4"/>'
               f'<circle cx="{now:.1f}" cy="{y1:.1f}" r="3.5" fill="{GREY}"/>'
               f'<circle cx="{now:.1f}" cy="{y2:.1f}" r="3.5" fill="{BLUE}"/>'
               f'<text x="{now + dx:.1f}" y="{(y1 + y2) / 2 + 5:.1f}" text-anchor="{anchor}" font-size="14" '
               f'font-weight="bold" fill="{RED}">{esc(label)}</text>')
    legend_x = float(left)
    for key, colour, dash in (("planned", GREY, ""), ("actual", BLUE, ""), ("projected", ORANGE, "7 5")):
        text = tr(key, lang)
        out.append(f'<line x1="{legend_x}" x2="{legend_x + 26}" y1="42" y2="42" stroke="{colour}" '
                   f'stroke-width="2.5" stroke-dasharray="{dash or "1 0"}"/>'
                   f'<text x="{legend_x + 32}" y="46" fill="#374151">{esc(text)}</text>')
        legend_x += 48 + text_width(text)
    out.append("</svg>")
    return "".join(out)


def charts_page(plan: Plan, updates: Iterable[Update], forecast: Forecast, statuses: Mapping[str, Update] | None = None,
                *, lang: Lang = "zh") -> str:
    """A standalone HTML page with both charts, for checking them in a browser."""
    history = list(updates)
    title = text("forecast", lang)
    series = progress_series(plan, history, forecast)
    return (f'<!DOCTYPE html><html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">'
            f"<title>{esc(plan.name)} {esc(title)} {forecast.as_of}</title>"
            f"<style>body{{font-family:{FONT};margin:16px;background:#fff}}figure{{margin:0 0 24px}}</style>"
            f"</head><body><h1>{esc(plan.name)} · {esc(title)} {forecast.as_of}</h1>"
            f'<figure id="plan-vs-actual">{plan_vs_actual_svg(series, lang=lang)}</figure>'
            f'<figure id="gantt">{gantt_svg(plan, forecast, statuses, lang=lang)}</figure></body></html>')
