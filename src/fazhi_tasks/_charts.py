"""The forecast's pictures as SVG text: plan versus actual, and the Gantt chart.

Pure functions: data in, SVG (or a small HTML page) out; every piece of text is escaped. The
Gantt shows one row per task up to :data:`GANTT_MAX_TASKS` tasks; above that it draws one row per
division per stage (and at most :data:`GANTT_MAX_TASKS` such rows), so a 10⁴–10⁶-task rollup stays
readable and the SVG stays under about 150 KB.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from html import escape
from typing import Literal

import attrs

from ._forecast import Forecast, ForecastEntry, StageOutlook
from ._model import Stage, Status, Task, Update
from ._plan import Plan

__all__ = ["GANTT_MAX_TASKS", "ProgressSeries", "charts_page", "gantt_svg", "plan_vs_actual_svg",
           "progress_series"]

Lang = Literal["zh", "en"]

#: Above this many tasks the Gantt draws one row per division per stage (and at most this many rows).
GANTT_MAX_TASKS = 300

_FONT = "'Noto Sans CJK SC','WenQuanYi Micro Hei','Microsoft YaHei','PingFang SC',sans-serif"
_BLUE, _RED, _GREY, _ORANGE, _GREEN = "#2563eb", "#dc2626", "#94a3b8", "#ea580c", "#16a34a"
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


def _t(key: str, lang: Lang, **values: object) -> str:
    zh, en = _LABELS[key]
    return (zh if lang == "zh" else en).format(**values)


def _x(text: object) -> str:
    return escape(str(text), quote=True)


def _month_label(day: dt.date, lang: Lang, with_year: bool) -> str:
    key = "year" if with_year else "month"
    return _t(key, lang, y=day.year, m=day.month, mon=_MONTHS[day.month - 1])


def _months(first: dt.date, last: dt.date) -> list[dt.date]:
    day, result = dt.date(first.year, first.month, 1), []
    while day <= last:
        result.append(day)
        day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return result


# -- plan versus actual ---------------------------------------------------------------------------


@attrs.frozen
class ProgressSeries:
    """Cumulative completions week by week (weeks end on Friday).

    Attributes:
        as_of: The report date.
        weeks: The week ends.
        planned: Tasks due by each week end.
        actual: Tasks done by each week end, for the weeks up to the report date (``None`` after).
        projected: Tasks done by the report date plus those forecast to finish by each week end, for the
            weeks from the report date on (``None`` before).
        planned_now: Tasks due by the report date.
        actual_now: Tasks done by the report date.
        total: Tasks with a deadline.
    """

    as_of: dt.date
    weeks: tuple[dt.date, ...]
    planned: tuple[int, ...]
    actual: tuple[int | None, ...]
    projected: tuple[int | None, ...]
    planned_now: int
    actual_now: int
    total: int

    @property
    def gap(self) -> int:
        """Tasks behind plan at the report date (negative: ahead)."""
        return self.planned_now - self.actual_now


def progress_series(plan: Plan, updates: Iterable[Update], forecast: Forecast) -> ProgressSeries:
    """The three cumulative series of the plan-versus-actual chart, from the plan, its history and a forecast.

    Args:
        plan: The plan.
        updates: The progress history (any order; on one day the update listed last wins).
        forecast: The forecast on the report date.
    """
    as_of = forecast.as_of
    deadlines = sorted(t.deadline for t in plan if t.deadline is not None)
    finishes = sorted(e.projected_finish for e in forecast)
    first = plan.stages[0].start if plan.stages else as_of
    last = max([as_of, *(s.end for s in plan.stages), *deadlines[-1:], *finishes[-1:]])
    week = first + dt.timedelta(days=(4 - first.weekday()) % 7)
    weeks = []
    while week < last + dt.timedelta(days=7):
        weeks.append(week)
        week += dt.timedelta(days=7)
    history = sorted(updates, key=lambda u: u.on)  # stable: the later of a day's updates is applied last
    status: dict[str, Status] = {}
    done, k = 0, 0

    def advance(day: dt.date) -> int:
        nonlocal done, k
        while k < len(history) and history[k].on <= day:
            u = history[k]
            was = status.get(u.task_id)
            if u.task_id in plan:
                status[u.task_id] = u.status
                done += (u.status is Status.DONE) - (was is Status.DONE)
            k += 1
        return done

    actual = [advance(w) if w <= as_of else None for w in weeks]
    actual_now = advance(as_of)
    projected = [actual_now + bisect.bisect_right(finishes, w) if w >= as_of else None for w in weeks]
    return ProgressSeries(as_of, tuple(weeks), tuple(bisect.bisect_right(deadlines, w) for w in weeks),
                          tuple(actual), tuple(projected), bisect.bisect_right(deadlines, as_of), actual_now,
                          len(deadlines))


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
            f'height="{height}" font-family="{_FONT}" font-size="12" role="img">'),
           f"<title>{_x(_t('pva', lang))}</title>",
           f'<text x="{left}" y="20" font-size="15" font-weight="bold" fill="#111827">{_x(_t("pva", lang))}</text>']
    for value in range(0, y_top + 1, step):  # horizontal grid and the y axis
        out.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y(value):.1f}" y2="{y(value):.1f}" '
                   f'stroke="#e5e7eb"/><text x="{left - 6}" y="{y(value) + 4:.1f}" text-anchor="end" '
                   f'fill="#4b5563">{value}</text>')
    months = [m for m in _months(start, end) if m >= start]
    every = max(1, -(-len(months) // 12))
    for i, month in enumerate(months):
        if i % every:
            continue
        out.append(f'<line x1="{x(month):.1f}" x2="{x(month):.1f}" y1="{top + plot_h}" y2="{top + plot_h + 5}" '
                   f'stroke="#6b7280"/><text x="{x(month):.1f}" y="{top + plot_h + 18}" text-anchor="middle" '
                   f'fill="#4b5563">{_x(_month_label(month, lang, month.month == 1 or i == 0))}</text>')
    out.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{top + plot_h}" y2="{top + plot_h}" stroke="#6b7280"/>'
               f'<line x1="{left}" x2="{left}" y1="{top}" y2="{top + plot_h}" stroke="#6b7280"/>')
    out.append(f'<text x="{left - 40}" y="{top - 10}" fill="#4b5563">{_x(_t("tasks", lang))}</text>')

    def line(points: list[tuple[dt.date, int]], colour: str, extra: str = "") -> str:
        path = " ".join(f"{x(d):.1f},{y(v):.1f}" for d, v in points)
        return f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.5" {extra}/>'

    weeks = series.weeks
    out.append(line(list(zip(weeks, series.planned, strict=True)), _GREY, 'stroke-dasharray="1 0"'))
    actual = [(d, v) for d, v in zip(weeks, series.actual, strict=True) if v is not None]
    out.append(line([*actual, (series.as_of, series.actual_now)], _BLUE))
    projected = [(d, v) for d, v in zip(weeks, series.projected, strict=True) if v is not None]
    out.append(line([(series.as_of, series.actual_now), *projected], _ORANGE, 'stroke-dasharray="7 5"'))
    now = x(series.as_of)
    out.append(f'<line x1="{now:.1f}" x2="{now:.1f}" y1="{top}" y2="{top + plot_h}" stroke="#111827" '
               f'stroke-dasharray="3 3"/><text x="{now + 4:.1f}" y="{top + 12}" fill="#111827">'
               f'{_x(_t("today", lang, d=series.as_of.isoformat()))}</text>')
    gap = series.gap
    y1, y2 = y(series.planned_now), y(series.actual_now)
    label = _t("behind", lang, n=gap) if gap > 0 else _t("ahead", lang, n=-gap) if gap < 0 else _t("on_plan", lang)
    anchor, dx = ("end", -8) if now > left + plot_w * 0.6 else ("start", 8)
    out.append(f'<line x1="{now:.1f}" x2="{now:.1f}" y1="{y1:.1f}" y2="{y2:.1f}" stroke="{_RED}" stroke-width="4"/>'
               f'<circle cx="{now:.1f}" cy="{y1:.1f}" r="3.5" fill="{_GREY}"/>'
               f'<circle cx="{now:.1f}" cy="{y2:.1f}" r="3.5" fill="{_BLUE}"/>'
               f'<text x="{now + dx:.1f}" y="{(y1 + y2) / 2 + 5:.1f}" text-anchor="{anchor}" font-size="14" '
               f'font-weight="bold" fill="{_RED}">{_x(label)}</text>')
    legend_x = float(left)
    for key, colour, dash in (("planned", _GREY, ""), ("actual", _BLUE, ""), ("projected", _ORANGE, "7 5")):
        text = _t(key, lang)
        out.append(f'<line x1="{legend_x}" x2="{legend_x + 26}" y1="42" y2="42" stroke="{colour}" '
                   f'stroke-width="2.5" stroke-dasharray="{dash or "1 0"}"/>'
                   f'<text x="{legend_x + 32}" y="46" fill="#374151">{_x(text)}</text>')
        legend_x += 48 + _text_width(text)
    out.append("</svg>")
    return "".join(out)


def _text_width(text: str, size: float = 12) -> float:
    """Rough rendered width: CJK characters are square, others about 0.6 em."""
    return sum(size if ord(c) > 0x2E7F else size * 0.6 for c in text)


def _clip(text: str, width: float, size: float = 12) -> str:
    if _text_width(text, size) <= width:
        return text
    while text and _text_width(text + "…", size) > width:
        text = text[:-1]
    return text + "…"


# -- the Gantt chart ------------------------------------------------------------------------------


@attrs.frozen
class _Row:
    label: str
    tip: str
    planned: tuple[dt.date, dt.date]
    projected: tuple[dt.date, dt.date] | None
    deadline: dt.date
    state: str  # "holds" | "slips" | "done" | "suspended" | "open"


def _window_start(task: Task, plan: Plan, stage: Stage) -> dt.date:
    deadlines = [d for p in task.prerequisites if (d := plan[p].deadline) is not None]
    return max(deadlines) if deadlines else stage.start - dt.timedelta(days=1)


def _task_rows(plan: Plan, stage: Stage, tasks: list[Task], *, entries: dict[str, ForecastEntry],
               statuses: dict[str, Status], lang: Lang) -> list[_Row]:
    rows = []
    rank = plan.rank
    for task in sorted(tasks, key=lambda t: (t.deadline, rank[t.id])):
        assert task.deadline is not None
        e = entries.get(task.id)
        tip = _t("row", lang, id=task.id, title=task.title, deadline=task.deadline)
        if e is not None:
            state = "holds" if e.holds else "slips"
            tip += _t("row_ok" if e.holds else "row_fc", lang, finish=e.projected_finish, slip=e.slip_workdays)
            start = e.window_start or _window_start(task, plan, stage)
            projected: tuple[dt.date, dt.date] | None = (e.resumes or e.projected_finish, e.projected_finish)
        else:
            status = statuses.get(task.id)
            state = "done" if status is Status.DONE else "suspended" if status is Status.SUSPENDED else "open"
            if state != "open":
                tip += f"（{_t(state, lang)}）" if lang == "zh" else f" ({_t(state, lang)})"
            start, projected = _window_start(task, plan, stage), None
        rows.append(_Row(f"{task.id} {task.title}", tip, (start, task.deadline), projected, task.deadline, state))
    return rows


def _group_rows(plan: Plan, tasks: list[Task], *, entries: dict[str, ForecastEntry], statuses: dict[str, Status],
                stage: Stage, lang: Lang) -> list[tuple[int, _Row]]:
    """One row per lead division: its planned span, its open work's span, red when any task slips."""
    groups: dict[str, list[Task]] = {}
    for task in tasks:
        groups.setdefault(task.division, []).append(task)
    rows = []
    before = stage.start - dt.timedelta(days=1)
    for division, members in groups.items():
        forecast = [entries[t.id] for t in members if t.id in entries]
        late = sum(not e.holds for e in forecast)
        last = max(t.deadline for t in members if t.deadline is not None)
        starts = [e.window_start or before for e in forecast] or [before]
        projected = (min(e.resumes or e.projected_finish for e in forecast),
                     max(e.projected_finish for e in forecast)) if forecast else None
        done = all(statuses.get(t.id) is Status.DONE for t in members)
        state = "slips" if late else "holds" if forecast else "done" if done else "open"
        label = _t("group", lang, division=division, n=len(members), late=late)
        rows.append((late, _Row(label, label, (min(starts), last), projected, last, state)))
    return rows


def gantt_svg(plan: Plan, forecast: Forecast, statuses: Mapping[str, Update] | None = None, *, lang: Lang = "zh",
              max_tasks: int = GANTT_MAX_TASKS) -> str:
    """The Gantt chart: stages as bands, each task's planned window and projected finish, deadline marks,
    the report date, late bars in red.

    Up to ``max_tasks`` tasks with a deadline, one row per task (by deadline inside each stage);
    above that one row per lead division per stage, at most ``max_tasks`` rows (those with late tasks
    first), so the picture stays readable and small.

    Args:
        plan: The plan.
        forecast: Its forecast on the report date.
        statuses: The statuses on that date, to show done and suspended tasks as such (optional).
        lang: ``"zh"`` or ``"en"`` labels.
        max_tasks: The row limit.
    """
    states = {k: u.status for k, u in (statuses or {}).items()}
    entries = forecast.by_task()
    by_stage: dict[object, list[Task]] = {}
    for task in plan:
        if task.deadline is not None:
            by_stage.setdefault(task.stage, []).append(task)
    count = sum(len(v) for v in by_stage.values())
    aggregate = count > max_tasks
    outlook = {o.stage.number: o for o in forecast.by_stage()}
    sections: list[tuple[Stage, list[_Row]]] = []
    hidden = 0
    if aggregate:
        candidates = [(late, stage.number, i, row) for stage in plan.stages
                      for i, (late, row) in enumerate(_group_rows(plan, by_stage.get(stage.number, []), entries=entries,
                                                                   statuses=states, stage=stage, lang=lang))]
        kept = sorted(candidates, key=lambda c: (-c[0], c[1], c[2]))[:max_tasks]
        hidden = len(candidates) - len(kept)
        kept.sort(key=lambda c: (c[1], c[2]))
        for stage in plan.stages:
            sections.append((stage, [c[3] for c in kept if c[1] == stage.number]))
    else:
        for stage in plan.stages:
            sections.append((stage, _task_rows(plan, stage, by_stage.get(stage.number, []), entries=entries,
                                                    statuses=states, lang=lang)))
    return _draw_gantt(sections, outlook, forecast.as_of, lang=lang,
                       note=_t("aggregated", lang, n=count) if aggregate else "", hidden=hidden)


def _draw_gantt(sections: list[tuple[Stage, list[_Row]]], outlook: dict[int, StageOutlook], as_of: dt.date, *,
                lang: Lang, note: str, hidden: int) -> str:
    label_w, plot_w, row_h, head_h, top = 270, 880, 18, 24, 74
    width = label_w + plot_w + 20
    rows_total = sum(len(rows) for _, rows in sections)
    height = top + rows_total * row_h + len(sections) * head_h + (40 if hidden else 20)
    days = [as_of, *(s.start for s, _ in sections), *(s.end for s, _ in sections)]
    for _, rows in sections:
        for r in rows:
            days += [r.planned[0], r.planned[1], *(r.projected or ())]
    start, end = min(days) - dt.timedelta(days=3), max(days) + dt.timedelta(days=6)
    span = (end - start).days

    def x(day: dt.date) -> float:
        return label_w + plot_w * (day - start).days / span

    title = _t("gantt", lang) + (f"（{note}）" if note and lang == "zh" else f" ({note})" if note else "")
    out = [(f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
            f'height="{height}" font-family="{_FONT}" font-size="12" role="img"><title>{_x(title)}</title>'),
           f'<text x="8" y="20" font-size="15" font-weight="bold" fill="#111827">{_x(title)}</text>']
    lx = 8.0
    swatches = (("window", '<rect x="{x}" y="32" width="22" height="12" rx="2" fill="#dbeafe"/>'),
                ("holds", f'<rect x="{{x}}" y="35" width="22" height="6" fill="{_BLUE}"/>'),
                ("slips", f'<rect x="{{x}}" y="35" width="22" height="6" fill="{_RED}"/>'),
                ("done", '<rect x="{x}" y="32" width="22" height="12" rx="2" fill="#bbf7d0"/>'),
                ("deadline", '<rect x="{x}" y="30" width="2.5" height="16" fill="#111827"/>'))
    for key, shape in swatches:
        out.append(shape.format(x=f"{lx:.0f}") + f'<text x="{lx + 28:.0f}" y="42" fill="#374151">'
                   f'{_x(_t(key, lang))}</text>')
        lx += 40 + _text_width(_t(key, lang))
    body_top, body_bottom = top, height - (30 if hidden else 10)
    months = [m for m in _months(start, end) if m >= start]
    every = max(1, -(-len(months) // 14))
    for i, month in enumerate(months):
        if i % every:
            continue
        out.append(f'<line x1="{x(month):.1f}" x2="{x(month):.1f}" y1="{body_top - 6}" y2="{body_bottom}" '
                   f'stroke="#e5e7eb"/><text x="{x(month) + 3:.1f}" y="{body_top - 8}" fill="#4b5563">'
                   f'{_x(_month_label(month, lang, month.month == 1 or i == 0))}</text>')
    y = float(body_top)
    for stage, rows in sections:
        out.append(_stage_head(stage, outlook.get(stage.number), y, group_h=head_h + len(rows) * row_h, x=x,
                               width=width, label_w=label_w, lang=lang))
        y += head_h
        for r in rows:
            out.append(_draw_row(r, y, row_h, label_w, x))
            y += row_h
    now = x(as_of)
    out.append(f'<line x1="{now:.1f}" x2="{now:.1f}" y1="{body_top - 22}" y2="{body_bottom}" stroke="{_ORANGE}" '
               f'stroke-width="1.5" stroke-dasharray="4 3"/><text x="{now + 4:.1f}" y="{body_top - 22}" '
               f'fill="{_ORANGE}" font-weight="bold">{_x(_t("today", lang, d=as_of.isoformat()))}</text>')
    if hidden:
        out.append(f'<text x="8" y="{height - 12}" fill="#4b5563">{_x(_t("more", lang, n=hidden))}</text>')
    out.append("</svg>")
    return "".join(out)


def _stage_head(stage: Stage, outlook: StageOutlook | None, y: float, *, group_h: float,
                x: Callable[[dt.date], float], width: int, label_w: int, lang: Lang) -> str:
    """A stage's band behind its rows, its header row, and where its end slips, by how much."""
    head_h = 24
    x0, x1 = x(stage.start), x(stage.end + dt.timedelta(days=1))
    out = [f'<rect x="{x0:.1f}" y="{y:.1f}" width="{x1 - x0:.1f}" height="{group_h}" fill="#f1f5f9"/>',
           f'<rect x="0" y="{y:.1f}" width="{width}" height="{head_h}" fill="#e2e8f0" fill-opacity="0.6"/>',
           f'<rect x="{x0:.1f}" y="{y + 4:.1f}" width="{x1 - x0:.1f}" height="{head_h - 8}" rx="3" fill="#64748b"/>']
    head = f"第{stage.number}阶段 {stage.name}" if lang == "zh" else f"Stage {stage.number} {stage.name}"
    out.append(f'<text x="8" y="{y + 16:.1f}" font-weight="bold" fill="#0f172a">{_x(_clip(head, label_w - 12))}'
               f"</text>")
    inside = None
    if outlook is not None and not outlook.holds:
        text = (f"阶段结束预计延至{outlook.latest_finish}（滞后{outlook.slip_workdays}个工作日）" if lang == "zh"
                else f"stage end projected {outlook.latest_finish} ({outlook.slip_workdays} working days late)")
        size = _text_width(text)
        if x1 + 6 + size < width - 4:
            out.append(f'<text x="{x1 + 6:.1f}" y="{y + 16:.1f}" font-weight="bold" fill="{_RED}">{_x(text)}</text>')
        elif x0 - 6 - size > label_w:
            out.append(f'<text x="{x0 - 6:.1f}" y="{y + 16:.1f}" text-anchor="end" font-weight="bold" '
                       f'fill="{_RED}">{_x(text)}</text>')
        else:  # no room beside the band: inside it, white on slate
            inside = text
            out.append(f'<text x="{x1 - 6:.1f}" y="{y + 16:.1f}" text-anchor="end" font-weight="bold" '
                       f'fill="#ffffff">{_x(text)}</text>')
    window = f"{stage.start} 至 {stage.end}" if lang == "zh" else f"{stage.start} … {stage.end}"
    if inside is None and _text_width(window, 11) + 12 < x1 - x0:
        out.append(f'<text x="{(x0 + x1) / 2:.1f}" y="{y + 16:.1f}" font-size="11" text-anchor="middle" '
                   f'fill="#ffffff">{_x(window)}</text>')
    return "".join(out)


_PLANNED_FILL = {"done": "#bbf7d0", "suspended": "#e5e7eb"}


def _draw_row(r: _Row, y: float, row_h: int, label_w: int, pos: Callable[[dt.date], float]) -> str:
    one = dt.timedelta(days=1)
    x0, x1 = pos(r.planned[0] + one), pos(r.planned[1] + one)
    colour = "#6b7280" if r.state in ("done", "suspended") else "#111827"
    parts = [f"<g><title>{_x(r.tip)}</title>",
             f'<text x="8" y="{y + 13:.1f}" fill="{colour}">{_x(_clip(r.label, label_w - 16))}</text>',
             (f'<rect x="{x0:.1f}" y="{y + 3:.1f}" width="{max(x1 - x0, 2):.1f}" height="{row_h - 6}" rx="2" '
              f'fill="{_PLANNED_FILL.get(r.state, "#dbeafe")}"/>')]
    if r.projected is not None:
        p0, p1 = pos(r.projected[0] + one), pos(r.projected[1] + one)
        parts.append(f'<rect x="{p0:.1f}" y="{y + 6:.1f}" width="{max(p1 - p0, 2):.1f}" height="{row_h - 12}" '
                     f'fill="{_RED if r.state == "slips" else _BLUE}"/>')
    parts.append(f'<rect x="{x1 - 1:.1f}" y="{y + 1:.1f}" width="2.5" height="{row_h - 2}" fill="#111827"/></g>')
    return "".join(parts)


def charts_page(plan: Plan, updates: Iterable[Update], forecast: Forecast, statuses: Mapping[str, Update] | None = None,
                *, lang: Lang = "zh") -> str:
    """A standalone HTML page with both charts, for checking them in a browser."""
    history = list(updates)
    title = "进度预测" if lang == "zh" else "Forecast"
    series = progress_series(plan, history, forecast)
    return (f'<!DOCTYPE html><html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">'
            f"<title>{_x(plan.name)} {_x(title)} {forecast.as_of}</title>"
            f"<style>body{{font-family:{_FONT};margin:16px;background:#fff}}figure{{margin:0 0 24px}}</style>"
            f"</head><body><h1>{_x(plan.name)} · {_x(title)} {forecast.as_of}</h1>"
            f'<figure id="plan-vs-actual">{plan_vs_actual_svg(series, lang=lang)}</figure>'
            f'<figure id="gantt">{gantt_svg(plan, forecast, statuses, lang=lang)}</figure></body></html>')
